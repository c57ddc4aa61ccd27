"""Plain mode as a renderer of the controller: pipes, room votes, saving and writing failures."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from conftest import BANKS, run_process
from test_plain_and_parity import plain_args

from readiness.bank.load import load_bank
from readiness.plain import run_plain
from readiness.session import files as sessions

CONVERSATION = str(BANKS / "valid" / "conversation.yaml")


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(sessions.ENV_DIR, str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def plain(lines: str, **args: object) -> tuple[int, str]:
    """Run plain mode in this process on ``lines`` (not a terminal); (exit status, output)."""
    stdout = io.StringIO()
    code = run_plain(plain_args(**args), io.StringIO(lines), stdout)
    return code, stdout.getvalue()


def saved_session(data_dir: Path) -> dict:
    (path,) = (data_dir / "sessions").glob("*.json")
    return sessions.read(path)


def test_a_near_match_piped_in_is_asked_about_never_taken(data_dir: Path) -> None:
    code, out = plain("writen down\n")
    assert code == 0
    assert "Did you mean:\n  1. Written down\n  2. Written down and agreed\n" in out
    assert saved_session(data_dir)["answers"] == {}  # input ended before a yes


def test_a_near_match_piped_in_is_taken_after_a_piped_yes(data_dir: Path) -> None:
    plain("writen down\nno\nwriten down\nyes\n")
    assert saved_session(data_dir)["answers"] == {"vision": "most"}


def test_dunno_on_the_core_bank_is_not_stored_as_an_option(data_dir: Path) -> None:
    bank = load_bank("core")
    index = next(i for i, q in enumerate(bank.questions) if q.id == "data_inventory")
    earlier = "".join("skip\n" for _ in range(index))
    code, out = plain(f"{earlier}dunno\n", bank="core", anonymous=True)
    assert code == 0 and "So you don't know for now: I've noted Don't know." in out
    saved = saved_session(data_dir)
    assert saved["answers"]["data_inventory"] == "dont_know"  # not "We have not looked yet"
    assert saved["replies"] == {"data_inventory": "dunno"}


class Watched(io.StringIO):
    """Standard input that looks at the saved session each time a line is asked for."""

    def __init__(self, text: str, data_dir: Path) -> None:
        super().__init__(text)
        self.data_dir = data_dir
        self.revisits: list[str | None] = []

    def readline(self, *args: object) -> str:  # type: ignore[override]
        folder = self.data_dir / "sessions"
        if folder.is_dir():
            self.revisits.append(saved_session(self.data_dir)["revisit"])
        return super().readline()


def test_back_is_saved_at_once_in_plain_mode(data_dir: Path) -> None:
    stdin = Watched("4\nback\n", data_dir)
    run_plain(plain_args(), stdin, io.StringIO())
    # Asked for the line after "back": the session on disk already goes back.
    assert stdin.revisits == [None, None, "vision"]


def test_room_votes_in_plain_mode_with_a_note_and_follow_ups(data_dir: Path) -> None:
    lines = "0 5 1\nThe room is split\nAgree it at the away day\nskip\n"
    code, out = plain(lines, room=True, name="Leadership team")
    assert code == 0
    assert "Type how many people chose each option, in order, then a note if any." in out
    saved = saved_session(data_dir)
    assert saved["mode"] == "room"
    assert saved["answers"] == {"vision": "some"}  # the most chosen
    assert saved["distributions"] == {"vision": {"some": 5, "most": 1}}
    assert saved["notes"] == {"vision": "The room is split"}
    assert saved["actions"] == {"vision": {"needs": "Agree it at the away day"}}
    assert "→ Room: 5 × Talked about, 1 × Written down" in out


def test_room_counts_that_are_not_numbers_are_asked_again(data_dir: Path) -> None:
    _, out = plain("lots\n", room=True)
    assert "Type how many people chose each option, in order, as up to 5 numbers" in out
    assert saved_session(data_dir)["answers"] == {}


def test_without_a_terminal_run_falls_back_to_plain_mode(tmp_path: Path) -> None:
    ran = run_process(
        "run",
        "--bank",
        "quick",
        "--anonymous",
        stdin="1\n",
        cwd=tmp_path,
        env={**os.environ, sessions.ENV_DIR: str(tmp_path / "data")},
        timeout=30,
    )
    assert ran.code == 0, ran.err
    assert "not a terminal, so the plain prompts are used" in ran.err
    assert "Resume with: readiness run --plain --resume" in ran.out


def test_a_data_folder_that_cannot_be_written_is_said_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    ran = run_process(
        "run",
        "--plain",
        "--bank",
        CONVERSATION,
        "--anonymous",
        stdin="4\n1\n",
        cwd=tmp_path,
        env={**os.environ, sessions.ENV_DIR: str(blocker)},
    )
    assert "Traceback" not in ran.err
    assert "Your answers could not be saved" in ran.out
    assert "Left without saving" in ran.out
    assert "→ Yes" in ran.out  # the conversation went on


def test_a_result_that_cannot_be_written_leaves_the_session_to_resume(
    tmp_path: Path, data_dir: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    lines = "4\n1\n1\n12\nhealth\nskip\n"
    code, out = plain(lines, output_dir=blocker / "out")
    assert code == 1
    assert f"the result could not be written to {blocker / 'out'}" in out
    assert "Resume with: readiness run --plain --resume" in out
    saved = saved_session(data_dir)
    assert saved["finished_at"] is None and len(saved["answers"]) == 6
    code, out = plain("", resume=saved["id"], output_dir=tmp_path / "out")
    assert code == 0 and "Done. Overall readiness:" in out
    (result,) = (tmp_path / "out").glob("*.json")
    assert json.loads(result.read_text())["answers"][0]["value"] == "all"
    assert saved_session(data_dir)["finished_at"] is not None


def test_the_end_prints_the_summary_and_where_the_files_are(tmp_path: Path) -> None:
    code, out = plain("4\n1\n1\n12\nhealth\nskip\n", name="Sam")
    assert code == 0
    (result,) = (tmp_path / "out").glob("*.json")
    summary = out.split("Every question has a reply.")[1].split("Done. Overall readiness:")[0]
    assert "Readiness summary: Conversation test bank" in summary  # the text summary
    assert f"Result: {Path('out') / result.name}" in out
