"""Per-OPD templates, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import os
import re

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import ROOT
from snapshot import cells_of, snapshot

from spbe_excel.cli import cli
from spbe_excel.errors import OutputError, UsageError
from spbe_excel.model.columns import (
    OPD_COLUMNS,
    STATUSES,
    TEMPLATE_COLUMNS,
    Kind,
    Source,
)
from spbe_excel.text.errors import error_text
from spbe_excel.text.words import column_hint, column_label, level_label
from spbe_excel.write import template as tpl
from spbe_excel.write.master_export import master_cell_value
from spbe_excel.write.template import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    META_SHEET,
    write_template,
    write_templates,
)

HEADER = HEADER_ROW + 1  # 1-based
FIRST = FIRST_DATA_ROW + 1
OPD_COLS = [i + 1 for i, c in enumerate(TEMPLATE_COLUMNS) if c.source is Source.OPD]
MASTER_COLS = [i + 1 for i, c in enumerate(TEMPLATE_COLUMNS) if c.source is Source.MASTER]
COL = {c.key: i + 1 for i, c in enumerate(TEMPLATE_COLUMNS)}


def meta_of(wb) -> dict:
    ws = wb[META_SHEET]
    return {r[0].value: r[1].value for r in ws.iter_rows(max_col=2)}


def expected_master_value(master, ind, col, lang="id"):
    v = master_cell_value(ind, col.key, lang)
    return level_label(v, ind.level_kind, lang) if col.kind is Kind.LEVEL else v


def test_one_template_per_opd_named_after_code_and_period(templates_dir, master):
    names = sorted(p.name for p in templates_dir.iterdir())
    assert names == sorted(f"{code}_Triwulan_III_2019.xlsx" for code in master.opd_codes)
    assert not [p for p in templates_dir.iterdir() if p.name.startswith(".")]  # no temporary files left


@pytest.mark.parametrize("code", ["DKIS", "ORGANISASI", "BAPPEDA", "BKPSDM", "BPKAD", "HUKUM", "PBJ", "DPMPTSP",
                                  "DUKCAPIL", "DISNAKER"])
def test_template_content(templates_dir, master, code):
    wb = openpyxl.load_workbook(templates_dir / f"{code}_Triwulan_III_2019.xlsx")
    assert wb.sheetnames == ["Petunjuk", "Monev", META_SHEET]
    ws = wb["Monev"]
    indicators = master.for_opd(code)

    # header block
    assert ws["A2"].value == "Perangkat Daerah" and ws["C2"].value == master.registry.get(code).display()
    assert ws["F2"].value == "Periode" and ws["G2"].value == "Triwulan III 2019"
    assert ws["A3"].value == "Narahubung" and ws["F3"].value == "Tanggal Pengisian"
    assert ws["C2"].protection.locked and ws["G2"].protection.locked
    assert not ws["C3"].protection.locked and not ws["G3"].protection.locked

    # header row and master values: only this OPD's rows, equal to the master list
    assert [ws.cell(HEADER, c).value for c in range(1, len(TEMPLATE_COLUMNS) + 1)] == \
        [column_label(c, "id") for c in TEMPLATE_COLUMNS]
    assert ws.max_row == FIRST + len(indicators) - 1
    for n, ind in enumerate(indicators):
        r = FIRST + n
        for c, col in enumerate(TEMPLATE_COLUMNS, 1):
            cell = ws.cell(r, c)
            if col.source is Source.MASTER:
                assert cell.value == expected_master_value(master, ind, col), (r, col.key)
                assert cell.protection.locked, (r, col.key)
                assert cell.fill.fgColor.rgb == "FFE7E6E6"
            else:
                assert cell.value is None and not cell.protection.locked, (r, col.key)
            if col.wraps:
                assert cell.alignment.wrap_text
        assert ws.row_dimensions[r].height >= 30

    # number formats of the OPD columns
    r = FIRST
    assert ws.cell(r, COL["progress"]).number_format == "0%"
    assert ws.cell(r, COL["budget"]).number_format == "#,##0"
    assert ws.cell(r, COL["updated_on"]).number_format == "[$-421]dd mmm yyyy"  # 12 Agu 2019
    assert ws["G3"].number_format == "[$-421]dd mmm yyyy"

    # protection without password that still allows resizing
    p = ws.protection
    assert p.sheet and not p.password
    assert p.formatRows is False and p.formatColumns is False
    assert p.insertRows and p.deleteRows and p.formatCells

    # view and print
    assert ws.freeze_panes == f"C{FIRST}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == f"$4:${HEADER}" and ws.print_title_cols == "$A:$B"
    assert 40 <= ws.page_setup.scale <= 100
    # the title tops every printed page (on the OPD part's pages a title cut at column B showed only its start)
    assert ws.print_area in (f"'Monev'!$A$2:$R${ws.max_row}", f"Monev!$A$2:$R${ws.max_row}")
    assert ws.oddHeader.left.text == ws["A1"].value and ws["A1"].value.startswith("MONITORING DAN EVALUASI")

    # metadata
    meta = meta_of(wb)
    assert wb[META_SHEET].sheet_state == "veryHidden" and wb[META_SHEET].protection.sheet
    assert meta["format"] == "spbe-excel/monev" and meta["template_version"] == tpl.TEMPLATE_VERSION
    assert meta["opd"] == code and meta["period"] == "Triwulan III 2019"
    assert meta["master_fingerprint"] == master.fingerprint
    assert meta["sheet"] == "Monev" and meta["header_row"] == str(HEADER)
    assert meta["columns"] == ",".join(c.key for c in TEMPLATE_COLUMNS)
    assert wb["Petunjuk"].protection.sheet


def _validations(ws):
    return [(dv, cells_of(dv.sqref)) for dv in ws.data_validations.dataValidation]


@pytest.mark.parametrize("code", ["DKIS", "BAPPEDA", "DPMPTSP", "DUKCAPIL"])
def test_validations_cover_exactly_the_opd_cells(templates_dir, master, code):
    wb = openpyxl.load_workbook(templates_dir / f"{code}_Triwulan_III_2019.xlsx")
    ws = wb["Monev"]
    indicators = master.for_opd(code)
    rows = range(FIRST, FIRST + len(indicators))
    vals = _validations(ws)
    covered = [cell for _, cells in vals for cell in cells]
    assert len(covered) == len(set(covered)), "a cell has two validations"
    opd_cells = {(r, c) for r in rows for c in OPD_COLS}
    header_inputs = {(3, 3), (3, 7)}  # contact person, date filled
    assert set(covered) == opd_cells | header_inputs

    by_col: dict[int, list] = {}
    for dv, cells in vals:
        for col in {c for _, c in cells}:
            by_col.setdefault(col, []).append(dv)
    for col in OPD_COLUMNS:
        dvs = [dv for dv in by_col[COL[col.key]] if cells_of(dv.sqref) & opd_cells]
        for dv in dvs:
            assert dv.prompt == column_hint(col, "id") and dv.showInputMessage
        if col.kind is Kind.STATUS:
            [dv] = dvs
            assert dv.type == "list" and dv.formula1 == '"' + ",".join(s.label_id for s in STATUSES) + '"'
            assert dv.showErrorMessage and dv.errorStyle in (None, "stop") and "daftar" in dv.error
        elif col.kind is Kind.PERCENT:
            [dv] = dvs
            assert (dv.type, dv.operator or "between", dv.formula1, dv.formula2) == ("decimal", "between", "0", "1")
            assert "0%" in dv.error and "100%" in dv.error
        elif col.kind is Kind.MONEY:
            [dv] = dvs
            assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")
        elif col.kind is Kind.DATE:
            [dv] = dvs
            assert (dv.type, dv.operator or "between") == ("date", "between")
            assert dv.formula1 == "43466" and dv.formula2 == "TODAY()"  # 1/1/2019 .. today
        elif col.kind is Kind.LEVEL:
            # one list per level kind, each covering exactly the rows of that kind
            for dv in dvs:
                rows_here = {r for r, _ in cells_of(dv.sqref)}
                kinds = {indicators[r - FIRST].level_kind for r in rows_here}
                assert len(kinds) == 1
                kind = kinds.pop()
                expected = ",".join(level_label(n, kind, "id") for n in range(1, 6))
                assert dv.type == "list" and dv.formula1 == f'"{expected}"'
            assert {r for dv in dvs for r, _ in cells_of(dv.sqref)} == set(rows)
        else:
            [dv] = dvs
            assert dv.type is None or dv.type == "any"


def test_blank_template_with_all_rows(master, tmp_path):
    [path] = write_templates(tmp_path, master, period=None, all_rows=True)
    assert path.name == "monev_template.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Petunjuk", "Monev", "Daftar", META_SHEET]
    assert wb["Daftar"].sheet_state == "hidden"
    ws = wb["Monev"]
    assert ws.max_row == FIRST + 36
    assert [ws.cell(FIRST + i, 1).value for i in range(37)] == list(range(1, 38))
    assert ws.cell(FIRST + 16, COL["opds"]).value == "DPMPTSP; DUKCAPIL"
    # OPD and period are for the user to fill in
    assert not ws["C2"].protection.locked and not ws["G2"].protection.locked
    opd_dv = [dv for dv in ws.data_validations.dataValidation if "C2" in str(dv.sqref)]
    assert opd_dv[0].type == "list" and opd_dv[0].formula1 == "Daftar!$A$1:$A$10"
    assert [wb["Daftar"].cell(i, 1).value for i in range(1, 11)] == \
        [master.registry.get(c).display() for c in master.opd_codes]
    assert meta_of(wb)["opd"] in ("", None)


def test_english_template(master, tmp_path):
    path = write_template(tmp_path / "x.xlsx", master, opd="BAPPEDA", period="Q3 2019", lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Instructions", "Monitoring", META_SHEET]
    ws = wb["Monitoring"]
    assert ws.cell(HEADER, COL["status"]).value == "Follow-up Status"
    assert ws.cell(FIRST, COL["baseline_level"]).value == "3 - Defined"
    status = next(dv for dv in ws.data_validations.dataValidation
                  if (FIRST, COL["status"]) in cells_of(dv.sqref))
    assert status.formula1 == '"Not Started,In Progress,Completed,Cannot Be Implemented"'
    assert meta_of(wb)["lang"] == "en"


def test_instructions_sheet_explains_every_column(templates_dir):
    wb = openpyxl.load_workbook(templates_dir / "BAPPEDA_Triwulan_III_2019.xlsx")
    text = "\n".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "PETUNJUK PENGISIAN" in text and "BAPPEDA - Badan Perencanaan Pembangunan Daerah" in text
    for col in TEMPLATE_COLUMNS:
        assert column_label(col, "id") in text
        if col.source is Source.OPD:
            assert column_hint(col, "id") in text
    assert "3 - Terdefinisi" in text and "3 - Transaksi" in text and "Tidak Dapat Dilaksanakan" in text


def test_committed_blank_template_is_what_the_code_produces(master, tmp_path):
    """templates/monev_template.xlsx must be regenerated (``spbe-excel template
    templates --all``) whenever the template code changes."""
    [fresh] = write_templates(tmp_path, master, period=None, all_rows=True)
    committed = ROOT / "templates" / "monev_template.xlsx"
    assert committed.exists()
    assert snapshot(committed) == snapshot(fresh)


def test_same_input_same_bytes(master, tmp_path):
    a = write_template(tmp_path / "a.xlsx", master, opd="DKIS", period="Triwulan III 2019")
    b = write_template(tmp_path / "b.xlsx", master, opd="DKIS", period="Triwulan III 2019")
    assert a.read_bytes() == b.read_bytes()


# ---- bad input ----------------------------------------------------------------------------

def test_unknown_opd_names_the_valid_codes(master, tmp_path):
    with pytest.raises(UsageError) as info:
        write_templates(tmp_path, master, period="TW III 2019", opds=["BAPEDA"])
    assert "BAPEDA" in str(info.value) and "BAPPEDA, BKPSDM" in str(info.value)
    result = CliRunner().invoke(cli, ["template", str(tmp_path / "o"), "--period", "x", "--opd", "XYZ"])
    assert result.exit_code == 2 and "XYZ" in result.output and "DKIS" in result.output
    assert not (tmp_path / "o").exists()


def test_period_required_for_opd_templates(master, tmp_path):
    result = CliRunner().invoke(cli, ["template", str(tmp_path)])
    assert result.exit_code == 2 and "--period" in result.output


def test_outdir_that_is_a_file(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("keep me")
    for target in (blocker, blocker / "sub"):
        result = CliRunner().invoke(cli, ["template", str(target), "--period", "TW III 2019"])
        assert result.exit_code == 2
        assert result.output.count("\n") == 1 and "bukan folder" in result.output
    assert blocker.read_text() == "keep me"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_outdir(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    result = CliRunner().invoke(cli, ["template", str(ro), "--period", "TW III 2019"])
    assert result.exit_code == 2 and "izin ditolak" in result.output


def test_failure_leaves_previous_file_and_no_partial_file(master, tmp_path, monkeypatch):
    target = tmp_path / "DKIS_TW.xlsx"
    write_template(target, master, opd="DKIS", period="TW")
    before = target.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(tpl, "write_monev", boom)
    with pytest.raises(RuntimeError):
        write_template(target, master, opd="DKIS", period="TW")
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["DKIS_TW.xlsx"]


def test_output_open_in_excel_is_refused(master, tmp_path):
    target = tmp_path / "DKIS_TW.xlsx"
    (tmp_path / "~$DKIS_TW.xlsx").write_bytes(b"x" * 165)
    with pytest.raises(OutputError) as refused:
        write_template(target, master, opd="DKIS", period="TW")
    assert re.search("dibuka program lain", error_text(refused.value, "id"))
    assert not target.exists()


def test_cli_writes_all_templates(tmp_path):
    result = CliRunner().invoke(cli, ["template", str(tmp_path), "--period", "Triwulan III 2019",
                                      "--opd", "bappeda", "--opd", "DKIS"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["BAPPEDA_Triwulan_III_2019.xlsx",
                                                          "DKIS_Triwulan_III_2019.xlsx"]
    assert "2 templat" in result.output
    wb = openpyxl.load_workbook(tmp_path / "BAPPEDA_Triwulan_III_2019.xlsx")
    assert wb["Monev"].cell(FIRST, 1).value == 4


def test_date_validation_uses_plan_year(master, tmp_path):
    path = write_template(tmp_path / "x.xlsx", master, opd="DKIS", period="TW")
    ws = openpyxl.load_workbook(path)["Monev"]
    dv = next(dv for dv in ws.data_validations.dataValidation if (3, 7) in cells_of(dv.sqref))
    assert dv.type == "date" and int(dv.formula1) == (dt.date(2019, 1, 1) - dt.date(1899, 12, 30)).days
