"""The year workbook read back for the leaders' page (``spbe-excel report rekap-2025.xlsx``): the figures its
tables show (their cached values: what Excel or LibreOffice last worked out), found by the headers of their
columns in either language, in the rows its metadata sheet names.  What the page prints is then what the
workbook shows."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

from spbe_excel.errors import UsageError
from spbe_excel.model import values
from spbe_excel.model.columns import BY_KEY, norm
from spbe_excel.model.vocab import PairState, Status
from spbe_excel.read.ours.rekap import find_header
from spbe_excel.text import LANGS, t
from spbe_excel.text.words import status_label
from spbe_excel.year.figures import Mark
from spbe_excel.year.model import YEAR_FORMAT
from spbe_excel.year.page import OnePage, PageDomain, PageOpd, PagePeriod, group_overdue


def _texts(key: str) -> set[str]:
    return {norm(t(key, lang)) for lang in LANGS}


def _labels(key: str) -> set[str]:
    col = BY_KEY[key]
    return {norm(col.label_id), norm(col.label_en)}


def _number(v) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _marks() -> dict[str, Mark]:
    marks: dict[str, Mark] = {norm(status_label(s, lang)): s for s in Status for lang in LANGS}
    marks.update({norm(t(f"state.{s}", lang)): s for s in PairState for lang in LANGS})
    return marks


class YearBook:
    """The sheets of a year workbook, and its metadata."""

    def __init__(self, path: Path):
        from spbe_excel.read.ours.previous import open_with_meta

        self.path = path
        try:
            self.book, self.names, self.meta = open_with_meta(path)
        except Exception:
            raise UsageError("usage.report_unreadable", path=path) from None
        if self.meta.get("format") != YEAR_FORMAT:
            raise UsageError("usage.report_not_ours", path=path)

    def rows(self, key: str) -> list[list]:
        name = self.meta.get(f"{key}_sheet", "")
        if name not in self.names:
            raise UsageError("usage.report_not_ours", path=self.path)
        return self.book.get_sheet_by_name(name).to_python(skip_empty_area=False)

    def header(self, rows: list[list], key: str, wanted: dict[str, set[str]], required: set[str]):
        start = max(0, int(self.meta.get(f"{key}_header_row", "1") or 1) - 1)
        found = find_header(rows, wanted, required, start) or find_header(rows, wanted, required)
        if found is None:
            raise UsageError("usage.report_not_ours", path=self.path)
        return found


def read_year_page(path: str | os.PathLike) -> OnePage:
    """The leaders' page of the year workbook ``path``; a :class:`UsageError` for any other file."""
    wb = YearBook(Path(path))
    meta = wb.meta
    labels = meta.get("periods", "").split("|")
    present = [x == "1" for x in meta.get("present", "").split("|")]
    if len(labels) != len(present) or meta.get("latest") not in labels:
        raise UsageError("usage.report_not_ours", path=path)
    periods, baseline, target = _periods(wb, labels, present)
    now = periods[labels.index(meta["latest"])]
    if now.counted is None or now.claimed is None:
        raise UsageError("usage.report_not_ours", path=path)
    try:
        as_of = dt.date.fromisoformat(meta.get("as_of", ""))
        year, rule_year = int(meta.get("year", "")), int(meta.get("rule_year", ""))
    except ValueError:
        raise UsageError("usage.report_not_ours", path=path) from None
    overdue, count = _overdue(wb)
    return OnePage(meta.get("institution", ""), year, meta.get("fingerprint", ""), meta["latest"], as_of, baseline,
                   target, now.counted, now.claimed, meta.get("rule_exact") == "1", rule_year,
                   meta.get("baseline_rule_exact") == "1", tuple(periods), _domains(wb, meta["latest"]),
                   _opds(wb, labels, present), overdue, count, str(path), now.verified)


def _periods(wb: YearBook, labels: list[str], present: list[bool]) -> tuple[list[PagePeriod], float, float]:
    """The index per period of Ringkasan, and the baseline and the target (a verified index that is no number:
not available)."""
    keys = ("period", "baseline", "target", "claimed", "counted", "verified")
    rows = wb.rows("summary")
    head, col = wb.header(rows, "index", {k: _texts(f"yr.col.{k}") for k in keys}, set(keys))
    out, baseline, target = [], None, None
    last = max(n for n, p in enumerate(present) if p) if any(present) else -1
    for n, (label, here) in enumerate(zip(labels, present)):
        row = rows[head + 1 + n] if head + 1 + n < len(rows) else []

        def cell(key: str, row: list = row) -> float | None:
            return _number(row[col[key]]) if col[key] < len(row) else None

        baseline = baseline if baseline is not None else cell("baseline")
        target = target if target is not None else cell("target")
        out.append(PagePeriod(label, here, not here and n > last, cell("counted") if here else None,
                              cell("claimed") if here else None, cell("verified") if here else None))
    if baseline is None or target is None:
        raise UsageError("usage.report_not_ours", path=wb.path)
    return out, baseline, target


