"""Codes the reading machinery emits itself, while it reads: declared here
so that every finding code has one home in the registry."""

from __future__ import annotations

from spbe_excel.checks.registry import Phase, declare

declare("file", Phase.FILE,
        ("file-unreadable", "file-encrypted", "file-misnamed", "file-skipped", "file-second-reader", "file-decrypted"),
        "spbe_excel.read",
        "What a file is, from its bytes; whether it is safe to parse; whether a parser could read it.")
declare("sheet", Phase.SHEET, ("sheet-not-found",),
        "spbe_excel.read",
        "Which sheet holds the monitoring table (its columns and template are checked in "
        "spbe_excel.checks.submission).")
declare("who_and_when", Phase.SHEET, ("opd-unknown", "opd-conflict", "opd-mismatch", "period-mismatch"),
        "spbe_excel.read spbe_excel.checks.folder",
        "The OPD and the period of a file: metadata, header block, OPD column and file name agree; the period "
        "is the one expected (by --period, or by most files of the folder).")
declare("rows", Phase.SHEET, ("indicator-unknown", "action-unknown", "indicator-not-assigned", "indicator-duplicate",
                              "value-invalid"),
        "spbe_excel.read spbe_excel.model.findings",
        "Each row matched to an action of the plan, each value read as its column's kind.")
