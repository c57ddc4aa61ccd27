"""Understand a typed reply: :func:`understand` returns a :class:`Reading`.

The reading is a superset of :func:`readiness.kinds.values.match_reply`: whatever it takes
for sure (a number key, an id, a label, a synonym) is taken here too. Beyond that a reply is
read as a person means it: filler and hedges, "don't know" in its forms, yes/no with
negation, numbers in words and units, and paraphrase (:mod:`.meaning`). The reading says what
it would take first, what else it would offer, and whether it is sure enough to take the first
without asking; a front end never takes an unsure reading without a yes.
"""

from __future__ import annotations

import math
import re

from readiness.kinds import kind_of
from readiness.kinds.base import Match, is_dont_know, names_table
from readiness.kinds.choice import SingleKind
from readiness.kinds.values import match_reply
from readiness.model import DONT_KNOW, Question
from readiness.understanding import meaning
from readiness.understanding.amounts import read_number
from readiness.understanding.base import Reading
from readiness.understanding.dont_know import dont_know_span, says_dont_know
from readiness.understanding.normalise import (
    clauses,
    clean,
    hedges,
    strip_filler,
    words,
)
from readiness.understanding.numbers import durations, frequencies, share
from readiness.understanding.polarity import has_negation, polarity
from readiness.understanding.several import read_several

_PURE_HEDGES = re.compile(
    r"\b(?:i think so|i think|i guess|i suppose|i reckon|i believe|i would say|as far as i "
    r"know|afaik|probably|possibly|maybe|perhaps|hopefully|i hope|apparently)\b"
)
_WE_DO_NOT_KNOW = re.compile(
    r"\b(?:we do not know|we have no idea|we have not a clue|nobody knows|no one knows)\b"
)
MIN_SCORE = 0.9
"""Below this an option is not offered at all."""
SURE_SCORE = 4.0
"""At least this, and well clear of the runner-up, to take an option without asking."""
SURE_MARGIN = 0.45
"""The runner-up may have at most this share of the first's score for a sure reading."""
_TIME_TOKENS = frozenset(
    {"day", "week", "fortnight", "month", "quarter", "term", "year", "time", "onc", "twic"}
    | {"often", "everi", "coupl", "few", "@few", "sever", "@several", "@short", "@plan"}
    | {"@regular", "@slow", "half", "@half"}
    | {"two", "thr", "four", "fiv", "six", "seven", "eight", "nin", "ten", "eleven", "twelv"}
)
"""The words of a quantity ("every couple of weeks"): read as a number, not as evidence."""
_NUMERIC_WEIGHT = 3.5
_POLARITY_WEIGHT = 1.6
_LEAN_WEIGHT = 1.0


def understand(question: Question, text: str) -> Reading:
    """Read a typed reply to ``question`` as a person means it."""
    exact = _exact(question, text)
    if exact is not None and exact.kind == "sure":
        return Reading((exact.value,), True, why="exact")
    if not text.strip():
        return Reading((), False, why="empty", message=exact.message if exact else "")
    cleaned = clean(text)[:2000]
    body = strip_filler(cleaned, frozenset(names_table(question)))
    hedge = hedges(body)
    plain = re.sub(r"\s+", " ", _PURE_HEDGES.sub(" ", body)).strip(" ,.")
    for candidate in {body, plain}:
        if candidate and candidate != cleaned:
            again = _exact(question, candidate)
            if again is not None and again.kind == "sure":
                return Reading(
                    (again.value,), not hedge, hedged=bool(hedge), why="exact after filler"
                )
    kind = kind_of(question)
    if kind.free_text:
        return Reading((text.strip(),), True, why="text")
    if says_dont_know(plain or body):
        return _dont_know(question, plain or body, bool(hedge))
    if kind.numeric:
        return read_number(question, plain or body, hedged=bool(hedge))
    if kind.widget == "multiple":
        return read_several(question, plain or body, hedged=bool(hedge))
    reading = read_options(question, plain or body, hedged=bool(hedge))
    if not reading.offered:
        exact = exact or match_reply(question, text)
        if exact.kind == "unsure":
            return Reading((exact.value,), False, why="near miss", message=exact.message)
    return reading


def _exact(question: Question, text: str) -> Match | None:
    """:func:`match_reply` when it could be sure; None for a one-option question whose reply
    names no option exactly (its near miss, a slow string comparison, is left for later)."""
    kind = kind_of(question)
    one = isinstance(kind, SingleKind) and type(kind).match is SingleKind.match
    if not one or not text.strip():
        return match_reply(question, text)
    if is_dont_know(question, text):
        return Match("sure", DONT_KNOW)
    option = kind.find_option(question, text)
    return Match("sure", option.id) if option else None


def _dont_know(question: Question, text: str, hedged: bool) -> Reading:
    """A "don't know" reply, unless what follows the phrase clearly answers anyway."""
    if question.dont_know is None:
        return Reading((), False, vague=True, why="don't know not offered")
    knowing = [o.id for o in question.options if says_dont_know(clean(o.label))]
    if knowing and _WE_DO_NOT_KNOW.search(text):  # an option that is itself "we do not know"
        return Reading((knowing[0], DONT_KNOW), False, hedged=hedged, why="option says don't know")
    span = dont_know_span(text)
    rest = (text[: span[0]] + " " + text[span[1] :]).strip() if span else ""
    if rest and kind_of(question).widget != "multiple" and question.options:
        other = read_options(question, rest, hedged=True)
        if other.sure:
            return Reading(
                (*other.offered[:2], DONT_KNOW), False, hedged=True, why="answer after don't know"
            )
        if other.offered:
            return Reading(
                (DONT_KNOW, other.offered[0]), not knowing, why="don't know, weak answer"
            )
    return Reading((DONT_KNOW,), True, hedged=hedged, why="don't know")


