"""Issue 19's "done when", in a real headless Chromium against a real ``portal serve``: DKIS's OPD attaches evidence
to two of its actions; DKIS marks one *Sesuai* and returns the other with a comment; the OPD reads the comment on its
page and in its feedback workbook, replaces the file, and the returned claim is unverified again; the verified
estimate moved by exactly the indicator's weight x (level - baseline) / 100; the evidence pack's layout and index
workbook are read back.  The new pages pass axe-core without a serious or critical violation and are photographed
at a desktop's and a phone's width."""

from __future__ import annotations

import io
import json
import re
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import openpyxl
import pytest
from browser import PHONE, axe_source, axe_violations, overflowing, set_width
from selenium.common.exceptions import WebDriverException
from test_portal_browser import (
    EXAMPLES,
    Site,
    css,
    css_all,
    quiet,
    site,  # noqa: F401 (the fixture: a served store)
    wait,
)

from spbe_excel import pipeline
from spbe_excel.text import t

pytestmark = pytest.mark.browser

SHEET = EXAMPLES / "DKIS_Triwulan_III_2019.xlsx"
NOTE = "Perwali belum ditandatangani Wali Kota; lampirkan salinan yang sudah diundangkan."


def _pdf(path: Path, text: str) -> Path:
    path.write_bytes(b"%PDF-1.4\n1 0 obj<</Title(" + text.encode() + b")>>endobj\ntrailer<<>>\n%%EOF\n")
    return path


def _get(at: Site, path: str, token: str | None = None) -> bytes:
    request = urllib.request.Request(at.base + path if path.startswith("/") else path)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=60) as reply:
        return reply.read()


