"""The Monev sheet: one row per (action, OPD) pair of the plan, the OPD's
values as reported (text that did not parse kept as written, as text), beside
them the latest state of the year (status, progress, the period it was
reported in and why a Selesai is not supported: a record of the reports, as
values), and the computed columns as live formulas over the row
(:mod:`spbe_excel.figures`).
The long loop of the workbook: cell writers, formats and formula pieces are
bound once, outside it."""

from __future__ import annotations

from pathlib import Path

from xlsxwriter.utility import xl_rowcol_to_cell

from spbe_excel.figures import monev_formulas, monev_values
from spbe_excel.io import date_format, date_text, row_height, validation, write_text
from spbe_excel.merge import MISSING, REJECTED, REPORTED, Consolidation
from spbe_excel.model.columns import BY_KEY, OPD_COLUMNS, Kind
from spbe_excel.model.values import as_text
from spbe_excel.model.verification import Verdict
from spbe_excel.model.vocab import Reason, Status
from spbe_excel.text import t
from spbe_excel.text.words import column_label, status_label, verdict_label
from spbe_excel.write.workbook.layout import MONEV_HEADER, Layout
from spbe_excel.write.workbook.style import (
    AMBER,
    BORDER,
    DATA_BAR,
    GREEN,
    GREY,
    HEAD,
    INPUT,
    ORANGE,
    RED,
    YELLOW,
    header_row,
    print_setup,
    title,
)

_FORMAT_OF_KIND = {Kind.PERCENT: "pct", Kind.MONEY: "money", Kind.DATE: "date", Kind.INT: "int", Kind.LEVEL: "int",
                   Kind.YEAR: "int", Kind.WEIGHT: "weight"}
_NUMERIC = frozenset(k for k in Kind if k not in (Kind.TEXT, Kind.LONG_TEXT))


# Column widths: the OPD's long texts at 20 to 27, the plan's at 22 and 23, the OPD code at 11, the source file's
# name at 16, DKIS's verification at 10 and 12, numbers at 8 to 10: at 70 % the columns take four A4 page widths,
# No, Indikator and OPD repeated on each (and Aksi).
_WIDTH = {"indicator": 22, "follow_up": 23, "opd": 11, "file": 16, "weight": 8, "achievement": 27, "level_note": 13,
          "verdict_note": 12, "state": 11, "gap": 8, "absorption": 9}


def widths(keys: tuple[str, ...]) -> tuple[float, ...]:
    """The widths of the Monev columns ``keys`` (:attr:`Layout.monev_keys`)."""
    return tuple(_WIDTH.get(k, min(BY_KEY[k].width, 30)) for k in keys)


def repeated(keys: tuple[str, ...]) -> int:
    """The identifying columns, up to OPD (No, Aksi, Indikator, OPD): frozen on screen, on every printed page."""
    return keys.index("opd") + 1


def write_monev(ws, f, cons: Consolidation, layout: Layout) -> None:
    lang = layout.lang
    _header(ws, f, cons, layout)
    base = {"valign": "top", **BORDER}
    fmt = {
        "text": f(text_wrap=True, **base), "num": f(**base), "int": f(align="center", **base),
        "pct": f(num_format="0%", **base), "pct1": f(num_format="0.0%", **base),
        "money": f(num_format="#,##0", **base), "date": f(num_format=date_format(lang), align="center", **base),
        "weight": f(num_format="0.00", **base),
        # DKIS's verification: unlocked (the sheet may be protected), the cells of a claim to verify shaded as input
        "verdict": f(text_wrap=True, locked=False, **base), "claim": f(text_wrap=True, locked=False, bg_color=INPUT,
                                                                        **base),
    }
    state_labels = {k: t(f"state.{k}", lang) for k in (REPORTED, MISSING, REJECTED)}
    _rows(ws, fmt, cons, layout, state_labels)
    _computed(ws, fmt, cons, layout)
    _view(ws, f, cons, layout, state_labels)


def _heading(cons: Consolidation, lang: str) -> tuple[str, str]:
    """The sheet's title and its period line (on screen above the table, on paper at the top of every page)."""
    return (f"{t('wb.title', lang)} - {cons.master.institution}",
            f"{t('wb.period', lang)}: {cons.period_text or '-'}   {t('wb.as_of', lang)}: {date_text(cons.as_of, lang)}")


