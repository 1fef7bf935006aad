"""Tests for smmlab.stats: proportions, resampling, sample size and the peeking lesson.

The statistical promises are checked by simulation on data whose truth is known
(mostly :func:`smmlab.synth.make_ab_test`): a 95 % interval covers the true
difference about 95 % of the time, p-values under "no difference" fall below
0.05 about 5 % of the time, the computed sample size reaches the requested power.
All simulations use fixed seeds, so the file gives the same verdict every run.
"""

from __future__ import annotations

import math
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smmlab import stats
from smmlab.stats import (
    BootstrapDifferenceResult,
    BootstrapResult,
    PeekingResult,
    PermutationResult,
    ProportionsResult,
    bootstrap_ci,
    bootstrap_difference,
    compare_proportions,
    compare_proportions_frame,
    peeking_simulation,
    permutation_test,
    pooled_z,
    sample_size,
)
from smmlab.stats._messages import MESSAGES
from smmlab.stats.peeking import BY_DAY_COLUMNS
from smmlab.synth import make_ab_test

MINUS = "\N{MINUS SIGN}"


def two_sided_p(z: np.ndarray) -> np.ndarray:
    """Two-sided normal p-value, computed independently of the library (erfc)."""
    return np.array([math.erfc(abs(v) / math.sqrt(2)) for v in np.ravel(z)])


# --- compare_proportions -------------------------------------------------------------------


def test_summary_is_the_course_sentence() -> None:
    res = compare_proportions(200, 10_000, 230, 10_000, metric="click rate")
    assert res.summary() == (
        f"B's click rate is 2.3 % vs 2.0 % for A: +0.3 points (95 % CI {MINUS}0.1 to +0.7). "
        "A difference this large would happen by chance in 14 % of tests with no real "
        "difference, so this is not convincing evidence that B is better."
    )


def test_fields_match_the_textbook_formulas() -> None:
    res = compare_proportions(200, 10_000, 230, 10_000)
    assert isinstance(res, ProportionsResult)
    assert (res.rate_a, res.rate_b) == (0.02, 0.023)
    assert res.difference == pytest.approx(0.003)
    assert res.relative_lift == pytest.approx(0.15)
    pooled = 430 / 20_000
    z = 0.003 / math.sqrt(pooled * (1 - pooled) * (2 / 10_000))
    assert res.z == pytest.approx(z)
    assert res.p_value == pytest.approx(math.erfc(z / math.sqrt(2)))
    assert res.confidence == 0.95 and not res.significant
    with pytest.raises(AttributeError):
        res.p_value = 0.0  # type: ignore[misc]  # frozen


@pytest.mark.parametrize(
    ("counts", "low", "high"),
    [  # Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10
        ((48, 80, 56, 70), 0.0524, 0.3339),
        ((3, 10, 9, 10), 0.1705, 0.8090),
        ((0, 29, 5, 56), -0.0381, 0.1926),
        ((0, 20, 0, 10), -0.1611, 0.2775),
    ],
)
def test_interval_matches_newcombe_published_values(counts, low, high) -> None:
    res = compare_proportions(*counts)
    assert (round(res.ci_low, 4), round(res.ci_high, 4)) == (low, high)


def test_significant_results_say_so_in_both_directions() -> None:
    better = compare_proportions(200, 10_000, 290, 10_000)
    worse = compare_proportions(290, 10_000, 200, 10_000)
    assert better.significant and "convincing evidence that B is better" in better.summary()
    assert "not" not in better.summary().split("so this is")[1]
    assert "convincing evidence that B is worse" in worse.summary()
    assert "less than 0.1 %" in better.summary()
    same = compare_proportions(0, 10, 0, 20)
    assert same.p_value == 1.0 and "no evidence that A and B differ" in same.summary()
    assert math.isnan(same.relative_lift)


