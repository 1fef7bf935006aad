"""Calendar pieces shared by the generators: periods, weekly cycles, seasons, time zones."""

from __future__ import annotations

import numpy as np
import pandas as pd

NS_PER_SECOND = 1_000_000_000
SECONDS_PER_DAY = 86_400

#: When people are on social media (Monday = row 0, hour 0 = column 0): a mid-morning peak,
#: a smaller evening one, quiet nights, and a Sunday dip (Sprout Social best-times studies).
_HOUR_PROFILE = (
    0.15
    + 0.85 * np.exp(-(((np.arange(24) - 10.5) / 2.6) ** 2))
    + 0.45 * np.exp(-(((np.arange(24) - 19.5) / 2.0) ** 2))
)
_WEEKDAY_PROFILE = np.array([1.0, 1.06, 1.06, 1.0, 0.94, 0.84, 0.7])
AUDIENCE_WEEK_HOUR = np.outer(_WEEKDAY_PROFILE, _HOUR_PROFILE)

#: When brands publish: working days, office hours and early evening.
POSTING_WEEKDAY = np.array([1.0, 1.0, 1.0, 1.0, 0.9, 0.5, 0.35])
POSTING_HOUR = np.array(
    [0, 0, 0, 0, 0, 0, 0, 0.3, 0.8, 1.0, 1.0, 0.9, 0.8, 0.7, 0.6, 0.6, 0.6, 0.8, 0.9, 0.8, 0.6,
     0.4, 0.2, 0.05]
)  # fmt: skip


def period(start: pd.Timestamp, days: int) -> pd.DatetimeIndex:
    """Return the ``days`` calendar dates from ``start`` (midnight, no time zone).

    Examples
    --------
    >>> period(pd.Timestamp("2025-01-01"), 2).strftime("%Y-%m-%d").tolist()
    ['2025-01-01', '2025-01-02']
    """
    return pd.date_range(start, periods=days, freq="D", name="date")


def yearly_season(dates: pd.DatetimeIndex, amplitude: float = 0.12) -> np.ndarray:
    """Return a multiplicative yearly season: high before Christmas, low in summer.

    Two Fourier terms, ``exp(a*cos(2*pi*(d-350)/365.25) + a/3*sin(4*pi*d/365.25))``
    with ``d`` the day of year, as in PyMC-Marketing's and LightweightMMM's
    yearly seasonality with two degrees.

    Examples
    --------
    >>> s = yearly_season(pd.date_range("2025-01-01", periods=365))
    >>> bool(s[349] > s[180])
    True
    """
    doy = np.asarray(dates.day_of_year, dtype=float)
    return np.exp(
        amplitude * np.cos(2 * np.pi * (doy - 350) / 365.25)
        + amplitude / 3 * np.sin(4 * np.pi * doy / 365.25)
    )


def localize(values, tz: str):
    """Attach time zone ``tz`` to naive local times, safely around daylight-saving switches.

    A local time that does not exist (clocks jump forward; at midnight in
    zones such as America/Santiago) moves forward to the first valid time; an
    ambiguous one (clocks go back) is read as summer time.

    Examples
    --------
    >>> localize(pd.Timestamp("2025-04-06"), "America/Santiago").isoformat()
    '2025-04-06T00:00:00-04:00'
    >>> localize(pd.Timestamp("2025-09-07"), "America/Santiago").isoformat()
    '2025-09-07T01:00:00-03:00'
    """
    if isinstance(values, pd.Series):
        ambiguous = np.ones(len(values), dtype=bool)
        return values.dt.tz_localize(tz, ambiguous=ambiguous, nonexistent="shift_forward")
    if isinstance(values, pd.DatetimeIndex):
        ambiguous = np.ones(len(values), dtype=bool)
        return values.tz_localize(tz, ambiguous=ambiguous, nonexistent="shift_forward")
    return values.tz_localize(tz, ambiguous=True, nonexistent="shift_forward")


def utc_offsets(dates: pd.DatetimeIndex, tz: str) -> np.ndarray:
    """Return each date's UTC offset at noon in ``tz``, in seconds.

    Daylight-saving switches happen at night, so the noon offset is right for
    any local time from 04:00 to 24:00 of that date.

    Examples
    --------
    >>> utc_offsets(pd.DatetimeIndex(["2025-01-15", "2025-07-15"]), "Europe/Rome").tolist()
    [3600, 7200]
    """
    noon = (dates + pd.Timedelta(hours=12)).tz_localize(tz)
    return (noon.tz_localize(None) - noon.tz_convert("UTC").tz_localize(None)).total_seconds()\
        .to_numpy(dtype=np.int64)


def local_seconds_to_timestamps(
    start: pd.Timestamp, local_seconds: np.ndarray, offsets: np.ndarray, tz: str
) -> pd.DatetimeIndex:
    """Turn seconds since local midnight of ``start`` into tz-aware timestamps, vectorized.

    ``offsets`` holds the UTC offset of each day (from :func:`utc_offsets`);
    local times must be after 04:00 so that no daylight-saving gap applies.

    Examples
    --------
    >>> start = pd.Timestamp("2025-01-01")
    >>> off = utc_offsets(pd.date_range(start, periods=1), "Europe/Rome")
    >>> local_seconds_to_timestamps(start, np.array([9 * 3600]), off, "Europe/Rome")[0]
    Timestamp('2025-01-01 09:00:00+0100', tz='Europe/Rome')
    """
    day = local_seconds // SECONDS_PER_DAY
    utc_us = (start.value // NS_PER_SECOND + local_seconds - offsets[day]) * 1_000_000
    return pd.DatetimeIndex(utc_us.astype("datetime64[us]")).tz_localize("UTC").tz_convert(tz)
