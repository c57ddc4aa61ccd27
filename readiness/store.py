"""Results on disk: validated before writing, written atomically, readable by the owner only.

A result holds sensitive organisational information, and a crash must never leave half a file.
So data is checked against its schema first (nothing is written when it fails), written to a
private temporary file beside the target, flushed to disk, then renamed over the target.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness import schemas
from readiness.bank.yamlsafe import decode, load_text, read_bytes
from readiness.errors import Finding, ReadinessError, ResultFileError, UsageError


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
    if output:
        write_text_atomic(Path(output), text)
    else:
        sys.stdout.write(text)


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

    ``mkstemp`` creates the temporary file with mode 0o600, and the rename keeps it.
    """
    import tempfile  # only when writing: it costs start-up time for commands that read

    path = Path(path)
    folder = path.parent
    ensure_utf8(text, str(path))
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(
            f"{path}: cannot write here ({exc.strerror}); "
            "check that the folder exists and is writable"
        ) from None
    try:
        _write(handle, text)
        os.replace(temp, path)
        _sync_folder(folder)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write ({exc.strerror}); nothing was changed") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def ensure_utf8(text: str, target: str) -> None:
    """Refuse, before touching the disk, text that cannot be saved as UTF-8.

    Only a lone surrogate cannot, such as a byte that was not UTF-8 read from a terminal with
    errors="surrogateescape", or a "\\ud800" escape read from a JSON file.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise ReadinessError(
            f"{target}: nothing was written: the text holds {bad!r}, which is not a character "
            "(half of a pair, or a byte that was not UTF-8); remove it from the input"
        ) from None


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
    no reader ever sees half a file.
    """
    import tempfile

    folder = Path(folder)
    suffix = suffix if suffix.startswith(".") or not suffix else f".{suffix}"
    ensure_utf8(text, str(folder / f"{stem}{suffix}"))
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{stem}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(
            f"{folder}: cannot write here ({exc.strerror}); "
            "check that the folder exists and is writable"
        ) from None
    try:
        _write(handle, text)
        for number in range(1, 10_000):
            candidate = folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
            with contextlib.suppress(FileExistsError):
                os.link(temp, candidate)
                _sync_folder(folder)
                return candidate
        raise UsageError(f"{folder}: too many files called {stem}*{suffix}; tidy the folder")
    except OSError as exc:
        raise UsageError(f"{folder}: cannot write ({exc.strerror}); nothing was changed") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def write_new_json(folder: Path, stem: str, data: Any, *, schema: str) -> Path:
    """Check ``data`` against ``schema``, then :func:`write_new_text` it as ``stem.json``."""
    ensure_valid(data, schema, str(Path(folder) / f"{stem}.json"))
    return write_new_text(folder, stem, ".json", dumps(data))


@dataclass(frozen=True)
class JsonFile:
    """A JSON file read safely, not yet checked against a schema.

    Attributes:
        shown: The file as the user named it, for messages.
        text: Its text, kept to place schema findings by line only when there are some.
    """

    shown: str
    text: str
    data: dict[str, Any]

    def check(self, schema: str) -> dict[str, Any]:
        """The data, or :class:`ResultFileError` with one placed finding per problem."""
        problems = schemas.check_data(self.data, schema)
        if not problems:
            return self.data
        raise ResultFileError(
            f"{self.shown}: not a valid {schema} file", self._findings(schema, problems)
        )

    def _findings(self, schema: str, problems: list[str]) -> tuple[Finding, ...]:
        """Findings placed by line when the text parses as a placed document, else by path."""
        try:
            placed = schemas.check(load_text(self.text, self.shown), schema)
        except ReadinessError:
            placed = []
        found = tuple(placed) or tuple(Finding(self.shown, 0, 0, p) for p in problems)
        hint = (
            f"this is not a {schema} file this version of readiness can read; "
            f"'readiness schema {schema}' describes the format"
        )
        return (*found, Finding(self.shown, 0, 0, hint))


def open_json(path: Path, shown: str | None = None) -> JsonFile:
    """Read a JSON file safely (size limit, UTF-8, top level an object)."""
    shown = shown or str(path)
    text = decode(read_bytes(Path(path), shown), shown)
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except _NotJson as exc:
        raise ResultFileError("", (_placed(shown, text, exc.at, exc.message),)) from None
    except json.JSONDecodeError as exc:
        raise ResultFileError(
            "",
            (
                Finding(
                    shown,
                    exc.lineno,
                    exc.colno,
                    f"not valid JSON: {exc.msg}; is the file complete?",
                ),
            ),
        ) from None
    except RecursionError:
        raise ResultFileError(f"{shown}: the JSON is nested too deeply to read") from None
    if not isinstance(data, dict):
        raise ResultFileError(
            f"{shown}: the top level should be a JSON object, not {type(data).__name__}"
        )
    _refuse_lone_surrogates(text, data, shown)
    return JsonFile(shown, text, data)


class _NotJson(ValueError):
    """Something Python's json module reads but JSON does not allow."""

    def __init__(self, message: str, at: re.Pattern[str]) -> None:
        super().__init__(message)
        self.message = message
        self.at = at


_CONSTANT = re.compile(r"(?<=[:\[,\s])(-?Infinity|NaN)\b")
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _refuse_constant(name: str) -> Any:
    """NaN and Infinity are not JSON, and other tools cannot read them: refuse them."""
    raise _NotJson(f"{name} is not a JSON number; write a number, or null", _CONSTANT)


def _refuse_lone_surrogates(text: str, data: Any, shown: str) -> None:
    """An escape such as \\ud800 alone is not a character: it cannot be written out again."""
    if not _SURROGATE.search(text):
        return
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        message = "an escaped half of a character pair (a lone \\ud800-\\udfff); remove it"
        raise ResultFileError("", (_placed(shown, text, _SURROGATE, message),)) from None


def _placed(shown: str, text: str, pattern: re.Pattern[str], message: str) -> Finding:
    """A finding at the first match of ``pattern`` in ``text`` (its line and column)."""
    found = pattern.search(text)
    if found is None:
        return Finding(shown, 0, 0, message)
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return Finding(shown, line, column, message)


def read_json(path: Path, *, schema: str, shown: str | None = None) -> dict[str, Any]:
    """A JSON file's data, checked against the packaged ``schema``.

    Raises:
        UsageError: The file is missing (exit 2).
        ResultFileError: It is not JSON, or does not fit the schema, with file and place.
    """
    return open_json(path, shown).check(schema)
