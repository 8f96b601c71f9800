"""What every front end calls: the command line today, the intake page
tomorrow.  Each function takes paths and options, sequences reading,
checking, merging and writing, and returns what was made; none of them
prints, parses arguments or exits.  Refusals are :class:`~spbe_excel.errors.UsageError`,
:class:`~spbe_excel.errors.OutputError` or
:class:`~spbe_excel.errors.PreviousWorkbookError`, raised before anything
is read when they can be."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spbe_excel.errors import UsageError
from spbe_excel.master import MasterList, checked_period
from spbe_excel.master.draft import PlanDraft
from spbe_excel.merge import Consolidation, consolidate
from spbe_excel.model.submission import Submission
from spbe_excel.model.vocab import FileState
from spbe_excel.text import t

PathLike = str | os.PathLike
Progress = Callable[[int, int], None]


def validate_paths(paths: Iterable[PathLike], master: MasterList, *, period: str | None = None,
                   as_of: dt.date | None = None, workers: int | None = None, progress: Progress | None = None,
                   lang: str = "id") -> list[Submission]:
    """Read and check every submission under ``paths`` (files, or folders
    walked recursively), each in an isolated worker; one
    :class:`Submission` per file, in a stable order, with its findings.
    ``period``, when given, must name a period of the plan
    (:func:`~spbe_excel.master.checked_period`)."""
    from spbe_excel.read.batch import collect_files, read_many

    period = checked_period(period, master, lang)
    files = collect_files(paths, lang)
    return read_many(files, master, period=period, today=as_of, workers=workers, progress=progress)


@dataclass(frozen=True)
class FeedbackWritten:
    """A feedback workbook and the submission it answers."""

    path: Path
    submission: Submission


def write_feedback(submission: PathLike, master: MasterList, output: PathLike, *, period: str | None = None,
                   as_of: dt.date | None = None, lang: str = "id") -> FeedbackWritten:
    """Read one submission and write its feedback workbook to ``output``:
    the OPD's values in a fresh template, cells to fix marked, and the list
    of findings."""
    from spbe_excel.read.batch import collect_files, read_many
    from spbe_excel.write.feedback import write_feedback as write

    if Path(submission).is_dir():
        raise UsageError(t("usage.not_a_file", lang, path=submission))
    check_suffix(output, ".xlsx", lang)
    period = checked_period(period, master, lang)
    [path] = collect_files([submission], lang)
    [sub] = read_many([path], master, period=period, today=as_of, workers=1)
    return FeedbackWritten(write(sub, master, output, lang=lang, period=period), sub)


def write_templates(outdir: PathLike, master: MasterList, *, period: str | None = None, opds: Iterable[str] = (),
                    all_rows: bool = False, lang: str = "id") -> list[Path]:
    """One fill-in template per OPD (``opds``, default every OPD of the
    plan) into ``outdir``, for ``period``; or, with ``all_rows``, the blank
    template with every indicator.  Returns the paths written."""
    from spbe_excel.write.template import write_templates as write

    return write(outdir, master, period=period, opds=list(opds), all_rows=all_rows, lang=lang)


def check_suffix(path: PathLike | None, suffix: str, lang: str = "id") -> None:
    """Refuse an output named for another format (``rekap.csv`` for a
    workbook, ``rekap.xlsx`` for the JSON report): the file would be written
    in ``suffix``'s format whatever its name, or overwrite a file of the other kind.  A folder is left to
    :func:`~spbe_excel.io.check_output`, which says so."""
    if path is not None and Path(path).suffix.lower() != suffix and not Path(path).is_dir():
        raise UsageError(t("usage.output_suffix", lang, path=path, suffix=suffix,
                           example=Path(path).with_suffix(suffix).name if Path(path).name else f"rekap{suffix}"))


@dataclass(frozen=True)
class FolderConsolidation:
    """What :func:`consolidate_folder` read, merged and wrote.  Output paths
    are as the caller gave them; ``None`` when that output was not asked for.
    ``withheld`` is true when no submission was used and nothing was written
    (see :func:`consolidate_folder`)."""

    consolidation: Consolidation
    files: list[Path]  # every file found under the input folder
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


def consolidate_folder(input_dir: PathLike, master: MasterList, *, output: PathLike | None = None,
                       report_json: PathLike | None = None, feedback_dir: PathLike | None = None,
                       period: str | None = None, as_of: dt.date | None = None, previous: PathLike | None = None,
                       workers: int | None = None, progress: Progress | None = None, force: bool = False,
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
    known, then as they are read."""
    from spbe_excel.io import check_output
    from spbe_excel.read.batch import collect_files, read_many
    from spbe_excel.read.previous import read_previous

    as_of = as_of or dt.date.today()
    if not Path(input_dir).is_dir():
        raise UsageError(t("usage.path_missing", lang, path=input_dir))
    period = checked_period(period, master, lang)
    files = collect_files([input_dir], lang)
    for out in (output, report_json):
        if out:
            check_output(out, lang, files)
    check_suffix(output, ".xlsx", lang)
    check_suffix(report_json, ".json", lang)
    if progress:
        progress(0, len(files))
    prev = read_previous(previous, master, lang) if previous else None
    subs = read_many(files, master, period=period, today=as_of, workers=workers, progress=progress)
    cons = consolidate(subs, master, period=period, as_of=as_of, previous=prev,
                       previous_path=str(previous) if previous else "")
    if not force and not any(s.use == FileState.ACCEPTED for s in cons.sources):
        return FolderConsolidation(cons, files, output, report_json, feedback_dir, withheld=True)
    feedback = _write_outputs(cons, files, output, report_json, feedback_dir, lang)
    return FolderConsolidation(cons, files, output, report_json, feedback_dir, feedback)


