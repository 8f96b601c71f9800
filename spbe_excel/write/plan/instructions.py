"""The instructions sheet of the plan workbook: the steps from an empty plan
to templates for the OPDs, in plain language; every column of the indicator
sheet; the level names."""

from __future__ import annotations

from spbe_excel.io import Formats, row_height
from spbe_excel.master.draft import PlanDraft
from spbe_excel.model.periods import periods_of_year
from spbe_excel.model.vocab import LevelKind
from spbe_excel.text import t
from spbe_excel.text.words import column_label
from spbe_excel.write.plan.sheets import FRAMEWORK_KEYS, PLAN_KEYS, SheetNames, column, framework_display
from spbe_excel.write.template.cells import level_choices
from spbe_excel.write.template.layout import BORDER, GREY_DARK

WIDTHS = (30, 14, 80)
ALL = sum(WIDTHS) + len(WIDTHS)


def _paragraph(ws, f: Formats, r: int, text: str, minimum: float = 15.0) -> int:
    ws.merge_range(r, 0, r, 2, text, f(text_wrap=True, valign="top"))
    ws.set_row(r, row_height([(text, ALL)], minimum=minimum))
    return r + 1


def write_instructions(ws, f: Formats, draft: PlanDraft, names: SheetNames, file_name: str, lang: str) -> None:
    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)
    fw = draft.framework
    ws.write_string(0, 0, t("plan.instr.title", lang), f(bold=True, font_size=14))
    r = _paragraph(ws, f, 2, t("plan.instr.intro", lang, institution=draft.institution, year=draft.year,
                                framework=framework_display(fw, lang)), minimum=30)
    ws.write_string(r + 1, 0, t("plan.instr.steps", lang), f(bold=True, font_size=12))
    r += 2
    named = [fr.no for fr in fw.rows if fr.named_by_plan]
    period = periods_of_year(draft.period_kind, draft.year)[0].label()
    params = {"opd": names.opd, "indicators": names.indicators, "extra": names.extra, "info": names.info,
              "framework": fw.name, "yes": t("plan.yes", lang), "file": file_name, "period": period,
              "named": f"{named[0]}-{named[-1]}" if named else ""}
    steps = [n for n in range(1, 10) if n != 5 or named]
    for number, n in enumerate(steps, 1):
        r = _paragraph(ws, f, r, f"{number}. " + t(f"plan.instr.step{n}", lang, **params), minimum=30)
    r = _columns(ws, f, r + 1, fw.name, names, lang)
    r = _levels(ws, f, r + 1, lang)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.protect("", {"format_columns": True, "format_rows": True})


def _columns(ws, f: Formats, r: int, framework: str, names: SheetNames, lang: str) -> int:
    """Every column of the indicator sheet: who fills it and how."""
    ws.write_string(r, 0, t("plan.instr.columns", lang, indicators=names.indicators), f(bold=True, font_size=12))
    r += 1
    head = f(bold=True, bg_color=GREY_DARK, **BORDER)
    for c, key in enumerate(("instructions.col.column", "instructions.col.filled_by", "instructions.col.how")):
        ws.write_string(r, c, t(key, lang), head)
    r += 1
    cell = f(text_wrap=True, valign="top", **BORDER)
    for key in (*FRAMEWORK_KEYS, *PLAN_KEYS):
        if key in FRAMEWORK_KEYS:
            texts = (column_label(column(key), lang), t("plan.instr.by.framework", lang),
                     t("plan.instr.framework_col", lang, framework=framework))
        elif key == "carried_from":
            texts = (column_label(column(key), lang), "spbe-excel", t("plan.instr.step6", lang, extra=names.extra,
                                                              indicators=names.indicators,
                                                              yes=t("plan.yes", lang)))
        else:
            texts = (column_label(column(key), lang), t("plan.instr.by.plan", lang), t(f"plan.hint.{key}", lang))
        for c, text in enumerate(texts):
            ws.write_string(r, c, text, cell)
        ws.set_row(r, row_height(list(zip(texts, WIDTHS))))
        r += 1
    return r


def _levels(ws, f: Formats, r: int, lang: str) -> int:
    """The level names per level kind, as the dropdowns show them."""
    ws.write_string(r, 0, t("plan.instr.levels", lang), f(bold=True, font_size=12))
    r += 1
    for kind in LevelKind:
        text = ", ".join(level_choices(kind, lang))
        ws.write_string(r, 0, t(f"instructions.levels.{kind}", lang), f(bold=True))
        ws.write_string(r, 2, text, f(text_wrap=True, valign="top"))
        ws.set_row(r, row_height([(text, WIDTHS[2])]))
        r += 1
    return r
