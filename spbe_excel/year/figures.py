"""Every figure of the year, worked out once from its periods: the year workbook writes each as the cached
value of its formula, the leaders' page prints it (:mod:`spbe_excel.year.page`).

- **A pair in a period** (:func:`mark`): its status when it reported one, else its report state (reported
  without a status, not reported, rejected).  A period without a workbook has none.
- **The latest state** (:func:`latest`): the last period in which the pair reported, and what it reported
  there; **the trend** (:func:`trend`): done (its latest status is Selesai), silent (not reported in the
  last period that has a workbook), rising (progress above the period with a workbook before it, an
  unreported progress counting 0) or stalled.
- **The index per period** (:func:`period_index`): counted, as the period's workbook counts it (each
  indicator at the lowest level counted over its pairs that claim one, else its baseline), and claimed, as
  it would be if every claim counted (the lowest level claimed, else the level counted); the baseline and
  the target (every indicator at its target level) are the plan's; verified, as the period's workbook works it
  out (each indicator at the lowest verified level over its pairs that claim one, else its baseline: a level
  above the baseline counts when DKIS marked it *Sesuai*), not available (None) for a workbook written before
  DKIS verified in the workbook (version < 4).
- **Reporting per OPD and period** (:func:`opd_reporting`): pairs, pairs reported, when its file was received
  and the days after the due date (only when it reported something).
- **Overdue** (:func:`overdue`): every pair whose latest status is not Selesai and whose target year has
  ended at the as-of date of the last workbook (as the ``overdue`` finding judges), the longest overdue first,
  then the least progress, then plan order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from spbe_excel.master.index import SpbeIndex, compute_index, indicator_levels
from spbe_excel.model.vocab import PairState, Status
from spbe_excel.year.assemble import Year, YearPeriod
from spbe_excel.year.model import PairReport

Mark = Status | PairState  # what a pair shows in a period: its status, else its report state
MARKS: tuple[Mark, ...] = (Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED, Status.CANNOT, PairState.REPORTED,
                           PairState.MISSING, PairState.REJECTED)
TRENDS = ("done", "rising", "stalled", "silent")


def mark(pr: PairReport) -> Mark:
    """What the pair shows in its period: its status, else its report state."""
    if pr.status is not None and pr.reported:
        return pr.status
    return PairState.REPORTED if pr.reported else pr.state


@dataclass(frozen=True)
class Latest:
    """The last period in which a pair reported (its position among the year's periods) and what it reported."""

    position: int
    report: PairReport


@dataclass(frozen=True)
class PeriodIndex:
    """The index of one period with a workbook: per indicator the level counted and the level claimed (the
    level counted where nobody claims one), and the index of each; the verified index (``counted``'s
    ``verified``, its levels ``counted.verified_levels``) where the period's workbook holds verified levels."""

    counted: SpbeIndex
    claimed: SpbeIndex
    claims: dict[int, int]  # indicator No -> level claimed, or counted where none is claimed
    verifiable: bool = False  # the period's workbook holds the verified levels (version 4 on)

    @property
    def verified(self) -> float | None:
        """The verified index; None: not available (a workbook of version < 4)."""
        return self.counted.overall.verified if self.verifiable else None

    @property
    def verified_levels(self) -> dict[int, int] | None:
        """Indicator No -> level in the verified index; None: not available."""
        return self.counted.verified_levels if self.verifiable else None


class YearFigures:
    """The figures of ``year``, each worked out on first use."""

    def __init__(self, year: Year):
        self.year = year
        self.master = year.master

    @cached_property
    def reports(self) -> list[dict[tuple[str, str], PairReport]]:
        """Per period (in order), each pair's report; empty for a period without a workbook."""
        return [{(pr.action, pr.opd): pr for pr in p.rekap.pairs} if p.rekap is not None else {}
                for p in self.year.periods]

    def report(self, position: int, pair: tuple[str, str]) -> PairReport | None:
        return self.reports[position].get(pair)

    @cached_property
    def present(self) -> list[int]:
        """The positions of the periods with a workbook."""
        return [n for n, p in enumerate(self.year.periods) if p.present]

    def latest(self, pair: tuple[str, str]) -> Latest | None:
        """The last period in which ``pair`` reported, or None."""
        for n in reversed(self.present):
            pr = self.report(n, pair)
            if pr is not None and pr.reported:
                return Latest(n, pr)
        return None

    def trend(self, pair: tuple[str, str]) -> str:
        """done, silent, rising or stalled (see the module)."""
        last = self.latest(pair)
        if last is not None and last.report.status == Status.DONE:
            return "done"
        now = self.report(self.present[-1], pair)
        if now is None or not now.reported:
            return "silent"
        before = self.report(self.present[-2], pair) if len(self.present) > 1 else None
        previous = before.progress if before is not None and before.progress is not None else 0.0
        return "rising" if (now.progress or 0.0) > previous else "stalled"

    # ---- the index ------------------------------------------------------------------------------------------

    def period_index(self, position: int) -> PeriodIndex | None:
        return self.indexes[position]

    @cached_property
    def indexes(self) -> list[PeriodIndex | None]:
        out: list[PeriodIndex | None] = []
        for p in self.year.periods:
            if p.rekap is None:
                out.append(None)
                continue
            pairs = p.rekap.pairs
            levels = indicator_levels(self.master, ((pr.no, pr.counted if pr.level is not None else None)
                                                    for pr in pairs))
            verified = indicator_levels(self.master, ((pr.no, pr.verified if pr.level is not None else None)
                                                      for pr in pairs)) if p.rekap.verifiable else None
            claims: dict[int, list[int]] = {}
            for pr in pairs:
                if pr.reported and pr.level is not None:
                    claims.setdefault(pr.no, []).append(pr.level)
            claimed = {no: min(claims[no]) if no in claims else level for no, level in levels.items()}
            out.append(PeriodIndex(compute_index(self.master, levels, verified), compute_index(self.master, claimed),
                                   claimed, p.rekap.verifiable))
        return out

    @cached_property
    def target(self) -> SpbeIndex:
        """The index with every indicator at its target level (its ``estimate``s), beside the baseline."""
        return compute_index(self.master, {i.no: i.target_level for i in self.master.indicators})

    @property
    def baseline(self) -> float:
        return self.target.overall.baseline

    @property
    def now(self) -> PeriodIndex:
        """The index of the last period with a workbook."""
        found = self.indexes[self.present[-1]]
        assert found is not None
        return found

    # ---- statuses, reporting, overdue ----------------------------------------------------------------------

    def marks(self, position: int) -> dict[Mark, int]:
        """How many pairs show each mark in a period with a workbook."""
        counts = dict.fromkeys(MARKS, 0)
        for pr in self.reports[position].values():
            counts[mark(pr)] += 1
        return counts

    @cached_property
    def _opd_counts(self) -> list[dict[str, tuple[int, int]]]:
        """Per period, per OPD: (pairs, pairs reported)."""
        out = []
        for reports in self.reports:
            counts: dict[str, tuple[int, int]] = {}
            for pr in reports.values():
                pairs, reported = counts.get(pr.opd, (0, 0))
                counts[pr.opd] = (pairs + 1, reported + pr.reported)
            out.append(counts)
        return out

    def opd_reporting(self, code: str, p: YearPeriod, position: int) -> OpdPeriod:
        pairs, reported = self._opd_counts[position].get(code, (0, 0))
        when = p.rekap.received.get(code) if p.rekap is not None else None
        received = when.date() if when is not None else None
        late = max(0, (received - p.deadline).days) if received is not None and reported else None
        return OpdPeriod(pairs, reported, received, late)

    def opd_totals(self, code: str) -> dict[str, int]:
        """The periods with a workbook in which an OPD reported on time (``on_time``), late (``late_periods``) and
        nothing (``not_reported``)."""
        out = {"on_time": 0, "late_periods": 0, "not_reported": 0}
        for n in self.present:
            got = self.opd_reporting(code, self.year.periods[n], n)
            if got.late == 0:
                out["on_time"] += 1
            elif got.late is not None:
                out["late_periods"] += 1
            if got.pairs and not got.reported:
                out["not_reported"] += 1
        return out

    @cached_property
    def overdue(self) -> list[Overdue]:
        """Every overdue pair (see the module), the longest overdue first."""
        as_of = self.year.latest.rekap.as_of  # type: ignore[union-attr]
        found = []
        for order, pair in enumerate(self.year.pairs):
            ind = self.master.action(pair[0])
            last = self.latest(pair)
            if ind.target_year >= as_of.year or (last is not None and last.report.status == Status.DONE):
                continue
            report = last.report if last is not None else None
            found.append(Overdue(pair[0], pair[1], ind.target_year, as_of.year - ind.target_year,
                                 mark(report) if report is not None else PairState.MISSING,
                                 report.progress if report is not None else None,
                                 last.position if last is not None else None, order))
        return sorted(found, key=lambda o: (-o.years, o.progress or 0.0, o.order))


@dataclass(frozen=True)
class OpdPeriod:
    """An OPD in one period: its pairs, how many it reported, when its file was received, and how many days
    after the due date (None: it reported nothing, or its file's time is not known)."""

    pairs: int
    reported: int
    received: dt.date | None
    late: int | None

    @property
    def rate(self) -> float:
        return self.reported / self.pairs if self.pairs else 0.0


@dataclass(frozen=True)
class Overdue:
    """A pair past its target year: its action and OPD, the target year and by how many years it is past,
    its latest mark and progress and the period they were reported in (None: never reported)."""

    action: str
    opd: str
    target_year: int
    years: int
    mark: Mark
    progress: float | None
    position: int | None
    order: int  # the pair's place in the plan
