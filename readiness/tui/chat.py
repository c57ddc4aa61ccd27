"""The chat screen: renders a :class:`~readiness.session.controller.Controller`.

Every key, pick and typed line goes to the controller; every turn it returns is shown in the
transcript as Rich text built from its spans (never markup), and the reply area is refilled
from its :class:`~readiness.session.turns.Prompt`. Nothing here decides what a reply means.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input
from textual.widgets.option_list import Option

from readiness.session.controller import Controller
from readiness.session.engine import Ask
from readiness.session.prompts import PLACEHOLDER
from readiness.session.turns import EditNote, Finished, OpenReview, Prompt, Quit, Turn, Update
from readiness.text import one_line
from readiness.tui.bars import KeyBar, StatusLine
from readiness.tui.widgets import (
    ChoiceReply,
    Replied,
    Transcript,
    TypingStarted,
)
from readiness.tui.widgets import Turn as TurnView

if TYPE_CHECKING:
    from readiness.tui.app import ReadinessApp
    from readiness.tui.ticks import MultiReply
    from readiness.tui.votes import VotesRecorded

FIRST_SAVE_AFTER = 0.25
"""Seconds after the chat first refreshes before saving who is answering: the question is on
screen by then, and nothing has been answered that could be lost."""
PICK_AFTER = 0.6
"""Seconds after a lone number key before it picks that option: long enough to type "4 months"
instead, short enough not to wait for."""
SWALLOW_ENTER = 1.0
"""Seconds after such a pick during which Enter is ignored: it was meant for the number."""
CLASSES = {
    "question": "bot question",
    "followup": "bot question",
    "confirm": "bot confirm",
    "error": "bot error",
    "why": "bot why",
    "reflection": "bot reflection",
    "info": "bot",
}
"""The transcript's style for each kind of the bot's turns."""


class ChatScreen(Screen[None]):
    """One question at a time, as a conversation."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+o", "skip", "Skip"),
        Binding("ctrl+y", "why", "Why"),
        Binding("ctrl+l", "note", "Note"),
        Binding("ctrl+r", "review", "Review"),
        Binding("ctrl+s", "save", "Save", show=False),
        Binding("enter", "swallow_enter", show=False, priority=True),
        # Priority: handled as the key arrives, before any key after it reaches the list.
        *[Binding(str(n), f"digit({n})", show=False, priority=True) for n in range(1, 10)],
    ]

    def __init__(self, controller: Controller) -> None:
        super().__init__()
        self.controller = controller
        self.prompt: Prompt | None = None
        self.turns: list[Turn] = []
        """Every turn shown, in order (the transcript itself keeps only the newest)."""
        self.pick_timer: Timer | None = None
        self.swallow_until = 0.0
        self.opening = controller.start()
        """The welcome and the first question."""

    @property
    def shell(self) -> ReadinessApp:
        return self.app  # type: ignore[return-value]

    @property
    def asked(self) -> Ask | None:
        """The question being asked (None at the review)."""
        return self.controller.asked

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        # The opening turns are composed with the screen, not mounted after it: the first
        # question is laid out and drawn once.
        yield Transcript(*map(turn_widget, self.opening.turns), id="transcript")
        with Vertical(id="reply-area"):
            yield ChoiceReply()  # the list of ticks is mounted when a question needs it
        yield Input(placeholder=PLACEHOLDER, id="typed", select_on_focus=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.show(self.opening, drawn=True)
        # The first save loads the schema checker (a tenth of a second): done at once, or on
        # the next refresh, it holds the first question back, as the screen is drawn on a timer.
        self.call_after_refresh(self.set_timer, FIRST_SAVE_AFTER, self.first_save)

    def first_save(self) -> None:
        """Keep who is answering from the start, once the first question is on screen."""
        self.show(self.controller.save())

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    @property
    def typed(self) -> Input:
        return self.query_one("#typed", Input)

    def reply_lists(self) -> list[ChoiceReply | MultiReply]:
        """The reply lists on screen: the choice list, and the list of ticks once mounted."""
        return [self.query_one(ChoiceReply), *self.mounted_ticks()]

    def mounted_ticks(self) -> list[MultiReply]:
        """The list of ticks, if a question has needed it yet (else its module is not loaded)."""
        return cast("list[MultiReply]", list(self.query("#multiple")))

    def ticks(self) -> MultiReply:
        """The list of ticks, mounted the first time a question needs it (not at the start:
        most questions take one option, and the first question comes sooner without it)."""
        found = self.mounted_ticks()
        if found:
            return found[0]
        from readiness.tui.ticks import MultiReply

        multiple = MultiReply()
        self.query_one("#reply-area", Vertical).mount(multiple, after=self.query_one(ChoiceReply))
        return multiple

    # Showing what the controller says

    def show(self, update: Update, *, drawn: bool = False) -> None:
        """Add the turns (unless ``drawn`` already), refresh the status and the reply area,
        then act on the effect."""
        for turn in update.turns:
            self.turns.append(turn)
            if not drawn:
                self.transcript.add(turn_widget(turn))
        if update.status:
            status = update.status
            bar = self.query_one(StatusLine)
            bar.line, bar.done, bar.total = status.line, status.done, status.total
        if update.prompt:
            was, self.prompt = self.prompt, update.prompt
            if update.asked:
                self.mount_reply(update.prompt)
            elif update.prompt.confirming:
                self.offer(update.prompt)
            elif was and was.confirming:
                self.mount_reply(update.prompt)  # the offer is gone: the options again
            else:
                self.typed.placeholder = update.prompt.placeholder
                if update.turns:
                    self.refocus()
        self.act(update)

    def act(self, update: Update) -> None:
        effect = update.effect
        if isinstance(effect, OpenReview):
            from readiness.tui.review import ReviewScreen

            self.app.push_screen(ReviewScreen(self.controller), self.after_review)
        elif isinstance(effect, EditNote):
            from readiness.tui.dialogs import NoteDialog

            self.app.push_screen(NoteDialog(effect.text), self.noted)
        elif isinstance(effect, Finished):
            self.shell.show_summary(effect)
        elif isinstance(effect, Quit):
            self.shell.leave(effect)

    def mount_reply(self, prompt: Prompt) -> None:
        """Show the reply list that fits the prompt, or the text field alone."""
        self.query("VotesReply").remove()
        choice = self.query_one(ChoiceReply)
        choice.display = prompt.kind == "choice"
        for multiple in self.mounted_ticks():
            multiple.display = prompt.kind == "multiple"
        typed = self.typed
        typed.placeholder = prompt.placeholder
        typed.value = ""
        ask = self.controller.asked
        if ask and prompt.kind == "votes":
            from readiness.tui.votes import VotesReply

            self.query_one("#reply-area", Vertical).mount(VotesReply(ask.question))
        elif ask and prompt.kind in ("choice", "multiple"):
            shown = choice if prompt.kind == "choice" else self.ticks()
            shown.display = True
            shown.show(ask.question, prompt.current)
            shown.focus()
        else:
            typed.value = prompt.text
            typed.select_all()  # typing replaces an earlier answer; End keeps it
            typed.focus()

    def offer(self, prompt: Prompt) -> None:
        """The readings of a typed reply, best first and highlighted: Enter (or y) takes it,
        2 the runner-up; typing says it another way."""
        choice = self.query_one(ChoiceReply)
        for multiple in self.mounted_ticks():
            multiple.display = False
        choice.display = True
        choice.question_id = prompt.question_id
        choice.ids = [reading.id for reading in prompt.offered]
        choice.set_options(  # labels are bank text: a Text, never markup
            [
                Option(Text.assemble(f"{reading.number}. ", one_line(reading.label)), id=reading.id)
                for reading in prompt.offered
            ]
        )
        choice.highlighted = 0
        self.typed.placeholder = prompt.placeholder
        choice.focus()

    def refocus(self) -> None:
        """Put the focus back on the reply list, where the question has one."""
        for widget in self.reply_lists():
            if widget.display:
                widget.focus()

    # Replies

    @on(Replied)
    def on_replied(self, message: Replied) -> None:
        if not self.current(message.question_id):
            return
        if self.prompt and self.prompt.confirming and isinstance(message.value, str):
            self.show(self.controller.reply(message.value))  # a reading offered, by its number
        else:
            self.show(self.controller.choose(message.value))

    # Found by its name, not @on: the votes' module loads with the first room-mode question.
    def on_votes_recorded(self, message: VotesRecorded) -> None:
        if self.current(message.question_id):
            self.show(self.controller.votes(message.counts, message.note))

    def current(self, question_id: str) -> bool:
        """Whether a reply widget's message is for the question being asked (not a late one)."""
        prompt = self.prompt
        return bool(prompt and prompt.question_id == question_id and not prompt.follow_up)

    def action_digit(self, number: int) -> None:
        """A number key on the list: into the text field; alone, after a pause, it picks.

        It goes the way letters typed on the list go (:class:`TypingStarted`, from the list),
        once the keys already queued for the list have been handled: a priority key is seen
        before them, and "about 4 months" must not be read as "4about months".
        """
        choice = self.query_one(ChoiceReply)
        choice.typing = True  # the keys that follow reach the text field in order
        choice.handed += 1
        choice.call_later(choice.post_message, TypingStarted(str(number)))

    def wait_to_pick(self, digit: str) -> None:
        """A lone number key: pick its option unless more is typed within a moment."""
        if not self.prompt:
            return
        question_id = self.prompt.question_id
        if self.pick_timer:
            self.pick_timer.stop()
        self.pick_timer = self.set_timer(
            PICK_AFTER, lambda: self.pick_after_pause(digit, question_id)
        )

    def pick_after_pause(self, digit: str, question_id: str) -> None:
        """Nothing followed the number key: it picks the option."""
        self.pick_timer = None
        typed = self.typed
        if typed.value != digit or not self.prompt or self.prompt.question_id != question_id:
            return
        typed.value = ""
        self.swallow_until = monotonic() + SWALLOW_ENTER
        self.show(self.controller.reply(digit))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "swallow_enter":
            return monotonic() < self.swallow_until
        if action == "digit":  # elsewhere (a text field, the votes) a digit is just typed
            focused = self.focused
            # after a letter, a digit follows it to the text field in order ("about 4 months")
            return isinstance(focused, ChoiceReply) and not focused.typing
        return True

    def action_swallow_enter(self) -> None:
        """Enter just after a number picked by pause belonged to that number: ignore it."""
        self.swallow_until = 0.0

    @on(TypingStarted)
    def on_typing_started(self, message: TypingStarted) -> None:
        for reply_list in self.reply_lists():
            reply_list.handed = max(0, reply_list.handed - 1)
        typed = self.typed
        if self.prompt and self.prompt.confirming and message.character in "yY" and not typed.value:
            self.show(self.controller.reply("yes"))  # one key takes the reading offered
            return
        if message.character == "\n":
            typed.focus()
            typed.post_message(Input.Submitted(typed, typed.value))
            return
        alone = message.character.isdigit() and not typed.value
        typed.insert_text_at_cursor(message.character)
        if alone:
            self.wait_to_pick(message.character)
        if not typed.has_focus:
            # Once the keys already sent have arrived: a key that went straight to the field
            # could overtake letters still on their way ("about 4 months" read "4about").
            self.call_after_refresh(self.follow_typing)

    def follow_typing(self) -> None:
        """Move to the text field the letters went to, unless a new reply list took the focus
        since (an offer of readings after Enter, say)."""
        if any(reply_list.typing for reply_list in self.reply_lists()):
            self.typed.focus()

    @on(Input.Submitted, "#typed")
    def on_typed(self, event: Input.Submitted) -> None:
        text = event.value
        event.input.value = ""
        if self.pick_timer:
            self.pick_timer.stop()
            self.pick_timer = None
        if not text.strip() and not (self.prompt and self.prompt.empty_ok):
            return
        self.show(self.controller.reply(text))

    # Commands

    def action_back(self) -> None:
        self.show(self.controller.command("back"))

    def action_skip(self) -> None:
        self.show(self.controller.command("skip"))

    def action_why(self) -> None:
        self.show(self.controller.command("why"))

    def action_note(self) -> None:
        self.show(self.controller.command("note"))

    def noted(self, text: str | None) -> None:
        if text is not None:
            self.show(self.controller.set_note(text))

    def action_save(self) -> None:
        self.show(self.controller.command("save"))

    def action_quit(self) -> None:
        self.shell.action_quit_and_save()

    def action_review(self) -> None:
        self.show(self.controller.command("review"))

    def after_review(self, choice: str | None) -> None:
        from readiness.tui.review import FINISH

        if choice == FINISH:
            self.show(self.controller.finish())
        elif choice:
            self.show(self.controller.change(choice))


def turn_widget(turn: Turn) -> TurnView:
    """A turn as the transcript shows it: the person's words as typed, the bot's by kind."""
    if turn.role == "person":
        return TurnView(turn.text, "user")
    return TurnView(turn.parts, CLASSES[turn.kind])
