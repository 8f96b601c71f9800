"""Every text a user reads, in Indonesian (default) and English.

``t(key, lang, **params)`` is the one translation function: user-facing
strings in workbooks, findings and CLI messages all come through it.
Finding messages live in :mod:`spbe_excel.text.findings`, the words of the
model's values (column labels, statuses, levels, predicates) in
:mod:`spbe_excel.text.words`, and errors are worded by :mod:`spbe_excel.text.errors`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from spbe_excel.errors import UsageError

LANGS = ("id", "en")
DEFAULT_LANG = "id"


def check_lang(lang: str | None) -> str:
    """Return a valid language code; ``None`` means the default."""
    if lang is None:
        return DEFAULT_LANG
    lang = lang.strip().lower()
    if lang not in LANGS:
        raise UsageError("usage.lang_unknown", value=lang, known=", ".join(LANGS))
    return lang


def pick(pair: tuple[str, str], lang: str) -> str:
    """Choose the Indonesian or English member of a pair."""
    return pair[1] if lang == "en" else pair[0]


_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)(?:\|([^{}|]*))?\}")


def fill(text: str, params: Mapping) -> str:
    """``text.format_map(params)``, where ``{name|one|many}`` is the word for
    one when ``params[name]`` is 1, else the word for many, and ``{name|s}``
    is short for ``{name||s}``: English counts are written
    ``"{count} file{count|s}"``.  Indonesian has no plural form."""
    if "|" in text:
        text = _PLURAL.sub(lambda m: (m[2] if m[3] is not None else "") if getattr(params.get(m[1]), "value",
                                                                                   params.get(m[1])) == 1
                           else (m[3] if m[3] is not None else m[2]), text)
    return text.format_map(params)


def t(key: str, lang: str = DEFAULT_LANG, **params) -> str:
    """Translate ``key`` into ``lang`` and fill in ``params``."""
    try:
        text = pick(TEXTS[key], lang)
    except KeyError:  # a programming error, never user input
        raise KeyError(f"no text for {key!r}") from None
    return fill(text, params) if params else text


def _collect() -> dict[str, tuple[str, str]]:
    from spbe_excel.text import (
        cli,
        evidence,
        master,
        plan,
        portal,
        reasons,
        remind,
        templates,
        usage,
        verify,
        workbook,
        year,
    )

    texts: dict[str, tuple[str, str]] = {}
    for part in (templates, workbook, cli, master, reasons, usage, plan, portal, remind, year, verify, evidence):
        clash = texts.keys() & part.TEXTS.keys()
        assert not clash, clash
        texts.update(part.TEXTS)
    return texts


TEXTS: dict[str, tuple[str, str]] = _collect()
