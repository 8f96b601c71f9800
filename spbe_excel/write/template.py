"""Per-OPD monitoring templates.

A template is a workbook with

* an instructions sheet in plain language;
* the monitoring sheet: a header block (OPD, period, contact person, date
  filled), a row per indicator with the master columns pre-filled, grey and
  locked, and the OPD columns unlocked with dropdowns, range checks, input
  hints and error alerts; protected without a password so that rows and
  columns can still be resized; frozen header; A4 landscape print set-up;
* a hidden, protected metadata sheet that tells a reader exactly what it is
  looking at (template version, OPD, period, master fingerprint, layout).

Everything is driven by the column model (:mod:`spbe_excel.model.columns`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from spbe_excel import __version__
from spbe_excel.errors import UsageError
from spbe_excel.io import (
    Formats,
    atomic_output,
    ensure_dir,
    print_scale,
    row_height,
    validation,
    write_text,
)
from spbe_excel.io.fastxlsx import new_workbook
from spbe_excel.master import MasterList, master_cell_value
from spbe_excel.model.columns import (
    META_SHEET,
    OPD_COLUMNS,
    STATUSES,
    TEMPLATE_COLUMNS,
    TEMPLATE_FORMAT,
    Column,
    Kind,
    Source,
    col_letter,
)
from spbe_excel.model.levels import LEVEL_NAMES, level_label
from spbe_excel.model.vocab import LevelKind
from spbe_excel.text import check_lang, t

TEMPLATE_VERSION = "1"

ALL_TEMPLATE_NAME = "monev_template.xlsx"

# Layout (0-based rows).  The header block sits in two rows above the table
# so that the frozen part of the sheet stays small.
TITLE_ROW = 0
BLOCK_ROWS = (1, 2)
GROUP_ROW = 3
HEADER_ROW = 4
FIRST_DATA_ROW = 5

GREY = "#E7E6E6"
GREY_DARK = "#BFBFBF"
OPD_HEAD = "#DDEBF7"
INPUT = "#FFFFFF"
BORDER = {"border": 1, "border_color": "#A6A6A6"}

NUM_FORMATS = {
    Kind.PERCENT: "0%",
    Kind.MONEY: "#,##0",
    Kind.DATE: "dd/mm/yyyy",
    Kind.YEAR: "0",
    Kind.INT: "0",
}


@dataclass(frozen=True)
class TemplateMeta:
    """What the metadata sheet records.  The reader parses it back."""

    template_version: str
    opd: str
    period: str
    master_fingerprint: str
    sheet: str
    header_row: int  # 1-based, as a user sees it
    columns: tuple[str, ...]
    lang: str
    institution: str = ""
    plan_year: int = 0

    def as_rows(self) -> list[tuple[str, str]]:
        return [
            ("format", TEMPLATE_FORMAT),
            ("template_version", self.template_version),
            ("opd", self.opd),
            ("period", self.period),
            ("master_fingerprint", self.master_fingerprint),
            ("sheet", self.sheet),
            ("header_row", str(self.header_row)),
            ("columns", ",".join(self.columns)),
            ("lang", self.lang),
            ("institution", self.institution),
            ("plan_year", str(self.plan_year)),
            ("generator", f"spbe-excel {__version__}"),
        ]


MARK_COLORS = {"error": "#FFC7CE", "warning": "#FFEB9C", "info": "#DDEBF7"}


@dataclass
class Fill:
    """Values to pre-fill in a template (a feedback workbook): per indicator
    No the OPD's values by column key (typed where they parsed, as written
    where they did not), the header block, and marks: findings by
    ``(No, column key)`` (``(0, field)`` for the header block) that get a
    highlight and a comment."""

    values: dict = field(default_factory=dict)
    contact: str = ""
    filled_on: object = None
    marks: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)  # filled in by the writer: (No, key) -> "J12"


def period_slug(period: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", period).strip("_")


def template_filename(opd: str | None, period: str | None) -> str:
    """``BAPPEDA_Triwulan_III_2019.xlsx``; the blank template with all rows is
    ``monev_template.xlsx`` (``monev_template_<period>.xlsx`` with a period)."""
    if opd is None:
        return ALL_TEMPLATE_NAME if not period else f"monev_template_{period_slug(period)}.xlsx"
    return f"{opd}_{period_slug(period or '')}.xlsx"


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Contiguous runs of row numbers: [5,6,7,9] -> [(5,7),(9,9)]."""
    runs: list[tuple[int, int]] = []
    for r in sorted(rows):
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs


