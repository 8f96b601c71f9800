"""Build submissions for tests from the real templates, the way OPD staff
would fill them in (openpyxl plays the user).  One function per kind of
mess, so each fixture is named after its case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from spbe_excel.model.columns import TEMPLATE_COLUMNS
from spbe_excel.text.words import column_label
from spbe_excel.write.template import HEADER_ROW, write_template

PERIOD = "Triwulan III 2019"
TODAY = dt.date(2019, 9, 30)  # the as-of date the tests read with
HEADER = HEADER_ROW + 1  # 1-based header row of the template


def template(dirpath: Path, master, opd: str = "BAPPEDA", period: str = PERIOD, lang: str = "id") -> Path:
    return write_template(Path(dirpath) / f"{opd}_template_{lang}.xlsx", master, opd=opd, period=period, lang=lang)


def good_row(no: int = 0) -> dict:
    """A valid, consistent report for one indicator (as a user types it)."""
    return {
        "status": "Dalam Proses",
        "progress": 0.5,  # the template's progress cells are percentages
        "current_level": None,  # left empty: not every OPD estimates
        "achievement": f"Rapat koordinasi penyusunan draf ke-{no}.\nDraf dibahas dengan Bagian Hukum.",
        "evidence": f"Undangan rapat No. 005/{no}/2019",
        "obstacles": "",
        "budget": 25_000_000,
        "spent": 10_000_000,
        "updated_on": dt.date(2019, 8, 12),
        "responsible": "I Made Sudarsana",
    }


def columns_of(ws, header_row: int = HEADER) -> dict[str, int]:
    """Column key -> 1-based column, read from the header row (any language)."""
    labels = {column_label(c, lang): c.key for c in TEMPLATE_COLUMNS for lang in ("id", "en")}
    return {labels[c.value]: c.column for c in ws[header_row] if c.value in labels}


def rows_of(ws, header_row: int = HEADER) -> dict[int, int]:
    """Indicator No -> 1-based row."""
    out = {}
    for r in range(header_row + 1, ws.max_row + 1):
        v = ws.cell(r, 1).value
        if isinstance(v, (int, float)):
            out[int(v)] = r
    return out


def set_text(cell, text: str) -> None:
    """Store text as text even when it starts with '=' (as Excel does after an apostrophe)."""
    cell.value = text
    cell.data_type = "s"


def fill(src: Path, out: Path, rows: dict[int, dict] | None = None, *, contact: str | None = "Ni Luh Putu Ayu",
         filled_on=dt.date(2019, 9, 20), edit=None, default_rows: bool = True, sheet: str | None = None) -> Path:
    """Fill the template ``src`` and save as ``out``.

    ``rows`` maps indicator No to {column key: value}; every other row of the
    template gets :func:`good_row` unless ``default_rows`` is false.  A value
    ``None`` leaves the cell empty.  ``edit(wb, ws)`` runs last, for
    structural mess (renamed sheets, inserted rows, moved columns).
    """
    wb = openpyxl.load_workbook(src)
    ws = wb[sheet] if sheet else wb.worksheets[1]
    cols = columns_of(ws)
    where = rows_of(ws)
    rows = dict(rows or {})
    for no, r in where.items():
        values = rows.get(no, good_row(no) if default_rows else {})
        for key, value in values.items():
            if value is None:
                continue
            cell = ws.cell(r, cols[key])
            if isinstance(value, str) and value.startswith("="):
                set_text(cell, value)
            else:
                cell.value = value
    if contact is not None:
        ws["C3"] = contact
    if filled_on is not None:
        ws["G3"] = filled_on
    if edit is not None:
        edit(wb, ws)
    wb.save(out)
    return Path(out)


def user_sheet(out: Path, header: list[str], rows: list[list], *, above: list[list] = (), sheet: str = "Laporan",
               merges: list[str] = (), extra_sheets: dict[str, list[list]] | None = None) -> Path:
    """A workbook made from scratch by a user (no template, no metadata):
    optional rows above the header (title, OPD, period), the header, rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in above:
        ws.append(list(row))
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    for rng in merges:
        ws.merge_cells(rng)
    for name, content in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for row in content:
            other.append(row)
    wb.save(out)
    return Path(out)
