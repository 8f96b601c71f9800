"""``portal serve``: one server process per store, run by uvicorn with bounded connections
(:mod:`.connections`) and a log that an attacker cannot flood.

Before it serves, the server takes a lock on the store folder (``portal.lock``, held for its life and let go
by the system when the process ends, however it ends): a second server on the same store is refused, since
the rate limits, the reservations of quota and the order of writes are kept in one process.  Holding it, the
server removes what a failed or killed server left (temporary files of uploads that were never kept) and
makes the database files readable by their owner only; what it creates from then on is too (umask 077).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import fcntl
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from spbe_excel.errors import UsageError
from spbe_excel.portal.blobs import BlobStore
from spbe_excel.portal.connections import ACCEPT_BATCH, Guard, Limits
from spbe_excel.portal.intake import LINKS_CSV, Config
from spbe_excel.portal.web import Settings

LOCK_FILE = "portal.lock"
LISTEN_BACKLOG = 2048  # connections the system queues for the server: one waits there rather than being dropped


@contextlib.contextmanager
def hold(folder: Path) -> Iterator[None]:
    """The store ``folder`` for this process alone while the block runs; :class:`UsageError`
    (``portal.serve.in_use``) when another process holds it.

    A POSIX record lock (``lockf``): the system lets it go when the process ends, even by SIGKILL, and the
    reading workers the server forks do not inherit it."""
    path = folder / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise UsageError("portal.serve.in_use", folder=folder, pid=holder) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # lets the lock go


def tidy(folder: Path) -> int:
    """Remove what an earlier server left behind (it held the store, so nothing is in use now): temporary files
    of uploads in ``blobs/tmp`` and of the links file; make the SQLite database and its journals private.
    Returns the number of files removed."""
    removed = 0
    leftovers = [*BlobStore(folder / "blobs").tmp.glob("*"), *folder.glob(f".{LINKS_CSV}.*.tmp")]
    for path in leftovers:
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    db = Config.read(folder).db
    if db.startswith("sqlite:///"):
        base = Path(db[len("sqlite:///"):])
        for path in (base, base.with_name(base.name + "-wal"), base.with_name(base.name + "-shm")):
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)
    return removed


class LogRate(logging.Filter):
    """At most ``burst`` records of the same message (its logger and first line) per ``every`` seconds; the
    next one let through says how many were left out."""

    def __init__(self, every: float = 10.0, burst: int = 5):
        super().__init__()
        self.every, self.burst = every, burst
        self._seen: dict[str, tuple[float, int, int]] = {}  # key -> (window start, let through, left out)
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = f"{record.name}:{str(record.msg).partition(chr(10))[0][:200]}"
        now = time.monotonic()
        with self._lock:
            if len(self._seen) > 1000:  # messages of many kinds: start counting again rather than grow
                self._seen.clear()
            start, passed, dropped = self._seen.get(key, (now, 0, 0))
            if now - start >= self.every:
                if dropped:
                    record.msg = f"{record.msg} [{dropped} more like it not logged in {now - start:.0f} s]"
                start, passed, dropped = now, 0, 0
            if passed >= self.burst:
                self._seen[key] = (start, passed, dropped + 1)
                return False
            self._seen[key] = (start, passed + 1, dropped)
            return True


def limit_logs(every: float = 10.0, burst: int = 5) -> LogRate:
    """Bound what the server writes to its log, whoever logs it (uvicorn, asyncio, the multipart parser, the
    portal): an attack makes a few lines every ``every`` seconds, not one per connection or request.  The
    other loggers' warnings go to stderr, as Python's last resort wrote them, through the same filter."""
    rate = LogRate(every, burst)
    root = logging.getLogger()
    if not root.handlers:
        stderr = logging.StreamHandler()
        stderr.setFormatter(logging.Formatter("%(levelname)s:  %(message)s"))
        root.addHandler(stderr)
    for handler in [*logging.getLogger("uvicorn").handlers, *root.handlers]:
        handler.addFilter(rate)
    return rate


def serve(folder: str | os.PathLike, settings: Settings, *, host: str = "127.0.0.1", port: int = 8000,
          limits: Limits | None = None, ready: Callable[[], None] | None = None) -> None:
    """Serve the intake page of the store ``folder`` until stopped (SIGINT, SIGTERM).  ``ready`` is called once
    the store is held, before the server listens."""
    import uvicorn

    from spbe_excel.portal.app import create_app

    folder = Path(folder).resolve()
    with hold(folder):
        os.umask(0o077)  # the database, its journals, feedback workbooks: the owner's only, as the token files
        tidy(folder)
        app = create_app(folder, settings)
        # what is read and dropped after an early reply: up to twice the largest upload (its body and slack)
        limits = dataclasses.replace(limits or Limits(), linger_bytes=2 * settings.max_upload + 4 * 1024 * 1024)
        config = uvicorn.Config(app, host=host, port=port, proxy_headers=True, log_level="info", access_log=False,
                                server_header=False, http=Guard(limits).protocol(), ws="none", loop="asyncio",
                                backlog=ACCEPT_BATCH)
        limit_logs()
        if ready is not None:
            ready()
        server = uvicorn.Server(config)
        asyncio.run(_run(server))
        if not server.started:
            raise SystemExit(3)


async def _run(server) -> None:
    """uvicorn's server, its listening sockets given a longer queue once they listen.

    asyncio accepts as many connections at one turn of its loop as the backlog it listens with, each an open
    file before the connection guard sees it: with 2048 (uvicorn's default) a burst of connections exhausted
    1,024 open files and made asyncio log an error per refused accept.  It listens with ACCEPT_BATCH; the
    queue in the system is then made LISTEN_BACKLOG long, so that a connection waits there instead of
    being dropped and tried again a second later."""
    task = asyncio.create_task(server.serve())
    while not server.started and not task.done():
        await asyncio.sleep(0.02)
    for listener in getattr(server, "servers", []) if server.started else []:
        for sock in listener.sockets:
            with socket.socket(fileno=os.dup(sock.fileno())) as same:
                same.listen(LISTEN_BACKLOG)
    await task
