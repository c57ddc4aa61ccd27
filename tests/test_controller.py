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
    assert texts(update)[-1] == (
        "I'm not sure I've understood. Did you mean:\n  1. Written down\n"
        "  2. Written down and agreed\n"
        "(yes or 1 for the first, 2 for the second, no to say it another way)"
    )
    assert update.prompt and update.prompt.confirming
    assert [(c.id, c.label) for c in update.prompt.offered] == [
        ("1", "Written down"),
        ("2", "Written down and agreed"),
    ]
    assert controller.session.answers == {}
    controller.reply(word.upper())
    assert controller.session.answers == {"vision": "most"}
    assert controller.session.replies == {"vision": "writen down"}


@pytest.mark.parametrize("word", sorted(CONFIRM_NO))
def test_a_no_word_refuses_a_near_match(controller: Controller, word: str) -> None:
    controller.start()
    controller.reply("writen down")
    update = controller.reply(word)
    assert texts(update)[-1] == "No problem: say it another way, or choose from the options."
    assert update.prompt and not update.prompt.confirming and not update.prompt.offered
    assert controller.session.answers == {}
    assert controller.reply("yes").turns[-1].kind == "confirm"  # asked back: nothing waits
    assert controller.session.answers == {}


def test_another_reply_instead_of_yes_or_no_is_matched_afresh(controller: Controller) -> None:
    controller.start()
    controller.reply("writen down")
    controller.reply("not in place")
    assert controller.session.answers == {"vision": "none"}
    assert controller.session.replies == {}  # a label typed is the option, not more words


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


# Understanding typed replies (issue 11): sure, unsure, runner-up, vague, mixed, hedged, pipe

QUICK = "quick"


@pytest.fixture
def quick(saves: Saves) -> Controller:
    controller = Controller(Session(load_bank(QUICK)), saves, output_dir=Path("out"))
    controller.start()
    return controller


def test_a_sure_reading_is_said_back_in_the_bots_words_and_the_words_kept(
    quick: Controller,
) -> None:
    update = quick.reply("our DCS is acting up at the moment")
    assert [(t.role, t.kind) for t in update.turns[:2]] == [("person", "typed"), ("bot", "info")]
    assert update.turns[1].text == (
        "So key senior posts are vacant or held on an acting or interim basis: I've noted option 1."
    )
    assert quick.session.answers == {"q_leadership": "vacant_or_acting"}
    assert quick.session.replies == {"q_leadership": "our DCS is acting up at the moment"}


@pytest.mark.parametrize(
    ("label", "said"),
    [
        ("None: statutory work takes all our capacity", "statutory work takes all your capacity"),
        ("We would cope informally", "you would cope informally"),
        ("3 to 6 months", "3 to 6 months"),
        ("DCS in post", "DCS in post"),
    ],
)
def test_the_said_back_label_speaks_to_the_person(label: str, said: str) -> None:
    from readiness.session.listening import in_your_words

    assert in_your_words(label) == said


def test_exact_keys_ids_and_labels_stay_instant_and_keep_no_words(quick: Controller) -> None:
    update = quick.reply("4")
    assert [(t.role, t.kind, t.text) for t in update.turns[:1]] == [
        (
            "person",
            "reply",
            "Stable leaders and a written vision, shared mainly with the project team",
        )
    ]
    quick.reply("informal")
    assert quick.session.answers == {"q_leadership": "vision_written", "q_resilience": "informal"}
    assert quick.session.replies == {}


def test_an_unsure_reading_offers_the_best_and_the_runner_up(controller: Controller) -> None:
    controller.start()
    update = controller.reply("writen down")
    assert update.turns[-1].kind == "confirm"
    assert update.prompt and update.prompt.placeholder == "yes, 2 for the second, or no"
    assert controller.session.answers == {}
    update = controller.reply("the second")
    assert update.turns[0].text == "Written down and agreed"
    assert controller.session.answers == {"vision": "all"}
    assert controller.session.replies == {"vision": "writen down"}


@pytest.mark.parametrize("runner_up", ["2", "second", "The other one."])
def test_the_runner_up_by_key_or_words(controller: Controller, runner_up: str) -> None:
    controller.start()
    controller.reply("writen down")
    controller.reply(runner_up)
    assert controller.session.answers == {"vision": "all"}


def test_no_asks_again_and_takes_nothing(controller: Controller) -> None:
    controller.start()
    controller.reply("writen down")
    update = controller.reply("no")
    assert update.prompt and not update.prompt.confirming
    assert controller.session.answers == {} and controller.session.replies == {}


def test_a_vague_reply_gets_a_probing_question_and_nothing_waits(quick: Controller) -> None:
    update = quick.reply("hmm")
    assert update.turns[-1].kind == "confirm"
    assert update.turns[-1].text.startswith("Could you say a little more")
    assert update.prompt and not update.prompt.confirming
    quick.reply("yes")
    assert quick.session.answers == {}


def test_a_mixed_reply_gets_a_clarifying_question(quick: Controller) -> None:
    quick.reply("5")  # a high answer: no follow-up questions come between
    update = quick.reply("yes, but nobody has time for it")
    assert update.turns[-1].text.startswith("That sounds like two things at once.")
    assert update.prompt and update.prompt.confirming
    assert quick.session.answers == {"q_leadership": "vision_shared"}
    quick.reply("1")
    assert quick.session.answers["q_resilience"] == "nothing"
    assert quick.session.replies == {"q_resilience": "yes, but nobody has time for it"}


def test_a_hedged_reading_is_confirmed_before_it_is_taken(controller: Controller) -> None:
    controller.start()
    controller.reply("4")
    update = controller.reply("yes mostly")
    assert (
        update.turns[-1].text == "To be sure I have it right: shall I note it as Yes? (yes or no)"
    )
    assert "researchers" not in controller.session.answers
    controller.reply("y")
    assert controller.session.answers["researchers"] == "yes"
    assert controller.session.replies == {"researchers": "yes mostly"}


def test_a_pick_from_the_list_drops_earlier_words(quick: Controller) -> None:
    quick.reply("our DCS is acting up at the moment")
    quick.command("back")
    quick.choose("stretched")
    assert quick.session.answers["q_leadership"] == "stretched"
    assert quick.session.replies == {}


def test_an_unsure_reading_from_a_pipe_is_never_taken_without_a_yes(saves: Saves) -> None:
    controller = Controller(Session(load_bank(BANK)), saves, give_up_after=3)
    controller.start()
    for reply in ("writen down", "hmm", "writen down"):
        controller.reply(reply)
    assert controller.session.answers == {"vision": None}  # given up on: skipped, not taken
    assert controller.session.replies == {}
