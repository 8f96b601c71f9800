"""Running the checks: every registered check of a phase, through the
registry, in the order files meet them.

:func:`check_file` checks one file as read (:class:`~spbe_excel.model.submission.Reading`):
its sheet, its period, each row, the file as a whole; then the rejection
policy.  :func:`check_period` checks files again against a period known only
once every file is read (the one most files state).  :func:`check_folder`
runs the checks of the files of one period together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from spbe_excel.checks import policy
from spbe_excel.checks.folder import FolderContext
from spbe_excel.checks.registry import FileContext, Phase, checks_of
from spbe_excel.checks.rows import run_rules
from spbe_excel.master import MasterList
from spbe_excel.model.findings import Finding
from spbe_excel.model.periods import Period
from spbe_excel.model.submission import Reading, Submission
from spbe_excel.model.vocab import FileState


def _run(phase: Phase, *args) -> list[Finding]:
    return [f for c in checks_of(phase) if c.run is not None for f in c.run(*args)]


def check_file(reading: Reading, master: MasterList, *, period: Period | None = None,
               today: dt.date | None = None) -> Submission:
    """Every check of one file as read, against ``period`` (None: not known yet); the submission with every
    finding, in order, its state following from them."""
    sub, table = reading.submission, reading.table
    ctx = FileContext(master, period, today or dt.date.today())
    if sub.status is not FileState.SKIPPED:
        if table is not None:
            sub.findings += _run(Phase.SHEET, sub, table, ctx)
        sub.findings += _run(Phase.PERIOD, sub, ctx)
        if table is not None and reading.complete:
            rule_findings = run_rules(sub, master, today=ctx.today)
            sub.findings += rule_findings
            sub.forget_master_copies({(f.action, f.column) for f in rule_findings if f.code == "master-text-changed"})
            sub.findings += _run(Phase.SUBMISSION, sub, table, ctx)
    policy.apply(sub)
    return sub


def check_period(subs: Iterable[Submission], master: MasterList, period: Period, today: dt.date) -> None:
    """The period checks of every usable file against ``period``: a file of another period gets its finding
    (and so is rejected)."""
    ctx = FileContext(master, period, today)
    for sub in subs:
        if sub.status is FileState.ACCEPTED:
            found = _run(Phase.PERIOD, sub, ctx)
            if found:
                sub.findings.extend(found)
                policy.apply(sub)


def check_folder(ctx: FolderContext) -> list[Finding]:
    """Every folder check over the files of one period."""
    return _run(Phase.FOLDER, ctx)
