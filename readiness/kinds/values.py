"""Turn what a person typed, or what an answers file holds, into a stored answer.

One place decides what "3", "agreed", "Don't know" or ``true`` means for a question, so the
chat, the plain prompts and ``readiness score`` agree. A reply is matched by option number,
id, label or synonym, ignoring case and punctuation; a near miss is offered for confirmation,
never taken silently. What every type shares (an empty reply, "don't know", a skipped value) is
handled here; what differs is asked of the question's kind (:mod:`readiness.kinds`).
"""

from __future__ import annotations

from typing import Any

from readiness.kinds import kind_of
from readiness.kinds.base import (
    DONT_KNOW_WORDS,
    AnswerValueError,
    Match,
    is_dont_know,
)
from readiness.kinds.choice import NO_WORDS, YES_WORDS, MultipleKind
from readiness.kinds.number import NumberKind
from readiness.model import DONT_KNOW, Answer, Option, Question

__all__ = [
    "DONT_KNOW_WORDS",
    "NO_WORDS",
    "YES_WORDS",
    "AnswerValueError",
    "Match",
    "allowed",
    "find_option",
    "is_dont_know",
    "match_reply",
    "match_reply_single",
    "multiple_value",
    "normalise",
    "number_value",
]

_MULTIPLE = MultipleKind()
_NUMBER = NumberKind()


def allowed(question: Question) -> str:
    """A short account of the replies a question accepts, for messages."""
    return kind_of(question).allowed(question)


def find_option(question: Question, text: str) -> Option | None:
    """The option a word names exactly: its number, id, label or a synonym."""
    return kind_of(question).find_option(question, text)


def match_reply(question: Question, text: str) -> Match:
    """Match a typed reply to an answer of ``question``."""
    if not text.strip():
        return Match("none", message="Type an answer, or 'skip'.")
    if is_dont_know(question, text):
        return Match("sure", DONT_KNOW)
    return kind_of(question).match(question, text)


def match_reply_single(question: Question, text: str) -> Match:
    """Match one word against the options (used for each part of a multiple choice reply)."""
    return kind_of(question).match_one(question, text)


def number_value(question: Question, raw: Any) -> float | int:
    """A number answer checked against the question's limits."""
    return _NUMBER.value(question, raw)


def multiple_value(question: Question, ids: list[str]) -> list[str]:
    """A multiple-choice answer in bank order, with exclusive options standing alone."""
    return _MULTIPLE.ordered(question, ids)


def normalise(question: Question, raw: Any) -> Answer:
    """An answers-file value as the stored answer, or :class:`AnswerValueError`.

    Accepts an option id, its 1-based position, its label or a synonym; ``dont_know``; a list
    for multiple choice; true/false for yes/no; a number; text. ``None`` means skipped.
    """
    if raw is None:
        return None
    if isinstance(raw, str) and is_dont_know(question, raw):
        return DONT_KNOW
    return kind_of(question).normalise(question, raw)
