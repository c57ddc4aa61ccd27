"""Served in a browser, the app only gets the keys the browser lets a page have.

Browsers keep Ctrl+N (new window), Ctrl+T (new tab), Ctrl+W (close tab) and their Shift and Tab
relatives: a page never sees them. A key the footer advertises must work in the browser too,
so no screen binds one, and the README names the keys the app really binds.
"""

from __future__ import annotations

from conftest import ROOT
from textual.binding import Binding

from readiness.tui.app import ReadinessApp
from readiness.tui.chat import ChatScreen
from readiness.tui.dialogs import NoteDialog, ResumeDialog
from readiness.tui.review import ReviewScreen
from readiness.tui.start import StartScreen
from readiness.tui.summary import SummaryScreen
from readiness.tui.ticks import MultiReply

BROWSER_KEEPS = {
    "ctrl+n",
    "ctrl+t",
    "ctrl+w",
    "ctrl+shift+n",
    "ctrl+shift+t",
    "ctrl+shift+w",
    "ctrl+tab",
    "ctrl+shift+tab",
}
BOUND = [
    ReadinessApp,
    ChatScreen,
    ReviewScreen,
    StartScreen,
    SummaryScreen,
    NoteDialog,
    ResumeDialog,
    MultiReply,
]


def keys_for(owner: type) -> dict[str, str]:
    """Each key ``owner`` binds, to its action."""
    bound: dict[str, str] = {}
    for binding in owner.BINDINGS:
        if not isinstance(binding, Binding):
            binding = Binding(*binding)
        for key in binding.key.split(","):
            bound[key.strip()] = binding.action
    return bound


def test_no_screen_binds_a_key_the_browser_keeps() -> None:
    taken = {
        f"{owner.__name__}: {key} ({action})"
        for owner in BOUND
        for key, action in keys_for(owner).items()
        if key in BROWSER_KEEPS
    }
    assert taken == set()


def test_the_readme_names_the_keys_for_skip_and_note() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    by_action = {action: key for key, action in keys_for(ChatScreen).items()}
    shown = {
        action: "+".join(part.capitalize() for part in by_action[action].split("+"))
        for action in ("skip", "note", "why")
    }
    assert f"**skip** ({shown['skip']})" in readme
    assert f"**note TEXT** ({shown['note']})" in readme
    assert f"| {shown['skip']} / {shown['why']} / {shown['note']} | skip / why / note |" in readme
