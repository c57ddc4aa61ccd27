"""A JSON Schema for the answers file of one bank, so tools can check answers before scoring."""

from __future__ import annotations

import copy
import re
from typing import Any

from readiness import schemas
from readiness.kinds import kind_of
from readiness.model import Bank, Question


def answers_schema_for(bank: Bank) -> dict[str, Any]:
    """The generic answers schema, narrowed to ``bank``'s question ids and allowed values."""
    out = copy.deepcopy(schemas.schema("answers"))
    out["$id"] = f"{out['$id']}/{bank.id}/{bank.version}"
    out["title"] = f"Answers to the {bank.title} bank ({bank.id} {bank.version})"
    out["properties"]["bank"] = {"const": bank.id}
    out["properties"]["answers"] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {q.id: _answer(q) for q in bank.questions},
    }
    known = [q.id for q in bank.questions]
    out["properties"]["notes"]["propertyNames"] = {"enum": known}
    out["properties"]["replies"]["propertyNames"] = {"enum": known}
    targets = [r.id for r in bank.recommendations] + [c.id for c in bank.audit_conditions]
    out["properties"]["actions"]["propertyNames"] = {"enum": targets}
    groups: list[str | None] = [g.id for g in bank.role_groups]
    out["properties"]["respondent"]["properties"]["role_group"] = {"enum": [*groups, None]}
    return out


def _answer(q: Question) -> dict[str, Any]:
    """The allowed values of one question, from its kind; null always means skipped."""
    return {"title": q.prompt, "anyOf": [*kind_of(q).schema(q), {"type": "null"}]}


_TOP = frozenset({"bank", "respondent", "answers", "notes", "actions", "replies"})
_WHO = frozenset({"name", "role", "organisation", "role_group"})
_COLUMNS = frozenset({"now", "needs", "progress"})
_VALUE = frozenset({str, int, float, bool, list, type(None)})
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


def quick_fit(data: Any) -> bool:
    """Whether ``data`` surely fits the generic answers schema, checked in a few microseconds.

    Never True for data the schema refuses (it is narrower where that is simpler: a float in
    a list is left to the schema), so a caller may skip the full check when it is True and
    run it, for placed messages, when it is False. Scoring thousands of files in one process
    would otherwise spend most of its time in jsonschema.
    """
    if type(data) is not dict or "answers" not in data or not _TOP.issuperset(data):
        return False
    answers, who = data["answers"], data.get("respondent", {})
    notes, actions = data.get("notes", {}), data.get("actions", {})
    replies = data.get("replies", {})
    return (
        type(data.get("bank", "")) is str
        and type(who) is dict
        and _WHO.issuperset(who)
        and all(v is None or type(v) is str for v in who.values())
        and type(answers) is dict
        and all(type(k) is str and _ID.fullmatch(k) for k in answers)
        and all(type(v) in _VALUE and _items_fit(v) for v in answers.values())
        and type(notes) is dict
        and all(type(v) is str for v in notes.values())
        and type(replies) is dict
        and all(type(v) is str and len(v) <= 2000 for v in replies.values())
        and type(actions) is dict
        and all(_columns_fit(v) for v in actions.values())
    )


def _items_fit(value: Any) -> bool:
    return type(value) is not list or all(type(i) is str or type(i) is int for i in value)


def _columns_fit(value: Any) -> bool:
    return (
        type(value) is dict
        and _COLUMNS.issuperset(value)
        and all(type(v) is str for v in value.values())
    )
