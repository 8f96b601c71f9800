"""Find the monitoring table on a sheet: its header row, the column of each
key (labels and synonyms, in any order and language), and the fields of the
header block above it ("Perangkat Daerah: Bappeda").

Pure functions over the rows a parser returned (lists of cell values).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spbe_excel.model import values
from spbe_excel.model.columns import BY_KEY, HEADER_FIELDS, OPD_COLUMNS, TEMPLATE_COLUMNS, col_letter, norm
from spbe_excel.text import t

HEADER_SCAN_ROWS = 40
MAX_LABEL = 80  # a header label is never longer; longer cells are data

_REMARK = re.compile(r"\(.*?\)|\[.*?\]")


@lru_cache(maxsize=8192)
def _header_candidates(text: str) -> tuple[str, ...]:
    """Normalised forms of a header cell: whole, first line, without a
    parenthesised remark ("Progres (%)\\n(0-100)" -> "progres").  Cached:
    the same labels come back in every file."""
    out = [norm(text)]
    first = text.strip().split("\n", 1)[0]
    out.append(norm(first))
    out.append(norm(_REMARK.sub(" ", first)))
    return tuple(c for c in dict.fromkeys(out) if c)


def header_key(cell) -> str | None:
    """The column key a cell names as a header, or None."""
    if not isinstance(cell, str) or len(cell) > MAX_LABEL or not cell.strip():
        return None
    for cand in _header_candidates(cell):
        key = _HEADER_LOOKUP.get(cand)
        if key is not None:
            return key
    return None


_HEADER_LOOKUP: dict[str, str] = {}
for _col in (*TEMPLATE_COLUMNS, BY_KEY["action"]):  # an Aksi column of its own, in a sheet made by hand
    for _k in _col.header_keys():
        _HEADER_LOOKUP.setdefault(_k, _col.key)

_TEMPLATE_KEYS = frozenset(c.key for c in TEMPLATE_COLUMNS)  # a row naming all of them is the header

_FIELD_LOOKUP: dict[str, str] = {}
for _f in HEADER_FIELDS:
    for _lang in ("id", "en"):
        _FIELD_LOOKUP.setdefault(norm(t(_f.label_key, _lang)), _f.key)
    for _s in _f.synonyms:
        _FIELD_LOOKUP.setdefault(norm(_s), _f.key)

_OPD_KEYS = {c.key for c in OPD_COLUMNS}


@lru_cache(maxsize=4096)
def field_key(label: str) -> str | None:
    """The header-block field a label names ("Perangkat Daerah" -> "opd"), or None."""
    return _FIELD_LOOKUP.get(norm(label))


def match_header_row(row: list) -> dict[str, int]:
    """Column key -> 0-based column, for every cell of ``row`` that names a column (the first one wins)."""
    found: dict[str, int] = {}
    for c, cell in enumerate(row):
        key = header_key(cell)
        if key is not None and key not in found:
            found[key] = c
    return found


def _good_header(found: dict[str, int]) -> bool:
    return ("no" in found or "indicator" in found) and len(set(found) & _OPD_KEYS) >= 2 and len(found) >= 3


def names_columns(present: dict) -> bool:
    """A row whose cells name their own columns, three or more of them: a repeated header."""
    return sum(1 for k, v in present.items() if header_key(v) == k) >= 3


def find_header(rows: list[list], hint: int | None = None) -> tuple[int, int, dict[str, int]] | None:
    """(header row, first data row, column map) or None.

    The header is the row (among the first 40) that names the most columns;
    rows more than two below the first good one are not considered.  It may
    have a second row of sub-labels under a merged group label ("Anggaran"
    over "Pagu" and "Realisasi"): that row only adds columns to a row that
    is a header on its own.  ``hint`` (the template's header row) is tried
    first."""
    best = None
    for r in _scan_order(len(rows), hint):
        if best is not None and r > best[0] + 2:
            break
        one = match_header_row(rows[r])
        if not _good_header(one):
            continue
        merged = _with_sub_labels(one, rows[r + 1]) if r + 1 < len(rows) else None
        combined, start = (one, r + 1) if merged is None else (merged, r + 2)
        if best is None or len(combined) > len(best[2]):
            best = (r, start, combined)
            if _TEMPLATE_KEYS.issubset(combined):  # names every column: no other row can do better
                break
    return best


def _scan_order(n_rows: int, hint: int | None) -> list[int]:
    """The rows to look at for a header, in order: the hinted one and the two below it first."""
    order = list(range(min(HEADER_SCAN_ROWS, n_rows)))
    if hint is not None and 0 <= hint < len(order):
        first = (hint, hint + 1, hint + 2)
        order = [r for r in (*first, *(r for r in order if r not in first)) if r < n_rows]
    return order


def _with_sub_labels(one: dict[str, int], below: list) -> dict[str, int] | None:
    """The header ``one`` with the columns that a row of sub-labels ``below`` it adds, or None when that row
    is no such row or adds nothing."""
    two = match_header_row(below)
    if not two or _good_header(two):
        return None
    merged = dict(one)
    taken = set(one.values())
    for key, c in two.items():
        if key not in merged and c not in taken:
            merged[key] = c
            taken.add(c)
    return merged if len(merged) > len(one) else None


def header_block(rows: list[list]) -> dict[str, tuple[str, str, object]]:
    """field -> (text, cell, raw value) from the rows above the table: a
    label with its value after a colon in the same cell, or in the next
    cell of the row that holds something."""
    out: dict = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if not isinstance(cell, str) or not cell.strip() or len(cell) > MAX_LABEL:
                continue
            label, _, after = cell.partition(":")
            key = field_key(label)
            if key is None or key in out:
                continue
            if after.strip():
                out[key] = (after.strip(), f"{col_letter(c)}{r + 1}", after.strip())
                continue
            for c2 in range(c + 1, len(row)):
                v = row[c2]
                if not values.is_empty(v):
                    if isinstance(v, str) and field_key(v.partition(":")[0]) is not None:
                        break  # the next label, this field is empty
                    out[key] = (values.as_text(v).strip(), f"{col_letter(c2)}{r + 1}", v)
                    break
    return out
