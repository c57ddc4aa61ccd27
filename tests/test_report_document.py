"""The summary document built once, and its renderers: what each section says, in the shared
words, and that nothing a person or a bank wrote is read as markup, HTML or a terminal escape.

Golden files: ``scoring_summary.md`` (a single result) and ``group_summary.md`` (a group);
their text is checked in test_report.py and test_group_schema_and_summary.py. Regenerate after
an intended change with ``UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from conftest import ROOT

from readiness.bank.load import load_bank
from readiness.group.aggregate import aggregate
from readiness.group.agreement import Rules
from readiness.group.sources import Source
from readiness.report import document as doc
from readiness.report.build import build
from readiness.report.renderers import FORMAT_BY_SUFFIX, FORMATS, RENDERER_BY_NAME
from readiness.report.summary import export, summary
from readiness.scoring.answers import AnswerSet, load_answers
from readiness.scoring.scores import score
from readiness.store import dumps

GOLDEN = ROOT / "tests" / "golden"
GROUPS = ROOT / "tests" / "groups"
SCORING_BANK = ROOT / "tests" / "banks" / "scoring" / "scoring.yaml"
PEOPLE = ("ana_senior", "ben_senior", "cat_practitioner", "dev_practitioner")
STAMPS = {"started_at": "2024-05-01T09:00:00Z", "completed_at": "2024-05-01T09:30:00Z"}
OSC52 = "\x1b]52;c;aGk=\x07"
"""A terminal instruction to write to the clipboard: must never reach any output raw."""


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    bank = load_bank(str(SCORING_BANK))
    answers, _ = load_answers(ROOT / "tests" / "answers" / "scoring.yaml", bank)
    return score(bank, answers, generator_version="0.0.0", **STAMPS)


@pytest.fixture(scope="module")
def group() -> dict[str, Any]:
    bank = load_bank(str(SCORING_BANK))
    sources = []
    for index, name in enumerate(PEOPLE):
        answers, _ = load_answers(GROUPS / f"{name}.yaml", bank)
        stamps = {
            "started_at": f"2024-05-01T09:{index:02d}:00Z",
            "completed_at": f"2024-05-01T10:{index:02d}:00Z",
        }
        found = score(bank, answers, generator_version="0.0.0", **stamps)
        sources.append(Source(f"{name}.json", f"{name}.json", found, dumps(found)))
    return aggregate(sources, generator_version="0.0.0", rules=Rules(min_group=2))


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8"), f"{name} changed; rerun with UPDATE_GOLDEN=1"


def section(document: doc.Document, sid: str) -> doc.Section:
    return next(s for s in document.sections if s.id == sid)


# --- the document ---------------------------------------------------------------------------


def test_a_result_has_every_section_in_order(result: dict[str, Any]) -> None:
    ids = [s.id for s in build(result).sections]
    assert ids == [
        "overall",
        "domains",
        "recommendations",
        "priorities",
        "blockers",
        "gaps",
        "actions",
        "notes",
        "warnings",
    ]
    assert [s.id for s in build(result, explain=True).sections][-1] == "explain"


def test_a_group_has_every_section(group: dict[str, Any]) -> None:
    ids = [s.id for s in build(group, explain=True).sections]
    for expected in ("overall", "respondents", "agreement", "by_role", "agenda", "explain"):
        assert expected in ids


def test_counts_never_call_a_dont_know_answered() -> None:
    """Regression: the summary said "5 of 12 answered" where seven were "don't know"."""
    bank = load_bank("quick")
    replies = {
        q.id: (q.options[0].id if i < 5 else "dont_know") for i, q in enumerate(bank.questions)
    }
    found = score(bank, AnswerSet(replies), **STAMPS)
    overall = doc.plain(section(build(found), "overall").blocks[0].spans)  # type: ignore[union-attr]
    assert "(5 of 12 answered, 7 don't know)" in overall
    assert "5 of 12 answered, 7 don't know" in export(found, "text", width=120)


def test_skipped_are_counted_apart_from_dont_know(result: dict[str, Any]) -> None:
    text = export(result, "text", width=120)
    assert "coverage 80% (8 of 10 answered, 1 don't know, 1 skipped)" in text
    assert "| Analyse data | analysis | 66.7 | Established | 2 of 4, 1 don't know, 1 skipped |" in (
        export(result, "md")
    )


def with_rows(result: dict[str, Any]) -> dict[str, Any]:
    """The result with a second A01 row, prompted by a question, as the scorer now writes."""
    changed = copy.deepcopy(result)
    row = {
        "id": "A01",
        "kind": "audit_condition",
        "title": "Partnership working",
        "recommendation": "partners",
        "question": "collab_partners",
        "now": None,
        "needs": "Monthly meetings.",
        "progress": "Book them.",
    }
    changed["actions"].append(row)
    for priority in changed["priorities"]:
        if priority["recommendation"] == "partners":
            priority["actions"].append(row)
    return changed


def test_action_plan_rows_are_grouped_under_their_condition(result: dict[str, Any]) -> None:
    entries = section(build(with_rows(result)), "actions").blocks
    assert [doc.plain(e.head) for e in entries] == [  # type: ignore[union-attr]
        "A shared vision (vision) · Recommendation",
        "Partnership working (A01) · Audit of Service condition",
    ]
    table = entries[1].blocks[0]  # type: ignore[union-attr]
    assert [c.title for c in table.columns] == [
        "Prompted by",
        "What happens now",
        "What needs to happen",
        "How will you progress this",
    ]
    rows = [[doc.plain(cell) for cell in row] for row in table.rows]
    assert rows == [
        [
            "your own entry",
            "We meet partners when a case needs it.",
            "A shared plan with partners.",
            "",
        ],
        [
            "How well do you work with partners? (collab_partners)",
            "",
            "Monthly meetings.",
            "Book them.",
        ],
    ]


def test_a_priority_shows_its_action_rows_and_the_question_behind_each(
    result: dict[str, Any],
) -> None:
    text = " ".join(export(with_rows(result), "text").split())
    assert (
        "Partnership working. Now: We meet partners when a case needs it. Needs: A shared plan "
        "with partners. From How well do you work with partners? (collab_partners): Needs: "
        "Monthly meetings. Progress: Book them."
    ) in text


def test_a_priority_says_why_it_is_there(result: dict[str, Any]) -> None:
    changed = copy.deepcopy(result)
    changed["priorities"][0]["why"] = "the data cannot flow"
    assert "Why here: the data cannot flow" in export(changed, "text", width=120)
    del changed["priorities"][0]["why"]  # results of schema 1.0 carry none
    assert "Why here: the data cannot flow" not in export(changed, "text", width=120)


def test_the_respondents_notes_appear(result: dict[str, Any]) -> None:
    text = export(result, "text")
    assert "Notes and own words" in text
    assert (
        "How clear is the vision? (lead_vision)\n   Note: Written last year, not yet shared."
        in text
    )


def test_a_role_too_small_to_show_has_no_figure(group: dict[str, Any]) -> None:
    hidden = copy.deepcopy(group)
    hidden["rules"]["min_group"] = 3
    leadership = hidden["domains"]["leadership"]
    mean = leadership["by_role"].pop("Practitioner")["mean"]
    leadership["suppressed_roles"] = ["Practitioner"]
    question = next(q for q in hidden["questions"] if q["question_id"] == "lead_vision")
    question["by_role"].pop("Practitioner")
    question["suppressed_roles"] = ["Practitioner"]
    md = export(hidden, "md")
    row = [line for line in md.splitlines() if line.startswith("| Leadership | ")][-1]
    assert "fewer than 3 people: not shown" in row and f"{mean:.1f}" not in row
    assert "By role: Senior leader 87.5 (n=2) · Practitioner: fewer than 3 people: not shown" in md
    assert "fewer than 3 people: not shown" in export(hidden, "text", width=120)


# --- what people and banks wrote stays text ---------------------------------------------------


def hostile_bands(result: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(result)
    label = "a|b <script>x</script>"
    for band in changed["bands"]:
        band["label"] = label
    for part in [changed["overall"], *changed["domains"].values()]:
        part["band_label"] = label
    for part in changed["recommendations"].values():
        part["band_label"] = label
    return changed


def test_markdown_escapes_a_band_label_and_a_role(
    result: dict[str, Any], group: dict[str, Any]
) -> None:
    md = export(hostile_bands(result), "md", explain=True)
    assert "<script>" not in md and "a\\|b &lt;script&gt;x&lt;/script&gt;" in md
    for line in md.splitlines():
        if line.startswith("| vision |"):  # the escaped pipe does not add a column
            assert len(re.findall(r"(?<!\\)\|", line)) == 6
    roles = copy.deepcopy(group)
    roles["respondents"]["by_role"] = {"*x*": 2, "Senior leader": 2}
    for part in [*roles["domains"].values(), *roles["recommendations"].values()]:
        if "Practitioner" in part["by_role"]:
            part["by_role"]["*x*"] = part["by_role"].pop("Practitioner")
    md = export(roles, "md")
    assert "| Domain or recommendation | All | \\*x\\* | Senior leader |" in md
    assert "*x*" not in md.replace("\\*x\\*", "")


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        ("- item", "\\- item"),
        ("1. first", "1\\. first"),
        ("# heading", "\\# heading"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("`code`", "\\`code\\`"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
        ("a & b > c", "a &amp; b &gt; c"),
    ],
)
def test_markdown_shows_a_note_as_written(result: dict[str, Any], words: str, shown: str) -> None:
    changed = copy.deepcopy(result)
    changed["warnings"] = [words]
    md = export(changed, "md")
    assert f"\n- {shown}\n" in md


def poisoned(data: Any, key: str = "") -> Any:
    """Every string (but those that say what kind of thing it is) with OSC 52 added."""
    if isinstance(data, dict):
        return {k: poisoned(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [poisoned(v, key) for v in data]
    if isinstance(data, str) and key not in ("kind", "status", "type", "schema_version"):
        return data + OSC52
    return data


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("which", ["result", "group"])
def test_control_characters_never_reach_any_output_raw(
    request: pytest.FixtureRequest, which: str, fmt: str
) -> None:
    data = poisoned(request.getfixturevalue(which))
    out = export(data, fmt, explain=True)
    assert "\x1b" not in out and "\x07" not in out
    assert "␛" in out and "␇" in out  # shown, not obeyed


@pytest.mark.parametrize("which", ["result", "group"])
def test_the_svg_is_well_formed_xml_whatever_was_written(
    request: pytest.FixtureRequest, which: str
) -> None:
    data = poisoned(request.getfixturevalue(which))
    data = json.loads(json.dumps(data).replace("aGk=", "aGk=\\u0000\\ufffe<&>"))
    ET.fromstring(export(data, "svg", explain=True))


def test_html_escapes_everything(result: dict[str, Any]) -> None:
    html = export(hostile_bands(result), "html")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_terminal_summary_shows_text_not_markup(result: dict[str, Any]) -> None:
    from rich.console import Console

    changed = poisoned(copy.deepcopy(result))
    changed["respondent"]["name"] = "[bold red]Sam[/]"
    console = Console(width=100, record=True, color_system="truecolor", force_terminal=True)
    console.file = io.StringIO()
    console.print(summary(changed))
    assert "[bold red]Sam[/]" in console.export_text(clear=False)
    assert "\x1b]52" not in console.export_text(styles=True)


# --- renderers and goldens ----------------------------------------------------------------------


def test_every_format_is_a_renderer_found_by_name_and_suffix() -> None:
    assert set(FORMATS) == {"text", "md", "html", "svg"} == set(RENDERER_BY_NAME)
    assert FORMAT_BY_SUFFIX[".md"] == "md" and FORMAT_BY_SUFFIX[".htm"] == "html"


def test_golden_markdown_of_a_result(result: dict[str, Any]) -> None:
    check_golden("scoring_summary.md", export(result, "md", explain=True))


def test_golden_markdown_of_a_group(group: dict[str, Any]) -> None:
    """The group's text golden files are checked in test_group_schema_and_summary.py."""
    check_golden("group_summary.md", export(group, "md", explain=True))


def test_the_document_and_its_builders_import_neither_rich_nor_textual() -> None:
    modules = [
        "readiness.report.document",
        "readiness.report.wording",
        "readiness.report.build",
        "readiness.report.build_single",
        "readiness.report.build_explain",
        "readiness.report.build_group",
        "readiness.report.renderers",
    ]
    code = f"import sys\nfor m in {modules!r}:\n    __import__(m)\nprint('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert set(modules) <= loaded
    assert not {m for m in loaded if m.split(".")[0] in ("rich", "textual")}


def test_csv_cells_show_control_characters_but_keep_line_breaks(result: dict[str, Any]) -> None:
    """Regression: a note's terminal escape reached stdout through ``readiness export``."""
    from readiness.report import tables

    changed = copy.deepcopy(result)
    changed["answers"][0]["note"] = f"one{OSC52}\r\ntwo"
    csv = tables.to_csv(tables.LONG, tables.long_rows(changed, "r.json"))
    assert "\x1b" not in csv and "\x07" not in csv
    assert "one␛]52;c;aGk=␇\r\ntwo" in csv
