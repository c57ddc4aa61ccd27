"""The result JSON: what the scoring rules found, shaped as documented data for other tools.

The shape is published as ``readiness schema result``. The result carries everything a report
needs (titles, band labels, question prompts), so a report never needs the bank. Keys are
written in a fixed order, so the same bank and answers give the same bytes, timestamps aside.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from readiness.kinds import KIND_BY_TYPE
from readiness.model import ACTION_COLUMNS, DONT_KNOW, Answer, Bank, Question
from readiness.scoring.layout import layout_of, remember
from readiness.scoring.shown import band_of, display_score, overall_weight

if TYPE_CHECKING:
    from readiness.scoring.answers import Respondent
    from readiness.scoring.plan import Action
    from readiness.scoring.scores import Banded, Item, Priority, Scored, Tally

SCHEMA_VERSION = "1.4"
"""1.4 added the respondent's optional ``role_group``; 1.3 added each recommendation's and
priority's ``kind`` and each domain's ``overall_weight`` (its weight tempered by low coverage);
1.2 added each answer's optional ``reply`` (the respondent's own words); 1.1 added each action
row's ``question`` and each priority's ``why``; results of 1.0 to 1.3 are read as before."""
KIND = "result"
GENERATOR = "readiness"


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def kind_of(data: Mapping[str, Any]) -> str:
    """``result``, ``group`` or ``unknown``: what a JSON file read from disk says it is."""
    kind = data.get("kind")
    if isinstance(kind, str):
        return kind if kind in (KIND, "group") else "unknown"
    if "overall" in data and "answers" in data:
        return KIND
    return "group" if "members" in data or "respondents" in data else "unknown"


def build_result(
    scored: Scored, *, started_at: str, completed_at: str, generator_version: str
) -> dict[str, Any]:
    """The result as plain JSON-ready data, keys in the documented order."""
    bank = scored.bank
    who = scored.answer_set.respondent
    labels = layout_of(bank).labels
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": KIND,
        "generator": {"name": GENERATOR, "version": generator_version},
        "bank": {
            "id": bank.id,
            "version": bank.version,
            "title": bank.title,
            "sha256": bank.sha256,
        },
        "respondent": _respondent(bank, who),
        "session": {"started_at": started_at, "completed_at": completed_at},
        "bands": [_band_entry(b) for b in _bands(bank)],
        "overall": _overall(scored),
        "domains": {d.id: _domain(scored, d.id) for d in bank.domains},
        "recommendations": {r.id: _recommendation(scored, r.id) for r in bank.recommendations},
        "answers": [_answer(scored, i, labels) for i in scored.items],
        "priorities": [_priority(bank, p) for p in scored.priorities],
        "gaps": [_gap(i) for i in scored.items if i.status in ("dont_know", "skipped")],
        "blockers": [_blocker(scored, b.id) for b in scored.blockers],
        "actions": [_action(a) for a in scored.actions],
        "warnings": list(scored.warnings),
    }


def _respondent(bank: Bank, who: Respondent) -> dict[str, Any]:
    """Who answered; ``role_group`` the group they picked, else the one their role matches,
    else absent."""
    from readiness.bank.roles import match_role

    found = {"name": who.name, "role": who.role, "organisation": who.organisation}
    group = who.role_group or match_role(who.role, bank.role_groups)
    return {**found, "role_group": group} if group else found


def _bands(bank: Bank) -> list[Any]:
    return sorted(bank.bands, key=lambda b: b.min)


def _band_entry(band: Any) -> dict[str, Any]:
    """A band as the result carries it: with the bank's description of it, when it has one,
    so a summary can say what the band means without the bank."""
    found = {"id": band.id, "label": band.label, "min": band.min, "max": band.max}
    return {**found, "description": band.description} if band.description else found


def _round(value: float | None, digits: int) -> float | None:
    """Halves rounded up, so 0.8125 shows as 0.813 whatever the float below it."""
    if value is None:
        return None
    scale = 10**digits
    return math.floor(value * scale + 0.5 + 1e-9) / scale


def _score(found: Tally) -> dict[str, Any]:
    return {
        "score": None if found.score is None else display_score(found.score),
        "coverage": _round(found.coverage, 3),
        "low_confidence": found.low_confidence,
        "answered": found.answered,
        "applicable": found.applicable,
    }


def _band(banded: Banded) -> dict[str, Any]:
    return {
        "band": banded.band.id if banded.band else None,
        "band_label": banded.band.label if banded.band else None,
        "uncapped_band": banded.uncapped.id if banded.uncapped else None,
        "capped_by": list(banded.capped_by),
    }


def _overall(scored: Scored) -> dict[str, Any]:
    found = _score(scored.overall)
    return {"score": found.pop("score"), **_band(scored.overall_band), **found}


def _domain(scored: Scored, domain_id: str) -> dict[str, Any]:
    domain = scored.bank.domain_by_id[domain_id]
    tally = scored.domains[domain_id]
    found = _score(tally)
    return {
        "title": domain.title,
        "weight": domain.weight,
        "overall_weight": _round(overall_weight(scored.bank, domain_id, tally.coverage), 6),
        "score": found.pop("score"),
        **_band(scored.domain_bands[domain_id]),
        **found,
    }


def _recommendation(scored: Scored, rec_id: str) -> dict[str, Any]:
    bank = scored.bank
    rec = bank.recommendation_by_id[rec_id]
    found = scored.recommendations[rec_id]
    band = band_of(bank, found.score)
    details = _score(found)
    return {
        "title": rec.title,
        "kind": rec.kind,
        "text": rec.text,
        "source": bank.cite(rec.source),
        "next_steps": list(rec.next_steps),
        "score": details.pop("score"),
        "band": band.id if band else None,
        "band_label": band.label if band else None,
        **details,
    }


def _answer(
    scored: Scored, item: Item, labels: dict[tuple[str, str], str | None]
) -> dict[str, Any]:
    question, value = item.question, item.value
    if type(value) is str:  # an option id: the same few, file after file
        key = (question.id, value)
        if key not in labels:
            remember(labels, key, value_label(question, value))
        label = labels[key]
    else:
        label = value_label(question, value)
    row = {
        "question_id": question.id,
        "domain": question.domain,
        "prompt": question.prompt,
        "type": question.type,
        "applicable": item.status != "hidden",
        "value": item.value,
        "value_label": label,
        "score": _round(item.score, 3),
        "dont_know": item.status == "dont_know",
        "skipped": item.status == "skipped",
        "status": item.status,
        "weight": question.weight,
        "reverse": question.reverse,
        "evidences": list(question.evidences),
        "note": scored.answer_set.notes.get(question.id),
    }
    reply = scored.answer_set.replies.get(question.id) if scored.answer_set.replies else None
    if reply and item.status not in ("hidden", "skipped"):
        row["reply"] = reply
    return row


def value_label(question: Question, value: Answer) -> str | None:
    """An answer as people read it: option labels, a number with its unit, or the text."""
    if value is None:
        return None
    if value == DONT_KNOW and not KIND_BY_TYPE[question.type].free_text:
        return question.dont_know or "Don't know"
    if isinstance(value, list):
        labels = [o.label for o in question.options if o.id in value]
        return "; ".join(labels) if labels else "(none chosen)"
    if isinstance(value, int | float):
        unit = question.number.unit if question.number else ""
        return f"{value:g} {unit}".strip()
    option = question.option(value)
    return option.label if option else value


def _priority(bank: Bank, priority: Priority) -> dict[str, Any]:
    rec = bank.recommendation_by_id[priority.recommendation]
    return {
        "rank": priority.rank,
        "recommendation": rec.id,
        "title": rec.title,
        "kind": priority.kind,
        "text": rec.text,
        "source": bank.cite(rec.source),
        "score": display_score(priority.tally.score or 0.0),
        "band": priority.band.id,
        "band_label": priority.band.label,
        "reason": priority.reason,
        "why": priority.why,
        "next_steps": list(rec.next_steps),
        "actions": [_action(a) for a in priority.actions],
    }


def _gap(item: Item) -> dict[str, Any]:
    label = item.question.dont_know or "Don't know"
    reason = f'answered "{label}"' if item.status == "dont_know" else "not answered (skipped)"
    return {
        "question_id": item.question.id,
        "domain": item.question.domain,
        "prompt": item.question.prompt,
        "kind": item.status,
        "reason": reason,
    }


def _blocker(scored: Scored, rule_id: str) -> dict[str, Any]:
    rule = next(b for b in scored.blockers if b.id == rule_id)
    target = scored.overall_band if rule.domain is None else scored.domain_bands[rule.domain]
    return {
        "rule": rule.id,
        "message": rule.message,
        "caps": {"band": rule.band, "domain": rule.domain},
        "band_label": scored.bank.band_by_id[rule.band].label,
        "effective": rule.id in target.capped_by,
    }


def _action(action: Action) -> dict[str, Any]:
    return {
        "id": action.id,
        "kind": action.kind,
        "title": action.title,
        "recommendation": action.recommendation,
        "question": action.question,
        **{column: action.columns.get(column) for column in ACTION_COLUMNS},
    }
