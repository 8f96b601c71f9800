"""Texts of the OPD's template and of feedback workbooks."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- template --------------------------------------------------------------
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
        "Tanggal lembar ini diisi, diketik tahun-bulan-tanggal: 2019-08-12 untuk 12 Agustus 2019.",
        "Date this sheet was filled in, typed year-month-day: 2019-08-12 for 12 August 2019.",
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
    "instructions.actions": (
        "Indikator yang punya beberapa aksi tertulis satu baris per aksi: No {action} adalah salah satu aksi "
        "indikator {no}. Laporkan setiap aksi di barisnya sendiri dan jangan mengubah nomornya.",
        "An indicator with several actions has a row per action: No {action} is one of the actions of "
        "indicator {no}. Report each action on its own row and do not change its number.",
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
    "validation.status": ("Pilih salah satu status dari daftar.", "Choose one of the statuses from the list."),
    "validation.progress": ("Progres harus antara 0% dan 100%. Ketik misalnya 75%.",
                            "Progress must be between 0% and 100%. Type for example 75%."),
    "validation.money": ("Isi angka rupiah 0 atau lebih, tanpa huruf. Contoh: 150000000.",
                         "Type an amount in rupiah, 0 or more, digits only. Example: 150000000."),
    "validation.date": ("Isi tanggal antara 1 Januari {year} dan hari ini, diketik tahun-bulan-tanggal: "
                        "{year}-08-12 untuk 12 Agustus {year}.",
                        "Type a date between 1 January {year} and today, as year-month-day: {year}-08-12 for "
                        "12 August {year}."),
    "validation.level": ("Pilih tingkat kematangan 1 sampai 5 dari daftar.",
                         "Choose a maturity level 1 to 5 from the list."),
    # --- feedback workbook -----------------------------------------------------
    "feedback.sheet": ("Perbaikan", "Corrections"),
    "feedback.title": ("DAFTAR PERBAIKAN", "LIST OF CORRECTIONS"),
    "feedback.file": ("Berkas kiriman", "Submitted file"),
    "feedback.counts": ("Temuan", "Findings"),
    "feedback.counts.value": (
        "{error} galat, {warning} peringatan, {info} info",
        "{error} error{error|s}, {warning} warning{warning|s}, {info} info"),
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
}
