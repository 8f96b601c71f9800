"""Compare every formula cell's cached value with LibreOffice's recalculation."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl

ERRORS = ("#DIV/0!", "#NAME?", "#VALUE!", "#REF!", "#N/A", "#NUM!", "#NULL!", "Err:")


def formula_cells(path: Path) -> dict[tuple[str, str], str]:
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if isinstance(v, str) and v.startswith("="):
                    out[(ws.title, c.coordinate)] = v
                elif type(v).__name__ == "ArrayFormula":
                    out[(ws.title, c.coordinate)] = v.text
    return out


def values(path: Path) -> dict[tuple[str, str], object]:
    wb = openpyxl.load_workbook(path, data_only=True)
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}


def same(a, b) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)
    return str(a) == str(b)


def compare(original: Path, recalculated: Path) -> tuple[list, list, int]:
    """(mismatches, error cells, number of formula cells checked)."""
    formulas = formula_cells(original)
    cached = values(original)
    fresh = values(recalculated)
    mismatches = [(k, formulas[k], cached.get(k), fresh.get(k)) for k in formulas
                  if not same(cached.get(k), fresh.get(k))]
    errors = [(k, v) for k, v in fresh.items() if isinstance(v, str) and v.startswith(ERRORS)]
    return mismatches, errors, len(formulas)
