"""The score command, what it imports, and the result files it writes.

The command is what people and scripts run, so these check its exit codes, messages and
owner-only, atomic files against the hand-worked scoring bank (see tests/test_scoring_rules.py
for the sums), and that scoring and reporting stay clear of the Textual interface.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_process
from scoring_helpers import ANSWERS, SCORING_BANK, scoring_bank, worked_result

from readiness.errors import ReadinessError
from readiness.store import read_json, write_json_atomic, write_new_text


@pytest.fixture(scope="module")
def result() -> dict:
    return worked_result(scoring_bank())


# --- the score command ----------------------------------------------------------------------


def test_score_prints_the_result(cli) -> None:
    ran = cli("score", "--bank", str(SCORING_BANK), str(ANSWERS / "scoring.yaml"))
    assert ran.code == 0
    assert json.loads(ran.out)["overall"]["score"] == 51.3
    assert "warning:" in ran.err and "'data_detail' is hidden by its condition" in ran.err


def test_score_uses_the_bank_named_in_the_answers_file(cli, tmp_path: Path) -> None:
    path = tmp_path / "quick.yaml"
    path.write_text("bank: quick\nanswers: {}\n", "utf-8")
    ran = cli("score", str(path))
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["bank"]["id"] == "quick"


def test_score_without_any_bank_is_a_usage_error(cli, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("answers: {}\n", "utf-8")
    ran = cli("score", str(path))
    assert ran.code == 2
    assert "Give --bank ID_OR_PATH, or add 'bank: ID'" in ran.err


def test_score_writes_an_owner_only_file(cli, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    ran = cli("score", "--bank", str(SCORING_BANK), str(ANSWERS / "scoring.yaml"), "-o", str(out))
    assert ran.code == 0 and ran.out == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text("utf-8"))["kind"] == "result"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]  # no temporary file left


@pytest.mark.parametrize(
    "name", ["unknown_question", "value_not_allowed", "wrong_type", "other_bank"]
)
def test_bad_answers_exit_1_and_write_nothing(cli, tmp_path: Path, name: str) -> None:
    source = ANSWERS / "invalid" / f"{name}.yaml"
    out = tmp_path / "result.json"
    ran = cli("score", "--bank", str(SCORING_BANK), str(source), "-o", str(out))
    assert ran.code == 1
    assert source.read_text("utf-8").splitlines()[0].removeprefix("# expect: ") in ran.err
    assert ran.err.startswith(f"{source}:")
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_bad_value_names_the_question_and_what_is_allowed(cli) -> None:
    ran = cli(
        "score", "--bank", str(SCORING_BANK), str(ANSWERS / "invalid" / "value_not_allowed.yaml")
    )
    assert ran.err.count("\n") == 1
    assert (
        "question 'lead_vision'" in ran.err and "o0, o1, o2, o3, o4 (or its number 1-5)" in ran.err
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--bank", str(SCORING_BANK), "absent.yaml"],
        ["--bank", "absent-bank.yaml", str(ANSWERS / "scoring.yaml")],
    ],
)
def test_missing_files_exit_2(cli, args: list[str]) -> None:
    ran = cli("score", *args)
    assert ran.code == 2 and "absent" in ran.err and "Traceback" not in ran.err


def test_other_banks_answers_in_a_process_exit_1_without_traceback() -> None:
    ran = run_process(
        "score", "--bank", str(SCORING_BANK), str(ANSWERS / "invalid" / "other_bank.yaml")
    )
    assert ran.code == 1 and "Traceback" not in ran.err
    assert "use --bank quick" in ran.err


# --- import hygiene -------------------------------------------------------------------------


def _modules_after(argv: list[str]) -> set[str]:
    code = (
        "import contextlib, io, sys\nfrom readiness.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    main({argv!r})\n"
        "print('\\n'.join(sys.modules))"
    )
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    return set(done.stdout.split())


def test_score_and_report_never_import_textual(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    scored = _modules_after(
        ["score", "--bank", str(SCORING_BANK), str(ANSWERS / "scoring.yaml"), "-o", str(out)]
    )
    assert "readiness.scoring.scores" in scored and "textual" not in scored
    reported = _modules_after(["report", str(out)])
    assert "readiness.report.summary" in reported and "rich" in reported
    assert "textual" not in reported


# --- result files ---------------------------------------------------------------------------


def test_invalid_data_is_never_written(tmp_path: Path, result: dict) -> None:
    broken = {**result, "overall": {**result["overall"], "score": 140}}
    target = tmp_path / "result.json"
    with pytest.raises(ReadinessError, match="nothing was written"):
        write_json_atomic(target, broken, schema="result")
    assert list(tmp_path.iterdir()) == []


def test_overwrite_is_atomic_and_owner_only(tmp_path: Path, result: dict) -> None:
    target = tmp_path / "result.json"
    target.write_text("old", "utf-8")
    target.chmod(0o644)
    write_json_atomic(target, result, schema="result")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert read_json(target, schema="result") == result


def test_new_files_never_overwrite_even_when_written_at_once(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    (tmp_path / "result.json").write_text("{}", "utf-8")
    with ThreadPoolExecutor(8) as pool:
        paths = list(
            pool.map(lambda n: write_new_text(tmp_path, "result", "json", f"{n}\n"), range(20))
        )
    assert len(set(paths)) == 20
    assert sorted(p.read_text() for p in paths) == sorted(f"{n}\n" for n in range(20))
    assert (tmp_path / "result.json").read_text() == "{}"
    assert {p.name for p in paths} == {f"result-{n}.json" for n in range(2, 22)}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in paths)
    assert not list(tmp_path.glob(".*.tmp"))
