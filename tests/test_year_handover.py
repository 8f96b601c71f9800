"""A plan's whole year and its hand-over to the next (issue 20, points 1 and 4), the way DKIS runs it: the
Kabupaten Contoh plan (examples/make_contoh.py, numbered actions, the 2020 framework) made for 2025, its OPDs
report four quarters, each consolidated with ``--previous`` the quarter before; then ``master new 2026 --from``
the year.

The year, by OPD: ARSIP sends nothing all year; HUKUM reports Triwulan I and II, then nothing; INSPEKTORAT
finishes all its actions in Triwulan III (with evidence) and sends nothing in Triwulan IV; BPKAD reports action 24
Selesai at 90 % without evidence in Triwulan IV, PBJ action 35 Selesai at 90 % with evidence (an error on its
row).  Every other action is Dalam Proses through Triwulan III and, in Triwulan IV, Selesai with evidence at an
even position of the plan, Dalam Proses 80 % at an odd one; action 2 is due in 2027 and stays Dalam Proses."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from planfill import fill_plan, header, sheet

from spbe_excel.cli import cli
from spbe_excel.master import load_master
from spbe_excel.master.planfile import CARRIED, CARRIED_FROM, EXTRA_COLUMNS, INDICATOR_COLUMNS
from spbe_excel.model.columns import META_SHEET, TEMPLATE_COLUMNS, WORKBOOK_VERSION
from spbe_excel.write.template import HEADER_ROW

ROOT = Path(__file__).resolve().parents[1]
QUARTERS = ("I", "II", "III", "IV")
AS_OF = {1: dt.date(2025, 4, 5), 2: dt.date(2025, 7, 5), 3: dt.date(2025, 10, 5), 4: dt.date(2026, 1, 5)}


def _contoh():
    spec = importlib.util.spec_from_file_location("make_contoh_2025", ROOT / "examples" / "make_contoh.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "examples"))
    return module


CONTOH = _contoh()


def period(q: int) -> str:
    return f"Triwulan {QUARTERS[q - 1]} 2025"


def report(q: int, code: str, action: str, n: int) -> dict | None:
    """What OPD ``code`` reports on ``action`` (at position ``n`` of the plan) in quarter ``q``; None: nothing."""
    done = {"status": "Selesai", "progress": 1.0, "evidence": f"Dokumen {action}/2025"}
    going = {"status": "Dalam Proses", "progress": 0.2 * q, "evidence": "Notulen rapat koordinasi"}
    if code == "INSPEKTORAT" and q == 3:
        return done
    if code == "BPKAD" and action == "24" and q == 4:
        return {"status": "Selesai", "progress": 0.9, "evidence": None}
    if code == "PBJ" and action == "35" and q == 4:
        return {**done, "progress": 0.9}
    if q == 4 and action != "2" and n % 2 == 0:
        return done
    return going


def silent(q: int, code: str) -> bool:
    """An OPD that sends no file in quarter ``q``."""
    return code == "ARSIP" or (code == "HUKUM" and q >= 3) or (code == "INSPEKTORAT" and q == 4)


def fill_report(template: Path, out: Path, code: str, q: int, master) -> None:
    """The OPD's file: each action row of its template (found by the No the template writes: ``5`` or ``"11.2"``)."""
    position = {a.action: n for n, a in enumerate(master.actions)}
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[1]
    cols = {c.key: i + 1 for i, c in enumerate(TEMPLATE_COLUMNS)}
    for r in range(HEADER_ROW + 2, ws.max_row + 1):
        written = ws.cell(r, cols["no"]).value
        if written is None:
            continue
        action = str(written)
        values = report(q, code, action, position[action])
        for key, value in {**(values or {}), "updated_on": AS_OF[q] - dt.timedelta(days=10),
                           "achievement": f"Kegiatan triwulan {q}."}.items():
            if value is not None:
                ws.cell(r, cols[key]).value = value
    ws["C3"] = f"Petugas {code}"
    ws["G3"] = AS_OF[q] - dt.timedelta(days=3)
    wb.save(out)


