"""One registry of every check: what it looks at (its phase), which finding
codes it can emit, and where it runs.

A check is either a function registered with :func:`check` (row,
submission and folder checks: plain functions that yield findings), or a
part of the reading machinery that emits codes while it reads
(:func:`declare`: the bytes of a file, the monitoring sheet, the rows).
Every finding code of :data:`spbe_excel.model.findings.CODES` belongs to
exactly one check, and a test holds each code to the module its check names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spbe_excel.model.findings import CODES, Finding
from spbe_excel.model.vocab import StrEnum


class Phase(StrEnum):
    """What a check looks at, in the order reading and merging meet it."""

    FILE = "file"  # the bytes and the package, before any sheet is parsed
    SHEET = "sheet"  # the monitoring sheet: its header, its header block (who and when), its rows
    ROW = "row"  # one reported row against its indicator
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
