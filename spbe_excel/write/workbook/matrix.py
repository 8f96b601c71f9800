"""The Kelengkapan sheet: who reported what.  A grid OPD x action (an
indicator's No, or the action's id when it has several) with the reporting
rate per OPD, per action and overall; for a plan too large for a grid, the
counts per OPD as formulas over Monev (:mod:`spbe_excel.figures`)."""

from __future__ import annotations

from xlsxwriter.utility import xl_range, xl_rowcol_to_cell

from spbe_excel.figures import completeness_counts, completeness_rate, opd_completeness
from spbe_excel.merge import MISSING, REJECTED, REPORTED, Consolidation
from spbe_excel.text import t
from spbe_excel.write.workbook.layout import Layout
from spbe_excel.write.workbook.style import BORDER, GREEN, HEAD, ORANGE, RED, header_row, print_setup, title
from spbe_excel.write.workbook.summary import label_key

MATRIX_MAX_INDICATORS = 200  # above this the completeness matrix is written as a list
HEADER = 3
LIST_COLS = ("code", "pairs", "reported", "missing", "rejected", "rate")


def write_matrix(ws, f, cons: Consolidation, layout: Layout) -> None:
    lang = layout.lang
    title(ws, f, t("wb.sheet.matrix", lang).upper(), 8)
    ws.write_string(1, 0, t("wb.mx.legend", lang), f(italic=True))
    fmt = {"head": f(**HEAD), "cell": f(align="center", **BORDER), "pct": f(num_format="0%", align="center", **BORDER)}
    if len(cons.master.actions) <= MATRIX_MAX_INDICATORS:
        widths = _grid(ws, f, fmt, cons, layout)
    else:
        widths = _list(ws, f, fmt, cons, layout)
    heading = (t("wb.sheet.matrix", lang).upper(), t("wb.mx.legend", lang))
    print_setup(ws, (HEADER, HEADER), lang, layout.names["matrix"], widths, repeat=1, heading=heading,
                last_row=HEADER + 1 + len(cons.opds_expected))


def _grid(ws, f, fmt: dict, cons: Consolidation, layout: Layout) -> list[float]:
    """The grid; returns its column widths."""
    lang = layout.lang
    labels = {REPORTED: t("wb.mx.reported", lang), MISSING: t("wb.mx.missing", lang),
              REJECTED: t("wb.mx.rejected", lang)}
    head, cell, pct = fmt["head"], fmt["cell"], fmt["pct"]
    actions = cons.master.actions
    nos = [i.action for i in actions]
    state = {(r.opd, r.action): r.state for r in cons.rows}
    opds = cons.opds_expected
    widths = [14.0] + [6.0] * len(nos) + [12.0]
    ws.set_column(0, 0, widths[0])
    ws.set_column(1, len(nos), widths[1])
    ws.set_column(len(nos) + 1, len(nos) + 1, widths[-1])
    ws.write_string(HEADER, 0, t("wb.mx.opd", lang), head)
    for c, ind in enumerate(actions, 1):
        if ind.numbered:
            ws.write_string(HEADER, c, ind.action, head)
        else:
            ws.write_number(HEADER, c, ind.no, head)
    rate_col = len(nos) + 1
    ws.write_string(HEADER, rate_col, t("wb.mx.rate", lang), head)
    header_row(ws, HEADER, [(t("wb.mx.opd", lang), widths[0]), (t("wb.mx.rate", lang), widths[-1])])
    for r, opd in enumerate(opds, HEADER + 1):
        ws.write_string(r, 0, opd, f(bold=True, **BORDER))
        mine = []
        for c, no in enumerate(nos, 1):
            st = state.get((opd, no))
            if st:
                ws.write_string(r, c, labels[st], cell)
                mine.append(st)
            else:
                ws.write_blank(r, c, None, cell)
        figure = completeness_rate(xl_range(r, 1, r, len(nos)), mine, layout)
        ws.write_formula(r, rate_col, figure.formula, pct, figure.value)
    total = HEADER + 1 + len(opds)
    ws.write_string(total, 0, t("wb.mx.total", lang), f(bold=True, **BORDER))
    for c, no in enumerate(nos, 1):
        states = [state[(o, no)] for o in opds if (o, no) in state]
        figure = completeness_rate(xl_range(HEADER + 1, c, total - 1, c), states, layout)
        ws.write_formula(total, c, figure.formula, pct, figure.value)
    figure = completeness_rate(xl_range(HEADER + 1, 1, total - 1, len(nos)), list(state.values()), layout)
    ws.write_formula(total, rate_col, figure.formula, pct, figure.value)
    ws.freeze_panes(HEADER + 1, 1)
    for st, color in ((REPORTED, GREEN), (MISSING, RED), (REJECTED, ORANGE)):
        ws.conditional_format(HEADER + 1, 1, total - 1, len(nos), {"type": "cell", "criteria": "==",
                                                                   "value": f'"{labels[st]}"',
                                                                   "format": f(bg_color=color)})
    return widths


def _list(ws, f, fmt: dict, cons: Consolidation, layout: Layout) -> list[float]:
    """Too many indicators for a grid: the counts per OPD, as formulas over Monev; returns the column widths."""
    lang = layout.lang
    widths = [14.0] + [12.0] * 5
    ws.set_column(0, 0, widths[0])
    ws.set_column(1, 5, widths[1])
    heads = ("wb.mx.opd", label_key("wb.opd.pairs", cons.master.numbered), "wb.mx.reported", "wb.mx.missing",
             "wb.mx.rejected", "wb.mx.rate")
    for c, key in enumerate(heads):
        ws.write_string(HEADER, c, t(key, lang), fmt["head"])
    header_row(ws, HEADER, [(t(key, lang), w) for key, w in zip(heads, widths)])
    counts = completeness_counts(cons)
    num = f(align="center", **BORDER)
    formats = (num, num, num, num, fmt["pct"])
    for r, opd in enumerate(cons.opds_expected, HEADER + 1):
        cells = {key: xl_rowcol_to_cell(r, c) for c, key in enumerate(LIST_COLS[:3])}
        ws.write_string(r, 0, opd, f(bold=True, **BORDER))
        for c, (figure, fmt_c) in enumerate(zip(opd_completeness(opd, counts, layout, cells), formats), 1):
            ws.write_formula(r, c, figure.formula, fmt_c, figure.value)
    missing = LIST_COLS.index("missing")
    ws.conditional_format(HEADER + 1, missing, HEADER + len(cons.opds_expected), missing,
                          {"type": "cell", "criteria": ">", "value": 0, "format": f(bg_color=RED)})
    ws.freeze_panes(HEADER + 1, 0)
    return widths
