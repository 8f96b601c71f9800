"""The year workbook (``spbe-excel year``): the plan's year from its consolidated workbooks.

Sheets: Ringkasan (the index per period against the baseline and the target, claimed, counted and verified, its
predikat and chart; per domain; the statuses per period and their chart), Perkembangan (per action and OPD its
status, progress and level in each period and its latest state, a stalled row marked), Indeks (the levels per
indicator and period the indexes are formulas over), Pelaporan (per OPD and period the share reported, when its
file came and the days after the due date), Lewat Target (the pairs past their target year), Sumber (the
workbooks it was made from), Master (the plan) and a very hidden metadata sheet.  A period without a
consolidated workbook keeps its place, shown as missing.

As in the consolidated workbook, every figure is a live formula with the value worked out in Python
(:mod:`spbe_excel.year.figures`) as its cached result, every sheet prints on A4 landscape, and the same year
gives the same bytes (the document date is the as-of date of its last workbook)."""

from __future__ import annotations

import datetime as dt
import os

from spbe_excel.io import Formats, atomic_output
from spbe_excel.io.fastxlsx import new_workbook
from spbe_excel.text import check_lang
from spbe_excel.write.year import index, lists, progress, reporting, summary
from spbe_excel.write.year.layout import SHEETS, plan
from spbe_excel.year.assemble import Year
from spbe_excel.year.figures import YearFigures
from spbe_excel.year.page import OnePage, one_page


def write_year(year: Year, path: str | os.PathLike, *, lang: str = "id", inputs=None) -> OnePage:
    """Write the year workbook of ``year`` to ``path`` atomically (``inputs``: files it must not replace); the
    figures of its leaders' page, as its tables show them."""
    lang = check_lang(lang)
    figures = YearFigures(year)
    with atomic_output(path, inputs) as tmp:
        layout = plan(year, lang, len(figures.overdue))
        as_of = year.latest.rekap.as_of  # type: ignore[union-attr]
        wb = new_workbook(tmp, dt.datetime(as_of.year, as_of.month, as_of.day))
        f = Formats(wb, {"font_name": "Calibri", "font_size": 10})
        sheets = {k: wb.add_worksheet(layout.names[k]) for k in SHEETS}
        progress.write_progress(sheets["progress"], f, figures, layout)
        index.write_index(sheets["index"], f, figures, layout)
        summary.write_summary(wb, sheets["summary"], f, figures, layout)
        reporting.write_reporting(sheets["reporting"], f, figures, layout)
        lists.write_overdue(sheets["overdue"], f, figures, layout)
        lists.write_sources(sheets["sources"], f, figures, layout)
        lists.write_master(sheets["master"], f, figures, layout)
        lists.write_meta(wb, figures, layout)
        wb.close()
    return one_page(figures, str(path))
