"""Row checks: plain functions over a reported row and its action's row of the plan.

Each takes ``(row, indicator, ctx)`` and yields findings, and is registered
with ``@check(Phase.ROW, codes...)``.  Adding one is one function here (and
its code and message in :mod:`spbe_excel.model.findings`).  Checks see typed
values in ``row.values`` (only those that parsed) and what was written in
``row.raw``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from spbe_excel.checks.registry import Phase, check, checks_of
from spbe_excel.io import EXCEL_MAX_TEXT
from spbe_excel.master import Indicator, MasterList
from spbe_excel.model import periods, values
from spbe_excel.model.columns import BY_KEY, Kind, Source, norm
from spbe_excel.model.evidence import evidence_vague
from spbe_excel.model.findings import Finding, Level, make
from spbe_excel.model.vocab import Reason, Status


@dataclass
class RuleContext:
    master: MasterList
    file: str
    opd: str
    today: dt.date
    period: str = ""  # the file's reporting period, as the file states it
    period_bounds: tuple[dt.date, dt.date] | None = None  # its first and last day, when the period names them

    def finding(self, code: str, row, key: str = "", **params) -> Finding:
        cell = row.cell(key) if key else (row.cell("no") or row.cell("indicator"))
        value = row.shown(key) if key else ""
        return make(code, file=self.file, sheet=row.sheet, cell=cell, opd=self.opd, indicator=row.no,
                    action=row.action or "", column=key, value=value, **params)


_EMPTY_WORDS = {"", "-", "--", "tidakada", "belumada", "na", "nihil", "kosong", "none", "nil", "0"}


def _blank(row, key: str) -> bool:
    """Empty, or a placeholder such as "-" or "tidak ada"."""
    return key not in row.raw or norm(values.as_text(row.raw[key])) in _EMPTY_WORDS


@check(Phase.ROW, "update-empty")
def update_empty(row, _ind: Indicator, ctx: RuleContext):
    if "progress" not in row.values and all(_blank(row, k) for k in ("status", "progress", "achievement")):
        yield ctx.finding("update-empty", row)


@check(Phase.ROW, "status-progress-mismatch")
def status_progress_mismatch(row, _ind, ctx):
    status, progress = row.values.get("status"), row.values.get("progress")
    if status is None or progress is None:
        return
    why = None
    if status == Status.DONE and progress < 100:
        why = Reason.DONE_BELOW_100
    elif progress >= 100 and status != Status.DONE:
        why = Reason.FULL_NOT_DONE
    elif status == Status.NOT_STARTED and progress > 0:
        why = Reason.NOT_STARTED_ABOVE_0
    if why:
        yield ctx.finding("status-progress-mismatch", row, "progress", why=why, status=status, progress=progress)


@check(Phase.ROW, "budget-overrun")
def budget_overrun(row, _ind, ctx):
    budget, spent = row.values.get("budget"), row.values.get("spent")
    if budget is not None and spent is not None and spent > budget:
        yield ctx.finding("budget-overrun", row, "spent", budget=budget, spent=spent)


@check(Phase.ROW, "level-below-baseline")
def level_below_baseline(row, ind, ctx):
    level = row.values.get("current_level")
    if level is not None and level < ind.baseline_level:
        yield ctx.finding("level-below-baseline", row, "current_level", level=level, baseline=ind.baseline_level)


@check(Phase.ROW, "level-above-target-without-evidence")
def level_above_target_without_evidence(row, ind, ctx):
    level = row.values.get("current_level")
    if level is not None and level > ind.target_level and _blank(row, "evidence"):
        yield ctx.finding("level-above-target-without-evidence", row, "current_level", level=level,
                          target=ind.target_level)


@check(Phase.ROW, "evidence-missing")
def evidence_missing(row, _ind, ctx):
    if row.values.get("status") == Status.DONE and _blank(row, "evidence"):
        yield ctx.finding("evidence-missing", row, "evidence" if row.cell("evidence") else "status")


@check(Phase.ROW, "evidence-unclear")
def evidence_unclear(row, _ind, ctx):
    """Bukti Dukung written but naming no document ("ada", "lihat lampiran", "SK"): not a reference an evaluator
    can check (:func:`spbe_excel.model.evidence.names_evidence`, the rule issue 17's claims follow)."""
    if evidence_vague(row.raw.get("evidence")):
        yield ctx.finding("evidence-unclear", row, "evidence")


@check(Phase.ROW, "date-out-of-range")
def date_out_of_range(row, _ind, ctx):
    """An update date in the future, before the plan year or before the reporting period begins; or outside
    the period (before it or after it) where, with day and month swapped, it falls inside it: a day-first date
    typed on a computer set to English (US) (12/08/2019 stored as 8 December, 1/7/2019 as 7 January)."""
    date = row.values.get("updated_on")
    if date is None:
        return
    bounds = ctx.period_bounds
    swapped = periods.swapped_into(date, bounds)
    if swapped is not None:
        assert bounds is not None
        yield ctx.finding("date-out-of-range", row, "updated_on", date=date, why=Reason.DATE_SWAPPED,
                          period=ctx.period, start=bounds[0], end=bounds[1], typed=swapped.strftime("%d/%m/%Y"),
                          swapped=swapped, iso=swapped.isoformat())
    elif date > ctx.today or date.year < ctx.master.plan_year:
        yield ctx.finding("date-out-of-range", row, "updated_on", date=date, year=ctx.master.plan_year,
                          today=ctx.today, why=Reason.DATE_FUTURE if date > ctx.today else Reason.DATE_BEFORE_PLAN)
    elif bounds is not None and date < bounds[0]:
        yield ctx.finding("date-out-of-range", row, "updated_on", date=date, why=Reason.DATE_BEFORE_PERIOD,
                          period=ctx.period, start=bounds[0])


_FORMULA_START = frozenset("=@+- ")
_FORMULA_LIKE = re.compile(r"^(?:[=@].|[+-](?![\s\d(.,+-]|$))")


def looks_like_formula(text: str) -> bool:
    """Text a spreadsheet could take for a formula: starting with ``=`` or
    ``@``, or ``+``/``-`` followed by something other than a space or a
    number.  "- Rapat koordinasi" (a bullet), "-" and "+62 812" are not."""
    return bool(_FORMULA_LIKE.match(text.lstrip(" ")))


@check(Phase.ROW, "formula-in-text")
def formula_in_text(row, _ind, ctx):
    for key, formula in row.formulas.items():  # what was read is the result saved with it: the message says so
        f = ctx.finding("formula-in-text", row, key, why=Reason.FORMULA_CELL, formula=formula, result=row.shown(key))
        yield replace(f, value=formula or f.value)
    for key, raw in row.raw.items():
        if key not in row.formulas and raw.__class__ is str and raw[:1] in _FORMULA_START and looks_like_formula(raw):
            yield ctx.finding("formula-in-text", row, key, why=Reason.FORMULA_TEXT)


_MASTER_TEXT = ("indicator", "recommendation", "follow_up")


@check(Phase.ROW, "master-text-changed")
def master_text_changed(row, ind, ctx):
    for key in _MASTER_TEXT:
        raw = row.raw.get(key)
        if raw is None or raw == ind.get(key):  # the usual case: untouched
            continue
        if norm(values.as_text(raw)) != norm(ind.get(key)):
            yield ctx.finding("master-text-changed", row, key, expected=ind.get(key)[:120])
    for key in ("baseline_level", "target_level", "target_year"):
        raw = row.raw.get(key)
        if raw is None:
            continue
        expected = ind.get(key)
        if raw == expected:
            continue  # untouched
        col = BY_KEY[key]
        try:
            same = values.parse(col.kind, row.raw[key]) == ind.get(key)
        except values.ParseError:
            same = False
        if not same:
            yield ctx.finding("master-text-changed", row, key, expected=Level(expected, ind.level_kind)
                              if col.kind is Kind.LEVEL else str(expected))


@check(Phase.ROW, "text-too-long")
def text_too_long(row, _ind, ctx):
    if max(map(len, filter(str.__instancecheck__, row.raw.values())), default=0) <= EXCEL_MAX_TEXT:
        return  # the usual case, found in one pass at C speed
    for key, raw in row.raw.items():
        if isinstance(raw, str) and len(raw) > EXCEL_MAX_TEXT and BY_KEY[key].kind in (Kind.TEXT, Kind.LONG_TEXT):
            yield ctx.finding("text-too-long", row, key, length=len(raw))


def run_rules(sub, master: MasterList, *, today: dt.date) -> list[Finding]:
    """Every row rule over every reported row of a submission, against its
    action's row of the plan (rows of unknown indicators and actions are only
    checked for formulas and length)."""
    stated = periods.Period.stated(sub.period) if sub.period else None
    ctx = RuleContext(master, sub.source.path, sub.opd or "", today, sub.period or "",
                      stated.bounds() if stated else None)
    row_checks = [c.run for c in checks_of(Phase.ROW) if c.run is not None]
    out: list[Finding] = []
    for row in sub.rows:
        if row.action is None:
            out.extend(formula_in_text(row, None, ctx))
            out.extend(text_too_long(row, None, ctx))
            continue
        ind = master.action(row.action)
        for fn in row_checks:
            out.extend(fn(row, ind, ctx))
    return out


# Master columns of a row are compared with the master list; OPD columns are checked above.
assert all(BY_KEY[k].source is Source.MASTER for k in _MASTER_TEXT)
