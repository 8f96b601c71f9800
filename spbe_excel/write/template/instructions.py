"""The instructions sheet of a template: what to fill in and how, in plain
language, with every column of the monitoring sheet and the allowed values."""

from __future__ import annotations

from spbe_excel.io import Formats, row_height
from spbe_excel.model.columns import TEMPLATE_COLUMNS, Source
from spbe_excel.model.vocab import LevelKind
from spbe_excel.text import t
from spbe_excel.text.words import column_hint, column_label
from spbe_excel.write.template.cells import level_choices, status_choices
from spbe_excel.write.template.layout import BORDER, GREY_DARK, TemplateMeta

WIDTHS = (30, 16, 80)
ALL = sum(WIDTHS) + len(WIDTHS)  # a text merged over the three columns


def write_instructions(ws, f: Formats, meta: TemplateMeta, opd_display: str, lang: str, monev_sheet: str) -> None:
    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)
    wrap = f(text_wrap=True, valign="top")
    bold = f(bold=True)
    r = 0
    ws.write_string(r, 0, t("instructions.title", lang), f(bold=True, font_size=14))
    r += 2
    intro = t("instructions.intro", lang, sheet=monev_sheet)
    ws.merge_range(r, 0, r, 2, intro, wrap)
    ws.set_row(r, row_height([(intro, ALL)], minimum=30))
    r += 2
    ws.write_string(r, 0, t("instructions.opd", lang, opd=opd_display or "-"), bold)
    r += 1
    ws.write_string(r, 0, t("instructions.period", lang, period=meta.period or "-"), bold)
    r += 2
    ws.write_string(r, 0, t("instructions.steps", lang), f(bold=True, font_size=12))
    r += 1
    steps = [t(f"instructions.step{n}", lang, sheet=monev_sheet) for n in range(1, 6)]
    numbered = next((a for a in meta.actions if "." in a), None)  # an indicator of this sheet has several actions
    if numbered is not None:
        steps.append(t("instructions.actions", lang, action=numbered, no=numbered.partition(".")[0]))
    for step in steps:
        ws.merge_range(r, 0, r, 2, step, wrap)
        ws.set_row(r, row_height([(step, ALL)], minimum=30))
        r += 1
    r = _columns(ws, f, r + 1, lang)
    r = _values(ws, f, r + 1, wrap, bold, lang)
    ws.merge_range(r + 1, 0, r + 1, 2, t("instructions.template_info", lang, version=meta.template_version,
                                         fingerprint=meta.master_fingerprint), f(italic=True, font_color="#595959"))
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.protect("", {"format_columns": True, "format_rows": True})


def _columns(ws, f: Formats, r: int, lang: str) -> int:
    """The table of template columns from row ``r``: who fills each and how.  Returns the next free row."""
    ws.write_string(r, 0, t("instructions.columns", lang), f(bold=True, font_size=12))
    r += 1
    head = f(bold=True, bg_color=GREY_DARK, **BORDER)
    for c, key in enumerate(("instructions.col.column", "instructions.col.filled_by", "instructions.col.how")):
        ws.write_string(r, c, t(key, lang), head)
    r += 1
    cell = f(text_wrap=True, valign="top", **BORDER)
    for col in TEMPLATE_COLUMNS:
        texts = (column_label(col, lang), t(f"instructions.filled_by.{col.source.value}", lang),
                 column_hint(col, lang) if col.source is Source.OPD else "")
        for c, text in enumerate(texts):
            ws.write_string(r, c, text, cell)
        ws.set_row(r, row_height(list(zip(texts, WIDTHS))))
        r += 1
    return r


def _values(ws, f: Formats, r: int, wrap, bold, lang: str) -> int:
    """The allowed levels (per level kind) and statuses from row ``r``.  Returns the next free row."""
    ws.write_string(r, 0, t("instructions.levels", lang), f(bold=True, font_size=12))
    r += 1
    rows = [(t(f"instructions.levels.{kind}", lang), ", ".join(level_choices(kind, lang))) for kind in LevelKind]
    rows.append((t("instructions.status", lang), ", ".join(status_choices(lang))))
    for label, values in rows:
        ws.write_string(r, 0, label, bold)
        ws.write_string(r, 2, values, wrap)
        ws.set_row(r, row_height([(values, WIDTHS[2])]))
        r += 1
    return r
