"""Lasting changes: a level shift (algorithm change) and followers nobody reached (bought)."""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pandas as pd

from smmlab._validate import check_int, check_number
from smmlab.detect._messages import MESSAGES
from smmlab.detect.alerts import _runs
from smmlab.detect.baseline import MAD_TO_SD, regularize


class IncompleteDataWarning(UserWarning):
    """Some platforms or days were left out because the data lacks a column they need."""


AUDIT_COLUMNS = (
    "platform", "start", "end", "days", "gained", "expected", "excess", "reach_change",
    "engagement_change", "reason",
)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class ChangePoint:
    """The strongest single change in level of a series.

    Attributes
    ----------
    date : pandas.Timestamp
        First point of the new level.
    before, after : float
        Typical level before and after (geometric means when ``log=True``).
    change : float
        ``after / before - 1``.
    strength : float
        The shift divided by its standard error from day-to-day noise.
    significant : bool
        ``strength >= min_strength`` and ``|change| >= min_change``.
    """

    date: pd.Timestamp
    before: float
    after: float
    change: float
    strength: float
    significant: bool

    def explanation(self) -> str:
        """One plain sentence about the change.

        Examples
        --------
        >>> ChangePoint(pd.Timestamp("2025-06-01"), 0.1, 0.06, -0.4, 12.0, True).explanation()
        'The level changed on 2025-06-01: from 0.1 to 0.06 (-40%), 12.0 times larger than day-to-day noise.'
        """  # noqa: E501
        key = "change_found" if self.significant else "change_none"
        return MESSAGES.text(key, date=f"{self.date:%Y-%m-%d}", before=self.before,
                             after=self.after, change=self.change, strength=self.strength)


def changepoint(
    series: pd.Series,
    *,
    min_size: int = 14,
    log: bool = True,
    min_strength: float = 6.0,
    min_change: float = 0.1,
) -> ChangePoint:
    """Find the one date where the level of a daily series shifted most.

    Typical use: the organic reach ratio (reach / followers) of one platform,
    to see whether and when an algorithm change cut it. The method:

    1. take logs (so a change reads as a percentage) and remove the usual
       weekday pattern (each weekday's median);
    2. for every possible date, compare the mean before with the mean after,
       keeping at least ``min_size`` days on each side, and take the date that
       splits the series into the two most different halves (least squares,
       computed with running sums);
    3. measure day-to-day noise robustly (median absolute day-to-day change)
       and call the shift significant when it is at least ``min_strength``
       standard errors and ``min_change`` (10 %) in size.

    Parameters
    ----------
    series : pandas.Series
        Daily values indexed by date (hourly data is summed per day first).
    min_size : int, default=14
        Fewest days on each side of the change.
    log : bool, default=True
        Work on logarithms (needs positive values).
    min_strength, min_change : float
        Thresholds for ``significant``.

    Returns
    -------
    ChangePoint

    Examples
    --------
    >>> idx = pd.date_range("2025-01-01", periods=120, freq="D")
    >>> noise = np.random.default_rng(0).normal(0, 0.05, 120)
    >>> s = pd.Series(np.exp(np.where(np.arange(120) < 70, np.log(0.12), np.log(0.07)) + noise),
    ...               index=idx)
    >>> cp = changepoint(s)
    >>> cp.date.date(), cp.significant
    (datetime.date(2025, 3, 12), True)
    """
    min_size = check_int("min_size", min_size, low=2, high=10_000)
    min_strength = check_number("min_strength", min_strength, low=0.0, high=1e6)
    min_change = check_number("min_change", min_change, low=0.0, high=1e6)
    values = regularize(series)
    if values.attrs["period"] == 168:
        values = values.resample("D").sum(min_count=1)
    values = values.dropna()
    if log:
        values = values[values > 0]
    n = len(values)
    if n < 2 * min_size:
        raise ValueError(MESSAGES.text("too_short", param="series", n=n, need=2 * min_size,
                                       weeks=round(2 * min_size / 7, 1)))
    x = np.log(values.to_numpy()) if log else values.to_numpy(dtype=float)
    weekday = np.asarray(values.index.day_of_week)
    typical = pd.Series(x).groupby(weekday).transform("median").to_numpy()
    y = x - typical + np.median(x)
    total = np.cumsum(y)
    k = np.arange(min_size, n - min_size + 1)
    left, right = total[k - 1], total[-1] - total[k - 1]
    gain = left**2 / k + right**2 / (n - k)  # between-halves sum of squares, up to a constant
    best = int(k[np.argmax(gain)])
    mean_before, mean_after = y[:best].mean(), y[best:].mean()
    noise = MAD_TO_SD * np.median(np.abs(np.diff(y) - np.median(np.diff(y)))) / np.sqrt(2)
    noise = max(noise, 1e-12)
    strength = abs(mean_after - mean_before) / (noise * np.sqrt(1 / best + 1 / (n - best)))
    level = np.exp if log else (lambda v: v)
    before, after = float(level(mean_before)), float(level(mean_after))
    change = after / before - 1 if before else np.nan
    return ChangePoint(
        date=values.index[best],
        before=before,
        after=after,
        change=float(change),
        strength=float(strength),
        significant=bool(strength >= min_strength and abs(change) >= min_change),
    )


