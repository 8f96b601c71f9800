"""One (action, OPD) pair of a plan after consolidation: a row of the
consolidated Monev sheet.  Plain data, shared by consolidation
(:mod:`spbe_excel.merge`), the folder checks and the writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from spbe_excel.model.columns import COMPUTED_COLUMNS, OPD_COLUMNS
from spbe_excel.model.vocab import PairState, Reason

_OPD_KEYS = frozenset(c.key for c in OPD_COLUMNS)
_PAIR_KEYS = frozenset(c.key for c in COMPUTED_COLUMNS)  # attributes and properties of PairRow


class PlanRow(Protocol):
    """What a pair needs of its action's row of the plan (:class:`spbe_excel.master.Indicator`)."""

    @property
    def no(self) -> int: ...

    @property
    def action(self) -> str: ...

    @property
    def baseline_level(self) -> int: ...

    @property
    def target_level(self) -> int: ...

    @property
    def target_year(self) -> int: ...

    def get(self, key: str): ...


Row = TypeVar("Row", bound=PlanRow)


@dataclass
class PairRow(Generic[Row]):
    """One (action, OPD) pair of the plan, as consolidated."""

    indicator: Row  # the action's row of the plan (a spbe_excel.master.Indicator)
    opd: str
    state: PairState
    values: dict = field(default_factory=dict)  # typed OPD values that parsed
    raw: dict = field(default_factory=dict)  # as written (for values that did not parse)
    file: str = ""
    sheet: str = ""  # sheet of the submitted file the report came from
    cells: dict = field(default_factory=dict)  # column key -> A1 cell in the submitted file
    flag: str = ""  # worst severity of the findings on this pair: error | warning | info | ""
    previous_progress: float | None = None
    previous_level: int | None = None  # the level the OPD claimed last period
    previous_counted: int | None = None  # the level the pair counted at last period (its last supported level)
    level_note: Reason | None = None  # why the level claimed does not count (checks.claims), None when it does

    @property
    def no(self) -> int:
        return self.indicator.no

    @property
    def action(self) -> str:
        return self.indicator.action

    @property
    def progress_change(self) -> float | None:
        p = self.values.get("progress")
        if p is None or self.previous_progress is None:
            return None
        return p - self.previous_progress

    @property
    def level_used(self) -> int:
        """The level the pair counts at in the index estimate: the level claimed when it is supported (at or
        below the baseline, or with its evidence and no error), else the baseline or the last supported
        level (not above the claim); the baseline when nothing is claimed."""
        base, claim = self.indicator.baseline_level, self.values.get("current_level")
        if claim is None:
            return base
        if self.level_note is None:
            return claim
        return max(base, min(claim, self.previous_counted or base))

    @property
    def gap(self) -> int:
        """Levels still to go to the target."""
        return self.indicator.target_level - self.level_used

    def value(self, key: str):
        """The value of a column of the consolidated Monev sheet (the column model's MONEV_COLUMNS)."""
        if key == "opd" or key in _PAIR_KEYS:
            return getattr(self, key)
        if key in _OPD_KEYS:
            return self.values.get(key)
        return self.indicator.get(key)

    @property
    def absorption(self) -> float | None:
        b, s = self.values.get("budget"), self.values.get("spent")
        return s / b if b and s is not None else None
