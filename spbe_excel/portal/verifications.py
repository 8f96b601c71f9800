"""DKIS's verifications on the intake page (issue 19): for a claim of an OPD's counted upload (a status *Selesai*,
or a level above the baseline), *Sesuai* or *Perlu perbaikan* with DKIS's note, kept in the store with the
fingerprint of the row verified (:class:`~spbe_excel.model.verification.Fingerprint`) and the evidence files the
claim held then (:func:`files_digest`).

A verification is never changed: a new one for the same (OPD, action) pair is added, and the latest stands.  It
holds while the row is unchanged: the pipeline judges it against the row of the OPD's counted upload (status, level,
Bukti Dukung cell), and :meth:`VerificationStore.handed` makes it judge the evidence files too, by handing a
verification whose files changed since with a fingerprint that no longer matches.  So a sheet that changes the row,
or a file attached to, replaced on or withdrawn from the action, makes the claim unverified again, in the
consolidated workbook, the index and the feedback workbook alike.  Each verification is one transaction with its
audit line (actor, time, the SHA-256 of the upload verified).

The table is made on first use: a store made before issue 19 has none, and works on."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, insert, select

from spbe_excel.model.verification import Fingerprint, Verdict, Verification
from spbe_excel.portal.store import Round, Tables, as_utc, now

if TYPE_CHECKING:
    from spbe_excel.portal.evidence import Evidence
    from spbe_excel.portal.web import Portal

NOTE_CHARS = 1000
BY_CHARS = 80

meta = MetaData()
verifications = Table(
    "verifications", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("round_id", Integer, nullable=False, index=True),  # the round whose upload was verified
    Column("opd", String(64), nullable=False, index=True),
    Column("action", String(32), nullable=False),
    Column("verdict", String(24), nullable=False),  # Verdict
    Column("note", Text, nullable=False),
    Column("fingerprint", Text, nullable=False),  # Fingerprint.text of the row verified
    Column("files", String(64), nullable=False),  # files_digest of the action's evidence files then
    Column("upload_sha", String(64), nullable=False),  # the counted upload verified
    Column("by", String(BY_CHARS), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)


def files_digest(shas: Iterable[str]) -> str:
    """The evidence files an action holds, as one value that compares: the SHA-256 of their sorted SHA-256s (""
    for none)."""
    shas = sorted(shas)
    return hashlib.sha256("\n".join(shas).encode()).hexdigest() if shas else ""


@dataclass(frozen=True)
class Given:
    """A verification as the store keeps it."""

    id: int
    round_id: int
    opd: str
    action: str
    verdict: Verdict
    note: str
    fingerprint: str
    files: str
    upload_sha: str
    by: str
    at: dt.datetime

    @property
    def key(self) -> tuple[str, str]:
        return (self.action, self.opd)


def _given(r) -> Given:
    m = dict(r._mapping)
    at = m["at"]
    return Given(**{**m, "verdict": Verdict(m["verdict"]),
                    "at": as_utc(at)})


class VerificationStore(Tables):
    """The verifications of one store (its table made on first use)."""

    tables = meta

    def add(self, values: dict, actor: str) -> Given:
        """Record a verification (``values``: round_id, opd, action, verdict, note, fingerprint, files, upload_sha,
        by) with its audit line (``verify`` for *Sesuai*, ``return`` for *Perlu perbaikan*), in one transaction."""
        self._table()
        with self.store._begin() as c:
            key = c.execute(insert(verifications).values(**values, at=now())).inserted_primary_key
            assert key is not None
            item = _given(c.execute(select(verifications).where(verifications.c.id == key[0])).one())
            what = "verify" if item.verdict is Verdict.VERIFIED else "return"
            note = f": {item.note}" if item.note else ""
            self.store._audit(c, actor, what, f"#{item.id} {item.opd} aksi {item.action} oleh {item.by} "
                                              f"[{item.fingerprint}]{note}"[:2000], item.upload_sha)
        return item

    def latest(self, opd: str | None = None) -> dict[tuple[str, str], Given]:
        """The verification that stands for each (action, OPD) pair (of one OPD, when given): the latest given."""
        self._table()
        q = select(verifications)
        if opd is not None:
            q = q.where(verifications.c.opd == opd)
        with self.store.engine.connect() as c:
            rows = [_given(r) for r in c.execute(q.order_by(verifications.c.id))]
        return {g.key: g for g in rows}

    def history(self, opd: str) -> list[Given]:
        """Every verification of one OPD's claims, newest first."""
        self._table()
        with self.store.engine.connect() as c:
            return [_given(r) for r in c.execute(select(verifications).where(verifications.c.opd == opd)
                                                 .order_by(verifications.c.id.desc()))]


def handed(latest: dict[tuple[str, str], Given], files_now: dict[tuple[str, str], str]) -> list[Verification]:
    """The verifications to hand to the pipeline: each standing one, as given, unless the evidence files of its
    action changed since (``files_now``: each pair's :func:`files_digest` today), when its fingerprint's evidence
    no longer matches any row, so that the pipeline judges the claim changed in its evidence (unverified again)."""
    out = []
    for key in sorted(latest):
        g = latest[key]
        fingerprint = g.fingerprint
        if files_now.get(key, "") != g.files:
            then = Fingerprint.parse(g.fingerprint)
            if then is not None:
                fingerprint = Fingerprint(then.status, then.level, "files:" + files_now.get(key, "")[:16]).text
        out.append(Verification(g.action, g.opd, g.verdict, fingerprint, g.note, g.by, g.at))
    return out


# ---- where each claim stands ----------------------------------------------------------------------------
def claims_of(portal: Portal, rnd: Round, opd: str) -> list[dict]:
    """Each claim of ``opd``'s counted upload of ``rnd``, in plan order: the claim (its row's status, level,
    baseline, fingerprint), the indicator, its current evidence files (and their digest), the verification that
    stands for the pair (the latest given, held or not) and ``state``: ``verified`` or ``needs_correction`` (it
    holds), ``changed`` (the OPD changed the row or its files since: unverified again, ``changed`` saying what) or
    ``open`` (never verified)."""
    _, figures = portal.intake.figures(rnd)
    latest = portal.verifications.latest(opd)
    digests = portal.evidence_digests(opd)
    judged = {j.verification.key: j for j in figures.verifications if j.verification.opd == opd}
    files: dict[str, list[Evidence]] = {}
    for item in portal.evidence.current(opd):
        files.setdefault(item.action, []).append(item)
    out = []
    for c in figures.claims:
        if c.opd != opd:
            continue
        key = (c.action, opd)
        given, j = latest.get(key), judged.get(key)
        if c.verification is not None and given is not None:
            state = str(given.verdict)
        else:
            state = "changed" if given is not None else "open"
        out.append({"claim": c, "indicator": portal.intake.master.by_action.get(c.action), "given": given,
                    "state": state, "changed": j.changed if j is not None and not j.held else (),
                    "files": files.get(c.action, []), "digest": digests.get(key, ""),
                    "anchor": "klaim-" + c.action.replace(".", "-")})
    return out


def verified_total(claims: list[dict]) -> dict:
    """How many of the claims stand verified, returned, unverified again, never verified."""
    counts = dict.fromkeys(("verified", "needs_correction", "changed", "open"), 0)
    for c in claims:
        counts[c["state"]] += 1
    return counts
