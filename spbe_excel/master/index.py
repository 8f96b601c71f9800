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

from spbe_excel.master.framework import Framework, frameworks, identify_framework, resolve_framework
from spbe_excel.master.plan import MasterList
from spbe_excel.model.levels import PredicateRule

ROUNDED = PredicateRule(0, False)


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
    baseline: float  # the index at the evaluated levels
    estimate: float  # at the levels counted (a claim counts when supported)
    verified: float  # at the levels DKIS verified (a claim above the baseline counts when marked Sesuai)


@dataclass(frozen=True)
class SpbeIndex:
    levels: dict  # indicator No -> level used for the estimate
    aspects: tuple[IndexPart, ...]
    domains: tuple[IndexPart, ...]
    overall: IndexPart
    baseline_rule: PredicateRule = ROUNDED  # how the evaluation the baseline comes from judges its predikat
    estimate_rule: PredicateRule = ROUNDED  # how the evaluation the plan works toward judges it (and the verified)
    verified_levels: dict | None = None  # indicator No -> level in the verified estimate (None: as the baseline)


def plan_framework(master: MasterList) -> Framework:
    """The framework a plan follows: the one its Info sheet names, else the one its rows follow, else the
    latest."""
    named = resolve_framework(master.framework) if master.framework else None
    return named or identify_framework([(i.no, i.aspect) for i in master.indicators]) or frameworks()[-1]


def predicate_rules(master: MasterList) -> tuple[PredicateRule, PredicateRule]:
    """How the predikat of the plan's baseline and of its estimate are judged: the baseline by the rule of the
    evaluation it comes from (the year before the plan), the estimate by the rule of the evaluation of the
    plan's year (for a year the data does not reach yet, the latest rule known)."""
    fw = plan_framework(master)
    year = master.plan_year or max(r.year for r in fw.predicate_rules or (PredicateRule(2000, False),))
    return fw.predicate_rule(year - 1), fw.predicate_rule(year)


def compute_index(master: MasterList, levels: dict[int, int], verified: dict[int, int] | None = None) -> SpbeIndex:
    """Baseline, estimated and verified index per aspect, per domain and overall.
    ``levels`` maps indicator No to the level to use in the estimate, ``verified`` in the verified estimate
    (missing: baseline)."""
    used = {i.no: levels.get(i.no, i.baseline_level) for i in master.indicators}
    checked = {i.no: (verified or {}).get(i.no, i.baseline_level) for i in master.indicators}

    def part(kind, number, name, nos):
        rows = [master.indicator(n) for n in nos]
        weight = sum(i.weight for i in rows)
        base = sum(i.weight * i.baseline_level for i in rows) / weight
        est = sum(i.weight * used[i.no] for i in rows) / weight
        ver = sum(i.weight * checked[i.no] for i in rows) / weight
        return IndexPart(kind, number, name, weight, base, est, ver)

    aspects = tuple(part("aspect", a.number, a.name, a.indicators) for d in master.domains for a in d.aspects)
    domains = tuple(part("domain", d.number, d.name, [n for a in d.aspects for n in a.indicators])
                    for d in master.domains)
    total = sum(i.weight for i in master.indicators)
    overall = IndexPart("overall", 0, "SPBE", total,
                        sum(i.weight * i.baseline_level for i in master.indicators) / 100,
                        sum(i.weight * used[i.no] for i in master.indicators) / 100,
                        sum(i.weight * checked[i.no] for i in master.indicators) / 100)
    return SpbeIndex(used, aspects, domains, overall, *predicate_rules(master), verified_levels=checked)
