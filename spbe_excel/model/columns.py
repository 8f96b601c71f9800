"""The column model of the monitoring sheet.

One tuple, :data:`COLUMNS`, describes every column a monitoring row can hold:
its key, Indonesian and English label, the synonyms a user might type in a
header, its kind (which decides how a cell is parsed and formatted), who
fills it (the master list or the OPD) and where it appears.  The template
writer, the reader, the validation rules, the master-list loader and the
consolidated workbook all iterate over this model; adding a column is one
edit here.

Header-block fields (OPD, period, contact person, date filled) and the
allowed status values are described here too, for the same reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from spbe_excel.model.vocab import Status


class Kind(str, Enum):
    """How a column's cells are parsed, validated and formatted."""

    INT = "int"
    TEXT = "text"
    LONG_TEXT = "long_text"
    LEVEL = "level"  # maturity level 1..5
    LEVEL_KIND = "level_kind"  # capability / service
    PERCENT = "percent"  # 0..100 (points)
    MONEY = "money"  # rupiah, >= 0
    DATE = "date"
    STATUS = "status"
    YEAR = "year"
    OPD_LIST = "opd_list"  # one or more OPD codes
    WEIGHT = "weight"  # percent of the index, > 0


class Source(str, Enum):
    MASTER = "master"  # pre-filled from the master list, locked in the template
    OPD = "opd"  # filled in by the OPD
    COMPUTED = "computed"  # worked out by consolidation (only in the consolidated workbook)
    DKIS = "dkis"  # filled in by DKIS in the consolidated workbook (its verification of a claim)


@dataclass(frozen=True)
class Column:
    key: str
    label_id: str
    label_en: str
    kind: Kind
    source: Source
    synonyms: tuple[str, ...] = ()
    width: float = 12.0
    in_template: bool = True  # shown in the OPD's monitoring sheet
    in_master_file: bool = False  # a column of the master list file (and a field of master.Indicator)
    in_master_table: bool = False  # shown by ``master show`` in the terminal
    required: bool = False  # master file: must be filled; template: header must be present
    hint_id: str = ""
    hint_en: str = ""
    low: float | None = None
    high: float | None = None

    @property
    def wraps(self) -> bool:
        """Text-like cells wrap; numbers, money and dates do not."""
        return self.kind not in (Kind.INT, Kind.YEAR, Kind.PERCENT, Kind.MONEY, Kind.DATE, Kind.WEIGHT)

    def header_keys(self) -> set[str]:
        """Normalised forms of every header text that names this column."""
        return {norm(s) for s in (self.label_id, self.label_en, *self.synonyms)}


def norm(text: object) -> str:
    """Normalise a header or keyword for matching: case, accents, spacing
    and punctuation ignored; ``&`` reads as ``dan``."""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    s = s.lower().replace("&", " dan ")
    return re.sub(r"[^a-z0-9]+", "", s)


def words(text: object) -> list[str]:
    """Lower-case ASCII words of ``text`` (for phrase matching)."""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", s.lower().replace("&", " dan "))


META_SHEET = "spbe_meta"  # the hidden metadata sheet of templates and consolidated workbooks
TEMPLATE_FORMAT = "spbe-excel/monev"  # its "format" in a template (and a feedback workbook)
WORKBOOK_FORMAT = "spbe-excel/rekap"  # its "format" in a consolidated workbook
# A feedback workbook's metadata adds its "kind" and the time written in its document properties ("written"):
# any office program that saves the file again changes those properties, so a reader can tell the workbook as
# the tool wrote it (not a submission) from one an OPD corrected and saved (a submission).
FEEDBACK_KIND = "feedback"
# 2: Monev holds the level each pair counts at (a claim counts only when supported); 3: Monev holds the latest state
# each pair reported in the year and the period it was reported in, the metadata the institution and plan year;
# 4: Monev holds DKIS's verification of each claim (Verifikasi, Catatan Verifikasi) and the verified level, the
# sheet VERIFY_SHEET the fingerprint of each claim's row as written and who gave each verification, when
WORKBOOK_VERSION = "4"
VERIFY_SHEET = "spbe_verify"  # the very hidden sheet of a consolidated workbook with each claim's fingerprint


def col_letter(col: int) -> str:
    """0-based column index to letters: 0 -> "A", 27 -> "AB"."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_number(letters: str) -> int:
    """Column letters to a 1-based number: "A" -> 1, "XFD" -> 16384."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def a1(row: int, col: int) -> str:
    """0-based row and column to an A1 reference."""
    return f"{col_letter(col)}{row + 1}"


