"""The monitoring sheet of a template: title and header block (OPD, period,
contact person, date filled), a group row and the column headers, a row per
action (No shows its id as text, "5.1", when the indicator has several) with
the master columns pre-filled, grey and locked and the OPD columns open with
dropdowns, range checks and input hints; protected without a password, frozen
header, printed on A4 landscape two pages wide."""

from __future__ import annotations

import datetime as dt

from spbe_excel.io import Formats, date_format, print_scale, row_height, validation, write_text
from spbe_excel.master import MasterList, plan_years
from spbe_excel.master.period import YEARS_AFTER
from spbe_excel.model.columns import OPD_COLUMNS, TEMPLATE_COLUMNS, Kind, Source, col_letter
from spbe_excel.model.periods import periods_of_year
from spbe_excel.model.vocab import LevelKind
from spbe_excel.text import t
from spbe_excel.text.words import column_label, level_label
from spbe_excel.write.master_export import master_cell_value
from spbe_excel.write.template.cells import (
    comment,
    level_choices,
    mark_style,
    multi_range,
    opd_validation,
    quote_sheet,
    runs,
    write_opd_cell,
)
from spbe_excel.write.template.layout import (
    BLOCK_ROWS,
    BORDER,
    FIRST_DATA_ROW,
    GREY,
    GREY_DARK,
    GROUP_ROW,
    HEADER_ROW,
    NUM_FORMATS,
    OPD_HEAD,
    TITLE_ROW,
    Fill,
    TemplateMeta,
)

COLS = TEMPLATE_COLUMNS
FIRST_OPD = next(i for i, c in enumerate(COLS) if c.source is Source.OPD)  # the master columns come first
assert FIRST_OPD >= 8 and all(c.source is Source.OPD for c in COLS[FIRST_OPD:]), "layout needs master first"
CENTRED = (Kind.INT, Kind.YEAR, Kind.LEVEL, Kind.PERCENT, Kind.DATE, Kind.STATUS)


def write_monev(wb, ws, f: Formats, master: MasterList, indicators, meta: TemplateMeta, opd_display: str,
                lang: str, fill: Fill | None = None) -> None:
    for c, col in enumerate(COLS):
        ws.set_column(c, c, col.width)
    _header_block(wb, ws, f, master, meta, opd_display, lang, fill)
    _column_heads(ws, f, lang)
    rows_by_kind = _data_rows(ws, f, indicators, lang, fill)
    last_row = FIRST_DATA_ROW + len(indicators) - 1
    _validations(ws, master, rows_by_kind, last_row, lang)
    _page_setup(ws, master, opd_display, last_row, lang)


# ---- title and header block ---------------------------------------------------------------------------

def _header_block(wb, ws, f: Formats, master: MasterList, meta: TemplateMeta, opd_display: str, lang: str,
                  fill: Fill | None) -> None:
    """The title, then OPD | period in one row and contact | date filled in the next."""
    ws.merge_range(TITLE_ROW, 0, TITLE_ROW, FIRST_OPD - 1, _title(master, lang),
                   f(bold=True, font_size=13, valign="vcenter"))
    ws.set_row(TITLE_ROW, 24)
    label = f(bold=True, align="right", valign="vcenter")
    r1, r2 = BLOCK_ROWS
    ws.merge_range(r1, 0, r1, 1, t("header.opd", lang), label)
    ws.merge_range(r2, 0, r2, 1, t("header.contact", lang), label)
    ws.write_string(r1, 5, t("header.period", lang), label)
    ws.write_string(r2, 5, t("header.filled_on", lang), label)

    plain = {"valign": "vcenter", **BORDER}
    _block_cell(ws, f, fill, lang, r1, 2, 4, "opd", opd_display, plain, locked=bool(meta.opd))
    if not meta.opd:
        _opd_dropdown(wb, ws, master, r1, 2, lang)
    _block_cell(ws, f, fill, lang, r1, 6, 7, "period", meta.period, plain, locked=bool(meta.period))
    if not meta.period:
        validation(ws, r1, 6, r1, 6, _period_validation(master, lang))
    _block_cell(ws, f, fill, lang, r2, 2, 4, "contact", fill.contact if fill else "", plain, locked=False)
    validation(ws, r2, 2, r2, 2, {"validate": "any", "input_title": t("header.contact", lang),
                                  "input_message": t("header.contact.hint", lang)})
    _block_cell(ws, f, fill, lang, r2, 6, 7, "filled_on", fill.filled_on if fill else None,
                {**plain, "num_format": date_format(lang), "align": "left"}, locked=False)
    filled = opd_validation(next(c for c in OPD_COLUMNS if c.kind is Kind.DATE), lang, master.plan_year)
    filled.update(input_title=t("header.filled_on", lang), input_message=t("header.filled_on.hint", lang))
    validation(ws, r2, 6, r2, 6, filled)
    ws.set_row(r1, 20)
    ws.set_row(r2, 20)


