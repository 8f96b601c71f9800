"""The year from its consolidated workbooks: the same plan, the same institution and the same year, one
workbook per period at most; every period of the year in order, each with its workbook or shown as missing,
and the date its reports were due.  Files may come in any order.  What cannot be put together is a
:class:`~spbe_excel.errors.UsageError` that names the files (its parameters are raw: file names, periods,
fingerprints)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from spbe_excel.errors import UsageError
from spbe_excel.master.plan import MasterList
from spbe_excel.model.periods import Period, periods_of_year
from spbe_excel.year.model import RekapPeriod

DEFAULT_DEADLINE_DAYS = 10  # reports are due this many days after their period ends, unless told otherwise


@dataclass(frozen=True)
class YearPeriod:
    """A period of the year: its consolidated workbook (None: there is none), when its reports were due, and
    whether it comes after the last period that has one (not yet consolidated, rather than left out)."""

    period: Period
    rekap: RekapPeriod | None
    deadline: dt.date
    later: bool = False

    @property
    def label(self) -> str:
        return self.period.label()

    @property
    def present(self) -> bool:
        return self.rekap is not None


@dataclass(frozen=True)
class Year:
    """The plan's year: its periods in order, present or not; the plan (of the latest workbook: every workbook
    has the same fingerprint); the OPDs and the (action, OPD) pairs, in plan order."""

    year: int
    institution: str
    fingerprint: str
    master: MasterList
    periods: tuple[YearPeriod, ...]
    opds: tuple[tuple[str, str], ...]  # (code, name)
    pairs: tuple[tuple[str, str], ...]  # (action id, OPD)
    deadline_days: int = DEFAULT_DEADLINE_DAYS

    @property
    def present(self) -> list[YearPeriod]:
        return [p for p in self.periods if p.present]

    @property
    def latest(self) -> YearPeriod:
        """The last period that has a workbook."""
        return self.present[-1]


def _groups(rekaps: Sequence[RekapPeriod], key: Callable[[RekapPeriod], object]) -> str:
    """``value: a.xlsx, b.xlsx; other: c.xlsx``, the files grouped by ``key``, in the order first met."""
    seen: dict[str, list[str]] = {}
    for r in rekaps:
        seen.setdefault(str(key(r)), []).append(Path(r.path).name)
    return "; ".join(f"{value}: {', '.join(files)}" for value, files in seen.items())


def _refuse_mixtures(rekaps: Sequence[RekapPeriod]) -> None:
    """Refuse workbooks of several institutions, years, plans or kinds of period, and two of one period."""
    checks: tuple[tuple[str, Callable[[RekapPeriod], object]], ...] = (
        ("usage.year_institutions", lambda r: r.institution or "-"),
        ("usage.year_years", lambda r: r.period.year),
        ("usage.year_plans", lambda r: r.fingerprint),
        ("usage.year_kinds", lambda r: r.period.kind),
    )
    for key, by in checks:
        if len({by(r) for r in rekaps}) > 1:
            shown = (lambda r: r.period.label()) if key == "usage.year_kinds" else by
            raise UsageError(key, groups=_groups(rekaps, shown))
    by_period: dict[Period, list[RekapPeriod]] = {}
    for r in rekaps:
        by_period.setdefault(r.period, []).append(r)
    twice = [(p, rs) for p, rs in by_period.items() if len(rs) > 1]
    if twice:
        period, rs = twice[0]
        raise UsageError("usage.year_twice", period=period.label(),
                         files=", ".join(Path(r.path).name for r in rs))


def periods_of(kind: str, year: int) -> list[Period]:
    """Every period of ``kind`` in ``year`` (a whole year: the one)."""
    return [Period("y", 0, year)] if kind == "y" else periods_of_year(kind, year)


def due_date(period: Period, days: int) -> dt.date:
    """When reports of ``period`` are due: ``days`` after its last day."""
    bounds = period.bounds()
    assert bounds is not None  # a period with its year (read_rekap refuses any other)
    return bounds[1] + dt.timedelta(days=days)


def assemble(rekaps: Sequence[RekapPeriod], *, deadlines: Mapping[str, dt.date] | None = None,
             deadline_days: int = DEFAULT_DEADLINE_DAYS) -> Year:
    """The year of ``rekaps`` (in any order).  ``deadlines`` maps a period's label ("Triwulan I 2025") to the
    date its reports were due (an intake round's deadline); any other period's reports are due
    ``deadline_days`` after it ends."""
    if not rekaps:
        raise UsageError("usage.year_none")
    _refuse_mixtures(rekaps)
    by_period = {r.period: r for r in rekaps}
    first = rekaps[0].period
    assert first.year is not None
    year, kind = first.year, first.kind
    periods = periods_of(kind, year)
    last = max(n for n, p in enumerate(periods) if p in by_period)
    given = dict(deadlines or {})
    out = tuple(YearPeriod(p, by_period.get(p), given.get(p.label()) or due_date(p, deadline_days),
                           later=n > last) for n, p in enumerate(periods))
    latest = next(p.rekap for p in reversed(out) if p.rekap is not None)
    opds: dict[str, str] = {}
    for p in reversed(out):
        for code, name in p.rekap.opds if p.rekap is not None else ():
            opds.setdefault(code, name)
    master = latest.master
    pairs = tuple((ind.action, opd) for ind in master.actions for opd in ind.opds)
    order = {code: n for n, code in enumerate(master.opd_codes)}
    ordered = tuple(sorted(opds.items(), key=lambda x: order.get(x[0], len(order))))
    return Year(year, latest.institution, latest.fingerprint, master, out, ordered, pairs, deadline_days)
