"""Writing files safely: atomic output (``atomic``), text that stays text
(``safetext``) and the sheet helpers every writer shares (``sheet``).  The
fast xlsxwriter path (``fastxlsx``) imports xlsxwriter and is imported by the
writers themselves, so that reading never pays for it."""

from spbe_excel.io.atomic import (
           atomic_output,
           check_output,
           ensure_dir,
           lock_file,
           os_reason,
)
from spbe_excel.io.safetext import EXCEL_MAX_TEXT, FORMULA_START, clean_text, write_text
from spbe_excel.io.sheet import Formats, date_format, date_text, print_scale, row_height, validation

__all__ = ["EXCEL_MAX_TEXT", "FORMULA_START", "Formats", "atomic_output", "check_output", "clean_text", "date_format",
           "date_text", "ensure_dir",
           "lock_file", "os_reason", "print_scale", "row_height", "validation", "write_text"]
