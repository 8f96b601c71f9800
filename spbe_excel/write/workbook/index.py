"""The Indeks sheet: the SPBE index overall, the predicate table, the level
of every indicator (over Monev) and the index per aspect and per domain (over
the indicator table), every figure a formula (:mod:`spbe_excel.figures`)."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from spbe_excel.figures import (
    claimed_levels,
    claims_not_counted,
    index_overall,
    index_part,
    indicator_claim,
    indicator_level,
    pairs_per_indicator,
    predicate_note,
)
from spbe_excel.io import row_height, write_text
from spbe_excel.merge import Consolidation
from spbe_excel.model.levels import PREDICATES
from spbe_excel.text import pick, t
from spbe_excel.text.words import column_label
from spbe_excel.write.workbook.layout import (
    INDEX_OVERALL_COLS,
    INDEX_PART_COLS,
    PREDICATE_COL,
    Layout,
    Table,
)
from spbe_excel.write.workbook.style import BORDER, HEAD, header_row, print_setup, title

WIDTHS = (6, 30, 20, 27, 9, 7, 9, 16, 21)  # one page width (at 72 %)
LABEL_COL = len(INDEX_PART_COLS)  # the aspects' short names, beside their table: the categories of the chart


def write_index(ws, f, cons: Consolidation, layout: Layout) -> None:
    lang, rows = layout.lang, layout.index
    title(ws, f, t("wb.sheet.index", lang).upper(), len(WIDTHS))
    note = t("wb.idx.note", lang)
    ws.merge_range(1, 0, 1, len(WIDTHS) - 1, note, f(italic=True, text_wrap=True, valign="top"))
    ws.set_row(1, row_height([(note, sum(WIDTHS) + len(WIDTHS))]))
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    fmt = {"head": f(**HEAD), "text": f(text_wrap=True, valign="top", **BORDER),
           "num": f(valign="top", align="center", **BORDER), "dec": f(valign="top", num_format="0.00", **BORDER),
           "dec4": f(valign="top", num_format="0.0000", **BORDER)}
    _predicates(ws, f, fmt, rows.predicates, lang)
    ws.write_string(rows.overall.title, 0, t("wb.idx.overall", lang), f(bold=True))
    heads = ("wb.idx.weight", "wb.idx.baseline", "wb.idx.estimate", "wb.idx.pred_base", "wb.idx.pred_est")
    for c, key in enumerate(heads):
        ws.write_string(rows.overall.header, c, t(key, lang), fmt["head"])
    header_row(ws, rows.overall.header, [(t(key, lang), w) for key, w in zip(heads, WIDTHS)] +
               [(t(key, lang), WIDTHS[PREDICATE_COL + i]) for i, key in enumerate(("wb.idx.low", "wb.kf.predicate"))])
    _indicators(ws, f, fmt, cons, layout)
    r = rows.overall.first
    cells = {key: xl_rowcol_to_cell(r, c) for c, key in enumerate(INDEX_OVERALL_COLS)}
    figures = index_overall(cons, layout, cells)
    for c, figure in enumerate(figures):
        ws.write_formula(r, c, figure.formula, fmt["dec"] if c < 3 else fmt["text"], figure.value)
    ws.set_row(r, row_height([(str(x.value), WIDTHS[c]) for c, x in enumerate(figures) if c >= 3]))
    idx = cons.index
    remark = predicate_note([(cells["baseline"], idx.overall.baseline, idx.baseline_rule),
                             (cells["estimate"], idx.overall.estimate, idx.estimate_rule)], layout)
    style = f(italic=True, text_wrap=True, valign="top")
    ws.merge_range(r + 1, 0, r + 1, len(INDEX_OVERALL_COLS) - 1, "", style)
    ws.write_formula(r + 1, 0, remark.formula, style, remark.value)
    if remark.value:
        ws.set_row(r + 1, row_height([(str(remark.value), sum(WIDTHS[:len(INDEX_OVERALL_COLS)]))]))
    rules = (cons.index.baseline_rule, cons.index.estimate_rule)
    _parts(ws, f, fmt, rows.aspects, "wb.idx.aspects", cons.index.aspects, layout, rules, aspect_labels(cons.master))
    _parts(ws, f, fmt, rows.domains, "wb.idx.domains", cons.index.domains, layout, rules)
    ws.freeze_panes(3, 0)
    header = rows.indicators.header
    print_setup(ws, (header, header), lang, layout.names["index"], WIDTHS)


def aspect_labels(master) -> list[str]:
    """Short names of the plan's aspects, in their order, for the chart: within a
    domain of several aspects, the words every one of them shares are dropped
    except each name's first (``Kebijakan Internal Tata Kelola SPBE`` and
    ``Kebijakan Internal Layanan SPBE`` become ``Kebijakan Tata Kelola`` and
    ``Kebijakan Layanan``).  The full names when that would make two alike."""
    full, short = [], []
    for domain in master.domains:
        names = [a.name for a in domain.aspects]
        full += names
        words = [name.split() for name in names]
        shared = set.intersection(*({w.casefold() for w in ws} for ws in words)) if len(words) > 1 else set()
        short += [" ".join(w for i, w in enumerate(ws) if i == 0 or w.casefold() not in shared) for ws in words]
    return short if len({s.casefold() for s in short}) == len(short) else full


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
    labels = [t(key, lang) for key in ("wb.idx.no", "wb.idx.name", "wb.idx.domain")]
    labels += [column_label("aspect", lang)] + [t(key, lang) for key in ("wb.idx.weight", "wb.idx.baseline",
                                                                       "wb.idx.estimate", "wb.idx.claimed",
                                                                       "wb.idx.not_counted")]
    for c, label in enumerate(labels):
        ws.write_string(table.header, c, label, fmt["head"])
    header_row(ws, table.header, list(zip(labels, WIDTHS)))
    text, num, dec4 = fmt["text"], fmt["num"], fmt["dec4"]
    pairs, levels, claims = pairs_per_indicator(cons), cons.index.levels, claimed_levels(cons)
    notes: dict[int, list[str]] = {}
    for nc in claims_not_counted(cons):
        notes.setdefault(nc.no, []).append(t("wb.idx.claim_note", lang, opd=nc.opd, action=nc.action,
                                             claimed=nc.claimed, counted=nc.counted, why=t(nc.why, lang)))
    for r, ind in enumerate(cons.master.indicators, table.first):
        ws.write_number(r, 0, ind.no, num)
        write_text(ws, r, 1, ind.indicator, text)
        write_text(ws, r, 2, ind.domain, text)
        write_text(ws, r, 3, ind.aspect, text)
        ws.set_row(r, row_height([(ind.indicator, WIDTHS[1]), (ind.domain, WIDTHS[2]), (ind.aspect, WIDTHS[3])]))
        ws.write_number(r, 4, ind.weight, dec4)
        ws.write_number(r, 5, ind.baseline_level, num)
        figure = indicator_level(xl_rowcol_to_cell(r, 0), xl_rowcol_to_cell(r, 5), levels[ind.no], pairs[ind.no],
                                 layout)
        if figure.array:
            ws.write_array_formula(r, 6, r, 6, f"{{{figure.formula}}}", num, figure.value)
        else:
            ws.write_formula(r, 6, figure.formula, num, figure.value)
        claimed = indicator_claim(xl_rowcol_to_cell(r, 0), claims[ind.no], pairs[ind.no], layout)
        if claimed.array:
            ws.write_array_formula(r, 7, r, 7, f"{{{claimed.formula}}}", num, claimed.value)
        else:
            ws.write_formula(r, 7, claimed.formula, num, claimed.value)
        note = "; ".join(notes.get(ind.no, ()))
        write_text(ws, r, 8, note, text)
        if note:
            ws.set_row(r, row_height([(ind.indicator, WIDTHS[1]), (ind.domain, WIDTHS[2]), (ind.aspect, WIDTHS[3]),
                                      (note, WIDTHS[8])]))


def _parts(ws, f, fmt: dict, table: Table, title_key: str, parts, layout: Layout, rules: tuple,
           labels: list[str] | None = None) -> None:
    """The index per aspect or per domain (the aspects with their short names beside)."""
    lang = layout.lang
    ws.write_string(table.title, 0, t(title_key, lang), f(bold=True))
    heads = [t(key, lang) for key in ("wb.idx.no", "wb.idx.name", "wb.idx.weight", "wb.idx.baseline",
                                      "wb.idx.estimate", "wb.idx.pred_base", "wb.idx.pred_est")]
    if labels is not None:
        heads.append(t("wb.idx.label", lang))
    for c, head in enumerate(heads):
        ws.write_string(table.header, c, head, fmt["head"])
    header_row(ws, table.header, list(zip(heads, WIDTHS)))
    for n, (r, part) in enumerate(zip(range(table.first, table.last + 1), parts)):
        cells = {key: xl_rowcol_to_cell(r, c) for c, key in enumerate(INDEX_PART_COLS)}
        ws.write_number(r, 0, part.number, fmt["num"])
        write_text(ws, r, 1, part.name, fmt["text"])
        shown: list[tuple[str, float]] = [(part.name, WIDTHS[1])]
        for c, figure in enumerate(index_part(part, layout, cells, rules), 2):
            ws.write_formula(r, c, figure.formula, fmt["dec"] if c < 5 else fmt["text"], figure.value)
            if c >= 5:
                shown.append((str(figure.value), WIDTHS[c]))
        if labels is not None:
            write_text(ws, r, LABEL_COL, labels[n], fmt["text"])
            shown.append((labels[n], WIDTHS[LABEL_COL]))
        ws.set_row(r, row_height(shown))
