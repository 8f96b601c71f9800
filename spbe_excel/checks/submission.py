"""Submission checks: one file as a whole against the plan and the template
it was made from.

Each takes ``(sub, table, ctx)`` (the submission as read, the monitoring
table as found on its sheet, the :class:`~spbe_excel.checks.registry.FileContext`:
the plan, the period expected, the day) and yields findings, and is
registered with ``@check(phase, codes...)``: ``SHEET`` checks look at the
sheet and its header; ``SUBMISSION`` checks at the file as a whole once its
rows are checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from spbe_excel.checks.registry import FileContext, Phase, check
from spbe_excel.model.columns import TEMPLATE_COLUMNS, Source, col_letter
from spbe_excel.model.findings import Finding, make
from spbe_excel.model.submission import SheetTable, Submission
from spbe_excel.model.vocab import FileState, RowState


@check(Phase.SHEET, "template-outdated")
def template_outdated(sub: Submission, table: SheetTable, ctx: FileContext) -> Iterator[Finding]:
    """The template was made from another version of the master list."""
    found = sub.meta.get("master_fingerprint")
    if found and found != ctx.master.fingerprint:
        yield make("template-outdated", file=sub.path, sheet=table.sheet, found=found,
                   expected=ctx.master.fingerprint)


@check(Phase.SHEET, "header-missing", "column-missing")
def columns_missing(sub: Submission, table: SheetTable, _ctx: FileContext) -> Iterator[Finding]:
    """An OPD column the header does not name: an error for a required one, a warning for another."""
    for col in TEMPLATE_COLUMNS:
        if col.source is Source.OPD and col.key not in table.columns:
            yield make("header-missing" if col.required else "column-missing", file=sub.path, sheet=table.sheet,
                       cell=f"{col_letter(0)}{table.header_row + 1}", column=col.key, row=table.header_row + 1)


@check(Phase.SUBMISSION, "row-missing")
def rows_missing(sub: Submission, table: SheetTable, ctx: FileContext) -> Iterator[Finding]:
    """An action of the OPD that no row reports."""
    opd = sub.opd
    if not opd or sub.status == FileState.REJECTED:
        return
    have = {r.action for r in sub.rows if r.state in (RowState.OK, RowState.DUPLICATE)}
    for ind in ctx.master.for_opd(opd):
        if ind.action not in have:
            yield make("row-missing", file=sub.path, sheet=table.sheet, opd=opd, indicator=ind.no, action=ind.action,
                       text=ind.indicator)


@check(Phase.SUBMISSION, "progress-points")
def progress_points(sub: Submission, table: SheetTable, _ctx: FileContext) -> Iterator[Finding]:
    """Numbers in the template's percentage-formatted progress cells (or a column of fractions) that were read as
    percentage points: above 1 (shown above 100 %) and read, not rejected.  Typed without a % sign in
    LibreOffice, or pasted as plain values (:func:`spbe_excel.model.values.typed_as_points` says which numbers
    are points: from 2 up to 100, and between 1 and 2 in a column with no fraction of one).  One finding names
    every such cell."""
    rows = [r for r in sub.rows if r.fractions and "progress" in r.values and _number(r.raw["progress"]) > 1]
    if not rows:
        return
    cells = [r.cell("progress") for r in rows]
    listed = ", ".join(cells[:8]) + (", ..." if len(cells) > 8 else "")
    first = rows[0]
    yield make("progress-points", file=sub.path, sheet=table.sheet, cell=cells[0], opd=sub.opd or "",
               column="progress", value=first.shown("progress"), count=len(cells), cells=listed,
               points=first.raw["progress"])


def _number(value: object) -> float:
    """A progress cell's number as stored; 0 for text (text is read as typed, never as a fraction of one)."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0
