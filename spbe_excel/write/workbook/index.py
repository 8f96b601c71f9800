"""The Indeks sheet: the SPBE index overall, the predicate table, the level
of every indicator (over Monev) and the index per aspect and per domain (over
the indicator table), every figure a formula (:mod:`spbe_excel.figures`)."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from spbe_excel.figures import index_overall, index_part, indicator_level, shared_indicators
from spbe_excel.io import write_text
from spbe_excel.merge import Consolidation
from spbe_excel.model.columns import BY_KEY
from spbe_excel.model.levels import PREDICATES
from spbe_excel.text import pick, t
from spbe_excel.write.workbook.layout import (
    INDEX_OVERALL_COLS,
    INDEX_PART_COLS,
    PREDICATE_COL,
    Layout,
    Table,
)
from spbe_excel.write.workbook.style import BORDER, HEAD, print_setup, title

WIDTHS = (6, 40, 24, 30, 10, 10, 12, 16, 16)


def write_index(ws, f, cons: Consolidation, layout: Layout) -> None:
    lang, rows = layout.lang, layout.index
    title(ws, f, t("wb.sheet.index", lang).upper(), 8)
    ws.merge_range(1, 0, 1, 7, t("wb.idx.note", lang), f(italic=True, text_wrap=True, valign="top"))
    ws.set_row(1, 30)
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    fmt = {"head": f(**HEAD), "text": f(text_wrap=True, valign="top", **BORDER),
           "num": f(valign="top", align="center", **BORDER), "dec": f(valign="top", num_format="0.00", **BORDER),
           "dec4": f(valign="top", num_format="0.0000", **BORDER)}
    _predicates(ws, f, fmt, rows.predicates, lang)
    ws.write_string(rows.overall.title, 0, t("wb.idx.overall", lang), f(bold=True))
    for c, key in enumerate(("wb.idx.weight", "wb.idx.baseline", "wb.idx.estimate", "wb.idx.pred_base",
                             "wb.idx.pred_est")):
        ws.write_string(rows.overall.header, c, t(key, lang), fmt["head"])
    _indicators(ws, f, fmt, cons, layout)
    r = rows.overall.first
    cells = {key: xl_rowcol_to_cell(r, c) for c, key in enumerate(INDEX_OVERALL_COLS)}
    for c, figure in enumerate(index_overall(cons, layout, cells, lang)):
        ws.write_formula(r, c, figure.formula, fmt["dec"] if c < 3 else fmt["text"], figure.value)
    _parts(ws, f, fmt, rows.aspects, "wb.idx.aspects", cons.index.aspects, layout)
    _parts(ws, f, fmt, rows.domains, "wb.idx.domains", cons.index.domains, layout)
    ws.freeze_panes(3, 0)
    header = rows.indicators.header
    print_setup(ws, (header, header), lang, layout.names["index"])


def _predicates(ws, f, fmt: dict, table: Table, lang: str) -> None:
    """The predicate table, ascending (for LOOKUP)."""
    ws.write_string(table.title, PREDICATE_COL, t("wb.idx.predicates", lang), f(bold=True))
    ws.write_string(table.header, PREDICATE_COL, t("wb.idx.low", lang), fmt["head"])
    ws.write_string(table.header, PREDICATE_COL + 1, t("wb.kf.predicate", lang), fmt["head"])
    for r, (low, names) in enumerate(sorted(PREDICATES), table.first):
        ws.write_number(r, PREDICATE_COL, low, fmt["dec"])
        ws.write_string(r, PREDICATE_COL + 1, pick(names, lang), fmt["text"])


def _indicators(ws, f, fmt: dict, cons: Consolidation, layout: Layout) -> None:
    """The level of every indicator for the estimate, beside its weight and baseline."""
    lang, table = layout.lang, layout.index.indicators
    ws.write_string(table.title, 0, t("wb.idx.indicators", lang), f(bold=True))
    for c, key in enumerate(("wb.idx.no", "wb.idx.name", "wb.idx.domain", "wb.idx.name", "wb.idx.weight",
                             "wb.idx.baseline", "wb.idx.estimate")):
        label = t(key, lang) if c != 3 else BY_KEY["aspect"].label(lang)
        ws.write_string(table.header, c, label, fmt["head"])
    text, num, dec4 = fmt["text"], fmt["num"], fmt["dec4"]
    shared, levels = shared_indicators(cons), cons.index.levels
    for r, ind in enumerate(cons.master.indicators, table.first):
        ws.write_number(r, 0, ind.no, num)
        write_text(ws, r, 1, ind.indicator, text)
        write_text(ws, r, 2, ind.domain, text)
        write_text(ws, r, 3, ind.aspect, text)
        ws.write_number(r, 4, ind.weight, dec4)
        ws.write_number(r, 5, ind.baseline_level, num)
        figure = indicator_level(xl_rowcol_to_cell(r, 0), levels[ind.no], ind.no in shared, layout)
        if figure.array:
            ws.write_array_formula(r, 6, r, 6, f"{{{figure.formula}}}", num, figure.value)
        else:
            ws.write_formula(r, 6, figure.formula, num, figure.value)


def _parts(ws, f, fmt: dict, table: Table, title_key: str, parts, layout: Layout) -> None:
    """The index per aspect or per domain."""
    lang = layout.lang
    ws.write_string(table.title, 0, t(title_key, lang), f(bold=True))
    for c, key in enumerate(("wb.idx.no", "wb.idx.name", "wb.idx.weight", "wb.idx.baseline", "wb.idx.estimate",
                             "wb.idx.pred_base", "wb.idx.pred_est")):
        ws.write_string(table.header, c, t(key, lang), fmt["head"])
    for r, part in enumerate(parts, table.first):
        cells = {key: xl_rowcol_to_cell(r, c) for c, key in enumerate(INDEX_PART_COLS)}
        ws.write_number(r, 0, part.number, fmt["num"])
        write_text(ws, r, 1, part.name, fmt["text"])
        for c, figure in enumerate(index_part(part, layout, cells, lang), 2):
            ws.write_formula(r, c, figure.formula, fmt["dec"] if c < 5 else fmt["text"], figure.value)
