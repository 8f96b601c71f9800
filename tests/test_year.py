"""The year at a glance (issue 20, points 2 and 3): a 2025 plan run through its four quarters
(:mod:`yearplan`), the year workbook made from its consolidated workbooks (``spbe-excel year``), read back cell by
cell against the quarters' own workbooks, recalculated by LibreOffice, and the leaders' page
(``spbe-excel report``) read back from the PDF: its text, where the text stands, its size."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from yearplan import QUARTERS, VERIFIED, make_year

from spbe_excel.cli import cli
from spbe_excel.text import t
from spbe_excel.text.words import index_text

REQUIRE_TOOLS = __import__("os").environ.get("SPBE_REQUIRE_LIBREOFFICE") == "1"


def _book(path: Path, data_only: bool = True):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path, data_only=data_only)


@pytest.fixture(scope="module")
def year25(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("year25")
    made = make_year(root, verify=VERIFIED)  # DKIS marks BKPSDM's level on No 1 Sesuai in Triwulan III
    runner = CliRunner()
    rekaps = made["rekaps"]
    shuffled = [rekaps[2], rekaps[0], rekaps[3], rekaps[1]]  # in any order
    out = root / "rekap-2025.xlsx"
    made["year"] = runner.invoke(cli, ["year", *map(str, shuffled), "-o", str(out)])
    made["book"] = out
    made["year_en"] = runner.invoke(cli, ["year", str(root), "-o", str(root / "year-en.xlsx"), "--lang", "en"])
    made["book_en"] = root / "year-en.xlsx"
    made["root"] = root
    return made


def _rows(ws, header_row: int) -> list[dict]:
    """The rows below ``header_row`` (1-based) as {header: value}, up to the first empty one."""
    heads = [c.value for c in ws[header_row]]
    out = []
    for r in range(header_row + 1, ws.max_row + 1):
        row = [c.value for c in ws[r]]
        if row[0] is None:
            break
        out.append(dict(zip(heads, row)))
    return out


def _rekap_index(path: Path, which: str = "perkiraan") -> tuple[float, str]:
    """The counted (``which`` "terverifikasi": verified) index and its predikat as a quarter's consolidated
    workbook shows them (Ringkasan)."""
    ws = _book(path)["Ringkasan"]
    row = next(r for r in ws.iter_rows(values_only=True) if r[0] == f"Indeks SPBE {which}")
    return row[1], row[2]


def test_the_year_command_writes_the_year_from_files_in_any_order(year25):
    done = year25["year"]
    assert done.exit_code == 0, done.output
    assert done.output.splitlines() == [
        f"Ditulis: {year25['book']}",
        "Kabupaten Contoh 2025: 4 dari 4 periode berekap, terakhir Triwulan IV 2025.",
        "Indeks SPBE Triwulan IV 2025: awal 2,04, dihitung 2,20 (Cukup), diklaim 2,23, terverifikasi 2,05, target "
        "3,04.",
        "Lewat Target Waktu: 46 pasangan aksi x OPD."]
    en = year25["year_en"]  # a folder: the plans in it are skipped, named
    assert en.exit_code == 0, en.output
    assert "Skipped (not a consolidated workbook): " in en.output and "rencana-2025-terisi.xlsx" in en.output
    assert ("SPBE index Triwulan IV 2025: baseline 2.04, counted 2.20 (Fair), claimed 2.23, verified 2.05, target "
            "3.04.") in en.output


def test_the_index_per_period_is_each_quarter_s_own(year25):
    """Per period the counted index and its predikat, and the verified index, are those the quarter's consolidated
    workbook shows, to the last bit; the baseline and the target are the plan's."""
    ws = _book(year25["book"])["Ringkasan"]
    rows = _rows(ws, 5)
    assert [r["Periode"] for r in rows] == list(QUARTERS)
    for row, rekap in zip(rows, year25["rekaps"]):
        counted, name = _rekap_index(rekap)
        assert row["Dihitung"] == counted and row["Predikat"] == name
        assert row["Rekap"] == rekap.name
        assert row["Terverifikasi"] == _rekap_index(rekap, "terverifikasi")[0]
        assert row["Awal"] == pytest.approx(2.0375) and row["Target"] == pytest.approx(3.0375)
        assert row["Ke target"] == pytest.approx(row["Target"] - row["Dihitung"])
    assert [index_text(r["Dihitung"]) for r in rows] == ["2,04", "2,09", "2,17", "2,20"]
    assert [index_text(r["Diklaim"]) for r in rows] == ["2,04", "2,09", "2,20", "2,23"]  # DPMPTSP's claim on 47
    # DKIS marked BKPSDM's level 3 on No 1 (weight 1.3 %, baseline 2) Sesuai in Triwulan III; it holds in Triwulan IV
    assert [r["Terverifikasi"] for r in rows] == [2.0375, 2.0375, 2.0375 + 0.013, 2.0375 + 0.013]
    assert [index_text(r["Terverifikasi"]) for r in rows] == ["2,04", "2,04", "2,05", "2,05"]
    indeks = _book(year25["book"])["Indeks"]  # per period the levels counted, claimed and verified
    assert [c.value for c in indeks[15]][7:10] == ["Dihitung", "Diklaim", "Terverifikasi"]
    no1 = next(r for r in indeks.iter_rows(min_row=16, values_only=True) if r[0] == 1)
    assert no1[7:] == (2, 2, 2, 3, 3, 2, 3, 3, 3, 3, 3, 3)


