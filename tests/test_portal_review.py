"""DKIS's page of one OPD, the confirmation before closing a round, the verdict of a file that is not a workbook,
and dates and times in the store's zone, through the application itself (starlette's TestClient); the same in a
real browser, with axe-core and at phone width, is tests/test_portal_pages.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
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

from spbe_excel.errors import UsageError
from spbe_excel.portal.app import create_app
from spbe_excel.portal.setup import init
from spbe_excel.portal.store import Upload
from spbe_excel.portal.verdict import verdict
from spbe_excel.portal.wording import clock, size_text
from spbe_excel.text import t

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "triwulan-iii"
PERIOD = "Triwulan III 2019"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def links(folder: Path) -> dict[str, str]:
    with open(folder / "tautan-opd.csv", encoding="utf-8-sig", newline="") as fh:
        return {r[0]: r[2].rsplit("/o/", 1)[1] for r in list(csv.reader(fh))[1:]}


def send(c: TestClient, token: str, name: str, data: bytes) -> dict:
    r = c.post("/api/v1/submissions", headers={"Authorization": f"Bearer {token}"},
               files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == 201, r.text
    return r.json()


def log_in(c: TestClient, folder: Path) -> str:
    """Log in with the admin token; the session's CSRF token."""
    login_csrf = re.search(r'name="csrf" value="([^"]+)"', c.get("/admin").text)[1]
    c.post("/admin/login", data={"csrf": login_csrf, "token": (folder / "token-admin.txt").read_text().strip()})
    return re.search(r'name="csrf" value="([^"]+)"', c.get("/admin").text)[1]


@pytest.fixture()
def store(tmp_path) -> Path:
    folder = tmp_path / "portal"
    init(folder, PERIOD, deadline=dt.date(2019, 10, 10))
    return folder


def _audit(c: TestClient, folder: Path) -> list[dict]:
    token = (folder / "token-admin.txt").read_text().strip()
    text = c.get("/admin/audit.csv", headers={"Authorization": f"Bearer {token}"}).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


# ---- 9: DKIS's page of one OPD -------------------------------------------------------------------------------
def test_the_page_of_an_opd_shows_each_upload_its_verdict_findings_file_and_feedback_to_dkis_only(store):
    tokens = links(store)
    mistaken = (EXAMPLES / "BPKAD_Triwulan_III_2019.xlsx").read_bytes()
    with TestClient(create_app(store)) as c:
        pdf = send(c, tokens["BPKAD"], "laporan.pdf", PDF)
        sheet = send(c, tokens["BPKAD"], "BPKAD_Triwulan_III_2019.xlsx", mistaken)
        # without the admin session: the login page, for the page and for each download
        for path in ("/admin/opd/BPKAD", f"/admin/opd/BPKAD/kiriman/{pdf['id']}/berkas",
                     f"/admin/opd/BPKAD/umpan-balik/{sheet['id']}.xlsx"):
            r = c.get(path, follow_redirects=False)
            assert (r.status_code, r.headers["location"]) == (303, "/admin"), path
        assert c.get("/admin/opd/BPKAD", headers={"Authorization": "Bearer " + tokens["BPKAD"]}).status_code == 403
        log_in(c, store)
        page = c.get("/admin/opd/BPKAD").text
        assert page.index(f'id="kiriman-{sheet["id"]}"') < page.index(f'id="kiriman-{pdf["id"]}"')  # newest first
        assert t("portal.result.not_workbook", "id", what="dokumen PDF") in page
        assert t("portal.result.accepted_errors", "id", errors=2) in page
        for f in pdf["findings"] + sheet["findings"]:
            assert f["message"].replace('"', "&#34;") in page
        # the feedback workbook only where there is something to correct
        assert f'/admin/opd/BPKAD/umpan-balik/{sheet["id"]}.xlsx' in page
        assert f'/admin/opd/BPKAD/umpan-balik/{pdf["id"]}.xlsx' not in page
        got = c.get(f"/admin/opd/BPKAD/kiriman/{pdf['id']}/berkas")
        assert got.status_code == 200 and got.content == PDF
        assert got.headers["content-disposition"].endswith('filename="laporan.pdf"')
        got = c.get(f"/admin/opd/BPKAD/kiriman/{sheet['id']}/berkas")
        assert got.content == mistaken
        feedback = c.get(f"/admin/opd/BPKAD/umpan-balik/{sheet['id']}.xlsx")
        assert feedback.status_code == 200 and feedback.content[:2] == b"PK"
        # only under the upload's own OPD; an unknown OPD is not found
        assert c.get(f"/admin/opd/PBJ/kiriman/{sheet['id']}/berkas").status_code == 404
        assert c.get(f"/admin/opd/PBJ/umpan-balik/{sheet['id']}.xlsx").status_code == 404
        assert c.get("/admin/opd/NOPE").status_code == 404
        assert t("portal.admin.opd_none", "id", code="PBJ", period=PERIOD) in c.get("/admin/opd/PBJ").text
        done = [(r["actor"], r["action"], r["detail"], r["sha256"]) for r in _audit(c, store)]
        assert ("admin", "download-upload", f"#{pdf['id']}", pdf["sha256"]) in done
        assert ("admin", "download-upload", f"#{sheet['id']}", sheet["sha256"]) in done
        assert ("admin", "download-feedback", f"#{sheet['id']}", sheet["sha256"]) in done


