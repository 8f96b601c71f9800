"""Make the second example: Kabupaten Contoh, a fictional kabupaten with twelve OPDs, its 2026 action plan
under PermenPANRB 59/2020 (47 indicators) and one quarter of its OPDs' submissions.

Under ``examples/kabupaten-contoh/``:

* ``opd.csv``: the OPD list DKIS keeps (code, official name, aliases), given to ``master new --opd``;
* ``rencana-2026.xlsx``: the plan workbook as ``spbe-excel master new`` writes it, empty;
* ``rencana-2026-terisi.xlsx``: the same plan as DKIS filled it in Excel: the 2025 evaluation's levels, a
  recommendation and an action for every indicator, and on the sheet *Aksi Tambahan* a second or third action
  for six indicators (11 has three, 45 is shared by two OPDs);
* ``triwulan-i-2026/``: Triwulan I 2026 as the OPDs sent it, from the templates of that plan, every action
  row of each file reported (an indicator with several actions action by action: the template's No is the
  action's id, ``"11.2"``), mostly tidy, some wrong the way real files are:
  - BPKAD marked an action Selesai at 90 % and without evidence;
  - DINKES typed progress as plain numbers (``35`` for 35 %) into the percentage cells;
  - PBJ spent more than its budget;
  - HUKUM sent last quarter's file (Triwulan IV 2025);
  - ARSIP sent nothing;
* ``rekap-triwulan-i-2026.xlsx``: that quarter consolidated, as ``spbe-excel consolidate`` writes it with the
  walkthrough's options (tests/test_walkthroughs.py checks each planted mistake's finding and cell).

Run through ``examples/make_examples.py`` (which makes both examples) from the repository root; the same code
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from spbe_excel.master import load_master  # noqa: E402
from spbe_excel.master.planfile import CARRIED, EXTRA_COLUMNS, INDICATOR_COLUMNS  # noqa: E402
from spbe_excel.model.columns import TEMPLATE_COLUMNS  # noqa: E402
from spbe_excel.pipeline import consolidate_folder, new_plan  # noqa: E402
from spbe_excel.text import t  # noqa: E402
from spbe_excel.write.template import HEADER_ROW, write_template  # noqa: E402

INSTITUTION, YEAR, PERIOD = "Kabupaten Contoh", 2026, "Triwulan I 2026"
WHEN = dt.datetime(2026, 1, 15, 9, 0)  # the plan is filled in January
SENT = dt.datetime(2026, 4, 3, 9, 0)  # the submissions come in after the quarter
AS_OF = SENT.date()  # and DKIS consolidates them that day
REKAP = "rekap-triwulan-i-2026.xlsx"

OPDS = [
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo; Dinas Kominfo"),
    ("BAPPEDA", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "Bappeda; Bapperida"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKD; Badan Kepegawaian"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "Badan Keuangan; BPKD"),
    ("INSPEKTORAT", "Inspektorat Daerah", "Inspektorat"),
    ("ORGANISASI", "Bagian Organisasi Setda", "Bag. Organisasi; Bagian Organisasi"),
    ("HUKUM", "Bagian Hukum Setda", "Bag. Hukum; Bagian Hukum"),
    ("PBJ", "Bagian Pengadaan Barang dan Jasa Setda", "UKPBJ; Bag. PBJ"),
    ("ARSIP", "Dinas Perpustakaan dan Kearsipan", "Dispusip; Dinas Arsip"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Dinas Perizinan; DPM-PTSP"),
    ("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil; Dinas Dukcapil"),
    ("DINKES", "Dinas Kesehatan", "Dinkes"),
]

# No -> (baseline level of the 2025 evaluation, OPDs, the first action); names of the three sector services.
PLAN = {
    1: (2, "DISKOMINFO", "Menetapkan Peraturan Bupati tentang Arsitektur SPBE"),
    2: (1, "DISKOMINFO", "Menetapkan Peraturan Bupati tentang Peta Rencana SPBE"),
    3: (2, "DISKOMINFO", "Menyusun kebijakan manajemen data dan Satu Data Kabupaten"),
    4: (2, "DISKOMINFO", "Menyusun standar pembangunan aplikasi SPBE"),
    5: (1, "DISKOMINFO", "Menyusun kebijakan layanan pusat data"),
    6: (2, "DISKOMINFO", "Menyusun kebijakan jaringan intra pemerintah daerah"),
    7: (1, "DISKOMINFO", "Menyusun kebijakan penggunaan sistem penghubung layanan"),
    8: (2, "DISKOMINFO", "Menyusun kebijakan manajemen keamanan informasi"),
    9: (1, "INSPEKTORAT", "Menyusun kebijakan audit TIK"),
    10: (2, "ORGANISASI", "Memperbarui keputusan Tim Koordinasi SPBE"),
    11: (1, "DISKOMINFO", "Menyusun dokumen Arsitektur SPBE Kabupaten"),
    12: (1, "DISKOMINFO; BAPPEDA", "Menyusun dokumen Peta Rencana SPBE 2026-2030"),
    13: (2, "BAPPEDA; BPKAD", "Menandai belanja TIK dalam rencana kerja dan anggaran"),
    14: (2, "ORGANISASI", "Memetakan proses bisnis lintas perangkat daerah"),
    15: (2, "DISKOMINFO", "Membangun katalog aplikasi SPBE"),
    16: (2, "DISKOMINFO", "Memindahkan server perangkat daerah ke pusat data kabupaten"),
    17: (3, "DISKOMINFO", "Menyambungkan kantor kecamatan ke jaringan intra"),
    18: (1, "DISKOMINFO", "Menerapkan sistem penghubung layanan untuk tiga aplikasi"),
    19: (2, "ORGANISASI", "Menyusun rencana kerja Tim Koordinasi SPBE"),
    20: (1, "DISKOMINFO", "Menjalin kerja sama SPBE dengan kabupaten tetangga"),
    21: (1, "INSPEKTORAT", "Menyusun register risiko SPBE"),
    22: (2, "DISKOMINFO", "Menerapkan SMKI di pusat data"),
    23: (2, "DISKOMINFO; BAPPEDA", "Menyusun daftar data prioritas Satu Data"),
    24: (1, "BPKAD", "Mencatat aset TIK dalam SIMDA BMD"),
    25: (2, "BKPSDM", "Memetakan kompetensi TIK aparatur"),
    26: (1, "DISKOMINFO", "Membangun repositori pengetahuan SPBE"),
    27: (1, "ORGANISASI", "Menyusun pedoman manajemen perubahan SPBE"),
    28: (2, "DISKOMINFO", "Menerapkan layanan helpdesk SPBE"),
    29: (1, "DISKOMINFO", "Melaksanakan audit infrastruktur pusat data"),
    30: (1, "DISKOMINFO", "Melaksanakan audit aplikasi layanan publik"),
    31: (1, "DISKOMINFO", "Melaksanakan uji penetrasi aplikasi"),
    32: (3, "BAPPEDA", "Mengintegrasikan e-Planning dengan SIPD"),
    33: (3, "BPKAD", "Mengintegrasikan penganggaran dengan SIPD"),
    34: (3, "BPKAD", "Menerapkan transaksi nontunai di seluruh perangkat daerah"),
    35: (3, "PBJ", "Menerapkan katalog elektronik lokal"),
    36: (2, "BKPSDM", "Menerapkan layanan kepegawaian daring"),
    37: (1, "ARSIP", "Menerapkan aplikasi SRIKANDI"),
    38: (2, "BPKAD", "Menerapkan aplikasi barang milik daerah"),
    39: (2, "INSPEKTORAT", "Menerapkan aplikasi pengawasan internal"),
    40: (2, "ORGANISASI", "Menerapkan aplikasi akuntabilitas kinerja"),
    41: (2, "BKPSDM", "Menerapkan e-Kinerja pegawai"),
    42: (3, "DISKOMINFO", "Menghubungkan kanal pengaduan dengan SP4N-LAPOR!"),
    43: (2, "DISKOMINFO", "Menerbitkan portal data terbuka"),
    44: (2, "HUKUM", "Memperbarui situs JDIH dan integrasi JDIHN"),
    45: (2, "DPMPTSP", "Menerapkan perizinan berusaha daring"),
    46: (3, "DUKCAPIL", "Menerapkan layanan adminduk daring"),
    47: (2, "DINKES", "Menerapkan sistem informasi puskesmas"),
}
SERVICES = {45: "Layanan Perizinan Berusaha Daring", 46: "Layanan Administrasi Kependudukan Daring",
            47: "Layanan Kesehatan Daring (Sistem Informasi Puskesmas)"}
EXTRA = [  # (No, action, OPDs): the second and third actions of some indicators
    (1, "Menyosialisasikan Peraturan Bupati Arsitektur SPBE ke perangkat daerah", "DISKOMINFO"),
    (11, "Menyelaraskan Arsitektur SPBE dengan RPJMD", "BAPPEDA"),
    (11, "Meninjau arsitektur proses bisnis perangkat daerah", "ORGANISASI"),
    (22, "Membentuk tim tanggap insiden siber (CSIRT) kabupaten", "DISKOMINFO"),
    (36, "Mengintegrasikan SIMPEG dengan e-Kinerja", "BKPSDM; DISKOMINFO"),
    (45, "Mengintegrasikan perizinan daerah dengan OSS RBA", "DPMPTSP; DISKOMINFO"),
    (47, "Melatih petugas puskesmas memakai sistem informasi puskesmas", "DINKES"),
]


def actions() -> list[tuple[int, str, str]]:
    """Every action of the plan: (No, follow-up, OPDs), the indicator sheet's first."""
    return [(no, action, opds) for no, (_, opds, action) in PLAN.items()] + EXTRA


