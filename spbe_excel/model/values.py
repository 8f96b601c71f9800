"""Parse cell values the way OPD staff type them.

Pure functions, no I/O.  Each parser takes the raw cell value as a reader
returns it (``str``, ``float``, ``int``, ``bool``, ``date``, ``datetime``,
or ``None``/``""`` for empty) and returns a typed value, or raises
:class:`ParseError` with a reason key from :mod:`spbe_excel.text`.
Empty cells are handled by the caller (:func:`is_empty`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache

from spbe_excel.model.columns import STATUSES, Kind, words
from spbe_excel.model.levels import LEVEL_NAMES
from spbe_excel.model.vocab import Reason, Status


class ParseError(ValueError):
    """A value cannot be read as its column's kind.  ``reason`` is a key in
    :data:`spbe_excel.text.TEXTS` (``reason.*``), ``params`` fill it in."""

    def __init__(self, reason: str, **params):
        super().__init__(reason)
        self.reason = reason
        self.params = params


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_PLACEHOLDERS = {"", "-", "--", "tidakada", "belumada", "na", "nihil", "kosong", "none", "nil", "0"}


def is_placeholder(value: object) -> bool:
    """An entry that says nothing: empty, or "-", "tidak ada", "nihil", "0" (what people type for "none")."""
    from spbe_excel.model.columns import norm

    return value is None or norm(as_text(value)) in _PLACEHOLDERS


# ---- numbers ------------------------------------------------------------------

_ID_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 150.000.000,00
_EN_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # 150,000,000.00
_SPACE_THOUSANDS = re.compile(r"^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$")  # 150 000 000
_PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$")
_MULTIPLIERS = {
    "rb": 1e3, "ribu": 1e3, "k": 1e3,
    "jt": 1e6, "juta": 1e6,
    "m": 1e9, "miliar": 1e9, "milyar": 1e9, "b": 1e9, "bn": 1e9, "billion": 1e9,
    "t": 1e12, "triliun": 1e12,
}


def _number_text(text: str, *, money: bool) -> float:
    """Read a number written Indonesian-style (``1.500.000,50``) or
    English-style (``1,500,000.50``).  A single separator followed by exactly
    three digits is a thousands separator for money, a decimal otherwise."""
    s = text.strip().replace("\u00a0", " ")
    negative = s.startswith("-") or (s.startswith("(") and s.endswith(")"))
    s = s.strip("-() ")
    if _SPACE_THOUSANDS.match(s):
        s = s.replace(" ", "")
    s = s.replace(" ", "")
    if _ID_THOUSANDS.match(s) and not (not money and s.count(".") == 1 and "," not in s):
        value = float(s.replace(".", "").replace(",", "."))
    elif _EN_THOUSANDS.match(s) and not (not money and s.count(",") == 1 and "." not in s):
        value = float(s.replace(",", ""))
    elif _PLAIN.match(s):
        value = float(s.replace(",", "."))
    else:
        raise ParseError(Reason.NOT_A_NUMBER)
    return -value if negative else value


def _clean_number(value: float) -> float | int:
    if math.isnan(value) or math.isinf(value):
        raise ParseError(Reason.NOT_A_NUMBER)
    value = round(value, 9)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def parse_int(value: object) -> int:
    """A whole number: ``3``, ``3.0``, ``"3"``, ``"3."``, ``"No. 3"``."""
    if isinstance(value, bool):
        raise ParseError(Reason.NOT_A_NUMBER)
    if isinstance(value, (int, float)):
        if not float(value).is_integer():
            raise ParseError(Reason.NOT_WHOLE)
        if value < 0:
            raise ParseError(Reason.NEGATIVE)
        return int(value)
    s = str(value).strip().rstrip(".")
    s = re.sub(r"^(?:nomor|no)\.?\s*", "", s, flags=re.I)
    if not re.fullmatch(r"\d+(?:[.,]0+)?", s):
        raise ParseError(Reason.NOT_A_NUMBER)
    return int(float(s.replace(",", ".")))


def parse_money(value: object) -> float | int:
    """Rupiah: ``150000000``, ``"Rp 150.000.000"``, ``"150.000.000,00"``,
    ``"Rp150.000.000,-"``, ``"150 juta"``, ``"1,5 M"``.  Never negative."""
    if isinstance(value, bool):
        raise ParseError(Reason.NOT_A_NUMBER)
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        s = str(value).strip().lower()
        s = re.sub(r"^(?:rp\.?|idr)\s*", "", s)
        s = re.sub(r"(?:,-|\.-|,--|=)$", "", s).strip()
        mult = 1.0
        s = re.sub(r"\s*(?:rupiah|idr)$", "", s)
        m = re.match(r"^(.*?\d)\s*([a-z]+)\.?$", s)
        if m and m.group(2) in _MULTIPLIERS:
            # "1.500 juta" is 1,500 million; "1,5 M" is 1.5 billion (Indonesian separators)
            s, mult = m.group(1), _MULTIPLIERS[m.group(2)]
            number = _number_text(s, money=True) * mult
        else:
            number = _number_text(s, money=True)
    if number < 0:
        raise ParseError(Reason.NEGATIVE)
    return _clean_number(number)


def parse_weight(value: object) -> float:
    """Index weight in percent: ``1``, ``"3,5"``, ``"20/6"`` (a fraction)."""
    if isinstance(value, bool):
        raise ParseError(Reason.NOT_A_NUMBER)
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        s = str(value).strip().rstrip("%").strip()
        m = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*/\s*(\d+(?:[.,]\d+)?)", s)
        if m:
            den = float(m.group(2).replace(",", "."))
            if den == 0:
                raise ParseError(Reason.NOT_A_NUMBER)
            number = float(m.group(1).replace(",", ".")) / den
        else:
            number = _number_text(s, money=False)
    if not number > 0 or number > 100:
        raise ParseError(Reason.OUT_OF_RANGE, low="0", high="100")
    return number


def parse_percent(value: object, *, fractions: bool = False, points_column: bool = False) -> float | int:
    """Progress in percentage points 0..100.

    ``"75%"``, ``"75 %"`` and ``"75,5"`` are points.  A bare number is a
    fraction of one (``0.75`` = 75 %) when ``fractions`` is true, which is
    the case for a column formatted as a percentage (the template's) and for
    a column whose numbers look like fractions (:func:`looks_fractional`);
    otherwise it is points.  In a fractions column a number that can only be
    percentage points is read so (:func:`typed_as_points`: LibreOffice stores
    a ``75`` typed into a percentage cell as 75, shown 7500 %, and so does a
    paste of plain values); ``points_column`` (:func:`points_column`) says
    whether the column's other cells make a number between 1 and 2 points too.
    """
    if isinstance(value, bool):
        raise ParseError(Reason.NOT_A_NUMBER)
    if isinstance(value, (int, float)):
        number = float(value)
        if fractions and not typed_as_points(value, points_column=points_column):
            number *= 100.0
    else:
        s = str(value).strip().lower()
        s = re.sub(r"^(?:progres|progress)\s*[:=]?\s*", "", s)
        if s.endswith("%"):
            number = _number_text(s[:-1], money=False)
        elif s.startswith("%"):
            number = _number_text(s[1:], money=False)
        else:
            number = _number_text(s, money=False)
            if fractions and 0 <= number <= 1:
                number *= 100.0
    number = _clean_number(number)
    if not 0 <= number <= 100:
        raise ParseError(Reason.OUT_OF_RANGE, low="0%", high="100%")
    return number


# The smallest number of a percentage cell read as points whatever the rest of its column holds.
POINTS_FROM = 2


def typed_as_points(value: object, *, points_column: bool = False) -> bool:
    """A number in a percentage-formatted progress cell that is percentage points, not a fraction of one.

    What the cell stores is all there is to go by (how it was typed is not kept), with the rest of its
    column.  Excel (automatic percent entry) stores a typed ``75`` or ``75%`` as 0.75, LibreOffice a typed
    ``75%`` or ``0,75`` as 0.75 but a typed ``75`` as 75 (it has no automatic percent entry), and a paste of
    plain values stores what was copied (75 from a sheet of points, 0.75 from one of fractions):

    ============  ==============================================  ======================  ==================
    stored        typed or pasted as                              read as                 finding
    ============  ==============================================  ======================  ==================
    0 .. 1        ``75%``, ``0,75``; ``75`` in Excel; fractions   the fraction: 75 %      -
    1 < x < 2     ``150%``; ``150`` in Excel; among fractions     150 %: out of range     value-invalid
    1 < x < 2     ``1,5`` in LibreOffice or a paste of points,    points: 1.5 %           progress-points
                  in a column with no number in (0, 1]
    2 .. 100      ``75`` in LibreOffice; a paste of points        points: 75 %            progress-points
    above 100     ``250``, ``25000%``                             out of range            value-invalid
    below 0       ``-5%``, ``-5``                                 out of range            value-invalid
    ============  ==============================================  ======================  ==================

    Between 1 and 2 (exclusive) a percent entry stores 101 % to 199 %, the over-achievement or slip a
    ``150%`` or ``110%`` is, while as points such a number is a progress of one and a bit percent, which
    only someone who types every progress cell as points writes: so the column decides.  From 2 up the
    number is what typing ``2`` to ``100`` without a % sign stores in LibreOffice, and a paste of points
    everywhere, while as a fraction it would be 200 % or more, which no one reports: points, whatever the
    column holds, so that a column typed partly as ``75%`` and partly as ``75`` reads each cell right.
    ``200%`` typed on purpose reads as 2 % (its cell is named in the ``progress-points`` warning); 1 (shown
    100 %) stays 100 %, as the cell shows.  Text is not judged here (``"75"`` typed as text is points).
    """
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 1 < value <= 100:
        return False
    return value >= POINTS_FROM or points_column


def points_column(column: list[object]) -> bool:
    """True when no number of a progress column is a fraction of one above 0 (in (0, 1], shown 1 % to
    100 %): its numbers above 1 were all typed (or pasted) as points, so one between 1 and 2 is points too
    (:func:`typed_as_points`).  Only numbers count; 0 reads alike either way."""
    return not any(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v <= 1 for v in column)


def looks_fractional(values: list[object]) -> bool:
    """True when the numbers among ``values`` are fractions of one, in a column whose format is unknown (not
    the template's): every number lies in 0..1, or between 1 and 2 (``150%``, out of range), and at least one
    strictly between 0 and 1.  A number of 2 or more (a 75) makes the column one of points."""
    numbers = [float(v) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return bool(numbers) and all(0 <= n < POINTS_FROM for n in numbers) and any(0 < n < 1 for n in numbers)


# ---- levels --------------------------------------------------------------------

_LEVEL_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5,
}
_LEVEL_PREFIX = {"level", "tingkat", "tk", "lvl", "l"}


def _level_words(text: object) -> list[str]:
    """Words with "and"/"&"/"dan" made one, so "Integrated & Measured" matches."""
    return ["dan" if w == "and" else w for w in words(text)]


_LEVEL_BY_NAME: dict[tuple[str, ...], int] = {}
for _kind in LEVEL_NAMES.values():
    for _lvl, (_id, _en) in _kind.items():
        _LEVEL_BY_NAME[tuple(_level_words(_id))] = _lvl
        _LEVEL_BY_NAME[tuple(_level_words(_en))] = _lvl


def parse_level(value: object) -> int:
    if value.__class__ is str:
        return _parse_level_text(value)
    return _parse_level(value)


@lru_cache(maxsize=4096)
def _parse_level_text(value: str) -> int:
    return _parse_level(value)


def _parse_level(value: object) -> int:
    """Maturity level 1..5: ``3``, ``"3"``, ``"3 - Terdefinisi"``,
    ``"Level 3"``, ``"tiga"``, ``"III"``, ``"Terdefinisi"``, ``"Transaksi"``."""
    if isinstance(value, bool):
        raise ParseError(Reason.NOT_A_LEVEL)
    if isinstance(value, (int, float)):
        if not float(value).is_integer() or not 1 <= value <= 5:
            raise ParseError(Reason.NOT_A_LEVEL)
        return int(value)
    number, rest = _level_parts(value)
    name_level = _LEVEL_BY_NAME.get(tuple(rest)) if rest else None
    if number is None:
        if name_level is None:
            raise ParseError(Reason.NOT_A_LEVEL)
        return name_level
    if not 1 <= number <= 5 or (rest and name_level is None):
        raise ParseError(Reason.NOT_A_LEVEL)
    if name_level is not None and name_level != number:
        raise ParseError(Reason.LEVEL_CONFLICT)
    return number


def _level_parts(value: object) -> tuple[int | None, list[str]]:
    """The number a level text starts with ("3", "Level 3", "tiga", "III"), or None, and the words after it."""
    w = _level_words(value)
    glued = re.fullmatch(r"([a-z]+)(\d+)", w[0]) if w else None
    if glued and glued.group(1) in _LEVEL_PREFIX:  # "L3", "Level3"
        w = [glued.group(2), *w[1:]]
    if w and w[0] in _LEVEL_PREFIX:
        w = w[1:]
    if not w:
        raise ParseError(Reason.NOT_A_LEVEL)
    if w[0].isdigit():
        rest = w[1:]
        if rest and not rest[0].strip("0"):  # "3.0" / "3,0" / "3.00"
            rest = rest[1:]
        return int(w[0]), rest
    if w[0] in _LEVEL_WORDS and (len(w) == 1 or tuple(w[1:]) in _LEVEL_BY_NAME):
        return _LEVEL_WORDS[w[0]], w[1:]
    return None, w


# ---- status --------------------------------------------------------------------

_STATUS_PHRASES: list[tuple[tuple[str, ...], Status]] = sorted(
    (
        (tuple(words(phrase)), s.key)
        for s in STATUSES
        for phrase in (s.label_id, s.label_en, *s.synonyms)
    ),
    key=lambda p: -len(p[0]),
)


def parse_status(value: object) -> Status:
    if value.__class__ is str:
        return _parse_status_text(value)
    raise ParseError(Reason.NOT_A_STATUS)


@lru_cache(maxsize=4096)
def _parse_status_text(value: str) -> Status:
    return _parse_status(value)


def _parse_status(value: object) -> Status:
    """Status key from what was typed: ``"Selesai"``, ``"sudah"``,
    ``"on progress"``, ``"proses"``, ``"belum"``, ``"Selesai (SK terbit)"``.
    The longest known phrase that starts the text wins."""
    if not isinstance(value, str):
        raise ParseError(Reason.NOT_A_STATUS)
    w = tuple(words(value))
    if not w:
        raise ParseError(Reason.NOT_A_STATUS)
    for phrase, key in _STATUS_PHRASES:
        if w[: len(phrase)] == phrase:
            return key
    raise ParseError(Reason.NOT_A_STATUS)


# ---- dates ----------------------------------------------------------------------

# Month names (Indonesian, English), for dates written out in messages and workbooks so that day and month
# cannot be mistaken (the words are chosen in spbe_excel.text.words).
MONTH_NAMES: tuple[tuple[str, str], ...] = (
    ("Januari", "January"), ("Februari", "February"), ("Maret", "March"), ("April", "April"), ("Mei", "May"),
    ("Juni", "June"), ("Juli", "July"), ("Agustus", "August"), ("September", "September"),
    ("Oktober", "October"), ("November", "November"), ("Desember", "December"),
)

_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agst": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
MONTHS = _MONTHS  # month names and abbreviations (Indonesian, English) -> 1..12; periods use them too
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 1, 2958465  # 1900-01-01 .. 9999-12-31


def excel_serial_to_date(serial: float) -> dt.date:
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX:
        raise ParseError(Reason.NOT_A_DATE)
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _year(y: int) -> int:
    return y + 2000 if y < 100 else y


def parse_date(value: object) -> dt.date:
    """``date``/``datetime`` cells, Excel serial numbers, ``"12/08/2019"``
    (day first, as in Indonesia), ``"12-08-2019"``, ``"12.08.2019"``,
    ``"2019-08-12"``, ``"12 Agustus 2019"``, ``"Agustus 12, 2019"``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ParseError(Reason.NOT_A_DATE)
    if isinstance(value, (int, float)):
        return excel_serial_to_date(float(value))
    s = str(value).strip().lower()
    s = re.sub(r"^(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)\s*,?\s*", "", s)
    s = re.sub(r"\s+(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)$", "", s)  # trailing time
    try:
        m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:t.*)?", s)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", s)
        if m:
            return dt.date(_year(int(m.group(3))), int(m.group(2)), int(m.group(1)))
        m = re.fullmatch(r"(\d{1,2})[\s\-/.]*([a-z]+)\.?[\s\-/.,]*(\d{2}|\d{4})", s)
        if m and m.group(2) in _MONTHS:
            return dt.date(_year(int(m.group(3))), _MONTHS[m.group(2)], int(m.group(1)))
        m = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", s)
        if m and m.group(1) in _MONTHS:
            return dt.date(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))
        if re.fullmatch(r"\d+(?:[.,]\d+)?", s):
            return excel_serial_to_date(float(s.replace(",", ".")))
    except ValueError as exc:  # e.g. 31/02/2019
        if isinstance(exc, ParseError):
            raise
        raise ParseError(Reason.NOT_A_DATE) from None
    raise ParseError(Reason.NOT_A_DATE)


