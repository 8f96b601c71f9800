"""The consolidated workbook, read back."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import ROOT
from factory import PERIOD, TODAY, fill, good_row, template

from spbe_excel.cli import cli
from spbe_excel.errors import OutputError
from spbe_excel.merge import consolidate
from spbe_excel.read.batch import collect_files, read_many
from spbe_excel.read.submission import read_submission
from spbe_excel.text.errors import error_text
from spbe_excel.write.workbook import MONEV_HEADER, MONEV_KEYS, write_consolidated

EXAMPLES = ROOT / "examples" / "triwulan-iii"
ALLOWED = {"IF", "AND", "ISNUMBER", "COUNTIF", "COUNTIFS", "COUNTA", "COUNT", "SUM", "SUMIF", "SUMIFS", "AVERAGE",
           "AVERAGEIFS", "SUMPRODUCT", "LOOKUP", "ROUND", "IFERROR", "MIN", "MAX", "N", "ROWS"}
LONG = "Uraian sangat panjang. " * 1800  # 41,400 characters


def L(key: str) -> str:
    """Column letter of a Monev column."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(MONEV_KEYS.index(key) + 1)


def rng(key: str) -> str:
    return f"Monev!${L(key)}$5:${L(key)}$42"


@pytest.fixture(scope="module")
def messy(tmp_path_factory, master):
    """Examples plus an OPD file with formula-looking text, a 40,000-character text and an invalid value."""
    d = tmp_path_factory.mktemp("in")
    for p in EXAMPLES.iterdir():
        if p.name.startswith("PBJ"):
            continue
        (d / p.name).write_bytes(p.read_bytes())
    tpl = template(tmp_path_factory.mktemp("t"), master, "PBJ")

    def long_text(wb, ws):
        ws["L6"].value = LONG  # openpyxl would cut it at 32,767 through the normal setter
        ws["L6"]._value = LONG
    fill(tpl, d / "PBJ_Triwulan_III_2019.xlsx", {
        13: {**good_row(13), "obstacles": '=HYPERLINK("http://contoh.go.id","klik")', "budget": "banyak"},
        31: {**good_row(31), "evidence": "@SK"}}, edit=long_text)
    return d


@pytest.fixture(scope="module")
def cons(messy, master):
    subs = read_many(collect_files([messy]), master, period=PERIOD, today=TODAY, workers=0)
    return consolidate(subs, master, period=PERIOD, as_of=TODAY)


@pytest.fixture(scope="module")
def book(cons, tmp_path_factory):
    return write_consolidated(cons, tmp_path_factory.mktemp("out") / "rekap.xlsx")


@pytest.fixture(scope="module")
def wb(book):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl does not know the data-bar extension
        return openpyxl.load_workbook(book)


def test_sheets_and_metadata(wb, master):
    assert wb.sheetnames == ["Ringkasan", "Monev", "Indeks", "Kelengkapan", "Temuan", "Sumber", "Master",
                             "spbe_meta", "spbe_verify"]
    meta = {r[0].value: r[1].value for r in wb["spbe_meta"].iter_rows()}
    assert wb["spbe_meta"].sheet_state == "veryHidden"
    assert meta["format"] == "spbe-excel/rekap" and meta["fingerprint"] == master.fingerprint
    assert meta["monev_columns"] == ",".join(MONEV_KEYS) and meta["as_of"] == "2019-09-30"


