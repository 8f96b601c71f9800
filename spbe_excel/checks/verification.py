"""DKIS's verifications of claims against this period's rows (issue 19): a claim DKIS returned (*Perlu
perbaikan*) reaches the OPD with DKIS's note, a verification the OPD's change undid is named with what changed,
one that cannot apply is named with why.  Consolidation judges every verification
(:func:`spbe_excel.merge.apply_verifications`, by :func:`spbe_excel.model.verification.judge`) and hands what
became of each to this check in :attr:`FolderContext.verifications`."""

from __future__ import annotations

from collections.abc import Iterator

from spbe_excel.checks.folder import FolderContext
from spbe_excel.checks.registry import Phase, check
from spbe_excel.model.findings import Finding, make
from spbe_excel.model.pairs import PairRow
from spbe_excel.model.verification import Judged, Standing, Verdict
from spbe_excel.model.vocab import Reason

_IGNORED = {Standing.NO_CLAIM: Reason.VERIFY_NO_CLAIM, Standing.NO_VERDICT: Reason.VERIFY_NO_VERDICT,
            Standing.UNKNOWN_PAIR: Reason.VERIFY_UNKNOWN_PAIR}
_DROPPED = {Standing.CHANGED: Reason.VERIFY_CHANGED, Standing.NOT_REPORTED: Reason.VERIFY_NOT_REPORTED}


def _claim_column(row: PairRow) -> str:
    """The cell a returned claim is shown at in the OPD's file: its evidence, else its level, else its status."""
    return next((key for key in ("evidence", "current_level", "status") if row.cells.get(key)), "")


def _where(row: PairRow | None, judged: Judged) -> dict:
    v = judged.verification
    if row is None:
        return {"opd": v.opd}
    return {"opd": row.opd, "indicator": row.no, "action": row.action}


@check(Phase.FOLDER, "verification-returned", "verification-dropped", "verification-ignored")
def verifications(ctx: FolderContext) -> Iterator[Finding]:
    """Each verification given: a claim DKIS returned whose row is unchanged, with DKIS's note, on the OPD's
    file at the claim's cell (its feedback workbook shows it); a verification that no longer holds (the OPD changed
    the row, or did not report it); one that cannot apply (a row that claims nothing, no verdict, a pair not in the
    plan)."""
    rows = {(r.action, r.opd): r for r in ctx.rows}
    for judged in ctx.verifications:
        v = judged.verification
        row = rows.get(v.key)
        if judged.held and v.verdict is Verdict.NEEDS_CORRECTION and row is not None:
            column = _claim_column(row)
            yield make("verification-returned", file=row.file, sheet=row.sheet if column else "",
                       cell=row.cells.get(column, ""), column=column,
                       value=str(row.raw.get(column, "")) if column else "", note=v.note or "-", by=v.by,
                       **_where(row, judged))
        elif judged.standing in _DROPPED:
            assert row is not None and v.verdict is not None
            yield make("verification-dropped", file=row.file, verdict=v.verdict, why=_DROPPED[judged.standing],
                       changed=judged.changed, note=v.note, by=v.by, **_where(row, judged))
        elif judged.standing in _IGNORED:
            yield make("verification-ignored", verdict=v.verdict or v.written or "", why=_IGNORED[judged.standing],
                       note=v.note, pair=v.action, **_where(row, judged))
