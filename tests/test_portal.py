"""The intake page's API and defences, through the application itself
(starlette's TestClient): tokens, sessions, CSRF, limits, headers, and
findings in the same words as ``validate``."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("sqlalchemy")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from spbe_excel.portal.app import create_app
from spbe_excel.portal.setup import init
from spbe_excel.portal.web import MB, Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "triwulan-iii"
PERIOD = "Triwulan III 2019"


def links(folder: Path) -> dict[str, str]:
    with open(folder / "tautan-opd.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["kode", "nama", "tautan"]
    return {r[0]: r[2].rsplit("/o/", 1)[1] for r in rows[1:]}


def admin_token(folder: Path) -> str:
    return (folder / "token-admin.txt").read_text().strip()


@pytest.fixture()
def store(tmp_path) -> Path:
    folder = tmp_path / "portal"
    init(folder, PERIOD)
    return folder


def client(folder: Path, **settings) -> TestClient:
    return TestClient(create_app(folder, Settings(**settings)))


def upload(c: TestClient, token: str, path: Path, name: str | None = None, lang: str = "id"):
    with open(path, "rb") as fh:
        return c.post(f"/api/v1/submissions?lang={lang}", headers={"Authorization": f"Bearer {token}"},
                      files={"file": (name or path.name, fh, "application/octet-stream")})


def validate_json(path: Path, lang: str = "id") -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "spbe_excel", "validate", str(path), "--format", "json",
                           "--period", PERIOD, "--lang", lang], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


# ---- portal init -------------------------------------------------------------------------------------------
def test_init_writes_links_and_a_private_admin_token_and_keeps_only_hashes(store):
    tokens = links(store)
    from spbe_excel.master import embedded_master

    assert sorted(tokens) == sorted(embedded_master().opd_codes)
    admin = admin_token(store)
    for token in [admin, *tokens.values()]:
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)  # 24 random bytes: 192 bits
    assert len(set(tokens.values())) == len(tokens)
    for name in ("token-admin.txt", "tautan-opd.csv", "portal.json"):
        assert stat.S_IMODE(os.stat(store / name).st_mode) == 0o600, name
    db = (store / "portal.db").read_bytes()
    for token in [admin, *tokens.values()]:
        assert token.encode() not in db  # stored hashed only
    with sqlite3.connect(store / "portal.db") as con:
        assert con.execute("select count(*) from opds").fetchone()[0] == len(tokens)


def test_init_refuses_an_existing_store_for_the_same_period_and_opens_a_new_round(store):
    from spbe_excel.errors import UsageError
    from spbe_excel.text.errors import error_text

    with pytest.raises(UsageError) as refused:
        init(store, PERIOD)
    assert refused.value.key == "portal.init.round_exists"
    assert "sudah punya putaran Triwulan III 2019" in error_text(refused.value, "id")
    done = init(store, "Triwulan IV 2019")
    assert not done.new_store and done.round.period == "Triwulan IV 2019"
    with pytest.raises(UsageError) as refused:
        init(store / "blobs" if (store / "blobs").exists() else store.parent, PERIOD)
    assert "folder baru atau kosong" in error_text(refused.value, "id")


def test_init_and_serve_through_the_command_line(tmp_path):
    folder = tmp_path / "p"
    done = subprocess.run([sys.executable, "-m", "spbe_excel", "portal", "init", str(folder), "--period", PERIOD,
                           "--deadline", "2019-10-10", "--lang", "en"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Admin token (shown this once" in done.stdout
    assert admin_token(folder) in done.stdout.splitlines()
    again = subprocess.run([sys.executable, "-m", "spbe_excel", "portal", "init", str(folder), "--period", PERIOD],
                           capture_output=True, text=True)
    assert again.returncode == 2 and "sudah punya putaran" in again.stderr
    serve = subprocess.run([sys.executable, "-m", "spbe_excel", "portal", "serve", str(tmp_path)],
                           capture_output=True, text=True)
    assert serve.returncode == 2 and "bukan penyimpanan portal" in serve.stderr


# ---- uploads -----------------------------------------------------------------------------------------------
def test_an_upload_gets_the_findings_validate_gives_in_both_languages(store):
    path = EXAMPLES / "BPKAD_Triwulan_III_2019.xlsx"
    with client(store) as c:
        for lang in ("id", "en"):
            r = upload(c, links(store)["BPKAD"], path, lang=lang)
            assert r.status_code == 201, r.text
            body = r.json()
            assert {"id", "opd", "period", "state", "findings", "feedback_url"} <= body.keys()
            assert (body["opd"], body["period"], body["state"]) == ("BPKAD", PERIOD, "accepted")
            expected = validate_json(path, lang)
            assert expected and [f["code"] for f in expected if f["severity"] == "error"]
            key = ("code", "severity", "sheet", "cell", "opd", "indicator", "action", "column", "value", "message")
            assert [{k: f[k] for k in key} for f in body["findings"]] == [{k: f[k] for k in key} for f in expected]
            assert all(f["file"] == path.name for f in body["findings"])


def test_the_upload_is_kept_as_received_by_its_sha256_never_under_its_name(store):
    path = EXAMPLES / "PBJ_Triwulan_III_2019.xlsx"
    data = path.read_bytes()
    with client(store) as c:
        r = upload(c, links(store)["PBJ"], path, name="../../../etc/passwd.xlsx")
        assert r.status_code == 201
        sha = r.json()["sha256"]
        blob = store / "blobs" / sha[:2] / sha
        assert blob.read_bytes() == data
        assert r.json()["file_name"] == "passwd.xlsx"
        assert not (store.parent / "etc").exists()
        first = blob.stat()
        r2 = upload(c, links(store)["PBJ"], path)
        assert r2.status_code == 201 and r2.json()["sha256"] == sha and r2.json()["id"] != r.json()["id"]
        assert (blob.stat().st_ino, blob.stat().st_mtime_ns) == (first.st_ino, first.st_mtime_ns)
        page = c.get(f"/o/{links(store)['PBJ']}/kiriman/{r2.json()['id']}").text
        assert f"sama persis dengan kiriman #{r.json()['id']}" in page  # the OPD is told it sent the same file
        assert 'id="same-as"' not in c.get(f"/o/{links(store)['PBJ']}/kiriman/{r.json()['id']}").text


def test_feedback_of_an_upload_is_the_feedback_workbook_and_only_for_its_own_opd(store):
    import openpyxl

    with client(store) as c:
        r = upload(c, links(store)["BPKAD"], EXAMPLES / "BPKAD_Triwulan_III_2019.xlsx")
        url = r.json()["feedback_url"]
        assert url.endswith(f"/api/v1/submissions/{r.json()['id']}/feedback.xlsx")
        got = c.get(url, headers={"Authorization": f"Bearer {links(store)['BPKAD']}"})
        assert got.status_code == 200
        assert got.headers["content-disposition"].endswith(f'umpan-balik-BPKAD-{r.json()["id"]}.xlsx"')
        other = c.get(url, headers={"Authorization": f"Bearer {links(store)['PBJ']}"})
        assert other.status_code == 404 and "BPKAD" not in other.text
        page = c.get(f"/o/{links(store)['PBJ']}/umpan-balik/{r.json()['id']}.xlsx")
        assert page.status_code == 404
    path = store.parent / "fb.xlsx"
    path.write_bytes(got.content)
    wb = openpyxl.load_workbook(path)
    text = " ".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    assert "BPKAD" in text
    assert "BPKAD_Triwulan_III_2019.xlsx" in text  # the name the OPD gave, not the store's reading name
    codes = {f["code"] for f in r.json()["findings"] if f["severity"] == "error"}
    assert any(code in text for code in codes)


# ---- tokens, sessions, CSRF --------------------------------------------------------------------------------
def test_wrong_or_missing_tokens_are_refused_without_detail(store):
    with client(store) as c:
        path = EXAMPLES / "PBJ_Triwulan_III_2019.xlsx"
        assert upload(c, "", path).status_code == 401
        bad = upload(c, "x" * 32, path)
        assert bad.status_code == 401 and bad.headers["www-authenticate"] == "Bearer"
        assert upload(c, admin_token(store), path).status_code == 401  # the admin token is no OPD's
        assert c.get("/api/v1/status", headers={"Authorization": f"Bearer {links(store)['PBJ']}"}).status_code == 401
        assert c.get("/api/v1/status").status_code == 401
        assert c.get("/api/v1/rekap.xlsx").status_code == 401
        page = c.get("/o/" + "y" * 32)
        assert page.status_code == 403
        for code in set(links(store)) - {"DKIS"}:  # the message names DKIS, the office that sends the links
            assert code not in bad.text and code not in page.text
    with sqlite3.connect(store / "portal.db") as con:
        assert con.execute("select count(*) from uploads").fetchone()[0] == 0


def test_admin_login_sets_a_strict_httponly_session_and_forms_need_the_csrf_token(store):
    with client(store) as c:
        login = c.get("/admin")
        assert login.status_code == 200 and 'name="token"' in login.text
        csrf = re.search(r'name="csrf" value="([^"]+)"', login.text)[1]
        assert c.post("/admin/login", data={"csrf": "wrong", "token": admin_token(store)}).status_code == 403
        failed = c.post("/admin/login", data={"csrf": csrf, "token": "nope"}, follow_redirects=False)
        assert failed.status_code == 303 and failed.headers["location"] == "/admin?gagal=1"
        ok = c.post("/admin/login", data={"csrf": csrf, "token": admin_token(store)}, follow_redirects=False)
        assert ok.status_code == 303
        cookie = ok.headers["set-cookie"]
        assert "spbe_admin=" in cookie and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
        page = c.get("/admin")
        assert page.status_code == 200 and 'id="status"' in page.text
        session_csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)[1]
        assert c.post("/admin/putaran", data={"action": "close"}).status_code == 403
        assert c.post("/admin/putaran", data={"action": "close", "csrf": "x" * 32}).status_code == 403
        closed = c.post("/admin/putaran", data={"action": "close", "csrf": session_csrf}, follow_redirects=False)
        assert closed.status_code == 303
        refused = upload(c, links(store)["PBJ"], EXAMPLES / "PBJ_Triwulan_III_2019.xlsx")
        assert refused.status_code == 409 and "sudah ditutup" in refused.json()["message"]
        c.post("/admin/putaran", data={"action": "reopen", "csrf": session_csrf})
        assert upload(c, links(store)["PBJ"], EXAMPLES / "PBJ_Triwulan_III_2019.xlsx").status_code == 201
        c.post("/admin/logout", data={"csrf": session_csrf})
        assert 'name="token"' in c.get("/admin").text
    audit = [r[3] for r in _audit(store)]
    for action in ("login", "round-close", "round-reopen", "upload", "logout", "login-failed"):
        assert action in audit


def _audit(store: Path) -> list[tuple]:
    with sqlite3.connect(store / "portal.db") as con:
        return con.execute("select id, at, actor, action, detail, sha256 from audit order by id").fetchall()


def test_replacing_a_link_stops_the_old_one_at_once(store):
    old = links(store)["PBJ"]
    with client(store) as c:
        page = c.get("/admin")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)[1]
        c.post("/admin/login", data={"csrf": csrf, "token": admin_token(store)})
        session_csrf = re.search(r'name="csrf" value="([^"]+)"', c.get("/admin").text)[1]
        done = c.post("/admin/tautan/PBJ", data={"csrf": session_csrf})
        assert done.status_code == 200 and done.url.path == "/admin"  # redirected: a reload replaces nothing
        new = links(store)["PBJ"]
        assert new != old and f"/o/{new}" in done.text
        assert c.get(f"/o/{old}").status_code == 403
        assert upload(c, old, EXAMPLES / "PBJ_Triwulan_III_2019.xlsx").status_code == 401
        assert upload(c, new, EXAMPLES / "PBJ_Triwulan_III_2019.xlsx").status_code == 201
        assert links(store)["BPKAD"] and c.get(f"/o/{links(store)['BPKAD']}").status_code == 200


# ---- limits and headers ------------------------------------------------------------------------------------
def test_an_upload_over_the_limit_is_refused_while_it_streams(store):
    big = store.parent / "big.xlsx"
    big.write_bytes(b"PK\x03\x04" + os.urandom(2 * MB))
    with client(store, max_upload=1 * MB) as c:
        declared = upload(c, links(store)["PBJ"], big)
        assert declared.status_code == 413 and "1 MB" in declared.json()["message"]

        boundary = "b0undary"

        def body():  # no Content-Length: chunked, as a client that does not say the size
            yield f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.xlsx\"\r\n" \
                  "Content-Type: application/octet-stream\r\n\r\n".encode()
            for _ in range(40):
                yield os.urandom(64 * 1024)
            yield f"\r\n--{boundary}--\r\n".encode()

        streamed = c.post("/api/v1/submissions", content=body(),
                          headers={"Authorization": f"Bearer {links(store)['PBJ']}",
                                   "Content-Type": f"multipart/form-data; boundary={boundary}"})
        assert streamed.status_code == 413
    with sqlite3.connect(store / "portal.db") as con:
        assert con.execute("select count(*) from uploads").fetchone()[0] == 0
    assert not list((store / "blobs").glob("??/*")) if (store / "blobs").exists() else True
    assert not list((store / "blobs" / "tmp").glob("*")) if (store / "blobs" / "tmp").exists() else True


def test_requests_beyond_the_rate_limit_get_429(store):
    with client(store, rate_limit=3) as c:
        token = links(store)["PBJ"]
        assert [c.get(f"/o/{token}").status_code for _ in range(3)] == [200, 200, 200]
        limited = c.get(f"/o/{token}")
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        assert c.get(f"/o/{links(store)['BPKAD']}").status_code == 200  # per token


def test_every_response_carries_the_security_headers(store):
    with client(store) as c:
        for url in ("/", "/admin", f"/o/{links(store)['PBJ']}", "/o/nothing", "/static/portal.css", "/api/v1/status"):
            h = c.get(url).headers
            csp = h["content-security-policy"]
            assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
            assert h["x-content-type-options"] == "nosniff"
            assert h["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style(store):
    with client(store) as c:
        token = links(store)["BPKAD"]
        upload(c, token, EXAMPLES / "BPKAD_Triwulan_III_2019.xlsx")
        for url in (f"/o/{token}", f"/o/{token}/kiriman/1", "/admin", "/", f"/o/{token}?lang=en"):
            html = c.get(url).text
            assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
            assert " style=" not in html and "<style" not in html and "onclick" not in html.lower(), url


def test_english_pages_and_the_language_is_remembered(store):
    with client(store) as c:
        token = links(store)["PBJ"]
        en = c.get(f"/o/{token}?lang=en")
        assert "Download the template" in en.text and 'lang="en"' in en.text
        assert "Download the template" in c.get(f"/o/{token}").text  # the cookie remembers
        assert "Unduh templat" in c.get(f"/o/{token}?lang=id").text


def test_the_template_download_is_the_opds_template_for_the_round(store, tmp_path):
    from spbe_excel.read.batch import read_many

    with client(store) as c:
        got = c.get(f"/o/{links(store)['HUKUM']}/templat.xlsx")
    assert got.status_code == 200 and got.headers["content-type"].startswith("application/vnd.openxmlformats")
    path = tmp_path / "t.xlsx"
    path.write_bytes(got.content)
    from spbe_excel.master import embedded_master

    [sub] = read_many([path], embedded_master(), period=PERIOD, workers=0)
    assert sub.opd == "HUKUM" and sub.period == PERIOD


def test_portal_keeps_no_copy_of_the_upload_outside_the_store(store, tmp_path):
    src = tmp_path / "src.xlsx"
    shutil.copyfile(EXAMPLES / "PBJ_Triwulan_III_2019.xlsx", src)
    before = src.stat().st_mtime_ns, src.read_bytes()
    with client(store) as c:
        assert upload(c, links(store)["PBJ"], src).status_code == 201
    assert (src.stat().st_mtime_ns, src.read_bytes()) == before


@pytest.mark.parametrize("url, says", [
    ("postgresql://dkis:rahasia@127.0.0.1:1/monev", "tidak dapat dihubungi"),
    ("mysql://dkis@host/monev", "Alamat basis data tidak dikenal"),
])
def test_init_refuses_a_database_it_cannot_use_and_leaves_nothing_behind(tmp_path, url, says):
    folder = tmp_path / "p"
    done = subprocess.run([sys.executable, "-m", "spbe_excel", "portal", "init", str(folder), "--period", PERIOD,
                           "--db", url], capture_output=True, text=True)
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr
    assert "rahasia" not in done.stderr  # the password is not shown
    assert not folder.exists()


def test_the_status_page_writes_the_index_as_each_language_writes_numbers(store):
    from spbe_excel.text.words import predicate

    with client(store) as c:
        assert upload(c, links(store)["PBJ"], EXAMPLES / "PBJ_Triwulan_III_2019.xlsx").json()["state"] == "accepted"
        index = c.get("/api/v1/status", headers={"Authorization": f"Bearer {admin_token(store)}"}).json()["index"]
        csrf = re.search(r'name="csrf" value="([^"]+)"', c.get("/admin").text)[1]
        c.post("/admin/login", data={"csrf": csrf, "token": admin_token(store)})
        for lang, sep in (("id", ","), ("en", ".")):
            page = c.get(f"/admin?lang={lang}").text
            shown = re.search(r'id="index-est">([^<]+)<span class="hint">([^<]+)<', page)
            assert shown[1].strip() == f"{index['estimate']:.2f}".replace(".", sep)
            assert shown[2] == predicate(index["estimate"], lang)
            assert re.search(r'id="rate">1 (dari|of) 10 OPD\w* \(10%\)<', page)


def test_a_reader_writes_through_a_stderr_of_its_own_not_the_one_it_inherited(monkeypatch):
    """The server forks readers from its threads: a stream that another thread held locked at the moment of
    the fork stays locked for ever in the child, so a reader (whose parser may warn on stderr) must not write
    through the inherited sys.stderr."""
    import spbe_excel.read.batch as batch
    from spbe_excel.master import embedded_master
    from spbe_excel.model.vocab import FileState

    inherited = sys.stderr
    real = batch.read_submission

    def noisy(*args, **kwargs):  # a parser that warns on stderr, as openpyxl does
        if sys.stderr is inherited:
            raise RuntimeError("the reader writes through the parent's sys.stderr")
        print("peringatan dari pembaca", file=sys.stderr, flush=True)
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "read_submission", noisy)
    [sub] = batch.read_many([EXAMPLES / "PBJ_Triwulan_III_2019.xlsx"], embedded_master(), period=PERIOD, workers=1)
    assert sub.status == FileState.ACCEPTED and sub.opd == "PBJ", [f.code for f in sub.findings]


def test_an_opd_over_its_quota_for_the_round_is_refused_with_a_clear_message(store):
    path = EXAMPLES / "PBJ_Triwulan_III_2019.xlsx"
    size = path.stat().st_size
    with client(store, quota=2 * size) as c:
        assert [upload(c, links(store)["PBJ"], path).status_code for _ in range(2)] == [201, 201]
        refused = upload(c, links(store)["PBJ"], path)
        assert refused.status_code == 413 and "kiriman baru tidak diterima" in refused.json()["message"]
        assert upload(c, links(store)["BPKAD"], EXAMPLES / "BPKAD_Triwulan_III_2019.xlsx").status_code == 201
    with sqlite3.connect(store / "portal.db") as con:
        assert con.execute("select count(*) from uploads where opd = 'PBJ'").fetchone()[0] == 2


def test_a_plan_with_numbered_actions_counts_actions_and_lists_the_claims_not_counted(tmp_path):
    """Kabupaten Contoh's plan: the status page counts action x OPD pairs, and lists BPKAD's level claimed on
    a row with errors as not counted, with why (issue 17)."""
    contoh = ROOT / "examples" / "kabupaten-contoh"
    folder = tmp_path / "portal"
    init(folder, "Triwulan I 2026", master=str(contoh / "rencana-2026-terisi.xlsx"))
    with client(folder) as c:
        sent = upload(c, links(folder)["BPKAD"], contoh / "triwulan-i-2026" / "BPKAD_Triwulan_I_2026.xlsx").json()
        assert sent["state"] == "accepted" and "level-not-counted" in {f["code"] for f in sent["findings"]}
        index = c.get("/api/v1/status", headers={"Authorization": f"Bearer {admin_token(folder)}"}).json()["index"]
        assert index["numbered"] is True
        assert [(x["no"], x["opd"], x["claimed"], x["counted"]) for x in index["claims_not_counted"]] == [
            (13, "BPKAD", 3, 2)]
        csrf = re.search(r'name="csrf" value="([^"]+)"', c.get("/admin").text)[1]
        c.post("/admin/login", data={"csrf": csrf, "token": admin_token(folder)})
        page = c.get("/admin?lang=id").text
        assert "Aksi x OPD terlapor" in page and "Indikator x OPD" not in page
        claims = re.search(r'<table class="list claims" id="claims".*?</table>', page, re.S)[0]
        assert "BPKAD" in claims and "baris ini masih ada galat" in claims


def test_dkis_downloads_the_year_workbook_and_the_leaders_page_of_the_store_s_rounds(store, tmp_path):
    """Issue 20: the intake store's rounds of a year (here Triwulan III and IV 2019) make the year workbook, as
    `spbe-excel year` does over their consolidated workbooks, and its one-page PDF; Triwulan I and II, which the
    store has no round of, show as missing."""
    import openpyxl

    with client(store) as c:
        assert upload(c, links(store)["PBJ"], EXAMPLES / "PBJ_Triwulan_III_2019.xlsx").status_code == 201
    init(store, "Triwulan IV 2019", deadline=dt.date(2020, 1, 10))
    with client(store) as c:
        csrf = re.search(r'name="csrf" value="([^"]+)"', c.get("/admin").text)[1]
        c.post("/admin/login", data={"csrf": csrf, "token": admin_token(store)})
        page = c.get("/admin").text
        assert 'href="/admin/tahun.xlsx"' in page and 'href="/admin/ringkasan.pdf"' in page
        book = c.get("/admin/tahun.xlsx")
        pdf = c.get("/admin/ringkasan.pdf?lang=en")
    assert book.status_code == 200 and book.headers["content-disposition"] == 'attachment; filename="rekap-2019.xlsx"'
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("attachment;") and pdf.content.startswith(b"%PDF")
    (tmp_path / "tahun.xlsx").write_bytes(book.content)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(tmp_path / "tahun.xlsx", data_only=True)["Ringkasan"]
    periods = {row[0]: row[1] for row in ws.iter_rows(min_row=6, max_row=9, values_only=True)}
    assert list(periods) == ["Triwulan I 2019", "Triwulan II 2019", "Triwulan III 2019", "Triwulan IV 2019"]
    assert periods["Triwulan I 2019"] == periods["Triwulan II 2019"] == "tidak ada rekap"
    assert "tidak ada rekap" not in (periods["Triwulan III 2019"], periods["Triwulan IV 2019"])
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True).stdout.decode()
        assert "SPBE" in text and "Triwulan IV 2019" in text
