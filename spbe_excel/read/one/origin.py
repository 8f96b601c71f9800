"""Who sent a submission and for when: its OPD, its period, its contact and
the date it was filled in, from the template's metadata, the header block,
the OPD column of its rows and its file name.

Each function takes what it looks at and returns the value it settles on
and the findings it makes.
"""

from __future__ import annotations

from pathlib import Path

from spbe_excel.model import values
from spbe_excel.model.columns import words
from spbe_excel.model.findings import Finding, make
from spbe_excel.model.vocab import Reason

# field -> (text, cell, raw value), as read by spbe_excel.read.one.header.header_block
Block = dict[str, tuple[str, str, object]]


def determine_opd(meta: dict, block: Block, candidates: list, registry, file_name: str, *, file: str,
                  sheet: str, assigned: str | None = None) -> tuple[str | None, list[Finding]]:
    """The OPD of a submission: the first of the template's metadata, the
    header block, the OPD column common to every row, the file name; an
    ``opd-conflict`` when they disagree, ``opd-unknown`` when none names one
    (or the header block names one that is not in the registry).

    A file ``assigned`` to an OPD (it came through that OPD's intake link) is
    that OPD's: its name does not count, and when what it holds names another
    OPD it is an ``opd-mismatch``, which rejects it."""
    sources: list[tuple[str, str, str]] = []  # (source label key, OPD code, cell)
    meta_opd = meta.get("opd", "").strip()
    if meta_opd:
        o = registry.resolve(meta_opd)
        sources.append((Reason.SRC_TEMPLATE, o.code if o else meta_opd, ""))
    written = block.get("opd")
    if written and written[0]:
        o = _written_opd(registry, written[0])
        if o is not None:
            sources.append((Reason.SRC_HEADER, o.code, written[1]))
        elif not meta_opd and assigned is None:
            return None, [_unknown_written(registry, written, file, sheet)]
    common = _opd_of_column(registry, candidates)
    if common is not None:
        sources.append((Reason.SRC_COLUMN, common, ""))
    if assigned is not None:
        return assigned, _not_assigned(sources, assigned, file, sheet)
    from_name = _opd_from_words(registry, words(Path(file_name).stem))
    if from_name is not None:
        sources.append((Reason.SRC_FILENAME, from_name, ""))
    if not sources:
        return None, [make("opd-unknown", file=file, sheet=sheet, written="", suggestion="")]
    chosen = sources[0][1]
    if len(dict.fromkeys(code for _, code, _ in sources)) == 1:
        return chosen, []
    cell = next((c for _, code, c in sources if c), "")
    return chosen, [make("opd-conflict", file=file, sheet=sheet, cell=cell, opd=chosen,
                         sources=tuple((src, code) for src, code, _ in sources))]


def _not_assigned(sources: list[tuple[str, str, str]], assigned: str, file: str, sheet: str) -> list[Finding]:
    """``opd-mismatch`` when what a file holds names an OPD other than the one it is assigned to."""
    others = [(src, code, cell) for src, code, cell in sources if code != assigned]
    if not others:
        return []
    return [make("opd-mismatch", file=file, sheet=sheet, cell=next((c for _, _, c in others if c), ""),
                 opd=assigned, found=others[0][1], sources=tuple((src, code) for src, code, _ in sources))]


def opd_of_file_name(registry, file_name: str) -> str | None:
    """The one OPD a file's name names ("BAPPEDA_Triwulan_III_2019.xlsx"), or None."""
    return _opd_from_words(registry, words(Path(file_name).stem))


def _written_opd(registry, text: str):
    """The OPD a header block names: its name or code, or one named inside a longer text ("Laporan Bappeda
    TW III")."""
    o = registry.resolve(text)
    if o is None:
        o = _opd_from_words(registry, words(text))
    return o


def _unknown_written(registry, written: tuple, file: str, sheet: str) -> Finding:
    near = registry.closest(written[0])
    return make("opd-unknown", file=file, sheet=sheet, cell=written[1], value=written[0], written=written[0],
                suggestion=near.display() if near else "")


def _opd_of_column(registry, candidates: list) -> str | None:
    """The one OPD code every matched row lists in its OPD column, or None."""
    column_sets = []
    for _, present, no, _action in candidates:
        if no is not None and "opds" in present:
            codes = registry.split_codes(values.as_text(present["opds"]))
            if codes:
                column_sets.append(codes)
    if column_sets:
        common = set(column_sets[0]).intersection(*column_sets[1:])
        if len(common) == 1:
            return common.pop()
    return None


def _opd_from_words(registry, w: list[str]):
    """The one OPD code named by a run of words (longest runs first), or None."""
    found = []
    for size in (4, 3, 2, 1):
        for i in range(len(w) - size + 1):
            chunk = " ".join(w[i:i + size])
            if size == 1 and (len(chunk) < 3 or chunk.isdigit()):
                continue
            o = registry.resolve(chunk)
            if o is not None and o.code not in found:
                found.append(o.code)
        if found:
            break
    return found[0] if len(found) == 1 else None


def stated_period(meta: dict, block: Block) -> str | None:
    """The period a submission states: its header block's, else its template's metadata's (the checks compare
    it with the period expected, and the two with each other: ``period-mismatch``)."""
    written = block.get("period")
    return (written[0] if written else "") or meta.get("period", "").strip() or None


def filled_on(block: Block, *, file: str, sheet: str):
    """The date the header block says the file was filled in, or None; a ``value-invalid`` when it is not
    a date."""
    written = block.get("filled_on")
    if written is None:
        return None, []
    try:
        return values.parse_date(written[2]), []
    except values.ParseError:
        return None, [make("value-invalid", file=file, sheet=sheet, cell=written[1],
                           value=values.as_text(written[2]), column="filled_on", reason=Reason.NOT_A_DATE)]
