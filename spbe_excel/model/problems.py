"""A problem of a master list (or a warning of ``master check``): the cell it
is in, the key of its text and raw parameters, worded by
:mod:`spbe_excel.text.errors`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MasterProblem:
    cell: str
    key: str
    params: tuple = ()
