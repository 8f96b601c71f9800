"""What every command of the command line shares: the language of the run,
help texts looked up in it, the options several commands take, the error
that ends a command with one line, and loading the master list.

The language of a run is chosen by the root group's ``main`` from its
arguments before click parses them (``--lang en`` anywhere, or
``SPBE_LANG=en``), and held in a context variable for the run; a help text
is a key (``help.<key>`` of :mod:`spbe_excel.text.cli`) looked up when the
help is shown, never when this package is imported.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click

from spbe_excel.cli.rewording import Worded, click_text, reword_whole
from spbe_excel.errors import MasterListError, SpbeExcelError
from spbe_excel.text import LANGS, check_lang, t

F = TypeVar("F", bound=Callable[..., Any])

RUN_LANG: contextvars.ContextVar[str | None] = contextvars.ContextVar("spbe_excel_cli_lang", default=None)
QUICK_EXIT = {"ready": False}  # set once a command's outputs are all written and closed (see main)


def args_lang(args: Sequence[str]) -> str:
    """The language of a run before its options are parsed (help texts are
    built before, click's errors come while parsing): ``--lang en``
    anywhere on the command line, or ``SPBE_LANG=en``."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "id"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "id"
    return "en" if os.environ.get("SPBE_LANG", "").lower() == "en" else "id"


def current_lang() -> str:
    """The language of the run in progress; outside a run, ``SPBE_LANG``'s."""
    lang = RUN_LANG.get()
    return args_lang(()) if lang is None else lang


def help_text(key: str) -> str:
    """The help text ``help.<key>`` in the language of the run."""
    return t(f"help.{key}", current_lang())


class HelpFormatter(click.HelpFormatter):
    """click's help layout, with click's own words (``Usage:``, the headings, ``[required]``,
    ``[default: ...]``, the help of ``--help``) in the language of the run."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = f"{click_text('Usage:', current_lang())} "
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(reword_whole(heading, current_lang()))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, help_with_extras(text, current_lang())) for term, text in rows], col_max,
                         col_spacing)


def help_with_extras(text: str, lang: str) -> str:
    """An option's help as click writes it, ``help  [extra; extra]``, in ``lang``: the help if it is click's
    own (``--help``'s), and each extra (``required``, ``default: 8000``; a range stays as it is)."""
    if lang != "id":
        return text
    whole = reword_whole(text, lang)
    if whole != text or not text.endswith("]"):
        return whole
    head, sep, extras = text.partition("  [")
    if not sep:
        if not text.startswith("["):
            return text
        head, extras = "", text[1:]
    items = "; ".join(reword_whole(item, lang) for item in extras[:-1].split("; "))
    return f"{head}{sep}{items}]" if sep else f"[{items}]"


class Context(click.Context):
    formatter_class = HelpFormatter


class KeyedHelp:
    """A help that is the text ``help.<help_key>`` in the language of the run, looked up when read; without
    a key, the help given as click gives it."""

    cleandoc = False  # an option's help is cleaned as click cleans it when an option is made

    def __init__(self, *args: Any, help_key: str | None = None, **kwargs: Any) -> None:
        self.help_key = help_key
        super().__init__(*args, **kwargs)

    @property
    def help(self) -> str | None:
        if not self.help_key:
            return self.__dict__.get("plain_help")
        text = help_text(self.help_key)
        return inspect.cleandoc(text) if self.cleandoc else text

    @help.setter
    def help(self, value: str | None) -> None:
        self.__dict__["plain_help"] = value


class Command(KeyedHelp, click.Command):
    context_class = Context


class Group(KeyedHelp, click.Group):
    """A command group; its commands and subgroups are of these classes too."""

    context_class = Context
    command_class = Command
    group_class = type


class Option(KeyedHelp, click.Option):
    cleandoc = True


def option(*decls: str, help_key: str, **attrs: Any) -> Callable[[F], F]:
    """``click.option``, its help the text ``help.<help_key>``."""
    return click.option(*decls, cls=Option, help_key=help_key, **attrs)


def command(name: str, help_key: str) -> Callable[[Callable[..., Any]], Command]:
    """A command of its own module, added to the root group by :mod:`spbe_excel.cli`."""
    return click.command(name, cls=Command, help_key=help_key)


def group(name: str, help_key: str) -> Callable[[Callable[..., Any]], Group]:
    """A command group of its own module, added to the root group by :mod:`spbe_excel.cli`."""
    return click.group(name, cls=Group, help_key=help_key)


class CliError(click.ClickException):
    """A failure shown as one line, exit code 2 (bad usage, a broken master
    list, an output that cannot be written)."""

    exit_code = 2

    def show(self, file=None):  # noqa: ARG002  (click's signature; a refusal goes to stderr)
        click.echo(self.format_message(), err=True)


def command_lang(ctx: click.Context, lang: str | None) -> str:
    """The language a command speaks: its own ``--lang``, the root group's, ``SPBE_LANG``, Indonesian."""
    root = ctx.find_root().params.get("lang")
    return check_lang(lang or root or os.environ.get("SPBE_LANG") or None)


def load_master(path: str | None, lang: str):
    from spbe_excel.pipeline import load_plan
    from spbe_excel.text.errors import error_text

    try:
        return load_plan(path)
    except MasterListError as exc:
        raise CliError(error_text(exc, lang)) from None


# Library refusals that the command line words with its own option names.
OPTION_WORDING = {
    "usage.period_required": "cli.period_required",
    "usage.opd_and_all": "cli.opd_and_all",
    "usage.previous_unreadable": "cli.previous_unreadable",
    "usage.previous_not_ours": "cli.previous_not_ours",
    "usage.verifications_unreadable": "cli.verifications_unreadable",
    "usage.verifications_not_ours": "cli.verifications_not_ours",
    "usage.period_invalid": "cli.period_invalid",
    "usage.period_year": "cli.period_year",
    "usage.plan_exists": "cli.plan_exists",
    "usage.institution_empty": "cli.institution_empty",
    "usage.from_framework": "cli.from_framework",
    "usage.from_year_sources": "cli.from_year_sources",
}


def error_message(exc: SpbeExcelError, lang: str | None) -> str:
    """A library refusal in the run's language, worded with the command line's option names where it has
    its own wording (:data:`OPTION_WORDING`)."""
    from spbe_excel.text.errors import error_text

    return error_text(exc, command_lang(click.get_current_context(), lang), OPTION_WORDING.get(exc.key))


def guard(fn: F) -> F:
    """Turn package errors into :class:`CliError`."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except click.ClickException:
            raise
        except SpbeExcelError as exc:
            raise CliError(error_message(exc, kwargs.get("lang"))) from None

    return wrapper  # type: ignore[return-value]


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
            self.fail(Worded(t("cli.bad_date", current_lang(), value=value)), param, ctx)


lang_option = option("--lang", type=click.Choice(LANGS), default=None, help_key="lang")
master_option = option("--master", "master_path", type=click.Path(dir_okay=False), default=None, metavar="FILE",
                       help_key="master_opt")
as_of_option = option("--as-of", "as_of", type=DateParam(), default=None, help_key="as_of")
workers_option = option("--workers", type=click.IntRange(0, 64), default=None, help_key="workers")
