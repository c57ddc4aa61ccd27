"""The commands of issue 2: banks, schema, usage errors."""

from __future__ import annotations

import json

from conftest import BANKS, run_process
from jsonschema import Draft202012Validator


def test_banks_lists_id_title_version_questions_minutes(cli) -> None:
    ran = cli("banks", "--json")
    rows = {r["id"]: r for r in json.loads(ran.out)}
    assert set(rows) == {"core", "audit", "quick"}
    assert rows["quick"]["questions"] == 12
    assert all(r["minutes"] >= 1 and r["version"] and r["title"] for r in rows.values())
    table = cli("banks").out
    assert table.splitlines()[0].split()[:4] == ["ID", "VERSION", "QUESTIONS", "MINUTES"]


def test_schema_bank_is_draft_2020_12(cli) -> None:
    schema = json.loads(cli("schema", "bank").out)
    assert schema["$schema"].endswith("2020-12/schema")
    Draft202012Validator.check_schema(schema)


def test_answers_schema_for_a_bank_lists_each_question(cli) -> None:
    schema = json.loads(
        cli("schema", "answers", "--bank", str(BANKS / "valid" / "minimal.yaml")).out
    )
    Draft202012Validator.check_schema(schema)
    questions = schema["properties"]["answers"]["properties"]
    assert list(questions) == ["q1", "q2"]
    assert questions["q1"]["title"] == "Is there a vision?"
    validator = Draft202012Validator(schema)
    assert validator.is_valid({"answers": {"q1": "all", "q2": "dont_know"}})
    assert validator.is_valid({"answers": {"q1": 2, "q2": True}})
    assert not validator.is_valid({"answers": {"q1": "everything"}})
    assert not validator.is_valid({"answers": {"q9": "all"}})


def test_generic_answers_schema(cli) -> None:
    schema = json.loads(cli("schema", "answers").out)
    assert Draft202012Validator(schema).is_valid({"answers": {"q1": "all"}, "notes": {"q1": "hm"}})


def test_unknown_bank_suggests_the_nearest(cli) -> None:
    ran = cli("schema", "answers", "--bank", "quik")
    assert ran.code == 2
    assert "did you mean 'quick'?" in ran.err


def test_bad_usage_exits_2_without_traceback() -> None:
    ran = run_process("validate")
    assert ran.code == 2 and "usage:" in ran.err and "Traceback" not in ran.err
    ran = run_process("schema", "nonsense")
    assert ran.code == 2


def test_version_and_help() -> None:
    assert run_process("--version").out.startswith("readiness ")
    assert "validate" in run_process("--help").out
