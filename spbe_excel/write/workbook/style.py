"""What every sheet of the consolidated workbook shares: colours, header and
border formats, the title row, header rows sized to their text and the print
set-up.

Printing: A4 landscape at the largest scale up to 100 % at which the printed
columns fit the page width, but never below :data:`MIN_SCALE` (text of 10 pt
prints at 7 pt or more).  A sheet wider than that continues on further page
widths, cut between columns, with its identifying columns (``repeat``)
repeated on each; header rows repeat on every page.  Widths are those of
LibreOffice without Calibri (:mod:`spbe_excel.io.textwidth`), the widest case:
in Excel the same pages have room to spare.
"""

from __future__ import annotations

from collections.abc import Sequence

from spbe_excel.io import row_height
from spbe_excel.io.textwidth import FILTER_BUTTON, column_points
from spbe_excel.text import t

GREEN, YELLOW, GREY, ORANGE, RED, AMBER = "#C6EFCE", "#FFEB9C", "#E7E6E6", "#F8CBAD", "#FFC7CE", "#FFE699"
INPUT = "#FFF9E5"  # a cell for DKIS to fill in (its verification of a claim)
HEAD = {"bold": True, "bg_color": "#BFBFBF", "border": 1, "text_wrap": True, "valign": "vcenter", "align": "center"}
BORDER = {"border": 1, "border_color": "#A6A6A6"}
DATA_BAR = {"type": "data_bar", "bar_color": "#5B9BD5", "min_type": "num", "min_value": 0, "max_type": "num",
            "max_value": 1, "bar_solid": True}  # a fraction of one as a bar

MARGIN_IN = 0.4  # left and right page margins, inches
PAGE_POINTS = (11.69 - 2 * MARGIN_IN) * 72 * 0.98  # printable width of A4 landscape, with 2 % to spare
MIN_SCALE = 70  # percent


def page_columns(widths: Sequence[float], repeat: int = 0) -> tuple[int, list[int]]:
    """The print scale of columns of ``widths`` and the columns where a new
    page width starts (empty when they fit one): the largest scale up to 100 %
    at which they fit, else :data:`MIN_SCALE` with the columns after the first
    ``repeat`` (repeated on every page) packed greedily into page widths."""
    points = [column_points(w) for w in widths]
    total = sum(points)
    if total * MIN_SCALE / 100 <= PAGE_POINTS:
        return min(100, int(PAGE_POINTS * 100 / total)), []
    room = PAGE_POINTS * 100 / MIN_SCALE - sum(points[:repeat])
    breaks, used = [], 0.0
    for c in range(repeat, len(points)):
        if used and used + points[c] > room:
            breaks.append(c)
            used = 0.0
        used += points[c]
    return MIN_SCALE, breaks


def print_setup(ws, header_rows: tuple[int, int], lang: str, name: str, widths: Sequence[float], repeat: int = 0,
                heading: tuple[str, str] | None = None, last_row: int = 0) -> int:
    """A4 landscape, scaled and cut into page widths by :func:`page_columns`,
    header rows and the first ``repeat`` columns repeated, a footer with the
    sheet's ``name`` and the page number.  When the columns take several page
    widths and a ``heading`` (title, subtitle) is given, the rows above the
    header rows are left out of the print (a title cut at the repeated columns
    would show only its start) and the heading tops every page instead.
    Returns the scale."""
    scale, breaks = page_columns(widths, repeat)
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_print_scale(scale)
    if breaks:
        ws.set_v_pagebreaks(breaks)
        if heading is not None:
            ws.print_area(header_rows[0], 0, max(last_row, header_rows[1]), len(widths) - 1)
            ws.set_header(f'&L&"-,Bold"{_escape(heading[0])}&R{_escape(heading[1])}')
    if repeat:
        ws.repeat_columns(0, repeat - 1)
    ws.repeat_rows(*header_rows)
    ws.set_margins(left=MARGIN_IN, right=MARGIN_IN, top=0.5, bottom=0.6)
    ws.set_footer(f"&L{_escape(name)}&R{t('wb.footer', lang)}")
    return scale


def _escape(text: str) -> str:
    """Text for a page header or footer: ampersands doubled, cut at 100 characters."""
    return text[:100].replace("&", "&&")


def header_row(ws, row: int, labels: Sequence[tuple[str, float]], minimum: float = 15.0,
               filtered: bool = False) -> None:
    """Size a header row (bold, wrapped) to its tallest label: ``(label, column width)``; ``filtered``: an
    autofilter's buttons take part of each cell."""
    cut = FILTER_BUTTON if filtered else 0
    ws.set_row(row, row_height([(label, width - cut) for label, width in labels], minimum=minimum, bold=True))


def title(ws, f, text: str, width: int) -> None:
    ws.merge_range(0, 0, 0, max(1, width - 1), text, f(bold=True, font_size=13, valign="vcenter"))
    ws.set_row(0, 22)


def sheet_head(ws, f, widths: Sequence[float], heading: str, note: str, span: int) -> None:
    """A sheet's column widths, its title over its first ``span`` columns, and a note in italics below the title
    across them, its row as high as the note needs."""
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    title(ws, f, heading, span)
    ws.merge_range(1, 0, 1, span - 1, note, f(italic=True, text_wrap=True, valign="top"))
    ws.set_row(1, row_height([(note, sum(widths[:span]))]))
