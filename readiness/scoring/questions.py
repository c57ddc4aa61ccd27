"""What the conversation needs of the scoring rules while it runs.

Which questions a set of answers shows, what one answer scores, and where a question's
follow-up replies go in the action plan. Kept apart from :mod:`readiness.scoring.scores` so
that the first question does not wait for the scoring of a whole result (its records, the
priorities, the plan), which loads when a result is built.
"""

from __future__ import annotations

from collections.abc import Mapping

from readiness.kinds import kind_of
from readiness.model import DONT_KNOW, Answer, Bank, Question


def item_score(question: Question, value: Answer) -> float | None:
    """The item score 0..1 after reverse scoring; None for don't know, skipped or unscored."""
    return score_of(question, value) if question.scored else None


def score_of(question: Question, value: Answer) -> float | None:
    """:func:`item_score` of a question known to score."""
    known = value is not None and value != DONT_KNOW
    raw = kind_of(question).raw_score(question, value) if known else None
    return None if raw is None else (1.0 - raw if question.reverse else raw)


def visible_answers(bank: Bank, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """Each applicable question's answer (None when skipped), in bank order.

    A condition sees only the answers of applicable questions, so an answer to a hidden
    question never shows or hides anything else.
    """
    visible: dict[str, Answer] = {}
    for question in bank.questions:
        if question.when is None or question.when.holds(visible):
            visible[question.id] = answers.get(question.id)
    return visible


def applicable_questions(bank: Bank, answers: Mapping[str, Answer]) -> list[Question]:
    """The questions shown by their conditions, in bank order."""
    visible = visible_answers(bank, answers)
    return [q for q in bank.questions if q.id in visible]


def hidden_answers(bank: Bank, answers: Mapping[str, Answer]) -> list[str]:
    """Ids of questions answered although their condition hides them, in bank order."""
    return hidden_of(bank, answers, visible_answers(bank, answers))


def hidden_of(
    bank: Bank, answers: Mapping[str, Answer], visible: Mapping[str, Answer]
) -> list[str]:
    """:func:`hidden_answers` given the visible answers already found."""
    return [q.id for q in bank.questions if q.id not in visible and answers.get(q.id) is not None]


def action_target(question: Question) -> str | None:
    """Where a question's follow-up replies go in the action plan: its audit condition, else
    its first recommendation; None when it has neither (then it is never followed up)."""
    if question.audit_condition:
        return question.audit_condition
    return question.evidences[0] if question.evidences else None


def action_targets(bank: Bank) -> list[str]:
    """Every id an action-plan row can be grouped under, in the plan's order."""
    return [r.id for r in bank.recommendations] + [c.id for c in bank.audit_conditions]
