"""Read one OPD submission: whatever comes back, keep every value, say what
is wrong and where.

:func:`read_submission` sniffs the file (:mod:`spbe_excel.read.sniff`), opens it
with python-calamine (.xlsx, .xlsm, .xls, .ods; macros never run, formulas
never evaluated: only cached values are read), finds the monitoring sheet by
the template's metadata or by looking for the header on every sheet, maps
columns by label and synonym in any order, reads the header block, matches
rows to indicators of the master list, parses values the way people type
them, and runs the validation rules (:mod:`spbe_excel.checks.rows`).

The read path never imports pandas or openpyxl.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import io
import os
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from spbe_excel.checks import policy, run_rules
from spbe_excel.errors import SubmissionError
from spbe_excel.master import MasterList
from spbe_excel.model import values
from spbe_excel.model.columns import (
    HEADER_FIELDS,
    META_SHEET,
    OPD_COLUMNS,
    TEMPLATE_COLUMNS,
    TEMPLATE_FORMAT,
    Source,
    col_letter,
    norm,
    words,
)
from spbe_excel.model.findings import make
from spbe_excel.model.submission import ReportRow, SourceInfo, Submission
from spbe_excel.model.vocab import FileState, Reason, RowState
from spbe_excel.read.limits import DEFAULT_LIMITS, Limits
from spbe_excel.read.sniff import Sniffed, skip_reason, sniff
from spbe_excel.text import LANGS, t

HEADER_SCAN_ROWS = 40


# ---- entry point ---------------------------------------------------------------------------------

def read_submission(path: str | os.PathLike, master: MasterList, *, period: str | None = None,
                    today: dt.date | None = None, limits: Limits = DEFAULT_LIMITS) -> Submission:
    """Read and validate one submitted file.  Never raises for a bad file:
    problems are findings, and a file that cannot be used is ``rejected``."""
    path = Path(path)
    today = today or dt.date.today()
    reason = skip_reason(path)
    if reason is not None:
        sub = Submission(SourceInfo(str(path), path.name), status=FileState.SKIPPED)
        sub.findings.append(make("file-skipped", file=path, reason=reason))
        return sub
    try:
        with open(path, "rb") as fh:  # read-only; the file is never modified
            data = fh.read(limits.max_file_bytes + 1)
        st = os.stat(path)
    except OSError as exc:
        sub = Submission(SourceInfo(str(path), path.name), status=FileState.REJECTED)
        sub.findings.append(make("file-unreadable", file=path, reason=Reason.FILE_OS,
                                 detail=exc.strerror or type(exc).__name__))
        return sub
    source = SourceInfo(
        path=str(path), name=path.name, sha256=hashlib.sha256(data).hexdigest(), size=st.st_size,
        modified=dt.datetime.fromtimestamp(st.st_mtime).isoformat(timespec="seconds"),
    )
    return read_bytes(data, source, master, period=period, today=today, limits=limits)


def read_bytes(data: bytes, source: SourceInfo, master: MasterList, *, period: str | None = None,
               today: dt.date | None = None, limits: Limits = DEFAULT_LIMITS) -> Submission:
    sub = Submission(source)
    try:
        sniffed = sniff(data, limits)
        sub.source = replace(source, format=sniffed.kind)
        suffix = Path(source.name).suffix.lower()
        if suffix != f".{sniffed.kind}":
            sub.findings.append(make("file-misnamed", file=source.path, suffix=suffix or "-", kind=f".{sniffed.kind}"))
        _Reader(data, sniffed, sub, master, period, today or dt.date.today()).run()
    except SubmissionError as exc:
        sub.findings.append(make(exc.code, file=source.path, **exc.params))
    policy.apply(sub)
    return sub


# ---- header matching -------------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def _header_candidates(text: str) -> tuple[str, ...]:
    """Normalised forms of a header cell: whole, first line, without a
    parenthesised remark ("Progres (%)\\n(0-100)" -> "progres").  Cached:
    the same labels come back in every file."""
    out = [norm(text)]
    first = text.strip().split("\n", 1)[0]
    out.append(norm(first))
    out.append(norm(_REMARK.sub(" ", first)))
    return tuple(c for c in dict.fromkeys(out) if c)


_REMARK = re.compile(r"\(.*?\)|\[.*?\]")
MAX_LABEL = 80  # a header label is never longer; longer cells are data


def _header_key(cell) -> str | None:
    """The column key a cell names as a header, or None."""
    if not isinstance(cell, str) or len(cell) > MAX_LABEL or not cell.strip():
        return None
    for cand in _header_candidates(cell):
        key = _HEADER_LOOKUP.get(cand)
        if key is not None:
            return key
    return None


_HEADER_LOOKUP: dict[str, str] = {}
for _col in TEMPLATE_COLUMNS:
    for _k in _col.header_keys():
        _HEADER_LOOKUP.setdefault(_k, _col.key)

_HEADER_KEY_COUNT = len(set(_HEADER_LOOKUP.values()))

_FIELD_LOOKUP: dict[str, str] = {}
for _f in HEADER_FIELDS:
    for _lang in ("id", "en"):
        _FIELD_LOOKUP.setdefault(norm(t(_f.label_key, _lang)), _f.key)
    for _s in _f.synonyms:
        _FIELD_LOOKUP.setdefault(norm(_s), _f.key)

_OPD_KEYS = {c.key for c in OPD_COLUMNS}
_MASTER_COPIES = tuple(c.key for c in TEMPLATE_COLUMNS if c.source is Source.MASTER and c.key != "no")


@lru_cache(maxsize=4096)
def _field_key(label: str) -> str | None:
    """The header-block field a label names ("Perangkat Daerah" -> "opd"), or None."""
    return _FIELD_LOOKUP.get(norm(label))
_TOTAL_WORDS = ("jumlah", "total", "grandtotal", "ratarata", "subtotal", "average")


def _match_header_row(row: list) -> dict[str, int]:
    found: dict[str, int] = {}
    for c, cell in enumerate(row):
        key = _header_key(cell)
        if key is not None and key not in found:
            found[key] = c
    return found


def _good_header(found: dict[str, int]) -> bool:
    return ("no" in found or "indicator" in found) and len(set(found) & _OPD_KEYS) >= 2 and len(found) >= 3


def find_header(rows: list[list], hint: int | None = None) -> tuple[int, int, dict[str, int]] | None:
    """(header row, first data row, column map) or None.

    The header is the row (among the first 40) that names the most columns;
    rows more than two below the first good one are not considered.  It may
    have a second row of sub-labels under a merged group label ("Anggaran"
    over "Pagu" and "Realisasi"): that row only adds columns to a row that
    is a header on its own.  ``hint`` (the template's header row) is tried
    first."""
    best = None
    order = list(range(min(HEADER_SCAN_ROWS, len(rows))))
    if hint is not None and 0 <= hint < len(order):
        order = [hint, hint + 1, hint + 2] + [r for r in order if r not in (hint, hint + 1, hint + 2)]
        order = [r for r in order if r < len(rows)]
    for r in order:
        if best is not None and r > best[0] + 2:
            break
        one = _match_header_row(rows[r])
        if not _good_header(one):
            continue
        combined, start = one, r + 1
        if r + 1 < len(rows):
            two = _match_header_row(rows[r + 1])
            if two and not _good_header(two):
                merged = dict(one)
                taken = set(one.values())
                for key, c in two.items():
                    if key not in merged and c not in taken:
                        merged[key] = c
                        taken.add(c)
                if len(merged) > len(one):
                    combined, start = merged, r + 2
        if best is None or len(combined) > len(best[2]):
            best = (r, start, combined)
            if len(combined) == _HEADER_KEY_COUNT:  # names every column: no other row can do better
                break
    return best


# ---- the reader ------------------------------------------------------------------------------------

class _Reader:
    def __init__(self, data: bytes, sniffed: Sniffed, sub: Submission, master: MasterList, period: str | None,
                 today: dt.date):
        self.data = data
        self.sniffed = sniffed
        self.sub = sub
        self.master = master
        self.expected_period = period
        self.today = today
        self.file = sub.source.path

    def finding(self, code: str, **kw) -> None:
        self.sub.findings.append(make(code, file=self.file, **kw))

    # -- workbook ---------------------------------------------------------------------------------------
    def _calamine(self, call):
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

    def _open(self):
        import python_calamine

        return self._calamine(lambda: python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(self.data)))

    def _sheet_rows(self, book, name: str) -> list[list]:
        return self._calamine(lambda: book.get_sheet_by_name(name).to_python(skip_empty_area=False))

    def run(self) -> None:
        if self.sniffed.kind == "xls" and self.sniffed.too_large:
            # python-calamine reads every sheet of an .xls when it opens it: one oversized sheet is fatal
            sheet, (rows, cols) = next(iter(self.sniffed.too_large.items()))
            raise SubmissionError("file-unreadable", reason=Reason.FILE_SHEET_TOO_LARGE, sheet=sheet, rows=rows,
                                  cols=cols)
        book = self._open()
        names = self._calamine(lambda: list(book.sheet_names))
        too_large = self.sniffed.too_large
        meta: dict = {}
        if META_SHEET in names and not self.sniffed.is_too_large(META_SHEET):
            for row in self._sheet_rows(book, META_SHEET)[:100]:
                if len(row) >= 2 and isinstance(row[0], str) and row[0]:
                    meta[row[0]] = values.as_text(row[1])
        if meta.get("format") != TEMPLATE_FORMAT:
            meta = {}
        self.sub.meta = meta
        if meta:
            self.sub.source = replace(self.sub.source, template_version=meta.get("template_version", ""),
                                       master_fingerprint=meta.get("master_fingerprint", ""))

        # candidate sheets: the one the metadata names, then visible sheets, then hidden ones
        try:
            visibility = {m.name: str(m.visible) for m in book.sheets_metadata}
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:
            visibility = {}
        order = [n for n in names if n != META_SHEET]
        order.sort(key=lambda n: (n != meta.get("sheet"), "Visible" not in visibility.get(n, "Visible")))
        found = None
        skipped_large = []
        for name in order:
            if self.sniffed.is_too_large(name):
                skipped_large.append(name)
                continue
            rows = self._sheet_rows(book, name)
            hint = None
            if name == meta.get("sheet") and meta.get("header_row", "").isdigit():
                hint = int(meta["header_row"]) - 1
            header = find_header(rows, hint)
            if header is not None:
                found = (name, rows, header)
                break
        if found is None:
            if skipped_large:
                rows, cols = too_large[skipped_large[0]]
                raise SubmissionError("file-unreadable", reason=Reason.FILE_SHEET_TOO_LARGE,
                                      sheet=skipped_large[0], rows=rows, cols=cols)
            raise SubmissionError("sheet-not-found", sheets=", ".join(f'"{n}"' for n in order) or "-")
        name, rows, (header_row, data_start, colmap) = found
        self.sub.sheet = name
        self.sheet = name
        self.rows = rows
        self.colmap = colmap
        scan = self.sniffed.scan(name)
        self.formulas = scan.formulas if scan is not None else {}
        if meta and meta.get("master_fingerprint") and meta["master_fingerprint"] != self.master.fingerprint:
            self.finding("template-outdated", sheet=name, found=meta["master_fingerprint"],
                         expected=self.master.fingerprint)
        for col in TEMPLATE_COLUMNS:
            if col.source is Source.OPD and col.key not in colmap:
                code = "header-missing" if col.required else "column-missing"
                self.finding(code, sheet=name, cell=f"{col_letter(0)}{header_row + 1}", column=col.key,
                             row=header_row + 1)
        block = self._header_block(rows[:header_row])
        candidates = self._candidate_rows(data_start)
        self._determine_opd(block, candidates)
        self._determine_period(block)
        self.sub.contact = block.get("contact", ("", ""))[0]
        filled = block.get("filled_on")
        if filled is not None:
            try:
                self.sub.filled_on = values.parse_date(filled[2])
            except values.ParseError:
                f = make("value-invalid", file=self.file, sheet=name, cell=filled[1], value=values.as_text(filled[2]),
                         column="updated_on", reason=Reason.NOT_A_DATE)
                label = (t("header.filled_on", "id"), t("header.filled_on", "en"))
                hint = (t("header.filled_on.hint", "id"), t("header.filled_on.hint", "en"))
                self.sub.findings.append(replace(f, params=f.params + (("column", label), ("hint", hint))))
        self._rows(candidates)
        rule_findings = run_rules(self.sub, self.master, today=self.today)
        self.sub.findings.extend(rule_findings)
        self._drop_master_copies(rule_findings)
        self._missing_rows()

    def _drop_master_copies(self, findings: list) -> None:
        """Rows that count keep, of the master columns, only what differs
        from the master list: the template's locked copies of the plan are
        not the OPD's data, and without them a submission is several times
        smaller to pass between processes and to hold (an indicator shared
        by hundreds of OPDs lists them all in every file)."""
        changed = {(f.indicator, f.column) for f in findings if f.code == "master-text-changed"}
        for row in self.sub.rows:
            if row.state != RowState.OK:
                continue
            raw = row.raw
            for key in _MASTER_COPIES:
                if key in raw and (row.no, key) not in changed:
                    del raw[key]

    # -- header block -------------------------------------------------------------------------------------
    def _header_block(self, rows: list[list]) -> dict[str, tuple[str, str, object]]:
        """field -> (text, cell, raw value) from the rows above the table."""
        out: dict = {}
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if not isinstance(cell, str) or not cell.strip() or len(cell) > 80:
                    continue
                label, _, after = cell.partition(":")
                key = _field_key(label)
                if key is None or key in out:
                    continue
                if after.strip():
                    out[key] = (after.strip(), f"{col_letter(c)}{r + 1}", after.strip())
                    continue
                for c2 in range(c + 1, len(row)):
                    v = row[c2]
                    if not values.is_empty(v):
                        if isinstance(v, str) and _field_key(v.partition(":")[0]) is not None:
                            break  # the next label, this field is empty
                        out[key] = (values.as_text(v).strip(), f"{col_letter(c2)}{r + 1}", v)
                        break
        return out

    # -- rows ---------------------------------------------------------------------------------------------
    def _candidate_rows(self, data_start: int) -> list[tuple[int, dict, int | None]]:
        """(row index, present cells by key, matched indicator No) for every row
        that holds something and is not a repeated header, total or section title."""
        out = []
        items = list(self.colmap.items())
        first_key, first_col = min(items, key=lambda kc: kc[1])
        letters = {key: col_letter(c) for key, c in items}
        for r in range(data_start, len(self.rows)):
            row = self.rows[r]
            width = len(row)
            present = {}
            for key, c in items:
                if c < width:
                    v = row[c]
                    if v != "" and v is not None and not (v.__class__ is str and not v.strip()):
                        present[key] = v
            if not present:
                if self.formulas and any(f"{letters[k]}{r + 1}" in self.formulas for k, _ in items):
                    out.append((r, present, None))
                continue
            if _header_key(present.get(first_key)) == first_key and \
                    sum(1 for k, v in present.items() if _header_key(v) == k) >= 3:
                continue  # a repeated header row
            no = self._match_indicator(present)
            if no is None and "no" not in present:
                label = norm(values.as_text(present.get("indicator", "")))
                if label.startswith(_TOTAL_WORDS) or label in _TOTAL_WORDS:
                    continue  # a totals row
            out.append((r, present, no))
        self.letters = letters
        return out

    def _match_indicator(self, present: dict) -> int | None:
        by_no = self.master.by_no
        no = None
        if "no" in present:
            try:
                no = values.parse_int(present["no"])
            except values.ParseError:
                no = None
        if no is not None and no in by_no:
            return no
        text = present.get("indicator")
        if isinstance(text, str) and text.strip():
            key = norm(text)
            exact = [i.no for i in self.master.indicators if norm(i.indicator) == key]
            if len(exact) == 1:
                return exact[0]
            scores = sorted(((difflib.SequenceMatcher(None, key, norm(i.indicator)).ratio(), i.no)
                             for i in self.master.indicators), reverse=True)
            if scores and scores[0][0] >= 0.9 and (len(scores) == 1 or scores[0][0] - scores[1][0] > 0.02):
                return scores[0][1]
        return None

    def _rows(self, candidates) -> None:
        name = self.sheet
        opd = self.sub.opd
        fractions = bool(self.sub.meta) or values.looks_fractional(
            [p.get("progress") for _, p, _ in candidates if "progress" in p])
        seen: dict[int, int] = {}
        for r, present, no in candidates:
            rr = ReportRow(no=no, sheet=name, row=r + 1, raw=present, fractions=fractions, letters=self.letters)
            if self.formulas:
                rr.formulas = {k: self.formulas[cell] for k, cell in rr.cells.items() if cell in self.formulas}
            has_values = rr.has_opd_values
            if no is None:
                if has_values or "no" in present:
                    rr.state = RowState.UNKNOWN
                    self.finding("indicator-unknown", sheet=name, cell=rr.cell("no") or rr.cell("indicator"),
                                 opd=opd or "", no=values.as_text(present.get("no", "")),
                                 text=values.as_text(present.get("indicator", ""))[:80])
                    self.sub.rows.append(rr)
                continue
            ind = self.master.indicator(no)
            if opd and opd not in ind.opds:
                if not has_values:
                    continue  # another OPD's empty row, e.g. in the blank template
                rr.state = RowState.NOT_ASSIGNED
                self.finding("indicator-not-assigned", sheet=name, cell=rr.cell("no") or rr.cell("indicator"),
                             opd=opd, indicator=no, owners=", ".join(ind.opds))
            elif no in seen:
                rr.state = RowState.DUPLICATE
                self.finding("indicator-duplicate", sheet=name, cell=rr.cell("no") or rr.cell("indicator"),
                             opd=opd or "", indicator=no, first=seen[no])
            else:
                seen[no] = r + 1
            for col in OPD_COLUMNS:
                if col.key not in present:
                    continue
                raw = present[col.key]
                try:
                    rr.values[col.key] = values.parse(col.kind, raw, fractions=fractions)
                except values.ParseError as exc:
                    self.finding("value-invalid", sheet=name, cell=rr.cell(col.key), opd=opd or "", indicator=no,
                                 column=col.key, value=rr.shown(col.key), reason=exc.reason, **exc.params)
            self.sub.rows.append(rr)

    def _missing_rows(self) -> None:
        opd = self.sub.opd
        if not opd or self.sub.status == FileState.REJECTED:
            return
        have = {r.no for r in self.sub.rows if r.state in (RowState.OK, RowState.DUPLICATE)}
        for ind in self.master.for_opd(opd):
            if ind.no not in have:
                self.finding("row-missing", sheet=self.sheet, opd=opd, indicator=ind.no, text=ind.indicator)

    # -- who and when ----------------------------------------------------------------------------------------
    def _determine_opd(self, block: dict, candidates) -> None:
        registry = self.master.registry
        sources: list[tuple[str, str, str]] = []  # (source label key, OPD code, cell)
        meta_opd = self.sub.meta.get("opd", "").strip()
        if meta_opd:
            o = registry.resolve(meta_opd)
            sources.append((Reason.SRC_TEMPLATE, o.code if o else meta_opd, ""))
        written = block.get("opd")
        if written and written[0]:
            o = registry.resolve(written[0])
            if o is None:
                o = _resolve_in_text(registry, written[0])
            if o is not None:
                sources.append((Reason.SRC_HEADER, o.code, written[1]))
            elif not meta_opd:
                near = registry.closest(written[0])
                self.finding("opd-unknown", sheet=self.sheet, cell=written[1], value=written[0],
                             written=(f' ("{written[0]}")', f' ("{written[0]}")'),
                             suggestion=tuple(t("opd.suggestion", lang, name=near.display()) for lang in LANGS)
                             if near else "")
                return
        column_sets = []
        for _, present, no in candidates:
            if no is not None and "opds" in present:
                codes = registry.split_codes(values.as_text(present["opds"]))
                if codes:
                    column_sets.append(codes)
        if column_sets:
            common = set(column_sets[0]).intersection(*column_sets[1:])
            if len(common) == 1:
                sources.append((Reason.SRC_COLUMN, common.pop(), ""))
        from_name = _opd_from_filename(registry, self.sub.source.name)
        if from_name is not None:
            sources.append((Reason.SRC_FILENAME, from_name, ""))
        if not sources:
            self.finding("opd-unknown", sheet=self.sheet, written="", suggestion="")
            return
        chosen = sources[0][1]
        self.sub.opd = chosen
        distinct = dict.fromkeys(code for _, code, _ in sources)
        if len(distinct) > 1:
            listing_id = "; ".join(f"{t(src, 'id')}: {code}" for src, code, _ in sources)
            listing_en = "; ".join(f"{t(src, 'en')}: {code}" for src, code, _ in sources)
            cell = next((c for _, code, c in sources if c), "")
            self.finding("opd-conflict", sheet=self.sheet, cell=cell, opd=chosen, sources=(listing_id, listing_en))

    def _determine_period(self, block: dict) -> None:
        meta_period = self.sub.meta.get("period", "").strip()
        written = block.get("period")
        written_text = written[0] if written else ""
        self.sub.period = written_text or meta_period or None
        expected = self.expected_period
        if expected and self.sub.period and values.period_key(self.sub.period) != values.period_key(expected):
            self.finding("period-mismatch", sheet=self.sheet, cell=written[1] if written else "",
                         opd=self.sub.opd or "", value=self.sub.period, expected=expected)
        elif meta_period and written_text and values.period_key(meta_period) != values.period_key(written_text):
            self.finding("period-mismatch", sheet=self.sheet, cell=written[1], opd=self.sub.opd or "",
                         value=written_text, expected=meta_period)


def _resolve_in_text(registry, text: str):
    """An OPD named inside a longer text ("Laporan Bappeda TW III")."""
    return _opd_from_words(registry, words(text))


def _opd_from_filename(registry, name: str):
    return _opd_from_words(registry, words(Path(name).stem))


def _opd_from_words(registry, w: list[str]):
    found = []
    for size in (4, 3, 2, 1):
        for i in range(len(w) - size + 1):
            chunk = " ".join(w[i:i + size])
            if size == 1 and (len(chunk) < 3 or chunk.isdigit()):
                continue
            o = registry.resolve(chunk)
            if o is not None and o.code not in found:
                found.append(o.code)
        if found:
            break
    return found[0] if len(found) == 1 else None
