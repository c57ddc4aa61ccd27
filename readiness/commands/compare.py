"""``readiness compare``: what changed between two results of the same bank."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from readiness.errors import UsageError

DESCRIPTION = (
    "Compare two results of the same bank (an earlier and a later assessment): what moved for "
    "overall readiness, each domain and each recommendation (score before and after, the "
    "change, the band before and after), what improved and what declined (largest change "
    "first), blockers cleared and new, and priorities that entered, left or moved. Results of "
    "different banks are refused; a different version of the bank gives a warning. "
    "--format json writes an object with these keys: kind ('comparison'); bank {id, "
    "before_version, after_version}; before and after {file, respondent {name, role, "
    "organisation}, completed_at, bank_version}; overall, and each item of domains and "
    "recommendations (bank order): {id, title, before, after, change, band_before, band_after, "
    "band_label_before, band_label_after}, scores 0-100 as shown (one decimal), change = after "
    "- before, null when either has no score; improved and declined: [{scope ('domain' or "
    "'recommendation'), id, title, before, after, change}]; blockers {cleared, new, still}: "
    "[{rule, message, domain, band_label}]; priorities {entered: [{recommendation, title, "
    "rank}], left: [same, the earlier rank], moved: [{recommendation, title, rank_before, "
    "rank_after}]}; warnings: [text]. Exit 0 done, 1 a result is invalid or the banks differ, "
    "2 usage or a missing file."
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "compare", help="what changed between two results", description=DESCRIPTION
    )
    parser.add_argument("before", metavar="BEFORE.json", help="the earlier result")
    parser.add_argument("after", metavar="AFTER.json", help="the later result")
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

    if args.width is not None and not 40 <= args.width <= 400:
        raise UsageError(f"--width {args.width}: give a number of columns from 40 to 400")
    before = load(args.before)
    after = load(args.after)
    found = compare.compare(before, after, (args.before, args.after))
    for warning in found["warnings"]:
        print(f"readiness: warning: {warning}", file=sys.stderr)
    if args.format == "text" and not args.output:
        _print(compare.summary(found), args.width)
        return 0
    text = store.dumps(found) if args.format == "json" else _text(found, args.width or 80)
    store.write_output(args.output, text)
    return 0


def load(shown: str) -> dict[str, Any]:
    """A single result, checked against its schema; a group or other file is refused."""
    from readiness import store
    from readiness.scoring.shape import check_kind

    found = store.open_json(Path(shown), shown)
    check_kind(found.data, shown, "compare")
    return found.check("result")


def _text(found: dict[str, Any], width: int) -> str:
    from readiness.group.compare import text_lines

    return "\n".join(text_lines(found, width)) + "\n"


def _print(renderable: Any, width: int | None) -> None:
    """To the terminal: Rich picks colour (none when NO_COLOR is set or not a tty)."""
    from rich.console import Console

    Console(width=width).print(renderable)
