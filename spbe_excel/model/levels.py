"""Maturity levels and index predicates of the SPBE evaluation: level names
per level kind, and the predikat of an index value.

Both are data of the evaluation frameworks (``spbe_excel/data/frameworks/<id>/``:
``tingkat.csv`` and ``predikat.csv``), read once here.  The code uses one set
of level names and predicates for every plan, so the embedded frameworks must
agree on them (PermenPANRB 5/2018 and 59/2020 do); a framework that did not
would stop the import with a message saying so.
"""

from __future__ import annotations

import csv
import io
from importlib import resources

from spbe_excel.model.vocab import LevelKind

LEVEL_KIND_NAMES: dict[LevelKind, tuple[str, str]] = {
    LevelKind.CAPABILITY: ("Kapabilitas", "Capability"),
    LevelKind.SERVICE: ("Layanan", "Service"),
}

LEVELS_FILE, PREDICATES_FILE = "tingkat.csv", "predikat.csv"


def level_kind_of(text: str) -> LevelKind | None:
    """The level kind a cell names ("Kapabilitas", "capability", "Layanan", "service"), or None."""
    key = text.strip().lower()
    for kind, names in LEVEL_KIND_NAMES.items():
        if key in (names[0].lower(), names[1].lower(), kind.value):
            return kind
    return None


def parse_level_names(text: str) -> dict[LevelKind, dict[int, tuple[str, str]]]:
    """``tingkat.csv``: Jenis Tingkat, Tingkat, Nama, Name -> names by kind and level."""
    found: dict[LevelKind, dict[int, tuple[str, str]]] = {}
    for row in list(csv.reader(io.StringIO(text)))[1:]:
        if not row:
            continue
        kind = level_kind_of(row[0])
        if kind is None:
            raise ValueError(f"{LEVELS_FILE}: unknown level kind {row[0]!r}")
        found.setdefault(kind, {})[int(row[1])] = (row[2].strip(), row[3].strip())
    return found


def parse_predicates(text: str) -> tuple[tuple[float, tuple[str, str]], ...]:
    """``predikat.csv``: Batas Bawah, Predikat, Predicate -> lower bounds, highest first."""
    rows = [r for r in list(csv.reader(io.StringIO(text)))[1:] if r]
    return tuple(sorted(((float(r[0]), (r[1].strip(), r[2].strip())) for r in rows), key=lambda x: -x[0]))


def framework_dirs() -> list:
    """The folder of every embedded framework, by id."""
    root = resources.files("spbe_excel") / "data" / "frameworks"
    return sorted((d for d in root.iterdir() if d.is_dir() and not d.name.startswith(("_", "."))),
                  key=lambda d: d.name)


def _load() -> tuple[dict, tuple]:
    sets = [(d.name, parse_level_names(d.joinpath(LEVELS_FILE).read_text(encoding="utf-8")),
             parse_predicates(d.joinpath(PREDICATES_FILE).read_text(encoding="utf-8"))) for d in framework_dirs()]
    first = sets[0]
    for other in sets[1:]:
        if other[1:] != first[1:]:
            raise RuntimeError(f"the frameworks {first[0]} and {other[0]} name levels or predicates differently; "
                               "spbe-excel supports one set of level names and predicates")
    return first[1], first[2]


# Maturity level names per level kind, and the predicate of an index value (lower bounds, highest first).
LEVEL_NAMES, PREDICATES = _load()


def predicate_index(value: float) -> int:
    """Which predikat an index value earns (its position in :data:`PREDICATES`, best first), judged on the
    value rounded to two decimals (the way it is reported)."""
    v = round(value + 1e-12, 2)
    return next((n for n, (low, _) in enumerate(PREDICATES) if v >= low), len(PREDICATES) - 1)
