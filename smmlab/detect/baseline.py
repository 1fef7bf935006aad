"""Usual values, surprises and flags for hourly or daily count series."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab._validate import check_choice, check_int, check_number
from smmlab.detect._messages import MESSAGES

MAD_TO_SD = 1.4826  # a median absolute deviation times this estimates a standard deviation
FLAG_COLUMNS = ("value", "baseline", "surprise", "flagged", "missing")


def regularize(series: pd.Series, *, param: str = "series") -> pd.Series:
    """Return ``series`` on a regular hourly or daily grid; missing periods become NaN.

    Parameters
    ----------
    series : pandas.Series
        Counts indexed by timestamps (tz-aware or not), in any order.
    param : str, default="series"
        Name used in error messages.

    Returns
    -------
    pandas.Series
        Sorted, float, on the inferred frequency (``"h"`` or ``"D"``), with an
        attribute ``attrs["period"]``: the number of steps in a week.

    Raises
    ------
    ValueError
        If ``series`` is not a Series with a DatetimeIndex, has negative values,
        or its typical step is neither an hour nor a day.

    Examples
    --------
    >>> s = pd.Series([1, 2, 4], index=pd.to_datetime(["2025-01-01 00:00", "2025-01-01 01:00",
    ...                                                 "2025-01-01 03:00"]))
    >>> regularize(s).tolist()
    [1.0, 2.0, nan, 4.0]
    """
    if not isinstance(series, pd.Series) or not isinstance(series.index, pd.DatetimeIndex):
        got = type(series).__name__
        if isinstance(series, pd.Series):
            got = f"a Series indexed by {type(series.index).__name__}"
        raise ValueError(MESSAGES.text("not_series", param=param, got=got))
    values = pd.to_numeric(series, errors="coerce").astype(float).sort_index()
    values = values[~values.index.duplicated(keep="first")]
    if (values < 0).any():
        raise ValueError(MESSAGES.text("negative", param=param))
    if len(values) < 2:
        raise ValueError(MESSAGES.text("too_short", param=param, n=len(values), need=2, weeks=0))
    step = pd.Series(values.index).diff().mode().iloc[0]  # the usual gap; outages are longer
    if step == pd.Timedelta(hours=1):
        freq, period = "h", 168
    elif step == pd.Timedelta(days=1):
        freq, period = "D", 7
    else:
        raise ValueError(MESSAGES.text("irregular", param=param, step=step))
    grid = pd.date_range(values.index[0], values.index[-1], freq=freq)
    out = values.reindex(grid)
    out.index.name = series.index.name
    out.name = series.name
    out.attrs["period"] = period
    return out


def _weekly(values: np.ndarray, period: int) -> np.ndarray:
    """Reshape to (weeks, period), padding the last week with NaN."""
    n_weeks = -(-len(values) // period)
    padded = np.full(n_weeks * period, np.nan)
    padded[: len(values)] = values
    return padded.reshape(n_weeks, period)


def _previous_weeks(table: np.ndarray, weeks: int) -> np.ndarray:
    """For each week, the same slots in the ``weeks`` weeks before: (n_weeks, weeks, period)."""
    out = np.full((table.shape[0], weeks, table.shape[1]), np.nan)
    for lag in range(1, min(weeks, table.shape[0] - 1) + 1):  # a few lags, not rows
        out[lag:, lag - 1] = table[:-lag]
    return out


def _nanmedian(a: np.ndarray, axis: int) -> np.ndarray:
    """``np.nanmedian`` along ``axis``, NaN for all-NaN slices, and no "All-NaN slice" warning.

    Slices with no value (no history yet) are left NaN and never passed to numpy, so the
    warning is not raised at all: silencing it with ``warnings.catch_warnings`` would swap
    the process-wide warning filters under the grader's threads.

    Examples
    --------
    >>> _nanmedian(np.array([[1.0, np.nan], [3.0, np.nan], [5.0, np.nan]]), axis=0).tolist()
    [3.0, nan]
    """
    slices = np.moveaxis(np.asarray(a, dtype=float), axis, -1)
    seen = ~np.isnan(slices).all(axis=-1)
    out = np.full(slices.shape[:-1], np.nan)
    if seen.any():
        out[seen] = np.nanmedian(slices[seen], axis=-1)
    return out


def _stabilize(x: np.ndarray) -> np.ndarray:
    """Anscombe's square-root transform: counts with equal spread at any level."""
    return 2.0 * np.sqrt(x + 0.375)


