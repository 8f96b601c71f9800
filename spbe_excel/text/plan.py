"""Texts of evaluation frameworks and of a new plan: the ``framework``
command, ``master new`` (the plan workbook DKIS fills), the differences
``master check`` finds against a framework, and carry-over from last year."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- framework list / show ------------------------------------------------------------
    "fw.list.id": ("Id", "Id"),
    "fw.list.name": ("Nama", "Name"),
    "fw.list.indicators": ("Indikator", "Indicators"),
    "fw.list.used": ("Dipakai", "Used"),
    "fw.list.more": ("Rinciannya: spbe-excel framework show {example}",
                     "Details: spbe-excel framework show {example}"),
    "fw.show.summary": ("Dipakai: {used}. {domains} domain, {aspects} aspek, {indicators} indikator ({rows} baris "
                        "berbobot).",
                        "Used: {used}. {domains} domain{domains|s}, {aspects} aspect{aspects|s}, {indicators} "
                        "indicator{indicators|s} ({rows} weighted row{rows|s})."),
    "fw.show.indicator": ("Indikator", "Indicator"),
    "fw.show.weight": ("Bobot", "Weight"),
    "fw.show.kind": ("Jenis Tingkat", "Level Kind"),
    "fw.show.domain": ("Domain {number}: {name} ({weight} %)", "Domain {number}: {name} ({weight} %)"),
    "fw.show.aspect": ("Aspek: {name} ({weight} %)", "Aspect: {name} ({weight} %)"),
    "fw.show.indicator_no": ("(indikator {no})", "(indicator {no})"),
    "fw.show.named": ("* dinamai instansi: rencana menulis nama layanan publiknya sendiri di sel Indikator.",
                      "* named by the instansi: a plan writes the name of its own public service in the Indicator "
                      "cell."),
    "fw.show.levels": ("Tingkat {kind}: {levels}.", "{kind} levels: {levels}."),
    "fw.show.predicates": ("Predikat indeks: {predicates}.", "Index predicates: {predicates}."),
    "fw.show.source": (
        "Sumber setiap angka: spbe_excel/data/frameworks/{id}/SUMBER.md. Bobot dapat diganti di daftar induk "
        "(kolom Domain, Aspek, Bobot); master check memperingatkan setiap perbedaannya.",
        "Where each figure comes from: spbe_excel/data/frameworks/{id}/SUMBER.md. A master list may carry other "
        "weights (its Domain, Aspect and Weight columns); master check warns about each difference."),
    "fw.csv.no": ("No", "No"),
    "fw.csv.indicator_no": ("Nomor Indikator", "Indicator Number"),
    "fw.csv.name": ("Indikator", "Indicator"),
    "fw.csv.domain": ("Domain", "Domain"),
    "fw.csv.domain_weight": ("Bobot Domain (%)", "Domain Weight (%)"),
    "fw.csv.aspect": ("Aspek", "Aspect"),
    "fw.csv.aspect_weight": ("Bobot Aspek (%)", "Aspect Weight (%)"),
    "fw.csv.weight": ("Bobot Indikator (%)", "Indicator Weight (%)"),
    "fw.csv.level_kind": ("Jenis Tingkat", "Level Kind"),
    "fw.csv.named_by_plan": ("Dinamai Instansi", "Named by Instansi"),
    "fw.csv.yes": ("ya", "yes"),
    "usage.framework_unknown": (
        "Kerangka evaluasi tidak dikenal: \"{value}\". Yang dikenal: {known}.",
        "Unknown evaluation framework: \"{value}\". Known: {known}."),
    # --- plan files: sheets, info, problems --------------------------------------------------
    "master.sheet.extra": ("Aksi Tambahan", "Extra Actions"),
    "master.info.period_kind": ("Periode Pelaporan", "Reporting Period"),
    "period.kind.q": ("Triwulan", "Quarter"),
    "period.kind.s": ("Semester", "Semester"),
    "period.kind.m": ("Bulan", "Month"),
    "master.p.period_kind": (
        "Periode Pelaporan harus Triwulan, Semester atau Bulan, tertulis \"{value}\"",
        "Reporting Period must be Quarter, Semester or Month, found \"{value}\""),
    "master.p.extra_no": (
        "No kosong: tulis nomor indikator aksi ini (No di lembar Indikator)",
        "No is empty: write the number of this action's indicator (its No on the Indicators sheet)"),
    "master.p.extra_unknown_no": (
        "No \"{value}\" tidak ada di lembar Indikator; tulis nomor indikator aksi ini",
        "No \"{value}\" is not on the Indicators sheet; write the number of this action's indicator"),
    "usage.period_kind": (
        "Rencana ini dilaporkan per {kind}, jadi \"{value}\" bukan periodenya: tulis salah satu dari {examples}.",
        "This plan is reported per {kind}, so \"{value}\" is not one of its periods: write one of {examples}."),
    # --- master check: warnings ---------------------------------------------------------------
    "master.warnings": ("Peringatan ({count}); daftar induk tetap dapat dipakai:",
                        "{count} warning{count|s}; the master list can still be used:"),
    "master.w.framework_unknown": (
        "kerangka \"{value}\" tidak dikenal, jadi bobot tidak dibandingkan; tulis salah satu dari {known}",
        "framework \"{value}\" is unknown, so weights are not compared; write one of {known}"),
    "master.w.framework_missing": (
        "Kerangka tidak disebut, jadi bobot tidak dibandingkan; tulis salah satu dari {known}",
        "no framework named, so weights are not compared; write one of {known}"),
    "master.w.not_in_framework": (
        "No {no} tidak ada di kerangka {framework}; baris ini dihitung dengan bobot daftar ini",
        "No {no} is not in the framework {framework}; this row counts with this list's weight"),
    "master.w.missing": (
        "indikator {no} kerangka {framework} (\"{name}\", bobot {weight} %) tidak ada di daftar ini",
        "indicator {no} of the framework {framework} (\"{name}\", weight {weight} %) is not in this list"),
    "master.w.name": (
        "nama indikator berbeda dari No {no} kerangka {framework} (\"{expected}\"); periksa nomornya",
        "the indicator's name differs from No {no} of the framework {framework} (\"{expected}\"); check its "
        "number"),
    "master.w.unnamed": (
        "nama layanan publik belum diisi: ganti \"{value}\" dengan nama layanan publik yang dinilai",
        "the public service is not named yet: replace \"{value}\" with the name of the service assessed"),
    "master.w.domain": (
        "Domain \"{value}\" berbeda dari kerangka {framework} (\"{expected}\")",
        "Domain \"{value}\" differs from the framework {framework} (\"{expected}\")"),
    "master.w.aspect": (
        "Aspek \"{value}\" berbeda dari kerangka {framework} (\"{expected}\")",
        "Aspect \"{value}\" differs from the framework {framework} (\"{expected}\")"),
    "master.w.weight": (
        "Bobot {value} % berbeda dari kerangka {framework} ({expected} %); indeks dihitung dengan bobot daftar ini",
        "Weight {value} % differs from the framework {framework} ({expected} %); the index uses this list's "
        "weight"),
    "master.w.kind": (
        "Jenis Tingkat \"{value}\" berbeda dari kerangka {framework} (\"{expected}\")",
        "Level Kind \"{value}\" differs from the framework {framework} (\"{expected}\")"),
    # --- the plan workbook (master new) ----------------------------------------------------------
    "plan.title": ("RENCANA AKSI PENINGKATAN INDEKS SPBE {year} - {institution}",
                   "SPBE INDEX IMPROVEMENT ACTION PLAN {year} - {institution}"),
    "plan.info.title": ("Rencana Aksi Peningkatan Indeks SPBE {year}", "SPBE Index Improvement Action Plan {year}"),
    "plan.note.indicators": (
        "Kerangka {framework}. Kolom abu-abu berasal dari kerangka dan dikunci; isi kolom putih. Satu baris per "
        "indikator; aksi kedua dan seterusnya untuk satu indikator ditulis di lembar {extra}. Petunjuk: lembar "
        "{help}.",
        "Framework {framework}. Grey columns come from the framework and are locked; fill in the white ones. One "
        "row per indicator; a second or further action for one indicator goes on the sheet {extra}. How to: "
        "sheet {help}."),
    "plan.note.extra": (
        "Satu baris per aksi tambahan: No indikatornya (pilih dari daftar), Tindak Lanjut, Target Waktu dan OPD "
        "Terkait. Rekomendasi kosong berarti sama dengan rekomendasi indikatornya di lembar {indicators}. "
        "Tingkat awal dan target tetap diisi di lembar {indicators}. Baris tanpa Tindak Lanjut dan OPD diabaikan.",
        "One row per extra action: its indicator's No (choose from the list), Follow-up Action, Target Year and "
        "Responsible OPD. An empty Recommendation means the indicator's, on the sheet {indicators}. Baseline and "
        "target levels stay on the sheet {indicators}. A row without a follow-up action and OPD is ignored."),
    "plan.group.framework": ("DARI KERANGKA (TERKUNCI)", "FROM THE FRAMEWORK (LOCKED)"),
    "plan.group.plan": ("DIISI DKIS", "FILLED IN BY DKIS"),
    "plan.hint.baseline_level": (
        "Tingkat indikator ini menurut hasil evaluasi SPBE terakhir (1-5). Pilih dari daftar.",
        "This indicator's level in the latest SPBE evaluation (1-5). Choose from the list."),
    "plan.hint.target_level": (
        "Tingkat yang hendak dicapai. Kosongkan untuk satu tingkat di atas nilai awal (layanan: tingkat yang "
        "disebut rekomendasinya).",
        "The level to reach. Leave empty for one level above the baseline (services: the level the "
        "recommendation names)."),
    "plan.hint.recommendation": ("Rekomendasi evaluator untuk indikator ini, dari laporan hasil evaluasi.",
                                 "The evaluators' recommendation for this indicator, from the evaluation report."),
    "plan.hint.follow_up": (
        "Aksi yang dikerjakan tahun ini. Aksi lain untuk indikator yang sama: lembar Aksi Tambahan.",
        "The action to take this year. Other actions for the same indicator: sheet Extra Actions."),
    "plan.hint.target_year": ("Tahun aksi ini harus selesai. Pilih dari daftar.",
                              "The year this action is due. Choose from the list."),
    "plan.hint.opds": (
        "Kode OPD penanggung jawab, dari lembar OPD. Beberapa OPD: pisahkan dengan titik koma, misalnya "
        "BAPPEDA; DISKOMINFO.",
        "Code of the responsible OPD, from the OPD sheet. Several OPDs: separate them with semicolons, for "
        "example BAPPEDA; DISKOMINFO."),
    "plan.hint.carried_over": ("\"ya\" bila aksi ini lanjutan dari rencana tahun lalu.",
                               "\"yes\" when this action is carried over from last year's plan."),
    "plan.hint.no": ("Nomor indikator aksi ini, dari lembar Indikator. Pilih dari daftar.",
                     "The number of this action's indicator, from the Indicators sheet. Choose from the list."),
    "plan.hint.named": (
        "Tulis nama layanan publik yang dinilai untuk indikator ini, misalnya Layanan Perizinan Online.",
        "Write the name of the public service assessed for this indicator, for example Online Licensing."),
    "plan.hint.opd_code": ("Kode singkat OPD: huruf besar, angka, - atau _, misalnya DISKOMINFO.",
                           "A short OPD code: capitals, digits, - or _, for example DISKOMINFO."),
    "plan.hint.opd_email": (
        "Boleh kosong. Alamat e-mail OPD untuk pengingat dari halaman portal; beberapa alamat dipisah ;.",
        "Optional. The OPD's e-mail address for reminders from the intake page; several separated by ;."),
    "plan.hint.opd_whatsapp": (
        "Boleh kosong. Nomor WhatsApp narahubung, misalnya 0812-3456-7890, untuk pengingat lewat WhatsApp.",
        "Optional. The contact person's WhatsApp number, e.g. 0812-3456-7890, for reminders by WhatsApp."),
    "plan.hint.opd_person": ("Boleh kosong. Nama narahubung yang menerima pengingat.",
                             "Optional. The name of the person reminders go to."),
    "plan.hint.period_kind": ("Seberapa sering OPD melapor: Triwulan, Semester atau Bulan.",
                              "How often OPDs report: Quarter, Semester or Month."),
    "plan.error.list": ("Pilih dari daftar.", "Choose from the list."),
    "plan.error.opds": (
        "Kode ini tidak ada di lembar OPD. Bila beberapa OPD, pisahkan kodenya dengan titik koma; master check "
        "memeriksa setiap kode.",
        "This code is not on the OPD sheet. For several OPDs separate the codes with semicolons; master check "
        "checks every code."),
    "plan.yes": ("ya", "yes"),
    "plan.carried_from": ("{year}, No {no}{action}: {status}", "{year}, No {no}{action}: {status}"),
    "plan.carried_from.other": ("{year}, {indicator}{action}: {status} - pilih No indikator kerangka baru",
                                "{year}, {indicator}{action}: {status} - choose the new framework's No"),
    "plan.status.none": ("belum dilaporkan", "not reported"),
    "plan.footer": ("Halaman &P dari &N", "Page &P of &N"),
    # --- the plan workbook's instructions ---------------------------------------------------------
    "plan.instr.title": ("PETUNJUK MENYUSUN RENCANA AKSI", "HOW TO FILL IN THE ACTION PLAN"),
    "plan.instr.intro": (
        "Buku kerja ini adalah rencana aksi peningkatan indeks SPBE {institution} tahun {year} menurut kerangka "
        "{framework}. Setelah diisi, buku kerja ini menjadi daftar induk spbe-excel: dari sini dibuat templat "
        "isian untuk setiap OPD, lalu kiriman OPD diperiksa dan direkap.",
        "This workbook is the SPBE index improvement action plan of {institution} for {year} under the framework "
        "{framework}. Once filled in, it is spbe-excel's master list: the fill-in templates for every OPD are "
        "made from it, and the OPDs' submissions are checked and consolidated against it."),
    "plan.instr.steps": ("Langkah pengisian", "Steps"),
    "plan.instr.step1": (
        "Lembar {opd}: tulis setiap perangkat daerah (OPD) yang ikut rencana, satu per baris: Kode singkat (huruf "
        "besar, misalnya DISKOMINFO), Nama Resmi, dan Alias, yaitu nama lain yang biasa ditulis orang (pisahkan "
        "dengan titik koma). Kode inilah yang dipilih di kolom OPD Terkait.",
        "Sheet {opd}: write every agency (OPD) taking part in the plan, one per row: a short Code (capitals, for "
        "example DISKOMINFO), the Official Name, and Aliases, the other names people write for it (separated by "
        "semicolons). These codes are what the Responsible OPD column takes."),
    "plan.instr.step2": (
        "Lembar {indicators}: untuk setiap indikator isi Nilai Tingkat Kematangan, yaitu tingkat hasil evaluasi "
        "SPBE terakhir. Target Tingkat Kematangan boleh dikosongkan: targetnya satu tingkat di atas nilai awal "
        "(indikator layanan: tingkat yang disebut rekomendasinya).",
        "Sheet {indicators}: for every indicator fill in the Baseline Maturity Level, its level in the latest "
        "SPBE evaluation. The Target Maturity Level may stay empty: the target is then one level above the "
        "baseline (service indicators: the level their recommendation names)."),
    "plan.instr.step3": (
        "Untuk setiap indikator yang ditindaklanjuti tahun ini isi Rekomendasi (dari laporan hasil evaluasi), "
        "Tindak Lanjut (aksi yang akan dikerjakan), Target Waktu (tahun selesai) dan OPD Terkait (kode dari "
        "lembar {opd}; beberapa OPD dipisah titik koma). Indikator yang tidak ditindaklanjuti tahun ini: "
        "kosongkan Tindak Lanjut dan OPD Terkait; indikator itu tidak dipantau dan dihitung pada tingkat awalnya.",
        "For every indicator acted on this year fill in the Recommendation (from the evaluation report), the "
        "Follow-up Action (what will be done), the Target Year (when it is due) and the Responsible OPD (codes "
        "from the sheet {opd}; several separated by semicolons). An indicator not acted on this year: leave its "
        "Follow-up Action and Responsible OPD empty; it is not monitored and counts at its baseline."),
    "plan.instr.step4": (
        "Satu indikator dengan beberapa aksi: tulis aksi pertama di lembar {indicators} dan setiap aksi "
        "berikutnya di lembar {extra}, satu baris per aksi dengan No indikatornya. Setiap aksi punya Tindak "
        "Lanjut, Target Waktu dan OPD sendiri, dan OPD-nya melaporkan setiap aksi di baris sendiri (misalnya 5.1 "
        "dan 5.2). Baris yang tidak cukup: sisipkan baris di lembar {extra}.",
        "An indicator with several actions: write the first action on the sheet {indicators} and each further "
        "one on the sheet {extra}, one row per action with its indicator's No. Each action has its own "
        "Follow-up Action, Target Year and OPDs, and its OPDs report each action on a row of its own (for "
        "example 5.1 and 5.2). Not enough rows: insert rows on the sheet {extra}."),
    "plan.instr.step5": (
        "Indikator yang dinamai instansi (No {named}): ganti namanya di kolom Indikator dengan nama layanan "
        "publik yang dinilai; sel itu terbuka.",
        "Indicators named by the instansi (No {named}): replace the name in the Indicator column with the name "
        "of the public service assessed; that cell is open."),
    "plan.instr.step6": (
        "Aksi lanjutan (Lanjutan = {yes}) dibawa dari rekap tahun lalu karena keadaan terakhirnya bukan Selesai "
        "dengan bukti dukung; Asal Lanjutan menyebut asalnya, keadaan terakhirnya dan alasannya (belum selesai; "
        "Selesai tanpa dukungan, untuk diputuskan DKIS; tidak dilaporkan sejak periode tertentu). Periksa setiap "
        "aksi: ubah Target Waktu bila perlu, atau hapus barisnya (lembar {extra}) atau kosongkan Tindak Lanjut dan "
        "OPD-nya (lembar {indicators}) bila tidak dilanjutkan. Aksi yang No-nya kosong berasal dari kerangka lain: "
        "pilih No indikator yang sesuai.",
        "Carried-over actions (Carried Over = {yes}) come from last year's consolidated workbooks because their "
        "latest state was not Completed with evidence; Carried Over From says where from, their latest state and "
        "the reason (not finished; Completed without support, for DKIS to decide; not reported since a period). "
        "Check each one: change its Target Year if needed, or delete its row (sheet {extra}) or empty its Follow-up "
        "Action and OPD (sheet {indicators}) if it does not continue. One whose No is empty comes from another "
        "framework: choose the right indicator's No."),
    "plan.instr.step7": (
        "Lembar {info}: periksa Instansi, Tahun Rencana dan Periode Pelaporan (Triwulan, Semester atau Bulan: "
        "seberapa sering OPD melapor). Perintah spbe-excel hanya menerima periode jenis itu.",
        "Sheet {info}: check the Institution, Plan Year and Reporting Period (Quarter, Semester or Month: how "
        "often OPDs report). spbe-excel's commands accept periods of that kind only."),
    "plan.instr.step8": (
        "Kolom abu-abu berasal dari kerangka {framework} dan dikunci tanpa kata sandi. Bila bobot resmi berubah, "
        "buka kuncinya (Excel: Tinjau > Buka Proteksi Lembar; LibreOffice: Alat > Proteksi Lembar) lalu ubah "
        "Domain, Aspek atau Bobot: master check memperingatkan setiap perbedaan dari kerangka dan menolak bobot "
        "yang jumlahnya bukan 100 %.",
        "The grey columns come from the framework {framework} and are locked without a password. If the official "
        "weights change, unlock them (Excel: Review > Unprotect Sheet; LibreOffice: Tools > Protect Sheet) and "
        "change the Domain, Aspect or Weight: master check warns about every difference from the framework and "
        "refuses weights that do not add up to 100 %."),
    "plan.instr.step9": (
        "Periksa rencana dengan: spbe-excel master check {file}. Setiap sel yang masih harus diisi atau salah "
        "disebut dengan alamat selnya. Bila sudah baik, buat templat untuk OPD: spbe-excel template templat "
        "--period \"{period}\" --master {file}",
        "Check the plan with: spbe-excel master check {file} --lang en. Every cell still to fill or wrong is "
        "named with its address. Once it is sound, make the OPDs' templates: spbe-excel template templates "
        "--period \"{period}\" --master {file} --lang en"),
    "plan.instr.columns": ("Penjelasan kolom lembar {indicators}", "The columns of the sheet {indicators}"),
    "plan.instr.by.framework": ("Kerangka", "Framework"),
    "plan.instr.by.plan": ("DKIS", "DKIS"),
    "plan.instr.framework_col": ("Dari kerangka {framework}; terkunci.", "From the framework {framework}; locked."),
    "plan.instr.levels": ("Tingkat kematangan", "Maturity levels"),
    # --- master new: refusals and what it prints --------------------------------------------------
    "usage.plan_exists": (
        "{path} sudah ada dan mungkin rencana yang sudah diisi; pakai nama lain, atau izinkan menimpanya.",
        "{path} already exists and may be a plan already filled in; choose another name, or allow overwriting it."),
    "cli.plan_exists": (
        "{path} sudah ada dan mungkin rencana yang sudah diisi; pakai nama lain, atau tambahkan --force untuk "
        "menimpanya.",
        "{path} already exists and may be a plan already filled in; choose another name, or add --force to "
        "overwrite it."),
    "usage.institution_empty": ("Nama instansi kosong; tulis nama pemerintah daerahnya, misalnya \"Kabupaten "
                                "Contoh\".",
                                "The institution is empty; write the name of the local government, for example "
                                "\"Kabupaten Contoh\"."),
    "cli.institution_empty": ("Nama instansi kosong; tulis misalnya --instansi \"Kabupaten Contoh\".",
                              "The institution is empty; write for example --instansi \"Kabupaten Contoh\"."),
    "usage.period_kind_unknown": (
        "Jenis periode tidak dikenal: \"{value}\"; pilih triwulan, semester atau bulan.",
        "Unknown kind of period: \"{value}\"; choose triwulan (quarter), semester or bulan (month)."),
    "usage.from_unreadable": (
        "Rekap tahun lalu {path} tidak dapat dibaca. Berikan rekap tahun lalu yang ditulis spbe-excel consolidate "
        "(rekap akhir tahunnya, atau rekap setiap periodenya: berkas atau foldernya).",
        "Last year's workbook {path} cannot be read. Give last year's consolidated workbooks written by spbe-excel "
        "consolidate (its final one, or one per period: files or their folder)."),
    "usage.from_not_ours": (
        "Berkas {path} bukan rekap spbe-excel (lembar metadata atau lembar Master tidak ada atau tidak sesuai). "
        "Berikan rekap tahun lalu yang ditulis spbe-excel consolidate (rekap akhir tahunnya, atau rekap setiap "
        "periodenya: berkas atau foldernya).",
        "The file {path} is not a consolidated workbook of spbe-excel (its metadata or Master sheet is missing or "
        "wrong). Give last year's consolidated workbooks written by spbe-excel consolidate (its final one, or one "
        "per period: files or their folder)."),
    "usage.from_none": (
        "Tidak ada rekap spbe-excel di {path}. Berikan rekap tahun lalu yang ditulis spbe-excel consolidate (rekap "
        "akhir tahunnya, atau rekap setiap periodenya: berkas atau foldernya).",
        "There is no consolidated workbook of spbe-excel in {path}. Give last year's consolidated workbooks written "
        "by spbe-excel consolidate (its final one, or one per period: files or their folder)."),
    "usage.from_mixed_instansi": (
        "Rekap yang diberikan milik instansi yang berbeda: {files}. Berikan rekap satu instansi saja.",
        "The consolidated workbooks given are of different institutions: {files}. Give those of one institution "
        "only."),
    "usage.from_mixed_plans": (
        "Rekap yang diberikan dibuat dengan rencana (daftar induk) yang berbeda, menurut sidiknya: {files}. Berikan "
        "rekap satu rencana saja.",
        "The consolidated workbooks given were made with different plans (master lists), by fingerprint: {files}. "
        "Give those of one plan only."),
    "usage.from_twice": (
        "Dua rekap untuk {period}: {files}. Berikan satu rekap per periode.",
        "Two consolidated workbooks of {period}: {files}. Give one per period."),
    "usage.from_mixed_years": (
        "Rekap yang diberikan dari tahun yang berbeda: {files}. Berikan rekap satu tahun saja, tahun sebelum "
        "rencana baru.",
        "The consolidated workbooks given are of different years: {files}. Give those of one year only, the year "
        "before the new plan."),
    "usage.from_instansi": (
        "Rekap {path} milik {source}, bukan {institution}: rencana baru dimulai dari rekap instansinya sendiri. "
        "Periksa nama instansi rencana baru, atau berikan rekap {institution}.",
        "The consolidated workbooks {path} are of {source}, not {institution}: a new plan starts from its own "
        "institution's workbooks. Check the new plan's institution, or give those of {institution}."),
    "usage.from_year_sources": (
        "Rekap tahunan {path} dibuat dari rekap tiap periode; yang tidak ditemukan (di tempatnya semula atau di "
        "folder {folder}, dengan isi yang sama): {missing}. Letakkan rekap periode itu di samping rekap tahunan, "
        "atau berikan rekap periode itu sendiri.",
        "The year workbook {path} was made from each period's consolidated workbook; not found (where it was, "
        "or in the folder {folder}, with the same content): {missing}. Put those workbooks beside the year "
        "workbook, or give those workbooks instead."),
    "cli.from_year_sources": (
        "Rekap tahunan {path} dibuat dari rekap tiap periode; yang tidak ditemukan (di tempatnya semula atau di "
        "folder {folder}, dengan isi yang sama): {missing}. Letakkan rekap periode itu di samping rekap tahunan, "
        "atau berikan rekap periode itu sendiri ke --from.",
        "The year workbook {path} was made from each period's consolidated workbook; not found (where it was, "
        "or in the folder {folder}, with the same content): {missing}. Put those workbooks beside the year "
        "workbook, or give them to --from themselves."),
    "usage.from_year": (
        "Rekap {path} adalah tahun {source_year}, bukan tahun sebelum rencana {year}: rencana baru dimulai dari "
        "tahun yang sudah lewat. Berikan rekap tahun {before}.",
        "The consolidated workbooks {path} are of {source_year}, not of a year before the plan's {year}: a new plan "
        "starts from a year already past. Give those of {before}."),
    "usage.from_framework": (
        "Rekap {path} mengikuti {source}, bukan {framework} rencana baru: No indikatornya tidak dapat dibawa. "
        "Berikan rekap rencana dengan kerangka {framework}, atau izinkan pergantian kerangka (aksi lanjutannya "
        "dibawa tanpa No, untuk dipilih DKIS).",
        "The consolidated workbooks {path} follow {source}, not the new plan's {framework}: their indicator numbers "
        "cannot be carried. Give those of a plan under {framework}, or allow the change of framework (the actions "
        "are then carried without a No, for DKIS to choose)."),
    "cli.from_framework": (
        "Rekap {path} mengikuti {source}, bukan {framework} rencana baru: No indikatornya tidak dapat dibawa. "
        "Berikan rekap rencana dengan kerangka {framework}, atau tambahkan --framework-change (aksi lanjutannya "
        "dibawa tanpa No, untuk dipilih DKIS).",
        "The consolidated workbooks {path} follow {source}, not the new plan's {framework}: their indicator numbers "
        "cannot be carried. Give those of a plan under {framework}, or add --framework-change (the actions are "
        "then carried without a No, for DKIS to choose)."),
    "plan.framework_unknown": ("kerangka yang tidak dikenal", "no known framework"),
    "cli.from_summary": (
        "Dari rekap {periods}: {finished} aksi per OPD Selesai dengan dukungan, tidak dibawa; dibawa: {not_done} "
        "belum selesai, {unsupported} Selesai tanpa dukungan (DKIS memutuskan), {silent} tidak dilaporkan sejak "
        "periode sebelumnya, {never} tidak dilaporkan sepanjang {year}.",
        "From the consolidated workbooks of {periods}: {finished} action{finished|s} per OPD Completed with "
        "support, not carried; carried: {not_done} not finished, {unsupported} Completed without support (for "
        "DKIS to decide), {silent} not reported since an earlier period, {never} not reported in {year}."),
    "cli.from_missing_last": (
        "Peringatan: rekap {missing} tidak ada di antara yang diberikan; keadaan terakhir tahun {year} diambil "
        "sampai {last}, jadi aksi yang selesai sesudahnya tetap dibawa. Tambahkan rekap {missing} bila sudah ada.",
        "Warning: no consolidated workbook of {missing} among those given; the latest state of {year} is as of "
        "{last}, so an action finished after it is still carried. Add the workbook of {missing} once it exists."),
    "cli.plan_summary": (
        "Rencana {institution} {year} ({framework}): {rows} baris indikator, {opds} OPD, {carried} aksi lanjutan, "
        "dilaporkan per {kind}.",
        "Plan of {institution} for {year} ({framework}): {rows} indicator row{rows|s}, {opds} OPD{opds|s}, {carried} "
        "carried-over action{carried|s}, reported per {kind}."),
    "cli.plan_next": (
        "Isi buku kerja itu (lembar Petunjuk menjelaskan caranya), lalu periksa: spbe-excel master check {path}",
        "Fill in that workbook (its Instructions sheet says how), then check it: spbe-excel master check {path} "
        "--lang en"),
    "help.framework": ("Kerangka evaluasi SPBE yang dikenal: daftar dan rinciannya.",
                       "The SPBE evaluation frameworks known: list and details."),
    "help.framework_list": ("Daftar kerangka evaluasi yang dikenal.", "List the evaluation frameworks known."),
    "help.framework_show": (
        "Tampilkan kerangka ID (misalnya 2020 atau \"PermenPANRB 59/2020\"): domain, aspek, indikator, bobot, jenis "
        "tingkat, nama tingkat dan predikat.",
        "Show the framework ID (for example 2020 or \"PermenPANRB 59/2020\"): domains, aspects, indicators, weights, "
        "level kinds, level names and predicates."),
    "help.master_new": (
        "Tulis buku kerja rencana aksi FILE (.xlsx) untuk diisi DKIS: setiap indikator kerangka sudah terisi, "
        "kolom rencana terbuka, dengan daftar pilihan dan petunjuk.",
        "Write an action plan workbook FILE (.xlsx) for DKIS to fill in: every indicator of the framework "
        "pre-filled, the plan's columns open, with dropdowns and instructions."),
    "help.new_framework": ("Kerangka evaluasi: 2018 atau 2020 (lihat spbe-excel framework list).",
                           "Evaluation framework: 2018 or 2020 (see spbe-excel framework list)."),
    "help.new_instansi": ("Nama instansi, misalnya \"Kabupaten Contoh\".",
                          "Name of the institution, for example \"Kabupaten Contoh\"."),
    "help.new_year": ("Tahun rencana, misalnya 2026.", "Plan year, for example 2026."),
    "help.new_opd": ("Daftar OPD (.csv atau .xlsx; kolom Kode, Nama Resmi, Alias) untuk mengisi lembar OPD.",
                     "List of OPDs (.csv or .xlsx; columns Code, Official Name, Aliases) to fill the OPD sheet."),
    "help.new_from": (
        "Rekap tahun lalu (ditulis spbe-excel consolidate): rekap akhir tahunnya, atau rekap setiap periodenya "
        "(ulangi --from, atau berikan foldernya). OPD-nya mengisi lembar OPD, dan setiap aksi yang keadaan "
        "terakhirnya tahun itu bukan Selesai dengan dukungan dibawa sebagai aksi lanjutan, dengan alasannya.",
        "Last year's consolidated workbooks (written by spbe-excel consolidate): its final one, or one per period "
        "(repeat --from, or give their folder). Their OPDs fill the OPD sheet, and every action whose latest state "
        "of the year is not Completed with support is carried over, with the reason."),
    "help.new_framework_change": (
        "Izinkan --from dari rekap rencana dengan kerangka lain: aksi lanjutannya dibawa tanpa No, untuk dipilih "
        "DKIS.",
        "Allow --from workbooks of a plan under another framework: the actions are carried without a No, for DKIS "
        "to choose."),
    "help.new_period_kind": ("Seberapa sering OPD melapor: triwulan (bawaan), semester atau bulan.",
                             "How often OPDs report: triwulan (quarter, the default), semester or bulan (month)."),
    "help.new_force": ("Timpa FILE bila sudah ada.", "Overwrite FILE if it exists."),
    "header.period.hint_kind": (
        "Rencana ini dilaporkan per {kind}: pilih periodenya dari daftar, misalnya {example}.",
        "This plan is reported per {kind}: choose the period from the list, for example {example}."),
}
