"""Last year's final consolidated workbook, for ``master new --from``: its
plan (the Master sheet), what each OPD last reported (the Monev sheet), and
its OPDs (the table per OPD on the Ringkasan sheet).

Only a workbook this tool wrote is accepted (its metadata sheet says so).
Every action that one of its OPDs did not report *Selesai* is unfinished,
with those OPDs; an OPD that did not report counts as not finished.  An
action is told apart from another of its indicator by the workbook's action
column when it has one, else by its indicator's No (one action each).
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from spbe_excel.errors import PreviousWorkbookError
from spbe_excel.master.draft import LastYear, LastYearAction
from spbe_excel.master.registry import CODE_RE, Opd
from spbe_excel.master.tables import Table, header_map
from spbe_excel.model import values
from spbe_excel.model.columns import WORKBOOK_FORMAT, Column, Kind, Source, norm
from spbe_excel.model.periods import period_key
from spbe_excel.model.vocab import Status
from spbe_excel.text import t

# A column of the Master sheet naming each action, when the workbook has one (found by its label).
ACTION = Column("action", "Aksi", "Action", Kind.TEXT, Source.MASTER, ("no aksi", "kode aksi", "action no"))


def _refuse(key: str, path: Path) -> PreviousWorkbookError:
    return PreviousWorkbookError(key, path=path)


def _sheet(book, names: list[str], key: str) -> list[list] | None:
    wanted = {norm(t(key, lang)) for lang in ("id", "en")}
    name = next((n for n in names if norm(n) in wanted), None)
    return None if name is None else book.get_sheet_by_name(name).to_python(skip_empty_area=False)


def read_last_year(path: str | os.PathLike) -> LastYear:
    """What last year's final consolidated workbook ``path`` carries into a new plan; a
    :class:`PreviousWorkbookError` for a file that is not one."""
    from spbe_excel.read.ours.previous import open_with_meta

    path = Path(path)
    try:
        book, names, meta = open_with_meta(path)
    except Exception:
        raise _refuse("usage.from_unreadable", path) from None
    master = _sheet(book, names, "wb.sheet.master")
    if meta.get("format") != WORKBOOK_FORMAT or meta.get("monev_sheet") not in names or master is None:
        raise _refuse("usage.from_not_ours", path)
    plan = _plan_rows(Table("Master", master))
    if not plan:
        raise _refuse("usage.from_not_ours", path)
    reports = _reports(book.get_sheet_by_name(meta["monev_sheet"]).to_python(skip_empty_area=False), meta)
    year = period_key(meta.get("period", ""))
    plan_year = year[2] if len(year) > 2 and isinstance(year[2], int) else max(r["target_year"] or 0 for r in plan)
    summary = _sheet(book, names, "wb.sheet.summary")
    return LastYear(
        source=str(path), year=plan_year,
        rows=tuple((r["no"], r["aspect"], r["indicator"]) for r in plan),
        opds=_opds(summary or [], plan),
        actions=tuple(a for r in plan if (a := _unfinished(r, reports)) is not None))


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


def _reports(rows: list[list], meta: dict[str, str]) -> dict[tuple[str, str], tuple[Status | None, float | None]]:
    """What each OPD reported per action (or per No, without an action column): status and progress."""
    keys = meta.get("monev_columns", "").split(",")
    col = {k: i for i, k in enumerate(keys)}
    header_row = int(meta.get("monev_header_row", "1") or 1) - 1
    out = {}
    for row in rows[header_row + 1:]:
        def cell(key: str, row: list = row):
            return row[col[key]] if key in col and col[key] < len(row) else ""

        try:
            no = values.parse_int(cell("no"))
        except values.ParseError:
            continue
        action = values.as_text(cell("action")).strip() if "action" in col else ""
        status = progress = None
        with contextlib.suppress(values.ParseError):
            status = values.parse_status(cell("status")) if not values.is_empty(cell("status")) else None
        with contextlib.suppress(values.ParseError):
            progress = values.parse_percent(cell("progress"), fractions=True) \
                if not values.is_empty(cell("progress")) else None
        out[(action or str(no), str(cell("opd")).strip())] = (status, progress)
    return out


def _unfinished(row: dict, reports: dict) -> LastYearAction | None:
    """The action of a plan row if one of its OPDs did not report it Selesai, with those OPDs."""
    states = []
    for opd in row["opds"]:
        status, progress = reports.get((row["action"], opd), reports.get((str(row["no"]), opd), (None, None)))
        if status != Status.DONE:
            states.append((opd, status, progress))
    if not states:
        return None
    return LastYearAction(row["no"], row["action"], row["indicator"], row["recommendation"], row["follow_up"],
                          tuple(opd for opd, _, _ in states), tuple(states), len(row["opds"]) > 1)


def _opds(summary: list[list], plan: list[dict]) -> tuple[Opd, ...]:
    """The OPDs of the table per OPD (code and official name), then any code of the plan it lacks."""
    heads = {(norm(t("wb.opd.code", lang)), norm(t("wb.opd.name", lang))) for lang in ("id", "en")}
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
