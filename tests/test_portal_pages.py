"""Every page of the intake page for every user, in a real headless Chromium against a real server
(issue 18, points 8-11), in Indonesian and English.

A store made with ``portal init --zone WIB`` for a round whose deadline (10 October 2019) is years past;
through the JSON API BPKAD sends its example with mistakes, PBJ its example with warnings, BAPPEDA a PDF,
HUKUM a workbook without the monitoring sheet and DKIS HUKUM's report.  Then:

- 8: at 1280 px and at 390 px (a phone), every page (home, an OPD's page, a result with findings, a rejected
  result, the refusal of a wrong link, the login, DKIS's board, DKIS's page of an OPD, the confirmation of
  closing the round) passes axe-core 4.14.1 (vendored, ``tests/vendor/axe-core``) without a serious or critical
  violation and reads without sideways scrolling (neither the page nor anything in it is wider than the
  window); each page has its own title; the language link names its language; tabbing through a page, every
  control shows a focus ring of at least 3:1 against the background around it, and fields' borders reach 3:1;
  the "Ganti tautan" buttons name their OPD.  The pages are photographed at both widths (PNG files in the test's
  folder, and in SPBE_SHOTS when set).
- 9: DKIS sees why an OPD was rejected on the board, opens the OPD's page, reads each upload's verdict and
  findings, downloads the file as it was received and its feedback workbook; nothing without the session.
  Closing the round asks first, on a page of its own, and works without JavaScript.
- 10: dates with month names, upload times in the store's zone (WIB here), a deadline years past as a date.
- 11: a file that is not a workbook is told what it is and what to send instead, with the template to
  download and no feedback workbook; a clean file is offered no feedback workbook either.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import urllib.request
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser import (
    PHONE,
    axe_source,
    axe_violations,
    border_contrast,
    focus_rings,
    overflowing,
    png,
    set_width,
    wait_for_download,
)
from served import free_port
from test_portal_browser import (
    EXAMPLES,
    PERIOD,
    _env,
    _wait_until_up,
    console,
    corrected_copy,
    css,
    css_all,
    result_page,
    wait,
)

from spbe_excel.text import t
from spbe_excel.text.findings import title

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
DESKTOP = 1280
LANGS = ("id", "en")
WIB = dt.timezone(dt.timedelta(hours=7))
MONTHS = {"id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
                 "November", "Desember"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"]}
# a small PDF, as an OPD might send its report printed to PDF
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >>"
       b" endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n"
       b"%%EOF\n")
SERIOUS = ("serious", "critical")


@dataclass
class Store:
    base: str
    folder: Path
    links: dict[str, str]
    admin_token: str
    shots: Path
    sent: dict[str, dict]  # OPD -> the API's reply to its upload
    files: dict[str, bytes]  # OPD -> the bytes it sent
    init_output: str


def _word_document() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                          'package/2006/content-types"/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                                        'wordprocessingml/2006/main"><w:body/></w:document>')
    return buf.getvalue()


def _workbook_without_monitoring_sheet() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Anggaran"
    wb.active.append(["Kegiatan", "Pagu (Rp)"])
    wb.active.append(["Pemeliharaan server", 15_000_000])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def api_upload(base: str, link: str, name: str, data: bytes) -> dict:
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}",
               "Authorization": "Bearer " + link.rsplit("/", 1)[1]}
    request = urllib.request.Request(base + "/api/v1/submissions", data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as reply:
        assert reply.status == 201
        return json.load(reply)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Iterator[Store]:
    """A store for PERIOD with its deadline on 10 October 2019, its times in WIB, served on a free port; five
    uploads made through the API."""
    work = tmp_path_factory.mktemp("portal-pages")
    folder = work / "store"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    made = subprocess.run([sys.executable, "-m", "spbe_excel", "portal", "init", str(folder), "--period", PERIOD,
                           "--deadline", "2019-10-10", "--url", base, "--zone", "wib"], check=True,
                          capture_output=True, text=True, env=_env(), cwd=ROOT)
    with open(folder / "tautan-opd.csv", encoding="utf-8-sig", newline="") as f:
        links = {row["kode"]: row["tautan"] for row in csv.DictReader(f)}
    log = work / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "spbe_excel", "portal", "serve", str(folder), "--port",
                                   str(port)], stdout=out, stderr=subprocess.STDOUT, env=_env(), cwd=ROOT)
    try:
        _wait_until_up(base, server, log)
        files = {"BPKAD": ("BPKAD_Triwulan_III_2019.xlsx", (EXAMPLES / "BPKAD_Triwulan_III_2019.xlsx").read_bytes()),
                 "PBJ": ("PBJ_Triwulan_III_2019.xlsx", (EXAMPLES / "PBJ_Triwulan_III_2019.xlsx").read_bytes()),
                 "BAPPEDA": ("Laporan BAPPEDA TW III.pdf", PDF),
                 "HUKUM": ("Rekap anggaran.xlsx", _workbook_without_monitoring_sheet()),
                 "DKIS": ("HUKUM_draft.xlsx", (EXAMPLES / "HUKUM_draft.xlsx").read_bytes())}
        sent = {opd: api_upload(base, links[opd], name, data) for opd, (name, data) in files.items()}
        shots = work / "shots"
        shots.mkdir()
        yield Store(base, folder, links, (folder / "token-admin.txt").read_text().strip(), shots, sent,
                    {opd: data for opd, (_, data) in files.items()}, made.stdout)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


def shoot(driver, store: Store, name: str) -> Path:
    path = store.shots / f"{name}.png"
    path.write_bytes(png(driver))
    if os.environ.get("SPBE_SHOTS"):
        extra = Path(os.environ["SPBE_SHOTS"])
        extra.mkdir(parents=True, exist_ok=True)
        (extra / path.name).write_bytes(path.read_bytes())
    return path


def open_page(driver, url: str, lang: str) -> None:
    driver.get(url + ("&" if "?" in url else "?") + "lang=" + lang)


def log_in(driver, store: Store) -> None:
    from selenium.webdriver.common.keys import Keys

    driver.get(store.base + "/admin")
    css(driver, "#token").send_keys(store.admin_token + Keys.ENTER)
    wait(driver, lambda d: css_all(d, "#status"))


def when_text(at: str, lang: str, seconds: bool = True) -> str:
    """An upload time as a reader expects it, worked out here: its date with the month's name, in WIB."""
    local = dt.datetime.fromisoformat(at).astimezone(WIB)
    sep = "." if lang == "id" else ":"
    clock = f"{local.hour:02d}{sep}{local.minute:02d}" + (f"{sep}{local.second:02d}" if seconds else "")
    return f"{local.day} {MONTHS[lang][local.month - 1]} {local.year}, {clock} WIB"


