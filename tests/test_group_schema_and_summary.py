"""The group's published schema, the group summary in every format, and a core that never
loads Textual."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from group_helpers import (
    GOLDEN,
    group_results,
    hand_worked_group,
    sources,
    write,
    write_results,
)
from jsonschema import Draft202012Validator

from readiness import schemas
from readiness.bank.load import load_bank
from readiness.group.aggregate import aggregate
from readiness.group.agreement import Rules
from readiness.group.roles import THEM_AND_US
from readiness.group.sources import Source
from readiness.report.summary import export
from readiness.scoring.answers import Respondent
from readiness.store import dumps


@pytest.fixture(scope="module")
def results() -> list[dict[str, Any]]:
    return group_results()


@pytest.fixture(scope="module")
def hand_worked(results: list[dict[str, Any]]) -> dict[str, Any]:
    return hand_worked_group(results)


@pytest.fixture
def files(results: list[dict[str, Any]], tmp_path: Path) -> list[Path]:
    return write_results(results, tmp_path)


# --- the schema -------------------------------------------------------------------------------


def test_the_group_fits_its_published_schema(cli, hand_worked: dict[str, Any]) -> None:
    published = json.loads(cli("schema", "group").out)
    Draft202012Validator.check_schema(published)
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert not list(Draft202012Validator(published).iter_errors(hand_worked))


def _objects(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    if isinstance(node, list):
        return [o for i, item in enumerate(node) for o in _objects(item, f"{where}[{i}]")]
    if not isinstance(node, dict):
        return []
    found = [(where, node)] if "properties" in node else []
    return found + [o for k, v in node.items() for o in _objects(v, f"{where}.{k}")]


def test_every_field_of_the_group_schema_is_described_and_closed() -> None:
    document = schemas.schema("group")
    for where, node in _objects(document):
        assert node.get("additionalProperties") is False, where
        for name, prop in node["properties"].items():
            assert "description" in prop, f"{where}.{name}"


def test_the_rules_are_in_the_group_and_in_the_schema(hand_worked: dict[str, Any]) -> None:
    assert hand_worked["rules"] == {
        "sd": "population",
        "agreement_high_below": 10,
        "agreement_moderate_below": 20,
        "divergent_range": 50,
        "divergent_sd": 20,
        "role_gap": 20,
        "agenda_size": 5,
        "blocker_share": 0.5,
        "min_group": 2,  # the hand-worked group's; 3 unless told (see test_min_group_*)
    }
    text = json.dumps(schemas.schema("group"))
    for words in (
        "population",
        "below 10",
        "below 20",
        "range >= rules.divergent_range",
        "them and us",
    ):
        assert words in text


# --- the group summary ------------------------------------------------------------------------


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8"), f"{name} changed; rerun with UPDATE_GOLDEN=1"


@pytest.mark.parametrize(
    ("name", "explain"), [("group_summary.txt", False), ("group_explain.txt", True)]
)
def test_golden_group_summary(hand_worked: dict[str, Any], name: str, explain: bool) -> None:
    text = export(hand_worked, "text", width=80, explain=explain)
    check_golden(name, text)
    assert max(len(line) for line in text.splitlines()) <= 80 and "\x1b" not in text


def test_group_summary_says_everything_in_words(hand_worked: dict[str, Any]) -> None:
    text = export(hand_worked, "text", width=80)
    for words in (
        "Respondents by role",
        "Agreement by domain",
        "low, divergent",
        "Scores by role",
        "Them and us",
        "70.9 points apart",
        THEM_AND_US[:40],
        "For discussion",
        "1. How clear is the vision? (lead_vision)",
        "Answers: None at all: 1",
    ):
        assert words in text


@pytest.mark.parametrize(
    ("fmt", "start"), [("html", "<!DOCTYPE html>"), ("svg", "<svg"), ("md", "# Group summary")]
)
def test_group_summary_formats(hand_worked: dict[str, Any], fmt: str, start: str) -> None:
    out = export(hand_worked, fmt, explain=True)  # type: ignore[arg-type]
    assert out.lstrip().startswith(start)
    assert "Leadership" in out and "divergent" in out


def test_group_markdown_tables(hand_worked: dict[str, Any]) -> None:
    md = export(hand_worked, "md")
    row = "| Leadership | `·━━━━━━━━━━●━━━━━━━━` | 56.3 | 8.3-100.0 | 37.0 | low, divergent |"
    assert row in md
    assert "| Domain or recommendation | All | Practitioner | Senior leader |" in md
    assert "### 2. How often do you meet partners? (collab\\_meet)" in md


def test_many_roles_are_listed_rather_than_tabled(results: list[dict[str, Any]]) -> None:
    varied = copy.deepcopy(results)
    for index, result in enumerate(varied):
        result["respondent"]["role"] = f"Role number {index}"
    varied.append(
        copy.deepcopy(results[0])
        | {"respondent": {"name": "Eve", "role": "Another role", "organisation": None}}
    )
    eve = Source("eve.json", "eve.json", varied[4], dumps(varied[4]))
    found = aggregate([*sources(varied[:4]), eve], rules=Rules(min_group=1))
    text = export(found, "text", width=80)
    assert "Leadership: Another role 100.0 (n=1) ·" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def _leaves(node: Any, where: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [leaf for k, v in node.items() for leaf in _leaves(v, (*where, k))]
    if isinstance(node, list):
        return [leaf for i, v in enumerate(node) for leaf in _leaves(v, (*where, i))]
    return [where]


def test_a_schema_valid_group_with_nulls_or_strays_still_reports(
    hand_worked: dict[str, Any],
) -> None:
    """Group files are read back from disk: the summary trusts the schema, not the builder."""
    validator = schemas.validator("group")
    parts = [("overall",), ("domains", "leadership"), ("questions", 0), ("agenda", 0)]
    changed = 0
    for part in parts:
        base: Any = hand_worked
        for key in part:
            base = base[key]
        for leaf in _leaves(base, part):
            data = copy.deepcopy(hand_worked)
            parent = data
            for key in leaf[:-1]:
                parent = parent[key]
            parent[leaf[-1]] = None if leaf[-1] != "question_id" else "not_a_question"
            if validator.is_valid(data):
                changed += 1
                assert export(data, "text", width=80) and export(data, "md")
    assert changed > 10


def test_report_command_shows_a_group(cli, files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "group.json"
    cli("aggregate", *map(str, files), "-o", str(out))
    ran = cli("report", str(out), "--width", "80")
    assert ran.code == 0, ran.err
    assert "Group summary: Scoring test bank" in ran.out
    html = tmp_path / "group.html"
    assert cli("report", str(out), "-o", str(html)).code == 0
    assert html.read_text("utf-8").startswith("<!DOCTYPE html>")
    bad = json.loads(out.read_text("utf-8"))
    bad["overall"]["sd"] = "wide"
    ran = cli("report", str(write(tmp_path, "bad-group.json", bad)))
    assert ran.code == 1 and "bad-group.json" in ran.err and "'wide'" in ran.err


# --- a pure core ----------------------------------------------------------------------------


def test_aggregate_does_not_import_textual(files: list[Path]) -> None:
    argv = ["aggregate", *map(str, files)]
    code = (
        "import contextlib, io, sys\nfrom readiness.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    main({argv!r})\n"
        "import readiness.group.aggregate, readiness.report.group_summary\n"
        "print('\\n'.join(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = set(done.stdout.split())
    assert "readiness.commands.aggregate" in modules and "readiness.group.aggregate" in modules
    assert "textual" not in modules


def test_two_people_of_one_role_who_started_the_same_second_are_two(tmp_path) -> None:
    """A workshop: everyone starts when the facilitator says go, many with the same role."""
    from readiness import api
    from readiness.session.engine import Session

    bank = load_bank("quick")
    results = []
    for session_id in ("a" * 32, "b" * 32):
        session = Session(bank, id=session_id, respondent=Respondent(role="Practitioner"))
        session.started_at = "2026-11-28T10:00:00Z"
        session.answers = {"q_leadership": "vision_shared"}
        result = session.result()
        assert result["session"]["id"] == session_id
        results.append(result)
    group = api.aggregate(results, min_group=1)
    assert len(group["members"]) == 2
