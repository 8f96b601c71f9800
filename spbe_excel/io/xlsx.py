"""Writing workbooks safely: atomic output, text that cannot turn into a
formula, characters that cannot live in an xlsx file, Excel's limits.

Shared by the template, feedback, master-export and consolidated-workbook
writers.  Imports xlsxwriter lazily.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from spbe_excel.errors import OutputError
from spbe_excel.model.vocab import Reason
from spbe_excel.text import t

EXCEL_MAX_TEXT = 32767
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"[\x0b\x0c]")  # Word's manual line break and page break
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@")


def clean_text(text: str) -> tuple[str, bool, bool]:
    """Make ``text`` storable in an xlsx cell.

    Word's line and page breaks become newlines, other control characters
    (which XML 1.0 forbids) are removed, and text over Excel's 32,767
    characters is cut.  Returns (text, changed, truncated)."""
    if len(text) <= EXCEL_MAX_TEXT and not _UNSAFE.search(text):
        return text, False, False
    cleaned = _CONTROL.sub("", _BREAKS.sub("\n", text))
    truncated = len(cleaned) > EXCEL_MAX_TEXT
    if truncated:
        cleaned = cleaned[:EXCEL_MAX_TEXT]
    return cleaned, cleaned != text, truncated


_EPOCH = dt.date(1899, 12, 30)
_SERIAL_SAFE = dt.date(1900, 3, 1)
ZIP_LEVEL = 1  # deflate level of the xlsx package: 4x faster than zlib's default 6, about 1/3 larger


FORK_MIN_CELLS = 50_000  # below this a worksheet is written in this process


def _cell_count(ws) -> int:
    return sum(len(cells) for cells in ws.table.values())


def _forkable(ws) -> bool:
    """A worksheet whose XML assembly changes no state the rest of the
    package needs (relationships of links, drawings, comments, tables)."""
    return not (ws.constant_memory or ws.hyperlinks or ws.drawing or ws.has_vml or ws.has_header_vml
                or ws.has_comments or ws.tables or ws.charts or ws.images or ws.shapes or ws.background_image)


def _fork_writer(ws, filename: str) -> int:
    """Fork a child that writes the XML of ``ws`` to ``filename``; its pid, or 0 when it could not start."""
    try:
        pid = os.fork()
    except OSError:
        return 0
    if pid == 0:  # the child: write, then leave without running any of the parent's exit handlers
        code = 1
        try:
            ws._set_xml_writer(filename)
            ws._assemble_xml_file()
            code = 0
        finally:
            os._exit(code)
    return pid


@lru_cache(maxsize=None)
def xlsx_classes():
    """(Workbook, Worksheet): xlsxwriter subclassed, as its documentation
    shows, for speed on large workbooks, with output identical to stock
    xlsxwriter's (a test compares the XML part by part):

    * the worksheet writes the XML of formatted number, date, text, blank and
      formula cells (every cell these writers make) without building an
      attribute list per cell and raising and catching a TypeError per
      format index, which is what the generic ``_write_cell`` costs;
    * it skips the rewriting of Excel 365 function names: these workbooks use
      only Excel 2010 functions (a test checks it), so the 29 regular
      expression substitutions xlsxwriter makes per formula change nothing;
    * the workbook deflates its parts at level ``ZIP_LEVEL``, and its
      packager writes the largest plain sheet in a forked child (see
      ``ForkingPackager``), after fixing every format's style index.
    """
    import zipfile

    import xlsxwriter.workbook as xw_workbook
    from xlsxwriter.packager import Packager
    from xlsxwriter.utility import xl_rowcol_to_cell_fast
    from xlsxwriter.worksheet import (
        CellBlankTuple,
        CellDatetimeTuple,
        CellFormulaTuple,
        CellNumberTuple,
        CellStringTuple,
        Worksheet,
    )

    errors = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!")

    class SpbeWorksheet(Worksheet):
        # The cell writers without the wrapper that accepts A1 notation (these
        # writers always pass row and column numbers), for the long loops.
        string_at = Worksheet._write_string
        number_at = Worksheet._write_number
        blank_at = Worksheet._write_blank
        formula_at = Worksheet._write_formula

        def date_at(self, row, col, date, fmt):
            """A date as its serial number, as ``write_datetime`` stores it."""
            if date < _SERIAL_SAFE:  # Excel's 1900 leap-year bug: let xlsxwriter handle it
                return self.write_datetime(row, col, dt.datetime(date.year, date.month, date.day), fmt)
            return self._write_number(row, col, (date - _EPOCH).days, fmt)

        def _prepare_formula(self, formula, expand_future_functions=False):
            if formula.startswith("{"):
                formula = formula[1:]
            if formula.startswith("="):
                formula = formula[1:]
            if formula.endswith("}"):
                formula = formula[:-1]
            return formula

        def _write_cell(self, row, col, cell):
            kind = cell.__class__
            fmt = cell.format
            if fmt is None or self.constant_memory:
                return super()._write_cell(row, col, cell)
            ref = xl_rowcol_to_cell_fast(row, col)
            if kind is CellStringTuple:
                self.fh.write(f'<c r="{ref}" s="{fmt._get_xf_index()}" t="s"><v>{cell.string}</v></c>')
            elif kind is CellNumberTuple or kind is CellDatetimeTuple:
                self.fh.write(f'<c r="{ref}" s="{fmt._get_xf_index()}"><v>{cell.number:.16G}</v></c>')
            elif kind is CellBlankTuple:
                self.fh.write(f'<c r="{ref}" s="{fmt._get_xf_index()}"/>')
            elif kind is CellFormulaTuple:
                value = cell.value
                kind_attr = ""
                if isinstance(value, bool):
                    kind_attr, value = ' t="b"', int(value)
                elif isinstance(value, str) and value:
                    kind_attr = ' t="e"' if value in errors else ' t="str"'
                self.fh.write(f'<c r="{ref}" s="{fmt._get_xf_index()}"{kind_attr}><f>{self._escape_data(cell.formula)}'
                              f'</f><v>{self._escape_data(value)}</v></c>')
            else:
                super()._write_cell(row, col, cell)
            return None

    class ForkingPackager(Packager):
        """Writes the XML of the largest plain worksheet in a forked child
        while this process writes every other part, so that a large
        workbook uses two cores.  Only a worksheet whose XML this process
        does not need to know about (no links, drawings, comments, tables)
        is handed over, only when no other thread runs, and if the child
        fails the sheet is written here: the bytes are the same either way
        (a test compares them)."""

        def _create_package(self):
            self._children = []
            try:
                files = super()._create_package()
            except BaseException:
                self._reap(write_failed=False)
                raise
            self._reap()
            return files

        def _write_worksheet_files(self):
            sheets = [ws for ws in self.workbook.worksheets() if not ws.is_chartsheet]
            cells, big = max(((_cell_count(ws), ws) for ws in sheets), key=lambda pair: pair[0], default=(0, None))
            if (self.in_memory or cells < FORK_MIN_CELLS or not _forkable(big)
                    or not hasattr(os, "fork") or threading.active_count() > 1):
                return super()._write_worksheet_files()
            for index, ws in enumerate(sheets, 1):
                filename = self._filename(f"xl/worksheets/sheet{index}.xml")
                if ws is big:
                    pid = _fork_writer(ws, filename)
                    if pid:
                        self._children.append((pid, ws, filename))
                        continue
                ws._set_xml_writer(filename)
                ws._assemble_xml_file()
            return None

        def _reap(self, write_failed: bool = True):
            for pid, ws, filename in self._children:
                ok = False
                try:
                    _, status = os.waitpid(pid, 0)
                    ok = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
                except ChildProcessError:
                    pass
                if not ok and write_failed:  # write it here after all
                    ws._set_xml_writer(filename)
                    ws._assemble_xml_file()
            self._children = []

    class SpbeWorkbook(xw_workbook.Workbook):
        worksheet_class = SpbeWorksheet

        def _get_packager(self):  # the documented way to use another packager
            return ForkingPackager()

        def _store_workbook(self):
            # Cell-style indexes are handed out as cells are written; give
            # every format its index now, in creation order, so that they
            # cannot depend on which process writes which sheet.
            for fmt in self.formats:
                fmt._get_xf_index()
            # xlsxwriter has no option for the deflate level: give it, for
            # the duration of the call, a ZipFile that defaults to ZIP_LEVEL.
            plain = xw_workbook.ZipFile
            xw_workbook.ZipFile = _LevelZipFile
            try:
                return super()._store_workbook()
            finally:
                xw_workbook.ZipFile = plain

    class _LevelZipFile(zipfile.ZipFile):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("compresslevel", ZIP_LEVEL)
            super().__init__(*args, **kwargs)

    return SpbeWorkbook, SpbeWorksheet


def new_workbook(path: str | os.PathLike, created: dt.datetime, **options):
    """An xlsxwriter workbook that never turns strings into formulas, URLs or
    numbers, with a fixed creation date so that the same input gives the
    same bytes."""
    opts = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    opts.update(options)
    wb = xlsx_classes()[0](str(path), opts)
    wb.set_properties({"created": created, "author": "spbe-excel", "company": ""})
    wb.set_calc_mode("auto")
    return wb


def write_text(ws, row: int, col: int, text: str, fmt=None) -> bool:
    """Write ``text`` as a string, never as a formula.  Returns True when the
    text had to be cut to Excel's limit."""
    cleaned, _, truncated = clean_text(text)
    ws.string_at(row, col, cleaned, fmt)
    return truncated


