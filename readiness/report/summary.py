"""The summary of a result that people read: built once with Rich, exported to each format.

Everything comes from the result JSON alone (no bank), so a result can be reported anywhere,
later. Colour is never the only signal: band names are always printed, and bars are drawn
with two different characters. Markdown is written directly from the same data.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from readiness.model import ACTION_COLUMN_TITLES, ACTION_COLUMNS

Format = Literal["text", "html", "svg", "md"]
FORMATS: tuple[Format, ...] = ("text", "html", "svg", "md")
BAR_WIDTH = 20
BAND_STYLES = ("bold red", "bold dark_orange", "bold yellow", "bold green", "bold bright_green")
WHY = {
    "scored": "counted",
    "dont_know": "left out: don't know",
    "skipped": "left out: skipped",
    "hidden": "hidden by condition",
    "not_scored": "never scored",
    "no_score": "left out: no score",
}


def summary(result: dict[str, Any], *, explain: bool = False) -> Group:
    """The whole summary as one Rich renderable; ``explain`` adds how each score was made."""
    if _is_group(result):
        from readiness.report import group_summary as group_report

        return group_report.summary(result, explain=explain)
    parts: list[RenderableType | None] = [
        _header(result),
        _overall(result),
        _domains(result),
        _recommendations(result),
        _priorities(result),
        _blockers(result),
        _gaps(result),
        _action_plan(result),
        _warnings(result),
    ]
    if explain:
        parts.append(_explain(result))
    return Group(*(p for p in parts if p is not None))


def export(result: dict[str, Any], fmt: Format, *, width: int = 80, explain: bool = False) -> str:
    """The summary as text (no colour codes), HTML, SVG or Markdown."""
    if fmt == "md":
        return markdown(result, explain=explain)
    console = Console(
        record=True,
        width=width,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
    )
    console.print(summary(result, explain=explain))
    if fmt == "html":
        return console.export_html(inline_styles=True)
    if fmt == "svg":
        return console.export_svg(title=_title(result))
    text = console.export_text()
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def _is_group(result: dict[str, Any]) -> bool:
    """Whether this is a group result, summarised by :mod:`readiness.report.group_summary`."""
    from readiness.scoring.result import kind_of

    return kind_of(result) == "group"


def _title(result: dict[str, Any]) -> str:
    if _is_group(result):
        from readiness.report import group_summary as group_report

        return group_report.title(result)
    return f"Readiness summary: {result['bank']['title']}"


def section(title: str) -> Rule:
    return Rule(Text(title, style="bold"), style="dim")


def band_style(result: dict[str, Any], band_id: str | None) -> str:
    """A colour for a band by its position: the lowest red, the highest green."""
    ids = [b["id"] for b in result["bands"]]
    if band_id not in ids:
        return "dim"
    if len(ids) == 1:
        return BAND_STYLES[-1]
    step = (len(BAND_STYLES) - 1) / (len(ids) - 1)
    return BAND_STYLES[round(ids.index(band_id) * step)]


def score_text(score: float | None) -> str:
    return "-" if score is None else f"{score:.1f}"


def _coverage(part: dict[str, Any]) -> str:
    if part["coverage"] is None:
        return "nothing applies"
    return f"{part['coverage']:.0%} ({part['answered']} of {part['applicable']} answered)"


def _band_text(result: dict[str, Any], part: dict[str, Any]) -> Text:
    """The band label, with why it is capped and whether confidence is low."""
    if part.get("band") is None:
        return Text("not scored", style="dim")
    text = Text(
        part.get("band_label") or _label(result, part["band"]),
        style=band_style(result, part["band"]),
    )
    if part.get("capped_by"):
        would = _label(result, part["uncapped_band"])
        text.append(f" (capped; would be {would})", style="italic")
    if part.get("low_confidence"):
        text.append(" (low confidence)", style="italic")
    return text


def _label(result: dict[str, Any], band_id: str | None) -> str:
    return next((b["label"] for b in result["bands"] if b["id"] == band_id), str(band_id))


def _bar(result: dict[str, Any], part: dict[str, Any]) -> Text:
    if part["score"] is None:
        return Text("·" * BAR_WIDTH, style="dim")
    filled = round(part["score"] / 100 * BAR_WIDTH)
    style = band_style(result, part.get("band"))
    return Text.assemble(("█" * filled, style), ("░" * (BAR_WIDTH - filled), "dim"))


def _header(result: dict[str, Any]) -> Group:
    bank = result["bank"]
    who = result["respondent"]
    person = ", ".join(v for v in (who["name"], who["role"], who["organisation"]) if v)
    lines = [Text(_title(result), style="bold")]
    if person:
        lines.append(Text(f"Respondent: {person}"))
    completed = result["session"]["completed_at"].replace("T", " ").replace("Z", " UTC")
    lines.append(Text(f"Bank: {bank['id']} {bank['version']} · completed {completed}", style="dim"))
    return Group(*lines, Text())


def _overall(result: dict[str, Any]) -> Group:
    overall = result["overall"]
    score = "" if overall["score"] is None else f"  {overall['score']:.1f} / 100"
    line = Text.assemble(
        ("Overall readiness: ", "bold"),
        _band_text(result, overall),
        score,
        f"  · coverage {_coverage(overall)}",
    )
    return Group(line, Text())


def _domains(result: dict[str, Any]) -> Group:
    table = Table.grid(padding=(0, 1))
    table.add_column(max_width=22)
    table.add_column(width=BAR_WIDTH, no_wrap=True)
    table.add_column(justify="right", width=8, no_wrap=True)
    table.add_column(ratio=1)
    for part in result["domains"].values():
        table.add_row(
            Text(part["title"]),
            _bar(result, part),
            Text(score_text(part["score"])),
            _band_text(result, part),
        )
    return Group(section("Domains"), table, Text())


def _recommendations(result: dict[str, Any]) -> Group:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("ID", no_wrap=True)
    table.add_column("Recommendation", ratio=1)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Band")
    table.add_column("Answered", justify="right", no_wrap=True)
    for rec_id, rec in result["recommendations"].items():
        table.add_row(
            Text(rec_id),
            Text(rec["title"]),
            Text(score_text(rec["score"])),
            _band_text(result, rec),
            Text(f"{rec['answered']} of {rec['applicable']}"),
        )
    return Group(section("Recommendations"), table)


def _priorities(result: dict[str, Any]) -> Group | None:
    if not result["priorities"]:
        return None
    blocks = [_priority(result, p) for p in result["priorities"]]
    return Group(section("Priorities: start here"), *blocks)


def _priority(result: dict[str, Any], item: dict[str, Any]) -> Group:
    head = Text.assemble(
        (f"{item['rank']}. {item['title']}", "bold"),
        f" ({item['recommendation']}): ",
        (item["band_label"], band_style(result, item["band"])),
        f", {item['score']:.1f}",
    )
    body: list[RenderableType] = [
        Text(item["reason"], style="italic"),
        Text(item["text"]),
        Text(f"Source: {item['source']}", style="dim"),
    ]
    body += _listed("Evidence", [_evidence(a) for a in _evidencing(result, item["recommendation"])])
    body += _listed("Next steps", item["next_steps"])
    body += _listed("Your action plan", [_action_line(a) for a in item["actions"]])
    return Group(head, Padding(Group(*body), (0, 0, 1, 3)))


def _evidencing(result: dict[str, Any], rec_id: str) -> list[dict[str, Any]]:
    return [a for a in result["answers"] if rec_id in a["evidences"] and a["applicable"]]


def _evidence(answer: dict[str, Any]) -> str:
    if answer["status"] == "scored" and answer["score"] is not None:
        return f"{answer['prompt']} — {answer['value_label']} (item score {answer['score']:g})"
    why = WHY.get(answer["status"], answer["status"])
    return f"{answer['prompt']} — {answer['value_label'] or 'no answer'} ({why})"


def _action_line(action: dict[str, Any]) -> str:
    filled = [
        f"{column.capitalize()}: {action[column]}" for column in ACTION_COLUMNS if action[column]
    ]
    return f"{action['title']}. " + " ".join(_sentence(f) for f in filled)


def _sentence(text: str) -> str:
    return text if text.rstrip().endswith((".", "!", "?")) else f"{text}."


def _listed(title: str, lines: Iterable[str]) -> list[RenderableType]:
    lines = list(lines)
    if not lines:
        return []
    return [
        Text(f"{title}:", style="bold"),
        Padding(bullets(Text(line) for line in lines), (0, 0, 0, 2)),
    ]


def bullets(lines: Iterable[Text]) -> Table:
    """A list whose wrapped lines hang under their first word, not under the bullet."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(ratio=1)
    for line in lines:
        table.add_row(Text("•"), line)
    return table


