"""Make the example submissions for the embedded plan (Kota Denpasar 2019), and
the second example, Kabupaten Contoh under PermenPANRB 59/2020 (``make_contoh.py``).

Two periods, written from the real templates the way OPD staff fill them:

* ``triwulan-ii/``: Triwulan II 2019, every OPD but one, all tidy;
* ``triwulan-iii/``: Triwulan III 2019, the period the walkthrough
  consolidates: most OPDs tidy, some messy the way real OPDs are:
  - ORGANISASI renamed the sheet, inserted a title row and typed "75%",
    "tiga", "Rp 150.000.000" and dates as text;
  - BPKAD marked an action Selesai at 90 % and without evidence;
  - HUKUM sent the file twice (an early draft and the corrected one);
  - PBJ spent more than the budget and typed a formula-like note;
  - DISNAKER saved as .xls and DPMPTSP as .ods (LibreOffice);
  - DUKCAPIL sent nothing;
  - an Excel lock file and a note in the folder.

Also ``rekap-triwulan-ii-2019.xlsx``, the consolidated Triwulan II, for
``--previous``, with DKIS's verification of three claims in its Verifikasi
column (:data:`VERIFIED`, written as a workbook DKIS filled in and the next
consolidation carried reads); and the second example with its consolidated quarter
(``kabupaten-contoh/``).  Run from the repository root:

    python examples/make_examples.py

Needs LibreOffice (soffice) for the .xls and .ods files.  Reproducible: the
same code gives the same bytes.  Files saved by openpyxl get fixed
timestamps (zip entries and document properties); a file LibreOffice
converts differs from one machine or version to the next (fonts, styles,
timestamps), so an existing .xls or .ods is kept when the new conversion holds
the same sheets and cell values.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from spbe_excel.master import embedded_master  # noqa: E402
from spbe_excel.model.columns import TEMPLATE_COLUMNS  # noqa: E402
from spbe_excel.write.template import HEADER_ROW, write_template  # noqa: E402

HEADER = HEADER_ROW + 1
COL = {c.key: i + 1 for i, c in enumerate(TEMPLATE_COLUMNS)}

CONTACTS = {
    "DKIS": "I Gede Wirawan (0812-3800-1122)", "ORGANISASI": "Ni Made Sukasih (0813-3755-2301)",
    "BAPPEDA": "I Ketut Arsana (0812-4600-7788)", "BKPSDM": "Ni Putu Ayu Lestari (0819-3600-4412)",
    "BPKAD": "I Wayan Sudiarta (0812-3911-5620)", "HUKUM": "Anak Agung Ngurah Putra (0813-5300-8801)",
    "PBJ": "Ni Luh Gede Sri Wahyuni (0812-3611-2044)", "DPMPTSP": "I Nyoman Suarjana (0817-9700-3312)",
    "DUKCAPIL": "I Made Oka Antara (0812-3650-7001)", "DISNAKER": "Ni Komang Tri Utami (0818-0555-6123)",
}
OFFICIALS = {
    "DKIS": "Kepala Bidang Aplikasi Informatika", "ORGANISASI": "Kepala Subbagian Tata Laksana",
    "BAPPEDA": "Kepala Bidang Perencanaan Pembangunan", "BKPSDM": "Kepala Bidang Informasi Kepegawaian",
    "BPKAD": "Kepala Bidang Perbendaharaan", "HUKUM": "Kepala Subbagian Dokumentasi Hukum",
    "PBJ": "Kepala Subbagian Layanan Pengadaan Secara Elektronik", "DPMPTSP": "Kepala Bidang Pelayanan Perizinan",
    "DUKCAPIL": "Kepala Bidang Pemanfaatan Data", "DISNAKER": "Kepala Bidang Penempatan Tenaga Kerja",
}

# What each action has reached, per period: (status, progress %, level or None, achievement, evidence, obstacles,
# budget, spent).  Triwulan III values; Triwulan II is derived (less progress, less spent).
PLAN = {
    1: ("Selesai", 100, 2, "Perwali tentang Tim Pengarah SPBE telah ditetapkan dan diundangkan.",
        "Perwali Denpasar No. 21 Tahun 2019", "", 15_000_000, 14_250_000),
    2: ("Dalam Proses", 60, None, "Peta proses bisnis 12 perangkat daerah selesai dipetakan; draf kebijakan disusun.",
        "Notulen rapat 14/08/2019", "Menunggu masukan dari 4 perangkat daerah.", 40_000_000, 22_500_000),
    3: ("Dalam Proses", 70, None, "Draf kebijakan rencana induk SPBE dibahas dengan Bappeda dan Bagian Hukum.",
        "Draf Perwali versi 3", "", 25_000_000, 12_000_000),
    4: ("Dalam Proses", 50, 3, "Rancangan kebijakan anggaran belanja TIK disinkronkan dengan RKPD 2020.",
        "Surat Bappeda No. 050/1123/Bappeda", "", 20_000_000, 8_000_000),
    5: ("Dalam Proses", 40, None, "Revisi Perwali e-Government bagian pusat data sedang dirumuskan.",
        "Draf revisi Perwali", "Menunggu hasil kajian arsitektur SPBE.", 30_000_000, 10_500_000),
    6: ("Dalam Proses", 40, None, "Revisi Perwali bagian integrasi sistem dirumuskan bersama revisi pusat data.",
        "Draf revisi Perwali", "", 0, 0),
    7: ("Belum Dimulai", 0, None, "", "", "Dijadwalkan setelah revisi pusat data selesai.", 0, 0),
    8: ("Selesai", 100, 3, "Perwali tentang tata naskah dinas elektronik ditetapkan.",
        "Perwali Denpasar No. 30 Tahun 2019", "", 18_000_000, 17_600_000),
    9: ("Dalam Proses", 80, 2, "Draf kebijakan layanan manajemen kepegawaian telah diharmonisasi.",
        "Berita acara harmonisasi 02/09/2019", "", 12_000_000, 9_000_000),
    10: ("Dalam Proses", 60, 2, "Kebijakan layanan perencanaan dan penganggaran elektronik disusun.",
         "Draf Perwali e-Planning", "", 10_000_000, 4_000_000),
    11: ("Dalam Proses", 50, 2, "Draf kebijakan layanan keuangan elektronik disusun bersama BPKAD dan Inspektorat.",
         "Draf Perwali e-Keuangan", "", 10_000_000, 3_500_000),
    12: ("Dalam Proses", 50, None, "Integrasi e-Kinerja dengan e-Presensi dirumuskan dalam kebijakan.",
         "Draf kebijakan", "", 8_000_000, 2_000_000),
    13: ("Dalam Proses", 60, None, "Revisi Perwali No 2 Tahun 2018 tentang layanan pengadaan dibahas.",
         "Undangan rapat pembahasan", "", 12_000_000, 6_000_000),
    14: ("Dalam Proses", 50, None, "Revisi Perwali pengaduan publik untuk integrasi dengan layanan lain.",
         "Draf revisi", "", 10_000_000, 3_000_000),
    15: ("Dalam Proses", 70, None, "Kebijakan layanan JDIH disusun mengikuti Perpres 33/2012.",
         "Draf Perwali JDIH", "", 9_000_000, 5_400_000),
    16: ("Belum Dimulai", 0, None, "", "", "Menunggu revisi Perwali pengaduan publik.", 0, 0),
    17: ("Dalam Proses", 30, None, "Inventarisasi layanan publik yang belum memiliki kebijakan integrasi.",
         "Daftar inventarisasi layanan", "", 15_000_000, 4_000_000),
    18: ("Selesai", 100, 2, "Tim Pengarah SPBE dibentuk dengan Keputusan Wali Kota.",
         "Keputusan Wali Kota No. 188.45/512/HK/2019", "", 5_000_000, 5_000_000),
    19: ("Dalam Proses", 40, None, "Arsitektur proses bisnis terintegrasi sedang disusun konsultan.",
         "Laporan pendahuluan konsultan", "", 150_000_000, 45_000_000),
    20: ("Dalam Proses", 60, None, "Rencana induk SPBE 2019-2023 tahap laporan antara.",
         "Laporan antara rencana induk", "", 200_000_000, 100_000_000),
    21: ("Dalam Proses", 50, 3, "Belanja TIK tahun 2020 ditandai (tagging) di SIPD untuk pemantauan.",
         "Rekap tagging belanja TIK", "", 5_000_000, 1_500_000),
    22: ("Dalam Proses", 45, None, "Pengadaan perangkat pemantauan pusat data tahap lelang.",
         "Pengumuman tender LPSE", "Jadwal lelang mundur dua minggu.", 350_000_000, 0),
    23: ("Dalam Proses", 35, None, "Layanan API gateway diuji coba dengan tiga aplikasi.",
         "Laporan uji coba", "", 120_000_000, 40_000_000),
    24: ("Dalam Proses", 50, None, "Aplikasi umum naskah dinas dan e-Kinerja dipakai 30 perangkat daerah.",
         "Rekap pengguna aplikasi", "", 60_000_000, 27_000_000),
    25: ("Dalam Proses", 60, 3, "Integrasi e-Office dengan e-Kinerja melalui API gateway diuji.",
         "Berita acara uji integrasi", "", 75_000_000, 30_000_000),
    26: ("Dalam Proses", 70, 2, "Pengajuan cuti dan kenaikan pangkat daring diuji di 5 perangkat daerah.",
         "Laporan uji coba SIMPEG", "", 90_000_000, 55_000_000),
    27: ("Dalam Proses", 50, 4, "Penyesuaian e-Planning terhadap perubahan regulasi SIPD.",
         "Dokumen kebutuhan perubahan", "", 80_000_000, 32_000_000),
    28: ("Dalam Proses", 50, 4, "Penyesuaian e-Budgeting terhadap SIPD Kemendagri.",
         "Dokumen kebutuhan perubahan", "", 80_000_000, 30_000_000),
    29: ("Dalam Proses", 60, 4, "Integrasi SIMDA Keuangan dengan e-Budgeting dan kas daerah.",
         "Berita acara integrasi", "", 95_000_000, 50_000_000),
    30: ("Dalam Proses", 40, 3, "Integrasi e-Kinerja dengan e-Office sedang dikembangkan.",
         "Laporan kemajuan pengembangan", "", 50_000_000, 15_000_000),
    31: ("Dalam Proses", 55, 4, "Penerapan manajemen perubahan layanan LPSE.", "SOP manajemen perubahan",
         "", 40_000_000, 18_000_000),
    32: ("Dalam Proses", 50, 3, "Integrasi PRO Denpasar dengan SP4N-LAPOR! uji coba.", "Berita acara uji coba",
         "", 45_000_000, 20_000_000),
    33: ("Dalam Proses", 65, 2, "Pengajuan dokumen hukum daring di JDIH tahap pengembangan.",
         "Tautan uji coba https://jdih.denpasarkota.go.id", "", 35_000_000, 21_000_000),
    34: ("Belum Dimulai", 0, None, "", "", "Menunggu kebijakan WBS.", 0, 0),
    35: ("Dalam Proses", 50, 2, "Alur layanan PRO Denpasar diotomasi untuk disposisi pengaduan.",
         "Laporan pengembangan", "", 40_000_000, 18_000_000),
    36: ("Dalam Proses", 60, 3, "Bursa kerja daring diintegrasikan dengan data kependudukan.",
         "Perjanjian kerja sama dengan Dinas Dukcapil", "", 30_000_000, 16_000_000),
    37: ("Dalam Proses", 70, 3, "Perizinan daring terintegrasi dengan OSS RBA tahap uji.",
         "Berita acara uji integrasi OSS", "", 60_000_000, 38_000_000),
}

MESSY_ORGANISASI = {2: {"progress": "75%", "current_level": "tiga", "budget": "Rp 40.000.000",
                        "spent": "22.500.000,00", "updated_on": "12 Agustus 2019"},
                    8: {"status": "sudah", "updated_on": "28/08/2019"},
                    25: {"progress": "60 %", "current_level": "3 - Transaksi", "updated_on": "2019-08-30"}}


def _row_values(no: int, period: int, opd: str) -> dict:
    status, progress, level, achievement, evidence, obstacles, budget, spent = PLAN[no]
    if period == 2:  # Triwulan II: earlier
        progress = {100: 70, 0: 0}.get(progress, max(0, progress - 25))
        status = "Belum Dimulai" if progress == 0 else "Dalam Proses"
        spent = int(spent * 0.4)
        achievement = achievement.replace("telah ditetapkan", "dalam pembahasan").replace("ditetapkan",
                                                                                            "dalam pembahasan")
        level = None if level is None else level
    updated = dt.date(2019, 6, 20) if period == 2 else dt.date(2019, 9, 10) - dt.timedelta(days=no % 9)
    return {"status": status, "progress": progress / 100, "current_level": level, "achievement": achievement,
            "evidence": evidence, "obstacles": obstacles, "budget": budget, "spent": spent, "updated_on": updated,
            "responsible": OFFICIALS[opd]}


def _fill(template: Path, out: Path, opd: str, period: int, overrides: dict | None = None, edit=None) -> Path:
    master = embedded_master()
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[1]
    for r in range(HEADER + 1, ws.max_row + 1):
        no = ws.cell(r, 1).value
        if not isinstance(no, int):
            continue
        values = _row_values(no, period, opd)
        values.update((overrides or {}).get(no, {}))
        ind = master.indicator(no)
        for key, v in values.items():
            if v is None or v == "":
                continue
            if key == "current_level" and isinstance(v, int):
                from spbe_excel.text.words import level_label

                v = level_label(v, ind.level_kind, "id")
            cell = ws.cell(r, COL[key])
            cell.value = v
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"
    ws["C3"] = CONTACTS[opd]
    ws["G3"] = dt.date(2019, 6, 25) if period == 2 else dt.date(2019, 9, 16)
    if edit:
        edit(wb, ws)
    wb.save(out)
    return out


def _soffice(src: Path, fmt: str, outdir: Path) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("LibreOffice (soffice) is needed for the .xls and .ods examples")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                        "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=180)
    return outdir / f"{src.stem}.{fmt}"


def _touch(path: Path, when: dt.datetime) -> None:
    ts = when.timestamp()
    os.utime(path, (ts, ts))


def _reproducible(path: Path, when: dt.datetime) -> None:
    """Give a workbook saved by openpyxl the same bytes every time: its zip
    entries and its "modified" property carry ``when`` instead of the time of saving."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type, fixed.external_attr = info.compress_type, info.external_attr
            out.writestr(fixed, data)
    path.write_bytes(buf.getvalue())