def row_height(cells: list[tuple[str, float]], font_size: float = 10, minimum: float = 15.0) -> float:
    """Estimate the height in points that shows every ``(text, column width)``
    of a row when wrapped.  LibreOffice does not size rows with wrapped text
    on load, so writers set heights explicitly (rows stay resizable)."""
    line = font_size * 1.32
    lines = 1
    for text, width in cells:
        text = str(text)
        per_line = max(1, int(width * 1.1 * 10 / font_size))
        if len(text) <= per_line * lines and "\n" not in text:  # cannot need more lines
            continue
        n = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
        lines = max(lines, n)
    return min(409.0, max(minimum, round(lines * line + 4, 1)))


def print_scale(widths: list[float], landscape: bool = True, margins_in: float = 0.8) -> int:
    """The print scale (percent) at which columns of these widths fit the
    width of an A4 page.  LibreOffice renders a width unit at about 9.7 px
    (Excel: 7 px + padding); the larger figure is used so both fit."""
    page_in = (11.69 if landscape else 8.27) - margins_in
    px = sum(w * 9.8 for w in widths)
    return max(10, min(100, int(page_in * 96 * 100 / px)))


class Formats:
    """Memoised xlsxwriter formats: ``fmts(bold=True, locked=False)``."""

    def __init__(self, wb, base: dict | None = None):
        self.wb = wb
        self.base = dict(base or {})
        self._cache: dict = {}

    def __call__(self, **props):
        merged = {**self.base, **props}
        key = tuple(sorted(merged.items()))
        if key not in self._cache:
            self._cache[key] = self.wb.add_format(merged)
        return self._cache[key]


