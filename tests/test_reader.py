"""Reading submissions the way OPDs send them.  Every fixture is built by
code from the real template (or from scratch, as a user would) and named
after its case."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import subprocess
import sys
import zipfile

import pytest
from factory import PERIOD, TODAY, fill, good_row, template, user_sheet

from spbe_excel.read.submission import read_submission
from spbe_excel.text.findings import message as finding_message

BAPPEDA = [4, 10, 21, 27, 28]


def read(path, master, **kw):
    kw.setdefault("period", PERIOD)
    kw.setdefault("today", TODAY)
    return read_submission(path, master, **kw)


def codes(sub, severity=None):
    return sorted(f.code for f in sub.findings if severity is None or f.severity.value == severity)


@pytest.fixture
def tpl(tmp_path, master):
    return template(tmp_path, master, "BAPPEDA")


# ---- the clean case --------------------------------------------------------------------------------

def test_clean_submission(tpl, tmp_path, master):
    path = fill(tpl, tmp_path / "BAPPEDA_clean.xlsx")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    sub = read(path, master)
    assert sub.status == "accepted" and codes(sub) == []
    assert (sub.opd, sub.period, sub.sheet) == ("BAPPEDA", PERIOD, "Monev")
    assert sub.contact == "Ni Luh Putu Ayu" and sub.filled_on == dt.date(2019, 9, 20)
    assert sorted(sub.rows_by_no()) == BAPPEDA
    row = sub.rows_by_no()[10]
    assert row.values == {
        "status": "in_progress", "progress": 50, "achievement": good_row(10)["achievement"],
        "evidence": "Undangan rapat No. 005/10/2019", "budget": 25_000_000, "spent": 10_000_000,
        "updated_on": dt.date(2019, 8, 12), "responsible": "I Made Sudarsana",
    }
    assert row.cells["progress"] == "J7" and row.row == 7
    src = sub.source
    assert src.sha256 == before and src.size == path.stat().st_size and src.format == "xlsx"
    assert src.template_version == "1" and src.master_fingerprint == master.fingerprint
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # never modified


# ---- values as people type them ----------------------------------------------------------------------

@pytest.mark.parametrize("key, written, expected", [
    ("progress", "75%", 75), ("progress", "75 %", 75), ("progress", 0.75, 75), ("progress", "75,5", 75.5),
    ("current_level", "3", 3), ("current_level", "3 - Terdefinisi", 3), ("current_level", "tiga", 3),
    ("current_level", "Level 3", 3), ("current_level", 3, 3),
    ("budget", "Rp 150.000.000", 150_000_000), ("budget", "150.000.000,00", 150_000_000),
    ("budget", 150000000, 150_000_000),
    ("updated_on", 43689, dt.date(2019, 8, 12)), ("updated_on", "12/08/2019", dt.date(2019, 8, 12)),
    ("updated_on", "12-08-2019", dt.date(2019, 8, 12)), ("updated_on", "12 Agustus 2019", dt.date(2019, 8, 12)),
    ("updated_on", "2019-08-12", dt.date(2019, 8, 12)), ("updated_on", dt.datetime(2019, 8, 12, 9, 30),
                                                         dt.date(2019, 8, 12)),
    ("status", "sudah", "done"), ("status", "selesai", "done"), ("status", "proses", "in_progress"),
    ("status", "on progress", "in_progress"), ("status", "belum", "not_started"),
    ("status", "Tidak Dapat Dilaksanakan", "cannot"),
])
def test_values_as_people_type_them(tpl, tmp_path, master, key, written, expected):
    row = {**good_row(10), key: written}
    if key == "status":  # keep status and progress consistent so no rule fires on them
        row["progress"] = {"done": 1, "not_started": 0}.get(expected, 0.5)
    path = fill(tpl, tmp_path / "typed.xlsx", {10: row})
    sub = read(path, master)
    assert sub.rows_by_no()[10].values[key] == expected
    assert "value-invalid" not in codes(sub)


def test_text_kept_exactly_including_line_breaks_and_word_control_characters(tmp_path, master):
    """Excel stores characters pasted from Word (a vertical tab for a manual
    line break) escaped as _x000B_; xlsxwriter does the same."""
    import xlsxwriter

    text = "Baris satu\nBaris dua\x0bBaris tiga (dari Word)\x07\n\n  spasi di depan dan tab\t"
    path = tmp_path / "BAPPEDA_word.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Monev")
    ws.write_row(0, 0, ["No", "Indikator", "Status Tindak Lanjut", "Progres (%)", "Uraian Capaian"])
    ws.write_row(1, 0, [10, "", "Dalam Proses", 40])
    ws.write_string(1, 4, text)
    wb.close()
    row = read(path, master).rows_by_no()[10]
    assert row.raw["achievement"] == text and row.values["achievement"] == text


# ---- layout changes ---------------------------------------------------------------------------------

def test_renamed_sheet_found_by_its_header(tpl, tmp_path, master):
    path = fill(tpl, tmp_path / "renamed.xlsx", {10: {**good_row(10), "progress": "abc"}},
                edit=lambda wb, ws: setattr(ws, "title", "Laporan TW III"))
    sub = read(path, master)
    assert sub.sheet == "Laporan TW III" and sub.status == "accepted"
    [bad] = [f for f in sub.findings if f.code == "value-invalid"]
    assert bad.where == "Laporan TW III!J7" and bad.value == "abc"


def test_sheet_copied_without_metadata(tpl, tmp_path, master):
    def drop_meta(wb, ws):
        del wb["spbe_meta"]
    sub = read(fill(tpl, tmp_path / "nometa.xlsx", edit=drop_meta), master)
    assert sub.status == "accepted" and sub.opd == "BAPPEDA" and sub.meta == {}
    assert sub.source.template_version == "" and len(sub.rows_by_no()) == 5


def test_title_rows_inserted_above(tpl, tmp_path, master):
    def insert(wb, ws):
        ws.insert_rows(1, 3)
        ws["A1"] = "LAPORAN MONEV BAPPEDA"
    path = fill(tpl, tmp_path / "inserted.xlsx", {21: {**good_row(21), "budget": "banyak"}}, edit=insert)
    sub = read(path, master)
    assert sub.status == "accepted" and sorted(sub.rows_by_no()) == BAPPEDA
    [bad] = [f for f in sub.findings if f.code == "value-invalid"]
    assert bad.cell == "O11" and bad.indicator == 21  # row 8 + 3 inserted


def test_rows_inserted_between_indicators(tpl, tmp_path, master):
    path = fill(tpl, tmp_path / "gaps.xlsx", edit=lambda wb, ws: (ws.insert_rows(8, 2), ws.insert_rows(13, 1)))
    sub = read(path, master)
    assert sorted(sub.rows_by_no()) == BAPPEDA and codes(sub, "error") == []
    assert sub.rows_by_no()[27].row == 11


HEADER_EN_SHUFFLED = ["Indicator", "No", "Progress (%)", "Notes", "Follow-up Status", "Budget (Rp)",
                      "Realisation (Rp)", "Supporting Evidence", "Date Updated"]


def test_user_made_sheet_columns_in_any_order_extra_columns_english_headers(tmp_path, master):
    rows = [
        ["Kebijakan Internal Anggaran dan Belanja TIK", 4, "60%", "catatan bebas", "on progress", "Rp 10.000.000",
         "5.000.000", "Draf Perwali", "12/08/2019"],
        ["Kebijakan Internal Layanan Manajemen Perencanaan dan Penganggaran", 10, 100, "", "Selesai", 0, 0,
         "Perwali No. 12 Tahun 2019", "2019-08-30"],
    ]
    above = [["LAPORAN MONEV SPBE TRIWULAN III 2019"], [], ["Perangkat Daerah", "Bappeda"],
             ["Periode", "TW III 2019"], []]
    path = user_sheet(tmp_path / "laporan.xlsx", HEADER_EN_SHUFFLED, rows, above=above)
    sub = read(path, master)
    assert (sub.opd, sub.period, sub.status) == ("BAPPEDA", "TW III 2019", "accepted")
    got = sub.rows_by_no()
    assert got[4].values["progress"] == 60 and got[4].values["status"] == "in_progress"
    assert got[4].values["budget"] == 10_000_000 and got[4].cells["progress"] == "C7"
    assert got[10].values["progress"] == 100 and got[10].values["status"] == "done"
    assert "header-missing" not in codes(sub)
    assert {f.indicator for f in sub.findings if f.code == "row-missing"} == {21, 27, 28}
    assert {f.column for f in sub.findings if f.code == "column-missing"} == {
        "current_level", "achievement", "obstacles", "responsible"}


@pytest.mark.parametrize("written, expected", [
    ([0.6, 1, 0.255], [60, 100, 25.5]),  # typed as 75% in Excel: stored as fractions of one
    ([60, 100, 25.5], [60, 100, 25.5]),  # typed as plain numbers: points
    ([0, 1, 1], [0, 1, 1]),  # no fraction strictly between 0 and 1: points
])
def test_progress_column_convention_in_a_user_made_sheet(tmp_path, master, written, expected):
    header = ["No", "Indikator", "Status", "Progres (%)"]
    rows = [[no, "", "proses", p] for no, p in zip((4, 10, 21), written)]
    sub = read(user_sheet(tmp_path / "BAPPEDA.xlsx", header, rows), master)
    assert [sub.rows_by_no()[n].values["progress"] for n in (4, 10, 21)] == expected


def test_blank_rows_repeated_header_and_totals_row(tmp_path, master):
    header = ["No", "Indikator", "Status Tindak Lanjut", "Progres (%)", "Anggaran (Rp)"]
    rows = [[4, "x", "Dalam Proses", 50, 10], [None] * 5, header, [10, "y", "Belum Dimulai", 0, 0],
            ["", "", "", "", ""], [21, "z", "proses", 20, 5], ["", "JUMLAH", "", "", 15]]
    path = user_sheet(tmp_path / "BAPPEDA.xlsx", header, rows)
    sub = read(path, master)
    assert sorted(sub.rows_by_no()) == [4, 10, 21]
    assert "indicator-unknown" not in codes(sub)


def test_two_row_header_with_merged_group_label(tmp_path, master):
    above = [["Perangkat Daerah: Bappeda"]]
    header = ["No", "Indikator", "Status", "Progres", "Anggaran", None]
    sub_header = [None, None, None, None, "Pagu (Rp)", "Realisasi (Rp)"]
    rows = [sub_header, [4, "Kebijakan Internal Anggaran dan Belanja TIK", "proses", "40%", 1_000_000, 250_000]]
    path = user_sheet(tmp_path / "merged.xlsx", header, rows, above=above, merges=["E2:F2", "A2:A3"])
    sub = read(path, master)
    row = sub.rows_by_no()[4]
    assert row.values["budget"] == 1_000_000 and row.values["spent"] == 250_000 and row.values["progress"] == 40
    assert sub.opd == "BAPPEDA"


def test_english_template(tmp_path, master):
    tpl_en = template(tmp_path, master, "BAPPEDA", lang="en")
    path = fill(tpl_en, tmp_path / "en.xlsx", {10: {**good_row(10), "status": "Completed", "progress": 1,
                                                    "current_level": "2 - Managed"}})
    sub = read(path, master)
    assert sub.sheet == "Monitoring" and sub.status == "accepted"
    assert sub.rows_by_no()[10].values["status"] == "done" and sub.rows_by_no()[10].values["current_level"] == 2


def test_blank_all_rows_template_filled_by_one_opd(tmp_path, master):
    from spbe_excel.write.template import write_templates

    [blank] = write_templates(tmp_path / "t", master, period=None, all_rows=True)

    def choose(wb, ws):
        ws["C2"] = "BAPPEDA - Badan Perencanaan Pembangunan Daerah"
        ws["G2"] = PERIOD
    path = fill(blank, tmp_path / "all.xlsx", {n: good_row(n) for n in BAPPEDA}, default_rows=False, edit=choose)
    sub = read(path, master)
    assert sub.opd == "BAPPEDA" and sorted(sub.rows_by_no()) == BAPPEDA and codes(sub, "error") == []


# ---- who and when -------------------------------------------------------------------------------------

def test_opd_from_file_name(tmp_path, master):
    header = ["No", "Indikator", "Status", "Progres (%)"]
    path = user_sheet(tmp_path / "Laporan Monev Bag. Organisasi TW3.xlsx", header, [[2, "", "proses", 10]])
    assert read(path, master).opd == "ORGANISASI"


def test_opd_conflict_between_template_and_header(tpl, tmp_path, master):
    path = fill(tpl, tmp_path / "conflict.xlsx", edit=lambda wb, ws: ws.__setitem__("C2", "BPKAD"))
    sub = read(path, master)
    [f] = [f for f in sub.findings if f.code == "opd-conflict"]
    assert f.severity.value == "error" and f.cell == "C2" and sub.opd == "BAPPEDA"
    assert "BPKAD" in finding_message(f, "id") and "BAPPEDA" in finding_message(f, "en")


def test_unknown_opd_suggests_the_closest(tmp_path, master):
    header = ["No", "Indikator", "Status", "Progres (%)"]
    path = user_sheet(tmp_path / "x.xlsx", header, [[4, "", "proses", 10]], above=[["Perangkat Daerah", "Bapeddda"]])
    sub = read(path, master)
    [f] = [f for f in sub.findings if f.code == "opd-unknown"]
    assert sub.status == "rejected" and f.cell == "B1" and f.value == "Bapeddda"
    assert "BAPPEDA - Badan Perencanaan" in finding_message(f, "id")


@pytest.mark.parametrize("expected, mismatch", [("Triwulan IV 2019", True), ("TW III 2019", False),
                                                 ("Q3 2019", False), ("Triwulan III 2020", True)])
def test_period(tpl, tmp_path, master, expected, mismatch):
    sub = read(fill(tpl, tmp_path / "p.xlsx"), master, period=expected)
    assert ("period-mismatch" in codes(sub)) is mismatch
    assert (sub.status == "rejected") is mismatch


# ---- rows against the master list ----------------------------------------------------------------------

def test_unknown_unassigned_and_duplicate_rows_are_kept(tpl, tmp_path, master):
    def add_rows(wb, ws):
        for r, values in ((11, [99, "Indikator karangan"]), (12, [1, "Kebijakan Internal Tim Pengarah SPBE"]),
                          (13, [10, "Kebijakan Internal Layanan Manajemen Perencanaan dan Penganggaran"])):
            ws.cell(r, 1).value, ws.cell(r, 2).value = values
            ws.cell(r, 9).value, ws.cell(r, 10).value = "Dalam Proses", 0.3
            ws.cell(r, 14).value = f"isian baris {r}"
    sub = read(fill(tpl, tmp_path / "extra.xlsx", edit=add_rows), master)
    states = {(r.row, r.no): r.state for r in sub.rows if r.state != "ok"}
    assert states == {(11, None): "unknown", (12, 1): "not_assigned", (13, 10): "duplicate"}
    by_code = {f.code: f for f in sub.findings}
    assert by_code["indicator-unknown"].cell == "A11" and by_code["indicator-unknown"].severity.value == "error"
    assert by_code["indicator-not-assigned"].severity.value == "warning" and "DKIS" in \
        finding_message(by_code["indicator-not-assigned"], "id")
    assert by_code["indicator-duplicate"].cell == "A13" and by_code["indicator-duplicate"].param("first") == 7
    assert [r.raw["obstacles"] for r in sub.rows if r.state != "ok"] == [f"isian baris {n}" for n in (11, 12, 13)]
    assert sub.rows_by_no()[10].row == 7  # the first one counts


def test_row_missing(tpl, tmp_path, master):
    sub = read(fill(tpl, tmp_path / "deleted.xlsx", edit=lambda wb, ws: ws.delete_rows(8)), master)
    [f] = [f for f in sub.findings if f.code == "row-missing"]
    assert f.indicator == 21 and f.severity.value == "error" and "Anggaran dan Belanja" in finding_message(f, "id")


def test_indicator_matched_by_name_when_no_is_missing(tmp_path, master):
    header = ["Indikator", "Status", "Progres (%)"]
    rows = [["Kebijakan internal layanan manajemen perencanaan dan penganggaran", "proses", "10%"],
            ["Layanan Manajemen Perencanan", "proses", "20%"]]  # a typo in the name still matches
    sub = read(user_sheet(tmp_path / "BAPPEDA.xlsx", header, rows), master)
    assert {n: r.values["progress"] for n, r in sub.rows_by_no().items()} == {10: 10, 27: 20}


# ---- files that cannot be read -------------------------------------------------------------------------

def _xlsx_bytes(tpl, tmp_path):
    return fill(tpl, tmp_path / "ok.xlsx").read_bytes()


@pytest.mark.parametrize("name, make, code, reason", [
    ("empty.xlsx", lambda good: b"", "file-unreadable", "reason.file.empty"),
    ("truncated.xlsx", lambda good: good[: len(good) // 2], "file-unreadable", "reason.file.corrupt"),
    ("page.xlsx", lambda good: b"<html><body><table><tr><td>1</td></tr></table></body></html>", "file-unreadable",
     "reason.file.html"),
    ("data.xlsx", lambda good: b"No;Indikator;Status\n4;x;Selesai\n", "file-unreadable", "reason.file.text"),
    ("scan.xls", lambda good: b"%PDF-1.4\n" + bytes(range(256)) * 4, "file-unreadable", "reason.file.pdf"),
])
def test_unusable_files_are_findings(tpl, tmp_path, master, name, make, code, reason):
    path = tmp_path / name
    path.write_bytes(make(_xlsx_bytes(tpl, tmp_path)))
    before = path.read_bytes()
    sub = read(path, master)
    assert sub.status == "rejected"
    [f] = sub.findings
    assert (f.code, f.param("reason"), f.severity.value) == (code, reason, "error")
    # a damaged workbook is saved again; a file that is no workbook is replaced by the report in its template
    advice = "templatnya" if reason in ("reason.file.pdf", "reason.file.not_workbook") else "simpan ulang"
    assert finding_message(f, "id") and finding_message(f, "en") and advice in finding_message(f, "id")
    assert path.read_bytes() == before


def test_encrypted_workbook(tpl, tmp_path, master):
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with open(fill(tpl, tmp_path / "plain.xlsx"), "rb") as fh:
        OOXMLFile(fh).encrypt("rahasia", out)
    path = tmp_path / "BAPPEDA_locked.xlsx"
    path.write_bytes(out.getvalue())
    sub = read(path, master)
    assert sub.status == "rejected" and codes(sub) == ["file-encrypted"]
    assert "kata sandi" in finding_message(sub.findings[0], "id")


def test_word_document_renamed(tmp_path, master):
    path = tmp_path / "laporan.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    [f] = read(path, master).findings
    assert (f.code, f.param("reason"), f.param("content")) == ("file-unreadable", "reason.file.not_workbook",
                                                                 "what.word")
    assert "isinya dokumen Word, bukan buku kerja" in finding_message(f, "id")
    assert "a Word document" in finding_message(f, "en")


@pytest.mark.parametrize("name, reason", [("~$BAPPEDA.xlsx", "why.lock_file"), (".BAPPEDA.xlsx", "why.hidden_file"),
                                          ("catatan.docx", "why.not_spreadsheet"), ("foto.jpg", "why.not_spreadsheet")])
def test_skipped_files(tmp_path, master, name, reason):
    path = tmp_path / name
    path.write_bytes(b"x" * 165)
    sub = read(path, master)
    assert sub.status == "skipped" and [(f.code, f.param("reason"), f.severity.value) for f in sub.findings] == \
        [("file-skipped", reason, "info")]


def test_xlsm_extension_with_plain_content_is_misnamed_but_read(tpl, tmp_path, master):
    path = tmp_path / "BAPPEDA.xlsm"
    path.write_bytes(fill(tpl, tmp_path / "a.xlsx").read_bytes())
    sub = read(path, master)
    assert sub.status == "accepted" and "file-misnamed" in codes(sub, "info")


def test_read_path_imports_neither_pandas_nor_openpyxl(tpl, tmp_path):
    path = fill(tpl, tmp_path / "ok.xlsx")
    code = ("import sys\nfrom spbe_excel.master import embedded_master\n"
            "from spbe_excel.read.submission import read_submission\n"
            f"s = read_submission({str(path)!r}, embedded_master())\n"
            "print(s.status, [m for m in ('pandas', 'openpyxl', 'xlsxwriter', 'numpy') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "accepted []"


def test_invalid_date_filled_names_the_header_field(tpl, tmp_path, master):
    sub = read(fill(tpl, tmp_path / "d.xlsx", filled_on="kemarin sore"), master)
    [f] = [f for f in sub.findings if f.code == "value-invalid"]
    assert f.cell == "G3" and finding_message(f, "id").startswith('Tanggal Pengisian tidak valid: "kemarin sore"')
    assert finding_message(f, "en").startswith('Date filled is invalid')
