"""Feedback workbooks, read back."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from factory import PERIOD, TODAY, fill, good_row, template

from spbe_excel.cli import cli
from spbe_excel.errors import OutputError
from spbe_excel.read.submission import read_submission
from spbe_excel.text.errors import error_text
from spbe_excel.write.feedback import write_feedback

LONG = "Baris pertama uraian.\nBaris kedua: rapat 12/08.\n\n" + "Kalimat panjang. " * 400


@pytest.fixture
def messy(tmp_path, master):
    tpl = template(tmp_path, master, "BAPPEDA")
    rows = {
        4: {**good_row(4), "status": "Selesai", "progress": 0.9, "evidence": None},  # two errors
        10: {**good_row(10), "progress": "tujuh puluh", "achievement": LONG},  # invalid, long text
        21: {**good_row(21), "obstacles": "=Menunggu jadwal", "spent": 99_000_000},  # formula-like, overrun
        27: {**good_row(27), "current_level": "2 - Interaksi"},  # below baseline 4
        28: {"status": None, "progress": None},  # empty
    }

    def add_unknown_row(wb, ws):
        ws.cell(12, 1).value, ws.cell(12, 9).value, ws.cell(12, 14).value = 77, "proses", "baris asing"
    path = fill(tpl, tmp_path / "BAPPEDA_kiriman.xlsx", rows, edit=add_unknown_row)
    return path, read_submission(path, master, period=PERIOD, today=TODAY)


def saved_by_office(path, out):
    """``path`` as an office program saves it unchanged: the same parts, the document properties updated."""
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2019-10-01T09:30:00Z", data)
                data = data.replace(b"<cp:lastModifiedBy>spbe-excel<", b"<cp:lastModifiedBy>Operator BAPPEDA<")
            zout.writestr(info, data)
    return out


def test_feedback_values_comments_and_corrections_sheet(messy, tmp_path, master):
    path, sub = messy
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    out = write_feedback(sub, master, tmp_path / "umpan_balik.xlsx")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before

    # as written, it is not a submission (it is skipped); once the OPD saves it, its values read back equal
    assert read_submission(out, master, period=PERIOD, today=TODAY).status == "skipped"
    again = read_submission(saved_by_office(out, tmp_path / "disimpan.xlsx"), master, period=PERIOD, today=TODAY)
    for no, row in sub.rows_by_no().items():
        assert again.rows_by_no()[no].values == row.values, no
    assert again.contact == sub.contact and again.filled_on == dt.date(2019, 9, 20)
    assert again.rows_by_no()[10].raw["achievement"] == LONG

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Petunjuk", "Monev", "Perbaikan", "Baris Lain", "spbe_meta"]
    ws = wb["Monev"]
    # the value that did not parse is kept as written, as text
    assert ws["J7"].value == "tujuh puluh"
    # formula-looking text stays text
    assert ws["N8"].value == "=Menunggu jadwal" and ws["N8"].data_type == "s"
    # highlighted cells with comments saying what to fix
    assert "Bukti Dukung kosong" in ws["M6"].comment.text and ws["M6"].fill.fgColor.rgb == "FFFFC7CE"
    assert "progres 90%" in ws["J6"].comment.text
    assert "tujuh puluh" in ws["J7"].comment.text
    assert "melebihi anggaran" in ws["P8"].comment.text and ws["P8"].fill.fgColor.rgb == "FFFFEB9C"
    assert "lebih rendah dari nilai evaluasi 4" in ws["K9"].comment.text
    assert "belum diisi" in ws["I10"].comment.text
    assert ws["L7"].comment is None and ws["L7"].fill.fgColor.rgb == "FFFFFFFF"
    # every finding listed once on the Perbaikan sheet, linked to its cell
    fb = wb["Perbaikan"]
    listed = [(fb.cell(r, 2).value, fb.cell(r, 3).value, fb.cell(r, 3).hyperlink)
              for r in range(12, fb.max_row + 1) if fb.cell(r, 2).value]
    assert sorted(c for c, _, _ in listed) == sorted(f.code for f in sub.findings)
    links = {code: (cell, link.location) for code, cell, link in listed if link is not None}
    assert links["evidence-missing"] == ("M6", "Monev!M6")
    assert links["value-invalid"] == ("J7", "Monev!J7")
    # rows that could not be placed are kept with their values
    others = wb["Baris Lain"]
    assert any(c.value == "baris asing" for row in others.iter_rows() for c in row)
    assert wb["spbe_meta"]["B3"].value == "BAPPEDA"


def test_feedback_in_english(messy, tmp_path, master):
    _, sub = messy
    out = write_feedback(sub, master, tmp_path / "feedback.xlsx", lang="en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["Instructions", "Monitoring", "Corrections"]
    assert "Supporting Evidence is empty" in wb["Monitoring"]["M6"].comment.text
    assert wb["Monitoring"]["I6"].value == "Completed"


def test_clean_submission_gets_a_thank_you(tmp_path, master):
    path = fill(template(tmp_path, master, "HUKUM"), tmp_path / "HUKUM.xlsx")
    sub = read_submission(path, master, period=PERIOD, today=TODAY)
    wb = openpyxl.load_workbook(write_feedback(sub, master, tmp_path / "fb.xlsx"))
    assert wb["Perbaikan"]["A12"].value == "Tidak ada temuan. Terima kasih!"


def test_unreadable_submission_still_gets_feedback(tmp_path, master):
    path = tmp_path / "BAPPEDA.xlsx"
    path.write_bytes(b"<html><body>export</body></html>")
    sub = read_submission(path, master)
    wb = openpyxl.load_workbook(write_feedback(sub, master, tmp_path / "fb.xlsx"))
    assert wb["Perbaikan"]["B12"].value == "file-unreadable"
    assert "halaman web" in wb["Perbaikan"]["H12"].value


def test_feedback_refuses_to_overwrite_the_submission(messy, master):
    path, sub = messy
    before = path.read_bytes()
    with pytest.raises(OutputError) as refused:
        write_feedback(sub, master, path)
    assert re.search("salah satu berkas masukan", error_text(refused.value, "id"))
    assert path.read_bytes() == before


def test_cli_feedback(messy, tmp_path):
    path, _ = messy
    out = tmp_path / "out" / "BAPPEDA_perbaikan.xlsx"
    result = CliRunner().invoke(cli, ["feedback", str(path), "-o", str(out), "--period", PERIOD,
                                      "--as-of", "2019-09-30"])
    assert result.exit_code == 0, result.output
    assert out.exists() and "galat" in result.output


def test_a_percentage_out_of_range_goes_back_as_the_opd_typed_it(tmp_path, master):
    """150 % typed among fractions is value-invalid (issue 17); the feedback workbook gives the cell back as
    the OPD's file held it, the number 1.5 in a percentage cell (shown 150 %), not the text "1.5"."""
    tpl = template(tmp_path, master, "BAPPEDA")
    path = fill(tpl, tmp_path / "BAPPEDA_kiriman.xlsx", {4: {**good_row(4), "progress": 1.5}})
    sub = read_submission(path, master, period=PERIOD, today=TODAY)
    [invalid] = [f for f in sub.findings if f.code == "value-invalid"]
    out = write_feedback(sub, master, tmp_path / "umpan_balik.xlsx")
    cell = openpyxl.load_workbook(out)["Monev"][invalid.cell]
    assert cell.value == 1.5 and "%" in cell.number_format
    assert cell.comment is not None and "150%" in cell.comment.text
