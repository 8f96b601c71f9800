"""DKIS verifies in the consolidated workbook, in LibreOffice (issue 19's "done when", the workbook path).

DKIS types Sesuai or Perlu perbaikan (and a note) into the Monev sheet of last quarter's consolidated workbook, as
a user does (through LibreOffice's own input, :mod:`uno_type`), in LibreOffice set to Indonesian and, in a workbook
written with ``--lang en``, to English (Verified, Needs correction); the verified index follows on recalculation,
by exactly the indicator's weight x (level - baseline) / 100, and equals the library's figure; the next
``consolidate --previous`` keeps each verification for a row the OPD left unchanged, drops it (and says so) for a
row the OPD changed, and what DKIS returned reaches the OPD in its feedback workbook with DKIS's note."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import warnings

import openpyxl
import pytest
from click.testing import CliRunner
from factory import fill, good_row, template
from lo import type_into
from recalc import compare, values

from spbe_excel import pipeline
from spbe_excel.cli import cli
from spbe_excel.model.verification import Standing, Verdict
from spbe_excel.read.ours.previous import read_previous

pytestmark = pytest.mark.libreoffice

TW3, TW4 = "Triwulan III 2019", "Triwulan IV 2019"
NOTE = "Nomor Perwali tidak tercantum; lampirkan salinan yang ditandatangani."
# No 4 (baseline 3) Selesai; No 10 (baseline 1, weight 1 %) at level 2; No 21 (baseline 3, weight 4 %) at level 4
CLAIMS = {4: {**good_row(4), "status": "Selesai", "progress": 1}, 10: {**good_row(10), "current_level": 2},
          21: {**good_row(21), "current_level": 4}}

# The words of each language's workbook and console: the locale LibreOffice is set to, sheet names, headers, verdicts
WORDS = {
    "id": {"locale": "id-ID", "monev": "Monev", "index": "Indeks", "verdict": "Verifikasi",
           "note": "Catatan Verifikasi", "level": "Tingkat Terverifikasi", "fixes": "Perbaikan", "yes": "Sesuai",
           "no": "Perlu perbaikan",
           "counts": "diverifikasi DKIS Sesuai 1, Perlu perbaikan 1, belum diverifikasi 1.",
           "dropped": "Verifikasi DKIS yang tidak berlaku lagi (1):",
           "why": "indikator No 4 (Sesuai) tidak berlaku lagi: OPD mengubah Bukti Dukung baris ini",
           "ignored": "Verifikasi DKIS yang diabaikan (1):",
           "ignored_why": "Verifikasi DKIS \"Sesuai\" untuk BAPPEDA No 27 diabaikan: baris ini tidak mengklaim "
                          "apa pun"},
    "en": {"locale": "en-US", "monev": "Monitoring", "index": "Index", "verdict": "Verification",
           "note": "Verification Note", "level": "Verified Level", "fixes": "Corrections", "yes": "Verified",
           "no": "Needs correction",
           "counts": "verified by DKIS 1, needs correction 1, not yet verified 1.",
           "dropped": "DKIS's verifications that no longer hold (1):",
           "why": "indicator No 4 (Verified) no longer holds: the OPD changed the row's Supporting Evidence",
           "ignored": "DKIS's verifications ignored (1):",
           "ignored_why": "DKIS's verification \"Verified\" of BAPPEDA No 27 is ignored: the row claims nothing"},
}


def _book(path, data_only=False):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path, data_only=data_only)


def monev_cells(path, sheet="Monev") -> tuple[dict[int, int], dict[str, str]]:
    """The Monev row of each of BAPPEDA's indicators, and the column letter of each header."""
    ws = _book(path)[sheet]
    head = {c.value: c.column_letter for c in ws[4]}
    return {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1) if ws.cell(r, 3).value == "BAPPEDA"}, head


