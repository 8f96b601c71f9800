"""The commands of a reporting period: ``template``, ``validate``,
``feedback`` and ``consolidate``.  Each opens its inputs, makes one library
call and prints the result; the library is imported inside the commands."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

import click

from spbe_excel.cli.common import (
    QUICK_EXIT,
    as_of_option,
    command,
    command_lang,
    guard,
    lang_option,
    load_master,
    master_option,
    option,
    workers_option,
)
from spbe_excel.text import t

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import ExitStack

    from click._termui_impl import ProgressBar  # the type click.progressbar returns; click does not export it


@command("template", help_key="template")
@click.argument("outdir", type=click.Path(file_okay=True, dir_okay=True))
@option("--period", default=None, help_key="period")
@option("--opd", "opds", multiple=True, metavar="CODE", help_key="opd")
@option("--all", "all_rows", is_flag=True, help_key="all")
@master_option
@lang_option
@click.pass_context
@guard
def template(ctx, outdir, period, opds, all_rows, master_path, lang):
    from spbe_excel.pipeline import write_templates

    lang = command_lang(ctx, lang)
    master = load_master(master_path, lang)
    paths = write_templates(outdir, master, period=period, opds=opds, all_rows=all_rows, lang=lang)
    for p in paths:
        click.echo(t("cli.file_written", lang, path=p))
    click.echo(t("cli.templates_written", lang, count=len(paths), path=outdir))


@command("validate", help_key="validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@option("--period", default=None, help_key="validate_period")
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help_key="format")
@as_of_option
@workers_option
@master_option
@lang_option
@click.pass_context
@guard
def validate(ctx, paths, period, fmt, as_of, workers, master_path, lang):
    from spbe_excel.model.findings import has_errors
    from spbe_excel.model.vocab import FileState
    from spbe_excel.pipeline import findings_report, validate_paths

    lang = command_lang(ctx, lang)
    master = load_master(master_path, lang)
    subs = validate_paths(paths, master, period=period, as_of=as_of, workers=workers)
    click.echo(findings_report(subs, fmt, lang))
    if all(s.status == FileState.SKIPPED for s in subs):  # no file at all, or none a workbook
        click.echo(t("cli.no_submission", lang, path=", ".join(paths), why=why_none(subs, lang)), err=True)
        ctx.exit(1)
    ctx.exit(1 if has_errors([f for s in subs for f in s.findings]) else 0)


def why_none(subs, lang: str, period: str = "") -> str:
    """Why none of ``subs`` (every file found) is a usable submission."""
    from spbe_excel.model.vocab import FileState

    if not subs:
        return t("cli.why.empty", lang)
    workbooks = [s for s in subs if s.status != FileState.SKIPPED]
    if not workbooks:
        return t("cli.why.skipped", lang, count=len(subs))
    stated = [f.value for s in workbooks for f in s.findings if f.code == "period-mismatch"]
    if period and len(stated) == len(workbooks):
        return t("cli.why.other_period", lang, count=len(workbooks), stated=stated[0], period=period)
    return t("cli.why.rejected", lang, count=len(workbooks))


@command("feedback", help_key="feedback")
@click.argument("submission", type=click.Path(dir_okay=False))
@option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False), help_key="output")
@option("--period", default=None, help_key="validate_period")
@as_of_option
@master_option
@lang_option
@click.pass_context
@guard
def feedback(ctx, submission, output, period, as_of, master_path, lang):
    from spbe_excel.model.findings import count_by_severity
    from spbe_excel.pipeline import write_feedback

    lang = command_lang(ctx, lang)
    master = load_master(master_path, lang)
    done = write_feedback(submission, master, output, period=period, as_of=as_of, lang=lang)
    counts = count_by_severity(done.submission.findings)
    click.echo(t("cli.file_written", lang, path=output) + " - " + t("report.counts", lang, **counts))


def progress_bar(stack: ExitStack, lang: str) -> Callable[[int, int], None]:
    """A progress callback that shows a bar on stderr for runs of 20 files or
    more; the bar closes with ``stack``."""
    bar: ProgressBar[int] | None = None
    shown = 0

    def progress(done: int, total: int) -> None:
        nonlocal bar, shown
        if total < 20:
            return
        if bar is None:
            bar = stack.enter_context(click.progressbar(length=total, file=sys.stderr, label=t("cli.reading", lang)))
        bar.update(done - shown)
        shown = done

    return progress


@command("consolidate", help_key="consolidate")
@click.argument("input_dir", type=click.Path(file_okay=False))
@option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False), help_key="output")
@option("--period", default=None, help_key="consolidate_period")
@as_of_option
@option("--previous", type=click.Path(dir_okay=False), default=None, metavar="EARLIER_OUTPUT.xlsx",
        help_key="previous")
@option("--verifications", "verified_in", type=click.Path(dir_okay=False), default=None, metavar="OUTPUT.xlsx",
        help_key="verifications")
@option("--feedback", "feedback_dir", type=click.Path(file_okay=False), default=None, metavar="DIR",
        help_key="feedback_dir")
@option("--report-json", "report_json", type=click.Path(dir_okay=False), default=None, metavar="FILE",
        help_key="report_json")
@workers_option
@master_option
@lang_option
@option("--quiet", "-q", is_flag=True, help_key="quiet")
@option("--force", is_flag=True, help_key="force")
@click.pass_context
@guard
def consolidate(ctx, input_dir, output, period, as_of, previous, verified_in, feedback_dir, report_json, workers,
                master_path, lang, quiet, force):
    from spbe_excel.pipeline import consolidate_folder, read_verifications

    lang = command_lang(ctx, lang)
    master = load_master(master_path, lang)
    verifications = read_verifications(verified_in, master) if verified_in else None
    with contextlib.ExitStack() as stack:
        done = consolidate_folder(input_dir, master, output=output, report_json=report_json,
                                  feedback_dir=feedback_dir, period=period, as_of=as_of, previous=previous,
                                  verifications=verifications, workers=workers,
                                  progress=None if quiet else progress_bar(stack, lang), force=force, lang=lang)
    if not quiet:
        print_summary(done, lang)
    if done.withheld:
        click.echo(nothing_used(done, input_dir, lang), err=True)
    QUICK_EXIT["ready"] = True  # every output is written and closed
    ctx.exit(1 if done.has_errors or not done.files_used else 0)


CLAIMS_SHOWN = 10  # claims not counted listed in the summary (the workbook's Indeks sheet lists them all)


def print_summary(done, lang: str) -> None:
    """What ``consolidate`` did: the outputs written, the files (each rejected one with its reason), the
    OPDs not counted as reporting and why (:func:`not_counted`), the findings and the index."""
    from spbe_excel.text.findings import message
    from spbe_excel.text.words import index_text, predicate, predicate_note

    summ = done.summary
    if not done.withheld:
        for path in (done.workbook, done.report_json):
            if path:
                click.echo(t("cli.file_written", lang, path=path))
    click.echo(t("cli.summary.files", lang, files=summ.files, used=summ.files_used, rejected=summ.files_rejected,
                 skipped=summ.files_skipped, duplicate=summ.files_duplicate))
    for sub, f in done.rejections:
        click.echo(t("report.rejected_file", lang, path=sub.path, code=f.code if f else "-",
                     message=message(f, lang) if f else "-"))
    click.echo(t("cli.summary.opds", lang, reported=summ.opds_reported, expected=summ.opds_expected))
    for line in not_counted(done, lang):
        click.echo(line)
    click.echo(t("cli.summary.findings", lang, **summ.findings))
    if done.withheld:
        return
    idx = done.consolidation.index
    base, est = (idx.overall.baseline, idx.baseline_rule), (idx.overall.estimate, idx.estimate_rule)
    ver = (idx.overall.verified, idx.estimate_rule)
    click.echo(t("cli.summary.index", lang, base=index_text(base[0], lang), est=index_text(est[0], lang),
                 ver=index_text(ver[0], lang), pbase=predicate(base[0], lang, base[1].exact),
                 pest=predicate(est[0], lang, est[1].exact), pver=predicate(ver[0], lang, ver[1].exact)))
    for note in dict.fromkeys(predicate_note(value, rule, lang) for value, rule in (base, est, ver)):
        if note:
            click.echo(note)
    claims = done.claims_not_counted
    if claims:
        click.echo(t("cli.summary.claims", lang))
        for c in claims[:CLAIMS_SHOWN]:
            click.echo(t("cli.summary.claim", lang, action=c.action, opd=c.opd, claimed=c.claimed, counted=c.counted,
                         why=t(c.why, lang)))
        if len(claims) > CLAIMS_SHOWN:
            click.echo(t("cli.summary.claims_more", lang, count=len(claims) - CLAIMS_SHOWN))
    click.echo(t("cli.summary.verified", lang, claims=summ.claims, verified=summ.claims_verified,
                 returned=summ.claims_returned, open=summ.claims - summ.claims_verified - summ.claims_returned))
    print_verifications(done, lang)
    if done.feedback_dir:
        click.echo(t("cli.summary.feedback", lang, count=len(done.feedback), path=done.feedback_dir))


VERIFICATION_CODES = ("verification-dropped", "verification-ignored")


def print_verifications(done, lang: str) -> None:
    """DKIS's verifications that no longer hold (the OPD changed the row, or did not report it) or were ignored,
    each with why (its finding's message), up to :data:`CLAIMS_SHOWN`: DKIS sees which to check again."""
    from spbe_excel.text.findings import message

    for code in VERIFICATION_CODES:
        found = [f for f in done.consolidation.findings if f.code == code]
        if not found:
            continue
        click.echo(t(f"cli.summary.{code}", lang, count=len(found)))
        for f in found[:CLAIMS_SHOWN]:
            click.echo(f"  {f.opd}: {message(f, lang)}")
        if len(found) > CLAIMS_SHOWN:
            click.echo(t("cli.summary.verifications_more", lang, count=len(found) - CLAIMS_SHOWN))


def not_counted(done, lang: str) -> list[str]:
    """Every OPD of the plan the summary does not count as reporting, and why, one line per reason: it sent
    nothing; it sent a blank template (its file was used and reports on none of its rows); its file was rejected
    (with the code that rejected it, whose "Ditolak:" line is above)."""
    lines = []
    missing, blank, rejected = done.missing_opds, done.blank_opds, done.rejected_opds
    if missing:
        lines.append(t("cli.summary.missing", lang, opds=", ".join(missing), count=len(missing)))
    if blank:
        lines.append(t("cli.summary.blank", lang, opds=", ".join(blank), count=len(blank)))
    if rejected:
        named = ", ".join(f"{opd} ({f.code})" if f else opd for opd, f in rejected)
        lines.append(t("cli.summary.rejected", lang, opds=named, count=len(rejected)))
    return lines


def nothing_used(done, input_dir: str, lang: str) -> str:
    """Why ``consolidate`` wrote nothing, what was kept, and what to do."""
    from pathlib import Path

    cons = done.consolidation
    why = why_none([s.submission for s in cons.sources], lang, cons.period_text)
    kept = [str(p) for p in (done.workbook, done.report_json, done.feedback_dir) if p and Path(p).exists()]
    return t("cli.nothing_used", lang, path=input_dir, why=why,
             kept=t("cli.nothing_used.kept", lang, paths=", ".join(kept), count=len(kept)) if kept else "")
