"""The Indeks sheet: the predicate table (for the predikat formulas of Ringkasan), then one row per indicator of
the plan: its weight, baseline and target level, and for each period the level it counted at in that period's
consolidated workbook, the level claimed (the lowest level its OPDs claim, the level counted where none
claims one) and the level in the verified index (blank for a workbook written before DKIS verified in the
workbook: not available).  Those levels are the periods' data; the indexes of Ringkasan are live formulas over
them, so that a level changed here moves them by its weight."""

from __future__ import annotations

from spbe_excel.io import row_height, write_text
from spbe_excel.model.levels import PREDICATES
from spbe_excel.text import pick, t
from spbe_excel.text.words import column_label
from spbe_excel.write.workbook.style import BORDER, HEAD, print_setup, sheet_head
from spbe_excel.write.year.layout import INDEX_KEYS, INDEX_PERIOD_KEYS, YearLayout, period_breaks
from spbe_excel.write.year.progress import MISSING_FILL
from spbe_excel.year.figures import YearFigures

WIDTHS: dict[str, float] = {"no": 5, "indicator": 26, "domain": 12, "aspect": 16, "weight": 8, "baseline": 7,
                             "target": 7, "counted": 8, "claimed": 8, "verified": 9}


def widths(layout: YearLayout) -> list[float]:
    return [WIDTHS[k] for k in INDEX_KEYS] + [WIDTHS[k] for _ in range(layout.periods) for k in INDEX_PERIOD_KEYS]


def label(key: str, lang: str) -> str:
    if key in ("no", "indicator", "aspect", "weight"):
        return column_label(key, lang)
    return t(f"yr.col.{key}", lang)


def write_index(ws, f, figures: YearFigures, layout: YearLayout) -> None:
    year, lang = figures.year, layout.lang
    cols = widths(layout)
    heading = f"{t('yr.title.index', lang)} - {year.institution} {year.year}"
    sheet_head(ws, f, cols, heading, t("yr.index.note", lang), 9)
    head, text = f(**HEAD), f(text_wrap=True, valign="top", **BORDER)
    p = layout.predicates
    ws.write_string(p.title, 0, t("wb.idx.predicates", lang), f(bold=True))
    ws.write_string(p.header, 0, t("wb.idx.low", lang), head)
    ws.write_string(p.header, 1, t("wb.kf.predicate", lang), head)
    for r, (low, names) in enumerate(sorted(PREDICATES), p.first):
        ws.write_number(r, 0, low, f(num_format="0.00", **BORDER))
        ws.write_string(r, 1, pick(names, lang), text)
    _table(ws, f, figures, layout)
    i = layout.index
    ws.freeze_panes(i.first, 2)
    print_setup(ws, (i.header - 1, i.header), lang, layout.names["index"], cols, repeat=2,
                heading=(heading, f"{t('yr.year', lang)} {year.year}"), last_row=i.last)
    period_breaks(ws, cols, 2, len(INDEX_KEYS), len(INDEX_PERIOD_KEYS), layout.periods)


def _table(ws, f, figures: YearFigures, layout: YearLayout) -> None:
    year, lang, i = figures.year, layout.lang, layout.index
    head, missing = f(**HEAD), f(**{**HEAD, "bg_color": MISSING_FILL, "italic": True})
    ws.write_string(i.title, 0, t("yr.index.table", lang), f(bold=True))
    for c, key in enumerate(INDEX_KEYS):
        ws.merge_range(i.header - 1, c, i.header, c, label(key, lang), head)
    for n, p in enumerate(year.periods):
        a, b = layout.index_col(INDEX_PERIOD_KEYS[0], n), layout.index_col(INDEX_PERIOD_KEYS[-1], n)
        shown = p.label if p.present else f"{p.label}\n{t('yr.later' if p.later else 'yr.missing', lang)}"
        ws.merge_range(i.header - 1, a, i.header - 1, b, shown, head if p.present else missing)
        for key in INDEX_PERIOD_KEYS:
            ws.write_string(i.header, layout.index_col(key, n), label(key, lang), head if p.present else missing)
    ws.set_row(i.header - 1, 30)
    ws.set_row(i.header, row_height([(label(k, lang), WIDTHS[k]) for k in (*INDEX_KEYS, *INDEX_PERIOD_KEYS)],
                                    bold=True))
    base = {"valign": "top", **BORDER}
    text, num = f(text_wrap=True, **base), f(align="center", **base)
    weight, grey = f(num_format="0.0000", **base), f(bg_color=MISSING_FILL, **base)
    for r, ind in enumerate(year.master.indicators, i.first):
        ws.write_number(r, 0, ind.no, num)
        for key in ("indicator", "domain", "aspect"):
            write_text(ws, r, INDEX_KEYS.index(key), getattr(ind, key), text)
        ws.write_number(r, INDEX_KEYS.index("weight"), ind.weight, weight)
        ws.write_number(r, INDEX_KEYS.index("baseline"), ind.baseline_level, num)
        ws.write_number(r, INDEX_KEYS.index("target"), ind.target_level, num)
        for n, _p in enumerate(year.periods):
            found = figures.period_index(n)
            for key in INDEX_PERIOD_KEYS:
                c = layout.index_col(key, n)
                level = _level(found, key, ind.no)
                if level is None:
                    ws.write_blank(r, c, None, grey)
                else:
                    ws.write_number(r, c, level, num)
        ws.set_row(r, row_height([(ind.indicator, WIDTHS["indicator"]), (ind.domain, WIDTHS["domain"]),
                                  (ind.aspect, WIDTHS["aspect"])]))


def _level(found, key: str, no: int) -> int | None:
    """The level of indicator ``no`` in a period's ``key`` column; None: no workbook, or (verified) not available."""
    if found is None:
        return None
    if key == "verified":
        return None if found.verified_levels is None else found.verified_levels[no]
    return found.counted.levels[no] if key == "counted" else found.claims[no]
