"""A second reader for a well-formed workbook that python-calamine cannot read.

python-calamine is fast and strict: an .ods whose XML is indented, as
Gnumeric writes it, makes it fail with "Expecting 'table-cell'", although
LibreOffice opens the file and nothing is wrong with it.  When it fails on a
package that passed every check of :mod:`~spbe_excel.read.safety.sniff` (size, zip
bombs, DTDs, the extent of each sheet), the reader tries the reader of the
ecosystem for that format, in the same isolated worker: odfpy for .ods,
openpyxl (read-only, values only) for .xlsx and .xlsm, xlrd for .xls (the
only reader here of Excel 2.x-4.0 files, which python-calamine does not know).

A :class:`SecondBook` answers what the reader asks of python-calamine's
workbook (sheet names, each sheet's visibility, a sheet's cells as rows of
values) and gives the values python-calamine would: numbers, text, booleans,
dates, ``""`` for an empty cell, a merged range's value in its top-left cell
only, every row as wide as the widest, nothing after the last value.  Empty
rows and cells, repeated or not, are never built one by one beyond the last
value, so a sheet costs what its values cost.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from spbe_excel.read.safety.limits import Limits

SECOND_READERS = {"ods": "odfpy", "xlsx": "openpyxl", "xlsm": "openpyxl", "xls": "xlrd"}
# odfpy builds a DOM of the whole document, some 25 times the size of its XML (14 MB took 355 MB and 11 s): a
# larger content.xml is left unreadable rather than risk the worker's limits (a filled template's is 0.1 MB).
MAX_ODS_CONTENT = 16 * 1024 * 1024
_PROLOG_PARTS = ("content.xml", "styles.xml", "meta.xml", "settings.xml", "META-INF/manifest.xml")


@dataclass(frozen=True)
class SheetInfo:
    name: str
    visible: str  # "Visible" or "Hidden", as python-calamine names it


class SecondBook:
    """A workbook read by the second reader: sheet names, visibility, and
    each sheet's rows, built when first asked for (the reader asks only for
    sheets that sniffing measured and found small enough)."""

    def __init__(self, reader: str, names: list[str], visible: dict[str, bool], load: Callable[[str], list[list]]):
        self.reader = reader
        self.sheet_names = names
        self.sheets_metadata = [SheetInfo(n, "Visible" if visible.get(n, True) else "Hidden") for n in names]
        self._load = load

    def rows(self, name: str) -> list[list]:
        return self._load(name)


def read_second(data: bytes, kind: str, limits: Limits) -> SecondBook:
    """Open ``data`` (a package of ``kind`` that sniffing passed) with the
    second reader of its format.  Raises whatever that reader raises."""
    if kind == "ods":
        return _read_ods(data, limits)
    if kind == "xls":
        return _read_xls(data)
    return _read_xlsx(data)


def _dense(cells: list[tuple[int, int, object]]) -> list[list]:
    """Rows from A1 to the last value, every row as wide as the widest, ``""`` where nothing is."""
    if not cells:
        return []
    height = max(r for r, _, _ in cells) + 1
    width = max(c for _, c, _ in cells) + 1
    rows: list[list] = [[""] * width for _ in range(height)]
    for r, c, v in cells:
        rows[r][c] = v
    return rows


# ---- xlsx: openpyxl, read-only, cached values ---------------------------------------------------------

def _read_xlsx(data: bytes) -> SecondBook:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    by_name = {ws.title: ws for ws in wb.worksheets}

    def load(name: str) -> list[list]:
        ws = by_name[name]
        ws.reset_dimensions()  # read_only trusts the sheet's <dimension>, which may say A1
        return _dense([(r, c, _calamine_like(v)) for r, row in enumerate(ws.iter_rows(values_only=True))
                       for c, v in enumerate(row) if v is not None and v != ""])

    visible = {name: getattr(ws, "sheet_state", "visible") == "visible" for name, ws in by_name.items()}
    return SecondBook("openpyxl", list(by_name), visible, load)


def _calamine_like(value: object) -> object:
    """A value as python-calamine gives it: numbers as floats, a date without a time as a date."""
    if value.__class__ is int:
        return float(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value


# ---- xls: xlrd, every BIFF version from Excel 2.x to 97-2003 --------------------------------------------------

def _read_xls(data: bytes) -> SecondBook:
    """Excel 2.x to 2003 (BIFF2 to BIFF8) with xlrd: an Excel 2.x-4.0 file or one python-calamine cannot read
    (Excel 5.0/95 in the Macintosh code page).  Sniffing has measured every sheet (xlrd reads them all when it
    opens the file, each as a grid from A1, which ``ragged_rows`` keeps as short as its values); its warnings
    are kept off the terminal."""
    import xlrd

    book = xlrd.open_workbook(file_contents=data, logfile=io.StringIO(), ragged_rows=True)
    sheets = {sheet.name: sheet for sheet in book.sheets()}

    def load(name: str) -> list[list]:
        sheet = sheets[name]
        return _dense([(r, c, _xls_value(kind, value, book.datemode))
                       for r in range(sheet.nrows)
                       for c, (kind, value) in enumerate(zip(sheet.row_types(r), sheet.row_values(r)))
                       if kind not in _XLS_NOTHING])

    visible = {name: sheet.visibility == 0 for name, sheet in sheets.items()}
    return SecondBook("xlrd", list(sheets), visible, load)


_XLS_NOTHING = (0, 6)  # xlrd's XL_CELL_EMPTY, XL_CELL_BLANK


def _xls_value(kind: int, value: object, datemode: int) -> object:
    """A cell's value as python-calamine gives it: a date-formatted serial as a date (a time below 1, a date and
    time when it has one), a boolean as one, an error as ``""``."""
    import xlrd

    if kind == xlrd.XL_CELL_DATE and isinstance(value, float):
        try:
            moment = xlrd.xldate.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError):
            return value
        if 0 <= value < 1:
            return moment.time()
        return moment.date() if moment.time() == dt.time() else moment
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return ""
    return value


# ---- ods: odfpy ----------------------------------------------------------------------------------------

def _read_ods(data: bytes, limits: Limits) -> SecondBook:
    from odf import opendocument

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if zf.getinfo("content.xml").file_size > MAX_ODS_CONTENT:
            raise ValueError("content.xml too large for the second reader")
        for name in _PROLOG_PARTS:  # odfpy parses these with the standard library: no DTD may reach it
            if name in zf.namelist():
                with zf.open(name) as fh:
                    head = fh.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise ValueError(f"{name} declares a DTD")
    doc = opendocument.load(io.BytesIO(data))
    hidden = _hidden_table_styles(doc)
    tables: dict[str, object] = {}
    visible: dict[str, bool] = {}
    spreadsheet = next(_children(doc.body, "spreadsheet"))  # doc.spreadsheet may be a white-space node
    for table in _children(spreadsheet, "table"):
        name = _attr(table, _TABLE, "name") or f"Sheet{len(tables) + 1}"
        tables[name] = table
        visible[name] = _attr(table, _TABLE, "style-name") not in hidden
    return SecondBook("odfpy", list(tables), visible, lambda name: _dense(_table_cells(tables[name], limits)))


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_ROW_GROUPS = ("table-header-rows", "table-rows", "table-row-group")


def _attr(el, ns: str, name: str) -> str | None:
    return el.attributes.get((ns, name))


def _children(el, local: str):
    """Child elements named ``local`` (any namespace prefix)."""
    for child in el.childNodes:
        if getattr(child, "qname", None) is not None and child.qname[1] == local:
            yield child


def _hidden_table_styles(doc) -> set[str]:
    """Names of automatic table styles that hide a sheet (``table:display="false"``)."""
    out = set()
    for style in _children(doc.automaticstyles, "style"):
        for props in _children(style, "table-properties"):
            if _attr(props, _TABLE, "display") == "false":
                out.add(_attr(style, _STYLE, "name") or "")
    return out


def _rows(el):
    """Rows of a table, also those inside header-row, row and row-group elements."""
    for child in el.childNodes:
        local = getattr(child, "qname", (None, None))[1]
        if local == "table-row":
            yield child
        elif local in _ROW_GROUPS:
            yield from _rows(child)


def _repeat(el, name: str) -> int:
    try:
        return max(1, int(_attr(el, _TABLE, name) or 1))
    except ValueError:
        return 1


def _table_cells(table, limits: Limits) -> list[tuple[int, int, object]]:
    """(row, column, value) of every cell that holds a value, repeated rows and cells placed by counting;
    repeats are expanded only where a value is, and never past the limits (sniffing measured the table)."""
    cells: list[tuple[int, int, object]] = []
    r = 0
    for row in _rows(table):
        row_cells: list[tuple[int, object]] = []
        c = 0
        for cell in row.childNodes:
            local = getattr(cell, "qname", (None, None))[1]
            if local not in ("table-cell", "covered-table-cell"):
                continue
            n = _repeat(cell, "number-columns-repeated")
            value = _value(cell) if local == "table-cell" else ""
            if value != "":
                row_cells.extend((c + i, value) for i in range(min(n, limits.max_cols)))
            c += n
        times = _repeat(row, "number-rows-repeated")
        if row_cells:
            for i in range(min(times, limits.max_rows)):
                cells.extend((r + i, col, v) for col, v in row_cells)
        r += times
    return cells


def _value(cell) -> object:
    """A cell's value as python-calamine gives it."""
    kind = _attr(cell, _OFFICE, "value-type")
    if kind in ("float", "percentage", "currency"):
        try:
            return float(_attr(cell, _OFFICE, "value") or "")
        except ValueError:
            return _text(cell)
    if kind == "boolean":
        return (_attr(cell, _OFFICE, "boolean-value") or "").lower() == "true"
    if kind == "date":
        return _date(_attr(cell, _OFFICE, "date-value") or "") or _text(cell)
    if kind == "string" and _attr(cell, _OFFICE, "string-value") is not None:
        return _attr(cell, _OFFICE, "string-value")
    return _text(cell)


