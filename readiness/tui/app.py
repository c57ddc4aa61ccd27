"""The Textual app: decides the first screen, owns saving, finishing and quitting."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from readiness.bank.load import bundled_banks, load_bank
from readiness.errors import ReadinessError
from readiness.model import Bank
from readiness.report.outputs import write_outputs
from readiness.scoring.answers import Respondent
from readiness.session import files as sessions
from readiness.session.engine import Session
from readiness.session.wording import welcome_text
from readiness.tui.chat import ChatScreen
from readiness.tui.dialogs import ResumeDialog
from readiness.tui.start import StartChoice, StartScreen
from readiness.tui.summary import SummaryScreen

WARM_UP_AFTER = 1.0
"""Seconds after the first question before loading the schema checker and the report."""


@dataclass(frozen=True)
class AppOptions:
    """How the app was started.

    Attributes:
        bank: A bundled bank id or a path, or None to choose on the start screen.
        resume: A session path or id, ``latest``, or None.
        respondent: Who is answering, when given on the command line (skips the start screen).
        sessions_folder: Where sessions are saved; None for the user data folder.
    """

    bank: str | None = None
    resume: str | None = None
    respondent: Respondent | None = None
    output_dir: Path = Path("readiness-results")
    sessions_folder: Path | None = None
    room: bool = False


class ReadinessApp(App[str | None]):
    """The assessment as a conversation. Returns a message to print on exit, if any."""

    CSS_PATH = "readiness.tcss"
    TITLE = "readiness"
    BINDINGS = [
        Binding("ctrl+q", "quit_and_save", "Quit", priority=True),
        Binding("ctrl+c", "quit_and_save", "Quit", show=False, priority=True),
    ]

    def __init__(self, options: AppOptions) -> None:
        super().__init__()
        self.options = options
        self.session: Session | None = None

    def on_mount(self) -> None:
        self.safely(self.open_first_screen)

    def safely(self, action: Callable[..., None], *args: object) -> None:
        """Run ``action``; a bad bank or session file ends the app with its message."""
        try:
            action(*args)
        except ReadinessError as error:
            self.exit(return_code=error.exit_code, message=Text(f"readiness: {error}"))

    def open_first_screen(self) -> None:
        if self.options.resume:
            self.resume(sessions.find(self.options.resume, self.options.sessions_folder))
            return
        bank_id = load_bank(self.options.bank).id if self.options.bank else None
        waiting = sessions.unfinished(self.options.sessions_folder, bank_id)
        if waiting:
            path, data = waiting[0]
            self.push_screen(
                ResumeDialog(resume_summary(data)),
                lambda yes: self.safely(self.resume, path) if yes else self.safely(self.start),
            )
        else:
            self.start()

    def start(self) -> None:
        """A new session: straight in when the command line said who and what."""
        if self.options.bank and self.options.respondent:
            self.begin(
                StartChoice(
                    load_bank(self.options.bank), self.options.respondent, self.options.room
                )
            )
            return
        banks = start_banks(self.options.bank)
        chosen = next((i for i, b in enumerate(banks) if self.options.bank in (b.id, b.origin)), 0)
        self.push_screen(StartScreen(banks, chosen), self.begin)

    def begin(self, choice: StartChoice | None) -> None:
        if choice is None:
            return
        session = Session(
            choice.bank, respondent=choice.respondent, mode="room" if choice.room else "individual"
        )
        self.open_chat(session, welcome_text(choice.bank, False, 0, 0))

    def resume(self, path: Path) -> None:
        data = sessions.read(path)
        restored = sessions.restore(data, load_bank(data["bank"]["origin"]))
        done, total = restored.session.progress()
        greeting = welcome_text(restored.session.bank, True, done, total)
        if restored.changes:
            greeting += "\n\n" + "\n".join(f"- {change}" for change in restored.changes)
        self.open_chat(restored.session, greeting)

    def open_chat(self, session: Session, greeting: str) -> None:
        self.session = session
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ChatScreen(session, greeting))
        self.call_after_refresh(self.save, session)  # who is answering is kept from the start
        # Once the question is on screen and being read, load what the end will need.
        self.set_timer(
            WARM_UP_AFTER, lambda: self.run_worker(warm_up, thread=True, group="warm-up")
        )

    def save(self, session: Session) -> Path:
        """Save the session at once (atomically)."""
        return sessions.save(session, self.options.sessions_folder)

    def finish(self, session: Session) -> None:
        """Close the session, write the files, show the summary."""
        result = session.finish()
        self.save(session)
        written = write_outputs(result, self.options.output_dir)
        self.push_screen(SummaryScreen(result, written))

    def action_quit_and_save(self) -> None:
        session = self.session
        if session is None or session.finished:
            self.exit()
            return
        self.save(session)
        self.exit(message=Text(f"Saved. Resume with: readiness run --resume {session.id}"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ChatScreen):
            for name, help_text, action in (
                ("Back", "Change the previous answer", screen.action_back),
                ("Skip", "Skip this question (left out of the score)", screen.action_skip),
                ("Why", "Why this question matters, with its evidence", screen.action_why),
                ("Note", "Attach a note to this question", screen.action_note),
                ("Review", "Review every answer, then finish", screen.action_review),
                ("Save", "Save now", screen.action_save),
                ("Quit", "Save and quit; resume later", self.action_quit_and_save),
            ):
                yield SystemCommand(name, help_text, action)


def warm_up() -> None:
    """Load the schema checker and the report while the person reads the first question, so
    the first answer and the summary do not wait for them."""
    import readiness.report.summary  # noqa: F401 - loaded now, used at the end
    from readiness import schemas

    schemas.validator("session")
    schemas.validator("result")


def start_banks(extra: str | None) -> list[Bank]:
    """The bundled banks, plus a bank given by path."""
    banks = [load_bank(b.id) for b in bundled_banks()]
    if extra and extra not in {b.id for b in banks}:
        banks.insert(0, load_bank(extra))
    return banks


def resume_summary(data: dict) -> str:
    answered = sum(1 for v in data["answers"].values() if v is not None)
    who = data["respondent"].get("name") or "anonymous"
    saved = str(data["updated_at"]).replace("T", " ").removesuffix("Z")[:16]
    return (
        f"You have an unfinished assessment: {data['bank'].get('title', 'a bank')} ({who}), "
        f"{answered} answered, last saved {saved} UTC. Resume it?"
    )