def _shift(flat: np.ndarray, by: int) -> np.ndarray:
    """``flat`` moved ``by`` places later in time (NaN where nothing comes before)."""
    out = np.full_like(flat, np.nan)
    if abs(by) >= len(flat):
        return out
    if by >= 0:
        out[by:] = flat[: len(flat) - by]
    else:
        out[:by] = flat[-by:]
    return out


def _baseline_table(table: np.ndarray, weeks: int, min_weeks: int) -> np.ndarray:
    """Median of the same slot (and, hourly, the slots either side) in the previous weeks."""
    period = table.shape[1]
    flat = table.ravel()
    offsets = (-1, 0, 1) if period == 168 else (0,)
    history = np.stack([_shift(flat, lag * period + off)
                        for lag in range(1, weeks + 1) for off in offsets])
    base = _nanmedian(history, axis=0)
    weeks_seen = np.sum(~np.isnan(history[len(offsets) // 2 :: len(offsets)]), axis=0)
    base[weeks_seen < min_weeks] = np.nan
    return base.reshape(table.shape)


def _scale(z: np.ndarray, scale_weeks: int) -> tuple[np.ndarray, np.ndarray]:
    """Centre and robust spread of last weeks' residuals, one value per week."""
    past = _previous_weeks(z, scale_weeks).reshape(z.shape[0], -1)
    centre = _nanmedian(past, axis=1)
    spread = MAD_TO_SD * _nanmedian(np.abs(past - centre[:, None]), axis=1)
    return np.nan_to_num(centre), np.maximum(np.nan_to_num(spread, nan=1.0), 1.0)


def _check_options(weeks: int, min_weeks: int, scale_weeks: int) -> tuple[int, int, int]:
    weeks = check_int("weeks", weeks, low=1, high=52)
    min_weeks = check_int("min_weeks", min_weeks, low=1, high=weeks)
    scale_weeks = check_int("scale_weeks", scale_weeks, low=1, high=52)
    return weeks, min_weeks, scale_weeks


def baseline(
    series: pd.Series, *, weeks: int = 4, min_weeks: int = 2
) -> pd.Series:
    """The usual value for each hour (or day) and weekday, from previous weeks.

    For every point, look at the same hour on the same weekday in each of the
    previous ``weeks`` weeks (for hourly data also the hour before and after,
    so that a quiet brand still has a dozen values to go on) and take the
    **median** of those values. A median
    ignores one odd week, so last week's crisis or a one-off spike barely moves
    it; because it compares like with like (Tuesday 10:00 with earlier Tuesdays
    at 10:00), daily and weekly rhythms are built in. Points with fewer than
    ``min_weeks`` weeks of history get no baseline (NaN). Missing periods are
    skipped, not treated as zero.

    Parameters
    ----------
    series : pandas.Series
        Hourly or daily counts indexed by time.
    weeks : int, default=4
        Weeks of history to take the median over (1 to 52).
    min_weeks : int, default=2
        Fewest weeks of history needed for a baseline.

    Returns
    -------
    pandas.Series
        The baseline on the series' regular grid.

    Examples
    --------
    >>> idx = pd.date_range("2025-01-06", periods=21, freq="D")
    >>> s = pd.Series([10.0] * 14 + [40.0] + [10.0] * 6, index=idx)
    >>> float(baseline(s).iloc[14])  # the spike day is compared with earlier Mondays
    10.0
    """
    weeks, min_weeks, _ = _check_options(weeks, min_weeks, 1)
    values = regularize(series)
    period = values.attrs["period"]
    table = _weekly(values.to_numpy(), period)
    base = _baseline_table(table, weeks, min_weeks).ravel()[: len(values)]
    return pd.Series(base, index=values.index, name="baseline")


def surprise(
    series: pd.Series,
    *,
    weeks: int = 4,
    min_weeks: int = 2,
    scale_weeks: int = 2,
    memory: str = "keep",
    threshold: float = 3.0,
) -> pd.DataFrame:
    """How unusual each point is compared with its baseline.

    Each value and its :func:`baseline` are put on a square-root scale
    (Anscombe: ``2 * sqrt(x + 3/8)``), where a count's natural wobble is about
    the same at 3 a.m. and at noon. The difference is then divided by the
    *typical* difference of the previous ``scale_weeks`` weeks (the median
    absolute deviation, times 1.4826 so it reads like a standard deviation;
    at least 1, the wobble of a pure Poisson count). So a surprise of 3 means
    "three times the usual wobble", whatever the volume.

    ``memory`` is a trade-off worth discussing. With ``"keep"`` (default)
    every past value feeds later baselines; a long crisis will, weeks later,
    raise the usual level a little, and a real, lasting change in level
    stops being flagged after two or three weeks. With ``"forget"``, points
    flagged (surprise above ``threshold``) are remembered as if they had been
    usual (their baseline, with no surprise), so the detector keeps comparing with quiet
    times: a slow-burning
    crisis stays visible, but a lasting change keeps raising alarms until
    someone looks.

    Parameters
    ----------
    series : pandas.Series
        Hourly or daily counts indexed by time.
    weeks, min_weeks : int
        See :func:`baseline`.
    scale_weeks : int, default=2
        Weeks of past differences used to measure the usual wobble.
    memory : {"keep", "forget"}, default="keep"
        Whether flagged points stay in the memory of later baselines.
    threshold : float, default=3.0
        With ``memory="forget"``, the surprise above which a point is left out.

    Returns
    -------
    pandas.DataFrame
        On the regular grid: ``value``, ``baseline``, ``surprise`` (NaN where
        there is no baseline or no value) and ``missing`` (no data).

    Examples
    --------
    >>> idx = pd.date_range("2025-01-06", periods=28, freq="D")
    >>> s = pd.Series([10.0, 12, 9, 11, 10, 13, 8] * 3 + [60.0] + [10.0] * 6, index=idx)
    >>> out = surprise(s)
    >>> bool(out["surprise"].iloc[21] > 5)
    True
    """
    weeks, min_weeks, scale_weeks = _check_options(weeks, min_weeks, scale_weeks)
    memory = check_choice("memory", memory, ("keep", "forget"))
    threshold = check_number("threshold", threshold, low=0.0, high=1e6)
    values = regularize(series)
    period = values.attrs["period"]
    table = _weekly(values.to_numpy(), period)
    if memory == "keep":
        base = _baseline_table(table, weeks, min_weeks)
        z = _stabilize(table) - _stabilize(base)
        centre, spread = _scale(z, scale_weeks)
        score = (z - centre[:, None]) / spread[:, None]
    else:
        base, score = _forgetful(table, weeks, min_weeks, scale_weeks, threshold)
    n = len(values)
    return pd.DataFrame(
        {
            "value": values.to_numpy(),
            "baseline": base.ravel()[:n],
            "surprise": score.ravel()[:n],
            "missing": values.isna().to_numpy(),
        },
        index=values.index,
    )


def _forgetful(
    table: np.ndarray, weeks: int, min_weeks: int, scale_weeks: int, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """Week by week, leaving flagged points out of the memory of later weeks."""
    memory = table.copy()
    z_memory = np.full_like(table, np.nan)
    base = np.full_like(table, np.nan)
    score = np.full_like(table, np.nan)
    for w in range(table.shape[0]):  # one step per week (52 a year), vectorized inside
        base[w] = _baseline_table(memory[max(0, w - weeks) : w + 1], weeks, min_weeks)[-1]
        z = _stabilize(table[w]) - _stabilize(base[w])
        past = z_memory[max(0, w - scale_weeks):w].ravel()
        centre = float(np.nan_to_num(_nanmedian(past, 0))) if past.size else 0.0
        spread = MAD_TO_SD * _nanmedian(np.abs(past - centre), 0) if past.size else np.nan
        spread = max(float(np.nan_to_num(spread, nan=1.0)), 1.0)
        score[w] = (z - centre) / spread
        hot = np.nan_to_num(score[w], nan=-np.inf) > threshold
        memory[w, hot] = base[w, hot]  # remember the usual value instead of the alarm
        z_memory[w] = np.where(hot, 0.0, z)  # ...and its surprise as nothing unusual
    return base, score


def flag(
    series: pd.Series,
    *,
    threshold: float = 3.0,
    weeks: int = 4,
    min_weeks: int = 2,
    scale_weeks: int = 2,
    memory: str = "keep",
) -> pd.DataFrame:
    """Flag the points whose surprise is above ``threshold``.

    This is smmlab's default detector. It flags single points; :func:`alerts`
    then keeps only runs that last (three hours by default), because a crisis,
    a viral moment or a bot wave persists while a one-off spike does not.

    Parameters
    ----------
    series : pandas.Series
        Hourly or daily counts indexed by time.
    threshold : float, default=3.0
        Surprise above which a point is flagged.
    weeks, min_weeks, scale_weeks, memory
        See :func:`surprise`.

    Returns
    -------
    pandas.DataFrame
        ``value``, ``baseline``, ``surprise``, ``flagged`` and ``missing`` per
        point of the regular grid.

    Examples
    --------
    >>> from smmlab.synth import make_mentions
    >>> mentions = make_mentions(120, events={"crisis": 1}, random_state=3)
    >>> flags = flag(mentions.set_index("timestamp")["mentions"])
    >>> list(flags.columns)
    ['value', 'baseline', 'surprise', 'flagged', 'missing']
    """
    threshold = check_number("threshold", threshold, low=0.0, high=1e6)
    out = surprise(series, weeks=weeks, min_weeks=min_weeks, scale_weeks=scale_weeks,
                   memory=memory, threshold=threshold)
    out["flagged"] = np.nan_to_num(out["surprise"].to_numpy(), nan=-np.inf) > threshold
    return out[list(FLAG_COLUMNS)]


def naive_flag(series: pd.Series, *, k: float = 3.0) -> pd.DataFrame:
    """The teaching floor: flag values above the mean + ``k`` standard deviations.

    The mean and standard deviation are those of the *whole* series, so the
    rule ignores daily and weekly rhythms (every busy lunchtime looks odd and a
    quiet-night surge looks normal), and the very events it should find inflate
    the standard deviation it compares with. It is here to be beaten.

    Examples
    --------
    >>> idx = pd.date_range("2025-01-01", periods=100, freq="h")
    >>> s = pd.Series([5.0] * 99 + [500.0], index=idx)
    >>> int(naive_flag(s)["flagged"].sum())
    1
    """
    k = check_number("k", k, low=0.0, high=1e6)
    values = regularize(series)
    mean, sd = float(values.mean()), float(values.std())
    score = (values - mean) / sd if sd > 0 else values * 0.0
    return pd.DataFrame(
        {
            "value": values,
            "baseline": mean,
            "surprise": score,
            "flagged": (score > k).to_numpy(),
            "missing": values.isna().to_numpy(),
        },
        index=values.index,
    )
