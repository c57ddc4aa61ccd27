"""The summary of a group result: where people agree, where they do not, and what to discuss.

Built with Rich from the group JSON alone, like the single summary in
:mod:`readiness.report.summary` (whose helpers it shares), and exported by it to text, HTML,
SVG and Markdown. Colour is never the only signal: agreement levels are written out, and the
spread bar uses three characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from readiness.report.summary import (
    BAR_WIDTH,
    band_style,
    bullets,
    md_escape,
    md_list,
    md_table,
    score_text,
    section,
)

AGREEMENT_STYLES = {"high": "bold green", "moderate": "bold yellow", "low": "bold red"}
ROLE_COLUMNS = 4
"""At most this many role columns fit 80 columns beside the titles; more roles get a list."""


def title(group: dict[str, Any]) -> str:
    return f"Group summary: {' + '.join(b['title'] for b in _banks(group))}"


def _banks(group: dict[str, Any]) -> list[dict[str, Any]]:
    bank = group["bank"]
    return bank if isinstance(bank, list) else [bank]


def summary(group: dict[str, Any], *, explain: bool = False) -> Group:
    """The whole group summary as one Rich renderable; ``explain`` adds the rules and every
    question."""
    parts: list[RenderableType | None] = [
        _header(group),
        _overall(group),
        _respondents(group),
        _agreement(group),
        _by_role(group),
        _them_and_us(group),
        _agenda(group),
        _blockers(group),
        _warnings(group),
    ]
    if explain:
        parts.append(_explain(group))
    return Group(*(p for p in parts if p is not None))


# --- words and marks shared by the text and Markdown -------------------------------------------


def _people(group: dict[str, Any]) -> str:
    found = group["respondents"]
    count = found["count"]
    text = f"{count} respondent{'s' if count != 1 else ''}"
    rooms = [m for m in group["members"] if m["room"]]
    if rooms:
        heads = sum(m["people"] for m in rooms)
        text += f", including {len(rooms)} room vote{'s' if len(rooms) != 1 else ''} "
        text += f"({heads} people; {found['people']} people in all)"
    return text


def _bank_line(group: dict[str, Any]) -> str:
    return "Bank: " + ", ".join(f"{b['id']} {b['version']}" for b in _banks(group))


def _spread(part: dict[str, Any]) -> str:
    if part["min"] is None or part["max"] is None:
        return "-"
    return f"{part['min']:.1f}-{part['max']:.1f}"


def _band_text(group: dict[str, Any], part: dict[str, Any]) -> Text:
    """The band in words, with why it is capped; any field may be null in a group file."""
    if part.get("band") is None:
        return Text("not scored", style="dim")
    text = Text(part.get("band_label") or part["band"], style=band_style(group, part["band"]))
    if part.get("capped_by"):
        would = next(
            (b["label"] for b in group["bands"] if b["id"] == part["uncapped_band"]),
            part["uncapped_band"] or "-",
        )
        text.append(f" (capped by blockers; would be {would})", style="italic")
    return text


def _agreement_words(part: dict[str, Any]) -> str:
    if part["agreement"] is None:
        return "no answers"
    words = f"{part['agreement']} agreement"
    if part["n"] == 1:
        words += " (one answer)"
    return words + (", divergent" if part["divergent"] else "")


def _agreement_text(part: dict[str, Any], *, short: bool = False) -> Text:
    """The agreement level in words (coloured too); ``short`` for a table cell."""
    style = AGREEMENT_STYLES.get(part["agreement"] or "", "dim")
    if not short:
        return Text(_agreement_words(part), style=style)
    words = part["agreement"] or "none"
    return Text(words + (", divergent" if part["divergent"] else ""), style=style)


def _spread_bar(part: dict[str, Any]) -> Text:
    """The range of scores as ``━`` on ``·``, the mean as ``●``: spread without colour."""
    if None in (part["min"], part["max"], part["mean"]):
        return Text("·" * BAR_WIDTH, style="dim")
    low, high, mean = (_cell(part[k]) for k in ("min", "max", "mean"))
    style = AGREEMENT_STYLES.get(part["agreement"] or "", "dim")
    text = Text()
    for i in range(BAR_WIDTH):
        inside = low <= i <= high
        text.append("●" if i == mean else "━" if inside else "·", style=style if inside else "dim")
    return text


def _cell(score: float) -> int:
    """The bar cell of a 0-100 score (100 in the last cell)."""
    return min(BAR_WIDTH - 1, int(score / 100 * BAR_WIDTH))


def _answers(question: dict[str, Any]) -> str:
    """How people answered, most chosen first: ``Label: 3 · Other: 1 · Don't know: 1``."""
    labels = question["labels"]
    counted = sorted(question["distribution"].items(), key=lambda kv: (-kv[1], kv[0]))
    parts = [f"{labels.get(k, k)}: {c}" for k, c in counted if c]
    for key, words in (("dont_know", "Don't know"), ("skipped", "Skipped")):
        if question[key]:
            parts.append(f"{words}: {question[key]}")
    return " · ".join(parts) or "no answers"


