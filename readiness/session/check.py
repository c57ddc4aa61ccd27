"""A session file checked against its schema without loading jsonschema.

Finding the sessions to offer for resume happens at every start, and jsonschema costs more to
import than the whole check. The session schema uses a handful of keywords; this checks exactly
those, with the same meaning as JSON Schema 2020-12, so a file offered for resume is one that
:func:`readiness.session.files.read` accepts. A keyword it does not know is an error, not a
pass: the tests check that the session schema uses none.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description"})
Schema = dict[str, Any]


def first_problem(data: Any, schema: Schema) -> str | None:
    """The first place where ``data`` does not fit ``schema``, as ``place: problem``."""
    return _problem(data, schema, schema.get("$defs", {}), "")


def _problem(value: Any, schema: Schema, defs: Schema, where: str) -> str | None:
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        schema = {**defs[name], **{k: v for k, v in schema.items() if k != "$ref"}}
    for keyword, wanted in schema.items():
        if keyword in ANNOTATIONS:
            continue
        check = _KEYWORDS.get(keyword)
        if check is None:
            raise ValueError(f"the session check does not know the schema keyword {keyword!r}")
        problem = check(value, wanted, schema, defs, where)
        if problem:
            return problem
    return None


def _place(where: str) -> str:
    return where or "(top)"


def _is_type(value: Any, name: str) -> bool:
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if name == "string":
        return isinstance(value, str)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if name == "integer":
        return isinstance(value, int) or (math.isfinite(value) and value == int(value))
    return name == "number"


def _type(value: Any, wanted: Any, schema: Schema, defs: Schema, where: str) -> str | None:
    names = wanted if isinstance(wanted, list) else [wanted]
    if any(_is_type(value, n) for n in names):
        return None
    return f"{_place(where)}: should be {' or '.join(names)}"


def _same(a: Any, b: Any) -> bool:
    """JSON equality: 1 equals 1.0, but true is neither 1 nor 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | dict) or isinstance(b, list | dict):
        return False
    return bool(a == b)


def _const(value: Any, wanted: Any, schema: Schema, defs: Schema, where: str) -> str | None:
    return None if _same(value, wanted) else f"{_place(where)}: should be {wanted!r}"


def _enum(value: Any, wanted: list[Any], schema: Schema, defs: Schema, where: str) -> str | None:
    if any(_same(value, w) for w in wanted):
        return None
    return f"{_place(where)}: should be one of {', '.join(map(repr, wanted))}"


def _required(
    value: Any, wanted: list[str], schema: Schema, defs: Schema, where: str
) -> str | None:
    missing = [k for k in wanted if isinstance(value, dict) and k not in value]
    return f"{_place(where)}: missing {missing[0]!r}" if missing else None


def _properties(value: Any, wanted: Schema, schema: Schema, defs: Schema, where: str) -> str | None:
    if not isinstance(value, dict):
        return None
    for key, inner in wanted.items():
        if key in value:
            problem = _problem(value[key], inner, defs, f"{where}.{key}" if where else key)
            if problem:
                return problem
    return None


def _additional(value: Any, wanted: Any, schema: Schema, defs: Schema, where: str) -> str | None:
    if not isinstance(value, dict):
        return None
    known = schema.get("properties", {})
    for key in (k for k in value if k not in known):
        place = f"{where}.{key}" if where else key
        if wanted is False:
            return f"{place}: not allowed here"
        problem = _problem(value[key], wanted, defs, place) if isinstance(wanted, dict) else None
        if problem:
            return problem
    return None


def _items(value: Any, wanted: Schema, schema: Schema, defs: Schema, where: str) -> str | None:
    if not isinstance(value, list):
        return None
    start = len(schema.get("prefixItems", ()))
    for i, item in enumerate(value[start:], start):
        problem = _problem(item, wanted, defs, f"{where}[{i}]")
        if problem:
            return problem
    return None


def _prefix(
    value: Any, wanted: list[Schema], schema: Schema, defs: Schema, where: str
) -> str | None:
    if not isinstance(value, list):
        return None
    for i, (item, inner) in enumerate(zip(value, wanted, strict=False)):
        problem = _problem(item, inner, defs, f"{where}[{i}]")
        if problem:
            return problem
    return None


def _min_items(value: Any, wanted: int, schema: Schema, defs: Schema, where: str) -> str | None:
    if isinstance(value, list) and len(value) < wanted:
        return f"{_place(where)}: should have at least {wanted} items"
    return None


def _max_items(value: Any, wanted: int, schema: Schema, defs: Schema, where: str) -> str | None:
    if isinstance(value, list) and len(value) > wanted:
        return f"{_place(where)}: should have at most {wanted} items"
    return None


def _minimum(value: Any, wanted: float, schema: Schema, defs: Schema, where: str) -> str | None:
    if _is_type(value, "number") and value < wanted:
        return f"{_place(where)}: should be at least {wanted}"
    return None


def _pattern(value: Any, wanted: str, schema: Schema, defs: Schema, where: str) -> str | None:
    if isinstance(value, str) and not re.search(wanted, value):
        return f"{_place(where)}: does not match {wanted}"
    return None


def _one_of(
    value: Any, wanted: list[Schema], schema: Schema, defs: Schema, where: str
) -> str | None:
    fits = sum(_problem(value, inner, defs, where) is None for inner in wanted)
    return None if fits == 1 else f"{_place(where)}: should fit exactly one of its forms"


_KEYWORDS: dict[str, Callable[..., str | None]] = {
    "type": _type,
    "const": _const,
    "enum": _enum,
    "required": _required,
    "properties": _properties,
    "additionalProperties": _additional,
    "items": _items,
    "prefixItems": _prefix,
    "minItems": _min_items,
    "maxItems": _max_items,
    "minimum": _minimum,
    "pattern": _pattern,
    "oneOf": _one_of,
}
KNOWN = frozenset(_KEYWORDS) | ANNOTATIONS | {"$ref"}
"""Every keyword this checker understands, validation or annotation."""
