"""The Ringkasan sheet of the year workbook: the SPBE index per period against the baseline and the target
(claimed, counted and verified: "not available" for a period whose workbook was written before DKIS verified in
the workbook), its predikat and the gap to the target, with the chart of the index per period (its verified
series from a hidden column beside the table that holds the verified index or nothing, never text, which a
line chart would draw as 0); on the next page the index per domain per period and the statuses per period with
their chart.  Every figure is a formula over Indeks or Perkembangan with the value worked out in
:mod:`spbe_excel.year.figures` as its cached result."""

from __future__ import annotations

import datetime as dt
import math

from xlsxwriter.utility import xl_range

from spbe_excel.io import date_format, row_height, write_text
from spbe_excel.model.levels import EXACT_DIGITS, threshold_unmet
from spbe_excel.text import t
from spbe_excel.text.words import predicate
from spbe_excel.write.workbook.style import BORDER, HEAD, print_setup, sheet_head
from spbe_excel.write.year.layout import INDEX_CHART_ROWS, INDEX_TABLE_KEYS, ROW_PX, STATUS_CHART_ROWS, YearLayout
from spbe_excel.write.year.progress import MISSING_FILL, mark_word, quoted
from spbe_excel.year.figures import MARKS, YearFigures

WIDTHS = (18, 22, 12, 12, 12, 12, 12, 12, 12, 10)
CHART_FONT = {"size": 10}
# Series of the chart of the index per period: (column, colour, dash, marker); black and greys that print apart
SERIES = (("counted", "#000000", "solid", "circle"), ("claimed", "#595959", "dash", "square"),
          ("verified", "#404040", "dash_dot", "triangle"), ("target", "#7F7F7F", "round_dot", "none"),
          ("baseline", "#A6A6A6", "long_dash", "none"))
CHART_COL = len(WIDTHS)  # the hidden column the chart's verified series reads (the verified index, or blank)
MARK_COLOURS = ("#375623", "#BF8F00", "#A6A6A6", "#C55A11", "#8497B0", "#C00000", "#7B0000")


def write_summary(wb, ws, f, figures: YearFigures, layout: YearLayout) -> None:
    year, lang = figures.year, layout.lang
    sub = t("yr.subtitle", lang, year=year.year, fingerprint=year.fingerprint, present=len(year.present),
            periods=len(year.periods), latest=year.latest.label)
    heading = f"{t('yr.title', lang)} - {year.institution} {year.year}"
    sheet_head(ws, f, WIDTHS, heading, sub, len(WIDTHS))
    _index_table(ws, f, figures, layout)
    _index_chart(wb, ws, figures, layout)
    _domains(ws, f, figures, layout)
    _statuses(ws, f, figures, layout)
    _status_chart(wb, ws, figures, layout)
    s = layout.summary_index
    print_setup(ws, (s.header, s.header), lang, layout.names["summary"], WIDTHS)
    ws.set_h_pagebreaks([layout.domains.title - 1])
    ws.repeat_rows(0)
    ws.activate()


def index_values(figures: YearFigures, n: int) -> dict[str, object]:
    """The cached values of the index table's row of period ``n`` (:data:`INDEX_TABLE_KEYS` from baseline on)."""
    found = figures.period_index(n)
    out: dict[str, object] = {"baseline": figures.baseline, "target": figures.target.overall.estimate}
    if found is not None:
        out.update(claimed=found.claimed.overall.estimate, counted=found.counted.overall.estimate,
                   verified=found.verified)
    return out