def _plan_2025(tmp: Path, runner: CliRunner) -> Path:
    opd_csv = tmp / "opd.csv"
    opd_csv.write_text("Kode,Nama Resmi,Alias\n" + "".join(f'{c},"{n}","{a}"\n' for c, n, a in CONTOH.OPDS),
                       encoding="utf-8")
    blank = tmp / "rencana-2025.xlsx"
    done = runner.invoke(cli, ["master", "new", str(blank), "--framework", "2020", "--instansi", "Kabupaten Contoh",
                               "--year", "2025", "--opd", str(opd_csv)])
    assert done.exit_code == 0, done.output
    rows = {}
    for no, (baseline, opds, action) in CONTOH.PLAN.items():
        rows[no] = {"baseline_level": baseline, "recommendation": f"Rekomendasi evaluasi 2024 untuk indikator {no}.",
                    "follow_up": action, "target_year": 2027 if no == 2 else 2025, "opds": opds}
        if no in CONTOH.SERVICES:
            rows[no]["indicator"] = CONTOH.SERVICES[no]
    extra = [{"no": no, "follow_up": action, "target_year": 2025, "opds": opds} for no, action, opds in CONTOH.EXTRA]
    return fill_plan(blank, tmp / "rencana-2025-terisi.xlsx", rows, extra=extra)


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """The 2025 plan and its four quarters consolidated, each with --previous the quarter before; and Triwulan IV
    consolidated once more without it."""
    tmp = tmp_path_factory.mktemp("year2025")
    runner = CliRunner()
    plan = _plan_2025(tmp, runner)
    master = load_master(plan)
    rekaps = {}
    for q in range(1, 5):
        templates, sent = tmp / f"templat-{q}", tmp / f"kiriman-{q}"
        sent.mkdir()
        done = runner.invoke(cli, ["template", str(templates), "--period", period(q), "--master", str(plan)])
        assert done.exit_code == 0, done.output
        for code in master.opd_codes:
            if not silent(q, code):
                fill_report(templates / f"{code}_{period(q).replace(' ', '_')}.xlsx", sent / f"{code}.xlsx", code, q,
                            master)
        rekaps[q] = tmp / "rekap" / f"rekap-triwulan-{QUARTERS[q - 1].lower()}-2025.xlsx"
        rekaps[q].parent.mkdir(exist_ok=True)
        args = ["consolidate", str(sent), "-o", str(rekaps[q]), "--period", period(q), "--as-of",
                AS_OF[q].isoformat(), "--master", str(plan), "-q"]
        if q > 1:
            args += ["--previous", str(rekaps[q - 1])]
        if q == 4:
            args += ["--report-json", str(tmp / "rekap-iv.json")]
        done = runner.invoke(cli, args)
        assert done.exit_code == 1, done.output  # ARSIP sent nothing: an error finding, the workbook is written
    alone = tmp / "tanpa-previous" / "rekap-triwulan-iv-2025.xlsx"
    done = runner.invoke(cli, ["consolidate", str(tmp / "kiriman-4"), "-o", str(alone), "--period", period(4),
                               "--as-of", AS_OF[4].isoformat(), "--master", str(plan), "-q"])
    assert done.exit_code == 1, done.output
    return {"tmp": tmp, "plan": plan, "master": master, "rekaps": rekaps, "alone": alone, "runner": runner}


# ---- 1. the state of the year ---------------------------------------------------------------------------------

def monev(path: Path) -> dict[tuple[str, str], dict]:
    """The Monev rows of a consolidated workbook by (action, OPD): every column by its key (the metadata's)."""
    wb = openpyxl.load_workbook(path, data_only=True)
    meta = {r[0]: r[1] for r in wb[META_SHEET].iter_rows(values_only=True)}
    keys = meta["monev_columns"].split(",")
    ws = wb[meta["monev_sheet"]]
    out = {}
    for row in ws.iter_rows(min_row=int(meta["monev_header_row"]) + 1, values_only=True):
        if row[0] is not None:
            cells = dict(zip(keys, row))
            out[(str(cells["action"]), cells["opd"])] = cells
    return out


