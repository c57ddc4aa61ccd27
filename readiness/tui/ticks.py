"""The list of ticks for a multiple-choice question.

Its own module, imported when the first such question is shown: most questions take one
option, and Textual's SelectionList is not worth loading before the first question.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from readiness.model import Answer, Question
from readiness.text import one_line
from readiness.tui.widgets import Replied, ReplyList


class MultiReply(ReplyList, SelectionList[str]):
    """Any number of options: Space ticks, Enter sends."""

    BINDINGS = [Binding("enter", "send", "Send", show=True)]

    def __init__(self) -> None:
        super().__init__(id="multiple")

    def show(self, question: Question, current: Answer) -> None:
        """Refill with the options of ``question``, ticking those already chosen."""
        chosen = set(current) if isinstance(current, list) else set()
        self.question_id = question.id
        self.clear_options()
        self.add_options(
            [Selection(Text(one_line(o.label)), o.id, o.id in chosen) for o in question.options]
        )
        self.highlighted = 0

    def on_key(self, event: events.Key) -> None:
        self.forward_typing(event, keep=" ")

    def action_send(self) -> None:
        self.post_message(Replied(self.question_id, list(self.selected)))
