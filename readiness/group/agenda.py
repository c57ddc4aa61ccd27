"""The discussion agenda: the questions a group disagrees on most, to talk about first."""

from __future__ import annotations

from typing import Any

from readiness.group.agreement import Rules


def agenda(questions: list[dict[str, Any]], rules: Rules) -> list[dict[str, Any]]:
    """The most divergent questions, largest sd first, ties in bank order: what to discuss."""
    ranked = sorted(
        (q for q in questions if q["n"] >= 2 and q["sd"]),
        key=lambda q: -q["sd"],  # sorted() is stable: equal sds keep bank order
    )
    return [
        {
            "rank": rank,
            "question_id": q["question_id"],
            "sd": q["sd"],
            "range": q["range"],
            "divergent": q["divergent"],
        }
        for rank, q in enumerate(ranked[: rules.agenda_size], start=1)
    ]
