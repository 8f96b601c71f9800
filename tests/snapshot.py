"""A cell-by-cell description of a workbook, for golden comparisons that do
not depend on byte-level details of the writer."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import range_boundaries


def cells_of(sqref) -> set[tuple[int, int]]:
    """Every (row, col) a validation's sqref covers (1-based)."""
    out = set()
    for rng in str(sqref).split():
        min_col, min_row, max_col, max_row = range_boundaries(rng)
        out |= {(r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)}
    return out


def snapshot(path: str | Path) -> dict:
    wb = openpyxl.load_workbook(path)
    out: dict = {"sheets": wb.sheetnames, "defined_names": sorted(wb.defined_names.keys())}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                cells[c.coordinate] = (
                    c.value, c.number_format, c.protection.locked, c.fill.fgColor.rgb if c.fill.fill_type else None,
                    c.alignment.wrap_text, c.font.b,
                )
        out[ws.title] = {
            "state": ws.sheet_state,
            "cells": cells,
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "validations": sorted(
                tuple(str(x) for x in (dv.type, dv.sqref, dv.formula1, dv.formula2, dv.operator, dv.prompt, dv.error))
                for dv in ws.data_validations.dataValidation
            ),
            "protection": (ws.protection.sheet, ws.protection.formatRows, ws.protection.formatColumns),
            "freeze": ws.freeze_panes,
            "widths": {k: v.width for k, v in ws.column_dimensions.items()},
            "heights": {k: v.height for k, v in ws.row_dimensions.items() if v.height},
            "print": (ws.page_setup.orientation, ws.page_setup.paperSize, ws.print_title_rows, ws.print_title_cols),
        }
    return out