def _index_table(ws, f, figures: YearFigures, layout: YearLayout) -> None:
    year, lang, s = figures.year, layout.lang, layout.summary_index
    ws.write_string(s.title, 0, t("yr.index.per_period", lang), f(bold=True, font_size=11))
    labels = [t(f"yr.col.{k}", lang) for k in INDEX_TABLE_KEYS]
    for c, text in enumerate(labels):
        ws.write_string(s.header, c, text, f(**HEAD))
    ws.set_row(s.header, row_height(list(zip(labels, WIDTHS)), bold=True))
    base = {"valign": "top", **BORDER}
    fmt = {"text": f(text_wrap=True, **base), "dec": f(num_format="0.00", **base),
           "date": f(num_format=date_format(lang), align="left", **base),
           "grey": f(bg_color=MISSING_FILL, italic=True, text_wrap=True, **base),
           "quiet": f(italic=True, font_color="#595959", **base), "plain": f(num_format="0.00")}
    ws.set_column(CHART_COL, CHART_COL, None, None, {"hidden": True})
    w, lows_names = layout.index_range("weight"), layout.predicate_ranges()
    rule = figures.now.counted.estimate_rule
    digits = EXACT_DIGITS if rule.exact else 2
    for n, p in enumerate(year.periods):
        r = s.first + n
        values = index_values(figures, n)
        ws.write_string(r, 0, p.label, fmt["text"] if p.present else fmt["grey"])
        if p.rekap is None:
            ws.write_string(r, 1, t("yr.later" if p.later else "yr.missing", lang), fmt["grey"])
            ws.write_blank(r, 2, None, fmt["grey"])
        else:
            write_text(ws, r, 1, _name(p.rekap.path), fmt["text"])
            ws.write_datetime(r, 2, dt.datetime.combine(p.rekap.as_of, dt.time()), fmt["date"])
        ws.write_formula(r, 3, f"=SUMPRODUCT({w},{layout.index_range('baseline')})/100", fmt["dec"],
                         values["baseline"])
        ws.write_formula(r, 4, f"=SUMPRODUCT({w},{layout.index_range('target')})/100", fmt["dec"], values["target"])
        if p.rekap is None:
            for c in range(5, len(INDEX_TABLE_KEYS)):
                ws.write_blank(r, c, None, fmt["grey"])
            continue
        ws.write_formula(r, 5, f"=SUMPRODUCT({w},{layout.index_range('claimed', n)})/100", fmt["dec"],
                         values["claimed"])
        ws.write_formula(r, 6, f"=SUMPRODUCT({w},{layout.index_range('counted', n)})/100", fmt["dec"],
                         values["counted"])
        _verified(ws, r, n, values["verified"], fmt, layout)
        counted, target = layout.summary_cell(n, "counted"), layout.summary_cell(n, "target")
        ws.write_formula(r, 8, f"=LOOKUP(ROUND({counted},{digits}),{lows_names[0]},{lows_names[1]})", fmt["text"],
                         predicate(float(values["counted"]), lang, rule.exact))  # type: ignore[arg-type]
        ws.write_formula(r, 9, f"={target}-{counted}", fmt["dec"],
                         float(values["target"]) - float(values["counted"]))  # type: ignore[arg-type]
    _notes(ws, f, figures, layout, digits)


def _verified(ws, r: int, n: int, value, fmt: dict, layout: YearLayout) -> None:
    """Period ``n``'s verified index (row ``r``) over its verified levels on Indeks, and the same in the chart's
    hidden column; "not available" (and nothing for the chart) when its workbook holds no verified level."""
    c = INDEX_TABLE_KEYS.index("verified")
    if value is None:
        ws.write_string(r, c, t("yr.verified_none", layout.lang), fmt["quiet"])
        return
    w = layout.index_range("weight")
    ws.write_formula(r, c, f"=SUMPRODUCT({w},{layout.index_range('verified', n)})/100", fmt["dec"], value)
    ws.write_formula(r, CHART_COL, f"={layout.summary_cell(n, 'verified')}", fmt["plain"], value)


def _name(path: str) -> str:
    from pathlib import Path

    return Path(path).name


