"""The words the code uses for states, statuses and reasons, as Enums.

Every member is its own string value everywhere it meets the outside world:
in comparisons (``Status.DONE == "done"``), f-strings, JSON and text keys
(``t(f"state.{PairState.REPORTED}")``).  So the JSON report, the metadata
sheets and user scripts see the same stable strings as before, while the code
cannot misspell one.
"""

from __future__ import annotations

from enum import Enum


class StrEnum(str, Enum):
    """A string Enum that formats and prints as its value (``enum.StrEnum``
    of Python 3.11, for 3.10 too)."""

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return str.__format__(str.__str__(self), spec)


class Status(StrEnum):
    """Follow-up status an OPD reports for an action (labels in the column model)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANNOT = "cannot"


class LevelKind(StrEnum):
    """Which scale of level names an indicator uses (DOMAIN.md)."""

    CAPABILITY = "capability"  # policy and governance: Rintisan ... Optimum
    SERVICE = "service"  # services: Informasi ... Optimalisasi


class FileState(StrEnum):
    """What became of a file: the reader accepts, rejects or skips it;
    consolidation sets aside an accepted file that another of the same OPD
    replaces (``DUPLICATE``)."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    SKIPPED = "skipped"
    DUPLICATE = "duplicate"


class RowState(StrEnum):
    """A row of a submission: it counts (``OK``), or it repeats an indicator,
    matches none, or belongs to another OPD."""

    OK = "ok"
    DUPLICATE = "duplicate"
    UNKNOWN = "unknown"
    NOT_ASSIGNED = "not_assigned"


class PairState(StrEnum):
    """An (indicator, OPD) pair of the plan after consolidation."""

    REPORTED = "reported"
    MISSING = "missing"
    REJECTED = "rejected"


class Reason(StrEnum):
    """Why something could not be used, or an explanation inside a message.
    Each value is the key of its text in :mod:`spbe_excel.text` (a test checks
    that every member has one in both languages)."""

    # a file
    FILE_EMPTY = "reason.file.empty"
    FILE_TOO_BIG = "reason.file.too_big"
    FILE_HTML = "reason.file.html"
    FILE_PDF = "reason.file.pdf"
    FILE_TEXT = "reason.file.text"
    FILE_UNKNOWN = "reason.file.unknown"
    FILE_CORRUPT = "reason.file.corrupt"
    FILE_BOMB = "reason.file.bomb"
    FILE_TEXT_BOMB = "reason.file.text_bomb"
    FILE_XML_ATTACK = "reason.file.xml_attack"
    FILE_ENCRYPTED = "reason.file.encrypted"
    FILE_OS = "reason.file.os"
    FILE_SHEET_TOO_LARGE = "reason.file.sheet_too_large"
    FILE_CRASHED = "reason.file.crashed"
    FILE_TIMEOUT = "reason.file.timeout"
    FILE_MEMORY = "reason.file.memory"
    FILE_NOT_WORKBOOK = "reason.file.not_workbook"
    FILE_OLD_FORMAT = "reason.file.old_format"
    FILE_SHEET_DAMAGED = "reason.file.sheet_damaged"
    FILE_STRINGS_DAMAGED = "reason.file.strings_damaged"
    FILE_LAYOUT = "reason.file.layout"
    # a file met in a folder that is not a submission
    LOCK_FILE = "why.lock_file"
    HIDDEN_FILE = "why.hidden_file"
    NOT_SPREADSHEET = "why.not_spreadsheet"
    OWN_WORKBOOK = "why.own_workbook"
    OWN_FEEDBACK = "why.own_feedback"
    # an output that cannot be written
    OS_DENIED = "reason.os.denied"
    OS_READONLY = "reason.os.readonly"
    OS_FULL = "reason.os.full"
    OS_NOTDIR = "reason.os.notdir"
    OS_TOOLONG = "reason.os.toolong"
    # a value that cannot be read as its column's kind
    NOT_A_NUMBER = "reason.not_a_number"
    OUT_OF_RANGE = "reason.out_of_range"
    NEGATIVE = "reason.negative"
    NOT_A_LEVEL = "reason.not_a_level"
    LEVEL_CONFLICT = "reason.level_conflict"
    NOT_A_STATUS = "reason.not_a_status"
    NOT_A_DATE = "reason.not_a_date"
    NOT_A_YEAR = "reason.not_a_year"
    NOT_A_PERIOD = "reason.not_a_period"
    PERIOD_YEAR = "reason.period_year"
    NOT_WHOLE = "reason.not_whole"
    AMBIGUOUS_DATE = "reason.ambiguous_date"
    # where the OPD of a file was read
    SRC_TEMPLATE = "why.src.template"
    SRC_HEADER = "why.src.header"
    SRC_COLUMN = "why.src.column"
    SRC_FILENAME = "why.src.filename"
    # explanations inside findings
    DONE_BELOW_100 = "why.done_below_100"
    FULL_NOT_DONE = "why.full_not_done"
    NOT_STARTED_ABOVE_0 = "why.not_started_above_0"
    DATE_FUTURE = "why.date_future"
    DATE_BEFORE_PLAN = "why.date_before_plan"
    DATE_BEFORE_PERIOD = "why.date_before_period"
    DATE_SWAPPED = "why.date_swapped"
    LEVEL_NO_EVIDENCE = "why.level_no_evidence"
    LEVEL_ROW_ERROR = "why.level_row_error"
    LEVEL_EVIDENCE_VAGUE = "why.level_evidence_vague"
    # why a Selesai is not supported (the latest state of the year)
    DONE_NO_EVIDENCE = "why.done_no_evidence"
    DONE_ROW_ERROR = "why.done_row_error"
    DONE_EVIDENCE_VAGUE = "why.done_evidence_vague"
    # why DKIS's verification of a claim does not apply this period (issue 19)
    VERIFY_CHANGED = "why.verify.changed"
    VERIFY_NOT_REPORTED = "why.verify.not_reported"
    VERIFY_NO_CLAIM = "why.verify.no_claim"
    VERIFY_NO_VERDICT = "why.verify.no_verdict"
    VERIFY_UNKNOWN_PAIR = "why.verify.unknown_pair"
    # why an action comes back in next year's plan (master new --from)
    CARRY_NOT_DONE = "why.carry.not_done"
    CARRY_UNSUPPORTED = "why.carry.unsupported"
    CARRY_SILENT = "why.carry.silent"
    CARRY_NEVER = "why.carry.never"
    FORMULA_CELL = "why.formula_cell"
    FORMULA_TEXT = "why.formula_text"
    DUP_FILLED_ON = "why.dup.filled_on"
    DUP_MODIFIED = "why.dup.modified"
    DUP_SAME = "why.dup.same"
