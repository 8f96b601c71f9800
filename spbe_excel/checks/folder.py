"""Folder checks: the files of one period together, and the period before.

Each is a plain function registered with ``@check(Phase.FOLDER, codes...)``
that yields findings; :mod:`spbe_excel.merge` calls them while it
consolidates and decides what the findings change (a file of another period
is rejected).  Checks over consolidated rows take the pair rows of
:class:`spbe_excel.merge.PairRow` (indicator, OPD, state, values, file,
sheet and cells).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

from spbe_excel.checks.registry import Phase, check
from spbe_excel.master import MasterList
from spbe_excel.model.findings import Finding, make
from spbe_excel.model.periods import Period
from spbe_excel.model.submission import Submission
from spbe_excel.model.vocab import PairState, Reason, Status


@check(Phase.FOLDER)
def period_mismatch(sub: Submission, period: Period) -> Iterator[Finding]:
    """A file stating another period than the folder's (given, or the one
    most files state).  Its code, ``period-mismatch``, belongs to the
    ``who_and_when`` declaration: reading emits it too, against ``--period``."""
    if sub.period and not period.matches(sub.period):
        yield make("period-mismatch", file=sub.path, sheet=sub.sheet or "", opd=sub.opd or "", value=sub.period,
                   expected=period.label())


def _duplicate_reason(newest: Submission, runner_up: Submission) -> Reason:
    if newest.filled_on and newest.filled_on != runner_up.filled_on:
        return Reason.DUP_FILLED_ON
    return Reason.DUP_SAME if newest.source.sha256 == runner_up.source.sha256 else Reason.DUP_MODIFIED


@check(Phase.FOLDER, "duplicate-submission")
def duplicate_submission(by_opd: Mapping[str, list[Submission]]) -> Iterator[Finding]:
    """An OPD that sent several files for the period; ``by_opd`` lists each
    OPD's usable files newest first (the first one is used)."""
    for opd, subs in by_opd.items():
        if len(subs) > 1:
            newest = subs[0]
            yield make("duplicate-submission", file=newest.path, opd=opd,
                       files=", ".join(Path(s.path).name for s in subs), used=Path(newest.path).name,
                       why=_duplicate_reason(newest, subs[1]))


@check(Phase.FOLDER, "submission-missing")
def submission_missing(master: MasterList, heard_from: Collection[str]) -> Iterator[Finding]:
    """An OPD of the plan with no file at all (used or rejected)."""
    for opd in master.opd_codes:
        if opd not in heard_from:
            actions = [i.action for i in master.for_opd(opd)]
            yield make("submission-missing", opd=opd, count=len(actions), indicators=", ".join(actions))


def _words(text) -> str:
    return " ".join(str(text).split())


@check(Phase.FOLDER, "progress-decreased", "update-stale", "level-decreased")
def compared_with_previous(rows, previous: Mapping) -> Iterator[Finding]:
    """Reported pairs against the earlier consolidated workbook (``previous``
    as :func:`spbe_excel.read.previous.read_previous` returns it, by action and OPD): progress
    or level lower than last period, or progress and achievements unchanged."""
    for row in rows:
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
def overdue(rows, as_of: dt.date) -> Iterator[Finding]:
    """A pair whose target year has ended at the as-of date and whose status
    is not done (reported or not)."""
    for row in rows:
        ind = row.indicator
        if ind.target_year < as_of.year and row.values.get("status") != Status.DONE:
            yield make("overdue", file=row.file, opd=row.opd, indicator=ind.no, action=ind.action, year=ind.target_year,
                       status=row.values.get("status") or row.state, as_of=as_of, sheet=row.sheet,
                       cell=row.cells.get("status", ""), column="status" if row.sheet else "")
