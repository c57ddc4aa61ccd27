"""Turn what a person typed, or what an answers file holds, into a stored answer.

One place decides what "3", "agreed", "Don't know" or ``true`` means for a question, so the
chat, the plain prompts and ``readiness score`` agree. A reply is matched by option number,
id, label or synonym, ignoring case and punctuation; a near miss is offered for confirmation,
never taken silently.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from typing import Any, Literal

from readiness.model import DONT_KNOW, Answer, Option, Question

DONT_KNOW_WORDS = frozenset(
    {
        "dont know",
        "don't know",
        "dontknow",
        "dk",
        "not sure",
        "unsure",
        "?",
        "dont_know",
        "idk",
        "no idea",
    }
)
YES_WORDS = frozenset({"yes", "y", "true", "yeah", "yep"})
NO_WORDS = frozenset({"no", "n", "false", "nope"})


class AnswerValueError(ValueError):
    """An answer that the question does not allow; the message says what is allowed."""


@dataclass(frozen=True)
class Match:
    """The outcome of matching a typed reply.

    Attributes:
        kind: ``sure`` (take ``value``), ``unsure`` (ask to confirm ``value``) or ``none``.
        value: The answer matched, when there is one.
        message: Why there is no match, or what the confirmation should ask.
    """

    kind: Literal["sure", "unsure", "none"]
    value: Answer = None
    message: str = ""


def _norm(text: str) -> str:
    text = text.strip().lower().replace("’", "'")
    text = re.sub(r"[^\w' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _names(option: Option) -> set[str]:
    return {
        _norm(option.id),
        _norm(option.id.replace("_", " ")),
        _norm(option.label),
        *(_norm(s) for s in option.synonyms),
    }


def allowed(question: Question) -> str:
    """A short account of the replies a question accepts, for messages."""
    extra = " or dont_know" if question.dont_know else ""
    if question.type in ("scale", "single", "yesno"):
        ids = ", ".join(o.id for o in question.options)
        return f"one of {ids} (or its number 1-{len(question.options)}){extra}"
    if question.type == "multiple":
        return f"a list of: {', '.join(o.id for o in question.options)}{extra}"
    if question.type == "number":
        spec = question.number
        bounds = ""
        if spec and spec.min is not None and spec.max is not None:
            bounds = f" from {spec.min:g} to {spec.max:g}"
        return f"{'a whole number' if spec and spec.integer else 'a number'}{bounds}{extra}"
    return "text"


def find_option(question: Question, text: str) -> Option | None:
    """The option a word names exactly: its number, id, label or a synonym."""
    word = _norm(text)
    if word.isdecimal() and 1 <= int(word) <= len(question.options):
        return question.options[int(word) - 1]
    for option in question.options:
        if word in _names(option):
            return option
    if question.type == "yesno":
        if word in YES_WORDS:
            return question.options[0]
        if word in NO_WORDS:
            return question.options[1]
    return None


def is_dont_know(question: Question, text: str) -> bool:
    """Whether a typed word means "don't know" and the question offers it.

    "Don't know" is listed after the options, so its number (one past the last) counts too.
    """
    word = _norm(text)
    return question.dont_know is not None and (
        word in DONT_KNOW_WORDS
        or word == _norm(question.dont_know)
        or (bool(question.options) and word == str(len(question.options) + 1))
    )


def match_reply(question: Question, text: str) -> Match:
    """Match a typed reply to an answer of ``question``."""
    if not text.strip():
        return Match("none", message="Type an answer, or 'skip'.")
    if is_dont_know(question, text):
        return Match("sure", DONT_KNOW)
    if question.type == "text":
        return Match("sure", text.strip())
    if question.type == "number":
        try:
            return Match("sure", number_value(question, text.strip()))
        except AnswerValueError as exc:
            return Match("none", message=str(exc))
    if question.type == "multiple":
        return _match_many(question, text)
    option = find_option(question, text)
    if option:
        return Match("sure", option.id)
    return _near(question, text)


def _near(question: Question, text: str) -> Match:
    """A near miss: the closest option by label or synonym, or a word contained in a label."""
    word = _norm(text)
    names = {name: o for o in question.options for name in _names(o)}
    close = difflib.get_close_matches(word, list(names), n=1, cutoff=0.6)
    contains = [o for o in question.options if word and len(word) >= 3 and word in _norm(o.label)]
    option = names[close[0]] if close else (contains[0] if len(contains) == 1 else None)
    if option is None:
        count = len(question.options) + (1 if question.dont_know else 0)
        return Match(
            "none",
            message=f"That doesn't match an option. Reply with a number from 1 "
            f"to {count}, or a word from one of the options.",
        )
    return Match("unsure", option.id, message=f"Did you mean '{option.label}'?")


def _match_many(question: Question, text: str) -> Match:
    parts = [p for p in re.split(r"[,;]|\band\b|\s+(?=\d)", text) if p.strip()]
    chosen: list[str] = []
    unsure = False
    for part in parts:
        match = match_reply_single(question, part)
        if match.kind == "none" or match.value is None:
            return Match(
                "none", message=f"'{part.strip()}' doesn't match an option. {match.message}"
            )
        unsure = unsure or match.kind == "unsure"
        if match.value not in chosen:
            chosen.append(str(match.value))
    try:
        value = multiple_value(question, chosen)
    except AnswerValueError as exc:
        return Match("none", message=str(exc))
    labels = ", ".join(o.label for o in question.options if o.id in value)
    return Match("unsure" if unsure else "sure", value, message=f"Did you mean: {labels}?")


def match_reply_single(question: Question, text: str) -> Match:
    """Match one word against the options (used for each part of a multiple choice reply)."""
    option = find_option(question, text)
    return Match("sure", option.id) if option else _near(question, text)


def number_value(question: Question, raw: Any) -> float | int:
    """A number answer checked against the question's limits."""
    spec = question.number
    if isinstance(raw, bool):
        raise AnswerValueError(f"expected {allowed(question)}, got {raw!r}")
    if isinstance(raw, str):
        try:
            raw = float(raw.replace(",", "").strip())
        except ValueError:
            raise AnswerValueError(
                f"{_shown(raw)} is not a number; reply with {allowed(question)}"
            ) from None
    if not isinstance(raw, int | float) or not _finite(raw):
        raise AnswerValueError(f"expected {allowed(question)}, got {_shown(raw)}")
    if spec and spec.integer:
        if raw != int(raw):
            raise AnswerValueError(f"{raw:g} is not a whole number; reply with {allowed(question)}")
        raw = int(raw)
    if spec and (
        (spec.min is not None and raw < spec.min) or (spec.max is not None and raw > spec.max)
    ):
        raise AnswerValueError(f"{raw:g} is out of range; reply with {allowed(question)}")
    return int(raw) if float(raw).is_integer() else float(raw)


