"""The layout of the consolidated workbook and the figures it is computed over."""

from __future__ import annotations

import inspect
import json
import warnings

import openpyxl
import pytest
from conftest import ROOT
from factory import PERIOD, TODAY
from openpyxl.utils import get_column_letter

from spbe_excel import figures
from spbe_excel.figures import KEY_FIGURES, References, key_figures, summary
from spbe_excel.merge import consolidate
from spbe_excel.read.batch import collect_files, read_many
from spbe_excel.read.ours.previous import read_previous
from spbe_excel.write.report import consolidation_json
from spbe_excel.write.workbook import MONEV_KEYS, write_consolidated
from spbe_excel.write.workbook import layout as layout_module
from spbe_excel.write.workbook.layout import KEY_FIGURES_TOP, plan

EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def cons(master):
    subs = read_many(collect_files([EXAMPLES / "triwulan-iii"]), master, period=PERIOD, today=TODAY, workers=0)
    previous = read_previous(EXAMPLES / "rekap-triwulan-ii-2019.xlsx", master)
    return consolidate(subs, master, period=PERIOD, as_of=TODAY, previous=previous)


def L(key: str) -> str:
    """Column letter of a Monev column."""
    return get_column_letter(MONEV_KEYS.index(key) + 1)


def _rows(table) -> set[int]:
    return set(range(table.title, table.last + 1))


def test_tables_of_a_sheet_do_not_overlap(cons):
    layout = plan(cons, "id")
    index = layout.index
    # the short tables first, the level per indicator (whose header repeats on each printed page) last
    assert index.overall.last + 1 < index.aspects.title and index.predicates.last < index.aspects.title
    assert index.indicators.last - index.indicators.first + 1 == len(cons.master.indicators)
    for upper, lower in ((index.aspects, index.domains), (index.domains, index.indicators)):
        assert upper.last + 3 == lower.title
    assert index.aspects.last - index.aspects.first + 1 == len(cons.index.aspects)
    key_rows = set(layout.summary.key_figures.values())
    assert len(key_rows) == len(KEY_FIGURES) and not key_rows & _rows(layout.summary.opds)
    assert layout.summary.opds.last - layout.summary.opds.first + 1 == len(cons.opds_expected)


def test_the_table_per_opd_sits_below_the_key_figures_and_the_aspect_chart(cons, monkeypatch):
    before = plan(cons, "id").summary
    chart_end = KEY_FIGURES_TOP + -(-layout_module.index_chart_px(len(cons.index.aspects)) // layout_module.ROW_PX)
    assert before.legend == max(before.key_figures.values()) + 1  # what the three indexes mean, below the figures
    assert before.note == before.legend + 1  # the predikat's note right below it
    assert before.opds.title == max(before.note, chart_end) + 3
    assert before.progress_chart == before.opds.last + 2  # 10 OPDs: the chart of progress per OPD below
    more = tuple(f"extra{n}" for n in range(30))
    monkeypatch.setattr(layout_module, "KEY_FIGURES", (*KEY_FIGURES, *more))
    after = plan(cons, "id").summary
    assert after.opds.title == after.note + 3 == max(after.key_figures.values()) + 5 > before.opds.title
    monkeypatch.setattr(layout_module, "KEY_FIGURES", KEY_FIGURES)
    monkeypatch.setattr(layout_module, "index_chart_px", lambda aspects: 2000)  # a taller chart of aspects
    assert plan(cons, "id").summary.opds.title == KEY_FIGURES_TOP + 100 + 3
    monkeypatch.setattr(layout_module, "PROGRESS_CHART_MAX_OPDS", 9)
    assert plan(cons, "id").summary.progress_chart is None


def test_the_layout_hands_out_every_reference_the_figures_need(cons):
    layout = plan(cons, "en")
    wanted = {name for name, _ in inspect.getmembers(References, inspect.isfunction) if not name.startswith("_")}
    assert wanted <= {name for name in dir(layout) if callable(getattr(layout, name))}
    assert layout.monev("progress") == f"Monitoring!${L('progress')}$5:${L('progress')}$42"
    assert layout.findings("severity").startswith("Findings!$B$4:$B$")
    assert [layout.index_overall(k) for k in ("baseline", "estimate", "verified", "weight", "pred_ver")] == [
        "Index!$C$6", "Index!$C$7", "Index!$C$8", "Index!$C$9", "Index!$D$8"]
    assert layout.key_figure("wb.kf.budget") == f"B{layout.summary.key_figures['wb.kf.budget'] + 1}"
    assert layout.monev_rows[("17", "DUKCAPIL")] >= layout.pairs.first


def test_monev_formulas_are_split_at_the_row_number(cons):
    layout = plan(cons, "id")
    pieces = figures.monev_formulas(layout.monev_cell, "Sesuai")
    cur, base, note, prev = L("current_level"), L("baseline_level"), L("level_note"), L("previous_counted")
    # a claim counts when no note says otherwise; else the baseline, or the last level that counted (not above now)
    assert "12".join(pieces["level_used"]) == (f'IF(ISNUMBER({cur}12),IF({note}12="",{cur}12,'
                                               f"MAX({base}12,MIN({cur}12,N({prev}12)))),{base}12)")
    assert "7".join(pieces["gap"]) == f"{L('target_level')}7-{L('level_used')}7"
    # the verified estimate: a claim above the baseline when its Verifikasi cell says Sesuai, else the baseline
    verdict = L("verdict")
    assert "9".join(pieces["level_verified"]) == (f'IF(ISNUMBER({cur}9),IF({cur}9<={base}9,{cur}9,'
                                                   f'IF({verdict}9="Sesuai",{cur}9,{base}9)),{base}9)')


def test_the_report_the_cli_and_the_workbook_show_the_same_figures(cons, tmp_path):
    """The JSON summary is :func:`figures.summary`; the key figures of Ringkasan are cached with its values."""
    summ = summary(cons)
    assert json.loads(consolidation_json(cons))["summary"] == json.loads(json.dumps(summ.as_dict(), default=str))
    layout = plan(cons, "id")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(write_consolidated(cons, tmp_path / "r.xlsx"), data_only=True)["Ringkasan"]
    cached = {k: ws.cell(r + 1, 2).value for k, r in layout.summary.key_figures.items()}
    expected = {k: f.value for k, f in key_figures(cons, summ, layout).items()}
    assert cached == pytest.approx(expected)
    assert cached["wb.kf.opds"] == summ.opds_reported == 9
    assert cached["wb.kf.progress"] == pytest.approx(summ.mean_progress / 100)
    assert cached["wb.kf.index_est"] == summ.index_estimate == cons.index.overall.estimate
    assert (cached["wb.kf.errors"], cached["wb.kf.warnings"]) == (summ.findings["error"],
                                                                  summ.findings["warning"])
