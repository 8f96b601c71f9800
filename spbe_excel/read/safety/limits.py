"""How large a submitted file and its sheets may be before a parser sees them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 64 * 1024 * 1024
    max_members: int = 2000
    max_uncompressed: int = 256 * 1024 * 1024  # sum of declared sizes
    max_ratio: int = 200  # for members above ratio_floor
    ratio_floor: int = 4 * 1024 * 1024
    max_rows: int = 100_000
    max_cols: int = 2_000
    max_cells: int = 3_000_000  # bounding box of a sheet
    # characters the cells of a sheet may hold by repeating texts (xlsx: the table of texts, its sharedStrings
    # part; ods: repeated cells): beyond both, a file of a few kilobytes would be read as gigabytes of text
    max_text: int = 8 * 1024 * 1024
    text_ratio: int = 4  # times the bytes of the sheet and its table of texts

    def text_allowed(self, size: int) -> int:
        """Characters of repeated text a sheet of ``size`` bytes (with its table of texts) may hold."""
        return max(self.max_text, self.text_ratio * size)


DEFAULT_LIMITS = Limits()
