"""The scoring rules: item scores, conditions and the worked example, checked by hand.

These pin the arithmetic every report rests on, so a change to scoring shows up as a
number that no longer matches the sum written beside it. The score command and result
files are in tests/test_score_command.py.

The bank is tests/banks/scoring/scoring.yaml and the answers tests/answers/scoring.yaml. Its
scale "five" spaces options evenly: o0 0, o1 0.25, o2 0.5, o3 0.75, o4 1. The item scores:

    question         domain      weight  answer              item score
    lead_vision      leadership  2       o3                  0.75
    lead_posts       leadership  1       acting              0 (acting_leaders blocker holds)
    lead_risk        leadership  1       o1, reversed        1 - 0.25 = 0.75
    lead_learning    leadership  1       o4                  1
    data_share       data        1       no                  0 (no_sharing blocker holds)
    data_detail      data        1       o0, but hidden      counts nowhere (data_share is no)
    data_tools       data        1       [dashboard]         0.5
    data_quality     data        1       dont_know           left out, a gap
    data_staff       data        2       3 (worst 0, best 4) 3 / 4 = 0.75
    collab_partners  collab      1       o1                  0.25
    collab_meet      collab      1       skipped             left out, a gap
    collab_now       collab      -       text                never scored; fills A01 "now"
"""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from scoring_helpers import ANSWERS, STAMPS, scoring_bank, tiny_bank, worked_result

from readiness import schemas
from readiness.bank.load import build_bank
from readiness.model import DONT_KNOW, Bank
from readiness.scoring.answers import AnswerSet, load_answers
from readiness.scoring.questions import applicable_questions, item_score
from readiness.scoring.scores import score
from readiness.store import dumps


@pytest.fixture(scope="module")
def bank() -> Bank:
    return scoring_bank()


@pytest.fixture(scope="module")
def result(bank: Bank) -> dict:
    return worked_result(bank)


# --- item scores ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qid", "value", "expected"),
    [
        ("lead_vision", "o0", 0.0),
        ("lead_vision", "o2", 0.5),
        ("lead_vision", "o4", 1.0),
        ("lead_risk", "o4", 0.0),  # reversed: 1 - 1
        ("lead_risk", "o1", 0.75),  # reversed: 1 - 0.25
        ("data_share", "yes", 1.0),
        ("data_share", "no", 0.0),
        ("data_tools", ["dashboard", "casefile"], 1.0),  # 0.5 + 0.5
        ("data_tools", ["none"], 0.0),
        ("data_tools", [], 0.0),  # nothing chosen is an answer: none of them
        ("data_staff", 2, 0.5),  # (2 - 0) / (4 - 0)
        ("data_staff", 40, 1.0),  # clamped at best
        ("lead_vision", DONT_KNOW, None),
        ("lead_vision", None, None),
        ("collab_now", "Some text", None),
    ],
)
def test_item_score(bank: Bank, qid: str, value: object, expected: float | None) -> None:
    assert item_score(bank.question_by_id[qid], value) == expected


def test_multiple_choice_sum_is_at_most_one() -> None:
    bank = build_bank(
        tiny_bank(
            options=[
                {"id": "a", "label": "A", "score": 0.75},
                {"id": "b", "label": "B", "score": 0.75},
            ]
        )
    )
    assert item_score(bank.question_by_id["q1"], ["a", "b"]) == 1.0


def test_an_option_without_a_score_is_left_out_not_counted(bank: Bank) -> None:
    """A "not applicable" option scores nothing and does not lower coverage."""
    tiny = build_bank(
        tiny_bank(
            options=[
                {"id": "a", "label": "A", "score": 1},
                {"id": "na", "label": "Not applicable", "score": None},
            ]
        )
    )
    assert item_score(tiny.question_by_id["q1"], "na") is None
    found = score(tiny, AnswerSet({"q1": "na"}), **STAMPS)
    assert found["answers"][0]["status"] == "no_score"
    assert (found["overall"]["answered"], found["overall"]["applicable"]) == (0, 0)
    assert found["overall"]["coverage"] is None and found["gaps"] == []


# --- conditions -----------------------------------------------------------------------------


def test_hidden_question_is_not_applicable(bank: Bank) -> None:
    shown = [q.id for q in applicable_questions(bank, {"data_share": "no"})]
    assert "data_detail" not in shown
    assert "data_detail" in [q.id for q in applicable_questions(bank, {"data_share": "yes"})]


