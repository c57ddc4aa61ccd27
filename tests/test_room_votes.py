"""Room votes: one shared screen, counts per option, through to a group result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readiness.scoring.answers import Respondent
from readiness.session import files as sessions
from readiness.tui.app import AppOptions, ReadinessApp
from readiness.tui.summary import SummaryScreen
from readiness.tui.votes import VotesRecorded

VOTES = [3, 5]  # three people chose the first option, five the second, of every question


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(sessions.ENV_DIR, str(tmp_path / "data"))
    return tmp_path / "data"


async def record(pilot, counts: list[int], note: str = "") -> None:
    """Type the counts into the first boxes, Enter through the rest, then the note."""
    app = pilot.app
    boxes = len(app.screen.query(".votes Input")) - 1
    for index in range(boxes):
        count = counts[index] if index < len(counts) else 0
        await pilot.press(*str(count), "enter")  # each box selects its 0 when focused
    await pilot.press(*note, "enter")
    await pilot.pause()


async def test_room_votes_through_to_a_group_result(tmp_path: Path, cli) -> None:
    app = ReadinessApp(
        AppOptions(
            bank="quick",
            respondent=Respondent("Leadership team"),
            output_dir=tmp_path / "out",
            room=True,
        )
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await record(pilot, VOTES, note="Leaders and staff disagree here")
        assert app.session and app.session.answers == {"q_leadership": "stretched"}  # most chosen
        assert app.session.notes == {"q_leadership": "Leaders and staff disagree here"}
        follow_ups = 0
        while (asked := getattr(app.screen, "asked", None)) is not None:  # votes by message
            if asked.follow_up:  # a low answer's follow-up: the room gives no action here
                follow_ups += 1
                await pilot.press("enter")
            else:
                counts = dict(zip([o.id for o in asked.question.options], VOTES, strict=False))
                app.screen.post_message(VotesRecorded(asked.question.id, counts, ""))
            await pilot.pause()
        assert follow_ups  # the quick bank follows up its low answers in the room too
        await pilot.press("enter")  # Finish, from the review
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        room_file = app.screen.written.result

    result = json.loads(room_file.read_text())
    assert result["session"]["mode"] == "room"
    first = result["answers"][0]
    assert first["distribution"] == {first_option("q_leadership"): 3, "stretched": 5}

    group_file = tmp_path / "group.json"
    ran = cli("aggregate", str(room_file), "-o", str(group_file))
    assert ran.code == 0, ran.err
    group = json.loads(group_file.read_text())
    (member,) = group["members"]
    assert member["room"] is True and member["people"] == 8
    question = next(q for q in group["questions"] if q["question_id"] == "q_leadership")
    assert question["distribution"] == {first_option("q_leadership"): 3, "stretched": 5}
    assert cli("report", str(group_file)).code == 0


def first_option(question_id: str) -> str:
    from readiness.bank.load import load_bank

    return load_bank("quick").question_by_id[question_id].options[0].id
