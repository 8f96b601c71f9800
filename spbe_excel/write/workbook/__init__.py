"""The consolidated workbook finance staff open.

Sheets: Ringkasan (key figures, a table per OPD, charts), Monev (one row per
indicator and OPD), Indeks (per indicator, aspect, domain and overall),
Kelengkapan (OPD x indicator), Temuan (every finding, linked to its row),
Sumber (every file seen), Master (the master list used) and a very hidden
metadata sheet that lets ``--previous`` recognise the file.

Every figure that can be a formula is one, over the Monev sheet, written
with the value computed in Python as its cached result: readers that do not
recalculate see numbers, and Excel or LibreOffice stay live when a cell is
edited.  Only functions Excel 2010 and LibreOffice both compute are used
(COUNTIF(S), SUMIF(S), AVERAGEIFS, SUMPRODUCT, LOOKUP, IFERROR, an array MIN(IF())
for indicators shared by several OPDs).  Text from submissions is always
written as text.  Every sheet prints on A4 landscape, fit to width, with its
header rows repeated.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from spbe_excel.io import Formats, atomic_output, row_height, write_text
from spbe_excel.io.fastxlsx import new_workbook
from spbe_excel.master.index import predicate
from spbe_excel.merge import MISSING, REJECTED, REPORTED, Consolidation
from spbe_excel.model.columns import (
    BY_KEY,
    META_SHEET,
    OPD_COLUMNS,
    WORKBOOK_FORMAT,
    WORKBOOK_VERSION,
    Kind,
    status_label,
)
from spbe_excel.model.findings import Severity
from spbe_excel.model.levels import PREDICATES
from spbe_excel.model.values import as_text
from spbe_excel.model.vocab import Status
from spbe_excel.perf import gc_paused
from spbe_excel.text import check_lang, pick, t

MONEV_KEYS = ("no", "indicator", "weight", "baseline_level", "target_level", "follow_up",
              "target_year", "opd", *(c.key for c in OPD_COLUMNS), "previous_progress", "progress_change",
              "level_used", "gap", "absorption", "state", "flag", "file")
MONEV_HEADER = 3  # 0-based row of the Monev header
MATRIX_MAX_INDICATORS = 200  # above this the completeness matrix is written as a list
MAX_LINKS = 65000  # Excel's limit is 65,530 hyperlinks per sheet

GREEN, YELLOW, GREY, ORANGE, RED, AMBER = "#C6EFCE", "#FFEB9C", "#E7E6E6", "#F8CBAD", "#FFC7CE", "#FFE699"
HEAD = {"bold": True, "bg_color": "#BFBFBF", "border": 1, "text_wrap": True, "valign": "vcenter", "align": "center"}
BORDER = {"border": 1, "border_color": "#A6A6A6"}


def _xl():
    from xlsxwriter import utility

    return utility


class _Sheets:
    """Names, ranges and cell references shared between sheets."""

    def __init__(self, cons: Consolidation, lang: str):
        u = _xl()
        self.u = u
        self.lang = lang
        self.names = {k: t(f"wb.sheet.{k}", lang) for k in ("summary", "monev", "index", "matrix", "findings",
                                                            "sources", "master")}
        self.col = {k: i for i, k in enumerate(MONEV_KEYS)}
        self.first = MONEV_HEADER + 1
        self.last = MONEV_HEADER + len(cons.rows)

    def q(self, sheet: str) -> str:
        return self.u.quote_sheetname(self.names[sheet])

    def monev_range(self, key: str) -> str:
        c = self.col[key]
        return f"{self.q('monev')}!{self.u.xl_range_abs(self.first, c, self.last, c)}"


def write_consolidated(cons: Consolidation, path: str | Path, *, lang: str = "id", inputs=None) -> Path:
    """Write the consolidated workbook atomically.  The same consolidation
    gives the same bytes (fixed document date: the as-of date)."""
    lang = check_lang(lang)
    with atomic_output(path, lang, inputs) as tmp, gc_paused():
        wb = new_workbook(tmp, dt.datetime(cons.as_of.year, cons.as_of.month, cons.as_of.day))
        f = Formats(wb, {"font_name": "Calibri", "font_size": 10})
        s = _Sheets(cons, lang)
        sheets = {k: wb.add_worksheet(s.names[k]) for k in s.names}
        positions: dict = {}
        _monev(sheets["monev"], f, cons, s, positions)
        _findings(sheets["findings"], f, cons, s, positions)
        _index(sheets["index"], f, cons, s, positions)
        _summary(wb, sheets["summary"], f, cons, s, positions)
        _matrix(sheets["matrix"], f, cons, s)
        _sources(sheets["sources"], f, cons, s, positions)
        _master(sheets["master"], f, cons, lang)
        _meta(wb, cons, s, lang)
        sheets["summary"].activate()
        wb.close()
    return Path(path)


def _print(ws, header_rows: tuple[int, int], lang: str, title: str) -> None:
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(*header_rows)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer(f"&L{title.replace('&', '&&')[:100]}&R{t('wb.footer', lang)}")


def _title(ws, f, text: str, width: int) -> None:
    ws.merge_range(0, 0, 0, max(1, width - 1), text, f(bold=True, font_size=13, valign="vcenter"))
    ws.set_row(0, 22)


# ---- Monev ----------------------------------------------------------------------------------------------

def _monev(ws, f, cons: Consolidation, s: _Sheets, positions: dict) -> None:
    lang = s.lang
    cols = [BY_KEY[k] for k in MONEV_KEYS]
    _title(ws, f, f"{t('wb.title', lang)} - {cons.master.institution}", 8)
    ws.write_string(1, 0, f"{t('wb.period', lang)}: {cons.period or '-'}   {t('wb.as_of', lang)}: "
                          f"{cons.as_of.strftime('%d/%m/%Y')}", f(italic=True))
    for c, col in enumerate(cols):
        ws.set_column(c, c, min(col.width, 30) if col.key not in ("indicator", "follow_up") else 28)
        ws.write_string(MONEV_HEADER, c, col.label(lang), f(**HEAD))
    ws.set_row(MONEV_HEADER, 40)
    base = {"valign": "top", **BORDER}
    fmt = {
        "text": f(text_wrap=True, **base), "num": f(**base), "int": f(align="center", **base),
        "pct": f(num_format="0%", **base), "pct1": f(num_format="0.0%", **base),
        "money": f(num_format="#,##0", **base), "date": f(num_format="dd/mm/yyyy", align="center", **base),
        "weight": f(num_format="0.00", **base),
    }
    by_kind = {Kind.PERCENT: "pct", Kind.MONEY: "money", Kind.DATE: "date", Kind.INT: "int", Kind.LEVEL: "int",
               Kind.YEAR: "int", Kind.WEIGHT: "weight"}
    c = s.col
    state_labels = {k: t(f"state.{k}", lang) for k in (REPORTED, MISSING, REJECTED)}
    rows_at = positions.setdefault("monev_rows", {})
    # the long loop: cell writers and column letters bound once
    num_at, str_at, blank_at, formula_at = ws.number_at, ws.string_at, ws.blank_at, ws.formula_at
    letter = {k: s.u.xl_col_to_name(i) for k, i in c.items()}
    f_text, f_int, f_pct = fmt["text"], fmt["int"], fmt["pct"]
    opd_cols = [(col.key, c[col.key], col.kind, min(col.width, 30), fmt[by_kind.get(col.kind, "num")])
                for col in OPD_COLUMNS]
    numeric_kinds = {k for k in Kind if k not in (Kind.TEXT, Kind.LONG_TEXT)}
    status_labels = {}
    flag_labels = {flag: t(f"flag.{flag}", lang) for flag in ("error", "warning", "info")}
    with_previous = bool(cons.previous)
    for n, row in enumerate(cons.rows):
        r = s.first + n
        x = r + 1  # the row's number in A1 references
        rows_at[(row.no, row.opd)] = r
        ind = row.indicator
        values, raw = row.values, row.raw
        num_at(r, c["no"], ind.no, f_int)
        write_text(ws, r, c["indicator"], ind.indicator, f_text)
        num_at(r, c["weight"], ind.weight, fmt["weight"])
        num_at(r, c["baseline_level"], ind.baseline_level, f_int)
        num_at(r, c["target_level"], ind.target_level, f_int)
        write_text(ws, r, c["follow_up"], ind.follow_up, f_text)
        num_at(r, c["target_year"], ind.target_year, f_int)
        str_at(r, c["opd"], row.opd, f_text)
        shown = [(ind.indicator, 28), (ind.follow_up, 28)]
        for k, ci, kind, width, f_kind in opd_cols:
            if k in values:
                v = values[k]
                if kind is Kind.STATUS:
                    if v not in status_labels:
                        status_labels[v] = status_label(v, lang)
                    str_at(r, ci, status_labels[v], f_text)
                elif kind is Kind.PERCENT:
                    num_at(r, ci, v / 100.0, f_pct)
                elif kind is Kind.DATE:
                    ws.date_at(r, ci, v, f_kind)
                elif kind in numeric_kinds and isinstance(v, (int, float)):
                    num_at(r, ci, v, f_kind)
                else:
                    write_text(ws, r, ci, str(v), f_text)
                    shown.append((str(v), width))
            elif k in raw:  # did not parse: kept as written, as text
                write_text(ws, r, ci, as_text(raw[k]), f_text)
            else:
                blank_at(r, ci, None, f_text)
        if row.previous_progress is not None:
            num_at(r, c["previous_progress"], row.previous_progress / 100.0, f_pct)
        else:
            blank_at(r, c["previous_progress"], None, f_pct)
        if with_previous:  # the change from last period, live, when there is a last period
            prog, prev = f"{letter['progress']}{x}", f"{letter['previous_progress']}{x}"
            change = row.progress_change
            formula_at(r, c["progress_change"], f'IF(AND(ISNUMBER({prog}),ISNUMBER({prev})),{prog}-{prev},"")',
                       f_pct, (values["progress"] / 100.0 - row.previous_progress / 100.0)
                       if change is not None else "")
        else:
            blank_at(r, c["progress_change"], None, f_pct)
        cur, base = f"{letter['current_level']}{x}", f"{letter['baseline_level']}{x}"
        level = row.level_used if isinstance(values.get("current_level"), int) else ind.baseline_level
        formula_at(r, c["level_used"], f"IF(ISNUMBER({cur}),{cur},{base})", f_int, level)
        formula_at(r, c["gap"], f"{letter['target_level']}{x}-{letter['level_used']}{x}", f_int,
                   ind.target_level - level)
        bud, spent = f"{letter['budget']}{x}", f"{letter['spent']}{x}"
        b, sp = values.get("budget"), values.get("spent")
        absorption = (sp / b) if (b is not None and sp is not None and b > 0) else ""
        formula_at(r, c["absorption"], f'IF(AND(ISNUMBER({bud}),ISNUMBER({spent})),IF({bud}>0,{spent}/{bud},""),"")',
                   f_pct, absorption)
        str_at(r, c["state"], state_labels[row.state], f_text)
        str_at(r, c["flag"], flag_labels[row.flag] if row.flag else "", f_text)
        write_text(ws, r, c["file"], Path(row.file).name if row.file else "", f_text)
        ws.set_row(r, row_height(shown, 10, minimum=15))
    last_col = len(cols) - 1
    first, last = s.first, s.last
    ws.autofilter(MONEV_HEADER, 0, last, last_col)
    ws.freeze_panes(first, 2)
    u = s.u
    status_col = u.xl_range(first, c["status"], last, c["status"])
    for key, color in ((Status.DONE, GREEN), (Status.IN_PROGRESS, YELLOW), (Status.NOT_STARTED, GREY), (Status.CANNOT, ORANGE)):
        ws.conditional_format(status_col, {"type": "cell", "criteria": "==", "value": f'"{status_label(key, lang)}"',
                                           "format": f(bg_color=color)})
    ws.conditional_format(u.xl_range(first, c["progress"], last, c["progress"]),
                          {"type": "data_bar", "bar_color": "#5B9BD5", "min_type": "num", "min_value": 0,
                           "max_type": "num", "max_value": 1, "bar_solid": True})
    state_ref = u.xl_rowcol_to_cell(first, c["state"], col_abs=True)
    for state in (MISSING, REJECTED):
        ws.conditional_format(first, 0, last, last_col, {
            "type": "formula", "criteria": f'={state_ref}="{state_labels[state]}"', "format": f(bg_color=RED)})
    flag_col = u.xl_range(first, c["flag"], last, c["flag"])
    ws.conditional_format(flag_col, {"type": "cell", "criteria": "==", "value": f'"{t("flag.error", lang)}"',
                                     "format": f(bg_color=RED, bold=True)})
    ws.conditional_format(flag_col, {"type": "cell", "criteria": "==", "value": f'"{t("flag.warning", lang)}"',
                                     "format": f(bg_color=AMBER)})
    ws.conditional_format(u.xl_range(first, c["absorption"], last, c["absorption"]),
                          {"type": "cell", "criteria": ">", "value": 1, "format": f(font_color="#C00000", bold=True)})
    _print(ws, (MONEV_HEADER, MONEV_HEADER), lang, s.names["monev"])


# ---- Temuan --------------------------------------------------------------------------------------------

FINDING_COLS = ("no", "severity", "code", "opd", "indicator", "file", "cell", "value", "message", "link")
FINDINGS_HEADER = 2


def _findings(ws, f, cons: Consolidation, s: _Sheets, positions: dict) -> None:
    lang = s.lang
    _title(ws, f, t("wb.sheet.findings", lang).upper(), 6)
    widths = (5, 11, 24, 11, 9, 26, 10, 24, 70, 10)
    for c, (key, w) in enumerate(zip(FINDING_COLS, widths)):
        ws.set_column(c, c, w)
        ws.write_string(FINDINGS_HEADER, c, t(f"wb.f.{key}", lang), f(**HEAD))
    text = f(text_wrap=True, valign="top", **BORDER)
    num = f(valign="top", align="center", **BORDER)
    link = f(font_color="#0563C1", underline=1, valign="top", **BORDER)
    sev_fmt = {sv.value: f(bg_color=col, valign="top", **BORDER) for sv, col in
               ((Severity.ERROR, RED), (Severity.WARNING, AMBER), (Severity.INFO, "#DDEBF7"))}
    monev_rows = positions["monev_rows"]
    src_rows = positions.setdefault("source_rows", {s_.submission.path: i for i, s_ in enumerate(cons.sources)})
    links = 0
    first = FINDINGS_HEADER + 1
    for n, x in enumerate(cons.findings):
        r = first + n
        ws.write_number(r, 0, n + 1, num)
        ws.write_string(r, 1, x.severity.label(lang), sev_fmt[x.severity.value])
        ws.write_string(r, 2, x.code, text)
        ws.write_string(r, 3, x.opd, text)
        if x.indicator is not None:
            ws.write_number(r, 4, x.indicator, num)
        else:
            ws.write_blank(r, 4, None, num)
        write_text(ws, r, 5, Path(x.file).name if x.file else "", text)
        write_text(ws, r, 6, x.where, text)
        write_text(ws, r, 7, x.value, text)
        message = x.message(lang)
        write_text(ws, r, 8, message, text)
        target = None
        if (x.indicator, x.opd) in monev_rows:
            target = f"{s.q('monev')}!A{monev_rows[(x.indicator, x.opd)] + 1}"
        elif x.file in src_rows:
            target = f"{s.q('sources')}!A{SOURCES_HEADER + 2 + src_rows[x.file]}"
        if target and links < MAX_LINKS:
            ws.write_url(r, 9, f"internal:{target}", link, target.split("!")[-1] if "!" in target else target)
            links += 1
        else:
            ws.write_blank(r, 9, None, text)
        ws.set_row(r, row_height([(message, 70), (x.value, 24)]))
    last = FINDINGS_HEADER + max(1, len(cons.findings))
    positions["findings_range"] = (first, last)
    ws.autofilter(FINDINGS_HEADER, 0, last, len(FINDING_COLS) - 1)
    ws.freeze_panes(first, 0)
    _print(ws, (FINDINGS_HEADER, FINDINGS_HEADER), lang, s.names["findings"])


def _findings_range(s: _Sheets, positions, col: int) -> str:
    first, last = positions["findings_range"]
    return f"{s.q('findings')}!{s.u.xl_range_abs(first, col, last, col)}"


# ---- Indeks ---------------------------------------------------------------------------------------------

def _index(ws, f, cons: Consolidation, s: _Sheets, positions: dict) -> None:
    lang = s.lang
    u = s.u
    master = cons.master
    _title(ws, f, t("wb.sheet.index", lang).upper(), 8)
    ws.merge_range(1, 0, 1, 7, t("wb.idx.note", lang), f(italic=True, text_wrap=True, valign="top"))
    ws.set_row(1, 30)
    for c, w in enumerate((6, 40, 24, 30, 10, 10, 12, 16, 16)):
        ws.set_column(c, c, w)
    head = f(**HEAD)
    text = f(text_wrap=True, valign="top", **BORDER)
    num = f(valign="top", align="center", **BORDER)
    dec = f(valign="top", num_format="0.00", **BORDER)
    dec4 = f(valign="top", num_format="0.0000", **BORDER)

    # predicate table (ascending, for LOOKUP)
    pr = 3
    ws.write_string(pr, 6, t("wb.idx.predicates", lang), f(bold=True))
    ws.write_string(pr + 1, 6, t("wb.idx.low", lang), head)
    ws.write_string(pr + 1, 7, t("wb.kf.predicate", lang), head)
    preds = sorted(PREDICATES)
    for n, (low, names) in enumerate(preds):
        ws.write_number(pr + 2 + n, 6, low, dec)
        ws.write_string(pr + 2 + n, 7, pick(names, lang), text)
    low_rng = f"{u.xl_range_abs(pr + 2, 6, pr + 1 + len(preds), 6)}"
    name_rng = f"{u.xl_range_abs(pr + 2, 7, pr + 1 + len(preds), 7)}"

    def lookup(ref: str) -> str:
        return f"=LOOKUP(ROUND({ref},2),{low_rng},{name_rng})"

    # overall
    r = 3
    ws.write_string(r, 0, t("wb.idx.overall", lang), f(bold=True))
    for c, key in enumerate(("wb.idx.weight", "wb.idx.baseline", "wb.idx.estimate", "wb.idx.pred_base",
                             "wb.idx.pred_est")):
        ws.write_string(r + 1, c, t(key, lang), head)
    overall_row = r + 2

    # indicator table
    ir = overall_row + 3 + max(0, len(preds) - 2)
    ws.write_string(ir, 0, t("wb.idx.indicators", lang), f(bold=True))
    for c, key in enumerate(("wb.idx.no", "wb.idx.name", "wb.idx.domain", "wb.idx.name", "wb.idx.weight",
                             "wb.idx.baseline", "wb.idx.estimate")):
        label = t(key, lang) if c != 3 else BY_KEY["aspect"].label(lang)
        ws.write_string(ir + 1, c, label, head)
    first = ir + 2
    inds = master.indicators
    last = first + len(inds) - 1
    no_rng, lvl_rng = s.monev_range("no"), s.monev_range("level_used")
    pairs_per_no: dict[int, int] = {}
    for row in cons.rows:
        pairs_per_no[row.no] = pairs_per_no.get(row.no, 0) + 1
    for n, ind in enumerate(inds):
        r = first + n
        ws.write_number(r, 0, ind.no, num)
        write_text(ws, r, 1, ind.indicator, text)
        write_text(ws, r, 2, ind.domain, text)
        write_text(ws, r, 3, ind.aspect, text)
        ws.write_number(r, 4, ind.weight, dec4)
        ws.write_number(r, 5, ind.baseline_level, num)
        est = cons.index.levels[ind.no]
        a = u.xl_rowcol_to_cell(r, 0)
        if pairs_per_no.get(ind.no, 0) > 1:  # shared by several OPDs: the lowest level
            ws.write_array_formula(r, 6, r, 6, f"{{=MIN(IF({no_rng}={a},{lvl_rng}))}}", num, est)
        else:
            ws.write_formula(r, 6, f"=SUMIFS({lvl_rng},{no_rng},{a})", num, est)
    w_rng = u.xl_range_abs(first, 4, last, 4)
    b_rng = u.xl_range_abs(first, 5, last, 5)
    e_rng = u.xl_range_abs(first, 6, last, 6)
    d_rng = u.xl_range_abs(first, 2, last, 2)
    a_rng = u.xl_range_abs(first, 3, last, 3)

    # overall row
    ov = cons.index.overall
    ws.write_formula(overall_row, 0, f"=SUM({w_rng})", dec, sum(i.weight for i in inds))
    ws.write_formula(overall_row, 1, f"=SUMPRODUCT({w_rng},{b_rng})/100", dec, ov.baseline)
    ws.write_formula(overall_row, 2, f"=SUMPRODUCT({w_rng},{e_rng})/100", dec, ov.estimate)
    ws.write_formula(overall_row, 3, lookup(u.xl_rowcol_to_cell(overall_row, 1)), text, predicate(ov.baseline, lang))
    ws.write_formula(overall_row, 4, lookup(u.xl_rowcol_to_cell(overall_row, 2)), text, predicate(ov.estimate, lang))
    positions["index_overall"] = overall_row

    # aspect and domain tables, below the indicators
    def part_table(top: int, title_key: str, parts, key_rng: str) -> tuple[int, int]:
        ws.write_string(top, 0, t(title_key, lang), f(bold=True))
        for c, key in enumerate(("wb.idx.no", "wb.idx.name", "wb.idx.weight", "wb.idx.baseline", "wb.idx.estimate",
                                 "wb.idx.pred_base", "wb.idx.pred_est")):
            ws.write_string(top + 1, c, t(key, lang), head)
        for n, p in enumerate(parts):
            r = top + 2 + n
            name = u.xl_rowcol_to_cell(r, 1)
            wt = u.xl_rowcol_to_cell(r, 2)
            ws.write_number(r, 0, p.number, num)
            write_text(ws, r, 1, p.name, text)
            ws.write_formula(r, 2, f"=SUMIF({key_rng},{name},{w_rng})", dec, p.weight)
            ws.write_formula(r, 3, f"=SUMPRODUCT(({key_rng}={name})*{w_rng}*{b_rng})/{wt}", dec, p.baseline)
            ws.write_formula(r, 4, f"=SUMPRODUCT(({key_rng}={name})*{w_rng}*{e_rng})/{wt}", dec, p.estimate)
            ws.write_formula(r, 5, lookup(u.xl_rowcol_to_cell(r, 3)), text, predicate(p.baseline, lang))
            ws.write_formula(r, 6, lookup(u.xl_rowcol_to_cell(r, 4)), text, predicate(p.estimate, lang))
        return top + 2, top + 1 + len(parts)

    asp = part_table(last + 3, "wb.idx.aspects", cons.index.aspects, a_rng)
    dom = part_table(asp[1] + 3, "wb.idx.domains", cons.index.domains, d_rng)
    positions["index_aspects"] = asp
    positions["index_domains"] = dom
    ws.freeze_panes(3, 0)
    _print(ws, (ir + 1, ir + 1), lang, s.names["index"])


# ---- Ringkasan -------------------------------------------------------------------------------------------

def _summary(wb, ws, f, cons: Consolidation, s: _Sheets, positions: dict) -> None:
    lang = s.lang
    u = s.u
    summ = cons.summary()
    _title(ws, f, f"{t('wb.title', lang)} - {cons.master.institution}", 11)
    for c, w in enumerate((34, 18, 12, 11, 11, 12, 16, 16, 11, 9, 11)):
        ws.set_column(c, c, w)
    label = f(bold=True, valign="top")
    val = f(valign="top", align="left")
    info = [
        (t("wb.period", lang), cons.period or "-"),
        (t("wb.as_of", lang), cons.as_of.strftime("%d/%m/%Y")),
        (t("wb.files", lang), t("wb.files.value", lang, files=summ["files"], used=summ["files_used"],
                                rejected=summ["files_rejected"], skipped=summ["files_skipped"],
                                duplicate=summ["files_duplicate"])),
        (t("wb.fingerprint", lang), cons.master.fingerprint),
    ]
    for r, (k, v) in enumerate(info, 2):
        ws.write_string(r, 0, k, label)
        write_text(ws, r, 1, v, val)

    # key figures
    kr = 7
    ws.write_string(kr, 0, t("wb.key_figures", lang), f(bold=True, font_size=11))
    num = f(num_format="#,##0", align="right", **BORDER)
    pct = f(num_format="0.0%", align="right", **BORDER)
    dec = f(num_format="0.00", align="right", **BORDER)
    txt = f(align="left", **BORDER)
    key = f(bold=True, **BORDER)
    rep, done_label = t("state.reported", lang), status_label(Status.DONE, lang)
    sev = {sv: Severity(sv).label(lang) for sv in ("error", "warning")}
    opd_first = kr + 17
    opd_last = opd_first + len(cons.opds_expected) - 1
    reported_col = u.xl_range_abs(opd_first, 3, opd_last, 3)
    ix = positions["index_overall"]
    q_idx = s.q("index")
    sev_rng = _findings_range(s, positions, 1)
    mean = summ["mean_progress"]
    base_ref = f"{q_idx}!{u.xl_rowcol_to_cell(ix, 1, row_abs=True, col_abs=True)}"
    est_ref = f"{q_idx}!{u.xl_rowcol_to_cell(ix, 2, row_abs=True, col_abs=True)}"
    figures = [
        ("wb.kf.opds", f'=COUNTIF({reported_col},">0")', summ["opds_reported"], num),
        ("wb.kf.opds_expected", f"=ROWS({reported_col})", summ["opds_expected"], num),
        ("wb.kf.rate", f'=COUNTIF({s.monev_range("state")},"{rep}")/COUNTA({s.monev_range("no")})',
         summ["reporting_rate"], pct),
        ("wb.kf.done", f'=COUNTIF({s.monev_range("status")},"{done_label}")', summ["done"], num),
        ("wb.kf.progress", f'=IF(COUNT({s.monev_range("progress")})=0,"",AVERAGE({s.monev_range("progress")}))',
         _mean_fraction(cons) if mean is not None else "", pct),
        ("wb.kf.budget", f"=SUM({s.monev_range('budget')})", summ["budget"], num),
        ("wb.kf.spent", f"=SUM({s.monev_range('spent')})", summ["spent"], num),
        ("wb.kf.absorption", None, summ["absorption"] if summ["absorption"] is not None else "", pct),
        ("wb.kf.index_base", f"={base_ref}", cons.index.overall.baseline, dec),
        ("wb.kf.index_est", f"={est_ref}", cons.index.overall.estimate, dec),
        ("wb.kf.errors", f'=COUNTIF({sev_rng},"{sev["error"]}")', summ["findings"]["error"], num),
        ("wb.kf.warnings", f'=COUNTIF({sev_rng},"{sev["warning"]}")', summ["findings"]["warning"], num),
    ]
    rows = {}
    for n, (k, formula, cached, fmt) in enumerate(figures):
        r = kr + 1 + n
        rows[k] = r
        ws.write_string(r, 0, t(k, lang), key)
        if k == "wb.kf.absorption":
            b, sp = u.xl_rowcol_to_cell(rows["wb.kf.budget"], 1), u.xl_rowcol_to_cell(rows["wb.kf.spent"], 1)
            formula = f'=IF({b}>0,{sp}/{b},"")'
        ws.write_formula(r, 1, formula, fmt, cached)
    for k, ref in (("wb.kf.index_base", 3), ("wb.kf.index_est", 4)):
        r = rows[k]
        value = cons.index.overall.baseline if ref == 3 else cons.index.overall.estimate
        ws.write_formula(r, 2, f"={q_idx}!{u.xl_rowcol_to_cell(ix, ref, row_abs=True, col_abs=True)}", txt,
                         predicate(value, lang))

    # per OPD
    hr = opd_first - 1
    ws.write_string(hr - 1, 0, t("wb.per_opd", lang), f(bold=True, font_size=11))
    heads = ("wb.opd.code", "wb.opd.name", "wb.opd.pairs", "wb.opd.reported", "wb.opd.done", "wb.opd.progress",
             "wb.opd.budget", "wb.opd.spent", "wb.opd.absorption", "wb.opd.errors", "wb.opd.warnings")
    for c, h in enumerate(heads):
        ws.write_string(hr, c, t(h, lang), f(**HEAD))
    opd_rng, state_rng, status_rng = s.monev_range("opd"), s.monev_range("state"), s.monev_range("status")
    prog_rng, bud_rng, sp_rng = s.monev_range("progress"), s.monev_range("budget"), s.monev_range("spent")
    f_opd, f_sev = _findings_range(s, positions, 3), sev_rng
    text = f(text_wrap=True, valign="top", **BORDER)
    rows_of: dict[str, list] = {}
    for x in cons.rows:
        rows_of.setdefault(x.opd, []).append(x)
    severities: dict[tuple[str, Severity], int] = {}
    for x in cons.findings:
        severities[(x.opd, x.severity)] = severities.get((x.opd, x.severity), 0) + 1
    for n, code in enumerate(cons.opds_expected):
        r = opd_first + n
        a = u.xl_rowcol_to_cell(r, 0)
        mine = rows_of.get(code, [])
        prog = [x.values["progress"] / 100.0 for x in mine if "progress" in x.values]
        bud = sum(x.values.get("budget") or 0 for x in mine)
        spent = sum(x.values.get("spent") or 0 for x in mine)
        errs = severities.get((code, Severity.ERROR), 0)
        warns = severities.get((code, Severity.WARNING), 0)
        ws.write_string(r, 0, code, text)
        name = cons.master.registry.get(code).name if code in cons.master.registry else code
        write_text(ws, r, 1, name, text)
        ws.set_row(r, row_height([(name, 18)]))
        ws.write_formula(r, 2, f"=COUNTIF({opd_rng},{a})", num, len(mine))
        ws.write_formula(r, 3, f'=COUNTIFS({opd_rng},{a},{state_rng},"{rep}")', num,
                         sum(1 for x in mine if x.state == REPORTED))
        ws.write_formula(r, 4, f'=COUNTIFS({opd_rng},{a},{status_rng},"{done_label}")', num,
                         sum(1 for x in mine if x.values.get("status") == Status.DONE))
        ws.write_formula(r, 5, f'=IFERROR(AVERAGEIFS({prog_rng},{opd_rng},{a}),"")', pct,
                         sum(prog) / len(prog) if prog else "")
        ws.write_formula(r, 6, f"=SUMIFS({bud_rng},{opd_rng},{a})", num, bud)
        ws.write_formula(r, 7, f"=SUMIFS({sp_rng},{opd_rng},{a})", num, spent)
        g, h = u.xl_rowcol_to_cell(r, 6), u.xl_rowcol_to_cell(r, 7)
        ws.write_formula(r, 8, f'=IF({g}>0,{h}/{g},"")', pct, spent / bud if bud else "")
        ws.write_formula(r, 9, f'=COUNTIFS({f_opd},{a},{f_sev},"{sev["error"]}")', num, errs)
        ws.write_formula(r, 10, f'=COUNTIFS({f_opd},{a},{f_sev},"{sev["warning"]}")', num, warns)
    ws.conditional_format(opd_first, 5, opd_last, 5, {"type": "data_bar", "bar_color": "#5B9BD5", "min_type": "num",
                                                      "min_value": 0, "max_type": "num", "max_value": 1,
                                                      "bar_solid": True})
    ws.conditional_format(opd_first, 3, opd_last, 3, {"type": "cell", "criteria": "==", "value": 0,
                                                      "format": f(bg_color=RED)})
    ws.conditional_format(opd_first, 9, opd_last, 9, {"type": "cell", "criteria": ">", "value": 0,
                                                      "format": f(bg_color=RED)})

    # charts, side by side to the right of the key figures
    summary_name = s.names["summary"]
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({"name": t("wb.opd.progress", lang),
                      "categories": [summary_name, opd_first, 0, opd_last, 0],
                      "values": [summary_name, opd_first, 5, opd_last, 5],
                      "fill": {"color": "#5B9BD5"}, "data_labels": {"value": True, "num_format": "0%"}})
    chart.set_title({"name": t("wb.chart.progress", lang), "name_font": {"size": 11}})
    chart.set_x_axis({"min": 0, "max": 1, "num_format": "0%", "major_gridlines": {"visible": True}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    chart.set_size({"width": 520, "height": max(300, 22 * len(cons.opds_expected) + 80)})
    ws.insert_chart(kr, 3, chart, {"x_offset": 10, "y_offset": 0})
    a_first, a_last = positions["index_aspects"]
    idx_name = s.names["index"]
    chart2 = wb.add_chart({"type": "column"})
    for c, key, color in ((3, "wb.idx.baseline", "#A5A5A5"), (4, "wb.idx.estimate", "#70AD47")):
        chart2.add_series({"name": t(key, lang), "categories": [idx_name, a_first, 0, a_last, 0],
                           "values": [idx_name, a_first, c, a_last, c], "fill": {"color": color},
                           "data_labels": {"value": True, "num_format": "0.00"}})
    chart2.set_title({"name": t("wb.chart.index", lang), "name_font": {"size": 11}})
    chart2.set_y_axis({"min": 0, "max": 5, "major_unit": 1})
    chart2.set_x_axis({"name": BY_KEY["aspect"].label(lang)})
    chart2.set_size({"width": 520, "height": 300})
    ws.insert_chart(kr, 8, chart2, {"x_offset": 60, "y_offset": 0})
    _print(ws, (hr, hr), lang, summary_name)


def _mean_fraction(cons: Consolidation) -> float:
    prog = [r.values["progress"] / 100.0 for r in cons.rows if "progress" in r.values]
    return sum(prog) / len(prog)


# ---- Kelengkapan -------------------------------------------------------------------------------------------

def _matrix(ws, f, cons: Consolidation, s: _Sheets) -> None:
    lang = s.lang
    u = s.u
    labels = {REPORTED: t("wb.mx.reported", lang), MISSING: t("wb.mx.missing", lang),
              REJECTED: t("wb.mx.rejected", lang)}
    _title(ws, f, t("wb.sheet.matrix", lang).upper(), 8)
    ws.write_string(1, 0, t("wb.mx.legend", lang), f(italic=True))
    head = f(**HEAD)
    cell = f(align="center", **BORDER)
    pct = f(num_format="0%", align="center", **BORDER)
    hr = 3
    nos = [i.no for i in cons.master.indicators]
    state = {(r.opd, r.no): r.state for r in cons.rows}
    opds = cons.opds_expected
    if len(nos) <= MATRIX_MAX_INDICATORS:
        ws.set_column(0, 0, 14)
        ws.set_column(1, len(nos), 6)
        ws.set_column(len(nos) + 1, len(nos) + 1, 12)
        ws.write_string(hr, 0, t("wb.mx.opd", lang), head)
        for c, no in enumerate(nos, 1):
            ws.write_number(hr, c, no, head)
        rate_col = len(nos) + 1
        ws.write_string(hr, rate_col, t("wb.mx.rate", lang), head)
        for n, opd in enumerate(opds):
            r = hr + 1 + n
            ws.write_string(r, 0, opd, f(bold=True, **BORDER))
            mine = []
            for c, no in enumerate(nos, 1):
                st = state.get((opd, no))
                if st:
                    ws.write_string(r, c, labels[st], cell)
                    mine.append(st)
                else:
                    ws.write_blank(r, c, None, cell)
            rng = u.xl_range(r, 1, r, len(nos))
            ws.write_formula(r, rate_col, f'=IFERROR(COUNTIF({rng},"{labels[REPORTED]}")/COUNTA({rng}),"")', pct,
                             mine.count(REPORTED) / len(mine) if mine else "")
        tr = hr + 1 + len(opds)
        ws.write_string(tr, 0, t("wb.mx.total", lang), f(bold=True, **BORDER))
        for c, no in enumerate(nos, 1):
            rng = u.xl_range(hr + 1, c, tr - 1, c)
            col_states = [state[(o, no)] for o in opds if (o, no) in state]
            ws.write_formula(tr, c, f'=IFERROR(COUNTIF({rng},"{labels[REPORTED]}")/COUNTA({rng}),"")', pct,
                             col_states.count(REPORTED) / len(col_states) if col_states else "")
        rng = u.xl_range(hr + 1, 1, tr - 1, len(nos))
        everything = [st for st in state.values()]
        ws.write_formula(tr, rate_col, f'=IFERROR(COUNTIF({rng},"{labels[REPORTED]}")/COUNTA({rng}),"")', pct,
                         everything.count(REPORTED) / len(everything) if everything else "")
        area = (hr + 1, 1, tr - 1, len(nos))
        ws.freeze_panes(hr + 1, 1)
    else:  # too many indicators for a grid: the counts per OPD, as formulas over Monev
        ws.set_column(0, 0, 14)
        ws.set_column(1, 5, 12)
        heads = ("wb.mx.opd", "wb.opd.pairs", "wb.mx.reported", "wb.mx.missing", "wb.mx.rejected", "wb.mx.rate")
        for c, key in enumerate(heads):
            ws.write_string(hr, c, t(key, lang), head)
        opd_rng, state_rng = s.monev_range("opd"), s.monev_range("state")
        counts: dict[tuple[str, str], int] = {}
        for row in cons.rows:
            counts[(row.opd, row.state)] = counts.get((row.opd, row.state), 0) + 1
        num = f(align="center", **BORDER)
        for n, opd in enumerate(opds):
            r = hr + 1 + n
            a = u.xl_rowcol_to_cell(r, 0)
            ws.write_string(r, 0, opd, f(bold=True, **BORDER))
            total = sum(counts.get((opd, st), 0) for st in labels)
            ws.write_formula(r, 1, f"=COUNTIF({opd_rng},{a})", num, total)
            for c, st in enumerate((REPORTED, MISSING, REJECTED), 2):
                ws.write_formula(r, c, f'=COUNTIFS({opd_rng},{a},{state_rng},"{t(f"state.{st}", lang)}")', num,
                                 counts.get((opd, st), 0))
            b, cc = u.xl_rowcol_to_cell(r, 1), u.xl_rowcol_to_cell(r, 2)
            ws.write_formula(r, 5, f'=IF({b}>0,{cc}/{b},"")', pct,
                             counts.get((opd, REPORTED), 0) / total if total else "")
        area = (hr + 1, 3, hr + len(opds), 3)
        ws.conditional_format(*area, {"type": "cell", "criteria": ">", "value": 0, "format": f(bg_color=RED)})
        ws.freeze_panes(hr + 1, 0)
        _print(ws, (hr, hr), lang, s.names["matrix"])
        return
    for st, color in ((REPORTED, GREEN), (MISSING, RED), (REJECTED, ORANGE)):
        ws.conditional_format(*area, {"type": "cell", "criteria": "==", "value": f'"{labels[st]}"',
                                      "format": f(bg_color=color)})
    _print(ws, (hr, hr), lang, s.names["matrix"])


# ---- Sumber ------------------------------------------------------------------------------------------------

SOURCES_HEADER = 2
SOURCE_COLS = ("path", "opd", "period", "format", "sha", "size", "modified", "rows", "use", "errors")


def _sources(ws, f, cons: Consolidation, s: _Sheets, positions: dict) -> None:
    lang = s.lang
    _title(ws, f, t("wb.sheet.sources", lang).upper(), 6)
    for c, (key, w) in enumerate(zip(SOURCE_COLS, (40, 12, 18, 7, 66, 12, 18, 9, 18, 8))):
        ws.set_column(c, c, w)
        ws.write_string(SOURCES_HEADER, c, t(f"wb.s.{key}", lang), f(**HEAD))
    text = f(text_wrap=True, valign="top", **BORDER)
    num = f(valign="top", num_format="#,##0", **BORDER)
    f_file = _findings_range(s, positions, 5)
    f_sev = _findings_range(s, positions, 1)
    err = Severity.ERROR.label(lang)
    errors_by_name: dict[str, int] = {}
    for x in cons.findings:
        if x.severity is Severity.ERROR and x.file:
            name = Path(x.file).name
            errors_by_name[name] = errors_by_name.get(name, 0) + 1
    for n, src in enumerate(cons.sources):
        sub = src.submission
        r = SOURCES_HEADER + 1 + n
        write_text(ws, r, 0, sub.path, text)
        write_text(ws, r, 1, sub.opd or "", text)
        write_text(ws, r, 2, sub.period or "", text)
        write_text(ws, r, 3, sub.source.format, text)
        write_text(ws, r, 4, sub.source.sha256, text)
        ws.write_number(r, 5, sub.source.size, num)
        write_text(ws, r, 6, sub.source.modified.replace("T", " "), text)
        ws.write_number(r, 7, src.rows_read, num)
        ws.write_string(r, 8, t(f"use.{src.use}", lang), text)
        name = Path(sub.path).name
        # the Temuan sheet lists files by name: count this file's errors there
        ws.write_formula(r, 9, f'=COUNTIFS({f_file},"{name.replace(chr(34), chr(34) * 2)}",{f_sev},"{err}")', num,
                         errors_by_name.get(name, 0))
    last = SOURCES_HEADER + max(1, len(cons.sources))
    ws.autofilter(SOURCES_HEADER, 0, last, len(SOURCE_COLS) - 1)
    ws.freeze_panes(SOURCES_HEADER + 1, 0)
    ws.conditional_format(SOURCES_HEADER + 1, 8, last, 8, {"type": "cell", "criteria": "==",
                                                           "value": f'"{t("use.rejected", lang)}"',
                                                           "format": f(bg_color=RED)})
    _print(ws, (SOURCES_HEADER, SOURCES_HEADER), lang, s.names["sources"])


# ---- Master and metadata -------------------------------------------------------------------------------------

def _master(ws, f, cons: Consolidation, lang: str) -> None:
    from spbe_excel.master.export import write_indicator_sheet

    ws.write_string(0, 0, f"{t('wb.fingerprint', lang)}: {cons.master.fingerprint}", f(bold=True))
    write_indicator_sheet(ws, f, cons.master, lang, top=2)


def _meta(wb, cons: Consolidation, s: _Sheets, lang: str) -> None:
    from spbe_excel import __version__

    ws = wb.add_worksheet(META_SHEET)
    rows = [
        ("format", WORKBOOK_FORMAT), ("version", WORKBOOK_VERSION), ("period", cons.period),
        ("as_of", cons.as_of.isoformat()), ("fingerprint", cons.master.fingerprint),
        ("monev_sheet", s.names["monev"]), ("monev_header_row", str(MONEV_HEADER + 1)),
        ("monev_columns", ",".join(MONEV_KEYS)), ("lang", lang), ("generator", f"spbe-excel {__version__}"),
    ]
    for r, (k, v) in enumerate(rows):
        ws.write_string(r, 0, k)
        ws.write_string(r, 1, v)
    ws.protect("")
    ws.very_hidden()

