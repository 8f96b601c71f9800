"""A plan too large for a completeness grid (the benchmark's synthetic plan, small)."""

from __future__ import annotations

import os
import sys
import threading
import warnings

import openpyxl
import pytest
from conftest import ROOT
from recalc import compare

from spbe_excel.figures import summary
from spbe_excel.io import fastxlsx as xlsxio
from spbe_excel.master import load_master
from spbe_excel.merge import consolidate
from spbe_excel.read.batch import collect_files, read_many
from spbe_excel.write.workbook import MATRIX_MAX_INDICATORS, write_consolidated

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    master_path, folder = synthetic.prepare(tmp_path_factory.mktemp("syn"), 30)
    master = load_master(master_path)
    subs = read_many(collect_files([folder]), master, period=synthetic.PERIOD, today=synthetic.AS_OF, workers=2)
    cons = consolidate(subs, master, period=synthetic.PERIOD, as_of=synthetic.AS_OF)
    with pytest.MonkeyPatch.context() as mp:  # the Monev sheet written by a forked child, as for a large plan
        mp.setattr(xlsxio, "FORK_MIN_CELLS", 1000)
        path = write_consolidated(cons, tmp_path_factory.mktemp("out") / "rekap.xlsx")
    return master, cons, path


def test_a_forked_sheet_writer_gives_the_same_bytes(large, tmp_path, monkeypatch):
    """Large workbooks write their biggest sheet in a second process; the file must be byte for byte the
    one a single process writes, also when that child fails and the sheet is written after all."""
    _, cons, forked = large
    monkeypatch.setattr(xlsxio, "FORK_MIN_CELLS", 10 ** 12)
    single = write_consolidated(cons, tmp_path / "single.xlsx")
    assert single.read_bytes() == forked.read_bytes()

    started = []

    def failing_child(ws, filename):
        pid = os.fork()
        if pid == 0:
            os._exit(3)
        started.append(ws.name)
        return pid

    monkeypatch.setattr(xlsxio, "FORK_MIN_CELLS", 1000)
    monkeypatch.setattr(xlsxio, "_fork_writer", failing_child)
    fallback = write_consolidated(cons, tmp_path / "fallback.xlsx")
    assert started == ["Monev"]
    assert fallback.read_bytes() == forked.read_bytes()


def test_no_fork_while_other_threads_run(large, tmp_path, monkeypatch):
    _, cons, forked = large
    monkeypatch.setattr(xlsxio, "FORK_MIN_CELLS", 1000)
    monkeypatch.setattr(xlsxio, "_fork_writer", lambda ws, filename: pytest.fail("forked beside a thread"))
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        path = write_consolidated(cons, tmp_path / "threads.xlsx")
    finally:
        release.set()
        other.join()
    assert path.read_bytes() == forked.read_bytes()


def test_synthetic_plan_reads_clean(large):
    master, cons, _ = large
    assert len(master.indicators) > MATRIX_MAX_INDICATORS and len(master.opd_codes) == 30
    assert sum(i.weight for i in master.indicators) == pytest.approx(100)
    assert cons.findings == [] and summary(cons).reporting_rate == 1


def test_completeness_counted_per_opd(large):
    _master, _cons, path = large
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(path)["Kelengkapan"]
    assert [c.value for c in ws[4]][:6] == ["OPD", "Indikator", "Lapor", "Belum", "Tolak", "Tingkat Pelaporan"]
    assert ws["A5"].value == "OPD0001" and ws["B5"].value.startswith("=COUNTIF(Monev!")
    assert ws.max_row == 4 + 30


@pytest.mark.libreoffice
def test_large_workbook_recalculates(libreoffice, large, tmp_path):
    _, _, path = large
    [out] = libreoffice.convert([path], "xlsx", tmp_path)
    mismatches, errors, count = compare(path, out)
    assert count > 1000 and mismatches == [] and errors == []
