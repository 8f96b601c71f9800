"""``portal init``: a new store for one reporting round, or a new round in an
existing store.  Refusals are :class:`~spbe_excel.errors.UsageError` with
Indonesian and English texts (``portal.*``)."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import io
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from spbe_excel import pipeline
from spbe_excel.errors import UsageError
from spbe_excel.portal import mail
from spbe_excel.portal.blobs import fsync_dir
from spbe_excel.portal.intake import ADMIN_TOKEN_FILE, CONFIG, LINKS_CSV, Config, Intake
from spbe_excel.portal.security import new_token, token_hash
from spbe_excel.portal.store import SCHEMA_VERSION, SQLITE_FILE, Round, Store, sqlite_url
from spbe_excel.portal.zones import DEFAULT_ZONE, ZONES, zone_name
from spbe_excel.text import t


@dataclass(frozen=True)
class Initialised:
    folder: Path
    round: Round
    new_store: bool
    admin_token: str = ""  # only for a new store: shown once
    links: int = 0
    reminders_only: bool = False  # the store had the round: only the reminder settings were set
    reminders: mail.Settings | None = None  # the reminder settings, when they were set
    zone: str = DEFAULT_ZONE  # the time zone the pages show times in


def _write_private(path: Path, text: str) -> None:
    """``text`` in ``path``, readable by its owner only, written whole or not at all: into a temporary file of
    its own (a name no other writer uses; 0600), then renamed over ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """A cell of a CSV that DKIS opens in a spreadsheet: text that would start a formula there (an OPD named
    ``=HYPERLINK(...)`` in the plan) gets an apostrophe before it and stays text."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _links_rows(rows) -> list[list[str]]:
    return [[csv_text(str(cell)) for cell in row] for row in rows]


def link(url: str, token: str) -> str:
    return f"{url.rstrip('/')}/o/{token}"


def write_links(folder: Path, rows: list[tuple[str, str, str]], lang: str) -> None:
    """The links CSV (code, name, link), readable by its owner only: the links are the OPDs' keys."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([t("portal.csv.code", lang), t("portal.csv.name", lang), t("portal.csv.link", lang)])
    w.writerows(_links_rows(rows))
    _write_private(folder / LINKS_CSV, "\ufeff" + buf.getvalue())


def read_links(folder: Path) -> list[list[str]]:
    text = (folder / LINKS_CSV).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


_LINKS_LOCK = threading.Lock()  # the links CSV is read, changed and written again: one replacement at a time


def replace_link(intake: Intake, code: str) -> str:
    """A new link for one OPD (the old one stops working at once); the links CSV is rewritten."""
    token = new_token()
    with _LINKS_LOCK:
        intake.store.replace_link(code, token_hash(token))
        rows = read_links(intake.folder)
        header, body = rows[0], rows[1:]
        new = link(intake.config.url, token)
        body = [[r[0], r[1], new] if r and r[0] == code else r for r in body]
        buf = io.StringIO()
        csv.writer(buf).writerows([header, *_links_rows(body)])
        _write_private(intake.folder / LINKS_CSV, "\ufeff" + buf.getvalue())
    return new


