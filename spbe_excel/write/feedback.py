"""Feedback workbooks: an OPD's own values in a fresh template of the
current version, every finding's cell highlighted with a comment saying what
to fix, and a "Perbaikan" sheet listing all findings with links to their cells.

Valid values are written in the template's form (a status as its dropdown
label, progress as a percentage) and read back equal; values that did not
parse are written exactly as they were typed, as text, so the OPD sees and
corrects them.  Text is never written as a formula.  Rows that could not be
placed (unknown or unassigned indicators, duplicates) are kept, with every
value, on a sheet of their own: nothing the OPD wrote is lost.
"""

from __future__ import annotations

import os
from pathlib import Path

from spbe_excel.io import row_height, write_text
from spbe_excel.io.textwidth import FILTER_BUTTON, width_for
from spbe_excel.master import MasterList
from spbe_excel.model.columns import BY_KEY, FEEDBACK_KIND, OPD_COLUMNS, Kind, Source
from spbe_excel.model.findings import Finding
from spbe_excel.model.periods import Period
from spbe_excel.model.submission import Submission
from spbe_excel.model.values import as_text
from spbe_excel.model.vocab import FileState, RowState
from spbe_excel.text import check_lang, t
from spbe_excel.text.findings import message as finding_message
from spbe_excel.text.words import column_label, severity_label
from spbe_excel.write.template import MARK_COLORS, Fill, document_time, write_workbook

_HEADER_KEYS = {"period-mismatch": "period", "opd-unknown": "opd", "opd-conflict": "opd"}


def _mark_key(f: Finding):
    """Where in the fresh template a finding is shown: (action, column key),
    or (0, header field); None for findings listed only on the Perbaikan sheet."""
    if f.code in _HEADER_KEYS:
        return (0, _HEADER_KEYS[f.code])
    if not f.action:
        return (0, "filled_on") if f.indicator is None and f.column == "updated_on" else None
    if f.column and BY_KEY[f.column].source is Source.OPD:
        return (f.action, f.column)
    if f.column:  # a master column: the fresh template holds the master text again
        return None
    return (f.action, "status")


def feedback_fill(sub: Submission, findings: list[Finding] | None = None) -> Fill:
    fill = Fill(contact=sub.contact, filled_on=sub.filled_on)
    for action, row in sub.rows_by_action().items():
        vals = {}
        for col in OPD_COLUMNS:
            if col.key in row.values:
                vals[col.key] = row.values[col.key]
            elif col.key in row.raw:  # did not parse: keep it as written
                raw = row.raw[col.key]
                if col.kind is Kind.PERCENT and isinstance(raw, (int, float)) and not isinstance(raw, bool):
                    vals[col.key] = raw * 100  # a number stored in a percent cell (1.5): shown as typed, 150 %
                else:
                    vals[col.key] = as_text(raw)
        fill.values[action] = vals
    for f in sub.findings if findings is None else findings:
        key = _mark_key(f)
        if key is not None:
            fill.marks.setdefault(key, []).append(f)
    return fill


def write_feedback(sub: Submission, master: MasterList, out: str | os.PathLike, *, lang: str = "id",
                   period: Period | None = None, findings: list[Finding] | None = None) -> Path:
    """Write the feedback workbook for one submission to ``out`` (atomically;
    ``out`` may not be the submission itself).  ``findings`` defaults to the
    reader's; consolidation passes :meth:`Consolidation.findings_for`."""
    lang = check_lang(lang)
    opd = sub.opd if sub.opd in master.opd_codes else None
    findings = sorted(sub.findings if findings is None else findings, key=Finding.sort_key)
    fill = feedback_fill(sub, findings)
    monev = t("sheet.monev", lang)

    def extra(wb, f, fill):
        _corrections_sheet(wb, f, sub, findings, fill, monev, lang)
        others = [r for r in sub.rows if r.state != RowState.OK]
        if others:
            _other_rows_sheet(wb, f, others, lang)

    written = document_time(master).strftime("%Y-%m-%dT%H:%M:%SZ")  # as xlsxwriter writes it in docProps/core.xml
    meta = (("kind", FEEDBACK_KIND), ("written", written), ("source_sha256", sub.source.sha256))
    return write_workbook(out, master, opd=opd, period=period.label() if period else sub.period, lang=lang, fill=fill,
                          extra=extra,
                          inputs=[Path(sub.path)], meta_extra=meta)


def write_feedback_for_consolidation(cons, folder: str | os.PathLike, *, lang: str = "id") -> list[Path]:
    """One feedback workbook per OPD whose file (used or rejected) has
    findings, named ``<OPD>_<period>_perbaikan.xlsx``, with every finding about
    that file, consolidation's included.  Returns the paths written."""
    from spbe_excel.io import ensure_dir
    from spbe_excel.write.template import period_slug

    lang = check_lang(lang)
    folder = ensure_dir(folder)
    written = []
    for src in cons.sources:
        sub = src.submission
        findings = cons.findings_for(sub)
        if src.use in (FileState.ACCEPTED, FileState.REJECTED) and sub.opd and findings:
            slug = period_slug(cons.period_text or sub.period or "periode")
            name = f"{sub.opd}_{slug}_{t('feedback.file_suffix', lang)}.xlsx"
            written.append(write_feedback(sub, cons.master, folder / name, lang=lang, period=cons.period,
                                          findings=findings))
    return written


CORRECTION_COLS = (("feedback.col.severity", 11), ("feedback.col.code", 20), ("feedback.col.cell", 9),
                   ("feedback.col.original", 12), ("feedback.col.indicator", 6), ("feedback.col.column", 18),
                   ("feedback.col.value", 20), ("feedback.col.message", 50))


