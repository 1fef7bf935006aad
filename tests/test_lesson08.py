"""Lesson 08: what is specific to it (the rules every lesson shares are in test_lessons.py)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from lessonkit import run_notebook  # noqa: E402

from smmlab.exercises import Outcome, lesson08  # noqa: E402
from smmlab.exercises.core import PLACEHOLDER, course_truth, load_course_data  # noqa: E402
from smmlab.stats import (  # noqa: E402
    bootstrap_ci,
    bootstrap_difference,
    compare_proportions,
    permutation_test,
    sample_size,
)
from smmlab.viz import set_alt_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LEARNER_NOTEBOOK = ROOT / "notebooks" / "08_ab_tests.ipynb"
EXERCISES = list(lesson08.LESSON.exercises.values())
OTHERS = ("neighbour@example.org", "ada@example.org")


@pytest.fixture(scope="module")
def data():
    return load_course_data()


@pytest.fixture(scope="module")
def ab(data):
    return lesson08.ab_table(data)


def _clicked(ab, variant):
    return ab.loc[ab["variant"] == variant, "clicked"]


# --- mistakes and copied answers on other brands ----------------------------------------------


@pytest.mark.parametrize("learner", OTHERS)
def test_named_mistakes_are_recognised_on_other_brands_too(learner):
    other = load_course_data(learner=learner)
    for exercise in EXERCISES:
        for mistake in exercise.mistakes:
            if mistake.compute is None:
                continue  # recognised by its `when`: the exercise's wrong variants test it
            result = exercise.check_answers({exercise.variables[0]: mistake.compute(other)},
                                            other)
            assert result.mistake == mistake.name, (exercise.name, mistake.name, str(result))


def test_a_neighbours_numbers_fail(data):
    """Expected answers come from the learner's own A/B test, so copying fails."""
    other = load_course_data(learner="neighbour@example.org")
    for exercise in (lesson08.q2, lesson08.q3, lesson08.q4, lesson08.q5, lesson08.q8):
        copied = {exercise.variable: exercise.expected(other)}
        assert exercise.check_answers(copied, other).correct, exercise.name
        assert not exercise.check_answers(copied, data).correct, exercise.name


def test_every_hint_is_in_the_catalogue(data):
    def plain(key):
        try:
            return lesson08.MESSAGES.text(key)
        except KeyError:  # a message that quotes the learner's numbers
            return None

    catalogue = {plain(k) for k in lesson08.MESSAGES.keys()} - {None}
    for exercise in EXERCISES:
        assert set(exercise.hints) <= catalogue
        assert all(m.message in catalogue for m in exercise.mistakes if not callable(m.message))
        # messages that quote the learner's numbers are filled from the catalogue
        assert all(m.say(data).strip() for m in exercise.mistakes if callable(m.message))


def test_the_learner_notebook_is_all_placeholders(data):
    namespace = run_notebook(LEARNER_NOTEBOOK)
    for exercise in EXERCISES:
        answers = {v: namespace[v] for v in exercise.variables if v in namespace}
        assert exercise.check_answers(answers, data).outcome is Outcome.NOT_ATTEMPTED


# --- what the data shows ----------------------------------------------------------------------


def test_the_observed_test_is_close_to_the_planted_truth(data):
    truth = course_truth(data)["ab_test"].params
    rates = lesson08.q2.expected(data)
    assert rates["B"] > rates["A"]
    result = lesson08.ab_result(data)
    assert result.ci_low < truth["true_difference"] < result.ci_high
    assert lesson08.q4.expected(data) == pytest.approx(result.relative_lift)


def test_the_agency_call_follows_each_brands_data(data):
    """Canonical data: B is ahead but not proven; another brand's test is conclusive."""
    assert lesson08.q6.expected(data) == "not proven yet"
    wrong = lesson08.q6.check_answers({"agency_call": "B won"}, data)
    assert wrong.outcome is Outcome.NOT_YET and wrong.mistake == "B won"
    result = lesson08.ab_result(data)
    assert f"p = {result.p_value:.2f}" in wrong.message
    assert "not \"the probability that B is better\"" in wrong.message
    assert f"{100 * result.ci_low:+.2f}" in wrong.message
    assert lesson08.q6.check_answers({"agency_call": " Not proven YET"}, data).correct
    ada = load_course_data(learner="ada@example.org")
    assert lesson08.ab_result(ada).p_value < 0.05
    assert lesson08.q6.check_answers({"agency_call": "B won"}, ada).correct
    assert not lesson08.q6.check_answers({"agency_call": "not proven yet"}, ada).correct


