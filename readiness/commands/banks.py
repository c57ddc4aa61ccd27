"""``readiness banks``: list the bundled question banks."""

from __future__ import annotations

import argparse
import json
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "banks",
        help="list the bundled question banks",
        description="List the bundled question banks.",
    )
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readiness.bank.load import bundled_banks, load_bank

    banks = [load_bank(b.id) for b in bundled_banks()]
    rows: list[dict[str, Any]] = [
        {
            "id": b.id,
            "title": b.title,
            "version": b.version,
            "questions": len(b.questions),
            "minutes": b.estimated_minutes,
        }
        for b in banks
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    width = max((len(r["id"]) for r in rows), default=2)
    print(f"{'ID':<{width}}  {'VERSION':<8} {'QUESTIONS':>9} {'MINUTES':>7}  TITLE")
    for r in rows:
        print(
            f"{r['id']:<{width}}  {r['version']:<8} {r['questions']:>9} {r['minutes']:>7}  "
            f"{r['title']}"
        )
    return 0
