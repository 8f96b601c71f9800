"""What every part of the one door (:mod:`spbe_excel.pipeline`) takes a path as, and refuses an output by."""

from __future__ import annotations

import os
from pathlib import Path

from spbe_excel.errors import UsageError

PathLike = str | os.PathLike


def check_suffix(path: PathLike | None, suffix: str) -> None:
    """Refuse an output named for another format (``rekap.csv`` for a
    workbook, ``rekap.xlsx`` for the JSON report): the file would be written
    in ``suffix``'s format whatever its name, or overwrite a file of the other kind.  A folder is left to
    :func:`~spbe_excel.io.check_output`, which says so."""
    if path is not None and Path(path).suffix.lower() != suffix and not Path(path).is_dir():
        raise UsageError("usage.output_suffix", path=path, suffix=suffix,
                         example=Path(path).with_suffix(suffix).name if Path(path).name else f"rekap{suffix}")