def test_the_primary_metric_is_orders_and_clicks_are_told_why(data):
    assert lesson08.q1.check_answers({"primary_metric": "Orders"}, data).correct
    assert lesson08.q1.check_answers({"primary_metric": "commandes"}, data).correct
    clicks = lesson08.q1.check_answers({"primary_metric": "CTR"}, data)
    assert clicks.outcome is Outcome.NOT_YET and "secondary" in clicks.message


@pytest.mark.parametrize("learner", [None, *OTHERS])
def test_b_wins_the_clicks_and_loses_the_orders_on_every_brand(learner):
    """The prose of "Clicks or orders?" (the contract, on the brands the lesson tests use)."""
    other = load_course_data(learner=learner)
    totals = (lesson08.ab_table(other).groupby("variant", observed=True)
              [["clicked", "converted"]].sum())
    assert totals.loc["B", "clicked"] > totals.loc["A", "clicked"]
    assert 3 <= totals.loc["B", "converted"] < totals.loc["A", "converted"]
    per_click = totals["converted"] / totals["clicked"]
    assert per_click["B"] < per_click["A"]  # "its clickers bought less often"


def test_the_orders_formula_and_shuffle_differ_at_small_counts(data):
    """Step 3's caveat: with a handful of orders the formula's p-value is off the shuffle's."""
    formula = lesson08.ab_result(data, "converted").p_value
    ab = lesson08.ab_table(data)
    shuffled = permutation_test(ab.loc[ab["variant"] == "A", "converted"],
                                ab.loc[ab["variant"] == "B", "converted"],
                                statistic="proportion", n_resamples=100_000,
                                random_state=lesson08.SEED).p_value
    assert abs(formula - shuffled) > 0.02  # clicks: within the shuffles' noise (q7's test)
    assert lesson08.ab_table(data).query("variant == 'B'")["converted"].sum() < 10


@pytest.mark.parametrize("learner", [None, *OTHERS])
def test_a_morning_showed_b_significant_before_the_end(learner):
    """Step 6's worked example finds the day a daily peeker would have stopped."""
    other = load_course_data(learner=learner)
    ab = lesson08.ab_table(other)
    running = (ab.groupby(["date", "variant"], observed=True)["clicked"].agg(["sum", "size"])
               .unstack("variant").cumsum())
    early = [compare_proportions(int(r[("sum", "A")]), int(r[("size", "A")]),
                                 int(r[("sum", "B")]), int(r[("size", "B")]))
             for _, r in running.iloc[:-1].iterrows()]
    assert any(res.p_value < 0.05 and res.difference > 0 for res in early)


# --- randomness: which seeds pass --------------------------------------------------------------


@pytest.mark.parametrize("learner", [None, *OTHERS])
def test_the_permutation_p_value_passes_with_any_seed(learner):
    other = load_course_data(learner=learner)
    ab = lesson08.ab_table(other)
    for seed in range(20):
        p = permutation_test(_clicked(ab, "A"), _clicked(ab, "B"), statistic="proportion",
                             random_state=seed).p_value
        assert lesson08.q7.check_answers({"perm_p": p}, other).correct, (seed, p)


@pytest.mark.parametrize("learner", [None, *OTHERS])
def test_the_formula_p_value_is_not_a_shuffle_and_half_of_it_fails(learner):
    """Issue 11: the formula's p-value is close to the shuffles' but is not what q7 asks."""
    other = load_course_data(learner=learner)
    result = lesson08.ab_result(other)
    for written in (result.p_value, round(result.p_value, 3)):
        formula = lesson08.q7.check_answers({"perm_p": written}, other)
        assert formula.outcome is Outcome.NOT_YET and formula.mistake == "formula", written
        assert "formula" in formula.message
    half = lesson08.q7.check_answers({"perm_p": result.p_value / 2}, other)
    assert half.outcome is Outcome.NOT_YET


