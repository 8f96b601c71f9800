"""Reminders to OPDs that are late: who is due, the message, and sending it
by e-mail through the office's SMTP server.

An OPD is due when, in the current round, it has sent nothing, its report was
rejected, or the report that counts has errors.  Its message names the OPD,
the period, the deadline, what is wrong (the first findings of the upload,
quoted briefly) and its link, in the language the store's reminders are set
to (Indonesian unless ``portal init --remind-lang en``).  The same text goes
by e-mail, and into a ready ``wa.me`` link and a ``mailto:`` link for those
who send by hand.  Contacts come from the plan's OPD sheet
(:func:`spbe_excel.pipeline.opd_contacts`).

A batch of e-mails goes over one connection (:mod:`.mail`), from a worker
thread, one batch at a time; an OPD gets one e-mail per ``every`` minutes at
most; each attempt is a row of the ``reminders`` table and a line of the
audit log."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, func, insert, select

from spbe_excel import pipeline
from spbe_excel.model.contacts import Contact
from spbe_excel.portal.mail import Settings, deliver
from spbe_excel.portal.security import token_hash
from spbe_excel.portal.store import Round, Store, Tables, as_utc, now
from spbe_excel.text import t
from spbe_excel.text.words import date_words

DUE = ("missing", "rejected", "accepted-with-errors")
QUOTED = 5  # findings quoted in a message (then "and N more")
QUOTE_CHARS = 240  # what one finding may take in a message


# ---- the reminders table -------------------------------------------------------------------------------------
meta = MetaData()
reminders = Table(
    "reminders", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("round_id", Integer, nullable=False, index=True),
    Column("opd", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("batch", String(32), nullable=False),
    Column("outcome", String(16), nullable=False),  # sent | failed | manual | no-contact | too-soon | no-link
    Column("detail", Text, nullable=False, default=""),  # JSON: the key and parameters of the outcome's text
)


@dataclass(frozen=True)
class Outcome:
    opd: str
    outcome: str
    key: str
    params: dict = field(default_factory=dict)
    at: dt.datetime | None = None

    def text(self, lang: str) -> str:
        params = dict(self.params)
        if "reason_key" in params:  # a failure: its reason is a text of its own
            key = params.pop("reason_key")
            return t(self.key, lang, reason=t(key, lang, **params))
        return t(self.key, lang, **params)


class Log(Tables):
    """The reminders of a store: its table (made on first use; stores made before it have none) and the
    audit log."""

    tables = meta

    def add(self, rnd: Round, batch: str, outcomes: Iterable[Outcome], actor: str = "admin") -> None:
        """Record each outcome and its audit line, in one transaction: the store's own (a write of the store's
        package, queued behind SQLite's other writers in this process, as every write of the store is)."""
        self._table()
        with self.store._begin() as c:
            for o in outcomes:
                c.execute(insert(reminders).values(round_id=rnd.id, opd=o.opd, at=now(), batch=batch,
                                                   outcome=o.outcome,
                                                   detail=json.dumps({"key": o.key, "params": o.params},
                                                                     ensure_ascii=False)))
                self.store._audit(c, actor, f"reminder-{o.outcome}", f"{o.opd} {rnd.period}: {o.text('id')}")

    def last_sent(self, rnd: Round) -> dict[str, dt.datetime]:
        """When each OPD was last sent an e-mail in ``rnd``."""
        self._table()
        q = (select(reminders.c.opd, func.max(reminders.c.at)).where(reminders.c.round_id == rnd.id,
                                                                     reminders.c.outcome == "sent")
             .group_by(reminders.c.opd))
        with self.store.engine.connect() as c:
            return {opd: as_utc(at) for opd, at in c.execute(q)}

    def latest(self, rnd: Round, batch: str | None = None) -> dict[str, Outcome]:
        """Each OPD's latest outcome in ``rnd`` (of ``batch`` only, when given)."""
        self._table()
        q = select(reminders).where(reminders.c.round_id == rnd.id).order_by(reminders.c.id)
        if batch is not None:
            q = q.where(reminders.c.batch == batch)
        found: dict[str, Outcome] = {}
        with self.store.engine.connect() as c:
            for r in c.execute(q):
                detail = json.loads(r.detail or "{}")
                found[r.opd] = Outcome(r.opd, r.outcome, detail.get("key", "portal.remind.out." + r.outcome),
                                       detail.get("params", {}), as_utc(r.at))
        return found




