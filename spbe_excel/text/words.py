"""The words of the model's values in a language: column labels, statuses,
levels, severities, predicates, dates and numbers.  The model holds the
(Indonesian, English) pairs as data; only this module (and the writers,
through it) picks one."""

from __future__ import annotations

import datetime as dt

from spbe_excel.model.columns import BY_KEY, STATUS_BY_KEY, Column
from spbe_excel.model.findings import Severity
from spbe_excel.model.levels import (
    LEVEL_KIND_NAMES,
    LEVEL_NAMES,
    PREDICATES,
    PredicateRule,
    predicate_index,
    round_half_up,
    threshold_unmet,
)
from spbe_excel.model.values import MONTH_NAMES
from spbe_excel.model.verification import VERDICT_LABELS, Verdict
from spbe_excel.model.vocab import LevelKind
from spbe_excel.text import pick, t

_SEVERITY = {Severity.ERROR: ("galat", "error"), Severity.WARNING: ("peringatan", "warning"),
             Severity.INFO: ("info", "info")}


def column_label(col: Column | str, lang: str = "id") -> str:
    """A column's header in ``lang`` (the column, or its key)."""
    c = BY_KEY[col] if isinstance(col, str) else col
    return pick((c.label_id, c.label_en), lang)


def column_hint(col: Column | str, lang: str = "id") -> str:
    """What to type in a column, in ``lang``."""
    c = BY_KEY[col] if isinstance(col, str) else col
    return pick((c.hint_id, c.hint_en), lang)


def status_label(status: str, lang: str = "id") -> str:
    """"Selesai" / "Completed" for :attr:`~spbe_excel.model.vocab.Status.DONE`."""
    s = STATUS_BY_KEY[status]
    return pick((s.label_id, s.label_en), lang)


def verdict_label(verdict: Verdict | str, lang: str = "id") -> str:
    """"Sesuai" / "Verified": DKIS's verdict on a claim, as the workbook's dropdown offers it."""
    return pick(VERDICT_LABELS[Verdict(verdict)], lang)


def level_name(level: int, kind: LevelKind, lang: str = "id") -> str:
    """"Terdefinisi" / "Defined": a maturity level's name on its scale."""
    return pick(LEVEL_NAMES[kind][level], lang)


def level_label(level: int, kind: LevelKind, lang: str = "id") -> str:
    """``"3 - Terdefinisi"``: the form used in dropdowns and workbooks."""
    return f"{level} - {level_name(level, kind, lang)}"


def level_kind_name(kind: LevelKind, lang: str = "id") -> str:
    """"Kapabilitas" / "Capability"."""
    return pick(LEVEL_KIND_NAMES[kind], lang)


def severity_label(severity: Severity | str, lang: str = "id") -> str:
    """"galat" / "error"."""
    return pick(_SEVERITY[Severity(severity)], lang)


def predicate(value: float, lang: str = "id", exact: bool = False) -> str:
    """The predikat of an index value ("Baik" / "Good"), judged on its two decimals or, ``exact``, on the
    exact value (:func:`~spbe_excel.model.levels.predicate_index`)."""
    return pick(PREDICATES[predicate_index(value, exact)][1], lang)


def decimal_text(value: float, lang: str = "id", digits: int = 2) -> str:
    """A number rounded half up to ``digits`` decimals, as ``lang`` writes it: 2,64 / 2.64."""
    text = f"{round_half_up(value, digits):,.{digits}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def index_text(value: float, lang: str = "id") -> str:
    """An SPBE index as every place shows it: two decimals, halves up (1.795 as 1,80 / 1.80), as the
    workbook, the evaluators and their reports show it."""
    return decimal_text(value, lang, 2)


def predicate_note(value: float, rule: PredicateRule, lang: str = "id") -> str:
    """Why an index printed at a predikat's bound earns the one below: the evaluations judge the exact index
    from 2024 on, and 3.4985 prints as 3,50 (Sangat Baik's bound) but is Baik.  "" when there is nothing to
    say."""
    bound = threshold_unmet(value) if rule.exact else None
    if bound is None:
        return ""
    return t("index.note.exact", lang, exact=decimal_text(value, lang, 4), shown=index_text(value, lang),
             bound=decimal_text(bound, lang, 2), name=pick(PREDICATES[predicate_index(value)][1], lang),
             year=rule.year)


def predicate_names(lang: str = "id") -> list[tuple[float, str]]:
    """(lower bound, name) of every predicate, highest first."""
    return [(low, pick(names, lang)) for low, names in PREDICATES]


def month_name(month: int, lang: str = "id") -> str:
    return pick(MONTH_NAMES[month - 1], lang)


def date_words(date: dt.date, lang: str = "id") -> str:
    """A date with its month's name: "8 Desember 2019" / "8 December 2019"."""
    return f"{date.day} {month_name(date.month, lang)} {date.year}"


def number_text(value: float, lang: str = "id", spec: str = "") -> str:
    """A number as a message writes it: a whole number as it is, a fraction without trailing zeros
    (``75.0`` as 75); ``spec`` "," groups thousands as ``lang`` does (40.000 / 40,000), "rp" as rupiah
    amounts are written in either language (1.500.000); any other spec is Python's."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return str(value)
    if spec == "rp":
        return f"{value:,.0f}".replace(",", ".")
    if spec == ",":
        grouped = f"{value:,}" if isinstance(value, int) else f"{value:,g}"
        return grouped.translate(str.maketrans(",.", ".,")) if lang == "id" else grouped
    if spec:
        try:
            return format(value, spec)
        except ValueError:  # a format for another kind of value (a date's): the number as it is
            pass
    return f"{value:g}" if isinstance(value, float) else str(value)
