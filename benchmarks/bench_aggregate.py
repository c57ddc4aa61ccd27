"""How long ``readiness aggregate`` takes over 10,000 results, and how much memory it needs.

Run ``python benchmarks/bench_aggregate.py [--results 10000] [--distinct 300] [--runs 3]``, or
with ``--folder DIR`` to time a folder of results already there (none are written).

Generation is not timed: a few hundred distinct answer sets to the quick bank are scored in
this process with :func:`readiness.scoring.scores.score`, and written as 10,000 result files with
varied respondents, roles and session times (a few are room votes). Then, in the same run and
on the same (cached) files, two whole processes are timed, each the median of ``--runs``:

* the baseline: ``python -c`` that reads every file and ``json.load``s it;
* ``readiness aggregate FOLDER -o group.json``, and the same with every path on the command
  line when they fit.

The target is a ratio of at most 1.5. Peak memory is the child's ``ru_maxrss`` (from
``os.wait4``, so each process is measured alone).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _rows import Row, emit

from readiness.bank.load import load_bank
from readiness.model import DONT_KNOW, Bank, Question
from readiness.scoring.answers import AnswerSet, Respondent
from readiness.scoring.scores import score
from readiness.store import dumps

TARGET_RATIO = 1.5
ROLES = ("Senior leader", "Team manager", "Practitioner", "Partner agency", None)
BASELINE = (
    "import json, sys\nfrom pathlib import Path\n"
    "for path in sorted(Path(sys.argv[1]).glob('*.json')):\n"
    "    with path.open(encoding='utf-8') as handle:\n"
    "        json.load(handle)\n"
)


def answer(question: Question, rng: random.Random) -> object:
    """A random answer: mostly an option, sometimes don't know or skipped."""
    roll = rng.random()
    if roll < 0.05:
        return None
    if roll < 0.1 and question.type != "text":
        return DONT_KNOW
    if question.type == "multiple":
        return rng.sample([o.id for o in question.options], k=1)
    if question.options:
        return rng.choice(question.options).id
    if question.type == "number":
        return 1
    return "Some text."


def distinct_results(bank: Bank, count: int, seed: int = 1) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    results = []
    for _ in range(count):
        answers = {q.id: a for q in bank.questions if (a := answer(q, rng)) is not None}
        results.append(score(bank, AnswerSet(answers, respondent=Respondent())))
    return results


def varied(result: dict[str, Any], index: int, rng: random.Random) -> dict[str, Any]:
    """A copy of ``result`` with its own respondent and session times."""
    found = copy.deepcopy(result)
    found["respondent"] = {
        "name": f"Respondent {index:05d}",
        "role": ROLES[index % len(ROLES)],
        "organisation": f"Authority {index % 37}",
    }
    minute, second = divmod(index, 60)
    hour, minute = divmod(minute, 60)
    stamp = f"2024-05-{1 + hour // 24:02d}T{hour % 24:02d}:{minute:02d}:{second:02d}Z"
    found["session"] = {"started_at": stamp, "completed_at": stamp}
    if index % 500 == 0:
        _make_room(found, rng)
    return found


def _make_room(result: dict[str, Any], rng: random.Random) -> None:
    """A room vote: every option question gets a spread of votes around the room's answer."""
    result["session"]["mode"] = "room"
    for item in result["answers"]:
        if isinstance(item["value"], str) and item["status"] == "scored":
            item["distribution"] = {item["value"]: rng.randint(3, 9)}


def write_results(folder: Path, total: int, distinct: int) -> None:
    bank = load_bank("quick")
    base = distinct_results(bank, distinct)
    rng = random.Random(2)
    for index in range(total):
        data = varied(base[index % distinct], index, rng)
        (folder / f"result-{index:05d}.json").write_text(dumps(data), "utf-8")


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Seconds (wall clock and CPU) and peak resident memory (KiB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode() if child.stderr else ""
    if child.returncode:
        raise SystemExit(f"{' '.join(argv[:4])} ... failed ({child.returncode}): {error}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def interleaved(
    commands: dict[str, list[str]], env: dict[str, str], runs: int
) -> dict[str, tuple[float, float, int]]:
    """Each command's median wall and CPU seconds and largest peak memory, the commands
    taking turns in each round so that a busy machine slows them alike."""
    found: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            found[name].append(timed(argv, env))
    return {
        name: (
            statistics.median(t for t, _, _ in times),
            statistics.median(c for _, c, _ in times),
            max(m for _, _, m in times),
        )
        for name, times in found.items()
    }


def fits_command_line(argv: list[str]) -> bool:
    return sum(len(a) + 1 for a in argv) < os.sysconf("SC_ARG_MAX") // 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=int, default=10_000)
    parser.add_argument("--distinct", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, help="time these results; write none")
    args = parser.parse_args()
    # readiness keeps its bytecode, as an installed package does (see bench_score.py)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if args.folder:
        with tempfile.TemporaryDirectory() as temp:
            report(args.folder, Path(temp) / "group.json", args.runs, env)
        return
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "results"
        folder.mkdir()
        started = time.perf_counter()
        write_results(folder, args.results, args.distinct)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        print(
            f"generated {args.results} results ({size:.0f} MB) in "
            f"{time.perf_counter() - started:.1f} s (not counted)"
        )
        report(folder, Path(temp) / "group.json", args.runs, env)


def report(folder: Path, output: Path, runs: int, env: dict[str, str]) -> None:
    commands = {
        "baseline (read + json.load)": [sys.executable, "-c", BASELINE, str(folder)],
        "readiness aggregate FOLDER": [
            sys.executable,
            "-m",
            "readiness",
            "aggregate",
            str(folder),
            "-o",
            str(output),
        ],
    }
    paths = [str(p) for p in sorted(folder.glob("*.json"))]
    listed = [sys.executable, "-m", "readiness", "aggregate", *paths, "-o", str(output)]
    if fits_command_line(listed):
        commands["readiness aggregate PATHS..."] = listed
    for argv in commands.values():
        timed(argv, env)  # warm the page cache and write readiness's bytecode
    found = interleaved(commands, env, runs)
    base, base_cpu, _ = found["baseline (read + json.load)"]
    for name, (seconds, cpu, memory) in found.items():
        print(
            f"{name:30} {seconds:5.2f} s  ratio {seconds / base:4.2f}  "
            f"(CPU {cpu:5.2f} s, ratio {cpu / base_cpu:4.2f})  peak {memory / 1024:3.0f} MiB"
        )
    group = json.loads(output.read_text("utf-8"))
    people = group["respondents"]
    print(
        f"group: {people['count']} results, {people['people']} people, overall mean "
        f"{group['overall']['mean']}, {output.stat().st_size / 1e6:.1f} MB"
    )
    worst = max(seconds for name, (seconds, _, _) in found.items() if "aggregate" in name)
    verdict = "within" if worst / base <= TARGET_RATIO else "over"
    print(f"{verdict} the target ratio of {TARGET_RATIO}")
    emit(
        [
            Row(
                f"{name}, {people['count']} results",
                seconds * 1000,
                base * 1000,
                "plain read + json.load of the same files",
                memory / 1024,
            )
            for name, (seconds, _, memory) in found.items()
            if "aggregate" in name
        ]
    )


if __name__ == "__main__":
    main()
