"""Reading many submissions, each in isolation.

Submitted files are hostile until read, and a parser written in Rust can
abort the whole process on a crafted file (python-calamine on a sheet that
reaches XFD1048576 tries to allocate 512 GB).  :func:`read_many` therefore
parses every file in a worker process with an address-space limit and a
timeout; when a worker dies or hangs, that file gets a ``file-unreadable``
finding, the worker is replaced, and the run goes on.  Workers run in
parallel (both cores of a small machine pay off from a few files on).
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from multiprocessing.connection import wait
from pathlib import Path

from spbe_excel.errors import UsageError
from spbe_excel.master import MasterList
from spbe_excel.model.findings import make
from spbe_excel.model.submission import SourceInfo, Submission
from spbe_excel.model.vocab import FileState, Reason
from spbe_excel.perf import gc_paused
from spbe_excel.read.limits import DEFAULT_LIMITS, Limits
from spbe_excel.read.reader import read_submission
from spbe_excel.read.sniff import skip_reason
from spbe_excel.text import t

DEFAULT_TIMEOUT = 60.0  # seconds per file
DEFAULT_MEMORY_MB = 1024  # address space a worker may add to what it starts with


def collect_files(paths: Iterable[str | os.PathLike], lang: str = "id") -> list[Path]:
    """Every file under ``paths`` (folders walked recursively, in a stable
    order).  A path that does not exist is a usage error."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(Path(root) / f for f in sorted(files))
        elif p.is_file():
            if not os.access(p, os.R_OK):
                raise UsageError(t("cli.path_unreadable", lang, path=p))
            out.append(p)
        else:
            raise UsageError(t("cli.path_missing", lang, path=p))
    return list(dict.fromkeys(out))


def _vm_size() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _limit_memory(extra_bytes: int) -> None:
    try:
        import resource
    except ImportError:  # not on this platform
        return
    current = _vm_size()
    if not current or not extra_bytes:
        return
    limit = current + extra_bytes
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass


def _failed(path: str, reason: str, **params) -> Submission:
    p = Path(path)
    sub = Submission(SourceInfo(str(p), p.name), status=FileState.REJECTED)
    sub.findings.append(make("file-unreadable", file=p, reason=reason, **params))
    return sub


def _worker(conn, master: MasterList, period, today, limits: Limits, memory_bytes: int) -> None:
    _limit_memory(memory_bytes)
    # Reading makes no reference cycles (a thousand files leave none), so the cyclic collector, which would
    # walk everything inherited from the parent and copy every page it touches, stays off; a collection
    # now and then bounds what a hostile file could leave behind.
    gc.freeze()
    gc.disable()
    done = 0
    try:  # a parser that aborts prints a backtrace: keep it off the user's terminal
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass
    while True:
        try:
            task = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if task is None:
            return
        index, path = task
        try:
            sub = read_submission(path, master, period=period, today=today, limits=limits)
        except MemoryError:
            sub = _failed(path, Reason.FILE_MEMORY)
            conn.send((index, sub, False))
            return  # the heap may be in a poor state: the parent starts a fresh worker for what is queued
        except (KeyboardInterrupt, SystemExit):
            return
        except BaseException as exc:  # a bug (or a parser panic) must cost one file, not the run
            sub = _failed(path, Reason.FILE_CRASHED, detail=f"{type(exc).__name__}: {exc}"[:200])
        conn.send((index, sub, True))
        done += 1
        if done % 200 == 0:
            gc.collect()


class _Slot:
    """One worker process and the tasks it has been sent (at most
    ``PIPELINE`` in flight, so it never waits for the parent).  The first
    task is the one being read; it started when the previous result came back."""

    def __init__(self, ctx, args):
        parent, child = ctx.Pipe()
        self.conn = parent
        self.proc = ctx.Process(target=_worker, args=(child, *args), daemon=True)
        self.proc.start()
        child.close()
        self.tasks: deque[tuple[int, str]] = deque()
        self.started = 0.0

    def send(self, task) -> None:
        if not self.tasks:
            self.started = time.monotonic()
        self.tasks.append(task)
        try:
            self.conn.send(task)
        except (OSError, BrokenPipeError):
            pass  # noticed as a dead worker

    def stop(self, kill: bool = False) -> None:
        try:
            if kill:
                self.proc.kill()
            else:
                self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=5)
        self.conn.close()


