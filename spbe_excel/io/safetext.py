"""Text that can live in an xlsx cell and never turns into a formula.

Every text written into a workbook goes through :func:`write_text`: Word's
line and page breaks become newlines, control characters XML forbids are
dropped, text over Excel's 32,767 characters is cut, and the text is written
as a string whatever it starts with."""

from __future__ import annotations

import re

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


def write_text(ws, row: int, col: int, text: str, fmt=None) -> bool:
    """Write ``text`` as a string, never as a formula.  Returns True when the
    text had to be cut to Excel's limit."""
    cleaned, _, truncated = clean_text(text)
    ws.string_at(row, col, cleaned, fmt)
    return truncated
