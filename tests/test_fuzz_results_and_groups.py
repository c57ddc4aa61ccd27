"""Fuzz the files the tool writes and reads back: results, groups, and what reads them.

A result or group file with any value changed must read cleanly or not at all, and report,
aggregate, compare and export must each succeed or refuse it with a clean error, never leaving
a partial output file (see tests/fuzz_helpers.py). Commands not written yet are skipped.
"""

from __future__ import annotations

import importlib.util
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fuzz_helpers import (
    QUICK,
    check_output,
    fuzz,
    mutated,
    outcome,
    replaced,
    write_json,
)
from hypothesis import example, given
from hypothesis import strategies as st

from readiness import store
from readiness.errors import ReadinessError
from readiness.scoring.answers import AnswerSet
from readiness.scoring.scores import score

# ---------------------------------------------------------------------------- helpers


def command_exists(name: str) -> bool:
    return importlib.util.find_spec(f"readiness.commands.{name}") is not None


def needs_command(name: str) -> None:
    if not command_exists(name):
        pytest.skip(f"readiness {name} is not written yet")


# ---------------------------------------------------------------------------- results and groups


def a_result(bank: Any = QUICK, shift: int = 0) -> dict[str, Any]:
    """A valid result of ``bank``, different for each ``shift``."""
    answers = {
        q.id: q.options[(i + shift) % len(q.options)].id
        for i, q in enumerate(bank.questions)
        if q.options
    }
    return score(bank, AnswerSet(answers=answers))


RESULT = a_result()
OTHER_RESULT = a_result(shift=1)


def check_result_file(path: Path) -> None:
    """A result reads cleanly or not at all, by the store and by report's loader alike."""
    from readiness.commands.report import load_result

    read = outcome(lambda: store.read_json(path, schema="result"), str(path))
    loaded = outcome(lambda: load_result(path, str(path)), str(path))
    assert (read is None) == (loaded is None)


def check_report(path: Path, tmp_path: Path, cli: Callable[..., Any]) -> None:
    """``report`` prints or writes a readable result, and refuses anything else cleanly."""
    ran = cli("report", str(path), "--width", "80")
    assert ran.code in (0, 1) and "Traceback" not in ran.err, ran
    out = tmp_path / "summary.md"
    out.unlink(missing_ok=True)
    ran = cli("report", str(path), "-o", str(out))
    assert ran.code in (0, 1) and out.exists() == (ran.code == 0), ran
    check_output(out, None)


def result_bytes(where: tuple[Any, ...], value: Any) -> bytes:
    return json.dumps(replaced(RESULT, where, value), allow_nan=True).encode()


@fuzz(100)
@given(content=st.binary(max_size=1000))
# Python's json reads these, but they are not JSON, and report could not write them out again.
@example(content=result_bytes(("respondent", "name"), "\ud800"))  # was a UnicodeEncodeError
@example(content=result_bytes(("overall", "score"), math.nan))
@example(content=result_bytes(("overall", "coverage"), math.inf))
def test_result_from_arbitrary_bytes(content: bytes, tmp_path: Path, cli) -> None:
    path = tmp_path / "result.json"
    path.write_bytes(content)
    check_result_file(path)
    check_report(path, tmp_path, cli)


@pytest.mark.parametrize(
    ("where", "value", "written", "message"),
    [
        (("overall", "score"), math.nan, "NaN", "NaN is not a JSON number"),
        (("overall", "coverage"), -math.inf, "-Infinity", "-Infinity is not a JSON number"),
        (("respondent", "name"), "\ud800", "\\ud800", "an escaped half of a character pair"),
    ],
    ids=["nan", "infinity", "lone_surrogate"],
)
def test_json_that_python_reads_but_json_forbids(
    where: tuple[Any, ...], value: Any, written: str, message: str, tmp_path: Path, cli
) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(replaced(RESULT, where, value), indent=2, allow_nan=True))
    with pytest.raises(ReadinessError) as caught:
        store.read_json(path, schema="result")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if written in text)
    assert str(caught.value).startswith(f"{path}:{line}:") and message in str(caught.value)
    out = tmp_path / "summary.html"
    assert cli("report", str(path), "-o", str(out)).code == 1 and not out.exists()


