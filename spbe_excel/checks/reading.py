"""The baseline check: reading itself.  What a file is and whether it can be
read, which sheet holds the monitoring table, which OPD sent it, which action
each row reports and which values do not parse are found while the file is
read (:mod:`spbe_excel.read`), not by parsing it again; their codes are
declared here so that every finding code has one owner in the registry, as
frictionless's baseline check owns the errors of its reader."""

from __future__ import annotations

from spbe_excel.checks.registry import Phase, declare

declare("reading", Phase.FILE,
        ("file-unreadable", "file-encrypted", "file-misnamed", "file-skipped", "file-second-reader", "file-decrypted",
         "sheet-not-found", "opd-unknown", "opd-conflict", "opd-mismatch", "indicator-unknown", "action-unknown",
         "indicator-not-assigned", "indicator-duplicate", "value-invalid"),
        "spbe_excel.read",
        "What a file is, from its bytes; whether it is safe to parse and a parser could read it; which sheet holds "
        "the monitoring table; which OPD the file is from (template metadata, header block, OPD column, file "
        "name, intake link); which action of the plan each row reports; each value read as its column's kind.")

declare("report", Phase.SUBMISSION, ("findings-omitted",), "spbe_excel.text.findings",
        "What a report of one file's findings leaves out: past the weight one file's findings may have "
        "(text.findings.FINDINGS_BUDGET), the rest are counted by severity in one finding.")