def _header(ws, f, cons: Consolidation, layout: Layout) -> None:
    lang = layout.lang
    heading, period = _heading(cons, lang)
    title(ws, f, heading, 8)
    ws.write_string(1, 0, period, f(italic=True))
    head = f(**HEAD)
    keys = layout.monev_keys
    for c, (key, width) in enumerate(zip(keys, widths(keys))):
        ws.set_column(c, c, width)
        ws.write_string(MONEV_HEADER, c, column_label(key, lang), head)
    header_row(ws, MONEV_HEADER, [(column_label(k, lang), w) for k, w in zip(keys, widths(keys))], minimum=30,
               filtered=True)


def _rows(ws, fmt: dict, cons: Consolidation, layout: Layout, state_labels: dict) -> None:
    """The plan's columns, the OPD's values and the state of every pair row."""
    lang = layout.lang
    c = {k: i for i, k in enumerate(layout.monev_keys)}
    col_widths = widths(layout.monev_keys)
    c_action = c.get("action")
    num_at, str_at, blank_at, date_at = ws.number_at, ws.string_at, ws.blank_at, ws.date_at
    f_text, f_int, f_pct, f_weight = fmt["text"], fmt["int"], fmt["pct"], fmt["weight"]
    c_no, c_indicator, c_weight, c_baseline, c_target, c_follow_up, c_year, c_opd = (
        c[k] for k in ("no", "indicator", "weight", "baseline_level", "target_level", "follow_up", "target_year",
                       "opd"))
    c_state, c_flag, c_file = c["state"], c["flag"], c["file"]
    opd_cols = [(col.key, c[col.key], col.kind, col_widths[c[col.key]], fmt[_FORMAT_OF_KIND.get(col.kind, "num")])
                for col in OPD_COLUMNS]
    w_indicator, w_follow_up, w_opd, w_file = (col_widths[c[k]] for k in ("indicator", "follow_up", "opd", "file"))
    status_labels = {s: status_label(s, lang) for s in Status}
    flag_labels = {flag: t(f"flag.{flag}", lang) for flag in ("error", "warning", "info")}
    flag_labels[""] = ""
    latest = _Latest(ws, fmt, layout, status_labels)
    r = layout.pairs.first
    for row in cons.rows:
        ind = row.indicator
        values, raw = row.values, row.raw
        num_at(r, c_no, ind.no, f_int)
        if c_action is not None:
            str_at(r, c_action, ind.action, f_int)
        write_text(ws, r, c_indicator, ind.indicator, f_text)
        num_at(r, c_weight, ind.weight, f_weight)
        num_at(r, c_baseline, ind.baseline_level, f_int)
        num_at(r, c_target, ind.target_level, f_int)
        write_text(ws, r, c_follow_up, ind.follow_up, f_text)
        num_at(r, c_year, ind.target_year, f_int)
        str_at(r, c_opd, row.opd, f_text)
        source = Path(row.file).name if row.file else ""
        shown: list[tuple[str, float]] = [(ind.indicator, w_indicator), (ind.follow_up, w_follow_up),
                                          (row.opd, w_opd), (source, w_file)]
        for k, ci, kind, width, f_kind in opd_cols:
            if k in values:
                v = values[k]
                if kind is Kind.STATUS:
                    str_at(r, ci, status_labels[v], f_text)
                    shown.append((status_labels[v], width))
                elif kind is Kind.PERCENT:
                    num_at(r, ci, v / 100.0, f_pct)
                elif kind is Kind.DATE:
                    date_at(r, ci, v, f_kind)
                elif kind in _NUMERIC and isinstance(v, (int, float)):
                    num_at(r, ci, v, f_kind)
                else:
                    write_text(ws, r, ci, str(v), f_text)
                    shown.append((str(v), width))
            elif k in raw:  # did not parse: kept as written, as text
                text = as_text(raw[k])
                write_text(ws, r, ci, text, f_text)
                shown.append((text, width))
            else:
                blank_at(r, ci, None, f_text)
        shown += latest.write(r, row)
        str_at(r, c_state, state_labels[row.state], f_text)
        str_at(r, c_flag, flag_labels[row.flag], f_text)
        write_text(ws, r, c_file, source, f_text)
        ws.set_row(r, row_height(shown, 10, minimum=15))
        r += 1


