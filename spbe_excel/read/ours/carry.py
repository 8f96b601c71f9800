"""Last year's consolidated workbooks, for ``master new --from``: the year's
final one, or several of its periods (files, or a folder of them).

Only workbooks this tool wrote are read (their metadata sheet says so): a file
named on its own that is not one is refused; in a folder, such files are
passed over.  From the latest period's workbook come the plan (the Master
sheet) and its OPDs (the table per OPD on the Ringkasan sheet); from all of
them, per action and OPD, the latest state reported in the year (a workbook
of version 3 on holds it, chained over the periods by ``--previous``; an
older one, the state its own period reported).  Every action that one of its
OPDs did not finish (its latest state is not a supported *Selesai*) is
carried, with that OPD and why (:func:`~spbe_excel.master.draft.carry_reason`).
An action is told apart from another of its indicator by the workbook's
action column when it has one, else by its indicator's No (one action each).
Workbooks of different instansi or years are refused, each named.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spbe_excel.errors import PreviousWorkbookError
from spbe_excel.master.draft import CarriedReport, LastYear, LastYearAction, carry_reason, same_institution
from spbe_excel.master.registry import CODE_RE, Opd
from spbe_excel.master.tables import Table, header_map
from spbe_excel.model import values
from spbe_excel.model.columns import WORKBOOK_FORMAT, Column, Kind, Source, norm
from spbe_excel.model.pairs import LatestState
from spbe_excel.model.periods import Period, period_bounds, periods_of_year
from spbe_excel.text import LANGS, t

# A column of the Master sheet naming each action, when the workbook has one (found by its label).
ACTION = Column("action", "Aksi", "Action", Kind.TEXT, Source.MASTER, ("no aksi", "kode aksi", "action no"))

PathLike = str | os.PathLike


def _refuse(key: str, path: PathLike, **params) -> PreviousWorkbookError:
    return PreviousWorkbookError(key, path=path, **params)


def _sheet(book, names: list[str], key: str) -> list[list] | None:
    wanted = {norm(t(key, lang)) for lang in LANGS}
    name = next((n for n in names if norm(n) in wanted), None)
    return None if name is None else book.get_sheet_by_name(name).to_python(skip_empty_area=False)


@dataclass(frozen=True)
class _Rekap:
    """One consolidated workbook of the year, as read."""

    path: Path
    period: Period | None
    as_of: str
    institution: str
    year: int
    plan: list[dict]
    states: dict[tuple[str, str], LatestState]
    opds: tuple[Opd, ...]
    fingerprint: str = ""  # of the plan it was made with

    @property
    def end(self) -> dt.date:
        """The last day of its period (the order of the year's workbooks)."""
        bounds = period_bounds(self.period.label()) if self.period is not None else None
        return bounds[1] if bounds else dt.date.min


def read_year(paths: Sequence[PathLike]) -> LastYear:
    """What last year's consolidated workbooks ``paths`` (workbooks, or folders of them) carry into a new plan;
    a :class:`PreviousWorkbookError` for a file that is not one, a folder that holds none, or workbooks of
    different instansi or years."""
    unique: dict[Path, tuple[Path, bool]] = {}  # the same file reached twice (named, in a folder) is read once
    for path, named in _workbooks(paths):
        first, was_named = unique.setdefault(path.resolve(), (path, named))
        unique[path.resolve()] = (first, was_named or named)
    rekaps = [r for path, named in unique.values() if (r := _read(path, named)) is not None]
    source = ", ".join(str(p) for p in paths)
    if not rekaps:
        raise _refuse("usage.from_none", source)
    _same(rekaps, lambda r: r.institution, same_institution, lambda r: r.institution, "usage.from_mixed_instansi")
    _same(rekaps, lambda r: str(r.year), str.__eq__, lambda r: r.period.label() if r.period else str(r.year),
          "usage.from_mixed_years")
    _same(rekaps, lambda r: r.fingerprint, str.__eq__, lambda r: r.fingerprint, "usage.from_mixed_plans")
    _once_per_period(rekaps)
    rekaps.sort(key=lambda r: (r.end, r.as_of, str(r.path)))
    last = rekaps[-1]
    states = _latest_states(rekaps)
    periods = tuple(dict.fromkeys(r.period.label() for r in rekaps if r.period is not None))
    actions, finished = _carried(last.plan, states, periods[-1] if periods else "")
    return LastYear(source=source, year=last.year,
                    rows=tuple((r["no"], r["aspect"], r["indicator"]) for r in last.plan), opds=last.opds,
                    actions=actions, institution=last.institution, periods=periods,
                    missing_last=_missing_last(last.period), finished=finished)


def read_last_year(path: PathLike) -> LastYear:
    """:func:`read_year` of one workbook (or folder)."""
    return read_year([path])


def _workbooks(paths: Sequence[PathLike]) -> list[tuple[Path, bool]]:
    """Each workbook to read, and whether it was named on its own (not found in a folder): the files given (a
    year workbook stands for the consolidated workbooks it was made from), and the .xlsx files under each
    folder given (Excel's owner files and hidden files passed over)."""
    out: list[tuple[Path, bool]] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            made_from = year_sources(path)
            out += [(path, True)] if made_from is None else [(p, True) for p in made_from]
            continue
        found = sorted(p for p in path.rglob("*.xlsx") if p.is_file()
                       and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts))
        out += [(p, False) for p in found]
    return out


