"""The index arithmetic is exact (issue 17): computed here independently, straight from the framework's
``indikator.csv`` (weights in percent) and KemenPANRB's published domain formula (0.13 D1 + 0.25 D2 + 0.165 D3
+ 0.455 D4, which reproduces 1,233 of the 1,234 indexes of the 2023 and 2024 reports), it equals the tool's
to 1e-10 for every aspect, domain and the whole: in the library, the JSON report, the workbook's cached values
and LibreOffice's recalculation of them."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import random
import warnings
from collections import defaultdict

import openpyxl
import pytest
from conftest import ROOT

from spbe_excel.master import load_master
from spbe_excel.merge import consolidate
from spbe_excel.write.report import consolidation_json
from spbe_excel.write.workbook import write_consolidated
from spbe_excel.write.workbook.layout import INDEX_PART_COLS, INDEX_VALUE_COL
from spbe_excel.write.workbook.layout import plan as layout_of

FRAMEWORK = ROOT / "spbe_excel" / "data" / "frameworks" / "2020" / "indikator.csv"
CONTOH = ROOT / "examples" / "kabupaten-contoh" / "rencana-2026-terisi.xlsx"
PUBLISHED_DOMAIN_WEIGHTS = (0.13, 0.25, 0.165, 0.455)


def by_hand(levels: dict[int, int]) -> tuple[float, dict[str, float], dict[str, float]]:
    """The overall, per-domain and per-aspect index of ``levels`` (by indicator No), from the CSV alone."""
    with open(FRAMEWORK, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    sums: dict[str, defaultdict[str, float]] = {"domain": defaultdict(float), "aspect": defaultdict(float)}
    weights: dict[str, defaultdict[str, float]] = {"domain": defaultdict(float), "aspect": defaultdict(float)}
    overall = 0.0
    for row in rows:
        w, level = float(row["Bobot Indikator (%)"]), levels[int(row["No"])]
        overall += w * level / 100
        for kind, name in (("domain", row["Domain"]), ("aspect", row["Aspek"])):
            sums[kind][name] += w * level
            weights[kind][name] += w
    per = {kind: {name: sums[kind][name] / weights[kind][name] for name in sums[kind]} for kind in sums}
    return overall, per["domain"], per["aspect"]


def contoh_with(levels: dict[int, int]):
    master = load_master(CONTOH)
    rows = tuple(dataclasses.replace(i, baseline_level=levels[i.no], target_level=max(levels[i.no], i.target_level))
                 for i in master.rows)
    return dataclasses.replace(master, rows=rows)


def _plans() -> dict[str, dict[int, int]]:
    rng = random.Random(17)
    plans = {"all-1": dict.fromkeys(range(1, 48), 1), "all-5": dict.fromkeys(range(1, 48), 5)}
    plans |= {f"random-{n}": {no: rng.randint(1, 5) for no in range(1, 48)} for n in range(5)}
    plans["contoh"] = {i.no: i.baseline_level for i in load_master(CONTOH).rows}
    return plans


PLANS = _plans()


@pytest.mark.parametrize("name", sorted(PLANS))
def test_the_index_is_the_framework_s_weighted_sum(name):
    levels = PLANS[name]
    overall, domains, aspects = by_hand(levels)
    cons = consolidate([], contoh_with(levels), as_of=dt.date(2026, 3, 31))
    idx = cons.index
    assert abs(idx.overall.baseline - overall) < 1e-10
    assert {d.name: d.baseline for d in idx.domains} == pytest.approx(domains, abs=1e-10)
    assert {a.name: a.baseline for a in idx.aspects} == pytest.approx(aspects, abs=1e-10)
    # the published formula over the domain indexes gives the same whole
    assert abs(sum(w * d.baseline for w, d in zip(PUBLISHED_DOMAIN_WEIGHTS, idx.domains)) - overall) < 1e-10
    report = json.loads(consolidation_json(cons))["index"]
    assert abs(report["overall"]["baseline"] - overall) < 1e-10
    assert {d["name"]: d["baseline"] for d in report["domains"]} == pytest.approx(domains, abs=1e-10)
    assert {a["name"]: a["baseline"] for a in report["aspects"]} == pytest.approx(aspects, abs=1e-10)


def _indeks_figures(path, cons) -> dict[str, float]:
    """The baseline of the whole, each domain and each aspect as the Indeks sheet holds it (cached values)."""
    layout = layout_of(cons, "id").index
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(path, data_only=True)["Indeks"]
    # the overall table holds a row per index (baseline first), its value in INDEX_VALUE_COL (issue 19)
    found = {"overall": ws.cell(layout.overall.first + 1, INDEX_VALUE_COL + 1).value}
    baseline = INDEX_PART_COLS.index("baseline") + 1
    for table in (layout.aspects, layout.domains):
        for r in range(table.first + 1, table.last + 2):
            found[ws.cell(r, 2).value] = ws.cell(r, baseline).value
    return found


def test_the_workbook_caches_the_exact_figures(tmp_path):
    levels = PLANS["random-0"]
    overall, domains, aspects = by_hand(levels)
    cons = consolidate([], contoh_with(levels), as_of=dt.date(2026, 3, 31))
    found = _indeks_figures(write_consolidated(cons, tmp_path / "rekap.xlsx"), cons)
    assert found == pytest.approx({"overall": overall, **domains, **aspects}, abs=1e-10)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["all-5", "random-1", "contoh"])
def test_libreoffice_recalculates_the_exact_figures(tmp_path, libreoffice, name):
    levels = PLANS[name]
    overall, domains, aspects = by_hand(levels)
    cons = consolidate([], contoh_with(levels), as_of=dt.date(2026, 3, 31))
    path = write_consolidated(cons, tmp_path / "rekap.xlsx")
    [out] = libreoffice.convert([path], "xlsx", tmp_path / "lo")
    assert _indeks_figures(out, cons) == pytest.approx({"overall": overall, **domains, **aspects}, abs=1e-10)
