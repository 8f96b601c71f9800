"""Consolidation: from many submissions to one monitoring table.

One submission per OPD and period is used (the newer one when an OPD sent
several); every (action, OPD) pair of the plan becomes one row, reported,
missing or rejected; earlier periods are compared, and each pair keeps the
latest state its OPD reported in the year (this period's, or the latest
before it, read from the earlier workbook); the SPBE index is
estimated from the OPDs' own level estimates, an indicator at the lowest
level reported over all its actions.

The work is done on plain objects (fast, and no pandas at start-up);
:class:`Consolidation` offers the results as pandas DataFrames for library
callers (``monev_frame()``, ``findings_frame()``, ...).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spbe_excel.checks import check_folder, check_period
from spbe_excel.checks.folder import FolderContext
from spbe_excel.master import Indicator, MasterList
from spbe_excel.master.index import SpbeIndex, compute_index, indicator_levels
from spbe_excel.model import values
from spbe_excel.model.columns import MONEV_COLUMNS
from spbe_excel.model.evidence import evidence_vague
from spbe_excel.model.findings import Finding, Severity, action_order
from spbe_excel.model.pairs import LatestState, PairRow
from spbe_excel.model.periods import Period, as_period, period_bounds, period_key
from spbe_excel.model.submission import Submission
from spbe_excel.model.verification import Judged, Standing, Verification, judge, latest_by_pair
from spbe_excel.model.vocab import FileState, PairState, Reason, Status
from spbe_excel.perf import gc_paused

REPORTED, MISSING, REJECTED = PairState.REPORTED, PairState.MISSING, PairState.REJECTED


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
    period: Period | None  # given, or the one most files state; None when no file states one
    as_of: dt.date
    rows: list[PairRow[Indicator]]
    sources: list[SourceRow]
    findings: list[Finding]
    index: SpbeIndex
    previous: str = ""  # path of the earlier workbook compared with
    verifications: list[Judged] = field(default_factory=list)  # DKIS's verifications given, each judged

    @property
    def period_text(self) -> str:
        """The period as the plan spells it ("Triwulan III 2019"), "" for none."""
        return self.period.label() if self.period else ""

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

        keys = [c.key for c in MONEV_COLUMNS]
        keys[1:1] = ["action"]  # after No
        keys[3:3] = ["domain", "aspect"]  # after No, Aksi and Indikator, for grouping
        return pd.DataFrame.from_records([{k: r.value(k) for k in keys} for r in self.rows], columns=keys)

    def findings_frame(self):
        """The findings as data: code, severity, where, value and parameters (worded by
        :func:`spbe_excel.text.findings.message` in the language a caller wants)."""
        import pandas as pd

        return pd.DataFrame.from_records(
            [{"code": f.code, "severity": f.severity.value, "file": f.file, "sheet": f.sheet, "cell": f.cell,
              "opd": f.opd, "indicator": f.indicator, "action": f.action or None, "column": f.column,
              "value": f.value, "params": dict(f.params)} for f in self.findings],
            columns=["code", "severity", "file", "sheet", "cell", "opd", "indicator", "action", "column", "value",
                     "params"])

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
        """OPD x indicator: reported / missing / rejected; OPD x action (its id) for a plan with several
        actions per indicator."""
        import pandas as pd

        key = "action" if self.master.numbered else "no"
        frame = pd.DataFrame.from_records([{"opd": r.opd, key: getattr(r, key), "state": r.state} for r in self.rows])
        return frame.pivot(index="opd", columns=key, values="state")


# ---- consolidation --------------------------------------------------------------------------------

def consolidate(submissions: list[Submission], master: MasterList, *, period: Period | str | None = None,
                as_of: dt.date | None = None, previous: dict | None = None, previous_path: str = "",
                verifications: Iterable[Verification] | None = None) -> Consolidation:
    """Merge submissions (as read by :func:`spbe_excel.read.batch.read_many`).

    ``period`` is the reporting period; without it the period most files
    state is used, and files of another period are rejected.  ``previous``
    is what :func:`read_previous` returns for an earlier consolidated workbook.
    ``verifications`` are DKIS's verifications of claims (one per pair; of several, the last): each holds while
    its row is unchanged (:func:`apply_verifications`); None takes those ``previous`` holds.
    """
    if verifications is None:
        verifications = [p["verification"] for p in (previous or {}).values() if p.get("verification") is not None]
    with gc_paused():
        return _consolidate(submissions, master, as_period(period), as_of or dt.date.today(), previous,
                            previous_path, list(verifications))


def _consolidate(submissions, master, period, as_of, previous, previous_path, verifications) -> Consolidation:
    if period is None:
        period = choose_period(submissions)
        if period is not None:  # files read before it was known are checked against it now
            check_period(submissions, master, period, as_of)
    by_opd, rejected = group_by_opd(submissions)
    used = {opd: subs[0] for opd, subs in by_opd.items()}
    duplicates = {s.path for subs in by_opd.values() for s in subs[1:]}
    sources = [SourceRow(s, FileState.DUPLICATE if s.path in duplicates else s.status) for s in submissions]

    findings = [f for src in sources if src.use != FileState.DUPLICATE for f in src.submission.findings]
    rows = pair_rows(master, used, rejected)
    if previous:
        set_previous(rows, previous)
    judged = apply_verifications(rows, verifications)
    findings += check_folder(FolderContext(master, period, as_of, by_opd, rejected, rows, previous, judged))
    findings = note_claims(rows, findings)
    flag_rows(rows, findings)
    set_latest(rows, period)
    findings.sort(key=lambda f: (f.severity.rank, f.opd, f.indicator or 0, action_order(f.action), f.file, f.code,
                                 f.cell))
    index = compute_index(master, index_levels(master, rows), index_levels(master, rows, verified=True))
    return Consolidation(master, period, as_of, rows, sources, findings, index, previous_path, judged)


def choose_period(submissions: list[Submission]) -> Period | None:
    """The period most usable files state; None when none states one."""
    stated = [s.period for s in submissions if s.status == FileState.ACCEPTED and s.period]
    keys = Counter(period_key(p) for p in stated)
    if not keys:
        return None
    best = keys.most_common(1)[0][0]
    return Period.stated(next(p for p in stated if period_key(p) == best))


def _newest_key(sub: Submission):
    return (sub.filled_on or dt.date.min, sub.source.modified, sub.path)


def group_by_opd(submissions: list[Submission]) -> tuple[dict[str, list[Submission]], dict[str, list[Submission]]]:
    """Per OPD: its usable files, newest first (the first is used), and its
    rejected files, in the order given."""
    usable: dict[str, list[Submission]] = {}
    rejected: dict[str, list[Submission]] = {}
    for s in submissions:
        if s.status == FileState.ACCEPTED and s.opd:
            usable.setdefault(s.opd, []).append(s)
        elif s.status == FileState.REJECTED and s.opd:
            rejected.setdefault(s.opd, []).append(s)
    return {opd: sorted(subs, key=_newest_key, reverse=True) for opd, subs in usable.items()}, rejected


def pair_rows(master: MasterList, used: dict[str, Submission],
              rejected: dict[str, list[Submission]]) -> list[PairRow[Indicator]]:
    """One row per (action, OPD) pair of the plan: reported when the OPD's
    used file holds a value for it, rejected when the OPD sent only rejected
    files, missing otherwise."""
    rows: list[PairRow[Indicator]] = []
    reports = {opd: sub.rows_by_action() for opd, sub in used.items()}
    for ind in master.actions:
        for opd in ind.opds:
            sub = used.get(opd)
            if sub is not None:
                rep = reports[opd].get(ind.action)
                if rep is not None and rep.has_opd_values:
                    row = PairRow(ind, opd, REPORTED, dict(rep.values), dict(rep.raw), sub.path, rep.sheet,
                                  rep.cells)
                else:
                    row = PairRow(ind, opd, MISSING, file=sub.path)
            elif opd in rejected:
                row = PairRow(ind, opd, REJECTED, file=rejected[opd][0].path)
            else:
                row = PairRow(ind, opd, MISSING)
            rows.append(row)
    return rows


def set_previous(rows: list[PairRow], previous: dict) -> None:
    """Last period's progress and level on every pair the earlier workbook holds (by action and OPD)."""
    for row in rows:
        prev = previous.get((row.action, row.opd))
        if prev:
            row.previous_progress = prev.get("progress")
            row.previous_level = prev.get("level")
            row.previous_counted = prev.get("counted")
            row.previous_latest = prev.get("latest")


