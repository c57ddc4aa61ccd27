"""What every question type shares: the :class:`Kind` interface and the words of a reply.

A kind is one class per question type (``scale``, ``single``, ...) holding everything that
differs between types: the answers-schema fragment, the ``allowed()`` message, how a typed reply
or an answers-file value becomes a stored answer, how a stored answer scores, the hint shown
under the question and which reply widget the app uses. The rest of the program asks the kind
(:func:`readiness.kinds.kind_of`) instead of comparing ``question.type`` with names, so a new
type is one new class. Standard library and :mod:`readiness.model` only.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Any, ClassVar, Literal

from msgspec import Struct

from readiness.model import Answer, Option, Question

WidgetKey = Literal["choice", "multiple"] | None
"""The app's reply widget: a list to choose one, a list to tick several, or None to type."""
OptionsFrom = Literal["scale", "question", "fixed"] | None
"""Where a bank's question of this kind gets its options: its scale, its own ``options:``, the
kind's fixed options, or nowhere (no options)."""

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


class AnswerValueError(ValueError):
    """An answer that the question does not allow; the message says what is allowed."""


class Match(Struct, frozen=True):
    """The outcome of matching a typed reply.

    Attributes:
        kind: ``sure`` (take ``value``), ``unsure`` (ask to confirm ``value``) or ``none``.
        value: The answer matched, when there is one.
        message: Why there is no match, or what the confirmation should ask.
    """

    kind: Literal["sure", "unsure", "none"]
    value: Answer = None
    message: str = ""


@lru_cache(maxsize=4096)
def norm(text: str) -> str:
    """A word as compared: lower case, curly quotes straightened, punctuation as spaces.

    Cached: an answers file names the same few option ids over and over.
    """
    text = text.strip().lower().replace("’", "'")
    text = re.sub(r"[^\w' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def option_names(option: Option) -> set[str]:
    """Every word that names ``option`` exactly: its id (also with spaces), label, synonyms."""
    return {
        norm(option.id),
        norm(option.id.replace("_", " ")),
        norm(option.label),
        *(norm(s) for s in option.synonyms),
    }


_TABLES: dict[int, tuple[Question, dict[str, Option]]] = {}
_TABLES_MAX = 4096


def names_table(question: Question) -> dict[str, Option]:
    """Every exact name of an option of ``question`` to that option (the first, when shared).

    Kept per question object (a :class:`Question` is frozen), because scoring thousands of
    files matches the same options many times; the question is held so its id is not reused.
    """
    found = _TABLES.get(id(question))
    if found is not None and found[0] is question:
        return found[1]
    if len(_TABLES) >= _TABLES_MAX:
        _TABLES.clear()
    table: dict[str, Option] = {}
    for option in question.options:
        for name in option_names(option):
            table.setdefault(name, option)
    _TABLES[id(question)] = (question, table)
    return table


def is_dont_know(question: Question, text: str) -> bool:
    """Whether a typed word means "don't know" and the question offers it.

    "Don't know" is listed after the options, so its number (one past the last) counts too.
    """
    word = norm(text)
    return question.dont_know is not None and (
        word in DONT_KNOW_WORDS
        or word == norm(question.dont_know)
        or (bool(question.options) and word == str(len(question.options) + 1))
    )


def shown(value: Any) -> str:
    """``repr(value)`` for a message, shortened: a hostile file may hold a 4,000-digit number.

    An int of more digits than Python will turn into text (4,300) is described instead.
    """
    try:
        text = repr(value)
    except ValueError:
        return "a number of thousands of digits"
    return text if len(text) <= 40 else f"{text[:37]}..."


def dont_know_suffix(question: Question) -> str:
    """`` or dont_know`` for ``allowed()`` messages, when the question offers it."""
    return " or dont_know" if question.dont_know else ""


class Kind:
    """One question type. Subclasses set the class attributes and override what differs.

    The methods are called by :mod:`readiness.kinds.values`, which handles what every type
    shares first: an empty reply, "don't know", and None (skipped) in an answers file.

    Attributes:
        name: The ``type:`` of a bank question.
        hint: What the front ends show under the question: how to reply.
        widget: The app's reply widget for the question itself (follow-ups are always typed).
        options_from: Where a bank question of this kind gets its options.
        fixed_options: The options every question of this kind has (``options_from="fixed"``).
        free_text: The answer is the person's own words: never a choice, never a number;
            "don't know" is not listed as an option and a stored word is shown as typed.
        numeric: A number answer: conditions may test it with ``min`` and ``max``.
    """

    name: ClassVar[str] = ""
    hint: ClassVar[str] = ""
    widget: ClassVar[WidgetKey] = None
    options_from: ClassVar[OptionsFrom] = None
    fixed_options: ClassVar[tuple[Option, ...]] = ()
    free_text: ClassVar[bool] = False
    numeric: ClassVar[bool] = False

    def schema(self, question: Question) -> list[dict[str, Any]]:
        """The JSON Schemas an answers-file value may match, besides null (skipped)."""
        raise NotImplementedError

    def allowed(self, question: Question) -> str:
        """A short account of the replies the question accepts, for messages."""
        raise NotImplementedError

    def find_option(self, question: Question, text: str) -> Option | None:
        """The option a word names exactly: its number, id, label or a synonym."""
        word = norm(text)
        if word.isdecimal() and 1 <= int(word) <= len(question.options):
            return question.options[int(word) - 1]
        return names_table(question).get(word)

    def match(self, question: Question, text: str) -> Match:
        """A typed reply (not empty, not "don't know") as an answer, a guess or a refusal."""
        raise NotImplementedError

    def normalise(self, question: Question, raw: Any) -> Answer:
        """An answers-file value (not None, not "don't know") as the stored answer.

        Raises:
            AnswerValueError: The value is not allowed; the message says what is.
        """
        raise NotImplementedError

    def raw_score(self, question: Question, value: Answer) -> float | None:
        """The item score 0..1 of a real answer, before reverse scoring; None when unscored."""
        raise NotImplementedError

    def near(self, question: Question, text: str) -> Match:
        """A near miss: the closest option by label or synonym, or a word inside one label."""
        word = norm(text)
        names = {name: o for o in question.options for name in option_names(o)}
        close = difflib.get_close_matches(word, list(names), n=1, cutoff=0.6)
        contains = [
            o for o in question.options if word and len(word) >= 3 and word in norm(o.label)
        ]
        option = names[close[0]] if close else (contains[0] if len(contains) == 1 else None)
        if option is None:
            count = len(question.options) + (1 if question.dont_know else 0)
            return Match(
                "none",
                message=f"That doesn't match an option. Reply with a number from 1 "
                f"to {count}, or a word from one of the options.",
            )
        return Match("unsure", option.id, message=f"Did you mean '{option.label}'?")

    def match_one(self, question: Question, text: str) -> Match:
        """One word against the options: exact, else a near miss to confirm."""
        option = self.find_option(question, text)
        return Match("sure", option.id) if option else self.near(question, text)

    def one_option(self, question: Question, raw: Any) -> Option:
        """The option an answers-file value names: its 1-based position, id, label or synonym."""
        if isinstance(raw, bool):
            raise AnswerValueError(f"expected {self.allowed(question)}, got {raw!r}")
        if isinstance(raw, int) and 1 <= raw <= len(question.options):
            return question.options[raw - 1]
        option = self.find_option(question, str(raw)) if isinstance(raw, str | int) else None
        if option is None:
            raise AnswerValueError(f"{raw!r} is not allowed; expected {self.allowed(question)}")
        return option
