"""Nothing acknowledged is lost: 40 clients upload at once to a real server (``portal serve`` in a
subprocess), the server and its reading workers are killed (SIGKILL) in the middle, the server is started
again on the same store, and every upload that got a ``201`` is there -- in the list of uploads with the
verdict it was answered with, its blob with its SHA-256, its page and feedback -- counted as the rule
says (each OPD's latest upload that was not rejected), the status consistent with the uploads; requests
cut by the kill may fail.  Then uploads work again.  On SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import hashlib
import io
import random
import sqlite3
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from served import Served

httpx = pytest.importorskip("httpx")
pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("sqlalchemy")

from spbe_excel.cli import cli  # noqa: E402

EXAMPLES = ROOT / "examples" / "triwulan-iii"
PERIOD = "Triwulan III 2019"
OWN = {  # OPD -> its example sheet (DUKCAPIL has none: it sends only what is rejected)
    "BAPPEDA": "BAPPEDA_Triwulan_III_2019.xlsx", "BKPSDM": "BKPSDM_Triwulan_III_2019.xlsx",
    "BPKAD": "BPKAD_Triwulan_III_2019.xlsx", "DISNAKER": "DISNAKER_Triwulan_III_2019.xls",
    "DKIS": "DKIS_Triwulan_III_2019.xlsx", "DPMPTSP": "DPMPTSP_Triwulan_III_2019.ods",
    "HUKUM": "HUKUM_Triwulan_III_2019.xlsx", "PBJ": "PBJ_Triwulan_III_2019.xlsx",
    "ORGANISASI": "Monev SPBE Bag Organisasi TW3.xlsx",
}
CLIENTS = 40
UPLOADS_PER_CLIENT = 3
KILL_AFTER = 30  # acknowledged uploads before the kill


def variant(data: bytes, k: int) -> bytes:
    """The same workbook in other bytes (its zip entries dated differently), so that each upload has a blob of
    its own; an .xls (not a zip) is sent as it is."""
    if not data.startswith(b"PK"):
        return data
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=(1990 + k % 40, 1 + k // 40 % 12, 1, 0, 0, 0))
            new.compress_type, new.external_attr = info.compress_type, info.external_attr
            out.writestr(new, src.read(info.filename))
    return buf.getvalue()


@dataclass
class Outcome:
    acked: list[dict] = field(default_factory=list)  # the 201 bodies
    failed: list[str] = field(default_factory=list)  # what the others got
    lock: threading.Lock = field(default_factory=threading.Lock)
    enough: threading.Event = field(default_factory=threading.Event)


def plan(codes: list[str]) -> list[tuple[str, list[tuple[str, bytes]]]]:
    """What each client sends: (its OPD, [(file name, bytes)]): mostly its own sheet, some files that are no
    workbook and some other OPD's sheet (both rejected)."""
    own = {code: (EXAMPLES / name).read_bytes() for code, name in OWN.items()}
    clients = []
    for i in range(CLIENTS):
        opd = codes[i % len(codes)]
        rng = random.Random(i)
        files = []
        for j in range(UPLOADS_PER_CLIENT):
            k = i * UPLOADS_PER_CLIENT + j
            kind = rng.choice(["own", "own", "own", "junk", "other"]) if opd in own else rng.choice(["junk", "other"])
            if kind == "own":
                files.append((OWN[opd], variant(own[opd], k)))
            elif kind == "junk":
                files.append((f"{opd}_rusak.xlsx", b"PK\x03\x04 no workbook " + str(k).encode()))
            else:
                other = sorted(c for c in own if c != opd)[k % (len(own) - 1)]
                files.append((f"laporan {opd}.xlsx", variant(own[other], k)))
        clients.append((opd, files))
    return clients


def client(url: str, token: str, files: list[tuple[str, bytes]], start: threading.Barrier, out: Outcome) -> None:
    start.wait()
    with httpx.Client(base_url=url, timeout=30) as http:
        for name, data in files:
            try:
                r = http.post("/api/v1/submissions", headers={"Authorization": f"Bearer {token}"},
                              files={"file": (name, data, "application/octet-stream")})
            except httpx.HTTPError as exc:  # cut by the kill (or refused once the server is gone)
                with out.lock:
                    out.failed.append(type(exc).__name__)
                return
            with out.lock:
                if r.status_code == 201:
                    body = r.json()
                    if body["sha256"] != hashlib.sha256(data).hexdigest():  # (an assert here would go unseen)
                        out.failed.append(f"#{body['id']} answered with another SHA-256")
                    out.acked.append(body)
                    if len(out.acked) >= KILL_AFTER:
                        out.enough.set()
                else:
                    out.failed.append(str(r.status_code))


def read_links(folder: Path) -> dict[str, str]:
    with open(folder / "tautan-opd.csv", encoding="utf-8-sig", newline="") as fh:
        return {r[0]: r[2].rsplit("/o/", 1)[1] for r in list(csv.reader(fh))[1:]}


def listing(url: str, admin: str) -> dict[int, dict]:
    r = httpx.get(url + "/admin/kiriman.zip", headers={"Authorization": f"Bearer {admin}"}, timeout=30)
    assert r.status_code == 200
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        text = zf.read("daftar-kiriman.csv").decode("utf-8-sig")
    return {int(row["id"]): row for row in csv.DictReader(io.StringIO(text))}


def expected_status(rows: list[dict]) -> tuple[str, int | None]:
    """An OPD's state and counted upload from its uploads (in id order), by the rule."""
    counted = [r for r in rows if r["state"] == "accepted"]
    if counted:
        return ("accepted-with-errors" if int(counted[-1]["errors"]) else "accepted"), int(counted[-1]["id"])
    return ("rejected" if rows else "missing"), None


