"""The end: the same Rich summary as ``readiness report``, and where the files are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from platformdirs import user_downloads_path
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from readiness.errors import ReadinessError
from readiness.report.outputs import Written
from readiness.store import write_new_text
from readiness.text import visible
from readiness.tui.bars import KeyBar


class SummaryScreen(Screen[None]):
    """Shows the summary; q leaves, d downloads the summary as a web page."""

    BINDINGS = [
        Binding("q,escape", "app.quit", "Quit", show=False),
        Binding("d", "download", "Download summary"),
    ]
    DEFAULT_CSS = """
    #summary { padding: 0 1; }
    #files { margin: 0 0 1 0; }
    """

    def __init__(self, result: dict[str, Any], written: Written) -> None:
        super().__init__()
        self.result = result
        self.written = written

    def compose(self) -> ComposeResult:
        from readiness.report.summary import summary

        with VerticalScroll(id="summary"):
            yield Static(self.files_text(), id="files")
            yield Static(summary(self.result), id="summary-body")
        yield KeyBar()

    def files_text(self) -> Text:
        """Where the files went. Paths are shown as text: a folder name is never markup."""
        if self.app.is_web:
            return Text.assemble(
                ("Your answers are saved", "bold"),
                " with the facilitator. Press ",
                ("d", "bold"),
                " to download this summary as a web page.",
            )
        w = self.written
        return Text.assemble(
            ("Your files", "bold"),
            f"\n  result (JSON): {visible(str(w.result))}",
            f"\n  summary (HTML): {visible(str(w.html))}",
            f"\n  summary (text): {visible(str(w.text))}",
        )

    def on_mount(self) -> None:
        self.query_one("#summary", VerticalScroll).focus()

    def action_download(self) -> None:
        """In a browser, a download; in a terminal, a copy in the downloads folder if there is
        one, else the summary in the output folder. The notice says exactly where it is."""
        html = self.written.html
        if self.app.is_web:
            self.app.deliver_text(html, save_filename=html.name, mime_type="text/html")
            self.notify(f"Your browser is downloading {visible(html.name)}", markup=False)
            return
        downloads = user_downloads_path()
        try:
            if downloads.is_dir():
                copy = write_new_text(downloads, html.stem, ".html", self.html_text())
                message = f"Summary saved to {shown(copy)}"
            else:
                if not html.is_file():  # moved or deleted since the end: write it again
                    html = write_new_text(html.parent, html.stem, ".html", self.html_text())
                message = (
                    f"There is no downloads folder ({shown(downloads)}); "
                    f"the summary is in {shown(html)}"
                )
        except (OSError, ReadinessError) as error:
            self.notify(visible(str(error)), title="Not saved", severity="error", markup=False)
            return
        self.notify(message, title="Summary", markup=False, timeout=10)

    def html_text(self) -> str:
        """The summary as a web page: the file written at the end, or made again from the
        result if that file has gone."""
        try:
            return self.written.html.read_text(encoding="utf-8")
        except FileNotFoundError:
            from readiness.report.summary import export

            return export(self.result, "html")


def shown(path: Path) -> str:
    """A path as the person reads it: absolute, control characters made visible."""
    return visible(str(path.absolute()))
