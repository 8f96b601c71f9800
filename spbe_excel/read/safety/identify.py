"""What a file is, from its first bytes: a possible workbook, or what it really is (a PDF, an image, text...).

A folder walk meets notes, scans and archives beside the submissions; deciding from the first few KB keeps
the walk cheap (a large non-workbook file is never read whole).  Zip and OLE containers can only be told
apart by their directories, which :mod:`spbe_excel.read.safety.sniff` reads.
"""

from __future__ import annotations

from pathlib import Path

from spbe_excel.model.vocab import Reason

HEAD_BYTES = 4096

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Excel 2.x, 3.0 and 4.0 worksheets: a BOF record at the very start, outside any container
BIFF234_MAGIC = (b"\x09\x00\x04\x00", b"\x09\x02\x06\x00", b"\x09\x04\x06\x00")

# file name suffixes of workbooks: a file named so that is not one is an error, not a file to skip
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xlsb", ".xls", ".xlt", ".ods", ".ots")

# (magic at offset 0, what it is): text keys of `what.*`
_MAGIC = (
    (b"%PDF-", "what.pdf"),
    (b"\x89PNG\r\n\x1a\n", "what.image"),
    (b"\xff\xd8\xff", "what.image"),
    (b"GIF87a", "what.image"),
    (b"GIF89a", "what.image"),
    (b"II*\x00", "what.image"),
    (b"MM\x00*", "what.image"),
    (b"BM", "what.image"),
    (b"Rar!\x1a\x07", "what.archive"),
    (b"7z\xbc\xaf\x27\x1c", "what.archive"),
    (b"\x1f\x8b", "what.archive"),
    (b"{\\rtf", "what.rtf"),
    (b"\x00\x00\x00\x14ftyp", "what.media"),
    (b"\x00\x00\x00\x18ftyp", "what.media"),
    (b"\x00\x00\x00\x20ftyp", "what.media"),
    (b"ID3", "what.media"),
    (b"\x1aE\xdf\xa3", "what.media"),
    (b"MZ", "what.program"),
    (b"\x7fELF", "what.program"),
)


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes | None:
    """The first ``size`` bytes of a file (None when it cannot be read: the reader will say why)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError:
        return None


def maybe_workbook(head: bytes) -> bool:
    """A zip or OLE container (a workbook or not: its directory tells) or an Excel 2.x-4.0 sheet."""
    return head.startswith(ZIP_MAGIC) or head.startswith(OLE_MAGIC) or head.startswith(BIFF234_MAGIC)


def what_it_is(head: bytes) -> str:
    """What a file that is not a zip or OLE container holds, as a `what.*` text key."""
    if not head:
        return "what.empty"
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"AVI ", b"WAVE"):
        return "what.image" if head[8:12] == b"WEBP" else "what.media"
    text = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table")) or b"<html" in text[:512]:
        return "what.html"
    if text.startswith(b"<?xml") or text.startswith(b"<"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in head or b"<?mso-application progid=\"excel" in text:
            return "what.xml_spreadsheet_2003"
        return "what.html" if b"<html" in text else "what.xml"
    if _looks_like_text(head):
        return "what.text"
    return "what.unknown"


def container_holds(path: Path, head: bytes) -> str | None:
    """For a zip or OLE file not named as a workbook: what it holds (a `what.*` key) when its directory shows
    no workbook, else None.  Only the directory is read (the end of a zip, the first sectors of an OLE file),
    never the whole file."""
    try:
        if head.startswith(ZIP_MAGIC):
            import zipfile

            with zipfile.ZipFile(path) as zf:
                names = {n.replace("\\", "/").lstrip("/") for n in zf.namelist()[:5000]}
            if names & {"mimetype", "[Content_Types].xml", "META-INF/manifest.xml"}:  # an Office package
                return _package_holds(names)
            return "what.zip"
        if head.startswith(OLE_MAGIC):
            import olefile

            with olefile.OleFileIO(str(path)) as ole:
                streams = {"/".join(s).lower() for s in ole.listdir(streams=True, storages=False)}
            if streams & {"workbook", "book", "encryptedpackage", "encryptioninfo"}:
                return None
            return "what.word" if "worddocument" in streams else "what.office"
    except Exception:
        return None  # let the reader say what is wrong with it
    return None


def _package_holds(names: set[str]) -> str | None:
    if any(n.startswith("word/") for n in names):
        return "what.word"
    if any(n.startswith("ppt/") for n in names):
        return "what.powerpoint"
    return None


def unreadable_reason(what: str) -> str:
    """The ``file-unreadable`` reason for a file named as a workbook that holds ``what``."""
    return {"what.empty": Reason.FILE_EMPTY, "what.html": Reason.FILE_HTML, "what.pdf": Reason.FILE_PDF,
            "what.text": Reason.FILE_TEXT, "what.unknown": Reason.FILE_UNKNOWN,
            "what.xml_spreadsheet_2003": Reason.FILE_OLD_FORMAT}.get(what, Reason.FILE_NOT_WORKBOOK)


def _looks_like_text(chunk: bytes) -> bool:
    if b"\x00" in chunk:
        return chunk[:2] in (b"\xff\xfe", b"\xfe\xff")  # UTF-16 text starts with its byte order mark
    try:
        chunk.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(chunk) - 3:  # a character cut by the end of the chunk
            return True
        return sum(32 <= b < 127 or b in (9, 10, 13) for b in chunk) > 0.9 * len(chunk)