PIPELINE = 2


def read_many(paths: list[str | os.PathLike], master: MasterList, *, period: str | None = None,
              today: dt.date | None = None, workers: int | None = None, timeout: float = DEFAULT_TIMEOUT,
              memory_mb: int = DEFAULT_MEMORY_MB, limits: Limits = DEFAULT_LIMITS,
              progress: Callable[[int, int], None] | None = None) -> list[Submission]:
    """Read every file, in the order given.  ``workers=0`` reads in this
    process (no isolation: for trusted files and debugging)."""
    with gc_paused():
        return _read_many(paths, master, period, today, workers, timeout, memory_mb, limits, progress)


def _read_many(paths, master, period, today, workers, timeout, memory_mb, limits, progress) -> list[Submission]:
    today = today or dt.date.today()
    paths = [str(p) for p in paths]
    results: list[Submission | None] = [None] * len(paths)
    todo: deque[tuple[int, str]] = deque()
    done = 0
    for i, p in enumerate(paths):
        if skip_reason(Path(p)) is not None:  # lock files, hidden files, non-spreadsheets: no worker needed
            results[i] = read_submission(p, master, period=period, today=today, limits=limits)
            done += 1
        else:
            todo.append((i, p))
    if progress and done:
        progress(done, len(paths))
    if workers is None:
        workers = min(2, os.cpu_count() or 1, max(1, len(todo)))
    if workers == 0:
        for i, p in todo:
            results[i] = read_submission(p, master, period=period, today=today, limits=limits)
            done += 1
            if progress:
                progress(done, len(paths))
        return results  # type: ignore[return-value]

    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    master.fingerprint  # computed once here, not in every worker  # noqa: B018
    args = (master, period, today, limits, memory_mb * 1024 * 1024)
    slots = [_Slot(ctx, args) for _ in range(min(workers, len(todo)))]

    def finish(index: int, result: Submission) -> None:
        nonlocal done
        results[index] = result
        done += 1
        if progress:
            progress(done, len(paths))

    try:
        while todo or any(s.tasks for s in slots):
            for s in slots:
                while len(s.tasks) < PIPELINE and todo:
                    s.send(todo.popleft())
            busy = [s for s in slots if s.tasks]
            wait_for = max(0.01, min(s.started + timeout - time.monotonic() for s in busy))
            wait([s.conn for s in busy] + [s.proc.sentinel for s in busy], timeout=wait_for)
            for n, s in enumerate(slots):
                retiring = False
                while s.tasks and s.conn.poll():
                    try:
                        got_index, result, alive = s.conn.recv()
                    except (EOFError, OSError):
                        break
                    index, _ = s.tasks.popleft()
                    assert got_index == index
                    s.started = time.monotonic()
                    finish(index, result)
                    if not alive:  # the worker stops after this one (a MemoryError)
                        retiring = True
                        break
                if retiring or (not s.tasks and not s.proc.is_alive()):
                    todo.extendleft(reversed(s.tasks))  # queued but never started
                    s.tasks.clear()
                    s.stop(kill=True)
                    slots[n] = _Slot(ctx, args)
                    continue
                if not s.tasks:
                    continue
                index, path = s.tasks[0]
                if not s.proc.is_alive():
                    result = _failed(path, Reason.FILE_CRASHED, detail=f"exit code {s.proc.exitcode}")
                elif time.monotonic() - s.started > timeout:
                    result = _failed(path, Reason.FILE_TIMEOUT, seconds=f"{timeout:g}")
                else:
                    continue
                s.tasks.popleft()
                finish(index, result)
                todo.extendleft(reversed(s.tasks))  # sent but not started: give them to a fresh worker
                s.tasks.clear()
                s.stop(kill=True)
                slots[n] = _Slot(ctx, args)
    finally:
        for s in slots:
            s.stop()
    return results  # type: ignore[return-value]
