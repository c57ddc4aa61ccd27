"""The HTML summary in headless Chromium: it loads nothing from outside the file, and
screenshots of an individual and a group summary at laptop size (and a PDF page, where
poppler's pdftoppm is there) are kept in READINESS_SHOTS (default: a new temporary folder)
to look at.

Skipped with a clear message where Chromium, its driver or selenium is not installed
(``.ci/run`` installs Debian's chromium and chromium-driver).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from chromium import chromium
from conftest import ROOT

from readiness.report.summary import export

SHOTS = Path(os.environ.get("READINESS_SHOTS") or tempfile.mkdtemp(prefix="readiness-shots-"))


def _driver():  # type: ignore[no-untyped-def]
    return chromium("1366,2000")


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    found = _driver()
    yield found
    found.quit()


def _pages(tmp_path: Path) -> dict[str, Path]:
    from group_helpers import GROUPS, PEOPLE, sources, stamps
    from test_report_html import STAMPS

    from readiness.bank.load import load_bank
    from readiness.group.aggregate import aggregate
    from readiness.group.agreement import Rules
    from readiness.scoring.answers import load_answers
    from readiness.scoring.scores import score

    bank = load_bank(str(ROOT / "tests" / "banks" / "scoring" / "scoring.yaml"))
    answers, _ = load_answers(ROOT / "tests" / "answers" / "scoring.yaml", bank)
    result = score(bank, answers, generator_version="0.0.0", **STAMPS)
    people = []
    for index, who in enumerate(PEOPLE):
        chosen, _ = load_answers(GROUPS / f"{who}.yaml", bank)
        people.append(score(bank, chosen, generator_version="0.0.0", **stamps(index)))
    group = aggregate(sources(people), generator_version="0.0.0", rules=Rules(min_group=2))
    pages = {"individual": result, "group": group}
    found = {}
    for name, data in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(export(json.loads(json.dumps(data)), "html"), "utf-8")
        found[name] = path
    return found


def test_summary_pages_load_nothing_from_outside(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in _pages(tmp_path).items():
        browser.get(path.as_uri())
        assert browser.title.startswith(("Readiness summary", "Group summary"))
        loaded = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
        assert loaded == [], loaded
        height = browser.execute_script("return document.body.scrollHeight")
        browser.set_window_size(1366, min(max(height, 768), 6000))
        assert browser.save_screenshot(str(SHOTS / f"{name}-summary.png"))


def test_pdf_page_as_an_image(tmp_path: Path) -> None:
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    try:
        import weasyprint  # noqa: F401

        from readiness.report.pdf import to_pdf
    except (ImportError, OSError):
        pytest.skip("WeasyPrint or Pango is not installed")
    page = _pages(tmp_path)["individual"].read_text("utf-8")
    (tmp_path / "summary.pdf").write_bytes(to_pdf(page))
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "2",
            str(tmp_path / "summary.pdf"),
            str(SHOTS / "summary-pdf-page"),
        ],
        check=True,
        timeout=120,
    )
    assert (SHOTS / "summary-pdf-page-1.png").stat().st_size > 10_000
