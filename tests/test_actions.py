"""Several actions per indicator, the whole way: a master file whose indicators have two or three actions
(shared OPDs, one OPD with two actions on one indicator, an indicator without an action), its templates,
the OPDs' submissions, consolidation, the index against figures worked out here by hand from the weights,
--previous between two periods and the feedback workbook."""

from __future__ import annotations

import csv
import datetime as dt
import json
import warnings

import openpyxl
import pytest
from actions_plan import (
    ACTIONS,
    BASELINE,
    D1,
    D2,
    D3,
    HEADERS,
    LEVELS,
    PERIOD,
    REPORTS,
    ROWS,
    fill_templates,
    level,
    rows_by_action,
    templates_for,
    write_master,
)
from click.testing import CliRunner
from conftest import ROOT
from factory import columns_of, good_row, user_sheet

from spbe_excel.cli import cli
from spbe_excel.errors import MasterListError
from spbe_excel.master import load_master
from spbe_excel.merge import consolidate
from spbe_excel.read.batch import collect_files, read_many
from spbe_excel.read.ours.previous import read_previous
from spbe_excel.read.submission import read_submission
from spbe_excel.text.errors import problem_text
from spbe_excel.text.findings import message as finding_message
from spbe_excel.write.feedback import write_feedback
from spbe_excel.write.master_export import export_master, master_csv, master_json, master_table
from spbe_excel.write.report import consolidation_json
from spbe_excel.write.template import MARK_COLORS
from spbe_excel.write.workbook import write_consolidated

TODAY = dt.date(2019, 9, 30)


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("actions")
    master = load_master(write_master(root / "rencana.xlsx"))
    return root, master, templates_for(master, root / "templat")


def read(folder, master, **kw):
    return read_many(collect_files([folder]), master, period=PERIOD, today=kw.pop("today", TODAY), workers=0)


@pytest.fixture(scope="module")
def quarter(plan):
    root, master, templates = plan
    subs = read(fill_templates(templates, root / "tw3", REPORTS), master)
    return subs, consolidate(subs, master, period=PERIOD, as_of=TODAY)


def _read_values(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path, data_only=True)


# ---- the master list --------------------------------------------------------------------------------------

def test_the_plan_has_actions_and_indicators(plan):
    _, master, _ = plan
    assert [a.action for a in master.actions] == ACTIONS  # 3.x written in the Aksi column, the rest numbered
    assert [i.no for i in master.indicators] == [1, 2, 3, 4, 5, 6] and master.numbered
    assert [a.action for a in master.actions_of(1)] == ["1.1", "1.2"] and master.actions_of(4) == ()
    assert master.indicator(4).follow_up == "" and master.indicator(4).opds == () and not master.indicator(4).has_action
    assert [a.action for a in master.for_opd("DKIS")] == ["1.1", "1.2", "3.3", "6.1"]
    assert master.action("1.2").opds == ("DKIS", "HUKUM") and master.action("1.2").follow_up.startswith("Harmonisasi")
    assert [(d.name, d.weight) for d in master.domains] == [(D1, 35), (D2, 35), (D3, 30)]  # each indicator once
    assert master.plan_year == 2019 and "BPKAD" in master.opd_codes


def test_without_an_aksi_column_actions_are_numbered_in_row_order(tmp_path):
    rows = [[r[0], *r[2:]] for r in ROWS]
    master = load_master(write_master(tmp_path / "m.xlsx", rows, [HEADERS[0], *HEADERS[2:]]))
    assert [a.action for a in master.actions] == ACTIONS


def test_a_plan_with_one_action_per_indicator_keeps_its_fingerprint(master, tmp_path):
    """The embedded plan: no Aksi column anywhere, the fingerprint templates carry unchanged."""
    assert not master.numbered and [a.action for a in master.actions] == [str(i.no) for i in master.indicators]
    assert master.fingerprint == "bd95156b5eb4eecd" and "Aksi" not in master_csv(master).splitlines()[0]
    assert load_master(export_master(master, tmp_path / "m.xlsx")).fingerprint == "bd95156b5eb4eecd"