def test_every_value_of_every_accepted_submission_appears_unchanged_in_monev(wb, cons, messy, master):
    ws = wb["Monev"]
    col = {k: i + 1 for i, k in enumerate(MONEV_KEYS)}
    rows = {(ws.cell(r, 1).value, ws.cell(r, col["opd"]).value): r for r in range(MONEV_HEADER + 2, ws.max_row + 1)}
    used = [s.submission for s in cons.sources if s.use == "accepted"]
    assert len(used) == 9
    checked = 0
    for sub in used:
        again = read_submission(sub.path, master, period=PERIOD, today=TODAY)
        for no, rep in again.rows_by_no().items():
            r = rows[(no, sub.opd)]
            for key, raw in rep.raw.items():
                if key not in col or key in ("no", "indicator", "follow_up", "baseline_level", "target_level",
                                             "target_year"):
                    continue
                cell = ws.cell(r, col[key]).value
                if key in rep.values:
                    v = rep.values[key]
                    expected = {"progress": lambda x: x / 100, "updated_on": lambda x: dt.datetime(x.year, x.month,
                                                                                                   x.day),
                                "status": lambda x: {"in_progress": "Dalam Proses", "done": "Selesai",
                                                     "not_started": "Belum Dimulai",
                                                     "cannot": "Tidak Dapat Dilaksanakan"}[x]}.get(key, lambda x: x)(v)
                    if key == "achievement" and len(v) > 32767:
                        assert cell == v[:32767]
                    else:
                        assert cell == pytest.approx(expected) if isinstance(expected, float) else cell == expected, \
                            (sub.opd, no, key)
                else:  # did not parse: kept as written, as text
                    assert cell == str(raw), (sub.opd, no, key)
                checked += 1
    assert checked > 250


def test_text_from_submissions_is_always_text(book, wb):
    ws = wb["Monev"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(("=", "@"))
             and c.data_type == "s"]
    assert {c.value for c in cells} >= {'=HYPERLINK("http://contoh.go.id","klik")', "@SK"}
    with zipfile.ZipFile(book) as z:
        sheet = z.read("xl/worksheets/sheet2.xml").decode()
    assert "HYPERLINK" not in sheet  # not a formula anywhere: only in the shared strings


def test_long_text_cut_in_the_workbook_kept_in_json(wb, cons):
    ws = wb["Monev"]
    longest = max((c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)), key=len)
    assert len(longest) == 32767 and LONG.startswith(longest)
    from spbe_excel.write.report import consolidation_json

    data = json.loads(consolidation_json(cons))
    assert any(r["values"].get("achievement") == LONG for r in data["rows"])
    assert "text-too-long" in {f["code"] for f in data["findings"]}


def test_formulas_only_use_functions_excel_2010_and_libreoffice_compute(wb):
    names = set()
    count = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                text = c.value.text if type(c.value).__name__ == "ArrayFormula" else c.value
                if isinstance(text, str) and text.startswith("=") and c.data_type in ("f", None, "s") \
                        and c.data_type != "s":
                    count += 1
                    names |= set(re.findall(r"([A-Z][A-Z0-9.]*)\(", text))
    assert count > 300
    assert names <= ALLOWED, names - ALLOWED


def test_summary_figures_are_formulas_over_monev(wb, cons):
    ws = wb["Ringkasan"]
    labels = {ws.cell(r, 1).value: r for r in range(1, 30)}
    assert ws.cell(labels["Tingkat pelaporan (indikator x OPD)"], 2).value == \
        f'=COUNTIF({rng("state")},"Dilaporkan")/COUNTA({rng("no")})'
    assert ws.cell(labels["Anggaran (Rp)"], 2).value == f"=SUM({rng('budget')})"
    assert ws.cell(labels["Indeks SPBE perkiraan"], 2).value.startswith("=Indeks!")
    assert "LOOKUP(ROUND(" in wb["Indeks"]["D6"].value
    # the per-OPD table
    hdr = next(r for r in range(1, 60) if ws.cell(r, 1).value == "OPD")
    first = hdr + 1
    assert ws.cell(first, 1).value == "DKIS"
    assert ws.cell(first, 4).value == f'=COUNTIFS({rng("opd")},A{first},{rng("state")},"Dilaporkan")'
    assert ws.cell(first, 6).value.startswith(f"=IFERROR(AVERAGEIFS({rng('progress')},")


