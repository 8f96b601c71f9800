"""The parts of an Office Open XML package (xlsx, xlsm, xltx, xltm, xlsb), found as a parser finds them.

A package names its main part in ``_rels/.rels`` (the workbook need not be ``xl/workbook.xml``), and the
workbook names its sheets, shared strings and styles in its own relationships, by targets relative to the
workbook's folder.  Some tools write member names with backslashes (``xl\\workbook.xml``); python-calamine
reads them as slashes, and so does this module.  Everything is read with regular expressions: nothing is
expanded (a DTD or an entity would stay text, and the parts a parser reads are refused for it).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from spbe_excel.read.safety.extent import unescape

_SHEET_EL = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_REL_EL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_OVERRIDE_EL = re.compile(rb"<(?:\w+:)?Override\b([^>]*)/?>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')

MAIN_PART_DEFAULTS = ("xl/workbook.xml", "xl/workbook.bin")


def member_name(name: str) -> str:
    """A zip member's name as a part name: slashes, no leading slash."""
    return name.replace("\\", "/").lstrip("/")


def attrs(blob: bytes) -> dict[bytes, bytes]:
    """The attributes of a tag, by local name, as written (see :func:`text`)."""
    return {k.rpartition(b":")[2]: v1 or v2 for k, v1, v2 in _ATTR.findall(blob)}


def text(value: bytes | None) -> str:
    """An attribute value as text, character references resolved."""
    if not value:
        return ""
    decoded = value.decode("utf-8", "replace")
    return unescape(decoded) if "&" in decoded else decoded


def relationships(xml: bytes, source: str) -> list[tuple[str, str, str]]:
    """(id, type, target part) of each relationship of the part ``source`` ("" for the package); a target is
    relative to the source's folder unless it starts with a slash.  External targets are left out."""
    folder = posixpath.dirname(source)
    out = []
    for m in _REL_EL.finditer(xml):
        a = attrs(m.group(1))
        target = text(a.get(b"Target"))
        if not target or a.get(b"TargetMode") == b"External":
            continue
        target = target.replace("\\", "/")
        if target.startswith("/"):
            part = target.lstrip("/")
        elif target.startswith(".") or "/." in target:
            part = posixpath.normpath(posixpath.join(folder, target))
        else:
            part = f"{folder}/{target}" if folder else target
        out.append((text(a.get(b"Id")), text(a.get(b"Type")), part))
    return out


def rels_part(part: str) -> str:
    """Where the relationships of ``part`` are: ``xl/workbook.xml`` -> ``xl/_rels/workbook.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def main_part(package_rels: bytes | None, members) -> str | None:
    """The workbook part: the package's officeDocument relationship, else where it usually is."""
    if package_rels:
        for _, typ, part in relationships(package_rels, ""):
            if typ.endswith("/officeDocument") and part in members:
                return part
    return next((p for p in MAIN_PART_DEFAULTS if p in members), None)


def content_type(xml: bytes, part: str) -> str:
    """The content type ``[Content_Types].xml`` gives ``part`` ("" when it names none)."""
    name = b"/" + part.encode("utf-8")
    for m in _OVERRIDE_EL.finditer(xml):
        if name in m.group(1):
            a = attrs(m.group(1))
            if text(a.get(b"PartName")).lstrip("/") == part:
                return text(a.get(b"ContentType"))
    return ""


@dataclass
class Workbook:
    """The workbook part's sheets (name -> part) and its other parts by kind (sharedStrings, styles)."""

    sheets: dict[str, str] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)


def workbook_parts(workbook_xml: bytes, rels_xml: bytes, main: str, members) -> Workbook:
    """Sheets in workbook order, mapped through the workbook's relationships to parts that exist."""
    targets = {}
    out = Workbook()
    for rid, typ, part in relationships(rels_xml, main):
        targets[rid] = part
        kind = typ.rpartition("/")[2]
        if kind in ("sharedStrings", "styles") and part in members:
            out.parts[kind] = part
    for m in _SHEET_EL.finditer(workbook_xml):
        a = attrs(m.group(1))
        sheet_part = targets.get(text(a.get(b"id")))
        if sheet_part and sheet_part in members:
            out.sheets[text(a.get(b"name"))] = sheet_part
    return out
