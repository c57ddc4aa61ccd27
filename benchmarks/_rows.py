"""The rows every benchmark reports, so ``run_all.py`` can print them as one table."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass

MARK = "BENCH-ROWS: "


@dataclass(frozen=True)
class Row:
    """One measure: its median, the floor measured the same way in the same run, peak memory."""

    measure: str
    median_ms: float
    floor_ms: float | None = None
    floor: str = ""
    peak_mib: float | None = None

    @property
    def ratio(self) -> float | None:
        return self.median_ms / self.floor_ms if self.floor_ms else None


def emit(rows: list[Row]) -> None:
    """Print the rows as one machine-readable line (read by run_all.py)."""
    print(MARK + json.dumps([asdict(r) for r in rows]), file=sys.stdout, flush=True)


def parse(output: str) -> list[Row]:
    """The rows in a benchmark's output."""
    for line in output.splitlines():
        if line.startswith(MARK):
            return [Row(**r) for r in json.loads(line[len(MARK) :])]
    return []
