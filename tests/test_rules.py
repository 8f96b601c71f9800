"""The row rules of :mod:`spbe_excel.checks.rows`: each rule, one file that trips it
and a near-identical one that does not.

Every file is a real submission: the BAPPEDA template filled with
:func:`factory.fill` (all rows get :func:`factory.good_row`, one row is
changed) and read back with :func:`read_submission`.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from factory import HEADER, PERIOD, TODAY, fill, good_row, template
from openpyxl.utils import get_column_letter

from spbe_excel.checks import registry
from spbe_excel.checks.registry import Phase, check, checks_of, owner
from spbe_excel.checks.rows import looks_like_formula
from spbe_excel.model.columns import TEMPLATE_COLUMNS
from spbe_excel.model.findings import CODES, Code, Severity, excerpt
from spbe_excel.read.submission import read_submission
from spbe_excel.text.findings import FINDINGS
from spbe_excel.text.findings import message as finding_message

# ---- where things are in the BAPPEDA template ------------------------------------------------------

NOS = (4, 10, 21, 27, 28)  # BAPPEDA's indicators, in template order
ROW = {no: HEADER + 1 + i for i, no in enumerate(NOS)}  # header on row 5, data from row 6
LETTER = {c.key: get_column_letter(i + 1) for i, c in enumerate(TEMPLATE_COLUMNS)}
E, W = Severity.ERROR, Severity.WARNING
EVIDENCE = "SK Wali Kota No. 188.45/512/2019"


def at(no: int, key: str) -> str:
    """A1 cell of indicator ``no``'s ``key`` column."""
    return f"{LETTER[key]}{ROW[no]}"


def test_layout_constants_match_the_template(tmp_path, master):
    import openpyxl

    ws = openpyxl.load_workbook(template(tmp_path, master))["Monev"]
    assert HEADER == 5
    assert [ws[f"A{ROW[no]}"].value for no in NOS] == list(NOS)
    assert ws[f"A{ROW[NOS[-1]] + 1}"].value is None
    assert {k: ws[f"{x}{HEADER}"].value for k, x in LETTER.items()} == {c.key: c.label_id for c in TEMPLATE_COLUMNS}
    assert (LETTER["status"], LETTER["progress"], LETTER["updated_on"], LETTER["responsible"]) == ("I", "J", "Q", "R")


# ---- building and reading a submission ---------------------------------------------------------------

def submit(tmp_path, master, rows=None, edit=None):
    """Fill BAPPEDA's template (``rows``: No -> changes to good_row) and read it."""
    changed = {no: {**good_row(no), **ch} for no, ch in (rows or {}).items()}
    path = fill(template(tmp_path, master), tmp_path / "BAPPEDA_TW3.xlsx", changed, edit=edit)
    return path, read_submission(path, master, period=PERIOD, today=TODAY)


def formula(cell: str, text: str):
    """An edit that types a real formula (openpyxl stores a str starting with "=" as one)."""
    def edit(wb, ws):
        ws[cell] = text
    return edit


def long_text(cell: str, length: int):
    """An edit that stores ``length`` characters.  openpyxl silently cuts text at
    32,767 characters on assignment (LibreOffice does not), so bypass that check."""
    def edit(wb, ws):
        ws[cell]._value, ws[cell].data_type = "x" * length, "s"
    return edit


@dataclass(frozen=True)
class Trip:
    rule: str  # name of the function in ROW_RULES
    code: str
    severity: Severity
    no: int
    key: str  # column of the finding ("" for the whole row)
    value: str  # as written in the cell
    says: tuple = ()  # in both messages: a str, or an (Indonesian, English) pair
    rows: dict = field(default_factory=dict)
    edit: Callable | None = None