def option_scores(question: Question, text: str) -> tuple[dict[str, float], int, bool]:
    """Each option's score for a cleaned reply, the reply's yes/no, and whether it is mixed."""
    index = meaning.index_for(question)
    per_clause = meaning.clause_tokens(text, index.corrections(text))
    reply = [t for part in per_clause for t in part]
    parts = clauses(text)
    sign, mixed = polarity(parts)
    counted = sign >= 0  # "not every quarter" is no evidence for "each quarter"
    spans_d = durations(text) if index.has_durations and counted else []
    spans_f = frequencies(text) if index.has_frequencies and counted else []
    part = share(text) if index.has_shares else None
    if spans_d or spans_f:
        reply = [t for t in reply if t.lstrip("!") not in _TIME_TOKENS]
    if not sign and len(parts) > 1 and contrast(parts):
        # "works with schools, not with health": what is in place, and only partly
        reply = [t for t in reply if t != meaning.NEG] + [meaning.CONTRAST]
        sign = 0
    found = meaning.scores(index, reply)
    for entry in index.options:
        oid = entry.option.id
        if spans_d and entry.span_duration is not None:
            value = (
                spans_d[0].low
                if spans_d[0].high is None
                else (spans_d[0].low + spans_d[0].high) / 2
            )
            found[oid] += _NUMERIC_WEIGHT * math.exp(-1.2 * entry.span_duration.distance(value))
        if spans_f and entry.span_frequency is not None:
            high = spans_f[0].high
            value = spans_f[0].low if high is None else (spans_f[0].low + high) / 2
            found[oid] += _NUMERIC_WEIGHT * math.exp(-1.2 * entry.span_frequency.distance(value))
        if part is not None and entry.share is not None:
            found[oid] += _NUMERIC_WEIGHT * math.exp(-8 * abs(entry.share - part))
        if sign and entry.polarity == sign:
            found[oid] += _POLARITY_WEIGHT * (1.5 if leading_only(parts) else 1.0)
    if not sign and len(index.options) == 2:
        # A yes/no question answered with a statement: "there's a budget held by the DCS"
        # says yes; "it would all fall over if she went off sick" leans to no.
        lean = (
            -1
            if has_negation(text) or _WEAK.search(text)
            else (1 if set(reply) & index.topic or _WILLING.search(text) else 0)
        )
        for entry in index.options:
            if lean and entry.polarity == lean:
                found[entry.option.id] += _LEAN_WEIGHT
    return found, sign, mixed


_SCOPE_WORDS = re.compile(
    r"\b(?:team|teams|side|area|areas|locality|localities|service|services|others|rest|"
    r"elsewhere|organisation|partners?|health|police|schools?|families|staff|parts?|cla|cin|"
    r"fostering|residential|early help|edge of care)\b"
)


_WEAK = re.compile(
    r"\b(?:wobbly|weak|weaker|poor|patchy|missing|absent|behind|struggl\w*|grind\w*|halt|"
    r"stop|stops|stopped|fall over|falls over|collapse|nowhere)\b"
)
"""Words that say a part of the service lacks what another has ("wobbly in early help")."""
_WILLING = re.compile(
    r"\b(?:up for (?:it|that)|happy to|willing|keen to|open to|glad to|would love to|count us in)\b"
)
"""A statement that leans to yes on a yes/no question ("we'd be up for that")."""
_OTHERS = re.compile(r"\b(?:else|elsewhere|others|the rest|other teams|other areas)\b")


def contrast(parts: list[str]) -> bool:
    """Whether one clause says yes and another no of another part ("schools, not health",
    "the edge of care team does, nobody else", "strong in CSC, wobbly in early help").

    A negative clause without a part of the service ("but nothing more") limits what came
    before rather than saying it holds only in places.
    """
    negative = [has_negation(p) or bool(_WEAK.search(p)) for p in parts]
    if not any(negative) or all(negative):
        return False
    scoped = [bool(_SCOPE_WORDS.search(p)) for p in parts]
    return any(
        s or bool(_OTHERS.search(p)) for p, n, s in zip(parts, negative, scoped, strict=True) if n
    )


def leading_only(parts: list[str]) -> bool:
    """Whether the reply is a bare yes or no, with little else."""
    return len(parts) == 1 and len(words(parts[0])) <= 3


def read_options(question: Question, text: str, *, hedged: bool) -> Reading:
    """A reply to a one-option question (scale, single, yes/no), by meaning."""
    found, _, mixed = option_scores(question, text)
    ranked = sorted(found.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < MIN_SCORE:
        few = len([w for w in words(text) if len(w) > 2]) <= 4
        no = [e.option.id for e in meaning.index_for(question).options if e.polarity < 0]
        if len(no) == 1 and (has_negation(text) or _WEAK.search(text)):
            # "it would collapse": nothing named, but it says no; offer the "no" option
            return Reading((no[0],), False, hedged=hedged, mixed=mixed, why="says no")
        return Reading((), False, hedged=hedged, vague=few, mixed=mixed, why="no evidence")
    top = ranked[0][1]
    offered = tuple(oid for oid, score in ranked[:3] if score >= max(MIN_SCORE, 0.45 * top))
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    clear = top >= SURE_SCORE and second <= SURE_MARGIN * top
    negative = [has_negation(p) for p in clauses(text)]
    uneven = any(negative) and not all(negative)  # "we need longer but have not mapped it"
    sure = clear and not hedged and not mixed and not uneven
    why = f"{'strong' if clear else 'weak'} {ranked[0][0]}={top:.2f} next={second:.2f}"
    return Reading(offered, sure, hedged=hedged, mixed=mixed, why=why)
