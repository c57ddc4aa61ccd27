"""The public API (``readiness.api``, re-exported lazily by the package) and ``readiness score``
on many files: one result per input, stdin, stdout as JSON Lines, errors per file."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest
from conftest import ROOT, run_process

import readiness
from readiness.commands.batch import dumps
from readiness.errors import AnswersError, InputError, ResultFileError, UsageError

ANSWERS = ROOT / "tests" / "answers"
SCORING_BANK = ROOT / "tests" / "banks" / "scoring" / "scoring.yaml"
QUICK_ANSWERS = "bank: quick\nanswers: {}\n"


@pytest.fixture(scope="module")
def scored() -> dict:
    return dict(readiness.score(SCORING_BANK, ANSWERS / "scoring.yaml"))


def people(result: dict, count: int) -> list[dict]:
    """``count`` results alike but for the respondent's name (a result given twice is refused)."""
    return [
        {**result, "respondent": {**result["respondent"], "name": f"P{i}"}} for i in range(count)
    ]


def test_the_package_exports_the_api() -> None:
    assert readiness.score is readiness.api.score
    assert {"score", "score_files", "aggregate", "compare", "render"} <= set(dir(readiness))
    with pytest.raises(AttributeError):
        readiness.nothing_here  # noqa: B018


def test_score_a_mapping_equals_scoring_its_file(scored: dict) -> None:
    from readiness.bank.yamlsafe import load_file

    data = load_file(ANSWERS / "scoring.yaml").data
    again = dict(readiness.score(readiness.load_bank(SCORING_BANK), data))
    assert {**again, "session": None} == {**scored, "session": None}
    assert scored["overall"]["score"] == 51.3


def test_score_uses_the_bank_the_answers_name() -> None:
    assert readiness.score(None, {"bank": "quick", "answers": {}})["bank"]["id"] == "quick"
    with pytest.raises(UsageError, match="which bank do these answers belong to"):
        readiness.score(None, {"answers": {}})


def test_score_refuses_bad_answers_with_places() -> None:
    with pytest.raises(AnswersError) as caught:
        readiness.score(SCORING_BANK, ANSWERS / "invalid" / "value_not_allowed.yaml")
    assert caught.value.findings[0].line > 0


def test_score_files_keeps_going_after_a_bad_file() -> None:
    paths = [ANSWERS / "scoring.yaml", ANSWERS / "invalid" / "wrong_type.yaml"]
    found = list(readiness.score_files(SCORING_BANK, paths))
    assert [f.result is not None for f in found] == [True, False]
    assert isinstance(found[1].error, InputError)
    assert "hidden by its condition" in found[0].warnings[0]


def test_aggregate_compare_and_render(scored: dict) -> None:
    group = readiness.aggregate(people(scored, 3))
    assert group["kind"] == "group" and group["respondents"]["count"] == 3
    changes = readiness.compare(scored, scored)
    assert changes["overall"]["change"] == 0
    assert "Readiness" in readiness.render(scored, "md")
    assert "<html" in readiness.render(group, "html").lower()


def test_aggregate_withholds_the_figures_of_a_role_too_small_to_be_anonymous(
    scored: dict,
) -> None:
    two = people(scored, 2)
    withheld = readiness.aggregate(two)
    assert withheld["rules"]["min_group"] == 3
    assert withheld["overall"]["by_role"] == {}
    assert withheld["overall"]["suppressed_roles"]
    shown = readiness.aggregate(two, min_group=1)
    assert shown["overall"]["by_role"] and not shown["overall"]["suppressed_roles"]
    with pytest.raises(UsageError, match="min_group=0"):
        readiness.aggregate(two, min_group=0)


def test_compare_refuses_a_non_result(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "result"}', "utf-8")
    with pytest.raises(ResultFileError):
        readiness.compare(bad, bad)


def test_render_refuses_an_unknown_format(scored: dict) -> None:
    with pytest.raises(UsageError, match="unknown format 'pdf'"):
        readiness.render(scored, "pdf")  # type: ignore[arg-type]


def test_validate_bank_returns_findings() -> None:
    assert readiness.validate_bank(SCORING_BANK) == []
    bad = sorted((ROOT / "tests" / "banks" / "invalid").glob("*.yaml"))[0]
    assert readiness.validate_bank(bad)


def test_batch_json_is_the_same_data(scored: dict) -> None:
    text = dumps(scored)
    assert json.loads(text) == scored
    assert text.count("\n") > len(scored["answers"])  # one answer to a line


def test_batch_json_is_not_fooled_by_text_like_a_key(scored: dict) -> None:
    tricky = {**scored, "respondent": {**scored["respondent"], "name": '\n  "answers": null'}}
    assert json.loads(dumps(tricky)) == tricky


# --- readiness score, many files --------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    answers = tmp_path / "answers"
    answers.mkdir()
    for name in ("alice", "bob"):
        (answers / f"{name}.yaml").write_text(QUICK_ANSWERS, "utf-8")
    return answers


def test_score_a_folder_into_a_folder(cli, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "results"
    ran = cli("score", str(folder), "-o", str(out))
    assert ran.code == 0, ran.err
    assert sorted(p.name for p in out.iterdir()) == ["alice.json", "bob.json"]
    assert json.loads((out / "bob.json").read_text("utf-8"))["bank"]["id"] == "quick"
    assert stat.S_IMODE((out / "alice.json").stat().st_mode) == 0o600


def test_several_files_to_stdout_are_json_lines(cli, folder: Path) -> None:
    ran = cli("score", str(folder / "alice.yaml"), str(folder / "bob.yaml"))
    lines = ran.out.splitlines()
    assert ran.code == 0 and len(lines) == 2
    assert all(json.loads(line)["kind"] == "result" for line in lines)


def test_a_bad_file_is_reported_and_the_others_scored(cli, folder: Path, tmp_path: Path) -> None:
    (folder / "carol.yaml").write_text("bank: quick\nanswers: {nope: 1}\n", "utf-8")
    out = tmp_path / "results"
    ran = cli("score", str(folder), "-o", str(out))
    assert ran.code == 1
    assert ran.err.startswith(f"{folder / 'carol.yaml'}:2:")
    assert sorted(p.name for p in out.iterdir()) == ["alice.json", "bob.json"]


def test_stdin_is_read_with_a_dash() -> None:
    ran = run_process("score", "-", "-o", "-", stdin=QUICK_ANSWERS)
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["bank"]["id"] == "quick"


def test_bad_stdin_names_stdin() -> None:
    ran = run_process("score", "-", stdin="bank: quick\nanswers: {nope: 1}\n")
    assert ran.code == 1 and ran.err.startswith("stdin:2:")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda f: [str(f / "alice.yaml"), str(f.parent / "x" / "alice.yaml")], "both be written"),
        (lambda f: [str(f)], "this folder holds answers"),
        (lambda f: ["-", "-"], "only once"),
        (lambda f: [str(f / "absent.yaml")], "no such file"),
    ],
    ids=["same-name", "into-answers", "stdin-twice", "missing"],
)
def test_usage_errors_exit_2_and_write_nothing(cli, folder: Path, make, message: str) -> None:
    other = folder.parent / "x"
    other.mkdir()
    shutil.copy(folder / "alice.yaml", other / "alice.yaml")
    out = folder if message == "this folder holds answers" else folder.parent / "out"
    ran = cli("score", *make(folder), "-o", str(out))
    assert ran.code == 2 and message in ran.err
    assert sorted(p.name for p in folder.iterdir()) == ["alice.yaml", "bob.yaml"]
