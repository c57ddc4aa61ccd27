"""What changed between two assessments: scores and bands that moved, blockers, priorities.

:func:`compare` is pure (two result dicts in, documented JSON-ready data out); :func:`summary`
renders that data with Rich for the terminal and text files. Scores are compared as the
results show them (one decimal), so a change is exactly the difference people can read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from readiness.errors import ResultFileError
from readiness.report.summary import bullets, section

KIND = "comparison"
Row = dict[str, Any]


def check_banks(
    before: Mapping[str, Any], after: Mapping[str, Any], names: tuple[str, str]
) -> list[str]:
    """Refuse results of different banks; warn when the bank's version or file differ."""
    old, new = before["bank"], after["bank"]
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


def compare(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    names: tuple[str, str] = ("before", "after"),
) -> dict[str, Any]:
    """The comparison of two results of one bank (see the command's help for the keys)."""
    warnings = check_banks(before, after, names)
    domains = _rows(before["domains"], after["domains"])
    recs = _rows(before["recommendations"], after["recommendations"])
    moved = [("domain", r) for r in domains] + [("recommendation", r) for r in recs]
    return {
        "kind": KIND,
        "bank": {
            "id": after["bank"]["id"],
            "before_version": before["bank"]["version"],
            "after_version": after["bank"]["version"],
        },
        "before": _side(before, names[0]),
        "after": _side(after, names[1]),
        "overall": _row("overall", "Overall", before["overall"], after["overall"]),
        "domains": domains,
        "recommendations": recs,
        "improved": _ranked(moved, improved=True),
        "declined": _ranked(moved, improved=False),
        "blockers": _blockers(before["blockers"], after["blockers"]),
        "priorities": _priorities(before["priorities"], after["priorities"]),
        "warnings": warnings,
    }


def _side(result: Mapping[str, Any], name: str) -> dict[str, Any]:
    who = result["respondent"]
    return {
        "file": name,
        "respondent": {k: who[k] for k in ("name", "role", "organisation")},
        "completed_at": result["session"]["completed_at"],
        "bank_version": result["bank"]["version"],
    }


def change(before: float | None, after: float | None) -> float | None:
    """after - before, to one decimal as shown; None when either has no score."""
    if before is None or after is None:
        return None
    return round(after - before, 1)


def _rows(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Row]:
    """One row per id, in the later result's order, then ids only the earlier one has."""
    ids = list(after) + [i for i in before if i not in after]
    empty: dict[str, Any] = {}
    return [
        _row(i, (after.get(i) or before[i])["title"], before.get(i, empty), after.get(i, empty))
        for i in ids
    ]


def _row(pid: str, title: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> Row:
    return {
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


# --- the text summary ----------------------------------------------------------------------


def _signed(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:+.1f}" if value else "0.0"


def score_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _band_move(row: Row) -> str:
    old, new = row["band_label_before"] or "-", row["band_label_after"] or "-"
    return old if old == new else f"{old} → {new}"


def _who(side: Mapping[str, Any]) -> str:
    person = ", ".join(v for v in side["respondent"].values() if v)
    stamp = side["completed_at"]
    done = f"{stamp[:10]} {stamp[11:16]}" + (" UTC" if stamp.endswith("Z") else "")
    return ", ".join(p for p in (side["file"], person, done) if p)


def _bank(comparison: Mapping[str, Any]) -> str:
    bank = comparison["bank"]
    old, new = bank["before_version"], bank["after_version"]
    return f"{bank['id']} {old}" if old == new else f"{bank['id']} {old} → {new}"


def summary(comparison: Mapping[str, Any]) -> Group:
    """The comparison for people: what moved, what improved and declined, blockers, priorities."""
    parts: list[RenderableType | None] = [
        _header(comparison),
        _table("Domains", "Domain", comparison["domains"]),
        _table("Recommendations", "Recommendation", comparison["recommendations"], ids=True),
        _moves("Improved", comparison["improved"], "green"),
        _moves("Declined", comparison["declined"], "red"),
        _listing("Blockers", _blocker_lines(comparison["blockers"])),
        _listing("Priorities", _priority_lines(comparison["priorities"])),
        _listing("Warnings", [Text(w) for w in comparison["warnings"]]),
    ]
    return Group(*(p for p in parts if p is not None))


def _header(comparison: Mapping[str, Any]) -> Group:
    overall = comparison["overall"]
    line = Text.assemble(
        ("Overall: ", "bold"),
        f"{score_text(overall['before'])} → {score_text(overall['after'])} ",
        (f"({_signed(overall['change'])})", _change_style(overall["change"])),
        f", {_band_move(overall)}",
    )
    return Group(
        Text(f"What changed: bank {_bank(comparison)}", style="bold"),
        Text(f"Before: {_who(comparison['before'])}"),
        Text(f"After:  {_who(comparison['after'])}"),
        Text(),
        line,
        Text(),
    )


def _change_style(value: float | None) -> str:
    if not value:
        return "dim"
    return "bold green" if value > 0 else "bold red"


def _table(title: str, head: str, rows: list[Row], *, ids: bool = False) -> Group:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True, collapse_padding=True)
    table.add_column(head, ratio=1)
    for name in ("Before", "After", "Change"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("Band", no_wrap=True)
    for row in rows:
        label = f"{row['id']} {row['title']}" if ids else row["title"]
        table.add_row(
            Text(label),
            Text(score_text(row["before"])),
            Text(score_text(row["after"])),
            Text(_signed(row["change"]), style=_change_style(row["change"])),
            Text(_band_move(row)),
        )
    return Group(section(title), table)


def _moves(title: str, rows: list[Row], style: str) -> Group | None:
    if not rows:
        return None
    lines = [
        Text.assemble(
            (f"{_signed(r['change'])} ", style),
            _label(r),
            f" ({score_text(r['before'])} → {score_text(r['after'])})",
        )
        for r in rows
    ]
    return _listing(title, lines)


def _label(row: Mapping[str, Any]) -> str:
    return row["title"] if row["scope"] == "domain" else f"{row['id']} {row['title']}"


def _blocker_lines(blockers: Mapping[str, Any]) -> list[Text]:
    return [
        Text(f"{word}: {b['message']}")
        for key, word in (("cleared", "Cleared"), ("new", "New"), ("still", "Still holds"))
        for b in blockers[key]
    ]


def _priority_lines(priorities: Mapping[str, Any]) -> list[Text]:
    lines = [
        Text(f"New priority: {p['recommendation']} {p['title']} (rank {p['rank']})")
        for p in priorities["entered"]
    ]
    lines += [
        Text(f"No longer a priority: {p['recommendation']} {p['title']} (was rank {p['rank']})")
        for p in priorities["left"]
    ]
    lines += [
        Text(
            f"Moved: {p['recommendation']} {p['title']} (rank {p['rank_before']} → "
            f"{p['rank_after']})"
        )
        for p in priorities["moved"]
    ]
    return lines


def _listing(title: str, lines: list[Text]) -> Group | None:
    if not lines:
        return None
    return Group(section(title), bullets(lines), Text())


def text_lines(comparison: Mapping[str, Any], width: int = 80) -> Iterator[str]:
    """The summary as plain lines (no colour), for files and golden tests."""
    import io

    from rich.console import Console

    console = Console(
        width=width,
        file=io.StringIO(),
        record=True,
        color_system=None,
        force_terminal=False,
        legacy_windows=False,
    )
    console.print(summary(comparison))
    yield from (line.rstrip() for line in console.export_text().splitlines())
