"""The predikat a leader reads is the one the evaluators would publish (issue 17, points 1 and 2).

KemenPANRB's reports changed rule: the 2023 evaluation judged the index rounded to two decimals (Kab. Nias
Barat, exact 1.7975 or 1.795, published 1.80 *Cukup*), the 2024 evaluation the exact index (Kab. Pacitan,
exact 3.4985, published "3,50" *Baik*).  A plan's baseline is judged by the rule of the evaluation it comes
from (the year before the plan).  Every place shows an index rounded half up, as the workbook does."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import warnings

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import ROOT

from spbe_excel.cli import cli
from spbe_excel.master import load_master
from spbe_excel.master.index import predicate_rules
from spbe_excel.merge import consolidate
from spbe_excel.model.levels import PredicateRule, predicate_index, round_half_up, rule_of_year
from spbe_excel.text.words import index_text, predicate, predicate_note
from spbe_excel.write.master_export import export_master
from spbe_excel.write.report import consolidation_json
from spbe_excel.write.workbook import write_consolidated
from spbe_excel.write.workbook.layout import INDEX_PREDICATE_COL

CONTOH = ROOT / "examples" / "kabupaten-contoh" / "rencana-2026-terisi.xlsx"
# Baseline levels of the 47 indicators of the 2020 framework that give the published exact indexes.
PACITAN = [1] * 9 + [3] + [1] * 9 + [3, 3] + [5] * 10 + [4] + [5] * 15  # 3.4985
NIAS_BARAT = [1] * 39 + [2, 5, 3, 5, 5, 5, 5, 5]  # 1.7975
NIAS_BARAT_B = [1] * 39 + [3, 5, 2, 5, 5, 5, 5, 5]  # 1.795


def plan(levels: list[int], year: int):
    """The Kabupaten Contoh plan of ``year`` whose baselines (from the evaluation of the year before) are
    ``levels`` (by No)."""
    master = load_master(CONTOH)
    by_no = dict(zip(range(1, 48), levels))
    rows = tuple(dataclasses.replace(i, baseline_level=by_no[i.no], target_level=max(by_no[i.no], i.target_level))
                 for i in master.rows)
    return dataclasses.replace(master, rows=rows, plan_year=year)


def test_the_published_indexes_are_what_the_levels_give():
    for levels, value in ((PACITAN, 3.4985), (NIAS_BARAT, 1.7975), (NIAS_BARAT_B, 1.795)):
        cons = consolidate([], plan(levels, 2025), as_of=dt.date(2025, 3, 31))
        assert cons.index.overall.baseline == pytest.approx(value, abs=1e-12)


@pytest.mark.parametrize("levels, year, published", [
    (PACITAN, 2025, "Baik"),  # the 2024 evaluation: the exact index, 3.4985 < 3.5
    (NIAS_BARAT, 2024, "Cukup"),  # the 2023 evaluation: rounded, 1.7975 is 1.80
    (NIAS_BARAT_B, 2024, "Cukup"),  # 1.795 is 1.80 as well (half up)
    (PACITAN, 2024, "Sangat Baik"),  # the same levels judged by the 2023 rule: 3.50
    (NIAS_BARAT, 2025, "Kurang"),  # and 1.7975 judged by the 2024 rule: below 1.8
])
def test_the_baseline_s_predikat_is_the_one_its_evaluation_published(levels, year, published):
    master = plan(levels, year)
    cons = consolidate([], master, as_of=dt.date(year, 3, 31))
    report = json.loads(consolidation_json(cons))
    overall = report["index"]["overall"]
    assert overall["baseline_predicate"] == published
    assert report["index"]["predicate_rules"]["baseline"]["evaluation"] == (2024 if year == 2025 else 2023)
    assert report["index"]["predicate_rules"]["baseline"]["exact"] is (year == 2025)


def test_a_figure_printed_at_a_bound_the_exact_index_does_not_reach_says_so(tmp_path):
    master = plan(PACITAN, 2025)
    cons = consolidate([], master, as_of=dt.date(2025, 3, 31))
    note = predicate_note(cons.index.overall.baseline, cons.index.baseline_rule, "id")
    assert "3,4985" in note and "3,50" in note and "Sangat Baik" in note and "2024" in note
    assert "3.4985" in predicate_note(3.4985, cons.index.baseline_rule, "en")
    assert predicate_note(3.4985, PredicateRule(2023, False), "id") == ""  # rounded: 3.50 is Sangat Baik
    assert predicate_note(3.4, cons.index.baseline_rule, "id") == ""  # nothing near a bound
    report = json.loads(consolidation_json(cons))
    assert report["index"]["overall"]["baseline_note"] == note
    path = write_consolidated(cons, tmp_path / "rekap.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
        cached = openpyxl.load_workbook(path, data_only=True)
    notes = [(ws.title, c.coordinate) for ws in cached.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "indeks tepat" in c.value.lower()]
    assert {sheet for sheet, _ in notes} == {"Indeks", "Ringkasan"}
    formulas = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=LOOKUP(ROUND(")]
    assert formulas and all(",9)," in f for f in formulas)  # both judged on the exact index (2024 rule)
    mixed = write_consolidated(consolidate([], plan(PACITAN, 2024), as_of=dt.date(2024, 3, 31)), tmp_path / "m.xlsx")
    indeks = openpyxl.load_workbook(mixed)["Indeks"]
    # the overall table: a row per index (baseline, estimate, verified), its predikat in INDEX_PREDICATE_COL
    base, est, ver = (indeks.cell(r, INDEX_PREDICATE_COL + 1).value for r in (6, 7, 8))
    assert ",2)," in base and ",9)," in est and ",9)," in ver  # baseline by the 2023 rule, the estimates by the latest


def test_rounding_is_half_up_everywhere():
    assert (round_half_up(1.795), round_half_up(2.625), round_half_up(2.6399999999950006)) == (1.8, 2.63, 2.64)
    assert (index_text(1.795, "id"), index_text(1.795, "en"), index_text(2.625, "en")) == ("1,80", "1.80", "2.63")
    assert f"{1.795:.2f}" == "1.79" and f"{2.625:.2f}" == "2.62"  # what Python's own formatting would print
    assert predicate(1.795, "id") == "Cukup" and predicate_index(1.7949999, exact=False) == 4


def test_the_command_line_prints_the_index_as_the_workbook_does(tmp_path):
    master = plan(NIAS_BARAT_B, 2024)  # baseline exactly 1.795
    path = export_master(master, tmp_path / "rencana.xlsx")
    (tmp_path / "kosong").mkdir()
    for lang, shown in (("id", "awal 1,80 (Cukup)"), ("en", "baseline 1.80 (Fair)")):
        result = CliRunner().invoke(cli, ["--lang", lang, "consolidate", str(tmp_path / "kosong"), "-o",
                                          str(tmp_path / f"r-{lang}.xlsx"), "--master", str(path), "--force",
                                          "--as-of", "2024-03-31", "--report-json", str(tmp_path / f"r-{lang}.json")])
        assert shown in result.output, result.output
        summary = json.loads((tmp_path / f"r-{lang}.json").read_text())["summary"]
        assert summary["index_baseline"] == 1.795  # no float noise
        assert repr(summary["index_baseline"]) == "1.795"


def test_the_rule_of_a_year_past_the_data_is_the_latest():
    rules = (PredicateRule(2021, False), PredicateRule(2023, False), PredicateRule(2024, True))
    assert [rule_of_year(rules, y).exact for y in (2019, 2021, 2022, 2023, 2024, 2030)] == \
        [False, False, False, False, True, True]
    baseline, estimate = predicate_rules(plan(PACITAN, 2026))
    assert (baseline.year, baseline.exact, estimate.exact) == (2024, True, True)
    baseline, estimate = predicate_rules(load_master(None))  # Kota Denpasar 2019: PermenPANRB 5/2018
    assert not baseline.exact and not estimate.exact


@pytest.mark.libreoffice
def test_libreoffice_recalculates_the_predikat_and_the_note(tmp_path, libreoffice):
    from recalc import compare, values

    cons = consolidate([], plan(PACITAN, 2025), as_of=dt.date(2025, 3, 31))
    path = write_consolidated(cons, tmp_path / "rekap.xlsx")
    [out] = libreoffice.convert([path], "xlsx", tmp_path / "lo")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mismatches, errors, count = compare(path, out)
        assert count > 100 and mismatches == [] and errors == []
        recalculated = values(out)
    assert "Baik" in recalculated.values() and any(
        isinstance(v, str) and "indeks tepat" in v.lower() for v in recalculated.values())
