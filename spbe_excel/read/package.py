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

from spbe_excel.read.extent import unescape

_SHEET_EL = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_REL_EL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_OVERRIDE_EL = re.compile(rb"<(?:\w+:)?Override\b([^>]*)/?>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')

MAIN_PART_DEFAULTS = ("xl/workbook.xml", "xl/workbook.bin")


def member_name(name: str) -> str:
    """A zip member's name as a part name: slashes, no leading slash."""
    return name.replace("\\", "/").lstrip("/")


def attrs(blob: bytes) -> dict[str, str]:
    """The attributes of a tag, by local name, with character references resolved."""
    out = {}
    for k, v1, v2 in _ATTR.findall(blob):
        text = (v1 or v2).decode("utf-8", "replace")
        out[k.decode("ascii", "replace").rpartition(":")[2]] = unescape(text) if "&" in text else text
    return out


def relationships(xml: bytes, source: str) -> list[tuple[str, str, str]]:
    """(id, type, target part) of each relationship of the part ``source`` ("" for the package); a target is
    relative to the source's folder unless it starts with a slash.  External targets are left out."""
    folder = posixpath.dirname(source)
    out = []
    for m in _REL_EL.finditer(xml):
        a = attrs(m.group(1))
        target = a.get("Target", "")
        if not target or a.get("TargetMode", "") == "External":
            continue
        target = target.replace("\\", "/")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.append((a.get("Id", ""), a.get("Type", ""), part))
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


def content_types(xml: bytes) -> dict[str, str]:
    """Part name -> content type, from the overrides of ``[Content_Types].xml``."""
    out = {}
    for m in _OVERRIDE_EL.finditer(xml):
        a = attrs(m.group(1))
        out[member_name(a.get("PartName", ""))] = a.get("ContentType", "")
    return out


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
        sheet_part = targets.get(a.get("id", ""))
        if sheet_part and sheet_part in members:
            out.sheets[a.get("name", "")] = sheet_part
    return out
