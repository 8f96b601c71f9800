"""The rejection policy: which findings make a file unusable.

A file with a finding whose code rejects (:data:`~spbe_excel.model.findings.REJECTING`,
declared with the codes) is rejected: nothing of it is counted, and the OPD is
asked for a new one; :attr:`Submission.status <spbe_excel.model.submission.Submission.status>`
follows from its findings.  Every other finding is reported and the file is
used.  A rejected file does not get "not filled in" warnings, which would bury
the one reason that matters.
"""

from __future__ import annotations

from spbe_excel.model.findings import REJECTING, Finding
from spbe_excel.model.submission import Submission
from spbe_excel.model.vocab import FileState

_QUIET_WHEN_REJECTED = frozenset({"update-empty"})
# A file holding another OPD's report is read against its link's OPD: every row would be "not assigned" and
# every one of that OPD's actions "not reported", burying the one reason.
_QUIET_WHEN = {"opd-mismatch": frozenset({"indicator-not-assigned", "row-missing"})}

__all__ = ["REJECTING", "apply", "rejects"]


def rejects(findings: list[Finding]) -> bool:
    return any(f.rejects for f in findings)


def apply(sub: Submission) -> None:
    """Put the findings of ``sub`` in order; a rejected file keeps only the findings that matter to it."""
    if sub.status is FileState.REJECTED:
        codes = {f.code for f in sub.findings}
        quiet = _QUIET_WHEN_REJECTED.union(*(q for code, q in _QUIET_WHEN.items() if code in codes))
        sub.findings = [f for f in sub.findings if f.code not in quiet]
    sub.findings.sort(key=Finding.sort_key)
