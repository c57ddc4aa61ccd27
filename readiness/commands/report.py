"""``readiness report``: the summary of a result, to the terminal or a file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from readiness.errors import UsageError
from readiness.report.renderers import FORMAT_BY_SUFFIX as SUFFIXES
from readiness.report.renderers import FORMATS


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "report",
        help="the summary of a result, as text, HTML, SVG or Markdown",
        description="Show the summary of a result file: overall readiness, each domain, the "
        "recommendations, the top priorities, blockers, gaps and the action plan; or of a group "
        "result from 'readiness aggregate': respondents by role, agreement per domain, scores by "
        "role, 'them and us' gaps and the most divergent questions to discuss. Prints to the "
        "terminal (honours NO_COLOR), or writes a file with -o (readable by you only). "
        "Exit 0 done, 1 the result file is invalid, 2 usage or a missing file.",
    )
    parser.add_argument(
        "result",
        metavar="RESULT.json",
        help="a result written by 'readiness score', or a group from 'readiness aggregate'; "
        "'-' reads it from standard input",
    )
    parser.add_argument(
        "--format",
        choices=(*FORMATS, "pdf"),
        help="text (default; reads well aloud), html (a page with charts), svg (a chart), md, "
        "or pdf (the page printed on A4; needs WeasyPrint); with -o, taken from its suffix",
    )
    parser.add_argument(
        "--bars",
        action="store_true",
        help="in the text format, draw each score's bar with characters (a screen reader "
        "reads them out, so they are left out unless asked for)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the summary here ('-': standard output)"
    )
    parser.add_argument(
        "--width",
        type=int,
        metavar="N",
        help="columns: for files and other formats 80 unless given; on a terminal, its width",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="add how each score was made: item scores, weights, what was left out",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readiness import store
    from readiness.report import summary as report

    if args.width is not None and not 40 <= args.width <= 400:
        raise UsageError(f"--width {args.width}: give a number of columns from 40 to 400")
    fmt = _format(args)
    result = load_result(Path(args.result), args.result)
    if fmt == "text" and not args.output and not args.bars:
        _print(report.summary(result, explain=args.explain), args.width)
        return 0
    if fmt == "pdf":
        from readiness.report.outputs import write_binary
        from readiness.report.pdf import summary_pdf

        if not args.output or args.output == "-":
            raise UsageError("--format pdf: give -o FILE.pdf (a PDF is not shown in a terminal)")
        write_binary(Path(args.output), summary_pdf(result, explain=args.explain))
        return 0
    text = report.export(result, fmt, width=args.width or 80, explain=args.explain, bars=args.bars)
    store.write_output(args.output, text)
    return 0


def _format(args: argparse.Namespace) -> str:
    """--format, else the suffix of -o, else text."""
    if args.format:
        return args.format
    if args.output:
        suffix = Path(args.output).suffix.lower()
        return "pdf" if suffix == ".pdf" else SUFFIXES.get(suffix, "text")
    return "text"


def load_result(path: Path, shown: str) -> dict[str, Any]:
    """A result or a group result, checked against its schema; other kinds are refused."""
    from readiness import store
    from readiness.errors import ResultFileError
    from readiness.scoring.result import KIND, kind_of

    found = store.open_json(path, shown)
    kind = kind_of(found.data)
    if kind == "group":
        return _check_group(found)
    if kind != KIND:
        raise ResultFileError(
            f'{shown}: this is not a readiness result (no "kind": "result"); give a file '
            "written by 'readiness score' or the assessment"
        )
    return found.check("result")


def _check_group(found: Any) -> dict[str, Any]:
    """A group result, checked against the group schema; problems say it is a group."""
    from readiness.errors import Finding, ResultFileError

    try:
        return found.check("group")
    except ResultFileError as error:
        head = Finding(
            found.shown,
            0,
            0,
            "this is a group result, but it does not fit the "
            "group schema ('readiness schema group'); write it again with "
            "'readiness aggregate'",
        )
        raise ResultFileError(error.message, (head, *error.findings)) from None


def _print(renderable: Any, width: int | None) -> None:
    """To the terminal: Rich picks colour (none when NO_COLOR is set or not a tty)."""
    from rich.console import Console

    Console(width=width).print(renderable)
