"""The figures of the leaders' page (``spbe-excel report``), from the year (:func:`one_page`) or read back from a
year workbook (:mod:`spbe_excel.read.ours.yearbook`): the same :class:`OnePage` either way, so that the page
prints the numbers the workbook shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from spbe_excel.year.assemble import Year
from spbe_excel.year.figures import Mark, YearFigures

TOP_OVERDUE = 5  # the actions the page lists


@dataclass(frozen=True)
class PagePeriod:
    label: str
    present: bool
    later: bool  # missing, after the last period with a consolidated workbook
    counted: float | None
    claimed: float | None
    verified: float | None = None  # None: no workbook, or one written before verification (not available)


@dataclass(frozen=True)
class PageDomain:
    name: str
    baseline: float
    target: float
    counted: float  # in the last period with a consolidated workbook


@dataclass(frozen=True)
class PageOpd:
    code: str
    name: str
    periods: tuple[tuple[float | None, int | None], ...]  # per period: share reported (None: no workbook), days late
    on_time: int
    late: int
    not_reported: int


@dataclass(frozen=True)
class PageAction:
    """An action past its target year, with each of its OPDs that has not finished it: (OPD, latest mark,
    latest progress in percent)."""

    action: str
    follow_up: str
    target_year: int
    years: int
    opds: tuple[tuple[str, Mark, float | None], ...]


@dataclass(frozen=True)
class OnePage:
    institution: str
    year: int
    fingerprint: str
    latest: str  # the last period with a consolidated workbook
    as_of: dt.date  # its as-of date
    baseline: float
    target: float
    counted: float  # now
    claimed: float
    exact: bool  # the predikat of the counted index is judged on the exact index
    rule_year: int  # the evaluation whose rule that is
    baseline_exact: bool  # the predikat of the baseline is judged on the exact index (its evaluation's rule)
    periods: tuple[PagePeriod, ...]
    domains: tuple[PageDomain, ...]
    opds: tuple[PageOpd, ...]
    overdue: tuple[PageAction, ...]  # the first TOP_OVERDUE actions
    overdue_pairs: int  # every overdue (action, OPD) pair
    source: str  # the file the page is made from
    verified: float | None = None  # now; None: not available (the workbook was written before verification)


def group_overdue(rows: list[tuple[str, str, int, int, str, Mark, float | None]]) -> tuple[PageAction, ...]:
    """The first :data:`TOP_OVERDUE` actions among overdue pairs in their order, each with its pairs: ``rows`` are
    (action, follow-up, target year, years, OPD, mark, progress)."""
    actions: dict[str, list] = {}
    for action, follow_up, target_year, years, opd, mark, progress in rows:
        if action not in actions and len(actions) == TOP_OVERDUE:
            continue
        actions.setdefault(action, [follow_up, target_year, years, []])[3].append((opd, mark, progress))
    return tuple(PageAction(a, f, y, n, tuple(opds)) for a, (f, y, n, opds) in actions.items())


def one_page(figures: YearFigures, source: str) -> OnePage:
    """The page of the year of ``figures`` (``source``: the file named at its foot)."""
    year, now = figures.year, figures.now
    latest = year.latest
    assert latest.rekap is not None
    periods = []
    for n, p in enumerate(year.periods):
        found = figures.period_index(n)
        periods.append(PagePeriod(p.label, p.present, p.later, found.counted.overall.estimate if found else None,
                                  found.claimed.overall.estimate if found else None,
                                  found.verified if found else None))
    domains = tuple(PageDomain(part.name, part.baseline, part.estimate, now.counted.domains[k].estimate)
                    for k, part in enumerate(figures.target.domains))
    opds = []
    for code, name in year.opds:
        cells = []
        for n, p in enumerate(year.periods):
            got = figures.opd_reporting(code, p, n) if p.present else None
            cells.append((None if got is None or not got.pairs else got.rate, None if got is None else got.late))
        totals = figures.opd_totals(code)
        opds.append(PageOpd(code, name, tuple(cells), totals["on_time"], totals["late_periods"],
                            totals["not_reported"]))
    rows = [(o.action, year.master.action(o.action).follow_up, o.target_year, o.years, o.opd, o.mark, o.progress)
            for o in figures.overdue]
    rule = now.counted.estimate_rule
    return OnePage(year.institution, year.year, year.fingerprint, latest.label, latest.rekap.as_of, figures.baseline,
                   figures.target.overall.estimate, now.counted.overall.estimate, now.claimed.overall.estimate,
                   rule.exact, rule.year, now.counted.baseline_rule.exact, tuple(periods), domains, tuple(opds),
                   group_overdue(rows), len(figures.overdue), source, now.verified)


@dataclass(frozen=True)
class YearWritten:
    """What ``spbe-excel year`` or ``report`` wrote (:func:`spbe_excel.pipeline.write_year_workbook`,
    :func:`~spbe_excel.pipeline.write_leaders_page`): the file, the page's figures, the year (None for the page of
    a year workbook) and the files met in folders that are not consolidated workbooks (skipped)."""

    path: Path
    page: OnePage
    year: Year | None = None
    skipped: tuple[Path, ...] = ()
