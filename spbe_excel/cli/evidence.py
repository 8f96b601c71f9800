"""``spbe-excel evidence pack``: the evidence pack of an intake page's store (issue 19), as DKIS's page offers it
for download: one zip with a folder per indicator holding its actions' evidence files, and an index workbook.
The store's web packages (the ``portal`` extra) are imported inside the command."""

from __future__ import annotations

from pathlib import Path

import click

from spbe_excel.cli.common import CliError, command_lang, group, guard, lang_option, option
from spbe_excel.cli.portal import need_extra
from spbe_excel.text import t


@group("evidence", help_key="evidence")
def evidence():
    pass


@evidence.command("pack", help_key="evidence_pack")
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False))
@option("-o", "--output", required=True, type=click.Path(dir_okay=False), help_key="pack_output")
@lang_option
@click.pass_context
@guard
def evidence_pack_cmd(ctx, folder, output, lang):
    lang = command_lang(ctx, lang)
    need_extra(lang)
    from spbe_excel.portal.intake import CONFIG

    if not (Path(folder) / CONFIG).is_file():
        raise CliError(t("portal.serve.not_store", lang, folder=folder))
    from spbe_excel.portal.verify import write_pack
    from spbe_excel.portal.web import Portal, Settings

    portal = Portal(folder, Settings(reader_pool=False))
    try:
        rnd = portal.store.current_round()
        written = write_pack(portal, rnd, Path(output), lang)
        portal.store.log("cli", "evidence-pack", f"{rnd.period}: {len(written.names)} -> {Path(output).name}")
    finally:
        portal.intake.close()
        portal.store.dispose()
    click.echo(t("evidence.cli.written", lang, path=output, files=len(written.names), folders=len(written.folders),
                 index=written.index))
