"""Templates through a real LibreOffice (headless)."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest
import python_calamine

from spbe_excel.model.columns import TEMPLATE_COLUMNS
from spbe_excel.write.template import FIRST_DATA_ROW, write_templates

pytestmark = pytest.mark.libreoffice
COL = {c.key: i for i, c in enumerate(TEMPLATE_COLUMNS)}  # 0-based


def test_libreoffice_opens_and_converts_every_template(libreoffice, templates_dir, master, tmp_path):
    [blank] = write_templates(tmp_path / "blank", master, period=None, all_rows=True)
    sources = [*sorted(templates_dir.glob("*.xlsx")), blank]
    outs = libreoffice.convert(sources, "pdf", tmp_path / "pdf")
    for out in outs:
        data = out.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 5000
        boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
        assert len(boxes) >= 2, out.name  # instructions and at least one monitoring page
        for w, h in boxes:  # every page A4 landscape: 841.9 x 595.3 points
            assert (round(float(w)), round(float(h))) == (842, 595), out.name


FILLED = {
    "status": "Dalam Proses",
    "progress": 0.75,
    "current_level": "3 - Terdefinisi",
    "achievement": "Draf Perwali selesai disusun.\nSudah dibahas dengan Bagian Hukum.",
    "evidence": "Nota Dinas No. 045/123/DKIS/2019",
    "obstacles": "=Menunggu jadwal rapat",  # text that looks like a formula stays text
    "budget": 150000000,
    "spent": 42500000.5,
    "updated_on": dt.date(2019, 8, 12),
    "responsible": "I Made Sudarsana, S.Kom.",
}


def _fill(path, out):
    wb = openpyxl.load_workbook(path)
    ws = wb["Monev"]
    ws["C3"] = "Ni Luh Putu Ayu (0812-3456-789)"
    ws["G3"] = dt.date(2019, 8, 15)
    for key, value in FILLED.items():
        cell = ws.cell(FIRST_DATA_ROW + 1, COL[key] + 1)
        cell.value = value
        if key == "obstacles":
            cell.data_type = "s"  # as Excel stores text typed after an apostrophe
    ws.cell(FIRST_DATA_ROW + 2, COL["status"] + 1).value = "Selesai"
    ws.cell(FIRST_DATA_ROW + 2, COL["progress"] + 1).value = 1
    wb.save(out)


def _norm(v):
    if isinstance(v, dt.datetime):
        return v.date()
    return v


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_filled_template_keeps_values_in_place_after_libreoffice_resave(libreoffice, templates_dir, tmp_path, fmt):
    filled = tmp_path / "BAPPEDA_filled.xlsx"
    _fill(templates_dir / "BAPPEDA_Triwulan_III_2019.xlsx", filled)
    [out] = libreoffice.convert([filled], fmt, tmp_path / fmt)
    wb = python_calamine.CalamineWorkbook.from_path(str(out))
    assert "Monev" in wb.sheet_names
    rows = wb.get_sheet_by_name("Monev").to_python(skip_empty_area=False)
    r = FIRST_DATA_ROW
    for key, value in FILLED.items():
        got = _norm(rows[r][COL[key]])
        if isinstance(value, (int, float)):
            assert got == pytest.approx(value), key
        else:
            assert got == value, key
    assert rows[r + 1][COL["status"]] == "Selesai" and rows[r + 1][COL["progress"]] == 1
    assert rows[2][2] == "Ni Luh Putu Ayu (0812-3456-789)" and _norm(rows[2][6]) == dt.date(2019, 8, 15)
    # the master part is where it was
    assert rows[r][0] == 4 and rows[r][1] == "Kebijakan Internal Anggaran dan Belanja TIK"
    # the metadata sheet survives the round trip (hidden)
    meta_name = "spbe_meta"
    assert meta_name in wb.sheet_names
    meta = {row[0]: row[1] for row in wb.get_sheet_by_name(meta_name).to_python() if row and row[0]}
    assert meta["opd"] == "BAPPEDA" and meta["period"] == "Triwulan III 2019"
