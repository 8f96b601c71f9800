"""The evidence pack for the evaluation (issue 19, ``spbe-excel evidence pack``): one zip with a folder per
indicator of the plan (its number and name) holding the evidence files of its actions, and an index workbook at
the top: indicator, action, OPD, document number and title, the file (a link to it inside the zip), SHA-256,
size, when attached, DKIS's verification and by whom.

The same inputs give the same bytes: the files in a fixed order, every entry dated (a folder and the index by
the latest file), the workbook with a fixed creation time, nothing taken from the clock or the machine.  Names
inside the zip are safe on Windows (:func:`windows_name`): plain characters, no reserved device names, short
enough for a path under Windows' 260 characters once extracted, and no two names in a folder equal but for
their case.  Each file is copied into the zip a megabyte at a time, stored as it is (documents, images and
office files are compressed already), so a pack of any size is written in bounded memory."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spbe_excel.io import Formats, atomic_output, write_text
from spbe_excel.io.fastxlsx import new_workbook
from spbe_excel.model.evidence_files import KINDS, PackedFile
from spbe_excel.text import check_lang, t

FOLDER_CHARS = 60  # an indicator's folder name, at most
FILE_CHARS = 90  # a file's name, its suffix included, at most
_ALLOWED = re.compile(r"[^A-Za-z0-9 ._()+,-]+")  # no # or % either: a link to the file must not be cut there
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
                       *(f"{d}{n}" for d in ("COM", "LPT") for n in (*"123456789", "\u00b9", "\u00b2", "\u00b3"))})
_EPOCH = dt.datetime(1980, 1, 1)  # the earliest time a zip entry holds
_COLUMNS = (("no", 6), ("indicator", 40), ("action", 8), ("opd", 12), ("number", 24), ("title", 36),
            ("file", 50), ("sha256", 20), ("size", 11), ("added", 18), ("verdict", 18), ("by", 16))


def windows_name(text: str, limit: int, suffix: str = "", default: str = "berkas") -> str:
    """``text`` as a file or folder name any Windows accepts: ASCII letters, digits and a few marks (accents
    dropped, a bidirectional control or a path separator gone), spaces collapsed, no leading or trailing space
    or dot, not a reserved device name (``CON``, ``com1.txt``), at most ``limit`` characters with ``suffix``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = " ".join(_ALLOWED.sub(" ", plain).split())
    stem = plain[: max(1, limit - len(suffix))].strip(" .") or default
    if stem.split(".", 1)[0].strip().upper() in _RESERVED:
        stem = "_" + stem[: max(1, limit - len(suffix) - 1)]
    return stem + suffix


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``...: the first no other name of its folder equals ignoring case."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem} ({n})" + (f".{suffix}" if suffix else "")
    taken.add(candidate.lower())
    return candidate


@dataclass(frozen=True)
class PackWritten:
    """A pack written: where, the name of the index workbook in it, and each file's name in it."""

    path: Path
    index: str
    names: tuple[tuple[PackedFile, str], ...]
    folders: tuple[str, ...]


def pack_order(files: Iterable[PackedFile]) -> list[PackedFile]:
    """The pack's order: by indicator, action, OPD, document number, title, then the file itself."""
    return sorted(files, key=lambda f: (f.no, _action_key(f.action), f.opd, f.number, f.title, f.sha256, f.added))


def _action_key(action: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in action.split("."))


def _entry_time(at: dt.datetime, zone: dt.tzinfo) -> tuple[int, int, int, int, int, int]:
    local = at.astimezone(zone).replace(tzinfo=None) if at.tzinfo else at
    local = max(local, _EPOCH)
    return (local.year, local.month, local.day, local.hour, local.minute, local.second - local.second % 2)


def pack_names(indicators: Sequence[tuple[int, str]], files: Sequence[PackedFile]
               ) -> tuple[dict[int, str], list[tuple[PackedFile, str]]]:
    """The folder of each indicator and the path of each file (in :func:`pack_order`) inside the pack."""
    width = len(str(max((no for no, _ in indicators), default=0)))
    folders = {no: windows_name(f"{no:0{width}d} {name}", FOLDER_CHARS, default=f"{no:0{width}d}")
               for no, name in indicators}
    taken: dict[int, set[str]] = {}
    for f in files:
        folders.setdefault(f.no, windows_name(f"{f.no:0{width}d} {f.indicator}", FOLDER_CHARS))
    seen: set[str] = set()
    for no in list(folders):  # two indicators whose names differ by case only: each its own folder
        folders[no] = _unique(folders[no], seen)
    named = []
    for f in pack_order(files):
        kind = KINDS.get(f.kind)
        suffix = kind.suffix if kind else Path(f.file_name).suffix.lower()[:8]
        words = " ".join(w for w in (f.action, f.opd, f.number, f.title) if w)
        name = _unique(windows_name(words, FILE_CHARS, suffix), taken.setdefault(f.no, set()))
        named.append((f, f"{folders[f.no]}/{name}"))
    return folders, named