def _write_outputs(cons: Consolidation, files: list[Path], output: PathLike | None, report_json: PathLike | None,
                   feedback_dir: PathLike | None, lang: str) -> list[Path]:
    """Write the outputs asked for; return the feedback workbooks written."""
    from spbe_excel.io import atomic_output
    from spbe_excel.write.feedback import write_feedback_for_consolidation
    from spbe_excel.write.report import consolidation_json
    from spbe_excel.write.workbook import write_consolidated

    if output:
        write_consolidated(cons, output, lang=lang, inputs=files)
    if report_json:
        with atomic_output(report_json, lang, files) as tmp:
            tmp.write_text(consolidation_json(cons, lang) + "\n", encoding="utf-8")
    return write_feedback_for_consolidation(cons, feedback_dir, lang=lang) if feedback_dir else []


@dataclass(frozen=True)
class NewPlan:
    """The plan workbook :func:`new_plan` wrote, and what it holds."""

    path: Path
    draft: PlanDraft


def new_plan(path: PathLike, framework: str, institution: str, year: int, *, opd_file: PathLike | None = None,
             last_year: PathLike | None = None, period_kind: str = "triwulan", force: bool = False,
             lang: str = "id") -> NewPlan:
    """Write a plan workbook for DKIS to fill (``master new``): every row of ``framework`` ("2020", or its
    regulation's name), the OPD sheet from ``opd_file`` (.csv or .xlsx) and from ``last_year`` (last year's final
    consolidated workbook), whose unfinished actions are carried over.  ``period_kind`` says how often OPDs
    report (Triwulan, Semester or Bulan, in either language).  An existing ``path`` is refused unless ``force``:
    it may be a plan DKIS has filled."""
    from spbe_excel.master.draft import carry_over
    from spbe_excel.master.framework import get_framework
    from spbe_excel.master.load import read_opd_file
    from spbe_excel.model.periods import period_kind_of
    from spbe_excel.write.plan import write_plan

    fw = get_framework(framework, lang)
    check_suffix(path, ".xlsx", lang)
    if Path(path).exists() and not Path(path).is_dir() and not force:
        raise UsageError(t("usage.plan_exists", lang, path=path), key="usage.plan_exists", params={"path": path})
    if not institution.strip():
        raise UsageError(t("usage.institution_empty", lang), key="usage.institution_empty")
    kind = period_kind_of(period_kind)
    if kind is None:
        raise UsageError(t("usage.period_kind_unknown", lang, value=period_kind), key="usage.period_kind_unknown",
                         params={"value": period_kind})
    opds = {o.code: o for o in (read_opd_file(Path(opd_file)) if opd_file else ())}
    actions: tuple = ()
    names: tuple = ()
    if last_year:
        from spbe_excel.read.carry import read_last_year

        last = read_last_year(last_year, lang)
        for o in last.opds:
            opds.setdefault(o.code, o)
        actions, names = carry_over(last, fw, year, lang)
    draft = PlanDraft(fw, institution.strip(), year, kind, tuple(opds.values()), actions, names)
    return NewPlan(write_plan(path, draft, lang), draft)