def _corrections_sheet(wb, f, sub: Submission, findings: list[Finding], fill: Fill, monev: str, lang: str) -> None:
    from xlsxwriter.utility import quote_sheetname

    ws = wb.add_worksheet(t("feedback.sheet", lang))
    head = f(bold=True, bg_color="#BFBFBF", border=1, text_wrap=True, valign="vcenter")
    wrap = f(text_wrap=True, valign="top", border=1)
    link = f(font_color="#0563C1", underline=1, valign="top", border=1)
    ws.write_string(0, 0, t("feedback.title", lang), f(bold=True, font_size=13))
    counts = {s: sum(1 for x in findings if x.severity.value == s) for s in ("error", "warning", "info")}
    info = [
        (t("feedback.file", lang), sub.source.name),
        (t("header.opd", lang), sub.opd or "-"),
        (t("header.period", lang), sub.period or "-"),
        (t("feedback.counts", lang), t("feedback.counts.value", lang, **counts)),
        ("SHA-256", sub.source.sha256),
    ]
    for r, (k, v) in enumerate(info, 2):
        ws.write_string(r, 0, k, f(bold=True))
        write_text(ws, r, 1, v)
    labels = [(t(key, lang), width) for key, width in CORRECTION_COLS]
    widths = [max(labels[0][1], *(width_for(k, bold=True) for k, _ in info)), *(w for _, w in labels[1:])]
    howto = t("feedback.howto", lang)
    ws.merge_range(8, 0, 8, 7, howto, f(italic=True, text_wrap=True))
    ws.set_row(8, row_height([(howto, sum(widths) + len(widths))]))
    top = 10
    for c, ((label, _), width) in enumerate(zip(labels, widths)):
        ws.set_column(c, c, width)
        ws.write_string(top, c, label, head)
    ws.set_row(top, row_height([(k, w - FILTER_BUTTON) for (k, _), w in zip(labels, widths)], bold=True))
    for n, x in enumerate(findings, top + 1):
        sev_fmt = f(bg_color=MARK_COLORS[x.severity.value], border=1, valign="top")
        ws.write_string(n, 0, severity_label(x.severity, lang), sev_fmt)
        ws.write_string(n, 1, x.code, wrap)
        key = _mark_key(x)
        target = fill.cells.get(key) if key else None
        if target:
            ws.write_url(n, 2, f"internal:{quote_sheetname(monev)}!{target}", link, target)
        else:
            ws.write_blank(n, 2, None, wrap)
        write_text(ws, n, 3, x.where, wrap)
        if x.action and x.action != str(x.indicator):  # an action of an indicator with several
            ws.write_string(n, 4, x.action, wrap)
        elif x.indicator is not None:
            ws.write_number(n, 4, x.indicator, wrap)
        else:
            ws.write_blank(n, 4, None, wrap)
        column = column_label(x.column, lang) if x.column in BY_KEY else ""
        write_text(ws, n, 5, column, wrap)
        write_text(ws, n, 6, x.value, wrap)
        message = finding_message(x, lang)
        write_text(ws, n, 7, message, wrap)
        ws.set_row(n, row_height([(x.code, widths[1]), (x.where, widths[3]), (column, widths[5]),
                                  (x.value, widths[6]), (message, widths[7])]))
    if not findings:
        ws.write_string(top + 1, 0, t("feedback.none", lang))
    ws.freeze_panes(top + 1, 0)
    ws.autofilter(top, 0, top + max(1, len(findings)), len(labels) - 1)
    _print(ws, widths, (top, top))
    ws.activate()


def _print(ws, widths: list[float], header_rows: tuple[int, int], repeat: int = 0) -> None:
    """A4 landscape as the consolidated workbook's sheets: fit to width, but not below 70 % (then over several
    page widths, the first ``repeat`` columns repeated)."""
    from spbe_excel.write.workbook.style import page_columns

    scale, breaks = page_columns(widths, repeat)
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_print_scale(scale)
    if breaks:
        ws.set_v_pagebreaks(breaks)
    if repeat:
        ws.repeat_columns(0, repeat - 1)
    ws.repeat_rows(*header_rows)


def _other_rows_sheet(wb, f, rows, lang: str) -> None:
    ws = wb.add_worksheet(t("feedback.others", lang))
    head = f(bold=True, bg_color="#BFBFBF", border=1, text_wrap=True, valign="vcenter")
    wrap = f(text_wrap=True, valign="top", border=1)
    keys = [c.key for c in BY_KEY.values() if c.in_template]
    if any("action" in row.raw for row in rows):  # an Aksi column of its own, in a sheet made by hand
        keys.insert(1, "action")
    headers = [t("feedback.col.sheet_row", lang), t("feedback.col.state", lang)] + [column_label(k, lang) for k in keys]
    widths = [18.0] * len(headers)
    intro = t("feedback.others.intro", lang)
    ws.merge_range(0, 0, 0, 6, intro, f(italic=True, text_wrap=True))
    ws.set_row(0, row_height([(intro, sum(widths[:7]) + 7)]))
    for c, h in enumerate(headers):
        ws.write_string(2, c, h, head)
        ws.set_column(c, c, widths[c])
    ws.set_row(2, row_height(list(zip(headers, widths)), bold=True))
    for n, row in enumerate(rows, 3):
        texts = [f"{row.sheet}!{row.row}", t(f"feedback.state.{row.state}", lang)]
        texts += [as_text(row.raw[k]) if k in row.raw else "" for k in keys]
        for c, text in enumerate(texts):
            if text:
                write_text(ws, n, c, text, wrap)
        ws.set_row(n, row_height(list(zip(texts, widths))))
    _print(ws, widths, (2, 2), repeat=1)