def _multi_range(col: int, runs: list[tuple[int, int]]) -> str:
    from xlsxwriter.utility import xl_range

    return " ".join(xl_range(a, col, b, col) for a, b in runs)


def level_choices(kind: str, lang: str) -> list[str]:
    return [level_label(level, kind, lang) for level in sorted(LEVEL_NAMES[kind])]


def status_choices(lang: str) -> list[str]:
    return [s.label(lang) for s in STATUSES]


def opd_validation(col: Column, lang: str, plan_year: int) -> dict:
    """The data validation of one OPD column (without the level list, which
    depends on the row's level kind)."""
    err_title = t("validation.error.title", lang)
    base = {"input_title": col.label(lang)[:32], "input_message": col.hint(lang),
            "error_title": err_title, "error_type": "stop"}
    if col.kind is Kind.STATUS:
        return {**base, "validate": "list", "source": status_choices(lang),
                "error_message": t("validation.status", lang)}
    if col.kind is Kind.PERCENT:
        return {**base, "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1,
                "error_message": t("validation.progress", lang)}
    if col.kind is Kind.MONEY:
        return {**base, "validate": "decimal", "criteria": ">=", "value": 0,
                "error_message": t("validation.money", lang)}
    if col.kind is Kind.DATE:
        return {**base, "validate": "date", "criteria": "between", "minimum": dt.date(plan_year, 1, 1),
                "maximum": "=TODAY()",
                "error_message": t("validation.date", lang, year=plan_year)}
    if col.kind is Kind.LEVEL:
        return {**base, "validate": "list",
                "error_message": t("validation.level", lang)}
    return {"validate": "any", "input_title": base["input_title"], "input_message": base["input_message"]}


def _write_instructions(wb, ws, f: Formats, master: MasterList, meta: TemplateMeta, opd_display: str,
                        lang: str, monev_sheet: str) -> None:
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 16)
    ws.set_column(2, 2, 80)
    wrap = f(text_wrap=True, valign="top")
    bold = f(bold=True)
    r = 0
    ws.write_string(r, 0, t("instructions.title", lang), f(bold=True, font_size=14))
    r += 2
    ws.merge_range(r, 0, r, 2, t("instructions.intro", lang, sheet=monev_sheet), wrap)
    ws.set_row(r, 48)
    r += 2
    ws.write_string(r, 0, t("instructions.opd", lang, opd=opd_display or "-"), bold)
    r += 1
    ws.write_string(r, 0, t("instructions.period", lang, period=meta.period or "-"), bold)
    r += 2
    ws.write_string(r, 0, t("instructions.steps", lang), f(bold=True, font_size=12))
    r += 1
    for n in range(1, 6):
        ws.merge_range(r, 0, r, 2, t(f"instructions.step{n}", lang, sheet=monev_sheet), wrap)
        ws.set_row(r, 30)
        r += 1
    r += 1
    ws.write_string(r, 0, t("instructions.columns", lang), f(bold=True, font_size=12))
    r += 1
    head = f(bold=True, bg_color=GREY_DARK, **BORDER)
    for c, key in enumerate(("instructions.col.column", "instructions.col.filled_by", "instructions.col.how")):
        ws.write_string(r, c, t(key, lang), head)
    r += 1
    cell = f(text_wrap=True, valign="top", **BORDER)
    for col in TEMPLATE_COLUMNS:
        ws.write_string(r, 0, col.label(lang), cell)
        ws.write_string(r, 1, t(f"instructions.filled_by.{col.source.value}", lang), cell)
        ws.write_string(r, 2, col.hint(lang) if col.source is Source.OPD else "", cell)
        r += 1
    r += 1
    ws.write_string(r, 0, t("instructions.levels", lang), f(bold=True, font_size=12))
    r += 1
    for kind in LevelKind:
        ws.write_string(r, 0, t(f"instructions.levels.{kind}", lang), bold)
        ws.write_string(r, 2, ", ".join(level_choices(kind, lang)), wrap)
        r += 1
    ws.write_string(r, 0, t("instructions.status", lang), bold)
    ws.write_string(r, 2, ", ".join(status_choices(lang)), wrap)
    r += 2
    ws.merge_range(r, 0, r, 2, t("instructions.template_info", lang, version=meta.template_version,
                                 fingerprint=meta.master_fingerprint), f(italic=True, font_color="#595959"))
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.protect("", {"format_columns": True, "format_rows": True})


