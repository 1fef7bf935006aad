"""From social to business: customer journeys to attribute, and a holdout test to measure.

Two generators:

- :func:`make_paths`: the touchpoints of every converting customer's journey (social
  platforms, search, e-mail, direct visits) and the value of the order at the end, so that
  last-click, linear and time-decay attribution give different answers;
- :func:`make_holdout`: a geo holdout test, weekly sales of regions with the ads on and of
  matched regions with the ads off, whose truth holds the revenue the ads really caused.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab._random import RandomState, child_rng, root_seed
from smmlab._validate import check_date, check_int, check_number, fail
from smmlab.synth._calendar import AUDIENCE_WEEK_HOUR, localize, yearly_season
from smmlab.synth.brand import PLATFORMS, Brand, resolve_brand
from smmlab.synth.truth import Truth

# --------------------------------------------------------------------------------------------
# Customer journeys
# --------------------------------------------------------------------------------------------

#: Channels a touchpoint can come from: the social platforms, then the others.
OTHER_CHANNELS: tuple[str, ...] = ("Search", "Email", "Direct")
PATH_CHANNELS: tuple[str, ...] = (*PLATFORMS, *OTHER_CHANNELS)
PATH_CHANNEL_DTYPE = pd.CategoricalDtype(list(PATH_CHANNELS), ordered=True)
#: Share of touches from social (all platforms together), Search, Email and Direct, by the
#: touch's position: social starts journeys, search and direct visits close them.
POSITION_MIX: dict[str, np.ndarray] = {
    "first": np.array([0.65, 0.20, 0.05, 0.10]),
    "middle": np.array([0.40, 0.25, 0.25, 0.10]),
    "last": np.array([0.15, 0.35, 0.15, 0.35]),
}
#: Extra touches before the converting one: Poisson(1.6), at most 7 (8 touches in all).
EXTRA_TOUCHES = 1.6
MAX_TOUCHES = 8
#: Mean days between two touches of a journey (exponential gaps).
MEAN_GAP_DAYS = 3.0
#: Converting customers per follower and year, when ``n_customers`` is None.
CUSTOMERS_PER_FOLLOWER_YEAR = 0.012
#: Order values: the brand's average order value x LogNormal(0, 0.4), in cents.
ORDER_SIGMA = 0.4
PATH_COLUMNS: tuple[str, ...] = ("customer_id", "touch", "timestamp", "channel", "order_value")


def make_paths(
    n_customers: int | None = None,
    *,
    brand: Brand | None = None,
    start: str | pd.Timestamp = "2025-01-01",
    days: int = 365,
    random_state: RandomState = None,
    return_truth: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, Truth]:
    """Generate the journeys of converting customers: one row per touchpoint.

    A web-analytics export of conversion paths: each customer who bought saw or clicked the
    brand a few times (an Instagram post, a Google search, a newsletter...) before the last
    touch that ended in the order. Attribution models share the order's value between the
    touches; they disagree because social tends to start journeys and search or direct
    visits tend to close them.

    Parameters
    ----------
    n_customers : int or None, default=None
        Converting customers, 1 to 1,000,000. ``None`` draws ``Poisson(0.012 x followers x
        days / 365)`` (at least 1).
    brand : Brand or None, default=None
        The brand; ``None`` draws one from ``random_state``. Its social platforms are the
        social channels of the paths.
    start : str or Timestamp, default="2025-01-01"
        First day, local time.
    days : int, default=365
        Length of the period, 1 to 3660 days. Orders fall in it; touches before ``start``
        (the journey began before tracking) are dropped.
    random_state : int, numpy.random.Generator or None, default=None
        Seed; each component has its own named child stream.
    return_truth : bool, default=False
        Also return a :class:`Truth` with the channel mixes by position, the gap and touch
        parameters in ``params``, and one row per customer (``customer_id``, ``touches``,
        ``order_value``, ``converted_at``) in ``tables["paths"]``.

    Returns
    -------
    paths : pandas.DataFrame
        One row per touch, sorted by customer and touch:

        ===========  ======================  ==============================================
        customer_id  int64                   1 to n, in the order of the orders
        touch        int64                   1, 2, ... within the customer's journey
        timestamp    datetime64[us, tz]      when the touch happened, brand's time zone
        channel      ordered category        a social platform, Search, Email or Direct
        order_value  float64                 the order's value on the last touch (which
                                             is the order), missing (NaN) on the others
        ===========  ======================  ==============================================

        Each customer has exactly one order, on their last touch; timestamps increase with
        ``touch``.
    truth : Truth
        Only when ``return_truth=True``.

    Notes
    -----
    Generative model, one named random stream per step:

    1. Orders: each falls in an hour of the period with probability proportional to the
       audience's weekday x hour cycle and the yearly season, uniformly within the hour.
    2. Touches: ``1 + min(Poisson(1.6), 7)`` per customer; the gaps between consecutive
       touches, going back from the order, are ``Exponential(3 days)``. Touches before
       ``start`` are dropped (at least the order remains).
    3. Channels: the first touch is social 65 %, Search 20 %, Email 5 %, Direct 10 %; middle
       touches 40/25/25/10; the last touch 15/35/15/35 (a one-touch journey uses the last
       touch's mix). A social touch is on a platform in proportion to its followers.
    4. Order value: the brand's average order value x ``LogNormal(0, 0.4)``, in cents.

    Not modelled: customers who did not buy (these are conversion paths only), repeat
    orders, cross-device gaps, view-through touches, ads vs organic within a platform.

    Examples
    --------
    >>> paths = make_paths(200, random_state=0)
    >>> paths.columns.tolist()
    ['customer_id', 'touch', 'timestamp', 'channel', 'order_value']
    >>> int(paths["order_value"].notna().sum()), int(paths["customer_id"].nunique())
    (200, 200)
    """
    root = root_seed(random_state)
    brand = resolve_brand(brand, root)
    start = check_date("start", start)
    days = check_int("days", days, low=1, high=3660)
    if n_customers is not None:
        n_customers = check_int("n_customers", n_customers, low=1, high=1_000_000)
    if not isinstance(return_truth, bool | np.bool_):
        fail("return_truth", return_truth, "type", expected="True or False")
    tz = brand.timezone
    followers = brand.platforms["followers"].to_numpy(dtype=float)
    if n_customers is None:
        drawn = child_rng(root, "paths.count").poisson(
            CUSTOMERS_PER_FOLLOWER_YEAR * followers.sum() * days / 365)
        n_customers = int(min(max(drawn, 1), 1_000_000))
    n = n_customers

    # 1. When each order happened, in seconds since the period's first local midnight.
    first = localize(start, tz)
    n_hours = int((localize(start + pd.Timedelta(days=days), tz) - first) / pd.Timedelta("1h"))
    local = pd.date_range(first, periods=n_hours, freq="h").tz_localize(None)
    weight = AUDIENCE_WEEK_HOUR[local.day_of_week, local.hour] * yearly_season(local)
    rng = child_rng(root, "paths.orders")
    hour = rng.choice(n_hours, size=n, p=weight / weight.sum())
    order_second = np.sort(hour * 3600 + rng.integers(0, 3600, size=n))

    # 2. Touches: counted back from the order (lag 0 is the order itself).
    rng = child_rng(root, "paths.touches")
    k = 1 + np.minimum(rng.poisson(EXTRA_TOUCHES, size=n), MAX_TOUCHES - 1)
    owner = np.repeat(np.arange(n), k)
    ends = np.cumsum(k)
    back = np.arange(owner.size) - np.repeat(ends - k, k)  # 0 = first touch, in time order
    steps_before_order = np.repeat(k, k) - 1 - back  # 0 for the order
    gaps = np.rint(rng.exponential(MEAN_GAP_DAYS * 86400, size=owner.size))
    gaps[steps_before_order == 0] = 0  # gap from each touch to the next one
    running = np.cumsum(gaps)
    lag = running[np.repeat(ends - 1, k)] - running + gaps  # seconds from touch to order
    touch_second = order_second[owner] - lag.astype(np.int64)

    # 3. Channels by position.
    position = np.where(steps_before_order == 0, 2, np.where(back == 0, 0, 1))
    mix = np.stack([POSITION_MIX["first"], POSITION_MIX["middle"], POSITION_MIX["last"]])
    rng = child_rng(root, "paths.channels")
    kind = (rng.random(owner.size)[:, None] > np.cumsum(mix[position], axis=1)[:, :-1]).sum(
        axis=1)  # 0 social, 1 Search, 2 Email, 3 Direct
    platform_codes = np.array([PLATFORMS.index(p) for p in brand.platforms.index])
    platform = platform_codes[rng.choice(len(followers), size=owner.size,
                                         p=followers / followers.sum())]
    channel = np.where(kind == 0, platform, len(PLATFORMS) + kind - 1)

    # 4. Order values, on the order's row.
    value = np.round(brand.order_value * child_rng(root, "paths.values").lognormal(
        0.0, ORDER_SIGMA, size=n), 2)
    keep = touch_second >= 0
    touch_number = np.zeros(owner.size, dtype=np.int64)
    kept_owner = owner[keep]
    kept_back = back[keep]
    # renumber kept touches 1..m within each customer (dropped ones are the earliest)
    dropped = np.bincount(owner[~keep], minlength=n)
    touch_number[keep] = kept_back - dropped[kept_owner] + 1
    order_value = np.where(steps_before_order == 0, value[owner], np.nan)

    origin = first.tz_convert("UTC").tz_localize(None).to_datetime64().astype("datetime64[s]")
    stamps = pd.DatetimeIndex(origin + touch_second[keep].astype("timedelta64[s]")).as_unit("us")
    frame = pd.DataFrame({
        "customer_id": (kept_owner + 1).astype(np.int64),
        "touch": touch_number[keep],
        "timestamp": stamps.tz_localize("UTC").tz_convert(tz),
        "channel": pd.Categorical.from_codes(channel[keep], dtype=PATH_CHANNEL_DTYPE),
        "order_value": order_value[keep],
    })
    if not return_truth:
        return frame
    converted = pd.DatetimeIndex(origin + order_second.astype("timedelta64[s]")).as_unit("us")
    truth = Truth(
        params={
            "position_mix": pd.DataFrame(mix, index=["first", "middle", "last"],
                                         columns=["social", *OTHER_CHANNELS]),
            "extra_touches": EXTRA_TOUCHES,
            "max_touches": MAX_TOUCHES,
            "mean_gap_days": MEAN_GAP_DAYS,
        },
        tables={"paths": pd.DataFrame({
            "customer_id": np.arange(1, n + 1, dtype=np.int64),
            "touches": np.bincount(kept_owner, minlength=n).astype(np.int64),
            "order_value": value,
            "converted_at": converted.tz_localize("UTC").tz_convert(tz),
        })},
    )
    return frame, truth


# --------------------------------------------------------------------------------------------
# Holdout test
# --------------------------------------------------------------------------------------------

GROUP_DTYPE = pd.CategoricalDtype(["ads on", "ads off"], ordered=True)
HOLDOUT_COLUMNS: tuple[str, ...] = ("group", "week", "sales", "spend", "attributed_revenue")
#: Weekly ad spend of the test regions, before noise, per follower (the course's scale).
SPEND_PER_FOLLOWER_WEEK = 0.01
#: Ad-caused revenue as a share of the test regions' usual sales: U(0.06, 0.18).
INCREMENTAL_SHARE = (0.06, 0.18)
#: Week-to-week noise of each group's sales (coefficient of variation).
WEEKLY_NOISE = 0.025


def make_holdout(
    n_weeks: int = 8,
    *,
    brand: Brand | None = None,
    start: str | pd.Timestamp = "2025-09-01",
    incremental_roas: float | None = None,
    attributed_roas: float | None = None,
    random_state: RandomState = None,
    return_truth: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, Truth]:
    """Generate a geo holdout test: weekly sales of regions with the ads on and with them off.

    The brand split its regions into two matched halves and, for ``n_weeks`` weeks, ran its
    social ads in one half only. The difference in sales is what the ads caused
    (incremental revenue); the ad platforms meanwhile reported their own, larger, attributed
    revenue for the regions with the ads.

    Parameters
    ----------
    n_weeks : int, default=8
        Length of the test, 2 to 52 weeks.
    brand : Brand or None, default=None
        The brand; ``None`` draws one from ``random_state``.
    start : str or Timestamp, default="2025-09-01"
        First day of the test (week 1 starts then).
    incremental_roas : float or None, default=None
        True incremental revenue per euro of ads, 0 to 20. ``None`` draws ``U(0.6, 2.0)``.
    attributed_roas : float or None, default=None
        Revenue per euro the ad platforms report, 0 to 50 (at least ``incremental_roas``).
        ``None`` draws ``incremental_roas x U(1.4, 2.5)``.
    random_state : int, numpy.random.Generator or None, default=None
        Seed; each component has its own named child stream.
    return_truth : bool, default=False
        Also return a :class:`Truth`: the ROAS, the usual weekly sales and
        ``incremental_per_week`` (the mean true incremental revenue per week of ads) in
        ``params``, and each week's true incremental revenue in ``tables["holdout"]``.

    Returns
    -------
    holdout : pandas.DataFrame
        One row per group and week, sorted by group then week:

        ==================  ================  ============================================
        group               ordered category  "ads on" or "ads off"
        week                int64             1 to n_weeks
        sales               float64           the group's sales that week (all channels)
        spend               float64           ad spend that week (0 with the ads off)
        attributed_revenue  float64           revenue the platforms credit to the ads
                                              (0 with the ads off)
        ==================  ================  ============================================

    truth : Truth
        Only when ``return_truth=True``.

    Notes
    -----
    Generative model, one named random stream per step:

    1. Spend: ``0.01 x followers x LogNormal(0, 0.15)`` a week in the test regions.
    2. Incremental revenue of week ``w``: ``incremental_roas x spend_w``.
    3. Usual sales of each half: the mean incremental revenue divided by ``U(0.06, 0.18)``
       (the ads cause 6-18 % of sales), times the yearly season, the same for both halves.
    4. Sales: usual sales x ``Normal(1, 0.025)`` per group and week, plus the incremental
       revenue in the "ads on" group.
    5. Attributed revenue: ``attributed_roas x spend_w x LogNormal(0, 0.1)``.

    Not modelled: spill-over between regions (people travel), halves that are not matched,
    carry-over after the ads stop.

    Examples
    --------
    >>> test = make_holdout(6, random_state=0)
    >>> test.columns.tolist()
    ['group', 'week', 'sales', 'spend', 'attributed_revenue']
    >>> float(test.loc[test["group"] == "ads off", "spend"].sum())
    0.0
    """
    root = root_seed(random_state)
    brand = resolve_brand(brand, root)
    start = check_date("start", start)
    n_weeks = check_int("n_weeks", n_weeks, low=2, high=52)
    if not isinstance(return_truth, bool | np.bool_):
        fail("return_truth", return_truth, "type", expected="True or False")
    rng = child_rng(root, "holdout.roas")
    drawn_iroas, drawn_inflation = rng.uniform(0.6, 2.0), rng.uniform(1.4, 2.5)
    if incremental_roas is None:
        incremental_roas = float(drawn_iroas)
    incremental_roas = check_number("incremental_roas", incremental_roas, low=0.0, high=20.0)
    if attributed_roas is None:
        attributed_roas = incremental_roas * float(drawn_inflation)
    attributed_roas = check_number("attributed_roas", attributed_roas,
                                   low=incremental_roas, high=50.0)

    followers = float(brand.platforms["followers"].sum())
    spend = np.round(SPEND_PER_FOLLOWER_WEEK * followers
                     * child_rng(root, "holdout.spend").lognormal(0.0, 0.15, size=n_weeks), 2)
    incremental = incremental_roas * spend
    mondays = pd.DatetimeIndex([start + pd.Timedelta(weeks=w) for w in range(n_weeks)])
    season = yearly_season(mondays)
    share = child_rng(root, "holdout.usual").uniform(*INCREMENTAL_SHARE)
    usual_level = float(incremental.mean() / share) if incremental.mean() > 0 else (
        SPEND_PER_FOLLOWER_WEEK * followers / share)
    usual = usual_level * season / season.mean()
    noise = 1 + WEEKLY_NOISE * child_rng(root, "holdout.sales").standard_normal((2, n_weeks))
    sales = np.round(usual[None, :] * noise + np.stack([incremental, np.zeros(n_weeks)]), 2)
    attributed = np.round(attributed_roas * spend * child_rng(root, "holdout.attributed")
                          .lognormal(0.0, 0.1, size=n_weeks), 2)
    frame = pd.DataFrame({
        "group": pd.Categorical.from_codes(np.repeat([0, 1], n_weeks), dtype=GROUP_DTYPE),
        "week": np.tile(np.arange(1, n_weeks + 1, dtype=np.int64), 2),
        "sales": sales.ravel(),
        "spend": np.concatenate([spend, np.zeros(n_weeks)]),
        "attributed_revenue": np.concatenate([attributed, np.zeros(n_weeks)]),
    })
    if not return_truth:
        return frame
    truth = Truth(
        params={
            "incremental_roas": incremental_roas,
            "attributed_roas": attributed_roas,
            "incremental_share": float(share),
            "usual_weekly_sales": usual_level,
            "incremental_per_week": float(incremental.mean()),
            "start": start,
        },
        tables={"holdout": pd.DataFrame({"week": np.arange(1, n_weeks + 1, dtype=np.int64),
                                         "spend": spend, "incremental": incremental})},
    )
    return frame, truth


__all__ = ["PATH_CHANNELS", "make_holdout", "make_paths"]
