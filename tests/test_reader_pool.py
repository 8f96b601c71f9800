"""Readers that stay (issue 18, point 13): the intake page reads each upload in one of a few long-lived reader
processes, started through a fork server (never forked from the server's threads), with the isolation of
``read_many``'s workers: a time and a memory limit per file, a crash that costs one file, and readers
recycled after a number of files or when they have grown."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from conftest import ROOT
from hostile import far_cell

from spbe_excel import pipeline
from spbe_excel.model.submission import Incoming
from spbe_excel.read.batch import read_many
from spbe_excel.read.pool import ReaderPool
from spbe_excel.read.safety.limits import Limits
from spbe_excel.text.findings import as_dict

EXAMPLES = ROOT / "examples" / "triwulan-iii"
PERIOD = "Triwulan III 2019"
OWN = {"BPKAD": "BPKAD_Triwulan_III_2019.xlsx", "DISNAKER": "DISNAKER_Triwulan_III_2019.xls",
       "DPMPTSP": "DPMPTSP_Triwulan_III_2019.ods", "PBJ": "PBJ_Triwulan_III_2019.xlsx"}


def item(opd: str) -> Incoming:
    return Incoming(str(EXAMPLES / OWN[opd]), OWN[opd], opd)


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@pytest.fixture(scope="module")
def plan():
    master = pipeline.load_plan()
    return master, pipeline.period_of(PERIOD, master)


def test_a_pool_reads_as_read_many_does_in_readers_that_stay(plan):
    master, period = plan
    pool = ReaderPool(master, size=2)
    try:
        first = pool.pids()
        parents = {parent_of(pid) for pid in first}
        assert len(first) == 2 and len(parents) == 1 and os.getpid() not in parents  # forked by the fork server
        for _ in range(3):
            for opd in OWN:
                got = pool.read(item(opd), period=period)
                [want] = read_many([item(opd)], master, period=period, workers=1)
                assert [as_dict(f) for f in got.findings] == [as_dict(f) for f in want.findings]
                assert (got.status, got.opd, len(got.rows)) == (want.status, want.opd, len(want.rows))
        assert sorted(pool.pids()) == sorted(first) and pool.started == 2  # the same two readers read all twelve
    finally:
        pool.close()


def test_a_reader_is_recycled_after_so_many_files_and_when_it_has_grown(plan):
    master, period = plan
    pool = ReaderPool(master, size=1, files_per_reader=3)
    try:
        seen = []
        for _ in range(7):
            [pid] = pool.pids()
            seen.append(pid)
            assert pool.read(item("PBJ"), period=period).status == "accepted"
        assert len(set(seen)) == 3 and seen[:3] == [seen[0]] * 3 and seen[3:6] == [seen[3]] * 3
    finally:
        pool.close()
    pool = ReaderPool(master, size=1, grow_mb=0)  # any growth recycles it
    try:
        [first] = pool.pids()
        reads = 0
        # a file may be read in memory the reader already holds (its address space then does not grow): files of
        # every format in turn until one grows it, long before the 500 files after which a reader goes anyway
        for opd in ("DPMPTSP", "DISNAKER", "PBJ", "DPMPTSP", "DISNAKER", "PBJ"):
            got = pool.read(item(opd), period=period)
            assert (got.opd, len(got.rows) > 0) == (opd, True)
            reads += 1
            if pool.pids() != [first]:
                break
        assert pool.pids() != [first] and pool.started == 2, reads
    finally:
        pool.close()


def test_a_reader_that_dies_or_hangs_costs_one_file(plan, tmp_path, caplog):
    """With the extent check off, python-calamine aborts on the far cell (it asks for 512 GB, over the reader's
    limit); with a time limit of a few milliseconds a file takes too long.  That file gets its finding, the
    reader is replaced, the next file is read."""
    master, period = plan
    off = Limits(max_rows=10**9, max_cols=10**9, max_cells=10**18)
    far = Incoming(str(far_cell(tmp_path)), "sel_jauh.xlsx", "PBJ")
    pool = ReaderPool(master, size=1, limits=off)
    try:
        with caplog.at_level(logging.INFO, logger="spbe_excel"):
            crashed = pool.read(far, period=period)
        assert crashed.status == "rejected" and crashed.findings[0].param("reason") == "reason.file.crashed"
        assert any("SIGABRT" in r.getMessage() and "sel_jauh.xlsx" in r.getMessage() for r in caplog.records)
        assert pool.read(item("PBJ"), period=period).status == "accepted"
    finally:
        pool.close()
    pool = ReaderPool(master, size=1, timeout=0.005)
    try:
        [pid] = pool.pids()
        late = pool.read(item("DPMPTSP"), period=period)
        assert late.findings[0].param("reason") == "reason.file.timeout" and pool.pids() != [pid]
    finally:
        pool.close()


def test_the_report_of_a_file_is_made_in_the_reader(plan):
    """What the intake page gets back from a reader: the verdict and the findings in both languages, the
    submission when it is small."""
    master, period = plan
    pool = ReaderPool(master, size=1)
    try:
        report = pipeline.check_upload_report(EXAMPLES / OWN["BPKAD"], master, period=period, opd="BPKAD",
                                              name=OWN["BPKAD"], pool=pool)
        alone = pipeline.check_upload_report(EXAMPLES / OWN["BPKAD"], master, period=period, opd="BPKAD",
                                             name=OWN["BPKAD"])
    finally:
        pool.close()
    assert report.findings == alone.findings and report.counts == alone.counts == {"error": 2, "warning": 1,
                                                                                    "info": 0}
    assert [f["code"] for f in report.findings["en"]] == ["status-progress-mismatch", "evidence-missing",
                                                          "level-not-counted"]
    assert report.submission is not None and report.submission.opd == "BPKAD"
