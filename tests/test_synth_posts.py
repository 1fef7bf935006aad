"""Posts generator (smmlab.synth.make_posts): schema, invariants, realism and planted truth."""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smmlab.synth import (
    CANONICAL_SEED,
    PLATFORMS,
    Truth,
    make_account_daily,
    make_brand,
    make_course_data,
    make_posts,
)

COLUMNS = [
    "post_id", "platform", "published_at", "format", "content_pillar", "caption_language",
    "is_paid", "spend", "impressions", "reach", "likes", "comments", "shares", "saves",
    "link_clicks", "video_views", "followers_at_post",
]  # fmt: skip
COUNTS = ["impressions", "reach", "likes", "comments", "shares", "saves", "link_clicks",
          "followers_at_post"]
ENGAGEMENTS = ["likes", "comments", "shares", "saves"]
FORMATS = ["image", "carousel", "short video", "video", "link", "text", "document"]
PILLARS = ["behind-the-scenes", "product", "educational", "promo", "user-generated"]
VIDEO_FORMATS = ["short video", "video"]
SEEDS = range(8)
WEEKS_PER_YEAR = 365 / 7

# Published ranges quoted in make_brand's docstring, as fractions.
ER_BY_FOLLOWERS = {
    "Instagram": (0.003, 0.008),
    "Facebook": (0.0006, 0.0015),
    "TikTok": (0.026, 0.057),
    "X": (0.0003, 0.0012),
}
ER_BY_IMPRESSIONS = {"LinkedIn": (0.045, 0.075), "Facebook": (0.035, 0.065)}
POSTS_PER_WEEK = {"Facebook": 5.0, "Instagram": 4.6, "TikTok": 1.75, "X": 3.9}


@functools.cache
def year_of_posts(seed: int) -> pd.DataFrame:
    return make_posts(random_state=seed)


@functools.cache
def canonical_posts() -> pd.DataFrame:
    return make_course_data(CANONICAL_SEED)["posts"]


def engagements(posts: pd.DataFrame) -> pd.Series:
    return posts[ENGAGEMENTS].sum(axis=1)


def local_naive(stamps: pd.Series) -> pd.Series:
    return stamps.dt.tz_localize(None)


def per_platform_median(posts: pd.DataFrame, values: pd.Series) -> pd.Series:
    return values.groupby(posts["platform"], observed=True).median()


def er_by_followers(posts: pd.DataFrame) -> pd.Series:
    return per_platform_median(posts, engagements(posts) / posts["followers_at_post"])


def er_by_impressions(posts: pd.DataFrame) -> pd.Series:
    return per_platform_median(posts, engagements(posts) / posts["impressions"])


# --- schema ------------------------------------------------------------------------------------


def test_columns_and_dtypes():
    brand = make_brand(3, timezone="America/New_York")
    posts = make_posts(500, brand=brand, days=120, random_state=3)
    assert posts.columns.tolist() == COLUMNS
    dtypes = posts.dtypes
    assert dtypes["post_id"] == np.int64
    assert dtypes["platform"] == pd.CategoricalDtype(list(PLATFORMS), ordered=True)
    assert list(dtypes["platform"].categories) == [
        "Instagram", "Facebook", "TikTok", "LinkedIn", "X", "YouTube",
    ]  # fmt: skip
    assert dtypes["published_at"] == pd.DatetimeTZDtype("us", "America/New_York")
    assert dtypes["format"] == pd.CategoricalDtype(FORMATS)
    assert dtypes["content_pillar"] == pd.CategoricalDtype(PILLARS)
    assert dtypes["caption_language"] == pd.CategoricalDtype(["it", "en"])
    assert dtypes["is_paid"] == np.bool_
    assert dtypes["spend"] == np.float64
    for col in COUNTS:
        assert dtypes[col] == np.int64, col
    assert dtypes["video_views"] == pd.Int64Dtype()


def test_published_at_is_in_the_brand_time_zone_by_default():
    brand = make_brand(8)
    posts = make_posts(50, brand=brand, random_state=8)
    assert str(posts["published_at"].dt.tz) == brand.timezone


def test_video_views_missing_exactly_for_non_video_formats():
    posts = year_of_posts(0)
    is_video = posts["format"].isin(VIDEO_FORMATS)
    assert is_video.any() and (~is_video).any()
    assert (posts["video_views"].isna() == ~is_video).all()


def test_sorted_with_ids_in_publishing_order():
    posts = year_of_posts(1)
    assert posts["published_at"].is_monotonic_increasing
    assert posts["post_id"].tolist() == list(range(1, len(posts) + 1))
    assert posts.index.equals(pd.RangeIndex(len(posts)))


