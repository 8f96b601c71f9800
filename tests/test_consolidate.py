"""Consolidation: selection, completeness, shared rows, periods, comparison."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest
from factory import PERIOD, TODAY, fill, good_row, template

from spbe_excel.errors import PreviousWorkbookError
from spbe_excel.figures import summary
from spbe_excel.merge import consolidate
from spbe_excel.model.pairs import LatestState
from spbe_excel.model.vocab import Status
from spbe_excel.read.batch import collect_files, read_many
from spbe_excel.read.ours.previous import read_previous
from spbe_excel.text.errors import error_text
from spbe_excel.text.findings import message as finding_message
from spbe_excel.write.workbook import write_consolidated


@pytest.fixture(scope="module")
def templates(tmp_path_factory, master):
    d = tmp_path_factory.mktemp("tpl")
    return {code: template(d, master, code) for code in master.opd_codes}


def make_period(folder, templates, rows=None, skip=(), **fill_kw):
    """One filled template per OPD (but ``skip``), with ``rows[opd]`` overrides."""
    folder.mkdir(parents=True, exist_ok=True)
    for code, tpl in templates.items():
        if code not in skip:
            fill(tpl, folder / f"{code}.xlsx", (rows or {}).get(code), **fill_kw)
    return folder


def run(folder, master, **kw):
    kw.setdefault("period", PERIOD)
    kw.setdefault("as_of", TODAY)
    subs = read_many(collect_files([folder]), master, period=kw["period"], today=kw["as_of"], workers=0)
    return consolidate(subs, master, **kw)


def codes(cons, code):
    return [f for f in cons.findings if f.code == code]


def test_every_pair_once_and_clean_period(tmp_path, master, templates):
    cons = run(make_period(tmp_path / "p", templates), master)
    assert len(cons.rows) == 38  # 37 indicators, row 17 twice
    assert {r.state for r in cons.rows} == {"reported"}
    assert summary(cons).reporting_rate == 1.0 and summary(cons).opds_reported == 10
    assert [f.code for f in cons.findings] == []
    assert not cons.has_errors


def test_missing_opd(tmp_path, master, templates):
    cons = run(make_period(tmp_path / "p", templates, skip={"DUKCAPIL", "HUKUM"}), master)
    missing = {f.opd: f for f in codes(cons, "submission-missing")}
    assert set(missing) == {"DUKCAPIL", "HUKUM"} and missing["HUKUM"].param("indicators") == "15, 33"
    assert missing["HUKUM"].severity.value == "error" and cons.has_errors
    assert {(r.no, r.opd) for r in cons.rows if r.state == "missing"} == {(17, "DUKCAPIL"), (15, "HUKUM"),
                                                                         (33, "HUKUM")}
    assert summary(cons).reporting_rate == pytest.approx(35 / 38)


def test_duplicate_submission_uses_the_newer_by_date_filled(tmp_path, master, templates):
    folder = make_period(tmp_path / "p", templates)
    fill(templates["HUKUM"], folder / "HUKUM_lama.xlsx", {15: {**good_row(15), "progress": 0.1}},
         filled_on=dt.date(2019, 9, 1))
    os.utime(folder / "HUKUM_lama.xlsx", (2e9, 2e9))  # modified later, but filled earlier
    cons = run(folder, master)
    [dup] = codes(cons, "duplicate-submission")
    assert dup.opd == "HUKUM" and dup.param("used") == "HUKUM.xlsx" and "HUKUM_lama.xlsx" in dup.param("files")
    assert dup.param("why") == "why.dup.filled_on" and dup.severity.value == "warning"
    assert next(r for r in cons.rows if r.no == 15).values["progress"] == 50
    assert {s.submission.source.name: s.use for s in cons.sources}["HUKUM_lama.xlsx"] == "duplicate"


def test_duplicate_same_file_twice(tmp_path, master, templates):
    folder = make_period(tmp_path / "p", templates)
    shutil.copy(folder / "PBJ.xlsx", folder / "PBJ (1).xlsx")
    [dup] = codes(run(folder, master), "duplicate-submission")
    assert dup.param("why") == "why.dup.same" and "identical" in finding_message(dup, "en")


def test_shared_row_keeps_each_report_and_counts_at_the_lowest_level(tmp_path, master, templates):
    rows = {"DPMPTSP": {17: {**good_row(17), "current_level": "4 - Terpadu dan Terukur", "progress": 0.8}},
            "DUKCAPIL": {17: {**good_row(17), "current_level": "3 - Terdefinisi", "progress": 0.2}}}
    cons = run(make_period(tmp_path / "p", templates, rows), master)
    r17 = {r.opd: r for r in cons.rows if r.no == 17}
    assert r17["DPMPTSP"].values["progress"] == 80 and r17["DUKCAPIL"].values["progress"] == 20
    assert cons.index.levels[17] == 3
    base = run(make_period(tmp_path / "q", templates), master)
    assert cons.index.overall.estimate - base.index.overall.estimate == pytest.approx(0)  # 3 = baseline of No 17


def test_rejected_file_marks_its_pairs(tmp_path, master, templates):
    folder = make_period(tmp_path / "p", templates, skip={"BPKAD"})
    (folder / "BPKAD.xlsx").write_bytes(b"<html>export dari aplikasi</html>")
    cons = run(folder, master)
    # an unreadable file is the OPD's its name names: BPKAD is told its file was rejected, not that it sent nothing
    assert not codes(cons, "submission-missing")
    assert [(s.use, s.submission.opd) for s in cons.sources if s.submission.source.name == "BPKAD.xlsx"] == [
        ("rejected", "BPKAD")]
    assert {r.state for r in cons.rows if r.opd == "BPKAD"} == {"rejected"}
    [unreadable] = codes(cons, "file-unreadable")
    assert unreadable.opd == "BPKAD"

    other = make_period(tmp_path / "q", templates)
    cons = run(other, master, period="Triwulan IV 2019")  # every file is of another period
    assert {r.state for r in cons.rows} == {"rejected"}
    assert len(codes(cons, "period-mismatch")) == 10 and not codes(cons, "submission-missing")


def test_period_inferred_from_the_files(tmp_path, master, templates):
    folder = make_period(tmp_path / "p", templates)
    fill(templates["DKIS"], folder / "DKIS.xlsx", edit=lambda wb, ws: ws.__setitem__("G2", "Triwulan II 2019"))
    subs = read_many(collect_files([folder]), master, today=TODAY, workers=0)
    cons = consolidate(subs, master, as_of=TODAY)
    assert cons.period_text == PERIOD
    [f] = codes(cons, "period-mismatch")
    assert f.opd == "DKIS" and {r.state for r in cons.rows if r.opd == "DKIS"} == {"rejected"}


@pytest.mark.parametrize("as_of, overdue", [(dt.date(2019, 12, 31), 0), (dt.date(2020, 1, 2), 36)])
def test_overdue_after_the_target_year(tmp_path, master, templates, as_of, overdue):
    rows = {"DKIS": {1: {**good_row(1), "status": "Selesai", "progress": 1}},
            "BAPPEDA": {4: {**good_row(4), "status": "selesai", "progress": "100%"}}}
    cons = run(make_period(tmp_path / "p", templates, rows), master, as_of=as_of)
    found = codes(cons, "overdue")
    assert len(found) == overdue
    if overdue:
        assert (1, "DKIS") not in {(f.indicator, f.opd) for f in found}
        f = next(f for f in found if f.indicator == 10)
        assert f.cell == "I7" and "2019" in finding_message(f, "id") and "02/01/2020" in finding_message(f, "id")


def test_period_over_period(tmp_path, master, templates):
    before = make_period(tmp_path / "tw2", templates, {
        "BAPPEDA": {4: {**good_row(4), "progress": 0.6, "current_level": "3 - Terdefinisi"},
                    10: {**good_row(10), "progress": 0.3, "current_level": "2 - Terkelola"}}})
    prev_path = tmp_path / "rekap_tw2.xlsx"
    write_consolidated(run(before, master), prev_path)
    previous = read_previous(prev_path, master)
    assert previous[("4", "BAPPEDA")] == {"progress": 60, "level": 3, "counted": 3,
                                          "achievement": good_row(4)["achievement"],
                                          "latest": LatestState(Status.IN_PROGRESS, 60, "Triwulan III 2019"),
                                          "verification": None}

    now = make_period(tmp_path / "tw3", templates, {
        "BAPPEDA": {4: {**good_row(4), "progress": 0.4, "current_level": "2 - Terkelola"},  # both went down
                    10: {**good_row(10), "progress": 0.3, "current_level": "2 - Terkelola"}}})  # unchanged
    cons = run(now, master, previous=previous, previous_path=str(prev_path))
    by = {(f.code, f.indicator, f.opd) for f in cons.findings}
    assert ("progress-decreased", 4, "BAPPEDA") in by and ("level-decreased", 4, "BAPPEDA") in by
    assert ("update-stale", 10, "BAPPEDA") in by
    assert ("update-stale", 21, "BAPPEDA") in by  # good_row is the same both periods
    row4 = next(r for r in cons.rows if (r.no, r.opd) == (4, "BAPPEDA"))
    assert row4.previous_progress == 60 and row4.progress_change == -20


@pytest.mark.parametrize("kind", ["template", "random", "missing", "text"])
def test_previous_refuses_anything_else(tmp_path, master, templates, kind):
    path = {"template": templates["DKIS"], "random": tmp_path / "x.xlsx", "missing": tmp_path / "nope.xlsx",
            "text": tmp_path / "rekap.xlsx"}[kind]
    if kind == "random":
        import openpyxl

        wb = openpyxl.Workbook()
        wb.active["A1"] = "Rekap"
        wb.save(path)
    elif kind == "text":
        path.write_text("not a workbook")
    with pytest.raises(PreviousWorkbookError) as info:
        read_previous(path, master)
    worded = error_text(info.value, "en")
    assert "spbe-excel" in worded and str(path) in worded
    assert "--previous" not in worded  # the command line adds its option's name


def test_dataframes_for_library_callers(tmp_path, master, templates):
    cons = run(make_period(tmp_path / "p", templates, skip={"DUKCAPIL"}), master)
    monev = cons.monev_frame()
    assert len(monev) == 38 and {"no", "opd", "state", "progress", "level_used", "gap", "absorption"} <= set(monev)
    assert monev.loc[(monev.no == 17) & (monev.opd == "DUKCAPIL"), "state"].item() == "missing"
    assert monev.loc[monev.opd == "BAPPEDA", "progress"].tolist() == [50] * 5
    matrix = cons.matrix_frame()
    assert matrix.loc["DUKCAPIL", 17] == "missing" and matrix.loc["DKIS", 1] == "reported"
    assert matrix.shape == (10, 37)
    findings = cons.findings_frame()
    assert findings.loc[0, "code"] == "submission-missing"
    assert len(cons.sources_frame()) == 9
    index = cons.index_frame()
    assert index.loc[index.kind == "overall", "baseline"].item() == pytest.approx(2.64)


# ---- the steps of consolidation, and the folder checks ----------------------------------------------

def _sub(path, opd="DKIS", period=PERIOD, filled_on=None, modified="2019-09-01T00:00:00", status=None):
    """A submission as read; ``status`` REJECTED gives it the finding that rejects it (its state follows from its
    findings)."""
    from spbe_excel.model.findings import make
    from spbe_excel.model.submission import SourceInfo, Submission
    from spbe_excel.model.vocab import FileState, Reason

    findings = [make("file-unreadable", file=path, reason=Reason.FILE_CORRUPT)] if status == FileState.REJECTED else []
    return Submission(SourceInfo(path, path, sha256=path, modified=modified), opd=opd, period=period,
                      filled_on=filled_on, findings=findings)


def test_period_most_files_state_in_the_first_spelling():
    from spbe_excel.merge import choose_period
    from spbe_excel.model.vocab import FileState

    subs = [_sub("a", period="TW II 2019"), _sub("b", period="Triwulan III 2019"), _sub("c", period="tw iii 2019"),
            _sub("d", period="Triwulan II 2019", status=FileState.REJECTED), _sub("e", period=None)]
    assert str(choose_period(subs)) == "Triwulan III 2019"
    assert choose_period([_sub("x", period=None)]) is None


def test_files_grouped_per_opd_newest_first():
    from spbe_excel.merge import group_by_opd
    from spbe_excel.model.vocab import FileState

    old, new = _sub("old", filled_on=dt.date(2019, 9, 1)), _sub("new", filled_on=dt.date(2019, 9, 20))
    later = _sub("later", filled_on=dt.date(2019, 9, 1), modified="2019-09-30T00:00:00")
    bad = _sub("bad", opd="HUKUM", status=FileState.REJECTED)
    usable, rejected = group_by_opd([old, bad, new, later, _sub("anon", opd=None)])
    assert [s.path for s in usable["DKIS"]] == ["new", "later", "old"]
    assert list(usable) == ["DKIS"] and rejected == {"HUKUM": [bad]}


def test_folder_checks_are_registered_with_their_codes():
    from spbe_excel.checks import Phase, checks_of, owner

    folder = {c.name: c.codes for c in checks_of(Phase.FOLDER)}
    assert folder == {"duplicate_submission": ("duplicate-submission",),
                      "submission_missing": ("submission-missing",),
                      "compared_with_previous": ("progress-decreased", "update-stale", "level-decreased"),
                      "overdue": ("overdue",),
                      "verifications": ("verification-returned", "verification-dropped", "verification-ignored")}
    assert {c.name: c.module for c in checks_of(Phase.FOLDER) if c.module != "spbe_excel.checks.folder"} == {
        "verifications": "spbe_excel.checks.verification"}  # DKIS's verifications: a module of their own
    assert owner("period-mismatch").module == "spbe_excel.checks.period"
    assert [c.name for c in checks_of(Phase.PERIOD)] == ["period_mismatch"]


def test_duplicate_check_says_why_the_newest_is_used(master):
    from spbe_excel.checks.folder import FolderContext, duplicate_submission

    new, old = _sub("new.xlsx", filled_on=dt.date(2019, 9, 20)), _sub("old.xlsx", filled_on=dt.date(2019, 9, 1))
    used = {"DKIS": [new, old], "HUKUM": [_sub("h.xlsx", opd="HUKUM")]}
    [f] = duplicate_submission(FolderContext(master, None, TODAY, used, {}, []))
    assert (f.code, f.opd, f.file) == ("duplicate-submission", "DKIS", "new.xlsx")
    assert f.param("files") == "new.xlsx, old.xlsx" and f.param("why") == "why.dup.filled_on"


# ---- the pipeline every front end calls -----------------------------------------------------------------

def test_consolidate_folder_walks_the_folder_once_and_writes_every_output(tmp_path, master, templates, monkeypatch):
    import json

    from spbe_excel import pipeline
    from spbe_excel.read import batch

    folder = make_period(tmp_path / "p", templates, skip={"DUKCAPIL"})
    walks = []
    monkeypatch.setattr(batch, "collect_files", lambda paths: walks.append(paths) or collect_files(paths))
    calls = []
    done = pipeline.consolidate_folder(folder, master, output=tmp_path / "r.xlsx", report_json=tmp_path / "r.json",
                                       feedback_dir=tmp_path / "fb", period=PERIOD, as_of=TODAY, workers=0,
                                       progress=lambda n, total: calls.append((n, total)))
    assert len(walks) == 1 and len(done.files) == 9
    assert calls[0] == (0, 9) and calls[-1] == (9, 9)
    assert done.workbook == tmp_path / "r.xlsx" and (tmp_path / "r.xlsx").exists()
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["period"] == PERIOD
    assert done.feedback == [] and (tmp_path / "fb").is_dir()  # clean files: no feedback needed
    assert done.has_errors and summary(done.consolidation).opds_reported == 9  # DUKCAPIL is missing


def test_consolidate_folder_refuses_before_reading(tmp_path, master, templates, monkeypatch):
    from spbe_excel import pipeline
    from spbe_excel.errors import OutputError, UsageError
    from spbe_excel.read import batch

    folder = make_period(tmp_path / "p", templates)
    monkeypatch.setattr(batch, "read_many", lambda *a, **k: pytest.fail("read before refusing"))
    with pytest.raises(OutputError):
        pipeline.consolidate_folder(folder, master, output=tmp_path)  # a folder
    with pytest.raises(OutputError):
        pipeline.consolidate_folder(folder, master, report_json=folder / "DKIS.xlsx")  # one of the inputs
    with pytest.raises(UsageError) as info:
        pipeline.consolidate_folder(tmp_path / "nope", master, lang="en")
    assert error_text(info.value, "en") == f"Not found: {tmp_path / 'nope'}"
    with pytest.raises(PreviousWorkbookError):
        pipeline.consolidate_folder(folder, master, previous=templates["DKIS"])