def _finish(path: Path, when: dt.datetime) -> Path:
    if path.suffix == ".xlsx":
        _reproducible(path, when)
    _touch(path, when)
    return path


def _cells(data: bytes) -> list:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return [(name, book.get_sheet_by_name(name).to_python()) for name in book.sheet_names]


def _keep_if_same(path: Path, before: bytes | None) -> None:
    """Put back the earlier bytes of a LibreOffice conversion when its sheets and values are the same."""
    if before is not None and _cells(before) == _cells(path.read_bytes()):
        path.write_bytes(before)


def make(root: Path = HERE) -> None:
    master = embedded_master()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for period, folder, label in ((2, "triwulan-ii", "Triwulan II 2019"), (3, "triwulan-iii", "Triwulan III 2019")):
            out = root / folder
            converted = {p.name: p.read_bytes() for p in out.glob("*.*") if p.suffix in (".xls", ".ods")}
            if out.exists():
                shutil.rmtree(out)
            out.mkdir(parents=True)
            tpl = {code: write_template(tmp / f"{code}_{period}.xlsx", master, opd=code, period=label)
                   for code in master.opd_codes}
            stamp = dt.datetime(2019, 6 if period == 2 else 9, 20, 9, 0)
            for code in master.opd_codes:
                if code == "DUKCAPIL":
                    continue  # never reports
                name = f"{code}_{label.replace(' ', '_')}.xlsx"
                if period == 2:
                    _finish(_fill(tpl[code], out / name, code, period), stamp)
                    continue
                if code == "ORGANISASI":
                    def messy(_wb, ws):
                        ws.title = "Laporan TW3"
                        ws.insert_rows(1)
                        ws["A1"] = "Laporan Monev SPBE Bagian Organisasi"
                    path = _fill(tpl[code], out / "Monev SPBE Bag Organisasi TW3.xlsx", code, period,
                                 MESSY_ORGANISASI, messy)
                elif code == "BPKAD":
                    path = _fill(tpl[code], out / name, code, period,
                                 {11: {"status": "Selesai", "progress": 0.9, "evidence": ""}})
                elif code == "HUKUM":
                    draft = _fill(tpl[code], out / f"{code}_draft.xlsx", code, period,
                                  {15: {"progress": 0.5, "achievement": "Draf awal."}},
                                  lambda _wb, ws: ws.__setitem__("G3", dt.date(2019, 9, 2)))
                    _finish(draft, stamp - dt.timedelta(days=14))
                    path = _fill(tpl[code], out / name, code, period)
                elif code == "PBJ":
                    path = _fill(tpl[code], out / name, code, period,
                                 {31: {"spent": 43_500_000, "obstacles": "=Penambahan lisensi di luar rencana"}})
                elif code in ("DISNAKER", "DPMPTSP"):
                    src = _fill(tpl[code], tmp / name, code, period)
                    path = _soffice(src, "xls" if code == "DISNAKER" else "ods", out)
                    _keep_if_same(path, converted.get(path.name))
                else:
                    path = _fill(tpl[code], out / name, code, period)
                _finish(path, stamp)
            if period == 3:
                (out / "~$BAPPEDA_Triwulan_III_2019.xlsx").write_bytes(b"\x0bBappeda".ljust(165, b" "))
                (out / "catatan pengiriman.txt").write_text(
                    "Kiriman Triwulan III 2019. Dinas Dukcapil belum mengirim.\n", encoding="utf-8")
    # the consolidated Triwulan II, for --previous
    from spbe_excel.merge import consolidate
    from spbe_excel.read.batch import collect_files, read_many
    from spbe_excel.write.workbook import write_consolidated

    as_of = dt.date(2019, 6, 30)
    subs = read_many(collect_files([root / "triwulan-ii"]), master, period="Triwulan II 2019", today=as_of)
    cons = consolidate(subs, master, period="Triwulan II 2019", as_of=as_of)
    cons = consolidate(subs, master, period="Triwulan II 2019", as_of=as_of, verifications=verified(cons))
    # paths in the workbook are relative to the repository root, as a user running the walkthrough sees them
    write_consolidated(cons, root / "rekap-triwulan-ii-2019.xlsx")
    print(f"examples written under {root}")
    # the second example: Kabupaten Contoh, a plan under PermenPANRB 59/2020 (make_contoh.py)
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_contoh", HERE / "make_contoh.py")
    contoh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(contoh)
    contoh.make(root / "kabupaten-contoh", _finish)