def _roles_line(part: dict[str, Any]) -> str:
    return " · ".join(f"{r} {s['mean']:.1f} (n={s['n']})" for r, s in part["by_role"].items())


def _questions(group: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q["question_id"]: q for q in group["questions"]}


def _gap_line(gap: dict[str, Any]) -> str:
    high, low = gap["high"], gap["low"]
    scope = "domain" if gap["scope"] == "domain" else f"recommendation {gap['id']}"
    return (
        f"{gap['title']} ({scope}): {high['role']} {high['mean']:.1f}, {low['role']} "
        f"{low['mean']:.1f}: {gap['gap']:.1f} points apart."
    )


def _blocker_line(group: dict[str, Any], blocker: dict[str, Any]) -> str:
    domain = blocker["caps"]["domain"]
    target = "Overall" if domain is None else group["domains"].get(domain, {}).get("title", domain)
    effect = "caps the group" if blocker["caps_group"] else "not most of the group"
    return (
        f"{target} capped at {blocker['band_label']} for {blocker['count']} of {blocker['of']} "
        f"({effect}): {blocker['message']}"
    )


THEM_AND_US_INTRO = (
    "Where roles see things differently, the gap is itself a finding: people who were not "
    "engaged early can come to feel 'them and us'. Talk about the gap before the scores."
)
AGENDA_INTRO = (
    "The questions where answers were furthest apart, largest spread first: the agenda for "
    "discussion."
)


# --- the Rich summary ------------------------------------------------------------------------


def _header(group: dict[str, Any]) -> Group:
    lines = [
        Text(title(group), style="bold"),
        Text(f"{_bank_line(group)} · {_people(group)}", style="dim"),
        Text(),
    ]
    return Group(*lines)


def _overall(group: dict[str, Any]) -> Group:
    overall = group["overall"]
    score = "" if overall["mean"] is None else f"  {overall['mean']:.1f} / 100"
    line = Text.assemble(
        ("Overall readiness: ", "bold"),
        _band_text(group, overall),
        score,
        f" · mean of {overall['n']}, range {_spread(overall)}, ",
        _agreement_text(overall),
    )
    return Group(line, Text())


def _respondents(group: dict[str, Any]) -> Group:
    table = Table.grid(padding=(0, 2))
    table.add_column()
    table.add_column(justify="right")
    for role, count in group["respondents"]["by_role"].items():
        table.add_row(Text(role), Text(str(count)))
    return Group(section("Respondents by role"), Padding(table, (0, 0, 0, 2)), Text())


def _agreement(group: dict[str, Any]) -> Group:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, expand=True)
    table.add_column("Domain", ratio=1, min_width=13)
    table.add_column("Spread 0-100", width=BAR_WIDTH, no_wrap=True)
    table.add_column("Mean", justify="right", no_wrap=True)
    table.add_column("Range", justify="right", no_wrap=True)
    table.add_column("SD", justify="right", no_wrap=True)
    table.add_column("Agreement", ratio=1)
    for part in group["domains"].values():
        table.add_row(
            Text(part["title"]),
            _spread_bar(part),
            Text(score_text(part["mean"])),
            Text(_spread(part)),
            Text(score_text(part["sd"])),
            _agreement_text(part, short=True),
        )
    key = Text("━ the range of scores, ● the mean; sd is the standard deviation.", style="italic")
    return Group(section("Agreement by domain"), table, key, Text())


def _by_role(group: dict[str, Any]) -> Group:
    roles = list(group["respondents"]["by_role"])
    if len(roles) > ROLE_COLUMNS:
        return _by_role_lists(group)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("Domain or recommendation", ratio=1)
    table.add_column("All", justify="right", no_wrap=True)
    for role in roles:
        table.add_column(role, justify="right", max_width=14)
    for label, part in _parts(group):
        cells = [_role_mean(part, role) for role in roles]
        table.add_row(Text(label), Text(score_text(part["mean"])), *cells)
    note = Text("Means of each role's scores; - where a role gave none.", style="italic")
    return Group(section("Scores by role"), table, note, Text())