def _upload(at: Site, opd: str, path: Path) -> None:
    boundary = "----spbe"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{path.name}\"\r\n\r\n"
            .encode() + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode())
    token = at.links[opd].rsplit("/o/", 1)[1]
    request = urllib.request.Request(at.base + "/api/v1/submissions", data=body, method="POST", headers={
        "Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=120) as reply:
        assert reply.status == 201


def _index(at: Site) -> dict:
    return json.loads(_get(at, "/api/v1/status", at.admin_token))["index"]


def _attach(driver, action: str, number: str, title: str, path: Path) -> None:
    anchor = "aksi-" + action.replace(".", "-")
    css(driver, f"#{anchor} details.attach summary").click()
    css(driver, f"#{anchor}-number").send_keys(number)
    css(driver, f"#{anchor}-title-field").send_keys(title)
    css(driver, f"#{anchor}-file").send_keys(str(path))
    _submit(driver, css(driver, f"#{anchor} details.attach button[type=submit]"))


def _submit(driver, button) -> None:
    """Click a form's button and wait for the page it leads to: the page it was on may show ``#done`` too (the
    last change's), so the wait is for that page to be gone first."""
    driver.execute_script("window.spbeOldPage = true;")  # gone with the document once the next page loads
    button.click()

    def arrived(d) -> bool:
        try:  # asked while the page changes, the browser may answer with an error: not there yet
            return not d.execute_script("return window.spbeOldPage === true;") and bool(css_all(d, "#done"))
        except WebDriverException:
            return False

    wait(driver, arrived)


def _verify(driver, action: str, verdict: str, by: str, note: str = "") -> None:
    anchor = "klaim-" + action.replace(".", "-")
    css(driver, f"#{anchor} input[name=verdict][value={verdict}]").click()
    if note:
        css(driver, f"#{anchor}-note").send_keys(note)
    field = css(driver, f"#{anchor}-by")
    field.clear()
    field.send_keys(by)
    _submit(driver, css(driver, f"#{anchor} form.verify button[type=submit]"))


def _checked(driver, at: Site, name: str, axe: str) -> None:
    """axe-core without a serious or critical violation, nothing wider than the window, at a desktop's and a
    phone's width, each photographed."""
    for width in (1280, PHONE):
        set_width(driver, width)
        driver.refresh()
        bad = [v for v in axe_violations(driver, axe) if v["impact"] in ("serious", "critical")]
        assert bad == [], (name, width, bad)
        assert overflowing(driver) == [], (name, width)
        quiet(driver, at, f"{name}-{width}")
    set_width(driver, 1280)


def test_evidence_verification_return_replacement_and_the_pack(chromium, site, tmp_path):  # noqa: F811
    driver, axe = chromium, axe_source()
    master = pipeline.load_plan()
    _upload(site, "DKIS", SHEET)
    link = site.links["DKIS"]
    driver.get(link + "/bukti")
    _attach(driver, "1", "188.45/21/HK/2019", "Perwali Tim Pengarah SPBE", _pdf(tmp_path / "perwali.pdf", "v1"))
    _attach(driver, "18", "", "Notulen rapat Tim Pengarah", _pdf(tmp_path / "notulen.pdf", "notulen"))
    rows = css_all(driver, "table.evidence tbody tr")
    assert len(rows) == 2 and all(re.search(r"\b[0-9a-f]{64}\b", r.text) for r in rows)
    _checked(driver, site, "evidence-opd", axe)

    # DKIS logs in and verifies on its page of the OPD
    driver.get(site.base + "/admin")
    css(driver, "#token").send_keys(site.admin_token)
    css(driver, "#token").submit()
    wait(driver, lambda d: css_all(d, "#status"))
    for key in ("portal.admin.index_base", "portal.admin.index_est", "portal.admin.index_ver"):
        assert t(key, "id") in css(driver, "#figures").text
    before = _index(site)
    driver.get(site.base + "/admin/opd/DKIS")
    _verify(driver, "18", "verified", "Ayu (DKIS)")
    _verify(driver, "1", "needs_correction", "Budi (DKIS)", NOTE)
    after = _index(site)
    ind = master.by_action["18"]
    assert after["verified"] - before["verified"] == pytest.approx(ind.weight * (2 - ind.baseline_level) / 100,
                                                                   abs=1e-9)
    assert css(driver, "#klaim-18").get_attribute("data-state") == "verified"
    assert css(driver, "#klaim-1").get_attribute("data-state") == "needs_correction"
    _checked(driver, site, "verify-admin", axe)

    # the OPD reads what DKIS returned: on its page, and in its feedback workbook
    driver.get(link)
    assert NOTE in css(driver, "#returned").text
    _checked(driver, site, "opd-returned", axe)
    upload_id = re.search(r"/kiriman/(\d+)", css(driver, "#history a").get_attribute("href"))[1]
    book = tmp_path / "umpan-balik.xlsx"
    book.write_bytes(_get(site, f"{link}/umpan-balik/{upload_id}.xlsx"))
    wb = openpyxl.load_workbook(book, read_only=True)
    assert any(NOTE in str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)

    # the OPD replaces the returned file: the claim is unverified again, the verified one holds
    driver.get(link + "/bukti")
    assert NOTE in css(driver, "#aksi-1 .standing").text
    css(driver, "#aksi-1 details.replace summary").click()
    replace = css(driver, "#aksi-1 details.replace input[type=file]")
    replace.send_keys(str(_pdf(tmp_path / "perwali-ttd.pdf", "v2 signed")))
    _submit(driver, css(driver, "#aksi-1 details.replace button[type=submit]"))
    assert css(driver, "#aksi-1 .standing").get_attribute("data-state") == "changed"
    assert css(driver, "#aksi-18 .standing").get_attribute("data-state") == "verified"
    driver.get(site.base + "/admin/opd/DKIS")
    assert css(driver, "#klaim-1").get_attribute("data-state") == "changed"
    assert _index(site)["verified"] == after["verified"]  # action 1's claim was never Sesuai

    # the pack: a folder per indicator, the index workbook linking each file, with its verification
    pack = zipfile.ZipFile(io.BytesIO(_get(site, "/admin/bukti.zip", site.admin_token)))
    names = pack.namelist()
    folders = [n for n in names if n.endswith("/")]
    assert len(folders) == len(master.indicators)
    files = sorted(n for n in names if not n.endswith("/") and "/" in n)
    assert len(files) == 2
    index_name = next(n for n in names if "/" not in n)
    ws = openpyxl.load_workbook(io.BytesIO(pack.read(index_name))).worksheets[0]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = next(i for i, r in enumerate(rows) if r[0] == t("evidence.pack.col.no", "id"))
    by_action = {r[2]: r for r in rows[head + 1:]}
    assert by_action["18"][10] == t("evidence.verdict.verified", "id") and by_action["18"][11] == "Ayu (DKIS)"
    assert by_action["1"][10] == t("evidence.verdict.none", "id") and by_action["1"][5] == "Perwali Tim Pengarah SPBE"
    for r, row in enumerate(rows[head + 1:], head + 2):
        target = urllib.parse.unquote(ws.cell(r, 7).hyperlink.target).replace("\\", "/")
        assert target == row[6] and target in files
        assert target.startswith(f"{row[0]:02d} ")
        assert pack.read(target).startswith(b"%PDF-")
    assert b"v2 signed" in pack.read(by_action["1"][6])  # the replacement, not the file it replaced