_MASTER, _OPD = Source.MASTER, Source.OPD

COLUMNS: tuple[Column, ...] = (
    # ---- filled from the master list -------------------------------------
    Column("no", "No", "No", Kind.INT, _MASTER, ("nomor", "no urut", "nomor urut", "#", "nomor indikator"),
           width=4.5, in_master_file=True, in_master_table=True, required=True),
    # The action's id: "5" when indicator 5 has one action, "5.1", "5.2", ... when it has several.  Optional in a
    # master file (numbered in row order without it) and shown only by plans with several actions per indicator;
    # templates show it in the No cell.  Not "action" (a synonym of Tindak Lanjut in older files).
    Column("action", "Aksi", "Action No.", Kind.TEXT, _MASTER,
           ("no aksi", "nomor aksi", "kode aksi", "id aksi", "no. aksi", "action no", "action number", "action id",
            "action code"), width=6, in_template=False, in_master_file=True, in_master_table=True),
    Column("indicator", "Indikator", "Indicator", Kind.TEXT, _MASTER,
           ("nama indikator", "indikator spbe", "indicator name"), width=22, in_master_file=True, in_master_table=True,
           required=True),
    Column("recommendation", "Rekomendasi", "Recommendation", Kind.LONG_TEXT, _MASTER,
           ("rekomendasi evaluasi", "rekomendasi perbaikan"), width=36, in_master_file=True, required=True),
    Column("baseline_level", "Nilai Tingkat Kematangan", "Baseline Maturity Level", Kind.LEVEL, _MASTER,
           ("tingkat kematangan awal", "nilai awal", "tingkat awal", "level awal", "nilai tingkat kematangan awal",
            "baseline level", "baseline", "nilai evaluasi"), width=11, in_master_file=True, in_master_table=True,
           required=True),
    Column("target_level", "Target Tingkat Kematangan", "Target Maturity Level", Kind.LEVEL, _MASTER,
           ("target tingkat", "target level", "tingkat target", "target kematangan"), width=11,
           in_master_file=True, in_master_table=True),
    Column("follow_up", "Tindak Lanjut", "Follow-up Action", Kind.LONG_TEXT, _MASTER,
           ("rencana tindak lanjut", "rencana aksi", "follow up", "action"), width=24,
           in_master_file=True, required=True),
    Column("target_year", "Target Waktu", "Target Year", Kind.YEAR, _MASTER,
           ("tahun target", "target tahun", "target penyelesaian", "deadline", "tahun"), width=7,
           in_master_file=True, in_master_table=True, required=True),
    Column("opds", "OPD Terkait", "Responsible OPD", Kind.OPD_LIST, _MASTER,
           ("opd", "perangkat daerah", "perangkat daerah terkait", "unit kerja", "opd penanggung jawab",
            "pd terkait", "agency", "responsible agency", "skpd"), width=11, in_master_file=True, in_master_table=True,
           required=True),
    # master-file only: the framework each row belongs to
    Column("domain", "Domain", "Domain", Kind.TEXT, _MASTER, ("domain spbe",), width=22, in_template=False,
           in_master_file=True, required=True),
    Column("aspect", "Aspek", "Aspect", Kind.TEXT, _MASTER, ("aspek spbe",), width=26, in_template=False,
           in_master_file=True, required=True),
    Column("weight", "Bobot (%)", "Weight (%)", Kind.WEIGHT, _MASTER, ("bobot", "bobot indikator"), width=9,
           in_template=False, in_master_file=True, in_master_table=True, required=True),
    Column("level_kind", "Jenis Tingkat", "Level Kind", Kind.LEVEL_KIND, _MASTER, ("jenis indikator", "jenis"),
           width=12, in_template=False, in_master_file=True, required=True),
    # ---- filled in by the OPD --------------------------------------------
    Column("status", "Status Tindak Lanjut", "Follow-up Status", Kind.STATUS, _OPD,
           ("status", "status tl", "status pelaksanaan", "status tindaklanjut", "keterangan status"),
           width=13, required=True,
           hint_id="Pilih dari daftar: Belum Dimulai, Dalam Proses, Selesai, atau Tidak Dapat Dilaksanakan.",
           hint_en="Choose from the list: Not Started, In Progress, Completed or Cannot Be Implemented."),
    Column("progress", "Progres (%)", "Progress (%)", Kind.PERCENT, _OPD,
           ("progres", "progress", "persentase", "persentase capaian", "persentase progres", "capaian (%)",
            "progres fisik", "realisasi fisik", "% progres", "kemajuan", "kemajuan (%)"),
           width=9, required=True, low=0, high=100,
           hint_id="Persentase pekerjaan yang sudah selesai, 0% sampai 100%. Contoh: 75%.",
           hint_en="Share of the work already done, 0% to 100%. Example: 75%."),
    Column("current_level", "Tingkat Kematangan Saat Ini", "Current Maturity Level", Kind.LEVEL, _OPD,
           ("tingkat kematangan", "tingkat saat ini", "level saat ini", "nilai tingkat kematangan saat ini",
            "perkiraan tingkat kematangan", "tingkat kematangan (perkiraan)", "current level",
            "self assessment", "penilaian mandiri"),
           width=13, low=1, high=5,
           hint_id="Perkiraan Anda atas tingkat kematangan indikator ini sekarang (1-5), pilih dari daftar.",
           hint_en="Your own estimate of this indicator's maturity level now (1-5); choose from the list."),
    Column("achievement", "Uraian Capaian", "Achievements", Kind.LONG_TEXT, _OPD,
           ("uraian", "capaian", "uraian kegiatan", "uraian progres", "hasil", "hasil yang dicapai",
            "keterangan capaian", "kegiatan yang sudah dilakukan", "description", "achievement"),
           width=30,
           hint_id="Apa yang sudah dikerjakan pada periode ini. Boleh beberapa baris (Alt+Enter).",
           hint_en="What was done this period. Several lines are fine (Alt+Enter)."),
    Column("evidence", "Bukti Dukung", "Supporting Evidence", Kind.TEXT, _OPD,
           ("bukti", "bukti pendukung", "dokumen pendukung", "data dukung", "link bukti", "evidence",
            "bukti dukung (dokumen/tautan)"),
           width=20,
           hint_id="Nomor SK/Perwali, judul dokumen, atau tautan. Wajib diisi bila status Selesai.",
           hint_en="Decree number, document title or link. Required when the status is Completed."),
    Column("obstacles", "Kendala", "Obstacles", Kind.LONG_TEXT, _OPD,
           ("hambatan", "kendala/hambatan", "kendala dan hambatan", "permasalahan", "masalah", "issues",
            "constraints"),
           width=20,
           hint_id="Kendala yang dihadapi dan bantuan yang dibutuhkan. Kosongkan bila tidak ada.",
           hint_en="Obstacles met and help needed. Leave empty if none."),
    Column("budget", "Anggaran (Rp)", "Budget (Rp)", Kind.MONEY, _OPD,
           ("anggaran", "pagu", "pagu anggaran", "budget", "alokasi anggaran", "anggaran (rupiah)", "nilai anggaran"),
           width=13, low=0,
           hint_id="Pagu anggaran untuk tindak lanjut ini dalam rupiah, tanpa titik. Contoh: 150000000.",
           hint_en="Budget for this action in rupiah, digits only. Example: 150000000."),
    Column("spent", "Realisasi (Rp)", "Realisation (Rp)", Kind.MONEY, _OPD,
           ("realisasi", "realisasi anggaran", "serapan", "serapan anggaran", "realization", "realisation",
            "spent", "expenditure"),
           width=13, low=0,
           hint_id="Anggaran yang sudah terpakai sampai tanggal pembaruan, dalam rupiah.",
           hint_en="Budget spent up to the update date, in rupiah."),
    Column("updated_on", "Tanggal Pembaruan", "Date Updated", Kind.DATE, _OPD,
           ("tanggal", "tgl pembaruan", "tanggal update", "tanggal pemutakhiran", "tgl update", "last updated",
            "date", "update"),
           width=11,
           hint_id="Tanggal data baris ini terakhir diperbarui, diketik tahun-bulan-tanggal agar hari dan bulan "
                   "tidak tertukar: 2019-08-12 untuk 12 Agustus 2019.",
           hint_en="Date this row was last updated, typed year-month-day so that day and month cannot be "
                   "swapped: 2019-08-12 for 12 August 2019."),
    Column("responsible", "Penanggung Jawab", "Person Responsible", Kind.TEXT, _OPD,
           ("pj", "nama penanggung jawab", "pic", "person in charge", "petugas", "pelaksana"),
           width=14,
           hint_id="Nama pejabat atau petugas yang bertanggung jawab atas tindak lanjut ini.",
           hint_en="Name of the official or officer responsible for this action."),
)

