"""The intake page as people use it, in a real headless Chromium against a real server.

A store is made with ``spbe-excel portal init`` for the embedded plan and served with ``python -m spbe_excel
portal serve`` on a free loopback port.  BPKAD opens its link, downloads its template, uploads its example
submission with two planted mistakes (chosen with the file dialog; the script sends it by XHR with a progress
bar), reads the same findings ``validate`` prints, downloads its feedback workbook, drops the corrected file on
the page and sees it accepted; DKIS logs in with the admin token, sees BPKAD's row turn ``accepted``, the
reporting rate, and finds BPKAD's reported values in the consolidated workbook it downloads.  The same upload
works as a plain HTML form with JavaScript disabled, and the pages speak English with ``?lang=en``.

Every page is checked for console errors (a Content-Security-Policy violation would be one: the pages carry
no inline script or style), and photographed: the PNGs are kept in the test's folder and, when
SPBE_SHOTS names a folder, copied there to be looked at."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser import wait_for_download
from served import free_port

from spbe_excel.text import t

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "triwulan-iii"
PERIOD = "Triwulan III 2019"
OPDS = 10  # in the embedded plan
PNG = b"\x89PNG\r\n\x1a\n"
EVIDENCE = "Perwali Denpasar No. 41 Tahun 2019 tentang Layanan Keuangan Elektronik"
# the columns an OPD fills in, as the consolidated workbook's Monev sheet names them (Indonesian)
REPORTED = ("Status Tindak Lanjut", "Progres (%)", "Uraian Capaian", "Bukti Dukung", "Kendala", "Anggaran (Rp)",
            "Realisasi (Rp)", "Tanggal Pembaruan")


@dataclass
class Site:
    base: str
    folder: Path
    links: dict[str, str]
    admin_token: str
    shots: Path


def _env() -> dict[str, str]:
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": str(ROOT) + (os.pathsep + path if path else "")}


def _wait_until_up(base: str, server: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"portal serve ended with {server.returncode}: {log.read_text()}")
        try:
            with urllib.request.urlopen(base + "/", timeout=2) as reply:
                if reply.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise AssertionError(f"portal serve did not answer within {timeout} s: {log.read_text()}")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    """A store of the embedded plan for PERIOD (deadline in two weeks) served on a free port of 127.0.0.1."""
    work = tmp_path_factory.mktemp("portal-browser")
    folder = work / "store"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    deadline = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    subprocess.run([sys.executable, "-m", "spbe_excel", "portal", "init", str(folder), "--period", PERIOD,
                    "--deadline", deadline, "--url", base], check=True, capture_output=True, env=_env(), cwd=ROOT)
    with open(folder / "tautan-opd.csv", encoding="utf-8-sig", newline="") as f:
        links = {row["kode"]: row["tautan"] for row in csv.DictReader(f)}
    log = work / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "spbe_excel", "portal", "serve", str(folder), "--port",
                                   str(port)], stdout=out, stderr=subprocess.STDOUT, env=_env(), cwd=ROOT)
    try:
        _wait_until_up(base, server, log)
        shots = work / "shots"
        shots.mkdir()
        yield Site(base, folder, links, (folder / "token-admin.txt").read_text().strip(), shots)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


# ---- what the browser shows ---------------------------------------------------------------------------
def shot(driver, site: Site, name: str) -> Path:
    """A PNG of the whole page (beyond the window) in the site's shots folder, also copied to SPBE_SHOTS."""
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
    data = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                             "clip": clip})["data"]
    path = site.shots / f"{name}.png"
    path.write_bytes(base64.b64decode(data))
    assert path.read_bytes()[:8] == PNG
    if os.environ.get("SPBE_SHOTS"):
        extra = Path(os.environ["SPBE_SHOTS"])
        extra.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, extra / path.name)
    return path


