"""Daily account figures per platform: followers, growth, reach, impressions, engagement."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab._random import RandomState, child_rng, root_seed
from smmlab._validate import check_date, check_int
from smmlab.synth._calendar import AUDIENCE_WEEK_HOUR, period, yearly_season
from smmlab.synth._scenario import (
    AlgorithmChange,
    BoughtFollowers,
    check_algorithm_change,
    check_bought_followers,
)
from smmlab.synth.brand import PLATFORM_DTYPE, PLATFORMS, Brand, resolve_brand
from smmlab.synth.posts import followers_curve
from smmlab.synth.truth import Truth, events_frame

PROFILE_VISIT_RATE = 0.012
BOUGHT_PURGE_SHARE = 0.15
BOUGHT_PURGE_DAYS = 60
DAILY_NOISE_SIGMA = 0.25

COLUMNS: tuple[str, ...] = (
    "date", "platform", "followers", "new_followers", "unfollows", "profile_visits", "reach",
    "impressions", "engagements",
)  # fmt: skip


def make_account_daily(
    days: int = 365,
    *,
    brand: Brand | None = None,
    start: str | pd.Timestamp = "2025-01-01",
    bought_followers: dict | None = None,
    algorithm_change: dict | None = None,
    random_state: RandomState = None,
    return_truth: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, Truth]:
    """Generate daily account insights (one row per date and platform).

    Parameters
    ----------
    days : int, default=365
        Number of days, 1 to 3660.
    brand : Brand or None, default=None
        The brand; ``None`` draws one from ``random_state``.
    start : str or Timestamp, default="2025-01-01"
        First date.
    bought_followers : dict or None, default=None
        Plant a bought-follower burst: ``{"platform": "Instagram", "date":
        "2025-03-01", "followers": 8000, "days": 21}``. The bought followers
        arrive on a ramp over ``days``, never see or engage with posts, and
        15 % of them are purged by the platform over the next 60 days.
    algorithm_change : dict or None, default=None
        ``{"platform": ..., "date": ..., "factor": 0.6}``: from that date the
        platform's organic reach is multiplied by ``factor``.
    random_state : int, numpy.random.Generator or None, default=None
        Seed; each component has its own named child stream.
    return_truth : bool, default=False
        Also return a :class:`Truth` with the planted events and, per row,
        ``bought_new_followers`` and ``bought_unfollows``.

    Returns
    -------
    account_daily : pandas.DataFrame
        Sorted by ``date`` then ``platform``.
    truth : Truth
        Only when ``return_truth=True``.

    Notes
    -----
    Columns: ``date`` (datetime64, midnight), ``platform`` (ordered
    categorical), and int64 counts ``followers`` (at the end of the day),
    ``new_followers``, ``unfollows``, ``profile_visits``, ``reach`` (unique
    accounts reached that day), ``impressions`` and ``engagements``.

    Generative model, per platform and day *t*, with ``F_t`` the expected
    organic follower curve ``followers * exp((growth - churn) t)``:

    - ``reach_t = F_t * organic_reach_ratio * (0.5 + posts_per_week / 7) *
      audience(weekday) * season_t * algorithm_t * LogNormal(0, 0.25)``;
      bought followers are never reached.
    - ``impressions_t = reach_t + Poisson(reach_t * (frequency - 1))``;
      ``engagements_t ~ Binomial(reach_t, er_by_reach * LogNormal(0, 0.15))``;
      ``profile_visits_t ~ Binomial(reach_t, 0.012)``.
    - Organic ``new_followers_t ~ Poisson(growth * F_t * activity_t * algorithm_t)``
      where ``activity_t`` is that day's reach noise: follows track reach, so an
      algorithm change that cuts reach cuts organic follows by the same factor and
      the follows per 1,000 reached stay level (bought followers make them jump).
      ``unfollows_t ~ Poisson(churn * F_t)``; bought followers add to new followers
      and their purge to unfollows.
    - ``followers_t = followers_0 + cumsum(new_followers - unfollows)``.

    Account figures are not the sum of the posts table: account insights
    deduplicate reach across posts and include stories and profile activity.
    Not modelled: follower growth caused by paid campaigns, platform outages.

    Examples
    --------
    >>> daily = make_account_daily(90, random_state=0)
    >>> daily.groupby("platform", observed=True).size().iloc[0]
    np.int64(90)
    """
    root = root_seed(random_state)
    brand = resolve_brand(brand, root)
    start = check_date("start", start)
    days = check_int("days", days, low=1, high=3660)
    bought = check_bought_followers(bought_followers, brand, start, days)
    change = check_algorithm_change(algorithm_change, brand, start, days)

    dates = period(start, days)
    codes = np.array([PLATFORMS.index(p) for p in brand.platforms.index])
    params = brand.platforms
    col = {c: params[c].to_numpy()[:, None] for c in params.columns}
    expected = followers_curve(brand, days)[codes]  # (platforms, days)
    day_index = np.arange(days)[None, :]
    weekday = AUDIENCE_WEEK_HOUR.mean(axis=1)
    weekday = (weekday / weekday.mean())[np.asarray(dates.day_of_week)]
    algo = 1.0 if change is None else change.multiplier(codes[:, None], day_index, start)
    expected_reach = (
        expected * col["organic_reach_ratio"] * (0.5 + col["posts_per_week"] / 7)
        * weekday * yearly_season(dates) * algo
    )  # fmt: skip

    rng = child_rng(root, "account.reach")
    activity = rng.lognormal(0.0, DAILY_NOISE_SIGMA, size=expected.shape)
    reach = rng.poisson(expected_reach * activity)
    impressions = reach + rng.poisson(reach * (col["frequency"] - 1.0))
    rng = child_rng(root, "account.engagement")
    er = col["er_by_reach"] * rng.lognormal(0.0, 0.15, size=expected.shape)
    engagements = rng.binomial(reach, np.minimum(er, 1.0))
    profile_visits = rng.binomial(reach, PROFILE_VISIT_RATE)

    rng = child_rng(root, "account.followers")
    new = rng.poisson(col["follower_growth"] * expected * activity)
    lost = rng.poisson(col["follower_churn"] * expected)
    new = _follows_track_algorithm(new, col["follower_growth"] * expected * activity, algo,
                                   child_rng(root, "account.follows_algorithm"))
    bought_new, bought_lost = _bought_arrays(bought, codes, start, days, child_rng(
        root, "account.bought"))
    new += bought_new
    lost += bought_lost
    followers = col["followers"].astype(np.int64) + np.cumsum(new - lost, axis=1)

    n_platforms = len(codes)
    frame = pd.DataFrame(
        {
            "date": np.repeat(dates.to_numpy(), n_platforms),
            "platform": pd.Categorical.from_codes(np.tile(codes, days), dtype=PLATFORM_DTYPE),
            "followers": followers.T.ravel(),
            "new_followers": new.T.ravel(),
            "unfollows": lost.T.ravel(),
            "profile_visits": profile_visits.T.ravel(),
            "reach": reach.T.ravel(),
            "impressions": impressions.T.ravel(),
            "engagements": engagements.T.ravel(),
        }
    )
    if not return_truth:
        return frame
    truth = Truth(
        params={
            "platforms": params.copy(),
            "bought_followers": bought,
            "algorithm_change": change,
            "bought_purge_share": BOUGHT_PURGE_SHARE,
        },
        events=events_frame(_events(bought, change, dates, bought_new, codes), brand.timezone),
        tables={
            "account_daily": pd.DataFrame(
                {
                    "date": frame["date"],
                    "platform": frame["platform"],
                    "bought_new_followers": bought_new.T.ravel(),
                    "bought_unfollows": bought_lost.T.ravel(),
                }
            )
        },
    )
    return frame, truth


def _follows_track_algorithm(
    new: np.ndarray, rate: np.ndarray, algo: np.ndarray | float, rng: np.random.Generator
) -> np.ndarray:
    """Organic follows scaled like reach by an algorithm change (follows track reach).

    A cut (``algo < 1``) keeps each follow with probability ``algo`` (a Poisson count
    thinned this way is Poisson with the rate times ``algo``); a boost adds
    ``Poisson(rate * (algo - 1))``. Days without a change keep their draws, so the rest
    of the table does not move.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> new = np.array([[100, 100]])
    >>> out = _follows_track_algorithm(new, np.full((1, 2), 100.0), np.array([[1.0, 0.5]]), rng)
    >>> int(out[0, 0]), bool(30 < out[0, 1] < 70)
    (100, True)
    """
    algo = np.broadcast_to(np.asarray(algo, dtype=float), new.shape)
    if (algo == 1.0).all():
        return new
    out = new.copy()
    cut, boost = algo < 1.0, algo > 1.0
    out[cut] = rng.binomial(new[cut], algo[cut])
    out[boost] += rng.poisson(np.broadcast_to(rate, new.shape)[boost] * (algo[boost] - 1.0))
    return out


def _bought_arrays(
    bought: BoughtFollowers | None,
    codes: np.ndarray,
    start: pd.Timestamp,
    days: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Daily bought followers arriving, and purged later, as (platforms, days) arrays."""
    new = np.zeros((len(codes), days), dtype=np.int64)
    lost = np.zeros((len(codes), days), dtype=np.int64)
    if bought is None:
        return new, lost
    row = int(np.flatnonzero(codes == PLATFORMS.index(bought.platform))[0])
    first = (bought.date - start).days
    last = min(first + bought.days, days)
    ramp = np.arange(1, last - first + 1, dtype=float)  # deliveries accelerate, then stop
    new[row, first:last] = rng.multinomial(bought.followers, ramp / ramp.sum())
    purge_end = min(last + BOUGHT_PURGE_DAYS, days)
    if purge_end > last:
        purged = rng.binomial(int(new[row].sum()), BOUGHT_PURGE_SHARE)
        lost[row, last:purge_end] = rng.multinomial(purged, np.full(purge_end - last,
                                                                    1 / (purge_end - last)))
    return new, lost