def _level_label(no: int, level: int) -> str:
    from spbe_excel.master.framework import get_framework
    from spbe_excel.text.words import level_label

    return level_label(level, get_framework("2020").row(no).level_kind)


def _header(ws, columns) -> tuple[int, dict[str, int]]:
    labels = {c.label_id: c.key for c in columns}
    for r in range(1, 11):
        found = {labels[c.value]: c.column for c in ws[r] if c.value in labels}
        if len(found) >= 3:
            return r, found
    raise SystemExit(f"no header on {ws.title}")


def fill_plan(blank: Path, out: Path) -> Path:
    """The plan as DKIS fills it in Excel: levels from the dropdowns, texts typed, the extra actions below."""
    wb = openpyxl.load_workbook(blank)
    ws = wb[t("master.sheet.indicators")]
    head, cols = _header(ws, INDICATOR_COLUMNS)
    for r in range(head + 1, ws.max_row + 1):
        no = ws.cell(r, cols["no"]).value
        if no not in PLAN:
            continue
        baseline, opds, action = PLAN[no]
        values = {"baseline_level": _level_label(no, baseline),
                  "recommendation": f"Rekomendasi evaluasi SPBE 2025 untuk indikator {no}: tingkatkan ke tingkat "
                                    f"{baseline + 1}.",
                  "follow_up": action, "target_year": YEAR, "opds": opds}
        if no in SERVICES:
            values["indicator"] = SERVICES[no]
        for key, value in values.items():
            ws.cell(r, cols[key]).value = value
    ws = wb[t("master.sheet.extra")]
    head, cols = _header(ws, (*EXTRA_COLUMNS, CARRIED))
    for r, (no, action, opds) in enumerate(EXTRA, head + 1):
        for key, value in (("no", no), ("follow_up", action), ("target_year", YEAR), ("opds", opds)):
            ws.cell(r, cols[key]).value = value
    wb.save(out)
    return out


