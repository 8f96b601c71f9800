"""The intake page under attack, and a careful user's odd requests: what each attack tried, through the
application itself (starlette's TestClient), with the reader slowed down or the round changed at the
moment an upload is on its way where the attack is a race.

Found by reviewing the portal as an attacker; each test failed before its fix."""

from __future__ import annotations

import csv
import html
import io
import re
import sqlite3
import threading
import time
import warnings
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

pytest.importorskip("starlette")
pytest.importorskip("sqlalchemy")
httpx = pytest.importorskip("httpx")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from conftest import ROOT  # noqa: E402

from spbe_excel.portal.app import create_app  # noqa: E402
from spbe_excel.portal.security import RateLimit  # noqa: E402
from spbe_excel.portal.setup import init, replace_link  # noqa: E402
from spbe_excel.portal.web import Settings  # noqa: E402

EXAMPLES = ROOT / "examples" / "triwulan-iii"
PERIOD = "Triwulan III 2019"
PBJ = EXAMPLES / "PBJ_Triwulan_III_2019.xlsx"
HUKUM = EXAMPLES / "HUKUM_Triwulan_III_2019.xlsx"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def links(folder: Path) -> dict[str, str]:
    with open(folder / "tautan-opd.csv", encoding="utf-8-sig", newline="") as fh:
        return {r[0]: r[2].rsplit("/o/", 1)[1] for r in list(csv.reader(fh))[1:]}


def admin_token(folder: Path) -> str:
    return (folder / "token-admin.txt").read_text().strip()


def count_uploads(folder: Path) -> int:
    with sqlite3.connect(folder / "portal.db") as con:
        return con.execute("select count(*) from uploads").fetchone()[0]


@pytest.fixture()
def store(tmp_path) -> Path:
    folder = tmp_path / "portal"
    init(folder, PERIOD)
    return folder


def upload(c: TestClient, token: str, path: Path, name: str | None = None):
    with open(path, "rb") as fh:
        return c.post("/api/v1/submissions", headers={"Authorization": f"Bearer {token}"},
                      files={"file": (name or path.name, fh, "application/octet-stream")})


def log_in(c: TestClient, folder: Path) -> str:
    csrf = re.search(r'name="csrf" value="([^"]+)"', c.get("/admin").text)[1]
    c.post("/admin/login", data={"csrf": csrf, "token": admin_token(folder)})
    return re.search(r'name="csrf" value="([^"]+)"', c.get("/admin").text)[1]


class SlowReader:
    """``Intake.record`` of one OPD held until released (a file that takes long to read), counting how many
    of that OPD's uploads are read at once."""

    def __init__(self, portal, opd: str):
        self.opd, self.real = opd, portal.intake.record
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.reading = self.most = self.started = 0
        portal.intake.record = self

    def __call__(self, opd, *args, **kwargs):
        if opd == self.opd:
            with self.lock:
                self.reading += 1
                self.started += 1
                self.most = max(self.most, self.reading)
            try:
                self.release.wait(30)
                return self.real(opd, *args, **kwargs)
            finally:
                with self.lock:
                    self.reading -= 1
        return self.real(opd, *args, **kwargs)


def in_thread(fn, *args) -> tuple[threading.Thread, dict]:
    out: dict = {}

    def run():
        out["response"] = fn(*args)

    th = threading.Thread(target=run, daemon=True)
    th.start()
    return th, out


# ---- denial of service by one OPD's link ----------------------------------------------------------------
def test_one_opd_sending_slow_files_does_not_hold_up_the_other_opds(store):
    """Exploited on a real server: 12 uploads at once through HUKUM's link of a 3 MB workbook of three sheets
    of 2.9 million cells (26 s to read each) held both readers; PBJ's ordinary upload then waited > 120 s."""
    app = create_app(store, Settings(readers=2))
    slow = SlowReader(app.state.portal, "HUKUM")
    tokens = links(store)
    with TestClient(app) as c:
        attack = [in_thread(upload, c, tokens["HUKUM"], HUKUM, f"h{i}.xlsx") for i in range(3)]
        deadline = time.monotonic() + 10
        while slow.started < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)  # the other two get as far as they may
        victim, got = in_thread(upload, c, tokens["PBJ"], PBJ)
        victim.join(15)
        try:
            assert not victim.is_alive(), "another OPD's upload waited for HUKUM's slow files"
            assert got["response"].status_code == 201
            assert slow.most == 1  # HUKUM's uploads are read one after the other
        finally:
            slow.release.set()
            for th, _ in attack:
                th.join(30)
        assert [out["response"].status_code for _, out in attack] == [201, 201, 201]


