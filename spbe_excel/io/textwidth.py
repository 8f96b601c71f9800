"""How wide text and columns come out on paper, for sizing rows and pages.

LibreOffice does not size rows with wrapped text when it opens an .xlsx, and
it measures columns in the digit width of the workbook's default font
(Calibri 11).  On a computer without Calibri or its metric twin Carlito it
falls back to DejaVu Sans, which is about 20 % wider: columns and text both
grow, and text wraps into more lines than in Excel.  The model here is that
worst case, measured with LibreOffice 7.4 (``tests/test_print.py`` checks it
against LibreOffice's own optimal row heights):

* a column of width ``w`` is ``int(7 w + 0.5) + 5`` points wide at 100 %
  (Excel: 0.75 of that, in Calibri);
* text is as wide as the sum of DejaVu Sans advance widths (2 % added as a
  margin), and a cell keeps about 6 points of padding: over some 1,750 texts
  (the plan's names, recommendations and actions, labels, random sentences,
  paths, hashes; regular and bold) in column widths from 6 to 70, this never
  gave fewer lines than LibreOffice, and one more in about 1 case out of 8;
* an autofilter's button takes 2.5 width units from each header cell (180
  bold headers in 10 widths: never fewer lines than LibreOffice);
* a wrapped line is 1.25 times the font size high (Calibri in Excel needs a
  little more than DejaVu in LibreOffice), plus 3 points per cell.

Rows sized this way show everything in LibreOffice and in Excel (narrower
text there: at most some spare space below the last line).
"""

from __future__ import annotations

import math
from functools import lru_cache

# Advance widths of DejaVu Sans (Book and Bold) for the characters 32-126, in 1/2048 em.
_REGULAR = (
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303, 1303,
    1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178,
    1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251,
    1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995,
    1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
)
_BOLD = (
    713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425, 1425, 1425, 1425,
    1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048, 1585, 1561, 1503, 1700, 1399, 1399,
    1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501, 1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483,
    1485, 936, 748, 936, 1716, 1024, 1024, 1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134,
    1458, 1407, 1466, 1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716,
)
_OTHER = 1400  # any other character: wider than the average accented letter (counted per UTF-8 byte, halved)


def _byte_table(ascii_widths: tuple[int, ...]) -> tuple[int, ...]:
    """Widths by UTF-8 byte: ASCII from the font, a byte of any other character half of :data:`_OTHER`."""
    return tuple([0] * 32 + list(ascii_widths) + [0] + [_OTHER // 2] * 128)


_BYTES = {False: _byte_table(_REGULAR), True: _byte_table(_BOLD)}
_WORDS: dict[bool, dict[str, int]] = {False: {}, True: {}}  # widths of words seen, by boldness
_WORDS_MAX = 200_000
ROUNDING = 1.02  # a margin for LibreOffice laying glyphs out on device pixels
PADDING = 6.0  # points of a column not available to its text
LINE = 1.25  # height of a wrapped line, in font sizes
CELL_PAD = 3.0  # points a row needs beyond its lines
MAX_ROW = 409.0  # Excel's largest row height
FILTER_BUTTON = 2.5  # column width an autofilter's drop-down button takes from a header cell


def column_points(width: float) -> float:
    """The printed width in points at 100 % of a column of ``width`` (LibreOffice, the wider case)."""
    return int(7 * width + 0.5) + 5


def width_for(text: str, font_size: float = 10, bold: bool = False) -> float:
    """The narrowest column width (in steps of 0.5) that shows ``text`` on one line."""
    return math.ceil((text_points(text, font_size, bold) + PADDING - 5) / 3.5) / 2


def _units(text: str, bold: bool) -> int:
    """The width of ``text`` in 1/2048 of the font size."""
    return sum(map(_BYTES[bold].__getitem__, text.encode("utf-8")))


def text_points(text: str, font_size: float = 10, bold: bool = False) -> float:
    """The width in points of ``text`` on one line."""
    return _units(text, bold) * font_size * ROUNDING / 2048


_WIDEST = 4 * (_OTHER // 2)  # no character is wider (a 4-byte character); the narrowest printable one is
_NARROWEST = 563  # an apostrophe, so a text this many times longer than a line never fits on one


@lru_cache(maxsize=8192)
def text_lines(text: str, width: float, font_size: float = 10, bold: bool = False) -> int:
    """How many lines ``text`` takes when wrapped in a column of ``width``
    (greedy, at spaces, after a slash, and inside a word too long for a line)."""
    avail = (column_points(width) - PADDING) * 2048 / (font_size * ROUNDING)
    if "\n" not in text:
        n = len(text)
        if n * _WIDEST <= avail:  # short: fits whatever its characters (no need to measure)
            return 1
        if n * _NARROWEST <= avail and _units(text, bold) <= avail:
            return 1
    return sum(_paragraph_lines(p, avail, bold) for p in text.split("\n"))


def _word(word: str, bold: bool) -> int:
    w = _units(word, bold)
    words = _WORDS[bold]
    if len(words) < _WORDS_MAX:
        words[word] = w
    return w


def _paragraph_lines(text: str, avail: float, bold: bool) -> int:
    space = _BYTES[bold][32]
    known = _WORDS[bold]
    lines, used = 1, float(-space)  # used == -space: nothing on the current line yet
    for word in text.split(" "):
        w = known.get(word)
        if w is None:
            w = _word(word, bold)
        if used + space + w <= avail:
            used += space + w
            continue
        if used > -space:
            lines += 1
        if w <= avail:
            used = w
            continue
        lines, used = _long_word(word, avail, bold, lines)
    return lines


def _long_word(word: str, avail: float, bold: bool, lines: int) -> tuple[int, float]:
    """A word wider than a line, from the start of a line: broken after its slashes, then anywhere.
    Returns the lines so far and the width used on the last."""
    used = 0.0
    for piece in word.replace("/", "/\0").replace("\\", "\\\0").split("\0"):
        pw = _units(piece, bold)
        if used + pw <= avail:
            used += pw
            continue
        if used > 0:
            lines += 1
            used = 0.0
        for ch in piece:
            cw = _units(ch, bold)
            if used + cw > avail and used > 0:
                lines += 1
                used = 0.0
            used += cw
    return lines, used


def lines_height(lines: int, font_size: float = 10) -> float:
    """The row height in points that shows ``lines`` wrapped lines."""
    return min(MAX_ROW, round(lines * font_size * LINE + CELL_PAD, 1))
