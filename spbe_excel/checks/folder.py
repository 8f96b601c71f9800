"""Folder checks: the files of one period together, and the period before.

Each is a plain function ``(ctx: FolderContext)`` registered with
``@check(Phase.FOLDER, codes...)`` that yields findings; consolidation
(:mod:`spbe_excel.merge`) builds the context and the registry runs them all
(:func:`spbe_excel.checks.run.check_folder`).  Checks over consolidated rows
take the pair rows of :class:`spbe_excel.model.pairs.PairRow` (action, OPD,
state, values, file, sheet and cells).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from spbe_excel.checks.registry import Phase, check
from spbe_excel.master import MasterList
from spbe_excel.model.findings import Finding, make
from spbe_excel.model.pairs import PairRow
from spbe_excel.model.periods import Period
from spbe_excel.model.submission import Submission
from spbe_excel.model.verification import Judged
from spbe_excel.model.vocab import PairState, Reason, Status


@dataclass(frozen=True)
class FolderContext:
    """The files of one period, as consolidation merged them."""

    master: MasterList
    period: Period | None
    as_of: dt.date
    used: Mapping[str, list[Submission]]  # per OPD its usable files, newest first (the first one is used)
    rejected: Mapping[str, list[Submission]]  # per OPD its rejected files
    rows: Sequence[PairRow]  # one per (action, OPD) pair of the plan
    previous: Mapping | None = None  # the earlier consolidated workbook, by (action, OPD)
    verifications: Sequence[Judged] = ()  # DKIS's verifications given, each judged against its row (issue 19)


def _duplicate_reason(newest: Submission, runner_up: Submission) -> Reason:
    if newest.filled_on and newest.filled_on != runner_up.filled_on:
        return Reason.DUP_FILLED_ON
    return Reason.DUP_SAME if newest.source.sha256 == runner_up.source.sha256 else Reason.DUP_MODIFIED


@check(Phase.FOLDER, "duplicate-submission")
def duplicate_submission(ctx: FolderContext) -> Iterator[Finding]:
    """An OPD that sent several usable files for the period (the newest one is used)."""
    for opd, subs in ctx.used.items():
        if len(subs) > 1:
            newest = subs[0]
            yield make("duplicate-submission", file=newest.path, opd=opd,
                       files=", ".join(Path(s.path).name for s in subs), used=Path(newest.path).name,
                       why=_duplicate_reason(newest, subs[1]))


@check(Phase.FOLDER, "submission-missing")
def submission_missing(ctx: FolderContext) -> Iterator[Finding]:
    """An OPD of the plan with no file at all (used or rejected).  ``unit`` says what its rows are: the actions
    of a plan whose actions are numbered ("11.2"), else its indicators."""
    unit = "unit.actions" if ctx.master.numbered else "unit.indicators"
    for opd in ctx.master.opd_codes:
        if opd not in ctx.used and opd not in ctx.rejected:
            actions = [i.action for i in ctx.master.for_opd(opd)]
            yield make("submission-missing", opd=opd, count=len(actions), unit=unit, indicators=", ".join(actions))


def _words(text) -> str:
    return " ".join(str(text).split())


@check(Phase.FOLDER, "progress-decreased", "update-stale", "level-decreased")
def compared_with_previous(ctx: FolderContext) -> Iterator[Finding]:
    """Reported pairs against the earlier consolidated workbook (``ctx.previous``
    as :func:`spbe_excel.read.ours.previous.read_previous` returns it, by action and OPD): progress
    or level lower than last period, or progress and achievements unchanged."""
    previous = ctx.previous or {}
    for row in ctx.rows:
        if row.state != PairState.REPORTED:
            continue
        prev = previous.get((row.action, row.opd))
        if not prev:
            continue
        where = {"file": row.file, "opd": row.opd, "indicator": row.no, "action": row.action}
        progress, level = row.values.get("progress"), row.values.get("current_level")
        before, level_before = prev.get("progress"), prev.get("level")
        if progress is not None and before is not None:
            if progress < before:
                yield make("progress-decreased", column="progress", previous=before, progress=progress, **where)
            elif (progress == before and progress < 100
                  and _words(row.values.get("achievement", "")) == _words(prev.get("achievement") or "")):
                yield make("update-stale", column="achievement", progress=progress, **where)
        if level is not None and level_before is not None and level < level_before:
            yield make("level-decreased", column="current_level", previous=level_before, level=level, **where)


@check(Phase.FOLDER, "overdue")
def overdue(ctx: FolderContext) -> Iterator[Finding]:
    """A pair whose target year has ended at the as-of date and whose status
    is not done (reported or not)."""
    as_of = ctx.as_of
    for row in ctx.rows:
        ind = row.indicator
        if ind.target_year < as_of.year and row.values.get("status") != Status.DONE:
            yield make("overdue", file=row.file, opd=row.opd, indicator=ind.no, action=ind.action, year=ind.target_year,
                       status=row.values.get("status") or row.state, as_of=as_of, sheet=row.sheet,
                       cell=row.cells.get("status", ""), column="status" if row.sheet else "")