def init(folder: str | os.PathLike, period: str, *, deadline: dt.date | None = None, master: str | None = None,
         db: str | None = None, url: str = "http://127.0.0.1:8000", lang: str = "id",
         reminders: dict | None = None, zone: str | None = None) -> Initialised:
    """Create a store in ``folder`` for ``period``, or open a round of a new period in the store that is there.
    ``reminders`` changes the reminder settings (the SMTP server, the reminders' language: fields of
    :class:`~.mail.Settings`; the others stay as they were), in the store that is there even when it has
    the round already.  ``zone`` (WIB, WITA, WIT) is the time zone the pages show times in: WITA for a new
    store without one; for a store that is there, its zone stays unless given."""
    folder = Path(folder)
    zone = _zone(zone)
    settings = mail.changed_settings(folder, reminders) if reminders is not None else None
    if (folder / CONFIG).exists():
        if master or db:
            raise UsageError("portal.init.store_fixed", folder=folder)
        return _new_round(folder, period, deadline, zone, settings)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError("portal.init.not_empty", folder=folder)
    plan = pipeline.load_plan(master)
    period = _period_text(period, plan)
    if db:
        _check_empty_database(db)  # before the folder is made: a refusal leaves nothing behind
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    master_name = ""
    if master:
        master_name = "rencana" + Path(master).suffix.lower()
        shutil.copyfile(master, folder / master_name)
    config = Config(db or sqlite_url(folder), master_name, url, zone or DEFAULT_ZONE)
    if not db:  # made here, private, before SQLite opens it: its journal files then take its mode
        os.close(os.open(folder / SQLITE_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    store = Store(config.db)
    try:
        if store.is_initialised():
            raise UsageError("portal.init.db_used")
        store.create()
        admin = new_token()
        tokens = {code: new_token() for code in plan.opd_codes}
        names = {o.code: o.name for o in plan.registry}
        store.add_opds((code, names.get(code, code), token_hash(tok)) for code, tok in tokens.items())
        store.set_settings({"schema": SCHEMA_VERSION, "admin_token_hash": token_hash(admin),
                            "created": dt.date.today().isoformat()})
        rnd = store.open_round(period, deadline, actor="init")
        if settings is not None:
            store.log("init", "reminder-settings", settings.describe())
    finally:
        store.dispose()
    config.write(folder)
    (settings or mail.Settings()).write(folder)
    write_links(folder, [(code, names.get(code, code), link(url, tok)) for code, tok in tokens.items()], lang)
    _write_private(folder / ADMIN_TOKEN_FILE, admin + "\n")
    return Initialised(folder, rnd, True, admin, len(tokens), reminders=settings, zone=config.zone)


def _zone(zone: str | None) -> str | None:
    """The zone's name as written ("WITA"); None when none was given; refused when unknown."""
    if zone is None:
        return None
    name = zone_name(zone)
    if name is None:
        raise UsageError("portal.init.zone", zone=zone, known=", ".join(ZONES))
    return name


def _check_empty_database(url: str) -> None:
    """Refuse a database that cannot be reached or already holds a store, naming the server, not the password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    try:
        parsed = make_url(url)
    except ArgumentError:
        parsed = None
    if parsed is None or not parsed.drivername.startswith(("sqlite", "postgresql")):
        raise UsageError("portal.init.db_url", url=url.split("@")[-1]) from None
    shown = parsed.render_as_string(hide_password=True)
    store = None
    try:
        store = Store(url)
        used = store.is_initialised()
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
        raise UsageError("portal.init.db_unreachable", url=shown, reason=reason) from None
    finally:
        if store is not None:
            store.dispose()
    if used:
        raise UsageError("portal.init.db_used")


def _period_text(period: str, plan) -> str:
    """The period of a round as the plan spells it (checked once here; the store keeps this text)."""
    checked = pipeline.period_of(period, plan)
    return checked.label() if checked else period


def _new_round(folder: Path, period: str, deadline: dt.date | None, zone: str | None,
               reminders: mail.Settings | None = None) -> Initialised:
    intake = Intake(folder)
    try:
        period = _period_text(period, intake.master)
        if reminders is not None:
            reminders.write(folder)
            intake.store.log("init", "reminder-settings", reminders.describe())
        known = {r.period: r for r in intake.store.rounds()}
        if period in known and reminders is not None:
            return Initialised(folder, known[period], False, links=len(intake.store.opds()), reminders_only=True,
                               reminders=reminders, zone=intake.config.zone)
        if period in known:
            raise UsageError("portal.init.round_exists", folder=folder, period=period)
        rnd = intake.store.open_round(period, deadline, actor="init")
        if zone and zone != intake.config.zone:  # the server shows it from its next start
            dataclasses.replace(intake.config, zone=zone).write(folder)
        return Initialised(folder, rnd, False, links=len(intake.store.opds()), reminders=reminders,
                           zone=zone or intake.config.zone)
    finally:
        intake.store.dispose()
