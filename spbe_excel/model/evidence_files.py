"""Evidence files (issue 19): the documents an OPD attaches to an action of its report (bukti dukung), what kinds
are accepted, what recognising a file gives, and one file of the evidence pack.

Plain data, no words of any language: a kind names its text (``what``), a refusal its text key and parameters,
worded by :mod:`spbe_excel.text`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024  # what evaluators are sent; each file at most this


@dataclass(frozen=True)
class EvidenceKind:
    """A kind of file accepted as evidence: its key, the suffix it is stored and downloaded with, and the text key
    of what it is (``what.pdf``)."""

    key: str
    suffix: str
    what: str


KINDS: dict[str, EvidenceKind] = {k.key: k for k in (
    EvidenceKind("pdf", ".pdf", "what.pdf"),
    EvidenceKind("png", ".png", "what.image"),
    EvidenceKind("jpeg", ".jpg", "what.image"),
    EvidenceKind("gif", ".gif", "what.image"),
    EvidenceKind("tiff", ".tif", "what.image"),
    EvidenceKind("webp", ".webp", "what.image"),
    EvidenceKind("docx", ".docx", "what.word"),
    EvidenceKind("xlsx", ".xlsx", "evidence.what.workbook"),
    EvidenceKind("pptx", ".pptx", "what.powerpoint"),
    EvidenceKind("odt", ".odt", "evidence.what.odf_text"),
    EvidenceKind("ods", ".ods", "evidence.what.workbook"),
    EvidenceKind("odp", ".odp", "evidence.what.odf_slides"),
    EvidenceKind("doc", ".doc", "what.word"),
    EvidenceKind("xls", ".xls", "evidence.what.workbook"),
    EvidenceKind("ppt", ".ppt", "what.powerpoint"),
)}
# the suffixes a file of an accepted kind may be named with (".jpeg" beside ".jpg"): a file so named that holds
# something else claims to be what it is not
CLAIMED_SUFFIXES = frozenset({k.suffix for k in KINDS.values()} | {".jpeg", ".tiff"})


@dataclass(frozen=True)
class Recognised:
    """What a file sent as evidence is: an accepted ``kind``, or None and why it is refused (``reason``, a text
    key, and its ``params``)."""

    kind: EvidenceKind | None
    reason: str = ""
    params: dict = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        return self.kind is not None


@dataclass(frozen=True)
class PackedFile:
    """One evidence file as the pack holds it: the action and indicator it supports, the OPD that attached it,
    its document number and title, the file (its display name, SHA-256, size, where its bytes are, when it was
    attached) and DKIS's verification of the claim it supports (``verdict``: ``verified``,
    ``needs_correction`` or "" when unverified; who gave it)."""

    no: int
    indicator: str
    action: str
    opd: str
    number: str
    title: str
    file_name: str
    sha256: str
    size: int
    source: str  # the path of its bytes (the intake page's blob)
    added: dt.datetime
    verdict: str = ""
    verified_by: str = ""
    kind: str = ""  # an EvidenceKind key; its suffix names the file in the pack
