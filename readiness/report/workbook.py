"""Tables as an xlsx workbook: one sheet per table, each cell typed.

XlsxWriter (well kept, write-only, no dependencies of its own) writes numbers as numbers,
true/false as booleans and everything else as text (``write_string``, never a formula), so a
note that starts with ``=`` is shown, not run, and there is no encoding to choose.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from readiness.report.tables import cell

Sheet = tuple[str, Sequence[str], Iterable[Mapping[str, Any]]]


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """The workbook's bytes: each sheet's header row bold and frozen, then its rows."""
    import xlsxwriter  # type: ignore[import-untyped]

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True})
    for name, head, rows in sheets:
        sheet = book.add_worksheet(name[:31])
        sheet.freeze_panes(1, 0)
        for column, title in enumerate(head):
            sheet.write_string(0, column, title, bold)
        for number, row in enumerate(rows, start=1):
            for column, title in enumerate(head):
                _write(sheet, number, column, row.get(title))
    book.close()
    return out.getvalue()


def _write(sheet: Any, row: int, column: int, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value)
    else:
        sheet.write_string(row, column, cell(value))
