"""The Textual app: decides the first screen and renders the conversation's controller.

What a reply means, saving after each one, finishing and quitting are the controller's
(:mod:`readiness.session.controller`); the app supplies the save function and shows what the
controller says: the chat, the review, the summary, the message on leaving.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from readiness.bank.load import bundled_banks, load_bank
from readiness.errors import ReadinessError
from readiness.session import files as sessions
from readiness.session.controller import Controller
from readiness.session.engine import Session
from readiness.session.turns import Finished, Quit
from readiness.session.wording import counts, tally
from readiness.text import visible
from readiness.tui.chat import ChatScreen

if TYPE_CHECKING:  # the other screens load when first shown: the first question comes sooner
    from readiness.model import Bank
    from readiness.scoring.answers import Respondent
    from readiness.tui.start import StartChoice

Waiting = tuple[Path, dict[str, Any]]
"""A session waiting to be resumed: its file and its data."""
WARM_UP_AFTER = 1.0
"""Seconds after the first question before loading the schema checker and the report."""


class AppOptions(Struct, frozen=True):
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
        self.controller: Controller | None = None
        self._bank: Bank | None = None
        self._unfinished: tuple[list[Waiting], list[sessions.Skipped]] | None = None

    def get_default_screen(self) -> Screen:
        """The chat itself when it can open at once; else a blank screen that ``on_mount``
        covers with the offer to resume or the start screen (or ends with an error's message:
        the app cannot end before it has a screen)."""
        with contextlib.suppress(ReadinessError):
            self.open_at_once()
        if self.controller is not None:
            return ChatScreen(self.controller)
        return super().get_default_screen()

    def on_mount(self) -> None:
        if self.controller is not None:
            self.warm_up_later()
        else:
            self.safely(self.open_first_screen)

    def open_at_once(self) -> None:
        """Begin the session here when the command line said who and what, and nothing waits
        to be resumed: the commonest start, and the quickest, with no screen before the chat."""
        options = self.options
        if options.resume or not (options.bank and options.respondent):
            return
        bank = self.bank()
        waiting, skipped = self.unfinished(bank.id)
        if waiting or skipped:
            return  # on_mount offers it (or says why a file was not offered)
        self.controller = self.controller_for(
            Session(
                bank, respondent=options.respondent, mode="room" if options.room else "individual"
            )
        )

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
        bank_id = self.bank().id if self.options.bank else None
        waiting, skipped = self.unfinished(bank_id)
        for problem in skipped:
            self.notify(visible(str(problem)), title="Not offered", markup=False)
        if waiting:
            from readiness.tui.dialogs import ResumeDialog

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
            self.open_new(self.bank(), self.options.respondent, self.options.room)
            return
        from readiness.tui.start import StartScreen

        banks = start_banks(self.options.bank)
        chosen = next((i for i, b in enumerate(banks) if self.options.bank in (b.id, b.origin)), 0)
        self.push_screen(StartScreen(banks, chosen), self.begin)

    def begin(self, choice: StartChoice | None) -> None:
        if choice is not None:
            self.open_new(choice.bank, choice.respondent, choice.room)

    def open_new(self, bank: Bank, respondent: Respondent, room: bool) -> None:
        session = Session(bank, respondent=respondent, mode="room" if room else "individual")
        self.open_chat(session)

    def resume(self, path: Path) -> None:
        data = sessions.read(path)
        restored = sessions.restore(data, load_bank(data["bank"]["origin"]))
        self.open_chat(restored.session, restored.changes, resumed=True)

    def open_chat(
        self, session: Session, changes: tuple[str, ...] = (), resumed: bool = False
    ) -> None:
        self.controller = self.controller_for(session, changes, resumed)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ChatScreen(self.controller))  # it saves once the question is shown
        self.warm_up_later()

    def controller_for(
        self, session: Session, changes: tuple[str, ...] = (), resumed: bool = False
    ) -> Controller:
        self.session = session
        return Controller(
            session,
            self.save,
            output_dir=self.options.output_dir,
            resume_command="readiness run --resume",
            changes=changes,
            resumed=resumed,
        )

    def warm_up_later(self) -> None:
        """Once the question is on screen and being read, load what the end will need."""
        self.set_timer(
            WARM_UP_AFTER, lambda: self.run_worker(warm_up, thread=True, group="warm-up")
        )

    def unfinished(self, bank_id: str | None) -> tuple[list[Waiting], list[sessions.Skipped]]:
        """The sessions of ``bank_id`` waiting to be resumed, and the files not offered: read
        once, whether the chat opens at once or the offer to resume is shown."""
        if self._unfinished is None:
            skipped: list[sessions.Skipped] = []
            found = sessions.unfinished(self.options.sessions_folder, bank_id, skipped)
            self._unfinished = (found, skipped)
        return self._unfinished

    def bank(self) -> Bank:
        """The bank the command line named, loaded once."""
        if self._bank is None:
            self._bank = load_bank(str(self.options.bank))
        return self._bank

    def save(self, session: Session) -> Path:
        """Save the session at once (atomically)."""
        return sessions.save(session, self.options.sessions_folder)

    def show_summary(self, finished: Finished) -> None:
        """The result is written and the session closed: show the summary."""
        from readiness.tui.summary import SummaryScreen

        self.push_screen(SummaryScreen(finished.result, finished.written))

    def leave(self, quit: Quit) -> None:
        """Exit with the controller's parting message (saved, and how to resume)."""
        self.exit(message=Text(visible(quit.message)) if quit.message else None)

    def action_quit_and_save(self) -> None:
        controller = self.controller
        if controller is None or controller.finished:
            self.exit()
            return
        update = controller.command("quit")
        chat = next((s for s in self.screen_stack if isinstance(s, ChatScreen)), None)
        if isinstance(update.effect, Quit) or chat is None:
            self.leave(update.effect if isinstance(update.effect, Quit) else Quit("", False))
            return
        chat.show(update)  # saving failed: it says why, and quitting again leaves anyway
        if self.screen is not chat:
            for turn in update.turns:
                self.notify(visible(turn.text), severity="error", markup=False)

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
    """The offer to resume, in the shared vocabulary: done, then answered, don't know, skipped."""
    answered, dont_know, skipped = counts(data["answers"].values())
    done = answered + dont_know + skipped
    who = data["respondent"].get("name") or "anonymous"
    saved = str(data["updated_at"]).replace("T", " ").removesuffix("Z")[:16]
    return (
        f"You have an unfinished assessment: {data['bank'].get('title', 'a bank')} ({who}), "
        f"{done} done ({tally(answered, dont_know, skipped)}), last saved {saved} UTC. "
        "Resume it?"
    )
