"""A master list against the framework it names (``master check``).

A plan carries its own Domain, Aspek and Bobot columns, so weights stay
overridable; where they, an indicator's name or its level kind differ from
the framework its Info sheet names (``Kerangka``), each difference is a
warning with its cell.  So is a framework row the plan leaves out, a No the
framework does not have, and a public service the plan has not named yet
(indicators 45-47 of 2020, rows 35-37 of 2018).  Warnings never stop a
command; a plan whose weights do not add up to 100 is an error of the
loader, as before.
"""

from __future__ import annotations

from pathlib import Path

from spbe_excel.master.check import Problems
from spbe_excel.master.framework import Framework, frameworks, resolve_framework
from spbe_excel.master.load import MasterTables, build_master, read_master_tables
from spbe_excel.master.plan import MasterList
from spbe_excel.master.planfile import with_extra_actions
from spbe_excel.master.tables import Table, header_map
from spbe_excel.model import values
from spbe_excel.model.columns import MASTER_FILE_COLUMNS, Kind, norm
from spbe_excel.model.levels import level_kind_of
from spbe_excel.model.problems import MasterProblem
from spbe_excel.text import t


def check_master_file(path: str | Path) -> tuple[MasterList, list[MasterProblem]]:
    """Load the master file ``path`` (:class:`~spbe_excel.errors.MasterListError`
    listing every problem when it cannot be used) and list its warnings."""
    tables = read_master_tables(path)
    master = build_master(tables)
    return master, plan_warnings(tables)


def _known() -> str:
    return ", ".join(f"{fw.id} ({fw.name})" for fw in frameworks())


def named_framework(tables: MasterTables, problems: Problems) -> Framework | None:
    """The framework the Info sheet names; a warning (at its cell) when the sheet names none or one unknown."""
    info = tables.info
    if info is None:
        return None
    labels = {norm(t("master.info.framework", lang)) for lang in ("id", "en")}
    for r, row in enumerate(info.rows):
        if len(row) >= 1 and norm(row[0]) in labels:
            text = values.as_text(row[1]).strip() if len(row) > 1 else ""
            found = resolve_framework(text) if text else None
            if found is None:
                key = "master.w.framework_unknown" if text else "master.w.framework_missing"
                problems.add(info.cell(r, 1), key, value=text, known=_known())
            return found
    problems.add(info.cell(len(info.rows), 0), "master.w.framework_missing", value="", known=_known())
    return None


def plan_warnings(tables: MasterTables) -> list[MasterProblem]:
    """Differences from the named framework, and cells still to fill that do not stop the plan from being used."""
    problems = Problems()
    fw = named_framework(tables, problems)
    if fw is not None:
        table = with_extra_actions(tables.indicators, tables.extra, Problems())
        compare(table, fw, problems)
    return problems.items


def compare(table: Table, fw: Framework, problems: Problems) -> None:
    """One warning per cell of ``table`` that differs from ``fw``, and per framework row the table leaves out."""
    header = header_map(table, MASTER_FILE_COLUMNS)
    if header is None:
        return
    header_row, cols = header
    seen: set[int] = set()
    for r in range(header_row + 1, len(table.rows)):
        row = table.rows[r]

        def cell(key: str, row: list = row):
            c = cols.get(key)
            return row[c] if c is not None and c < len(row) else ""

        try:
            no = values.parse_int(cell("no"))
        except values.ParseError:
            continue
        seen.add(no)
        _compare_row(table, r, cols, no, cell, fw, problems)
    for fr in fw.rows:
        if fr.no not in seen:
            problems.add(table.cell(header_row, cols["no"]), "master.w.missing", no=fr.no, name=fr.name,
                         weight=fr.weight_text, framework=fw.name)


def _compare_row(table: Table, r: int, cols: dict[str, int], no: int, cell, fw: Framework,
                 problems: Problems) -> None:
    fr = fw.row(no)
    if fr is None:
        problems.add(table.cell(r, cols["no"]), "master.w.not_in_framework", no=no, framework=fw.name)
        return
    name = values.as_text(cell("indicator")).strip()
    if fr.named_by_plan and norm(name) == norm(fr.name):
        problems.add(table.cell(r, cols["indicator"]), "master.w.unnamed", value=name)
    elif not fr.named_by_plan and name and norm(name) != norm(fr.name):
        problems.add(table.cell(r, cols["indicator"]), "master.w.name", no=no, expected=fr.name,
                     framework=fw.name)
    for key, expected in (("domain", fr.domain), ("aspect", fr.aspect)):
        value = values.as_text(cell(key)).strip()
        if value and norm(value) != norm(expected):
            problems.add(table.cell(r, cols[key]), f"master.w.{key}", value=value, expected=expected,
                         framework=fw.name)
    weight = cell("weight")
    try:
        differs = abs(values.parse(Kind.WEIGHT, weight) - fr.weight) > 1e-6
    except values.ParseError:
        differs = False  # the loader reports it
    if differs:
        problems.add(table.cell(r, cols["weight"]), "master.w.weight", value=values.as_text(weight),
                     expected=fr.weight_text, framework=fw.name)
    kind = level_kind_of(values.as_text(cell("level_kind")))
    if kind is not None and kind != fr.level_kind:
        problems.add(table.cell(r, cols["level_kind"]), "master.w.kind", value=values.as_text(cell("level_kind")),
                     expected=fr.level_kind, framework=fw.name)
