"""Numbers too long to use, ids with a hidden line break, repeated JSON keys: one clear line each.

Python turns integers of over 4,300 digits into text only on request, and reads hexadecimal and
sexagesimal YAML numbers without that limit, so such a number used to fail later, with a
traceback, wherever it was shown. ``re.search`` lets ``$`` match before a final line break, so
``q1`` and ``"q1\\n"`` were two valid, different ids. Python's json keeps the last of two equal
keys without a word. Each is now refused where it is read, naming the file and the place.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BANKS, run_process

from readiness import schemas, store
from readiness.bank.load import load_bank
from readiness.bank.yamlsafe import MAX_DEPTH, load_text
from readiness.errors import InputError, ResultFileError
from readiness.scoring.answers import AnswerSet
from readiness.scoring.scores import score

MINIMAL = (BANKS / "valid" / "minimal.yaml").read_text()
HUGE_HEX = "0x" + "f" * 5000
HUGE_SEXAGESIMAL = ":".join(["59"] * 3000)
HUGE_DECIMAL = "9" * 5000
PLACED = r":(\d+):(\d+): "


def a_result() -> dict[str, Any]:
    bank = load_bank("quick")
    return score(bank, AnswerSet(answers={q.id: q.options[0].id for q in bank.questions}))


def one_clear_line(ran: Any, path: Path, code: int = 1) -> re.Match[str]:
    """The command failed with ``code`` and said so in one line naming the file and place."""
    assert ran.code == code, ran
    assert "Traceback" not in ran.out + ran.err, ran.err
    lines = (ran.out + ran.err).strip().splitlines()
    placed = [line for line in lines if line.startswith(str(path))]
    assert len(placed) == 1, lines
    found = re.match(re.escape(str(path)) + PLACED, placed[0])
    assert found, placed[0]
    return found


@pytest.mark.parametrize(
    "number", [HUGE_HEX, HUGE_SEXAGESIMAL, HUGE_DECIMAL], ids=["hex", "sexagesimal", "decimal"]
)
def test_validate_refuses_a_number_too_long_to_use(number: str, tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(MINIMAL.replace("evidences: [R01]", f"evidences: [R01]\n    weight: {number}"))
    ran = run_process("validate", str(path))
    found = one_clear_line(ran, path)
    assert found.group(1) == str(MINIMAL.splitlines().index("    evidences: [R01]") + 2)
    assert "too large" in ran.out and "4300 decimal digits" in ran.out


def test_score_and_run_refuse_a_number_too_long_to_use(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"bank: quick\nanswers:\n  q_leadership: {HUGE_HEX}\n")
    one_clear_line(run_process("score", str(answers)), answers)
    bank = tmp_path / "bank.yaml"
    bank.write_text(MINIMAL.replace("min: 50, max: 100", f"min: 50, max: {HUGE_SEXAGESIMAL}"))
    ran = run_process("run", "--plain", "--bank", str(bank), stdin="", cwd=tmp_path)
    assert ran.code == 1 and "Traceback" not in ran.err, ran.err
    assert re.search(re.escape(str(bank)) + PLACED + "the number", ran.err), ran.err


def test_every_result_reader_refuses_a_long_integer(tmp_path: Path) -> None:
    text = store.dumps(a_result()).replace(
        '"kind": "result"', f'"n": {HUGE_DECIMAL}, "kind": "result"'
    )
    path = tmp_path / "result.json"
    path.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if HUGE_DECIMAL in row)
    with pytest.raises(ResultFileError) as caught:
        store.read_json(path, schema="result")
    (finding,) = caught.value.findings
    assert (finding.path, finding.line) == (str(path), line) and "too large" in finding.message
    for command in (
        ("report", str(path)),
        ("compare", str(path), str(path)),
        ("export", str(path)),
        ("aggregate", str(path)),
        ("aggregate", *[str(path)] * 25),  # over 20 files: the fast reader
    ):
        found = one_clear_line(run_process(*command), path)
        assert found.group(1) == str(line), command


def test_a_number_read_as_infinity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(
        store.dumps(a_result()).replace('"kind": "result"', '"n": 1e999, "kind": "result"')
    )
    with pytest.raises(ResultFileError) as caught:
        store.open_json(path)
    assert "1e999 is too large" in str(caught.value) and f"{path}:" in str(caught.value)


def test_pyyaml_s_own_nesting_limit_reads_as_ours(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML 6.0.4 stops at its own depth limit, in its own words, before we see 40 levels."""
    mark = yaml.Mark("x", 0, 0, 1002, None, None)

    def parse(*_args: Any, **_kwargs: Any) -> Any:
        raise yaml.scanner.ScannerError(
            "while increasing flow level", mark, "exceeded maximum nesting depth", mark
        )
        yield  # a generator, as yaml.parse is

    monkeypatch.setattr(yaml, "parse", parse)
    with pytest.raises(InputError) as caught:
        load_text("a: [[[]]]\n", "deep.yaml")
    assert (
        str(caught.value)
        == f"deep.yaml:1:1003: nesting is deeper than {MAX_DEPTH} levels; flatten the file"
    )


