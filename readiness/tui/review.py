"""The review: every answer and note on one list, any of them to change, then finish.

It renders :meth:`Controller.review_items <readiness.session.controller.Controller.review_items>`;
what the review says (the shared vocabulary: done, answered, don't know, skipped) is decided
there. Prompts, answers and notes are bank or person text: shown as text, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from readiness.session.controller import Controller
from readiness.session.turns import ReviewItem
from readiness.text import one_line, visible
from readiness.tui.bars import KeyBar

FINISH = "__finish__"


class ReviewScreen(Screen[str | None]):
    """Dismisses with a question id to change, :data:`FINISH`, or None to go back."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Back to the chat"),
        Binding("ctrl+f", "finish", "Finish"),
    ]
    DEFAULT_CSS = """
    #review-title { padding: 0 1; text-style: bold; background: $panel; }
    #review-list { height: 1fr; }
    """

    def __init__(self, controller: Controller) -> None:
        super().__init__()
        self.controller = controller

    def compose(self) -> ComposeResult:
        heading = self.controller.review_heading()
        yield Static(
            Text(
                f"Review: {heading}. Choose an answer to change it, or Finish to see your summary."
            ),
            id="review-title",
        )
        yield OptionList(*self.options(), id="review-list")
        yield KeyBar()

    def options(self) -> list[Option]:
        finish = Option(Text("✔ Finish and see the summary", style="bold"), id=FINISH)
        rows: list[Option] = [finish]
        domain = None
        for item in self.controller.review_items():
            if item.domain != domain:
                domain = item.domain
                rows.append(Option(Text(one_line(domain).upper(), style="bold"), disabled=True))
            rows.append(Option(row(item), id=item.question_id))
        return rows

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_finish(self) -> None:
        self.dismiss(FINISH)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def row(item: ReviewItem) -> Text:
    """A question, its reply in italics and its note, dimmed."""
    text = Text.assemble(visible(item.prompt), "\n  → ", (one_line(item.shown), "italic"))
    if item.note:
        text.append(f"\n  note: {one_line(item.note)}", style="dim")
    return text
