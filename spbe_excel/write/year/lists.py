"""The lists of the year workbook: the pairs past their target year (Lewat Target), the consolidated workbooks it
was made from (Sumber), the plan (Master) and the very hidden metadata sheet that says what the workbook is and
where its tables stand (read back by ``spbe-excel report``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from spbe_excel.io import date_format, row_height, write_text
from spbe_excel.model.columns import META_SHEET
from spbe_excel.text import t
from spbe_excel.text.words import column_label
from spbe_excel.write.workbook.style import BORDER, HEAD, header_row, print_setup, sheet_head, title
from spbe_excel.write.year.layout import (
    INDEX_TABLE_KEYS,
    LATEST_KEYS,
    OVERDUE_HEADER,
    OVERDUE_KEYS,
    PERIOD_KEYS,
    REPORTING_DUE,
    SOURCE_KEYS,
    SOURCES_HEADER,
    YearLayout,
)
from spbe_excel.write.year.progress import MISSING_FILL, mark_word
from spbe_excel.year.figures import YearFigures
from spbe_excel.year.model import YEAR_FORMAT, YEAR_VERSION

OVERDUE_WIDTHS: dict[str, float] = {"no": 5, "action": 6, "indicator": 26, "follow_up": 30, "opd": 12,
                                     "target_year": 8, "years": 8, "status": 13, "progress": 8, "period": 16}
SOURCE_WIDTHS = (16, 30, 12, 18, 33, 11)


def overdue_keys(layout: YearLayout) -> tuple[str, ...]:
    return tuple(k for k in OVERDUE_KEYS if k != "action" or "action" in layout.pair_keys)


def overdue_label(key: str, lang: str) -> str:
    if key in ("no", "action", "indicator", "follow_up", "opd", "target_year"):
        return column_label(key, lang)
    return t(f"yr.col.overdue_{key}", lang)


def write_overdue(ws, f, figures: YearFigures, layout: YearLayout) -> None:
    year, lang = figures.year, layout.lang
    keys = overdue_keys(layout)
    cols = [OVERDUE_WIDTHS[k] for k in keys]
    latest = year.latest
    assert latest.rekap is not None
    found = figures.overdue
    note = t("yr.overdue.note", lang, count=len(found), period=latest.label,
             as_of=f"{latest.rekap.as_of.day} {t('date.months', lang).split()[latest.rekap.as_of.month - 1]} "
                   f"{latest.rekap.as_of.year}")
    heading = f"{t('yr.title.overdue', lang)} - {year.institution} {year.year}"
    sheet_head(ws, f, cols, heading, note, len(keys))
    labels = [overdue_label(k, lang) for k in keys]
    for c, text in enumerate(labels):
        ws.write_string(OVERDUE_HEADER, c, text, f(**HEAD))
    header_row(ws, OVERDUE_HEADER, list(zip(labels, cols)), filtered=True)
    base = {"valign": "top", **BORDER}
    text, num, pct = f(text_wrap=True, **base), f(align="center", **base), f(num_format="0%", **base)
    for r, o in enumerate(found, OVERDUE_HEADER + 1):
        ind = year.master.action(o.action)
        values = {"no": ind.no, "action": ind.action, "indicator": ind.indicator, "follow_up": ind.follow_up,
                  "opd": o.opd, "target_year": o.target_year, "years": o.years, "status": mark_word(o.mark, lang),
                  "progress": None if o.progress is None else o.progress / 100.0,
                  "period": year.periods[o.position].label if o.position is not None else ""}
        shown = []
        for c, key in enumerate(keys):
            v = values[key]
            if v is None:
                ws.write_blank(r, c, None, pct)
            elif key == "progress":
                ws.write_number(r, c, v, pct)
            elif isinstance(v, int):
                ws.write_number(r, c, v, num)
            else:
                write_text(ws, r, c, str(v), num if key == "action" else text)
                shown.append((str(v), cols[c]))
        ws.set_row(r, row_height(shown))
    last = OVERDUE_HEADER + max(1, len(found))
    ws.autofilter(OVERDUE_HEADER, 0, last, len(keys) - 1)
    ws.freeze_panes(OVERDUE_HEADER + 1, 0)
    print_setup(ws, (OVERDUE_HEADER, OVERDUE_HEADER), lang, layout.names["overdue"], cols)


def write_sources(ws, f, figures: YearFigures, layout: YearLayout) -> None:
    year, lang = figures.year, layout.lang
    for c, w in enumerate(SOURCE_WIDTHS):
        ws.set_column(c, c, w)
    title(ws, f, t("yr.title.sources", lang), len(SOURCE_WIDTHS))
    labels = [t(f"yr.src.{k}", lang) for k in SOURCE_KEYS]
    for c, text in enumerate(labels):
        ws.write_string(SOURCES_HEADER, c, text, f(**HEAD))
    header_row(ws, SOURCES_HEADER, list(zip(labels, SOURCE_WIDTHS)))
    base = {"valign": "top", **BORDER}
    text, num = f(text_wrap=True, **base), f(num_format="#,##0", **base)
    date, grey = f(num_format=date_format(lang), align="left", **base), f(bg_color=MISSING_FILL, italic=True, **base)
    for r, p in enumerate(year.periods, SOURCES_HEADER + 1):
        ws.write_string(r, 0, p.label, text if p.present else grey)
        if p.rekap is None:
            ws.write_string(r, 1, t("yr.later" if p.later else "yr.missing", lang), grey)
            for c in range(2, len(SOURCE_KEYS)):
                ws.write_blank(r, c, None, grey)
            continue
        rekap = p.rekap
        write_text(ws, r, 1, rekap.path, text)
        ws.write_datetime(r, 2, dt.datetime.combine(rekap.as_of, dt.time()), date)
        ws.write_string(r, 3, rekap.fingerprint, text)
        ws.write_string(r, 4, rekap.sha256, text)
        ws.write_number(r, 5, rekap.size, num)
        ws.set_row(r, row_height([(rekap.path, SOURCE_WIDTHS[1]), (rekap.sha256, SOURCE_WIDTHS[4])]))
    print_setup(ws, (SOURCES_HEADER, SOURCES_HEADER), lang, layout.names["sources"], SOURCE_WIDTHS)


def write_master(ws, f, figures: YearFigures, layout: YearLayout) -> None:
    """The plan, as the consolidated workbook's Master sheet holds it."""
    from spbe_excel.write.master_export import write_indicator_sheet

    year, lang = figures.year, layout.lang
    heading = f"{t('wb.fingerprint', lang)}: {year.fingerprint}"
    ws.write_string(0, 0, heading, f(bold=True))
    write_indicator_sheet(ws, f, year.master, lang, top=2)
    columns = year.master.file_columns
    header_row(ws, 2, [(column_label(c, lang), c.width) for c in columns], filtered=True)
    print_setup(ws, (2, 2), lang, layout.names["master"], [c.width for c in columns],
                repeat=3 if year.master.numbered else 2,
                heading=(f"{t('wb.sheet.master', lang).upper()} - {year.institution}", heading),
                last_row=2 + len(year.master.rows))


