"""Findings in words: the title and message of every finding code, in
Indonesian and English, and how a finding's raw parameters are worded.

A finding (:class:`spbe_excel.model.findings.Finding`) holds raw values; this
module is the only place that turns them into text.  Templates are
``str.format`` texts over the finding's fields (``file``, ``sheet``,
``cell``, ``opd``, ``value``, ``column`` and ``hint`` of its column,
``indicator`` as "No 5.2") and its parameters.  A parameter is worded by its
type (:func:`value_text`): a :class:`~spbe_excel.model.vocab.Reason` or a
text key by its text, a status by its label, a level by its name, a date by
its month's name (or a ``strftime`` format given in the template, as in
``{as_of:%d/%m/%Y}``), a number as people write it (``{length:,}`` groups
thousands as the language does; ``{spent:rp}`` as rupiah are written).  A few
parameters of a few codes are worded by the code (:data:`FIELD_TEXT`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from enum import Enum

from spbe_excel.model.columns import BY_KEY, HEADER_FIELDS
from spbe_excel.model.findings import Finding, Level, count_by_severity, display_name, make
from spbe_excel.model.vocab import PairState, Reason, Status
from spbe_excel.text import TEXTS, fill, pick, t
from spbe_excel.text.verify import FIELD_TEXT as VERIFY_FIELD_TEXT
from spbe_excel.text.verify import FINDINGS as VERIFY_FINDINGS
from spbe_excel.text.words import date_words, level_label, number_text, severity_label, status_label

__all__ = ["FINDINGS", "FINDINGS_BUDGET", "as_dict", "bounded_dicts", "message", "name_list", "severity_label",
           "title", "value_text"]

# code -> ((title), (message: what is wrong and what to do)), each (Indonesian, English)
FINDINGS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "file-unreadable": (("Berkas tidak dapat dibaca", "File cannot be read"),
        (
        "Berkas tidak dapat dibaca: {reason}. Buka berkas di Excel atau LibreOffice, simpan ulang sebagai .xlsx, "
        "lalu kirim lagi.",
        "The file cannot be read: {reason}. Open it in Excel or LibreOffice, save it again as .xlsx and send "
        "it again.")),
    "file-encrypted": (("Berkas dikunci kata sandi", "File is password-protected"),
        (
        "Berkas dilindungi kata sandi sehingga isinya tidak dapat dibaca. Hapus kata sandi pembukaan "
        "(File > Info > Protect Workbook > Encrypt with Password, kosongkan), simpan, lalu kirim lagi.",
        "The file is encrypted with a password, so it cannot be read. Remove the password to open "
        "(File > Info > Protect Workbook > Encrypt with Password, clear it), save and send it again.")),
    "file-misnamed": (("Nama berkas tidak sesuai isinya", "File name does not match its content"),
        (
        "Berkas bernama {suffix} tetapi isinya format {kind}; dibaca sesuai isinya. Lain kali simpan dengan "
        "\"Save As\" dan pilih format yang sesuai.",
        "The file is named {suffix} but holds the {kind} format; it was read by its content. Next time use "
        "\"Save As\" and choose the matching format.")),
    "file-second-reader": (("Dibaca dengan pembaca kedua", "Read with a second reader"),
        (
        "Pembaca utama (python-calamine) tidak dapat membaca berkas ini ({detail}), padahal susunannya baik; "
        "isinya dibaca dengan pembaca kedua ({reader}). Tidak perlu tindakan; bila ada nilai yang tampak "
        "salah, buka berkas di Excel atau LibreOffice, simpan ulang sebagai .xlsx, lalu kirim lagi.",
        "The main reader (python-calamine) could not read this file ({detail}) although it is well formed; it "
        "was read with a second reader ({reader}). Nothing to do; if a value looks wrong, open the file in Excel "
        "or LibreOffice, save it again as .xlsx and send it again.")),
    "file-skipped": (("Berkas dilewati", "File skipped"),
        (
        "Berkas dilewati: {reason}.", "File skipped: {reason}.")),
    "file-decrypted": (("Berkas didekripsi", "File decrypted"),
        (
        "Berkas dienkripsi dengan kata sandi bawaan Excel (\"VelvetSweatshop\", yang dibuka Excel tanpa bertanya); "
        "berkas didekripsi lalu dibaca seperti biasa. Tidak ada yang perlu dilakukan.",
        "The file was encrypted with Excel's built-in default password (\"VelvetSweatshop\", which Excel opens "
        "without asking); it was decrypted and read as usual. Nothing needs to be done.")),
    "sheet-not-found": (("Lembar monev tidak ditemukan", "Monitoring sheet not found"),
        (
        "Tidak ada lembar berisi tabel monev (kolom No/Indikator, Status, Progres) di berkas ini; lembar yang "
        "ada: {sheets}. Pakai templat dari DKIS dan isi lembar \"Monev\".",
        "No sheet holds the monitoring table (columns No/Indicator, Status, Progress); the sheets are: "
        "{sheets}. Use the template from DKIS and fill in the \"Monev\" sheet.")),
    "header-missing": (("Kolom wajib tidak ada", "Required column missing"),
        (
        "Kolom \"{column}\" tidak ditemukan di baris judul (baris {row}). Kembalikan kolom itu dengan judul "
        "\"{column}\", atau salin isian ke templat terbaru.",
        "Column \"{column}\" is not in the header row (row {row}). Put the column back with the header "
        "\"{column}\", or copy your entries into the latest template.")),
    "column-missing": (("Kolom tidak ada", "Column missing"),
        (
        "Kolom \"{column}\" tidak ada, sehingga isiannya tidak dilaporkan. Tambahkan kolom itu bila ada isinya.",
        "Column \"{column}\" is missing, so it is not reported. Add the column if there is something to report.")),
    "template-outdated": (("Templat versi lama", "Outdated template"),
        (
        "Berkas dibuat dari daftar induk lain (sidik {found}, kini {expected}). Isian tetap dibaca; untuk "
        "periode berikutnya pakai templat terbaru.",
        "The file was made from another master list (fingerprint {found}, now {expected}). It was read "
        "anyway; use the latest template next period.")),
    "opd-unknown": (("OPD tidak dikenal", "Unknown OPD"),
        (
        "Perangkat daerah tidak dapat ditentukan{written}{suggestion}. Tulis nama atau kode OPD yang benar "
        "di isian Perangkat Daerah.",
        "The agency (OPD) cannot be determined{written}{suggestion}. Write the right OPD name or code in "
        "the Agency field.")),
    "opd-conflict": (("OPD tidak konsisten", "Conflicting OPD"),
        (
        "Berkas menyebut lebih dari satu OPD: {sources}. Dipakai {opd}. Pastikan berkas ini templat milik OPD "
        "Anda dan isian Perangkat Daerah benar.",
        "The file names more than one OPD: {sources}. Used {opd}. Make sure this is your OPD's template and "
        "the Agency field is right.")),
    "opd-mismatch": (("Berkas milik OPD lain", "Another OPD's file"),
        (
        "Berkas ini berisi laporan OPD lain ({sources}), padahal dikirim lewat tautan {opd}, sehingga tidak dihitung. "
        "Kirim laporan {opd} sendiri; laporan OPD lain dikirim lewat tautan OPD itu.",
        "This file holds another OPD's report ({sources}) but came through the link of {opd}, so it is not "
        "counted. Send {opd}'s own report; another OPD's report goes through that OPD's link.")),
    "period-mismatch": (("Periode tidak sesuai", "Wrong period"),
        (
        "Periode di berkas \"{value}\" tidak sesuai dengan periode pelaporan \"{expected}\". Pakai templat "
        "periode ini atau perbaiki isian Periode.",
        "The period in the file \"{value}\" is not the reporting period \"{expected}\". Use this period's "
        "template or correct the Period field.")),
    "indicator-unknown": (("Indikator tidak dikenal", "Unknown indicator"),
        (
        "Baris ini tidak cocok dengan indikator mana pun di daftar induk (No \"{no}\", \"{text}\"). Jangan "
        "mengubah No dan nama indikator; salin isian ke baris indikator yang benar.",
        "This row matches no indicator of the master list (No \"{no}\", \"{text}\"). Do not change the number "
        "and name of an indicator; move your entries to the right indicator's row.")),
    "action-unknown": (("Aksi tidak dikenal", "Unknown action"),
        (
        "Baris ini untuk {indicator}, tetapi aksinya tidak dapat ditentukan{written}: "
        "indikator ini punya aksi {actions}. Tulis nomor aksi di kolom No (misalnya {example}) atau salin isian ke "
        "baris aksi yang benar dari templat.",
        "This row is for {indicator}, but its action cannot be told{written}: this "
        "indicator has the actions {actions}. Write the action's number in the No column (for example {example}) "
        "or move your entries to the right action's row of the template.")),
    "indicator-not-assigned": (("Indikator bukan tanggung jawab OPD", "Indicator not assigned"),
        (
        "{Indicator} bukan tanggung jawab {opd} menurut daftar induk (OPD terkait: {owners}). Isian "
        "tetap disimpan; hapus baris ini atau minta DKIS menambahkan {opd} ke indikator tersebut.",
        "{Indicator} is not assigned to {opd} in the master list (responsible: {owners}). The entries "
        "are kept; remove the row or ask DKIS to add {opd} to that indicator.")),
    "indicator-duplicate": (("Indikator ganda", "Duplicate indicator"),
        (
        "{Indicator} muncul lebih dari sekali (juga di baris {first}). Yang dipakai baris {first}; "
        "gabungkan isian ke satu baris dan hapus yang lain.",
        "{Indicator} appears more than once (also on row {first}). Row {first} is used; merge the "
        "entries into one row and delete the other.")),
    "master-text-changed": (("Isian DKIS diubah", "Master text changed"),
        (
        "Kolom \"{column}\" pada {indicator} diubah: tertulis \"{value}\", seharusnya \"{expected}\". Kolom ini "
        "diisi DKIS; kembalikan ke teks semula.",
        "Column \"{column}\" of {indicator} was changed: it reads \"{value}\", it should read \"{expected}\". "
        "This column comes from DKIS; restore the original text.")),
    "row-missing": (("Indikator tidak dilaporkan", "Indicator not reported"),
        (
        "{Indicator} ({text}) tidak ada di berkas. Tambahkan barisnya (salin dari templat) dan isi "
        "kemajuannya.",
        "{Indicator} ({text}) is not in the file. Add its row (copy it from the template) and fill "
        "in the progress.")),
    "update-empty": (("Belum diisi", "Not filled in"),
        (
        "{Indicator} belum diisi (status, progres dan uraian kosong). Isi kemajuan periode ini, "
        "walaupun belum dimulai.",
        "{Indicator} is not filled in (status, progress and achievements are empty). Report this "
        "period's progress, even if it has not started.")),
    "value-invalid": (("Isian tidak valid", "Invalid value"),
        (
        "{column} tidak valid: \"{value}\" ({reason}). {hint}",
        "{column} is invalid: \"{value}\" ({reason}). {hint}")),
    "progress-points": (("Progres diketik tanpa tanda %", "Progress typed without a % sign"),
        (
        "{column}: angka di atas 100% di sel {cells} (misalnya {value} di {cell}) tampaknya diketik tanpa tanda %: "
        "di LibreOffice, mengetik 75 pada sel persen menyimpan 7500%. Angka itu dibaca sebagai persen ({value} "
        "dibaca {points}%). Periksa nilainya; ketik progres dengan tanda %, misalnya 75%.",
        "{column}: the numbers above 100% in {cells} (for example {value} in {cell}) look typed without a % sign: "
        "in LibreOffice, typing 75 into a percentage cell stores 7500%. They were read as percentages ({value} as "
        "{points}%). Check them; type progress with a % sign, for example 75%.")),
    "status-progress-mismatch": (("Status dan progres tidak cocok", "Status and progress disagree"),
        (
        "Status \"{status}\" tidak cocok dengan progres {progress}%: {why}. Perbaiki status atau progres.",
        "Status \"{status}\" does not fit progress {progress}%: {why}. Correct the status or the progress.")),
    "budget-overrun": (("Realisasi melebihi anggaran", "Spending above budget"),
        (
        "Realisasi Rp {spent:rp} melebihi anggaran Rp {budget:rp}. Periksa kembali kedua angka itu.",
        "Spending Rp {spent:rp} is above the budget Rp {budget:rp}. Check both figures.")),
    "level-below-baseline": (("Tingkat turun dari nilai awal", "Level below baseline"),
        (
        "Tingkat kematangan saat ini {level} lebih rendah dari nilai evaluasi {baseline}. Periksa kembali, atau "
        "jelaskan di kolom Kendala.",
        "The current maturity level {level} is below the evaluated level {baseline}. Check it, or explain in "
        "the Obstacles column.")),
    "level-above-target-without-evidence": (("Tingkat melampaui target tanpa bukti",
                                                    "Level above target without evidence"),
        (
        "Tingkat kematangan saat ini {level} melampaui target {target} tetapi Bukti Dukung kosong, sehingga tidak "
        "dihitung dalam perkiraan indeks. Lampirkan bukti dukung atau turunkan perkiraan tingkat.",
        "The current maturity level {level} is above the target {target} but there is no evidence, so it does "
        "not count in the index estimate. Add supporting evidence or lower the estimate.")),
    "level-not-counted": (("Tingkat tidak dihitung", "Level not counted"),
        (
        "Tingkat kematangan {level} di atas nilai awal {baseline} tidak dihitung dalam perkiraan indeks: {why}. "
        "Sampai bukti dukung tertulis dan galat baris ini diperbaiki, indikator ini dihitung pada nilai awalnya "
        "(atau tingkat terakhir yang didukung).",
        "The maturity level {level}, above the baseline {baseline}, does not count in the index estimate: {why}. "
        "Until the evidence is named and the row's errors are corrected, the indicator counts at its baseline "
        "(or its last supported level).")),
    "evidence-missing": (("Bukti dukung belum ada", "Evidence missing"),
        (
        "Status Selesai tetapi Bukti Dukung kosong. Tulis nomor SK/Perwali, judul dokumen atau tautan buktinya.",
        "Status is Completed but Supporting Evidence is empty. Write the decree number, document title or "
        "a link to the evidence.")),
    "evidence-unclear": (("Bukti dukung tidak menyebut dokumen", "Evidence names no document"),
        (
        "Bukti Dukung \"{value}\" tidak menyebut dokumen yang dapat diperiksa. Tulis tautannya (https://...) atau "
        "nomor dan judul dokumennya, misalnya \"Perwali No. 12 Tahun 2019 tentang Tim Koordinasi SPBE\". Sampai "
        "itu, status Selesai dan tingkat di atas nilai awal pada baris ini tidak dihitung.",
        "The Supporting Evidence \"{value}\" names no document that can be checked. Write its link (https://...) "
        "or the document's number and title, for example \"Perwali No. 12 Tahun 2019 tentang Tim Koordinasi "
        "SPBE\". Until then, a Completed status or a level above the baseline on this row does not count.")),
    "date-out-of-range": (("Tanggal di luar rentang", "Date out of range"),
        (
        "Tanggal {date} {why}. Tulis tanggal pembaruan yang sebenarnya.",
        "The date {date} {why}. Write the actual date of the update.")),
    "formula-in-text": (("Isian berupa rumus", "Formula in a cell"),
        (
        "{column} {why}.",  # a formula cell (its result was read) or text that starts like one (read as text)
        "{column} {why}.")),
    "text-too-long": (("Teks terlalu panjang", "Text too long"),
        (
        "{column} berisi {length:,} karakter, melebihi batas Excel 32.767. Di buku kerja teks dipotong pada batas "
        "itu, dan temuan hanya mengutip awalnya. Ringkas isiannya.",
        "{column} holds {length:,} characters, over Excel's limit of 32,767. In workbooks the text is cut at that "
        "limit, and findings quote only its beginning. Shorten it.")),
    "duplicate-submission": (("Kiriman ganda", "Duplicate submission"),
        (
        "{opd} mengirim lebih dari satu berkas untuk periode ini: {files}. Dipakai {used} ({why}).",
        "{opd} sent more than one file for this period: {files}. Used {used} ({why}).")),
    "submission-missing": (("Belum mengirim", "No submission"),
        (
        "{opd} belum mengirim laporan untuk {count} {unit} ({indicators}). Kirim pengingat.",
        "{opd} has not reported on {count} {unit} ({indicators}). Send a reminder.")),
    "update-stale": (("Tidak ada pembaruan", "No update"),
        (
        "Uraian dan progres {indicator} sama persis dengan periode lalu ({progress}%). Laporkan "
        "kemajuan periode ini.",
        "The achievements and progress of {indicator} are exactly last period's ({progress}%). "
        "Report this period's progress.")),
    "progress-decreased": (("Progres turun", "Progress decreased"),
        (
        "Progres {indicator} turun dari {previous}% menjadi {progress}%. Periksa kembali atau "
        "jelaskan di kolom Kendala.",
        "The progress of {indicator} fell from {previous}% to {progress}%. Check it or explain in "
        "the Obstacles column.")),
    "level-decreased": (("Tingkat turun", "Level decreased"),
        (
        "Tingkat kematangan {indicator} turun dari {previous} menjadi {level}. Periksa kembali atau "
        "jelaskan di kolom Kendala.",
        "The maturity level of {indicator} fell from {previous} to {level}. Check it or explain in "
        "the Obstacles column.")),
    "overdue": (("Melewati target waktu", "Overdue"),
        (
        "{Indicator} bertarget {year} tetapi statusnya \"{status}\" per {as_of:%d/%m/%Y}. Percepat tindak "
        "lanjut atau jelaskan kendalanya.",
        "{Indicator} was due in {year} but its status is \"{status}\" as of {as_of:%d/%m/%Y}. Speed up the "
        "action or explain the obstacles.")),
    "findings-omitted": (("Temuan lain tidak dicantumkan", "More findings not listed"),
        (
        "{more:,} temuan lain berkas ini tidak dicantumkan di sini ({errors:,} galat, {warnings:,} peringatan, "
        "{infos:,} info) agar daftarnya tetap ringkas. Perbaiki temuan di atas lebih dulu; semua temuan tercantum "
        "di lembar Perbaikan buku kerja umpan balik.",
        "Not listed here, to keep the list short: {more:,} more finding{more|s} of this file ({errors:,} "
        "error{errors|s}, {warnings:,} warning{warnings|s}, {infos:,} info). Fix the findings above first; every "
        "finding is on the Perbaikan sheet of the feedback workbook.")),
}

# A value, name or list quoted in a message is cut to this many characters (whole in the JSON report's
# ``params`` and ``value``), so that no message grows past a few hundred characters.
FIELD_MAX = 150


def name_list(names, lang: str, total: int | None = None, shown: int = 3) -> str:
    """``"A", "B", "C" dan 1.021 lainnya``: the first ``shown`` names, quoted, and how many more of ``total``
    (default: as many as ``names``)."""
    names = [str(n) for n in names] if isinstance(names, (tuple, list, frozenset)) else [str(names)]
    quoted = ", ".join(f'"{n[:31]}"' for n in names[:shown]) or "-"
    more = (len(names) if total is None else total) - shown
    if more <= 0:
        return quoted
    return t("finding.more_names", lang, names=quoted, more=number_text(more, lang, ","))


Wording = Callable[[object, str, dict], str]  # (the parameter, the language, every raw field) -> text


def _fragment(key: str) -> Wording:
    """A parameter shown through a text of its own when it is given (" (written "x")"), and not at all when
    it is empty."""
    return lambda value, lang, _fields: t(key, lang, value=value) if value else ""


def _sources(value, lang: str, _fields: dict) -> str:
    """Where each source of a file (its template, its header, ...) names an OPD: (reason, code) pairs."""
    if not isinstance(value, (tuple, list)) or not all(isinstance(v, (tuple, list)) and len(v) == 2 for v in value):
        return value_text(value, lang)
    return "; ".join(f"{t(src, lang) if src in TEXTS else src}: {code}" for src, code in value)


def _sheets(value, lang: str, fields: dict) -> str:
    return name_list(value, lang, fields.get("sheet_count"))


def _result(value, lang: str, _fields: dict) -> str:
    """The result read from a formula cell, quoted; or that there was none (the cell read as empty)."""
    return t("finding.formula_result", lang, value=value) if value else t("finding.formula_no_result", lang)


FINDINGS.update(VERIFY_FINDINGS)

# Parameters worded by their code: code -> parameter -> wording
FIELD_TEXT: dict[str, dict[str, Wording]] = {
    "opd-unknown": {"written": _fragment("finding.opd_written"), "suggestion": _fragment("opd.suggestion")},
    "action-unknown": {"written": _fragment("finding.action_written")},
    "opd-conflict": {"sources": _sources},
    "opd-mismatch": {"sources": _sources},
    "sheet-not-found": {"sheets": _sheets},
    "formula-in-text": {"formula": _fragment("finding.formula_written"), "result": _result},
    **VERIFY_FIELD_TEXT,
}


def value_text(value, lang: str, spec: str = "") -> str:
    """A raw parameter value in words (see the module's docstring)."""
    if value is None:
        return ""
    if isinstance(value, Status):
        return status_label(value, lang)
    if isinstance(value, PairState):
        return t(f"state.{value}", lang)
    if isinstance(value, Level):
        return level_label(value.level, value.kind, lang)
    if isinstance(value, dt.date):
        return value.strftime(spec) if spec else date_words(value, lang)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value, lang, spec)
    if isinstance(value, (tuple, list, frozenset)):
        return ", ".join(str(x) for x in value)
    if isinstance(value, Enum):
        return str(value.value)
    try:
        return format(value, spec) if spec else str(value)
    except (TypeError, ValueError):  # a template's format that does not fit the value: the value as it is
        return str(value)


