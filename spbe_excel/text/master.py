"""Texts of master lists: sheets, fields and the problems a check reports."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- master list -----------------------------------------------------------
    "master.sheet.indicators": ("Indikator", "Indicators"),
    "master.sheet.opd": ("OPD", "OPD"),
    "master.sheet.info": ("Info", "Info"),
    "master.sheet.corrections": ("Koreksi", "Corrections"),
    "master.info.institution": ("Instansi", "Institution"),
    "master.info.title": ("Judul", "Title"),
    "master.info.plan_year": ("Tahun Rencana", "Plan Year"),
    "master.info.framework": ("Kerangka", "Framework"),
    "master.info.fingerprint": ("Sidik", "Fingerprint"),
    "master.corr.no": ("No", "No"),
    "master.corr.column": ("Kolom", "Column"),
    "master.corr.written": ("Tertulis", "Written"),
    "master.corr.corrected": ("Koreksi", "Corrected"),
    "master.corr.reason": ("Alasan", "Reason"),
    "master.table.title": ("{title} ({count} indikator, sidik {fingerprint})",
                           "{title} ({count} indicator{count|s}, fingerprint {fingerprint})"),
    "master.table.title.actions": ("{title} ({count} indikator, {actions} aksi, sidik {fingerprint})",
                                   "{title} ({count} indicator{count|s}, {actions} action{actions|s}, "
                                   "fingerprint {fingerprint})"),
    "master.table.action": ("Aksi", "Action"),
    "master.table.baseline_level": ("Awal", "Base"),
    "master.table.target_level": ("Target", "Target"),
    "master.table.target_year": ("Tahun", "Year"),
    "master.table.weight": ("Bobot", "Weight"),
    "master.table.opds": ("OPD", "OPD"),
    "master.opd.code": ("Kode", "Code"),
    "master.opd.name": ("Nama Resmi", "Official Name"),
    "master.opd.aliases": ("Alias", "Aliases"),
    "master.opd.email": ("E-mail", "E-mail"),
    "master.opd.whatsapp": ("WhatsApp", "WhatsApp"),
    "master.opd.person": ("Narahubung", "Contact Person"),
    "master.broken": (
        "Daftar induk {path} tidak dapat dipakai ({count} masalah):",
        "The master list {path} cannot be used ({count} problem{count|s}):",
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
    "master.p.bad_value": ("{column} tidak valid: \"{value}\" ({reason})",
                           "{column} is invalid: \"{value}\" ({reason})"),
    "master.p.duplicate_no": (
        "No {no} sudah dipakai di {other} untuk indikator lain (\"{name}\"); beberapa baris boleh memakai "
        "satu No hanya untuk aksi-aksi indikator yang sama: perbaiki No atau nama indikatornya",
        "No {no} is already used at {other} for another indicator (\"{name}\"); rows may share a No only for "
        "the actions of one indicator: correct the No or the indicator's name",
    ),
    "master.p.indicator_differs": (
        "{column} berbeda dengan baris pertama indikator No {no} ({other}: \"{value}\"); semua baris (aksi) "
        "satu indikator harus sama di kolom ini",
        "{column} differs from the first row of indicator No {no} ({other}: \"{value}\"); every row (action) "
        "of one indicator must agree in this column",
    ),
    "master.p.action_id": (
        "Aksi \"{value}\" tidak valid; tulis No indikator, titik dan nomor urut aksinya, misalnya {example}, "
        "atau kosongkan agar dinomori menurut urutan baris",
        "Action No. \"{value}\" is invalid; write the indicator's No, a dot and the action's number, for "
        "example {example}, or leave it empty to number the actions in row order",
    ),
    "master.p.duplicate_action": (
        "Aksi {action} dipakai lebih dari sekali (juga di {other}); setiap aksi perlu nomor sendiri (Excel "
        "menyimpan 5.10 yang diketik di sel angka sebagai 5.1: ketik nomor aksi sebagai teks, diawali ')",
        "Action {action} is used more than once (also at {other}); every action needs its own number (Excel "
        "stores a 5.10 typed into a number cell as 5.1: type the action number as text, starting with ')",
    ),
    "master.p.no_action": (
        "tidak ada aksi: setiap baris tanpa Tindak Lanjut dan OPD Terkait; isi aksi yang dipantau",
        "no action: every row is without Follow-up Action and Responsible OPD; fill in the actions to monitor",
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
    "master.p.no_opd": ("OPD Terkait kosong; setiap indikator perlu minimal satu OPD",
                        "no OPD; every indicator needs at least one"),
    "master.p.weights_sum": (
        "jumlah bobot {total} %, seharusnya 100 %",
        "the weights add up to {total} %, they must add up to 100 %",
    ),
    "master.p.duplicate_opd": ("kode OPD {code} dipakai lebih dari sekali", "OPD code {code} is used more than once"),
    "master.p.alias_clash": (
        "nama \"{alias}\" dipakai untuk dua OPD: {a} dan {b}",
        "the name \"{alias}\" is used for two OPDs: {a} and {b}",
    ),
    "master.p.bad_email": (
        "\"{value}\" bukan alamat e-mail; tulis seperti bappeda@denpasarkota.go.id, beberapa alamat dipisah ;",
        "\"{value}\" is not an e-mail address; write it as bappeda@example.go.id, several addresses separated "
        "by ;",
    ),
    "master.p.bad_whatsapp": (
        "\"{value}\" bukan nomor WhatsApp; tulis satu nomor HP seperti 0812-3456-7890 atau +62 812 3456 7890",
        "\"{value}\" is not a WhatsApp number; write one mobile number such as 0812-3456-7890 or "
        "+62 812 3456 7890",
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
}