def test_an_opd_cannot_pile_up_uploads_on_the_server(store):
    app = create_app(store, Settings(readers=2, uploads_per_opd=2))
    slow = SlowReader(app.state.portal, "HUKUM")
    token = links(store)["HUKUM"]
    with TestClient(app) as c:
        first = [in_thread(upload, c, token, HUKUM, f"h{i}.xlsx") for i in range(2)]
        deadline = time.monotonic() + 10
        while slow.started < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)
        try:
            third = upload(c, token, HUKUM)
            assert third.status_code == 429 and "masih diperiksa" in third.json()["message"]
            page = c.post(f"/o/{token}/kirim", files={"file": ("h.xlsx", HUKUM.read_bytes())})
            assert page.status_code == 429 and "masih diperiksa" in page.text
        finally:
            slow.release.set()
            for th, _ in first:
                th.join(30)
        assert [out["response"].status_code for _, out in first] == [201, 201]
        assert upload(c, token, HUKUM).status_code == 201  # the turn is given back once they are done
    assert count_uploads(store) == 3


# ---- races with DKIS's forms ------------------------------------------------------------------------------
def test_a_round_closed_while_an_upload_is_on_its_way_takes_no_upload(store):
    app = create_app(store)
    portal = app.state.portal
    token = links(store)["PBJ"]
    real_read = portal.intake.read

    def read_then(path, rnd, *args, **kwargs):  # DKIS closes the round while the file is read
        portal.store.set_closed(rnd.id, True)
        return real_read(path, rnd, *args, **kwargs)

    with TestClient(app) as c:
        portal.intake.read = read_then
        r = upload(c, token, PBJ)
        assert r.status_code == 409 and "sudah ditutup" in r.json()["message"]
        portal.intake.read = real_read
        portal.store.set_closed(portal.store.current_round().id, False)

        boundary = "b0undary"

        def body():  # DKIS closes the round while the file streams in
            yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"PBJ.xlsx\"\r\n"
                   "Content-Type: application/octet-stream\r\n\r\n").encode()
            portal.store.set_closed(portal.store.current_round().id, True)
            yield PBJ.read_bytes()
            yield f"\r\n--{boundary}--\r\n".encode()

        streamed = c.post("/api/v1/submissions", content=body(),
                          headers={"Authorization": f"Bearer {token}",
                                   "Content-Type": f"multipart/form-data; boundary={boundary}"})
        assert streamed.status_code == 409
    assert count_uploads(store) == 0


def test_a_link_replaced_while_an_upload_is_read_takes_no_upload_through_the_old_link(store):
    app = create_app(store)
    portal = app.state.portal
    real_read = portal.intake.read

    def read_then(*args, **kwargs):  # DKIS replaces the (leaked) link while the file is read
        replace_link(portal.intake, "PBJ")
        return real_read(*args, **kwargs)

    with TestClient(app) as c:
        portal.intake.read = read_then
        api = upload(c, links(store)["PBJ"], PBJ)
        assert api.status_code == 401 and api.json()["error"] == "bad_token"
        form = c.post(f"/o/{links(store)['PBJ']}/kirim", files={"file": ("PBJ.xlsx", PBJ.read_bytes())},
                      follow_redirects=False)
        assert form.status_code == 403
        assert "Pengadaan" not in form.text and "PBJ" not in form.text  # the old link shows nothing of the OPD
        portal.intake.read = real_read
        assert upload(c, links(store)["PBJ"], PBJ).status_code == 201
    assert count_uploads(store) == 1


# ---- what DKIS opens in Excel -----------------------------------------------------------------------------
def test_file_names_do_not_become_formulas_in_the_lists_dkis_opens(store):
    names = ["+SUM(1+1).xlsx", "-2+3.xlsx", "@SUM(A1).xlsx", "=1+1.xlsx", " -1.xlsx", "\t=x.xlsx", "+-+.xlsx"]
    with TestClient(create_app(store)) as c:
        token = links(store)["PBJ"]
        shown = [upload(c, token, PBJ, name).json()["file_name"] for name in names]
        assert not [n for n in shown if n.startswith(FORMULA_START)], shown
        log_in(c, store)
        with zipfile.ZipFile(io.BytesIO(c.get("/admin/kiriman.zip").content)) as zf:
            listing = zf.read("daftar-kiriman.csv").decode("utf-8-sig")
        audit = c.get("/admin/audit.csv").text.lstrip("\ufeff")
    for text in (listing, audit):
        cells = [v for row in csv.reader(io.StringIO(text)) for v in row]
        assert not [v for v in cells if v.startswith(FORMULA_START)]
    assert {"SUM(1+1).xlsx", "2+3.xlsx"} <= set(shown)  # the rest of the name is kept


