"""``readiness run``: the assessment as a conversation (Textual app, or plain prompts)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readiness.model import Bank


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "run",
        help="hold the assessment as a conversation (the default)",
        description="Hold the assessment as a conversation in the terminal. Every answer is saved "
        "at once; quit at any time and resume later.",
    )
    parser.add_argument(
        "--bank",
        metavar="ID_OR_PATH",
        help="a bundled bank id (see 'readiness banks') or a bank file",
    )
    parser.add_argument(
        "--resume",
        nargs="?",
        const="latest",
        metavar="SESSION",
        help="resume a session: a session file, its id, or nothing for the latest",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="plain line-by-line prompts (screen readers, dumb terminals, pipes); used "
        "whenever standard input or output is not a terminal",
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=Path("readiness-results"),
        metavar="DIR",
        help="where the result and summaries go (default: ./readiness-results)",
    )
    who = parser.add_argument_group("who is answering (optional; skips the start screen)")
    who.add_argument("--name")
    who.add_argument("--role")
    who.add_argument("--organisation")
    who.add_argument(
        "--role-group",
        metavar="ID",
        help="your role group, one of the bank's role_groups ids (e.g. senior_leader)",
    )
    who.add_argument("--anonymous", action="store_true", help="answer without giving a name")
    parser.add_argument(
        "--room",
        action="store_true",
        help="room votes: one shared screen, the facilitator enters how many chose each option",
    )
    parser.set_defaults(handler=run)


def respondent_of(args: argparse.Namespace):
    from readiness.scoring.answers import Respondent

    group = getattr(args, "role_group", None)
    if args.anonymous or args.name or args.role or args.organisation or group:
        return Respondent(args.name, args.role, args.organisation, group)
    return None


def has_screen() -> bool:
    """Whether the full-screen app can run: a terminal on stdin and stdout, or a driver of its
    own (``readiness serve`` runs each participant's app with a web driver, over pipes)."""
    return bool(os.environ.get("TEXTUAL_DRIVER")) or (sys.stdin.isatty() and sys.stdout.isatty())


def run(args: argparse.Namespace) -> int:
    if args.role_group and not args.resume:
        from readiness.bank.load import load_bank

        check_role_group(load_bank(args.bank or "core"), args.role_group)
    if not args.plain and not has_screen():
        # The full-screen app needs a terminal on both sides; from a pipe it would hang.
        print(
            "readiness: not a terminal, so the plain prompts are used (as with --plain)",
            file=sys.stderr,
        )
        args.plain = True
    if args.plain:
        from readiness.plain import run_plain

        return run_plain(args)
    from readiness.tui.app import AppOptions, ReadinessApp

    app = ReadinessApp(
        AppOptions(
            bank=args.bank,
            resume=args.resume,
            respondent=respondent_of(args),
            output_dir=args.output_dir,
            room=args.room,
        )
    )
    app.run()
    return app.return_code or 0


def check_role_group(bank: Bank, group: str | None) -> str | None:
    """``group`` when it is one of the bank's role groups (or None); else :class:`UsageError`."""
    from readiness.bank.checks import suggest
    from readiness.errors import UsageError

    known = [g.id for g in bank.role_groups]
    if group is None or group in known:
        return group
    if not known:
        raise UsageError(f"--role-group {group}: the {bank.id} bank has no role groups")
    raise UsageError(
        f"--role-group {group}: no such role group in the {bank.id} bank{suggest(group, known)}"
    )
