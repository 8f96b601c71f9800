"""One registry of every check: what it looks at (its phase), which finding
codes it can emit, and where it runs.

A check is either a function registered with :func:`check`, or the
reading itself (the baseline check, :func:`declare`d in
:mod:`spbe_excel.checks.reading`: what a file is, whether it can be read,
which sheet, OPD and actions it names, which values do not parse).  The
functions of one phase share one signature, so the registry runs them all
(:mod:`spbe_excel.checks.run`):

* ``SHEET`` and ``SUBMISSION``: ``(sub, table, ctx: FileContext)``;
* ``PERIOD``: ``(sub, ctx: FileContext)``;
* ``ROW``: ``(row, indicator, ctx: RuleContext)``;
* ``FOLDER``: ``(ctx: FolderContext)``.

Every finding code of :data:`spbe_excel.model.findings.CODES` belongs to
exactly one check, and a test holds each code to the module its check names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spbe_excel.model.findings import CODES, Finding
from spbe_excel.model.periods import Period
from spbe_excel.model.vocab import StrEnum

if TYPE_CHECKING:
    from spbe_excel.master import MasterList


class Phase(StrEnum):
    """What a check looks at, in the order reading and merging meet it."""

    FILE = "file"  # the bytes and the package, before any sheet is parsed (reading)
    SHEET = "sheet"  # the monitoring sheet: its header and columns, the template it was made from
    PERIOD = "period"  # a file against the period it should report (given, or the one most files state)
    ROW = "row"  # one reported row against its action
    SUBMISSION = "submission"  # one file as a whole against the plan
    FOLDER = "folder"  # the files of one period together, and the period before


@dataclass(frozen=True)
class Check:
    name: str
    phase: Phase
    codes: tuple[str, ...]
    module: str  # the module that emits the codes
    run: Callable[..., Iterable[Finding]] | None = None  # None: emitted by the reading machinery itself
    doc: str = ""


CHECKS: list[Check] = []


@dataclass(frozen=True)
class FileContext:
    """What the checks of one file (phases SHEET, PERIOD, SUBMISSION) are given besides the file: the plan,
    the period the file should report (None: not known yet), the day the checks run."""

    master: MasterList
    period: Period | None
    today: dt.date


def _register(item: Check) -> None:
    unknown = [c for c in item.codes if c not in CODES]
    if unknown:
        raise KeyError(f"check {item.name} declares unknown finding codes {unknown}")
    taken = [c for c in item.codes for other in CHECKS if c in other.codes]
    if taken:
        raise KeyError(f"check {item.name} declares codes another check owns: {taken}")
    CHECKS.append(item)


def check(phase: Phase, *codes: str):
    """Register a function as a check of ``phase`` that may emit ``codes``."""

    def decorate(fn):
        _register(Check(fn.__name__, phase, codes, fn.__module__, fn, (fn.__doc__ or "").strip()))
        return fn

    return decorate


def declare(name: str, phase: Phase, codes: tuple[str, ...], module: str, doc: str = "") -> None:
    """Declare codes that the reading machinery in ``module`` emits itself."""
    _register(Check(name, phase, codes, module, None, doc))


def checks_of(phase: Phase) -> list[Check]:
    return [c for c in CHECKS if c.phase is phase]


def owner(code: str) -> Check:
    """The check that owns a finding code."""
    for c in CHECKS:
        if code in c.codes:
            return c
    raise KeyError(code)