def write_evidence_pack(files: Sequence[PackedFile], indicators: Sequence[tuple[int, str]], output: str | Path, *,
                        lang: str = "id", zone: dt.tzinfo = dt.timezone.utc, title: str = "") -> PackWritten:
    """Write the pack of ``files`` to ``output`` (a zip): a folder per indicator of ``indicators`` ((No, name), in
    plan order; an indicator of a file not among them gets its folder too), each file in its indicator's folder,
    and the index workbook.  Times inside the zip are written in ``zone``; ``title`` heads the index."""
    lang = check_lang(lang)
    folders, named = pack_names(indicators, files)
    latest = max((f.added for f in files), default=None)
    stamp = _entry_time(latest, zone) if latest else _entry_time(_EPOCH, zone)
    index_name = windows_name(t("evidence.pack.index_file", lang), FILE_CHARS, ".xlsx")
    with atomic_output(output) as tmp, tempfile.TemporaryDirectory(prefix="spbe-pack-") as work:
        book = Path(work) / "index.xlsx"
        _write_index(book, named, lang, zone, title, dt.datetime(*stamp))
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
            _add(zf, index_name, book, stamp)
            for no in sorted(folders):
                info = zipfile.ZipInfo(folders[no] + "/", date_time=stamp)
                info.external_attr = 0o40755 << 16 | 0x10
                zf.writestr(info, b"")
            for f, name in named:
                _add(zf, name, Path(f.source), _entry_time(f.added, zone))
    return PackWritten(Path(output), index_name, tuple(named), tuple(folders[no] for no in sorted(folders)))


def _add(zf: zipfile.ZipFile, name: str, source: Path, stamp: tuple[int, int, int, int, int, int]) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    info.file_size = source.stat().st_size
    with open(source, "rb") as src, zf.open(info, "w", force_zip64=info.file_size > 0x7FFF0000) as dst:
        shutil.copyfileobj(src, dst, 1 << 20)


def _write_index(path: Path, named: list[tuple[PackedFile, str]], lang: str, zone: dt.tzinfo, title: str,
                 created: dt.datetime) -> None:
    wb = new_workbook(path, created)
    f = Formats(wb, {"font_name": "Calibri", "font_size": 10})
    head = f(bold=True, bg_color="#BFBFBF", text_wrap=True, valign="vcenter", border=1)
    cell = f(text_wrap=True, valign="top", border=1)
    link = f(text_wrap=True, valign="top", border=1, font_color="#1F5F99", underline=1)
    code = f(valign="top", border=1, font_name="Consolas", font_size=9)
    number = f(valign="top", border=1, align="center")
    when = f(valign="top", border=1, num_format="yyyy-mm-dd hh:mm", align="left")
    ws = wb.add_worksheet(t("evidence.pack.sheet", lang))
    top = 0
    if title:
        write_text(ws, 0, 0, title, f(bold=True, font_size=12))
        top = 2
    for c, (key, width) in enumerate(_COLUMNS):
        ws.set_column(c, c, width)
        ws.write_string(top, c, t(f"evidence.pack.col.{key}", lang), head)
    for r, (pf, name) in enumerate(named, top + 1):
        ws.write_number(r, 0, pf.no, number)
        for c, text in ((1, pf.indicator), (2, pf.action), (3, pf.opd), (4, pf.number), (5, pf.title)):
            write_text(ws, r, c, text, cell)
        ws.write_url(r, 6, "external:" + name, link, string=name,
                     tip=t("evidence.pack.open", lang))
        ws.write_string(r, 7, pf.sha256, code)
        ws.write_number(r, 8, pf.size, number)
        ws.write_datetime(r, 9, pf.added.astimezone(zone).replace(tzinfo=None) if pf.added.tzinfo else pf.added,
                          when)
        verdict = t(f"evidence.verdict.{pf.verdict or 'none'}", lang)
        write_text(ws, r, 10, verdict, cell)
        write_text(ws, r, 11, pf.verified_by, cell)
    ws.freeze_panes(top + 1, 0)
    if named:
        ws.autofilter(top, 0, top + len(named), len(_COLUMNS) - 1)
    wb.close()
