"""The master list: registry, loading and checking master files, export."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import fields

import openpyxl
import pytest
from click.testing import CliRunner

from spbe_excel.cli import cli
from spbe_excel.errors import MasterListError
from spbe_excel.master import Indicator, load_master, opd_key
from spbe_excel.model.columns import MASTER_FILE_COLUMNS, MONEV_COLUMNS
from spbe_excel.text.errors import error_text, problem_text
from spbe_excel.text.errors import error_text as render_master_error
from spbe_excel.text.words import column_label
from spbe_excel.write.master_export import export_master, master_csv, master_json, master_records

# ---- registry ----------------------------------------------------------------------

@pytest.mark.parametrize("written, code", [
    ("Bag. Organisasi", "ORGANISASI"), ("Bagian Organisasi", "ORGANISASI"), ("bag organisasi", "ORGANISASI"),
    ("BAGIAN ORGANISASI SETDA", "ORGANISASI"), ("Bag, Hukum", "HUKUM"), ("Bag. Hukum", "HUKUM"),
    ("Bag. Pengadaan Barang Jasa", "PBJ"), ("Bag. Pengadaan Barang & Jasa", "PBJ"),
    ("Dinas Perijinan", "DPMPTSP"), ("Dinas Dukcapil", "DUKCAPIL"), ("Dinas Tenaga Kerja", "DISNAKER"),
    ("Bappeda", "BAPPEDA"), ("bappeda", "BAPPEDA"), ("DKIS", "DKIS"), ("dkis", "DKIS"),
    ("Dinas Komunikasi, Informatika dan Statistik", "DKIS"),
    ("BKPSDM - Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
])
def test_registry_resolves_every_spelling(master, written, code):
    assert master.registry.resolve(written).code == code


def test_registry_does_not_guess(master):
    assert master.registry.resolve("Dinas Pariwisata") is None
    assert master.registry.resolve("") is None
    assert master.registry.closest("Bagian Organisai").code == "ORGANISASI"


def test_split_several_opds_and_open_list(master):
    opds, unknown = master.registry.split("Dinas Perijinan, Dinas Dukcapil, dll")
    assert [o.code for o in opds] == ["DPMPTSP", "DUKCAPIL"] and unknown == []
    opds, unknown = master.registry.split("DKIS; Dinas Pariwisata")
    assert [o.code for o in opds] == ["DKIS"] and unknown == ["Dinas Pariwisata"]


def test_opd_key_ignores_abbreviation_case_and_punctuation():
    assert opd_key("Bag. Organisasi") == opd_key("Bagian Organisasi") == opd_key("bag organisasi")
    assert opd_key("Barang & Jasa") == opd_key("Barang Jasa")


def test_for_opd_and_codes(master):
    assert [i.no for i in master.for_opd("BAPPEDA")] == [4, 10, 21, 27, 28]
    assert [i.no for i in master.for_opd("DUKCAPIL")] == [17]
    assert [i.no for i in master.for_opd("DPMPTSP")] == [17, 37]
    assert len(master.opd_codes) == 10
    assert sum(len(master.for_opd(c)) for c in master.opd_codes) == 38  # row 17 counted twice


# ---- export and load back -------------------------------------------------------------

@pytest.mark.parametrize("lang", ["id", "en"])
def test_export_xlsx_loads_back_identical(master, tmp_path, lang):
    path = export_master(master, tmp_path / "master.xlsx", lang)
    wb = openpyxl.load_workbook(path)
    sheet = "Indikator" if lang == "id" else "Indicators"
    assert wb.sheetnames[:3] == [sheet, "OPD", "Info"]
    ws = wb[sheet]
    assert ws["A1"].value == "No" and ws["B1"].value == ("Indikator" if lang == "id" else "Indicator")
    assert ws.max_row == 38
    assert ws["H18"].value == "DPMPTSP; DUKCAPIL"
    again = load_master(path)
    assert again.indicators == master.indicators
    assert again.fingerprint == master.fingerprint
    assert again.institution == "Kota Denpasar" and again.plan_year == 2019
    assert [o.code for o in again.registry] == [o.code for o in master.registry]
    assert again.registry.resolve("Bag, Hukum").code == "HUKUM"


def test_csv_loads_back_identical(master, tmp_path):
    path = tmp_path / "master.csv"
    path.write_text(master_csv(master), encoding="utf-8")
    again = load_master(path)
    assert again.indicators == master.indicators and again.fingerprint == master.fingerprint


def test_semicolon_csv_as_saved_by_indonesian_excel(master, tmp_path):
    rows = list(csv.reader(io.StringIO(master_csv(master))))
    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows(rows)
    path = tmp_path / "master.csv"
    path.write_bytes(buf.getvalue().encode("cp1252", errors="replace"))
    assert load_master(path).fingerprint == master.fingerprint


def test_edited_master_extends_row_17(master, tmp_path):
    rows = list(csv.reader(io.StringIO(master_csv(master))))
    rows[17][7] = "Dinas Perijinan, Dinas Dukcapil, Dinas Tenaga Kerja, dll"
    path = tmp_path / "m.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    edited = load_master(path)
    assert edited.indicator(17).opds == ("DPMPTSP", "DUKCAPIL", "DISNAKER")
    assert edited.fingerprint != master.fingerprint


# ---- broken master files: one problem per defect, with its cell ---------------------------

def _broken_csv(master, tmp_path, edit) -> MasterListError:
    rows = list(csv.reader(io.StringIO(master_csv(master))))
    edit(rows)
    path = tmp_path / "broken.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(MasterListError) as info:
        load_master(path)
    return info.value


def test_unknown_opd_names_closest(master, tmp_path):
    err = _broken_csv(master, tmp_path, lambda rows: rows[2].__setitem__(7, "Bagian Organisai"))
    assert len(err.problems) == 1
    msg = problem_text(err.problems[0], "id")
    assert msg.startswith("broken.csv!H3:") and "Bagian Organisai" in msg and "ORGANISASI" in msg
    assert "did you mean" in problem_text(err.problems[0], "en")


def test_duplicate_no(master, tmp_path):
    err = _broken_csv(master, tmp_path, lambda rows: rows[5].__setitem__(0, "4"))
    [p] = err.problems
    assert p.cell == "broken.csv!A6" and "broken.csv!A5" in problem_text(p, "id")


@pytest.mark.parametrize("value", ["7", "0", "enam"])
def test_level_outside_1_to_5(master, tmp_path, value):
    err = _broken_csv(master, tmp_path, lambda rows: rows[3].__setitem__(3, value))
    [p] = err.problems
    assert p.cell == "broken.csv!D4" and value in problem_text(p, "id")


def test_weights_must_add_up_to_100(master, tmp_path):
    err = _broken_csv(master, tmp_path, lambda rows: rows[1].__setitem__(10, "2"))
    [p] = err.problems
    assert p.cell == "broken.csv!K1" and "101" in problem_text(p, "id") and "100" in problem_text(p, "id")


def test_missing_column(master, tmp_path):
    def drop(rows):
        for r in rows:
            del r[5]  # Tindak Lanjut
    err = _broken_csv(master, tmp_path, drop)
    assert ["Tindak Lanjut" in problem_text(p, "id") for p in err.problems] == [True]


def test_every_problem_is_reported_at_once(master, tmp_path):
    def many(rows):
        rows[2][7] = "Dinas Pariwisata"
        rows[3][3] = "9"
        rows[4][6] = "tahun depan"
        rows[6][1] = ""
    err = _broken_csv(master, tmp_path, many)
    cells = sorted(p.cell for p in err.problems)
    assert cells == ["broken.csv!B7", "broken.csv!D4", "broken.csv!G5", "broken.csv!H3"]
    text = render_master_error(err, "en")
    assert text.count("\n  - ") == 4 and "nothing was run" in text


def test_broken_xlsx_cells_point_into_the_sheet(master, tmp_path):
    path = export_master(master, tmp_path / "m.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Indikator"]["H10"] = "Dinas Entah"
    wb["Indikator"]["E13"] = 1  # target below the baseline (3) of No 12
    wb.save(path)
    with pytest.raises(MasterListError) as info:
        load_master(path)
    assert sorted(p.cell for p in info.value.problems) == ["Indikator!E13", "Indikator!H10"]


def test_unreadable_and_missing_files(tmp_path):
    with pytest.raises(MasterListError) as refused:
        load_master(tmp_path / "nope.xlsx")
    assert re.search("tidak ditemukan", error_text(refused.value, "id"))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(MasterListError) as refused:
        load_master(bad)
    assert re.search("tidak dapat dibaca", error_text(refused.value, "id"))
    txt = tmp_path / "m.txt"
    txt.write_text("x")
    with pytest.raises(MasterListError) as refused:
        load_master(txt)
    assert re.search(r"\.xlsx atau \.csv", error_text(refused.value, "id"))


# ---- CLI ---------------------------------------------------------------------------------

def test_cli_master_show_formats(master):
    runner = CliRunner()
    table = runner.invoke(cli, ["master", "show"])
    assert table.exit_code == 0
    assert "37 indikator" in table.output and master.fingerprint in table.output
    assert "DPMPTSP; DUKCAPIL" in table.output
    data = json.loads(runner.invoke(cli, ["master", "show", "--format", "json"]).output)
    assert data["fingerprint"] == master.fingerprint and len(data["indicators"]) == 37
    assert data["indicators"][16]["opds"] == ["DPMPTSP", "DUKCAPIL"]
    assert [d["weight"] for d in data["domains"]] == [17, 28, 55]
    out = runner.invoke(cli, ["--lang", "en", "master", "show", "--format", "csv"]).output
    assert out.splitlines()[0].startswith("No,Indicator,Recommendation,Baseline Maturity Level")
    assert len(out.splitlines()) == 38


def test_cli_export_then_use_with_master(master, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["master", "export", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["master", "check", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 0 and master.fingerprint in result.output
    result = runner.invoke(cli, ["template", str(tmp_path / "out"), "--period", "Triwulan I 2020",
                                 "--opd", "HUKUM", "--master", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "HUKUM_Triwulan_I_2020.xlsx").exists()


def test_cli_broken_master_runs_nothing(master, tmp_path):
    rows = list(csv.reader(io.StringIO(master_csv(master))))
    rows[2][7] = "Bagian Organisai"
    rows[3][3] = "9"
    path = tmp_path / "broken.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    runner = CliRunner()
    result = runner.invoke(cli, ["template", str(tmp_path / "out"), "--period", "TW I", "--master", str(path)])
    assert result.exit_code == 2
    assert "broken.csv!H3" in result.output and "broken.csv!D4" in result.output
    assert "2 masalah" in result.output
    assert not (tmp_path / "out").exists()
    result = runner.invoke(cli, ["master", "check", str(path), "--lang", "en"])
    assert result.exit_code == 2 and "2 problems" in result.output


# ---- the column model drives the master list ---------------------------------------------------

def test_an_indicator_has_one_field_per_master_column_in_model_order():
    assert [f.name for f in fields(Indicator)] == [c.key for c in MASTER_FILE_COLUMNS]


def test_the_embedded_plan_keeps_its_fingerprint(master):
    """The fingerprint payload (every master column in model order, weights rounded to 9 decimals, OPDs as a
    list) is what templates carry: it must not change when the code around it does."""
    assert master.fingerprint == "bd95156b5eb4eecd"


def test_json_and_records_follow_the_model(master):
    data = json.loads(master_json(master))
    assert list(data["indicators"][0]) == [c.key for c in MASTER_FILE_COLUMNS if c.key != "action"]
    assert list(master_records(master, "en")[0]) == \
        [column_label(c, "en") for c in MASTER_FILE_COLUMNS if c.key != "action"]


def test_the_monev_columns_are_the_consolidated_sheet_s():
    from spbe_excel.write.workbook import MONEV_KEYS

    assert tuple(c.key for c in MONEV_COLUMNS) == MONEV_KEYS
