"""The facilitator's live view in the terminal: the join link and its QR code, who has joined,
and the group as it forms; ``e`` ends the workshop (writes the group result and summary).

The web server runs in the same asyncio loop as this app (``start_server`` is awaited when
the app mounts), so the workshop's callbacks arrive in the loop; a change is drawn at most
four times a second. Everything a person or bank wrote is shown as text, never as markup.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from readiness.errors import ReadinessError
from readiness.model import Bank
from readiness.session.engine import Session
from readiness.text import one_line
from readiness.tui.bars import KeyBar
from readiness.web import qr
from readiness.workshop.live import Ended, LiveFigures, ResultCache, end_workshop, live_figures

BAR = 16
REDRAW = 0.25
"""Seconds between redraws at most (a room answering at once)."""
TOP_SPLITS = 3
QR_STYLE = "#000000 on #ffffff"


class Watched(Protocol):
    """What the live view needs of a workshop (``readiness.workshop.room.Workshop``)."""

    bank: Bank
    join_code: str | None

    def snapshot(self) -> list[tuple[Session, bool]]: ...

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]: ...


def bar(score: float | None, width: int = BAR) -> str:
    """``██████░░░░``: a score of 0-100 as a bar of ``width`` cells."""
    filled = 0 if score is None else round(max(0.0, min(100.0, score)) * width / 100)
    return "█" * filled + "░" * (width - filled)


def short(words: str, width: int) -> str:
    """``words`` cut to ``width`` characters, an ellipsis marking the cut."""
    return words if len(words) <= width else words[: width - 1] + "…"


def figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def counts_line(f: LiveFigures) -> Text:
    text = Text()
    for name, count in (("Joined", f.joined), ("Answering", f.answering), ("Done", f.finished)):
        text.append(f"{name} ", style="dim")
        text.append(f"{count}   ", style="bold")
    return text


def domains_text(f: LiveFigures) -> Text:
    text = Text()
    text.append("Group ", style="bold")
    text.append(figure(f.overall), style="bold")
    text.append(f"  {f.overall_band or ''}\n")
    if not f.domains:
        text.append("Nobody has answered yet.", style="dim")
    for d in f.domains:
        text.append(f"{short(d.title, 16):<16} ")
        text.append(bar(d.score), style="green")
        text.append(f" {figure(d.score):>5}\n")
    return text


def splits_text(f: LiveFigures) -> Text:
    text = Text()
    text.append("Where the room splits\n", style="bold")
    if not f.divergent:
        text.append("No split yet.", style="dim")
    for rank, q in enumerate(f.divergent[:TOP_SPLITS], 1):
        text.append(f"{rank}. {q.prompt}\n")
        counts = " · ".join(str(a.count) for a in q.answers)
        extra = f" · don't know {q.dont_know}" if q.dont_know else ""
        text.append(f"   low to high: {counts}{extra}\n", style="dim")
    return text


def roles_text(f: LiveFigures) -> Text:
    text = Text()
    text.append("Roles by domain\n", style="bold")
    for d in f.domains:
        shown = [
            f"{r.role} {figure(r.mean)}"
            if r.mean is not None
            else f"{r.role} (fewer than {f.min_group})"
            for r in d.roles
        ]
        text.append(f"{d.title}: ", style="dim")
        text.append(" · ".join(shown) + "\n")
    for gap in f.role_gaps:
        text.append(f"{gap}\n", style="bold yellow")
    return text


class QuitDialog(ModalScreen[str | None]):
    """Quitting: end the workshop first (write the group result), quit without, or stay."""

    BINDINGS = [
        Binding("e", "choose('end')", "End and quit"),
        Binding("q", "choose('quit')", "Quit without ending"),
        Binding("escape", "choose(None)", "Stay"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("End the workshop before quitting? Ending writes the group result.")
            with Horizontal(classes="buttons"):
                yield Button("End and quit (e)", variant="primary", id="end")
                yield Button("Quit (q)", id="quit")
                yield Button("Stay (Esc)", id="stay")

    def on_mount(self) -> None:
        self.query_one("#end", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "stay" else event.button.id)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


class LiveApp(App[Ended | None]):
    """The facilitator's terminal view of a running workshop.

    Args:
        workshop: The workshop (``readiness.workshop.room.Workshop``).
        start_server: Awaited when the app starts, in its loop (the web server); what it
            returns is cleaned up (``await it.cleanup()``) when the app stops.
        join_link: The participants' link (also drawn as a QR code).
        min_group: The fewest people a role may have for its figures to be shown.
    """

    TITLE = "readiness: live workshop"
    CSS = """
    Screen { layout: vertical; }
    #title { height: 1; background: $primary; color: $text; text-style: bold; padding: 0 1; }
    #body { height: 1fr; }
    #join { width: 35; padding: 0 1; }
    #qr { width: 33; height: auto; }
    #link, #code, #projector { width: 33; }
    #room { width: 1fr; padding: 0 1; }
    #counts { height: 1; }
    QuitDialog, EndedDialog { align: center middle; }
    .dialog { width: 70; height: auto; border: thick $primary; background: $surface;
      padding: 1 2; }
    .buttons { height: auto; margin-top: 1; }
    .buttons Button { margin-right: 1; }
    """
    BINDINGS = [
        Binding("e", "end", "End workshop"),
        Binding("ctrl+q", "request_quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        workshop: Watched,
        start_server: Callable[[], Awaitable[Any]] | None = None,
        *,
        join_link: str | None = None,
        min_group: int = 3,
    ) -> None:
        super().__init__()
        self.workshop = workshop
        self.start_server = start_server
        self.join_link = join_link or getattr(workshop, "join_link", None)
        self.min_group = min_group
        self.cache = ResultCache()
        self.figures = live_figures(workshop.bank, [], min_group)
        self.ended: Ended | None = None
        self.server: Any = None
        self._dirty = False
        self._pending = False
        self._changed_since_end = False
        self._unsubscribe: Callable[[], None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Live: {one_line(self.workshop.bank.title)}"), id="title")
        with Horizontal(id="body"):
            with Vertical(id="join"):
                yield Static(self._qr(), id="qr")
                yield Static(
                    Text(self.join_link or "The join link appears once serving."), id="link"
                )
                code = self.workshop.join_code
                yield Static(Text(f"Code {code}" if code else "", style="bold"), id="code")
                projector = getattr(self.workshop, "facilitator_link", None)
                if projector:  # for the projector; the facilitator keeps it to themselves
                    yield Static(Text(f"Projector: {projector}"), id="projector")
            with VerticalScroll(id="room"):
                yield Static(id="counts")
                yield Static(id="domains")
                yield Static(id="splits")
                yield Static(id="roles")
        yield KeyBar()

    def _qr(self) -> Text:
        if not self.join_link:
            return Text("")
        return Text("\n".join(qr.terminal_lines(self.join_link)), style=QR_STYLE)

    async def on_mount(self) -> None:
        self._loop = asyncio.get_running_loop()
        if self.start_server is not None:
            self.server = await self.start_server()
        self._unsubscribe = self.workshop.subscribe(self.changed)
        self.redraw()

    async def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        cleanup = getattr(self.server, "cleanup", None)
        if cleanup is not None:
            await cleanup()

    def changed(self) -> None:
        """The workshop's callback (after a join, an answer, a finish): redraw soon."""
        self._changed_since_end = True
        try:
            in_loop = asyncio.get_running_loop() is self._loop
        except RuntimeError:
            in_loop = False
        if in_loop:  # from a web handler's task: into the app's own queue, where timers work
            self.call_later(self._schedule)
        elif self._loop is not None:
            self.call_from_thread(self._schedule)

    def _schedule(self) -> None:
        if not self._pending:
            self._pending = True
            self.set_timer(REDRAW, self.redraw)

    def redraw(self) -> None:
        """Work the figures out again and show them."""
        self._pending = False
        entries = self.workshop.snapshot()
        self.figures = f = live_figures(
            self.workshop.bank, entries, self.min_group, cache=self.cache
        )
        self.query_one("#counts", Static).update(counts_line(f))
        self.query_one("#domains", Static).update(domains_text(f))
        self.query_one("#splits", Static).update(splits_text(f))
        self.query_one("#roles", Static).update(roles_text(f))

    def action_end(self) -> None:
        """End the workshop: write the group result and summary, and say where."""
        try:
            self.ended = end_workshop(self.workshop, self.min_group)  # type: ignore[arg-type]
        except ReadinessError as error:
            self.notify(str(error), title="Not ended", severity="error", timeout=8)
            return
        self._changed_since_end = False
        self.push_screen(EndedDialog(self.ended))

    def action_request_quit(self) -> None:
        if self.ended is not None and not self._changed_since_end:
            self.exit(self.ended)
            return

        def chosen(choice: str | None) -> None:
            if choice == "end":
                self.action_end()
                if self.ended is not None:
                    self.exit(self.ended)
            elif choice == "quit":
                self.exit(self.ended)

        self.push_screen(QuitDialog(), chosen)


class EndedDialog(ModalScreen[None]):
    """Where the group result and its summary were written."""

    BINDINGS = [Binding("escape,enter", "close", "Close")]

    def __init__(self, ended: Ended) -> None:
        super().__init__()
        self.ended = ended

    def compose(self) -> ComposeResult:
        e = self.ended
        lines = [
            f"The workshop's group result: {e.finished} done"
            + (f", {e.unfinished} unfinished (with what they answered)" if e.unfinished else ""),
            f"  {e.group}",
            f"  {e.html}",
            f"  {e.markdown}",
            "Participants can still answer; end again for a newer group result.",
        ]
        with Vertical(classes="dialog"):
            yield Label(Text("\n".join(lines)), id="ended-paths")
            with Horizontal(classes="buttons"):
                yield Button("Close (Enter)", variant="primary", id="close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
