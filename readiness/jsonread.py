"""Reading JSON files safely: results, groups and sessions, from a file or standard input.

Python's json module accepts what JSON does not (NaN, Infinity, numbers too large for a float,
a repeated key, of which it keeps the last) and raises plain ValueErrors for integers of more
than 4,300 digits. Every such case here is one finding naming the file and, where it can, the
line and column, so a reader of results never shows a traceback and never guesses.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path
from typing import Any

from msgspec import Struct

from readiness import schemas
from readiness.bank.yamlsafe import MAX_BYTES, decode, digits_message, load_text, read_bytes
from readiness.errors import Finding, InputError, ReadinessError, ResultFileError, UsageError

STDIN = "-"
"""The file name that means standard input."""
STDIN_SHOWN = "stdin"


class JsonFile(Struct, frozen=True):
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


def open_json(path: Path | str, shown: str | None = None) -> JsonFile:
    """Read a JSON file safely (size limit, UTF-8, top level an object); ``-`` is stdin."""
    if str(path) == STDIN and shown in (None, STDIN):
        shown = STDIN_SHOWN
    shown = shown or str(path)
    return parse_json(decode(read_input_bytes(path, shown), shown), shown)


def read_input_bytes(path: Path | str, shown: str) -> bytes:
    """The bytes of a file, or of standard input when ``path`` is ``-``, within the size limit."""
    if str(path) != STDIN:
        return read_bytes(Path(path), shown)
    stream = sys.stdin
    if stream is None or stream.closed:
        raise UsageError(f"{shown}: there is no standard input to read; give a file name")
    if stream.isatty():
        raise UsageError(
            f"'{STDIN}' reads from standard input, but nothing is piped in; "
            "e.g. 'cat result.json | readiness report -', or give a file name"
        )
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        raw = buffer.read(MAX_BYTES + 1)
    else:  # a text stream without bytes underneath (as in some test harnesses)
        raw = stream.read(MAX_BYTES + 1).encode("utf-8", "surrogateescape")
    if len(raw) > MAX_BYTES:
        raise InputError(f"{shown}: the input is over the {MAX_BYTES / 1e6:.0f} MB limit")
    return bytes(raw)


def parse_json(text: str, shown: str) -> JsonFile:
    """JSON text as a :class:`JsonFile`, or :class:`ResultFileError` with one placed finding."""
    try:
        data = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_float=_finite_float,
            object_pairs_hook=_unique_keys,
        )
    except _NotJson as exc:
        raise ResultFileError(
            "", (_placed(shown, text, exc.at, exc.message, exc.inside),)
        ) from None
    except _DuplicateKey as exc:
        raise ResultFileError("", (_duplicate(shown, text, exc.key),)) from None
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg}; is the file complete?"
        raise ResultFileError("", (Finding(shown, exc.lineno, exc.colno, message),)) from None
    except ValueError as exc:  # an integer of more digits than Python turns into a number
        raise ResultFileError("", (_too_long(shown, text, exc),)) from None
    except RecursionError:
        raise ResultFileError(f"{shown}: the JSON is nested too deeply to read") from None
    if not isinstance(data, dict):
        raise ResultFileError(
            f"{shown}: the top level should be a JSON object, not {type(data).__name__}"
        )
    _refuse_lone_surrogates(text, data, shown)
    return JsonFile(shown, text, data)


class _NotJson(Exception):
    """Something Python's json module reads but JSON, or a reader of results, does not allow."""

    def __init__(self, message: str, at: re.Pattern[str], inside: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.at = at
        self.inside = inside


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


_CONSTANT = re.compile(r"(?<=[:\[,\s])(-?Infinity|NaN)\b")
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _refuse_constant(name: str) -> Any:
    """NaN and Infinity are not JSON, and other tools cannot read them: refuse them."""
    raise _NotJson(f"{name} is not a JSON number; write a number, or null", _CONSTANT)


def _finite_float(literal: str) -> float:
    """A number such as 1e999 is read as infinity, which cannot be written out again."""
    value = float(literal)
    if math.isfinite(value):
        return value
    shown = literal if len(literal) <= 24 else f"{literal[:20]}..."
    message = f"the number {shown} is too large for a number here; write a smaller one"
    raise _NotJson(message, re.compile(re.escape(literal)))


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object, refusing a repeated key (Python would silently keep the last)."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return data


def _duplicate(shown: str, text: str, key: str) -> Finding:
    """The repeated key's place, as the YAML reader finds it (JSON is YAML)."""
    message = f"duplicate key {key!r}; each key may appear once in an object"
    try:
        load_text(text, shown)
    except ReadinessError as error:
        for found in error.findings:
            if found.message.startswith("duplicate key"):
                return Finding(shown, found.line, found.column, message)
    return Finding(shown, 0, 0, message)


def _too_long(shown: str, text: str, exc: ValueError) -> Finding:
    limit = sys.get_int_max_str_digits()
    if not limit:
        return Finding(shown, 0, 0, f"not valid JSON: {exc}")
    pattern = re.compile(rf"-?[0-9]{{{limit + 1},}}")
    found = _first(text, pattern)
    literal = found.group() if found else "0" * (limit + 1)
    return _placed(shown, text, pattern, digits_message(literal))


def _refuse_lone_surrogates(text: str, data: Any, shown: str) -> None:
    """An escape such as \\ud800 alone is not a character: it cannot be written out again."""
    if not _SURROGATE.search(text):
        return
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        message = "an escaped half of a character pair (a lone \\ud800-\\udfff); remove it"
        raise ResultFileError("", (_placed(shown, text, _SURROGATE, message, True),)) from None


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _first(text: str, pattern: re.Pattern[str], inside: bool = False) -> re.Match[str] | None:
    """The first match of ``pattern`` outside JSON strings (inside one, when ``inside``)."""
    strings = iter(_STRING.finditer(text))
    current = next(strings, None)
    for found in pattern.finditer(text):
        while current is not None and current.end() <= found.start():
            current = next(strings, None)
        if (current is not None and current.start() < found.start()) == inside:
            return found
    return None


def _placed(
    shown: str, text: str, pattern: re.Pattern[str], message: str, inside: bool = False
) -> Finding:
    """A finding at the first match of ``pattern`` outside strings (inside, when ``inside``)."""
    found = _first(text, pattern, inside)
    if found is None:
        return Finding(shown, 0, 0, message)
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return Finding(shown, line, column, message)


def read_json(path: Path | str, *, schema: str, shown: str | None = None) -> dict[str, Any]:
    """A JSON file's data (``-`` is stdin), checked against the packaged ``schema``.

    Raises:
        UsageError: The file is missing (exit 2).
        ResultFileError: It is not JSON, or does not fit the schema, with file and place.
    """
    return open_json(path, shown).check(schema)