def test_a_numbered_plan_exports_and_loads_back_the_same(plan, tmp_path):
    _, master, _ = plan
    path = export_master(master, tmp_path / "m.xlsx")
    ws = openpyxl.load_workbook(path)["Indikator"]
    assert [c.value for c in ws[1]][:3] == ["No", "Aksi", "Indikator"]
    assert [ws.cell(r, 2).value for r in range(2, 12)] == ["1.1", "1.2", "2", "3.1", "3.2", "3.3", "4", "5", "6.1",
                                                           "6.2"]
    assert load_master(path).fingerprint == master.fingerprint
    (tmp_path / "m.csv").write_text(master_csv(master), encoding="utf-8")
    assert load_master(tmp_path / "m.csv").fingerprint == master.fingerprint
    data = json.loads(master_json(master))
    assert [r["action"] for r in data["indicators"]][:3] == ["1.1", "1.2", "2"]
    assert data["indicators"][6]["target_year"] is None and data["indicators"][6]["opds"] == []
    assert data["domains"][0]["aspects"][0]["indicators"] == [1, 2]
    table = master_table(master)
    assert "(6 indikator, 9 aksi, sidik" in table.splitlines()[0] and " 1.2 " in table


def _problems(tmp_path, edit) -> list:
    rows = [list(r) for r in ROWS]
    edit(rows)
    with pytest.raises(MasterListError) as info:
        load_master(write_master(tmp_path / "broken.xlsx", rows))
    return info.value.problems


def test_the_rows_of_one_indicator_must_agree(tmp_path):
    def differ(rows):
        rows[1][4] = 2  # the baseline of action 1.2 (row 3)
        rows[4][11] = 10  # the weight of action 3.2 (row 6)
    problems = _problems(tmp_path, differ)
    assert [(p.cell, p.key) for p in problems] == [("Indikator!E3", "master.p.indicator_differs"),
                                                   ("Indikator!L6", "master.p.indicator_differs")]
    assert "Indikator!E2" in problem_text(problems[0], "id") and '"1"' in problem_text(problems[0], "id")
    assert "No 3" in problem_text(problems[1], "en") and "every row (action)" in problem_text(problems[1], "en")


def test_the_target_is_the_indicator_s(tmp_path):
    """A row that leaves the target empty takes the one its indicator's other row writes; without any, the
    natural one of the first row (No 6 is a service indicator: "menjadi layanan transaksi" is 3), not each
    action's own recommendation's."""
    rows = [list(r) for r in ROWS]
    rows[0][5] = None  # 1.1 empty, 1.2 writes 2
    rows[8][5] = rows[9][5] = None
    rows[9][3] = "Ditingkatkan menjadi layanan kolaborasi"  # 4, if each action had its own target
    master = load_master(write_master(tmp_path / "m.xlsx", rows))
    assert [a.target_level for a in master.actions if a.no in (1, 6)] == [2, 2, 3, 3]


def test_a_repeated_no_with_another_name_is_another_indicator(tmp_path):
    [p] = _problems(tmp_path, lambda rows: rows[2].__setitem__(0, 1))  # No 2 typed as 1
    assert (p.cell, p.key) == ("Indikator!A4", "master.p.duplicate_no") and "Indikator!A2" in problem_text(p, "id")


@pytest.mark.parametrize(("value", "key"), [("4.1", "master.p.action_id"), ("tiga", "master.p.action_id"),
                                            ("3", "master.p.action_id"), ("3.2", "master.p.duplicate_action")])
def test_a_bad_or_repeated_action_id(tmp_path, value, key):
    [p] = _problems(tmp_path, lambda rows: rows[3].__setitem__(1, value))  # the Aksi of 3.1 (row 5)
    if key == "master.p.duplicate_action":  # reported at the second of the two, 3.2 on row 6
        assert (p.cell, p.key) == ("Indikator!B6", key) and "Indikator!B5" in problem_text(p, "id")
    else:
        assert (p.cell, p.key) == ("Indikator!B5", key) and "3.1" in problem_text(p, "id")


