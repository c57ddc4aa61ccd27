"""The action plan: what the respondent wrote in the Audit of Service's three columns.

Every reply is kept and attributed: a follow-up reply belongs to the question whose low answer
prompted it, so two low answers under the same audit condition give two rows, never one that
overwrites the other. Rows are grouped under their audit condition (or recommendation) and
ordered as the bank lists them, then by question.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

from msgspec import Struct

from readiness.model import ACTION_COLUMNS, DONT_KNOW, Answer, Bank
from readiness.scoring.questions import action_target

if TYPE_CHECKING:
    from readiness.scoring.answers import AnswerSet


class Action(Struct, frozen=True):
    """One row of the action plan: one question's replies (or a target's own) under a target.

    Attributes:
        id: The audit condition or recommendation the row is grouped under.
        kind: ``recommendation`` or ``audit_condition``.
        recommendation: The recommendation the row belongs to (itself, or the condition's).
        question: The question whose follow-up prompted the row; None for text given for the
            target as a whole (the audit bank's text questions, an answers file's target key).
        columns: ``now``, ``needs`` and ``progress`` to their text, for those filled in.
    """

    id: str
    kind: Literal["recommendation", "audit_condition"]
    title: str
    recommendation: str
    columns: Mapping[str, str]
    question: str | None = None


Key = tuple[str, str | None]
"""A row of the plan: (target, question id or None)."""


def action_plan(
    bank: Bank, answer_set: AnswerSet, visible: Mapping[str, Answer]
) -> tuple[Action, ...]:
    """The action plan: one row per (target, question), with at least one column filled.

    Filled from text questions with an ``action_column`` (for their condition as a whole), the
    answers' ``actions`` by target, and the replies by question. Where two sources fill the same
    column of the same row with different text, both are kept on separate lines.
    """
    columns: dict[Key, dict[str, str]] = {}
    for question in bank.questions:
        text = visible.get(question.id)
        if question.action_column and question.audit_condition and _is_text(text):
            _add(columns, (question.audit_condition, None), question.action_column, str(text))
    for target, given in answer_set.actions.items():
        _fill(columns, (target, None), given)
    for qid, given in answer_set.actions_by_question.items():
        asked = bank.question_by_id.get(qid)
        target_id = action_target(asked) if asked else None
        if target_id is not None:
            _fill(columns, (target_id, qid), given)
    return tuple(_rows(bank, columns))


def _fill(columns: dict[Key, dict[str, str]], key: Key, given: Mapping[str, str]) -> None:
    for column in ACTION_COLUMNS:
        if _is_text(given.get(column)):
            _add(columns, key, column, given[column])


def _is_text(value: object) -> bool:
    return isinstance(value, str) and value != DONT_KNOW and bool(value.strip())


def _add(columns: dict[Key, dict[str, str]], key: Key, column: str, text: str) -> None:
    row = columns.setdefault(key, {})
    old = row.get(column)
    row[column] = text.strip() if old is None or old == text.strip() else f"{old}\n{text.strip()}"


def _rows(bank: Bank, columns: Mapping[Key, dict[str, str]]) -> list[Action]:
    """Rows grouped by target in bank order (recommendations, then audit conditions); within
    a target, its own row first, then one per question in bank order."""
    heads: list[tuple[str, Literal["recommendation", "audit_condition"], str, str]] = [
        (r.id, "recommendation", r.title, r.id) for r in bank.recommendations
    ]
    heads += [(c.id, "audit_condition", c.title, c.recommendation) for c in bank.audit_conditions]
    order = {q.id: i for i, q in enumerate(bank.questions)}
    rows: list[Action] = []
    for target, kind, title, rec in heads:
        keys = sorted(
            (k for k in columns if k[0] == target and columns[k]),
            key=lambda k: -1 if k[1] is None else order[k[1]],
        )
        rows += [Action(target, kind, title, rec, columns[k], k[1]) for k in keys]
    return rows