class _Latest:
    """The latest state of the year on a pair row: its status, progress, the period it was reported in, and why
    a Selesai is not supported (blank cells for a pair never reported in the year)."""

    def __init__(self, ws, fmt: dict, layout: Layout, status_labels: dict) -> None:
        keys = layout.monev_keys
        self.ws, self.fmt, self.status_labels = ws, fmt, status_labels
        self.cols = tuple(keys.index(k) for k in ("latest_status", "latest_progress", "latest_period", "latest_note"))
        self.widths = tuple(widths(keys)[c] for c in self.cols)
        self.notes = {reason: t(reason, layout.lang) for reason in (Reason.DONE_NO_EVIDENCE, Reason.DONE_EVIDENCE_VAGUE,
                                                                  Reason.DONE_ROW_ERROR)}

    def write(self, r: int, row) -> list[tuple[str, float]]:
        """Write row ``r``'s cells; the texts written, with their column widths (for the row's height)."""
        ws, f_text, f_pct = self.ws, self.fmt["text"], self.fmt["pct"]
        c_status, c_progress, c_period, c_note = self.cols
        state = row.latest
        if state is None:
            for c in self.cols:
                ws.blank_at(r, c, None, f_pct if c == c_progress else f_text)
            return []
        texts = (self.status_labels[state.status] if state.status is not None else "", state.period,
                 self.notes[state.note] if state.note is not None else "")
        for c, text in zip((c_status, c_period, c_note), texts):
            if text:
                ws.string_at(r, c, text, f_text)
            else:
                ws.blank_at(r, c, None, f_text)
        if state.progress is not None:
            ws.number_at(r, c_progress, state.progress / 100.0, f_pct)
        else:
            ws.blank_at(r, c_progress, None, f_pct)
        return [(text, width) for text, width in zip(texts, (self.widths[0], self.widths[2], self.widths[3]))
                if text]


def _computed(ws, fmt: dict, cons: Consolidation, layout: Layout) -> None:
    """The previous period's progress and the computed columns of every pair
    row, live formulas over the row (the change only when there is a previous period); DKIS's verification."""
    num_at, blank_at, formula_at, str_at = ws.number_at, ws.blank_at, ws.formula_at, ws.string_at
    f_int, f_pct, f_text = fmt["int"], fmt["pct"], fmt["text"]
    c_previous, c_counted, c_change, c_level, c_note, c_verified, c_gap, c_absorption = (
        layout.monev_keys.index(k) for k in ("previous_progress", "previous_counted", "progress_change", "level_used",
                                             "level_note", "level_verified", "gap", "absorption"))
    change_f, level_f, verified_f, gap_f, absorption_f = monev_formulas(
        layout.monev_cell, verdict_label(Verdict.VERIFIED, layout.lang)).values()
    verdicts = _Verdicts(ws, fmt, layout)
    notes = {reason: t(reason, layout.lang) for reason in (Reason.LEVEL_NO_EVIDENCE, Reason.LEVEL_EVIDENCE_VAGUE,
                                                      Reason.LEVEL_ROW_ERROR)}
    with_previous = bool(cons.previous)
    r = layout.pairs.first
    for row in cons.rows:
        if row.previous_progress is not None:
            num_at(r, c_previous, row.previous_progress / 100.0, f_pct)
        else:
            blank_at(r, c_previous, None, f_pct)
        if row.previous_counted is not None:
            num_at(r, c_counted, row.previous_counted, f_int)
        else:
            blank_at(r, c_counted, None, f_int)
        if row.level_note is not None:
            str_at(r, c_note, notes[row.level_note], f_text)
        else:
            blank_at(r, c_note, None, f_text)
        change, level, verified, gap, absorption = monev_values(row)
        x = str(r + 1)  # the row's number in A1 references
        if with_previous:
            formula_at(r, c_change, x.join(change_f), f_pct, change)
        else:
            blank_at(r, c_change, None, f_pct)
        formula_at(r, c_level, x.join(level_f), f_int, level)
        verdicts.write(r, row)
        formula_at(r, c_verified, x.join(verified_f), f_int, verified)
        formula_at(r, c_gap, x.join(gap_f), f_int, gap)
        formula_at(r, c_absorption, x.join(absorption_f), f_pct, absorption)
        r += 1


