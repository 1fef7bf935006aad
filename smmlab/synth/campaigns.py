"""Paid social campaigns: daily delivery per ad set, and the true incremental return behind it."""

from __future__ import annotations

import weakref
from collections.abc import Callable

import numpy as np
import pandas as pd

from smmlab._random import RandomState, child_rng, root_seed
from smmlab._validate import check_choice, check_date, check_int, check_number
from smmlab.synth._calendar import period, yearly_season
from smmlab.synth.brand import (
    DEFAULT_PLATFORM_PARAMS,
    PLATFORM_DTYPE,
    PLATFORMS,
    Brand,
    resolve_brand,
)
from smmlab.synth.truth import Truth

#: Platforms the brand buys ads on (when it is on them).
AD_CHANNELS: tuple[str, ...] = ("Instagram", "Facebook", "TikTok", "LinkedIn", "YouTube")
OBJECTIVES: tuple[str, ...] = ("awareness", "traffic", "conversions")
OBJECTIVE_DTYPE = pd.CategoricalDtype(list(OBJECTIVES))

#: Ad sets of every channel: (campaign suffix, objective, ad set, budget share, always on,
#: CPM factor, CTR factor, frequency, conversion-rate factor, attribution inflation). Platforms
#: over-credit retargeting most: those people were about to buy anyway.
_AD_SETS = (
    ("Sales (always on)", "conversions", "Lookalike audience", 0.45, True, 1.1, 1.1, 1.5, 1.0, 1.6),
    ("Sales (always on)", "conversions", "Retargeting", 0.20, True, 1.6, 1.8, 2.6, 3.0, 4.0),
    ("Awareness (flights)", "awareness", "Broad audience", 0.35, False, 0.8, 0.6, 1.3, 0.4, 1.3),
)
_CHANNEL_BUDGET = {"Instagram": 60.0, "Facebook": 60.0, "TikTok": 35.0, "LinkedIn": 40.0,
                   "YouTube": 30.0}
BURN_IN_DAYS = 28
BUDGET_PERIOD_DAYS = 28
MIN_DAILY_BUDGET = 1.0  # the smallest daily budget ad platforms accept, roughly
#: ``flights="seasonal"``: the retail calendar of brand-wide awareness pushes, every year
#: (month-day, first and last day included): spring, summer sales, back to school, and the
#: holiday season, which starts on 16 October (so the first half of October has none).
SEASONAL_FLIGHTS: tuple[tuple[str, str], ...] = (
    ("03-01", "04-15"), ("06-01", "07-10"), ("09-01", "09-30"), ("10-16", "12-20"),
)
FLIGHTS: tuple[str, ...] = ("random", "seasonal")
#: The channel with the best average ROAS is the one the money already went to: at the
#: period's average daily spend its next euro brings back this share (drawn uniformly) of the
#: best marginal ROAS of the other channels, or less.
SATURATION_RATIO = (0.45, 0.7)
#: At the same spend, every channel's next euro earns at most this share of its average one
#: (returns diminish: no channel sits on the rising start of an S-shaped curve).
DIMINISHING = 0.95

COLUMNS: tuple[str, ...] = (
    "date", "channel", "campaign", "objective", "ad_set", "daily_budget", "spend", "impressions",
    "reach", "clicks", "conversions", "revenue",
)  # fmt: skip


