"""The intake page's store, the same tests on SQLite (the default ``portal init``) and on a real PostgreSQL
(``portal init DIR --db URL``, a fresh database per test), through the application (starlette's
TestClient): uploads recorded with their verdicts, the latest upload that was not rejected counts, an
upload naming another OPD is kept but not counted, blobs kept as sent and never rewritten, rounds,
closing and reopening, replacing a link, the audit log, the status JSON and its index, and the
consolidated workbook identical to ``spbe-excel consolidate`` over the ``dihitung/`` folder of the zip of
uploads."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import time
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import ROOT

pytest.importorskip("starlette")
pytest.importorskip("sqlalchemy")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from spbe_excel.cli import cli
from spbe_excel.portal.app import create_app
from spbe_excel.text import t

EXAMPLES = ROOT / "examples" / "triwulan-iii"
PERIOD = "Triwulan III 2019"
NEXT_PERIOD = "Triwulan IV 2019"
GOOD = {  # OPD -> an example sheet of its own, and what reading it finds
    "BAPPEDA": "BAPPEDA_Triwulan_III_2019.xlsx",  # clean
    "BPKAD": "BPKAD_Triwulan_III_2019.xlsx",  # 2 errors
    "PBJ": "PBJ_Triwulan_III_2019.xlsx",  # 2 warnings
    "DISNAKER": "DISNAKER_Triwulan_III_2019.xls",
    "DPMPTSP": "DPMPTSP_Triwulan_III_2019.ods",
    "HUKUM": "HUKUM_Triwulan_III_2019.xlsx",
}
NOT_A_WORKBOOK = b"PK\x03\x04 this is not a workbook"
STATUS_KEYS = {"code", "name", "state", "last_upload", "errors", "warnings"}


def example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def portal_init(folder: Path, period: str, *extra: str):
    return CliRunner().invoke(cli, ["portal", "init", str(folder), "--period", period, *extra])


@dataclass
class Site:
    """A store made by ``portal init`` and the application serving it."""

    folder: Path
    client: TestClient
    admin: str
    links: dict[str, str]  # OPD code -> its link's token
    sent: list[dict] = field(default_factory=list)  # the 201 bodies, in order

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.admin}"}

    def upload(self, opd: str, name: str, data: bytes, token: str | None = None):
        r = self.client.post("/api/v1/submissions", headers={"Authorization": f"Bearer {token or self.links[opd]}"},
                             files={"file": (name, data, "application/octet-stream")})
        if r.status_code == 201:
            self.sent.append(r.json())
        return r

    def sent_ok(self, opd: str, name: str, data: bytes) -> dict:
        r = self.upload(opd, name, data)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["opd"] == opd and body["period"] == self.status()["period"]
        assert body["sha256"] == hashlib.sha256(data).hexdigest() and body["size"] == len(data)
        return body

    def status(self, round_id: int | None = None) -> dict:
        r = self.client.get("/api/v1/status" + (f"?putaran={round_id}" if round_id else ""), headers=self.bearer)
        assert r.status_code == 200, r.text
        return r.json()

    def by_opd(self, round_id: int | None = None) -> dict[str, dict]:
        return {o["code"]: o for o in self.status(round_id)["opds"]}

    def uploads_zip(self, round_id: int | None = None) -> zipfile.ZipFile:
        r = self.client.get("/admin/kiriman.zip" + (f"?putaran={round_id}" if round_id else ""),
                            headers=self.bearer)
        assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
        return zipfile.ZipFile(io.BytesIO(r.content))

    def listing(self, round_id: int | None = None) -> dict[int, dict]:
        """The zip's list of every upload of the round, by id (``counted`` is "1" for the counted ones)."""
        with self.uploads_zip(round_id) as zf:
            text = zf.read("daftar-kiriman.csv").decode("utf-8-sig")
        return {int(r["id"]): r for r in csv.DictReader(io.StringIO(text))}

    def login(self) -> str:
        """Log in through the form; the session's CSRF token."""
        page = self.client.get("/admin")
        login_csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        r = self.client.post("/admin/login", data={"csrf": login_csrf, "token": self.admin}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/admin"
        return self.csrf()

    def csrf(self) -> str:
        page = self.client.get("/admin")
        assert page.status_code == 200 and 'id="status"' in page.text
        return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)

    def audit(self) -> list[dict]:
        r = self.client.get("/admin/audit.csv", headers=self.bearer)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))


