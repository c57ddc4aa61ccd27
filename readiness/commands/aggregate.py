"""``readiness aggregate``: combine several results into one group result."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.errors import UsageError

if TYPE_CHECKING:
    from readiness.group.aggregate import GroupBuilder, OptionScores, Source

FULL_CHECK_LIMIT = 20
"""Up to this many files, each is checked against the whole result schema (about 8 ms each)."""

DESCRIPTION = (
    "Combine the results of several respondents (one bank) into a group result: respondents by "
    "role; for the overall score, each domain, recommendation and question the n, mean, "
    "median, min, max and population standard deviation, the answers' distribution, an "
    "agreement level (sd below 10 high, below 20 moderate, else low) and a divergence flag "
    "(sd >= 20 or range >= 50); role gaps over 20 points as 'them and us' risks; and the most "
    "divergent questions as a discussion agenda. The group's score is the mean of the "
    "respondents' overall scores. A room-vote result counts each vote in the question "
    "statistics and as one respondent elsewhere. See 'readiness schema group'. "
    "Each RESULT is a result file, a folder (every *.json in it, by name) or @LIST (a file "
    "naming one result per line, relative to the current folder; blank lines and lines "
    "starting with # are ignored). With up to 20 files, or --strict, every file is checked "
    "against the whole result schema; with more, each file whose bank or questions are new is "
    "checked in full and the rest for the fields aggregate reads, which is much faster. "
    "Exit 0 done, 1 a result is invalid, from another bank or given twice, 2 usage or a "
    "missing file."
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "aggregate", help="combine several results into a group result", description=DESCRIPTION
    )
    parser.add_argument(
        "results", nargs="+", metavar="RESULT", help="result files, folders of them, or @LIST"
    )
    parser.add_argument(
        "-o", "--output", metavar="GROUP.json", help="write the group here, not to stdout"
    )
    parser.add_argument(
        "--allow-mixed",
        action="store_true",
        help="combine results of different banks or bank versions (ids matched across banks)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="check every file against the whole result schema, however many there are",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readiness import __version__, store
    from readiness.group.aggregate import GroupBuilder

    paths, full = result_paths(args)
    builder = GroupBuilder(allow_mixed=args.allow_mixed)
    for path in paths:
        builder.add(read_source(path, full=full))
    scores = bank_option_scores(builder) if builder.unscored_votes() else None
    group = builder.build(option_scores=scores, generator_version=__version__)
    for warning in group["warnings"]:
        print(f"readiness: warning: {warning}", file=sys.stderr)
    store.ensure_valid(checkable(group), "group", args.output or "stdout")
    store.write_output(args.output, dumps(group))
    return 0


def dumps(group: dict[str, Any]) -> str:
    """The group as :func:`readiness.store.dumps` writes it, but one member to a line.

    Indented JSON is written by Python code and compact JSON by C, so 10,000 members one to a
    line take a tenth of the time, and read better. Only the ``members`` key's value is null
    in the placeholder: a string or key holding that text would have its quotes escaped.
    """
    import json

    from readiness import store

    head = store.dumps({**group, "members": None})
    lines = ",\n".join(f"    {json.dumps(m, ensure_ascii=False)}" for m in group["members"])
    return head.replace('"members": null', f'"members": [\n{lines}\n  ]', 1)


def checkable(group: dict[str, Any]) -> dict[str, Any]:
    """The group as checked against its schema: all of it, with one member of each kind.

    Checking 10,000 members one by one takes seconds. The member schema constrains only each
    field's type, the set of keys and ``people >= 1``, so members alike in those are alike to
    the schema, and checking one of each kind is the same check as checking them all.
    """
    kinds = {
        (tuple(m), tuple(map(type, m.values())), m["people"] >= 1): m for m in group["members"]
    }
    return {**group, "members": list(kinds.values())}


def result_paths(args: argparse.Namespace) -> tuple[list[str], bool]:
    """The result files named on the command line, and whether to check each in full."""
    paths = list(expand(args.results, args.output))
    if not paths:
        raise UsageError(f"{' '.join(args.results)}: no result files found (*.json)")
    return paths, args.strict or len(paths) <= FULL_CHECK_LIMIT


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
    from readiness.group.aggregate import Source
    from readiness.scoring.shape import check_kind

    text, data = read_json(path)
    if full:  # the kind first: a group file's schema problems would say less
        check_kind(data, path, "aggregate")
        data = store.JsonFile(path, text, data).check("result")
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
    found = store.open_json(Path(path), path)
    return found.text, found.data


def bank_option_scores(builder: GroupBuilder) -> OptionScores:
    """Item scores (0-100) of every option, from the bundled banks the results came from.

    Used only for room votes for options that no result in the group shows a score for;
    a bank counts only when its sha256 matches the results', so the scores are the same.
    """
    from readiness.errors import ReadinessError
    from readiness.scoring.scores import item_score

    scores: dict[str, dict[str, float]] = {}
    for bank_id, _version, sha256 in builder.banks:
        try:
            from readiness.bank.load import load_bank

            bank = load_bank(bank_id)
        except ReadinessError:
            continue
        if not sha256 or bank.sha256 != sha256:
            continue
        for question in bank.questions:
            found = {o.id: item_score(question, o.id) for o in question.options}
            scores[question.id] = {k: v * 100 for k, v in found.items() if v is not None}
    return scores
