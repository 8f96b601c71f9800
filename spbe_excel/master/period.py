"""The reporting periods of a plan: what ``--period`` may name, checked
the same way by every command (template, validate, feedback, consolidate)."""

from __future__ import annotations

from spbe_excel.errors import UsageError
from spbe_excel.master.plan import MasterList
from spbe_excel.model.periods import PERIOD_KINDS, parse_period, period_kind_of, periods_of_year
from spbe_excel.model.values import ParseError
from spbe_excel.model.vocab import Reason
from spbe_excel.text import t

YEARS_BEFORE, YEARS_AFTER = 1, 3


def plan_years(master: MasterList) -> range:
    """The years a period of ``master`` may fall in: from the year before
    its plan year to three years after its last target year (2018-2022 for
    a 2019 plan whose actions are due in 2019)."""
    last = max([master.plan_year, *(i.target_year for i in master.rows)])
    return range((master.plan_year or last) - YEARS_BEFORE, last + YEARS_AFTER + 1)


def checked_period(text: str | None, master: MasterList, lang: str = "id") -> str | None:
    """``text`` as the plan spells the period ("tw 3 2019" -> "Triwulan III
    2019"); ``None`` for no period.  A text that names no period, or a year
    outside :func:`plan_years`, is a :class:`UsageError` that lists the
    accepted forms."""
    if text is None or not text.strip():
        return None
    years = plan_years(master)
    try:
        period = parse_period(text, years)
    except ParseError as exc:
        example = master.plan_year or years.start + YEARS_BEFORE
        params = {"value": text.strip(), "low": years.start, "high": years.stop - 1, "plan_year": example,
                  "forms": t("usage.period_forms", lang, year=example), **exc.params}
        key = "usage.period_year" if exc.reason == Reason.PERIOD_YEAR else "usage.period_invalid"
        raise UsageError(t(key, lang, **params), key=key, params=params) from None
    if master.period_kind and period.kind != master.period_kind:
        kind = master.period_kind
        year = period.year or master.plan_year
        examples = ", ".join(f'"{p.label()}"' for p in periods_of_year(kind, year))
        params = {"value": text.strip(), "kind": t(f"period.kind.{kind}", lang), "examples": examples}
        raise UsageError(t("usage.period_kind", lang, **params), key="usage.period_kind", params=params)
    return period.label()


__all__ = ["PERIOD_KINDS", "checked_period", "period_kind_of", "plan_years"]
