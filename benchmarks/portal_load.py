"""Load on the intake page (``spbe-excel portal serve``), loopback only and bounded.

    python benchmarks/portal_load.py [--opds 60] [--clients 40] [--bursts 3] [--requests 50] [--repeat 7]
                                     [--out benchmarks/results/portal-latest.json]

A store is made with ``spbe-excel portal init`` in a temporary folder, for a synthetic plan of
``--opds`` OPDs (``synthetic.make_master``, the ``shared`` shape: the 47 indicators of the 2020
framework, each OPD responsible for 5-20 of them).  Each OPD's template is written by
``spbe-excel template`` and filled in by openpyxl as a person would (statuses, progress, levels picked
from the dropdown's texts, money, dates, a few lines of text; one of the usual mistakes in a tenth of
the rows), once per burst, so that every burst uploads new files.  The real server runs in a
subprocess (``python -m spbe_excel portal serve DIR --port N`` on 127.0.0.1).

Measured:

* **upload to findings**: ``--clients`` threads, one per OPD, each with its
  own connection, wait at a barrier and then all POST their OPD's file to
  ``/api/v1/submissions`` at once; the time of each from the request's start
  to its ``201`` JSON (findings included) received and parsed; median and
  95th percentile (nearest rank) per burst; the first one is cold;
* the same-run baselines: ``spbe-excel validate`` of a typical file of the
  burst (the one of median size) as a whole process, and
  ``read_many([file], workers=1)`` (what the server does per upload: one
  isolated forked reader) in this process, medians of ``--repeat`` runs;
  and one upload alone (uploads one after another, nothing else running);
* **the status page** once every OPD has an upload: ``GET /admin`` and
  ``GET /api/v1/status``, both with the session cookie of a login (the admin
  token as a bearer token is limited to 30 requests a minute; one request
  checks it works), median and 95th percentile of ``--requests`` requests
  each; the first request after
  the uploads (the SPBE index computed), requests right after a new upload
  (the index computed again), and the first request after a restart (every
  counted upload read again) are reported apart;
* the machine's load in each phase: the CPU time the machine spent busy
  against what the server (with its readers), this script and every other
  process spent, so that other work on the machine shows (the load average
  counts this script's 40 threads: it says little here).

Results go to ``--out`` (JSON) and a small table is printed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import openpyxl

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from synthetic import PERIOD, WORDS, make_master  # noqa: E402

from spbe_excel.model.columns import TEMPLATE_COLUMNS  # noqa: E402
from spbe_excel.text.words import column_label  # noqa: E402
from spbe_excel.write.template.layout import HEADER_ROW  # noqa: E402

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUSES = ("Belum Dimulai", "Dalam Proses", "Dalam Proses", "Dalam Proses", "Selesai")
EXE = [sys.executable, "-m", "spbe_excel"]
MISTAKES = 0.1  # share of rows with one of the usual mistakes (a typical file has one or two findings)
CHANGES = 20  # status requests each right after a new upload
TARGETS = {"upload_median": 0.25, "upload_p95": 0.5, "status": 0.1}


# ---- figures ------------------------------------------------------------------------------------------
def p95(values: list[float]) -> float:
    """95th percentile, nearest rank (of 40 values: the 38th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def stats(values: list[float]) -> dict:
    return {"n": len(values), "median": statistics.median(values), "p95": p95(values), "min": min(values),
            "max": max(values)}


def _processes() -> dict[int, tuple[int, float]]:
    """Every process: its parent and its CPU time with that of its children it has reaped (utime, stime, cutime,
    cstime)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    f = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            out[int(entry)] = (int(f[1]), sum(int(v) for v in f[11:15]) / tick)
    return out


def _subtree(procs: dict[int, tuple[int, float]], root: int | None) -> set[int]:
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    out, todo = set(), [root] if root in procs else []
    while todo:
        pid = todo.pop()
        out.add(pid)
        todo.extend(children.get(pid, []))
    return out


class Load:
    """The machine's CPU use over a phase: the busy time of every core (/proc/stat), and the CPU time of the
    server's process tree, of this script's other processes, of every other process (other work on the machine)
    and of kernel threads; what no process accounts for (interrupts, loopback networking) is the rest."""

    def __init__(self, server_pid: int | None = None):
        self.server_pid = server_pid
        self.start = self._sample()

    @staticmethod
    def _busy() -> float:
        with open("/proc/stat") as fh:
            fields = [int(v) for v in fh.readline().split()[1:]]
        idle = fields[3] + fields[4]  # idle + iowait
        return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")

    def _sample(self) -> tuple[float, float, dict[str, float]]:
        procs = _processes()
        mine = _subtree(procs, os.getpid())
        server = _subtree(procs, self.server_pid) if self.server_pid else set()
        kernel = {pid for pid, (ppid, _) in procs.items() if pid == 2 or ppid == 2}
        groups = {"server": 0.0, "this_script": 0.0, "others": 0.0, "kernel": 0.0}
        for pid, (_, cpu) in procs.items():
            group = ("server" if pid in server else "this_script" if pid in mine else "kernel" if pid in kernel
                     else "others")
            groups[group] += cpu
        return time.perf_counter(), self._busy(), groups

    def done(self) -> dict:
        wall1, busy1, groups1 = self._sample()
        wall0, busy0, groups0 = self.start
        span = (wall1 - wall0) * (os.cpu_count() or 1)
        out = {"wall_s": round(wall1 - wall0, 3), "loadavg_1min": os.getloadavg()[0],
               "machine_busy_pct": round(100 * (busy1 - busy0) / span, 1)}
        for group in groups1:
            out[f"{group}_pct"] = round(100 * max(0.0, groups1[group] - groups0[group]) / span, 1)
        return out


# ---- the data -----------------------------------------------------------------------------------------
def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _row_values(rng: random.Random, baseline: str, target: str) -> dict:
    """What a person types or picks in one row (the keys of TEMPLATE_COLUMNS)."""
    status = rng.choice(STATUSES)
    progress = {"Belum Dimulai": 0.0, "Selesai": 1.0}.get(status, rng.randint(5, 95) / 100)
    budget = rng.randrange(10, 500) * 1_000_000
    values = {"status": status, "progress": progress, "current_level": rng.choice((baseline, target)),
              "achievement": _text(rng, 25) + "\n" + _text(rng, 12),
              "evidence": f"Dokumen No. {rng.randint(1, 999)}/{rng.randint(1, 99)}/2019",
              "budget": budget, "spent": int(budget * rng.random()),
              "updated_on": dt.datetime(2019, 8, 1) + dt.timedelta(days=rng.randint(0, 50)),
              "responsible": f"Pejabat {rng.randint(1, 999)}"}
    if rng.random() < 0.4:
        values["obstacles"] = _text(rng, 10)
    if rng.random() < MISTAKES:  # what people get wrong now and then
        mistake = rng.choice(("overrun", "progress", "evidence", "date"))
        if mistake == "overrun":
            values["spent"] = budget + rng.randrange(1, 50) * 1_000_000
        elif mistake == "progress":
            values.update(status="Selesai", progress=rng.randint(50, 95) / 100)
        elif mistake == "evidence":
            values.update(status="Selesai", progress=1.0, evidence=None)
        else:
            values["updated_on"] = None
    return values


def fill(template: Path, out: Path, seed: str) -> Path:
    """The template filled in with openpyxl, as a person fills it and saves it."""
    rng = random.Random(seed)
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[1]
    header = HEADER_ROW + 1
    labels = {column_label(c, "id"): c.key for c in TEMPLATE_COLUMNS}
    cols = {labels[c.value]: c.column for c in ws[header] if c.value in labels}
    for r in range(header + 1, ws.max_row + 1):
        if not isinstance(ws.cell(r, 1).value, int):
            continue
        baseline, target = ws.cell(r, cols["baseline_level"]).value, ws.cell(r, cols["target_level"]).value
        for key, value in _row_values(rng, baseline, target).items():
            ws.cell(r, cols[key]).value = value
    ws["C3"] = f"Petugas {rng.randint(1, 99)}"
    ws["G3"] = dt.datetime(2019, 9, 25)
    wb.save(out)
    return out


def _tokens(store: Path) -> dict[str, str]:
    with open(store / "tautan-opd.csv", encoding="utf-8-sig") as fh:
        return {row[0]: row[2].rsplit("/", 1)[1] for row in list(csv.reader(fh))[1:]}


def make_data(tmp: Path, n_opds: int, bursts: int, n_clients: int) -> dict:
    """The plan, the store, the templates (by the CLI) and the filled submissions of every burst."""
    from spbe_excel.write.master_export import export_master

    master = make_master(n_opds, plan="shared")
    export_master(master, tmp / "master.xlsx")
    store = tmp / "store"
    subprocess.run([*EXE, "portal", "init", str(store), "--period", PERIOD, "--master", str(tmp / "master.xlsx")],
                   check=True, capture_output=True)
    subprocess.run([*EXE, "template", str(tmp / "templat"), "--period", PERIOD, "--master", str(tmp / "master.xlsx")],
                   check=True, capture_output=True)
    fork_store = tmp / "store-fork"  # the same plan, for the server that starts a reader for each upload
    subprocess.run([*EXE, "portal", "init", str(fork_store), "--period", PERIOD, "--master",
                    str(tmp / "master.xlsx")], check=True, capture_output=True)
    tokens, fork_tokens = _tokens(store), _tokens(fork_store)
    templates = {p.name.split("_", 1)[0]: p for p in (tmp / "templat").glob("*.xlsx")}
    codes = sorted(tokens)
    files: dict[str, dict[str, Path]] = {}
    # every burst, the late OPDs that complete the round, and uploads between status requests: new files
    for name in [f"burst{b + 1}" for b in range(bursts)] + ["rest", "change"]:
        folder = tmp / name
        folder.mkdir()
        who = {"rest": codes[n_clients:], "change": codes[:CHANGES]}.get(name, codes[:n_clients])
        files[name] = {c: fill(templates[c], folder / templates[c].name, f"{name}-{c}") for c in who}
    return {"master": tmp / "master.xlsx", "store": store, "codes": codes, "tokens": tokens, "files": files,
            "stores": {"pool": (store, tokens), "fork": (fork_store, fork_tokens)},
            "admin": (store / "token-admin.txt").read_text().strip(), "pairs": sum(len(i.opds) for i in master.actions),
            "indicators": len(master.indicators)}


# ---- the server ---------------------------------------------------------------------------------------
# ``portal serve`` as its command makes it (uvicorn with the same options), with the readers chosen: ``pool``, the
# reader processes that stay (what ``portal serve`` runs), or ``fork``, a reader started for each upload (as
# before issue 18), so that both are measured in the same run by the same code.
LAUNCH = ("import sys, uvicorn\n"
          "from spbe_excel.portal.app import create_app\n"
          "from spbe_excel.portal.web import Settings\n"
          "app = create_app(sys.argv[1], Settings(reader_pool=sys.argv[3] == 'pool'))\n"
          "uvicorn.run(app, host='127.0.0.1', port=int(sys.argv[2]), proxy_headers=True, log_level='info',\n"
          "            access_log=False)\n")
MODES = ("fork", "pool")


class Server:
    def __init__(self, store: Path, log: Path, mode: str = "pool"):
        with socket.socket() as s:  # a free port
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "ab")  # noqa: SIM115  (the server writes to it until it stops)
        self.proc = subprocess.Popen([sys.executable, "-c", LAUNCH, str(store), str(self.port), mode],
                                     stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server ended ({self.proc.returncode}); see {log}")
            try:
                if httpx.get(self.base + "/", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the server did not answer in 60 s; see {log}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def upload(client: httpx.Client, token: str, path: Path, data: bytes) -> dict:
    started = time.perf_counter()
    r = client.post("/api/v1/submissions", headers={"Authorization": f"Bearer {token}"},
                    files={"file": (path.name, data, XLSX)})
    body = r.json()
    seconds = time.perf_counter() - started
    if r.status_code != 201 or "findings" not in body:
        raise RuntimeError(f"upload of {path.name}: {r.status_code} {body}")
    return {"seconds": seconds, "state": body["state"], "findings": len(body["findings"]),
            "errors": body["errors"], "warnings": body["warnings"]}


def burst(server: Server, data: dict, name: str, tokens: dict[str, str] | None = None) -> dict:
    """Every client uploads its OPD's file at the same moment (a barrier); each one's time to its findings."""
    files = data["files"][name]
    tokens = tokens or data["tokens"]
    ready, barrier = threading.Barrier(len(files) + 1), threading.Barrier(len(files) + 1)
    results: dict[str, dict] = {}
    errors: list[BaseException] = []

    def client(code: str, path: Path) -> None:
        body = path.read_bytes()
        with httpx.Client(base_url=server.base, timeout=120) as c:
            ready.wait()
            barrier.wait()
            try:
                results[code] = upload(c, tokens[code], path, body)
            except BaseException as exc:  # reported after the burst
                errors.append(exc)

    threads = [threading.Thread(target=client, args=(code, path)) for code, path in files.items()]
    for t in threads:
        t.start()
    ready.wait()  # every client made (making an httpx client costs some CPU)
    load = Load(server.proc.pid)
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    makespan = time.perf_counter() - started
    if errors:
        raise errors[0]
    times = [r["seconds"] for r in results.values()]
    return {**stats(times), "clients": len(files), "all_done_s": makespan, "load": load.done(),
            "states": {s: sum(1 for r in results.values() if r["state"] == s) for s in ("accepted", "rejected")},
            "findings_per_file": statistics.median(r["findings"] for r in results.values()),
            "seconds": sorted(times)}


# ---- baselines ----------------------------------------------------------------------------------------
def typical(files: dict[str, Path]) -> Path:
    by_size = sorted(files.values(), key=lambda p: p.stat().st_size)
    return by_size[len(by_size) // 2]


def baselines(data: dict, path: Path, repeat: int) -> dict:
    """``spbe-excel validate`` of the file (whole process) and ``read_many([file], workers=1)`` in this
    process, interleaved, medians of ``repeat`` runs (after one run of each not counted)."""
    from spbe_excel.master import load_master
    from spbe_excel.model.submission import Incoming
    from spbe_excel.pipeline import period_of
    from spbe_excel.read.batch import read_many
    from spbe_excel.read.pool import ReaderPool

    master = load_master(str(data["master"]))
    cmd = [*EXE, "validate", str(path), "--master", str(data["master"]), "--period", PERIOD]

    def validate() -> None:
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"validate failed: {proc.stderr[-2000:]}")

    pool = ReaderPool(master, size=1)
    item = Incoming(str(path), path.name)
    contenders = {"validate_cli": validate,
                  "read_many_one_worker": lambda: read_many([path], master, period=PERIOD, workers=1),
                  "reader_pool": lambda: pool.read(item, period=master_period),
                  "read_many_in_process": lambda: read_many([path], master, period=PERIOD, workers=0)}
    master_period = period_of(PERIOD, master)
    runs: dict[str, list[float]] = {name: [] for name in contenders}
    cpu: dict[str, list[float]] = {name: [] for name in contenders}
    load = Load()
    try:
        for i in range(repeat + 1):
            for name, fn in contenders.items():
                started, used = time.perf_counter(), _cpu()
                fn()
                if i:
                    runs[name].append(time.perf_counter() - started)
                    cpu[name].append(_cpu() - used)
    finally:
        pool.close()
    out = {k: statistics.median(v) for k, v in runs.items()}
    # the CPU of this process and its children (the forked worker; not the pool's readers, children of the fork
    # server): what a reader forked per file costs beyond the reading, against reading in process
    out["cpu_read_many_one_worker"] = statistics.median(cpu["read_many_one_worker"])
    out["cpu_read_many_in_process"] = statistics.median(cpu["read_many_in_process"])
    return {"file": path.name, "kilobytes": round(path.stat().st_size / 1024, 1), **out, "runs": runs,
            "load": load.done()}


def _cpu() -> float:
    """CPU seconds of this process and of its children it has waited for."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# ---- the status page ----------------------------------------------------------------------------------
def login(client: httpx.Client, admin_token: str) -> None:
    page = client.get("/admin")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    if csrf is None:
        raise RuntimeError("no csrf field on the login page")
    r = client.post("/admin/login", data={"token": admin_token, "csrf": csrf.group(1)})
    if r.status_code != 303 or "spbe_admin" not in client.cookies:
        raise RuntimeError(f"login failed: {r.status_code}")


def timed_get(client: httpx.Client, path: str) -> float:
    started = time.perf_counter()
    r = client.get(path)
    _ = r.content
    seconds = time.perf_counter() - started
    if r.status_code != 200 or (path == "/admin" and 'id="status"' not in r.text):
        raise RuntimeError(f"GET {path}: {r.status_code}")
    return seconds


def status_page(server: Server, data: dict, requests: int) -> dict:
    """Every OPD has an upload: GET /admin and /api/v1/status, interleaved; first, warm, after a new upload."""
    out: dict = {}
    with httpx.Client(base_url=server.base, timeout=120) as c:
        login(c, data["admin"])
        status = c.get("/api/v1/status").json()
        out["opds"] = len(status["opds"])
        out["opds_with_upload"] = sum(1 for o in status["opds"] if o["state"] != "missing")
        out["first_after_uploads_s"] = timed_get(c, "/admin")
        load = Load(server.proc.pid)
        runs: dict[str, list[float]] = {"/admin": [], "/api/v1/status": []}
        for _ in range(requests):
            for path in runs:
                runs[path].append(timed_get(c, path))
        out["warm"] = {path: {**stats(v), "seconds": v} for path, v in runs.items()}
        out["warm_load"] = load.done()
        after: dict[str, list[float]] = {"/admin": [], "/api/v1/status": []}
        alone = []
        with httpx.Client(base_url=server.base, timeout=120) as opd:
            for i, (code, path) in enumerate(data["files"]["change"].items()):
                alone.append(upload(opd, data["tokens"][code], path, path.read_bytes())["seconds"])
                target = "/admin" if i % 2 == 0 else "/api/v1/status"
                after[target].append(timed_get(c, target))
        out["after_new_upload"] = {path: {**stats(v), "seconds": v} for path, v in after.items() if v}
        out["upload_alone"] = {**stats(alone), "seconds": alone}
        bearer = c.get("/api/v1/status", headers={"Authorization": f"Bearer {data['admin']}"})
        out["bearer_status_code"] = bearer.status_code
    return out


def after_restart(data: dict, log: Path) -> dict:
    """The first status request after the server restarts (every counted upload read again), then one more."""
    server = Server(data["store"], log, "pool")
    try:
        with httpx.Client(base_url=server.base, timeout=120) as c:
            login(c, data["admin"])
            return {"first_s": timed_get(c, "/api/v1/status"), "second_s": timed_get(c, "/api/v1/status")}
    finally:
        server.stop()


# ---- the run ------------------------------------------------------------------------------------------
def run(args) -> dict:
    with tempfile.TemporaryDirectory(prefix="spbe-portal-load-") as tmp:
        tmp = Path(tmp)
        print(f"preparing a plan of {args.opds} OPDs, its store and {args.clients} x {args.bursts} submissions ...",
              flush=True)
        data = make_data(tmp, args.opds, args.bursts, args.clients)
        file = typical(data["files"]["burst1"])
        out: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                 "platform": platform.platform(), "loadavg_at_start": os.getloadavg()},
                     "date": dt.date.today().isoformat(),
                     "data": {"opds": args.opds, "clients": args.clients, "indicators": data["indicators"],
                              "pairs": data["pairs"], "rows_per_opd": "5-20",
                              "kilobytes_median": round(file.stat().st_size / 1024, 1)}}
        print("baselines: validate (whole process) and read_many(workers=1) ...", flush=True)
        out["baseline"] = baselines(data, file, args.repeat)
        servers = {mode: Server(data["stores"][mode][0], tmp / f"server-{mode}.log", mode) for mode in MODES}
        server = servers["pool"]
        try:
            out["bursts"], out["bursts_fork"] = [], []
            for b in range(args.bursts):  # the two servers in turn, each burst the same files
                for mode in MODES:
                    print(f"burst {b + 1}/{args.bursts}, {mode}: {args.clients} uploads at once ...", flush=True)
                    got = burst(servers[mode], data, f"burst{b + 1}", data["stores"][mode][1])
                    out["bursts" if mode == "pool" else "bursts_fork"].append(got)
                    time.sleep(1)
            servers.pop("fork").stop()
            print(f"the other {args.opds - args.clients} OPDs upload; the status page ...", flush=True)
            if data["files"]["rest"]:
                out["rest"] = burst(server, data, "rest")
            out["status"] = status_page(server, data, args.requests)
        finally:
            for srv in servers.values():
                srv.stop()
        out["status"]["after_restart"] = after_restart(data, tmp / "server-pool.log")
        out["server_log_tail"] = {mode: (tmp / f"server-{mode}.log").read_text(errors="replace")[-2000:]
                                  for mode in MODES}
    summarise(out)
    return out