# What each action has reached by the end of March: (status, progress, level or None, achievement, evidence,
# budget, spent), by its position in actions(); most are under way, a few done, a few not started.
def report(n: int, no: int, action: str) -> dict:
    done, idle = n % 9 == 0, n % 7 == 3
    status = "Selesai" if done else "Belum Dimulai" if idle else "Dalam Proses"
    progress = 1.0 if done else 0.0 if idle else (15 + 10 * (n % 5)) / 100
    budget = 0 if idle else 10_000_000 * (1 + n % 6)
    return {"status": status, "progress": progress,
            "current_level": _level_label(no, PLAN[no][0] + 1) if done or n % 4 == 1 else None,
            "achievement": "" if idle else f"{action}: {'selesai dan ditetapkan' if done else 'tahap penyusunan'}.",
            "evidence": f"Dokumen {no}/{n}/2026" if done else ("" if idle else "Notulen rapat koordinasi"),
            "obstacles": "Menunggu anggaran perubahan." if idle else "",
            "budget": budget, "spent": int(budget * progress * 0.8),
            "updated_on": dt.date(2026, 3, 10 + n % 15), "responsible": "Kepala Bidang"}


MISTAKES = {  # OPD -> what it got wrong: (which of its rows, how)
    "BPKAD": (1, lambda row: {**row, "status": "Selesai", "progress": 0.9, "evidence": ""}),
    "PBJ": (1, lambda row: {**row, "spent": row["budget"] + 7_500_000}),
    "DINKES": (None, lambda row: {**row, "progress": round(row["progress"] * 100)}),  # every row
}


