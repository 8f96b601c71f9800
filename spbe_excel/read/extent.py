"""How far each sheet of a submitted file reaches, before a parser sizes its grid for it.

A parser allocates a sheet's whole bounding box: cells at A1 and XFD1048576
make python-calamine ask for 512 GB and abort the process.  This module
measures a sheet from its raw XML or records, without building it:

* xlsx: every ``r="..."`` reference of a sheet part (rows and cells without
  one are placed by counting), and the cells that hold formulas;
* ods: each table, with repeated rows and columns counted;
* xls: each sheet's DIMENSIONS record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import unescape as _xml_unescape

from spbe_excel.model.columns import a1, col_number
from spbe_excel.read.limits import DEFAULT_LIMITS, Limits


@dataclass
class SheetScan:
    """Extent of a sheet, 1-based, and the cells that hold formulas.  When
    ``exact`` is false the extent is only a bound (the sheet lies within it)."""

    min_row: int = 0
    max_row: int = 0
    min_col: int = 0
    max_col: int = 0
    formulas: dict[str, str] = field(default_factory=dict)  # A1 cell -> formula text
    exact: bool = True

    @property
    def cells(self) -> int:
        if not self.max_row:
            return 0
        return (self.max_row - self.min_row + 1) * (self.max_col - self.min_col + 1)

    def over(self, limits: Limits) -> bool:
        """Too large for a parser to be given."""
        return self.max_row > limits.max_rows or self.max_col > limits.max_cols or self.cells > limits.max_cells


def unescape(text: str) -> str:
    """XML character references and the five predefined entities, as text."""
    return _xml_unescape(text, {"&quot;": '"', "&apos;": "'"})


# ---- xlsx sheet parts ------------------------------------------------------------------------

# r="5" on a row, r="AB5" on a cell: the only attributes named r in a sheet part.  Matched from
# the literal r=" (fast); an attribute whose name merely ends in r can only widen the extent.  Any
# number of letters and digits: "XFDA1" or "A000001048576" must count, not slip through.
_ANY_REF = re.compile(rb'r="([A-Za-z]*)([0-9]+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_FORMULA_PLAIN = re.compile(rb"<f[\s>/]")  # <f> or <f t="shared" ...>, not <formula1> of a validation
_FORMULA_NS = re.compile(rb":f[\s>/]")  # <x:f>
_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f\b[^>]*>(.*?)</(?:\w+:)?f>", re.S)
_CELL_FULL = re.compile(rb'<((?:\w+:)?)c\b[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"[^>]*?(?:/>|>(.*?)</\1c>)', re.S)

_BIG_ROW = re.compile(rb'\sr="[A-Z]{0,3}[0-9]{6,}"')  # a row number of six digits or more
_BIG_COL = re.compile(rb'\sr="[A-Z]{4,}')  # more than three letters: not a column
_LAST_ROWS = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]+)"')

# A reference that could reach past NEAR_ROWS x NEAR_COLS: three or more letters, four or more digits, or a
# zero-padded number.  A sheet without one lies within that box, which is inside every default limit.
_FAR_REF = re.compile(rb'r="(?:[A-Za-z]{3}|[A-Za-z]{0,2}[0-9]{4}|[A-Za-z]{0,2}0)')
NEAR_ROWS, NEAR_COLS = 999, 26 * 27  # rows 1-999, columns A-ZZ

_ROW_OR_CELL = re.compile(rb'<(?:\w+:)?(row|c)\b([^>]*)')
_R_ATTR = re.compile(rb'\sr="([A-Za-z]*)([0-9]*)"')


def scan_sheet_xml(xml: bytes, limits: Limits = DEFAULT_LIMITS) -> SheetScan:
    """Extent from every ``r="..."`` reference (rows and cells) in one pass.
    A sheet that is plainly too large (more row elements than allowed, or a
    six-digit row number) is measured without building per-cell lists, so the
    check itself stays small in memory."""
    if len(xml) > 1_000_000 and (xml.count(b"<row") > limits.max_rows or _BIG_ROW.search(xml)
                                 or _BIG_COL.search(xml)):
        rows = max((int(m) for m in _LAST_ROWS.findall(xml[-4096:])), default=0)
        return SheetScan(1, max(rows, xml.count(b"<row"), limits.max_rows + 1), 1, 1)
    scan = _referenced_extent(xml, limits)
    # Cells and rows without r="..." are placed by counting.  Even in the worst arrangement they span at most
    # (row elements) x (cell elements); only when that could exceed the limit are they walked one by one.
    if xml.count(b"<row") * xml.count(b"<c") > limits.max_cells:
        _widen_to_counted(scan, xml)
    # rare: only then look at whole cells.  Two searches that start with a
    # literal are much faster than one with an optional namespace prefix.
    if (_FORMULA_PLAIN.search(xml) or _FORMULA_NS.search(xml)) and _FORMULA.search(xml):
        scan.formulas = _formula_cells(xml)
    return scan


def _referenced_extent(xml: bytes, limits: Limits) -> SheetScan:
    """The box spanned by the ``r="..."`` references; for the usual sheet, whose references are all near
    A1, only the bound that one search proves."""
    if (not _FAR_REF.search(xml) and limits.max_rows >= NEAR_ROWS and limits.max_cols >= NEAR_COLS
            and limits.max_cells >= NEAR_ROWS * NEAR_COLS):
        return SheetScan(1, NEAR_ROWS, 1, NEAR_COLS, exact=False)
    refs = _ANY_REF.findall(xml)
    if not refs:
        return SheetScan()
    letters, digits = (set(part) for part in zip(*refs))
    rows = set(map(int, digits))
    letters = {x.upper() for x in letters if x}
    if not letters:
        return SheetScan(min(rows), max(rows), 1, 1)
    # column letters order by length, then alphabetically
    return SheetScan(min(rows), max(rows), col_number(min(letters, key=_letters_order).decode("ascii")),
                     col_number(max(letters, key=_letters_order).decode("ascii")))


def _letters_order(letters: bytes) -> tuple[int, bytes]:
    return len(letters), letters


def _widen_to_counted(scan: SheetScan, xml: bytes) -> None:
    """Widen ``scan`` to what counting rows and cells without references reaches (then only a bound)."""
    rows, cols = _counted_extent(xml)
    if rows > scan.max_row or cols > scan.max_col:
        scan.min_row, scan.min_col = min(scan.min_row or 1, 1), min(scan.min_col or 1, 1)
        scan.max_row, scan.max_col = max(scan.max_row, rows), max(scan.max_col, cols)
        scan.exact = False


def _counted_extent(xml: bytes) -> tuple[int, int]:
    """The last row and column a parser reaches, placing every row and cell
    that has no ``r`` at the one after the previous (as spreadsheet parsers do)."""
    row = col = max_row = max_col = 0
    for m in _ROW_OR_CELL.finditer(xml):
        ref = _R_ATTR.search(m.group(2))
        if m.group(1) == b"row":
            row = int(ref.group(2)) if ref and ref.group(2) else row + 1
            col = 0
            max_row = max(max_row, row)
        else:
            col = col_number(ref.group(1).decode("ascii").upper()) if ref and ref.group(1) else col + 1
            max_col = max(max_col, col)
    return max_row, max_col


def _formula_cells(xml: bytes) -> dict[str, str]:
    """A1 cell -> formula text ("=SUM(A1:A3)"; "" for a formula whose text is elsewhere, as a shared one)."""
    out = {}
    for m in _CELL_FULL.finditer(xml):
        body = m.group(3)
        if body and _FORMULA.search(body):
            text = _FORMULA_TEXT.search(body)
            formula = unescape(text.group(1).decode("utf-8", "replace")) if text else ""
            out[m.group(2).decode("ascii")] = "=" + formula if formula else ""
    return out


# ---- ods -------------------------------------------------------------------------------------

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TABLE, _ROW, _ROW_REPEAT = _T + "table", _T + "table-row", _T + "number-rows-repeated"
_CELLS = (_T + "table-cell", _T + "covered-table-cell")
_COL_REPEAT, _FORMULA_ATTR, _VALUE_TYPE = _T + "number-columns-repeated", _T + "formula", _O + "value-type"


def scan_ods(events, limits: Limits) -> tuple[dict[str, SheetScan], dict[str, tuple[int, int]]]:
    """(scan by table name, (rows, columns) of the tables over the limits) from the ``start`` and ``end``
    events of an ODS ``content.xml``.  Repeated rows and columns count as a parser that expands them
    would see them (only cells with content or a formula count)."""
    sheets: dict[str, SheetScan] = {}
    too_large: dict[str, tuple[int, int]] = {}
    table = ""
    scan = None
    row = col = row_max_col = 0
    row_repeat = 1
    formula_cells: list[tuple[int, str]] = []
    for event, el in events:
        tag = el.tag
        if event == "start":
            if tag == _TABLE:
                table, scan, row = el.get(_T + "name", ""), SheetScan(), 0
            elif tag == _ROW and scan is not None:
                row_repeat = int(el.get(_ROW_REPEAT, "1") or 1)
                col = row_max_col = 0
                formula_cells = []
            continue
        if scan is None:
            continue
        if tag in _CELLS:
            repeat = int(el.get(_COL_REPEAT, "1") or 1)
            formula = el.get(_FORMULA_ATTR)
            if el.get(_VALUE_TYPE) is not None or len(el) > 0 or formula:
                row_max_col = col + repeat
                if formula:
                    formula_cells.append((col + 1, formula))
            col += repeat
            el.clear()
        elif tag == _ROW:
            if row_max_col:
                _add_ods_row(scan, row + 1, row + row_repeat, row_max_col, formula_cells)
                if scan.over(limits):
                    too_large[table] = (scan.max_row, scan.max_col)
            row += row_repeat
            el.clear()
        elif tag == _TABLE:
            sheets[table] = scan
            scan = None
            el.clear()
    return sheets, too_large


def _add_ods_row(scan: SheetScan, first: int, last: int, max_col: int, formula_cells: list[tuple[int, str]]) -> None:
    """Widen ``scan`` to a row (repeated from ``first`` to ``last``) that holds something up to ``max_col``;
    note its formulas when it is not repeated."""
    scan.min_row = scan.min_row or first
    scan.max_row = last
    scan.min_col = 1
    scan.max_col = max(scan.max_col, max_col)
    if first == last:
        for c, formula in formula_cells:
            scan.formulas[a1(first - 1, c - 1)] = formula


# ---- xls ---------------------------------------------------------------------------------------

def xls_extents(stream: bytes):
    """(sheet name, rows, columns) from each sheet's DIMENSIONS record of a
    BIFF8 workbook stream, as the parser will size its grid.  A sheet whose
    record cannot be found is left out (the parser is isolated anyway)."""
    sheets = []
    pos, end = 0, len(stream)
    while pos + 4 <= end:  # the workbook globals: BOUNDSHEET8 records until EOF
        typ = int.from_bytes(stream[pos:pos + 2], "little")
        size = int.from_bytes(stream[pos + 2:pos + 4], "little")
        body = stream[pos + 4:pos + 4 + size]
        if typ == 0x0085 and len(body) >= 8:
            offset = int.from_bytes(body[0:4], "little")
            cch, high = body[6], body[7] & 1
            raw = body[8:8 + cch * (2 if high else 1)]
            name = raw.decode("utf-16-le" if high else "latin-1", "replace")
            sheets.append((name, offset))
        elif typ == 0x000A:
            break
        pos += 4 + size
    for name, offset in sheets:
        pos = offset
        while 0 <= pos and pos + 4 <= end:
            typ = int.from_bytes(stream[pos:pos + 2], "little")
            size = int.from_bytes(stream[pos + 2:pos + 4], "little")
            if typ == 0x0200 and size >= 12:  # DIMENSIONS: rwMic, rwMac (u32), colMic, colMac (u16)
                b = stream[pos + 4:pos + 16]
                rows = max(0, int.from_bytes(b[4:8], "little") - int.from_bytes(b[0:4], "little"))
                cols = max(0, int.from_bytes(b[10:12], "little") - int.from_bytes(b[8:10], "little"))
                yield name, rows, cols
                break
            if typ == 0x000A:
                break
            pos += 4 + size
