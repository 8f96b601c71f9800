"""DKIS verifies claims (issue 19, point 2 on the workbook path, point 3).

A claim (a status Selesai, a level above the baseline) gets DKIS's verdict, Sesuai or Perlu perbaikan, with a note:
typed into the consolidated workbook's Monev sheet (Verifikasi, Catatan Verifikasi) or given by the intake page's
store.  It holds while the row it verified is unchanged (its status, level and evidence: the fingerprint), and the
next ``consolidate --previous`` reads it back.  Three numbers, each with one meaning: the index at the baseline, the
estimate from the claims counted, the estimate from the verified levels only."""

from __future__ import annotations

import datetime as dt
import json
import warnings

import openpyxl
import pytest
from factory import PERIOD, TODAY, fill, good_row, template

from spbe_excel import pipeline
from spbe_excel.figures import claim_rows, summary
from spbe_excel.merge import consolidate
from spbe_excel.model.columns import META_SHEET, VERIFY_SHEET, WORKBOOK_VERSION
from spbe_excel.model.verification import Fingerprint, Standing, Verdict, Verification
from spbe_excel.read.batch import collect_files, read_many
from spbe_excel.read.ours.previous import read_previous
from spbe_excel.text.findings import message
from spbe_excel.write.report import consolidation_json
from spbe_excel.write.workbook import write_consolidated

# BAPPEDA's rows: No 10 (baseline 1, weight 1) and No 21 (baseline 3, weight 4) claim a level above the baseline with
# their evidence named; No 4 (baseline 3) is Selesai without a level; No 27 and 28 claim nothing.
CLAIMS = {10: {**good_row(10), "current_level": 2}, 21: {**good_row(21), "current_level": 4},
          4: {**good_row(4), "status": "Selesai", "progress": 1}}


@pytest.fixture(scope="module")
def bappeda(tmp_path_factory, master):
    return template(tmp_path_factory.mktemp("tpl"), master, "BAPPEDA")


def read(tmp_path, bappeda, master, rows, name="BAPPEDA"):
    folder = tmp_path / name
    folder.mkdir()
    fill(bappeda, folder / f"{name}.xlsx", rows)
    return read_many(collect_files([folder]), master, period=PERIOD, today=TODAY, workers=0)


def run(tmp_path, bappeda, master, rows=None, verifications=(), name="BAPPEDA"):
    subs = read(tmp_path, bappeda, master, CLAIMS if rows is None else rows, name)
    return consolidate(subs, master, period=PERIOD, as_of=TODAY, verifications=verifications)


def claim(cons, no):
    return next(c for c in claim_rows(cons) if c.no == no)


def verify(cons, no, verdict=Verdict.VERIFIED, note="", by="Kadek (DKIS)"):
    """DKIS's verification of the claim of No ``no`` as the row stands in ``cons``."""
    c = claim(cons, no)
    return Verification(c.action, c.opd, verdict, c.fingerprint, note, by, dt.datetime(2019, 10, 2, 9, 30))


def pair(cons, no):
    return next(r for r in cons.rows if r.no == no and r.opd == "BAPPEDA")


def codes(cons, prefix="verification-"):
    return [f.code for f in cons.findings if f.code.startswith(prefix)]


# ---- which rows are claims -----------------------------------------------------------------------------------

def test_the_claims_are_a_selesai_or_a_level_above_the_baseline(tmp_path, master, bappeda):
    cons = run(tmp_path, bappeda, master)
    assert [(c.no, c.status, c.level, c.baseline) for c in claim_rows(cons)] == [
        (4, "done", None, 3), (10, "in_progress", 2, 1), (21, "in_progress", 4, 3)]
    c = claim(cons, 21)
    assert Fingerprint.parse(c.fingerprint) == pair(cons, 21).fingerprint
    assert c.fingerprint.startswith("in_progress|4|") and len(c.fingerprint.split("|")[2]) == 64
    assert (c.counted, c.level_verified, c.verification) == (4, 3, None)
    summ = summary(cons)
    assert (summ.claims, summ.claims_verified, summ.claims_returned) == (3, 0, 0)


# ---- point 3: three numbers, each with one meaning ----------------------------------------------------------