def _notes(ws, f, figures: YearFigures, layout: YearLayout, digits: int) -> None:
    """What claimed, counted and verified mean; the note on a predikat whose printed figure reads at a bound the
    exact index does not reach (live, as the indexes are)."""
    lang, r = layout.lang, layout.summary_notes
    style = f(italic=True, text_wrap=True, valign="top")
    note = t("yr.index.notes", lang)
    ws.merge_range(r, 0, r, len(WIDTHS) - 1, note, style)
    ws.set_row(r, row_height([(note, sum(WIDTHS))]))
    rule = figures.now.counted.estimate_rule
    ws.merge_range(r + 1, 0, r + 1, len(WIDTHS) - 1, "", style)
    if not rule.exact:
        return
    lows, names = layout.predicate_ranges()
    cells = [layout.summary_cell(n, "counted") for n in figures.present]
    conditions = [f"LOOKUP(ROUND({c},2),{lows},{names})<>LOOKUP(ROUND({c},{digits}),{lows},{names})" for c in cells]
    text = t("index.note.formula", lang, year=rule.year)
    condition = conditions[0] if len(conditions) == 1 else f"OR({','.join(conditions)})"
    shown = text if any(threshold_unmet(float(index_values(figures, n)["counted"])) is not None  # type: ignore[arg-type]
                        for n in figures.present) else ""
    ws.write_formula(r + 1, 0, f"=IF({condition},{quoted(text)},\"\")", style, shown)
    if shown:
        ws.set_row(r + 1, row_height([(text, sum(WIDTHS))]))


