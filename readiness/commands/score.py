"""``readiness score``: score answers files headlessly, many in one process; results as JSON.

A thin wrapper over :func:`readiness.api.score_files`: this module finds the inputs, decides
where each result goes, and turns each file's error into a message; a bad file never stops the
others.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from readiness.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from readiness.api import ScoredFile
    from readiness.commands.batch import FolderWriter
    from readiness.model import Bank

STDIO = "-"
PARALLEL_FROM = 200
"""From this many answers files written to a folder, each core scores a share of them."""
SUFFIXES = (".yaml", ".yml", ".json")
DESCRIPTION = (
    "Score answers files against a question bank and write each result as JSON (see "
    "'readiness schema result'). ANSWERS is a file (.yaml, .yml or .json), a folder (its "
    ".yaml, .yml and .json files, by name) or '-' for standard input; give as many as you like, "
    "they are scored in one process. Without -o (or with -o -), one result is printed as JSON; "
    "several are printed as JSON Lines, one result per line in the order given. With -o, each "
    "result is written to DIR/NAME.json, named after its answers file (standard input is "
    "'stdin'), readable by you only; with a single answers file, -o FILE names the result file "
    "itself unless FILE is a folder. A bad file is reported (with its place) and the others are "
    "still scored. Exit 0 all scored, 1 some answers do not fit the bank, 2 usage, a missing "
    "file or bank."
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "score",
        help="score answers files (YAML or JSON) and write the results as JSON",
        description=DESCRIPTION,
    )
    parser.add_argument(
        "answers",
        nargs="+",
        metavar="ANSWERS",
        help="answers files (.yaml, .yml or .json), folders of them, or - for standard input",
    )
    parser.add_argument(
        "--bank",
        metavar="ID_OR_PATH",
        help="a bundled bank id or a bank file; defaults to each answers file's 'bank:'",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR_OR_FILE",
        help="write the results to this folder (or, for one answers file, this file); "
        "- for standard output",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readiness.api import load_bank

    inputs = answers_files(args.answers)
    targets = _targets(inputs, args.output, single=_single(args.answers))
    bank = load_bank(args.bank) if args.bank else None  # a missing bank stops everything
    workers = _workers(len(inputs)) if targets is not None and len(targets) > 1 else 1
    if workers == 1 or targets is None:
        code, messages = _score_chunk(bank, inputs, targets, len(inputs) > 1)
        sys.stderr.write(messages)
        return code
    return _score_in_parallel(bank, inputs, targets, workers)


def _workers(files: int) -> int:
    """How many processes score a folder: one per core once there are enough files to pay
    for starting them (results to a folder only, where order of writing does not matter)."""
    if files < PARALLEL_FROM or not hasattr(os, "fork"):
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, files // (PARALLEL_FROM // 2)))


def _score_chunk(
    bank: Bank | None, inputs: list[str], targets: dict[str, str] | None, lines: bool
) -> tuple[int, str]:
    """Score ``inputs`` in this process: the exit code and the messages for stderr, in order."""
    from readiness.api import score_files
    from readiness.commands.batch import FolderWriter

    code = 0
    messages: list[str] = []
    with FolderWriter() as folder:
        write = _writer(targets, folder, lines=lines)
        for scored in score_files(bank, inputs):
            messages += [f"readiness: warning: {warning}\n" for warning in scored.warnings]
            if scored.error is not None:
                error = scored.error
                messages.append(str(error) if error.findings else f"readiness: {error}")
                messages.append("\n")
                code = max(code, error.exit_code)
                continue
            write(scored)
    return code, "".join(messages)


def _score_in_parallel(
    bank: Bank | None, inputs: list[str], targets: dict[str, str], workers: int
) -> int:
    """Score contiguous shares of ``inputs`` in forked processes (each writes its own
    results); their messages are printed in the order of the inputs."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    size = -(-len(inputs) // workers)
    chunks = [inputs[i : i + size] for i in range(0, len(inputs), size)]
    with ProcessPoolExecutor(len(chunks), mp_context=get_context("fork")) as pool:
        shares = len(chunks)
        done = list(
            pool.map(_score_chunk, [bank] * shares, chunks, [targets] * shares, [True] * shares)
        )
    for _, messages in done:
        sys.stderr.write(messages)
    return max(code for code, _ in done)


