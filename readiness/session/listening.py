"""What a typed reply was understood as, and what the bot says back: one decision for all.

The :class:`~readiness.session.controller.Controller` hands a typed reply here;
:func:`listen` reads it with :func:`readiness.understanding.understand` (imported on the first
typed reply, never at start-up) and returns a :class:`Heard`: an answer to take at once (an
exact key, id or label, or a sure reading, said back in the bot's own words), readings to
offer for a yes (never taken without one), or a question back (a vague reply gets a probing
question, a reply that says two things a clarifying one). :func:`picked` reads the person's
answer to an offer. Pure functions: no Textual, no Rich.
"""

from __future__ import annotations

import re

from msgspec import Struct

from readiness.kinds import kind_of
from readiness.model import DONT_KNOW, Answer, Question
from readiness.session import wording as talk
from readiness.session.turns import Choice, Span, Turn, TurnKind, bot, person
from readiness.text import one_line

OFFERED = 2
"""Readings offered when unsure: the best and the runner-up."""
SAY_AGAIN = "No problem: say it another way, or choose from the options."
"""Said when the person refuses the readings offered."""
MAX_WORDS = 2000
"""The most of a typed reply kept as the person's own words (characters)."""

_FIRST = frozenset({"1", "the first", "first", "the first one", "first one", "that one"})
_SECOND = frozenset({"2", "the second", "second", "the second one", "second one", "the other"})
_SECOND |= frozenset({"the other one", "other one"})
_YES = frozenset({"yes please", "yes that's right", "that's right", "right", "correct", "sure"})
_NO = frozenset({"neither", "neither of them", "no neither", "none of those", "not quite"})
_WE = {"we": "you", "our": "your", "us": "you", "ours": "yours", "ourselves": "yourselves"}
_WE_WORD = re.compile(r"\b(we|our|us|ours|ourselves)\b", re.IGNORECASE)


class Heard(Struct, frozen=True):
    """What to do with a typed reply.

    Attributes:
        value: The answer to take now, or None when nothing is taken.
        words: The person's words to keep with the answer (None for an exact key, id or label,
            whose words say nothing more than the option).
        offered: Readings to offer for a yes, best first (empty when taking or asking back).
        said: The bot's turn: what it took, what it offers, or its question back.
        kind: The turn's kind: ``info`` (taken), ``confirm`` (offer or question back),
            ``error`` (not understood at all); ``reply`` when taken by an exact match (the
            person's turn is then the option itself).
    """

    value: Answer
    words: str | None
    offered: tuple[Answer, ...]
    said: tuple[Span, ...]
    kind: TurnKind

    @property
    def taken(self) -> bool:
        return not self.offered and self.kind in ("info", "reply")

    def turns(self, question: Question, text: str) -> list[Turn]:
        """The person's turn (the option taken, or their words) and the bot's, if any."""
        if self.kind == "reply":
            return [person(talk.describe(question, self.value))]
        return [person(text, "typed"), bot(self.kind, *self.said)]


def listen(question: Question, text: str) -> Heard:
    """Read a typed reply to ``question`` and decide what to do with it."""
    from readiness.understanding import understand  # the first typed reply loads it

    reading = understand(question, text)
    words = one_line(text).strip()[:MAX_WORDS]
    if reading.offered and reading.sure and not reading.hedged and not reading.mixed:
        value = reading.offered[0]
        if reading.why == "exact" or kind_of(question).free_text:
            return Heard(value, None, (), (), "reply")
        return Heard(value, words, (), said_back(question, value), "info")
    if reading.offered:
        offered = reading.offered[:OFFERED]
        spans = offer_spans(question, offered, hedged=reading.hedged, mixed=reading.mixed)
        return Heard(None, words, offered, spans, "confirm")
    numbered = any(c.isdigit() for c in text)  # a key or number out of range: say what fits
    if (reading.vague or reading.mixed) and not numbered:
        return Heard(None, words, (), probe_spans(question, mixed=reading.mixed), "confirm")
    from readiness.kinds.values import match_reply

    message = reading.message or match_reply(question, text).message
    return Heard(None, words, (), ((message or "That doesn't match an option.", None),), "error")