_COMPUTED = Source.COMPUTED
# Columns of the consolidated Monev sheet that no OPD fills in.
COMPUTED_COLUMNS: tuple[Column, ...] = (
    Column("opd", "Kode OPD", "OPD Code", Kind.TEXT, _COMPUTED, width=12, in_template=False),
    # the latest state reported in the year (this period's report, else the latest before it, from --previous)
    # (narrow: the Monev sheet of a plan with numbered actions prints on four page widths at 70 %)
    Column("latest_status", "Status Terakhir Tahun Ini", "Latest Status This Year", Kind.STATUS, _COMPUTED,
           width=10, in_template=False),
    Column("latest_progress", "Progres Terakhir (%)", "Latest Progress (%)", Kind.PERCENT, _COMPUTED, width=8,
           in_template=False),
    Column("latest_period", "Terakhir Dilaporkan", "Last Reported", Kind.TEXT, _COMPUTED, width=10,
           in_template=False),
    Column("latest_note", "Selesai Tidak Didukung Karena", "Completion Not Supported Because", Kind.TEXT, _COMPUTED,
           width=11, in_template=False),
    Column("previous_progress", "Progres Periode Lalu (%)", "Previous Progress (%)", Kind.PERCENT, _COMPUTED,
           width=10, in_template=False),
    Column("previous_counted", "Tingkat Dihitung Periode Lalu", "Level Counted Last Period", Kind.INT, _COMPUTED,
           width=10, in_template=False),
    Column("progress_change", "Perubahan Progres (%)", "Progress Change (%)", Kind.PERCENT, _COMPUTED, width=10,
           in_template=False),
    Column("level_used", "Tingkat Dihitung untuk Indeks", "Level Counted in the Index", Kind.INT, _COMPUTED,
           width=10, in_template=False),
    Column("level_note", "Tingkat Tidak Dihitung Karena", "Level Not Counted Because", Kind.TEXT, _COMPUTED,
           width=14, in_template=False),
    # DKIS's verification of the claim (a Selesai, a level above the baseline): typed in the workbook (a dropdown),
    # read back by the next --previous while the row is unchanged; the level the verified estimate counts
    Column("verdict", "Verifikasi", "Verification", Kind.TEXT, Source.DKIS, ("verifikasi dkis", "hasil verifikasi"),
           width=10, in_template=False),
    Column("verdict_note", "Catatan Verifikasi", "Verification Note", Kind.LONG_TEXT, Source.DKIS,
           ("catatan dkis", "komentar verifikasi"), width=14, in_template=False),
    Column("level_verified", "Tingkat Terverifikasi", "Verified Level", Kind.INT, _COMPUTED, width=10,
           in_template=False),
    Column("gap", "Selisih ke Target", "Gap to Target", Kind.INT, _COMPUTED, width=9, in_template=False),
    Column("absorption", "Serapan Anggaran (%)", "Budget Absorption (%)", Kind.PERCENT, _COMPUTED, width=10,
           in_template=False),
    Column("state", "Keadaan Laporan", "Report State", Kind.TEXT, _COMPUTED, width=12, in_template=False),
    Column("flag", "Tanda", "Flag", Kind.TEXT, _COMPUTED, width=11, in_template=False),
    Column("file", "Berkas Sumber", "Source File", Kind.TEXT, _COMPUTED, width=24, in_template=False),
)

