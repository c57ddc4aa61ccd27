"""Safe, bounded YAML (and JSON) reading that remembers where every value came from.

PyYAML's loaders either construct arbitrary objects or recurse without limit. This module builds
plain data (dict, list, str, int, float, bool, None) straight from the parser's event stream, in
one iterative pass, so it can refuse what a hostile file tries (object tags, duplicate keys,
alias bombs, deep nesting, huge files) with a message naming the line, and record the line and
column of every value for later error messages.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.errors import Finding, InputError, UsageError

if TYPE_CHECKING:  # PyYAML is imported when YAML is read: a JSON answers file never needs it
    import yaml
    from yaml import events as ev

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
MAX_ALIAS_NODES = 100_000

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null")}
_CONTAINER_TAGS = {_TAG + "map", _TAG + "seq"}
_AS_TEXT_TAGS = {_TAG + t for t in ("timestamp", "merge", "value")}

PathKey = tuple[str | int, ...]


@dataclass
class Document:
    """Plain data read from a file, with the place of each value.

    Attributes:
        path: The file as the user named it, for messages.
        data: The top-level mapping.
        places: 1-based (line, column) of each value, keyed by its path in the document.
    """

    path: str
    data: dict[str, Any]
    places: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_places: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def place(self, where: PathKey) -> tuple[int, int]:
        """The line and column of ``where``, or of its nearest ancestor that has one."""
        where = tuple(where)
        while where:
            if where in self.places:
                return self.places[where]
            where = where[:-1]
        return self.places.get((), (1, 1))

    def finding(self, where: PathKey, message: str, at_key: bool = False) -> Finding:
        """A finding at ``where`` (at its key rather than its value when ``at_key``)."""
        where = tuple(where)
        line, column = (
            self.key_places[where] if at_key and where in self.key_places else self.place(where)
        )
        return Finding(self.path, line, column, message, format_path(where))


def format_path(where: PathKey) -> str:
    """``('questions', 3, 'scale')`` as ``questions[3].scale``."""
    out = ""
    for part in where:
        if not isinstance(part, int) and not str(part).isprintable():
            part = repr(part)  # a key holding a line break or control character stays on one line
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_bytes(path: Path, shown: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file, refusing one that is missing, a folder or too large."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UsageError(f"{shown}: is a folder, not a file")
        if size > max_bytes:
            raise InputError(
                f"{shown}: the file is {size / 1e6:.1f} MB; the limit is "
                f"{max_bytes / 1e6:.0f} MB. Split it or remove what is not needed."
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise UsageError(f"{shown}: no such file") from None
    except PermissionError:
        raise UsageError(f"{shown}: permission denied; check the file's permissions") from None
    except IsADirectoryError:
        raise UsageError(f"{shown}: is a folder, not a file") from None
    except OSError as exc:
        raise UsageError(f"{shown}: cannot be read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(f"{shown}: the file is over the {max_bytes / 1e6:.0f} MB limit")
    return data


def decode(raw: bytes, shown: str) -> str:
    """UTF-8 text, or an error naming the line of the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            "",
            (Finding(shown, line, column, "the file is not UTF-8 text; save it as UTF-8"),),
        ) from None
    return text.removeprefix("\ufeff")


def load_file(path: Path | str, shown: str | None = None) -> Document:
    """Read a YAML or JSON file safely into a :class:`Document` (top level a mapping)."""
    path = Path(path)
    shown = shown or str(path)
    return load_text(decode(read_bytes(path, shown), shown), shown)


def load_text(text: str, shown: str) -> Document:
    """Parse YAML (JSON is YAML) text into a :class:`Document`."""
    import yaml

    from readiness.bank.yamlsyntax import reader_finding

    builder = _Builder(shown)
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        raise InputError("", (_parse_finding(exc, text, shown),)) from None
    except yaml.reader.ReaderError as exc:
        raise InputError("", (reader_finding(exc, text, shown),)) from None
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())
        raise InputError("", (Finding(shown, 0, 0, f"malformed YAML: {problem}"),)) from None
    except RecursionError:
        raise InputError(f"{shown}: the file is nested too deeply to read") from None
    return builder.document()


