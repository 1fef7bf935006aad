"""Property tests: numbers and dates written the ways exports write them read back exactly."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smmlab.io._dates import parse_dates
from smmlab.io._numbers import decimal_mark, parse_numbers


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@given(st.lists(st.integers(0, 10**12), min_size=1, max_size=20))
def test_english_counts_with_thousands_commas(values):
    texts = [_grouped(v, ",") for v in values]
    assert parse_numbers(texts).tolist() == [float(v) for v in values]


@given(st.lists(st.integers(0, 10**12), min_size=1, max_size=20))
def test_italian_counts_with_thousands_dots(values):
    texts = [_grouped(v, ".") for v in values]
    assert parse_numbers(texts, default=",").tolist() == [float(v) for v in values]


@given(st.lists(st.decimals(0, 10**9, places=2, allow_nan=False), min_size=1, max_size=20))
def test_italian_money_with_decimal_commas(values):
    texts = [_grouped(int(v), ".") + "," + f"{v:.2f}".split(".")[1] for v in values]
    assert parse_numbers(texts, default=",").tolist() == [float(v) for v in values]


@given(st.lists(st.decimals(0, 10**9, places=2, allow_nan=False), min_size=1, max_size=20))
def test_english_money_read_whatever_the_default(values):
    texts = [f"{v:,.2f}" for v in values]
    if any(t.count(",") or not t.endswith(".00") for t in texts):  # the text shows its mark
        assert parse_numbers(texts, default=",").tolist() == [float(v) for v in values]
    assert parse_numbers(texts).tolist() == [float(v) for v in values]


@given(st.sampled_from(["--", "-", "undefined", "N/A", "", " "]))
def test_missing_markers_are_missing_not_zero(marker):
    assert parse_numbers([marker, "3"]).isna().tolist() == [True, False]


def test_decimal_mark_from_the_values():
    assert decimal_mark(["1.234,56"]) == ","
    assert decimal_mark(["0,1658427"]) == ","
    assert decimal_mark(["1,234.5"]) == "."


_TIMES = st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2030, 12, 31)).map(
    lambda t: t.replace(second=0, microsecond=0))


@given(st.lists(_TIMES, min_size=1, max_size=30), st.booleans())
def test_numeric_dates_read_back_in_either_order(times, dayfirst):
    times = [*times, dt.datetime(2025, 1, 13, 8, 0)]  # a day above 12 tells the order
    pattern = "%d/%m/%Y %H:%M" if dayfirst else "%m/%d/%Y %H:%M"
    parsed = parse_dates([t.strftime(pattern) for t in times])
    assert parsed.order == ("day-first" if dayfirst else "month-first")
    assert [t.to_pydatetime() for t in parsed.values] == times


@given(st.lists(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), min_size=1, max_size=30))
def test_month_name_dates_read_back(dates):
    texts = [f"{d.strftime('%b')} {d.day}, {d.year}" for d in dates]
    assert [t.date() for t in parse_dates(texts).values] == dates


@given(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
       st.integers(0, 364))
def test_dates_without_a_year_fall_on_or_before_the_export_day(as_of, back):
    day = as_of - dt.timedelta(days=back)
    if (day.month, day.day) == (2, 29):
        return
    text = f"{day.strftime('%B')} {day.day}"
    assert parse_dates([text], as_of=as_of).values[0].date() == day


def test_dates_that_fit_both_orders_need_dayfirst():
    with pytest.raises(ValueError, match="dayfirst must be True"):
        parse_dates(["01/02/2025", "03/04/2025"])
    assert parse_dates(["01/02/2025"], dayfirst=True).values[0].month == 2
    with pytest.raises(ValueError, match="does not fit"):
        parse_dates(["13/02/2025"], dayfirst=False)
    with pytest.raises(ValueError, match="mixes"):
        parse_dates(["13/02/2025", "02/13/2025"])
