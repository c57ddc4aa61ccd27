"""SVG snapshots of the main screens at 80x24 (pytest-textual-snapshot).

Update them with ``pytest tests/test_snapshots.py --snapshot-update`` after a deliberate change,
and look at the report it writes before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BANKS
from textual.widgets import Input

from readiness.scoring import result
from readiness.scoring.answers import Respondent
from readiness.session import engine
from readiness.session import files as sessions
from readiness.tui.app import AppOptions, ReadinessApp

BANK = str(BANKS / "valid" / "conversation.yaml")
SIZE = (80, 24)
FIXED_TIME = "2026-11-21T10:00:00Z"


@pytest.fixture(autouse=True)
def steady(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fixed clock, private data folder, relative output paths: the same pixels every run."""
    monkeypatch.setenv(sessions.ENV_DIR, str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(engine, "now", lambda: FIXED_TIME)
    monkeypatch.setattr(result, "now", lambda: FIXED_TIME)


async def no_blink(pilot) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


def app(**options: object) -> ReadinessApp:
    defaults: dict[str, object] = {
        "bank": BANK,
        "respondent": Respondent("Sam"),
        "output_dir": Path("readiness-results"),
    }
    return ReadinessApp(AppOptions(**{**defaults, **options}))  # type: ignore[arg-type]


def test_start_screen(snap_compare) -> None:
    """The start: the bundled banks listed, the respondent fields, Start."""
    assert snap_compare(app(bank="quick", respondent=None), terminal_size=SIZE, run_before=no_blink)


def test_question(snap_compare) -> None:
    """A scale question: the welcome, the numbered options, the progress bar and the footer."""
    assert snap_compare(app(), terminal_size=SIZE, run_before=no_blink)


def test_follow_up(snap_compare) -> None:
    """A low answer is followed up with the Audit of Service question."""
    assert snap_compare(app(), press=["2", "enter"], terminal_size=SIZE, run_before=no_blink)


def test_summary(snap_compare) -> None:
    """The summary at the end, with where the files went."""

    async def finish(pilot) -> None:
        await pilot.pause()  # the first question on screen, as a person waits for it
        for number in (4, 1, 1):
            await pilot.press(str(number), "enter")
            await pilot.pause()
        pilot.app.screen.query_one("#typed").focus()
        await pilot.press("1", "2", "enter", "space", "enter", "enter")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await no_blink(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=finish)
