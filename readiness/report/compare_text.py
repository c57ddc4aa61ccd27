"""The comparison of two results or two groups, in words: for the terminal and text files.

Renders what :func:`readiness.group.compare.compare` returns, with Rich. Every string from a
person or a bank is shown as a ``Text`` (never markup), made visible first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from readiness.report.summary import bullets, section
from readiness.text import one_line

Row = dict[str, Any]


def _signed(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:+.1f}" if value else "0.0"


def score_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _band_move(row: Row) -> str:
    return _move(row["band_label_before"], row["band_label_after"])


def _move(before: Any, after: Any) -> str:
    """``before → after``, or one word when nothing moved; ``-`` for none."""
    old = "-" if before is None else one_line(str(before))
    new = "-" if after is None else one_line(str(after))
    return old if old == new else f"{old} → {new}"


def _who(side: Mapping[str, Any]) -> str:
    """The file, who answered (a person, or how many in a group) and when."""
    if side.get("kind") == "group":
        found = side["respondents"]
        count, people = found["count"], found["people"]
        person = f"{count} result{'s' if count != 1 else ''}"
        if people != count:
            person += f" ({people} people)"
    else:
        person = ", ".join(one_line(v) for v in side["respondent"].values() if v)
    stamp = side["completed_at"] or ""
    done = f"{stamp[:10]} {stamp[11:16]}" + (" UTC" if stamp.endswith("Z") else "")
    if side.get("kind") == "group" and stamp:
        done = f"the last completed {done}"
    return ", ".join(one_line(p) for p in (side["file"], person, done.strip()) if p)


def _bank(comparison: Mapping[str, Any]) -> str:
    bank = comparison["bank"]
    old, new = bank["before_version"], bank["after_version"]
    name = one_line(str(bank["id"]))
    return f"{name} {old}" if old == new else f"{name} {old} → {new}"


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
        _listing("Warnings", [Text(one_line(w)) for w in comparison["warnings"]]),
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
    of = " in the group" if comparison["after"].get("kind") == "group" else ""
    spread = None
    if "agreement_before" in overall:
        agreement = _move(overall["agreement_before"], overall["agreement_after"])
        spread = Text(
            f"Agreement: {agreement} (sd {_move(overall['sd_before'], overall['sd_after'])})"
        )
    return Group(
        Text(f"What changed{of}: bank {_bank(comparison)}", style="bold"),
        Text(f"Before: {_who(comparison['before'])}"),
        Text(f"After:  {_who(comparison['after'])}"),
        Text(),
        line,
        *([spread] if spread else []),
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
    group = any("agreement_before" in row for row in rows)
    if group:
        table.add_column("Agreement")
    for row in rows:
        label = f"{row['id']} {row['title']}" if ids else row["title"]
        cells = [
            Text(one_line(label)),
            Text(score_text(row["before"])),
            Text(score_text(row["after"])),
            Text(_signed(row["change"]), style=_change_style(row["change"])),
            Text(_band_move(row)),
        ]
        if group:
            cells.append(Text(_move(row["agreement_before"], row["agreement_after"])))
        table.add_row(*cells)
    return Group(section(title), table)


def _moves(title: str, rows: list[Row], style: str) -> Group | None:
    if not rows:
        return None
    lines = [
        Text.assemble(
            (f"{_signed(r['change'])} ", style),
            one_line(_label(r)),
            f" ({score_text(r['before'])} → {score_text(r['after'])})",
        )
        for r in rows
    ]
    return _listing(title, lines)


def _label(row: Mapping[str, Any]) -> str:
    return row["title"] if row["scope"] == "domain" else f"{row['id']} {row['title']}"


def _blocker_lines(blockers: Mapping[str, Any]) -> list[Text]:
    return [
        Text(f"{word}: {one_line(b['message'])}")
        for key, word in (("cleared", "Cleared"), ("new", "New"), ("still", "Still holds"))
        for b in blockers[key]
    ]


def _priority_lines(priorities: Mapping[str, Any]) -> list[Text]:
    lines = [
        Text(one_line(f"New priority: {p['recommendation']} {p['title']} (rank {p['rank']})"))
        for p in priorities["entered"]
    ]
    lines += [
        Text(
            one_line(
                f"No longer a priority: {p['recommendation']} {p['title']} (was rank {p['rank']})"
            )
        )
        for p in priorities["left"]
    ]
    lines += [
        Text(
            one_line(
                f"Moved: {p['recommendation']} {p['title']} (rank {p['rank_before']} → "
                f"{p['rank_after']})"
            )
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