def _parts(group: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield from ((d["title"], d) for d in group["domains"].values())
    yield from ((f"{rid} {r['title']}", r) for rid, r in group["recommendations"].items())


def _role_mean(part: dict[str, Any], role: str) -> Text:
    found = part["by_role"].get(role)
    return Text("-" if found is None else f"{found['mean']:.1f}")


def _by_role_lists(group: dict[str, Any]) -> Group:
    lines = [Text(f"{label}: {_roles_line(part) or '-'}") for label, part in _parts(group)]
    return Group(section("Scores by role"), bullets(lines), Text())


def _them_and_us(group: dict[str, Any]) -> Group | None:
    gaps = group["role_gaps"]
    if not gaps:
        return None
    lines = [Text(_gap_line(g)) for g in gaps]
    sources = dict.fromkeys(g["source"] for g in gaps)
    return Group(
        section("Them and us: gaps between roles"),
        Text(THEM_AND_US_INTRO, style="italic"),
        bullets(lines),
        *(Text(f"Source: {s}", style="dim") for s in sources),
        Text(),
    )


def _agenda(group: dict[str, Any]) -> Group | None:
    if not group["agenda"]:
        return None
    questions = _questions(group)
    blocks = [
        _agenda_item(item, questions[item["question_id"]])
        for item in group["agenda"]
        if item["question_id"] in questions
    ]
    return Group(section("For discussion"), Text(AGENDA_INTRO, style="italic"), Text(), *blocks)


def _agenda_item(item: dict[str, Any], question: dict[str, Any]) -> Group:
    head = Text.assemble(
        (f"{item['rank']}. {question['prompt']}", "bold"), (f" ({question['question_id']})", "dim")
    )
    body: list[RenderableType] = [
        Text.assemble(
            f"sd {score_text(question['sd'])} · range {_spread(question)} · ",
            _agreement_text(question),
        ),
        Text(f"Answers: {_answers(question)}"),
    ]
    if len(question["by_role"]) > 1:
        body.append(Text(f"By role: {_roles_line(question)}"))
    if question.get("discussion"):
        body.append(Text(f"Ask: {question['discussion']}", style="italic"))
    return Group(head, Padding(Group(*body), (0, 0, 1, 3)))


def _blockers(group: dict[str, Any]) -> Group | None:
    if not group["blockers"]:
        return None
    lines = [Text(_blocker_line(group, b)) for b in group["blockers"]]
    return Group(section("Blockers"), bullets(lines), Text())


def _warnings(group: dict[str, Any]) -> Group | None:
    if not group["warnings"]:
        return None
    return Group(section("Warnings"), bullets(Text(w) for w in group["warnings"]), Text())


def _explain(group: dict[str, Any]) -> Group:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    for name, justify in (
        ("Question", "left"),
        ("n", "right"),
        ("Mean", "right"),
        ("SD", "right"),
        ("Agreement", "left"),
        ("DK", "right"),
        ("Skip", "right"),
    ):
        table.add_column(name, justify=justify, ratio=3 if name == "Question" else None)  # type: ignore[arg-type]
    for question in group["questions"]:
        table.add_row(*(Text(cell) for cell in _question_row(question)))
    return Group(
        section("How the group was summarised"),
        Text(rules_text(group), style="italic"),
        Text(),
        table,
        Text("DK: answered don't know. Skip: skipped.", style="italic"),
    )


def _question_row(question: dict[str, Any]) -> list[str]:
    return [
        f"{question['prompt']} ({question['question_id']})",
        str(question["n"]),
        score_text(question["mean"]),
        score_text(question["sd"]),
        _agreement_text(question, short=True).plain,
        str(question["dont_know"]),
        str(question["skipped"]),
    ]


def rules_text(group: dict[str, Any]) -> str:
    """The rules as a paragraph, from the values the group carries."""
    rules = group["rules"]
    return (
        "Scores run 0-100 (question item scores × 100). The group's score is the mean of the "
        "respondents' overall scores; sd is the population standard deviation. Agreement is "
        f"high when sd < {rules['agreement_high_below']:g}, moderate when sd < "
        f"{rules['agreement_moderate_below']:g}, else low; divergent when sd >= "
        f"{rules['divergent_sd']:g} or the range >= {rules['divergent_range']:g}. Roles more "
        f"than {rules['role_gap']:g} points apart are a 'them and us' risk. A blocker caps the "
        f"group's band when it holds for more than {rules['blocker_share']:.0%} of the results. "
        "A room vote counts each head in the question statistics, and once elsewhere."
    )


# --- Markdown ----------------------------------------------------------------------------------


def markdown(group: dict[str, Any], *, explain: bool = False) -> str:
    """The group summary as Markdown, from the same data and words as the Rich summary."""
    return "\n".join(_markdown_lines(group, explain)).rstrip() + "\n"


def _markdown_lines(group: dict[str, Any], explain: bool) -> Iterator[str]:
    overall = group["overall"]
    yield f"# {md_escape(title(group))}"
    yield ""
    yield f"{md_escape(_bank_line(group))} · {md_escape(_people(group))}"
    yield ""
    score = "" if overall["mean"] is None else f", {overall['mean']:.1f} / 100"
    yield (
        f"**Overall readiness: {_band_text(group, overall).plain}**{score}, mean of "
        f"{overall['n']}, range {_spread(overall)}, {_agreement_words(overall)}"
    )
    yield from md_table(
        "Respondents by role",
        ["Role", "Respondents"],
        [[r, str(c)] for r, c in group["respondents"]["by_role"].items()],
    )
    yield from _md_agreement(group)
    yield from _md_by_role(group)
    yield from _md_them_and_us(group)
    yield from _md_agenda(group)
    yield from md_list("Blockers", [_blocker_line(group, b) for b in group["blockers"]])
    yield from md_list("Warnings", group["warnings"])
    if explain:
        yield from _md_explain(group)


def _md_agreement(group: dict[str, Any]) -> Iterator[str]:
    rows = [
        [
            d["title"],
            f"`{_spread_bar(d).plain}`",
            score_text(d["mean"]),
            _spread(d),
            score_text(d["sd"]),
            _agreement_text(d, short=True).plain,
        ]
        for d in group["domains"].values()
    ]
    head = ["Domain", "Spread 0-100", "Mean", "Range", "SD", "Agreement"]
    yield from md_table("Agreement by domain", head, rows)


def _md_by_role(group: dict[str, Any]) -> Iterator[str]:
    roles = list(group["respondents"]["by_role"])
    rows = [
        [label, score_text(part["mean"]), *(_role_mean(part, r).plain for r in roles)]
        for label, part in _parts(group)
    ]
    yield from md_table("Scores by role", ["Domain or recommendation", "All", *roles], rows)


def _md_them_and_us(group: dict[str, Any]) -> Iterator[str]:
    gaps = group["role_gaps"]
    if not gaps:
        return
    yield from md_list("Them and us: gaps between roles", [_gap_line(g) for g in gaps])
    yield ""
    yield f"*{md_escape(THEM_AND_US_INTRO)}*"
    for source in dict.fromkeys(g["source"] for g in gaps):
        yield ""
        yield f"Source: {md_escape(source)}"


def _md_agenda(group: dict[str, Any]) -> Iterator[str]:
    if not group["agenda"]:
        return
    questions = _questions(group)
    yield ""
    yield "## For discussion"
    yield ""
    yield f"*{md_escape(AGENDA_INTRO)}*"
    for item in (i for i in group["agenda"] if i["question_id"] in questions):
        question = questions[item["question_id"]]
        yield ""
        prompt, qid = md_escape(question["prompt"]), md_escape(question["question_id"])
        yield f"### {item['rank']}. {prompt} ({qid})"
        yield ""
        yield (
            f"sd {score_text(question['sd'])}, range {_spread(question)}, "
            f"{_agreement_words(question)}."
        )
        yield ""
        yield f"- Answers: {md_escape(_answers(question))}"
        if len(question["by_role"]) > 1:
            yield f"- By role: {md_escape(_roles_line(question))}"
        if question.get("discussion"):
            yield f"- Ask: {md_escape(question['discussion'])}"


def _md_explain(group: dict[str, Any]) -> Iterator[str]:
    yield ""
    yield "## How the group was summarised"
    yield ""
    yield md_escape(rules_text(group))
    head = ["Question", "n", "Mean", "SD", "Agreement", "Don't know", "Skipped"]
    rows = [_question_row(q) for q in group["questions"]]
    yield from md_table("Every question", head, rows)
