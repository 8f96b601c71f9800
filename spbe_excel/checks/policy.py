"""The rejection policy: which findings make a file unusable.

A file with one of :data:`REJECTING` is rejected: nothing of it is counted,
and the OPD is asked for a new one.  Every other finding is reported and the
file is used.  A rejected file does not get "not filled in" warnings, which
would bury the one reason that matters.
"""

from __future__ import annotations

from spbe_excel.model.findings import Finding
from spbe_excel.model.submission import Submission
from spbe_excel.model.vocab import FileState

REJECTING = frozenset({"file-unreadable", "file-encrypted", "sheet-not-found", "opd-unknown", "period-mismatch"})
_QUIET_WHEN_REJECTED = frozenset({"update-empty"})


def rejects(findings: list[Finding]) -> bool:
    return any(f.code in REJECTING for f in findings)


def apply(sub: Submission) -> None:
    """Reject ``sub`` when a finding says so, and put its findings in order."""
    if sub.status is not FileState.SKIPPED and rejects(sub.findings):
        sub.status = FileState.REJECTED
        sub.findings = [f for f in sub.findings if f.code not in _QUIET_WHEN_REJECTED]
    sub.findings.sort(key=Finding.sort_key)
