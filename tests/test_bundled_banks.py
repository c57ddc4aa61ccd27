"""The bundled banks: valid by an independent validator, and covering the evidence."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import yaml
from jsonschema import Draft202012Validator

from readiness.bank.load import bundled_banks, bundled_dir, load_bank

RECOMMENDATIONS = [f"R{n:02d}" for n in range(1, 13)]
AUDIT_CONDITIONS = [f"A{n:02d}" for n in range(1, 11)]
BUNDLED = ["core", "audit", "quick"]


def test_the_three_banks_are_bundled() -> None:
    assert [b.id for b in bundled_banks()] == ["core", "audit", "quick"]


def test_validate_of_questions_folder_is_clean(cli) -> None:
    ran = cli("validate", str(bundled_dir()))
    assert ran.code == 0, ran.out
    assert ran.out == ""


@pytest.mark.parametrize("bank_id", BUNDLED)
def test_bank_valid_against_printed_schema_with_plain_jsonschema(bank_id: str, cli) -> None:
    """Validated with jsonschema's own validator and PyYAML's loader, not the package's."""
    ran = cli("schema", "bank")
    schema = json.loads(ran.out)
    Draft202012Validator.check_schema(schema)
    data = yaml.safe_load((bundled_dir() / f"{bank_id}.yaml").read_text("utf-8"))
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in Draft202012Validator(schema).iter_errors(data)
    ]
    assert errors == []


@pytest.mark.parametrize("bank_id", BUNDLED)
def test_every_recommendation_evidenced_and_every_question_cited(bank_id: str) -> None:
    bank = load_bank(bank_id)
    assert [r.id for r in bank.recommendations] == RECOMMENDATIONS
    counts = Counter(r for q in bank.questions for r in q.evidences)
    least = 2 if bank_id == "core" else 1
    assert all(counts[r] >= least for r in RECOMMENDATIONS), counts
    for q in bank.questions:
        assert q.help_source.ref in bank.source_by_id and q.help_text.strip(), q.id


def test_core_has_the_four_domains_and_a_sensible_length() -> None:
    bank = load_bank("core")
    assert {"leadership", "capacity", "data", "collaboration"} <= {d.id for d in bank.domains}
    assert 40 <= len(bank.questions) <= 60
    assert bank.blockers, "core has blocker rules for known show-stoppers"


@pytest.mark.parametrize("bank_id", ["core", "audit"])
def test_every_audit_condition_is_asked(bank_id: str) -> None:
    bank = load_bank(bank_id)
    assert [c.id for c in bank.audit_conditions] == AUDIT_CONDITIONS
    asked = {q.audit_condition for q in bank.questions}
    assert set(AUDIT_CONDITIONS) <= asked


def test_audit_asks_the_three_columns_for_each_condition() -> None:
    bank = load_bank("audit")
    columns = {(q.audit_condition, q.action_column) for q in bank.questions if q.action_column}
    assert columns == {(c, col) for c in AUDIT_CONDITIONS for col in ("now", "needs", "progress")}


def test_quick_has_one_question_per_recommendation() -> None:
    bank = load_bank("quick")
    assert sorted(r for q in bank.questions for r in q.evidences) == RECOMMENDATIONS
