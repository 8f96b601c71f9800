"""Sending e-mail through the office's SMTP server: the settings ``portal init``
gives (kept in ``pengingat.json`` in the store folder, its owner only: never
the password itself, only the file or the environment variable it is read
from when a message is sent), one connection per batch with a timeout on
every wait, and what went wrong in words DKIS can act on.  Only the
standard library's :mod:`smtplib`, :mod:`ssl` and :mod:`email`."""

from __future__ import annotations

import json
import os
import smtplib
import socket
import ssl
import stat
import threading
from dataclasses import asdict, dataclass
from email.message import EmailMessage
from pathlib import Path

from spbe_excel.errors import UsageError
from spbe_excel.model.contacts import split_emails
from spbe_excel.text import LANGS

SETTINGS_FILE = "pengingat.json"
SECURITY = ("starttls", "ssl", "none")


# ---- settings ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Settings:
    """How reminders go out: the SMTP server (``host`` "" when there is none: links only), the sender, where the
    password is read from, the language of the messages and the minutes between two e-mails to one OPD."""

    host: str = ""
    port: int = 587
    security: str = "starttls"  # starttls | ssl | none (an intranet relay without a password)
    user: str = ""
    password_file: str = ""  # a file readable by its owner only, read when a message is sent
    password_env: str = ""  # or the name of an environment variable of `portal serve`
    sender: str = ""
    cafile: str = ""  # the certificate of the CA that signed the server's (an office's own CA)
    lang: str = "id"
    every: int = 60  # minutes
    timeout: float = 20.0  # seconds, on every SMTP connection and reply

    @property
    def smtp(self) -> bool:
        return bool(self.host)

    @classmethod
    def read(cls, folder: Path) -> Settings:
        path = folder / SETTINGS_FILE
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def write(self, folder: Path) -> None:
        path = folder / SETTINGS_FILE
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(self), fh, indent=2)
        os.replace(tmp, path)

    def describe(self) -> str:
        """The settings in one line for the audit log (where the password is read from, never the password)."""
        if not self.smtp:
            return f"no SMTP; lang={self.lang} every={self.every}min"
        source = f"file {self.password_file}" if self.password_file else f"env {self.password_env}" \
            if self.password_env else "none"
        return (f"{self.host}:{self.port} {self.security} user={self.user or '-'} password={source} "
                f"from={self.sender} lang={self.lang} every={self.every}min")

    def password(self) -> str:
        """The SMTP password ("" without a user); :class:`Unsent` when it cannot be read."""
        if not self.user:
            return ""
        if self.password_env:
            value = os.environ.get(self.password_env)
            if value is None:
                raise Unsent("portal.remind.fail.no_env", name=self.password_env)
            return value
        try:
            return Path(self.password_file).read_text(encoding="utf-8").strip("\r\n")
        except OSError as exc:
            raise Unsent("portal.remind.fail.no_file", file=self.password_file, reason=exc.strerror or "") from None


_SMTP_FIELDS = ("host", "port", "security", "user", "password_file", "password_env", "sender", "cafile")


def changed_settings(folder: Path, changes: dict) -> Settings:
    """The settings of the store in ``folder`` (the defaults for a new one) with ``changes``, checked.  An empty
    ``host`` turns e-mail off: the other SMTP settings go with it."""
    base = asdict(Settings.read(folder)) if (folder / SETTINGS_FILE).exists() else asdict(Settings())
    if changes.get("host") == "":
        base.update({k: v for k, v in asdict(Settings()).items() if k in _SMTP_FIELDS})
    for one, other in (("password_file", "password_env"), ("password_env", "password_file")):
        if changes.get(one) and other not in changes:  # a new place for the password replaces the old one
            base[other] = ""
    return checked_settings(Settings(**{**base, **changes}))


def checked_settings(settings: Settings) -> Settings:
    """``settings`` as given to ``portal init``, checked: :class:`UsageError` saying what to fix."""
    if settings.lang not in LANGS:
        raise UsageError("usage.lang_unknown", value=settings.lang, known=", ".join(LANGS))
    if settings.every < 1:
        raise UsageError("portal.remind.init.every")
    if not settings.host:
        if settings.user or settings.password_file or settings.password_env or settings.sender:
            raise UsageError("portal.remind.init.no_host")
        return settings
    _check_smtp(settings)
    return Settings(**{**asdict(settings), "password_file": str(Path(settings.password_file).resolve())
                       if settings.password_file else "",
                       "cafile": str(Path(settings.cafile).resolve()) if settings.cafile else ""})


def _check_smtp(settings: Settings) -> None:
    """The SMTP settings hold together: one sender address, a password for a user (from one place, never over
    an unencrypted connection, in a file only its owner reads), a CA file that is there."""
    good, bad = split_emails(settings.sender)
    if len(good) != 1 or bad:
        raise UsageError("portal.remind.init.sender", value=settings.sender)
    if settings.security not in SECURITY:
        raise UsageError("portal.remind.init.security", value=settings.security, known=", ".join(SECURITY))
    if bool(settings.user) != bool(settings.password_file or settings.password_env):
        raise UsageError("portal.remind.init.user_password")
    if settings.password_file and settings.password_env:
        raise UsageError("portal.remind.init.two_passwords")
    if settings.user and settings.security == "none":
        raise UsageError("portal.remind.init.clear")
    if settings.password_file:
        _check_private(Path(settings.password_file))
    if settings.cafile and not Path(settings.cafile).is_file():
        raise UsageError("portal.remind.init.cafile", file=settings.cafile)


