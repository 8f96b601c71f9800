"""Why the library refuses a request: paths that are not there, OPD codes
outside the plan, options that do not go together, an earlier workbook that
is not ours.  Worded for any front end; the command line words some of them
with its option names (``cli.*``)."""

TEXTS: dict[str, tuple[str, str]] = {
    "usage.lang_unknown": (  # the language is what is wrong: both languages, in both
        "Bahasa tidak dikenal: '{value}'. Pilih salah satu: {known}. / Unknown language '{value}'; choose one of "
        "{known}.",
        "Bahasa tidak dikenal: '{value}'. Pilih salah satu: {known}. / Unknown language '{value}'; choose one of "
        "{known}."),
    "usage.path_missing": ("Tidak ditemukan: {path}", "Not found: {path}"),
    "usage.report_folder": (
        "{path} adalah folder. Berikan satu berkas: buku kerja rekap tahun (dari spbe-excel year) atau buku kerja "
        "rekap satu periode.",
        "{path} is a folder. Give one file: the year workbook (from spbe-excel year) or one period's consolidated "
        "workbook."),
    "usage.path_unreadable": ("Tidak dapat dibaca: {path}", "Cannot be read: {path}"),
    "usage.not_a_file": ("{path} adalah folder. Berikan satu berkas kiriman.",
                         "{path} is a folder. Give one submission file."),
    "usage.unknown_opd": (
        "Kode OPD tidak dikenal: {code}. Kode yang ada: {valid}",
        "Unknown OPD code: {code}. Valid codes: {valid}",
    ),
    "usage.opd_not_in_plan": (
        "OPD {code} tidak punya indikator di daftar induk ini. OPD yang punya indikator: {valid}",
        "OPD {code} has no indicator in this master list. OPDs with indicators: {valid}",
    ),
    "usage.period_required": (
        "Periode pelaporan wajib diisi untuk templat per OPD, misalnya \"Triwulan III 2019\" (templat kosong berisi "
        "semua indikator tidak memerlukannya).",
        "A reporting period is required for per-OPD templates, for example \"Triwulan III 2019\" (the blank "
        "template with every indicator needs none).",
    ),
    "usage.opd_and_all": (
        "Templat untuk OPD tertentu dan templat kosong berisi semua indikator tidak dapat diminta bersama.",
        "Templates for chosen OPDs and the blank template with every indicator cannot be asked for together.",
    ),
    "usage.previous_unreadable": (
        "Buku kerja rekap periode lalu {path} tidak dapat dibaca. Berikan buku kerja rekap periode lalu yang ditulis "
        "spbe-excel.",
        "The previous period's workbook {path} cannot be read. Give the previous period's consolidated workbook "
        "written by spbe-excel."),
    "usage.previous_not_ours": (
        "Berkas {path} bukan buku kerja rekap spbe-excel (lembar metadata tidak ada atau tidak sesuai). Berikan buku "
        "kerja rekap periode lalu.",
        "The file {path} is not a consolidated workbook of spbe-excel (its metadata sheet is missing or wrong). Give "
        "the previous period's consolidated workbook."),
    "usage.verifications_unreadable": (
        "Buku kerja verifikasi {path} tidak dapat dibaca. Berikan buku kerja rekap yang ditulis spbe-excel, yang "
        "kolom Verifikasinya diisi DKIS.",
        "The verification workbook {path} cannot be read. Give a consolidated workbook written by spbe-excel whose "
        "Verification column DKIS filled in."),
    "usage.verifications_not_ours": (
        "Berkas {path} bukan buku kerja rekap spbe-excel (lembar metadata tidak ada atau tidak sesuai). Berikan buku "
        "kerja rekap yang kolom Verifikasinya diisi DKIS.",
        "The file {path} is not a consolidated workbook of spbe-excel (its metadata sheet is missing or wrong). Give "
        "the consolidated workbook whose Verification column DKIS filled in."),
    "usage.period_invalid": (
        "Periode tidak dikenal: \"{value}\". Tulis salah satu bentuk ini, dengan tahunnya: {forms}.",
        "Unknown period: \"{value}\". Write one of these forms, with its year: {forms}."),
    "usage.period_year": (
        "Tahun {year} pada periode \"{value}\" tidak wajar untuk rencana tahun {plan_year}: tulis tahun {low} "
        "sampai {high}.",
        "The year {year} in the period \"{value}\" is not plausible for a plan of {plan_year}: write a year from "
        "{low} to {high}."),
    "usage.period_forms": (
        "Triwulan I sampai IV (\"Triwulan III {plan_year}\", juga \"TW 3 {plan_year}\" atau \"Q3 {plan_year}\"), "
        "Semester I atau II (\"Semester I {plan_year}\"), nama bulan (\"Agustus {plan_year}\" atau \"August "
        "{plan_year}\"), atau setahun penuh (\"Tahun {plan_year}\")",
        "Triwulan (quarter) I to IV (\"Triwulan III {plan_year}\", also \"Quarter 3 {plan_year}\" or \"Q3 "
        "{plan_year}\"), Semester I or II (\"Semester I {plan_year}\"), a month (\"August {plan_year}\" or "
        "\"Agustus {plan_year}\"), or a whole year (\"Tahun {plan_year}\" or \"Year {plan_year}\")"),
    "usage.output_suffix": (
        "Berkas keluaran {path} harus berakhiran {suffix} (isinya berformat {suffix}), misalnya {example}.",
        "The output {path} must end in {suffix} (that is its format), for example {example}."),
}