# ---- 8: every page, every width, both languages ------------------------------------------------------------
def _check_page(driver, store: Store, name: str, lang: str, width: int, axe: str, found: dict) -> str:
    """axe-core, sideways scrolling, the language link and the console of the page shown; photographed. Its
    title."""
    problems = found.setdefault("problems", [])
    where = f"{name} ({lang}, {width} px)"
    violations = axe_violations(driver, axe)
    found.setdefault("axe", {})[(name, lang, width)] = violations
    problems += [f"{where}: axe {v['id']} ({v['impact']}): {v['help']}: {v['nodes'][:3]}" for v in violations
                 if v["impact"] in SERIOUS]
    problems += [f"{where}: {o}" for o in overflowing(driver)]
    other = "en" if lang == "id" else "id"
    switch = css(driver, "header a.lang")
    if (switch.get_attribute("lang"), switch.get_attribute("hreflang")) != (other, other) or \
            not switch.get_attribute("href").endswith("lang=" + other):
        problems.append(f"{where}: the language link does not name {other}")
    if css(driver, "html").get_attribute("lang") != lang:
        problems.append(f"{where}: <html lang> is not {lang}")
    problems += [f"{where}: console: {m}" for m in console(driver) if not (name == "wrong-link" and "403" in m)]
    shoot(driver, store, f"{name}-{lang}-{width}")
    return driver.title


