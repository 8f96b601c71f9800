"""Checks: what can be wrong with a row, a submission or a folder of them.

:mod:`~spbe_excel.checks.registry` holds every check with its phase and the
finding codes it may emit; :mod:`~spbe_excel.checks.run` runs them by phase;
:mod:`~spbe_excel.checks.policy` says what a rejected file keeps.  Importing
this package registers every check."""

from spbe_excel.checks import (  # noqa: F401  (registration)
    claims,
    folder,
    period,
    reading,
    rows,
    submission,
    verification,
)
from spbe_excel.checks.policy import REJECTING, apply, rejects
from spbe_excel.checks.registry import CHECKS, Check, FileContext, Phase, check, checks_of, declare, owner
from spbe_excel.checks.rows import looks_like_formula, run_rules
from spbe_excel.checks.run import check_file, check_folder, check_period

__all__ = ["CHECKS", "REJECTING", "Check", "FileContext", "Phase", "apply", "check", "check_file", "check_folder",
           "check_period", "checks_of", "declare", "looks_like_formula", "owner", "rejects", "run_rules"]
