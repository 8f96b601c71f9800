"""Synthetic plans large enough to matter, and their submissions.

1,000 OPDs (by default), each with 5-20 rows, in one of two shapes:

* ``distinct`` (the stress case): every row is an indicator of its own, so
  the plan has some 12,600 indicators, spread over the 3 domains and 7
  aspects of the 2018 framework with the aspect weights of DOMAIN.md shared
  equally among each aspect's indicators.  The master list, the Master and
  Indeks sheets grow with the number of OPDs.
* ``shared`` (the shape of a real SPBE plan): the 47 indicators of the 2020
  framework with its weights (DOMAIN.md); each OPD is responsible for 5-20
  of them, so every indicator is shared by some 270 OPDs and its level for
  the index is the lowest of theirs.

Texts of realistic length.  One submission per OPD, written from the real
template (the template writer with a pre-fill, as a feedback workbook is),
with typical values: statuses, progress, levels, money, dates, a few lines
of text.  Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from spbe_excel.master import Indicator, MasterList, Opd, OpdRegistry
from spbe_excel.write.master_export import export_master
from spbe_excel.write.template import Fill, template_filename, write_workbook

PERIOD = "Triwulan III 2019"
AS_OF = dt.date(2019, 9, 30)
ASPECTS = [  # (domain, aspect, weight %) from DOMAIN.md
    ("Kebijakan Internal SPBE", "Kebijakan Internal Tata Kelola SPBE", 7),
    ("Kebijakan Internal SPBE", "Kebijakan Internal Layanan SPBE", 10),
    ("Tata Kelola SPBE", "Kelembagaan", 8),
    ("Tata Kelola SPBE", "Strategi dan Perencanaan", 8),
    ("Tata Kelola SPBE", "Teknologi Informasi dan Komunikasi", 12),
    ("Layanan SPBE", "Layanan Administrasi Pemerintahan Berbasis Elektronik", 35),
    ("Layanan SPBE", "Layanan Publik Berbasis Elektronik", 20),
]
FRAMEWORK_2020 = [  # (domain, aspect, indicators, weight % of each indicator) from DOMAIN.md
    ("Kebijakan Internal SPBE", "Kebijakan Internal SPBE", 10, 1.3),
    ("Tata Kelola SPBE", "Perencanaan Strategis SPBE", 4, 2.5),
    ("Tata Kelola SPBE", "Teknologi Informasi dan Komunikasi", 4, 2.5),
    ("Tata Kelola SPBE", "Penyelenggara SPBE", 2, 2.5),
    ("Manajemen SPBE", "Penerapan Manajemen SPBE", 8, 1.5),
    ("Manajemen SPBE", "Audit TIK", 3, 1.5),
    ("Layanan SPBE", "Layanan Administrasi Pemerintahan Berbasis Elektronik", 10, 2.75),
    ("Layanan SPBE", "Layanan Publik Berbasis Elektronik", 6, 3.0),
]
PLANS = ("distinct", "shared")
WORDS = ["layanan", "kebijakan", "integrasi", "aplikasi", "data", "pusat", "arsitektur", "rencana", "induk",
    "elektronik", "pengadaan", "kepegawaian", "keuangan", "perencanaan", "penganggaran", "kinerja", "pengaduan",
    "publik", "naskah", "dinas", "dokumentasi", "hukum", "proses", "bisnis", "sistem", "informasi", "perangkat",
    "daerah", "instansi", "pemerintah", "otomasi", "transaksi", "kolaborasi", "optimalisasi", "evaluasi",
    "pemantauan", "berkala", "terpadu"]
STATUSES = ("Belum Dimulai", "Dalam Proses", "Dalam Proses", "Dalam Proses", "Selesai")


def _text(rng: random.Random, n_words: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n_words)]
    return " ".join(words).capitalize() + "."


def make_master(n_opds: int, seed: int = 2019, plan: str = "distinct") -> MasterList:
    if plan not in PLANS:
        raise ValueError(f"plan must be one of {PLANS}")
    rng = random.Random(seed)
    opds = [Opd(f"OPD{n:04d}", f"Perangkat Daerah Sintetis Nomor {n}", (f"PD {n}",)) for n in range(1, n_opds + 1)]
    counts = [rng.randint(5, 20) for _ in opds]
    if plan == "shared":
        return _shared_master(rng, opds, counts)
    total = sum(counts)
    per_aspect: list[list[int]] = [[] for _ in ASPECTS]
    for no in range(1, total + 1):
        per_aspect[(no - 1) * len(ASPECTS) // total].append(no)
    aspect_of = {no: a for a, nos in enumerate(per_aspect) for no in nos}
    owner = [opds[i].code for i, c in enumerate(counts) for _ in range(c)]
    indicators = []
    for no in range(1, total + 1):
        a = aspect_of[no]
        domain, aspect, weight = ASPECTS[a]
        kind = "service" if domain == "Layanan SPBE" else "capability"
        baseline = rng.randint(1, 4)
        indicators.append(Indicator(
            no=no, action=str(no), indicator=f"Indikator {no}: {_text(rng, 5)}", recommendation=_text(rng, 35),
            baseline_level=baseline, target_level=baseline + 1, follow_up=_text(rng, 10), target_year=2019,
            opds=(owner[no - 1],), domain=domain, aspect=aspect, weight=round(weight / len(per_aspect[a]), 10),
            level_kind=kind))
    return MasterList(tuple(indicators), OpdRegistry(opds), institution="Provinsi Sintetis",
                      title="Rencana Aksi Sintetis", plan_year=2019, framework="PermenPANRB 5/2018",
                      source="synthetic")


def _shared_master(rng: random.Random, opds: list[Opd], counts: list[int]) -> MasterList:
    """The 47 indicators of the 2020 framework; each OPD takes 5-20 of them."""
    slots = [(domain, aspect, weight) for domain, aspect, n, weight in FRAMEWORK_2020 for _ in range(n)]
    owners: list[list[str]] = [[] for _ in slots]
    for opd, count in zip(opds, counts):
        for i in rng.sample(range(len(slots)), count):
            owners[i].append(opd.code)
    indicators = []
    for no, ((domain, aspect, weight), mine) in enumerate(zip(slots, owners), 1):
        kind = "service" if domain == "Layanan SPBE" else "capability"
        baseline = rng.randint(1, 4)
        indicators.append(Indicator(
            no=no, action=str(no), indicator=f"Indikator {no}: {_text(rng, 5)}", recommendation=_text(rng, 35),
            baseline_level=baseline, target_level=baseline + 1, follow_up=_text(rng, 10), target_year=2019,
            opds=tuple(mine), domain=domain, aspect=aspect, weight=weight, level_kind=kind))
    return MasterList(tuple(indicators), OpdRegistry(opds), institution="Provinsi Sintetis",
                      title="Rencana Aksi Sintetis (47 indikator bersama)", plan_year=2019,
                      framework="PermenPANRB 59/2020", source="synthetic")


def _report(rng: random.Random, ind: Indicator) -> dict:
    status = rng.choice(STATUSES)
    progress = {"Belum Dimulai": 0, "Selesai": 100}.get(status, rng.randint(5, 95))
    budget = rng.randrange(10, 500) * 1_000_000
    return {
        "status": {"Belum Dimulai": "not_started", "Dalam Proses": "in_progress", "Selesai": "done"}[status],
        "progress": progress, "current_level": min(5, ind.baseline_level + rng.randint(0, 1)),
        "achievement": _text(rng, 25) + "\n" + _text(rng, 12),
        "evidence": f"Dokumen No. {rng.randint(1, 999)}/{rng.randint(1, 99)}/2019",
        "obstacles": _text(rng, 10) if rng.random() < 0.4 else "",
        "budget": budget, "spent": int(budget * rng.random()),
        "updated_on": dt.date(2019, 8, 1) + dt.timedelta(days=rng.randint(0, 50)),
        "responsible": f"Pejabat {rng.randint(1, 999)}",
    }


def make_submissions(master: MasterList, folder: Path, seed: int = 7) -> list[Path]:
    """One submission per OPD in ``folder``; files already there are kept."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for opd in master.opd_codes:
        reports = {ind.action: _report(rng, ind) for ind in master.for_opd(opd)}
        path = folder / template_filename(opd, PERIOD)
        paths.append(path)
        if path.exists():
            continue
        fill = Fill(values={aid: {k: v for k, v in r.items() if v != ""} for aid, r in reports.items()},
                    contact=f"Petugas {opd}", filled_on=dt.date(2019, 9, 25))
        write_workbook(path, master, opd=opd, period=PERIOD, fill=fill)
    return paths


def prepare(root: Path, n_opds: int, plan: str = "distinct") -> tuple[Path, Path]:
    """(master file, submissions folder) for ``n_opds`` OPDs, made once and cached under ``root``."""
    base = root / (f"opd{n_opds}" if plan == "distinct" else f"opd{n_opds}-{plan}")
    master_path = base / "master.xlsx"
    master = make_master(n_opds, plan=plan)
    if not master_path.exists():
        base.mkdir(parents=True, exist_ok=True)
        export_master(master, master_path)
    make_submissions(master, base / "kiriman")
    return master_path, base / "kiriman"
