"""The words of DKIS's verification of claims (issue 19): the dropdown's hint, why a verification does not apply, the
console's lines, and the titles and messages of the findings about verifications (merged into
:data:`spbe_excel.text.findings.FINDINGS`), with how their verdicts and changed fields are worded."""

from __future__ import annotations

from spbe_excel.model.columns import BY_KEY
from spbe_excel.model.verification import Verdict
from spbe_excel.text import pick
from spbe_excel.text.words import verdict_label

TEXTS: dict[str, tuple[str, str]] = {
    "wb.verify.title": ("Verifikasi DKIS", "DKIS's verification"),
    "wb.verify.hint": (
        "Untuk klaim (Selesai, atau tingkat di atas nilai awal): Sesuai bila bukti dukungnya memadai, Perlu "
        "perbaikan bila tidak (tulis alasannya di Catatan Verifikasi). Berlaku selama OPD tidak mengubah status, "
        "tingkat atau bukti dukung baris ini.",
        "For a claim (Completed, or a level above the baseline): Verified when its evidence holds, Needs correction "
        "when not (say why in the Verification Note). It holds while the OPD does not change the row's status, "
        "level or evidence."),
    "wb.verify.error": ("Pilih Sesuai atau Perlu perbaikan dari daftar, atau kosongkan.",
                        "Choose Verified or Needs correction from the list, or leave it empty."),
    "why.verify.changed": ("OPD mengubah {changed} baris ini sejak diverifikasi",
                           "the OPD changed the row's {changed} since it was verified"),
    "why.verify.not_reported": ("baris ini tidak dilaporkan periode ini", "the row is not reported this period"),
    "why.verify.no_claim": (
        "baris ini tidak mengklaim apa pun untuk diverifikasi (statusnya bukan Selesai dan tingkatnya tidak di atas "
        "nilai awal)",
        "the row claims nothing to verify (its status is not Completed and its level is not above the baseline)"),
    "why.verify.no_verdict": ("isiannya bukan Sesuai atau Perlu perbaikan",
                              "it is neither Verified nor Needs correction"),
    "why.verify.unknown_pair": ("aksi ini bukan tanggung jawab OPD itu dalam rencana",
                                "the plan does not give this action to that OPD"),
    "cli.summary.verified": (
        "Klaim (Selesai, atau tingkat di atas nilai awal): {claims}; diverifikasi DKIS Sesuai {verified}, Perlu "
        "perbaikan {returned}, belum diverifikasi {open}.",
        "Claims (Completed, or a level above the baseline): {claims}; verified by DKIS {verified}, needs "
        "correction {returned}, not yet verified {open}."),
    "cli.summary.verification-dropped": ("Verifikasi DKIS yang tidak berlaku lagi ({count}):",
                                         "DKIS's verifications that no longer hold ({count}):"),
    "cli.summary.verification-ignored": ("Verifikasi DKIS yang diabaikan ({count}):",
                                         "DKIS's verifications ignored ({count}):"),
    "cli.summary.verifications_more": ("  dan {count} lainnya (lihat lembar Temuan)",
                                       "  and {count} more (see the Temuan sheet)"),
}

# code -> ((title), (message)), each (Indonesian, English), as in spbe_excel.text.findings
FINDINGS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "verification-returned": (("Klaim dikembalikan DKIS", "Claim returned by DKIS"),
        (
        "DKIS memeriksa klaim {indicator} dan mengembalikannya (Perlu perbaikan) dengan catatan: \"{note}\". "
        "Perbaiki baris ini sesuai catatan itu (status, tingkat kematangan atau Bukti Dukung) lalu kirim lagi; "
        "klaim ini tidak dihitung dalam indeks terverifikasi sampai DKIS menandainya Sesuai.",
        "DKIS checked the claim of {indicator} and returned it (Needs correction) with the note: \"{note}\". "
        "Correct this row as the note says (status, maturity level or Supporting Evidence) and send it again; the "
        "claim does not count in the verified index until DKIS marks it Verified.")),
    "verification-dropped": (("Verifikasi DKIS tidak berlaku lagi", "DKIS's verification no longer holds"),
        (
        "Verifikasi DKIS atas klaim {indicator} ({verdict}) tidak berlaku lagi: {why}. Klaim ini kembali belum "
        "diverifikasi sampai DKIS memeriksanya lagi.",
        "DKIS's verification of the claim of {indicator} ({verdict}) no longer holds: {why}. The claim is "
        "unverified again until DKIS checks it again.")),
    "verification-ignored": (("Verifikasi diabaikan", "Verification ignored"),
        (
        "Verifikasi DKIS \"{verdict}\" untuk {opd} No {pair} diabaikan: {why}. Kosongkan isian Verifikasi itu, "
        "atau isi Sesuai atau Perlu perbaikan pada baris klaim yang dimaksud.",
        "DKIS's verification \"{verdict}\" of {opd} No {pair} is ignored: {why}. Clear that Verification, or "
        "write Verified or Needs correction on the row of the claim meant.")),
}


def verdict_words(value, lang: str, _fields: dict) -> str:
    """A verdict (Sesuai, Perlu perbaikan) by its label; a verdict written that is neither, as written."""
    return verdict_label(value, lang) if isinstance(value, Verdict) else str(value)


def changed_words(value, lang: str, _fields: dict) -> str:
    """The fields of a row the OPD changed (column keys), by their labels: "Tingkat Kematangan Saat Ini dan Bukti
    Dukung"."""
    labels = [pick((BY_KEY[k].label_id, BY_KEY[k].label_en), lang) if k in BY_KEY else str(k)
              for k in (value if isinstance(value, (tuple, list)) else (value,))]
    if len(labels) < 2:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} {pick(('dan', 'and'), lang)} {labels[-1]}"


FIELD_TEXT = {"verification-dropped": {"verdict": verdict_words, "changed": changed_words},
              "verification-ignored": {"verdict": verdict_words}}
