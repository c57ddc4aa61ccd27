"""A JSON Schema for the answers file of one bank, so tools can check answers before scoring."""

from __future__ import annotations

import copy
from typing import Any

from readiness import schemas
from readiness.model import DONT_KNOW, Bank, Question


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
    targets = [r.id for r in bank.recommendations] + [c.id for c in bank.audit_conditions]
    out["properties"]["actions"]["propertyNames"] = {"enum": targets}
    return out


def _answer(q: Question) -> dict[str, Any]:
    """The allowed values of one question; null always means skipped."""
    extra = [DONT_KNOW] if q.dont_know else []
    ids = [o.id for o in q.options]
    if q.type in ("scale", "single"):
        choices: list[dict[str, Any]] = [
            {"enum": [*ids, *extra]},
            {
                "type": "integer",
                "minimum": 1,
                "maximum": len(ids),
                "description": "1-based position",
            },
        ]
    elif q.type == "multiple":
        choices = [{"type": "array", "items": {"enum": ids}, "uniqueItems": True}]
        choices += [{"const": DONT_KNOW}] if extra else []
    elif q.type == "yesno":
        choices = [{"enum": ["yes", "no", True, False, *extra]}]
    elif q.type == "number":
        spec = q.number
        number: dict[str, Any] = {"type": "integer" if spec and spec.integer else "number"}
        if spec and spec.min is not None:
            number["minimum"] = spec.min
        if spec and spec.max is not None:
            number["maximum"] = spec.max
        choices = [number, *([{"const": DONT_KNOW}] if extra else [])]
    else:
        choices = [{"type": "string"}]
    return {"title": q.prompt, "anyOf": [*choices, {"type": "null"}]}
