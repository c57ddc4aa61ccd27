"""A reply to a number question: "twice i think", "a year and a half", "none, same dcs".

The number is read in the question's own unit: against a question in months, "six weeks" is
1.5 and "two years" is 24. A range ("3 to 6 months") is offered as its two ends, to confirm.
"""

from __future__ import annotations

import re

from readiness.kinds.base import AnswerValueError
from readiness.kinds.number import NumberKind
from readiness.model import DONT_KNOW, Question
from readiness.understanding.base import Reading
from readiness.understanding.dont_know import says_dont_know
from readiness.understanding.normalise import stem
from readiness.understanding.numbers import counts, durations, to_unit

_NUMBER = NumberKind()
_ZERO = re.compile(
    r"^(?:none|zero|nil|nothing|no|never|not any|not once|no changes?|straight away|"
    r"immediately|right away|from day one)\b"
)
_APPROX = re.compile(
    r"\b(?:about|around|roughly|approximately|approx|ish|nearly|almost|tops|"
    r"at least|at most|or so|give or take|something like)\b"
)
_TIME_WORDS = frozenset({"day", "week", "fortnight", "month", "quarter", "term", "year"})


def read_number(question: Question, text: str, *, hedged: bool) -> Reading:
    """The number a reply gives, in the question's unit, checked against its limits."""
    spec = question.number
    unit = spec.unit if spec else ""
    values: list[float] = []
    why = ""
    spans = durations(text) if in_unit_ok(unit) else []
    if spans:
        span = spans[0]
        if span.high is not None and span.high != span.low:
            values = [span.low, span.high]
            why = "range"
        else:
            values = [span.low]
        values = [to_unit(v, unit) or v for v in values]
        why = why or "duration"
    elif _ZERO.match(text):
        values, why = [0.0], "zero"
    else:
        found = counts(text)
        unit_stem = stem(unit.lower()) if unit else ""
        with_unit = [v for v, after in found if unit_stem and stem(after) == unit_stem]
        not_time = [v for v, after in found if stem(after).rstrip("s") not in _TIME_WORDS]
        chosen = with_unit or not_time or [v for v, _ in found]
        if chosen:
            values, why = [chosen[0]], "count"
    if not values:
        if says_dont_know(text) and question.dont_know is not None:
            return Reading((DONT_KNOW,), True, hedged=hedged, why="don't know")
        return Reading(
            (),
            False,
            hedged=hedged,
            vague=True,
            why="no number",
            message=f"Reply with {_NUMBER.allowed(question)}.",
        )
    offered = []
    message = ""
    rounded = False
    for value in values:
        if spec and spec.integer and value != int(value):
            value = float(round(value))
            rounded = True
        try:
            offered.append(_NUMBER.value(question, value))
        except AnswerValueError as exc:
            message = str(exc)
    if not offered:
        return Reading((), False, hedged=hedged, why=f"{why}: out of range", message=message)
    sure = len(offered) == 1 and not rounded and why != "range"
    approx = hedged or bool(_APPROX.search(text))
    return Reading(tuple(dict.fromkeys(offered)), sure, hedged=approx, why=why)


def in_unit_ok(unit: str) -> bool:
    """Whether the question's unit is a length of time (so "six weeks" can be converted)."""
    return unit.lower().rstrip("s") in _TIME_WORDS
