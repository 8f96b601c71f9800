"""``spbe-excel consolidate`` and the bundled examples."""

from __future__ import annotations

import json
import os
import re
import shutil
import warnings

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import ROOT
from factory import fill, template

from spbe_excel.cli import cli

EXAMPLES = ROOT / "examples"


def quick_start_args() -> list[str]:
    """The arguments of the README's first Quick start command."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1]
    line = re.findall(r"```sh\n(.*?)\n```", quick, re.S)[0]
    command = line.split("&&")[-1].strip()  # after the set-up (venv, pip install)
    import shlex

    args = shlex.split(command)
    assert args[0] == "spbe-excel"
    return args[1:]


def test_readme_quick_start_consolidates_the_examples(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    args = quick_start_args()
    out = tmp_path / "rekap.xlsx"
    args[args.index("-o") + 1] = str(out)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output  # the examples hold error findings, by design
    lines = result.output.splitlines()
    assert lines[0] == f"Ditulis: {out}"
    assert "Berkas: 12 dibaca, 9 dipakai, 0 ditolak, 2 dilewati, 1 ganda." in lines
    assert "OPD melapor: 9 dari 10." in lines
    assert any(ln.startswith("Temuan: 3 galat") for ln in lines)
    # BPKAD's level 2 on No 11 sits on a row with an error, but Triwulan II (--previous) counted it at 2: the
    # last supported level counts, and no claim is listed as not counted (without --previous: 2,82)
    # the verified estimate (issue 19): Triwulan II's workbook holds DKIS's Sesuai on BKPSDM's No 9 (level 2 over
    # 1, weight 1 %), unchanged in Triwulan III: 2,64 + 1 x (2 - 1) / 100
    assert "Indeks SPBE: awal 2,64 (Baik), perkiraan 2,83 (Baik), terverifikasi 2,65 (Baik)." in lines
    assert "Klaim tingkat yang tidak dihitung:" not in lines
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Ringkasan"


def test_examples_are_messy_in_the_documented_ways(tmp_path):
    result = CliRunner().invoke(cli, ["consolidate", str(EXAMPLES / "triwulan-iii"), "-o", str(tmp_path / "r.xlsx"),
                                      "--period", "Triwulan III 2019", "--as-of", "2019-09-30",
                                      "--previous", str(EXAMPLES / "rekap-triwulan-ii-2019.xlsx"),
                                      "--report-json", str(tmp_path / "r.json"), "--feedback", str(tmp_path / "fb")])
    assert result.exit_code == 1
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    found = {(f["code"], f["opd"]) for f in data["findings"]}
    assert {("status-progress-mismatch", "BPKAD"), ("evidence-missing", "BPKAD"), ("duplicate-submission", "HUKUM"),
            ("budget-overrun", "PBJ"), ("formula-in-text", "PBJ"), ("submission-missing", "DUKCAPIL"),
            ("file-skipped", "")} <= found
    formats = {s["path"].rsplit(".", 1)[1] for s in data["sources"]}
    assert formats == {"xlsx", "xls", "ods", "txt"}
    organisasi = next(r for r in data["rows"] if r["opd"] == "ORGANISASI" and r["no"] == 2)
    assert organisasi["values"]["progress"] == 75 and organisasi["values"]["current_level"] == 3
    assert organisasi["values"]["budget"] == 40_000_000 and organisasi["values"]["updated_on"] == "2019-08-12"
    assert any(r["previous_progress"] is not None for r in data["rows"])
    assert ("verification-returned", "BAPPEDA") in found and ("verification-dropped", "DKIS") in found
    assert sorted(p.name for p in (tmp_path / "fb").iterdir()) == [
        "BAPPEDA_Triwulan_III_2019_perbaikan.xlsx",  # BAPPEDA: the claim DKIS returned in Triwulan II's workbook
        "BPKAD_Triwulan_III_2019_perbaikan.xlsx", "DKIS_Triwulan_III_2019_perbaikan.xlsx",  # DKIS: stale rows
        "HUKUM_Triwulan_III_2019_perbaikan.xlsx", "PBJ_Triwulan_III_2019_perbaikan.xlsx"]  # HUKUM: sent twice
    wb = openpyxl.load_workbook(tmp_path / "fb" / "DKIS_Triwulan_III_2019_perbaikan.xlsx")
    assert "update-stale" in [c.value for c in wb["Perbaikan"]["B"]]
    wb = openpyxl.load_workbook(tmp_path / "fb" / "BAPPEDA_Triwulan_III_2019_perbaikan.xlsx")
    assert "verification-returned" in [c.value for c in wb["Perbaikan"]["B"]]


def test_clean_period_exits_0_and_quiet_prints_nothing(tmp_path, master):
    folder = tmp_path / "in"
    folder.mkdir()
    tpl = tmp_path / "tpl"
    for code in master.opd_codes:
        fill(template(tpl, master, code), folder / f"{code}.xlsx")
    result = CliRunner().invoke(cli, ["consolidate", str(folder), "-o", str(tmp_path / "r.xlsx"), "--as-of",
                                      "2019-09-30", "--quiet"])
    assert result.exit_code == 0 and result.output == ""
    assert (tmp_path / "r.xlsx").exists()


def test_progress_bar_on_stderr_for_long_runs(tmp_path, master):
    folder = tmp_path / "in"
    folder.mkdir()
    tpl = fill(template(tmp_path, master, "DKIS"), tmp_path / "DKIS.xlsx")
    for n in range(24):
        shutil.copy(tpl, folder / f"DKIS_{n:02}.xlsx")
    result = CliRunner().invoke(cli, ["consolidate", str(folder), "-o", str(tmp_path / "r.xlsx"), "--as-of",
                                      "2019-09-30", "--workers", "2"])
    assert "Membaca berkas" in result.stderr and "Membaca berkas" not in result.stdout
    assert "Berkas: 24 dibaca, 1 dipakai, 0 ditolak, 0 dilewati, 23 ganda." in result.stdout


def test_previous_that_is_not_ours_is_refused(tmp_path):
    other = tmp_path / "lain.xlsx"
    wb = openpyxl.Workbook()
    wb.save(other)
    result = CliRunner().invoke(cli, ["consolidate", str(EXAMPLES / "triwulan-iii"), "-o", str(tmp_path / "r.xlsx"),
                                      "--previous", str(other)])
    assert result.exit_code == 2 and "bukan buku kerja rekap spbe-excel" in result.output
    assert not (tmp_path / "r.xlsx").exists()


def test_english_summary(tmp_path):
    result = CliRunner().invoke(cli, ["--lang", "en", "consolidate", str(EXAMPLES / "triwulan-iii"), "-o",
                                      str(tmp_path / "r.xlsx"), "--as-of", "2019-09-30"])
    assert "OPDs reported: 9 of 10." in result.output
    assert "SPBE index: baseline 2.64 (Good), estimate 2.82 (Good), verified 2.64 (Good)." in result.output
    assert "Level claims not counted:\n  No 11 BPKAD: 2, counted 1 (the row still has an error)\n" in result.output


def test_a_file_name_that_is_not_utf8_is_consolidated_and_shown_with_replacement_marks(tmp_path):
    """A name from a Windows zip or an old mail client (``DKIS_\\xe9t\\xe9.xlsx`` on disk, Latin-1) stopped the
    whole period's consolidation with a traceback (its lone surrogates fit in no workbook); the file is read and
    counted, and every output names it with U+FFFD where a byte was not UTF-8."""
    folder = tmp_path / "masuk"
    folder.mkdir()
    odd = os.fsdecode(os.fsencode(folder) + b"/DKIS_\xe9t\xe9.xlsx")
    shutil.copy(EXAMPLES / "triwulan-iii" / "DKIS_Triwulan_III_2019.xlsx", odd)
    shown = "DKIS_\ufffdt\ufffd.xlsx"
    result = CliRunner().invoke(cli, ["consolidate", str(folder), "-o", str(tmp_path / "r.xlsx"), "--as-of",
                                      "2019-09-30", "--report-json", str(tmp_path / "r.json")])
    assert result.exit_code in (0, 1), result.output  # 1: the OPDs that sent nothing are errors
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "OPD melapor: 1 dari 10." in result.output
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert shown in json.dumps(report, ensure_ascii=False) and "\\udce9" not in json.dumps(report)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    names = {v for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row
             if isinstance(v, str) and v.startswith("DKIS_")}
    assert names == {shown}
    checked = CliRunner().invoke(cli, ["validate", odd, "--as-of", "2019-09-30"])
    assert checked.exit_code == 0 and f"{shown} (DKIS, Triwulan III 2019) [diterima]" in checked.output


def test_missing_input_dir_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["consolidate", str(tmp_path / "nope"), "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 2 and "Tidak ditemukan" in result.output


@pytest.mark.parametrize("flag", ["--report-json"])
def test_json_report_is_byte_identical_for_the_same_inputs(tmp_path, flag):
    outs = []
    for n in range(2):
        CliRunner().invoke(cli, ["consolidate", str(EXAMPLES / "triwulan-iii"), "-o", str(tmp_path / f"r{n}.xlsx"),
                                 "--as-of", "2019-09-30", flag, str(tmp_path / f"r{n}.json"), "-q"])
        outs.append(((tmp_path / f"r{n}.xlsx").read_bytes(), (tmp_path / f"r{n}.json").read_bytes()))
    assert outs[0] == outs[1]
