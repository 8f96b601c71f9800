"""Writing the master list out: a workbook DKIS can edit and pass back with
``--master``, CSV (also accepted back), JSON and a plain-text table."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from spbe_excel.io import Formats, atomic_output, row_height, write_text
from spbe_excel.io.fastxlsx import new_workbook
from spbe_excel.master.plan import Indicator, MasterList, master_json_value
from spbe_excel.master.registry import Opd
from spbe_excel.model.columns import MASTER_FILE_COLUMNS, Column, Kind
from spbe_excel.text import TEXTS, check_lang, t
from spbe_excel.text.words import column_label, level_kind_name

_MASTER_KINDS = {col.key: col.kind for col in MASTER_FILE_COLUMNS}


OPD_SHEET_COLUMNS = (("master.opd.code", 14), ("master.opd.name", 50), ("master.opd.aliases", 60),
                     ("master.opd.email", 34), ("master.opd.whatsapp", 18), ("master.opd.person", 28))
"""The OPD sheet's columns (text key, width): the contacts after the names; ``master new`` writes the same."""


def opd_sheet_texts(opd: Opd) -> tuple[str, ...]:
    """An OPD's cells on the OPD sheet, in the order of :data:`OPD_SHEET_COLUMNS` (a WhatsApp number as +62...)."""
    c = opd.contact
    return (opd.code, opd.name, "; ".join(opd.aliases), "; ".join(c.emails),
            "+" + c.whatsapp if c.whatsapp else "", c.person)


def master_cell_value(ind: Indicator, key: str, lang: str = "id"):
    """The value of a master column as shown in workbooks and exports."""
    v = getattr(ind, key)
    kind = _MASTER_KINDS.get(key)
    if kind is Kind.OPD_LIST:
        return "; ".join(v)
    if kind is Kind.LEVEL_KIND:
        return level_kind_name(v, lang)
    if kind is Kind.YEAR and not v:  # an indicator without an action has no target year
        return ""
    return v


def master_records(master: MasterList, lang: str = "id") -> list[dict]:
    """The master list as records keyed by the labels of the master file."""
    cols = master.file_columns
    return [{column_label(col, lang): master_cell_value(ind, col.key, lang) for col in cols} for ind in master.rows]


def export_master(master: MasterList, path: str | Path, lang: str = "id") -> Path:
    """Write ``master`` as a workbook with sheets Indikator, OPD, Info (and
    Koreksi for the embedded list).  Loading it back gives the same list
    (same fingerprint)."""
    lang = check_lang(lang)
    with atomic_output(path) as tmp:
        wb = new_workbook(tmp, dt.datetime(master.plan_year or 2000, 1, 1))
        f = Formats(wb, {"font_name": "Calibri", "font_size": 10})
        head = f(bold=True, bg_color="#BFBFBF", text_wrap=True, valign="vcenter", border=1)
        cell = f(text_wrap=True, valign="top", border=1)
        number = f(valign="top", border=1, align="center")

        ws = wb.add_worksheet(t("master.sheet.indicators", lang))
        write_indicator_sheet(ws, f, master, lang)

        ws = wb.add_worksheet(t("master.sheet.opd", lang))
        for c, (key, width) in enumerate(OPD_SHEET_COLUMNS):
            ws.set_column(c, c, width)
            ws.write_string(0, c, t(key, lang), head)
        for r, opd in enumerate(master.registry, 1):
            ws.write_string(r, 0, opd.code, cell)
            for c, text in enumerate(opd_sheet_texts(opd)[1:], 1):
                write_text(ws, r, c, text, cell)
        ws.freeze_panes(1, 1)

        ws = wb.add_worksheet(t("master.sheet.info", lang))
        ws.set_column(0, 0, 18)
        ws.set_column(1, 1, 60)
        info: tuple[tuple[str, str | int], ...] = (
            ("master.info.institution", master.institution), ("master.info.title", master.title),
            ("master.info.plan_year", master.plan_year), ("master.info.framework", master.framework))
        for r, (key, value) in enumerate(info):
            ws.write_string(r, 0, t(key, lang), f(bold=True))
            if isinstance(value, int):
                ws.write_number(r, 1, value, f(align="left"))
            else:
                write_text(ws, r, 1, value)
        ws.write_string(len(info) + 1, 0, t("master.info.fingerprint", lang), f(italic=True))
        ws.write_string(len(info) + 1, 1, master.fingerprint, f(italic=True))

        if master.corrections:
            ws = wb.add_worksheet(t("master.sheet.corrections", lang))
            for c, (key, width) in enumerate((("no", 6), ("column", 18), ("written", 30), ("corrected", 30),
                                              ("reason", 50))):
                ws.set_column(c, c, width)
                ws.write_string(0, c, t(f"master.corr.{key}", lang), head)
            for r, k in enumerate(master.corrections, 1):
                ws.write_number(r, 0, k.no, number)
                for c, v in enumerate((k.column, k.written, k.corrected, k.reason), 1):
                    write_text(ws, r, c, v, cell)
        wb.close()
    return Path(path)


