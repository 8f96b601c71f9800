"""Excel binary workbooks (.xlsb): sheet names, and the extent and formulas of a sheet, from its records.

An .xlsb is an Office Open XML package whose parts are BIFF12 records (a type and a size, each a variable
number of bytes, then the body).  python-calamine places a cell at the row of the last BrtRowHdr and the
column its record names (any 32-bit number), and sizes the grid by the cells that hold a value, as for
.xlsx.  The sheet's BrtWsDim (its declared dimensions) counts as well.  Cells whose record is a formula
record (BrtFmlaString, BrtFmlaNum, BrtFmlaBool, BrtFmlaError) are noted; their formula text is not decoded
(it is a parsed-token stream), so the finding shows the cached value only.
"""

from __future__ import annotations

import struct

from spbe_excel.model.columns import a1
from spbe_excel.read.safety.extent import SheetScan
from spbe_excel.read.safety.limits import DEFAULT_LIMITS, Limits

BRT_ROW_HDR = 0x0000
BRT_VALUES = range(0x0002, 0x000C)  # BrtCellRk ... BrtFmlaError: cells that hold a value
BRT_FORMULAS = range(0x0008, 0x000C)
BRT_WS_DIM = 0x0094
BRT_END_SHEET_DATA = 0x0092
BRT_BUNDLE_SH = 0x009C


def records(data: bytes, start: int = 0):
    """(type, body start, body end) of each record from ``start``; stops at a record cut short."""
    pos, end = start, len(data)
    while pos < end:
        typ = data[pos]
        pos += 1
        if typ & 0x80:
            if pos >= end:
                return
            typ = (typ & 0x7F) | ((data[pos] & 0x7F) << 7)
            pos += 1
        size = shift = 0
        for _ in range(4):
            if pos >= end:
                return
            byte = data[pos]
            pos += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if pos + size > end:
            return
        yield typ, pos, pos + size
        pos += size


def _wide_string(data: bytes, pos: int, end: int) -> tuple[str | None, int]:
    """An XLWideString (or a null XLNullableWideString) at ``pos``, and the position after it."""
    if pos + 4 > end:
        return None, end
    (cch,) = struct.unpack_from("<I", data, pos)
    pos += 4
    if cch == 0xFFFFFFFF:
        return None, pos
    text = data[pos:min(end, pos + 2 * cch)].decode("utf-16-le", "replace")
    return text, pos + 2 * cch


def sheet_ids(workbook_bin: bytes) -> list[tuple[str, str]]:
    """(sheet name, relationship id) of each BrtBundleSh record of ``xl/workbook.bin``, in order."""
    out = []
    for typ, start, end in records(workbook_bin):
        if typ == BRT_BUNDLE_SH and end - start >= 12:
            rel, pos = _wide_string(workbook_bin, start + 8, end)
            name, _ = _wide_string(workbook_bin, pos, end)
            if name is not None and rel is not None:
                out.append((name, rel))
    return out


def scan_xlsb_sheet(data: bytes, limits: Limits = DEFAULT_LIMITS) -> SheetScan:
    """The declared dimensions and the span of the cells that hold a value, and the formula cells, of one
    sheet part.  Stops as soon as the span is over the limits."""
    row = 0
    lo_row = lo_col = 1 << 40
    hi_row = hi_col = -1
    formulas: dict[str, str] = {}
    for typ, start, end in records(data):
        if typ == BRT_ROW_HDR and end - start >= 4:
            (row,) = struct.unpack_from("<I", data, start)
            if row > 0x0010_0000:
                break  # where the parser stops too
        elif typ in BRT_VALUES and end - start >= 4:
            (col,) = struct.unpack_from("<I", data, start)
            lo_row, hi_row, lo_col, hi_col = min(lo_row, row), max(hi_row, row), min(lo_col, col), max(hi_col, col)
            if typ in BRT_FORMULAS and len(formulas) < 10_000:
                formulas[a1(row, col)] = ""
            if hi_row >= limits.max_rows or hi_col >= limits.max_cols:
                break
        elif typ == BRT_WS_DIM and end - start >= 16:
            first_row, last_row, first_col, last_col = struct.unpack_from("<4I", data, start)
            if last_row >= first_row and last_col >= first_col:
                lo_row, hi_row = min(lo_row, first_row), max(hi_row, last_row)
                lo_col, hi_col = min(lo_col, first_col), max(hi_col, last_col)
        elif typ == BRT_END_SHEET_DATA:
            break
    if hi_row < 0:
        return SheetScan()
    return SheetScan(lo_row + 1, hi_row + 1, lo_col + 1, hi_col + 1, formulas)
