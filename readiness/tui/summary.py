"""The end: the same Rich summary as ``readiness report``, and where the files are."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from readiness.outputs import Written


class SummaryScreen(Screen[None]):
    """Shows the summary; q leaves."""

    BINDINGS = [Binding("q,escape", "app.quit", "Quit", show=False)]

    def __init__(self, result: dict[str, Any], written: Written) -> None:
        super().__init__()
        self.result = result
        self.written = written

    def compose(self) -> ComposeResult:
        from readiness.report import summary

        with VerticalScroll(id="summary"):
            yield Static(self.files_text(), id="files")
            yield Static(summary(self.result), id="summary-body")
        yield Footer()

    def files_text(self) -> str:
        w = self.written
        return (
            "[b]Your files[/b]\n"
            f"  result (JSON): {w.result}\n  summary (HTML): {w.html}\n  summary (text): {w.text}"
        )

    def on_mount(self) -> None:
        self.query_one("#summary", VerticalScroll).focus()
