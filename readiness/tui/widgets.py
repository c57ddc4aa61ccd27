"""The chat's widgets: one per turn in the transcript, and reply areas that fit the question.

Reply widgets never call the session: they post :class:`Replied` and the chat screen decides.
They are mounted once and refilled for each question (cheaper than mounting anew: an answer
must reach the next question in a few milliseconds).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from readiness.kinds import kind_of
from readiness.model import Answer, Question
from readiness.session.wording import option_labels
from readiness.text import one_line, visible
from readiness.tui.markup import Span, spans_to_text, to_text

MAX_TURNS = 40
"""Turns kept in the transcript; older ones are dropped (every answer is in the session, and
the review lists them all). Layout cost grows with the turns, so this bounds answer latency."""


@dataclass
class Replied(Message):
    """A reply chosen in a reply widget."""

    question_id: str
    """The question the widget was showing (a late key on an old list is ignored)."""
    value: Answer
    """The answer: an option id, ``dont_know`` or a list of option ids."""


@dataclass
class TypingStarted(Message):
    """A letter was typed on a reply list: the person wants to type their reply."""

    character: str
    """The character typed, to carry over into the text field; a newline sends it."""


class Turn(Static):
    """One turn of the conversation; ``source`` keeps its text as written.

    A turn is spans (each shown literally, see :func:`~readiness.tui.markup.spans_to_text`),
    or a string: the person's own reply, or the bot's Markdown (the former way).
    """

    def __init__(self, source: str | Sequence[Span], kind: str) -> None:
        if not isinstance(source, str):
            content = spans_to_text(source)
            source = "".join(part for part, _ in source)
        elif kind == "user":
            content = Text(visible(source))
        else:
            content = to_text(source)
        super().__init__(content, classes=f"turn {kind}", markup=False)
        self.source = source


class Transcript(VerticalScroll):
    """The conversation so far, kept scrolled to the newest turn."""

    def on_mount(self) -> None:
        self.anchor()

    def add(self, turn: Turn) -> Turn:
        """Add a turn, dropping the oldest beyond :data:`MAX_TURNS`."""
        self.mount(turn)
        old = self.children[: max(0, len(self.children) - MAX_TURNS)]
        if old:
            self.remove_children(old)
        return turn


class ReplyList:
    """What the two reply lists share: the question shown, and letters handed to the text field."""

    question_id: str = ""
    typing: bool = False
    handed: int = 0
    """Keys handed to the text field and not yet arrived there: the focus coming back to the
    list meanwhile (a new question shown) must not send the Enter after them to the list."""

    def hand(self, char: str) -> None:
        """Send a typed character on to the text field (via :class:`TypingStarted`)."""
        self.typing = True
        self.handed += 1
        self.post_message(TypingStarted(char))  # type: ignore[attr-defined]

    def on_focus(self) -> None:
        if not self.handed:
            self.typing = False

    def forward_typing(self, event: events.Key, keep: str = "") -> None:
        """Hand a printable key (other than digits and ``keep``) to the text field.

        Once typing has begun, every key goes the same way (Enter included), so that fast
        typing reaches the text field in order even before the focus has moved there.
        """
        char = event.character
        if self.typing and event.key == "enter":
            char = "\n"
        elif not (
            char
            and char.isprintable()
            and (self.typing or (not char.isdigit() and char not in keep))
        ):
            return
        event.stop()
        event.prevent_default()
        self.hand(char)


class ChoiceReply(ReplyList, OptionList):
    """One option from a list: arrow keys and Enter, or a number key."""

    def __init__(self) -> None:
        super().__init__(id="choice")
        self.ids: list[str] = []

    def show(self, question: Question, current: Answer) -> None:
        """Refill with the options of ``question``, highlighting the current answer."""
        pairs = option_labels(question)
        self.question_id = question.id
        self.ids = [option_id for option_id, _ in pairs]
        self.set_options(  # labels are bank text: a Text, never markup
            [
                Option(Text.assemble(f"{i}. ", one_line(label)), id=oid)
                for i, (oid, label) in enumerate(pairs, 1)
            ]
        )
        self.highlighted = (
            self.ids.index(current) if isinstance(current, str) and current in self.ids else 0
        )

    def on_key(self, event: events.Key) -> None:
        self.forward_typing(event)

    def pick(self, number: int) -> None:
        """Choose the option shown with this number (the number keys)."""
        if 1 <= number <= len(self.ids):
            self.post_message(Replied(self.question_id, self.ids[number - 1]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Replied(self.question_id, event.option_id))


def reply_kind(question: Question, follow_up: bool) -> str | None:
    """Which reply list a question uses (``choice`` or ``multiple``); None to type."""
    return None if follow_up else kind_of(question).widget
