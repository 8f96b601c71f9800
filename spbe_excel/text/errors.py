"""Errors and master-list problems in words.

Exceptions (:mod:`spbe_excel.errors`) and problems of a master list
(:class:`~spbe_excel.model.problems.MasterProblem`) carry a text key and raw
parameters; here they become a message in the user's language.  A parameter
that is itself a text key (a :class:`~spbe_excel.model.vocab.Reason`,
``"period.kind.q"``, ``"usage.period_forms"``) is worded with the same
parameters first."""

from __future__ import annotations

from collections.abc import Mapping

from spbe_excel.errors import MasterListError, SpbeExcelError
from spbe_excel.model.columns import BY_KEY
from spbe_excel.model.problems import MasterProblem
from spbe_excel.model.vocab import LevelKind
from spbe_excel.text import TEXTS, t
from spbe_excel.text.words import column_label, level_kind_name


def worded(params: Mapping, lang: str) -> dict:
    """``params`` with every value that is a text key replaced by its text (filled with ``params``)."""
    out = dict(params)
    for key, value in params.items():
        if isinstance(value, LevelKind):
            out[key] = level_kind_name(value, lang)
        elif isinstance(value, str) and value in TEXTS:
            out[key] = t(value, lang, **params)
    return out


def error_text(exc: SpbeExcelError, lang: str = "id", key: str | None = None) -> str:
    """The message of ``exc`` in ``lang`` (``key``: another text for it, such as the command line's wording
    with its option names).  A broken master list lists its problems, one line each."""
    if isinstance(exc, MasterListError) and exc.problems:
        return master_error_text(exc, lang)
    return t(key or exc.key, lang, **worded(exc.params, lang))


def problem_text(problem: MasterProblem, lang: str = "id") -> str:
    """``"Indikator!G5: ..."``: one problem of a master list, with its cell."""
    params = dict(problem.params)
    if "column" in params:  # a column of the master list by its key, or several
        keys = params["column"] if isinstance(params["column"], tuple) else (params["column"],)
        params["column"] = ", ".join(column_label(k, lang) if k in BY_KEY else str(k) for k in keys)
    if "near" in params:
        params["suggestion"] = t("master.p.suggestion", lang, name=params["near"]) if params["near"] else ""
    return f"{problem.cell}: {t(problem.key, lang, **worded(params, lang))}"


def master_error_text(exc: MasterListError, lang: str = "id") -> str:
    """A broken master list: the file, the count, one line per problem, what to do."""
    lines = [t("master.broken", lang, path=exc.source, count=len(exc.problems))]
    lines += [f"  - {problem_text(p, lang)}" for p in exc.problems]
    lines.append(t("master.broken.end", lang))
    return "\n".join(lines)


def warnings_text(warnings: list[MasterProblem], lang: str = "id") -> str:
    """The warnings of ``master check``, one line per cell, under a count."""
    lines = [t("master.warnings", lang, count=len(warnings))]
    lines += [f"  - {problem_text(w, lang)}" for w in warnings]
    return "\n".join(lines)
