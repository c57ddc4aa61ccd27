"""Fuzz the loaders and the reply matcher: every input ends in success or one clean error.

"Clean" means a :class:`ReadinessError` whose every line names the file (exit 1 for a file
that was read but is unusable), never another exception, never a hang, and never a partial
output file. Each test draws a budget of examples (``FUZZ_EXAMPLES`` raises it, e.g. to 2000
for a long run) and each example has a deadline, so the whole file stays well under a minute.
"""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import json
import math
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BANKS
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from readiness import schemas, store
from readiness.bank.load import bundled_banks, load_bank, validate_bank_file
from readiness.commands.new_bank import template_text
from readiness.errors import Finding, InputError, ReadinessError
from readiness.kinds.values import AnswerValueError, Match, match_reply, normalise
from readiness.model import DONT_KNOW, Question
from readiness.scoring.answers import AnswerSet, load_answers
from readiness.scoring.scores import score
from readiness.session.engine import Session


def fuzz(examples: int) -> settings:
    """Settings for one fuzz test: ``examples`` a run (``FUZZ_EXAMPLES`` overrides), 2 s each.

    The budgets keep this file well under a minute. CI draws the same examples every run, so
    a failure there is never a flake; with FUZZ_EXAMPLES set, each run explores afresh (and
    Hypothesis keeps what fails in .hypothesis/ to replay it).
    """
    return settings(
        max_examples=int(os.environ.get("FUZZ_EXAMPLES", examples)),
        deadline=2000,
        derandomize="FUZZ_EXAMPLES" not in os.environ,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


QUICK = load_bank("quick")
BANK_TEXTS = {
    "minimal": (BANKS / "valid" / "minimal.yaml").read_text(),
    "quick": (bundled_banks()[0].path.parent / "quick.yaml").read_text(),
    "starter": template_text(),
}
QUESTIONS = [q for b in bundled_banks() for q in load_bank(b.id).questions]
for _name in schemas.SCHEMA_NAMES:  # compile once now, not inside the first timed example
    with contextlib.suppress(FileNotFoundError):
        schemas.validator(_name)

# ---------------------------------------------------------------------------- strategies

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(-(10**400), 10**400)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
# Values a JSON file can hold, NaN and infinities included (Python's json writes and reads them).
json_scalars = scalars | st.sampled_from([math.nan, math.inf, -math.inf, "", "dont_know", "\ud800"])


def containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)


json_values = st.recursive(json_scalars, containers, max_leaves=12)
# What yaml.safe_dump can write: no lone surrogates, no NaN (which our loader refuses anyway).
yaml_values = st.recursive(scalars, containers, max_leaves=20)

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


def assert_clean(error: ReadinessError, shown: str) -> None:
    """One line per finding, each naming the file; exit 1 (the file was there and read)."""
    assert isinstance(error, InputError), (type(error), str(error))
    lines = str(error).splitlines()
    assert lines, "an error without a message"
    for line in lines:
        assert shown in line, line


def assert_findings(findings: list[Finding], shown: str) -> None:
    for finding in findings:
        assert isinstance(finding, Finding)
        assert str(finding).startswith(shown) and "\n" not in finding.message, finding


def outcome(action: Callable[[], Any], shown: str) -> Any:
    """``action()``, or None when it raised a clean error (anything else fails the test)."""
    try:
        return action()
    except ReadinessError as error:
        assert_clean(error, shown)
        return None


