"""Read one OPD submission: whatever comes back, keep every value, say what
is wrong and where.

:func:`read_submission` sniffs the file (:mod:`spbe_excel.read.safety.sniff`), opens it
with python-calamine (.xlsx, .xlsm, .xltx, .xltm, .xlsb, .xls, .ods; macros never run, formulas
never evaluated: only cached values are read), finds the monitoring sheet by
the template's metadata or by looking for the header on every sheet, maps
columns by label and synonym in any order, reads the header block, matches
rows to indicators of the master list, parses values the way people type
them, and runs the validation rules (:mod:`spbe_excel.checks.rows`).

When python-calamine fails on a file that is well formed, the second reader
of :mod:`spbe_excel.read.one.second` reads it (xlrd reads the Excel 2.x-4.0
files python-calamine does not know).  The read path never imports pandas, and
openpyxl or xlrd only for a file python-calamine could not read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from spbe_excel.errors import SubmissionError
from spbe_excel.master import MasterList
from spbe_excel.model import values
from spbe_excel.model.columns import (
    FEEDBACK_KIND,
    META_SHEET,
    TEMPLATE_FORMAT,
    WORKBOOK_FORMAT,
    col_letter,
)
from spbe_excel.model.findings import Finding, make
from spbe_excel.model.submission import Incoming, Reading, SheetTable, SourceInfo, Submission
from spbe_excel.model.vocab import FileState, Reason
from spbe_excel.read.one.header import find_header, header_block
from spbe_excel.read.one.origin import determine_opd, filled_on, opd_of_file_name, stated_period
from spbe_excel.read.one.rows import candidate_rows, listed_actions, report_rows
from spbe_excel.read.one.second import SECOND_READERS, SecondBook, read_second
from spbe_excel.read.safety.identify import WORKBOOK_SUFFIXES, container_holds, read_head
from spbe_excel.read.safety.limits import DEFAULT_LIMITS, Limits
from spbe_excel.read.safety.sniff import KIND_SUFFIXES, Sniffed, skip_reason, sniff

# ---- entry point ---------------------------------------------------------------------------------

def read_file(item: str | os.PathLike | Incoming, master: MasterList, *,
              limits: Limits = DEFAULT_LIMITS) -> Reading:
    """Read one submitted file (a path, or an :class:`Incoming` that says what to call it and whose it is):
    what it holds and what of it cannot be read, as findings; never raises for a bad file.  The checks of
    :mod:`spbe_excel.checks` say what is wrong with what was read (:func:`spbe_excel.read.submission.read_submission`
    does both).

    A file rejected before it says whose it is belongs to the OPD of its link, or to the OPD its name names,
    so that the OPD is told its file was rejected, not that it sent nothing.  A file of a link is never
    skipped as a stray file of a folder would be: one that is no submission is that OPD's rejected file."""
    item = Incoming.of(item)
    reading = _read_file(item, master, limits)
    sub = reading.submission
    if item.opd and sub.status == FileState.SKIPPED:
        sub.findings = [_not_a_submission(f) for f in sub.findings]
    if sub.opd is None and sub.status == FileState.REJECTED:
        sub.opd = item.opd or opd_of_file_name(master.registry, sub.source.name)
        if sub.opd:
            sub.findings = [f if f.opd else replace(f, opd=sub.opd) for f in sub.findings]
    return reading


def _not_a_submission(f: Finding) -> Finding:
    """A ``file-skipped`` finding of a file that came through a link, as the finding that rejects it."""
    if f.code != "file-skipped":
        return f
    params = dict(f.params)
    if params.get("reason") == Reason.NOT_SPREADSHEET:
        params["reason"] = Reason.FILE_NOT_WORKBOOK
    return make("file-unreadable", file=f.file, **params)


