"""Dates and times as exports write them, read the same way on every computer.

Handled forms (month names in English, Italian, French and Spanish; read by this
module, never by the computer's locale):

- ISO: ``2025-08-01T00:00:00``, ``2026-08-09T02:13:30-0600``, ``2021-11-30 16:00 +0000``;
- numbers: ``03/25/2025 22:00`` (month first) or ``25/03/2025 22:00`` (day first);
  the order is read from the column (a first number above 12 means day first, a
  second number above 12 month first); a column where every date fits both
  readings needs ``dayfirst=``;
- words: ``Jan 6, 2024``, ``Tue, Jul 14, 2026``, ``05-Mar-24``, ``April 12``,
  ``8 de marzo``, ``12 aprile``; a date without a year (TikTok Studio) takes the
  latest year that puts it on or before ``as_of``, the day of the export.

Examples
--------
>>> parse_dates(["03/25/2025 22:00", "04/01/2025 09:30"]).order
'month-first'
>>> parse_dates(["Jan 6, 2024"]).values.tolist()
[Timestamp('2024-01-06 00:00:00')]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable

import numpy as np
import pandas as pd

from smmlab.io._messages import MESSAGES
from smmlab.io._numbers import is_missing

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "gennaio", "gen", "janvier", "janv", "enero", "ene"),
    2: ("february", "feb", "febbraio", "février", "fevrier", "févr", "fevr", "febrero"),
    3: ("march", "mar", "marzo", "mars"),
    4: ("april", "apr", "aprile", "avril", "avr", "abril", "abr"),
    5: ("may", "maggio", "mag", "mai", "mayo"),
    6: ("june", "jun", "giugno", "giu", "juin", "junio"),
    7: ("july", "jul", "luglio", "lug", "juillet", "juil", "julio"),
    8: ("august", "aug", "agosto", "ago", "août", "aout"),
    9: ("september", "sep", "sept", "settembre", "set", "septembre", "septiembre"),
    10: ("october", "oct", "ottobre", "ott", "octobre", "octubre"),
    11: ("november", "nov", "novembre", "noviembre"),
    12: ("december", "dec", "dicembre", "dic", "décembre", "decembre", "déc", "diciembre"),
}
#: Month name (any supported language, full or short) -> month number.
MONTHS: dict[str, int] = {name: n for n, names in _MONTH_NAMES.items() for name in names}

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # 20260501 (GA4)
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\b")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*m?\.?(?![a-z])", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+|\d+")
_SPACE_OFFSET = re.compile(r"\s+([+-]\d{2}:?\d{2}|Z)$")


class DateTextError(ValueError):
    """A cell that is not a date this module reads (the message quotes it)."""


@dataclasses.dataclass(frozen=True)
class ParsedDates:
    """A column of dates read from text.

    Attributes
    ----------
    values : pandas.Series
        ``datetime64[us]``: naive (local wall time) unless the texts carried an
        offset, then tz-aware in UTC. Missing markers are NaT.
    order : str or None
        ``"day-first"``, ``"month-first"`` or ``None`` (no numeric dates).
    has_time : bool
        False when no text had a time of day (dates at midnight).
    has_zone : bool
        True when the texts carried a UTC offset.
    """

    values: pd.Series
    order: str | None
    has_time: bool
    has_zone: bool


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _clock(text: str) -> tuple[tuple[int, int, int], str]:
    match = _TIME.search(text)
    if not match:
        return (0, 0, 0), text
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        hour = hour % 12 + (12 if match[4].lower() == "p" else 0)
    return (hour, minute, second), text[:match.start()] + " " + text[match.end():]


def _words_date(text: str, as_of: dt.date | None, raw: str) -> dt.date:
    month, numbers = None, []
    for token in _WORD.findall(text.casefold()):
        if token.isdigit():
            numbers.append(token)
        elif month is None and token.rstrip(".") in MONTHS:
            month = MONTHS[token.rstrip(".")]
    years = [t for t in numbers if len(t) == 4]
    days = [t for t in numbers if len(t) <= 2]
    if month is None or not days:
        raise DateTextError(MESSAGES.text("not_date", value=raw))
    day = int(days[0])
    if years:
        year = int(years[0])
    elif len(days) == 2:
        year = _year(days[1])  # 05-Mar-24
    else:
        if as_of is None:
            raise DateTextError(MESSAGES.text("no_year", value=raw))
        year = as_of.year if (month, day) <= (as_of.month, as_of.day) else as_of.year - 1
    return dt.date(year, month, day)


def _check_dayfirst(dayfirst: object) -> bool | None:
    if dayfirst is not None and not isinstance(dayfirst, bool):
        raise ValueError(MESSAGES.text("dayfirst_type", value=dayfirst))
    return dayfirst


def parse_dates(values: Iterable[object], *, dayfirst: bool | None = None,
                as_of: dt.date | None = None, column: str = "date") -> ParsedDates:
    """Read a column of date (and time) texts.

    Parameters
    ----------
    values : iterable of str
        The cells; missing markers become NaT.
    dayfirst : bool or None, default=None
        For numeric dates (``01/02/2025``): ``True`` day first, ``False`` month
        first, ``None`` read the order from the column.
    as_of : datetime.date or None, default=None
        The day of the export, for dates written without a year.
    column : str, default="date"
        The column's name in the file, for error messages.

    Returns
    -------
    ParsedDates

    Raises
    ------
    ValueError
        A text that is not a date; a column whose numeric dates fit both orders
        and no ``dayfirst``; a column that contradicts ``dayfirst`` or itself; a
        date without a year and no ``as_of``.

    Examples
    --------
    >>> parse_dates(["25/03/2025"]).order
    'day-first'
    >>> parse_dates(["April 12"], as_of=dt.date(2026, 3, 1)).values[0]
    Timestamp('2025-04-12 00:00:00')
    >>> parse_dates(["01/02/2025"])
    Traceback (most recent call last):
    ...
    ValueError: dayfirst must be True (01/02/2025 is 1 February) or False (2 January); \