def test_the_quarterly_workbook_shows_the_latest_state_of_the_year(year):
    rows = monev(year["rekaps"][4])
    inspektorat = rows[("9", "INSPEKTORAT")]  # Selesai in Triwulan III, silent in Triwulan IV
    assert inspektorat["state"] == "Belum Lapor" and inspektorat["status"] is None
    assert (inspektorat["latest_status"], inspektorat["latest_progress"], inspektorat["latest_period"],
            inspektorat["latest_note"]) == ("Selesai", 1, "Triwulan III 2025", None)
    hukum = rows[("44", "HUKUM")]  # its Triwulan II report, carried over two silent quarters
    assert (hukum["latest_status"], hukum["latest_progress"], hukum["latest_period"]) == (
        "Dalam Proses", pytest.approx(0.4), "Triwulan II 2025")
    bpkad = rows[("24", "BPKAD")]
    assert (bpkad["latest_status"], bpkad["latest_period"], bpkad["latest_note"]) == (
        "Selesai", "Triwulan IV 2025", "Bukti Dukung kosong")
    assert rows[("35", "PBJ")]["latest_note"] == "barisnya masih ada galat"
    assert [rows[("37", "ARSIP")][k] for k in ("latest_status", "latest_progress", "latest_period")] == [
        None, None, None]
    assert rows[("2", "DISKOMINFO")]["latest_period"] == "Triwulan IV 2025"
    wb = openpyxl.load_workbook(year["rekaps"][4])
    assert {r[0]: r[1] for r in wb[META_SHEET].iter_rows(values_only=True)}["version"] == WORKBOOK_VERSION == "4"
    # without --previous the workbook knows this quarter only: INSPEKTORAT's Selesai is not there
    alone = monev(year["alone"])
    assert alone[("9", "INSPEKTORAT")]["latest_status"] is None and alone[("44", "HUKUM")]["latest_period"] is None


def test_the_json_report_carries_the_latest_state(year):
    report = json.loads((year["tmp"] / "rekap-iv.json").read_text(encoding="utf-8"))
    latest = {(r["action"], r["opd"]): r["latest"] for r in report["rows"]}
    assert latest[("9", "INSPEKTORAT")] == {"status": "done", "progress": 100, "period": "Triwulan III 2025",
                                            "done": True, "note": None, "note_message": None}
    assert latest[("24", "BPKAD")] == {"status": "done", "progress": 90, "period": "Triwulan IV 2025", "done": False,
                                       "note": "why.done_no_evidence", "note_message": "Bukti Dukung kosong"}
    assert latest[("37", "ARSIP")] is None


def test_an_older_workbook_gives_the_state_its_own_period_reported(year, tmp_path):
    """--previous a workbook of version 2 (the Triwulan III one without the latest columns): its own reports count
    as the latest state (INSPEKTORAT's Selesai goes on); what it did not hold (HUKUM's Triwulan II) is not known."""
    old = tmp_path / "rekap-triwulan-iii-2025-v2.xlsx"
    wb = openpyxl.load_workbook(year["rekaps"][3], data_only=True)
    meta = wb[META_SHEET]
    entries = {r[0].value: r[1] for r in meta.iter_rows(max_col=2)}
    keys = entries["monev_columns"].value.split(",")
    first = keys.index("latest_status")
    wb["Monev"].delete_cols(first + 1, 4)
    entries["monev_columns"].value = ",".join(k for k in keys if not k.startswith("latest_"))
    entries["version"].value = "2"
    for key in ("institution", "plan_year"):  # before version 3 the metadata did not name them
        entries[key].value = None
        meta.cell(entries[key].row, 1).value = None
    wb.save(old)
    out = tmp_path / "rekap-iv.xlsx"
    done = year["runner"].invoke(cli, ["consolidate", str(year["tmp"] / "kiriman-4"), "-o", str(out), "--period",
                                       period(4), "--as-of", AS_OF[4].isoformat(), "--master", str(year["plan"]),
                                       "--previous", str(old), "-q"])
    assert done.exit_code == 1, done.output
    rows = monev(out)
    assert (rows[("9", "INSPEKTORAT")]["latest_status"], rows[("9", "INSPEKTORAT")]["latest_period"]) == (
        "Selesai", "Triwulan III 2025")
    assert rows[("44", "HUKUM")]["latest_status"] is None
    # its instansi is read from the Monev sheet's title
    refused = year["runner"].invoke(cli, ["master", "new", str(tmp_path / "r.xlsx"), "--framework", "2020",
                                          "--instansi", "Kota Lain", "--year", "2026", "--from", str(old)])
    assert refused.exit_code == 2 and f"Rekap {old} milik Kabupaten Contoh, bukan Kota Lain" in refused.output


