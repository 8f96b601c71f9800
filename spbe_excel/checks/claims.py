"""Claims of a level: a level above the baseline counts toward the index
estimate only when its row names its evidence and carries no error (issue 17:
a level claimed without a document is a level the evaluators take away).  A row names its evidence when its
Bukti Dukung cell names a document (:func:`spbe_excel.model.evidence.names_evidence`: a link, a document's number
or title; not "-", not "ada" or "lihat lampiran").

A level above the target without evidence is ``level-above-target-without-evidence``
(:mod:`spbe_excel.checks.rows`); any other claim above the baseline that does
not count is ``level-not-counted``, with why.  Consolidation counts such a
pair at its baseline, or at its last supported level
(:attr:`spbe_excel.model.pairs.PairRow.level_used`), by these findings."""

from __future__ import annotations

from collections.abc import Iterator

from spbe_excel.checks.registry import FileContext, Phase, check
from spbe_excel.model import values
from spbe_excel.model.evidence import evidence_vague
from spbe_excel.model.findings import Finding, Severity, make
from spbe_excel.model.submission import ReportRow, SheetTable, Submission
from spbe_excel.model.vocab import Reason, RowState


def claim_reason(row: ReportRow, baseline: int, row_has_error: bool) -> Reason | None:
    """Why the level ``row`` claims does not count (None: it counts, or it claims nothing above ``baseline``)."""
    level = row.values.get("current_level")
    if level is None or level <= baseline:
        return None
    if row_has_error:
        return Reason.LEVEL_ROW_ERROR
    evidence = row.raw.get("evidence")
    if values.is_placeholder(evidence):
        return Reason.LEVEL_NO_EVIDENCE
    return Reason.LEVEL_EVIDENCE_VAGUE if evidence_vague(evidence) else None


@check(Phase.SUBMISSION, "level-not-counted")
def level_not_counted(sub: Submission, table: SheetTable, ctx: FileContext) -> Iterator[Finding]:
    """A claim above the baseline on a row without evidence or with an error (a claim above the target without
    evidence has its own finding)."""
    with_errors = {f.action for f in sub.findings if f.severity is Severity.ERROR and f.action}
    for row in sub.rows:
        if row.state != RowState.OK or row.action is None:
            continue
        ind = ctx.master.action(row.action)
        why = claim_reason(row, ind.baseline_level, row.action in with_errors)
        level = row.values.get("current_level")
        if why is None or (why == Reason.LEVEL_NO_EVIDENCE and level is not None and level > ind.target_level):
            continue
        yield make("level-not-counted", file=sub.path, sheet=table.sheet, cell=row.cell("current_level"),
                   opd=sub.opd or "", indicator=row.no, action=row.action, column="current_level",
                   value=row.shown("current_level"), level=level, baseline=ind.baseline_level, why=why)
