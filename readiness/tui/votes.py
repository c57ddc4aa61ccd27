"""Room votes: a count beside each option and the room's note.

Its own module, imported when a room-mode question is first shown: one person answering for
themselves never needs it, so the first question does not wait for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label

from readiness.model import Question
from readiness.session.wording import option_labels
from readiness.text import one_line


@dataclass
class VotesRecorded(Message):
    """Room votes for a question: how many chose each option, and the room's note."""

    question_id: str
    counts: dict[str, int]
    """Option id (or ``dont_know``) to the number of people who chose it."""
    note: str


class VotesReply(VerticalScroll, can_focus=False):
    """Room mode: a count beside each option and a discussion note; Enter moves on, and Enter
    on the note records the votes.

    Each label wraps under itself rather than being cut off: the room must read every option
    whole to count it. When the labels need more lines than fit, the box scrolls with the focus.
    """

    DEFAULT_CSS = """
    VotesReply {
        height: auto;
        max-height: 12;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        & .vote { height: auto; }
        & .vote-label { width: 1fr; }  /* a long label wraps under itself, never cut off */
        & Input { height: 1; border: none; padding: 0 1; background: $boost; }
        & Input:focus { border: none; background: $primary 30%; }
        & Input.count { width: 7; margin: 0 1 0 0; }
    }
    """

    def __init__(self, question: Question) -> None:
        super().__init__(classes="votes")
        self.question_id = question.id
        self.pairs = option_labels(question)

    def compose(self) -> ComposeResult:
        for option_id, label in self.pairs:
            with Horizontal(classes="vote"):
                yield Input(
                    "0",
                    type="integer",
                    id=f"vote-{option_id}",
                    classes="count",
                    select_on_focus=True,
                    max_length=4,
                )
                yield Label(Text(one_line(label)), classes="vote-label")
        yield Input(
            placeholder="Discussion note (optional); Enter records the votes", id="vote-note"
        )

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != "vote-note":
            self.screen.focus_next()
            return
        counts = {
            oid: int(self.query_one(f"#vote-{oid}", Input).value or 0) for oid, _ in self.pairs
        }
        self.post_message(VotesRecorded(self.question_id, counts, event.value.strip()))
