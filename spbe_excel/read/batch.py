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

import contextlib
import datetime as dt
import faulthandler
import gc
import logging
import multiprocessing as mp
import os
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from multiprocessing.connection import wait
from pathlib import Path

from spbe_excel.errors import UsageError
from spbe_excel.master import MasterList
from spbe_excel.model.findings import make
from spbe_excel.model.periods import Period, as_period
from spbe_excel.model.submission import Incoming, SourceInfo, Submission
from spbe_excel.model.vocab import Reason
from spbe_excel.perf import gc_paused
from spbe_excel.read.safety.limits import DEFAULT_LIMITS, Limits
from spbe_excel.read.safety.sniff import skip_reason
from spbe_excel.read.submission import read_submission

_log = logging.getLogger(__name__)
_log.addHandler(logging.NullHandler())  # silent unless the application sets up logging (the CLI's --log, -v)

DEFAULT_TIMEOUT = 60.0  # seconds per file
DEFAULT_MEMORY_MB = 1024  # address space a worker may add to what it starts with


def collect_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
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
                raise UsageError("usage.path_unreadable", path=p)
            out.append(p)
        else:
            raise UsageError("usage.path_missing", path=p)
    return list(dict.fromkeys(out))


def vm_size() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def limit_memory(extra_bytes: int) -> None:
    try:
        import resource
    except ImportError:  # not on this platform
        return
    current = vm_size()
    if not current or not extra_bytes:
        return
    limit = current + extra_bytes
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def failed(item: Incoming, reason: str, **params) -> Submission:
    p = Path(item.name)
    sub = Submission(SourceInfo(str(p), p.name))
    sub.findings.append(make("file-unreadable", file=p, reason=reason, **params))
    return sub


def keep_stderr(path: str | None) -> None:
    """Send what this process writes to fd 2 (a parser that aborts prints
    there: a Rust panic) and the stack dump of a fatal error (faulthandler)
    to ``path``, for the parent to log, and not to the user's terminal."""
    try:
        fd = os.open(path or os.devnull, os.O_WRONLY | os.O_APPEND)
        os.dup2(fd, 2)
        os.close(fd)
        faulthandler.enable(file=2)
        # A fresh stream on fd 2: the inherited sys.stderr may have been locked by another thread of the parent
        # at the moment of the fork (a server forks readers from its threads), and would never be released here.
        sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    except (OSError, ValueError, RuntimeError):
        pass


def _worker(conn, master: MasterList, period, today, limits: Limits, memory_bytes: int, stderr_path: str | None
            ) -> None:
    limit_memory(memory_bytes)
    # Reading makes no reference cycles (a thousand files leave none), so the cyclic collector, which would
    # walk everything inherited from the parent and copy every page it touches, stays off; a collection
    # now and then bounds what a hostile file could leave behind.
    gc.freeze()
    gc.disable()
    keep_stderr(stderr_path)
    done = 0
    while True:
        try:
            task = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if task is None:
            return
        index, path = task
        trace = None
        try:
            sub = read_submission(path, master, period=period, today=today, limits=limits)
        except MemoryError:
            conn.send((index, failed(path, Reason.FILE_MEMORY), False, None))
            return  # the heap may be in a poor state: the parent starts a fresh worker for what is queued
        except (KeyboardInterrupt, SystemExit):
            return
        except BaseException as exc:  # a bug (or a parser panic) must cost one file, not the run
            sub = failed(path, Reason.FILE_CRASHED, detail=f"{type(exc).__name__}: {exc}"[:200])
            trace = traceback.format_exc()
        conn.send((index, sub, True, trace))
        done += 1
        if done % 200 == 0:
            gc.collect()


class _Slot:
    """One worker process and the tasks it has been sent (at most
    ``PIPELINE`` in flight, so it never waits for the parent).  The first
    task is the one being read; it started when the previous result came
    back.  What the worker writes to stderr goes to a temporary file,
    logged if the worker dies and removed when it stops."""

    def __init__(self, ctx, args):
        parent, child = ctx.Pipe()
        self.conn = parent
        self.stderr_path = temporary_file()
        self.proc = ctx.Process(target=_worker, args=(child, *args, self.stderr_path), daemon=True)
        self.proc.start()
        child.close()
        self.tasks: deque[tuple[int, Incoming]] = deque()
        self.started = 0.0

    def send(self, task) -> None:
        if not self.tasks:
            self.started = time.monotonic()
        self.tasks.append(task)
        with contextlib.suppress(OSError, BrokenPipeError):  # noticed as a dead worker
            self.conn.send(task)

    def receive(self, finish: Callable[[int, Submission], None]) -> bool:
        """Pass on every result that has come back; True when the worker
        stops after the last one (it ran out of memory)."""
        while self.tasks and self.conn.poll():
            try:
                got_index, result, alive, trace = self.conn.recv()
            except (EOFError, OSError):
                return False
            index, path = self.tasks.popleft()
            assert got_index == index
            self.started = time.monotonic()
            if trace is not None:
                _log.error("error reading %s (reported as unreadable):\n%s", path.name, trace.rstrip())
            finish(index, result)
            if not alive:
                _log.warning("reading %s needed more memory than a reader process may have", path.name)
                return True
        return False

    def stderr_text(self) -> str:
        return stderr_text(self.stderr_path)

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
        if self.stderr_path:
            with contextlib.suppress(OSError):
                os.unlink(self.stderr_path)


def stderr_text(path: str | None, head: int = 4096, tail: int = 28672) -> str:
    """What a worker wrote to its stderr file: all of it, or its first and last lines when it is long."""
    try:
        with open(path or os.devnull, "rb") as fh:
            data = fh.read(head + tail + 1)
            size = os.fstat(fh.fileno()).st_size
            if size > head + tail:
                fh.seek(size - tail)
                data = data[:head] + b"\n[...]\n" + fh.read()
    except OSError:
        return ""
    return data.decode("utf-8", "replace").strip()


