"""Look at a submitted file before any parser touches it.

Every submitted file is hostile until read.  This module decides, from the
bytes and not from the name, what a file is (xlsx, xlsm, xltx, xltm, xlsb, ods,
xls, an old format, or something else: :mod:`spbe_excel.read.safety.identify`),
whether it is encrypted (a workbook encrypted with Excel's built-in default
password is decrypted, and the result sniffed like any file), and whether it
is safe to hand to the parser:

* zip containers: member count, declared uncompressed size and ratio (zip
  bombs), a DTD or entity in any part read, the package layout as the parser
  follows it (:mod:`spbe_excel.read.safety.package`), and which part holds each
  sheet, so that each sheet's XML is checked (well-formed, extent:
  :mod:`spbe_excel.read.safety.extent`) just before it is parsed; a sheet with
  a merge of whole columns or rows is given to the parser with bounded ranges
  (:mod:`spbe_excel.read.safety.repair`);
* ods: encryption, and the extent of every table; one without its ``mimetype``
  member, known by its manifest, gets the member;
* OLE containers (xls): encryption (Excel 5.0/95's XOR obfuscation with the
  default password is undone), that it is a workbook at all, its BIFF version,
  and the extent of every sheet (:mod:`spbe_excel.read.safety.biff`);
* Excel 2.x-4.0 files (the bare BIFF2-4 stream): the extent of all they hold.

Problems raise :class:`~spbe_excel.errors.SubmissionError` with a finding
code and a reason key.  XML is parsed with defusedxml (no entities, no DTD)
or with expat refusing any DTD.
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
from spbe_excel.read.safety import biff, package, repair
from spbe_excel.read.safety.extent import (
    DOCTYPE,
    SheetScan,
    scan_ods,
    scan_sheet_xml,
    shared_text,
    string_sizes,
    xml_damage,
)
from spbe_excel.read.safety.identify import (
    BIFF234_MAGIC,
    OLE_MAGIC,
    WORKBOOK_SUFFIXES,
    ZIP_MAGIC,
    maybe_workbook,
    read_head,
    unreadable_reason,
    what_it_is,
)
from spbe_excel.read.safety.limits import DEFAULT_LIMITS, Limits
from spbe_excel.read.safety.xlsb import scan_xlsb_sheet, sheet_ids

KIND_SUFFIXES = {"xlsx": (".xlsx",), "xlsm": (".xlsm",), "xltx": (".xltx",), "xltm": (".xltm",), "xlsb": (".xlsb",),
                 "xls": (".xls", ".xlt"), "ods": (".ods", ".ots")}


@dataclass
class Sniffed:
    """What a file is.  For xlsx and xlsb the extent of each sheet is checked lazily,
    just before that sheet is parsed (:meth:`scan`), so sheets that are never
    read (the instructions sheet) cost nothing."""

    kind: str  # "xlsx" | "xlsm" | "xltx" | "xltm" | "xlsb" | "ods" | "xls"
    sheets: dict[str, SheetScan] = field(default_factory=dict)  # by sheet name, once known
    too_large: dict[str, tuple[int, int]] = field(default_factory=dict)  # sheet name -> (rows, columns)
    limits: Limits = DEFAULT_LIMITS
    data: bytes = b""  # what the parser is given: the file, or its decrypted content
    decrypted: bool = False  # it was encrypted with Excel's default password
    # why the parser failed, if it does: a reason and its parameters more precise than "damaged"
    unreadable: dict[str, object] = field(default_factory=dict)
    _zip: zipfile.ZipFile | None = None
    _parts: dict[str, zipfile.ZipInfo] = field(default_factory=dict)  # xlsx, xlsb: sheet name -> its part
    _repaired: dict[str, bytes] = field(default_factory=dict)  # member -> its bytes as the parser is given them
    _strings: list[int] = field(default_factory=list)  # xlsx: a bound of each shared string's characters
    _strings_size: int = 0  # xlsx: the bytes of the table of texts

    def scan(self, name: str) -> SheetScan | None:
        """The extent and formulas of sheet ``name`` (None when unknown, as
        for .xls); records it in :attr:`too_large` when over the limits.  A
        sheet whose XML is not well-formed is refused: its values cannot be trusted."""
        if name not in self.sheets and name in self._parts and self._zip is not None:
            xml = _read(self._zip, self._parts[name], self.limits.max_uncompressed)
            if self.kind == "xlsb":
                scan = scan_xlsb_sheet(xml, self.limits)
            else:
                _check_prolog(xml[:4096])
                _check_whole(xml, Reason.FILE_SHEET_DAMAGED, sheet=name)
                scan = scan_sheet_xml(xml, self.limits)
                allowed = self.limits.text_allowed(len(xml) + self._strings_size)
                _check_text(name, shared_text(xml, self._strings, allowed), allowed)
                self._bound_ranges(name, xml)
            self.sheets[name] = scan
            if scan.over(self.limits):
                self.too_large[name] = (scan.max_row, scan.max_col)
        return self.sheets.get(name)

    def _bound_ranges(self, name: str, xml: bytes) -> None:
        """A sheet with a merge of whole columns or rows, which python-calamine cannot read: the package given
        to the parser from now on holds it with bounded ranges (:mod:`spbe_excel.read.safety.repair`)."""
        bounded = repair.bounded_ranges(xml)
        if bounded is not None and self._zip is not None:
            self._repaired[self._parts[name].filename] = bounded
            self.data = _rewritten(self._zip, self._repaired)

    def part(self, name: str, limit: int = 1024 * 1024) -> bytes | None:
        """At most ``limit`` bytes of package member ``name`` (xlsx), or None when there is no such member."""
        if self._zip is None:
            return None
        info = next((i for i in self._zip.infolist() if i.filename.replace("\\", "/") == name), None)
        return None if info is None else _read(self._zip, info, limit)

    def is_too_large(self, name: str) -> bool:
        self.scan(name)
        return name in self.too_large


def skip_reason(path: Path) -> dict[str, str] | None:
    """Why a file met while walking a folder is not a submission (its ``file-skipped`` parameters), or None.
    Lock and hidden files go by their names; a file not named as a workbook by its first bytes (only they are
    read: a folder walk stays cheap), and a zip or OLE container by its directory, later."""
    name = path.name
    if name.startswith("~$"):
        return {"reason": Reason.LOCK_FILE}
    if name.startswith(".~lock.") or name.startswith("."):
        return {"reason": Reason.HIDDEN_FILE}
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return None
    head = read_head(path)
    if head is None or maybe_workbook(head):
        return None
    return {"reason": Reason.NOT_SPREADSHEET, "content": what_it_is(head)}


def _fail(code: str, reason: str, **params) -> NoReturn:
    raise SubmissionError(code, reason, reason=reason, **params)


def sniff(data: bytes, limits: Limits = DEFAULT_LIMITS, *, decrypt: bool = True) -> Sniffed:
    """Classify ``data`` and check it is safe to parse (``decrypt``: try Excel's default password on an
    encrypted workbook; off for what came out of a decryption)."""
    if not data:
        _fail("file-unreadable", Reason.FILE_EMPTY)
    if len(data) > limits.max_file_bytes:
        _fail("file-unreadable", Reason.FILE_TOO_BIG, size=len(data) // (1024 * 1024))
    if data.startswith(ZIP_MAGIC):
        result = _sniff_zip(data, limits)
    elif data.startswith(OLE_MAGIC):
        result = _sniff_ole(data, limits, decrypt)
    elif data.startswith(BIFF234_MAGIC):
        result = _sniff_biff234(data, limits)
    else:
        what = what_it_is(data[:4096])
        reason = unreadable_reason(what)
        if reason == Reason.FILE_OLD_FORMAT:
            _fail("file-unreadable", reason, format="old.xml2003")
        _fail("file-unreadable", reason, content=what)
    result.data = result.data or data
    return result


def _check_text(sheet: str, text: int, allowed: int) -> None:
    """Refuse a sheet whose cells would hold more repeated text than ``allowed`` characters."""
    if text > allowed:
        _fail("file-unreadable", Reason.FILE_TEXT_BOMB, sheet=sheet, mb=-(-text // (1024 * 1024)))


def _check_whole(xml: bytes, reason: str, **params) -> None:
    """Refuse a part that is not well-formed XML (``reason``, with where it breaks) or that declares a DTD."""
    damage = xml_damage(xml)
    if damage == DOCTYPE:
        _fail("file-unreadable", Reason.FILE_XML_ATTACK)
    if damage is not None:
        _fail("file-unreadable", reason, line=damage[0], position=damage[1], **params)


# ---- zip (xlsx, xlsm, xltx, xltm, xlsb, ods) -----------------------------------------------------

_MIMETYPES = {
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.spreadsheet-template": "ods",
}
_OLD_MIMETYPES = {b"application/vnd.sun.xml.calc": "old.sxc", b"application/x-kspread": "old.kspread",
                  b"application/vnd.sun.xml.calc.template": "old.sxc"}


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
    members = {package.member_name(i.filename): i for i in infos}
    written = _read(zf, members["mimetype"], 200).strip() if "mimetype" in members else None
    mimetype = written if written in _MIMETYPES or written in _OLD_MIMETYPES else _odf_type(zf, members)
    if mimetype is None and written is None:
        return _sniff_package(zf, members, limits)
    if mimetype in _MIMETYPES:
        result = _sniff_ods(zf, members, limits)
        if mimetype != written:  # python-calamine needs the member, first and as OpenDocument says
            result.data = _rewritten(zf, {}, first={"mimetype": mimetype})
        return result
    if mimetype in _OLD_MIMETYPES:
        _fail("file-unreadable", Reason.FILE_OLD_FORMAT, format=_OLD_MIMETYPES[mimetype])
    _fail("file-unreadable", Reason.FILE_NOT_WORKBOOK, content="what.odf_document")


_FILE_ENTRY = re.compile(rb"<(?:[\w.-]+:)?file-entry\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ODF_ATTR = re.compile(rb"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ODF_BODY = re.compile(rb"<(?:[\w.-]+:)?body\b[^>]*>\s*<(?:[\w.-]+:)?([\w-]+)")


def _odf_type(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]) -> bytes | None:
    """The media type of an OpenDocument package whose ``mimetype`` member is missing or says nothing known (the
    manifest's entry for the package, ``/``; else what the body of ``content.xml`` holds), or None for a package
    that is no OpenDocument (an Office Open XML package has ``[Content_Types].xml`` instead)."""
    if "[Content_Types].xml" in members or "content.xml" not in members:
        return None
    if "META-INF/manifest.xml" in members:
        for entry in _FILE_ENTRY.finditer(_read(zf, members["META-INF/manifest.xml"], 4 * 1024 * 1024)):
            found = {k.rpartition(b":")[2]: v1 or v2 for k, v1, v2 in _ODF_ATTR.findall(entry.group(1))}
            if found.get(b"full-path") == b"/" and found.get(b"media-type"):
                return found[b"media-type"].strip()
    body = _ODF_BODY.search(_read(zf, members["content.xml"], 16 * 1024 * 1024))
    return b"application/vnd.oasis.opendocument." + body.group(1) if body else None


def _sniff_package(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], limits: Limits) -> Sniffed:
    """An Office Open XML package: a workbook (which kind), another Office document, or neither."""
    rels = _read(zf, members["_rels/.rels"], 1024 * 1024) if "_rels/.rels" in members else None
    if rels is not None:
        _check_prolog(rels[:4096])
    main = package.main_part(rels, members)
    types_xml = _read(zf, members["[Content_Types].xml"], 1024 * 1024) if "[Content_Types].xml" in members else b""
    content_type = package.content_type(types_xml, main) if main else ""
    if main is None or "wordprocessingml" in content_type or "presentationml" in content_type:
        _not_a_workbook(main, content_type, members)
    kind = _package_kind(main, content_type, members)
    result = Sniffed(kind, limits=limits, _zip=zf)
    if _file_name(main) not in ("workbook.xml", "workbook.bin"):
        result.unreadable = {"reason": Reason.FILE_LAYOUT, "part": main}
    wb = _read(zf, members[main], 8 * 1024 * 1024)
    wb_rels = package.rels_part(main)
    rels_xml = _read(zf, members[wb_rels], 8 * 1024 * 1024) if wb_rels in members else b""
    _check_prolog(rels_xml[:4096])
    if kind == "xlsb":
        targets = {rid: part for rid, _, part in package.relationships(rels_xml, main)}
        result._parts = {name: members[targets[rid]] for name, rid in sheet_ids(wb) if targets.get(rid) in members}
        return result
    _check_prolog(wb[:4096])
    parts = package.workbook_parts(wb, rels_xml, main, members)
    if "styles" in parts.parts:
        _check_prolog(_read(zf, members[parts.parts["styles"]], 4096))
    if "sharedStrings" in parts.parts:  # the text of the cells: read whole, it must be whole
        strings = parts.parts["sharedStrings"]
        xml = _read(zf, members[strings], limits.max_uncompressed)
        _check_prolog(xml[:4096])
        _check_whole(xml, Reason.FILE_STRINGS_DAMAGED, part=strings)
        result._strings, result._strings_size = string_sizes(xml), len(xml)
    result._parts = {name: members[part] for name, part in parts.sheets.items()}
    return result


def _not_a_workbook(main: str | None, content_type: str, members) -> NoReturn:
    """A package that holds no workbook: a Word document, a presentation, a zip archive, or a broken one."""
    if main is None and "[Content_Types].xml" not in members:
        _fail("file-unreadable", Reason.FILE_NOT_WORKBOOK, content="what.zip")
    word = "wordprocessingml" in content_type or any(n.startswith("word/") for n in members)
    slides = "presentationml" in content_type or any(n.startswith("ppt/") for n in members)
    if not (word or slides):
        _fail("file-unreadable", Reason.FILE_CORRUPT)
    _fail("file-unreadable", Reason.FILE_NOT_WORKBOOK, content="what.word" if word else "what.powerpoint")


def _file_name(part: str) -> str:
    return part.rpartition("/")[2]


def _package_kind(main: str, content_type: str, members) -> str:
    if main.endswith(".bin") or ".binary." in content_type:
        return "xlsb"
    macros = "macroEnabled" in content_type or any(n.endswith("vbaProject.bin") for n in members)
    if ".template." in content_type:
        return "xltm" if macros else "xltx"
    return "xlsm" if macros else "xlsx"


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most ``limit`` bytes of member ``info``."""
    try:
        data = _member_bytes(zf, info, limit)
        if data is not None:
            return data
        with zf.open(info) as fh:  # anything unusual: zipfile's own reader, and its errors
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
            return None  # a stream that does not inflate: zipfile's reader says why
    if len(out) < limit and (len(out) != info.file_size or zlib.crc32(out) != info.CRC):
        return None  # short or damaged: zipfile's reader reports it
    return out


def _rewritten(zf: zipfile.ZipFile, replaced: dict[str, bytes], first: dict[str, bytes] | None = None) -> bytes:
    """The package written again for the parser (:func:`spbe_excel.read.safety.repair.with_members`); a member
    that cannot be read makes it damaged."""
    try:
        return repair.with_members(zf, replaced, first)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError, zlib.error):
        _fail("file-unreadable", Reason.FILE_CORRUPT)


