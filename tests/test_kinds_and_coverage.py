"""Recommendation kinds rank priorities, and low coverage tempers bands and weights (issue 12).

Tiny banks built here: each defect named was a wrong result before the change.
"""

from __future__ import annotations

import copy
import json

from scoring_helpers import STAMPS

from readiness import schemas
from readiness.bank.checks import check_meaning
from readiness.bank.load import build_bank
from readiness.bank.yamlsafe import load_text
from readiness.scoring.answers import AnswerSet
from readiness.scoring.scores import score


def _bank(**extra: object) -> dict:
    """Two recommendations, a precondition and an option, each with one 0-1 question; two
    domains, so the overall has something to weigh."""

    def question(qid: str, domain: str, rec: str) -> dict:
        return {
            "id": qid,
            "domain": domain,
            "prompt": f"{qid}?",
            "type": "single",
            "help": {"text": "H.", "source": {"ref": "s"}},
            "options": [{"id": f"o{n}", "label": f"O{n}", "score": n / 10} for n in range(11)],
            "evidences": [rec],
        }

    return {
        "format": "readiness-bank/1",
        "id": "kinds",
        "title": "Kinds",
        "version": "1",
        "sources": [{"id": "s", "short": "S", "citation": "S."}],
        "scales": [],
        "domains": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
        "recommendations": [
            {"id": "opt", "title": "Opt", "text": "O.", "source": {"ref": "s"}, "kind": "option"},
            {"id": "pre", "title": "Pre", "text": "P.", "source": {"ref": "s"},
             "kind": "precondition"},
        ],
        "questions": [question("q_opt", "a", "opt"), question("q_pre", "a", "pre"),
                      question("b1", "b", "pre"), question("b2", "b", "pre"),
                      question("b3", "b", "pre")],
        "bands": [
            {"id": "low", "label": "Low", "min": 0, "max": 50},
            {"id": "mid", "label": "Mid", "min": 50, "max": 80},
            {"id": "high", "label": "High", "min": 80, "max": 100},
        ],
        **extra,
    }  # fmt: skip


def test_an_option_never_outranks_a_precondition_of_similar_need() -> None:
    """Before: ranked by score alone, the option at 10.0 came before the precondition at 20.0
    (as R12 "not considered" topped the priorities of services in crisis)."""
    bank = build_bank(_bank())
    answers = {"q_opt": "o1", "q_pre": "o2", "b1": "o2", "b2": "o2", "b3": "o2"}
    found = score(bank, AnswerSet(answers), **STAMPS)
    ranked = [(p["recommendation"], p["kind"]) for p in found["priorities"]]
    assert ranked == [("pre", "precondition"), ("opt", "option")]
    assert (
        found["priorities"][0]["why"] == "a precondition scoring 20.0: need 80.0, counted in full"
    )
    assert found["priorities"][1]["why"] == (
        "an option to consider scoring 10.0: need 90.0, counted at 0.5 for its kind (45.0)"
    )
    assert found["recommendations"]["opt"]["kind"] == "option"
    assert schemas.check_data(found, "result") == []


def test_a_bank_may_set_its_own_priority_weights() -> None:
    bank = build_bank(_bank(priority_weights={"option": 1}))
    answers = {"q_opt": "o1", "q_pre": "o2", "b1": "o2", "b2": "o2", "b3": "o2"}
    found = score(bank, AnswerSet(answers), **STAMPS)
    assert [p["recommendation"] for p in found["priorities"]] == ["opt", "pre"]


def test_a_thinly_answered_domain_is_capped_and_counts_less() -> None:
    """Domain b answered on 1 of 3 questions, all 100: before, it came out High and counted in
    full; now it is at most Mid and counts with weight 1/3."""
    bank = build_bank(_bank(coverage={"below": 0.5, "caps": {"band": "mid"}}))
    answers = {"q_opt": "o0", "q_pre": "o0", "b1": "o10", "b2": "dont_know", "b3": "dont_know"}
    found = score(bank, AnswerSet(answers), **STAMPS)
    b = found["domains"]["b"]
    assert (b["score"], b["band"], b["uncapped_band"]) == (100.0, "mid", "high")
    assert b["capped_by"] == ["low_coverage"] and b["overall_weight"] == 0.333333
    assert found["domains"]["a"]["overall_weight"] == 1
    # (0 x 1 + 100 x 1/3) / (1 + 1/3) = 25.0
    assert found["overall"]["score"] == 25.0
    assert schemas.check_data(found, "result") == []
    plain = score(build_bank(_bank()), AnswerSet(answers), **STAMPS)
    assert plain["domains"]["b"]["band"] == "high" and plain["overall"]["score"] == 50.0


def test_the_bank_checks_its_coverage_band_and_its_changes() -> None:
    data = _bank(
        coverage={"below": 0.5, "caps": {"band": "middle"}},
        changes=[{"version": "0.9", "notes": ["Older."]}],
    )
    doc = load_text(json.dumps(copy.deepcopy(data)), "kinds.yaml")
    messages = [f.message for f in schemas.check(doc, "bank") or check_meaning(doc)]
    assert any("unknown band 'middle'" in m for m in messages)
    assert any("changes has no entry for this version (1)" in m for m in messages)
