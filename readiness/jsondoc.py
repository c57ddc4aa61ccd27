"""Answers files in JSON read by the json module, exactly as the YAML reader would read them.

JSON is YAML, so the YAML reader (:func:`readiness.bank.yamlsafe.load_text`) reads every
answers file, with placed messages. It is also twenty times slower than the json module, which
matters when thousands of files are scored at once. So JSON text that json reads exactly as the
YAML reader would (same data, nothing the YAML reader refuses) is read by json, and its places
are found only when a message needs one; anything else goes to the YAML reader.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path
from typing import Any

from readiness.bank.yamlsafe import MAX_DEPTH, Document, PathKey, decode, load_text
from readiness.errors import Finding
from readiness.jsonread import read_input_bytes


def read_document(path: Path | str, shown: str) -> Document:
    """A YAML or JSON file (``-`` is stdin) as a placed document, read as :func:`load_text` does.

    Reading JSON with the json module takes a twentieth of the time of the YAML reader, which
    matters when thousands of answers files are scored at once.
    """
    return parse_document(decode(read_input_bytes(path, shown), shown), shown)


def parse_document(text: str, shown: str) -> Document:
    """YAML or JSON text as a placed document: the same data and places as :func:`load_text`.

    Text that the json module reads exactly as the YAML reader would (JSON is YAML) is read by
    json; anything else, and every file with a problem, by the YAML reader, whose messages are
    placed. Places are found only when a message needs one.
    """
    if _reads_as_yaml(text):
        try:
            data = _DECODER.decode(text)
        except (ValueError, RecursionError, _NotAsYaml):
            pass  # the YAML reader refuses it with a placed message, or reads it as YAML
        else:
            if type(data) is dict and not _deeper_than(data, MAX_DEPTH - 1, text):
                return _JsonDocument(shown, data, text)
    return load_text(text, shown)


class _NotAsYaml(Exception):
    """JSON that the YAML reader reads otherwise, or refuses: it is left to the YAML reader."""


def _reads_as_yaml(text: str) -> bool:
    """Whether JSON ``text`` holds nothing the YAML reader reads otherwise (or refuses).

    Each check is a separate scan: one pattern of all of them costs more than reading the file.
    """
    return (
        text.lstrip(" \n\r")[:1] == "{"
        and _printable(text)
        and ("\r" not in text or not _LONE_CR.search(text))  # a lone CR: another line count
        and ("\\u" not in text or not _SURROGATE.search(text))  # json pairs them, YAML does not
        and not _KEY_APART.search(text)  # a key far from its colon: YAML's simple-key limits
        and " " * 64 + ":" not in text
    )


def _printable(text: str) -> bool:
    """Whether every character is one YAML reads as is: no tab, no control character, no NEL
    or line separator (those are read as line breaks), no BOM; line breaks aside."""
    if text.isascii():  # the usual case, checked in C without a pattern
        return text.replace("\n", "").replace("\r", "").isprintable()
    return not _NOT_PRINTABLE.search(text)


_NOT_PRINTABLE = re.compile(
    r"[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_LONE_CR = re.compile(r"\r(?!\n)")
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_KEY_APART = re.compile(r'"[ \r]*\n[ \r\n]*:')
_YAML_FLOAT = re.compile(r"-?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?")
"""JSON numbers that YAML 1.1 reads as floats; it reads ``1e5`` or ``1.5e5`` as text."""
_KEY_MAX = 150
"""Longer keys (up to six characters each when escaped) may pass YAML's 1024-character limit."""


def _not_as_yaml(literal: str) -> Any:
    raise _NotAsYaml(literal)


def _yaml_float(literal: str) -> float:
    value = float(literal)
    if not (_YAML_FLOAT.fullmatch(literal) and math.isfinite(value)):
        raise _NotAsYaml(literal)
    return value