def write_indicator_sheet(ws, f: Formats, master: MasterList, lang: str = "id", top: int = 0) -> None:
    """The indicator table of a master list, header at row ``top``: used by
    ``master export`` and by the Master sheet of the consolidated workbook."""
    head = f(bold=True, bg_color="#BFBFBF", text_wrap=True, valign="vcenter", border=1)
    cell = f(text_wrap=True, valign="top", border=1)
    number = f(valign="top", border=1, align="center")
    weight = f(valign="top", border=1, num_format="0.0000")
    file_columns = master.file_columns
    for c, col in enumerate(file_columns):
        ws.set_column(c, c, col.width)
        ws.write_string(top, c, column_label(col, lang), head)
    columns = [(c, col.key, col.width, weight if col.kind is Kind.WEIGHT else number)
               for c, col in enumerate(file_columns)]
    number_at = ws.number_at
    for r, ind in enumerate(master.rows, top + 1):
        shown = []
        for c, key, width, num_fmt in columns:
            v = master_cell_value(ind, key, lang)
            if v.__class__ is int or v.__class__ is float:
                number_at(r, c, v, num_fmt)
            else:
                v = str(v)
                write_text(ws, r, c, v, cell)
                shown.append((v, width))
        ws.set_row(r, row_height(shown))
    ws.freeze_panes(top + 1, 2)
    ws.autofilter(top, 0, top + len(master.rows), len(file_columns) - 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top)


def master_csv(master: MasterList, lang: str = "id") -> str:
    """The indicator table as CSV; accepted back by ``--master FILE.csv``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([column_label(c, lang) for c in master.file_columns])
    for rec in master_records(master, lang):
        writer.writerow([_plain(v) for v in rec.values()])
    return buf.getvalue()


def _plain(v):
    return repr(v) if isinstance(v, float) and not v.is_integer() else (int(v) if isinstance(v, float) else v)


def master_json(master: MasterList) -> str:
    """The master list as JSON with stable English keys (for scripts)."""
    payload = {
        "institution": master.institution, "title": master.title, "plan_year": master.plan_year,
        "framework": master.framework, "fingerprint": master.fingerprint, "source": master.source,
        "opds": [{"code": o.code, "name": o.name, "aliases": list(o.aliases), "emails": list(o.contact.emails),
                  "whatsapp": o.contact.whatsapp, "contact_person": o.contact.person} for o in master.registry],
        "domains": [{"number": d.number, "name": d.name, "weight": round(d.weight, 9),
                     "aspects": [{"number": a.number, "name": a.name, "weight": round(a.weight, 9),
                                  "indicators": list(a.indicators)} for a in d.aspects]}
                    for d in master.domains],
        "indicators": [{col.key: master_json_value(ind, col) for col in master.file_columns}
                       for ind in master.rows],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def master_table(master: MasterList, lang: str = "id", width: int = 120) -> str:
    """A plain-text table for the terminal: the columns of the model shown by ``master show``."""
    cols = master.table_columns
    rows = [[_table_text(col, master_cell_value(ind, col.key, lang)) for col in cols]
            for ind in master.rows]
    headers = [_table_header(col, lang) for col in cols]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    ind_i = [c.key for c in cols].index("indicator")
    fixed = sum(w for i, w in enumerate(widths) if i != ind_i) + 2 * (len(cols) - 1)
    widths[ind_i] = max(20, min(widths[ind_i], width - fixed))
    right = [c.kind in (Kind.INT, Kind.WEIGHT) for c in cols]

    def fmt(row):
        cells = []
        for i, v in enumerate(row):
            v = v if len(v) <= widths[i] else v[: widths[i] - 1] + "…"
            cells.append(v.rjust(widths[i]) if right[i] else v.ljust(widths[i]))
        return "  ".join(cells).rstrip()

    title = " - ".join(x for x in (master.title, master.institution) if x)
    counted = {"count": len(master.indicators), "actions": len(master.actions)}
    lines = [t("master.table.title.actions" if master.numbered else "master.table.title", lang, title=title,
               fingerprint=master.fingerprint, **counted),
             fmt(headers), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in rows]
    return "\n".join(lines)


def _table_text(col: Column, v) -> str:
    return f"{v:.2f}" if col.kind is Kind.WEIGHT else str(v)


def _table_header(col: Column, lang: str) -> str:
    """A column's short header in the terminal table (``master.table.<key>``), else its label."""
    key = f"master.table.{col.key}"
    return t(key, lang) if key in TEXTS else column_label(col, lang)
