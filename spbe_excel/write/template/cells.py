"""Cells of the monitoring sheet: the data validation of each OPD column,
and OPD values written the way the template expects them, highlighted and
commented where a finding points at them (feedback workbooks)."""

from __future__ import annotations

import datetime as dt

from spbe_excel.io import Formats, write_text
from spbe_excel.model.columns import STATUSES, Column, Kind, col_letter
from spbe_excel.model.levels import LEVEL_NAMES
from spbe_excel.model.values import as_text
from spbe_excel.model.vocab import LevelKind
from spbe_excel.text import t
from spbe_excel.text.findings import message as finding_message
from spbe_excel.text.words import column_hint, column_label, level_label, severity_label, status_label
from spbe_excel.write.template.layout import INPUT, MARK_COLORS, Fill

STATUS_KEYS = frozenset(s.key for s in STATUSES)


def level_choices(kind: LevelKind, lang: str) -> list[str]:
    return [level_label(level, kind, lang) for level in sorted(LEVEL_NAMES[kind])]


def status_choices(lang: str) -> list[str]:
    return [status_label(s.key, lang) for s in STATUSES]


def opd_validation(col: Column, lang: str, plan_year: int) -> dict:
    """The data validation of one OPD column (without the level list, which
    depends on the row's level kind)."""
    err_title = t("validation.error.title", lang)
    base = {"input_title": column_label(col, lang)[:32], "input_message": column_hint(col, lang),
            "error_title": err_title, "error_type": "stop"}
    if col.kind is Kind.STATUS:
        return {**base, "validate": "list", "source": status_choices(lang),
                "error_message": t("validation.status", lang)}
    if col.kind is Kind.PERCENT:
        return {**base, "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1,
                "error_message": t("validation.progress", lang)}
    if col.kind is Kind.MONEY:
        return {**base, "validate": "decimal", "criteria": ">=", "value": 0,
                "error_message": t("validation.money", lang)}
    if col.kind is Kind.DATE:
        return {**base, "validate": "date", "criteria": "between", "minimum": dt.date(plan_year, 1, 1),
                "maximum": "=TODAY()",
                "error_message": t("validation.date", lang, year=plan_year)}
    if col.kind is Kind.LEVEL:
        return {**base, "validate": "list",
                "error_message": t("validation.level", lang)}
    return {"validate": "any", "input_title": base["input_title"], "input_message": base["input_message"]}


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """Contiguous runs of row numbers: [5,6,7,9] -> [(5,7),(9,9)]."""
    found: list[tuple[int, int]] = []
    for r in sorted(rows):
        if found and r == found[-1][1] + 1:
            found[-1] = (found[-1][0], r)
        else:
            found.append((r, r))
    return found


def multi_range(col: int, row_runs: list[tuple[int, int]]) -> str:
    from xlsxwriter.utility import xl_range

    return " ".join(xl_range(a, col, b, col) for a, b in row_runs)


def quote_sheet(sheet: str) -> str:
    from xlsxwriter.utility import quote_sheetname

    return quote_sheetname(sheet)


# ---- pre-filled cells (feedback workbooks) -------------------------------------------------------------

def mark_style(fill: Fill | None, key) -> tuple[str, list]:
    """Background colour and findings for a cell."""
    found = fill.marks.get(key, []) if fill is not None else []
    if not found:
        return INPUT, []
    worst = min(found, key=lambda x: x.severity.rank)
    return MARK_COLORS[worst.severity.value], found


def comment(ws, r: int, c: int, found: list, lang: str) -> None:
    if not found:
        return
    text = "\n\n".join(f"[{severity_label(x.severity, lang).upper()}] {finding_message(x, lang)}" for x in found)
    ws.write_comment(r, c, text[:30000], {"author": "DKIS", "x_scale": 3, "y_scale": 2.5})


def write_opd_cell(ws, f: Formats, r: int, c: int, col: Column, ind, style: dict, fill: Fill | None,
                   lang: str) -> str:
    """An OPD cell of the monitoring sheet, pre-filled and marked in a feedback workbook; returns the text it
    shows ("" for none, a number or a date)."""
    key = (ind.action, col.key)
    bg, found = mark_style(fill, key)
    fmt = f(bg_color=bg, locked=False, **style)
    if fill is not None:
        fill.cells[key] = f"{col_letter(c)}{r + 1}"
    value = fill.values.get(ind.action, {}).get(col.key) if fill is not None else None
    text = ""
    if value is None:
        ws.write_blank(r, c, None, fmt)
    else:
        text = write_value(ws, r, c, col, value, fmt, ind.level_kind, lang)
    comment(ws, r, c, found, lang)
    return text


def write_value(ws, r: int, c: int, col: Column, value, fmt, level_kind: LevelKind, lang: str) -> str:
    """Write a typed OPD value the way the template expects it (a status or
    level as its dropdown label, progress as a fraction); anything else that
    is a string (a value that did not parse) is written as text, as written.
    Returns the text written ("" for a number or a date)."""
    text = ""
    if isinstance(value, str) and col.kind is Kind.STATUS and value in STATUS_KEYS:
        text = status_label(value, lang)
        ws.write_string(r, c, text, fmt)
    elif isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
        write_text(ws, r, c, text, fmt)
    elif col.kind is Kind.LEVEL and isinstance(value, int):
        text = level_label(value, level_kind, lang)
        ws.write_string(r, c, text, fmt)
    elif col.kind is Kind.PERCENT and isinstance(value, (int, float)):
        ws.write_number(r, c, value / 100.0, fmt)
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), fmt)
    elif isinstance(value, (int, float)) and col.kind not in (Kind.TEXT, Kind.LONG_TEXT):
        ws.write_number(r, c, value, fmt)
    else:
        text = as_text(value)
        write_text(ws, r, c, text, fmt)
    return text
