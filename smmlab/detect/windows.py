"""Score hourly alerts against labelled anomaly windows (the rule used on real mention series).

The rule (``shared/data/real-mentions/README.md``, after the Numenta Anomaly Benchmark's
windows): resample to hourly sums; ignore alerts in the probationary period (the first 15 %
of the raw records, at most 750); merge flagged hours at most 60 minutes apart into one
alert; a window is found if any flagged hour overlaps it (counted once); an alert that
overlaps no window is a false alarm; precision = windows found / (windows found + false
alarms), recall = windows found / windows, F1 from those two; alerts per day = all alerts /
days scored.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from smmlab._validate import check_int, check_number
from smmlab.detect._messages import CODES, MESSAGES

HOUR = pd.Timedelta(hours=1)
#: NAB's probationary period: this share of the raw records, at most ``PROBATION_MAX`` records.
PROBATION_SHARE = 0.15
PROBATION_MAX = 750


@dataclasses.dataclass(frozen=True)
class WindowScore:
    """How well hourly alerts find labelled windows.

    Attributes
    ----------
    windows : int
        Labelled windows.
    found : int
        Windows that some alert overlaps (each counted once).
    alerts : int
        Alerts after the probationary period (flagged hours at most 60 minutes apart merged).
    false_alarms : int
        Alerts that overlap no window.
    days : float
        Days scored (from the end of the probationary period to the last hour).
    precision, recall, f1 : float
        ``found / (found + false_alarms)``, ``found / windows`` and their harmonic mean
        (NaN when undefined; F1 is 0 when both are 0).
    alerts_per_day : float
        ``alerts / days``.
    """

    windows: int
    found: int
    alerts: int
    false_alarms: int
    days: float
    precision: float
    recall: float
    f1: float
    alerts_per_day: float

    def summary(self) -> str:
        """One line with the headline figures.

        Examples
        --------
        >>> WindowScore(4, 3, 5, 2, 50.0, 0.6, 0.75, 2 / 3, 0.1).summary()
        'precision 0.60, recall 0.75, F1 0.67, 0.10 alerts per day (3 of 4 windows, 2 false alarms)'
        """
        return (f"precision {self.precision:.2f}, recall {self.recall:.2f}, F1 {self.f1:.2f}, "
                f"{self.alerts_per_day:.2f} alerts per day ({self.found} of {self.windows} "
                f"windows, {self.false_alarms} false alarms)")


def pooled(scores: list[WindowScore]) -> WindowScore:
    """Add up several series' scores: windows, finds, alerts and days, then the ratios.

    Examples
    --------
    >>> a = WindowScore(2, 2, 2, 0, 10.0, 1.0, 1.0, 1.0, 0.2)
    >>> b = WindowScore(2, 0, 2, 2, 10.0, 0.0, 0.0, 0.0, 0.2)
    >>> p = pooled([a, b])
    >>> p.precision, p.recall, p.alerts_per_day
    (0.5, 0.5, 0.2)
    """
    total = {f: sum(getattr(s, f) for s in scores)
             for f in ("windows", "found", "alerts", "false_alarms", "days")}
    return _finish(**total)


def _finish(windows: int, found: int, alerts: int, false_alarms: int, days: float
            ) -> WindowScore:
    precision = found / (found + false_alarms) if found + false_alarms else np.nan
    recall = found / windows if windows else np.nan
    if np.isnan(precision) or np.isnan(recall):
        f1 = np.nan if np.isnan(recall) else 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return WindowScore(windows=int(windows), found=int(found), alerts=int(alerts),
                       false_alarms=int(false_alarms), days=float(days),
                       precision=float(precision) if found + false_alarms else 0.0,
                       recall=float(recall), f1=float(f1),
                       alerts_per_day=float(alerts / days) if days > 0 else np.nan)


def flagged_hours(found: pd.DataFrame, index: pd.DatetimeIndex) -> pd.Series:
    """Turn an alerts table into flagged hours: every hour from an alert's start to its end.

    Alerts of kind "missing data" (outages) are left out: a gap is not a hit.

    Parameters
    ----------
    found : pandas.DataFrame
        Output of :func:`smmlab.detect.alerts` (``kind``, ``start``, ``end``).
    index : pandas.DatetimeIndex
        The hourly grid to flag on.

    Returns
    -------
    pandas.Series
        Boolean, on ``index``.

    Examples
    --------
    >>> idx = pd.date_range("2025-01-01", periods=6, freq="h")
    >>> found = pd.DataFrame({"kind": ["spike"], "start": [idx[1]], "end": [idx[3]]})
    >>> flagged_hours(found, idx).astype(int).tolist()
    [0, 1, 1, 1, 0, 0]
    """
    flags = np.zeros(len(index), dtype=bool)
    if len(found):
        spikes = found[found["kind"] != CODES["kind_missing"]]
        times = index.to_numpy()
        first = np.searchsorted(times, spikes["start"].to_numpy(dtype=times.dtype), "left")
        last = np.searchsorted(times, spikes["end"].to_numpy(dtype=times.dtype), "right")
        for a, b in zip(first, last, strict=True):  # one step per alert
            flags[a:b] = True
    return pd.Series(flags, index=index, name="flagged")


def score_windows(
    flagged: pd.Series | pd.DataFrame,
    windows: list[tuple[object, object]] | pd.DataFrame,
    *,
    probation_end: object = None,
    end: object = None,
    merge_minutes: float = 60.0,
) -> WindowScore:
    """Score flagged hours against labelled windows, by the real-mentions rule.

    Flagged hours at most ``merge_minutes`` apart (consecutive hours, by default) are one
    alert. An hour ``[t, t + 1 h)`` overlaps a window ``[start, end]`` when ``t <= end``
    and ``t + 1 h > start``. Each window found counts once, however many alerts touch
    it; an alert touching no window is a false alarm. Hours before ``probation_end`` are
    ignored (neither alerts nor finds), and the days scored run from ``probation_end``
    (or the first hour) to the end of the last hour (or ``end``).

    Parameters
    ----------
    flagged : pandas.Series or pandas.DataFrame
        Hourly booleans indexed by time, or a frame with a ``flagged`` column (the output
        of :func:`smmlab.detect.flag`). For an alerts table, pass
        ``flagged_hours(found, index)``.
    windows : list of (start, end) pairs, or DataFrame with ``start`` and ``end``
        Labelled windows.
    probation_end : timestamp-like or None, default=None
        First moment scored.
    end : timestamp-like or None, default=None
        End of the scored period (default: one hour after the last hour).
    merge_minutes : float, default=60
        Flagged hours at most this far apart are one alert.

    Returns
    -------
    WindowScore

    Examples
    --------
    >>> idx = pd.date_range("2025-01-01", periods=48, freq="h")
    >>> flags = pd.Series(False, index=idx)
    >>> flags.iloc[[10, 11, 30]] = True  # one alert of two hours, one of one hour
    >>> s = score_windows(flags, [("2025-01-01 09:30", "2025-01-01 10:10")])
    >>> s.found, s.false_alarms, s.alerts, s.days
    (1, 1, 2, 2.0)
    """
    merge_minutes = check_number("merge_minutes", merge_minutes, low=0.0, high=1e6)
    if isinstance(flagged, pd.DataFrame):
        flagged = flagged["flagged"]
    if not isinstance(flagged, pd.Series) or not isinstance(flagged.index, pd.DatetimeIndex):
        raise ValueError(MESSAGES.text("not_series", param="flagged",
                                       got=type(flagged).__name__))
    flagged = flagged.sort_index().fillna(False).astype(bool)
    tz = flagged.index.tz
    wins = (windows[["start", "end"]].itertuples(index=False, name=None)
            if isinstance(windows, pd.DataFrame) else windows)
    wins = [(_as_time(a, tz), _as_time(b, tz)) for a, b in wins]
    first = flagged.index[0] if probation_end is None else _as_time(probation_end, tz)
    last = flagged.index[-1] + HOUR if end is None else _as_time(end, tz)
    days = max((last - first) / pd.Timedelta(days=1), 0.0)
    hours = flagged.index[flagged.to_numpy() & (flagged.index >= first)]
    n_windows = len(wins)
    if not len(hours):
        return _finish(n_windows, 0, 0, 0, days)
    gaps = hours[1:] - hours[:-1]
    new = np.concatenate([[True], np.asarray(gaps > pd.Timedelta(minutes=merge_minutes))])
    group = np.cumsum(new) - 1
    n_alerts = int(group[-1] + 1)
    hit = np.zeros((n_alerts, max(n_windows, 1)), dtype=bool)
    for j, (a, b) in enumerate(wins):  # one step per window
        inside = (hours <= b) & (hours + HOUR > a)
        hit[np.unique(group[inside]), j] = True
    hit = hit[:, :n_windows]
    found = int(hit.any(axis=0).sum())
    false_alarms = int((~hit.any(axis=1)).sum())
    return _finish(n_windows, found, n_alerts, false_alarms, days)


def _as_time(value: object, tz: object) -> pd.Timestamp:
    t = pd.Timestamp(value)
    if tz is not None and t.tzinfo is None:
        return t.tz_localize(tz)
    if tz is None and t.tzinfo is not None:
        return t.tz_convert(None)
    return t


def probation_end(raw_index: pd.DatetimeIndex) -> pd.Timestamp:
    """First timestamp after NAB's probationary period of a raw series.

    The probationary period is the first 15 % of the raw records, at most 750.

    Examples
    --------
    >>> raw = pd.date_range("2015-01-01", periods=20_000, freq="5min")
    >>> str(probation_end(raw))
    '2015-01-03 14:30:00'
    """
    n = len(raw_index)
    k = min(int(PROBATION_SHARE * n), PROBATION_MAX)
    k = check_int("probation records", k, low=0, high=max(n - 1, 0))
    return pd.Timestamp(raw_index[k])
