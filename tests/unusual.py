"""Good workbooks in unusual packaging, made by code: what real tools write and python-calamine reads."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path

import python_calamine

RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def backslashes(src: Path, out: Path) -> Path:
    """The same package with every member name written with backslashes (xl\\workbook.xml)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(zipfile.ZipInfo(info.filename.replace("/", "\\"), info.date_time), zin.read(info.filename),
                          compress_type=zipfile.ZIP_DEFLATED)
    return out


def moved_workbook(src: Path, out: Path, folder: str = "buku") -> Path:
    """The workbook and its parts under ``folder``/ instead of xl/, found through ``_rels/.rels``; sheet targets
    relative to the workbook's folder."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data, name = zin.read(info.filename), info.filename
            if name in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"/xl/", f"/{folder}/".encode()).replace(b'"xl/', f'"{folder}/'.encode())
            elif name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b'Target="/xl/', b'Target="')
            if name.startswith("xl/"):
                name = folder + name[2:]
            zout.writestr(name, data)
    return out


def as_template(src: Path, out: Path, macros: bool = False) -> Path:
    """The package with the content type of an Excel template (.xltx), or of one with macros (.xltm)."""
    main = (b"application/vnd.ms-excel.template.macroEnabled.main+xml" if macros else
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", main)
            zout.writestr(info.filename, data)
    return out


def encrypted_with_default_password(src: Path, out: Path, password: str = "VelvetSweatshop") -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    buf = io.BytesIO()
    with open(src, "rb") as fh:
        OOXMLFile(fh).encrypt(password, buf)
    out.write_bytes(buf.getvalue())
    return out


# ---- .xlsb: BIFF12 records ------------------------------------------------------------------------------

def _record(typ: int, body: bytes = b"") -> bytes:
    head = bytearray()
    for value, parts in ((typ, 2), (len(body), 4)):
        for _ in range(parts):
            byte = value & 0x7F
            value >>= 7
            head.append(byte | (0x80 if value else 0))
            if not value:
                break
    return bytes(head) + body


def _wide(text: str | None) -> bytes:
    if text is None:
        return struct.pack("<I", 0xFFFFFFFF)
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def _cell(col: int, value) -> bytes:
    head = struct.pack("<II", col, 0)
    if isinstance(value, bool):
        return _record(0x0004, head + bytes([value]))
    if isinstance(value, (int, float)):
        return _record(0x0005, head + struct.pack("<d", float(value)))
    return _record(0x0006, head + _wide(str(value)))


def xlsb_sheet(rows: list[list], dim: tuple[int, int, int, int] | None = None, extra: bytes = b"") -> bytes:
    """A sheet part: BrtBeginSheet, BrtWsDim, the rows (strings, numbers, booleans; "" and None left out),
    ``extra`` records at the end of the sheet data."""
    width = max((len(r) for r in rows), default=1)
    first_row, last_row, first_col, last_col = dim or (0, max(0, len(rows) - 1), 0, max(0, width - 1))
    out = [_record(0x0081), _record(0x0094, struct.pack("<4I", first_row, last_row, first_col, last_col)),
           _record(0x0091)]
    for r, row in enumerate(rows):
        out.append(_record(0x0000, struct.pack("<IIHBBB", r, 0, 300, 0, 0, 0) + b"\x00" * 8))
        out += [_cell(c, v) for c, v in enumerate(row) if v not in ("", None)]
    out += [extra, _record(0x0092), _record(0x0082)]
    return b"".join(out)


def xlsb_from(src: Path, out: Path, sheet_parts: dict[str, bytes] | None = None) -> Path:
    """An .xlsb holding the values python-calamine reads from ``src`` (each sheet, in order, with its
    visibility); ``sheet_parts`` replaces the part of a sheet by name."""
    book = python_calamine.CalamineWorkbook.from_path(str(src))
    states = {"Visible": 0, "Hidden": 1, "VeryHidden": 2}
    sheets = []
    for meta in book.sheets_metadata:
        rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        rows = [[v.isoformat() if hasattr(v, "isoformat") else v for v in row] for row in rows]
        part = (sheet_parts or {}).get(meta.name) or xlsb_sheet(rows)
        sheets.append((meta.name, states.get(str(meta.visible).rpartition(".")[2], 0), part))
    bundles = b"".join(_record(0x009C, struct.pack("<II", state, n + 1) + _wide(f"rId{n + 1}") + _wide(name))
                       for n, (name, state, _) in enumerate(sheets))
    workbook = (_record(0x0083) + _record(0x008F) + bundles + _record(0x0090) + _record(0x0084))
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.'
             'macroEnabled.main"/>' + "".join(
                 f'<Override PartName="/xl/worksheets/sheet{n + 1}.bin" ContentType="application/vnd.ms-excel.'
                 f'worksheet"/>' for n in range(len(sheets))) + "</Types>")
    root_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                 f'package/2006/relationships"><Relationship Id="rId1" Type="{RELS}/officeDocument" '
                 'Target="xl/workbook.bin"/></Relationships>')
    wb_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
               'package/2006/relationships">' + "".join(
                   f'<Relationship Id="rId{n + 1}" Type="{RELS}/worksheet" Target="worksheets/sheet{n + 1}.bin"/>'
                   for n in range(len(sheets))) + "</Relationships>")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", root_rels)
        zf.writestr("xl/workbook.bin", workbook)
        zf.writestr("xl/_rels/workbook.bin.rels", wb_rels)
        for n, (_, _, part) in enumerate(sheets):
            zf.writestr(f"xl/worksheets/sheet{n + 1}.bin", part)
    return out


def formula_num(col: int, value: float) -> bytes:
    """A BrtFmlaNum record (a formula cell with its cached number; the formula: the constant 1)."""
    return _record(0x0009, struct.pack("<II", col, 0) + struct.pack("<d", value) + struct.pack("<H", 0)
                   + struct.pack("<I", 9) + b"\x1e\x01\x00" + b"\x00" * 6 + struct.pack("<I", 0))


def row_header(row: int) -> bytes:
    return _record(0x0000, struct.pack("<IIHBBB", row, 0, 300, 0, 0, 0) + b"\x00" * 8)


# ---- .xls encrypted with RC4 (Office 97/2000), as Excel does with its default password ----------------------

_PLAIN_RECORDS = {0x0809, 0x002F, 0x0194, 0x0195, 0x00E1, 0x0196, 0x0138}  # never encrypted (MS-XLS 2.2.10)


def encrypted_xls(src: Path, out: Path, password: str = "VelvetSweatshop") -> Path:
    """``src`` (BIFF8, from LibreOffice) with its WRITEACCESS record (112 bytes) replaced by a FILEPASS record
    (RC4) and a shorter WRITEACCESS, so that the stream keeps its size, and every record encrypted as MS-XLS
    says: RC4 keyed from the password and a salt, re-keyed every 1,024 bytes of the stream, record headers and
    a few records left plain, and the first 4 bytes (the sheet offset) of each BOUNDSHEET."""
    import hashlib
    import shutil

    import olefile
    from msoffcrypto.method.rc4 import DocumentRC4

    shutil.copy(src, out)
    ole = olefile.OleFileIO(str(out), write_mode=True)
    stream = bytearray(ole.openstream("Workbook").read())
    at = stream.find(struct.pack("<HH", 0x005C, 112))
    assert at > 0, "no WRITEACCESS record of 112 bytes"
    salt, verifier = bytes(range(16)), bytes(range(100, 116))
    checked = DocumentRC4.decrypt(password, salt, io.BytesIO(verifier + hashlib.md5(verifier).digest()),
                                  blocksize=1024).read()  # RC4 is its own inverse: this encrypts
    filepass = struct.pack("<HHHH", 0x002F, 54, 1, 1) + struct.pack("<H", 1) + salt + checked
    stream[at:at + 116] = filepass + struct.pack("<HH", 0x005C, 54) + b"\x20" * 54
    keyed = DocumentRC4.decrypt(password, salt, io.BytesIO(bytes(stream)), blocksize=1024).read()
    pos = 0
    while pos + 4 <= len(stream):
        typ, size = struct.unpack_from("<HH", stream, pos)
        start = pos + 4 + (4 if typ == 0x0085 else 0)
        if typ not in _PLAIN_RECORDS:
            stream[start:pos + 4 + size] = keyed[start:pos + 4 + size]
        pos += 4 + size
    ole.write_stream("Workbook", bytes(stream))
    ole.close()
    return out


# ---- Excel 2.x to 5.0/95 (BIFF2 to BIFF5) ------------------------------------------------------------------

DATE_FORMAT = "DD/MM/YYYY"
_ENCODINGS = {1252: "cp1252", 10000: "mac_roman", 0x8000: "mac_roman"}  # CODEPAGE -> how its text is encoded
_EPOCH = dt.date(1899, 12, 30)


def _biff(typ: int, body: bytes) -> bytes:
    return struct.pack("<HH", typ, len(body)) + body


def _serial(value: dt.date) -> float:
    """A date or date and time as Excel's serial number (1900 date system)."""
    if isinstance(value, dt.datetime):
        return (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400
    return float((value - _EPOCH).days)


def _biff_cell(version: int, r: int, c: int, v, encoding: str) -> bytes:
    """One cell record: NUMBER (a date with the date format), BOOLERR, or LABEL; BIFF2's records carry three bytes
    of attributes (the XF index in bits 0-5 of the first, the format's in the second), BIFF3-5's an XF index (15
    general, 16 date in BIFF5; 1 and 2 in BIFF3-4)."""
    date = isinstance(v, dt.date)
    if version == 2:
        head = struct.pack("<HH3s", r, c, b"\x01\x01\x00" if date else b"\x00\x00\x00")
        if isinstance(v, bool):
            return _biff(0x0005, head + struct.pack("<BB", v, 0))
        if date or isinstance(v, (int, float)):
            return _biff(0x0003, head + struct.pack("<d", _serial(v) if date else float(v)))
        text = str(v).encode(encoding, "replace")[:255]
        return _biff(0x0004, head + struct.pack("<B", len(text)) + text)
    general, dated = (15, 16) if version == 5 else (1, 2)
    head = struct.pack("<HHH", r, c, dated if date else general)
    if isinstance(v, bool):
        return _biff(0x0205, head + struct.pack("<BB", v, 0))
    if date or isinstance(v, (int, float)):
        return _biff(0x0203, head + struct.pack("<d", _serial(v) if date else float(v)))
    text = str(v).encode(encoding, "replace")
    return _biff(0x0204, head + struct.pack("<H", len(text)) + text)


def _biff_sheet(version: int, rows: list[list], encoding: str) -> bytes:
    """A sheet's DIMENSIONS and cell records ("" and None left out)."""
    width = max((len(row) for row in rows), default=0)
    dims = (_biff(0x0000, struct.pack("<HHHH", 0, len(rows), 0, width)) if version == 2 else
            _biff(0x0200, struct.pack("<HHHHH", 0, len(rows), 0, width, 0)))
    return dims + b"".join(_biff_cell(version, r, c, v, encoding) for r, row in enumerate(rows)
                           for c, v in enumerate(row) if v not in ("", None))


def _biff_formats(version: int) -> bytes:
    """FORMAT records (General and the date format) and XF records (a style, a general and a date cell XF;
    BIFF5: 15 style XFs, then XF 15 general and XF 16 date with format 164)."""
    date = DATE_FORMAT.encode("ascii")
    if version == 2:  # XF records of Excel 2.1 (font, format, alignment): XF 0 general, XF 1 date
        return (b"".join(_biff(0x001E, struct.pack("<B", len(f)) + f) for f in (b"General", date))
                + _biff(0x0043, struct.pack("<BBBB", 0, 0, 0, 0)) + _biff(0x0043, struct.pack("<BBBB", 0, 0, 1, 0)))
    if version == 3:
        formats = b"".join(_biff(0x001E, struct.pack("<B", len(f)) + f) for f in (b"General", date))
        xf = [struct.pack("<BBBBHHI", 0, fmt, style << 2, 0, 0xFFF0 if style else 0, 0, 0)
              for fmt, style in ((0, 1), (0, 0), (1, 0))]
        return formats + b"".join(_biff(0x0243, x) for x in xf)
    if version == 4:
        formats = b"".join(_biff(0x041E, b"\x00\x00" + struct.pack("<B", len(f)) + f) for f in (b"General", date))
        xf = [struct.pack("<BBHBBHI", 0, fmt, 0xFFF4 if style else 0, 0, 0, 0, 0)
              for fmt, style in ((0, 1), (0, 0), (1, 0))]
        return formats + b"".join(_biff(0x0443, x) for x in xf)
    formats = _biff(0x041E, struct.pack("<HB", 164, len(date)) + date)
    xf = [struct.pack("<HHHBBII", 0, 0, 0xFFF5, 0x20, 0, 0, 0)] * 15 + [
        struct.pack("<HHHBBII", 0, fmt, 0x0001, 0x20, 0, 0, 0) for fmt in (0, 164)]
    return formats + b"".join(_biff(0x00E0, x) for x in xf)


def biff234_stream(rows: list[list], version: int, codepage: int = 1252) -> bytes:
    """An Excel 2.1 (``version`` 2), 3.0 (3) or 4.0 (4) worksheet file: the bare record stream of one sheet (BOF,
    CODEPAGE, FORMAT and XF records, DIMENSIONS, NUMBER, LABEL and BOOLERR cells, EOF); dates as serials with a
    date format, text in ``codepage``."""
    encoding = _ENCODINGS.get(codepage, "cp1252")
    bof = (_biff(0x0009, struct.pack("<HH", 0x0002, 0x0010)) if version == 2 else
           _biff(0x0009 | (version - 2) << 9, struct.pack("<HHH", 0, 0x0010, 0)))
    return (bof + _biff(0x0042, struct.pack("<H", codepage)) + _biff_formats(version)
            + _biff_sheet(version, rows, encoding) + _biff(0x000A, b""))


def biff5_stream(sheets: dict[str, list[list]], codepage: int = 1252, encrypted: bool = False,
                 password: str | None = None) -> bytes:
    """A BIFF5 workbook stream: globals (BOF, FILEPASS when ``encrypted``, CODEPAGE, FORMAT, XF, BOUNDSHEET per
    sheet, EOF), then each sheet (BOF, DIMENSIONS, cells, EOF); text in ``codepage``.  FILEPASS holds a made-up
    key and verifier with the content left as it is, or, with ``password``, the content is XOR-obfuscated with
    that password as Excel 5.0/95 does (:func:`xor_obfuscated`)."""
    encoding = _ENCODINGS.get(codepage, "cp1252")
    bodies = [_biff(0x0809, struct.pack("<HHHH", 0x0500, 0x0010, 0, 0)) + _biff_sheet(5, rows, encoding)
              + _biff(0x000A, b"") for rows in sheets.values()]
    head = [_biff(0x0809, struct.pack("<HHHH", 0x0500, 0x0005, 0, 0))]
    if encrypted or password:  # XOR obfuscation: a key and a verifier
        head.append(_biff(0x002F, struct.pack("<HH", *(_xor_key(password) if password else (0x1234, 0x5678)))))
    head += [_biff(0x0042, struct.pack("<H", codepage)), _biff_formats(5)]
    names = [n.encode(encoding, "replace") for n in sheets]
    globals_size = sum(map(len, head)) + sum(4 + 7 + len(n) for n in names) + 4
    offset, bound = globals_size, []
    for name, body in zip(names, bodies):
        bound.append(_biff(0x0085, struct.pack("<IHB", offset, 0, len(name)) + name))
        offset += len(body)
    stream = b"".join(head + bound) + _biff(0x000A, b"") + b"".join(bodies)
    return xor_obfuscated(stream, password) if password else stream


def _xor_key(password: str) -> tuple[int, int]:
    """(key, verifier) of XOR obfuscation method 1 (MS-OFFCRYPTO 2.3.7.1-2)."""
    from msoffcrypto.method.xor_obfuscation import DocumentXOR

    verifier = 0
    for byte in reversed([len(password), *map(ord, password)]):
        verifier = (((verifier >> 14) & 1) | ((verifier << 1) & 0x7FFF)) ^ byte
    return DocumentXOR.create_xor_key_method1(password), verifier ^ 0xCE4B


def xor_obfuscated(stream: bytes, password: str) -> bytes:
    """``stream`` obfuscated as Excel does with XOR obfuscation (MS-XLS 2.2.10): each byte of a record of size
    ``n`` at stream position ``p`` becomes ``rol(byte, 5) ^ array[(p + n) % 16]``; record headers, BOF, FILEPASS
    and a few others, and the first 4 bytes of BOUNDSHEET stay plain."""
    from msoffcrypto.method.xor_obfuscation import DocumentXOR

    array = DocumentXOR.create_xor_array_method1(password)
    out = bytearray(stream)
    pos = 0
    while pos + 4 <= len(stream):
        typ, size = struct.unpack_from("<HH", stream, pos)
        start = pos + 4 + (4 if typ == 0x0085 else 0)
        if typ not in _PLAIN_RECORDS:
            for p in range(start, pos + 4 + size):
                out[p] = (((stream[p] << 5) | (stream[p] >> 3)) & 0xFF) ^ array[(p + size) % 16]
        pos += 4 + size
    return bytes(out)


def xor_xls(src: Path, out: Path, password: str = "VelvetSweatshop") -> Path:
    """``src`` (BIFF8, from LibreOffice) XOR-obfuscated with ``password``: its WRITEACCESS record (112 bytes)
    replaced by a FILEPASS record of XOR obfuscation and a shorter WRITEACCESS, so that the stream keeps its
    size, then every record obfuscated (:func:`xor_obfuscated`)."""
    import shutil

    import olefile

    shutil.copy(src, out)
    ole = olefile.OleFileIO(str(out), write_mode=True)
    stream = bytearray(ole.openstream("Workbook").read())
    at = stream.find(struct.pack("<HH", 0x005C, 112))
    assert at > 0, "no WRITEACCESS record of 112 bytes"
    filepass = _biff(0x002F, struct.pack("<HHH", 0, *_xor_key(password)))
    stream[at:at + 116] = filepass + _biff(0x005C, b"\x20" * (116 - len(filepass) - 4))
    ole.write_stream("Workbook", xor_obfuscated(bytes(stream), password))
    ole.close()
    return out


def content_xlsx(sheets: dict[str, list[list]], out: Path, hidden: tuple[str, ...] = ()) -> Path:
    """The same cells as an .xlsx (xlsxwriter): text as text, numbers, booleans, dates with the date format."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(out))
    date = wb.add_format({"num_format": DATE_FORMAT.lower()})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, dt.date):
                    ws.write_datetime(r, c, v, date)
                elif isinstance(v, str):
                    if v:
                        ws.write_string(r, c, v)
                elif v is not None:
                    ws.write(r, c, v)
        if name in hidden:
            ws.hide()
    wb.close()
    return out


def biff5_xls(container: Path, out: Path, stream: bytes) -> Path:
    """An OLE file whose workbook stream holds ``stream`` (padded with empty records to the size of the stream
    of ``container``, an .xls written by LibreOffice: olefile rewrites a stream only at its own size)."""
    import shutil

    import olefile

    shutil.copy(container, out)
    ole = olefile.OleFileIO(str(out), write_mode=True)
    size = ole.get_size("Workbook")
    assert len(stream) <= size, "the BIFF5 stream is larger than the container's"
    ole.write_stream("Workbook", stream + b"\x00" * (size - len(stream)))
    ole.close()
    return out


def rewritten_xlsx(src: Path, out: Path) -> Path:
    """The values python-calamine reads from ``src``, written again by xlsxwriter: text in shared strings, as
    Excel and LibreOffice keep it (openpyxl writes it inline)."""
    import xlsxwriter

    book = python_calamine.CalamineWorkbook.from_path(str(src))
    wb = xlsxwriter.Workbook(str(out))
    for meta in book.sheets_metadata:
        ws = wb.add_worksheet(meta.name)
        for r, row in enumerate(book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)):
            for c, v in enumerate(row):
                if v not in ("", None):
                    ws.write(r, c, v.isoformat() if hasattr(v, "isoformat") else v)
        if "Hidden" in str(meta.visible):
            ws.hide()
    wb.close()
    return out
