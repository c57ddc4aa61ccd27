"""The end: the same Rich summary as ``readiness report``, and where the files are."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from readiness.report.outputs import Written


class SummaryScreen(Screen[None]):
    """Shows the summary; q leaves."""

    BINDINGS = [
        Binding("q,escape", "app.quit", "Quit", show=False),
        Binding("d", "download", "Download summary"),
    ]

    def __init__(self, result: dict[str, Any], written: Written) -> None:
        super().__init__()
        self.result = result
        self.written = written

    def compose(self) -> ComposeResult:
        from readiness.report.summary import summary

        with VerticalScroll(id="summary"):
            yield Static(self.files_text(), id="files")
            yield Static(summary(self.result), id="summary-body")
        yield Footer()

    def files_text(self) -> str:
        w = self.written
        if self.app.is_web:
            return (
                "[b]Your answers are saved[/b] with the facilitator. Press [b]d[/b] to download "
                "this summary as a web page."
            )
        return (
            "[b]Your files[/b]\n"
            f"  result (JSON): {w.result}\n  summary (HTML): {w.html}\n  summary (text): {w.text}"
        )

    def on_mount(self) -> None:
        self.query_one("#summary", VerticalScroll).focus()

    def action_download(self) -> None:
        """In a browser, a download; in a terminal, a copy in the downloads folder."""
        self.app.deliver_text(
            self.written.html, save_filename=self.written.html.name, mime_type="text/html"
        )
        self.notify(f"Delivering {self.written.html.name}")
