"""The shared summary: the HTML page's structure, colours that pass WCAG AA, no outside
address in any format, and the same content (band meaning, notes, own words, action plan) in
every format; the SVG chart, the PDF and the xlsx workbook."""

from __future__ import annotations

import copy
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT

from readiness.bank.load import load_bank
from readiness.report.renderers import charts
from readiness.report.summary import export
from readiness.scoring.answers import AnswerSet, load_answers
from readiness.scoring.scores import score

STAMPS = {"started_at": "2024-05-01T09:00:00Z", "completed_at": "2024-05-01T09:30:00Z"}
MEANING = "Some conditions are in place <b>&amp; more</b>"
REPLY = "We sort of share data =SUM(A1)"
OUTSIDE = re.compile(r"https?:|//[a-z0-9]|url\(", re.IGNORECASE)
SVG_NAMESPACE = 'xmlns="http://www.w3.org/2000/svg"'


@pytest.fixture(scope="module")
def result() -> dict:
    bank = load_bank(str(ROOT / "tests" / "banks" / "scoring" / "scoring.yaml"))
    answers, _ = load_answers(ROOT / "tests" / "answers" / "scoring.yaml", bank)
    found = copy.deepcopy(score(bank, answers, generator_version="0.0.0", **STAMPS))
    for band in found["bands"]:
        if band["id"] == found["overall"]["band"]:
            band["description"] = MEANING
    found["answers"][4]["reply"] = REPLY
    return found


def _stored(result: dict) -> dict:
    """The result as a file holds it today: the reply (not yet in the schema) as a note."""
    found = copy.deepcopy(result)
    found["answers"][4]["note"] = found["answers"][4].pop("reply")
    return found


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_the_issue() -> None:
    assert round(contrast("#00ff00", "#ffffff"), 2) == 1.37


@pytest.mark.parametrize("tone", sorted(charts.TONE_COLOURS))
def test_every_tone_colour_passes_wcag_aa_on_the_page(tone: str) -> None:
    assert contrast(charts.TONE_COLOURS[tone], charts.BACKGROUND) >= 4.5


def test_every_colour_in_the_stylesheet_passes_aa_as_text() -> None:
    css = (ROOT / "readiness" / "report" / "templates" / "summary.css").read_text("utf-8")
    for rule in re.findall(r"\{[^}]*\bcolor:\s*(#[0-9a-f]{6})", css):
        assert contrast(rule, "#ffffff") >= 4.5, rule


def test_role_colours_pass_3_to_1_as_shapes() -> None:
    for found in charts.SERIES_COLOURS:
        assert contrast(found, charts.BACKGROUND) >= 3


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: dict[str, dict[str, str | None]] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.setdefault(tag, dict(attrs))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def test_html_is_a_document_with_title_lang_headings_tables_and_svg(result: dict) -> None:
    page = export(result, "html")
    outline = _Outline()
    outline.feed(page)
    assert outline.title == "Readiness summary: Scoring test bank"
    assert outline.attrs["html"]["lang"] == "en-GB"
    for tag in ("h1", "h2", "h3", "table", "thead", "th", "svg", "figure", "figcaption", "style"):
        assert tag in outline.tags, tag
    assert "pre" not in outline.tags and "script" not in outline.tags
    root = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))  # well-formed XML too
    headings = ["".join(h.itertext()).strip() for h in root.iter("h2")]
    assert headings[:3] == ["Domains", "Recommendations", "Priorities: start here"]
    assert "Action plan" in headings and "Notes and own words" in headings
    plan = root.find(".//section[@id='actions']//table")
    assert plan is not None
    titles = ["".join(th.itertext()).strip() for th in plan.iter("th")][:4]
    assert titles[1:] == [
        "What happens now",
        "What needs to happen",
        "How will you progress this",
    ]
    assert "@page" in page and "size: A4" in page and "break-inside: avoid" in page


def test_what_people_and_banks_wrote_is_never_html(result: dict) -> None:
    page = export(result, "html")
    assert "<b>&amp; more</b>" not in page
    assert "&lt;b&gt;&amp;amp; more&lt;/b&gt;" in page


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_format_says_what_the_band_means_and_what_was_written(result: dict, fmt: str) -> None:
    found = export(result, fmt)
    plain = re.sub(r"<[^>]+>", "", found).replace("&amp;", "&").replace("&lt;", "<")
    plain = plain.replace("&gt;", ">").replace("\\", "").replace("&#39;", "'")
    for words in (
        "What Developing means",
        "Some conditions are in place",
        "Written last year, not yet shared.",  # a note
        "We meet partners when a case needs it.",  # a free-text answer
        "We sort of share data",  # a reply in the person's own words
        "What needs to happen",  # the action plan's columns
        "A shared plan with partners.",
    ):
        assert words in plain, (fmt, words)


