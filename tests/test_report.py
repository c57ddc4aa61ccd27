"""The summary report: golden text at 80 columns, the other formats, and the report command.

Regenerate the golden files after an intended change with ``UPDATE_GOLDEN=1 pytest
tests/test_report.py`` and review the diff.
"""

from __future__ import annotations

import functools
import json
import os
import re
import stat
from pathlib import Path

import pytest
from conftest import ROOT, run_process
from hypothesis import given, settings
from hypothesis import strategies as st
from test_scoring_properties import answers_for

from readiness.bank.load import bundled_banks, load_bank
from readiness.model import Bank
from readiness.report.summary import export, summary
from readiness.scoring.answers import AnswerSet, load_answers
from readiness.scoring.scores import score
from readiness.store import dumps

GOLDEN = ROOT / "tests" / "golden"
ANSWERS = ROOT / "tests" / "answers"
SCORING_BANK = ROOT / "tests" / "banks" / "scoring" / "scoring.yaml"
MINIMAL_BANK = ROOT / "tests" / "banks" / "valid" / "minimal.yaml"
STAMPS = {"started_at": "2024-05-01T09:00:00Z", "completed_at": "2024-05-01T09:30:00Z"}
COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7])[;m]")


@pytest.fixture(scope="module")
def result() -> dict:
    bank = load_bank(str(SCORING_BANK))
    answer_set, _ = load_answers(ANSWERS / "scoring.yaml", bank)
    return score(bank, answer_set, generator_version="0.0.0", **STAMPS)


@pytest.fixture(scope="module")
def empty() -> dict:
    """A result where nothing was answered: every score null."""
    return score(load_bank(str(MINIMAL_BANK)), AnswerSet({}), generator_version="0.0.0", **STAMPS)


@pytest.fixture
def result_file(result: dict, tmp_path: Path) -> Path:
    path = tmp_path / "result.json"
    path.write_text(dumps(result), "utf-8")
    return path


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8"), (
        f"{name} changed; rerun with UPDATE_GOLDEN=1 if intended"
    )


@pytest.mark.parametrize(
    ("name", "explain"), [("scoring_summary.txt", False), ("scoring_explain.txt", True)]
)
def test_golden_text_summary(result: dict, name: str, explain: bool) -> None:
    check_golden(name, export(result, "text", width=80, explain=explain))


def test_golden_text_summary_with_nothing_answered(empty: dict) -> None:
    check_golden("empty_summary.txt", export(empty, "text", width=80, explain=True))


def test_text_fits_80_columns_and_has_no_escape_codes(result: dict) -> None:
    text = export(result, "text", width=80, explain=True)
    assert "\x1b" not in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_summary_shows_every_part(result: dict) -> None:
    text = export(result, "text")
    for expected in (
        "Overall readiness: Developing  51.3 / 100",
        "Leadership",
        "Domains",
        "Recommendations",
        "Priorities: start here",
        "Blockers",
        "Gaps",
        "Action plan",
        "What needs to",
        "Developing (capped; would be",
        "Warnings",
    ):
        assert expected in text
    # no bars unless asked for (a screen reader reads each one out); asked, two characters
    assert "█" not in text
    assert "█" * 13 + "░" * 7 in export(result, "text", width=80, bars=True)


def test_low_confidence_is_said_in_words(result: dict) -> None:
    doubtful = json.loads(json.dumps(result))
    doubtful["domains"]["data"]["low_confidence"] = True
    assert "Developing (low confidence)" in export(doubtful, "text")


def test_explain_shows_items_weights_reversals_and_thresholds(result: dict) -> None:
    text = export(result, "text", explain=True)
    assert "How the scores were made" in text
    assert "(75×2 + 0×1 + 75×1 + 100×1) / 5 = 65.0" in text  # item scores 0-100
    assert "reversed: 100-25" in text
    assert "left out: don't know" in text
    assert "hidden by condition" in text
    assert "Overall: (65×2 + 50×1 + 25×1) / 4 = 51.3" in text


@pytest.mark.parametrize(
    ("fmt", "start"), [("html", "<!DOCTYPE html>"), ("svg", "<svg"), ("md", "# Readiness summary")]
)
def test_other_formats(result: dict, fmt: str, start: str) -> None:
    out = export(result, fmt)  # type: ignore[arg-type]
    assert out.lstrip().startswith(start)
    assert "Developing" in out and "Established" in out


def test_html_has_colour_and_the_band_names(result: dict) -> None:
    html = export(result, "html")
    assert "color:" in html and "Established" in html


