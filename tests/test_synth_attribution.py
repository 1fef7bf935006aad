"""Customer journeys and the holdout test: invariants, determinism, validation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmlab.synth import make_brand, make_holdout, make_paths
from smmlab.synth.attribution import HOLDOUT_COLUMNS, PATH_CHANNELS, PATH_COLUMNS


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_paths_invariants(seed):
    paths, truth = make_paths(500, random_state=seed, return_truth=True)
    assert paths.columns.tolist() == list(PATH_COLUMNS)
    assert list(paths["channel"].cat.categories) == list(PATH_CHANNELS)
    assert paths["channel"].cat.ordered
    assert isinstance(paths["timestamp"].dtype, pd.DatetimeTZDtype)
    assert paths["customer_id"].nunique() == 500
    by = paths.groupby("customer_id")
    # one order per customer, on the last touch; touches numbered 1..k in time order
    assert (by["order_value"].count() == 1).all()
    last = by["touch"].transform("max") == paths["touch"]
    assert paths["order_value"].notna().equals(last)
    assert (by["touch"].min() == 1).all() and (by["touch"].max() == by.size()).all()
    assert by["timestamp"].apply(lambda s: s.is_monotonic_increasing).all()
    assert (paths["order_value"].dropna() > 0).all()
    assert paths["timestamp"].min() >= pd.Timestamp("2025-01-01", tz=paths["timestamp"].dt.tz)
    assert (truth.tables["paths"]["touches"].to_numpy() == by.size().to_numpy()).all()


def test_social_starts_journeys_and_search_or_direct_closes_them():
    paths = make_paths(5000, random_state=3)
    social = ~paths["channel"].isin(["Search", "Email", "Direct"])
    first = paths["touch"] == 1
    last = paths["order_value"].notna()
    long = paths.groupby("customer_id")["touch"].transform("max") > 1
    assert social[first & long].mean() > 0.5 > social[last].mean()


def test_paths_are_reproducible_and_seeds_differ():
    a, b = make_paths(300, random_state=5), make_paths(300, random_state=5)
    assert a.equals(b)
    assert not a.equals(make_paths(300, random_state=6))
    brand = make_brand(2)
    own = make_paths(brand=brand, random_state=1, days=60)
    assert set(own["channel"].dropna().astype(str)) <= set(brand.platforms.index) | {
        "Search", "Email", "Direct"}


def test_holdout_invariants_and_truth():
    test, truth = make_holdout(10, random_state=0, incremental_roas=1.5,
                               attributed_roas=3.0, return_truth=True)
    assert test.columns.tolist() == list(HOLDOUT_COLUMNS)
    assert len(test) == 20 and test["week"].tolist() == list(range(1, 11)) * 2
    off = test[test["group"] == "ads off"]
    on = test[test["group"] == "ads on"]
    assert (off["spend"] == 0).all() and (off["attributed_revenue"] == 0).all()
    assert truth.params["incremental_per_week"] == pytest.approx(
        1.5 * on["spend"].mean(), rel=1e-6)
    estimate = on["sales"].mean() - off["sales"].mean()
    assert estimate == pytest.approx(truth.params["incremental_per_week"], rel=0.35)
    assert on["attributed_revenue"].mean() > truth.params["incremental_per_week"]
    assert truth.tables["holdout"]["incremental"].to_numpy() == pytest.approx(
        1.5 * on["spend"].to_numpy())


def test_holdout_is_reproducible():
    assert make_holdout(random_state=4).equals(make_holdout(random_state=4))
    assert not make_holdout(random_state=4).equals(make_holdout(random_state=5))


@pytest.mark.parametrize(("call", "param"), [
    (lambda: make_paths(0), "n_customers"),
    (lambda: make_paths(10, days=0), "days"),
    (lambda: make_paths(10, start="someday"), "start"),
    (lambda: make_paths(10, return_truth="yes"), "return_truth"),
    (lambda: make_holdout(1), "n_weeks"),
    (lambda: make_holdout(incremental_roas=-1), "incremental_roas"),
    (lambda: make_holdout(incremental_roas=2.0, attributed_roas=1.0), "attributed_roas"),
    (lambda: make_holdout(return_truth=1), "return_truth"),
])
def test_errors_name_the_parameter(call, param):
    with pytest.raises(ValueError, match=param):
        call()


def test_default_size_follows_the_brand():
    brand = make_brand(0)
    paths = make_paths(brand=brand, random_state=0)
    expected = 0.012 * brand.platforms["followers"].sum()
    assert paths["customer_id"].nunique() == pytest.approx(expected, rel=0.2)
    assert np.issubdtype(paths["customer_id"].dtype, np.integer)


def _relative_width(test: pd.DataFrame) -> float:
    """Width of the 95 % t-interval of the weekly differences, over their mean."""
    from smmlab.stats import t_value

    weekly = test.pivot(index="week", columns="group", values="sales")
    gaps = weekly["ads on"] - weekly["ads off"]
    return 2 * t_value(len(gaps)) * gaps.std() / len(gaps) ** 0.5 / gaps.mean()


def test_a_longer_holdout_narrows_the_interval():
    """Lesson 09: "a longer test (more weeks) narrows the interval" (median over 40 seeds)."""
    widths = {weeks: np.median([_relative_width(make_holdout(weeks, random_state=seed,
                                                             incremental_roas=1.0))
                                for seed in range(40)])
              for weeks in (8, 32)}
    assert widths[32] < 0.6 * widths[8]
