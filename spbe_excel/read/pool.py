"""Long-lived isolated readers, for a server that reads one file at a time from many threads.

:func:`~spbe_excel.read.batch.read_many` starts its worker processes for one batch of files and stops
them at its end: right for the command line, wasteful for the intake page, where every upload is a batch
of one (a reader forked per upload cost 9 ms of CPU where the reading itself takes 3 ms), and a fork from
a server's threads copies their locks in whatever state they are (Python 3.12 warns of it).

A :class:`ReaderPool` keeps reader processes that live from file to file, with the isolation of
``read_many``'s workers: each file is read under an address-space limit (``memory_mb`` over what the
reader had when it started) and within ``timeout`` seconds; a reader that dies, hangs or runs out of memory
costs that one file a ``file-unreadable`` finding, and a fresh reader takes its place.  Readers are started
through a fork server (a clean single-threaded process that forks them; ``spawn`` where there is none),
never forked from the server's threads.  A reader is recycled (stopped, and a fresh one started) after
``files_per_reader`` files, and when its address space has grown by more than ``grow_mb`` since it started,
so that a long-lived reader keeps the same memory limit per file as a fresh one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import multiprocessing as mp
import os
import threading
import traceback
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import wait
from typing import Any

from spbe_excel.master import MasterList
from spbe_excel.model.periods import Period
from spbe_excel.model.submission import Incoming, Submission
from spbe_excel.model.vocab import Reason
from spbe_excel.read.batch import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    exit_text,
    failed,
    keep_stderr,
    limit_memory,
    stderr_text,
    temporary_file,
    vm_size,
)
from spbe_excel.read.safety.limits import DEFAULT_LIMITS, Limits
from spbe_excel.read.submission import read_submission

_log = logging.getLogger(__name__)
_log.addHandler(logging.NullHandler())

MB = 1024 * 1024
FILES_PER_READER = 500
GROW_MB = 256
ALIVE, GROWN, MEMORY = "alive", "grown", "memory"  # a reader's state after a file: it reads on, or it stops


def _context():
    """A start method that never forks the caller's threads: a fork server where there is one (its readers
    start in milliseconds, with spbe_excel's reading modules imported once in it), else spawn."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        # the reading modules, and what makes an upload's report in the reader (pipeline.check_upload_report)
        ctx.set_forkserver_preload(["spbe_excel.read.pool", "python_calamine", "spbe_excel.write.report"])
        return ctx
    return mp.get_context("spawn")


def _reader(conn, master: MasterList, limits: Limits, memory_bytes: int, grow_bytes: int,
            stderr_path: str | None) -> None:
    """A reader process: files in, submissions out, until told to stop, or until it must be recycled (it ran out
    of memory, or its address space grew by more than ``grow_bytes``; the last answer says so)."""
    limit_memory(memory_bytes)
    gc.freeze()  # what it started with is never collected (see read_many's workers)
    gc.disable()
    keep_stderr(stderr_path)
    started = vm_size()
    done = 0
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None:
            return
        item, period, today, then = task
        trace = None
        try:
            sub = read_submission(item, master, period=period, today=today, limits=limits)
            if then is not None:  # what the caller wants of it, made here: a large submission stays here
                sub = then(sub)
        except MemoryError:
            conn.send((failed(item, Reason.FILE_MEMORY), MEMORY, None))
            return
        except (KeyboardInterrupt, SystemExit):
            return
        except BaseException as exc:  # a bug (or a parser panic) costs one file, not the reader
            sub = failed(item, Reason.FILE_CRASHED, detail=f"{type(exc).__name__}: {exc}"[:200])
            trace = traceback.format_exc()
        done += 1
        if done % 50 == 0:
            gc.collect()
        state = ALIVE if not started or vm_size() - started <= grow_bytes else GROWN
        conn.send((sub, state, trace))
        if state != ALIVE:
            return