BY_KEY: dict[str, Column] = {c.key: c for c in (*COLUMNS, *COMPUTED_COLUMNS)}
TEMPLATE_COLUMNS: tuple[Column, ...] = tuple(c for c in COLUMNS if c.in_template)
MASTER_FILE_COLUMNS: tuple[Column, ...] = tuple(c for c in COLUMNS if c.in_master_file)
MASTER_TABLE_COLUMNS: tuple[Column, ...] = tuple(c for c in MASTER_FILE_COLUMNS if c.in_master_table)
MASTER_TEMPLATE_COLUMNS: tuple[Column, ...] = tuple(c for c in TEMPLATE_COLUMNS if c.source is Source.MASTER)
OPD_COLUMNS: tuple[Column, ...] = tuple(c for c in COLUMNS if c.source is Source.OPD)
TEXT_KINDS = (Kind.TEXT, Kind.LONG_TEXT)

# The consolidated Monev sheet, one row per indicator and OPD: what identifies a row (No, indicator, OPD: the
# columns repeated on every printed page), the master columns a reader needs beside the OPD's (in this order),
# every OPD column, then what consolidation works out.
MONEV_MASTER_KEYS = ("no", "indicator", "weight", "baseline_level", "target_level", "follow_up", "target_year")
MONEV_COLUMNS: tuple[Column, ...] = (
    *(BY_KEY[k] for k in MONEV_MASTER_KEYS[:2]), BY_KEY["opd"], *(BY_KEY[k] for k in MONEV_MASTER_KEYS[2:]),
    *OPD_COLUMNS, *(c for c in COMPUTED_COLUMNS if c.key != "opd"),
)
# The same for a plan with several actions per indicator: the action's id (Aksi) after No.
MONEV_ACTION_COLUMNS: tuple[Column, ...] = (MONEV_COLUMNS[0], BY_KEY["action"], *MONEV_COLUMNS[1:])


