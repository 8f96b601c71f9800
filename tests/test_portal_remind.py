"""Reminders to late OPDs (issue 18, point 12), through the application (starlette's TestClient) and a real
SMTP server process (aiosmtpd, tests/smtpserver.py) on a free port of 127.0.0.1, with STARTTLS or TLS and a
login: the messages are read back as the server received them.  Also the failures DKIS must read in plain
words (server down, login refused, a password that cannot be read, a server that does not answer), the bounds
(admin session, CSRF, one e-mail per OPD per N minutes), the audit log and the WhatsApp and mailto links."""

from __future__ import annotations

import csv
import datetime as dt
import html
import os
import re
import socket
import sqlite3
import threading
import time
import urllib.parse
import warnings
from pathlib import Path

import openpyxl
import pytest

pytest.importorskip("starlette")
pytest.importorskip("sqlalchemy")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from smtpserver import SmtpServer, SmtpUnavailable, free_port, require_smtp

from spbe_excel.errors import UsageError
from spbe_excel.master import embedded_master
from spbe_excel.portal.app import create_app
from spbe_excel.portal.setup import init
from spbe_excel.text import t
from spbe_excel.write.master_export import export_master

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "triwulan-iii"
PERIOD = "Triwulan III 2019"
DEADLINE = dt.date(2019, 10, 10)
URL = "https://monev.denpasarkota.go.id"
SENDER = "monev@denpasarkota.go.id"
USER = "dkis-monev"
PASSWORD = "Sandi-SMTP-rahasia-7c1f"
PERSON = "Ni Made Ayu (Kasubbag Program – Keuangan)"  # an en dash: the message is UTF-8
# the contacts of the plan's OPD sheet: (E-mail, WhatsApp, Narahubung)
CONTACTS = {
    "DKIS": ("dkis@denpasarkota.go.id", "", ""),  # its report is accepted: never reminded
    "BPKAD": ("bpkad@denpasarkota.go.id; keuangan@denpasarkota.go.id", "0812-3456-7890", PERSON),
    "HUKUM": ("hukum@denpasarkota.go.id", "", ""),
    "BAPPEDA": ("", "+62 813 1111 2222", "Putu Eka"),  # WhatsApp only
    "ORGANISASI": ("organisasi@tolak.example", "", ""),  # the server refuses the address
    "PBJ": ("pbj@denpasarkota.go.id, pengadaan@tolak.example", "", ""),  # one of two refused
}
REQUIRE_SMTP = os.environ.get("SPBE_REQUIRE_SMTP") == "1"


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    """The embedded plan with the contacts of CONTACTS on its OPD sheet."""
    folder = tmp_path_factory.mktemp("plan")
    path = export_master(embedded_master(), folder / "export.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["OPD"]
    row = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for code, values in CONTACTS.items():
        for c, value in enumerate(values, 4):
            ws.cell(row[code], c, value or None)
    wb.save(folder / "rencana-kontak.xlsx")
    return folder / "rencana-kontak.xlsx"


@pytest.fixture()
def smtp_available():
    try:
        require_smtp()
    except SmtpUnavailable as exc:
        if REQUIRE_SMTP:
            pytest.fail(f"{exc} (SPBE_REQUIRE_SMTP=1)")
        pytest.skip(str(exc))


def password_file(folder: Path, password: str = PASSWORD) -> Path:
    path = folder / "sandi-smtp"
    path.write_text(password + "\n")
    path.chmod(0o600)
    return path


def make_store(folder: Path, plan: Path, **reminders) -> Path:
    init(folder, PERIOD, deadline=DEADLINE, master=str(plan), url=URL, reminders=reminders or None)
    return folder


def smtp_settings(server: SmtpServer, tmp_path: Path, **more) -> dict:
    return {"host": "127.0.0.1", "port": server.port, "security": server.tls or "none", "user": USER,
            "password_file": str(password_file(tmp_path)), "sender": SENDER, "cafile": str(server.cert), **more}


def links(folder: Path) -> dict[str, str]:
    with open(folder / "tautan-opd.csv", encoding="utf-8-sig", newline="") as fh:
        return {r[0]: r[2] for r in list(csv.reader(fh))[1:]}


def upload(c: TestClient, folder: Path, code: str, path: Path) -> dict:
    token = links(folder)[code].rsplit("/o/", 1)[1]
    with open(path, "rb") as fh:
        r = c.post("/api/v1/submissions", headers={"Authorization": f"Bearer {token}"},
                   files={"file": (path.name, fh, "application/octet-stream")})
    assert r.status_code == 201, r.text
    return r.json()


def login(c: TestClient, folder: Path) -> str:
    """Log in as DKIS; the session's CSRF token."""
    csrf = re.search(r'name="csrf" value="([^"]+)"', c.get("/admin").text)[1]
    c.post("/admin/login", data={"csrf": csrf, "token": (folder / "token-admin.txt").read_text().strip()})
    return re.search(r'name="csrf" value="([^"]+)"', c.get("/admin").text)[1]


def outcomes(page: str) -> dict[str, str]:
    """OPD -> its outcome, as the reminders page marks each OPD's card."""
    return dict(re.findall(r'<li data-opd="([^"]+)" data-state="[^"]+" data-outcome="([^"]*)"', page))


def card(page: str, code: str) -> str:
    """The text of an OPD's card on the reminders page, tags removed."""
    found = re.search(rf'<li data-opd="{code}".*?</li>', page, re.S)
    assert found, code
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found[0])))


