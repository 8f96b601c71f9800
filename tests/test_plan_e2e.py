"""A plan under the 2020 framework, the whole way by code: ``master new``, DKIS fills the plan, ``master check``,
templates, OPDs fill them, ``consolidate``; the index per aspect, domain and overall against figures worked out
here by hand from the framework's weights.  Then next year's plan from that consolidation (``--from``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from factory import fill, good_row
from planfill import fill_plan, header, sheet

from spbe_excel.cli import cli
from spbe_excel.master import load_master
from spbe_excel.master.planfile import CARRIED, CARRIED_FROM, EXTRA_COLUMNS, INDICATOR_COLUMNS

# PermenPANRB 59/2020 as the regulation weighs it: (first No, last No, weight of each), one entry per aspect;
# the domains group the aspects.  Written out here, not read from the package, so the test checks the data.
ASPECTS = [(1, 10, 1.3), (11, 14, 2.5), (15, 18, 2.5), (19, 20, 2.5), (21, 28, 1.5), (29, 31, 1.5), (32, 41, 2.75),
           (42, 47, 3.0)]
DOMAINS = [[0], [1, 2, 3], [4, 5], [6, 7]]
OPDS = [("DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo; Dinas Kominfo"),
        ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Bappeda"),
        ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKD"),
        ("INSPEKTORAT", "Inspektorat Daerah", ""),
        ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Dinas Perizinan")]
PERIOD, AS_OF = "Triwulan I 2026", dt.date(2026, 3, 31)


def owner(no: int) -> str:
    """Who holds each action: by aspect, and No 40 shared by two OPDs."""
    if no == 40:
        return "BKPSDM; INSPEKTORAT"
    return ["DISKOMINFO", "BAPPEDA", "DISKOMINFO", "DISKOMINFO", "DISKOMINFO", "INSPEKTORAT", "BKPSDM",
            "DPMPTSP"][next(a for a, (lo, hi, _) in enumerate(ASPECTS) if lo <= no <= hi)]


def baseline(no: int) -> int:
    return 1 + no % 3


# What the OPDs estimate (No -> OPD -> level); the rest report no level and count at their baseline.
ESTIMATES = {3: {"DISKOMINFO": 3}, 12: {"BAPPEDA": 4}, 16: {"DISKOMINFO": 3}, 22: {"DISKOMINFO": 4},
             30: {"INSPEKTORAT": 2}, 33: {"BKPSDM": 4}, 40: {"BKPSDM": 4, "INSPEKTORAT": 3}, 45: {"DPMPTSP": 5}}


def level_used(no: int) -> int:
    return min(ESTIMATES[no].values()) if no in ESTIMATES else baseline(no)


def by_hand(level) -> tuple[list[float], list[float], float]:
    """Index per aspect, per domain and overall: weighted means of the levels, the overall sum(level x weight) / 100."""
    def mean(nos_weights):
        return sum(w * level(n) for n, w in nos_weights) / sum(w for _, w in nos_weights)

    rows = [[(n, w) for n in range(lo, hi + 1)] for lo, hi, w in ASPECTS]
    aspects = [mean(r) for r in rows]
    domains = [mean([x for a in group for x in rows[a]]) for group in DOMAINS]
    overall = sum(w * level(n) for r in rows for n, w in r) / 100
    return aspects, domains, overall


def _plan_rows() -> dict[int, dict]:
    rows = {}
    for no in range(1, 48):
        kind = "Layanan" if no >= 32 else "Kapabilitas"
        rows[no] = {"baseline_level": f"{baseline(no)} - {'Informasi' if kind == 'Layanan' else 'Rintisan'}"
                    if baseline(no) == 1 else baseline(no),
                    "recommendation": f"Rekomendasi evaluasi 2025 untuk indikator {no}.",
                    "follow_up": f"Tindak lanjut indikator {no}", "target_year": 2026, "opds": owner(no)}
    rows[45]["indicator"] = "Layanan Perizinan Berusaha Daring"
    rows[46]["indicator"] = "Layanan Administrasi Kependudukan Daring"
    rows[47]["indicator"] = "Layanan Kesehatan Daring"
    return rows


@pytest.fixture(scope="module")
def plan_run(tmp_path_factory):
    """master new -> filled plan -> master check -> templates -> submissions -> consolidate, all through the CLI."""
    tmp = tmp_path_factory.mktemp("plan2020")
    runner = CliRunner()
    opd_csv = tmp / "opd.csv"
    opd_csv.write_text("Kode,Nama Resmi,Alias\n" + "".join(f'{c},"{n}","{a}"\n' for c, n, a in OPDS),
                       encoding="utf-8")
    new = runner.invoke(cli, ["master", "new", str(tmp / "rencana.xlsx"), "--framework", "2020", "--instansi",
                              "Kabupaten Contoh", "--year", "2026", "--opd", str(opd_csv)])
    plan = fill_plan(tmp / "rencana.xlsx", tmp / "rencana-terisi.xlsx", _plan_rows())
    check = runner.invoke(cli, ["master", "check", str(plan)])
    tpl = runner.invoke(cli, ["template", str(tmp / "templat"), "--period", PERIOD, "--master", str(plan)])
    master = load_master(plan)
    sub = tmp / "kiriman"
    sub.mkdir()
    for code in master.opd_codes:
        rows = {}
        for ind in master.for_opd(code):
            row = {**good_row(ind.no), "updated_on": dt.date(2026, 3, 20), "evidence": "Notulen rapat"}
            if code in ESTIMATES.get(ind.no, {}):
                row["current_level"] = ESTIMATES[ind.no][code]
            rows[ind.no] = row
        fill(tmp / "templat" / f"{code}_Triwulan_I_2026.xlsx", sub / f"{code}.xlsx", rows,
             filled_on=dt.date(2026, 3, 25))
    cons = runner.invoke(cli, ["consolidate", str(sub), "-o", str(tmp / "rekap.xlsx"), "--period", PERIOD,
                               "--as-of", AS_OF.isoformat(), "--report-json", str(tmp / "rekap.json"), "-q",
                               "--master", str(plan)])
    return {"tmp": tmp, "new": new, "check": check, "tpl": tpl, "cons": cons, "plan": plan, "master": master}


def test_master_new_then_check_then_templates(plan_run):
    assert plan_run["new"].exit_code == 0, plan_run["new"].output
    assert "47 baris indikator, 5 OPD, 0 aksi lanjutan, dilaporkan per Triwulan" in plan_run["new"].output
    check = plan_run["check"]
    assert check.exit_code == 0, check.output
    assert check.output.startswith("Daftar induk ") and "47 indikator, 5 OPD" in check.output
    assert "Peringatan" not in check.output  # the framework's own weights, and 45-47 named
    assert plan_run["tpl"].exit_code == 0 and "5 templat ditulis" in plan_run["tpl"].output
    master = plan_run["master"]
    assert master.institution == "Kabupaten Contoh" and master.plan_year == 2026 and master.period_kind == "q"
    assert master.indicator(45).indicator == "Layanan Perizinan Berusaha Daring"
    assert master.indicator(40).opds == ("BKPSDM", "INSPEKTORAT")
    assert master.registry.resolve("Dinas Kominfo").code == "DISKOMINFO"


def test_the_index_is_the_framework_s_weighted_mean(plan_run):
    assert plan_run["cons"].exit_code == 0, plan_run["cons"].output
    report = json.loads((plan_run["tmp"] / "rekap.json").read_text(encoding="utf-8"))
    idx = report["index"]
    aspects, domains, overall = by_hand(level_used)
    base_aspects, base_domains, base_overall = by_hand(baseline)
    assert [a["estimate"] for a in idx["aspects"]] == pytest.approx(aspects, abs=1e-9)
    assert [a["baseline"] for a in idx["aspects"]] == pytest.approx(base_aspects, abs=1e-9)
    assert [d["estimate"] for d in idx["domains"]] == pytest.approx(domains, abs=1e-9)
    assert [d["baseline"] for d in idx["domains"]] == pytest.approx(base_domains, abs=1e-9)
    assert idx["overall"]["estimate"] == pytest.approx(overall, abs=1e-9)
    assert idx["overall"]["baseline"] == pytest.approx(base_overall, abs=1e-9)
    assert [d["weight"] for d in idx["domains"]] == pytest.approx([13, 25, 16.5, 45.5])
    assert [a["weight"] for a in idx["aspects"]] == pytest.approx([13, 10, 10, 5, 12, 4.5, 27.5, 18])
    assert idx["levels"]["40"] == 3  # the lower of the two OPDs' estimates
    # the workbook's Indeks sheet caches the same figures
    ws = openpyxl.load_workbook(plan_run["tmp"] / "rekap.xlsx", data_only=True)["Indeks"]
    cached = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, float)]
    assert any(abs(c - overall) < 1e-9 for c in cached)


def test_next_year_carries_every_unfinished_action(plan_run, tmp_path):
    """The consolidation above as last year's final: every action is Dalam Proses, except No 1, which is Selesai
    in a copy of the submissions re-consolidated here."""
    runner = CliRunner()
    tmp = plan_run["tmp"]
    sub = tmp_path / "kiriman"
    sub.mkdir()
    master = plan_run["master"]
    for code in master.opd_codes:
        rows = {ind.no: {**good_row(ind.no), "updated_on": dt.date(2026, 12, 1)} for ind in master.for_opd(code)}
        if code == "DISKOMINFO":
            rows[1] = {**rows[1], "status": "Selesai", "progress": 1}
        if code == "BKPSDM":
            rows[40] = {**rows[40], "status": "Selesai", "progress": 1}  # INSPEKTORAT still has it open
        if code == "DPMPTSP":
            continue  # sent nothing: its actions are unfinished
        fill(tmp / "templat" / f"{code}_Triwulan_I_2026.xlsx", sub / f"{code}.xlsx", rows,
             filled_on=dt.date(2026, 3, 25))
    rekap = tmp_path / "rekap-akhir-2026.xlsx"
    done = runner.invoke(cli, ["consolidate", str(sub), "-o", str(rekap), "--period", PERIOD, "--as-of",
                               "2026-03-31", "-q", "--master", str(plan_run["plan"])])
    assert done.exit_code == 1  # DPMPTSP sent nothing: an error finding, the workbook is written
    new = runner.invoke(cli, ["master", "new", str(tmp_path / "rencana-2027.xlsx"), "--framework", "2020",
                              "--instansi", "Kabupaten Contoh", "--year", "2027", "--from", str(rekap),
                              "--period-kind", "semester"])
    assert new.exit_code == 0, new.output
    assert "46 aksi lanjutan" in new.output and "dilaporkan per Semester" in new.output
    wb = openpyxl.load_workbook(tmp_path / "rencana-2027.xlsx")
    ws = sheet(wb, "master.sheet.indicators")
    head, cols = header(ws, (*INDICATOR_COLUMNS, CARRIED_FROM))
    rows = {ws.cell(r, 1).value: r for r in range(head + 1, ws.max_row + 1) if ws.cell(r, 1).value}
    assert ws.cell(rows[1], cols["follow_up"]).value is None  # Selesai: not carried
    r = rows[40]
    assert ws.cell(r, cols["follow_up"]).value == "Tindak lanjut indikator 40"
    assert ws.cell(r, cols["opds"]).value == "INSPEKTORAT"  # BKPSDM finished its part
    assert ws.cell(r, cols["carried_over"]).value == "ya"
    assert ws.cell(r, cols["carried_from"]).value == "2026, No 40: INSPEKTORAT Dalam Proses, 50 % (belum selesai)"
    assert ws.cell(r, cols["target_year"]).value == 2027
    assert ws.cell(r, cols["baseline_level"]).value is None  # typed from the new evaluation
    assert ws.cell(rows[45], cols["opds"]).value == "DPMPTSP"
    assert ws.cell(rows[45], cols["carried_from"]).value == "2026, No 45: tidak dilaporkan sepanjang 2026"
    assert ws.cell(rows[45], cols["indicator"]).value == "Layanan Perizinan Berusaha Daring"  # the name goes on
    opd = sheet(wb, "master.sheet.opd")
    assert [(opd.cell(r, 1).value, opd.cell(r, 2).value) for r in range(2, 7)] == [(c, n) for c, n, _ in OPDS]
    info = {c.value: d.value for c, d in sheet(wb, "master.sheet.info").iter_rows(max_col=2)}
    assert info["Periode Pelaporan"] == "Semester"
    # filled with the new baselines, it loads: the carried actions are marked, the period is per semester
    filled = fill_plan(tmp_path / "rencana-2027.xlsx", tmp_path / "terisi.xlsx",
                       {no: {"baseline_level": 2} for no in range(1, 48)} |
                       {1: {"baseline_level": 2, "recommendation": "R", "follow_up": "Aksi baru", "target_year": 2027,
                            "opds": "DISKOMINFO"}})
    loaded = load_master(filled)
    assert loaded.period_kind == "s"
    assert sorted(loaded.carried_over) == list(range(1, 47))  # every row but No 1's
    bad = runner.invoke(cli, ["template", str(tmp_path / "t"), "--period", "Triwulan I 2027", "--master",
                              str(filled)])
    assert bad.exit_code == 2
    assert bad.output.strip().splitlines() == [
        'Rencana ini dilaporkan per Semester, jadi "Triwulan I 2027" bukan periodenya: tulis salah satu dari '
        '"Semester I 2027", "Semester II 2027".']
    good = runner.invoke(cli, ["template", str(tmp_path / "t"), "--period", "smt 1 2027", "--master", str(filled)])
    assert good.exit_code == 0 and "DISKOMINFO_Semester_I_2027.xlsx" in good.output


def test_from_another_framework_leaves_the_no_to_choose(tmp_path):
    """Last year's plan under 2018 (the Denpasar example) into a 2020 plan: the unfinished actions go to the extra
    sheet without a No, and master check names each such cell."""
    root = Path(__file__).resolve().parents[1]
    runner = CliRunner()
    out = tmp_path / "rencana.xlsx"
    args = ["master", "new", str(out), "--framework", "2020", "--instansi", "Kota Denpasar", "--year", "2020",
            "--from", str(root / "examples" / "rekap-triwulan-ii-2019.xlsx")]
    refused = runner.invoke(cli, args)
    assert refused.exit_code == 2 and not out.exists()
    assert refused.output.strip().splitlines() == [
        f"Rekap {root / 'examples' / 'rekap-triwulan-ii-2019.xlsx'} mengikuti PermenPANRB 5/2018, bukan "
        "PermenPANRB 59/2020 rencana baru: No indikatornya tidak dapat dibawa. Berikan rekap rencana dengan "
        "kerangka PermenPANRB 59/2020, atau tambahkan --framework-change (aksi lanjutannya dibawa tanpa No, untuk "
        "dipilih DKIS)."]
    new = runner.invoke(cli, [*args, "--framework-change"])
    assert new.exit_code == 0, new.output
    assert "37 aksi lanjutan" in new.output and "10 OPD" in new.output
    wb = openpyxl.load_workbook(out)
    ws = sheet(wb, "master.sheet.extra")
    head, cols = header(ws, (*EXTRA_COLUMNS, CARRIED, CARRIED_FROM))
    first = head + 1
    assert ws.cell(first, cols["no"]).value is None
    assert ws.cell(first, cols["follow_up"]).value == "Membuat Kebijakan Tim Pengarah SPBE"
    assert ws.cell(first, cols["carried_from"]).value.startswith(
        "2019, 1 Kebijakan Internal Tim Pengarah SPBE: Dalam Proses, ")
    assert ws.cell(first + 16, cols["opds"]).value == "DPMPTSP; DUKCAPIL"  # row 17: both open (DUKCAPIL silent)
    check = runner.invoke(cli, ["master", "check", str(out)])
    assert check.exit_code == 2
    assert f"Aksi Tambahan!A{first + 1}: No kosong: tulis nomor indikator aksi ini" in check.output
    opd = sheet(wb, "master.sheet.opd")
    assert opd.cell(2, 1).value == "DKIS" and opd.cell(2, 2).value == "Dinas Komunikasi, Informatika dan Statistik"


def test_from_refuses_a_workbook_that_is_not_a_consolidation(tmp_path):
    runner = CliRunner()
    other = tmp_path / "catatan.xlsx"
    openpyxl.Workbook().save(other)
    done = runner.invoke(cli, ["master", "new", str(tmp_path / "r.xlsx"), "--framework", "2020", "--instansi", "X",
                               "--year", "2026", "--from", str(other)])
    assert done.exit_code == 2
    assert done.output.strip().splitlines() == [
        f"Berkas {other} bukan rekap spbe-excel (lembar metadata atau lembar Master tidak ada atau tidak sesuai). "
        "Berikan rekap tahun lalu yang ditulis spbe-excel consolidate (rekap akhir tahunnya, atau rekap setiap "
        "periodenya: berkas atau foldernya)."]
    assert not (tmp_path / "r.xlsx").exists()


PLANTED = {("BPKAD", "status-progress-mismatch"), ("BPKAD", "evidence-missing"), ("DINKES", "progress-points"),
           ("PBJ", "budget-overrun"), ("HUKUM", "period-mismatch"), ("ARSIP", "submission-missing"),
           ("BPKAD", "level-not-counted"), ("DISKOMINFO", "level-not-counted")}


@pytest.mark.parametrize("several", [True, False], ids=["several-actions", "one-action-each"])
def test_the_contoh_example_goes_the_whole_way(tmp_path, several):
    """examples/make_contoh.py as committed (six indicators with several actions) and without its extra actions
    (one action each): plan, templates and submissions made by the example's own code, then consolidated.  Either
    way every row is reported but ARSIP's (sent nothing) and HUKUM's (last quarter's file), the planted mistakes
    are the findings, and what counts the plan's rows says what they are: actions in a plan whose actions are
    numbered ("11.2"), indicators in the other (submission-missing, Ringkasan's reporting rate and table per OPD)."""
    import importlib.util
    import sys

    from spbe_excel.pipeline import consolidate_folder
    from spbe_excel.text.findings import message

    root = Path(__file__).resolve().parents[1] / "examples"
    sys.path.insert(0, str(root))
    try:
        import make_examples

        spec = importlib.util.spec_from_file_location("make_contoh_variant", root / "make_contoh.py")
        contoh = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(contoh)
    finally:
        sys.path.remove(str(root))
    if not several:
        contoh.EXTRA.clear()
    out = tmp_path / "contoh"
    contoh.make(out, make_examples._finish)
    if several:  # as committed: the plans (the rest, written here with other paths, by tests/test_examples.py)
        for name in ("opd.csv", "rencana-2026.xlsx", "rencana-2026-terisi.xlsx"):
            assert (out / name).read_bytes() == (root / "kabupaten-contoh" / name).read_bytes(), name
    assert sorted(p.name for p in (out / "triwulan-i-2026").iterdir()) == sorted(
        f"{c}_Triwulan_{'IV_2025' if c == 'HUKUM' else 'I_2026'}.xlsx" for c, _, _ in contoh.OPDS if c != "ARSIP")
    master = load_master(out / "rencana-2026-terisi.xlsx")
    assert master.numbered is several and len(master.actions) == (54 if several else 47)
    done = consolidate_folder(out / "triwulan-i-2026", master, output=tmp_path / "r.xlsx", period=PERIOD,
                              as_of=dt.date(2026, 4, 3))
    cons = done.consolidation
    assert {(r.opd, r.state) for r in cons.rows if r.state != "reported"} == {("ARSIP", "missing"),
                                                                               ("HUKUM", "rejected")}
    assert {(f.opd, f.code) for f in cons.findings} == PLANTED
    [missing] = [f for f in cons.findings if f.code == "submission-missing"]
    unit = {True: ("aksi", "action"), False: ("indikator", "indicator")}[several]
    assert message(missing, "id") == f"ARSIP belum mengirim laporan untuk 1 {unit[0]} (37). Kirim pengingat."
    assert message(missing, "en") == f"ARSIP has not reported on 1 {unit[1]} (37). Send a reminder."
    summary = openpyxl.load_workbook(tmp_path / "r.xlsx")["Ringkasan"]
    labels = {c.value for row in summary.iter_rows(max_col=3) for c in row}
    assert f"Tingkat pelaporan ({unit[0]} x OPD)" in labels and unit[0].capitalize() in labels
    other = {True: "indikator", False: "aksi"}[several]
    assert f"Tingkat pelaporan ({other} x OPD)" not in labels and other.capitalize() not in labels


@pytest.mark.parametrize("unit, count, words", [
    ("unit.actions", 2, ("X belum mengirim laporan untuk 2 aksi (11.2, 36.1). Kirim pengingat.",
                         "X has not reported on 2 actions (11.2, 36.1). Send a reminder.")),
    ("unit.indicators", 2, ("X belum mengirim laporan untuk 2 indikator (11.2, 36.1). Kirim pengingat.",
                            "X has not reported on 2 indicators (11.2, 36.1). Send a reminder.")),
    ("unit.indicators", 1, ("X belum mengirim laporan untuk 1 indikator (11.2, 36.1). Kirim pengingat.",
                            "X has not reported on 1 indicator (11.2, 36.1). Send a reminder."))])
def test_submission_missing_counts_what_the_plan_s_rows_are(unit, count, words):
    """The finding holds the unit as a text key (raw, the same in every language); its message words it."""
    from spbe_excel.model.findings import make
    from spbe_excel.text.findings import as_dict, message

    f = make("submission-missing", opd="X", count=count, unit=unit, indicators="11.2, 36.1")
    assert (message(f, "id"), message(f, "en")) == words
    assert as_dict(f, "en")["params"]["unit"] == unit