def _date(text: str) -> dt.date | dt.datetime | None:
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d):(\d\d)(?:\.\d+)?)?", text.strip())
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        if m.group(4) is None or m.group(4) == m.group(5) == m.group(6) == "00":
            return dt.date(y, mo, d) if m.group(4) is None else dt.datetime(y, mo, d)
        return dt.datetime(y, mo, d, int(m.group(4)), int(m.group(5)), int(m.group(6)))
    except ValueError:
        return None


def _text(cell) -> str:
    """The text of a cell: its paragraphs joined by line breaks, ``<text:s>`` as spaces, tabs and line
    breaks as written, the text of spans and links."""
    paragraphs = [_inline(p) for p in cell.childNodes if getattr(p, "qname", (None, None))[1] in ("p", "h")]
    return "\n".join(paragraphs)


def _inline(el) -> str:
    parts: list[str] = []
    for node in el.childNodes:
        if node.nodeType == node.TEXT_NODE:  # as written: LibreOffice itself writes some runs of spaces so
            parts.append(node.data)
            continue
        local = getattr(node, "qname", (None, None))[1]
        if local == "s":
            parts.append(" " * _count(node))
        elif local == "tab":
            parts.append("\t")
        elif local == "line-break":
            parts.append("\n")
        elif local in ("annotation", "note"):
            continue  # a comment is not the cell's value
        else:
            parts.append(_inline(node))
    return "".join(parts)


def _count(node) -> int:
    try:
        return max(1, int(_attr(node, _TEXT, "c") or 1))
    except ValueError:
        return 1
