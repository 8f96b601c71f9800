"""The period check: a file against the period it should report.

``period-mismatch`` when the period a file states is not the one expected
(given with ``--period`` or by the intake round, or, in a consolidation
without one, the period most files state), or when its header block
contradicts the template it was made from.  It runs once per file as the file
is checked (:func:`spbe_excel.checks.run.check_file`) and, for a period only
known once every file is read, again by consolidation
(:func:`spbe_excel.checks.run.check_period`): one check, one signature.
"""

from __future__ import annotations

from collections.abc import Iterator

from spbe_excel.checks.registry import FileContext, Phase, check
from spbe_excel.model.findings import Finding, make
from spbe_excel.model.periods import period_key
from spbe_excel.model.submission import Submission


@check(Phase.PERIOD, "period-mismatch")
def period_mismatch(sub: Submission, ctx: FileContext) -> Iterator[Finding]:
    """A file stating another period than ``ctx.period``; without one, a header block stating another period
    than the template's metadata."""
    stated, cell = sub.period, sub.cells.get("period", "")
    where = {"file": sub.path, "sheet": sub.sheet or "", "cell": cell, "opd": sub.opd or ""}
    if ctx.period is not None:
        if stated and not ctx.period.matches(stated):
            yield make("period-mismatch", value=stated, expected=ctx.period.label(), **where)
        return
    meta = sub.meta.get("period", "").strip()
    if meta and cell and stated and period_key(meta) != period_key(stated):
        yield make("period-mismatch", value=stated, expected=meta, **where)
