"""A consolidated workbook read back for the year (``spbe-excel year``, ``spbe-excel report``): its period and
as-of date, its plan (the Master sheet, rebuilt into a plan and checked against the workbook's fingerprint),
what each (action, OPD) pair reported (the Monev sheet), who is expected to report (the table per OPD of
Ringkasan) and when each OPD's file was received (the Sumber sheet).

Columns are found by their headers, in either language, wherever they stand (a later version may add
columns), and a sheet by its name in either language; the metadata sheet says which workbook it is.  Only a
workbook this tool wrote is accepted: anything else is a :class:`~spbe_excel.errors.UsageError` that names
the file."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from pathlib import Path

from spbe_excel.errors import MasterListError, UsageError
from spbe_excel.master.load import MasterTables, build_master
from spbe_excel.master.registry import CODE_RE
from spbe_excel.master.tables import Table
from spbe_excel.model import values
from spbe_excel.model.columns import BY_KEY, WORKBOOK_FORMAT, norm
from spbe_excel.model.periods import Period
from spbe_excel.model.vocab import FileState, PairState
from spbe_excel.text import LANGS, t
from spbe_excel.year.model import YEAR_FORMAT, PairReport, RekapPeriod

MONEV_KEYS = ("no", "action", "opd", "status", "progress", "current_level", "level_used", "level_verified", "state")
VERIFIED_VERSION = 4  # the first version of the consolidated workbook with the verified level (issue 19)
HEADER_ROWS = 12  # a header is looked for in the first rows of a sheet


def _labels(key: str) -> set[str]:
    """The headers of a Monev column in every language."""
    col = BY_KEY[key]
    return {norm(col.label_id), norm(col.label_en)}


def _texts(key: str) -> set[str]:
    return {norm(t(key, lang)) for lang in LANGS}


def find_header(rows: list[list], wanted: dict[str, set[str]], required: set[str],
                first: int = 0) -> tuple[int, dict[str, int]] | None:
    """The first row (from ``first``, among the first :data:`HEADER_ROWS` after it) that names every
    ``required`` column, with the column of each key of ``wanted`` it names (by normalised header text)."""
    for r in range(first, min(len(rows), first + HEADER_ROWS)):
        found: dict[str, int] = {}
        for c, cell in enumerate(rows[r]):
            text = norm(cell) if not values.is_empty(cell) else ""
            for key, names in wanted.items():
                if text and key not in found and text in names:
                    found[key] = c
                    break
        if required <= found.keys():
            return r, found
    return None


def _refuse(key: str, path: Path, **params) -> UsageError:
    return UsageError(key, path=path, **params)


def read_rekap(path: str | os.PathLike) -> RekapPeriod:
    """The consolidated workbook ``path`` read back (see the module); a :class:`UsageError` naming the file for
    anything else, for a year workbook (``usage.year_is_year``) or for a workbook whose period is not one a
    plan names."""
    from spbe_excel.read.ours.previous import open_with_meta

    path = Path(path)
    try:
        book, names, meta = open_with_meta(path)
    except Exception:
        raise _refuse("usage.year_unreadable", path) from None
    if meta.get("format") == YEAR_FORMAT:
        raise _refuse("usage.year_is_year", path)
    monev_name = meta.get("monev_sheet", "")
    if meta.get("format") != WORKBOOK_FORMAT or monev_name not in names:
        raise _refuse("usage.year_not_rekap", path)
    period = Period.stated(meta.get("period", ""))
    if period.kind == "text" or period.year is None:
        raise _refuse("usage.year_period_unknown", path, period=meta.get("period", "") or "-")
    try:
        as_of = dt.date.fromisoformat(meta.get("as_of", ""))
    except ValueError:
        raise _refuse("usage.year_not_rekap", path) from None

    def sheet(key: str) -> list[list]:
        name = next((n for n in names if norm(n) in _texts(key)), None)
        if name is None:
            raise _refuse("usage.year_not_rekap", path)
        return book.get_sheet_by_name(name).to_python(skip_empty_area=False)

    summary = sheet("wb.sheet.summary")
    institution = _institution(summary)
    opds = _opd_table(summary)
    master = _plan(path, sheet("wb.sheet.master"), opds, institution, period.year, meta.get("fingerprint", ""))
    pairs, verifiable = _pairs(path, book.get_sheet_by_name(monev_name).to_python(skip_empty_area=False), meta)
    codes = {code for code, _ in opds}
    opds += tuple((code, code) for code in master.opd_codes if code not in codes)
    data = path.read_bytes()
    return RekapPeriod(str(path), period, as_of, master.fingerprint, institution, master, pairs, opds,
                       _received(sheet("wb.sheet.sources")), hashlib.sha256(data).hexdigest(), len(data),
                       verifiable)


def _institution(summary: list[list]) -> str:
    """The institution the title of Ringkasan names ("REKAP MONEV ... - Kabupaten Contoh")."""
    title = values.as_text(summary[0][0]).strip() if summary and summary[0] else ""
    for lang in LANGS:
        head = f"{t('wb.title', lang)} - "
        if title.startswith(head):
            return title[len(head):].strip()
    return ""


def _opd_table(summary: list[list]) -> tuple[tuple[str, str], ...]:
    """(code, name) of every row of the table per OPD on Ringkasan, in order."""
    found = None
    for r, row in enumerate(summary):
        if len(row) >= 2 and norm(row[0]) in _texts("wb.opd.code") and norm(row[1]) in _texts("wb.opd.name"):
            found = r
            break
    out: list[tuple[str, str]] = []
    if found is None:
        return ()
    for row in summary[found + 1:]:
        code = values.as_text(row[0]).strip() if row else ""
        if not code or not CODE_RE.match(code):
            break
        out.append((code, values.as_text(row[1]).strip() or code))
    return tuple(out)


def _plan(path: Path, rows: list[list], opds: tuple[tuple[str, str], ...], institution: str, year: int,
          fingerprint: str):
    """The plan of the Master sheet, with the OPDs of the table per OPD (and any other code it names); refused
    when it is not the plan the workbook's fingerprint names (edited after the fact)."""
    codes = dict(opds)
    header = find_header(rows, {"opds": _labels("opds")}, {"opds"})
    if header is not None:
        for row in rows[header[0] + 1:]:
            c = header[1]["opds"]
            for part in values.as_text(row[c] if c < len(row) else "").split(";"):
                if CODE_RE.match(part.strip()):
                    codes.setdefault(part.strip(), part.strip())
    registry = Table("OPD", [["Kode", "Nama Resmi"], *([code, name] for code, name in codes.items())])
    info = Table("Info", [["Instansi", institution], ["Tahun Rencana", year]])
    try:
        master = build_master(MasterTables(str(path), Table("Master", rows), registry, info))
    except MasterListError:
        raise _refuse("usage.year_not_rekap", path) from None
    if norm(master.fingerprint) != norm(fingerprint):
        raise _refuse("usage.year_master_changed", path, fingerprint=fingerprint, found=master.fingerprint)
    return master