def test_every_page_reads_on_a_phone_passes_axe_and_has_its_own_title(chromium, store):
    driver, axe = chromium, axe_source()
    bpkad, bappeda = store.links["BPKAD"], store.links["BAPPEDA"]
    public = {"home": store.base + "/", "opd": bpkad, "result": f"{bpkad}/kiriman/{store.sent['BPKAD']['id']}",
              "rejected": f"{bappeda}/kiriman/{store.sent['BAPPEDA']['id']}",
              "wrong-link": store.base + "/o/" + "x" * 32, "login": store.base + "/admin"}
    admin = {"admin": store.base + "/admin", "admin-opd-rejected": store.base + "/admin/opd/BAPPEDA",
             "admin-opd": store.base + "/admin/opd/BPKAD", "admin-close": store.base + "/admin/putaran/tutup"}
    found: dict = {}
    titles: dict[tuple[str, int], dict[str, str]] = {}
    for pages in (public, admin):
        if pages is admin:
            log_in(driver, store)
        for lang in LANGS:
            for width in (DESKTOP, PHONE):
                set_width(driver, width)
                for name, url in pages.items():
                    open_page(driver, url, lang)
                    titles.setdefault((lang, width), {})[name] = _check_page(driver, store, name, lang, width, axe,
                                                                            found)
    counts = {key: len(v) for key, v in found["axe"].items() if v}
    print("\naxe-core violations (any impact) per page:", counts or "none")
    assert found["problems"] == []
    for (lang, _width), shown in titles.items():
        assert len(set(shown.values())) == len(shown), shown  # each page its own title
        assert all(t("portal.title", lang) in title for title in shown.values()), shown
    assert titles[("id", DESKTOP)]["opd"] == t("portal.page_title", "id",
                                               page=t("portal.opd.page_title", "id", code="BPKAD", period=PERIOD))


def test_focus_rings_and_field_borders_reach_3_to_1_and_each_replace_button_names_its_opd(chromium, store):
    driver = chromium
    set_width(driver, DESKTOP)
    bpkad = store.links["BPKAD"]
    pages = {"opd": bpkad, "result": f"{bpkad}/kiriman/{store.sent['BPKAD']['id']}", "login": store.base + "/admin"}
    weak = []
    for lang in LANGS:
        for name, url in pages.items():
            open_page(driver, url, lang)
            rings = focus_rings(driver)
            assert len(rings) >= 3, (name, rings)  # the language link, the page's links and buttons
            weak += [(name, lang, r) for r in rings if r["style"] == "none" or r["width"] < 2 or r["contrast"] < 3]
    # the fields: the admin token's box and the drop zone of the upload form
    open_page(driver, store.base + "/admin", "id")
    token = border_contrast(driver, css(driver, "#token"))
    assert token["width"] >= 1 and token["style"] == "solid" and min(token["inside"], token["outside"]) >= 3, token
    open_page(driver, bpkad, "id")
    drop = border_contrast(driver, css(driver, "label.drop"))
    assert drop["width"] >= 1 and min(drop["inside"], drop["outside"]) >= 3, drop
    log_in(driver, store)
    for lang in LANGS:
        open_page(driver, store.base + "/admin", lang)
        buttons = {row.get_attribute("data-opd"): row.find_element("css selector", "td.act button")
                   for row in css_all(driver, "#status tbody tr")}
        assert len(buttons) == 10
        for code, button in buttons.items():
            assert button.text == t("portal.admin.replace", lang)
            assert button.accessible_name == t("portal.admin.replace_named", lang, code=code)
        for name, url in {"admin": store.base + "/admin", "admin-opd": store.base + "/admin/opd/BPKAD"}.items():
            open_page(driver, url, lang)
            rings = focus_rings(driver)
            assert len(rings) >= 3, (name, rings)
            weak += [(name, lang, r) for r in rings if r["style"] == "none" or r["width"] < 2 or r["contrast"] < 3]
    assert weak == []