@pytest.mark.parametrize("n", [1, 2, 7, 1000])
def test_n_posts_gives_exactly_n_rows(n):
    posts = make_posts(n, days=30, random_state=n)
    assert len(posts) == n
    assert posts["post_id"].tolist() == list(range(1, n + 1))


def test_n_posts_shares_rows_among_the_brand_platforms_only():
    brand = make_brand(4, platforms=["TikTok", "LinkedIn"])
    posts = make_posts(300, brand=brand, days=60, random_state=4)
    assert set(posts["platform"].astype(str)) == {"TikTok", "LinkedIn"}
    assert len(posts) == 300


# --- invariants over many seeds, sizes and periods ---------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    n_posts=st.integers(1, 3000),
    days=st.integers(1, 800),
    start=st.dates(min_value=pd.Timestamp("2020-01-01").date(),
                   max_value=pd.Timestamp("2030-12-31").date()),
    tz=st.sampled_from(["Europe/Rome", "America/New_York", "Australia/Sydney", "Asia/Kolkata",
                        "UTC"]),
)
def test_invariants(seed, n_posts, days, start, tz):
    brand = make_brand(seed, timezone=tz)
    posts = make_posts(n_posts, brand=brand, start=start, days=days, random_state=seed)
    assert len(posts) == n_posts

    eng = engagements(posts)
    assert (eng <= posts["reach"]).all()
    assert (posts["reach"] <= posts["impressions"]).all()
    assert (posts["link_clicks"] <= posts["impressions"]).all()
    views = posts["video_views"].dropna()
    assert (views <= posts.loc[views.index, "impressions"]).all()
    assert (views >= 0).all()
    assert (posts[COUNTS] >= 0).all().all()

    paid = posts["is_paid"]
    assert ((posts["spend"] == 0) == ~paid).all()
    assert (posts.loc[paid, "spend"] > 0).all()
    assert np.isfinite(posts["spend"]).all()

    local = local_naive(posts["published_at"])
    first = pd.Timestamp(start)
    assert (local >= first).all()
    assert (local < first + pd.Timedelta(days=days)).all()
    assert (local.dt.hour >= 4).all()
    assert posts["published_at"].is_monotonic_increasing
    assert str(posts["published_at"].dt.tz) == tz


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32), days=st.integers(1, 800))
def test_invariants_with_drawn_post_counts(seed, days):
    posts = make_posts(days=days, random_state=seed)
    assert (engagements(posts) <= posts["reach"]).all()
    assert (posts["reach"] <= posts["impressions"]).all()
    assert posts["post_id"].tolist() == list(range(1, len(posts) + 1))
    local = local_naive(posts["published_at"])
    assert (local < pd.Timestamp("2025-01-01") + pd.Timedelta(days=days)).all()


def test_formats_exist_only_where_the_platform_has_them():
    posts = pd.concat([year_of_posts(s) for s in SEEDS])
    by_platform = posts.groupby("platform", observed=True)["format"].agg(
        lambda f: set(f.astype(str))
    )
    assert "short video" not in by_platform["X"]
    assert by_platform["YouTube"] <= set(VIDEO_FORMATS)
    assert by_platform["YouTube"]  # not empty
    holders = {p for p, formats in by_platform.items() if "document" in formats}
    assert holders == {"LinkedIn"}


# --- determinism -------------------------------------------------------------------------------


def test_same_seed_same_posts_and_different_seeds_differ():
    a = make_posts(random_state=21)
    assert a.equals(make_posts(random_state=21))
    assert not a.equals(make_posts(random_state=22))
    assert make_posts(400, random_state=5).equals(make_posts(400, random_state=5))


# --- realism -----------------------------------------------------------------------------------


def test_reach_has_a_heavy_right_tail():
    """Pooled over a few brands, each platform's best post reaches > 10x its median post."""
    frames = []
    for seed in range(5):
        posts = year_of_posts(seed)
        median = posts.groupby("platform", observed=True)["reach"].transform("median")
        frames.append(posts.assign(relative=posts["reach"] / median))
    pooled = pd.concat(frames)
    relative = pooled.groupby("platform", observed=True)["relative"]
    assert (relative.max() > 10).all(), relative.max()
    assert (relative.mean() > 1.2).all(), relative.mean()  # right skew: mean above median


