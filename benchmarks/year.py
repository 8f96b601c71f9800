"""The year workbook and the leaders' page of a large plan: the shared plan of ``synthetic.py`` (the 47 indicators
of the 2020 framework, each OPD responsible for 5-20 of them), one submission per OPD in each of the four
quarters of 2019 (each quarter its own random reports), each quarter consolidated by ``spbe-excel consolidate``;
then ``spbe-excel year`` over the four consolidated workbooks and ``spbe-excel report`` on the year workbook, each
a whole process, against one ``spbe-excel consolidate`` of a quarter as the baseline.  Medians of ``--repeat``
rounds; the data is made once and cached under ``data/``.

    python benchmarks/year.py --opds 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from synthetic import _report, make_master  # noqa: E402

from spbe_excel.write.master_export import export_master  # noqa: E402
from spbe_excel.write.template import Fill, template_filename, write_workbook  # noqa: E402

QUARTERS = ("Triwulan I 2019", "Triwulan II 2019", "Triwulan III 2019", "Triwulan IV 2019")
AS_OF = ("2019-04-15", "2019-07-15", "2019-10-15", "2020-01-15")


def prepare(root: Path, n_opds: int) -> tuple[Path, list[Path]]:
    base = root / f"year-opd{n_opds}"
    master = make_master(n_opds, plan="shared")
    master_path = base / "master.xlsx"
    if not master_path.exists():
        base.mkdir(parents=True, exist_ok=True)
        export_master(master, master_path)
    rekaps = []
    for q, period in enumerate(QUARTERS):
        folder = base / f"tw{q + 1}"
        rng = random.Random(100 + q)
        folder.mkdir(exist_ok=True)
        for opd in master.opd_codes:
            path = folder / template_filename(opd, period)
            reports = {ind.action: _report(rng, ind) for ind in master.for_opd(opd)}
            if not path.exists():
                fill = Fill(values={a: {k: v for k, v in r.items() if v != ""} for a, r in reports.items()},
                            contact=f"Petugas {opd}", filled_on=dt.date(2019, 3 * q + 3, 25))
                write_workbook(path, master, opd=opd, period=period, fill=fill)
        rekap = base / f"rekap-tw{q + 1}.xlsx"
        rekaps.append(rekap)
        if not rekap.exists():
            run(["consolidate", str(folder), "-o", str(rekap), "--period", period, "--as-of", AS_OF[q], "-q",
                 "--master", str(master_path), *(["--previous", str(rekaps[-2])] if q else [])])
    return master_path, rekaps


def run(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "spbe_excel", *args], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"spbe-excel {' '.join(args)} failed: {done.stderr}")
    return time.perf_counter() - start


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--opds", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    master_path, rekaps = prepare(HERE / "data", args.opds)
    out = HERE / "data" / f"year-opd{args.opds}"
    times: dict[str, list[float]] = {"consolidate": [], "year": [], "report": []}
    for _ in range(args.repeat):
        times["consolidate"].append(run(["consolidate", str(out / "tw4"), "-o", str(out / "again.xlsx"), "--period",
                                         QUARTERS[3], "--as-of", AS_OF[3], "-q", "--master", str(master_path)]))
        times["year"].append(run(["year", *map(str, rekaps), "-o", str(out / "rekap-2019.xlsx")]))
        times["report"].append(run(["report", str(out / "rekap-2019.xlsx"), "-o", str(out / "ringkasan.pdf")]))
    result = {"opds": args.opds, "pairs": sum(len(ind.opds) for ind in make_master(args.opds, plan="shared").actions),
              "size_mb": round((out / "rekap-2019.xlsx").stat().st_size / 1e6, 2),
              **{k: round(statistics.median(v), 2) for k, v in times.items()}}
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
