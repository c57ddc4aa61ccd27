"""``readiness compare`` of two groups (last year's workshop and this year's), a result with a
group (refused), and two results from different people (compared, with a plain note).

Last year three people answered q_capacity goodwill (25), goodwill and core_team (75); this year
resourced (100), resourced and core_team: capacity 41.7 -> 91.7 (+50.0), its sd 23.6 -> 11.8,
so agreement went from low to moderate.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from readiness.bank.load import load_bank
from readiness.errors import ResultFileError
from readiness.group import compare
from readiness.group.aggregate import aggregate
from readiness.group.sources import Source
from readiness.report import compare_text
from readiness.scoring.answers import AnswerSet, Respondent
from readiness.scoring.scores import score
from readiness.store import dumps


def quick(answers: dict[str, Any], name: str, year: int, index: int = 0) -> dict[str, Any]:
    who = Respondent(name=name, role="Practitioner", organisation="Northshire")
    return score(
        load_bank("quick"),
        AnswerSet(answers, respondent=who),
        started_at=f"{year}-05-01T09:{index:02d}:00Z",
        completed_at=f"{year}-05-01T10:{index:02d}:00Z",
    )


def workshop(year: int, capacity: tuple[str, ...]) -> dict[str, Any]:
    results = [
        quick({"q_capacity": value, "q_leadership": "vision_written"}, f"P{i}", year, i)
        for i, value in enumerate(capacity)
    ]
    return aggregate([Source(f"{i}", f"{i}.json", r, dumps(r)) for i, r in enumerate(results)])


@pytest.fixture(scope="module")
def groups() -> tuple[dict[str, Any], dict[str, Any]]:
    return (
        workshop(2023, ("goodwill", "goodwill", "core_team")),
        workshop(2024, ("resourced", "resourced", "core_team")),
    )


def test_two_groups_compare_scores_and_agreement(
    groups: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    found = compare.compare(*groups, ("2023.json", "2024.json"))
    capacity = next(d for d in found["domains"] if d["id"] == "capacity")
    assert (capacity["before"], capacity["after"], capacity["change"]) == (41.7, 91.7, 50.0)
    assert (capacity["agreement_before"], capacity["agreement_after"]) == ("low", "moderate")
    assert (capacity["sd_before"], capacity["sd_after"]) == (23.6, 11.8)
    assert (capacity["n_before"], capacity["n_after"]) == (3, 3)
    r02 = next(r for r in found["recommendations"] if r["id"] == "R02")
    assert r02["change"] == 50.0 and r02["agreement_after"] == "moderate"
    assert found["overall"]["before"] == groups[0]["overall"]["score"]
    assert found["before"] == {
        "kind": "group",
        "file": "2023.json",
        "respondents": {"count": 3, "people": 3},
        "completed_at": "2023-05-01T10:02:00Z",
        "bank_version": "1.1.0",
    }
    assert found["improved"][0]["id"] == "capacity" and not found["declined"]
    assert found["priorities"] == {"entered": [], "left": [], "moved": []}
    assert not found["warnings"]
    text = "\n".join(compare_text.text_lines(found, 80))
    assert "What changed in the group: bank quick 1.1.0" in text
    assert "Before: 2023.json, 3 results, the last completed 2023-05-01 10:02 UTC" in text
    assert "low → moderate" in text and max(map(len, text.splitlines())) <= 80


def test_the_command_compares_two_group_files(
    cli, groups: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    paths = []
    for year, group in zip((2023, 2024), groups, strict=True):
        path = tmp_path / f"{year}.json"
        path.write_text(dumps(group), "utf-8")
        paths.append(str(path))
    ran = cli("compare", *paths, "--format", "json")
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["after"]["kind"] == "group"
    assert "What changed in the group" in cli("compare", *paths).out


def test_a_result_and_a_group_are_refused(
    cli, groups: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    one = quick({"q_capacity": "none"}, "Sam", 2024)
    with pytest.raises(ResultFileError, match=r"^g\.json: this is a group result, but r\.json"):
        compare.compare(one, groups[1], ("r.json", "g.json"))
    single, group = tmp_path / "single.json", tmp_path / "group.json"
    single.write_text(dumps(one), "utf-8")
    group.write_text(dumps(groups[0]), "utf-8")
    ran = cli("compare", str(group), str(single))
    assert ran.code == 1 and not ran.out and "Traceback" not in ran.err
    assert f"{group}: this is a group result, but {single} is a single result" in ran.err
    assert "two group results" in ran.err


def test_results_of_different_people_are_compared_with_a_note(cli, tmp_path: Path) -> None:
    sam = quick({"q_capacity": "none"}, "Sam Lee", 2023)
    alex = quick({"q_capacity": "resourced"}, "Alex\x1b[2J Kim", 2024)
    found = compare.compare(sam, alex)
    assert found["warnings"][0].startswith(
        "these results are from different respondents (Sam Lee, Alex␛[2J Kim): the changes are "
        "between two views"
    )
    assert not compare.compare(sam, quick({"q_capacity": "goodwill"}, " sam  LEE", 2024))[
        "warnings"
    ]
    paths = [tmp_path / "a.json", tmp_path / "b.json"]
    for path, result in zip(paths, (sam, alex), strict=True):
        path.write_text(dumps(result), "utf-8")
    ran = cli("compare", *map(str, paths))
    assert ran.code == 0
    assert "readiness: warning: these results are from different respondents" in ran.err
    assert "\x1b" not in ran.err
