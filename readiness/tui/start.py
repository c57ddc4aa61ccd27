"""The start: which bank, and (optionally) who is answering."""

from __future__ import annotations

from msgspec import Struct
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from readiness.model import Bank
from readiness.scoring.answers import Respondent
from readiness.text import one_line
from readiness.tui.bars import KeyBar

INTRO = (
    "How ready is your service to innovate? A conversation about the conditions the evidence "
    "says matter most (Sebba et al. 2017). Answers are saved as you go, on this machine only."
)
INTRO_WEB = (
    "How ready is your service to innovate? A conversation about the conditions the evidence "
    "says matter most (Sebba et al. 2017). Answers are saved as you go on the facilitator's "
    "computer; close the page at any time and reopen it to carry on."
)


class StartChoice(Struct, frozen=True):
    """What the start screen decided."""

    bank: Bank
    respondent: Respondent
    room: bool = False


class StartScreen(Screen[StartChoice]):
    """Pick a bank, say who you are (or stay anonymous), start."""

    BINDINGS = [Binding("ctrl+g", "start", "Start")]
    DEFAULT_CSS = """
    #start { padding: 0 1; }
    #start-intro { margin: 0 0 1 0; color: $text-muted; }
    #bank-list { height: auto; max-height: 6; margin: 0 0 1 0; }
    #start Input { height: 1; border: none; padding: 0 1; margin: 0; background: $boost; }
    #start #organisation { margin: 0 0 1 0; }
    #start Input:focus { background: $primary 30%; }
    #start Checkbox { border: none; padding: 0; height: 1; margin: 0 0 1 0; }
    #start-button { margin: 0; }
    #role-row { height: 1; }
    #role-row #role { width: 1fr; }
    #role-group { width: 25; margin: 0 0 0 1; }
    """

    def __init__(self, banks: list[Bank], chosen: int = 0) -> None:
        super().__init__()
        self.banks = banks
        self.chosen = chosen
        self.offered = chosen
        """The bank whose role groups the pick offers."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="start"):
            yield Static(
                "[b]readiness[/b]: innovation readiness for children's services", id="start-title"
            )
            yield Static(INTRO_WEB if self.app.is_web else INTRO, id="start-intro")
            yield Label("Which assessment? (arrow keys, then Enter)")
            yield OptionList(*[self.option(b) for b in self.banks], id="bank-list")
            yield Label("About you: optional; leave blank to stay anonymous")
            yield Input(placeholder="Your name", id="name")
            with Horizontal(id="role-row"):
                yield Input(placeholder="Your role (e.g. head of service, practitioner)", id="role")
                yield Select(
                    self.role_options(self.banks[self.chosen]),
                    prompt="Role group (optional)",
                    compact=True,
                    id="role-group",
                )
            yield Input(placeholder="Your organisation", id="organisation")
            if not self.app.is_web:  # participants in a browser each answer for themselves
                yield Checkbox("Room votes: one shared screen, count the room's answers", id="room")
            yield Button("Start", variant="primary", id="start-button")
        yield KeyBar()

    @staticmethod
    def option(bank: Bank) -> Option:
        """A bank on the list; its title is the bank's text, shown as it is (never markup)."""
        about = f" ({len(bank.questions)} questions, ~{bank.estimated_minutes} min)"
        return Option(Text.assemble(one_line(bank.title), about), id=bank.id)

    @staticmethod
    def role_options(bank: Bank) -> list[tuple[Text, str]]:
        """The bank's role groups to pick from; their labels are the bank's text."""
        return [(Text(one_line(g.label)), g.id) for g in bank.role_groups]

    @on(OptionList.OptionHighlighted, "#bank-list")
    def bank_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Offer the highlighted bank's role groups (none: the pick is hidden)."""
        if event.option_index == self.offered:
            return
        self.offered = event.option_index
        groups = self.role_options(self.banks[event.option_index])
        pick = self.query_one("#role-group", Select)
        pick.set_options(groups)
        pick.display = bool(groups)

    def on_mount(self) -> None:
        self.query_one("#role-group", Select).display = bool(self.banks[self.chosen].role_groups)
        bank_list = self.query_one("#bank-list", OptionList)
        bank_list.highlighted = self.chosen
        bank_list.focus()

    @on(OptionList.OptionSelected, "#bank-list")
    def bank_chosen(self, event: OptionList.OptionSelected) -> None:
        self.chosen = event.option_index
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        if event.input.id == "organisation":
            self.action_start()
        else:
            self.focus_next()

    @on(Button.Pressed, "#start-button")
    def start_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        highlighted = self.query_one("#bank-list", OptionList).highlighted
        bank = self.banks[highlighted if highlighted is not None else self.chosen]

        def field(name: str) -> str | None:
            return self.query_one(f"#{name}", Input).value.strip() or None

        picked = self.query_one("#role-group", Select).value
        known = {g.id for g in bank.role_groups}
        group = picked if isinstance(picked, str) and picked in known else None
        respondent = Respondent(field("name"), field("role"), field("organisation"), group)
        room = self.query("#room")
        self.dismiss(StartChoice(bank, respondent, bool(room) and room.first(Checkbox).value))