the dates of column 'date' fit both, from '01/02/2025'.
    """
    dayfirst = _check_dayfirst(dayfirst)
    cells = ["" if is_missing(v) else str(v).strip() for v in values]
    known = [c for c in cells if c]
    if known and all(_ISO.match(c) for c in known):
        return _iso(cells)
    numeric = [(_NUMERIC.match(c), c) for c in known]
    order = None
    if any(m for m, _ in numeric):
        order = _order([(m, c) for m, c in numeric if m], dayfirst, column)
    out, has_time = [], False
    for cell in cells:
        if not cell:
            out.append(pd.NaT)
            continue
        compact = _COMPACT.match(cell)
        if compact:
            out.append(pd.Timestamp(int(compact[1]), int(compact[2]), int(compact[3])))
            continue
        match = _NUMERIC.match(cell)
        (hour, minute, second), rest = _clock(cell[match.end():] if match else cell)
        has_time = has_time or _TIME.search(cell) is not None
        try:
            if match:
                first, second_n = int(match[1]), int(match[2])
                day, month = (first, second_n) if order == "day-first" else (second_n, first)
                date = dt.date(_year(match[3]), month, day)
            else:
                date = _words_date(rest, as_of, cell)
            out.append(pd.Timestamp(dt.datetime.combine(date, dt.time(hour, minute, second))))
        except DateTextError:
            raise
        except ValueError:  # 31/02, 25:00 ...
            raise DateTextError(MESSAGES.text("not_date", value=cell)) from None
    series = pd.Series(pd.to_datetime(pd.Series(out, dtype="object"))).astype("datetime64[us]")
    return ParsedDates(series, order, has_time, False)


def _order(numeric: list[tuple[re.Match[str], str]], dayfirst: bool | None, column: str) -> str:
    day_first = [c for m, c in numeric if int(m[1]) > 12]
    month_first = [c for m, c in numeric if int(m[2]) > 12]
    if day_first and month_first:
        raise ValueError(MESSAGES.text("mixed_order", column=column, day=day_first[0],
                                       month=month_first[0]))
    if dayfirst is None:
        if day_first:
            return "day-first"
        if month_first:
            return "month-first"
        example = numeric[0][1]
        raise ValueError(MESSAGES.text("dayfirst", column=column, example=example,
                                       **_readings(numeric[0][0])))
    if (dayfirst and month_first) or (not dayfirst and day_first):
        raise ValueError(MESSAGES.text("contradicts", column=column, dayfirst=dayfirst,
                                       value=(month_first or day_first)[0]))
    return "day-first" if dayfirst else "month-first"


def _readings(match: re.Match[str]) -> dict[str, str]:
    a, b = int(match[1]), int(match[2])
    name = MESSAGES.text
    return {"as_dayfirst": name("day_month", day=a, month=name(f"month.{b}")),
            "as_monthfirst": name("day_month", day=b, month=name(f"month.{a}")),
            "value": match[0]}


def _iso(cells: list[str]) -> ParsedDates:
    texts = [_SPACE_OFFSET.sub(r"\1", c) if c else None for c in cells]
    known = [t for t in texts if t]
    zoned = [bool(re.search(r"(Z|[+-]\d{2}:?\d{2})$", t)) for t in known]
    if any(zoned) and not all(zoned):
        raise DateTextError(MESSAGES.text("not_date", value=known[zoned.index(False)]))
    has_zone = bool(zoned) and all(zoned)
    try:
        parsed = pd.to_datetime(pd.Series(texts, dtype="object"), format="ISO8601",
                                utc=has_zone)
    except (ValueError, TypeError):
        raise DateTextError(MESSAGES.text("not_date", value=known[0])) from None
    parsed = parsed.dt.as_unit("us")
    has_time = any(re.search(r"[T ]\d{1,2}:\d{2}", t) and not re.search(r"[T ]00:00(:00)?", t)
                   for t in known)
    return ParsedDates(parsed, None, has_time, has_zone)


def check_timezone(timezone: object, param: str = "timezone") -> str:
    """Return ``timezone`` if it is an IANA time zone name.

    Examples
    --------
    >>> check_timezone("Europe/Rome")
    'Europe/Rome'
    """
    if isinstance(timezone, str) and timezone.strip():
        try:
            zoneinfo.ZoneInfo(timezone)
            return timezone
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    raise ValueError(MESSAGES.text("timezone", param=param, value=timezone))


def localize(values: pd.Series, timezone: str) -> pd.Series:
    """Return dates as tz-aware times in ``timezone``.

    Naive values are wall times there (an hour that does not exist at the switch
    to summer time moves forward; an hour that comes twice is read as the first);
    tz-aware ones are converted.

    Examples
    --------
    >>> t = pd.Series(pd.to_datetime(["2025-03-30 02:30"]))
    >>> str(localize(t, "Europe/Rome")[0])
    '2025-03-30 03:00:00+02:00'
    """
    if values.dt.tz is not None:
        return values.dt.tz_convert(timezone)
    return values.dt.tz_localize(timezone, ambiguous=np.ones(len(values), dtype=bool),
                                 nonexistent="shift_forward")


__all__ = ["MONTHS", "DateTextError", "ParsedDates", "check_timezone", "localize", "parse_dates"]
