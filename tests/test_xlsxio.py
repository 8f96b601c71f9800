"""The xlsxwriter subclasses every writer uses must write exactly what stock
xlsxwriter writes (they exist only for speed), and the shared helpers must
keep text safe."""

from __future__ import annotations

import datetime as dt
import threading
import time
import zipfile
import zlib

import pytest
import xlsxwriter

from spbe_excel.io import clean_text, row_height
from spbe_excel.io.fastxlsx import (
    XLSXWRITER_PRIVATE,
    ZIP_LEVEL,
    SpbeWorkbook,
    SpbeWorksheet,
    _LevelZipFile,
)

CREATED = dt.datetime(2019, 9, 30)
DATES = [dt.date(1900, 1, 1), dt.date(1900, 2, 28), dt.date(1900, 3, 1), dt.date(1999, 12, 31),
         dt.date(2019, 9, 30), dt.date(2024, 2, 29), dt.date(9999, 12, 31)]


def _fill(wb, fast: bool) -> None:
    """The same cells through the public API (stock) or the fast cell writers."""
    bold = wb.add_format({"bold": True})
    pct = wb.add_format({"num_format": "0%", "border": 1})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    col_fmt = wb.add_format({"italic": True})
    row_fmt = wb.add_format({"font_color": "#C00000"})
    ws = wb.add_worksheet("Data & <more>")
    ws.set_column(5, 5, 12, col_fmt)
    ws.set_row(7, 30, row_fmt)
    texts = ["plain", 'quote " amp & lt < gt >', "new\nline", " lead and trail ", "", "=1+1", "+62", "-", "@x",
             "_x0041_ literal", "tab\there", "Ümlaut ✓ 𝔘", "x" * 40]
    for r, text in enumerate(texts):
        (ws.string_at if fast else ws.write_string)(r, 0, text, bold)
        ws.write_string(r, 5, text)  # no cell format: the column's
    numbers = [0, 1, -1, 0.1, 1 / 3, 12345678901234567, 1e-300, 2.5e15, 10 ** 20]
    for r, number in enumerate(numbers):
        (ws.number_at if fast else ws.write_number)(r, 1, number, pct)
        ws.write_number(r, 6, number)
    for r in range(3):
        (ws.blank_at if fast else ws.write_blank)(r, 2, None, pct)
        ws.write_blank(r, 7, None)  # no format: not written at all
        ws.write_number(7, 8 + r, r)  # the row's format
    cached = [3, 2.5, "", "text", "<&>", True, False, "#N/A", "#DIV/0!"]
    for r, value in enumerate(cached):
        formula = f'IF(A{r + 1}<>"",{r},"")'
        if fast:
            ws.formula_at(r, 3, formula, pct, value)
        else:
            ws.write_formula(r, 3, "=" + formula, pct, value)
        ws.write_formula(r, 9, f"=B{r + 1}*2")
    for r, day in enumerate(DATES):
        if fast:
            ws.date_at(r, 4, day, date)
        else:
            ws.write_datetime(r, 4, dt.datetime(day.year, day.month, day.day), date)
    ws.write_array_formula(0, 10, 0, 10, "{=MIN(IF(A1:A5=1,B1:B5))}", pct, 0)
    ws.write_url(1, 10, "internal:'Data & <more>'!A1", bold, "A1")
    ws.write_rich_string(2, 10, "a ", bold, "bold", " b")
    ws.write_boolean(3, 10, True, pct)
    ws.write_comment(4, 10, "a note")
    ws.merge_range(20, 0, 20, 3, "merged", bold)


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_fast_classes_write_exactly_what_stock_xlsxwriter_writes(tmp_path):
    opts = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    stock_path, fast_path = tmp_path / "stock.xlsx", tmp_path / "fast.xlsx"
    stock = xlsxwriter.Workbook(str(stock_path), opts)
    stock.set_properties({"created": CREATED})
    _fill(stock, fast=False)
    for fmt in stock.formats:  # what the fast workbook does first: style indexes in creation order
        fmt._get_xf_index()
    stock.close()
    workbook_class, worksheet_class = SpbeWorkbook, SpbeWorksheet
    fast = workbook_class(str(fast_path), opts)
    fast.set_properties({"created": CREATED})
    _fill(fast, fast=True)
    fast.close()
    assert isinstance(fast.worksheets()[0], worksheet_class)
    stock_parts, fast_parts = _parts(stock_path), _parts(fast_path)
    assert list(stock_parts) == list(fast_parts)
    for name, data in stock_parts.items():
        assert fast_parts[name] == data, name
    sheet = fast_parts["xl/worksheets/sheet1.xml"].decode()
    # the comparison covered every fast path: formatted strings, numbers, blanks, formulas, dates
    for fragment in ('t="s"><v>', "<f>IF(A1&lt;&gt;", 't="str"', 't="b"', 't="e"', '<c r="C1" s="', "<v>43738</v>"):
        assert fragment in sheet, fragment


