"""The xlsxwriter subclasses every writer uses must write exactly what stock
xlsxwriter writes (they exist only for speed), and the shared helpers must
keep text safe."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
import xlsxwriter

from spbe_excel.io import clean_text, row_height
from spbe_excel.io.fastxlsx import (
    XLSXWRITER_PRIVATE,
    ZIP_LEVEL,
    SpbeWorkbook,
    SpbeWorksheet,
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


def test_fast_workbook_deflates_at_its_level_and_restores_zipfile(tmp_path):
    import xlsxwriter.workbook as xw_workbook

    plain = xw_workbook.ZipFile
    workbook_class = SpbeWorkbook
    path = tmp_path / "level.xlsx"
    wb = workbook_class(str(path))
    ws = wb.add_worksheet()
    for r in range(2000):
        ws.write_string(r, 0, f"row {r} " + "teks yang berulang " * 5)
    wb.close()
    assert xw_workbook.ZipFile is plain
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/sharedStrings.xml")
        raw = z.read(info.filename)
    assert info.compress_type == zipfile.ZIP_DEFLATED
    import zlib

    expected = zlib.compressobj(ZIP_LEVEL, zlib.DEFLATED, -15)
    assert info.compress_size == len(expected.compress(raw) + expected.flush())


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
    wb.close()
    assert missing == []
