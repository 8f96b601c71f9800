"""The records of an Excel binary workbook (BIFF2 to BIFF8) that are read before any parser sees it.

An .xls holds a stream of records: a type and a size (16 bits each), then the record's bytes.  Excel 97 to
2003 (BIFF8) and Excel 5.0/95 (BIFF5) keep it in an OLE file (a stream named ``Workbook`` or ``Book``);
Excel 2.x, 3.0 and 4.0 (BIFF2-4) files are the bare stream.  Read here:

* the workbook globals: the BIFF version, the FILEPASS record of an encrypted workbook, the code page;
* how far each sheet reaches, as a parser sizes its grid: python-calamine spans the box of the DIMENSIONS
  record and of every cell record (a 2 KB file with a cell at row 65,536, column 65,536 makes it allocate
  4 billion cells), xlrd a grid from A1 to the farthest cell, in every BIFF version's records;
* XOR obfuscation (Excel 5.0/95's encryption, also possible in BIFF8) with Excel's built-in default
  password, "VelvetSweatshop", which Excel and LibreOffice open without asking: undone here, as
  msoffcrypto-tool undoes the RC4 encryption of BIFF8 (MS-XLS 2.2.10, MS-OFFCRYPTO 2.3.6).
"""

from __future__ import annotations

import struct

BOF_TYPES = (0x0009, 0x0209, 0x0409, 0x0809)  # BIFF2, BIFF3, BIFF4, BIFF5-8
EOF, FILEPASS, CODEPAGE, BOUNDSHEET = 0x000A, 0x002F, 0x0042, 0x0085
DEFAULT_PASSWORD = "VelvetSweatshop"  # Excel's built-in key: it opens such a file without asking

# Records of cells that hold a value, a row and a column (16 bits each) first, in any BIFF version: BIFF2's
# INTEGER, NUMBER, LABEL, BOOLERR, FORMULA; BIFF3-8's NUMBER, LABEL, BOOLERR, FORMULA (three versions), RK,
# RSTRING, LABELSST.  MULRK ends with its last column.  Blank cells (BLANK, MULBLANK) allocate nothing.
_CELLS = frozenset({0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0203, 0x0204, 0x0205, 0x0206, 0x0406, 0x027E, 0x00D6,
                    0x00FD})
_MULTI = 0x00BD
_DIMENSIONS = (0x0000, 0x0200)  # BIFF2; BIFF3-8 (rows as 32 bits in BIFF8)


def records(stream: bytes, pos: int = 0):
    """(type, position of its body, size) of each record from ``pos`` to the end of ``stream``."""
    end = len(stream)
    while pos + 4 <= end:
        typ, size = struct.unpack_from("<HH", stream, pos)
        yield typ, pos + 4, size
        pos += 4 + size


def workbook_globals(stream: bytes) -> tuple[int, bytes | None, int]:
    """(BIFF version of the first BOF record (0 when it is not BIFF5-8's), the body of the FILEPASS record of an
    encrypted workbook (else None), the CODEPAGE) of a BIFF5-8 workbook's globals."""
    version = codepage = 0
    filepass = None
    for typ, body, size in records(stream[:1 << 20]):
        if typ == 0x0809 and body == 4 and size >= 2:
            (version,) = struct.unpack_from("<H", stream, body)
        elif typ == CODEPAGE and size >= 2:
            (codepage,) = struct.unpack_from("<H", stream, body)
        elif typ == FILEPASS:
            filepass = stream[body:body + size]
        elif typ == EOF:
            break
    return version, filepass, codepage


def extent(stream: bytes, pos: int, whole: bool = False) -> tuple[int, int]:
    """(rows, columns) that a parser allocates for the sheet whose BOF record is at ``pos``: its records up to
    its own EOF record (an embedded chart's BOF and EOF are passed over), or to the end of the stream when
    ``whole`` (an Excel 2.x-4.0 file, whose sheets may follow one another in one stream)."""
    rows = cols = depth = 0
    for typ, body, size in records(stream, pos):
        if typ in _CELLS and size >= 4:
            row, col = struct.unpack_from("<HH", stream, body)
            rows, cols = max(rows, row + 1), max(cols, col + 1)
        elif typ == _MULTI and size >= 6:
            (row,) = struct.unpack_from("<H", stream, body)
            (last,) = struct.unpack_from("<H", stream, body + size - 2)
            rows, cols = max(rows, row + 1), max(cols, last + 1)
        elif typ in _DIMENSIONS and size >= 8:
            first_row, last_row, first_col, last_col = struct.unpack_from(
                "<HHHH" if size < 14 else "<IIHH", stream, body)
            rows, cols = max(rows, last_row - first_row), max(cols, last_col - first_col)
        elif typ in BOF_TYPES:
            depth += 1
        elif typ == EOF:
            depth -= 1
            if depth <= 0 and not whole:
                break
    return rows, cols


