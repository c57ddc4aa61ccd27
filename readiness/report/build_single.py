"""One respondent's result as a summary :class:`~readiness.report.document.Document`.

Everything comes from the result JSON alone (no bank), so a result can be reported anywhere,
later. Colour is never the only signal: band names are always written, and bars are drawn
with two characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from readiness.report import build_extra
from readiness.report.build_explain import STATUS_WORDS, explain_sections, item_score
from readiness.report.document import (
    Bar,
    Block,
    Bullets,
    Cell,
    Column,
    Document,
    Entry,
    Figure,
    Gauge,
    Note,
    Paragraph,
    Section,
    Span,
    Table,
    text,
)
from readiness.report.wording import band_cell, band_tone, counts, score_text

Result = Mapping[str, Any]
ACTION_COLUMNS = (
    ("now", "What happens now"),
    ("needs", "What needs to happen"),
    ("progress", "How will you progress this"),
)
"""The Audit of Service's three columns of the action plan, as headings."""
KIND_WORDS = {"audit_condition": "Audit of Service condition", "recommendation": "Recommendation"}
GIVEN_DIRECTLY = "your own entry"
"""Where an action-plan row came from when no question prompted it (an answers file)."""


def title(result: Result) -> str:
    return f"Readiness summary: {result['bank']['title']}"


def build(result: Result, *, explain: bool = False) -> Document:
    """The summary document of a result; ``explain`` adds how each score was made."""
    sections = [
        _overall(result),
        _domains(result),
        _recommendations(result),
        _priorities(result),
        build_extra.strengthen(result),
        _blockers(result),
        _gaps(result),
        _action_plan(result),
        build_extra.own_words(result),
        build_extra.room_votes(result),
        _listed("warnings", "Warnings", [text(w) for w in result["warnings"]]),
    ]
    if explain:
        sections += explain_sections(result)
    return Document(title(result), _subtitle(result), tuple(s for s in sections if s))


def _subtitle(result: Result) -> tuple[Cell, ...]:
    who = result["respondent"]
    person = ", ".join(v for v in (who["name"], who["role"], who["organisation"]) if v)
    completed = result["session"]["completed_at"].replace("T", " ").replace("Z", " UTC")
    bank = result["bank"]
    lines = [text(f"Respondent: {person}")] if person else []
    lines.append(text(f"Bank: {bank['id']} {bank['version']} · completed {completed}", muted=True))
    return tuple(lines)


def tally(result: Result, chosen: Iterable[Mapping[str, Any]]) -> tuple[int, int]:
    """How many of ``chosen`` answers (the applicable ones) are don't know, and skipped."""
    statuses = [a["status"] for a in chosen if a["applicable"]]
    return statuses.count("dont_know"), statuses.count("skipped")


def _counts(result: Result, part: Mapping[str, Any], chosen: Iterable[Mapping[str, Any]]) -> str:
    """The part's counts in the shared words; its own don't-know and skipped counts when the
    result carries them, else counted from its answers."""
    dont_know, skipped = tally(result, chosen)
    dont_know = part.get("dont_know", dont_know)
    skipped = part.get("skipped", skipped)
    return counts(part["answered"], part["applicable"], dont_know, skipped)


def coverage(result: Result, part: Mapping[str, Any], chosen: Iterable[Mapping[str, Any]]) -> str:
    if part["coverage"] is None:
        return "nothing applies"
    return f"{part['coverage']:.0%} ({_counts(result, part, chosen)})"


def _overall(result: Result) -> Section:
    overall = result["overall"]
    score = "" if overall["score"] is None else f"  {overall['score']:.1f} / 100"
    line = (
        Span("Overall readiness: ", strong=True),
        *band_cell(result, overall),
        Span(score),
        Span(f"  · coverage {coverage(result, overall, result['answers'])}"),
    )
    return Section("overall", "", (Paragraph(line), *build_extra.band_meaning(result)))


def bar(result: Result, part: Mapping[str, Any]) -> Gauge:
    return Gauge("score", part["score"], tone=band_tone(result["bands"], part.get("band")))


def _domains(result: Result) -> Section:
    bars = tuple(
        Bar(part["title"], bar(result, part), score_text(part["score"]), band_cell(result, part))
        for part in result["domains"].values()
    )
    return Section(
        "domains",
        "Domains",
        (Figure("bars", bars, label_title="Domain", title="Domain scores, 0 to 100"),),
    )


def _recommendations(result: Result) -> Section:
    columns = (
        Column("Recommendation", grow=1),
        Column("ID", nowrap=True),
        Column("Score", align="right", nowrap=True),
        Column("Band"),
        Column("Answered", max_width=16),
    )
    rows = tuple(
        (
            text(rec["title"]),
            text(rid, muted=True),
            text(score_text(rec["score"])),
            band_cell(result, rec),
            text(_rec_counts(result, rid, rec)),
        )
        for rid, rec in result["recommendations"].items()
    )
    chart = build_extra.recommendation_chart(result)
    return Section("recommendations", "Recommendations", (chart, Table(columns, rows)))


def _rec_counts(result: Result, rid: str, rec: Mapping[str, Any]) -> str:
    """``2 of 4``, then any don't know and skipped (the column says "Answered")."""
    return _counts(result, rec, evidencing(result, rid)).replace(" answered", "", 1)


def evidencing(result: Result, rec_id: str) -> list[Mapping[str, Any]]:
    """The applicable answers that evidence a recommendation."""
    return [a for a in result["answers"] if rec_id in a["evidences"] and a["applicable"]]


def _priorities(result: Result) -> Section | None:
    if not result["priorities"]:
        return None
    entries = tuple(_priority(result, p) for p in result["priorities"])
    return Section("priorities", "Priorities: start here", entries)


