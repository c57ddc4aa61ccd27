"""The fields of a result that aggregate and export read, checked cheaply.

Checking 10,000 results with the full JSON Schema would cost far more than reading them, so
past a few files only the fields the group needs are checked, by compiled tests built from a
small description of their shape; :func:`shape_problem` says where and why a value does not
fit, and :func:`check_full` is the full schema check used for the first files of each kind.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping
from functools import cache
from operator import itemgetter
from typing import Any

from msgspec import Struct

from readiness.errors import ResultFileError
from readiness.scoring.result import kind_of

NONE = type(None)
NUMBER = frozenset({int, float})
STATUSES = frozenset({"scored", "dont_know", "skipped", "hidden", "not_scored", "no_score"})
MODES = frozenset({"individual", "room"})


class Check(Struct, frozen=True):
    """What one field may hold: one of ``types`` and, when given, passing ``test`` too.

    Types come first so that most fields are checked in C (see :func:`_compile_object`).
    """

    types: frozenset[type]
    expected: str
    test: Callable[[Any], bool] | None = None

    def ok(self, value: Any) -> bool:
        return type(value) in self.types and (self.test is None or self.test(value))


def _is_number(value: Any) -> bool:
    """A finite int or float (an int too large for a float is not a usable number here)."""
    if type(value) is int:
        return abs(value) < 2**1023
    return type(value) is float and math.isfinite(value)


def _is_value(value: Any) -> bool:
    """An answer: text or null, a finite number, or a list of option ids."""
    if type(value) is list:
        return all(type(v) is str for v in value)
    return type(value) is not float or math.isfinite(value)


def _is_counts(value: dict[Any, Any]) -> bool:
    return all(type(c) is int and c >= 0 for c in value.values())


_STR = Check(frozenset({str}), "a string")
_TEXT = Check(frozenset({str, NONE}), "a string or null")
_SCORE = Check(
    NUMBER | {NONE}, "a number from 0 to 100, or null", lambda v: v is None or 0 <= v <= 100
)
SHAPE: dict[str, Any] = {
    "bank": {"id": _STR, "version": _STR, "title": _STR, "sha256": _STR},
    "respondent": {"name": _TEXT, "role": _TEXT, "organisation": _TEXT},
    "session": {
        "started_at": _STR,
        "completed_at": _STR,
        "mode?": Check(frozenset({str}), "'individual' or 'room'", MODES.__contains__),
        "id?": _STR,
    },
    "overall": {"score": _SCORE, "band": _TEXT, "band_label": _TEXT},
    "domains": ({"score": _SCORE, "band": _TEXT, "band_label": _TEXT},),
    "recommendations": ({"score": _SCORE},),
    "answers": [
        {
            "question_id": _STR,
            "domain": _STR,
            "prompt": _STR,
            "type": _STR,
            "status": Check(
                frozenset({str}), "one of " + ", ".join(sorted(STATUSES)), STATUSES.__contains__
            ),
            "value": Check(
                frozenset({str, int, float, list, NONE}),
                "an option id, a list of them, a number, text or null",
                _is_value,
            ),
            "value_label": _TEXT,
            "score": Check(
                NUMBER | {NONE}, "a number from 0 to 1, or null", lambda v: v is None or 0 <= v <= 1
            ),
            "note": _TEXT,
            "reply?": _STR,
            "distribution?": Check(
                frozenset({dict}), "an object of option ids to counts of 0 or more", _is_counts
            ),
        }
    ],
    "blockers": [{"rule": _STR}],
}
"""What aggregate and export read from each result: an object is a dict of its keys' checks,
``(shape,)`` an object whose values all take ``shape``, ``[shape]`` a list of them, and a key
ending in ``?`` may be absent. NaN and infinities fail every range (comparisons are false)."""

Test = Callable[[Any], bool]


@cache
def fits() -> Test:
    """:data:`SHAPE` compiled to one fast test (a few µs a result); the message saying what
    is wrong comes from :func:`shape_problem`, run only when this fails."""
    return _compile(SHAPE)


def _compile(shape: Any) -> Test:
    if type(shape) is dict:
        return _compile_object(shape)
    if type(shape) is list:
        item = _compile(shape[0])
        return lambda v: type(v) is list and all(map(item, v))
    if type(shape) is tuple:
        value = _compile(shape[0])
        return lambda v: type(v) is dict and all(map(value, v.values()))
    return shape.ok


def _compile_object(shape: dict[str, Any]) -> Test:
    """One test for an object: its fields' types compared at once against every allowed
    combination, then the fields' further tests, nested objects and optional keys."""
    fields = {k: c for k, c in shape.items() if type(c) is Check and not k.endswith("?")}
    get = _getter(list(fields))
    allowed = frozenset(itertools.product(*(c.types for c in fields.values())))
    tests = [(k, c.test) for k, c in fields.items() if c.test is not None]
    others = [
        (k.rstrip("?"), k.endswith("?"), _compile(c)) for k, c in shape.items() if k not in fields
    ]

    def test(value: Any) -> bool:
        if type(value) is not dict:
            return False
        try:
            if tuple(map(type, get(value))) not in allowed:
                return False
        except KeyError:
            return False
        for key, check in tests:  # loops, not all(...): a generator costs more than a test
            if not check(value[key]):
                return False
        for key, optional, check in others:
            if not (check(value[key]) if key in value else optional):
                return False
        return True

    return test


