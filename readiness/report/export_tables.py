"""The tables an export carries beyond ``long`` and ``summary``: everything a summary says.

For results: ``answers`` (each answer with the person's own words and note), ``scores`` (the
overall score, each domain and recommendation in long form), ``priorities`` (with why),
``blockers``, ``gaps`` and ``actions`` (the action plan in the Audit of Service's three
columns). For groups: ``by_role`` (each role's n and mean per part; a role too small to show
is listed with ``shown`` false and no figures). Item scores are on the 0-100 scale of every
other score. Pure functions from result dicts to rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from readiness.report.tables import PERSON, person

Data = Mapping[str, Any]
Rows = Callable[[Data, str], Iterator[dict[str, Any]]]


def _item(score: float | None) -> float | None:
    return None if score is None else round(score * 100, 1)


def answers(result: Data, file: str) -> Iterator[dict[str, Any]]:
    whose = person(result, file)
    for a in result["answers"]:
        yield {
            **whose,
            **{k: a.get(k) for k in ("question_id", "domain", "prompt", "value", "value_label")},
            "item_score": _item(a["score"]),
            "status": a["status"],
            "reply": a.get("reply"),
            "note": a.get("note"),
            "distribution": a.get("distribution"),
        }


def scores(result: Data, file: str) -> Iterator[dict[str, Any]]:
    whose = person(result, file)
    overall = result["overall"]
    yield {**whose, "scope": "overall", "id": "overall", "title": "Overall", **_scored(overall)}
    for scope, key in (("domain", "domains"), ("recommendation", "recommendations")):
        for pid, part in result[key].items():
            yield {**whose, "scope": scope, "id": pid, "title": part["title"], **_scored(part)}


def _scored(part: Data) -> dict[str, Any]:
    return {
        "score": part["score"],
        "band": part["band_label"],
        "coverage": part["coverage"],
        "answered": part["answered"],
        "applicable": part["applicable"],
        "low_confidence": part["low_confidence"],
    }


def priorities(result: Data, file: str) -> Iterator[dict[str, Any]]:
    whose = person(result, file)
    for p in result["priorities"]:
        yield {
            **whose,
            **{k: p.get(k) for k in ("rank", "recommendation", "title", "score", "band_label")},
            "reason": p["reason"],
            "why": p.get("why"),
            "next_steps": p["next_steps"],
            "source": p["source"],
        }


def blockers(result: Data, file: str) -> Iterator[dict[str, Any]]:
    whose = person(result, file)
    for b in result["blockers"]:
        yield {
            **whose,
            "rule": b.get("rule"),
            "domain": b["caps"]["domain"] or "overall",
            "caps_at": b["band_label"],
            "effective": b["effective"],
            "message": b["message"],
        }


def gaps(result: Data, file: str) -> Iterator[dict[str, Any]]:
    whose = person(result, file)
    for g in result["gaps"]:
        yield {**whose, **{k: g.get(k) for k in ("question_id", "domain", "prompt", "reason")}}


def actions(result: Data, file: str) -> Iterator[dict[str, Any]]:
    whose = person(result, file)
    for a in result["actions"]:
        yield {
            **whose,
            **{k: a.get(k) for k in ("id", "kind", "title", "recommendation", "question")},
            "what_happens_now": a.get("now"),
            "what_needs_to_happen": a.get("needs"),
            "how_will_you_progress_this": a.get("progress"),
        }


def by_role(group: Data, file: str) -> Iterator[dict[str, Any]]:
    parts = [("overall", "overall", "Overall", group["overall"])]
    parts += [("domain", k, v["title"], v) for k, v in group["domains"].items()]
    parts += [("recommendation", k, v["title"], v) for k, v in group["recommendations"].items()]
    for scope, pid, title, part in parts:
        base = {"file": file, "scope": scope, "id": pid, "title": title}
        for role, found in (part.get("by_role") or {}).items():
            yield {**base, "role": role, "shown": True, "n": found["n"], "mean": found["mean"]}
        for role in part.get("suppressed_roles") or ():
            yield {**base, "role": role, "shown": False, "n": None, "mean": None}


BY_PERSON = PERSON
RESULT_TABLES: dict[str, tuple[list[str], Rows]] = {
    "answers": (
        [
            *PERSON,
            "question_id",
            "domain",
            "prompt",
            "value",
            "value_label",
            "item_score",
            "status",
            "reply",
            "note",
            "distribution",
        ],
        answers,
    ),
    "scores": (
        [
            *PERSON,
            "scope",
            "id",
            "title",
            "score",
            "band",
            "coverage",
            "answered",
            "applicable",
            "low_confidence",
        ],
        scores,
    ),
    "priorities": (
        [
            *PERSON,
            "rank",
            "recommendation",
            "title",
            "score",
            "band_label",
            "reason",
            "why",
            "next_steps",
            "source",
        ],
        priorities,
    ),
    "blockers": ([*PERSON, "rule", "domain", "caps_at", "effective", "message"], blockers),
    "gaps": ([*PERSON, "question_id", "domain", "prompt", "reason"], gaps),
    "actions": (
        [
            *PERSON,
            "id",
            "kind",
            "title",
            "recommendation",
            "question",
            "what_happens_now",
            "what_needs_to_happen",
            "how_will_you_progress_this",
        ],
        actions,
    ),
}
GROUP_TABLES: dict[str, tuple[list[str], Rows]] = {
    "by_role": (["file", "scope", "id", "title", "role", "shown", "n", "mean"], by_role),
}
