"""Properties of smmlab.metrics that hold for any counts: ranges, scale invariance, identities."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smmlab import metrics
from smmlab.metrics import ReachNotAdditiveWarning

COUNT = st.integers(min_value=0, max_value=10**9)
MONEY = st.integers(min_value=0, max_value=10**11).map(lambda cents: cents / 100)  # real amounts
SCALE = st.integers(min_value=1, max_value=1000)
AGGREGATES = st.sampled_from([None, "per_post", "per_row", "median", "total"])


@st.composite
def part_and_whole(draw, min_size=1, max_size=30):
    """Rows of (part, whole) counts with part <= whole, as two lists."""
    wholes = draw(st.lists(COUNT, min_size=min_size, max_size=max_size))
    parts = [draw(st.integers(min_value=0, max_value=w)) for w in wholes]
    return parts, wholes


def finite(values) -> np.ndarray:
    """The non-NaN values of a number or a Series, as an array."""
    array = np.atleast_1d(np.asarray(values, dtype=float))
    return array[~np.isnan(array)]


def quietly(func, *args, **kwargs):
    """Call a metric with the reach warning silenced (properties, not teaching, here)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReachNotAdditiveWarning)
        return func(*args, **kwargs)


# --- rates that must stay within [0, 1] -----------------------------------------------------


BOUNDED = {
    "engagement_rate by reach": lambda part, whole, agg: quietly(
        metrics.engagement_rate, engagements=part, reach=whole, aggregate=agg),
    "ctr": lambda part, whole, agg: metrics.ctr(clicks=part, impressions=whole, aggregate=agg),
    "cvr": lambda part, whole, agg: metrics.cvr(conversions=part, clicks=whole, aggregate=agg),
    "response_rate": lambda part, whole, agg: metrics.response_rate(
        replied=part, received=whole, aggregate=agg),
}


@pytest.mark.parametrize("name", list(BOUNDED))
@given(rows=part_and_whole(), aggregate=AGGREGATES)
def test_rates_of_a_part_over_its_whole_are_within_0_and_1(name, rows, aggregate):
    parts, wholes = rows
    got = finite(BOUNDED[name](parts, wholes, aggregate))
    assert ((got >= 0) & (got <= 1)).all()


@given(brand=st.lists(COUNT, min_size=1, max_size=20), data=st.data(), aggregate=AGGREGATES)
def test_share_of_voice_is_within_0_and_1(brand, data, aggregate):
    rivals = data.draw(st.lists(COUNT, min_size=len(brand), max_size=len(brand)))
    got = finite(metrics.share_of_voice(brand=brand, competitors=rivals, aggregate=aggregate))
    assert ((got >= 0) & (got <= 1)).all()


@given(counts=st.lists(st.tuples(COUNT, COUNT, COUNT), min_size=1, max_size=20),
       aggregate=AGGREGATES)
def test_net_sentiment_is_within_minus_1_and_1_and_positive_share_within_0_and_1(
    counts, aggregate
):
    pos, neu, neg = (list(c) for c in zip(*counts, strict=True))
    net = finite(metrics.net_sentiment(positive=pos, neutral=neu, negative=neg,
                                       aggregate=aggregate))
    assert ((net >= -1) & (net <= 1)).all()
    share = finite(metrics.net_sentiment(positive=pos, negative=neg, method="positive_share",
                                         aggregate=aggregate))
    assert ((share >= 0) & (share <= 1)).all()


@given(pos=COUNT, neu=COUNT, neg=COUNT, method=st.sampled_from(metrics.SENTIMENT_METHODS),
       confidence=st.floats(min_value=0.5, max_value=0.999))
def test_sentiment_interval_contains_its_estimate_within_the_range(
    pos, neu, neg, method, confidence
):
    got = metrics.net_sentiment_interval(positive=pos, neutral=neu, negative=neg,
                                         method=method, confidence=confidence)
    if got.n == 0:
        assert np.isnan(got.estimate)
        return
    lowest = -1.0 if method == "net" else 0.0
    assert lowest <= got.low <= got.estimate <= got.high <= 1.0


@given(rows=part_and_whole())
def test_frequency_is_at_least_1_when_reach_is_at_most_impressions(rows):
    reach, impressions = rows
    assert (finite(metrics.frequency(impressions=impressions, reach=reach)) >= 1).all()


# --- averages of rates stay between the smallest and the largest row rate ------------------


@given(rows=part_and_whole(min_size=1), aggregate=st.sampled_from(["per_post", "total"]))
def test_aggregates_lie_between_the_row_rates(rows, aggregate):
    clicks, impressions = rows
    per_row = finite(metrics.ctr(clicks=clicks, impressions=impressions))
    got = metrics.ctr(clicks=clicks, impressions=impressions, aggregate=aggregate)
    if per_row.size == 0:
        assert np.isnan(got)
    else:
        assert per_row.min() - 1e-12 <= got <= per_row.max() + 1e-12


# --- scale invariance ----------------------------------------------------------------------


