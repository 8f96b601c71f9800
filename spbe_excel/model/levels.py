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
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources

from spbe_excel.model.vocab import LevelKind

LEVEL_KIND_NAMES: dict[LevelKind, tuple[str, str]] = {
    LevelKind.CAPABILITY: ("Kapabilitas", "Capability"),
    LevelKind.SERVICE: ("Layanan", "Service"),
}

LEVELS_FILE, PREDICATES_FILE, RULES_FILE = "tingkat.csv", "predikat.csv", "predikat-aturan.csv"


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


def round_half_up(value: float, digits: int = 2) -> float:
    """``value`` rounded to ``digits`` decimals, halves up, as Excel's ROUND and the evaluators round (1.795
    to 1.80, 2.625 to 2.63), not as Python's ``round`` (which rounds the binary value: 1.79, 2.62).  The value
    is read to 9 decimals first, so that the noise of a sum of weights (2.6399999999950006) does not count."""
    exact = Decimal(repr(round(value, 9)))
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


EXACT_DIGITS = 9  # the unrounded index, read without the noise of a sum of floats


@dataclass(frozen=True)
class PredicateRule:
    """How an evaluation turns an index into its predikat: on the index rounded to two decimals (the printed
    figure), or on the exact index (``exact``).  ``year``: the evaluation from which on it holds; ``source``:
    where that is seen (``predikat-aturan.csv`` of each framework)."""

    year: int
    exact: bool
    source: str = ""


def parse_predicate_rules(text: str) -> tuple[PredicateRule, ...]:
    """``predikat-aturan.csv``: Tahun Evaluasi, Aturan (dibulatkan | tepat), Sumber -> rules, oldest first."""
    rules = []
    for row in [r for r in list(csv.reader(io.StringIO(text)))[1:] if r]:
        rule = row[1].strip().lower()
        if rule not in ("dibulatkan", "tepat"):
            raise ValueError(f"{RULES_FILE}: unknown rule {row[1]!r} (dibulatkan or tepat)")
        rules.append(PredicateRule(int(row[0]), rule == "tepat", row[2].strip() if len(row) > 2 else ""))
    return tuple(sorted(rules, key=lambda r: r.year))


def rule_of_year(rules: tuple[PredicateRule, ...], year: int) -> PredicateRule:
    """The rule of the evaluation of ``year``: the last one seen from that year or before (the first one for
    an earlier year); the rounded rule when a framework lists none."""
    if not rules:
        return PredicateRule(year, False)
    return next((r for r in reversed(rules) if r.year <= year), rules[0])


def judged_value(value: float, exact: bool = False) -> float:
    """The figure a predikat is judged on: the index rounded half up to two decimals, or the exact index."""
    return round(value, EXACT_DIGITS) if exact else round_half_up(value, 2)


def predicate_index(value: float, exact: bool = False) -> int:
    """Which predikat an index value earns (its position in :data:`PREDICATES`, best first), judged on the
    value rounded to two decimals (the way it is reported) or, by the rule of the 2024 evaluation, on the
    exact value (``exact``)."""
    v = judged_value(value, exact)
    return next((n for n, (low, _) in enumerate(PREDICATES) if v >= low), len(PREDICATES) - 1)


def threshold_unmet(value: float) -> float | None:
    """The lower bound of the next predikat when the index, printed to two decimals, reads at or over it but
    the exact index does not reach it (3.4985 prints as 3.50, Sangat Baik's bound, and is Baik by the exact
    rule); None otherwise."""
    shown, exact = predicate_index(value), predicate_index(value, exact=True)
    return PREDICATES[shown][0] if shown != exact else None
