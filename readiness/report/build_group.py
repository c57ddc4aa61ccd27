"""A group result as a summary :class:`~readiness.report.document.Document`.

Where people agree, where they do not, gaps between roles, and what to discuss; from the group
JSON alone. A group file is read back from disk, so any field the schema allows to be null may
be null here. A role too small to show (see the group's ``rules.min_group``) is named with
"fewer than N people: not shown" and never with a figure.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from readiness.report.build_group_charts import answers_section, answers_words, roles_chart
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
from readiness.report.option_labels import with_option_words
from readiness.report.wording import band_cell, not_shown, plural, score_text

Group = Mapping[str, Any]
Part = Mapping[str, Any]
ROLE_COLUMNS = 4
"""At most this many role columns fit 80 columns beside the titles; more roles get a list."""
THEM_AND_US_INTRO = (
    "Where roles see things differently, the gap is itself a finding: people who were not "
    "engaged early can come to feel 'them and us'. Talk about the gap before the scores."
)
AGENDA_INTRO = (
    "The questions where answers were furthest apart, largest spread first: the agenda for "
    "discussion."
)

QUESTION_KEY = "DK: answered don't know. Skip: skipped."


def banks(group: Group) -> list[Mapping[str, Any]]:
    bank = group["bank"]
    return bank if isinstance(bank, list) else [bank]


def title(group: Group) -> str:
    return f"Group summary: {' + '.join(b['title'] for b in banks(group))}"


def build(group: Group, *, explain: bool = False) -> Document:
    """The summary document of a group; ``explain`` adds the rules and every question."""
    group = with_option_words(group)  # a room's votes name options by id: find their words
    sections = [
        _overall(group),
        _respondents(group),
        _agreement(group),
        _by_role(group),
        _them_and_us(group),
        _agenda(group),
        answers_section(group),
        _listed("blockers", "Blockers", [text(_blocker(group, b)) for b in group["blockers"]]),
        _listed("warnings", "Warnings", [text(w) for w in group["warnings"]]),
    ]
    if explain:
        sections.append(_explain(group))
    bank_line = "Bank: " + ", ".join(f"{b['id']} {b['version']}" for b in banks(group))
    subtitle = (text(f"{bank_line} · {_people(group)}", muted=True),)
    return Document(title(group), subtitle, tuple(s for s in sections if s))


def _people(group: Group) -> str:
    found = group["respondents"]
    words = plural(found["count"], "respondent")
    rooms = [m for m in group["members"] if m["room"]]
    if rooms:
        heads = sum(m["people"] for m in rooms)
        words += f", including {plural(len(rooms), 'room vote')} "
        words += f"({heads} people; {found['people']} people in all)"
    return words


def _spread(part: Part) -> str:
    if part.get("min") is None or part.get("max") is None:
        return "-"
    return f"{part['min']:.1f}-{part['max']:.1f}"


def agreement_words(part: Part, *, short: bool = False) -> str:
    """The agreement level in words; ``short`` for a table cell."""
    if short:
        words = part.get("agreement") or "none"
        return words + (", divergent" if part.get("divergent") else "")
    if part.get("agreement") is None:
        return "no answers"
    words = f"{part['agreement']} agreement"
    if part.get("n") == 1:
        words += " (one answer)"
    return words + (", divergent" if part.get("divergent") else "")


def _agreement_cell(part: Part, *, short: bool = False) -> Cell:
    tone = f"agree-{part['agreement']}" if part.get("agreement") else ""
    return text(agreement_words(part, short=short), tone=tone, muted=not tone)


def _overall(group: Group) -> Section:
    overall = group["overall"]
    score = "" if overall.get("mean") is None else f"  {overall['mean']:.1f} / 100"
    line = (
        Span("Overall readiness: ", strong=True),
        *band_cell(group, overall, "capped by blockers"),
        Span(f"{score} · mean of {overall.get('n') or 0}, range {_spread(overall)}, "),
        *_agreement_cell(overall),
    )
    return Section("overall", "", (Paragraph(line),))


def _suppressed(part: Part) -> list[str]:
    return list(part.get("suppressed_roles") or [])


def _respondents(group: Group) -> Section:
    found = group["respondents"]
    rows = [(text(role), text(str(count))) for role, count in found["by_role"].items()]
    rows += [(text(role), text(not_shown(group.get("rules")))) for role in _suppressed(found)]
    columns = (Column("Role"), Column("Respondents", align="right"))
    return Section("respondents", "Respondents by role", (Table(columns, tuple(rows)),))


def _agreement(group: Group) -> Section:
    columns = (
        Column("Domain", grow=1, min_width=13),
        Column("Spread 0-100", nowrap=True),
        Column("Mean", align="right", nowrap=True),
        Column("Range", align="right", nowrap=True),
        Column("SD", align="right", nowrap=True),
        Column("Agreement", grow=1),
    )
    rows = tuple(
        (
            text(part["title"]),
            (_spread_gauge(part),),
            text(score_text(part.get("mean"))),
            text(_spread(part)),
            text(score_text(part.get("sd"))),
            _agreement_cell(part, short=True),
        )
        for part in group["domains"].values()
    )
    key = text("━ the range of scores, ● the mean; sd is the standard deviation.", emphasis=True)
    bars = tuple(
        Bar(
            part["title"],
            _spread_gauge(part),
            score_text(part.get("mean")),
            _agreement_cell(part, short=True),
        )
        for part in group["domains"].values()
    )
    # The table draws each domain's spread itself (an SVG gauge in HTML, characters in the
    # terminal), so the chart is only for a picture of the charts alone (SVG): the agreement
    # is drawn once in every format.
    chart = Figure(
        "bars",
        bars,
        label_title="Domain",
        title="Agreement by domain: the range and the mean",
        repeats=True,
        drawn_in_table=True,
    )
    return Section("agreement", "Agreement by domain", (chart, Table(columns, rows, caption=key)))


def _spread_gauge(part: Part) -> Gauge:
    tone = f"agree-{part['agreement']}" if part.get("agreement") else ""
    if None in (part.get("min"), part.get("max"), part.get("mean")):
        return Gauge("spread", None)
    return Gauge("spread", part["mean"], part["min"], part["max"], tone)


def _roles(group: Group) -> list[str]:
    """Every role named in the group, shown or not, in the order the group gives them."""
    found = group["respondents"]
    roles = dict.fromkeys([*found["by_role"], *_suppressed(found)])
    for _, part in _parts(group):
        roles.update(dict.fromkeys(_suppressed(part)))
    return list(roles)


def _parts(group: Group) -> Iterator[tuple[str, Part]]:
    yield from ((d["title"], d) for d in group["domains"].values())
    yield from ((f"{rid} {r['title']}", r) for rid, r in group["recommendations"].items())


def _role_figure(group: Group, part: Part, role: str) -> str:
    found = (part.get("by_role") or {}).get(role)
    if found is not None:
        return f"{found['mean']:.1f}"
    return not_shown(group.get("rules")) if role in _suppressed(part) else "-"


def _by_role(group: Group) -> Section:
    roles = _roles(group)
    hidden = any(_suppressed(part) for _, part in _parts(group))
    caption = "Means of each role's scores; - where a role gave none."
    if hidden:
        caption += f" A role of {not_shown(group.get('rules')).replace(': ', ' is ')}."
    if len(roles) > ROLE_COLUMNS:
        lines = [
            text(f"{label}: {_roles_line(group, part) or '-'}") for label, part in _parts(group)
        ]
        blocks = (roles_chart(group, roles), Bullets(tuple(lines)), Note(text(caption)))
        return Section("by_role", "Scores by role", blocks)
    columns = (
        Column("Domain or recommendation", grow=1),
        Column("All", align="right", nowrap=True),
        *(Column(role, align="right", max_width=14) for role in roles),
    )
    rows = tuple(
        (
            text(label),
            text(score_text(part.get("mean"))),
            *(text(_role_figure(group, part, role)) for role in roles),
        )
        for label, part in _parts(group)
    )
    table = Table(columns, rows, caption=text(caption, emphasis=True))
    return Section("by_role", "Scores by role", (roles_chart(group, roles), table))


def _roles_line(group: Group, part: Part) -> str:
    shown = [f"{r} {s['mean']:.1f} (n={s['n']})" for r, s in (part.get("by_role") or {}).items()]
    hidden = [f"{r}: {not_shown(group.get('rules'))}" for r in _suppressed(part)]
    return " · ".join(shown + hidden)


def _gap_line(gap: Mapping[str, Any]) -> str:
    high, low = gap["high"], gap["low"]
    scope = "domain" if gap["scope"] == "domain" else f"recommendation {gap['id']}"
    return (
        f"{gap['title']} ({scope}): {high['role']} {high['mean']:.1f}, {low['role']} "
        f"{low['mean']:.1f}: {gap['gap']:.1f} points apart."
    )


def _them_and_us(group: Group) -> Section | None:
    gaps = group["role_gaps"]
    if not gaps:
        return None
    sources = dict.fromkeys(g["source"] for g in gaps)
    blocks: list[Block] = [
        Note(text(THEM_AND_US_INTRO)),
        Bullets(tuple(text(_gap_line(g)) for g in gaps)),
        *(Paragraph(text(f"Source: {s}", muted=True)) for s in sources),
    ]
    return Section("them_and_us", "Them and us: gaps between roles", tuple(blocks))


def _agenda(group: Group) -> Section | None:
    questions = {q["question_id"]: q for q in group["questions"]}
    items = [i for i in group["agenda"] if i.get("question_id") in questions]
    if not items:
        return None
    entries = [_agenda_item(group, item, questions[item["question_id"]]) for item in items]
    return Section("agenda", "For discussion", (Note(text(AGENDA_INTRO)), *entries))


def _agenda_item(group: Group, item: Mapping[str, Any], question: Part) -> Entry:
    head = (
        Span(f"{item.get('rank') or '-'}. {question['prompt']}", strong=True),
        Span(f" ({question['question_id']})", muted=True),
    )
    blocks: list[Block] = [
        Paragraph(
            (
                Span(f"sd {score_text(question.get('sd'))} · range {_spread(question)} · "),
                *_agreement_cell(question),
            )
        ),
        Paragraph(text(f"Answers: {answers_words(question)}")),
    ]
    if len(question.get("by_role") or {}) + len(_suppressed(question)) > 1:
        blocks.append(Paragraph(text(f"By role: {_roles_line(group, question)}")))
    if question.get("discussion"):
        blocks.append(Paragraph(text(f"Ask: {question['discussion']}", emphasis=True)))
    return Entry(head, tuple(blocks))


def _blocker(group: Group, blocker: Mapping[str, Any]) -> str:
    domain = blocker["caps"]["domain"]
    target = "Overall" if domain is None else group["domains"].get(domain, {}).get("title", domain)
    effect = "caps the group" if blocker["caps_group"] else "not most of the group"
    return (
        f"{target} capped at {blocker['band_label']} for {blocker['count']} of {blocker['of']} "
        f"({effect}): {blocker['message']}"
    )


def _listed(sid: str, title: str, items: list[Cell]) -> Section | None:
    return Section(sid, title, (Bullets(tuple(items)),)) if items else None


def _explain(group: Group) -> Section:
    columns = (
        Column("Question", grow=3),
        Column("n", align="right"),
        Column("Mean", align="right"),
        Column("SD", align="right"),
        Column("Agreement"),
        Column("DK", align="right"),
        Column("Skip", align="right"),
    )
    rows = tuple(
        (
            (Span(q["prompt"]), Span(f" ({q['question_id']})", muted=True)),
            text(str(q.get("n") or 0)),
            text(score_text(q.get("mean"))),
            text(score_text(q.get("sd"))),
            text(agreement_words(q, short=True)),
            text(str(q.get("dont_know") or 0)),
            text(str(q.get("skipped") or 0)),
        )
        for q in group["questions"]
    )
    return Section(
        "explain",
        "How the group was summarised",
        (Note(text(rules_text(group))), Table(columns, rows, caption=text(QUESTION_KEY))),
    )


def rules_text(group: Group) -> str:
    """The rules as a paragraph, from the values the group carries."""
    rules = group["rules"]
    words = (
        "Scores run 0-100 (question item scores × 100). The group's score is the mean of the "
        "respondents' overall scores; sd is the population standard deviation. Agreement is "
        f"high when sd < {rules['agreement_high_below']:g}, moderate when sd < "
        f"{rules['agreement_moderate_below']:g}, else low; divergent when sd >= "
        f"{rules['divergent_sd']:g} or the range >= {rules['divergent_range']:g}. Roles more "
        f"than {rules['role_gap']:g} points apart are a 'them and us' risk. A blocker caps the "
        f"group's band when it holds for more than {rules['blocker_share']:.0%} of the results. "
        "A room vote counts each head in the question statistics, and once elsewhere."
    )
    if isinstance(rules.get("min_group"), int):
        words += (
            f" A role's figures are shown only when at least {rules['min_group']} people lie "
            "behind them, so no one's answers can be read from a small role."
        )
    return words
