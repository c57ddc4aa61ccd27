"""The chat screen: the bot asks, the person replies, every reply is saved at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, ProgressBar, Static

from readiness.kinds.values import match_reply
from readiness.model import DONT_KNOW, Answer
from readiness.session import wording as talk
from readiness.session.engine import Ask, Reflection, Review, Session
from readiness.tui.widgets import (
    ChoiceReply,
    MultiReply,
    Replied,
    Transcript,
    TypingStarted,
    VotesRecorded,
    VotesReply,
    reply_kind,
)

if TYPE_CHECKING:
    from readiness.tui.app import ReadinessApp

PLACEHOLDER = "Type a reply, or: back, skip, why, note …, review, quit"


class ChatScreen(Screen[None]):
    """One question at a time, as a conversation."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+n", "skip", "Skip"),
        Binding("ctrl+y", "why", "Why"),
        Binding("ctrl+t", "note", "Note"),
        Binding("ctrl+r", "review", "Review"),
        Binding("ctrl+s", "save", "Save", show=False),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)],
    ]

    def __init__(self, session: Session, greeting: str) -> None:
        super().__init__()
        self.session = session
        self.greeting = greeting
        self.pending: Answer = None
        self.asked: Ask | None = None

    @property
    def shell(self) -> ReadinessApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="status-bar"):
            yield Static(id="status")
            yield ProgressBar(id="progress", show_eta=False, show_percentage=True)
        yield Transcript(id="transcript")
        with Vertical(id="reply-area"):
            yield ChoiceReply()
            yield MultiReply()
        yield Input(placeholder=PLACEHOLDER, id="typed", select_on_focus=False)
        yield Footer()

    def on_mount(self) -> None:
        self.transcript.say(self.greeting)
        self.show_step()

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    # Asking

    def show_step(self) -> None:
        """Ask whatever the session says comes next (or open the review)."""
        step = self.session.step()
        self.pending = None
        if isinstance(step, Review):
            self.asked = None
            self.action_review()
            return
        self.asked = step
        self.update_status(step)
        self.transcript.say(talk.question_text(step), "bot question")
        self.mount_reply(step)

    def update_status(self, step: Ask) -> None:
        done, total = self.session.progress()
        self.query_one("#status", Static).update(talk.progress_line(step, done, total))
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def mount_reply(self, step: Ask) -> None:
        """Show the reply list that fits the question, or the text field alone."""
        kind = reply_kind(step.question, step.follow_up is not None)
        self.query(VotesReply).remove()
        if kind == "choice" and self.session.mode == "room":
            self.mount_votes(step)
            return
        choice, multiple = self.query_one(ChoiceReply), self.query_one(MultiReply)
        choice.display, multiple.display = kind == "choice", kind == "multiple"
        typed = self.query_one("#typed", Input)
        hint = talk.TYPE_HINTS["text" if step.follow_up else step.question.type]
        typed.placeholder = PLACEHOLDER if kind else f"{hint}  (or: back, skip, why …)"
        if kind is None:
            typed.value = previous_text(step)
            typed.select_all()  # typing replaces an earlier answer; End keeps it
            typed.focus()
            return
        shown = choice if kind == "choice" else multiple
        shown.show(step.question, step.current)
        shown.focus()

    def mount_votes(self, step: Ask) -> None:
        """Room mode: counts per option instead of one person's choice."""
        self.query_one(ChoiceReply).display = self.query_one(MultiReply).display = False
        if step.question.discussion:
            self.transcript.say(f"*For discussion:* {step.question.discussion}", "bot why")
        self.query_one("#typed", Input).placeholder = "Enter how many chose each option above"
        self.query_one("#reply-area", Vertical).mount(VotesReply(step.question))

    @on(VotesRecorded)
    def on_votes_recorded(self, message: VotesRecorded) -> None:
        if not self.asked or message.question_id != self.asked.question.id:
            return
        labels = dict(talk.option_labels(self.asked.question))
        shown = ", ".join(f"{n} × {labels[k]}" for k, n in message.counts.items() if n > 0)
        self.transcript.echo(f"Room: {shown or 'no votes'}")
        if message.note:
            self.session.note(message.note, message.question_id)
        self.after_change(self.session.record_votes(message.counts))

    def refocus(self) -> None:
        """Put the focus back on the reply list, where the question has one."""
        for widget in (self.query_one(ChoiceReply), self.query_one(MultiReply)):
            if widget.display:
                widget.focus()

    # Replies

    @on(Replied)
    def on_replied(self, message: Replied) -> None:
        if (
            self.asked
            and message.question_id == self.asked.question.id
            and not self.asked.follow_up
        ):
            self.submit(message.value)

    def action_pick(self, number: int) -> None:
        """A number key chooses that option, whatever has the focus (but the text field)."""
        choice = self.query_one(ChoiceReply)
        if choice.display:
            choice.pick(number)

    @on(TypingStarted)
    def on_typing_started(self, message: TypingStarted) -> None:
        typed = self.query_one("#typed", Input)
        typed.focus()
        if message.character == "\n":
            typed.post_message(Input.Submitted(typed, typed.value))
        else:
            typed.insert_text_at_cursor(message.character)

    @on(Input.Submitted, "#typed")
    def on_typed(self, event: Input.Submitted) -> None:
        text = event.value
        event.input.value = ""
        if not text.strip() and not (self.asked and self.asked.follow_up):
            return
        command = talk.parse_command(text)
        if command:
            self.transcript.echo(text)
            self.run_command(command)
            self.refocus()
        elif self.pending is not None:
            self.confirm(text)
        elif self.asked:
            self.typed_reply(text)

    def typed_reply(self, text: str) -> None:
        assert self.asked
        if self.asked.follow_up:
            self.submit(text.strip() or None)
            return
        match = match_reply(self.asked.question, text)
        if match.kind == "sure":
            self.submit(match.value)
        elif match.kind == "unsure":
            self.transcript.echo(text)
            self.pending = match.value
            self.transcript.say(f"{match.message} (yes or no)", "bot confirm")
        else:
            self.transcript.echo(text)
            self.transcript.say(match.message, "bot error")
            self.refocus()

    def confirm(self, text: str) -> None:
        value, self.pending = self.pending, None
        if text.strip().lower() in ("y", "yes", "yeah", "yep", "ok"):
            self.submit(value)
        elif text.strip().lower() in ("n", "no", "nope"):
            self.transcript.echo(text)
            self.transcript.say("No problem: choose again, or type another word.", "bot")
            self.refocus()
        else:
            self.typed_reply(text)

    def submit(self, value: Answer) -> None:
        """Record a reply, save, and move on."""
        if self.asked is None:
            return
        question = self.asked.question
        shown = value if self.asked.follow_up else talk.describe(question, value)
        self.transcript.echo(str(shown) if shown is not None else "skipped")
        reflection = self.session.answer(value)
        self.after_change(reflection)

    def after_change(self, reflection: Reflection | None) -> None:
        self.shell.save(self.session)
        if reflection:
            self.transcript.say(
                talk.reflection_text(reflection, self.session.bank), "bot reflection"
            )
        self.show_step()

    # Commands

    def run_command(self, command: talk.Command) -> None:
        if command.name == "note" and command.argument:
            self.add_note(command.argument)
        elif command.name == "help":
            self.transcript.say(talk.commands_help(), "bot")
        else:
            getattr(self, f"action_{command.name}")()

    def action_back(self) -> None:
        if self.session.back():
            self.transcript.say("Going back.", "bot")
            self.after_change(None)
        else:
            self.transcript.say("This is the first question: there is nothing before it.", "bot")

    def action_skip(self) -> None:
        if self.asked is None:
            return
        self.transcript.echo("skip")
        self.after_change(self.session.skip())

    def action_why(self) -> None:
        if self.asked:
            self.transcript.say(talk.why_text(self.session.bank, self.asked.question), "bot why")
            if self.asked.question.discussion:
                self.transcript.say(
                    f"*For discussion:* {self.asked.question.discussion}", "bot why"
                )

    def action_note(self) -> None:
        from readiness.tui.dialogs import NoteDialog

        if self.asked is None:
            return
        qid = self.asked.question.id
        self.app.push_screen(NoteDialog(self.session.notes.get(qid, "")), self.add_note)

    def add_note(self, text: str | None) -> None:
        if text is None or self.asked is None:
            return
        self.session.note(text, self.asked.question.id)
        self.shell.save(self.session)
        self.transcript.say("Note saved." if text.strip() else "Note removed.", "bot")

    def action_save(self) -> None:
        path = self.shell.save(self.session)
        self.notify(f"Saved to {path}", title="Saved")

    def action_quit(self) -> None:
        self.shell.action_quit_and_save()

    def action_review(self) -> None:
        from readiness.tui.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.session), self.after_review)

    def after_review(self, choice: str | None) -> None:
        from readiness.tui.review import FINISH

        if choice == FINISH:
            self.shell.finish(self.session)
        elif choice:
            self.session.change(choice)
            self.after_change(None)
        elif self.asked is None:
            self.transcript.say(
                "Every question has an answer. Press Ctrl+R to review and finish.", "bot"
            )


def previous_text(step: Ask) -> str:
    """An earlier typed answer (number or text), to edit when the question is asked again."""
    current = step.current
    if step.follow_up or current is None or current == DONT_KNOW or isinstance(current, list):
        return ""
    return f"{current:g}" if isinstance(current, int | float) else str(current)
