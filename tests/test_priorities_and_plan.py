"""Priorities, bands and the action plan of a result: what people read first must add up.

Uses the scoring bank (tests/banks/scoring/scoring.yaml, worked out by hand in
tests/test_scoring.py) and tiny banks built here.
"""

from __future__ import annotations

import json

import pytest
from scoring_helpers import ANSWERS, SCORING_BANK, STAMPS, tiny_bank

from readiness import schemas
from readiness.bank.load import build_bank, load_bank
from readiness.model import Bank
from readiness.scoring.answers import AnswerSet, load_answers
from readiness.scoring.scores import score
from readiness.session.engine import Session


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(str(SCORING_BANK))


@pytest.fixture(scope="module")
def result(bank: Bank) -> dict:
    answer_set, _ = load_answers(ANSWERS / "scoring.yaml", bank)
    return score(bank, answer_set, **STAMPS)


# --- priorities -----------------------------------------------------------------------------


def test_recommendations_behind_a_holding_blocker_come_first(result: dict) -> None:
    """acting_leaders (lead_posts: vision, safety) and no_sharing (data_share: sharing) hold:
    those three come first, weakest first, before the weakest of the rest. learning is in the
    top band, so it is never a priority."""
    ranked = [(p["rank"], p["recommendation"], p["score"]) for p in result["priorities"]]
    assert ranked == [
        (1, "sharing", 25.0),
        (2, "safety", 37.5),
        (3, "vision", 50.0),
        (4, "partners", 25.0),
        (5, "analysis", 66.7),
    ]
    whys = [p["why"] for p in result["priorities"]]
    acting = "Senior posts are vacant or acting; leadership cannot be more than developing."
    sharing = "Data is not shared with partners; overall readiness cannot be more than developing."
    assert whys == [
        f"a blocker holds: {sharing}",
        f"a blocker holds: {acting}",
        f"a blocker holds: {acting}",
        "a practice scoring 25.0: need 75.0, counted at 0.8 for its kind (60.0)",
        "a practice scoring 66.7: need 33.3, counted at 0.8 for its kind (26.6)",
    ]
    assert result["priorities"][0]["reason"] == (
        f"A blocker holds: {sharing.rstrip('.')}. It scores 25.0 (Early days), "
        "with 2 of 2 questions answered"
    )
    assert result["priorities"][3]["reason"] == (
        "Highest need of the other recommendations, weighted by kind: it scores 25.0 "
        "(Early days), with 1 of 1 question answered"
    )


def test_a_holding_blocker_makes_a_priority_of_an_otherwise_strong_result() -> None:
    """r scores (1×9 + 0×1) / 10 = 90.0, in the top band, so it used to be no priority at all,
    although a blocker on q2 holds and caps the result."""
    data = tiny_bank(options=[{"id": "a", "label": "A", "score": 1}])
    data["questions"][0]["weight"] = 9
    data["questions"].append(
        {
            "id": "q2",
            "domain": "d",
            "prompt": "Q2?",
            "type": "yesno",
            "help": {"text": "H.", "source": {"ref": "s"}},
            "evidences": ["r"],
        }
    )
    data["blockers"] = [
        {
            "id": "b",
            "when": {"question": "q2", "in": ["no"]},
            "caps": {"band": "low"},
            "message": "No.",
        }
    ]
    found = score(build_bank(data), AnswerSet({"q1": ["a"], "q2": "no"}), **STAMPS)
    assert found["recommendations"]["r"]["band"] == "high" and found["overall"]["band"] == "low"
    assert [(p["recommendation"], p["score"], p["why"]) for p in found["priorities"]] == [
        ("r", 90.0, "a blocker holds: No.")
    ]
    assert schemas.check_data(found, "result") == []


def test_priorities_tie_broken_by_bank_order(bank: Bank) -> None:
    """No blocker holds. sharing (1 + 0.75 + 0.5) / 3 = 75.0 and partners 0.75 = 75.0 tie; the
    bank lists sharing first (by id, partners would come first). safety (1 + 0.75) / 2 = 87.5
    and learning 100 are in the top band."""
    answers = {
        **_scoring_answers(bank),
        "lead_posts": "stable",
        "data_share": "yes",
        "data_detail": "o3",
        "collab_partners": "o3",
    }
    found = score(bank, AnswerSet(answers), **STAMPS)
    assert found["blockers"] == []
    ranked = [(p["rank"], p["recommendation"], p["score"]) for p in found["priorities"]]
    assert ranked == [
        (1, "analysis", 66.7),  # (0.5 + 0.75×2) / 3
        (2, "sharing", 75.0),
        (3, "partners", 75.0),
        (4, "vision", 83.3),  # (0.75×2 + 1) / 3
    ]
    sharing = found["priorities"][1]
    assert sharing["reason"] == (
        "Second highest need, weighted by kind: it scores 75.0 (Established), "
        "with 3 of 3 questions answered"
    )
    assert (
        sharing["why"] == "a practice scoring 75.0: need 25.0, counted at 0.8 for its kind (20.0)"
    )
    assert sharing["next_steps"] == ["Sign a data-sharing agreement."]
    assert sharing["source"] == "Source 2017, p. 3"


