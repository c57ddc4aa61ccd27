"""The Textual app driven by Pilot: what a person does, and what they see and get."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BANKS
from jsonschema import Draft202012Validator

from readiness import schemas
from readiness.scoring.answers import Respondent
from readiness.session import files as sessions
from readiness.session.engine import Review
from readiness.tui.app import AppOptions, ReadinessApp, resume_summary
from readiness.tui.bars import KeyBar
from readiness.tui.chat import PICK_AFTER, ChatScreen
from readiness.tui.review import ReviewScreen
from readiness.tui.start import StartScreen
from readiness.tui.summary import SummaryScreen
from readiness.tui.widgets import ChoiceReply

BANK = str(BANKS / "valid" / "conversation.yaml")


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(sessions.ENV_DIR, str(tmp_path / "data"))
    return tmp_path / "data"


def make_app(tmp_path: Path, **options: object) -> ReadinessApp:
    defaults: dict[str, object] = {
        "bank": BANK,
        "respondent": Respondent("Sam"),
        "output_dir": tmp_path / "out",
    }
    return ReadinessApp(AppOptions(**{**defaults, **options}))  # type: ignore[arg-type]


def chat(app: ReadinessApp) -> ChatScreen:
    assert isinstance(app.screen, ChatScreen), app.screen
    return app.screen


def transcript_text(app: ReadinessApp) -> str:
    return "\n".join(w.source for w in app.screen.query(".turn"))


async def pick(pilot, *numbers: int) -> None:
    """Choose options by number: each number key, then Enter (a lone digit waits a moment)."""
    for number in numbers:
        await pilot.press(str(number), "enter")
        await pilot.pause()


async def type_reply(pilot, text: str) -> None:
    pilot.app.screen.query_one("#typed").focus()
    await pilot.pause()
    await pilot.press(*text, "enter")
    await pilot.pause()


def asked(app: ReadinessApp) -> str:
    screen = chat(app)
    assert screen.asked is not None
    return screen.asked.question.id + (
        f":{screen.asked.follow_up.id}" if screen.asked.follow_up else ""
    )


async def test_whole_bank_answered_then_files_written_and_valid(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert asked(app) == "vision"
        await pick(pilot, 4)  # Written down and agreed
        await pick(pilot, 1)  # researchers: yes
        assert asked(app) == "protected"  # shown by the condition
        await pick(pilot, 1)
        await type_reply(pilot, "12")
        await pilot.press("space", "down", "space", "enter")  # health and police
        await type_reply(pilot, "Nothing more")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("enter")  # Finish is first
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        written = app.screen.written
    result = json.loads(written.result.read_text())
    assert list(Draft202012Validator(schemas.schema("result")).iter_errors(result)) == []
    assert result["overall"]["score"] == 100.0
    assert result["respondent"]["name"] == "Sam"
    assert written.html.read_text().lstrip().lower().startswith("<!doctype html")
    assert "Conversation test bank" in written.text.read_text()
    assert written.result.stat().st_mode & 0o777 == 0o600


async def test_back_and_change_an_answer(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, 4, 2)  # vision: all; researchers: no
        assert asked(app) == "months"
        await pilot.press("escape")
        await pilot.pause()
        assert asked(app) == "researchers"
        assert "Your answer was: No" in transcript_text(app)
        await pick(pilot, 1)
        assert asked(app) == "protected"
        assert app.session and app.session.answers == {"vision": "all", "researchers": "yes"}


async def test_skip_and_dont_know(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, 5)  # Don't know is the last option
        assert asked(app) == "researchers"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert asked(app) == "months"
        await type_reply(pilot, "skip")
        assert asked(app) == "sources"
        assert app.session and app.session.answers == {
            "vision": "dont_know",
            "researchers": None,
            "months": None,
        }


async def test_a_low_answer_is_followed_up(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, 2)  # Talked about: 1/3 < 0.5
        assert asked(app) == "vision:needs"
        assert "What needs to happen?" in transcript_text(app)
        await type_reply(pilot, "Agree it")
        assert asked(app) == "vision:progress"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert asked(app) == "researchers"
        assert app.session and app.session.actions == {"vision": {"needs": "Agree it"}}


async def test_a_condition_shows_and_then_hides_a_question(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, 4, 1, 1)  # vision, researchers yes, protected yes
        assert asked(app) == "months"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert asked(app) == "researchers"
        await pick(pilot, 2)  # no: protected is hidden, its answer set aside
        assert asked(app) == "months"
        assert app.session and "protected" not in app.session.answers
        assert app.session.set_aside == {"protected": "yes"}


async def test_typed_reply_matched_by_word_and_unsure_match_confirmed(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_reply(pilot, "writen down")
        assert "Did you mean:\n  1. Written down\n  2. Written down and agreed" in transcript_text(
            app
        )
        await type_reply(pilot, "yes")
        assert app.session and app.session.answers == {"vision": "most"}
        await pilot.press(*"yes", "enter")  # letters on the list go to the text field
        await pilot.pause()
        assert app.session.answers["researchers"] == "yes"


async def test_why_and_note(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "Clear aims keep commitment." in transcript_text(app)
        assert "Source 2017, p. 9" in transcript_text(app)
        await type_reply(pilot, "note ask the board")
        assert app.session and app.session.notes == {"vision": "ask the board"}


async def test_quit_and_resume_keeps_every_answer(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, 4, 1)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.session
    session_id = app.session.id
    resumed = make_app(tmp_path, respondent=None)
    async with resumed.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Resume it?" in str(resumed.screen.query_one("#resume-summary").render())
        await pilot.press("r")
        await pilot.pause()
        assert resumed.session and resumed.session.id == session_id
        assert resumed.session.answers == {"vision": "all", "researchers": "yes"}
        assert asked(resumed) == "protected"
        assert "Welcome back" in transcript_text(resumed)


async def test_resume_by_id_from_the_command_line(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, 4)
    assert app.session
    resumed = make_app(tmp_path, bank=None, respondent=None, resume=app.session.id)
    async with resumed.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert asked(resumed) == "researchers"


async def test_start_screen_picks_a_bank_and_respondent(tmp_path: Path) -> None:
    app = make_app(tmp_path, bank="quick", respondent=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("enter", *"Jo", "tab", *"Practitioner", "ctrl+g")
        await pilot.pause()
        assert app.session and app.session.bank.id == "quick"
        assert app.session.respondent == Respondent("Jo", "Practitioner", None)


async def test_review_change_then_finish(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, 4, 2)
        await type_reply(pilot, "12")
        await pilot.press("3", "enter")  # multiple: the digit 3 is not a shortcut here
        await pilot.pause()
        await pilot.press("space", "enter")
        await type_reply(pilot, "skip")
        assert isinstance(app.screen, ReviewScreen)
        review = app.screen.query_one("#review-list")
        review.highlighted = next(
            i for i in range(review.option_count) if review.get_option_at_index(i).id == "months"
        )
        await pilot.press("enter")
        await pilot.pause()
        assert asked(app) == "months"
        await type_reply(pilot, "10")
        assert isinstance(app.screen, ReviewScreen)
        assert app.session and app.session.answers["months"] == 10
        assert isinstance(app.session.step(), Review)


async def test_a_number_key_followed_by_words_is_one_typed_reply(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"4 months", "enter")
        await pilot.pause()
        assert asked(app) == "vision"  # not option 4, and nothing carried to the next question
        assert app.session and app.session.answers == {}
        assert "4 months" in transcript_text(app)
        assert "That doesn't match an option." in transcript_text(app)


async def test_a_lone_number_key_picks_after_a_pause_and_a_late_enter_is_ignored(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert app.session and app.session.answers == {}  # not yet: more may follow
        await pilot.pause(PICK_AFTER + 0.3)
        assert app.session.answers == {"vision": "all"}
        await pilot.press("enter")  # meant for the 4: it must not answer the next question
        await pilot.pause()
        assert asked(app) == "researchers" and app.session.answers == {"vision": "all"}


async def test_status_and_review_count_done_answered_and_dont_know_apart(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, 5, 3)  # vision: don't know; researchers: don't know
        drawn = str(app.screen.query_one("#status").render())
        assert drawn.startswith("Data, 1 of 3 · 2 of 5 done  ")
        assert drawn.endswith(" 40%")  # two of five, in figures as well as the bar
        await type_reply(pilot, "12")
        await pilot.press("space", "enter")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        title = str(app.screen.query_one("#review-title").render())
        assert title.startswith("Review: 5 of 5 done: 2 answered, 2 don't know, 1 skipped.")


async def test_a_result_that_cannot_be_written_keeps_the_session_open(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    app = make_app(tmp_path, output_dir=blocker / "out")
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, 4, 2)
        await type_reply(pilot, "12")
        await pilot.press("space", "enter")
        await pilot.pause()
        await type_reply(pilot, "skip")
        await pilot.press("enter")  # Finish
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen) and app.is_running
        assert f"the result could not be written to {blocker / 'out'}" in transcript_text(app)
        assert app.session and not app.session.finished
        saved = sessions.read(sessions.session_path(app.session))
        assert saved["finished_at"] is None


async def test_a_data_folder_that_cannot_be_written_is_said_and_the_answers_kept(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    app = make_app(tmp_path, sessions_folder=blocker / "sessions")
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, 4)
        assert "Your answers could not be saved" in transcript_text(app)
        assert asked(app) == "researchers" and app.session
        assert app.session.answers == {"vision": "all"}
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and "Quit again" in transcript_text(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


def test_the_offer_to_resume_counts_done_answered_and_dont_know_apart() -> None:
    data = {
        "answers": {"a": "x", "b": "dont_know", "c": None},
        "respondent": {"name": "Sam"},
        "bank": {"title": "Quick check"},
        "updated_at": "2026-11-21T10:00:00Z",
    }
    assert resume_summary(data) == (
        "You have an unfinished assessment: Quick check (Sam), 3 done (1 answered, "
        "1 don't know, 1 skipped), last saved 2026-11-21 10:00 UTC. Resume it?"
    )


async def test_a_bank_that_cannot_load_ends_the_app_with_its_message(tmp_path: Path) -> None:
    """Said who and what, the chat opens at once; a bank that cannot load still ends the app
    cleanly, with the message a person needs and the usage exit code."""
    app = make_app(tmp_path, bank="no-such-bank")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.return_code == 2
    assert app.session is None


async def test_said_who_and_what_the_chat_is_the_first_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)):
        assert len(app.screen_stack) == 1 and isinstance(app.screen, ChatScreen)
        assert isinstance(app.focused, ChoiceReply)


async def test_a_click_on_a_key_in_the_key_bar_presses_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        start, _end, _key = next(place for place in bar.places if place[2] == "ctrl+o")
        assert asked(app) == "vision"
        await pilot.click(KeyBar, offset=(start + 1, 0))  # on "^o Skip"
        await pilot.pause()
        assert asked(app) == "researchers"
        assert app.session and app.session.answers == {"vision": None}  # skipped
