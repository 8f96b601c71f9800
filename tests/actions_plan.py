"""A plan with several actions per indicator, built by code, and its OPDs' submissions.

Six indicators over three domains and four aspects (weights 10, 10, 15, 20, 15, 30): No 1 has two
actions (DKIS alone on 1.1; DKIS and HUKUM share 1.2: one OPD with two actions on one indicator), No 3
three (their ids written in the Aksi column), No 4 none this year, No 5 one action of two OPDs, No 6 two.
The other ids are numbered by the loader in row order.  :func:`fill_templates` fills each OPD's real
template the way :mod:`factory` does for the seed (openpyxl plays the user)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from factory import HEADER, columns_of, good_row

from spbe_excel.write.template import write_templates

PERIOD = "Triwulan III 2019"
HEADERS = ["No", "Aksi", "Indikator", "Rekomendasi", "Nilai Tingkat Kematangan", "Target Tingkat Kematangan",
           "Tindak Lanjut", "Target Waktu", "OPD Terkait", "Domain", "Aspek", "Bobot (%)", "Jenis Tingkat"]
D1, D2, D3 = "Kebijakan Internal", "Tata Kelola", "Layanan SPBE"
A1, A2, A3, A4 = "Kebijakan Tata Kelola", "Kebijakan Layanan", "Kelembagaan", "Layanan Publik"
ROWS = [  # No, Aksi, Indikator, Rekomendasi, baseline, target, Tindak Lanjut, year, OPD, domain, aspect, weight, kind
    [1, None, "Kebijakan Tim Pengarah SPBE", "Tetapkan tim pengarah", 1, 2, "Susun rancangan Perwali tim pengarah",
     2019, "DKIS", D1, A1, 10, "Kapabilitas"],
    [1, None, "Kebijakan Tim Pengarah SPBE", "Tetapkan tim pengarah", 1, 2, "Harmonisasi rancangan dengan Bagian Hukum",
     2019, "DKIS; HUKUM", D1, A1, 10, "Kapabilitas"],
    [2, None, "Kebijakan Arsitektur SPBE", "Susun arsitektur", 2, 3, "Susun dokumen arsitektur SPBE", 2019, "BAPPEDA",
     D1, A1, 10, "Kapabilitas"],
    [3, "3.1", "Kebijakan Layanan Publik", "Atur layanan publik", 2, 3, "Inventarisasi layanan publik", 2019,
     "ORGANISASI", D1, A2, 15, "Kapabilitas"],
    [3, "3.2", "Kebijakan Layanan Publik", "Atur layanan publik", 2, 3, "Susun standar layanan elektronik", 2020,
     "BAPPEDA", D1, A2, 15, "Kapabilitas"],
    [3, "3.3", "Kebijakan Layanan Publik", "Atur layanan publik", 2, 3, "Tetapkan Perwali layanan publik elektronik",
     2020, "DKIS", D1, A2, 15, "Kapabilitas"],
    [4, None, "Tim Koordinasi SPBE", "Bentuk tim koordinasi", 1, 2, None, None, None, D2, A3, 20, "Kapabilitas"],
    [5, None, "Kolaborasi Penerapan SPBE", "Tingkatkan kolaborasi", 3, 4, "Rapat koordinasi lintas OPD", 2019,
     "HUKUM; BPKAD", D2, A3, 15, "Kapabilitas"],
    [6, None, "Layanan Pengaduan Publik", "Ditingkatkan menjadi layanan transaksi", 2, 3,
     "Integrasikan kanal pengaduan", 2019, "DKIS", D3, A4, 30, "Layanan"],
    [6, None, "Layanan Pengaduan Publik", "Ditingkatkan menjadi layanan transaksi", 2, 3,
     "Tambah layanan pengaduan kependudukan", 2019, "DUKCAPIL", D3, A4, 30, "Layanan"],
]
ACTIONS = ["1.1", "1.2", "2", "3.1", "3.2", "3.3", "5", "6.1", "6.2"]
WEIGHT = {1: 10, 2: 10, 3: 15, 4: 20, 5: 15, 6: 30}
BASELINE = {1: 1, 2: 2, 3: 2, 4: 1, 5: 3, 6: 2}


def write_master(path: Path, rows: list[list] | None = None, headers: list[str] | None = None) -> Path:
    """The plan as a master workbook (sheet Indikator; Info with the institution and plan year)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Indikator"
    ws.append(headers or HEADERS)
    for row in rows or ROWS:
        ws.append(row)
    info = wb.create_sheet("Info")
    info.append(["Instansi", "Kabupaten Aksi"])
    info.append(["Tahun Rencana", 2019])
    wb.save(path)
    return path


def rows_by_action(ws) -> dict[str, int]:
    """Action id (the No cell as the template writes it: a number, or "1.2" as text) -> 1-based row."""
    out = {}
    for r in range(HEADER + 1, ws.max_row + 1):
        v = ws.cell(r, 1).value
        if isinstance(v, (int, float, str)) and str(v).strip():
            out[str(v)] = r
    return out


def fill_templates(templates: Path, out: Path, reports: dict[str, dict[str, dict]], *,
                   filled_on: dt.date = dt.date(2019, 9, 20)) -> Path:
    """Fill the template of each OPD in ``reports`` ({OPD: {action: {column key: value}}}) and save it in
    ``out``: an action not listed is reported with :func:`factory.good_row`; a value None leaves the cell
    empty."""
    out.mkdir(parents=True, exist_ok=True)
    for opd, mine in reports.items():
        src = next(templates.glob(f"{opd}_*.xlsx"))
        wb = openpyxl.load_workbook(src)
        ws = wb.worksheets[1]
        cols = columns_of(ws)
        for action, r in rows_by_action(ws).items():
            for key, value in mine.get(action, good_row(int(float(action)))).items():
                if value is not None:
                    ws.cell(r, cols[key]).value = value
        ws["C3"] = f"Petugas {opd}"
        ws["G3"] = filled_on
        wb.save(out / src.name)
    return out


def templates_for(master, folder: Path, period: str = PERIOD) -> Path:
    write_templates(folder, master, period=period)
    return folder


def level(n: int) -> dict:
    """A report with level estimate ``n`` (as the dropdown writes it)."""
    return {**good_row(), "current_level": str(n)}


def no_level() -> dict:
    return good_row()


# What the OPDs report in the quarter (BPKAD sends nothing): the level each indicator counts at is the lowest
# estimated over its actions and OPDs, its baseline when nobody estimated it or it has no action.
REPORTS = {
    "DKIS": {"1.1": level(3), "1.2": level(2), "3.3": level(4), "6.1": level(3)},
    "HUKUM": {"1.2": no_level(), "5": level(4)},
    "BAPPEDA": {"2": no_level(), "3.2": no_level()},
    "ORGANISASI": {"3.1": level(3)},
    "DUKCAPIL": {"6.2": level(4)},
}
LEVELS = {1: 2, 2: 2, 3: 3, 4: 1, 5: 4, 6: 3}
