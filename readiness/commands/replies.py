"""``readiness replies --bank BANK REPLIES.yaml``: how the bot understands typed replies."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

DESCRIPTION = (
    "Read each reply of REPLIES.yaml as the app would and say how it is understood: a list of "
    "{question: ID, reply: TEXT, expected: OPTION_ID | dont_know | [OPTION_IDS] | NUMBER} "
    "(expected optional; other keys are ignored). --format json writes a list: per reply "
    "{question, reply, offered (best first: option ids, dont_know, a list of ids or a number; "
    "empty when not understood), sure (taken without asking), expected (when given)}, then "
    "{totals: {replies, with_expected, first_right, right_among_offered, "
    "wrong_taken_without_asking, not_understood}}, each figure {count, share}. Exit 0 done, "
    "1 the file has errors (unknown question ids, bad expected values), 2 usage or a missing "
    "file."
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "replies", help="test how typed replies are understood", description=DESCRIPTION
    )
    parser.add_argument("--bank", required=True, metavar="BANK", help="a bundled bank id or a path")
    parser.add_argument("replies", metavar="REPLIES.yaml", help="the replies to read")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readiness.api import load_bank
    from readiness.understanding.replies import evaluate, read_replies, totals

    bank = load_bank(args.bank)
    entries, findings = read_replies(Path(args.replies), args.replies, bank)
    rows = evaluate(bank, entries)
    figures = totals(rows)
    if args.format == "json":
        out: list[dict[str, Any]] = [
            {
                "question": r.question,
                "reply": r.reply,
                "offered": list(r.offered),
                "sure": r.sure,
                **({"expected": r.expected} if r.has_expected else {}),
            }
            for r in rows
        ]
        out.append({"totals": figures})
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(_text(rows, figures))
    for finding in findings:
        print(str(finding), file=sys.stderr)
    return 1 if findings else 0


def _shown(value: Any) -> str:
    from readiness.text import one_line

    if isinstance(value, list):
        return "[" + ", ".join(one_line(str(v)) for v in value) + "]"
    return one_line(str(value))


def _text(rows: list[Any], figures: dict[str, Any]) -> str:
    from readiness.text import one_line

    lines = [f"{'question':<24} {'reply':<40} {'offered':<30} {'sure':<4} result"]
    for r in rows:
        reply = one_line(r.reply)
        reply = reply if len(reply) <= 40 else reply[:39] + "…"
        offered = " | ".join(_shown(o) for o in r.offered) or "(not understood)"
        offered = offered if len(offered) <= 30 else offered[:29] + "…"
        result = ""
        if r.has_expected:
            result = "right" if r.first_right else ("offered" if r.offered_right else "wrong")
            if r.wrong_taken:
                result = "WRONG, taken"
            if not r.first_right:
                result += f" (expected {_shown(r.expected)})"
        lines.append(
            f"{one_line(r.question)[:24]:<24} {reply:<40} {offered:<30} "
            f"{'yes' if r.sure else 'no':<4} {result}"
        )
    lines.append("")
    lines.append(
        f"{figures['replies']} replies, {figures['with_expected']} with an expected reading"
    )
    for key, name in (
        ("first_right", "first reading right"),
        ("right_among_offered", "right among those offered"),
        ("wrong_taken_without_asking", "wrong, taken without asking"),
        ("not_understood", "not understood"),
    ):
        part = figures[key]
        share = "-" if part["share"] is None else f"{part['share']:.1%}"
        lines.append(f"  {name:<30} {part['count']:>5}  {share:>6}")
    return "\n".join(lines)
