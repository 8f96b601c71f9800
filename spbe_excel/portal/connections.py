"""The connections of ``portal serve``: uvicorn's HTTP/1.1 protocol (h11) with the bounds a server that an
office may run on its intranet without a proxy in front needs.

- **Open connections.** At most :attr:`Limits.max_connections`, and fewer when the process may open fewer
  files: :data:`FILES_KEPT` of those are kept for the store, the readers and the database (696 connections
  at the 1,024 files many systems allow).  A new connection beyond them closes one that the server is still
  receiving (a request head or body on its way, or the rest of a body after an early reply), taken from the
  client address that holds the most such connections: its oldest waiting for a head or lingering, else its
  oldest.  A machine opening connections by the thousand sheds its own, not the others'.  With none to
  shed (every connection is being answered), the new one is closed.
- **Slow clients.** The head of a request must arrive within ``header_timeout`` seconds of the connection
  (or of the previous response); its body must start within ``body_timeout`` seconds and then keep to
  ``body_min_rate`` bytes a second (time in which the server itself does not read is not counted); a
  response the client does not read for ``send_timeout`` seconds is dropped.
- **Early replies.** A reply sent before the request's body was read (413, 401, 403, a 500) is followed by
  reading and dropping the rest of the body, at most ``linger_bytes`` for at most ``linger_time`` seconds,
  before the connection closes: a client that writes its whole body before it reads (Python's urllib) then
  reads the reply instead of a reset connection.
- What was closed is logged as counts, once per ``log_every`` seconds at most.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any, cast

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

_log = logging.getLogger("spbe_excel.portal")
# connections asyncio accepts at one turn of its loop, each an open file before it is seen here; few, so that a turn
# stays short while connections pour in (an upload waits for a dozen turns: at 64 a turn, during an attack of
# 1,100 connections opened again as soon as closed, an upload took 1-3 s; at 8, 0.2-0.8 s)
ACCEPT_BATCH = 8
# files kept for what is not a connection: 40 threads of uploads (a temporary file, a staged copy, the pipes of a
# reader each), the database's pool (SQLite: 15 connections of up to 3 files; PostgreSQL: 30), the log, the loop
FILES_KEPT = 320
MB = 1024 * 1024

REASONS = {  # why a connection was closed -> how the log says it
    "head": "request heads not sent within {header_timeout:.0f} s",
    "body": "bodies slower than {body_min_rate:.0f} bytes/s",
    "send": "responses not read for {send_timeout:.0f} s",
    "linger": "bodies after an early reply beyond {linger_mb:.0f} MB or {linger_time:.0f} s",
    "shed": "connections still being received shed at the limit of {cap} open connections",
    "refused": "new connections refused at that limit, none being sheddable",
}


@dataclass(frozen=True)
class Limits:
    """What a connection may take (seconds, bytes)."""

    max_connections: int = 1000
    header_timeout: float = 10.0
    body_timeout: float = 20.0
    body_min_rate: float = 1024.0
    send_timeout: float = 60.0
    linger_bytes: int = 64 * MB
    linger_time: float = 30.0
    linger_idle: float = 5.0
    log_every: float = 10.0
    tick: float = 0.5  # how often deadlines are looked at


def open_files_limit() -> int:
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class Guard:
    """Every open connection of one server, the limits they are held to, and what was closed."""

    def __init__(self, limits: Limits | None = None, open_files: int | None = None):
        self.limits = limits or Limits()
        files = open_files if open_files is not None else open_files_limit()
        self.cap = max(16, min(self.limits.max_connections, files - ACCEPT_BATCH - FILES_KEPT))
        self.open: dict[Connection, None] = {}
        self.receiving: dict[str, dict[Connection, None]] = {}  # client address -> its sheddable connections
        self.closed: Counter[str] = Counter()
        self._timer: asyncio.TimerHandle | None = None
        self._swept = self._logged = time.monotonic()

    def protocol(self) -> type[Connection]:
        """The protocol class uvicorn makes each connection with (``uvicorn.Config(http=...)``)."""
        return cast(type[Connection], type("GuardedConnection", (Connection,), {"guard": self}))

    # ---- bookkeeping ----------------------------------------------------------------------------------------
    def arrive(self, conn: Connection) -> None:
        """A new connection (waiting for its request head); one is shed or the new one closed beyond the cap.
        ``open`` holds the connections not yet being closed: a closed one lets its file go at the loop's next
        turn, before any new connection is accepted."""
        if len(self.open) >= self.cap:
            victim = self._sheddable()
            if victim is None:
                conn.close_now("refused")
                return
            victim.close_now("shed")
        self.open[conn] = None
        self.set_receiving(conn, True)
        if self._timer is None:
            self._swept = time.monotonic()
            self._timer = conn.loop.call_later(self.limits.tick, self.sweep, conn.loop)

    def leave(self, conn: Connection) -> None:
        self.set_receiving(conn, False)
        self.open.pop(conn, None)

    def set_receiving(self, conn: Connection, receiving: bool) -> None:
        """Count ``conn`` among its address's connections that may be shed (or no longer)."""
        host = conn.host
        mine = self.receiving.get(host)
        if receiving:
            mine = self.receiving.setdefault(host, {})
            mine.pop(conn, None)
            mine[conn] = None  # the last: the order is that of entering a phase
        elif mine is not None:
            mine.pop(conn, None)
            if not mine:
                del self.receiving[host]

    def _sheddable(self) -> Connection | None:
        """Of the address holding the most connections still being received, the oldest waiting for a head or
        lingering after an early reply, else the oldest."""
        if not self.receiving:
            return None
        heaviest = max(self.receiving.values(), key=len)
        return next((c for c in heaviest if c.phase != "body"), None) or next(iter(heaviest))

    # ---- deadlines and the log ------------------------------------------------------------------------------
    def sweep(self, loop: asyncio.AbstractEventLoop) -> None:
        now = time.monotonic()
        elapsed, self._swept = now - self._swept, now
        try:
            for conn in list(self.open):
                why = conn.overdue(now, elapsed)
                if why:
                    conn.close_now(why)
            self.report(now)
        finally:
            self._timer = loop.call_later(self.limits.tick, self.sweep, loop)

    def report(self, now: float) -> None:
        """One line of counts for what was closed since the last one, at most once per ``log_every`` seconds."""
        if not self.closed or now - self._logged < self.limits.log_every:
            return
        words = {**vars(self.limits), "cap": self.cap, "linger_mb": self.limits.linger_bytes / MB}
        parts = [f"{n} {REASONS[why].format(**words)}" for why, n in sorted(self.closed.items())]
        _log.warning("closed in the last %.0f s: %s", now - self._logged, "; ".join(parts))
        self.closed.clear()
        self._logged = now