def read_links(folder: Path) -> dict[str, str]:
    with open(folder / "tautan-opd.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return {r[0]: r[2].rsplit("/o/", 1)[1] for r in rows[1:]}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def site(request, tmp_path):
    folder = tmp_path / "portal"
    extra = ["--db", request.getfixturevalue("fresh_postgres_url")] if request.param == "postgresql" else []
    done = portal_init(folder, PERIOD, *extra)
    assert done.exit_code == 0, done.output
    config = json.loads((folder / "portal.json").read_text())
    assert config["db"].startswith("sqlite:") == (request.param == "sqlite")
    assert (folder / "portal.db").exists() == (request.param == "sqlite")
    admin = (folder / "token-admin.txt").read_text().strip()
    assert admin in done.output
    with TestClient(create_app(folder)) as client:
        yield Site(folder, client, admin, read_links(folder))
        client.app.state.portal.store.dispose()  # the fresh database is dropped after the test


def blob(site: Site, sha256: str) -> Path:
    return site.folder / "blobs" / sha256[:2] / sha256


def all_blobs(site: Site) -> list[Path]:
    return sorted(p for p in (site.folder / "blobs").glob("*/*") if p.parent.name != "tmp")


# ---- uploads and what counts ---------------------------------------------------------------------------------
def test_uploads_of_several_opds_are_recorded_with_their_verdicts(site):
    expect = {  # OPD: state, counted, errors, warnings
        "BAPPEDA": ("accepted", True, 0, 0),
        "BPKAD": ("accepted", True, 2, 1),  # and its level claimed on a row with an error does not count
        "PBJ": ("accepted", True, 0, 2),
        "DISNAKER": ("accepted", True, 0, 0),
        "DPMPTSP": ("accepted", True, 0, 0),
    }
    bodies = {opd: site.sent_ok(opd, GOOD[opd], example(GOOD[opd])) for opd in expect}
    rejected = site.sent_ok("HUKUM", "kosong.xlsx", NOT_A_WORKBOOK)
    for opd, (state, counted, errors, warnings_) in expect.items():
        b = bodies[opd]
        assert (b["state"], b["counted"], b["errors"], b["warnings"]) == (state, counted, errors, warnings_), opd
        assert sum(f["severity"] == "error" for f in b["findings"]) == errors
        assert sum(f["severity"] == "warning" for f in b["findings"]) == warnings_
        assert all(f["file"] == GOOD[opd] for f in b["findings"])
    assert (rejected["state"], rejected["counted"], rejected["errors"]) == ("rejected", False, 1)
    assert [f["code"] for f in rejected["findings"]] == ["file-unreadable"]
    assert sorted(f["code"] for f in bodies["BPKAD"]["findings"]) == ["evidence-missing", "level-not-counted",
                                                                       "status-progress-mismatch"]

    # read back: the status and the list of uploads say what the 201s said
    status = site.by_opd()
    assert set(status) == set(site.links)  # every OPD of the plan, one row each
    assert {c: s["state"] for c, s in status.items()} == {
        "BAPPEDA": "accepted", "BPKAD": "accepted-with-errors", "PBJ": "accepted", "DISNAKER": "accepted",
        "DPMPTSP": "accepted", "HUKUM": "rejected", "DKIS": "missing", "ORGANISASI": "missing",
        "BKPSDM": "missing", "DUKCAPIL": "missing"}
    for body in site.sent:
        row = status[body["opd"]]
        assert row["last_upload"] == body["received_at"]
        assert (row["errors"], row["warnings"]) == (body["errors"], body["warnings"])
    assert status["DKIS"]["last_upload"] is None and status["DKIS"]["errors"] == 0
    listing = site.listing()
    assert sorted(listing) == sorted(b["id"] for b in site.sent)
    for body in site.sent:
        row = listing[body["id"]]
        assert (row["opd"], row["sha256"], row["state"], row["file_name"], int(row["size"])) == \
            (body["opd"], body["sha256"], body["state"], body["file_name"], body["size"])
        assert (int(row["errors"]), int(row["warnings"])) == (body["errors"], body["warnings"])
        assert row["counted"] == ("1" if body["counted"] else "0")


def counted_bytes(site: Site, opd: str) -> bytes | None:
    """The bytes the consolidated workbook counts for ``opd`` (the zip's ``laporan/dihitung/``), None when none."""
    with site.uploads_zip() as zf:
        names = [n for n in zf.namelist() if n.startswith(f"laporan/dihitung/{opd}.")]
        assert len(names) <= 1
        return zf.read(names[0]) if names else None


def test_the_latest_upload_that_was_not_rejected_counts(site):
    first = site.sent_ok("HUKUM", GOOD["HUKUM"], example(GOOD["HUKUM"]))
    assert first["state"] == "accepted" and first["counted"]
    bad = site.sent_ok("HUKUM", "HUKUM_rusak.xlsx", NOT_A_WORKBOOK)
    assert bad["state"] == "rejected" and not bad["counted"]
    # the accepted upload still counts; the status shows the last upload's time and the counted one's counts
    row = site.by_opd()["HUKUM"]
    assert row["state"] == "accepted" and row["last_upload"] == bad["received_at"] and row["errors"] == 0
    listing = site.listing()
    assert (listing[first["id"]]["counted"], listing[bad["id"]]["counted"]) == ("1", "0")
    assert counted_bytes(site, "HUKUM") == example(GOOD["HUKUM"])
    # a new accepted upload counts instead
    second = site.sent_ok("HUKUM", "HUKUM_draft.xlsx", example("HUKUM_draft.xlsx"))
    assert second["state"] == "accepted" and second["sha256"] != first["sha256"]
    listing = site.listing()
    assert [listing[u["id"]]["counted"] for u in (first, bad, second)] == ["0", "0", "1"]
    assert counted_bytes(site, "HUKUM") == example("HUKUM_draft.xlsx")
    assert site.by_opd()["HUKUM"]["state"] == "accepted"
    # an OPD whose only uploads were rejected is "rejected", and nothing of it is counted
    site.sent_ok("ORGANISASI", "x.xlsx", NOT_A_WORKBOOK + b"2")
    assert site.by_opd()["ORGANISASI"]["state"] == "rejected" and counted_bytes(site, "ORGANISASI") is None


def test_an_upload_naming_another_opd_is_kept_rejected_and_not_counted(site):
    data = example(GOOD["BAPPEDA"])
    body = site.sent_ok("DKIS", "laporan.xlsx", data)  # DKIS's link, BAPPEDA's sheet
    assert (body["opd"], body["state"], body["counted"]) == ("DKIS", "rejected", False)
    [mismatch] = body["findings"]  # only why: the rows read as DKIS's would all be "not assigned"
    assert (mismatch["code"], mismatch["params"]["found"], mismatch["file"]) == ("opd-mismatch", "BAPPEDA",
                                                                               "laporan.xlsx")
    assert "BAPPEDA" in mismatch["message"] and "DKIS" in mismatch["message"]
    assert blob(site, body["sha256"]).read_bytes() == data  # kept as received
    status = site.by_opd()
    assert status["DKIS"]["state"] == "rejected" and status["BAPPEDA"]["state"] == "missing"
    assert site.listing()[body["id"]]["counted"] == "0"
    assert counted_bytes(site, "DKIS") is None and counted_bytes(site, "BAPPEDA") is None
    # the consolidated workbook says what the board says: DKIS's file rejected (the other OPD's report), BAPPEDA
    # has sent nothing
    book = openpyxl.load_workbook(io.BytesIO(site.client.get("/api/v1/rekap.xlsx", headers=site.bearer).content))
    findings = [[c.value for c in row] for row in book["Temuan"].iter_rows(min_row=4, values_only=False)]
    by_code = {(r[2], r[3]) for r in findings}
    assert ("opd-mismatch", "DKIS") in by_code and ("submission-missing", "BAPPEDA") in by_code
    assert ("submission-missing", "DKIS") not in by_code
    page = site.client.get(f"/o/{site.links['DKIS']}/kiriman/{body['id']}")
    assert page.status_code == 200 and 'data-state="rejected"' in page.text
    assert site.client.get(f"/o/{site.links['BAPPEDA']}/kiriman/{body['id']}").status_code == 404


# ---- blobs ---------------------------------------------------------------------------------------------------
def test_blobs_are_kept_as_sent_by_their_sha256_once_and_never_rewritten(site):
    data = example(GOOD["PBJ"])
    first = site.sent_ok("PBJ", "../../PBJ laporan.xlsx", data)
    path = blob(site, first["sha256"])
    assert path.read_bytes() == data and hashlib.sha256(path.read_bytes()).hexdigest() == first["sha256"]
    assert first["file_name"] == "PBJ laporan.xlsx"  # the name shown; never a path
    assert not (site.folder.parent / "PBJ laporan.xlsx").exists()
    before = path.stat()
    assert before.st_mode & 0o222 == 0  # read-only
    time.sleep(0.05)
    second = site.sent_ok("PBJ", "PBJ lagi.xlsx", data)  # the same bytes again: a second upload, one blob
    assert second["id"] != first["id"] and second["sha256"] == first["sha256"]
    other = site.sent_ok("BAPPEDA", GOOD["BAPPEDA"], example(GOOD["BAPPEDA"]))
    assert all_blobs(site) == sorted([path, blob(site, other["sha256"])])
    listing = site.listing()
    assert listing[first["id"]]["sha256"] == listing[second["id"]]["sha256"] == first["sha256"]
    # reading, the feedback workbook, the zip and the consolidated workbook do not touch the blob either
    assert site.client.get(f"/api/v1/submissions/{second['id']}/feedback.xlsx",
                           headers={"Authorization": f"Bearer {site.links['PBJ']}"}).status_code == 200
    assert site.client.get("/api/v1/rekap.xlsx", headers=site.bearer).status_code == 200
    with site.uploads_zip() as zf:
        kept = [n for n in zf.namelist() if n.startswith("semua/PBJ/")]
        assert len(kept) == 2 and all(zf.read(n) == data for n in kept)
        assert zf.read("laporan/dihitung/PBJ.xlsx") == data
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size, after.st_mode) == \
        (before.st_ino, before.st_mtime_ns, before.st_size, before.st_mode)
    assert path.read_bytes() == data
    assert not list((site.folder / "blobs" / "tmp").iterdir())  # no temporary file left behind


