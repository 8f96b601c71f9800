"""The Ringkasan sheet: the period and the files read, the key figures, a
table per OPD and two charts (mean progress per OPD, the index per aspect).
Its figures are formulas over Monev, Temuan and Indeks (:mod:`spbe_excel.figures`)."""

from __future__ import annotations

import datetime as dt

from spbe_excel.figures import (
    KEY_FIGURES,
    Summary,
    key_figures,
    key_predicates,
    opd_figures,
    predicate_note,
    summary,
)
from spbe_excel.io import date_format, row_height, write_text
from spbe_excel.merge import Consolidation
from spbe_excel.text import t
from spbe_excel.write.workbook.index import LABEL_COL
from spbe_excel.write.workbook.layout import (
    INDEX_PART_COLS,
    KEY_FIGURES_TOP,
    OPD_TABLE_COLS,
    SUMMARY_INFO,
    Layout,
    index_chart_px,
    progress_chart_px,
)
from spbe_excel.write.workbook.style import BORDER, DATA_BAR, HEAD, RED, header_row, print_setup, title

WIDTHS = (32, 19, 11, 10, 9, 10, 14, 14, 10, 8, 11)
PERCENT = {"wb.kf.rate", "wb.kf.progress", "wb.kf.absorption", "progress", "absorption"}  # shown as percentages
DECIMAL = {"wb.kf.index_base", "wb.kf.index_est", "wb.kf.index_ver"}  # index values
CHART_FONT = {"size": 10}
# Labels that count a plan's rows (pairs of a row and an OPD): a plan whose actions are numbered ("11.2") counts
# actions, not indicators.
ACTION_LABELS = {"wb.kf.rate": "wb.kf.rate.actions", "wb.opd.pairs": "wb.opd.pairs.actions"}


def label_key(key: str, numbered: bool) -> str:
    """The text key of the label ``key`` in a plan whose actions are ``numbered`` or not."""
    return ACTION_LABELS.get(key, key) if numbered else key


def write_summary(wb, ws, f, cons: Consolidation, layout: Layout) -> None:
    lang = layout.lang
    summ = summary(cons)
    title(ws, f, f"{t('wb.title', lang)} - {cons.master.institution}", 11)
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    label, value = f(bold=True, valign="top"), f(valign="top", align="left")
    info = {
        "wb.period": cons.period_text or "-",
        "wb.files": t("wb.files.value", lang, files=summ.files, used=summ.files_used, rejected=summ.files_rejected,
                      skipped=summ.files_skipped, duplicate=summ.files_duplicate),
        "wb.fingerprint": cons.master.fingerprint,
    }
    for r, key in enumerate(SUMMARY_INFO, 2):
        ws.write_string(r, 0, t(key, lang), label)
        if key == "wb.as_of":
            ws.write_datetime(r, 1, dt.datetime(cons.as_of.year, cons.as_of.month, cons.as_of.day),
                              f(valign="top", align="left", num_format=date_format(lang)))
        else:
            write_text(ws, r, 1, info[key], value)
    _key_figures(ws, f, cons, summ, layout)
    _opd_table(ws, f, cons, layout)
    _charts(wb, ws, cons, layout)
    header = layout.summary.opds.header
    print_setup(ws, (header, header), lang, layout.names["summary"], WIDTHS)
    if layout.summary.progress_chart is not None:
        ws.set_h_pagebreaks([layout.summary.progress_chart])


def _formats(f) -> dict:
    return {"num": f(num_format="#,##0", align="right", valign="top", **BORDER),
            "pct": f(num_format="0.0%", align="right", valign="top", **BORDER),
            "dec": f(num_format="0.00", align="right", valign="top", **BORDER)}


def _format(fmt: dict, key: str):
    return fmt["pct"] if key in PERCENT else fmt["dec"] if key in DECIMAL else fmt["num"]


def _key_figures(ws, f, cons: Consolidation, summ: Summary, layout: Layout) -> None:
    lang, rows = layout.lang, layout.summary.key_figures
    ws.write_string(KEY_FIGURES_TOP, 0, t("wb.key_figures", lang), f(bold=True, font_size=11))
    fmt = _formats(f)
    txt, key = f(align="left", **BORDER), f(bold=True, **BORDER)
    figures = key_figures(cons, summ, layout)
    for k in KEY_FIGURES:
        ws.write_string(rows[k], 0, t(label_key(k, cons.master.numbered), lang), key)
        ws.write_formula(rows[k], 1, figures[k].formula, _format(fmt, k), figures[k].value)
    for k, figure in key_predicates(cons, layout).items():
        ws.write_formula(rows[k], 2, figure.formula, txt, figure.value)
    idx = cons.index
    style = f(italic=True, text_wrap=True, valign="top")
    legend = t("wb.kf.legend", lang)
    ws.merge_range(layout.summary.legend, 0, layout.summary.legend, 2, legend, style)
    ws.set_row(layout.summary.legend, row_height([(legend, sum(WIDTHS[:3]) + 2)]))
    note = predicate_note([(layout.key_figure("wb.kf.index_base"), idx.overall.baseline, idx.baseline_rule),
                           (layout.key_figure("wb.kf.index_est"), idx.overall.estimate, idx.estimate_rule),
                           (layout.key_figure("wb.kf.index_ver"), idx.overall.verified, idx.estimate_rule)], layout,
                          elsewhere=True)
    row = layout.summary.note
    ws.merge_range(row, 0, row, 2, "", style)
    ws.write_formula(row, 0, note.formula, style, note.value)
    if note.value:
        ws.set_row(row, row_height([(str(note.value), sum(WIDTHS[:3]))]))


