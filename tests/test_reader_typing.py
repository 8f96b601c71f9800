"""Values as typed into the template in other programs and locales: progress
typed without a % sign into a percentage cell (LibreOffice stores 7500 %),
and dates typed day first on a computer set to English (US), which stores
month first."""

from __future__ import annotations

import datetime as dt

import pytest
from factory import PERIOD, TODAY, fill, good_row, template
from lo import type_into

from spbe_excel.read.submission import read_submission
from spbe_excel.text.findings import message as finding_message

BAPPEDA = [4, 10, 21, 27, 28]


def read(path, master, **kw):
    kw.setdefault("period", PERIOD)
    kw.setdefault("today", TODAY)
    return read_submission(path, master, **kw)


def found(sub, code):
    return [f for f in sub.findings if f.code == code]


# ---- percentage points in a percentage cell (A6) ---------------------------------------------------

def test_progress_typed_as_points_in_the_template(tmp_path, master):
    """Every progress cell holds what LibreOffice stores for a typed "75" (75, shown 7500 %): read as
    points, one warning naming the column and every cell."""
    tpl = template(tmp_path, master, "BAPPEDA")
    points = {4: 75, 10: 40, 21: 100, 27: 0, 28: 12.5}
    rows = {no: {**good_row(no), "progress": p,
                 "status": "Selesai" if p == 100 else "Belum Dimulai" if p == 0 else "Dalam Proses"}
            for no, p in points.items()}
    sub = read(fill(tpl, tmp_path / "BAPPEDA_points.xlsx", rows), master)
    assert sub.status == "accepted"
    assert {n: r.values["progress"] for n, r in sub.rows_by_no().items()} == points
    assert not found(sub, "value-invalid") and not found(sub, "status-progress-mismatch")
    [warning] = found(sub, "progress-points")
    assert warning.severity.value == "warning" and warning.column == "progress"
    assert (warning.sheet, warning.cell, warning.value) == ("Monev", "J6", "7500%")
    assert warning.param("count") == 4 and warning.param("cells") == "J6, J7, J8, J10"  # 0 is not above 1
    assert "7500% dibaca 75%" in finding_message(warning, "id") and "Progres (%)" in finding_message(warning, "id")
    assert "7500% as 75%" in finding_message(warning, "en") and "Progress (%)" in finding_message(warning, "en")


def test_mixed_progress_column_each_cell_as_it_shows(tmp_path, master):
    """A column where some cells were typed as 75% (stored 0.75) and some as 75 (stored 75): a number up to
    1 is read as the percentage the cell shows, one above 1 and up to 100 as points; what stays out of
    range (250, shown 25000%) is rejected."""
    tpl = template(tmp_path, master, "BAPPEDA")
    rows = {4: {**good_row(4), "progress": 0.75}, 10: {**good_row(10), "progress": 60},
            21: {**good_row(21), "progress": 250}, 27: {**good_row(27), "progress": "30"},
            28: {**good_row(28), "progress": 0.5}}
    sub = read(fill(tpl, tmp_path / "BAPPEDA_mixed.xlsx", rows), master)
    got = {n: r.values.get("progress") for n, r in sub.rows_by_no().items()}
    assert got == {4: 75, 10: 60, 21: None, 27: 30, 28: 50}
    [invalid] = found(sub, "value-invalid")
    assert (invalid.cell, invalid.value, invalid.param("reason")) == ("J8", "25000%", "reason.out_of_range")
    [warning] = found(sub, "progress-points")
    assert warning.param("cells") == "J7" and warning.value == "6000%"


def test_fractions_only_no_warning(tmp_path, master):
    tpl = template(tmp_path, master, "BAPPEDA")
    sub = read(fill(tpl, tmp_path / "BAPPEDA_ok.xlsx"), master)
    assert not found(sub, "progress-points")
    assert all(r.values["progress"] == 50 for r in sub.rows_by_no().values())


# ---- typed through LibreOffice's own input parsing (UNO), in a chosen locale --------------------------

