"""Reporting periods as a plan names them and as files state them.

:func:`parse_period` is strict (what a command accepts for ``--period``);
:func:`period_key` is lenient (how a period a file states is compared).
Both know the same words, so that every command and the reader agree on
which texts name one period.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spbe_excel.model.columns import words
from spbe_excel.model.values import MONTH_NAMES, MONTHS, ParseError
from spbe_excel.model.vocab import Reason

_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "pertama": 1, "kesatu": 1, "satu": 1, "kedua": 2, "dua": 2,
            "ketiga": 3, "tiga": 3, "keempat": 4, "empat": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}
_QUARTER_WORDS = frozenset({"triwulan", "tw", "q", "qtr", "quarter", "kuartal"})
_SEMESTER_WORDS = frozenset({"semester", "smt", "sem", "s", "h", "half"})
_PERIOD_FILLER = frozenset({"tahun", "thn", "th", "year", "ke", "periode", "period", "bulan", "month", "of"})
_ROMAN_LABEL = ("", "I", "II", "III", "IV")
_MONTH_LABEL = ("", *(indonesian for indonesian, _ in MONTH_NAMES))


@dataclass(frozen=True)
class Period:
    """A reporting period: a quarter (``kind`` "q", ``number`` 1-4), a
    semester ("s", 1-2), a month ("m", 1-12) or a whole year ("y", 0); or,
    for a period a file states in words no form matches, kind "text" with
    those words (``spelled``).  Parsed once where it enters (``--period``,
    a file's header) and passed on as it is."""

    kind: str
    number: int
    year: int | None
    spelled: str = field(default="", compare=False)

    @property
    def key(self) -> tuple:
        """What :func:`period_key` gives for any spelling of this period."""
        if self.kind == "text":
            return ("text", "".join(words(self.spelled)))
        return (self.kind, self.number, self.year)

    def label(self) -> str:
        """The plan's own spelling, in both languages: "Triwulan III 2019",
        "Semester I 2019", "Agustus 2019", "Tahun 2019"."""
        year = "" if self.year is None else f" {self.year}"
        if self.kind == "q":
            return f"Triwulan {_ROMAN_LABEL[self.number]}{year}"
        if self.kind == "s":
            return f"Semester {_ROMAN_LABEL[self.number]}{year}"
        if self.kind == "m":
            return f"{_MONTH_LABEL[self.number]}{year}"
        if self.kind == "y":
            return f"Tahun{year}"
        return self.spelled

    def __str__(self) -> str:
        return self.label()

    def matches(self, text: str) -> bool:
        """Whether a file's spelling of a period names this one (:func:`period_key`)."""
        return period_key(text) == self.key

    def bounds(self) -> tuple[dt.date, dt.date] | None:
        """Its first and last day (:func:`period_bounds`)."""
        return period_bounds(self.label()) if self.kind != "text" else None

    @classmethod
    def stated(cls, text: str) -> Period:
        """The period a file states, read leniently (:func:`period_key`)."""
        key = period_key(text)
        if key[0] == "text":
            return cls("text", 0, None, text)
        return cls(key[0], key[1], key[2])


def as_period(period: Period | str | None) -> Period | None:
    """A period a library caller gave as text, read once as a file's would be (:meth:`Period.stated`); a
    :class:`Period` or None as it is."""
    if isinstance(period, str):
        return Period.stated(period) if period.strip() else None
    return period


def _period_words(text: str) -> list[str]:
    """The words of a period, "q3" and "tw3" split, filler words ("tahun", "ke", ...) dropped."""
    out: list[str] = []
    for x in words(text):
        glued = re.fullmatch(r"([a-z]+)(\d)", x)
        if glued and (glued.group(1) in _QUARTER_WORDS or glued.group(1) in _SEMESTER_WORDS):
            out += [glued.group(1), glued.group(2)]
        elif x not in _PERIOD_FILLER:
            out.append(x)
    return out


def _part(name: str, number: str) -> tuple[str, int] | None:
    """("q", 3) for "triwulan" "iii", ("s", 1) for "semester" "1"; None for anything else."""
    n = int(number) if number.isdigit() and len(number) == 1 else _NUMBERS.get(number)
    if n is None:
        return None
    if name in _QUARTER_WORDS and 1 <= n <= 4:
        return ("q", n)
    if name in _SEMESTER_WORDS and 1 <= n <= 2:
        return ("s", n)
    return None


def parse_period(text: str, years: range | None = None) -> Period:
    """A period as a plan names it, with its year: "Triwulan III 2019", "TW 3 2019", "Q3 2019",
    "Triwulan ke-3 Tahun 2019", "Semester I 2019", "S1 2019", "Agustus 2019", "August 2019",
    "Tahun 2019", "2019".  Anything else, a quarter beyond IV or a semester beyond II, is a
    :class:`ParseError` (``not_a_period``), and so is a year outside ``years`` (``period_year``)."""
    w = _period_words(text)
    found = [x for x in w if re.fullmatch(r"\d{4}", x)]
    if len(found) != 1:
        raise ParseError(Reason.NOT_A_PERIOD)
    year = int(found[0])
    rest = [x for x in w if x != found[0]]
    part = ("y", 0) if not rest else ("m", MONTHS[rest[0]]) if len(rest) == 1 and rest[0] in MONTHS else \
        _part(rest[0], rest[1]) if len(rest) == 2 else None
    if part is None:
        raise ParseError(Reason.NOT_A_PERIOD)
    if years is not None and year not in years:
        raise ParseError(Reason.PERIOD_YEAR, year=year, low=years.start, high=years.stop - 1)
    return Period(part[0], part[1], year)


@lru_cache(maxsize=1024)
def period_key(text: str) -> tuple:
    """A comparable form of a period as a file states it, by the words
    :func:`parse_period` knows: "Triwulan III 2019", "TW 3 2019", "Q3 2019",
    "Laporan Triwulan III Tahun 2019" are one period, "Agustus 2019" and
    "Agu 2019" another.  Lenient (a file is not refused for a word more): a
    quarter or semester anywhere in the text counts, the year may be
    missing; a text that names none is compared as text.  Cached: every file
    of a run names the same few periods."""
    w = _period_words(text)
    year = next((int(x) for x in w if re.fullmatch(r"(19|20)\d\d", x)), None)
    rest = [x for x in w if not re.fullmatch(r"(19|20)\d\d", x)]
    for name, number in itertools.pairwise(rest):
        part = _part(name, number)
        if part is not None:
            return (*part, year)
    if len(rest) == 1 and rest[0] in MONTHS:
        return ("m", MONTHS[rest[0]], year)
    if not rest and year is not None:
        return ("y", 0, year)
    return ("text", "".join(words(text)))


# How often a plan's OPDs report (the plan's Info sheet, ``master new --period-kind``): the kinds of period (their
# names are the texts ``period.kind.<kind>``) and the words a cell may use for each.
PERIOD_KINDS: tuple[str, ...] = ("q", "s", "m")
_KIND_WORDS = {
    "q": {"triwulan", "triwulanan", "tw", "q", "quarter", "quarterly", "kuartal", "kuartalan", "per triwulan"},
    "s": {"semester", "semesteran", "smt", "s", "half", "half year", "half yearly", "per semester"},
    "m": {"bulan", "bulanan", "month", "monthly", "m", "per bulan"},
}
_PER_YEAR = {"q": 4, "s": 2, "m": 12}


def period_kind_of(text: str) -> str | None:
    """The kind of period a plan's cell names: "q" for "Triwulan" (also "triwulanan", "quarterly"), "s" for
    "Semester", "m" for "Bulan" ("bulanan", "monthly"); None for anything else."""
    key = " ".join(w for w in words(text) if w not in ("per", "tiap", "setiap", "every", "each")) or ""
    return next((kind for kind, names in _KIND_WORDS.items() if key in names), None)


def periods_of_year(kind: str, year: int) -> list[Period]:
    """Every period of ``kind`` in ``year``, in order: Triwulan I to IV, Semester I and II, or the twelve months."""
    return [Period(kind, n, year) for n in range(1, _PER_YEAR[kind] + 1)]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


@lru_cache(maxsize=256)
def period_bounds(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a reporting period: "Triwulan III 2019" is
    1 July to 30 September 2019; a semester, a month ("Agustus 2019") or a
    year ("Tahun 2019") likewise.  None when the text names no such period
    with its year."""
    kind, number, year = (*period_key(text), None)[:3]
    if kind == "text" or not isinstance(year, int):
        return None
    if kind == "y":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    span = {"q": 3, "s": 6, "m": 1}[kind]
    last = int(number) * span
    return dt.date(year, last - span + 1, 1), _month_end(year, last)


def swapped_into(date: dt.date, bounds: tuple[dt.date, dt.date] | None) -> dt.date | None:
    """The date with day and month swapped, when ``date`` lies outside the
    period (before its first day or after its last) and the swapped date
    inside it: a day-first date typed on a computer set to English (US),
    which stores 12/08/2019 as 8 December and 1/7/2019 (1 July) as
    7 January.  None otherwise."""
    if bounds is None or bounds[0] <= date <= bounds[1] or date.day > 12:
        return None
    try:
        other = dt.date(date.year, date.day, date.month)
    except ValueError:
        return None
    return other if bounds[0] <= other <= bounds[1] else None