def consolidate(folder, out, period, as_of, *extra, lang="id"):
    result = CliRunner().invoke(cli, ["--lang", lang, "consolidate", str(folder), "-o", str(out), "--period", period,
                                      "--as-of", as_of, *extra])
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.fixture(scope="module", params=sorted(WORDS))
def quarter(request, tmp_path_factory, master):
    """Triwulan III consolidated (in the language of the run); DKIS types its verifications into the workbook in
    LibreOffice set to that language's locale."""
    lang = request.param
    words = WORDS[lang]
    root = tmp_path_factory.mktemp(f"verify-{lang}")
    folder = root / "tw3"
    folder.mkdir()
    fill(template(root, master, "BAPPEDA", TW3), folder / "BAPPEDA_TW3.xlsx", CLAIMS)
    rekap = root / "rekap-tw3.xlsx"
    consolidate(folder, rekap, TW3, "2019-09-30", lang=lang)
    rows, col = monev_cells(rekap, words["monev"])
    verdict, note, sheet = col[words["verdict"]], col[words["note"]], words["monev"]
    jobs = [[sheet, f"{verdict}{rows[21]}", words["yes"]], [sheet, f"{verdict}{rows[4]}", words["yes"]],
            [sheet, f"{verdict}{rows[10]}", words["no"]], [sheet, f"{note}{rows[10]}", NOTE]]
    typed = root / "rekap-tw3-dkis.xlsx"
    stored = type_into(rekap, typed, words["locale"], jobs, tmp_path_factory.mktemp("uno"))
    assert stored[f"{sheet}!{verdict}{rows[21]}"] == (words["yes"], "TEXT")
    return {"lang": lang, "words": words, "root": root, "folder": folder, "rekap": rekap, "typed": typed,
            "rows": rows, "col": col}


def test_sesuai_typed_in_libreoffice_moves_the_verified_index_by_the_weight_rule(quarter, master, libreoffice):
    """Typed Sesuai on No 21 (4 %, level 4 over 3) and No 4 (a Selesai without a level): the verified index moves by
    exactly 4 x (4 - 3) / 100 as LibreOffice computes it, the baseline and the estimate do not; every formula of the
    typed workbook recalculates to what LibreOffice saved, and the verified index to the library's figure for the
    verifications read back from the workbook."""
    words = quarter["words"]
    before, after = values(quarter["rekap"]), values(quarter["typed"])
    index = words["index"]
    base, est, ver = (index, "C6"), (index, "C7"), (index, "C8")
    move = master.indicator(21).weight * (4 - 3) / 100
    assert abs((after[ver] - before[ver]) - move) < 1e-10
    assert abs(after[base] - before[base]) < 1e-12 and abs(after[est] - before[est]) < 1e-12
    assert before[ver] == pytest.approx(before[base], abs=1e-12)
    rows, col = quarter["rows"], quarter["col"]
    level = col[words["level"]]
    assert [after[(words["monev"], f"{level}{rows[no]}")] for no in (4, 10, 21)] == [3, 1, 4]
    [recalculated] = libreoffice.convert([quarter["typed"]], "xlsx", quarter["root"] / "lo")
    mismatches, errors, count = compare(quarter["typed"], recalculated)
    assert count > 300 and mismatches == [] and errors == []
    fresh = values(recalculated)
    assert abs(fresh[ver] - after[ver]) < 1e-12
    # the library's figure, from the verifications read back from what LibreOffice saved
    verifications = pipeline.read_verifications(quarter["typed"], master)
    assert {(v.action, v.verdict) for v in verifications} == {("21", Verdict.VERIFIED), ("4", Verdict.VERIFIED),
                                                              ("10", Verdict.NEEDS_CORRECTION)}
    done = pipeline.consolidate_folder(quarter["folder"], master, period=TW3, as_of=dt.date(2019, 9, 30),
                                       verifications=verifications)
    overall = done.consolidation.index.overall
    assert abs(fresh[ver] - overall.verified) < 1e-10 and abs(fresh[base] - overall.baseline) < 1e-10
    assert abs((overall.verified - overall.baseline) - move) < 1e-10


