"""Results of two versions of a bank compare, saying which questions changed and how.

The older version is made here from the bundled core bank as it was before 1.1.0 (no referral
outcome question, leaders holding several roles scored 0.5), so the test needs no old file.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from readiness.bank.load import build_bank, load_bank, read_document, resolve
from readiness.group import compare
from readiness.model import Bank
from readiness.scoring.answers import AnswerSet
from readiness.scoring.scores import score

STAMPS = {"started_at": "2024-01-01T00:00:00Z", "completed_at": "2024-01-01T00:00:00Z"}
ANSWERS: dict[str, Any] = {
    "lead_posts": "doubled_up",
    "cap_statutory": "few_people",
    "col_referral_pathway": "short",
    "col_referral_outcome": "numbers_short",
    "data_evaluation": "too_short",
}


@pytest.fixture(scope="module")
def banks() -> tuple[Bank, Bank]:
    """(core as before 1.1.0, core now)."""
    path, shown = resolve("core")
    data = copy.deepcopy(read_document(path, shown)[0].data)
    old = copy.deepcopy(data)
    old["version"] = "1.0.0"
    old.pop("changes")
    old["questions"] = [q for q in old["questions"] if q["id"] != "col_referral_outcome"]
    posts = next(q for q in old["questions"] if q["id"] == "lead_posts")
    next(o for o in posts["options"] if o["id"] == "doubled_up")["score"] = 0.5
    return build_bank(old, "old"), load_bank("core")


def test_compare_across_versions_names_the_questions_that_changed(
    banks: tuple[Bank, Bank],
) -> None:
    old, new = banks
    before = score(old, AnswerSet({k: v for k, v in ANSWERS.items() if k in old.question_by_id}))
    after = score(new, AnswerSet(ANSWERS), **STAMPS)
    found = compare.compare(before, after, ("2023.json", "2024.json"))
    assert found["questions"] == {
        "added": ["col_referral_outcome"],
        "removed": [],
        "rescored": ["lead_posts"],
    }
    assert found["bank"] == {"id": "core", "before_version": "1.0.0", "after_version": "1.1.0"}
    said = " ".join(found["warnings"])
    assert "changed version (1.0.0 in 2023.json, 1.1.0 in 2024.json)" in said
    assert "added: col_referral_outcome; re-scored: lead_posts" in said
    backwards = compare.compare(after, before)["questions"]
    assert backwards["removed"] == ["col_referral_outcome"] and backwards["added"] == []


def test_the_same_version_has_no_question_changes(banks: tuple[Bank, Bank]) -> None:
    _, new = banks
    result = score(new, AnswerSet(ANSWERS), **STAMPS)
    same = compare.compare(result, result)
    assert same["questions"] == {"added": [], "removed": [], "rescored": []}
    assert not any("questions changed" in w for w in same["warnings"])


def test_the_bank_says_what_changed_in_its_version(banks: tuple[Bank, Bank]) -> None:
    _, new = banks
    assert new.version == "1.1.0"
    assert any("col_referral_outcome" in note for note in new.changes)