@fuzz(100)
@given(draw=st.data())
@example(draw=None)
def test_result_with_one_value_changed(draw: st.DataObject | None, tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    write_json(path, RESULT if draw is None else mutated(RESULT, draw.draw))
    check_result_file(path)


@fuzz(50)
@given(draw=st.data())
def test_report_of_a_result_with_one_value_changed(
    draw: st.DataObject, tmp_path: Path, cli
) -> None:
    path = tmp_path / "result.json"
    write_json(path, mutated(RESULT, draw.draw))
    check_report(path, tmp_path, cli)


# The result schema lets a band label or an item score be null whatever the band or status
# says; report.py used to format them anyway (AttributeError, TypeError).
@pytest.mark.parametrize(
    "where",
    [
        ("domains", QUICK.domains[0].id, "band_label"),
        (
            "answers",
            next(i for i, a in enumerate(RESULT["answers"]) if a["status"] == "scored"),
            "score",
        ),
    ],
    ids=["band_label", "score"],
)
def test_report_of_a_schema_valid_result_with_a_null(
    where: tuple[Any, ...], tmp_path: Path, cli
) -> None:
    path = tmp_path / "result.json"
    write_json(path, replaced(RESULT, where, None))
    check_result_file(path)
    assert store.read_json(path, schema="result")  # the schema accepts it
    check_report(path, tmp_path, cli)


@fuzz(40)
@given(draw=st.data())
def test_group_from_results_with_one_value_changed(
    draw: st.DataObject, tmp_path: Path, cli
) -> None:
    needs_command("aggregate")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_json(first, OTHER_RESULT)
    write_json(second, mutated(RESULT, draw.draw))
    group = tmp_path / "group.json"
    group.unlink(missing_ok=True)
    ran = cli("aggregate", str(first), str(second), "-o", str(group))
    assert ran.code in (0, 1) and "Traceback" not in ran.err, ran
    assert group.exists() == (ran.code == 0)
    check_output(group, "group")


def test_group_from_a_result_with_a_huge_number(tmp_path: Path, cli) -> None:
    needs_command("aggregate")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_json(first, OTHER_RESULT)
    write_json(second, replaced(RESULT, ("answers", 0, "value"), 10**400))
    ran = cli("aggregate", str(first), str(second), "-o", str(tmp_path / "group.json"))
    assert ran.code == 1 and not (tmp_path / "group.json").exists()


@fuzz(40)
@given(draw=st.data())
def test_group_file_with_one_value_changed(draw: st.DataObject, tmp_path: Path, cli) -> None:
    needs_command("aggregate")
    group = tmp_path / "group.json"
    if not group.exists():
        results = [tmp_path / "r0.json", tmp_path / "r1.json"]
        write_json(results[0], RESULT)
        write_json(results[1], OTHER_RESULT)
        assert cli("aggregate", *map(str, results), "-o", str(group)).code == 0
    changed = tmp_path / "changed.json"
    write_json(changed, mutated(json.loads(group.read_text()), draw.draw))
    outcome(lambda: store.read_json(changed, schema="group"), str(changed))
    ran = cli("report", str(changed))
    assert ran.code in (0, 1) and "Traceback" not in ran.err, ran


@fuzz(40)
@given(draw=st.data(), changed_first=st.booleans())
def test_compare_with_one_value_changed(
    draw: st.DataObject, changed_first: bool, tmp_path: Path, cli
) -> None:
    needs_command("compare")
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    write_json(before, RESULT)
    write_json(after, OTHER_RESULT)
    write_json(before if changed_first else after, mutated(RESULT, draw.draw))
    ran = cli("compare", str(before), str(after))
    assert ran.code in (0, 1) and "Traceback" not in ran.err, ran


@fuzz(40)
@given(draw=st.data())
def test_export_with_one_value_changed(draw: st.DataObject, tmp_path: Path, cli) -> None:
    needs_command("export")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_json(first, OTHER_RESULT)
    write_json(second, mutated(RESULT, draw.draw))
    out = tmp_path / "table.csv"
    out.unlink(missing_ok=True)
    ran = cli("export", str(first), str(second), "--format", "csv", "-o", str(out))
    assert ran.code in (0, 1) and "Traceback" not in ran.err, ran
    assert out.exists() == (ran.code == 0)
    check_output(out, None)