class _Verdicts:
    """DKIS's verification on a pair row: the verdict that holds (a dropdown of the two, for DKIS to fill in) and its
    note, in unlocked cells, those of a claim shaded as input."""

    def __init__(self, ws, fmt: dict, layout: Layout) -> None:
        keys = layout.monev_keys
        self.ws, self.fmt = ws, fmt
        self.cols = keys.index("verdict"), keys.index("verdict_note")
        self.labels = {v: verdict_label(v, layout.lang) for v in Verdict}

    def write(self, r: int, row) -> None:
        f_cell = self.fmt["claim"] if row.claim else self.fmt["verdict"]
        c_verdict, c_note = self.cols
        if row.verdict is not None:
            self.ws.string_at(r, c_verdict, self.labels[row.verdict], f_cell)
        else:
            self.ws.blank_at(r, c_verdict, None, f_cell)
        if row.verdict_note:
            write_text(self.ws, r, c_note, row.verdict_note, f_cell)
        else:
            self.ws.blank_at(r, c_note, None, f_cell)


def verdict_validation(lang: str) -> dict:
    """The dropdown of the Verifikasi column: Sesuai or Perlu perbaikan, and what each does."""
    return {"validate": "list", "source": [verdict_label(v, lang) for v in Verdict],
            "input_title": t("wb.verify.title", lang), "input_message": t("wb.verify.hint", lang),
            "error_title": t("validation.error.title", lang), "error_message": t("wb.verify.error", lang)}


def _view(ws, f, cons: Consolidation, layout: Layout, state_labels: dict) -> None:
    """Filter, frozen panes, the colours of statuses, unreported rows, flags and overspending; print set-up."""
    lang, first, last, keys = layout.lang, layout.pairs.first, layout.pairs.last, layout.monev_keys
    last_col = len(keys) - 1
    ws.autofilter(MONEV_HEADER, 0, last, last_col)
    ws.freeze_panes(first, repeated(keys))

    def column(key: str) -> tuple[int, int, int, int]:
        c = keys.index(key)
        return first, c, last, c

    for key, color in ((Status.DONE, GREEN), (Status.IN_PROGRESS, YELLOW), (Status.NOT_STARTED, GREY),
                       (Status.CANNOT, ORANGE)):
        for status_column in ("status", "latest_status"):
            ws.conditional_format(*column(status_column), {"type": "cell", "criteria": "==",
                                                           "value": f'"{status_label(key, lang)}"',
                                                           "format": f(bg_color=color)})
    ws.conditional_format(*column("progress"), DATA_BAR)
    validation(ws, *column("verdict"), verdict_validation(lang))
    for verdict, color in ((Verdict.VERIFIED, GREEN), (Verdict.NEEDS_CORRECTION, AMBER)):
        ws.conditional_format(*column("verdict"), {"type": "cell", "criteria": "==",
                                                   "value": f'"{verdict_label(verdict, lang)}"',
                                                   "format": f(bg_color=color)})
    state_ref = xl_rowcol_to_cell(first, keys.index("state"), col_abs=True)
    for state in (MISSING, REJECTED):
        ws.conditional_format(first, 0, last, last_col, {
            "type": "formula", "criteria": f'={state_ref}="{state_labels[state]}"', "format": f(bg_color=RED)})
    ws.conditional_format(*column("flag"), {"type": "cell", "criteria": "==", "value": f'"{t("flag.error", lang)}"',
                                            "format": f(bg_color=RED, bold=True)})
    ws.conditional_format(*column("flag"), {"type": "cell", "criteria": "==",
                                            "value": f'"{t("flag.warning", lang)}"', "format": f(bg_color=AMBER)})
    ws.conditional_format(*column("absorption"), {"type": "cell", "criteria": ">", "value": 1,
                                                  "format": f(font_color="#C00000", bold=True)})
    print_setup(ws, (MONEV_HEADER, MONEV_HEADER), lang, layout.names["monev"], widths(keys), repeat=repeated(keys),
                heading=_heading(cons, lang), last_row=max(last, MONEV_HEADER))
