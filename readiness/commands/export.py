"""``readiness export``: results (or group results) as CSV tables for spreadsheets."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from readiness.errors import UsageError

RESULT_ONLY = ("answers", "scores", "priorities", "blockers", "gaps", "actions")
TABLE_NAMES = ("long", "summary", *RESULT_ONLY, "by_role")

DESCRIPTION = (
    "Write results as a CSV table, or every table as an xlsx workbook (--format xlsx -o "
    "FILE.xlsx: one typed sheet per table). Item scores are on the 0-100 scale of every other "
    "score, except in the long table, which copies the result (0-1). --table long (the "
    "default): one row per respondent and question, with columns respondent, role, "
    "organisation, file, bank_id, question_id, domain, prompt, value, value_label, score "
    "(the item score 0-1), status, "
    "dont_know, skipped, note and distribution (a room's votes, 'option=count; ...'). "
    "--table summary: one row per respondent with completed_at, overall_score, overall_band and "
    "a column per domain ('domain:ID') and recommendation ('recommendation:ID'), scores 0-100. "
    "A group result holds no one's answers, so group files export the group's statistics "
    "instead: long, one row per question (n, mean, median, min, max, sd, range, agreement, "
    "divergent, distribution, dont_know, skipped, not_applicable); summary, one row for the "
    "overall score and each domain and recommendation. Results and groups cannot be mixed in "
    "one table. Each RESULT may also be a folder (every *.json in it) or @LIST, as for "
    "'readiness aggregate'. The CSV is UTF-8 with CRLF line ends; --bom adds the byte-order "
    "mark Excel needs to read UTF-8. A cell that starts with =, +, -, @, a tab or a carriage "
    "return (other than a plain number) gets a leading ' so a spreadsheet shows it as text "
    "rather than running it as a formula. Exit 0 done, 1 a file is invalid, 2 usage or a "
    "missing file."
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export", help="results or groups as a CSV table", description=DESCRIPTION
    )
    parser.add_argument(
        "results", nargs="+", metavar="RESULT", help="result or group files, folders, or @LIST"
    )
    parser.add_argument(
        "--format",
        choices=("csv", "xlsx"),
        default="csv",
        help="csv (the default): one table; xlsx: a workbook with one typed sheet per table "
        "(every table, unless --table names one); give -o FILE.xlsx",
    )
    parser.add_argument(
        "--table",
        choices=TABLE_NAMES,
        default=None,
        help="long: a row per respondent and question (the csv default); summary: a row per "
        "respondent; answers (with own words), scores (long form), priorities, blockers, gaps, "
        "actions (the action plan); for groups, by_role",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here, not to stdout")
    parser.add_argument(
        "--bom", action="store_true", help="start with a UTF-8 byte-order mark, for Excel"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="check every file against its whole schema, however many there are",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readiness import store
    from readiness.group.sources import result_paths
    from readiness.report import tables as export

    paths, full = result_paths(args.results, args.output, args.strict)
    loaded = [(path, os.path.basename(path), *_load(path, full)) for path in paths]
    kinds = {kind: shown for shown, _, kind, _ in reversed(loaded)}
    if len(kinds) > 1:
        raise UsageError(
            f"{kinds['group']} is a group result and {kinds['result']} a single result: give "
            "'readiness export' one kind or the other, as their tables have different columns"
        )
    kind = next(iter(kinds))
    named = [(name, data) for _, name, _, data in loaded]
    if args.format == "xlsx":
        return _workbook(args, kind, named)
    head, rows = _table(args.table or "long", kind, named)
    text = export.to_csv(head, rows, bom=args.bom)
    store.write_output(args.output, text)
    return 0


def _load(shown: str, full: bool) -> tuple[str, dict[str, Any]]:
    """A result or group, checked in full when ``full``, else for the fields export reads."""
    from readiness import store
    from readiness.errors import ResultFileError
    from readiness.scoring.result import kind_of
    from readiness.scoring.shape import check_shape

    found = store.open_json(Path(shown), shown)
    kind = kind_of(found.data)
    if kind == "group":
        return kind, found.check("group")
    if kind != "result":
        raise ResultFileError(
            f'{shown}: this is not a readiness result or group (no "kind"); give a file written '
            "by 'readiness score', the assessment or 'readiness aggregate'"
        )
    if full:
        return kind, found.check("result")
    check_shape(found.data, shown)
    return kind, found.data


def _table(
    table: str, kind: str, loaded: list[tuple[str, dict[str, Any]]]
) -> tuple[list[str], list[dict[str, Any]]]:
    """The columns and rows of the table chosen, for results or for groups."""
    from readiness.report import export_tables
    from readiness.report import tables as export

    extra = export_tables.GROUP_TABLES if kind == "group" else export_tables.RESULT_TABLES
    if table in extra:
        head, made = extra[table]
        return head, [r for name, data in loaded for r in made(data, name)]
    if table not in ("long", "summary"):
        raise UsageError(f"--table {table}: not a table of {kind} files; use {_names(kind)}")
    if kind == "group":
        if table == "long":
            rows = [r for name, g in loaded for r in export.group_long_rows(g, name)]
            return export.GROUP_LONG, rows
        rows = [r for name, g in loaded for r in export.group_summary_rows(g, name)]
        return export.GROUP_SUMMARY, rows
    if table == "long":
        return export.LONG, [r for name, data in loaded for r in export.long_rows(data, name)]
    rows = [export.summary_row(data, name) for name, data in loaded]
    return export.summary_head(rows), rows


def _names(kind: str) -> str:
    return ", ".join(("long", "summary", "by_role") if kind == "group" else TABLE_NAMES[:-1])


def _workbook(args: argparse.Namespace, kind: str, named: list[tuple[str, dict[str, Any]]]) -> int:
    """Every table of ``kind`` (or the one named) as a typed sheet of one workbook."""
    from readiness.report.outputs import write_binary
    from readiness.report.workbook import to_xlsx

    if not args.output or args.output == "-":
        raise UsageError("--format xlsx: give -o FILE.xlsx (a workbook is not text)")
    names = [args.table] if args.table else _names(kind).split(", ")
    sheets = [(name, *_table(name, kind, named)) for name in names]
    write_binary(Path(args.output), to_xlsx(sheets))
    return 0
