"""``readiness new-bank PATH``: write a small, valid, commented starter bank to copy from."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from readiness.errors import UsageError

TEMPLATE = "starter-bank.yaml"
SUFFIXES = (".yaml", ".yml")
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_ID_LINE = re.compile(r"^id: starter( *)#", re.M)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "new-bank",
        help="write a small commented starter question bank",
        description="Write a small, valid question bank with comments explaining each part: "
        "two domains, two recommendations, a scale, four questions (with a condition and a "
        "follow-up), bands and a blocker. Edit it, then check it with 'readiness validate'. "
        "Exit 0 written, 2 the file exists (use --force) or cannot be written.",
    )
    parser.add_argument("path", metavar="PATH", help="the bank file to write, e.g. my-bank.yaml")
    parser.add_argument("--force", action="store_true", help="replace PATH if it exists")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readiness import store

    path = Path(args.path)
    _check_target(path, args.path, args.force)
    store.write_text_atomic(path, starter_text(bank_id_for(path)))
    # A bank is not sensitive, and colleagues often share one: readable by all, like any file.
    os.chmod(path, 0o644)
    print(f"Wrote a starter bank to {args.path}.")
    print(f"Edit it, then check it with: readiness validate {args.path}")
    print(f"and try it with: readiness run --bank {args.path}")
    return 0


def _check_target(path: Path, shown: str, force: bool) -> None:
    """Refuse a folder, a name that validate would skip, or an existing file without --force."""
    if path.is_dir():
        raise UsageError(f"{shown}: is a folder; give a file name, e.g. {path / 'my-bank.yaml'}")
    if path.suffix.lower() not in SUFFIXES:
        raise UsageError(f"{shown}: a bank file name should end in .yaml (or .yml)")
    if path.exists() and not force:
        raise UsageError(
            f"{shown}: the file exists; choose another name, or add --force to replace it"
        )


def template_text() -> str:
    """The packaged starter bank, exactly as shipped (it is valid as it stands)."""
    from importlib import resources

    return resources.files("readiness").joinpath("templates").joinpath(TEMPLATE).read_text("utf-8")


def bank_id_for(path: Path) -> str:
    """The file's name as the bank id when it is a valid id, else ``starter``."""
    stem = path.stem
    return stem if _ID.fullmatch(stem) else "starter"


def starter_text(bank_id: str = "starter") -> str:
    """The starter bank with its id set to ``bank_id``, keeping the comment beside it aligned."""

    def replace(match: re.Match[str]) -> str:
        width = len("starter") + len(match.group(1))
        return f"id: {bank_id:<{max(width - 1, len(bank_id))}} #"

    return _ID_LINE.sub(replace, template_text(), count=1)
