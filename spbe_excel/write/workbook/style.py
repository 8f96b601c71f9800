"""What every sheet of the consolidated workbook shares: colours, header and
border formats, the title row and the print set-up (A4 landscape, fit to
width, header rows repeated)."""

from __future__ import annotations

from spbe_excel.text import t

GREEN, YELLOW, GREY, ORANGE, RED, AMBER = "#C6EFCE", "#FFEB9C", "#E7E6E6", "#F8CBAD", "#FFC7CE", "#FFE699"
HEAD = {"bold": True, "bg_color": "#BFBFBF", "border": 1, "text_wrap": True, "valign": "vcenter", "align": "center"}
BORDER = {"border": 1, "border_color": "#A6A6A6"}
DATA_BAR = {"type": "data_bar", "bar_color": "#5B9BD5", "min_type": "num", "min_value": 0, "max_type": "num",
            "max_value": 1, "bar_solid": True}  # a fraction of one as a bar


def print_setup(ws, header_rows: tuple[int, int], lang: str, title: str) -> None:
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(*header_rows)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer(f"&L{title.replace('&', '&&')[:100]}&R{t('wb.footer', lang)}")


def title(ws, f, text: str, width: int) -> None:
    ws.merge_range(0, 0, 0, max(1, width - 1), text, f(bold=True, font_size=13, valign="vcenter"))
    ws.set_row(0, 22)