def test_the_board_says_why_an_opd_was_rejected_and_links_its_page(store):
    tokens = links(store)
    with TestClient(create_app(store)) as c:
        send(c, tokens["BAPPEDA"], "BAPPEDA.pdf", PDF)
        send(c, tokens["DKIS"], "HUKUM_draft.xlsx", (EXAMPLES / "HUKUM_draft.xlsx").read_bytes())
        log_in(c, store)
        page = c.get("/admin?lang=en").text
        rows = dict(re.findall(r'<tr class="[^"]+" data-opd="(\w+)" data-state="[^"]+">(.*?)</tr>', page, re.S))
        assert '<span class="why">Not a workbook: a PDF document</span>' in rows["BAPPEDA"]
        assert '<span class="why">The report of OPD HUKUM</span>' in rows["DKIS"]
        assert 'href="/admin/opd/BAPPEDA"' in rows["BAPPEDA"]
        # a rejected OPD's error count is its file's (not "0"); an OPD that sent nothing has none
        assert re.findall(r'<td class="num"[^>]*>(\d+)</td>', rows["BAPPEDA"]) == ["1", "0"]
        assert re.findall(r'<td class="num empty"[^>]*>(.)</td>', rows["PBJ"]) == ["-", "-"]
        # each "Replace link" button names its OPD
        assert 'aria-label="Replace link of BAPPEDA"' in rows["BAPPEDA"]
        assert len(set(re.findall(r'aria-label="(Replace link of \w+)"', page))) == 10


# ---- 9: closing the round asks first --------------------------------------------------------------------------
def test_closing_the_round_asks_on_a_page_of_its_own(store):
    tokens = links(store)
    with TestClient(create_app(store)) as c:
        assert c.get("/admin/putaran/tutup", follow_redirects=False).headers["location"] == "/admin"
        send(c, tokens["PBJ"], "PBJ.xlsx", (EXAMPLES / "PBJ_Triwulan_III_2019.xlsx").read_bytes())
        csrf = log_in(c, store)
        board = c.get("/admin").text
        assert 'href="/admin/putaran/tutup"' in board and 'value="close"' not in board  # the board only links
        page = c.get("/admin/putaran/tutup").text
        assert t("portal.admin.close_title", "id", period=PERIOD) in page
        pending = ", ".join(code for code in sorted(tokens) if code != "PBJ")
        assert t("portal.admin.close_pending", "id", n=9, codes=pending) in page
        assert f'name="csrf" value="{csrf}"' in page and 'value="close"' in page
        assert c.get("/api/v1/status", headers={"Authorization": "Bearer " + (
            store / "token-admin.txt").read_text().strip()}).json()["closed"] is False  # asking closed nothing
        r = c.post("/admin/putaran", data={"csrf": csrf, "action": "close"}, follow_redirects=False)
        assert (r.status_code, r.headers["location"]) == (303, "/admin")
        assert t("portal.admin.round_closed", "id") in c.get("/admin").text
        assert c.get("/admin/putaran/tutup", follow_redirects=False).headers["location"] == "/admin"


