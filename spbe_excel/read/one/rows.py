"""Rows of a monitoring table: which rows report something (not a repeated header, a total or a section
title), which action each reports, their values parsed the way people type them, and what cannot be read:
rows of no known indicator or action, another OPD's action, an action reported twice, a value that does
not parse."""

from __future__ import annotations

import re

from spbe_excel.master import Indicator, MasterList
from spbe_excel.model import values
from spbe_excel.model.columns import OPD_COLUMNS, norm
from spbe_excel.model.findings import Finding, make
from spbe_excel.model.submission import ReportRow, SheetTable
from spbe_excel.model.vocab import RowState
from spbe_excel.read.one.header import header_key, names_columns
from spbe_excel.read.one.match import match_action

_TOTAL_WORDS = ("jumlah", "total", "grandtotal", "ratarata", "subtotal", "average")


def listed_actions(meta: dict[str, str]) -> frozenset[str]:
    """The action ids a template's metadata lists (a plan with several actions per indicator)."""
    listed = meta.get("actions", "")
    return frozenset(listed.split(",")) if listed else frozenset()


Candidate = tuple[int, dict, int | None, str | None]  # row index, present cells by key, indicator No, action id


def candidate_rows(table: SheetTable, master: MasterList, allowed: frozenset[str] = frozenset()) -> list[Candidate]:
    """(row index, present cells by key, matched indicator No, matched action) for every row
    that holds something and is not a repeated header, total or section title."""
    out: list[Candidate] = []
    rows, formulas = table.rows, table.formulas
    items = list(table.columns.items())
    first_key = min(items, key=lambda kc: kc[1])[0]
    for r in range(table.data_start, len(rows)):
        row = rows[r]
        width = len(row)
        present = {}
        for key, c in items:
            if c < width:
                v = row[c]
                if v != "" and v is not None and not (v.__class__ is str and not v.strip()):
                    present[key] = v
        if not present:
            if formulas and any(f"{letter}{r + 1}" in formulas for letter in table.letters.values()):
                out.append((r, present, None, None))
            continue
        if header_key(present.get(first_key)) == first_key and names_columns(present):
            continue  # a repeated header row
        no, action = match_action(present, master, allowed)
        if no is None and "no" not in present and _is_total(present):
            continue  # a totals row
        out.append((r, present, no, action))
    return out


def _is_total(present: dict) -> bool:
    label = norm(values.as_text(present.get("indicator", "")))
    return label.startswith(_TOTAL_WORDS) or label in _TOTAL_WORDS


def report_rows(table: SheetTable, candidates: list[Candidate], master: MasterList, opd: str | None,
                fractions: bool, file: str) -> tuple[list[ReportRow], list[Finding]]:
    """The rows of a submission with their values parsed, and what is wrong
    with them: unknown, not the OPD's, repeated, or a value that cannot be read."""
    name, letters, formulas = table.sheet, table.letters, table.formulas
    points = fractions and _points_column(candidates)
    out: list[ReportRow] = []
    findings: list[Finding] = []
    seen: dict[str, int] = {}  # action id -> the row that first reported it
    for r, present, no, action in candidates:
        rr = ReportRow(no=no, action=action, sheet=name, row=r + 1, raw=present, fractions=fractions,
                       letters=letters)
        if formulas:
            rr.formulas = {k: _odf_formula(formulas[cell]) for k, cell in rr.cells.items() if cell in formulas}
        if action is None:
            if rr.has_opd_values or ("no" in present and no is None):
                rr.state = RowState.UNKNOWN
                findings.append(_unknown(rr, present, master, no, opd, file))
                rr.no = None
                out.append(rr)
            continue
        ind = master.action(action)
        if (opd and opd not in ind.opds) or action in seen:
            misplaced = _misplaced(rr, ind, opd, seen, file)
            if misplaced is None:
                continue  # another OPD's empty row, e.g. in the blank template
            rr.state = misplaced[0]
            findings.append(misplaced[1])
        else:
            seen[action] = r + 1
        for col in OPD_COLUMNS:
            if col.key in present:
                try:
                    rr.values[col.key] = values.parse(col.kind, present[col.key], fractions=fractions,
                                                      points_column=points)
                except values.ParseError as exc:
                    findings.append(make("value-invalid", file=file, sheet=name, cell=rr.cell(col.key), opd=opd or "",
                                         indicator=no, action=action, column=col.key, value=rr.shown(col.key),
                                         reason=exc.reason, **exc.params))
        out.append(rr)
    return out, findings


def _points_column(candidates: list[Candidate]) -> bool:
    """Whether a number between 1 and 2 in the progress column is points (values.typed_as_points): the column as
    a whole says so, by holding no fraction of one."""
    return values.points_column([present["progress"] for _, present, _, _ in candidates if "progress" in present])


def _odf_formula(text: str) -> str:
    """A formula as typed: an .ods file keeps it behind its syntax's namespace ("of:=1+1", "oooc:=...",
    "msoxl:=..."), which no one typed."""
    return _ODF_PREFIX.sub("", text, count=1)


_ODF_PREFIX = re.compile(r"^[a-z]+:(?==)")


def _unknown(rr: ReportRow, present: dict, master: MasterList, no: int | None, opd: str | None,
             file: str) -> Finding:
    """The finding of a row that names no indicator, or an indicator but not which of its actions."""
    cell = rr.cell("action") or rr.cell("no") or rr.cell("indicator")
    written = values.as_text(present.get("action", present.get("no", "")))
    if no is None:
        return make("indicator-unknown", file=file, sheet=rr.sheet, cell=cell, opd=opd or "", no=written,
                    text=values.as_text(present.get("indicator", ""))[:80])
    actions = [a.action for a in master.actions_of(no)]
    return make("action-unknown", file=file, sheet=rr.sheet, cell=cell, opd=opd or "", indicator=no,
                value=written, written=written, actions=", ".join(actions) or "-",
                example=actions[0] if actions else str(no))


def _misplaced(rr: ReportRow, ind: Indicator, opd: str | None, seen: dict[str, int],
               file: str) -> tuple[RowState, Finding] | None:
    """The state and finding of a row of another OPD's action or of one
    reported twice; None for another OPD's row left empty (not kept)."""
    cell = rr.cell("no") or rr.cell("indicator")
    if opd and opd not in ind.opds:
        if not rr.has_opd_values:
            return None
        return RowState.NOT_ASSIGNED, make("indicator-not-assigned", file=file, sheet=rr.sheet, cell=cell, opd=opd,
                                           indicator=ind.no, action=ind.action, owners=", ".join(ind.opds) or "-")
    return RowState.DUPLICATE, make("indicator-duplicate", file=file, sheet=rr.sheet, cell=cell, opd=opd or "",
                                    indicator=ind.no, action=ind.action, first=seen[ind.action])


