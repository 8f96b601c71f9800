"""Texts of the year: the year workbook (``yr.``), the leaders' page (``rp.``), and the refusals of
``spbe-excel year`` and ``spbe-excel report`` (``usage.year_``, ``usage.report_``)."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- the year workbook ---------------------------------------------------------------------------------
    "yr.sheet.summary": ("Ringkasan", "Summary"),
    "yr.sheet.progress": ("Perkembangan", "Progress"),
    "yr.sheet.index": ("Indeks", "Index"),
    "yr.sheet.reporting": ("Pelaporan", "Reporting"),
    "yr.sheet.overdue": ("Lewat Target", "Overdue"),
    "yr.sheet.sources": ("Sumber", "Sources"),
    "yr.sheet.master": ("Master", "Master"),
    "yr.title": ("REKAP TAHUNAN MONEV PENINGKATAN INDEKS SPBE", "SPBE INDEX IMPROVEMENT MONITORING - THE YEAR"),
    "yr.title.progress": ("PERKEMBANGAN AKSI PER PERIODE", "PROGRESS OF THE ACTIONS PER PERIOD"),
    "yr.title.index": ("TINGKAT PER INDIKATOR PER PERIODE", "LEVEL PER INDICATOR AND PERIOD"),
    "yr.title.reporting": ("PELAPORAN OPD PER PERIODE", "OPD REPORTING PER PERIOD"),
    "yr.title.overdue": ("AKSI LEWAT TARGET WAKTU", "ACTIONS PAST THEIR TARGET YEAR"),
    "yr.title.sources": ("REKAP YANG DIGABUNG", "CONSOLIDATED WORKBOOKS USED"),
    "yr.year": ("Tahun", "Year"),
    "yr.subtitle": (
        "Rencana tahun {year}, sidik daftar induk {fingerprint}: {present} dari {periods} periode berekap; "
        "keadaan terakhir {latest}.",
        "The {year} plan, master list fingerprint {fingerprint}: {present} of {periods} periods consolidated; "
        "latest {latest}."),
    "yr.missing": ("tidak ada rekap", "no consolidated workbook"),
    "yr.later": ("belum ada rekap", "not consolidated yet"),
    "yr.verified_none": ("tidak tersedia", "not available"),
    "yr.index.per_period": ("INDEKS SPBE PER PERIODE", "SPBE INDEX PER PERIOD"),
    "yr.index.notes": (
        "Awal: nilai evaluasi terakhir. Target: bila setiap indikator mencapai target tingkatnya. Diklaim: bila "
        "setiap tingkat yang diklaim OPD dihitung. Dihitung: seperti rekap periode itu menghitungnya (klaim "
        "dengan bukti dukung dan tanpa galat). Terverifikasi: hanya tingkat yang ditandai Sesuai oleh DKIS di "
        "rekap periode itu (tingkat lain di atas nilai awal dihitung pada nilai awal); tidak tersedia untuk rekap "
        "yang ditulis sebelum ada verifikasi. Predikat dan selisih ke target: dari indeks yang dihitung.",
        "Baseline: the last evaluation. Target: every indicator at its target level. Claimed: every level the "
        "OPDs claim counted. Counted: as that period's consolidated workbook counts it (claims with evidence "
        "and without errors). Verified: only the levels DKIS marked Verified in that period's workbook (any other "
        "level above the baseline at the baseline); not available for a workbook written before verification "
        "existed. Predicate and gap to the target: of the counted index."),
    "yr.chart.index": ("Indeks SPBE per periode", "SPBE index per period"),
    "yr.chart.statuses": ("Status aksi per periode (aksi x OPD)", "Action statuses per period (action x OPD)"),
    "yr.domains": ("INDEKS PER DOMAIN (DIHITUNG)", "INDEX PER DOMAIN (COUNTED)"),
    "yr.statuses": ("STATUS PER PERIODE (AKSI x OPD)", "STATUSES PER PERIOD (ACTION x OPD)"),
    "yr.col.period": ("Periode", "Period"),
    "yr.col.source": ("Rekap", "Consolidated workbook"),
    "yr.col.as_of": ("Per tanggal", "As of"),
    "yr.col.baseline": ("Awal", "Baseline"),
    "yr.col.target": ("Target", "Target"),
    "yr.col.claimed": ("Diklaim", "Claimed"),
    "yr.col.counted": ("Dihitung", "Counted"),
    "yr.col.verified": ("Terverifikasi", "Verified"),
    "yr.col.predicate": ("Predikat", "Predicate"),
    "yr.col.gap": ("Ke target", "To target"),
    "yr.col.total": ("Jumlah", "Total"),
    "yr.col.domain": ("Domain", "Domain"),
    "yr.col.status": ("Status", "Status"),
    "yr.col.progress": ("Progres", "Progress"),
    "yr.col.level": ("Tingkat", "Level"),
    "yr.col.latest": ("Terakhir dilaporkan tahun ini", "Last reported this year"),
    "yr.col.latest_period": ("Periode", "Period"),
    "yr.col.latest_status": ("Status", "Status"),
    "yr.col.latest_progress": ("Progres", "Progress"),
    "yr.col.trend": ("Perkembangan", "Trend"),
    "yr.trend.done": ("Selesai", "Done"),
    "yr.trend.rising": ("Naik", "Rising"),
    "yr.trend.stalled": ("Macet", "Stalled"),
    "yr.trend.silent": ("Tidak lapor", "Silent"),
    "yr.progress.note": (
        "Per aksi dan OPD: status (atau keadaan laporan bila tidak ada status), progres dan tingkat yang diklaim "
        "OPD di tiap periode; lalu yang terakhir dilaporkan tahun ini. Perkembangan: Macet (kuning) bila "
        "progres periode terakhir tidak naik dari periode sebelumnya, Tidak lapor (merah) bila tidak dilaporkan "
        "di periode terakhir.",
        "Per action and OPD: the status (or the report state where there is none), progress and the level the "
        "OPD claims in each period; then what it last reported this year. Trend: Stalled (amber) when the last "
        "period's progress is not above the period before, Silent (red) when it was not reported in the last "
        "period."),
    "yr.index.note": (
        "Tingkat tiap indikator yang dihitung dalam indeks di rekap tiap periode, yang diklaim OPD (tingkat "
        "terendah yang diklaim; yang dihitung bila tidak ada klaim) dan yang terverifikasi (yang ditandai Sesuai "
        "oleh DKIS; kosong bila rekap itu belum memuat verifikasi). Indeks di lembar Ringkasan dihitung dari "
        "kolom ini.",
        "The level each indicator counted at in each period's consolidated workbook, the level the OPDs claim "
        "(the lowest claimed; the counted level where none is claimed) and the verified level (marked Verified "
        "by DKIS; blank where that workbook holds no verification). The indexes on the Summary sheet are worked "
        "out from these columns."),
    "yr.index.table": ("TINGKAT PER INDIKATOR", "LEVEL PER INDICATOR"),
    "yr.col.code": ("OPD", "OPD"),
    "yr.col.name": ("Nama", "Name"),
    "yr.col.pairs": ("Aksi", "Actions"),
    "yr.col.rate": ("Dilaporkan", "Reported"),
    "yr.col.received": ("Diterima", "Received"),
    "yr.col.late": ("Hari terlambat", "Days late"),
    "yr.col.year_total": ("Periode dalam tahun ini", "Periods this year"),
    "yr.col.on_time": ("Tepat waktu", "On time"),
    "yr.col.late_periods": ("Terlambat", "Late"),
    "yr.col.not_reported": ("Tidak lapor", "Not reported"),
    "yr.due": ("Batas waktu", "Due"),
    "yr.reporting.note": (
        "Dilaporkan: bagian aksi OPD itu yang dilaporkan. Diterima: waktu berkas OPD yang dipakai, seperti "
        "tercatat di lembar Sumber rekap periode itu (waktu unggah di halaman unggah; waktu berkas bila "
        "dikumpulkan lewat folder). Batas waktu: {days} hari setelah periode berakhir, kecuali ditentukan lain; "
        "tanggalnya dapat diubah dan hari terlambat ikut berubah.",
        "Reported: the share of the OPD's actions it reported. Received: the time of the OPD's file that was "
        "used, as the Sources sheet of that period's consolidated workbook lists it (the upload time on the "
        "intake page; the file's time when collected in a folder). Due: {days} days after the period ends, "
        "unless set otherwise; the dates may be changed and the days late follow."),
    "yr.overdue.note": (
        "{count} pasangan aksi x OPD lewat Target Waktu per {as_of} ({period}), dan status terakhirnya tahun "
        "ini bukan Selesai; yang paling lama lewat lebih dulu, lalu yang progresnya paling kecil.",
        "{count} action x OPD pair{count|s} past the target year at {as_of} ({period}), whose latest status this "
        "year is not Completed; the longest overdue first, then the least progress."),
    "yr.col.overdue_years": ("Lewat (tahun)", "Overdue (years)"),
    "yr.col.overdue_status": ("Status terakhir", "Latest status"),
    "yr.col.overdue_progress": ("Progres terakhir", "Latest progress"),
    "yr.col.overdue_period": ("Dilaporkan", "Reported in"),
    "yr.src.period": ("Periode", "Period"),
    "yr.src.file": ("Berkas", "File"),
    "yr.src.as_of": ("Per tanggal", "As of"),
    "yr.src.fingerprint": ("Sidik daftar induk", "Master list fingerprint"),
    "yr.src.sha": ("SHA-256", "SHA-256"),
    "yr.src.size": ("Ukuran (byte)", "Size (bytes)"),
    # --- refusals ---------------------------------------------------------------------------------------------
    "usage.year_none": (
        "Tidak ada rekap untuk digabung. Berikan rekap periode-periode tahun ini (berkas, atau folder yang "
        "memuatnya) yang ditulis spbe-excel consolidate.",
        "No consolidated workbook to put together. Give the workbooks of the year's periods (files, or a "
        "folder holding them) written by spbe-excel consolidate."),
    "usage.year_unreadable": (
        "Berkas {path} tidak dapat dibaca sebagai buku kerja. Berikan rekap yang ditulis spbe-excel consolidate.",
        "The file {path} cannot be read as a workbook. Give a consolidated workbook written by spbe-excel "
        "consolidate."),
    "usage.year_not_rekap": (
        "Berkas {path} bukan rekap spbe-excel (lembar metadata, Monev, Ringkasan, Sumber atau Master tidak ada "
        "atau tidak sesuai). Berikan rekap yang ditulis spbe-excel consolidate.",
        "The file {path} is not a consolidated workbook of spbe-excel (its metadata, Monitoring, Summary, Sources "
        "or Master sheet is missing or not as written). Give a workbook written by spbe-excel consolidate."),
    "usage.year_is_year": (
        "Berkas {path} adalah rekap tahunan, bukan rekap satu periode. Berikan rekap tiap periode yang ditulis "
        "spbe-excel consolidate.",
        "The file {path} is a year workbook, not the workbook of one period. Give each period's consolidated "
        "workbook written by spbe-excel consolidate."),
    "usage.year_period_unknown": (
        "Rekap {path} untuk periode \"{period}\", yang bukan triwulan, semester, bulan atau tahun dengan tahunnya.",
        "The workbook {path} is of the period \"{period}\", which is no quarter, semester, month or year with its "
        "year."),
    "usage.year_master_changed": (
        "Lembar Master rekap {path} bukan daftar induk bersidik {fingerprint} yang dipakai rekap itu (sidiknya "
        "{found}): lembar itu diubah setelah rekap ditulis. Pakai rekap sebagaimana ditulis spbe-excel.",
        "The Master sheet of {path} is not the master list of fingerprint {fingerprint} the workbook was made "
        "with (its fingerprint is {found}): it was changed after the workbook was written. Use the workbook as "
        "spbe-excel wrote it."),
    "usage.year_institutions": (
        "Rekap dari instansi yang berbeda tidak dapat digabung: {groups}. Berikan rekap satu instansi.",
        "Workbooks of different institutions cannot be put together: {groups}. Give one institution's."),
    "usage.year_years": (
        "Rekap dari tahun yang berbeda tidak dapat digabung: {groups}. Berikan rekap satu tahun.",
        "Workbooks of different years cannot be put together: {groups}. Give one year's."),
    "usage.year_plans": (
        "Rekap dari rencana (daftar induk) yang berbeda tidak dapat digabung; menurut sidiknya: {groups}. "
        "Berikan rekap yang dibuat dengan daftar induk yang sama.",
        "Workbooks of different plans (master lists) cannot be put together; by fingerprint: {groups}. Give "
        "workbooks made with the same master list."),
    "usage.year_kinds": (
        "Rekap dengan jenis periode yang berbeda tidak dapat digabung: {groups}. Berikan rekap satu jenis "
        "periode (semua triwulan, semester atau bulan).",
        "Workbooks of different kinds of period cannot be put together: {groups}. Give workbooks of one kind "
        "(all quarters, semesters or months)."),
    "usage.year_twice": (
        "Dua rekap untuk {period}: {files}. Berikan satu rekap per periode.",
        "Two workbooks of {period}: {files}. Give one workbook per period."),
}

TEXTS.update({
    # --- the leaders' page ------------------------------------------------------------------------------------
    "rp.title": ("Indeks SPBE {institution} {year}", "SPBE index, {institution} {year}"),
    "rp.subtitle": (
        "Keadaan {latest} (per {as_of}); {present} dari {periods} periode tahun ini berekap.",
        "As of {latest} ({as_of}); {present} of the year's {periods} periods consolidated."),
    "rp.now": ("Indeks sekarang ({period}, dihitung)", "Index now ({period}, counted)"),
    "rp.baseline": ("Awal", "Baseline"),
    "rp.target": ("Target", "Target"),
    "rp.claimed": ("Diklaim OPD", "Claimed"),
    "rp.verified": ("Terverifikasi", "Verified"),
    "rp.gap": ("Ke target", "To target"),
    "rp.counted_note": (
        "Dihitung: klaim dengan bukti dukung, tanpa galat; diklaim: semua klaim; terverifikasi: yang ditandai "
        "Sesuai oleh DKIS.",
        "Counted: claims with evidence and no errors; claimed: every claim; verified: those DKIS marked Verified."),
    "rp.course": ("Perjalanan indeks tahun ini", "The index over the year"),
    "rp.no_rekap": ("(tanpa rekap)", "(no consolidated workbook)"),
    "rp.legend.counted": ("Dihitung", "Counted"),
    "rp.legend.claimed": ("Diklaim", "Claimed"),
    "rp.legend.verified": ("Terverifikasi", "Verified"),
    "rp.legend.target": ("Target", "Target"),
    "rp.legend.baseline": ("Awal", "Baseline"),
    "rp.legend.now": ("Sekarang", "Now"),
    "rp.domains": ("Indeks per domain, {period}", "Index per domain, {period}"),
    "rp.opds": ("Pelaporan OPD per periode", "OPD reporting per period"),
    "rp.opds.legend": (
        "✓ tepat waktu; +n terlambat n hari; — tidak melapor; kosong: tidak ada rekap; persen: bagian aksi "
        "yang dilaporkan, bila kurang dari 100 %. Yang paling sering tidak lapor atau terlambat di atas.",
        "✓ on time; +n n days late; — did not report; blank: no consolidated workbook; percent: the share of actions "
        "reported, when under 100 %. The OPDs most often silent or late first."),
    "rp.opds.opd": ("OPD", "OPD"),
    "rp.opds.on_time": ("Tepat", "On time"),
    "rp.opds.late": ("Terlambat", "Late"),
    "rp.opds.not_reported": ("Tidak lapor", "Silent"),
    "rp.opds.rest": ("dan {count} OPD lain", "and {count} other OPD{count|s}"),
    "rp.opds.rest_clean": ("dan {count} OPD lain, semuanya melapor tepat waktu",
                           "and {count} other OPD{count|s}, all on time"),
    "rp.overdue": ("Aksi paling lama lewat Target Waktu (per {as_of})", "Actions longest past their target year "
                                                                         "(at {as_of})"),
    "rp.overdue.none": ("Belum ada aksi yang lewat Target Waktu per {as_of}.",
                        "No action is past its target year at {as_of}."),
    "rp.overdue.action": ("{n}. Aksi {action}: {follow_up}", "{n}. Action {action}: {follow_up}"),
    "rp.overdue.detail": ("Target {target_year}, lewat {years} tahun. Terakhir dilaporkan: {who}",
                          "Target {target_year}, {years} year{years|s} overdue. Last reported: {who}"),
    "rp.overdue.more": ("dan {count} OPD lain", "and {count} other OPD{count|s}"),
    "rp.overdue.all": (
        "Seluruhnya {count} pasangan aksi x OPD lewat Target Waktu: daftar lengkapnya di lembar Lewat Target rekap "
        "tahunan.",
        "{count} action x OPD pair{count|s} in all past the target year: the full list is on the Overdue sheet "
        "of the year workbook."),
    "rp.rule.exact": ("predikat dari indeks tepatnya (aturan evaluasi {year})",
                      "the predicate judged on the exact index (the {year} evaluation's rule)"),
    "rp.rule.rounded": ("predikat dari indeks yang dibulatkan ke 2 desimal (aturan evaluasi {year})",
                        "the predicate judged on the index rounded to 2 decimals (the {year} evaluation's rule)"),
    "rp.foot": (
        "Dibuat oleh spbe-excel dari {source} (sidik daftar induk {fingerprint}). Indeks ditulis dengan 2 desimal, "
        "dibulatkan setengah ke atas, seperti di buku kerja; {rule}.",
        "Made by spbe-excel from {source} (master list fingerprint {fingerprint}). Indexes to 2 decimals, rounded "
        "half up, as in the workbooks; {rule}."),
})

TEXTS.update({
    "usage.report_unreadable": (
        "Berkas {path} tidak dapat dibaca sebagai buku kerja. Berikan rekap periode atau rekap tahunan yang ditulis "
        "spbe-excel.",
        "The file {path} cannot be read as a workbook. Give a consolidated workbook or a year workbook written by "
        "spbe-excel."),
    "usage.report_not_ours": (
        "Berkas {path} bukan rekap tahunan spbe-excel (lembar metadata atau tabelnya tidak ada atau tidak sesuai). "
        "Berikan rekap periode (spbe-excel consolidate) atau rekap tahunan (spbe-excel year).",
        "The file {path} is not a year workbook of spbe-excel (its metadata sheet or its tables are missing or not "
        "as written). Give a consolidated workbook (spbe-excel consolidate) or a year workbook (spbe-excel year)."),
})

TEXTS.update({
    # --- the command line -------------------------------------------------------------------------------------
    "help.year": (
        "Gabungkan rekap periode-periode satu tahun (berkas REKAP dalam urutan apa pun, atau folder yang "
        "memuatnya) menjadi rekap tahunan: status, progres dan tingkat tiap aksi dan OPD per periode, indeks per "
        "periode terhadap nilai awal dan target, pelaporan dan keterlambatan OPD, aksi lewat Target Waktu, dengan "
        "grafik. Periode tanpa rekap ditampilkan sebagai tidak ada; rekap dari rencana, instansi atau tahun lain "
        "ditolak.",
        "Put the consolidated workbooks of one year's periods (REKAP files in any order, or a folder holding them) "
        "together into the year workbook: each action and OPD's status, progress and level per period, the index "
        "per period against the baseline and the target, the OPDs' reporting and lateness, the actions past their "
        "target year, with charts. A period without a workbook is shown as missing; workbooks of another plan, "
        "institution or year are refused."),
    "help.year_output": ("Buku kerja rekap tahunan yang ditulis (.xlsx).", "The year workbook to write (.xlsx)."),
    "help.deadline_days": (
        "Batas waktu laporan: sekian hari setelah periode berakhir (bawaan 10); tanggalnya dapat diubah di "
        "lembar Pelaporan.",
        "Reports are due this many days after their period ends (default 10); the dates may be changed on the "
        "Reporting sheet."),
    "help.report": (
        "Satu halaman A4 (PDF) untuk pimpinan dari rekap periode atau rekap tahunan REKAP: indeks sekarang "
        "terhadap nilai awal dan target dengan predikatnya, perjalanannya per periode, indeks per domain, "
        "pelaporan dan keterlambatan OPD, lima aksi paling lama lewat Target Waktu.",
        "One A4 page (PDF) for the leaders from a consolidated workbook or the year workbook REKAP: the index now "
        "against the baseline and the target with its predicate, its course over the periods, the index per "
        "domain, the OPDs' reporting and lateness, the five actions longest past their target year."),
    "help.report_output": ("Berkas PDF yang ditulis.", "The PDF to write."),
    "cli.year_skipped": ("Dilewati (bukan rekap periode): {path}", "Skipped (not a consolidated workbook): {path}"),
    "cli.report_deadline_ignored": (
        "--deadline-days tidak dipakai: rekap tahun {path} sudah memuat batas waktu pelaporan yang dipakai saat "
        "ditulis (ulangi spbe-excel year dengan --deadline-days untuk mengubahnya).",
        "--deadline-days is not used: the year workbook {path} holds the deadlines it was written with (run "
        "spbe-excel year again with --deadline-days to change them)."),
    "cli.year_periods": (
        "{institution} {year}: {present} dari {periods} periode berekap, terakhir {latest}.",
        "{institution} {year}: {present} of {periods} periods consolidated, the latest {latest}."),
    "cli.year_missing": ("Tidak ada rekap: {periods}.", "No consolidated workbook: {periods}."),
    "cli.year_index": (
        "Indeks SPBE {period}: awal {baseline}, dihitung {counted} ({predicate}), diklaim {claimed}, terverifikasi "
        "{verified}, target {target}.",
        "SPBE index {period}: baseline {baseline}, counted {counted} ({predicate}), claimed {claimed}, verified "
        "{verified}, target {target}."),
    "cli.year_overdue": ("Lewat Target Waktu: {count} pasangan aksi x OPD.",
                         "Past the target year: {count} action x OPD pair{count|s}."),
})
