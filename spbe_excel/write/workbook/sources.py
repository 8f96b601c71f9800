"""The Sumber sheet: every file seen (path, OPD, period, hash, size, date),
what became of it and its error findings, counted on Temuan."""

from __future__ import annotations

from spbe_excel.figures import source_errors
from spbe_excel.io import write_text
from spbe_excel.merge import Consolidation
from spbe_excel.text import t
from spbe_excel.write.workbook.layout import SOURCE_COLS, SOURCES_HEADER, Layout
from spbe_excel.write.workbook.style import BORDER, HEAD, RED, print_setup, title

WIDTHS = (40, 12, 18, 7, 66, 12, 18, 9, 18, 8)


def write_sources(ws, f, cons: Consolidation, layout: Layout) -> None:
    lang = layout.lang
    title(ws, f, t("wb.sheet.sources", lang).upper(), 6)
    for c, (key, w) in enumerate(zip(SOURCE_COLS, WIDTHS)):
        ws.set_column(c, c, w)
        ws.write_string(SOURCES_HEADER, c, t(f"wb.s.{key}", lang), f(**HEAD))
    text = f(text_wrap=True, valign="top", **BORDER)
    num = f(valign="top", num_format="#,##0", **BORDER)
    for r, (src, errors) in enumerate(zip(cons.sources, source_errors(cons, layout, lang)), SOURCES_HEADER + 1):
        sub = src.submission
        write_text(ws, r, 0, sub.path, text)
        write_text(ws, r, 1, sub.opd or "", text)
        write_text(ws, r, 2, sub.period or "", text)
        write_text(ws, r, 3, sub.source.format, text)
        write_text(ws, r, 4, sub.source.sha256, text)
        ws.write_number(r, 5, sub.source.size, num)
        write_text(ws, r, 6, sub.source.modified.replace("T", " "), text)
        ws.write_number(r, 7, src.rows_read, num)
        ws.write_string(r, 8, t(f"use.{src.use}", lang), text)
        ws.write_formula(r, 9, errors.formula, num, errors.value)
    last = SOURCES_HEADER + max(1, len(cons.sources))
    ws.autofilter(SOURCES_HEADER, 0, last, len(SOURCE_COLS) - 1)
    ws.freeze_panes(SOURCES_HEADER + 1, 0)
    use = SOURCE_COLS.index("use")
    ws.conditional_format(SOURCES_HEADER + 1, use, last, use, {"type": "cell", "criteria": "==",
                                                               "value": f'"{t("use.rejected", lang)}"',
                                                               "format": f(bg_color=RED)})
    print_setup(ws, (SOURCES_HEADER, SOURCES_HEADER), lang, layout.names["sources"])