def paths(data: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside nested dicts and lists, the root excluded."""
    if isinstance(data, dict):
        items: Any = data.items()
    else:
        items = enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield (*here, key)
        yield from paths(value, (*here, key))


_REMOVE = object()


def replaced(data: Any, where: tuple[Any, ...], value: Any) -> Any:
    """A deep copy of ``data`` with the value at ``where`` replaced (or removed: ``_REMOVE``)."""
    data = copy.deepcopy(data)
    parent = data
    for key in where[:-1]:
        parent = parent[key]
    if value is _REMOVE:
        del parent[where[-1]]
    else:
        parent[where[-1]] = value
    return data


def mutated(data: Any, draw: st.DrawFn) -> Any:
    """``data`` with one value replaced by a random value, or (a quarter of the time) one key
    of a mapping removed."""
    where = draw(st.sampled_from(list(paths(data))))
    parent = data
    for key in where[:-1]:
        parent = parent[key]
    remove = isinstance(parent, dict) and draw(st.booleans()) and draw(st.booleans())
    return replaced(data, where, _REMOVE if remove else draw(json_values))


def write_json(path: Path, data: Any) -> None:
    """JSON as another tool might write it: NaN allowed, lone surrogates escaped."""
    path.write_text(json.dumps(data, ensure_ascii=True, allow_nan=True), "utf-8")


def write_yaml(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def check_output(path: Path, schema: str | None) -> None:
    """An output file either does not exist or is complete (valid JSON against ``schema``)."""
    leftovers = [p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}.")]
    assert not leftovers, leftovers
    if path.exists() and schema is not None:
        assert schemas.check_data(json.loads(path.read_text("utf-8")), schema) == []


def command_exists(name: str) -> bool:
    return importlib.util.find_spec(f"readiness.commands.{name}") is not None


def needs_command(name: str) -> None:
    if not command_exists(name):
        pytest.skip(f"readiness {name} is not written yet")


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
    write_yaml(path, replaced(data, ("questions", number, "number"), _REMOVE))
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


# ---------------------------------------------------------------------------- results and groups


def a_result(bank: Any = QUICK, shift: int = 0) -> dict[str, Any]:
    """A valid result of ``bank``, different for each ``shift``."""
    answers = {
        q.id: q.options[(i + shift) % len(q.options)].id
        for i, q in enumerate(bank.questions)
        if q.options
    }
    return score(bank, AnswerSet(answers=answers))


RESULT = a_result()
OTHER_RESULT = a_result(shift=1)


def check_result_file(path: Path) -> None:
    """A result reads cleanly or not at all, by the store and by report's loader alike."""
    from readiness.commands.report import load_result

    read = outcome(lambda: store.read_json(path, schema="result"), str(path))
    loaded = outcome(lambda: load_result(path, str(path)), str(path))
    assert (read is None) == (loaded is None)


def check_report(path: Path, tmp_path: Path, cli: Callable[..., Any]) -> None:
    """``report`` prints or writes a readable result, and refuses anything else cleanly."""
    ran = cli("report", str(path), "--width", "80")
    assert ran.code in (0, 1) and "Traceback" not in ran.err, ran
    out = tmp_path / "summary.md"
    out.unlink(missing_ok=True)
    ran = cli("report", str(path), "-o", str(out))
    assert ran.code in (0, 1) and out.exists() == (ran.code == 0), ran
    check_output(out, None)


def result_bytes(where: tuple[Any, ...], value: Any) -> bytes:
    return json.dumps(replaced(RESULT, where, value), allow_nan=True).encode()


@fuzz(100)
@given(content=st.binary(max_size=1000))
# Python's json reads these, but they are not JSON, and report could not write them out again.
@example(content=result_bytes(("respondent", "name"), "\ud800"))  # was a UnicodeEncodeError
@example(content=result_bytes(("overall", "score"), math.nan))
@example(content=result_bytes(("overall", "coverage"), math.inf))
def test_result_from_arbitrary_bytes(content: bytes, tmp_path: Path, cli) -> None:
    path = tmp_path / "result.json"
    path.write_bytes(content)
    check_result_file(path)
    check_report(path, tmp_path, cli)


@pytest.mark.parametrize(
    ("where", "value", "written", "message"),
    [
        (("overall", "score"), math.nan, "NaN", "NaN is not a JSON number"),
        (("overall", "coverage"), -math.inf, "-Infinity", "-Infinity is not a JSON number"),
        (("respondent", "name"), "\ud800", "\\ud800", "an escaped half of a character pair"),
    ],
    ids=["nan", "infinity", "lone_surrogate"],
)
def test_json_that_python_reads_but_json_forbids(
    where: tuple[Any, ...], value: Any, written: str, message: str, tmp_path: Path, cli
) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(replaced(RESULT, where, value), indent=2, allow_nan=True))
    with pytest.raises(ReadinessError) as caught:
        store.read_json(path, schema="result")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if written in text)
    assert str(caught.value).startswith(f"{path}:{line}:") and message in str(caught.value)
    out = tmp_path / "summary.html"
    assert cli("report", str(path), "-o", str(out)).code == 1 and not out.exists()