RATIOS = {
    "engagement_rate by reach": (metrics.engagement_rate, "engagements", "reach", {}),
    "engagement_rate by impressions": (metrics.engagement_rate, "engagements", "impressions",
                                       {"by": "impressions"}),
    "engagement_rate by followers": (metrics.engagement_rate, "engagements", "followers",
                                     {"by": "followers"}),
    "applause_rate": (metrics.applause_rate, "likes", "posts", {}),
    "virality_rate": (metrics.virality_rate, "shares", "impressions", {}),
    "frequency": (metrics.frequency, "impressions", "reach", {}),
    "cost_per_engagement": (metrics.cost_per_engagement, "spend", "engagements", {}),
    "ctr": (metrics.ctr, "clicks", "impressions", {}),
    "cpm": (metrics.cpm, "spend", "impressions", {}),
    "cpc": (metrics.cpc, "spend", "clicks", {}),
    "cvr": (metrics.cvr, "conversions", "clicks", {}),
    "cpa": (metrics.cpa, "spend", "conversions", {}),
    "roas": (metrics.roas, "revenue", "spend", {}),
    "share_of_voice": (metrics.share_of_voice, "brand", "competitors", {}),
    "response_rate": (metrics.response_rate, "replied", "received", {}),
}


@pytest.mark.parametrize("name", list(RATIOS))
@given(rows=part_and_whole(max_size=10), k=SCALE, aggregate=AGGREGATES)
def test_multiplying_numerator_and_denominator_by_k_leaves_the_rate_unchanged(
    name, rows, k, aggregate
):
    func, top, bottom, options = RATIOS[name]
    parts, wholes = rows
    before = quietly(func, **{top: parts, bottom: wholes}, **options, aggregate=aggregate)
    after = quietly(func, **{top: [k * p for p in parts], bottom: [k * w for w in wholes]},
                    **options, aggregate=aggregate)
    np.testing.assert_allclose(after, before, rtol=1e-9, equal_nan=True)


@given(counts=st.lists(st.tuples(COUNT, COUNT, COUNT), min_size=1, max_size=10), k=SCALE)
def test_net_sentiment_is_scale_invariant(counts, k):
    pos, neu, neg = (np.array(c, dtype=float) for c in zip(*counts, strict=True))
    before = metrics.net_sentiment(positive=pos, neutral=neu, negative=neg)
    after = metrics.net_sentiment(positive=k * pos, neutral=k * neu, negative=k * neg)
    np.testing.assert_allclose(after, before, rtol=1e-9, equal_nan=True)


@given(spend=st.lists(MONEY, min_size=1, max_size=10), data=st.data(),
       k=st.floats(min_value=0.01, max_value=1000), aggregate=AGGREGATES)
def test_roas_and_roi_do_not_change_when_spend_and_revenue_scale_together(
    spend, data, k, aggregate
):
    revenue = data.draw(st.lists(MONEY, min_size=len(spend), max_size=len(spend)))
    spend, revenue = np.array(spend), np.array(revenue)
    for func, options in ((metrics.roas, {}), (metrics.roi, {"margin": 0.55})):
        before = func(revenue=revenue, spend=spend, aggregate=aggregate, **options)
        after = func(revenue=k * revenue, spend=k * spend, aggregate=aggregate, **options)
        np.testing.assert_allclose(after, before, rtol=1e-9, atol=1e-12, equal_nan=True)


# --- identities -------------------------------------------------------------------------------


@given(spend=st.lists(MONEY, min_size=1, max_size=10), data=st.data(), aggregate=AGGREGATES)
def test_roi_is_roas_times_margin_minus_1_when_the_cost_is_the_ad_spend(spend, data, aggregate):
    revenue = data.draw(st.lists(MONEY, min_size=len(spend), max_size=len(spend)))
    margin = data.draw(st.floats(min_value=0.05, max_value=1.0))
    roas = metrics.roas(revenue=revenue, spend=spend, aggregate=aggregate)
    roi = metrics.roi(revenue=revenue, cost=spend, aggregate=aggregate, margin=margin)
    if aggregate in (None, "total"):  # the identity is linear: it holds per row and on totals
        np.testing.assert_allclose(roi, np.asarray(roas) * margin - 1, rtol=1e-9, atol=1e-9,
                                   equal_nan=True)
    scalar_roas = metrics.roas(revenue=revenue[0], spend=spend[0])
    scalar_roi = metrics.roi(revenue=revenue[0], spend=spend[0], margin=margin)
    np.testing.assert_allclose(scalar_roi, scalar_roas * margin - 1, rtol=1e-9, atol=1e-9,
                               equal_nan=True)
    # ROI is positive exactly when ROAS beats the break-even ROAS.
    if np.isfinite(scalar_roas) and abs(scalar_roas * margin - 1) > 1e-9:
        assert (scalar_roi > 0) == (scalar_roas > metrics.break_even_roas(margin))


@given(rows=part_and_whole(max_size=10))
def test_row_values_equal_the_scalar_calls(rows):
    engagements, reach = rows
    series = metrics.engagement_rate(engagements=pd.Series(engagements), reach=pd.Series(reach))
    singles = [metrics.engagement_rate(engagements=e, reach=r)
               for e, r in zip(engagements, reach, strict=True)]
    np.testing.assert_array_equal(series.to_numpy(), np.array(singles))


@given(rows=part_and_whole(max_size=10))
def test_engagements_by_followers_at_most_by_reach_when_reach_is_at_most_followers(rows):
    reach, followers = rows
    engagements = [r // 2 for r in reach]
    by_reach = metrics.engagement_rate(engagements=engagements, reach=reach).to_numpy()
    by_followers = metrics.engagement_rate(engagements=engagements, followers=followers,
                                           by="followers").to_numpy()
    both = ~np.isnan(by_reach) & ~np.isnan(by_followers)
    assert (by_followers[both] <= by_reach[both] + 1e-15).all()