# ---- 11: what a verdict says ----------------------------------------------------------------------------------
def _upload(state: str, errors: int = 0, warnings: int = 0, opd_found: str | None = "BPKAD") -> Upload:
    return Upload(1, 1, "BPKAD", dt.datetime(2026, 1, 5, 1, 2, 3, tzinfo=dt.timezone.utc), "x.xlsx", "0" * 64, 10,
                  state, state == "accepted", opd_found, errors, warnings, "{}")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_verdict_says_what_a_file_is_and_offers_feedback_only_when_there_is_something_to_correct(lang):
    pdf = {"code": "file-unreadable", "params": {"reason": "reason.file.not_workbook", "content": "what.pdf"}}
    v = verdict(_upload("rejected", 1), [pdf], lang)
    assert v.notice == t("portal.result.not_workbook", lang, what=t("what.pdf", lang))
    assert v.why == t("portal.why.not_workbook", lang, what=t("what.pdf", lang))
    assert (v.state, v.feedback, v.template) == ("rejected", False, True)
    corrupt = {"code": "file-unreadable", "params": {"reason": "reason.file.corrupt"}}
    v = verdict(_upload("rejected", 1), [corrupt], lang)
    cannot = "Berkas tidak dapat dibaca" if lang == "id" else "File cannot be read"
    assert (v.notice, v.why) == (t("portal.result.rejected_because", lang, why=cannot), cannot)
    assert (v.feedback, v.template) == (False, True)
    v = verdict(_upload("rejected", 1), [{"code": "sheet-not-found", "params": {"sheets": ["Sheet"]}}], lang)
    assert (v.notice, v.feedback, v.template) == (t("portal.result.no_sheet", lang), False, True)
    mismatch = {"code": "opd-mismatch", "params": {"found": "HUKUM"}}
    v = verdict(_upload("rejected", 1, opd_found="BPKAD"), [mismatch], lang)
    assert v.notice == t("portal.result.other_opd", lang, found="HUKUM", opd="BPKAD")
    warning = {"code": "level-not-counted", "params": {}}
    assert verdict(_upload("accepted", 2, 1), [warning], lang).feedback is True
    assert verdict(_upload("accepted", 0, 1), [warning], lang).feedback is True
    clean = verdict(_upload("accepted"), [], lang)
    assert (clean.state, clean.feedback, clean.template, clean.notice) == ("accepted", False, False,
                                                                          t("portal.result.accepted", lang))