def _progress(path: Path) -> dict[tuple[str, str], dict]:
    """Perkembangan by (action, OPD): the period columns as "Triwulan I 2025/Status", the rest by header."""
    ws = _book(path)["Perkembangan"]
    top, sub = [c.value for c in ws[4]], [c.value for c in ws[5]]
    heads, group = [], None
    for a, b in zip(top, sub):
        group = a if a is not None else group
        heads.append(f"{group}/{b}" if b is not None and group != b else (a or b))
    out = {}
    for r in range(6, ws.max_row + 1):
        row = dict(zip(heads, (c.value for c in ws[r])))
        out[(str(row["Aksi"]), row["Kode OPD"])] = row
    return out


def test_each_action_and_opd_per_period_and_its_latest_state(year25):
    rows = _progress(year25["book"])
    assert len(rows) == 49  # every action and OPD of the plan
    silent = rows[("9", "INSPEKTORAT")]  # Selesai in Triwulan III, no file in Triwulan IV
    assert silent["Triwulan III 2025/Status"] == "Selesai" and silent["Triwulan IV 2025/Status"] == "Belum Lapor"
    assert (silent["Terakhir dilaporkan tahun ini/Periode"], silent["Terakhir dilaporkan tahun ini/Status"],
            silent["Terakhir dilaporkan tahun ini/Progres"], silent["Perkembangan"]) == (
        "Triwulan III 2025", "Selesai", 1, "Selesai")
    assert rows[("30", "INSPEKTORAT")]["Perkembangan"] == "Tidak lapor"
    stalled = rows[("3", "DISKOMINFO")]
    assert [stalled[f"{q}/Progres"] for q in QUARTERS] == [0.2, 0.4, 0.4, 0.4]
    assert stalled["Perkembangan"] == "Macet"
    assert rows[("1", "BKPSDM")]["Perkembangan"] == "Naik"
    assert [rows[("1", "BKPSDM")][f"{q}/Tingkat"] for q in QUARTERS] == [None, 3, 3, 3]
    later = rows[("11.2", "BAPPEDA")]
    assert later["Target Waktu"] == 2027 and later["Tindak Lanjut"] == "Menyusun Peta Rencana SPBE 2025-2029"
    unsupported = rows[("12", "BAPPEDA")]  # Selesai at 90 % without evidence: reported as such
    assert (unsupported["Triwulan IV 2025/Status"], unsupported["Triwulan IV 2025/Progres"]) == ("Selesai", 0.9)


def test_a_stalled_or_silent_row_is_marked(year25):
    ws = _book(year25["book"], data_only=False)["Perkembangan"]
    rules = [(str(rng.sqref), rule.formula[0], rule.dxf.fill.bgColor.rgb if rule.dxf and rule.dxf.fill else None)
             for rng in ws.conditional_formatting for rule in rng.rules if rule.type == "expression"]
    marked: dict[str, list] = {}
    for sqref, formula, fill in rules:
        marked.setdefault(formula.split("=")[-1], []).append((sqref, fill[-6:]))
    assert marked['"Macet"'] == [("A6:E54", "FFE699"), ("U6:U54", "FFE699")]  # No to Target Waktu, and the trend
    assert marked['"Tidak lapor"'] == [("A6:E54", "FFC7CE"), ("U6:U54", "FFC7CE")]


