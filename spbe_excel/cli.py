"""The ``spbe-excel`` command line.

Each command opens its inputs, makes one library call and prints the
result; library errors become a one-line message and an exit code (1 for a
handled failure such as error findings, 2 for bad usage, a broken master
list or an unwritable output).  Only this module imports click, and heavy
modules are imported inside the commands so that ``--help`` stays fast.
"""

from __future__ import annotations

import os
import sys

import click

from spbe_excel import __version__
from spbe_excel.errors import MasterListError, SpbeExcelError
from spbe_excel.text import LANGS, check_lang, t


def _help_lang() -> str:
    """Language of the help texts: ``--lang en`` on the command line or
    ``SPBE_LANG=en``.  Help is built before options are parsed."""
    argv = sys.argv[1:]
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "id"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "id"
    return "en" if os.environ.get("SPBE_LANG", "").lower() == "en" else "id"


HELP_LANG = _help_lang()



def _h(key: str) -> str:
    return t(f"help.{key}", HELP_LANG)


class CliError(click.ClickException):
    """A failure shown as one line; exit code 2 unless told otherwise."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None):
        click.echo(self.format_message(), err=True)


def _lang(ctx: click.Context, lang: str | None) -> str:
    root = ctx.find_root().params.get("lang")
    return check_lang(lang or root or os.environ.get("SPBE_LANG") or None)


def _load_master(path: str | None, lang: str):
    from spbe_excel.master import load_master, render_master_error

    try:
        return load_master(path)
    except MasterListError as exc:
        raise CliError(render_master_error(exc, lang)) from None


def _guard(fn):
    """Turn package errors into :class:`CliError`."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except click.ClickException:
            raise
        except SpbeExcelError as exc:
            raise CliError(str(exc)) from None

    return wrapper


lang_option = click.option("--lang", type=click.Choice(LANGS), default=None, help=_h("lang"))
master_option = click.option("--master", "master_path", type=click.Path(dir_okay=False), default=None,
                             metavar="FILE", help=_h("master_opt"))


@click.group(help=_h("main"), context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="spbe-excel")
@lang_option
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    ctx.ensure_object(dict)


@cli.command(help=_h("template"))
@click.argument("outdir", type=click.Path(file_okay=True, dir_okay=True))
@click.option("--period", default=None, help=_h("period"))
@click.option("--opd", "opds", multiple=True, metavar="CODE", help=_h("opd"))
@click.option("--all", "all_rows", is_flag=True, help=_h("all"))
@master_option
@lang_option
@click.pass_context
@_guard
def template(ctx, outdir, period, opds, all_rows, master_path, lang):
    from spbe_excel.write.template import write_templates

    lang = _lang(ctx, lang)
    master = _load_master(master_path, lang)
    paths = write_templates(outdir, master, period=period, opds=list(opds), all_rows=all_rows, lang=lang)
    for p in paths:
        click.echo(t("cli.file_written", lang, path=p))
    click.echo(t("cli.templates_written", lang, count=len(paths), path=outdir))


@cli.group(help=_h("master"))
def master():
    pass


@master.command("export", help=_h("master_export"))
@click.argument("file", type=click.Path(dir_okay=False))
@master_option
@lang_option
@click.pass_context
@_guard
def master_export_cmd(ctx, file, master_path, lang):
    from spbe_excel.master.export import export_master

    lang = _lang(ctx, lang)
    m = _load_master(master_path, lang)
    export_master(m, file, lang)
    click.echo(t("cli.file_written", lang, path=file))


@master.command("show", help=_h("master_show"))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", help=_h("format"))
@master_option
@lang_option
@click.pass_context
@_guard
def master_show_cmd(ctx, fmt, master_path, lang):
    from spbe_excel.master.export import master_csv, master_json, master_table

    lang = _lang(ctx, lang)
    m = _load_master(master_path, lang)
    if fmt == "json":
        click.echo(master_json(m))
    elif fmt == "csv":
        click.echo(master_csv(m, lang), nl=False)
    else:
        width = click.get_terminal_size()[0] if sys.stdout.isatty() else 120
        click.echo(master_table(m, lang, width))


@master.command("check", help=_h("master_check"))
@click.argument("file", type=click.Path(dir_okay=False))
@lang_option
@click.pass_context
@_guard
def master_check_cmd(ctx, file, lang):
    lang = _lang(ctx, lang)
    m = _load_master(file, lang)
    click.echo(t("cli.master_ok", lang, path=file, count=len(m.indicators), opds=len(m.opd_codes),
                 fingerprint=m.fingerprint))


class DateParam(click.ParamType):
    name = "DATE"

    def convert(self, value, param, ctx):
        import datetime as dt

        from spbe_excel.model.values import ParseError, parse_date

        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(value)
        except ParseError:
            self.fail(t("cli.bad_date", HELP_LANG, value=value), param, ctx)


as_of_option = click.option("--as-of", "as_of", type=DateParam(), default=None, help=_h("as_of"))
workers_option = click.option("--workers", type=click.IntRange(0, 64), default=None, help=_h("workers"))