def _check_prolog(head: bytes) -> None:
    """A spreadsheet part has no business declaring a DTD: entity expansion
    (billion laughs) and external entities are refused before any parser runs."""
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        _fail("file-unreadable", Reason.FILE_XML_ATTACK)


# ---- ods -------------------------------------------------------------------------------------

_ODF_VERSION = re.compile(rb'office:version="([^"]*)"')
_GENERATOR = re.compile(rb"<meta:generator>([^<]{0,200})</meta:generator>")


def _sniff_ods(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], limits: Limits) -> Sniffed:
    if "META-INF/manifest.xml" in members:
        manifest = _read(zf, members["META-INF/manifest.xml"], 4 * 1024 * 1024)
        if b"encryption-data" in manifest:
            _fail("file-encrypted", Reason.FILE_ENCRYPTED)
    if "content.xml" not in members:
        _fail("file-unreadable", Reason.FILE_CORRUPT)
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        with zf.open(members["content.xml"]) as fh:
            sheets, too_large = scan_ods(ElementTree.iterparse(fh, events=("start", "end")), limits)
    except SubmissionError:
        raise
    except DefusedXmlException:
        _fail("file-unreadable", Reason.FILE_XML_ATTACK)
    except Exception:
        _fail("file-unreadable", Reason.FILE_CORRUPT)
    allowed = limits.text_allowed(members["content.xml"].file_size)
    for name, scan in sheets.items():
        _check_text(name, scan.repeated_text, allowed)
    result = Sniffed("ods", sheets, too_large, limits)
    result.unreadable = _ods_age(zf, members)
    return result


