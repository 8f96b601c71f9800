"""Headless Chromium for tests: Debian's chromium and chromium-driver, driven by Selenium.

Nothing is downloaded: the driver is always /usr/bin/chromedriver (a Service given its path never calls
Selenium Manager) and the browser /usr/bin/chromium.  The flags keep Chromium from reaching for the network
(component updates, sync, QUIC, first-run pings): on a machine without one it would otherwise hang.  Each
driver gets a fresh profile directory and a download directory of its own, where files served as
attachments land without a prompt; :func:`wait_for_download` waits for one to be complete.

Selenium is imported only when a browser is asked for, so the suite still collects without it.
"""

from __future__ import annotations

import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WINDOW = (1280, 1000)
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")


class BrowserUnavailable(Exception):
    """Chromium, its driver or Selenium is missing (the message says which)."""


def require_browser() -> None:
    """BrowserUnavailable unless Chromium, chromedriver and Selenium are all there."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not Path(path).exists():
            raise BrowserUnavailable(f"{path} not found (apt-get install {package})")
    try:
        import selenium  # noqa: F401
    except ImportError as exc:
        raise BrowserUnavailable(f"selenium is not installed ({exc})") from exc


def start_chromium(profile_dir: Path, download_dir: Path, log_file: Path | None = None):
    """A Selenium Chrome WebDriver on headless Chromium, window 1280x1000, with a fresh profile in
    ``profile_dir`` and downloads going to ``download_dir`` (also set as its ``download_dir``
    attribute).  The caller quits it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    download_dir = Path(download_dir).resolve()
    download_dir.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={Path(profile_dir).resolve()}")
    options.add_argument(f"--window-size={WINDOW[0]},{WINDOW[1]}")
    options.add_experimental_option("prefs", {
        "download.default_directory": str(download_dir),
        "download.prompt_for_download": False,
        "download.directory_upgrade": True,
        "safebrowsing.enabled": False,
    })
    service = Service(CHROMEDRIVER, log_output=str(log_file) if log_file else None)
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(30)
        # the prefs alone are enough for headless=new today; the CDP call makes it explicit for any page
        driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": str(download_dir), "eventsEnabled": False})
    except BaseException:
        driver.quit()
        raise
    driver.download_dir = download_dir  # type: ignore[attr-defined]
    return driver


def wait_for_download(download_dir: Path, name: str | None = None, timeout: float = 10) -> Path:
    """The file that a download put in ``download_dir`` (named ``name``, or the only one), once Chromium
    has finished it (no ``.crdownload`` left and the size steady); TimeoutError after ``timeout`` s."""
    download_dir = Path(download_dir)
    deadline = time.monotonic() + timeout
    last: tuple[Path, int] | None = None
    while time.monotonic() < deadline:
        partial = list(download_dir.glob("*.crdownload"))
        done = [p for p in download_dir.iterdir() if p.is_file() and p.suffix != ".crdownload"
                and (name is None or p.name == name)]
        if not partial and len(done) == 1:
            size = done[0].stat().st_size
            if last == (done[0], size):
                return done[0]
            last = (done[0], size)
        time.sleep(0.1)
    found = sorted(p.name for p in download_dir.iterdir())
    raise TimeoutError(f"no finished download{' ' + name if name else ''} in {download_dir} after {timeout} s;"
                       f" there: {found}")