def test_marking_one_level_sesuai_moves_the_verified_index_by_its_weight(tmp_path, master, bappeda):
    """Nothing verified: the verified index is the baseline.  Marking No 21 (weight 4 %, level 4 over a baseline of
    3) Sesuai moves it by exactly 4 x (4 - 3) / 100; the estimate does not move.  No 10 adds 1 x (2 - 1) / 100."""
    plain = run(tmp_path, bappeda, master)
    idx = plain.index.overall
    assert idx.verified == idx.baseline and idx.estimate == pytest.approx(idx.baseline + 0.04 + 0.01, abs=1e-12)
    one = run(tmp_path, bappeda, master, verifications=[verify(plain, 21)], name="one")
    assert one.index.overall.verified - idx.baseline == pytest.approx(4.0 * (4 - 3) / 100, abs=1e-12)
    assert one.index.overall.estimate == idx.estimate
    both = run(tmp_path, bappeda, master, verifications=[verify(plain, 21), verify(plain, 10)], name="both")
    assert both.index.overall.verified == pytest.approx(both.index.overall.estimate, abs=1e-12)
    assert (both.index.verified_levels[21], both.index.verified_levels[10]) == (4, 2)
    # a Selesai verified moves no level; a claim returned counts at the baseline
    returned = run(tmp_path, bappeda, master, name="returned",
                   verifications=[verify(plain, 4), verify(plain, 21, Verdict.NEEDS_CORRECTION, "SK belum ada")])
    assert returned.index.overall.verified == idx.baseline
    summ = summary(returned)
    assert (summ.claims, summ.claims_verified, summ.claims_returned, summ.index_verified) == (3, 1, 1, idx.baseline)


def test_the_aspect_and_domain_move_by_their_share(tmp_path, master, bappeda):
    plain = run(tmp_path, bappeda, master)
    one = run(tmp_path, bappeda, master, verifications=[verify(plain, 21)], name="one")
    aspect = master.indicator(21).aspect
    before = next(a for a in plain.index.aspects if a.name == aspect)
    after = next(a for a in one.index.aspects if a.name == aspect)
    assert after.verified - before.verified == pytest.approx(4.0 * 1 / before.weight, abs=1e-12)
    assert [a.verified for a in one.index.aspects if a.name != aspect] == \
        [a.baseline for a in one.index.aspects if a.name != aspect]


# ---- a verification holds while the row it verified is unchanged ------------------------------------------------

@pytest.mark.parametrize("edit, changed", [
    ({}, ()),  # the same row: it holds
    ({"evidence": "Undangan rapat  No. 005/21/2019\n"}, ()),  # white space is no change
    ({"evidence": "Notulen rapat koordinasi No. 7/2019"}, ("evidence",)),
    ({"current_level": 5}, ("current_level",)),
    ({"status": "Selesai", "progress": 1}, ("status",)),
    ({"status": "Selesai", "progress": 1, "current_level": 3, "evidence": "Perwali No. 4/2019"},
     ("status", "current_level", "evidence")),
])
def test_a_verification_holds_until_the_opd_changes_the_row(tmp_path, master, bappeda, edit, changed):
    plain = run(tmp_path, bappeda, master)
    given = verify(plain, 21)
    again = run(tmp_path, bappeda, master, {**CLAIMS, 21: {**CLAIMS[21], **edit}}, [given], name="again")
    [judged] = again.verifications
    row = pair(again, 21)
    if not changed:
        assert judged.standing is Standing.HELD and row.verification == given and row.level_verified == 4
        assert codes(again) == []
        return
    assert (judged.standing, judged.changed) == (Standing.CHANGED, changed)
    assert row.verification is None and row.level_verified == 3 and not claim(again, 21).verification
    [dropped] = [f for f in again.findings if f.code == "verification-dropped"]
    assert (dropped.severity.value, dropped.opd, dropped.action, dropped.file) == ("info", "BAPPEDA", "21", row.file)
    assert dropped.param("changed") == changed and dropped.param("verdict") == Verdict.VERIFIED
    text = message(dropped, "id")
    assert "indikator No 21 (Sesuai) tidak berlaku lagi: OPD mengubah" in text and "Bukti Dukung" in text \
        if "evidence" in changed else "(Sesuai) tidak berlaku lagi" in text
    assert "(Verified) no longer holds: the OPD changed the row's" in message(dropped, "en")


def test_a_verification_of_a_pair_not_reported_this_period_no_longer_holds(tmp_path, master, bappeda):
    plain = run(tmp_path, bappeda, master)
    silent = run(tmp_path, bappeda, master, {no: {} for no in (4, 10, 21, 27, 28)}, [verify(plain, 21)],
                 name="silent")
    [judged] = silent.verifications
    assert judged.standing is Standing.NOT_REPORTED
    [f] = [f for f in silent.findings if f.code == "verification-dropped"]
    assert "baris ini tidak dilaporkan periode ini" in message(f, "id")