def monev_columns(numbered: bool) -> tuple[Column, ...]:
    """The columns of the consolidated Monev sheet: with Aksi for a plan whose actions are numbered
    (:attr:`spbe_excel.master.MasterList.numbered`)."""
    return MONEV_ACTION_COLUMNS if numbered else MONEV_COLUMNS


def column(key: str) -> Column:
    return BY_KEY[key]


# ---- status values ----------------------------------------------------------

@dataclass(frozen=True)
class StatusValue:
    key: Status
    label_id: str
    label_en: str
    synonyms: tuple[str, ...] = field(default=())


STATUSES: tuple[StatusValue, ...] = (
    StatusValue(Status.NOT_STARTED, "Belum Dimulai", "Not Started",
                ("belum", "belum mulai", "belum dilaksanakan", "belum ada", "belum ada kegiatan", "not started",
                 "todo", "to do", "not yet started", "belum berjalan")),
    StatusValue(Status.IN_PROGRESS, "Dalam Proses", "In Progress",
                ("proses", "sedang proses", "dalam proses", "on progress", "onprogress", "in progress", "progress",
                 "sedang berjalan", "berjalan", "ongoing", "on going", "sedang dikerjakan", "dalam pengerjaan",
                 "dalam pelaksanaan", "sedang dilaksanakan", "belum selesai", "sudah dimulai", "progres",
                 "on process", "diproses")),
    StatusValue(Status.DONE, "Selesai", "Completed",
                ("sudah", "sudah selesai", "sudah dilaksanakan", "telah dilaksanakan", "telah selesai", "tuntas",
                 "done", "completed", "complete", "finished", "terlaksana", "sudah terlaksana", "rampung")),
    StatusValue(Status.CANNOT, "Tidak Dapat Dilaksanakan", "Cannot Be Implemented",
                ("tidak dapat", "tidak bisa", "tidak bisa dilaksanakan", "tidak dilaksanakan", "batal",
                 "dibatalkan", "cannot be implemented", "cannot", "not feasible", "tidak dapat dilanjutkan")),
)
STATUS_BY_KEY: dict[str, StatusValue] = {s.key: s for s in STATUSES}


# ---- header block -------------------------------------------------------------

@dataclass(frozen=True)
class HeaderField:
    key: str
    label_key: str  # key into labels.TEXTS
    synonyms: tuple[str, ...]
    kind: Kind


HEADER_FIELDS: tuple[HeaderField, ...] = (
    HeaderField("opd", "header.opd", ("perangkat daerah", "opd", "nama opd", "nama perangkat daerah", "unit kerja",
                                      "agency", "agency (opd)", "skpd", "instansi pelapor"), Kind.TEXT),
    HeaderField("period", "header.period", ("periode", "periode pelaporan", "period", "reporting period",
                                            "triwulan", "periode laporan"), Kind.TEXT),
    HeaderField("contact", "header.contact", ("narahubung", "contact person", "kontak", "nama narahubung",
                                              "contact", "petugas pengisi", "pengisi"), Kind.TEXT),
    HeaderField("filled_on", "header.filled_on", ("tanggal pengisian", "tanggal diisi", "tgl pengisian",
                                                  "date filled", "tanggal laporan", "date"), Kind.DATE),
)