def test_shared_indicator_uses_an_array_min(wb):
    """Row 17 (two OPDs): the lowest level counted on the pairs that estimate one, or its baseline when none
    does; the claimed column takes the lowest level claimed."""
    ws = wb["Indeks"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == 17 and ws.cell(r, 5).value)
    f = ws.cell(row, 7).value
    no, cur, used = rng("no"), rng("current_level"), rng("level_used")
    assert type(f).__name__ == "ArrayFormula"
    assert f.text == (f'=IF(COUNTIFS({no},A{row},{cur},">0")=0,F{row},'
                      f"MIN(IF({no}=A{row},IF(ISNUMBER({cur}),{used}))))")
    verified = ws.cell(row, 8).value  # the same over the levels of the verified estimate
    assert verified.text == f.text.replace(used, rng("level_verified"))
    claimed = ws.cell(row, 9).value
    assert claimed.text == (f'=IF(COUNTIFS({no},A{row},{cur},">0")=0,"",'
                            f"MIN(IF({no}=A{row},IF(ISNUMBER({cur}),{cur}))))")
    other = ws.cell(row + 1, 7).value
    assert other.startswith(f"=SUMIFS({rng('level_used')},{rng('no')},A")


def test_findings_link_to_their_monev_row(wb, cons):
    ws = wb["Temuan"]
    links = {}
    for r in range(4, ws.max_row + 1):
        c = ws.cell(r, 10)
        if c.hyperlink is not None:
            links[(ws.cell(r, 3).value, ws.cell(r, 4).value, ws.cell(r, 5).value)] = c.hyperlink.location
    monev = wb["Monev"]
    target = links[("value-invalid", "PBJ", 13)]
    row = int(target.split("!A")[1])
    assert target.startswith("Monev!A") and monev.cell(row, 1).value == 13
    assert monev[f"{L('opd')}{row}"].value == "PBJ"
    assert links[("file-skipped", "", None)].startswith("Sumber!A")
    assert ws.max_row - 3 == len(cons.findings)


def test_monev_view_print_and_conditional_formats(book, wb):
    ws = wb["Monev"]
    assert ws.freeze_panes == "D5" and ws.auto_filter.ref == f"A4:{L('file')}42"
    assert [c.value for c in ws[4]][:4] == ["No", "Indikator", "Kode OPD", "Bobot (%)"]
    for sheet in wb.worksheets[:-2]:  # A4 landscape, 70 % or more, header rows repeated (not the hidden two)
        ps = sheet.page_setup
        assert (ps.orientation, ps.paperSize) == ("landscape", 9) and 70 <= ps.scale <= 100, sheet.title
        assert not (sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage)
        assert sheet.print_title_rows, sheet.title
    # Monev on four page widths, No, Indikator and OPD repeated, the title on top of every page
    assert ws.print_title_cols == "$A:$C" and ws.print_title_rows == "$4:$4"
    assert [b.id for b in ws.col_breaks.brk] == [11, 17, 27]
    assert ws.print_area == f"'Monev'!$A$4:${L('file')}$42" or ws.print_area == f"Monev!$A$4:${L('file')}$42"
    assert ws.oddHeader.left.text.startswith("REKAP MONEV") and "30 Sep 2019" in ws.oddHeader.right.text
    with zipfile.ZipFile(book) as z:
        xml = z.read("xl/worksheets/sheet2.xml").decode()
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        progress_chart = next(z.read(n).decode() for n in charts if "<c:barChart>" in z.read(n).decode()
                              and "Ringkasan!$A$" in z.read(n).decode() and "<c:dLbls>" in z.read(n).decode())
    # the mean progress per OPD labelled as the table writes it: 57.5 % is not 57 %
    assert '<c:numFmt formatCode="0.0%" sourceLinked="0"/>' in progress_chart.split("<c:dLbls>", 1)[1]
    # 4 status colours on this period's and on the latest status, data bar, 2 verdicts, 2 row, 2 flag, overrun
    assert xml.count("<cfRule ") == 16 and "<dataBar>" in xml
    assert '<formula>"Sesuai"</formula>' in xml and '<formula>"Perlu perbaikan"</formula>' in xml
    assert all(f'<formula>"{s}"</formula>' in xml for s in ("Selesai", "Dalam Proses", "Belum Dimulai",
                                                           "Tidak Dapat Dilaksanakan", "Galat", "Peringatan"))
    assert f'<formula>${L("state")}5="Belum Lapor"</formula>' in xml  # whole row red when not reported
    assert len(charts) == 2


