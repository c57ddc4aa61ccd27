"""``readiness aggregate`` as a command: refusing mixed banks and duplicates, inputs, checks and
outputs, and large inputs checked field by field."""

from __future__ import annotations

import copy
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from group_helpers import (
    TOP,
    group_results,
    quick_result,
    write,
    write_results,
)

from readiness import schemas
from readiness.errors import ResultFileError
from readiness.group.builder import GroupBuilder
from readiness.group.sources import FULL_CHECK_LIMIT, Source, head_fits
from readiness.scoring import shape
from readiness.store import dumps


@pytest.fixture(scope="module")
def results() -> list[dict[str, Any]]:
    return group_results()


@pytest.fixture
def files(results: list[dict[str, Any]], tmp_path: Path) -> list[Path]:
    return write_results(results, tmp_path)


# --- refusing mixed banks and duplicates ----------------------------------------------------


def test_mixed_banks_are_refused_naming_both_files(cli, files: list[Path], tmp_path: Path) -> None:
    other = write(tmp_path, "quick.json", quick_result(TOP, "Lee"))
    ran = cli("aggregate", str(files[0]), str(other))
    assert ran.code == 1
    assert str(other) in ran.err and str(files[0]) in ran.err
    assert "quick 1.1.0" in ran.err and "scoring 1.0.0" in ran.err and "--allow-mixed" in ran.err
    assert "Traceback" not in ran.err


def test_a_different_bank_version_is_refused(
    cli, files: list[Path], results: list[dict[str, Any]], tmp_path: Path
) -> None:
    newer = copy.deepcopy(results[1])
    newer["bank"]["version"] = "1.1.0"
    ran = cli("aggregate", str(files[0]), str(write(tmp_path, "newer.json", newer)))
    assert ran.code == 1 and "scoring 1.1.0" in ran.err and "newer.json" in ran.err


def test_allow_mixed_lists_the_banks(cli, files: list[Path], tmp_path: Path) -> None:
    other = write(tmp_path, "quick.json", quick_result(TOP, "Lee"))
    ran = cli("aggregate", str(files[0]), str(other), "--allow-mixed")
    assert ran.code == 0, ran.err
    found = json.loads(ran.out)
    assert [b["id"] for b in found["bank"]] == ["scoring", "quick"]
    assert "leadership" in found["domains"] and "R01" in found["recommendations"]
    assert not schemas.check_data(found, "group")


def test_the_same_file_twice_is_refused(cli, files: list[Path]) -> None:
    ran = cli("aggregate", str(files[0]), str(files[1]), str(files[0]))
    assert ran.code == 1
    assert ran.err.count(str(files[0])) == 2 and "given" not in ran.out
    assert "the same result" in ran.err


def test_a_copy_with_the_same_respondent_and_start_is_refused(
    cli, files: list[Path], results: list[dict[str, Any]], tmp_path: Path
) -> None:
    copied = copy.deepcopy(results[0])
    copied["session"]["completed_at"] = "2024-06-01T00:00:00Z"  # other bytes, same session
    ran = cli("aggregate", str(files[0]), str(write(tmp_path, "again.json", copied)))
    assert ran.code == 1
    assert "again.json" in ran.err and "same respondent, session start and bank" in ran.err


def test_anonymous_results_are_the_same_only_when_identical(cli, tmp_path: Path) -> None:
    one = quick_result(TOP, None, 0)  # type: ignore[arg-type]
    other = quick_result({**TOP, "q_capacity": "none"}, None, 0)  # type: ignore[arg-type]
    paths = [
        write(tmp_path, n, d) for n, d in (("a.json", one), ("b.json", other), ("c.json", one))
    ]
    assert cli("aggregate", str(paths[0]), str(paths[1])).code == 0
    ran = cli("aggregate", *map(str, paths))
    assert ran.code == 1 and "identical content" in ran.err and "a.json" in ran.err


# --- the command: inputs, checks and outputs --------------------------------------------------


