"""The question-type registry: every type has one kind, and every part of it behaves as before.

Each kind is checked against the behaviour the rest of the program relied on when the types were
branches in many modules (the answers schema, ``allowed()``, matching, normalising, scoring,
hints, widgets), and the registry is checked to be the only place that names the types.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from readiness import schemas
from readiness.bank.answers_schema import answers_schema_for, quick_fit
from readiness.bank.load import load_bank
from readiness.kinds import KIND_BY_TYPE, Kind, kind_of
from readiness.kinds.values import (
    AnswerValueError,
    Match,
    allowed,
    find_option,
    is_dont_know,
    match_reply,
    multiple_value,
    normalise,
    number_value,
)
from readiness.model import DONT_KNOW, NumberSpec, Option, Question, QuestionType
from readiness.scoring.questions import item_score
from readiness.session.wording import TYPE_HINTS, type_hint

ROOT = Path(__file__).resolve().parent.parent


def question(kind: str, **extra: object) -> Question:
    options: tuple[Option, ...] = ()
    if kind in ("scale", "single", "multiple"):
        options = (
            Option("low", "Not at all", 0.0, ("never",)),
            Option("mid", "Partly", 0.5),
            Option("high", "Fully agreed", 1.0),
        )
    if kind == "yesno":
        options = KIND_BY_TYPE["yesno"].fixed_options
    fields: dict[str, typing.Any] = {
        "id": "q",
        "domain": "d",
        "prompt": "Q?",
        "help_text": "",
        "help_source": None,
        "type": kind,
        "options": options,
        "dont_know": None if kind == "text" else "Don't know",
    }
    fields.update(extra)
    return Question(**fields)


def test_every_question_type_has_exactly_one_kind() -> None:
    assert set(KIND_BY_TYPE) == set(typing.get_args(QuestionType))
    assert all(isinstance(k, Kind) and k.name == name for name, k in KIND_BY_TYPE.items())


def test_every_kind_implements_the_interface() -> None:
    for name, kind in KIND_BY_TYPE.items():
        q = question(name, number=NumberSpec(0, 10, worst=0, best=10))
        assert kind.schema(q) and kind.allowed(q) and kind.hint
        assert isinstance(kind.match(q, "1"), Match)


def test_no_module_outside_kinds_compares_a_question_type_with_a_name() -> None:
    pattern = re.compile(r"""\.type (==|!=|in) |\["type"\] (==|!=|in) |TYPE_HINTS\[""")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "readiness").rglob("*.py")
        if "kinds" not in path.parts
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    # model.py sits below the kinds (they import it); the group reads result JSON, whose
    # "type" a later change there may route through KIND_BY_TYPE (see docs/architecture.md).
    known = ("readiness/model.py", "readiness/group/")
    assert [o for o in offenders if not o.startswith(known)] == []


@pytest.mark.parametrize(
    ("kind", "widget"),
    [
        ("scale", "choice"),
        ("single", "choice"),
        ("yesno", "choice"),
        ("multiple", "multiple"),
        ("number", None),
        ("text", None),
    ],
)
def test_widget_keys(kind: str, widget: str | None) -> None:
    assert KIND_BY_TYPE[kind].widget == widget


def test_hints_come_from_the_kinds() -> None:
    assert {name: k.hint for name, k in KIND_BY_TYPE.items()} == TYPE_HINTS
    assert type_hint(question("yesno")).startswith("Yes or no")
    assert type_hint(question("yesno"), follow_up=True) == KIND_BY_TYPE["text"].hint


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("single", "2", Match("sure", "mid")),
        ("single", "never", Match("sure", "low")),
        ("single", "don't know", Match("sure", DONT_KNOW)),
        ("single", "4", Match("sure", DONT_KNOW)),  # one past the options
        ("yesno", "yep", Match("sure", "yes")),
        ("yesno", "nope", Match("sure", "no")),
        (
            "multiple",
            "1, 3",
            Match("sure", ["low", "high"], "Did you mean: Not at all, Fully agreed?"),
        ),
        ("text", "  our words ", Match("sure", "our words")),
        ("number", "1,200", Match("sure", 1200)),
    ],
)
def test_match_reply(kind: str, text: str, expected: Match) -> None:
    q = question(kind, number=NumberSpec(0, 5000))
    assert match_reply(q, text) == expected


def test_near_miss_asks_to_confirm() -> None:
    found = match_reply(question("single"), "fuly agred")
    assert (found.kind, found.value) == ("unsure", "high")


def test_text_never_matches_dont_know_unless_offered() -> None:
    assert match_reply(question("text"), "dont know") == Match("sure", "dont know")


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("single", 3, "high"),
        ("single", "Partly", "mid"),
        ("yesno", True, "yes"),
        ("yesno", False, "no"),
        ("multiple", "mid", ["mid"]),
        ("multiple", ["high", "low"], ["low", "high"]),
        ("number", 7.0, 7),
        ("text", "words", "words"),
        ("single", None, None),
        ("number", "dont_know", DONT_KNOW),
    ],
)
def test_normalise(kind: str, raw: object, expected: object) -> None:
    assert normalise(question(kind, number=NumberSpec(0, 10)), raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("single", True, "expected one of low, mid, high (or its number 1-3) or dont_know"),
        ("single", ["low"], "expected a single answer"),
        ("number", 11, "11 is out of range; reply with a number from 0 to 10"),
        ("text", 3, "expected text, got 3"),
    ],
)
def test_normalise_refuses_with_what_is_allowed(kind: str, raw: object, message: str) -> None:
    with pytest.raises(AnswerValueError, match=re.escape(message)):
        normalise(question(kind, number=NumberSpec(0, 10)), raw)


def test_a_huge_int_is_refused_with_a_message() -> None:
    """An API caller's mapping may hold an int too long for repr(): once a ValueError escaped."""
    with pytest.raises(AnswerValueError, match="got a number of thousands of digits"):
        normalise(question("number", number=NumberSpec(0, 10)), 10**5000)


def test_exclusive_option_stands_alone() -> None:
    q = question("multiple", options=(Option("a", "A", 1.0), Option("none", "None", 0.0, (), True)))
    with pytest.raises(AnswerValueError, match="'None' cannot be chosen with other options"):
        multiple_value(q, ["a", "none"])


def test_helpers_keep_their_behaviour() -> None:
    q = question("yesno")
    assert find_option(q, "TRUE") == q.options[0]
    assert is_dont_know(q, "not sure") and not is_dont_know(question("text"), "not sure")
    assert number_value(question("number", number=NumberSpec(integer=True)), "12") == 12
    assert allowed(question("text")) == "text"


@pytest.mark.parametrize(
    ("kind", "value", "score"),
    [
        ("single", "mid", 0.5),
        ("yesno", "no", 0.0),
        ("multiple", ["mid", "high"], 1.0),
        ("multiple", [], 0.0),
        ("number", 25, 0.25),
        ("number", 500, 1.0),
        ("single", DONT_KNOW, None),
    ],
)
def test_item_scores_come_from_the_kind(kind: str, value: object, score: float | None) -> None:
    q = question(kind, number=NumberSpec(0, 1000, worst=0, best=100))
    assert item_score(q, value) == score  # type: ignore[arg-type]
    if value != DONT_KNOW:
        assert kind_of(q).raw_score(q, value) == score  # type: ignore[arg-type]


@pytest.mark.parametrize("bank_id", ["core", "quick", "audit"])
def test_answers_schema_accepts_what_normalise_accepts(bank_id: str) -> None:
    """The schema fragment of each kind allows every id, position and don't-know it takes."""
    bank = load_bank(bank_id)
    check = Draft202012Validator(answers_schema_for(bank))
    for q in bank.questions:
        values: list[object] = [o.id for o in q.options] or ["words"]
        if kind_of(q).widget == "multiple":
            values = [[o.id] for o in q.options]
        if kind_of(q).numeric:
            values = [q.number.min if q.number and q.number.min is not None else 0]
        for value in values + ([DONT_KNOW] if q.dont_know and not kind_of(q).free_text else []):
            normalise(q, value)
            assert check.is_valid({"answers": {q.id: value}}), (q.id, value)


@pytest.mark.parametrize(
    "data",
    [
        {"answers": {}},
        {"bank": "quick", "answers": {"a": "x", "b": 3, "c": [1, "y"], "d": None, "e": True}},
        {"answers": {}, "respondent": {"name": None, "role": "Lead"}, "notes": {"a": "n"}},
        {"answers": {}, "actions": {"R01": {"now": "a", "needs": "b"}}},
        {"answers": {"1a": "x"}},
        {"answers": {"a\n": "x"}},
        {"answers": {"a": {"x": 1}}},
        {"answers": {"a": [True]}},
        {"answers": {"a": [1.0]}},
        {"answers": [], "bank": 3},
        {"answers": {}, "respondent": {"age": "3"}},
        {"answers": {}, "actions": {"R01": {"later": "a"}}},
        {"answers": {}, "notes": {"a": 1}},
        {"answer": {}},
        [],
    ],
)
def test_quick_fit_is_never_looser_than_the_schema(data: object) -> None:
    """A fast answers check must never pass what the schema refuses (it skips the schema)."""
    valid = Draft202012Validator(schemas.schema("answers")).is_valid(data)
    assert not quick_fit(data) or valid
    if valid and not (isinstance(data, dict) and data.get("answers", {}).get("a") == [1.0]):
        assert quick_fit(data)
