"""Reference detectors to compare with: the simple seasonal z-score of issue 13."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab._validate import check_int, check_number
from smmlab.detect.baseline import _nanmedian, _shift, regularize


def seasonal_zscore_flag(series: pd.Series, *, days: int = 7, threshold: float = 5.0
                         ) -> pd.DataFrame:
    """A simple seasonal z-score: the benchmark's baseline to beat.

    For each hour, the *excess* is its count minus the median of the same hour of day in
    the previous ``days`` days (as many as there are); the surprise is the excess divided
    by the standard deviation of all earlier excesses; hours above ``threshold`` are
    flagged. (For daily series, the same weekday in the previous ``days`` weeks.)

    Parameters
    ----------
    series : pandas.Series
        Hourly or daily counts indexed by time.
    days : int, default=7
        Days of history for the usual value.
    threshold : float, default=5
        Surprise above which an hour is flagged.

    Returns
    -------
    pandas.DataFrame
        ``value``, ``baseline``, ``surprise``, ``flagged`` and ``missing``, like
        :func:`smmlab.detect.flag`.

    Examples
    --------
    >>> idx = pd.date_range("2025-01-01", periods=24 * 14, freq="h")
    >>> rng = np.random.default_rng(0)
    >>> s = pd.Series(rng.poisson(20, len(idx)).astype(float), index=idx)
    >>> s.iloc[300] = 200.0
    >>> flags = seasonal_zscore_flag(s)
    >>> flags.index[flags["flagged"]].tolist() == [idx[300]]
    True
    """
    days = check_int("days", days, low=1, high=366)
    threshold = check_number("threshold", threshold, low=0.0, high=1e6)
    values = regularize(series)
    step = 24 if values.attrs["period"] == 168 else 7
    x = values.to_numpy()
    history = np.stack([_shift(x, k * step) for k in range(1, days + 1)])
    base = _nanmedian(history, axis=0)
    excess = x - base
    ok = ~np.isnan(excess)
    # standard deviation of all earlier excesses (running sums, population sd)
    e = np.where(ok, excess, 0.0)
    n = np.cumsum(ok) - ok
    s1 = np.cumsum(e) - e
    s2 = np.cumsum(e * e) - e * e
    with np.errstate(invalid="ignore", divide="ignore"):
        var = s2 / n - (s1 / n) ** 2
        sd = np.sqrt(np.maximum(var, 0.0))
        score = np.where((n >= 2) & (sd > 0), excess / sd, np.nan)
    return pd.DataFrame(
        {
            "value": x,
            "baseline": base,
            "surprise": score,
            "flagged": np.nan_to_num(score, nan=-np.inf) > threshold,
            "missing": np.isnan(x),
        },
        index=values.index,
    )
