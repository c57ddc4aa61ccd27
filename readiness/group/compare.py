"""What changed between two assessments, or two group results: scores, bands, blockers.

Pure: two result dicts (or two group dicts) in, documented JSON-ready data out; the text is
rendered by :mod:`readiness.report.compare_text`. Scores are compared as they are shown
(one decimal), so a change is exactly the difference people can read. A group carries its
agreement too, so this year's workshop can be read against last year's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from readiness.errors import ResultFileError
from readiness.scoring.result import kind_of
from readiness.text import one_line

KIND = "comparison"
Row = dict[str, Any]
SPREAD = ("agreement", "sd", "n")
"""What a group row adds, before and after: how far people agreed and how many answered."""


def check_kinds(before: Mapping[str, Any], after: Mapping[str, Any], names: tuple[str, str]) -> str:
    """``result`` or ``group``: what both are; a single result and a group are refused."""
    kinds = (kind_of(before), kind_of(after))
    if kinds[0] == kinds[1] and kinds[0] in ("result", "group"):
        return kinds[0]
    for name, kind in zip(names, kinds, strict=True):
        if kind not in ("result", "group"):
            raise ResultFileError(
                f'{name}: this is not a readiness result or group (no "kind"); give two '
                "results, or two group results from 'readiness aggregate'"
            )
    group = names[kinds.index("group")]
    single = names[kinds.index("result")]
    raise ResultFileError(
        f"{group}: this is a group result, but {single} is a single result; compare two "
        "results (one person over time) or two group results (one group over time)"
    )


def check_banks(
    before: Mapping[str, Any], after: Mapping[str, Any], names: tuple[str, str]
) -> list[str]:
    """Refuse results of different banks; warn when the bank's version or file differ."""
    old, new = bank_of(before), bank_of(after)
    if old["id"] != new["id"]:
        raise ResultFileError(
            f"{names[1]}: scored against bank {new['id']!r}, but {names[0]} against "
            f"{old['id']!r}; compare two results of the same bank"
        )
    if old["version"] != new["version"]:
        return [
            f"bank {old['id']} changed version ({old['version']} in {names[0]}, "
            f"{new['version']} in {names[1]}); questions may differ, so read the changes "
            "with care"
        ]
    if old["sha256"] != new["sha256"]:
        return [
            f"bank {old['id']} {old['version']} differs between {names[0]} and {names[1]} "
            "(the bank file changed); read the changes with care"
        ]
    return []


def bank_of(data: Mapping[str, Any]) -> dict[str, Any]:
    """The bank of a result or group; a group of several banks joins their ids with '+'."""
    bank = data["bank"]
    if isinstance(bank, Mapping):
        return dict(bank)
    return {key: "+".join(str(b[key] or "") for b in bank) for key in ("id", "version", "sha256")}


def compare(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    names: tuple[str, str] = ("before", "after"),
) -> dict[str, Any]:
    """The comparison of two results, or two groups, of one bank (see the command's help)."""
    kind = check_kinds(before, after, names)
    warnings = check_banks(before, after, names)
    if kind == "result":
        warnings[:0] = different_respondents(before, after)
    group = kind == "group"
    domains = _rows(before["domains"], after["domains"], group)
    recs = _rows(before["recommendations"], after["recommendations"], group)
    moved = [("domain", r) for r in domains] + [("recommendation", r) for r in recs]
    return {
        "kind": KIND,
        "bank": {
            "id": bank_of(after)["id"],
            "before_version": bank_of(before)["version"],
            "after_version": bank_of(after)["version"],
        },
        "before": _side(before, names[0], kind),
        "after": _side(after, names[1], kind),
        "overall": _row("overall", "Overall", before["overall"], after["overall"], group),
        "domains": domains,
        "recommendations": recs,
        "improved": _ranked(moved, improved=True),
        "declined": _ranked(moved, improved=False),
        "blockers": _blockers(_holding(before, group), _holding(after, group)),
        "priorities": _priorities(before.get("priorities", []), after.get("priorities", [])),
        "questions": (questions := question_changes(before, after)),
        "warnings": warnings + _question_warnings(questions),
    }


def question_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[str]]:
    """Which questions a new version of the bank ``added``, ``removed`` or ``rescored``.

    Read from the two results alone: a question is re-scored when its weight, reverse scoring,
    domain or recommendations differ, or when the same answer has another item score. A group
    carries no weights, so for groups only the domain and recommendations are compared.
    """
    old, new = _questions(before), _questions(after)
    rescored = [
        qid
        for qid, row in new.items()
        if qid in old
        and (
            any(old[qid].get(k) != row.get(k) for k in _SCORING_KEYS)
            or _item_changed(old[qid], row)
        )
    ]
    return {
        "added": [qid for qid in new if qid not in old],
        "removed": [qid for qid in old if qid not in new],
        "rescored": rescored,
    }


_SCORING_KEYS = ("domain", "weight", "reverse", "evidences")