def write_template(path: str | Path, master: MasterList, *, opd: str | None, period: str | None,
                   lang: str = "id") -> Path:
    """Write one template to ``path`` atomically.

    ``opd=None`` writes the blank template with every row of the master list;
    its OPD (and, without ``period``, its period) is then filled in by the user.
    """
    return write_workbook(path, master, opd=opd, period=period, lang=lang)


def write_workbook(path: str | Path, master: MasterList, *, opd: str | None, period: str | None, lang: str = "id",
                   fill: Fill | None = None, extra=None, inputs: list | None = None) -> Path:
    """The template writer behind :func:`write_template` and the feedback
    workbook: ``fill`` pre-fills and marks cells, ``extra(wb, formats, fill)``
    adds sheets after the monitoring sheet."""
    lang = check_lang(lang)
    if opd is not None and opd not in master.registry and opd not in master.opd_codes:
        raise UsageError(t("usage.unknown_opd", lang, code=opd, valid=", ".join(master.opd_codes)))
    indicators = list(master.indicators) if opd is None else master.for_opd(opd)
    if not indicators:
        raise UsageError(t("usage.opd_not_in_plan", lang, code=opd, valid=", ".join(master.opd_codes)))
    monev_sheet = t("sheet.monev", lang)
    meta = TemplateMeta(
        template_version=TEMPLATE_VERSION, opd=opd or "", period=period or "",
        master_fingerprint=master.fingerprint, sheet=monev_sheet, header_row=HEADER_ROW + 1,
        columns=tuple(c.key for c in TEMPLATE_COLUMNS), lang=lang, institution=master.institution,
        plan_year=master.plan_year,
    )
    opd_display = master.registry.get(opd).display() if opd and opd in master.registry else (opd or "")
    with atomic_output(path, lang, inputs) as tmp:
        wb = new_workbook(tmp, dt.datetime(master.plan_year or 2000, 1, 1))
        f = Formats(wb, {"font_name": "Calibri", "font_size": 10})
        ws_help = wb.add_worksheet(t("sheet.instructions", lang))
        ws = wb.add_worksheet(monev_sheet)
        _write_instructions(wb, ws_help, f, master, meta, opd_display, lang, monev_sheet)
        _write_monev(wb, ws, f, master, indicators, meta, opd_display, lang, fill)
        if extra is not None:
            extra(wb, f, fill)
        ws_meta = wb.add_worksheet(META_SHEET)
        for r, (k, v) in enumerate(meta.as_rows()):
            ws_meta.write_string(r, 0, k)
            ws_meta.write_string(r, 1, v)
        ws_meta.set_column(0, 1, 24)
        ws_meta.protect("")
        ws_meta.very_hidden()
        if fill is None:
            ws_help.activate()
        elif extra is None:
            ws.activate()
        wb.close()
    return Path(path)