def test_a_blob_is_hashed_while_copied_and_a_copy_that_fails_leaves_nothing(tmp_path):
    """An upload goes from where the multipart parser put it into the store in one pass (hashed while copied):
    the blob is the bytes sent, under their SHA-256, read-only; a copy cut midway leaves no temporary file
    and no blob."""
    from spbe_excel.portal.blobs import BlobStore

    blobs = BlobStore(tmp_path / "blobs")
    data = os.urandom(300_000)

    class CutMidway(io.BytesIO):
        def read(self, n=-1):
            if self.tell() >= 100_000:
                raise OSError("the disk went away")
            return super().read(n)

    with pytest.raises(OSError, match="went away"):
        blobs.keep_stream(CutMidway(data))
    assert list(blobs.tmp.iterdir()) == [] and not blobs.has(hashlib.sha256(data).hexdigest())
    source = io.BytesIO(data)
    source.seek(12345)  # read from its start whatever was read of it before
    sha, size = blobs.keep_stream(source)
    assert (sha, size) == (hashlib.sha256(data).hexdigest(), len(data))
    assert blobs.path(sha).read_bytes() == data and blobs.path(sha).stat().st_mode & 0o777 == 0o440
    assert list(blobs.tmp.iterdir()) == []


def test_a_name_of_letters_without_an_ascii_form_keeps_its_suffix(site):
    """Found by a new user: an upload named in Arabic or Cyrillic letters was listed as "xls" (its suffix taken
    for its name), and read under a name without a suffix.  Its suffix stays; the name becomes "kiriman"."""
    from spbe_excel.portal.blobs import safe_name

    assert safe_name("ا" * 300 + ".xls") == "kiriman.xls" and safe_name("лапорт.ods") == "kiriman.ods"
    assert safe_name("Laporan BPKAD (2).xlsx") == "Laporan BPKAD (2).xlsx" and safe_name(".xlsx") == "kiriman.xlsx"
    assert safe_name("+-@SUM(1).xlsx") == "SUM(1).xlsx" and safe_name("") == "kiriman.xlsx"
    body = site.sent_ok("PBJ", "лапорт ПБЖ.xlsx", example(GOOD["PBJ"]))
    assert body["file_name"] == "kiriman.xlsx" and body["state"] == "accepted"
    assert not [f for f in body["findings"] if f["code"] == "file-misnamed"]