def audit(folder: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(folder / "portal.db") as con:
        return con.execute("select actor, action, detail from audit order by id").fetchall()


def reminder_lines(folder: Path) -> list[tuple[str, str, str]]:
    return [r for r in audit(folder) if r[1].startswith("reminder-") and r[1] != "reminder-settings"]


# ---- the whole loop --------------------------------------------------------------------------------------------
def test_late_opds_are_reminded_by_email_through_a_real_smtp_server(smtp_available, plan, tmp_path):
    with SmtpServer(tmp_path / "smtp", tls="starttls", user=USER, password=PASSWORD) as server:
        folder = make_store(tmp_path / "portal", plan, **smtp_settings(server, tmp_path))
        with TestClient(create_app(folder)) as c:
            upload(c, folder, "DKIS", EXAMPLES / "DKIS_Triwulan_III_2019.xlsx")
            bpkad = upload(c, folder, "BPKAD", EXAMPLES / "BPKAD_Triwulan_III_2019.xlsx")
            hukum = upload(c, folder, "HUKUM", EXAMPLES / "catatan pengiriman.txt")
            assert (bpkad["state"], hukum["state"]) == ("accepted", "rejected")
            assert c.get("/admin/pengingat", follow_redirects=False).status_code == 303  # no session: the login
            assert c.post("/admin/pengingat", data={}, follow_redirects=False).status_code == 303
            csrf = login(c, folder)
            board = c.get("/admin").text
            assert 'href="/admin/pengingat"' in board and t("portal.remind.open", "id", count=9) in board

            page = c.get("/admin/pengingat").text
            assert set(outcomes(page)) == set(embedded_master().opd_codes) - {"DKIS"}  # every late OPD, no other
            assert set(outcomes(page).values()) == {""}  # none reminded yet
            assert t("portal.remind.send_all", "id", count=4) in page  # BPKAD, HUKUM, ORGANISASI, PBJ have e-mail
            assert "+6281234567890" in card(page, "BPKAD") and PERSON in card(page, "BPKAD")
            assert c.post("/admin/pengingat", data={"csrf": "x" * 32}).status_code == 403
            assert c.post("/admin/pengingat", data={}).status_code == 403
            assert server.received() == []  # nothing left without the form's CSRF token

            sent = c.post("/admin/pengingat", data={"csrf": csrf}, follow_redirects=False)
            assert sent.status_code == 303 and sent.headers["location"].startswith("/admin/pengingat?kiriman=")
            page = c.get(sent.headers["location"]).text
            received = server.received()

            # a second click sends nothing to an OPD reminded less than 60 minutes ago
            again = c.get(c.post("/admin/pengingat", data={"csrf": csrf}, follow_redirects=False)
                          .headers["location"]).text
            assert len(server.received()) == len(received)
            # one OPD alone, from its message page: HUKUM was just reminded; an OPD that does not exist is none
            one = c.post("/admin/pengingat", data={"csrf": csrf, "opd": "HUKUM"}, follow_redirects=False)
            assert outcomes(c.get(one.headers["location"]).text)["HUKUM"] == "too-soon"
            assert c.post("/admin/pengingat", data={"csrf": csrf, "opd": "NOPE"}).status_code == 404
            assert len(server.received()) == len(received)

    # what the server received: one message per OPD with an address, over TLS, after the login
    by_opd = {m.message["Subject"].rsplit(": ", 1)[1]: m for m in received}
    names = {o.code: o.name for o in embedded_master().registry}
    assert sorted(by_opd) == sorted(names[c] for c in ("BPKAD", "HUKUM", "PBJ"))
    for code, addresses in (("BPKAD", ["bpkad@denpasarkota.go.id", "keuangan@denpasarkota.go.id"]),
                            ("HUKUM", ["hukum@denpasarkota.go.id"]), ("PBJ", ["pbj@denpasarkota.go.id"])):
        m = by_opd[names[code]]
        assert (m.mail_from, m.rcpt_to, m.tls, m.login) == (SENDER, addresses, True, USER)
        msg = m.message
        assert msg["From"] == f"Pelaporan Monev SPBE <{SENDER}>"
        assert msg["Subject"] == t("portal.remind.msg.subject", "id", period=PERIOD, name=names[code])
        assert msg["Message-ID"].endswith("@denpasarkota.go.id>") and msg["Date"]
        assert msg.get_content_type() == "text/plain" and msg.get_content_charset() == "utf-8"
        body = msg.get_content().replace("\r\n", "\n")  # as received: SMTP ends lines with CRLF
        assert links(folder)[code] in body.splitlines()  # the OPD's own link, on a line of its own
        assert all(link not in body for other, link in links(folder).items() if other != code)
        assert "Batas waktu pengiriman laporan Triwulan III 2019 (10 Oktober 2019) sudah lewat" in body
    assert by_opd[names["PBJ"]].message["To"] == "pbj@denpasarkota.go.id, pengadaan@tolak.example"

    # what is wrong: BPKAD's two errors with their cells, HUKUM's rejection, quoted from their findings
    body = by_opd[names["BPKAD"]].message.get_content().replace("\r\n", "\n")
    assert body.startswith(f"Yth. {PERSON}, {names['BPKAD']},\n")
    assert PERSON.encode() not in by_opd[names["BPKAD"]].raw  # not sent as 8-bit text: encoded, as UTF-8
    assert t("portal.remind.msg.accepted-with-errors", "id", errors=2) in body
    errors = [f for f in bpkad["findings"] if f["severity"] == "error"]
    assert [f["cell"] for f in errors] == ["J6", "M6"]
    for f in errors:
        assert f"- {f['sheet']}!{f['cell']}: {' '.join(f['message'].split())}" in body.splitlines()
    body = by_opd[names["HUKUM"]].message.get_content().replace("\r\n", "\n")
    assert t("portal.remind.msg.rejected", "id") in body
    reason = next(f for f in hukum["findings"] if f["severity"] == "error")
    assert " ".join(reason["message"].split())[:100] in body

    # the page says what became of each OPD
    assert outcomes(page) == {"BPKAD": "sent", "HUKUM": "sent", "PBJ": "sent", "ORGANISASI": "failed",
                              "BAPPEDA": "manual",
                              **dict.fromkeys(("BKPSDM", "DISNAKER", "DPMPTSP", "DUKCAPIL"), "no-contact")}
    assert "Terkirim ke bpkad@denpasarkota.go.id, keuangan@denpasarkota.go.id" in card(page, "BPKAD")
    assert ("Terkirim ke pbj@denpasarkota.go.id; server menolak pengadaan@tolak.example (550 5.1.1"
            in card(page, "PBJ"))
    assert ("Gagal: server menolak alamat penerima: organisasi@tolak.example (550 5.1.1 <organisasi@tolak.example>:"
            " mailbox unavailable)") in card(page, "ORGANISASI")
    assert t("portal.remind.out.whatsapp_only", "id") in card(page, "BAPPEDA")
    assert t("portal.remind.out.no_contact", "id") in card(page, "DISNAKER")
    assert t("portal.remind.batch", "id", sent=3, failed=1, manual=1, none=4, soon=0) in page
    assert outcomes(again)["BPKAD"] == "too-soon" and "dapat diingatkan lagi setelah pukul" in card(again, "BPKAD")
    assert outcomes(again)["ORGANISASI"] == "failed"  # a failure does not hold the next try back

    # every reminder is in the audit log, with its actor; the password nowhere
    lines = reminder_lines(folder)
    assert {(a, act) for a, act, _ in lines} >= {("admin", "reminder-sent"), ("admin", "reminder-failed"),
                                                  ("admin", "reminder-manual"), ("admin", "reminder-no-contact"),
                                                  ("admin", "reminder-too-soon")}
    assert ("admin", "reminder-sent", "BPKAD Triwulan III 2019: Terkirim ke bpkad@denpasarkota.go.id, "
            "keuangan@denpasarkota.go.id") in lines
    for name in ("portal.db", "pengingat.json", "portal.json"):
        assert PASSWORD.encode() not in (folder / name).read_bytes(), name
    assert PASSWORD not in page + again


def test_the_message_page_gives_ready_whatsapp_and_mailto_links_and_is_audited(plan, tmp_path):
    folder = make_store(tmp_path / "portal", plan)  # no SMTP server: links only
    with TestClient(create_app(folder)) as c:
        login(c, folder)
        page = c.get("/admin/pengingat").text
        assert t("portal.remind.no_smtp", "id").split(".")[0] in html.unescape(page)
        assert 'id="send-all"' not in page  # nothing to send from here
        shown = c.get("/admin/pengingat/BPKAD")
        assert shown.status_code == 200
        assert "<title>Pesan pengingat untuk BPKAD" in shown.text
        body = html.unescape(re.search(r'<textarea id="message"[^>]*>(.*?)</textarea>', shown.text, re.S)[1])
        assert links(folder)["BPKAD"] in body.splitlines() and PERSON in body
        assert t("portal.remind.msg.missing", "id") in body
        wa = html.unescape(re.search(r'id="whatsapp" href="([^"]+)"', shown.text)[1])
        assert wa.startswith("https://wa.me/6281234567890?text=")
        assert urllib.parse.unquote(urllib.parse.urlsplit(wa).query.removeprefix("text=")) == body
        mailto = urllib.parse.urlsplit(html.unescape(re.search(r'id="mailto" href="([^"]+)"', shown.text)[1]))
        assert mailto.scheme == "mailto"
        assert urllib.parse.unquote(mailto.path) == "bpkad@denpasarkota.go.id,keuangan@denpasarkota.go.id"
        query = urllib.parse.parse_qs(mailto.query)
        assert query["subject"] == [t("portal.remind.msg.subject", "id", period=PERIOD, name=embedded_master()
                                      .registry.get("BPKAD").name)]
        assert query["body"] == [body.replace("\n", "\r\n")]
        assert 'id="send-one"' not in shown.text
        assert 'id="whatsapp"' not in c.get("/admin/pengingat/HUKUM").text  # e-mail only
        none = c.get("/admin/pengingat/DISNAKER").text
        assert 'id="whatsapp"' not in none and 'id="mailto"' not in none
        assert t("portal.remind.out.no_contact", "id") in html.unescape(none)
        assert c.get("/admin/pengingat/TIDAKADA").status_code == 404
        english = c.get("/admin/pengingat/BPKAD?lang=en").text
        assert "<title>Reminder for BPKAD" in english
        assert t("portal.remind.msg.missing", "id") in html.unescape(english)  # the message keeps the store's language
    assert [r for r in reminder_lines(folder) if r[1] == "reminder-shown"] == [
        ("admin", "reminder-shown", f"{code} {PERIOD}") for code in ("BPKAD", "HUKUM", "DISNAKER", "BPKAD")]


def test_an_accepted_opd_is_not_reminded_and_reminders_may_be_in_english(plan, tmp_path):
    folder = make_store(tmp_path / "portal", plan, lang="en")
    with TestClient(create_app(folder)) as c:
        upload(c, folder, "DKIS", EXAMPLES / "DKIS_Triwulan_III_2019.xlsx")
        login(c, folder)
        assert c.get("/admin/pengingat/DKIS").status_code == 404
        shown = html.unescape(c.get("/admin/pengingat/BPKAD").text)
        assert f"Dear {PERSON}, Badan Pengelola Keuangan dan Aset Daerah,\n" in shown
        assert '<textarea id="message" class="message" lang="en"' in shown  # read out in its own language
        assert "The deadline for the Triwulan III 2019 report (10 October 2019) has passed" in shown
        assert t("portal.remind.msg.missing", "en") in shown


# ---- failures, in plain words ----------------------------------------------------------------------------------
def _send_all(folder: Path) -> tuple[str, float]:
    with TestClient(create_app(folder)) as c:
        csrf = login(c, folder)
        start = time.monotonic()
        r = c.post("/admin/pengingat", data={"csrf": csrf})
        took = time.monotonic() - start
        assert r.status_code == 200 and r.url.path == "/admin/pengingat"
        return r.text, took


def test_a_server_that_is_down_fails_every_email_in_plain_words(plan, tmp_path):
    port = free_port()  # nothing listens there
    folder = make_store(tmp_path / "portal", plan, host="127.0.0.1", port=port, security="none", sender=SENDER)
    # a links file whose link of DKIS no longer opens DKIS (a copy restored from a backup, say): DKIS gets no
    # message with a dead link, and DKIS (the office) reads what to do
    text = (folder / "tautan-opd.csv").read_text(encoding="utf-8-sig")
    (folder / "tautan-opd.csv").write_text(text.replace(links(folder)["DKIS"], URL + "/o/" + "x" * 32),
                                           encoding="utf-8-sig")
    page, took = _send_all(folder)
    assert took < 10
    expected = (f"Gagal: server SMTP 127.0.0.1:{port} menolak sambungan (server tidak berjalan, atau host atau port "
                "salah)")
    for code in ("BPKAD", "HUKUM", "PBJ", "ORGANISASI"):  # nobody has sent yet
        assert outcomes(page)[code] == "failed" and expected in card(page, code)
    assert outcomes(page)["BAPPEDA"] == "manual"
    assert outcomes(page)["DKIS"] == "no-link" and "ganti tautannya" in card(page, "DKIS")
    failed = [r for r in reminder_lines(folder) if r[1] == "reminder-failed"]
    assert len(failed) == 4 and all(expected.removeprefix("Gagal: ") in d for _, _, d in failed)


def test_a_refused_login_and_an_unreadable_password_say_so(smtp_available, plan, tmp_path):
    with SmtpServer(tmp_path / "smtp", tls="ssl", user=USER, password=PASSWORD) as server:
        settings = smtp_settings(server, tmp_path)
        folder = make_store(tmp_path / "portal", plan, **settings)
        password_file(tmp_path, "bukan-sandinya")
        page, _ = _send_all(folder)
        assert outcomes(page)["BPKAD"] == "failed"
        assert (f"Gagal: server menolak pengguna {USER} atau sandinya (535 5.7.8 Authentication credentials invalid);"
                " periksa --smtp-user dan sandinya") in card(page, "BPKAD")
        # the password from an environment variable that `portal serve` was not given
        init(folder, PERIOD, reminders={"password_file": "", "password_env": "SPBE_TEST_NO_SUCH_VARIABLE"})
        page, _ = _send_all(folder)
        assert ("Gagal: sandi SMTP tidak ada: variabel lingkungan SPBE_TEST_NO_SUCH_VARIABLE tidak diatur untuk "
                "\"portal serve\"") in card(page, "HUKUM")
        # given, the same settings send, over TLS from the first byte
        os.environ["SPBE_TEST_SMTP_PASSWORD"] = PASSWORD
        try:
            init(folder, PERIOD, reminders={"password_env": "SPBE_TEST_SMTP_PASSWORD"})
            page, _ = _send_all(folder)
        finally:
            del os.environ["SPBE_TEST_SMTP_PASSWORD"]
        assert outcomes(page)["HUKUM"] == "sent"
        assert {m.rcpt_to[0] for m in server.received()} == {"dkis@denpasarkota.go.id", "bpkad@denpasarkota.go.id",
                                                             "hukum@denpasarkota.go.id", "pbj@denpasarkota.go.id"}
        assert all(m.tls and m.login == USER for m in server.received())
        # a server whose certificate is not trusted: its CA was not given
        init(folder, PERIOD, reminders={"cafile": "", "every": 1})
        with sqlite3.connect(folder / "portal.db") as con:
            con.execute("delete from reminders")  # as if the last e-mails were long ago
        page, _ = _send_all(folder)
        assert "sertifikat server 127.0.0.1 tidak dipercaya" in card(page, "HUKUM")
        assert "--smtp-cafile" in card(page, "HUKUM")


def test_a_server_that_does_not_answer_is_given_up_after_the_timeout(plan, tmp_path):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts connections (the kernel does) and never says a word
    port = silent.getsockname()[1]
    try:
        folder = make_store(tmp_path / "portal", plan, host="127.0.0.1", port=port, security="none", sender=SENDER,
                            timeout=1.0)
        page, took = _send_all(folder)
    finally:
        silent.close()
    assert took < 5  # one timeout for the batch, not one per OPD
    assert f"Gagal: server SMTP 127.0.0.1:{port} tidak menjawab dalam 1 detik" in card(page, "BPKAD")
    assert outcomes(page)["PBJ"] == "failed"


def test_the_event_loop_is_free_while_a_batch_waits_on_the_server(plan, tmp_path):
    """The batch waits on the server in a worker thread: the status page answers meanwhile."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    port = silent.getsockname()[1]
    folder = make_store(tmp_path / "portal", plan, host="127.0.0.1", port=port, security="none", sender=SENDER,
                        timeout=3.0)
    try:
        with TestClient(create_app(folder)) as c:
            csrf = login(c, folder)
            done: dict = {}
            sender = threading.Thread(target=lambda: done.update(r=c.post("/admin/pengingat", data={"csrf": csrf})))
            sender.start()
            time.sleep(0.5)
            start = time.monotonic()
            assert c.get("/").status_code == 200
            assert time.monotonic() - start < 1.5
            busy = c.post("/admin/pengingat", data={"csrf": csrf})  # a second batch while the first one runs
            assert busy.status_code == 409 and t("portal.remind.busy", "id") in html.unescape(busy.text)
            sender.join(20)
            assert done["r"].status_code == 200
    finally:
        silent.close()


# ---- portal init ---------------------------------------------------------------------------------------------
def test_init_checks_the_mail_settings_and_keeps_no_password(plan, tmp_path):
    open_file = tmp_path / "sandi-terbuka"
    open_file.write_text(PASSWORD)
    open_file.chmod(0o644)
    cases = [
        ({"host": "smtp.denpasarkota.go.id", "sender": SENDER, "user": USER, "password_file": str(open_file)},
         "portal.remind.init.password_open", "dapat dibaca orang lain (mode 644). Jalankan: chmod 600"),
        ({"host": "smtp.denpasarkota.go.id", "sender": SENDER, "user": USER},
         "portal.remind.init.user_password", "--smtp-user perlu sandinya"),
        ({"host": "smtp.denpasarkota.go.id", "sender": "monev"}, "portal.remind.init.sender", "bukan satu alamat"),
        ({"host": "smtp.denpasarkota.go.id", "sender": SENDER, "user": USER, "password_env": "X",
          "security": "none"}, "portal.remind.init.clear", "tidak dikirim tanpa enkripsi"),
        ({"sender": SENDER}, "portal.remind.init.no_host", "hanya berlaku bersama --smtp-host"),
    ]
    from spbe_excel.text.errors import error_text

    for settings, key, says in cases:
        with pytest.raises(UsageError) as refused:
            init(tmp_path / "baru", PERIOD, reminders=settings)
        assert refused.value.key == key and says in error_text(refused.value, "id")
        assert not (tmp_path / "baru").exists()  # a refusal leaves nothing behind
    folder = make_store(tmp_path / "portal", plan, host="smtp.denpasarkota.go.id", sender=SENDER, user=USER,
                        password_file=str(password_file(tmp_path)))
    kept = (folder / "pengingat.json").read_text()
    assert PASSWORD not in kept and str(tmp_path / "sandi-smtp") in kept
    assert oct((folder / "pengingat.json").stat().st_mode & 0o777) == "0o600"
    assert [d for _, a, d in audit(folder) if a == "reminder-settings"] == [
        f"smtp.denpasarkota.go.id:587 starttls user={USER} password=file {tmp_path / 'sandi-smtp'} from={SENDER} "
        "lang=id every=60min"]


def test_init_on_the_command_line_sets_the_reminders_of_a_store_that_has_the_round(plan, tmp_path):
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    folder = tmp_path / "portal"
    make_store(folder, plan)
    done = subprocess.run([sys.executable, "-m", "spbe_excel", "portal", "init", str(folder), "--period", PERIOD,
                           "--smtp-host", "smtp.denpasarkota.go.id", "--smtp-security", "ssl", "--smtp-user", USER,
                           "--smtp-password-env", "SMTP_SANDI", "--smtp-from", SENDER, "--remind-every", "120"],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == [
        f"Pengingat e-mail lewat smtp.denpasarkota.go.id:465 (ssl) dari {SENDER}; pesan dalam Bahasa Indonesia.",
        t("portal.remind.init.kept", "id", period=PERIOD)]
    refused = subprocess.run([sys.executable, "-m", "spbe_excel", "portal", "init", str(folder), "--period", PERIOD,
                              "--smtp-password-file", str(tmp_path / "tidak-ada"), "--lang", "en"],
                             capture_output=True, text=True, env=env)
    assert refused.returncode == 2  # the password from a file now, in place of the variable: there is no such file
    assert f"The SMTP password file {tmp_path / 'tidak-ada'} does not exist." in refused.stderr
    with TestClient(create_app(folder)) as c:
        login(c, folder)
        page = html.unescape(c.get("/admin/pengingat").text)
    assert (f"E-mail dikirim lewat server smtp.denpasarkota.go.id dari {SENDER}, paling banyak satu e-mail per OPD "
            "setiap 120 menit") in page


@pytest.mark.postgres
def test_reminders_are_recorded_and_bounded_on_postgresql(smtp_available, plan, tmp_path, fresh_postgres_url):
    with SmtpServer(tmp_path / "smtp", tls="starttls", user=USER, password=PASSWORD) as server:
        folder = tmp_path / "portal"
        init(folder, PERIOD, deadline=DEADLINE, master=str(plan), url=URL, db=fresh_postgres_url,
             reminders=smtp_settings(server, tmp_path))
        first, _ = _send_all(folder)
        again, _ = _send_all(folder)
        assert len(server.received()) == 4  # DKIS, BPKAD, HUKUM, PBJ once each
    assert [outcomes(first)[c] for c in ("BPKAD", "ORGANISASI", "BAPPEDA")] == ["sent", "failed", "manual"]
    assert [outcomes(again)[c] for c in ("BPKAD", "ORGANISASI", "BAPPEDA")] == ["too-soon", "failed", "manual"]
    from sqlalchemy import create_engine, text

    engine = create_engine(fresh_postgres_url)
    try:
        with engine.connect() as c:
            sent = c.execute(text("select actor, detail from audit where action = 'reminder-sent' order by id")).all()
    finally:
        engine.dispose()
    assert ("admin", "BPKAD Triwulan III 2019: Terkirim ke bpkad@denpasarkota.go.id, keuangan@denpasarkota.go.id") \
        in [tuple(r) for r in sent]