@pytest.mark.parametrize("learner", [None, *OTHERS])
def test_the_bootstrap_answers_b_minus_a_with_seed(learner):
    """Issue 12: q8 bootstraps B - A, each creative from its own orders, not the pooled median."""
    other = load_course_data(learner=learner)
    ab = lesson08.ab_table(other)
    orders_a = ab.loc[ab["variant"] == "A", "order_value"].dropna()
    orders_b = ab.loc[ab["variant"] == "B", "order_value"].dropna()
    gap = bootstrap_difference(orders_a, orders_b, random_state=lesson08.SEED)
    assert gap.difference == pytest.approx(orders_b.median() - orders_a.median())
    assert lesson08.q8.check_answers({"order_gap_ci": (gap.ci_low, gap.ci_high)},
                                     other).correct
    pooled = bootstrap_ci(ab["order_value"].dropna(), random_state=lesson08.SEED)
    result = lesson08.q8.check_answers({"order_gap_ci": (pooled.ci_low, pooled.ci_high)},
                                       other)
    assert result.mistake == "pooled" and "pooled" in result.message
    # Another seed: named when its ends differ from SEED's (a handful of orders moves them).
    for seed in range(10):
        moved = bootstrap_difference(orders_a, orders_b, random_state=seed)
        answer = {"order_gap_ci": (moved.ci_low, moved.ci_high)}
        verdict = lesson08.q8.check_answers(answer, other)
        if (moved.ci_low, moved.ci_high) == (gap.ci_low, gap.ci_high):
            assert verdict.correct
        elif not verdict.correct:
            assert verdict.mistake == "other_seed" and "SEED" in verdict.message, seed


def test_an_interval_rounded_too_far_is_named(data):
    """-0.001 for -0.0014 (0.14 points) is too coarse; the notebook prints 2 decimals of points."""
    low, high = lesson08.q5.expected(data)
    assert lesson08.q5.check_answers({"ci": (round(low, 4), round(high, 4))}, data).correct
    coarse = lesson08.q5.check_answers({"ci": (round(low, 3), round(high, 3))}, data)
    assert coarse.mistake == "rounded" and "4 decimals" in coarse.message


def test_the_interval_answers_must_be_low_then_high(data):
    low, high = lesson08.q5.expected(data)
    assert lesson08.q5.check_answers({"ci": (low, high)}, data).correct
    assert not lesson08.q5.check_answers({"ci": (high, low)}, data).correct


# --- the function -----------------------------------------------------------------------------


def test_sample_size_cases_use_the_learners_click_rate(data):
    cases = lesson08.q9.expected(data)
    baseline = round(float(lesson08.q2.expected(data)["A"]), 4)
    assert [args for args, _ in cases][:3] == [(baseline, lift) for lift in lesson08.TEST_LIFTS]
    assert all(want == 2 * sample_size(*args) for args, want in cases)


def test_a_per_variant_function_is_named_and_a_placeholder_is_not_attempted(data):
    result = lesson08.q9.check_answers({"people_needed": sample_size}, data)
    assert result.mistake == "per_variant" and "EACH" in result.message
    assert result.score == 0

    def people_needed(baseline_rate, min_lift):
        return PLACEHOLDER

    placeholder = lesson08.q9.check_answers({"people_needed": people_needed}, data)
    assert placeholder.outcome is Outcome.NOT_ATTEMPTED


# --- peeking ----------------------------------------------------------------------------------


def test_peeking_uses_the_learners_traffic_and_finds_many_false_winners(data, ab):
    peeking = lesson08.peeking(data)
    assert peeking.daily_visitors == round(len(ab) / 2 / ab["date"].nunique())
    assert peeking.single_look_rate < 0.08
    assert peeking.daily_peeking_rate > 2.5 * peeking.single_look_rate


def _peeking_chart(data, *, alt=True, column="false_winner_if_peeking"):
    by_day = lesson08.peeking(data).by_day
    fig, ax = plt.subplots()
    ax.plot(by_day["day"], by_day[column])
    ax.set_title("Peeking finds false winners")
    ax.set_xlabel("Day")
    ax.set_ylabel("False winners")
    if alt:
        set_alt_text(fig, "A line climbing from 5 % to 20 %.")
    return fig


def test_the_peeking_chart_checks_the_plotted_line(data):
    assert lesson08.q11.check_answers({"peeking_chart": _peeking_chart(data)}, data).correct
    no_alt = lesson08.q11.check_answers({"peeking_chart": _peeking_chart(data, alt=False)},
                                        data)
    assert no_alt.outcome is Outcome.NOT_YET and no_alt.score == pytest.approx(0.8)
    once = lesson08.q11.check_answers(
        {"peeking_chart": _peeking_chart(data, column="significant_if_checked_once")}, data)
    assert once.outcome is Outcome.NOT_YET
    plt.close("all")


# --- setup ------------------------------------------------------------------------------------


def test_setup_names_the_brand(capsys):
    data = lesson08.setup()
    assert capsys.readouterr().out.strip() == (
        f"Setup complete: you are the new social media manager of {data.brand}.")