def test_a_verification_on_a_row_without_a_claim_is_ignored_with_a_note(tmp_path, master, bappeda):
    plain = run(tmp_path, bappeda, master)
    row27 = pair(plain, 27)
    on_no_claim = Verification("27", "BAPPEDA", Verdict.VERIFIED, row27.fingerprint.text)
    no_verdict = Verification("10", "BAPPEDA", None, claim(plain, 10).fingerprint, note="cek lagi", written="cek")
    elsewhere = Verification("21", "DKIS", Verdict.VERIFIED, "")
    cons = run(tmp_path, bappeda, master, verifications=[on_no_claim, no_verdict, elsewhere], name="ignored")
    assert [(j.verification.action, j.verification.opd, j.standing) for j in cons.verifications] == [
        ("10", "BAPPEDA", Standing.NO_VERDICT), ("27", "BAPPEDA", Standing.NO_CLAIM),
        ("21", "DKIS", Standing.UNKNOWN_PAIR)]
    assert cons.index.overall.verified == cons.index.overall.baseline
    found = {f.param("pair") + f.opd: f for f in cons.findings if f.code == "verification-ignored"}
    assert all(f.severity.value == "info" and f.file == "" for f in found.values())
    assert message(found["27BAPPEDA"], "id") == (
        "Verifikasi DKIS \"Sesuai\" untuk BAPPEDA No 27 diabaikan: baris ini tidak mengklaim apa pun untuk "
        "diverifikasi (statusnya bukan Selesai dan tingkatnya tidak di atas nilai awal). Kosongkan isian "
        "Verifikasi itu, atau isi Sesuai atau Perlu perbaikan pada baris klaim yang dimaksud.")
    assert "\"cek\"" in message(found["10BAPPEDA"], "id") and "neither Verified nor Needs correction" in \
        message(found["10BAPPEDA"], "en")
    assert "the plan does not give this action to that OPD" in message(found["21DKIS"], "en")


# ---- what DKIS returns reaches the OPD ------------------------------------------------------------------------

NOTE = "Nomor Perwali tidak tercantum; lampirkan salinan yang ditandatangani."


