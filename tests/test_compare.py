"""``readiness compare``: what moved between two results of the quick bank.

Before, senior posts are vacant or acting (the senior_posts_vacant_or_acting blocker caps the
overall band) and the core team has protected time. After, leaders are stable with a written
vision (the blocker is cleared) but capacity has fallen to goodwill:

    question        before                  after              item scores
    q_leadership    vacant_or_acting (w 2)  vision_written     0 -> .75
    q_resilience    informal                informal           1/3 both
    q_capacity      core_team (w 2)         goodwill           .75 -> .25
    q_engagement    wider_staff (w 2)       families           .5 -> 1
    q_evidence      (skipped)               shaped             - -> 1

    Leadership  (0×2 + 1/3)/3 = 11.1 -> (.75×2 + 1/3)/3 = 61.1   +50.0
    Capacity    75.0 -> 25.0                                     -50.0
    R02         75.0 -> 25.0 and R03 0.0 -> 75.0
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from readiness.bank.load import load_bank
from readiness.errors import ResultFileError
from readiness.group import compare
from readiness.report import compare_text
from readiness.scoring.answers import AnswerSet, Respondent
from readiness.scoring.scores import score
from readiness.store import dumps

GOLDEN = ROOT / "tests" / "golden"
BEFORE = {
    "q_leadership": "vacant_or_acting",
    "q_resilience": "informal",
    "q_capacity": "core_team",
    "q_engagement": "wider_staff",
    "q_data": "listed",
}
AFTER = {
    **BEFORE,
    "q_leadership": "vision_written",
    "q_capacity": "goodwill",
    "q_engagement": "families",
    "q_evidence": "shaped",
}


def quick(answers: dict[str, Any], month: int) -> dict[str, Any]:
    who = Respondent(name="Sam Lee", role="Head of service", organisation="Northshire")
    return score(
        load_bank("quick"),
        AnswerSet(answers, respondent=who),
        generator_version="0.0.0",
        started_at=f"2024-{month:02d}-01T09:00:00Z",
        completed_at=f"2024-{month:02d}-01T09:30:00Z",
    )


@pytest.fixture(scope="module")
def before() -> dict[str, Any]:
    return quick(BEFORE, 5)


@pytest.fixture(scope="module")
def after() -> dict[str, Any]:
    return quick(AFTER, 11)


@pytest.fixture(scope="module")
def found(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return compare.compare(before, after, ("before.json", "after.json"))


@pytest.fixture
def files(before: dict[str, Any], after: dict[str, Any], tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "before.json", tmp_path / "after.json"
    old.write_text(dumps(before), "utf-8")
    new.write_text(dumps(after), "utf-8")
    return old, new


def by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def test_domains_moved(found: dict[str, Any]) -> None:
    domains = by_id(found["domains"])
    assert domains["leadership"] | {} == {
        "id": "leadership",
        "title": "Leadership",
        "before": 11.1,
        "after": 61.1,
        "change": 50.0,
        "band_before": "early",
        "band_after": "developing",
        "band_label_before": "Early days",
        "band_label_after": "Developing",
    }
    capacity = domains["capacity"]
    assert (capacity["before"], capacity["after"], capacity["change"]) == (75.0, 25.0, -50.0)
    # capacity is answered on 1 of 3 questions: low coverage caps its 75.0 at Developing
    assert (capacity["band_label_before"], capacity["band_label_after"]) == (
        "Developing",
        "Early days",
    )


def test_recommendations_moved_and_unscored_ones_have_no_change(found: dict[str, Any]) -> None:
    recs = by_id(found["recommendations"])
    moved = {rid: (r["before"], r["after"], r["change"]) for rid, r in recs.items()}
    assert moved["R03"] == (0.0, 75.0, 75.0)
    assert moved["R01"] == (None, 100.0, None)
    assert recs["R05"]["change"] is None
    assert recs["R08"]["change"] == 0.0


def test_improved_and_declined_largest_first(found: dict[str, Any]) -> None:
    improved = [(r["scope"], r["id"], r["change"]) for r in found["improved"]]
    assert improved[0] == ("recommendation", "R03", 75.0)
    # equal changes keep domains first, then bank order
    assert improved[1:4] == [
        ("domain", "leadership", 50.0),
        ("domain", "collaboration", 50.0),
        ("recommendation", "R04", 50.0),
    ]
    declined = [(r["scope"], r["id"], r["change"]) for r in found["declined"]]
    assert declined == [("domain", "capacity", -50.0), ("recommendation", "R02", -50.0)]
    assert "R08" not in {r["id"] for r in found["improved"] + found["declined"]}


def test_a_blocker_cleared(found: dict[str, Any]) -> None:
    blockers = found["blockers"]
    assert [b["rule"] for b in blockers["cleared"]] == ["senior_posts_vacant_or_acting"]
    assert blockers["new"] == [] and blockers["still"] == []
    overall = found["overall"]
    # before, the thinly answered domains count with weight x coverage: (11.1 + 75/3 + 66.7/4
    # + 50/3) / (1 + 1/3 + 1/4 + 1/3) = 36.2, in Early days
    assert (overall["band_before"], overall["band_after"]) == ("early", "established")


def test_a_new_blocker_is_reported_the_other_way(
    before: dict[str, Any], after: dict[str, Any]
) -> None:
    reverse = compare.compare(after, before)
    assert [b["rule"] for b in reverse["blockers"]["new"]] == ["senior_posts_vacant_or_acting"]
    assert reverse["blockers"]["cleared"] == []


def test_priorities_entered_left_and_moved(
    found: dict[str, Any], before: dict[str, Any], after: dict[str, Any]
) -> None:
    old = [p["recommendation"] for p in before["priorities"]]
    new = [p["recommendation"] for p in after["priorities"]]
    priorities = found["priorities"]
    assert [p["recommendation"] for p in priorities["entered"]] == [r for r in new if r not in old]
    assert [p["recommendation"] for p in priorities["left"]] == [r for r in old if r not in new]
    moved = {p["recommendation"]: (p["rank_before"], p["rank_after"]) for p in priorities["moved"]}
    assert moved["R03"] == (old.index("R03") + 1, new.index("R03") + 1)
    assert moved["R02"] == (old.index("R02") + 1, 1)


def test_the_same_result_compares_to_no_change(before: dict[str, Any]) -> None:
    same = compare.compare(before, before)
    assert same["improved"] == same["declined"] == []
    assert same["blockers"]["cleared"] == same["blockers"]["new"] == []
    assert same["priorities"] == {"entered": [], "left": [], "moved": []}


def test_other_banks_are_refused_and_other_versions_warned(
    before: dict[str, Any], after: dict[str, Any]
) -> None:
    other = json.loads(json.dumps(after))
    other["bank"]["id"] = "core"
    with pytest.raises(ResultFileError, match=r"^new\.json: .*'core'.*old\.json.*'quick'"):
        compare.compare(before, other, ("old.json", "new.json"))
    newer = json.loads(json.dumps(after))
    newer["bank"]["version"] = "1.2.0"
    warned = compare.compare(before, newer)
    assert "changed version (1.1.0 in before, 1.2.0 in after)" in warned["warnings"][0]
    assert warned["bank"] == {"id": "quick", "before_version": "1.1.0", "after_version": "1.2.0"}


def test_golden_text_at_80_columns(found: dict[str, Any]) -> None:
    text = "\n".join(compare_text.text_lines(found, 80)) + "\n"
    path = GOLDEN / "compare_summary.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8"), "compare_summary.txt changed; UPDATE_GOLDEN=1"
    assert max(len(line) for line in text.splitlines()) <= 80
    for words in (
        "Leadership",
        "+50.0",
        "-50.0",
        "Early days → Developing",
        "Improved",
        "Declined",
        "Cleared:",
        "Priorities",
    ):
        assert words in text


# --- the command ------------------------------------------------------------------------------


def test_compare_prints_text(cli, files: tuple[Path, Path]) -> None:
    ran = cli("compare", *map(str, files))
    assert ran.code == 0, ran.err
    assert "What changed: bank quick 1.1.0" in ran.out and "Cleared:" in ran.out


def test_compare_json_to_a_file(cli, files: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "changes.json"
    ran = cli("compare", *map(str, files), "--format", "json", "-o", str(out))
    assert ran.code == 0, ran.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = json.loads(out.read_text("utf-8"))
    assert list(data) == [
        "kind",
        "bank",
        "before",
        "after",
        "overall",
        "domains",
        "recommendations",
        "improved",
        "declined",
        "blockers",
        "priorities",
        "questions",
        "warnings",
    ]
    assert data["before"]["file"] == str(files[0])
    help_text = cli("compare", "--help").out
    for key in ("band_label_before", "rank_after", "cleared", "improved"):
        assert key in help_text


def test_compare_text_file_is_the_golden_text(
    cli, files: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "changes.txt"
    assert cli("compare", *map(str, files), "-o", str(out)).code == 0
    text = out.read_text("utf-8")
    assert "What changed" in text and "\x1b" not in text


@pytest.mark.parametrize(
    ("edit", "code", "words"),
    [
        (lambda d: d["bank"].update(id="core"), 1, "compare two results of the same bank"),
        (lambda d: d.update(kind="group", members=[]), 1, "this is a group result"),
        (lambda d: d["overall"].update(score="high"), 1, "'high'"),
    ],
)
def test_compare_errors_name_the_file(
    cli, files: tuple[Path, Path], edit: Any, code: int, words: str
) -> None:
    data = json.loads(files[1].read_text("utf-8"))
    edit(data)
    files[1].write_text(json.dumps(data), "utf-8")
    ran = cli("compare", *map(str, files))
    assert ran.code == code and words in ran.err and str(files[1]) in ran.err
    assert "Traceback" not in ran.err


def test_compare_warns_about_another_version(cli, files: tuple[Path, Path]) -> None:
    data = json.loads(files[1].read_text("utf-8"))
    data["bank"]["version"] = "1.2.0"
    files[1].write_text(json.dumps(data), "utf-8")
    ran = cli("compare", *map(str, files))
    assert ran.code == 0 and "warning: bank quick changed version" in ran.err


def test_compare_usage_errors(cli, files: tuple[Path, Path]) -> None:
    assert cli("compare", str(files[0]), "missing.json").code == 2
    assert cli("compare", *map(str, files), "--width", "10").code == 2
    assert cli("compare", str(files[0])).code == 2


def test_compare_does_not_import_textual(files: tuple[Path, Path]) -> None:
    argv = ["compare", *map(str, files)]
    code = (
        "import contextlib, io, sys\nfrom readiness.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    main({argv!r})\n"
        "import readiness.group.compare\nprint('\\n'.join(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = set(done.stdout.split())
    assert "readiness.commands.compare" in modules and "textual" not in modules