def test_the_warm_up_at_start_leaves_no_trace(site):
    """At start the server runs an upload's statements once, so that the first uploads find them ready, in a
    transaction rolled back: no upload, no audit line, and the first upload still gets the first id."""
    store = site.client.app.state.portal.store
    audit = store.audit_rows()
    store.warm(2)
    assert store.uploads() == [] and store.audit_rows() == audit
    assert site.sent_ok("PBJ", GOOD["PBJ"], example(GOOD["PBJ"]))["id"] == 1


# ---- rounds --------------------------------------------------------------------------------------------------
def round_ids(site: Site) -> dict[str, int]:
    """Period -> round id, as the admin page links them."""
    site.login()
    page = site.client.get("/admin").text
    return {period: int(i) for i, period in re.findall(r'href="/admin\?putaran=(\d+)">([^<]+)</a>', page)}


def test_a_new_round_keeps_the_earlier_rounds_uploads_and_the_same_period_is_refused(site):
    body = site.sent_ok("BAPPEDA", GOOD["BAPPEDA"], example(GOOD["BAPPEDA"]))
    again = portal_init(site.folder, PERIOD)
    assert again.exit_code == 2 and "sudah punya putaran Triwulan III 2019" in again.output
    opened = portal_init(site.folder, NEXT_PERIOD, "--deadline", "2020-01-10")
    assert opened.exit_code == 0, opened.output
    assert t("portal.init.round", "id", folder=site.folder, period=NEXT_PERIOD) in opened.output
    assert read_links(site.folder) == site.links  # the links stay the same
    twice = portal_init(site.folder, NEXT_PERIOD)
    assert twice.exit_code == 2 and "sudah punya putaran Triwulan IV 2019" in twice.output

    now = site.status()
    assert (now["period"], now["deadline"]) == (NEXT_PERIOD, "2020-01-10")
    assert {o["state"] for o in now["opds"]} == {"missing"}
    ids = round_ids(site)
    assert set(ids) == {PERIOD, NEXT_PERIOD} and ids[PERIOD] < ids[NEXT_PERIOD]
    earlier = site.status(ids[PERIOD])
    assert earlier["period"] == PERIOD
    row = {o["code"]: o for o in earlier["opds"]}["BAPPEDA"]
    assert (row["state"], row["last_upload"]) == ("accepted", body["received_at"])
    assert list(site.listing(ids[PERIOD])) == [body["id"]]
    assert site.listing(ids[NEXT_PERIOD]) == {}
    # the earlier round's upload is still readable by its OPD
    page = site.client.get(f"/o/{site.links['BAPPEDA']}/kiriman/{body['id']}")
    assert page.status_code == 200 and 'data-state="accepted"' in page.text
    # a round number that names no round is not found, rather than the current round shown as if it were it
    for wanted in ("99", "abc", "²"):
        page = site.client.get("/admin", params={"putaran": wanted})
        assert page.status_code == 404 and t("portal.err.not_found", "id") in page.text, wanted
        api = site.client.get("/api/v1/status", params={"putaran": wanted}, headers=site.bearer)
        assert api.status_code == 404 and api.json()["error"] == "not_found"
    assert site.client.get("/admin", params={"putaran": ""}).status_code == 200  # none: the current round


