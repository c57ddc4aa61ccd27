"""Group results: means of exact scores rounded once, and no figures for roles too small to show.

The exact-mean case is the quick bank's R01, evidenced by q_evidence alone, whose options
score 0, 1/3, 2/3 and 1. Three people answer not_looked, reviewed, reviewed: their R01 scores
are 0, 66.667 and 66.667, shown as 0.0, 66.7 and 66.7. The exact mean is 133.333/3 = 44.444,
44.4; averaging the shown scores gives 133.4/3 = 44.467, 44.5, which is what groups showed.
"""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from readiness import schemas
from readiness.bank.load import load_bank
from readiness.group.aggregate import aggregate
from readiness.group.agreement import Rules, round1
from readiness.group.rescore import bundled_banks
from readiness.group.sources import BANK_KEY, Source
from readiness.report.summary import export
from readiness.scoring.answers import AnswerSet, Respondent
from readiness.scoring.scores import score
from readiness.store import dumps

EVIDENCE = ("not_looked", "reviewed", "reviewed")


def quick(answers: dict[str, Any], name: str, index: int, role: str | None) -> dict[str, Any]:
    return score(
        load_bank("quick"),
        AnswerSet(answers, respondent=Respondent(name=name, role=role)),
        started_at=f"2024-05-01T09:{index:02d}:00Z",
        completed_at=f"2024-05-01T10:{index:02d}:00Z",
    )


def sources(results: list[dict[str, Any]]) -> list[Source]:
    return [Source(f"r{i}.json", f"r{i}.json", r, dumps(r)) for i, r in enumerate(results)]