def test_confidence_level_changes_the_interval_and_the_sentence() -> None:
    r95 = compare_proportions(200, 10_000, 250, 10_000)
    r99 = compare_proportions(200, 10_000, 250, 10_000, confidence=0.99)
    assert r99.ci_low < r95.ci_low < r95.ci_high < r99.ci_high
    assert r95.significant and not r99.significant
    assert "(99 % CI" in r99.summary() and "not convincing" in r99.summary()


@settings(max_examples=150, deadline=None)
@given(
    n_a=st.integers(1, 5000),
    n_b=st.integers(1, 5000),
    share_a=st.floats(0, 1),
    share_b=st.floats(0, 1),
    confidence=st.floats(0.5, 0.999),
)
def test_interval_and_p_value_are_coherent(n_a, n_b, share_a, share_b, confidence) -> None:
    s_a, s_b = round(share_a * n_a), round(share_b * n_b)
    res = compare_proportions(s_a, n_a, s_b, n_b, confidence=confidence)
    assert -1.0 <= res.ci_low <= res.difference <= res.ci_high <= 1.0
    assert 0.0 <= res.p_value <= 1.0
    mirror = compare_proportions(s_b, n_b, s_a, n_a, confidence=confidence)
    assert mirror.difference == pytest.approx(-res.difference)
    assert mirror.ci_low == pytest.approx(-res.ci_high)
    assert mirror.p_value == pytest.approx(res.p_value)
    assert isinstance(res.summary(), str)


def test_an_interval_at_the_edge_stays_within_minus_one_and_one() -> None:
    """Found by the property test above: 1 of 1 against 0 of 41 gave ci_low -1.0000000000000002."""
    res = compare_proportions(1, 1, 0, 41, confidence=0.583984375)
    assert -1.0 <= res.ci_low <= res.difference <= res.ci_high <= 1.0


def test_interval_covers_the_true_difference_about_95_percent() -> None:
    covered = []
    for seed in range(300):
        ab, truth = make_ab_test(
            400, baseline_rate=0.05, lift=0.4, days=7, random_state=seed, return_truth=True
        )
        res = compare_proportions_frame(ab)
        true_diff = truth.params["true_difference"]
        covered.append(res.ci_low <= true_diff <= res.ci_high)
    assert 0.92 <= np.mean(covered) <= 0.98


def test_p_values_are_roughly_uniform_without_a_real_difference() -> None:
    p_values = np.array(
        [
            compare_proportions_frame(
                make_ab_test(1000, baseline_rate=0.05, lift=0.0, days=7, random_state=seed)
            ).p_value
            for seed in range(400)
        ]
    )
    assert 0.02 <= np.mean(p_values < 0.05) <= 0.08
    assert 0.42 <= np.mean(p_values < 0.5) <= 0.58
    assert np.all((p_values >= 0) & (p_values <= 1))


def test_pooled_z_is_elementwise_and_zero_without_successes() -> None:
    z = pooled_z([200, 0, 10], [10_000, 30, 10], [230, 0, 10], [10_000, 50, 10])
    assert z.shape == (3,)
    assert z[0] == pytest.approx(compare_proportions(200, 10_000, 230, 10_000).z)
    assert z[1] == 0.0 and z[2] == 0.0  # no one or everyone clicked: nothing to compare


# --- compare_proportions_frame -------------------------------------------------------------


def test_frame_shortcut_counts_people_and_successes() -> None:
    ab = make_ab_test(3000, random_state=4)
    res = compare_proportions_frame(ab)
    counts = ab.groupby("variant", observed=True)["clicked"].agg(["sum", "size"])
    expected = compare_proportions(
        counts.loc["A", "sum"], counts.loc["A", "size"], counts.loc["B", "sum"], 3000
    )
    assert res.p_value == expected.p_value and res.ci_low == expected.ci_low
    assert res.summary().startswith("B's click rate is")
    conv = compare_proportions_frame(ab, outcome="converted")
    assert conv.metric == "conversion rate" and conv.summary().startswith("B's conversion rate")