def _deflated_at(info: zipfile.ZipInfo, raw: bytes, level: int) -> bool:
    deflate = zlib.compressobj(level, zlib.DEFLATED, -15)
    return info.compress_size == len(deflate.compress(raw) + deflate.flush())


def test_fast_workbook_deflates_at_its_level_and_leaves_zipfile_alone(tmp_path):
    import xlsxwriter.workbook as xw_workbook

    for in_memory in (False, True):
        path = tmp_path / f"level-{in_memory}.xlsx"
        wb = SpbeWorkbook(str(path), {"in_memory": in_memory})
        ws = wb.add_worksheet()
        for r in range(2000):
            ws.write_string(r, 0, f"row {r} " + "teks yang berulang " * 5)
        wb.close()
        assert xw_workbook.ZipFile is zipfile.ZipFile
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("xl/sharedStrings.xml")
            raw = z.read(info.filename)
        assert info.compress_type == zipfile.ZIP_DEFLATED
        # in memory xlsxwriter writes every part with a ZipInfo of its own, which zipfile deflates at zlib's
        # default level whatever the ZipFile's level: so does stock xlsxwriter, and so did this module when it
        # swapped xlsxwriter's ZipFile
        assert _deflated_at(info, raw, zlib.Z_DEFAULT_COMPRESSION if in_memory else ZIP_LEVEL)


def _stock_bytes(path) -> bytes:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    wb.set_properties({"created": CREATED})
    _fill(wb, fast=False)
    wb.close()
    return path.read_bytes()


def _fast_bytes(path) -> bytes:
    wb = SpbeWorkbook(str(path), {"strings_to_formulas": False})
    wb.set_properties({"created": CREATED})
    _fill(wb, fast=True)
    wb.close()
    return path.read_bytes()


def _hold_first_write(monkeypatch, holding: set[threading.Thread]):
    """Make the first ``_LevelZipFile.write`` of each thread in ``holding`` wait, inside the store of its
    workbook, for that thread's event; the threads that arrived, in order, and their events."""
    arrived: list[threading.Thread] = []
    events = {thread: threading.Event() for thread in holding}
    lock = threading.Lock()
    real_write = _LevelZipFile.write

    def write(self, *args, **kwargs):
        me = threading.current_thread()
        with lock:
            first = me in holding and me not in arrived
            if first:
                arrived.append(me)
        if first:
            assert events[me].wait(30), "never released"
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(_LevelZipFile, "write", write)
    return arrived, events


def _wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("timed out")
        time.sleep(0.005)


def test_storing_a_fast_workbook_changes_nothing_for_other_users_of_xlsxwriter(tmp_path, monkeypatch):
    """While a fast workbook is being zipped in one thread, xlsxwriter's ZipFile is still zipfile's and a
    stock workbook written meanwhile is byte for byte the one written alone (zlib's default level)."""
    import xlsxwriter.workbook as xw_workbook

    stock_alone, fast_alone = _stock_bytes(tmp_path / "stock-alone.xlsx"), _fast_bytes(tmp_path / "fast-alone.xlsx")
    result: dict[str, bytes] = {}
    writer = threading.Thread(target=lambda: result.update(fast=_fast_bytes(tmp_path / "fast.xlsx")))
    arrived, events = _hold_first_write(monkeypatch, {writer})
    writer.start()
    try:
        _wait_for(lambda: arrived == [writer])  # the fast workbook is inside its store, zipping
        assert xw_workbook.ZipFile is zipfile.ZipFile
        assert _stock_bytes(tmp_path / "stock.xlsx") == stock_alone
    finally:
        events[writer].set()
        writer.join(30)
    assert result["fast"] == fast_alone
    assert xw_workbook.ZipFile is zipfile.ZipFile
    with zipfile.ZipFile(tmp_path / "stock.xlsx") as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        assert _deflated_at(info, z.read(info.filename), zlib.Z_DEFAULT_COMPRESSION)


def test_fast_workbooks_stored_in_many_threads_at_once_are_those_of_one_thread(tmp_path, monkeypatch):
    """Eight threads all inside the store of a fast workbook at once, then finishing one after the other:
    each file is the single-threaded one, and xlsxwriter's ZipFile is still zipfile's afterwards (a swap
    of the module global for the duration of each store left it swapped here)."""
    import xlsxwriter.workbook as xw_workbook

    alone = _fast_bytes(tmp_path / "alone.xlsx")
    results: dict[int, bytes] = {}

    def write(n: int) -> None:
        results[n] = _fast_bytes(tmp_path / f"fast-{n}.xlsx")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    arrived, events = _hold_first_write(monkeypatch, set(threads))
    for thread in threads:
        thread.start()
    try:
        _wait_for(lambda: len(arrived) == len(threads))
        assert xw_workbook.ZipFile is zipfile.ZipFile
        for thread in list(arrived):  # finish in the order they started zipping
            events[thread].set()
            thread.join(30)
    finally:
        for thread in threads:
            events[thread].set()
            thread.join(30)
    assert sorted(results) == list(range(8))
    assert all(data == alone for data in results.values())
    assert xw_workbook.ZipFile is zipfile.ZipFile