# DKIS's verification of three Triwulan II claims: (No, OPD) -> verdict and note.  In Triwulan III BKPSDM and BAPPEDA
# leave those rows as they were (the verification holds; BAPPEDA gets DKIS's note back), DKIS reports No 1 Selesai
# (the row changed: unverified again).
VERIFIED = {(9, "BKPSDM"): ("verified", ""),
            (10, "BAPPEDA"): ("needs_correction", "Draf belum bernomor: lampirkan Perwali yang sudah ditetapkan atau "
                                                   "tautannya di JDIH."),
            (1, "DKIS"): ("verified", "")}


def verified(cons):
    """DKIS's verifications of :data:`VERIFIED`, of the rows as ``cons`` holds them."""
    from spbe_excel.figures import claim_rows
    from spbe_excel.model.verification import Verdict, Verification

    at = dt.datetime(2019, 7, 10, 9, 0)
    return [Verification(c.action, c.opd, Verdict(VERIFIED[(c.no, c.opd)][0]), c.fingerprint,
                         VERIFIED[(c.no, c.opd)][1], "Tim SPBE DKIS", at)
            for c in claim_rows(cons) if (c.no, c.opd) in VERIFIED]


if __name__ == "__main__":
    os.chdir(HERE.parent)
    make(Path("examples"))