def _blockers(result: dict[str, Any]) -> Group | None:
    if not result["blockers"]:
        return None
    lines = [_blocker(result, b) for b in result["blockers"]]
    return Group(section("Blockers"), bullets(lines), Text())


def _domain_title(result: dict[str, Any], domain_id: str) -> str:
    return result["domains"].get(domain_id, {}).get("title", domain_id)


def _blocker(result: dict[str, Any], blocker: dict[str, Any]) -> Text:
    domain = blocker["caps"]["domain"]
    target = "Overall" if domain is None else _domain_title(result, domain)
    effect = "" if blocker["effective"] else "; the band was already at or below this"
    return Text.assemble(
        (f"{target} capped at {blocker['band_label']}", "bold"), f"{effect}: {blocker['message']}"
    )


def _gaps(result: dict[str, Any]) -> Group | None:
    if not result["gaps"]:
        return None
    lines = [
        Text(f"{g['prompt']} ({_gap_place(result, g)}): {g['reason']}") for g in result["gaps"]
    ]
    intro = Text(
        "What you did not know or skipped: left out of the scores, and worth finding out.",
        style="italic",
    )
    return Group(section("Gaps"), intro, bullets(lines), Text())


def _gap_place(result: dict[str, Any], gap: dict[str, Any]) -> str:
    return f"{_domain_title(result, gap['domain'])}, {gap['question_id']}"


