"""Findings: what is missing or wrong in a submission, as data.

A :class:`Finding` is a frozen value: a stable kebab-case code, a severity,
where it is (file, sheet, cell), which OPD, indicator and action, the value as
written, and named parameters.  It is rendered to text only when shown, in
Indonesian or English, from the templates in :data:`CODES`.  Codes are a
public interface (scripts filter on them); they are documented in the
README and never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from spbe_excel.text import pick


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    def label(self, lang: str = "id") -> str:
        return pick({"error": ("galat", "error"), "warning": ("peringatan", "warning"),
                     "info": ("info", "info")}[self.value], lang)


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: tuple[str, str]
    message: tuple[str, str]  # what is wrong and what to do; str.format fields from the finding


ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

_CODES: list[Code] = [
    # ---- the file --------------------------------------------------------------------
    Code("file-unreadable", ERR, ("Berkas tidak dapat dibaca", "File cannot be read"), (
        "Berkas tidak dapat dibaca: {reason}. Buka berkas di Excel atau LibreOffice, simpan ulang sebagai .xlsx, "
        "lalu kirim lagi.",
        "The file cannot be read: {reason}. Open it in Excel or LibreOffice, save it again as .xlsx and send "
        "it again.")),
    Code("file-encrypted", ERR, ("Berkas dikunci kata sandi", "File is password-protected"), (
        "Berkas dilindungi kata sandi sehingga isinya tidak dapat dibaca. Hapus kata sandi pembukaan "
        "(File > Info > Protect Workbook > Encrypt with Password, kosongkan), simpan, lalu kirim lagi.",
        "The file is encrypted with a password, so it cannot be read. Remove the password to open "
        "(File > Info > Protect Workbook > Encrypt with Password, clear it), save and send it again.")),
    Code("file-misnamed", INFO, ("Nama berkas tidak sesuai isinya", "File name does not match its content"), (
        "Berkas bernama {suffix} tetapi isinya format {kind}; dibaca sesuai isinya. Lain kali simpan dengan "
        "\"Save As\" dan pilih format yang sesuai.",
        "The file is named {suffix} but holds the {kind} format; it was read by its content. Next time use "
        "\"Save As\" and choose the matching format.")),
    Code("file-second-reader", INFO, ("Dibaca dengan pembaca kedua", "Read with a second reader"), (
        "Pembaca utama (python-calamine) tidak dapat membaca berkas ini ({detail}), padahal susunannya baik; "
        "isinya dibaca dengan pembaca kedua ({reader}). Tidak perlu tindakan; bila ada nilai yang tampak "
        "salah, buka berkas di Excel atau LibreOffice, simpan ulang sebagai .xlsx, lalu kirim lagi.",
        "The main reader (python-calamine) could not read this file ({detail}) although it is well formed; it "
        "was read with a second reader ({reader}). Nothing to do; if a value looks wrong, open the file in Excel "
        "or LibreOffice, save it again as .xlsx and send it again.")),
    Code("file-skipped", INFO, ("Berkas dilewati", "File skipped"), (
        "Berkas dilewati: {reason}.", "File skipped: {reason}.")),
    Code("file-decrypted", INFO, ("Berkas didekripsi", "File decrypted"), (
        "Berkas dienkripsi dengan kata sandi bawaan Excel (\"VelvetSweatshop\", yang dibuka Excel tanpa bertanya); "
        "berkas didekripsi lalu dibaca seperti biasa. Tidak ada yang perlu dilakukan.",
        "The file was encrypted with Excel's built-in default password (\"VelvetSweatshop\", which Excel opens "
        "without asking); it was decrypted and read as usual. Nothing needs to be done.")),
    Code("sheet-not-found", ERR, ("Lembar monev tidak ditemukan", "Monitoring sheet not found"), (
        "Tidak ada lembar berisi tabel monev (kolom No/Indikator, Status, Progres) di berkas ini; lembar yang "
        "ada: {sheets}. Pakai templat dari DKIS dan isi lembar \"Monev\".",
        "No sheet holds the monitoring table (columns No/Indicator, Status, Progress); the sheets are: "
        "{sheets}. Use the template from DKIS and fill in the \"Monev\" sheet.")),
    Code("header-missing", ERR, ("Kolom wajib tidak ada", "Required column missing"), (
        "Kolom \"{column}\" tidak ditemukan di baris judul (baris {row}). Kembalikan kolom itu dengan judul "
        "\"{column}\", atau salin isian ke templat terbaru.",
        "Column \"{column}\" is not in the header row (row {row}). Put the column back with the header "
        "\"{column}\", or copy your entries into the latest template.")),
    Code("column-missing", WARN, ("Kolom tidak ada", "Column missing"), (
        "Kolom \"{column}\" tidak ada, sehingga isiannya tidak dilaporkan. Tambahkan kolom itu bila ada isinya.",
        "Column \"{column}\" is missing, so it is not reported. Add the column if there is something to report.")),
    Code("template-outdated", INFO, ("Templat versi lama", "Outdated template"), (
        "Berkas dibuat dari daftar induk lain (sidik {found}, kini {expected}). Isian tetap dibaca; untuk "
        "periode berikutnya pakai templat terbaru.",
        "The file was made from another master list (fingerprint {found}, now {expected}). It was read "
        "anyway; use the latest template next period.")),
    # ---- who and when --------------------------------------------------------------------
    Code("opd-unknown", ERR, ("OPD tidak dikenal", "Unknown OPD"), (
        "Perangkat daerah tidak dapat ditentukan{written}{suggestion}. Tulis nama atau kode OPD yang benar "
        "di isian Perangkat Daerah.",
        "The agency (OPD) cannot be determined{written}{suggestion}. Write the right OPD name or code in "
        "the Agency field.")),
    Code("opd-conflict", ERR, ("OPD tidak konsisten", "Conflicting OPD"), (
        "Berkas menyebut lebih dari satu OPD: {sources}. Dipakai {opd}. Pastikan berkas ini templat milik OPD "
        "Anda dan isian Perangkat Daerah benar.",
        "The file names more than one OPD: {sources}. Used {opd}. Make sure this is your OPD's template and "
        "the Agency field is right.")),
    Code("period-mismatch", ERR, ("Periode tidak sesuai", "Wrong period"), (
        "Periode di berkas \"{value}\" tidak sesuai dengan periode pelaporan \"{expected}\". Pakai templat "
        "periode ini atau perbaiki isian Periode.",
        "The period in the file \"{value}\" is not the reporting period \"{expected}\". Use this period's "
        "template or correct the Period field.")),
    # ---- rows ---------------------------------------------------------------------------
    Code("indicator-unknown", ERR, ("Indikator tidak dikenal", "Unknown indicator"), (
        "Baris ini tidak cocok dengan indikator mana pun di daftar induk (No \"{no}\", \"{text}\"). Jangan "
        "mengubah No dan nama indikator; salin isian ke baris indikator yang benar.",
        "This row matches no indicator of the master list (No \"{no}\", \"{text}\"). Do not change the number "
        "and name of an indicator; move your entries to the right indicator's row.")),
    Code("action-unknown", ERR, ("Aksi tidak dikenal", "Unknown action"), (
        "Baris ini untuk indikator {indicator}, tetapi aksinya tidak dapat ditentukan{written}: "
        "indikator ini punya aksi {actions}. Tulis nomor aksi di kolom No (misalnya {example}) atau salin isian ke "
        "baris aksi yang benar dari templat.",
        "This row is for indicator {indicator}, but its action cannot be told{written}: this "
        "indicator has the actions {actions}. Write the action's number in the No column (for example {example}) "
        "or move your entries to the right action's row of the template.")),
    Code("indicator-not-assigned", WARN, ("Indikator bukan tanggung jawab OPD", "Indicator not assigned"), (
        "Indikator {indicator} bukan tanggung jawab {opd} menurut daftar induk (OPD terkait: {owners}). Isian "
        "tetap disimpan; hapus baris ini atau minta DKIS menambahkan {opd} ke indikator tersebut.",
        "Indicator {indicator} is not assigned to {opd} in the master list (responsible: {owners}). The entries "
        "are kept; remove the row or ask DKIS to add {opd} to that indicator.")),
    Code("indicator-duplicate", ERR, ("Indikator ganda", "Duplicate indicator"), (
        "Indikator {indicator} muncul lebih dari sekali (juga di baris {first}). Yang dipakai baris {first}; "
        "gabungkan isian ke satu baris dan hapus yang lain.",
        "Indicator {indicator} appears more than once (also on row {first}). Row {first} is used; merge the "
        "entries into one row and delete the other.")),
    Code("master-text-changed", WARN, ("Isian DKIS diubah", "Master text changed"), (
        "Kolom \"{column}\" pada {indicator} diubah: tertulis \"{value}\", seharusnya \"{expected}\". Kolom ini "
        "diisi DKIS; kembalikan ke teks semula.",
        "Column \"{column}\" of {indicator} was changed: it reads \"{value}\", it should read \"{expected}\". "
        "This column comes from DKIS; restore the original text.")),
    Code("row-missing", ERR, ("Indikator tidak dilaporkan", "Indicator not reported"), (
        "Indikator {indicator} ({text}) tidak ada di berkas. Tambahkan barisnya (salin dari templat) dan isi "
        "kemajuannya.",
        "Indicator {indicator} ({text}) is not in the file. Add its row (copy it from the template) and fill "
        "in the progress.")),
    Code("update-empty", WARN, ("Belum diisi", "Not filled in"), (
        "Indikator {indicator} belum diisi (status, progres dan uraian kosong). Isi kemajuan periode ini, "
        "walaupun belum dimulai.",
        "Indicator {indicator} is not filled in (status, progress and achievements are empty). Report this "
        "period's progress, even if it has not started.")),
    Code("value-invalid", ERR, ("Isian tidak valid", "Invalid value"), (
        "{column} tidak valid: \"{value}\" ({reason}). {hint}",
        "{column} is invalid: \"{value}\" ({reason}). {hint}")),
    Code("progress-points", WARN, ("Progres diketik tanpa tanda %", "Progress typed without a % sign"), (
        "{column}: angka di atas 100% di sel {cells} (misalnya {value} di {cell}) tampaknya diketik tanpa tanda %: "
        "di LibreOffice, mengetik 75 pada sel persen menyimpan 7500%. Angka itu dibaca sebagai persen ({value} "
        "dibaca {points}%). Periksa nilainya; ketik progres dengan tanda %, misalnya 75%.",
        "{column}: the numbers above 100% in {cells} (for example {value} in {cell}) look typed without a % sign: "
        "in LibreOffice, typing 75 into a percentage cell stores 7500%. They were read as percentages ({value} as "
        "{points}%). Check them; type progress with a % sign, for example 75%.")),
    # ---- consistency rules -------------------------------------------------------------------
    Code("status-progress-mismatch", ERR, ("Status dan progres tidak cocok", "Status and progress disagree"), (
        "Status \"{status}\" tidak cocok dengan progres {progress}%: {why}. Perbaiki status atau progres.",
        "Status \"{status}\" does not fit progress {progress}%: {why}. Correct the status or the progress.")),
    Code("budget-overrun", WARN, ("Realisasi melebihi anggaran", "Spending above budget"), (
        "Realisasi Rp {spent} melebihi anggaran Rp {budget}. Periksa kembali kedua angka itu.",
        "Spending Rp {spent} is above the budget Rp {budget}. Check both figures.")),
    Code("level-below-baseline", WARN, ("Tingkat turun dari nilai awal", "Level below baseline"), (
        "Tingkat kematangan saat ini {level} lebih rendah dari nilai evaluasi {baseline}. Periksa kembali, atau "
        "jelaskan di kolom Kendala.",
        "The current maturity level {level} is below the evaluated level {baseline}. Check it, or explain in "
        "the Obstacles column.")),
    Code("level-above-target-without-evidence", WARN, ("Tingkat melampaui target tanpa bukti",
                                                    "Level above target without evidence"), (
        "Tingkat kematangan saat ini {level} melampaui target {target} tetapi Bukti Dukung kosong. Lampirkan "
        "bukti dukung atau turunkan perkiraan tingkat.",
        "The current maturity level {level} is above the target {target} but there is no evidence. Add "
        "supporting evidence or lower the estimate.")),
    Code("evidence-missing", ERR, ("Bukti dukung belum ada", "Evidence missing"), (
        "Status Selesai tetapi Bukti Dukung kosong. Tulis nomor SK/Perwali, judul dokumen atau tautan buktinya.",
        "Status is Completed but Supporting Evidence is empty. Write the decree number, document title or "
        "a link to the evidence.")),
    Code("date-out-of-range", WARN, ("Tanggal di luar rentang", "Date out of range"), (
        "Tanggal {date} {why}. Tulis tanggal pembaruan yang sebenarnya.",
        "The date {date} {why}. Write the actual date of the update.")),
    Code("formula-in-text", WARN, ("Isian berupa rumus", "Formula in a cell"), (
        "{column} {why}: \"{value}\". Isian dibaca sebagai teks dan tidak pernah dihitung; ketik nilainya "
        "langsung tanpa tanda = + - @ di depan.",
        "{column} {why}: \"{value}\". It is read as text and never evaluated; type the value itself, without a "
        "leading = + - @.")),
    Code("text-too-long", WARN, ("Teks terlalu panjang", "Text too long"), (
        "{column} berisi {length} karakter, melebihi batas Excel 32.767. Teks lengkap ada di laporan JSON; di "
        "buku kerja teks dipotong. Ringkas isiannya.",
        "{column} holds {length} characters, over Excel's limit of 32,767. The full text is in the JSON report; "
        "in the workbook it is cut. Shorten it.")),
    # ---- consolidation (several submissions, earlier periods) ---------------------------------------
    Code("duplicate-submission", WARN, ("Kiriman ganda", "Duplicate submission"), (
        "{opd} mengirim lebih dari satu berkas untuk periode ini: {files}. Dipakai {used} ({why}).",
        "{opd} sent more than one file for this period: {files}. Used {used} ({why}).")),
    Code("submission-missing", ERR, ("Belum mengirim", "No submission"), (
        "{opd} belum mengirim laporan untuk {count} indikator ({indicators}). Kirim pengingat.",
        "{opd} has not reported on {count} indicator{count|s} ({indicators}). Send a reminder.")),
    Code("update-stale", WARN, ("Tidak ada pembaruan", "No update"), (
        "Uraian dan progres indikator {indicator} sama persis dengan periode lalu ({progress}%). Laporkan "
        "kemajuan periode ini.",
        "The achievements and progress of indicator {indicator} are exactly last period's ({progress}%). "
        "Report this period's progress.")),
    Code("progress-decreased", WARN, ("Progres turun", "Progress decreased"), (
        "Progres indikator {indicator} turun dari {previous}% menjadi {progress}%. Periksa kembali atau "
        "jelaskan di kolom Kendala.",
        "The progress of indicator {indicator} fell from {previous}% to {progress}%. Check it or explain in "
        "the Obstacles column.")),
    Code("level-decreased", WARN, ("Tingkat turun", "Level decreased"), (
        "Tingkat kematangan indikator {indicator} turun dari {previous} menjadi {level}. Periksa kembali atau "
        "jelaskan di kolom Kendala.",
        "The maturity level of indicator {indicator} fell from {previous} to {level}. Check it or explain in "
        "the Obstacles column.")),
    Code("overdue", WARN, ("Melewati target waktu", "Overdue"), (
        "Indikator {indicator} bertarget {year} tetapi statusnya \"{status}\" per {as_of}. Percepat tindak "
        "lanjut atau jelaskan kendalanya.",
        "Indicator {indicator} was due in {year} but its status is \"{status}\" as of {as_of}. Speed up the "
        "action or explain the obstacles.")),
]

CODES: dict[str, Code] = {c.code: c for c in _CODES}


# A value, name or list quoted in a message is cut to this many characters (whole in ``params`` and in the
# JSON report), so that no message grows past a few hundred characters.
FIELD_MAX = 150


def name_list(names: list[str], shown: int = 3) -> tuple[str, str]:
    """``"A", "B", "C" dan 1.021 lainnya``: the first ``shown`` names, quoted, and how many more."""
    quoted = ", ".join(f'"{n[:31]}"' for n in names[:shown]) or "-"
    more = len(names) - shown
    if more <= 0:
        return quoted, quoted
    count = f"{more:,}"
    return f"{quoted} dan {count.replace(',', '.')} lainnya", f"{quoted} and {count} more"


class _Default(dict):
    def __missing__(self, key):
        return ""


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    opd: str = ""
    indicator: int | None = None
    column: str = ""  # column key from the column model
    value: str = ""  # the value as written
    params: tuple[tuple[str, object], ...] = field(default=())
    action: str = ""  # the action of the indicator ("5.2"; "5" when it has one), where the finding is about one

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def where(self) -> str:
        """``"Monev!J12"``, ``"Monev"`` or ``""``."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell

    def param(self, name: str, default=None):
        return dict(self.params).get(name, default)

    def message(self, lang: str = "id") -> str:
        """The message in ``lang``: what is wrong and what to do.  Parameters
        that are text keys (``reason.*``, ``why.*``) or (Indonesian, English)
        pairs are translated first; a missing field renders empty."""
        from spbe_excel.model.columns import BY_KEY
        from spbe_excel.text import TEXTS, fill

        fields = _Default(sheet=self.sheet, cell=self.cell, file=display_name(self.file), opd=self.opd,
                          value=self.value)
        if self.column and self.column in BY_KEY:
            fields["column"] = BY_KEY[self.column].label(lang)
            fields["hint"] = BY_KEY[self.column].hint(lang)
        if self.indicator is not None:
            fields["indicator"] = f"No {self.action or self.indicator}"
        for key, val in self.params:
            fields[key] = pick(val, lang) if isinstance(val, tuple) else val
        for key, val in list(fields.items()):
            if isinstance(val, str) and len(val) > FIELD_MAX:
                fields[key] = val[:FIELD_MAX - 1] + "\u2026"
        for prefixes in (("what.", "old."), ("reason.", "why.")):  # a reason may name what a file holds
            for key, val in list(fields.items()):
                if isinstance(val, str) and val.startswith(prefixes) and val in TEXTS:
                    fields[key] = fill(pick(TEXTS[val], lang), fields)
        return fill(pick(CODES[self.code].message, lang), fields)

    def title(self, lang: str = "id") -> str:
        return pick(CODES[self.code].title, lang)

    def as_dict(self, lang: str = "id") -> dict:
        return {
            "code": self.code, "severity": self.severity.value, "file": self.file, "sheet": self.sheet,
            "cell": self.cell, "opd": self.opd, "indicator": self.indicator, "action": self.action or None,
            "column": self.column,
            "value": self.value, "message": self.message(lang),
            "params": {k: (v if isinstance(v, (str, int, float, bool)) or v is None else pick(v, lang)
                           if isinstance(v, tuple) else str(v)) for k, v in self.params},
        }

    def sort_key(self):
        return (self.file, self.severity.rank, self.sheet, _cell_order(self.cell), self.code, self.indicator or 0)


def action_order(action: str) -> tuple[int, ...]:
    """An action id as a sort key: "5.2" before "5.10"."""
    return tuple(int(p) for p in action.split(".") if p.isdigit())


def _cell_order(cell: str) -> tuple[int, int]:
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch.upper()) - 64
    return (int(digits) if digits else 0, col)


def make(code: str, **kwargs) -> Finding:
    """``make("value-invalid", file=..., cell=..., reason=Reason.NOT_A_NUMBER)``:
    keyword arguments that are not Finding fields become parameters."""
    if code not in CODES:
        raise KeyError(f"unknown finding code {code!r}")
    names = {"file", "sheet", "cell", "opd", "indicator", "action", "column", "value"}
    base = {k: v for k, v in kwargs.items() if k in names}
    if "file" in base:
        base["file"] = str(base["file"])
    if "value" in base:
        base["value"] = "" if base["value"] is None else str(base["value"])
    params = tuple(sorted((k, v) for k, v in kwargs.items() if k not in names))
    return Finding(code, params=params, **base)


def count_by_severity(findings) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts


def has_errors(findings) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def display_name(path: str) -> str:
    return Path(path).name if path else ""
