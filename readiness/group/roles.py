"""Roles in a group: how they are named, and where two roles' means are far apart.

A gap between leaders and the front line is itself a finding: the sources warn of a "them and
us" culture. When the bank's role groups name sides, the leaders side is compared with the
front-line side; otherwise the highest and lowest roles shown. Only figures shown (see
``Rules.min_group``) are compared, so a gap never points at one or two people.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from readiness.group.agreement import Rules, mean_of, round1

if TYPE_CHECKING:
    from readiness.group.agreement import Values
    from readiness.model import RoleGroup

UNSPECIFIED = "unspecified"
GROUP_KEY = "\x1f"
"""The start of a role key naming a role group a result carries (``GROUP_KEY + id``): never
the start of a tidied free-text role, as ``str.split`` takes it for a space."""
SIDE_NAMES = {"leaders": "Leaders", "front_line": "Front line"}
THEM_AND_US = (
    "Sebba et al. 2017, recommendation R04: engage stakeholders widely and early to avoid a "
    "'them and us' culture, pp. 3, 20"
)


def role_of(role: Any) -> str:
    """A role as written in the group: spaces tidied; none or blank is ``unspecified``."""
    tidy = " ".join(role.split()) if isinstance(role, str) else ""
    return tidy or UNSPECIFIED


def role_key(role: Any, group: str | None) -> str:
    """A role as counted: the role group a result carries, else its role tidied, any case."""
    return GROUP_KEY + group if group else role_of(role).casefold()


def role_names(
    raw: Mapping[Any, int],
    picked: Mapping[str, int] | None = None,
    groups: Sequence[RoleGroup] = (),
) -> dict[str, str]:
    """Each role key to the name the group shows it by.

    A role group a result carries is named by the group's label (from its id when the bank is
    not at hand: see :func:`_label_of`); a free-text role by the label of the group it matches (see
    :func:`readiness.bank.roles.match_role`), else by the spelling most results use, ties
    going to the first in sorted order, so the order of the results does not matter.
    """
    from readiness.bank.roles import match_role

    labels = {g.id: g.label for g in groups}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for role, count in raw.items():
        tidy = role_of(role)
        spellings[tidy.casefold()][tidy] += count
    names = {}
    for key, found in spellings.items():
        spelling = min(found, key=lambda s: (-found[s], s))
        gid = match_role(spelling, groups) if key != UNSPECIFIED else None
        names[key] = labels[gid] if gid else spelling
    for gid in picked or {}:
        names[GROUP_KEY + gid] = labels.get(gid) or _label_of(gid)
    return names


def _label_of(group_id: str) -> str:
    """A role group's name when its bank is not at hand: ``senior_leader`` is "Senior leader"
    (the bundled banks' labels are their ids so written)."""
    words = group_id.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def sides_of(groups: Sequence[RoleGroup]) -> dict[str, list[str]]:
    """``leaders`` and ``front_line`` to the role names on each side; empty without sides."""
    found = {side: [g.label for g in groups if g.side == side] for side in SIDE_NAMES}
    return found if all(found.values()) else {}


def side_stats(
    values: Values, names: Mapping[str, str], sides: Mapping[str, list[str]], rules: Rules
) -> dict[str, dict[str, Any]] | None:
    """Each side's n and mean of ``values``, or None when a side's figure cannot be shown.

    A side is shown only with at least ``min_group`` values, and only when the roles on it too
    small to show hold none or at least ``min_group`` values between them: otherwise the
    side's figure less its roles' shown figures would give away those few people's scores.
    """
    found: dict[str, dict[str, Any]] = {}
    for side, members in sides.items():
        by_role: dict[str, Counter[float]] = defaultdict(Counter)
        for (key, value), count in values.counts.items():
            if names.get(key, key) in members:
                by_role[names.get(key, key)][value] += count
        pooled: Counter[float] = Counter()
        for counts in by_role.values():
            pooled.update(counts)
        n = sum(pooled.values())
        sizes = [sum(counts.values()) for counts in by_role.values()]
        hidden = sum(size for size in sizes if size < rules.min_group)
        mean = mean_of(pooled)
        if n < rules.min_group or 0 < hidden < rules.min_group or mean is None:
            return None
        found[side] = {"n": n, "mean": round1(mean)}
    return found


def role_gaps(
    domains: Mapping[str, Any],
    recs: Mapping[str, Any],
    rules: Rules,
    sides: Mapping[tuple[str, str], Mapping[str, Any] | None] | None = None,
) -> list[dict[str, Any]]:
    """Domains and recommendations where two roles' means are more than ``role_gap`` apart.

    With ``sides`` (scope and id to :func:`side_stats`), the leaders side is compared with
    the front-line side; without, the highest and lowest role means shown (an unspecified
    role, and roles too small to show, are left out). The gap is the difference of the two
    means as shown, so readers can check it. The largest gaps first, then domains before
    recommendations, each in bank order.
    """
    source = them_and_us_source(recs)
    found = [
        gap
        for scope, parts in (("domain", domains), ("recommendation", recs))
        for pid, part in parts.items()
        if (gap := _role_gap(scope, pid, part, rules, source, sides))
    ]
    return sorted(found, key=lambda g: -g["gap"])


def _role_gap(
    scope: str,
    pid: str,
    part: Mapping[str, Any],
    rules: Rules,
    source: str,
    sides: Mapping[tuple[str, str], Mapping[str, Any] | None] | None,
) -> dict[str, Any] | None:
    if sides is not None:
        shown = sides.get((scope, pid))
        roles = [(SIDE_NAMES[s], v) for s, v in shown.items()] if shown else []
    else:
        roles = [
            (r, s)
            for r, s in part["by_role"].items()
            if r != UNSPECIFIED and s["n"] >= rules.min_group
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