@pytest.mark.libreoffice
def test_libreoffice_english_us_swaps_a_typed_date_and_the_finding_says_so(tmp_path, tmp_path_factory, master):
    """On a computer set to English (US), LibreOffice stores 12/08/2019 typed into the template's date cell
    as 8 December; the finding says day and month look swapped and names 2019-08-12.  The form the hint now
    suggests, 2019-08-12, is stored as 12 August whatever the locale."""
    tpl = template(tmp_path, master, "BAPPEDA")
    base = fill(tpl, tmp_path / "BAPPEDA_base.xlsx", {no: {**good_row(no), "updated_on": None} for no in BAPPEDA})
    jobs = [["Monev", "Q6", "12/08/2019"], ["Monev", "Q7", "2019-08-12"]]
    profile = tmp_path_factory.mktemp("uno-en-US")
    stored = type_into(base, tmp_path / "BAPPEDA_en.xlsx", "en-US", jobs, profile)
    assert stored["Monev!Q6"] == (str(float((dt.date(2019, 12, 8) - dt.date(1899, 12, 30)).days)), "VALUE")
    sub = read(tmp_path / "BAPPEDA_en.xlsx", master, today=dt.date(2019, 10, 10))
    rows = sub.rows_by_no()
    assert rows[4].values["updated_on"] == dt.date(2019, 12, 8)  # what LibreOffice stored
    assert rows[10].values["updated_on"] == dt.date(2019, 8, 12)
    [date] = found(sub, "date-out-of-range")
    assert (date.cell, date.param("why"), date.param("iso")) == ("Q6", "why.date_swapped", "2019-08-12")
    assert "8 December 2019" in finding_message(date, "en") and "12 August 2019" in finding_message(date, "en")
    # in an Indonesian locale the same typing is read day first: nothing to say
    stored = type_into(base, tmp_path / "BAPPEDA_id.xlsx", "id-ID", jobs, tmp_path_factory.mktemp("uno-id-ID"))
    sub = read(tmp_path / "BAPPEDA_id.xlsx", master, today=dt.date(2019, 10, 10))
    assert {r.values["updated_on"] for n, r in sub.rows_by_no().items() if n in (4, 10)} == {dt.date(2019, 8, 12)}
    assert not found(sub, "date-out-of-range")


@pytest.mark.libreoffice
def test_libreoffice_progress_typed_without_percent_sign(tmp_path, tmp_path_factory, master):
    """LibreOffice has no automatic percent entry: 75 typed into the template's percentage cell is stored
    as 75 (7500 %); 40% typed with its sign as 0.4.  Both are read right, with one warning."""
    tpl = template(tmp_path, master, "BAPPEDA")
    base = fill(tpl, tmp_path / "BAPPEDA_base.xlsx", {no: {**good_row(no), "progress": None} for no in BAPPEDA})
    jobs = [["Monev", "J6", "75"], ["Monev", "J7", "40%"], ["Monev", "J8", "60"], ["Monev", "J9", "0,5"],
            ["Monev", "J10", "20"]]
    stored = type_into(base, tmp_path / "BAPPEDA_pct.xlsx", "id-ID", jobs, tmp_path_factory.mktemp("uno-id"))
    assert stored["Monev!J6"] == ("75.0", "VALUE") and stored["Monev!J7"] == ("0.4", "VALUE")
    sub = read(tmp_path / "BAPPEDA_pct.xlsx", master)
    assert {n: r.values["progress"] for n, r in sub.rows_by_no().items()} == {4: 75, 10: 40, 21: 60, 27: 50, 28: 20}
    [warning] = found(sub, "progress-points")
    assert warning.param("cells") == "J6, J8, J10" and warning.value == "7500%"
    assert sub.status == "accepted" and not found(sub, "value-invalid")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_template_date_hints_name_an_unambiguous_form(tmp_path, master, lang):
    """The date cells' input hint and error alert suggest 2019-08-12 (read alike in every locale), not
    12/08/2019 (8 December on a computer set to English (US))."""
    import openpyxl

    from spbe_excel.text import t

    ws = openpyxl.load_workbook(template(tmp_path, master, "BAPPEDA", lang=lang))[t("sheet.monev", lang)]
    [dates] = [v for v in ws.data_validations.dataValidation if v.type == "date" and "Q6" in str(v.sqref)]
    [filled] = [v for v in ws.data_validations.dataValidation if v.type == "date" and "Q6" not in str(v.sqref)]
    for v in (dates, filled):
        assert "2019-08-12" in v.prompt and "2019-08-12" in v.error, (v.prompt, v.error)
        assert "12/08" not in v.prompt + v.error
