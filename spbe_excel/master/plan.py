"""The master list: what each OPD must report on.

A master list holds the rows of one action plan.  Each row is an action of
an indicator (its id, recommendation, follow-up action, target year and
responsible OPDs) with the indicator's own columns (No, name, baseline and
target level, and the framework it belongs to: domain, aspect, weight, level
kind), which every row of one indicator repeats.  An indicator has one
action ("5"), several ("5.1", "5.2", ...), or none this year (a row without
follow-up and OPDs: monitored by nobody, counted at its baseline).  With them
come a registry of OPDs with their official names and the aliases people
write, and a few facts about the plan (institution, plan year, framework
name).

An :class:`Indicator` (a row) has one field per master column of the column
model (:data:`~spbe_excel.model.columns.MASTER_FILE_COLUMNS`, same keys, same
order); the loader, the fingerprint and every export iterate over those
columns.  Adding a master column is one :class:`~spbe_excel.model.columns.Column`
in the model and one field here.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property

from spbe_excel.master.registry import OpdRegistry
from spbe_excel.model import values
from spbe_excel.model.columns import MASTER_FILE_COLUMNS, Column, Kind, words
from spbe_excel.model.vocab import LevelKind


@dataclass(frozen=True)
class Indicator:
    """A row of the plan: one action of indicator ``no`` (or the indicator
    without an action this year: no follow-up, no OPDs)."""

    no: int
    action: str  # "5", or "5.1", "5.2", ... when indicator 5 has several actions
    indicator: str
    recommendation: str
    baseline_level: int
    target_level: int
    follow_up: str
    target_year: int
    opds: tuple[str, ...]  # OPD codes
    domain: str
    aspect: str
    weight: float  # percent of the index, rounded to 10 decimals (so 20/6 survives a round trip)
    level_kind: LevelKind

    def get(self, key: str):
        return getattr(self, key)

    @property
    def has_action(self) -> bool:
        """False for an indicator the plan lists without an action this year."""
        return bool(self.opds)

    @property
    def numbered(self) -> bool:
        """The action's id is not its indicator's No ("5.1")."""
        return self.action != str(self.no)


@dataclass(frozen=True)
class Aspect:
    number: int
    name: str
    domain: str
    weight: float
    indicators: tuple[int, ...]


@dataclass(frozen=True)
class Domain:
    number: int
    name: str
    weight: float
    aspects: tuple[Aspect, ...]


@dataclass(frozen=True)
class Correction:
    """One fix applied to the source text of the embedded plan."""

    no: int
    column: str
    written: str
    corrected: str
    reason: str


@dataclass(frozen=True)
class MasterList:
    rows: tuple[Indicator, ...]  # the plan's rows in order: one per action (see the module's docstring)
    registry: OpdRegistry = field(compare=False)
    institution: str = ""
    title: str = ""
    plan_year: int = 0
    framework: str = ""
    source: str = ""
    corrections: tuple[Correction, ...] = ()
    period_kind: str = ""  # how OPDs report: "q" (Triwulan), "s" (Semester), "m" (Bulan); "" when the plan does not say
    carried_over: frozenset[int] = frozenset()  # positions, among the plan's rows, of actions carried over (Lanjutan)

    # ---- indicators: one per No -----------------------------------------------------------------------
    @cached_property
    def by_no(self) -> dict[int, Indicator]:
        """Each indicator's first row, by No (in plan order): its own columns, which all its rows share."""
        out: dict[int, Indicator] = {}
        for i in self.rows:
            out.setdefault(i.no, i)
        return out

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        """One row per indicator (its first), in plan order: what the index weighs."""
        return tuple(self.by_no.values())

    def indicator(self, no: int) -> Indicator:
        return self.by_no[no]

    # ---- actions: what OPDs report on ---------------------------------------------------------------------
    @cached_property
    def actions(self) -> tuple[Indicator, ...]:
        """The rows that are actions (an indicator without an action this year is none), in plan order."""
        return tuple(i for i in self.rows if i.has_action)

    @cached_property
    def by_action(self) -> dict[str, Indicator]:
        return {i.action: i for i in self.rows}

    def action(self, action: str) -> Indicator:
        return self.by_action[action]

    @cached_property
    def _actions_of(self) -> dict[int, tuple[Indicator, ...]]:
        index: dict[int, list[Indicator]] = {}
        for i in self.actions:
            index.setdefault(i.no, []).append(i)
        return {no: tuple(rows) for no, rows in index.items()}

    def actions_of(self, no: int) -> tuple[Indicator, ...]:
        """The actions of indicator ``no``, in plan order (none for an indicator without one)."""
        return self._actions_of.get(no, ())

    @cached_property
    def numbered(self) -> bool:
        """Whether an action has an id other than its No: a plan with several actions on an indicator.  Only
        such a plan shows the Aksi column (in exports, the Master and Monev sheets)."""
        return any(i.numbered for i in self.rows)

    @cached_property
    def file_columns(self) -> tuple[Column, ...]:
        """The master columns of this plan's files and exports: Aksi only for a :attr:`numbered` plan."""
        return MASTER_FILE_COLUMNS if self.numbered else tuple(c for c in MASTER_FILE_COLUMNS if c.key != "action")

    @cached_property
    def table_columns(self) -> tuple[Column, ...]:
        """The columns ``master show`` prints."""
        return tuple(c for c in self.file_columns if c.in_master_table)

    @cached_property
    def _by_opd(self) -> dict[str, list[Indicator]]:
        index: dict[str, list[Indicator]] = {}
        for i in self.actions:
            for code in i.opds:
                index.setdefault(code, []).append(i)
        return index

    def for_opd(self, code: str) -> list[Indicator]:
        """The actions an OPD reports on, in plan order."""
        return list(self._by_opd.get(code, ()))

    @cached_property
    def opd_codes(self) -> tuple[str, ...]:
        """Codes of the OPDs that have at least one action, in registry
        order (then first appearance for codes not in the registry)."""
        used = {c for i in self.actions for c in i.opds}
        ordered = [o.code for o in self.registry if o.code in used]
        ordered += [c for i in self.actions for c in i.opds if c not in self.registry]
        return tuple(dict.fromkeys(ordered))

    @cached_property
    def domains(self) -> tuple[Domain, ...]:
        """Domains and aspects in order of first appearance; weights are the
        sums of their indicators' weights."""
        indicators = self.indicators
        dnames = list(dict.fromkeys(i.domain for i in indicators))
        result = []
        aspect_no = 0
        for dn, dname in enumerate(dnames, 1):
            rows = [i for i in indicators if i.domain == dname]
            aspects = []
            for aname in dict.fromkeys(i.aspect for i in rows):
                aspect_no += 1
                arows = [i for i in rows if i.aspect == aname]
                aspects.append(Aspect(aspect_no, aname, dname, sum(i.weight for i in arows),
                                      tuple(i.no for i in arows)))
            result.append(Domain(dn, dname, sum(a.weight for a in aspects), tuple(aspects)))
        return tuple(result)

    @cached_property
    def fingerprint(self) -> str:
        """First 16 hex digits of the SHA-256 of the canonical content of the
        rows (every column of :attr:`file_columns` in model order, weights
        rounded to 9 decimals): what OPDs report on.  A list exported and
        loaded back, as .xlsx or .csv, keeps its fingerprint; a plan with one
        action per indicator has the one it had before actions had ids."""
        cols = self.file_columns
        payload = {"indicators": [[_canonical(col, ind) for col in cols] for ind in self.rows]}
        blob = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    def opds_text(self, ind: Indicator) -> str:
        return ", ".join(ind.opds)


def default_target_level(kind: str, baseline: int, recommendation: str) -> int:
    """The natural target (DOMAIN.md): for a service indicator the level the
    recommendation names ("ditingkatkan menjadi layanan transaksi" = 3);
    otherwise the next level up."""
    if kind == LevelKind.SERVICE:
        m = re.search(r"menjadi\s+(?:layanan\s+)?([a-z]+)", " ".join(words(recommendation)))
        if m:
            try:
                named = values.parse_level(m.group(1))
            except values.ParseError:
                named = None
            if named is not None and named > baseline:
                return named
    return min(baseline + 1, 5)


# ---- presenting ----------------------------------------------------------------------------

def master_json_value(ind: Indicator, col: Column):
    """The value of a master column in JSON: OPD codes as a list, no target year (0: an indicator without an
    action) as None, anything else as stored."""
    v = getattr(ind, col.key)
    if col.kind is Kind.OPD_LIST:
        return list(v)
    return None if col.kind is Kind.YEAR and not v else v


def _canonical(col: Column, ind: Indicator):
    """The value of a master column in the fingerprint: its JSON value, a weight rounded to 9 decimals."""
    v = master_json_value(ind, col)
    return round(v, 9) if col.kind is Kind.WEIGHT else v