TOO_DEEP = f"nesting is deeper than {MAX_DEPTH} levels; flatten the file"


def _parse_finding(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Finding:
    """A parser error as one placed line; a nesting limit of PyYAML's own says it in our words.

    PyYAML 6.0.4's scanner reads ahead up to a thousand brackets before we see one event, and
    stops at its own limit with its own wording; the user should see the same line either way.
    """
    words = f"{exc.context or ''} {exc.problem or ''}"
    mark = exc.problem_mark or exc.context_mark
    if "nesting" in words and mark is not None:
        return Finding(shown, mark.line + 1, mark.column + 1, TOO_DEEP)
    from readiness.bank.yamlsyntax import syntax_finding

    return syntax_finding(exc, text, shown)


def too_many_digits(value: Any) -> bool:
    """An integer Python refuses to turn into text (over 4,300 digits unless configured).

    Hexadecimal, octal and sexagesimal YAML numbers are read without that limit, so such a
    number is read, and fails only later, when a message or a result tries to show it.
    """
    limit = sys.get_int_max_str_digits()
    return bool(limit) and type(value) is int and abs(value) >= _power_of_ten(limit)


@cache
def _power_of_ten(digits: int) -> int:
    power: int = 10**digits
    return power


def digits_message(literal: str) -> str:
    """What to do about a number too long to use, ``literal`` shortened."""
    shown = literal if len(literal) <= 24 else f"{literal[:20]}..."
    limit = sys.get_int_max_str_digits()
    return f"the number {shown} is too large (over {limit} decimal digits); write a smaller one"


def _new_item_hint(path: PathKey) -> str:
    """In a list item, a repeated key most often starts a new item that lacks its '- '."""
    if path and isinstance(path[-1], int):
        return " (to start a new item of the list, begin the line with '- ')"
    return ""


@dataclass
class _Open:
    """A mapping or sequence being built."""

    value: dict[str, Any] | list[Any]
    path: PathKey
    anchor: str | None
    nodes_before: int
    key: str | None = None


class _Builder:
    """Turns parser events into plain data, enforcing the limits as it goes."""

    def __init__(self, shown: str) -> None:
        from yaml import events
        from yaml.constructor import ConstructorError, SafeConstructor
        from yaml.nodes import ScalarNode
        from yaml.resolver import Resolver

        self.ev = events
        self.scalar_node, self.constructor_error = ScalarNode, ConstructorError
        self.shown = shown
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.places: dict[PathKey, tuple[int, int]] = {}
        self.key_places: dict[PathKey, tuple[int, int]] = {}
        self.root: Any = None
        self.documents = 0
        self.nodes = 0
        self.alias_nodes = 0
        self.constructor = SafeConstructor()
        self.resolver = Resolver()

    def fail(self, event: ev.Event, message: str) -> None:
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise InputError("", (Finding(self.shown, line, column, message),))

    def feed(self, event: ev.Event) -> None:
        ev = self.ev
        if isinstance(event, ev.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.fail(event, "the file holds more than one YAML document; keep only one")
        elif isinstance(event, ev.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, ev.AliasEvent):
            self.alias(event)
        elif isinstance(event, ev.MappingStartEvent | ev.SequenceStartEvent):
            self.start(event)
        elif isinstance(event, ev.MappingEndEvent | ev.SequenceEndEvent):
            self.end()

    def here(self) -> PathKey:
        """The path of the value about to be placed."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        return (*top.path, top.key) if top.key is not None else top.path

    def check_tag(self, event: ev.NodeEvent, allowed: set[str]) -> None:
        tag = getattr(event, "tag", None)
        if tag and tag != "!" and tag not in allowed:
            self.fail(event, f"YAML tag {tag!r} is not allowed; remove it (plain values only)")

    def scalar(self, event: ev.ScalarEvent) -> None:
        self.check_tag(event, _PLAIN_TAGS | _AS_TEXT_TAGS)
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            if event.anchor:
                self.fail(event, "anchors on mapping keys are not supported")
            if event.value in top.value:
                self.fail(
                    event,
                    f"duplicate key {event.value!r}; each key may appear once here"
                    + _new_item_hint(top.path),
                )
            top.key = event.value
            self.key_places[(*top.path, top.key)] = (
                event.start_mark.line + 1,
                event.start_mark.column + 1,
            )
            return
        value = self.construct(event)
        self.nodes += 1
        self.mark(event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.place(value)

    def construct(self, event: ev.ScalarEvent) -> Any:
        tag = event.tag if event.tag and event.tag != "!" else None
        if tag is None:
            implicit = event.implicit if event.tag != "!" else (False, False)
            tag = self.resolver.resolve(self.scalar_node, event.value, implicit)
        if tag not in _PLAIN_TAGS or tag == _TAG + "str":
            return event.value
        node = self.scalar_node(tag, event.value, event.start_mark, event.end_mark)
        try:
            value = self.constructor.construct_object(node)
        except (self.constructor_error, ValueError):
            if tag == _TAG + "int" and len(event.value) > sys.get_int_max_str_digits() > 0:
                self.fail(event, digits_message(event.value))
            self.fail(event, f"{event.value[:40]!r} is not a valid {tag.removeprefix(_TAG)}")
        if too_many_digits(value):
            self.fail(event, digits_message(event.value))
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(event, f"{event.value!r}: numbers must be finite")
        return value

    def alias(self, event: ev.AliasEvent) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            self.fail(event, f"an alias (*{event.anchor}) cannot be a key; write the key out")
        if event.anchor not in self.anchors:
            self.fail(event, f"unknown alias *{event.anchor}")
        value, size = self.anchors[event.anchor]
        self.alias_nodes += size
        if self.alias_nodes > MAX_ALIAS_NODES:
            self.fail(event, "aliases expand to too much data (a possible alias bomb); remove them")
        self.nodes += size
        self.mark(event)
        self.place(value)

    def start(self, event: ev.MappingStartEvent | ev.SequenceStartEvent) -> None:
        self.check_tag(event, _CONTAINER_TAGS)
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            self.fail(event, "a mapping or list cannot be used as a key")
        if len(self.stack) >= MAX_DEPTH:
            self.fail(event, f"nesting is deeper than {MAX_DEPTH} levels; flatten the file")
        self.mark(event)
        mapping = isinstance(event, self.ev.MappingStartEvent)
        value: dict[str, Any] | list[Any] = {} if mapping else []
        self.stack.append(_Open(value, self.here(), event.anchor, self.nodes))

    def end(self) -> None:
        done = self.stack.pop()
        self.nodes += 1
        if done.anchor:
            self.anchors[done.anchor] = (done.value, self.nodes - done.nodes_before)
        self.place(done.value)

    def mark(self, event: ev.Event) -> None:
        mark = event.start_mark
        if mark is not None:
            self.places[self.here()] = (mark.line + 1, mark.column + 1)

    def place(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        else:
            assert top.key is not None
            top.value[top.key] = value
            top.key = None

    def document(self) -> Document:
        if self.documents == 0 or self.root is None:
            raise InputError(f"{self.shown}: the file is empty; it should hold a YAML mapping")
        if not isinstance(self.root, dict):
            kind = "a list" if isinstance(self.root, list) else "a single value"
            raise InputError(
                "",
                (
                    Finding(
                        self.shown,
                        1,
                        1,
                        f"the top level is {kind}; it should be a mapping (key: value)",
                    ),
                ),
            )
        return Document(self.shown, self.root, self.places, self.key_places)
