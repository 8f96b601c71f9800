"""The ``spbe-excel`` command line.

Each command opens its inputs, makes one library call and prints the
result; library errors become a one-line message and an exit code (1 for a
handled failure such as error findings, 2 for bad usage, a broken master
list or an unwritable output).  Only this package imports click, and heavy
modules are imported inside the commands so that ``--help`` stays fast.

``common`` holds what the commands share, ``rewording`` click's own
messages in the language of the run; ``submissions`` (template, validate,
feedback, consolidate), ``plan`` (master, framework) and ``portal`` the
commands; this module the root group, which adds them, and :func:`main`.
"""

from __future__ import annotations

import contextvars
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from spbe_excel import __version__
from spbe_excel.cli import evidence, plan, portal, submissions, year
from spbe_excel.cli.common import (
    QUICK_EXIT,
    RUN_LANG,
    CliError,
    Group,
    Option,
    args_lang,
    command_lang,
    lang_option,
    option,
)
from spbe_excel.cli.rewording import click_text, show_error
from spbe_excel.text import t

__all__ = ["CliError", "cli", "main"]

STANDALONE = contextvars.ContextVar("spbe_excel_cli_standalone", default=False)


class RootGroup(Group):
    """The root group: chooses the language of a run from its arguments before click parses them, and shows
    what ends a run (click's usage errors, an abort) in it."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        lang = args_lang(list(sys.argv[1:] if args is None else args))
        token = RUN_LANG.set(lang)
        try:
            if not standalone_mode:
                return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            return self.standalone(lang, args, prog_name, complete_var, **extra)
        finally:
            RUN_LANG.reset(token)

    def standalone(self, lang: str, args: Sequence[str] | None, prog_name: str | None, complete_var: str | None,
                   **extra: Any) -> NoReturn:
        """click's standalone mode, with what click would show shown in ``lang``: click runs the command
        without its standalone mode, which hands over what ends the run (an exit code, an exception)."""
        token = STANDALONE.set(True)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:
            show_error(exc, lang)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo(click_text("Aborted!", lang), file=sys.stderr)
            sys.exit(1)
        finally:
            STANDALONE.reset(token)
        sys.exit(code)

    def invoke(self, ctx: click.Context) -> Any:
        """As click's standalone mode does, a command that returns ends the run with exit code 0 (without
        its standalone mode click would return what the command returned instead)."""
        rv = super().invoke(ctx)
        if STANDALONE.get():
            ctx.exit()
        return rv


@click.group(cls=RootGroup, help_key="main",
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="spbe-excel", cls=Option, help_key="version")
@lang_option
@option("--log", "log_file", type=click.Path(dir_okay=False), default=None, metavar="FILE", help_key="log")
@option("-v", "--verbose", is_flag=True, help_key="verbose")
@click.pass_context
def cli(ctx: click.Context, lang: str | None, log_file: str | None, verbose: bool) -> None:  # noqa: ARG001
    # (--lang is read by every command through its context)
    ctx.ensure_object(dict)
    start_logging(ctx, log_file, verbose)


def start_logging(ctx: click.Context, log_file: str | None, verbose: bool) -> None:
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
            raise CliError(t("output.unwritable", command_lang(ctx, None), path=log_file,
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


for _command in (submissions.template, submissions.validate, submissions.feedback, submissions.consolidate,
                 plan.master, plan.framework, portal.portal, evidence.evidence, year.year, year.report):
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """The console script.  After a command that built large structures
    (``consolidate``) has written every output, the process ends without
    taking those structures apart one object at a time (about half a second
    for a thousand submissions): output streams are flushed, files are
    already closed and renamed into place."""
    QUICK_EXIT["ready"] = False
    try:
        cli.main(args=argv, prog_name="spbe-excel")
    except SystemExit as exc:
        if not QUICK_EXIT["ready"]:
            raise
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