def progress_columns(layout: YearLayout) -> str:
    """The columns of Perkembangan by key, a period's as ``status@N`` (N from 0)."""
    keys = list(layout.pair_keys)
    keys += [f"{k}@{n}" for n in range(layout.periods) for k in PERIOD_KEYS]
    return ",".join([*keys, *LATEST_KEYS, "indicator"])


def write_meta(wb, figures: YearFigures, layout: YearLayout) -> None:
    from spbe_excel import __version__

    year = figures.year
    rule = figures.now.counted.estimate_rule
    latest = year.latest
    assert latest.rekap is not None
    rows = [
        ("format", YEAR_FORMAT), ("version", YEAR_VERSION), ("year", str(year.year)),
        ("institution", year.institution), ("fingerprint", year.fingerprint), ("lang", layout.lang),
        ("periods", "|".join(p.label for p in year.periods)),
        ("present", "|".join("1" if p.present else "0" for p in year.periods)),
        ("latest", latest.label), ("as_of", latest.rekap.as_of.isoformat()),
        ("rule_exact", "1" if rule.exact else "0"), ("rule_year", str(rule.year)),
        ("baseline_rule_exact", "1" if figures.now.counted.baseline_rule.exact else "0"),
        ("deadline_days", str(year.deadline_days)),
        ("summary_sheet", layout.names["summary"]), ("index_header_row", str(layout.summary_index.header + 1)),
        ("index_columns", ",".join(INDEX_TABLE_KEYS)), ("domains_header_row", str(layout.domains.header + 1)),
        ("progress_sheet", layout.names["progress"]), ("progress_header_row", str(layout.progress.header + 1)),
        ("progress_columns", progress_columns(layout)),
        ("reporting_sheet", layout.names["reporting"]), ("reporting_due_row", str(REPORTING_DUE + 1)),
        ("reporting_header_row", str(layout.reporting.header + 1)),
        ("overdue_sheet", layout.names["overdue"]), ("overdue_header_row", str(OVERDUE_HEADER + 1)),
        ("overdue_columns", ",".join(overdue_keys(layout))), ("overdue_count", str(len(figures.overdue))),
        ("sources", "|".join(Path(p.rekap.path).name if p.rekap else "" for p in year.periods)),
        # each period's consolidated workbook, found again by `master new --from` the year workbook
        ("source_files", json.dumps([{"name": Path(p.rekap.path).name, "path": str(Path(p.rekap.path).resolve()),
                                      "sha256": p.rekap.sha256} for p in year.periods if p.rekap],
                                    ensure_ascii=False)),
        ("generator", f"spbe-excel {__version__}"),
    ]
    ws = wb.add_worksheet(META_SHEET)
    for r, (k, v) in enumerate(rows):
        ws.write_string(r, 0, k)
        ws.write_string(r, 1, v)
    ws.protect("")
    ws.very_hidden()
