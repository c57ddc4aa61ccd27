"""Results on disk: validated before writing, written atomically, readable by the owner only.

A result holds sensitive organisational information, and a crash must never leave half a file.
So data is checked against its schema first (nothing is written when it fails), written to a
private temporary file beside the target, flushed to disk, then renamed over the target. Only
regular files are ever replaced, and ``-`` names standard output (and, for reading, input).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import sys
import time
from pathlib import Path
from typing import Any

from readiness import schemas
from readiness.errors import ReadinessError, UsageError
from readiness.jsonread import STDIN as STDIO
from readiness.jsonread import JsonFile as JsonFile
from readiness.jsonread import open_json as open_json
from readiness.jsonread import read_input_bytes as read_input_bytes
from readiness.jsonread import read_json as read_json


def dumps(data: Any) -> str:
    """The one JSON text of ``data``: indented, UTF-8 as is, ending in a newline."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_json_atomic(path: Path, data: Any, *, schema: str | None = None) -> None:
    """Write ``data`` as JSON, after checking it against the packaged ``schema`` when given.

    Raises:
        ReadinessError: The data does not fit the schema; nothing is written.
        UsageError: The folder is missing or not writable.
    """
    if schema is not None:
        ensure_valid(data, schema, str(path))
    write_text_atomic(Path(path), dumps(data))


def write_output(output: str | None, text: str) -> None:
    """Write a command's output to ``-o FILE`` (atomically, owner-only), else to stdout."""
    write_text_atomic(Path(output or STDIO), text)


def ensure_valid(data: Any, schema: str, target: str) -> None:
    """Raise :class:`ReadinessError` unless ``data`` fits the packaged ``schema``.

    The data was built by the program, so a problem here is a bug: the message says so and
    that nothing was written to ``target``.
    """
    problems = schemas.check_data(data, schema)
    if problems:
        raise ReadinessError(
            f"{target}: nothing was written: the {schema} does not fit its schema "
            "(a bug in readiness; please report it): " + "; ".join(problems[:5])
        )


def write_text_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step; the file is readable by the owner only.

    ``mkstemp`` creates the temporary file with mode 0o600, and the rename keeps it. ``-`` is
    standard output. Anything but a regular file (a folder, a named pipe, a device such as
    /dev/null) is refused: a rename would put a file in its place.
    """
    if str(path) == STDIO:
        sys.stdout.write(text)
        return
    path = Path(path)
    folder = path.parent
    ensure_utf8(text, str(path))
    refuse_special(path)
    handle, temp = _temporary(folder, path.name, str(path))
    try:
        _write(handle, text)
        os.replace(temp, path)
        _sync_folder(folder)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write ({exc.strerror}); nothing was changed") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def ensure_utf8(text: str, target: str) -> bytes:
    """Refuse, before touching the disk, text that cannot be saved as UTF-8; else its bytes.

    Only a lone surrogate cannot, such as a byte that was not UTF-8 read from a terminal with
    errors="surrogateescape", or a "\\ud800" escape read from a JSON file.
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise ReadinessError(
            f"{target}: nothing was written: the text holds {bad!r}, which is not a character "
            "(half of a pair, or a byte that was not UTF-8); remove it from the input"
        ) from None


def refuse_special(path: Path) -> None:
    """Raise :class:`UsageError` when ``path`` exists and is not a regular file."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # not there (or a dangling link): the write says what is wrong, if anything
        return
    if stat.S_ISREG(mode):
        return
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
    )
    kind = next((name for test, name in kinds if test(mode)), "a device")
    raise UsageError(
        f"{path}: is {kind}, not a regular file, and readiness writes only regular files; "
        f"give a file name, or '{STDIO}' for standard output"
    )


TEMP_SUFFIX = ".readiness.tmp"
STALE_AFTER = 3600
"""Seconds after which a temporary file of ours is a leftover of a killed process."""
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))
_swept: set[str] = set()


def _temporary(folder: Path, name: str, shown: str) -> tuple[int, str]:
    """A new private (0o600) temporary file in ``folder``, under an unpredictable name."""
    import tempfile  # only when writing: it costs start-up time for commands that read

    sweep_stale_temporaries(folder)
    try:
        return tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise UsageError(
            f"{shown}: cannot write here ({exc.strerror}); "
            "check that the folder exists and is writable"
        ) from None


def sweep_stale_temporaries(folder: Path) -> None:
    """Remove temporary files of ours that a killed process left in ``folder``.

    Only names of our own pattern, regular files of this user, untouched for an hour: a write
    under way elsewhere is never disturbed. Once per folder and process.
    """
    key = os.path.abspath(folder)
    if key in _swept:
        return
    _swept.add(key)
    cutoff = time.time() - STALE_AFTER
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.name.endswith(TEMP_SUFFIX) and _TEMP_NAME.fullmatch(entry.name)):
                continue
            with contextlib.suppress(OSError):
                found = entry.stat(follow_symlinks=False)
                mine = uid is None or found.st_uid == uid
                if stat.S_ISREG(found.st_mode) and mine and found.st_mtime < cutoff:
                    os.unlink(entry.path)


def _write(handle: int, text: str) -> None:
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def write_new_text(folder: Path, stem: str, suffix: str, text: str) -> Path:
    """Write ``text`` under a name not yet taken: stem.json, stem-2.json, ...; returns it.

    The name is claimed with a hard link from a finished temporary file, which fails when the
    name exists, so two people finishing at the same moment never overwrite each other and
    no reader ever sees half a file. Where the filesystem has no hard links, see :func:`_claim`.
    """
    folder = Path(folder)
    suffix = suffix if suffix.startswith(".") or not suffix else f".{suffix}"
    ensure_utf8(text, str(folder / f"{stem}{suffix}"))
    handle, temp = _temporary(folder, stem, str(folder))
    try:
        _write(handle, text)
        for number in range(1, 10_000):
            candidate = folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
            if _claim(temp, candidate, text):
                _sync_folder(folder)
                return candidate
        raise UsageError(f"{folder}: too many files called {stem}*{suffix}; tidy the folder")
    except OSError as exc:
        raise UsageError(f"{folder}: cannot write ({exc.strerror}); nothing was changed") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}


def _claim(temp: str, candidate: Path, text: str) -> bool:
    """Give the finished ``temp`` the name ``candidate``; False when that name is taken.

    FAT, exFAT and many network shares have no hard links. There the name is claimed by
    creating it exclusively (which also fails when it exists), and the finished temporary file
    is renamed over it: a reader sees at most an empty file for a moment, never half of one.
    Should that rename fail too, the text is written into the claimed file and flushed.
    """
    try:
        os.link(temp, candidate)
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
    try:
        handle = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    try:
        os.replace(temp, candidate)
    except OSError:
        try:
            _write(handle, text)  # closes the handle
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(candidate)
            raise
        return True
    os.close(handle)
    return True


def write_new_json(folder: Path, stem: str, data: Any, *, schema: str) -> Path:
    """Check ``data`` against ``schema``, then :func:`write_new_text` it as ``stem.json``."""
    ensure_valid(data, schema, str(Path(folder) / f"{stem}.json"))
    return write_new_text(folder, stem, ".json", dumps(data))