def test_weekday_hour_effect():
    """Tue-Thu 9-12 posts reach a larger share of followers than Sunday 20-23 posts."""
    frames = []
    for seed in SEEDS:
        posts = year_of_posts(seed)
        posts = posts[~posts["is_paid"]]
        ratio = posts["reach"] / posts["followers_at_post"]
        rate = engagements(posts) / posts["reach"].clip(lower=1)
        by = posts["platform"]
        frames.append(pd.DataFrame({
            "published_at": posts["published_at"],
            "reach_share": ratio / ratio.groupby(by, observed=True).transform("median"),
            "er_by_reach": rate / rate.groupby(by, observed=True).transform("median"),
        }))
    pooled = pd.concat(frames)
    local = local_naive(pooled["published_at"])
    prime = local.dt.day_of_week.isin([1, 2, 3]) & local.dt.hour.between(9, 12)
    late_sunday = (local.dt.day_of_week == 6) & local.dt.hour.between(20, 23)
    assert prime.sum() > 100 and late_sunday.sum() > 20
    high, low = pooled[prime].median(numeric_only=True), pooled[late_sunday].median(
        numeric_only=True)
    assert high["reach_share"] > 1.5 * low["reach_share"]
    assert high["er_by_reach"] > low["er_by_reach"]


@pytest.mark.parametrize("platform", sorted(ER_BY_FOLLOWERS))
def test_canonical_engagement_rate_by_followers_in_published_range(platform):
    low, high = ER_BY_FOLLOWERS[platform]
    value = er_by_followers(canonical_posts())[platform]
    assert low <= value <= high, f"{platform}: {value:.4%} outside {low:.2%}-{high:.2%}"


@pytest.mark.parametrize("platform", sorted(ER_BY_FOLLOWERS))
def test_typical_engagement_rate_by_followers_in_published_range(platform):
    low, high = ER_BY_FOLLOWERS[platform]
    value = np.median([er_by_followers(year_of_posts(s))[platform] for s in SEEDS])
    assert low <= value <= high, f"{platform}: {value:.4%} outside {low:.2%}-{high:.2%}"


@pytest.mark.parametrize("platform", sorted(ER_BY_IMPRESSIONS))
def test_canonical_engagement_rate_by_impressions_in_published_range(platform):
    low, high = ER_BY_IMPRESSIONS[platform]
    value = er_by_impressions(canonical_posts())[platform]
    assert low <= value <= high, f"{platform}: {value:.4%} outside {low:.2%}-{high:.2%}"


@pytest.mark.parametrize("platform", sorted(ER_BY_IMPRESSIONS))
def test_typical_engagement_rate_by_impressions_in_published_range(platform):
    low, high = ER_BY_IMPRESSIONS[platform]
    value = np.median([er_by_impressions(year_of_posts(s))[platform] for s in SEEDS])
    assert low <= value <= high, f"{platform}: {value:.4%} outside {low:.2%}-{high:.2%}"


@pytest.mark.parametrize("platform", sorted(POSTS_PER_WEEK))
def test_posts_per_week_near_published_cadence(platform):
    target = POSTS_PER_WEEK[platform]
    pooled = pd.concat([year_of_posts(s) for s in SEEDS])
    per_week = (pooled["platform"] == platform).sum() / len(SEEDS) / WEEKS_PER_YEAR
    assert 0.65 * target <= per_week <= 1.35 * target, per_week
    canonical = (canonical_posts()["platform"] == platform).sum() / WEEKS_PER_YEAR
    assert 0.65 * target <= canonical <= 1.35 * target, canonical


# --- planted scenario --------------------------------------------------------------------------


def test_algorithm_change_cuts_reach_but_not_engagement_per_reach():
    change = {"platform": "Instagram", "date": "2025-07-01", "factor": 0.5}
    reach_ratio, er_ratio, control_ratio = [], [], []
    for seed in range(6):
        for planted, out in ((change, (reach_ratio, er_ratio)), (None, (control_ratio,))):
            posts = make_posts(random_state=seed, algorithm_change=planted)
            posts = posts[(posts["platform"] == "Instagram") & ~posts["is_paid"]]
            after = local_naive(posts["published_at"]) >= pd.Timestamp("2025-07-01")
            share = posts["reach"] / posts["followers_at_post"]
            rate = engagements(posts) / posts["reach"].clip(lower=1)
            out[0].append(share[after].median() / share[~after].median())
            if planted is not None:
                out[1].append(rate[after].median() / rate[~after].median())
    assert np.median(reach_ratio) < 0.7
    assert np.median(reach_ratio) < 0.7 * np.median(control_ratio)
    assert 0.8 < np.median(er_ratio) < 1.25
    assert 0.8 < np.median(control_ratio) < 1.25


