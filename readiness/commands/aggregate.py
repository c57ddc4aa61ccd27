"""``readiness aggregate``: combine several results into one group result."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from readiness.errors import UsageError

DESCRIPTION = (
    "Combine the results of several respondents (one bank) into a group result: respondents by "
    "role; for the overall score, each domain, recommendation and question the n, mean, "
    "median, min, max and population standard deviation, the answers' distribution, an "
    "agreement level (sd below 10 high, below 20 moderate, else low) and a divergence flag "
    "(sd >= 20 or range >= 50); role gaps over 20 points as 'them and us' risks; and the most "
    "divergent questions as a discussion agenda. The group's score is the mean of the "
    "respondents' overall scores, each worked out exactly from their answers and rounded once. "
    "A role's figures are shown only when at least --min-group values (default 3) lie behind "
    "them: a smaller role is named as suppressed, with no mean or count, and is left out of "
    "role gaps, so no one's answers can be read from it. A room-vote result counts each vote in "
    "the question "
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
    parser.add_argument(
        "--min-group",
        type=int,
        default=3,
        metavar="N",
        help="show a role's figures only when at least N values lie behind them (default 3)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readiness import __version__, store
    from readiness.group.aggregate import build
    from readiness.group.agreement import Rules
    from readiness.group.builder import GroupBuilder
    from readiness.group.rescore import bundled_banks, option_scores
    from readiness.group.sources import read_source, result_paths

    if args.min_group < 1:
        raise UsageError(f"--min-group {args.min_group}: give a whole number of 1 or more")
    paths, full = result_paths(args.results, args.output, args.strict)
    builder = GroupBuilder(allow_mixed=args.allow_mixed, rules=Rules(min_group=args.min_group))
    for path in paths:
        builder.add(read_source(path, full=full))
    banks = bundled_banks(list(builder.banks))
    scores = option_scores(banks) if builder.unscored_votes() else None
    group = build(builder, banks=banks, option_scores=scores, generator_version=__version__)
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
