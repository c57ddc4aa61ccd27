"""What the group keeps of each part and question: counts of scores and answers, not results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from readiness.group.agreement import Values
from readiness.group.sources import Unfit, check_answer
from readiness.scoring.shape import _is_counts

GAPS = frozenset({"hidden", "dont_know", "skipped"})


@dataclass
class Part:
    """The overall score, a domain or a recommendation: what it is, and its scores."""

    meta: dict[str, Any]
    values: Values = field(default_factory=Values)
    no_score: int = 0

    def count(self, role: str, score: float | None, count: int) -> None:
        if score is None:
            self.no_score += count
        else:
            self.values.add(score, role, count)


@dataclass
class QuestionTally:
    """One question across the group: scores, answers by option, gaps and room votes.

    Attributes:
        labels: Option id to its label, from the first answer that chose it.
        option_scores: Option id to its item score (0-100) as the results show it, so room
            votes for an option can be scored.
        votes: Each room's role and its votes by option, scored when the group is built.
    """

    meta: dict[str, Any]
    values: Values = field(default_factory=Values)
    distribution: Counter[str] = field(default_factory=Counter)
    labels: dict[str, str] = field(default_factory=dict)
    option_scores: dict[str, float] = field(default_factory=dict)
    gaps: Counter[str] = field(default_factory=Counter)
    votes: list[tuple[str, dict[str, int]]] = field(default_factory=list)

    def count(self, role: str, answer: tuple[str, str, Any, Any], count: int) -> None:
        """Count ``count`` identical answers: in the gaps, or the distribution and scores."""
        _, status, value, score = answer
        if status in GAPS:
            self.gaps[status] += count
            return
        if type(value) is tuple:
            self.distribution.update(dict.fromkeys(value, count))
        elif value is not None:
            self.distribution[value if type(value) is str else f"{value:g}"] += count
        if status == "scored" and score is not None:
            self.values.add(score * 100, role, count)

    def learn(self, answer: Mapping[str, Any]) -> None:
        """An option's label and item score, from the first answer that chose it."""
        value, label = answer["value"], answer["value_label"]
        if type(value) is not str or value == "dont_know" or value in self.labels:
            return
        if label is not None and type(label) is not str:
            raise Unfit
        if label is not None:
            self.labels[value] = label
        if answer["status"] == "scored" and answer["score"] is not None:
            self.option_scores.setdefault(value, answer["score"] * 100)

    def add_votes(self, answer: Mapping[str, Any], role: str) -> None:
        """Count a room's votes: each head counts in the distribution and the statistics."""
        votes = answer["distribution"]
        if type(votes) is not dict or not _is_counts(votes):
            raise Unfit
        check_answer(answer["status"], answer["value"], answer["score"])
        self.learn(answer)
        self.gaps["dont_know"] += votes.get("dont_know", 0)
        chosen = {k: c for k, c in votes.items() if k != "dont_know" and c}
        self.distribution.update(chosen)
        self.votes.append((role, chosen))


def question_meta(answer: Mapping[str, Any]) -> dict[str, Any]:
    """What the group shows of a question, from an answer to it."""
    return {
        "question_id": answer["question_id"],
        "domain": answer["domain"],
        "prompt": answer["prompt"],
        "type": answer["type"],
        "evidences": list(answer["evidences"]),
        "discussion": answer.get("discussion"),
    }


def blocker_meta(blocker: Mapping[str, Any]) -> dict[str, Any]:
    """A blocker rule as the group counts it, from a result it held for."""
    caps = blocker["caps"]
    return {
        "rule": blocker["rule"],
        "message": blocker["message"],
        "caps": {"band": caps["band"], "domain": caps["domain"]},
        "band_label": blocker["band_label"],
        "count": 0,
    }
