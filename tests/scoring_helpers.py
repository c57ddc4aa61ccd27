"""Shared by the scoring tests: the hand-worked scoring bank, its answers and their result.

tests/test_scoring_rules.py works the result out by hand; tests/test_score_command.py feeds the
same files to the score command and writes the result to disk. tiny_bank builds a one-question
bank for checks the scoring bank cannot make.
"""

from __future__ import annotations

from conftest import ROOT

from readiness.bank.load import load_bank
from readiness.model import Bank
from readiness.scoring.answers import load_answers
from readiness.scoring.scores import score

ANSWERS = ROOT / "tests" / "answers"
SCORING_BANK = ROOT / "tests" / "banks" / "scoring" / "scoring.yaml"
STAMPS = {"started_at": "2024-05-01T09:00:00Z", "completed_at": "2024-05-01T09:30:00Z"}


def scoring_bank() -> Bank:
    """The small bank whose result is worked out by hand."""
    return load_bank(str(SCORING_BANK))


def worked_result(bank: Bank) -> dict:
    """The result of scoring tests/answers/scoring.yaml against the scoring bank."""
    answer_set, _ = load_answers(ANSWERS / "scoring.yaml", bank)
    return score(bank, answer_set, **STAMPS)


def tiny_bank(options: list[dict]) -> dict:
    return {
        "id": "tiny",
        "title": "Tiny",
        "version": "1",
        "sources": [{"id": "s", "short": "S", "citation": "S."}],
        "domains": [{"id": "d", "title": "D"}],
        "recommendations": [{"id": "r", "title": "R", "text": "R.", "source": {"ref": "s"}}],
        "questions": [
            {
                "id": "q1",
                "domain": "d",
                "prompt": "Q?",
                "type": "multiple",
                "help": {"text": "H.", "source": {"ref": "s"}},
                "options": options,
                "evidences": ["r"],
            }
        ],
        "bands": [
            {"id": "low", "label": "Low", "min": 0, "max": 50},
            {"id": "high", "label": "High", "min": 50, "max": 100},
        ],
    }