def _domains(wb: YearBook, latest: str) -> tuple[PageDomain, ...]:
    rows = wb.rows("summary")
    wanted = {"domain": _texts("wb.idx.domain"), "baseline": _texts("yr.col.baseline"),
              "target": _texts("yr.col.target"), "now": {norm(latest)}}
    head, col = wb.header(rows, "domains", wanted, set(wanted))
    out = []
    for row in rows[head + 1:]:
        name = values.as_text(row[col["domain"]]).strip() if col["domain"] < len(row) else ""
        numbers = [_number(row[col[k]]) if col[k] < len(row) else None for k in ("baseline", "target", "now")]
        if not name or any(x is None for x in numbers):
            break
        out.append(PageDomain(name, *numbers))  # type: ignore[arg-type]
    return tuple(out)


def _opds(wb: YearBook, labels: list[str], present: list[bool]) -> tuple[PageOpd, ...]:
    rows = wb.rows("reporting")
    top = {"code": _texts("yr.col.code"), "name": _texts("yr.col.name")}
    sub = {k: _texts(f"yr.col.{k}") for k in ("on_time", "late_periods", "not_reported")}
    head, col = wb.header(rows, "reporting", sub, set(sub))
    names = find_header(rows, top, set(top), max(0, head - 1))
    if names is None:
        raise UsageError("usage.report_not_ours", path=wb.path)
    rates = [c for c, v in enumerate(rows[head]) if norm(v) in _texts("yr.col.rate")]
    lates = [c for c, v in enumerate(rows[head]) if norm(v) in _texts("yr.col.late")]
    if len(rates) != len(labels) or len(lates) != len(labels):
        raise UsageError("usage.report_not_ours", path=wb.path)
    out = []
    for row in rows[head + 1:]:
        def cell(c: int, row: list = row):
            return row[c] if c < len(row) else ""

        code = values.as_text(cell(names[1]["code"])).strip()
        if not code:
            break
        cells = []
        for n, here in enumerate(present):
            rate, late = _number(cell(rates[n])), _number(cell(lates[n]))
            cells.append((rate if here else None, None if late is None or not here else int(late)))
        totals = [int(_number(cell(col[k])) or 0) for k in ("on_time", "late_periods", "not_reported")]
        out.append(PageOpd(code, values.as_text(cell(names[1]["name"])).strip(), tuple(cells), *totals))
    return tuple(out)


def _overdue(wb: YearBook) -> tuple[tuple, int]:
    rows = wb.rows("overdue")
    wanted = {k: _labels(k) for k in ("no", "action", "follow_up", "opd", "target_year")}
    wanted |= {k: _texts(f"yr.col.overdue_{k}") for k in ("years", "status", "progress")}
    head, col = wb.header(rows, "overdue", wanted, {"no", "follow_up", "opd", "target_year", "years", "status"})
    marks = _marks()
    found = []
    for row in rows[head + 1:]:
        def cell(key: str, row: list = row):
            c = col.get(key)
            return row[c] if c is not None and c < len(row) else ""

        try:
            no = values.parse_int(cell("no"))
        except values.ParseError:
            break
        progress = None
        with contextlib.suppress(values.ParseError):
            progress = None if values.is_empty(cell("progress")) else \
                float(values.parse_percent(cell("progress"), fractions=True))
        action = values.as_text(cell("action")).strip() or str(no)
        found.append((action, values.as_text(cell("follow_up")).strip(), int(_number(cell("target_year")) or 0),
                      int(_number(cell("years")) or 0), values.as_text(cell("opd")).strip(),
                      marks.get(norm(cell("status")), PairState.MISSING), progress))
    count = wb.meta.get("overdue_count", "")
    return group_overdue(found), int(count) if count.isdigit() else len(found)


def read_page(path: Path, *, deadline_days: int | None = None):
    """The leaders' page of ``path``: of a year workbook, the figures it shows (:func:`read_year_page`); of a
    consolidated workbook, of its period's year; with the year it was worked out from (None for a year
    workbook)."""
    from spbe_excel.read.ours.previous import open_with_meta
    from spbe_excel.read.ours.rekap import year_of_rekaps
    from spbe_excel.year.figures import YearFigures
    from spbe_excel.year.page import one_page

    try:
        is_year = open_with_meta(path)[2].get("format") == YEAR_FORMAT
    except Exception:
        raise UsageError("usage.report_unreadable", path=path) from None
    if is_year:
        return read_year_page(path), None
    year, _ = year_of_rekaps([path], deadline_days=deadline_days)
    return one_page(YearFigures(year), str(path)), year
