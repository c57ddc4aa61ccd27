"""A person's own words (issue 11): kept with the answer in the session, the answers file and
the result, carried into group results (never naming a role too small to show), exported in
CSV and shown in the summary beside the option they were taken as."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from readiness import schemas
from readiness.bank.load import load_bank
from readiness.errors import AnswersError
from readiness.group.aggregate import aggregate
from readiness.group.sources import Source
from readiness.report import tables
from readiness.report.summary import export
from readiness.scoring.answers import AnswerSet, Respondent, load_answers
from readiness.scoring.scores import score
from readiness.session import files as sessions
from readiness.session.engine import Session
from readiness.store import dumps

QUICK = load_bank("quick")
WORDS = "our DCS is acting up at the moment"


def result(role: str | None, index: int, words: str | None = WORDS) -> dict[str, Any]:
    replies = {"q_leadership": words} if words else {}
    return score(
        QUICK,
        AnswerSet(
            {"q_leadership": "vacant_or_acting", "q_capacity": "none", "q_lead_in": None},
            respondent=Respondent(name=f"P{index}", role=role),
            replies={**replies, "q_lead_in": "skipped, so not shown"},
        ),
        started_at=f"2024-05-01T09:{index:02d}:00Z",
        completed_at=f"2024-05-01T10:{index:02d}:00Z",
    )


def test_a_result_with_own_words_is_valid_and_carries_them_beside_the_answer() -> None:
    found = result("Head of service", 0)
    assert found["schema_version"] == "1.4"
    assert schemas.check_data(found, "result") == []
    by_id = {a["question_id"]: a for a in found["answers"]}
    assert by_id["q_leadership"]["reply"] == WORDS
    assert "reply" not in by_id["q_capacity"]  # no words typed: no key at all
    assert "reply" not in by_id["q_lead_in"]  # skipped: words for no answer are not kept


def test_a_session_keeps_the_words_through_a_save_and_into_its_result(tmp_path: Path) -> None:
    session = Session(QUICK)
    session.answer("vacant_or_acting", reply=WORDS)
    session.answer("informal")
    path = sessions.save(session, tmp_path)
    restored = sessions.restore(sessions.read(path), QUICK).session
    assert restored.replies == {"q_leadership": WORDS}
    answers = {a["question_id"]: a for a in restored.result()["answers"]}
    assert answers["q_leadership"]["reply"] == WORDS
    assert "reply" not in answers["q_resilience"]


def test_an_answers_file_may_give_replies_and_they_reach_the_result(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        yaml.safe_dump(
            {"answers": {"q_leadership": "stretched"}, "replies": {"q_leadership": "covering"}}
        )
    )
    answer_set, _ = load_answers(path, QUICK)
    assert answer_set.replies == {"q_leadership": "covering"}
    scored = score(QUICK, answer_set, started_at="T", completed_at="T")
    assert scored["answers"][0]["reply"] == "covering"


def test_replies_for_an_unknown_question_are_refused_with_the_place(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({"answers": {}, "replies": {"q_nope": "words"}}))
    with pytest.raises(AnswersError) as raised:
        load_answers(path, QUICK)
    assert "no question 'q_nope'" in str(raised.value.findings[0])


def group_of(results: list[dict[str, Any]]) -> dict[str, Any]:
    return aggregate(Source(f"r{i}.json", f"r{i}.json", r, dumps(r)) for i, r in enumerate(results))


def test_the_group_keeps_replies_and_names_only_roles_large_enough_to_show() -> None:
    results = [result("Practitioner", i, f"words {i}") for i in range(3)]
    results.append(result("Director", 3, "the only director's words"))
    results.append(result(None, 4, "no role given"))
    group = group_of(results)
    assert group["schema_version"] == "1.3"
    assert schemas.check_data(group, "group") == []
    (question,) = [q for q in group["questions"] if q["question_id"] == "q_leadership"]
    by_words = {r["reply"]: r for r in question["replies"]}
    assert {by_words[f"words {i}"]["role"] for i in range(3)} == {"Practitioner"}
    assert by_words["the only director's words"]["role"] is None  # one director: not named
    assert by_words["no role given"]["role"] is None
    assert all(r["value_label"] == QUICK.questions[0].options[0].label for r in by_words.values())
    assert not any("replies" in q for q in group["questions"] if q["question_id"] != "q_leadership")


def test_the_order_of_replies_does_not_say_whose_file_came_first() -> None:
    results = [result("Practitioner", i, f"words {i}") for i in range(3)]
    forward = group_of(results)["questions"][0]["replies"]
    backward = group_of(results[::-1])["questions"][0]["replies"]
    assert forward == backward


def test_csv_exports_own_words_for_a_result_and_a_group() -> None:
    rows = list(tables.long_rows(result("Practitioner", 0), "r0.json"))
    table = list(csv.DictReader(io.StringIO(tables.to_csv(tables.LONG, rows))))
    assert table[0]["own_words"] == WORDS and table[1]["own_words"] == ""
    group = group_of([result("Practitioner", i, f"words {i}") for i in range(3)])
    grows = list(tables.group_long_rows(group, "group.json"))
    gtable = list(csv.DictReader(io.StringIO(tables.to_csv(tables.GROUP_LONG, grows))))
    assert gtable[0]["own_words"] == (
        "words 0 (Practitioner); words 1 (Practitioner); words 2 (Practitioner)"
    )


def test_a_typed_formula_in_own_words_is_neutralised_in_csv() -> None:
    rows = list(tables.long_rows(result(None, 0, "=HYPERLINK(1)"), "r0.json"))
    table = list(csv.DictReader(io.StringIO(tables.to_csv(tables.LONG, rows))))
    assert table[0]["own_words"] == "'=HYPERLINK(1)"


def test_the_summary_shows_the_words_beside_the_option_they_were_taken_as() -> None:
    shown = " ".join(export(result(None, 0), "text").split())
    label = QUICK.questions[0].options[0].label
    assert f"{label} (item score 0 of 100). In your words: \u201c{WORDS}\u201d" in shown
