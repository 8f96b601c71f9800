"""The tool's own outputs left among the submissions: a consolidated workbook
is never a submission; a feedback workbook is not while it is exactly as the
tool wrote it, and is once an OPD has corrected and saved it."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile

import openpyxl
import pytest
from conftest import ROOT
from factory import PERIOD, TODAY, columns_of, fill, rows_of, template
from lo import type_into

from spbe_excel.model.columns import META_SHEET
from spbe_excel.pipeline import consolidate_folder
from spbe_excel.read.submission import read_submission
from spbe_excel.text.findings import message as finding_message
from spbe_excel.write.feedback import write_feedback
from spbe_excel.write.template import write_template

EXAMPLES = ROOT / "examples"
PREVIOUS = EXAMPLES / "rekap-triwulan-ii-2019.xlsx"


def skipped_why(sub) -> list[str]:
    return [f.param("reason") for f in sub.findings if f.code == "file-skipped"]


@pytest.fixture
def feedback(tmp_path, master):
    """BAPPEDA's feedback workbook for a submission with an error (Selesai at 90 %)."""
    sent = fill(template(tmp_path, master), tmp_path / "BAPPEDA_kiriman.xlsx",
                {4: {"status": "Selesai", "progress": 0.9, "evidence": "SK No. 1/2019"}})
    sub = read_submission(sent, master, period=PERIOD, today=TODAY)
    assert "status-progress-mismatch" in [f.code for f in sub.findings]
    return write_feedback(sub, master, tmp_path / "umpan_balik" / "BAPPEDA_perbaikan.xlsx")


def test_feedback_workbook_as_written_is_skipped(feedback, master):
    sub = read_submission(feedback, master, period=PERIOD, today=TODAY)
    assert sub.status == "skipped" and skipped_why(sub) == ["why.own_feedback"]
    [f] = sub.findings
    assert f.severity.value == \
        "info" and "umpan balik" in finding_message(f, "id") and "feedback" in finding_message(f, "en")


def test_feedback_metadata_says_what_it_is_and_templates_stay_as_they_were(feedback, tmp_path, master):
    def meta(path):
        return {r[0].value: r[1].value for r in openpyxl.load_workbook(path)[META_SHEET].iter_rows()}

    got = meta(feedback)
    assert got["kind"] == "feedback" and got["written"] == "2019-01-01T00:00:00Z" and len(got["source_sha256"]) == 64
    core = zipfile.ZipFile(feedback).read("docProps/core.xml").decode()
    assert f">{got['written']}</dcterms:modified>" in core
    plain = meta(write_template(tmp_path / "t.xlsx", master, opd="BAPPEDA", period=PERIOD))
    assert not {"kind", "written", "source_sha256"} & set(plain)
    # the committed blank template is byte for byte what the code writes (tests/test_template.py), so its
    # metadata did not change either
    assert "kind" not in meta(ROOT / "templates" / "monev_template.xlsx")


def test_feedback_workbook_saved_again_is_a_submission(feedback, tmp_path, master):
    """openpyxl playing the office program: the OPD corrects the progress and saves; the document
    properties change, so the file is read as the submission it now is."""
    wb = openpyxl.load_workbook(feedback)
    ws = wb["Monev"]
    ws.cell(rows_of(ws)[4], columns_of(ws)["progress"]).value = 1
    wb.save(tmp_path / "BAPPEDA_dikoreksi.xlsx")
    sub = read_submission(tmp_path / "BAPPEDA_dikoreksi.xlsx", master, period=PERIOD, today=TODAY)
    assert sub.status == "accepted" and sub.opd == "BAPPEDA" and not skipped_why(sub)
    assert sub.rows_by_no()[4].values["progress"] == 100
    assert "status-progress-mismatch" not in [f.code for f in sub.findings]


