"""The Temuan sheet: every finding, worst first, each linked to its Monev row
(or, for a finding about a whole file, to the file's row on Sumber)."""

from __future__ import annotations

from pathlib import Path

from spbe_excel.io import row_height, write_text
from spbe_excel.merge import Consolidation
from spbe_excel.model.findings import Severity
from spbe_excel.text import t
from spbe_excel.text.findings import message as finding_message
from spbe_excel.text.words import severity_label
from spbe_excel.write.workbook.layout import FINDING_COLS, FINDINGS_HEADER, Layout
from spbe_excel.write.workbook.style import AMBER, BORDER, HEAD, RED, header_row, print_setup, title

MAX_LINKS = 65000  # Excel's limit is 65,530 hyperlinks per sheet
WIDTHS = (5, 10, 20, 10, 8, 18, 9, 18, 52, 10)
PRINTED = len(FINDING_COLS) - 1  # the link column is for the screen


def write_findings(ws, f, cons: Consolidation, layout: Layout) -> None:
    lang = layout.lang
    title(ws, f, t("wb.sheet.findings", lang).upper(), 6)
    labels = [(t(f"wb.f.{key}", lang), w) for key, w in zip(FINDING_COLS, WIDTHS)]
    for c, (label, w) in enumerate(labels):
        ws.set_column(c, c, w)
        ws.write_string(FINDINGS_HEADER, c, label, f(**HEAD))
    header_row(ws, FINDINGS_HEADER, labels, filtered=True)
    text = f(text_wrap=True, valign="top", **BORDER)
    num = f(valign="top", align="center", **BORDER)
    link = f(font_color="#0563C1", underline=1, valign="top", **BORDER)
    sev_fmt = {sv.value: f(bg_color=col, valign="top", **BORDER) for sv, col in
               ((Severity.ERROR, RED), (Severity.WARNING, AMBER), (Severity.INFO, "#DDEBF7"))}
    links = 0
    first = layout.findings_rows.first
    for n, x in enumerate(cons.findings):
        r = first + n
        ws.write_number(r, 0, n + 1, num)
        ws.write_string(r, 1, severity_label(x.severity, lang), sev_fmt[x.severity.value])
        ws.write_string(r, 2, x.code, text)
        ws.write_string(r, 3, x.opd, text)
        if x.action and x.action != str(x.indicator):  # an action of an indicator with several
            ws.write_string(r, 4, x.action, num)
        elif x.indicator is not None:
            ws.write_number(r, 4, x.indicator, num)
        else:
            ws.write_blank(r, 4, None, num)
        name = Path(x.file).name if x.file else ""
        write_text(ws, r, 5, name, text)
        write_text(ws, r, 6, x.where, text)
        write_text(ws, r, 7, x.value, text)
        message = finding_message(x, lang)
        write_text(ws, r, 8, message, text)
        target = _target(x, layout)
        if target and links < MAX_LINKS:
            ws.write_url(r, 9, f"internal:{target}", link, target.split("!")[-1])
            links += 1
        else:
            ws.write_blank(r, 9, None, text)
        ws.set_row(r, row_height([(message, WIDTHS[8]), (x.value, WIDTHS[7]), (x.code, WIDTHS[2]),
                                  (name, WIDTHS[5]), (x.where, WIDTHS[6]), (x.opd, WIDTHS[3])]))
    last = layout.findings_rows.last
    ws.autofilter(FINDINGS_HEADER, 0, last, len(FINDING_COLS) - 1)
    ws.freeze_panes(first, 0)
    print_setup(ws, (FINDINGS_HEADER, FINDINGS_HEADER), lang, layout.names["findings"], WIDTHS[:PRINTED])
    ws.print_area(0, 0, last, PRINTED - 1)


def _target(x, layout: Layout) -> str:
    """Where a finding links to: its pair's Monev row, else its file's row on Sumber ("" for neither)."""
    row = layout.monev_rows.get((x.action, x.opd))
    if row is not None:
        return f"{layout.sheet('monev')}!A{row + 1}"
    row = layout.source_rows.get(x.file)
    if row is not None:
        return f"{layout.sheet('sources')}!A{row + 1}"
    return ""
