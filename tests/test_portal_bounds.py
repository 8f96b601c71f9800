"""What one upload may cost the intake page, on a real server (``portal serve`` in a subprocess, real sockets):
a file of a few kilobytes that names one long text from many cells, a file of 60,000 rows, two OPDs sending
such files again and again while a third sends its ordinary one.  Issue 18, points 1 and 5; each test failed
before its fix (the figures of the failures are in each test's docstring)."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest
from conftest import ROOT

httpx = pytest.importorskip("httpx")
pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("sqlalchemy")

import amplify  # noqa: E402
from served import Served  # noqa: E402

from spbe_excel.portal.setup import init  # noqa: E402

EXAMPLES = ROOT / "examples" / "triwulan-iii"
PERIOD = "Triwulan III 2019"
PBJ = EXAMPLES / "PBJ_Triwulan_III_2019.xlsx"
MB = 1024 * 1024


def links(folder: Path) -> dict[str, str]:
    with open(folder / "tautan-opd.csv", encoding="utf-8-sig", newline="") as fh:
        return {r[0]: r[2].rsplit("/o/", 1)[1] for r in list(csv.reader(fh))[1:]}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """DKIS's template (16 rows) made into: 60 text cells naming one string of 1,000,000 characters (15 KB on
    disk); 7 of them (under the limit of repeated text: read, each a text-too-long finding); 60,000 rows more
    (4 MB, some 60,000 findings); and an .ods repeating a text of 1,000,000 characters over 60 cells."""
    folder = tmp_path_factory.mktemp("amplify")
    template = amplify.template(folder / "templat", "DKIS", PERIOD)
    return {"sixty": amplify.one_text_everywhere(template, folder / "enam-puluh.xlsx", cells=60),
            "seven": amplify.one_text_everywhere(template, folder / "tujuh.xlsx", cells=7),
            "rows": amplify.many_rows(template, folder / "baris.xlsx"),
            "ods": amplify.ods_repeated_text(folder / "ulang.ods")}


@pytest.fixture()
def server(tmp_path):
    folder = tmp_path / "portal"
    init(folder, PERIOD)
    srv = Served(folder, tmp_path / "serve.log")
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def post(http, token: str, path: Path, lang: str = "id") -> httpx.Response:
    with open(path, "rb") as fh:
        return http.post(f"/api/v1/submissions?lang={lang}", headers={"Authorization": f"Bearer {token}"},
                         files={"file": (path.name, fh, "application/octet-stream")})


def stored(folder: Path) -> int:
    """The bytes of the database with its write-ahead log."""
    return sum(p.stat().st_size for p in folder.glob("portal.db*"))


def peak_memory(pid: int) -> int:
    """The most resident memory the process has had (VmHWM), in bytes."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)[1]) * 1024


# ---- point 1: findings amplification ------------------------------------------------------------------------
def test_one_long_text_named_by_many_cells_costs_the_server_little(server, files):
    """Exploited: a 13 KB .xlsx whose 60 cells name one shared string of 1 MB added 115 MB to the database,
    took the server to 631 MB and got a 57 MB reply (each text-too-long finding kept the whole cell, in both
    languages).  Failed before the fix with a reply of 60 MB."""
    token = links(server.folder)["DKIS"]
    with httpx.Client(base_url=server.url, timeout=120) as http:
        assert post(http, token, PBJ).status_code == 201  # the server warm (PBJ's file through DKIS's link: rejected)
        db0, mem0 = stored(server.folder), peak_memory(server.proc.pid)
        sixty = post(http, token, files["sixty"])
        seven = post(http, token, files["seven"], lang="en")
        page = http.get(f"/o/{token}/kiriman/{seven.json()['id']}")
        grown_db, grown_mem = stored(server.folder) - db0, peak_memory(server.proc.pid) - mem0
    assert files["sixty"].stat().st_size < 20_000
    assert sixty.status_code == 201 and len(sixty.content) < 16_000, len(sixty.content)
    [refusal] = sixty.json()["findings"]
    assert refusal["code"] == "file-unreadable" and refusal["params"]["reason"] == "reason.file.text_bomb"
    assert 'lembar "Monev" mengulang teks hingga 58 MB' in refusal["message"]
    # under the limit of repeated text (7 MB of it): read, each cell quoted by its first 300 characters
    assert seven.status_code == 201 and len(seven.content) < 32_000, len(seven.content)
    long = [f for f in seven.json()["findings"] if f["code"] == "text-too-long"]
    assert len(long) == 7
    for f in long:
        assert f["value"] == "Capaian " + "A" * 292 + " [\u2026]" and f["params"]["length"] == 1_000_000
        assert "holds 1,000,000 characters" in f["message"] and len(f["message"]) < 400
    assert page.status_code == 200 and len(page.content) < 64_000
    assert grown_db < 256 * 1024, f"the database grew by {grown_db / MB:.1f} MB"
    assert grown_mem < 64 * MB, f"the server grew by {grown_mem / MB:.0f} MB"


