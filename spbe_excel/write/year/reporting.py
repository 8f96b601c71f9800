"""The Pelaporan sheet: per OPD and period, the share of its pairs it reported (counted on Perkembangan), when its
file was received (the period's consolidated workbook lists its file's time) and the days after the due date,
which tops each period's columns and may be changed; then per OPD the periods it reported on time, late and not
at all.  A period without a consolidated workbook is a grey band."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from xlsxwriter.utility import xl_rowcol_to_cell

from spbe_excel.io import date_format, row_height, write_text
from spbe_excel.model.vocab import PairState
from spbe_excel.text import t
from spbe_excel.write.workbook.style import AMBER, BORDER, DATA_BAR, HEAD, RED, print_setup, sheet_head
from spbe_excel.write.year.layout import (
    OPD_KEYS,
    OPD_PERIOD_KEYS,
    OPD_TOTAL_KEYS,
    REPORTING_DUE,
    YearLayout,
    period_breaks,
)
from spbe_excel.write.year.progress import MISSING_FILL, mark_word, quoted
from spbe_excel.year.figures import YearFigures

WIDTHS: dict[str, float] = {"code": 13, "name": 24, "pairs": 6, "rate": 10, "received": 12, "late": 9, "on_time": 8,
          "late_periods": 9, "not_reported": 8}


def widths(layout: YearLayout) -> list[float]:
    return ([WIDTHS[k] for k in OPD_KEYS] + [WIDTHS[k] for _ in range(layout.periods) for k in OPD_PERIOD_KEYS]
            + [WIDTHS[k] for k in OPD_TOTAL_KEYS])


def write_reporting(ws, f, figures: YearFigures, layout: YearLayout) -> None:
    year, lang, table = figures.year, layout.lang, layout.reporting
    cols = widths(layout)
    heading = f"{t('yr.title.reporting', lang)} - {year.institution} {year.year}"
    sheet_head(ws, f, cols, heading,
               t("yr.reporting.note", lang, days=year.deadline_days), 9)
    head, grey_head = f(**HEAD), f(**{**HEAD, "bg_color": MISSING_FILL, "italic": True})
    date = f(num_format=date_format(lang), align="center", bold=True, **BORDER)
    ws.merge_range(REPORTING_DUE, 0, REPORTING_DUE, 1, t("yr.due", lang), f(bold=True, align="right"))
    top, sub = table.header - 1, table.header
    for c, key in enumerate(OPD_KEYS):
        ws.merge_range(top, c, sub, c, t(f"yr.col.{key}", lang), head)
    for n, p in enumerate(year.periods):
        a, b = layout.opd_col("rate", n), layout.opd_col("late", n)
        shown = p.label if p.present else f"{p.label}\n{t('yr.later' if p.later else 'yr.missing', lang)}"
        ws.merge_range(top, a, top, b, shown, head if p.present else grey_head)
        ws.write_datetime(REPORTING_DUE, layout.opd_col("received", n), dt.datetime.combine(p.deadline, dt.time()),
                          date)
        for key in OPD_PERIOD_KEYS:
            ws.write_string(sub, layout.opd_col(key, n), t(f"yr.col.{key}", lang), head if p.present else grey_head)
    a, b = layout.opd_col("on_time"), layout.opd_col("not_reported")
    ws.merge_range(top, a, top, b, t("yr.col.year_total", lang), head)
    for key in OPD_TOTAL_KEYS:
        ws.write_string(sub, layout.opd_col(key), t(f"yr.col.{key}", lang), head)
    ws.set_row(top, 30)
    ws.set_row(sub, row_height([(t(f"yr.col.{k}", lang), WIDTHS[k]) for k in (*OPD_PERIOD_KEYS, *OPD_TOTAL_KEYS)],
                               bold=True))
    _rows(ws, f, figures, layout)
    _view(ws, f, figures, layout, cols, heading)


def _rows(ws, f, figures: YearFigures, layout: YearLayout) -> None:
    year, lang, table = figures.year, layout.lang, layout.reporting
    base = {"valign": "top", **BORDER}
    fmt = {"text": f(text_wrap=True, **base), "num": f(num_format="0", align="center", **base),
           "pct": f(num_format="0%", **base), "date": f(num_format=date_format(lang), align="center", **base),
           "grey": f(bg_color=MISSING_FILL, **base)}
    opd = layout.progress_range(layout.pair_keys.index("opd"))
    silent = [quoted("<>" + mark_word(m, lang)) for m in (PairState.MISSING, PairState.REJECTED)]
    per_opd = Counter(opd for _, opd in year.pairs)
    for r, (code, name) in enumerate(year.opds, table.first):
        a = xl_rowcol_to_cell(r, 0, col_abs=True)
        ws.write_string(r, 0, code, fmt["text"])
        write_text(ws, r, 1, name, fmt["text"])
        ws.set_row(r, row_height([(name, WIDTHS["name"]), (code, WIDTHS["code"])]))
        pairs = per_opd[code]
        ws.write_formula(r, 2, f"=COUNTIF({opd},{a})", fmt["num"], pairs)
        for n, p in enumerate(year.periods):
            cells = {k: layout.opd_col(k, n) for k in OPD_PERIOD_KEYS}
            if not p.present:
                for c in cells.values():
                    ws.write_blank(r, c, None, fmt["grey"])
                continue
            got = figures.opd_reporting(code, p, n)
            status = layout.progress_range(layout.progress_col(n, "status"))
            rate, received = xl_rowcol_to_cell(r, cells["rate"]), xl_rowcol_to_cell(r, cells["received"])
            ws.write_formula(r, cells["rate"], f"=IFERROR(COUNTIFS({opd},{a},{status},{silent[0]},{status},"
                             f"{silent[1]})/COUNTIF({opd},{a}),\"\")", fmt["pct"], got.rate if got.pairs else "")
            if got.received is None:
                ws.write_blank(r, cells["received"], None, fmt["date"])
            else:
                ws.write_datetime(r, cells["received"], dt.datetime.combine(got.received, dt.time()), fmt["date"])
            ws.write_formula(r, cells["late"], f"=IF(AND(ISNUMBER({received}),N({rate})>0),"
                             f"MAX(0,{received}-{layout.due_cell(n)}),\"\")", fmt["num"],
                             "" if got.late is None else got.late)
        totals = figures.opd_totals(code)
        lates = [xl_rowcol_to_cell(r, layout.opd_col("late", n)) for n in figures.present]
        rates = [xl_rowcol_to_cell(r, layout.opd_col("rate", n)) for n in figures.present]
        formulas = {"on_time": "+".join(f"COUNTIF({c},0)" for c in lates),
                    "late_periods": "+".join(f'COUNTIF({c},">0")' for c in lates),
                    "not_reported": "+".join(f"COUNTIF({c},0)" for c in rates)}
        for key in OPD_TOTAL_KEYS:
            ws.write_formula(r, layout.opd_col(key), "=" + formulas[key], fmt["num"], totals[key])


def _view(ws, f, figures: YearFigures, layout: YearLayout, cols: list[float], heading: str) -> None:
    lang, table = layout.lang, layout.reporting
    first, last = table.first, max(table.first, table.last)
    ws.freeze_panes(first, 2)
    for n in figures.present:
        c = layout.opd_col("rate", n)
        ws.conditional_format(first, c, last, c, DATA_BAR)
        ws.conditional_format(first, c, last, c, {"type": "cell", "criteria": "==", "value": 0,
                                                  "format": f(bg_color=RED)})
        c = layout.opd_col("late", n)
        ws.conditional_format(first, c, last, c, {"type": "cell", "criteria": ">", "value": 0,
                                                  "format": f(bg_color=AMBER)})
    for key, colour in (("late_periods", AMBER), ("not_reported", RED)):
        c = layout.opd_col(key)
        ws.conditional_format(first, c, last, c, {"type": "cell", "criteria": ">", "value": 0,
                                                  "format": f(bg_color=colour)})
    print_setup(ws, (REPORTING_DUE, table.header), lang, layout.names["reporting"], cols, repeat=2,
                heading=(heading, f"{t('yr.year', lang)} {figures.year.year}"), last_row=last)
    period_breaks(ws, cols, 2, len(OPD_KEYS), len(OPD_PERIOD_KEYS), layout.periods)