@pytest.mark.parametrize("text", ["", "biasa", "baris\nbaru", "a\x0bb\x0cc", "nul\x00x\x1f", "\ud800x", "x" * 40000,
                                  "tab\tok", "\r\n"])
def test_clean_text_fast_path_agrees_with_the_full_cleaning(text):
    from spbe_excel.io.safetext import _BREAKS, _CONTROL, EXCEL_MAX_TEXT

    full = _CONTROL.sub("", _BREAKS.sub("\n", text))[:EXCEL_MAX_TEXT]
    cleaned, changed, truncated = clean_text(text)
    assert cleaned == full
    assert changed == (full != text)
    assert truncated == (len(text) > EXCEL_MAX_TEXT)


def test_row_height_counts_wrapped_lines():
    from spbe_excel.io.textwidth import PADDING, column_points, lines_height, text_lines, text_points, width_for

    one, line = lines_height(1), lines_height(2) - lines_height(1)
    assert row_height([("pendek", 30)]) == row_height([]) == one == 15.5 and line == 12.5
    assert row_height([("pendek", 30)], minimum=20) == 20
    fits = max(n for n in range(1, 80) if text_points("x" * n) <= column_points(30) - PADDING)
    assert text_lines("x" * fits, 30) == 1 and text_lines("x" * (fits + 1), 30) == 2
    assert row_height([("x" * (fits + 1), 30)]) == one + line
    assert row_height([("a\nb\nc", 30)]) == one + 2 * line
    # words are not split while they fit on a line; bold text is wider
    width = width_for("kata kata kata")
    assert text_lines("kata kata kata", width) == 1 and text_lines("kata kata kata kata", width) == 2
    assert text_lines("kata kata kata ka", width) == 2  # "ka" moves to the next line whole
    assert text_lines("kata kata kata", width, bold=True) == 2
    # a path breaks after its slashes, a long word anywhere
    assert text_lines("/work/golden/examples/triwulan-iii/BAPPEDA_Triwulan_III_2019.xlsx", 32) == 2
    assert text_lines("f" * 64, 31) == 2  # a SHA-256 on two lines
    # the longest cell decides, whatever the order
    cells = [("a\nb\nc", 30), ("y " * 100, 30), ("z", 5)]
    assert row_height(cells) == row_height(list(reversed(cells))) > one + 2 * line
    assert row_height([("w" * 100000, 10)]) == 409.0
    assert text_lines("Perangkat Daerah", width_for("Perangkat Daerah", bold=True), bold=True) == 1
    assert text_lines("Perangkat Daerah", width_for("Perangkat Daerah", bold=True) - 1, bold=True) == 2


def test_every_private_member_of_xlsxwriter_the_fast_path_relies_on_is_there(tmp_path):
    """The fast classes subclass xlsxwriter and use some of its private members,
    all listed in XLSXWRITER_PRIVATE; a new xlsxwriter that drops or renames one
    fails here, not in a user's workbook."""
    import xlsxwriter.utility
    import xlsxwriter.workbook
    import xlsxwriter.worksheet
    from xlsxwriter.format import Format
    from xlsxwriter.packager import Packager

    wb = xlsxwriter.Workbook(str(tmp_path / "probe.xlsx"))
    ws = wb.add_worksheet()
    owners = {"Worksheet": xlsxwriter.worksheet.Worksheet, "Worksheet instance": ws, "Packager": Packager,
              "Packager instance": Packager(), "Workbook": xlsxwriter.workbook.Workbook, "Workbook instance": wb,
              "Format": Format, "xlsxwriter.workbook": xlsxwriter.workbook,
              "xlsxwriter.worksheet": xlsxwriter.worksheet, "xlsxwriter.utility": xlsxwriter.utility}
    assert set(owners) == set(XLSXWRITER_PRIVATE)
    missing = [f"{owner}.{name}" for owner, names in XLSXWRITER_PRIVATE.items() for name in names
               if not hasattr(owners[owner], name)]
    # the fast workbook runs a copy of _store_workbook with another global ZipFile: it must be a function
    # that creates the package through that global
    if "ZipFile" not in xlsxwriter.workbook.Workbook._store_workbook.__code__.co_names:
        missing.append("Workbook._store_workbook using the global ZipFile")
    wb.close()
    assert missing == []
