"""The review: every answer and note on one list, any of them to change, then finish."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from readiness.session.engine import Session
from readiness.session.wording import describe

FINISH = "__finish__"


class ReviewScreen(Screen[str | None]):
    """Dismisses with a question id to change, :data:`FINISH`, or None to go back."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Back to the chat"),
        Binding("ctrl+f", "finish", "Finish"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        done, total = self.session.progress()
        yield Static(
            f"Review: {done} of {total} answered. Choose an answer to change it, "
            "or Finish to see your summary.",
            id="review-title",
        )
        yield OptionList(*self.options(), id="review-list")
        yield Footer()

    def options(self) -> list[Option]:
        finish = Option(Text("✔ Finish and see the summary", style="bold"), id=FINISH)
        rows: list[Option] = [finish]
        domain = None
        for question in self.session.applicable():
            if question.domain != domain:
                domain = question.domain
                rows.append(
                    Option(
                        Text(self.session.bank.domain_by_id[domain].title.upper(), style="bold"),
                        disabled=True,
                    )
                )
            rows.append(Option(self.row(question), id=question.id))
        return rows

    def row(self, question) -> Text:
        answer = self.session.answers.get(question.id)
        shown = (
            describe(question, answer) if question.id in self.session.answers else "not answered"
        )
        text = Text.assemble(question.prompt, "\n  → ", (shown, "italic"))
        note = self.session.notes.get(question.id)
        if note:
            text.append(f"\n  note: {note}", style="dim")
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_finish(self) -> None:
        self.dismiss(FINISH)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