def _period_validation(master: MasterList, lang: str) -> dict:
    """The blank template's period cell: free text, or, when the plan says how often its OPDs report, a list of
    the plan's periods of that kind (from its plan year to its last target year, as many as Excel keeps)."""
    if not master.period_kind:
        return {"validate": "any", "input_title": t("header.period", lang),
                "input_message": t("header.period.hint", lang)}
    years = range(master.plan_year, plan_years(master).stop - YEARS_AFTER)  # to its last target year
    labels: list[str] = []
    for p in (p for y in years for p in periods_of_year(master.period_kind, y)):
        if len(",".join([*labels, p.label()])) > 255:
            break
        labels.append(p.label())
    return {"validate": "list", "source": labels, "input_title": t("header.period", lang),
            "input_message": t("header.period.hint_kind", lang, kind=t(f"period.kind.{master.period_kind}", lang),
                               example=labels[0]),
            "error_type": "warning", "error_title": t("validation.error.title", lang),
            "error_message": t("header.period.hint_kind", lang, kind=t(f"period.kind.{master.period_kind}", lang),
                               example=labels[0])}


def _block_cell(ws, f: Formats, fill: Fill | None, lang: str, r: int, c1: int, c2: int, key: str, value,
                base: dict, locked: bool) -> None:
    """A header-block value (merged over c1..c2), marked if a finding points at it."""
    bg, found = mark_style(fill, (0, key))
    fmt = f(**{**base, "bg_color": GREY if locked and not found else bg, "locked": locked})
    ws.merge_range(r, c1, r, c2, "", fmt)
    if isinstance(value, dt.date):
        ws.write_datetime(r, c1, dt.datetime(value.year, value.month, value.day), fmt)
    elif value:
        write_text(ws, r, c1, str(value), fmt)
    if fill is not None:
        fill.cells[(0, key)] = f"{col_letter(c1)}{r + 1}"
    comment(ws, r, c1, found, lang)


def _opd_dropdown(wb, ws, master: MasterList, r: int, c: int, lang: str) -> None:
    """The blank template's OPD cell: a list of every OPD of the plan, kept on a hidden sheet."""
    lists = wb.add_worksheet(t("sheet.lists", lang))
    opds = [master.registry.get(code).display() if code in master.registry else code for code in master.opd_codes]
    for i, text in enumerate(opds):
        lists.write_string(i, 0, text)
    lists.protect("")
    lists.hide()
    ref = f"={quote_sheet(lists.name)}!$A$1:$A${len(opds)}"
    validation(ws, r, c, r, c, {"validate": "list", "source": ref,
                                "input_title": t("header.opd.hint.title", lang),
                                "input_message": t("header.opd.hint", lang),
                                "error_title": t("validation.error.title", lang),
                                "error_message": t("header.opd.hint", lang)})


# ---- the table ------------------------------------------------------------------------------------------

def _column_heads(ws, f: Formats, lang: str) -> None:
    """The group row (master list | OPD) over the column headers."""
    ws.merge_range(GROUP_ROW, 0, GROUP_ROW, FIRST_OPD - 1, t("template.group.master", lang),
                   f(bold=True, align="center", bg_color=GREY_DARK, **BORDER))
    ws.merge_range(GROUP_ROW, FIRST_OPD, GROUP_ROW, len(COLS) - 1, t("template.group.opd", lang),
                   f(bold=True, align="center", bg_color=OPD_HEAD, **BORDER))
    for c, col in enumerate(COLS):
        bg = GREY_DARK if col.source is Source.MASTER else OPD_HEAD
        ws.write_string(HEADER_ROW, c, column_label(col, lang),
                        f(bold=True, text_wrap=True, align="center", valign="vcenter", bg_color=bg, **BORDER))
    ws.set_row(HEADER_ROW, row_height([(column_label(col, lang), col.width) for col in COLS], minimum=42, bold=True))