def year_sources(path: Path) -> list[Path] | None:
    """The consolidated workbooks the year workbook ``path`` (``spbe-excel year``) was made from, each where it
    was then or beside the year workbook and with the SHA-256 it had; None when ``path`` is no year workbook;
    a refusal naming those not found."""
    import hashlib
    import json

    from spbe_excel.read.ours.previous import open_with_meta
    from spbe_excel.year.model import YEAR_FORMAT

    try:
        meta = open_with_meta(path)[2]
    except Exception:
        return None
    if meta.get("format") != YEAR_FORMAT:
        return None
    try:
        listed = json.loads(meta.get("source_files", "") or "[]")
    except ValueError:
        listed = []
    found: list[Path] = []
    missing: list[str] = []
    for source in listed if isinstance(listed, list) else []:
        name, sha = str(source.get("name", "")), str(source.get("sha256", ""))
        places = [path.parent / Path(name).name, Path(str(source.get("path", "")))]
        match = next((p for p in places if p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest() == sha),
                     None)
        if match is not None:
            found.append(match)
        else:
            missing.append(name)
    if missing or not found:
        raise _refuse("usage.from_year_sources", path, missing=", ".join(missing) or "-",
                      folder=path.parent)
    return found


def _read(path: Path, named: bool) -> _Rekap | None:
    """One consolidated workbook; None for a file in a folder that is not one (a refusal for a file named on its
    own)."""
    from spbe_excel.read.ours.previous import monev_pairs, open_with_meta

    try:
        book, names, meta = open_with_meta(path)
    except Exception:
        if named:
            raise _refuse("usage.from_unreadable", path) from None
        return None
    master = _sheet(book, names, "wb.sheet.master")
    plan = _plan_rows(Table("Master", master)) if master is not None else []
    monev = book.get_sheet_by_name(meta["monev_sheet"]).to_python(skip_empty_area=False) \
        if meta.get("format") == WORKBOOK_FORMAT and meta.get("monev_sheet") in names and plan else []
    pairs = monev_pairs(monev, meta) if monev else None
    if pairs is None:
        if named:
            raise _refuse("usage.from_not_ours", path)
        return None
    period = Period.stated(meta["period"]) if meta.get("period", "").strip() else None
    year = period.year if period is not None and period.year else _plan_year(meta, plan)
    summary = _sheet(book, names, "wb.sheet.summary")
    return _Rekap(path, period, meta.get("as_of", ""), meta.get("institution", "") or _institution(monev), year, plan,
                  _states(pairs, meta), _opds(summary or [], plan), meta.get("fingerprint", "").strip())


def _plan_year(meta: dict[str, str], plan: list[dict]) -> int:
    """The year of a workbook whose period does not say: its plan's year, else its latest target year."""
    year = meta.get("plan_year", "")
    return int(year) if year.isdigit() else max(r["target_year"] or 0 for r in plan)


def _institution(monev: list[list]) -> str:
    """The instansi a workbook names in its Monev sheet's title ("REKAP MONEV ... - Kabupaten Contoh"), for a
    workbook whose metadata does not say; "" when the title is not one the tool writes."""
    title = values.as_text(monev[0][0]).strip() if monev and monev[0] else ""
    for lang in LANGS:
        head = f"{t('wb.title', lang)} - "
        if title.startswith(head):
            return title[len(head):].strip()
    return ""


def _states(pairs, meta: dict[str, str]) -> dict[tuple[str, str], LatestState]:
    """The latest state of the year of every pair a workbook holds (none for a pair never reported)."""
    from spbe_excel.read.ours.previous import latest_of_row

    return {(action, opd): state for action, opd, row, col in pairs
            if (state := latest_of_row(row, col, meta)) is not None}


def _same(rekaps: list[_Rekap], key: Callable[[_Rekap], str], alike: Callable[[str, str], bool],
          shown: Callable[[_Rekap], str], refusal: str) -> None:
    """Refuse workbooks whose ``key`` (an instansi, a year; one not known agrees with any) is not ``alike``, naming
    each with what it ``shown``."""
    known = [r for r in rekaps if key(r)]
    if known and not all(alike(key(r), key(known[0])) for r in known):
        raise _refuse(refusal, ", ".join(str(r.path) for r in rekaps),
                      files="; ".join(f"{r.path} ({shown(r) or '-'})" for r in rekaps))


