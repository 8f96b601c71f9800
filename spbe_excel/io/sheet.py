"""Helpers every workbook writer shares: memoised formats, row heights for
wrapped text, print scales, and data validations that Excel will not drop."""

from __future__ import annotations


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
