"""A real SMTP server for tests: aiosmtpd (the ``test`` extra), run as a process of its own on a free port of
127.0.0.1, that keeps every message it accepts as a file the test reads back.

``python tests/smtpserver.py --port N --maildir DIR [--tls starttls|ssl --cert C --key K] [--user U --password P]``
prints ``ready`` once it listens.  Every message it takes is ``DIR/NNNN.eml`` (the bytes received) with
``DIR/NNNN.json`` (the envelope: MAIL FROM, RCPT TO, whether TLS was on, the login), written under a temporary
name first.  RCPT TO an address of the domain ``tolak.example`` is refused (550), for the test of a refused
recipient.  With ``--user`` every message needs that login (AUTH PLAIN or LOGIN, after STARTTLS).

:class:`SmtpServer` starts and stops it; :func:`self_signed` makes the certificate (with the ``cryptography``
package, which msoffcrypto-tool brings); :func:`require_smtp` says whether aiosmtpd is installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email
import email.policy
import ipaddress
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from served import free_port

HERE = Path(__file__).resolve()
REFUSED_DOMAIN = "tolak.example"


class SmtpUnavailable(Exception):
    """aiosmtpd is not installed."""


def require_smtp() -> None:
    try:
        import aiosmtpd  # noqa: F401
    except ImportError as exc:
        raise SmtpUnavailable(f"aiosmtpd is not installed ({exc}); pip install -e '.[test]'") from exc


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A key and a self-signed certificate for localhost and 127.0.0.1, valid for a day: (cert, key) files.
    The certificate is its own CA: give it to the client as the CA file."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    cert_file, key_file = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@dataclass
class Received:
    """A message the server accepted: the envelope and the message as parsed by the standard library."""

    mail_from: str
    rcpt_to: list[str]
    tls: bool
    login: str
    message: EmailMessage
    raw: bytes


class SmtpServer:
    """The server process: ``with SmtpServer(folder, tls="starttls", user="u", password="p") as s: s.port``."""

    def __init__(self, folder: Path, *, tls: str = "", user: str = "", password: str = "", port: int | None = None):
        self.folder = Path(folder)
        self.maildir = self.folder / "maildir"
        self.tls, self.user, self.password = tls, user, password
        self.port = port or free_port()
        self.cert: Path | None = None
        self.process: subprocess.Popen | None = None

    def start(self) -> SmtpServer:
        require_smtp()
        self.maildir.mkdir(parents=True, exist_ok=True)
        args = [sys.executable, str(HERE), "--port", str(self.port), "--maildir", str(self.maildir)]
        if self.tls:
            self.cert, key = self_signed(self.folder / "tls")
            args += ["--tls", self.tls, "--cert", str(self.cert), "--key", str(key)]
        if self.user:
            args += ["--user", self.user, "--password", self.password]
        log = open(self.folder / "smtpserver.log", "wb")  # noqa: SIM115 - kept open for the process's life
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log)
        assert self.process.stdout is not None
        line = self.process.stdout.readline().decode().strip()
        if line != "ready":
            self.stop()
            raise AssertionError(f"the SMTP server did not start: {line!r} "
                                 f"{(self.folder / 'smtpserver.log').read_text(errors='replace')}")
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def received(self) -> list[Received]:
        """Every message accepted so far, in the order received."""
        found = []
        for meta in sorted(self.maildir.glob("*.json")):
            envelope = json.loads(meta.read_text())
            raw = meta.with_suffix(".eml").read_bytes()
            message = email.message_from_bytes(raw, policy=email.policy.default)
            found.append(Received(envelope["from"], envelope["to"], envelope["tls"], envelope["login"],
                                  message, raw))  # type: ignore[arg-type]
        return found


# ---- the server process --------------------------------------------------------------------------------------
def _serve(args: argparse.Namespace) -> None:  # pragma: no cover - runs in the subprocess
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    maildir = Path(args.maildir)
    count = [len(list(maildir.glob("*.json")))]

    class Keep:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ARG002
            if address.lower().endswith("@" + REFUSED_DOMAIN):
                return f"550 5.1.1 <{address}>: mailbox unavailable"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            count[0] += 1
            stem = maildir / f"{count[0]:04d}"
            data = envelope.original_content or envelope.content
            login = session.auth_data.login.decode() if session.auth_data is not None else ""
            meta = {"from": envelope.mail_from, "to": envelope.rcpt_tos,
                    "tls": server.transport.get_extra_info("ssl_object") is not None, "login": login}
            for suffix, payload in ((".eml", data), (".json", json.dumps(meta).encode())):
                tmp = stem.with_suffix(suffix + ".tmp")
                tmp.write_bytes(payload)
                os.replace(tmp, stem.with_suffix(suffix))  # the .json last: a message is whole once it is there
            return "250 2.0.0 kept"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (auth_data.login.decode() == args.user and auth_data.password.decode() == args.password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data)  # not handled: the server answers 535

    kwargs: dict = {}
    context = None
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    if args.tls == "starttls":
        kwargs.update(tls_context=context, require_starttls=True)
    elif args.tls == "ssl":
        kwargs.update(ssl_context=context, server_hostname="localhost")
    if args.user:
        # over implicit TLS aiosmtpd does not see the TLS it runs in (it knows STARTTLS only): it is there all the same
        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=args.tls == "starttls")
    controller = Controller(Keep(), hostname="127.0.0.1", port=args.port, ready_timeout=10, **kwargs)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


def main() -> None:  # pragma: no cover - runs in the subprocess
    import signal

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--tls", choices=("starttls", "ssl"), default="")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user", default="")
    parser.add_argument("--password", default="")
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    _serve(parser.parse_args())


if __name__ == "__main__":
    main()