def test_markdown_tables_and_escaping(result: dict) -> None:
    hostile = json.loads(json.dumps(result))
    hostile["actions"][0]["now"] = "a | b *c*\nnext line"
    md = export(hostile, "md", explain=True)
    assert "| Leadership |" in md and "## Action plan" in md
    assert r"a \| b \*c\*<br>next line" in md
    assert "### 1. Share data (sharing)" in md


def test_user_text_is_never_read_as_rich_markup(result: dict) -> None:
    hostile = json.loads(json.dumps(result))
    hostile["respondent"]["name"] = "[bold red]Sam[/]"
    assert "[bold red]Sam[/]" in export(hostile, "text")


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_any_result_of_the_core_bank_reports_within_80_columns(data: st.DataObject) -> None:
    bank = core_bank()
    found = score(bank, AnswerSet(data.draw(answers_for(bank))), **STAMPS)
    text = export(found, "text", width=80, explain=True)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert export(found, "md").startswith("# Readiness summary")


@functools.cache
def core_bank() -> Bank:
    return load_bank("core" if bundled_banks() else str(SCORING_BANK))


def test_summary_is_a_rich_group(result: dict) -> None:
    from rich.console import Group

    assert isinstance(summary(result), Group)


# --- the report command ---------------------------------------------------------------------


def test_report_prints_text(cli, result_file: Path) -> None:
    ran = cli("report", str(result_file))
    assert ran.code == 0 and "Overall readiness: Developing" in ran.out


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("summary.html", "html"),
        ("summary.svg", "svg"),
        ("summary.md", "md"),
        ("summary.txt", "text"),
    ],
)
def test_report_writes_owner_only_file_in_the_format_of_its_suffix(
    cli, result_file: Path, tmp_path: Path, result: dict, name: str, fmt: str
) -> None:
    out = tmp_path / name
    ran = cli("report", str(result_file), "-o", str(out))
    assert ran.code == 0, ran.err
    assert out.read_text("utf-8") == export(result, fmt)  # type: ignore[arg-type]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_report_format_option_and_width(cli, result_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "wide.out"
    assert cli("report", str(result_file), "--format", "md", "-o", str(out)).code == 0
    assert out.read_text("utf-8").startswith("# Readiness summary")
    ran = cli("report", str(result_file), "--format", "text", "--width", "120", "-o", str(out))
    assert ran.code == 0
    assert max(len(line) for line in out.read_text("utf-8").splitlines()) > 80


def test_report_honours_no_color(result_file: Path) -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "80"}
    env.pop("NO_COLOR", None)
    coloured = run_process("report", str(result_file), env=env)
    plain = run_process("report", str(result_file), env={**env, "NO_COLOR": "1"})
    assert coloured.code == plain.code == 0
    assert COLOUR.search(coloured.out)
    assert not COLOUR.search(plain.out) and "Developing" in plain.out


def test_report_needs_no_bank(cli, tmp_path: Path) -> None:
    bank_copy = tmp_path / "bank.yaml"
    bank_copy.write_text(SCORING_BANK.read_text("utf-8"), "utf-8")
    result_path = tmp_path / "result.json"
    scored = cli(
        "score", "--bank", str(bank_copy), str(ANSWERS / "scoring.yaml"), "-o", str(result_path)
    )
    assert scored.code == 0
    bank_copy.unlink()
    assert cli("report", str(result_path), "--explain").code == 0


def test_group_result_is_refused_clearly(cli, tmp_path: Path) -> None:
    path = tmp_path / "group.json"
    path.write_text('{"kind": "group", "schema_version": "1.0"}', "utf-8")
    ran = cli("report", str(path))
    assert ran.code == 1
    assert f"{path}: this is a group result" in ran.err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"kind": "result",', ":1:19: not valid JSON"),
        ("[1, 2]", "the top level should be a JSON object"),
        ('{"hello": 1}', "this is not a readiness result"),
        ('{"kind": "result", "schema_version": "1.0"}', "missing required key 'overall'"),
    ],
)
def test_bad_result_file_exits_1_naming_file_and_problem(
    cli, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, "utf-8")
    ran = cli("report", str(path))
    assert ran.code == 1
    assert str(path) in ran.err and message in ran.err


def test_tampered_result_is_placed_by_line(cli, result_file: Path, result: dict) -> None:
    broken = json.loads(json.dumps(result))
    broken["overall"]["score"] = 140
    result_file.write_text(dumps(broken), "utf-8")
    ran = cli("report", str(result_file))
    assert ran.code == 1
    assert re.search(
        rf"{re.escape(str(result_file))}:\d+:\d+: 140 is greater than the maximum of 100", ran.err
    )


def test_missing_result_file_exits_2(cli, tmp_path: Path) -> None:
    ran = cli("report", str(tmp_path / "absent.json"))
    assert ran.code == 2 and "no such file" in ran.err