def parse_year(value: object) -> int:
    """A year: ``2019``, ``2019.0``, ``"2019"``, ``"Tahun 2019"``, ``"TW IV 2019"``."""
    if isinstance(value, bool):
        raise ParseError(Reason.NOT_A_YEAR)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    if isinstance(value, (int, float)):
        if not float(value).is_integer() or not 1900 <= value <= 2200:
            raise ParseError(Reason.NOT_A_YEAR)
        return int(value)
    found = re.findall(r"(?<!\d)(19\d{2}|2[01]\d{2})(?!\d)", str(value))
    if len(set(found)) != 1:
        raise ParseError(Reason.NOT_A_YEAR)
    return int(found[0])


# ---- text ------------------------------------------------------------------------

def as_text(value: object) -> str:
    """A cell as the text a person sees: numbers without a trailing ``.0``,
    dates as ISO.  Strings are returned exactly as written."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def shown(kind: Kind, value: object, *, fractions: bool = False) -> str:
    """A cell as its user sees it, for quoting in messages: a percentage
    cell's 0.1 as "10%", a date as 12/08/2019, a number without ".0"."""
    if kind is Kind.PERCENT and fractions and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value * 100:g}%"
    if isinstance(value, (dt.date, dt.datetime)) and not (isinstance(value, dt.datetime) and value.time() != dt.time()):
        return value.strftime("%d/%m/%Y")
    return as_text(value)


_PARSERS = {
    Kind.INT: parse_int, Kind.MONEY: parse_money, Kind.LEVEL: parse_level, Kind.STATUS: parse_status,
    Kind.DATE: parse_date, Kind.YEAR: parse_year, Kind.WEIGHT: parse_weight,
}


def parse(kind: Kind, value: object, *, fractions: bool = False, points_column: bool = False):
    """Dispatch on the column kind.  Text kinds never fail."""
    if kind is Kind.TEXT or kind is Kind.LONG_TEXT:
        return value if value.__class__ is str else as_text(value)
    if kind is Kind.PERCENT:
        return parse_percent(value, fractions=fractions, points_column=points_column)
    fn = _PARSERS.get(kind)
    if fn is None:  # OPD_LIST / LEVEL_KIND: the master list parses those
        raise ValueError(f"no parser for {kind}")
    return fn(value)
