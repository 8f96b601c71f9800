"""The Indeks sheet: the SPBE index overall, the predicate table, the level
of every indicator (over Monev) and the index per aspect and per domain (over
the indicator table), every figure a formula (:mod:`spbe_excel.figures`)."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from spbe_excel.figures import (
    PREDICATE_OF,
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
    INDEX_INDICATOR_COLS,
    INDEX_MEANING_COLS,
    INDEX_OVERALL_PREDICATES,
    INDEX_OVERALL_ROWS,
    INDEX_PART_COLS,
    INDEX_PREDICATE_COL,
    INDEX_VALUE_COL,
    PREDICATE_COL,
    Layout,
    Table,
)
from spbe_excel.write.workbook.style import BORDER, HEAD, header_row, print_setup, title

# One page width (at 70 % or more): the indicator table's No, name, domain, aspect, weight, baseline, estimate,
# verified, claimed level and claims not counted.  The other tables share its columns.
WIDTHS = (5, 25, 16, 20, 9, 9, 11, 14, 13, 21)
LABEL_COL = INDEX_PART_COLS.index("label")  # the aspects' short names: the categories of the chart
_OVERALL_LABELS = {"baseline": "wb.idx.row.baseline", "estimate": "wb.idx.row.estimate",
                   "verified": "wb.idx.row.verified", "weight": "wb.idx.weight_sum"}
_MEANINGS = {"baseline": "wb.idx.means.baseline", "estimate": "wb.idx.means.estimate",
             "verified": "wb.idx.means.verified"}


def write_index(ws, f, cons: Consolidation, layout: Layout) -> None:
    lang, rows = layout.lang, layout.index
    title(ws, f, t("wb.sheet.index", lang).upper(), len(WIDTHS))
    note = t("wb.idx.note", lang)
    ws.merge_range(1, 0, 1, len(WIDTHS) - 1, note, f(italic=True, text_wrap=True, valign="top"))
    ws.set_row(1, row_height([(note, sum(WIDTHS) + len(WIDTHS))]))
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    fmt = {"head": f(**HEAD), "text": f(text_wrap=True, valign="top", **BORDER),
           "bold": f(bold=True, text_wrap=True, valign="top", **BORDER),
           "num": f(valign="top", align="center", **BORDER), "dec": f(valign="top", num_format="0.00", **BORDER),
           "dec4": f(valign="top", num_format="0.0000", **BORDER)}
    _predicates(ws, f, fmt, rows.predicates, lang)
    _overall(ws, f, fmt, cons, layout)
    _indicators(ws, f, fmt, cons, layout)
    rules = (cons.index.baseline_rule, cons.index.estimate_rule)
    _parts(ws, f, fmt, rows.aspects, "wb.idx.aspects", cons.index.aspects, layout, rules, aspect_labels(cons.master))
    _parts(ws, f, fmt, rows.domains, "wb.idx.domains", cons.index.domains, layout, rules)
    ws.freeze_panes(3, 0)
    header = rows.indicators.header
    print_setup(ws, (header, header), lang, layout.names["index"], WIDTHS)


def _span(first: int, last: int) -> float:
    """The width of columns ``first`` to ``last`` merged."""
    return sum(WIDTHS[first:last + 1]) + last - first


def _overall(ws, f, fmt: dict, cons: Consolidation, layout: Layout) -> None:
    """The SPBE index at the baseline, estimated and verified, one row each with its predikat and what it means,
    then the sum of the weights; below, the note on a predikat near a bound."""
    lang, table = layout.lang, layout.index.overall
    ws.write_string(table.title, 0, t("wb.idx.overall", lang), f(bold=True))
    m0, m1 = INDEX_MEANING_COLS
    heads = ((0, 1, "wb.idx.which"), (INDEX_VALUE_COL, INDEX_VALUE_COL, "wb.idx.value"),
             (INDEX_PREDICATE_COL, INDEX_PREDICATE_COL, "wb.kf.predicate"), (m0, m1, "wb.idx.means"))
    for first, last, key in heads:
        if first == last:
            ws.write_string(table.header, first, t(key, lang), fmt["head"])
        else:
            ws.merge_range(table.header, first, table.header, last, t(key, lang), fmt["head"])
    header_row(ws, table.header, [(t(key, lang), _span(a, b)) for a, b, key in heads] +
               [(t(key, lang), WIDTHS[PREDICATE_COL + i]) for i, key in enumerate(("wb.idx.low", "wb.kf.predicate"))])
    cells = {key: layout.overall_cell(key) for key in (*INDEX_OVERALL_ROWS, *INDEX_OVERALL_PREDICATES)}
    figures = index_overall(cons, layout, cells)
    year = cons.master.plan_year - 1 if cons.master.plan_year else ""
    for r, key in enumerate(INDEX_OVERALL_ROWS, table.first):
        label = t(_OVERALL_LABELS[key], lang)
        ws.merge_range(r, 0, r, 1, label, fmt["bold"])
        value = figures[key]
        ws.write_formula(r, INDEX_VALUE_COL, value.formula, fmt["dec"], value.value)
        shown = [(label, _span(0, 1))]
        if key in _MEANINGS:
            pred = figures[PREDICATE_OF[key]]
            ws.write_formula(r, INDEX_PREDICATE_COL, pred.formula, fmt["text"], pred.value)
            meaning = t(_MEANINGS[key], lang, year=year)
            ws.merge_range(r, m0, r, m1, meaning, fmt["text"])
            shown += [(str(pred.value), WIDTHS[INDEX_PREDICATE_COL]), (meaning, _span(m0, m1))]
        else:
            ws.write_blank(r, INDEX_PREDICATE_COL, None, fmt["text"])
            ws.merge_range(r, m0, r, m1, "", fmt["text"])
        ws.set_row(r, row_height(shown))
    idx = cons.index
    remark = predicate_note([(cells["baseline"], idx.overall.baseline, idx.baseline_rule),
                             (cells["estimate"], idx.overall.estimate, idx.estimate_rule),
                             (cells["verified"], idx.overall.verified, idx.estimate_rule)], layout)
    style = f(italic=True, text_wrap=True, valign="top")
    r = table.last + 1
    ws.merge_range(r, 0, r, m1, "", style)
    ws.write_formula(r, 0, remark.formula, style, remark.value)
    if remark.value:
        ws.set_row(r, row_height([(str(remark.value), _span(0, m1))]))


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


_INDICATOR_HEADS = ("wb.idx.no", "wb.idx.name", "wb.idx.domain", "aspect", "wb.idx.weight", "wb.idx.baseline",
                    "wb.idx.estimate", "wb.idx.verified", "wb.idx.claimed", "wb.idx.not_counted")


def _indicators(ws, f, fmt: dict, cons: Consolidation, layout: Layout) -> None:
    """The level of every indicator in the estimate and in the verified estimate, beside its weight and baseline,
    the lowest level claimed and each claim not counted."""
    lang, table = layout.lang, layout.index.indicators
    ws.write_string(table.title, 0, t("wb.idx.indicators", lang), f(bold=True))
    labels = [column_label(key, lang) if key == "aspect" else t(key, lang) for key in _INDICATOR_HEADS]
    for c, label in enumerate(labels):
        ws.write_string(table.header, c, label, fmt["head"])
    header_row(ws, table.header, list(zip(labels, WIDTHS)))
    text, num, dec4 = fmt["text"], fmt["num"], fmt["dec4"]
    pairs, levels, claims = pairs_per_indicator(cons), cons.index.levels, claimed_levels(cons)
    verified = cons.index.verified_levels or {}
    notes: dict[int, list[str]] = {}
    for nc in claims_not_counted(cons):
        notes.setdefault(nc.no, []).append(t("wb.idx.claim_note", lang, opd=nc.opd, action=nc.action,
                                             claimed=nc.claimed, counted=nc.counted, why=t(nc.why, lang)))
    col = {key: c for c, key in enumerate(INDEX_INDICATOR_COLS)}
    for r, ind in enumerate(cons.master.indicators, table.first):
        ws.write_number(r, 0, ind.no, num)
        write_text(ws, r, 1, ind.indicator, text)
        write_text(ws, r, 2, ind.domain, text)
        write_text(ws, r, 3, ind.aspect, text)
        ws.write_number(r, col["weight"], ind.weight, dec4)
        ws.write_number(r, col["baseline"], ind.baseline_level, num)
        no, base = xl_rowcol_to_cell(r, 0), xl_rowcol_to_cell(r, col["baseline"])
        figures = {"estimate": indicator_level(no, base, levels[ind.no], pairs[ind.no], layout),
                   "verified": indicator_level(no, base, verified.get(ind.no, ind.baseline_level), pairs[ind.no],
                                               layout, column="level_verified"),
                   "claimed": indicator_claim(no, claims[ind.no], pairs[ind.no], layout)}
        for key, figure in figures.items():
            c = col[key]
            if figure.array:
                ws.write_array_formula(r, c, r, c, f"{{{figure.formula}}}", num, figure.value)
            else:
                ws.write_formula(r, c, figure.formula, num, figure.value)
        note = "; ".join(notes.get(ind.no, ()))
        write_text(ws, r, col["note"], note, text)
        ws.set_row(r, row_height([(ind.indicator, WIDTHS[1]), (ind.domain, WIDTHS[2]), (ind.aspect, WIDTHS[3]),
                                  (note, WIDTHS[col["note"]])]))


_PART_HEADS = {"no": "wb.idx.no", "name": "wb.idx.name", "label": "wb.idx.label", "weight": "wb.idx.weight",
               "baseline": "wb.idx.baseline", "estimate": "wb.idx.estimate", "verified": "wb.idx.verified",
               "pred_base": "wb.idx.pred_base", "pred_est": "wb.idx.pred_est", "pred_ver": "wb.idx.pred_ver"}


def _parts(ws, f, fmt: dict, table: Table, title_key: str, parts, layout: Layout, rules: tuple,
           labels: list[str] | None = None) -> None:
    """The index per aspect or per domain: weight, the three indexes and their predikat (the aspects with their
    short names beside their names; a domain's name over both columns)."""
    lang = layout.lang
    ws.write_string(table.title, 0, t(title_key, lang), f(bold=True))
    heads = [t(_PART_HEADS[key], lang) for key in INDEX_PART_COLS]
    for c, head in enumerate(heads):
        if c == LABEL_COL and labels is None:
            continue
        if c == LABEL_COL - 1 and labels is None:
            ws.merge_range(table.header, c, table.header, LABEL_COL, head, fmt["head"])
        else:
            ws.write_string(table.header, c, head, fmt["head"])
    header_row(ws, table.header, list(zip(heads, WIDTHS)))
    name_width = WIDTHS[1] if labels is not None else _span(1, LABEL_COL)
    for n, (r, part) in enumerate(zip(range(table.first, table.last + 1), parts)):
        cells = {key: xl_rowcol_to_cell(r, c) for c, key in enumerate(INDEX_PART_COLS)}
        ws.write_number(r, 0, part.number, fmt["num"])
        if labels is not None:
            write_text(ws, r, 1, part.name, fmt["text"])
            write_text(ws, r, LABEL_COL, labels[n], fmt["text"])
        else:
            ws.merge_range(r, 1, r, LABEL_COL, "", fmt["text"])
            write_text(ws, r, 1, part.name, fmt["text"])
        shown: list[tuple[str, float]] = [(part.name, name_width)]
        if labels is not None:
            shown.append((labels[n], WIDTHS[LABEL_COL]))
        for key, figure in index_part(part, layout, cells, rules).items():
            c = INDEX_PART_COLS.index(key)
            predicate = key.startswith("pred_")
            ws.write_formula(r, c, figure.formula, fmt["text"] if predicate else fmt["dec"], figure.value)
            if predicate:
                shown.append((str(figure.value), WIDTHS[c]))
        ws.set_row(r, row_height(shown))
