"""The ``spbe-excel`` command line.

Each command opens its inputs, makes one library call and prints the
result; library errors become a one-line message and an exit code (1 for a
handled failure such as error findings, 2 for bad usage, a broken master
list or an unwritable output).  Only this module imports click, and heavy
modules are imported inside the commands so that ``--help`` stays fast.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from typing import TYPE_CHECKING

import click

from spbe_excel import __version__
from spbe_excel.errors import MasterListError, SpbeExcelError
from spbe_excel.text import LANGS, check_lang, t

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from contextlib import ExitStack

    from click._termui_impl import ProgressBar  # the type click.progressbar returns; click does not export it


def _args_lang(args: list[str]) -> str:
    """The language of a run before its options are parsed (help texts are
    built before, click's errors come while parsing): ``--lang en``
    anywhere on the command line, or ``SPBE_LANG=en``."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "id"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "id"
    return "en" if os.environ.get("SPBE_LANG", "").lower() == "en" else "id"


HELP_LANG = _args_lang(sys.argv[1:])
_RUN = {"lang": HELP_LANG}  # the language of the run in progress (see SpbeGroup.main)


def _h(key: str) -> str:
    return t(f"help.{key}", HELP_LANG)


@contextlib.contextmanager
def _click_speaks(lang: str) -> Iterator[None]:
    """While a command runs in Indonesian, click's own messages (usage
    errors, help headings) come from :mod:`spbe_excel.text.clickmsg`.  click
    looks them up with :func:`gettext.gettext` and :func:`gettext.ngettext`,
    which each of its modules imports under its own name; for the run those
    names answer from the tables, and a message the tables do not have (one
    click changed or added) keeps click's English.  A module that no longer
    imports them is left alone."""
    if lang != "id":
        yield
        return
    import gettext

    from spbe_excel.text.clickmsg import CLICK_ID, CLICK_ID_PLURAL

    def gettext_id(message: str) -> str:
        return CLICK_ID.get(message) or gettext.gettext(message)

    def ngettext_id(singular: str, plural: str, n: int) -> str:
        found = CLICK_ID_PLURAL.get((singular, plural))
        return (found[0] if n == 1 else found[1]) if found else gettext.ngettext(singular, plural, n)

    swapped = []
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            for attr, ours, theirs in (("_", gettext_id, gettext.gettext), ("ngettext", ngettext_id, gettext.ngettext)):
                if getattr(module, attr, None) is theirs:
                    setattr(module, attr, ours)
                    swapped.append((module, attr, theirs))
    try:
        yield
    finally:
        for module, attr, theirs in swapped:
            setattr(module, attr, theirs)


class SpbeGroup(click.Group):
    """The command group: knows the language of a run before click parses
    it, and lets click speak it."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        lang = _args_lang(list(sys.argv[1:] if args is None else args))
        _RUN["lang"] = lang
        with _click_speaks(lang):
            return super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                standalone_mode=standalone_mode, **extra)


class CliError(click.ClickException):
    """A failure shown as one line, exit code 2 (bad usage, a broken master
    list, an output that cannot be written)."""

    exit_code = 2

    def show(self, file=None):
        click.echo(self.format_message(), err=True)


def _lang(ctx: click.Context, lang: str | None) -> str:
    root = ctx.find_root().params.get("lang")
    return check_lang(lang or root or os.environ.get("SPBE_LANG") or None)


def _load_master(path: str | None, lang: str):
    from spbe_excel.master import load_master
    from spbe_excel.text.errors import error_text

    try:
        return load_master(path)
    except MasterListError as exc:
        raise CliError(error_text(exc, lang)) from None


# Library refusals that the command line words with its own option names.
_OPTION_WORDING = {
    "usage.period_required": "cli.period_required",
    "usage.opd_and_all": "cli.opd_and_all",
    "usage.previous_unreadable": "cli.previous_unreadable",
    "usage.previous_not_ours": "cli.previous_not_ours",
    "usage.period_invalid": "cli.period_invalid",
    "usage.period_year": "cli.period_year",
    "usage.plan_exists": "cli.plan_exists",
    "usage.institution_empty": "cli.institution_empty",
}


def _message(exc: SpbeExcelError, lang: str | None) -> str:
    from spbe_excel.text.errors import error_text

    return error_text(exc, _lang(click.get_current_context(), lang), _OPTION_WORDING.get(exc.key))


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
            raise CliError(_message(exc, kwargs.get("lang"))) from None

    return wrapper


lang_option = click.option("--lang", type=click.Choice(LANGS), default=None, help=_h("lang"))
master_option = click.option("--master", "master_path", type=click.Path(dir_okay=False), default=None,
                             metavar="FILE", help=_h("master_opt"))


@click.group(cls=SpbeGroup, help=_h("main"),
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="spbe-excel", help=_h("version"))
@lang_option
@click.option("--log", "log_file", type=click.Path(dir_okay=False), default=None, metavar="FILE", help=_h("log"))
@click.option("-v", "--verbose", is_flag=True, help=_h("verbose"))
@click.pass_context
def cli(ctx: click.Context, lang: str | None, log_file: str | None, verbose: bool) -> None:
    ctx.ensure_object(dict)
    _start_logging(ctx, log_file, verbose)


def _start_logging(ctx: click.Context, log_file: str | None, verbose: bool) -> None:
    """What the library logs (INFO and above: files read, and the traceback
    or last output of a reader process that crashed, with the file it was
    reading) goes to FILE, appended, and with -v to stderr; for this command only."""
    if not log_file and not verbose:
        return
    import logging

    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)] if verbose else []
    if log_file:
        try:
            handlers.append(logging.FileHandler(log_file, mode="a", encoding="utf-8"))
        except OSError as exc:
            raise CliError(t("output.unwritable", _lang(ctx, None), path=log_file,
                             reason=exc.strerror or type(exc).__name__)) from None
    log = logging.getLogger("spbe_excel")
    log.setLevel(logging.INFO)
    for h in handlers:
        h.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(h)

    def stop() -> None:
        for h in handlers:
            log.removeHandler(h)
            h.close()

    ctx.call_on_close(stop)


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
    from spbe_excel.pipeline import write_templates

    lang = _lang(ctx, lang)
    master = _load_master(master_path, lang)
    paths = write_templates(outdir, master, period=period, opds=opds, all_rows=all_rows, lang=lang)
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
    from spbe_excel.pipeline import check_suffix
    from spbe_excel.write.master_export import export_master

    lang = _lang(ctx, lang)
    check_suffix(file, ".xlsx")
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
    from spbe_excel.write.master_export import master_csv, master_json, master_table

    lang = _lang(ctx, lang)
    m = _load_master(master_path, lang)
    if fmt == "json":
        click.echo(master_json(m))
    elif fmt == "csv":
        click.echo(master_csv(m, lang), nl=False)
    else:
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 120
        click.echo(master_table(m, lang, width))


@master.command("check", help=_h("master_check"))
@click.argument("file", type=click.Path(dir_okay=False))
@lang_option
@click.pass_context
@_guard
def master_check_cmd(ctx, file, lang):
    from spbe_excel.master.against import check_master_file
    from spbe_excel.text.errors import error_text, warnings_text

    lang = _lang(ctx, lang)
    try:
        m, warnings = check_master_file(file)
    except MasterListError as exc:
        raise CliError(error_text(exc, lang)) from None
    click.echo(t("cli.master_ok.actions" if m.numbered else "cli.master_ok", lang, path=file,
                 count=len(m.indicators), actions=len(m.actions), opds=len(m.opd_codes), fingerprint=m.fingerprint))
    if warnings:
        click.echo(warnings_text(warnings, lang))


class DateParam(click.ParamType):
    """A date typed day first (30/09/2019, 30-09-2019, 30 September 2019) or
    year first (2019-09-30); a bare number (an Excel serial) is refused."""

    name = "DATE"

    def convert(self, value, param, ctx):
        import datetime as dt

        from spbe_excel.model.values import ParseError, parse_date

        if isinstance(value, dt.date):
            return value
        try:
            if str(value).strip().isdigit():
                raise ParseError("bare number")
            return parse_date(value)
        except ParseError:
            self.fail(t("cli.bad_date", _RUN["lang"], value=value), param, ctx)


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
    from spbe_excel.model.vocab import FileState
    from spbe_excel.pipeline import validate_paths
    from spbe_excel.write.report import all_findings, format_json, format_text

    lang = _lang(ctx, lang)
    master = _load_master(master_path, lang)
    subs = validate_paths(paths, master, period=period, as_of=as_of, workers=workers)
    click.echo(format_json(subs, lang) if fmt == "json" else format_text(subs, lang))
    if all(s.status == FileState.SKIPPED for s in subs):  # no file at all, or none a workbook
        click.echo(t("cli.no_submission", lang, path=", ".join(paths), why=_why_none(subs, lang)), err=True)
        ctx.exit(1)
    ctx.exit(1 if has_errors(all_findings(subs)) else 0)


def _why_none(subs, lang: str, period: str = "") -> str:
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
    from spbe_excel.pipeline import write_feedback
    from spbe_excel.write.report import counts_text

    lang = _lang(ctx, lang)
    master = _load_master(master_path, lang)
    done = write_feedback(submission, master, output, period=period, as_of=as_of, lang=lang)
    counts = count_by_severity(done.submission.findings)
    click.echo(t("cli.file_written", lang, path=output) + " - " + counts_text(counts, lang))


def _progress_bar(stack: ExitStack, lang: str) -> Callable[[int, int], None]:
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
@click.option("--force", is_flag=True, help=_h("force"))
@click.pass_context
@_guard
def consolidate(ctx, input_dir, output, period, as_of, previous, feedback_dir, report_json, workers, master_path,
                lang, quiet, force):
    from spbe_excel.pipeline import consolidate_folder

    lang = _lang(ctx, lang)
    master = _load_master(master_path, lang)
    with contextlib.ExitStack() as stack:
        done = consolidate_folder(input_dir, master, output=output, report_json=report_json,
                                  feedback_dir=feedback_dir, period=period, as_of=as_of, previous=previous,
                                  workers=workers, progress=None if quiet else _progress_bar(stack, lang), force=force,
                                  lang=lang)
    if not quiet:
        _print_summary(done, lang)
    if done.withheld:
        click.echo(_nothing_used(done, input_dir, lang), err=True)
    _QUICK_EXIT["ready"] = True  # every output is written and closed
    ctx.exit(1 if done.has_errors or not done.files_used else 0)


def _print_summary(done, lang: str) -> None:
    """What ``consolidate`` did: the outputs written, the files (each rejected one with its reason), the
    OPDs that sent nothing, the findings and the index."""
    from spbe_excel.figures import summary
    from spbe_excel.text.words import predicate
    from spbe_excel.write.report import missing_opds, rejected_lines

    cons = done.consolidation
    summ = summary(cons)
    if not done.withheld:
        for path in (done.workbook, done.report_json):
            if path:
                click.echo(t("cli.file_written", lang, path=path))
    click.echo(t("cli.summary.files", lang, files=summ.files, used=summ.files_used, rejected=summ.files_rejected,
                 skipped=summ.files_skipped, duplicate=summ.files_duplicate))
    for line in rejected_lines([s.submission for s in cons.sources], lang):
        click.echo(line)
    click.echo(t("cli.summary.opds", lang, reported=summ.opds_reported, expected=summ.opds_expected))
    missing = missing_opds(cons)
    if missing:
        click.echo(t("cli.summary.missing", lang, opds=", ".join(missing)))
    click.echo(t("cli.summary.findings", lang, **summ.findings))
    if done.withheld:
        return
    click.echo(t("cli.summary.index", lang, base=summ.index_baseline, est=summ.index_estimate,
                 pbase=predicate(summ.index_baseline, lang), pest=predicate(summ.index_estimate, lang)))
    if done.feedback_dir:
        click.echo(t("cli.summary.feedback", lang, count=len(done.feedback), path=done.feedback_dir))


def _nothing_used(done, input_dir: str, lang: str) -> str:
    """Why ``consolidate`` wrote nothing, what was kept, and what to do."""
    from pathlib import Path

    cons = done.consolidation
    why = _why_none([s.submission for s in cons.sources], lang, cons.period_text)
    kept = [str(p) for p in (done.workbook, done.report_json, done.feedback_dir) if p and Path(p).exists()]
    return t("cli.nothing_used", lang, path=input_dir, why=why,
             kept=t("cli.nothing_used.kept", lang, paths=", ".join(kept), count=len(kept)) if kept else "")


_QUICK_EXIT = {"ready": False}

import spbe_excel.cliplan  # noqa: E402,F401  (adds the framework commands and master new to the groups above)
import spbe_excel.cliportal  # noqa: E402,F401  (adds portal init and portal serve)


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