def validation(ws, first_row, first_col, last_row, last_col, options: dict) -> None:
    """``ws.data_validation`` that refuses what Excel would silently drop:
    titles over 32 characters, messages or inline lists over 255."""
    for key, limit in (("input_title", 32), ("error_title", 32), ("input_message", 255),
                       ("error_message", 255)):
        if len(options.get(key, "")) > limit:
            raise ValueError(f"data validation {key} longer than {limit}: {options[key]!r}")
    source = options.get("source")
    if isinstance(source, (list, tuple)) and len(",".join(source)) > 255:
        raise ValueError("inline validation list longer than 255 characters; use a range")
    ws.data_validation(first_row, first_col, last_row, last_col, options)


# ---- atomic output ---------------------------------------------------------------

def lock_file(path: Path) -> tuple[Path, Path]:
    """The owner files Excel (~$) and LibreOffice (.~lock) create next to an open workbook."""
    return path.with_name("~$" + path.name), path.with_name(f".~lock.{path.name}#")


def check_output(path: str | os.PathLike, lang: str = "id", inputs: list[Path] | None = None) -> Path:
    """Refuse an output path that cannot be written safely; return it resolved."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(t("output.is_dir", lang, path=path))
    parent = path.parent if str(path.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise OutputError(t("output.not_dir", lang, path=parent))
    if inputs:
        resolved = path.resolve()
        for p in inputs:
            try:
                same = Path(p).resolve() == resolved
            except OSError:
                continue
            if same:
                raise OutputError(t("output.is_input", lang, path=path))
    for lock in lock_file(path):
        if lock.exists():
            raise OutputError(t("output.locked", lang, path=path, lock=lock.name))
    return path


def os_reason(exc: OSError, lang: str = "id") -> str:
    """A short reason for an OS error in the user's language."""
    import errno

    key = {errno.EACCES: Reason.OS_DENIED, errno.EPERM: Reason.OS_DENIED, errno.EROFS: Reason.OS_READONLY,
           errno.ENOSPC: Reason.OS_FULL, errno.ENOTDIR: Reason.OS_NOTDIR, errno.ENAMETOOLONG:
           Reason.OS_TOOLONG}.get(exc.errno)
    return t(key, lang) if key else (exc.strerror or type(exc).__name__)


def ensure_dir(path: str | os.PathLike, lang: str = "id") -> Path:
    """Create ``path`` (and parents) as a folder, or explain why not."""
    path = Path(path)
    for ancestor in (path, *path.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise OutputError(t("output.not_dir", lang, path=ancestor))
            break
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(t("output.unwritable", lang, path=path, reason=os_reason(exc, lang))) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputError(t("output.unwritable", lang, path=path, reason=t(Reason.OS_DENIED, lang)))
    return path


@contextmanager
def atomic_output(path: str | os.PathLike, lang: str = "id", inputs: list[Path] | None = None):
    """Yield a temporary path in the target folder; on success it is renamed
    onto ``path`` in one step, on failure removed, leaving any previous
    ``path`` untouched."""
    path = check_output(path, lang, inputs)
    parent = ensure_dir(path.parent if str(path.parent) else Path("."), lang)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(t("output.unwritable", lang, path=path, reason=os_reason(exc, lang))) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, path)
    except OSError as exc:
        raise OutputError(t("output.unwritable", lang, path=path, reason=os_reason(exc, lang))) from None
    finally:
        if tmp_path.exists():
            tmp_path.unlink()
