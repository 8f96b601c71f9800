"""Reading an earlier consolidated workbook (``--previous``): what it says per
(action, OPD), so that this period can be compared with it.  A workbook
without an Aksi column (a plan with one action per indicator, or written
before actions had ids) gives each row the action of its No."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

from spbe_excel.errors import PreviousWorkbookError
from spbe_excel.master import MasterList, action_id, action_parts
from spbe_excel.model import values
from spbe_excel.model.columns import META_SHEET, WORKBOOK_FORMAT


def _not_ours(path: Path) -> PreviousWorkbookError:
    return PreviousWorkbookError("usage.previous_not_ours", path=path)


def _parse_fraction(v: object) -> float:
    return values.parse_percent(v, fractions=True)


def _cell(row: list, col: dict[str, int], key: str, parse: Callable[[object], object]) -> object:
    """The value of column ``key`` in ``row`` parsed with ``parse``; None when
    the column is missing, the cell empty or its value unreadable."""
    v = row[col[key]] if key in col and col[key] < len(row) else None
    if values.is_empty(v):
        return None
    try:
        return parse(v)
    except values.ParseError:
        return None


def _action(row: list, col: dict[str, int], no: int) -> str:
    """The action of a Monev row: its Aksi cell (as written: the workbook writes it as text), else its No."""
    c = col.get("action")
    parts = action_parts(row[c]) if c is not None and c < len(row) else None
    return action_id(*parts) if parts is not None and parts[0] == no else str(no)


def open_with_meta(path: Path):
    """A workbook this tool may have written, opened with python-calamine after the same checks as any
    submission: (book, sheet names, the entries of its metadata sheet).  Raises whatever the checks or the
    parser raise for a file that cannot be opened."""
    import python_calamine

    from spbe_excel.read.safety.sniff import sniff

    data = path.read_bytes()
    sniff(data)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    names = book.sheet_names
    meta: dict[str, str] = {}
    if META_SHEET in names:
        for row in book.get_sheet_by_name(META_SHEET).to_python()[:50]:
            if len(row) >= 2 and row[0]:
                meta[str(row[0])] = values.as_text(row[1])
    return book, names, meta


def read_previous(path: str | os.PathLike, master: MasterList) -> dict:
    """What an earlier consolidated workbook (written by this tool) says per
    (action id, OPD): progress, level estimate, achievements.  Refuses any
    other file with :class:`PreviousWorkbookError`."""
    from spbe_excel.model.columns import norm

    path = Path(path)
    try:
        book, names, meta = open_with_meta(path)
    except Exception:
        raise PreviousWorkbookError("usage.previous_unreadable", path=path) from None
    if meta.get("format") != WORKBOOK_FORMAT:
        raise _not_ours(path)
    sheet = meta.get("monev_sheet", "")
    if sheet not in names:
        raise _not_ours(path)
    rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    header_row = int(meta.get("monev_header_row", "1")) - 1
    keys = meta.get("monev_columns", "").split(",")
    if header_row >= len(rows) or not keys:
        raise _not_ours(path)
    col = {k: i for i, k in enumerate(keys)}
    counts_claims = meta.get("version", "1").isdigit() and int(meta.get("version", "1")) >= 2
    out = {}
    for row in rows[header_row + 1:]:
        try:
            no = values.parse_int(row[col["no"]])
        except (values.ParseError, IndexError, KeyError):
            continue
        action = _action(row, col, no)
        opd = str(row[col["opd"]]).strip()
        out[(action, opd)] = {
            "progress": _cell(row, col, "progress", _parse_fraction),
            "level": _cell(row, col, "current_level", values.parse_level),
            "achievement": _cell(row, col, "achievement", values.as_text),
            # the level the pair counted at (a workbook of version 2 on: before, a claim counted unsupported)
            "counted": _cell(row, col, "level_used", values.parse_level) if counts_claims else None,
        }
    if not out and norm(meta.get("fingerprint", "")) != norm(master.fingerprint):
        raise _not_ours(path)
    return out