def test_a_closed_round_refuses_uploads_with_a_clear_message_and_a_reopened_one_accepts(site):
    csrf = site.login()
    r = site.client.post("/admin/putaran", data={"csrf": csrf, "action": "close"}, follow_redirects=False)
    assert r.status_code == 303
    assert site.status()["closed"] is True
    refused = site.upload("BAPPEDA", GOOD["BAPPEDA"], example(GOOD["BAPPEDA"]))
    assert refused.status_code == 409
    assert refused.json()["message"] == t("portal.err.closed", "id", period=PERIOD)
    assert "sudah ditutup" in refused.json()["message"]
    form = site.client.post(f"/o/{site.links['BAPPEDA']}/kirim?lang=en",
                            files={"file": (GOOD["BAPPEDA"], example(GOOD["BAPPEDA"]))})
    assert form.status_code == 409 and t("portal.err.closed", "en", period=PERIOD) in form.text
    assert site.listing() == {} and all_blobs(site) == []  # nothing was kept of a refused upload
    r = site.client.post("/admin/putaran", data={"csrf": csrf, "action": "reopen"}, follow_redirects=False)
    assert r.status_code == 303 and site.status()["closed"] is False
    body = site.sent_ok("BAPPEDA", GOOD["BAPPEDA"], example(GOOD["BAPPEDA"]))
    assert body["state"] == "accepted" and site.by_opd()["BAPPEDA"]["state"] == "accepted"
    # a form without the session's CSRF token changes nothing
    r = site.client.post("/admin/putaran", data={"csrf": "x", "action": "close"}, follow_redirects=False)
    assert r.status_code == 403 and site.status()["closed"] is False


