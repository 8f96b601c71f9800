"""Submissions saved by LibreOffice as .xls and .ods, and an .xls renamed .xlsx."""

from __future__ import annotations

import shutil

import pytest
from factory import PERIOD, TODAY, fill, good_row, template

from spbe_excel.read.submission import read_submission

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def saved(libreoffice, tmp_path_factory, master):
    d = tmp_path_factory.mktemp("lo")
    rows = {4: {**good_row(4), "status": "sudah", "progress": "80%", "evidence": None},
            10: {**good_row(10), "current_level": "tiga", "budget": "Rp 150.000.000", "spent": 200_000_000},
            21: {**good_row(21), "updated_on": "12 Agustus 2019", "obstacles": "=Menunggu jadwal"}}
    src = fill(template(d, master, "BAPPEDA"), d / "BAPPEDA_kiriman.xlsx", rows)
    out = {"xlsx": src}
    for fmt in ("xls", "ods"):
        [out[fmt]] = libreoffice.convert([src], fmt, d / fmt)
    renamed = d / "renamed" / "BAPPEDA_kiriman.xlsx"
    renamed.parent.mkdir()
    shutil.copy(out["xls"], renamed)
    out["renamed"] = renamed
    return out


def _summary(sub):
    return sorted((f.code, f.cell, f.indicator, f.value) for f in sub.findings if f.code != "file-misnamed")


@pytest.mark.parametrize("kind", ["xls", "ods", "renamed"])
def test_same_findings_and_values_whatever_the_format(saved, master, kind):
    ref = read_submission(saved["xlsx"], master, period=PERIOD, today=TODAY)
    sub = read_submission(saved[kind], master, period=PERIOD, today=TODAY)
    assert sub.status == "accepted" and sub.opd == "BAPPEDA" and sub.period == PERIOD
    assert sub.source.format == ("xls" if kind == "renamed" else kind)
    assert {n: r.values for n, r in sub.rows_by_no().items()} == {n: r.values for n, r in ref.rows_by_no().items()}
    assert _summary(sub) == _summary(ref)
    assert ("file-misnamed" in [f.code for f in sub.findings]) is (kind == "renamed")
    codes = {f.code for f in sub.findings}
    assert {"evidence-missing", "status-progress-mismatch", "budget-overrun", "formula-in-text"} <= codes


def test_metadata_survives_in_every_format(saved, master):
    for kind in ("xls", "ods"):
        sub = read_submission(saved[kind], master, period=PERIOD, today=TODAY)
        assert sub.meta["opd"] == "BAPPEDA" and sub.source.master_fingerprint == master.fingerprint