def test_dkis_verification_survives_the_next_consolidate_and_is_dropped_for_a_changed_row(quarter, master):
    """Triwulan IV: BAPPEDA left No 21 and No 10 as they were and changed No 4's evidence.  Consolidated with
    --previous the workbook DKIS verified in LibreOffice: No 21 stays Sesuai (and counts in the verified index), No 4
    is unverified again (a finding and the console say why), No 10's return reaches BAPPEDA with DKIS's note."""
    lang, words = quarter["lang"], quarter["words"]
    previous = read_previous(quarter["typed"], master)
    typed = previous[("21", "BAPPEDA")]["verification"]
    assert (typed.verdict, typed.note, typed.at is not None) == (Verdict.VERIFIED, "", True)
    assert previous[("10", "BAPPEDA")]["verification"].note == NOTE

    root = quarter["root"]
    folder = root / "tw4"
    folder.mkdir()
    later = {no: {**row, "updated_on": dt.date(2019, 11, 12)} for no, row in CLAIMS.items()}
    later[4] = {**later[4], "evidence": "Perwali Denpasar No. 40 Tahun 2019"}
    fill(template(root, master, "BAPPEDA", TW4), folder / "BAPPEDA_TW4.xlsx", later, filled_on=dt.date(2019, 12, 20))
    rekap = root / "rekap-tw4.xlsx"
    output = consolidate(folder, rekap, TW4, "2019-12-31", "--previous", str(quarter["typed"]),
                         "--feedback", str(root / "umpan-balik"), "--report-json", str(root / "rekap-tw4.json"),
                         lang=lang)
    assert words["counts"] in output
    assert words["dropped"] in output
    assert words["why"] in output

    rows, col = monev_cells(rekap, words["monev"])
    ws = _book(rekap)[words["monev"]]
    verdict, note = col[words["verdict"]], col[words["note"]]
    shown = {no: (ws[f"{verdict}{rows[no]}"].value, ws[f"{note}{rows[no]}"].value) for no in (4, 10, 21)}
    assert shown == {4: (None, None), 10: (words["no"], NOTE), 21: (words["yes"], None)}
    indeks = _book(rekap, data_only=True)[words["index"]]
    assert abs((indeks["C8"].value - indeks["C6"].value) - 0.04) < 1e-10

    report = json.loads((root / "rekap-tw4.json").read_text(encoding="utf-8"))
    overall = report["index"]["overall"]
    assert abs(overall["verified"] - indeks["C8"].value) < 1e-10 and overall["verified_predicate"]
    dropped = [f for f in report["findings"] if f["code"] == "verification-dropped"]
    assert [(f["opd"], f["indicator"]) for f in dropped] == [("BAPPEDA", 4)]

    again = read_previous(rekap, master)  # and on to the next quarter, with who and when as recorded
    assert again[("21", "BAPPEDA")]["verification"] == typed
    assert again[("4", "BAPPEDA")]["verification"] is None

    [feedback] = (root / "umpan-balik").iterdir()
    fb = _book(feedback)
    evidence_cell = "M7"  # No 10's Bukti Dukung in the template
    assert NOTE in fb[words["monev"]][evidence_cell].comment.text
    assert any(r[1] == "verification-returned" and NOTE in r[7] for r in fb[words["fixes"]].iter_rows(values_only=True))


def test_a_verdict_typed_on_a_row_without_a_claim_is_ignored_with_a_note(quarter, master, tmp_path_factory):
    lang, words = quarter["lang"], quarter["words"]
    rows, col = quarter["rows"], quarter["col"]
    typed = quarter["root"] / "rekap-tw3-no-claim.xlsx"
    fresh = quarter["root"] / "rekap-tw3-copy.xlsx"  # LibreOffice may leave its lock on the file it typed into
    shutil.copy(quarter["rekap"], fresh)
    type_into(fresh, typed, words["locale"], [[words["monev"], f"{col[words['verdict']]}{rows[27]}",
                                                          words["yes"]]], tmp_path_factory.mktemp("uno2"))
    folder = quarter["root"] / "tw3-again"
    folder.mkdir()
    fill(template(quarter["root"], master, "BAPPEDA", TW3), folder / "BAPPEDA.xlsx", CLAIMS)
    output = consolidate(folder, quarter["root"] / "again.xlsx", TW3, "2019-09-30", "--verifications", str(typed),
                         lang=lang)
    assert words["ignored"] in output
    assert words["ignored_why"] in output

    [v] = pipeline.read_verifications(typed, master)
    assert (v.action, v.verdict) == ("27", Verdict.VERIFIED)
    done = pipeline.consolidate_folder(folder, master, period=TW3, as_of=dt.date(2019, 9, 30), verifications=[v])
    assert [j.standing for j in done.verifications] == [Standing.NO_CLAIM]