@cli.command(help=_h("validate"))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--period", default=None, help=_h("validate_period"))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=_h("format"))
@as_of_option
@workers_option
@master_option
@lang_option
@click.pass_context
@_guard
def validate(ctx, paths, period, fmt, as_of, workers, master_path, lang):
    from spbe_excel.model.findings import has_errors
    from spbe_excel.read.batch import collect_files, read_many
    from spbe_excel.write.report import all_findings, format_json, format_text

    lang = _lang(ctx, lang)
    master = _load_master(master_path, lang)
    files = collect_files(paths, lang)
    subs = read_many(files, master, period=period, today=as_of, workers=workers)
    click.echo(format_json(subs, lang) if fmt == "json" else format_text(subs, lang))
    ctx.exit(1 if has_errors(all_findings(subs)) else 0)


@cli.command(help=_h("feedback"))
@click.argument("submission", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False), help=_h("output"))
@click.option("--period", default=None, help=_h("validate_period"))
@as_of_option
@master_option
@lang_option
@click.pass_context
@_guard
def feedback(ctx, submission, output, period, as_of, master_path, lang):
    from spbe_excel.model.findings import count_by_severity
    from spbe_excel.read.batch import collect_files, read_many
    from spbe_excel.write.feedback import write_feedback
    from spbe_excel.write.report import counts_text

    lang = _lang(ctx, lang)
    master = _load_master(master_path, lang)
    [path] = collect_files([submission], lang)
    [sub] = read_many([path], master, period=period, today=as_of, workers=1)
    write_feedback(sub, master, output, lang=lang, period=period)
    click.echo(t("cli.file_written", lang, path=output) + " - " + counts_text(count_by_severity(sub.findings), lang))


@cli.command(help=_h("consolidate"))
@click.argument("input_dir", type=click.Path(file_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False), help=_h("output"))
@click.option("--period", default=None, help=_h("consolidate_period"))
@as_of_option
@click.option("--previous", type=click.Path(dir_okay=False), default=None, metavar="EARLIER_OUTPUT.xlsx",
              help=_h("previous"))
@click.option("--feedback", "feedback_dir", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help=_h("feedback_dir"))
@click.option("--report-json", "report_json", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help=_h("report_json"))
@workers_option
@master_option
@lang_option
@click.option("--quiet", "-q", is_flag=True, help=_h("quiet"))
@click.pass_context
@_guard
def consolidate(ctx, input_dir, output, period, as_of, previous, feedback_dir, report_json, workers, master_path,
                lang, quiet):
    import contextlib
    import datetime as dt
    from pathlib import Path

    from spbe_excel.errors import UsageError
    from spbe_excel.io import atomic_output, check_output
    from spbe_excel.pipeline import consolidate_folder
    from spbe_excel.read.batch import collect_files

    lang = _lang(ctx, lang)
    master = _load_master(master_path, lang)
    if not Path(input_dir).is_dir():
        raise UsageError(t("cli.path_missing", lang, path=input_dir))
    files = collect_files([input_dir], lang)
    for out in (output, report_json):  # refuse a bad output before reading anything
        if out:
            check_output(out, lang, files)
    bar = None if quiet or len(files) < 20 else \
        click.progressbar(length=len(files), file=sys.stderr, label=t("cli.reading", lang))
    shown = {"done": 0}

    def progress(done, total):
        bar.update(done - shown["done"])
        shown["done"] = done

    with bar or contextlib.nullcontext():
        cons = consolidate_folder(input_dir, master, period=period, as_of=as_of or dt.date.today(),
                                  previous=previous, workers=workers, progress=progress if bar else None,
                                  lang=lang)

    from spbe_excel.write.workbook import write_consolidated

    write_consolidated(cons, output, lang=lang, inputs=files)
    if report_json:
        from spbe_excel.write.report import consolidation_json

        with atomic_output(report_json, lang, files) as tmp:
            tmp.write_text(consolidation_json(cons, lang) + "\n", encoding="utf-8")
    written = []
    if feedback_dir:
        from spbe_excel.write.feedback import write_feedback_for_consolidation

        written = write_feedback_for_consolidation(cons, feedback_dir, lang=lang)
    if not quiet:
        from spbe_excel.figures import summary
        from spbe_excel.master import predicate

        summ = summary(cons)
        click.echo(t("cli.file_written", lang, path=output))
        if report_json:
            click.echo(t("cli.file_written", lang, path=report_json))
        click.echo(t("cli.summary.files", lang, files=summ["files"], used=summ["files_used"],
                     rejected=summ["files_rejected"], skipped=summ["files_skipped"], duplicate=summ["files_duplicate"]))
        click.echo(t("cli.summary.opds", lang, reported=summ["opds_reported"], expected=summ["opds_expected"]))
        click.echo(t("cli.summary.findings", lang, **summ["findings"]))
        click.echo(t("cli.summary.index", lang, base=summ["index_baseline"], est=summ["index_estimate"],
                     pbase=predicate(summ["index_baseline"], lang), pest=predicate(summ["index_estimate"], lang)))
        if feedback_dir:
            click.echo(t("cli.summary.feedback", lang, count=len(written), path=feedback_dir))
    _QUICK_EXIT["ready"] = True  # every output is written and closed
    ctx.exit(1 if cons.has_errors else 0)


_QUICK_EXIT = {"ready": False}


def main(argv: list[str] | None = None) -> None:
    """The console script.  After a command that built large structures
    (``consolidate``) has written every output, the process ends without
    taking those structures apart one object at a time (about half a second
    for a thousand submissions): output streams are flushed, files are
    already closed and renamed into place."""
    _QUICK_EXIT["ready"] = False
    try:
        cli.main(args=argv, prog_name="spbe-excel")
    except SystemExit as exc:
        if not _QUICK_EXIT["ready"]:
            raise
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