TRIPS = [
    Trip("update_empty", "update-empty", W, 4, "", "", ("No 4",),
         {4: {"status": None, "progress": None, "achievement": None}}),
    Trip("update_empty", "update-empty", W, 21, "", "", ("No 21",),
         {21: {"status": None, "progress": None, "achievement": "-"}}),  # a placeholder is empty
    Trip("status_progress_mismatch", "status-progress-mismatch", E, 4, "progress", "90%",
         ("90%", ("Selesai", "Completed"), ("harus berprogres 100%", "must be at 100%")),
         {4: {"status": "Selesai", "progress": "90%", "evidence": EVIDENCE}}),
    Trip("status_progress_mismatch", "status-progress-mismatch", E, 10, "progress", "100%",
         ("100%", ("Dalam Proses", "In Progress"), ("berarti status Selesai", "means the status is Completed")),
         {10: {"status": "Dalam Proses", "progress": "100%"}}),
    Trip("status_progress_mismatch", "status-progress-mismatch", E, 21, "progress", "1%",
         ("1%", ("Belum Dimulai", "Not Started"), ("berprogres 0%", "must be at 0%")),
         {21: {"status": "Belum Dimulai", "progress": "1%"}}),
    Trip("budget_overrun", "budget-overrun", W, 4, "spent", "30000000", ("Rp 30.000.000", "Rp 25.000.000"),
         {4: {"budget": 25_000_000, "spent": 30_000_000}}),
    Trip("level_below_baseline", "level-below-baseline", W, 27, "current_level", "3 - Transaksi",
         (("saat ini 3", "level 3"), ("evaluasi 4", "level 4")), {27: {"current_level": "3 - Transaksi"}}),
    Trip("level_above_target_without_evidence", "level-above-target-without-evidence", W, 4, "current_level", "5",
         (("saat ini 5", "level 5"), "target 4"), {4: {"current_level": 5, "evidence": None}}),
    # at the target (4) and above the baseline (3) without evidence: not above the target, but not counted
    Trip("level_not_counted", "level-not-counted", W, 4, "current_level", "4 - Terpadu dan Terukur",
         (("di atas nilai awal 3", "above the baseline 3"), ("Bukti Dukung kosong", "no supporting evidence"),
          ("tidak dihitung", "does not count")),
         {4: {"current_level": "4 - Terpadu dan Terukur", "evidence": None}}),
    Trip("evidence_missing", "evidence-missing", E, 28, "evidence", "",
         (("Selesai", "Completed"), ("Bukti Dukung", "Supporting Evidence")),
         {28: {"status": "sudah", "progress": 1, "evidence": None}}),
    Trip("evidence_missing", "evidence-missing", E, 28, "evidence", "-",
         (("Selesai", "Completed"),), {28: {"status": "Selesai", "progress": "100%", "evidence": "-"}}),
    # Bukti Dukung written but naming no document (issue 19): words that say there is something, a kind of
    # document without its number or title
    Trip("evidence_unclear", "evidence-unclear", W, 10, "evidence", "ada",
         ('"ada"', ("tidak menyebut dokumen", "names no document"), "https://"), {10: {"evidence": "ada"}}),
    Trip("evidence_unclear", "evidence-unclear", W, 21, "evidence", "lihat lampiran", ('"lihat lampiran"',),
         {21: {"evidence": "lihat lampiran"}}),
    Trip("evidence_unclear", "evidence-unclear", W, 27, "evidence", "SK", ('"SK"',), {27: {"evidence": "SK"}}),
    Trip("date_out_of_range", "date-out-of-range", W, 4, "updated_on", "01/10/2019",
         (("1 Oktober 2019", "1 October 2019"), "30 September 2019", ("masa depan", "future")),
         {4: {"updated_on": dt.date(2019, 10, 1)}}),
    Trip("date_out_of_range", "date-out-of-range", W, 10, "updated_on", "31/12/2018",
         (("31 Desember 2018", "31 December 2018"), "2019", ("sebelum tahun rencana", "before the plan year")),
         {10: {"updated_on": "31/12/2018"}}),
    # 12/08/2019 typed on a computer set to English (US) is stored as 8 December: after the period's end, and
    # inside it with day and month swapped
    Trip("date_out_of_range", "date-out-of-range", W, 21, "updated_on", "08/12/2019",
         (("8 Desember 2019", "8 December 2019"), "Triwulan III 2019", "30 September 2019", "12/08/2019",
          ("12 Agustus 2019", "12 August 2019"), "2019-08-12", ("tertukar", "swapped")),
         {21: {"updated_on": dt.date(2019, 12, 8)}}),
    # 1/7/2019 (1 July) typed on a computer set to English (US) is stored as 7 January: before the period begins,
    # and inside it with day and month swapped
    Trip("date_out_of_range", "date-out-of-range", W, 27, "updated_on", "07/01/2019",
         (("7 Januari 2019", "7 January 2019"), ("1 Juli 2019 s.d. 30 September 2019", "1 July 2019 to 30 September"),
          "01/07/2019", ("1 Juli 2019", "1 July 2019"), "2019-07-01", ("tertukar", "swapped")),
         {27: {"updated_on": dt.date(2019, 1, 7)}}),
    # before the period begins, and no day-month swap puts it inside: a date of the period before
    Trip("date_out_of_range", "date-out-of-range", W, 28, "updated_on", "15/06/2019",
         (("15 Juni 2019", "15 June 2019"), "Triwulan III 2019", ("1 Juli 2019", "1 July 2019"),
          ("sebelum periode", "before the period")),
         {28: {"updated_on": "15/06/2019"}}),
    Trip("formula_in_text", "formula-in-text", W, 4, "obstacles", "=SUM(O6:P6)",
         ('"=SUM(O6:P6)"', ("diawali tanda rumus", "starts like a formula")), {4: {"obstacles": "=SUM(O6:P6)"}}),
    Trip("formula_in_text", "formula-in-text", W, 10, "responsible", "@Budi", ('"@Budi"',),
         {10: {"responsible": "@Budi"}}),
    Trip("formula_in_text", "formula-in-text", W, 21, "achievement", "+Tambahan 2 server", ('"+Tambahan 2 server"',),
         {21: {"achievement": "+Tambahan 2 server"}}),
    Trip("formula_in_text", "formula-in-text", W, 27, "obstacles", "-Belum ada anggaran", ('"-Belum ada anggaran"',),
         {27: {"obstacles": "-Belum ada anggaran"}}),
    Trip("formula_in_text", "formula-in-text", W, 4, "obstacles", "=1+1",
         ('"=1+1"', ("berisi rumus", "holds a formula"), ("sel terbaca kosong", "the cell reads as empty")),
         edit=formula(at(4, "obstacles"), "=1+1")),  # openpyxl saves no result with a formula
    Trip("master_text_changed", "master-text-changed", W, 4, "indicator", "Kebijakan Anggaran TIK",
         ('"Kebijakan Anggaran TIK"', '"Kebijakan Internal Anggaran dan Belanja TIK"'),
         {4: {"indicator": "Kebijakan Anggaran TIK"}}),
    Trip("master_text_changed", "master-text-changed", W, 4, "baseline_level", "2 - Terkelola",
         ('"2 - Terkelola"', ('"3 - Terdefinisi"', '"3 - Defined"'),
          ("Nilai Tingkat Kematangan", "Baseline Maturity Level")),
         {4: {"baseline_level": "2 - Terkelola"}}),
    Trip("master_text_changed", "master-text-changed", W, 27, "baseline_level", "belum dinilai",
         ('"belum dinilai"', ('"4 - Kolaborasi"', '"4 - Collaboration"')),
         {27: {"baseline_level": "belum dinilai"}}),  # not a level at all
    Trip("text_too_long", "text-too-long", W, 4, "achievement", "x" * 40_000,
         (("40.000 karakter", "40,000 characters"), "32"), edit=long_text(at(4, "achievement"), 40_000)),
]