def adstock(spend: np.ndarray, theta: np.ndarray | float) -> np.ndarray:
    """Geometric adstock along the last axis: ``a_t = x_t + theta * a_{t-1}``.

    Part of today's effect comes from earlier days' ads; ``theta`` is the share
    carried over each day (0 to 0.3 for digital media, Robyn's rule of thumb).
    Computed lag by lag (a truncated geometric kernel, up to the lag where
    ``theta**lag`` falls below 1e-12), vectorized over days and series.

    Examples
    --------
    >>> adstock(np.array([10.0, 0.0, 0.0]), 0.5).tolist()
    [10.0, 5.0, 2.5]
    """
    spend = np.asarray(spend, dtype=float)
    theta = np.asarray(theta, dtype=float)
    if theta.ndim:
        theta = theta[:, None]
    top = float(np.max(theta))
    if top <= 0:
        return spend.copy()
    lags = min(spend.shape[-1], int(np.ceil(np.log(1e-12) / np.log(min(top, 0.999)))))
    out = spend.copy()
    weight = np.ones_like(theta)
    for lag in range(1, lags):  # one vector operation per lag, not per day
        weight = weight * theta
        out[..., lag:] += weight * spend[..., :-lag]
    return out


def hill(x: np.ndarray, alpha: np.ndarray | float, gamma: np.ndarray | float) -> np.ndarray:
    """Hill saturation ``x^alpha / (x^alpha + gamma^alpha)``, between 0 and 1.

    ``gamma`` is the (adstocked) spend at which half the maximum effect is
    reached; ``alpha`` sets the shape (above 1: S-shaped).

    Examples
    --------
    >>> float(hill(np.array(50.0), 1.0, 50.0))
    0.5
    """
    xa = np.power(np.maximum(x, 0.0), alpha)
    return xa / (xa + np.power(gamma, alpha))


def response_curve(truth: Truth, channel: str, daily_spend: np.ndarray | float) -> np.ndarray:
    """Expected incremental revenue per day if ``channel`` spent ``daily_spend`` every day.

    Uses the true parameters in ``truth.params["ad_sets"]``: the spend is split
    across the channel's ad sets in their budget shares, at steady-state adstock
    ``x / (1 - theta)``. This is the known response curve a budget lesson
    reallocates along.

    Parameters
    ----------
    truth : Truth
        From ``make_campaigns(..., return_truth=True)``.
    channel : str
        One of the channels in the campaigns table.
    daily_spend : float or array
        Daily spend for the whole channel.

    Returns
    -------
    numpy.ndarray
        Expected incremental revenue per day, same shape as ``daily_spend``.

    Examples
    --------
    >>> _, truth = make_campaigns(60, random_state=0, return_truth=True)
    >>> curve = response_curve(truth, "Instagram", np.array([0.0, 50.0, 100.0]))
    >>> bool(curve[0] == 0 and curve[2] - curve[1] < curve[1] - curve[0])
    True
    """
    curves = _curve_params(truth.params["ad_sets"])
    if channel not in curves:
        check_choice("channel", channel, list(curves))
    share, theta, alpha, gamma, beta = curves[channel]
    steady = np.asarray(daily_spend, dtype=float)[..., None] * share / (1.0 - theta)
    return (beta * hill(steady, alpha, gamma)).sum(axis=-1)


#: Per ad-set table (by id, dropped with the table): the arrays response_curve reads.
_CURVES: dict[int, dict[str, tuple[np.ndarray, ...]]] = {}


def _curve_params(sets: pd.DataFrame) -> dict[str, tuple[np.ndarray, ...]]:
    """Each channel's ad-set arrays (share, theta, alpha, gamma, beta), read once per table."""
    key = id(sets)
    curves = _CURVES.get(key)
    if curves is None:
        curves = {
            str(channel): tuple(rows[c].to_numpy(dtype=float)
                                for c in ("share", "theta", "alpha", "gamma", "beta"))
            for channel, rows in sets.groupby(sets["channel"].astype(str), sort=False)
        }
        _CURVES[key] = curves
        weakref.finalize(sets, _CURVES.pop, key, None)
    return curves


