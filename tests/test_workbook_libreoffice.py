"""The consolidated workbook recalculated by a real LibreOffice."""

from __future__ import annotations

import warnings

import openpyxl
import pytest
import xlsxwriter
from conftest import ROOT
from factory import PERIOD, TODAY
from recalc import compare, values

from spbe_excel.figures import summary
from spbe_excel.merge import consolidate
from spbe_excel.read.batch import collect_files, read_many
from spbe_excel.read.ours.previous import read_previous
from spbe_excel.write.workbook import MONEV_KEYS, write_consolidated
from spbe_excel.write.workbook.layout import plan

pytestmark = pytest.mark.libreoffice
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def subs(master):
    return read_many(collect_files([EXAMPLES / "triwulan-iii"]), master, period=PERIOD, today=TODAY, workers=0)


@pytest.fixture(scope="module")
def cons(subs, master):
    previous = read_previous(EXAMPLES / "rekap-triwulan-ii-2019.xlsx", master)
    return consolidate(subs, master, period=PERIOD, as_of=TODAY, previous=previous)


@pytest.fixture(scope="module")
def books(tmp_path_factory, master, subs, cons):
    out = tmp_path_factory.mktemp("books")
    late = consolidate(subs, master, period=PERIOD, as_of=TODAY.replace(year=2020))  # everything overdue
    return {
        "id": write_consolidated(cons, out / "rekap_id.xlsx"),
        "en": write_consolidated(cons, out / "rekap_en.xlsx", lang="en"),
        "late": write_consolidated(late, out / "rekap_late.xlsx"),
        "tw2": EXAMPLES / "rekap-triwulan-ii-2019.xlsx",
    }


@pytest.fixture(scope="module")
def recalculated(libreoffice, books, tmp_path_factory) -> dict:
    names = list(books)
    return dict(zip(names, libreoffice.convert([books[n] for n in names], "xlsx", tmp_path_factory.mktemp("lo"))))


def test_every_formula_recalculates_to_its_cached_value(books, recalculated):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, out in recalculated.items():
            mismatches, errors, count = compare(books[name], out)
            assert count > 300, name  # every formula of the workbook is checked
            assert mismatches == [], (name, mismatches[:5])
            assert errors == [], (name, errors[:5])


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_summary_is_what_the_workbook_computes(recalculated, cons, lang):
    """The figures the JSON report and the CLI show, against LibreOffice's results for the key figures."""
    summ = summary(cons)
    rows = plan(cons, lang).summary.key_figures
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(recalculated[lang], data_only=True).worksheets[0]
    computed = {key: ws.cell(row + 1, 2).value for key, row in rows.items()}
    assert computed == pytest.approx({
        "wb.kf.opds": summ.opds_reported, "wb.kf.opds_expected": summ.opds_expected,
        "wb.kf.rate": summ.reporting_rate, "wb.kf.done": summ.done,
        "wb.kf.progress": summ.mean_progress / 100, "wb.kf.budget": summ.budget, "wb.kf.spent": summ.spent,
        "wb.kf.absorption": summ.absorption, "wb.kf.index_base": summ.index_baseline,
        "wb.kf.index_est": summ.index_estimate, "wb.kf.index_ver": summ.index_verified,
        "wb.kf.errors": summ.findings["error"],
        "wb.kf.warnings": summ.findings["warning"]}, abs=1e-9)


def test_the_check_catches_a_wrong_cached_value(libreoffice, tmp_path):
    path = tmp_path / "wrong.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Monev")
    ws.write_column(0, 0, [1, 2, 3])
    ws.write_formula(3, 0, "=SUM(A1:A3)", None, 7)  # the right value is 6
    ws.write_formula(4, 0, "=1/0", None, 0)  # an error value
    wb.close()
    [out] = libreoffice.convert([path], "xlsx", tmp_path / "out")
    mismatches, errors, count = compare(path, out)
    assert count == 2
    assert [(m[0], m[2], m[3]) for m in mismatches if m[0][1] == "A4"] == [(("Monev", "A4"), 7, 6)]
    assert [e[0] for e in errors] == [("Monev", "A5")]


def test_formulas_stay_live_when_a_level_is_edited(libreoffice, books, tmp_path, master):
    """Finance staff edit a cell: the index follows.  One level up on No 25 (5 %)
    moves the estimated index by exactly 0.05."""
    col = {k: i + 1 for i, k in enumerate(MONEV_KEYS)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(books["id"])
    ws = wb["Monev"]
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == 25)
    before_level = ws.cell(row, col["current_level"]).value
    assert before_level == 3 and master.indicator(25).baseline_level == 3
    ws.cell(row, col["current_level"]).value = 4
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    [orig_out, edited_out] = libreoffice.convert([books["id"], edited], "xlsx", tmp_path / "out")
    a, b = values(orig_out), values(edited_out)
    index_cells = [k for k in a if k[0] == "Ringkasan" and isinstance(a[k], float) and 2.5 < a[k] < 3.5]
    moved = {k: b[k] - a[k] for k in index_cells if b[k] != a[k]}
    assert list(moved.values()) == [pytest.approx(0.05, abs=1e-9)]  # the estimate moved; the baseline did not


# ---- a plan with several actions per indicator --------------------------------------------------------------

