"""Ask LibreOffice how it lays out the sheets of workbooks: for each row the
height the file gives it and the height LibreOffice needs to show every
wrapped cell in full; for each column the width it has and the width its
unwrapped texts need where they cannot spill into the next cell.

Run with the system Python that has LibreOffice's UNO bridge (Debian's
python3-uno), not the project's interpreter::

    /usr/bin/python3 tests/uno_layout.py PROFILE_DIR OUT_JSON FILE...

Writes ``{file: {sheet: {"rows": [[row, height, optimal], ...],
"columns": [[col, width, needed], ...]}}}`` (0-based rows and columns,
1/100 mm), for visible sheets and the rows and columns that hold text.

A row is listed when a cell of it wraps text and is not merged (LibreOffice,
like Excel, does not size rows from merged cells).  A column's ``needed`` is
its optimal width over the unwrapped, unmerged text cells whose right-hand
neighbour is not empty (text that cannot spill over), measured on a copy of
the sheet from which every other cell was cleared.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import uno  # type: ignore[import-not-found]  # noqa: F401  (installs the com.sun.star import hook)
from com.sun.star.table.CellContentType import TEXT  # type: ignore[import-not-found]
from uno_session import office, prop  # type: ignore[import-not-found]


def _used(sheet) -> tuple[int, int]:
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    a = cursor.getRangeAddress()
    return a.EndRow, a.EndColumn


def _sheet_layout(doc, index: int) -> dict:
    sheet = doc.Sheets.getByIndex(index)
    last_row, last_col = _used(sheet)
    data = sheet.getCellRangeByPosition(0, 0, last_col, last_row).getDataArray()
    rows_out, keep = [], []  # keep: cells of the copy that stay (text that cannot spill)
    wrapped_rows = set()
    for r in range(last_row + 1):
        for c in range(last_col + 1):
            if data[r][c] == "" or not isinstance(data[r][c], str):
                continue
            cell = sheet.getCellByPosition(c, r)
            if cell.getType() != TEXT or cell.IsMerged or _in_merge(sheet, cell):
                continue
            if cell.IsTextWrapped:
                wrapped_rows.add(r)
            elif c < last_col and data[r][c + 1] != "":
                keep.append((r, c))
    if sheet.isProtected():
        sheet.unprotect("")
    rows = sheet.getRows()
    for r in sorted(wrapped_rows):
        row = rows.getByIndex(r)
        height = row.Height
        row.OptimalHeight = True
        rows_out.append([r, height, row.Height])
        row.Height = height
    name = sheet.Name
    copy = f"{name}__probe"
    doc.Sheets.copyByName(name, copy, doc.Sheets.Count)
    probe = doc.Sheets.getByName(copy)
    if probe.isProtected():
        probe.unprotect("")
    probe.getCellRangeByPosition(0, 0, last_col, last_row).clearContents(1 | 2 | 4 | 8 | 16 | 128)
    src_cols, cols = sheet.getColumns(), probe.getColumns()
    needed: dict[int, int] = {}
    for r, c in keep:
        probe.getCellByPosition(c, r).setString(data[r][c])
        needed.setdefault(c, 0)
    columns_out = []
    for c in sorted(needed):
        col = cols.getByIndex(c)
        col.OptimalWidth = True
        columns_out.append([c, src_cols.getByIndex(c).Width, col.Width])
    doc.Sheets.removeByName(copy)
    return {"rows": rows_out, "columns": columns_out}


def _in_merge(sheet, cell) -> bool:
    """Whether a cell is covered by a merge that starts elsewhere (its own IsMerged is False)."""
    cursor = sheet.createCursorByRange(cell)
    cursor.collapseToMergedArea()
    a = cursor.getRangeAddress()
    return a.EndRow > a.StartRow or a.EndColumn > a.StartColumn


def main(profile: str, out: str, *files: str) -> None:
    profile_dir = Path(profile)
    result = {}
    with office(profile_dir) as (_ctx, desktop):
        for path in files:
            doc = desktop.loadComponentFromURL(Path(path).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))
            sheets = {}
            names = [doc.Sheets.getByIndex(i).Name for i in range(doc.Sheets.Count)]
            for i, name in enumerate(names):
                if doc.Sheets.getByIndex(i).IsVisible:
                    sheets[name] = _sheet_layout(doc, i)
            result[path] = sheets
            doc.close(True)
    Path(out).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