def flag_rows(rows: list[PairRow], findings: list[Finding]) -> None:
    """Each pair's flag: the worst severity of the findings about it."""
    worst: dict[tuple[str, str], Finding] = {}
    for f in findings:
        if f.action and f.opd:
            key = (f.action, f.opd)
            if key not in worst or f.severity.rank < worst[key].severity.rank:
                worst[key] = f
    for row in rows:
        found = worst.get((row.action, row.opd))
        row.flag = found.severity.value if found is not None else ""


def done_note(row: PairRow) -> Reason | None:
    """Why a pair reported *Selesai* is not supported: its row names no evidence (Bukti Dukung empty or a
    placeholder such as "-"; or words that name no document, such as "ada"), or has an error (a finding of
    severity error on the pair: Selesai at 90 %, say).  None when it is, or when its status is not Selesai."""
    if row.values.get("status") != Status.DONE:
        return None
    evidence = row.raw.get("evidence")
    if values.is_placeholder(evidence):
        return Reason.DONE_NO_EVIDENCE
    if evidence_vague(evidence):
        return Reason.DONE_EVIDENCE_VAGUE
    return Reason.DONE_ROW_ERROR if row.flag == "error" else None


def within_year(earlier: str, period: Period | None) -> bool:
    """Whether a state reported in the period ``earlier`` belongs to the year of ``period``, up to it: both of
    one year, ``earlier`` ending no later.  False when either is not known with its year."""
    mine = period.bounds() if period is not None else None
    theirs = period_bounds(earlier) if earlier else None
    return mine is not None and theirs is not None and theirs[1].year == mine[1].year and theirs[1] <= mine[1]


