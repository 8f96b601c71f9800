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


def test_a_lone_150_percent_among_fractions_is_out_of_range(tmp_path, master):
    """150% typed into a percentage cell (Excel and LibreOffice store 1.5, shown 150 %) in a column of fractions
    is the 150 % it shows, out of range: an error naming the cell, the value as shown and the column's hint, not
    1.5 % with a warning that it was typed without a % sign.  A 75 beside it (shown 7500 %) is still points."""
    tpl = template(tmp_path, master, "BAPPEDA")
    rows = {4: {**good_row(4), "progress": 1.5}, 10: {**good_row(10), "progress": 75}}
    sub = read(fill(tpl, tmp_path / "BAPPEDA_150.xlsx", rows), master)
    assert {n: r.values.get("progress") for n, r in sub.rows_by_no().items()} == {4: None, 10: 75, 21: 50, 27: 50,
                                                                                 28: 50}
    [invalid] = found(sub, "value-invalid")
    assert (invalid.severity.value, invalid.cell, invalid.column, invalid.value) == ("error", "J6", "progress", "150%")
    assert invalid.param("reason") == "reason.out_of_range"  # an error; the row counts without its progress
    assert finding_message(invalid, "id") == ('Progres (%) tidak valid: "150%" (di luar rentang 0%-100%). Persentase '
                                              "pekerjaan yang sudah selesai, 0% sampai 100%. Contoh: 75%.")
    assert 'Progress (%) is invalid: "150%" (outside 0%-100%). Share of the work' in finding_message(invalid, "en")
    [warning] = found(sub, "progress-points")
    assert (warning.cell, warning.param("cells"), warning.value) == ("J7", "J7", "7500%")


@pytest.mark.parametrize("stored", [1.01, 1.5, 1.99])
def test_between_100_and_200_percent_among_fractions_is_out_of_range(tmp_path, master, stored):
    rows = {4: {**good_row(4), "progress": stored}}
    sub = read(fill(template(tmp_path, master, "BAPPEDA"), tmp_path / "BAPPEDA_over.xlsx", rows), master)
    [invalid] = found(sub, "value-invalid")
    assert (invalid.cell, invalid.value) == ("J6", f"{stored * 100:g}%") and not found(sub, "progress-points")


def test_a_column_of_points_reads_one_and_a_half_as_points(tmp_path, master):
    """Every progress cell holds points (1,5 typed in LibreOffice, 75 and so on; or a paste of plain values): no
    cell holds a fraction of one, so 1.5 is 1.5 % like the rest, and the warning names it too."""
    tpl = template(tmp_path, master, "BAPPEDA")
    points = {4: 1.5, 10: 75, 21: 40, 27: 0, 28: 1.2}
    rows = {no: {**good_row(no), "progress": p, "status": "Belum Dimulai" if p == 0 else "Dalam Proses"}
            for no, p in points.items()}
    sub = read(fill(tpl, tmp_path / "BAPPEDA_points.xlsx", rows), master)
    assert {n: r.values["progress"] for n, r in sub.rows_by_no().items()} == points
    assert not found(sub, "value-invalid") and sub.status == "accepted"
    [warning] = found(sub, "progress-points")
    assert warning.param("cells") == "J6, J7, J8, J10" and warning.value == "150%" and warning.param("points") == 1.5


@pytest.mark.parametrize("column, expected", [
    ({4: 2, 10: 0.5}, 2),  # from 2 up, points whatever the column holds (200 % is no one's progress)
    ({4: 1.5, 10: 0.5}, None),  # 150 %: a fraction beside it says so
    ({4: 1.5, 10: 1}, None),  # 1 is shown 100 %, a fraction
    ({4: 1.5, 10: "50%"}, 1.5),  # text typed is not a stored fraction
])
def test_the_column_decides_between_one_and_two(tmp_path, master, column, expected):
    rows = {no: {**good_row(no), "progress": p, "status": "Selesai" if p == 1 else "Dalam Proses"}
            for no, p in column.items()}
    rows = {no: rows.get(no, {**good_row(no), "progress": None}) for no in BAPPEDA}
    sub = read(fill(template(tmp_path, master, "BAPPEDA"), tmp_path / "BAPPEDA_col.xlsx", rows), master)
    assert sub.rows_by_no()[4].values.get("progress") == expected


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


