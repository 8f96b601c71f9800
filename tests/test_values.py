"""The cell parsers of :mod:`spbe_excel.model.values`, fed values typed the way OPD staff type them."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spbe_excel.model.columns import STATUSES
from spbe_excel.model.levels import LEVEL_NAMES
from spbe_excel.model.periods import period_bounds, swapped_into
from spbe_excel.model.values import (
    ParseError,
    as_text,
    looks_fractional,
    parse_date,
    parse_int,
    parse_level,
    parse_money,
    parse_percent,
    parse_status,
    parse_weight,
    parse_year,
    points_column,
    typed_as_points,
)
from spbe_excel.text import TEXTS
from spbe_excel.text.words import date_words, level_label

NAN = float("nan")
AUG12 = dt.date(2019, 8, 12)


def reason_of(parser, value, **kwargs) -> str:
    """The reason key ``parser`` fails with; it must be a translatable text."""
    with pytest.raises(ParseError) as info:
        parser(value, **kwargs)
    assert info.value.reason in TEXTS
    return info.value.reason


def assert_same(result, expected):
    """Equal, and whole numbers come back as ``int`` (so cells show no ``.0``)."""
    assert result == expected
    assert type(result) is type(expected)


# ---- percent ---------------------------------------------------------------------

@pytest.mark.parametrize("value, fractions, expected", [
    ("75%", False, 75), ("75 %", False, 75), ("75,5", False, 75.5), ("75.5", False, 75.5),
    ("12,5 %", False, 12.5), ("100%", False, 100), ("0", False, 0), ("%75", False, 75),
    ("Progres: 80%", False, 80),
    ("99,999%", False, 99.999),  # one separator + three digits is a decimal outside money
    (75, False, 75),
    (0.75, False, 0.75),  # a bare number is points unless the column holds fractions
    ("0,75", False, 0.75), (0.75, True, 75), ("0,75", True, 75), (1, True, 100),
    ("75%", True, 75),  # an explicit % is always points
    ("75", True, 75),  # typed text above 1 is points even in a fractions column
    (75, True, 75),  # 75 in a percentage-formatted cell (shown 7500 %): typed without a % sign, points
    (100, True, 100), (12.5, True, 12.5), (2, True, 2), (2.5, True, 2.5),
    ("1,5", True, 1.5),  # text is read as typed
])
def test_parse_percent(value, fractions, expected):
    assert_same(parse_percent(value, fractions=fractions), expected)


@pytest.mark.parametrize("value, points, expected", [
    (1.5, True, 1.5),  # every number of the column is points ("1,5" typed in LibreOffice): 1.5 %
    (1.2, True, 1.2), (75, True, 75), (75, False, 75), (0.75, True, 75), (1, True, 100),
])
def test_parse_percent_in_a_column_of_points(value, points, expected):
    assert_same(parse_percent(value, fractions=True, points_column=points), expected)


@pytest.mark.parametrize("value, fractions, reason", [
    ("120%", False, "reason.out_of_range"), (-5, False, "reason.out_of_range"),
    ("-5%", False, "reason.out_of_range"),
    (250, True, "reason.out_of_range"),  # shown 25000 %: out of range however it was typed
    (100.5, True, "reason.out_of_range"), (-0.5, True, "reason.out_of_range"),
    (1.5, True, "reason.out_of_range"),  # 150% typed among fractions (shown 150 %): not 1.5 %
    (1.2, True, "reason.out_of_range"), (1.99, True, "reason.out_of_range"),
    ("tujuh puluh", False, "reason.not_a_number"), ("abc", False, "reason.not_a_number"),
    ("", False, "reason.not_a_number"), (True, False, "reason.not_a_number"),
    (NAN, False, "reason.not_a_number"),
])
def test_parse_percent_invalid(value, fractions, reason):
    assert reason_of(parse_percent, value, fractions=fractions) == reason


def test_percent_out_of_range_names_the_range():
    with pytest.raises(ParseError) as info:
        parse_percent("120%")
    assert info.value.params == {"low": "0%", "high": "100%"}


@pytest.mark.parametrize("value, expected", [
    (75, True), (2, True), (2.5, True), (100, True), (100.0, True), (12.5, True),
    (1.5, False), (1.99, False),  # 150 %, 199 %: a percent entry above 100 %, unless the column is of points
    (1, False), (0.75, False), (0, False), (100.5, False), (-5, False), (True, False), ("75", False), (None, False),
])
def test_typed_as_points(value, expected):
    assert typed_as_points(value) is expected


@pytest.mark.parametrize("value, expected", [
    (1.5, True), (1.01, True), (75, True),  # in a column of points, a number between 1 and 2 is points too
    (1, False), (0.75, False), (100.5, False), (True, False), ("1,5", False),
])
def test_typed_as_points_in_a_column_of_points(value, expected):
    assert typed_as_points(value, points_column=True) is expected


@pytest.mark.parametrize("column, expected", [
    ([75, 40, 1.5], True), ([1.5], True), ([0, 75, 1.5], True),  # 0 reads alike either way
    (["50%", 1.5], True),  # text typed is not a stored fraction
    ([True, 1.5], True), ([], True),
    ([0.5, 1.5], False), ([1, 1.5], False),  # 1 is shown 100 %: a fraction, so 1.5 is 150 %
    ([75, 0.75, 1.5], False),
])
def test_points_column(column, expected):
    assert points_column(column) is expected


@pytest.mark.parametrize("values, expected", [
    ([0.5, 0.25, 1, 0], True),
    ([None, "catatan", 0.3], True),  # only numbers count
    ([True, 0.5], True),  # booleans are not numbers
    ([0, 1], False),  # nothing strictly between 0 and 1
    ([0.5, 75], False), ([-0.5, 0.5], False),
    ([0.75, 0.5, 1.5], True),  # 150% typed among fractions: a fraction column (1.5 is then out of range)
    ([0.5, 2], False), ([1.5, 1.2], False),
    (["0,5", "50%"], False),  # text is not inspected
    ([True, False], False), ([], False),
])
def test_looks_fractional(values, expected):
    assert looks_fractional(values) is expected


# ---- level -----------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (3, 3), (3.0, 3), ("3", 3), ("3.0", 3), ("3,0", 3), ("3.00", 3),
    ("3 - Terdefinisi", 3), ("3-Terdefinisi", 3), ("Level 3 (Terdefinisi)", 3),
    ("Level 3", 3), ("tingkat 3", 3), ("Tk. 3", 3), ("L3", 3), ("Level3", 3),
    ("tiga", 3), ("III", 3), ("Level III", 3), ("v", 5), ("III - Transaksi", 3),
    ("Terdefinisi", 3), ("Transaksi", 3), ("4 - Terpadu dan Terukur", 4), ("Terpadu & Terukur", 4),
    ("Level 3 - Transaksi", 3), ("Defined", 3), ("Collaboration", 4), ("1 - Rintisan", 1),
])
def test_parse_level(value, expected):
    assert_same(parse_level(value), expected)


LEVEL_TEXTS = [
    pytest.param(text, level, id=text)
    for kind in LEVEL_NAMES.values()
    for level, names in kind.items()
    for text in names
] + [
    pytest.param(level_label(level, kind, lang), level, id=level_label(level, kind, lang))
    for kind in LEVEL_NAMES
    for level in LEVEL_NAMES[kind]
    for lang in ("id", "en")
]


@pytest.mark.parametrize("text, level", LEVEL_TEXTS)
def test_every_level_name_and_dropdown_label_parses(text, level):
    assert parse_level(text) == level


@pytest.mark.parametrize("value, reason", [
    (0, "reason.not_a_level"), (6, "reason.not_a_level"), (3.5, "reason.not_a_level"),
    ("3.5", "reason.not_a_level"), ("Level 6", "reason.not_a_level"), ("6 - Optimum", "reason.not_a_level"),
    ("enam", "reason.not_a_level"), ("", "reason.not_a_level"), ("abc", "reason.not_a_level"),
    ("level", "reason.not_a_level"), ("3 - abc", "reason.not_a_level"), (True, "reason.not_a_level"),
    ("3 - Terkelola", "reason.level_conflict"), ("Level 3 - Terkelola", "reason.level_conflict"),
    ("tiga - Terkelola", "reason.level_conflict"),
])
def test_parse_level_invalid(value, reason):
    assert reason_of(parse_level, value) == reason


# ---- money -----------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("Rp 150.000.000", 150_000_000), ("150.000.000,00", 150_000_000), ("Rp150.000.000,-", 150_000_000),
    ("Rp. 150.000.000,-", 150_000_000), ("150.000.000=", 150_000_000), ("150,000,000.00", 150_000_000),
    ("IDR 150,000,000", 150_000_000), ("150 000 000", 150_000_000), ("150000000", 150_000_000),
    (150000000.0, 150_000_000),
    ("1.500", 1500), ("1,500", 1500),  # money: one separator + three digits is thousands
    ("1.500,50", 1500.5), ("1 000 000,50", 1_000_000.5), ("1,5", 1.5), ("Rp 0", 0),
    ("150 juta", 150_000_000), ("Rp 2,5 juta", 2_500_000), ("2.5jt", 2_500_000), ("150 rb", 150_000),
    ("150k", 150_000), ("1,5 M", 1_500_000_000), ("1,5 miliar", 1_500_000_000),
    ("1.5 billion", 1_500_000_000), ("1.250.000 jt", 1_250_000_000_000), ("1 T", 1_000_000_000_000),
])
def test_parse_money(value, expected):
    assert_same(parse_money(value), expected)


@pytest.mark.parametrize("value, reason", [
    ("-150000", "reason.negative"), ("Rp -150.000", "reason.negative"), ("(150.000)", "reason.negative"),
    (-1.0, "reason.negative"), ("abc", "reason.not_a_number"), ("Rp", "reason.not_a_number"),
    ("", "reason.not_a_number"), ("1,2,3", "reason.not_a_number"), (True, "reason.not_a_number"),
    (NAN, "reason.not_a_number"),
])
def test_parse_money_invalid(value, reason):
    assert reason_of(parse_money, value) == reason


# ---- date ------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    AUG12, dt.datetime(2019, 8, 12, 10, 30), 43689.0, 43689, 43689.75, "43689",
    "12/08/2019", "12-08-2019", "12.08.2019", "12/8/2019", "2019-08-12", "2019/08/12",
    "2019-08-12T10:30:00", "12/08/2019 10.30", "12-08-2019 10:30:15", "12/08/19",
    "12 Agustus 2019", "12 Agt 2019", "12-Agu-2019", "12 August 2019", "12 Aug. 2019",
    "August 12, 2019", "Agustus 12, 2019", "12 Agustus, 2019", "12 Agustus 19",
    "Senin, 12 Agustus 2019", "Senin 12 Agustus 2019 10:30",
])
def test_parse_date(value):
    result = parse_date(value)
    assert result == AUG12
    assert type(result) is dt.date


@pytest.mark.parametrize("value, expected", [
    ("29/02/2020", dt.date(2020, 2, 29)), ("1/1/19", dt.date(2019, 1, 1)),
    ("Jum'at, 16 Agustus 2019", dt.date(2019, 8, 16)),
    ("12 Mei 2019", dt.date(2019, 5, 12)), ("5 Nopember 2019", dt.date(2019, 11, 5)),
])
def test_parse_date_other_days(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", [
    "31/02/2019", "29/02/2019", "besok", "13/13/2019", "", "0", 0, -1, 3e6, True,
])
def test_parse_date_invalid(value):
    assert reason_of(parse_date, value) == "reason.not_a_date"


# ---- status ----------------------------------------------------------------------

STATUS_PHRASES = [
    pytest.param(phrase, s.key, id=f"{s.key}:{phrase}")
    for s in STATUSES
    for phrase in (s.label_id, s.label_en, *s.synonyms)
]


@pytest.mark.parametrize("phrase, key", STATUS_PHRASES)
def test_every_status_phrase_parses_to_its_key(phrase, key):
    assert parse_status(phrase) == key
    assert parse_status(f"  {phrase.upper()}. ") == key


@pytest.mark.parametrize("value, key", [
    ("Selesai (SK sudah terbit)", "done"),
    ("belum selesai", "in_progress"),  # the longest phrase wins over "belum"
    ("sudah dimulai", "in_progress"),  # ... and over "sudah"
    ("on progress", "in_progress"), ("On-Progress", "in_progress"), ("proses pengadaan", "in_progress"),
    ("sudah", "done"), ("Sudah 100%", "done"), ("belum", "not_started"),
    ("tidak dapat dilaksanakan karena anggaran", "cannot"),
])
def test_parse_status(value, key):
    assert parse_status(value) == key


@pytest.mark.parametrize("value", ["mungkin", "", "   ", "tidak", "selesaikan", 5, None])
def test_parse_status_invalid(value):
    assert reason_of(parse_status, value) == "reason.not_a_status"


# ---- int, year, weight -----------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (3, 3), (3.0, 3), ("3", 3), ("3.", 3), ("03", 3), ("3,0", 3), ("3.00", 3),
    ("No. 3", 3), ("no 3", 3), ("Nomor 3", 3), (" 7 ", 7),
])
def test_parse_int(value, expected):
    assert_same(parse_int(value), expected)


@pytest.mark.parametrize("value, reason", [
    (3.5, "reason.not_whole"), ("3.5", "reason.not_a_number"), ("abc", "reason.not_a_number"),
    ("", "reason.not_a_number"), ("-3", "reason.not_a_number"), (True, "reason.not_a_number"),
])
def test_parse_int_invalid(value, reason):
    assert reason_of(parse_int, value) == reason


@pytest.mark.parametrize("value", [
    "2019", 2019, 2019.0, "TW IV 2019", "Tahun 2019", "Triwulan III 2019", AUG12, dt.datetime(2019, 1, 1),
])
def test_parse_year(value):
    assert_same(parse_year(value), 2019)


@pytest.mark.parametrize("value", ["2019/2020", "abc", "20190", "2300", 2019.5, 1899, 2201, True])
def test_parse_year_invalid(value):
    assert reason_of(parse_year, value) == "reason.not_a_year"


@pytest.mark.parametrize("value, expected", [
    ("20/6", 20 / 6), ("20 / 6", 20 / 6), ("2,5/1", 2.5), ("1", 1.0), ("3,5", 3.5), ("3.5%", 3.5),
    (2.5, 2.5), ("100", 100.0),
])
def test_parse_weight(value, expected):
    assert parse_weight(value) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("value, reason", [
    (0, "reason.out_of_range"), ("0/5", "reason.out_of_range"), ("101", "reason.out_of_range"),
    (-1, "reason.out_of_range"), ("1/0", "reason.not_a_number"), ("abc", "reason.not_a_number"),
    (True, "reason.not_a_number"),
])
def test_parse_weight_invalid(value, reason):
    assert reason_of(parse_weight, value) == reason


# ---- text ------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (3.0, "3"), (2.5, "2.5"), (3, "3"), (150000000.0, "150000000"),
    (AUG12, "2019-08-12"), (dt.datetime(2019, 8, 12), "2019-08-12"),
    (dt.datetime(2019, 8, 12, 10, 30), "2019-08-12 10:30:00"),
    ("baris satu\nbaris dua", "baris satu\nbaris dua"), ("  spasi  ", "  spasi  "), ("3.0", "3.0"),
    (None, ""), (True, "TRUE"), (False, "FALSE"),
])
def test_as_text(value, expected):
    assert as_text(value) == expected


# ---- properties ------------------------------------------------------------------

@given(st.integers(min_value=0, max_value=100))
def test_whole_percent_round_trips(n):
    assert parse_percent(f"{n}%") == n
    assert parse_percent(n / 100, fractions=True) == pytest.approx(n, abs=1e-9)


@given(st.floats(min_value=0, max_value=1e13, allow_nan=False, allow_infinity=False))
def test_indonesian_money_round_trips(value):
    text = f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    # rounding to cents costs up to 0.005; reading the decimal back costs at most one ulp
    assert abs(parse_money(text) - value) <= 0.005 + math.ulp(value)


# ---- decisions taken after review ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Rp 1.500 juta", 1_500_000_000),  # Indonesian: the dot groups thousands
    ("1.000 juta", 1_000_000_000),
    ("1,5 M", 1_500_000_000),  # the comma is a decimal
    ("150 juta rupiah", 150_000_000),
    ("Rp 75.000.000 rupiah", 75_000_000),
])
def test_money_with_multiplier_reads_indonesian_separators(text, expected):
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["Integrated & Measured", "4 - Integrated and Measured", "Terpadu & Terukur"])
def test_level_names_with_ampersand(text):
    assert parse_level(text) == 4


def test_negative_number_is_not_a_row_number():
    with pytest.raises(ParseError) as info:
        parse_int(-3)
    assert info.value.reason == "reason.negative"


# ---- periods (spbe_excel.model.periods) ----------------------------------------------------------------------

PLAN = range(2018, 2023)


@pytest.mark.parametrize("typed, label", [
    ("Triwulan III 2019", "Triwulan III 2019"), ("triwulan iii 2019", "Triwulan III 2019"),
    ("TW 3 2019", "Triwulan III 2019"), ("TW3 2019", "Triwulan III 2019"), ("Q3 2019", "Triwulan III 2019"),
    ("Quarter 3 2019", "Triwulan III 2019"), ("Triwulan ke-3 Tahun 2019", "Triwulan III 2019"),
    ("Triwulan Ketiga 2019", "Triwulan III 2019"), ("tw.iii/2019", "Triwulan III 2019"),
    ("2019 Q4", "Triwulan IV 2019"), ("Kuartal I 2020", "Triwulan I 2020"),
    ("Semester I 2019", "Semester I 2019"), ("S2 2019", "Semester II 2019"), ("H1 2019", "Semester I 2019"),
    ("Semester Kedua 2019", "Semester II 2019"),
    ("Agustus 2019", "Agustus 2019"), ("August 2019", "Agustus 2019"), ("Agu 2019", "Agustus 2019"),
    ("Bulan Mei 2019", "Mei 2019"), ("Desember 2022", "Desember 2022"),
    ("Tahun 2019", "Tahun 2019"), ("Year 2019", "Tahun 2019"), ("2019", "Tahun 2019"),
])
def test_period_forms_a_plan_uses(typed, label):
    from spbe_excel.model.periods import parse_period, period_key

    period = parse_period(typed, PLAN)
    assert period.label() == label
    assert period_key(typed) == period.key == period_key(label)  # what the reader compares agrees
    assert parse_period(label, PLAN) == period


@pytest.mark.parametrize("typed, reason", [
    ("Triwulan VII 2019", "reason.not_a_period"), ("Triwulan V 2019", "reason.not_a_period"),
    ("Semester III 2019", "reason.not_a_period"), ("asdf", "reason.not_a_period"), ("", "reason.not_a_period"),
    ("Triwulan III", "reason.not_a_period"), ("Triwulan III 19", "reason.not_a_period"),
    ("Triwulan III 2019 2020", "reason.not_a_period"), ("Triwulan III 2019 revisi", "reason.not_a_period"),
    ("Caturwulan III 2019", "reason.not_a_period"), ("III 2019", "reason.not_a_period"),
    ("Triwulan III 2109", "reason.period_year"), ("Triwulan III 2017", "reason.period_year"),
    ("Tahun 2023", "reason.period_year"),
])
def test_periods_a_plan_cannot_have(typed, reason):
    from spbe_excel.model.periods import parse_period

    with pytest.raises(ParseError) as info:
        parse_period(typed, PLAN)
    assert info.value.reason == reason


@pytest.mark.parametrize("a, b, same", [
    ("Laporan Triwulan III Tahun 2019", "Q3 2019", True), ("TW III 2019 (Juli - September)", "Triwulan III 2019", True),
    ("Agu 2019", "August 2019", True), ("Triwulan III 2019", "Triwulan IV 2019", False),
    ("Triwulan III 2019", "Triwulan III 2020", False), ("Semester I 2019", "Triwulan I 2019", False),
    ("Caturwulan III 2019", "Triwulan III 2019", False), ("Agustus 2019", "Triwulan III 2019", False),
    ("Tahun 2019", "2019", True), ("periode ketiga", "periode ketiga", True),
])
def test_the_reader_compares_stated_periods_leniently(a, b, same):
    from spbe_excel.model.periods import period_key

    assert (period_key(a) == period_key(b)) is same


# ---- period bounds and swapped dates ----------------------------------------------------------------

@pytest.mark.parametrize("text, first, last", [
    ("Triwulan III 2019", dt.date(2019, 7, 1), dt.date(2019, 9, 30)),
    ("TW 4 2019", dt.date(2019, 10, 1), dt.date(2019, 12, 31)),
    ("Q1 2020", dt.date(2020, 1, 1), dt.date(2020, 3, 31)),
    ("Semester II 2019", dt.date(2019, 7, 1), dt.date(2019, 12, 31)),
    ("Februari 2020", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
    ("Bulan Desember 2019", dt.date(2019, 12, 1), dt.date(2019, 12, 31)),
    ("Tahun 2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
])
def test_period_bounds(text, first, last):
    assert period_bounds(text) == (first, last)


@pytest.mark.parametrize("text", ["Triwulan III", "asdf", "Triwulan VII 2019", "Maret April 2019", ""])
def test_period_bounds_unknown(text):
    assert period_bounds(text) is None


Q3 = (dt.date(2019, 7, 1), dt.date(2019, 9, 30))


@pytest.mark.parametrize("date, expected", [
    (dt.date(2019, 12, 8), dt.date(2019, 8, 12)),  # 12/08/2019 typed in an English (US) locale: 8 December
    (dt.date(2019, 11, 7), dt.date(2019, 7, 11)),
    (dt.date(2019, 10, 1), None),  # 10 January is not in the period
    (dt.date(2019, 1, 7), dt.date(2019, 7, 1)),  # 1/7/2019 typed in an English (US) locale: 7 January
    (dt.date(2019, 3, 8), dt.date(2019, 8, 3)),  # before the period begins, inside it swapped
    (dt.date(2019, 6, 9), dt.date(2019, 9, 6)),
])
def test_swapped_into(date, expected):
    assert swapped_into(date, Q3) == expected


@pytest.mark.parametrize("date", [
    dt.date(2019, 9, 30),  # inside the period
    dt.date(2019, 10, 5),  # after it, but 10 May is not inside it
    dt.date(2019, 12, 13),  # day 13 cannot be a month
    dt.date(2020, 8, 7),  # another year
    dt.date(2019, 5, 3),  # before the period, but 5 March is not inside it
    dt.date(2019, 6, 15),  # before it, day 15 cannot be a month
    dt.date(2019, 7, 1), dt.date(2019, 7, 9),  # inside the period (9 July would swap into it too: nothing to say)
])
def test_not_swapped(date):
    assert swapped_into(date, Q3) is None
    assert swapped_into(date, None) is None


def test_date_words():
    assert (date_words(dt.date(2019, 12, 8), "id"), date_words(dt.date(2019, 12, 8), "en")) == (
        "8 Desember 2019", "8 December 2019")
    assert (date_words(dt.date(2020, 5, 31), "id"), date_words(dt.date(2020, 5, 31), "en")) == \
        ("31 Mei 2020", "31 May 2020")