# ---- the message --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Message:
    """One OPD's reminder: to whom, and what it says."""

    code: str
    name: str
    state: str
    contact: Contact
    link: str  # "" when the links file holds no valid link of the OPD
    subject: str
    body: str

    @property
    def whatsapp_url(self) -> str:
        if not self.contact.whatsapp:
            return ""
        return f"https://wa.me/{self.contact.whatsapp}?text={urllib.parse.quote(self.body, safe='')}"

    @property
    def mailto_url(self) -> str:
        if not self.contact.emails:
            return ""
        to = ",".join(urllib.parse.quote(a, safe="@") for a in self.contact.emails)
        query = urllib.parse.urlencode({"subject": self.subject, "body": self.body.replace("\n", "\r\n")},
                                       quote_via=urllib.parse.quote)
        return f"mailto:{to}?{query}"


def valid_links(folder: Path, store: Store) -> dict[str, str]:
    """Each OPD's link from the links file, when it still opens that OPD (its token's hash is the store's)."""
    from spbe_excel.portal.setup import read_links

    hashes = store.token_hashes()
    found: dict[str, str] = {}
    try:
        rows = read_links(folder)[1:]
    except OSError:
        return found
    for row in rows:
        if len(row) >= 3 and "/o/" in row[2]:
            code, token = row[0], row[2].rsplit("/o/", 1)[1]
            if code in hashes and token_hash(token) == hashes[code]:
                found[code] = row[2]
    return found


def what_is_wrong(row: dict, findings: list[dict], lang: str) -> list[str]:
    """The lines of a message that say what is wrong: the state, then the first errors of the upload, each
    quoted briefly, then how many more."""
    if row["state"] == "missing":
        return [t("portal.remind.msg.missing", lang)]
    head = t("portal.remind.msg." + row["state"], lang, errors=row["errors"])
    errors = [f for f in findings if f.get("severity") == "error"] or findings
    lines = [head]
    for f in errors[:QUOTED]:
        where = f"{f['sheet']}!{f['cell']}: " if f.get("sheet") and f.get("cell") else ""
        text = " ".join(str(f.get("message", "")).split())
        if len(text) > QUOTE_CHARS:
            text = text[:QUOTE_CHARS - 1].rstrip() + "…"
        lines.append(f"- {where}{text}")
    if len(errors) > QUOTED:
        lines.append(t("portal.remind.msg.more", lang, count=len(errors) - QUOTED))
    return lines


def compose(row: dict, findings: list[dict], contact: Contact, link: str, rnd: Round, lang: str,
            institution: str = "", today: dt.date | None = None) -> Message:
    """The reminder of the OPD of a status row (:meth:`Intake.status`), with the findings of its upload."""
    name = row["name"]
    lines = [t("portal.remind.msg.dear", lang, person=contact.person or t("portal.remind.msg.sir", lang), name=name),
             "", *what_is_wrong(row, findings, lang), ""]
    if rnd.deadline:
        late = rnd.deadline < (today or dt.date.today())
        lines.append(t("portal.remind.msg.deadline_past" if late else "portal.remind.msg.deadline", lang,
                       date=date_words(rnd.deadline, lang), period=rnd.period))
    else:
        lines.append(t("portal.remind.msg.period", lang, period=rnd.period))
    lines += ["", t("portal.remind.msg.link", lang, name=name), link, "", t("portal.remind.msg.thanks", lang),
              t("portal.remind.msg.signature", lang) + (f", {institution}" if institution else "")]
    subject = t("portal.remind.msg.subject", lang, period=rnd.period, name=name)
    return Message(row["code"], name, row["state"], contact, link, subject, "\n".join(lines))


def email(message: Message, settings: Settings) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = formataddr((t("portal.title", settings.lang), settings.sender))
    mail["To"] = ", ".join(message.contact.emails)
    mail["Subject"] = message.subject
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid("pengingat", domain=settings.sender.rsplit("@", 1)[-1])
    mail["Content-Language"] = settings.lang
    mail.set_content(message.body, charset="utf-8", cte="quoted-printable")  # 7-bit: any server relays it
    return mail