def _write_monev(wb, ws, f: Formats, master: MasterList, indicators, meta: TemplateMeta, opd_display: str,
                 lang: str, fill: Fill | None = None) -> None:
    cols = TEMPLATE_COLUMNS
    ncols = len(cols)
    last_col = ncols - 1
    first_opd = next(i for i, c in enumerate(cols) if c.source is Source.OPD)
    assert first_opd >= 8 and all(c.source is Source.OPD for c in cols[first_opd:]), "layout needs master first"

    for c, col in enumerate(cols):
        ws.set_column(c, c, col.width)

    # title and header block
    title = f"{t('template.title', lang)} - {t('template.subtitle', lang, institution=master.institution, year=master.plan_year)}"
    ws.merge_range(TITLE_ROW, 0, TITLE_ROW, first_opd - 1, title, f(bold=True, font_size=13, valign="vcenter"))
    ws.set_row(TITLE_ROW, 24)
    label = f(bold=True, align="right", valign="vcenter")
    # row 1: OPD | period ; row 2: contact | date filled
    r1, r2 = BLOCK_ROWS
    ws.merge_range(r1, 0, r1, 1, t("header.opd", lang), label)
    ws.merge_range(r2, 0, r2, 1, t("header.contact", lang), label)
    ws.write_string(r1, 5, t("header.period", lang), label)
    ws.write_string(r2, 5, t("header.filled_on", lang), label)
    def block_cell(r, c1, c2, key, value, base: dict, locked: bool):
        """A header-block value (merged over c1..c2), marked if a finding points at it."""
        bg, found = _mark_style(fill, (0, key))
        fmt = f(**{**base, "bg_color": GREY if locked and not found else bg, "locked": locked})
        ws.merge_range(r, c1, r, c2, "", fmt)
        if isinstance(value, dt.date):
            ws.write_datetime(r, c1, dt.datetime(value.year, value.month, value.day), fmt)
        elif value:
            write_text(ws, r, c1, str(value), fmt)
        if fill is not None:
            fill.cells[(0, key)] = f"{col_letter(c1)}{r + 1}"
        _comment(ws, r, c1, found, lang)

    plain = {"valign": "vcenter", **BORDER}
    block_cell(r1, 2, 4, "opd", opd_display, plain, locked=bool(meta.opd))
    if not meta.opd:
        lists = wb.add_worksheet(t("sheet.lists", lang))
        opds = [master.registry.get(c).display() if c in master.registry else c for c in master.opd_codes]
        for i, text in enumerate(opds):
            lists.write_string(i, 0, text)
        lists.protect("")
        lists.hide()
        ref = f"={_quote(lists.name)}!$A$1:$A${len(opds)}"
        validation(ws, r1, 2, r1, 2, {"validate": "list", "source": ref,
                                      "input_title": t("header.opd.hint.title", lang),
                                      "input_message": t("header.opd.hint", lang),
                                      "error_title": t("validation.error.title", lang),
                                      "error_message": t("header.opd.hint", lang)})
    block_cell(r1, 6, 7, "period", meta.period, plain, locked=bool(meta.period))
    if not meta.period:
        validation(ws, r1, 6, r1, 6, {"validate": "any", "input_title": t("header.period", lang),
                                      "input_message": t("header.period.hint", lang)})
    block_cell(r2, 2, 4, "contact", fill.contact if fill else "", plain, locked=False)
    validation(ws, r2, 2, r2, 2, {"validate": "any", "input_title": t("header.contact", lang),
                                  "input_message": t("header.contact.hint", lang)})
    block_cell(r2, 6, 7, "filled_on", fill.filled_on if fill else None,
               {**plain, "num_format": "dd/mm/yyyy", "align": "left"}, locked=False)
    filled = opd_validation(next(c for c in OPD_COLUMNS if c.kind is Kind.DATE), lang, master.plan_year)
    filled.update(input_title=t("header.filled_on", lang), input_message=t("header.filled_on.hint", lang))
    validation(ws, r2, 6, r2, 6, filled)
    ws.set_row(r1, 20)
    ws.set_row(r2, 20)

    # group row and header row
    ws.merge_range(GROUP_ROW, 0, GROUP_ROW, first_opd - 1, t("template.group.master", lang),
                   f(bold=True, align="center", bg_color=GREY_DARK, **BORDER))
    ws.merge_range(GROUP_ROW, first_opd, GROUP_ROW, last_col, t("template.group.opd", lang),
                   f(bold=True, align="center", bg_color=OPD_HEAD, **BORDER))
    for c, col in enumerate(cols):
        bg = GREY_DARK if col.source is Source.MASTER else OPD_HEAD
        ws.write_string(HEADER_ROW, c, col.label(lang),
                        f(bold=True, text_wrap=True, align="center", valign="vcenter", bg_color=bg, **BORDER))
    ws.set_row(HEADER_ROW, 42)

    # data rows
    rows_by_kind: dict[LevelKind, list[int]] = {kind: [] for kind in LevelKind}
    last_row = FIRST_DATA_ROW + len(indicators) - 1
    for n, ind in enumerate(indicators):
        r = FIRST_DATA_ROW + n
        rows_by_kind[ind.level_kind].append(r)
        shown: list[tuple[str, float]] = []
        for c, col in enumerate(cols):
            style = {"text_wrap": col.wraps, "valign": "top", **BORDER}
            if col.kind in NUM_FORMATS:
                style["num_format"] = NUM_FORMATS[col.kind]
            if col.kind in (Kind.INT, Kind.YEAR, Kind.LEVEL, Kind.PERCENT, Kind.DATE, Kind.STATUS):
                style["align"] = "center"
            if col.source is Source.MASTER:
                value = master_cell_value(master, ind, col.key, lang)
                fmt = f(bg_color=GREY, **style)
                if col.kind is Kind.LEVEL:
                    value = level_label(value, ind.level_kind, lang)
                    ws.write_string(r, c, value, fmt)
                elif isinstance(value, (int, float)):
                    ws.write_number(r, c, value, fmt)
                else:
                    write_text(ws, r, c, str(value), fmt)
                if col.wraps:
                    shown.append((str(value), col.width))
            else:
                _write_opd_cell(ws, f, r, c, col, ind, style, fill, lang)
        ws.set_row(r, row_height(shown, 10, minimum=30))

    # validations: one per OPD column over every data row
    for c, col in enumerate(cols):
        if col.source is not Source.OPD:
            continue
        opts = opd_validation(col, lang, master.plan_year)
        if col.kind is Kind.LEVEL:
            for kind, rows in rows_by_kind.items():
                if not rows:
                    continue
                runs = _runs(rows)
                kind_opts = {**opts, "source": level_choices(kind, lang), "multi_range": _multi_range(c, runs)}
                validation(ws, runs[0][0], c, runs[0][1], c, kind_opts)
        else:
            validation(ws, FIRST_DATA_ROW, c, last_row, c, opts)

    # view, protection, print
    ws.freeze_panes(FIRST_DATA_ROW, 2)
    ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                    "select_unlocked_cells": True})
    # Printed two pages wide: the master part, then the OPD part, with No and
    # Indikator repeated on each page and the header rows on every page.
    ws.set_landscape()
    ws.set_paper(9)
    widths = [c.width for c in cols]
    ws.set_print_scale(min(print_scale(widths[:first_opd]), print_scale(widths[:2] + widths[first_opd:])))
    ws.set_v_pagebreaks([first_opd])
    ws.repeat_rows(GROUP_ROW, HEADER_ROW)
    ws.repeat_columns(0, 1)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer(f"&L{_footer_escape(opd_display or master.institution)}&R{t('template.footer', lang)}")
    ws.print_area(0, 0, last_row, last_col)


