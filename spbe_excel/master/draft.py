"""A new plan before DKIS fills it (``master new``): the framework, the
instansi and year, how often OPDs report, the OPDs known so far and the
actions carried over from last year.  The plan workbook writer
(:mod:`spbe_excel.write.plan`) lays it out."""

from __future__ import annotations

from dataclasses import dataclass

from spbe_excel.master.framework import Framework, identify_framework
from spbe_excel.master.registry import Opd
from spbe_excel.model.vocab import Status


@dataclass(frozen=True)
class DraftAction:
    """An action of the new plan, carried over from last year's (``--from``)."""

    no: int | None  # its indicator in the new plan; None when DKIS must choose (last year's framework was another)
    recommendation: str
    follow_up: str
    target_year: int | None
    opds: tuple[str, ...]
    origin: LastYearAction  # where it comes from (the plan writer words it: "2025, No 5 (5.2): Dalam Proses, 60 %")
    origin_year: int  # the year of the plan it comes from


@dataclass(frozen=True)
class PlanDraft:
    framework: Framework
    institution: str
    year: int
    period_kind: str = "q"  # "q", "s" or "m" (model.periods.PERIOD_KINDS)
    opds: tuple[Opd, ...] = ()
    actions: tuple[DraftAction, ...] = ()
    names: tuple[tuple[int, str], ...] = ()  # (No, name) of rows the instansi names, known from last year

    def placed(self) -> tuple[dict[int, DraftAction], list[DraftAction]]:
        """Where the carried actions go: the first of each indicator on its row of the indicator sheet, any
        other (and any whose indicator DKIS must choose) on the extra actions sheet, in order."""
        first: dict[int, DraftAction] = {}
        extra: list[DraftAction] = []
        known = {r.no for r in self.framework.rows}
        for a in self.actions:
            if a.no is not None and a.no in known and a.no not in first:
                first[a.no] = a
            else:
                extra.append(a)
        return first, extra


# ---- carry-over from last year's final consolidated workbook ------------------------------------

@dataclass(frozen=True)
class LastYearAction:
    """An action of last year's plan that some of its OPDs did not complete."""

    no: int
    action: str  # its identity: "5", or "5.2" when its indicator had several
    indicator: str
    recommendation: str
    follow_up: str
    opds: tuple[str, ...]  # the OPDs that did not report it Selesai
    reports: tuple[tuple[str, Status | None, float | None], ...]  # what each of them reported: OPD, status, progress
    shared: bool = False  # the action was several OPDs' (its reports are named by OPD)


@dataclass(frozen=True)
class LastYear:
    """What ``master new --from`` takes from last year's final consolidated workbook."""

    source: str
    year: int  # the year of its period
    rows: tuple[tuple[int, str, str], ...]  # the plan's rows: (No, aspect, indicator name)
    opds: tuple[Opd, ...]
    actions: tuple[LastYearAction, ...]


def carry_over(last: LastYear, framework: Framework, year: int) -> tuple[
        tuple[DraftAction, ...], tuple[tuple[int, str], ...]]:
    """The actions to carry into a plan of ``year`` under ``framework``, and the names of its rows the instansi
    names.  Last year's No is kept when last year's plan followed the same framework; otherwise the No is left
    for DKIS to choose (last year's indicator is named in Asal Lanjutan)."""
    same = (old := identify_framework([(no, aspect) for no, aspect, _ in last.rows])) is not None and \
        old.id == framework.id
    actions = [DraftAction(a.no if same else None, a.recommendation, a.follow_up, year, a.opds, a, last.year)
               for a in last.actions]
    names: tuple[tuple[int, str], ...] = ()
    if same:
        named = {r.no for r in framework.rows if r.named_by_plan}
        names = tuple((no, name) for no, _, name in last.rows if no in named and name)
    return tuple(actions), tuple(dict(names).items())
