"""Which of a bank's role groups a person's role belongs to.

People write their role in their own words ("DCS", "Director of children's services"); a
group result compares like with like only when both land in the same group. A role matches a
group when one of the group's ``matches`` (or its label or id) appears in it as whole words,
in any case; when several match, the longest match wins, so "assistant director" is not
taken for "director". Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from readiness.model import RoleGroup

_WORD = re.compile(r"\w+")


def words(text: str) -> tuple[str, ...]:
    """The words of ``text``, case-folded, with apostrophes and punctuation dropped between
    them ("children's" is ``children``, ``s``), so spelling of punctuation does not matter."""
    return tuple(_WORD.findall(text.casefold().replace("\u2019", "'")))


def phrases(group: RoleGroup) -> list[tuple[str, ...]]:
    """What a role may contain to belong to ``group``: its matches, label and id, as words."""
    found = [words(m) for m in (*group.matches, group.label, group.id.replace("_", " "))]
    return [p for p in found if p]


@lru_cache(maxsize=64)
def _table(groups: tuple[RoleGroup, ...]) -> tuple[tuple[tuple[str, ...], int, str], ...]:
    """Each phrase with its length and group id, longest first (ties in bank order)."""
    rows = [(p, len(p), g.id) for g in groups for p in phrases(g)]
    return tuple(sorted(rows, key=lambda row: -row[1]))


def match_role(role: str | None, groups: Sequence[RoleGroup]) -> str | None:
    """The id of the group whose longest phrase appears in ``role`` as whole words, or None."""
    if not role or not groups:
        return None
    said = words(role)
    for phrase, size, gid in _table(tuple(groups)):
        if any(said[i : i + size] == phrase for i in range(len(said) - size + 1)):
            return gid
    return None