def _getter(keys: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the values of ``keys`` as a tuple (KeyError when one is missing)."""
    if len(keys) > 1:
        return itemgetter(*keys)
    if keys:
        return lambda v: (v[keys[0]],)
    return lambda v: ()


def shape_problem(data: Any, shape: Any = None, where: str = "") -> str | None:
    """The first place where ``data`` does not fit :data:`SHAPE`, as ``place: problem``."""
    shape = SHAPE if shape is None else shape
    if type(shape) is dict:
        return _object_problem(data, shape, where)
    if type(shape) is list:
        if type(data) is not list:
            return f"{where or '(top)'}: should be a list"
        found = (shape_problem(item, shape[0], f"{where}[{i}]") for i, item in enumerate(data))
        return next((p for p in found if p), None)
    if type(shape) is tuple:
        if type(data) is not dict:
            return f"{where}: should be an object"
        found = (shape_problem(v, shape[0], f"{where}.{k}") for k, v in data.items())
        return next((p for p in found if p), None)
    return None if shape.ok(data) else f"{where}: should be {shape.expected}, not {_show(data)}"


def _object_problem(data: Any, shape: dict[str, Any], where: str) -> str | None:
    if type(data) is not dict:
        return f"{where or '(top)'}: should be an object, not {_show(data)}"
    for name, inner in shape.items():
        key = name.rstrip("?")
        place = f"{where}.{key}" if where else key
        if key not in data:
            if name.endswith("?"):
                continue
            return f"{place}: missing"
        problem = shape_problem(data[key], inner, place)
        if problem:
            return problem
    return None


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_shape(data: dict[str, Any], shown: str) -> None:
    """Raise a one-line :class:`ResultFileError` unless the fields read from a result fit."""
    if fits()(data):
        return
    problem = shape_problem(data) or "(top): an unexpected shape"
    raise ResultFileError(
        f"{shown}: not a result this version of readiness can read: {problem}; "
        "'readiness schema result' describes the format"
    )


def check_full(data: dict[str, Any], shown: str) -> None:
    """Raise :class:`ResultFileError` unless ``data`` fits the whole result schema."""
    from readiness.schemas import check_data

    problems = check_data(data, "result")
    if problems:
        raise ResultFileError(
            f"{shown}: not a valid result file: {'; '.join(problems[:3])}; "
            "'readiness schema result' describes the format"
        )


def check_kind(data: Mapping[str, Any], shown: str, command: str) -> None:
    """Refuse a group file (or anything else) where a single result is wanted."""
    kind = kind_of(data)
    if kind == "group":
        raise ResultFileError(
            f"{shown}: this is a group result; 'readiness {command}' takes single results "
            "(written by 'readiness score' or the assessment)"
        )
    if kind != "result":
        raise ResultFileError(
            f'{shown}: this is not a readiness result (no "kind": "result"); give a file '
            "written by 'readiness score' or the assessment"
        )