@fuzz(100)
@given(draw=st.data())
@example(draw=None)
def test_result_with_one_value_changed(draw: st.DataObject | None, tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    write_json(path, RESULT if draw is None else mutated(RESULT, draw.draw))
    check_result_file(path)


@fuzz(50)
@given(draw=st.data())
def test_report_of_a_result_with_one_value_changed(
    draw: st.DataObject, tmp_path: Path, cli
) -> None:
    path = tmp_path / "result.json"
    write_json(path, mutated(RESULT, draw.draw))
    check_report(path, tmp_path, cli)


# The result schema lets a band label or an item score be null whatever the band or status
# says; report.py used to format them anyway (AttributeError, TypeError).
@pytest.mark.parametrize(
    "where",
    [
        ("domains", QUICK.domains[0].id, "band_label"),
        (
            "answers",
            next(i for i, a in enumerate(RESULT["answers"]) if a["status"] == "scored"),
            "score",
        ),
    ],
    ids=["band_label", "score"],
)
def test_report_of_a_schema_valid_result_with_a_null(
    where: tuple[Any, ...], tmp_path: Path, cli
) -> None:
    path = tmp_path / "result.json"
    write_json(path, replaced(RESULT, where, None))
    check_result_file(path)
    assert store.read_json(path, schema="result")  # the schema accepts it
    check_report(path, tmp_path, cli)


@fuzz(40)
@given(draw=st.data())
def test_group_from_results_with_one_value_changed(
    draw: st.DataObject, tmp_path: Path, cli
) -> None:
    needs_command("aggregate")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_json(first, OTHER_RESULT)
    write_json(second, mutated(RESULT, draw.draw))
    group = tmp_path / "group.json"
    group.unlink(missing_ok=True)
    ran = cli("aggregate", str(first), str(second), "-o", str(group))
    assert ran.code in (0, 1) and "Traceback" not in ran.err, ran
    assert group.exists() == (ran.code == 0)
    check_output(group, "group")


def test_group_from_a_result_with_a_huge_number(tmp_path: Path, cli) -> None:
    needs_command("aggregate")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_json(first, OTHER_RESULT)
    write_json(second, replaced(RESULT, ("answers", 0, "value"), 10**400))
    ran = cli("aggregate", str(first), str(second), "-o", str(tmp_path / "group.json"))
    assert ran.code == 1 and not (tmp_path / "group.json").exists()


@fuzz(40)
@given(draw=st.data())
def test_group_file_with_one_value_changed(draw: st.DataObject, tmp_path: Path, cli) -> None:
    needs_command("aggregate")
    group = tmp_path / "group.json"
    if not group.exists():
        results = [tmp_path / "r0.json", tmp_path / "r1.json"]
        write_json(results[0], RESULT)
        write_json(results[1], OTHER_RESULT)
        assert cli("aggregate", *map(str, results), "-o", str(group)).code == 0
    changed = tmp_path / "changed.json"
    write_json(changed, mutated(json.loads(group.read_text()), draw.draw))
    outcome(lambda: store.read_json(changed, schema="group"), str(changed))
    ran = cli("report", str(changed))
    assert ran.code in (0, 1) and "Traceback" not in ran.err, ran


@fuzz(40)
@given(draw=st.data(), changed_first=st.booleans())
def test_compare_with_one_value_changed(
    draw: st.DataObject, changed_first: bool, tmp_path: Path, cli
) -> None:
    needs_command("compare")
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    write_json(before, RESULT)
    write_json(after, OTHER_RESULT)
    write_json(before if changed_first else after, mutated(RESULT, draw.draw))
    ran = cli("compare", str(before), str(after))
    assert ran.code in (0, 1) and "Traceback" not in ran.err, ran


@fuzz(40)
@given(draw=st.data())
def test_export_with_one_value_changed(draw: st.DataObject, tmp_path: Path, cli) -> None:
    needs_command("export")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_json(first, OTHER_RESULT)
    write_json(second, mutated(RESULT, draw.draw))
    out = tmp_path / "table.csv"
    out.unlink(missing_ok=True)
    ran = cli("export", str(first), str(second), "--format", "csv", "-o", str(out))
    assert ran.code in (0, 1) and "Traceback" not in ran.err, ran
    assert out.exists() == (ran.code == 0)
    check_output(out, None)


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