def _action_plan(result: dict[str, Any]) -> Group | None:
    if not result["actions"]:
        return None
    table = Table(box=box.SQUARE, show_lines=True, expand=True)
    table.add_column("For", ratio=2)
    for column in ACTION_COLUMNS:
        table.add_column(ACTION_COLUMN_TITLES[column], ratio=3)
    for action in result["actions"]:
        cells = [Text(action[c] or "") for c in ACTION_COLUMNS]
        table.add_row(Text(f"{action['title']} ({action['id']})"), *cells)
    return Group(section("Action plan"), table, Text())


def _warnings(result: dict[str, Any]) -> Group | None:
    if not result["warnings"]:
        return None
    return Group(section("Warnings"), bullets(Text(w) for w in result["warnings"]), Text())


def _explain(result: dict[str, Any]) -> Group:
    parts: list[RenderableType] = [section("How the scores were made"), _thresholds(result)]
    parts.append(Text(f"Overall: {_overall_formula(result)}", style="bold"))
    parts.append(Text())
    parts += [_explained(result, *group) for group in _explain_groups(result)]
    return Group(*parts)


def _explain_groups(
    result: dict[str, Any],
) -> list[tuple[str, dict[str, Any], list[dict[str, Any]]]]:
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


def _thresholds(result: dict[str, Any]) -> Group:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Band")
    table.add_column("From", justify="right")
    table.add_column("Up to", justify="right")
    for band in result["bands"]:
        table.add_row(
            Text(band["label"], style=band_style(result, band["id"])),
            Text(f"{band['min']:g}"),
            Text(f"{band['max']:g}"),
        )
    note = Text(
        "A score on a threshold takes the higher band; bands are chosen before rounding. "
        "Item scores run 0 to 1; each score is 100 × the weighted mean of its counted items.",
        style="italic",
    )
    return Group(table, note, Text())


