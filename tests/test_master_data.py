"""The embedded master list against its source (the PDF text of the 2019
Denpasar plan) and against DOMAIN.md."""

from __future__ import annotations

import csv
import importlib.util

import pytest
from conftest import ROOT

from spbe_excel.master import embedded_corrections

DATA = ROOT / "spbe_excel" / "data" / "denpasar_2019"


def _tool():
    spec = importlib.util.spec_from_file_location("build_denpasar_master", ROOT / "tools" / "build_denpasar_master.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_committed_csv_is_what_the_source_and_corrections_give():
    tool = _tool()
    assert (DATA / "indikator.csv").read_text(encoding="utf-8") == tool.render_csv(tool.build_rows())


def test_source_is_the_unaltered_seed():
    text = (DATA / "sumber.txt").read_text(encoding="utf-8")
    assert text.startswith("MONEV PENINGKATAN INDEKS SPBE 2019")
    # the OCR errors are still in the source: the corrections are what fix them
    assert "clan informasi hukum" in text and "SPBE Iainnya" in text


def test_every_correction_matches_its_source_row():
    tool = _tool()
    rows = {int(r["No"]): r for r in tool.parse_source((DATA / "sumber.txt").read_text(encoding="utf-8"))}
    corrections = embedded_corrections()
    assert len(corrections) >= 10
    for c in corrections:
        assert c.written in rows[c.no][c.column], c
        assert c.reason


def test_wrapped_rows_are_joined(master):
    assert master.indicator(24).indicator == "Penggunaan Aplikasi Umum Berbagi Pakai"
    assert master.indicator(24).follow_up == "Aplikasi Umum sesuai arsitektur dari Rencana Induk SPBE"
    assert master.indicator(16).follow_up.endswith("(Integrasi dengan Layanan SPBE lainnya). Atau membuat "
                                                   "Kebijakan khusus WBS.")
    assert master.indicator(16).recommendation.endswith("dan/atau antar Instansi Pusat dengan Pemerintah Daerah.")
    assert master.indicator(29).recommendation.endswith("dan penerapan manajemen perubahan.")
    assert master.indicator(34).recommendation.endswith("di dalam maupun antar Instansi Pusat/Pemerintah Daerah.")


@pytest.mark.parametrize("bad", ["clan ", "Iainnya", " cli ", "dirnana", "pernanfaatan", "prosesproses",
                                 "perubahanperubahan", "transaski", "Perencanaaan"])
def test_no_ocr_error_survives(master, bad):
    for ind in master.indicators:
        for text in (ind.indicator, ind.recommendation, ind.follow_up):
            assert bad not in text, (ind.no, text)


def test_rows_as_in_the_seed(master):
    assert [i.no for i in master.indicators] == list(range(1, 38))
    seed = {1: (1, "DKIS"), 2: (1, "ORGANISASI"), 4: (3, "BAPPEDA"), 13: (3, "PBJ"), 15: (1, "HUKUM"),
            27: (4, "BAPPEDA"), 31: (4, "PBJ"), 33: (2, "HUKUM"), 36: (3, "DISNAKER"), 37: (3, "DPMPTSP")}
    for no, (level, opd) in seed.items():
        assert master.indicator(no).baseline_level == level
        assert master.indicator(no).opds == (opd,)
    assert master.indicator(17).opds == ("DPMPTSP", "DUKCAPIL")
    assert all(i.target_year == 2019 for i in master.indicators)
    assert "mengunggah informasi terkait dokumentasi dan informasi hukum," in master.indicator(33).recommendation


def test_framework_matches_domain_md(master):
    domains = [(d.name, round(d.weight, 9)) for d in master.domains]
    assert domains == [("Kebijakan Internal SPBE", 17), ("Tata Kelola SPBE", 28), ("Layanan SPBE", 55)]
    aspects = [(a.number, round(a.weight, 9), a.indicators[0], a.indicators[-1])
               for d in master.domains for a in d.aspects]
    assert aspects == [(1, 7, 1, 7), (2, 10, 8, 17), (3, 8, 18, 19), (4, 8, 20, 21), (5, 12, 22, 24),
                       (6, 35, 25, 31), (7, 20, 32, 37)]
    assert master.indicator(35).weight == pytest.approx(20 / 6)
    assert sum(i.weight for i in master.indicators) == pytest.approx(100)
    assert {i.level_kind for i in master.indicators if i.no >= 25} == {"service"}
    assert {i.level_kind for i in master.indicators if i.no < 25} == {"capability"}


def test_target_levels(master):
    # service rows: the level the recommendation names
    named = {25: 4, 26: 3, 27: 5, 28: 5, 29: 5, 30: 4, 31: 5, 32: 4, 33: 3, 34: 4, 35: 3, 36: 4, 37: 4}
    for no, level in named.items():
        assert master.indicator(no).target_level == level, no
    # others: the next level up
    for i in master.indicators:
        if i.no < 25:
            assert i.target_level == i.baseline_level + 1


def test_opd_csv_lists_the_seed_spellings():
    with open(DATA / "opd.csv", encoding="utf-8", newline="") as fh:
        rows = {r["Kode"]: r for r in csv.DictReader(fh)}
    assert set(rows) == {"DKIS", "ORGANISASI", "BAPPEDA", "BKPSDM", "BPKAD", "HUKUM", "PBJ", "DPMPTSP",
                         "DUKCAPIL", "DISNAKER"}
    assert "Bag, Hukum" in rows["HUKUM"]["Alias"]
    assert "Dinas Perijinan" in rows["DPMPTSP"]["Alias"]