def test_one_uploads_findings_are_bounded_and_counted_in_its_quota(tmp_path, files):
    """A file of 60,000 bad rows has some 60,000 findings: the reply held 19 MB of them, and the database twice
    that, outside the quota, which counted the file only.  Now the findings of one upload weigh at most 256 KB
    of JSON in each language, the rest counted in one findings-omitted finding, and what the upload stores
    (file and findings) counts in the quota: the second upload, within the quota by its file alone, is
    refused.  Failed before the fix with a reply of 19 MB."""
    folder = tmp_path / "portal"
    init(folder, PERIOD)
    size = files["rows"].stat().st_size
    srv = Served(folder, tmp_path / "serve.log")
    srv.start()
    try:
        with httpx.Client(base_url=srv.url, timeout=120) as http:
            token = links(folder)["DKIS"]
            first = post(http, token, files["rows"], lang="en")
    finally:
        srv.stop()
    assert first.status_code == 201 and len(first.content) < 300_000, len(first.content)
    body = first.json()
    last = body["findings"][-1]
    assert last["code"] == "findings-omitted" and last["severity"] == "info"
    assert last["params"]["more"] + len(body["findings"]) - 1 == body["errors"] + body["warnings"]
    assert body["errors"] > 59_000 and last["params"]["errors"] == body["errors"] - (len(body["findings"]) - 1)
    assert f"Not listed here, to keep the list short: {last['params']['more']:,} more findings" in last["message"]
    with sqlite3.connect(folder / "portal.db") as con:
        [(findings,)] = con.execute("select findings from uploads").fetchall()
    assert len(findings) < 2 * 256 * 1024 + 4096
    assert [f["code"] for f in json.loads(findings)["id"]][-1] == "findings-omitted"
    # the quota: the file and its findings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from spbe_excel.portal.app import create_app
    from spbe_excel.portal.web import Settings

    used = size + len(findings)
    with TestClient(create_app(folder, Settings(quota=size + 100_000))) as c:
        second = post(c, links(folder)["DKIS"], PBJ)
    assert used > size + 100_000
    assert second.status_code == 413 and second.json()["error"] == "quota", second.text


def test_validate_json_has_the_same_bounds(files):
    """``validate --format json`` printed 60 MB for the 15 KB file and 29 MB for the file of 60,000 rows."""
    def validate(path: Path) -> tuple[int, list[dict]]:
        done = subprocess.run([sys.executable, "-m", "spbe_excel", "validate", str(path), "--period", PERIOD,
                               "--format", "json"], capture_output=True, text=True, timeout=300, cwd=path.parent)
        return len(done.stdout), json.loads(done.stdout)

    size, [refusal] = validate(files["sixty"])
    assert size < 4000 and refusal["params"] == {"reason": "reason.file.text_bomb", "mb": 58}
    size, [refusal] = validate(files["ods"])  # 59 repeats of the text written once
    assert size < 4000 and refusal["params"] == {"reason": "reason.file.text_bomb", "mb": 57}
    size, found = validate(files["seven"])
    assert size < 16_000 and [f["code"] for f in found].count("text-too-long") == 7
    size, found = validate(files["rows"])
    assert size < 400_000 and found[-1]["code"] == "findings-omitted" and found[-1]["params"]["more"] > 59_000


# ---- point 5: fairness -------------------------------------------------------------------------------------
def test_two_opds_sending_large_files_again_and_again_do_not_delay_a_third(server, files):
    """Exploited: DKIS and BAPPEDA uploading files of 60,000 rows again and again made PBJ's ordinary upload
    wait 20-26 s (their reads held both readers' turns, and building their 19 MB replies held the event loop).
    Now a file read for longer than half a second gives its turn up, and nothing heavy runs on the event loop:
    PBJ's upload takes at most a second longer than alone, and a page asked meanwhile comes at once (one of each
    may hiccup on a shared machine).  Failed before the fix: PBJ's upload took 3.4 s longer, the page 1.2 s."""
    tokens = links(server.folder)
    with httpx.Client(base_url=server.url, timeout=120) as http:
        alone = []
        for _ in range(3):
            started = time.perf_counter()
            assert post(http, tokens["PBJ"], PBJ).status_code == 201
            alone.append(time.perf_counter() - started)
    stop = threading.Event()
    sent = {"DKIS": 0, "BAPPEDA": 0}

    def flood(opd: str) -> None:
        with httpx.Client(base_url=server.url, timeout=300) as http:
            while not stop.is_set():
                r = post(http, tokens[opd], files["rows"])
                assert r.status_code == 201, r.text
                sent[opd] += 1

    def probe(times: list[float]) -> None:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            while not stop.is_set():
                started = time.perf_counter()
                assert http.get("/").status_code == 200
                times.append(time.perf_counter() - started)
                time.sleep(0.05)

    pages: list[float] = []
    threads = [threading.Thread(target=flood, args=(opd,), daemon=True) for opd in sent]
    threads.append(threading.Thread(target=probe, args=(pages,), daemon=True))
    for th in threads:
        th.start()
    loaded = []
    try:
        deadline = time.monotonic() + 90
        with httpx.Client(base_url=server.url, timeout=120) as http:
            while (min(sent.values()) < 2 or len(loaded) < 5) and time.monotonic() < deadline:
                time.sleep(1.5)  # PBJ's link may make 30 requests a minute
                started = time.perf_counter()
                assert post(http, tokens["PBJ"], PBJ).status_code == 201
                loaded.append(time.perf_counter() - started)
    finally:
        stop.set()
        for th in threads:
            th.join(300)
    print(f"sent {sent}; PBJ alone {alone}, with them {loaded}; pages: median {statistics.median(pages):.3f} s, "
          f"slowest {max(pages):.3f} s of {len(pages)}")
    assert min(sent.values()) >= 2, sent  # they did send again and again
    # one hiccup of each is allowed: the machine running the tests may be shared (a second test suite took a page to
    # 1.1 s once); before the fix every large reply held the loop, so several pages and every PBJ upload were late
    delay = sorted(loaded)[-2] - statistics.median(alone)
    assert delay < 1.0, f"PBJ's upload took {delay:.2f} s longer ({loaded}; alone {alone})"
    slow = [p for p in pages if p >= 0.5]
    assert len(slow) <= 1, f"{len(slow)} pages took 0.5 s or more while the large files were handled: {slow}"
