"""DKIS's verification of a claim (issue 19): for one (action, OPD) pair, *Sesuai* or *Perlu perbaikan*, DKIS's
note, who and when, and the fingerprint of the row it verified.

A claim is a reported row with the status *Selesai* or a level above its baseline (:func:`is_claim`).  A
verification holds while the row it verified is unchanged: the row's fingerprint (its status, level and evidence
as reported, :class:`Fingerprint`) is the one the verification was made on.  When the OPD changes any of the three,
the verification no longer holds and the claim is unverified again (:func:`standing`).  Every front end keeps
verifications its own way (the consolidated workbook's Verifikasi column read back by ``--previous``; the intake
page's store) and hands them to the pipeline, which judges each against this period's rows.

Plain data, no words of any language: a verdict and a standing are string Enums, worded by
:mod:`spbe_excel.text`."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from spbe_excel.model.vocab import Status, StrEnum


class Verdict(StrEnum):
    """What DKIS says of a claim: *Sesuai* (Verified) or *Perlu perbaikan* (Needs correction)."""

    VERIFIED = "verified"
    NEEDS_CORRECTION = "needs_correction"


# The words of a verdict (Indonesian, English): the dropdown of the workbook's Verifikasi column, and what else
# reads back as one (either language, any case and spacing).
VERDICT_LABELS: dict[Verdict, tuple[str, str]] = {Verdict.VERIFIED: ("Sesuai", "Verified"),
                                                   Verdict.NEEDS_CORRECTION: ("Perlu perbaikan", "Needs correction")}
VERDICT_SYNONYMS: dict[Verdict, tuple[str, ...]] = {
    Verdict.VERIFIED: ("terverifikasi", "diverifikasi", "valid", "ok", "verified ok"),
    Verdict.NEEDS_CORRECTION: ("perlu diperbaiki", "tidak sesuai", "dikembalikan", "belum sesuai", "returned",
                               "needs correction", "not verified", "rejected"),
}


def parse_verdict(text: object) -> Verdict | None:
    """The verdict a cell holds, as written in either language (None: empty, or neither)."""
    from spbe_excel.model.columns import norm

    key = norm(text or "")
    for verdict, labels in VERDICT_LABELS.items():
        if key and key in {norm(w) for w in (*labels, *VERDICT_SYNONYMS[verdict])}:
            return verdict
    return None


class Standing(StrEnum):
    """What became of a verification this period."""

    HELD = "held"  # the row is the one verified: the verification applies
    CHANGED = "changed"  # the OPD changed the row's status, level or evidence: the claim is unverified again
    NOT_REPORTED = "not_reported"  # the pair is not reported this period (no file, a blank row, a rejected file)
    NO_CLAIM = "no_claim"  # the row claims nothing (no Selesai, no level above the baseline): ignored
    NO_VERDICT = "no_verdict"  # a note without a verdict, or a verdict not recognised: ignored
    UNKNOWN_PAIR = "unknown_pair"  # no such (action, OPD) pair in the plan: ignored


FIELDS = ("status", "current_level", "evidence")  # what a fingerprint covers, by column key


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _part(value: object, text: str) -> str:
    """One field of a fingerprint: the value that parsed (a status, a level), else the text as written, hashed."""
    if value is not None:
        return str(value)
    text = " ".join(text.split())
    return f"#{_digest(text)[:16]}" if text else ""


@dataclass(frozen=True)
class Fingerprint:
    """The status, level and evidence of a row as reported, in a form that compares: a status by its key, a level
    by its number (each, when it did not parse, by a hash of its text), the evidence by the SHA-256 of its text with
    white space collapsed (a line break retyped as a space is no change)."""

    status: str
    level: str
    evidence: str

    @classmethod
    def of(cls, status: Status | None, level: int | None, raw: Mapping[str, object]) -> Fingerprint:
        """The fingerprint of a row whose status and level parsed to ``status`` and ``level`` (None: empty or not
        parsed), ``raw`` its cells as written (column key -> value: ``status``, ``current_level``, ``evidence``)."""
        from spbe_excel.model.values import as_text

        def text(key: str) -> str:
            return as_text(raw.get(key)).strip()

        evidence = " ".join(text("evidence").split())
        return cls(_part(status, text("status")), _part(level, text("current_level")),
                   _digest(evidence) if evidence else "")

    @property
    def text(self) -> str:
        """The fingerprint as one line of text, for a store or a workbook: ``status|level|evidence``."""
        return f"{self.status}|{self.level}|{self.evidence}"

    @classmethod
    def parse(cls, text: str) -> Fingerprint | None:
        """A fingerprint from :attr:`text`; None for anything else."""
        parts = str(text or "").strip().split("|")
        return cls(*parts) if len(parts) == 3 else None

    def changes(self, other: Fingerprint) -> tuple[str, ...]:
        """The fields (column keys of :data:`FIELDS`) in which ``other`` differs from this one."""
        return tuple(key for key, a, b in zip(FIELDS, (self.status, self.level, self.evidence),
                                              (other.status, other.level, other.evidence)) if a != b)


@dataclass(frozen=True)
class Verification:
    """DKIS's verification of one (action, OPD) pair's claim.  ``fingerprint`` is :attr:`Fingerprint.text` of the
    row verified; ``verdict`` None is a note without a verdict, or a verdict written that is neither (``written``
    holds it as written): such a verification is ignored.  ``by`` and ``at`` say who gave it and when, as the front
    end knows them (the intake page: the person signed in; a workbook: the program that saved it, as its document
    properties say; empty or None when unknown)."""

    action: str
    opd: str
    verdict: Verdict | None
    fingerprint: str
    note: str = ""
    by: str = ""
    at: dt.datetime | None = None
    written: str = ""  # a verdict cell that holds neither verdict, as written

    @property
    def key(self) -> tuple[str, str]:
        return (self.action, self.opd)


@dataclass(frozen=True)
class Judged:
    """A verification and what became of it this period; ``changed``: the fields the OPD changed since (a
    :attr:`Standing.CHANGED` verification), by column key."""

    verification: Verification
    standing: Standing
    changed: tuple[str, ...] = ()

    @property
    def held(self) -> bool:
        return self.standing is Standing.HELD


def is_claim(status: Status | None, level: int | None, baseline: int) -> bool:
    """Whether a row reporting ``status`` and ``level`` claims something DKIS verifies: a *Selesai*, or a level
    above the ``baseline``."""
    return status == Status.DONE or (level is not None and level > baseline)


def judge(v: Verification, *, reported: bool, claim: bool, fingerprint: Fingerprint | None) -> Judged:
    """What becomes of ``v`` against its pair this period: ``reported`` whether the pair is reported, ``claim``
    whether its row claims something (:func:`is_claim`), ``fingerprint`` the row's (None: not reported)."""
    if v.verdict is None:
        return Judged(v, Standing.NO_VERDICT)
    if not reported or fingerprint is None:
        return Judged(v, Standing.NOT_REPORTED)
    then = Fingerprint.parse(v.fingerprint)
    changed = then.changes(fingerprint) if then is not None else FIELDS
    if changed:
        return Judged(v, Standing.CHANGED, changed)
    return Judged(v, Standing.HELD) if claim else Judged(v, Standing.NO_CLAIM)


def latest_by_pair(verifications) -> dict[tuple[str, str], Verification]:
    """One verification per (action, OPD) pair: of several for one pair, the last given."""
    return {v.key: v for v in verifications}
