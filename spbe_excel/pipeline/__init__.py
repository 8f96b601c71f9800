"""The one door: what every front end (the command line, the intake page)
calls to do anything with a file or a set of files.  Each function takes
paths and options, sequences reading, checking, merging and writing, and
returns what was made; none of them prints, parses arguments or exits.

A period enters here as text (``--period``, an intake round) or as a
:class:`~spbe_excel.model.periods.Period`, and travels on as a ``Period``.
Refusals are :class:`~spbe_excel.errors.UsageError`,
:class:`~spbe_excel.errors.OutputError` or
:class:`~spbe_excel.errors.PreviousWorkbookError` with a text key and its
parameters (a front end words them: :func:`spbe_excel.text.errors.error_text`),
raised before anything is read when they can be.  Only writers of
documents take a language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spbe_excel.errors import UsageError
from spbe_excel.master import MasterList, checked_period
from spbe_excel.merge import Consolidation, consolidate, verification_findings
from spbe_excel.model.contacts import Contact
from spbe_excel.model.findings import Finding
from spbe_excel.model.periods import Period
from spbe_excel.model.submission import Incoming, Submission
from spbe_excel.model.verification import Judged, Verification
from spbe_excel.model.vocab import FileState
from spbe_excel.pipeline.paths import PathLike, check_suffix

if TYPE_CHECKING:
    from spbe_excel.figures import Claim, ClaimRow, Summary
    from spbe_excel.read.pool import ReaderPool
    from spbe_excel.write.evidence import PackWritten  # noqa: F401 (spbe_excel.pipeline.PackWritten for types)
    from spbe_excel.write.report import FileReport

Progress = Callable[[int, int], None]
PeriodLike = Period | str | None


def period_of(period: PeriodLike, master: MasterList) -> Period | None:
    """A period given as text, parsed once (:func:`~spbe_excel.master.checked_period`: it must name a period
    of the plan), or a :class:`Period` as it is."""
    return period if isinstance(period, Period) else checked_period(period, master)


def load_plan(path: PathLike | None = None) -> MasterList:
    """The plan in ``path`` (a master list file), or the embedded one;
    :class:`~spbe_excel.errors.MasterListError` listing every problem with its cell."""
    from spbe_excel.master import load_master

    return load_master(None if path is None else Path(path))


def opd_contacts(master: MasterList) -> dict[str, Contact]:
    """Each OPD's contacts by code, as the plan's OPD sheet gives them (empty without its contact columns)."""
    return {o.code: o.contact for o in master.registry}


def read_uploads(items: Sequence[PathLike | Incoming], master: MasterList, *, period: PeriodLike = None,
                 as_of: dt.date | None = None, workers: int | None = None) -> list[Submission]:
    """Read and check files (each in an isolated worker) without walking folders: the intake page's uploads
    again after a restart."""
    from spbe_excel.read.batch import read_many

    return read_many(items, master, period=period_of(period, master), today=as_of, workers=workers)


def validate_paths(paths: Iterable[PathLike], master: MasterList, *, period: PeriodLike = None,
                   as_of: dt.date | None = None, workers: int | None = None,
                   progress: Progress | None = None) -> list[Submission]:
    """Read and check every submission under ``paths`` (files, or folders
    walked recursively), each in an isolated worker; one
    :class:`Submission` per file, in a stable order, with its findings."""
    from spbe_excel.read.batch import collect_files, read_many

    expected = period_of(period, master)
    files = collect_files(paths)
    return read_many(files, master, period=expected, today=as_of, workers=workers, progress=progress)


def reader_pool(master: MasterList, *, size: int = 2, timeout: float | None = None) -> ReaderPool:
    """Reader processes that stay from file to file (:class:`~spbe_excel.read.pool.ReaderPool`), each file read
    with the isolation of ``validate``'s workers: for a server that reads one upload at a time from many
    threads; :func:`check_upload` reads in it when given it.  Close it when done (``pool.close()``)."""
    from spbe_excel.read.batch import DEFAULT_TIMEOUT
    from spbe_excel.read.pool import ReaderPool
    from spbe_excel.write import report  # noqa: F401  (what check_upload_report needs here, imported now, not by
    # the first uploads, which would wait for it together)

    return ReaderPool(master, size=size, timeout=timeout or DEFAULT_TIMEOUT)


def check_upload(path: PathLike, master: MasterList, *, period: PeriodLike, opd: str, name: str,
                 as_of: dt.date | None = None, timeout: float | None = None,
                 pool: ReaderPool | None = None) -> Submission:
    """Read and check one uploaded file as ``validate`` does, in an isolated worker: one of ``pool``
    (:func:`reader_pool`, whose own timeout holds), else a worker started for it; ``name`` is the name it was
    uploaded under (what findings call it) and ``opd`` the OPD whose link it came through (a file holding
    another OPD's report is rejected, ``opd-mismatch``)."""
    from spbe_excel.read.batch import DEFAULT_TIMEOUT, read_many

    item = Incoming(str(path), name, opd)
    if pool is not None:
        return pool.read(item, period=period_of(period, master), today=as_of)
    [sub] = read_many([item], master, period=period_of(period, master), today=as_of, workers=1,
                      timeout=timeout or DEFAULT_TIMEOUT)
    return sub


def check_upload_report(path: PathLike, master: MasterList, *, period: PeriodLike, opd: str, name: str,
                        as_of: dt.date | None = None, timeout: float | None = None, pool: ReaderPool | None = None,
                        langs: Sequence[str] = ("id", "en")) -> FileReport:
    """:func:`check_upload`, and the :class:`~spbe_excel.write.report.FileReport` of what it read (its findings
    in each of ``langs``, bounded), made in the reader process of ``pool`` itself: a server gets back a few
    hundred kilobytes, not a submission of 60,000 rows to unpickle while it serves other requests."""
    from functools import partial

    from spbe_excel.write.report import file_report

    report = partial(file_report, langs=tuple(langs))
    if pool is not None:
        got = pool.read(Incoming(str(path), name, opd), period=period_of(period, master), today=as_of, then=report)
        return got if not isinstance(got, Submission) else report(got)  # a reader that failed: a finding
    return report(check_upload(path, master, period=period, opd=opd, name=name, as_of=as_of, timeout=timeout))


@dataclass(frozen=True)
class FeedbackWritten:
    """A feedback workbook and the submission it answers."""

    path: Path
    submission: Submission


def write_feedback(submission: PathLike | Incoming, master: MasterList, output: PathLike, *,
                   period: PeriodLike = None, as_of: dt.date | None = None, lang: str = "id",
                   verifications: Sequence[Verification] = ()) -> FeedbackWritten:
    """Read one submission and write its feedback workbook to ``output``:
    the OPD's values in a fresh template, cells to fix marked, and the list
    of findings.  ``submission`` may be an :class:`Incoming` (an upload: the
    name it came under, the OPD of its link).  With DKIS's ``verifications`` (the intake page's store), a claim
    of this file DKIS returned (*Perlu perbaikan*) is marked with DKIS's note, and a verification the file's changes
    undid is listed (:func:`~spbe_excel.merge.verification_findings`)."""
    from spbe_excel.read.batch import collect_files, read_many
    from spbe_excel.write.feedback import write_feedback as write

    item = Incoming.of(submission)
    if Path(item.path).is_dir():
        raise UsageError("usage.not_a_file", path=item.path)
    check_suffix(output, ".xlsx")
    expected = period_of(period, master)
    [path] = collect_files([item.path])
    [sub] = read_many([Incoming(str(path), item.shown, item.opd)], master, period=expected, today=as_of, workers=1)
    extra = verification_findings(sub, master, verifications, period=expected, as_of=as_of) if verifications else []
    findings = [*sub.findings, *extra] if extra else None
    return FeedbackWritten(write(sub, master, output, lang=lang, period=expected, findings=findings), sub)


def write_templates(outdir: PathLike, master: MasterList, *, period: PeriodLike = None, opds: Iterable[str] = (),
                    all_rows: bool = False, lang: str = "id") -> list[Path]:
    """One fill-in template per OPD (``opds``, default every OPD of the
    plan) into ``outdir``, for ``period``; or, with ``all_rows``, the blank
    template with every indicator.  Returns the paths written."""
    from spbe_excel.write.template import plan_codes
    from spbe_excel.write.template import write_templates as write

    opds = list(opds)
    if all_rows and opds:
        raise UsageError("usage.opd_and_all")
    if not all_rows and (period is None or not str(period).strip()):
        raise UsageError("usage.period_required")
    plan_codes(master, opds)  # an unknown OPD is named before the period is read
    return write(outdir, master, period=period_of(period, master), opds=opds, all_rows=all_rows, lang=lang)


@dataclass(frozen=True)
class FolderConsolidation:
    """What :func:`consolidate_folder` (or :func:`consolidate_files`) read,
    merged and wrote.  Output paths are as the caller gave them; ``None``
    when that output was not asked for.  ``withheld`` is true when no
    submission was used and nothing was written (see :func:`consolidate_folder`)."""

    consolidation: Consolidation
    files: list[Path]  # every file read
    workbook: PathLike | None = None
    report_json: PathLike | None = None
    feedback_dir: PathLike | None = None
    feedback: list[Path] = field(default_factory=list)  # the feedback workbooks written, one per OPD
    withheld: bool = False  # no submission used: no output written

    @property
    def has_errors(self) -> bool:
        return self.consolidation.has_errors

    @property
    def files_used(self) -> int:
        return sum(1 for s in self.consolidation.sources if s.use == FileState.ACCEPTED)

    @property
    def summary(self):
        """The figures of the consolidation (:class:`~spbe_excel.figures.Summary`)."""
        from spbe_excel.figures import summary

        return summary(self.consolidation)

    @property
    def rejections(self) -> list[tuple[Submission, Finding | None]]:
        """Every rejected file with the finding that rejected it."""
        return rejections([s.submission for s in self.consolidation.sources])

    @property
    def claims_not_counted(self):
        """Every level claimed above a baseline that does not count in the estimate, and why
        (:class:`~spbe_excel.figures.Claim`)."""
        from spbe_excel.figures import claims_not_counted

        return claims_not_counted(self.consolidation)

    @property
    def claims(self) -> list[ClaimRow]:
        """Every claim DKIS verifies (a Selesai, a level above the baseline), with its row's fingerprint and the
        verification that holds on it (:class:`~spbe_excel.figures.ClaimRow`)."""
        from spbe_excel.figures import claim_rows

        return claim_rows(self.consolidation)

    @property
    def verifications(self) -> list[Judged]:
        """What became of each of DKIS's verifications given (held, the row changed, ...), in plan order."""
        return self.consolidation.verifications

    @property
    def missing_opds(self) -> list[str]:
        """The OPDs of the plan that sent no file at all, in plan order."""
        return [f.opd for f in self.consolidation.findings if f.code == "submission-missing"]

    @property
    def blank_opds(self) -> list[str]:
        """The OPDs of the plan whose file was used but reports on none of their rows (a blank template sent
        back: every pair of theirs missing though a file was used), in plan order."""
        cons = self.consolidation
        used = {s.submission.opd for s in cons.sources if s.use == FileState.ACCEPTED}
        reported = set(cons.opds_reported)
        return [opd for opd in cons.opds_expected if opd in used and opd not in reported]

    @property
    def rejected_opds(self) -> list[tuple[str, Finding | None]]:
        """The OPDs of the plan whose every file was rejected, each with the finding that rejected the file its
        rows are marked with (its first), in plan order."""
        cons = self.consolidation
        used = {s.submission.opd for s in cons.sources if s.use == FileState.ACCEPTED}
        first: dict[str, Finding | None] = {}
        for sub, finding in self.rejections:
            if sub.opd and sub.opd not in first:
                first[sub.opd] = finding
        return [(opd, first[opd]) for opd in cons.opds_expected if opd in first and opd not in used]


def rejections(subs: Iterable[Submission]) -> list[tuple[Submission, Finding | None]]:
    """Every rejected file among ``subs`` with the finding that rejected it (the first that rejects)."""
    return [(sub, next((f for f in sorted(sub.findings, key=Finding.sort_key) if f.rejects), None))
            for sub in subs if sub.status == FileState.REJECTED]


def findings_report(subs: Sequence[Submission], fmt: str, lang: str = "id") -> str:
    """The findings of checked files as text for a terminal (``fmt`` "text") or as JSON ("json")."""
    from spbe_excel.write.report import format_json, format_text

    return format_json(subs, lang) if fmt == "json" else format_text(subs, lang)


@dataclass(frozen=True)
class Outputs:
    """What a consolidation writes, each when given: the workbook (.xlsx), the JSON report (.json), a folder
    of feedback workbooks, in ``lang``."""

    workbook: PathLike | None = None
    report_json: PathLike | None = None
    feedback_dir: PathLike | None = None
    lang: str = "id"

    def check(self, inputs: list[Path]) -> None:
        """Refuse, before anything is read, an output that cannot be written or is named for another format."""
        from spbe_excel.io import check_output

        for out in (self.workbook, self.report_json):
            if out:
                check_output(out, inputs)
        check_suffix(self.workbook, ".xlsx")
        check_suffix(self.report_json, ".json")


def consolidate_folder(input_dir: PathLike, master: MasterList, *, output: PathLike | None = None,
                       report_json: PathLike | None = None, feedback_dir: PathLike | None = None,
                       period: PeriodLike = None, as_of: dt.date | None = None, previous: PathLike | None = None,
                       verifications: Sequence[Verification] | None = None, workers: int | None = None,
                       progress: Progress | None = None, force: bool = False,
                       lang: str = "id") -> FolderConsolidation:
    """Read every submission under ``input_dir`` (each in an isolated
    worker), compare with ``previous`` (an earlier consolidated workbook) and
    consolidate them; write the consolidated workbook to ``output``, a JSON
    report to ``report_json`` and one feedback workbook per OPD with findings
    into ``feedback_dir``, each when given.

    When no submission is used (an empty or wrong folder, or a ``period``
    that every file contradicts), nothing is written, so that a good earlier
    workbook, report or feedback is not replaced by an empty one: the result
    says ``withheld``.  ``force=True`` writes them anyway.

    The folder is walked once; outputs that cannot be written or are named
    for another format (the workbook must end in .xlsx, the report in .json),
    a ``period`` that names no period of the plan, and an unusable
    ``previous``, are refused before any submission is read.
    ``progress(done, total)`` is called with ``done=0`` once the files are
    known, then as they are read.

    ``verifications``: DKIS's verifications of claims (:class:`~spbe_excel.model.verification.Verification`, one
    per (action, OPD): :func:`read_verifications`, or the intake page's store), each holding while its row is
    unchanged (what became of each: :attr:`FolderConsolidation.verifications` and findings); None: ``previous``'s."""
    from spbe_excel.read.batch import collect_files

    if not Path(input_dir).is_dir():
        raise UsageError("usage.path_missing", path=input_dir)
    expected = period_of(period, master)
    files = collect_files([input_dir])
    return consolidate_files(files, master, Outputs(output, report_json, feedback_dir, lang), period=expected,
                             as_of=as_of, previous=previous, verifications=verifications, workers=workers,
                             progress=progress, force=force)


def consolidate_files(files: Sequence[PathLike | Incoming], master: MasterList, outputs: Outputs = Outputs(), *,
                      period: PeriodLike = None, as_of: dt.date | None = None, previous: PathLike | None = None,
                      verifications: Sequence[Verification] | None = None, workers: int | None = None,
                      progress: Progress | None = None, force: bool = False) -> FolderConsolidation:
    """:func:`consolidate_folder` over a list of files (each a path, or an :class:`Incoming`: the intake page
    passes each OPD's latest upload, under the name of its copy, with the OPD of its link, and DKIS's
    ``verifications`` from its store)."""
    from spbe_excel.read.batch import read_many
    from spbe_excel.read.ours.previous import read_previous

    as_of = as_of or dt.date.today()
    expected = period_of(period, master)
    items = [Incoming.of(f) for f in files]
    paths = [Path(i.path) for i in items]
    outputs.check(paths)
    if progress:
        progress(0, len(items))
    prev = read_previous(previous, master) if previous else None
    subs = read_many(items, master, period=expected, today=as_of, workers=workers, progress=progress)
    cons = consolidate(subs, master, period=expected, as_of=as_of, previous=prev,
                       previous_path=str(previous) if previous else "", verifications=verifications)
    shown = [Path(i.name) for i in items]
    done = FolderConsolidation(cons, shown, outputs.workbook, outputs.report_json, outputs.feedback_dir)
    if not force and not any(s.use == FileState.ACCEPTED for s in cons.sources):
        return FolderConsolidation(cons, shown, outputs.workbook, outputs.report_json, outputs.feedback_dir,
                                   withheld=True)
    feedback = _write_outputs(cons, paths, outputs)
    return FolderConsolidation(cons, done.files, done.workbook, done.report_json, done.feedback_dir, feedback)


def _write_outputs(cons: Consolidation, files: list[Path], outputs: Outputs) -> list[Path]:
    """Write the outputs asked for; return the feedback workbooks written."""
    from spbe_excel.io import atomic_output
    from spbe_excel.write.feedback import write_feedback_for_consolidation
    from spbe_excel.write.report import consolidation_json
    from spbe_excel.write.workbook import write_consolidated

    if outputs.workbook:
        write_consolidated(cons, outputs.workbook, lang=outputs.lang, inputs=files)
    if outputs.report_json:
        with atomic_output(outputs.report_json, files) as tmp:
            tmp.write_text(consolidation_json(cons, outputs.lang) + "\n", encoding="utf-8")
    if outputs.feedback_dir:
        return write_feedback_for_consolidation(cons, outputs.feedback_dir, lang=outputs.lang)
    return []


@dataclass(frozen=True)
class SetFigures:
    """The figures of a set of submissions: the :class:`~spbe_excel.figures.Summary` (the index at the baseline,
    estimated and verified), every level claim that does not count (:class:`~spbe_excel.figures.Claim`), every
    claim DKIS verifies with its fingerprint and the verification that holds (:class:`~spbe_excel.figures.ClaimRow`),
    and what became of each verification given (:class:`~spbe_excel.model.verification.Judged`)."""

    summary: Summary
    claims_not_counted: list[Claim]
    claims: list[ClaimRow] = field(default_factory=list)
    verifications: list[Judged] = field(default_factory=list)


def summarize(subs: Sequence[Submission], master: MasterList, *, period: PeriodLike = None,
              as_of: dt.date | None = None, verifications: Sequence[Verification] = ()) -> SetFigures:
    """The figures of a set of submissions already read, as ``consolidate`` would make them: the intake page's
    index (baseline, estimate, verified), reporting rate, the claims it does not count and the claims DKIS verifies,
    given DKIS's ``verifications`` (from the page's store)."""
    from spbe_excel.figures import claim_rows, claims_not_counted, summary

    cons = consolidate(list(subs), master, period=period_of(period, master), as_of=as_of,
                       verifications=verifications)
    return SetFigures(summary(cons), claims_not_counted(cons), claim_rows(cons), cons.verifications)


def read_verifications(path: PathLike, master: MasterList) -> list[Verification]:
    """DKIS's verifications typed into a consolidated workbook (Monev's Verifikasi and Catatan Verifikasi, version 4
    on; none in an older one), each with the fingerprint of the row it verified and who gave it when, as far as the
    workbook says; :class:`~spbe_excel.errors.PreviousWorkbookError` for a workbook this tool did not write."""
    from spbe_excel.read.ours.previous import read_verifications as read

    return read(path, master)


# The plan, the frameworks and the year (their own module, the same door): re-exported here
from spbe_excel.pipeline.evidence import recognise_evidence as recognise_evidence  # noqa: E402
from spbe_excel.pipeline.evidence import write_evidence_pack as write_evidence_pack  # noqa: E402
from spbe_excel.pipeline.plans import NewPlan as NewPlan  # noqa: E402
from spbe_excel.pipeline.plans import check_plan as check_plan  # noqa: E402
from spbe_excel.pipeline.plans import export_plan as export_plan  # noqa: E402
from spbe_excel.pipeline.plans import framework_details as framework_details  # noqa: E402
from spbe_excel.pipeline.plans import frameworks_listing as frameworks_listing  # noqa: E402
from spbe_excel.pipeline.plans import new_plan as new_plan  # noqa: E402
from spbe_excel.pipeline.plans import plan_listing as plan_listing  # noqa: E402
from spbe_excel.pipeline.plans import write_leaders_page as write_leaders_page  # noqa: E402
from spbe_excel.pipeline.plans import write_year_workbook as write_year_workbook  # noqa: E402