def _states() -> dict[str, PairState]:
    """Report states by their words as written and normalised, in either language."""
    words = {t(f"state.{s}", lang): s for s in PairState for lang in LANGS}
    return {**words, **{norm(w): s for w, s in words.items()}}


def _version(meta: dict[str, str]) -> int:
    try:
        return int(meta.get("version", "") or 0)
    except ValueError:
        return 0


def _pairs(path: Path, rows: list[list], meta: dict[str, str]) -> tuple[tuple[PairReport, ...], bool]:
    """Every pair row of the Monev sheet: its header found by the labels of its columns (where the metadata
    says, else in the first rows), else placed by the metadata's list of columns; and whether the sheet holds the
    verified level (a workbook of version 4 on with the column *Tingkat Terverifikasi*: else no pair has one)."""
    wanted = {key: _labels(key) for key in MONEV_KEYS}
    required = {"no", "opd", "status", "progress", "state"}
    start = max(0, int(meta.get("monev_header_row", "1") or 1) - 1)
    header = find_header(rows, wanted, required, start) or find_header(rows, wanted, required)
    if header is None:
        keys = meta.get("monev_columns", "").split(",")
        if not required <= set(keys) or start >= len(rows):
            raise _refuse("usage.year_not_rekap", path)
        header = (start, {k: keys.index(k) for k in MONEV_KEYS if k in keys})
    head, col = header
    if _version(meta) < VERIFIED_VERSION:
        col.pop("level_verified", None)
    states = _states()
    out = [pair for pair in (_pair(row, col, states) for row in rows[head + 1:]) if pair is not None]
    return tuple(out), "level_verified" in col