def test_an_action_without_follow_up_and_opd_beside_others_is_incomplete(tmp_path):
    def strip(rows):
        rows[1][6] = rows[1][8] = None  # action 1.2 loses its follow-up and OPDs; 1.1 stays
    problems = _problems(tmp_path, strip)
    assert [(p.cell, p.key) for p in problems] == [("Indikator!G3", "master.p.required"),
                                                   ("Indikator!I3", "master.p.required")]


def test_a_plan_without_any_action_is_refused(tmp_path):
    rows = [[r[0], None, *r[2:6], None, None, None, *r[9:]] for r in ROWS if r[1] is None or r[1] == "3.1"]
    rows = [r for n, r in enumerate(rows) if n == 0 or r[0] != rows[n - 1][0]]
    with pytest.raises(MasterListError) as info:
        load_master(write_master(tmp_path / "none.xlsx", rows))
    assert [p.key for p in info.value.problems] == ["master.p.no_action"]


def test_an_indicator_s_level_over_its_actions(plan):
    """master.index: the lowest level reported over every action and OPD; the baseline when nobody estimated
    it, for an indicator without an action, and for one whose reports hold no estimate."""
    from spbe_excel.master import indicator_levels

    _, master, _ = plan
    levels = indicator_levels(master, [(1, 3), (1, None), (1, 2), (3, None), (6, 4)])
    assert levels == {1: 2, 2: 2, 3: 2, 4: 1, 5: 3, 6: 4}


# ---- templates ----------------------------------------------------------------------------------------------

def test_a_template_has_a_row_per_action_with_its_id(plan):
    _, master, templates = plan
    wb = openpyxl.load_workbook(next(templates.glob("DKIS_*.xlsx")))
    ws = wb.worksheets[1]
    assert [ws.cell(r, 1).value for r in range(6, 10)] == ["1.1", "1.2", "3.3", "6.1"]  # text, as the ids are
    cols = columns_of(ws)
    assert [ws.cell(r, cols["follow_up"]).value for r in (6, 7)] == [master.action("1.1").follow_up,
                                                                     master.action("1.2").follow_up]
    meta = {row[0].value: row[1].value for row in wb["spbe_meta"].iter_rows()}
    assert meta["actions"] == "1.1,1.2,3.3,6.1" and meta["master_fingerprint"] == master.fingerprint
    assert any("No 1.1 adalah salah satu aksi indikator 1" in str(c.value) for row in wb.worksheets[0].iter_rows()
               for c in row)
    hukum = openpyxl.load_workbook(next(templates.glob("HUKUM_*.xlsx"))).worksheets[1]
    assert [hukum.cell(r, 1).value for r in (6, 7)] == ["1.2", 5]  # an indicator of one action: its No


# ---- the whole way ------------------------------------------------------------------------------------------

def test_every_action_is_read_as_reported(quarter):
    subs, _ = quarter
    got = {s.opd: sorted(s.rows_by_action()) for s in subs}
    assert got == {"BAPPEDA": ["2", "3.2"], "DKIS": ["1.1", "1.2", "3.3", "6.1"], "DUKCAPIL": ["6.2"],
                   "HUKUM": ["1.2", "5"], "ORGANISASI": ["3.1"]}
    assert [f.code for s in subs for f in s.findings] == []
    dkis = next(s for s in subs if s.opd == "DKIS").rows_by_action()
    assert dkis["1.1"].values["current_level"] == 3 and dkis["1.2"].values["current_level"] == 2