def test_algorithm_change_leaves_other_platforms_alone():
    change = {"platform": "Instagram", "date": "2025-07-01", "factor": 0.5}
    with_change = make_posts(random_state=9, algorithm_change=change)
    without = make_posts(random_state=9)
    # The schedule, content and paid boosts do not depend on reach; organic reach changes only
    # on the hit platform after the date. (Counts drawn from reach by vectorized binomials,
    # such as likes, can shift elsewhere: numpy consumes a variable number of draws per row.)
    fixed = ["post_id", "platform", "published_at", "format", "content_pillar",
             "caption_language", "is_paid", "spend", "followers_at_post"]
    assert with_change[fixed].equals(without[fixed])
    other = with_change["platform"] != "Instagram"
    before = local_naive(with_change["published_at"]) < pd.Timestamp("2025-07-01")
    unaffected = other | before
    assert (with_change.loc[unaffected, "reach"] == without.loc[unaffected, "reach"]).all()
    hit = ~unaffected
    assert (with_change.loc[hit, "reach"] <= without.loc[hit, "reach"]).all()
    assert with_change.loc[hit, "reach"].sum() < 0.7 * without.loc[hit, "reach"].sum()


def test_followers_at_post_read_from_account_daily():
    brand = make_brand(6)
    bought = {"platform": "Instagram", "date": "2025-03-01", "followers": 8000, "days": 21}
    daily = make_account_daily(brand=brand, bought_followers=bought, random_state=6)
    posts = make_posts(brand=brand, account_daily=daily, random_state=7)
    keyed = posts.assign(date=local_naive(posts["published_at"]).dt.normalize())
    merged = keyed.merge(daily, on=["date", "platform"], how="left", suffixes=("", "_daily"))
    assert len(merged) == len(posts)
    assert merged["followers"].notna().all()
    assert (merged["followers_at_post"] == merged["followers"]).all()
    # The bought followers show up in the posts table.
    ig = posts[posts["platform"] == "Instagram"]
    late = ig[local_naive(ig["published_at"]) >= pd.Timestamp("2025-04-01")]
    assert late["followers_at_post"].min() > brand.platforms.loc["Instagram", "followers"] + 4000


def test_return_truth_shape():
    out = make_posts(300, days=90, random_state=2, return_truth=True)
    assert isinstance(out, tuple) and len(out) == 2
    posts, truth = out
    assert isinstance(truth, Truth)
    assert posts.equals(make_posts(300, days=90, random_state=2))
    per_post = truth.tables["posts"]
    assert per_post["post_id"].tolist() == posts["post_id"].tolist()
    assert per_post["is_viral"].dtype == np.bool_


def test_viral_post_events_point_at_posts_with_outsized_reach():
    relatives, n_events = [], 0
    for seed in range(5):
        posts, truth = make_posts(random_state=seed, return_truth=True)
        events = truth.events[truth.events["type"] == "viral_post"]
        assert set(events["table"]) <= {"posts"}
        ids = events["description"].str.extract(r"Post (\d+) ", expand=False).astype(int)
        flagged = truth.tables["posts"].loc[truth.tables["posts"]["is_viral"], "post_id"]
        assert sorted(ids) == sorted(flagged)
        n_events += len(ids)
        chosen = posts.set_index("post_id").loc[ids]
        # Each event sits on its post: same platform and publishing time.
        assert (events["platform"].astype(str).to_numpy()
                == chosen["platform"].astype(str).to_numpy()).all()
        assert (events["start"].to_numpy() == chosen["published_at"].to_numpy()).all()
        assert (events["magnitude"] >= 4).all()
        median = posts.groupby("platform", observed=True)["reach"].median()
        relatives.append(chosen["reach"] / median.loc[chosen["platform"]].to_numpy())
    relative = pd.concat(relatives)
    assert n_events >= 20
    assert relative.median() > 4
    assert (relative > 2).mean() > 0.8


def test_viral_share_matches_a_rare_event():
    pooled = [make_posts(random_state=s, return_truth=True)[1] for s in range(5)]
    flags = pd.concat([t.tables["posts"]["is_viral"] for t in pooled])
    assert 0.002 < flags.mean() < 0.04


def test_algorithm_change_event_in_truth():
    change = {"platform": "Facebook", "date": "2025-09-15", "factor": 0.6}
    _, truth = make_posts(random_state=1, algorithm_change=change, return_truth=True)
    events = truth.events[truth.events["type"] == "algorithm_change"]
    assert len(events) == 1
    event = events.iloc[0]
    assert event["platform"] == "Facebook"
    assert event["magnitude"] == pytest.approx(0.6)
    assert event["start"].tz_localize(None) == pd.Timestamp("2025-09-15")
    assert re.search("Facebook", event["description"])


def test_algorithm_change_on_a_day_without_midnight():
    """In Cairo the clocks jump from 00:00 to 01:00 on 2025-04-25."""
    brand = make_brand(0, timezone="Africa/Cairo")
    change = {"platform": "Instagram", "date": "2025-04-25", "factor": 0.5}
    _, truth = make_posts(brand=brand, algorithm_change=change, random_state=0,
                          return_truth=True)
    event = truth.events[truth.events["type"] == "algorithm_change"].iloc[0]
    assert event["start"].tz_localize(None).normalize() == pd.Timestamp("2025-04-25")
