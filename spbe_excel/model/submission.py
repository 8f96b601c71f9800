"""What reading a submission yields: the file, its rows as reported, its
findings.  Plain data shared by the reader, the checks, consolidation and the
writers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spbe_excel.model import values
from spbe_excel.model.columns import BY_KEY, OPD_COLUMNS, TEMPLATE_COLUMNS, Source
from spbe_excel.model.findings import Finding, Severity
from spbe_excel.model.vocab import FileState, RowState


@dataclass(frozen=True, slots=True)
class Incoming:
    """A file to read: where it is, what outputs call it (``shown``, default its path: the intake page reads a
    stored copy under the name the OPD uploaded), and the OPD it is known to come from (``opd``: the OPD of the
    intake link it came through), whose report it must be."""

    path: str
    shown: str = ""
    opd: str | None = None

    @classmethod
    def of(cls, item) -> Incoming:
        return item if isinstance(item, Incoming) else cls(str(item))

    @property
    def name(self) -> str:
        """What outputs call the file: its shown path, or its path; as text every output can hold (see
        :func:`printable`)."""
        return printable(self.shown or self.path)


def printable(name: str) -> str:
    """A file name as outputs show it: a byte of the name on disk that is not UTF-8 (a name from a Windows zip or
    an old mail client, ``DKIS_\xe9t\xe9.xlsx``, which Python keeps as a lone surrogate that no workbook, JSON or
    terminal can hold) shown as U+FFFD, the rest as it is.  The file itself is still opened by its path."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:  # a surrogate that is no escaped byte
            return name.encode("utf-8", "replace").decode("utf-8")
    return name


@dataclass(frozen=True, slots=True)
class SourceInfo:
    path: str
    name: str
    sha256: str = ""
    size: int = 0
    modified: str = ""  # ISO timestamp of the file's modification time
    format: str = ""  # xlsx | xlsm | xls | ods
    template_version: str = ""
    master_fingerprint: str = ""


@dataclass(slots=True)
class ReportRow:
    """One action of an indicator as reported: typed values of the OPD
    columns, and for every matched column the value exactly as written and
    its cell.  In rows that count (state "ok") the master columns are kept in
    ``raw`` only where they differ from the master list."""

    no: int | None  # the indicator's No
    action: str | None  # the action's id ("5", "5.1"); None when the row matches no action
    sheet: str
    row: int  # 1-based row in the sheet
    values: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict)
    letters: dict = field(default_factory=dict)  # column key -> column letter, for every mapped column
    state: RowState = RowState.OK
    formulas: dict = field(default_factory=dict)  # key -> formula text, for cells that hold one
    fractions: bool = False  # progress numbers are fractions of one (a percentage-formatted column)

    def shown(self, key: str) -> str:
        """The value of ``key`` as the user sees it ("10%" for 0.1 in a percentage cell)."""
        return values.shown(BY_KEY[key].kind, self.raw[key], fractions=self.fractions) if key in self.raw else ""

    def cell(self, key: str) -> str:
        """The A1 address of column ``key`` on this row ("" when the column is not in the sheet)."""
        letter = self.letters.get(key)
        return f"{letter}{self.row}" if letter else ""

    @property
    def cells(self) -> dict[str, str]:
        return {key: f"{letter}{self.row}" for key, letter in self.letters.items()}

    @property
    def has_opd_values(self) -> bool:
        return any(c.key in self.raw for c in OPD_COLUMNS)


@dataclass(frozen=True)
class SheetTable:
    """The monitoring table as found on its sheet: the sheet's cells as the
    parser returned them, where the header and the data start (0-based
    rows), the column of each key found, and the cells that hold formulas."""

    sheet: str
    rows: list[list]
    header_row: int  # 0-based
    data_start: int  # 0-based: the first row after the header (and its sub-labels)
    columns: dict[str, int]  # column key -> 0-based column
    letters: dict[str, str]  # column key -> column letter
    formulas: dict[str, str]  # A1 cell -> formula text


@dataclass
class Submission:
    source: SourceInfo
    opd: str | None = None
    period: str | None = None
    contact: str = ""
    filled_on: dt.date | None = None
    sheet: str | None = None
    rows: list[ReportRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)  # header-block field (opd, period, ...) -> its cell

    @property
    def status(self) -> FileState:
        """What the checks that ran make of the file: ``SKIPPED`` when it is not a submission (a
        ``file-skipped`` finding), ``REJECTED`` when a finding rejects it
        (:data:`~spbe_excel.model.findings.REJECTING`), else ``ACCEPTED``."""
        rejected = False
        for f in self.findings:
            if f.code == "file-skipped":
                return FileState.SKIPPED
            rejected = rejected or f.rejects
        return FileState.REJECTED if rejected else FileState.ACCEPTED

    @property
    def path(self) -> str:
        return self.source.path

    def rows_by_action(self) -> dict[str, ReportRow]:
        """The rows that count: one per action (duplicates, unknown and
        unassigned rows left out)."""
        return {r.action: r for r in self.rows if r.state == RowState.OK and r.action is not None}

    def rows_by_no(self) -> dict[int, ReportRow]:
        """The rows that count by indicator No: for a plan with one action per
        indicator (of an indicator with several actions, the last one's row)."""
        return {r.no: r for r in self.rows if r.state == RowState.OK and r.no is not None}

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    def forget_master_copies(self, changed: set[tuple[str | None, str]]) -> None:
        """Rows that count keep, of the master columns, only what differs from the master list (``changed``:
        (action, column) of every master cell a check found changed): the template's locked copies of the plan
        are not the OPD's data, and without them a submission is several times smaller to pass between
        processes and to hold (an indicator shared by hundreds of OPDs lists them all in every file)."""
        for row in self.rows:
            if row.state != RowState.OK:
                continue
            raw = row.raw
            for key in _MASTER_COPIES:
                if key in raw and (row.action, key) not in changed:
                    del raw[key]


_MASTER_COPIES = tuple(c.key for c in TEMPLATE_COLUMNS if c.source is Source.MASTER and c.key != "no")


@dataclass
class Reading:
    """What reading one file gives: the submission as read (its findings: what could not be read), the
    monitoring table once found (for the checks of the sheet), and whether every row was read."""

    submission: Submission
    table: SheetTable | None = None
    complete: bool = False