def set_latest(rows: list[PairRow], period: Period | None) -> None:
    """Each pair's latest state in the year: its report of this period when it reports a status or a progress
    (with why a Selesai is not supported; the flags must be set), else the latest state the earlier workbook
    holds for it when that is of this year and not after this period, else none."""
    label = period.label() if period is not None else ""
    for row in rows:
        status, progress = row.values.get("status"), row.values.get("progress")
        if row.state == REPORTED and (status is not None or progress is not None):
            row.latest = LatestState(status, progress, label, done_note(row))
        elif row.previous_latest is not None and within_year(row.previous_latest.period, period):
            row.latest = row.previous_latest
        else:
            row.latest = None


_NOT_COUNTED = {"level-not-counted": None, "level-above-target-without-evidence": Reason.LEVEL_NO_EVIDENCE}


def note_claims(rows: list[PairRow], findings: list[Finding]) -> list[Finding]:
    """Each pair's claim that does not count, with why, as the claim checks found it
    (:mod:`spbe_excel.checks.claims`); the findings, less each ``level-not-counted`` whose claim counts after
    all because last period counted the pair at that level (its last supported level)."""
    notes = {(f.action, f.opd): _NOT_COUNTED[f.code] or f.param("why") for f in findings if f.code in _NOT_COUNTED}
    supported: set[tuple[str, str]] = set()
    for row in rows:
        if row.state != REPORTED:
            continue
        key = (row.action, row.opd)
        claim = row.values.get("current_level")
        if key in notes and claim is not None and (row.previous_counted or 0) >= claim:
            supported.add(key)
        else:
            row.level_note = notes.get(key)
    return [f for f in findings if not (f.code == "level-not-counted" and (f.action, f.opd) in supported)]


def index_levels(master: MasterList, rows: list[PairRow], verified: bool = False) -> dict[int, int]:
    """The level each indicator counts at in the index, from the levels its pairs count at over all its
    actions and OPDs, where they claim one (see :func:`indicator_levels`); ``verified``: in the verified estimate
    (:attr:`PairRow.level_verified`)."""
    return indicator_levels(master, ((r.no, (r.level_verified if verified else r.level_used)
                                      if r.values.get("current_level") is not None else None)
                                     for r in rows if r.state == REPORTED))


def apply_verifications(rows: list[PairRow], verifications: Iterable[Verification]) -> list[Judged]:
    """Judge each of DKIS's verifications against its pair this period (:func:`~spbe_excel.model.verification.judge`:
    it holds while the row's status, level and evidence are the ones verified), and give each pair the one that
    holds.  What became of every verification, in the order of the pairs (those of no pair of the plan last)."""
    given = latest_by_pair(verifications)
    out: list[Judged] = []
    for row in rows:
        v = given.pop((row.action, row.opd), None)
        row.verification = None
        if v is None:
            continue
        judged = judge(v, reported=row.state == REPORTED, claim=row.claim, fingerprint=row.fingerprint)
        if judged.held:
            row.verification = v
        out.append(judged)
    return out + [Judged(v, Standing.UNKNOWN_PAIR) for v in given.values()]


def verification_findings(sub: Submission, master: MasterList, verifications: Iterable[Verification], *,
                          period: Period | None = None, as_of: dt.date | None = None) -> list[Finding]:
    """The findings DKIS's ``verifications`` give about one submission, as consolidation gives them: a claim
    returned with DKIS's note (``verification-returned``, at the claim's cell), a verification the file's changes
    undid (``verification-dropped``)."""
    cons = consolidate([sub], master, period=period, as_of=as_of, verifications=verifications)
    return [f for f in cons.findings if f.code.startswith("verification-") and f.file == sub.path]
