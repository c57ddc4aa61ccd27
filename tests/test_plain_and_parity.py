"""Plain mode, and the same answers giving the same result through every front end."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import run_process

from readiness import schemas
from readiness.bank.load import load_bank
from readiness.scoring.answers import Respondent
from readiness.session import files as sessions
from readiness.tui.app import AppOptions, ReadinessApp

QUICK = load_bank("quick")
# A varied reply for each quick question: its option number, cycling, "don't know" included.
NUMBERS = [(i % (len(q.options) + 1)) + 1 for i, q in enumerate(QUICK.questions)]


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(sessions.ENV_DIR, str(tmp_path / "data"))
    return tmp_path / "data"


def without_times(result: dict) -> dict:
    return {
        **result,
        "session": {k: v for k, v in result["session"].items() if not k.endswith("_at")},
    }


def only_result(folder: Path) -> dict:
    (path,) = folder.glob("*.json")
    return json.loads(path.read_text())


@pytest.mark.skipif(shutil.which("yes") is None, reason="needs the yes command")
def test_yes_piped_into_plain_mode_finishes_with_a_valid_result(tmp_path: Path) -> None:
    command = "yes 1 | python -m readiness run --plain --bank quick --output-dir D"
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )
    assert done.returncode == 0, done.stderr
    assert "Done. Overall readiness:" in done.stdout and "Traceback" not in done.stderr
    result = only_result(tmp_path / "D")
    assert schemas.check_data(result, "result") == []
    assert len(result["answers"]) == 12


def test_end_of_input_saves_and_says_how_to_resume(tmp_path: Path) -> None:
    ran = run_process(
        "run",
        "--plain",
        "--bank",
        "quick",
        stdin="4\n4\n",
        cwd=tmp_path,
        env={**os.environ, sessions.ENV_DIR: str(tmp_path / "data")},
    )
    assert ran.code == 0
    assert "Resume with: readiness run --plain --resume" in ran.out
    session_id = ran.out.rsplit("--resume ", 1)[1].split()[0]
    saved = sessions.read(tmp_path / "data" / "sessions" / f"{session_id}.json")
    assert len(saved["answers"]) == 2
    resumed = run_process(
        "run",
        "--plain",
        "--resume",
        session_id,
        stdin="why\n",
        cwd=tmp_path,
        env={**os.environ, sessions.ENV_DIR: str(tmp_path / "data")},
    )
    assert "Welcome back" in resumed.out and "Why this matters" in resumed.out


def test_plain_mode_commands_back_skip_and_note(tmp_path: Path) -> None:
    lines = "4\nback\n2\nskip\nnote see the plan\n3\n"
    ran = run_process(
        "run",
        "--plain",
        "--bank",
        "quick",
        stdin=lines,
        cwd=tmp_path,
        env={**os.environ, sessions.ENV_DIR: str(tmp_path / "data")},
    )
    session_id = ran.out.rsplit("--resume ", 1)[1].split()[0]
    saved = sessions.read(tmp_path / "data" / "sessions" / f"{session_id}.json")
    first, second, third = (q.id for q in QUICK.questions[:3])
    assert saved["answers"][first] == QUICK.questions[0].options[1].id
    assert saved["answers"][second] is None
    assert saved["notes"] == {third: "see the plan"}


async def test_app_plain_and_score_give_the_same_result(tmp_path: Path) -> None:
    app = ReadinessApp(
        AppOptions(
            bank="quick", respondent=Respondent("Ash", "Practitioner"), output_dir=tmp_path / "app"
        )
    )
    async with app.run_test(size=(80, 24)) as pilot:
        for number in NUMBERS:
            await pilot.press(str(number))
            await pilot.pause()
        await pilot.press("enter")  # Finish, from the review
        await pilot.pause()
    from_app = only_result(tmp_path / "app")

    lines = "".join(f"{n}\n" for n in NUMBERS)
    env = {**os.environ, sessions.ENV_DIR: str(tmp_path / "plain-data")}
    ran = run_process(
        "run",
        "--plain",
        "--bank",
        "quick",
        "--name",
        "Ash",
        "--role",
        "Practitioner",
        "--output-dir",
        "plain",
        stdin=lines,
        cwd=tmp_path,
        env=env,
    )
    assert ran.code == 0, ran.err
    from_plain = only_result(tmp_path / "plain")

    answers = {
        "respondent": {"name": "Ash", "role": "Practitioner"},
        "answers": {
            q.id: n if n <= len(q.options) else "dont_know"
            for q, n in zip(QUICK.questions, NUMBERS, strict=True)
        },
    }
    (tmp_path / "answers.yaml").write_text(yaml.safe_dump(answers))
    scored = run_process("score", "--bank", "quick", str(tmp_path / "answers.yaml"), cwd=tmp_path)
    assert scored.code == 0, scored.err
    from_score = json.loads(scored.out)

    assert without_times(from_app) == without_times(from_plain) == without_times(from_score)
    assert any(a["dont_know"] for a in from_app["answers"])
