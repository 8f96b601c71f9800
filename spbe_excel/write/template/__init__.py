"""Per-OPD monitoring templates.

A template is a workbook with

* an instructions sheet in plain language (:mod:`.instructions`);
* the monitoring sheet (:mod:`.monev`): a header block (OPD, period, contact
  person, date filled), a row per action with the master columns
  pre-filled, grey and locked, and the OPD columns unlocked with dropdowns,
  range checks, input hints and error alerts (:mod:`.cells`); protected
  without a password so that rows and columns can still be resized; frozen
  header; A4 landscape print set-up;
* a hidden, protected metadata sheet that tells a reader exactly what it is
  looking at (template version, OPD, period, master fingerprint, layout; the
  rows' action ids when an indicator has several actions).

Everything is driven by the column model (:mod:`spbe_excel.model.columns`);
rows, colours and the metadata are in :mod:`.layout`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from spbe_excel.errors import UsageError
from spbe_excel.io import Formats, atomic_output, ensure_dir
from spbe_excel.io.fastxlsx import new_workbook
from spbe_excel.master import MasterList
from spbe_excel.model.columns import META_SHEET, TEMPLATE_COLUMNS
from spbe_excel.model.periods import Period
from spbe_excel.text import check_lang, t
from spbe_excel.write.template.cells import level_choices, opd_validation, status_choices, write_value
from spbe_excel.write.template.instructions import write_instructions
from spbe_excel.write.template.layout import (
    BLOCK_ROWS,
    FIRST_DATA_ROW,
    GROUP_ROW,
    HEADER_ROW,
    MARK_COLORS,
    TEMPLATE_VERSION,
    TITLE_ROW,
    Fill,
    TemplateMeta,
)
from spbe_excel.write.template.monev import write_monev

__all__ = [
    "ALL_TEMPLATE_NAME", "BLOCK_ROWS", "FIRST_DATA_ROW", "GROUP_ROW", "HEADER_ROW", "MARK_COLORS", "META_SHEET",
    "TEMPLATE_VERSION", "TITLE_ROW", "Fill", "TemplateMeta", "document_time", "level_choices", "opd_validation",
    "period_slug", "status_choices", "template_filename", "write_template", "write_templates", "write_value",
    "write_workbook",
]

ALL_TEMPLATE_NAME = "monev_template.xlsx"


def period_slug(period: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", period).strip("_")


def template_filename(opd: str | None, period: str | None) -> str:
    """``BAPPEDA_Triwulan_III_2019.xlsx``; the blank template with all rows is
    ``monev_template.xlsx`` (``monev_template_<period>.xlsx`` with a period)."""
    if opd is None:
        return ALL_TEMPLATE_NAME if not period else f"monev_template_{period_slug(period)}.xlsx"
    return f"{opd}_{period_slug(period or '')}.xlsx"


def write_template(path: str | os.PathLike, master: MasterList, *, opd: str | None, period: Period | str | None,
                   lang: str = "id") -> Path:
    """Write one template to ``path`` atomically, for ``period`` (written as it is spelled: a
    :class:`Period` as the plan spells it).

    ``opd=None`` writes the blank template with every row of the master list;
    its OPD (and, without ``period``, its period) is then filled in by the user.
    """
    return write_workbook(path, master, opd=opd, period=str(period) if period else None, lang=lang)


def write_templates(outdir: str | os.PathLike, master: MasterList, *, period: Period | str | None,
                    opds: list[str] | None = None, all_rows: bool = False, lang: str = "id") -> list[Path]:
    """Write one template per OPD (``opds``, default every OPD of the plan)
    into ``outdir``; or, with ``all_rows``, the blank template with every
    row.  ``period``: a period of the plan (:func:`~spbe_excel.master.checked_period`;
    :func:`spbe_excel.pipeline.write_templates` checks one given as text).  Returns the paths written."""
    lang = check_lang(lang)
    if all_rows and opds:
        raise UsageError("usage.opd_and_all")
    if not all_rows and period is None:
        raise UsageError("usage.period_required")
    codes = plan_codes(master, opds or [])
    outdir = ensure_dir(outdir)
    label = str(period) if period else None
    if all_rows:
        return [write_template(outdir / template_filename(None, label), master, opd=None, period=period,
                               lang=lang)]
    return [write_template(outdir / template_filename(code, label), master, opd=code, period=period, lang=lang)
            for code in (codes or list(master.opd_codes))]


def plan_codes(master: MasterList, opds: list[str]) -> list[str]:
    """The OPD codes asked for, upper-cased; a usage error for one that has no indicator in the plan."""
    codes = [o.strip().upper() for o in opds]
    for code in codes:
        if code not in master.opd_codes:
            key = "usage.opd_not_in_plan" if code in master.registry else "usage.unknown_opd"
            raise UsageError(key, code=code, valid=", ".join(master.opd_codes))
    return codes


def write_workbook(path: str | os.PathLike, master: MasterList, *, opd: str | None, period: str | None,
                   lang: str = "id", fill: Fill | None = None, extra=None, inputs: list | None = None,
                   meta_extra: tuple[tuple[str, str], ...] = ()) -> Path:
    """The template writer behind :func:`write_template` and the feedback
    workbook: ``fill`` pre-fills and marks cells, ``extra(wb, formats, fill)``
    adds sheets after the monitoring sheet, ``meta_extra`` rows to the
    metadata sheet."""
    lang = check_lang(lang)
    created = document_time(master)
    indicators = _indicators(master, opd)
    monev_sheet = t("sheet.monev", lang)
    meta = TemplateMeta(
        template_version=TEMPLATE_VERSION, opd=opd or "", period=period or "",
        master_fingerprint=master.fingerprint, sheet=monev_sheet, header_row=HEADER_ROW + 1,
        columns=tuple(c.key for c in TEMPLATE_COLUMNS), lang=lang, institution=master.institution,
        plan_year=master.plan_year, extra=meta_extra,
        actions=tuple(i.action for i in indicators) if master.numbered else (),
    )
    opd_display = master.registry.get(opd).display() if opd and opd in master.registry else (opd or "")
    with atomic_output(path, inputs) as tmp:
        wb = new_workbook(tmp, created)
        f = Formats(wb, {"font_name": "Calibri", "font_size": 10})
        ws_help = wb.add_worksheet(t("sheet.instructions", lang))
        ws = wb.add_worksheet(monev_sheet)
        write_instructions(ws_help, f, meta, opd_display, lang, monev_sheet)
        write_monev(wb, ws, f, master, indicators, meta, opd_display, lang, fill)
        if extra is not None:
            extra(wb, f, fill)
        _write_meta(wb, meta)
        if fill is None:
            ws_help.activate()
        elif extra is None:
            ws.activate()
        wb.close()
    return Path(path)


def document_time(master: MasterList) -> dt.datetime:
    """The creation and modification time in a template's document properties: fixed, so that the same
    input gives the same bytes."""
    return dt.datetime(master.plan_year or 2000, 1, 1)


def _indicators(master: MasterList, opd: str | None) -> list:
    """The rows of a template: every action, or those of ``opd``; a usage error for an OPD without any."""
    if opd is not None and opd not in master.registry and opd not in master.opd_codes:
        raise UsageError("usage.unknown_opd", code=opd, valid=", ".join(master.opd_codes))
    indicators = list(master.actions) if opd is None else master.for_opd(opd)
    if not indicators:
        raise UsageError("usage.opd_not_in_plan", code=opd, valid=", ".join(master.opd_codes))
    return indicators


def _write_meta(wb, meta: TemplateMeta) -> None:
    ws = wb.add_worksheet(META_SHEET)
    for r, (k, v) in enumerate(meta.as_rows()):
        ws.write_string(r, 0, k)
        ws.write_string(r, 1, v)
    ws.set_column(0, 1, 24)
    ws.protect("")
    ws.very_hidden()
