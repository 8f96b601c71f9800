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


# ---- what a page must be for every user: axe-core, width, focus -------------------------------------------
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"  # axe-core 4.14.1 (vendor/README)
PHONE = 390  # CSS pixels: a common phone's width


def set_width(driver, width: int, height: int = 1000) -> None:
    """Show pages ``width`` CSS pixels wide; under 600 as a phone does (its viewport meta tag applies)."""
    phone = width < 600
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 844 if phone else height, "deviceScaleFactor": 1, "mobile": phone})


def axe_source() -> str:
    import hashlib

    data = AXE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == AXE_SHA256, f"{AXE} is not the vendored axe-core 4.14.1"
    return data.decode("utf-8")


_AXE_RUN = """
var done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  done(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(function (n) { return n.target.join(" ") + ": " + (n.failureSummary || ""); })};
  }));
}, function (e) { done([{id: "axe-failed", impact: "critical", help: String(e), nodes: []}]); });
"""


def axe_violations(driver, source: str) -> list[dict]:
    """axe-core's violations on the page shown (``source``: :func:`axe_source`), every rule it runs by default
    (WCAG 2.0, 2.1 and 2.2 A and AA, and best practices): id, impact, help and the nodes concerned."""
    driver.execute_script(source)
    return driver.execute_async_script(_AXE_RUN)


_OVERFLOW = """
var width = document.documentElement.clientWidth, out = [];
var root = document.scrollingElement;
if (root.scrollWidth > root.clientWidth) { out.push("page: " + root.scrollWidth + " > " + root.clientWidth); }
function hidden(e) {  /* out of sight on purpose: clipped, or inside a clipped box */
  for (; e && e !== document.body; e = e.parentElement) {
    var s = getComputedStyle(e);
    if (s.clip !== "auto" || s.display === "none" || s.visibility === "hidden") { return true; }
  }
  return false;
}
document.querySelectorAll("body *").forEach(function (e) {
  var r = e.getBoundingClientRect(), s = getComputedStyle(e);
  if (r.width === 0 || hidden(e)) { return; }
  var name = e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && e.className.baseVal === undefined
             ? "." + String(e.className).trim().split(/\\s+/).join(".") : "");
  if (r.right > width + 0.5 || r.left < -0.5) {
    out.push(name + " spans " + Math.round(r.left) + "-" + Math.round(r.right) + " of " + width);
  }
  if ((s.overflowX === "auto" || s.overflowX === "scroll") && e.scrollWidth > e.clientWidth + 1) {
    out.push(name + " scrolls sideways: " + e.scrollWidth + " > " + e.clientWidth);
  }
});
return out;
"""


def overflowing(driver) -> list[str]:
    """What makes the page wider than its window, or scrolls sideways inside it: [] when it reads without
    sideways scrolling."""
    return driver.execute_script(_OVERFLOW)


_CONTRAST = """
function rgba(text) { var m = text.match(/[\\d.]+/g).map(Number); if (m.length < 4) { m.push(1); } return m; }
function lum(c) {
  var v = c.slice(0, 3).map(function (x) {
    x /= 255;
    return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function ratio(a, b) { var x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
function behind(e) {  /* the first opaque background from e up */
  for (; e; e = e.parentElement) { var c = rgba(getComputedStyle(e).backgroundColor); if (c[3] > 0) { return c; } }
  return [255, 255, 255, 1];
}
"""

_FOCUS_RING = _CONTRAST + """
var e = document.activeElement;
if (!e || e === document.body) { return null; }
var ringed = e, s = getComputedStyle(e);
if (s.outlineStyle === "none" && e.closest("label.drop")) {  /* the hidden file input: its drop zone is ringed */
  ringed = e.closest("label.drop");
  s = getComputedStyle(ringed);
}
var around = behind(ringed.parentElement);
return {what: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + " " + (e.textContent || "").trim().slice(0, 40)
              + " " + (e.getAttribute("href") || e.getAttribute("aria-label") || ""),
        style: s.outlineStyle, width: parseFloat(s.outlineWidth), contrast: ratio(rgba(s.outlineColor), around)};
"""

_BORDER = _CONTRAST + """
var e = arguments[0], s = getComputedStyle(e);
return {width: parseFloat(s.borderTopWidth), style: s.borderTopStyle,
        inside: ratio(rgba(s.borderTopColor), behind(e)),
        outside: ratio(rgba(s.borderTopColor), behind(e.parentElement))};
"""


def focus_rings(driver, most: int = 80) -> list[dict]:
    """Tab from the top of the page through every control: for each, its focus ring (outline style, width in
    px) and the ring's contrast with the background around it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    rings: list[dict] = []
    for _ in range(most):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        ring = driver.execute_script(_FOCUS_RING)
        if ring is None or (rings and ring["what"] == rings[0]["what"]):
            break
        rings.append(ring)
    return rings


def border_contrast(driver, element) -> dict:
    """The top border of ``element``: width, style, and its contrast with the element's own background
    (``inside``) and with the background around it (``outside``)."""
    return driver.execute_script(_BORDER, element)


def png(driver) -> bytes:
    """A PNG of the whole page, beyond the window."""
    import base64

    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
    data = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                             "clip": clip})["data"]
    return base64.b64decode(data)
