"""What the group tests share: the hand-worked group's four results, and small builders.

The hand-worked group is described, with every figure worked by hand, in
tests/test_group_statistics.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import ROOT

from readiness.bank.load import load_bank
from readiness.group.aggregate import aggregate
from readiness.group.agreement import Rules
from readiness.group.sources import Source
from readiness.scoring.answers import AnswerSet, Respondent, load_answers
from readiness.scoring.scores import score
from readiness.store import dumps

GROUPS = ROOT / "tests" / "groups"
GOLDEN = ROOT / "tests" / "golden"
SCORING_BANK = ROOT / "tests" / "banks" / "scoring" / "scoring.yaml"
PEOPLE = ("ana_senior", "ben_senior", "cat_practitioner", "dev_practitioner")


def stamps(index: int) -> dict[str, str]:
    return {
        "started_at": f"2024-05-01T09:{index:02d}:00Z",
        "completed_at": f"2024-05-01T10:{index:02d}:00Z",
    }


def group_results() -> list[dict[str, Any]]:
    """The four hand-worked people's results, scored against the scoring bank."""
    bank = load_bank(str(SCORING_BANK))
    found = []
    for index, name in enumerate(PEOPLE):
        answers, _ = load_answers(GROUPS / f"{name}.yaml", bank)
        found.append(score(bank, answers, generator_version="0.0.0", **stamps(index)))
    return found


def sources(results: list[dict[str, Any]]) -> list[Source]:
    return [
        Source(f"{name}.json", f"{name}.json", r, dumps(r))
        for name, r in zip(PEOPLE, results, strict=True)
    ]


def hand_worked_group(results: list[dict[str, Any]]) -> dict[str, Any]:
    return aggregate(sources(results), generator_version="0.0.0", rules=Rules(min_group=2))


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(dumps(data), "utf-8")
    return path


def write_results(results: list[dict[str, Any]], folder: Path) -> list[Path]:
    return [write(folder, f"{n}.json", r) for n, r in zip(PEOPLE, results, strict=True)]


def quick_result(
    answers: dict[str, Any], name: str, index: int = 0, role: str | None = None
) -> dict[str, Any]:
    who = Respondent(name=name, role=role)
    return score(load_bank("quick"), AnswerSet(answers, respondent=who), **stamps(index))


TOP = {
    "q_leadership": "vision_shared",
    "q_resilience": "planned",
    "q_capacity": "resourced",
    "q_recruitment": "above_numbers",
    "q_lead_in": "six_plus",
    "q_evidence": "shaped",
    "q_data": "consistent_shared",
    "q_comparison": "controlled",
    "q_researchers": "protected",
    "q_engagement": "families",
    "q_population": "explained",
    "q_joint_working": "integrated",
}