# ---- pages ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw", [b"//evil.example/x", b"//evil.example"])
def test_the_language_link_stays_on_the_portal(store, raw):
    """``http://portal//evil.example/x`` answered a page of the portal whose language switch led to
    ``//evil.example/x?lang=en``, another site."""
    with TestClient(create_app(store)) as c:
        page = c.get(httpx.URL("http://testserver/").copy_with(raw_path=raw))
    href = html.unescape(re.search(r'class="lang" href="([^"]*)"', page.text)[1])
    here = "http://testserver" + raw.decode()
    assert urlsplit(urljoin(here, href)).netloc == "testserver", href


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_numbers_out_of_range_in_addresses_are_not_found_not_a_server_error(request, tmp_path, backend):
    """``/o/<link>/kiriman/99999999999999999999999`` failed with a traceback (OverflowError in SQLite; integer
    out of range in PostgreSQL), as did ``/api/v1/status?putaran=²`` (a digit ``int()`` does not take)."""
    folder = tmp_path / "portal"
    init(folder, PERIOD, db=request.getfixturevalue("fresh_postgres_url") if backend == "postgresql" else None)
    with TestClient(create_app(folder), raise_server_exceptions=False) as c:
        token = links(folder)["PBJ"]
        assert upload(c, token, PBJ).status_code == 201
        for n in (2 ** 31, 2 ** 63, 10 ** 30):
            assert c.get(f"/o/{token}/kiriman/{n}").status_code == 404
            assert c.get(f"/o/{token}/umpan-balik/{n}.xlsx").status_code == 404
            api = c.get(f"/api/v1/submissions/{n}/feedback.xlsx", headers={"Authorization": f"Bearer {token}"})
            assert api.status_code == 404
        admin = {"Authorization": f"Bearer {admin_token(folder)}"}
        for wanted in ("²", "١", "1" * 40):  # no round: not found (not the current round, nor a server error)
            status = c.get(f"/api/v1/status?putaran={wanted}", headers=admin)
            assert status.status_code == 404 and status.json()["error"] == "not_found"
        assert c.get("/api/v1/status?putaran=1", headers=admin).json()["period"] == PERIOD
        log_in(c, folder)
        assert c.get("/admin?putaran=²").status_code == 404


# ---- the rate limit's memory -------------------------------------------------------------------------------
def test_the_rate_limit_forgets_clients_that_went_quiet(monkeypatch):
    """Login attempts are counted per client address: one address after the other (an IPv6 range) would
    otherwise leave a counter each, for ever."""
    import spbe_excel.portal.security as security

    clock = [1000.0]
    monkeypatch.setattr(security.time, "monotonic", lambda: clock[0])
    limit = RateLimit(3, window=60)
    for i in range(20_000):
        assert limit.allow(f"login:2001:db8::{i:x}")
    clock[0] += 61
    assert limit.allow("login:2001:db8::ffff")
    assert len(limit._hits) < 100
    for _ in range(3):
        limit.allow("opd:PBJ")
    assert not limit.allow("opd:PBJ")  # a key in use keeps its count


# ---- the zip of uploads -----------------------------------------------------------------------------------
def peak_memory(pid: int) -> int:
    """The most resident memory process ``pid`` has had (VmHWM), in bytes."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)[1]) * 1024


def test_the_zip_of_every_upload_is_not_built_in_the_servers_memory(store, tmp_path):
    """The zip was built in memory (a BytesIO, then a copy of its bytes): a round of uploads larger than the
    server's memory (a link holder may send 30 files of 20 MB a minute) killed it when DKIS downloaded it."""
    import hashlib
    import os

    from served import Served

    server = Served(store, tmp_path / "serve.log")
    sent = {}
    try:
        server.start()
        with httpx.Client(base_url=server.url, timeout=60) as http:
            for i in range(6):
                data = os.urandom(8 * 1024 * 1024)  # 48 MB in all, not compressible
                r = http.post("/api/v1/submissions", headers={"Authorization": f"Bearer {links(store)['PBJ']}"},
                              files={"file": (f"x{i}.xlsx", data, "application/octet-stream")})
                assert r.status_code == 201
                sent[r.json()["sha256"]] = hashlib.sha256(data).hexdigest()
            before = peak_memory(server.proc.pid)
            out = tmp_path / "kiriman.zip"
            with http.stream("GET", "/admin/kiriman.zip", headers={"Authorization": f"Bearer {admin_token(store)}"}
                             ) as r, open(out, "wb") as fh:
                assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
                for chunk in r.iter_bytes():
                    fh.write(chunk)
            grown = peak_memory(server.proc.pid) - before
    finally:
        server.stop()
    with zipfile.ZipFile(out) as zf:
        got = {hashlib.sha256(zf.read(n)).hexdigest() for n in zf.namelist() if n.startswith("semua/")}
    assert got == set(sent.values()) and set(sent) == got
    assert grown < 16 * 1024 * 1024, f"the server grew by {grown / 2 ** 20:.0f} MB to send a zip of 48 MB"
    assert not list((store / "cache").glob("**/*.zip"))  # nothing left behind once sent
