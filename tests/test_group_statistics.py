"""Group statistics: the hand-worked group, the agreement rules, one result, room votes, blockers.

The hand-worked group is four answers files in tests/groups/ scored against
tests/banks/scoring/scoring.yaml (scale "five": o0 0, o1 0.25, o2 0.5, o3 0.75, o4 1):

    who  role           lead_vision  lead_learning  data_quality  collab_partners  collab_meet
    Ana  Senior leader  o4 1         o4 1           o2 .5         o3 .75           o0 0
    Ben  senior leader  o3 .75       o4 1           don't know    o3 .75           o1 .25
    Cat  Practitioner   o1 .25       o2 .5          o2 .5         o2 .5            o3 .75
    Dev  Practitioner   o0 0         o1 .25         o3 .75        o3 .75           o4 1

Cat also answers data_share "yes" (1) and data_tools [dashboard, casefile] (1); everything else
is skipped. Domain scores (leadership: lead_vision weight 2, lead_learning 1):

    leadership  Ana (1×2 + 1)/3 = 100   Ben (.75×2 + 1)/3 = 83.3   Cat (.25×2 + .5)/3 = 33.3
                Dev (0×2 + .25)/3 = 8.3
    data        Ana .5 = 50   Ben none (don't know)   Cat (1 + 1 + .5)/3 = 83.3   Dev 75
    collab      Ana (.75 + 0)/2 = 37.5   Ben (.75 + .25)/2 = 50   Cat 62.5   Dev 87.5
    overall     (leadership×2 + data + collab) / 4, data left out where it has no score:
                Ana 71.9   Ben (83.33×2 + 50)/3 = 72.2   Cat 53.1   Dev 44.8

The group (population sd; from the exact scores, rounded once to one decimal, halves up; with
two people a role, the hand-worked group is built with the smallest role shown set to 2):

    leadership  mean (100 + 250/3 + 100/3 + 25/3)/4 = 56.25 -> 56.3 (averaging the shown scores,
                100 83.3 33.3 8.3, would give 56.225 -> 56.2); median (100/3 + 250/3)/2 = 58.3;
                sd sqrt((43.75² + 27.083² + 22.917² + 47.917²)/4) = 37.0: low, divergent.
                By role: Senior leader (100 + 83.3)/2 = 91.7, Practitioner (33.3 + 8.3)/2 = 20.8:
                70.9 apart, a role gap ("Ben"'s "senior leader" is the same role).
    collab      mean 59.4, median (50 + 62.5)/2 = 56.3, sd 18.5 (moderate), range 50: divergent.
                Senior leader 43.8, Practitioner 75.0: 31.2 apart, a role gap the other way.
    lead_vision item scores ×100: 100 75 25 0, mean 50, sd sqrt((50² + 25² + 25² + 50²)/4) =
                39.5; collab_meet 0 25 75 100 has the same sd: the tie is broken by bank order.
    overall     exact 71.875, 72.222, 53.125 and 44.792: mean 60.5 (Developing), median 62.5,
                sd 11.9. Senior leader (71.875 + 72.222)/2 = 72.05 -> 72.0 (from the shown scores,
                (71.9 + 72.2)/2 = 72.05 -> 72.1), Practitioner (53.125 + 44.792)/2 = 49.0.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from group_helpers import (
    TOP,
    group_results,
    hand_worked_group,
    quick_result,
    write,
)

from readiness.group.aggregate import aggregate
from readiness.group.agreement import Rules, describe
from readiness.group.roles import THEM_AND_US
from readiness.group.sources import Source
from readiness.store import dumps


@pytest.fixture(scope="module")
def results() -> list[dict[str, Any]]:
    return group_results()


@pytest.fixture(scope="module")
def hand_worked(results: list[dict[str, Any]]) -> dict[str, Any]:
    return hand_worked_group(results)


# --- the hand-worked group ------------------------------------------------------------------


def stats(part: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(
        part[k]
        for k in ("n", "mean", "median", "min", "max", "sd", "range", "agreement", "divergent")
    )


def test_respondents_by_role_tidy_case(hand_worked: dict[str, Any]) -> None:
    assert hand_worked["respondents"] == {
        "count": 4,
        "people": 4,
        "by_role": {"Practitioner": 2, "Senior leader": 2},
    }
    assert [m["name"] for m in hand_worked["members"]] == ["Ana", "Ben", "Cat", "Dev"]
    assert hand_worked["members"][1] == {
        "name": "Ben",
        "role": "senior leader",
        "organisation": "Northshire",
        "file": "ben_senior.json",
        "completed_at": "2024-05-01T10:01:00Z",
        "room": False,
        "people": 1,
    }


def test_domain_statistics(hand_worked: dict[str, Any]) -> None:
    domains = hand_worked["domains"]
    assert stats(domains["leadership"]) == (4, 56.3, 58.3, 8.3, 100.0, 37.0, 91.7, "low", True)
    assert domains["leadership"]["by_role"] == {
        "Practitioner": {"n": 2, "mean": 20.8},
        "Senior leader": {"n": 2, "mean": 91.7},
    }
    assert stats(domains["collab"]) == (4, 59.4, 56.3, 37.5, 87.5, 18.5, 50.0, "moderate", True)
    # data: Ben said "don't know", so he has no data score: n 3, counted in no_score
    assert stats(domains["data"]) == (3, 69.4, 75.0, 50.0, 83.3, 14.2, 33.3, "moderate", False)
    assert domains["data"]["no_score"] == 1
    assert domains["leadership"]["band_label"] == "Developing"


def test_overall_is_the_mean_of_overall_scores(hand_worked: dict[str, Any]) -> None:
    overall = hand_worked["overall"]
    assert stats(overall) == (4, 60.5, 62.5, 44.8, 72.2, 11.9, 27.4, "moderate", False)
    assert overall["score"] == 60.5
    assert (overall["band"], overall["band_label"]) == ("developing", "Developing")
    assert overall["by_role"] == {
        "Practitioner": {"n": 2, "mean": 49.0},
        "Senior leader": {"n": 2, "mean": 72.0},
    }


def test_question_statistics_and_distributions(hand_worked: dict[str, Any]) -> None:
    questions = {q["question_id"]: q for q in hand_worked["questions"]}
    assert "collab_now" not in questions  # free text is not aggregated
    vision = questions["lead_vision"]
    assert stats(vision) == (4, 50.0, 50.0, 0.0, 100.0, 39.5, 100.0, "low", True)
    assert vision["distribution"] == {"o0": 1, "o1": 1, "o3": 1, "o4": 1}
    assert vision["labels"]["o4"] == "Fully"
    quality = questions["data_quality"]
    assert (quality["n"], quality["mean"], quality["dont_know"]) == (3, 58.3, 1)
    assert quality["distribution"] == {"o2": 2, "o3": 1}
    detail = questions["data_detail"]  # hidden unless data_share is yes: only Cat saw it
    assert (detail["not_applicable"], detail["skipped"], detail["n"]) == (3, 1, 0)
    tools = questions["data_tools"]  # a multiple choice counts once per option chosen
    assert tools["distribution"] == {"casefile": 1, "dashboard": 1}
    assert (tools["n"], tools["skipped"]) == (1, 3)


def test_agenda_ranks_by_sd_with_ties_in_bank_order(hand_worked: dict[str, Any]) -> None:
    ranked = [(a["rank"], a["question_id"], a["sd"]) for a in hand_worked["agenda"]]
    assert ranked == [
        (1, "lead_vision", 39.5),
        (2, "collab_meet", 39.5),  # the same sd: lead_vision comes first in the bank
        (3, "lead_learning", 32.5),
        (4, "data_quality", 11.8),
        (5, "collab_partners", 10.8),
    ]


def test_role_gaps_are_them_and_us_risks(hand_worked: dict[str, Any]) -> None:
    gaps = [
        (g["scope"], g["id"], g["high"]["role"], g["low"]["role"], g["gap"])
        for g in hand_worked["role_gaps"]
    ]
    assert gaps == [
        ("recommendation", "vision", "Senior leader", "Practitioner", 75.0),
        ("domain", "leadership", "Senior leader", "Practitioner", 70.9),
        ("recommendation", "learning", "Senior leader", "Practitioner", 62.5),
        ("recommendation", "analysis", "Practitioner", "Senior leader", 56.3),
        ("domain", "collab", "Practitioner", "Senior leader", 31.2),
    ]
    # data: Ben has no data score, so only Ana's lies behind the Senior leader figure: it is
    # withheld, and no gap is drawn against it
    data = hand_worked["domains"]["data"]
    assert data["by_role"] == {"Practitioner": {"n": 2, "mean": 79.2}}
    assert data["suppressed_roles"] == ["Senior leader"]
    leadership = hand_worked["role_gaps"][1]
    assert "'them and us'" in leadership["message"]
    # the scoring bank has no engagement recommendation: the source is cited directly
    assert leadership["source"] == THEM_AND_US
    assert "Sebba et al. 2017" in leadership["source"] and "R04" in leadership["source"]


def test_them_and_us_cites_the_results_own_r04_when_present() -> None:
    results = [
        quick_result({**TOP, "q_engagement": "families"}, "Lee", 0, "Senior leader"),
        quick_result({**TOP, "q_engagement": "leaders_only"}, "Kim", 1, "Practitioner"),
    ]
    found = aggregate(
        [Source(f"{i}", f"{i}.json", r, dumps(r)) for i, r in enumerate(results)],
        rules=Rules(min_group=1),
    )
    engagement = next(g for g in found["role_gaps"] if g["id"] == "R04")
    source = results[0]["recommendations"]["R04"]["source"]
    assert engagement["source"] == f"{source} (recommendation R04: Engage people widely and early)"


def test_a_role_gap_of_exactly_the_threshold_is_not_reported() -> None:
    # capacity options space evenly (0, .25, ...): resourced 100 vs core_team 75 is 25 apart;
    # with the threshold raised to 25, it is not "more than" it
    results = [
        quick_result({"q_capacity": "resourced"}, "Lee", 0, "Senior leader"),
        quick_result({"q_capacity": "core_team"}, "Kim", 1, "Practitioner"),
    ]
    sources_ = [Source(f"{i}", f"{i}.json", r, dumps(r)) for i, r in enumerate(results)]
    found = aggregate(sources_, rules=Rules(role_gap=25, min_group=1))
    assert not [g for g in found["role_gaps"] if g["id"] == "capacity"]
    shown = aggregate(sources_, rules=Rules(min_group=1))
    assert [g["gap"] for g in shown["role_gaps"] if g["id"] == "capacity"] == [25.0]


# --- rules and statistics -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sd", "agreement"),
    [(0, "high"), (9.9, "high"), (10, "moderate"), (19.9, "moderate"), (20, "low"), (None, None)],
)
def test_agreement_thresholds(sd: float | None, agreement: str | None) -> None:
    assert Rules().agreement(sd) == agreement


def test_describe_weighs_repeated_values_and_one_value_has_sd_zero() -> None:
    rules = Rules()
    assert describe({40.0: 3, 100.0: 1}, rules)["median"] == 40.0
    assert describe({40.0: 2, 100.0: 2}, rules)["median"] == 70.0
    one = describe({65.0: 1}, rules)
    assert (one["mean"], one["sd"], one["range"], one["agreement"]) == (65.0, 0.0, 0.0, "high")
    assert describe({}, rules)["mean"] is None


# --- one result, rooms, blockers ------------------------------------------------------------


def test_a_single_result_aggregates_to_itself(results: list[dict[str, Any]]) -> None:
    for result in [*results, quick_result({**TOP, "q_leadership": "vacant_or_acting"}, "Lee")]:
        found = aggregate([Source("one.json", "one.json", result, dumps(result))])
        assert found["overall"]["mean"] == result["overall"]["score"]
        assert found["overall"]["band"] == result["overall"]["band"]  # blocker caps included
        for key in ("domains", "recommendations"):
            for pid, part in result[key].items():
                mine = found[key][pid]
                assert (mine["mean"], mine["band"]) == (part["score"], part["band"])
                assert mine["sd"] == (None if part["score"] is None else 0.0)
        for answer, question in zip(
            [a for a in result["answers"] if a["type"] != "text"], found["questions"], strict=True
        ):
            expected = None if answer["status"] != "scored" else round(answer["score"] * 100, 1)
            assert question["mean"] == expected


def test_a_blocker_caps_the_group_only_when_it_holds_for_most() -> None:
    vacant = {**TOP, "q_leadership": "vacant_or_acting"}
    most = [quick_result(vacant, "A", 0), quick_result(vacant, "B", 1), quick_result(TOP, "C", 2)]
    found = aggregate([Source(r["respondent"]["name"], "x.json", r, dumps(r)) for r in most])
    overall = found["overall"]
    assert (overall["uncapped_band"], overall["band"]) == ("ready", "developing")
    assert overall["capped_by"] == ["senior_posts_vacant_or_acting"]
    assert found["blockers"][0]["count"] == 2 and found["blockers"][0]["caps_group"]
    few = [quick_result(vacant, "A", 0), quick_result(TOP, "B", 1), quick_result(TOP, "C", 2)]
    found = aggregate([Source(r["respondent"]["name"], "x.json", r, dumps(r)) for r in few])
    assert found["overall"]["band"] == found["overall"]["uncapped_band"] == "ready"
    assert not found["blockers"][0]["caps_group"]


def room_result() -> dict[str, Any]:
    """The room chose vision_shared most (5 of 10), so that is its recorded answer."""
    room = quick_result({**TOP}, "Workshop room", 5, None)
    room["session"]["mode"] = "room"
    leadership = room["answers"][0]
    assert leadership["question_id"] == "q_leadership"
    leadership["distribution"] = {"vision_shared": 5, "vacant_or_acting": 3, "dont_know": 2}
    return room


def test_room_votes_count_each_head_in_the_questions() -> None:
    room = room_result()
    person = quick_result({**TOP, "q_leadership": "vacant_or_acting"}, "Lee", 0, "Practitioner")
    found = aggregate(
        [
            Source("room.json", "room.json", room, dumps(room)),
            Source("lee.json", "lee.json", person, dumps(person)),
        ]
    )
    leadership = found["questions"][0]
    assert leadership["distribution"] == {"vacant_or_acting": 4, "vision_shared": 5}
    assert leadership["dont_know"] == 2
    # 5 votes of 100 and 3 + 1 of 0 (vacant_or_acting's score is known from Lee's result)
    assert (leadership["n"], leadership["mean"]) == (9, 55.6)
    assert found["members"][0] | {} == {
        "name": "Workshop room",
        "role": None,
        "organisation": None,
        "file": "room.json",
        "completed_at": room["session"]["completed_at"],
        "room": True,
        "people": 10,
    }
    assert found["respondents"]["people"] == 11
    # for domains the room is one respondent, with its own (modal) answers
    assert found["domains"]["leadership"]["n"] == 2
    assert found["respondents"]["by_role"] == {"Practitioner": 1, "unspecified": 1}
    assert not found["warnings"]


def test_room_votes_for_an_unscored_option_are_counted_and_warned_about() -> None:
    room = room_result()
    source = Source("room.json", "room.json", room, dumps(room))
    found = aggregate([source])
    assert found["questions"][0]["n"] == 5  # vacant_or_acting's score is unknown
    assert "3 room vote(s) for 'vacant_or_acting'" in found["warnings"][0]
    scores = {"q_leadership": {"vacant_or_acting": 0.0}}
    found = aggregate([source], option_scores=scores)
    assert (found["questions"][0]["n"], found["questions"][0]["mean"]) == (8, 62.5)


def test_aggregate_command_scores_room_votes_from_the_bundled_bank(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "room.json", room_result())
    ran = cli("aggregate", str(path))
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["questions"][0]["n"] == 8
    assert "warning" not in ran.err
