"""The one door (:mod:`spbe_excel.pipeline`) to evidence files (issue 19): what a file sent as evidence is, and the
evidence pack.  Re-exported by :mod:`spbe_excel.pipeline`; like it, nothing here prints, parses arguments or
exits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from spbe_excel.pipeline.paths import PathLike, check_suffix

if TYPE_CHECKING:
    from spbe_excel.model.evidence_files import PackedFile, Recognised
    from spbe_excel.write.evidence import PackWritten


def recognise_evidence(path: PathLike, name: str = "") -> Recognised:
    """What a file sent as evidence is, from its bytes (``name``: what it was sent as): an accepted kind (PDF, image,
    office document), or why it is refused (:func:`~spbe_excel.read.safety.evidence.recognise_evidence`)."""
    from spbe_excel.read.safety.evidence import recognise_evidence as recognise

    return recognise(Path(path), name)


def write_evidence_pack(files: Sequence[PackedFile], indicators: Sequence[tuple[int, str]], output: PathLike, *,
                        lang: str = "id", zone: dt.tzinfo = dt.timezone.utc, title: str = "") -> PackWritten:
    """The evidence pack (``spbe-excel evidence pack``): a zip of ``files`` in a folder per indicator, with its
    index workbook (:func:`~spbe_excel.write.evidence.write_evidence_pack`)."""
    from spbe_excel.write.evidence import write_evidence_pack as write

    check_suffix(output, ".zip")
    return write(files, indicators, Path(output), lang=lang, zone=zone, title=title)
