"""Reminders in a real headless Chromium against a real server and a real SMTP server (issue 18, point 12).

A store of the embedded plan with contacts on its OPD sheet is made with ``spbe-excel portal init`` and the SMTP
options (STARTTLS, a login whose password is in an environment variable of ``portal serve``), served with
``python -m spbe_excel portal serve`` on a free port; aiosmtpd listens on another (tests/smtpserver.py).  BPKAD
uploads its example with two planted mistakes; DKIS logs in, follows the board's reminder button, confirms the
sending, reads each OPD's outcome, and opens BPKAD's message with its WhatsApp and mailto links.  Each page is
photographed at 1280 and at 390 px wide (a phone), where nothing may scroll sideways; no page logs a console
error (a Content-Security-Policy violation would be one)."""

from __future__ import annotations

import base64
import csv
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import openpyxl
import pytest
from served import free_port
from smtpserver import SmtpServer, SmtpUnavailable, require_smtp

from spbe_excel.master import embedded_master
from spbe_excel.text import t
from spbe_excel.write.master_export import export_master

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "triwulan-iii"
PERIOD = "Triwulan III 2019"
PASSWORD = "sandi-uji-peramban"
SENDER = "monev@denpasarkota.go.id"
PNG = b"\x89PNG\r\n\x1a\n"
CONTACTS = {  # (E-mail, WhatsApp, Narahubung) on the plan's OPD sheet
    "BPKAD": ("bpkad@denpasarkota.go.id; sekretariat.bpkad.kota.denpasar@denpasarkota.go.id", "0812-3456-7890",
              "Ni Made Ayu Lestari (Kasubbag Program – Keuangan)"),
    "HUKUM": ("hukum@denpasarkota.go.id", "", ""),
    "BAPPEDA": ("", "0813-1111-2222", "Putu Eka"),
    "ORGANISASI": ("organisasi@tolak.example", "", ""),
}


def _env(**more) -> dict[str, str]:
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": str(ROOT) + (os.pathsep + path if path else ""), **more}


