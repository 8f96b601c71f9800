"""Reading an earlier consolidated workbook (``--previous``): what it says per
(action, OPD), so that this period can be compared with it and the latest
state of the year chains on.  A workbook without an Aksi column (a plan with
one action per indicator, or written before actions had ids) gives each row
the action of its No.  A workbook of version 3 on holds each pair's latest
state of the year; an older one gives the state its own period reported
(:func:`latest_of_row`).  A workbook of version 4 on holds DKIS's verification
of each claim, typed in its Verifikasi column, and the fingerprint of each
claim's row as written (:func:`verification_of_row`); an older one holds none."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from spbe_excel.errors import PreviousWorkbookError
from spbe_excel.master import MasterList, action_id, action_parts
from spbe_excel.model import values
from spbe_excel.model.columns import META_SHEET, VERIFY_SHEET, WORKBOOK_FORMAT, norm
from spbe_excel.model.evidence import evidence_vague
from spbe_excel.model.pairs import LatestState
from spbe_excel.model.periods import Period
from spbe_excel.model.verification import Fingerprint, Verification, parse_verdict
from spbe_excel.model.vocab import PairState, Reason, Status
from spbe_excel.text import LANGS, t


def _not_ours(path: Path) -> PreviousWorkbookError:
    return PreviousWorkbookError("usage.previous_not_ours", path=path)


def _parse_fraction(v: object) -> float:
    return values.parse_percent(v, fractions=True)


def _cell(row: list, col: dict[str, int], key: str, parse: Callable[[object], object]) -> object:
    """The value of column ``key`` in ``row`` parsed with ``parse``; None when
    the column is missing, the cell empty or its value unreadable."""
    v = row[col[key]] if key in col and col[key] < len(row) else None
    if values.is_empty(v):
        return None
    try:
        return parse(v)
    except values.ParseError:
        return None


def _action(row: list, col: dict[str, int], no: int) -> str:
    """The action of a Monev row: its Aksi cell (as written: the workbook writes it as text), else its No."""
    c = col.get("action")
    parts = action_parts(row[c]) if c is not None and c < len(row) else None
    return action_id(*parts) if parts is not None and parts[0] == no else str(no)


def version(meta: dict[str, str]) -> int:
    """The version of a consolidated workbook's layout (its metadata's ``version``; 1 when it does not say)."""
    v = meta.get("version", "1")
    return int(v) if v.isdigit() else 1


def _words(*keys: str) -> dict[str, str]:
    """The normalised text of each key in every language, to the key: how a cell written in either reads back."""
    return {norm(t(key, lang)): key for key in keys for lang in LANGS}


_NOTES = _words(Reason.DONE_NO_EVIDENCE, Reason.DONE_EVIDENCE_VAGUE, Reason.DONE_ROW_ERROR)
_REPORTED = _words(f"state.{PairState.REPORTED}")
_ERROR = _words("flag.error")


def _status(row: list, col: dict[str, int], key: str) -> Status | None:
    v = _cell(row, col, key, values.parse_status)
    return v if isinstance(v, Status) else None


def _progress(row: list, col: dict[str, int], key: str) -> float | None:
    v = _cell(row, col, key, _parse_fraction)
    return float(v) if isinstance(v, (int, float)) else None


def _text(row: list, col: dict[str, int], key: str) -> str:
    return values.as_text(_cell(row, col, key, values.as_text) or "").strip()


def latest_of_row(row: list, col: dict[str, int], meta: dict[str, str]) -> LatestState | None:
    """The latest state of the year a Monev row holds: its latest columns in a workbook of version 3 on (a note
    not written by this tool reads as an error on the row: not supported); in an older one, the row's own report
    when it was reported with a status or a progress, in the workbook's period, a Selesai supported when it
    names its evidence and is not flagged an error.  None: not reported in the year."""
    if version(meta) >= 3:
        status, progress = _status(row, col, "latest_status"), _progress(row, col, "latest_progress")
        period, note = _text(row, col, "latest_period"), norm(_text(row, col, "latest_note"))
        period = Period.stated(period).label() if period else ""  # as the plan spells it, however typed
        why = Reason(_NOTES[note]) if note in _NOTES else Reason.DONE_ROW_ERROR if note else None
    else:
        status, progress = _status(row, col, "status"), _progress(row, col, "progress")
        if norm(_text(row, col, "state")) not in _REPORTED:
            return None
        period = Period.stated(meta["period"]).label() if meta.get("period") else ""
        evidence = row[col["evidence"]] if "evidence" in col and col["evidence"] < len(row) else None
        why = Reason.DONE_NO_EVIDENCE if values.is_placeholder(evidence) else \
            Reason.DONE_EVIDENCE_VAGUE if evidence_vague(evidence) else \
            Reason.DONE_ROW_ERROR if norm(_text(row, col, "flag")) in _ERROR else None
    if status is None and progress is None:
        return None
    return LatestState(status, progress, period, why if status == Status.DONE else None)


def _level(v: object) -> object:
    return values.parse_level(v)


def row_fingerprint(row: list, col: dict[str, int]) -> Fingerprint:
    """The fingerprint of a Monev row's status, level and evidence as its cells show them (a status and a level that
    do not parse, by their text), as :attr:`~spbe_excel.model.pairs.PairRow.fingerprint` gives it for the report."""
    raw = {key: row[col[key]] if key in col and col[key] < len(row) else None
           for key in ("status", "current_level", "evidence")}
    status, level = _status(row, col, "status"), _cell(row, col, "current_level", _level)
    return Fingerprint.of(status, level if isinstance(level, int) else None, raw)


class Recorded:
    """What a workbook of version 4 on records of its claims (its sheet :data:`VERIFY_SHEET`): per (action, OPD) the
    fingerprint of the row as written and the verification that held on it, with who gave it and when; and the
    workbook's document properties, for a verification typed into it since (who saved it last, when)."""

    def __init__(self, book, names: list[str], path: Path) -> None:
        self.path = path
        self.rows: dict[tuple[str, str], dict[str, str]] = {}
        self._saved: tuple[str, dt.datetime | None] | None = None
        if VERIFY_SHEET in names:
            table = book.get_sheet_by_name(VERIFY_SHEET).to_python()
            keys = [str(k) for k in (table[0] if table else [])]
            for line in table[1:]:
                entry = {k: values.as_text(v).strip() for k, v in zip(keys, line)}
                if entry.get("action") and entry.get("opd"):
                    self.rows[(entry["action"], entry["opd"])] = entry

    def saved(self) -> tuple[str, dt.datetime | None]:
        """Who saved the workbook last and when, as its document properties say (``("", None)`` unknown)."""
        if self._saved is None:
            self._saved = core_properties(self.path)
        return self._saved

    def verification(self, action: str, opd: str, row: list, col: dict[str, int]) -> Verification | None:
        """DKIS's verification on a Monev row: its Verifikasi and Catatan Verifikasi cells, for the row as the
        workbook recorded it (else as its cells show it); who and when as recorded when the verdict and note are the
        ones the workbook was written with, else as its document properties say.  None: both cells empty."""
        written, note = _text(row, col, "verdict"), _text(row, col, "verdict_note")
        if not written and not note:
            return None
        verdict = parse_verdict(written)
        entry = self.rows.get((action, opd), {})
        fingerprint = entry.get("fingerprint") or row_fingerprint(row, col).text
        if entry.get("verdict") == str(verdict or "") and entry.get("note", "") == note and verdict is not None:
            by, at = entry.get("by", ""), _datetime(entry.get("at", ""))
        else:
            by, at = self.saved()
        return Verification(action, opd, verdict, fingerprint, note, by, at,
                            written="" if verdict is not None else written)


