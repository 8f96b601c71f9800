"""Helpers every workbook writer shares: memoised formats, row heights for
wrapped text, print scales, dates shown with the month's name, and data
validations that Excel will not drop."""

from __future__ import annotations

import datetime as dt

from spbe_excel.io.textwidth import lines_height, text_lines
from spbe_excel.text import t

# Dates as "12 Agu 2019" / "12 Aug 2019": the locale prefix makes Excel and LibreOffice name the month in the
# workbook's language whatever the computer's locale, so that a day and month swapped by an English (US) locale
# cannot hide behind 12/08/2019.
DATE_FORMATS = {"id": "[$-421]dd mmm yyyy", "en": "[$-409]dd mmm yyyy"}


def date_format(lang: str) -> str:
    """The number format of a date cell in ``lang``: day, month's name, year."""
    return DATE_FORMATS.get(lang, DATE_FORMATS["id"])


def date_text(day: dt.date, lang: str) -> str:
    """A date as text the way :func:`date_format` shows it: ``30 Sep 2019``."""
    return f"{day.day:02d} {t('date.months', lang).split()[day.month - 1]} {day.year}"


def row_height(cells: list[tuple[str, float]], font_size: float = 10, minimum: float = 15.0,
               bold: bool = False) -> float:
    """The height in points that shows every ``(text, column width)`` of a
    row wrapped, in LibreOffice (which does not size rows with wrapped text
    on load) and in Excel; see :mod:`spbe_excel.io.textwidth`.  Rows stay
    resizable."""
    lines = 1
    for text, width in cells:
        lines = max(lines, text_lines(str(text), width, font_size, bold))
    return max(minimum, lines_height(lines, font_size))


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
