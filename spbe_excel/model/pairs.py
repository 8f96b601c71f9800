"""One (action, OPD) pair of a plan after consolidation: a row of the
consolidated Monev sheet, with the latest state its OPD reported in the
year.  Plain data, shared by consolidation (:mod:`spbe_excel.merge`), the
folder checks, the writers and the carry-over to next year's plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from spbe_excel.model.columns import COMPUTED_COLUMNS, OPD_COLUMNS
from spbe_excel.model.verification import Fingerprint, Verdict, Verification, is_claim
from spbe_excel.model.vocab import PairState, Reason, Status

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


@dataclass(frozen=True)
class LatestState:
    """The latest state an OPD reported for an action in the year, and the period it was reported in: this
    period's report, or, when the OPD is silent, the latest before it (a *Selesai* stays *Selesai*, "last reported
    Triwulan III").  ``note`` says why a *Selesai* is not supported (no evidence, an error on its row: issue 17's
    rule that a claim counts only when supported); None for a supported one and for any other status."""

    status: Status | None
    progress: float | None  # percent, 0-100
    period: str  # the period it was reported in, as the plan spells it ("Triwulan III 2025"); "" when unknown
    note: Reason | None = None

    @property
    def done(self) -> bool:
        """A supported *Selesai*: finished, with its evidence and no error on its row."""
        return self.status == Status.DONE and self.note is None


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
    previous_latest: LatestState | None = None  # the latest state of the year up to last period (--previous)
    latest: LatestState | None = None  # the latest state of the year up to this period; None: never reported
    verification: Verification | None = None  # DKIS's verification of its claim, when it holds (issue 19)

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
    def claim(self) -> bool:
        """Whether the pair claims something DKIS verifies: reported with the status *Selesai* or a level above its
        baseline (:func:`~spbe_excel.model.verification.is_claim`)."""
        return self.state == PairState.REPORTED and is_claim(self.values.get("status"),
                                                             self.values.get("current_level"),
                                                             self.indicator.baseline_level)

    @property
    def fingerprint(self) -> Fingerprint | None:
        """The row's status, level and evidence as reported (None: not reported), what a verification verifies."""
        if self.state != PairState.REPORTED:
            return None
        return Fingerprint.of(self.values.get("status"), self.values.get("current_level"), self.raw)

    @property
    def verified(self) -> bool:
        """DKIS marked the pair's claim *Sesuai*, and the row is still the one verified."""
        return self.verification is not None and self.verification.verdict == Verdict.VERIFIED

    @property
    def verdict(self) -> Verdict | None:
        """The verdict of DKIS's verification that holds (None: unverified)."""
        return self.verification.verdict if self.verification is not None else None

    @property
    def verdict_note(self) -> str:
        """DKIS's note on the claim, of the verification that holds."""
        return self.verification.note if self.verification is not None else ""

    @property
    def level_verified(self) -> int:
        """The level the pair counts at in the verified estimate: a level claimed above the baseline when DKIS
        marked it *Sesuai*, else the baseline; a level at or below the baseline as claimed (there is nothing to
        verify, and the estimate takes it so); the baseline when nothing is claimed."""
        base, claim = self.indicator.baseline_level, self.values.get("current_level")
        if claim is None:
            return base
        return claim if claim <= base or self.verified else base

    @property
    def latest_status(self) -> Status | None:
        return self.latest.status if self.latest else None

    @property
    def latest_progress(self) -> float | None:
        return self.latest.progress if self.latest else None

    @property
    def latest_period(self) -> str:
        return self.latest.period if self.latest else ""

    @property
    def latest_note(self) -> Reason | None:
        return self.latest.note if self.latest else None

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