def console(driver) -> list[str]:
    """What the page logged to the console since the last call, warnings and errors only."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("WARNING", "SEVERE")]


def quiet(driver, site: Site, name: str) -> None:
    """The page logged nothing wrong (no CSP violation, no failed resource) and is photographed."""
    assert console(driver) == [], name
    shot(driver, site, name)


def wait(driver, condition, timeout: float = 15):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(condition)


def css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def css_all(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def result_page(driver, before: int = 0) -> int:
    """Wait for the verdict page of an upload other than ``before``; its id."""
    def there(d) -> int:
        found = re.search(r"/kiriman/(\d+)$", d.current_url)
        return int(found[1]) if found and int(found[1]) != before and css_all(d, "#verdict") else 0

    return wait(driver, there)


def shown_findings(driver) -> list[tuple[str, str, str]]:
    """(severity word, where, 'code message') of every row of the findings table, as the page shows them."""
    rows = css_all(driver, "#findings tbody tr")
    return [tuple(td.text for td in row.find_elements("css selector", "td")) for row in rows]  # type: ignore


def validated(paths: list[Path], lang: str) -> dict[str, list[dict]]:
    """``spbe-excel validate --format json`` of ``paths``: the findings of each file by its name."""
    done = subprocess.run([sys.executable, "-m", "spbe_excel", "validate", *map(str, paths), "--period", PERIOD,
                           "--format", "json", "--lang", lang], capture_output=True, env=_env(), cwd=ROOT)
    assert done.returncode in (0, 1), done.stderr
    found: dict[str, list[dict]] = {p.name: [] for p in paths}
    for f in json.loads(done.stdout):
        found[Path(f["file"]).name].append(f)
    return found


def expected_rows(findings: list[dict], lang: str) -> list[tuple[str, str, str]]:
    return [(t("portal.sev." + f["severity"], lang), f"{f['sheet']}!{f['cell']}", f"{f['code']} {f['message']}")
            for f in findings]


XHR_SPY = """
var send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function (body) {
  var xhr = this;
  sessionStorage.setItem("xhr", "sent " + (body instanceof FormData));
  xhr.upload.addEventListener("progress", function (e) {
    sessionStorage.setItem("xhr-progress", e.loaded + "/" + e.total);
  });
  xhr.addEventListener("load", function () { sessionStorage.setItem("xhr-done", xhr.status + " " + xhr.responseURL); });
  return send.apply(this, arguments);
};
sessionStorage.clear();
"""

DROP = """
var bytes = Uint8Array.from(atob(arguments[0]), function (c) { return c.charCodeAt(0); });
var file = new File([bytes], arguments[1], {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"});
var data = new DataTransfer();
data.items.add(file);
var zone = document.querySelector("label.drop");
zone.dispatchEvent(new DragEvent(arguments[2], {bubbles: true, cancelable: true, dataTransfer: data}));
return zone.className;
"""


def xhr_upload_seen(driver) -> dict[str, str | None]:
    return {k: driver.execute_script(f"return sessionStorage.getItem('{k}')") for k in ("xhr", "xhr-progress",
                                                                                         "xhr-done")}


def corrected_copy(source: Path, out: Path) -> Path:
    """``source`` with BPKAD's two planted mistakes fixed: progress 100% for its "Selesai" action, and evidence."""
    import openpyxl

    wb = openpyxl.load_workbook(source)
    ws = wb["Monev"]
    assert (ws["A6"].value, ws["I6"].value, ws["J6"].value, ws["M6"].value) == (11, "Selesai", 0.9, None)
    ws["J6"] = 1
    ws["M6"] = EVIDENCE
    wb.save(out)
    return out


def monev_rows(path: Path, header_first: str) -> tuple[list[str], list[tuple]]:
    """The header (the row whose first cell is ``header_first``) and the rows under it of the Monev sheet."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    rows = list(wb["Monev"].iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r[0] == header_first)
    return [str(h) for h in rows[at]], [r for r in rows[at + 1:] if r[0] is not None]


# ---- the scenario -------------------------------------------------------------------------------------
def test_opd_fixes_its_report_and_dkis_sees_it_counted(chromium, site, tmp_path):
    """The whole loop, with JavaScript on: template, upload with mistakes, findings as validate, feedback
    workbook, corrected file dropped on the page and accepted, DKIS's status and consolidated workbook."""
    import openpyxl
    from selenium.webdriver.common.keys import Keys

    driver, downloads = chromium, chromium.download_dir
    mistaken = EXAMPLES / "BPKAD_Triwulan_III_2019.xlsx"
    corrected = corrected_copy(mistaken, tmp_path / "BPKAD_Triwulan_III_2019_perbaikan.xlsx")
    cli = validated([mistaken, corrected], "id")
    assert [f["code"] for f in cli[mistaken.name]] == ["status-progress-mismatch", "evidence-missing",
                                                       "level-not-counted"]
    assert cli[corrected.name] == []

    # the OPD's page: its name, the period, the deadline two weeks away; the script ran and styled the page
    driver.get(site.links["BPKAD"])
    assert css(driver, "h1").text == "Badan Pengelola Keuangan dan Aset Daerah (BPKAD)"
    assert PERIOD in css(driver, "dl.facts").text
    assert t("portal.opd.days_left", "id", days=14) in css(driver, "#deadline").text
    assert "js" in css(driver, "html").get_attribute("class").split()
    assert css(driver, "header.top").value_of_css_property("background-color") == "rgba(31, 95, 153, 1)"
    assert css(driver, "#chosen").text == t("portal.opd.none_chosen", "id")
    quiet(driver, site, "01-opd-page")

    # its template: a workbook of BPKAD for this period, not yet filled in
    css(driver, "#template").click()
    template = wait_for_download(downloads, "BPKAD_Triwulan_III_2019.xlsx")
    wb = openpyxl.load_workbook(template)
    meta = {r[0]: r[1] for r in wb["spbe_meta"].iter_rows(values_only=True)}
    assert (meta["opd"], meta["period"]) == ("BPKAD", PERIOD)
    assert wb["Monev"]["C2"].value.startswith("BPKAD - ")
    assert [wb["Monev"].cell(r, 1).value for r in (6, 7)] == [11, 29]
    assert wb["Monev"]["I6"].value is None

    # the file with mistakes, chosen with the file dialog, goes by XHR with a visible progress bar
    css(driver, "#file").send_keys(str(mistaken))
    assert css(driver, "#chosen").text == mistaken.name
    quiet(driver, site, "02-file-chosen")
    driver.execute_script(XHR_SPY)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 0,
                                                                "downloadThroughput": -1, "uploadThroughput": 12000})
    css(driver, "#upload button[type=submit]").click()
    wait(driver, lambda d: css(d, "#progress").is_displayed() and int(css(d, "#progress").get_attribute("value")) > 0)
    assert not css(driver, "#upload button[type=submit]").is_enabled()
    shot(driver, site, "03-uploading")
    first = result_page(driver)
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 0,
                                                                "downloadThroughput": -1, "uploadThroughput": -1})
    spy = xhr_upload_seen(driver)
    assert spy["xhr"] == "sent true"
    loaded, total = map(int, (spy["xhr-progress"] or "0/1").split("/"))
    assert loaded == total > mistaken.stat().st_size
    assert spy["xhr-done"] == f"200 {driver.current_url}"

    # the verdict and every finding, in the words, cells and order of validate
    assert css(driver, "#verdict").get_attribute("data-state") == "accepted-with-errors"
    assert t("portal.result.accepted_errors", "id", errors=2) in css(driver, "#verdict").text
    assert shown_findings(driver) == expected_rows(cli[mistaken.name], "id")
    assert css(driver, "section.send h2").text == t("portal.result.again_fix", "id")
    quiet(driver, site, "04-result-with-mistakes")

    # the feedback workbook: BPKAD's, with each finding's cell marked and explained
    css(driver, "#feedback").click()
    feedback = wait_for_download(downloads, f"umpan-balik-BPKAD-{first}.xlsx")
    wb = openpyxl.load_workbook(feedback)
    meta = {r[0]: r[1] for r in wb["spbe_meta"].iter_rows(values_only=True)}
    assert (meta["opd"], meta["period"]) == ("BPKAD", PERIOD)
    facts = {r[0]: r[1] for r in wb["Perbaikan"].iter_rows(max_row=6, values_only=True)}
    assert facts["Perangkat Daerah"] == "BPKAD"
    for f in cli[mistaken.name]:
        cell = wb["Monev"][f["cell"]]
        assert cell.comment is not None and f["message"] in cell.comment.text, f["cell"]
        assert cell.fill.fgColor.rgb != wb["Monev"]["L6"].fill.fgColor.rgb, f["cell"]

    # the corrected file, dropped on the page (drag over, then drop), goes by XHR too and is accepted
    payload = base64.b64encode(corrected.read_bytes()).decode()
    assert "over" in driver.execute_script(DROP, payload, corrected.name, "dragenter").split()
    shot(driver, site, "05-dragging-over")
    assert "over" not in driver.execute_script(DROP, payload, corrected.name, "drop").split()
    assert css(driver, "#chosen").text == corrected.name
    quiet(driver, site, "06-file-dropped")
    driver.execute_script(XHR_SPY)
    css(driver, "#upload button[type=submit]").click()
    second = result_page(driver, before=first)
    assert second > first
    assert xhr_upload_seen(driver)["xhr-done"] == f"200 {driver.current_url}"
    assert css(driver, "#verdict").get_attribute("data-state") == "accepted"
    assert t("portal.result.accepted", "id") in css(driver, "#verdict").text
    assert css_all(driver, "#findings") == []
    history = [r.get_attribute("data-upload") for r in css_all(driver, "#history tbody tr")]
    assert history == [str(second), str(first)]
    assert css(driver, "#history tr.this").get_attribute("data-upload") == str(second)
    assert t("portal.opd.counted_now", "id", id=second, file=corrected.name) in driver.page_source
    quiet(driver, site, "07-result-accepted")

    # DKIS logs in with the admin token
    driver.get(site.base + "/admin")
    assert css(driver, "h1").text == t("portal.login.title", "id")
    quiet(driver, site, "08-login")
    css(driver, "#token").send_keys(site.admin_token + Keys.ENTER)
    wait(driver, lambda d: css_all(d, "#status"))
    row = css(driver, 'tr[data-opd="BPKAD"]')
    assert row.get_attribute("data-state") == "accepted"
    assert [td.text for td in row.find_elements("css selector", "td.num")] == ["0", "0"]
    states = [r.get_attribute("data-state") for r in css_all(driver, "#status tbody tr")]
    assert len(states) == OPDS
    sent = sum(s in ("accepted", "accepted-with-errors") for s in states)
    assert css(driver, "#rate").text == t("portal.admin.rate_value", "id", sent=sent, total=OPDS,
                                          pct=f"{100 * sent / OPDS:.0f}%")
    assert css(driver, "#rate-meter").get_attribute("value") == str(sent)
    request = urllib.request.Request(site.base + "/api/v1/status",
                                      headers={"Authorization": f"Bearer {site.admin_token}"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        status = json.load(reply)
    assert status["reporting"]["counted"] == sent
    assert {o["code"]: o["state"] for o in status["opds"]} == {
        r.get_attribute("data-opd"): r.get_attribute("data-state") for r in css_all(driver, "#status tbody tr")}
    quiet(driver, site, "09-admin-status")

    # the consolidated workbook holds what BPKAD reported in the corrected file
    css(driver, "#rekap").click()
    rekap = wait_for_download(downloads, "rekap-triwulan-iii-2019.xlsx", timeout=30)
    sent_header, sent_rows = monev_rows(corrected, "No")
    rekap_header, rekap_rows = monev_rows(rekap, "No")
    ours = {r[0]: r for r in rekap_rows if r[rekap_header.index("Kode OPD")] == "BPKAD"}
    assert sorted(ours) == [11, 29]
    for r in sent_rows:
        got = {c: ours[r[0]][rekap_header.index(c)] for c in REPORTED}
        assert got == {c: r[sent_header.index(c)] for c in REPORTED}, r[0]
    assert ours[11][rekap_header.index("Bukti Dukung")] == EVIDENCE
    assert ours[11][rekap_header.index("Progres (%)")] == 1

    # the detector sees a violation when there is one: an inline script is refused under the page's CSP
    driver.execute_script("var s = document.createElement('script'); s.textContent = 'window.inlineRan = 1';"
                          " document.head.appendChild(s);")
    assert driver.execute_script("return window.inlineRan === undefined")
    assert any("Content Security Policy" in m for m in console(driver))


def test_plain_form_upload_without_javascript(chromium, site):
    """With scripts disabled the native file input shows and the form posts as plain HTML to the verdict: a
    text file is rejected, the workbook after it accepted.  A wrong link gets the refusal page."""
    driver = chromium
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    driver.get(site.links["BAPPEDA"])
    assert "js" not in (css(driver, "html").get_attribute("class") or "").split()
    assert css(driver, "#file").is_displayed()
    assert css(driver, "#chosen").text == ""
    quiet(driver, site, "nojs-1-opd-page")

    note = EXAMPLES / "catatan pengiriman.txt"
    css(driver, "#file").send_keys(str(note))
    css(driver, "#upload button[type=submit]").click()
    rejected = result_page(driver)
    assert css(driver, "#verdict").get_attribute("data-state") == "rejected"
    # what the file holds and what to send instead; the template offered, no feedback workbook
    assert css(driver, "#verdict-notice").text == t("portal.result.not_workbook", "id", what=t("what.text", "id"))
    assert css_all(driver, "#feedback") == [] and css(driver, "#send-template").is_displayed()
    assert css(driver, "section.send h2").text == t("portal.result.again_fix", "id")
    quiet(driver, site, "nojs-2-rejected")

    example = EXAMPLES / "BAPPEDA_Triwulan_III_2019.xlsx"
    css(driver, "#file").send_keys(str(example))
    css(driver, "#upload button[type=submit]").click()
    result_page(driver, before=rejected)
    assert css(driver, "#verdict").get_attribute("data-state") == "accepted"
    assert example.name in css(driver, "#verdict").text
    assert [td.text for td in css_all(driver, "#history tbody tr td:nth-child(3)")] == [example.name, note.name]
    quiet(driver, site, "nojs-3-accepted")

    driver.get(site.base + "/o/" + "x" * 32)
    assert css(driver, "p.notice.bad").text == t("portal.err.bad_link", "id")
    assert "BAPPEDA" not in driver.page_source
    assert [m for m in console(driver) if "403" not in m] == []
    shot(driver, site, "nojs-4-wrong-link")


def test_pages_in_english(chromium, site):
    """``?lang=en``: the OPD's page, its verdict with the findings as ``validate --lang en`` words them, and the
    DKIS login (the language is remembered) are in English."""
    driver = chromium
    example = EXAMPLES / "PBJ_Triwulan_III_2019.xlsx"
    cli = validated([example], "en")[example.name]
    assert {f["severity"] for f in cli} == {"warning"}
    driver.get(site.links["PBJ"] + "?lang=en")
    assert css(driver, "html").get_attribute("lang") == "en"
    assert [h.text for h in css_all(driver, "h2")] == [t("portal.opd.step1", "en"), t("portal.opd.step2", "en"),
                                                       t("verify.opd.heading", "en"), t("portal.opd.history", "en")]
    assert css(driver, "#template").text == t("portal.opd.template", "en")
    assert css(driver, "header .lang").text == t("portal.lang_switch", "en")
    assert css(driver, "header .lang").get_attribute("href") == site.links["PBJ"] + "?lang=id"
    assert t("portal.opd.days_left", "en", days=14) in css(driver, "#deadline").text
    quiet(driver, site, "en-1-opd-page")
    css(driver, "#file").send_keys(str(example))
    css(driver, "#upload button[type=submit]").click()
    result_page(driver)
    assert css(driver, "#verdict").get_attribute("data-state") == "accepted"
    assert t("portal.verdict.accepted", "en") in css(driver, "#verdict h2").text
    assert t("portal.result.accepted_warnings", "en", warnings=2) in css(driver, "#verdict").text
    assert shown_findings(driver) == expected_rows(cli, "en")
    assert css(driver, "section.send h2").text == t("portal.result.again", "en")
    quiet(driver, site, "en-2-result")
    driver.get(site.base + "/admin")
    assert css(driver, "h1").text == t("portal.login.title", "en")
    assert css(driver, "label[for=token]").text == t("portal.login.token", "en")
    quiet(driver, site, "en-3-login")