@pytest.fixture(scope="module")
def uno_profiles(tmp_path_factory):
    """One LibreOffice profile per locale for this module's typing (made once: starting a fresh one is slow)."""
    return {locale: tmp_path_factory.mktemp(f"uno-{locale}") for locale in ("en-US", "id-ID")}


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_libreoffice_english_us_date_before_the_period_swapped_and_a_typed_formula(tmp_path, uno_profiles, master,
                                                                                   fmt):
    """On a computer set to English (US), 1/7/2019 (1 July, Indonesian order) typed into the date cell is stored
    as 7 January, before the period begins: the finding says day and month look swapped and names 2019-07-01, in
    .xlsx, .ods and .xls alike.  =1+1 typed as an achievement is a formula whose saved result, 2, is what is read,
    and the finding says so (in .xls a formula is not detected: its result is read all the same)."""
    tpl = template(tmp_path, master, "BAPPEDA")
    base = fill(tpl, tmp_path / "BAPPEDA_base.xlsx", {no: {**good_row(no), "updated_on": None} for no in BAPPEDA})
    jobs = [["Monev", "Q6", "1/7/2019"], ["Monev", "Q7", "2019-07-01"], ["Monev", "L6", "=1+1"]]
    out = tmp_path / f"BAPPEDA_en.{fmt}"
    stored = type_into(base, out, "en-US", jobs, uno_profiles["en-US"])
    assert stored["Monev!Q6"] == (str(float((dt.date(2019, 1, 7) - dt.date(1899, 12, 30)).days)), "VALUE")
    assert stored["Monev!L6"] == ("2", "FORMULA")
    sub = read(out, master)
    rows = sub.rows_by_no()
    assert (rows[4].values["updated_on"], rows[10].values["updated_on"]) == (dt.date(2019, 1, 7), dt.date(2019, 7, 1))
    [date] = found(sub, "date-out-of-range")
    assert (date.cell, date.value, date.param("why"), date.param("iso")) == ("Q6", "07/01/2019", "why.date_swapped",
                                                                             "2019-07-01")
    assert date.param("start") == dt.date(2019, 7, 1) and date.param("swapped") == dt.date(2019, 7, 1)
    says = finding_message(date, "en")
    assert "7 January 2019 falls outside the period Triwulan III 2019 (1 July 2019 to 30 September 2019)" in says
    assert "type 2019-07-01" in says and "ketik 2019-07-01" in finding_message(date, "id")
    assert rows[4].values["achievement"] == "2"
    formulas = found(sub, "formula-in-text")
    if fmt == "xls":
        assert formulas == []
        return
    [formula] = formulas
    assert (formula.cell, formula.value, formula.param("result")) == ("L6", "=1+1", "2")
    assert 'holds a formula "=1+1". Formulas are never calculated here: what was read is the result saved with it ' \
           'in the file, "2".' in finding_message(formula, "en")


@pytest.mark.libreoffice
@pytest.mark.parametrize("locale", ["id-ID", "en-US"])
def test_libreoffice_150_percent_typed_among_fractions_is_out_of_range(tmp_path, uno_profiles, master, locale):
    """150% typed with its sign into the template's percentage cell is stored as 1.5 (150 %) in either locale;
    among fractions (the other cells hold 50 %) it is out of range, while a 75 typed beside it is points."""
    base = fill(template(tmp_path, master, "BAPPEDA"), tmp_path / "BAPPEDA_base.xlsx")
    jobs = [["Monev", "J6", "150%"], ["Monev", "J7", "75"]]
    stored = type_into(base, tmp_path / "BAPPEDA_150.xlsx", locale, jobs, uno_profiles[locale])
    assert stored["Monev!J6"] == ("1.5", "VALUE") and stored["Monev!J7"] == ("75.0", "VALUE")
    sub = read(tmp_path / "BAPPEDA_150.xlsx", master)
    assert {n: r.values.get("progress") for n, r in sub.rows_by_no().items()} == {4: None, 10: 75, 21: 50, 27: 50,
                                                                                 28: 50}
    [invalid] = found(sub, "value-invalid")
    assert (invalid.cell, invalid.value, invalid.param("reason")) == ("J6", "150%", "reason.out_of_range")
    [warning] = found(sub, "progress-points")
    assert warning.param("cells") == "J7"


@pytest.mark.libreoffice
def test_libreoffice_a_column_typed_as_points_reads_one_and_a_half_as_points(tmp_path, uno_profiles, master):
    """Every progress cell typed without a % sign in LibreOffice set to Indonesian: 1,5 is stored as 1.5 as
    150% would be, but no cell of the column holds a fraction of one, so it is 1.5 % like the others."""
    tpl = template(tmp_path, master, "BAPPEDA")
    base = fill(tpl, tmp_path / "BAPPEDA_base.xlsx", {no: {**good_row(no), "progress": None} for no in BAPPEDA})
    jobs = [["Monev", "J6", "1,5"], ["Monev", "J7", "75"], ["Monev", "J8", "40"], ["Monev", "J9", "12,5"],
            ["Monev", "J10", "2"]]
    stored = type_into(base, tmp_path / "BAPPEDA_points.xlsx", "id-ID", jobs, uno_profiles["id-ID"])
    assert stored["Monev!J6"] == ("1.5", "VALUE")
    sub = read(tmp_path / "BAPPEDA_points.xlsx", master)
    assert {n: r.values["progress"] for n, r in sub.rows_by_no().items()} == {4: 1.5, 10: 75, 21: 40, 27: 12.5, 28: 2}
    assert not found(sub, "value-invalid")
    [warning] = found(sub, "progress-points")
    assert warning.param("cells") == "J6, J7, J8, J9, J10" and warning.value == "150%"


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
