"""Benchmarks of spbe-excel, with ratios against baselines measured in the same run.

    python benchmarks/run.py [--opds 1000] [--small 100] [--repeat 3] [--plan distinct --plan shared]
                             [--out benchmarks/results/latest.json]

Both plan shapes of ``synthetic.py`` are measured by default: ``distinct``
(every row an indicator of its own: some 12,600 indicators, the stress case)
and ``shared`` (the 47 indicators of the 2020 framework, each shared by many
OPDs: the shape of a real SPBE plan).

Measured (medians of ``--repeat`` runs, interleaved so that machine noise
hits every contender alike):

* read + validate every submission: ``read_many`` with the default pool
  (isolated workers, both cores), with one isolated worker, and in-process
  (``workers=0``), against python-calamine alone reading every cell of every
  sheet of the same files;
* the whole ``spbe-excel consolidate`` command (a fresh process, workbook
  written) on ``--opds`` files and on ``--small`` files, with the default pool
  and with ``--workers 0``, against the hand-written approach
  (``benchmarks/handwritten.py``: pandas.read_excel with openpyxl per file,
  concat, to_excel);
* peak memory of the consolidate run: the sum of the proportional set sizes
  (PSS) of its process tree, sampled every 20 ms, and the largest RSS, in
  runs of their own (reading /proc that often slows the process it watches,
  so times come from runs without sampling);
* start-up: ``spbe-excel --help`` (which modules it imports) and
  ``spbe-excel validate one.xlsx``, whole processes.

The synthetic data (``benchmarks/synthetic.py``) is made once and cached
under ``benchmarks/data/`` (not committed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from synthetic import AS_OF, PERIOD, PLANS, prepare  # noqa: E402


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _memory(pids: list[int]) -> tuple[int, int]:
    """(sum of PSS, largest RSS) in bytes."""
    pss = rss = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
                    elif line.startswith("Rss:"):
                        rss = max(rss, int(line.split()[1]) * 1024)
        except OSError:
            continue
    return pss, rss


def run_timed(cmd: list[str]) -> float:
    """Wall time of a whole command, with nothing else running beside it."""
    started = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return wall


def run_measured(cmd: list[str]) -> dict:
    """Peak memory of a whole command and its children (and its wall time, which the sampling, every
    20 ms through /proc, slows down: times are taken from separate runs by run_timed)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = {"pss": 0, "rss": 0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            pss, rss = _memory(_tree(proc.pid))
            peak["pss"] = max(peak["pss"], pss)
            peak["rss"] = max(peak["rss"], rss)
            stop.wait(0.02)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - started
    stop.set()
    thread.join()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd} failed ({proc.returncode}): {err[-2000:]}")
    return {"seconds": wall, "peak_pss_mb": peak["pss"] / 2**20, "peak_rss_mb": peak["rss"] / 2**20}


def time_call(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def calamine_every_cell(files: list[Path]) -> None:
    import python_calamine

    for path in files:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--opds", type=int, default=1000)
    ap.add_argument("--small", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", type=Path, default=HERE / "data")
    ap.add_argument("--plan", action="append", choices=PLANS, help="plan shape (repeatable; default: both)")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    args = ap.parse_args(argv)
    plans = args.plan or list(PLANS)
    out = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
           "date": dt.date.today().isoformat(), "plans": {}}
    for plan in plans:
        out["plans"][plan] = measure(args, plan)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps({plan: {k: summary[k] for k in ("data", "seconds", "memory_mb", "ratios", "targets")}
                      for plan, summary in out["plans"].items()}, indent=2))
    return out