def test_output_file_is_owner_only_and_the_same_as_stdout(
    cli, files: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "group.json"
    assert cli("aggregate", *map(str, files), "-o", str(out)).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    printed = cli("aggregate", *map(str, files)).out
    assert printed == out.read_text("utf-8")
    assert json.loads(printed) == json.loads(dumps(json.loads(printed)))


def test_the_group_is_deterministic_and_members_keep_input_order(cli, files: list[Path]) -> None:
    first = cli("aggregate", *map(str, files)).out
    assert cli("aggregate", *map(str, files)).out == first
    backwards = json.loads(cli("aggregate", *map(str, reversed(files))).out)
    forwards = json.loads(first)
    assert [m["name"] for m in backwards["members"]] == ["Dev", "Cat", "Ben", "Ana"]
    assert backwards["domains"] == forwards["domains"]
    assert backwards["questions"] == forwards["questions"]


def test_a_folder_and_a_list_file_name_the_results(cli, files: list[Path], tmp_path: Path) -> None:
    expected = json.loads(cli("aggregate", *map(str, sorted(files))).out)
    out = tmp_path / "group.json"
    ran = cli("aggregate", str(tmp_path), "-o", str(out))  # the output is not read back
    assert ran.code == 0, ran.err
    assert cli("aggregate", str(tmp_path), "-o", str(out)).code == 0
    assert json.loads(out.read_text("utf-8"))["overall"] == expected["overall"]
    listing = tmp_path / "list.txt"
    listing.write_text("# the group\n\n" + "\n".join(map(str, sorted(files))) + "\n", "utf-8")
    assert json.loads(cli("aggregate", f"@{listing}").out) == expected


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["missing.json"], 2, "missing.json: no such file"),
        (["@missing.txt"], 2, "missing.txt: no such file"),
    ],
)
def test_usage_errors(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    ran = cli("aggregate", *args)
    assert ran.code == code and words in ran.err and "Traceback" not in ran.err


def test_an_empty_folder_is_a_usage_error(cli, tmp_path: Path) -> None:
    ran = cli("aggregate", str(tmp_path))
    assert ran.code == 2 and "no result files" in ran.err


def test_a_group_is_not_aggregated_again(cli, files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "group.json"
    cli("aggregate", *map(str, files), "-o", str(out))
    ran = cli("aggregate", str(files[0]), str(out))
    assert ran.code == 1 and "group.json: this is a group result" in ran.err


def test_an_invalid_small_input_is_placed_by_line(cli, files: list[Path], tmp_path: Path) -> None:
    bad = json.loads(files[0].read_text("utf-8"))
    bad["overall"]["score"] = "high"
    ran = cli("aggregate", str(write(tmp_path, "bad.json", bad)))
    assert ran.code == 1 and "bad.json:" in ran.err and "'high'" in ran.err
    broken = tmp_path / "broken.json"
    broken.write_text('{"kind": "result",', "utf-8")
    ran = cli("aggregate", str(broken))
    assert ran.code == 1 and "broken.json:1:" in ran.err and "not valid JSON" in ran.err


def many(
    results: list[dict[str, Any]], folder: Path, count: int = FULL_CHECK_LIMIT + 5
) -> list[Path]:
    """More results than are checked in full: copies of the hand-worked ones, renamed."""
    paths = []
    for index in range(count):
        found = copy.deepcopy(results[index % len(results)])
        found["respondent"]["name"] = f"Person {index}"
        paths.append(write(folder, f"r{index:03d}.json", found))
    return paths


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda d: d["domains"]["data"].update(score="high"), "domains.data.score"),
        (lambda d: d["answers"][0].update(score=1.5), "answers[0].score"),
        (lambda d: d["answers"][3].update(status="maybe"), "answers[3].status"),
        (lambda d: d["answers"][0].update(value={"o1": 1}), "answers[0].value"),
        (lambda d: d["respondent"].update(role=7), "respondent.role"),
        (lambda d: d.pop("answers"), "answers: missing"),
        (
            lambda d: d["recommendations"]["vision"].update(score=float("nan")),
            "recommendations.vision.score",
        ),
    ],
)
def test_a_large_input_checks_the_fields_it_reads(
    cli, results: list[dict[str, Any]], tmp_path: Path, change: Any, place: str
) -> None:
    paths = many(results, tmp_path)
    bad = json.loads(paths[-2].read_text("utf-8"))
    change(bad)
    paths[-2].write_text(json.dumps(bad), "utf-8")
    ran = cli("aggregate", *map(str, paths))
    assert ran.code == 1, ran.out[:200]
    assert ran.err.startswith(f"readiness: {paths[-2]}: ") and place in ran.err
    assert len(ran.err.strip().splitlines()) == 1 and "Traceback" not in ran.err


def test_a_large_input_gives_the_same_group_as_a_full_check(
    cli, results: list[dict[str, Any]], tmp_path: Path
) -> None:
    paths = many(results, tmp_path)
    quick = cli("aggregate", *map(str, paths)).out
    assert quick == cli("aggregate", "--strict", *map(str, paths)).out
    assert json.loads(quick)["respondents"]["count"] == len(paths)


def test_a_large_input_checks_new_questions_in_full(
    cli, results: list[dict[str, Any]], tmp_path: Path
) -> None:
    paths = many(results, tmp_path)
    bad = json.loads(paths[-1].read_text("utf-8"))
    bad["answers"][0]["question_id"] = "brand_new"
    bad["answers"][0]["prompt"] = 42  # read only from a result checked in full
    paths[-1].write_text(json.dumps(bad), "utf-8")
    ran = cli("aggregate", *map(str, paths))
    assert ran.code == 1 and "not a valid result file" in ran.err and "prompt" in ran.err


def test_shape_problem_and_the_compiled_check_agree(results: list[dict[str, Any]]) -> None:
    fits = shape.fits()
    good = results[2]
    assert fits(good) and shape.shape_problem(good) is None and head_fits(good)
    changes = [
        ("bank", "sha256", None),
        ("respondent", "name", 3),
        ("session", "mode", "crowd"),
        ("overall", "score", -1),
        ("overall", "band", 5),
        ("session", "started_at", None),
    ]
    for part, key, value in changes:
        bad = copy.deepcopy(good)
        bad[part][key] = value
        assert not fits(bad) and shape.shape_problem(bad), (part, key)
        if part in ("bank", "respondent", "session"):
            assert not head_fits(bad), (part, key)
    bad = copy.deepcopy(good)
    bad["answers"][5]["distribution"] = {"o1": -1}
    assert not fits(bad) and "answers[5].distribution" in (shape.shape_problem(bad) or "")


def test_builder_errors_name_the_file() -> None:
    builder = GroupBuilder()
    with pytest.raises(ResultFileError, match=r"^odd\.json: not a result .*bank: missing"):
        builder.add(Source("odd.json", "odd.json", {"kind": "result"}, "{}"))
