"""Evidence files and DKIS's verification on the intake page (issue 19), through the application itself
(starlette's TestClient) on SQLite and on a real PostgreSQL server: files recognised by content, bounded while they
stream, counted in the quota, downloaded as attachments by their OPD and by DKIS only; DKIS's verifications kept
with the row's fingerprint, undone by a changed row or a replaced file, reaching the index, the consolidated and
the feedback workbooks; the audit log; the evidence pack and ``spbe-excel evidence pack``."""

from __future__ import annotations

import hashlib
import io
import re
import sqlite3
import subprocess
import sys
import urllib.parse
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest

pytest.importorskip("starlette")
pytest.importorskip("sqlalchemy")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from spbe_excel import pipeline
from spbe_excel.portal.app import create_app
from spbe_excel.portal.setup import init
from spbe_excel.portal.web import MB, Settings
from spbe_excel.text import t

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "triwulan-iii"
PERIOD = "Triwulan III 2019"
SHEET = EXAMPLES / "DKIS_Triwulan_III_2019.xlsx"


def pdf(text: str = "SK", size: int = 0) -> bytes:
    """A small PDF (``size``: padded to about that many bytes)."""
    body = b"%PDF-1.4\n1 0 obj<</Title(" + text.encode() + b")>>endobj\n"
    pad = b"%" + b"x" * max(0, size - len(body) - 40) + b"\n" if size else b""
    return body + pad + b"trailer<<>>\n%%EOF\n"


def links(folder: Path) -> dict[str, str]:
    import csv

    with open(folder / "tautan-opd.csv", encoding="utf-8-sig", newline="") as fh:
        return {r["kode"]: r["tautan"].rsplit("/o/", 1)[1] for r in csv.DictReader(fh)}


def login(c: TestClient, folder: Path) -> str:
    page = c.get("/admin")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)[1]
    c.post("/admin/login", data={"csrf": csrf, "token": (folder / "token-admin.txt").read_text().strip()})
    return re.search(r'name="csrf" value="([^"]+)"', c.get("/admin").text)[1]


def send_sheet(c: TestClient, token: str, path: Path) -> None:
    with open(path, "rb") as fh:
        r = c.post("/api/v1/submissions", headers={"Authorization": f"Bearer {token}"},
                   files={"file": (path.name, fh, "application/octet-stream")})
    assert r.status_code == 201, r.text


def attach(c: TestClient, token: str, action: str, data: bytes, name: str = "sk.pdf", title: str = "SK Tim",
           number: str = "005/12/2019", replaces: int | None = None):
    fields = {"action": action, "number": number, "title": title}
    if replaces:
        fields["replaces"] = str(replaces)
    return c.post(f"/o/{token}/bukti", data=fields, files={"file": (name, data, "application/octet-stream")},
                  follow_redirects=False)


def verify_form(page: str, action: str) -> dict[str, str]:
    form = re.search(r'<form class="verify"[^>]*>(?:(?!</form>).)*name="action" value="' + re.escape(action)
                     + r'".*?</form>', page, re.S)
    assert form, action
    return dict(re.findall(r'name="(csrf|action|fingerprint|files)" value="([^"]*)"', form[0]))


def index_figures(page: str) -> dict[str, str]:
    return dict(re.findall(r'id="index-(base|est|ver)">([^<]*)', page))


def audit(folder: Path) -> list[tuple]:
    with sqlite3.connect(folder / "portal.db") as con:
        return con.execute("select actor, action, detail, sha256 from audit order by id").fetchall()


@pytest.fixture(params=["sqlite", "postgresql"])
def folder(request, tmp_path) -> Path:
    store = tmp_path / "portal"
    if request.param == "postgresql":
        url = request.getfixturevalue("fresh_postgres_url")
        init(store, PERIOD, db=url)
    else:
        init(store, PERIOD)
    return store