# ---------------------------------------------------------------- ids ending in a line break


def test_an_id_with_a_trailing_line_break_is_not_an_id() -> None:
    for name in schemas.SCHEMA_NAMES:
        for pattern in re.findall(
            r'"pattern": ("(?:[^"\\]|\\.)*")', json.dumps(schemas.schema(name))
        ):
            regex = json.loads(pattern)
            assert regex.startswith("^"), regex
            valid = {"^[A": "lead_vision", "^[0": "1.0", "^([": "", "^\\d": "2026-01-02T03:04:05Z"}
            sample = valid[regex[:3]]
            assert re.search(regex, sample), (name, regex)
            assert not re.search(regex, sample + "\n"), (name, regex)


def test_a_bank_and_answers_refuse_an_id_with_a_line_break(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(MINIMAL.replace("  - id: q1\n", '  - id: "q1\\n"\n'))
    found = one_clear_line(run_process("validate", str(bank)), bank)
    assert found.group(1) == str(MINIMAL.splitlines().index("  - id: q1") + 1)
    answers = tmp_path / "answers.yaml"
    answers.write_text('bank: quick\nanswers:\n  q_leadership: 1\n  "q_leadership\\n": 2\n')
    ran = run_process("score", str(answers))
    assert ran.code == 1 and "is not a valid id" in ran.err and "Traceback" not in ran.err


# ---------------------------------------------------------------- repeated keys in JSON


def test_a_repeated_key_in_a_result_is_refused_with_its_place(tmp_path: Path) -> None:
    text = store.dumps(a_result()).replace(
        '"kind": "result",', '"kind": "result",\n  "kind": "group",', 1
    )
    path = tmp_path / "result.json"
    path.write_text(text)
    line = text.splitlines().index('  "kind": "group",') + 1
    with pytest.raises(ResultFileError) as caught:
        store.open_json(path)
    assert (
        str(caught.value)
        == f"{path}:{line}:3: duplicate key 'kind'; each key may appear once in an object"
    )
    for command in (
        ("report", str(path)),
        ("compare", str(path), str(path)),
        ("aggregate", str(path)),
    ):
        found = one_clear_line(run_process(*command), path)
        assert found.group(1) == str(line), command


def test_a_repeated_key_in_a_session_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    path.write_text('{"kind": "session",\n "answers": {"q1": 1, "q1": 2}}\n')
    with pytest.raises(ResultFileError, match=re.escape(f"{path}:2:23: duplicate key 'q1'")):
        store.read_json(path, schema="session")


def test_equal_text_in_different_objects_is_not_a_repeat(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"a": {"id": 1}, "b": {"id": 2}, "c": "\\"a\\": 1"}')
    assert store.open_json(path).data == {"a": {"id": 1}, "b": {"id": 2}, "c": '"a": 1'}