def test_completeness_matrix(wb, cons):
    ws = wb["Kelengkapan"]
    header = [c.value for c in ws[4]]
    assert header[0] == "OPD" and header[1:38] == list(range(1, 38)) and header[38] == "Tingkat Pelaporan"
    row = {ws.cell(r, 1).value: r for r in range(5, 16)}
    assert ws.cell(row["DUKCAPIL"], 18).value == "Belum" and ws.cell(row["DPMPTSP"], 18).value == "Lapor"
    assert ws.cell(row["DUKCAPIL"], 2).value is None  # not assigned
    assert ws.cell(row["DKIS"], 39).value.startswith("=IFERROR(COUNTIF(B")


def test_same_inputs_same_bytes(cons, tmp_path, messy, master):
    from spbe_excel.write.report import consolidation_json

    a = write_consolidated(cons, tmp_path / "a.xlsx").read_bytes()
    subs = read_many(collect_files([messy]), master, period=PERIOD, today=TODAY, workers=2)
    again = consolidate(subs, master, period=PERIOD, as_of=TODAY)
    assert write_consolidated(again, tmp_path / "b.xlsx").read_bytes() == a
    assert consolidation_json(again) == consolidation_json(cons)


def test_english_workbook(cons, tmp_path):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(write_consolidated(cons, tmp_path / "en.xlsx", lang="en"))
    assert wb.sheetnames[:7] == ["Summary", "Monitoring", "Index", "Completeness", "Findings", "Sources", "Master"]
    assert wb["Monitoring"]["A4"].value == "No" and wb["Monitoring"][f"{L('status')}4"].value == "Follow-up Status"


# ---- writing safely ------------------------------------------------------------------------------------

def test_failure_leaves_the_previous_output(cons, tmp_path, monkeypatch):
    out = write_consolidated(cons, tmp_path / "rekap.xlsx")
    before = out.read_bytes()
    from spbe_excel.write.workbook import sources

    monkeypatch.setattr(sources, "write_sources", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        write_consolidated(cons, out)
    assert out.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["rekap.xlsx"]


def test_output_that_is_an_input_or_open_is_refused(messy, tmp_path):
    victim = messy / "BAPPEDA_Triwulan_III_2019.xlsx"
    before = victim.read_bytes()
    result = CliRunner().invoke(cli, ["consolidate", str(messy), "-o", str(victim), "--as-of", "2019-09-30"])
    assert result.exit_code == 2 and "salah satu berkas masukan" in result.output
    assert victim.read_bytes() == before
    out = tmp_path / "rekap.xlsx"
    out.write_bytes(b"previous")
    (tmp_path / ".~lock.rekap.xlsx#").write_text("LibreOffice lock")
    result = CliRunner().invoke(cli, ["consolidate", str(messy), "-o", str(out), "--as-of", "2019-09-30"])
    assert result.exit_code == 2 and "dibuka program lain" in result.output and out.read_bytes() == b"previous"


def test_output_errors_as_library_exceptions(cons, tmp_path):
    (tmp_path / "d").mkdir()
    with pytest.raises(OutputError) as refused:
        write_consolidated(cons, tmp_path / "d")
    assert re.search("folder", error_text(refused.value, "id"))