def test_the_index_is_worked_out_over_every_action(plan, quarter, tmp_path):
    """Each indicator counts at the lowest level estimated over its actions and OPDs (No 1: 3 on 1.1 and 2
    on 1.2, HUKUM's 1.2 without estimate), at its baseline when nobody estimated it (No 2) or it has no
    action (No 4); No 5's BPKAD sent nothing, so HUKUM's 4 counts."""
    _, _master, _ = plan
    _, cons = quarter
    assert cons.index.levels == LEVELS == {1: 2, 2: 2, 3: 3, 4: 1, 5: 4, 6: 3}
    by_hand = {  # (baseline, estimate), from the weights 10, 10 | 15 | 20, 15 | 30
        "Kebijakan Tata Kelola": ((1 * 10 + 2 * 10) / 20, (2 * 10 + 2 * 10) / 20),
        "Kebijakan Layanan": (2 * 15 / 15, 3 * 15 / 15),
        "Kelembagaan": ((1 * 20 + 3 * 15) / 35, (1 * 20 + 4 * 15) / 35),
        "Layanan Publik": (2 * 30 / 30, 3 * 30 / 30),
        D1: ((1 * 10 + 2 * 10 + 2 * 15) / 35, (2 * 10 + 2 * 10 + 3 * 15) / 35),
        D2: ((1 * 20 + 3 * 15) / 35, (1 * 20 + 4 * 15) / 35),
        D3: (2 * 30 / 30, 3 * 30 / 30),
        "SPBE": ((1 * 10 + 2 * 10 + 2 * 15 + 1 * 20 + 3 * 15 + 2 * 30) / 100,
                 (2 * 10 + 2 * 10 + 3 * 15 + 1 * 20 + 4 * 15 + 3 * 30) / 100),
    }
    assert by_hand["SPBE"] == (1.85, 2.55)
    by_hand = {(name, kind): v for name, pair in by_hand.items() for kind, v in zip(("baseline", "estimate"), pair)}
    parts = [*cons.index.aspects, *cons.index.domains, cons.index.overall]
    assert {(p.name, k): getattr(p, k) for p in parts for k in ("baseline", "estimate")} == \
        pytest.approx(by_hand, abs=1e-12)
    report = json.loads(consolidation_json(cons))
    shown = {(p["name"], k): p[k] for p in [*report["index"]["aspects"], *report["index"]["domains"],
                                            report["index"]["overall"]] for k in ("baseline", "estimate")}
    assert shown == pytest.approx(by_hand, abs=1e-9)
    assert report["index"]["levels"] == {str(no): v for no, v in LEVELS.items()}
    path = write_consolidated(cons, tmp_path / "rekap.xlsx")
    ws = _read_values(path)["Indeks"]
    cached = {(ws.cell(r, 2).value, k): ws.cell(r, c).value for r in range(1, ws.max_row + 1)
              for k, c in (("baseline", 5), ("estimate", 6)) if (ws.cell(r, 2).value, k) in by_hand}
    cached.update({("SPBE", "baseline"): ws["C6"].value, ("SPBE", "estimate"): ws["C7"].value})
    assert cached == pytest.approx(by_hand, abs=1e-9)
    levels = {ws.cell(r, 1).value: ws.cell(r, 7).value for r in range(1, ws.max_row + 1)
              if isinstance(ws.cell(r, 1).value, int) and ws.cell(r, 3).value in (D1, D2, D3)}
    assert levels == LEVELS and {no: BASELINE[no] for no in (2, 4)} == {2: levels[2], 4: levels[4]}