def test_a_state_of_another_year_does_not_carry_into_this_one(year, tmp_path):
    """--previous last year's Triwulan IV for this year's Triwulan I: the year starts afresh."""
    out = tmp_path / "rekap.xlsx"
    done = year["runner"].invoke(cli, ["consolidate", str(year["tmp"] / "kiriman-1"), "-o", str(out), "--period",
                                       "Triwulan I 2026", "--as-of", "2026-04-05", "--master", str(year["plan"]),
                                       "--previous", str(year["rekaps"][4]), "-q", "--force"])
    assert done.exit_code == 1, done.output
    rows = monev(out)
    assert all(r["latest_period"] is None for r in rows.values())  # every file is of 2025's Triwulan I: rejected


# ---- 4. a clean hand-over -------------------------------------------------------------------------------------

def new_plan(year, tmp_path: Path, *sources, extra_args=()) -> tuple:
    out = tmp_path / "rencana-2026.xlsx"
    args = ["master", "new", str(out), "--framework", "2020", "--instansi", "Kabupaten Contoh", "--year", "2026",
            *extra_args]
    for source in sources:
        args += ["--from", str(source)]
    return year["runner"].invoke(cli, args), out


def carried(path: Path) -> dict[str, tuple]:
    """The carried actions of a plan workbook by their Tindak Lanjut: (No, Target Waktu, OPD Terkait, Asal
    Lanjutan)."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for key, columns in (("master.sheet.indicators", INDICATOR_COLUMNS), ("master.sheet.extra", EXTRA_COLUMNS)):
        ws = sheet(wb, key)
        head, cols = header(ws, (*columns, CARRIED, CARRIED_FROM))
        for r in range(head + 1, ws.max_row + 1):
            if ws.cell(r, cols["carried_over"]).value:
                out[ws.cell(r, cols["follow_up"]).value] = tuple(
                    ws.cell(r, cols[k]).value for k in ("no", "target_year", "opds", "carried_from"))
    return out


def expected(master, last_quarter: int = 4) -> set[str]:
    """The actions that come back: every one that some OPD did not finish with support by ``last_quarter``."""
    position = {a.action: n for n, a in enumerate(master.actions)}
    out = set()
    for a in master.actions:
        for code in a.opds:
            q = max((q for q in range(1, last_quarter + 1) if not silent(q, code)), default=None)
            state = report(q, code, a.action, position[a.action]) if q else None
            if state is None or state["status"] != "Selesai" or state["progress"] < 1 or not state["evidence"]:
                out.add(a.follow_up)
    return out


def test_next_year_starts_from_the_year_s_latest_state(year, tmp_path):
    done, out = new_plan(year, tmp_path, year["rekaps"][4])
    assert done.exit_code == 0, done.output
    master = year["master"]
    plan = carried(out)
    assert set(plan) == expected(master) and 20 < len(plan) < len(master.actions)
    assert done.output.splitlines()[1:3] == [
        f"Rencana Kabupaten Contoh 2026 (PermenPANRB 59/2020): 47 baris indikator, 12 OPD, {len(plan)} aksi "
        "lanjutan, dilaporkan per Triwulan.",
        "Dari rekap Triwulan IV 2025: 31 aksi per OPD Selesai dengan dukungan, tidak dibawa; dibawa: 24 belum "
        "selesai, 2 Selesai tanpa dukungan (DKIS memutuskan), 1 tidak dilaporkan sejak periode sebelumnya, 1 tidak "
        "dilaporkan sepanjang 2025."]
    assert "Peringatan" not in done.output  # Triwulan IV is there
    action = CONTOH.PLAN
    # finished actions stay finished: INSPEKTORAT's, Selesai in Triwulan III and silent since, are not carried
    assert not {action[no][2] for no in (9, 21, 39)} & set(plan)
    assert plan[action[24][2]] == (24, 2026, "BPKAD", "2025, No 24: Selesai, 90 % (tanpa dukungan: Bukti Dukung "
                                                       "kosong; DKIS memutuskan)")
    assert plan[action[35][2]][3] == "2025, No 35: Selesai, 90 % (tanpa dukungan: barisnya masih ada galat; DKIS " \
                                     "memutuskan)"
    assert plan[action[44][2]] == (44, 2026, "HUKUM",
                                   "2025, No 44: Dalam Proses, 40 % (tidak dilaporkan sejak Triwulan II 2025)")
    assert plan[action[37][2]] == (37, 2026, "ARSIP", "2025, No 37: tidak dilaporkan sepanjang 2025")
    assert plan[action[2][2]] == (2, 2027, "DISKOMINFO", "2025, No 2: Dalam Proses, 80 % (belum selesai)")  # kept
    # a shared action: both OPDs named with their states; a second action of an indicator on Aksi Tambahan
    shared = [v for k, v in plan.items() if ";" in (v[2] or "")]
    assert shared and all("BAPPEDA Dalam Proses, 80 % (belum selesai)" in v[3] for v in shared if "BAPPEDA" in v[2])
    numbered = [v for v in plan.values() if "." in v[3].split(":")[0]]  # "2025, No 11 (11.3): ..."
    assert numbered and all(v[3].startswith(f"2025, No {v[0]} ({v[0]}.") for v in numbered)
    # filled with the new baselines, the plan loads with the carried actions marked and 2027 kept
    filled = fill_plan(out, tmp_path / "terisi.xlsx", {no: {"baseline_level": 2} for no in range(1, 48)})
    loaded = load_master(filled)
    assert len(loaded.carried_over) == len(plan)
    assert {a.follow_up: a.target_year for a in loaded.actions}[action[2][2]] == 2027


def test_the_year_s_workbooks_give_the_same_hand_over(year, tmp_path):
    """The four quarters as files or as a folder, or Triwulan I-III with a Triwulan IV consolidated without
    --previous: the latest period's state per action, the same plan as from the chained Triwulan IV alone."""
    assert new_plan(year, tmp_path / "a", year["rekaps"][4])[0].exit_code == 0
    reference = carried(tmp_path / "a" / "rencana-2026.xlsx")
    folder, out = new_plan(year, tmp_path / "b", year["rekaps"][4].parent)
    assert folder.exit_code == 0, folder.output
    assert "Dari rekap Triwulan I 2025, Triwulan II 2025, Triwulan III 2025, Triwulan IV 2025: 31 " in folder.output
    assert carried(out) == reference
    files, out = new_plan(year, tmp_path / "c", *(year["rekaps"][q] for q in (3, 1, 2)), year["alone"])
    assert files.exit_code == 0, files.output
    assert carried(out) == reference
    # Triwulan IV without --previous, alone, knows nothing of INSPEKTORAT's Selesai: its actions come back
    out = new_plan(year, tmp_path / "d", year["alone"])[1]
    assert carried(out)[CONTOH.PLAN[9][2]][3] == "2025, No 9: tidak dilaporkan sepanjang 2025"


