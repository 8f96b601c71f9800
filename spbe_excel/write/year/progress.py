"""The Perkembangan sheet: one row per (action, OPD) pair of the plan, and for each period of the year its status
(or, where it reported none, its report state), its progress and the level it claims; a period without a
consolidated workbook is a grey band under its label.  Then the latest state of the year, live formulas over the
periods: the period it last reported in, what it reported there, and its trend (Selesai, Naik, Macet, Tidak
lapor); a stalled row is amber and a silent one red from No to Target Waktu, so that it is seen at once."""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from spbe_excel.io import row_height, write_text
from spbe_excel.model.vocab import PairState, Status
from spbe_excel.text import t
from spbe_excel.text.words import column_label, status_label
from spbe_excel.write.workbook.style import (
    AMBER,
    BORDER,
    DATA_BAR,
    GREEN,
    GREY,
    HEAD,
    ORANGE,
    RED,
    YELLOW,
    print_setup,
    sheet_head,
)
from spbe_excel.write.year.layout import LATEST_KEYS, PERIOD_KEYS, PROGRESS_HEADER, YearLayout, period_breaks
from spbe_excel.year.figures import MARKS, TRENDS, Mark, YearFigures, mark

WIDTHS: dict[str, float] = {"no": 5, "action": 6, "indicator": 25, "opd": 12, "follow_up": 26, "target_year": 7,
                             "status": 12, "progress": 8, "level": 7, "latest_period": 14, "latest_status": 12,
                             "latest_progress": 8, "trend": 13}
MISSING_FILL = "#D9D9D9"
MARK_FILLS: dict[Mark, str] = {Status.DONE: GREEN, Status.IN_PROGRESS: YELLOW, Status.NOT_STARTED: GREY,
                                Status.CANNOT: ORANGE, PairState.MISSING: RED, PairState.REJECTED: RED}


def mark_word(m: Mark, lang: str) -> str:
    """How a mark is written in the workbook: the status's label, else the report state's."""
    return status_label(m, lang) if isinstance(m, Status) else t(f"state.{m}", lang)


def trend_word(trend: str, lang: str) -> str:
    return t(f"yr.trend.{trend}", lang)


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def widths(layout: YearLayout) -> list[float]:
    return ([WIDTHS[k] for k in layout.pair_keys] + [WIDTHS[k] for _ in range(layout.periods) for k in PERIOD_KEYS]
            + [WIDTHS[k] for k in LATEST_KEYS] + [WIDTHS["indicator"]])


def label(key: str, lang: str) -> str:
    return column_label(key, lang) if key in ("no", "action", "indicator", "opd", "follow_up", "target_year") \
        else t(f"yr.col.{key}", lang)


def write_progress(ws, f, figures: YearFigures, layout: YearLayout) -> None:
    year, lang = figures.year, layout.lang
    cols = widths(layout)
    heading = f"{t('yr.title.progress', lang)} - {year.institution} {year.year}"
    sheet_head(ws, f, cols, heading, t("yr.progress.note", lang), 10)
    _header(ws, f, figures, layout, cols)
    _rows(ws, f, figures, layout, cols)
    _view(ws, f, figures, layout, cols, heading)


