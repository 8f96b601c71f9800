"""The SPBE evaluation frameworks as data: PermenPANRB 5/2018 (id "2018")
and 59/2020 (id "2020"), read from ``spbe_excel/data/frameworks/<id>/``.

A framework lists its scored rows (``indikator.csv``: No, the regulation's
indicator number, name, domain and aspect with their weights, the row's
weight, level kind, whether the instansi names it), level names
(``tingkat.csv``), predicates (``predikat.csv``) and a few facts
(``kerangka.csv``); ``SUMBER.md`` says where each fact comes from.  Rows and
indicators differ in 2018 only: its indicator 35 is assessed over three
public services, rows 35-37, each named by the instansi.

A plan names its framework on its Info sheet (``Kerangka``): by id ("2020"),
by short name ("PermenPANRB 59/2020") or by any text that holds the
regulation's number and year ("Permen PANRB No. 59 Tahun 2020");
:func:`resolve_framework` finds it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache

from spbe_excel.errors import UsageError
from spbe_excel.model import values
from spbe_excel.model.columns import Kind, norm, words
from spbe_excel.model.levels import (
    LEVELS_FILE,
    PREDICATES_FILE,
    RULES_FILE,
    PredicateRule,
    framework_dirs,
    level_kind_of,
    parse_level_names,
    parse_predicate_rules,
    parse_predicates,
    rule_of_year,
)
from spbe_excel.model.vocab import LevelKind

_YES = frozenset({"ya", "y", "yes", "true", "1"})


@dataclass(frozen=True)
class FrameworkRow:
    """One scored row of a framework (a plan's No)."""

    no: int
    indicator_no: int  # the regulation's indicator (rows 35-37 of 2018 share 35)
    name: str
    domain: str
    domain_weight: float
    aspect: str
    aspect_weight: float
    weight: float  # percent of the index
    weight_text: str  # as the data writes it ("20/6")
    level_kind: LevelKind
    named_by_plan: bool  # the instansi writes the name (a public service of its own)


@dataclass(frozen=True, eq=False)
class Framework:
    id: str
    name: str  # "PermenPANRB 59/2020"
    number: str  # "59/2020"
    title: tuple[str, str]  # the regulation's full title, Indonesian and English
    used: tuple[str, str]  # which evaluations use it
    indicator_count: int
    rows: tuple[FrameworkRow, ...]
    level_names: dict
    predicates: tuple
    predicate_rules: tuple[PredicateRule, ...] = ()  # how the evaluations of each year judge an index

    def predicate_rule(self, year: int) -> PredicateRule:
        """How the evaluation of ``year`` judges an index into its predikat (``predikat-aturan.csv``)."""
        return rule_of_year(self.predicate_rules, year)

    def row(self, no: int) -> FrameworkRow | None:
        return _rows_by_no(self).get(no)

    @property
    def domains(self) -> list[tuple[str, float, list[tuple[str, float, list[FrameworkRow]]]]]:
        """Domains in order, each with its weight and its aspects (name, weight, rows)."""
        out: list[tuple[str, float, list[tuple[str, float, list[FrameworkRow]]]]] = []
        for r in self.rows:
            if not out or out[-1][0] != r.domain:
                out.append((r.domain, r.domain_weight, []))
            aspects = out[-1][2]
            if not aspects or aspects[-1][0] != r.aspect:
                aspects.append((r.aspect, r.aspect_weight, []))
            aspects[-1][2].append(r)
        return out


@cache
def _rows_by_no(fw: Framework) -> dict[int, FrameworkRow]:  # frameworks are few and live for the whole run
    return {r.no: r for r in fw.rows}


def _table(text: str) -> list[list[str]]:
    return [r for r in csv.reader(io.StringIO(text)) if r]


def _parse_rows(text: str) -> tuple[FrameworkRow, ...]:
    rows = _table(text)
    col = {norm(h): i for i, h in enumerate(rows[0])}

    def get(r: list[str], name: str) -> str:
        return r[col[norm(name)]].strip()

    out = []
    for r in rows[1:]:
        kind = level_kind_of(get(r, "Jenis Tingkat"))
        if kind is None:
            raise ValueError(f"indikator.csv: unknown level kind in row {r}")
        weight_text = get(r, "Bobot Indikator (%)")
        out.append(FrameworkRow(
            no=int(get(r, "No")), indicator_no=int(get(r, "Nomor Indikator")), name=get(r, "Indikator"),
            domain=get(r, "Domain"), domain_weight=float(get(r, "Bobot Domain (%)")), aspect=get(r, "Aspek"),
            aspect_weight=float(get(r, "Bobot Aspek (%)")),
            weight=round(values.parse(Kind.WEIGHT, weight_text), 10), weight_text=weight_text,
            level_kind=kind, named_by_plan=get(r, "Dinamai Instansi").lower() in _YES))
    return tuple(out)


def _load(folder) -> Framework:
    def read(name: str) -> str:
        return folder.joinpath(name).read_text(encoding="utf-8")

    info = {norm(r[0]): r[1].strip() for r in _table(read("kerangka.csv"))[1:] if len(r) >= 2}
    return Framework(
        id=info["id"], name=info["nama"], number=info["nomor"], title=(info["judul"], info["title"]),
        used=(info["dipakai"], info["used"]), indicator_count=int(info["jumlahindikator"]),
        rows=_parse_rows(read("indikator.csv")), level_names=parse_level_names(read(LEVELS_FILE)),
        predicates=parse_predicates(read(PREDICATES_FILE)),
        predicate_rules=parse_predicate_rules(read(RULES_FILE)) if folder.joinpath(RULES_FILE).is_file() else ())


@cache
def frameworks() -> tuple[Framework, ...]:
    """Every embedded framework, oldest first."""
    return tuple(_load(d) for d in framework_dirs())


def framework_source(fw: Framework) -> str:
    """The framework's ``SUMBER.md``: where each of its facts comes from."""
    folder = next(d for d in framework_dirs() if d.name == fw.id)
    return folder.joinpath("SUMBER.md").read_text(encoding="utf-8")


def resolve_framework(text: str) -> Framework | None:
    """The framework a plan's Info sheet names: by id ("2020"), by name
    ("PermenPANRB 59/2020") or by a text that holds the regulation's number
    and year ("PermenPANRB No. 59 Tahun 2020", "Permen PAN-RB 5/2018 (Pedoman
    Evaluasi SPBE)"); None when it names none of them."""
    w = words(text)
    if not w:
        return None
    for fw in frameworks():
        number, year = fw.number.split("/")
        if w == [fw.id] or norm(text) == norm(fw.name):
            return fw
        if re.search(rf"(?:^| ){number} (?:(?:tahun|th|thn|year|of) )?{year}(?: |$)", " ".join(w)):
            return fw
    return None


def get_framework(key: str) -> Framework:
    """The framework named ``key``; a :class:`UsageError` listing the known ones otherwise."""
    found = resolve_framework(key)
    if found is None:
        known = ", ".join(f"{fw.id} ({fw.name})" for fw in frameworks())
        raise UsageError("usage.framework_unknown", value=key, known=known)
    return found


def identify_framework(rows: list[tuple[int, str]]) -> Framework | None:
    """The framework whose rows the ``(No, aspect)`` pairs of a plan follow
    (every No a row of the framework, in the same aspect, ignoring case and
    punctuation); None when no framework fits."""
    if not rows:
        return None
    for fw in frameworks():
        if all((r := fw.row(no)) is not None and norm(r.aspect) == norm(aspect) for no, aspect in rows):
            return fw
    return None