@pytest.mark.parametrize("fmt", ["text", "md", "html", "svg"])
def test_no_output_names_an_outside_address(result: dict, fmt: str) -> None:
    found = export(result, fmt).replace(SVG_NAMESPACE, "")
    assert not OUTSIDE.search(found), OUTSIDE.search(found)


def test_svg_is_a_well_formed_chart_without_web_fonts(result: dict) -> None:
    image = export(result, "svg")
    root = ET.fromstring(image.encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    words = "".join(root.itertext())
    assert "Leadership" in words and "Developing" in words and "Keep learning" in words
    assert "@font-face" not in image and "<pre" not in image


def test_text_reads_aloud_without_rules_or_bars_unless_asked(result: dict) -> None:
    said = export(result, "text")
    assert not set("─━█░┌│●") & set(said)
    assert "- Leadership: 65.0, Developing (capped; would be Established)." in said
    drawn = export(result, "text", bars=True)
    assert "█" in drawn


def test_weak_recommendations_beyond_the_priorities_get_next_steps() -> None:
    bank = load_bank("core")
    found = score(bank, AnswerSet({}), generator_version="0.0.0", **STAMPS)
    assert all(b.get("description") for b in found["bands"])  # the result carries them
    low = {q.id: q.options[0].id for q in bank.questions if q.options}
    found = score(bank, AnswerSet(low), generator_version="0.0.0", **STAMPS)
    ranked = {p["recommendation"] for p in found["priorities"]}
    beyond = [r for rid, r in found["recommendations"].items() if rid not in ranked]
    said = export(found, "text", width=100)
    assert "Also worth strengthening" in said
    for rec in beyond:
        if rec["band"] == found["bands"][0]["id"] and rec["next_steps"]:
            assert rec["next_steps"][0].split()[0] in said


def test_pdf_is_the_page_printed(result: dict, tmp_path: Path, cli) -> None:
    pytest.importorskip("weasyprint", exc_type=ImportError)
    try:
        import weasyprint  # noqa: F401
    except OSError:
        pytest.skip("WeasyPrint needs Pango (apt-get install libpango-1.0-0 libpangoft2-1.0-0)")
    source = tmp_path / "r.json"
    from readiness.store import dumps

    source.write_text(dumps(_stored(result)), "utf-8")
    ran = cli("report", str(source), "-o", str(tmp_path / "r.pdf"))
    assert ran.code == 0, ran.err
    data = (tmp_path / "r.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    assert (tmp_path / "r.pdf").stat().st_mode & 0o077 == 0


def test_xlsx_has_a_typed_sheet_per_table(result: dict, tmp_path: Path, cli) -> None:
    from readiness.store import dumps

    source = tmp_path / "r.json"
    source.write_text(dumps(_stored(result)), "utf-8")
    ran = cli("export", str(source), "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"))
    assert ran.code == 0, ran.err
    book = zipfile.ZipFile(io.BytesIO((tmp_path / "r.xlsx").read_bytes()))
    workbook = book.read("xl/workbook.xml").decode()
    for name in ("long", "summary", "answers", "scores", "priorities", "gaps", "actions"):
        assert f'name="{name}"' in workbook
    strings = book.read("xl/sharedStrings.xml").decode()
    assert "=SUM(A1)" in strings  # a reply kept as text, not a formula
    sheets = "".join(book.read(n).decode() for n in book.namelist() if "worksheets/" in n)
    assert "<f>" not in sheets


def test_csv_tables_carry_the_action_plan_and_own_words(result: dict, tmp_path: Path, cli):
    from readiness.store import dumps

    source = tmp_path / "r.json"
    source.write_text(dumps(_stored(result)), "utf-8")
    plan = cli("export", str(source), "--table", "actions").out
    assert "what_needs_to_happen" in plan and "A shared plan with partners." in plan
    answers = cli("export", str(source), "--table", "answers").out
    assert "We sort of share data =SUM(A1)" in answers  # own words, kept whole
    assert ",75.0," in answers  # item scores 0-100
