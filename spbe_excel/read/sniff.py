"""Look at a submitted file before any parser touches it.

Every submitted file is hostile until read.  This module decides, from the
bytes and not from the name, what a file is (xlsx, xlsm, ods, xls, or
something else), whether it is encrypted, and whether it is safe to hand to
the parser:

* zip containers: member count, declared uncompressed size and ratio (zip
  bombs), a DTD or entity in any part read, and for xlsx which XML part
  holds each sheet, so that each sheet's extent is measured
  (:mod:`spbe_excel.read.extent`) just before it is parsed;
* ods: encryption, and the extent of every table;
* OLE containers (xls): encryption, that it is a workbook at all, and the
  extent of every sheet.

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
from typing import NoReturn

from spbe_excel.errors import SubmissionError
from spbe_excel.model.vocab import Reason
from spbe_excel.read.extent import SheetScan, scan_ods, scan_sheet_xml, unescape, xls_extents
from spbe_excel.read.limits import DEFAULT_LIMITS, Limits

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


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
            scan = scan_sheet_xml(xml, self.limits)
            self.sheets[name] = scan
            if scan.over(self.limits):
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


def _fail(code: str, reason: str, **params) -> NoReturn:
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
        try:
            out = zlib.decompressobj(-15).decompress(raw, limit)
        except zlib.error:
            return None  # a stream that does not inflate: zipfile's reader reports it
    if len(out) < limit and (len(out) != info.file_size or zlib.crc32(out) != info.CRC):
        return None  # short or damaged: zipfile's reader reports it
    return out


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
        out[k.decode("ascii", "replace").rpartition(":")[2]] = unescape(text) if "&" in text else text
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


# ---- ods -------------------------------------------------------------------------------------

def _sniff_ods(zf: zipfile.ZipFile, names: set[str], limits: Limits) -> Sniffed:
    if "META-INF/manifest.xml" in names:
        manifest = _read(zf, "META-INF/manifest.xml", 4 * 1024 * 1024)
        if b"encryption-data" in manifest:
            _fail("file-encrypted", Reason.FILE_ENCRYPTED)
    if "content.xml" not in names:
        _fail("file-unreadable", Reason.FILE_CORRUPT)
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        with zf.open("content.xml") as fh:
            sheets, too_large = scan_ods(ElementTree.iterparse(fh, events=("start", "end")), limits)
    except SubmissionError:
        raise
    except DefusedXmlException:
        _fail("file-unreadable", Reason.FILE_XML_ATTACK)
    except Exception:
        _fail("file-unreadable", Reason.FILE_CORRUPT)
    return Sniffed("ods", sheets, too_large, limits)


# ---- OLE (xls, encrypted OOXML) ------------------------------------------------------------------

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
        for name, rows, cols in xls_extents(stream):
            scan = result.sheets[name] = SheetScan(1, rows, 1, cols)
            if scan.over(limits):
                result.too_large[name] = (rows, cols)
        return result
    if "worddocument" in streams or "powerpoint document" in streams:
        _fail("file-unreadable", Reason.FILE_OTHER_DOCUMENT)
    _fail("file-unreadable", Reason.FILE_UNKNOWN)
