"""Exception tree.

A *finding* (see :mod:`spbe_excel.model.findings`) is data about a submission and
never raised.  An exception means work cannot go on: the master list is
broken, an output cannot be written, the caller passed something invalid.
Every exception the package raises derives from :class:`SpbeExcelError`.
"""

from __future__ import annotations


class SpbeExcelError(Exception):
    """Root of every exception raised by spbe-excel.

    ``str(error)`` is a message for the user in the language it was made in.
    ``key`` and ``params``, when given, are the text it was made from (see
    :func:`spbe_excel.text.t`), so that a front end can word it its own way
    (the command line names its options).
    """

    def __init__(self, message: str = "", *, key: str = "", params: dict | None = None):
        super().__init__(message)
        self.key = key
        self.params = dict(params or {})


class UsageError(SpbeExcelError):
    """The caller asked for something that cannot be done (unknown OPD code,
    unknown language, bad option)."""


class MasterListError(SpbeExcelError):
    """A master list file is broken.  ``problems`` holds one
    :class:`MasterProblem` per defect; nothing may run on such a list."""

    def __init__(self, message: str, problems: list | None = None, source: str = ""):
        super().__init__(message)
        self.problems = list(problems or [])
        self.source = source


class OutputError(SpbeExcelError):
    """An output file or folder cannot be written (unwritable folder, a file
    in the way, an output that is also an input, a file open elsewhere)."""


class SubmissionError(SpbeExcelError):
    """Raised internally by the reader when a submission cannot be read at
    all; :func:`spbe_excel.read.reader.read_submission` turns it into a finding."""

    def __init__(self, code: str, detail: str = "", **params):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.params = params


class PreviousWorkbookError(SpbeExcelError):
    """The earlier workbook to compare with is not a consolidated workbook
    written by spbe-excel."""
