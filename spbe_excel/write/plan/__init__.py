"""The plan workbook of ``master new``: a master list for DKIS to fill.

Sheets, in order:

* **Petunjuk** (Instructions): the steps in plain language, every column
  of the indicator sheet explained, the level names (:mod:`.instructions`);
* **Indikator** (Indicators): one row per row of the framework, the
  framework's cells (No, Indikator, Domain, Aspek, Bobot, Jenis Tingkat) grey
  and locked, except the name of a public service the instansi names; the
  plan's cells white and open, with dropdowns (levels with their names per
  level kind, years, OPD codes from the OPD sheet) and input hints; a carried
  over action pre-filled (:mod:`.sheets`);
* **Aksi Tambahan** (Extra Actions): the second and further actions of an
  indicator, one row each, with its No chosen from the indicator sheet's;
* **OPD**: code, official name, aliases; pre-filled from ``--opd`` and
  ``--from``;
* **Info**: institution, title, plan year, framework, reporting period.

:func:`~spbe_excel.master.load_master` reads the filled workbook back (the
extra actions as rows of the indicator table, see
:mod:`spbe_excel.master.planfile`).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from spbe_excel.io import Formats, atomic_output
from spbe_excel.io.fastxlsx import new_workbook
from spbe_excel.master.draft import PlanDraft
from spbe_excel.text import check_lang, t
from spbe_excel.write.plan.instructions import write_instructions
from spbe_excel.write.plan.sheets import SheetNames, write_extra, write_indicators, write_info, write_opds

__all__ = ["write_plan"]


def write_plan(path: str | os.PathLike, draft: PlanDraft, lang: str = "id") -> Path:
    """Write the plan workbook of ``draft`` to ``path`` atomically; the same draft gives the same bytes."""
    lang = check_lang(lang)
    first, extra = draft.placed()
    names = SheetNames(*(t(key, lang) for key in ("sheet.instructions", "master.sheet.indicators",
                                                   "master.sheet.extra", "master.sheet.opd", "master.sheet.info")))
    with atomic_output(path) as tmp:
        wb = new_workbook(tmp, dt.datetime(draft.year, 1, 1))
        f = Formats(wb, {"font_name": "Calibri", "font_size": 10})
        sheets = [wb.add_worksheet(name) for name in names]
        write_instructions(sheets[0], f, draft, names, Path(path).name, lang)
        last_no_row = write_indicators(sheets[1], f, draft, first, names, lang)
        write_extra(sheets[2], f, draft, extra, names, last_no_row, lang)
        write_opds(sheets[3], f, draft, lang)
        write_info(sheets[4], f, draft, lang)
        sheets[0].activate()
        wb.close()
    return Path(path)