# The boundary: as close to a trip as it gets, and clean.
PASSES = [
    ("update_empty", "update-empty", {4: {"status": None, "progress": 0, "achievement": None}}, None),
    ("status_progress_mismatch", "status-progress-mismatch",
     {4: {"status": "Selesai", "progress": 1, "evidence": EVIDENCE}}, None),
    ("status_progress_mismatch", "status-progress-mismatch", {10: {"status": "Dalam Proses", "progress": "99%"}},
     None),
    ("status_progress_mismatch", "status-progress-mismatch", {21: {"status": "Belum Dimulai", "progress": 0}}, None),
    ("budget_overrun", "budget-overrun", {4: {"budget": 25_000_000, "spent": "Rp 25.000.000"}}, None),
    ("level_below_baseline", "level-below-baseline",
     {4: {"current_level": "3 - Terdefinisi"}, 27: {"current_level": 4}}, None),
    ("level_above_target_without_evidence", "level-above-target-without-evidence",
     {4: {"current_level": "5 - Optimum", "evidence": EVIDENCE}}, None),
    ("level_above_target_without_evidence", "level-above-target-without-evidence",
     {4: {"current_level": "4 - Terpadu dan Terukur", "evidence": EVIDENCE}}, None),
    # a level at the baseline claims nothing: it needs no evidence to count
    ("level_not_counted", "level-not-counted", {4: {"current_level": "3 - Terdefinisi", "evidence": None}}, None),
    ("evidence_missing", "evidence-missing", {28: {"status": "sudah", "progress": 1, "evidence": EVIDENCE}}, None),
    # a link, a document number, a kind of document with its number, a title: each names a document
    ("evidence_unclear", "evidence-unclear",
     {4: {"evidence": "https://jdih.denpasarkota.go.id/perwali-12-2019"}, 10: {"evidence": "005/123/2019"},
      21: {"evidence": "Perwali No. 12 Tahun 2019"}, 27: {"evidence": "Notulen rapat koordinasi SPBE"},
      28: {"evidence": "bit.ly/spbe-dps"}}, None),
    ("date_out_of_range", "date-out-of-range", {4: {"updated_on": TODAY}}, None),
    ("date_out_of_range", "date-out-of-range", {4: {"updated_on": dt.datetime(2019, 9, 30, 15, 45)}}, None),
    ("date_out_of_range", "date-out-of-range", {10: {"updated_on": "1/7/2019"}}, None),  # the period's first day
    ("date_out_of_range", "date-out-of-range", {10: {"updated_on": dt.date(2019, 7, 9)}}, None),  # swaps into it too
    ("formula_in_text", "formula-in-text",
     {4: {"achievement": "- Rapat koordinasi\n- Draf dibahas", "obstacles": "-", "responsible": "+62 812 3456"}},
     None),
    ("master_text_changed", "master-text-changed",
     {4: {"indicator": "  KEBIJAKAN internal anggaran dan  belanja TIK "}}, None),
    ("master_text_changed", "master-text-changed", {4: {"baseline_level": 3}, 27: {"baseline_level": "Level 4"}},
     None),
    ("text_too_long", "text-too-long", {}, long_text(at(4, "achievement"), 32_767)),
]