def _server_cpu_per_upload(bursts: list[dict]) -> float:
    """CPU seconds the server's process tree (with its readers) spent per upload, over the bursts."""
    cpu = sum(b["load"]["server_pct"] / 100 * b["load"]["wall_s"] * (os.cpu_count() or 1) for b in bursts)
    return cpu / sum(b["clients"] for b in bursts)


def summarise(out: dict) -> None:
    base, bursts, fork, st = out["baseline"], out["bursts"], out["bursts_fork"], out["status"]
    warm = statistics.median(b["median"] for b in bursts[1:] or bursts)
    warm_fork = statistics.median(b["median"] for b in fork[1:] or fork)
    worst = {"median": max(b["median"] for b in bursts), "p95": max(b["p95"] for b in bursts),
             "status": max(v["median"] for v in st["warm"].values())}
    worst_fork = {"median": max(b["median"] for b in fork), "p95": max(b["p95"] for b in fork)}
    cpu, cpu_fork = _server_cpu_per_upload(bursts), _server_cpu_per_upload(fork)
    out["ratios"] = {"upload_median_vs_validate": warm / base["validate_cli"],
                     "upload_alone_vs_validate": st["upload_alone"]["median"] / base["validate_cli"],
                     "pool_vs_fork_upload_median_warm": warm / warm_fork,
                     "pool_vs_fork_worst_median": worst["median"] / worst_fork["median"],
                     "pool_vs_fork_worst_p95": worst["p95"] / worst_fork["p95"],
                     "pool_vs_fork_server_cpu_per_upload": cpu / cpu_fork,
                     "reader_pool_vs_read_many_one_worker": base["reader_pool"] / base["read_many_one_worker"],
                     "reader_pool_vs_in_process": base["reader_pool"] / base["read_many_in_process"]}
    out["targets"] = {"upload median <= 0.25 s (every burst)": worst["median"] <= TARGETS["upload_median"],
                      "upload p95 <= 0.5 s (every burst)": worst["p95"] <= TARGETS["upload_p95"],
                      "status page median < 100 ms": worst["status"] < TARGETS["status"]}
    out["summary"] = {"upload_median_warm_bursts": warm, "fork_upload_median_warm_bursts": warm_fork,
                      "server_cpu_per_upload_s": cpu, "fork_server_cpu_per_upload_s": cpu_fork,
                      **{f"worst_{k}": v for k, v in worst.items()},
                      **{f"fork_worst_{k}": v for k, v in worst_fork.items()}}


