"""The reporting periods of a plan: what ``--period`` may name, checked
the same way by every command (template, validate, feedback, consolidate)."""

from __future__ import annotations

from spbe_excel.errors import UsageError
from spbe_excel.master.plan import MasterList
from spbe_excel.model.periods import PERIOD_KINDS, Period, parse_period, period_kind_of, periods_of_year
from spbe_excel.model.values import ParseError
from spbe_excel.model.vocab import Reason

YEARS_BEFORE, YEARS_AFTER = 1, 3


def plan_years(master: MasterList) -> range:
    """The years a period of ``master`` may fall in: from the year before
    its plan year to three years after its last target year (2018-2022 for
    a 2019 plan whose actions are due in 2019)."""
    last = max([master.plan_year, *(i.target_year for i in master.rows)])
    return range((master.plan_year or last) - YEARS_BEFORE, last + YEARS_AFTER + 1)


def checked_period(text: str | None, master: MasterList) -> Period | None:
    """The period ``text`` names ("tw 3 2019" is Triwulan III 2019), parsed once where it enters (a command's
    ``--period``, the intake page's round); ``None`` for no period.  A text that names no period, a year
    outside :func:`plan_years`, or a kind of period the plan is not reported by, is a :class:`UsageError`
    whose parameters let a front end list the accepted forms."""
    if text is None or not text.strip():
        return None
    years = plan_years(master)
    try:
        period = parse_period(text, years)
    except ParseError as exc:
        example = master.plan_year or years.start + YEARS_BEFORE
        params = {"value": text.strip(), "low": years.start, "high": years.stop - 1, "plan_year": example,
                  "forms": "usage.period_forms", **exc.params}
        key = "usage.period_year" if exc.reason == Reason.PERIOD_YEAR else "usage.period_invalid"
        raise UsageError(key, **params) from None
    if master.period_kind and period.kind != master.period_kind:
        kind = master.period_kind
        year = period.year or master.plan_year
        examples = ", ".join(f'"{p.label()}"' for p in periods_of_year(kind, year))
        raise UsageError("usage.period_kind", value=text.strip(), kind=f"period.kind.{kind}", examples=examples)
    return period


__all__ = ["PERIOD_KINDS", "checked_period", "period_kind_of", "plan_years"]