def _id(case: Trip) -> str:
    return f"{case.code}-No{case.no}-{case.key or 'row'}-{case.value[:12]}"


def _in_both(finding, says) -> None:
    msg_id, msg_en = finding_message(finding, "id"), finding_message(finding, "en")
    assert msg_id.strip() and msg_en.strip() and msg_id != msg_en
    for item in says:
        want_id, want_en = item if isinstance(item, tuple) else (item, item)
        assert want_id in msg_id, msg_id
        assert want_en in msg_en, msg_en


# ---- each rule: trips ... ------------------------------------------------------------------------

@pytest.mark.parametrize("case", TRIPS, ids=_id)
def test_rule_trips(tmp_path, master, case: Trip):
    path, sub = submit(tmp_path, master, case.rows, case.edit)
    assert sub.status == "accepted"
    assert [f.code for f in sub.findings] == [case.code]  # exactly one row trips it, nothing else
    f = sub.findings[0]
    assert f.severity is case.severity
    assert (f.file, f.sheet, f.cell, f.opd) == (str(path), "Monev", at(case.no, case.key or "no"), "BAPPEDA")
    assert (f.indicator, f.column, f.value) == (case.no, case.key, excerpt(case.value))  # a long one cut
    _in_both(f, case.says)


# ---- ... and does not ------------------------------------------------------------------------------

