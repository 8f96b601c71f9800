"""Problems of a master file, and the checks across its rows.

A problem names its cell and a text key (:class:`~spbe_excel.model.problems.MasterProblem`);
:func:`spbe_excel.text.errors.master_error_text` lists them all in the user's language.  The checks here look beyond one
cell: a target below the baseline, an OPD code or alias claimed twice,
weights that do not add up to 100, an aspect in two domains (the rows of one
indicator are checked in :mod:`spbe_excel.master.actions`).
Each reports into a :class:`Problems` collector, so that every problem of a
file is shown at once.
"""

from __future__ import annotations

from spbe_excel.master.plan import Indicator
from spbe_excel.master.registry import opd_key
from spbe_excel.master.tables import Table
from spbe_excel.model.problems import MasterProblem


class Problems:
    """The problems found so far, in the order they were found."""

    def __init__(self):
        self.items: list[MasterProblem] = []
        self._seen: set[MasterProblem] = set()

    def add(self, cell: str, key: str, **params):
        """Record a problem once: an indicator's cell that several action rows share is reported once."""
        problem = MasterProblem(cell, key, tuple(sorted(params.items())))
        if problem not in self._seen:
            self._seen.add(problem)
            self.items.append(problem)


# ---- indicator rows ------------------------------------------------------------------------

def check_target(table: Table, r: int, c: int, target: int, baseline: int, problems: Problems) -> bool:
    """False (and reported) if the target of row ``r`` is below its baseline."""
    if target >= baseline:
        return True
    problems.add(table.cell(r, c), "master.p.target_below", target=target, baseline=baseline)
    return False


def check_plan(table: Table, header_row: int, cols: dict[str, int], indicators: list[Indicator],
               row_of: dict[int, int], problems: Problems) -> None:
    """The checks over the whole plan, run once every row is sound: there
    are indicators (``indicators``: one row each, ``row_of``: its row), their
    weights add up to 100, each aspect sits in one domain."""
    if problems.items:
        return
    if not indicators:
        problems.add(table.cell(header_row + 1, 0), "master.p.empty")
        return
    total = sum(i.weight for i in indicators)
    if abs(total - 100.0) > 1e-6:
        problems.add(table.cell(header_row, cols["weight"]), "master.p.weights_sum", total=f"{total:.6g}")
    domain_of: dict[str, str] = {}
    for i in indicators:
        if domain_of.setdefault(i.aspect, i.domain) != i.domain:
            problems.add(table.cell(row_of[i.no], cols["aspect"]), "master.p.aspect_domain",
                         aspect=i.aspect, domain=domain_of[i.aspect])


# ---- OPD registry ----------------------------------------------------------------------------

def check_unique_code(table: Table, r: int, c: int, code: str, seen: set[str], problems: Problems) -> bool:
    """False (and reported) if row ``r`` repeats an OPD code."""
    if code in seen:
        problems.add(table.cell(r, c), "master.p.duplicate_opd", code=code)
        return False
    seen.add(code)
    return True


def check_aliases(table: Table, r: int, c: int, code: str, names: tuple[str, ...], owner: dict[str, str],
                  problems: Problems) -> None:
    """Report each name of OPD ``code`` that another OPD already answers to;
    ``owner`` maps each :func:`opd_key` seen to its OPD."""
    for name in names:
        k = opd_key(name)
        if k in owner and owner[k] != code:
            problems.add(table.cell(r, c), "master.p.alias_clash", alias=name, a=owner[k], b=code)
        owner.setdefault(k, code)
