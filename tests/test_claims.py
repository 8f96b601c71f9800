"""A claim counts when it is supported (issue 17, point 3).

A level above the baseline counts toward the index estimate only when its row names its evidence and
carries no error; otherwise the indicator counts at its baseline, or at the level it counted at last
period (its last supported level), never above what it claims now.  The Indeks sheet, the JSON report, the
console and the intake page show the claimed and the counted level, and why one was not counted."""

from __future__ import annotations

import json
import warnings

import openpyxl
import pytest
from click.testing import CliRunner
from factory import PERIOD, TODAY, fill, good_row, template

from spbe_excel.cli import cli
from spbe_excel.merge import consolidate
from spbe_excel.read.batch import collect_files, read_many
from spbe_excel.read.ours.previous import read_previous
from spbe_excel.write.report import consolidation_json
from spbe_excel.write.workbook import write_consolidated


@pytest.fixture(scope="module")
def bappeda(tmp_path_factory, master):
    return template(tmp_path_factory.mktemp("tpl"), master, "BAPPEDA")


def run(tmp_path, master, bappeda, rows, name="BAPPEDA.xlsx", **kw):
    folder = tmp_path / name.removesuffix(".xlsx")
    folder.mkdir()
    fill(bappeda, folder / name, rows)
    subs = read_many(collect_files([folder]), master, period=PERIOD, today=TODAY, workers=0)
    return consolidate(subs, master, period=PERIOD, as_of=TODAY, **kw)


def pair(cons, no):
    return next(r for r in cons.rows if r.no == no and r.opd == "BAPPEDA")


def test_level_5_typed_without_evidence_leaves_the_index_at_its_baseline(tmp_path, master, bappeda):
    """BAPPEDA typed "Level 5" on indicator 10 (baseline 1, target 2) and left Bukti Dukung empty."""
    plain = run(tmp_path, master, bappeda, {})
    cons = run(tmp_path, master, bappeda, {10: {**good_row(10), "current_level": "Level 5", "evidence": None}},
               name="klaim.xlsx")
    assert [f.code for f in cons.findings if f.opd == "BAPPEDA"] == ["level-above-target-without-evidence"]
    row = pair(cons, 10)
    assert (row.values["current_level"], row.level_used, str(row.level_note)) == (5, 1, "why.level_no_evidence")
    assert cons.index.levels[10] == 1
    assert cons.index.overall.estimate == plain.index.overall.estimate == cons.index.overall.baseline

    report = json.loads(consolidation_json(cons))
    assert report["index"]["claimed_levels"]["10"] == 5 and report["index"]["claimed_levels"]["4"] is None
    assert report["index"]["claims_not_counted"] == [
        {"no": 10, "action": "10", "opd": "BAPPEDA", "claimed": 5, "counted": 1, "why": "why.level_no_evidence",
         "message": "Bukti Dukung kosong"}]
    [json_row] = [r for r in report["rows"] if r["no"] == 10]
    assert (json_row["level_counted"], json_row["level_note"]) == (1, "why.level_no_evidence")

    path = write_consolidated(cons, tmp_path / "rekap.xlsx", lang="id")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(path, data_only=True)["Indeks"]
    header = next(r for r in ws.iter_rows(values_only=True) if "Tingkat Diklaim OPD" in r)
    line = next(r for r in ws.iter_rows(values_only=True) if r[0] == 10 and isinstance(r[1], str))
    by = dict(zip(header, line))
    assert (by["Awal"], by["Perkiraan"], by["Tingkat Diklaim OPD"]) == (1, 1, 5)
    assert by["Klaim Tidak Dihitung"] == "BAPPEDA (10): 5, dihitung 1: Bukti Dukung kosong"


@pytest.mark.parametrize("edit, counted, why", [
    ({"current_level": "4 - Terpadu dan Terukur"}, 4, None),  # at the target, with evidence: counts
    ({"current_level": 4, "evidence": None}, 3, "why.level_no_evidence"),
    ({"current_level": 4, "evidence": "-"}, 3, "why.level_no_evidence"),  # a dash names nothing
    ({"current_level": 4, "status": "Selesai"}, 3, "why.level_row_error"),  # Selesai at 50 %: the row is wrong
    ({"current_level": 3, "evidence": None}, 3, None),  # the baseline claims nothing
])
def test_a_level_above_the_baseline_counts_when_its_row_is_supported(tmp_path, master, bappeda, edit, counted,
                                                                      why):
    cons = run(tmp_path, master, bappeda, {4: {**good_row(4), **edit}})
    row = pair(cons, 4)
    assert (row.level_used, None if row.level_note is None else str(row.level_note)) == (counted, why)
    assert cons.index.levels[4] == counted
    assert ("level-not-counted" in {f.code for f in cons.findings}) is (why is not None)