class _Reader:
    """One reader process, its pipe, and the temporary file its stderr goes to."""

    def __init__(self, ctx, args: tuple):
        parent, child = ctx.Pipe()
        self.conn = parent
        self.stderr_path = temporary_file()
        self.proc = ctx.Process(target=_reader, args=(child, *args, self.stderr_path), daemon=True,
                                name="spbe-excel-reader")
        self.proc.start()
        child.close()
        self.files = 0

    def read(self, item: Incoming, period: Period | None, today: dt.date, timeout: float,
             then: Callable[[Submission], Any] | None) -> tuple[Any, bool]:
        """Read one file: its submission (or what ``then`` made of it), and whether this reader may read another."""
        with contextlib.suppress(OSError, BrokenPipeError):  # a reader that died between files: noticed below
            self.conn.send((item, period, today, then))
        ready = wait([self.conn, self.proc.sentinel], timeout=timeout)
        if self.conn in ready:
            try:
                sub, state, trace = self.conn.recv()
            except (EOFError, OSError):
                pass  # it died before answering
            else:
                self.files += 1
                if trace is not None:
                    _log.error("error reading %s (reported as unreadable):\n%s", item.shown, trace.rstrip())
                if state == MEMORY:
                    _log.warning("reading %s needed more memory than a reader process may have", item.shown)
                elif state == GROWN:
                    _log.info("a reader process is recycled after %d files: its address space grew", self.files)
                return sub, state == ALIVE
        elif not ready:
            _log.warning("reading %s took longer than %g s: its reader process was stopped", item.shown, timeout)
            return failed(item, Reason.FILE_TIMEOUT, seconds=timeout), False
        self.proc.join(1)
        _log.error("the reader process died (%s) while reading %s; its last output:\n%s",
                   exit_text(self.proc.exitcode), item.shown, stderr_text(self.stderr_path) or "-")
        return failed(item, Reason.FILE_CRASHED, detail=f"exit code {self.proc.exitcode}"), False

    def stop(self, kill: bool = False) -> None:
        with contextlib.suppress(OSError, BrokenPipeError):
            if kill:
                self.proc.kill()
            else:
                self.conn.send(None)
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=5)
        self.conn.close()
        if self.stderr_path:
            with contextlib.suppress(OSError):
                os.unlink(self.stderr_path)


class ReaderPool:
    """Reader processes that stay (see the module's docstring), for one plan.  :meth:`read` may be called from
    any number of threads at once: a thread takes an idle reader, or starts one when none is idle; at most
    ``size`` readers wait idle between files.  The caller bounds how many files are read at once."""

    def __init__(self, master: MasterList, *, size: int = 2, timeout: float = DEFAULT_TIMEOUT,
                 memory_mb: int = DEFAULT_MEMORY_MB, limits: Limits = DEFAULT_LIMITS,
                 files_per_reader: int = FILES_PER_READER, grow_mb: int = GROW_MB):
        master.fingerprint  # computed once here, not in every reader  # noqa: B018
        self.size, self.timeout, self.files_per_reader = size, timeout, files_per_reader
        self._ctx = _context()
        self._args = (master, limits, memory_mb * MB, grow_mb * MB)
        self._idle: deque[_Reader] = deque()
        self._lock = threading.Lock()
        self._closed = False
        self.started = 0  # readers started, for the log and the tests
        for _ in range(size):
            self._idle.append(self._start())

    def _start(self) -> _Reader:
        self.started += 1
        return _Reader(self._ctx, self._args)

    def read(self, item: Incoming, *, period: Period | None = None, today: dt.date | None = None,
             then: Callable[[Submission], Any] | None = None) -> Any:
        """Read and check one file in a reader of the pool (as ``read_many([item], workers=1)`` does): its
        submission, or what ``then`` (a function that pickles: a module's function, or a ``partial`` of one) made
        of it in the reader; a file that cost its reader its life, or took too long, is a submission with that
        finding, whatever ``then``."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the reader pool is closed")
            reader = self._idle.pop() if self._idle else None
        if reader is None or not reader.proc.is_alive():
            if reader is not None:
                reader.stop(kill=True)
            reader = self._start()
        try:
            sub, alive = reader.read(item, period, today or dt.date.today(), self.timeout, then)
        except BaseException:
            reader.stop(kill=True)
            raise
        self._give_back(reader, alive and reader.files < self.files_per_reader)
        return sub

    def _give_back(self, reader: _Reader, keep: bool) -> None:
        with self._lock:
            if keep and not self._closed and len(self._idle) < self.size:
                self._idle.append(reader)
                return
        reader.stop(kill=not keep)  # a reader that must go, or one more than wait idle
        with self._lock:
            refill = not self._closed and len(self._idle) < self.size
        if refill:  # a fresh reader ready for the next file, started now rather than when it comes
            fresh = self._start()
            with self._lock:
                if not self._closed and len(self._idle) < self.size:
                    self._idle.append(fresh)
                    return
            fresh.stop()

    def pids(self) -> list[int]:
        """The process ids of the idle readers."""
        with self._lock:
            return [r.proc.pid for r in self._idle if r.proc.pid is not None]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            readers = list(self._idle)
            self._idle.clear()
        for reader in readers:
            reader.stop()
