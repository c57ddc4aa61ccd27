"""``readiness compare``: what changed between two results, or two groups, of one bank."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from readiness.errors import UsageError

DESCRIPTION = (
    "Compare two results of the same bank (an earlier and a later assessment), or two group "
    "results from 'readiness aggregate' (this year's workshop and last year's): what moved for "
    "overall readiness, each domain and each recommendation (score before and after, the "
    "change, the band before and after), what improved and what declined (largest change "
    "first), blockers cleared and new, and priorities that entered, left or moved. Results of "
    "different banks, and a single result with a group, are refused; a different version of "
    "the bank gives a warning, and so do two results from different respondents (by name, else "
    "organisation), as their changes are between two views, not one view over time. "
    "--format json writes an object with these keys: kind ('comparison'); bank {id, "
    "before_version, after_version}; before and after {kind ('result' or 'group'), file, "
    "respondent {name, role, organisation} (for a group, respondents {count, people}), "
    "completed_at (for a group, the last member's), bank_version}; overall, and each item of "
    "domains and "
    "recommendations (bank order): {id, title, before, after, change, band_before, band_after, "
    "band_label_before, band_label_after}, scores 0-100 as shown (one decimal), change = after "
    "- before, null when either has no score; for groups also agreement_before, "
    "agreement_after, sd_before, sd_after, n_before and n_after; improved and declined: "
    "[{scope ('domain' or "
    "'recommendation'), id, title, before, after, change}]; blockers {cleared, new, still}: "
    "[{rule, message, domain, band_label}] (for groups, the blockers that cap the group's "
    "band); priorities {entered: [{recommendation, title, "
    "rank}], left: [same, the earlier rank], moved: [{recommendation, title, rank_before, "
    "rank_after}]} (empty for groups, which have none); warnings: [text]. Exit 0 done, 1 a "
    "file is invalid, the banks differ or a result is given with a group, 2 usage or a "
    "missing file."
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "compare", help="what changed between two results or two groups", description=DESCRIPTION
    )
    parser.add_argument("before", metavar="BEFORE.json", help="the earlier result or group")
    parser.add_argument("after", metavar="AFTER.json", help="the later result or group")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here, not to stdout")
    parser.add_argument(
        "--width",
        type=int,
        metavar="N",
        help="columns of the text: 80 for files unless given; on a terminal, its width",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readiness import store
    from readiness.group import compare
    from readiness.report import compare_text
    from readiness.text import one_line

    if args.width is not None and not 40 <= args.width <= 400:
        raise UsageError(f"--width {args.width}: give a number of columns from 40 to 400")
    before, after = load(args.before, args.after)
    found = compare.compare(before, after, (args.before, args.after))
    for warning in found["warnings"]:
        print(f"readiness: warning: {one_line(warning)}", file=sys.stderr)
    if args.format == "text" and not args.output:
        _print(compare_text.summary(found), args.width)
        return 0
    text = store.dumps(found) if args.format == "json" else _text(found, args.width or 80)
    store.write_output(args.output, text)
    return 0


def load(before: str, after: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two results or two groups, each checked against its schema.

    The kinds are checked first, as a result given with a group says more than the schema
    problems of reading one as the other.
    """
    from readiness import store
    from readiness.group.compare import check_kinds

    found = [store.open_json(Path(shown), shown) for shown in (before, after)]
    kind = check_kinds(found[0].data, found[1].data, (before, after))
    return found[0].check(kind), found[1].check(kind)


def _text(found: dict[str, Any], width: int) -> str:
    from readiness.report.compare_text import text_lines

    return "\n".join(text_lines(found, width)) + "\n"


def _print(renderable: Any, width: int | None) -> None:
    """To the terminal: Rich picks colour (none when NO_COLOR is set or not a tty)."""
    from rich.console import Console

    Console(width=width).print(renderable)
