"""``readiness new-bank``: a starter bank that validates, runs and scores unchanged.

And the author's first mistakes in it: each gets one message on the line to change, saying
how to change it.
"""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml
from conftest import run_process

from readiness import schemas
from readiness.bank.load import load_bank, validate_bank_file
from readiness.commands.new_bank import starter_text, template_text
from readiness.scoring.answers import Respondent
from readiness.session import files as sessions


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(sessions.ENV_DIR, str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def starter(tmp_path: Path, cli) -> Path:
    """A starter bank written by the command, as an author would."""
    path = tmp_path / "my-bank.yaml"
    ran = cli("new-bank", str(path))
    assert ran.code == 0, ran.err
    return path


def test_packaged_template_is_a_valid_bank(tmp_path: Path) -> None:
    packaged = resources.files("readiness").joinpath("templates", "starter-bank.yaml")
    assert packaged.is_file()
    copy = tmp_path / "starter-bank.yaml"
    copy.write_text(packaged.read_text("utf-8"))
    assert validate_bank_file(copy) == []


def test_template_has_what_the_brief_asks_for() -> None:
    data = yaml.safe_load(template_text())
    assert len(data["domains"]) == 2 and len(data["recommendations"]) == 2
    assert data["scales"] and data["bands"] and len(data["blockers"]) == 1
    types = [q["type"] for q in data["questions"]]
    assert 3 <= len(types) <= 4 and len(set(types)) == len(types)
    assert any("when" in q for q in data["questions"])
    assert data["follow_up"]["prompts"]


def test_every_section_is_explained_by_a_comment() -> None:
    lines = template_text().splitlines()
    sections = [i for i, line in enumerate(lines) if re.match(r"[a-z_]+:\s*$", line)]
    for i in sections:
        assert lines[i - 1].startswith("#"), f"no comment above {lines[i]!r}"


def test_template_reads_the_same_without_libyaml() -> None:
    """PyYAML's pure-Python parser refuses a plain '?' inside { }: the starter avoids it."""
    text = template_text()
    assert yaml.load(text, Loader=yaml.SafeLoader) == yaml.safe_load(text)


def test_new_bank_writes_the_starter(starter: Path, cli) -> None:
    assert starter.read_text() == starter_text("my-bank")
    assert starter.stat().st_mode & 0o777 == 0o644
    assert not [p for p in starter.parent.iterdir() if p.name.startswith(".")]
    ran = cli("validate", str(starter))
    assert (ran.code, ran.out) == (0, "")


def test_the_file_name_becomes_the_bank_id_when_it_can(tmp_path: Path, cli) -> None:
    assert cli("new-bank", str(tmp_path / "northshire.yml")).code == 0
    assert load_bank(str(tmp_path / "northshire.yml")).id == "northshire"
    assert cli("new-bank", str(tmp_path / "2024 bank.yaml")).code == 0
    assert load_bank(str(tmp_path / "2024 bank.yaml")).id == "starter"


def test_an_existing_file_is_kept_without_force(starter: Path, cli) -> None:
    starter.write_text("mine\n")
    ran = cli("new-bank", str(starter))
    assert ran.code == 2
    assert f"{starter}: the file exists" in ran.err and "--force" in ran.err
    assert starter.read_text() == "mine\n"
    assert cli("new-bank", "--force", str(starter)).code == 0
    assert validate_bank_file(starter) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("folder", "is a folder"),
        ("notes.txt", "should end in .yaml"),
        ("missing/bank.yaml", "cannot write here"),
    ],
)
def test_bad_targets_are_usage_errors(tmp_path: Path, cli, name: str, message: str) -> None:
    (tmp_path / "folder").mkdir()
    ran = cli("new-bank", str(tmp_path / name))
    assert ran.code == 2 and message in ran.err and "Traceback" not in ran.err


def test_score_works_with_the_starter(starter: Path, tmp_path: Path, cli) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "answers:\n  lead_vision: agreed\n  lead_posts: 'yes'\n"
        "  data_lists: [held, needed]\n  data_partners: 5\n"
    )
    ran = cli("score", "--bank", str(starter), str(answers))
    assert ran.code == 0, ran.err
    result = json.loads(ran.out)
    assert schemas.check_data(result, "result") == []
    assert result["overall"]["score"] == pytest.approx(83.3, abs=0.1)
    assert result["overall"]["band"] == "developing"  # capped by the acting_leaders blocker
    assert [b["rule"] for b in result["blockers"]] == ["acting_leaders"]