def _ods_age(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]) -> dict[str, object]:
    """For a file the parser cannot read: the OpenDocument version and the program that wrote it, when it is
    older than OpenDocument 1.2 (KSpread, OpenOffice.org 2, early LibreOffice wrote 1.0 and 1.1)."""
    head = _read(zf, members["content.xml"], 4096)
    version = _ODF_VERSION.search(head)
    number = version.group(1).decode("ascii", "replace") if version else ""
    if number not in ("", "1.0", "1.1"):
        return {}
    generator = b""
    if "meta.xml" in members:
        found = _GENERATOR.search(_read(zf, members["meta.xml"], 64 * 1024))
        generator = found.group(1) if found else b""
    return {"reason": Reason.FILE_OLD_FORMAT, "format": "old.ods", "version": number or "1.0",
            "generator": generator.decode("utf-8", "replace").split("/")[0].strip() or "?"}


# ---- OLE (xls, encrypted workbooks) and Excel 2.x-4.0 ------------------------------------------------------

def _sniff_ole(data: bytes, limits: Limits, decrypt: bool) -> Sniffed:
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        streams = {"/".join(s).lower() for s in ole.listdir(streams=True, storages=False)}
    except Exception:
        _fail("file-unreadable", Reason.FILE_CORRUPT)
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        return _decrypted(data, limits, decrypt)
    if "workbook" in streams or "book" in streams:
        name = "Workbook" if "workbook" in streams else "Book"
        try:
            stream = ole.openstream(name).read()
        except Exception:
            _fail("file-unreadable", Reason.FILE_CORRUPT)
        version, filepass, codepage = biff.workbook_globals(stream)
        old = 0 < version < 0x0600  # Excel 5.0/95 (BIFF5) or older inside an OLE file
        if filepass is not None and old:
            return _deobfuscated(data, name, stream, filepass, limits, decrypt)
        if filepass is not None:
            return _decrypted(data, limits, decrypt)
        result = Sniffed("xls", limits=limits)
        if old:  # read if a reader can; if none can, say what the file is
            result.unreadable = {"reason": Reason.FILE_OLD_FORMAT,
                                 "format": "old.biff5_mac" if codepage == 0x8000 else "old.biff5"}
        for sheet, rows, cols in biff.sheet_extents(stream, biff5=old):
            _measured(result, sheet, rows, cols)
        return result
    if "worddocument" in streams:
        _fail("file-unreadable", Reason.FILE_NOT_WORKBOOK, content="what.word")
    if "powerpoint document" in streams:
        _fail("file-unreadable", Reason.FILE_NOT_WORKBOOK, content="what.powerpoint")
    if any(s.startswith("__substg1.0_") for s in streams):
        _fail("file-unreadable", Reason.FILE_NOT_WORKBOOK, content="what.outlook")
    _fail("file-unreadable", Reason.FILE_NOT_WORKBOOK, content="what.office")


