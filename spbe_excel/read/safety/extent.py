"""How far each sheet of a submitted file reaches, before a parser sizes its grid for it.

A parser allocates a sheet's whole bounding box: cells at A1 and XFD1048576
make python-calamine ask for 512 GB and abort the process.  This module
measures a sheet from its raw XML or records, without building it:

* xlsx: the cells of a sheet part that hold something, placed by their
  reference in any spelling (cells and rows without one by counting), and the
  cells that hold formulas; and whether the part is well-formed XML at all;
* ods: each table, with repeated rows and columns counted.

The binary formats are measured by their own modules (:mod:`~spbe_excel.read.safety.biff` for .xls,
:mod:`~spbe_excel.read.safety.xlsb`).
"""

from __future__ import annotations

import pyexpat
import re
from collections import Counter
from dataclasses import dataclass, field
from xml.sax.saxutils import unescape as _xml_unescape

from spbe_excel.model.columns import a1, col_number
from spbe_excel.read.safety.limits import DEFAULT_LIMITS, Limits


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
    repeated_text: int = 0  # ods: characters that repeated cells add to the text written once

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

# python-calamine sizes a sheet's grid by the cells that hold something: a cell element with any content
# (a value, an inline string, even a formula whose value is missing).  Self-closing or blank cells (styled
# but empty: a row of 16,384 of them) and row elements (LibreOffice 5.x and 7.6 end a sheet with an empty
# <row r="1048576">) allocate nothing.  A cell's place is its r attribute, written in any spelling XML
# allows (r = 'XFD1', lower case, zero-padded, four letters, with a namespace prefix); a cell without one
# follows the previous cell of its row, and a row without one follows the previous row.

NEAR_ROWS, NEAR_COLS = 999, 26 * 27  # rows 1-999, columns A-ZZ
# The usual spelling: every cell written <c r="...">, every r attribute r="..." after a space, double quotes
# only.  Then a reference that could reach past NEAR_ROWS x NEAR_COLS has three or more letters, four or more
# digits, or a zero-padded number; a sheet without one lies within that box, inside every default limit.
_ODD_CELL_TAG = re.compile(rb'<c(?:[>/\t\n\r]| (?!r="))')  # a cell tag not written <c r="
_NS_CELL_TAG = re.compile(rb":c[\s/>]")  # <x:c ...>
_OTHER_CELL_TAG = re.compile(rb"<c[>/\t\n\r]")  # <c>, <c/>, <c followed by a line break
_ODD_R = re.compile(rb"r(?:\s+=|=\s|=')")  # r = "...", r= "...", r='...'
_SINGLE_QUOTED = re.compile(rb"=\s*'")  # an attribute in single quotes
_SPACED_R = re.compile(rb"[\t\n\r]r\s*=")  # an r attribute after a line break or a tab
_FAR_REF = re.compile(rb' r="(?:[A-Za-z]{3}|[A-Za-z]{0,2}[0-9]{4}|[A-Za-z]{0,2}0)')
# In that spelling, the reference of each cell that holds something (not self-closing, not closed at once).
_VALUED_CELL = re.compile(rb'<c r="([A-Za-z]*)([0-9]+)"(?:[^>"]|"[^"]*")*(?<!/)>(?!\s*</c>)')

# Any spelling: every row and cell tag: 1 "/" for an end tag, 2 the name, 3 the attributes, 4 "/" when
# self-closing, 5 blank content up to the cell's end tag (a cell that holds nothing).
_TAG = re.compile(rb'<(/?)(?:[\w.-]+:)?(row|c)(?=[\s/>])((?:[^>"\']|"[^"]*"|\'[^\']*\')*?)(/?)>'
                  rb'(\s*</(?:[\w.-]+:)?c\s*>)?')
