"""The intake page's commands: ``portal init`` and ``portal serve``.  The
web packages (the ``portal`` extra) are imported inside the commands, so the
rest of the command line works without them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from spbe_excel.cli.common import CliError, command_lang, group, guard, lang_option, option
from spbe_excel.portal.zones import ZONES
from spbe_excel.text import t


@group("portal", help_key="portal")
def portal():
    pass


def need_extra(lang: str) -> None:
    for module in ("starlette", "uvicorn", "jinja2", "python_multipart", "sqlalchemy"):
        try:
            __import__(module)
        except ImportError:
            raise CliError(t("portal.serve.missing", lang, module=module)) from None


_SMTP_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


def reminder_options(f):
    """The options of ``portal init`` that set how reminders go out (the SMTP server, their language)."""
    for decorator in reversed((
            option("--smtp-host", default=None, metavar="HOST", help_key="smtp_host"),
            option("--smtp-port", type=click.IntRange(1, 65535), default=None, help_key="smtp_port"),
            option("--smtp-security", type=click.Choice(tuple(_SMTP_PORTS)), default=None, help_key="smtp_security"),
            option("--smtp-user", default=None, help_key="smtp_user"),
            option("--smtp-password-file", type=click.Path(dir_okay=False), default=None, metavar="FILE",
                   help_key="smtp_password_file"),
            option("--smtp-password-env", default=None, metavar="NAME", help_key="smtp_password_env"),
            option("--smtp-from", default=None, metavar="ADDRESS", help_key="smtp_from"),
            option("--smtp-cafile", type=click.Path(dir_okay=False), default=None, metavar="FILE",
                   help_key="smtp_cafile"),
            option("--remind-lang", type=click.Choice(("id", "en")), default=None, help_key="remind_lang"),
            option("--remind-every", type=click.IntRange(1, 100_000), default=None, metavar="MINUTES",
                   help_key="remind_every"))):
        f = decorator(f)
    return f


def reminder_changes(given: dict) -> dict | None:
    """The reminder settings the options change (by :class:`~spbe_excel.portal.mail.Settings` field), None when
    no option was given."""
    names = {"smtp_host": "host", "smtp_port": "port", "smtp_security": "security", "smtp_user": "user",
             "smtp_password_file": "password_file", "smtp_password_env": "password_env", "smtp_from": "sender",
             "smtp_cafile": "cafile", "remind_lang": "lang", "remind_every": "every"}
    changes = {names[k]: v for k, v in given.items() if v is not None}
    if "security" in changes and "port" not in changes:
        changes["port"] = _SMTP_PORTS[changes["security"]]
    return changes or None


@portal.command("init", help_key="portal_init")
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False))
@option("--period", required=True, help_key="period")
@option("--deadline", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help_key="deadline")
@option("--master", "master_path", type=click.Path(dir_okay=False, exists=True), default=None,
        help_key="master_opt")
@option("--db", default=None, metavar="URL", help_key="db")
@option("--url", default="http://127.0.0.1:8000", show_default=True, help_key="url")
@option("--zone", type=click.Choice(list(ZONES), case_sensitive=False), default=None, help_key="zone")
@reminder_options
@lang_option
@click.pass_context
@guard
def portal_init_cmd(ctx, folder, period, deadline, master_path, db, url, zone, lang, **mail):
    lang = command_lang(ctx, lang)
    need_extra(lang)
    from spbe_excel.portal.intake import ADMIN_TOKEN_FILE, LINKS_CSV
    from spbe_excel.portal.setup import init

    done = init(folder, period, deadline=deadline.date() if deadline else None, master=master_path, db=db, url=url,
                lang=lang, reminders=reminder_changes(mail), zone=zone)
    reminders = done.reminders
    if reminders is not None:
        said = t("portal.remind.lang." + reminders.lang, lang)
        click.echo(t("portal.remind.init.set", lang, host=reminders.host, port=reminders.port,
                     security=reminders.security, sender=reminders.sender, language=said) if reminders.host
                   else t("portal.remind.init.links_only", lang, language=said))
    if done.reminders_only:
        click.echo(t("portal.remind.init.kept", lang, period=done.round.period))
    elif done.new_store:
        click.echo(t("portal.init.created", lang, folder=folder, period=done.round.period, links=done.links,
                     csv=Path(folder) / LINKS_CSV))
        click.echo(t("portal.init.zone_used", lang, zone=done.zone, hours=ZONES[done.zone]))
        click.echo(t("portal.init.admin", lang, file=Path(folder) / ADMIN_TOKEN_FILE))
        click.echo(done.admin_token)
    else:
        click.echo(t("portal.init.round", lang, folder=folder, period=done.round.period))
    click.echo(t("portal.init.next", lang, folder=folder))


@portal.command("serve", help_key="portal_serve")
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False))
@option("--host", default="127.0.0.1", show_default=True, help_key="host")
@option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help_key="port")
@option("--max-mb", default=20, show_default=True, type=click.IntRange(1, 1024), help_key="max_mb")
@option("--quota-mb", default=500, show_default=True, type=click.IntRange(1, 1_000_000), help_key="quota_mb")
@option("--max-connections", default=1000, show_default=True, type=click.IntRange(16, 100_000),
        help_key="max_connections")
@option("--header-timeout", default=10.0, show_default=True, type=click.FloatRange(1, 600), help_key="header_timeout")
@option("--body-timeout", default=20.0, show_default=True, type=click.FloatRange(1, 600), help_key="body_timeout")
@lang_option
@click.pass_context
@guard
def portal_serve_cmd(ctx, folder, host, port, max_mb, quota_mb, max_connections, header_timeout, body_timeout,
                     lang):
    lang = command_lang(ctx, lang)
    need_extra(lang)
    from spbe_excel.portal.intake import CONFIG

    if not (Path(folder) / CONFIG).is_file():
        raise CliError(t("portal.serve.not_store", lang, folder=folder))
    from spbe_excel.portal.connections import Limits
    from spbe_excel.portal.server import serve
    from spbe_excel.portal.web import MB, Settings

    def ready() -> None:
        click.echo(t("portal.serve.listening", lang, url=f"http://{host}:{port}"), err=True)
        sys.stderr.flush()

    limits = Limits(max_connections=max_connections, header_timeout=header_timeout, body_timeout=body_timeout)
    serve(folder, Settings(max_upload=max_mb * MB, quota=quota_mb * MB), host=host, port=port, limits=limits,
          ready=ready)