def test_replacing_a_link_stops_the_old_one_and_rewrites_the_links_file(site):
    old = site.links["BKPSDM"]
    csrf = site.login()
    page = site.client.post("/admin/tautan/BKPSDM", data={"csrf": csrf})
    assert page.status_code == 200
    links = read_links(site.folder)
    new = links["BKPSDM"]
    assert new != old and f"/o/{new}" in page.text
    assert {c: v for c, v in links.items() if c != "BKPSDM"} == {c: v for c, v in site.links.items() if c != "BKPSDM"}
    assert os.stat(site.folder / "tautan-opd.csv").st_mode & 0o077 == 0
    downloaded = site.client.get("/admin/tautan-opd.csv", headers=site.bearer).content.decode("utf-8-sig")
    assert f"/o/{new}" in downloaded and f"/o/{old}" not in downloaded
    data = example("BKPSDM_Triwulan_III_2019.xlsx")
    assert site.upload("BKPSDM", "BKPSDM.xlsx", data, token=old).status_code == 401
    assert site.client.get(f"/o/{old}").status_code == 403
    assert site.client.post(f"/o/{old}/kirim", files={"file": ("BKPSDM.xlsx", data)}).status_code == 403
    assert site.client.get(f"/o/{new}").status_code == 200
    r = site.upload("BKPSDM", "BKPSDM.xlsx", data, token=new)
    assert r.status_code == 201 and r.json()["opd"] == "BKPSDM" and r.json()["state"] == "accepted"
    assert site.by_opd()["BKPSDM"]["state"] == "accepted"
    assert [u["opd"] for u in site.sent] == ["BKPSDM"]  # the refused uploads left nothing
    assert list(site.listing()) == [r.json()["id"]]


def test_the_audit_log_records_uploads_downloads_logins_links_and_rounds(site):
    a = site.sent_ok("BAPPEDA", GOOD["BAPPEDA"], example(GOOD["BAPPEDA"]))
    b = site.sent_ok("DKIS", "x.xlsx", NOT_A_WORKBOOK)
    opd = {"Authorization": f"Bearer {site.links['BAPPEDA']}"}
    assert site.client.get(f"/api/v1/submissions/{a['id']}/feedback.xlsx", headers=opd).status_code == 200
    assert site.client.get(f"/o/{site.links['BAPPEDA']}/templat.xlsx").status_code == 200
    csrf = site.login()
    for path in ("/admin/rekap.xlsx", "/admin/kiriman.zip", "/admin/tautan-opd.csv"):
        assert site.client.get(path).status_code == 200, path
    site.client.post("/admin/putaran", data={"csrf": csrf, "action": "close"})
    site.client.post("/admin/putaran", data={"csrf": csrf, "action": "reopen"})
    site.client.post("/admin/tautan/PBJ", data={"csrf": csrf})
    rows = site.audit()
    assert list(rows[0]) == ["id", "time", "actor", "action", "detail", "sha256"]
    ids = [int(r["id"]) for r in rows]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for r in rows:
        assert dt.datetime.fromisoformat(r["time"]).tzinfo is not None
    actions = [(r["actor"], r["action"]) for r in rows]
    assert actions[0] == ("init", "round-open") and PERIOD in rows[0]["detail"]
    uploads = [r for r in rows if r["action"] == "upload"]
    assert [(r["actor"], r["sha256"]) for r in uploads] == [("opd:BAPPEDA", a["sha256"]), ("opd:DKIS", b["sha256"])]
    assert f"#{a['id']}" in uploads[0]["detail"] and "accepted" in uploads[0]["detail"]
    assert f"#{b['id']}" in uploads[1]["detail"] and "rejected" in uploads[1]["detail"]
    feedback = [r for r in rows if r["action"] == "download-feedback"]
    assert [(r["actor"], r["sha256"]) for r in feedback] == [("opd:BAPPEDA", a["sha256"])]
    for actor, action in [("opd:BAPPEDA", "download-template"), ("admin", "login"), ("admin", "download-rekap"),
                          ("admin", "download-zip"), ("admin", "download-links"), ("admin", "round-close"),
                          ("admin", "round-reopen"), ("admin", "link-replace")]:
        assert (actor, action) in actions, (actor, action)
    assert [r["detail"] for r in rows if r["action"] == "link-replace"] == ["PBJ"]
    assert actions.index(("admin", "round-close")) < actions.index(("admin", "round-reopen"))
    assert not any(tok in json.dumps(rows) for tok in [site.admin, *site.links.values()])  # no secret in the log


