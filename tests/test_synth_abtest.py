"""Creative A/B test (smmlab.synth.make_ab_test)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smmlab.synth import Truth, make_ab_test, make_brand

COLUMNS = ["user_id", "variant", "date", "clicked", "converted", "order_value"]


def test_columns_and_dtypes():
    ab = make_ab_test(500, random_state=0)
    assert ab.columns.tolist() == COLUMNS
    assert ab["user_id"].dtype == np.int64
    assert ab["variant"].dtype == pd.CategoricalDtype(["A", "B"], ordered=True)
    assert ab["date"].dtype == np.dtype("datetime64[us]")
    assert ab["clicked"].dtype == np.bool_ and ab["converted"].dtype == np.bool_
    assert ab["order_value"].dtype == np.float64
    assert ab["user_id"].tolist() == list(range(1, 1001))


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    n=st.integers(10, 5000),
    baseline_rate=st.floats(0.001, 0.5),
    lift=st.floats(-0.9, 5.0),
    days=st.integers(1, 120),
)
def test_invariants(seed, n, baseline_rate, lift, days):
    if baseline_rate * (1 + lift) > 0.5:
        with pytest.raises(ValueError, match="lift"):
            make_ab_test(n, baseline_rate=baseline_rate, lift=lift, random_state=seed)
        return
    ab = make_ab_test(n, baseline_rate=baseline_rate, lift=lift, days=days, start="2025-03-03",
                      random_state=seed)
    assert ab["variant"].value_counts().to_dict() == {"A": n, "B": n}
    assert (~ab["converted"] | ab["clicked"]).all()  # converting needs a click
    assert (ab["order_value"].isna() == ~ab["converted"]).all()
    assert (ab["order_value"].dropna() > 0).all()
    first = pd.Timestamp("2025-03-03")
    assert ab["date"].min() >= first
    assert ab["date"].max() < first + pd.Timedelta(days=days)


def test_variants_are_shuffled_and_days_spread():
    ab = make_ab_test(2000, days=14, random_state=1)
    first_half = ab["variant"].iloc[:2000]
    assert 0.4 < (first_half == "A").mean() < 0.6
    per_day = ab.groupby("date").size()
    assert len(per_day) == 14
    assert per_day.min() > 0.7 * per_day.mean()


@pytest.mark.parametrize(("seed", "lift"), [(0, 0.15), (1, 0.3), (2, -0.2), (3, 0.0)])
def test_observed_rates_close_to_the_truth(seed, lift):
    n = 200_000
    ab, truth = make_ab_test(n, lift=lift, random_state=seed, return_truth=True)
    assert isinstance(truth, Truth)
    rates = ab.groupby("variant", observed=True)["clicked"].mean()
    for variant, key in (("A", "true_rate_a"), ("B", "true_rate_b")):
        p = truth.params[key]
        se = np.sqrt(p * (1 - p) / n)
        assert abs(rates[variant] - p) < 5 * se, (variant, rates[variant], p)
    assert truth.params["true_rate_b"] == pytest.approx(truth.params["true_rate_a"] * (1 + lift))
    assert truth.params["true_difference"] == pytest.approx(
        truth.params["true_rate_b"] - truth.params["true_rate_a"], abs=1e-15)
    assert truth.params["true_lift"] == lift
    # Clicks convert at the documented rate, the same for both creatives.
    after_click = ab[ab["clicked"]].groupby("variant", observed=True)["converted"].mean()
    q = truth.params["conversion_after_click"]
    clicks = ab.groupby("variant", observed=True)["clicked"].sum()
    for variant in ("A", "B"):
        se = np.sqrt(q * (1 - q) / clicks[variant])
        assert abs(after_click[variant] - q) < 5 * se


def test_day_effect_truth_matches_the_period():
    ab, truth = make_ab_test(1000, days=21, start="2025-06-02", random_state=4,
                             return_truth=True)
    effect = truth.params["day_effect"]
    assert len(effect) == 21
    assert effect.index[0] == pd.Timestamp("2025-06-02")
    assert (effect > 0).all()
    assert truth.params["true_rate_a"] == pytest.approx(0.02 * effect.mean())


def test_lift_zero_is_an_aa_test():
    n = 100_000
    ab, truth = make_ab_test(n, lift=0.0, random_state=5, return_truth=True)
    assert truth.params["true_rate_a"] == truth.params["true_rate_b"]
    assert truth.params["true_difference"] == 0
    rates = ab.groupby("variant", observed=True)["clicked"].mean()
    p = truth.params["true_rate_a"]
    se_diff = np.sqrt(2 * p * (1 - p) / n)
    assert abs(rates["B"] - rates["A"]) < 5 * se_diff


def test_aa_tests_reject_at_the_nominal_rate():
    """Over many A/A tests a two-sided z test at 5 % rejects about 5 % of the time."""
    rejections = 0
    runs = 200
    for seed in range(runs):
        ab = make_ab_test(2000, baseline_rate=0.05, lift=0.0, random_state=seed)
        clicks = ab.groupby("variant", observed=True)["clicked"].agg(["sum", "count"])
        p = clicks["sum"].sum() / clicks["count"].sum()
        se = np.sqrt(p * (1 - p) * 2 / 2000)
        z = (clicks.loc["B", "sum"] - clicks.loc["A", "sum"]) / 2000 / se
        rejections += abs(z) > 1.96
    assert rejections / runs < 0.11  # 5 % expected; binomial noise allows up to about 9 %


def test_order_values_follow_the_brand():
    brand = make_brand(0, industry="cycling gear")
    ab = make_ab_test(50_000, baseline_rate=0.2, brand=brand, random_state=0)
    values = ab["order_value"].dropna()
    assert len(values) > 500
    assert 0.8 * brand.order_value < values.median() < 1.2 * brand.order_value
    assert (values.round(2) == values).all()


def test_deterministic():
    a = make_ab_test(1000, random_state=6)
    assert a.equals(make_ab_test(1000, random_state=6))
    assert not a.equals(make_ab_test(1000, random_state=7))


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"n_per_variant": 9}, "n_per_variant"),
        ({"n_per_variant": 10.0}, "n_per_variant"),
        ({"baseline_rate": 0}, "baseline_rate"),
        ({"baseline_rate": 0.6}, "baseline_rate"),
        ({"baseline_rate": "2%"}, "baseline_rate"),
        ({"lift": 10}, "lift"),
        ({"lift": -0.95}, "lift"),
        ({"lift": float("nan")}, "lift"),
        ({"conversion_lift": -0.95}, "conversion_lift"),
        ({"conversion_lift": 12}, "conversion_lift"),
        ({"baseline_rate": 0.3, "lift": 1.0}, "lift"),
        ({"days": 0}, "days"),
        ({"days": 121}, "days"),
        ({"start": "someday"}, "start"),
        ({"brand": "x"}, "brand"),
        ({"random_state": -1}, "random_state"),
    ],
)
def test_invalid_arguments_name_the_parameter(kwargs, param):
    with pytest.raises(ValueError) as err:
        make_ab_test(**{"random_state": 0, **kwargs})
    assert param in str(err.value)


def test_conversion_lift_changes_only_bs_conversion_after_a_click():
    n = 200_000
    ab, truth = make_ab_test(n, lift=0.15, conversion_lift=-0.4, random_state=8,
                             return_truth=True)
    after_click = ab[ab["clicked"]].groupby("variant", observed=True)["converted"].mean()
    clicks = ab.groupby("variant", observed=True)["clicked"].sum()
    for variant, q in (("A", 0.08), ("B", 0.08 * 0.6)):
        se = np.sqrt(q * (1 - q) / clicks[variant])
        assert abs(after_click[variant] - q) < 5 * se, (variant, after_click[variant], q)
    assert truth.params["conversion_after_click_b"] == pytest.approx(0.048)
    assert truth.params["true_order_lift"] == pytest.approx(1.15 * 0.6 - 1)
    assert truth.params["true_order_rate_b"] == pytest.approx(
        truth.params["true_order_rate_a"] * 1.15 * 0.6)
    # Without a conversion lift, the table is the one the generator always made.
    assert make_ab_test(1000, conversion_lift=0.0, random_state=6).equals(
        make_ab_test(1000, random_state=6))


@pytest.mark.parametrize("seed", range(12))
def test_the_story_holds_on_every_draw(seed):
    """story=True: B wins the clicks, loses the orders, looked 'significant' on an early day."""
    ab = make_ab_test(lift=0.15, conversion_lift=-0.4, story=True, random_state=seed)
    totals = ab.groupby("variant", observed=True)[["clicked", "converted"]].sum()
    assert totals.loc["B", "clicked"] > totals.loc["A", "clicked"]
    assert 3 <= totals.loc["B", "converted"] < totals.loc["A", "converted"]
    running = (ab.groupby(["date", "variant"], observed=True)["clicked"].agg(["sum", "size"])
               .unstack("variant").cumsum().iloc[:-1])
    rate_a = running[("sum", "A")] / running[("size", "A")]
    rate_b = running[("sum", "B")] / running[("size", "B")]
    pooled = (running[("sum", "A")] + running[("sum", "B")]) / (
        running[("size", "A")] + running[("size", "B")])
    z = (rate_b - rate_a) / np.sqrt(
        pooled * (1 - pooled) * (1 / running[("size", "A")] + 1 / running[("size", "B")]))
    assert (z > 1.96).any()
    # The split (who saw which creative, on which day) is the unconditioned one.
    plain = make_ab_test(lift=0.15, conversion_lift=-0.4, random_state=seed)
    assert plain[["variant", "date"]].equals(ab[["variant", "date"]])


def test_a_story_out_of_reach_names_story():
    with pytest.raises(ValueError, match="story"):
        make_ab_test(100, baseline_rate=0.001, story=True, random_state=0)
    with pytest.raises(ValueError, match="story"):
        make_ab_test(1000, days=1, story=True, random_state=0)
    with pytest.raises(ValueError, match="story"):
        make_ab_test(1000, story="yes", random_state=0)
