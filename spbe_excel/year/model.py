"""What one consolidated workbook says, read back for the year: its period, its plan and, per (action, OPD)
pair, what was reported; per OPD, when its file was received.  Plain data: the reader
(:mod:`spbe_excel.read.ours.rekap`) makes it, :mod:`spbe_excel.year.assemble` puts the periods together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spbe_excel.master.plan import MasterList
from spbe_excel.model.periods import Period
from spbe_excel.model.vocab import PairState, Status


@dataclass(frozen=True, slots=True)
class PairReport:
    """One (action, OPD) pair of a period's Monev sheet."""

    action: str
    no: int
    opd: str
    state: PairState  # reported, missing or rejected
    status: Status | None
    progress: float | None  # percent, 0-100
    level: int | None  # the level the OPD claims (Tingkat Kematangan Saat Ini)
    counted: int | None  # the level counted for the index, where the pair claims one
    verified: int | None = None  # the level in the verified index, where the pair claims one (a workbook of version 4)

    @property
    def reported(self) -> bool:
        return self.state == PairState.REPORTED


@dataclass(frozen=True)
class RekapPeriod:
    """A consolidated workbook of one period: where it is, its period and as-of date, the plan it was made
    with (rebuilt from its Master sheet, checked against its fingerprint), its pairs, and per OPD the time its
    file (the one used) was received, as its Sumber sheet lists it (the file's modification time).  A workbook
written before DKIS verified in the workbook (version < 4, issue 19) holds no verified level: ``verifiable`` is
False and its period's verified index is not available."""

    path: str
    period: Period
    as_of: dt.date
    fingerprint: str
    institution: str
    master: MasterList
    pairs: tuple[PairReport, ...]
    opds: tuple[tuple[str, str], ...]  # (code, name) of every OPD expected to report, in plan order
    received: dict[str, dt.datetime]  # OPD -> when the file it was counted from was received
    sha256: str = ""
    size: int = 0
    verifiable: bool = False  # its Monev holds the verified level (version 4 on): the period has a verified index


YEAR_FORMAT = "spbe-excel/tahunan"  # the "format" on the metadata sheet of the year workbook
# 2: Ringkasan holds the verified index per period, Indeks a verified level column per period (issue 19)
YEAR_VERSION = "2"