def test_each_opd_s_reporting_and_lateness(year25):
    ws = _book(year25["book"])["Pelaporan"]
    due = [c.value for c in ws[4] if isinstance(c.value, dt.datetime)]
    assert [d.date() for d in due] == [dt.date(2025, 4, 10), dt.date(2025, 7, 10), dt.date(2025, 10, 10),
                                       dt.date(2026, 1, 10)]
    sub = [c.value for c in ws[6]]
    late_cols = [i for i, v in enumerate(sub) if v == "Hari terlambat"]
    rate_cols = [i for i, v in enumerate(sub) if v == "Dilaporkan"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=7, values_only=True) if r[0]}
    assert [rows["BKPSDM"][c] for c in late_cols] == [10, 0, 0, 0]
    assert [rows["DPMPTSP"][c] for c in late_cols] == [0, 0, 5, 0]
    assert [rows["INSPEKTORAT"][c] for c in rate_cols] == [1, 1, 1, 0]
    assert [rows["INSPEKTORAT"][c] for c in late_cols] == [0, 0, 0, None]
    assert rows["INSPEKTORAT"][-3:] == (3, 0, 1) and rows["BKPSDM"][-3:] == (3, 1, 0)


def test_the_actions_past_their_target_year(year25):
    ws = _book(year25["book"])["Lewat Target"]
    rows = _rows(ws, 4)
    assert len(rows) == 46
    assert [(str(r["Aksi"]), r["Kode OPD"], r["Progres terakhir"]) for r in rows[:4]] == [
        ("3", "DISKOMINFO", 0.4), ("6", "DISKOMINFO", 0.4), ("30", "INSPEKTORAT", 0.6), ("40", "INSPEKTORAT", 0.6)]
    listed = {(str(r["Aksi"]), r["Kode OPD"]) for r in rows}
    assert ("9", "INSPEKTORAT") not in listed  # finished in Triwulan III: stays finished
    assert ("11.2", "BAPPEDA") not in listed  # due in 2027
    assert ("12", "BAPPEDA") not in listed  # reported Selesai (unsupported: the hand-over's to judge)
    assert rows[2]["Dilaporkan"] == "Triwulan III 2025"  # INSPEKTORAT's latest report


