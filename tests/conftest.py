from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))

from lo import LibreOffice, find_soffice  # noqa: E402

REQUIRE_LO = os.environ.get("SPBE_REQUIRE_LIBREOFFICE") == "1"


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
