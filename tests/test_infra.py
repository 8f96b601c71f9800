"""The test infrastructure of the portal works: a real PostgreSQL answers through SQLAlchemy and psycopg,
each fresh database is a new empty one, and headless Chromium loads a page over HTTP, clicks, takes a
screenshot and downloads an attachment.  In CI (SPBE_REQUIRE_POSTGRES=1, SPBE_REQUIRE_BROWSER=1) these
fail instead of skipping when PostgreSQL or Chromium is missing."""

from __future__ import annotations

import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from browser import wait_for_download

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CSV = "OPD;Indikator;Tingkat\nDiskominfo – Persandian;Kebijakan Internal Arsitektur SPBE;3\n".encode()  # not ASCII
PAGES = {
    "/": """<!doctype html><html><head><meta charset="utf-8"><title>Portal uji</title></head><body>
<h1 id="heading">Beranda</h1>
<button id="hitung" onclick="document.getElementById('hasil').textContent = 'Indeks 2,35'">Hitung</button>
<p id="hasil">belum</p>
<a id="lanjut" href="/rekap">Rekap</a>
</body></html>""",
    "/rekap": """<!doctype html><html><head><meta charset="utf-8"><title>Rekap</title></head><body>
<h1 id="heading">Rekap Triwulan I 2026</h1>
<a id="unduh" href="/unduh/rekap.csv">Unduh</a>
</body></html>""",
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/unduh/rekap.csv":
            body, kind = CSV, "text/csv; charset=utf-8"
        elif self.path in PAGES:
            body, kind = PAGES[self.path].encode(), "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if self.path.startswith("/unduh/"):
            self.send_header("Content-Disposition", 'attachment; filename="rekap.csv"')
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # quiet
        pass


@pytest.fixture(scope="module")
def site():
    """Base URL of a tiny http.server on 127.0.0.1 (a free port) serving PAGES and one attachment."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def _user_tables(url: str) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text("select table_schema || '.' || table_name from information_schema.tables"
                                          " where table_schema not in ('pg_catalog', 'information_schema')")
                                     ).scalars())
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_postgres_answers_through_sqlalchemy_and_psycopg(postgres_url):
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url)
    try:
        assert engine.dialect.driver == "psycopg"
        with engine.connect() as conn:
            assert conn.execute(text("select 1")).scalar_one() == 1
            assert int(conn.execute(text("show server_version_num")).scalar_one()) >= 130000
            assert conn.execute(text("show server_encoding")).scalar_one() == "UTF8"
            assert conn.execute(text("select current_user")).scalar_one() == "spbe"
    finally:
        engine.dispose()


_FRESH_SEEN: list[str] = []


@pytest.mark.postgres
@pytest.mark.parametrize("turn", ["first", "second"])
def test_fresh_databases_are_distinct_and_empty(postgres_url, fresh_postgres_url, turn):
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = make_url(fresh_postgres_url).database
    assert name != make_url(postgres_url).database
    assert name not in _FRESH_SEEN
    assert _user_tables(fresh_postgres_url) == []
    engine = create_engine(fresh_postgres_url)
    with engine.begin() as conn:  # left in the pool, still connected: the teardown must end that session
        conn.execute(text("create table penilaian (indikator integer primary key, tingkat integer not null)"))
        conn.execute(text("insert into penilaian values (1, 3)"))
        databases = set(conn.execute(text("select datname from pg_database")).scalars())
    assert name in databases
    assert not databases & set(_FRESH_SEEN), "an earlier test's fresh database was not dropped"
    assert _user_tables(fresh_postgres_url) == ["public.penilaian"]
    _FRESH_SEEN.append(name)


@pytest.mark.browser
def test_chromium_loads_clicks_and_takes_a_screenshot(chromium, site, tmp_path):
    from selenium.webdriver.common.by import By

    chromium.get(site + "/")
    assert chromium.title == "Portal uji"
    assert chromium.find_element(By.ID, "hasil").text == "belum"
    chromium.find_element(By.ID, "hitung").click()
    assert chromium.find_element(By.ID, "hasil").text == "Indeks 2,35"
    chromium.find_element(By.ID, "lanjut").click()
    assert chromium.current_url == site + "/rekap"
    assert chromium.find_element(By.ID, "heading").text == "Rekap Triwulan I 2026"

    png = chromium.get_screenshot_as_png()
    assert len(png) > 0 and png.startswith(PNG_MAGIC)
    width, height = struct.unpack(">II", png[16:24])  # IHDR, right after the magic and the chunk header
    assert width == 1280 and 0 < height <= 1000
    path = tmp_path / "rekap.png"
    assert chromium.save_screenshot(str(path))
    assert path.stat().st_size > 0 and path.read_bytes()[:8] == PNG_MAGIC


@pytest.mark.browser
def test_chromium_downloads_an_attachment(chromium, site):
    from selenium.webdriver.common.by import By

    chromium.get(site + "/rekap")
    chromium.find_element(By.ID, "unduh").click()
    downloaded = wait_for_download(chromium.download_dir, "rekap.csv", timeout=10)
    assert downloaded.parent == chromium.download_dir
    assert downloaded.read_bytes() == CSV