def test_a_report_row_per_action_and_opd(quarter, tmp_path):
    _, cons = quarter
    pairs = [(r.action, r.opd, r.state) for r in cons.rows]
    assert pairs == [("1.1", "DKIS", "reported"), ("1.2", "DKIS", "reported"), ("1.2", "HUKUM", "reported"),
                     ("2", "BAPPEDA", "reported"), ("3.1", "ORGANISASI", "reported"), ("3.2", "BAPPEDA", "reported"),
                     ("3.3", "DKIS", "reported"), ("5", "HUKUM", "reported"), ("5", "BPKAD", "missing"),
                     ("6.1", "DKIS", "reported"), ("6.2", "DUKCAPIL", "reported")]
    [missing] = [f for f in cons.findings if f.code == "submission-missing"]
    assert missing.opd == "BPKAD" and missing.param("indicators") == "5"
    wb = _read_values(write_consolidated(cons, tmp_path / "rekap.xlsx"))
    ws = wb["Monev"]
    assert [ws.cell(4, c).value for c in (1, 2, 3, 4)] == ["No", "Aksi", "Indikator", "Kode OPD"]
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 4).value) for r in (5, 6, 7, 13)] == [
        (1, "1.1", "DKIS"), (1, "1.2", "DKIS"), (1, "1.2", "HUKUM"), (5, "5", "BPKAD")]
    grid = wb["Kelengkapan"]
    assert [grid.cell(4, c).value for c in range(2, 11)] == ["1.1", "1.2", 2, "3.1", "3.2", "3.3", 5, "6.1", "6.2"]
    dkis = next(r for r in range(5, 12) if grid.cell(r, 1).value == "DKIS")
    assert [grid.cell(dkis, c).value for c in range(2, 11)] == ["Lapor", "Lapor", None, None, None, "Lapor", None,
                                                                 "Lapor", None]
    meta = {row[0].value: row[1].value for row in wb["spbe_meta"].iter_rows()}
    assert meta["monev_columns"].startswith("no,action,indicator,opd,")
    report = json.loads(consolidation_json(cons))
    assert [(r["no"], r["action"], r["opd"]) for r in report["rows"]][:3] == [(1, "1.1", "DKIS"), (1, "1.2", "DKIS"),
                                                                              (1, "1.2", "HUKUM")]
    frame = cons.monev_frame()
    assert list(frame.columns[:5]) == ["no", "action", "indicator", "domain", "aspect"]
    assert list(cons.matrix_frame().columns) == ACTIONS


def test_the_command_line_goes_the_same_way(plan, quarter, tmp_path):
    root, _, _ = plan
    out = tmp_path / "rekap.xlsx"
    result = CliRunner().invoke(cli, ["consolidate", str(root / "tw3"), "-o", str(out), "--master",
                                      str(root / "rencana.xlsx"), "--period", PERIOD, "--as-of", "2019-09-30",
                                      "--report-json", str(tmp_path / "r.json")])
    assert result.exit_code == 1, result.output  # BPKAD sent nothing: an error finding
    assert "Indeks SPBE: awal 1,85" in result.output and "perkiraan 2,55" in result.output
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["index"]["overall"]["estimate"] == 2.55
    check = CliRunner().invoke(cli, ["master", "check", str(root / "rencana.xlsx")])
    assert check.exit_code == 0 and "6 indikator, 9 aksi, 6 OPD" in check.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")  # the README's example is this plan's
    assert check.output.replace(str(root / "rencana.xlsx"), "rencana.xlsx") in readme


# ---- reading what OPDs make of the rows ---------------------------------------------------------------------

@pytest.fixture
def dkis(plan):
    return next(plan[2].glob("DKIS_*.xlsx"))


def edited(src, out, edit):
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[1]
    cols, rows = columns_of(ws), rows_by_action(ws)
    for action, r in rows.items():
        for key, value in good_row(int(float(action))).items():
            ws.cell(r, cols[key]).value = value
        ws.cell(r, cols["progress"]).value = {"1.1": 0.11, "1.2": 0.12, "3.3": 0.33, "6.1": 0.61}[action]
    edit(ws, cols, rows)
    ws["C3"] = "Petugas"
    wb.save(out)
    return out


def progress_by_action(sub) -> dict[str, float]:
    return {a: r.values["progress"] for a, r in sub.rows_by_action().items()}


def test_ids_typed_as_numbers_are_read(plan, dkis, tmp_path):
    def as_numbers(ws, cols, rows):
        for action, r in rows.items():
            ws.cell(r, 1).value = float(action)
    sub = read_submission(edited(dkis, tmp_path / "d.xlsx", as_numbers), plan[1], period=PERIOD, today=TODAY)
    assert progress_by_action(sub) == {"1.1": 11, "1.2": 12, "3.3": 33, "6.1": 61} and sub.findings == []


def test_rows_without_a_no_are_matched_by_name_and_follow_up(plan, dkis, tmp_path):
    def no_numbers(ws, cols, rows):
        for r in rows.values():
            ws.cell(r, 1).value = None
    sub = read_submission(edited(dkis, tmp_path / "d.xlsx", no_numbers), plan[1], period=PERIOD, today=TODAY)
    assert progress_by_action(sub) == {"1.1": 11, "1.2": 12, "3.3": 33, "6.1": 61} and sub.findings == []