def _level(text) -> int | None:
    with contextlib.suppress(values.ParseError):
        return None if values.is_empty(text) else values.parse_level(text)
    return None


def _pair(row: list, col: dict[str, int], states: dict[str, PairState]) -> PairReport | None:
    """The pair of a Monev row (``col``: its columns by key), None for a row that is no pair's."""
    def cell(key: str):
        c = col.get(key)
        return row[c] if c is not None and c < len(row) else ""

    try:
        no = values.parse_int(cell("no"))
    except values.ParseError:
        return None
    action = values.as_text(cell("action")).strip() or str(no)
    state = states.get(norm(cell("state")) if cell("state") not in states else cell("state"), PairState.MISSING)
    status = progress = None
    with contextlib.suppress(values.ParseError):
        status = None if values.is_empty(cell("status")) else values.parse_status(cell("status"))
    with contextlib.suppress(values.ParseError):
        progress = None if values.is_empty(cell("progress")) else \
            float(values.parse_percent(cell("progress"), fractions=True))
    level = _level(cell("current_level"))
    counted = None if level is None else _level(cell("level_used"))
    verified = None if level is None else _level(cell("level_verified"))
    return PairReport(action, no, values.as_text(cell("opd")).strip(), state, status, progress, level, counted,
                      verified)


def _received(rows: list[list]) -> dict[str, dt.datetime]:
    """Per OPD, the modification time of its file that was used (the Sumber sheet)."""
    wanted = {key: _texts(f"wb.s.{key}") for key in ("path", "opd", "modified", "use")}
    header = find_header(rows, wanted, set(wanted))
    if header is None:
        return {}
    head, col = header
    used = _texts(f"use.{FileState.ACCEPTED}")
    out: dict[str, dt.datetime] = {}
    for row in rows[head + 1:]:
        cells = {k: row[c] if c < len(row) else "" for k, c in col.items()}
        opd = values.as_text(cells["opd"]).strip()
        if not opd or norm(cells["use"]) not in used:
            continue
        when = cells["modified"]
        if isinstance(when, dt.datetime):
            out[opd] = when
            continue
        with contextlib.suppress(ValueError):
            out[opd] = dt.datetime.fromisoformat(values.as_text(when).strip())
    return out


REKAP_SUFFIXES = (".xlsx", ".xlsm")
NOT_A_REKAP = ("usage.year_not_rekap", "usage.year_is_year", "usage.year_unreadable")


def read_rekaps(sources) -> tuple[list[RekapPeriod], dict[Path, str]]:
    """The consolidated workbooks among ``sources``: each file given must be one (a :class:`UsageError` names
    it); of a folder, every workbook directly in it that is one, the others skipped and listed (a year workbook
    written there, notes)."""
    found: list[RekapPeriod] = []
    skipped: dict[Path, str] = {}  # each file skipped, and why (the key of the refusal it would have had)
    seen: set[Path] = set()
    for source in sources:
        path = Path(source)
        if path.resolve() in seen:  # the same file named twice
            continue
        seen.add(path.resolve())
        if not path.exists():
            raise UsageError("usage.path_missing", path=path)
        if not path.is_dir():
            found.append(read_rekap(path))
            continue
        for item in sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in REKAP_SUFFIXES
                           and not p.name.startswith(("~$", ".~lock", "."))):
            if item.resolve() in seen:  # named too, or in a folder named twice
                continue
            seen.add(item.resolve())
            try:
                found.append(read_rekap(item))
            except UsageError as exc:
                if exc.key not in NOT_A_REKAP:
                    raise
                skipped[item] = exc.key
    return found, skipped


def year_of_rekaps(sources, *, deadlines=None, deadline_days: int | None = None):
    """The year (:func:`~spbe_excel.year.assemble.assemble`) of the consolidated workbooks ``sources`` (files in any
    order, or folders: :func:`read_rekaps`) and the files skipped in folders (with why); ``deadlines`` maps a
    period's label to the date its reports were due (an intake round's), any other period's are due
    ``deadline_days`` after it ends."""
    from spbe_excel.year.assemble import DEFAULT_DEADLINE_DAYS, assemble

    rekaps, skipped = read_rekaps(sources)
    days = DEFAULT_DEADLINE_DAYS if deadline_days is None else deadline_days
    return assemble(rekaps, deadlines=deadlines, deadline_days=days), skipped
