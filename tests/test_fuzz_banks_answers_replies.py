"""Fuzz what people write: bank files, answers files and typed replies.

Each input ends in success or one clean error naming the file (see tests/fuzz_helpers.py);
a bank that validates also loads and runs, answers that load also score, and the reply
matcher only ever stores an answer the question allows.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BANKS
from fuzz_helpers import (
    QUICK,
    REMOVE,
    check_output,
    fuzz,
    json_values,
    mutated,
    outcome,
    replaced,
    write_json,
    yaml_values,
)
from hypothesis import example, given
from hypothesis import strategies as st

from readiness import schemas
from readiness.bank.load import bundled_banks, load_bank, validate_bank_file
from readiness.commands.new_bank import template_text
from readiness.errors import Finding
from readiness.kinds.values import AnswerValueError, Match, match_reply, normalise
from readiness.model import DONT_KNOW, Question
from readiness.scoring.answers import AnswerSet, load_answers
from readiness.scoring.scores import score
from readiness.session.engine import Session

BANK_TEXTS = {
    "minimal": (BANKS / "valid" / "minimal.yaml").read_text(),
    "quick": (bundled_banks()[0].path.parent / "quick.yaml").read_text(),
    "starter": template_text(),
}
QUESTIONS = [q for b in bundled_banks() for q in load_bank(b.id).questions]

HOSTILE_YAML = [
    "a: &x k\n*x : v\n",  # an alias as a key
    "? [a, b]\n: c\n",  # a list as a key
    "? {a: b}\n: c\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!set {x, y}\n",
    "a: !!omap [x: 1]\n",
    "a: !!python/name:os.system\n",
    "a: !!float nan\n",
    "a: .inf\n",
    "a: -.inf\n",
    "a: 1e999\n",
    "a: 2001-12-14t21:59:43.10-05:00\n",
    "<<: {a: 1}\nb: 2\n",
    "a: &a {x: 1}\nb: {<<: *a}\n",
    "a: *undefined\n",
    "~: null\n",
    "1: 2\n",
    "'': x\n",
    "a: 0x" + "f" * 5000 + "\n",
    "a: " + "9" * 5000 + "\n",
    "a: b\n---\nc: d\n",
    "%YAML 1.1\n---\na: b\n",
    "%TAG !e! tag:example.com,2000:\n---\na: !e!x b\n",
    'a: "\\ud800"\n',
    'a: "\\x00"\n',
    "\ufeffa: b\n",
    "a: [" * 39 + "]" * 39 + "\n",
    "a: " + "{b: " * 45 + "1" + "}" * 45 + "\n",
    "a: &a [*a]\n",
    "a: |\n  text\n b: c\n",
    "\t- a\n",
    "- " * 100 + "x\n",
]

# ---------------------------------------------------------------------------- helpers


def assert_findings(findings: list[Finding], shown: str) -> None:
    for finding in findings:
        assert isinstance(finding, Finding)
        assert str(finding).startswith(shown) and "\n" not in finding.message, finding


def write_yaml(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


# ---------------------------------------------------------------------------- banks


def check_bank_file(path: Path, cli: Callable[..., Any]) -> None:
    """validate agrees with validate_bank_file; a bank without findings loads and runs."""
    shown = str(path)
    findings = outcome(lambda: validate_bank_file(path), shown)
    if findings is not None:
        assert_findings(findings, shown)
    ran = cli("validate", "-q", shown)
    assert ran.code == (0 if findings == [] else 1), ran
    assert "Traceback" not in ran.err
    assert all(line.startswith(shown) for line in ran.out.splitlines()), ran.out
    if findings == []:
        session = Session(load_bank(shown))
        session.step()


@fuzz(150)
@given(content=st.binary(max_size=2000))
@example(content=b"a: &x k\n*x : v\n")  # was an AssertionError: an alias as a key
@example(content=b"\x00")  # was a two-line message without the file: a control character
@example(content=b"\xff\xfe\x00a")
def test_bank_from_arbitrary_bytes(content: bytes, tmp_path: Path, cli) -> None:
    path = tmp_path / "bank.yaml"
    path.write_bytes(content)
    check_bank_file(path, cli)


@fuzz(150)
@given(data=yaml_values)
def test_bank_from_arbitrary_yaml(data: Any, tmp_path: Path, cli) -> None:
    path = tmp_path / "bank.yaml"
    write_yaml(path, data)
    check_bank_file(path, cli)


@pytest.mark.parametrize("text", HOSTILE_YAML, ids=range(len(HOSTILE_YAML)))
def test_bank_from_hostile_yaml(text: str, tmp_path: Path, cli) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(text, "utf-8", errors="surrogatepass")
    check_bank_file(path, cli)


@fuzz(60)
@given(name=st.sampled_from(sorted(BANK_TEXTS)), draw=st.data())
def test_bank_with_one_value_changed(name: str, draw: st.DataObject, tmp_path: Path, cli) -> None:
    data = mutated(yaml.safe_load(BANK_TEXTS[name]), draw.draw)
    path = tmp_path / "bank.yaml"
    write_json(path, data)  # JSON is YAML, and keeps values YAML would not write
    check_bank_file(path, cli)


def test_a_number_question_without_its_limits(tmp_path: Path, cli) -> None:
    """Was a KeyError in bank.py: the schema lets a number question leave 'number' out."""
    data = yaml.safe_load(template_text())
    number = next(i for i, q in enumerate(data["questions"]) if q["type"] == "number")
    path = tmp_path / "bank.yaml"
    write_yaml(path, replaced(data, ("questions", number, "number"), REMOVE))
    check_bank_file(path, cli)


# ---------------------------------------------------------------------------- answers


def valid_answers(bank: Any = QUICK) -> dict[str, Any]:
    """A complete answers file for ``bank``: every option kind, notes, actions, respondent."""
    answers = {
        q.id: (q.options[i % len(q.options)].id if q.options else "text")
        for i, q in enumerate(bank.questions)
    }
    first = bank.questions[0].id
    answers[first] = DONT_KNOW
    return {
        "bank": bank.id,
        "respondent": {"name": "Sam", "role": "Lead", "organisation": "Northshire"},
        "answers": answers,
        "notes": {first: "A note."},
        "actions": {bank.recommendations[0].id: {"now": "a", "needs": "b", "progress": "c"}},
    }


def check_answers_file(path: Path, tmp_path: Path, cli: Callable[..., Any]) -> None:
    """Answers load cleanly or not at all; loaded answers score to a valid result."""
    loaded = outcome(lambda: load_answers(path, QUICK), str(path))
    if loaded is not None:
        answer_set, warnings = loaded
        assert isinstance(answer_set, AnswerSet) and all(isinstance(w, str) for w in warnings)
        assert schemas.check_data(score(QUICK, answer_set), "result") == []
    out = tmp_path / "result.json"
    out.unlink(missing_ok=True)
    ran = cli("score", "--bank", "quick", str(path), "-o", str(out))
    assert ran.code == (0 if loaded is not None else 1), ran
    assert out.exists() == (ran.code == 0)
    check_output(out, "result")


@fuzz(150)
@given(content=st.binary(max_size=1000))
def test_answers_from_arbitrary_bytes(content: bytes, tmp_path: Path, cli) -> None:
    path = tmp_path / "answers.yaml"
    path.write_bytes(content)
    check_answers_file(path, tmp_path, cli)


@fuzz(150)
@given(data=yaml_values)
@example(data={"answers": {QUICK.questions[0].id: 10**400}})
@example(data={"\x1e": None})  # was a message split in two: a control character in a key
@example(data={"answers": {}, "respondent": {"name": 1}})
def test_answers_from_arbitrary_yaml(data: Any, tmp_path: Path, cli) -> None:
    path = tmp_path / "answers.yaml"
    write_yaml(path, data)
    check_answers_file(path, tmp_path, cli)


@fuzz(100)
@given(draw=st.data(), as_json=st.booleans())
def test_answers_with_one_value_changed(
    draw: st.DataObject, as_json: bool, tmp_path: Path, cli
) -> None:
    data = mutated(valid_answers(), draw.draw)
    path = tmp_path / ("answers.json" if as_json else "answers.yaml")
    write_json(path, data)
    check_answers_file(path, tmp_path, cli)


@pytest.mark.parametrize("text", HOSTILE_YAML, ids=range(len(HOSTILE_YAML)))
def test_answers_from_hostile_yaml(text: str, tmp_path: Path, cli) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(text, "utf-8", errors="surrogatepass")
    check_answers_file(path, tmp_path, cli)


# ---------------------------------------------------------------------------- the reply matcher


def is_stored_answer(question: Question, value: Any) -> bool:
    """Whether ``value`` is something a session may store for ``question``."""
    ids = [o.id for o in question.options]
    if question.type == "text":
        return isinstance(value, str)  # "dont_know" too: as text it is what was written
    if value == DONT_KNOW:
        return question.dont_know is not None
    if question.type == "number":
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return number and math.isfinite(value)
    if question.type == "multiple":
        return isinstance(value, list) and set(value) <= set(ids) and len(set(value)) == len(value)
    return value in ids


@fuzz(300)
@given(question=st.sampled_from(QUESTIONS), text=st.text(max_size=60))
@example(question=next(q for q in QUESTIONS if q.type == "number"), text="1" + "0" * 400)
@example(question=next(q for q in QUESTIONS if q.options), text="²")  # was a ValueError
def test_typed_reply_matches_or_says_why(question: Question, text: str) -> None:
    match = match_reply(question, text)
    assert isinstance(match, Match) and match.kind in ("sure", "unsure", "none")
    if match.kind == "none":
        assert match.value is None and match.message
        return
    assert is_stored_answer(question, match.value), match
    assert normalise(question, match.value) == match.value  # what is stored reads back


@fuzz(300)
@given(question=st.sampled_from(QUESTIONS), raw=json_values)
# 10**400 was an OverflowError: too large for a float
@example(question=next(q for q in QUESTIONS if q.type == "number"), raw=10**400)
@example(question=next(q for q in QUESTIONS if q.type == "multiple"), raw=[True, 1.5, None])
def test_answer_value_is_stored_or_refused(question: Question, raw: Any) -> None:
    try:
        value = normalise(question, raw)
    except AnswerValueError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert value is None or is_stored_answer(question, value), value
