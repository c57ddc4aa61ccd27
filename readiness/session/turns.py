"""What the conversation says and shows, as plain data that any front end can render.

The :class:`~readiness.session.controller.Controller` answers every reply with an
:class:`Update`: the turns to add to the conversation, what the reply area should offer, the
status line and, now and then, an effect (open the review, edit a note, finished, quit). A
turn is spans of literal text with a named emphasis, never markup: bank and person text is
never parsed, so a renderer (the Textual app, the plain prompts, a web page) only chooses how
``bold`` or ``italic`` looks. No Textual, no Rich.
"""

from __future__ import annotations

from typing import Any, Literal

from msgspec import Struct, field

from readiness.model import Answer

Span = tuple[str, str | None]
"""Literal text and its emphasis: None, or ``bold``, ``italic``, ``dim`` (space separated)."""
Role = Literal["bot", "person"]
TurnKind = Literal[
    "question", "followup", "confirm", "error", "why", "reflection", "info", "reply", "typed"
]
"""What a turn is. The bot's: ``question``, ``followup``, ``confirm``, ``error``, ``why``,
``reflection``, ``info``. The person's: ``reply`` (an answer as it was recorded) and ``typed``
(their words as typed, when they did not become an answer)."""
PromptKind = Literal["choice", "multiple", "number", "text", "votes", "review"]


class Turn(Struct, frozen=True):
    """One message of the conversation."""

    role: Role
    kind: TurnKind
    parts: tuple[Span, ...]

    @property
    def text(self) -> str:
        """The turn's text without emphasis (still to be passed through ``visible``)."""
        return "".join(text for text, _ in self.parts)


class Choice(Struct, frozen=True):
    """One option offered: its id (or ``dont_know``), its label and its number from 1."""

    id: str
    label: str
    number: int


class Prompt(Struct, frozen=True):
    """What the reply area should offer.

    Attributes:
        question_id: The question being asked (a late reply to another one is ignored).
        follow_up: The follow-up prompt's id, when this is a follow-up.
        kind: ``choice`` (one of the options), ``multiple`` (any of them), ``number``, ``text``,
            ``votes`` (room mode: how many chose each option) or ``review`` (every question
            has a reply: change one, or finish).
        options: The options, numbered as the person may type them.
        current: The answer the question already has (asked again), else None.
        text: What the reply field starts with: an earlier typed answer, to edit.
        placeholder: A short invitation for an empty reply field.
        hint: How to reply.
        confirming: A reading of a typed reply waits for yes or no (or the runner-up).
        offered: While confirming, the readings offered, best first, each numbered as the
            person may type it (its ``id`` is that number as text); empty otherwise.
        empty_ok: An empty reply means something (no action for a follow-up, no note for
            room votes); elsewhere a front end may ignore an empty reply.
    """

    question_id: str
    kind: PromptKind
    follow_up: str | None = None
    options: tuple[Choice, ...] = ()
    current: Answer = None
    text: str = ""
    placeholder: str = ""
    hint: str = ""
    confirming: bool = False
    offered: tuple[Choice, ...] = ()
    empty_ok: bool = False


class Status(Struct, frozen=True):
    """Where the conversation stands: the domain, the question in it, and the whole bank."""

    domain: str
    number: int
    of: int
    done: int
    total: int

    @property
    def line(self) -> str:
        """``Leadership, 3 of 11 · 14 of 48 done``."""
        return f"{self.domain}, {self.number} of {self.of} · {self.done} of {self.total} done"


ReviewState = Literal["answered", "dont_know", "skipped", "not_done"]


class ReviewItem(Struct, frozen=True):
    """One question on the review: its reply as a person reads it, and its note."""

    number: int
    question_id: str
    domain: str
    prompt: str
    shown: str
    state: ReviewState
    note: str | None = None


class OpenReview(Struct, frozen=True):
    """Show the review (:meth:`Controller.review_items`): change an answer, or finish."""


class EditNote(Struct, frozen=True):
    """Ask for a note to the question (then :meth:`Controller.set_note`)."""

    question_id: str
    text: str


class Finished(Struct, frozen=True):
    """The result is written and the session closed."""

    result: dict[str, Any] = field()
    written: Any
    """Where the files went (:class:`readiness.report.outputs.Written`)."""


class Quit(Struct, frozen=True):
    """Leave now; ``message`` says whether the answers were saved and how to resume."""

    message: str
    saved: bool


Effect = OpenReview | EditNote | Finished | Quit


class Update(Struct, frozen=True):
    """The controller's answer to one action.

    Attributes:
        turns: To add to the conversation, in order.
        prompt: What the reply area offers now; None once finished.
        status: Where the conversation stands; None at the review.
        effect: Something for the front end to do besides showing the turns.
        asked: A new question (or the same one anew) is being asked: refill the reply area.
    """

    turns: tuple[Turn, ...] = ()
    prompt: Prompt | None = None
    status: Status | None = None
    effect: Effect | None = None
    asked: bool = False


def bot(kind: TurnKind, *parts: Span) -> Turn:
    """A turn of the bot's."""
    return Turn("bot", kind, tuple(parts))


def person(text: str, kind: TurnKind = "reply") -> Turn:
    """A turn of the person's: an answer as recorded (``reply``) or their words (``typed``)."""
    return Turn("person", kind, ((text, None),))
