"""What a Bukti Dukung cell must say to name its evidence (issue 19, point 1, and issue 17's rule that a claim
counts only when its row names its evidence): a link, a document's number, or a kind of document with its number or
title.  Pure functions over a cell as written.  Nothing written (:func:`~spbe_excel.model.values.is_placeholder`) and
words that name no document (:func:`evidence_vague`) are the two ways a row does not name its evidence
(:func:`names_evidence`); the row checks (``evidence-missing``, ``evidence-unclear``), the claim checks,
consolidation (is a Selesai supported?) and the reader of earlier workbooks tell them apart by these two."""

from __future__ import annotations

import re

from spbe_excel.model.columns import words
from spbe_excel.model.values import as_text, is_placeholder

# A link: http(s)://host.tld, www.host.tld, or host.tld/path (bit.ly/x, drive.google.com/...).
_LINK = re.compile(r"https?://[\w-]+(?:\.[\w-]+)+|\bwww\.[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)+/\S", re.I)
# A document number as Indonesian offices write them: digits with a slash (005/123/2019, 188.4/05/Kep).
_DOC_NUMBER = re.compile(r"\d\s*/\s*\w|\w\s*/\s*\d")
# Words that say there is something without saying what: "ada", "lihat lampiran", "dokumen terlampir", "foto".
_FILLER = frozenset((
    "ada", "sudah", "telah", "terlampir", "lampir", "lampiran", "dilampirkan", "melampirkan", "lihat", "cek", "lih",
    "di", "pada", "dalam", "dan", "ke", "dari", "yang", "sebagai", "berikut", "tersebut", "sesuai", "bukti",
    "dukung", "pendukung", "data", "dokumen", "dok", "doc", "file", "files", "berkas", "link", "tautan", "url",
    "foto", "gambar", "screenshot", "ss", "scan", "hardcopy", "softcopy", "tersedia", "lengkap", "ok", "oke", "ya",
    "yes", "v", "x", "see", "attached", "attachment", "available", "document", "documents", "evidence", "the",
    "in", "email", "surel", "wa", "whatsapp", "dikirim", "kirim", "via", "menyusul", "nanti", "proses", "sedang",
    "akan", "belum", "no", "nomor", "nmr", "tahun", "thn", "tgl", "tanggal", "tentang", "perihal", "pdf", "jpg",
    "jpeg", "png", "docx", "xls", "xlsx", "zip", "rar", "drive", "google", "gdrive", "folder", "dokumentasi", "http",
    "https", "www",
))
# Words that name a kind of document: with a number ("Perwali 12 Tahun 2019") or a title they name one.
_DOC_KINDS = frozenset((
    "sk", "surat", "keputusan", "peraturan", "perwali", "perbup", "perda", "pergub", "perkada", "instruksi",
    "edaran", "se", "nota", "notulen", "notula", "laporan", "undangan", "daftar", "hadir", "absensi", "berita",
    "acara", "ba", "kontrak", "spk", "sertifikat", "dpa", "rka", "renja", "renstra", "sop", "juknis", "pedoman",
    "decree", "regulation", "letter", "minutes", "report",
))


def names_evidence(value: object) -> bool:
    """Whether a Bukti Dukung cell names a document an evaluator can check: a link (``https://...``,
    ``www.…``, ``bit.ly/…``), a document number (``005/123/2019``), a kind of document with its number
    (``Perwali No. 12 Tahun 2019``) or a title (``Notulen rapat koordinasi SPBE``).  Not an empty cell or a
    placeholder (:func:`is_placeholder`), nor words that only say there is something (:func:`evidence_vague`)."""
    return not is_placeholder(value) and not evidence_vague(value)


def evidence_vague(value: object) -> bool:
    """A Bukti Dukung cell that is written but names no document: "ada", "lihat lampiran", "dokumen terlampir",
    "SK", "foto.jpg", "Lampiran 1", "???": only words that say there is something, a kind of document without
    its number or title, or a number alone.  False for an empty cell or a placeholder ("-": nothing written)."""
    if is_placeholder(value):
        return False
    text = as_text(value)
    if _LINK.search(text) or _DOC_NUMBER.search(text):
        return False
    tokens = words(text)
    if any(not w.isdigit() and w not in _FILLER and w not in _DOC_KINDS for w in tokens):
        return False  # a title: a word that says what
    return not (any(w in _DOC_KINDS for w in tokens) and any(w.isdigit() for w in tokens))