def write_all(folder: Path, results: list[dict[str, Any]]) -> list[str]:
    paths = []
    for index, result in enumerate(results):
        path = folder / f"r{index}.json"
        path.write_text(dumps(result), "utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture(scope="module")
def evidence() -> list[dict[str, Any]]:
    return [
        quick({"q_evidence": value, "q_data": "listed"}, f"P{i}", i, "Practitioner")
        for i, value in enumerate(EVIDENCE)
    ]


# --- means of exact scores, rounded once ------------------------------------------------------


def test_the_r01_case_is_the_exact_mean_rounded_once(evidence: list[dict[str, Any]]) -> None:
    question = load_bank("quick").question_by_id["q_evidence"]
    exact = [Fraction(o.score).limit_denominator(1000) * 100 for o in question.options]
    by_id = dict(zip((o.id for o in question.options), exact, strict=True))
    expected = round1(float(sum(by_id[v] for v in EVIDENCE) / len(EVIDENCE)))
    shown = [r["recommendations"]["R01"]["score"] for r in evidence]
    assert expected == 44.4 and round1(sum(shown) / len(shown)) == 44.5  # the case discriminates
    keys = [BANK_KEY(evidence[0]["bank"])]
    group = aggregate(sources(evidence), banks=bundled_banks(keys))
    r01 = group["recommendations"]["R01"]
    assert (r01["mean"], r01["score"]) == (expected, expected)
    assert r01["by_role"] == {"Practitioner": {"n": 3, "mean": expected}}
    assert not group["warnings"]


def test_the_command_takes_exact_scores_from_the_bundled_bank(
    cli, evidence: list[dict[str, Any]], tmp_path: Path
) -> None:
    ran = cli("aggregate", *write_all(tmp_path, evidence))
    assert ran.code == 0, ran.err
    group = json.loads(ran.out)
    assert group["recommendations"]["R01"]["mean"] == 44.4
    # data: (0 + 2/3)/2 and (2/3 + 2/3)/2 twice: 33.333, 66.667, 66.667; exact mean 55.6
    assert group["domains"]["data"]["mean"] == 55.6
    assert group["schema_version"] == "1.3" and not schemas.check_data(group, "group")


def test_a_score_its_answers_do_not_give_is_kept_and_warned_about(
    evidence: list[dict[str, Any]],
) -> None:
    edited = copy.deepcopy(evidence)
    edited[0]["recommendations"]["R01"]["score"] = 30.0  # its answer (not_looked) gives 0
    group = aggregate(sources(edited))
    assert group["recommendations"]["R01"]["min"] == 30.0
    assert group["warnings"] == [
        "1 result(s) show scores their answers do not give under the scoring rules (another "
        "bank's weights, or an edited file); the scores they show were used"
    ]


def test_without_the_bank_the_results_item_scores_are_used(
    evidence: list[dict[str, Any]],
) -> None:
    # the results hold two thirds as 0.667: (0 + .667)/2 = 33.35 for the first one's data
    # domain, shown as 33.3; rounding explains the difference, so it is not warned about (a
    # custom bank scored in thirds is exact only where the bank is at hand)
    group = aggregate(sources(evidence))
    assert not group["warnings"]
    assert group["domains"]["data"]["min"] == 33.3
    assert group["recommendations"]["R01"]["mean"] == round1((0 + 66.7 + 66.7) / 3)


# --- no figures for roles too small to show --------------------------------------------------


TOP = {
    "q_leadership": "vision_shared",
    "q_capacity": "resourced",
    "q_engagement": "families",
    "q_evidence": "shaped",
}
LOW = {
    "q_leadership": "vacant_or_acting",
    "q_capacity": "none",
    "q_engagement": "leaders_only",
    "q_evidence": "not_looked",
}


@pytest.fixture(scope="module")
def teams() -> list[dict[str, Any]]:
    """Three of Team x answer high; one of Team y answers low: 'Team y 0.0 (n=1)' before."""
    found = [quick(TOP, f"X{i}", i, "Team x") for i in range(3)]
    return [*found, quick(LOW, "Yan", 3, "Team y")]


def _role_figures(group: dict[str, Any]) -> list[dict[str, Any]]:
    parts = [group["overall"], *group["domains"].values(), *group["recommendations"].values()]
    return [*parts, *group["questions"]]


def test_a_role_of_one_has_no_figures_and_no_gap(teams: list[dict[str, Any]]) -> None:
    group = aggregate(sources(teams))
    assert group["rules"]["min_group"] == 3
    for part in _role_figures(group):
        assert "Team y" not in part["by_role"]
        if part["n"]:
            assert part["suppressed_roles"] == ["Team y"]
    assert group["overall"]["by_role"] == {"Team x": {"n": 3, "mean": 100.0}}
    assert group["role_gaps"] == []
    assert not schemas.check_data(group, "group")
    text = export(group, "text", width=80)
    assert "(n=1)" not in text and "them and us" not in text.lower()


def test_a_smaller_minimum_shows_the_role_and_its_gap(teams: list[dict[str, Any]]) -> None:
    group = aggregate(sources(teams), rules=Rules(min_group=1))
    assert group["overall"]["by_role"]["Team y"] == {"n": 1, "mean": 0.0}
    assert group["overall"]["suppressed_roles"] == []
    assert {g["low"]["role"] for g in group["role_gaps"]} == {"Team y"}


def test_a_role_suppressed_in_one_part_only(teams: list[dict[str, Any]]) -> None:
    # a fourth Team y member, and two of them skip q_capacity: capacity has only two Team y
    # values behind it, so Team y is withheld there and shown elsewhere
    more = [
        *teams,
        *(quick({**LOW, "q_capacity": None}, f"Y{i}", 10 + i, "Team y") for i in range(2)),
    ]
    group = aggregate(sources(more))
    assert group["overall"]["by_role"]["Team y"]["n"] == 3
    assert group["domains"]["capacity"]["suppressed_roles"] == ["Team y"]
    assert "Team y" not in group["domains"]["capacity"]["by_role"]
    gaps = {g["id"] for g in group["role_gaps"]}
    assert "leadership" in gaps and "capacity" not in gaps


def test_min_group_option(cli, teams: list[dict[str, Any]], tmp_path: Path) -> None:
    paths = write_all(tmp_path, teams)
    default = json.loads(cli("aggregate", *paths).out)
    assert default["rules"]["min_group"] == 3 and default["role_gaps"] == []
    one = json.loads(cli("aggregate", "--min-group", "1", *paths).out)
    assert one["rules"]["min_group"] == 1 and one["role_gaps"]
    for bad in ("0", "-2"):
        ran = cli("aggregate", "--min-group", bad, *paths)
        assert ran.code == 2 and f"--min-group {bad}" in ran.err and not ran.out
    assert cli("aggregate", "--min-group", "three", *paths).code == 2
    assert "--min-group N" in cli("aggregate", "--help").out


def test_a_group_of_schema_1_0_is_still_valid(teams: list[dict[str, Any]]) -> None:
    """Group files written before min_group still validate, so they can still be reported."""
    old = aggregate(sources(teams), rules=Rules(min_group=1))
    old["schema_version"] = "1.0"
    del old["rules"]["min_group"]
    for part in _role_figures(old):
        del part["suppressed_roles"]
    assert not schemas.check_data(old, "group")


# --- the band follows the mean people see ------------------------------------------------------


def test_a_mean_shown_as_40_is_in_the_band_that_starts_at_40() -> None:
    """Exact mean 39.96 is shown as 40.0: its band must be the one starting at 40, not below."""
    from readiness.group.aggregate import _part
    from readiness.group.builder import GroupBuilder
    from readiness.group.tallies import Part

    builder = GroupBuilder()
    builder.bands = [
        {"id": "early", "label": "Early days", "min": 0, "max": 40},
        {"id": "developing", "label": "Developing", "min": 40, "max": 101},
    ]
    part = Part({"title": "R01"})
    for value in (39.9, 40.0, 39.98):  # mean 39.96
        part.count("Practitioner", value, 1)
    shown = _part(builder, part, {})
    assert (shown["score"], shown["band"]) == (40.0, "developing")