@pytest.mark.parametrize("rule, code, rows, edit", PASSES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PASSES)])
def test_rule_does_not_trip(tmp_path, master, rule, code, rows, edit):
    _, sub = submit(tmp_path, master, rows, edit)
    assert code not in {f.code for f in sub.findings}
    assert sub.findings == []


def test_text_too_long_keeps_the_full_text(tmp_path, master):
    _, sub = submit(tmp_path, master, edit=long_text(at(4, "achievement"), 40_000))
    assert len(sub.rows_by_no()[4].raw["achievement"]) == 40_000
    assert "40.000 karakter" in finding_message(sub.findings[0], "id")


def test_text_too_long_english_message_uses_english_digits(tmp_path, master):
    _, sub = submit(tmp_path, master, edit=long_text(at(4, "achievement"), 40_000))
    assert "40,000 characters" in finding_message(sub.findings[0], "en")


def test_formula_cell_in_a_number_column(tmp_path, master):
    _, sub = submit(tmp_path, master, edit=formula(at(27, "budget"), "=20000000+5000000"))
    assert [(f.code, f.cell, f.column, f.value) for f in sub.findings] == [
        ("formula-in-text", at(27, "budget"), "budget", "=20000000+5000000")]


# ---- looks_like_formula ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("=1+1", True),
    ("=SUM(O6:P6)", True),
    ("  =HYPERLINK(\"http://x\")", True),
    ("=-1", True),
    ("@Budi", True),
    ("+A1", True),
    ("-B2", True),
    ("+Tambahan 2 server", True),
    ("-Belum ada anggaran", True),
    ("- Rapat koordinasi", False),
    ("-", False),
    ("--", False),
    ("+62 812 3456", False),
    ("+62", False),
    ("-5", False),
    ("-10%", False),
    ("+ Tambahan server", False),
    ("", False),
    ("Rapat = koordinasi", False),
    ("budi@denpasarkota.go.id", False),
    ("1+1", False),
])
def test_looks_like_formula(text, expected):
    assert looks_like_formula(text) is expected


# ---- the registry ----------------------------------------------------------------------------------

