"""Posts: one row per published post, organic or paid, on each of the brand's platforms."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab._random import RandomState, child_rng, root_seed
from smmlab._validate import check_date, check_int, fail
from smmlab.synth._calendar import (
    AUDIENCE_WEEK_HOUR,
    POSTING_HOUR,
    POSTING_WEEKDAY,
    local_seconds_to_timestamps,
    localize,
    period,
    utc_offsets,
    yearly_season,
)
from smmlab.synth._scenario import check_algorithm_change
from smmlab.synth.brand import PLATFORM_DTYPE, PLATFORMS, Brand, resolve_brand
from smmlab.synth.truth import Truth, events_frame

FORMATS: tuple[str, ...] = (
    "image", "carousel", "short video", "video", "link", "text", "document",
)  # fmt: skip
PILLARS: tuple[str, ...] = (
    "behind-the-scenes", "product", "educational", "promo", "user-generated",
)  # fmt: skip
LANGUAGES: tuple[str, ...] = ("it", "en")
FORMAT_DTYPE = pd.CategoricalDtype(list(FORMATS))
PILLAR_DTYPE = pd.CategoricalDtype(list(PILLARS))
LANGUAGE_DTYPE = pd.CategoricalDtype(list(LANGUAGES))

#: Share of each format per platform (rows: PLATFORMS, columns: FORMATS). No short videos on X,
#: only videos on YouTube, documents only on LinkedIn.
FORMAT_MIX = np.array(
    [
        [0.25, 0.30, 0.45, 0.00, 0.00, 0.00, 0.00],  # Instagram
        [0.35, 0.05, 0.15, 0.15, 0.20, 0.10, 0.00],  # Facebook
        [0.00, 0.10, 0.90, 0.00, 0.00, 0.00, 0.00],  # TikTok
        [0.30, 0.05, 0.00, 0.10, 0.25, 0.15, 0.15],  # LinkedIn
        [0.35, 0.00, 0.00, 0.10, 0.25, 0.30, 0.00],  # X
        [0.00, 0.00, 0.40, 0.60, 0.00, 0.00, 0.00],  # YouTube
    ]
)
_FORMAT_REACH = np.array([1.0, 1.1, 1.5, 1.1, 0.6, 0.7, 1.2])
_FORMAT_ER = np.array([1.0, 1.25, 1.1, 0.9, 0.6, 0.8, 1.2])
_FORMAT_CLICK = np.array([1.0, 1.0, 0.6, 0.8, 6.0, 1.0, 1.5])
_FORMAT_VIEW_RATE = np.array([np.nan, np.nan, 0.55, 0.35, np.nan, np.nan, np.nan])

PILLAR_MIX = np.array([0.2, 0.3, 0.2, 0.2, 0.1])
_PILLAR_REACH = np.array([1.05, 1.0, 1.0, 0.9, 1.05])
_PILLAR_ER = np.array([1.35, 0.95, 1.1, 0.7, 1.2])
_PILLAR_CLICK = np.array([0.6, 1.4, 0.9, 2.0, 0.6])
_PILLAR_SAVE = np.array([1.0, 1.0, 2.0, 0.7, 1.0])

#: Split of engagements into likes, comments, shares, saves per platform.
ENGAGEMENT_SPLIT = np.array(
    [
        [0.82, 0.06, 0.04, 0.08],
        [0.78, 0.10, 0.11, 0.01],
        [0.85, 0.05, 0.05, 0.05],
        [0.80, 0.10, 0.09, 0.01],
        [0.72, 0.10, 0.15, 0.03],
        [0.88, 0.08, 0.02, 0.02],
    ]
)

VIRAL_PROBABILITY = 0.012
PAID_ENGAGEMENT_FACTOR = 0.35
PAID_FREQUENCY = 1.6
PROPENSITY_SIGMA = 0.35
CAPTION_ITALIAN_SHARE = 0.65

COLUMNS: tuple[str, ...] = (
    "post_id", "platform", "published_at", "format", "content_pillar", "caption_language",
    "is_paid", "spend", "impressions", "reach", "likes", "comments", "shares", "saves",
    "link_clicks", "video_views", "followers_at_post",
)  # fmt: skip


def _normalised(lift: np.ndarray, mix: np.ndarray) -> np.ndarray:
    """Scale ``lift`` per row of ``mix`` so the mix-weighted mean lift is 1."""
    return lift / (mix @ lift)[..., None] if mix.ndim == 2 else lift / (mix @ lift)


def followers_curve(brand: Brand, days: int) -> np.ndarray:
    """Return the expected followers per platform (rows, in PLATFORMS order) and day.

    ``followers_t = followers_0 * exp((growth - churn) * t)``; platforms the
    brand is not on are zero.

    Examples
    --------
    >>> from smmlab.synth.brand import make_brand
    >>> followers_curve(make_brand(0), 10).shape
    (6, 10)
    """
    curve = np.zeros((len(PLATFORMS), days))
    params = brand.platforms
    rows = [PLATFORMS.index(p) for p in params.index]
    net = (params["follower_growth"] - params["follower_churn"]).to_numpy()
    curve[rows] = params["followers"].to_numpy()[:, None] * np.exp(net[:, None] * np.arange(days))
    return curve


def _followers_table(
    account_daily: pd.DataFrame | None, brand: Brand, start: pd.Timestamp, days: int
) -> np.ndarray:
    if account_daily is None:
        return followers_curve(brand, days)
    needed = {"date", "platform", "followers"}
    if not isinstance(account_daily, pd.DataFrame) or not needed <= set(account_daily.columns):
        fail("account_daily", type(account_daily).__name__, "type",
             expected="the table from make_account_daily() (date, platform, followers)")
    table = account_daily.pivot_table(
        index="platform", columns="date", values="followers", observed=False
    ).reindex(index=list(PLATFORMS), columns=period(start, days))
    brand_rows = [PLATFORMS.index(p) for p in brand.platforms.index]
    if table.iloc[brand_rows].isna().to_numpy().any():
        fail("account_daily", "a table not covering the period", "type",
             expected="daily figures for every platform and day of this period")
    return table.fillna(0).to_numpy()


def make_posts(
    n_posts: int | None = None,
    *,
    brand: Brand | None = None,
    start: str | pd.Timestamp = "2025-01-01",
    days: int = 365,
    account_daily: pd.DataFrame | None = None,
    algorithm_change: dict | None = None,
    random_state: RandomState = None,
    return_truth: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, Truth]:
    """Generate the brand's posts with their reach, impressions and engagement.

    Parameters
    ----------
    n_posts : int or None, default=None
        Exact number of posts (1 to 50,000,000), shared across platforms in
        proportion to their cadence. ``None`` draws a realistic number from
        each platform's posts per week over ``days``.
    brand : Brand or None, default=None
        The brand; ``None`` draws one from ``random_state``.
    start : str or Timestamp, default="2025-01-01"
        First day, in the brand's local time.
    days : int, default=365
        Length of the period, 1 to 3660 days.
    account_daily : DataFrame or None, default=None
        Output of :func:`make_account_daily`; when given, ``followers_at_post``
        is read from it (so bought followers show up), else from the expected
        follower curve.
    algorithm_change : dict or None, default=None
        ``{"platform": "Instagram", "date": "2025-06-01", "factor": 0.6}``:
        from that date, organic reach on that platform is multiplied by
        ``factor``; engagement per reached account is unchanged.
    random_state : int, numpy.random.Generator or None, default=None
        Seed; each component (schedule, reach, engagement...) has its own
        named child stream.
    return_truth : bool, default=False
        Also return a :class:`Truth` with the parameters, the viral posts and
        the algorithm change as events, and per-post truth (``is_viral``,
        expected organic reach, engagement propensity).

    Returns
    -------
    posts : pandas.DataFrame
        One row per post, sorted by ``published_at``.
    truth : Truth
        Only when ``return_truth=True``.

    Notes
    -----
    Columns (counts are int64; ``video_views`` is Int64, missing for formats
    that are not video):

    ===================  ====================================================
    post_id              1, 2, ... in publishing order
    platform             ordered categorical, see ``PLATFORMS``
    published_at         local time, tz-aware (brand's time zone)
    format               image, carousel, short video, video, link, text,
                         document (only those that exist on the platform)
    content_pillar       behind-the-scenes, product, educational, promo,
                         user-generated
    caption_language     it or en
    is_paid              bool: boosted with ad spend
    spend                money spent to boost it (0 for organic posts)
    impressions          times shown (one account can see it several times)
    reach                unique accounts that saw it
    likes, comments,     engagement actions
    shares, saves
    link_clicks          clicks on the link or call to action
    video_views          views (video formats only)
    followers_at_post    followers of the account on the publishing day
    ===================  ====================================================

    Generative model, per post *i* on platform *p*:

    1. Schedule: ``Poisson(posts_per_week * days / 7)`` posts per platform;
       day drawn with weekday weights (fewer at weekends), hour from office
       hours and early evening, minute uniform.
    2. Format ~ Categorical(platform mix), pillar ~ Categorical(0.2, 0.3,
       0.2, 0.2, 0.1). Lifts on reach, engagement and clicks are scaled so
       the platform's mix averages 1.
    3. Expected organic reach ``mu = followers * organic_reach_ratio *
       format * pillar * audience(weekday, hour) * season * algorithm``;
       realised ``mu * LogNormal(0, reach_sigma)``, times ``4 + 8 *
       Pareto(1.2)`` for the 1.2 % of posts that go viral (the heavy right
       tail). Organic impressions = reach + Poisson(reach * (frequency - 1)).
    4. Paid posts (``paid_share``): spend ~ LogNormal(log 120, 0.6); paid
       impressions ~ Poisson(spend / CPM * 1000) with CPM ~ cpm *
       LogNormal(0, 0.3) * season; paid reach ~ Binomial(paid impressions,
       1 / 1.6).
    5. Propensity ``q = m * LogNormal(0, 0.35)`` (at most 0.95) with ``m =
       er_by_reach * format * pillar * sqrt(audience)``; engagements ~ Binomial(organic
       reach, q) + Binomial(paid reach, 0.35 q), split into likes, comments,
       shares and saves by sequential binomials (viral posts share 3x more,
       educational posts are saved 2x more).
    6. Clicks ~ Binomial(organic impressions, ctr_organic * lifts) +
       Binomial(paid impressions, ctr_paid); video views ~ Binomial(
       impressions, 0.55 for short video, 0.35 for video).

    So ``likes + comments + shares + saves <= reach <= impressions`` and
    ``link_clicks <= impressions`` hold by construction, and spend is 0 for
    organic posts. Not modelled: stories, comments replies, reach overlap
    between organic and paid audiences, posts deleted after publishing.

    Examples
    --------
    >>> posts = make_posts(random_state=0)
    >>> bool((posts["reach"] <= posts["impressions"]).all())
    True
    >>> len(make_posts(1000, random_state=0))
    1000
    """
    root = root_seed(random_state)
    brand = resolve_brand(brand, root)
    start = check_date("start", start)
    days = check_int("days", days, low=1, high=3660)
    change = check_algorithm_change(algorithm_change, brand, start, days)
    followers = _followers_table(account_daily, brand, start, days)
    params = brand.platforms.reindex(list(PLATFORMS))  # platforms the brand lacks are NaN rows

    # 1. Schedule, sorted by local publishing time.
    rng = child_rng(root, "posts.schedule")
    cadence = params["posts_per_week"].fillna(0).to_numpy()
    if n_posts is None:
        counts = rng.poisson(cadence * days / 7)
    else:
        n_posts = check_int("n_posts", n_posts, low=1, high=50_000_000)
        counts = rng.multinomial(n_posts, cadence / cadence.sum())
    n = int(counts.sum())
    dates = period(start, days)
    day_weights = POSTING_WEEKDAY[dates.day_of_week] * yearly_season(dates, 0.05)
    cell_weights = np.outer(day_weights, POSTING_HOUR).ravel()
    cells = np.repeat(np.arange(days * 24), rng.multinomial(n, cell_weights / cell_weights.sum()))
    local_seconds = np.sort(cells * 3600 + rng.integers(0, 3600, size=n))
    del cells
    day = (local_seconds // 86_400).astype(np.int16)
    hour = ((local_seconds // 3600) % 24).astype(np.int8)
    # Platforms are shuffled over the time slots so that they interleave.
    plat = np.repeat(np.arange(len(PLATFORMS), dtype=np.int8), counts)[rng.permutation(n)]

    # 2. Format, pillar, language.
    rng = child_rng(root, "posts.content")
    fmt = _draw_categorical_by_row(rng, FORMAT_MIX, plat)
    pillar = rng.choice(len(PILLARS), size=n, p=PILLAR_MIX).astype(np.int8)
    italian = CAPTION_ITALIAN_SHARE if brand.country == "Italy" else 0.2
    language = (rng.random(n) >= italian).astype(np.int8)

    mix = FORMAT_MIX
    fmt_reach = _normalised(_FORMAT_REACH, mix)[plat, fmt]
    weekday = np.asarray(dates.day_of_week)[day]
    audience = AUDIENCE_WEEK_HOUR / _posting_weighted_mean(AUDIENCE_WEEK_HOUR)
    time_effect = audience[weekday, hour]
    del weekday, hour
    season = yearly_season(dates)[day]
    algo = 1.0 if change is None else change.multiplier(plat, day, start)
    foll = followers[plat, day]

    # 3. Organic reach and impressions.
    rng = child_rng(root, "posts.reach")
    ratio = params["organic_reach_ratio"].to_numpy()[plat]
    mu = foll * ratio * fmt_reach * _normalised(_PILLAR_REACH, PILLAR_MIX)[pillar]
    mu *= time_effect * season * algo
    del ratio, fmt_reach, algo
    is_viral = rng.random(n) < VIRAL_PROBABILITY
    viral_mult = np.where(is_viral, 4.0 + 8.0 * rng.pareto(1.2, size=n), 1.0)
    noise = np.exp(rng.standard_normal(n) * params["reach_sigma"].to_numpy()[plat])
    org_reach = np.rint(mu * noise * viral_mult).astype(np.int64)
    del noise
    freq = 1.0 + (params["frequency"].to_numpy()[plat] - 1.0) * rng.lognormal(0.0, 0.1, size=n)
    org_impr = org_reach + rng.poisson(org_reach * (freq - 1.0))
    del freq
    if not return_truth:
        del viral_mult

    # 4. Paid boost (drawn only for the paid posts).
    rng = child_rng(root, "posts.paid")
    is_paid = rng.random(n) < params["paid_share"].to_numpy()[plat]
    paid = np.flatnonzero(is_paid)
    spend = np.zeros(n)
    spend[paid] = np.round(rng.lognormal(np.log(120.0), 0.6, size=len(paid)), 2)
    cpm = params["cpm"].to_numpy()[plat[paid]] * rng.lognormal(0.0, 0.3, len(paid)) * season[paid]
    paid_impr = np.zeros(n, dtype=np.int64)
    paid_impr[paid] = rng.poisson(spend[paid] / cpm * 1000.0)
    paid_reach = np.zeros(n, dtype=np.int64)
    paid_reach[paid] = rng.binomial(paid_impr[paid], 1.0 / PAID_FREQUENCY)
    del cpm, season

    # 5. Engagement.
    rng = child_rng(root, "posts.engagement")
    m = params["er_by_reach"].to_numpy()[plat] * _normalised(_FORMAT_ER, mix)[plat, fmt]
    m *= _normalised(_PILLAR_ER, PILLAR_MIX)[pillar] * np.sqrt(time_effect)
    del time_effect
    m *= rng.lognormal(0.0, PROPENSITY_SIGMA, size=n)
    q = np.minimum(m, 0.95, out=m)
    engagements = rng.binomial(org_reach, q)
    engagements[paid] += rng.binomial(paid_reach[paid], PAID_ENGAGEMENT_FACTOR * q[paid])
    split = ENGAGEMENT_SPLIT[plat]
    split[:, 2] *= np.where(is_viral, 3.0, 1.0)
    split[:, 3] *= _PILLAR_SAVE[pillar]
    split /= split.sum(axis=1, keepdims=True)
    likes = rng.binomial(engagements, split[:, 0])
    rest = engagements - likes
    comments = rng.binomial(rest, np.minimum(split[:, 1] / (1.0 - split[:, 0]), 1.0))
    rest -= comments
    shares = rng.binomial(rest, split[:, 2] / np.maximum(split[:, 2] + split[:, 3], 1e-12))
    saves = rest - shares
    del rest, split, engagements
    if not return_truth:
        del q

    # 6. Clicks and video views.
    rng = child_rng(root, "posts.clicks")
    ctr_org = params["ctr_organic"].to_numpy()[plat] * _normalised(_FORMAT_CLICK, mix)[plat, fmt]
    ctr_org *= _normalised(_PILLAR_CLICK, PILLAR_MIX)[pillar]
    ctr_paid = params["ctr_paid"].to_numpy()[plat[paid]] * rng.lognormal(0.0, 0.25, len(paid))
    clicks = rng.binomial(org_impr, np.minimum(ctr_org, 1.0))
    clicks[paid] += rng.binomial(paid_impr[paid], np.minimum(ctr_paid, 1.0))
    del ctr_org
    impressions = org_impr
    impressions += paid_impr
    del paid_impr
    reach = org_reach
    reach += paid_reach
    del paid_reach
    view_rate = _FORMAT_VIEW_RATE[fmt]
    is_video = ~np.isnan(view_rate)
    video = np.flatnonzero(is_video)
    views = np.zeros(n, dtype=np.int64)
    views[video] = rng.binomial(impressions[video], view_rate[video])
    del video, view_rate
    followers_at_post = np.rint(foll, out=foll).astype(np.int64)
    del foll
    timestamps = local_seconds_to_timestamps(
        start, local_seconds, utc_offsets(dates, brand.timezone), brand.timezone
    )
    del local_seconds, day

    frame = pd.DataFrame(
        {
            "post_id": np.arange(1, n + 1, dtype=np.int64),
            "platform": pd.Categorical.from_codes(plat, dtype=PLATFORM_DTYPE),
            "published_at": timestamps,
            "format": pd.Categorical.from_codes(fmt, dtype=FORMAT_DTYPE),
            "content_pillar": pd.Categorical.from_codes(pillar, dtype=PILLAR_DTYPE),
            "caption_language": pd.Categorical.from_codes(language, dtype=LANGUAGE_DTYPE),
            "is_paid": is_paid,
            "spend": spend,
            "impressions": impressions,
            "reach": reach,
            "likes": likes,
            "comments": comments,
            "shares": shares,
            "saves": saves,
            "link_clicks": clicks,
            "video_views": pd.arrays.IntegerArray(views, ~is_video),
            "followers_at_post": followers_at_post,
        },
        copy=False,
    )
    if not return_truth:
        return frame
    return frame, _posts_truth(frame, brand, change, is_viral, viral_mult, mu, q)


def _draw_categorical_by_row(
    rng: np.random.Generator, table: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """Draw one category per row from ``table[rows]`` (rows sum to 1), without n x k temporaries.

    The loop runs over the few rows of ``table`` (platforms), not over posts.
    """
    cumulative = np.cumsum(table, axis=1)
    u = rng.random(len(rows))
    out = np.empty(len(rows), dtype=np.int8)
    for r in range(len(table)):
        sel = np.flatnonzero(rows == r)
        out[sel] = np.searchsorted(cumulative[r], u[sel] * cumulative[r, -1], side="right")
    return np.minimum(out, table.shape[1] - 1, out=out)


def _posting_weighted_mean(effect: np.ndarray) -> float:
    weights = np.outer(POSTING_WEEKDAY, POSTING_HOUR)
    return float((effect * weights).sum() / weights.sum())


def _posts_truth(
    frame: pd.DataFrame,
    brand: Brand,
    change: object,
    is_viral: np.ndarray,
    viral_mult: np.ndarray,
    mu: np.ndarray,
    q: np.ndarray,
) -> Truth:
    viral = frame.loc[is_viral, ["post_id", "platform", "published_at"]]
    rows = [
        {
            "type": "viral_post",
            "table": "posts",
            "platform": r.platform,
            "start": r.published_at,
            "end": r.published_at + pd.Timedelta(days=2),
            "peak": r.published_at,
            "magnitude": float(m),
            "description": f"Post {r.post_id} went viral: organic reach x{m:.1f}.",
        }
        for r, m in zip(viral.itertuples(), viral_mult[is_viral], strict=True)
    ]
    if change is not None:
        when = localize(pd.Timestamp(change.date), brand.timezone)
        rows.append(
            {
                "type": "algorithm_change",
                "table": "posts",
                "platform": change.platform,
                "start": when,
                "end": frame["published_at"].max() if len(frame) else when,
                "peak": when,
                "magnitude": change.factor,
                "description": (
                    f"{change.platform} changed its algorithm: organic reach x{change.factor:g} "
                    f"from {change.date.date()}."
                ),
            }
        )
    per_post = pd.DataFrame(
        {
            "post_id": frame["post_id"],
            "is_viral": is_viral,
            "viral_multiplier": viral_mult,
            "expected_organic_reach": mu,
            "engagement_propensity": q,
        }
    )
    params = {
        "platforms": brand.platforms.copy(),
        "viral_probability": VIRAL_PROBABILITY,
        "paid_engagement_factor": PAID_ENGAGEMENT_FACTOR,
        "paid_frequency": PAID_FREQUENCY,
        "algorithm_change": change,
    }
    return Truth(params=params, events=events_frame(rows, brand.timezone),
                 tables={"posts": per_post})
