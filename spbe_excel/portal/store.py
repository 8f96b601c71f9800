"""The intake page's database: rounds, OPD links, uploads, admin sessions and
the audit log, in SQLite (a file in the store folder, the default) or
PostgreSQL, through SQLAlchemy 2 Core.

Every write is one transaction; an upload's row is committed before its
``201`` is sent, so an acknowledged upload survives a crash (SQLite runs
in WAL mode with ``synchronous=FULL``)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    cast,
    create_engine,
    event,
    func,
    insert,
    select,
    true,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

SCHEMA_VERSION = "1"
MAX_ID = 2 ** 31 - 1  # the largest id an Integer column holds (PostgreSQL's integer)
meta = MetaData()

settings = Table("settings", meta, Column("key", String(64), primary_key=True), Column("value", Text, nullable=False))
rounds = Table(
    "rounds", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("period", String(64), nullable=False, unique=True),
    Column("deadline", Date, nullable=True),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("closed", Boolean, nullable=False, default=False),
)
opds = Table(
    "opds", meta,
    Column("code", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("link_set_at", DateTime(timezone=True), nullable=False),
)
uploads = Table(
    "uploads", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("round_id", Integer, ForeignKey("rounds.id"), nullable=False, index=True),
    Column("opd", String(64), ForeignKey("opds.code"), nullable=False, index=True),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("file_name", Text, nullable=False),  # safe display name, never a path
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("state", String(16), nullable=False),  # accepted | rejected
    Column("counted", Boolean, nullable=False),  # accepted and for the link's own OPD
    Column("opd_found", String(64), nullable=True),  # the OPD the content names
    Column("errors", Integer, nullable=False),
    Column("warnings", Integer, nullable=False),
    Column("findings", Text, nullable=False),  # JSON: {"id": [...], "en": [...]}, validate --format json's fields
)
sessions = Table(
    "sessions", meta,
    Column("id_hash", String(64), primary_key=True),
    Column("csrf", String(64), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
audit = Table(
    "audit", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(80), nullable=False),
    Column("action", String(40), nullable=False),
    Column("detail", Text, nullable=False, default=""),
    Column("sha256", String(64), nullable=False, default=""),
)


def stored_bytes(size, findings):
    """What one upload stores, as its OPD's quota counts it: the file (``size`` bytes) and its findings (the
    characters of their JSON, both languages).  Given an upload's values, a number; given the columns of
    :data:`uploads`, the same sum as an SQL expression."""
    return size + (func.length(findings) if isinstance(findings, Column) else len(findings))


class NotTaken(Exception):
    """An upload not recorded: its round was closed (``reason`` "closed") or its link replaced ("link")."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back: they are UTC."""
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value



class Tables:
    """A part of the store whose tables (in ``tables``, its own MetaData) are made on first use: stores made
    before the part existed have none."""

    tables: MetaData

    def __init__(self, store: Store):
        self.store = store
        self._made = False
        self._lock = threading.Lock()

    def _table(self) -> None:
        with self._lock:
            if not self._made:
                self.tables.create_all(self.store.engine, checkfirst=True)
                self._made = True


SQLITE_CONNECTIONS = 40  # the threads of anyio's pool, which run the queries


def engine_for(url: str) -> Engine:
    if url.startswith("sqlite"):
        # connections kept for every thread that may query at once (the server's threads: 40), as opening one
        # (its file, its pragmas) costs more than most queries; beyond, they are opened and closed as before
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False},
                               pool_size=SQLITE_CONNECTIONS, max_overflow=SQLITE_CONNECTIONS // 2)

        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record):
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


SQLITE_FILE = "portal.db"


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{(Path(folder) / SQLITE_FILE).resolve()}"


@dataclass(frozen=True)
class Round:
    id: int
    period: str
    deadline: dt.date | None
    opened_at: dt.datetime
    closed: bool


@dataclass(frozen=True)
class Upload:
    id: int
    round_id: int
    opd: str
    received_at: dt.datetime
    file_name: str
    sha256: str
    size: int
    state: str
    counted: bool
    opd_found: str | None
    errors: int
    warnings: int
    findings: str

    def findings_in(self, lang: str) -> list[dict]:
        data = json.loads(self.findings)
        return data.get(lang) or data.get("id") or []