def test_a_missing_period_is_shown_as_missing(year25, tmp_path):
    rekaps = year25["rekaps"]
    runner = CliRunner()
    out = tmp_path / "gap.xlsx"
    done = runner.invoke(cli, ["year", str(rekaps[0]), str(rekaps[2]), str(rekaps[3]), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "Tidak ada rekap: Triwulan II 2025." in done.output
    assert "3 dari 4 periode berekap" in done.output
    rows = _rows(_book(out)["Ringkasan"], 5)
    assert [(r["Periode"], r["Rekap"], r["Dihitung"]) for r in rows][1] == ("Triwulan II 2025", "tidak ada rekap",
                                                                           None)
    progress = _book(out)["Perkembangan"]
    assert "Triwulan II 2025\ntidak ada rekap" in [c.value for c in progress[4]]
    early = tmp_path / "early.xlsx"
    done = runner.invoke(cli, ["year", str(rekaps[0]), str(rekaps[1]), "-o", str(early), "--lang", "en"])
    rows = _rows(_book(early)["Summary"], 5)
    assert [r["Consolidated workbook"] for r in rows][2:] == ["not consolidated yet", "not consolidated yet"]
    assert "No consolidated workbook" not in done.output  # later periods are not gaps


def _older(source: Path, out: Path) -> Path:
    """``source`` as a consolidated workbook of version 3 says it is (before DKIS verified in the workbook): its
    metadata's version changed in the file's XML, every cached value kept."""
    import zipfile

    with zipfile.ZipFile(source) as z:
        files = {name: z.read(name) for name in z.namelist()}
    strings = re.findall(r"<si>(.*?)</si>", files["xl/sharedStrings.xml"].decode(), re.S)
    book, rels = files["xl/workbook.xml"].decode(), files["xl/_rels/workbook.xml.rels"].decode()
    rid = re.search(r'<sheet name="spbe_meta"[^>]*r:id="(rId\d+)"', book).group(1)
    target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels)
    name = "xl/" + (target.group(1) or target.group(2)).lstrip("/").removeprefix("xl/")
    sheet = files[name].decode()
    key = strings.index("<t>version</t>")
    row = re.search(rf'<c r="A(\d+)" t="s"><v>{key}</v></c><c r="B\1" t="s"><v>\d+</v></c>', sheet)
    files[name] = sheet.replace(row.group(0), f'<c r="A{row.group(1)}" t="s"><v>{key}</v></c>'
                                f'<c r="B{row.group(1)}" t="inlineStr"><is><t>3</t></is></c>').encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in files.items():
            z.writestr(n, data)
    return out


def test_a_workbook_before_verification_has_no_verified_index(year25, tmp_path):
    """Triwulan I and II consolidated before DKIS verified in the workbook (version 3): their verified index is
    "not available" on Ringkasan, their verified levels blank on Indeks and nothing in the chart's series, never
    the baseline or the counted index; the later quarters' are theirs.  A year of such workbooks only: the console
    and the page say so."""
    from spbe_excel.pipeline import write_leaders_page
    from spbe_excel.read.ours.rekap import read_rekap

    rekaps = year25["rekaps"]
    old = [_older(rekaps[n], tmp_path / rekaps[n].name) for n in (0, 1)]
    got = read_rekap(old[0])
    assert not got.verifiable and all(p.verified is None for p in got.pairs) and read_rekap(rekaps[0]).verifiable
    runner = CliRunner()
    out = tmp_path / "mixed.xlsx"
    done = runner.invoke(cli, ["year", *map(str, old), str(rekaps[2]), str(rekaps[3]), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "terverifikasi 2,05" in done.output
    rows = _rows(_book(out)["Ringkasan"], 5)
    assert [r["Terverifikasi"] for r in rows] == ["tidak tersedia", "tidak tersedia", 2.0505, 2.0505]
    assert [r["Dihitung"] for r in rows] == [r["Dihitung"] for r in _rows(_book(year25["book"])["Ringkasan"], 5)]
    chart = [_book(out)["Ringkasan"].cell(r, 11).value for r in range(6, 10)]
    assert chart == [None, None, 2.0505, 2.0505]
    indeks = _book(out)["Indeks"]
    no1 = next(r for r in indeks.iter_rows(min_row=16, values_only=True) if r[0] == 1)
    assert no1[7:] == (2, 2, None, 3, 3, None, 3, 3, 3, 3, 3, 3)
    early = tmp_path / "early.xlsx"
    for lang, words in (("id", "terverifikasi tidak tersedia, target"), ("en", "verified not available, target")):
        done = runner.invoke(cli, ["year", *map(str, old), "-o", str(early), "--lang", lang])
        assert done.exit_code == 0 and words in done.output, done.output
    written = write_leaders_page(early, tmp_path / "early.pdf")
    assert written.page.verified is None and [p.verified for p in written.page.periods] == [None] * 4
    [page] = _pdf_words(tmp_path / "early.pdf")
    assert _line(page, "Terverifikasi").endswith("Awal Target Diklaim OPD Terverifikasi Ke target")
    assert _line(page, "tersedia").endswith("Cukup Baik Cukup tidak tersedia")


ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_workbooks_that_do_not_belong_together_are_refused(year25, tmp_path, lang):
    rekaps = year25["rekaps"]
    other_year = ROOT / "examples" / "kabupaten-contoh" / "rekap-triwulan-i-2026.xlsx"
    other_place = ROOT / "examples" / "rekap-triwulan-ii-2019.xlsx"
    runner = CliRunner()

    def refused(*paths) -> str:
        done = runner.invoke(cli, ["year", *map(str, paths), "-o", str(tmp_path / "x.xlsx"), "--lang", lang])
        assert done.exit_code == 2, done.output
        assert not (tmp_path / "x.xlsx").exists()
        return done.output.strip()

    words = {"id": ("Rekap dari tahun yang berbeda", "Rekap dari instansi yang berbeda", "Dua rekap untuk",
                    "bukan rekap spbe-excel", "adalah rekap tahunan"),
             "en": ("Workbooks of different years", "Workbooks of different institutions", "Two workbooks of",
                    "is not a consolidated workbook", "is a year workbook")}[lang]
    text = refused(rekaps[0], other_year)
    assert text.startswith(words[0]) and "2025: rekap-tw1-2025.xlsx; 2026: rekap-triwulan-i-2026.xlsx" in text
    text = refused(rekaps[1], other_place)
    assert text.startswith(words[1]) and "Kabupaten Contoh: rekap-tw2-2025.xlsx; Kota Denpasar: " in text
    copy = tmp_path / "salinan-tw2.xlsx"
    shutil.copyfile(rekaps[1], copy)
    assert refused(rekaps[1], copy).startswith(f"{words[2]} Triwulan II 2025: rekap-tw2-2025.xlsx, salinan-tw2.xlsx")
    assert words[3] in refused(year25["plan"]) and "rencana-2025-terisi.xlsx" in refused(year25["plan"])
    assert words[4] in refused(year25["book"])


def test_no_file_found_beside_the_workbooks_is_written_over_but_an_earlier_year_workbook(year25, tmp_path):
    """Found by a new user: ``year FOLDER -o FOLDER/the-plan.xlsx`` replaced the plan kept beside the quarters'
    workbooks (it was skipped, so it did not count as an input).  Every file found is an input now, but for an
    earlier year workbook, which ``year`` run again each period replaces; the same workbook reached twice
    (named, and in the folder) is read once; ``report`` told a folder that it did not exist."""
    folder = tmp_path / "tahun"
    folder.mkdir()
    for path in [*year25["rekaps"], year25["plan"]]:
        shutil.copy2(path, folder / path.name)
    plan = folder / year25["plan"].name
    before = plan.read_bytes()
    runner = CliRunner()
    done = runner.invoke(cli, ["year", str(folder), "-o", str(plan)])
    assert done.exit_code == 2 and "juga salah satu berkas masukan" in done.output, done.output
    assert plan.read_bytes() == before
    book = folder / "rekap-tahun.xlsx"
    for _ in range(2):  # written, then replaced by the next run over the same folder
        done = runner.invoke(cli, ["year", str(folder), str(folder / year25["rekaps"][0].name), "-o", str(book)])
        assert done.exit_code == 0, done.output
        assert f"Dilewati (bukan rekap periode): {plan}" in done.output
    assert "Dua rekap" not in done.output and "4 dari 4 periode berekap" in done.output
    done = runner.invoke(cli, ["report", str(folder), "-o", str(tmp_path / "r.pdf")])
    assert done.exit_code == 2 and done.output.strip() == t("usage.report_folder", "id", path=folder)
    done = runner.invoke(cli, ["report", str(book), "-o", str(tmp_path / "r.pdf"), "--deadline-days", "0"])
    assert done.exit_code == 0 and t("cli.report_deadline_ignored", "id", path=book) in done.output


def test_next_year_s_plan_never_replaces_last_year_s_workbooks_nor_mixes_plans_or_periods(year25, tmp_path):
    """Found by a new user: ``master new X --from X --force`` wrote the plan over last year's Triwulan IV workbook,
    and ``--from`` took two workbooks of one period, or of two plans, that ``year`` refuses."""
    tw4 = tmp_path / "rekap-tw4.xlsx"
    shutil.copy2(year25["rekaps"][3], tw4)
    before = tw4.read_bytes()
    runner = CliRunner()

    def new(out: Path, *sources: Path, force: bool = False):
        args = ["master", "new", str(out), "--framework", "2020", "--instansi", "Kabupaten Contoh", "--year", "2026"]
        return runner.invoke(cli, [*args, *(a for s in sources for a in ("--from", str(s))),
                                   *(["--force"] if force else [])])

    done = new(tw4, tw4, force=True)
    assert done.exit_code == 2 and t("output.is_input", "id", path=tw4) in done.output, done.output
    assert tw4.read_bytes() == before
    copy = tmp_path / "salinan-tw4.xlsx"
    shutil.copy2(tw4, copy)
    out = tmp_path / "rencana-2026.xlsx"
    done = new(out, tw4, copy)
    assert done.exit_code == 2 and not out.exists()
    assert done.output.strip() == t("usage.from_twice", "id", period="Triwulan IV 2025", files=f"{tw4}, {copy}")
    assert new(out, tw4, tmp_path).exit_code == 2  # the folder holds both: the same refusal
    other = make_year(tmp_path / "other", quarters=[1], tweak={1: {"recommendation": "Rekomendasi yang diubah."}})
    done = new(out, tw4, other["rekaps"][0])
    assert done.exit_code == 2 and not out.exists()
    assert done.output.startswith("Rekap yang diberikan dibuat dengan rencana (daftar induk) yang berbeda")
    assert year25["master"].fingerprint in done.output and other["master"].fingerprint in done.output
    assert new(out, tw4, tw4, tmp_path / "rekap-tw4.xlsx").exit_code == 0  # one file named three times: one


def test_workbooks_of_another_plan_of_the_same_year_are_refused(year25, tmp_path):
    """A plan changed after its first quarter (another fingerprint): the message names the files by plan."""
    other = make_year(tmp_path / "other", quarters=[1], tweak={1: {"recommendation": "Rekomendasi yang diubah."}})
    done = CliRunner().invoke(cli, ["year", str(year25["rekaps"][0]), str(other["rekaps"][0]), "-o",
                                    str(tmp_path / "x.xlsx")])
    assert done.exit_code == 2
    fingerprints = [other["master"].fingerprint, year25["master"].fingerprint]
    assert done.output.startswith("Rekap dari rencana (daftar induk) yang berbeda tidak dapat digabung; menurut "
                                  f"sidiknya: {fingerprints[1]}: rekap-tw1-2025.xlsx; {fingerprints[0]}: ")


def test_the_intake_store_s_deadlines_decide_lateness(year25, tmp_path):
    """The pipeline function the intake page calls: each round's rekap and deadline."""
    from spbe_excel.pipeline import write_year_workbook

    done = write_year_workbook(year25["rekaps"], tmp_path / "y.xlsx", deadlines={"Triwulan I 2025":
                                                                                     dt.date(2025, 4, 20)})
    bkpsdm = next(o for o in done.page.opds if o.code == "BKPSDM")
    assert bkpsdm.periods[0] == (1.0, 0) and bkpsdm.late == 0
    assert next(o for o in done.page.opds if o.code == "DPMPTSP").late == 1


def test_the_same_rekaps_give_the_same_bytes(year25, tmp_path):
    from spbe_excel.pipeline import write_year_workbook

    write_year_workbook(list(reversed(year25["rekaps"])), tmp_path / "again.xlsx")
    assert (tmp_path / "again.xlsx").read_bytes() == year25["book"].read_bytes()


# ---- LibreOffice ---------------------------------------------------------------------------------------------

@pytest.mark.libreoffice
def test_the_year_workbook_recalculates_to_its_cached_values(year25, libreoffice, tmp_path):
    from recalc import compare

    books = [year25["book"], year25["book_en"]]
    for book, out in zip(books, libreoffice.convert(books, "xlsx", tmp_path)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mismatches, errors, count = compare(book, out)
        assert count > 300
        assert mismatches == [] and errors == []


@pytest.mark.libreoffice
def test_a_level_changed_on_indeks_moves_the_index_by_its_weight(year25, libreoffice, tmp_path):
    """No 32 (2.75 %) counted at 3 in Triwulan IV: one level up moves that period's counted index, and only it, by
    0.0275; its verified level in Triwulan II two up from its baseline moves that period's verified index by
    weight x (level - baseline) / 100."""
    from recalc import values

    wb = _book(year25["book"], data_only=False)
    ws = wb["Indeks"]
    head = next(r for r in range(1, 20) if ws.cell(r, 1).value == "No")
    row = next(r for r in range(head, ws.max_row + 1) if ws.cell(r, 1).value == 32)
    col = 8 + 3 * 3  # Triwulan IV, Dihitung
    assert ws.cell(row, col).value == 3 and ws.cell(row, 5).value == 2.75
    ws.cell(row, col).value = 4
    verified = 8 + 3 * 1 + 2  # Triwulan II, Terverifikasi: DKIS's verdict typed as its level
    assert ws.cell(row, verified).value == ws.cell(row, 6).value == 3
    ws.cell(row, verified).value = 5
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    before, after = (values(p) for p in libreoffice.convert([year25["book"], edited], "xlsx", tmp_path / "out"))
    moved = {k: after[k] - before[k] for k in before if k[0] == "Ringkasan" and isinstance(before[k], float)
             and after[k] != before[k]}
    # Triwulan IV: its counted index, the gap to the target, and the index of the domain Layanan SPBE (45.5 %)
    assert moved == pytest.approx({("Ringkasan", "G9"): 0.0275, ("Ringkasan", "J9"): -0.0275,
                                   ("Ringkasan", "H37"): 2.75 / 45.5,
                                   ("Ringkasan", "H7"): 2.75 * (5 - 3) / 100,  # Terverifikasi, Triwulan II
                                   ("Ringkasan", "K7"): 2.75 * (5 - 3) / 100},  # the same, for the chart
                                  abs=1e-9)


# ---- the leaders' page ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def _pdf_words(pdf: Path) -> list[list[Word]]:
    tool = shutil.which("pdftotext")
    if tool is None:
        if REQUIRE_TOOLS:
            pytest.fail("pdftotext not found (SPBE_REQUIRE_LIBREOFFICE=1)")
        pytest.skip("pdftotext not found; install poppler-utils")
    html = subprocess.run([tool, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[Word(float(a), float(b), float(c), float(d), text.replace("&amp;", "&")) for a, b, c, d, text in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)]
            for page in html.split("<page ")[1:]]


def _beside(words: list[Word], near: Word) -> str:
    """The word right of ``near`` whose box is within its height."""
    return min((w for w in words if w.x0 > near.x1 and near.y0 <= (w.y0 + w.y1) / 2 <= near.y1),
               key=lambda w: w.x0).text


def _line(words: list[Word], first: str, below: float = 0.0) -> str:
    """The words on the line of the first word ``first`` (below ``below`` points from the top), left to right."""
    near = next(w for w in words if w.text == first and w.y0 >= below)
    return " ".join(w.text for w in sorted((w for w in words if near.y0 <= (w.y0 + w.y1) / 2 <= near.y1),
                                           key=lambda w: w.x0))


@pytest.fixture(scope="module")
def pages(year25, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    runner = CliRunner()
    made = {"year": runner.invoke(cli, ["report", str(year25["book"]), "-o", str(out / "ringkasan.pdf")]),
            "en": runner.invoke(cli, ["report", str(year25["book"]), "-o", str(out / "summary.pdf"), "--lang",
                                      "en"]),
            "tw3": runner.invoke(cli, ["report", str(year25["rekaps"][2]), "-o", str(out / "tw3.pdf")])}
    for done in made.values():
        assert done.exit_code == 0, done.output
    return {"year": out / "ringkasan.pdf", "en": out / "summary.pdf", "tw3": out / "tw3.pdf"}


def test_the_page_says_the_index_and_predikat_the_workbook_does(year25, pages):
    rows = _rows(_book(year25["book"])["Ringkasan"], 5)
    now = rows[-1]
    [page] = _pdf_words(pages["year"])  # one page
    text = " ".join(w.text for w in page)
    big = max(page, key=lambda w: w.y1 - w.y0)  # the headline: the counted index now
    assert big.text == index_text(now["Dihitung"]) == "2,20"
    assert _beside(page, big) == now["Predikat"] == "Cukup" and big.y0 < 150  # near the top, with its predikat
    assert _line(page, "Awal").endswith("Awal Target Diklaim OPD Terverifikasi Ke target")
    assert index_text(now["Terverifikasi"]) == "2,05"  # the verified index now, as the workbook shows it
    # the baseline, the target, the claimed and the verified index with their predikat, and the gap to the target
    assert _line(page, "2,04").endswith("2,04 3,04 2,23 2,05 0,84")
    assert _line(page, "Baik").endswith(" Cukup Baik Cukup Cukup")
    legend = _line(page, "Terverifikasi", below=300)  # the course's legend: the verified series too
    assert legend.startswith("Dihitung Diklaim Terverifikasi Target Awal")
    for r in rows:  # the course over the periods: each period's counted index, as the workbook shows it
        assert index_text(r["Dihitung"]) in text
    assert "Kebijakan Internal" in text and "Layanan SPBE" in text  # the domains as bars
    assert re.search(r"INSPEKTORAT ✓ ✓ ✓ — 3 0 1", text) and re.search(r"BKPSDM \+10 ✓ ✓ ✓ 3 1 0", text)
    assert "1. Aksi 3: Tindak lanjut indikator 3" in text
    assert "Target 2025, lewat 1 tahun. Terakhir dilaporkan: DISKOMINFO Dalam Proses 40 %" in text
    assert "4. Aksi 40: Tindak lanjut indikator 40" in text and "INSPEKTORAT Dalam Proses 60 %; BKPSDM" in text
    assert "Seluruhnya 46 pasangan aksi x OPD lewat Target Waktu" in text
    assert min(w.y1 - w.y0 for w in page) >= 8.0  # no text under 8 pt
    assert max(w.x1 for w in page) <= 595.3 - 30 and max(w.y1 for w in page) <= 841.9 - 20  # within the page


def test_the_page_in_english_and_from_one_quarter(year25, pages):
    [page] = _pdf_words(pages["en"])
    text = " ".join(w.text for w in page)
    assert "2.20 Fair" in text and _line(page, "Baseline").endswith("Baseline Target Claimed Verified To target")
    assert _line(page, "2.04").endswith("2.04 3.04 2.23 2.05 0.84") and "verified: those DKIS marked Verified" in text
    assert "1. Action 3: Tindak lanjut indikator 3" in text and "DISKOMINFO In Progress 40 %" in text
    [page] = _pdf_words(pages["tw3"])
    text = " ".join(w.text for w in page)
    assert "Keadaan Triwulan III 2025 (per 15 Oktober 2025); 1 dari 4 periode tahun ini berekap." in text
    counted, name = _rekap_index(year25["rekaps"][2])  # as that quarter's workbook shows them
    assert f"{index_text(counted)} {name}" == "2,17 Cukup" and "2,17 Cukup" in text and "(tanpa rekap)" in text
    assert "Belum ada aksi yang lewat Target Waktu per 15 Oktober 2025." in text


def test_the_same_workbook_gives_the_same_pdf(year25, pages, tmp_path):
    from spbe_excel.pipeline import write_leaders_page

    write_leaders_page(year25["book"], tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == pages["year"].read_bytes()


def test_the_page_read_from_the_year_workbook_is_the_year_s(year25):
    """The figures ``report`` reads back from the year workbook equal those it was written from."""
    from spbe_excel.pipeline import write_leaders_page
    from spbe_excel.read.ours.rekap import year_of_rekaps
    from spbe_excel.year.figures import YearFigures
    from spbe_excel.year.page import one_page

    year, _ = year_of_rekaps(year25["rekaps"])
    made = one_page(YearFigures(year), str(year25["book"]))
    for book in (year25["book"], year25["book_en"]):
        read = write_leaders_page(book, book.with_suffix(".pdf")).page
        assert read == made.__class__(**{**made.__dict__, "source": str(book)})


def test_report_refuses_what_it_cannot_read(year25, tmp_path):
    runner = CliRunner()
    done = runner.invoke(cli, ["report", str(year25["plan"]), "-o", str(tmp_path / "r.pdf")])
    assert done.exit_code == 2 and "bukan rekap spbe-excel" in done.output
    done = runner.invoke(cli, ["report", str(year25["book"]), "-o", str(tmp_path / "r.xlsx")])
    assert done.exit_code == 2 and not (tmp_path / "r.xlsx").exists()


@pytest.mark.libreoffice
def test_a_rekap_is_read_by_its_headers_not_by_positions(year25, libreoffice, tmp_path):
    """A later consolidated workbook may add Monev columns: a column added after the others, a metadata sheet
    whose list of columns no longer says where they stand, the workbook saved again by LibreOffice (which works
    its formulas out again): the pairs read are the same."""
    from spbe_excel.read.ours.rekap import read_rekap

    source = year25["rekaps"][3]
    wb = _book(source, data_only=False)
    ws = wb["Monev"]
    last = ws.max_column + 1
    ws.cell(4, last).value = "Status Terakhir"
    for r in range(5, ws.max_row + 1):
        ws.cell(r, last).value = "Selesai"
    meta = wb["spbe_meta"]
    for r in range(1, meta.max_row + 1):
        if meta.cell(r, 1).value == "monev_columns":
            meta.cell(r, 2).value = ",".join(reversed(meta.cell(r, 2).value.split(",")))
    edited = tmp_path / "rekap-tw4-2025.xlsx"
    wb.save(edited)
    [saved] = libreoffice.convert([edited], "xlsx", tmp_path / "lo")
    before, after = read_rekap(source), read_rekap(saved)
    assert after.pairs == before.pairs and after.received == before.received and after.period == before.period


def test_the_readme_examples_are_real(year25, tmp_path, monkeypatch):
    """The README's examples of ``year`` and ``report`` print what it shows, run on this year's workbooks."""
    import shlex

    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## The year at a glance")[1].split("\n## ")[0]
    commands = []
    for block in re.findall(r"```\n(.*?)```", section, re.S):
        for command in re.split(r"^\$ ", block, flags=re.M)[1:]:
            line, _, output = command.partition("\n")
            commands.append((shlex.split(line), output))
    assert [args[:2] for args, _ in commands] == [["spbe-excel", "year"], ["spbe-excel", "report"]]
    (tmp_path / "rekap-2025").mkdir()
    for rekap in year25["rekaps"]:
        shutil.copyfile(rekap, tmp_path / "rekap-2025" / rekap.name)
    monkeypatch.chdir(tmp_path)
    for args, output in commands:
        result = CliRunner().invoke(cli, args[1:])
        assert result.output == output, " ".join(args)
