"""The one door (:mod:`spbe_excel.pipeline`) to the plan, the evaluation frameworks and the year: write and list a
plan, start the next year's from last year's consolidated workbooks, the year workbook and the leaders' page.
Re-exported by :mod:`spbe_excel.pipeline`; like it, nothing here prints, parses arguments or exits."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from spbe_excel.errors import UsageError
from spbe_excel.master import MasterList
from spbe_excel.master.draft import LastYear, PlanDraft
from spbe_excel.pipeline.paths import PathLike, check_suffix

if TYPE_CHECKING:
    from spbe_excel.year.page import YearWritten


def export_plan(master: MasterList, path: PathLike, lang: str = "id") -> Path:
    """The plan as a workbook DKIS can edit and give back with ``--master`` (``master export``)."""
    from spbe_excel.write.master_export import export_master

    check_suffix(path, ".xlsx")
    return export_master(master, Path(path), lang)


def plan_listing(master: MasterList, fmt: str, lang: str = "id", width: int = 120) -> str:
    """The plan as a terminal table (``fmt`` "table"), JSON or CSV (``master show``)."""
    from spbe_excel.write.master_export import master_csv, master_json, master_table

    if fmt == "json":
        return master_json(master)
    return master_csv(master, lang) if fmt == "csv" else master_table(master, lang, width)


def check_plan(path: PathLike):
    """Load the plan in ``path`` (:class:`~spbe_excel.errors.MasterListError` listing every problem when it
    cannot be used) and list its warnings against the framework it names (``master check``)."""
    from spbe_excel.master.against import check_master_file

    return check_master_file(Path(path))


def frameworks_listing(lang: str = "id") -> str:
    """The evaluation frameworks known, as a terminal table (``framework list``)."""
    from spbe_excel.write.framework_show import framework_list

    return framework_list(lang)


def framework_details(key: str, fmt: str, lang: str = "id", width: int = 120) -> str:
    """One framework (named by ``key``: "2020" or its regulation) as a terminal table (``fmt`` "table"), JSON
    or CSV (``framework show``); a :class:`UsageError` listing the known ones for another name."""
    from spbe_excel.master.framework import get_framework
    from spbe_excel.write.framework_show import framework_csv, framework_json, framework_table

    fw = get_framework(key)
    if fmt == "json":
        return framework_json(fw)
    return framework_csv(fw, lang) if fmt == "csv" else framework_table(fw, lang, width)


@dataclass(frozen=True)
class NewPlan:
    """The plan workbook :func:`new_plan` wrote, what it holds, and what it was started from (``--from``: None
    without it)."""

    path: Path
    draft: PlanDraft
    source: LastYear | None = None


def new_plan(path: PathLike, framework: str, institution: str, year: int, *, opd_file: PathLike | None = None,
             last_year: PathLike | Sequence[PathLike] | None = None, period_kind: str = "triwulan",
             force: bool = False, framework_change: bool = False, lang: str = "id") -> NewPlan:
    """Write a plan workbook for DKIS to fill (``master new``): every row of ``framework`` ("2020", or its
    regulation's name), the OPD sheet from ``opd_file`` (.csv or .xlsx) and from ``last_year``: last year's
    consolidated workbooks (its final one, several of its periods, or a folder of them), whose OPDs fill the OPD
    sheet and whose actions not finished (the latest state of the year is not a supported Selesai) are carried
    over, each with the reason it comes back.  ``last_year`` of another instansi, of a year not before ``year``
    or of another framework (unless ``framework_change``) is refused with a
    :class:`~spbe_excel.errors.PreviousWorkbookError` that says why; the result's ``source`` says, among the
    rest, when the year's last period was not among them (``missing_last``).  ``period_kind`` says how often OPDs
    report (Triwulan, Semester or Bulan, in either language).  An existing ``path`` is refused unless ``force``:
    it may be a plan DKIS has filled."""
    from spbe_excel.master.draft import carry_over, check_source
    from spbe_excel.master.framework import get_framework
    from spbe_excel.master.load import read_opd_file
    from spbe_excel.model.periods import period_kind_of
    from spbe_excel.write.plan import write_plan

    fw = get_framework(framework)
    check_suffix(path, ".xlsx")
    if last_year:  # last year's workbooks are never written over, not even with force
        from spbe_excel.io import check_output
        from spbe_excel.read.batch import collect_files

        given = [last_year] if isinstance(last_year, (str, os.PathLike)) else list(last_year)
        check_output(path, collect_files(p for p in given if Path(p).exists()))
    if Path(path).exists() and not Path(path).is_dir() and not force:
        raise UsageError("usage.plan_exists", path=path)
    if not institution.strip():
        raise UsageError("usage.institution_empty")
    kind = period_kind_of(period_kind)
    if kind is None:
        raise UsageError("usage.period_kind_unknown", value=period_kind)
    opds = {o.code: o for o in (read_opd_file(Path(opd_file)) if opd_file else ())}
    actions: tuple = ()
    names: tuple = ()
    last = None
    if last_year:
        from spbe_excel.read.ours.carry import read_year

        last = read_year([last_year] if isinstance(last_year, (str, os.PathLike)) else list(last_year))
        check_source(last, fw, institution.strip(), year, framework_change)
        for o in last.opds:
            opds.setdefault(o.code, o)
        actions, names = carry_over(last, fw, year)
    draft = PlanDraft(fw, institution.strip(), year, kind, tuple(opds.values()), actions, names)
    return NewPlan(write_plan(path, draft, lang), draft, last)


# ---- the year: its workbook, the leaders' page (spbe-excel year, report) -------------------------------------

def write_year_workbook(sources: Sequence[PathLike], output: PathLike, *, lang: str = "id",
                        deadlines: Mapping[str, dt.date] | None = None, deadline_days: int | None = None
                        ) -> YearWritten:
    """The year workbook (``spbe-excel year``) of the consolidated workbooks ``sources`` (files in any order, or
    folders) written to ``output`` (.xlsx); the intake page passes each round's (``Intake.rekap``) and its
    deadline by the period's label in ``deadlines`` (else reports are due ``deadline_days`` after the period)."""
    from spbe_excel.io import check_output
    from spbe_excel.read.ours.rekap import year_of_rekaps
    from spbe_excel.write.year import write_year
    from spbe_excel.year.page import YearWritten

    check_suffix(output, ".xlsx")
    check_output(output, [Path(s) for s in sources])
    year, skipped = year_of_rekaps(sources, deadlines=deadlines, deadline_days=deadline_days)
    # every file found is an input, the skipped ones too (a plan or notes kept beside the workbooks), but for an
    # earlier year workbook written there (the command run again each period over the folder it writes in)
    kept = (path for path, why in skipped.items() if why != "usage.year_is_year")
    inputs = [*(Path(p.rekap.path) for p in year.periods if p.rekap), *kept]
    page = write_year(year, output, lang=lang, inputs=inputs)
    return YearWritten(Path(output), page, year, tuple(skipped))


def write_leaders_page(source: PathLike, output: PathLike, *, lang: str = "id",
                       deadline_days: int | None = None) -> YearWritten:
    """The leaders' page (``spbe-excel report``, one A4 PDF) of a year workbook, with the figures it shows, or of
    one consolidated workbook, written to ``output`` (.pdf)."""
    from spbe_excel.io import check_output
    from spbe_excel.read.ours.yearbook import read_page
    from spbe_excel.write.onepage import write_one_page
    from spbe_excel.year.page import YearWritten

    if Path(source).is_dir():
        raise UsageError("usage.report_folder", path=source)
    if not Path(source).is_file():
        raise UsageError("usage.path_missing", path=source)
    check_suffix(output, ".pdf")
    check_output(output, [Path(source)])
    page, year = read_page(Path(source), deadline_days=deadline_days)
    write_one_page(page, output, lang=lang, inputs=[Path(source)])
    return YearWritten(Path(output), page, year)
