"""Command-line messages and why an output cannot be written."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- help of the commands and options ---------------------------------
    "help.main": ("Monitoring (monev) rencana aksi peningkatan indeks SPBE dalam Excel: templat per OPD, pemeriksaan "
             "kiriman OPD, dan rekap.",
             "Monitoring (monev) of an SPBE index improvement plan in Excel: per-OPD templates, checking OPD "
             "submissions, and consolidation."),
    "help.version": ("Tampilkan versi lalu keluar.", "Show the version and exit."),
    "help.lang": ("Bahasa keluaran: id (Indonesia, bawaan) atau en (Inggris).",
             "Output language: id (Indonesian, default) or en (English)."),
    "help.master_opt": ("Daftar induk lain (.xlsx atau .csv) sebagai pengganti daftar bawaan (Kota Denpasar 2019).",
                   "Another master list (.xlsx or .csv) instead of the embedded one (Kota Denpasar 2019)."),
    "help.template": ("Tulis templat isian per OPD ke folder OUTDIR.",
                 "Write one fill-in template per OPD into the folder OUTDIR."),
    "help.period": ("Periode pelaporan dengan tahunnya: Triwulan I-IV, Semester I-II, nama bulan atau Tahun, misalnya "
                    "\"Triwulan III 2019\".",
                    "Reporting period with its year: Triwulan (quarter) I-IV, Semester I-II, a month or Tahun (year), "
                    "e.g. \"Triwulan III 2019\"."),
    "help.opd": ("Kode OPD (boleh diulang). Bawaan: semua OPD di daftar induk.",
            "OPD code (repeatable). Default: every OPD in the master list."),
    "help.all": ("Tulis satu templat kosong berisi semua indikator (monev_template.xlsx).",
            "Write one blank template with every indicator (monev_template.xlsx)."),
    "help.master": ("Lihat, ekspor, periksa, atau buat daftar induk (rencana aksi).",
                    "Show, export, check or create the master list (the action plan)."),
    "help.master_export": ("Tulis daftar induk ke FILE (.xlsx) untuk disunting lalu dipakai dengan --master.",
                      "Write the master list to FILE (.xlsx) to edit and use with --master."),
    "help.master_show": ("Tampilkan daftar induk.", "Print the master list."),
    "help.format": ("Format keluaran.", "Output format."),
    "help.validate": ("Periksa berkas kiriman OPD (berkas atau folder) terhadap daftar induk dan tampilkan temuannya. "
                 "Kode keluar 0 bila tidak ada galat, 1 bila ada galat atau tidak ada kiriman, 2 bila perintah salah.",
                 "Check OPD submissions (files or folders) against the master list and print the findings. Exit "
                 "code 0 without errors, 1 with errors or without any submission, 2 for bad usage."),
    "help.validate_period": ("Periode pelaporan yang diharapkan (misalnya \"Triwulan III 2019\"); berkas periode lain "
                             "ditandai period-mismatch.",
                             "Expected reporting period (e.g. \"Triwulan III 2019\"); files of another period get "
                             "period-mismatch."),
    "help.as_of": ("Tanggal acuan (bawaan: hari ini), misalnya 2019-09-30 atau 30/09/2019.",
              "Reference date (default: today), e.g. 2019-09-30 or 30/09/2019."),
    "help.workers": ("Jumlah proses pembaca paralel (bawaan: 2 bila ada dua inti; 0 = tanpa isolasi).",
                "Number of parallel reader processes (default: 2 on two cores; 0 = no isolation)."),
    "help.feedback": ("Tulis buku kerja umpan balik untuk satu berkas kiriman: isian OPD di templat baru, sel "
                 "bermasalah ditandai dan diberi komentar, serta lembar Perbaikan. Kode keluar 0 bila buku kerja "
                 "ditulis, apa pun temuannya; 2 bila perintah salah.",
                 "Write the feedback workbook for one submission: the OPD's values in a fresh template, cells to "
                 "fix highlighted with comments, and a Corrections sheet. Exit code 0 when the workbook is written, "
                 "whatever the findings; 2 for bad usage."),
    "help.output": ("Berkas keluaran (.xlsx).", "Output file (.xlsx)."),
    "help.consolidate": ("Rekap semua kiriman OPD di folder INPUT_DIR menjadi satu buku kerja (rumus hidup, temuan, "
                    "indeks), dan bila diminta umpan balik per OPD serta laporan JSON. Kode keluar 1 bila ada temuan "
                    "galat atau tidak ada kiriman yang dipakai (maka tidak ada yang ditulis, kecuali dengan --force).",
                    "Consolidate every OPD submission in the folder INPUT_DIR into one workbook (live formulas, "
                    "findings, index), and on request per-OPD feedback and a JSON report. Exit code 1 when there "
                    "are error findings or no submission was used (then nothing is written, unless --force)."),
    "help.consolidate_period": ("Periode pelaporan (misalnya \"Triwulan III 2019\"); tanpa ini dipakai periode yang "
                                "disebut sebagian besar berkas.",
                                "Reporting period (e.g. \"Triwulan III 2019\"); without it, the period most files "
                                "state."),
    "help.previous": ("Buku kerja rekap periode lalu (hasil perintah ini) untuk perbandingan; verifikasi DKIS di "
                      "dalamnya dibaca juga.",
                      "The previous period's consolidated workbook (an output of this command), to compare with; "
                      "DKIS's verifications in it are read too."),
    "help.verifications": ("Baca verifikasi DKIS dari buku kerja rekap ini (misalnya rekap periode ini yang kolom "
                           "Verifikasinya sudah diisi), bukan dari --previous.",
                           "Read DKIS's verifications from this consolidated workbook (this period's, say, whose "
                           "Verification column DKIS filled in) instead of from --previous."),
    "help.feedback_dir": ("Tulis satu buku kerja umpan balik per OPD yang punya temuan ke folder DIR.",
                     "Write one feedback workbook per OPD with findings into the folder DIR."),
    "help.report_json": ("Tulis juga laporan JSON ke FILE (.json).", "Also write a JSON report to FILE (.json)."),
    "help.log": ("Tambahkan catatan proses (berkas yang dibaca, dan bila proses pembaca gagal: jejak galatnya dan "
                 "nama berkas yang sedang dibaca) ke FILE, tiap catatan dengan tanggal dan jamnya. Kirimkan FILE "
                 "ini ke dukungan teknis bila ada berkas yang tidak dapat dibaca.",
                 "Append a log of the run (files read, and when a reader process fails: its traceback and the "
                 "file it was reading) to FILE, each entry with its date and time. Send this FILE to support "
                 "when a file cannot be read."),
    "help.verbose": ("Tampilkan catatan proses yang sama di stderr.", "Print the same log on stderr."),
    "help.force": (
        "Tulis keluaran walaupun tidak ada kiriman yang dipakai (tanpa ini, rekap, laporan JSON dan umpan balik "
        "yang sudah ada tidak diganti dengan yang kosong).",
        "Write the outputs even when no submission was used (without it, an existing workbook, JSON report and "
        "feedback are not replaced by empty ones)."),
    "help.quiet": ("Jangan tampilkan kemajuan dan ringkasan.", "Do not show progress or the summary."),
    "help.master_check": ("Periksa berkas daftar induk FILE dan laporkan setiap masalah.",
                     "Check the master list FILE and report every problem."),
    # --- CLI -------------------------------------------------------------------
    "cli.templates_written": ("{count} templat ditulis ke {path}", "{count} template{count|s} written to {path}"),
    "cli.file_written": ("Ditulis: {path}", "Written: {path}"),
    "cli.period_required": (
        "--period wajib diisi, misalnya --period \"Triwulan III 2019\" (atau pakai --all untuk templat kosong).",
        "--period is required, for example --period \"Triwulan III 2019\" (or use --all for the blank template).",
    ),
    "cli.master_ok": (
        "Daftar induk {path} baik: {count} indikator, {opds} OPD, sidik {fingerprint}.",
        "Master list {path} is fine: {count} indicator{count|s}, {opds} OPD{opds|s}, fingerprint {fingerprint}.",
    ),
    "cli.master_ok.actions": (
        "Daftar induk {path} baik: {count} indikator, {actions} aksi, {opds} OPD, sidik {fingerprint}.",
        "Master list {path} is fine: {count} indicator{count|s}, {actions} action{actions|s}, {opds} OPD{opds|s}, "
        "fingerprint {fingerprint}.",
    ),
    "report.counts": (
        "{error} galat, {warning} peringatan, {info} info",
        "{error} error{error|s}, {warning} warning{warning|s}, {info} info"),
    "report.status.accepted": ("diterima", "accepted"),
    "report.status.rejected": ("ditolak", "rejected"),
    "report.status.skipped": ("dilewati", "skipped"),
    "report.summary": (
        "{files} berkas: {accepted} diterima, {rejected} ditolak, {skipped} dilewati.",
        "{files} file{files|s}: {accepted} accepted, {rejected} rejected, {skipped} skipped."),
    "report.rejected_names": ("Ditolak: {files}.", "Rejected: {files}."),
    "report.rejected_file": ("Ditolak: {path} ({code}): {message}", "Rejected: {path} ({code}): {message}"),
    "cli.summary.missing": ("Belum mengirim: {opds}.", "Sent nothing: {opds}."),
    "cli.summary.blank": ("Mengirim templat kosong: {opds}.",
                          "{count|Sent a blank template|Sent blank templates}: {opds}."),
    "cli.summary.rejected": ("Berkas ditolak: {opds}.", "{count|File|Files} rejected: {opds}."),
    "cli.nothing_used": (
        "Tidak ada kiriman yang dipakai dari {path}: {why}. Tidak ada yang ditulis{kept}. Periksa folder dan "
        "--period lalu ulangi, atau tambahkan --force untuk tetap menulis rekap tanpa kiriman.",
        "No submission was used from {path}: {why}. Nothing was written{kept}. Check the folder and --period and "
        "try again, or add --force to write the consolidation without submissions."),
    "cli.nothing_used.kept": (", jadi {paths} yang sudah ada tetap utuh",
                              "; the existing {paths} {count|is|are} left as {count|it is|they are}"),
    "cli.no_submission": (
        "Tidak ada kiriman untuk diperiksa di {path}: {why}. Berikan folder atau berkas kiriman OPD.",
        "Nothing to check in {path}: {why}. Give a folder or the files the OPDs sent."),
    "cli.why.empty": ("tidak ada berkas di dalamnya", "it holds no file"),
    "cli.why.skipped": (
        "{count} berkas di dalamnya dilewati, tidak satu pun buku kerja kiriman",
        "its {count} file{count|s} {count|was|were} skipped, none of them a submitted workbook"),
    "cli.why.rejected": ("semua {count} buku kerja di dalamnya ditolak",
                         "all {count} workbook{count|s} in it {count|was|were} rejected"),
    "cli.why.other_period": (
        "semua {count} buku kerja di dalamnya untuk periode lain (misalnya \"{stated}\"), bukan \"{period}\"",
        "all {count} workbook{count|s} in it {count|is|are} for another period (for example \"{stated}\"), not "
        "\"{period}\""),
    "cli.bad_date": (
        "{value} bukan tanggal. Tulis hari lebih dulu, misalnya 30/09/2019, 30-09-2019 atau 30 September 2019, "
        "atau tahun lebih dulu: 2019-09-30.",
        "{value} is not a date. Write the day first, for example 30/09/2019, 30-09-2019 or 30 September 2019, or "
        "the year first: 2019-09-30."),
    "cli.period_invalid": (
        "--period \"{value}\" bukan periode yang dikenal. Tulis salah satu bentuk ini, dengan tahunnya: {forms}.",
        "--period \"{value}\" is not a known period. Write one of these forms, with its year: {forms}."),
    "cli.period_year": (
        "Tahun {year} pada --period \"{value}\" tidak wajar untuk rencana tahun {plan_year}: tulis tahun {low} "
        "sampai {high}.",
        "The year {year} in --period \"{value}\" is not plausible for a plan of {plan_year}: write a year from "
        "{low} to {high}."),
    "cli.opd_and_all": ("--opd dan --all tidak dapat dipakai bersama.", "--opd and --all cannot be used together."),
    "cli.previous_unreadable": (
        "Berkas --previous {path} tidak dapat dibaca. Berikan buku kerja rekap periode lalu yang ditulis "
        "spbe-excel.",
        "The --previous file {path} cannot be read. Give the previous period's consolidated workbook written by "
        "spbe-excel."),
    "cli.verifications_unreadable": (
        "Berkas --verifications {path} tidak dapat dibaca. Berikan buku kerja rekap yang ditulis spbe-excel, yang "
        "kolom Verifikasinya diisi DKIS.",
        "The --verifications file {path} cannot be read. Give a consolidated workbook written by spbe-excel whose "
        "Verification column DKIS filled in."),
    "cli.verifications_not_ours": (
        "Berkas --verifications {path} bukan buku kerja rekap spbe-excel (lembar metadata tidak ada atau tidak "
        "sesuai). Berikan hasil \"spbe-excel consolidate\" yang kolom Verifikasinya diisi DKIS.",
        "The --verifications file {path} is not a consolidated workbook of spbe-excel (its metadata sheet is "
        "missing or wrong). Give the output of \"spbe-excel consolidate\" whose Verification column DKIS filled "
        "in."),
    "cli.previous_not_ours": (
        "Berkas --previous {path} bukan buku kerja rekap spbe-excel (lembar metadata tidak ada atau tidak sesuai). "
        "Berikan hasil \"spbe-excel consolidate\" periode lalu.",
        "The --previous file {path} is not a consolidated workbook of spbe-excel (its metadata sheet is missing or "
        "wrong). Give the output of \"spbe-excel consolidate\" for the previous period."),
    # --- output ----------------------------------------------------------------
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
        "ulangi. Bila berkas itu tidak sedang dibuka, {lock} hanyalah sisa dan boleh dihapus.",
        "Cannot replace {path}: it is open in another program ({lock} exists). Close it and try again. If it is "
        "not open, {lock} is a leftover and may be deleted.",
    ),
    "output.is_input": (
        "Berkas keluaran {path} juga salah satu berkas masukan. Pilih nama atau folder lain agar tidak ada "
        "berkas masukan yang tertimpa.",
        "The output {path} is also one of the inputs. Choose another name or folder so that no input is "
        "overwritten.",
    ),
}
