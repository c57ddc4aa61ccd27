"""Roles in a group: how they are named, and where two roles' means are far apart.

A gap between leaders and the front line is itself a finding: the sources warn of a "them and
us" culture. Only roles whose figures are shown (see ``Rules.min_group``) are compared, so a
gap never points at one or two people.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from readiness.group.agreement import Rules, round1

UNSPECIFIED = "unspecified"
THEM_AND_US = (
    "Sebba et al. 2017, recommendation R04: engage stakeholders widely and early to avoid a "
    "'them and us' culture, pp. 3, 20"
)


def role_of(role: Any) -> str:
    """A role as written in the group: spaces tidied; none or blank is ``unspecified``."""
    tidy = " ".join(role.split()) if isinstance(role, str) else ""
    return tidy or UNSPECIFIED


def role_names(raw: Mapping[Any, int]) -> dict[str, str]:
    """Each role (as grouped: tidied, ignoring case) to the spelling most results use, ties
    going to the first in sorted order, so the order of the results does not matter."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for role, count in raw.items():
        tidy = role_of(role)
        spellings[tidy.casefold()][tidy] += count
    return {
        key: min(found, key=lambda spelling: (-found[spelling], spelling))
        for key, found in spellings.items()
    }


def role_gaps(
    domains: Mapping[str, Any], recs: Mapping[str, Any], rules: Rules
) -> list[dict[str, Any]]:
    """Domains and recommendations where two roles' means are more than ``role_gap`` apart.

    The highest and lowest role means shown are compared (an unspecified role, and roles too
    small to show, are left out); the gap is the difference of the two means as shown, so
    readers can check it. The largest gaps first, then domains before recommendations, each
    in bank order.
    """
    source = them_and_us_source(recs)
    found = [
        gap
        for scope, parts in (("domain", domains), ("recommendation", recs))
        for pid, part in parts.items()
        if (gap := _role_gap(scope, pid, part, rules, source))
    ]
    return sorted(found, key=lambda g: -g["gap"])


def _role_gap(
    scope: str, pid: str, part: Mapping[str, Any], rules: Rules, source: str
) -> dict[str, Any] | None:
    roles = [
        (r, s) for r, s in part["by_role"].items() if r != UNSPECIFIED and s["n"] >= rules.min_group
    ]
    if len(roles) < 2:
        return None
    high = max(roles, key=lambda rs: rs[1]["mean"])
    low = min(roles, key=lambda rs: rs[1]["mean"])
    gap = round1(high[1]["mean"] - low[1]["mean"])
    if gap <= rules.role_gap:
        return None
    return {
        "scope": scope,
        "id": pid,
        "title": part["title"],
        "high": {"role": high[0], **high[1]},
        "low": {"role": low[0], **low[1]},
        "gap": gap,
        "message": (
            f"{high[0]} ({high[1]['mean']:.1f}) and {low[0]} ({low[1]['mean']:.1f}) are "
            f"{gap:.1f} points apart on {part['title']}: a 'them and us' risk"
        ),
        "source": source,
    }


def them_and_us_source(recs: Mapping[str, Any]) -> str:
    """The citation for the "them and us" warning: the result's own engagement recommendation
    (the one whose text warns of it, else R04) when present, else Sebba et al. 2017, R04."""
    warning = [r for r, rec in recs.items() if "them and us" in rec["text"].lower()]
    rid = next(iter(warning), "R04" if "R04" in recs else None)
    if rid is None:
        return THEM_AND_US
    rec = recs[rid]
    return f"{rec['source']} (recommendation {rid}: {rec['title']})"
