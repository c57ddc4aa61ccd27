"""Flat tables of results for spreadsheets: pure functions from result dicts to CSV text.

Two tables. ``long``: one row per respondent and question. ``summary``: one row per
respondent with the overall, domain and recommendation scores. A group result holds no one's
answers, so a group exports its own statistics instead: per question (long) or per part
(summary). Cells that a spreadsheet would run as a formula are neutralised (see
:func:`safe_cell`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from readiness.text import visible

TABLES = ("long", "summary")
BOM = "\ufeff"
PERSON = ["respondent", "role", "organisation", "file", "bank_id"]
ANSWER_FIELDS = ["question_id", "domain", "prompt", "value", "value_label", "score", "status"]
"""The columns copied as they are from each answer of a result."""
LONG = [*PERSON, *ANSWER_FIELDS, "dont_know", "skipped", "note", "own_words", "distribution"]
"""``own_words``: the respondent's own words the answer was taken from (result 1.2 ``reply``)."""
STATS = ["n", "mean", "median", "min", "max", "sd", "range", "agreement", "divergent"]
GROUP_LONG = [
    "file",
    "bank_id",
    "question_id",
    "domain",
    "prompt",
    *STATS,
    "distribution",
    "dont_know",
    "skipped",
    "not_applicable",
    "own_words",
]
GROUP_SUMMARY = ["file", "bank_id", "scope", "id", "title", *STATS, "band"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

Row = Mapping[str, Any]


def safe_cell(value: Any) -> str:
    """A cell as text; one that starts like a formula gets a leading ``'`` (CSV injection).

    Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
    return) as a formula, and notes and names are typed by people. A plain number such as
    ``-3`` is left alone: it is read as a number, not run.
    """
    text = cell(value)
    if text.startswith(FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def cell(value: Any) -> str:
    """JSON values as spreadsheet text: null empty, booleans true/false, lists joined by '; '.

    Text passes through :func:`readiness.text.visible`: a control character in a name or a
    note (a terminal escape, when the CSV goes to standard output) is shown, never obeyed.
    Line breaks (carriage returns too) are data a spreadsheet keeps; the CSV quotes them.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{cell(k)}={cell(v)}" for k, v in value.items())
    return "\r".join(visible(part) for part in str(value).split("\r"))


def to_csv(head: Sequence[str], rows: Iterable[Row], *, bom: bool = False) -> str:
    """The table as CSV text (RFC 4180: commas, quotes where needed, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(head)
    writer.writerows([safe_cell(row.get(name)) for name in head] for row in rows)
    return (BOM if bom else "") + out.getvalue()


def person(result: Mapping[str, Any], file: str) -> dict[str, Any]:
    """The columns that say whose row it is."""
    who = result["respondent"]
    return {
        "respondent": who["name"],
        "role": who["role"],
        "organisation": who["organisation"],
        "file": file,
        "bank_id": result["bank"]["id"],
    }


def long_rows(result: Mapping[str, Any], file: str) -> Iterator[dict[str, Any]]:
    """One row per question of a result, in bank order (hidden questions included)."""
    whose = person(result, file)
    for answer in result["answers"]:
        yield {
            **whose,
            **{k: answer[k] for k in ANSWER_FIELDS},
            "dont_know": answer["status"] == "dont_know",
            "skipped": answer["status"] == "skipped",
            "note": answer["note"],
            "own_words": answer.get("reply"),
            "distribution": answer.get("distribution"),
        }


def summary_row(result: Mapping[str, Any], file: str) -> dict[str, Any]:
    """One row for a result: overall score and band, then each domain's and recommendation's."""
    return {
        **person(result, file),
        "completed_at": result["session"]["completed_at"],
        "overall_score": result["overall"]["score"],
        "overall_band": result["overall"]["band_label"],
        **{f"domain:{d}": part["score"] for d, part in result["domains"].items()},
        **{f"recommendation:{r}": part["score"] for r, part in result["recommendations"].items()},
    }


def summary_head(rows: Iterable[Row]) -> list[str]:
    """The summary columns: the fixed ones, then every domain and recommendation met, in the
    order first met (domains before recommendations)."""
    scores = dict.fromkeys(k for row in rows for k in row if ":" in k)
    fixed = [*PERSON, "completed_at", "overall_score", "overall_band"]
    return (
        fixed
        + [k for k in scores if k.startswith("domain:")]
        + [k for k in scores if k.startswith("recommendation:")]
    )


def _bank_id(group: Mapping[str, Any]) -> str:
    bank = group["bank"]
    return "; ".join(b["id"] for b in bank) if isinstance(bank, list) else bank["id"]


def group_long_rows(group: Mapping[str, Any], file: str) -> Iterator[dict[str, Any]]:
    """One row per question of a group: its statistics and how people answered."""
    for question in group["questions"]:
        words = [_own_words(r) for r in question.get("replies", ())]
        yield {"file": file, "bank_id": _bank_id(group), **question, "own_words": words}


def _own_words(reply: Mapping[str, Any]) -> str:
    """A respondent's words, with the role where the group may name it."""
    return f"{reply['reply']} ({reply['role']})" if reply.get("role") else str(reply["reply"])


def group_summary_rows(group: Mapping[str, Any], file: str) -> Iterator[dict[str, Any]]:
    """One row for the overall score, then one per domain and recommendation of a group."""
    base = {"file": file, "bank_id": _bank_id(group)}
    overall = group["overall"]
    yield {
        **base,
        "scope": "overall",
        "id": "overall",
        "title": "Overall",
        **overall,
        "band": overall["band_label"],
    }
    for scope, key in (("domain", "domains"), ("recommendation", "recommendations")):
        for pid, part in group[key].items():
            yield {**base, "scope": scope, "id": pid, **part, "band": part["band_label"]}
