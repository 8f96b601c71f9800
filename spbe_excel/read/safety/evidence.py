"""What a file sent as evidence is, from its bytes, never its name (issue 19): a PDF, an image (PNG, JPEG, GIF,
TIFF, WebP) or an office document (Word, Excel, PowerPoint, OpenDocument, old or new), else refused with why.

A web page, an SVG drawing (both may carry script), a plain zip, a program or anything unknown is refused; so is a
file named as an accepted kind that holds something else.  An office document that is a zip is checked as a
hostile zip: at most :attr:`EvidenceLimits.max_members` parts, their declared sizes bounded in sum and in ratio to
their compressed sizes (a zip bomb), no two parts sharing their bytes (an overlapping zip bomb), no password, no
macros, and every part inflated once (bounded by the declared sizes) with its checksum checked, so a damaged or
lying file is refused too.  The file is stored as received: nothing here changes it."""

from __future__ import annotations

import itertools
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from spbe_excel.model.evidence_files import CLAIMED_SUFFIXES, KINDS, MAX_EVIDENCE_BYTES, Recognised
from spbe_excel.read.safety.identify import OLE_MAGIC, ZIP_MAGIC, read_head, what_it_is

_IMAGES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"),
           (b"II*\x00", "tiff"), (b"MM\x00*", "tiff"))
_ODF = {b"application/vnd.oasis.opendocument.text": "odt",
        b"application/vnd.oasis.opendocument.spreadsheet": "ods",
        b"application/vnd.oasis.opendocument.presentation": "odp"}
_OOXML = (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx"))
_MACROS = ("vbaproject.bin", "basic/", "scripts/")
_OLE = (("worddocument", "doc"), ("workbook", "xls"), ("book", "xls"), ("powerpoint document", "ppt"))


@dataclass(frozen=True)
class EvidenceLimits:
    max_bytes: int = MAX_EVIDENCE_BYTES
    max_members: int = 5000  # parts of an office document (a long presentation has a few hundred)
    max_uncompressed: int = 256 * 1024 * 1024  # the parts' declared sizes, together
    max_ratio: int = 200  # a part's declared size to its compressed size, for parts above ratio_floor
    ratio_floor: int = 4 * 1024 * 1024


DEFAULT = EvidenceLimits()


def _refused(reason: str, **params) -> Recognised:
    return Recognised(None, reason, params)


def recognise_evidence(path: str | Path, name: str = "", limits: EvidenceLimits = DEFAULT) -> Recognised:
    """What the file at ``path`` (sent under the name ``name``) is as evidence: its accepted kind, or why not."""
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        return _refused("evidence.refused.empty")
    if size > limits.max_bytes:
        return _refused("evidence.refused.too_large", mb=limits.max_bytes // (1024 * 1024))
    head = read_head(path) or b""
    found = _by_head(path, head, size, limits)
    if found.accepted or found.reason:
        return found
    what = "evidence.what.svg" if _svg(head) else what_it_is(head)
    suffix = Path(name).suffix.lower()
    if suffix in CLAIMED_SUFFIXES:
        return _refused("evidence.refused.disguised", suffix=suffix, what=what)
    if what in ("what.html", "evidence.what.svg"):
        return _refused("evidence.refused.script", what=what)
    return _refused("evidence.refused.kind", what=what)


def _by_head(path: Path, head: bytes, size: int, limits: EvidenceLimits) -> Recognised:
    """An accepted kind, or a refusal, from the first bytes (and a container's directory); an empty
    :class:`Recognised` when the head names no accepted kind."""
    if head.startswith(b"%PDF-"):
        return _pdf(path, size)
    for magic, key in _IMAGES:
        if head.startswith(magic):
            return Recognised(KINDS[key])
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Recognised(KINDS["webp"])
    if head.startswith(ZIP_MAGIC):
        return _office_zip(path, limits)
    if head.startswith(OLE_MAGIC):
        return _office_ole(path)
    return Recognised(None)


def _svg(head: bytes) -> bool:
    text = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<svg", b"<?xml", b"<!doctype svg", b"<!--")) and b"<svg" in text


def _pdf(path: Path, size: int) -> Recognised:
    """A PDF ends with ``%%EOF`` (in its last kilobyte: a writer may add a line break or two): one without is cut
    short, or is not a PDF."""
    with open(path, "rb") as fh:
        fh.seek(max(0, size - 1024))
        tail = fh.read()
    return Recognised(KINDS["pdf"]) if b"%%EOF" in tail else _refused("evidence.refused.damaged", what="what.pdf")


def _office_zip(path: Path, limits: EvidenceLimits) -> Recognised:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            bad = _zip_bounds(infos, limits)
            if bad is not None:
                return bad
            if any(i.flag_bits & 0x1 for i in infos):
                return _refused("evidence.refused.encrypted")
            kind = _package_kind(zf, {i.filename.replace("\\", "/").lstrip("/").lower() for i in infos})
            if not kind.accepted:
                return kind
            _inflate_all(zf, infos)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, RuntimeError, OSError):
        return _refused("evidence.refused.damaged", what="what.office")
    return kind


def _zip_bounds(infos: list[zipfile.ZipInfo], limits: EvidenceLimits) -> Recognised | None:
    """A refusal when the zip's directory shows too many parts, a zip bomb or parts that share their bytes."""
    if len(infos) > limits.max_members:
        return _refused("evidence.refused.members", n=len(infos), most=limits.max_members)
    declared = 0
    for info in infos:
        declared += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if declared > limits.max_uncompressed or (info.file_size > limits.ratio_floor and ratio > limits.max_ratio):
            return _refused("evidence.refused.bomb")
    spans = sorted((i.header_offset, i.compress_size) for i in infos)
    for (start, length), (after, _) in itertools.pairwise(spans):
        if after < start + 30 + length:  # the next part starts inside this one's header and data
            return _refused("evidence.refused.bomb")
    return None


def _package_kind(zf: zipfile.ZipFile, names: set[str]) -> Recognised:
    if any(n.endswith(_MACROS[0]) or n.startswith(_MACROS[1:]) for n in names):
        return _refused("evidence.refused.macros")
    if "mimetype" in names:
        info = next(i for i in zf.infolist() if i.filename.lower().lstrip("/") == "mimetype")
        if info.file_size <= 200:
            key = _ODF.get(zf.read(info).strip())
            if key:
                return Recognised(KINDS[key])
    if "[content_types].xml" in names:
        for prefix, key in _OOXML:
            if any(n.startswith(prefix) for n in names):
                return Recognised(KINDS[key])
    return _refused("evidence.refused.kind", what="what.zip")


def _inflate_all(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Read every part once, a chunk at a time: zipfile stops each at its declared size (bounded above) and checks
    its CRC, so a part that lies about its size or is damaged raises ``BadZipFile``."""
    for info in infos:
        if info.is_dir():
            continue
        with zf.open(info) as part:
            while part.read(1 << 20):
                pass


def _office_ole(path: Path) -> Recognised:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(s).lower() for s in ole.listdir(streams=True, storages=False)}
    except Exception:  # olefile raises several kinds on a damaged file
        return _refused("evidence.refused.damaged", what="what.office")
    if streams & {"encryptedpackage", "encryptioninfo"}:
        return _refused("evidence.refused.encrypted")
    if any(s.startswith(("macros/", "_vba_project_cur/")) or s.endswith("/vba/dir") for s in streams):
        return _refused("evidence.refused.macros")
    for stream, key in _OLE:
        if stream in streams:
            return Recognised(KINDS[key])
    return _refused("evidence.refused.kind", what="what.office")
