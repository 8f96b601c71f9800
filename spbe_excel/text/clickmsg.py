"""click's own messages (usage errors, help headings) in Indonesian.

click words every message in English (its msgid, looked up with
:mod:`gettext`).  In a run in Indonesian, the command line rewords what
click has worded as it is shown, by matching it against these msgids (see
``spbe_excel.cli.rewording``); a message that is not here, because click
changed or added it, stays in English.  A translation uses only the
placeholders of its msgid, each converted as in the msgid (``{name!r}``),
so that it always formats.  Written from click 8.5's messages (with the older spelling of one
of them, from click 8.1).
"""

CLICK_ID: dict[str, str] = {
    # errors and their frame
    "Error: {message}": "Galat: {message}",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
    "Usage:": "Penggunaan:",
    "Missing argument": "Argumen wajib belum diberikan:",
    "Missing option": "Opsi wajib belum diisi:",
    "Missing parameter": "Parameter wajib belum diisi:",
    "Missing {param_type}": "Wajib diisi ({param_type}):",
    "Missing parameter: {param_name}": "Parameter wajib belum diisi: {param_name}",
    "Missing command.": "Perintah belum diberikan.",
    "Invalid value for {param_hint}: {message}": "Nilai tidak valid untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak valid: {message}",
    "No such option {name!r}.": "Tidak ada opsi {name!r}.",
    "No such option: {name}": "Tidak ada opsi {name}.",  # click 8.1
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} memerlukan {nargs} nilai.",
    "Could not open file {filename!r}: {message}": "Tidak dapat membuka berkas {filename!r}: {message}",
    "unknown error": "galat tidak dikenal",
    "Aborted!": "Dibatalkan!",
    # values of a parameter type
    "Choose from:\n\t{choices}": "Pilih salah satu:\n\t{choices}",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan bilangan yang valid ({number_type}).",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} bukan nilai ya/tidak yang valid. Nilai yang dikenal: {states}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ditemukan.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulis.",
    # help
    "Options": "Opsi",
    "Commands": "Perintah",
    "Positional arguments": "Argumen",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "required": "wajib",
    "default: {default}": "bawaan: {default}",
    "env var: {var}": "variabel lingkungan: {var}",
}

# ngettext: (singular msgid, plural msgid) -> (Indonesian for one, Indonesian for many).  Indonesian has no
# plural form; there are two translations only because the two msgids may have different placeholders.
CLICK_ID_PLURAL: dict[tuple[str, str], tuple[str, str]] = {
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Mungkin maksudnya {possibility}?", "(Mungkin maksudnya salah satu dari: {possibilities}?)"),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Ada argumen yang tidak diharapkan ({args})", "Ada argumen yang tidak diharapkan ({args})"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Opsi {name!r} memerlukan nilai.", "Opsi {name!r} memerlukan {nargs} nilai."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} bukan {choice}.", "{value!r} bukan salah satu dari {choices}."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Memerlukan {nargs} nilai, tetapi hanya 1 diberikan.", "Memerlukan {nargs} nilai, tetapi {len} diberikan."),
}
