"""LibreOffice headless for tests: convert and recalculate real files.

Debian's LibreOffice does not recalculate xlsx formulas on load
(``OOXMLRecalcMode`` = never), so a formula check through it proves nothing
unless the profile says otherwise.  :class:`LibreOffice` makes a private
profile once, sets the recalculation modes to *always*, and converts files in
batches with that profile.  ``tests/test_libreoffice_recalc.py`` proves the
setting works: a formula with a deliberately wrong cached value comes back
corrected.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

_RECALC_ITEM = ('<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="{}" oor:op="fuse">'
                '<value>0</value></prop></item>\n')
RECALC_ITEMS = "\n" + "".join(_RECALC_ITEM.format(mode) for mode in ("OOXMLRecalcMode", "ODFRecalcMode"))

FILTERS = {
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "xls": "xls:MS Excel 97",
    "ods": "ods:calc8",
    "pdf": "pdf:calc_pdf_Export",
    "csv": "csv:Text - txt - csv (StarCalc):44,34,76,1",
}


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"):
        if os.path.exists(candidate):
            return candidate
    return None


class LibreOffice:
    def __init__(self, soffice: str, profile_dir: Path):
        self.soffice = soffice
        self.profile_dir = Path(profile_dir)
        self.profile_url = self.profile_dir.resolve().as_uri()
        self._init_profile()

    def _run(self, args: list[str], timeout: float = 300) -> subprocess.CompletedProcess:
        env = {**os.environ, "HOME": str(self.profile_dir), "SAL_USE_VCLPLUGIN": "svp"}
        return subprocess.run([self.soffice, f"-env:UserInstallation={self.profile_url}", "--headless",
                               "--norestore", "--nologo", "--nodefault", *args],
                              capture_output=True, text=True, timeout=timeout, env=env)

    def _init_profile(self) -> None:
        xcu = self.profile_dir / "user" / "registrymodifications.xcu"
        if not xcu.exists():
            self._run(["--terminate_after_init"], timeout=180)
        if not xcu.exists():
            raise RuntimeError(f"LibreOffice did not create its profile in {self.profile_dir}")
        text = xcu.read_text(encoding="utf-8")
        if "OOXMLRecalcMode" not in text:
            text = text.replace("</oor:items>", RECALC_ITEMS + "</oor:items>")
            xcu.write_text(text, encoding="utf-8")

    def convert(self, paths: list[Path] | Path, fmt: str, outdir: Path, timeout: float = 600) -> list[Path]:
        """Open each file in LibreOffice (recalculating it) and save it as
        ``fmt`` into ``outdir``.  Raises when a file did not come out."""
        paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        result = self._run(["--convert-to", FILTERS[fmt], "--outdir", str(outdir), *map(str, paths)],
                           timeout=timeout)
        outs = [outdir / (Path(p).stem + "." + fmt) for p in paths]
        missing = [o for o in outs if not o.exists()]
        if result.returncode != 0 or missing:
            raise RuntimeError(f"LibreOffice conversion failed (rc={result.returncode}), missing {missing}\n"
                               f"stdout: {result.stdout}\nstderr: {result.stderr}")
        return outs


# ---- typing into cells through LibreOffice's UNO bridge ------------------------------------------

UNO_PYTHON = "/usr/bin/python3"  # the system Python with LibreOffice's UNO bridge (Debian python3-uno)


def _uno_available() -> bool:
    if shutil.which("soffice") is None or not os.path.exists(UNO_PYTHON):
        return False
    return subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


def type_into(src: Path, dst: Path, locale: str, jobs: list, profile: Path) -> dict[str, tuple[str, str]]:
    """Type each ``[sheet, cell, text]`` of ``jobs`` into ``src`` as a user does in LibreOffice set to
    ``locale``, save as ``dst``; what LibreOffice stored per cell (value, type)."""
    import json

    import pytest

    if not _uno_available():
        message = "LibreOffice's UNO bridge (python3-uno for /usr/bin/python3) is missing"
        if os.environ.get("SPBE_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(message + " (SPBE_REQUIRE_LIBREOFFICE=1)")
        pytest.skip(message)
    jobs_file = dst.with_suffix(".json")
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    out = subprocess.run([UNO_PYTHON, str(Path(__file__).parent / "uno_type.py"), str(profile), locale, str(src),
                          str(dst), str(jobs_file)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and dst.exists(), out.stderr
    stored = {}
    for line in out.stdout.splitlines():
        where, _typed, value, kind = line.split("\t")
        stored[where] = (value, kind)
    return stored
