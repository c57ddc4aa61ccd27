"""``readiness score``: score an answers file headlessly; the result JSON to stdout or a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.errors import UsageError

if TYPE_CHECKING:
    from readiness.model import Bank


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "score",
        help="score an answers file (YAML or JSON) and write the result JSON",
        description="Score an answers file against a question bank and print the result JSON "
        "(see 'readiness schema result'), or write it with -o (readable by you only). "
        "Exit 0 scored, 1 the answers do not fit the bank, 2 usage or a missing file.",
    )
    parser.add_argument("answers", metavar="ANSWERS", help="the answers file (.yaml or .json)")
    parser.add_argument(
        "--bank",
        metavar="ID_OR_PATH",
        help="a bundled bank id or a bank file; defaults to the answers file's 'bank:'",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the result here, not to stdout"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readiness import store
    from readiness.bank.yamlsafe import load_file
    from readiness.scoring.answers import parse_answers
    from readiness.scoring.scores import score

    doc = load_file(Path(args.answers), args.answers)
    bank = _load_bank(args, doc.data.get("bank"))
    answer_set, warnings = parse_answers(doc, bank)
    result = score(bank, answer_set)
    for warning in warnings:
        print(f"readiness: warning: {warning}", file=sys.stderr)
    if args.output:
        store.write_json_atomic(Path(args.output), result, schema="result")
    else:
        store.ensure_valid(result, "result", "stdout")
        sys.stdout.write(store.dumps(result))
    return 0


def _load_bank(args: argparse.Namespace, named: object) -> Bank:
    """The bank from --bank, or from the answers file's ``bank:``, saying which it came from."""
    from readiness.bank.load import load_bank

    ref = _bank_ref(args, named)
    try:
        return load_bank(ref)
    except UsageError as error:
        if args.bank:
            raise
        raise UsageError(
            f"{args.answers}: the file says 'bank: {ref}', but {error.message}"
        ) from None


def _bank_ref(args: argparse.Namespace, named: object) -> str:
    """The bank to score against: --bank, else the answers file's ``bank:``."""
    if args.bank:
        return str(args.bank)
    if isinstance(named, str) and named:
        return named
    raise UsageError(
        f"{args.answers}: which bank do these answers belong to? Give --bank ID_OR_PATH, "
        "or add 'bank: ID' to the answers file"
    )
