"""What makes scoring thousands of answers files fast gives the same results as before.

Kept items, tallies and labels (``readiness.scoring.layout``), results written from kept JSON
rows (``readiness.commands.batch``), and a JSON answers file scored without loading PyYAML or
jsonschema.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

import readiness
from readiness.commands import batch
from readiness.errors import ReadinessError
from readiness.kinds import kind_of
from readiness.scoring import layout

PLAIN = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


def _answers(bank: readiness.model.Bank, seed: int) -> dict:
    """Answers to every question of ``bank``, drawn at random (some skipped, some unsure)."""
    pick = random.Random(seed)
    answers: dict = {}
    for question in bank.questions:
        kind = kind_of(question)
        roll = pick.random()
        if roll < 0.1:
            continue
        if roll < 0.2 and question.dont_know:
            answers[question.id] = "dont_know"
        elif kind.widget == "multiple":
            chosen = [o.id for o in question.options if not o.exclusive and pick.random() < 0.4]
            answers[question.id] = chosen
        elif question.options:
            answers[question.id] = pick.choice(question.options).id
        elif kind.numeric:
            spec = question.number
            low = spec.min if spec and spec.min is not None else 0
            answers[question.id] = low + pick.randint(0, 5)
        else:
            answers[question.id] = pick.choice(["yes", "We are working on it."])
    notes = {bank.questions[0].id: "a note"} if seed % 3 == 0 else {}
    return {"bank": bank.id, "answers": answers, "notes": notes}


def _without_time(result: dict) -> dict:
    return {**result, "session": None}


@pytest.mark.parametrize("bank_id", ["core", "quick", "audit"])
def test_kept_work_gives_the_results_of_a_fresh_start(bank_id: str) -> None:
    bank = readiness.load_bank(bank_id)
    sets = [_answers(bank, seed) for seed in range(40)]
    warm = [_without_time(dict(readiness.score(bank, s))) for s in sets]
    for answers, expected in zip(sets, warm, strict=True):
        layout._LAYOUTS.clear()  # nothing kept: every item, tally and label found again
        assert _without_time(dict(readiness.score(bank, answers))) == expected
    again = [_without_time(dict(readiness.score(bank, s))) for s in reversed(sets)]
    assert again == warm[::-1]


def test_a_full_memo_starts_again() -> None:
    memo: dict = {}
    for number in range(5):
        layout.remember(memo, number, str(number), limit=3)
    assert memo == {3: "3", 4: "4"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"a": 1}, {"a": True}),
        ({"a": 1}, {"a": 1.0}),
        ({"a": 0.0}, {"a": -0.0}),
        ({"a": ["x"]}, {"a": "x"}),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}),
        ({"a": "é\u2028"}, {"a": "e"}),
    ],
)
def test_kept_json_rows_are_kept_apart_by_type_sign_and_order(first: dict, second: dict) -> None:
    batch._KEPT.clear()
    assert batch._item(first) == PLAIN(first)
    assert batch._item(second) == PLAIN(second)
    assert batch._item(first) == PLAIN(first)


def test_result_json_is_the_plain_encoding_with_text_as_is() -> None:
    result = dict(readiness.score("quick", {"answers": {}}))
    result["respondent"] = {"name": "Zoë \u2028 \\u00e9", "role": "a\x01b", "organisation": None}
    text = batch.dumps(result)
    assert json.loads(text) == result
    assert "Zoë" in text and "\\u2028" not in text  # UTF-8 kept, as store.dumps writes it
    for value in (result, result["answers"][0], "é", "\x7f\x01", [1, 2.5, None]):
        assert batch._ENCODE(value) == PLAIN(value)
    with pytest.raises(ValueError, match="JSON compliant"):
        batch.dumps({**result, "overall": {"score": float("nan")}})


def test_score_files_refuses_a_result_that_does_not_fit(monkeypatch, tmp_path) -> None:
    from readiness import api

    path = tmp_path / "a.json"
    path.write_text('{"bank": "quick", "answers": {}}', "utf-8")
    real = api._score_document

    def broken(doc, bank):
        result, warnings = real(doc, bank)
        return {**result, "overall": {**result["overall"], "score": "high"}}, warnings

    monkeypatch.setattr(api, "_score_document", broken)
    (found,) = readiness.score_files(None, [path])
    assert found.result is None
    assert isinstance(found.error, ReadinessError)
    assert "overall.score" in str(found.error) and "a bug in readiness" in str(found.error)


def test_a_json_answers_file_is_scored_without_yaml_or_jsonschema(tmp_path) -> None:
    """The start-up cost of ``readiness score`` on a JSON file: neither library is loaded."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(_answers(readiness.load_bank("core"), 1)), "utf-8")
    code = (
        "import sys\nfrom readiness.cli import main\n"
        f"code = main(['score', '--bank', 'core', {str(answers)!r}, '-o', "
        f"{str(tmp_path / 'out.json')!r}])\n"
        "print(code, 'yaml' in sys.modules, 'jsonschema' in sys.modules)"
    )
    for _ in range(2):  # the first run may fill the cache of checked banks
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
    assert done.stdout.split() == ["0", "False", "False"]
    assert json.loads((tmp_path / "out.json").read_text("utf-8"))["kind"] == "result"


def test_a_folder_scored_by_several_processes_equals_one_process(
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    """Past PARALLEL_FROM files the cores share the folder: same results, messages in order."""
    from readiness.commands import score as command

    bank = readiness.load_bank("quick")
    answers = tmp_path / "answers"
    answers.mkdir()
    for seed in range(12):
        data = _answers(bank, seed)
        if seed in (3, 9):
            data["answers"][bank.questions[0].id] = f"not an option {seed}"
        (answers / f"a{seed:02d}.json").write_text(json.dumps(data), "utf-8")
    monkeypatch.setattr(command, "PARALLEL_FROM", 4)
    monkeypatch.setattr(command, "_workers", lambda files: 2)  # as on a machine of two cores
    shared = cli("score", str(answers), "-o", str(tmp_path / "shared"))
    monkeypatch.setattr(command, "_workers", lambda files: 1)
    alone = cli("score", str(answers), "-o", str(tmp_path / "alone"))
    assert shared.code == alone.code == 1
    assert shared.err == alone.err
    assert shared.err.index("not an option 3") < shared.err.index("not an option 9")
    written = sorted(p.name for p in (tmp_path / "shared").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "alone").iterdir())
    assert len(written) == 10
    for name in written:
        one, two = (
            json.loads((tmp_path / f / name).read_text("utf-8")) for f in ("shared", "alone")
        )
        assert _without_time(one) == _without_time(two)
