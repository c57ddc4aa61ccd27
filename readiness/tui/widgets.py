"""The chat's widgets: one per turn in the transcript, and reply areas that fit the question.

Reply widgets never call the session: they post :class:`Replied` and the chat screen decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Markdown, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from readiness.conversation import option_labels
from readiness.model import DONT_KNOW, Answer, Question


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


def forward_typing(widget: ChoiceReply | MultiReply, event: events.Key, keep: str = "") -> None:
    """Hand a printable key (other than digits and ``keep``) to the text field.

    Once typing has begun, every key goes the same way (Enter included), so that fast typing
    reaches the text field in order even before the focus has moved there.
    """
    char = event.character
    if widget.typing and event.key == "enter":
        char = "\n"
    elif not (char and char.isprintable() and (widget.typing or (not char.isdigit() and char not in keep))):
        return
    widget.typing = True
    event.stop()
    event.prevent_default()
    widget.post_message(TypingStarted(char))


class Transcript(VerticalScroll):
    """The conversation so far, kept scrolled to the newest turn."""

    def on_mount(self) -> None:
        self.anchor()

    def say(self, markdown: str, kind: str = "bot") -> Markdown:
        """Add a message from the bot (``bot``, ``why``, ``reflection``, ``error``)."""
        message = Markdown(markdown, classes=f"turn {kind}")
        self.mount(message)
        return message

    def echo(self, text: str) -> Static:
        """Add the person's reply as their own turn."""
        message = Static(text, classes="turn user", markup=False)
        self.mount(message)
        return message


class ChoiceReply(OptionList):
    """One option from a list: arrow keys and Enter, or a number key."""

    def __init__(self, question: Question, current: Answer = None) -> None:
        self.ids = [option_id for option_id, _ in option_labels(question)]
        options = [
            Option(f"{i}. {label}" if i < 10 else f"   {label}", id=option_id)
            for i, (option_id, label) in enumerate(option_labels(question), 1)
        ]
        super().__init__(*options)
        self.question_id = question.id
        self.current = current
        self.typing = False

    def on_mount(self) -> None:
        if isinstance(self.current, str) and self.current in self.ids:
            self.highlighted = self.ids.index(self.current)
        else:
            self.highlighted = 0

    def on_key(self, event: events.Key) -> None:
        forward_typing(self, event)

    def on_focus(self) -> None:
        self.typing = False

    def pick(self, number: int) -> None:
        """Choose the option shown with this number (the number keys)."""
        if 1 <= number <= len(self.ids):
            self.post_message(Replied(self.question_id, self.ids[number - 1]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Replied(self.question_id, event.option_id))


class MultiReply(SelectionList[str]):
    """Any number of options: Space ticks, Enter sends."""

    BINDINGS = [Binding("enter", "send", "Send", show=True)]

    def __init__(self, question: Question, current: Answer = None) -> None:
        chosen = set(current) if isinstance(current, list) else set()
        super().__init__(
            *[Selection(o.label, o.id, o.id in chosen) for o in question.options],

        )
        self.question_id = question.id
        self.typing = False

    def on_key(self, event: events.Key) -> None:
        forward_typing(self, event, keep=" ")

    def on_focus(self) -> None:
        self.typing = False

    def action_send(self) -> None:
        self.post_message(Replied(self.question_id, list(self.selected)))


def reply_widget(question: Question, current: Answer, follow_up: bool) -> ChoiceReply | MultiReply | None:
    """The reply area for a question; None where typing is the way to answer."""
    if follow_up or question.type in ("number", "text"):
        return None
    if question.type == "multiple":
        return MultiReply(question, current if current != DONT_KNOW else None)
    return ChoiceReply(question, current)
