"""Fill a plan workbook written by ``master new`` the way DKIS does in Excel
(openpyxl plays the user): cells found by their header labels, values typed
as a person types them ("2 - Terkelola", "DISKOMINFO; BAPPEDA")."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from spbe_excel.master.planfile import CARRIED, EXTRA_COLUMNS, INDICATOR_COLUMNS
from spbe_excel.text import t
from spbe_excel.text.words import column_label


def header(ws, columns) -> tuple[int, dict[str, int]]:
    """(1-based header row, column key -> 1-based column) of a sheet whose header names ``columns``."""
    labels = {column_label(c, lang): c.key for c in columns for lang in ("id", "en")}
    for r in range(1, 11):
        found = {labels[c.value]: c.column for c in ws[r] if c.value in labels}
        if len(found) >= 3:
            return r, found
    raise AssertionError(f"no header on {ws.title}")


def sheet(wb, key: str):
    names = {t(key, lang) for lang in ("id", "en")}
    return next(ws for ws in wb.worksheets if ws.title in names)


def fill_plan(src: Path, out: Path, rows: dict[int, dict], *, extra: list[dict] = (),
              opds: list[tuple[str, str, str]] | None = None, info: dict[str, object] | None = None) -> Path:
    """Fill the plan ``src`` and save as ``out``: ``rows`` maps No to {column key: value} on the indicator sheet;
    ``extra`` rows go on the extra actions sheet; ``opds`` (code, name, aliases) replace the OPD sheet's rows;
    ``info`` maps a text key of the Info sheet ("master.info.period_kind") to its new value."""
    wb = openpyxl.load_workbook(src)
    ws = sheet(wb, "master.sheet.indicators")
    head, cols = header(ws, INDICATOR_COLUMNS)
    where = {ws.cell(r, cols["no"]).value: r for r in range(head + 1, ws.max_row + 1)
             if isinstance(ws.cell(r, cols["no"]).value, (int, float))}
    for no, values in rows.items():
        for key, value in values.items():
            ws.cell(where[no], cols[key]).value = value
    ws = sheet(wb, "master.sheet.extra")
    head, cols = header(ws, (*EXTRA_COLUMNS, CARRIED))
    free = next(r for r in range(head + 1, ws.max_row + 2) if ws.cell(r, cols["no"]).value is None
                and ws.cell(r, cols["follow_up"]).value is None)
    for n, values in enumerate(extra):
        for key, value in values.items():
            ws.cell(free + n, cols[key]).value = value
    if opds is not None:
        ws = sheet(wb, "master.sheet.opd")
        for r in range(2, ws.max_row + 1):
            for c in range(1, 4):
                ws.cell(r, c).value = None
        for r, opd in enumerate(opds, 2):
            for c, v in enumerate(opd, 1):
                ws.cell(r, c).value = v or None
    if info:
        ws = sheet(wb, "master.sheet.info")
        labels = {t(key, lang): key for key in info for lang in ("id", "en")}
        for r in range(1, ws.max_row + 1):
            if ws.cell(r, 1).value in labels:
                ws.cell(r, 2).value = info[labels[ws.cell(r, 1).value]]
    wb.save(out)
    return Path(out)
