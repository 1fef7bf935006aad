"""The alarm that holds on real mentions: usual value, surprise in "big swings", lasting alerts.

Three questions, each answerable by a social media manager:

1. **What is usual now?** The median of the same hour of day over the previous 7 days
   (for daily series, the same weekday over the previous 4 weeks). A median shrugs off an
   odd day; a one-week memory follows a new normal (after a campaign or an algorithm
   change) within a few days.
2. **How surprising is this hour?** Its ratio to usual, ``(value + 5) / (usual + 5)``
   (five mentions added to both, so 1 -> 4 at night is not a "x4"), compared with this
   brand's own *big swing*: the ratio that only the top 0.5 % of the hours of the last
   four weeks went beyond. Surprise = log(ratio) / log(big swing): 1 means "as far from
   usual as this brand's biggest swings", 0.5 "half as far, on a ratio scale" (for a big
   swing of x4, a x2 hour). A brand whose mentions jump about often has a large big swing
   and needs a larger jump to surprise.
3. **Does it last?** An alert opens when either

   - one hour goes beyond a big swing (surprise > 1) and the next hour is still clearly
     above usual (surprise > 0.3): people keep talking, whereas a one-off burst (a bot, a
     glitch, a retweet storm that dies at once) drops straight back; or
   - five hours in a row are at least three times usual: a slower rise that lasts (a crisis
     building, a bot wave, a new level). This rule is in plain "times usual", not in big
     swings: a brand whose mentions jump about a lot (a big swing of x50) still gets an alert
     when they stay at x3 for five hours.

   Alerts less than 24 hours apart are one incident.

Gaps (hours with no data) are skipped, never read as zero, and become "missing data"
alerts in :func:`smmlab.detect.alerts`. Until a day of history gives the brand a big swing
(the first day or so of a series), no hour is in an alert: "usual" from one day is no usual.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab._validate import check_int, check_number
from smmlab.detect.alerts import _runs, alerts
from smmlab.detect.baseline import _nanmedian, _shift, regularize

WATCH_COLUMNS = ("value", "baseline", "surprise", "flagged", "missing", "ratio", "big_swing",
                 "trigger", "fires")
#: Added to value and usual before taking their ratio, so that tiny counts do not make ratios.
PSEUDO_COUNT = 5.0


def usual(series: pd.Series, *, days: int = 7) -> pd.Series:
    """The usual value: median of the same hour of day over the previous ``days`` days.

    For a daily series: the median of the same weekday over the previous ``days // 7 + 3``
    weeks (4 by default). Missing periods are skipped; with no history yet, NaN.

    Parameters
    ----------
    series : pandas.Series
        Hourly or daily counts indexed by time.
    days : int, default=7
        Days of memory (hourly series).

    Returns
    -------
    pandas.Series
        The usual value on the series' regular grid.

    Examples
    --------
    >>> idx = pd.date_range("2025-01-06", periods=24 * 8, freq="h")
    >>> s = pd.Series(10.0, index=idx)
    >>> s.iloc[24 * 3 + 9] = 500.0  # one odd Thursday 09:00
    >>> float(usual(s).iloc[24 * 7 + 9])  # next Monday 09:00: the odd day is ignored
    10.0
    """
    days = check_int("days", days, low=1, high=366)
    values = regularize(series)
    return pd.Series(_usual(values.to_numpy(), values.attrs["period"], days),
                     index=values.index, name="usual")


def _usual(x: np.ndarray, period: int, days: int) -> np.ndarray:
    if period == 168:
        lags = [24 * k for k in range(1, days + 1)]
    else:
        lags = [7 * k for k in range(1, days // 7 + 4)]
    return _nanmedian(np.stack([_shift(x, lag) for lag in lags]), axis=0)


def _big_swing(log_ratio: np.ndarray, window: int, share: float) -> np.ndarray:
    """Past big swing: the (1 - share) quantile of |log ratio| over the previous window."""
    past = pd.Series(np.abs(log_ratio)).rolling(window, min_periods=min(24, window)).quantile(
        1.0 - share).shift(1).to_numpy()
    return np.maximum(past, np.log(1.5))  # never call less than a x1.5 swing "big"


def watch(
    series: pd.Series,
    *,
    days: int = 7,
    swing_days: int = 28,
    swing_share: float = 0.005,
    peak: float = 1.0,
    echo: float = 0.3,
    lasting: float = 3.0,
    lasting_hours: int = 5,
    merge_hours: int = 24,
) -> pd.DataFrame:
    """smmlab's alarm, hour by hour: usual value, surprise, and the hours inside an alert.

    See the module help for the method in plain words. The defaults are the same for every
    series; they were chosen as round, general values (not fitted per brand).

    Parameters
    ----------
    series : pandas.Series
        Hourly (or daily) counts indexed by time; gaps allowed.
    days : int, default=7
        Memory of the usual value, in days.
    swing_days : int, default=28
        Days over which the brand's big swing is measured.
    swing_share : float, default=0.005
        Share of hours allowed beyond a big swing (0.5 %: about 3 hours in four weeks).
    peak : float, default=1.0
        Surprise of one hour that opens an alert (if the next hour confirms it).
    echo : float, default=0.3
        Surprise the next hour needs to confirm a one-hour peak.
    lasting : float, default=3.0
        Ratio to usual ("x3") that, held for ``lasting_hours`` in a row, opens an alert.
    lasting_hours : int, default=5
        Hours (steps) in a row for a lasting alert.
    merge_hours : int, default=24
        Alerts at most this many quiet hours apart are one incident.

    Returns
    -------
    pandas.DataFrame
        On the regular grid: ``value``, ``baseline`` (the usual value), ``surprise``,
        ``flagged`` (hour inside an alert), ``missing``, ``ratio`` (value / usual, with
        the pseudo-count), ``big_swing`` (as a ratio), ``trigger`` ("lasting" for
        hours in a lasting run, else "peak" for a confirmed peak and its confirming hour,
        else "") and ``fires``: the hours at which an alert's condition is first complete,
        live (a peak's confirming hour, a lasting run's ``lasting_hours``-th hour). The
        flagged hours are back-dated to the first surprising hour; ``fires`` says when
        someone watching could have been told.

    Examples
    --------
    >>> from smmlab.synth import make_mentions
    >>> m = make_mentions(120, events={"crisis": 1}, random_state=3)
    >>> w = watch(m.set_index("timestamp")["mentions"])
    >>> list(w.columns[:5])
    ['value', 'baseline', 'surprise', 'flagged', 'missing']
    """
    days = check_int("days", days, low=1, high=366)
    swing_days = check_int("swing_days", swing_days, low=1, high=3660)
    swing_share = check_number("swing_share", swing_share, low=1e-6, high=0.5)
    peak = check_number("peak", peak, low=0.0, high=1e6)
    echo = check_number("echo", echo, low=-1e6, high=1e6)
    lasting = check_number("lasting", lasting, low=1.0, high=1e6)
    lasting_hours = check_int("lasting_hours", lasting_hours, low=1, high=10_000)
    merge_hours = check_int("merge_hours", merge_hours, low=0, high=10_000)
    values = regularize(series)
    period = values.attrs["period"]
    x = values.to_numpy()
    base = _usual(x, period, days)
    log_ratio = np.log((x + PSEUDO_COUNT) / (base + PSEUDO_COUNT))
    steps_per_day = 24 if period == 168 else 1
    swing = _big_swing(log_ratio, swing_days * steps_per_day, swing_share)
    surprise = log_ratio / swing
    z = np.nan_to_num(surprise, nan=-np.inf)
    confirmed = (z > peak) & (np.concatenate([z[1:], [-np.inf]]) > echo)
    peak_hours = confirmed | np.concatenate([[False], confirmed[:-1]])
    # a lasting rise needs the brand's history too: no alert before its big swing is known
    hot = (np.nan_to_num(log_ratio, nan=-np.inf) >= np.log(lasting)) & np.isfinite(swing)
    starts, stops = _runs(hot)
    lasting_mask = np.zeros(len(x), dtype=bool)
    fires = np.concatenate([[False], confirmed[:-1]])  # a peak is known at its next hour
    for a, b in zip(starts, stops, strict=True):  # one step per run of hot hours
        if b - a >= lasting_hours:
            lasting_mask[a:b] = True
            fires[a + lasting_hours - 1] = True
    flagged = peak_hours | lasting_mask
    flagged = _merge(flagged, merge_hours if period == 168 else merge_hours // 24)
    trigger = np.where(lasting_mask, "lasting", np.where(peak_hours, "peak", ""))
    return pd.DataFrame(
        {
            "value": x,
            "baseline": base,
            "surprise": surprise,
            "flagged": flagged,
            "missing": np.isnan(x),
            "ratio": np.exp(log_ratio),
            "big_swing": np.exp(swing),
            "trigger": trigger,
            "fires": fires,
        },
        index=values.index,
    )


def _merge(flagged: np.ndarray, gap: int) -> np.ndarray:
    """Fill quiet stretches of at most ``gap`` points between flagged points."""
    out = flagged.copy()
    where = np.flatnonzero(flagged)
    if len(where) > 1 and gap > 0:
        jumps = np.diff(where)
        for i in np.flatnonzero((jumps > 1) & (jumps <= gap + 1)):  # one step per merge
            out[where[i]:where[i + 1]] = True
    return out


def alarm(series: pd.Series, **options: object) -> pd.DataFrame:
    """The alerts of :func:`watch`, one row per incident (and per gap in the data).

    ``alarm(series)`` is ``alerts(watch(series), min_duration=1, max_gap=0)``: the
    columns of :func:`smmlab.detect.alerts`.

    Parameters
    ----------
    series : pandas.Series
        Hourly (or daily) counts indexed by time.
    **options
        Passed to :func:`watch`.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> idx = pd.date_range("2025-01-06", periods=24 * 21, freq="h")
    >>> rng = np.random.default_rng(1)
    >>> s = pd.Series(rng.poisson(40, len(idx)).astype(float), index=idx)
    >>> s.iloc[400:406] *= 6  # six hours at six times usual
    >>> found = alarm(s)
    >>> len(found), str(found.loc[0, "start"])
    (1, '2025-01-22 16:00:00')
    """
    return alerts(watch(series, **options), min_duration=1, max_gap=0)