def _check_private(path: Path) -> None:
    """A password file must exist and be readable by its owner only."""
    try:
        mode = path.stat().st_mode
    except OSError:
        raise UsageError("portal.remind.init.password_missing", file=path) from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise UsageError("portal.remind.init.password_open", file=path, mode=oct(stat.S_IMODE(mode))[2:])


# ---- sending ------------------------------------------------------------------------------------------------
class Unsent(Exception):
    """A message that did not go: the key of the plain words saying why, and their parameters."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params


def connect(settings: Settings) -> smtplib.SMTP:
    """A connection to the SMTP server, secured and logged in as the settings say; every wait bounded by
    ``settings.timeout``."""
    context = ssl.create_default_context(cafile=settings.cafile or None)
    smtp: smtplib.SMTP
    if settings.security == "ssl":
        smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        smtp.ehlo()
        if settings.security == "starttls":
            if not smtp.has_extn("starttls"):
                raise Unsent("portal.remind.fail.no_starttls", host=settings.host)
            smtp.starttls(context=context)
            smtp.ehlo()
        if settings.user:
            smtp.login(settings.user, settings.password())
    except BaseException:
        smtp.close()
        raise
    return smtp


def plain_words(exc: BaseException, settings: Settings) -> Unsent:
    """What went wrong with the SMTP server, in words DKIS can act on (never the password)."""
    where = {"host": settings.host, "port": settings.port}
    if isinstance(exc, Unsent):
        return exc
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return Unsent("portal.remind.fail.auth", user=settings.user, reply=_reply(exc))
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{a} ({_reply_of(code, msg)})" for a, (code, msg) in exc.recipients.items())
        return Unsent("portal.remind.fail.recipients", refused=refused)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return Unsent("portal.remind.fail.sender", sender=settings.sender, reply=_reply(exc))
    if isinstance(exc, smtplib.SMTPServerDisconnected):  # smtplib's word for a read that timed out, too
        if isinstance(exc.__context__, (socket.timeout, TimeoutError)):
            return Unsent("portal.remind.fail.timeout", seconds=f"{settings.timeout:g}", **where)
        return Unsent("portal.remind.fail.disconnected", **where)
    if isinstance(exc, smtplib.SMTPResponseException):
        return Unsent("portal.remind.fail.reply", reply=_reply(exc))
    if isinstance(exc, ssl.SSLCertVerificationError):
        return Unsent("portal.remind.fail.certificate", reason=exc.verify_message or str(exc), **where)
    if isinstance(exc, ssl.SSLError):
        return Unsent("portal.remind.fail.tls", reason=exc.reason or str(exc), **where)
    if isinstance(exc, ConnectionRefusedError):
        return Unsent("portal.remind.fail.refused", **where)
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return Unsent("portal.remind.fail.timeout", seconds=f"{settings.timeout:g}", **where)
    if isinstance(exc, socket.gaierror):
        return Unsent("portal.remind.fail.unknown_host", **where)
    if isinstance(exc, OSError):
        return Unsent("portal.remind.fail.network", reason=exc.strerror or str(exc), **where)
    return Unsent("portal.remind.fail.other", reason=type(exc).__name__)


def _reply_of(code: int, msg: bytes | str) -> str:
    text = msg.decode("utf-8", "replace") if isinstance(msg, bytes) else str(msg)
    return f"{code} {' '.join(text.split())}"[:300]


def _reply(exc: smtplib.SMTPResponseException) -> str:
    return _reply_of(exc.smtp_code, exc.smtp_error)


Refused = dict[str, str]  # address -> the server's reply


def deliver(settings: Settings, mails: list[tuple[str, EmailMessage]]) -> dict[str, tuple[Unsent | None, Refused]]:
    """Send each (OPD, e-mail) over one connection: for each OPD, None when the server took the message (and the
    addresses it refused) or why it did not.  A failure of the connection itself (refused, timed
    out, logged out) fails the messages not yet sent."""
    done: dict[str, tuple[Unsent | None, Refused]] = {}
    if not mails:
        return done
    try:
        smtp = connect(settings)
    except Exception as exc:
        why = plain_words(exc, settings)
        return {code: (why, {}) for code, _ in mails}
    try:
        for code, mail in mails:
            try:
                refused = smtp.send_message(mail)
                done[code] = (None, {a: _reply_of(c, m) for a, (c, m) in refused.items()})
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                done[code] = (plain_words(exc, settings), {})
                smtp.rset()
    except Exception as exc:
        why = plain_words(exc, settings)
        done.update({code: (why, {}) for code, _ in mails if code not in done})
    finally:
        try:
            smtp.quit()
        except Exception:
            smtp.close()
    return done