def test_plain_run_with_piped_replies(starter: Path, tmp_path: Path) -> None:
    replies = ["1", "Agree a vision", "Workshop in May", "2", "1, 2", "3"]
    env = {**os.environ, sessions.ENV_DIR: str(tmp_path / "data")}
    ran = run_process(
        "run",
        "--plain",
        "--bank",
        str(starter),
        "--output-dir",
        "out",
        stdin="".join(f"{r}\n" for r in replies),
        cwd=tmp_path,
        env=env,
    )
    assert ran.code == 0, ran.err
    assert "Done. Overall readiness:" in ran.out and "Traceback" not in ran.err
    (path,) = (tmp_path / "out").glob("*.json")
    result = json.loads(path.read_text())
    assert schemas.check_data(result, "result") == []
    assert {a["question_id"]: a["value"] for a in result["answers"]} == {
        "lead_vision": "none",
        "lead_posts": "no",
        "data_lists": ["held", "needed"],
        "data_partners": 3,
    }
    (action,) = result["actions"]
    assert (action["needs"], action["progress"]) == ("Agree a vision", "Workshop in May")


async def test_the_app_runs_the_starter(starter: Path, tmp_path: Path) -> None:
    from readiness.tui.app import AppOptions, ReadinessApp
    from readiness.tui.summary import SummaryScreen

    app = ReadinessApp(
        AppOptions(bank=str(starter), respondent=Respondent("Sam"), output_dir=tmp_path / "out")
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "enter", "2", "enter")  # agreed; no posts vacant
        await pilot.pause()
        await pilot.press("space", "down", "space", "enter")  # both lists
        await pilot.pause()
        app.screen.query_one("#typed").focus()
        await pilot.press("5", "enter")
        await pilot.pause()
        await pilot.press("enter")  # Finish, from the review
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        result = json.loads(app.screen.written.result.read_text())
    assert result["overall"]["score"] == 100.0


# An author's first mistakes in the starter: the text changed, its replacement, text that
# begins the line the message must point at, and the advice the message must give.
MISTAKES = {
    "tab": (
        "    type: number\n",
        "\ttype: number\n",
        "\ttype: number",
        "replace the tab with spaces",
    ),
    "indentation": (
        "    prompt: How clearly",
        "   prompt: How clearly",
        "   prompt: How clearly",
        "check the indentation of this line",
    ),
    "misspelt_key": (
        "    evidences: [R10]\n    # A",
        "    evidence: [R10]\n    # A",
        "    evidence:",
        "unknown key 'evidence'; did you mean 'evidences'?",
    ),
    "one_option": (
        "      - {id: needed, label: A list of the data we will need, score: 0.5}\n"
        "      - {id: neither, label: Neither of these, score: 0, exclusive: true}\n",
        "",
        "    options:\n      - {id: held",
        "this list has 1 item; give at least 2",
    ),
    "when_on_a_later_question": (
        "    follow_up: false          # no follow-up prompts for this question\n",
        "    when: {question: data_lists, in: [needed]}\n",
        "    when: {question: data_lists, in: [needed]}",
        "which comes later; a condition may only look at earlier questions",
    ),
    "unquoted_no": (
        "{id: none, label: Not in place",
        "{id: no, label: Not in place",
        "      - {id: no,",
        "put the value in quotes",
    ),
    "colon_in_text": (
        'title: "A starter bank: replace with your own title"',
        "title: A starter bank: replace with your own title",
        "title: A starter",
        "put the whole value in quotes",
    ),
}


def line_of(text: str, start: str) -> int:
    """The number of the one line that begins with ``start``."""
    assert text.count("\n" + start) == 1, start
    return text[: text.index("\n" + start)].count("\n") + 2


@pytest.mark.parametrize("name", MISTAKES)
def test_an_author_mistake_is_placed_and_explained(name: str, tmp_path: Path, cli) -> None:
    old, new, start, advice = MISTAKES[name]
    text = template_text()
    assert text.count(old) == 1
    broken = text.replace(old, new)
    path = tmp_path / "bank.yaml"
    path.write_text(broken)
    ran = cli("validate", "-q", str(path))
    assert ran.code == 1
    line = line_of(broken, start)
    expected = rf"^{re.escape(str(path))}:{line}:\d+: .*{re.escape(advice)}"
    assert re.search(expected, ran.out, re.M), ran.out