def answers_files(named: list[str]) -> list[str]:
    """The answers files named: folders expanded to their files by name, ``-`` kept as is.

    Raises:
        UsageError: A file or folder is missing, a folder holds no answers, or ``-`` twice.
    """
    if named.count(STDIO) > 1:
        raise UsageError("'-' (standard input) can be given only once")
    files: list[str] = []
    for name in named:
        if name == STDIO:
            files.append(name)
        elif os.path.isdir(name):
            with os.scandir(name) as entries:
                found = sorted(e.name for e in entries if e.name.endswith(SUFFIXES) and e.is_file())
            if not found:
                raise UsageError(f"{name}: the folder holds no .yaml, .yml or .json files")
            files += [os.path.join(name, f) for f in found]
        elif os.path.exists(name):
            files.append(name)
        else:
            raise UsageError(f"{name}: no such file or folder")
    return files


def _single(named: list[str]) -> bool:
    """Whether one answers file (not a folder) was named: then -o may name the result file."""
    return len(named) == 1 and not os.path.isdir(named[0])


def _targets(inputs: list[str], output: str | None, *, single: bool) -> dict[str, str] | None:
    """Each input's result file, or None to write to standard output.

    Raises:
        UsageError: Two inputs would write the same result, or a result would replace its
            own answers file or land in a folder of answers.
    """
    if output is None or output == STDIO:
        return None
    if single and not os.path.isdir(output):
        return {inputs[0]: output}
    _ensure_folder(output)
    named: dict[str, str] = {}
    targets: dict[str, str] = {}
    for path in inputs:
        stem = "stdin" if path == STDIO else os.path.splitext(os.path.basename(path))[0]
        if stem in named:
            raise UsageError(
                f"{named[stem]} and {path} would both be written to {output}/{stem}.json; "
                "rename one, or score them with different -o folders"
            )
        named[stem] = path
        targets[path] = os.path.join(output, f"{stem}.json")
    _refuse_own_folder(inputs, output)
    return targets


def _ensure_folder(output: str) -> None:
    if os.path.isdir(output):
        return
    if os.path.exists(output):
        raise UsageError(f"-o {output}: several results need a folder, and this is a file")
    try:
        os.mkdir(output, 0o700)
    except OSError as exc:
        raise UsageError(
            f"-o {output}: cannot make the folder ({exc.strerror}); "
            "check that its parent exists and is writable"
        ) from None


def _refuse_own_folder(inputs: list[str], output: str) -> None:
    """Results written among the answers would be read as answers next time (or replace one)."""
    out = os.path.realpath(output)
    for path in inputs:
        if path != STDIO and os.path.dirname(os.path.realpath(path)) == out:
            raise UsageError(
                f"-o {output}: this folder holds answers ({path}); write the results to "
                "another folder"
            )


def _writer(
    targets: dict[str, str] | None, folder: FolderWriter, *, lines: bool
) -> Callable[[ScoredFile], None]:
    """How each result is written: to its file, or to stdout as JSON (Lines when several).

    One result to one named file is written at once (as every readiness file is); results
    for a folder go through ``folder``, which flushes them to disk in groups.
    """
    import json
    from pathlib import Path

    from readiness import store
    from readiness.commands.batch import dumps

    def write(scored: ScoredFile) -> None:
        result = dict(scored.result or {})
        if targets is not None and len(targets) == 1:
            store.write_text_atomic(Path(targets[scored.path]), store.dumps(result))
        elif targets is not None:
            folder.write(Path(targets[scored.path]), dumps(result))
        elif lines:
            sys.stdout.write(json.dumps(result, ensure_ascii=False, allow_nan=False) + "\n")
        else:
            sys.stdout.write(store.dumps(result))

    return write