def test_an_indicator_s_no_needs_the_follow_up_to_tell_its_action(plan, dkis, tmp_path):
    def plain_no(ws, cols, rows):
        ws.cell(rows["1.1"], 1).value = 1  # still tells by its follow-up text
        ws.cell(rows["1.2"], 1).value = 1
        ws.cell(rows["1.2"], cols["follow_up"]).value = None  # cannot tell
    sub = read_submission(edited(dkis, tmp_path / "d.xlsx", plain_no), plan[1], period=PERIOD, today=TODAY)
    assert progress_by_action(sub) == {"1.1": 11, "3.3": 33, "6.1": 61}
    found = {f.code: f for f in sub.findings}
    assert set(found) == {"action-unknown", "row-missing"}
    unknown, missing = found["action-unknown"], found["row-missing"]
    assert (unknown.cell, unknown.indicator, unknown.value) == ("A7", 1, "1")
    assert "1.1, 1.2" in finding_message(unknown, "id") and "indikator No 1" in finding_message(unknown, "id")
    assert (missing.indicator, missing.action) == (1, "1.2") and "No 1.2" in finding_message(missing, "id")
    assert next(r for r in sub.rows if r.row == 7).state == "unknown"


def test_an_aksi_column_of_its_own(plan, tmp_path):
    header = ["No", "Aksi", "Indikator", "Status", "Progres (%)", "Uraian Capaian"]
    rows = [[1, "1.2", "Kebijakan Tim Pengarah SPBE", "Dalam Proses", 40, "rapat"],
            [1, "1.1", "Kebijakan Tim Pengarah SPBE", "Dalam Proses", 30, "rapat"],
            [3, 3.3, "Kebijakan Layanan Publik", "Dalam Proses", 20, "draf"],
            [6, "6.1", "Layanan Pengaduan Publik", "Dalam Proses", 10, "uji coba"],
            [1, "1.7", "Kebijakan Tim Pengarah SPBE", "Dalam Proses", 70, "aksi yang tidak ada"]]
    path = user_sheet(tmp_path / "DKIS laporan.xlsx", header, rows, above=[["Perangkat Daerah", "DKIS"],
                                                                          ["Periode", PERIOD]])
    sub = read_submission(path, plan[1], period=PERIOD, today=TODAY)
    assert progress_by_action(sub) == {"1.2": 40, "1.1": 30, "3.3": 20, "6.1": 10}
    [unknown] = [f for f in sub.findings if f.severity.value == "error"]
    assert (unknown.code, unknown.cell, unknown.value) == ("action-unknown", "B8", "1.7")
    others = openpyxl.load_workbook(write_feedback(sub, plan[1], tmp_path / "fb.xlsx"))["Baris Lain"]
    assert [others.cell(3, c).value for c in (3, 4, 5)] == ["No", "Aksi", "Indikator"]
    assert [others.cell(4, c).value for c in (1, 3, 4)] == ["Laporan!8", "1", "1.7"]  # nothing written is lost


def test_a_row_for_the_indicator_without_an_action_is_not_the_opd_s(plan, dkis, tmp_path):
    def add_row(ws, cols, rows):
        ws.cell(12, 1).value, ws.cell(12, cols["status"]).value, ws.cell(12, cols["progress"]).value = 4, "proses", 0.5
    sub = read_submission(edited(dkis, tmp_path / "d.xlsx", add_row), plan[1], period=PERIOD, today=TODAY)
    [f] = sub.findings
    assert (f.code, f.indicator, f.action, f.cell) == ("indicator-not-assigned", 4, "4", "A12")
    assert "(OPD terkait: -)" in finding_message(f, "id") and "4" not in progress_by_action(sub)