def _finite(number: float | int) -> bool:
    """Whether a number is finite as a float: scoring does float arithmetic on it."""
    try:
        return math.isfinite(number)
    except OverflowError:  # an int too large for a float
        return False


def _shown(value: Any) -> str:
    """``repr(value)`` for a message, shortened: a hostile file may hold a 4,000-digit number."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def multiple_value(question: Question, ids: list[str]) -> list[str]:
    """A multiple-choice answer in bank order, with exclusive options standing alone."""
    known = {o.id: o for o in question.options}
    ordered = [o.id for o in question.options if o.id in ids]
    exclusive = [i for i in ordered if known[i].exclusive]
    if exclusive and len(ordered) > 1:
        raise AnswerValueError(f"'{known[exclusive[0]].label}' cannot be chosen with other options")
    return ordered


def normalise(question: Question, raw: Any) -> Answer:
    """An answers-file value as the stored answer, or :class:`AnswerValueError`.

    Accepts an option id, its 1-based position, its label or a synonym; ``dont_know``; a list
    for multiple choice; true/false for yes/no; a number; text. ``None`` means skipped.
    """
    if raw is None:
        return None
    if isinstance(raw, str) and is_dont_know(question, raw):
        return DONT_KNOW
    if question.type == "text":
        if not isinstance(raw, str):
            raise AnswerValueError(f"expected text, got {raw!r}")
        return raw
    if question.type == "number":
        return number_value(question, raw)
    if question.type == "multiple":
        items = raw if isinstance(raw, list) else [raw]
        return multiple_value(question, [_one_option(question, item).id for item in items])
    if isinstance(raw, list):
        raise AnswerValueError(f"expected a single answer: {allowed(question)}")
    return _one_option(question, raw).id


def _one_option(question: Question, raw: Any) -> Option:
    if isinstance(raw, bool):
        if question.type == "yesno":
            return question.options[0 if raw else 1]
        raise AnswerValueError(f"expected {allowed(question)}, got {raw!r}")
    if isinstance(raw, int) and 1 <= raw <= len(question.options):
        return question.options[raw - 1]
    option = find_option(question, str(raw)) if isinstance(raw, str | int) else None
    if option is None:
        raise AnswerValueError(f"{raw!r} is not allowed; expected {allowed(question)}")
    return option
