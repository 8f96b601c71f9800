"""Reasons and explanations that findings and messages quote (keys of :class:`spbe_excel.model.vocab.Reason`)."""


TEXTS: dict[str, tuple[str, str]] = {
    "opd.suggestion": ('; mungkin maksudnya "{value}"', '; did you mean "{value}"'),
    # --- parts of finding messages, shown when their parameter is given (spbe_excel.text.findings) ---
    "finding.opd_written": (' ("{value}")', ' ("{value}")'),
    "finding.action_written": (' (tertulis "{value}")', ' (written "{value}")'),
    "finding.more_names": ("{names} dan {more} lainnya", "{names} and {more} more"),
    # --- why a file could not be used ------------------------------------------
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
    "reason.file.text_bomb": (
        "sel-sel lembar \"{sheet}\" mengulang teks hingga {mb} MB, jauh melebihi ukuran berkasnya (kemungkinan "
        "berkas berbahaya)",
        "the cells of sheet \"{sheet}\" repeat texts up to {mb} MB, far beyond the size of the file (possibly a "
        "hostile file)"),
    "reason.file.xml_attack": (
        "isinya memuat konstruksi XML berbahaya (entitas atau DTD)",
        "it contains dangerous XML constructs (entities or a DTD)"),
    "reason.file.encrypted": ("berkas dilindungi kata sandi", "the file is password-protected"),
    "reason.file.os": ("sistem menolak membuka berkas ({detail})", "the system refused to open it ({detail})"),
    "reason.file.sheet_too_large": (
        "lembar \"{sheet}\" terlalu besar ({rows} baris x {cols} kolom)",
        "sheet \"{sheet}\" is too large ({rows} row{rows|s} x {cols} column{cols|s})"),
    "reason.file.crashed": (
        "pembaca berhenti mendadak saat membuka berkas ini (kemungkinan berkas rusak atau berbahaya)",
        "the reader stopped abruptly on this file (probably a damaged or hostile file)"),
    "reason.file.timeout": (
        "membaca berkas ini melewati batas waktu {seconds} detik", "reading this file took longer than {seconds} s"),
    "reason.file.memory": (
        "membaca berkas ini melewati batas memori", "reading this file went over the memory limit"),
    "reason.file.not_workbook": ("isinya {content}, bukan buku kerja", "it holds {content}, not a workbook"),
    "reason.file.old_format": (
        "disimpan dalam format yang sangat lama ({format}) yang tidak dapat dibaca di sini",
        "it is saved in a very old format ({format}) that cannot be read here"),
    "reason.file.sheet_damaged": (
        "berkas rusak: isi lembar \"{sheet}\" terpotong atau teracak (XML-nya rusak pada baris {line}, kolom "
        "{position}), sehingga nilainya tidak dapat dipercaya",
        "the file is damaged: the content of sheet \"{sheet}\" is cut off or garbled (its XML breaks at line "
        "{line}, column {position}), so its values cannot be trusted"),
    "reason.file.strings_damaged": (
        "berkas rusak: daftar teks buku kerja ({part}) terpotong atau teracak (XML-nya rusak pada baris {line}, "
        "kolom {position}), sehingga isian teksnya tidak dapat dipercaya",
        "the file is damaged: the workbook's table of texts ({part}) is cut off or garbled (its XML breaks at "
        "line {line}, column {position}), so its texts cannot be trusted"),
    "reason.file.layout": (
        "bagian-bagian berkasnya tersusun tidak lazim (buku kerja di \"{part}\") sehingga tidak dapat dibuka di "
        "sini",
        "its parts are laid out in an unusual way (the workbook is at \"{part}\"), which cannot be opened here"),
    # --- what a file really holds ({content} of reason.file.not_workbook and why.not_spreadsheet) ---
    "what.pdf": ("dokumen PDF", "a PDF document"),
    "what.image": ("gambar", "an image"),
    "what.archive": ("arsip terkompresi (RAR, 7z atau gzip)", "a compressed archive (RAR, 7z or gzip)"),
    "what.zip": ("arsip zip", "a zip archive"),
    "what.rtf": ("dokumen RTF", "an RTF document"),
    "what.media": ("audio atau video", "audio or video"),
    "what.program": ("program", "a program"),
    "what.html": ("halaman web (HTML)", "a web page (HTML)"),
    "what.xml": ("berkas XML", "an XML file"),
    "what.xml_spreadsheet_2003": ("lembar kerja XML 2003", "an XML Spreadsheet 2003"),
    "what.text": ("teks biasa (catatan atau CSV)", "plain text (a note or CSV)"),
    "what.unknown": ("data dalam format yang tidak dikenal", "data in an unknown format"),
    "what.empty": ("tidak ada (0 byte)", "nothing (0 bytes)"),
    "what.word": ("dokumen Word", "a Word document"),
    "what.powerpoint": ("presentasi PowerPoint", "a PowerPoint presentation"),
    "what.odf_document": ("dokumen OpenDocument yang bukan lembar kerja", "an OpenDocument file that is not a "
                                                                             "spreadsheet"),
    "what.outlook": ("pesan Outlook", "an Outlook message"),
    "what.office": ("dokumen Office yang bukan buku kerja", "an Office document that is not a workbook"),
    # --- what a count counts ({unit} of submission-missing): a plan's rows -----------------------------
    "unit.indicators": ("indikator", "indicator{count|s}"),
    "unit.actions": ("aksi", "action{count|s}"),
    # --- very old formats ({format} of reason.file.old_format) ----------------------
    "old.biff5": ("Excel 5.0/95", "Excel 5.0/95"),
    "old.biff5_encrypted": ("Excel 5.0/95, dilindungi kata sandi; buka dengan kata sandinya dan hapus kata sandi",
                            "Excel 5.0/95, protected with a password; open it with its password and remove it"),
    "old.biff5_mac": ("Excel 5.0/95 untuk Macintosh", "Excel 5.0/95 for Macintosh"),
    "old.biff234": ("Excel 2.x-4.0", "Excel 2.x-4.0"),
    "old.sxc": ("OpenOffice.org 1.x, .sxc", "OpenOffice.org 1.x, .sxc"),
    "old.kspread": ("KSpread", "KSpread"),
    "old.ods": ("OpenDocument {version} dari {generator}", "OpenDocument {version} by {generator}"),
    "old.xml2003": ("lembar kerja XML 2003", "XML Spreadsheet 2003"),
    "why.lock_file": (
        "berkas kunci sementara Excel (~$), bukan kiriman; Excel membuatnya selama buku kerjanya dibuka, jadi bila "
        "buku kerja itu tidak sedang dibuka, berkas ini sisa dan boleh dihapus",
        "an Excel lock file (~$), not a submission; Excel makes one while its workbook is open, so when the "
        "workbook is not open this file is a leftover and may be deleted"),
    "why.hidden_file": ("berkas tersembunyi", "a hidden file"),
    "why.own_workbook": (
        "buku kerja rekap yang ditulis spbe-excel, bukan kiriman OPD",
        "a consolidated workbook written by spbe-excel, not an OPD's submission"),
    "why.own_feedback": (
        "buku kerja umpan balik yang ditulis spbe-excel dan belum diubah, bukan kiriman OPD (setelah OPD "
        "memperbaiki dan menyimpannya, berkas itu dibaca sebagai kiriman)",
        "a feedback workbook written by spbe-excel and not changed since, not an OPD's submission (once an OPD "
        "has corrected and saved it, it is read as a submission)"),
    "why.not_spreadsheet": ("bukan buku kerja: isinya {content}", "not a workbook: it holds {content}"),
    "why.level_no_evidence": ("Bukti Dukung kosong", "no supporting evidence is named"),
    "why.level_row_error": ("baris ini masih ada galat", "the row still has an error"),
    "why.done_no_evidence": ("Bukti Dukung kosong", "no supporting evidence is named"),
    "why.done_row_error": ("barisnya masih ada galat", "its row still has an error"),
    "why.level_evidence_vague": ("Bukti Dukung tidak menyebut dokumennya", "the evidence names no document"),
    "why.done_evidence_vague": ("Bukti Dukung tidak menyebut dokumennya", "the evidence names no document"),
    "why.carry.not_done": ("belum selesai", "not finished"),
    "why.carry.unsupported": ("tanpa dukungan: {note}; DKIS memutuskan", "unsupported: {note}; for DKIS to decide"),
    "why.carry.silent": ("tidak dilaporkan sejak {period}", "not reported since {period}"),
    "why.carry.never": ("tidak dilaporkan sepanjang {year}", "not reported in {year}"),
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
    "why.date_before_period": (
        "sebelum periode {period} dimulai ({start})", "is before the period {period} begins ({start})"),
    "why.date_swapped": (
        "jatuh di luar periode {period} ({start} s.d. {end}). Hari dan bulannya tampaknya tertukar: komputer "
        "dengan pengaturan bahasa Inggris (AS) menyimpan {typed} yang diketik sebagai {date}. Bila maksudnya "
        "{swapped}, ketik {iso}",
        "falls outside the period {period} ({start} to {end}). Day and month look swapped: a computer set to "
        "English (US) stores a typed {typed} as {date}. If {swapped} is meant, type {iso}"),
    "why.formula_cell": (
        "berisi rumus{formula}. Rumus tidak pernah dihitung di sini: yang dibaca adalah hasil yang tersimpan "
        "bersamanya di berkas, {result}. Ketik nilainya langsung, tanpa tanda = di depan",
        "holds a formula{formula}. Formulas are never calculated here: what was read is the result saved with it "
        "in the file, {result}. Type the value itself, without a leading ="),
    "why.formula_text": (
        "diawali tanda rumus: \"{value}\". Isian dibaca sebagai teks dan tidak pernah dihitung; ketik nilainya "
        "langsung tanpa tanda = + - @ di depan",
        "starts like a formula: \"{value}\". It is read as text and never evaluated; type the value itself, "
        "without a leading = + - @"),
    # the formula of a formula cell (given when the format keeps it: not .xlsb) and the result read from it
    "finding.formula_written": (' "{value}"', ' "{value}"'),
    "finding.formula_result": ('"{value}"', '"{value}"'),
    "finding.formula_no_result": ("tidak ada (sel terbaca kosong)", "nothing (the cell reads as empty)"),
    # --- value parsing reasons -------------------------------------------------
    "reason.not_a_number": ("bukan angka", "not a number"),
    "reason.out_of_range": ("di luar rentang {low}-{high}", "outside {low}-{high}"),
    "reason.negative": ("tidak boleh negatif", "must not be negative"),
    "reason.not_a_level": ("bukan tingkat 1-5", "not a level 1-5"),
    "reason.level_conflict": ("angka dan nama tingkat tidak cocok", "level number and name disagree"),
    "reason.not_a_status": ("bukan status yang dikenal", "not a known status"),
    "reason.not_a_date": ("bukan tanggal", "not a date"),
    "reason.not_a_year": ("bukan tahun", "not a year"),
    "reason.not_a_period": ("bukan periode pelaporan yang dikenal", "not a known reporting period"),
    "reason.period_year": ("tahun {year} di luar {low}-{high}", "the year {year} is outside {low}-{high}"),
    "reason.not_whole": ("harus bilangan bulat", "must be a whole number"),
    "reason.ambiguous_date": ("tanggal tidak jelas", "ambiguous date"),
}