# Comments, CDATA sections and processing instructions: text that looks like tags to a search, and that
# the parser skips (in well-formed XML they cannot start inside an attribute value or inside one another).
_HIDDEN = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S)
_R_VALUE = re.compile(rb'(?<=\s)r\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_REF = re.compile(rb"([A-Za-z]*)([0-9]*)")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_FORMULA_PLAIN = re.compile(rb"<f[\s>/]")  # <f> or <f t="shared" ...>, not <formula1> of a validation
_FORMULA_NS = re.compile(rb":f[\s>/]")  # <x:f>
_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f\b[^>]*>(.*?)</(?:\w+:)?f>", re.S)
_CELL_FULL = re.compile(rb'<((?:\w+:)?)c\b[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"[^>]*?(?:/>|>(.*?)</\1c>)', re.S)
_VALUE_TAGS = (b"<v>", b"<v ", b"<is>", b"<is ", b"<f>", b"<f ")


def scan_sheet_xml(xml: bytes, limits: Limits = DEFAULT_LIMITS) -> SheetScan:
    """Extent of the cells that hold something, as python-calamine will place them.  A sheet in the usual
    spelling is proved small by a few searches, or measured by one; any other is walked tag by tag (its
    XML must be well-formed: :func:`xml_damage` first).  A sheet with more cell elements or values than
    the limit allows is refused without measuring it."""
    usual = _usual_spelling(xml)
    if usual and not _FAR_REF.search(xml):
        scan = SheetScan(1, NEAR_ROWS, 1, NEAR_COLS, exact=False)
    else:
        elements = xml.count(b"<c ") + xml.count(b":c ") + len(_OTHER_CELL_TAG.findall(xml))
        values = max(elements, sum(map(xml.count, _VALUE_TAGS)))
        if values > limits.max_cells:
            rows = max(1, xml.count(b"<row"))
            return SheetScan(1, rows, 1, -(-values // rows), exact=False)
        scan = _valued_extent(xml) if usual else _placed_extent(_HIDDEN.sub(b"", xml))
    # rare: only then look at whole cells.  Two searches that start with a
    # literal are much faster than one with an optional namespace prefix.
    if (_FORMULA_PLAIN.search(xml) or _FORMULA_NS.search(xml)) and _FORMULA.search(xml):
        scan.formulas = _formula_cells(xml)
    return scan


def _usual_spelling(xml: bytes) -> bool:
    """Every cell is written <c r="...> (no cell is placed by counting), every r attribute r="..." after a
    space, and no attribute is in single quotes.  Line breaks, tabs and apostrophes in text are common
    (single-byte searches for them are nearly free); only then are tags searched for them."""
    if _ODD_CELL_TAG.search(xml) or _ODD_R.search(xml) or (xml.find(b":c") >= 0 and _NS_CELL_TAG.search(xml)):
        return False
    if xml.find(b"'") >= 0 and _SINGLE_QUOTED.search(xml):
        return False
    head = xml.find(b"?>") + 3  # a line break may follow the XML declaration
    spaced = xml.find(b"\n", head) >= 0 or xml.find(b"\t") >= 0 or xml.find(b"\r") >= 0
    return not (spaced and _SPACED_R.search(xml))


def _valued_extent(xml: bytes) -> SheetScan:
    """The exact span of the cells that hold something, in the usual spelling."""
    refs = _VALUED_CELL.findall(xml)
    if not refs:
        return SheetScan()
    letters, digits = (set(part) for part in zip(*refs))
    rows = set(map(int, digits))
    cols = {col_number(x.decode("ascii").upper()) for x in letters if x}
    return SheetScan(min(rows), max(rows), min(cols, default=1), max(cols, default=1))


def _placed_extent(xml: bytes) -> SheetScan:
    """Walk every row and cell tag, placing each cell as python-calamine does (its r attribute, else one
    after the previous cell of its row, in the row its row element names or counts to), and span the
    cells that hold something (the caller has bounded the number of cells)."""
    row = col = 0  # 0-based, as the parser counts
    lo_row = lo_col = 1 << 30
    hi_row = hi_col = -1
    for m in _TAG.finditer(xml):
        end, name, attrs = m.group(1), m.group(2), m.group(3)
        if name == b"row":
            if end:
                row, col = row + 1, 0
            else:
                ref = _r_attr(attrs)
                if ref is not None and ref[1]:
                    row = int(ref[1]) - 1
                if m.group(4):  # <row/>: its start and end at once
                    row, col = row + 1, 0
            continue
        if end:
            continue
        ref = _r_attr(attrs)
        if ref is None:
            at_row, at_col = row, col
        else:
            at_row = int(ref[1]) - 1 if ref[1] else row
            at_col = col_number(ref[0].decode("ascii").upper()) - 1 if ref[0] else col
            col = at_col
        col += 1
        if m.group(4) or m.group(5) is not None:
            continue  # holds nothing
        lo_row, hi_row = min(lo_row, at_row), max(hi_row, at_row)
        lo_col, hi_col = min(lo_col, at_col), max(hi_col, at_col)
    if hi_row < 0:
        return SheetScan()
    return SheetScan(lo_row + 1, hi_row + 1, lo_col + 1, hi_col + 1)


def _r_attr(attrs: bytes) -> tuple[bytes, bytes] | None:
    """(letters, digits) of the last r attribute among ``attrs`` (the parser keeps the last), or None."""
    found = None
    for m in _R_VALUE.finditer(attrs):
        value = m.group(1) if m.group(1) is not None else m.group(2)
        ref = _REF.fullmatch(value.strip())
        found = (ref.group(1), ref.group(2)) if ref else (b"", b"")
    return found


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


# ---- texts that cells repeat: the table of texts of an xlsx ------------------------------------------
# A cell of type "s" holds the number of a string of the table of texts (sharedStrings.xml), and the parser
# gives each such cell a copy of it: sixty cells naming one string of a million characters are sixty million
# characters from a file of 13 KB.  What the cells of a sheet hold through the table is bounded before the
# parser reads it, each string by its bytes in the table (a character takes one byte or more).

_SI = re.compile(rb"<(?:[\w.-]+:)?si[\s>/]")
_S_ANY = re.compile(rb"\bt\s*=\s*[\"']s[\"']")  # a type "s" in any spelling
_S_CELL = re.compile(rb'<c r="[A-Za-z]*[0-9]*"(?: [\w:]+="[^"]*")*? t="s"(?: [\w:]+="[^"]*")*><v>([0-9]+)</v>')
_CELL_OR_V = re.compile(rb'<(?:[\w.-]+:)?c((?:\s(?:[^>"\']|"[^"]*"|\'[^\']*\')*)?)>'
                        rb'|<(?:[\w.-]+:)?v(?:\s(?:[^>"\']|"[^"]*"|\'[^\']*\')*)?>(.*?)</(?:[\w.-]+:)?v\s*>', re.S)
_V_TAGS = (b"<v>", b"<v ", b":v>", b":v ")


def _masked(xml: bytes) -> bytes:
    """``xml`` with its comments, CDATA sections and processing instructions blanked out, every byte kept in place
    (nothing hidden there is a cell or a string; the text of a CDATA section still counts by its length)."""
    if b"<!" not in xml and xml.count(b"<?") <= 1:
        return xml
    return _HIDDEN.sub(lambda m: b" " * len(m.group()), xml)


def string_sizes(xml: bytes) -> list[int]:
    """For each string of a table of texts, in order, a bound of its characters: its bytes up to the next one."""
    starts = [m.start() for m in _SI.finditer(_masked(xml))]
    return [end - start for start, end in zip(starts, [*starts[1:], len(xml)])]


def shared_text(xml: bytes, sizes: list[int], allowed: int) -> int:
    """A bound of the characters the cells of a sheet part hold through the table of texts (``sizes``: its
    :func:`string_sizes`): at most ``allowed`` when a few counts prove it, else counted cell by cell."""
    if not sizes:
        return 0
    values = sum(map(xml.count, _V_TAGS))
    biggest = max(sizes)
    if values * biggest <= allowed:  # the usual case: every value cell naming the longest string is still little
        return values * biggest
    found = _S_CELL.findall(xml)
    if len(found) == len(_S_ANY.findall(xml)):  # every cell of type "s" written the usual way
        return sum(sizes[int(i)] * n for i, n in Counter(found).items() if int(i) < len(sizes))
    return _shared_text_walked(_masked(xml), sizes, biggest)


def _shared_text_walked(xml: bytes, sizes: list[int], biggest: int) -> int:
    """The same, any spelling: each value of a cell of type "s" (a value that is no number counts as the longest
    string)."""
    total = 0
    shared = False
    for m in _CELL_OR_V.finditer(xml):
        if m.group(2) is None:  # a cell starts
            attrs = m.group(1)
            shared = not attrs.rstrip().endswith(b"/") and _S_ANY.search(attrs) is not None
        elif shared:
            text = m.group(2).replace(b"<![CDATA[", b"").replace(b"]]>", b"").strip()
            index = int(text) if text.isdigit() else -1
            total += sizes[index] if 0 <= index < len(sizes) else biggest if text else 0
    return total


DOCTYPE = (0, 0)  # what :func:`xml_damage` returns for a document type declaration


class _Doctype(Exception):
    pass


def _refuse_doctype(*_args) -> None:
    raise _Doctype


def xml_damage(xml: bytes) -> tuple[int, int] | None:
    """Where the XML of a part stops being well-formed, as (line, column), or None when it is whole.  Expat
    with no handlers runs at C speed.  A document type declaration, which no sheet has and which could
    declare entities (billion laughs), is :data:`DOCTYPE`, wherever it is."""
    parser = pyexpat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_doctype
    try:
        parser.Parse(xml, True)
    except _Doctype:
        return DOCTYPE
    except pyexpat.ExpatError as exc:
        return exc.lineno, exc.offset + 1
    return None


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
                if repeat > 1 or row_repeat > 1:  # a text written once, read as many cells
                    scan.repeated_text += sum(map(len, el.itertext())) * (repeat * row_repeat - 1)
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