def _change(during: np.ndarray, before: np.ndarray) -> float:
    """Relative change of the mean, NaN (quietly) when the level before was 0.

    Examples
    --------
    >>> _change(np.array([3.0]), np.array([2.0])), bool(np.isnan(_change(np.ones(2), np.zeros(2))))
    (0.5, True)
    """
    base = float(before.mean())
    return float(during.mean()) / base - 1 if base > 0 else np.nan


def follower_audit(
    account_daily: pd.DataFrame,
    *,
    factor: float = 3.0,
    min_days: int = 3,
    max_gap: int = 3,
) -> pd.DataFrame:
    """Find stretches of follower growth that reach and engagement do not explain.

    Real followers mostly arrive after seeing content, so new followers track
    reach. For each platform the typical follows per account reached is the
    median of ``new_followers / reach`` over the period. A day is suspicious
    when new followers exceed ``factor`` times what reach explains (plus three
    Poisson standard deviations). Suspicious days at most ``max_gap`` days
    apart are merged, and stretches of at least ``min_days`` days are
    reported, with how reach and engagements moved meanwhile compared with the
    four weeks before.

    Parameters
    ----------
    account_daily : pandas.DataFrame
        The daily account table: ``date``, ``platform``, ``new_followers``,
        ``reach``, ``engagements``.
    factor : float, default=3.0
        How many times the explained growth counts as suspicious.
    min_days, max_gap : int
        Shortest stretch to report, and gap allowed inside one.

    Returns
    -------
    pandas.DataFrame
        One row per suspicious stretch: ``platform``, ``start``, ``end``,
        ``days``, ``gained``, ``expected``, ``excess``, ``reach_change``,
        ``engagement_change`` and a plain ``reason``.

    Raises
    ------
    ValueError
        If ``account_daily`` lacks a column, or no day has both ``new_followers``
        and ``reach`` (an import whose exports give neither for one platform).

    Warns
    -----
    IncompleteDataWarning
        Naming the platforms and days left out because ``new_followers`` or
        ``reach`` is missing there (imported exports): they are not checked.

    Examples
    --------
    >>> from smmlab.synth import make_account_daily
    >>> daily = make_account_daily(180, random_state=1, bought_followers={
    ...     "platform": "Instagram", "date": "2025-03-01", "followers": 6000, "days": 14})
    >>> audit = follower_audit(daily)
    >>> audit["platform"].astype(str).tolist(), str(audit["start"].iloc[0].date()) >= "2025-03-01"
    (['Instagram'], True)
    """
    needed = ["date", "platform", "new_followers", "reach", "engagements"]
    if not isinstance(account_daily, pd.DataFrame) or not set(needed) <= set(account_daily):
        have = list(account_daily.columns) if isinstance(account_daily, pd.DataFrame) else "none"
        raise ValueError(MESSAGES.text("missing_columns", param="account_daily", needed=needed,
                                       have=have))
    factor = check_number("factor", factor, low=1.0, high=1e6)
    min_days = check_int("min_days", min_days, low=1, high=3660)
    max_gap = check_int("max_gap", max_gap, low=0, high=3660)
    account_daily, lacking = _checkable(account_daily)
    if lacking:
        text = "; ".join(lacking)
        if account_daily.empty:
            raise ValueError(MESSAGES.text("audit_nothing", lacking=text))
        warnings.warn(MESSAGES.text("audit_left_out", lacking=text), IncompleteDataWarning,
                      stacklevel=2)
    rows = []
    for platform, day in account_daily.sort_values("date").groupby("platform", observed=True):
        rows += _audit_platform(platform, day.reset_index(drop=True), factor, min_days, max_gap)
    out = pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))
    if "platform" in account_daily and isinstance(account_daily["platform"].dtype,
                                                  pd.CategoricalDtype):
        out["platform"] = out["platform"].astype(account_daily["platform"].dtype)
    return out


