"""``readiness schema NAME``: print a JSON Schema of the package."""

from __future__ import annotations

import argparse
import json

from readiness.errors import UsageError

NAMES = ("bank", "answers", "result", "group")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "schema",
        help="print a JSON Schema (bank, answers, result, group)",
        description="Print a JSON Schema (draft 2020-12). 'answers --bank ID' narrows the answers "
        "schema to one bank's question ids and allowed values.",
    )
    parser.add_argument("name", choices=NAMES, help="which schema")
    parser.add_argument("--bank", metavar="ID_OR_PATH", help="with 'answers': the bank to describe")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readiness import schemas

    if args.bank and args.name != "answers":
        raise UsageError("--bank goes with 'readiness schema answers'")
    if args.bank:
        from readiness.bank.answers_schema import answers_schema_for
        from readiness.bank.load import load_bank

        document = answers_schema_for(load_bank(args.bank))
    else:
        try:
            document = schemas.schema(args.name)
        except FileNotFoundError:
            raise UsageError(f"the {args.name} schema is not available in this version") from None
    print(json.dumps(document, indent=2, ensure_ascii=False))
    return 0
