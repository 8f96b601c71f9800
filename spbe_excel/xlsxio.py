"""Writing workbooks safely: atomic output, text that cannot turn into a
formula, characters that cannot live in an xlsx file, Excel's limits.

Shared by the template, feedback, master-export and consolidated-workbook
writers.  Imports xlsxwriter lazily.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError
from .labels import t

EXCEL_MAX_TEXT = 32767
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"[\x0b\x0c]")  # Word's manual line break and page break
FORMULA_START = ("=", "+", "-", "@")


def clean_text(text: str) -> tuple[str, bool, bool]:
    """Make ``text`` storable in an xlsx cell.

    Word's line and page breaks become newlines, other control characters
    (which XML 1.0 forbids) are removed, and text over Excel's 32,767
    characters is cut.  Returns (text, changed, truncated)."""
    cleaned = _CONTROL.sub("", _BREAKS.sub("\n", text))
    truncated = len(cleaned) > EXCEL_MAX_TEXT
    if truncated:
        cleaned = cleaned[:EXCEL_MAX_TEXT]
    return cleaned, cleaned != text, truncated


def new_workbook(path: str | os.PathLike, created: dt.datetime, **options):
    """An xlsxwriter workbook that never turns strings into formulas, URLs or
    numbers, with a fixed creation date so that the same input gives the
    same bytes."""
    import xlsxwriter

    opts = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    opts.update(options)
    wb = xlsxwriter.Workbook(str(path), opts)
    wb.set_properties({"created": created, "author": "spbe-excel", "company": ""})
    wb.set_calc_mode("auto")
    return wb


def write_text(ws, row: int, col: int, text: str, fmt=None) -> bool:
    """Write ``text`` as a string, never as a formula.  Returns True when the
    text had to be cut to Excel's limit."""
    cleaned, _, truncated = clean_text(text)
    ws.write_string(row, col, cleaned, fmt)
    return truncated


def row_height(cells: list[tuple[str, float]], font_size: float = 10, minimum: float = 15.0) -> float:
    """Estimate the height in points that shows every ``(text, column width)``
    of a row when wrapped.  LibreOffice does not size rows with wrapped text
    on load, so writers set heights explicitly (rows stay resizable)."""
    line = font_size * 1.32
    lines = 1
    for text, width in cells:
        per_line = max(1, int(width * 1.1 * 10 / font_size))
        n = sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))
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


# ---- atomic output ---------------------------------------------------------------

def lock_file(path: Path) -> tuple[Path, Path]:
    """The owner files Excel (~$) and LibreOffice (.~lock) create next to an open workbook."""
    return path.with_name("~$" + path.name), path.with_name(f".~lock.{path.name}#")


def check_output(path: str | os.PathLike, lang: str = "id", inputs: list[Path] | None = None) -> Path:
    """Refuse an output path that cannot be written safely; return it resolved."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(t("output.is_dir", lang, path=path))
    parent = path.parent if str(path.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise OutputError(t("output.not_dir", lang, path=parent))
    if inputs:
        resolved = path.resolve()
        for p in inputs:
            try:
                same = Path(p).resolve() == resolved
            except OSError:
                continue
            if same:
                raise OutputError(t("output.is_input", lang, path=path))
    for lock in lock_file(path):
        if lock.exists():
            raise OutputError(t("output.locked", lang, path=path, lock=lock.name))
    return path


def os_reason(exc: OSError, lang: str = "id") -> str:
    """A short reason for an OS error in the user's language."""
    import errno

    key = {errno.EACCES: "reason.os.denied", errno.EPERM: "reason.os.denied", errno.EROFS: "reason.os.readonly",
           errno.ENOSPC: "reason.os.full", errno.ENOTDIR: "reason.os.notdir", errno.ENAMETOOLONG:
           "reason.os.toolong"}.get(exc.errno)
    return t(key, lang) if key else (exc.strerror or type(exc).__name__)


def ensure_dir(path: str | os.PathLike, lang: str = "id") -> Path:
    """Create ``path`` (and parents) as a folder, or explain why not."""
    path = Path(path)
    for ancestor in (path, *path.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise OutputError(t("output.not_dir", lang, path=ancestor))
            break
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(t("output.unwritable", lang, path=path, reason=os_reason(exc, lang))) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputError(t("output.unwritable", lang, path=path, reason=t("reason.os.denied", lang)))
    return path


@contextmanager
def atomic_output(path: str | os.PathLike, lang: str = "id", inputs: list[Path] | None = None):
    """Yield a temporary path in the target folder; on success it is renamed
    onto ``path`` in one step, on failure removed, leaving any previous
    ``path`` untouched."""
    path = check_output(path, lang, inputs)
    parent = ensure_dir(path.parent if str(path.parent) else Path("."), lang)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(t("output.unwritable", lang, path=path, reason=os_reason(exc, lang))) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, path)
    except OSError as exc:
        raise OutputError(t("output.unwritable", lang, path=path, reason=os_reason(exc, lang))) from None
    finally:
        if tmp_path.exists():
            tmp_path.unlink()