def test_feedback_with_its_properties_changed_is_a_submission(feedback, tmp_path, master):
    """Only the document properties tell: the same bytes with another modification time are read."""
    out = tmp_path / "BAPPEDA_disimpan.xlsx"
    with zipfile.ZipFile(feedback) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = data.replace(b"<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2019-01-01T00:00:00Z",
                                    b"<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2019-10-02T08:15:00Z")
            zout.writestr(info, data)
    sub = read_submission(out, master, period=PERIOD, today=TODAY)
    assert sub.status == "accepted" and "status-progress-mismatch" in [f.code for f in sub.findings]


def test_consolidated_workbook_is_never_a_submission(tmp_path, master):
    shutil.copy(PREVIOUS, tmp_path / "rekap.xlsx")
    sub = read_submission(tmp_path / "rekap.xlsx", master, period=PERIOD, today=TODAY)
    assert sub.status == "skipped" and skipped_why(sub) == ["why.own_workbook"]
    assert "rekap" in finding_message(sub.findings[0], "id")
    assert "consolidated" in finding_message(sub.findings[0], "en")


@pytest.mark.libreoffice
def test_consolidate_a_folder_holding_the_tools_own_outputs(tmp_path, tmp_path_factory, master):
    """Last period's consolidated workbook and this period's untouched feedback workbooks left in the input
    folder add no error; a feedback workbook the OPD corrected in LibreOffice and saved is read, and used."""
    inp = tmp_path / "kiriman"
    shutil.copytree(EXAMPLES / "triwulan-iii", inp)
    kw = {"period": PERIOD, "as_of": dt.date(2019, 9, 30), "previous": PREVIOUS, "workers": 0}
    base = consolidate_folder(inp, master, feedback_dir=tmp_path / "umpan-balik", **kw)
    base_errors = {(f.code, f.opd, f.indicator) for f in base.consolidation.findings if f.severity.value == "error"}
    assert ("evidence-missing", "BPKAD", 11) in base_errors and len(base.feedback) == 5  # BAPPEDA: DKIS's return
    # the operator leaves the outputs in the input folder
    shutil.copy(PREVIOUS, inp / "rekap-triwulan-ii-2019.xlsx")
    shutil.copytree(tmp_path / "umpan-balik", inp / "umpan-balik")
    # BPKAD corrects its feedback workbook in LibreOffice (typing, as a user does) and sends it back
    fb = tmp_path / "umpan-balik" / "BPKAD_Triwulan_III_2019_perbaikan.xlsx"
    ws = openpyxl.load_workbook(fb)["Monev"]
    col, row = columns_of(ws), rows_of(ws)[11]
    letter = {k: openpyxl.utils.get_column_letter(c) for k, c in col.items()}
    jobs = [["Monev", f"{letter['evidence']}{row}", "SK Kepala BPKAD No. 900/512/2019"],
            ["Monev", f"{letter['progress']}{row}", "100%"]]
    corrected = inp / "BPKAD_perbaikan_dikirim_ulang.xlsx"
    type_into(fb, corrected, "id-ID", jobs, tmp_path_factory.mktemp("uno-b2"))

    again = consolidate_folder(inp, master, output=tmp_path / "rekap.xlsx", **kw)
    cons = again.consolidation
    errors = {(f.code, f.opd, f.indicator) for f in cons.findings if f.severity.value == "error"}
    assert errors == base_errors - {("evidence-missing", "BPKAD", 11), ("status-progress-mismatch", "BPKAD", 11)}
    use = {s.submission.path: s.use for s in cons.sources}
    assert use[str(corrected)] == "accepted"
    assert use[str(inp / "BPKAD_Triwulan_III_2019.xlsx")] == "duplicate"
    own = {str(inp / "rekap-triwulan-ii-2019.xlsx"): ["why.own_workbook"],
           **{str(inp / "umpan-balik" / p.name): ["why.own_feedback"] for p in base.feedback}}
    for src in cons.sources:
        if src.submission.path in own:
            assert src.use == "skipped" and skipped_why(src.submission) == own[src.submission.path]
    assert len(own) == 5
