"""Tables of a master file as plain rows: read from CSV text or files and
from workbooks, with the header row found by the labels of the columns."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from spbe_excel.errors import MasterListError
from spbe_excel.model.columns import Column, a1, norm
from spbe_excel.text import t


@dataclass
class Table:
    name: str  # sheet name, or file name for a csv
    rows: list[list]

    def cell(self, r: int, c: int) -> str:
        return f"{self.name}!{a1(r, c)}"


def read_csv_text(text: str, name: str) -> Table:
    """Parse CSV text; the delimiter (``,`` ``;`` or tab, as Excel writes
    in different locales) is the one the header line uses most."""
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    return Table(name, list(csv.reader(io.StringIO(text), delimiter=delimiter)))


def read_csv_file(path: Path) -> Table:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return read_csv_text(raw.decode(enc), path.name)
        except UnicodeDecodeError:
            continue
    return read_csv_text(raw.decode("latin-1"), path.name)


def read_workbook(path: Path) -> dict[str, Table]:
    """Every sheet of a workbook by name, in workbook order.  Raises
    :class:`MasterListError` for a file that cannot be read or has no sheet."""
    import python_calamine

    try:
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        tables = {n: Table(n, wb.get_sheet_by_name(n).to_python()) for n in wb.sheet_names}
    except Exception as exc:  # calamine raises several unrelated types
        raise MasterListError("master.unreadable", path=path, reason=str(exc) or type(exc).__name__) from None
    if not tables:
        raise MasterListError("master.unreadable", path=path, reason="no sheets")
    return tables


def sheet_lookup(names, label_key: str) -> str | None:
    """The sheet named by the text ``label_key`` in any language, if there is one."""
    wanted = {norm(t(label_key, lang)) for lang in ("id", "en")}
    return next((n for n in names if norm(n) in wanted), None)


def header_map(table: Table, columns: tuple[Column, ...]) -> tuple[int, dict[str, int]] | None:
    """Find the header row (the one of the first 10 that names most columns)
    and map column keys to indexes."""
    best: tuple[int, dict[str, int]] = (-1, {})
    for r, row in enumerate(table.rows[:10]):
        found: dict[str, int] = {}
        for c, cell in enumerate(row):
            key = norm(cell)
            for col in columns:
                if col.key not in found and key and key in col.header_keys():
                    found[col.key] = c
                    break
        if len(found) > len(best[1]):
            best = (r, found)
    return best if best[0] >= 0 else None
