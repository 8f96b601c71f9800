"""The SPBE index from maturity levels and weights (pure; DOMAIN.md).

Aspect and domain indices are the weighted means of their indicators'
levels; the SPBE index is sum(level x weight) / 100.  An indicator counts at
the lowest level reported over all its actions and their OPDs (row 17 of the
seed: one action of two OPDs); an indicator nobody has estimated, or one
without an action this year, counts at its baseline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spbe_excel.master.plan import MasterList


def level_for_index(reported: list[int | None], baseline: int) -> int:
    """The lowest level reported for an indicator, or its baseline."""
    levels = [x for x in reported if x is not None]
    return min(levels) if levels else baseline


def indicator_levels(master: MasterList, reported: Iterable[tuple[int, int | None]]) -> dict[int, int]:
    """The level each indicator of ``master`` counts at (by No): the lowest
    level reported over all its actions and OPDs, else its baseline.
    ``reported``: (indicator No, level estimate or None) of every report."""
    levels: dict[int, list[int | None]] = {}
    for no, level in reported:
        levels.setdefault(no, []).append(level)
    return {ind.no: level_for_index(levels.get(ind.no, []), ind.baseline_level) for ind in master.indicators}


@dataclass(frozen=True)
class IndexPart:
    kind: str  # "aspect" | "domain" | "overall"
    number: int
    name: str
    weight: float
    baseline: float
    estimate: float


@dataclass(frozen=True)
class SpbeIndex:
    levels: dict  # indicator No -> level used for the estimate
    aspects: tuple[IndexPart, ...]
    domains: tuple[IndexPart, ...]
    overall: IndexPart


def compute_index(master: MasterList, levels: dict[int, int]) -> SpbeIndex:
    """Baseline and estimated index per aspect, per domain and overall.
    ``levels`` maps indicator No to the level to use (missing: baseline)."""
    used = {i.no: levels.get(i.no, i.baseline_level) for i in master.indicators}

    def part(kind, number, name, nos):
        rows = [master.indicator(n) for n in nos]
        weight = sum(i.weight for i in rows)
        base = sum(i.weight * i.baseline_level for i in rows) / weight
        est = sum(i.weight * used[i.no] for i in rows) / weight
        return IndexPart(kind, number, name, weight, base, est)

    aspects = tuple(part("aspect", a.number, a.name, a.indicators) for d in master.domains for a in d.aspects)
    domains = tuple(part("domain", d.number, d.name, [n for a in d.aspects for n in a.indicators])
                    for d in master.domains)
    total = sum(i.weight for i in master.indicators)
    overall = IndexPart("overall", 0, "SPBE", total,
                        sum(i.weight * i.baseline_level for i in master.indicators) / 100,
                        sum(i.weight * used[i.no] for i in master.indicators) / 100)
    return SpbeIndex(used, aspects, domains, overall)