def test_answers_to_hidden_questions_count_as_absent_in_later_conditions() -> None:
    data = tiny_bank(options=[{"id": "a", "label": "A", "score": 1}])
    question = data["questions"][0]
    gate = {k: v for k, v in question.items() if k != "options"} | {"id": "gate", "type": "yesno"}
    data["questions"] = [
        gate,
        {**question, "id": "middle", "when": {"question": "gate", "in": ["yes"]}},
        {**question, "id": "last", "when": {"question": "middle", "answered": True}},
    ]
    bank = build_bank(data)
    answers = {"gate": "no", "middle": ["a"], "last": ["a"]}
    assert [q.id for q in applicable_questions(bank, answers)] == ["gate"]


# --- the worked example ---------------------------------------------------------------------


def test_domain_scores_by_hand(result: dict) -> None:
    domains = result["domains"]
    # leadership: (0.75×2 + 0×1 + 0.75×1 + 1×1) / (2+1+1+1) = 3.25 / 5 = 0.65 -> 65.0
    assert domains["leadership"]["score"] == 65.0
    # 65.0 is exactly on the established threshold: it takes the higher band, but the
    # acting_leaders blocker caps leadership at developing.
    assert domains["leadership"]["uncapped_band"] == "established"
    assert domains["leadership"]["band"] == "developing"
    assert domains["leadership"]["capped_by"] == ["acting_leaders"]
    # data: (0×1 + 0.5×1 + 0.75×2) / (1+1+2) = 2 / 4 -> 50.0; data_detail hidden,
    # data_quality "don't know": 3 of 4 applicable answered.
    assert domains["data"]["score"] == 50.0
    assert (domains["data"]["answered"], domains["data"]["applicable"]) == (3, 4)
    assert domains["data"]["coverage"] == 0.75
    # collab: 0.25×1 / 1 -> 25.0; collab_meet skipped, collab_now text: 1 of 2, coverage 0.5,
    # which is not low confidence (low is below 0.5).
    assert domains["collab"]["score"] == 25.0
    assert (domains["collab"]["coverage"], domains["collab"]["low_confidence"]) == (0.5, False)
    assert domains["collab"]["band"] == "early"


def test_overall_by_hand(result: dict) -> None:
    overall = result["overall"]
    # domain weights leadership 2, data 1, collab 1: (65×2 + 50×1 + 25×1) / 4 = 205 / 4 = 51.25,
    # shown as 51.3 (halves round up); developing.
    assert overall["score"] == 51.3
    assert overall["band"] == "developing"
    # The no_sharing blocker caps overall at developing: it holds but changes nothing.
    assert overall["capped_by"] == []
    # answered 4 + 3 + 1 = 8 of applicable 4 + 4 + 2 = 10.
    assert (overall["answered"], overall["applicable"], overall["coverage"]) == (8, 10, 0.8)


def test_recommendation_scores_by_hand(result: dict) -> None:
    scores = {rid: r["score"] for rid, r in result["recommendations"].items()}
    assert scores == {
        "vision": 50.0,  # (0.75×2 + 0×1) / 3 = 1.5 / 3
        "safety": 37.5,  # (0×1 + 0.75×1) / 2, lead_risk reversed
        "sharing": 25.0,  # (0×1 + 0.5×1) / 2; data_detail hidden
        "analysis": 66.7,  # (0.5×1 + 0.75×2) / 3 = 2 / 3; don't know and skipped left out
        "partners": 25.0,  # 0.25×1 / 1
        "learning": 100.0,  # 1×1 / 1
    }
    assert result["recommendations"]["analysis"]["coverage"] == 0.5  # 2 of 4
    assert result["recommendations"]["analysis"]["band"] == "established"


def test_priority_carries_the_respondents_action_notes(result: dict) -> None:
    partners = next(p for p in result["priorities"] if p["recommendation"] == "partners")
    assert [a["id"] for a in partners["actions"]] == ["A01"]
    assert partners["actions"][0]["now"] == "We meet partners when a case needs it."
    assert partners["actions"][0]["needs"] == "A shared plan with partners."