def test_the_last_supported_level_counts_and_no_more_than_is_claimed(tmp_path, master, bappeda):
    # Triwulan II: 4 (target) on indicator 4 and 2 (target) on indicator 10, both with evidence
    before = run(tmp_path, master, bappeda, {4: {**good_row(4), "current_level": 4},
                                             10: {**good_row(10), "current_level": 2}}, name="tw2.xlsx")
    assert (pair(before, 4).level_used, pair(before, 10).level_used) == (4, 2)
    prev_path = write_consolidated(before, tmp_path / "rekap_tw2.xlsx")
    previous = read_previous(prev_path, master)
    assert previous[("4", "BAPPEDA")]["counted"] == 4

    # Triwulan III: 5 on 4 without evidence (above the target), 2 on 10 without evidence
    now = run(tmp_path, master, bappeda, {4: {**good_row(4), "current_level": 5, "evidence": None},
                                          10: {**good_row(10), "current_level": 2, "evidence": None}},
              name="tw3.xlsx", previous=previous)
    four, ten = pair(now, 4), pair(now, 10)
    assert (four.level_used, str(four.level_note)) == (4, "why.level_no_evidence")  # last period's 4, not 5
    assert (ten.level_used, ten.level_note) == (2, None)  # supported last period: the claim counts
    codes = {(f.code, f.indicator) for f in now.findings}
    assert ("level-above-target-without-evidence", 4) in codes
    assert ("level-not-counted", 10) not in codes
    report = json.loads(consolidation_json(now))
    assert [(c["no"], c["claimed"], c["counted"]) for c in report["index"]["claims_not_counted"]] == [(4, 5, 4)]

    # the workbook computes the same: its Monev level column over the previous counted level and the note
    path = write_consolidated(now, tmp_path / "rekap_tw3.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(path, data_only=True)["Monev"]
    header = [c.value for c in ws[4]]
    col = {name: header.index(name) for name in ("No", "Tingkat Dihitung untuk Indeks",
                                                 "Tingkat Dihitung Periode Lalu")}
    cached = {r[col["No"]]: (r[col["Tingkat Dihitung untuk Indeks"]], r[col["Tingkat Dihitung Periode Lalu"]])
              for r in ws.iter_rows(min_row=5, values_only=True) if r[col["No"]] in (4, 10)}
    assert cached == {4: (4, 4), 10: (2, 2)}


def test_the_console_lists_each_claim_not_counted(tmp_path, master, bappeda):
    folder = tmp_path / "in"
    folder.mkdir()
    fill(bappeda, folder / "BAPPEDA.xlsx", {10: {**good_row(10), "current_level": 5, "evidence": None},
                                            4: {**good_row(4), "current_level": 4, "status": "Selesai"}})
    for lang, lines in (("id", ["Klaim tingkat yang tidak dihitung:",
                                "  No 4 BAPPEDA: 4, dihitung 3 (baris ini masih ada galat)",
                                "  No 10 BAPPEDA: 5, dihitung 1 (Bukti Dukung kosong)"]),
                        ("en", ["Level claims not counted:",
                                "  No 4 BAPPEDA: 4, counted 3 (the row still has an error)",
                                "  No 10 BAPPEDA: 5, counted 1 (no supporting evidence is named)"])):
        result = CliRunner().invoke(cli, ["--lang", lang, "consolidate", str(folder), "-o",
                                          str(tmp_path / f"r-{lang}.xlsx"), "--period", PERIOD, "--as-of",
                                          TODAY.isoformat()])
        out = result.output.splitlines()
        start = out.index(lines[0])
        assert out[start:start + 3] == lines, result.output


@pytest.mark.libreoffice
def test_libreoffice_counts_the_claims_as_the_tool_does(tmp_path, master, bappeda, libreoffice):
    from recalc import compare

    before = run(tmp_path, master, bappeda, {4: {**good_row(4), "current_level": 4}}, name="tw2.xlsx")
    previous = read_previous(write_consolidated(before, tmp_path / "rekap_tw2.xlsx"), master)
    now = run(tmp_path, master, bappeda, {4: {**good_row(4), "current_level": 5, "evidence": None},
                                          10: {**good_row(10), "current_level": 2, "status": "Selesai"}},
              name="tw3.xlsx", previous=previous)
    assert (pair(now, 4).level_used, pair(now, 10).level_used) == (4, 1)
    path = write_consolidated(now, tmp_path / "rekap_tw3.xlsx")
    [out] = libreoffice.convert([path], "xlsx", tmp_path / "lo")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mismatches, errors, count = compare(path, out)
    assert count > 100 and mismatches == [] and errors == []
