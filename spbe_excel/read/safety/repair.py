"""Sound files that python-calamine refuses for a detail that holds no value, written again as it reads them.

LibreOffice and Excel open these files; python-calamine fails on them whole:

* a merge of whole columns or rows (``<mergeCell ref="T:T"/>``, ``ref="20:20"``), or a sheet dimension
  written so: "Range is missing the expected row component".  A merge or a dimension holds no value, and
  the parser allocates nothing for either (the extent of a sheet is measured by its cells:
  :mod:`spbe_excel.read.safety.extent`), so such a reference is written as the range it means
  (``T1:T1048576``, ``A20:XFD20``), and one that names no range at all is left out;
* an OpenDocument spreadsheet without its ``mimetype`` member (the manifest says what it is): the member is
  added.

Only what follows a sheet's cells (merges) or precedes them (its dimension) is touched, never a cell, so
every value reads as written.  The package is written again in memory only for such a file.
"""

from __future__ import annotations

import io
import re
import zipfile

from spbe_excel.read.safety.extent import unescape

MAX_ROW, MAX_COL = 1_048_576, "XFD"

# a merge or dimension element, its attributes (quoted values may hold ">"), and an end tag that may follow
_RANGE_TAG = re.compile(rb"<((?:[\w.-]+:)?)(mergeCell|dimension)(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>")
_REF_ATTR = re.compile(rb"(?<=\s)ref\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_USUAL_MERGE = re.compile(rb'<mergeCell ref="[A-Z]{1,3}[1-9][0-9]{0,6}:[A-Z]{1,3}[1-9][0-9]{0,6}" ?/>')
_USUAL_DIMENSION = re.compile(rb'dimension ref="[A-Z]{1,3}[1-9][0-9]{0,6}(?::[A-Z]{1,3}[1-9][0-9]{0,6})?"')
_USUAL = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}(?::[A-Z]{1,3}[1-9][0-9]{0,6})?")
_COLUMNS = re.compile(r"([A-Z]{1,3}):([A-Z]{1,3})")
_ROWS = re.compile(r"([1-9][0-9]{0,6}):([1-9][0-9]{0,6})")


def bounded_ranges(xml: bytes) -> bytes | None:
    """The sheet part ``xml`` with every merge and dimension written as a range python-calamine reads, or None
    when each already is (the usual case, found with a few searches)."""
    # The cells lie between the first and the last "sheetData" (their element's start and end tags, or one
    # later): nothing before the first or after the last is a value, whatever comments or texts hold.
    head_end, last = xml.find(b"sheetData"), xml.rfind(b"sheetData")
    tail_start = xml.find(b">", last) + 1
    if head_end < 0 or tail_start <= 0:
        return None
    odd_head = _odd_dimension(xml[:head_end])
    if not odd_head and _usual_merges(xml, tail_start):
        return None
    head, changed_head = _rewrite(xml[:head_end], b"dimension") if odd_head else (xml[:head_end], False)
    tail, changed_tail = _rewrite(xml[tail_start:], b"mergeCell")
    if not (changed_head or changed_tail):
        return None
    return head + xml[head_end:tail_start] + tail


def _usual_merges(xml: bytes, start: int) -> bool:
    """Every merge after ``start`` is written as Excel and LibreOffice write one, ``<mergeCell ref="A1:B2"/>``."""
    first = xml.find(b"mergeCell", start)
    if first < 0:
        return True
    merges = xml.count(b"mergeCell", first) - xml.count(b"mergeCells", first)
    return merges == len(_USUAL_MERGE.findall(xml, first))


def _odd_dimension(head: bytes) -> bool:
    at = head.find(b"dimension")
    return at >= 0 and not _USUAL_DIMENSION.match(head, at)


def _rewrite(part: bytes, name: bytes) -> tuple[bytes, bool]:
    changed = False

    def one(m: re.Match) -> bytes:
        nonlocal changed
        if m.group(2) != name:
            return m.group(0)
        ref = _REF_ATTR.search(m.group(3))
        if ref is None:
            return m.group(0)
        written = (ref.group(1) if ref.group(1) is not None else ref.group(2)).decode("utf-8", "replace")
        bounded = bounded_ref(written)
        if bounded == written:
            return m.group(0)
        changed = True
        attrs = m.group(3)  # the ref attribute written anew, or left out, with the white space before it
        new = b"" if bounded is None else b' ref="' + bounded.encode("ascii") + b'"'
        return b"<" + m.group(1) + m.group(2) + attrs[:ref.start() - 1] + new + attrs[ref.end():] + m.group(4) + b">"

    return _RANGE_TAG.sub(one, part), changed


def bounded_ref(written: str) -> str | None:
    """A range reference as python-calamine reads it: ``T:T`` -> ``T1:T1048576``, ``20:20`` -> ``A20:XFD20``,
    ``$A$1:$B$2`` -> ``A1:B2``; None for one that names no range (it is then left out)."""
    ref = unescape(written).replace("$", "").strip().upper()
    if _USUAL.fullmatch(ref):
        return written if ref == written else ref
    columns = _COLUMNS.fullmatch(ref)
    if columns:
        return f"{columns.group(1)}1:{columns.group(2)}{MAX_ROW}"
    rows = _ROWS.fullmatch(ref)
    if rows:
        return f"A{rows.group(1)}:{MAX_COL}{rows.group(2)}"
    return None


def with_members(zf: zipfile.ZipFile, replaced: dict[str, bytes], first: dict[str, bytes] | None = None) -> bytes:
    """The package ``zf`` written again in memory: members named in ``replaced`` (by their names as stored)
    with those bytes, the others as they are, after the members of ``first`` (stored uncompressed, as an
    OpenDocument's ``mimetype`` must be).  The caller has checked the package's sizes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as new:
        for name, data in (first or {}).items():
            new.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_STORED)
        for info in zf.infolist():
            if info.filename in (first or {}):
                continue
            data = replaced[info.filename] if info.filename in replaced else zf.read(info)
            new.writestr(info.filename, data)
    return out.getvalue()