def test_frame_shortcut_with_other_columns_and_groups() -> None:
    df = pd.DataFrame(
        {"creative": ["video"] * 4 + ["photo"] * 4, "bought": [1, 0, 0, 0, 1, 1, 0, 0]}
    )
    res = compare_proportions_frame(
        df, group="creative", outcome="bought", a="video", b="photo", confidence=0.9
    )
    assert (res.rate_a, res.rate_b, res.confidence) == (0.25, 0.5, 0.9)
    assert res.summary().startswith("photo's 'bought' rate is 50.0 % vs 25.0 % for video")


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"group": "arm"}, "group"),
        ({"outcome": "likes"}, "outcome"),
        ({"a": "C"}, "a"),
        ({"b": "Z"}, "b"),
        ({"a": "B", "b": "B"}, "b"),
    ],
)
def test_frame_shortcut_errors_name_the_parameter(kwargs, param) -> None:
    df = pd.DataFrame({"variant": ["A", "B"], "clicked": [True, False]})
    with pytest.raises(ValueError, match=rf"^{param} must"):
        compare_proportions_frame(df, **kwargs)


def test_frame_shortcut_rejects_non_binary_outcomes_and_non_frames() -> None:
    df = pd.DataFrame({"variant": ["A", "B", "B"], "clicked": [1, 2, np.nan]})
    with pytest.raises(ValueError, match=r"'clicked' must hold only True/False or 1/0"):
        compare_proportions_frame(df)
    with pytest.raises(ValueError, match=r"^df must be a pandas DataFrame"):
        compare_proportions_frame([1, 2, 3])  # type: ignore[arg-type]


# --- permutation_test ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "rate_a", "rate_b", "seed"),
    [(1500, 0.10, 0.12, 0), (1500, 0.10, 0.115, 1), (4000, 0.02, 0.025, 2), (800, 0.3, 0.3, 3)],
)
def test_permutation_agrees_with_the_z_test_on_clicks(n, rate_a, rate_b, seed) -> None:
    rng = np.random.default_rng(seed)
    a, b = rng.random(n) < rate_a, rng.random(n) < rate_b
    z_test = compare_proportions(int(a.sum()), n, int(b.sum()), n)
    perm = permutation_test(a, b, statistic="proportion", random_state=seed)
    assert perm.difference == pytest.approx(z_test.difference)
    assert abs(perm.p_value - z_test.p_value) < 0.02 + 0.1 * z_test.p_value


def test_proportion_shortcut_matches_real_shuffling() -> None:
    rng = np.random.default_rng(7)
    a, b = rng.random(600) < 0.1, rng.random(600) < 0.14
    fast = permutation_test(a, b, statistic="proportion", n_resamples=5000, random_state=1)
    shuffled = permutation_test(a, b, statistic=np.mean, n_resamples=5000, random_state=1)
    assert fast.difference == pytest.approx(shuffled.difference)
    assert abs(fast.p_value - shuffled.p_value) < 0.02
    assert fast.null_distribution.std() == pytest.approx(shuffled.null_distribution.std(), rel=0.05)


def test_permutation_result_fields_and_alternatives() -> None:
    rng = np.random.default_rng(3)
    a, b = rng.lognormal(3.6, 0.5, 80), rng.lognormal(3.75, 0.5, 90)
    two = permutation_test(a, b, n_resamples=4000, random_state=0)
    greater = permutation_test(a, b, n_resamples=4000, alternative="greater", random_state=0)
    less = permutation_test(a, b, n_resamples=4000, alternative="less", random_state=0)
    assert isinstance(two, PermutationResult)
    assert two.null_distribution.shape == (4000,) and (two.n_a, two.n_b) == (80, 90)
    assert two.difference == pytest.approx(b.mean() - a.mean())
    assert abs(two.null_distribution.mean()) < 0.1 * two.null_distribution.std()
    assert greater.p_value + less.p_value == pytest.approx(1.0, abs=2 / 4001)
    assert two.difference > 0 and greater.p_value < two.p_value
    assert 1 / 4001 <= greater.p_value and two.p_value <= 1.0


