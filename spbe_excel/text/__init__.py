"""Every text a user reads, in Indonesian (default) and English.

``t(key, lang, **params)`` is the one translation function: user-facing
strings in workbooks, findings and CLI messages all come through it.
Finding messages live in :mod:`spbe_excel.model.findings` next to their codes but
are rendered with the same mechanism.
"""

from __future__ import annotations

from spbe_excel.errors import UsageError

LANGS = ("id", "en")
DEFAULT_LANG = "id"


def check_lang(lang: str | None) -> str:
    """Return a valid language code; ``None`` means the default."""
    if lang is None:
        return DEFAULT_LANG
    lang = lang.strip().lower()
    if lang not in LANGS:
        raise UsageError(
            f"Bahasa tidak dikenal: {lang!r}. Pilih salah satu: {', '.join(LANGS)}. / "
            f"Unknown language {lang!r}; choose one of {', '.join(LANGS)}."
        )
    return lang


def pick(pair: tuple[str, str], lang: str) -> str:
    """Choose the Indonesian or English member of a pair."""
    return pair[1] if lang == "en" else pair[0]


def t(key: str, lang: str = DEFAULT_LANG, **params) -> str:
    """Translate ``key`` into ``lang`` and fill in ``params``."""
    try:
        text = pick(TEXTS[key], lang)
    except KeyError:  # a programming error, never user input
        raise KeyError(f"no text for {key!r}") from None
    return text.format(**params) if params else text


# Maturity level names (DOMAIN.md): capability indicators and service indicators.
LEVEL_NAMES: dict[str, dict[int, tuple[str, str]]] = {
    "capability": {
        1: ("Rintisan", "Initial"),
        2: ("Terkelola", "Managed"),
        3: ("Terdefinisi", "Defined"),
        4: ("Terpadu dan Terukur", "Integrated and Measured"),
        5: ("Optimum", "Optimum"),
    },
    "service": {
        1: ("Informasi", "Information"),
        2: ("Interaksi", "Interaction"),
        3: ("Transaksi", "Transaction"),
        4: ("Kolaborasi", "Collaboration"),
        5: ("Optimalisasi", "Optimization"),
    },
}

LEVEL_KIND_NAMES: dict[str, tuple[str, str]] = {
    "capability": ("Kapabilitas", "Capability"),
    "service": ("Layanan", "Service"),
}


def level_label(level: int, kind: str, lang: str = DEFAULT_LANG) -> str:
    """``"3 - Terdefinisi"``: the form used in dropdowns and workbooks."""
    return f"{level} - {pick(LEVEL_NAMES[kind][level], lang)}"


# Predicate of an index value (DOMAIN.md); lower bounds, highest first.
PREDICATES: tuple[tuple[float, tuple[str, str]], ...] = (
    (4.2, ("Memuaskan", "Satisfactory")),
    (3.5, ("Sangat Baik", "Very Good")),
    (2.6, ("Baik", "Good")),
    (1.8, ("Cukup", "Fair")),
    (0.0, ("Kurang", "Poor")),
)