def _codes_used(fn) -> set[str]:
    """Codes a rule passes to ``ctx.finding("...")`` (a row rule) or ``make("...")`` (a submission check), read
    from its source."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    return {n.args[0].value for n in ast.walk(tree)
            if isinstance(n, ast.Call) and n.args and isinstance(n.args[0], ast.Constant)
            and ((isinstance(n.func, ast.Attribute) and n.func.attr == "finding")
                 or (isinstance(n.func, ast.Name) and n.func.id == "make"))}


ROW_CHECKS = [c.run for c in checks_of(Phase.ROW)]
# a submission check that judges one row at a time, tested as the row rules are
ONE_ROW_CHECKS = [*ROW_CHECKS, owner("level-not-counted").run]


def test_every_code_used_by_a_rule_exists():
    for fn in ONE_ROW_CHECKS:
        used = _codes_used(fn)
        assert used, f"{fn.__name__} reports no code"
        assert used <= CODES.keys(), f"{fn.__name__}: unknown {used - CODES.keys()}"
        assert used == {c.code for c in TRIPS if c.rule == fn.__name__}, fn.__name__


def test_every_registered_rule_is_tested_both_ways():
    names = {fn.__name__ for fn in ONE_ROW_CHECKS}
    assert len(names) == len(ONE_ROW_CHECKS) == 12
    assert names == {c.rule for c in TRIPS} == {p[0] for p in PASSES}


def test_adding_a_rule_is_one_decorated_function(tmp_path, master, monkeypatch):
    monkeypatch.setattr(registry, "CHECKS", list(registry.CHECKS))
    monkeypatch.setitem(CODES, "responsible-missing", Code("responsible-missing", Severity.ERROR))
    words = (("Penanggung jawab kosong", "No one responsible"),
             ("Isi {column}: wajib diisi.", "Fill in {column}: required."))
    monkeypatch.setitem(FINDINGS, "responsible-missing", words)

    @check(Phase.ROW, "responsible-missing")
    def responsible_named(row, ind, ctx):
        if "responsible" not in row.raw:
            yield ctx.finding("responsible-missing", row, "responsible")

    assert registry.owner("responsible-missing").run is responsible_named
    path, sub = submit(tmp_path, master, {10: {"responsible": None}})
    assert [(f.code, f.cell, f.indicator, f.column) for f in sub.findings] == [
        ("responsible-missing", at(10, "responsible"), 10, "responsible")]
    assert "required" in finding_message(sub.findings[0], "en")
    assert "wajib diisi" in finding_message(sub.findings[0], "id")

    with pytest.raises(KeyError, match="another check owns"):
        check(Phase.ROW, "value-invalid")(responsible_named)

    monkeypatch.undo()
    assert responsible_named not in [c.run for c in registry.CHECKS]
    assert read_submission(path, master, period=PERIOD, today=TODAY).findings == []


def test_submission_checks_are_registered_functions_too(tmp_path, master, monkeypatch):
    from spbe_excel.checks import submission
    from spbe_excel.model.findings import make

    assert registry.owner("template-outdated").run is submission.template_outdated
    assert registry.owner("header-missing").run is registry.owner("column-missing").run is submission.columns_missing
    assert registry.owner("row-missing").run is submission.rows_missing
    assert registry.owner("progress-points").run is submission.progress_points
    assert [c.name for c in checks_of(Phase.SHEET) if c.run] == ["template_outdated", "columns_missing"]
    assert [c.name for c in checks_of(Phase.SUBMISSION) if c.run] == ["level_not_counted", "rows_missing",
                                                                       "progress_points"]

    monkeypatch.setattr(registry, "CHECKS", list(registry.CHECKS))
    monkeypatch.setitem(CODES, "contact-missing", Code("contact-missing", Severity.WARNING))
    monkeypatch.setitem(FINDINGS, "contact-missing", (("Kontak kosong", "No contact"),
                                                      ("Isi kontak di {cell}.", "Fill in the contact at {cell}.")))

    @check(Phase.SUBMISSION, "contact-missing")
    def contact_named(sub, table, ctx):
        if not sub.contact:
            yield make("contact-missing", file=sub.path, sheet=table.sheet, cell=f"A{table.header_row + 1}")

    path = fill(template(tmp_path, master), tmp_path / "BAPPEDA_TW3.xlsx", contact=None)
    sub = read_submission(path, master, period=PERIOD, today=TODAY)
    assert [(f.code, f.sheet, f.cell) for f in sub.findings] == [("contact-missing", "Monev", f"A{HEADER}")]
    monkeypatch.undo()
    assert read_submission(path, master, period=PERIOD, today=TODAY).findings == []


@pytest.mark.parametrize("typed, today, swapped", [
    (dt.date(2019, 12, 8), dt.date(2019, 12, 20), True),  # past by the as-of date, still swapped: said so
    (dt.date(2019, 7, 9), dt.date(2019, 12, 20), False),  # inside the period: nothing to say
    (dt.date(2019, 10, 5), dt.date(2019, 12, 20), False),  # after the end, but 10 May is not in the period
    (dt.date(2019, 12, 13), dt.date(2019, 12, 20), False),  # day 13: cannot be a month
])
def test_day_and_month_swapped_after_the_period(tmp_path, master, typed, today, swapped):
    path = fill(template(tmp_path, master), tmp_path / "BAPPEDA_TW3.xlsx", {4: {**good_row(4), "updated_on": typed}})
    sub = read_submission(path, master, period=PERIOD, today=today)
    dates = [f for f in sub.findings if f.code == "date-out-of-range"]
    assert [f.param("why") for f in dates] == (["why.date_swapped"] if swapped else [])
    if swapped:
        assert dates[0].cell == at(4, "updated_on") and dates[0].param("iso") == "2019-08-12"
        assert "ketik 2019-08-12" in finding_message(dates[0], "id")
        assert "type 2019-08-12" in finding_message(dates[0], "en")


# ---- a formula cell: what was read is its saved result, and the finding says so -----------------------------------

@pytest.mark.parametrize("key, raw, formula, result_id, result_en", [
    ("achievement", 2.0, "=1+1", '"2"', '"2"'),  # =1+1 typed as an achievement: Excel and LibreOffice save 2
    ("budget", 25_000_000.0, "=20000000+5000000", '"25000000"', '"25000000"'),
    ("progress", 0.5, "=0.25*2", '"50%"', '"50%"'),  # as the percentage cell shows it
    ("achievement", None, "=1+1", "tidak ada (sel terbaca kosong)", "nothing (the cell reads as empty)"),
    ("achievement", "Rapat", "", '"Rapat"', '"Rapat"'),  # .xlsb: the cell is known to hold a formula, not which
])
def test_formula_cell_finding_says_what_was_read(master, key, raw, formula, result_id, result_en):
    from spbe_excel.checks.rows import RuleContext, formula_in_text
    from spbe_excel.model.submission import ReportRow

    row = ReportRow(no=4, action="4", sheet="Monev", row=6, raw={} if raw is None else {key: raw},
                    letters={key: LETTER[key]}, formulas={key: formula}, fractions=True)
    ctx = RuleContext(master, "BAPPEDA.xlsx", "BAPPEDA", TODAY, PERIOD)
    [f] = formula_in_text(row, None, ctx)
    assert (f.cell, f.column, f.param("why")) == (f"{LETTER[key]}6", key, "why.formula_cell")
    assert f.value == (formula or result_id.strip('"'))
    msg_id, msg_en = finding_message(f, "id", strict=True), finding_message(f, "en", strict=True)
    assert f"hasil yang tersimpan bersamanya di berkas, {result_id}." in msg_id, msg_id
    assert f"the result saved with it in the file, {result_en}." in msg_en, msg_en
    assert (f'berisi rumus "{formula}".' in msg_id) is bool(formula), msg_id
    assert (f'holds a formula "{formula}".' in msg_en if formula else "holds a formula." in msg_en), msg_en
    assert "dibaca sebagai teks" not in msg_id and "read as text" not in msg_en  # it was not: its result was


def test_text_starting_like_a_formula_is_read_as_text_and_the_finding_says_so(tmp_path, master):
    _, sub = submit(tmp_path, master, {4: {"achievement": "=1+1"}})  # stored as text (an apostrophe in Excel)
    [f] = sub.findings
    assert sub.rows_by_no()[4].values["achievement"] == "=1+1" and f.param("why") == "why.formula_text"
    assert finding_message(f, "id", strict=True) == (
        'Uraian Capaian diawali tanda rumus: "=1+1". Isian dibaca sebagai teks dan tidak pernah dihitung; ketik '
        "nilainya langsung tanpa tanda = + - @ di depan.")
    assert finding_message(f, "en", strict=True).endswith(
        'starts like a formula: "=1+1". It is read as text and never evaluated; type the value itself, without a '
        "leading = + - @.")
