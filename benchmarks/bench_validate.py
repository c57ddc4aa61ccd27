"""Benchmark of ``readiness validate`` on a generated 1,000-question bank.

Compared in the same run with the floor: loading the same file with PyYAML alone (the C loader
where available, as ``yaml.load(..., Loader=CSafeLoader)``, and the pure-Python safe loader).
Both in-process (the work itself) and as whole processes (what a user waits for).

Run: ``python benchmarks/bench_validate.py [--questions N] [--runs N]``. A script, not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from _rows import Row, emit

DOMAINS = ("leadership", "capacity", "data", "collaboration")


def generated_bank(questions: int) -> str:
    """A valid bank with ``questions`` questions of mixed types, conditions and follow-ups."""
    lines = [
        "format: readiness-bank/1",
        "id: generated",
        "title: Generated bank",
        "version: 1.0.0",
        "sources:",
        "  - {id: src, short: Source 2017, citation: 'A source (2017).'}",
        "scales:",
        "  - id: four",
        "    options:",
        "      - {id: none, label: Not in place}",
        "      - {id: some, label: Talked about}",
        "      - {id: most, label: Written down}",
        "      - {id: all, label: Agreed, synonyms: [agreed]}",
        "domains:",
        *[f"  - {{id: {d}, title: {d.title()}}}" for d in DOMAINS],
        "recommendations:",
        *[
            f"  - {{id: R{n:02d}, title: Rec {n}, text: Do thing {n}., source: {{ref: src, pages: p. {n}}}}}"
            for n in range(1, 13)
        ],
        "follow_up: {below: 0.5, prompts: [{id: needs, text: 'What needs to happen?'}]}",
        "questions:",
    ]
    for n in range(questions):
        lines += [
            f"  - id: q{n}",
            f"    domain: {DOMAINS[n % 4]}",
            f"    prompt: How far is practice {n} written down and agreed across the service?",
            f"    help: {{text: Evidence says item {n} matters for innovation., source: {{ref: src, pages: p. {n % 30}}}}}",
        ]
        if n % 5 == 4:
            lines += ["    type: yesno"]
        else:
            lines += ["    type: scale", "    scale: four"]
        lines += [f"    weight: {1 + n % 3}", f"    evidences: [R{n % 12 + 1:02d}]"]
        if n % 7 == 6:
            lines += [f"    when: {{question: q{n - 1}, answered: true}}"]
    lines += [
        "bands:",
        "  - {id: low, label: Low, min: 0, max: 50}",
        "  - {id: high, label: High, min: 50, max: 100}",
    ]
    return "\n".join(lines) + "\n"


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from readiness.bank.load import validate_bank_file

    folder = Path(tempfile.mkdtemp())
    bank = folder / "generated.yaml"
    bank.write_text(generated_bank(args.questions), "utf-8")
    assert validate_bank_file(bank) == [], "the generated bank must be valid"
    c_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["READINESS_CACHE_DIR"] = ""

    rows = [
        (
            "in-process: readiness validate",
            median_time(lambda: validate_bank_file(bank), args.runs),
        ),
        (
            "in-process: yaml.load (C loader)",
            median_time(lambda: yaml.load(bank.read_text(), Loader=c_loader), args.runs),
        ),
        (
            "in-process: yaml.safe_load (pure Python)",
            median_time(lambda: yaml.safe_load(bank.read_text()), args.runs),
        ),
    ]
    floor_script = f"import yaml; yaml.load(open({str(bank)!r}).read(), Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))"
    rows += [
        (
            "process: readiness validate",
            median_time(
                lambda: subprocess.run(
                    [sys.executable, "-m", "readiness", "validate", "-q", str(bank)],
                    env=env,
                    check=True,
                ),
                args.runs,
            ),
        ),
        (
            "process: python -c 'yaml.load(...)'",
            median_time(
                lambda: subprocess.run([sys.executable, "-c", floor_script], env=env, check=True),
                args.runs,
            ),
        ),
    ]
    print(
        f"{args.questions}-question bank, {bank.stat().st_size / 1024:.0f} KiB, median of {args.runs}"
    )
    for name, seconds in rows:
        print(f"  {name:<44} {seconds * 1000:>8.1f} ms")
    print(f"  ratio in-process, validate / C yaml load:      {rows[0][1] / rows[1][1]:>6.2f}")
    print(f"  ratio in-process, validate / pure yaml load:   {rows[0][1] / rows[2][1]:>6.2f}")
    print(f"  ratio as processes:                            {rows[3][1] / rows[4][1]:>6.2f}")
    emit(
        [
            Row(
                f"validate, {args.questions}-question bank, in-process",
                rows[0][1] * 1000,
                rows[1][1] * 1000,
                "yaml.load, C loader",
            ),
            Row(
                f"validate, {args.questions}-question bank, in-process",
                rows[0][1] * 1000,
                rows[2][1] * 1000,
                "yaml.safe_load, pure Python",
            ),
            Row(
                f"validate, {args.questions}-question bank, process",
                rows[3][1] * 1000,
                rows[4][1] * 1000,
                "python -c 'yaml.load(...)'",
            ),
        ]
    )


if __name__ == "__main__":
    main()
