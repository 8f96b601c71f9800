"""What a plan workbook (``master new``) adds to a master list, as
:func:`~spbe_excel.master.load.load_master` reads it.

* **Extra actions.**  The indicator sheet holds one row per indicator of the
  framework, its framework cells locked.  An indicator with more than one
  action gets the others on the sheet *Aksi Tambahan* (Extra Actions): a row
  per action with the indicator's No, its own Tindak Lanjut, Target Waktu and
  OPD Terkait, and a Rekomendasi of its own or (empty) the indicator's.
  :func:`with_extra_actions` turns that sheet into rows of the indicator
  table, each right after its indicator's row and carrying the indicator's
  own cells (name, levels, domain, aspect, weight, level kind), so that the
  table reads as one row per action, several rows sharing a No.  A problem in
  such a row points at the cell it comes from: the extra sheet's for the
  action's cells, the indicator sheet's for the indicator's.
* **Lanjutan** (carried over): "ya" on a row of an action carried from last
  year's plan (``master new --from``); :func:`carried_positions` finds them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spbe_excel.master.check import Problems
from spbe_excel.master.tables import Table, header_map
from spbe_excel.model import values
from spbe_excel.model.columns import BY_KEY, MASTER_FILE_COLUMNS, Column, Kind, Source, norm

# Columns only a plan workbook has (not columns of the monitoring sheet, not in the fingerprint).
CARRIED = Column("carried_over", "Lanjutan", "Carried Over", Kind.TEXT, Source.MASTER,
                 ("aksi lanjutan", "lanjutan tahun lalu", "carried over", "carry over", "carried"), width=10,
                 in_template=False)
CARRIED_FROM = Column("carried_from", "Asal Lanjutan", "Carried Over From", Kind.TEXT, Source.MASTER,
                      ("asal", "dari rencana lalu", "carried from", "origin"), width=30, in_template=False)
YES = frozenset({"ya", "y", "yes", "true", "1", "x", "v", "lanjutan"})

ACTION_KEYS = ("recommendation", "follow_up", "target_year", "opds", "carried_over")  # an action's own cells
EXTRA_COLUMNS: tuple[Column, ...] = (BY_KEY["no"], *(BY_KEY[k] for k in ACTION_KEYS[:4]), CARRIED)
INDICATOR_COLUMNS: tuple[Column, ...] = (*MASTER_FILE_COLUMNS, CARRIED)


def is_carried(value: object) -> bool:
    return not values.is_empty(value) and norm(value) in YES


@dataclass
class CombinedTable(Table):
    """The indicator table with the extra actions placed after their
    indicators' rows.  ``sources[r]`` says where combined row ``r`` comes
    from: its indicator sheet row and, for an extra action, the extra sheet's
    row and which combined columns come from it."""

    main: Table | None = None
    sources: list[tuple[int, Table | None, int, dict[int, int]]] = field(default_factory=list)

    def cell(self, r: int, c: int) -> str:
        main_row, extra, extra_row, columns = self.sources[r]
        if extra is not None and c in columns:
            return extra.cell(extra_row, columns[c])
        assert self.main is not None
        return self.main.cell(main_row, c)


def _data_rows(table: Table, header_row: int, cols: dict[str, int]) -> list[int]:
    """The rows below the header with a value in one of the mapped columns."""
    present = sorted(cols.values())
    return [r for r in range(header_row + 1, len(table.rows))
            if any(c < len(table.rows[r]) and not values.is_empty(table.rows[r][c]) for c in present)]


def _at(table: Table, r: int, c: int | None):
    row = table.rows[r]
    return row[c] if c is not None and c < len(row) else ""


def _extra_actions(extra: Table, known: set[int], problems: Problems) -> dict[int, list[int]]:
    """The rows of the extra sheet that hold an action, by indicator No;
    a row without a No or with a No the indicator sheet does not have is
    reported.  A row with a No and nothing else is ignored."""
    header = header_map(extra, EXTRA_COLUMNS)
    if header is None or "no" not in header[1]:
        return {}
    header_row, cols = header
    action_cols = [cols[k] for k in ACTION_KEYS if k in cols]
    found: dict[int, list[int]] = {}
    for r in _data_rows(extra, header_row, cols):
        if all(values.is_empty(_at(extra, r, c)) for c in action_cols):
            continue
        cell = _at(extra, r, cols["no"])
        if values.is_empty(cell):
            problems.add(extra.cell(r, cols["no"]), "master.p.extra_no")
            continue
        try:
            no = values.parse_int(cell)
        except values.ParseError:
            no = None
        if no not in known:
            problems.add(extra.cell(r, cols["no"]), "master.p.extra_unknown_no", value=values.as_text(cell))
            continue
        found.setdefault(no, []).append(r)
    return found


def _rows_by_no(main: Table, header_row: int, cols: dict[str, int]) -> dict[int, list[int]]:
    """The rows of the indicator sheet by their No."""
    rows_of: dict[int, list[int]] = {}
    for r in _data_rows(main, header_row, cols):
        try:
            rows_of.setdefault(values.parse_int(_at(main, r, cols["no"])), []).append(r)
        except values.ParseError:
            continue
    return rows_of


def _extra_row(own: list, extra: Table, er: int, cols: dict[str, int], ex_cols: dict[str, int]) -> tuple[list, dict]:
    """An extra action as a row of the indicator table: its indicator's row ``own`` with the action's own cells;
    and which combined columns come from the extra sheet (by their column there)."""
    row, taken = list(own), {cols["no"]: ex_cols["no"]}
    for key in ACTION_KEYS:
        if key not in cols or key not in ex_cols:
            continue
        value = _at(extra, er, ex_cols[key])
        if key == "recommendation" and values.is_empty(value):
            continue  # the indicator's recommendation
        row[cols[key]] = value
        taken[cols[key]] = ex_cols[key]
    return row, taken


def _has_action(table: Table, r: int, cols: dict[str, int]) -> bool:
    """Whether row ``r`` names an action: a Tindak Lanjut or an OPD."""
    empty = values.is_empty
    return not (empty(_at(table, r, cols.get("follow_up"))) and empty(_at(table, r, cols.get("opds"))))


def with_extra_actions(main: Table, extra: Table | None, problems: Problems) -> Table:
    """``main`` with the actions of the extra sheet as rows after their
    indicators' (see the module's docstring); ``main`` itself when there is
    no extra action.  An indicator whose own row has no action (Tindak Lanjut
    and OPD Terkait empty) and extra actions is the extra actions alone."""
    header = header_map(main, INDICATOR_COLUMNS)
    if extra is None or header is None or "no" not in header[1]:
        return main
    header_row, cols = header
    rows_of = _rows_by_no(main, header_row, cols)
    extras = _extra_actions(extra, set(rows_of), problems)
    if not extras:
        return main
    ex_cols = (header_map(extra, EXTRA_COLUMNS) or (0, {}))[1]
    width = max(len(main.rows[header_row]), max(cols.values()) + 1)
    head = list(main.rows[header_row]) + [""] * (width - len(main.rows[header_row]))
    if "carried_over" not in cols:
        cols = {**cols, "carried_over": width}
        head.append(CARRIED.label_id)
        width += 1
    combined = CombinedTable(main.name, [list(main.rows[r]) for r in range(header_row)] + [head], main=main)
    combined.sources = [(r, None, 0, {}) for r in range(header_row + 1)]
    no_of = {r: no for no, rows in rows_of.items() for r in rows}
    without_action = {no for no, rows in rows_of.items() if not any(_has_action(main, r, cols) for r in rows)}
    for r in range(header_row + 1, len(main.rows)):
        own = list(main.rows[r]) + [""] * (width - len(main.rows[r]))
        no = no_of.get(r)
        if no not in extras or no not in without_action:
            combined.rows.append(own)
            combined.sources.append((r, None, 0, {}))
        if no in extras and r == rows_of[no][-1]:
            for er in extras[no]:
                row, taken = _extra_row(own, extra, er, cols, ex_cols)
                combined.rows.append(row)
                combined.sources.append((r, extra, er, taken))
    return combined


def carried_positions(table: Table) -> frozenset[int]:
    """The positions, among the rows the loader makes indicators of (every
    row below the header with a value in a master column), of the rows marked
    Lanjutan."""
    header = header_map(table, INDICATOR_COLUMNS)
    if header is None or "carried_over" not in header[1]:
        return frozenset()
    header_row, cols = header
    master_cols = {k: c for k, c in cols.items() if k != "carried_over"}
    rows = _data_rows(table, header_row, master_cols)
    return frozenset(i for i, r in enumerate(rows) if is_carried(_at(table, r, cols["carried_over"])))
