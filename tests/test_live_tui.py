"""The facilitator's terminal live view: its look at 80x24 (an SVG snapshot of fixed data),
live counts after a change, ending the workshop, and quitting."""

from __future__ import annotations

from pathlib import Path

import pytest
from live_helpers import FakeWorkshop

from readiness import api
from readiness.scoring import result
from readiness.session import engine
from readiness.tui.live import LiveApp, QuitDialog, bar

BANK = api.load_bank("quick")
SIZE = (80, 24)
LINK = "http://192.168.1.20:8000/join/K7QX3M"
FIXED_TIME = "2026-11-28T10:00:00Z"


@pytest.fixture(autouse=True)
def steady(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "now", lambda: FIXED_TIME)
    monkeypatch.setattr(result, "now", lambda: FIXED_TIME)


def room(tmp_path: Path) -> FakeWorkshop:
    """Seven people: five done, one half way, one just joined."""
    workshop = FakeWorkshop(BANK, output_dir=tmp_path / "results")
    plans = [
        ("Manager", [4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3]),
        ("Manager", [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]),
        ("Manager", [4, 4, 2, 4, 4, 2, 4, 4, 2, 4, 4, 2]),
        ("Practitioner", [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]),
        ("Practitioner", [1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 2]),
    ]
    for role, picks in plans:
        workshop.join(role, picks, finished_at=FIXED_TIME)
    workshop.join("Practitioner", [0, 2, 1, 0, 1, 0])
    workshop.join("Partner agency")
    return workshop


def test_bar() -> None:
    assert bar(None, 4) == "░░░░" and bar(50, 4) == "██░░" and bar(100, 4) == "████"
    assert bar(250, 4) == "████" and bar(-3, 4) == "░░░░"


def test_live_view_snapshot(snap_compare, tmp_path: Path) -> None:
    """Join link and QR code, counts, domain bars, where the room splits, roles by domain."""
    app = LiveApp(room(tmp_path), join_link=LINK)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


async def settle(pilot) -> None:
    """Let the figures' layout (and the scroll bar's size) settle before the picture."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def test_a_change_updates_the_counts(tmp_path: Path) -> None:
    workshop = room(tmp_path)
    started: list[bool] = []

    class Runner:
        async def cleanup(self) -> None:
            started.append(False)

    async def start_server() -> Runner:
        started.append(True)
        return Runner()

    app = LiveApp(workshop, start_server, join_link=LINK)
    async with app.run_test(size=SIZE) as pilot:
        assert started == [True]
        assert (app.figures.joined, app.figures.answering, app.figures.finished) == (7, 1, 5)
        workshop.join("Manager", [2, 2])
        workshop.sessions[-2].answers[BANK.questions[0].id] = BANK.questions[0].options[0].id
        workshop.changed()
        await pilot.pause(0.5)
        assert (app.figures.joined, app.figures.answering, app.figures.finished) == (8, 3, 5)
        shown = str(app.query_one("#counts").render())
        assert "Joined 8" in shown and "Answering 3" in shown and "Done 5" in shown
    assert started == [True, False]
    assert workshop.watchers == []


async def test_end_writes_the_group_and_says_where(tmp_path: Path) -> None:
    workshop = room(tmp_path)
    app = LiveApp(workshop, join_link=LINK)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert app.ended is not None
        assert app.ended.group.is_file() and app.ended.html.is_file()
        assert (app.ended.finished, app.ended.unfinished) == (5, 1)
        shown = str(app.screen.query_one("#ended-paths").render())
        assert app.ended.group.name in shown
        await pilot.press("enter")
        await pilot.press("ctrl+q")  # ended, nothing changed since: quits at once
        await pilot.pause()
    assert app.return_value == app.ended


async def test_quit_asks_whether_to_end_first(tmp_path: Path) -> None:
    workshop = room(tmp_path)
    app = LiveApp(workshop, join_link=LINK)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QuitDialog)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
    assert app.return_value is not None and app.return_value.group.is_file()
    assert list((tmp_path / "results").glob("group-*.md"))