TEXTS: dict[str, tuple[str, str]] = {
    # --- template -----------------------------------------------------------
    "sheet.monev": ("Monev", "Monitoring"),
    "sheet.instructions": ("Petunjuk", "Instructions"),
    "sheet.lists": ("Daftar", "Lists"),
    "template.title": (
        "MONITORING DAN EVALUASI TINDAK LANJUT PENINGKATAN INDEKS SPBE",
        "MONITORING OF THE SPBE INDEX IMPROVEMENT ACTION PLAN",
    ),
    "template.subtitle": ("{institution} - Rencana Aksi {year}", "{institution} - Action Plan {year}"),
    "template.group.master": ("DIISI OLEH DKIS (TIDAK DAPAT DIUBAH)", "FILLED IN BY DKIS (LOCKED)"),
    "template.group.opd": ("DIISI OLEH PERANGKAT DAERAH", "FILLED IN BY THE AGENCY (OPD)"),
    "header.opd": ("Perangkat Daerah", "Agency (OPD)"),
    "header.period": ("Periode", "Period"),
    "header.contact": ("Narahubung", "Contact person"),
    "header.filled_on": ("Tanggal Pengisian", "Date filled"),
    "header.opd.hint.title": ("Perangkat Daerah", "Agency"),
    "header.opd.hint": ("Pilih kode perangkat daerah Anda dari daftar.", "Choose your agency code from the list."),
    "header.period.hint": (
        "Tulis periode pelaporan, misalnya: Triwulan III 2019.",
        "Type the reporting period, for example: Triwulan III 2019.",
    ),
    "header.contact.hint": (
        "Nama dan nomor telepon/WhatsApp petugas yang dapat dihubungi.",
        "Name and phone number of the person to contact.",
    ),
    "header.filled_on.hint": (
        "Tanggal lembar ini diisi, misalnya 12/08/2019.",
        "Date this sheet was filled in, for example 12/08/2019.",
    ),
    "template.footer": ("Halaman &P dari &N", "Page &P of &N"),
    "instructions.title": ("PETUNJUK PENGISIAN", "HOW TO FILL IN THIS WORKBOOK"),
    "instructions.intro": (
        "Lembar kerja ini dipakai untuk melaporkan kemajuan tindak lanjut rekomendasi evaluasi SPBE "
        "yang menjadi tanggung jawab perangkat daerah Anda. Isi lembar \"{sheet}\", simpan, lalu kirim "
        "kembali berkasnya ke DKIS.",
        "This workbook reports the progress of the follow-up actions of the SPBE evaluation that your "
        "agency is responsible for. Fill in the \"{sheet}\" sheet, save it and send the file back to DKIS.",
    ),
    "instructions.opd": ("Perangkat daerah: {opd}", "Agency: {opd}"),
    "instructions.period": ("Periode: {period}", "Period: {period}"),
    "instructions.steps": ("Langkah pengisian", "Steps"),
    "instructions.step1": (
        "1. Isi Narahubung dan Tanggal Pengisian di bagian atas lembar \"{sheet}\".",
        "1. Fill in the contact person and the date at the top of the \"{sheet}\" sheet.",
    ),
    "instructions.step2": (
        "2. Untuk setiap indikator, isi kolom berlatar putih. Kolom berlatar abu-abu diisi oleh DKIS "
        "dan terkunci.",
        "2. For every indicator, fill in the white columns. Grey columns come from DKIS and are locked.",
    ),
    "instructions.step3": (
        "3. Jangan mengubah nomor dan nama indikator. Baris boleh ditinggikan dan kolom boleh dilebarkan.",
        "3. Do not change the number or name of an indicator. Rows and columns may be resized.",
    ),
    "instructions.step4": (
        "4. Simpan dengan format .xlsx (boleh juga .xls atau .ods) dan kirim ke DKIS. Nama berkas boleh "
        "diubah.",
        "4. Save as .xlsx (.xls or .ods also work) and send it to DKIS. The file may be renamed.",
    ),
    "instructions.step5": (
        "5. Jika DKIS mengirim balik berkas umpan balik, perbaiki sel yang ditandai (lihat lembar "
        "\"Perbaikan\") lalu kirim lagi.",
        "5. If DKIS sends back a feedback file, correct the highlighted cells (see the \"Corrections\" "
        "sheet) and send it again.",
    ),
    "instructions.columns": ("Penjelasan kolom", "The columns"),
    "instructions.col.column": ("Kolom", "Column"),
    "instructions.col.filled_by": ("Diisi oleh", "Filled in by"),
    "instructions.col.how": ("Cara mengisi", "How to fill it in"),
    "instructions.filled_by.master": ("DKIS", "DKIS"),
    "instructions.filled_by.opd": ("Perangkat daerah", "Agency"),
    "instructions.levels": ("Tingkat kematangan", "Maturity levels"),
    "instructions.levels.capability": (
        "Indikator kebijakan dan tata kelola (kapabilitas)",
        "Policy and governance indicators (capability)",
    ),
    "instructions.levels.service": ("Indikator layanan", "Service indicators"),
    "instructions.status": ("Status tindak lanjut", "Follow-up status"),
    "instructions.template_info": (
        "Versi templat {version}; sidik daftar induk {fingerprint}. Jangan menghapus lembar tersembunyi.",
        "Template version {version}; master list fingerprint {fingerprint}. Do not delete hidden sheets.",
    ),
    "validation.error.title": ("Isian tidak valid", "Invalid entry"),
    # --- feedback workbook ---------------------------------------------------
    "feedback.sheet": ("Perbaikan", "Corrections"),
    "feedback.title": ("DAFTAR PERBAIKAN", "LIST OF CORRECTIONS"),
    "feedback.file": ("Berkas kiriman", "Submitted file"),
    "feedback.counts": ("Temuan", "Findings"),
    "feedback.counts.value": (
        "{error} galat, {warning} peringatan, {info} info", "{error} errors, {warning} warnings, {info} info"),
    "feedback.howto": (
        "Perbaiki setiap galat (wajib) dan periksa setiap peringatan di lembar \"Monev\": klik sel pada kolom "
        "Sel untuk menuju ke sana; sel yang perlu diperbaiki berwarna dan berkomentar. Lalu simpan dan kirim "
        "kembali berkas ini.",
        "Fix every error (required) and check every warning on the \"Monitoring\" sheet: click a cell in the "
        "Cell column to go there; cells to fix are coloured and carry a comment. Then save and send this file "
        "back."),
    "feedback.none": ("Tidak ada temuan. Terima kasih!", "No findings. Thank you!"),
    "feedback.col.severity": ("Tingkat", "Severity"),
    "feedback.col.code": ("Kode", "Code"),
    "feedback.col.cell": ("Sel", "Cell"),
    "feedback.col.original": ("Lokasi di kiriman", "Where in the submission"),
    "feedback.col.indicator": ("No", "No"),
    "feedback.col.column": ("Kolom", "Column"),
    "feedback.col.value": ("Isian tertulis", "Value as written"),
    "feedback.col.message": ("Yang perlu dilakukan", "What to do"),
    "feedback.others": ("Baris Lain", "Other Rows"),
    "feedback.others.intro": (
        "Baris berikut dari berkas kiriman tidak dapat ditempatkan di lembar Monev (indikator tidak dikenal, "
        "bukan tanggung jawab OPD ini, atau ganda). Isinya disimpan di sini apa adanya.",
        "These rows of the submitted file could not be placed on the Monitoring sheet (unknown indicator, not "
        "assigned to this OPD, or a duplicate). Their contents are kept here as written."),
    "feedback.col.sheet_row": ("Lembar!Baris", "Sheet!Row"),
    "feedback.col.state": ("Keadaan", "State"),
    "feedback.state.unknown": ("indikator tidak dikenal", "unknown indicator"),
    "feedback.state.not_assigned": ("bukan tanggung jawab OPD ini", "not assigned to this OPD"),
    "feedback.state.duplicate": ("ganda", "duplicate"),
    # --- consolidation ------------------------------------------------------------
    "state.reported": ("Dilaporkan", "Reported"),
    "state.missing": ("Belum Lapor", "Not Reported"),
    "state.rejected": ("Ditolak", "Rejected"),
    "flag.error": ("Galat", "Error"),
    "flag.warning": ("Peringatan", "Warning"),
    "flag.info": ("Info", "Info"),
    "use.accepted": ("Dipakai", "Used"),
    "use.rejected": ("Ditolak", "Rejected"),
    "use.skipped": ("Dilewati", "Skipped"),
    "use.duplicate": ("Ganda, tidak dipakai", "Duplicate, not used"),
    "why.dup.filled_on": ("tanggal pengisian lebih baru", "the later date filled"),
    "why.dup.modified": ("berkas diubah paling akhir", "the file modified last"),
    "why.dup.same": ("isinya sama persis", "the files are identical"),
    "previous.unreadable": (
        "Berkas --previous {path} tidak dapat dibaca. Berikan buku kerja rekap periode lalu yang ditulis "
        "spbe-excel.",
        "The --previous file {path} cannot be read. Give the previous period's consolidated workbook written by "
        "spbe-excel."),
    "previous.not_ours": (
        "Berkas --previous {path} bukan buku kerja rekap spbe-excel (lembar metadata tidak ada atau tidak sesuai). "
        "Berikan hasil \"spbe-excel consolidate\" periode lalu.",
        "The --previous file {path} is not a consolidated workbook of spbe-excel (its metadata sheet is missing or "
        "wrong). Give the output of \"spbe-excel consolidate\" for the previous period."),
    "wb.sheet.summary": ("Ringkasan", "Summary"),
    "wb.sheet.monev": ("Monev", "Monitoring"),
    "wb.sheet.index": ("Indeks", "Index"),
    "wb.sheet.matrix": ("Kelengkapan", "Completeness"),
    "wb.sheet.findings": ("Temuan", "Findings"),
    "wb.sheet.sources": ("Sumber", "Sources"),
    "wb.sheet.master": ("Master", "Master"),
    "wb.title": ("REKAP MONEV PENINGKATAN INDEKS SPBE", "SPBE INDEX IMPROVEMENT MONITORING - CONSOLIDATED"),
    "wb.period": ("Periode", "Period"),
    "wb.as_of": ("Per tanggal", "As of"),
    "wb.files": ("Berkas dibaca", "Files read"),
    "wb.files.value": (
        "{files} ({used} dipakai, {rejected} ditolak, {skipped} dilewati, {duplicate} ganda)",
        "{files} ({used} used, {rejected} rejected, {skipped} skipped, {duplicate} duplicates)"),
    "wb.fingerprint": ("Sidik daftar induk", "Master list fingerprint"),
    "wb.key_figures": ("ANGKA KUNCI", "KEY FIGURES"),
    "wb.kf.opds": ("OPD yang melapor", "OPDs that reported"),
    "wb.kf.opds_expected": ("OPD yang wajib melapor", "OPDs expected to report"),
    "wb.kf.rate": ("Tingkat pelaporan (indikator x OPD)", "Reporting rate (indicator x OPD)"),
    "wb.kf.done": ("Tindak lanjut selesai", "Actions completed"),
    "wb.kf.progress": ("Rata-rata progres", "Mean progress"),
    "wb.kf.budget": ("Anggaran (Rp)", "Budget (Rp)"),
    "wb.kf.spent": ("Realisasi (Rp)", "Realisation (Rp)"),
    "wb.kf.absorption": ("Serapan anggaran", "Budget absorption"),
    "wb.kf.index_base": ("Indeks SPBE awal", "SPBE index, baseline"),
    "wb.kf.index_est": ("Indeks SPBE perkiraan", "SPBE index, estimate"),
    "wb.kf.errors": ("Temuan galat", "Error findings"),
    "wb.kf.warnings": ("Temuan peringatan", "Warning findings"),
    "wb.kf.predicate": ("Predikat", "Predicate"),
    "wb.per_opd": ("REKAP PER OPD", "PER OPD"),
    "wb.opd.code": ("OPD", "OPD"),
    "wb.opd.name": ("Nama", "Name"),
    "wb.opd.pairs": ("Indikator", "Indicators"),
    "wb.opd.reported": ("Dilaporkan", "Reported"),
    "wb.opd.done": ("Selesai", "Completed"),
    "wb.opd.progress": ("Rata-rata Progres", "Mean Progress"),
    "wb.opd.budget": ("Anggaran (Rp)", "Budget (Rp)"),
    "wb.opd.spent": ("Realisasi (Rp)", "Realisation (Rp)"),
    "wb.opd.absorption": ("Serapan", "Absorption"),
    "wb.opd.errors": ("Galat", "Errors"),
    "wb.opd.warnings": ("Peringatan", "Warnings"),
    "wb.chart.progress": ("Rata-rata progres per OPD", "Mean progress per OPD"),
    "wb.chart.index": ("Indeks awal dan perkiraan per aspek", "Baseline and estimated index per aspect"),
    "wb.idx.indicators": ("TINGKAT PER INDIKATOR", "LEVEL PER INDICATOR"),
    "wb.idx.aspects": ("INDEKS PER ASPEK", "INDEX PER ASPECT"),
    "wb.idx.domains": ("INDEKS PER DOMAIN", "INDEX PER DOMAIN"),
    "wb.idx.overall": ("INDEKS SPBE", "SPBE INDEX"),
    "wb.idx.predicates": ("PREDIKAT", "PREDICATES"),
    "wb.idx.note": (
        "Perkiraan memakai tingkat kematangan saat ini menurut OPD; indikator yang dilaporkan beberapa OPD memakai "
        "tingkat terendah; yang belum diperkirakan memakai nilai awal.",
        "The estimate uses the OPDs' own current maturity levels; an indicator reported by several OPDs counts at "
        "the lowest of them; one not yet estimated counts at its baseline."),
    "wb.idx.no": ("No", "No"),
    "wb.idx.name": ("Nama", "Name"),
    "wb.idx.domain": ("Domain", "Domain"),
    "wb.idx.weight": ("Bobot (%)", "Weight (%)"),
    "wb.idx.baseline": ("Awal", "Baseline"),
    "wb.idx.estimate": ("Perkiraan", "Estimate"),
    "wb.idx.pred_base": ("Predikat Awal", "Baseline Predicate"),
    "wb.idx.pred_est": ("Predikat Perkiraan", "Estimated Predicate"),
    "wb.idx.low": ("Batas Bawah", "Lower Bound"),
    "wb.mx.opd": ("OPD", "OPD"),
    "wb.mx.rate": ("Tingkat Pelaporan", "Reporting Rate"),
    "wb.mx.legend": (
        "Lapor = dilaporkan, Belum = belum dilaporkan, Tolak = berkas ditolak; kosong = bukan tanggung jawab OPD.",
        "Lapor = reported, Belum = not reported, Tolak = file rejected; empty = not assigned to the OPD."),
    "wb.mx.reported": ("Lapor", "Lapor"),
    "wb.mx.missing": ("Belum", "Belum"),
    "wb.mx.rejected": ("Tolak", "Tolak"),
    "wb.mx.total": ("Semua OPD", "All OPDs"),
    "wb.f.no": ("No", "No"),
    "wb.f.severity": ("Tingkat", "Severity"),
    "wb.f.code": ("Kode", "Code"),
    "wb.f.opd": ("OPD", "OPD"),
    "wb.f.indicator": ("Indikator", "Indicator"),
    "wb.f.file": ("Berkas", "File"),
    "wb.f.cell": ("Sel", "Cell"),
    "wb.f.value": ("Isian Tertulis", "Value as Written"),
    "wb.f.message": ("Pesan", "Message"),
    "wb.f.link": ("Ke Baris", "Go to Row"),
    "wb.s.path": ("Berkas", "File"),
    "wb.s.opd": ("OPD", "OPD"),
    "wb.s.period": ("Periode", "Period"),
    "wb.s.format": ("Format", "Format"),
    "wb.s.sha": ("SHA-256", "SHA-256"),
    "wb.s.size": ("Ukuran (byte)", "Size (bytes)"),
    "wb.s.modified": ("Diubah", "Modified"),
    "wb.s.rows": ("Baris Dibaca", "Rows Read"),
    "wb.s.use": ("Status", "Status"),
    "wb.s.errors": ("Galat", "Errors"),
    "wb.footer": ("Halaman &P dari &N", "Page &P of &N"),
    "cli.summary.files": (
        "Berkas: {files} dibaca, {used} dipakai, {rejected} ditolak, {skipped} dilewati, {duplicate} ganda.",
        "Files: {files} read, {used} used, {rejected} rejected, {skipped} skipped, {duplicate} duplicates."),
    "cli.summary.opds": ("OPD melapor: {reported} dari {expected}.", "OPDs reported: {reported} of {expected}."),
    "cli.summary.findings": ("Temuan: {error} galat, {warning} peringatan, {info} info.",
                             "Findings: {error} errors, {warning} warnings, {info} info."),
    "cli.summary.index": (
        "Indeks SPBE: awal {base:.2f} ({pbase}), perkiraan {est:.2f} ({pest}).",
        "SPBE index: baseline {base:.2f} ({pbase}), estimate {est:.2f} ({pest})."),
    "cli.summary.feedback": ("Umpan balik: {count} berkas di {path}", "Feedback: {count} files in {path}"),
    "cli.reading": ("Membaca berkas", "Reading files"),
    "cli.feedback_suffix": ("perbaikan", "feedback"),
    "cli.no_files": ("Tidak ada berkas di {path}.", "No files in {path}."),
    # --- CLI ----------------------------------------------------------------
    "cli.templates_written": ("{count} templat ditulis ke {path}", "{count} templates written to {path}"),
    "cli.file_written": ("Ditulis: {path}", "Written: {path}"),
    "cli.unknown_opd": (
        "Kode OPD tidak dikenal: {code}. Kode yang ada: {valid}",
        "Unknown OPD code: {code}. Valid codes: {valid}",
    ),
    "cli.opd_not_in_plan": (
        "OPD {code} tidak punya indikator di daftar induk ini. OPD yang punya indikator: {valid}",
        "OPD {code} has no indicator in this master list. OPDs with indicators: {valid}",
    ),
    "cli.period_required": (
        "--period wajib diisi, misalnya --period \"Triwulan III 2019\" (atau pakai --all untuk templat kosong).",
        "--period is required, for example --period \"Triwulan III 2019\" (or use --all for the blank template).",
    ),
    "cli.master_ok": (
        "Daftar induk {path} baik: {count} indikator, {opds} OPD, sidik {fingerprint}.",
        "Master list {path} is fine: {count} indicators, {opds} OPDs, fingerprint {fingerprint}.",
    ),
    "report.counts": (
        "{error} galat, {warning} peringatan, {info} info", "{error} errors, {warning} warnings, {info} info"),
    "report.status.accepted": ("diterima", "accepted"),
    "report.status.rejected": ("ditolak", "rejected"),
    "report.status.skipped": ("dilewati", "skipped"),
    "report.summary": (
        "{files} berkas: {accepted} diterima, {rejected} ditolak, {skipped} dilewati.",
        "{files} files: {accepted} accepted, {rejected} rejected, {skipped} skipped."),
    "cli.bad_date": ("bukan tanggal: {value}", "not a date: {value}"),
    "cli.path_unreadable": ("Tidak dapat dibaca: {path}", "Cannot be read: {path}"),
    "cli.path_missing": ("Tidak ditemukan: {path}", "Not found: {path}"),
    "cli.opd_and_all": ("--opd dan --all tidak dapat dipakai bersama.", "--opd and --all cannot be used together."),
    # --- output -------------------------------------------------------------
    "output.not_dir": (
        "Tidak dapat menulis ke {path}: sudah ada berkas dengan nama itu, bukan folder. Pilih folder lain.",
        "Cannot write to {path}: a file with that name is in the way, not a folder. Choose another folder.",
    ),
    "output.unwritable": (
        "Tidak dapat menulis ke {path}: {reason}. Periksa izin folder atau pilih folder lain.",
        "Cannot write to {path}: {reason}. Check the folder's permissions or choose another folder.",
    ),
    "output.is_dir": (
        "Tidak dapat menulis {path}: nama itu adalah folder. Beri nama berkas, misalnya {path}/hasil.xlsx.",
        "Cannot write {path}: that name is a folder. Give a file name, for example {path}/result.xlsx.",
    ),
    "output.locked": (
        "Tidak dapat mengganti {path}: berkas sedang dibuka program lain (ada {lock}). Tutup berkasnya lalu "
        "ulangi.",
        "Cannot replace {path}: it is open in another program ({lock} exists). Close it and try again.",
    ),
    "output.is_input": (
        "Berkas keluaran {path} juga salah satu berkas masukan. Pilih nama atau folder lain agar berkas "
        "kiriman OPD tidak tertimpa.",
        "The output {path} is also one of the inputs. Choose another name or folder so that no submission "
        "is overwritten.",
    ),
    # --- master list --------------------------------------------------------
    "master.sheet.indicators": ("Indikator", "Indicators"),
    "master.sheet.opd": ("OPD", "OPD"),
    "master.sheet.info": ("Info", "Info"),
    "master.sheet.corrections": ("Koreksi", "Corrections"),
    "master.info.institution": ("Instansi", "Institution"),
    "master.info.title": ("Judul", "Title"),
    "master.info.plan_year": ("Tahun Rencana", "Plan Year"),
    "master.info.framework": ("Kerangka", "Framework"),
    "master.info.fingerprint": ("Sidik", "Fingerprint"),
    "master.opd.code": ("Kode", "Code"),
    "master.opd.name": ("Nama Resmi", "Official Name"),
    "master.opd.aliases": ("Alias", "Aliases"),
    "master.broken": (
        "Daftar induk {path} tidak dapat dipakai ({count} masalah):",
        "The master list {path} cannot be used ({count} problems):",
    ),
    "master.broken.end": (
        "Perbaiki masalah di atas lalu ulangi; tidak ada yang dijalankan.",
        "Fix the problems above and try again; nothing was run.",
    ),
    "master.file_missing": ("Berkas daftar induk tidak ditemukan: {path}", "Master list file not found: {path}"),
    "master.bad_format": (
        "Daftar induk harus berupa .xlsx atau .csv: {path}",
        "The master list must be an .xlsx or .csv file: {path}",
    ),
    "master.unreadable": (
        "Daftar induk {path} tidak dapat dibaca: {reason}",
        "The master list {path} cannot be read: {reason}",
    ),
    "master.p.missing_sheet": (
        "lembar \"{sheet}\" tidak ada; daftar induk .xlsx membutuhkan lembar ini",
        "sheet \"{sheet}\" is missing; an .xlsx master list needs it",
    ),
    "master.p.missing_column": (
        "kolom \"{column}\" tidak ditemukan di baris judul; tambahkan kolom itu",
        "column \"{column}\" not found in the header row; add it",
    ),
    "master.p.empty": ("tidak ada baris indikator", "no indicator rows"),
    "master.p.required": ("{column} kosong; isi nilainya", "{column} is empty; fill it in"),
    "master.p.bad_value": ("{column} tidak valid: \"{value}\" ({reason})", "{column} is invalid: \"{value}\" ({reason})"),
    "master.p.duplicate_no": (
        "No {no} dipakai lebih dari sekali (juga di {other}); setiap indikator perlu nomor sendiri",
        "No {no} is used more than once (also at {other}); every indicator needs its own number",
    ),
    "master.p.level_range": (
        "{column} harus 1 sampai 5, tertulis \"{value}\"",
        "{column} must be 1 to 5, found \"{value}\"",
    ),
    "master.p.target_below": (
        "target tingkat {target} lebih rendah dari tingkat awal {baseline}",
        "target level {target} is below the baseline level {baseline}",
    ),
    "master.p.unknown_opd": (
        "OPD \"{value}\" tidak dikenal{suggestion}; tambahkan ke lembar OPD atau perbaiki namanya",
        "unknown OPD \"{value}\"{suggestion}; add it to the OPD sheet or correct the name",
    ),
    "master.p.suggestion": (" (mungkin maksudnya \"{name}\"?)", " (did you mean \"{name}\"?)"),
    "master.p.no_opd": ("OPD Terkait kosong; setiap indikator perlu minimal satu OPD", "no OPD; every indicator needs at least one"),
    "master.p.weights_sum": (
        "jumlah bobot {total} %, seharusnya 100 %",
        "the weights add up to {total} %, they must add up to 100 %",
    ),
    "master.p.duplicate_opd": ("kode OPD {code} dipakai lebih dari sekali", "OPD code {code} is used more than once"),
    "master.p.alias_clash": (
        "nama \"{alias}\" dipakai untuk dua OPD: {a} dan {b}",
        "the name \"{alias}\" is used for two OPDs: {a} and {b}",
    ),
    "master.p.bad_code": (
        "kode OPD \"{code}\" tidak valid; pakai huruf besar, angka, - atau _",
        "OPD code \"{code}\" is invalid; use capital letters, digits, - or _",
    ),
    "master.p.unknown_kind": (
        "{column} harus \"kapabilitas\" atau \"layanan\", tertulis \"{value}\"",
        "{column} must be \"capability\" or \"service\", found \"{value}\"",
    ),
    "master.p.aspect_domain": (
        "aspek \"{aspect}\" sudah dipakai di domain \"{domain}\"; satu aspek hanya boleh di satu domain",
        "aspect \"{aspect}\" is already used in domain \"{domain}\"; an aspect belongs to one domain",
    ),
    "master.p.plan_year": (
        "Tahun Rencana tidak valid: \"{value}\"",
        "Plan Year is invalid: \"{value}\"",
    ),
    "reason.os.denied": ("izin ditolak", "permission denied"),
    "reason.os.readonly": ("sistem berkas hanya-baca", "read-only file system"),
    "reason.os.full": ("disk penuh", "disk full"),
    "reason.os.notdir": ("bagian dari jalurnya bukan folder", "part of the path is not a folder"),
    "reason.os.toolong": ("nama terlalu panjang", "name too long"),
    # --- why a file could not be used ----------------------------------------
    "reason.file.empty": ("berkas kosong (0 byte)", "the file is empty (0 bytes)"),
    "reason.file.too_big": ("berkas terlalu besar ({size} MB)", "the file is too large ({size} MB)"),
    "reason.file.html": (
        "isinya halaman web (HTML), bukan buku kerja Excel, walaupun namanya berakhiran .xlsx/.xls",
        "it holds a web page (HTML), not an Excel workbook, although its name ends in .xlsx/.xls"),
    "reason.file.pdf": ("isinya PDF, bukan buku kerja Excel", "it holds a PDF, not an Excel workbook"),
    "reason.file.text": (
        "isinya teks biasa (misalnya CSV), bukan buku kerja Excel, walaupun namanya berakhiran .xlsx/.xls",
        "it holds plain text (such as CSV), not an Excel workbook, although its name ends in .xlsx/.xls"),
    "reason.file.unknown": ("formatnya tidak dikenal", "its format is unknown"),
    "reason.file.corrupt": ("berkas rusak atau terpotong", "the file is damaged or truncated"),
    "reason.file.bomb": (
        "berkas mengembang menjadi sangat besar saat dibuka (kemungkinan berkas berbahaya)",
        "the file expands to a huge size when opened (possibly a hostile file)"),
    "reason.file.other_document": (
        "isinya dokumen Word/PowerPoint/Writer, bukan buku kerja", "it holds a Word/PowerPoint/Writer document, not "
        "a workbook"),
    "reason.file.xml_attack": (
        "isinya memuat konstruksi XML berbahaya (entitas atau DTD)",
        "it contains dangerous XML constructs (entities or a DTD)"),
    "reason.file.encrypted": ("berkas dilindungi kata sandi", "the file is password-protected"),
    "reason.file.os": ("sistem menolak membuka berkas ({detail})", "the system refused to open it ({detail})"),
    "reason.file.sheet_too_large": (
        "lembar \"{sheet}\" terlalu besar ({rows} baris x {cols} kolom)",
        "sheet \"{sheet}\" is too large ({rows} rows x {cols} columns)"),
    "reason.file.crashed": (
        "pembaca berhenti mendadak saat membuka berkas ini (kemungkinan berkas rusak atau berbahaya)",
        "the reader stopped abruptly on this file (probably a damaged or hostile file)"),
    "reason.file.timeout": (
        "membaca berkas ini melewati batas waktu {seconds} detik", "reading this file took longer than {seconds} s"),
    "reason.file.memory": (
        "membaca berkas ini melewati batas memori", "reading this file went over the memory limit"),
    "why.lock_file": (
        "berkas kunci sementara Excel (~$), bukan kiriman", "an Excel lock file (~$), not a submission"),
    "why.hidden_file": ("berkas tersembunyi", "a hidden file"),
    "why.not_spreadsheet": (
        "bukan buku kerja (.xlsx, .xlsm, .xls, .ods)", "not a workbook (.xlsx, .xlsm, .xls, .ods)"),
    "why.src.template": ("templat", "template"),
    "why.src.header": ("isian Perangkat Daerah", "Agency field"),
    "why.src.column": ("kolom OPD", "OPD column"),
    "why.src.filename": ("nama berkas", "file name"),
    "why.done_below_100": ("status Selesai harus berprogres 100%", "a Completed action must be at 100%"),
    "why.full_not_done": ("progres 100% berarti status Selesai", "100% progress means the status is Completed"),
    "why.not_started_above_0": (
        "status Belum Dimulai harus berprogres 0%", "an action Not Started must be at 0%"),
    "why.date_future": ("ada di masa depan (hari ini {today})", "is in the future (today is {today})"),
    "why.date_before_plan": (
        "sebelum tahun rencana {year}", "is before the plan year {year}"),
    "why.formula_cell": ("berisi rumus", "holds a formula"),
    "why.formula_text": ("diawali tanda rumus", "starts like a formula"),
    # --- value parsing reasons --------------------------------------------------
    "reason.not_a_number": ("bukan angka", "not a number"),
    "reason.out_of_range": ("di luar rentang {low}-{high}", "outside {low}-{high}"),
    "reason.negative": ("tidak boleh negatif", "must not be negative"),
    "reason.not_a_level": ("bukan tingkat 1-5", "not a level 1-5"),
    "reason.level_conflict": ("angka dan nama tingkat tidak cocok", "level number and name disagree"),
    "reason.not_a_status": ("bukan status yang dikenal", "not a known status"),
    "reason.not_a_date": ("bukan tanggal", "not a date"),
    "reason.not_a_year": ("bukan tahun", "not a year"),
    "reason.not_whole": ("harus bilangan bulat", "must be a whole number"),
    "reason.ambiguous_date": ("tanggal tidak jelas", "ambiguous date"),
}
