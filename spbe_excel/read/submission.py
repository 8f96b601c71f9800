"""One submission read and checked: what the reader finds in a file
(:func:`spbe_excel.read.one.reader.read_file`), then what the checks say of it
(:func:`spbe_excel.checks.check_file`).  This is what an isolated worker does
with each file (:mod:`spbe_excel.read.batch`)."""

from __future__ import annotations

import datetime as dt
import os

from spbe_excel.checks import check_file
from spbe_excel.master import MasterList
from spbe_excel.model.periods import Period, as_period
from spbe_excel.model.submission import Incoming, Submission
from spbe_excel.read.one.reader import read_file
from spbe_excel.read.safety.limits import DEFAULT_LIMITS, Limits


def read_submission(item: str | os.PathLike | Incoming, master: MasterList, *, period: Period | str | None = None,
                    today: dt.date | None = None, limits: Limits = DEFAULT_LIMITS) -> Submission:
    """Read and check one submitted file (a path, or an :class:`Incoming` that says what to call it and whose
    it is), expecting ``period`` (text is read once, as a file's would be: :meth:`Period.stated`).  Never
    raises for a bad file: problems are findings, and a file that cannot be used is ``rejected``."""
    return check_file(read_file(item, master, limits=limits), master, period=as_period(period), today=today)
