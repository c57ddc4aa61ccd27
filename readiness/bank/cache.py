"""Remember banks that passed every check, so they are neither parsed nor checked again.

Checking the core bank against its schema, and parsing its YAML, cost more than everything
else a headless command does. A bank whose exact bytes (by sha256) already passed every check
of this version of readiness passes again, so its plain data is kept as JSON in the user cache
folder and read back instead. The file is still read and hashed every time: a changed byte
means a full parse and check. Set READINESS_CACHE_DIR to move the folder, or to an empty
string to turn this off.

An entry is only a shortcut, so anything odd about one makes it a miss, never an error: it
must be a regular file of this user (not a link), hold the bank's digest and this version, and
its data must still have the sha256 it was written with and the keys every bank has. Entries
are written to an unpredictable temporary name in the folder, then renamed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from readiness import __version__

ENV_DIR = "READINESS_CACHE_DIR"
FORMAT = "readiness-checked/2"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _folder() -> Path | None:
    if ENV_DIR in os.environ:
        return Path(os.environ[ENV_DIR]) / "checked" if os.environ[ENV_DIR] else None
    from platformdirs import user_cache_path

    return user_cache_path("readiness", appauthor=False) / "checked"


def _entry(digest: str) -> Path | None:
    folder = _folder()
    # The format is in the name too, so a copy of readiness with the same version string but
    # the entries of before never reads one of these (and this one never reads theirs).
    return folder / f"{digest}-{__version__}-2.json" if folder and digest else None


def passed_before(digest: str) -> dict[str, Any] | None:
    """The data of a bank with these bytes that passed every check under this version."""
    entry = _entry(digest)
    if entry is None:
        return None
    try:
        envelope = json.loads(_read_own_file(entry))
    except (OSError, ValueError, RecursionError):
        return None
    return _checked_data(envelope, digest)


def remember_passed(digest: str, data: dict[str, Any]) -> None:
    """Keep the data of a bank that passed; a failure to write is harmless."""
    import tempfile  # only when writing: it costs start-up time

    entry = _entry(digest)
    if entry is None:
        return
    text = json.dumps(data, ensure_ascii=False)
    envelope = {
        "format": FORMAT,
        "digest": digest,
        "version": __version__,
        "data_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "data": data,
    }
    temp = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=f".{entry.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps(envelope, ensure_ascii=False))
        os.replace(temp, entry)
        temp = None
    except (OSError, ValueError):
        pass
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _read_own_file(entry: Path) -> str:
    """The text of ``entry`` if it is a regular file of this user, not a link; else OSError."""
    handle = os.open(entry, os.O_RDONLY | _NOFOLLOW)
    with os.fdopen(handle, "rb") as source:
        found = os.fstat(source.fileno())
        mine = not hasattr(os, "geteuid") or found.st_uid == os.geteuid()
        if not (stat.S_ISREG(found.st_mode) and mine and found.st_size <= MAX_ENTRY_BYTES):
            raise OSError("not a cache entry of this user")
        return source.read().decode("utf-8")


def _checked_data(envelope: Any, digest: str) -> dict[str, Any] | None:
    """The bank data in ``envelope``, or None unless every part of it is as it was written."""
    if not isinstance(envelope, dict):
        return None
    if (envelope.get("format"), envelope.get("digest"), envelope.get("version")) != (
        FORMAT,
        digest,
        __version__,
    ):
        return None
    data = envelope.get("data")
    if not isinstance(data, dict) or not _has_bank_keys(data):
        return None
    text = json.dumps(data, ensure_ascii=False)
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != envelope.get("data_sha256"):
        return None
    return data


def _has_bank_keys(data: dict[str, Any]) -> bool:
    """Whether ``data`` has the keys the bank schema requires (a cheap guard, not a check)."""
    from readiness import schemas

    return all(key in data for key in schemas.schema("bank").get("required", ()))