def _opd_table(ws, f, cons: Consolidation, layout: Layout) -> None:
    lang, table = layout.lang, layout.summary.opds
    ws.write_string(table.title, 0, t("wb.per_opd", lang), f(bold=True, font_size=11))
    labels = [t(label_key(f"wb.opd.{key}", cons.master.numbered), lang) for key in OPD_TABLE_COLS]
    for c, text in enumerate(labels):
        ws.write_string(table.header, c, text, f(**HEAD))
    header_row(ws, table.header, list(zip(labels, WIDTHS)))
    text, fmt = f(text_wrap=True, valign="top", **BORDER), _formats(f)
    formats = [_format(fmt, key) for key in OPD_TABLE_COLS[2:]]
    registry = cons.master.registry
    for r, (code, figures) in enumerate(zip(cons.opds_expected, opd_figures(cons, layout)), table.first):
        ws.write_string(r, 0, code, text)
        name = registry.get(code).name if code in registry else code
        write_text(ws, r, 1, name, text)
        ws.set_row(r, row_height([(name, WIDTHS[1]), (code, WIDTHS[0])]))
        for c, (figure, fmt_c) in enumerate(zip(figures, formats), 2):
            ws.write_formula(r, c, figure.formula, fmt_c, figure.value)
    first, last = table.first, table.last
    progress, reported, errors = (OPD_TABLE_COLS.index(k) for k in ("progress", "reported", "errors"))
    ws.conditional_format(first, progress, last, progress, DATA_BAR)
    ws.conditional_format(first, reported, last, reported, {"type": "cell", "criteria": "==", "value": 0,
                                                            "format": f(bg_color=RED)})
    ws.conditional_format(first, errors, last, errors, {"type": "cell", "criteria": ">", "value": 0,
                                                        "format": f(bg_color=RED)})


def _charts(wb, ws, cons: Consolidation, layout: Layout) -> None:
    """The index per aspect beside the key figures; mean progress per OPD below the table per OPD."""
    lang, opds, aspects = layout.lang, layout.summary.opds, layout.index.aspects
    summary_name, index_name = layout.names["summary"], layout.names["index"]
    chart = wb.add_chart({"type": "bar"})
    series = (("baseline", "wb.idx.baseline", "#A5A5A5"), ("estimate", "wb.idx.estimate", "#70AD47"),
              ("verified", "wb.idx.verified", "#2F5597"))
    for part_col, key, color in series:
        c = INDEX_PART_COLS.index(part_col)
        chart.add_series({"name": t(key, lang), "values": [index_name, aspects.first, c, aspects.last, c],
                          "categories": [index_name, aspects.first, LABEL_COL, aspects.last, LABEL_COL],
                          "fill": {"color": color}, "gap": 50,
                          "data_labels": {"value": True, "num_format": "0.00", "position": "outside_end",
                                          "font": CHART_FONT}})
    chart.set_title({"name": t("wb.chart.index", lang), "name_font": {"size": 11}})
    chart.set_x_axis({"min": 0, "max": 5, "major_unit": 1, "major_gridlines": {"visible": True},
                      "num_font": CHART_FONT})
    chart.set_y_axis({"reverse": True, "num_font": CHART_FONT})  # the first aspect on top
    chart.set_legend({"position": "bottom", "font": CHART_FONT})
    chart.set_size({"width": 620, "height": index_chart_px(len(cons.index.aspects))})
    ws.insert_chart(KEY_FIGURES_TOP, 3, chart, {"x_offset": 10, "y_offset": 0})
    row = layout.summary.progress_chart
    if row is None:
        return
    progress = OPD_TABLE_COLS.index("progress")
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({"name": t("wb.opd.progress", lang),
                      "categories": [summary_name, opds.first, 0, opds.last, 0],
                      "values": [summary_name, opds.first, progress, opds.last, progress],
                      "fill": {"color": "#5B9BD5"}, "gap": 50,
                      # as the table beside it writes the same values (a whole percent showed 57.5 % as 57 %)
                      "data_labels": {"value": True, "num_format": "0.0%", "font": CHART_FONT}})
    chart.set_title({"name": t("wb.chart.progress", lang), "name_font": {"size": 11}})
    chart.set_x_axis({"min": 0, "max": 1, "num_format": "0%", "major_gridlines": {"visible": True},
                      "num_font": CHART_FONT})
    chart.set_y_axis({"reverse": True, "num_font": CHART_FONT})
    chart.set_legend({"none": True})
    chart.set_size({"width": 640, "height": progress_chart_px(len(cons.opds_expected))})
    ws.insert_chart(row, 0, chart, {"x_offset": 0, "y_offset": 10})  # wholly below the page break
