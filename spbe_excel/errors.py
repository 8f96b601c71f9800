"""Exception tree.

A *finding* (see :mod:`spbe_excel.model.findings`) is data about a submission and
never raised.  An exception means work cannot go on: the master list is
broken, an output cannot be written, the caller passed something invalid.
Every exception the package raises derives from :class:`SpbeExcelError`.

An exception carries no language: a text key and its parameters, which a
front end words in its user's language (:func:`spbe_excel.text.errors.error_text`;
the command line words some with its option names).  A parameter that is
itself a text key (a :class:`~spbe_excel.model.vocab.Reason`, ``"period.kind.q"``)
is worded too.
"""

from __future__ import annotations


class SpbeExcelError(Exception):
    """Root of every exception raised by spbe-excel: ``key`` names its text,
    ``params`` fill it in."""

    def __init__(self, key: str = "", /, **params):
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        if not self.params:
            return self.key
        return f"{self.key} ({', '.join(f'{k}={v!r}' for k, v in self.params.items())})"


class UsageError(SpbeExcelError):
    """The caller asked for something that cannot be done (unknown OPD code,
    unknown language, bad option)."""


class MasterListError(SpbeExcelError):
    """A master list file is broken: ``key`` says why it cannot be used at all
    (a missing file, an unknown format), or ``problems`` holds one
    :class:`~spbe_excel.model.problems.Problem` per defect of its cells;
    nothing may run on such a list.  ``source`` is the file."""

    def __init__(self, key: str = "", /, *, problems: list | None = None, source: str = "", **params):
        super().__init__(key, **params)
        self.problems = list(problems or [])
        self.source = source


class OutputError(SpbeExcelError):
    """An output file or folder cannot be written (unwritable folder, a file
    in the way, an output that is also an input, a file open elsewhere)."""


class SubmissionError(SpbeExcelError):
    """Raised internally by the reader when a submission cannot be read at
    all; the reader turns it into a finding of ``code`` with ``params``."""

    def __init__(self, code: str, detail: str = "", **params):
        super().__init__(code, **params)
        self.code = code
        self.detail = detail


class PreviousWorkbookError(SpbeExcelError):
    """The earlier workbook to compare with is not a consolidated workbook
    written by spbe-excel."""