def test_a_returned_claim_reaches_the_opd_in_its_feedback_workbook(tmp_path, master, bappeda):
    plain = run(tmp_path, bappeda, master)
    folder = tmp_path / "kiriman"
    folder.mkdir()
    fill(bappeda, folder / "BAPPEDA.xlsx", CLAIMS)
    done = pipeline.consolidate_folder(folder, master, feedback_dir=tmp_path / "fb", period=PERIOD, as_of=TODAY,
                                       verifications=[verify(plain, 10, Verdict.NEEDS_CORRECTION, NOTE)])
    [returned] = [f for f in done.consolidation.findings if f.code == "verification-returned"]
    assert (returned.severity.value, returned.cell, returned.column, returned.param("note")) == (
        "warning", "M7", "evidence", NOTE)
    assert pair(done.consolidation, 10).flag == "warning"
    [path] = done.feedback
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    comment = wb["Monev"]["M7"].comment
    assert comment is not None and NOTE in comment.text and "Perlu perbaikan" in comment.text
    listed = [[c.value for c in row] for row in wb["Perbaikan"].iter_rows(min_row=12)]
    [line] = [r for r in listed if r[1] == "verification-returned"]
    assert NOTE in line[7] and line[2] == "M7"
    # the page's path: one file's feedback with the verifications of its store
    page = pipeline.write_feedback(folder / "BAPPEDA.xlsx", master, tmp_path / "page.xlsx", period=PERIOD,
                                   as_of=TODAY, verifications=[verify(plain, 10, Verdict.NEEDS_CORRECTION, NOTE)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert NOTE in openpyxl.load_workbook(page.path)["Monev"]["M7"].comment.text
    without = pipeline.write_feedback(folder / "BAPPEDA.xlsx", master, tmp_path / "plain.xlsx", period=PERIOD,
                                      as_of=TODAY)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert openpyxl.load_workbook(without.path)["Monev"]["M7"].comment is None


# ---- the JSON report and the workbook -------------------------------------------------------------------------

def test_the_json_report_gives_each_index_figure_three_numbers(tmp_path, master, bappeda):
    plain = run(tmp_path, bappeda, master)
    given = verify(plain, 21, note="Perwali diperiksa")
    cons = run(tmp_path, bappeda, master, verifications=[given], name="json")
    report = json.loads(consolidation_json(cons, "en"))
    idx = report["index"]
    for part in [idx["overall"], *idx["aspects"], *idx["domains"]]:
        assert {"baseline", "estimate", "verified", "baseline_predicate", "estimate_predicate",
                "verified_predicate"} <= set(part)
    assert idx["overall"]["verified"] == round(cons.index.overall.verified, 10)
    assert idx["overall"]["verified_predicate"] == "Good" and idx["verified_levels"]["21"] == 4
    assert report["summary"]["index_verified"] == idx["overall"]["verified"]
    assert (report["summary"]["claims"], report["summary"]["claims_verified"]) == (3, 1)
    row = next(r for r in report["rows"] if r["no"] == 21)
    assert row["claim"] is True and row["level_verified"] == 4 and row["fingerprint"] == given.fingerprint
    assert row["verification"] == {"verdict": "verified", "verdict_label": "Verified", "note": "Perwali diperiksa",
                                   "by": "Kadek (DKIS)", "at": "2019-10-02T09:30:00",
                                   "fingerprint": given.fingerprint}
    assert report["verifications"] == [{**row["verification"], "action": "21", "opd": "BAPPEDA", "standing": "held",
                                        "changed": [], "written": None}]
    assert next(r for r in report["rows"] if r["no"] == 27)["claim"] is False


def _book(path, data_only=False):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path, data_only=data_only)


@pytest.mark.parametrize("lang, words", [("id", ("Verifikasi", "Catatan Verifikasi", "Sesuai", "Perlu perbaikan")),
                                         ("en", ("Verification", "Verification Note", "Verified",
                                                 "Needs correction"))])
def test_the_monev_sheet_has_the_verification_columns_for_dkis(tmp_path, master, bappeda, lang, words):
    plain = run(tmp_path, bappeda, master)
    cons = run(tmp_path, bappeda, master, name="book",
               verifications=[verify(plain, 21), verify(plain, 10, Verdict.NEEDS_CORRECTION, NOTE)])
    path = write_consolidated(cons, tmp_path / f"rekap_{lang}.xlsx", lang=lang)
    ws = _book(path)[words[0] and ("Monev" if lang == "id" else "Monitoring")]
    head = [c.value for c in ws[4]]
    verdict, note, level = head.index(words[0]) + 1, head.index(words[1]) + 1, head.index(
        "Tingkat Terverifikasi" if lang == "id" else "Verified Level") + 1
    rows = {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1) if ws.cell(r, 3).value == "BAPPEDA"}
    assert ws.cell(rows[21], verdict).value == words[2] and ws.cell(rows[21], note).value is None
    assert (ws.cell(rows[10], verdict).value, ws.cell(rows[10], note).value) == (words[3], NOTE)
    assert ws.cell(rows[27], verdict).value is None
    for r in rows.values():  # DKIS may type into every verification cell, even of a protected sheet
        assert not ws.cell(r, verdict).protection.locked and not ws.cell(r, note).protection.locked
    fills = {no: ws.cell(r, verdict).fill.fgColor.rgb for no, r in rows.items()}
    assert fills[21] == fills[4] == fills[10] != fills[27]  # the claims are shaded for input
    letter = openpyxl.utils.get_column_letter(verdict)
    [dv] = [dv for dv in ws.data_validations.dataValidation if letter + "5" in str(dv.sqref)]
    assert dv.type == "list" and dv.formula1 == f'"{words[2]},{words[3]}"'
    assert dv.showErrorMessage and dv.errorStyle in (None, "stop")  # stop is the default, left out
    formula = ws.cell(rows[21], level).value
    r = rows[21]
    assert formula == f'=IF(ISNUMBER(K{r}),IF(K{r}<=E{r},K{r},IF({letter}{r}="{words[2]}",K{r},E{r})),E{r})'
    meta = {r[0]: r[1] for r in _book(path)[META_SHEET].iter_rows(values_only=True)}
    assert meta["version"] == WORKBOOK_VERSION == "4"
    recorded = list(_book(path)[VERIFY_SHEET].iter_rows(values_only=True))
    assert recorded[0] == ("action", "opd", "fingerprint", "verdict", "note", "by", "at")
    assert [r[:2] for r in recorded[1:]] == [("4", "BAPPEDA"), ("10", "BAPPEDA"), ("21", "BAPPEDA")]
    assert recorded[3][2:] == (claim(cons, 21).fingerprint, "verified", None, "Kadek (DKIS)", "2019-10-02T09:30:00")