def _priority(result: Result, item: Mapping[str, Any]) -> Entry:
    head = (
        Span(f"{item['rank']}. {item['title']}", strong=True),
        Span(f" ({item['recommendation']}): "),
        Span(item["band_label"], tone=band_tone(result["bands"], item["band"])),
        Span(f", {item['score']:.1f}"),
    )
    blocks: list[Block] = [Note(text(item["reason"]))]
    why = item.get("why")
    if why and why.casefold() not in item["reason"].casefold():
        blocks.append(Paragraph((Span("Why here: ", strong=True), Span(why))))
    blocks += [
        Paragraph(text(item["text"])),
        Paragraph(text(f"Source: {item['source']}", muted=True)),
    ]
    evidence = [_evidence(a) for a in evidencing(result, item["recommendation"])]
    blocks += _titled("Evidence", evidence)
    blocks += _titled("Next steps", [text(step) for step in item["next_steps"]])
    plan = [_plan_line(result, rows) for rows in group_actions(item["actions"]).values()]
    blocks += _titled("Your action plan", plan)
    return Entry(head, tuple(blocks))


def _titled(title: str, items: list[Cell]) -> list[Block]:
    return [Bullets(tuple(items), title)] if items else []


def _evidence(answer: Mapping[str, Any]) -> Cell:
    """The answer beside its question and, where the person typed it, their own words."""
    if answer["status"] == "scored" and answer["score"] is not None:
        found = text(
            f"{answer['prompt']} — {answer['value_label']} "
            f"(item score {item_score(answer['score'])} of 100)"
        )
    else:
        why = STATUS_WORDS.get(answer["status"], answer["status"])
        found = text(f"{answer['prompt']} — {answer['value_label'] or 'no answer'} ({why})")
    words = answer.get("reply")
    return (
        (*found, Span(f". In your words: \u201c{words}\u201d", emphasis=True)) if words else found
    )


def group_actions(
    actions: Iterable[Mapping[str, Any]],
) -> dict[str, list[Mapping[str, Any]]]:
    """Action-plan rows grouped by the condition or recommendation they serve, in order."""
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for action in actions:
        grouped.setdefault(action["id"], []).append(action)
    return grouped


def _prompts(result: Result) -> dict[str, str]:
    return {a["question_id"]: a["prompt"] for a in result["answers"]}


def source_of(result: Result, action: Mapping[str, Any]) -> str:
    """Which question prompted an action-plan row: its prompt and id, or ``given directly``."""
    qid = action.get("question")
    if not qid:
        return GIVEN_DIRECTLY
    return f"{_prompts(result).get(qid, qid)} ({qid})"


def _plan_line(result: Result, rows: list[Mapping[str, Any]]) -> Cell:
    """A condition's rows as one line: its title, then each row's source and columns."""
    parts = [f"{rows[0]['title']}."]
    for row in rows:
        filled = [_sentence(f"{name}: {row[key]}") for key, name in _SHORT if row.get(key)]
        source = f"From {source_of(result, row)}: " if row.get("question") else ""
        parts.append(source + " ".join(filled))
    return text(" ".join(parts))


_SHORT = (("now", "Now"), ("needs", "Needs"), ("progress", "Progress"))


def _sentence(words: str) -> str:
    return words if words.rstrip().endswith((".", "!", "?")) else f"{words}."


def _listed(sid: str, title: str, items: Sequence[Cell], intro: str = "") -> Section | None:
    if not items:
        return None
    blocks: list[Block] = [Note(text(intro))] if intro else []
    blocks.append(Bullets(tuple(items)))
    return Section(sid, title, tuple(blocks))


def _blockers(result: Result) -> Section | None:
    return _listed("blockers", "Blockers", [_blocker(result, b) for b in result["blockers"]])


def domain_title(result: Result, domain_id: str) -> str:
    return result["domains"].get(domain_id, {}).get("title", domain_id)


def _blocker(result: Result, blocker: Mapping[str, Any]) -> Cell:
    domain = blocker["caps"]["domain"]
    target = "Overall" if domain is None else domain_title(result, domain)
    effect = "" if blocker["effective"] else "; the band was already at or below this"
    return (
        Span(f"{target} capped at {blocker['band_label']}", strong=True),
        Span(f"{effect}: {blocker['message']}"),
    )


def _gaps(result: Result) -> Section | None:
    lines = [
        text(f"{g['prompt']} ({_gap_place(result, g)}): {g['reason']}") for g in result["gaps"]
    ]
    intro = "What you did not know or skipped: left out of the scores, and worth finding out."
    return _listed("gaps", "Gaps", lines, intro)


def _gap_place(result: Result, gap: Mapping[str, Any]) -> str:
    return f"{domain_title(result, gap['domain'])}, {gap['question_id']}"


def _action_plan(result: Result) -> Section | None:
    grouped = group_actions(result["actions"])
    if not grouped:
        return None
    entries = tuple(_action_entry(result, rows) for rows in grouped.values())
    return Section("actions", "Action plan", entries)


def _action_entry(result: Result, rows: list[Mapping[str, Any]]) -> Entry:
    first = rows[0]
    head = (
        Span(first["title"], strong=True),
        Span(f" ({first['id']})"),
        Span(f" · {KIND_WORDS.get(first['kind'], first['kind'])}", muted=True),
    )
    columns = (
        Column("Prompted by", grow=2),
        *(Column(name, grow=3) for _, name in ACTION_COLUMNS),
    )
    cells = tuple(
        (text(source_of(result, row)), *(text(row.get(key) or "") for key, _ in ACTION_COLUMNS))
        for row in rows
    )
    return Entry(head, (Table(columns, cells, boxed=True),))