def test_permutation_median_and_functions_without_axis() -> None:
    rng = np.random.default_rng(5)
    a, b = rng.exponential(30, 60), rng.exponential(40, 70)
    med = permutation_test(a, b, statistic="median", n_resamples=1000, random_state=2)
    assert med.difference == pytest.approx(np.median(b) - np.median(a))
    with_axis = permutation_test(
        a,
        b,
        statistic=lambda x, axis=None: np.percentile(x, 90, axis=axis),
        n_resamples=300,
        random_state=2,
    )
    without_axis = permutation_test(
        a, b, statistic=lambda x: np.percentile(x, 90), n_resamples=300, random_state=2
    )
    assert with_axis.p_value == without_axis.p_value
    np.testing.assert_allclose(with_axis.null_distribution, without_axis.null_distribution)
    assert "statistic is" in with_axis.summary()  # a lambda has no name to show


def test_permutation_summary_wording() -> None:
    weak = permutation_test([1, 2, 3, 4], [2, 3, 4, 5], random_state=0)
    assert "not convincing evidence that B's mean is really higher" in weak.summary()
    prop = permutation_test([0, 0, 1, 0] * 50, [1, 1, 0, 1] * 50, statistic="proportion")
    text = prop.summary(a="Reel", b="Carousel")
    assert text.startswith(
        "Carousel's rate is 75.0 % vs 25.0 % for Reel: a difference of +50.0 points."
    )
    assert "(p < 0.001)" in text
    assert "convincing evidence that Carousel's rate is really higher" in text
    low = permutation_test([5, 6, 7] * 10, [1, 2, 3] * 10, alternative="less", random_state=0)
    assert "against B" in low.summary() and "really lower" in low.summary()


# --- bootstrap_ci --------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(0, 1e4, allow_nan=False), min_size=1, max_size=60),
    st.integers(0, 2**32),
)
def test_bootstrap_interval_contains_the_sample_median(values, seed) -> None:
    res = bootstrap_ci(values, n_resamples=500, random_state=seed)
    assert res.estimate == pytest.approx(np.median(values))
    assert res.ci_low <= res.estimate <= res.ci_high


def test_bootstrap_interval_narrows_as_the_sample_grows() -> None:
    rng = np.random.default_rng(11)
    widths = []
    for n in (50, 500, 5000):
        res = bootstrap_ci(rng.lognormal(3.7, 0.6, n), n_resamples=2000, random_state=0)
        widths.append(res.ci_high - res.ci_low)
    assert widths[0] > 2 * widths[1] > 4 * widths[2]


def test_bootstrap_other_statistics_and_summary() -> None:
    x = pd.Series([10.0, 12.5, 9.0, 40.0, 11.0, 13.5, 12.0, 10.5])
    res = bootstrap_ci(x, statistic="mean", confidence=0.9, n_resamples=2000, random_state=0)
    assert isinstance(res, BootstrapResult)
    assert res.estimate == pytest.approx(x.mean())
    assert res.bootstrap_distribution.shape == (2000,)
    assert "middle 90 % of the means" in res.summary()
    wide = bootstrap_ci(x, statistic="mean", confidence=0.99, n_resamples=2000, random_state=0)
    assert wide.ci_low <= res.ci_low and res.ci_high <= wide.ci_high
    share = bootstrap_ci([1, 0, 0, 1, 0] * 40, statistic="proportion", random_state=1)
    assert share.estimate == 0.4 and "The rate of the 200 values is 40.0 %" in share.summary()
    p90 = bootstrap_ci(x, statistic=lambda v: np.percentile(v, 90), n_resamples=200)
    assert p90.ci_low <= p90.ci_high


