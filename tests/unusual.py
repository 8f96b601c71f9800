"""Good workbooks in unusual packaging, made by code: what real tools write and python-calamine reads."""

from __future__ import annotations

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


# ---- Excel 5.0/95 (BIFF5) -----------------------------------------------------------------------------------

def _biff(typ: int, body: bytes) -> bytes:
    return struct.pack("<HH", typ, len(body)) + body


def biff5_stream(sheets: dict[str, list[list]], codepage: int = 1252, encrypted: bool = False) -> bytes:
    """A BIFF5 workbook stream: globals (BOF, CODEPAGE, FILEPASS when ``encrypted``, BOUNDSHEET per sheet, EOF),
    then each sheet (BOF, DIMENSIONS, LABEL and NUMBER cells, EOF); text in ``codepage``."""
    encoding = {1252: "cp1252", 10000: "mac_roman"}.get(codepage, "cp1252")
    bodies = []
    for rows in sheets.values():
        cells = []
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    cells.append(_biff(0x0203, struct.pack("<HHHd", r, c, 15, float(v))))
                elif v not in ("", None):
                    text = str(v).encode(encoding, "replace")[:255]
                    cells.append(_biff(0x0204, struct.pack("<HHHH", r, c, 15, len(text)) + text))
        width = max((len(row) for row in rows), default=0)
        bodies.append(_biff(0x0809, struct.pack("<HHHH", 0x0500, 0x0010, 0, 0))
                      + _biff(0x0200, struct.pack("<HHHHH", 0, len(rows), 0, width, 0)) + b"".join(cells)
                      + _biff(0x000A, b""))
    head = [_biff(0x0809, struct.pack("<HHHH", 0x0500, 0x0005, 0, 0)), _biff(0x0042, struct.pack("<H", codepage))]
    if encrypted:  # XOR obfuscation: a key and a verifier (the content is left as it is)
        head.append(_biff(0x002F, struct.pack("<HH", 0x1234, 0x5678)))
    names = [n.encode(encoding, "replace") for n in sheets]
    globals_size = sum(map(len, head)) + sum(4 + 7 + len(n) for n in names) + 4
    offset, bound = globals_size, []
    for name, body in zip(names, bodies):
        bound.append(_biff(0x0085, struct.pack("<IHB", offset, 0, len(name)) + name))
        offset += len(body)
    return b"".join(head + bound) + _biff(0x000A, b"") + b"".join(bodies)


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