class _Transport:
    """A connection's transport as uvicorn's protocol holds it: ``close()`` asks the connection, which first
    reads the rest of a request body that is still coming."""

    def __init__(self, real: asyncio.Transport, conn: Connection):
        self._real = real
        self._conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def close(self) -> None:
        self._conn.close_requested()

    def is_closing(self) -> bool:
        return self._conn.phase in ("linger", "closed") or self._real.is_closing()


class Connection(H11Protocol):
    """uvicorn's h11 protocol for one connection, held to its :class:`Guard`'s limits."""

    guard: Guard

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.phase = "new"  # head | body | app | linger | closed
        self.host = ""
        self._real: asyncio.Transport | None = None
        self._since = self._last_data = time.monotonic()
        self._body_bytes = 0
        self._excused = 0.0  # seconds of the body phase in which the server did not read
        self._write_paused_at: float | None = None
        self._linger_left = 0

    # ---- the protocol -------------------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._real = transport
        super().connection_made(cast(asyncio.Transport, _Transport(transport, self)))
        self.host = self.client[0] if self.client else ""
        self.phase, self._since = "head", time.monotonic()
        self.guard.arrive(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.phase = "closed"
        self.guard.leave(self)
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        now = self._last_data = time.monotonic()
        if self.phase == "linger":
            self._linger_left -= len(data)
            if self._linger_left < 0:
                self.close_now("linger")
            return
        if self.phase == "closed":
            return
        if self.phase == "body":
            self._body_bytes += len(data)
        super().data_received(data)
        self._follow(now)

    def eof_received(self) -> None:
        if self.phase == "linger":  # the client sent what it had and closed its side: the reply is read
            self.close_now(None)
        super().eof_received()  # None: the transport closes itself

    def on_response_complete(self) -> None:
        if self.phase in ("linger", "closed"):
            self.server_state.total_requests += 1
            return
        if self.conn.their_state is h11.SEND_BODY:  # answered before the body was read: read the rest first
            self.server_state.total_requests += 1
            self._linger()
            return
        super().on_response_complete()
        self._follow(time.monotonic())

    def shutdown(self) -> None:
        if self.phase == "linger":
            self.close_now(None)
            return
        super().shutdown()

    def pause_writing(self) -> None:
        self._write_paused_at = time.monotonic()
        super().pause_writing()

    def resume_writing(self) -> None:
        self._write_paused_at = None
        super().resume_writing()

    # ---- phases -------------------------------------------------------------------------------------------
    def _enter(self, phase: str, now: float) -> None:
        self.phase, self._since = phase, now
        self._body_bytes, self._excused = 0, 0.0
        self.guard.set_receiving(self, phase in ("head", "body", "linger"))

    def _follow(self, now: float) -> None:
        """The phase the request is in, from h11's state of the client's side."""
        if self.phase in ("linger", "closed"):
            return
        state = self.conn.their_state
        phase = "head" if state is h11.IDLE else "body" if state is h11.SEND_BODY else "app"
        if phase != self.phase:
            self._enter(phase, now)

    def _linger(self) -> None:
        assert self._real is not None
        now = time.monotonic()
        self._enter("linger", now)
        self._last_data = now
        self._unset_keepalive_if_required()
        self._linger_left = self.guard.limits.linger_bytes
        if self._real.can_write_eof():
            self._real.write_eof()  # the reply, then its end: the client reads it once it has sent its body
        self._real.resume_reading()

    def close_requested(self) -> None:
        """uvicorn closes the connection: at once, unless the client is still sending the request's body."""
        if self.phase == "linger":
            return
        if self.phase != "closed" and self.conn.their_state is h11.SEND_BODY:
            self._linger()
            return
        self.close_now(None)

    def close_now(self, why: str | None) -> None:
        if why:
            self.guard.closed[why] += 1
        self.phase = "closed"
        self.guard.leave(self)
        if self._real is not None:
            if why == "send":
                self._real.abort()  # what it holds cannot be sent
            else:
                self._real.close()

    def overdue(self, now: float, elapsed: float) -> str | None:
        """Why this connection is to be closed now (a key of :data:`REASONS`), None when it is within its time."""
        limits = self.guard.limits
        waited = now - self._since
        if self.phase == "head":
            return "head" if waited > limits.header_timeout else None
        if self.phase == "body":
            if self.flow is not None and self.flow.read_paused:  # the server is not reading: not the client's time
                self._excused += elapsed
            allowed = limits.body_timeout + self._body_bytes / limits.body_min_rate + self._excused
            return "body" if waited > allowed else None
        if self.phase == "linger":
            late = waited > limits.linger_time or now - self._last_data > limits.linger_idle
            return "linger" if late else None
        if self._write_paused_at is not None and now - self._write_paused_at > limits.send_timeout:
            return "send"
        return None
