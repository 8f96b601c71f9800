"""``spbe-excel validate``: output grouped by file, JSON, exit codes."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from factory import PERIOD, fill, good_row, template

from spbe_excel.cli import cli


@pytest.fixture(scope="module")
def folder(tmp_path_factory, master):
    d = tmp_path_factory.mktemp("kiriman")
    tpl_dir = tmp_path_factory.mktemp("tpl")
    fill(template(tpl_dir, master, "HUKUM"), d / "HUKUM.xlsx")
    (d / "sub").mkdir()
    fill(template(tpl_dir, master, "BAPPEDA"), d / "sub" / "BAPPEDA.xlsx",
         {4: {**good_row(4), "progress": "banyak"}, 10: {**good_row(10), "spent": 90_000_000}})
    (d / "~$HUKUM.xlsx").write_bytes(b"\0" * 165)
    (d / "rusak.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    return d


def run(*args):
    return CliRunner().invoke(cli, ["validate", *map(str, args), "--as-of", "2019-09-30", "--workers", "0"])


def test_text_output_grouped_by_file_errors_first(folder):
    result = run(folder, "--period", PERIOD)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    headers = [ln for ln in lines if not ln.startswith("  ")]
    assert [h.split(" (")[0].replace(str(folder) + "/", "") for h in headers[:-2]] == [
        "HUKUM.xlsx", "rusak.xlsx", "sub/BAPPEDA.xlsx", "~$HUKUM.xlsx"]
    assert headers[0].endswith("[diterima]: 0 galat, 0 peringatan, 0 info")
    assert "[ditolak]: 1 galat" in headers[1] and "[dilewati]" in headers[3]
    bappeda = lines[lines.index(headers[2]) + 1: lines.index(headers[3])]
    assert [ln.split()[0] for ln in bappeda] == ["galat", "peringatan"]
    assert "Monev!J6" in bappeda[0] and "value-invalid" in bappeda[0] and '"banyak"' in bappeda[0]
    assert "budget-overrun" in bappeda[1]
    assert headers[-2] == "4 berkas: 2 diterima, 1 ditolak, 1 dilewati. 2 galat, 1 peringatan, 1 info"
    assert headers[-1] == f"Ditolak: {folder / 'rusak.xlsx'}."  # the rejected files named again at the end


def test_json_output(folder):
    result = run(folder, "--format", "json", "--lang", "en")
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert {d["code"] for d in data} == {"file-unreadable", "value-invalid", "budget-overrun", "file-skipped"}
    invalid = next(d for d in data if d["code"] == "value-invalid")
    assert {k: invalid[k] for k in ("severity", "sheet", "cell", "opd", "indicator", "column", "value")} == {
        "severity": "error", "sheet": "Monev", "cell": "J6", "opd": "BAPPEDA", "indicator": 4,
        "column": "progress", "value": "banyak"}
    assert invalid["message"].startswith("Progress (%) is invalid")
    assert invalid["file"].endswith("sub/BAPPEDA.xlsx")


def test_exit_code_0_without_errors(folder):
    result = run(folder / "HUKUM.xlsx")
    assert result.exit_code == 0 and "0 galat" in result.output


def test_exit_code_2_for_a_missing_path(folder):
    result = run(folder / "HUKUM.xlsx", folder / "tidak-ada.xlsx")
    assert result.exit_code == 2 and "Tidak ditemukan" in result.output


def test_exit_code_2_for_bad_usage():
    assert CliRunner().invoke(cli, ["validate"]).exit_code == 2
    assert CliRunner().invoke(cli, ["validate", ".", "--as-of", "kemarin"]).exit_code == 2


def test_isolated_workers_give_the_same_findings(folder):
    a = CliRunner().invoke(cli, ["validate", str(folder), "--format", "json", "--as-of", "2019-09-30",
                                 "--workers", "0"])
    b = CliRunner().invoke(cli, ["validate", str(folder), "--format", "json", "--as-of", "2019-09-30",
                                 "--workers", "2"])
    assert json.loads(a.output) == json.loads(b.output)


def test_inputs_are_never_modified(folder, tmp_path):
    copy = tmp_path / "c"
    shutil.copytree(folder, copy)
    before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    run(copy)
    assert {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()} == before