def _upload(row) -> Upload:
    m = row._mapping
    return Upload(**{**m, "received_at": as_utc(m["received_at"])})


def _round(row) -> Round:
    m = row._mapping
    return Round(m["id"], m["period"], m["deadline"], as_utc(m["opened_at"]), bool(m["closed"]))


# what every upload asks, made once (building a statement costs more than SQLite takes to run these)
_CURRENT_ROUND = select(rounds).order_by(rounds.c.id.desc()).limit(1)
# the round and the OPD's link in one statement (both rows held until the upload is recorded)
_ROUND_AND_LINK = (select(rounds.c.closed, opds.c.token_hash).select_from(rounds.join(opds, true()))
                   .where(rounds.c.id == bindparam("round_id"), opds.c.code == bindparam("opd"))
                   .with_for_update(read=True))
_ROUND_CLOSED = select(rounds.c.closed).where(rounds.c.id == bindparam("round_id")).with_for_update(read=True)
_ADD_UPLOAD = insert(uploads).returning(*uploads.c)  # the row as stored
_ADD_AUDIT = insert(audit)
# what one OPD's uploads of one round store (:func:`stored_bytes` of each)
UPLOADED_BYTES = select(func.coalesce(func.sum(stored_bytes(uploads.c.size, uploads.c.findings)), 0)).where(
    uploads.c.round_id == bindparam("round_id"), uploads.c.opd == bindparam("opd"))


