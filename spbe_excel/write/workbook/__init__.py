"""The consolidated workbook finance staff open.

Sheets: Ringkasan (key figures, a table per OPD, charts), Monev (one row per
indicator and OPD), Indeks (per indicator, aspect, domain and overall),
Kelengkapan (OPD x indicator), Temuan (every finding, linked to its row),
Sumber (every file seen), Master (the master list used), a very hidden
metadata sheet that lets ``--previous`` recognise the file and one of each
claim's fingerprint (DKIS's verifications are read back by it).  One module per
sheet; :mod:`~spbe_excel.write.workbook.layout` places everything up front.

Every figure that can be a formula is one, over the Monev sheet, written
with the value computed in Python as its cached result
(:mod:`spbe_excel.figures`): readers that do not recalculate see numbers, and
Excel or LibreOffice stay live when a cell is edited.  Text from submissions
is always written as text.  Every sheet prints on A4 landscape at 70 % or
more, over several page widths with its identifying columns repeated when
it is wider than that (:mod:`~spbe_excel.write.workbook.style`), and rows
are as high as their wrapped text needs (:mod:`spbe_excel.io.textwidth`).

xlsxwriter numbers shared strings and styles in the order of first use, so
the sheets are written in a fixed order (which no sheet depends on): the same
consolidation gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from spbe_excel.io import Formats, atomic_output
from spbe_excel.io.fastxlsx import new_workbook
from spbe_excel.merge import Consolidation
from spbe_excel.perf import gc_paused
from spbe_excel.text import check_lang
from spbe_excel.write.workbook import findings, index, master, matrix, monev, sources, summary
from spbe_excel.write.workbook.layout import MONEV_HEADER, MONEV_KEYS, SHEETS, plan
from spbe_excel.write.workbook.matrix import MATRIX_MAX_INDICATORS

__all__ = ["MATRIX_MAX_INDICATORS", "MONEV_HEADER", "MONEV_KEYS", "write_consolidated"]


def write_consolidated(cons: Consolidation, path: str | os.PathLike, *, lang: str = "id", inputs=None) -> Path:
    """Write the consolidated workbook atomically.  The same consolidation
    gives the same bytes (fixed document date: the as-of date)."""
    lang = check_lang(lang)
    with atomic_output(path, inputs) as tmp, gc_paused():
        layout = plan(cons, lang)
        wb = new_workbook(tmp, dt.datetime(cons.as_of.year, cons.as_of.month, cons.as_of.day))
        f = Formats(wb, {"font_name": "Calibri", "font_size": 10})
        sheets = {k: wb.add_worksheet(layout.names[k]) for k in SHEETS}
        monev.write_monev(sheets["monev"], f, cons, layout)
        findings.write_findings(sheets["findings"], f, cons, layout)
        index.write_index(sheets["index"], f, cons, layout)
        summary.write_summary(wb, sheets["summary"], f, cons, layout)
        matrix.write_matrix(sheets["matrix"], f, cons, layout)
        sources.write_sources(sheets["sources"], f, cons, layout)
        master.write_master(sheets["master"], f, cons, layout)
        master.write_meta(wb, cons, layout)
        master.write_verify(wb, cons)
        sheets["summary"].activate()
        wb.close()
    return Path(path)
