"""Look at a submitted file before any parser touches it.

Every submitted file is hostile until read.  This module decides, from the
bytes and not from the name, what a file is (xlsx, xlsm, ods, xls, or
something else), whether it is encrypted, and whether it is safe to hand to
the parser:

* zip containers: member count, declared uncompressed size and ratio (zip
  bombs), and for xlsx the real extent of every sheet (cells at A1 and
  XFD1048576 make python-calamine allocate 512 GB and abort the process),
  found by scanning the sheet XML for cell references; the same scan notes
  which cells hold formulas;
* ods: the extent of every table, with repeated rows and columns counted;
* OLE containers (xls): encryption, and that it is a workbook at all.

Problems raise :class:`~spbe_excel.errors.SubmissionError` with a finding
code and a reason key.  XML is parsed with defusedxml (no entities, no DTD).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import unescape as _xml_unescape

from spbe_excel.errors import SubmissionError
from spbe_excel.model.columns import a1, col_number
from spbe_excel.model.vocab import Reason

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 64 * 1024 * 1024
    max_members: int = 2000
    max_uncompressed: int = 256 * 1024 * 1024  # sum of declared sizes
    max_ratio: int = 200  # for members above ratio_floor
    ratio_floor: int = 4 * 1024 * 1024
    max_rows: int = 100_000
    max_cols: int = 2_000
    max_cells: int = 3_000_000  # bounding box of a sheet


DEFAULT_LIMITS = Limits()


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


@dataclass
class Sniffed:
    """What a file is.  For xlsx the extent of each sheet is checked lazily,
    just before that sheet is parsed (:meth:`scan`), so sheets that are never
    read (the instructions sheet) cost nothing."""

    kind: str  # "xlsx" | "xlsm" | "ods" | "xls"
    sheets: dict[str, SheetScan] = field(default_factory=dict)  # by sheet name, once known
    too_large: dict[str, tuple[int, int]] = field(default_factory=dict)  # sheet name -> (rows, columns)
    limits: Limits = DEFAULT_LIMITS
    _zip: zipfile.ZipFile | None = None
    _parts: dict[str, str] = field(default_factory=dict)  # xlsx: sheet name -> XML part

    def scan(self, name: str) -> SheetScan | None:
        """The extent and formulas of sheet ``name`` (None when unknown, as
        for .xls); records it in :attr:`too_large` when over the limits."""
        if name not in self.sheets and name in self._parts and self._zip is not None:
            xml = _read(self._zip, self._parts[name], self.limits.max_uncompressed)
            _check_prolog(xml[:4096])
            scan = _scan_sheet_xml(xml, self.limits)
            self.sheets[name] = scan
            lim = self.limits
            if scan.max_row > lim.max_rows or scan.max_col > lim.max_cols or scan.cells > lim.max_cells:
                self.too_large[name] = (scan.max_row, scan.max_col)
        return self.sheets.get(name)

    def is_too_large(self, name: str) -> bool:
        self.scan(name)
        return name in self.too_large


def skip_reason(path: Path) -> str | None:
    """Why a file met while walking a folder is not a submission, or None."""
    name = path.name
    if name.startswith("~$"):
        return Reason.LOCK_FILE
    if name.startswith(".~lock.") or name.startswith("."):
        return Reason.HIDDEN_FILE
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return Reason.NOT_SPREADSHEET
    return None


def _fail(code: str, reason: str, **params):
    raise SubmissionError(code, reason, reason=reason, **params)


def sniff(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Sniffed:
    """Classify ``data`` and check it is safe to parse."""
    if not data:
        _fail("file-unreadable", Reason.FILE_EMPTY)
    if len(data) > limits.max_file_bytes:
        _fail("file-unreadable", Reason.FILE_TOO_BIG, size=len(data) // (1024 * 1024))
    if data[:4] == b"PK\x03\x04":
        return _sniff_zip(data, limits)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _sniff_ole(data, limits)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or b"<html" in head[:512]:
        _fail("file-unreadable", Reason.FILE_HTML)
    if data[:5] == b"%PDF-":
        _fail("file-unreadable", Reason.FILE_PDF)
    if _looks_like_text(data[:4096]):
        _fail("file-unreadable", Reason.FILE_TEXT)
    _fail("file-unreadable", Reason.FILE_UNKNOWN)


def _looks_like_text(chunk: bytes) -> bool:
    if b"\x00" in chunk:
        return False
    try:
        chunk.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return sum(32 <= b < 127 or b in (9, 10, 13) for b in chunk) > 0.9 * len(chunk)


# ---- zip (xlsx, xlsm, ods) ------------------------------------------------------------------

def _sniff_zip(data: bytes, limits: Limits) -> Sniffed:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error):
        _fail("file-unreadable", Reason.FILE_CORRUPT)
    if len(infos) > limits.max_members:
        _fail("file-unreadable", Reason.FILE_BOMB)
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            _fail("file-unreadable", Reason.FILE_BOMB)
    if total > limits.max_uncompressed:
        _fail("file-unreadable", Reason.FILE_BOMB)
    names = {i.filename for i in infos}
    if "mimetype" in names:
        mimetype = _read(zf, "mimetype", 200).strip()
        if mimetype == b"application/vnd.oasis.opendocument.spreadsheet":
            return _sniff_ods(zf, names, limits)
        _fail("file-unreadable", Reason.FILE_OTHER_DOCUMENT)
    if "xl/workbook.xml" in names or any(n.endswith("workbook.xml") and n.startswith("xl/") for n in names):
        types = _read(zf, "[Content_Types].xml", 1024 * 1024) if "[Content_Types].xml" in names else b""
        kind = "xlsm" if b"macroEnabled" in types or "xl/vbaProject.bin" in names else "xlsx"
        return _sniff_xlsx(zf, kind, limits)
    if "word/document.xml" in names or "ppt/presentation.xml" in names:
        _fail("file-unreadable", Reason.FILE_OTHER_DOCUMENT)
    _fail("file-unreadable", Reason.FILE_CORRUPT)


def _read(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """At most ``limit`` bytes of member ``name``."""
    try:
        data = _member_bytes(zf, zf.getinfo(name), limit)
        if data is not None:
            return data
        with zf.open(name) as fh:  # anything unusual: zipfile's own reader, and its errors
            return fh.read(limit)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError, KeyError,
            zlib.error):
        # RuntimeError: a member encrypted with a zip password; KeyError: a member that is not there
        _fail("file-unreadable", Reason.FILE_CORRUPT)


def _member_bytes(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """A stored or deflated member of an archive in memory, inflated straight from its bytes, checked
    against the sizes and CRC of the central directory (what ``zf.open`` does, without its per-member
    machinery, a good part of the cost of reading the small parts of a workbook); None for anything else
    (then ``zf.open`` reads it, or says why it cannot)."""
    fp = zf.fp
    if (not isinstance(fp, io.BytesIO) or info.flag_bits & 0x1
            or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)):
        return None
    with fp.getbuffer() as buf:
        at = info.header_offset
        if bytes(buf[at:at + 4]) != b"PK\x03\x04" or at + 30 > len(buf):
            return None
        name_len, extra_len = struct.unpack_from("<HH", buf, at + 26)
        start = at + 30 + name_len + extra_len
        raw = bytes(buf[start:start + info.compress_size])
    if len(raw) != info.compress_size:
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        out = raw[:limit]
    else:
        out = zlib.decompressobj(-15).decompress(raw, limit)
    if len(out) < limit and (len(out) != info.file_size or zlib.crc32(out) != info.CRC):
        return None  # short or damaged: zipfile's reader reports it
    return out


# r="5" on a row, r="AB5" on a cell: the only attributes named r in a sheet part.  Matched from
# the literal r=" (fast); an attribute whose name merely ends in r can only widen the extent.  Any
# number of letters and digits: "XFDA1" or "A000001048576" must count, not slip through.
_ANY_REF = re.compile(rb'r="([A-Za-z]*)([0-9]+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_FORMULA_PLAIN = re.compile(rb"<f[\s>/]")  # <f> or <f t="shared" ...>, not <formula1> of a validation
_FORMULA_NS = re.compile(rb":f[\s>/]")  # <x:f>
_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f\b[^>]*>(.*?)</(?:\w+:)?f>", re.S)


def _unescape(text: str) -> str:
    return _xml_unescape(text, {"&quot;": '"', "&apos;": "'"})


_CELL_FULL = re.compile(rb'<((?:\w+:)?)c\b[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"[^>]*?(?:/>|>(.*?)</\1c>)', re.S)


_SHEET_EL = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_REL_EL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')


def _check_prolog(head: bytes) -> None:
    """A spreadsheet part has no business declaring a DTD: entity expansion
    (billion laughs) and external entities are refused before any parser runs."""
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        _fail("file-unreadable", Reason.FILE_XML_ATTACK)


def _attrs(blob: bytes) -> dict[str, str]:
    out = {}
    for k, v in _ATTR.findall(blob):
        text = v.decode("utf-8", "replace")
        out[k.decode("ascii", "replace").rpartition(":")[2]] = _unescape(text) if "&" in text else text
    return out


def _sniff_xlsx(zf: zipfile.ZipFile, kind: str, limits: Limits) -> Sniffed:
    """Map sheet names to their XML parts.  Read with a regular expression:
    nothing is expanded (a DTD or entity would be left as text), and the
    parser that reads the sheets later refuses them."""
    wb_xml = _read(zf, "xl/workbook.xml", 8 * 1024 * 1024)
    rels_xml = _read(zf, "xl/_rels/workbook.xml.rels", 8 * 1024 * 1024)
    names = set(zf.namelist())
    for prolog in (wb_xml[:4096], rels_xml[:4096], *(_read(zf, part, 4096) for part in
                                                      ("xl/sharedStrings.xml", "xl/styles.xml") if part in names)):
        _check_prolog(prolog)
    targets = {}
    for m in _REL_EL.finditer(rels_xml):
        a = _attrs(m.group(1))
        target = a.get("Target", "")
        targets[a.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    wb_sheets = [_attrs(m.group(1)) for m in _SHEET_EL.finditer(wb_xml)]
    result = Sniffed(kind, limits=limits, _zip=zf)
    for a in wb_sheets:
        part = targets.get(a.get("id"))
        if part and part in names:
            result._parts[a.get("name", "")] = part
    return result


_BIG_ROW = re.compile(rb'\sr="[A-Z]{0,3}[0-9]{6,}"')  # a row number of six digits or more
_BIG_COL = re.compile(rb'\sr="[A-Z]{4,}')  # more than three letters: not a column


# A reference that could reach past NEAR_ROWS x NEAR_COLS: three or more letters, four or more digits, or a
# zero-padded number.  A sheet without one lies within that box, which is inside every default limit.
_FAR_REF = re.compile(rb'r="(?:[A-Za-z]{3}|[A-Za-z]{0,2}[0-9]{4}|[A-Za-z]{0,2}0)')
NEAR_ROWS, NEAR_COLS = 999, 26 * 27  # rows 1-999, columns A-ZZ


_ROW_OR_CELL = re.compile(rb'<(?:\w+:)?(row|c)\b([^>]*)')
_R_ATTR = re.compile(rb'\sr="([A-Za-z]*)([0-9]*)"')


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


def _letters_order(letters: bytes) -> tuple[int, bytes]:
    return len(letters), letters


def _scan_sheet_xml(xml: bytes, limits: Limits = DEFAULT_LIMITS) -> SheetScan:
    """Extent from every ``r="..."`` reference (rows and cells) in one pass.
    A sheet that is plainly too large (more row elements than allowed, or a
    six-digit row number) is measured without building per-cell lists, so the
    check itself stays small in memory."""
    if len(xml) > 1_000_000 and (xml.count(b"<row") > limits.max_rows or _BIG_ROW.search(xml)
                                 or _BIG_COL.search(xml)):
        rows = max((int(m) for m in re.findall(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]+)"', xml[-4096:])), default=0)
        return SheetScan(1, max(rows, xml.count(b"<row"), limits.max_rows + 1), 1, 1)
    if (not _FAR_REF.search(xml) and limits.max_rows >= NEAR_ROWS and limits.max_cols >= NEAR_COLS
            and limits.max_cells >= NEAR_ROWS * NEAR_COLS):
        scan = SheetScan(1, NEAR_ROWS, 1, NEAR_COLS, exact=False)  # the usual sheet: one search proves it small
        refs = ()
    else:
        scan = SheetScan()
        refs = _ANY_REF.findall(xml)
    if refs:
        letters, digits = (set(part) for part in zip(*refs))
        rows = set(map(int, digits))
        letters = {x.upper() for x in letters if x}
        scan.min_row, scan.max_row = min(rows), max(rows)
        if letters:  # column letters order by length, then alphabetically
            scan.min_col = col_number(min(letters, key=_letters_order).decode("ascii"))
            scan.max_col = col_number(max(letters, key=_letters_order).decode("ascii"))
        else:
            scan.min_col = scan.max_col = 1
    # Cells and rows without r="..." are placed by counting.  Even in the worst arrangement they span at most
    # (row elements) x (cell elements); only when that could exceed the limit are they walked one by one.
    if xml.count(b"<row") * xml.count(b"<c") > limits.max_cells:
        rows, cols = _counted_extent(xml)
        if rows > scan.max_row or cols > scan.max_col:
            scan.min_row, scan.min_col = min(scan.min_row or 1, 1), min(scan.min_col or 1, 1)
            scan.max_row, scan.max_col = max(scan.max_row, rows), max(scan.max_col, cols)
            scan.exact = False
    # rare: only then look at whole cells.  Two searches that start with a
    # literal are much faster than one with an optional namespace prefix.
    if (_FORMULA_PLAIN.search(xml) or _FORMULA_NS.search(xml)) and _FORMULA.search(xml):
        for m in _CELL_FULL.finditer(xml):
            body = m.group(3)
            if body and _FORMULA.search(body):
                text = _FORMULA_TEXT.search(body)
                formula = _unescape(text.group(1).decode("utf-8", "replace")) if text else ""
                scan.formulas[m.group(2).decode("ascii")] = "=" + formula if formula else ""
    return scan


# ---- ods -------------------------------------------------------------------------------------

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _sniff_ods(zf: zipfile.ZipFile, names: set[str], limits: Limits) -> Sniffed:
    if "META-INF/manifest.xml" in names:
        manifest = _read(zf, "META-INF/manifest.xml", 4 * 1024 * 1024)
        if b"encryption-data" in manifest:
            _fail("file-encrypted", Reason.FILE_ENCRYPTED)
    if "content.xml" not in names:
        _fail("file-unreadable", Reason.FILE_CORRUPT)
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    result = Sniffed("ods", limits=limits)
    try:
        with zf.open("content.xml") as fh:
            _scan_ods(ElementTree.iterparse(fh, events=("start", "end")), result, limits)
    except SubmissionError:
        raise
    except DefusedXmlException:
        _fail("file-unreadable", Reason.FILE_XML_ATTACK)
    except Exception:
        _fail("file-unreadable", Reason.FILE_CORRUPT)
    return result


def _scan_ods(events, result: Sniffed, limits: Limits) -> None:
    """Extent of each table counting repeated rows/columns, as a parser that
    expands them would see it (only cells with content or a formula count)."""
    table = None
    scan = None
    row = 0
    row_repeat = 1
    col = 0
    row_max_col = 0
    formula_cells: list[tuple[int, str]] = []
    for event, el in events:
        tag = el.tag
        if event == "start":
            if tag == _T + "table":
                table = el.get(_T + "name", "")
                scan = SheetScan()
                row = 0
            elif tag == _T + "table-row" and scan is not None:
                row_repeat = int(el.get(_T + "number-rows-repeated", "1") or 1)
                col = 0
                row_max_col = 0
                formula_cells = []
            continue
        # end events
        if tag in (_T + "table-cell", _T + "covered-table-cell") and scan is not None:
            repeat = int(el.get(_T + "number-columns-repeated", "1") or 1)
            has_content = el.get(_O + "value-type") is not None or len(el) > 0 or el.get(_T + "formula")
            if has_content:
                row_max_col = col + repeat
                if el.get(_T + "formula"):
                    formula_cells.append((col + 1, el.get(_T + "formula")))
            col += repeat
            el.clear()
        elif tag == _T + "table-row" and scan is not None:
            if row_max_col:
                first = row + 1
                last = row + row_repeat
                scan.min_row = scan.min_row or first
                scan.max_row = last
                scan.min_col = 1
                scan.max_col = max(scan.max_col, row_max_col)
                for c, formula in formula_cells:
                    if row_repeat == 1:
                        scan.formulas[a1(first - 1, c - 1)] = formula
                if scan.max_row > limits.max_rows or scan.max_col > limits.max_cols or scan.cells > limits.max_cells:
                    result.too_large[table] = (scan.max_row, scan.max_col)
            row += row_repeat
            el.clear()
        elif tag == _T + "table" and scan is not None:
            result.sheets[table] = scan
            table = scan = None
            el.clear()


# ---- OLE (xls, encrypted OOXML) ------------------------------------------------------------------

def _xls_extents(stream: bytes):
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


def _sniff_ole(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Sniffed:
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        streams = {"/".join(s).lower() for s in ole.listdir(streams=True, storages=False)}
    except Exception:
        _fail("file-unreadable", Reason.FILE_CORRUPT)
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        _fail("file-encrypted", Reason.FILE_ENCRYPTED)
    if "workbook" in streams or "book" in streams:
        try:
            import msoffcrypto

            if msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted():
                _fail("file-encrypted", Reason.FILE_ENCRYPTED)
        except SubmissionError:
            raise
        except Exception:
            pass  # msoffcrypto does not know every BIFF variant; the parser will tell
        result = Sniffed("xls", limits=limits)
        try:
            stream = ole.openstream("Workbook" if "workbook" in streams else "Book").read()
        except Exception:
            _fail("file-unreadable", Reason.FILE_CORRUPT)
        for name, rows, cols in _xls_extents(stream):
            result.sheets[name] = SheetScan(1, rows, 1, cols)
            if rows > limits.max_rows or cols > limits.max_cols or rows * cols > limits.max_cells:
                result.too_large[name] = (rows, cols)
        return result
    if "worddocument" in streams or "powerpoint document" in streams:
        _fail("file-unreadable", Reason.FILE_OTHER_DOCUMENT)
    _fail("file-unreadable", Reason.FILE_UNKNOWN)