def test_a_year_without_its_last_quarter_warns(year, tmp_path):
    done, out = new_plan(year, tmp_path, *(year["rekaps"][q] for q in (1, 2, 3)))
    assert done.exit_code == 0, done.output
    assert ("Peringatan: rekap Triwulan IV 2025 tidak ada di antara yang diberikan; keadaan terakhir tahun 2025 "
            "diambil sampai Triwulan III 2025, jadi aksi yang selesai sesudahnya tetap dibawa. Tambahkan rekap "
            "Triwulan IV 2025 bila sudah ada.") in done.output.splitlines()
    assert set(carried(out)) == expected(year["master"], 3)
    assert not {CONTOH.PLAN[no][2] for no in (9, 21, 39)} & set(carried(out))  # Selesai in Triwulan III


def test_everything_it_writes_follows_lang(year, tmp_path):
    done, out = new_plan(year, tmp_path, year["rekaps"][4], extra_args=("--lang", "en"))
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[2] == (
        "From the consolidated workbooks of Triwulan IV 2025: 31 actions per OPD Completed with support, not "
        "carried; carried: 24 not finished, 2 Completed without support (for DKIS to decide), 1 not reported since "
        "an earlier period, 1 not reported in 2025.")
    plan = carried(out)
    action = CONTOH.PLAN
    assert plan[action[24][2]][3] == ("2025, No 24: Completed, 90 % (unsupported: no supporting evidence is named; "
                                      "for DKIS to decide)")
    assert plan[action[35][2]][3] == ("2025, No 35: Completed, 90 % (unsupported: its row still has an error; for "
                                      "DKIS to decide)")
    assert plan[action[44][2]][3] == "2025, No 44: In Progress, 40 % (not reported since Triwulan II 2025)"
    assert plan[action[37][2]][3] == "2025, No 37: not reported in 2025"
    assert plan[action[2][2]][3] == "2025, No 2: In Progress, 80 % (not finished)"
    wb = openpyxl.load_workbook(out)
    ws = sheet(wb, "master.sheet.indicators")
    head, cols = header(ws, (*INDICATOR_COLUMNS, CARRIED))
    assert {ws.cell(r, cols["carried_over"]).value for r in range(head + 1, ws.max_row + 1)} == {"yes", None}
    warned, _ = new_plan(year, tmp_path / "w", year["rekaps"][3], extra_args=("--lang", "en"))
    assert ("Warning: no consolidated workbook of Triwulan IV 2025 among those given; the latest state of 2025 is "
            "as of Triwulan III 2025, so an action finished after it is still carried. Add the workbook of "
            "Triwulan IV 2025 once it exists.") in warned.output.splitlines()