def _header(ws, f, figures: YearFigures, layout: YearLayout, cols: list[float]) -> None:
    lang, top, sub = layout.lang, PROGRESS_HEADER, PROGRESS_HEADER + 1
    head, missing = f(**HEAD), f(**{**HEAD, "bg_color": MISSING_FILL, "italic": True})
    for c, key in enumerate(layout.pair_keys):
        ws.merge_range(top, c, sub, c, label(key, lang), head)
    tall = [(label(k, lang), cols[c]) for c, k in enumerate(layout.pair_keys)]
    for n, p in enumerate(figures.year.periods):
        first, last = layout.progress_col(n, "status"), layout.progress_col(n, "level")
        text = p.label if p.present else f"{p.label}\n{t('yr.later' if p.later else 'yr.missing', lang)}"
        ws.merge_range(top, first, top, last, text, head if p.present else missing)
        for key in PERIOD_KEYS:
            c = layout.progress_col(n, key)
            ws.write_string(sub, c, label(key, lang), head if p.present else missing)
            tall.append((label(key, lang), cols[c]))
    first, last = layout.latest_col("latest_period"), layout.latest_col("latest_progress")
    ws.merge_range(top, first, top, last, t("yr.col.latest", lang), head)
    for key in LATEST_KEYS[:-1]:
        ws.write_string(sub, layout.latest_col(key), label(key, lang), head)
    c = layout.latest_col("trend")
    ws.merge_range(top, c, sub, c, label("trend", lang), head)
    ws.merge_range(top, layout.indicator_col, sub, layout.indicator_col, label("indicator", lang), head)
    ws.set_row(top, 30)
    ws.set_row(sub, row_height(tall, bold=True, minimum=15))


ROW = "#"  # stands for the row number in the text of a row's formula


def _cell(col: int) -> str:
    """A cell of the row being written: its column's letter and :data:`ROW`."""
    return f"{xl_col_to_name(col)}{ROW}"


def latest_formulas(layout: YearLayout, figures: YearFigures) -> dict[str, tuple[str, ...]]:
    """The formulas of a pair's latest state, split at the row number (``str(r + 1).join(pieces)`` is row
    ``r``'s): nested IFs over the periods with a workbook, the last first; a period counts when its status cell
    says the pair reported."""
    lang = layout.lang
    silent = [quoted(mark_word(m, lang)) for m in (PairState.MISSING, PairState.REJECTED)]
    present = list(reversed(figures.present))

    def reported(n: int) -> str:
        s = _cell(layout.progress_col(n, "status"))
        return f'AND({s}<>"",{s}<>{silent[0]},{s}<>{silent[1]})'

    def nested(value) -> str:
        out = '""'
        for n in reversed(present):
            out = f"IF({reported(n)},{value(n)},{out})"
        return out

    def progress(n: int) -> str:
        cell = _cell(layout.progress_col(n, "progress"))
        return f'IF(ISNUMBER({cell}),{cell},"")'

    periods = figures.year.periods
    last = present[0]
    now = _cell(layout.progress_col(last, "progress"))
    before = f"N({_cell(layout.progress_col(present[1], 'progress'))})" if len(present) > 1 else "0"
    status = _cell(layout.latest_col("latest_status"))
    words = {k: quoted(trend_word(k, lang)) for k in ("done", "silent", "rising", "stalled")}
    formulas = {
        "latest_period": nested(lambda n: quoted(periods[n].label)),
        "latest_status": nested(lambda n: _cell(layout.progress_col(n, "status"))),
        "latest_progress": nested(progress),
        "trend": (f"IF({status}={quoted(status_label(Status.DONE, lang))},{words['done']},"
                  f"IF(NOT({reported(last)}),{words['silent']},"
                  f"IF(N({now})>{before},{words['rising']},{words['stalled']})))"),
    }
    return {key: tuple(formula.split(ROW)) for key, formula in formulas.items()}