def _checkable(account_daily: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The days the audit can judge (new followers and reach known), and what it left out.

    Imported exports lack columns for whole platforms (TikTok's overview has no new
    followers, X's no reach): those days are left out and named, never taken as 0.

    Examples
    --------
    >>> daily = pd.DataFrame({"platform": ["X", "X", "TikTok"], "new_followers": [3, 4, 5],
    ...                       "reach": [None, None, 900]})
    >>> kept, lacking = _checkable(daily)
    >>> len(kept), lacking
    (1, ['X: 2 of 2 days without reach'])
    """
    needed = ["new_followers", "reach"]
    missing = account_daily[needed].isna()
    lacking = []
    for platform, part in missing.groupby(account_daily["platform"].to_numpy(), sort=False):
        bad = part.any(axis=1)
        if bad.any():
            columns = ", ".join(c for c in needed if part[c].any())
            lacking.append(MESSAGES.text("audit_platform_days", platform=platform,
                                         days=int(bad.sum()), of=len(part), columns=columns))
    return account_daily[~missing.any(axis=1)], lacking


def _audit_platform(platform: str, day: pd.DataFrame, factor: float, min_days: int,
                    max_gap: int) -> list[dict]:
    new = day["new_followers"].to_numpy(dtype=float)
    reach = day["reach"].to_numpy(dtype=float)
    engagements = day["engagements"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = float(np.nanmedian(np.where(reach > 0, new / reach, np.nan)))
    expected = rate * reach
    suspicious = new > factor * expected + 3 * np.sqrt(np.maximum(expected, 1.0))
    starts, stops = _runs(suspicious)
    if not len(starts):
        return []
    new_group = np.concatenate([[True], starts[1:] - stops[:-1] > max_gap + 1])
    last_run = np.concatenate([new_group[1:], [True]])
    rows = []
    for a, b in zip(starts[new_group], stops[last_run], strict=True):
        if b - a < min_days:
            continue
        before = slice(max(0, a - 28), a)
        reach_change = _change(reach[a:b], reach[before]) if a > 0 else np.nan
        eng_change = _change(engagements[a:b], engagements[before]) if a > 0 else np.nan
        gained, exp_gain = int(new[a:b].sum()), float(expected[a:b].sum())
        start, end = day["date"].iloc[a], day["date"].iloc[b - 1]
        rows.append({
            "platform": platform, "start": start, "end": end, "days": int(b - a),
            "gained": gained, "expected": exp_gain, "excess": gained - exp_gain,
            "reach_change": reach_change, "engagement_change": eng_change,
            "reason": MESSAGES.text("audit_reason", platform=platform, gained=gained,
                                    start=f"{start:%Y-%m-%d}", end=f"{end:%Y-%m-%d}",
                                    excess=round(gained - exp_gain), reach_change=reach_change,
                                    engagement_change=eng_change),
        })
    return rows