# ---- the status JSON, its index and the consolidated workbook ------------------------------------------------
def unzip_like_unzip(zf: zipfile.ZipFile, folder: Path) -> None:
    """Extract every entry and give it the modification time its entry holds, as ``unzip`` does."""
    for info in zf.infolist():
        path = Path(zf.extract(info, folder))
        stamp = time.mktime((*info.date_time, 0, 0, -1))
        os.utime(path, (stamp, stamp))


def test_status_json_and_the_consolidated_workbook_are_consolidate_over_the_counted_uploads(site, tmp_path):
    for opd in ("BAPPEDA", "BPKAD", "PBJ", "DISNAKER"):
        site.sent_ok(opd, GOOD[opd], example(GOOD[opd]))
    site.sent_ok("HUKUM", "HUKUM.xlsx", NOT_A_WORKBOOK)  # rejected only
    site.sent_ok("DPMPTSP", GOOD["DPMPTSP"], example(GOOD["DPMPTSP"]))
    site.sent_ok("DPMPTSP", "salah.xlsx", NOT_A_WORKBOOK + b"!")  # rejected after an accepted one
    status = site.status()
    assert set(status) >= {"period", "deadline", "opds", "index"}
    assert status["period"] == PERIOD and status["deadline"] is None
    assert all(set(o) == STATUS_KEYS for o in status["opds"])
    states = {o["code"]: o["state"] for o in status["opds"]}
    assert set(states.values()) == {"missing", "rejected", "accepted-with-errors", "accepted"}
    assert (states["HUKUM"], states["DPMPTSP"], states["BPKAD"]) == ("rejected", "accepted", "accepted-with-errors")
    assert isinstance(status["index"]["baseline"], float) and isinstance(status["index"]["estimate"], float)

    rekap = site.client.get("/api/v1/rekap.xlsx", headers=site.bearer)
    assert rekap.status_code == 200 and rekap.content[:2] == b"PK"
    today = dt.date.today().isoformat()
    work = tmp_path / "unzipped"
    with site.uploads_zip() as zf:
        unzip_like_unzip(zf, work)
    # each OPD's report: the counted upload, else the latest (rejected) one
    assert sorted(str(p.relative_to(work / "laporan")) for p in (work / "laporan").rglob("*.*")) == [
        "dihitung/BAPPEDA.xlsx", "dihitung/BPKAD.xlsx", "dihitung/DISNAKER.xls", "dihitung/DPMPTSP.ods",
        "dihitung/PBJ.xlsx", "ditolak/HUKUM.xlsx"]
    done = subprocess.run([sys.executable, "-m", "spbe_excel", "consolidate", "laporan", "-o", "X.xlsx",
                           "--period", PERIOD, "--as-of", today, "--lang", "id", "--report-json", "report.json",
                           "-q"], cwd=work, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr  # 1: BPKAD's errors
    report = json.loads((work / "report.json").read_text())
    summary = report["summary"]
    assert (summary["files_used"], summary["files_rejected"], summary["as_of"]) == (5, 1, today)
    assert status["index"]["baseline"] == summary["index_baseline"]
    assert status["index"]["estimate"] == summary["index_estimate"]
    assert status["index"]["reporting_rate"] == summary["reporting_rate"]
    # the same bytes: each file's modification time (listed on the sources sheet) is its zip entry's time
    assert rekap.content == (work / "X.xlsx").read_bytes()
    # the rejected OPD is rejected in the workbook, with why, as on the status board: not "not sent"
    assert sorted(f["opd"] for f in report["findings"] if f["code"] == "submission-missing") == \
        sorted(code for code, state in states.items() if state == "missing")
    assert {r["state"] for r in report["rows"] if r["opd"] == "HUKUM"} == {"rejected"}
    why = [f["code"] for f in report["findings"] if f["file"] == "laporan/ditolak/HUKUM.xlsx"]
    assert {f["opd"] for f in report["findings"] if f["file"] == "laporan/ditolak/HUKUM.xlsx"} == {"HUKUM"}
    assert why[0] == "file-unreadable" and set(why) <= {"file-unreadable", "overdue"}  # and its overdue actions