def test_evidence_stays_with_its_action_is_downloaded_as_an_attachment_and_never_by_another_opd(folder):
    with TestClient(create_app(folder, Settings())) as c:
        dkis, pbj = links(folder)["DKIS"], links(folder)["PBJ"]
        send_sheet(c, dkis, SHEET)
        data = pdf("Perwali 21")
        r = attach(c, dkis, "1", data, name="perwali.pdf", title="Perwali Tim Pengarah")
        assert r.status_code == 303 and "dilampirkan=" in r.headers["location"]
        item = int(re.search(r"dilampirkan=(\d+)", r.headers["location"])[1])
        page = c.get(f"/o/{dkis}/bukti").text
        assert hashlib.sha256(data).hexdigest() in page and "Perwali Tim Pengarah" in page
        got = c.get(f"/o/{dkis}/bukti/{item}/berkas")
        assert got.status_code == 200 and got.content == data
        assert got.headers["content-type"] == "application/octet-stream"
        assert got.headers["content-disposition"].startswith("attachment;")
        assert got.headers["x-content-type-options"] == "nosniff"
        assert c.get(f"/o/{pbj}/bukti/{item}/berkas").status_code == 404  # another OPD's link: not found
        not_in = c.get(f"/admin/opd/PBJ/bukti/{item}/berkas", follow_redirects=False)
        assert not_in.status_code in (303, 403)  # not logged in
        send_sheet(c, dkis, SHEET)  # a later upload of the sheet: the file stays
        assert "Perwali Tim Pengarah" in c.get(f"/o/{dkis}/bukti").text
        login(c, folder)
        assert c.get(f"/admin/opd/DKIS/bukti/{item}/berkas").content == data
        assert c.get(f"/admin/opd/PBJ/bukti/{item}/berkas").status_code == 404  # named under the wrong OPD