def _scoring_answers(bank: Bank) -> dict:
    answer_set, _ = load_answers(ANSWERS / "scoring.yaml", bank)
    return dict(answer_set.answers)


# --- bands follow the score people see ------------------------------------------------------


def _number_bank() -> Bank:
    """One number question scored linearly 0..10000, bands starting at 40 and 85."""
    data = tiny_bank(options=[])
    data["questions"][0] = {
        "id": "q1",
        "domain": "d",
        "prompt": "How many?",
        "type": "number",
        "number": {"min": 0, "max": 10000, "worst": 0, "best": 10000},
        "help": {"text": "H.", "source": {"ref": "s"}},
        "evidences": ["r"],
    }
    data["bands"] = [
        {"id": "early", "label": "Early days", "min": 0, "max": 40},
        {"id": "developing", "label": "Developing", "min": 40, "max": 85},
        {"id": "ready", "label": "Ready", "min": 85, "max": 100},
    ]
    return build_bank(data)


def test_a_score_shown_as_40_is_in_the_band_that_starts_at_40() -> None:
    """3996 of 10000 is 39.96, shown as 40.0: every band of it is Developing, not Early days."""
    bank = _number_bank()
    found = score(bank, AnswerSet({"q1": 3996}), **STAMPS)
    shown = [
        (found["overall"]["score"], found["overall"]["band"]),
        (found["domains"]["d"]["score"], found["domains"]["d"]["band"]),
        (found["recommendations"]["r"]["score"], found["recommendations"]["r"]["band"]),
        (found["priorities"][0]["score"], found["priorities"][0]["band"]),
    ]
    assert shown == [(40.0, "developing")] * 4
    assert found["overall"]["uncapped_band"] == "developing"
    session = Session(bank)
    reflection = session.answer(3996)
    assert reflection is not None and (reflection.score, reflection.band) == (40.0, "developing")
    below = score(bank, AnswerSet({"q1": 3994}), **STAMPS)  # 39.94, shown as 39.9
    assert (below["overall"]["score"], below["overall"]["band"]) == (39.9, "early")


# --- the action plan: one row per (target, question) ----------------------------------------


def test_replies_to_two_questions_under_one_target_are_two_rows(bank: Bank) -> None:
    """lead_vision and lead_posts both put their action plans under vision (their first
    recommendation): one row each, after the row given for vision as a whole, none lost."""
    answer_set = AnswerSet(
        {"lead_vision": "o0", "lead_posts": "acting"},
        actions={"vision": {"now": "A draft."}},
        actions_by_question={
            "lead_posts": {"needs": "Permanent heads.", "progress": "Recruit."},
            "lead_vision": {"needs": "An agreed vision."},
        },
    )
    found = score(bank, answer_set, **STAMPS)
    rows = [(a["id"], a["question"], a["now"], a["needs"], a["progress"]) for a in found["actions"]]
    assert rows == [
        ("vision", None, "A draft.", None, None),
        ("vision", "lead_vision", None, "An agreed vision.", None),
        ("vision", "lead_posts", None, "Permanent heads.", "Recruit."),
    ]
    vision = next(p for p in found["priorities"] if p["recommendation"] == "vision")
    assert [a["question"] for a in vision["actions"]] == [None, "lead_vision", "lead_posts"]
    assert list(found["actions"][0]) == [
        "id",
        "kind",
        "title",
        "recommendation",
        "question",
        "now",
        "needs",
        "progress",
    ]
    assert found["schema_version"] == "1.4" and schemas.check_data(found, "result") == []


def test_a_result_of_schema_1_0_is_still_valid(result: dict) -> None:
    """Results written before 1.1 have no 'question' on action rows and no 'why'."""
    old = json.loads(json.dumps(result))
    old["schema_version"] = "1.0"
    for row in [*old["actions"], *(a for p in old["priorities"] for a in p["actions"])]:
        del row["question"]
    for priority in old["priorities"]:
        del priority["why"]
    assert schemas.check_data(old, "result") == []