# --- bootstrap_difference ------------------------------------------------------------------


def test_bootstrap_difference_redraws_each_group_from_its_own_values() -> None:
    """A all 10 and B all 20: every re-drawn B - A is 10; pooling A and B would move it."""
    res = bootstrap_difference([10.0] * 15, [20.0] * 12, n_resamples=500, random_state=0)
    assert isinstance(res, BootstrapDifferenceResult)
    assert (res.value_a, res.value_b, res.difference) == (10.0, 20.0, 10.0)
    assert res.ci_low == res.ci_high == 10.0
    np.testing.assert_array_equal(res.bootstrap_distribution, np.full(500, 10.0))
    assert (res.n_a, res.n_b, res.n_resamples) == (15, 12, 500)


def test_bootstrap_difference_covers_the_true_difference_about_95_percent() -> None:
    """Two skewed populations whose medians differ by a known amount (exp(mu) is the median)."""
    true = 46.0 - 40.0
    rng = np.random.default_rng(3)
    covered = 0
    runs = 200
    for seed in range(runs):
        a = rng.lognormal(np.log(40.0), 0.5, size=150)
        b = rng.lognormal(np.log(46.0), 0.5, size=150)
        res = bootstrap_difference(a, b, n_resamples=1000, random_state=seed)
        covered += res.ci_low <= true <= res.ci_high
    assert 0.89 <= covered / runs <= 0.99, covered


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.floats(0, 1e4, allow_nan=False), min_size=1, max_size=40),
    st.lists(st.floats(0, 1e4, allow_nan=False), min_size=1, max_size=40),
    st.integers(0, 2**32),
)
def test_bootstrap_difference_is_b_minus_a(a, b, seed) -> None:
    res = bootstrap_difference(a, b, n_resamples=200, random_state=seed)
    assert res.difference == pytest.approx(np.median(b) - np.median(a))
    assert res.ci_low <= res.ci_high
    assert min(b) - max(a) <= res.ci_low and res.ci_high <= max(b) - min(a)
    swapped = bootstrap_difference(b, a, n_resamples=200, random_state=seed)
    assert swapped.difference == pytest.approx(-res.difference)


def test_bootstrap_difference_of_rates_and_summaries() -> None:
    rates = bootstrap_difference([1, 0, 0, 0] * 50, [1, 1, 0, 0] * 50, statistic="proportion",
                                 random_state=1)
    assert rates.difference == pytest.approx(0.25)
    assert 0.1 < rates.ci_low < 0.25 < rates.ci_high < 0.4
    assert "+25.0 points" in rates.summary() and "It is all above 0" in rates.summary()
    few = bootstrap_difference([30.0, 52.0, 41.0, 38.0], [35.0, 29.0, 60.0], random_state=0)
    text = few.summary(a="the photo", b="the customer")
    assert "It includes 0" in text and "the customer − the photo" in text
    assert "With 3 values in the smaller group" in text and "rough guide" in text
    lower = bootstrap_difference([50.0, 52.0, 51.0] * 10, [40.0, 41.0, 39.0] * 10,
                                 statistic="mean", random_state=0)
    assert "all below 0: B's mean is lower" in lower.summary()
    assert "rough guide" not in lower.summary()


# --- sample_size ---------------------------------------------------------------------------


def test_sample_size_reference_value() -> None:
    p1, p2 = 0.02, 0.022
    mean = (p1 + p2) / 2
    n = (
        1.959963984540054 * math.sqrt(2 * mean * (1 - mean))
        + 0.8416212335729143 * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    ) ** 2 / (p2 - p1) ** 2
    assert sample_size(0.02, 0.002, relative=False) == math.ceil(n)
    assert sample_size(0.02, 0.10) in (math.ceil(n), math.ceil(n) + 1)  # 0.02 * 1.1 rounding