def _cell_style(col, lang: str) -> dict:
    style = {"text_wrap": col.wraps, "valign": "top", **BORDER}
    if col.kind in NUM_FORMATS:
        style["num_format"] = NUM_FORMATS[col.kind]
    elif col.kind is Kind.DATE:
        style["num_format"] = date_format(lang)
    if col.kind in CENTRED:
        style["align"] = "center"
    return style


def _data_rows(ws, f: Formats, indicators, lang: str, fill: Fill | None) -> dict:
    """A row per action; returns the rows of each level kind (their level dropdowns differ)."""
    styles = [_cell_style(col, lang) for col in COLS]
    rows_by_kind: dict[LevelKind, list[int]] = {kind: [] for kind in LevelKind}
    for n, ind in enumerate(indicators):
        r = FIRST_DATA_ROW + n
        rows_by_kind[ind.level_kind].append(r)
        shown: list[tuple[str, float]] = []
        for c, col in enumerate(COLS):
            if col.source is Source.MASTER:
                _master_cell(ws, f, r, c, col, ind, styles[c], lang, shown)
            else:
                text = write_opd_cell(ws, f, r, c, col, ind, styles[c], fill, lang)
                if text:
                    shown.append((text, col.width))
        ws.set_row(r, row_height(shown, 10, minimum=30))
    return rows_by_kind


def _master_cell(ws, f: Formats, r: int, c: int, col, ind, style: dict, lang: str, shown: list) -> None:
    """A pre-filled master value, grey (locked like every cell of the protected sheet); a wrapping text
    is added to ``shown`` for the row's height."""
    value = master_cell_value(ind, col.key, lang)
    fmt = f(bg_color=GREY, **style)
    if col.key == "no" and ind.numbered:  # one of several actions of the indicator: its id, as text ("5.1")
        ws.write_string(r, c, ind.action, fmt)
    elif col.kind is Kind.LEVEL:
        value = level_label(value, ind.level_kind, lang)
        ws.write_string(r, c, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value, fmt)
    else:
        write_text(ws, r, c, str(value), fmt)
    if col.wraps:
        shown.append((str(value), col.width))


def _validations(ws, master: MasterList, rows_by_kind: dict, last_row: int, lang: str) -> None:
    """One validation per OPD column over every data row; a level column gets one per level kind."""
    for c, col in enumerate(COLS):
        if col.source is not Source.OPD:
            continue
        opts = opd_validation(col, lang, master.plan_year)
        if col.kind is not Kind.LEVEL:
            validation(ws, FIRST_DATA_ROW, c, last_row, c, opts)
            continue
        for kind, rows in rows_by_kind.items():
            if not rows:
                continue
            row_runs = runs(rows)
            kind_opts = {**opts, "source": level_choices(kind, lang), "multi_range": multi_range(c, row_runs)}
            validation(ws, row_runs[0][0], c, row_runs[0][1], c, kind_opts)


def _page_setup(ws, master: MasterList, opd_display: str, last_row: int, lang: str) -> None:
    """View, protection, print.  Printed two pages wide: the master part, then the OPD part, with No and
    Indikator repeated on each page and the header rows on every page.  The title row is left out of the
    print (cut at the repeated columns, the OPD part's pages would show only its start) and tops every
    page as the page header instead."""
    ws.freeze_panes(FIRST_DATA_ROW, 2)
    ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                    "select_unlocked_cells": True})
    ws.set_landscape()
    ws.set_paper(9)
    widths = [c.width for c in COLS]
    ws.set_print_scale(min(print_scale(widths[:FIRST_OPD]), print_scale(widths[:2] + widths[FIRST_OPD:])))
    ws.set_v_pagebreaks([FIRST_OPD])
    ws.repeat_rows(GROUP_ROW, HEADER_ROW)
    ws.repeat_columns(0, 1)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_header(f'&L&"-,Bold"{_footer_escape(_title(master, lang))}')
    ws.set_footer(f"&L{_footer_escape(opd_display or master.institution)}&R{t('template.footer', lang)}")
    ws.print_area(TITLE_ROW + 1, 0, last_row, len(COLS) - 1)


def _title(master: MasterList, lang: str) -> str:
    subtitle = t("template.subtitle", lang, institution=master.institution, year=master.plan_year)
    return f"{t('template.title', lang)} - {subtitle}"


def _footer_escape(text: str) -> str:
    return text[:200].replace("&", "&&")
