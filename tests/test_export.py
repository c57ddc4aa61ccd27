"""``readiness export --format csv``: flat tables, read back with the csv module.

The results are the hand-worked group of tests/test_group_statistics.py (tests/groups/*.yaml
against the scoring bank); Dev's note on lead_vision is a spreadsheet formula, to be neutralised.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from readiness.bank.load import load_bank
from readiness.group.sources import FULL_CHECK_LIMIT
from readiness.report import tables as export
from readiness.scoring.answers import load_answers
from readiness.scoring.scores import score
from readiness.store import dumps

GROUPS = ROOT / "tests" / "groups"
SCORING_BANK = ROOT / "tests" / "banks" / "scoring" / "scoring.yaml"
PEOPLE = ("ana_senior", "ben_senior", "cat_practitioner", "dev_practitioner")


@pytest.fixture(scope="module")
def results() -> list[dict[str, Any]]:
    bank = load_bank(str(SCORING_BANK))
    found = []
    for index, name in enumerate(PEOPLE):
        answers, _ = load_answers(GROUPS / f"{name}.yaml", bank)
        found.append(
            score(
                bank,
                answers,
                started_at=f"2024-05-01T09:0{index}:00Z",
                completed_at=f"2024-05-01T10:0{index}:00Z",
            )
        )
    return found


@pytest.fixture
def files(results: list[dict[str, Any]], tmp_path: Path) -> list[Path]:
    paths = []
    for name, result in zip(PEOPLE, results, strict=True):
        path = tmp_path / f"{name}.json"
        path.write_text(dumps(result), "utf-8")
        paths.append(path)
    return paths


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_long_table_has_each_respondent_question_pair_once(
    cli, files: list[Path], results: list[dict[str, Any]]
) -> None:
    ran = cli("export", *map(str, files), "--format", "csv")
    assert ran.code == 0, ran.err
    rows = read_csv(ran.out)
    pairs = [(r["respondent"], r["question_id"]) for r in rows]
    expected = [(r["respondent"]["name"], a["question_id"]) for r in results for a in r["answers"]]
    assert pairs == expected and len(set(pairs)) == len(pairs) == 4 * 12
    assert list(rows[0]) == export.LONG


def test_long_table_cells(cli, files: list[Path]) -> None:
    rows = read_csv(cli("export", *map(str, files)).out)
    cat = {r["question_id"]: r for r in rows if r["respondent"] == "Cat"}
    assert cat["lead_vision"] | {} == {
        "respondent": "Cat",
        "role": "Practitioner",
        "organisation": "Northshire",
        "file": "cat_practitioner.json",
        "bank_id": "scoring",
        "question_id": "lead_vision",
        "domain": "leadership",
        "prompt": "How clear is the vision?",
        "value": "o1",
        "value_label": "A little",
        "score": "0.25",
        "status": "scored",
        "dont_know": "false",
        "skipped": "false",
        "note": "",
        "own_words": "",
        "distribution": "",
    }
    assert cat["data_tools"]["value"] == "dashboard; casefile"
    assert cat["data_detail"]["skipped"] == "true" and cat["data_detail"]["value"] == ""
    ben = {r["question_id"]: r for r in rows if r["respondent"] == "Ben"}
    assert (ben["data_quality"]["status"], ben["data_quality"]["dont_know"]) == (
        "dont_know",
        "true",
    )
    assert ben["data_detail"]["status"] == "hidden"


def test_a_formula_looking_note_is_neutralised(cli, files: list[Path]) -> None:
    rows = read_csv(cli("export", *map(str, files)).out)
    note = next(r["note"] for r in rows if r["respondent"] == "Dev" and r["note"])
    assert note == '\'=HYPERLINK("http://example.invalid", "click")'


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3", "-3"),
        ("-0.5", "-0.5"),
        ("+4", "+4"),
        ("plain", "plain"),
        (-2, "-2"),
        (0.75, "0.75"),
        (None, ""),
        (True, "true"),
        (["a", "b"], "a; b"),
        ({"o1": 3, "o2": 1}, "o1=3; o2=1"),
    ],
)
def test_safe_cell(value: Any, cell: str) -> None:
    assert export.safe_cell(value) == cell


def test_utf8_and_the_bom_only_when_asked(cli, files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "answers.csv"
    assert cli("export", *map(str, files), "-o", str(out)).code == 0
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert cli("export", *map(str, files), "-o", str(out), "--bom").code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert read_csv(raw.decode("utf-8-sig"))[0]["respondent"] == "Ana"
    assert cli("export", *map(str, files), "--bom").out.startswith("\ufeff")


def test_summary_table_one_row_per_respondent(
    cli, files: list[Path], results: list[dict[str, Any]]
) -> None:
    ran = cli("export", *map(str, files), "--table", "summary")
    rows = read_csv(ran.out)
    assert [r["respondent"] for r in rows] == ["Ana", "Ben", "Cat", "Dev"]
    assert list(rows[0])[:8] == [*export.PERSON, "completed_at", "overall_score", "overall_band"]
    assert list(rows[0])[8:] == [
        "domain:leadership",
        "domain:data",
        "domain:collab",
        "recommendation:vision",
        "recommendation:safety",
        "recommendation:sharing",
        "recommendation:analysis",
        "recommendation:partners",
        "recommendation:learning",
    ]
    ben = rows[1]
    assert (ben["overall_score"], ben["overall_band"]) == ("72.2", "Established")
    assert (ben["domain:leadership"], ben["domain:data"]) == ("83.3", "")  # no data score


def test_a_group_exports_its_statistics(cli, files: list[Path], tmp_path: Path) -> None:
    group = tmp_path / "group.json"
    assert cli("aggregate", *map(str, files), "-o", str(group)).code == 0
    rows = read_csv(cli("export", str(group)).out)
    assert list(rows[0]) == export.GROUP_LONG
    vision = next(r for r in rows if r["question_id"] == "lead_vision")
    assert (vision["n"], vision["mean"], vision["sd"], vision["agreement"]) == (
        "4",
        "50.0",
        "39.5",
        "low",
    )
    assert vision["distribution"] == "o0=1; o1=1; o3=1; o4=1"
    summary = read_csv(cli("export", str(group), "--table", "summary").out)
    assert [(r["scope"], r["id"]) for r in summary][:4] == [
        ("overall", "overall"),
        ("domain", "leadership"),
        ("domain", "data"),
        ("domain", "collab"),
    ]
    assert summary[0]["mean"] == "60.5" and summary[0]["band"] == "Developing"


def test_results_and_groups_are_not_mixed(cli, files: list[Path], tmp_path: Path) -> None:
    group = tmp_path / "group.json"
    cli("aggregate", *map(str, files), "-o", str(group))
    ran = cli("export", str(files[0]), str(group))
    assert ran.code == 2 and str(group) in ran.err and str(files[0]) in ran.err


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [(["missing.json"], 2, "no such file"), (["--format", "ods"], 2, "invalid choice")],
)
def test_export_usage_errors(
    cli, files: list[Path], args: list[str], code: int, words: str
) -> None:
    ran = cli("export", str(files[0]), *args)
    assert ran.code == code and words in ran.err


def test_an_invalid_result_is_named(cli, files: list[Path]) -> None:
    data = json.loads(files[2].read_text("utf-8"))
    data["answers"][1]["note"] = 12
    files[2].write_text(json.dumps(data), "utf-8")
    ran = cli("export", *map(str, files))
    assert ran.code == 1 and str(files[2]) in ran.err and "12" in ran.err


def test_many_results_are_checked_for_what_export_reads(
    cli, results: list[dict[str, Any]], tmp_path: Path
) -> None:
    paths = []
    for index in range(FULL_CHECK_LIMIT + 3):
        data = copy.deepcopy(results[index % 4])
        data["respondent"]["name"] = f"Person {index}"
        paths.append(tmp_path / f"r{index:02d}.json")
        paths[-1].write_text(json.dumps(data), "utf-8")
    rows = read_csv(cli("export", str(tmp_path)).out)
    assert len(rows) == len(paths) * 12
    data = json.loads(paths[-1].read_text("utf-8"))
    data["answers"][1]["note"] = ["not", "text"]
    paths[-1].write_text(json.dumps(data), "utf-8")
    ran = cli("export", str(tmp_path))
    assert ran.code == 1 and f"{paths[-1]}: " in ran.err and "answers[1].note" in ran.err


def test_export_does_not_import_textual(files: list[Path]) -> None:
    argv = ["export", *map(str, files)]
    code = (
        "import contextlib, io, sys\nfrom readiness.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    main({argv!r})\n"
        "import readiness.report.tables\nprint('\\n'.join(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = set(done.stdout.split())
    assert "readiness.commands.export" in modules and "textual" not in modules
