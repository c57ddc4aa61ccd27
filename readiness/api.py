"""The public Python API: load a bank, score answers, combine and compare results, render them.

Everything here is also reachable as ``readiness.<name>`` (loaded on first use, so
``import readiness`` stays cheap). The functions take and return plain data (result dicts as
``readiness schema result`` describes them) and raise :class:`readiness.errors.ReadinessError`
subclasses whose message names the file and place: ``UsageError`` for a missing file or bank,
``InputError`` (``AnswersError``, ``BankError``, ``ResultFileError``) for input that was read
but is invalid. The commands are thin wrappers over these functions.

Example::

    import readiness

    bank = readiness.load_bank("quick")
    result = readiness.score(bank, {"answers": {"lead_vision": "agreed"}})
    print(readiness.render(result, "md"))
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from msgspec import Struct

from readiness.errors import ReadinessError, UsageError

if TYPE_CHECKING:
    from readiness.bank.yamlsafe import Document
    from readiness.errors import Finding
    from readiness.group.types import GroupResult
    from readiness.model import Bank
    from readiness.scoring.result_types import Result

PathLike = str | os.PathLike[str]
Format = Literal["text", "md", "html", "svg"]
FORMATS: tuple[Format, ...] = ("text", "md", "html", "svg")
STDIN = "-"
"""The file name that means standard input."""

__all__ = [
    "FORMATS",
    "ScoredFile",
    "aggregate",
    "compare",
    "load_bank",
    "render",
    "score",
    "score_files",
    "validate_bank",
]


class ScoredFile(Struct, frozen=True):
    """One answers file of :func:`score_files`: its result, or the error that stopped it.

    Attributes:
        path: The file as named (``-`` for standard input).
        result: The result, or None when the file could not be scored.
        warnings: Placed warnings about answers that are not scored (hidden by a condition).
        error: Why the file was not scored; its message names the file and place.
    """

    path: str
    result: Result | None
    warnings: tuple[str, ...] = ()
    error: ReadinessError | None = None


def load_bank(id_or_path: PathLike) -> Bank:
    """A bundled bank by id (``core``, ``quick``, ``audit``) or a bank file, checked in full.

    Raises:
        UsageError: No such bank or file.
        BankError: The bank is invalid; one placed finding per problem.
    """
    from readiness.bank.load import load_bank as load

    return load(os.fspath(id_or_path))


def validate_bank(path: PathLike) -> list[Finding]:
    """Every problem of a bank file (schema, then meaning), placed; empty when it is valid.

    Raises:
        UsageError: The file is missing or unreadable.
        InputError: The file is not safe, well-formed YAML (no finding of meaning is possible).
    """
    from readiness.bank.load import validate_bank_file

    return validate_bank_file(Path(path), os.fspath(path))


def score(bank: Bank | PathLike | None, answers: Mapping[str, Any] | PathLike) -> Result:
    """The result of one set of answers.

    Args:
        bank: A :class:`~readiness.model.Bank`, a bank id or file, or None to use the bank
            the answers name (``bank:``).
        answers: An answers document as a mapping (``{"answers": {...}, "notes": ...}``, the
            shape of an answers file), or an answers file (YAML or JSON; ``-`` is stdin).

    Raises:
        AnswersError: The answers do not fit the bank; one placed finding per problem.
    """
    doc = _document(answers)
    result, _warnings = _score_document(doc, _bank_for(doc, bank, {}))
    return result


def score_files(bank: Bank | PathLike | None, paths: Iterable[PathLike]) -> Iterator[ScoredFile]:
    """Score many answers files in one process, in order; a bad file does not stop the rest.

    Each bank is loaded once (by id or file, as the answers name it when ``bank`` is None).
    Yields one :class:`ScoredFile` per path, with the result or the error.

    The first result of each bank passes the cheap shape check of
    :mod:`readiness.scoring.shape`, as a guard against a bug (the results of one bank are built
    by the same code); the tests check results against the whole result schema. Loading
    jsonschema for the guard alone would cost more than scoring a file from start to end.
    """
    from readiness.scoring.shape import fits, shape_problem

    banks: dict[str, Bank] = {}
    checked: set[str] = set()
    for path in paths:
        shown = os.fspath(path)
        try:
            doc = _document(path)
            found = _bank_for(doc, bank, banks)
            result, warnings = _score_document(doc, found)
            if found.sha256 not in checked:
                if not fits()(result):
                    raise ReadinessError(
                        f"{shown}: the result does not fit its schema (a bug in readiness; "
                        f"please report it): {shape_problem(result)}"
                    )
                checked.add(found.sha256)
            yield ScoredFile(shown, result, tuple(warnings))
        except ReadinessError as error:
            yield ScoredFile(shown, None, error=error)


def aggregate(
    results: Iterable[Mapping[str, Any] | PathLike], *, min_group: int = 3
) -> GroupResult:
    """The group result of several results of one bank (see ``readiness schema group``).

    Args:
        results: Result dicts, or result files (checked against the result schema).
        min_group: The fewest people a role may have for its figures to be shown (as
            ``aggregate --min-group``): a smaller role is named but its figures are withheld,
            so they cannot show who answered what. 1 shows every role.

    Raises:
        ResultFileError: A result is invalid, from another bank, or given twice.
        UsageError: No results, or ``min_group`` below 1.
    """
    import json

    from readiness import __version__, store
    from readiness.group import aggregate as group
    from readiness.group.agreement import Rules
    from readiness.scoring.shape import check_kind

    sources = []
    for number, item in enumerate(results, start=1):
        if isinstance(item, Mapping):
            data = dict(item)
            shown = f"result {number}"
            text = json.dumps(data, sort_keys=True, ensure_ascii=False)
        else:
            shown = os.fspath(item)
            found = store.open_json(Path(item), shown)
            text, data = found.text, found.data
        check_kind(data, shown, "aggregate")
        data = store.JsonFile(shown, text, data).check("result")
        sources.append(group.Source(shown, os.path.basename(shown), data, text, True))
    if not sources:
        raise UsageError("aggregate: no results given")
    if min_group < 1:
        raise UsageError(f"aggregate: min_group={min_group}; give a whole number of 1 or more")
    from readiness.group.builder import GroupBuilder
    from readiness.group.rescore import bundled_banks, option_scores

    builder = GroupBuilder(rules=Rules(min_group=min_group))  # as the command: the same figures
    for source in sources:
        builder.add(source)
    banks = bundled_banks(list(builder.banks))
    scores = option_scores(banks) if builder.unscored_votes() else None
    built = group.build(builder, banks=banks, option_scores=scores, generator_version=__version__)
    return cast("GroupResult", built)


def compare(
    before: Mapping[str, Any] | PathLike, after: Mapping[str, Any] | PathLike
) -> dict[str, Any]:
    """What changed between two results of one bank (the ``compare --format json`` data).

    Raises:
        ResultFileError: A result is invalid, or the two are of different banks.
    """
    from readiness.group.compare import compare as changes

    names = (_name(before, "before"), _name(after, "after"))
    return changes(_result(before, names[0]), _result(after, names[1]), names)


def render(
    document: Mapping[str, Any], fmt: Format = "text", *, width: int = 80, explain: bool = False
) -> str:
    """The summary of a result or a group result as text, Markdown, HTML or SVG.

    Text has no colour codes. Everything a person or a bank wrote is shown as text, never as
    markup. ``explain`` adds how each score was made.
    """
    if fmt not in FORMATS:
        raise UsageError(f"render: unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return _renderer(dict(document), fmt, width=width, explain=explain)


def _renderer(document: dict[str, Any], fmt: Format, *, width: int, explain: bool) -> str:
    """The one call into :mod:`readiness.report` (so a change of renderer is made here only)."""
    from readiness.report.summary import export

    return export(document, fmt, width=width, explain=explain)


# --- reading --------------------------------------------------------------------------------


def read_answers(path: PathLike) -> Document:
    """An answers file (YAML or JSON) read safely; ``-`` reads standard input."""
    from readiness.jsondoc import read_document

    shown = os.fspath(path)
    return read_document(shown, "stdin" if shown == STDIN else shown)


def _document(answers: Mapping[str, Any] | PathLike) -> Document:
    from readiness.bank.yamlsafe import Document

    if isinstance(answers, Mapping):
        return Document("answers", dict(answers))
    return read_answers(answers)


def _bank_for(doc: Document, bank: Bank | PathLike | None, banks: dict[str, Bank]) -> Bank:
    """The bank given, or the one the answers name, loaded once per reference."""
    from readiness.model import Bank

    if isinstance(bank, Bank):
        return bank
    named = doc.data.get("bank")
    if bank is not None:
        ref = os.fspath(bank)
    elif isinstance(named, str) and named:
        ref = named
    else:
        raise UsageError(
            f"{doc.path}: which bank do these answers belong to? Give --bank ID_OR_PATH, "
            "or add 'bank: ID' to the answers file"
        )
    if ref not in banks:
        try:
            banks[ref] = load_bank(ref)
        except UsageError as error:
            if bank is not None:
                raise
            raise UsageError(
                f"{doc.path}: the file says 'bank: {ref}', but {error.message}"
            ) from None
    return banks[ref]


def _score_document(doc: Document, bank: Bank) -> tuple[Result, list[str]]:
    from readiness.scoring.answers import parse_answers
    from readiness.scoring.scores import score as score_answers

    answer_set, warnings = parse_answers(doc, bank)
    return cast("Result", score_answers(bank, answer_set)), warnings


def _name(item: Mapping[str, Any] | PathLike, default: str) -> str:
    return default if isinstance(item, Mapping) else os.fspath(item)


def _result(item: Mapping[str, Any] | PathLike, shown: str) -> dict[str, Any]:
    """A single result, checked against the result schema; a group or other file is refused."""
    import json

    from readiness import store
    from readiness.scoring.shape import check_kind

    if isinstance(item, Mapping):
        data = dict(item)
        found = store.JsonFile(shown, json.dumps(data, ensure_ascii=False), data)
    else:
        found = store.open_json(Path(item), shown)
    check_kind(found.data, shown, "compare")
    return found.check("result")