def _events(
    bought: BoughtFollowers | None,
    change: AlgorithmChange | None,
    dates: pd.DatetimeIndex,
    bought_new: np.ndarray,
    codes: np.ndarray,
) -> list[dict]:
    rows = []
    if bought is not None:
        row = int(np.flatnonzero(codes == PLATFORMS.index(bought.platform))[0])
        delivered = np.flatnonzero(bought_new[row])
        rows.append(
            {
                "type": "bought_followers",
                "table": "account_daily",
                "platform": bought.platform,
                "start": dates[delivered[0]],
                "end": dates[delivered[-1]],
                "peak": dates[delivered[np.argmax(bought_new[row, delivered])]],
                "magnitude": float(bought_new[row].sum()),
                "description": (
                    f"{int(bought_new[row].sum()):,} followers bought on {bought.platform} over "
                    f"{len(delivered)} days; reach and engagement did not follow."
                ),
            }
        )
    if change is not None:
        rows.append(
            {
                "type": "algorithm_change",
                "table": "account_daily",
                "platform": change.platform,
                "start": change.date,
                "end": dates[-1],
                "peak": change.date,
                "magnitude": change.factor,
                "description": (
                    f"{change.platform} changed its algorithm: organic reach x{change.factor:g} "
                    f"from {change.date.date()}."
                ),
            }
        )
    return rows
