"""The evidence pack's memory (issue 19): ``spbe-excel evidence pack`` streams each file into the zip, so its
peak memory must not grow with what it packs.

    python benchmarks/evidence_pack.py [--indicators 47] [--files 5] [--mb 5]
                                       [--out benchmarks/results/pack-latest.json]

A pack of ``--indicators`` x ``--files`` evidence files of ``--mb`` MB each (random bytes in a PDF's frame, so
nothing compresses them away) is written twice by :func:`spbe_excel.pipeline.write_evidence_pack`, each time in a
fresh process whose peak resident memory (``ru_maxrss``) is measured, beside the same process importing the library
and writing an empty pack (what the program needs whatever it packs).  Reported: the bytes packed, the peak RSS of
each, the growth from the empty pack to the full one as a ratio of the bytes packed, the time, and whether the two
full packs are the same bytes."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import datetime as dt, json, resource, sys, time
from pathlib import Path
from spbe_excel import pipeline
from spbe_excel.model.evidence_files import PackedFile
folder, out, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
master = pipeline.load_plan()
files = sorted(folder.glob("*.pdf"))[:count]
indicators = [(i.no, i.indicator) for i in master.indicators]
at = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
packed = []
for n, path in enumerate(files):
    ind = master.indicators[n % len(master.indicators)]
    packed.append(PackedFile(ind.no, ind.indicator, ind.action, "OPD%02d" % (n % 30), "%03d/SPBE/2026" % n,
                             "Dokumen bukti %d" % n, path.name, path.stem, path.stat().st_size, str(path),
                             at + dt.timedelta(minutes=n), "verified" if n % 3 == 0 else "", "DKIS", "pdf"))
start = time.perf_counter()
pipeline.write_evidence_pack(packed, indicators, out, title="Bukti dukung")
took = time.perf_counter() - start
print(json.dumps({"rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "seconds": took,
                  "bytes": sum(p.size for p in packed)}))
"""


def _make(folder: Path, count: int, size: int) -> None:
    for _ in range(count):
        body = b"%PDF-1.4\n%" + os.urandom(size - 40) + b"\ntrailer<<>>\n%%EOF\n"
        sha = hashlib.sha256(body).hexdigest()
        (folder / f"{sha}.pdf").write_bytes(body)


def _run(folder: Path, out: Path, count: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(folder), str(out), str(count)], capture_output=True,
                          text=True, env=env, check=True)
    return json.loads(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--indicators", type=int, default=47)
    ap.add_argument("--files", type=int, default=5)
    ap.add_argument("--mb", type=float, default=5)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "pack-latest.json"))
    args = ap.parse_args()
    count, size = args.indicators * args.files, int(args.mb * 1024 * 1024)
    with tempfile.TemporaryDirectory(prefix="spbe-pack-bench-") as work:
        folder = Path(work)
        _make(folder, count, size)
        empty = _run(folder, folder / "empty.zip", 0)
        start = time.perf_counter()
        first = _run(folder, folder / "a.zip", count)
        wall = time.perf_counter() - start
        second = _run(folder, folder / "b.zip", count)
        same = (folder / "a.zip").read_bytes() == (folder / "b.zip").read_bytes()
        zip_bytes = (folder / "a.zip").stat().st_size
    packed = first["bytes"]
    growth = max(first["rss_kb"], second["rss_kb"]) * 1024 - empty["rss_kb"] * 1024
    result = {"files": count, "bytes_packed": packed, "zip_bytes": zip_bytes,
              "peak_rss_empty_mb": round(empty["rss_kb"] / 1024, 1),
              "peak_rss_full_mb": round(max(first["rss_kb"], second["rss_kb"]) / 1024, 1),
              "peak_rss_to_bytes": round(max(first["rss_kb"], second["rss_kb"]) * 1024 / packed, 4),
              "growth_to_bytes": round(growth / packed, 4), "seconds": round(first["seconds"], 2),
              "wall_seconds": round(wall, 2), "same_bytes": same}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    for key, value in result.items():
        print(f"{key:>20}: {value}")


if __name__ == "__main__":
    main()