def _questions(data: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    rows = data.get("answers") if "answers" in data else data.get("questions")
    return {row["question_id"]: row for row in rows or () if isinstance(row, Mapping)}


def _item_changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """The same answer scored otherwise (both scored, values equal, item scores not)."""
    if old.get("status") != "scored" or new.get("status") != "scored":
        return False
    return old.get("value") == new.get("value") and old.get("score") != new.get("score")


def _question_warnings(changes: Mapping[str, list[str]]) -> list[str]:
    said = {"added": "added", "removed": "removed", "rescored": "re-scored"}
    parts = [f"{said[k]}: {', '.join(ids)}" for k, ids in changes.items() if ids]
    return ["questions changed between the versions (" + "; ".join(parts) + ")"] if parts else []


def different_respondents(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """A plain note when two results are from different people (by name, else organisation).

    Not a refusal: comparing a colleague's view can be useful, but it is not a change over
    time, and the reader should not take it for one.
    """
    old, new = before["respondent"], after["respondent"]
    for key in ("name", "organisation"):
        first, second = _tidy(old.get(key)), _tidy(new.get(key))
        if first and second and first.casefold() != second.casefold():
            kind = "respondents" if key == "name" else "organisations"
            return [
                f"these results are from different {kind} ({first}, {second}): the changes "
                "are between two views, not one view over time"
            ]
    return []


def _tidy(value: Any) -> str:
    return one_line(value).strip() if isinstance(value, str) else ""


def _side(data: Mapping[str, Any], name: str, kind: str) -> dict[str, Any]:
    if kind == "group":
        members = data["members"]
        stamps = [m["completed_at"] for m in members if m.get("completed_at")]
        return {
            "kind": kind,
            "file": name,
            "respondents": {k: data["respondents"][k] for k in ("count", "people")},
            "completed_at": max(stamps, default=None),
            "bank_version": bank_of(data)["version"],
        }
    who = data["respondent"]
    return {
        "kind": kind,
        "file": name,
        "respondent": {k: who[k] for k in ("name", "role", "organisation")},
        "completed_at": data["session"]["completed_at"],
        "bank_version": data["bank"]["version"],
    }


def change(before: float | None, after: float | None) -> float | None:
    """after - before, to one decimal as shown; None when either has no score."""
    if before is None or after is None:
        return None
    return round(after - before, 1)


def _rows(before: Mapping[str, Any], after: Mapping[str, Any], group: bool) -> list[Row]:
    """One row per id, in the later result's order, then ids only the earlier one has."""
    ids = list(after) + [i for i in before if i not in after]
    empty: dict[str, Any] = {}
    return [
        _row(
            i,
            (after.get(i) or before[i])["title"],
            before.get(i, empty),
            after.get(i, empty),
            group,
        )
        for i in ids
    ]


def _row(
    pid: str, title: str, before: Mapping[str, Any], after: Mapping[str, Any], group: bool
) -> Row:
    row = {
        "id": pid,
        "title": title,
        "before": before.get("score"),
        "after": after.get("score"),
        "change": change(before.get("score"), after.get("score")),
        "band_before": before.get("band"),
        "band_after": after.get("band"),
        "band_label_before": before.get("band_label"),
        "band_label_after": after.get("band_label"),
    }
    if group:
        for key in SPREAD:
            row[f"{key}_before"] = before.get(key)
            row[f"{key}_after"] = after.get(key)
    return row


def _ranked(moved: list[tuple[str, Row]], *, improved: bool) -> list[Row]:
    """Rows that rose (or fell), the largest change first; ties domains first, bank order."""
    sign = 1 if improved else -1
    chosen = [(scope, r) for scope, r in moved if r["change"] and r["change"] * sign > 0]
    chosen.sort(key=lambda sr: -abs(sr[1]["change"]))
    return [
        {
            "scope": scope,
            "id": r["id"],
            "title": r["title"],
            "before": r["before"],
            "after": r["after"],
            "change": r["change"],
        }
        for scope, r in chosen
    ]


def _holding(data: Mapping[str, Any], group: bool) -> list[dict[str, Any]]:
    """The blockers that hold: for a group, those that hold for most and cap its band."""
    return [b for b in data["blockers"] if not group or b.get("caps_group")]


def _blockers(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, Any]:
    old = {b["rule"]: b for b in before}
    new = {b["rule"]: b for b in after}

    def brief(b: dict[str, Any]) -> dict[str, Any]:
        return {
            "rule": b["rule"],
            "message": b["message"],
            "domain": b["caps"]["domain"],
            "band_label": b["band_label"],
        }

    return {
        "cleared": [brief(b) for r, b in old.items() if r not in new],
        "new": [brief(b) for r, b in new.items() if r not in old],
        "still": [brief(b) for r, b in new.items() if r in old],
    }


def _priorities(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, Any]:
    old = {p["recommendation"]: p for p in before}
    new = {p["recommendation"]: p for p in after}

    def brief(p: dict[str, Any]) -> dict[str, Any]:
        return {
            "recommendation": p["recommendation"],
            "title": p["title"],
            "rank": p["rank"],
        }

    return {
        "entered": [brief(p) for r, p in new.items() if r not in old],
        "left": [brief(p) for r, p in old.items() if r not in new],
        "moved": [
            {
                "recommendation": r,
                "title": p["title"],
                "rank_before": old[r]["rank"],
                "rank_after": p["rank"],
            }
            for r, p in new.items()
            if r in old and old[r]["rank"] != p["rank"]
        ],
    }