def _read_file(item: Incoming, master: MasterList, limits: Limits) -> Reading:
    path, shown = Path(item.path), Path(item.name)
    skip = skip_reason(path)
    if skip is None and path.suffix.lower() not in WORKBOOK_SUFFIXES:  # a zip or OLE file: its directory tells
        head = read_head(path)
        holds = container_holds(path, head) if head else None
        skip = {"reason": Reason.NOT_SPREADSHEET, "content": holds} if holds else None
    if skip is not None:
        return Reading(_skipped(path, shown, skip))
    try:
        with open(path, "rb") as fh:  # read-only; the file is never modified
            data = fh.read(limits.max_file_bytes + 1)
        st = os.stat(path)
    except OSError as exc:
        sub = Submission(SourceInfo(str(shown), shown.name))
        sub.findings.append(make("file-unreadable", file=shown, reason=Reason.FILE_OS,
                                 detail=exc.strerror or type(exc).__name__))
        return Reading(sub)
    source = SourceInfo(
        path=str(shown), name=shown.name, sha256=hashlib.sha256(data).hexdigest(), size=st.st_size,
        modified=dt.datetime.fromtimestamp(st.st_mtime).isoformat(timespec="seconds"),
    )
    reading = read_bytes(data, source, master, limits=limits, opd=item.opd)
    sub = reading.submission
    if path.suffix.lower() not in WORKBOOK_SUFFIXES and sub.status == FileState.REJECTED and sub.findings:
        content = sub.findings[0].param("content")
        if sub.findings[0].param("reason") == Reason.FILE_NOT_WORKBOOK and content:
            return Reading(_skipped(path, shown, {"reason": Reason.NOT_SPREADSHEET, "content": content}))  # a .docx
    return reading


def _skipped(path: Path, shown: Path, skip: dict[str, str]) -> Submission:
    """A file that is not read: known by its path, size and date only, for the list of files seen."""
    sub = Submission(_stat_only(path, shown))
    sub.findings.append(make("file-skipped", file=shown, **skip))
    return sub


def _stat_only(path: Path, shown: Path) -> SourceInfo:
    """What a file that is not read is known by: its path, size and modification time."""
    try:
        st = os.stat(path)
    except OSError:
        return SourceInfo(str(shown), shown.name)
    return SourceInfo(str(shown), shown.name, size=st.st_size,
                      modified=dt.datetime.fromtimestamp(st.st_mtime).isoformat(timespec="seconds"))


def read_bytes(data: bytes, source: SourceInfo, master: MasterList, *, limits: Limits = DEFAULT_LIMITS,
               opd: str | None = None) -> Reading:
    """Read a submission's bytes (``source``: what they are known by; ``opd``: the OPD they are known to come
    from, see :class:`~spbe_excel.model.submission.Incoming`)."""
    sub = Submission(source)
    reading = Reading(sub)
    try:
        sniffed = sniff(data, limits)
        sub.source = replace(source, format=sniffed.kind)
        suffix = Path(source.name).suffix.lower()
        if suffix not in KIND_SUFFIXES[sniffed.kind]:
            sub.findings.append(make("file-misnamed", file=source.path, suffix=suffix or "-", kind=f".{sniffed.kind}"))
        if sniffed.decrypted:
            sub.findings.append(make("file-decrypted", file=source.path))
        try:
            _read_workbook(sniffed, reading, master, opd)
        except SubmissionError as exc:
            if exc.params.get("reason") == Reason.FILE_CORRUPT and sniffed.unreadable:  # an old format, a layout
                raise SubmissionError("file-unreadable", exc.detail, **sniffed.unreadable) from None
            raise
    except SubmissionError as exc:
        sub.findings.append(make(exc.code, file=source.path, **exc.params))
    return reading


# ---- the workbook ----------------------------------------------------------------------------------

def _read_workbook(sniffed: Sniffed, reading: Reading, master: MasterList, assigned: str | None) -> None:
    """Fill ``reading`` from the workbook: its template metadata, the monitoring
    table, who sent it and for when, its rows, and what of them cannot be read."""
    sub = reading.submission
    _refuse_oversized_xls(sniffed)
    book = _Book(sniffed.data, sniffed)
    names = book.names()
    meta = _meta_sheet(book, names, sniffed)
    own = _own_output(meta, sniffed)
    if own is not None:  # a workbook this tool wrote, left among the submissions
        sub.findings.append(make("file-skipped", file=sub.path, reason=own))
        return
    meta = meta if meta.get("format") == TEMPLATE_FORMAT else {}
    sub.meta = meta
    if meta:
        sub.source = replace(sub.source, template_version=meta.get("template_version", ""),
                             master_fingerprint=meta.get("master_fingerprint", ""))
    table = reading.table = _locate_table(book, names, meta, sniffed)
    sub.sheet = table.sheet
    block = header_block(table.rows[:table.header_row])
    candidates = candidate_rows(table, master, listed_actions(meta))
    where = {"file": sub.path, "sheet": table.sheet}
    sub.opd, found = determine_opd(meta, block, candidates, master.registry, sub.source.name, assigned=assigned,
                                   **where)
    sub.findings += found
    sub.period = stated_period(meta, block)
    sub.cells = {key: cell for key, (_, cell, _) in block.items() if cell}
    sub.contact = block.get("contact", ("", ""))[0]
    sub.filled_on, found = filled_on(block, **where)
    sub.findings += found
    fractions = bool(meta) or values.looks_fractional([c[1]["progress"] for c in candidates if "progress" in c[1]])
    sub.rows, found = report_rows(table, candidates, master, sub.opd, fractions, sub.path)
    sub.findings += found
    if book.second is not None:
        sub.findings.append(make("file-second-reader", file=sub.path, reader=book.second.reader,
                                 detail=book.failure or "-"))
    reading.complete = True


