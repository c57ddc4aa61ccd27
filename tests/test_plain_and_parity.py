"""Plain mode, and the same replies giving the same turns and result through every front end."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import BANKS, run_process

from readiness import schemas
from readiness.bank.load import load_bank
from readiness.plain import run_plain
from readiness.scoring.answers import Respondent
from readiness.session import files as sessions
from readiness.text import visible
from readiness.tui.app import AppOptions, ReadinessApp
from readiness.tui.chat import ChatScreen

QUICK = load_bank("quick")
# A varied reply for each quick question: its option number, cycling, "don't know" included.
NUMBERS = [(i % (len(q.options) + 1)) + 1 for i, q in enumerate(QUICK.questions)]


def quick_replies() -> tuple[list[str], dict]:
    """Every reply of a whole quick run (NUMBERS, each low answer's follow-ups answered in
    words), and the action plan those words fill, as an answers file's ``actions``."""
    from readiness.session.controller import Controller
    from readiness.session.engine import Session

    controller = Controller(Session(QUICK), lambda _session: None, output_dir=Path("unused"))
    controller.start()
    replies: list[str] = []
    numbers = iter(NUMBERS)
    while controller.asked is not None:
        prompt = controller.prompt()
        assert prompt is not None
        reply = f"{prompt.follow_up} for {prompt.question_id}" if prompt.follow_up else None
        replies.append(reply or str(next(numbers)))
        controller.reply(replies[-1])
    assert next(numbers, None) is None and len(replies) > len(NUMBERS)  # some follow-ups asked
    return replies, controller.session.actions


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(sessions.ENV_DIR, str(tmp_path / "data"))
    return tmp_path / "data"


def without_times(result: dict) -> dict:
    return {
        **result,
        "session": {
            k: v for k, v in result["session"].items() if not k.endswith("_at") and k != "id"
        },
    }


def only_result(folder: Path) -> dict:
    (path,) = folder.glob("*.json")
    return json.loads(path.read_text())


@pytest.mark.skipif(shutil.which("yes") is None, reason="needs the yes command")
def test_yes_piped_into_plain_mode_finishes_with_a_valid_result(tmp_path: Path) -> None:
    python = shlex.quote(sys.executable)  # the running interpreter: there may be no bare python
    command = f"yes 1 | {python} -m readiness run --plain --bank quick --output-dir D"
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
    lines = "4\nback\n5\nskip\nnote see the plan\n3\n"  # high answers: no follow-ups
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
    assert saved["answers"][first] == QUICK.questions[0].options[4].id
    assert saved["answers"][second] is None
    assert saved["notes"] == {third: "see the plan"}


async def test_app_plain_and_score_give_the_same_result(tmp_path: Path) -> None:
    app = ReadinessApp(
        AppOptions(
            bank="quick", respondent=Respondent("Ash", "Practitioner"), output_dir=tmp_path / "app"
        )
    )
    async with app.run_test(size=(80, 24)) as pilot:
        replies, actions = quick_replies()
        for reply in replies:
            await pilot.press(*reply, "enter")
            await pilot.pause()
        await pilot.press("enter")  # Finish, from the review
        await pilot.pause()
    from_app = only_result(tmp_path / "app")

    lines = "".join(f"{reply}\n" for reply in replies)
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
        "actions": actions,
    }
    (tmp_path / "answers.yaml").write_text(yaml.safe_dump(answers))
    scored = run_process("score", "--bank", "quick", str(tmp_path / "answers.yaml"), cwd=tmp_path)
    assert scored.code == 0, scored.err
    from_score = json.loads(scored.out)

    assert without_times(from_app) == without_times(from_plain) == without_times(from_score)
    assert any(a["dont_know"] for a in from_app["answers"])


CONVERSATION = str(BANKS / "valid" / "conversation.yaml")
# Every kind of turn: a near match confirmed, a follow-up answered and skipped, why, back, a
# reply refused, a note, a number, several options typed, free text; then the review.
REPLIES = [
    "talked about it I think",
    "yes",
    "Agree it",
    "skip",
    "why",
    "4",
    "1",
    "back",
    "2",
    "note ask the board",
    "12",
    "health, police",
    "Nothing more",
]
TIMESTAMP = re.compile(r'"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"')
SESSION_ID = re.compile(r'"id": "[0-9a-f]{12,64}"')  # each conversation is its own session


def plain_args(**given: object) -> argparse.Namespace:
    """``readiness run --plain`` arguments, as the command line would give them."""
    defaults: dict[str, object] = {
        "bank": CONVERSATION,
        "resume": None,
        "name": None,
        "role": None,
        "organisation": None,
        "anonymous": False,
        "room": False,
        "output_dir": Path("out"),
        "plain": True,
    }
    return argparse.Namespace(**{**defaults, **given})


async def test_the_same_replies_give_the_same_turns_and_result_in_app_and_plain(
    tmp_path: Path,
) -> None:
    app = ReadinessApp(
        AppOptions(CONVERSATION, respondent=Respondent("Ash"), output_dir=tmp_path / "app")
    )
    async with app.run_test(size=(80, 24)) as pilot:
        for reply in REPLIES:
            app.screen.query_one("#typed").focus()
            await pilot.pause()
            await pilot.press(*reply, "enter")
            await pilot.pause()
        await pilot.press("enter")  # Finish, first on the review
        await pilot.pause()
        chat = next(s for s in app.screen_stack if isinstance(s, ChatScreen))
        app_turns = list(chat.turns)
    stdout = io.StringIO()
    code = run_plain(
        plain_args(name="Ash", output_dir=tmp_path / "plain"),
        io.StringIO("".join(f"{line}\n" for line in REPLIES)),
        stdout,
    )
    assert code == 0
    shown = stdout.getvalue()

    kinds = [t.kind for t in app_turns]
    for kind in ("confirm", "followup", "why", "error", "reflection", "info", "reply"):
        assert kind in kinds, kind
    position = 0
    for turn in app_turns:  # every turn of the app, in the same order, in plain mode
        if turn.role == "person" and turn.kind == "typed":
            continue  # a terminal echoes what was typed; the app shows it as a turn
        text = visible(turn.text if turn.role == "bot" else f"→ {turn.text}")
        found = shown.find(text, position)
        assert found >= 0, f"{text!r} is missing or out of order in plain mode:\n{shown}"
        position = found + len(text)
    questions = sum(t.kind in ("question", "followup") for t in app_turns)
    assert shown.count("\n[") == questions  # and no question more: each has its status line

    (app_file,) = (tmp_path / "app").glob("*.json")
    (plain_file,) = (tmp_path / "plain").glob("*.json")
    assert app_file.name == plain_file.name
    app_text, plain_text = (
        SESSION_ID.sub('"id": "S"', TIMESTAMP.sub('"T"', f.read_text()))
        for f in (app_file, plain_file)
    )
    assert app_text == plain_text
    result = json.loads(app_text)
    assert [a["value"] for a in result["answers"] if a["applicable"]] == [
        "some",
        "no",
        12,
        ["health", "police"],
        "Nothing more",
    ]
