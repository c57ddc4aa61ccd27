"""The parts of a single summary that say what a result means and what the person said.

What the band means (the bank's band descriptions, carried by the result), a chart of the
recommendations, next steps for weak recommendations beyond the priorities, the person's
notes and own words, and a room's votes with its discussion notes. From the result JSON
alone; every string is plain text in the document.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from readiness.kinds import KIND_BY_TYPE
from readiness.report.document import (
    Bar,
    Block,
    Bullets,
    Count,
    Entry,
    Figure,
    Gauge,
    Note,
    Paragraph,
    Section,
    Span,
    text,
)
from readiness.report.option_labels import vote_labels
from readiness.report.wording import band_cell, band_tone, score_text

Result = Mapping[str, Any]
WEAK_TONES = frozenset({"level-0", "level-1"})
"""Band tones of a weak recommendation: the lowest band and the one above it."""
DONT_KNOW = "Don't know"


def band_meaning(result: Result) -> list[Block]:
    """What the overall band means (the bank's words), then every band and its range."""
    bands = result["bands"]
    found: list[Block] = []
    band = next((b for b in bands if b["id"] == result["overall"]["band"]), None)
    if band and band.get("description"):
        found.append(
            Paragraph(
                (Span(f"What {band['label']} means: ", strong=True), Span(band["description"]))
            )
        )
    ranges = ", ".join(f"{b['label']} {b['min']:g} to {b['max']:g}" for b in bands)
    found.append(Note(text(f"The bands, on scores from 0 to 100: {ranges}.")))
    return found


def recommendation_chart(result: Result) -> Figure:
    """The recommendations as bars (drawn where a format can; the table says it in words)."""
    bars = tuple(
        Bar(
            rec["title"],
            Gauge("score", rec["score"], tone=band_tone(result["bands"], rec.get("band"))),
            score_text(rec["score"]),
            band_cell(result, rec),
        )
        for rec in result["recommendations"].values()
    )
    return Figure(
        "bars",
        bars,
        label_title="Recommendation",
        title="Recommendation scores, 0 to 100",
        repeats=True,
    )


def strengthen(result: Result) -> Section | None:
    """Weak recommendations that are not among the priorities, each with its next steps."""
    ranked = {p["recommendation"] for p in result["priorities"]}
    weak = [
        (rid, rec)
        for rid, rec in result["recommendations"].items()
        if rid not in ranked and band_tone(result["bands"], rec.get("band")) in WEAK_TONES
    ]
    if not weak:
        return None
    entries: list[Block] = [
        Note(text("Weak recommendations beyond the priorities, and what would strengthen them."))
    ]
    for rid, rec in sorted(weak, key=lambda item: item[1]["score"] or 0):
        head = (
            Span(rec["title"], strong=True),
            Span(f" ({rid}): "),
            *band_cell(result, rec),
            Span(f", {score_text(rec['score'])}"),
        )
        steps = tuple(text(step) for step in rec.get("next_steps") or ())
        blocks: list[Block] = [Paragraph(text(rec["text"]))]
        blocks.append(Bullets(steps, "Next steps") if steps else Note(text("No next steps given.")))
        entries.append(Entry(head, tuple(blocks)))
    return Section("strengthen", "Also worth strengthening", tuple(entries))


def _free_text(answer: Mapping[str, Any]) -> bool:
    kind = KIND_BY_TYPE.get(answer.get("type") or "")
    given = answer["status"] not in ("dont_know", "skipped", "hidden") and answer["applicable"]
    return bool(kind and kind.free_text and given and answer["value"])


def own_words(result: Result) -> Section | None:
    """Each question the person wrote about: their typed reply, free-text answer and note."""
    entries: list[Block] = []
    for answer in result["answers"]:
        said: list[Block] = []
        if _free_text(answer):
            said.append(Paragraph((Span("Answer: ", strong=True), Span(str(answer["value"])))))
        elif answer.get("reply"):
            words = [Span("In their words: ", strong=True), Span(answer["reply"])]
            if answer.get("value_label"):  # beside the answer it was taken as
                words += [Span(" · taken as: ", muted=True), Span(answer["value_label"])]
            said.append(Paragraph(tuple(words)))
        if answer.get("note") and not answer.get("distribution"):
            said.append(Paragraph((Span("Note: ", strong=True), Span(answer["note"]))))
        if said:
            head = (
                Span(answer["prompt"], strong=True),
                Span(f" ({answer['question_id']})", muted=True),
            )
            entries.append(Entry(head, tuple(said)))
    if not entries:
        return None
    return Section("notes", "Notes and own words", tuple(entries))


def room_votes(result: Result) -> Section | None:
    """A room's votes on each question, in the order given, with the discussion notes."""
    entries: list[Block] = []
    for answer in result["answers"]:
        votes = answer.get("distribution")
        if not votes:
            continue
        labels = vote_labels(result, answer)
        counts = tuple(
            Count(DONT_KNOW if key == "dont_know" else labels.get(key, key), count)
            for key, count in votes.items()
        )
        total = sum(votes.values())
        words = " · ".join(f"{c.label}: {c.count}" for c in counts)
        blocks: list[Block] = [
            Figure(
                "counts",
                counts=counts,
                title=f"How many of the {total} people in the room chose each answer",
                repeats=True,
                words=text(f"Votes ({total} people): {words}"),
            ),
        ]
        if answer.get("note"):
            blocks.append(
                Paragraph((Span("Discussion notes: ", strong=True), Span(answer["note"])))
            )
        head = (
            Span(answer["prompt"], strong=True),
            Span(f" ({answer['question_id']})", muted=True),
        )
        entries.append(Entry(head, tuple(blocks)))
    if not entries:
        return None
    return Section("room_votes", "Room votes", tuple(entries))
