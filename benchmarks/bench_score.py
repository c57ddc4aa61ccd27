"""How long ``readiness score`` and the report exports take.

Run ``python benchmarks/bench_score.py``.

``readiness score`` is timed as a whole process on the core bank with every question answered,
against ``python -c "import yaml, jsonschema"`` measured in the same run: the target is a ratio
of at most 1.3, so scoring costs little beyond the libraries it must load. Then one
``readiness score`` call scores 2,000 answers files (a folder) into a folder of results: the
target is under 3 s. The report exports are timed in-process.

``--files N`` changes the size of the batch.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _rows import Row, emit

from readiness.bank.load import load_bank
from readiness.kinds import kind_of
from readiness.model import Bank, Question

RUNS = 10
TARGET_RATIO = 1.3
BATCH = 2000
BATCH_TARGET_S = 3.0


def full_answer(question: Question) -> object:
    """A middling answer to any question, so every part of the scoring runs."""
    kind = kind_of(question)
    if kind.widget == "multiple":
        return [question.options[0].id]
    if question.options:
        return question.options[len(question.options) // 2].id
    if kind.numeric:
        spec = question.number
        low = spec.min if spec and spec.min is not None else 0
        high = spec.max if spec and spec.max is not None else 10
        return round((low + high) / 2) if spec and spec.integer else (low + high) / 2
    return "We are working on it."


def answers_file(bank: Bank, folder: Path) -> Path:
    path = folder / "answers.json"
    answers = {q.id: full_answer(q) for q in bank.questions}
    path.write_text(json.dumps({"bank": bank.id, "answers": answers}), "utf-8")
    return path


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process(*args: str, env: dict[str, str]) -> Callable[[], object]:
    def run() -> None:
        subprocess.run([sys.executable, *args], check=True, capture_output=True, env=env)

    return run


def bytecode_env(folder: Path) -> dict[str, str]:
    """An environment that lets readiness keep its bytecode, as an installed package does.

    Without it (PYTHONDONTWRITEBYTECODE=1), readiness would be compiled on every run while
    yaml and jsonschema load from their installed bytecode, which is not a fair comparison.
    """
    del folder
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def batch_seconds(bank: Bank, folder: Path, count: int, env: dict[str, str]) -> float:
    """One ``readiness score`` call on a folder of ``count`` answers files, into a folder."""
    answers = folder / "batch"
    answers.mkdir()
    text = answers_file(bank, folder).read_text("utf-8")
    for number in range(count):
        (answers / f"r{number:05d}.json").write_text(text, "utf-8")
    out = folder / "batch-results"
    args = ("-m", "readiness", "score", "--bank", "core", str(answers), "-o", str(out))
    start = time.perf_counter()
    process(*args, env=env)()
    seconds = time.perf_counter() - start
    assert len(list(out.iterdir())) == count
    return seconds


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=BATCH, help="answers files in the batch")
    files = parser.parse_args().files
    bank = load_bank("core")
    with tempfile.TemporaryDirectory() as folder:
        answers = answers_file(bank, Path(folder))
        out = Path(folder) / "result.json"
        env = bytecode_env(Path(folder))
        score_args = ("-m", "readiness", "score", "--bank", "core", str(answers), "-o", str(out))
        process(*score_args, env=env)()  # warm the file cache and bytecode
        baseline, scored = interleaved(
            process("-c", "import yaml, jsonschema", env=env), process(*score_args, env=env)
        )
        result = json.loads(out.read_text("utf-8"))
        rows = [
            ("python -c 'import yaml, jsonschema'", baseline),
            (f"readiness score (core, {len(bank.questions)} answers)", scored),
        ]
        rows += phase_times(answers, Path(folder) / "again.json")
        batch = batch_seconds(bank, Path(folder), files, env)
    rows += export_times(result)
    print_table(rows, scored / baseline)
    verdict = "ok" if batch < BATCH_TARGET_S * files / BATCH else "over target"
    print(
        f"score {files} files in one call: {batch:.2f} s (target < {BATCH_TARGET_S} s for {BATCH}) {verdict}"
    )
    emit(
        [
            Row(
                "score, core bank, whole process",
                scored * 1000,
                baseline * 1000,
                "python -c 'import yaml, jsonschema'",
            ),
            *[Row(name.strip(), seconds * 1000) for name, seconds in rows[2:]],
            Row(f"score {files} files, one call (target < 3 s for 2000)", batch * 1000),
        ]
    )


def interleaved(first: Callable[[], object], second: Callable[[], object]) -> tuple[float, float]:
    """Medians of both, run turn about, so a busy machine slows both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(RUNS):
        for action, found in zip((first, second), times, strict=True):
            start = time.perf_counter()
            action()
            found.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def phase_times(answers: Path, out: Path) -> list[tuple[str, float]]:
    """In-process: where the time of a score goes once everything is imported."""
    from readiness import store
    from readiness.scoring.answers import load_answers
    from readiness.scoring.scores import score

    bank = load_bank("core")
    answer_set, _ = load_answers(answers, bank)
    result = score(bank, answer_set)
    phases = {
        "load and check the core bank": lambda: load_bank("core"),
        "read and check the answers": lambda: load_answers(answers, bank),
        "score": lambda: score(bank, answer_set),
        "validate and write the result": lambda: store.write_json_atomic(
            out, result, schema="result"
        ),
    }
    return [(f"  in-process: {name}", median_seconds(action)) for name, action in phases.items()]


def export_times(result: dict) -> list[tuple[str, float]]:
    from readiness.report.summary import export

    export(result, "text")  # import Rich and warm its caches once
    return [
        (f"report export {fmt}", median_seconds(lambda fmt=fmt: export(result, fmt)))
        for fmt in ("text", "html", "svg", "md")
    ]


def print_table(rows: list[tuple[str, float]], ratio: float) -> None:
    width = max(len(name) for name, _ in rows)
    print(f"{'what':<{width}}  {'median ms':>9}")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds * 1000:>9.1f}")
    verdict = (
        "ok" if ratio <= TARGET_RATIO else "over target: see the in-process rows, then profile"
    )
    print(f"\nscore / baseline ratio: {ratio:.2f} (target <= {TARGET_RATIO}) {verdict}")


if __name__ == "__main__":
    main()
