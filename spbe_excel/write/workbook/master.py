"""The Master sheet (the master list the consolidation used, with its
fingerprint) and the very hidden metadata sheet that lets ``--previous``
recognise the workbook and find its Monev columns."""

from __future__ import annotations

from spbe_excel.merge import Consolidation
from spbe_excel.model.columns import META_SHEET, WORKBOOK_FORMAT, WORKBOOK_VERSION
from spbe_excel.text import t
from spbe_excel.write.workbook.layout import MONEV_HEADER, MONEV_KEYS, Layout


def write_master(ws, f, cons: Consolidation, layout: Layout) -> None:
    from spbe_excel.master.export import write_indicator_sheet

    ws.write_string(0, 0, f"{t('wb.fingerprint', layout.lang)}: {cons.master.fingerprint}", f(bold=True))
    write_indicator_sheet(ws, f, cons.master, layout.lang, top=2)


def write_meta(wb, cons: Consolidation, layout: Layout) -> None:
    from spbe_excel import __version__

    ws = wb.add_worksheet(META_SHEET)
    rows = [
        ("format", WORKBOOK_FORMAT), ("version", WORKBOOK_VERSION), ("period", cons.period),
        ("as_of", cons.as_of.isoformat()), ("fingerprint", cons.master.fingerprint),
        ("monev_sheet", layout.names["monev"]), ("monev_header_row", str(MONEV_HEADER + 1)),
        ("monev_columns", ",".join(MONEV_KEYS)), ("lang", layout.lang), ("generator", f"spbe-excel {__version__}"),
    ]
    for r, (k, v) in enumerate(rows):
        ws.write_string(r, 0, k)
        ws.write_string(r, 1, v)
    ws.protect("")
    ws.very_hidden()
