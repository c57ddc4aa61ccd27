"""Result files to combine: finding them, reading them, and checking the fields a group reads.

Shared by ``readiness aggregate`` and ``readiness export`` (core: nothing here prints). Paths
stay strings and files are read in one call where possible, because a workshop series can
bring 10,000 results.
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Iterator, Mapping
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from readiness.errors import UsageError
from readiness.scoring.shape import MODES, NONE, NUMBER, STATUSES, _is_number

FULL_CHECK_LIMIT = 20
"""Up to this many files, each is checked against the whole result schema (about 8 ms each)."""


class Source(NamedTuple):
    """One result file to aggregate (a named tuple: thousands are made, and this is fastest).

    Attributes:
        shown: The file as the user named it, for messages.
        file: Its base name, for the group's member list.
        data: The parsed JSON.
        text: Its text, to notice the same file given twice.
        checked: True when the data was already checked against the full result schema.
    """

    shown: str
    file: str
    data: dict[str, Any]
    text: str
    checked: bool = False


# --- finding and reading files ----------------------------------------------------------------


def result_paths(named: list[str], output: str | None, strict: bool) -> tuple[list[str], bool]:
    """The result files named (files, folders, @LISTs), and whether to check each in full.

    Raises:
        UsageError: Nothing named holds a result file.
    """
    paths = list(expand(named, output))
    if not paths:
        raise UsageError(f"{' '.join(named)}: no result files found (*.json)")
    return paths, strict or len(paths) <= FULL_CHECK_LIMIT


def expand(named: list[str], output: str | None) -> Iterator[str]:
    """Each file named, each *.json of a folder (by name, not the output), each line of @LIST.

    Paths stay strings: 10,000 of them as ``Path`` objects cost a tenth of a second.
    """
    skip = os.path.realpath(output) if output else None
    for item in named:
        if item.startswith("@") and len(item) > 1:
            yield from _listed(item[1:])
        elif os.path.isdir(item):
            yield from (p for p in _folder(item) if not _same(p, skip))
        else:
            yield item


def _folder(folder: str) -> list[str]:
    """The *.json files of a folder, by name (``scandir`` knows which are files without a stat)."""
    with os.scandir(folder) as entries:
        found = [e.name for e in entries if e.name.endswith(".json") and e.is_file()]
    return [os.path.join(folder, name) for name in sorted(found)]


def _same(path: str, target: str | None) -> bool:
    same_name = target is not None and os.path.basename(path) == os.path.basename(target)
    return same_name and os.path.realpath(path) == target


def _listed(list_file: str) -> Iterator[str]:
    from readiness.bank.yamlsafe import decode, read_bytes

    text = decode(read_bytes(Path(list_file), list_file, max_bytes=64 * 1024 * 1024), list_file)
    for line in text.splitlines():
        name = line.strip()
        if name and not name.startswith("#"):
            yield name


def read_source(path: str, *, full: bool) -> Source:
    """One result file, checked in full when ``full`` (with places), else left to the builder."""
    from readiness import store
    from readiness.scoring.shape import check_kind

    if full:  # read by the store (repeated keys refused); the kind first, which says more
        found = store.open_json(path, path)
        check_kind(found.data, path, "aggregate")
        return Source(path, os.path.basename(path), found.check("result"), found.text, full)
    text, data = read_json(path)
    return Source(path, os.path.basename(path), data, text, full)


def read_json(path: str) -> tuple[str, dict[str, Any]]:
    """The text and data of a JSON file, as :func:`readiness.store.open_json` reads them but
    faster for the many files of a large group.

    A regular UTF-8 file within the size limit holding a JSON object is read in one call;
    anything else (too big, a folder, a byte-order mark, bad bytes or JSON, not an object) is
    read again by the store, so every error message is the store's own, with its place.
    """
    import json
    import stat

    from readiness import store
    from readiness.bank.yamlsafe import MAX_BYTES

    try:
        with open(path, "rb") as handle:
            found = os.fstat(handle.fileno())
            if stat.S_ISREG(found.st_mode) and found.st_size <= MAX_BYTES:
                raw = handle.read()
                data = json.loads(text := raw.decode("utf-8"))
                if type(data) is dict and len(raw) <= MAX_BYTES:
                    return text, data
    except (OSError, ValueError, RecursionError):
        pass
    opened = store.open_json(Path(path), path)
    return opened.text, opened.data


# --- checking the fields a group reads ----------------------------------------------------------


class Unfit(Exception):
    """A value read from a result does not fit; :func:`shape_problem` says where and why."""


SCORE_TYPES = frozenset({int, float, NONE})
BANK_KEY = itemgetter("id", "version", "sha256")
WHO = itemgetter("name", "role", "organisation")
_WHEN = itemgetter("started_at", "completed_at")
_HEAD_TYPES = frozenset(itertools.product(*[(str,)] * 3, *[(str, NONE)] * 3, *[(str,)] * 2))


def head_fits(data: Mapping[str, Any]) -> bool:
    """Whether the bank id, version and sha256, the respondent and the session's times and
    mode fit the result schema: what counting reads from every result (the rest of the bank
    is read only from results checked in full)."""
    try:
        found = (*BANK_KEY(data["bank"]), *WHO(data["respondent"]), *_WHEN(data["session"]))
        mode = data["session"].get("mode", "individual")
    except (KeyError, TypeError, AttributeError):
        return False
    return tuple(map(type, found)) in _HEAD_TYPES and type(mode) is str and mode in MODES


def check_score(score: Any, top: float = 100) -> None:
    """None, or a number from 0 to ``top`` (NaN and infinities fail); else :class:`Unfit`."""
    if not (score is None or (type(score) in NUMBER and 0 <= score <= top)):
        raise Unfit


def check_scores(scores: tuple[Any, ...]) -> None:
    """Each None, or a number from 0 to 100; else :class:`Unfit`. In C as far as it goes."""
    if not SCORE_TYPES.issuperset(map(type, scores)):
        raise Unfit
    numbers = [s for s in scores if s is not None]
    if numbers and not (
        all(map(math.isfinite, numbers)) and min(numbers) >= 0 and max(numbers) <= 100
    ):
        raise Unfit


def check_answer(status: Any, value: Any, score: Any) -> None:
    """The status, value and item score of an answer, as aggregate reads them."""
    if status not in STATUSES:
        raise Unfit
    if type(value) is tuple:
        if not all(type(v) is str for v in value):
            raise Unfit
    elif not (value is None or type(value) is str or _is_number(value)):
        raise Unfit
    check_score(score, 1)
