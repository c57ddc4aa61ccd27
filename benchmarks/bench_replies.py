"""Benchmark of reply understanding on the reply corpus (tests/replies/corpus.yaml).

Accuracy: the share of replies whose first reading is right, whose right reading is among
those offered, that are read wrongly and taken without asking, and that are not understood,
for ``understand`` and, as the floor, the exact matcher ``match_reply`` it replaces (sure
when it would take the reply, its near miss offered otherwise). Also on a fixed held-out 25%
of the corpus (seed 11), which was not looked at while the thesaurus and the bank examples
were written. Time: median and p90 to understand one reply of the core bank, with the
question's index already built (as in a conversation), against ``match_reply`` on the same
replies in the same run; and the one-off cost of building every core question's index.

Run: ``python benchmarks/bench_replies.py [--runs N]``. A script, not a test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from _rows import Row, emit

from readiness.bank.load import load_bank
from readiness.kinds.values import match_reply
from readiness.model import Answer, Bank
from readiness.understanding import understand
from readiness.understanding.meaning import build_index

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "replies" / "corpus.yaml"
HELD_OUT_SEED = 11


def held_out(count: int) -> set[int]:
    """The indexes of the held-out quarter of the corpus."""
    return set(random.Random(HELD_OUT_SEED).sample(range(count), count // 4))


def floor_reading(question: Any, text: str) -> tuple[tuple[Answer, ...], bool]:
    match = match_reply(question, text)
    return ((match.value,) if match.kind != "none" else ()), match.kind == "sure"


def new_reading(question: Any, text: str) -> tuple[tuple[Answer, ...], bool]:
    reading = understand(question, text)
    return reading.offered, reading.sure


def same(found: Answer, expected: Any) -> bool:
    if isinstance(expected, list):
        return isinstance(found, list) and sorted(found) == sorted(expected)
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return isinstance(found, int | float) and abs(found - expected) < 1e-9
    return found == expected


def figures(
    entries: list[dict[str, Any]], banks: dict[str, Bank], read: Callable
) -> dict[str, float]:
    n = len(entries)
    first = among = wrong = none = 0
    for e in entries:
        offered, sure = read(banks[e["bank"]].question_by_id[e["question"]], e["reply"])
        right = bool(offered) and same(offered[0], e["expected"])
        first += right
        among += any(same(o, e["expected"]) for o in offered)
        wrong += sure and bool(offered) and not right
        none += not offered
    return {"first": first / n, "among": among / n, "wrong": wrong / n, "none": none / n}


def timings(entries: list[dict[str, Any]], bank: Bank, read: Callable, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        for e in entries:
            question = bank.question_by_id[e["question"]]
            start = time.perf_counter()
            read(question, e["reply"])
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="passes over the core replies")
    args = parser.parse_args()
    corpus = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    banks = {b: load_bank(b) for b in {e["bank"] for e in corpus}}
    held = held_out(len(corpus))
    parts = {
        "all": corpus,
        "held-out": [e for i, e in enumerate(corpus) if i in held],
        "developed on": [e for i, e in enumerate(corpus) if i not in held],
    }
    print(
        f"{'replies':<14} {'reader':<12} {'n':>4} {'first right':>12} {'among offered':>14} "
        f"{'wrong taken':>12} {'not underst.':>13}"
    )
    for name, entries in parts.items():
        for reader, read in (("understand", new_reading), ("match_reply", floor_reading)):
            f = figures(entries, banks, read)
            print(
                f"{name:<14} {reader:<12} {len(entries):>4} {f['first']:>12.1%} "
                f"{f['among']:>14.1%} {f['wrong']:>12.1%} {f['none']:>13.1%}"
            )
    core = [e for e in corpus if e["bank"] == "core"]
    start = time.perf_counter()
    for question in banks["core"].questions:
        build_index(question)
    build_ms = (time.perf_counter() - start) * 1000
    ours = timings(core, banks["core"], new_reading, args.runs)
    floor = timings(core, banks["core"], floor_reading, args.runs)
    p90 = statistics.quantiles(ours, n=10)[-1]
    print(
        f"\nper reply, core bank ({len(core)} replies x {args.runs}): understand median "
        f"{statistics.median(ours):.3f} ms, p90 {p90:.3f} ms; match_reply median "
        f"{statistics.median(floor):.3f} ms; building every core question's index once: "
        f"{build_ms:.1f} ms"
    )
    emit([
        Row("understand one reply (core, median)", statistics.median(ours),
            statistics.median(floor), "match_reply on the same replies"),
        Row("understand one reply (core, p90)", p90, statistics.quantiles(floor, n=10)[-1],
            "match_reply p90 on the same replies"),
    ])  # fmt: skip


if __name__ == "__main__":
    main()