def test_hostile_evidence_is_refused_by_content_and_while_it_streams(tmp_path):
    folder = tmp_path / "portal"
    init(folder, PERIOD)
    with TestClient(create_app(folder, Settings())) as c:
        dkis = links(folder)["DKIS"]
        exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"PE\x00\x00"
        r = attach(c, dkis, "1", exe, name="sk.pdf")
        assert r.status_code == 415 and 'id="refusal"' in r.text and ".pdf" in r.text
        assert attach(c, dkis, "1", b"<html><script>alert(1)</script></html>", name="a.html").status_code == 415
        assert attach(c, dkis, "999", pdf()).status_code == 422  # not one of the OPD's actions
        r = attach(c, dkis, "1", b"", name="kosong.pdf")  # said of the evidence, not of the report
        assert r.status_code == 400 and t("evidence.refused.empty", "id") in r.text

        def body():  # 21 MB, chunked: no Content-Length to refuse it by
            boundary = b"--b\r\n"
            yield boundary + b'Content-Disposition: form-data; name="action"\r\n\r\n1\r\n'
            yield boundary + b'Content-Disposition: form-data; name="title"\r\n\r\nBesar\r\n'
            yield boundary + b'Content-Disposition: form-data; name="file"; filename="big.pdf"\r\n\r\n%PDF-1.4\n'
            for _ in range(21):
                yield b"0" * MB
            yield b"\r\n--b--\r\n"

        r = c.post(f"/o/{dkis}/bukti", content=body(), headers={"Content-Type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413 and t("evidence.refused.too_large", "id", mb=20) in r.text
        assert "Besar" not in c.get(f"/o/{dkis}/bukti").text
        assert not list((folder / "blobs").rglob("*")) or all(p.stat().st_size < 21 * MB
                                                              for p in (folder / "blobs").rglob("*") if p.is_file())


def test_evidence_counts_in_the_quota(tmp_path):
    folder = tmp_path / "portal"
    init(folder, PERIOD)
    with TestClient(create_app(folder, Settings(quota=3 * MB))) as c:
        dkis = links(folder)["DKIS"]
        assert attach(c, dkis, "1", pdf("a", 2 * MB)).status_code == 303
        assert attach(c, dkis, "3", pdf("b", 2 * MB)).status_code == 303  # 2 MB stored: below the quota
        r = attach(c, dkis, "5", pdf("c", 1000))  # 4 MB stored, in evidence only: the quota is reached
        assert r.status_code == 413 and t("portal.err.quota", "id", mb=3, period=PERIOD) in r.text


def _monev_cell(path: Path, out: Path, cell: str, value: str) -> Path:
    wb = openpyxl.load_workbook(path)
    wb["Monev"][cell] = value
    wb.save(out)
    return out


def _notes_of(book: Path) -> str:
    wb = openpyxl.load_workbook(book, read_only=True)
    return "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)


def test_dkis_verifies_a_claim_and_a_changed_row_or_file_makes_it_unverified_again(folder, tmp_path):
    master = pipeline.load_plan()
    with TestClient(create_app(folder, Settings())) as c:
        dkis = links(folder)["DKIS"]
        send_sheet(c, dkis, SHEET)
        first = int(re.search(r"=(\d+)", attach(c, dkis, "1", pdf("one")).headers["location"])[1])
        attach(c, dkis, "18", pdf("eighteen"), title="Notulen rapat")
        login(c, folder)
        page = c.get("/admin/opd/DKIS").text
        before = index_figures(page)
        assert set(before) == {"base", "est", "ver"} and before["ver"] == before["base"]
        for key in ("portal.admin.index_base", "portal.admin.index_est", "portal.admin.index_ver"):
            assert t(key, "id") in page
        # a form without the session's CSRF token is refused
        bad = {**verify_form(page, "18"), "csrf": "x" * 32, "verdict": "verified"}
        assert c.post("/admin/opd/DKIS/verifikasi", data=bad).status_code == 403
        ok = c.post("/admin/opd/DKIS/verifikasi", data={**verify_form(page, "18"), "verdict": "verified",
                                                        "by": "Ayu"}, follow_redirects=False)
        assert ok.status_code == 303
        returned = {**verify_form(page, "1"), "verdict": "needs_correction", "by": "Budi",
                    "note": "Perwali belum ditandatangani"}
        assert c.post("/admin/opd/DKIS/verifikasi", data={**returned, "note": ""}).status_code == 422
        assert c.post("/admin/opd/DKIS/verifikasi", data=returned, follow_redirects=False).status_code == 303
        figures = c.get("/api/v1/status", headers={"Authorization": "Bearer " + (folder / "token-admin.txt")
                                                   .read_text().strip()}).json()["index"]
        ind = master.by_action["18"]
        assert figures["verified"] == pytest.approx(figures["baseline"] + ind.weight * (2 - ind.baseline_level) / 100,
                                                    abs=1e-9)
        assert figures["claims_verified"] == 1 and figures["claims_returned"] == 1
        # the OPD sees what DKIS returned, on its page and in its feedback workbook
        assert "Perwali belum ditandatangani" in c.get(f"/o/{dkis}").text
        assert "Perwali belum ditandatangani" in c.get(f"/o/{dkis}/bukti").text
        up = re.findall(r"/kiriman/(\d+)", c.get(f"/o/{dkis}").text)[0]
        book = tmp_path / "feedback.xlsx"
        book.write_bytes(c.get(f"/o/{dkis}/umpan-balik/{up}.xlsx").content)
        assert "Perwali belum ditandatangani" in _notes_of(book)
        # the consolidated workbook holds both verdicts
        rekap = tmp_path / "rekap.xlsx"
        rekap.write_bytes(c.get("/admin/rekap.xlsx").content)
        assert {v.action: v.verdict for v in pipeline.read_verifications(rekap, master) if v.opd == "DKIS"} == {
            "1": "needs_correction", "18": "verified"}
        # DKIS cannot verify what changed since its page showed it
        attach(c, dkis, "1", pdf("one, signed"), replaces=first)
        stale = c.post("/admin/opd/DKIS/verifikasi", data={**returned, "verdict": "verified"})
        assert stale.status_code == 409
        page = c.get("/admin/opd/DKIS").text
        assert re.search(r'data-action="1" data-state="changed"', page)
        assert re.search(r'data-action="18" data-state="verified"', page)
        # a sheet that changes the verified row's evidence cell: unverified again
        send_sheet(c, dkis, _monev_cell(SHEET, tmp_path / "DKIS.xlsx", "M11", "Draf revisi kedua 2019"))
        assert re.search(r'data-action="18" data-state="verified"', c.get("/admin/opd/DKIS").text)  # row 11 is 14
        wb = openpyxl.load_workbook(SHEET)
        row18 = next(r for r in range(6, 60) if str(wb["Monev"][f"A{r}"].value) == "18")
        send_sheet(c, dkis, _monev_cell(SHEET, tmp_path / "DKIS2.xlsx", f"M{row18}", "Notulen rapat 2019/2"))
        page = c.get("/admin/opd/DKIS").text
        assert re.search(r'data-action="18" data-state="changed"', page)
        assert index_figures(page)["ver"] == before["ver"]
    actions = [a[1] for a in audit(folder)] if not str(folder).startswith("postgres") and (
        folder / "portal.db").exists() else []
    if actions:
        for what in ("evidence-add", "evidence-replace", "evidence-replaced", "verify", "return"):
            assert what in actions, what
        verify_line = next(a for a in audit(folder) if a[1] == "verify")
        assert verify_line[0] == "admin" and len(verify_line[3]) == 64 and "Ayu" in verify_line[2]


def test_the_evidence_pack_is_the_same_bytes_from_the_page_and_the_command_line(tmp_path):
    folder = tmp_path / "portal"
    init(folder, PERIOD)
    with TestClient(create_app(folder, Settings())) as c:
        dkis, bappeda = links(folder)["DKIS"], links(folder)["BAPPEDA"]
        send_sheet(c, dkis, SHEET)
        assert attach(c, dkis, "1", pdf("one"), title="Perwali \u202efdp.exe").status_code == 422  # turned around
        attach(c, dkis, "1", pdf("one"), number="005/12/2019", title='CON: Perwali? <Tim> "a"|b*' + "x" * 250)
        attach(c, dkis, "18", pdf("two"), number="", title="Notulen rapat")
        attach(c, bappeda, "10", pdf("three"), number="050/1", title="Renstra")
        login(c, folder)
        first = c.get("/admin/bukti.zip")
        assert first.status_code == 200 and first.headers["content-disposition"].startswith("attachment;")
        second = c.get("/admin/bukti.zip")
    assert first.content == second.content
    out = tmp_path / "pack.zip"
    done = subprocess.run([sys.executable, "-m", "spbe_excel", "evidence", "pack", str(folder), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == first.content
    with zipfile.ZipFile(io.BytesIO(first.content)) as zf:
        names = zf.namelist()
        assert all(i.date_time == zf.infolist()[0].date_time or i.date_time[0] >= 1980 for i in zf.infolist())
        files = [n for n in names if not n.endswith("/") and "/" in n]
        assert len(files) == 3
        for n in names:
            for part in n.rstrip("/").split("/"):
                assert not re.search(r'[<>:"\\|?*\x00-\x1f]', part) and len(part) <= 90, n
                assert part.split(".")[0].strip().upper() not in {"CON", "PRN", "AUX", "NUL"}, n
        index_name = next(n for n in names if n.endswith(".xlsx") and "/" not in n)
        wb = openpyxl.load_workbook(io.BytesIO(zf.read(index_name)))
        ws = wb.worksheets[0]
        rows = [[c.value for c in r] for r in ws.iter_rows()]
        head = next(i for i, r in enumerate(rows) if r[0] == t("evidence.pack.col.no", "id"))
        body = rows[head + 1:]
        assert len(body) == 3
        for r, row in zip(range(head + 2, head + 2 + len(body)), body):
            link = ws.cell(r, 7).hyperlink
            assert link is not None
            target = urllib.parse.unquote(link.target).replace("\\", "/")  # relative, as Excel writes it
            assert target in names and target == row[6]  # the file inside the zip
            assert hashlib.sha256(zf.read(target)).hexdigest() == row[7]
            number, name = target.split("/")[0].split(" ", 1)
            assert int(number) == row[0] and name.startswith(row[1][:20])  # its indicator's number and name
            assert row[3] in ("DKIS", "BAPPEDA") and row[2] in ("1", "18", "10")