def temporary_file() -> str | None:
    try:
        fd, path = tempfile.mkstemp(prefix="spbe-excel-reader-", suffix=".txt")
    except OSError:
        return None
    os.close(fd)
    return path


PIPELINE = 2


def read_many(paths: Sequence[str | os.PathLike | Incoming], master: MasterList, *,
              period: Period | str | None = None,
              today: dt.date | None = None, workers: int | None = None, timeout: float = DEFAULT_TIMEOUT,
              memory_mb: int = DEFAULT_MEMORY_MB, limits: Limits = DEFAULT_LIMITS,
              progress: Callable[[int, int], None] | None = None) -> list[Submission]:
    """Read every file (a path, or an :class:`~spbe_excel.model.submission.Incoming`), in the order given.
    ``workers=0`` reads in this process (no isolation: for trusted files and debugging)."""
    with gc_paused():
        return _read_many(paths, master, as_period(period), today, workers, timeout, memory_mb, limits, progress)


class _Results:
    """Submissions by position in the input, and the progress callback told of each one that arrives."""

    def __init__(self, total: int, progress: Callable[[int, int], None] | None):
        self.subs: list[Submission | None] = [None] * total
        self.done = 0
        self.progress = progress

    def put(self, index: int, sub: Submission, tell: bool = True) -> None:
        self.subs[index] = sub
        self.done += 1
        if tell and self.progress:
            self.progress(self.done, len(self.subs))


def _read_many(paths, master, period, today, workers, timeout, memory_mb, limits, progress) -> list[Submission]:
    started = time.monotonic()
    today = today or dt.date.today()
    items = [Incoming.of(p) for p in paths]
    results = _Results(len(items), progress)
    todo: deque[tuple[int, Incoming]] = deque()
    for i, p in enumerate(items):
        if skip_reason(Path(p.path)) is not None:  # lock files, hidden files, what is plainly no workbook: no worker
            results.put(i, read_submission(p, master, period=period, today=today, limits=limits), tell=False)
        else:
            todo.append((i, p))
    if progress and results.done:
        progress(results.done, len(items))
    if workers is None:
        workers = min(2, os.cpu_count() or 1, max(1, len(todo)))
    _log.info("reading %d files, %d of them in %d worker processes", len(items), len(todo), min(workers, len(todo)))
    if workers == 0:
        for i, p in todo:
            results.put(i, read_submission(p, master, period=period, today=today, limits=limits))
    elif todo:
        master.fingerprint  # computed once here, not in every worker  # noqa: B018
        _read_isolated(todo, min(workers, len(todo)), (master, period, today, limits, memory_mb * 1024 * 1024),
                       timeout, results.put)
    subs: list[Submission] = results.subs  # type: ignore[assignment]  # every slot is filled by now
    states = Counter(s.status.value for s in subs)
    _log.info("read %d files in %.1f s: %s", len(subs), time.monotonic() - started,
              ", ".join(f"{n} {state}" for state, n in sorted(states.items())) or "none")
    return subs


def _read_isolated(todo: deque[tuple[int, Incoming]], workers: int, args: tuple, timeout: float,
                   finish: Callable[[int, Submission], None]) -> None:
    """Read the files of ``todo`` in ``workers`` worker processes, each task sent ahead (``PIPELINE``) so
    that a worker never waits; a worker that dies, hangs or runs out of memory is replaced and the tasks
    it had queued go to the others."""
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    slots = [_Slot(ctx, args) for _ in range(workers)]
    try:
        while todo or any(s.tasks for s in slots):
            for s in slots:
                while len(s.tasks) < PIPELINE and todo:
                    s.send(todo.popleft())
            busy = [s for s in slots if s.tasks]
            wait_for = max(0.01, min(s.started + timeout - time.monotonic() for s in busy))
            wait([s.conn for s in busy] + [s.proc.sentinel for s in busy], timeout=wait_for)
            for n, s in enumerate(slots):
                if _worker_lost(s, timeout, finish):
                    todo.extendleft(reversed(s.tasks))  # sent but not started: give them to a fresh worker
                    s.tasks.clear()
                    s.stop(kill=True)
                    slots[n] = _Slot(ctx, args)
    finally:
        for s in slots:
            s.stop()


def _worker_lost(s: _Slot, timeout: float, finish: Callable[[int, Submission], None]) -> bool:
    """Take in what worker ``s`` has read; True when it must be replaced: it
    stops (out of memory), it died, or the file it reads takes too long
    (that file then gets its finding)."""
    if s.receive(finish):
        return True
    if not s.tasks:
        if s.proc.is_alive():
            return False
        _log.warning("a reader process ended (%s) between files; its last output:\n%s",
                     exit_text(s.proc.exitcode), s.stderr_text() or "-")
        return True
    index, path = s.tasks[0]
    if not s.proc.is_alive():
        result = failed(path, Reason.FILE_CRASHED, detail=f"exit code {s.proc.exitcode}")
        _log.error("the reader process died (%s) while reading %s; its last output:\n%s",
                   exit_text(s.proc.exitcode), path.name, s.stderr_text() or "-")
    elif time.monotonic() - s.started > timeout:
        result = failed(path, Reason.FILE_TIMEOUT, seconds=timeout)
        _log.warning("reading %s took longer than %g s: its reader process was stopped", path.name, timeout)
    else:
        return False
    s.tasks.popleft()
    finish(index, result)
    return True


def exit_text(code: int | None) -> str:
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"exit code {code}, {signal.Signals(-code).name}"
    return f"exit code {code}"