@pytest.fixture(scope="module")
def actions_book(tmp_path_factory):
    """The consolidated workbook of the plan of :mod:`actions_plan` (an indicator without an action, one whose
    second OPD sent nothing, actions estimated above and below each other), and its consolidation."""
    from actions_plan import REPORTS, fill_templates, templates_for, write_master

    from spbe_excel.master import load_master

    root = tmp_path_factory.mktemp("actions")
    master = load_master(write_master(root / "plan.xlsx"))
    folder = fill_templates(templates_for(master, root / "templates"), root / "tw3", REPORTS)
    subs = read_many(collect_files([folder]), master, period=PERIOD, today=TODAY, workers=0)
    cons = consolidate(subs, master, period=PERIOD, as_of=TODAY)
    return write_consolidated(cons, root / "rekap_actions.xlsx"), cons


def test_a_plan_with_several_actions_recalculates_to_its_cached_values(libreoffice, actions_book, tmp_path):
    """The Indeks level of an indicator over its actions and OPDs (an array formula counting only the levels
    estimated: No 5's BPKAD sent nothing, its HUKUM estimated 4 over a baseline of 3), the baseline of the
    indicator without an action, the Kelengkapan grid per action."""
    book, cons = actions_book
    [out] = libreoffice.convert([book], "xlsx", tmp_path / "lo")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mismatches, errors, count = compare(book, out)
        fresh = values(out)
    assert count > 150 and mismatches == [] and errors == []
    assert fresh[("Indeks", "C7")] == pytest.approx(2.55, abs=1e-9) == cons.index.overall.estimate


def test_one_level_moves_the_index_by_its_weight_over_several_actions(libreoffice, actions_book, tmp_path):
    """No 6 (30 %) counts at 3: the lowest of 6.1 (DKIS, 3) and 6.2 (DUKCAPIL, 4).  Raising 6.1 to 4 moves
    the estimated index by exactly 0.30; raising 6.2 instead moves nothing."""
    book, cons = actions_book
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(book)
    ws = wb["Monev"]
    keys = [ws.cell(4, c).value for c in range(1, ws.max_column + 1)]
    level = keys.index("Tingkat Kematangan Saat Ini") + 1
    row = {ws.cell(r, 2).value: r for r in range(5, ws.max_row + 1)}
    assert (ws.cell(row["6.1"], level).value, ws.cell(row["6.2"], level).value) == (3, 4)
    paths = []
    for action in ("6.1", "6.2"):
        wb = openpyxl.load_workbook(book)
        wb["Monev"].cell(row[action], level).value = 4 if action == "6.1" else 5
        paths.append(tmp_path / f"edited_{action}.xlsx")
        wb.save(paths[-1])
    orig, up, other = (values(p) for p in libreoffice.convert([book, *paths], "xlsx", tmp_path / "out"))
    estimate = ("Indeks", "C7")
    assert up[estimate] - orig[estimate] == pytest.approx(0.30, abs=1e-9)
    assert other[estimate] == pytest.approx(orig[estimate], abs=1e-12)
    key_figure = ("Ringkasan", f"B{plan(cons, 'id').summary.key_figures['wb.kf.index_est'] + 1}")
    assert {k: up[k] - orig[k] for k in orig if k[0] == "Ringkasan" and isinstance(orig[k], float)
            and orig[k] != up[k]} == {key_figure: pytest.approx(0.30, abs=1e-9)}


# ---- the 2020 framework, 47 indicators, several actions: the committed Kabupaten Contoh example ------------------

CONTOH = EXAMPLES / "kabupaten-contoh"


@pytest.fixture(scope="module")
def contoh_book(tmp_path_factory):
    from spbe_excel.master import load_master

    master = load_master(CONTOH / "rencana-2026-terisi.xlsx")
    subs = read_many(collect_files([CONTOH / "triwulan-i-2026"]), master, period="Triwulan I 2026",
                     today=TODAY.replace(year=2026, month=3, day=31), workers=0)
    cons = consolidate(subs, master, period="Triwulan I 2026", as_of=TODAY.replace(year=2026, month=3, day=31))
    out = tmp_path_factory.mktemp("contoh")
    return write_consolidated(cons, out / "rekap_contoh.xlsx"), cons, master


def test_the_2020_example_recalculates_and_follows_one_level(libreoffice, contoh_book, tmp_path):
    """47 indicators under PermenPANRB 59/2020, some with two or three actions: every formula recalculates
    to its cached value, and one level up on an indicator counted at a single reported level moves the
    estimated index by exactly that indicator's weight / 100."""
    book, cons, master = contoh_book
    assert len(master.indicators) == 47 and len(master.actions) > len({a.no for a in master.actions})
    counts = {}
    for pair in cons.rows:
        counts.setdefault(pair.no, []).append(pair)
    # an indicator reported by exactly one pair, with a level below 5: its level is that pair's
    no, [pair] = next((n, p) for n, p in sorted(counts.items()) if len(p) == 1
                      and isinstance(p[0].values.get("current_level"), int) and p[0].values["current_level"] < 5)
    weight = master.indicator(no).weight
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(book)
    ws = wb["Monev"]
    heads = [ws.cell(4, c).value for c in range(1, ws.max_column + 1)]
    level_col = heads.index("Tingkat Kematangan Saat Ini") + 1
    row = next(r for r in range(5, ws.max_row + 1) if str(ws.cell(r, 2).value) == pair.action
               or (ws.cell(r, 1).value == no and heads[1] != "Aksi"))
    ws.cell(row, level_col).value = pair.values["current_level"] + 1
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    [out, edited_out] = libreoffice.convert([book, edited], "xlsx", tmp_path / "lo")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mismatches, errors, count = compare(book, out)
    assert count > 400 and mismatches == [] and errors == []
    a, b = values(out), values(edited_out)
    assert a[("Indeks", "C7")] == pytest.approx(cons.index.overall.estimate, abs=1e-9)
    assert b[("Indeks", "C7")] - a[("Indeks", "C7")] == pytest.approx(weight / 100, abs=1e-9)