def make_campaigns(
    days: int = 365,
    *,
    brand: Brand | None = None,
    start: str | pd.Timestamp = "2025-01-01",
    budget_scale: float = 1.0,
    flights: str = "random",
    plan_month: str | pd.Timestamp | None = None,
    random_state: RandomState = None,
    return_truth: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, Truth]:
    """Generate daily paid-social delivery per channel, campaign and ad set.

    Parameters
    ----------
    days : int, default=365
        Length of the period, 7 to 3660 days.
    brand : Brand or None, default=None
        The brand; ``None`` draws one from ``random_state``. Channels are the
        brand's platforms among Instagram, Facebook, TikTok, LinkedIn, YouTube.
    start : str or Timestamp, default="2025-01-01"
        First day.
    budget_scale : float, default=1.0
        Multiplies every daily budget (0.1 to 100). Budgets are in cents and
        at least 1 a day, the smallest most ad platforms accept.
    flights : {"random", "seasonal"}, default="random"
        When the awareness campaigns run. ``"random"``: each channel's own
        flights, 2-6 weeks on and 2-4 off. ``"seasonal"``: every channel in the
        brand-wide pushes of :data:`SEASONAL_FLIGHTS` (the course's calendar:
        the holiday flight starts on 16 October, so a straight-line pace of
        October's budget on the 15th is wrong).
    plan_month : str, Timestamp or None, default=None
        The month a budget plan starts from, such as ``"2025-10"``: the
        saturation guarantee (see Notes) holds at each channel's average daily
        spend in that month (its spend divided by its days in the period).
        ``None``: at the average daily spend over the whole period.
    random_state : int, numpy.random.Generator or None, default=None
        Seed; each component has its own named child stream.
    return_truth : bool, default=False
        Also return a :class:`Truth`: per-ad-set parameters
        (``params["ad_sets"]``), per-channel true incremental ROAS, attributed
        ROAS and marginal ROAS at current spend (``params["channels"]``), and
        per-row incremental revenue (``tables["campaigns"]``; it leaves out
        the carry-over earned on days an ad set was paused, which the channel
        figures include, usually under 1 %).

    Returns
    -------
    campaigns : pandas.DataFrame
        One row per date and active ad set, sorted by date, channel, campaign.
    truth : Truth
        Only when ``return_truth=True``.

    Notes
    -----
    Columns: ``date``; ``channel`` (ordered categorical); ``campaign``,
    ``ad_set`` (text); ``objective`` (awareness, traffic, conversions);
    ``daily_budget``, ``spend`` and ``revenue`` (money); int64
    ``impressions``, ``reach``, ``clicks`` and ``conversions`` (as the ad
    platform attributes them).

    Generative model. Each channel runs an always-on sales campaign (a
    lookalike and a retargeting ad set) and an awareness campaign in flights
    (``flights``: on 2-6 weeks and off 2-4, or the seasonal calendar).
    Budgets change every 28 days by ``LogNormal(0, 0.35)`` and rise 30 % in
    Q4. Then, per ad set and day:

    - ``spend = budget * (0.75 + 0.5 * Beta(6, 4))`` (pacing: under- or
      slightly over-spending the daily budget);
    - ``impressions ~ Poisson(spend / CPM * 1000)``, CPM = channel CPM *
      audience factor * season * LogNormal(0, 0.15); ``reach ~
      Binomial(impressions, 1 / frequency)``; ``clicks ~
      Binomial(impressions, CTR)``;
    - the response ``hill(adstock(spend, theta), alpha, gamma)`` with
      ``theta ~ U(0, 0.3)`` per channel (digital media, Robyn), ``alpha ~
      U(1, 1.6)`` and ``gamma`` = 0.6-1.5 x the ad set's typical adstocked
      spend, so returns diminish within the observed range;
    - returns diminish on every channel: where the next euro would earn more than
      :data:`DIMINISHING` x the average one (the S-shaped start of a curve),
      the channel's ``gamma`` shrinks until it does not;
    - the channel with the best average ROAS is saturated: where the money
      already went, the next euro earns least. Its ``gamma`` shrinks until,
      on the steady-state curve (:func:`response_curve`) at each channel's
      average daily spend (over ``plan_month`` if given), its marginal ROAS
      (the slope) is at most
      ``U(*SATURATION_RATIO)`` x the best marginal ROAS of the other
      channels (when the brand buys ads on two channels or more). So ranking
      channels by average ROAS and by marginal ROAS never picks the same best
      channel;
    - attributed conversions ``~ Binomial(clicks, p)`` with expected value
      ``C * response``, where ``C`` makes conversions per click equal the
      platform's CVR (x3 for retargeting, x0.4 for broad awareness) at the
      typical spend; revenue = conversions x order value x Gamma noise;
    - true incremental revenue = ``C * response * order value / inflation``:
      platforms over-credit retargeting 4x and prospecting 1.3-1.6x, so the
      true ROAS depends on each channel's CPC, CVR and the brand's order
      value (LinkedIn rarely pays for a bakery).

    So diminishing returns show in spend vs conversions, platform-reported
    ROAS is higher than the true incremental ROAS, and ``conversions <=
    clicks <= impressions``, ``reach <= impressions`` hold by construction.
    Not modelled: audience overlap between ad sets, auction competition,
    bid strategies, view-through conversions.

    Examples
    --------
    >>> ads, truth = make_campaigns(90, random_state=0, return_truth=True)
    >>> bool((ads["conversions"] <= ads["clicks"]).all())
    True
    >>> {"true_roas", "attributed_roas", "marginal_roas"} <= set(truth.params["channels"])
    True
    """
    root = root_seed(random_state)
    brand = resolve_brand(brand, root)
    start = check_date("start", start)
    days = check_int("days", days, low=7, high=3660)
    budget_scale = check_number("budget_scale", budget_scale, low=0.1, high=100.0)
    channels = [c for c in AD_CHANNELS if c in brand.platforms.index]
    if not channels:
        check_choice("brand platforms", "none of them", AD_CHANNELS)

    total = days + BURN_IN_DAYS
    dates = period(start - pd.Timedelta(days=BURN_IN_DAYS), total)
    in_plan = np.arange(total) >= BURN_IN_DAYS
    if plan_month is not None:
        month = check_date("plan_month", plan_month).to_period("M")
        in_plan &= np.asarray(dates.to_period("M") == month)
        if not in_plan.any():
            check_choice("plan_month", str(month), [f"a month from {start:%Y-%m} to "
                                                    f"{dates[-1]:%Y-%m}"])
    season = yearly_season(dates)
    q4 = np.where(np.asarray(dates.month) >= 10, 1.3, 1.0)
    size = float(np.sqrt(brand.platforms["followers"].sum()
                         / DEFAULT_PLATFORM_PARAMS.loc[brand.platforms.index, "followers"].sum()))

    # Ad-set table: one row per channel x ad set.
    sets = pd.DataFrame(
        [(ch, f"{ch} - {suffix}", *rest) for ch in channels for suffix, *rest in _AD_SETS],
        columns=["channel", "campaign", "objective", "ad_set", "share", "always_on", "cpm_factor",
                 "ctr_factor", "frequency", "cvr_factor", "inflation"],
    )
    k = len(sets)
    plat = brand.platforms.loc[sets["channel"]]

    rng = child_rng(root, "campaigns.budget")
    periods = np.arange(total) // BUDGET_PERIOD_DAYS
    levels = rng.lognormal(0.0, 0.35, size=(k, periods.max() + 1))[:, periods]
    base = sets["channel"].map(_CHANNEL_BUDGET).to_numpy() * sets["share"].to_numpy()
    budget = np.maximum(np.round(base[:, None] * levels * q4 * size * budget_scale, 2),
                        MIN_DAILY_BUDGET)
    flights = check_choice("flights", flights, FLIGHTS)
    if flights == "seasonal":
        budget *= _seasonal_flights(sets["always_on"].to_numpy(), dates)
    else:
        budget *= _flights(sets["always_on"].to_numpy(), total,
                           child_rng(root, "campaigns.flights"))

    rng = child_rng(root, "campaigns.delivery")
    spend = np.round(budget * (0.75 + 0.5 * rng.beta(6, 4, size=budget.shape)), 2)
    cpm = (plat["cpm"].to_numpy() * sets["cpm_factor"].to_numpy())[:, None] * season
    cpm = cpm * rng.lognormal(0.0, 0.15, size=budget.shape)
    impressions = rng.poisson(spend / cpm * 1000.0)
    reach = rng.binomial(impressions, 1.0 / sets["frequency"].to_numpy()[:, None])
    ctr = (plat["ctr_paid"].to_numpy() * sets["ctr_factor"].to_numpy())[:, None]
    clicks = rng.binomial(impressions, np.minimum(ctr * rng.lognormal(0, 0.1, budget.shape), 1.0))

    # True incremental effect.
    rng = child_rng(root, "campaigns.effect")
    theta_by_channel = dict(zip(channels, rng.uniform(0.0, 0.3, len(channels)), strict=True))
    sets["theta"] = sets["channel"].map(theta_by_channel)
    sets["alpha"] = rng.uniform(1.0, 1.6, k)
    stock = adstock(spend, sets["theta"].to_numpy())
    active = spend > 0
    typical = np.array([np.median(s[a]) if a.any() else 1.0 for s, a in zip(stock, active,
                                                                               strict=True)])
    sets["gamma"] = typical * rng.uniform(0.6, 1.5, k)
    kept = slice(BURN_IN_DAYS, None)
    # Attributed conversions follow the saturating response, scaled so that at the ad set's
    # typical spend they are clicks x the conversion rate; the platform credits `inflation`
    # times what the ads really caused, so incremental revenue = attributed value / inflation.
    aov = brand.order_value
    cvr = plat["cvr"].to_numpy() * sets["cvr_factor"].to_numpy()
    typical_clicks = np.array([np.median(c[a]) if a.any() else 0.0 for c, a in zip(
        spend / cpm * 1000.0 * ctr, active, strict=True)])
    sets["gamma"] = _saturate_the_best(
        sets, typical, cvr * typical_clicks * aov / sets["inflation"].to_numpy(),
        spend[:, in_plan].sum(axis=1) / in_plan.sum(),
        child_rng(root, "campaigns.saturation"))
    response = hill(stock, sets["alpha"].to_numpy()[:, None], sets["gamma"].to_numpy()[:, None])
    typical_response = hill(typical, sets["alpha"].to_numpy(), sets["gamma"].to_numpy())
    conv_scale = cvr * typical_clicks / np.maximum(typical_response, 1e-12)
    sets["beta"] = conv_scale * aov / sets["inflation"].to_numpy()
    incremental = sets["beta"].to_numpy()[:, None] * response
    expected_conv = conv_scale[:, None] * response
    p = np.where(clicks > 0, np.minimum(expected_conv / np.maximum(clicks, 1), 0.95), 0.0)
    conversions = rng.binomial(clicks, p)
    revenue = np.round(np.where(conversions > 0, rng.gamma(np.maximum(conversions, 1) * 4.0,
                                                            aov / 4.0), 0.0), 2)

    frame, per_row = _to_frame(sets, dates, kept, budget, spend, impressions, reach, clicks,
                               conversions, revenue, incremental)
    if not return_truth:
        return frame
    sets["share"] = sets["share"] / sets.groupby("channel")["share"].transform("sum")
    truth = Truth(
        params={
            "ad_sets": sets.astype({"channel": PLATFORM_DTYPE}),
            "channels": _channel_truth(sets, spend[:, kept], incremental[:, kept],
                                       revenue[:, kept], stock, kept),
            "order_value": aov,
            "burn_in_days": BURN_IN_DAYS,
        },
        tables={"campaigns": per_row},
    )
    return frame, truth