@settings(max_examples=100, deadline=None)
@given(
    baseline=st.floats(0.005, 0.5),
    effect=st.floats(0.02, 0.5),
    power=st.floats(0.5, 0.95),
)
def test_sample_size_falls_with_the_effect_and_rises_with_power(baseline, effect, power) -> None:
    n = sample_size(baseline, effect, power=power)
    assert isinstance(n, int) and n >= 1
    assert sample_size(baseline, effect * 1.5, power=power) <= n
    assert sample_size(baseline, effect, power=min(power + 0.04, 0.99)) >= n
    assert sample_size(baseline, effect, power=power, alpha=0.01) >= n
    assert sample_size(baseline, effect, power=power, two_sided=False) <= n


def test_a_drop_needs_a_sample_too() -> None:
    assert sample_size(0.05, -0.2) > 0
    assert sample_size(0.05, -0.01, relative=False) == sample_size(0.04, 0.01, relative=False)


def test_simulated_power_at_the_computed_size_is_as_requested() -> None:
    rng = np.random.default_rng(2024)
    for p1, effect, power in ((0.10, 0.20, 0.8), (0.03, 0.5, 0.9)):
        n = sample_size(p1, effect, power=power)
        clicks_a = rng.binomial(n, p1, size=4000)
        clicks_b = rng.binomial(n, p1 * (1 + effect), size=4000)
        pooled = (clicks_a + clicks_b) / (2 * n)
        z = (clicks_b - clicks_a) / n / np.sqrt(pooled * (1 - pooled) * 2 / n)
        reached = np.mean(two_sided_p(z) < 0.05)
        assert abs(reached - power) < 0.035, (p1, effect, n, reached)


# --- peeking_simulation --------------------------------------------------------------------


def test_daily_peeking_finds_far_more_false_winners() -> None:
    res = peeking_simulation(n_tests=10_000, random_state=3)
    assert isinstance(res, PeekingResult)
    assert 0.04 <= res.single_look_rate <= 0.06
    assert res.daily_peeking_rate > 2.5 * res.single_look_rate
    assert "times as often" in res.summary() and "false alarm" in res.summary()


def test_peeking_by_day_table() -> None:
    res = peeking_simulation(days=10, daily_visitors=300, rate=0.05, n_tests=3000, random_state=1)
    by_day = res.by_day
    assert by_day.columns.tolist() == list(BY_DAY_COLUMNS)
    assert by_day["day"].tolist() == list(range(1, 11))
    assert by_day["people_per_variant"].tolist() == [300 * d for d in range(1, 11)]
    peeking = by_day["false_winner_if_peeking"].to_numpy()
    assert np.all(np.diff(peeking) >= 0)
    assert peeking[0] == by_day["significant_if_checked_once"].iloc[0]
    assert peeking[-1] == res.daily_peeking_rate
    assert by_day["significant_if_checked_once"].iloc[-1] == res.single_look_rate
    assert 0.03 <= by_day["significant_if_checked_once"].mean() <= 0.07


def test_one_day_means_one_look() -> None:
    res = peeking_simulation(days=1, n_tests=500, random_state=0)
    assert res.single_look_rate == res.daily_peeking_rate


def test_stricter_alpha_gives_fewer_false_winners() -> None:
    loose = peeking_simulation(alpha=0.1, n_tests=4000, random_state=0)
    strict = peeking_simulation(alpha=0.01, n_tests=4000, random_state=0)
    assert strict.single_look_rate < loose.single_look_rate
    assert strict.daily_peeking_rate < loose.daily_peeking_rate
    assert "close to the 1 % you accept" in strict.summary()


# --- randomness ----------------------------------------------------------------------------


def _random_calls(seed):
    a, b = np.arange(30.0), np.arange(5.0, 35.0)
    return (
        permutation_test(a, b, n_resamples=500, random_state=seed).null_distribution,
        permutation_test(
            [0, 1] * 20, [1, 1, 0] * 10, statistic="proportion", random_state=seed
        ).null_distribution,
        bootstrap_ci(a, n_resamples=500, random_state=seed).bootstrap_distribution,
        bootstrap_difference(a, b, n_resamples=500, random_state=seed).bootstrap_distribution,
        peeking_simulation(n_tests=200, random_state=seed).by_day.to_numpy(),
    )