def _refused(result, out: Path) -> list[str]:
    assert result.exit_code == 2, result.output
    assert not out.exists()
    return result.output.strip().splitlines()


def test_each_refusal_of_from_says_why(year, tmp_path):
    tw4 = year["rekaps"][4]
    runner = year["runner"]
    out = tmp_path / "r.xlsx"

    def new(*args):
        return runner.invoke(cli, ["master", "new", str(out), "--framework", "2020", "--instansi", "Kabupaten Contoh",
                                   "--year", "2026", *args])

    assert _refused(new("--from", str(tw4), "--year", "2025"), out) == [
        f"Rekap {tw4} adalah tahun 2025, bukan tahun sebelum rencana 2025: rencana baru dimulai dari tahun yang "
        "sudah lewat. Berikan rekap tahun 2024."]
    assert _refused(new("--from", str(tw4), "--year", "2024"), out)[0].startswith(
        f"Rekap {tw4} adalah tahun 2025, bukan tahun sebelum rencana 2024")
    assert _refused(new("--from", str(tw4), "--instansi", "Kota Denpasar"), out) == [
        f"Rekap {tw4} milik Kabupaten Contoh, bukan Kota Denpasar: rencana baru dimulai dari rekap instansinya "
        "sendiri. Periksa nama instansi rencana baru, atau berikan rekap Kota Denpasar."]
    assert _refused(new("--from", str(tw4), "--framework", "2018"), out) == [
        f"Rekap {tw4} mengikuti PermenPANRB 59/2020, bukan PermenPANRB 5/2018 rencana baru: No indikatornya tidak "
        "dapat dibawa. Berikan rekap rencana dengan kerangka PermenPANRB 5/2018, atau tambahkan --framework-change "
        "(aksi lanjutannya dibawa tanpa No, untuk dipilih DKIS)."]
    denpasar = ROOT / "examples" / "rekap-triwulan-ii-2019.xlsx"
    assert _refused(new("--from", str(tw4), "--from", str(denpasar)), out) == [
        f"Rekap yang diberikan milik instansi yang berbeda: {tw4} (Kabupaten Contoh); {denpasar} (Kota Denpasar). "
        "Berikan rekap satu instansi saja."]
    contoh_2026 = ROOT / "examples" / "kabupaten-contoh" / "rekap-triwulan-i-2026.xlsx"
    assert _refused(new("--from", str(tw4), "--from", str(contoh_2026)), out) == [
        f"Rekap yang diberikan dari tahun yang berbeda: {tw4} (Triwulan IV 2025); {contoh_2026} (Triwulan I 2026). "
        "Berikan rekap satu tahun saja, tahun sebelum rencana baru."]
    empty = tmp_path / "kosong"
    shutil.copytree(year["tmp"] / "templat-1", empty)  # templates only: no consolidated workbook
    assert _refused(new("--from", str(empty)), out) == [
        f"Tidak ada rekap spbe-excel di {empty}. Berikan rekap tahun lalu yang ditulis spbe-excel consolidate "
        "(rekap akhir tahunnya, atau rekap setiap periodenya: berkas atau foldernya)."]
    template = next(empty.iterdir())
    assert _refused(new("--from", str(template)), out)[0].startswith(f"Berkas {template} bukan rekap spbe-excel")
    english = runner.invoke(cli, ["master", "new", str(out), "--framework", "2020", "--instansi", "Kota Denpasar",
                                  "--year", "2026", "--from", str(tw4), "--lang", "en"])
    assert _refused(english, out) == [
        f"The consolidated workbooks {tw4} are of Kabupaten Contoh, not Kota Denpasar: a new plan starts from its own "
        "institution's workbooks. Check the new plan's institution, or give those of Kota Denpasar."]
    # "Pemerintah Kabupaten Contoh" and "Kab. Contoh" are one instansi
    assert new("--from", str(tw4), "--instansi", "Pemerintah Kab. Contoh").exit_code == 0