def _quote(sheet: str) -> str:
    from xlsxwriter.utility import quote_sheetname

    return quote_sheetname(sheet)


def _footer_escape(text: str) -> str:
    return text.replace("&", "&&")[:200]


def write_templates(outdir: str | Path, master: MasterList, *, period: str | None, opds: list[str] | None = None,
                    all_rows: bool = False, lang: str = "id") -> list[Path]:
    """Write one template per OPD (``opds``, default every OPD of the plan)
    into ``outdir``; or, with ``all_rows``, the blank template with every
    row.  Returns the paths written."""
    lang = check_lang(lang)
    if all_rows and opds:
        raise UsageError(t("usage.opd_and_all", lang), key="usage.opd_and_all")
    if not all_rows and not (period and period.strip()):
        raise UsageError(t("usage.period_required", lang), key="usage.period_required")
    period = period.strip() if period else None
    codes = [o.strip().upper() for o in (opds or [])]
    for code in codes:
        if code not in master.opd_codes:
            key = "usage.opd_not_in_plan" if code in master.registry else "usage.unknown_opd"
            raise UsageError(t(key, lang, code=code, valid=", ".join(master.opd_codes)))
    outdir = ensure_dir(outdir, lang)
    if all_rows:
        return [write_template(outdir / template_filename(None, period), master, opd=None, period=period,
                               lang=lang)]
    return [write_template(outdir / template_filename(code, period), master, opd=code, period=period, lang=lang)
            for code in (codes or list(master.opd_codes))]


