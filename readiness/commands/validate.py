"""``readiness validate PATH...``: check question banks for schema errors and errors of meaning."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from readiness.errors import ReadinessError, UsageError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "validate",
        help="check question banks (files or folders)",
        description="Check question banks: the schema, then meaning (ids, references, bands, "
        "coverage of every recommendation). Prints one line per finding as "
        "file:line:column: message. Exit 0 clean, 1 findings, 2 usage.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a bank file or a folder of them")
    parser.add_argument("-q", "--quiet", action="store_true", help="print findings only")
    parser.set_defaults(handler=run)


def bank_files(paths: list[str]) -> list[Path]:
    """The bank files named, folders expanded to their *.yaml, *.yml and *.json files."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
            if not found:
                raise UsageError(f"{name}: the folder holds no .yaml, .yml or .json files")
            files += found
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{name}: no such file or folder")
    return files


def run(args: argparse.Namespace) -> int:
    from readiness.api import validate_bank

    files = bank_files(args.paths)
    bad = 0
    for path in files:
        try:
            findings = [str(f) for f in validate_bank(path)]
        except ReadinessError as error:
            findings = str(error).splitlines()
        for line in findings:
            print(line)
        bad += bool(findings)
    if not args.quiet:
        print(f"{len(files) - bad} of {len(files)} bank(s) valid", file=sys.stderr)
    return 1 if bad else 0