def test_next_year_starts_from_the_year_workbook_as_from_its_quarters(year, tmp_path):
    """`master new --from` the year workbook (`spbe-excel year`) carries what its quarters' workbooks carry: it
    stands for the consolidated workbooks it was made from, found where they were or beside it; moved away from
    them, it is refused with a message that names those it cannot find."""
    import shutil

    rekaps = [year["rekaps"][q] for q in range(1, 5)]
    book = rekaps[0].parent / "rekap-2025.xlsx"
    done = year["runner"].invoke(cli, ["year", *map(str, rekaps), "-o", str(book)])
    assert done.exit_code == 0, done.output
    from_quarters, out_q = new_plan(year, tmp_path / "q", *rekaps)
    from_year, out_y = new_plan(year, tmp_path / "y", book)
    assert from_quarters.exit_code == from_year.exit_code == 0, from_year.output
    assert carried(out_y) == carried(out_q) and carried(out_y)
    # the quarters moved beside the year workbook elsewhere: found there
    moved = tmp_path / "pindah"
    moved.mkdir()
    for path in (*rekaps, book):
        shutil.copy2(path, moved / path.name)
    for path in rekaps:
        path.rename(path.with_suffix(".bak"))
    try:
        again, out_m = new_plan(year, tmp_path / "m", moved / book.name)
        assert again.exit_code == 0, again.output
        assert carried(out_m) == carried(out_q)
        (moved / rekaps[1].name).unlink()
        refused, _ = new_plan(year, tmp_path / "r", moved / book.name)
        assert refused.exit_code == 2
        assert f"Rekap tahunan {moved / book.name} dibuat dari rekap tiap periode" in refused.output
        assert rekaps[1].name in refused.output and rekaps[0].name not in refused.output.split("ditemukan")[1]
    finally:
        for path in rekaps:
            path.with_suffix(".bak").rename(path)