def test_a_replaced_link_is_shown_to_pass_on_and_its_button_copies_it(chromium, store):
    """After DKIS replaces a link, the new one is in a field of its own (selectable without the script) with a
    button that copies it; the page still reads on a phone and passes axe."""
    import httpx

    driver, axe = chromium, axe_source()
    allowed = ["clipboardReadWrite", "clipboardSanitizedWrite"]
    driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": store.base, "permissions": allowed})
    log_in(driver, store)
    for lang in LANGS:
        old = store.links["DUKCAPIL"]
        set_width(driver, DESKTOP)
        open_page(driver, store.base + "/admin", lang)
        css(driver, '#status tr[data-opd="DUKCAPIL"] td.act button').click()
        driver.switch_to.alert.accept()  # the confirmation
        wait(driver, lambda d: css_all(d, "#new-link-url"))
        with open(store.folder / "tautan-opd.csv", encoding="utf-8-sig", newline="") as f:
            store.links.update({row["kode"]: row["tautan"] for row in csv.DictReader(f)})
        new = store.links["DUKCAPIL"]
        field, button = css(driver, "#new-link-url"), css(driver, "#new-link button[data-copy]")
        assert new != old and field.get_attribute("value") == new and field.get_attribute("readonly") is not None
        assert css(driver, "label[for=new-link-url]").text == t("portal.admin.new_link_label", lang, code="DUKCAPIL")
        assert httpx.get(old).status_code == 403 and httpx.get(new).status_code == 200
        assert button.is_displayed() and button.text == t("portal.admin.copy", lang)
        button.click()
        said = t("portal.admin.copied", lang)
        wait(driver, lambda d, said=said: css(d, "#new-link .copied").text == said)
        copied = driver.execute_async_script("var done = arguments[arguments.length - 1]; navigator.clipboard"
                                             ".readText().then(done, function (e) { done('! ' + e); });")
        assert copied == new
        shoot(driver, store, f"new-link-{lang}")
        set_width(driver, PHONE)
        assert overflowing(driver) == []
        assert [v["id"] for v in axe_violations(driver, axe) if v["impact"] in SERIOUS] == []
        shoot(driver, store, f"new-link-{lang}-phone")
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    driver.refresh()  # without the script: the field, no button that does nothing
    assert css(driver, "#new-link-url").get_attribute("value") == store.links["DUKCAPIL"]
    assert not css(driver, "#new-link button[data-copy]").is_displayed()


