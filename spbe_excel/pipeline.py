"""What every front end calls: the command line today, the intake page
tomorrow.  Each function takes paths and options, sequences reading,
checking, merging and writing, and returns what was made; none of them
prints, parses arguments or exits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from spbe_excel.master import MasterList
from spbe_excel.merge import Consolidation, consolidate
from spbe_excel.read.previous import read_previous


def consolidate_folder(input_dir: str | Path, master: MasterList, *, period: str | None = None,
                       as_of: dt.date | None = None, previous: str | Path | None = None, workers: int | None = None,
                       progress=None, lang: str = "id") -> Consolidation:
    """Read every submission under ``input_dir`` (each in an isolated worker)
    and consolidate them; compare with ``previous`` (an earlier output)."""
    from spbe_excel.read.batch import collect_files, read_many

    as_of = as_of or dt.date.today()
    prev = read_previous(previous, master, lang) if previous else None
    files = collect_files([input_dir], lang)
    subs = read_many(files, master, period=period, today=as_of, workers=workers, progress=progress)
    return consolidate(subs, master, period=period, as_of=as_of, previous=prev,
                       previous_path=str(previous) if previous else "")
