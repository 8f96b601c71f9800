"""Presenting findings of many submissions: text for the terminal, JSON for
scripts.  Pure functions over :class:`~spbe_excel.read.one.reader.Submission`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from spbe_excel.model.columns import OPD_COLUMNS
from spbe_excel.model.findings import Finding, count_by_severity
from spbe_excel.model.submission import Submission
from spbe_excel.model.vocab import FileState
from spbe_excel.text import t
from spbe_excel.text.findings import as_dict, bounded_dicts
from spbe_excel.text.findings import message as finding_message
from spbe_excel.text.words import predicate, predicate_note, severity_label, verdict_label

_OPD_KEYS = {c.key for c in OPD_COLUMNS}


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
            lines.append(f"  {severity_label(f.severity, lang):<10} {where:<12} {f.code}: {finding_message(f, lang)}")
    total = count_by_severity(all_findings(subs))
    states = {k: sum(1 for s in subs if s.status == k)
              for k in (FileState.ACCEPTED, FileState.REJECTED, FileState.SKIPPED)}
    lines.append(t("report.summary", lang, files=len(subs), **states) + " " + counts_text(total, lang))
    rejected = sorted(s.path for s in subs if s.status == FileState.REJECTED)
    if rejected:
        lines.append(t("report.rejected_names", lang, files=", ".join(rejected)))
    return "\n".join(lines)


def format_json(subs, lang: str = "id") -> str:
    """A JSON list of findings (code, severity, file, sheet, cell, opd,
    indicator, action, column, value, message, params); of each file as many
    as :func:`~spbe_excel.text.findings.bounded_dicts` gives (the rest counted
    in one ``findings-omitted`` finding), as the intake page gives them."""
    shown = [d for s in subs for d in bounded_dicts(sorted(s.findings, key=Finding.sort_key), (lang,))[lang]]
    return json.dumps(shown, ensure_ascii=False, indent=2, default=str)


KEEP_ROWS = 5000  # a checked upload keeps its submission (for the index) up to this many rows


@dataclass(frozen=True)
class FileReport:
    """One file's verdict and its findings as the JSON report gives them (as many as
    :func:`~spbe_excel.text.findings.bounded_dicts` gives), in each language; and the submission itself when it
    has at most :data:`KEEP_ROWS` rows (a larger one is read again when needed)."""

    status: FileState
    opd: str | None
    counts: dict[str, int]  # findings by severity, all of them
    findings: dict[str, list[dict]]
    submission: Submission | None


def file_report(sub: Submission, langs: Sequence[str] = ("id", "en")) -> FileReport:
    """The :class:`FileReport` of a submission: made where it was read (a reader process), so that what comes
    back to a server is small whatever the file held (60,000 rows: some 60,000 findings)."""
    findings = sorted(sub.findings, key=Finding.sort_key)
    return FileReport(sub.status, sub.opd, count_by_severity(findings), bounded_dicts(findings, langs),
                      sub if len(sub.rows) <= KEEP_ROWS else None)


def _plain(v):
    import datetime as dt

    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v


WEIGHT_DECIMALS = 6


def exact_weight(weight: float) -> float:
    """A weight (percent) as the plan means it: the master list keeps each
    indicator's weight to 10 decimals (20/6 is 3.3333333333), so a sum of
    them drifts in the last digits (six of them make 19.9999999998, a domain
    of 55 becomes 54.9999999998); to 6 decimals the drift is gone for any
    plan of under 10,000 indicators, and a weight typed with up to 6 decimals is exact."""
    return round(weight, WEIGHT_DECIMALS)


def _latest(state, lang: str) -> dict | None:
    """A pair's latest state of the year (:class:`~spbe_excel.model.pairs.LatestState`): status, progress, the
    period it was reported in, whether it is a supported Selesai (``done``) and, for one that is not, why (a
    code and its message); None for a pair never reported in the year."""
    if state is None:
        return None
    return {"status": state.status, "progress": state.progress, "period": state.period, "done": state.done,
            "note": state.note, "note_message": t(state.note, lang) if state.note is not None else None}


def _verification(v, lang: str) -> dict | None:
    """DKIS's verification of a claim (:class:`~spbe_excel.model.verification.Verification`): its verdict (a key
    and its label), note, who and when, and the fingerprint of the row verified; None for none."""
    if v is None:
        return None
    return {"verdict": v.verdict, "verdict_label": verdict_label(v.verdict, lang) if v.verdict else None,
            "note": v.note, "by": v.by, "at": v.at.isoformat() if v.at else None, "fingerprint": v.fingerprint}


def _judged(judged, lang: str) -> dict:
    """A verification given and what became of it this period (held, changed, ...; ``changed``: the columns the OPD
    changed)."""
    v = judged.verification
    return {"action": v.action, "opd": v.opd, "standing": judged.standing, "changed": list(judged.changed),
            **(_verification(v, lang) or {}), "written": v.written or None}


def consolidation_json(cons, lang: str = "id") -> str:
    """The consolidation as JSON: stable keys and order, no timestamps but
    the as-of date, so the same inputs give the same bytes.  Text is kept
    whole (a text over Excel's limit is cut only in workbooks)."""
    from spbe_excel.figures import claimed_levels, claims_not_counted, summary

    idx = cons.index

    base_rule, est_rule = idx.baseline_rule, idx.estimate_rule

    def part(p):
        return {"number": p.number, "name": p.name, "weight": exact_weight(p.weight), "baseline": round(p.baseline, 10),
                "estimate": round(p.estimate, 10), "verified": round(p.verified, 10),
                "baseline_predicate": predicate(p.baseline, lang, base_rule.exact),
                "estimate_predicate": predicate(p.estimate, lang, est_rule.exact),
                "verified_predicate": predicate(p.verified, lang, est_rule.exact)}

    def rule(r):
        return {"evaluation": r.year, "exact": r.exact, "source": r.source}

    overall = {**part(idx.overall), "baseline_note": predicate_note(idx.overall.baseline, base_rule, lang),
               "estimate_note": predicate_note(idx.overall.estimate, est_rule, lang),
               "verified_note": predicate_note(idx.overall.verified, est_rule, lang)}

    payload = {
        "format": "spbe-excel/report", "version": 1, "period": cons.period_text, "as_of": cons.as_of.isoformat(),
        "master": {"fingerprint": cons.master.fingerprint, "institution": cons.master.institution,
                   "plan_year": cons.master.plan_year, "source": cons.master.source},
        "previous": cons.previous,
        "summary": summary(cons).as_dict(),
        "index": {"overall": overall, "domains": [part(p) for p in idx.domains],
                  "claimed_levels": {str(k): v for k, v in claimed_levels(cons).items()},
                  "claims_not_counted": [{"no": c.no, "action": c.action, "opd": c.opd, "claimed": c.claimed,
                                          "counted": c.counted, "why": c.why, "message": t(c.why, lang)}
                                         for c in claims_not_counted(cons)],
                  "predicate_rules": {"baseline": rule(base_rule), "estimate": rule(est_rule)},
                  "aspects": [part(p) for p in idx.aspects],
                  "levels": {str(k): v for k, v in sorted(idx.levels.items())},
                  "verified_levels": {str(k): v for k, v in sorted((idx.verified_levels or {}).items())}},
        "verifications": [_judged(j, lang) for j in cons.verifications],
        "rows": [{"no": r.no, "action": r.action, "opd": r.opd, "state": r.state, "file": r.file, "flag": r.flag,
                  "values": {k: _plain(v) for k, v in r.values.items()},
                  "invalid": {k: str(_plain(v)) for k, v in r.raw.items() if k not in r.values and k in _OPD_KEYS},
                  "previous_progress": r.previous_progress, "previous_counted": r.previous_counted,
                  "level_counted": r.level_used if r.values.get("current_level") is not None else None,
                  "level_note": r.level_note, "latest": _latest(r.latest, lang), "claim": r.claim,
                  "fingerprint": r.fingerprint.text if r.claim and r.fingerprint is not None else None,
                  "level_verified": r.level_verified if r.values.get("current_level") is not None else None,
                  "verification": _verification(r.verification, lang)} for r in cons.rows],
        "sources": [{"path": s.submission.path, "opd": s.submission.opd, "period": s.submission.period,
                     "sha256": s.submission.source.sha256, "size": s.submission.source.size,
                     "modified": s.submission.source.modified, "format": s.submission.source.format,
                     "rows_read": s.rows_read, "use": s.use} for s in cons.sources],
        "findings": [as_dict(f, lang) for f in cons.findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True, default=str)