def _yaml_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object; a repeated or very long key leaves the file to the YAML reader."""
    data = dict(pairs)
    if len(data) != len(pairs) or max(map(len, data), default=0) > _KEY_MAX:
        raise _NotAsYaml("key")
    return data


def _deeper_than(data: Any, levels: int, text: str) -> bool:
    """Whether objects and lists nest more than ``levels`` deep (the YAML reader's limit)."""
    if text.count("{") + text.count("[") <= levels:  # too few brackets (some may be text)
        return False
    layer = [data]
    for _ in range(levels):
        layer = [
            item
            for box in layer
            for item in (box.values() if type(box) is dict else box)
            if type(item) is dict or type(item) is list
        ]
        if not layer:
            return False
    return True


_DECODER = json.JSONDecoder(
    parse_constant=_not_as_yaml, parse_float=_yaml_float, object_pairs_hook=_yaml_keys
)


class _JsonDocument(Document):
    """A document read by json. A value is placed only when a message needs its place: most
    files need none, and placing every value would cost more than reading the file."""

    def __init__(self, path: str, data: dict[str, Any], text: str) -> None:
        super().__init__(path, data)
        self._text = text
        self._spans: dict[PathKey, tuple[int, int]] = {}
        """Where each value found so far begins and ends in the text."""
        self._keys: dict[PathKey, int] = {}
        self._opened: set[PathKey] = set()
        self._breaks: list[int] | None = None

    def place(self, where: PathKey) -> tuple[int, int]:
        self._find(tuple(where))
        return super().place(where)

    def finding(self, where: PathKey, message: str, at_key: bool = False) -> Finding:
        self._find(tuple(where))
        return super().finding(where, message, at_key)

    def _find(self, where: PathKey) -> None:
        """Place ``where`` and its ancestors: each found by its key where that is quick, else
        by opening its container once."""
        if not self._spans:
            self._spans[()] = (_skip(self._text), len(self._text))
        found = 0
        for depth in range(1, len(where) + 1):
            path, parent = where[:depth], where[: depth - 1]
            if (
                path not in self._spans
                and not self._seek(parent, where[depth - 1])
                and parent not in self._opened
            ):
                self._open(parent)
            if path not in self._spans:
                break
            found = depth
        for depth in range(found + 1):
            path = where[:depth]
            if path not in self.places:
                self.places[path] = self._at(self._spans[path][0])
            if path in self._keys and path not in self.key_places:
                self.key_places[path] = self._at(self._keys[path])

    def _seek(self, parent: PathKey, key: str | int) -> bool:
        """Find one key of an object with no object inside it (such as ``answers``) by its
        text: there every ``"key":`` not after a backslash is one of its keys."""
        start, end = self._spans[parent]
        text = self._text
        if type(key) is not str or _ESCAPED.search(key) or text[start] != "{":
            return False
        if text.find("{", start + 1, end) >= 0:
            return False
        needle = f'"{key}"'
        at = text.find(needle, start, end)
        while at >= 0:
            colon = _skip(text, at + len(needle))
            backslashes = at - len(text[:at].rstrip("\\")) if text[at - 1] == "\\" else 0
            if text[colon] == ":" and backslashes % 2 == 0:
                value = _skip(text, colon + 1)
                self._keys[(*parent, key)] = at
                self._spans[(*parent, key)] = (value, _SCAN(text, value)[1])
                return True
            at = text.find(needle, at + 1, end)
        return False  # written with escapes, perhaps

    def _open(self, path: PathKey) -> None:
        """Find where the keys and values directly inside the container at ``path`` are."""
        self._opened.add(path)
        text, index = self._text, self._spans[path][0]
        opener = text[index]
        if opener not in "{[":
            return
        closer = "}" if opener == "{" else "]"
        index = _skip(text, index + 1)
        number = 0
        while text[index] != closer:
            if opener == "{":
                key, end = _SCAN(text, index)
                child: PathKey = (*path, key)
                self._keys[child] = index
                found = _COLON(text, end)
                index = found.end() if found else end
            else:
                child, number = (*path, number), number + 1
            end = _SCAN(text, index)[1]
            self._spans[child] = (index, end)
            found = _COMMA(text, end)
            index = found.end() if found else end

    def _at(self, index: int) -> tuple[int, int]:
        """The 1-based line and column of a character, as the YAML reader counts them."""
        if self._breaks is None:
            self._breaks = [found.end() for found in re.finditer("\\n", self._text)]
        line = bisect_right(self._breaks, index)
        return line + 1, index - (self._breaks[line - 1] if line else 0) + 1


_ESCAPED = re.compile(r'["\\\x00-\x1f]')
"""Characters JSON writes escaped in a key: such a key is found by opening its object."""
_SPACE = re.compile(r"[ \n\r]*")
_COLON = re.compile(r"[ \n\r]*:[ \n\r]*").match
_COMMA = re.compile(r"[ \n\r]*,?[ \n\r]*").match
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
"""json's own (C) scanner: the value that starts at an index, and where it ends."""


def _skip(text: str, index: int = 0) -> int:
    """The index of the first character at or after ``index`` that is not JSON white space."""
    found = _SPACE.match(text, index)
    return found.end() if found else index
