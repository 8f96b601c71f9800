"""The command line's plan commands: ``framework list``, ``framework show``
and ``master new``.  Kept apart from :mod:`spbe_excel.cli`, which imports this
module once its groups exist; the same rules hold (heavy modules imported
inside the commands, library errors as one line and exit code 2)."""

from __future__ import annotations

import shutil
import sys

import click

from spbe_excel.cli import CliError, _guard, _h, _lang, cli, lang_option, master
from spbe_excel.errors import MasterListError
from spbe_excel.text import t


@cli.group(help=_h("framework"))
def framework():
    pass


@framework.command("list", help=_h("framework_list"))
@lang_option
@click.pass_context
@_guard
def framework_list_cmd(ctx, lang):
    from spbe_excel.write.framework_show import framework_list

    click.echo(framework_list(_lang(ctx, lang)))


@framework.command("show", help=_h("framework_show"))
@click.argument("framework_id", metavar="ID")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", help=_h("format"))
@lang_option
@click.pass_context
@_guard
def framework_show_cmd(ctx, framework_id, fmt, lang):
    from spbe_excel.master.framework import get_framework
    from spbe_excel.write.framework_show import framework_csv, framework_json, framework_table

    lang = _lang(ctx, lang)
    fw = get_framework(framework_id)
    if fmt == "json":
        click.echo(framework_json(fw))
    elif fmt == "csv":
        click.echo(framework_csv(fw, lang), nl=False)
    else:
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 120
        click.echo(framework_table(fw, lang, width))


@master.command("new", help=_h("master_new"))
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--framework", "framework_id", required=True, metavar="ID", help=_h("new_framework"))
@click.option("--instansi", "institution", required=True, metavar="NAMA", help=_h("new_instansi"))
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help=_h("new_year"))
@click.option("--opd", "opd_file", type=click.Path(dir_okay=False), default=None, metavar="FILE", help=_h("new_opd"))
@click.option("--from", "last_year", type=click.Path(dir_okay=False), default=None,
              metavar="LAST_YEAR_FINAL_REKAP.xlsx", help=_h("new_from"))
@click.option("--period-kind", type=click.Choice(["triwulan", "semester", "bulan"], case_sensitive=False),
              default="triwulan", help=_h("new_period_kind"))
@click.option("--force", is_flag=True, help=_h("new_force"))
@lang_option
@click.pass_context
@_guard
def master_new_cmd(ctx, file, framework_id, institution, year, opd_file, last_year, period_kind, force, lang):
    from spbe_excel.pipeline import new_plan
    from spbe_excel.text.errors import error_text

    lang = _lang(ctx, lang)
    try:
        done = new_plan(file, framework_id, institution, year, opd_file=opd_file, last_year=last_year,
                        period_kind=period_kind, force=force, lang=lang)
    except MasterListError as exc:  # the --opd file
        raise CliError(error_text(exc, lang)) from None
    d = done.draft
    click.echo(t("cli.file_written", lang, path=file))
    click.echo(t("cli.plan_summary", lang, institution=d.institution, year=d.year, framework=d.framework.name,
                 rows=len(d.framework.rows), opds=len(d.opds), carried=len(d.actions),
                 kind=t(f"period.kind.{d.period_kind}", lang)))
    click.echo(t("cli.plan_next", lang, path=file))