def check_consistent(url: str, admin: str, folder: Path, acked: list[dict]) -> dict[int, dict]:
    """Every acknowledged upload stored as answered, the counting rule and the status followed; the list."""
    uploads = listing(url, admin)
    for body in acked:
        row = uploads.get(body["id"])
        assert row is not None, f"acknowledged upload #{body['id']} lost"
        assert (row["opd"], row["sha256"], row["state"], int(row["size"])) == \
            (body["opd"], body["sha256"], body["state"], body["size"])
        assert int(row["errors"]) == body["errors"] and int(row["warnings"]) == body["warnings"]
        data = (folder / "blobs" / body["sha256"][:2] / body["sha256"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == body["sha256"] and len(data) == body["size"]
    status = httpx.get(url + "/api/v1/status", headers={"Authorization": f"Bearer {admin}"}, timeout=30).json()
    by_opd: dict[str, list[dict]] = {}
    for uid in sorted(uploads):
        by_opd.setdefault(uploads[uid]["opd"], []).append(uploads[uid])
    for o in status["opds"]:
        rows = by_opd.get(o["code"], [])
        state, counted = expected_status(rows)
        assert o["state"] == state, (o, rows)
        assert [int(r["id"]) for r in rows if r["counted"] == "1"] == ([counted] if counted else [])
        assert o["last_upload"] == (rows[-1]["received_at"] if rows else None)
        shown = next((r for r in rows if int(r["id"]) == counted), rows[-1] if rows else None)
        assert (o["errors"], o["warnings"]) == ((int(shown["errors"]), int(shown["warnings"])) if shown else (0, 0))
        accepted_acks = [b["id"] for b in acked if b["opd"] == o["code"] and b["state"] == "accepted"]
        if accepted_acks:  # what counts is at least as new as the newest acknowledged accepted upload
            assert counted is not None and counted >= max(accepted_acks)
    return uploads


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path) -> Path:
    folder = tmp_path / "portal"
    extra = ["--db", request.getfixturevalue("fresh_postgres_url")] if request.param == "postgresql" else []
    done = CliRunner().invoke(cli, ["portal", "init", str(folder), "--period", PERIOD, *extra])
    assert done.exit_code == 0, done.output
    return folder


def test_uploads_acknowledged_before_a_crash_are_all_kept_and_counted(store, tmp_path):
    links = read_links(store)
    admin = (store / "token-admin.txt").read_text().strip()
    server = Served(store, tmp_path / "serve.log")
    try:
        server.start()
        out = Outcome()
        clients = plan(sorted(links))
        start = threading.Barrier(CLIENTS)
        threads = [threading.Thread(target=client, args=(server.url, links[opd], files, start, out), daemon=True)
                   for opd, files in clients]
        for th in threads:
            th.start()
        assert out.enough.wait(60), f"only {len(out.acked)} uploads acknowledged: {out.failed[:5]}"
        server.kill()
        for th in threads:
            th.join(30)
        assert not any(th.is_alive() for th in threads)
        acked = list(out.acked)
        total = CLIENTS * UPLOADS_PER_CLIENT
        # the kill came in the middle: some uploads were answered, some were cut or never got through
        assert KILL_AFTER <= len(acked) < total and out.failed, (len(acked), out.failed)
        assert set(out.failed) <= {"ReadError", "RemoteProtocolError", "ConnectError", "ReadTimeout", "WriteError",
                                   "ConnectTimeout"}, out.failed
        backend = "sqlite" if (store / "portal.db").exists() else "postgresql"
        if backend == "sqlite":
            with sqlite3.connect(store / "portal.db") as con:
                assert con.execute("pragma integrity_check").fetchone() == ("ok",)

        server.start()  # again, on the same store
        uploads = check_consistent(server.url, admin, store, acked)
        assert len(uploads) >= len(acked)  # some cut requests may have been recorded before the kill
        cut = sorted((f, out.failed.count(f)) for f in set(out.failed))
        print(f"\n{backend}: {len(acked)} of {CLIENTS * UPLOADS_PER_CLIENT} uploads acknowledged before the kill, "
              f"{len(uploads)} stored, the others: {cut}")
        kinds = {b["state"] for b in acked}
        assert kinds == {"accepted", "rejected"}, kinds
        with httpx.Client(base_url=server.url, timeout=30) as http:
            for body in acked:  # its page shows its verdict and its SHA-256
                page = http.get(f"/o/{links[body['opd']]}/kiriman/{body['id']}")
                verdict = "rejected" if body["state"] == "rejected" else \
                    "accepted-with-errors" if body["errors"] else "accepted"
                assert page.status_code == 200 and f'id="verdict" data-state="{verdict}"' in page.text
                assert body["sha256"][:12] in page.text
            for body in {b["state"] + str(b["errors"] > 0): b for b in acked}.values():  # a feedback of each kind
                fb = http.get(f"/api/v1/submissions/{body['id']}/feedback.xlsx",
                              headers={"Authorization": f"Bearer {links[body['opd']]}"})
                assert fb.status_code == 200 and fb.content[:2] == b"PK"

            # uploads work again, and the newest accepted one counts
            data = variant((EXAMPLES / OWN["BAPPEDA"]).read_bytes(), 999)
            r = http.post("/api/v1/submissions", headers={"Authorization": f"Bearer {links['BAPPEDA']}"},
                          files={"file": ("BAPPEDA.xlsx", data, "application/octet-stream")})
            assert r.status_code == 201 and r.json()["state"] == "accepted", r.text
            after = check_consistent(server.url, admin, store, [*acked, r.json()])
            assert after[r.json()["id"]]["counted"] == "1" and max(after) == r.json()["id"]
    finally:
        server.stop()