def _flights(always_on: np.ndarray, total: int, rng: np.random.Generator) -> np.ndarray:
    """1 on active days, 0 on paused ones; flighted ad sets alternate 2-6 weeks on, 2-4 off."""
    on = np.ones((len(always_on), total))
    for row in np.flatnonzero(~always_on):  # a handful of ad sets, not rows of data
        lengths = np.column_stack([rng.integers(14, 43, 40), rng.integers(14, 29, 40)]).ravel()
        state = np.repeat(np.tile([1.0, 0.0], 40), lengths)
        offset = int(rng.integers(0, 28))
        on[row] = state[offset : offset + total]
    return on


def _seasonal_flights(always_on: np.ndarray, dates: pd.DatetimeIndex) -> np.ndarray:
    """1 on active days, 0 on paused ones; awareness runs in :data:`SEASONAL_FLIGHTS`."""
    on = np.ones((len(always_on), len(dates)))
    day = np.asarray(dates.strftime("%m-%d"))
    season = np.zeros(len(dates), dtype=bool)
    for first, last in SEASONAL_FLIGHTS:
        season |= (day >= first) & (day <= last)
    on[~always_on] = season
    return on


def _steady_curves(sets: pd.DataFrame, typical: np.ndarray, value: np.ndarray,
                   gamma: np.ndarray, spend: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Average and marginal ROAS per channel (in order of first appearance) on the
    steady-state curve, at ``spend`` a day per ad set added up by channel.

    ``value`` is each ad set's incremental revenue a day at its ``typical`` adstocked spend,
    which fixes its ``beta`` for any ``gamma`` (as the generator calibrates it).
    """
    alpha, theta = sets["alpha"].to_numpy(), sets["theta"].to_numpy()
    beta = value / np.maximum(hill(typical, alpha, gamma), 1e-12)
    code = pd.factorize(sets["channel"])[0]
    share = sets["share"].to_numpy()
    share = share / np.bincount(code, share)[code]
    daily = np.bincount(code, spend)
    x = daily[code] * share / (1.0 - theta)
    step = 1e-3
    now = np.bincount(code, beta * hill(x, alpha, gamma))
    bumped = np.bincount(code, beta * hill(x * (1 + step), alpha, gamma))
    return now / daily, (bumped - now) / (daily * step)


def _shrink(gamma: np.ndarray, rows: np.ndarray,
            excess: Callable[[np.ndarray], float]) -> np.ndarray:
    """``gamma`` with the ``rows`` scaled down just enough that ``excess(gamma) <= 0``.

    ``excess`` must fall as those gammas shrink (the curve flattens at a given spend) and be
    negative when they are 10,000 times smaller; bisection on the log of the scale.
    """
    def scaled(log_scale: float) -> np.ndarray:
        trial = gamma.copy()
        trial[rows] *= np.exp(log_scale)
        return trial

    low, high = np.log(1e-4), 0.0  # excess(low) < 0 < excess(high)
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if excess(scaled(mid)) < 0 else (low, mid)
    return scaled(low)


def _saturate_the_best(sets: pd.DataFrame, typical: np.ndarray, value: np.ndarray,
                       spend: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Gammas where returns diminish and the best channel by average ROAS is not the best by
    marginal ROAS, at ``spend`` a day.

    A smaller ``gamma`` (with ``beta`` recalibrated at the typical spend) keeps the
    channel's revenue at its typical spend and flattens the curve there: the next
    euro earns less. First, a channel whose next euro earns more than its average one
    (the S-shaped start of its curve) has its gammas shrink until the next euro earns
    :data:`DIMINISHING` x the average. Then the best channel's gammas shrink until its
    marginal ROAS is ``ratio`` x the best of the others; a few rounds, in case another
    channel then has the best average.
    """
    gamma = sets["gamma"].to_numpy().copy()
    ratio = rng.uniform(*SATURATION_RATIO)
    code = pd.factorize(sets["channel"])[0]

    def curves(g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _steady_curves(sets, typical, value, g, spend)

    def next_over_average(g: np.ndarray) -> np.ndarray:
        average, marginal = curves(g)
        return marginal / average

    for channel in np.flatnonzero(next_over_average(gamma) > DIMINISHING):
        gamma = _shrink(gamma, code == channel, lambda g, c=channel: float(
            next_over_average(g)[c] - DIMINISHING))
    if code.max() < 1:
        return gamma
    for _ in range(10):
        average, marginal = curves(gamma)
        best = int(np.argmax(average))
        target = ratio * np.delete(marginal, best).max()
        if marginal[best] <= target * (1 + 1e-6):
            return gamma
        gamma = _shrink(gamma, code == best,
                        lambda g, b=best, t=target: float(curves(g)[1][b] - t))
    return gamma


def _to_frame(sets, dates, kept, budget, spend, impressions, reach, clicks, conversions, revenue,
              incremental) -> tuple[pd.DataFrame, pd.DataFrame]:
    k, total = budget.shape
    day_idx, set_idx = np.nonzero(budget[:, kept].T > 0)
    day_idx = day_idx + BURN_IN_DAYS

    def pick(a: np.ndarray) -> np.ndarray:
        return a[set_idx, day_idx]

    frame = pd.DataFrame(
        {
            "date": dates[day_idx],
            "channel": pd.Categorical(sets["channel"].to_numpy()[set_idx], dtype=PLATFORM_DTYPE),
            "campaign": pd.array(sets["campaign"].to_numpy()[set_idx], dtype="str"),
            "objective": pd.Categorical(sets["objective"].to_numpy()[set_idx],
                                        dtype=OBJECTIVE_DTYPE),
            "ad_set": pd.array(sets["ad_set"].to_numpy()[set_idx], dtype="str"),
            "daily_budget": pick(budget),
            "spend": pick(spend),
            "impressions": pick(impressions).astype(np.int64),
            "reach": pick(reach).astype(np.int64),
            "clicks": pick(clicks).astype(np.int64),
            "conversions": pick(conversions).astype(np.int64),
            "revenue": pick(revenue),
        }
    )
    order = frame.sort_values(["date", "channel", "campaign", "ad_set"], kind="stable").index
    frame = frame.loc[order].reset_index(drop=True)
    per_row = pd.DataFrame({"date": frame["date"], "channel": frame["channel"],
                            "ad_set": frame["ad_set"],
                            "incremental_revenue": pick(incremental)[order]})
    return frame, per_row


def _channel_truth(sets, spend, incremental, revenue, stock, kept) -> pd.DataFrame:
    """True and attributed ROAS, and marginal ROAS (+1 % spend) per channel."""
    rows = []
    for channel, idx in sets.groupby("channel", sort=False).indices.items():
        s = spend[idx]
        base = incremental[idx].sum()
        theta = sets["theta"].to_numpy()[idx][:, None]
        alpha = sets["alpha"].to_numpy()[idx][:, None]
        gamma = sets["gamma"].to_numpy()[idx][:, None]
        beta = sets["beta"].to_numpy()[idx][:, None]
        bumped = beta * hill(stock[idx] * 1.01, alpha, gamma)  # adstock is linear in spend
        extra = bumped[:, kept].sum() - base
        rows.append(
            {
                "channel": channel,
                "spend": s.sum(),
                "incremental_revenue": base,
                "true_roas": base / s.sum() if s.sum() else np.nan,
                "attributed_roas": revenue[idx].sum() / s.sum() if s.sum() else np.nan,
                "marginal_roas": extra / (0.01 * s.sum()) if s.sum() else np.nan,
                "theta": float(theta[0, 0]),
            }
        )
    out = pd.DataFrame(rows)
    out["channel"] = out["channel"].astype(PLATFORM_DTYPE)
    return out.sort_values("channel").reset_index(drop=True)


__all__ = ["AD_CHANNELS", "COLUMNS", "OBJECTIVES", "PLATFORMS", "adstock", "hill",
           "make_campaigns", "response_curve"]
