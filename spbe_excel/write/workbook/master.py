"""The Master sheet (the master list the consolidation used, with its
fingerprint), the very hidden metadata sheet that lets ``--previous``
recognise the workbook and find its Monev columns, and the very hidden sheet
of each claim's fingerprint and who gave the verification that holds, when
(what DKIS types in the Verifikasi column is matched to it when read back)."""

from __future__ import annotations

from spbe_excel.io import write_text
from spbe_excel.merge import Consolidation
from spbe_excel.model.columns import META_SHEET, VERIFY_SHEET, WORKBOOK_FORMAT, WORKBOOK_VERSION
from spbe_excel.text import t
from spbe_excel.text.words import column_label
from spbe_excel.write.workbook.layout import MONEV_HEADER, Layout
from spbe_excel.write.workbook.style import header_row, print_setup

MASTER_TOP = 2  # the header row of the indicator table


def write_master(ws, f, cons: Consolidation, layout: Layout) -> None:
    """The indicator table as ``master export`` writes it, printed like every sheet of the workbook: No (and
    Aksi) and Indikator repeated on each page width."""
    from spbe_excel.write.master_export import write_indicator_sheet

    lang = layout.lang
    heading = f"{t('wb.fingerprint', lang)}: {cons.master.fingerprint}"
    ws.write_string(0, 0, heading, f(bold=True))
    write_indicator_sheet(ws, f, cons.master, lang, top=MASTER_TOP)
    columns = cons.master.file_columns
    widths = [c.width for c in columns]
    header_row(ws, MASTER_TOP, [(column_label(c, lang), c.width) for c in columns], filtered=True)
    repeat = 3 if cons.master.numbered else 2  # No (Aksi) and Indikator
    print_setup(ws, (MASTER_TOP, MASTER_TOP), lang, layout.names["master"], widths, repeat=repeat,
                heading=(f"{t('wb.sheet.master', lang).upper()} - {cons.master.institution}", heading),
                last_row=MASTER_TOP + len(cons.master.rows))


def write_meta(wb, cons: Consolidation, layout: Layout) -> None:
    from spbe_excel import __version__

    ws = wb.add_worksheet(META_SHEET)
    rows = [
        ("format", WORKBOOK_FORMAT), ("version", WORKBOOK_VERSION), ("period", cons.period_text),
        ("as_of", cons.as_of.isoformat()), ("fingerprint", cons.master.fingerprint),
        ("monev_sheet", layout.names["monev"]), ("monev_header_row", str(MONEV_HEADER + 1)),
        ("monev_columns", ",".join(layout.monev_keys)), ("lang", layout.lang),
        ("institution", cons.master.institution), ("plan_year", str(cons.master.plan_year or "")),
        ("generator", f"spbe-excel {__version__}"),
    ]
    for r, (k, v) in enumerate(rows):
        ws.write_string(r, 0, k)
        ws.write_string(r, 1, v)
    ws.protect("")
    ws.very_hidden()


VERIFY_COLUMNS = ("action", "opd", "fingerprint", "verdict", "note", "by", "at")


def write_verify(wb, cons: Consolidation) -> None:
    """One row per claim (:attr:`~spbe_excel.model.pairs.PairRow.claim`): its action and OPD, the fingerprint of its
    row as written (:attr:`~spbe_excel.model.pairs.PairRow.fingerprint`), and the verification that holds on it
    (its verdict's key, note, who and when; empty when unverified)."""
    ws = wb.add_worksheet(VERIFY_SHEET)
    for c, key in enumerate(VERIFY_COLUMNS):
        ws.write_string(0, c, key)
    r = 1
    for row in cons.rows:
        fingerprint = row.fingerprint
        if not row.claim or fingerprint is None:
            continue
        v = row.verification
        cells = (row.action, row.opd, fingerprint.text, str(v.verdict or "") if v else "", v.note if v else "",
                 v.by if v else "", v.at.isoformat() if v and v.at else "")
        for c, text in enumerate(cells):
            if text:
                write_text(ws, r, c, text)
        r += 1
    ws.protect("")
    ws.very_hidden()