def test_duplicates_and_missing_rows_are_per_action(plan, dkis, tmp_path):
    def copy_and_drop(ws, cols, rows):
        for c in range(1, ws.max_column + 1):
            ws.cell(12, c).value = ws.cell(rows["1.2"], c).value  # 1.2 twice
        for c in range(1, ws.max_column + 1):
            ws.cell(rows["3.3"], c).value = None  # 3.3 gone
    sub = read_submission(edited(dkis, tmp_path / "d.xlsx", copy_and_drop), plan[1], period=PERIOD, today=TODAY)
    found = sorted((f.code, f.indicator, f.action, f.cell) for f in sub.findings)
    assert found == [("indicator-duplicate", 1, "1.2", "A12"), ("row-missing", 3, "3.3", "")]
    # the messages name the action, not the indicator (issue 17: an action is not an indicator)
    duplicate, missing = sorted(sub.findings, key=lambda f: f.code)
    assert finding_message(duplicate, "id").startswith("Aksi No 1.2 muncul lebih dari sekali")
    assert finding_message(missing, "en").startswith("Action No 3.3 (")
    assert "Indikator" not in finding_message(missing, "id")


def test_ten_actions_typed_as_numbers(tmp_path):
    """5.10 typed into a number cell reads 5.1: the template's metadata and the follow-up text tell them apart."""
    base = ROWS[7]  # No 5
    rows = [[5, None, *base[2:6], f"Langkah ke-{k} kolaborasi", 2019, "HUKUM" if k < 10 else "HUKUM; BPKAD",
             *base[9:]] for k in range(1, 11)]
    rows.append([6, None, "Lainnya", "x", 1, 2, "y", 2019, "DKIS", "D", "A", 85, "Kapabilitas"])
    master = load_master(write_master(tmp_path / "m.xlsx", rows))
    assert [a.action for a in master.actions][-3:] == ["5.9", "5.10", "6"]
    templates = templates_for(master, tmp_path / "t")

    def as_numbers(src, out, drop_follow_up=False):
        wb = openpyxl.load_workbook(src)
        ws = wb.worksheets[1]
        cols = columns_of(ws)
        for action, r in rows_by_action(ws).items():
            ws.cell(r, 1).value = float(action)
            ws.cell(r, cols["status"]).value = "Dalam Proses"
            ws.cell(r, cols["progress"]).value = float(action.partition(".")[2]) / 100
            if drop_follow_up:
                ws.cell(r, cols["follow_up"]).value = None
        wb.save(out)
        return read_submission(out, master, period=PERIOD, today=TODAY)

    hukum = as_numbers(next(templates.glob("HUKUM_*.xlsx")), tmp_path / "h.xlsx")  # 5.1 twice: the follow-up tells
    assert progress_by_action(hukum) == {f"5.{k}": k for k in range(1, 11)} and hukum.findings == []
    bpkad = as_numbers(next(templates.glob("BPKAD_*.xlsx")), tmp_path / "b.xlsx", drop_follow_up=True)
    assert progress_by_action(bpkad) == {"5.10": 10}  # 5.1 read; its template lists only 5.10
    blank = as_numbers(next(templates.glob("HUKUM_*.xlsx")), tmp_path / "h2.xlsx", drop_follow_up=True)
    assert progress_by_action(blank) == {f"5.{k}": k for k in range(2, 10)}  # 5.1 or 5.10: nothing tells
    assert sorted((f.code, f.action, f.value) for f in blank.findings if f.severity.value == "error") == [
        ("action-unknown", "", "5.1"), ("action-unknown", "", "5.1"), ("row-missing", "5.1", ""),
        ("row-missing", "5.10", "")]


# ---- two periods; feedback --------------------------------------------------------------------------------------

