"""The plan commands: ``master export/show/check/new`` (the master list, or
plan of actions) and ``framework list/show`` (the evaluation frameworks).
The library is imported inside the commands."""

from __future__ import annotations

import shutil
import sys

import click

from spbe_excel.cli.common import command_lang, group, guard, lang_option, load_master, master_option, option
from spbe_excel.text import t


@group("master", help_key="master")
def master():
    pass


@master.command("export", help_key="master_export")
@click.argument("file", type=click.Path(dir_okay=False))
@master_option
@lang_option
@click.pass_context
@guard
def master_export_cmd(ctx, file, master_path, lang):
    from spbe_excel.pipeline import check_suffix, export_plan

    lang = command_lang(ctx, lang)
    check_suffix(file, ".xlsx")  # before the plan is read
    export_plan(load_master(master_path, lang), file, lang)
    click.echo(t("cli.file_written", lang, path=file))


@master.command("show", help_key="master_show")
@option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", help_key="format")
@master_option
@lang_option
@click.pass_context
@guard
def master_show_cmd(ctx, fmt, master_path, lang):
    from spbe_excel.pipeline import plan_listing

    lang = command_lang(ctx, lang)
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 120
    click.echo(plan_listing(load_master(master_path, lang), fmt, lang, width), nl=fmt != "csv")


@master.command("check", help_key="master_check")
@click.argument("file", type=click.Path(dir_okay=False))
@lang_option
@click.pass_context
@guard
def master_check_cmd(ctx, file, lang):
    from spbe_excel.pipeline import check_plan
    from spbe_excel.text.errors import warnings_text

    lang = command_lang(ctx, lang)
    m, warnings = check_plan(file)  # a broken plan: guard words it
    click.echo(t("cli.master_ok.actions" if m.numbered else "cli.master_ok", lang, path=file,
                 count=len(m.indicators), actions=len(m.actions), opds=len(m.opd_codes), fingerprint=m.fingerprint))
    if warnings:
        click.echo(warnings_text(warnings, lang))


@master.command("new", help_key="master_new")
@click.argument("file", type=click.Path(dir_okay=False))
@option("--framework", "framework_id", required=True, metavar="ID", help_key="new_framework")
@option("--instansi", "institution", required=True, metavar="NAMA", help_key="new_instansi")
@option("--year", type=click.IntRange(2000, 2100), required=True, help_key="new_year")
@option("--opd", "opd_file", type=click.Path(dir_okay=False), default=None, metavar="FILE", help_key="new_opd")
@option("--from", "last_year", type=click.Path(), multiple=True, metavar="REKAP", help_key="new_from")
@option("--framework-change", is_flag=True, help_key="new_framework_change")
@option("--period-kind", type=click.Choice(["triwulan", "semester", "bulan"], case_sensitive=False),
        default="triwulan", help_key="new_period_kind")
@option("--force", is_flag=True, help_key="new_force")
@lang_option
@click.pass_context
@guard
def master_new_cmd(ctx, file, framework_id, institution, year, opd_file, last_year, framework_change, period_kind,
                   force, lang):
    from spbe_excel.model.vocab import Reason
    from spbe_excel.pipeline import new_plan

    lang = command_lang(ctx, lang)
    done = new_plan(file, framework_id, institution, year, opd_file=opd_file, last_year=list(last_year),
                    period_kind=period_kind, force=force, framework_change=framework_change,
                    lang=lang)  # a broken --opd file: guard words it
    d, last = done.draft, done.source
    click.echo(t("cli.file_written", lang, path=file))
    click.echo(t("cli.plan_summary", lang, institution=d.institution, year=d.year, framework=d.framework.name,
                 rows=len(d.framework.rows), opds=len(d.opds), carried=len(d.actions),
                 kind=t(f"period.kind.{d.period_kind}", lang)))
    if last is not None:
        click.echo(t("cli.from_summary", lang, periods=", ".join(last.periods) or "-", finished=last.finished,
                     year=last.year, not_done=last.count(Reason.CARRY_NOT_DONE),
                     unsupported=last.count(Reason.CARRY_UNSUPPORTED), silent=last.count(Reason.CARRY_SILENT),
                     never=last.count(Reason.CARRY_NEVER)))
        if last.missing_last:
            click.echo(t("cli.from_missing_last", lang, missing=last.missing_last, year=last.year,
                         last=last.last_period))
    click.echo(t("cli.plan_next", lang, path=file))


@group("framework", help_key="framework")
def framework():
    pass


@framework.command("list", help_key="framework_list")
@lang_option
@click.pass_context
@guard
def framework_list_cmd(ctx, lang):
    from spbe_excel.pipeline import frameworks_listing

    click.echo(frameworks_listing(command_lang(ctx, lang)))


@framework.command("show", help_key="framework_show")
@click.argument("framework_id", metavar="ID")
@option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", help_key="format")
@lang_option
@click.pass_context
@guard
def framework_show_cmd(ctx, framework_id, fmt, lang):
    from spbe_excel.pipeline import framework_details

    lang = command_lang(ctx, lang)
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 120
    click.echo(framework_details(framework_id, fmt, lang, width), nl=fmt != "csv")