# ---- 9: DKIS sees why -----------------------------------------------------------------------------------------
def test_dkis_sees_why_an_opd_was_rejected_and_downloads_its_uploads(chromium, store):
    import openpyxl

    driver, downloads = chromium, chromium.download_dir
    bappeda, bpkad = store.sent["BAPPEDA"], store.sent["BPKAD"]
    # without the admin session, an OPD's page and its files show the login page
    for path in ("/admin/opd/BAPPEDA", f"/admin/opd/BAPPEDA/kiriman/{bappeda['id']}/berkas"):
        driver.get(store.base + path)
        assert css(driver, "h1").text == t("portal.login.title", "id")
    assert list(downloads.iterdir()) == []

    log_in(driver, store)
    rows = {r.get_attribute("data-opd"): r for r in css_all(driver, "#status tbody tr")}
    why = {code: r.find_elements("css selector", ".why") for code, r in rows.items()}
    assert why["BAPPEDA"][0].text == t("portal.why.not_workbook", "id", what=t("what.pdf", "id"))
    assert why["DKIS"][0].text == t("portal.why.other_opd", "id", found="HUKUM")
    assert why["HUKUM"][0].text == title("sheet-not-found", "id") == "Lembar monev tidak ditemukan"
    assert why["BPKAD"] == [] and why["PBJ"] == []
    # a rejected OPD's count is its upload's, not "0"; an OPD that sent nothing has no counts
    assert [td.text for td in rows["BAPPEDA"].find_elements("css selector", "td.num")] == ["1", "0"]
    assert [td.text for td in rows["BKPSDM"].find_elements("css selector", "td.num")] == ["-", "-"]

    rows["BAPPEDA"].find_element("css selector", "a.opd-link").click()
    wait(driver, lambda d: d.current_url.endswith("/admin/opd/BAPPEDA"))
    assert css(driver, "h1").text == "Badan Perencanaan Pembangunan Daerah (BAPPEDA)"
    [section] = css_all(driver, "section.upload")
    assert section.get_attribute("data-upload") == str(bappeda["id"])
    assert section.get_attribute("data-state") == "rejected"
    notice = section.find_element("css selector", "p.notice").text
    assert notice == t("portal.result.not_workbook", "id", what=t("what.pdf", "id"))
    assert when_text(bappeda["received_at"], "id") in section.text
    assert "Laporan BAPPEDA TW III.pdf" in section.text and bappeda["sha256"] in section.text
    shown = [td.text for td in section.find_elements("css selector", "table.findings td.what")]
    assert shown == [f"{f['code']} {f['message']}" for f in bappeda["findings"]]
    assert [a.text for a in section.find_elements("css selector", "a.button")] == [
        t("portal.admin.download_file", "id", id=bappeda["id"])]  # no feedback workbook: nothing to correct
    section.find_element("css selector", "a.button").click()
    assert bappeda["file_name"] == "Laporan BAPPEDA TW III.pdf"
    assert wait_for_download(downloads, bappeda["file_name"]).read_bytes() == store.files["BAPPEDA"]

    # BPKAD's upload with mistakes: its findings, its file and its feedback workbook, in English
    open_page(driver, store.base + "/admin/opd/BPKAD", "en")
    section = css(driver, f"#kiriman-{bpkad['id']}")
    assert section.find_element("css selector", "p.notice").text == t("portal.result.accepted_errors", "en", errors=2)
    assert len(section.find_elements("css selector", "table.findings tbody tr")) == len(bpkad["findings"]) == 3
    buttons = {a.text: a for a in section.find_elements("css selector", "a.button")}
    assert list(buttons) == [t("portal.admin.download_file", "en", id=bpkad["id"]),
                             t("portal.admin.download_feedback", "en", id=bpkad["id"])]
    buttons[t("portal.admin.download_feedback", "en", id=bpkad["id"])].click()
    feedback = wait_for_download(downloads, f"feedback-BPKAD-{bpkad['id']}.xlsx", timeout=30)
    book = openpyxl.load_workbook(feedback)
    assert {r[0]: r[1] for r in book["spbe_meta"].iter_rows(values_only=True)}["opd"] == "BPKAD"
    for f in bpkad["findings"]:  # marked at their cells (the findings in Indonesian, the workbook in English)
        assert book["Monitoring"][f["cell"]].comment is not None, f["cell"]
    buttons[t("portal.admin.download_file", "en", id=bpkad["id"])].click()
    assert wait_for_download(downloads, "BPKAD_Triwulan_III_2019.xlsx").read_bytes() == store.files["BPKAD"]

    # every download is in the audit log, as DKIS's
    request = urllib.request.Request(store.base + "/admin/audit.csv",
                                     headers={"Authorization": f"Bearer {store.admin_token}"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        audit = list(csv.DictReader(io.StringIO(reply.read().decode("utf-8-sig"))))
    done = {(r["actor"], r["action"], r["detail"], r["sha256"]) for r in audit}
    assert ("admin", "download-upload", f"#{bappeda['id']}", bappeda["sha256"]) in done
    assert ("admin", "download-upload", f"#{bpkad['id']}", bpkad["sha256"]) in done
    assert ("admin", "download-feedback", f"#{bpkad['id']}", bpkad["sha256"]) in done
    # an upload is downloaded only under its own OPD's address
    driver.get(store.base + f"/admin/opd/PBJ/kiriman/{bpkad['id']}/berkas")
    assert css(driver, "p.notice.bad").text == t("portal.err.not_found", "en")  # English is remembered


def test_closing_the_round_asks_first_and_works_without_javascript(chromium, store):
    driver = chromium
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    log_in(driver, store)
    css(driver, "#close-round").click()
    wait(driver, lambda d: d.current_url.endswith("/admin/putaran/tutup"))
    assert css(driver, "h1").text == t("portal.admin.close_title", "id", period=PERIOD)
    not_counted = ["BAPPEDA", "BKPSDM", "DISNAKER", "DKIS", "DPMPTSP", "DUKCAPIL", "HUKUM", "ORGANISASI"]
    assert css(driver, "#pending").text == t("portal.admin.close_pending", "id", n=8, codes=", ".join(not_counted))
    shoot(driver, store, "close-confirm-nojs")
    driver.find_element("link text", t("portal.admin.cancel", "id")).click()  # changes nothing
    wait(driver, lambda d: css_all(d, "#status"))
    assert css_all(driver, "#close-round") and t("portal.admin.round_open", "id") in css(driver, "#round").text

    css(driver, "#close-round").click()
    wait(driver, lambda d: css_all(d, "#close-form"))
    css(driver, "#close-form button[type=submit]").click()
    wait(driver, lambda d: css_all(d, "#status"))
    assert driver.current_url == store.base + "/admin"  # post, redirect, get: a reload closes nothing again
    assert t("portal.admin.round_closed", "id") in css(driver, "#round").text
    driver.get(store.links["PBJ"])
    assert css(driver, "p.notice.bad").text == t("portal.opd.closed", "id", period=PERIOD)
    driver.get(store.base + "/admin/putaran/tutup")  # nothing to confirm in a closed round
    assert driver.current_url == store.base + "/admin"
    css(driver, "#round button[value=reopen]").click()  # reopening asks nothing
    wait(driver, lambda d: css_all(d, "#close-round"))


# ---- 10: dates -----------------------------------------------------------------------------------------------
def test_dates_have_month_names_times_their_zone_and_an_old_deadline_is_a_date(chromium, store):
    driver = chromium
    bpkad = store.sent["BPKAD"]
    assert "WIB (UTC+7)" in store.init_output
    assert json.loads((store.folder / "portal.json").read_text())["zone"] == "WIB"
    for lang, deadline in (("id", "10 Oktober 2019 (sudah lewat)"), ("en", "10 October 2019 (passed)")):
        open_page(driver, f"{store.links['BPKAD']}/kiriman/{bpkad['id']}", lang)
        assert css(driver, "#deadline").text == deadline
        assert css(driver, "#deadline time").get_attribute("datetime") == "2019-10-10"
        assert when_text(bpkad["received_at"], lang) in css(driver, "#verdict").text
        row = css(driver, f'#history tr[data-upload="{bpkad["id"]}"]')
        cell = row.find_element("css selector", "td.when time")
        assert cell.text == when_text(bpkad["received_at"], lang)
        assert dt.datetime.fromisoformat(cell.get_attribute("datetime")) == dt.datetime.fromisoformat(
            bpkad["received_at"])
        assert not re.search(r"\d{2}-\d{2}-\d{4}", driver.find_element("css selector", "main").text)
    log_in(driver, store)
    for lang in LANGS:
        open_page(driver, store.base + "/admin", lang)
        last = css(driver, 'tr[data-opd="BPKAD"] td.when').text
        assert last == when_text(bpkad["received_at"], lang, seconds=False)


# ---- 11: a file that is not a workbook -------------------------------------------------------------------------
def test_a_file_that_is_not_a_workbook_is_told_what_it_is_and_what_to_send(chromium, store, tmp_path):
    import openpyxl

    driver, downloads = chromium, chromium.download_dir
    open_page(driver, f"{store.links['BAPPEDA']}/kiriman/{store.sent['BAPPEDA']['id']}", "id")
    assert css(driver, "#verdict").get_attribute("data-state") == "rejected"
    assert css(driver, "#verdict-notice").text == t("portal.result.not_workbook", "id", what="dokumen PDF")
    assert css_all(driver, "#feedback") == []  # nothing in it to correct: no feedback workbook
    assert css(driver, "#send-template").text == t("portal.result.template", "id")
    css(driver, "#send-template").click()
    template = openpyxl.load_workbook(wait_for_download(downloads, "BAPPEDA_Triwulan_III_2019.xlsx"))
    meta = {r[0]: r[1] for r in template["spbe_meta"].iter_rows(values_only=True)}
    assert (meta["opd"], meta["period"]) == ("BAPPEDA", PERIOD)

    # in English, a Word document chosen with the file dialog
    word = tmp_path / "Laporan monev BKPSDM.docx"
    word.write_bytes(_word_document())
    open_page(driver, store.links["BKPSDM"], "en")
    css(driver, "#file").send_keys(str(word))
    css(driver, "#upload button[type=submit]").click()
    result_page(driver)
    assert css(driver, "#verdict-notice").text == t("portal.result.not_workbook", "en", what="a Word document")
    assert css_all(driver, "#feedback") == [] and css_all(driver, "#send-template")
    set_width(driver, PHONE)
    assert overflowing(driver) == []
    shoot(driver, store, "not-a-workbook-en-390")
    set_width(driver, DESKTOP)

    # a workbook without the monitoring sheet is told to send the template too
    open_page(driver, f"{store.links['HUKUM']}/kiriman/{store.sent['HUKUM']['id']}", "en")
    assert css(driver, "#verdict-notice").text == t("portal.result.no_sheet", "en")
    assert css_all(driver, "#feedback") == [] and css_all(driver, "#send-template")

    # a clean file: accepted, nothing to correct, no feedback workbook; one with mistakes gets one
    clean = corrected_copy(EXAMPLES / "BPKAD_Triwulan_III_2019.xlsx", tmp_path / "BPKAD_perbaikan.xlsx")
    open_page(driver, store.links["BPKAD"], "id")
    css(driver, "#file").send_keys(str(clean))
    css(driver, "#upload button[type=submit]").click()
    result_page(driver)
    assert css(driver, "#verdict-notice").text == t("portal.result.accepted", "id")
    assert css_all(driver, "#feedback") == [] and css_all(driver, "#send-template") == []
    open_page(driver, f"{store.links['BPKAD']}/kiriman/{store.sent['BPKAD']['id']}", "id")
    assert css(driver, "#feedback").text == t("portal.result.feedback", "id")