def test_the_result_of_a_file_that_is_not_a_workbook_offers_the_template_not_a_feedback(store):
    tokens = links(store)
    with TestClient(create_app(store)) as c:
        sent = send(c, tokens["BAPPEDA"], "foto laporan.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 64)
        page = c.get(f"/o/{tokens['BAPPEDA']}/kiriman/{sent['id']}?lang=en").text
        assert t("portal.result.not_workbook", "en", what="an image") in page
        assert 'id="send-template"' in page and 'id="feedback"' not in page
        clean = send(c, tokens["BAPPEDA"], "BAPPEDA.xlsx", (EXAMPLES / "BAPPEDA_Triwulan_III_2019.xlsx").read_bytes())
        assert clean["errors"] == clean["warnings"] == 0
        page = c.get(f"/o/{tokens['BAPPEDA']}/kiriman/{clean['id']}").text
        assert 'id="feedback"' not in page and 'id="send-template"' not in page


# ---- 10: dates and times --------------------------------------------------------------------------------------
def test_times_are_written_with_month_names_in_the_stores_zone():
    at = dt.datetime(2019, 12, 31, 16, 5, 9, tzinfo=dt.timezone.utc)
    assert clock(at, "id", "WIB") == "31 Desember 2019, 23.05.09 WIB"
    assert clock(at, "id", "WITA") == "1 Januari 2020, 00.05.09 WITA"  # another day, month and year
    assert clock(at, "en", "WIT", seconds=False) == "1 January 2020, 01:05 WIT"
    assert (size_text(900, "id"), size_text(15_900, "id"), size_text(15_900, "en")) == ("900 bita", "15,5 KB",
                                                                                        "15.5 KB")


def test_a_deadline_years_past_is_a_date_and_pages_write_times_in_the_zone(store):
    tokens = links(store)
    with TestClient(create_app(store)) as c:
        sent = send(c, tokens["PBJ"], "PBJ.xlsx", (EXAMPLES / "PBJ_Triwulan_III_2019.xlsx").read_bytes())
        at = dt.datetime.fromisoformat(sent["received_at"])
        for lang, deadline in (("id", "10 Oktober 2019</time>"), ("en", "10 October 2019</time>")):
            page = c.get(f"/o/{tokens['PBJ']}?lang={lang}").text
            assert deadline in page and t("portal.opd.passed", lang) in page
            assert "hari)" not in page and "overdue" not in page and "10-10-2019" not in page
            assert clock(at, lang, "WITA") in page  # the default zone
            assert not re.search(r"\d\d-\d\d-\d{4}", page)
    json_path = store / "portal.json"
    assert json.loads(json_path.read_text())["zone"] == "WITA"
    init(store, "Triwulan IV 2019", zone="wit")  # a new round may change the zone
    assert json.loads(json_path.read_text())["zone"] == "WIT"
    init(store, "Triwulan I 2020")  # and keeps it when none is given
    assert json.loads(json_path.read_text())["zone"] == "WIT"
    with TestClient(create_app(store)) as c:
        page = c.get(f"/o/{tokens['PBJ']}/kiriman/{sent['id']}").text
        assert clock(at, "id", "WIT") in page


@pytest.mark.parametrize(("late", "shown"), [(0, "hari ini"), (1, "lewat 1 hari"), (30, "lewat 30 hari"),
                                             (31, "sudah lewat"), (-3, "3 hari lagi")])
def test_a_deadline_counts_its_days_for_a_month_then_shows_as_passed(tmp_path, late, shown):
    from spbe_excel.portal.wording import today

    deadline = today("WIT") - dt.timedelta(days=late)  # the day in the store's zone, not the server's
    init(tmp_path / "p", PERIOD, deadline=deadline, zone="WIT")
    with TestClient(create_app(tmp_path / "p")) as c:
        page = c.get(f"/o/{links(tmp_path / 'p')['PBJ']}").text
    days = re.search(r'<dd id="deadline">.*?</dd>', page, re.S)[0]
    assert f">{deadline.day} " in days and f"({shown})" in days


def test_init_takes_a_zone_and_refuses_an_unknown_one(tmp_path):
    with pytest.raises(UsageError) as refused:
        init(tmp_path / "a", PERIOD, zone="CET")
    assert refused.value.key == "portal.init.zone" and not (tmp_path / "a").exists()
    done = subprocess.run([sys.executable, "-m", "spbe_excel", "portal", "init", str(tmp_path / "b"), "--period",
                           PERIOD, "--zone", "WIB", "--lang", "en"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert t("portal.init.zone_used", "en", zone="WIB", hours=7) in done.stdout
    assert json.loads((tmp_path / "b" / "portal.json").read_text())["zone"] == "WIB"
    bad = subprocess.run([sys.executable, "-m", "spbe_excel", "portal", "init", str(tmp_path / "c"), "--period",
                          PERIOD, "--zone", "UTC"], capture_output=True, text=True)
    assert bad.returncode == 2 and not (tmp_path / "c").exists()


# ---- 8: each page its own title -------------------------------------------------------------------------------
def test_each_page_has_its_own_title_and_the_language_link_names_its_language(store):
    tokens = links(store)
    with TestClient(create_app(store)) as c:
        sent = send(c, tokens["PBJ"], "PBJ.xlsx", (EXAMPLES / "PBJ_Triwulan_III_2019.xlsx").read_bytes())
        public = ["/", f"/o/{tokens['PBJ']}", f"/o/{tokens['PBJ']}/kiriman/{sent['id']}", "/o/" + "x" * 32, "/admin"]
        pages = [c.get(p).text for p in public]
        log_in(c, store)
        pages += [c.get(p).text for p in ("/admin", "/admin/opd/PBJ", "/admin/putaran/tutup")]
        titles = [re.search(r"<title>(.*?)</title>", p, re.S)[1] for p in pages]
        assert len(set(titles)) == len(titles), titles
        for page in pages:
            assert re.search(r'<a class="lang" href="\?[^"]*lang=en" lang="en" hreflang="en">English</a>', page)
