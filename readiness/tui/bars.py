"""The line along the top (where the conversation stands) and the keys along the bottom.

Each is one widget drawn as text. Textual's ProgressBar is three widgets and its Footer one per
key, composed again whenever the bindings change; on the chat screen those extra widgets cost
about a tenth of the time to the first question, and they show nothing these do not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.widget import Widget

from readiness.text import one_line

if TYPE_CHECKING:
    from textual.screen import Screen

BAR_WIDTH = 14
"""Cells of the progress bar; with its percentage it takes 20 of the status line's width."""


class StatusLine(Widget):
    """Where the conversation stands on the left; on the right a bar and the percentage done
    (so progress never rests on colour alone)."""

    COMPONENT_CLASSES = {"status--line", "status--done", "status--todo"}
    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        background: $panel;
        & > .status--line { text-style: bold; }
        & > .status--done { color: $primary; }
        & > .status--todo { color: $foreground 25%; }
    }
    """

    line: reactive[str] = reactive("")
    done: reactive[int] = reactive(0)
    total: reactive[int] = reactive(1)

    def render(self) -> Text:
        total = max(self.total, 1)
        share = min(max(self.done, 0), total) / total
        filled = round(BAR_WIDTH * share)
        bar = Text.assemble(
            ("━" * filled, self.get_component_rich_style("status--done")),
            ("━" * (BAR_WIDTH - filled), self.get_component_rich_style("status--todo")),
            f" {round(share * 100):>3}%",
        )
        room = max(self.content_size.width - bar.cell_len - 2, 0)
        line = Text(one_line(self.line), style=self.get_component_rich_style("status--line"))
        line.truncate(room, overflow="ellipsis", pad=True)
        return Text.assemble(line, "  ", bar)


class KeyBar(Widget, can_focus=False):
    """The screen's keys, as Textual's Footer shows them (the command palette's on the right,
    keys that do nothing now dimmed); a click on one presses it."""

    COMPONENT_CLASSES = {"keybar--key", "keybar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.places: list[tuple[int, int, str]] = []
        """Where each key was drawn: its first cell, the cell after its last, the key."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        self.refresh()

    def keys(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str, bool] | None]:
        """The keys to show, one per action, as (key, how it is shown, what it does, enabled);
        and the command palette's key, if it has one."""
        app, palette = self.app, None
        shown: dict[str, tuple[str, str, str, bool]] = {}
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            key = (binding.key, app.get_key_display(binding), binding.description, enabled)
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = key
            elif binding.show:
                shown.setdefault(binding.action, key)
        return list(shown.values()), palette

    def render(self) -> Text:
        keys, palette = self.keys()
        text, self.places = Text(no_wrap=True, overflow="crop"), []
        for key in keys:
            self.draw(text, key)
        if palette:
            gap = self.content_size.width - text.cell_len - cell_width(palette)
            text.append(" " * max(gap, 1))
            self.draw(text, palette)
        return text

    def draw(self, text: Text, key: tuple[str, str, str, bool]) -> None:
        name, display, description, enabled = key
        text.append(" ")
        start = text.cell_len
        dim = Style(dim=not enabled)
        text.append(display, self.get_component_rich_style("keybar--key") + dim)
        if description:
            style = self.get_component_rich_style("keybar--description") + dim
            text.append(f" {description}", style)
        self.places.append((start, text.cell_len, name))
        text.append(" ")

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self.places:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return


def cell_width(key: tuple[str, str, str, bool]) -> int:
    """Cells a key takes when drawn."""
    _name, display, description, _enabled = key
    return cell_len(display) + 2 + (cell_len(description) + 1 if description else 0)