def _calamine(call):
    """Run a python-calamine call; what it raises becomes a finding.  It
    raises several unrelated types for broken files, and a Rust panic
    arrives as a PanicException, which is not an Exception."""
    import python_calamine

    try:
        return call()
    except python_calamine.PasswordError:
        raise SubmissionError("file-encrypted", reason=Reason.FILE_ENCRYPTED) from None
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:
        raise SubmissionError("file-unreadable", reason=Reason.FILE_CORRUPT, detail=str(exc)[:200]) from None


def _open(data: bytes):
    import python_calamine

    return _calamine(lambda: python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)))


def _sheet_rows(book, name: str) -> list[list]:
    return _calamine(lambda: book.get_sheet_by_name(name).to_python(skip_empty_area=False))


class _Book:
    """The workbook being read: python-calamine's; or, once python-calamine
    fails on a package that sniffing passed (an .ods with indented XML, as
    Gnumeric writes it), the second reader's for the rest of the file
    (:mod:`spbe_excel.read.one.second`: odfpy for .ods, openpyxl for .xlsx, xlrd for .xls).
    The file is damaged only when both fail, and then python-calamine's
    error is the one reported."""

    def __init__(self, data: bytes, sniffed: Sniffed):
        self.data, self.sniffed = data, sniffed
        self.second: SecondBook | None = None
        self.failure = ""  # what python-calamine said, when the second reader took over
        self._book: Any = None
        try:
            self._book = _open(data)
        except SubmissionError as exc:
            self._fall_back(exc)

    def _fall_back(self, exc: SubmissionError) -> SecondBook:
        if exc.code != "file-unreadable" or self.second is not None or self.sniffed.kind not in SECOND_READERS:
            raise exc
        try:
            self.second = read_second(self.data, self.sniffed.kind, self.sniffed.limits)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:
            raise exc from None
        self.failure = (exc.detail or str(exc.params.get("detail", "")))[:200]
        return self.second

    def names(self) -> list[str]:
        if self.second is None:
            try:
                return _calamine(lambda: list(self._book.sheet_names))
            except SubmissionError as exc:
                return list(self._fall_back(exc).sheet_names)
        return list(self.second.sheet_names)

    def _current(self) -> None:
        """Open the file again when sniffing has written it anew since (a sheet with a merge of whole columns,
        just measured: :meth:`Sniffed.scan <spbe_excel.read.safety.sniff.Sniffed.scan>`)."""
        if self.sniffed.data is self.data:
            return
        self.data = self.sniffed.data
        if self.second is not None:
            try:
                self.second = read_second(self.data, self.sniffed.kind, self.sniffed.limits)
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException:
                raise SubmissionError("file-unreadable", reason=Reason.FILE_CORRUPT,
                                      detail=self.failure or "-") from None
            return
        try:
            self._book = _open(self.data)
        except SubmissionError as exc:
            self._fall_back(exc)

    def rows(self, name: str) -> list[list]:
        self._current()
        if self.second is None:
            try:
                return _sheet_rows(self._book, name)
            except SubmissionError as exc:
                self._fall_back(exc)
        assert self.second is not None
        try:
            return self.second.rows(name)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:
            raise SubmissionError("file-unreadable", reason=Reason.FILE_CORRUPT,
                                  detail=self.failure or "-") from None

    def visibility(self) -> dict[str, str]:
        """Each sheet's visibility as python-calamine names it ("Visible", "Hidden", "VeryHidden")."""
        try:
            book = self.second if self.second is not None else self._book
            return {m.name: str(m.visible) for m in book.sheets_metadata}
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:
            return {}