def test_same_seed_same_result_different_seed_different_result() -> None:
    first, again, other = _random_calls(8), _random_calls(8), _random_calls(9)
    for x, y, z in zip(first, again, other, strict=True):
        np.testing.assert_array_equal(x, y)
        assert not np.array_equal(x, z)
    from_generator = _random_calls(np.random.default_rng(8))
    assert all(arr.size for arr in from_generator)


def test_global_random_state_is_untouched() -> None:
    numpy_before = np.random.get_state()  # noqa: NPY002 - the legacy global state is the point
    python_before = random.getstate()
    _random_calls(None)
    numpy_after = np.random.get_state()  # noqa: NPY002
    assert random.getstate() == python_before
    assert numpy_before[0] == numpy_after[0] and numpy_before[2:] == numpy_after[2:]
    np.testing.assert_array_equal(numpy_before[1], numpy_after[1])


# --- validation ----------------------------------------------------------------------------

ONE = [1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    ("call", "param", "allowed"),
    [
        (lambda: compare_proportions(11, 10, 1, 10), "successes_a", "from 0 to n_a (= 10)"),
        (lambda: compare_proportions(1, 10, -1, 10), "successes_b", "from 0 to n_b"),
        (lambda: compare_proportions(1, -10, 1, 10), "n_a", "from 1"),
        (lambda: compare_proportions(1, 10, 1, 0), "n_b", "from 1"),
        (lambda: compare_proportions(1, 10, 1, 10.5), "n_b", "whole number"),
        (lambda: compare_proportions(1, 10, 1, 10, confidence=1.0), "confidence", "below 1"),
        (lambda: compare_proportions(1, 10, 1, 10, confidence=0), "confidence", "above 0"),
        (lambda: compare_proportions(1, 10, 1, 10, confidence=95), "confidence", "below 1"),
        (lambda: permutation_test([], ONE), "a", "at least 1"),
        (lambda: permutation_test(ONE, []), "b", "at least 1"),
        (lambda: permutation_test(ONE, [1.0, np.nan]), "b", "missing"),
        (lambda: permutation_test(ONE, ["x", "y"]), "b", "numbers"),
        (lambda: permutation_test(ONE, [[1, 2]]), "b", "one dimension"),
        (lambda: permutation_test(ONE, ONE, statistic="avg"), "statistic", "'median'"),
        (lambda: permutation_test(ONE, ONE, statistic=42), "statistic", "np.median"),
        (lambda: permutation_test(ONE, ONE, statistic=np.sort), "statistic", "one number"),
        (lambda: permutation_test(ONE, ONE, statistic="proportion"), "a", "0/1"),
        (lambda: permutation_test(ONE, ONE, alternative="bigger"), "alternative", "'greater'"),
        (lambda: permutation_test(ONE, ONE, n_resamples=10), "n_resamples", "from 100"),
        (lambda: permutation_test(ONE, ONE, random_state=-1), "random_state", ">= 0"),
        (lambda: bootstrap_ci([]), "x", "at least 1"),
        (lambda: bootstrap_ci(5.0), "x", "numbers"),
        (lambda: bootstrap_ci(ONE, confidence=1.5), "confidence", "below 1"),
        (lambda: bootstrap_ci(ONE, statistic="mode"), "statistic", "'mean'"),
        (lambda: bootstrap_difference([], ONE), "a", "at least 1"),
        (lambda: bootstrap_difference(ONE, [1.0, np.nan]), "b", "missing"),
        (lambda: bootstrap_difference(ONE, [0, 1], statistic="proportion"), "a", "0/1"),
        (lambda: bootstrap_difference(ONE, ONE, confidence=0), "confidence", "above 0"),
        (lambda: bootstrap_difference(ONE, ONE, n_resamples=99), "n_resamples", "from 100"),
        (lambda: sample_size(0, 0.1), "baseline_rate", "above 0"),
        (lambda: sample_size(1.2, 0.1), "baseline_rate", "below 1"),
        (lambda: sample_size(0.02, 0), "min_detectable_effect", "not 0"),
        (lambda: sample_size(0.6, 1.0), "min_detectable_effect", "below 0.6667"),
        (lambda: sample_size(0.02, 0.99, relative=False), "min_detectable_effect", "below 0.98"),
        (lambda: sample_size(0.02, 0.1, alpha=0.6), "alpha", "at most 0.5"),
        (lambda: sample_size(0.02, 0.1, alpha=0), "alpha", "above 0"),
        (lambda: sample_size(0.02, 0.1, power=1), "power", "below 1"),
        (lambda: sample_size(0.02, 0.1, power=0), "power", "above 0"),
        (lambda: sample_size(0.02, 0.1, relative="yes"), "relative", "True or False"),
        (lambda: sample_size(0.02, 0.1, two_sided=1), "two_sided", "True or False"),
        (lambda: peeking_simulation(days=0), "days", "from 1 to 120"),
        (lambda: peeking_simulation(daily_visitors=-5), "daily_visitors", "from 1"),
        (lambda: peeking_simulation(rate=1.0), "rate", "below 1"),
        (lambda: peeking_simulation(n_tests=10**6), "n_tests", "to 20000"),
        (lambda: peeking_simulation(alpha=0.75), "alpha", "at most 0.5"),
        (lambda: permutation_test(ONE, ONE, n_resamples=100).summary(alpha=2), "alpha", "0.5"),
    ],
)
def test_validation_errors_name_the_parameter_and_the_range(call, param, allowed) -> None:
    with pytest.raises(ValueError) as info:
        call()
    message = str(info.value)
    assert message.startswith(f"{param} must"), message
    assert allowed in message, message