def table(out: dict) -> str:
    b = out["baseline"]
    lines = [f"{'what':<58} {'median':>8} {'p95':>8}  CPU % busy/server/others"]

    def row(label: str, med: float, p: float | None = None, load: dict | None = None) -> None:
        extra = f"  {load['machine_busy_pct']:.0f}/{load['server_pct']:.0f}/{load['others_pct']:.0f}" if load else ""
        lines.append(f"{label:<58} {med:8.3f} {'' if p is None else f'{p:8.3f}':>8}{extra}")

    row(f"validate {b['file']} ({b['kilobytes']} KB), whole process", b["validate_cli"], load=b["load"])
    row("read_many([file], workers=1): a reader forked for the file", b["read_many_one_worker"])
    row("ReaderPool.read(file): a reader that stays", b["reader_pool"])
    row("read_many([file], workers=0), in-process", b["read_many_in_process"])
    lines.append(f"{'':<4}CPU of the forked worker's read {b['cpu_read_many_one_worker'] * 1000:.1f} ms, "
                 f"in-process {b['cpu_read_many_in_process'] * 1000:.1f} ms")
    for mode, key in (("fork", "bursts_fork"), ("pool", "bursts")):
        for i, burst_ in enumerate(out[key], 1):
            row(f"{mode} burst {i} ({'cold' if i == 1 else 'warm'}): {burst_['clients']} uploads at once",
                burst_["median"], burst_["p95"], burst_["load"])
            lines.append(f"{'':<4}last findings {burst_['all_done_s']:.2f} s after the start; "
                         f"{burst_['states']['accepted']} accepted, {burst_['findings_per_file']:.0f} findings "
                         f"per file")
    summary = out["summary"]
    lines.append(f"server CPU per upload in the bursts: fork {summary['fork_server_cpu_per_upload_s'] * 1000:.1f} ms, "
                 f"pool {summary['server_cpu_per_upload_s'] * 1000:.1f} ms")
    s = out["status"]
    row(f"one upload alone, to findings ({s['upload_alone']['n']} one after another)", s["upload_alone"]["median"],
        s["upload_alone"]["p95"])
    for path, v in s["warm"].items():
        row(f"GET {path}, {s['opds']} OPDs with an upload, {v['n']} requests", v["median"], v["p95"],
            s["warm_load"] if path == "/admin" else None)
    row("GET /admin, first after the uploads (index computed)", s["first_after_uploads_s"])
    for path, v in s["after_new_upload"].items():
        row(f"GET {path} right after a new upload ({v['n']}x)", v["median"], v["p95"])
    row("GET /api/v1/status, first after a restart (all read again)", s["after_restart"]["first_s"])
    lines.append(f"ratios: {json.dumps({k: round(v, 2) for k, v in out['ratios'].items()})}")
    lines.append(f"targets: {json.dumps(out['targets'])}")
    return "\n".join(lines)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--opds", type=int, default=60, help="OPDs of the plan (each uploads before the status page)")
    ap.add_argument("--clients", type=int, default=40, help="OPDs uploading at once in each burst")
    ap.add_argument("--bursts", type=int, default=3)
    ap.add_argument("--requests", type=int, default=50, help="status page requests measured")
    ap.add_argument("--repeat", type=int, default=7, help="runs of each baseline")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "portal-latest.json")
    args = ap.parse_args(argv)
    if not 0 < args.clients <= args.opds:
        ap.error("--clients must be between 1 and --opds")
    out = run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2, default=str) + "\n")
    print(table(out))
    print(f"results: {args.out}")
    return out


if __name__ == "__main__":
    main()
