"""What the bot says, as spans of literal text: one wording for every front end.

Pure functions from the engine's steps to turns' spans (see :mod:`readiness.session.turns`),
the typed commands, the words that confirm or refuse a near match, and the shared vocabulary
of progress: *answered* (a real answer), *don't know* and *skipped* counted apart, *done* for
any reply. Keeping the words here means every front end says the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable

from msgspec import Struct

from readiness.kinds import KIND_BY_TYPE, kind_of
from readiness.model import DONT_KNOW, Answer, Bank, Question
from readiness.session.engine import Ask, Reflection
from readiness.session.turns import Span

COMMANDS = {
    "back": "go back to the previous question and change its answer",
    "skip": "skip this question (it is left out of the score)",
    "why": "why this question matters, and the evidence behind it",
    "note": "attach a note to this question: note TEXT",
    "review": "review every answer so far",
    "save": "save now (every answer is saved anyway)",
    "quit": "save and leave; you can resume later",
    "help": "list these commands",
}
TYPE_HINTS = {name: kind.hint for name, kind in KIND_BY_TYPE.items()}
"""How to reply, by question type (each kind's ``hint``); prefer :func:`type_hint`."""

CONFIRM_YES = frozenset({"yes", "y", "yeah", "yep", "ok"})
CONFIRM_NO = frozenset({"no", "n", "nope"})
"""The words that accept or refuse a near match (or an offer to resume): the only list."""


def confirmation(text: str) -> bool | None:
    """True for a yes word, False for a no word, None for anything else."""
    word = text.strip().lower().rstrip(".!")
    if word in CONFIRM_YES:
        return True
    if word in CONFIRM_NO:
        return False
    return None


def type_hint(question: Question, follow_up: bool = False) -> str:
    """How to reply to ``question``; a follow-up is always typed, so it gets the text hint."""
    return KIND_BY_TYPE["text"].hint if follow_up else kind_of(question).hint


class Command(Struct, frozen=True):
    """A typed command: its name and the rest of the line."""

    name: str
    argument: str = ""


def parse_command(text: str) -> Command | None:
    """``back``, ``/skip``, ``note some words`` and the like; None when it is a reply."""
    words = text.strip().split(maxsplit=1)
    if not words:
        return None
    name = words[0].lower().lstrip("/:")
    if name not in COMMANDS:
        return None
    argument = words[1] if len(words) > 1 else ""
    if argument and name != "note":
        return None
    return Command(name, argument)


def commands_help() -> tuple[Span, ...]:
    """The commands, one a line."""
    spans: list[Span] = [("You can type:", None)]
    for name, what in COMMANDS.items():
        spans += [("\n- ", None), (name, "bold"), (f": {what}", None)]
    return tuple(spans)


def tally(answered: int, dont_know: int, skipped: int) -> str:
    """``5 answered, 7 don't know``: the parts of what is done, zero parts left out."""
    parts = [f"{answered} answered"]
    if dont_know:
        parts.append(f"{dont_know} don't know")
    if skipped:
        parts.append(f"{skipped} skipped")
    return ", ".join(parts)


def counts(values: Iterable[Answer]) -> tuple[int, int, int]:
    """(answered, don't know, skipped) among stored replies."""
    answered = dont_know = skipped = 0
    for value in values:
        if value is None:
            skipped += 1
        elif value == DONT_KNOW:
            dont_know += 1
        else:
            answered += 1
    return answered, dont_know, skipped


def question_spans(ask: Ask, room: bool = False) -> tuple[Span, ...]:
    """The bot asking a question or a follow-up."""
    if ask.follow_up:
        aside = "the room's answer, " if room else ""
        return (
            (ask.follow_up.text, None),
            (f"\n({aside}a line or two for your action plan, or 'skip')", "italic"),
        )
    spans: list[Span] = [(ask.question.prompt, "bold")]
    if ask.current is not None:
        spans.append((f"\nYour answer was: {describe(ask.question, ask.current)}.", "italic"))
    if room and ask.question.discussion:
        spans += [("\nFor discussion: ", "italic"), (ask.question.discussion, None)]
    return tuple(spans)


def option_labels(question: Question) -> list[tuple[str, str]]:
    """(id, label) of each reply offered, with "don't know" last where it is offered."""
    pairs = [(o.id, o.label) for o in question.options]
    if question.dont_know and not kind_of(question).free_text:
        pairs.append((DONT_KNOW, question.dont_know))
    return pairs


def why_spans(bank: Bank, question: Question) -> tuple[Span, ...]:
    """The help text, its citation and, where the bank has one, the point for discussion."""
    spans: list[Span] = [
        ("Why this matters. ", "bold"),
        (question.help_text, None),
        (f"\nSource: {bank.cite(question.help_source)}", "italic"),
    ]
    if question.discussion:
        spans += [("\nFor discussion: ", "italic"), (question.discussion, None)]
    return tuple(spans)


def describe(question: Question, value: Answer) -> str:
    """An answer as a person reads it."""
    if value is None:
        return "skipped"
    if value == DONT_KNOW:
        return question.dont_know or "don't know"
    if isinstance(value, list):
        return ", ".join(_label(question, v) for v in value) or "none"
    if isinstance(value, int | float):
        unit = question.number.unit if question.number else ""
        return f"{value:g} {unit}".strip()
    return _label(question, value) if question.options else str(value)


def _label(question: Question, option_id: str) -> str:
    option = question.option(option_id)
    return option.label if option else option_id


def reflection_spans(reflection: Reflection, bank: Bank) -> tuple[Span, ...]:
    """The end-of-domain reflection."""
    title = reflection.domain.title
    if reflection.score is None:
        return (
            ("That's the end of ", None),
            (title, "bold"),
            (". Nothing here was scored yet, so no band so far.", None),
        )
    band = bank.band_by_id[reflection.band].label if reflection.band in bank.band_by_id else ""
    spans: list[Span] = [
        ("That's the end of ", None),
        (title, "bold"),
        (". So far: ", None),
        (band or str(reflection.band), "bold"),
        (f" ({reflection.score:.1f} of 100).", None),
    ]
    for name, pair in (("Strongest", reflection.strongest), ("Weakest", reflection.weakest)):
        if pair:
            question, value = pair
            spans += [
                (f"\n- {name}: ", None),
                (question.prompt, None),
                (" ", None),
                (describe(question, value), "italic"),
            ]
    return tuple(spans)


def welcome_spans(bank: Bank, resumed: bool, done: int, total: int) -> tuple[Span, ...]:
    """The first message of a session."""
    if resumed:
        return (
            ("Welcome back to ", None),
            (bank.title, "bold"),
            (
                f". You have {done} of {total} questions done; let's carry on where you left off.",
                None,
            ),
        )
    return (
        ("Welcome to ", None),
        (bank.title, "bold"),
        (
            f" ({len(bank.questions)} questions, about {bank.estimated_minutes} minutes). "
            f"I'll ask about {', '.join(d.title.lower() for d in bank.domains)}. "
            "Every answer is saved as you go. Type ",
            None,
        ),
        ("why", "bold"),
        (" for the evidence behind a question, ", None),
        ("back", "bold"),
        (" to change an answer, ", None),
        ("skip", "bold"),
        (" to leave one out, ", None),
        ("help", "bold"),
        (" for more.", None),
    )
