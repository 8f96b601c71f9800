"""A 2025 plan under the 2020 framework run through its four quarters, by code, for the year's tests: ``master
new``, DKIS fills the plan (47 indicators, five OPDs, a second action for No 11 targeted at 2027, so that the
plan's actions are numbered), then each quarter the OPDs fill their templates and DKIS consolidates with
``--previous``.  What happens over the year:

- most actions move 20 % a quarter; DISKOMINFO's No 3 and 6 stall at 40 % from Triwulan II;
- INSPEKTORAT finishes No 9 (with evidence) in Triwulan III and sends nothing in Triwulan IV;
- BAPPEDA reports No 12 *Selesai* at 90 % without evidence in Triwulan IV (two errors);
- the OPDs claim levels, more each quarter, with evidence (counted), and DPMPTSP's No 47 without (claimed, not
  counted) from Triwulan III;
- with ``verify`` (as the year's tests run it), DKIS marks BKPSDM's level claim on No 1 *Sesuai* in Triwulan III,
  and the verification holds in Triwulan IV (read back from Triwulan III's workbook by ``--previous``);
- the files arrive on their due dates (10 days after each quarter) except BKPSDM's of Triwulan I (10 days late)
  and DPMPTSP's of Triwulan III (5 days late); Triwulan IV is consolidated on 15 January 2026, after the year,
  so every unfinished action due in 2025 is overdue.

:func:`make_year` writes it all under a folder and returns the paths; the same code gives the same rekaps.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
from planfill import fill_plan

from spbe_excel.master import load_master
from spbe_excel.model.columns import TEMPLATE_COLUMNS
from spbe_excel.pipeline import consolidate_folder, new_plan
from spbe_excel.write.template import HEADER_ROW, write_template

INSTITUTION, YEAR = "Kabupaten Contoh", 2025
OPDS = [("DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo"),
        ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Bappeda"),
        ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKD"),
        ("INSPEKTORAT", "Inspektorat Daerah", ""),
        ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Dinas Perizinan")]
QUARTERS = ("Triwulan I 2025", "Triwulan II 2025", "Triwulan III 2025", "Triwulan IV 2025")
AS_OF = (dt.date(2025, 4, 15), dt.date(2025, 7, 15), dt.date(2025, 10, 15), dt.date(2026, 1, 15))
DUE = (dt.date(2025, 4, 10), dt.date(2025, 7, 10), dt.date(2025, 10, 10), dt.date(2026, 1, 10))
LATE = {(0, "BKPSDM"): 10, (2, "DPMPTSP"): 5}  # (quarter, OPD) -> days after the due date its file came
SILENT = {(3, "INSPEKTORAT")}  # sent nothing
CLAIMS = {1: (1, 22, 33), 2: (15, 18, 42), 3: (2, 5)}  # from which quarter the OPD claims the next level
STALLED = {3, 6}  # DISKOMINFO's, at 40 % from Triwulan II


def owner(no: int) -> str:
    if no == 40:
        return "BKPSDM; INSPEKTORAT"
    if no == 9:
        return "INSPEKTORAT"
    if no in (11, 12):
        return "BAPPEDA"
    return ("DISKOMINFO", "BKPSDM", "DPMPTSP")[no % 3] if no != 30 else "INSPEKTORAT"


def baseline(no: int) -> int:
    return 1 + no % 3


def _plan_rows() -> dict[int, dict]:
    rows = {}
    for no in range(1, 48):
        rows[no] = {"baseline_level": baseline(no), "recommendation": f"Rekomendasi evaluasi 2024 indikator {no}.",
                    "follow_up": f"Tindak lanjut indikator {no}", "target_year": YEAR, "opds": owner(no)}
    rows[45]["indicator"] = "Layanan Perizinan Berusaha Daring"
    rows[46]["indicator"] = "Layanan Administrasi Kependudukan Daring"
    rows[47]["indicator"] = "Layanan Kesehatan Daring"
    return rows


EXTRA = [{"no": 11, "follow_up": "Menyusun Peta Rencana SPBE 2025-2029", "target_year": 2027, "opds": "BAPPEDA"}]


def report(quarter: int, code: str, action: str, no: int) -> dict:
    """What ``code`` reports for ``action`` in ``quarter`` (0-3)."""
    progress = min(100, 20 * (quarter + 1))
    if code == "DISKOMINFO" and no in STALLED:
        progress = min(progress, 40)
    row = {"status": "Dalam Proses", "progress": progress / 100, "achievement": f"Kemajuan {action} ke-{quarter}",
           "evidence": "Notulen rapat", "budget": 20_000_000, "spent": 5_000_000 * (quarter + 1),
           "updated_on": AS_OF[quarter] - dt.timedelta(days=10), "responsible": "Kepala Bidang"}
    if code == "INSPEKTORAT" and no == 9 and quarter >= 2:
        row.update(status="Selesai", progress=1.0, evidence="Perbup No 9 Tahun 2025")
    if code == "BAPPEDA" and no == 12 and quarter == 3:
        row.update(status="Selesai", progress=0.9, evidence="")
    if any(quarter >= q and no in nos for q, nos in CLAIMS.items()):  # claims with evidence: counted
        row["current_level"] = baseline(no) + 1
    if code == "DPMPTSP" and no == 47 and quarter >= 2:  # a claim without evidence: not counted
        row.update(current_level=baseline(no) + 1, evidence="")
    return row


def fill_submission(template: Path, out: Path, quarter: int, code: str, master) -> Path:
    mine = {a.action: a for a in master.for_opd(code)}
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[1]
    cols = {c.key: i + 1 for i, c in enumerate(TEMPLATE_COLUMNS)}
    for r in range(HEADER_ROW + 2, ws.max_row + 1):
        written = ws.cell(r, cols["no"]).value
        if written is None:
            continue
        act = mine[str(written)]
        for k, v in report(quarter, code, act.action, act.no).items():
            if v not in (None, ""):
                ws.cell(r, cols[k]).value = v
    ws["C3"] = f"Petugas {code}"
    ws["G3"] = AS_OF[quarter] - dt.timedelta(days=8)
    wb.save(out)
    return out


def make_plan(root: Path, tweak: dict | None = None) -> Path:
    opd_csv = root / "opd.csv"
    opd_csv.write_text("Kode,Nama Resmi,Alias\n" + "".join(f'{c},"{n}","{a}"\n' for c, n, a in OPDS),
                       encoding="utf-8")
    new_plan(root / "rencana-2025.xlsx", "2020", INSTITUTION, YEAR, opd_file=opd_csv, force=True)
    rows = _plan_rows()
    for no, values in (tweak or {}).items():
        rows[no].update(values)
    return fill_plan(root / "rencana-2025.xlsx", root / "rencana-2025-terisi.xlsx", rows, extra=EXTRA)


VERIFIED = {2: [("1", "BKPSDM")]}  # quarter -> the claims DKIS marks Sesuai in it


def verifications(folder: Path, master, q: int, previous: Path | None, pairs) -> list:
    """DKIS's verdict *Sesuai* on the claims of ``pairs`` ((action, OPD)) as the quarter's rows stand."""
    from spbe_excel.figures import claim_rows
    from spbe_excel.model.verification import Verdict, Verification

    cons = consolidate_folder(folder, master, period=QUARTERS[q], as_of=AS_OF[q], previous=previous).consolidation
    claims = {(c.action, c.opd): c for c in claim_rows(cons)}
    return [Verification(a, o, Verdict.VERIFIED, claims[(a, o)].fingerprint, "Bukti dukung diperiksa", "DKIS",
                         dt.datetime.combine(AS_OF[q], dt.time(10, 0))) for a, o in pairs]


def make_year(root: Path, quarters=range(4), tweak: dict | None = None, verify: dict | None = None) -> dict:
    """The plan and the rekaps of ``quarters`` (0-3) under ``root``: {"plan", "master", "rekaps": [path per
    quarter]}; ``tweak`` changes plan rows (No -> {column key: value}); ``verify`` (quarter -> [(action, OPD)], say
    :data:`VERIFIED`): the claims DKIS marks *Sesuai* in a quarter (the others' verifications are the previous
    workbook's)."""
    root.mkdir(parents=True, exist_ok=True)
    plan = make_plan(root, tweak)
    master = load_master(plan)
    rekaps: list[Path] = []
    previous = None
    for q in quarters:
        folder = root / f"tw{q + 1}"
        folder.mkdir(exist_ok=True)
        for code in master.opd_codes:
            if (q, code) in SILENT:
                continue
            tpl = write_template(root / "templat" / f"{code}_{q}.xlsx", master, opd=code, period=QUARTERS[q])
            sub = fill_submission(tpl, folder / f"{code}_{QUARTERS[q].replace(' ', '_')}.xlsx", q, code, master)
            when = dt.datetime.combine(DUE[q] + dt.timedelta(days=LATE.get((q, code), 0)), dt.time(9, 0))
            stamp = when.timestamp()
            os.utime(sub, (stamp, stamp))
        out = root / f"rekap-tw{q + 1}-2025.xlsx"
        given = verifications(folder, master, q, previous, verify[q]) if verify and q in verify else None
        consolidate_folder(folder, master, output=out, period=QUARTERS[q], as_of=AS_OF[q], previous=previous,
                           verifications=given)
        rekaps.append(out)
        previous = out
    return {"plan": plan, "master": master, "rekaps": rekaps}


if __name__ == "__main__":  # python tests/yearplan.py OUTDIR: the year for a look
    import sys

    print(make_year(Path(sys.argv[1]), verify=VERIFIED)["rekaps"])
