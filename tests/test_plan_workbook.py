"""The plan workbook of ``master new`` (what DKIS sees and may change), what ``master check`` says about a plan
(cells still to fill, differences from its framework, weights that do not add up, one line per problem with its
cell), extra actions, the reporting period kind, and bad input to ``master new``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from planfill import fill_plan, header, sheet

from spbe_excel.cli import cli
from spbe_excel.errors import MasterListError, UsageError
from spbe_excel.master import checked_period, load_master
from spbe_excel.master.check import Problems
from spbe_excel.master.planfile import CARRIED, INDICATOR_COLUMNS, with_extra_actions
from spbe_excel.master.tables import Table
from spbe_excel.model.periods import period_kind_of, periods_of_year
from spbe_excel.text.errors import error_text, problem_text


def _new(tmp_path: Path, *args: str, name: str = "rencana.xlsx") -> tuple[Path, object]:
    out = tmp_path / name
    done = CliRunner().invoke(cli, ["master", "new", str(out), "--framework", "2020", "--instansi",
                                    "Kabupaten Contoh", "--year", "2026", *args])
    return out, done


def _rows(n_opds: str = "DISKOMINFO") -> dict[int, dict]:
    return {no: {"baseline_level": 2, "recommendation": f"R{no}", "follow_up": f"Aksi {no}", "target_year": 2026,
                 "opds": n_opds} for no in range(1, 48)} | {
        no: {"baseline_level": 2, "recommendation": f"R{no}", "follow_up": f"Aksi {no}", "target_year": 2026,
             "opds": n_opds, "indicator": f"Layanan Sektor Daring {no}"} for no in (45, 46, 47)}


OPDS = [("DISKOMINFO", "Dinas Komunikasi dan Informatika", ""), ("BAPPEDA", "Badan Perencanaan", "")]


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    out, done = _new(tmp_path_factory.mktemp("plan"))
    assert done.exit_code == 0, done.output
    return out


# ---- the workbook ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, names", [
    ("id", ["Petunjuk", "Indikator", "Aksi Tambahan", "OPD", "Info"]),
    ("en", ["Instructions", "Indicators", "Extra Actions", "OPD", "Info"]),
])
def test_sheets_in_both_languages(tmp_path, lang, names):
    out, done = _new(tmp_path, "--lang", lang)
    assert done.exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == names
    assert wb.active.title == names[0]
    text = " ".join(str(c.value) for row in wb[names[0]].iter_rows() for c in row if c.value)
    if lang == "id":
        assert "Satu indikator dengan beberapa aksi" in text and "lembar Aksi Tambahan" in text
        assert "spbe-excel master check rencana.xlsx" in text and '--period "Triwulan I 2026"' in text
    else:
        assert "An indicator with several actions" in text and "sheet Extra Actions" in text
    assert "1 - Rintisan" in text or "1 - Initial" in text


def test_framework_cells_locked_plan_cells_open(plan):
    wb = openpyxl.load_workbook(plan)
    ws = sheet(wb, "master.sheet.indicators")
    head, cols = header(ws, INDICATOR_COLUMNS)
    assert ws.protection.sheet and not ws.protection.password
    assert [ws.cell(head + 1, cols[k]).value for k in ("no", "domain", "aspect", "weight", "level_kind")] == \
        [1, "Kebijakan Internal SPBE", "Kebijakan Internal Tata Kelola SPBE", 1.3, "Kapabilitas"]
    first, last = head + 1, head + 47
    for key in ("no", "indicator", "domain", "aspect", "weight", "level_kind"):
        assert ws.cell(first, cols[key]).protection.locked, key
    for key in ("baseline_level", "target_level", "recommendation", "follow_up", "target_year", "opds",
                "carried_over"):
        assert not ws.cell(first, cols[key]).protection.locked, key
    assert ws.cell(last, cols["indicator"]).value == "Tingkat Kematangan Layanan Publik Sektor 3"
    assert not ws.cell(last, cols["indicator"]).protection.locked  # the instansi names its service
    assert ws.cell(last - 3, cols["indicator"]).protection.locked  # 44 (JDIH) is the framework's
    assert all(ws.cell(r, cols[k]).value is None for r in range(first, last + 1)
               for k in ("baseline_level", "follow_up", "opds"))


def test_dropdowns(plan):
    wb = openpyxl.load_workbook(plan)
    ws = sheet(wb, "master.sheet.indicators")
    dv = {(str(v.sqref), v.formula1) for v in ws.data_validations.dataValidation if v.type == "list"}
    assert ("G5:G35", '"1 - Rintisan,2 - Terkelola,3 - Terdefinisi,4 - Terpadu dan Terukur,5 - Optimum"') in dv
    assert ("G36:G51", '"1 - Informasi,2 - Interaksi,3 - Transaksi,4 - Kolaborasi,5 - Optimalisasi"') in dv
    assert ("K5:K51", '"2026,2027,2028,2029,2030"') in dv
    assert ("L5:L51", "OPD!$A$2:$A$301") in dv
    extra = sheet(wb, "master.sheet.extra")
    assert ("A5:A104", "Indikator!$A$5:$A$51") in {(str(v.sqref), v.formula1)
                                                   for v in extra.data_validations.dataValidation}
    info = {r[0].value: r[1].value for r in sheet(wb, "master.sheet.info").iter_rows(max_col=2)}
    assert info == {"Instansi": "Kabupaten Contoh", "Judul": "Rencana Aksi Peningkatan Indeks SPBE 2026",
                    "Tahun Rencana": 2026, "Periode Pelaporan": "Triwulan",
                    "Kerangka": "PermenPANRB 59/2020 (Peraturan Menteri PANRB Nomor 59 Tahun 2020 tentang Pemantauan "
                                "dan Evaluasi Sistem Pemerintahan Berbasis Elektronik)"}


def test_same_inputs_same_bytes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, _ = _new(tmp_path / "a")
    b, _ = _new(tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.libreoffice
def test_a_plan_saved_by_libreoffice_reads_the_same(plan, tmp_path, libreoffice):
    filled = fill_plan(plan, tmp_path / "terisi.xlsx", _rows("DISKOMINFO; BAPPEDA"), opds=OPDS)
    master = load_master(filled)
    for fmt in ("xlsx", "ods"):
        [out] = libreoffice.convert(filled, fmt, tmp_path / fmt)
        again = load_master(out)
        assert again.fingerprint == master.fingerprint and again.period_kind == "q", fmt
        assert [i.opds for i in again.indicators] == [("DISKOMINFO", "BAPPEDA")] * 47


# ---- master check ---------------------------------------------------------------------------------

def test_a_blank_plan_names_every_cell_still_to_fill(plan, tmp_path):
    """A row without Tindak Lanjut and OPD is an indicator without an action this year (issue 11), so a blank
    plan misses its baselines, one line each; with baselines and no action at all, that is the one problem."""
    done = CliRunner().invoke(cli, ["master", "check", str(plan)])
    assert done.exit_code == 2
    lines = done.output.strip().splitlines()
    assert lines[0] == f"Daftar induk {plan} tidak dapat dipakai (47 masalah):"
    assert lines[1:-1] == [f"  - Indikator!G{r}: Nilai Tingkat Kematangan kosong; isi nilainya" for r in range(5, 52)]
    wb = openpyxl.load_workbook(plan)
    for r in range(5, 52):
        wb["Indikator"].cell(r, 7).value = "2 - Terkelola"
    baselines = tmp_path / "awal.xlsx"
    wb.save(baselines)
    done = CliRunner().invoke(cli, ["master", "check", str(baselines)])
    assert done.exit_code == 2
    assert done.output.strip().splitlines()[1] == ("  - Indikator!J5: tidak ada aksi: setiap baris tanpa Tindak Lanjut "
                                                    "dan OPD Terkait; isi aksi yang dipantau")


def test_weights_overridden_warn_per_cell(plan, tmp_path):
    rows = _rows()
    rows[1]["weight"] = 2.3  # and No 2 gives it back: the sum stays 100
    rows[2]["weight"] = 0.3
    rows[3]["aspect"] = "Kebijakan Tata Kelola"
    rows[33]["level_kind"] = "Kapabilitas"
    rows[46]["indicator"] = "Tingkat Kematangan Layanan Publik Sektor 2"  # not named
    filled = _filled_unlocked(plan, tmp_path, rows)
    done = CliRunner().invoke(cli, ["master", "check", str(filled)])
    assert done.exit_code == 0, done.output
    assert done.output.strip().splitlines()[1:] == [
        "Peringatan (5); daftar induk tetap dapat dipakai:",
        "  - Indikator!E5: Bobot 2.3 % berbeda dari kerangka PermenPANRB 59/2020 (1.3 %); indeks dihitung dengan "
        "bobot daftar ini",
        "  - Indikator!E6: Bobot 0.3 % berbeda dari kerangka PermenPANRB 59/2020 (1.3 %); indeks dihitung dengan "
        "bobot daftar ini",
        '  - Indikator!D7: Aspek "Kebijakan Tata Kelola" berbeda dari kerangka PermenPANRB 59/2020 ("Kebijakan '
        'Internal Tata Kelola SPBE")',
        '  - Indikator!F37: Jenis Tingkat "Kapabilitas" berbeda dari kerangka PermenPANRB 59/2020 ("Layanan")',
        '  - Indikator!B50: nama layanan publik belum diisi: ganti "Tingkat Kematangan Layanan Publik Sektor 2" '
        "dengan nama layanan publik yang dinilai"]
    master = load_master(filled)
    assert master.indicator(1).weight == 2.3  # the plan's own weights count


def _filled_unlocked(plan: Path, tmp_path: Path, rows: dict) -> Path:
    """DKIS unprotects the sheet and types over framework cells (openpyxl ignores the protection)."""
    return fill_plan(plan, tmp_path / "terisi.xlsx", rows, opds=OPDS)


def test_weights_that_do_not_add_up_are_an_error(plan, tmp_path):
    rows = _rows()
    rows[47]["weight"] = 4
    done = CliRunner().invoke(cli, ["master", "check", str(_filled_unlocked(plan, tmp_path, rows))])
    assert done.exit_code == 2
    assert "  - Indikator!E4: jumlah bobot 101 %, seharusnya 100 %" in done.output.splitlines()


def test_bad_cells_one_line_each(plan, tmp_path):
    rows = _rows()
    rows[5]["opds"] = "DISKOMINFO; Dinas Pariwisata"
    rows[6]["baseline_level"] = "7"
    extra = [{"no": None, "follow_up": "Aksi tanpa indikator", "opds": "BAPPEDA", "target_year": 2026},
             {"no": 99, "follow_up": "Aksi indikator asing", "opds": "BAPPEDA", "target_year": 2026}]
    filled = fill_plan(plan, tmp_path / "terisi.xlsx", rows, extra=extra, opds=OPDS,
                       info={"master.info.period_kind": "Mingguan"})
    with pytest.raises(MasterListError) as caught:
        load_master(filled)
    assert [problem_text(p, "id") for p in caught.value.problems] == [
        'Info!B5: Periode Pelaporan harus Triwulan, Semester atau Bulan, tertulis "Mingguan"',
        "Aksi Tambahan!A5: No kosong: tulis nomor indikator aksi ini (No di lembar Indikator)",
        'Aksi Tambahan!A6: No "99" tidak ada di lembar Indikator; tulis nomor indikator aksi ini',
        'Indikator!L9: OPD "Dinas Pariwisata" tidak dikenal; tambahkan ke lembar OPD atau perbaiki namanya',
        'Indikator!G10: Nilai Tingkat Kematangan harus 1 sampai 5, tertulis "7"',
    ]


def test_an_unknown_framework_is_a_warning_at_its_cell(plan, tmp_path):
    filled = fill_plan(plan, tmp_path / "terisi.xlsx", _rows(), opds=OPDS, info={"master.info.framework": "Permen 9"})
    done = CliRunner().invoke(cli, ["master", "check", str(filled), "--lang", "en"])
    assert done.exit_code == 0
    assert done.output.strip().splitlines()[1:] == [
        "1 warning; the master list can still be used:",
        '  - Info!B4: framework "Permen 9" is unknown, so weights are not compared; write one of 2018 (PermenPANRB '
        "5/2018), 2020 (PermenPANRB 59/2020)"]


def test_the_embedded_plan_exported_checks_without_warning(tmp_path):
    runner = CliRunner()
    runner.invoke(cli, ["master", "export", str(tmp_path / "m.xlsx")])
    done = runner.invoke(cli, ["master", "check", str(tmp_path / "m.xlsx")])
    assert done.exit_code == 0 and len(done.output.strip().splitlines()) == 1


# ---- extra actions --------------------------------------------------------------------------------

def test_extra_actions_become_rows_after_their_indicator():
    main = Table("Indikator", [
        ["No", "Indikator", "Rekomendasi", "Nilai Tingkat Kematangan", "Tindak Lanjut", "Target Waktu",
         "OPD Terkait", "Domain", "Aspek", "Bobot (%)", "Jenis Tingkat"],
        [1, "Satu", "R1", 2, "A1", 2026, "X", "D", "A", 50, "Kapabilitas"],
        [2, "Dua", "R2", 3, "", 2026, "", "D", "A", 50, "Kapabilitas"],
    ])
    extra = Table("Aksi Tambahan", [
        ["No", "Indikator", "Rekomendasi", "Tindak Lanjut", "Target Waktu", "OPD Terkait", "Lanjutan"],
        [2, "Dua", "", "B2", 2027, "Y", "ya"],
        [1, "Satu", "R1b", "A2", 2026, "Z", ""],
        [2, "", "", "", "", "", ""],  # a No alone: ignored
    ])
    combined = with_extra_actions(main, extra, Problems())
    assert [r[:7] for r in combined.rows[1:]] == [
        [1, "Satu", "R1", 2, "A1", 2026, "X"],
        [1, "Satu", "R1b", 2, "A2", 2026, "Z"],
        [2, "Dua", "R2", 3, "B2", 2027, "Y"],  # No 2's own row had no action: the extra one takes its place
    ]
    assert combined.rows[0][-1] == CARRIED.label_id and combined.rows[3][-1] == "ya"
    assert combined.cell(2, 4) == "Aksi Tambahan!D3"  # the action's own cells: the extra sheet
    assert combined.cell(2, 0) == "Aksi Tambahan!A3"
    assert combined.cell(2, 3) == "Indikator!D2"  # the indicator's cells: the indicator sheet
    assert combined.cell(3, 2) == "Indikator!C3"  # the inherited recommendation
    assert with_extra_actions(main, None, Problems()) is main


def test_an_indicator_whose_only_action_is_an_extra_one_loads(plan, tmp_path):
    rows = _rows()
    rows[7] = {"baseline_level": 3, "recommendation": "R7"}  # no action on its own row
    extra = [{"no": 7, "follow_up": "Aksi dari lembar tambahan", "opds": "BAPPEDA", "target_year": 2027}]
    master = load_master(fill_plan(plan, tmp_path / "terisi.xlsx", rows, extra=extra, opds=OPDS))
    ind = master.indicator(7)
    assert (ind.follow_up, ind.opds, ind.target_year, ind.baseline_level) == \
        ("Aksi dari lembar tambahan", ("BAPPEDA",), 2027, 3)
    assert ind.recommendation == "R7"  # the indicator's
    assert [i.no for i in master.indicators] == list(range(1, 48))


# ---- reporting periods ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [("Triwulan", "q"), ("triwulanan", "q"), ("Quarter", "q"), ("per semester", "s"),
                                        ("Semester", "s"), ("Bulan", "m"), ("bulanan", "m"), ("Monthly", "m"),
                                        ("Mingguan", None), ("", None)])
def test_period_kinds(text, kind):
    assert period_kind_of(text) == kind


def test_a_plan_per_semester_refuses_a_quarter(master):
    import dataclasses

    semester = dataclasses.replace(master, period_kind="s")
    assert str(checked_period("S2 2019", semester)) == "Semester II 2019"
    with pytest.raises(UsageError) as caught:
        checked_period("Triwulan III 2019", semester)
    assert error_text(caught.value, "en") == ('This plan is reported per Semester, so "Triwulan III 2019" is not one '
                                              'of its periods: write one of "Semester I 2019", "Semester II 2019".')
    assert str(checked_period("Agustus 2019", master)) == "Agustus 2019"  # a plan that does not say: any kind
    assert [p.label() for p in periods_of_year("m", 2026)][:2] == ["Januari 2026", "Februari 2026"]


def test_the_blank_template_lists_the_plan_s_periods(plan, tmp_path):
    filled = fill_plan(plan, tmp_path / "terisi.xlsx", _rows(), opds=OPDS, info={"master.info.period_kind": "Bulan"})
    done = CliRunner().invoke(cli, ["template", str(tmp_path / "t"), "--all", "--master", str(filled)])
    assert done.exit_code == 0, done.output
    ws = openpyxl.load_workbook(tmp_path / "t" / "monev_template.xlsx").worksheets[1]
    periods = next(v for v in ws.data_validations.dataValidation if str(v.sqref) == "G2")
    assert periods.formula1 == '"' + ",".join(p.label() for p in periods_of_year("m", 2026)) + '"'
    assert periods.prompt == "Rencana ini dilaporkan per Bulan: pilih periodenya dari daftar, misalnya Januari 2026."


# ---- master new: bad input ------------------------------------------------------------------------

def test_master_new_refuses_to_overwrite_a_plan(tmp_path):
    out, _ = _new(tmp_path)
    before = out.read_bytes()
    _, again = _new(tmp_path)
    assert again.exit_code == 2
    assert again.output.strip().splitlines() == [
        f"{out} sudah ada dan mungkin rencana yang sudah diisi; pakai nama lain, atau tambahkan --force untuk "
        "menimpanya."]
    assert out.read_bytes() == before
    _, forced = _new(tmp_path, "--force", "--period-kind", "bulan")
    assert forced.exit_code == 0 and "dilaporkan per Bulan" in forced.output


@pytest.mark.parametrize("args, message", [
    (["--instansi", " "], "Nama instansi kosong; tulis misalnya --instansi \"Kabupaten Contoh\"."),
    (["--framework", "PermenPANRB 15/2018"], 'Kerangka evaluasi tidak dikenal: "PermenPANRB 15/2018". Yang dikenal: '
                                             "2018 (PermenPANRB 5/2018), 2020 (PermenPANRB 59/2020)."),
])
def test_master_new_bad_options_one_line(tmp_path, args, message):
    base = {"--framework": "2020", "--instansi": "Kabupaten Contoh", "--year": "2026"}
    base.update(dict(zip(args[::2], args[1::2])))
    done = CliRunner().invoke(cli, ["master", "new", str(tmp_path / "r.xlsx"),
                                    *(x for kv in base.items() for x in kv)])
    assert done.exit_code == 2 and done.output.strip().splitlines() == [message]
    assert not (tmp_path / "r.xlsx").exists()


def test_master_new_output_must_be_xlsx(tmp_path):
    out, done = _new(tmp_path, name="rencana.csv")
    assert done.exit_code == 2 and "harus berakhiran .xlsx" in done.output and not out.exists()


def test_master_new_opd_file_problems_one_line_each(tmp_path):
    opd = tmp_path / "opd.csv"
    opd.write_text("Kode,Nama Resmi,Alias\nDISKOMINFO,Dinas Kominfo,\nbad code,Dinas X,\nDISKOMINFO,Lagi,\n",
                   encoding="utf-8")
    _, done = _new(tmp_path, "--opd", str(opd))
    assert done.exit_code == 2
    assert done.output.strip().splitlines()[1:3] == [
        '  - opd.csv!A3: kode OPD "BAD CODE" tidak valid; pakai huruf besar, angka, - atau _',
        "  - opd.csv!A4: kode OPD DISKOMINFO dipakai lebih dari sekali"]


def test_master_new_opd_from_a_workbook(tmp_path):
    src = tmp_path / "opd.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "OPD"
    for row in (["Kode", "Nama Resmi", "Alias", "Surel", "No. WA", "Narahubung"],
                ["DINKES", "Dinas Kesehatan", "Dinkes; Dinas Kesehatan Kab.", "dinkes@contoh.go.id", 81234567890,
                 "Ni Luh Ayu"], ["DISPAR", "Dinas Pariwisata"]):
        wb.active.append(row)
    wb.save(src)
    out, done = _new(tmp_path, "--opd", str(src))
    assert done.exit_code == 0 and "2 OPD" in done.output
    ws = sheet(openpyxl.load_workbook(out), "master.sheet.opd")
    assert [c.value for c in ws[1]] == ["Kode", "Nama Resmi", "Alias", "E-mail", "WhatsApp", "Narahubung"]
    # the contacts the OPD list gave, the WhatsApp number with its country code (Excel dropped the 0 of 0812...)
    assert [c.value for c in ws[2]] == ["DINKES", "Dinas Kesehatan", "Dinkes; Dinas Kesehatan Kab.",
                                        "dinkes@contoh.go.id", "+6281234567890", "Ni Luh Ayu"]
    assert [c.value for c in ws[3]] == ["DISPAR", "Dinas Pariwisata", None, None, None, None]
    hints = {str(v.sqref): v.prompt for v in ws.data_validations.dataValidation}
    assert "pengingat" in hints["D2:D301"] and "0812-3456-7890" in hints["E2:E301"]
    assert dt.date  # (imported for symmetry with the other plan tests)