def _measured(result: Sniffed, sheet: str, rows: int, cols: int) -> None:
    scan = result.sheets[sheet] = SheetScan(1, rows, 1, cols)
    if scan.over(result.limits):
        result.too_large[sheet] = (rows, cols)


BIFF234_SHEET = "Sheet 1"  # the name xlrd gives the sheet of an Excel 2.x-4.0 file


def _sniff_biff234(data: bytes, limits: Limits) -> Sniffed:
    """An Excel 2.x, 3.0 or 4.0 file: the bare record stream, read by the second reader (xlrd) once its
    extent, over every sheet it holds, is known; one encrypted is named as the old format it is."""
    if any(typ == biff.FILEPASS for typ, _, _ in biff.records(data)):
        _fail("file-unreadable", Reason.FILE_OLD_FORMAT, format="old.biff234")
    result = Sniffed("xls", limits=limits)
    result.unreadable = {"reason": Reason.FILE_OLD_FORMAT, "format": "old.biff234"}
    _measured(result, BIFF234_SHEET, *biff.extent(data, 0, whole=True))
    return result


def _deobfuscated(data: bytes, name: str, stream: bytes, filepass: bytes, limits: Limits, decrypt: bool) -> Sniffed:
    """An encrypted Excel 5.0/95 workbook: XOR obfuscation with Excel's default password is undone and the
    file sniffed like any; with a real password, it is named as the old format it is, protected."""
    import olefile

    key = biff.xor_key(filepass, biff5=True)
    if not decrypt or key is None or not biff.is_default_password(*key):
        _fail("file-unreadable", Reason.FILE_OLD_FORMAT, format="old.biff5_encrypted")
    out = io.BytesIO(data)
    try:  # the same OLE file, its stream of the same size written anew (closing it would close ``out``)
        olefile.OleFileIO(out, write_mode=True).write_stream(name, biff.deobfuscated(stream))
    except Exception:
        _fail("file-unreadable", Reason.FILE_CORRUPT)
    result = sniff(out.getvalue(), limits, decrypt=False)
    result.decrypted = True
    return result


def _decrypted(data: bytes, limits: Limits, decrypt: bool) -> Sniffed:
    """An encrypted workbook decrypted with Excel's default password, sniffed like any file; refused as
    encrypted when that password does not open it (a real password), or when what it holds is encrypted
    again."""
    import msoffcrypto

    if not decrypt:
        _fail("file-encrypted", Reason.FILE_ENCRYPTED)
    out = io.BytesIO()
    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        office.load_key(password=biff.DEFAULT_PASSWORD)
        office.decrypt(out)
    except Exception:
        _fail("file-encrypted", Reason.FILE_ENCRYPTED)
    result = sniff(out.getvalue(), limits, decrypt=False)
    result.decrypted = True
    return result