# ---- pre-filled cells (feedback workbooks) -------------------------------------------------------------

def _mark_style(fill: Fill | None, key) -> tuple[str, list]:
    """Background colour and findings for a cell."""
    found = fill.marks.get(key, []) if fill is not None else []
    if not found:
        return INPUT, []
    worst = min(found, key=lambda x: x.severity.rank)
    return MARK_COLORS[worst.severity.value], found


def _comment(ws, r: int, c: int, found: list, lang: str) -> None:
    if not found:
        return
    text = "\n\n".join(f"[{x.severity.label(lang).upper()}] {x.message(lang)}" for x in found)
    ws.write_comment(r, c, text[:30000], {"author": "DKIS", "x_scale": 3, "y_scale": 2.5})


def _write_opd_cell(ws, f: Formats, r: int, c: int, col: Column, ind, style: dict, fill: Fill | None,
                    lang: str) -> None:
    key = (ind.no, col.key)
    bg, found = _mark_style(fill, key)
    fmt = f(bg_color=bg, locked=False, **style)
    if fill is not None:
        fill.cells[key] = f"{col_letter(c)}{r + 1}"
    value = fill.values.get(ind.no, {}).get(col.key) if fill is not None else None
    if value is None:
        ws.write_blank(r, c, None, fmt)
    else:
        write_value(ws, r, c, col, value, fmt, ind.level_kind, lang)
    _comment(ws, r, c, found, lang)


def write_value(ws, r: int, c: int, col: Column, value, fmt, level_kind: str, lang: str) -> None:
    """Write a typed OPD value the way the template expects it (a status or
    level as its dropdown label, progress as a fraction); anything else that
    is a string (a value that did not parse) is written as text, as written."""
    from spbe_excel.model.columns import status_label

    if isinstance(value, str) and col.kind is Kind.STATUS and value in {s.key for s in STATUSES}:
        ws.write_string(r, c, status_label(value, lang), fmt)
    elif isinstance(value, bool):
        write_text(ws, r, c, "TRUE" if value else "FALSE", fmt)
    elif col.kind is Kind.LEVEL and isinstance(value, int):
        ws.write_string(r, c, level_label(value, level_kind, lang), fmt)
    elif col.kind is Kind.PERCENT and isinstance(value, (int, float)):
        ws.write_number(r, c, value / 100.0, fmt)
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), fmt)
    elif isinstance(value, (int, float)) and col.kind not in (Kind.TEXT, Kind.LONG_TEXT):
        ws.write_number(r, c, value, fmt)
    else:
        from spbe_excel.model.values import as_text

        write_text(ws, r, c, as_text(value), fmt)