class Store:
    """The database of one store folder."""

    def __init__(self, url: str):
        self.url = url
        self.engine = engine_for(url)
        item = cast(func.length(opds.c.code), String) + ":" + opds.c.code + opds.c.token_hash
        self._links_q = select(func.group_concat(item, "") if self.engine.dialect.name == "sqlite"
                               else func.string_agg(item, ""))  # token_hashes, made once
        self._sums: dict[tuple, Select] = {}  # bytes_uploaded's statements
        # SQLite has one writer at a time; writers that find it busy sleep in its busy handler (up to 100 ms a
        # turn) and wait far longer than the writes take (40 uploads recorded at once: 0.15-0.9 s, against
        # 0.05-0.1 s queued on a lock), so in this process they queue on a lock, handed over at once; reentrant,
        # so that a write nested in another in one thread fails as before rather than hangs
        self._writing: contextlib.AbstractContextManager = (
            threading.RLock() if url.startswith("sqlite") else contextlib.nullcontext())

    @contextlib.contextmanager
    def _begin(self) -> Iterator[Connection]:
        """A write transaction (committed when the block ends)."""
        with self._writing, self.engine.begin() as c:
            yield c

    def warm(self, connections: int = SQLITE_CONNECTIONS) -> None:
        """Open that many SQLite connections at once, kept by the pool for the requests to come (a burst of
        uploads would otherwise open them while it is served), and compile what every upload asks."""
        if self.url.startswith("sqlite"):
            with contextlib.ExitStack() as held:
                for _ in range(connections):
                    held.enter_context(self.engine.connect())
        self.token_hashes()
        rnd = self.current_round()
        codes = self.opds()
        if codes and self.url.startswith("sqlite"):  # an upload's statements, in a transaction rolled back (on
            # PostgreSQL it would take an id from the sequence)
            with self._writing, self.engine.connect() as c, c.begin() as tx:
                values = {"round_id": rnd.id, "opd": codes[0][0], "received_at": now(), "file_name": "-",
                          "sha256": "0" * 64, "size": 0, "state": "rejected", "counted": False, "opd_found": None,
                          "errors": 0, "warnings": 0, "findings": "{}"}
                c.execute(_ROUND_AND_LINK, {"round_id": rnd.id, "opd": codes[0][0]}).first()
                c.execute(_ADD_UPLOAD, values).one()
                self._audit(c, "-", "-", "")
                tx.rollback()

    def create(self) -> None:
        meta.create_all(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()

    # ---- settings -----------------------------------------------------------------------------------
    def setting(self, key: str, default: str = "") -> str:
        with self.engine.connect() as c:
            v = c.execute(select(settings.c.value).where(settings.c.key == key)).scalar()
        return default if v is None else v

    def set_settings(self, values: dict[str, str]) -> None:
        with self._begin() as c:
            for key, value in values.items():
                if c.execute(select(settings.c.key).where(settings.c.key == key)).first():
                    c.execute(update(settings).where(settings.c.key == key).values(value=value))
                else:
                    c.execute(insert(settings).values(key=key, value=value))

    def is_initialised(self) -> bool:
        from sqlalchemy import inspect

        return inspect(self.engine).has_table("settings") and bool(self.setting("schema"))

    # ---- rounds -------------------------------------------------------------------------------------
    def open_round(self, period: str, deadline: dt.date | None, actor: str = "admin") -> Round:
        with self._begin() as c:
            key = c.execute(insert(rounds).values(period=period, deadline=deadline, opened_at=now(), closed=False)
                            ).inserted_primary_key
            assert key is not None
            rid = key[0]
            self._audit(c, actor, "round-open", f"{period}" + (f" (batas {deadline.isoformat()})" if deadline else ""))
        return self.round(rid)

    def round(self, round_id: int) -> Round:
        with self.engine.connect() as c:
            return _round(c.execute(select(rounds).where(rounds.c.id == round_id)).one())

    def rounds(self) -> list[Round]:
        with self.engine.connect() as c:
            return [_round(r) for r in c.execute(select(rounds).order_by(rounds.c.id))]

    def current_round(self) -> Round:
        with self.engine.connect() as c:
            return _round(c.execute(_CURRENT_ROUND).one())

    def set_closed(self, round_id: int, closed: bool, actor: str = "admin") -> None:
        with self._begin() as c:
            c.execute(update(rounds).where(rounds.c.id == round_id).values(closed=closed))
            period = c.execute(select(rounds.c.period).where(rounds.c.id == round_id)).scalar()
            self._audit(c, actor, "round-close" if closed else "round-reopen", str(period))

    # ---- OPD links ----------------------------------------------------------------------------------
    def add_opds(self, items: Iterable[tuple[str, str, str]]) -> None:
        """(code, name, token hash) for each OPD."""
        with self._begin() as c:
            for code, name, token_hash in items:
                c.execute(insert(opds).values(code=code, name=name, token_hash=token_hash, link_set_at=now()))

    def opds(self) -> list[tuple[str, str]]:
        with self.engine.connect() as c:
            return [(r.code, r.name) for r in c.execute(select(opds.c.code, opds.c.name).order_by(opds.c.code))]

    def token_hashes(self) -> dict[str, str]:
        """Each OPD's token hash, by code: read on every request that names an OPD, so as one row, one string of
        ``<length of the code>:<code><its 64-character hash>`` for each OPD (SQLite hands the rows of a query over
        one at a time, each taking the interpreter's lock again: with 40 uploads at once, reading 60 rows cost
        more than anything else an upload does in this process)."""
        with self.engine.connect() as c:
            text = c.execute(self._links_q).scalar() or ""
        hashes: dict[str, str] = {}
        at = 0
        while at < len(text):
            colon = text.index(":", at)
            start = colon + 1
            end = start + int(text[at:colon])
            hashes[text[start:end]] = text[end:end + 64]
            at = end + 64
        return hashes

    def replace_link(self, code: str, token_hash: str, actor: str = "admin") -> None:
        with self._begin() as c:
            c.execute(update(opds).where(opds.c.code == code).values(token_hash=token_hash, link_set_at=now()))
            self._audit(c, actor, "link-replace", code)

    # ---- uploads ------------------------------------------------------------------------------------
    def add_upload(self, values: dict, actor: str, token_hash: str | None = None) -> Upload:
        """Record an upload and its audit line in one transaction; :class:`NotTaken` when its round was closed,
        or (given the hash of the link it came through) that link replaced, while it was on its way."""
        key = {"round_id": values["round_id"], "opd": values["opd"]}
        with self._begin() as c:
            found = c.execute(_ROUND_AND_LINK, key).first()
            closed, now_hash = found if found is not None else (None, None)
            if found is None:  # no such OPD (its round was read by the caller): its round as it stands
                closed = c.execute(_ROUND_CLOSED, key).scalar()
            if closed:
                raise NotTaken("closed")
            if token_hash is not None and now_hash != token_hash:
                raise NotTaken("link")
            row = c.execute(_ADD_UPLOAD, values).one()
            self._audit(c, actor, "upload", f"#{row.id} {values['file_name']} {values['state']}", values["sha256"])
        return _upload(row)

    def upload(self, upload_id: int) -> Upload | None:
        if not 0 < upload_id <= MAX_ID:  # a number from an address, beyond what the column holds: none
            return None
        with self.engine.connect() as c:
            row = c.execute(select(uploads).where(uploads.c.id == upload_id)).first()
        return _upload(row) if row else None

    def uploads(self, round_id: int | None = None, opd: str | None = None) -> list[Upload]:
        q = select(uploads).order_by(uploads.c.id)
        if round_id is not None:
            q = q.where(uploads.c.round_id == round_id)
        if opd is not None:
            q = q.where(uploads.c.opd == opd)
        with self.engine.connect() as c:
            return [_upload(r) for r in c.execute(q)]

    def bytes_uploaded(self, round_id: int, opd: str, *also: ColumnElement) -> int:
        """What one OPD's uploads of one round store, in bytes (:data:`UPLOADED_BYTES`); with ``also``, more
        scalar subqueries of sizes (an OPD's evidence files), taking the same ``round_id`` and ``opd`` parameters,
        added to it in the same statement (made once for each ``also``)."""
        q = self._sums.get(also)
        if q is None:
            total: ColumnElement = UPLOADED_BYTES.scalar_subquery()
            for more in also:
                total = total + more
            q = self._sums.setdefault(also, select(total) if also else UPLOADED_BYTES)
        with self.engine.connect() as c:
            return int(c.execute(q, {"round_id": round_id, "opd": opd}).scalar() or 0)

    def latest(self, round_id: int) -> tuple[dict[str, Upload], dict[str, Upload]]:
        """Per OPD: its counted upload (the latest not rejected) and its latest upload of any state.  Only those
        rows are read (at most two per OPD), so the status page costs the same late in a round as early."""
        mine = uploads.c.round_id == round_id
        last_ids = select(func.max(uploads.c.id)).where(mine).group_by(uploads.c.opd)
        counted_ids = select(func.max(uploads.c.id)).where(mine, uploads.c.counted.is_(True)).group_by(uploads.c.opd)
        q = select(uploads).where(uploads.c.id.in_(last_ids.union(counted_ids))).order_by(uploads.c.id)
        counted: dict[str, Upload] = {}
        last: dict[str, Upload] = {}
        with self.engine.connect() as c:
            for u in (_upload(r) for r in c.execute(q)):
                last[u.opd] = u
                if u.counted:
                    counted[u.opd] = u
        return counted, last

    # ---- admin sessions -----------------------------------------------------------------------------
    def add_session(self, id_hash: str, csrf: str, expires_at: dt.datetime) -> None:
        with self._begin() as c:
            c.execute(sessions.delete().where(sessions.c.expires_at < now()))
            c.execute(insert(sessions).values(id_hash=id_hash, csrf=csrf, expires_at=expires_at))
            self._audit(c, "admin", "login", "")

    def session_csrf(self, id_hash: str) -> str | None:
        with self.engine.connect() as c:
            row = c.execute(select(sessions).where(sessions.c.id_hash == id_hash)).first()
        if row is None or as_utc(row.expires_at) < now():
            return None
        return row.csrf

    def drop_session(self, id_hash: str) -> None:
        with self._begin() as c:
            c.execute(sessions.delete().where(sessions.c.id_hash == id_hash))
            self._audit(c, "admin", "logout", "")

    # ---- audit log ----------------------------------------------------------------------------------
    def log(self, actor: str, action: str, detail: str = "", sha256: str = "") -> None:
        with self._begin() as c:
            self._audit(c, actor, action, detail, sha256)

    @staticmethod
    def _audit(c, actor: str, action: str, detail: str, sha256: str = "") -> None:
        c.execute(_ADD_AUDIT, {"at": now(), "actor": actor, "action": action, "detail": detail, "sha256": sha256})

    def audit_rows(self) -> list[tuple]:
        with self.engine.connect() as c:
            return [(r.id, as_utc(r.at), r.actor, r.action, r.detail, r.sha256)
                    for r in c.execute(select(audit).order_by(audit.c.id))]