class _Shown:
    """A raw value that words itself when a template formats it."""

    __slots__ = ("lang", "value")

    def __init__(self, value, lang: str):
        self.value, self.lang = value, lang

    def __format__(self, spec: str) -> str:
        return value_text(self.value, self.lang, spec)

    def __str__(self) -> str:
        return value_text(self.value, self.lang)


class _Fields(dict):
    """The fields of a template: a field no one gave renders empty (or, ``strict``, is an error)."""

    def __init__(self, *args, strict: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.strict = strict

    def __missing__(self, key):
        if self.strict:
            raise KeyError(key)
        return _Shown("", "id")


def _cut(text: str) -> str:
    return text if len(text) <= FIELD_MAX else text[:FIELD_MAX - 1] + "\u2026"


def _column_words(key: str, lang: str) -> tuple[str, str]:
    """The label and the hint of a column of the monitoring sheet or a field of its header block."""
    col = BY_KEY.get(key)
    if col is not None:
        return pick((col.label_id, col.label_en), lang), pick((col.hint_id, col.hint_en), lang)
    field = next((h for h in HEADER_FIELDS if h.key == key), None)
    if field is None:
        return key, ""
    hint = field.label_key + ".hint"
    return t(field.label_key, lang), t(hint, lang) if hint in TEXTS else ""


def raw_fields(f: Finding) -> dict[str, object]:
    """Every field a template of ``f`` may name, as raw values: the finding's own and its parameters."""
    fields: dict[str, object] = {"sheet": f.sheet, "cell": f.cell, "file": display_name(f.file), "opd": f.opd,
                                 "value": f.value}
    if f.indicator is not None:
        fields["indicator"] = f"No {f.action or f.indicator}"
    fields.update(f.params)
    return fields


def subject(f: Finding, lang: str = "id") -> str:
    """What a finding is about, as its message names it: "indikator No 11", or "aksi No 11.2" for one of an
    indicator's several actions (a plan that numbers them), in ``lang``."""
    if f.action and f.action != str(f.indicator):
        return pick(("aksi No {no}", "action No {no}"), lang).format(no=f.action)
    return pick(("indikator No {no}", "indicator No {no}"), lang).format(no=f.indicator)


def message(f: Finding, lang: str = "id", *, strict: bool = False) -> str:
    """The message of ``f`` in ``lang``: what is wrong and what to do.  ``strict``: a field the template
    names and the finding does not give is a KeyError (the tests), instead of an empty text."""
    raw = raw_fields(f)
    fields = _Fields(strict=strict)
    if f.column:
        fields["column"], fields["hint"] = _column_words(f.column, lang)
    wording = FIELD_TEXT.get(f.code, {})
    for key, val in raw.items():
        if key in wording:
            fields[key] = _cut(wording[key](val, lang, raw))
        elif isinstance(val, str) and not isinstance(val, Enum):
            fields[key] = _Shown(_cut(val), lang)
        else:
            fields[key] = _Shown(val, lang)
    if f.indicator is not None:  # "indikator No 11" or "aksi No 11.2", and at the start of a sentence
        fields["indicator"] = subject(f, lang)
        fields["Indicator"] = fields["indicator"][:1].upper() + fields["indicator"][1:]
    # a text key as a parameter is worded by its text: what a count counts ("unit."), why ("reason.", "why."),
    # which may name what a file holds ("what.", "old.")
    for prefixes in (("what.", "old.", "unit."), ("reason.", "why.")):
        for key, val in raw.items():
            if isinstance(val, str) and val.startswith(prefixes) and val in TEXTS:
                fields[key] = fill(pick(TEXTS[val], lang), fields)
    return fill(pick(_template(f, raw), lang), fields)


# Messages that say another thing to do for one reason of a code: a file that is no workbook at all is not
# saved again as .xlsx, the report is sent in its template instead.
_SEND_THE_TEMPLATE = (
    "Berkas tidak dapat dibaca: {reason}. Kirim laporan Monev di templatnya (buku kerja .xlsx yang diisi), "
    "bukan berkas ini.",
    "The file cannot be read: {reason}. Send the monitoring report in its template (the filled-in .xlsx "
    "workbook), not this file.")
VARIANTS: dict[tuple[str, object], tuple[str, str]] = {
    ("file-unreadable", Reason.FILE_NOT_WORKBOOK): _SEND_THE_TEMPLATE,
    ("file-unreadable", Reason.FILE_PDF): _SEND_THE_TEMPLATE,
}


def _template(f: Finding, raw: dict[str, object]) -> tuple[str, str]:
    """The message template of ``f``: its code's, or the variant for its reason."""
    return VARIANTS.get((f.code, raw.get("reason")), FINDINGS[f.code][1])


def title(code: str, lang: str = "id") -> str:
    return pick(FINDINGS[code][0], lang)


def _plain(value):
    """A raw parameter as JSON holds it."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Level):
        return value.level
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list, frozenset)):
        return [_plain(v) for v in value]
    return str(value)


def as_dict(f: Finding, lang: str = "id") -> dict:
    """A finding as the JSON report and the intake page give it: its fields, its message in ``lang``, and its
    parameters as raw values (the same in every language)."""
    return {
        "code": f.code, "severity": f.severity.value, "file": f.file, "sheet": f.sheet, "cell": f.cell,
        "opd": f.opd, "indicator": f.indicator, "action": f.action or None, "column": f.column, "value": f.value,
        "message": message(f, lang), "params": {k: _plain(v) for k, v in f.params},
    }


# What the findings of one file may weigh in one language, in characters of their JSON: the intake page stores and
# sends them, ``validate --format json`` prints them.  A file of 60,000 bad rows has some 60,000 findings
# (19 MB); past this budget the rest are counted in one ``findings-omitted`` finding.  A finding quotes at most
# QUOTE_MAX characters of any value (:func:`spbe_excel.model.findings.excerpt`), so a few hundred of them fit.
FINDINGS_BUDGET = 256 * 1024
_SUMMARY_ROOM = 2048  # kept free for the findings-omitted finding itself


def _weight(d: dict) -> int:
    return len(json.dumps(d, ensure_ascii=False, default=str))


def bounded_dicts(findings: Sequence[Finding], langs: Sequence[str],
                  budget: int = FINDINGS_BUDGET) -> dict[str, list[dict]]:
    """The findings of one file (in the order given) as :func:`as_dict` gives them, in each language of ``langs``,
    as many as fit in ``budget`` characters of JSON in every language; the rest, when there are any, as one
    ``findings-omitted`` finding that counts them by severity (the same findings in every language)."""
    out: dict[str, list[dict]] = {lang: [] for lang in langs}
    used = dict.fromkeys(langs, 0)
    for n, f in enumerate(findings):
        shown = {lang: as_dict(f, lang) for lang in langs}
        weights = {lang: _weight(d) for lang, d in shown.items()}
        if any(used[lang] + weights[lang] > budget - _SUMMARY_ROOM for lang in langs):
            rest = findings[n:]
            counts = count_by_severity(rest)
            summary = make("findings-omitted", file=f.file, opd=f.opd, more=len(rest), errors=counts["error"],
                           warnings=counts["warning"], infos=counts["info"])
            for lang in langs:
                out[lang].append(as_dict(summary, lang))
            break
        for lang in langs:
            out[lang].append(shown[lang])
            used[lang] += weights[lang]
    return out