def _overall_formula(result: dict[str, Any]) -> str:
    parts = [
        (d["score"], d["weight"]) for d in result["domains"].values() if d["score"] is not None
    ]
    if not parts:
        return "no score: no domain has a score"
    terms = " + ".join(f"{s:g}×{w:g}" for s, w in parts)
    total = sum(w for _, w in parts)
    overall = score_text(result["overall"]["score"])
    return f"({terms}) / {total:g} = {overall} (domains weighted by domain weight)"


def _explained(
    result: dict[str, Any], title: str, part: dict[str, Any], chosen: list[dict[str, Any]]
) -> Group:
    head = Text.assemble(
        (title, "bold"), f": {score_text(part['score'])} ", _band_text(result, part)
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("Question", ratio=3)
    table.add_column("Answer", ratio=2)
    table.add_column("Item", justify="right", no_wrap=True)
    table.add_column("Weight", justify="right", no_wrap=True)
    table.add_column("How it counts", ratio=3)
    for answer in chosen:
        table.add_row(*_explain_row(answer))
    return Group(head, table, Text(f"  {_formula(part, chosen)}", style="italic"), Text())


def _explain_row(answer: dict[str, Any]) -> list[Text]:
    why = WHY[answer["status"]]
    if answer["status"] == "scored" and answer["reverse"]:
        why = f"reversed: 1-{1 - answer['score']:.3g}"
    item = "" if answer["score"] is None else f"{answer['score']:.3g}"
    question = Text.assemble(answer["prompt"], (f" ({answer['question_id']})", "dim"))
    return [
        question,
        Text(answer["value_label"] or "-"),
        Text(item),
        Text(f"{answer['weight']:g}"),
        Text(why),
    ]


def _formula(part: dict[str, Any], chosen: list[dict[str, Any]]) -> str:
    counted = [a for a in chosen if a["status"] == "scored"]
    if not counted:
        return "No score: nothing that applies was answered."
    terms = " + ".join(f"{a['score']:.3g}×{a['weight']:g}" for a in counted)
    total = sum(a["weight"] for a in counted)
    return f"100 × ({terms}) / {total:g} = {score_text(part['score'])}"


def markdown(result: dict[str, Any], *, explain: bool = False) -> str:
    """The summary as Markdown, from the same data as the Rich summary."""
    if _is_group(result):
        from readiness.report import group_summary as group_report

        return group_report.markdown(result, explain=explain)
    return "\n".join(_markdown_lines(result, explain)).rstrip() + "\n"


def _markdown_lines(result: dict[str, Any], explain: bool) -> Iterator[str]:
    yield from _md_head(result)
    yield from _md_domains(result)
    yield from _md_recommendations(result)
    yield from _md_priorities(result)
    yield from md_list("Blockers", [_blocker(result, b).plain for b in result["blockers"]])
    gaps = [f"{g['prompt']} ({g['question_id']}): {g['reason']}" for g in result["gaps"]]
    yield from md_list("Gaps", gaps)
    yield from _md_action_plan(result)
    yield from md_list("Warnings", result["warnings"])
    if explain:
        yield from _md_explain(result)


def _md_head(result: dict[str, Any]) -> Iterator[str]:
    overall = result["overall"]
    score = "" if overall["score"] is None else f", {overall['score']:.1f} / 100"
    yield f"# {md_escape(_title(result))}"
    yield ""
    yield from (f"{line}  " for line in _header_lines(result))
    yield ""
    band = _plain_band(result, overall)
    yield f"**Overall readiness: {band}**{score}, coverage {_coverage(overall)}"


def _md_domains(result: dict[str, Any]) -> Iterator[str]:
    rows = [
        [
            d["title"],
            f"`{_bar(result, d).plain}` {score_text(d['score'])}",
            _plain_band(result, d),
            _coverage(d),
        ]
        for d in result["domains"].values()
    ]
    yield from md_table("Domains", ["Domain", "Score", "Band", "Coverage"], rows)


def _md_recommendations(result: dict[str, Any]) -> Iterator[str]:
    rows = [
        [
            rid,
            r["title"],
            score_text(r["score"]),
            _plain_band(result, r),
            f"{r['answered']} of {r['applicable']}",
        ]
        for rid, r in result["recommendations"].items()
    ]
    head = ["ID", "Recommendation", "Score", "Band", "Answered"]
    yield from md_table("Recommendations", head, rows)


def _md_action_plan(result: dict[str, Any]) -> Iterator[str]:
    head = ["For", *(ACTION_COLUMN_TITLES[c] for c in ACTION_COLUMNS)]
    rows = [
        [f"{a['title']} ({a['id']})", *(a[c] or "" for c in ACTION_COLUMNS)]
        for a in result["actions"]
    ]
    yield from md_table("Action plan", head, rows)


def _header_lines(result: dict[str, Any]) -> list[str]:
    lines = [r for r in _header(result).renderables[1:] if isinstance(r, Text) and r.plain]
    return [md_escape(line.plain) for line in lines]


def _plain_band(result: dict[str, Any], part: dict[str, Any]) -> str:
    return _band_text(result, part).plain


def md_escape(text: str) -> str:
    """Text safe inside Markdown (and a table cell): no markup, no line breaks, no pipes."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "<br>")


def md_table(title: str, head: list[str], rows: list[list[str]]) -> Iterator[str]:
    if not rows:
        return
    yield ""
    yield f"## {title}"
    yield ""
    yield "| " + " | ".join(head) + " |"
    yield "|" + "|".join("---" for _ in head) + "|"
    for row in rows:
        yield (
            "| "
            + " | ".join(cell if cell.startswith("`") else md_escape(cell) for cell in row)
            + " |"
        )


def md_list(title: str, lines: list[str]) -> Iterator[str]:
    if not lines:
        return
    yield ""
    yield f"## {title}"
    yield ""
    yield from (f"- {md_escape(line)}" for line in lines)


def _md_priorities(result: dict[str, Any]) -> Iterator[str]:
    if result["priorities"]:
        yield ""
        yield "## Priorities: start here"
    for item in result["priorities"]:
        yield from _md_priority(result, item)


def _md_priority(result: dict[str, Any], item: dict[str, Any]) -> Iterator[str]:
    yield ""
    yield f"### {item['rank']}. {md_escape(item['title'])} ({item['recommendation']})"
    yield ""
    yield f"{item['band_label']}, {item['score']:.1f}. *{md_escape(item['reason'])}*"
    yield ""
    yield f"{md_escape(item['text'])} Source: {md_escape(item['source'])}."
    evidence = [_evidence(a) for a in _evidencing(result, item["recommendation"])]
    yield from _md_bullets("Evidence", evidence)
    yield from _md_bullets("Next steps", item["next_steps"])
    yield from _md_bullets("Your action plan", [_action_line(a) for a in item["actions"]])


def _md_bullets(title: str, lines: list[str]) -> Iterator[str]:
    if lines:
        yield ""
        yield f"**{title}:**"
        yield ""
        yield from (f"- {md_escape(line)}" for line in lines)


def _md_explain(result: dict[str, Any]) -> Iterator[str]:
    yield from md_table(
        "How the scores were made",
        ["Band", "From", "Up to"],
        [[b["label"], f"{b['min']:g}", f"{b['max']:g}"] for b in result["bands"]],
    )
    yield ""
    yield f"Overall: {md_escape(_overall_formula(result))}"
    for title, part, chosen in _explain_groups(result):
        yield from md_table(
            f"{title}: {score_text(part['score'])} {_plain_band(result, part)}",
            ["Question", "Answer", "Item", "Weight", "How it counts"],
            [[t.plain for t in _explain_row(a)] for a in chosen],
        )
        yield ""
        yield md_escape(_formula(part, chosen))
