"""A new plan before DKIS fills it (``master new``): the framework, the
instansi and year, how often OPDs report, the OPDs known so far and the
actions carried over from last year: each action whose latest state of the
year is not a supported Selesai, with the reason it comes back.  The plan
workbook writer (:mod:`spbe_excel.write.plan`) lays it out."""

from __future__ import annotations

from dataclasses import dataclass

from spbe_excel.errors import PreviousWorkbookError
from spbe_excel.master.framework import Framework, identify_framework
from spbe_excel.master.registry import Opd
from spbe_excel.model.columns import words
from spbe_excel.model.pairs import LatestState
from spbe_excel.model.periods import period_key
from spbe_excel.model.vocab import Reason, Status


@dataclass(frozen=True)
class DraftAction:
    """An action of the new plan, carried over from last year's (``--from``)."""

    no: int | None  # its indicator in the new plan; None when DKIS must choose (last year's framework was another)
    recommendation: str
    follow_up: str
    target_year: int | None
    opds: tuple[str, ...]
    origin: LastYearAction  # where it comes from (worded by the plan writer: "2025, No 5 (5.2): Dalam Proses, 60 %")
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


# ---- carry-over from last year's consolidated workbooks -------------------------------------------------

@dataclass(frozen=True)
class CarriedReport:
    """What one OPD of a carried action reported last in the year, and why the action comes back for it."""

    opd: str
    state: LatestState | None  # its latest state of the year; None: never reported
    why: Reason  # Reason.CARRY_NOT_DONE, CARRY_UNSUPPORTED, CARRY_SILENT or CARRY_NEVER


@dataclass(frozen=True)
class LastYearAction:
    """An action of last year's plan that some of its OPDs did not finish (their latest state of the year is not
    a supported Selesai)."""

    no: int
    action: str  # its identity: "5", or "5.2" when its indicator had several
    indicator: str
    recommendation: str
    follow_up: str
    opds: tuple[str, ...]  # the OPDs that did not finish it
    reports: tuple[CarriedReport, ...]  # what each of them reported last, and why it comes back
    shared: bool = False  # the action was several OPDs' (its reports are named by OPD)
    target_year: int | None = None  # its target year in last year's plan


@dataclass(frozen=True)
class LastYear:
    """What ``master new --from`` takes from last year's consolidated workbooks: the plan of the latest one, and
    per action and OPD the latest state reported in the year over all of them."""

    source: str  # what was given: a workbook, a folder, or several workbooks (named)
    year: int  # the year of its periods
    rows: tuple[tuple[int, str, str], ...]  # the plan's rows: (No, aspect, indicator name)
    opds: tuple[Opd, ...]
    actions: tuple[LastYearAction, ...]
    institution: str = ""  # "" when the workbooks do not say
    periods: tuple[str, ...] = ()  # the periods of the workbooks read, in order
    missing_last: str = ""  # the year's last period when no workbook of it was read ("Triwulan IV 2025")
    finished: int = 0  # (action, OPD) pairs whose latest state is a supported Selesai: not carried

    @property
    def last_period(self) -> str:
        """The latest period read: the state of the year is as of it."""
        return self.periods[-1] if self.periods else ""

    def count(self, why: Reason) -> int:
        """The (action, OPD) pairs carried for ``why``."""
        return sum(1 for a in self.actions for r in a.reports if r.why == why)


def carry_reason(state: LatestState | None, last_period: str) -> Reason | None:
    """Why an OPD's action comes back next year, from its latest state of the year (``last_period``: the latest
    period read): None when it is a supported Selesai (finished, not carried); else a Selesai without support
    (for DKIS to decide), a state reported before ``last_period`` and not since, not finished, or never reported."""
    if state is None:
        return Reason.CARRY_NEVER
    if state.done:
        return None
    if state.status == Status.DONE:
        return Reason.CARRY_UNSUPPORTED
    if state.period and last_period and period_key(state.period) != period_key(last_period):
        return Reason.CARRY_SILENT
    return Reason.CARRY_NOT_DONE


_INSTITUTION_WORDS = {"kab": "kabupaten", "pemkab": "kabupaten", "pemkot": "kota", "prov": "provinsi",
                      "pemprov": "provinsi", "propinsi": "provinsi"}
_INSTITUTION_FILLER = frozenset({"pemerintah", "pemerintahan", "pemda", "daerah"})


def same_institution(a: str, b: str) -> bool:
    """Whether two spellings name one instansi: case, punctuation and "Pemerintah" ignored, "Kab." and "Pemkab"
    read as "Kabupaten" ("Pemerintah Kabupaten Contoh" and "Kab. Contoh" are one)."""
    def key(text: str) -> str:
        return " ".join(_INSTITUTION_WORDS.get(w, w) for w in words(text) if w not in _INSTITUTION_FILLER)

    return key(a) == key(b)


def check_source(last: LastYear, framework: Framework, institution: str, year: int,
                 framework_change: bool = False) -> None:
    """Refuse, with a :class:`PreviousWorkbookError` that says why, a source that cannot start the plan of
    ``institution`` for ``year`` under ``framework``: another instansi's, a year not before ``year``, another
    framework's (unless ``framework_change``: then each No is left for DKIS to choose)."""
    if last.institution and institution and not same_institution(last.institution, institution):
        raise PreviousWorkbookError("usage.from_instansi", path=last.source, source=last.institution,
                                    institution=institution)
    if last.year >= year:
        raise PreviousWorkbookError("usage.from_year", path=last.source, source_year=last.year, year=year,
                                    before=year - 1)
    old = identify_framework([(no, aspect) for no, aspect, _ in last.rows])
    if (old is None or old.id != framework.id) and not framework_change:
        raise PreviousWorkbookError("usage.from_framework", path=last.source,
                                    source=old.name if old is not None else "plan.framework_unknown",
                                    framework=framework.name)


def carry_over(last: LastYear, framework: Framework, year: int) -> tuple[
        tuple[DraftAction, ...], tuple[tuple[int, str], ...]]:
    """The actions to carry into a plan of ``year`` under ``framework``, and the names of its rows the instansi
    names.  Last year's No is kept when last year's plan followed the same framework; otherwise the No is left
    for DKIS to choose (last year's indicator is named in Asal Lanjutan).  An action keeps a target year after
    ``year``; any other is due in ``year``."""
    same = (old := identify_framework([(no, aspect) for no, aspect, _ in last.rows])) is not None and \
        old.id == framework.id
    actions = [DraftAction(a.no if same else None, a.recommendation, a.follow_up,
                           a.target_year if a.target_year and a.target_year > year else year, a.opds, a, last.year)
               for a in last.actions]
    names: tuple[tuple[int, str], ...] = ()
    if same:
        named = {r.no for r in framework.rows if r.named_by_plan}
        names = tuple((no, name) for no, _, name in last.rows if no in named and name)
    return tuple(actions), tuple(dict(names).items())