def picked(text: str, offered: int) -> int | None:
    """Which of ``offered`` readings a reply to an offer takes: 0 for yes (or the first), 1
    for the runner-up, -1 for no; None when the reply is something else (read it afresh)."""
    said = " ".join(text.strip().lower().rstrip(".!").replace(",", " ").split())
    if talk.confirmation(said) or said in _YES or said in _FIRST:
        return 0
    if offered > 1 and said in _SECOND:
        return 1
    if talk.confirmation(said) is False or said in _NO:
        return -1
    return None


def offered_choices(question: Question, offered: tuple[Answer, ...]) -> tuple[Choice, ...]:
    """The readings offered, numbered as the person may type them."""
    return tuple(
        Choice(str(n), talk.describe(question, value), n) for n, value in enumerate(offered, 1)
    )


def in_your_words(label: str) -> str:
    """An option's label as the bot says it back: "None: statutory work takes all our
    capacity" becomes "statutory work takes all your capacity"."""
    text = one_line(label).strip().rstrip(".")
    head, colon, tail = text.partition(": ")
    if colon and tail and len(head.split()) <= 2:
        text = tail
    text = _WE_WORD.sub(lambda m: _WE[m.group(1).lower()], text)
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and not (first.isupper() and len(first) > 1) and first != "I":
        text = text[:1].lower() + text[1:]
    return text


def said_back(question: Question, value: Answer) -> tuple[Span, ...]:
    """What the bot took, in its own words: "So posts are filled, but leaders are stretched
    across several roles: I've noted option 2."."""
    if value == DONT_KNOW:
        label = question.dont_know or "Don't know"
        return (
            ("So you don't know for now: I've noted ", None),
            (one_line(label), "italic"),
            (".", None),
        )
    if isinstance(value, list):
        named = [in_your_words(talk.describe(question, v)) for v in value]
        shown = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
        return (("So ", None), (shown or "none of them", "italic"), (": I've noted that.", None))
    if isinstance(value, str) and question.option(value):
        number = next(
            n for n, (oid, _) in enumerate(talk.option_labels(question), 1) if oid == value
        )
        phrase = in_your_words(talk.describe(question, value))
        return (("So ", None), (phrase, "italic"), (f": I've noted option {number}.", None))
    return (("So ", None), (talk.describe(question, value), "italic"), (": I've noted that.", None))


def offer_spans(
    question: Question, offered: tuple[Answer, ...], *, hedged: bool, mixed: bool
) -> tuple[Span, ...]:
    """The bot's best reading and the runner-up, to confirm with one key or a yes."""
    choices = offered_choices(question, offered)
    if len(choices) == 1:
        if mixed:
            lead = "That sounds like two things at once. On balance, is it nearer to"
        elif hedged:
            lead = "To be sure I have it right: shall I note it as"
        else:
            lead = "I'm not sure I've understood. Did you mean"
        return ((f"{lead} ", None), (one_line(choices[0].label), "bold"), ("? (yes or no)", None))
    if mixed:
        lead = "That sounds like two things at once. On balance, which is nearer?"
    elif hedged:
        lead = "To be sure I have it right: which shall I note?"
    else:
        lead = "I'm not sure I've understood. Did you mean:"
    spans: list[Span] = [(lead, None)]
    for choice in choices:
        spans += [(f"\n  {choice.number}. ", None), (one_line(choice.label), "bold")]
    spans.append(("\n(yes or 1 for the first, 2 for the second, no to say it another way)", None))
    return tuple(spans)


def probe_spans(question: Question, *, mixed: bool) -> tuple[Span, ...]:
    """A short question back: probing for a vague reply, clarifying for a mixed one."""
    kind = kind_of(question)
    count = len(talk.option_labels(question))
    if kind.numeric:
        unit = question.number.unit if question.number and question.number.unit else ""
        about = f"Roughly how many {unit}?" if unit else "Roughly what number would you say?"
        rest = " A rough figure is fine, or say you don't know." if question.dont_know else ""
        return ((f"Could you say a little more? {about}{rest}", None),)
    if kind.widget == "multiple":
        return (
            ("Which of these apply? Name them in your own words, or give their numbers.", None),
        )
    if mixed:
        text = "That sounds like two things at once. On balance, which option is nearest"
        return ((f"{text} (1 to {count})?", None),)
    return (
        (
            "Could you say a little more about how things stand? Or give the number of the "
            f"nearest option (1 to {count}).",
            None,
        ),
    )