_CORE_MODIFIED = re.compile(rb"<(?:\w+:)?modified\b[^>]*>([^<]*)<")
_CORE_MODIFIED_BY = re.compile(rb"<(?:\w+:)?lastModifiedBy\b[^>]*>([^<]*)<")


def _datetime(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")) if text.strip() else None
    except ValueError:
        return None


def core_properties(path: Path) -> tuple[str, dt.datetime | None]:
    """Who last saved an Open XML workbook and when (``docProps/core.xml``: lastModifiedBy, modified);
    ``("", None)`` for what it does not say."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = next((i for i in zf.infolist() if i.filename.replace("\\", "/") == "docProps/core.xml"), None)
            core = zf.open(info).read(64 * 1024) if info is not None else b""
    except (OSError, zipfile.BadZipFile):
        return "", None
    by, modified = _CORE_MODIFIED_BY.search(core), _CORE_MODIFIED.search(core)
    return (by.group(1).decode("utf-8", "replace").strip() if by else "",
            _datetime(modified.group(1).decode("utf-8", "replace")) if modified else None)


def open_with_meta(path: Path):
    """A workbook this tool may have written, opened with python-calamine after the same checks as any
    submission: (book, sheet names, the entries of its metadata sheet).  Raises whatever the checks or the
    parser raise for a file that cannot be opened."""
    import python_calamine

    from spbe_excel.read.safety.sniff import sniff

    data = path.read_bytes()
    sniff(data)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    names = book.sheet_names
    meta: dict[str, str] = {}
    if META_SHEET in names:
        for row in book.get_sheet_by_name(META_SHEET).to_python()[:50]:
            if len(row) >= 2 and row[0]:
                meta[str(row[0])] = values.as_text(row[1])
    return book, names, meta


def monev_pairs(rows: list[list], meta: dict[str, str]) -> list[tuple[str, str, list, dict[str, int]]] | None:
    """The pair rows of a consolidated workbook's Monev sheet (``rows``, found by its metadata ``meta``): (action,
    OPD, the row, its columns by key) each; None when the metadata does not say where they are."""
    header_row = int(meta.get("monev_header_row", "1") or 1) - 1
    keys = meta.get("monev_columns", "").split(",")
    if header_row >= len(rows) or not keys:
        return None
    col = {k: i for i, k in enumerate(keys)}
    out = []
    for row in rows[header_row + 1:]:
        try:
            no = values.parse_int(row[col["no"]])
        except (values.ParseError, IndexError, KeyError):
            continue
        out.append((_action(row, col, no), str(row[col["opd"]]).strip(), row, col))
    return out


def read_previous(path: str | os.PathLike, master: MasterList) -> dict:
    """What an earlier consolidated workbook (written by this tool) says per
    (action id, OPD): progress, level estimate, achievements, the level counted, the latest state of the year and
    DKIS's verification (:class:`~spbe_excel.model.verification.Verification`, or None).  Refuses any
    other file with :class:`PreviousWorkbookError`."""
    path = Path(path)
    try:
        book, names, meta = open_with_meta(path)
    except Exception:
        raise PreviousWorkbookError("usage.previous_unreadable", path=path) from None
    if meta.get("format") != WORKBOOK_FORMAT:
        raise _not_ours(path)
    sheet = meta.get("monev_sheet", "")
    if sheet not in names:
        raise _not_ours(path)
    pairs = monev_pairs(book.get_sheet_by_name(sheet).to_python(skip_empty_area=False), meta)
    if pairs is None:
        raise _not_ours(path)
    counts_claims = version(meta) >= 2
    recorded = Recorded(book, names, path) if version(meta) >= 4 else None
    out = {}
    for action, opd, row, col in pairs:
        out[(action, opd)] = {
            "progress": _cell(row, col, "progress", _parse_fraction),
            "level": _cell(row, col, "current_level", values.parse_level),
            "achievement": _cell(row, col, "achievement", values.as_text),
            # the level the pair counted at (a workbook of version 2 on: before, a claim counted unsupported)
            "counted": _cell(row, col, "level_used", values.parse_level) if counts_claims else None,
            "latest": latest_of_row(row, col, meta),
            # DKIS's verification typed into the workbook, or carried by it (a workbook of version 4 on)
            "verification": recorded.verification(action, opd, row, col) if recorded is not None else None,
        }
    if not out and norm(meta.get("fingerprint", "")) != norm(master.fingerprint):
        raise _not_ours(path)
    return out


def read_verifications(path: str | os.PathLike, master: MasterList) -> list[Verification]:
    """DKIS's verifications typed into (or carried by) a consolidated workbook: :func:`read_previous`'s, refusing
    any other file with the keys ``usage.verifications_*`` (the file is not given as the previous period's)."""
    try:
        pairs = read_previous(path, master)
    except PreviousWorkbookError as exc:
        raise PreviousWorkbookError(exc.key.replace("usage.previous_", "usage.verifications_"), **exc.params) from None
    return [p["verification"] for p in pairs.values() if p.get("verification") is not None]