#: Message keys built at run time, such as f"{strength}_{direction}" -> "weak_better".
DYNAMIC_KEYS = ("weak_", "strong_", "perm_weak_", "perm_strong_", "tail_", "metric_", "stat_")


def test_every_message_is_used_and_errors_come_from_the_catalogue() -> None:
    folder = Path(stats.__file__).parent
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.py")))
    unused = [
        key
        for key in MESSAGES.keys()
        if f'"{key}"' not in source.replace(f'"{key}": ', "") and not key.startswith(DYNAMIC_KEYS)
    ]
    assert not unused
    assert source.count("raise ValueError(") == 1  # only in _messages.fail


def test_stats_imports_no_higher_layer() -> None:
    code = (
        "import sys, smmlab.stats; "
        "print(' '.join(m for m in sys.modules if m.startswith('smmlab.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    forbidden = ("smmlab.viz", "smmlab.report", "smmlab.exercises", "smmlab.grading")
    assert not [m for m in out if m.startswith(forbidden)], out


# --- t-values (few values) ---------------------------------------------------------------------


@pytest.mark.parametrize(("n", "table"), [(2, 12.706), (3, 4.303), (4, 3.182), (6, 2.571),
                                          (8, 2.365), (11, 2.228), (31, 2.042), (121, 1.980)])
def test_t_values_match_the_tables(n, table):
    assert stats.t_value(n) == pytest.approx(table, abs=0.004)
    assert stats.t_value(n, 0.90) < stats.t_value(n) < stats.t_value(n, 0.99)


@pytest.mark.parametrize("bad", [1, 2.5, 0, True])
def test_t_value_refuses_fewer_than_two_values(bad):
    with pytest.raises(ValueError, match="n must be"):
        stats.t_value(bad)
    with pytest.raises(ValueError, match="confidence"):
        stats.t_value(8, confidence=1.0)
