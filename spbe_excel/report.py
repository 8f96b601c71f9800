"""Presenting findings of many submissions: text for the terminal, JSON for
scripts.  Pure functions over :class:`~spbe_excel.reader.Submission`."""

from __future__ import annotations

import json

from .findings import Finding, count_by_severity
from .labels import t


def all_findings(subs) -> list[Finding]:
    return [f for s in subs for f in sorted(s.findings, key=Finding.sort_key)]


def counts_text(counts: dict[str, int], lang: str) -> str:
    return t("report.counts", lang, **counts)


def format_text(subs, lang: str = "id") -> str:
    """Findings grouped by file, errors first, with a one-line count per file
    and a summary line at the end."""
    lines: list[str] = []
    for sub in sorted(subs, key=lambda s: s.path):
        findings = sorted(sub.findings, key=Finding.sort_key)
        who = ", ".join(x for x in (sub.opd, sub.period) if x) or "-"
        status = t(f"report.status.{sub.status}", lang)
        lines.append(f"{sub.path} ({who}) [{status}]: {counts_text(count_by_severity(findings), lang)}")
        for f in findings:
            where = f.where or "-"
            lines.append(f"  {f.severity.label(lang):<10} {where:<12} {f.code}: {f.message(lang)}")
    total = count_by_severity(all_findings(subs))
    states = {k: sum(1 for s in subs if s.status == k) for k in ("accepted", "rejected", "skipped")}
    lines.append(t("report.summary", lang, files=len(subs), **states) + " " + counts_text(total, lang))
    return "\n".join(lines)


def format_json(subs, lang: str = "id") -> str:
    """A JSON list of findings (code, severity, file, sheet, cell, opd,
    indicator, column, value, message, params)."""
    return json.dumps([f.as_dict(lang) for f in all_findings(subs)], ensure_ascii=False, indent=2, default=str)