def _rows(ws, f, figures: YearFigures, layout: YearLayout, cols: list[float]) -> None:
    year, lang = figures.year, layout.lang
    base = {"valign": "top", **BORDER}
    text, num, pct = f(text_wrap=True, **base), f(align="center", **base), f(num_format="0%", **base)
    grey = f(bg_color=MISSING_FILL, **base)
    master = year.master
    number_at, string_at, blank_at, formula_at = ws.number_at, ws.string_at, ws.blank_at, ws.formula_at
    words = {m: mark_word(m, lang) for m in MARKS}
    trends = {k: trend_word(k, lang) for k in TRENDS}
    formulas = latest_formulas(layout, figures)
    latest_cols = {k: layout.latest_col(k) for k in LATEST_KEYS}
    period_cols = [(n, p.present, *(layout.progress_col(n, k) for k in PERIOD_KEYS))
                   for n, p in enumerate(year.periods)]
    for r, pair in enumerate(year.pairs, layout.progress.first):
        ind = master.action(pair[0])
        values = {"no": ind.no, "action": ind.action, "opd": pair[1], "follow_up": ind.follow_up,
                  "target_year": ind.target_year}
        shown = []
        for c, key in enumerate(layout.pair_keys):
            v = values[key]
            if isinstance(v, int):
                number_at(r, c, v, num)
            else:
                write_text(ws, r, c, str(v), num if key == "action" else text)
                shown.append((str(v), cols[c]))
        for n, present, c_status, c_progress, c_level in period_cols:
            pr = figures.report(n, pair) if present else None
            if pr is None:
                for c in (c_status, c_progress, c_level):
                    blank_at(r, c, None, grey if not present else text)
                continue
            string_at(r, c_status, words[mark(pr)], text)
            _number(ws, r, c_progress, None if pr.progress is None else pr.progress / 100.0, pct)
            _number(ws, r, c_level, pr.level, num)
        cached = _latest_values(figures, pair, words, trends)
        x = str(r + 1)
        for key, c in latest_cols.items():
            formula_at(r, c, x.join(formulas[key]), pct if key == "latest_progress" else text, cached[key])
        write_text(ws, r, layout.indicator_col, ind.indicator, text)
        shown.append((ind.indicator, cols[layout.indicator_col]))
        ws.set_row(r, row_height(shown, minimum=15))


def _latest_values(figures: YearFigures, pair: tuple[str, str], words: dict, trends: dict) -> dict[str, object]:
    """The cached values of a pair's latest state (what :func:`latest_formulas` give)."""
    last = figures.latest(pair)
    return {
        "latest_period": figures.year.periods[last.position].label if last else "",
        "latest_status": words[mark(last.report)] if last else "",
        "latest_progress": "" if last is None or last.report.progress is None else last.report.progress / 100.0,
        "trend": trends[figures.trend(pair)],
    }


def _number(ws, r: int, c: int, value: float | None, fmt) -> None:
    if value is None:
        ws.blank_at(r, c, None, fmt)
    else:
        ws.number_at(r, c, value, fmt)


def _view(ws, f, figures: YearFigures, layout: YearLayout, cols: list[float], heading: str) -> None:
    lang, first, last = layout.lang, layout.progress.first, max(layout.progress.first, layout.progress.last)
    width = layout.progress_width
    ident = len(layout.pair_keys)
    ws.freeze_panes(first, layout.pair_keys.index("opd") + 1)
    ws.autofilter(PROGRESS_HEADER + 1, 0, last, width - 1)
    status_cols = [layout.progress_col(n, "status") for n in figures.present] + [layout.latest_col("latest_status")]
    for c in status_cols:
        for m, color in MARK_FILLS.items():
            ws.conditional_format(first, c, last, c, {"type": "cell", "criteria": "==",
                                                      "value": quoted(mark_word(m, lang)),
                                                      "format": f(bg_color=color)})
    for n in figures.present:
        c = layout.progress_col(n, "progress")
        ws.conditional_format(first, c, last, c, DATA_BAR)
    trend = xl_rowcol_to_cell(first, layout.latest_col("trend"), col_abs=True)
    for key, color in (("stalled", AMBER), ("silent", RED)):
        rule = {"type": "formula", "criteria": f"={trend}={quoted(trend_word(key, lang))}",
                "format": f(bg_color=color)}
        ws.conditional_format(first, 0, last, ident - 1, rule)
        ws.conditional_format(first, layout.latest_col("trend"), last, layout.latest_col("trend"), rule)
    print_setup(ws, (PROGRESS_HEADER, PROGRESS_HEADER + 1), lang, layout.names["progress"], cols,
                repeat=layout.pair_keys.index("opd") + 1,
                heading=(heading, f"{t('yr.year', lang)} {figures.year.year}"), last_row=last)
    period_breaks(ws, cols, layout.pair_keys.index("opd") + 1, len(layout.pair_keys), len(PERIOD_KEYS),
                  layout.periods)
