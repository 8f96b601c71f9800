"""The Sumber sheet: every file seen (path, OPD, period, hash, size, date),
what became of it and its error findings, counted on Temuan."""

from __future__ import annotations

from spbe_excel.figures import source_errors
from spbe_excel.io import row_height, write_text
from spbe_excel.merge import Consolidation
from spbe_excel.text import t
from spbe_excel.write.workbook.layout import SOURCE_COLS, SOURCES_HEADER, Layout
from spbe_excel.write.workbook.style import BORDER, HEAD, RED, header_row, print_setup, title

WIDTHS = (32, 11, 14, 7, 31, 11, 14, 8, 13, 7)  # the SHA-256 on two lines


def write_sources(ws, f, cons: Consolidation, layout: Layout) -> None:
    lang = layout.lang
    title(ws, f, t("wb.sheet.sources", lang).upper(), 6)
    labels = [(t(f"wb.s.{key}", lang), w) for key, w in zip(SOURCE_COLS, WIDTHS)]
    for c, (label, w) in enumerate(labels):
        ws.set_column(c, c, w)
        ws.write_string(SOURCES_HEADER, c, label, f(**HEAD))
    header_row(ws, SOURCES_HEADER, labels, filtered=True)
    text = f(text_wrap=True, valign="top", **BORDER)
    num = f(valign="top", num_format="#,##0", **BORDER)
    for r, (src, errors) in enumerate(zip(cons.sources, source_errors(cons, layout)), SOURCES_HEADER + 1):
        sub = src.submission
        texts = (sub.path, sub.opd or "", sub.period or "", sub.source.format, sub.source.sha256, None,
                 sub.source.modified.replace("T", " "), None, t(f"use.{src.use}", lang))
        for c, value in enumerate(texts):
            if value is not None:
                write_text(ws, r, c, value, text)
        ws.write_number(r, 5, sub.source.size, num)
        ws.write_number(r, 7, src.rows_read, num)
        ws.write_formula(r, 9, errors.formula, num, errors.value)
        ws.set_row(r, row_height([(v, w) for v, w in zip(texts, WIDTHS) if v]))
    last = SOURCES_HEADER + max(1, len(cons.sources))
    ws.autofilter(SOURCES_HEADER, 0, last, len(SOURCE_COLS) - 1)
    ws.freeze_panes(SOURCES_HEADER + 1, 0)
    use = SOURCE_COLS.index("use")
    ws.conditional_format(SOURCES_HEADER + 1, use, last, use, {"type": "cell", "criteria": "==",
                                                               "value": f'"{t("use.rejected", lang)}"',
                                                               "format": f(bg_color=RED)})
    print_setup(ws, (SOURCES_HEADER, SOURCES_HEADER), lang, layout.names["sources"], WIDTHS)