def test_gaps_blockers_actions_and_warnings(result: dict) -> None:
    assert [(g["question_id"], g["kind"]) for g in result["gaps"]] == [
        ("data_quality", "dont_know"),
        ("collab_meet", "skipped"),
    ]
    # hidden_detail would hold on data_detail's answer, but a hidden answer counts as absent.
    assert [(b["rule"], b["effective"]) for b in result["blockers"]] == [
        ("acting_leaders", True),
        ("no_sharing", False),
    ]
    assert [(a["id"], a["now"], a["needs"], a["progress"]) for a in result["actions"]] == [
        ("vision", "Draft vision.", "Agreement.", "Workshop in May."),
        ("A01", "We meet partners when a case needs it.", "A shared plan with partners.", None),
    ]
    assert len(result["warnings"]) == 1 and result["warnings"][0].startswith("data_detail:")


def test_answers_listed_in_bank_order_with_their_part(result: dict) -> None:
    answers = {a["question_id"]: a for a in result["answers"]}
    assert list(answers) == [
        "lead_vision",
        "lead_posts",
        "lead_risk",
        "lead_learning",
        "data_share",
        "data_detail",
        "data_tools",
        "data_quality",
        "data_staff",
        "collab_partners",
        "collab_meet",
        "collab_now",
    ]
    assert (
        answers["data_detail"] | {"applicable": False, "value": None, "score": None}
        == answers["data_detail"]
    )
    assert (answers["lead_risk"]["score"], answers["lead_risk"]["reverse"]) == (0.75, True)
    assert answers["data_quality"]["dont_know"] and answers["data_quality"]["score"] is None
    assert answers["collab_meet"]["skipped"]
    assert answers["lead_vision"]["note"] == "Written last year, not yet shared."
    assert answers["data_staff"]["value_label"] == "3 analysts"


def test_result_is_valid_and_carries_what_the_report_needs(result: dict) -> None:
    assert schemas.check_data(result, "result") == []
    assert result["session"] == STAMPS
    assert [b["label"] for b in result["bands"]] == [
        "Early days",
        "Developing",
        "Established",
        "Ready",
    ]
    assert result["bank"]["id"] == "scoring" and len(result["bank"]["sha256"]) == 64


def test_result_is_valid_against_the_printed_schema(cli, result: dict) -> None:
    printed = json.loads(cli("schema", "result").out)
    Draft202012Validator.check_schema(printed)
    assert list(Draft202012Validator(printed).iter_errors(result)) == []


def test_same_input_gives_identical_bytes(bank: Bank) -> None:
    answer_set, _ = load_answers(ANSWERS / "scoring.yaml", bank)
    assert dumps(score(bank, answer_set, **STAMPS)) == dumps(score(bank, answer_set, **STAMPS))


def test_timestamps_default_to_now_in_utc(bank: Bank) -> None:
    found = score(bank, AnswerSet({}))
    assert found["session"]["started_at"].endswith("Z")
    assert found["overall"]["score"] is None and found["priorities"] == []


def test_low_confidence_below_half_answered(bank: Bank) -> None:
    found = score(bank, AnswerSet({"lead_vision": "o4", "data_share": "yes"}), **STAMPS)
    leadership = found["domains"]["leadership"]
    # 1 of 4 applicable leadership questions answered: coverage 0.25 < 0.5.
    assert (leadership["coverage"], leadership["low_confidence"]) == (0.25, True)
    # data_share yes shows data_detail: 1 of 5 applicable data questions answered.
    assert (found["domains"]["data"]["applicable"], found["domains"]["data"]["coverage"]) == (
        5,
        0.2,
    )
    assert found["overall"]["low_confidence"] is True


def test_a_low_confidence_priority_says_so(bank: Bank) -> None:
    # analysis is evidenced by 4 applicable questions; only data_staff is answered (0 -> 0.0).
    found = score(bank, AnswerSet({"data_staff": 0}), **STAMPS)
    (first,) = found["priorities"]
    assert first["recommendation"] == "analysis"
    assert first["reason"] == (
        "Highest need, weighted by kind: it scores 0.0 (Early days), with 1 of 4 questions "
        "answered; low confidence: fewer than half answered"
    )


def test_nothing_in_the_top_band_is_a_priority(bank: Bank) -> None:
    best = {q.id: q.options[-1].id for q in bank.questions if q.type in ("scale", "single")}
    best |= {
        "lead_posts": "stable",
        "lead_risk": "o0",
        "data_share": "yes",
        "data_staff": 4,
        "data_tools": ["dashboard", "casefile"],
    }
    found = score(bank, AnswerSet(best), **STAMPS)
    assert {r["band"] for r in found["recommendations"].values()} == {"ready"}
    assert found["priorities"] == []
