"""The year commands: ``year`` (the year workbook from the year's consolidated workbooks) and ``report`` (one A4
page for the leaders, from a consolidated workbook or the year workbook).  The library is imported inside the
commands."""

from __future__ import annotations

import click

from spbe_excel.cli.common import command, command_lang, guard, lang_option, option
from spbe_excel.text import t
from spbe_excel.text.words import index_text, predicate

deadline_option = option("--deadline-days", "deadline_days", type=click.IntRange(0, 366), default=None,
                         help_key="deadline_days")


def _summary(done, lang: str) -> list[str]:
    """What the command prints after the file it wrote: the periods, then the index now."""
    page = done.page
    lines = []
    missing = [p.label for p in page.periods if not p.present and not p.later]
    present = sum(1 for p in page.periods if p.present)
    lines.append(t("cli.year_periods", lang, institution=page.institution, year=page.year, present=present,
                   periods=len(page.periods), latest=page.latest))
    if missing:
        lines.append(t("cli.year_missing", lang, periods=", ".join(missing)))
    lines.append(t("cli.year_index", lang, period=page.latest, baseline=index_text(page.baseline, lang),
                   counted=index_text(page.counted, lang), predicate=predicate(page.counted, lang, page.exact),
                   claimed=index_text(page.claimed, lang), target=index_text(page.target, lang),
                   verified=t("yr.verified_none", lang) if page.verified is None else index_text(page.verified, lang)))
    if page.overdue_pairs:
        lines.append(t("cli.year_overdue", lang, count=page.overdue_pairs))
    return lines


@command("year", help_key="year")
@click.argument("sources", nargs=-1, required=True, type=click.Path(), metavar="REKAP...")
@option("-o", "--output", required=True, type=click.Path(), metavar="FILE.xlsx", help_key="year_output")
@deadline_option
@lang_option
@click.pass_context
@guard
def year(ctx, sources, output, deadline_days, lang):
    from spbe_excel.pipeline import write_year_workbook

    lang = command_lang(ctx, lang)
    done = write_year_workbook(list(sources), output, lang=lang, deadline_days=deadline_days)
    click.echo(t("cli.file_written", lang, path=output))
    for path in done.skipped:
        click.echo(t("cli.year_skipped", lang, path=path))
    for line in _summary(done, lang):
        click.echo(line)


@command("report", help_key="report")
@click.argument("source", type=click.Path(), metavar="REKAP")
@option("-o", "--output", required=True, type=click.Path(), metavar="FILE.pdf", help_key="report_output")
@deadline_option
@lang_option
@click.pass_context
@guard
def report(ctx, source, output, deadline_days, lang):
    from spbe_excel.pipeline import write_leaders_page

    lang = command_lang(ctx, lang)
    done = write_leaders_page(source, output, lang=lang, deadline_days=deadline_days)
    click.echo(t("cli.file_written", lang, path=output))
    if deadline_days is not None and done.year is None:  # a year workbook: its deadlines are in it
        click.echo(t("cli.report_deadline_ignored", lang, path=source), err=True)
    for line in _summary(done, lang):
        click.echo(line)