def test_previous_period_keeps_actions_apart(plan, tmp_path):
    _root, master, templates = plan
    before = {**REPORTS, "DKIS": {"1.1": {**level(3), "progress": 0.6}, "1.2": {**level(2), "progress": 0.3},
                                  "3.3": level(4), "6.1": level(3)}}
    subs = read(fill_templates(templates, tmp_path / "tw2", before), master)
    prev_path = write_consolidated(consolidate(subs, master, period=PERIOD, as_of=TODAY), tmp_path / "tw2.xlsx")
    previous = read_previous(prev_path, master)
    assert previous[("1.1", "DKIS")]["progress"] == 60 and previous[("1.2", "DKIS")]["progress"] == 30
    assert previous[("1.2", "HUKUM")]["progress"] == 50

    now = {**REPORTS, "DKIS": {"1.1": {**level(3), "progress": 0.4}, "1.2": {**level(1), "progress": 0.3},
                               "3.3": {**level(4), "progress": 0.7}, "6.1": level(3)}}
    subs = read(fill_templates(templates, tmp_path / "tw3", now), master)
    cons = consolidate(subs, master, period=PERIOD, as_of=TODAY, previous=previous, previous_path=str(prev_path))
    mine = sorted((f.code, f.action) for f in cons.findings if f.opd == "DKIS")
    assert mine == [("level-decreased", "1.2"), ("progress-decreased", "1.1"), ("update-stale", "1.2"),
                    ("update-stale", "6.1")]
    dkis = {r.action: r for r in cons.rows if r.opd == "DKIS"}
    assert (dkis["1.1"].previous_progress, dkis["1.2"].previous_progress, dkis["3.3"].previous_progress) == (60, 30, 50)
    assert dkis["1.1"].flag == "warning" and dkis["3.3"].flag == ""
    assert {r.action: r.previous_progress for r in cons.rows if r.opd == "HUKUM"} == {"1.2": 50, "5": 50}


def test_a_workbook_without_an_aksi_column_is_still_read(master):
    previous = read_previous(ROOT / "examples" / "rekap-triwulan-ii-2019.xlsx", master)
    assert ("4", "BAPPEDA") in previous and ("17", "DUKCAPIL") in previous


def test_feedback_marks_the_right_action_s_cells(plan, dkis, tmp_path):
    def errors(ws, cols, rows):
        ws.cell(rows["1.2"], cols["status"]).value = "Selesai"  # progress 12 %: status-progress-mismatch
        ws.cell(rows["1.2"], cols["evidence"]).value = None  # and evidence-missing
    path = edited(dkis, tmp_path / "DKIS_kiriman.xlsx", errors)
    sub = read_submission(path, plan[1], period=PERIOD, today=TODAY)
    assert sorted((f.code, f.action) for f in sub.findings) == [("evidence-missing", "1.2"),
                                                                ("status-progress-mismatch", "1.2")]
    out = write_feedback(sub, plan[1], tmp_path / "fb.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[1]
    cols, rows = columns_of(ws), rows_by_action(ws)
    red = MARK_COLORS["error"].lstrip("#")

    def marked(action, key):
        return ws.cell(rows[action], cols[key]).fill.fgColor.rgb.endswith(red)
    assert marked("1.2", "progress") and marked("1.2", "evidence")
    assert not marked("1.1", "progress") and not marked("1.1", "evidence")
    assert ws.cell(rows["1.2"], cols["evidence"]).comment is not None
    assert ws.cell(rows["1.1"], cols["progress"]).value == 0.11 and ws.cell(rows["1.2"], cols["progress"]).value == 0.12
    fixes = wb["Perbaikan"]
    listed = {fixes.cell(r, 2).value: (fixes.cell(r, 3).value, fixes.cell(r, 5).value) for r in range(12, 14)}
    assert listed == {"evidence-missing": (f"M{rows['1.2']}", "1.2"),
                      "status-progress-mismatch": (f"J{rows['1.2']}", "1.2")}


def test_findings_carry_their_action_in_json(plan, dkis, tmp_path):
    def errors(ws, cols, rows):
        ws.cell(rows["3.3"], cols["status"]).value = "Selesai"
    path = edited(dkis, tmp_path / "d.xlsx", errors)
    result = CliRunner().invoke(cli, ["validate", str(path), "--master", str(plan[0] / "rencana.xlsx"), "--format",
                                      "json", "--as-of", "2019-09-30"])
    [f] = json.loads(result.output)
    assert (f["code"], f["indicator"], f["action"]) == ("status-progress-mismatch", 3, "3.3")


def test_the_plan_as_csv_without_aksi_is_numbered(tmp_path):
    path = tmp_path / "m.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([[HEADERS[0], *HEADERS[2:]], *([r[0], *r[2:]] for r in ROWS)])
    assert [a.action for a in load_master(path).actions] == ACTIONS