def _once_per_period(rekaps: list[_Rekap]) -> None:
    """Refuse two workbooks of one period (a copy, or one made again): which one is the period's report is not
    for this to guess.  The same file reached twice (named, and in a folder) is one."""
    by_period: dict[str, dict[Path, _Rekap]] = {}
    for r in rekaps:
        if r.period is not None:
            by_period.setdefault(r.period.label(), {})[r.path.resolve()] = r
    for label, found in by_period.items():
        if len(found) > 1:
            files = ", ".join(str(r.path) for r in found.values())
            raise _refuse("usage.from_twice", files, period=label, files=files)


def _end(state: LatestState) -> dt.date:
    bounds = period_bounds(state.period) if state.period else None
    return bounds[1] if bounds else dt.date.min


def _latest_states(rekaps: list[_Rekap]) -> dict[tuple[str, str], LatestState]:
    """Per pair the latest state over the year's workbooks (in period order): the one reported in the latest
    period, a later workbook's on a tie."""
    out: dict[tuple[str, str], LatestState] = {}
    for rekap in rekaps:
        for key, state in rekap.states.items():
            if key not in out or _end(state) >= _end(out[key]):
                out[key] = state
    return out


def _missing_last(period: Period | None) -> str:
    """The year's last period of the kind of ``period`` (the latest read) when it is not that one: "Triwulan IV
    2025" when the latest is Triwulan III 2025; "" when it is, or for a whole year or a period of no kind."""
    if period is None or period.kind not in ("q", "s", "m") or period.year is None:
        return ""
    final = periods_of_year(period.kind, period.year)[-1]
    return "" if final == period else final.label()


def _carried(plan: list[dict], states: dict, last_period: str) -> tuple[tuple[LastYearAction, ...], int]:
    """The actions of ``plan`` that some OPD did not finish, each with those OPDs and why; and how many (action,
    OPD) pairs did finish."""
    carried = []
    finished = 0
    for r in plan:
        reports = []
        for opd in r["opds"]:
            state = states.get((r["action"], opd), states.get((str(r["no"]), opd)))
            why = carry_reason(state, last_period)
            if why is None:
                finished += 1
            else:
                reports.append(CarriedReport(opd, state, why))
        if reports:
            carried.append(LastYearAction(r["no"], r["action"], r["indicator"], r["recommendation"], r["follow_up"],
                                          tuple(x.opd for x in reports), tuple(reports), len(r["opds"]) > 1,
                                          r["target_year"]))
    return tuple(carried), finished


def _plan_rows(table: Table) -> list[dict]:
    """The rows of the Master sheet: every master column by key, the OPD codes split, each with its action."""
    from spbe_excel.model.columns import MASTER_FILE_COLUMNS

    header = header_map(table, (*MASTER_FILE_COLUMNS, ACTION))
    if header is None or not {"no", "indicator", "opds", "aspect"} <= header[1].keys():
        return []
    header_row, cols = header
    rows: list[dict] = []
    for row in table.rows[header_row + 1:]:
        def cell(key: str, row: list = row):
            c = cols.get(key)
            return row[c] if c is not None and c < len(row) else ""

        try:
            no = values.parse_int(cell("no"))
        except values.ParseError:
            continue
        try:
            year = values.parse_year(cell("target_year"))
        except values.ParseError:
            year = None
        rows.append({"no": no, "action": values.as_text(cell("action")).strip(),
                     **{k: values.as_text(cell(k)).strip() for k in ("indicator", "aspect", "recommendation",
                                                                    "follow_up")},
                     "target_year": year,
                     "opds": tuple(x.strip() for x in re.split(r"[;,\n]+", values.as_text(cell("opds")))
                                   if x.strip())})
    count: dict[int, int] = {}
    for r in rows:
        count[r["no"]] = count.get(r["no"], 0) + 1
    seen: dict[int, int] = {}
    for r in rows:  # actions numbered in row order when the sheet does not name them
        n: int = r["no"]
        seen[n] = seen.get(n, 0) + 1
        r["action"] = r["action"] or (str(n) if count[n] == 1 else f"{n}.{seen[n]}")
    return rows


def _opds(summary: list[list], plan: list[dict]) -> tuple[Opd, ...]:
    """The OPDs of the table per OPD (code and official name), then any code of the plan it lacks."""
    heads = {(norm(t("wb.opd.code", lang)), norm(t("wb.opd.name", lang))) for lang in LANGS}
    found: dict[str, Opd] = {}
    start = next((r for r, row in enumerate(summary) if len(row) >= 2 and (norm(row[0]), norm(row[1])) in heads),
                 None)
    if start is not None:
        for row in summary[start + 1:]:
            code = values.as_text(row[0]).strip() if row else ""
            if not code or not CODE_RE.match(code):
                break
            found.setdefault(code, Opd(code, values.as_text(row[1]).strip() or code))
    for r in plan:
        for code in r["opds"]:
            if CODE_RE.match(code):
                found.setdefault(code, Opd(code, code))
    return tuple(found.values())