def _refuse_oversized_xls(sniffed: Sniffed) -> None:
    """python-calamine reads every sheet of an .xls when it opens it: one oversized sheet is fatal."""
    if sniffed.kind == "xls" and sniffed.too_large:
        sheet, (rows, cols) = next(iter(sniffed.too_large.items()))
        raise SubmissionError("file-unreadable", reason=Reason.FILE_SHEET_TOO_LARGE, sheet=sheet, rows=rows,
                              cols=cols)


def _meta_sheet(book: _Book, names: list[str], sniffed: Sniffed) -> dict[str, str]:
    """What this tool wrote on a workbook's metadata sheet (a template's format,
    version, OPD, period, sheet and header row; a consolidated workbook's
    format), or nothing when there is no such sheet."""
    meta: dict[str, str] = {}
    if META_SHEET in names and not sniffed.is_too_large(META_SHEET):
        for row in book.rows(META_SHEET)[:100]:
            if len(row) >= 2 and isinstance(row[0], str) and row[0]:
                meta[row[0]] = values.as_text(row[1])
    return meta


_CORE_MODIFIED = re.compile(rb"<(?:\w+:)?modified\b[^>]*>([^<]*)<")
_CORE_MODIFIED_BY = re.compile(rb"<(?:\w+:)?lastModifiedBy\b[^>]*>([^<]*)<")


def _own_output(meta: dict[str, str], sniffed: Sniffed) -> str | None:
    """Why a workbook this tool wrote is not a submission, or None.  A
    consolidated workbook never is; a feedback workbook is not while it is
    exactly as written: an .xlsx whose document properties still carry the
    time and author the tool gave them, which any office program that saves
    the file changes.  One an OPD corrected and saved is a submission."""
    if meta.get("format") == WORKBOOK_FORMAT:
        return Reason.OWN_WORKBOOK
    if meta.get("format") != TEMPLATE_FORMAT or meta.get("kind") != FEEDBACK_KIND or sniffed.kind != "xlsx":
        return None
    core = sniffed.part("docProps/core.xml", 64 * 1024) or b""
    modified, by = _CORE_MODIFIED.search(core), _CORE_MODIFIED_BY.search(core)
    if modified and by and modified.group(1).decode("utf-8", "replace") == meta.get("written") \
            and by.group(1) == b"spbe-excel":
        return Reason.OWN_FEEDBACK
    return None


def _sheet_order(book: _Book, names: list[str], meta: dict[str, str]) -> list[str]:
    """The sheets that may hold the table: the one the metadata names, then visible sheets, then hidden ones."""
    visibility = book.visibility()
    order = [n for n in names if n != META_SHEET]
    order.sort(key=lambda n: (n != meta.get("sheet"), "Visible" not in visibility.get(n, "Visible")))
    return order


def _locate_table(book: _Book, names: list[str], meta: dict[str, str], sniffed: Sniffed) -> SheetTable:
    """The first sheet, in :func:`_sheet_order`, with a header; a sheet too
    large to parse is passed over (and named if no other sheet has one)."""
    order = _sheet_order(book, names, meta)
    skipped_large = []
    for name in order:
        if sniffed.is_too_large(name):
            skipped_large.append(name)
            continue
        rows = book.rows(name)
        hint = None
        if name == meta.get("sheet") and meta.get("header_row", "").isdigit():
            hint = int(meta["header_row"]) - 1
        header = find_header(rows, hint)
        if header is not None:
            header_row, data_start, columns = header
            scan = sniffed.scan(name)
            return SheetTable(name, rows, header_row, data_start, columns,
                              {key: col_letter(c) for key, c in columns.items()},
                              scan.formulas if scan is not None else {})
    if skipped_large:
        rows_n, cols_n = sniffed.too_large[skipped_large[0]]
        raise SubmissionError("file-unreadable", reason=Reason.FILE_SHEET_TOO_LARGE, sheet=skipped_large[0],
                              rows=rows_n, cols=cols_n)
    raise SubmissionError("sheet-not-found", sheets=tuple(order[:3]), sheet_count=len(order))
