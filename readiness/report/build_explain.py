"""How a result's scores were made, as sections of the summary document (``--explain``).

The band thresholds, the overall formula, and for each domain and recommendation the answers
that made its score, their item scores and weights, and the sum.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from readiness.report.document import (
    Block,
    Cell,
    Column,
    Entry,
    Note,
    Paragraph,
    Section,
    Span,
    Table,
    text,
)
from readiness.report.wording import band_cell, band_tone, score_text

Result = Mapping[str, Any]
Answer = Mapping[str, Any]
STATUS_WORDS = {
    "scored": "counted",
    "dont_know": "left out: don't know",
    "skipped": "left out: skipped",
    "hidden": "hidden by condition",
    "not_scored": "never scored",
    "no_score": "left out: no score",
}
"""How each answer status counts, in words."""
THRESHOLDS_NOTE = (
    "A score on a threshold takes the higher band; bands are chosen before rounding. "
    "Item scores run 0 to 100; each score is the weighted mean of its counted items."
)


def explain_sections(result: Result) -> list[Section]:
    """One section: the thresholds, the overall formula, then each part's answers and sum."""
    blocks: list[Block] = [
        _thresholds(result),
        Note(text(THRESHOLDS_NOTE)),
        Paragraph(text(f"Overall: {_overall_formula(result)}", strong=True)),
    ]
    blocks += [_explained(result, *group) for group in _groups(result)]
    return [Section("explain", "How the scores were made", tuple(blocks))]


def _thresholds(result: Result) -> Table:
    columns = (Column("Band"), Column("From", align="right"), Column("Up to", align="right"))
    rows = tuple(
        (
            text(band["label"], tone=band_tone(result["bands"], band["id"])),
            text(f"{band['min']:g}"),
            text(f"{band['max']:g}"),
        )
        for band in result["bands"]
    )
    return Table(columns, rows)


def _groups(result: Result) -> list[tuple[str, Mapping[str, Any], list[Answer]]]:
    """Each domain and recommendation: a title, its scores, and the answers that made them."""
    answers = result["answers"]
    groups = [
        (f"Domain: {d['title']}", d, [a for a in answers if a["domain"] == did])
        for did, d in result["domains"].items()
    ]
    return groups + [
        (f"Recommendation {rid}: {r['title']}", r, [a for a in answers if rid in a["evidences"]])
        for rid, r in result["recommendations"].items()
    ]


def _overall_formula(result: Result) -> str:
    parts = [
        (d["score"], d.get("overall_weight", d["weight"]))
        for d in result["domains"].values()
        if d["score"] is not None
    ]
    if not parts:
        return "no score: no domain has a score"
    terms = " + ".join(f"{s:g}×{w:g}" for s, w in parts)
    total = sum(w for _, w in parts)
    overall = score_text(result["overall"]["score"])
    how = "domain weight"
    if any(d.get("overall_weight", d["weight"]) != d["weight"] for d in result["domains"].values()):
        how += ", times coverage where too little was answered"
    return f"({terms}) / {total:g} = {overall} (domains weighted by {how})"


def _explained(result: Result, title: str, part: Mapping[str, Any], chosen: list[Answer]) -> Entry:
    head = (
        Span(title, strong=True),
        Span(f": {score_text(part['score'])} "),
        *band_cell(result, part),
    )
    columns = (
        Column("Question", grow=3),
        Column("Answer", grow=2),
        Column("Item", align="right", nowrap=True),
        Column("Weight", align="right", nowrap=True),
        Column("How it counts", grow=3),
    )
    rows = tuple(_row(answer) for answer in chosen)
    return Entry(head, (Table(columns, rows), Note(text(_formula(part, chosen)))))


def _row(answer: Answer) -> tuple[Cell, ...]:
    why: str = STATUS_WORDS.get(answer["status"]) or str(answer["status"])
    if answer["status"] == "scored" and answer["reverse"]:
        why = f"reversed: 100-{item_score(1 - answer['score'])}"
    item = "" if answer["score"] is None else item_score(answer["score"])
    question = (Span(answer["prompt"]), Span(f" ({answer['question_id']})", muted=True))
    return (
        question,
        text(answer["value_label"] or "-"),
        text(item),
        text(f"{answer['weight']:g}"),
        text(why),
    )


def _formula(part: Mapping[str, Any], chosen: list[Answer]) -> str:
    counted = [a for a in chosen if a["status"] == "scored"]
    if not counted:
        return "No score: nothing that applies was answered."
    terms = " + ".join(f"{item_score(a['score'])}×{a['weight']:g}" for a in counted)
    total = sum(a["weight"] for a in counted)
    return f"({terms}) / {total:g} = {score_text(part['score'])}"


def item_score(score: float) -> str:
    """An item score (0..1 in the result) on the 0-100 scale of every summary and export."""
    return f"{round(score * 100, 1):g}"
