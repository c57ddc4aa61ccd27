"""The reply controller alone: what any front end gets for what a person does."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BANKS

from readiness.bank.load import load_bank
from readiness.errors import UsageError
from readiness.session.controller import Controller
from readiness.session.engine import Session
from readiness.session.turns import EditNote, Finished, OpenReview, Quit, Update
from readiness.session.wording import CONFIRM_NO, CONFIRM_YES

BANK = str(BANKS / "valid" / "conversation.yaml")


class Saves:
    """A save function that records what it saved, and fails while told to."""

    def __init__(self) -> None:
        self.saved: list[dict] = []
        self.failing: OSError | None = None

    def __call__(self, session: Session) -> Path:
        if self.failing:
            raise self.failing
        self.saved.append({"answers": dict(session.answers), "finished": session.finished})
        return Path("/data/sessions") / f"{session.id}.json"


@pytest.fixture
def saves() -> Saves:
    return Saves()


@pytest.fixture
def controller(saves: Saves) -> Controller:
    return Controller(Session(load_bank(BANK)), saves, output_dir=Path("out"))


def texts(update: Update) -> list[str]:
    return [turn.text for turn in update.turns]


def test_start_welcomes_then_asks_the_first_question(controller: Controller) -> None:
    update = controller.start()
    assert [t.kind for t in update.turns] == ["info", "question"]
    assert update.turns[1].parts == (("How far is the vision written down and agreed?", "bold"),)
    assert update.asked and update.prompt and update.prompt.kind == "choice"
    assert [(c.number, c.id) for c in update.prompt.options][-1] == (5, "dont_know")
    assert update.status and update.status.line == "Leadership, 1 of 2 · 0 of 5 done"


@pytest.mark.parametrize("word", sorted(CONFIRM_YES))
def test_a_near_match_is_taken_only_after_a_yes_word(controller: Controller, word: str) -> None:
    controller.start()
    update = controller.reply("writen down")
    assert texts(update)[-1] == "Did you mean 'Written down'? (yes or no)"
    assert update.prompt and update.prompt.confirming
    assert controller.session.answers == {}
    controller.reply(word.upper())
    assert controller.session.answers == {"vision": "most"}


@pytest.mark.parametrize("word", sorted(CONFIRM_NO))
def test_a_no_word_refuses_a_near_match(controller: Controller, word: str) -> None:
    controller.start()
    controller.reply("writen down")
    update = controller.reply(word)
    assert texts(update)[-1] == "No problem: choose again, or type another word."
    assert controller.session.answers == {}
    assert controller.reply("yes").turns[-1].kind == "error"  # nothing waits any more


def test_another_reply_instead_of_yes_or_no_is_matched_afresh(controller: Controller) -> None:
    controller.start()
    controller.reply("writen down")
    controller.reply("1")
    assert controller.session.answers == {"vision": "none"}


def test_input_that_cannot_be_asked_again_gives_up_after_some_tries(saves: Saves) -> None:
    controller = Controller(Session(load_bank(BANK)), saves, give_up_after=3)
    controller.start()
    for _ in range(2):
        assert controller.reply("writen down").turns[-1].kind == "confirm"
    update = controller.reply("writen down")
    assert "No usable answer was given; skipping this question." in texts(update)
    assert controller.session.answers == {"vision": None}


def test_every_change_is_saved_and_back_too(controller: Controller, saves: Saves) -> None:
    controller.start()
    controller.reply("4")
    controller.command("back")
    assert len(saves.saved) == 2
    assert controller.asked and controller.asked.question.id == "vision"


def test_a_failed_save_is_said_kept_in_memory_and_retried(
    controller: Controller, saves: Saves
) -> None:
    controller.start()
    saves.failing = OSError(errno.ENOSPC, "No space left on device", "/data/sessions/x.json")
    update = controller.reply("4")
    (error,) = [t for t in update.turns if t.kind == "error"]
    assert "could not be saved (/data/sessions/x.json: No space left on device)" in error.text
    assert controller.unsaved and controller.session.answers == {"vision": "all"}
    assert update.asked and controller.asked and controller.asked.question.id == "researchers"
    saves.failing = None
    update = controller.reply("1")
    assert any("saved again" in t for t in texts(update))
    assert saves.saved[-1]["answers"] == {"vision": "all", "researchers": "yes"}
    assert not controller.unsaved


def test_quit_saves_and_says_how_to_resume(controller: Controller) -> None:
    controller.start()
    update = controller.command("quit")
    assert update.effect == Quit(
        f"Saved. Resume with: readiness run --resume {controller.session.id}", saved=True
    )


def test_quit_when_saving_fails_leaves_only_when_asked_again(
    controller: Controller, saves: Saves
) -> None:
    controller.start()
    saves.failing = PermissionError(errno.EROFS, "Read-only file system")
    update = controller.command("quit")
    assert update.effect is None and "Quit again" in texts(update)[-1]
    again = controller.command("quit")
    assert isinstance(again.effect, Quit) and not again.effect.saved


def test_finish_writes_first_and_only_then_closes_the_session(saves: Saves) -> None:
    seen: list[bool] = []

    def write(result: dict, folder: Path) -> str:
        seen.append(controller.session.finished)
        return f"written to {folder}"

    controller = Controller(Session(load_bank(BANK)), saves, write=write, output_dir=Path("out"))
    controller.start()
    update = controller.finish()
    assert seen == [False]
    assert isinstance(update.effect, Finished) and update.effect.written == "written to out"
    assert controller.session.finished and saves.saved[-1]["finished"] is True
    assert update.effect.result["session"]["completed_at"] == controller.session.finished_at


@pytest.mark.parametrize(
    "error",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        UsageError("out: cannot create the output folder (Read-only file system)"),
    ],
)
def test_a_failed_write_leaves_the_session_open(
    saves: Saves, error: Exception, tmp_path: Path
) -> None:
    attempts: list[Path] = []

    def write(result: dict, folder: Path) -> Path:
        attempts.append(folder)
        if len(attempts) == 1:
            raise error
        return folder

    controller = Controller(Session(load_bank(BANK)), saves, write=write, output_dir=tmp_path)
    controller.start()
    controller.reply("4")
    update = controller.finish()
    (turn,) = update.turns
    assert turn.kind == "error"
    assert turn.text.startswith(
        f"Your answers are safe in the session; the result could not be written to {tmp_path}: "
    )
    assert turn.text.endswith("Free some space or choose another folder, then finish again.")
    assert update.effect is None and not controller.session.finished
    assert all(not saved["finished"] for saved in saves.saved)
    finished = controller.finish(tmp_path / "elsewhere")
    assert (
        isinstance(finished.effect, Finished) and finished.effect.written == tmp_path / "elsewhere"
    )


def test_commands_by_name_and_typed(controller: Controller) -> None:
    controller.start()
    assert controller.command("why").turns[0].kind == "why"
    assert isinstance(controller.command("review").effect, OpenReview)
    assert controller.command("note").effect == EditNote("vision", "")
    assert texts(controller.reply("note ask the board"))[-1] == "Note saved."
    assert controller.session.notes == {"vision": "ask the board"}
    assert controller.command("note").effect == EditNote("vision", "ask the board")
    assert texts(controller.set_note(""))[-1] == "Note removed."
    update = controller.reply("skip")
    assert [t.text for t in update.turns if t.role == "person"] == ["skipped"]
    assert controller.session.answers == {"vision": None}


def test_bank_and_person_text_stay_literal_spans(saves: Saves, tmp_path: Path) -> None:
    hostile = (
        Path(BANK)
        .read_text()
        .replace("How far is the vision written down and agreed?", "'How **far** [bold]is[/] it?'")
    )
    (tmp_path / "bank.yaml").write_text(hostile)
    controller = Controller(Session(load_bank(str(tmp_path / "bank.yaml"))), saves)
    question = controller.start().turns[1]
    assert question.parts == (("How **far** [bold]is[/] it?", "bold"),)
    echoed = controller.reply("[red]*x*").turns[0]
    assert (echoed.role, echoed.parts) == ("person", (("[red]*x*", None),))


def test_the_review_uses_the_shared_vocabulary(controller: Controller) -> None:
    controller.start()
    for reply in ("dont know", "1", "skip", "12", "health"):
        controller.reply(reply)
    assert controller.review_heading() == "5 of 6 done: 3 answered, 1 don't know, 1 skipped"
    states = {item.question_id: item.state for item in controller.review_items()}
    assert states == {
        "vision": "dont_know",
        "researchers": "answered",
        "protected": "skipped",
        "months": "answered",
        "sources": "answered",
        "comments": "not_done",
    }


def test_the_controller_loads_no_schema_checker_report_or_screen() -> None:
    script = (
        "import sys\nimport readiness.session.controller\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] in "
        "('jsonschema', 'textual', 'rich') or m.startswith('readiness.report')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == []
