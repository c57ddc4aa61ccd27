"""Every benchmark of readiness, each against its floor measured the same way in the same run.

Runs each benchmark script in turn and prints one table: the median, the floor, their ratio,
and peak memory where it is measured. Run: ``python benchmarks/run_all.py [--quick]``.
Figures depend on the machine; the ratios are what to compare across runs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from _rows import Row, parse

HERE = Path(__file__).resolve().parent
SCRIPTS = {
    "validate": ["bench_validate.py"],
    "score + reports": ["bench_score.py"],
    "app": ["bench_app.py"],
    "aggregate": ["bench_aggregate.py"],
    "replies": ["bench_replies.py"],
    "serve": ["bench_serve.py"],
}
QUICK = {
    "bench_validate.py": ["--runs", "3"],
    "bench_app.py": ["--runs", "3"],
    "bench_aggregate.py": ["--results", "2000"],
    "bench_replies.py": ["--runs", "1"],
    "bench_serve.py": ["--participants", "40", "--over", "3"],
}


def run(script: str, quick: bool) -> tuple[list[Row], str]:
    argv = [sys.executable, str(HERE / script), *(QUICK.get(script, []) if quick else [])]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=HERE.parent)
    if done.returncode != 0:
        return [], (done.stderr.strip().splitlines() or ["failed"])[-1]
    return parse(done.stdout), ""


def table(results: dict[str, list[Row]]) -> str:
    lines = [
        f"{'benchmark':<16} {'measure':<46} {'median':>10} {'floor':>10} {'ratio':>6} {'peak':>8}"
    ]
    for name, rows in results.items():
        for row in rows:
            floor = f"{row.floor_ms:>8.1f}ms" if row.floor_ms else f"{'':>10}"
            ratio = f"{row.ratio:>6.2f}" if row.ratio else f"{'':>6}"
            peak = f"{row.peak_mib:>5.1f}MiB" if row.peak_mib else f"{'':>8}"
            lines.append(
                f"{name:<16} {row.measure[:46]:<46} {row.median_ms:>8.1f}ms {floor} {ratio} {peak}"
            )
            if row.floor:
                lines.append(f"{'':<16}   floor: {row.floor}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and a smaller group")
    args = parser.parse_args()
    results: dict[str, list[Row]] = {}
    for name, (script, *_) in SCRIPTS.items():
        print(f"running {script} ...", file=sys.stderr, flush=True)
        rows, problem = run(script, args.quick)
        results[name] = rows
        if problem:
            print(f"  {script} failed: {problem}", file=sys.stderr)
    print(table(results))


if __name__ == "__main__":
    main()
