"""Remember banks that passed every check, so they are neither parsed nor checked again.

Checking the core bank against its schema, and parsing its YAML, cost more than everything
else a headless command does. A bank whose exact bytes (by sha256) already passed every check
of this version of readiness passes again, so its plain data is kept as JSON in the user cache
folder and read back instead. The file is still read and hashed every time: a changed byte
means a full parse and check. Set READINESS_CACHE_DIR to move the folder, or to an empty
string to turn this off.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from readiness import __version__

ENV_DIR = "READINESS_CACHE_DIR"


def _folder() -> Path | None:
    if ENV_DIR in os.environ:
        return Path(os.environ[ENV_DIR]) / "checked" if os.environ[ENV_DIR] else None
    from platformdirs import user_cache_path

    return user_cache_path("readiness", appauthor=False) / "checked"


def _entry(digest: str) -> Path | None:
    folder = _folder()
    return folder / f"{digest}-{__version__}.json" if folder and digest else None


def passed_before(digest: str) -> dict[str, Any] | None:
    """The data of a bank with these bytes that passed every check under this version."""
    entry = _entry(digest)
    if entry is None:
        return None
    try:
        data = json.loads(entry.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def remember_passed(digest: str, data: dict[str, Any]) -> None:
    """Keep the data of a bank that passed; a failure to write is harmless."""
    entry = _entry(digest)
    if entry is None:
        return
    temp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(temp, entry)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