def fill_submission(template: Path, out: Path, code: str, master) -> Path:
    """An OPD's file: every action row of its template reported, each found by its No as the template writes it
    (the indicator's No, ``5``, or the action's id as text, ``"11.2"``, for one of several actions)."""
    position = {(no, action): n for n, (no, action, _) in enumerate(actions(), 1)}
    mine = {a.action: a for a in master.for_opd(code)}
    which, mistake = MISTAKES.get(code, (0, None))
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[1]
    cols = {c.key: i + 1 for i, c in enumerate(TEMPLATE_COLUMNS)}
    seen = 0
    for r in range(HEADER_ROW + 2, ws.max_row + 1):
        written = ws.cell(r, cols["no"]).value
        if written is None:
            continue
        act = mine[str(written)]
        if ws.cell(r, cols["follow_up"]).value != act.follow_up:
            raise SystemExit(f"{code}: row {r} is not action {act.action}")
        seen += 1
        row = report(position[(act.no, act.follow_up)], act.no, act.follow_up)
        if mistake is not None and which in (None, seen):
            row = mistake(row)
        for k, v in row.items():
            if v not in (None, ""):
                ws.cell(r, cols[k]).value = v
    if seen != len(mine):
        raise SystemExit(f"{code}: {seen} of its {len(mine)} action rows found in the template")
    ws["C3"] = f"Petugas {code}"
    ws["G3"] = dt.date(2026, 4, 2)
    wb.save(out)
    return out


def make(root: Path, finish) -> None:
    """Write the example under ``root``; ``finish(path, when)`` gives a saved workbook fixed timestamps (the
    same bytes on every run: ``make_examples._finish``)."""
    root.mkdir(parents=True, exist_ok=True)
    opd_csv = root / "opd.csv"
    opd_csv.write_text("Kode,Nama Resmi,Alias\n" + "".join(f'{c},"{n}","{a}"\n' for c, n, a in OPDS),
                       encoding="utf-8")
    blank = root / "rencana-2026.xlsx"
    new_plan(blank, "2020", INSTITUTION, YEAR, opd_file=opd_csv, force=True)
    filled = finish(fill_plan(blank, root / "rencana-2026-terisi.xlsx"), WHEN)
    master = load_master(filled)
    out = root / "triwulan-i-2026"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()
    with tempfile.TemporaryDirectory() as tmp:
        for code in master.opd_codes:
            if code == "ARSIP":
                continue  # sends nothing
            period = "Triwulan IV 2025" if code == "HUKUM" else PERIOD  # last quarter's template, filled again
            tpl = write_template(Path(tmp) / f"{code}.xlsx", master, opd=code, period=period)
            finish(fill_submission(tpl, out / f"{code}_{period.replace(' ', '_')}.xlsx", code, master), SENT)
    # the consolidated quarter, as `spbe-excel consolidate` writes it; the paths in it are relative to the
    # repository root, as a user running the walkthrough sees them
    consolidate_folder(out, master, output=root / REKAP, period=PERIOD, as_of=AS_OF)
    print(f"example plan and submissions written under {root}")


if __name__ == "__main__":
    import os

    os.chdir(HERE.parent)
    sys.path.insert(0, str(HERE))
    from make_examples import _finish

    make(Path("examples") / "kabupaten-contoh", _finish)