# ---- a batch --------------------------------------------------------------------------------------------
class Reminders:
    """The reminders of one store: who is due, their messages, sending them (one batch at a time)."""

    def __init__(self, intake):
        self.intake = intake
        self.log = Log(intake.store)
        self.sending = threading.Lock()

    @property
    def settings(self) -> Settings:
        return Settings.read(self.intake.folder)

    def due(self, rnd: Round) -> list[dict]:
        """The status rows of the OPDs to remind in ``rnd``."""
        return [r for r in self.intake.status(rnd) if r["state"] in DUE]

    def messages(self, rnd: Round, codes: Iterable[str] | None = None, lang: str | None = None) -> list[Message]:
        """The reminder of each OPD due in ``rnd`` (of ``codes`` only, when given)."""
        lang = lang or self.settings.lang
        wanted = set(codes) if codes is not None else None
        contacts = pipeline.opd_contacts(self.intake.master)
        links = valid_links(self.intake.folder, self.intake.store)
        out = []
        for row in self.due(rnd):
            if wanted is not None and row["code"] not in wanted:
                continue
            up = self.intake.store.upload(row["upload_id"]) if row["upload_id"] else None
            findings = up.findings_in(lang) if up else []
            out.append(compose(row, findings, contacts.get(row["code"], Contact()), links.get(row["code"], ""), rnd,
                               lang, self.intake.master.institution))
        return out

    def send(self, rnd: Round, codes: Iterable[str] | None = None, actor: str = "admin") -> tuple[str, list[Outcome]]:
        """Send the e-mails of the OPDs due (of ``codes`` only, when given); each OPD's outcome, recorded.
        Runs in a worker thread: it waits on the SMTP server.  The batch is "" (nothing done) while another one
        is being sent."""
        if not self.sending.acquire(blocking=False):
            return "", []
        try:
            return self._send(rnd, codes, actor)
        finally:
            self.sending.release()

    def _send(self, rnd: Round, codes: Iterable[str] | None, actor: str) -> tuple[str, list[Outcome]]:
        settings = self.settings
        batch = now().strftime("%Y%m%d%H%M%S") + os.urandom(3).hex()
        last = self.log.last_sent(rnd)
        since = now() - dt.timedelta(minutes=settings.every)
        outcomes: dict[str, Outcome] = {}
        mails: list[tuple[str, EmailMessage]] = []
        messages = self.messages(rnd, codes, settings.lang)
        for m in messages:
            early = _too_soon(m, last, since, settings)
            if early is not None:
                outcomes[m.code] = early
            elif not m.link:
                outcomes[m.code] = Outcome(m.code, "no-link", "portal.remind.out.no_link")
            elif m.contact.emails and settings.smtp:
                mails.append((m.code, email(m, settings)))
            elif m.contact.emails or m.contact.whatsapp:
                key = "portal.remind.out.no_smtp" if m.contact.emails else "portal.remind.out.whatsapp_only"
                outcomes[m.code] = Outcome(m.code, "manual", key)
            else:
                outcomes[m.code] = Outcome(m.code, "no-contact", "portal.remind.out.no_contact")
        to = {m.code: m.contact.emails for m in messages}
        for code, (why, refused) in deliver(settings, mails).items():
            if why is not None:
                outcomes[code] = Outcome(code, "failed", "portal.remind.out.failed",
                                         {"reason_key": why.key, **why.params})
            elif refused:
                outcomes[code] = Outcome(code, "sent", "portal.remind.out.sent_partly", {
                    "to": ", ".join(a for a in to[code] if a not in refused),
                    "refused": "; ".join(f"{a} ({reply})" for a, reply in refused.items())})
            else:
                outcomes[code] = Outcome(code, "sent", "portal.remind.out.sent", {"to": ", ".join(to[code])})
        ordered = [outcomes[m.code] for m in messages]
        self.log.add(rnd, batch, ordered, actor)
        return batch, ordered


def _too_soon(m: Message, last: dict[str, dt.datetime], since: dt.datetime, settings: Settings) -> Outcome | None:
    """The outcome of an OPD sent an e-mail less than ``settings.every`` minutes ago, else None."""
    at = last.get(m.code)
    if at is None or at <= since or not (m.contact.emails and settings.smtp):
        return None
    again = at + dt.timedelta(minutes=settings.every)
    return Outcome(m.code, "too-soon", "portal.remind.out.too_soon",
                   {"at": at.astimezone().strftime("%H:%M"), "again": again.astimezone().strftime("%H:%M")})
