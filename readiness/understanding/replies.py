"""A replies file read against a bank: how each reply is understood, and the totals.

``REPLIES.yaml`` is a list of ``{question: ID, reply: TEXT, expected: ...}`` (``expected``
optional; other keys such as ``bank``, ``who`` or ``note`` are ignored). Used by ``readiness
replies`` and the benchmark; a bank author's way to test how the bot reads people's words.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from msgspec import Struct

from readiness.errors import Finding
from readiness.kinds.values import AnswerValueError, normalise
from readiness.model import Answer, Bank

_INDENT = 2


class Entry(Struct, frozen=True):
    """One reply of the file, checked against the bank."""

    question: str
    reply: str
    expected: Answer
    has_expected: bool


class Row(Struct, frozen=True):
    """How one reply was understood."""

    question: str
    reply: str
    offered: tuple[Answer, ...]
    sure: bool
    expected: Answer
    has_expected: bool

    @property
    def first_right(self) -> bool:
        return bool(self.offered) and self.offered[0] == self.expected

    @property
    def offered_right(self) -> bool:
        return self.expected in self.offered

    @property
    def wrong_taken(self) -> bool:
        return self.sure and bool(self.offered) and not self.first_right


def read_replies(path: Path, shown: str, bank: Bank) -> tuple[list[Entry], list[Finding]]:
    """The entries of a replies file, and a placed finding for each bad one.

    Raises:
        UsageError: The file is missing or unreadable.
        InputError: The file is not safe, well-formed YAML, or not a list.
    """
    from readiness.bank.checks import suggest
    from readiness.bank.yamlsafe import decode, load_text, read_bytes
    from readiness.errors import InputError

    text = decode(read_bytes(path, shown), shown)
    # The safe reader takes a mapping at the top: read the list as the value of one key,
    # then give places back in the file's own lines and columns.
    wrapped = "replies:\n" + re.sub(r"(?m)^", " " * _INDENT, text)
    try:
        doc = load_text(wrapped, shown)
    except InputError as error:
        raise InputError(error.message, tuple(_unwrap(f) for f in error.findings)) from None
    items = doc.data.get("replies")
    if not isinstance(items, list):
        raise InputError(f"{shown}: the file should hold a list of {{question, reply, expected}}")
    entries: list[Entry] = []
    findings: list[Finding] = []
    for i, item in enumerate(items):
        where: tuple[str | int, ...] = ("replies", i)
        if not isinstance(item, dict):
            findings.append(
                _unwrap(
                    doc.finding(where, "each entry should be a mapping with question and reply")
                )
            )
            continue
        qid, reply = item.get("question"), item.get("reply")
        if not isinstance(qid, str) or qid not in bank.question_by_id:
            known = bank.question_by_id
            hint = suggest(str(qid), known) if isinstance(qid, str) else ""
            findings.append(
                _unwrap(doc.finding((*where, "question"), f"unknown question {qid!r}{hint}"))
            )
            continue
        if not isinstance(reply, str):
            findings.append(_unwrap(doc.finding((*where, "reply"), "reply should be text")))
            continue
        question = bank.question_by_id[qid]
        expected: Answer = None
        if "expected" in item and item["expected"] is not None:
            try:
                expected = normalise(question, item["expected"])
            except AnswerValueError as exc:
                findings.append(_unwrap(doc.finding((*where, "expected"), f"expected: {exc}")))
                continue
        entries.append(Entry(qid, reply, expected, expected is not None))
    return entries, findings


def _unwrap(finding: Finding) -> Finding:
    """A finding of the wrapped text placed in the file's own lines and columns."""
    if finding.line <= 1:
        return Finding(finding.path, 0, 0, finding.message, "")
    where = finding.where.removeprefix("replies")
    return Finding(
        finding.path, finding.line - 1, max(1, finding.column - _INDENT), finding.message, where
    )


def evaluate(bank: Bank, entries: list[Entry]) -> list[Row]:
    """Each entry understood as the app would understand it."""
    from readiness.understanding import understand

    rows = []
    for entry in entries:
        reading = understand(bank.question_by_id[entry.question], entry.reply)
        rows.append(
            Row(entry.question, entry.reply, reading.offered, reading.sure,
                entry.expected, entry.has_expected)
        )  # fmt: skip
    return rows


def totals(rows: list[Row]) -> dict[str, Any]:
    """The benchmark's figures: each as a count and a share of the replies with expected."""
    judged = [r for r in rows if r.has_expected]
    n = len(judged)

    def part(count: int, of: int) -> dict[str, Any]:
        return {"count": count, "share": round(count / of, 4) if of else None}

    return {
        "replies": len(rows),
        "with_expected": n,
        "first_right": part(sum(r.first_right for r in judged), n),
        "right_among_offered": part(sum(r.offered_right for r in judged), n),
        "wrong_taken_without_asking": part(sum(r.wrong_taken for r in judged), n),
        "not_understood": part(sum(not r.offered for r in rows), len(rows)),
    }