def sheet_extents(stream: bytes, biff5: bool = False):
    """(sheet name, rows, columns) of each sheet of a BIFF8 (or BIFF5) workbook stream (see :func:`extent`).
    A sheet whose records cannot be found is left out (the parser is isolated anyway)."""
    for name, offset in _sheets(stream, biff5):
        rows, cols = extent(stream, offset)
        yield name, rows, cols


def _sheets(stream: bytes, biff5: bool) -> list[tuple[str, int]]:
    """(name, offset of its BOF) of each BOUNDSHEET record of the workbook globals."""
    sheets = []
    for typ, at, size in records(stream):
        body = stream[at:at + size]
        if typ == BOUNDSHEET and len(body) >= 8:
            offset = int.from_bytes(body[0:4], "little")
            cch = body[6]
            if biff5:
                name = body[7:7 + cch].decode("latin-1", "replace")
            else:
                high = body[7] & 1
                name = body[8:8 + cch * (2 if high else 1)].decode("utf-16-le" if high else "latin-1", "replace")
            sheets.append((name, offset))
        elif typ == EOF:
            break
    return sheets


# ---- XOR obfuscation with the default password ------------------------------------------------------------

# Records never obfuscated (MS-XLS 2.2.10): BOF, FILEPASS, USREXCL, FILELOCK, INTERFACEHDR, RRDINFO, RRDHEAD;
# nor the first 4 bytes of BOUNDSHEET (the position of its sheet).
_PLAIN = frozenset({0x0809, FILEPASS, 0x0194, 0x0195, 0x00E1, 0x0196, 0x0138})
_ROR5 = bytes(((b >> 5) | (b << 3)) & 0xFF for b in range(256))


def xor_key(filepass: bytes, biff5: bool) -> tuple[int, int] | None:
    """(key, verifier) of a FILEPASS record of XOR obfuscation (BIFF5's only kind; BIFF8's type 0), else None."""
    if not biff5:
        if filepass[:2] != b"\x00\x00":
            return None
        filepass = filepass[2:]
    return struct.unpack_from("<HH", filepass) if len(filepass) >= 4 else None


def is_default_password(key: int, verifier: int) -> bool:
    """Whether an XOR-obfuscated workbook's key and verifier are those of Excel's default password."""
    from msoffcrypto.method.xor_obfuscation import DocumentXOR

    return DocumentXOR.verifypw(DEFAULT_PASSWORD, verifier) and \
        DocumentXOR.create_xor_key_method1(DEFAULT_PASSWORD) == key


def deobfuscated(stream: bytes, password: str = DEFAULT_PASSWORD) -> bytes:
    """The workbook stream with the XOR obfuscation keyed by ``password`` undone (the caller has verified the
    password), and its FILEPASS record made an empty record of the same size (type 0, zeros), as
    msoffcrypto-tool leaves it, so that every record stays where it was.  Each byte of a record of size ``n``
    at stream position ``p`` is ``ror(byte ^ array[(p + n) % 16], 5)``."""
    from msoffcrypto.method.xor_obfuscation import DocumentXOR

    array = bytes(DocumentXOR.create_xor_array_method1(password))
    out = bytearray(stream)
    for typ, body, size in records(stream):
        if typ == FILEPASS:
            out[body - 4:body + size] = bytes(4 + size)
            out[body - 2:body] = struct.pack("<H", size)
            continue
        if typ in _PLAIN:
            continue
        start = body + 4 if typ == BOUNDSHEET else body
        end = min(body + size, len(stream))
        if start >= end:
            continue
        first = (start + size) % 16
        keys = (array[first:] + array[:first]) * ((end - start) // 16 + 1)
        mixed = int.from_bytes(stream[start:end], "little") ^ int.from_bytes(keys[:end - start], "little")
        out[start:end] = mixed.to_bytes(end - start, "little").translate(_ROR5)
    return bytes(out)
