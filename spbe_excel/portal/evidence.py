"""The evidence files of the intake page (issue 19): which file an OPD attached to which action of its report,
under which document number and title, and when it was replaced or withdrawn.

A file belongs to an (OPD, action) pair, not to an upload of the sheet: it stays with its action across later
uploads, and across rounds, until the OPD replaces or withdraws it.  Its bytes are a blob of the store
(:mod:`.blobs`, addressed by SHA-256, stored as received); its row records the round it was attached in, whose
quota it counts in.  A replaced or withdrawn file keeps its row (its bytes stay stored, and counted), ended.
Every change is one transaction with its audit line (actor, time, SHA-256).

The table is made on first use: a store made before issue 19 has none, and works on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.sql.elements import ColumnElement

from spbe_excel.portal.store import MAX_ID, NotTaken, Store, Tables, as_utc, now, opds, rounds

meta = MetaData()
evidence = Table(
    "evidence", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("round_id", Integer, nullable=False, index=True),  # the round it was attached in: its quota's
    Column("opd", String(64), nullable=False, index=True),
    Column("action", String(32), nullable=False),
    Column("number", Text, nullable=False),  # the document's number ("" when it has none)
    Column("title", Text, nullable=False),
    Column("file_name", Text, nullable=False),  # safe display name with its kind's suffix, never a path
    Column("kind", String(16), nullable=False),  # spbe_excel.model.evidence_files.KINDS
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("replaces", Integer, nullable=True),  # the file this one replaced
    Column("ended", String(16), nullable=False, default=""),  # "" (current) | replaced | withdrawn
    Column("ended_at", DateTime(timezone=True), nullable=True),
)
EVIDENCE_BYTES = select(func.coalesce(func.sum(evidence.c.size), 0)).where(
    evidence.c.round_id == bindparam("round_id"), evidence.c.opd == bindparam("opd"))
_EVIDENCE_BYTES_SUB = EVIDENCE_BYTES.scalar_subquery()


class TooMany(Exception):
    """An action that holds as many files as it may (``per_action``), or an OPD that attached as many as it may
    in a round (``per_round``)."""

    def __init__(self, which: str, most: int):
        super().__init__(which)
        self.which = which
        self.most = most


@dataclass(frozen=True)
class Evidence:
    id: int
    round_id: int
    opd: str
    action: str
    number: str
    title: str
    file_name: str
    kind: str
    sha256: str
    size: int
    added_at: dt.datetime
    replaces: int | None
    ended: str
    ended_at: dt.datetime | None

    @property
    def current(self) -> bool:
        return not self.ended




def _row(r) -> Evidence:
    m = dict(r._mapping)
    return Evidence(**{**m, "added_at": as_utc(m["added_at"]), "ended_at": m["ended_at"] and as_utc(m["ended_at"])})


class EvidenceStore(Tables):
    """The evidence table of one store (made on first use)."""

    tables = meta

    def __init__(self, store: Store, per_action: int = 20, per_round: int = 1000):
        super().__init__(store)
        self.per_action = per_action
        self.per_round = per_round

    # ---- reading --------------------------------------------------------------------------------------
    def item(self, evidence_id: int) -> Evidence | None:
        if not 0 < evidence_id <= MAX_ID:
            return None
        self._table()
        with self.store.engine.connect() as c:
            row = c.execute(select(evidence).where(evidence.c.id == evidence_id)).first()
        return _row(row) if row else None

    def current(self, opd: str | None = None) -> list[Evidence]:
        """The files attached and neither replaced nor withdrawn (of one OPD, when given), by OPD, action, id."""
        self._table()
        q = select(evidence).where(evidence.c.ended == "")
        if opd is not None:
            q = q.where(evidence.c.opd == opd)
        with self.store.engine.connect() as c:
            found = [_row(r) for r in c.execute(q.order_by(evidence.c.opd, evidence.c.action, evidence.c.id))]
        return found

    def history(self, opd: str) -> list[Evidence]:
        """Every file one OPD attached, newest first."""
        self._table()
        with self.store.engine.connect() as c:
            return [_row(r) for r in c.execute(select(evidence).where(evidence.c.opd == opd)
                                               .order_by(evidence.c.id.desc()))]

    def bytes_in_round(self, round_id: int, opd: str) -> int:
        """What the files one OPD attached in one round store, in bytes (replaced and withdrawn ones too: their
        bytes stay)."""
        self._table()
        with self.store.engine.connect() as c:
            return int(c.execute(EVIDENCE_BYTES, {"round_id": round_id, "opd": opd}).scalar() or 0)

    def bytes_query(self) -> ColumnElement:
        """:meth:`bytes_in_round` as a scalar subquery (parameters ``round_id`` and ``opd``) to be run in another
        statement; the same object every time."""
        self._table()
        return _EVIDENCE_BYTES_SUB

    # ---- changes --------------------------------------------------------------------------------------
    def attach(self, values: dict, actor: str, token_hash: str | None = None,
               replaces: Evidence | None = None) -> Evidence:
        """Record a file attached to an action (``values``: the columns round_id, opd, action, number, title,
        file_name, kind, sha256, size), ending ``replaces`` when it replaces that file, with its audit line, in
        one transaction.  :class:`~.store.NotTaken` when the round was closed, the link replaced or the file to
        replace already ended meanwhile; :class:`TooMany` when the action or the round holds as many as it may."""
        self._table()
        with self.store._begin() as c:
            self._still_open(c, values["round_id"], values["opd"], token_hash)
            mine = (evidence.c.opd == values["opd"])
            held = c.execute(select(func.count()).select_from(evidence).where(
                mine, evidence.c.action == values["action"], evidence.c.ended == "")).scalar() or 0
            if replaces is not None:
                ended = c.execute(update(evidence).where(evidence.c.id == replaces.id, evidence.c.ended == "",
                                                         mine).values(ended="replaced", ended_at=now()))
                if ended.rowcount != 1:
                    raise NotTaken("gone")
                held -= 1
            if held >= self.per_action:
                raise TooMany("per_action", self.per_action)
            attached = c.execute(select(func.count()).select_from(evidence).where(
                mine, evidence.c.round_id == values["round_id"])).scalar() or 0
            if attached >= self.per_round:
                raise TooMany("per_round", self.per_round)
            key = c.execute(insert(evidence).values(**values, added_at=now(), ended="",
                                                    replaces=replaces.id if replaces else None)).inserted_primary_key
            assert key is not None
            row = c.execute(select(evidence).where(evidence.c.id == key[0])).one()
            item = _row(row)
            if replaces is not None:
                self.store._audit(c, actor, "evidence-replaced", _detail(replaces), replaces.sha256)
            self.store._audit(c, actor, "evidence-replace" if replaces else "evidence-add", _detail(item), item.sha256)
        return item

    def withdraw(self, item: Evidence, round_id: int, actor: str, token_hash: str | None = None) -> None:
        """End a current file (:class:`~.store.NotTaken` when it already ended, the round was closed or the link
        replaced), with its audit line."""
        self._table()
        with self.store._begin() as c:
            self._still_open(c, round_id, item.opd, token_hash)
            ended = c.execute(update(evidence).where(evidence.c.id == item.id, evidence.c.ended == "")
                              .values(ended="withdrawn", ended_at=now()))
            if ended.rowcount != 1:
                raise NotTaken("gone")
            self.store._audit(c, actor, "evidence-withdraw", _detail(item), item.sha256)

    @staticmethod
    def _still_open(c, round_id: int, opd: str, token_hash: str | None) -> None:
        closed = c.execute(select(rounds.c.closed).where(rounds.c.id == round_id).with_for_update(read=True)).scalar()
        if closed:
            raise NotTaken("closed")
        if token_hash is not None:
            now_hash = c.execute(select(opds.c.token_hash).where(opds.c.code == opd)
                                 .with_for_update(read=True)).scalar()
            if now_hash != token_hash:
                raise NotTaken("link")


def _detail(item: Evidence) -> str:
    """An evidence file in the audit log: its id, OPD, action, number, title and file name."""
    number = f" [{item.number}]" if item.number else ""
    return f"#{item.id} {item.opd} aksi {item.action}{number} {item.title} ({item.file_name})"
