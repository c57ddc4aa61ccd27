"""How far a group agrees: the statistics of its scores, and the rules that put them in words.

Pure functions over counts of values; standard library only. Means are taken of the exact
values and rounded once, to one decimal, when shown (see :func:`describe`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from msgspec import Struct

Stats = dict[str, Any]


class Rules(Struct, frozen=True):
    """The thresholds that turn spread into words; all on the 0-100 scale, rounded as shown.

    Attributes:
        high_below: An sd below this is high agreement.
        moderate_below: An sd below this (and not high) is moderate; anything else is low.
        divergent_range: A range at least this wide flags divergence.
        divergent_sd: An sd at least this large flags divergence.
        role_gap: Role means more than this far apart are a "them and us" risk.
        agenda_size: How many of the most divergent questions make the discussion agenda.
        blocker_share: A blocker caps the group's band when it holds for more than this share.
        min_group: A role's figures are shown only when at least this many values lie behind
            them, so no one's answers can be read from a role of one or two (local
            authorities suppress small counts the same way).
    """

    high_below: float = 10
    moderate_below: float = 20
    divergent_range: float = 50
    divergent_sd: float = 20
    role_gap: float = 20
    agenda_size: int = 5
    blocker_share: float = 0.5
    min_group: int = 3

    def agreement(self, sd: float | None) -> str | None:
        """``high``, ``moderate`` or ``low`` from a standard deviation; None without values."""
        if sd is None:
            return None
        if sd < self.high_below:
            return "high"
        return "moderate" if sd < self.moderate_below else "low"

    def divergent(self, sd: float | None, spread: float | None) -> bool:
        """Whether people disagree widely: a large sd or a wide range."""
        if sd is None or spread is None:
            return False
        return sd >= self.divergent_sd or spread >= self.divergent_range


def round1(value: float) -> float:
    """One decimal, halves rounded up, as result scores are shown (56.25 -> 56.3).

    The 1e-9 absorbs float noise (56.24999999999999 is 56.25), never a real difference.
    """
    return math.floor(value * 10 + 0.5 + 1e-9) / 10


def mean_of(counts: Mapping[float, int]) -> float | None:
    """The exact mean of values counted by how often each occurs; None without values."""
    n = sum(counts.values())
    return math.fsum(v * c for v, c in counts.items()) / n if n else None


def describe(counts: Mapping[float, int], rules: Rules) -> Stats:
    """n, mean, median, min, max, population sd, range, agreement and divergence of values.

    ``counts`` maps each value to how often it occurs, so room votes weigh by head count.
    Every figure is computed from the exact values and rounded once, at the end.
    """
    mean = mean_of(counts)
    if mean is None:
        return _no_stats()
    n = sum(counts.values())
    sd = round1(math.sqrt(math.fsum(c * (v - mean) ** 2 for v, c in counts.items()) / n))
    low, high = min(counts), max(counts)
    spread = round1(high - low)
    return {
        "n": n,
        "mean": round1(mean),
        "median": round1(_median(counts, n)),
        "min": round1(low),
        "max": round1(high),
        "sd": sd,
        "range": spread,
        "agreement": rules.agreement(sd),
        "divergent": rules.divergent(sd, spread),
    }


def _no_stats() -> Stats:
    empty = dict.fromkeys(("mean", "median", "min", "max", "sd", "range", "agreement"))
    return {"n": 0, **empty, "divergent": False}


def _median(counts: Mapping[float, int], n: int) -> float:
    """The middle value (the mean of the two middle ones when n is even)."""
    middle = sorted(counts.items())
    wanted = {(n - 1) // 2, n // 2}
    found: list[float] = []
    seen = 0
    for value, count in middle:
        found += [value] * len({w for w in wanted if seen <= w < seen + count})
        seen += count
    return math.fsum(found) / len(found) if len(found) == 2 else found[0]


@dataclass
class Values:
    """Scores on 0-100 and how often each occurs, counted by (role, score) for speed."""

    counts: Counter[tuple[str, float]] = field(default_factory=Counter)

    def add(self, value: float, role: str, count: int = 1) -> None:
        self.counts[role, value] += count

    def overall(self) -> Counter[float]:
        """Every value, whatever the role."""
        found: Counter[float] = Counter()
        for (_, value), count in self.counts.items():
            found[value] += count
        return found

    def stats(self, rules: Rules, names: Mapping[str, str]) -> Stats:
        """The statistics, with each role's n and mean (roles as ``names`` spells them, sorted).

        A role with fewer than ``rules.min_group`` values has no figures: it is named in
        ``suppressed_roles`` instead of ``by_role``, so neither its mean nor its exact count
        can identify the one or two people behind it.
        """
        by_role: dict[str, Counter[float]] = defaultdict(Counter)
        for (role, value), count in self.counts.items():
            by_role[names.get(role, role)][value] += count
        roles: dict[str, Stats] = {}
        suppressed: list[str] = []
        for role in sorted(by_role, key=str.casefold):
            found = describe(by_role[role], rules)
            if found["n"] >= rules.min_group:
                roles[role] = {"n": found["n"], "mean": found["mean"]}
            elif found["n"]:
                suppressed.append(role)
        return {**describe(self.overall(), rules), "by_role": roles, "suppressed_roles": suppressed}
