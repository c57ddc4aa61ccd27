"""Answers files: values normalised as stored answers, and every problem placed and explained."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from readiness.bank.load import build_bank, load_bank
from readiness.bank.yamlsafe import load_file
from readiness.errors import AnswersError, UsageError
from readiness.model import DONT_KNOW, Bank
from readiness.scoring.answers import AnswerSet, Respondent, load_answers

ANSWERS = ROOT / "tests" / "answers"
SCORING_BANK = ROOT / "tests" / "banks" / "scoring" / "scoring.yaml"
INVALID = sorted((ANSWERS / "invalid").glob("*.yaml"))


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(str(SCORING_BANK))


def expected(path: Path) -> str:
    """The message a bad answers file must produce, from its ``# expect:`` first line."""
    return path.read_text("utf-8").splitlines()[0].removeprefix("# expect: ")


def test_values_are_normalised_to_stored_answers(bank: Bank) -> None:
    answer_set, _ = load_answers(ANSWERS / "scoring.yaml", bank)
    assert dict(answer_set.answers) == {
        "lead_vision": "o3",
        "lead_posts": "acting",  # by label
        "lead_risk": "o1",  # by 1-based position
        "lead_learning": "o4",  # by synonym
        "data_share": "no",  # false
        "data_detail": "o0",  # kept: the scoring, not the loader, leaves hidden answers out
        "data_tools": ["dashboard"],
        "data_quality": DONT_KNOW,
        "data_staff": 3,
        "collab_partners": "o1",
        "collab_now": "We meet partners when a case needs it.",
    }


def test_notes_actions_respondent_and_bank_are_kept(bank: Bank) -> None:
    answer_set, _ = load_answers(ANSWERS / "scoring.yaml", bank)
    assert answer_set.notes == {"lead_vision": "Written last year, not yet shared."}
    assert answer_set.actions["A01"] == {"needs": "A shared plan with partners."}
    assert answer_set.respondent == Respondent("Sam Lee", "Head of service", "Northshire")
    assert answer_set.bank_id == "scoring"


def test_answer_to_hidden_question_is_a_placed_warning(bank: Bank) -> None:
    _, warnings = load_answers(ANSWERS / "scoring.yaml", bank)
    assert len(warnings) == 1
    assert warnings[0].startswith(
        f"{ANSWERS / 'scoring.yaml'}:11:16: question 'data_detail' is hidden"
    )


def test_json_answers_read_the_same(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": {"lead_vision": "Most", "data_share": True}}), "utf-8")
    answer_set, warnings = load_answers(path, bank)
    assert answer_set == AnswerSet({"lead_vision": "o3", "data_share": "yes"})
    assert warnings == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_answers_file(path: Path, bank: Bank) -> None:
    """Each file in tests/answers/invalid gives the finding its first line expects, placed."""
    with pytest.raises(AnswersError) as caught:
        load_answers(path, bank)
    assert expected(path) in str(caught.value)
    assert all(f.path == str(path) and f.line > 1 for f in caught.value.findings)


def test_every_problem_is_reported_at_once_in_file_order(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("answers:\n  nope: 1\n  lead_vision: 9\n  data_staff: lots\n", "utf-8")
    with pytest.raises(AnswersError) as caught:
        load_answers(path, bank)
    lines = [(f.line, f.where) for f in caught.value.findings]
    assert lines == [(2, "answers.nope"), (3, "answers.lead_vision"), (4, "answers.data_staff")]
    assert "'lots' is not a number" in str(caught.value)


def test_missing_file_is_a_usage_error(bank: Bank, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        load_answers(tmp_path / "absent.yaml", bank)


def test_empty_answers_are_allowed(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("answers: {}\nrespondent: {role: Team manager}\n", "utf-8")
    answer_set, _ = load_answers(path, bank)
    assert answer_set.answers == {}
    assert answer_set.respondent == Respondent(role="Team manager")


def test_actions_may_be_keyed_by_question_or_by_target(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    path.write_text(
        "answers: {lead_vision: o0}\n"
        "actions:\n"
        "  vision: {now: A draft.}\n"
        "  lead_vision: {needs: An agreed vision.}\n",
        "utf-8",
    )
    answer_set, _ = load_answers(path, bank)
    assert answer_set.actions == {"vision": {"now": "A draft."}}
    assert answer_set.actions_by_question == {"lead_vision": {"needs": "An agreed vision."}}


def test_an_unknown_action_key_suggests_a_question_too(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    path.write_text("answers: {}\nactions:\n  lead_vison: {needs: x}\n", "utf-8")
    with pytest.raises(AnswersError) as caught:
        load_answers(path, bank)
    (finding,) = caught.value.findings
    assert (finding.line, finding.where) == (3, "actions.lead_vison")
    assert finding.message == (
        "no recommendation, audit condition or question 'lead_vison' in the bank 'scoring'; "
        "did you mean 'lead_vision'?"
    )


def test_actions_of_a_question_with_no_target_are_refused(tmp_path: Path) -> None:
    data = load_file(SCORING_BANK).data
    extra = {**data["questions"][0], "id": "lead_extra", "evidences": []}
    bank = build_bank({**data, "questions": [*data["questions"], extra]})
    path = tmp_path / "actions.yaml"
    path.write_text("answers: {}\nactions:\n  lead_extra: {needs: x}\n", "utf-8")
    with pytest.raises(AnswersError) as caught:
        load_answers(path, bank)
    (finding,) = caught.value.findings
    assert finding.line == 3 and finding.message.startswith(
        "question 'lead_extra' has no audit condition or recommendation to put an action plan "
        "under; give the actions under a recommendation (vision, safety,"
    )