def _plan(folder: Path) -> Path:
    path = export_master(embedded_master(), folder / "export.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["OPD"]
    row = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for code, values in CONTACTS.items():
        for c, value in enumerate(values, 4):
            ws.cell(row[code], c, value or None)
    wb.save(folder / "rencana.xlsx")
    return folder / "rencana.xlsx"


def _upload(link: str, path: Path) -> None:
    boundary = "spbe-remind-test"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{path.name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + path.read_bytes() + \
        f"\r\n--{boundary}--\r\n".encode()
    base, token = link.rsplit("/o/", 1)
    request = urllib.request.Request(base + "/api/v1/submissions", data=body, method="POST", headers={
        "Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=60) as reply:
        assert reply.status == 201


@pytest.fixture()
def reminder_site(tmp_path):
    """(base URL, admin token, links, SMTP server, shots folder): the store served, the SMTP server running."""
    try:
        require_smtp()
    except SmtpUnavailable as exc:
        if os.environ.get("SPBE_REQUIRE_SMTP") == "1":
            pytest.fail(f"{exc} (SPBE_REQUIRE_SMTP=1)")
        pytest.skip(str(exc))
    with SmtpServer(tmp_path / "smtp", tls="starttls", user="dkis", password=PASSWORD) as smtp:
        folder = tmp_path / "store"
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        subprocess.run([sys.executable, "-m", "spbe_excel", "portal", "init", str(folder), "--period", PERIOD,
                        "--deadline", "2019-10-10", "--url", base, "--master", str(_plan(tmp_path)),
                        "--smtp-host", "127.0.0.1", "--smtp-port", str(smtp.port), "--smtp-user", "dkis",
                        "--smtp-password-env", "SPBE_SMTP_PASSWORD", "--smtp-from", SENDER,
                        "--smtp-cafile", str(smtp.cert)], check=True, capture_output=True, env=_env(), cwd=ROOT)
        with open(folder / "tautan-opd.csv", encoding="utf-8-sig", newline="") as f:
            links = {row["kode"]: row["tautan"] for row in csv.DictReader(f)}
        log = tmp_path / "serve.log"
        with open(log, "wb") as out:
            server = subprocess.Popen([sys.executable, "-m", "spbe_excel", "portal", "serve", str(folder), "--port",
                                       str(port)], stdout=out, stderr=subprocess.STDOUT,
                                      env=_env(SPBE_SMTP_PASSWORD=PASSWORD), cwd=ROOT)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(base + "/", timeout=2):
                        break
                except OSError:
                    assert server.poll() is None and time.monotonic() < deadline, log.read_text()
                    time.sleep(0.1)
            shots = tmp_path / "shots"
            shots.mkdir()
            yield base, (folder / "token-admin.txt").read_text().strip(), links, smtp, shots
        finally:
            server.terminate()
            server.wait(10)
        assert PASSWORD not in log.read_text(errors="replace")  # the password is never logged


def shot(driver, shots: Path, name: str) -> Path:
    """A PNG of the whole page, also copied to SPBE_SHOTS when that names a folder."""
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
    data = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                             "clip": clip})["data"]
    path = shots / f"{name}.png"
    path.write_bytes(base64.b64decode(data))
    assert path.read_bytes()[:8] == PNG
    if os.environ.get("SPBE_SHOTS"):
        Path(os.environ["SPBE_SHOTS"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(os.environ["SPBE_SHOTS"]) / path.name)
    return path


def both_widths(driver, shots: Path, name: str) -> None:
    """The page logged nothing wrong and is photographed at 1280 px and at 390 px, where it fits the width."""
    assert [e["message"] for e in driver.get_log("browser") if e["level"] in ("WARNING", "SEVERE")] == [], name
    shot(driver, shots, f"{name}-1280")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844,
                                                                  "deviceScaleFactor": 1, "mobile": True})
    try:
        wide = driver.execute_script("return document.documentElement.scrollWidth")
        assert wide <= 390, f"{name}: {wide} px wide at 390 px"
        shot(driver, shots, f"{name}-390")
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def css(driver, selector: str):
    return driver.find_element("css selector", selector)


def css_all(driver, selector: str):
    return driver.find_elements("css selector", selector)


def test_dkis_reminds_the_late_opds_from_the_board(chromium, reminder_site):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    base, admin_token, links, smtp, shots = reminder_site
    _upload(links["BPKAD"], EXAMPLES / "BPKAD_Triwulan_III_2019.xlsx")  # accepted, with two errors
    _upload(links["DKIS"], EXAMPLES / "DKIS_Triwulan_III_2019.xlsx")  # accepted: not reminded
    driver = chromium
    driver.get(base + "/admin")
    css(driver, "#token").send_keys(admin_token + Keys.ENTER)
    WebDriverWait(driver, 15).until(lambda d: css_all(d, "#reminders-link"))
    assert css(driver, "#reminders-link").text == t("portal.remind.open", "id", count=9)
    shot(driver, shots, "remind-0-board-1280")  # the board's own layout at 390 px is point 8's
    css(driver, "#reminders-link").click()
    WebDriverWait(driver, 15).until(lambda d: css_all(d, "#reminders"))
    assert driver.title.startswith(t("portal.remind.title", "id", period=PERIOD))
    cards = {li.get_attribute("data-opd"): li for li in css_all(driver, "#reminders li")}
    assert sorted(cards) == sorted(set(embedded_master().opd_codes) - {"DKIS"})
    assert "+6281234567890" in cards["BPKAD"].text
    button = css(driver, "#send-all")
    assert button.text == t("portal.remind.send_all", "id", count=3)  # BPKAD, HUKUM, ORGANISASI have addresses
    both_widths(driver, shots, "remind-1-list")

    # the button asks first; dismissed, nothing goes
    button.click()
    alert = WebDriverWait(driver, 5).until(lambda d: d.switch_to.alert)
    assert alert.text == t("portal.remind.confirm", "id", count=3)
    alert.dismiss()
    time.sleep(0.5)
    assert smtp.received() == [] and "kiriman=" not in driver.current_url
    css(driver, "#send-all").click()
    WebDriverWait(driver, 5).until(lambda d: d.switch_to.alert).accept()
    WebDriverWait(driver, 30).until(lambda d: "kiriman=" in d.current_url and css_all(d, "#batch"))
    assert css(driver, "#batch").text == t("portal.remind.batch", "id", sent=2, failed=1, manual=1, none=5, soon=0)
    outcome = {li.get_attribute("data-opd"): li.get_attribute("data-outcome")
               for li in css_all(driver, "#reminders li")}
    assert (outcome["BPKAD"], outcome["HUKUM"], outcome["ORGANISASI"], outcome["BAPPEDA"], outcome["PBJ"]) == (
        "sent", "sent", "failed", "manual", "no-contact")
    bpkad = css(driver, 'li[data-opd="BPKAD"] .outcome').text
    assert "Terkirim ke bpkad@denpasarkota.go.id, sekretariat.bpkad.kota.denpasar@denpasarkota.go.id" in bpkad
    assert "organisasi@tolak.example (550 5.1.1" in css(driver, 'li[data-opd="ORGANISASI"] .outcome').text
    both_widths(driver, shots, "remind-2-sent")
    received = {m.rcpt_to[0]: m for m in smtp.received()}
    assert sorted(received) == ["bpkad@denpasarkota.go.id", "hukum@denpasarkota.go.id"]
    body = received["bpkad@denpasarkota.go.id"].message.get_content()
    assert links["BPKAD"] in body and "Monev!J6" in body and "Monev!M6" in body

    # BPKAD's message, with the WhatsApp and mailto links for sending by hand
    css(driver, 'li[data-opd="BPKAD"] a.button').click()
    WebDriverWait(driver, 15).until(lambda d: css_all(d, "#message"))
    text = css(driver, "#message").get_attribute("value")
    assert links["BPKAD"] in text.splitlines() and "Monev!J6" in text
    wa = urllib.parse.urlsplit(css(driver, "#whatsapp").get_attribute("href"))
    assert (wa.scheme, wa.netloc, wa.path) == ("https", "wa.me", "/6281234567890")
    assert urllib.parse.parse_qs(wa.query)["text"] == [text]
    assert css(driver, "#mailto").get_attribute("href").startswith(
        "mailto:bpkad@denpasarkota.go.id,sekretariat.bpkad.kota.denpasar@denpasarkota.go.id?subject=")
    both_widths(driver, shots, "remind-3-message")

    # in English, the page; the message stays in the store's language (Indonesian)
    driver.get(base + "/admin/pengingat/BPKAD?lang=en")
    assert css(driver, "h1").text == t("portal.remind.message_title", "en", code="BPKAD")
    assert css(driver, "#whatsapp").text == t("portal.remind.whatsapp", "en")
    assert css(driver, "#message").get_attribute("value") == text
    both_widths(driver, shots, "remind-4-message-en")