def test_indeks_and_ringkasan_show_the_three_numbers_with_what_each_means(tmp_path, master, bappeda):
    plain = run(tmp_path, bappeda, master)
    cons = run(tmp_path, bappeda, master, verifications=[verify(plain, 21)], name="three")
    path = write_consolidated(cons, tmp_path / "rekap.xlsx")
    values = _book(path, data_only=True)
    ws = values["Indeks"]
    rows = {ws.cell(r, 1).value: r for r in range(5, 10)}
    idx = cons.index.overall
    assert [(ws.cell(rows[k], 3).value, ws.cell(rows[k], 4).value) for k in
            ("Indeks awal", "Indeks perkiraan", "Indeks terverifikasi")] == [
        (pytest.approx(idx.baseline), "Baik"), (pytest.approx(idx.estimate), "Baik"),
        (pytest.approx(idx.verified), "Baik")]
    assert ws.cell(rows["Indeks terverifikasi"], 5).value.startswith("Hanya tingkat yang ditandai Sesuai oleh DKIS")
    formulas = _book(path)
    assert formulas["Indeks"]["C8"].value.startswith("=SUMPRODUCT(") and "Indeks SPBE terverifikasi" in [
        c.value for c in formulas["Ringkasan"]["A"]]
    summary_ws = formulas["Ringkasan"]
    label_row = next(c.row for c in summary_ws["A"] if c.value == "Indeks SPBE terverifikasi")
    assert summary_ws.cell(label_row, 2).value == "=Indeks!$C$8"
    assert summary_ws.cell(label_row, 3).value == "=Indeks!$D$8"
    assert values["Ringkasan"].cell(label_row, 2).value == pytest.approx(idx.verified)
    legend = summary_ws.cell(label_row + 3, 1).value
    assert legend.startswith("Awal: hasil evaluasi terakhir. Perkiraan:") and "Sesuai oleh DKIS" in legend


# ---- read back by the next consolidate --previous -------------------------------------------------------------

def test_the_workbook_carries_each_verification_to_the_next_period(tmp_path, master, bappeda):
    """A verification that holds is written into the workbook with who gave it and when; read back by --previous it
    is the same verification, and holds again on the unchanged row."""
    plain = run(tmp_path, bappeda, master)
    given = [verify(plain, 21, note="Perwali diperiksa"), verify(plain, 10, Verdict.NEEDS_CORRECTION, NOTE)]
    cons = run(tmp_path, bappeda, master, verifications=given, name="first")
    path = write_consolidated(cons, tmp_path / "rekap.xlsx")
    previous = read_previous(path, master)
    assert {k: p["verification"] for k, p in previous.items() if p["verification"]} == {
        ("21", "BAPPEDA"): given[0], ("10", "BAPPEDA"): given[1]}
    assert pipeline.read_verifications(path, master) == [given[1], given[0]]
    subs = read(tmp_path, bappeda, master, CLAIMS, "next")
    again = consolidate(subs, master, period=PERIOD, as_of=TODAY, previous=previous)
    assert [j.standing for j in again.verifications] == [Standing.HELD, Standing.HELD]
    assert again.index.overall.verified == cons.index.overall.verified


def test_an_older_workbook_holds_no_verification(tmp_path, master, bappeda):
    """A workbook of version 3 (before issue 19) has no Verifikasi column: it is read as before, with none."""
    plain = run(tmp_path, bappeda, master)
    cons = run(tmp_path, bappeda, master, verifications=[verify(plain, 21)], name="v3")
    path = write_consolidated(cons, tmp_path / "rekap.xlsx")
    wb = _book(path)
    entries = {r[0].value: r[1] for r in wb[META_SHEET].iter_rows()}
    entries["version"].value = "3"
    del wb[VERIFY_SHEET]
    wb.save(tmp_path / "rekap_v3.xlsx")
    previous = read_previous(tmp_path / "rekap_v3.xlsx", master)
    assert previous[("21", "BAPPEDA")]["level"] == 4 and previous[("21", "BAPPEDA")]["latest"] is not None
    assert all(p["verification"] is None for p in previous.values())
    assert pipeline.read_verifications(tmp_path / "rekap_v3.xlsx", master) == []


def test_a_workbook_that_is_not_ours_is_refused_for_verifications(tmp_path, master):
    from spbe_excel.errors import PreviousWorkbookError

    other = tmp_path / "lain.xlsx"
    openpyxl.Workbook().save(other)
    with pytest.raises(PreviousWorkbookError) as refused:
        pipeline.read_verifications(other, master)
    assert refused.value.key == "usage.verifications_not_ours"