def _index_chart(wb, ws, figures: YearFigures, layout: YearLayout) -> None:
    lang, s, name = layout.lang, layout.summary_index, layout.names["summary"]
    chart = wb.add_chart({"type": "line"})
    for key, colour, dash, marker in SERIES:
        c = CHART_COL if key == "verified" else INDEX_TABLE_KEYS.index(key)
        series = {"name": t(f"yr.col.{key}", lang), "categories": [name, s.first, 0, s.last, 0],
                  "values": [name, s.first, c, s.last, c],
                  "line": {"color": colour, "width": 2.25 if key == "counted" else 1.5, "dash_type": dash},
                  "marker": {"type": marker, "size": 6, "fill": {"color": colour}, "border": {"color": colour}}
                  if marker != "none" else {"type": "none"}}
        if key == "counted":
            series["data_labels"] = {"value": True, "num_format": "0.00", "position": "above", "font": CHART_FONT}
        chart.add_series(series)
    low, high = _axis(figures)
    chart.set_title({"name": t("yr.chart.index", lang), "name_font": {"size": 11}})
    chart.set_y_axis({"min": low, "max": high, "major_unit": 0.5, "num_format": "0.0", "num_font": CHART_FONT,
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_x_axis({"num_font": CHART_FONT})
    chart.set_legend({"position": "bottom", "font": CHART_FONT})
    chart.show_blanks_as("gap")
    chart.show_hidden_data()  # the verified series' column is hidden
    chart.set_size({"width": 760, "height": (INDEX_CHART_ROWS - 1) * ROW_PX})
    ws.insert_chart(layout.index_chart, 0, chart, {"x_offset": 0, "y_offset": 5})


def _axis(figures: YearFigures) -> tuple[float, float]:
    """The index axis: half-points around the baseline, the target and every index of the year."""
    values = [figures.baseline, figures.target.overall.estimate]
    for n in figures.present:
        found = figures.period_index(n)
        assert found is not None
        values += [found.counted.overall.estimate, found.claimed.overall.estimate]
        values += [] if found.verified is None else [found.verified]
    low, high = math.floor(min(values) * 2) / 2, math.ceil(max(values) * 2) / 2
    return max(0.0, low - 0.5 if low == min(values) else low), min(5.0, high + 0.5 if high == max(values) else high)


def _domains(ws, f, figures: YearFigures, layout: YearLayout) -> None:
    year, lang, d = figures.year, layout.lang, layout.domains
    ws.write_string(d.title, 0, t("yr.domains", lang), f(bold=True, font_size=11))
    labels = [t("wb.idx.domain", lang), t("wb.idx.weight", lang), t("yr.col.baseline", lang),
              t("yr.col.target", lang), *(p.label for p in year.periods)]
    for c, text in enumerate(labels):
        ws.write_string(d.header, c, text, f(**HEAD) if c < 4 or year.periods[c - 4].present
                        else f(**{**HEAD, "bg_color": MISSING_FILL}))
    ws.set_row(d.header, row_height([(x, WIDTHS[c] if c < len(WIDTHS) else 8.43) for c, x in enumerate(labels)],
                                    bold=True))
    base = {"valign": "top", **BORDER}
    text, dec, grey = f(text_wrap=True, **base), f(num_format="0.00", **base), f(bg_color=MISSING_FILL, **base)
    dom, w = layout.index_range("domain"), layout.index_range("weight")
    for k, part in enumerate(figures.target.domains):
        r = d.first + k
        a, b = f"$A{r + 1}", f"$B{r + 1}"
        write_text(ws, r, 0, part.name, text)
        ws.set_row(r, row_height([(part.name, WIDTHS[0])]))
        ws.write_formula(r, 1, f"=SUMIF({dom},{a},{w})", dec, part.weight)
        ws.write_formula(r, 2, f"=SUMPRODUCT(({dom}={a})*{w}*{layout.index_range('baseline')})/{b}", dec,
                         part.baseline)
        ws.write_formula(r, 3, f"=SUMPRODUCT(({dom}={a})*{w}*{layout.index_range('target')})/{b}", dec,
                         part.estimate)
        for n, _p in enumerate(year.periods):
            found = figures.period_index(n)
            if found is None:
                ws.write_blank(r, 4 + n, None, grey)
                continue
            ws.write_formula(r, 4 + n, f"=SUMPRODUCT(({dom}={a})*{w}*{layout.index_range('counted', n)})/{b}", dec,
                             found.counted.domains[k].estimate)


def _statuses(ws, f, figures: YearFigures, layout: YearLayout) -> None:
    year, lang, s = figures.year, layout.lang, layout.statuses
    ws.write_string(s.title, 0, t("yr.statuses", lang), f(bold=True, font_size=11))
    labels = [t("yr.col.period", lang), *(mark_word(m, lang) for m in MARKS), t("yr.col.total", lang)]
    for c, text in enumerate(labels):
        ws.write_string(s.header, c, text, f(**HEAD))
    ws.set_row(s.header, row_height([(x, WIDTHS[c] if c < len(WIDTHS) else 8.43) for c, x in enumerate(labels)],
                                    bold=True))
    base = {"valign": "top", **BORDER}
    text, num, grey = f(text_wrap=True, **base), f(num_format="0", **base), f(bg_color=MISSING_FILL, **base)
    for n, p in enumerate(year.periods):
        r = s.first + n
        ws.write_string(r, 0, p.label, text if p.present else f(bg_color=MISSING_FILL, italic=True, **base))
        if not p.present:
            for c in range(1, len(labels)):
                ws.write_blank(r, c, None, grey)
            continue
        counts = figures.marks(n)
        status = layout.progress_range(layout.progress_col(n, "status"))
        for c, m in enumerate(MARKS, 1):
            ws.write_formula(r, c, f"=COUNTIF({status},{quoted(mark_word(m, lang))})", num, counts[m])
        total = xl_range(r, 1, r, len(MARKS))
        ws.write_formula(r, len(MARKS) + 1, f"=SUM({total})", num, sum(counts.values()))


def _status_chart(wb, ws, figures: YearFigures, layout: YearLayout) -> None:
    lang, s, name = layout.lang, layout.statuses, layout.names["summary"]
    chart = wb.add_chart({"type": "column", "subtype": "stacked"})
    totals = {m: sum(figures.marks(n)[m] for n in figures.present) for m in MARKS}
    for c, (m, colour) in enumerate(zip(MARKS, MARK_COLOURS), 1):
        if not totals[m]:
            continue
        chart.add_series({"name": mark_word(m, lang), "categories": [name, s.first, 0, s.last, 0],
                          "values": [name, s.first, c, s.last, c], "fill": {"color": colour},
                          "border": {"color": "#FFFFFF"}, "gap": 60,
                          "data_labels": {"value": True, "num_format": "0;-0;;",
                                          "font": {**CHART_FONT, "color": "#FFFFFF"}}})
    chart.set_title({"name": t("yr.chart.statuses", lang), "name_font": {"size": 11}})
    chart.set_y_axis({"num_font": CHART_FONT, "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_x_axis({"num_font": CHART_FONT})
    chart.set_legend({"position": "bottom", "font": CHART_FONT})
    chart.set_size({"width": 760, "height": (STATUS_CHART_ROWS - 1) * ROW_PX})
    ws.insert_chart(layout.status_chart, 0, chart, {"x_offset": 0, "y_offset": 5})
