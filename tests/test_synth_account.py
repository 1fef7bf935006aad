"""Daily account figures (smmlab.synth.make_account_daily) and the planted account events."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smmlab.synth import PLATFORMS, Truth, make_account_daily, make_brand

COLUMNS = ["date", "platform", "followers", "new_followers", "unfollows", "profile_visits",
           "reach", "impressions", "engagements"]
COUNTS = COLUMNS[2:]
BOUGHT = {"platform": "Instagram", "date": "2025-03-01", "followers": 8000, "days": 21}


def platform_rows(daily: pd.DataFrame, platform: str) -> pd.DataFrame:
    return daily[daily["platform"] == platform].set_index("date")


# --- schema and accounting ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "platforms"),
    [(1, None), (30, None), (365, None), (90, ["X", "Instagram"]), (10, ["YouTube"])],
)
def test_shape_order_and_dtypes(days, platforms):
    overrides = {} if platforms is None else {"platforms": platforms}
    brand = make_brand(2, **overrides)
    daily = make_account_daily(days, brand=brand, start="2025-02-10", random_state=2)
    names = [p for p in PLATFORMS if platforms is None or p in platforms]
    assert daily.columns.tolist() == COLUMNS
    assert daily.shape == (days * len(names), len(COLUMNS))
    assert daily["date"].dtype == np.dtype("datetime64[us]")
    assert (daily["date"] == daily["date"].dt.normalize()).all()
    assert daily["platform"].dtype == pd.CategoricalDtype(list(PLATFORMS), ordered=True)
    for col in COUNTS:
        assert daily[col].dtype == np.int64, col
    dates = pd.date_range("2025-02-10", periods=days, freq="D")
    assert daily["date"].drop_duplicates().tolist() == dates.tolist()
    assert daily["platform"].astype(str).tolist() == names * days
    assert daily.index.equals(pd.RangeIndex(len(daily)))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32), days=st.integers(1, 800), bought=st.booleans())
def test_follower_accounting_and_funnel(seed, days, bought):
    brand = make_brand(seed)
    plan = None
    if bought:
        when = pd.Timestamp("2025-01-01") + pd.Timedelta(days=seed % days)
        plan = {"platform": "TikTok", "date": when, "followers": 500 + seed % 5000, "days": 7}
    daily = make_account_daily(days, brand=brand, bought_followers=plan, random_state=seed)
    for platform, rows in daily.groupby("platform", observed=True):
        start = brand.platforms.loc[platform, "followers"]
        net = (rows["new_followers"] - rows["unfollows"]).cumsum()
        assert (rows["followers"] == start + net).all(), platform
    assert (daily[COUNTS] >= 0).all().all()
    assert (daily["reach"] <= daily["impressions"]).all()
    assert (daily["engagements"] <= daily["reach"]).all()
    assert (daily["profile_visits"] <= daily["reach"]).all()


def test_default_brand_is_drawn_from_the_same_seed():
    daily = make_account_daily(20, random_state=13)
    brand = make_brand(13)
    first = daily[daily["date"] == daily["date"].min()].set_index("platform")
    expected = brand.platforms["followers"] + first["new_followers"] - first["unfollows"]
    assert (first["followers"] == expected.loc[first.index]).all()


def test_deterministic():
    a = make_account_daily(120, random_state=4)
    assert a.equals(make_account_daily(120, random_state=4))
    assert not a.equals(make_account_daily(120, random_state=5))


def test_followers_grow_over_a_year():
    daily = make_account_daily(365, random_state=0)
    first = daily[daily["date"] == daily["date"].min()].set_index("platform")["followers"]
    last = daily[daily["date"] == daily["date"].max()].set_index("platform")["followers"]
    assert (last > first).all()  # growth > churn for every default platform


# --- bought followers --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_bought_burst_grows_followers_but_not_reach(seed):
    brand = make_brand(seed)
    daily, truth = make_account_daily(brand=brand, bought_followers=BOUGHT, random_state=seed,
                                      return_truth=True)
    event = truth.events[truth.events["type"] == "bought_followers"].iloc[0]
    start, end = event["start"].tz_localize(None), event["end"].tz_localize(None)
    ig = platform_rows(daily, "Instagram")
    window = ig.loc[start:end]
    before = ig.loc[start - pd.Timedelta(days=28) : start - pd.Timedelta(days=1)]
    growth = window["new_followers"].mean() / before["new_followers"].mean()
    assert growth > 5
    assert 0.6 < window["reach"].mean() / before["reach"].mean() < 1.6
    assert 0.6 < window["engagements"].mean() / before["engagements"].mean() < 1.6
    # Followers jump while the engagement rate by followers falls.
    assert ig.loc[end, "followers"] - ig.loc[start - pd.Timedelta(days=1), "followers"] > 6000
    er_before = (before["engagements"] / before["followers"]).mean()
    er_window = (window["engagements"] / window["followers"]).mean()
    assert er_window < er_before


def test_bought_truth_matches_the_data():
    daily, truth = make_account_daily(brand=make_brand(1), bought_followers=BOUGHT,
                                      random_state=1, return_truth=True)
    assert isinstance(truth, Truth)
    events = truth.events[truth.events["type"] == "bought_followers"]
    assert len(events) == 1
    event = events.iloc[0]
    table = truth.tables["account_daily"]
    assert table[["date", "platform"]].equals(daily[["date", "platform"]])
    assert table["bought_new_followers"].sum() == BOUGHT["followers"]
    assert event["magnitude"] == BOUGHT["followers"]
    assert event["platform"] == "Instagram"
    on_ig = table["platform"] == "Instagram"
    assert table.loc[~on_ig, ["bought_new_followers", "bought_unfollows"]].eq(0).all().all()
    delivered = table.loc[on_ig & (table["bought_new_followers"] > 0), "date"]
    assert event["start"].tz_localize(None) == delivered.min()
    assert event["end"].tz_localize(None) == delivered.max()
    assert delivered.min() >= pd.Timestamp(BOUGHT["date"])
    assert delivered.max() < pd.Timestamp(BOUGHT["date"]) + pd.Timedelta(days=BOUGHT["days"])
    peak = table.loc[on_ig].set_index("date")["bought_new_followers"].idxmax()
    assert event["peak"].tz_localize(None) == peak
    # Bought followers are part of the observed new followers; the purge comes later.
    assert (daily["new_followers"] >= table["bought_new_followers"]).all()
    assert (daily["unfollows"] >= table["bought_unfollows"]).all()
    purged = table.loc[on_ig, "bought_unfollows"]
    assert 0 < purged.sum() < 0.3 * BOUGHT["followers"]
    assert table.loc[purged[purged > 0].index, "date"].min() > delivered.max()


def test_bought_burst_cut_by_the_end_of_the_period_still_delivers_everything():
    plan = {"platform": "X", "date": "2025-03-25", "followers": 3000, "days": 30}
    daily, truth = make_account_daily(90, brand=make_brand(2), bought_followers=plan,
                                      random_state=2, return_truth=True)
    assert truth.tables["account_daily"]["bought_new_followers"].sum() == 3000
    event = truth.events[truth.events["type"] == "bought_followers"].iloc[0]
    assert event["magnitude"] == 3000
    assert event["end"].tz_localize(None) <= daily["date"].max()


def test_no_plan_no_events():
    _, truth = make_account_daily(60, random_state=3, return_truth=True)
    assert truth.events.empty
    assert truth.tables["account_daily"][["bought_new_followers", "bought_unfollows"]].eq(0).all(
    ).all()


def test_algorithm_change_lowers_reach_from_its_date():
    change = {"platform": "Facebook", "date": "2025-07-01", "factor": 0.5}
    ratios = []
    for seed in range(4):
        daily, truth = make_account_daily(random_state=seed, algorithm_change=change,
                                          return_truth=True)
        cut = pd.Timestamp("2025-07-01")

        def after_over_before(platform, daily=daily, cut=cut):
            reach = platform_rows(daily, platform)["reach"]
            after = reach.loc[cut : cut + pd.Timedelta(days=27)]
            before = reach.loc[cut - pd.Timedelta(days=28) : cut - pd.Timedelta(days=1)]
            return after.mean() / before.mean()

        # Instagram is the control: it shares the season and weekday effects.
        ratios.append(after_over_before("Facebook") / after_over_before("Instagram"))
        event = truth.events[truth.events["type"] == "algorithm_change"].iloc[0]
        assert event["start"].tz_localize(None) == cut
        assert event["magnitude"] == pytest.approx(0.5)
    assert np.median(ratios) < 0.7


# --- validation of the scenario dicts ----------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"bought_followers": {**BOUGHT, "price": 10}}, "bought_followers"),
        ({"bought_followers": {**BOUGHT, "platform": "Myspace"}}, "bought_followers['platform']"),
        ({"bought_followers": {**BOUGHT, "date": "2026-03-01"}}, "bought_followers['date']"),
        ({"bought_followers": {**BOUGHT, "date": "2024-12-31"}}, "bought_followers['date']"),
        ({"bought_followers": {**BOUGHT, "date": "soon"}}, "bought_followers['date']"),
        ({"bought_followers": {**BOUGHT, "followers": -5}}, "bought_followers['followers']"),
        ({"bought_followers": {**BOUGHT, "followers": 0}}, "bought_followers['followers']"),
        ({"bought_followers": {**BOUGHT, "followers": 10.5}}, "bought_followers['followers']"),
        ({"bought_followers": {**BOUGHT, "days": 0}}, "bought_followers['days']"),
        ({"bought_followers": "Instagram"}, "bought_followers"),
        ({"bought_followers": {"date": "2025-03-01"}}, "bought_followers['platform']"),
        ({"algorithm_change": {"platform": "Facebook", "date": "2025-06-01", "when": 1}},
         "algorithm_change"),
        ({"algorithm_change": {"platform": "MySpace", "date": "2025-06-01"}},
         "algorithm_change['platform']"),
        ({"algorithm_change": {"platform": "Facebook", "date": "2027-06-01"}},
         "algorithm_change['date']"),
        ({"algorithm_change": {"platform": "Facebook", "date": "2025-06-01", "factor": 0}},
         "algorithm_change['factor']"),
        ({"algorithm_change": {"platform": "Facebook", "date": "2025-06-01", "factor": -1}},
         "algorithm_change['factor']"),
        ({"algorithm_change": ["Facebook"]}, "algorithm_change"),
    ],
)
def test_invalid_scenarios_name_the_parameter(kwargs, param):
    with pytest.raises(ValueError) as err:
        make_account_daily(365, random_state=0, **kwargs)
    assert param in str(err.value)


def test_scenario_on_a_platform_the_brand_lacks_is_refused():
    brand = make_brand(0, platforms=["Facebook", "X"])
    with pytest.raises(ValueError, match=r"bought_followers\['platform'\]"):
        make_account_daily(90, brand=brand, bought_followers=BOUGHT, random_state=0)


def test_bought_burst_starting_on_a_day_without_midnight():
    """In Havana the clocks jump from 00:00 to 01:00 on 2025-03-09."""
    brand = make_brand(0, timezone="America/Havana")
    plan = {"platform": "Instagram", "date": "2025-03-09", "followers": 500, "days": 1}
    _, truth = make_account_daily(90, brand=brand, bought_followers=plan, random_state=0,
                                  return_truth=True)
    event = truth.events.iloc[0]
    assert event["start"].tz_localize(None).normalize() == pd.Timestamp("2025-03-09")
    assert str(event["start"].tz) == "America/Havana"


@pytest.mark.parametrize("factor", [0.5, 2.0])
def test_follows_track_reach_through_an_algorithm_change(factor):
    """An algorithm change moves organic follows with reach: follows per reach stay level."""
    change = {"platform": "Facebook", "date": "2025-07-01", "factor": factor}
    cut = pd.Timestamp("2025-07-01")
    ratios, follows = [], []
    for seed in range(4):
        daily = make_account_daily(random_state=seed, algorithm_change=change)
        fb = platform_rows(daily, "Facebook")
        after = fb.loc[cut : cut + pd.Timedelta(days=55)]
        before = fb.loc[cut - pd.Timedelta(days=56) : cut - pd.Timedelta(days=1)]
        per_reach = [t["new_followers"].sum() / t["reach"].sum() for t in (before, after)]
        ratios.append(per_reach[1] / per_reach[0])
        follows.append(after["new_followers"].sum() / before["new_followers"].sum())
    assert 0.8 < np.median(ratios) < 1.25
    assert np.median(follows) == pytest.approx(factor, rel=0.3)


def test_an_algorithm_change_moves_only_the_follows_it_hits():
    change = {"platform": "Facebook", "date": "2025-07-01", "factor": 0.5}
    plain = make_account_daily(random_state=3)
    changed = make_account_daily(random_state=3, algorithm_change=change)
    hit = (changed["platform"] == "Facebook") & (changed["date"] >= "2025-07-01")
    follows = ["new_followers", "unfollows", "followers"]
    # Other platforms and earlier days keep their follower counts.
    pd.testing.assert_frame_equal(plain.loc[~hit, follows], changed.loc[~hit, follows])
    # A cut keeps some of the day's follows: never more than without it.
    assert (changed.loc[hit, "new_followers"] <= plain.loc[hit, "new_followers"]).all()
    assert changed.loc[hit, "new_followers"].sum() < 0.7 * plain.loc[hit, "new_followers"].sum()
