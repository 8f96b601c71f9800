"""xlsxwriter, subclassed for speed on large workbooks, with output identical
to stock xlsxwriter's (a test compares the XML part by part).

Subclassing is the documented way to extend xlsxwriter, but these classes
rely on some of its private members.  Every one of them is listed in
:data:`XLSXWRITER_PRIVATE`, and a test checks that the installed xlsxwriter
still has them all; ``pyproject.toml`` pins xlsxwriter below the next major
version.  What the subclasses change:

* the worksheet writes the XML of formatted number, date, text, blank and
  formula cells (every cell these writers make) without building an
  attribute list per cell and raising and catching a TypeError per format
  index, which is what the generic ``_write_cell`` costs;
* it skips the rewriting of Excel 365 function names: these workbooks use
  only Excel 2010 functions (a test checks it), so the 29 regular expression
  substitutions xlsxwriter makes per formula change nothing;
* the workbook deflates its parts at level :data:`ZIP_LEVEL`, and its
  packager writes the largest plain sheet in a forked child
  (:class:`ForkingPackager`), after fixing every format's style index.
  xlsxwriter has no option for the deflate level: the workbook stores
  itself with its own copy of xlsxwriter's ``Workbook._store_workbook``,
  the same code under globals in which ``ZipFile`` is
  :class:`_LevelZipFile`.  No module state of xlsxwriter changes, so
  workbooks written in several threads at once, and any other user of
  xlsxwriter in the process, are unaffected (a test checks both).

Importing this module imports xlsxwriter (about 0.1 s): only writers do.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import types
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

# Every private member of xlsxwriter these classes use or override, by class.
XLSXWRITER_PRIVATE: dict[str, tuple[str, ...]] = {
    "Worksheet": ("_write_string", "_write_number", "_write_blank", "_write_formula", "_prepare_formula",
                  "_write_cell", "_escape_data", "_set_xml_writer", "_assemble_xml_file"),
    "Worksheet instance": ("fh", "table", "constant_memory", "hyperlinks", "drawing", "has_vml", "has_header_vml",
                           "has_comments", "tables", "charts", "images", "shapes", "background_image"),
    "Packager": ("_create_package", "_write_worksheet_files", "_filename"),
    "Packager instance": ("in_memory", "workbook"),
    "Workbook": ("_get_packager", "_store_workbook", "worksheet_class"),
    "Workbook instance": ("formats",),
    "Format": ("_get_xf_index",),
    "xlsxwriter.workbook": ("ZipFile",),  # the global Workbook._store_workbook creates the package with
    "xlsxwriter.worksheet": ("CellBlankTuple", "CellDatetimeTuple", "CellFormulaTuple", "CellNumberTuple",
                             "CellStringTuple"),
    "xlsxwriter.utility": ("xl_rowcol_to_cell_fast",),
}

# Deflate level of the xlsx package: deflating is 4x faster than at zlib's default 6, files are about 1/3
# larger; writing a 1,000-OPD consolidated workbook takes 9-24 % longer at level 6.
ZIP_LEVEL = 1
FORK_MIN_CELLS = 50_000  # below this a worksheet is written in this process
_EPOCH = dt.date(1899, 12, 30)
_SERIAL_SAFE = dt.date(1900, 3, 1)
_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!")


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

    def _prepare_formula(self, formula, expand_future_functions=False):  # noqa: ARG002  (xlsxwriter's signature)
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
            self._write_formula_cell(ref, fmt, cell)
        else:
            super()._write_cell(row, col, cell)
        return None

    def _write_formula_cell(self, ref: str, fmt, cell) -> None:
        value = cell.value
        kind_attr = ""
        if isinstance(value, bool):
            kind_attr, value = ' t="b"', int(value)
        elif isinstance(value, str) and value:
            kind_attr = ' t="e"' if value in _ERRORS else ' t="str"'
        self.fh.write(f'<c r="{ref}" s="{fmt._get_xf_index()}"{kind_attr}><f>{self._escape_data(cell.formula)}'
                      f'</f><v>{self._escape_data(value)}</v></c>')


class ForkingPackager(Packager):
    """Writes the XML of the largest plain worksheet in a forked child
    while this process writes every other part, so that a large
    workbook uses two cores.  Only a worksheet whose XML this process
    does not need to know about (no links, drawings, comments, tables)
    is handed over, only when no other thread runs, and if the child
    fails the sheet is written here: the bytes are the same either way
    (a test compares them)."""

    def _create_package(self):
        self._children: list[tuple[int, Worksheet, str]] = []
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


class _LevelZipFile(zipfile.ZipFile):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("compresslevel", ZIP_LEVEL)
        super().__init__(*args, **kwargs)


def _with_global(function: types.FunctionType, name: str, value: object) -> types.FunctionType:
    """A copy of ``function``, the same code, whose module global ``name`` is ``value``: its
    module and every other function keep seeing theirs."""
    namespace = {**function.__globals__, name: value}
    copy = types.FunctionType(function.__code__, namespace, function.__name__, function.__defaults__,
                              function.__closure__)
    copy.__kwdefaults__ = function.__kwdefaults__
    copy.__qualname__ = function.__qualname__
    copy.__doc__ = function.__doc__
    return copy


# xlsxwriter's own way of storing a workbook, creating its package as a ZipFile that defaults to ZIP_LEVEL.
_store_at_level = _with_global(xw_workbook.Workbook._store_workbook, "ZipFile", _LevelZipFile)


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
        return _store_at_level(self)


def new_workbook(path: str | os.PathLike, created: dt.datetime, **options) -> SpbeWorkbook:
    """An xlsxwriter workbook that never turns strings into formulas, URLs or
    numbers, with a fixed creation date so that the same input gives the
    same bytes."""
    opts = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    opts.update(options)
    wb = SpbeWorkbook(str(path), opts)
    wb.set_properties({"created": created, "author": "spbe-excel", "company": ""})
    wb.set_calc_mode("auto")
    return wb
