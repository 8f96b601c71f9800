"""Consolidation: from many submissions to one monitoring table.

One submission per OPD and period is used (the newer one when an OPD sent
several); every (indicator, OPD) pair of the plan becomes one row, reported,
missing or rejected; earlier periods are compared; the SPBE index is
estimated from the OPDs' own level estimates.

The work is done on plain objects (fast, and no pandas at start-up);
:class:`Consolidation` offers the results as pandas DataFrames for library
callers (``monev_frame()``, ``findings_frame()``, ...).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spbe_excel.master import Indicator, MasterList
from spbe_excel.master.index import SpbeIndex, compute_index, level_for_index
from spbe_excel.model import values
from spbe_excel.model.columns import OPD_COLUMNS, status_label
from spbe_excel.model.findings import Finding, Severity, make
from spbe_excel.model.submission import Submission
from spbe_excel.model.vocab import FileState, PairState, Reason, Status
from spbe_excel.perf import gc_paused
from spbe_excel.text import t

REPORTED, MISSING, REJECTED = PairState.REPORTED, PairState.MISSING, PairState.REJECTED


@dataclass
class PairRow:
    """One (indicator, OPD) pair of the plan, as consolidated."""

    indicator: Indicator
    opd: str
    state: PairState
    values: dict = field(default_factory=dict)  # typed OPD values that parsed
    raw: dict = field(default_factory=dict)  # as written (for values that did not parse)
    file: str = ""
    sheet: str = ""  # sheet of the submitted file the report came from
    cells: dict = field(default_factory=dict)  # column key -> A1 cell in the submitted file
    flag: str = ""  # worst severity of the findings on this pair: error | warning | info | ""
    previous_progress: float | None = None
    previous_level: int | None = None

    @property
    def no(self) -> int:
        return self.indicator.no

    @property
    def progress_change(self) -> float | None:
        p = self.values.get("progress")
        if p is None or self.previous_progress is None:
            return None
        return p - self.previous_progress

    @property
    def level_used(self) -> int:
        return self.values.get("current_level") or self.indicator.baseline_level

    @property
    def absorption(self) -> float | None:
        b, s = self.values.get("budget"), self.values.get("spent")
        return s / b if b and s is not None else None


@dataclass
class SourceRow:
    """Every file seen, and what became of it."""

    submission: Submission
    use: FileState

    @property
    def rows_read(self) -> int:
        return len(self.submission.rows)


@dataclass
class Consolidation:
    master: MasterList
    period: str
    as_of: dt.date
    rows: list[PairRow]
    sources: list[SourceRow]
    findings: list[Finding]
    index: SpbeIndex
    previous: str = ""  # path of the earlier workbook compared with

    # ---- figures ----------------------------------------------------------------------------------
    @property
    def opds_expected(self) -> list[str]:
        return list(self.master.opd_codes)

    @property
    def opds_reported(self) -> list[str]:
        return sorted({r.opd for r in self.rows if r.state == REPORTED})

    def findings_for(self, sub: Submission) -> list[Finding]:
        """Every finding about one file: what the reader found and what
        consolidation added (duplicates, comparison with the last period, overdue)."""
        return [f for f in self.findings if f.file == sub.path]

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    # ---- DataFrames for library callers ------------------------------------------------------------
    def monev_frame(self):
        import pandas as pd

        records = []
        for r in self.rows:
            ind = r.indicator
            rec = {"no": r.no, "indicator": ind.indicator, "domain": ind.domain, "aspect": ind.aspect,
                   "weight": ind.weight, "baseline_level": ind.baseline_level, "target_level": ind.target_level,
                   "target_year": ind.target_year, "opd": r.opd, "state": r.state}
            for col in OPD_COLUMNS:
                rec[col.key] = r.values.get(col.key)
            rec.update(previous_progress=r.previous_progress, progress_change=r.progress_change,
                       level_used=r.level_used, gap=ind.target_level - r.level_used, absorption=r.absorption,
                       flag=r.flag, file=r.file)
            records.append(rec)
        return pd.DataFrame.from_records(records)

    def findings_frame(self, lang: str = "id"):
        import pandas as pd

        return pd.DataFrame.from_records([f.as_dict(lang) for f in self.findings],
                                         columns=["code", "severity", "file", "sheet", "cell", "opd", "indicator",
                                                  "column", "value", "message", "params"])

    def sources_frame(self):
        import pandas as pd

        return pd.DataFrame.from_records([{
            "path": s.submission.path, "opd": s.submission.opd, "period": s.submission.period,
            "sha256": s.submission.source.sha256, "size": s.submission.source.size,
            "modified": s.submission.source.modified, "format": s.submission.source.format,
            "rows_read": s.rows_read, "use": s.use} for s in self.sources])

    def index_frame(self):
        import pandas as pd

        parts = [*self.index.aspects, *self.index.domains, self.index.overall]
        return pd.DataFrame.from_records([{"kind": p.kind, "number": p.number, "name": p.name, "weight": p.weight,
                                           "baseline": p.baseline, "estimate": p.estimate} for p in parts])

    def matrix_frame(self):
        """OPD x indicator: reported / missing / rejected."""
        import pandas as pd

        frame = pd.DataFrame.from_records([{"opd": r.opd, "no": r.no, "state": r.state} for r in self.rows])
        return frame.pivot(index="opd", columns="no", values="state")


# ---- consolidation --------------------------------------------------------------------------------

def _newest_key(sub: Submission):
    return (sub.filled_on or dt.date.min, sub.source.modified, sub.path)


def _worst(findings) -> str:
    if not findings:
        return ""
    return min(findings, key=lambda f: f.severity.rank).severity.value


def consolidate(submissions: list[Submission], master: MasterList, *, period: str | None = None,
                as_of: dt.date | None = None, previous: dict | None = None, previous_path: str = "") -> Consolidation:
    """Merge submissions (as read by :func:`spbe_excel.read.batch.read_many`).

    ``period`` is the reporting period; without it the period most files
    state is used, and files of another period are rejected.  ``previous``
    is what :func:`read_previous` returns for an earlier consolidated workbook.
    """
    with gc_paused():
        return _consolidate(submissions, master, period, as_of or dt.date.today(), previous, previous_path)


def _consolidate(submissions, master, period, as_of, previous, previous_path) -> Consolidation:
    findings: list[Finding] = []
    sources: list[SourceRow] = []
    accepted = [s for s in submissions if s.status == FileState.ACCEPTED]
    if not period:
        keys = Counter(values.period_key(s.period) for s in accepted if s.period)
        if keys:
            best = keys.most_common(1)[0][0]
            period = next(s.period for s in accepted if s.period and values.period_key(s.period) == best)
    period = period or ""
    if period:
        for s in accepted:
            if s.period and values.period_key(s.period) != values.period_key(period):
                s.findings.append(make("period-mismatch", file=s.path, sheet=s.sheet or "", opd=s.opd or "",
                                       value=s.period, expected=period))
                s.status = FileState.REJECTED

    by_opd: dict[str, list[Submission]] = {}
    rejected_opds: dict[str, list[Submission]] = {}
    for s in submissions:
        if s.status == FileState.ACCEPTED and s.opd:
            by_opd.setdefault(s.opd, []).append(s)
        elif s.status == FileState.REJECTED and s.opd:
            rejected_opds.setdefault(s.opd, []).append(s)
    used: dict[str, Submission] = {}
    unused: set[str] = set()
    for opd, subs in by_opd.items():
        subs = sorted(subs, key=_newest_key, reverse=True)
        used[opd] = subs[0]
        if len(subs) > 1:
            newest = subs[0]
            why = (Reason.DUP_FILLED_ON if newest.filled_on and newest.filled_on != subs[1].filled_on
                   else Reason.DUP_SAME if newest.source.sha256 == subs[1].source.sha256 else Reason.DUP_MODIFIED)
            findings.append(make("duplicate-submission", file=newest.path, opd=opd,
                                 files=", ".join(Path(s.path).name for s in subs), used=Path(newest.path).name,
                                 why=why))
            unused.update(s.path for s in subs[1:])

    for s in submissions:
        use = FileState.DUPLICATE if s.path in unused else s.status
        sources.append(SourceRow(s, use))
        if use != FileState.DUPLICATE:
            findings.extend(s.findings)

    # one row per (indicator, OPD) pair of the plan
    rows: list[PairRow] = []
    pair_findings: dict[tuple[int, str], list[Finding]] = {}
    for f in findings:
        if f.indicator is not None and f.opd:
            pair_findings.setdefault((f.indicator, f.opd), []).append(f)
    reports = {opd: sub.rows_by_no() for opd, sub in used.items()}
    for ind in master.indicators:
        for opd in ind.opds:
            sub = used.get(opd)
            if sub is not None:
                rep = reports[opd].get(ind.no)
                if rep is not None and rep.has_opd_values:
                    row = PairRow(ind, opd, REPORTED, dict(rep.values), dict(rep.raw), sub.path, rep.sheet,
                                  rep.cells)
                else:
                    row = PairRow(ind, opd, MISSING, file=sub.path)
            elif opd in rejected_opds:
                row = PairRow(ind, opd, REJECTED, file=rejected_opds[opd][0].path)
            else:
                row = PairRow(ind, opd, MISSING)
            rows.append(row)

    for opd in master.opd_codes:
        if opd not in used and opd not in rejected_opds:
            nos = [i.no for i in master.for_opd(opd)]
            findings.append(make("submission-missing", opd=opd, count=len(nos),
                                 indicators=", ".join(map(str, nos))))

    if previous:
        _compare(rows, previous, findings)
    for row in rows:  # overdue: the target year has ended at the as-of date
        ind = row.indicator
        status = row.values.get("status")
        if ind.target_year < as_of.year and status != Status.DONE:
            label = (status_label(status, "id"), status_label(status, "en")) if status else \
                (t(f"state.{row.state}", "id"), t(f"state.{row.state}", "en"))
            findings.append(make("overdue", file=row.file, opd=row.opd, indicator=ind.no, year=ind.target_year,
                                 status=label, as_of=as_of.strftime("%d/%m/%Y"), sheet=row.sheet,
                                 cell=row.cells.get("status", ""), column="status" if row.sheet else ""))
    for f in findings:
        if f.indicator is not None and f.opd and f.code in ("overdue", "update-stale", "progress-decreased",
                                                            "level-decreased"):
            pair_findings.setdefault((f.indicator, f.opd), []).append(f)
    for row in rows:
        row.flag = _worst(pair_findings.get((row.no, row.opd), []))

    reported_levels: dict[int, list] = {}
    for r in rows:
        if r.state == REPORTED:
            reported_levels.setdefault(r.no, []).append(r.values.get("current_level"))
    levels = {ind.no: level_for_index(reported_levels.get(ind.no, []), ind.baseline_level)
              for ind in master.indicators}
    findings.sort(key=lambda f: (f.severity.rank, f.opd, f.indicator or 0, f.file, f.code, f.cell))
    return Consolidation(master, period, as_of, rows, sources, findings, compute_index(master, levels),
                         previous_path)


def _compare(rows: list[PairRow], previous: dict, findings: list[Finding]) -> None:
    for row in rows:
        prev = previous.get((row.no, row.opd))
        if not prev:
            continue
        row.previous_progress = prev.get("progress")
        row.previous_level = prev.get("level")
        if row.state != REPORTED:
            continue
        where = dict(file=row.file, opd=row.opd, indicator=row.no)
        progress, level = row.values.get("progress"), row.values.get("current_level")
        text = " ".join(str(row.values.get("achievement", "")).split())
        prev_text = " ".join(str(prev.get("achievement") or "").split())
        if progress is not None and row.previous_progress is not None:
            if progress < row.previous_progress:
                findings.append(make("progress-decreased", column="progress", previous=f"{row.previous_progress:g}",
                                     progress=f"{progress:g}", **where))
            elif progress == row.previous_progress and text == prev_text and progress < 100:
                findings.append(make("update-stale", column="achievement", progress=f"{progress:g}", **where))
        if level is not None and row.previous_level is not None and level < row.previous_level:
            findings.append(make("level-decreased", column="current_level", previous=row.previous_level,
                                 level=level, **where))
