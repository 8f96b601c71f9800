from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))

from browser import BrowserUnavailable, require_browser, start_chromium  # noqa: E402
from lo import LibreOffice, find_soffice  # noqa: E402
from pgserver import PostgresServer, PostgresUnavailable, create_database, drop_database  # noqa: E402

REQUIRE_LO = os.environ.get("SPBE_REQUIRE_LIBREOFFICE") == "1"
REQUIRE_POSTGRES = os.environ.get("SPBE_REQUIRE_POSTGRES") == "1"
REQUIRE_BROWSER = os.environ.get("SPBE_REQUIRE_BROWSER") == "1"


def pytest_configure(config):
    config.addinivalue_line("markers", "postgres: needs a PostgreSQL server; skipped when none can be had "
                                       "unless SPBE_REQUIRE_POSTGRES=1")
    config.addinivalue_line("markers", "browser: needs headless Chromium and chromedriver; skipped when missing "
                                       "unless SPBE_REQUIRE_BROWSER=1")


@pytest.fixture(scope="session")
def master():
    from spbe_excel.master import embedded_master

    return embedded_master()


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory) -> LibreOffice:
    """LibreOffice headless with a profile that recalculates on load.

    Skips when LibreOffice is missing, unless SPBE_REQUIRE_LIBREOFFICE=1
    (set by .ci/run), in which case the test fails."""
    soffice = find_soffice()
    if soffice is None:
        message = "LibreOffice (soffice) not found; install libreoffice-calc-nogui"
        if REQUIRE_LO:
            pytest.fail(message + " (SPBE_REQUIRE_LIBREOFFICE=1)")
        pytest.skip(message)
    return LibreOffice(soffice, tmp_path_factory.mktemp("lo-profile"))


@pytest.fixture(scope="session")
def templates_dir(tmp_path_factory, master) -> Path:
    """Every per-OPD template of the embedded plan, written once."""
    from spbe_excel.write.template import write_templates

    out = tmp_path_factory.mktemp("templates")
    write_templates(out, master, period="Triwulan III 2019")
    return out


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """SQLAlchemy URL (postgresql+psycopg) of a database the tests may use, as a role that may create
    databases: SPBE_PG_URL when set (.ci/run sets it), else a throwaway cluster of Debian's
    /usr/lib/postgresql/*/bin started for the session (tests/pgserver.py).

    Skips when neither can be had, unless SPBE_REQUIRE_POSTGRES=1 (set by .ci/run): then the test fails."""
    server = PostgresServer()
    try:
        url = server.start()
    except PostgresUnavailable as exc:
        if REQUIRE_POSTGRES:
            pytest.fail(f"{exc} (SPBE_REQUIRE_POSTGRES=1)")
        pytest.skip(str(exc))
    try:
        yield url
    finally:
        server.stop()


@pytest.fixture
def fresh_postgres_url(postgres_url) -> Iterator[str]:
    """URL of a new, empty database of its own on the postgres_url server, dropped after the test."""
    url = create_database(postgres_url)
    try:
        yield url
    finally:
        drop_database(url)


@pytest.fixture
def chromium(tmp_path):
    """A Selenium WebDriver on headless Chromium (tests/browser.py), window 1280x1000; files it downloads
    land in ``chromium.download_dir`` (a folder of tmp_path).  Quit after the test.

    Skips when Chromium, chromedriver or Selenium is missing, unless SPBE_REQUIRE_BROWSER=1 (set by
    .ci/run): then the test fails."""
    try:
        require_browser()
    except BrowserUnavailable as exc:
        if REQUIRE_BROWSER:
            pytest.fail(f"{exc} (SPBE_REQUIRE_BROWSER=1)")
        pytest.skip(str(exc))
    driver = start_chromium(tmp_path / "chromium-profile", tmp_path / "downloads", tmp_path / "chromedriver.log")
    try:
        yield driver
    finally:
        driver.quit()
