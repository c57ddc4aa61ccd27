"""``readiness replies`` and a bank's own example replies checked by ``readiness validate``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from readiness.bank.load import bundled_dir

REPLIES = """\
- question: lead_posts
  reply: "we have an interim director"
  expected: acting
  who: head_of_service
- question: lead_deputy
  reply: "haven't the foggiest"
  expected: dont_know
- question: cap_leadin_months
  reply: "a year and a half"
  expected: 18
- question: cap_leadin_allowed
  reply: "recruitment and the building"
  expected: [recruitment, premises]
- question: lead_vision
  reply: "zzzz qqqq"
"""


@pytest.fixture
def replies_file(tmp_path: Path) -> Path:
    path = tmp_path / "replies.yaml"
    path.write_text(REPLIES, encoding="utf-8")
    return path


def test_json_lists_each_reply_then_the_totals(cli, replies_file: Path) -> None:
    ran = cli("replies", "--bank", "core", str(replies_file), "--format", "json")
    assert ran.code == 0, ran.err
    out = json.loads(ran.out)
    rows, totals = out[:-1], out[-1]["totals"]
    assert [r["question"] for r in rows] == [
        "lead_posts",
        "lead_deputy",
        "cap_leadin_months",
        "cap_leadin_allowed",
        "lead_vision",
    ]
    assert rows[0]["offered"][0] == "acting" and rows[0]["reply"] == "we have an interim director"
    assert rows[1]["offered"] == ["dont_know"] and rows[1]["sure"] is True
    assert rows[2]["offered"] == [18]
    assert rows[3]["offered"] == [["recruitment", "premises"]]
    assert rows[4]["offered"] == [] and "expected" not in rows[4]
    assert totals["replies"] == 5 and totals["with_expected"] == 4
    assert totals["first_right"] == {"count": 4, "share": 1.0}
    assert totals["not_understood"] == {"count": 1, "share": 0.2}
    assert set(totals) >= {"right_among_offered", "wrong_taken_without_asking"}


def test_text_is_a_table_with_the_totals(cli, replies_file: Path) -> None:
    ran = cli("replies", "--bank", "core", str(replies_file))
    assert ran.code == 0
    assert "we have an interim director" in ran.out and "(not understood)" in ran.out
    assert re.search(r"first reading right\s+4\s+100\.0%", ran.out)


def test_unknown_questions_and_bad_expected_values_are_placed_findings(cli, tmp_path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "- question: lead_postz\n  reply: interim\n"
        "- question: lead_posts\n  reply: interim\n  expected: wobbly\n",
        encoding="utf-8",
    )
    ran = cli("replies", "--bank", "core", str(path), "--format", "json")
    assert ran.code == 1
    assert f"{path}:1:13: unknown question 'lead_postz'; did you mean 'lead_posts'?" in ran.err
    assert f"{path}:5:13: expected: 'wobbly' is not allowed" in ran.err
    assert "Traceback" not in ran.err


def test_a_missing_file_is_a_usage_error(cli, tmp_path: Path) -> None:
    ran = cli("replies", "--bank", "core", str(tmp_path / "nope.yaml"))
    assert ran.code == 2 and "no such file" in ran.err


def test_a_file_that_is_not_a_list_is_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("question: lead_posts\n", encoding="utf-8")
    ran = cli("replies", "--bank", "core", str(path))
    assert ran.code == 1 and "list" in ran.err


def test_a_reply_is_shown_as_text_never_as_a_terminal_escape(cli, tmp_path: Path) -> None:
    path = tmp_path / "esc.yaml"
    path.write_text('- question: lead_posts\n  reply: "\\e[31minterim"\n', encoding="utf-8")
    ran = cli("replies", "--bank", "core", str(path))
    assert ran.code == 0 and "\x1b" not in ran.out


def test_the_bundled_banks_read_their_own_examples_right(cli) -> None:
    ran = cli("validate", str(bundled_dir()))
    assert ran.code == 0, ran.out


def test_validate_reports_a_misread_example_at_its_place(cli, tmp_path: Path) -> None:
    text = (bundled_dir() / "core.yaml").read_text(encoding="utf-8")
    marker = '"the HoS is a locum"'
    assert marker in text
    bank = tmp_path / "bank.yaml"
    # "settled" is an exact synonym of another option: the example contradicts the bank
    bank.write_text(text.replace(marker, '"settled"'), encoding="utf-8")
    line = next(n for n, row in enumerate(bank.read_text().splitlines(), 1) if '"settled"]' in row)
    ran = cli("validate", str(bank))
    assert ran.code == 1
    assert re.search(
        rf"{re.escape(str(bank))}:{line}:\d+: example reply 'settled' to question 'lead_posts' "
        r"is read as 'stable', not 'acting'",
        ran.out,
    ), ran.out
