"""The intake page's texts: its pages, its refusals, ``portal init`` and ``portal serve``."""

TEXTS: dict[str, tuple[str, str]] = {
    # ---- every page ------------------------------------------------------------------------------------
    "portal.title": ("Pelaporan Monev SPBE", "SPBE Monitoring Reports"),
    "portal.lang_switch": ("English", "Bahasa Indonesia"),
    "portal.lang_switch.lang": ("en", "id"),  # the language the switch leads to (its lang and hreflang)
    "portal.page_title": ("{page} · Pelaporan Monev SPBE", "{page} · SPBE Monitoring Reports"),
    "portal.bytes": ("{n} bita", "{n} byte{n|s}"),
    "portal.clock": ("{date}, {hour:02d}.{minute:02d}", "{date}, {hour:02d}:{minute:02d}"),
    "portal.clock.seconds": ("{date}, {hour:02d}.{minute:02d}.{second:02d}",
                             "{date}, {hour:02d}:{minute:02d}:{second:02d}"),
    "portal.home.text": (
        "Halaman ini menerima laporan monev rencana aksi SPBE dari setiap OPD. Buka tautan khusus OPD Anda yang "
        "dikirim oleh DKIS; tautan itu adalah kunci OPD Anda, jangan dibagikan.",
        "This page receives each OPD's monitoring report of the SPBE action plan. Open your OPD's own link, sent "
        "by DKIS; the link is your OPD's key, do not share it."),
    "portal.home.admin": ("Masuk sebagai DKIS", "Log in as DKIS"),
    # ---- the OPD's page ---------------------------------------------------------------------------------
    "portal.opd.period": ("Periode", "Period"),
    "portal.opd.deadline": ("Batas waktu", "Deadline"),
    "portal.opd.days_left": ("{days} hari lagi", "{days} day{days|s} left"),
    "portal.opd.today": ("hari ini", "today"),
    "portal.opd.overdue": ("lewat {days} hari", "{days} day{days|s} overdue"),
    "portal.opd.passed": ("sudah lewat", "passed"),
    "portal.opd.page_title": ("{code}: laporan {period}", "{code}: report for {period}"),
    "portal.opd.closed": (
        "Periode {period} sudah ditutup oleh DKIS: kiriman tidak diterima lagi. Hubungi DKIS bila masih perlu "
        "mengirim.",
        "The period {period} has been closed by DKIS: uploads are no longer accepted. Contact DKIS if you still "
        "need to send."),
    "portal.opd.step1": ("1. Unduh templat", "1. Download the template"),
    "portal.opd.step1_text": (
        "Templat berisi indikator yang menjadi tanggung jawab {name} untuk {period}. Isi di Excel, LibreOffice "
        "atau WPS seperti biasa.",
        "The template holds the indicators {name} is responsible for in {period}. Fill it in Excel, LibreOffice or "
        "WPS as usual."),
    "portal.opd.template": ("Unduh templat (.xlsx)", "Download the template (.xlsx)"),
    "portal.opd.step2": ("2. Kirim berkas yang sudah diisi", "2. Upload the filled-in file"),
    "portal.opd.step2_text": (
        "Format .xlsx, .xls atau .ods, paling besar {mb} MB. Hasil pemeriksaan langsung tampil; perbaiki lalu "
        "kirim lagi sebanyak yang perlu. Kiriman terakhir yang tidak ditolak yang dihitung.",
        "An .xlsx, .xls or .ods file of at most {mb} MB. The findings show at once; fix them and upload again as "
        "often as needed. The latest upload that was not rejected counts."),
    "portal.opd.choose": ("Pilih berkas", "Choose a file"),
    "portal.opd.drop": ("atau tarik berkas ke sini", "or drop the file here"),
    "portal.opd.none_chosen": ("Belum ada berkas yang dipilih.", "No file chosen yet."),
    "portal.opd.send": ("Kirim dan periksa", "Upload and check"),
    "portal.opd.sending": ("Mengirim…", "Uploading…"),
    "portal.opd.checking": ("Memeriksa…", "Checking…"),
    "portal.opd.history": ("Riwayat kiriman", "Upload history"),
    "portal.opd.no_history": ("Belum ada kiriman untuk periode ini.", "No upload for this period yet."),
    "portal.opd.counted_now": ("Yang dihitung: kiriman #{id} ({file}).", "Counted: upload #{id} ({file})."),
    "portal.opd.none_counted": ("Belum ada kiriman yang dihitung.", "No upload counts yet."),
    "portal.col.time": ("Waktu", "Time"),
    "portal.col.file": ("Berkas", "File"),
    "portal.col.verdict": ("Hasil", "Verdict"),
    "portal.col.findings": ("Temuan", "Findings"),
    "portal.col.sha": ("SHA-256", "SHA-256"),
    "portal.col.counted": ("Dihitung", "Counted"),
    "portal.col.severity": ("Tingkat", "Severity"),
    "portal.col.where": ("Lokasi", "Where"),
    "portal.col.what": ("Temuan dan yang perlu dilakukan", "Finding and what to do"),
    "portal.yes": ("ya", "yes"),
    "portal.counts": ("{errors} galat, {warnings} peringatan",
                      "{errors} error{errors|s}, {warnings} warning{warnings|s}"),
    # ---- the verdict of an upload ---------------------------------------------------------------------------
    "portal.result.title": ("Hasil pemeriksaan kiriman #{id}", "Check of upload #{id}"),
    "portal.verdict.accepted": ("Diterima", "Accepted"),
    "portal.verdict.accepted-with-errors": ("Diterima dengan galat", "Accepted with errors"),
    "portal.verdict.rejected": ("Ditolak", "Rejected"),
    "portal.verdict.missing": ("Belum mengirim", "Not yet sent"),
    "portal.result.accepted": (
        "Berkas diterima tanpa galat dan dihitung dalam rekap. Terima kasih.",
        "The file is accepted without errors and counts in the consolidation. Thank you."),
    "portal.result.accepted_warnings": (
        "Berkas diterima tanpa galat dan dihitung dalam rekap. Periksa {warnings} peringatan di bawah; perbaiki bila "
        "isiannya memang keliru, lalu kirim lagi.",
        "The file is accepted without errors and counts in the consolidation. Check the {warnings} "
        "warning{warnings|s} below; if an entry is indeed wrong, fix it and upload again."),
    "portal.result.accepted_errors": (
        "Berkas diterima dan dihitung, tetapi ada {errors} galat yang harus diperbaiki. Perbaiki sel yang disebut di "
        "bawah (atau isi buku kerja umpan balik), lalu kirim lagi.",
        "The file is accepted and counts, but it has {errors} error{errors|s} to fix. Fix the cells named below (or "
        "fill in the feedback workbook), then upload again."),
    "portal.result.rejected": (
        "Berkas ditolak dan tidak dihitung. Baca temuan di bawah, perbaiki, lalu kirim lagi.",
        "The file is rejected and does not count. Read the findings below, fix them and upload again."),
    "portal.result.other_opd": (
        "Berkas ini berisi laporan OPD {found}, bukan {opd}: disimpan tetapi tidak dihitung. Kirim laporan {opd} "
        "melalui tautan ini, dan laporan {found} melalui tautan OPD itu.",
        "This file holds the report of OPD {found}, not {opd}: it is kept but does not count. Upload {opd}'s "
        "report through this link, and {found}'s through that OPD's link."),
    "portal.result.still_counted": (
        "Kiriman #{id} sebelumnya tetap dihitung.", "The earlier upload #{id} still counts."),
    "portal.result.same_as": (
        "Berkas ini sama persis dengan kiriman #{id} ({time}): hasil pemeriksaannya sama. Bila Anda sudah "
        "memperbaiki, pastikan berkas yang disimpan ulang itu yang dipilih.",
        "This file is exactly the same as upload #{id} ({time}): its findings are the same. If you have fixed "
        "it, make sure you chose the file you saved again."),
    "portal.result.no_findings": ("Tidak ada temuan.", "No findings."),
    "portal.result.feedback": ("Unduh buku kerja umpan balik (.xlsx)", "Download the feedback workbook (.xlsx)"),
    "portal.result.not_workbook": (
        "Berkas ini bukan buku kerja, melainkan {what}, sehingga tidak dapat diperiksa dan tidak dihitung. Yang "
        "perlu dikirim adalah templat laporan (langkah 1) yang sudah diisi di Excel, LibreOffice atau WPS dan "
        "disimpan sebagai .xlsx.",
        "This file is not a workbook but {what}, so it cannot be checked and does not count. What to send is the "
        "report template (step 1), filled in with Excel, LibreOffice or WPS and saved as .xlsx."),
    "portal.result.no_sheet": (
        "Buku kerja ini tidak berisi lembar laporan monev, sehingga tidak dihitung. Yang perlu dikirim adalah "
        "templat laporan (langkah 1) dengan lembar \"Monev\" yang sudah diisi.",
        "This workbook holds no monitoring sheet, so it does not count. What to send is the report template "
        "(step 1) with its \"Monev\" sheet filled in."),
    "portal.result.rejected_because": (
        "Berkas ditolak dan tidak dihitung. Alasan: {why}. Baca temuan di bawah, perbaiki, lalu kirim lagi.",
        "The file is rejected and does not count. Reason: {why}. Read the findings below, fix them and upload "
        "again."),
    "portal.result.template": ("Unduh templat untuk diisi (.xlsx)", "Download the template to fill in (.xlsx)"),
    "portal.why.not_workbook": ("Bukan buku kerja: {what}", "Not a workbook: {what}"),
    "portal.why.other_opd": ("Laporan OPD {found}", "The report of OPD {found}"),
    "portal.result.again": ("Kirim berkas lain", "Upload another file"),
    "portal.result.again_fix": ("Kirim berkas yang sudah diperbaiki", "Upload the corrected file"),
    "portal.sev.error": ("galat", "error"),
    "portal.sev.warning": ("peringatan", "warning"),
    "portal.sev.info": ("info", "info"),
    "portal.result.back": ("Kembali ke halaman OPD", "Back to the OPD page"),
    # ---- DKIS ---------------------------------------------------------------------------------------------
    "portal.login.title": ("Masuk DKIS", "DKIS login"),
    "portal.login.token": ("Token admin", "Admin token"),
    "portal.login.help": (
        "Token admin dicetak oleh \"spbe-excel portal init\" dan disimpan di berkas token-admin.txt di folder "
        "penyimpanan.",
        "The admin token was printed by \"spbe-excel portal init\" and is kept in the file token-admin.txt in the "
        "store folder."),
    "portal.login.submit": ("Masuk", "Log in"),
    "portal.login.failed": ("Token admin salah.", "Wrong admin token."),
    "portal.admin.title": ("Status pelaporan {period}", "Reporting status, {period}"),
    "portal.admin.logout": ("Keluar", "Log out"),
    "portal.admin.round_open": ("Putaran terbuka: OPD dapat mengirim.", "The round is open: OPDs can upload."),
    "portal.admin.round_closed": ("Putaran ditutup: kiriman ditolak.", "The round is closed: uploads are refused."),
    "portal.admin.close": ("Tutup putaran", "Close the round"),
    "portal.admin.reopen": ("Buka kembali putaran", "Reopen the round"),
    "portal.admin.rounds": ("Putaran lain", "Other rounds"),
    "portal.admin.earlier": ("Putaran lama (hanya baca)", "An earlier round (read only)"),
    "portal.admin.rate": ("Tingkat pelaporan", "Reporting rate"),
    "portal.admin.rate_value": ("{sent} dari {total} OPD ({pct})", "{sent} of {total} OPD{total|s} ({pct})"),
    "portal.admin.pairs": ("Indikator x OPD terlapor", "Indicator x OPD pairs reported"),
    "portal.admin.year": ("Rekap tahun (.xlsx)", "Year workbook (.xlsx)"),
    "portal.admin.leaders": ("Ringkasan pimpinan (.pdf)", "Leaders' summary (.pdf)"),
    "portal.admin.pairs.actions": ("Aksi x OPD terlapor", "Action x OPD pairs reported"),
    "portal.admin.index_base": ("Indeks SPBE awal", "SPBE index baseline"),
    "portal.admin.index_est": ("Perkiraan indeks SPBE", "SPBE index estimate"),
    "portal.admin.claims": ("Klaim tingkat yang tidak dihitung", "Level claims not counted"),
    "portal.admin.claims_why": (
        "Tingkat di atas nilai awal dihitung dalam perkiraan indeks hanya bila barisnya menyebut bukti dukung dan "
        "tidak ada galat; selain itu indikator dihitung pada nilai awalnya (atau tingkat terakhir yang didukung).",
        "A level above the baseline counts in the index estimate only when its row names its evidence and has no "
        "error; otherwise the indicator counts at its baseline (or its last supported level)."),
    "portal.admin.claim_action": ("No", "No"),
    "portal.admin.claimed": ("Diklaim", "Claimed"),
    "portal.admin.counted": ("Dihitung", "Counted"),
    "portal.admin.claim_why": ("Alasan", "Why"),
    "portal.admin.downloads": ("Unduhan", "Downloads"),
    "portal.admin.rekap": ("Buku kerja rekap (.xlsx)", "Consolidated workbook (.xlsx)"),
    "portal.admin.zip": ("Semua kiriman (.zip)", "Every upload (.zip)"),
    "portal.admin.links": ("Tautan OPD (.csv)", "OPD links (.csv)"),
    "portal.admin.audit": ("Log audit (.csv)", "Audit log (.csv)"),
    "portal.admin.opd": ("OPD", "OPD"),
    "portal.admin.state": ("Status", "State"),
    "portal.admin.last": ("Kiriman terakhir", "Last upload"),
    "portal.admin.errors": ("Galat", "Errors"),
    "portal.admin.warnings": ("Peringatan", "Warnings"),
    "portal.admin.link": ("Tautan", "Link"),
    "portal.admin.replace": ("Ganti tautan", "Replace link"),
    "portal.admin.replace_named": ("Ganti tautan {code}", "Replace link of {code}"),
    "portal.admin.close_ask": ("Tutup putaran…", "Close the round…"),
    "portal.admin.close_title": ("Tutup putaran {period}?", "Close the round {period}?"),
    "portal.admin.close_text": (
        "Setelah ditutup, OPD tidak dapat mengirim lagi untuk {period}. Kiriman yang sudah ada tetap tersimpan, "
        "rekap tetap dapat diunduh, dan putaran dapat dibuka kembali dari halaman status.",
        "Once it is closed, OPDs can no longer upload for {period}. The uploads made so far stay, the "
        "consolidated workbook can still be downloaded, and the round can be reopened from the status page."),
    "portal.admin.close_pending": (
        "{n} OPD belum punya laporan yang dihitung: {codes}.",
        "{n} OPD{n|s} have no counted report yet: {codes}."),
    "portal.admin.close_all_in": ("Semua OPD sudah punya laporan yang dihitung.", "Every OPD has a counted report."),
    "portal.admin.close_yes": ("Ya, tutup putaran", "Yes, close the round"),
    "portal.admin.cancel": ("Batal, kembali ke status", "Cancel, back to the status"),
    "portal.admin.opd_title": ("Kiriman {code}, {period}", "Uploads of {code}, {period}"),
    "portal.admin.opd_none": ("{code} belum mengirim apa pun untuk {period}.", "{code} has sent nothing for {period}."),
    "portal.admin.opd_link": ("Kiriman {code}", "Uploads of {code}"),
    "portal.admin.back": ("Kembali ke status pelaporan", "Back to the reporting status"),
    "portal.admin.upload": ("Kiriman #{id}", "Upload #{id}"),
    "portal.admin.size": ("Ukuran", "Size"),
    "portal.admin.received": ("Diterima", "Received"),
    "portal.admin.download_file": ("Unduh berkas kiriman #{id}", "Download the file of upload #{id}"),
    "portal.admin.download_feedback": ("Unduh umpan balik kiriman #{id} (.xlsx)",
                                       "Download the feedback of upload #{id} (.xlsx)"),
    "portal.admin.findings_of": ("Temuan kiriman #{id} ({n})", "Findings of upload #{id} ({n})"),
    "portal.admin.replace_confirm": (
        "Ganti tautan {code}? Tautan lama langsung tidak berlaku lagi dan OPD itu perlu tautan baru.",
        "Replace the link of {code}? The old link stops working at once and that OPD needs the new one."),
    "portal.admin.last_rejected": ("kiriman terakhir ditolak", "last upload rejected"),
    "portal.admin.new_link": (
        "Tautan {code} sudah diganti: tautan lama tidak berlaku lagi. Kirim tautan baru di bawah ini ke OPD "
        "tersebut; tautan-opd.csv sudah diperbarui.",
        "The link of {code} was replaced: the old link no longer works. Send the new link below to that OPD; "
        "tautan-opd.csv has been updated."),
    "portal.admin.new_link_label": ("Tautan baru {code}", "New link of {code}"),
    "portal.admin.copy": ("Salin tautan", "Copy link"),
    "portal.admin.copied": ("Tautan tersalin; tempelkan di pesan untuk OPD.",
                            "Link copied; paste it into the message to the OPD."),
    # ---- refusals -------------------------------------------------------------------------------------------
    "portal.err.title": ("Tidak dapat diproses", "Cannot be done"),
    "portal.err.bad_link": (
        "Tautan ini tidak berlaku. Gunakan tautan terbaru yang dikirim DKIS untuk OPD Anda.",
        "This link is not valid. Use the latest link DKIS sent for your OPD."),
    "portal.err.no_token": ("Token tidak ada. Kirim header Authorization: Bearer <token>.",
                            "No token. Send the header Authorization: Bearer <token>."),
    "portal.err.bad_token": ("Token tidak berlaku.", "The token is not valid."),
    "portal.err.too_many": (
        "Terlalu banyak permintaan dalam satu menit. Tunggu sebentar lalu coba lagi.",
        "Too many requests in one minute. Wait a moment and try again."),
    "portal.err.too_large": (
        "Berkas lebih besar dari {mb} MB dan tidak diterima. Hapus lembar atau gambar yang tidak perlu, simpan "
        "sebagai .xlsx, lalu kirim lagi.",
        "The file is larger than {mb} MB and was not accepted. Remove sheets or pictures it does not need, save it "
        "as .xlsx and upload it again."),
    "portal.err.quota": (
        "OPD ini sudah mengirim lebih dari {mb} MB untuk {period}; kiriman baru tidak diterima. Hubungi DKIS.",
        "This OPD has uploaded more than {mb} MB for {period}; new uploads are not accepted. Contact DKIS."),
    "portal.err.not_multipart": (
        "Kiriman tidak berisi berkas (formulir multipart dengan kolom \"file\").",
        "The request holds no file (a multipart form with the field \"file\")."),
    "portal.err.no_file": ("Pilih berkas yang akan dikirim.", "Choose the file to upload."),
    "portal.err.empty": ("Berkas yang dikirim kosong (0 bita). Pilih berkas laporan yang sudah diisi.",
                         "The uploaded file is empty (0 bytes). Choose the filled-in report."),
    "portal.err.closed": (
        "Periode {period} sudah ditutup oleh DKIS: kiriman tidak diterima lagi. Hubungi DKIS bila masih perlu "
        "mengirim.",
        "The period {period} has been closed by DKIS: uploads are no longer accepted. Contact DKIS if you still "
        "need to send."),
    "portal.err.busy": (
        "{n} kiriman Anda sebelumnya masih diperiksa. Tunggu hasilnya, lalu kirim lagi.",
        "{n} of your earlier uploads are still being checked. Wait for their results, then upload again."),
    "portal.err.csrf": (
        "Formulir kedaluwarsa atau tidak berasal dari halaman ini. Muat ulang halaman lalu coba lagi.",
        "The form has expired or did not come from this page. Reload the page and try again."),
    "portal.err.not_found": ("Halaman tidak ditemukan.", "Page not found."),
    "portal.err.method": ("Cara permintaan ini tidak didukung.", "This request method is not supported."),
    "portal.err.server": (
        "Terjadi kesalahan di server; kiriman ini tidak tercatat. Coba lagi sebentar lagi; bila tetap gagal, "
        "hubungi DKIS.",
        "The server failed; this request was not recorded. Try again in a moment; if it keeps failing, contact "
        "DKIS."),
    "portal.err.failed": ("Permintaan tidak dapat diproses.", "The request cannot be done."),
    # ---- the links CSV --------------------------------------------------------------------------------------
    "portal.csv.code": ("kode", "code"),
    "portal.csv.name": ("nama", "name"),
    "portal.csv.link": ("tautan", "link"),
    # ---- portal init / serve ------------------------------------------------------------------------------
    "portal.init.not_empty": (
        "Folder {folder} sudah berisi berkas lain. Pilih folder baru atau kosong untuk penyimpanan portal.",
        "The folder {folder} already holds other files. Choose a new or empty folder for the portal's store."),
    "portal.init.store_fixed": (
        "{folder} sudah menjadi penyimpanan portal; --master dan --db hanya dipakai saat membuatnya. Untuk putaran "
        "baru cukup beri --period.",
        "{folder} is already a portal store; --master and --db are used only when it is made. For a new round give "
        "--period alone."),
    "portal.init.round_exists": (
        "Penyimpanan {folder} sudah punya putaran {period}. Untuk putaran baru beri --period periode lain.",
        "The store {folder} already has the round {period}. For a new round give --period of another period."),
    "portal.init.db_used": (
        "Basis data itu sudah berisi penyimpanan portal. Berikan basis data kosong.",
        "That database already holds a portal store. Give an empty database."),
    "portal.init.db_url": (
        "Alamat basis data tidak dikenal: {url}. Tulis misalnya postgresql://pengguna:sandi@host/nama.",
        "Unknown database address: {url}. Write for example postgresql://user:password@host/name."),
    "portal.init.db_unreachable": (
        "Basis data {url} tidak dapat dihubungi: {reason}. Periksa alamat, pengguna dan sandinya, dan bahwa "
        "servernya berjalan.",
        "The database {url} cannot be reached: {reason}. Check its address, user and password, and that its "
        "server runs."),
    "portal.init.created": (
        "Penyimpanan portal dibuat di {folder} untuk {period}: {links} tautan OPD di {csv}.",
        "Portal store made in {folder} for {period}: {links} OPD links in {csv}."),
    "portal.init.admin": (
        "Token admin (ditampilkan sekali ini; juga disimpan di {file}, hanya dapat dibaca pemiliknya):",
        "Admin token (shown this once; also kept in {file}, readable by its owner only):"),
    "portal.init.round": (
        "Putaran baru {period} dibuka di {folder}; putaran sebelumnya tetap dapat dibaca. Tautan OPD tetap sama.",
        "New round {period} opened in {folder}; earlier rounds stay readable. The OPD links stay the same."),
    "portal.init.next": ("Jalankan: spbe-excel portal serve {folder}", "Run: spbe-excel portal serve {folder}"),
    "portal.init.zone": (
        "Zona waktu {zone} tidak dikenal. Pilih salah satu: {known}.",
        "Unknown time zone {zone}. Choose one of: {known}."),
    "portal.init.zone_used": (
        "Waktu di halaman portal ditampilkan dalam {zone} (UTC+{hours}); ubah dengan --zone WIB, WITA atau WIT.",
        "The portal's pages show times in {zone} (UTC+{hours}); change it with --zone WIB, WITA or WIT."),
    "portal.serve.not_store": (
        "{folder} bukan penyimpanan portal. Buat dulu: spbe-excel portal init {folder} --period \"...\"",
        "{folder} is not a portal store. Make one first: spbe-excel portal init {folder} --period \"...\""),
    "portal.serve.missing": (
        "Halaman portal memerlukan paket tambahan: pip install 'spbe-excel[portal]' ({module} tidak ada).",
        "The intake page needs the extra packages: pip install 'spbe-excel[portal]' ({module} is missing)."),
    "portal.serve.in_use": (
        "Penyimpanan {folder} sudah dilayani oleh proses lain (PID {pid}): satu penyimpanan hanya boleh punya satu "
        "server. Hentikan server itu dulu, atau gunakan yang sudah berjalan.",
        "The store {folder} is already served by another process (PID {pid}): one store may have one server only. "
        "Stop that server first, or use the one that runs."),
    "portal.serve.listening": ("Portal berjalan di {url} (Ctrl+C untuk berhenti).",
                               "The portal runs at {url} (Ctrl+C to stop)."),
    "help.portal": ("Halaman unggah untuk OPD dan status pelaporan untuk DKIS.",
                    "The intake page: OPDs upload, DKIS watches the reporting round."),
    "help.portal_init": (
        "Buat penyimpanan portal di folder DIR untuk satu periode (atau buka putaran periode baru di penyimpanan "
        "yang ada): basis data, satu tautan rahasia per OPD di DIR/tautan-opd.csv, dan token admin.",
        "Make a portal store in the folder DIR for one period (or open a round of a new period in an existing "
        "store): the database, one secret link per OPD in DIR/tautan-opd.csv, and the admin token."),
    "help.portal_serve": ("Jalankan halaman portal dari penyimpanan DIR.", "Serve the intake page of the store DIR."),
    "help.deadline": ("Batas waktu pengiriman (YYYY-MM-DD).", "Deadline for uploads (YYYY-MM-DD)."),
    "help.db": ("Basis data: bawaan berkas SQLite di DIR; atau postgresql://pengguna:sandi@host/nama.",
                "Database: an SQLite file in DIR by default; or postgresql://user:password@host/name."),
    "help.url": ("Alamat awal tautan OPD, misalnya https://monev.denpasarkota.go.id (bawaan http://127.0.0.1:8000).",
                 "The address OPD links start with, e.g. https://monev.example.go.id (default http://127.0.0.1:8000)."),
    "help.host": ("Alamat yang didengarkan (bawaan 127.0.0.1: hanya komputer ini).",
                  "Address to listen on (default 127.0.0.1: this computer only)."),
    "help.port": ("Port yang didengarkan.", "Port to listen on."),
    "help.zone": (
        "Zona waktu yang dipakai halaman portal untuk waktu kiriman: WIB, WITA atau WIT (bawaan WITA untuk "
        "penyimpanan baru; untuk penyimpanan yang ada, tetap zona yang tersimpan bila tidak diberikan).",
        "The time zone the portal's pages show upload times in: WIB, WITA or WIT (WITA by default for a new "
        "store; a store that exists keeps its zone unless given)."),
    "help.max_mb": ("Ukuran berkas unggahan terbesar dalam MB.", "Largest upload in MB."),
    "help.quota_mb": ("Jumlah unggahan satu OPD dalam satu putaran, paling banyak, dalam MB (semua kiriman disimpan).",
                      "Most one OPD may upload in one round, in MB (every upload is kept)."),
    "help.max_connections": (
        "Sambungan terbuka paling banyak (lebih sedikit bila proses boleh membuka lebih sedikit berkas); di atas itu "
        "sambungan yang masih dikirim dari alamat yang memegang paling banyak ditutup.",
        "Most connections open at once (fewer when the process may open fewer files); beyond, one still being "
        "received from the address holding the most is closed."),
    "help.header_timeout": (
        "Detik yang diberikan kepada klien untuk mengirim kepala permintaan (sejak tersambung atau sejak jawaban "
        "sebelumnya).",
        "Seconds a client has to send a request's head (from connecting, or from the previous response)."),
    "help.body_timeout": (
        "Detik yang diberikan kepada klien untuk mulai mengirim isi permintaan; sesudahnya sekurang-kurangnya 1 KB per "
        "detik.",
        "Seconds a client has to start sending a request's body; then at least 1 KB a second."),
}
