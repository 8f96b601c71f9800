"""The actions of an indicator: their ids, and the rows of one indicator agreeing.

A plan lists one row per action; several rows may share a No, one per
action of that indicator.  An action's id is its No ("5") when the indicator
has one action, and "5.1", "5.2", ... when it has several: written in an
optional Aksi column, or numbered in row order.  A row without follow-up and
OPDs is the indicator without an action this year (id: its No); it must be
the indicator's only row.  The indicator's own columns (name, levels,
framework) repeat on each of its rows and must agree.

:func:`action_parts` reads an id the way people and spreadsheets write it
("5.1", "5,1", "No. 5.10", the number 5.1): the reader uses it too.
"""

from __future__ import annotations

import re

from spbe_excel.master.check import Problems
from spbe_excel.master.plan import Indicator, default_target_level
from spbe_excel.master.tables import Table
from spbe_excel.model import values
from spbe_excel.model.columns import BY_KEY, Kind, norm

_ID = re.compile(r"(?:nomor|no|aksi|action)?\.?\s*(\d{1,6})(?:\s*[.,]\s*(\d{1,4}))?\.?", re.IGNORECASE)


def action_parts(value) -> tuple[int, str | None] | None:
    """(indicator No, the action's number as written, without leading zeros) of an action id: ``5``,
    ``"5"`` and ``"5.0"`` -> (5, None); ``"5.1"``, ``"5,1"``, ``"No. 5.1"`` -> (5, "1"); ``"5.10"`` -> (5, "10"); the
    number 5.1 -> (5, "1") (a 5.10 typed into a number cell is stored as 5.1: the caller decides).  None for
    anything else."""
    if value.__class__ is int:
        return (value, None) if value >= 0 else None
    if value.__class__ is float:
        if value < 0 or value != value:
            return None
        if value.is_integer():
            return int(value), None
        value = repr(value)
    elif not isinstance(value, str):
        return None
    m = _ID.fullmatch(value.strip())
    if m is None:
        return None
    k = m.group(2)
    return int(m.group(1)), (k.lstrip("0") or None) if k is not None else None  # "5.0" is 5


def action_id(no: int, number: str | int | None) -> str:
    return str(no) if number is None else f"{no}.{number}"


# ---- loading: ids ------------------------------------------------------------------------------------------

def assign_actions(table: Table, cols: dict[str, int], rows: list[tuple[int, dict]], problems: Problems) -> None:
    """Give each parsed row (``(row, values)``, values by column key) its action id (``values["action"]``):
    the one its Aksi cell names, checked against its No and unique; else numbered in row order.  A row
    without follow-up and OPDs (``opds`` None) is the indicator without an action: its id is its No, and it
    must be the indicator's only row."""
    by_no: dict[int, list[tuple[int, dict]]] = {}
    for r, parsed in rows:
        by_no.setdefault(parsed["no"], []).append((r, parsed))
    if rows and all(parsed["opds"] is None for _, parsed in rows):
        problems.add(table.cell(rows[0][0], cols.get("follow_up", 0)), "master.p.no_action")
    seen: dict[str, int] = {}
    c = cols.get("action")
    for no, mine in by_no.items():
        several = len(mine) > 1
        if several:
            _share_target(mine)
        for position, (r, parsed) in enumerate(mine, 1):
            if parsed["opds"] is None:
                parsed["action"] = str(no)
                if several:  # an action with its follow-up and OPDs missing
                    for key in ("follow_up", "opds"):
                        problems.add(table.cell(r, cols.get(key, 0)), "master.p.required", column=key)
                continue
            aid = _written_id(table, r, c, no, parsed.get("action"), several, problems)
            if aid is None:
                aid = action_id(no, position if several else None)
            parsed["action"] = aid
            first = seen.setdefault(aid, r)
            if first != r:
                problems.add(table.cell(r, c if c is not None else cols["no"]), "master.p.duplicate_action",
                             action=aid, other=table.cell(first, c if c is not None else cols["no"]))


def _share_target(rows: list[tuple[int, dict]]) -> None:
    """The target level is the indicator's: a row that leaves it empty takes the one another row of its
    indicator writes, else the natural one for its first row (which an action's own recommendation could
    otherwise change)."""
    targets = [parsed["target_level"] for _, parsed in rows if parsed["target_level"] is not None]
    first = rows[0][1]
    target = targets[0] if targets else default_target_level(first["level_kind"], first["baseline_level"],
                                                             first["recommendation"] or "")
    for _, parsed in rows:
        if parsed["target_level"] is None:
            parsed["target_level"] = target


def _written_id(table: Table, r: int, c: int | None, no: int, written, several: bool,
                problems: Problems) -> str | None:
    """The id an Aksi cell gives (None when the cell is empty or bad: a bad one is reported)."""
    if c is None or written is None or written == "":
        return None
    parts = action_parts(written)
    if parts is None or parts[0] != no or (several and parts[1] is None):
        problems.add(table.cell(r, c), "master.p.action_id", value=values.as_text(written), no=no,
                     example=action_id(no, 1))
        return None
    return action_id(*parts)


# ---- loading: the rows of one indicator agree --------------------------------------------------------------

_SHARED = ("domain", "aspect", "weight", "level_kind", "baseline_level", "target_level")  # and the name


def check_indicator_rows(table: Table, cols: dict[str, int], rows: list[tuple[int, Indicator]],
                         problems: Problems) -> None:
    """Every row of an indicator repeats its own columns: a row whose name differs from its No's first row
    is another indicator under a repeated No (reported at the No); any other column that differs is
    reported at its cell."""
    first: dict[int, tuple[int, Indicator]] = {}
    for r, ind in rows:
        r0, ind0 = first.setdefault(ind.no, (r, ind))
        if r0 == r:
            continue
        if norm(ind.indicator) != norm(ind0.indicator):
            problems.add(table.cell(r, cols["no"]), "master.p.duplicate_no", no=ind.no,
                         other=table.cell(r0, cols["no"]), name=ind0.indicator[:80])
            continue
        for key in _SHARED:
            mine, theirs = ind.get(key), ind0.get(key)
            same = norm(mine) == norm(theirs) if BY_KEY[key].kind is Kind.TEXT else mine == theirs
            if not same:
                c = cols.get(key, cols.get("baseline_level", 0))
                problems.add(table.cell(r, c), "master.p.indicator_differs", column=key,
                             no=ind.no, other=table.cell(r0, c), value=_shown(theirs))


def _shown(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return values.as_text(getattr(value, "value", value))
