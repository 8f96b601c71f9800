"""Maturity levels and index predicates of the SPBE evaluation (DOMAIN.md):
level names per level kind, and the predikat of an index value."""

from __future__ import annotations

from spbe_excel.model.vocab import LevelKind
from spbe_excel.text import pick

# Maturity level names (DOMAIN.md): capability indicators and service indicators.
LEVEL_NAMES: dict[LevelKind, dict[int, tuple[str, str]]] = {
    LevelKind.CAPABILITY: {
        1: ("Rintisan", "Initial"),
        2: ("Terkelola", "Managed"),
        3: ("Terdefinisi", "Defined"),
        4: ("Terpadu dan Terukur", "Integrated and Measured"),
        5: ("Optimum", "Optimum"),
    },
    LevelKind.SERVICE: {
        1: ("Informasi", "Information"),
        2: ("Interaksi", "Interaction"),
        3: ("Transaksi", "Transaction"),
        4: ("Kolaborasi", "Collaboration"),
        5: ("Optimalisasi", "Optimization"),
    },
}

LEVEL_KIND_NAMES: dict[LevelKind, tuple[str, str]] = {
    LevelKind.CAPABILITY: ("Kapabilitas", "Capability"),
    LevelKind.SERVICE: ("Layanan", "Service"),
}


def level_label(level: int, kind: LevelKind, lang: str = "id") -> str:
    """``"3 - Terdefinisi"``: the form used in dropdowns and workbooks."""
    return f"{level} - {pick(LEVEL_NAMES[kind][level], lang)}"


# Predicate of an index value (DOMAIN.md); lower bounds, highest first.
PREDICATES: tuple[tuple[float, tuple[str, str]], ...] = (
    (4.2, ("Memuaskan", "Satisfactory")),
    (3.5, ("Sangat Baik", "Very Good")),
    (2.6, ("Baik", "Good")),
    (1.8, ("Cukup", "Fair")),
    (0.0, ("Kurang", "Poor")),
)