def measure(args, plan: str) -> dict:
    from spbe_excel.master import load_master
    from spbe_excel.read.batch import read_many

    print(f"[{plan}] preparing {args.opds} and {args.small} synthetic submissions under {args.data} ...", flush=True)
    big_master, big_dir = prepare(args.data, args.opds, plan)
    small_master, small_dir = prepare(args.data, args.small, plan)
    files = sorted(big_dir.glob("*.xlsx"))
    master = load_master(big_master)
    pairs = sum(len(i.opds) for i in master.actions)
    exe = [sys.executable, "-m", "spbe_excel"]
    results: dict = {"runs": {}}

    def record(name: str, value):
        results["runs"].setdefault(name, []).append(value)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        consolidate = [*exe, "consolidate", "--master", str(big_master), "--period", PERIOD, "--as-of",
                       AS_OF.isoformat(), "-q"]
        small_cmd = [*exe, "consolidate", "--master", str(small_master), "--period", PERIOD, "--as-of",
                     AS_OF.isoformat(), "-q"]
        for i in range(args.repeat):
            print(f"[{plan}] round {i + 1}/{args.repeat}", flush=True)
            record("calamine_every_cell", time_call(lambda: calamine_every_cell(files)))
            for workers, name in ((None, "read_validate_pool"), (1, "read_validate_one_worker"),
                                  (0, "read_validate_in_process")):
                record(name, time_call(lambda w=workers: read_many(files, master, period=PERIOD, today=AS_OF,
                                                                   workers=w)))
            commands = {
                "consolidate": [*consolidate, str(big_dir), "-o", str(tmp / "big.xlsx")],
                "consolidate_single_process": [*consolidate, str(big_dir), "-o", str(tmp / "big0.xlsx"),
                                               "--workers", "0"],
                "consolidate_small": [*small_cmd, str(small_dir), "-o", str(tmp / "small.xlsx")],
                "handwritten": [sys.executable, str(HERE / "handwritten.py"), str(big_dir), str(tmp / "hand.xlsx")],
                "handwritten_no_write": [sys.executable, str(HERE / "handwritten.py"), str(big_dir), "-"],
            }
            for name, cmd in commands.items():
                record(name, run_timed(cmd))
            for name in ("consolidate", "consolidate_single_process", "handwritten"):
                record(f"{name}_memory", run_measured(commands[name]))
            record("help", run_timed([*exe, "--help"]))
            record("validate_one", run_timed([*exe, "validate", str(ROOT / "examples" / "triwulan-iii" /
                                                                    "BAPPEDA_Triwulan_III_2019.xlsx"),
                                              "--as-of", "2019-09-30"]))

    help_imports = subprocess.run(
        [sys.executable, "-c", "import sys\nsys.argv=['spbe-excel','--help']\nfrom spbe_excel import cli\n"
                               "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
                               "print('IMPORTS:' + ','.join(m for m in ('pandas','openpyxl','xlsxwriter','numpy') "
                               "if m in sys.modules))"],
        capture_output=True, text=True, check=True).stdout.rsplit("IMPORTS:", 1)[1].strip()

    def med(name, key=None):
        values = [v[key] if key else v for v in results["runs"][name]]
        return statistics.median(values)

    cal = med("calamine_every_cell")
    summary = {
        "data": {"plan": plan, "opds": args.opds, "small_opds": args.small, "files": len(files),
                 "indicators": len(master.indicators), "pairs": pairs,
                 "megabytes": round(sum(p.stat().st_size for p in files) / 2**20, 1)},
        "seconds": {
            "calamine_every_cell": cal,
            "read_validate_pool": med("read_validate_pool"),
            "read_validate_one_worker": med("read_validate_one_worker"),
            "read_validate_in_process": med("read_validate_in_process"),
            "consolidate": med("consolidate"),
            "consolidate_single_process": med("consolidate_single_process"),
            "consolidate_small": med("consolidate_small"),
            "handwritten": med("handwritten"),
            "handwritten_no_write": med("handwritten_no_write"),
            "help": med("help"),
            "validate_one": med("validate_one"),
        },
        "memory_mb": {
            "consolidate_peak_pss": med("consolidate_memory", "peak_pss_mb"),
            "consolidate_peak_rss_largest_process": med("consolidate_memory", "peak_rss_mb"),
            "consolidate_single_process_peak_pss": med("consolidate_single_process_memory", "peak_pss_mb"),
            "handwritten_peak_pss": med("handwritten_memory", "peak_pss_mb"),
        },
        "help_imports": help_imports.split(",") if help_imports else [],
    }
    s = summary["seconds"]
    summary["ratios"] = {
        "read_validate_pool_vs_calamine": s["read_validate_pool"] / cal,
        "read_validate_in_process_vs_calamine": s["read_validate_in_process"] / cal,
        "handwritten_vs_consolidate": s["handwritten"] / s["consolidate"],
        "handwritten_no_write_vs_consolidate": s["handwritten_no_write"] / s["consolidate"],
        "handwritten_vs_consolidate_single_process": s["handwritten"] / s["consolidate_single_process"],
        "consolidate_big_vs_small": s["consolidate"] / s["consolidate_small"],
    }
    r, m = summary["ratios"], summary["memory_mb"]
    summary["targets"] = {
        "read_validate <= 2x calamine": r["read_validate_pool_vs_calamine"] <= 2,
        "consolidate >= 5x faster than hand-written": r["handwritten_vs_consolidate"] >= 5,
        f"{args.opds} files <= 11x {args.small} files": r["consolidate_big_vs_small"] <= 11,
        "peak memory <= 400 MB": m["consolidate_peak_pss"] <= 400,
        "--help imports no pandas/openpyxl/xlsxwriter": not summary["help_imports"],
        "validate one file <= 0.5 s": s["validate_one"] <= 0.5,
    }
    summary["runs"] = results["runs"]
    return summary


if __name__ == "__main__":
    main()
