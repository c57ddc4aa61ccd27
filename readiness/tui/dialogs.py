"""Small modal dialogs: a note, and the offer to resume.

What they show came from a person (a name, a note) or a bank (a title): it is shown as text,
never read as markup, with control characters made visible.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from readiness.text import one_line, visible

DIALOG_CSS = """
& { align: center middle; }
& .dialog {
    width: 70;
    max-width: 100%;
    height: auto;
    padding: 1 2;
    background: $panel;
    border: thick $primary;
}
& .dialog Label { width: 100%; }
& .buttons { height: auto; margin: 1 0 0 0; }
& .buttons Button { margin: 0 1 0 0; }
"""
"""The look both dialogs share (each is its own scope, so each carries it)."""


class NoteDialog(ModalScreen[str | None]):
    """Edit the note on a question; Enter saves, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = f"NoteDialog {{ {DIALOG_CSS} }}"

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current
        self.shown = one_line(current)
        """The note as the one-line field shows it (control characters visible)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("A note on this question (Enter saves, Escape cancels; empty removes it):")
            yield Input(self.shown, id="note-text")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Unchanged: keep the note as written, not as the one-line field had to show it.
        self.dismiss(self.current if event.value == self.shown else event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ResumeDialog(ModalScreen[bool]):
    """Offer to resume an unfinished session: True resumes, False starts afresh."""

    BINDINGS = [
        Binding("r", "choose(True)", "Resume"),
        Binding("n", "choose(False)", "New"),
        Binding("escape", "choose(False)", "New", show=False),
    ]
    DEFAULT_CSS = f"ResumeDialog {{ {DIALOG_CSS} }}"

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(visible(self.summary)), id="resume-summary")
            with Horizontal(classes="buttons"):
                yield Button("Resume (r)", variant="primary", id="resume")
                yield Button("Start a new one (n)", id="new")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "resume")

    def action_choose(self, resume: bool) -> None:
        self.dismiss(resume)
