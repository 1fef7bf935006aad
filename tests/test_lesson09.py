"""Lesson 09: what is specific to it (the rules every lesson shares are in test_lessons.py)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from lessonkit import run_notebook, solution_notebook  # noqa: E402

from smmlab.exercises import Outcome, lesson09  # noqa: E402
from smmlab.exercises.core import CourseData, course_truth, load_course_data  # noqa: E402

EXERCISES = list(lesson09.LESSON.exercises.values())
MISTAKES = [(e, m) for e in EXERCISES for m in e.mistakes]


@pytest.fixture(scope="module")
def solved():
    return run_notebook(solution_notebook("09"))


@pytest.fixture(scope="module")
def data():
    return load_course_data()


@pytest.fixture(scope="module")
def other():
    return load_course_data(learner="neighbour@example.org")


@pytest.mark.parametrize(("exercise", "mistake"), MISTAKES,
                         ids=lambda v: getattr(v, "name", None))
def test_no_mistake_is_also_the_right_answer(exercise, mistake, data, other):
    for course in (data, other):
        result = exercise.check_answers({exercise.variables[0]: mistake.compute(course)},
                                        course)
        assert not result.correct, f"{mistake.name} is right on {course.brand}"


def test_a_neighbours_numbers_fail(data, other, solved):
    for name in ("q1", "q2", "q3", "q5", "q6", "q8"):
        exercise = lesson09.LESSON.exercises[name]
        assert exercise.check_answers({exercise.variable: solved[exercise.variable]},
                                      data).correct, name
        theirs = exercise.expected(other)
        assert not exercise.check_answers({exercise.variable: theirs}, data).correct, name


def test_the_notebooks_assumptions_are_the_modules(solved, data):
    assert solved["MARGIN"] == lesson09.margin(data)
    assert solved["ad_cost"] == pytest.approx(lesson09.ad_cost(data))
    assert solved["break_even"] == pytest.approx(lesson09.break_even(data))
    assert (solved["low"], solved["high"]) == pytest.approx(lesson09.holdout_interval(data))
    assert solved["CONTENT_PER_MONTH"] == lesson09.CONTENT_PER_MONTH
    assert solved["TOOLS_PER_MONTH"] == lesson09.TOOLS_PER_MONTH
    assert solved["AGENCY_FEE"] == lesson09.AGENCY_FEE
    assert solved["COST_PER_TICKET"] == lesson09.COST_PER_TICKET
    assert solved["total_cost"] == pytest.approx(lesson09.total_cost(data))
    assert solved["incremental_roas"] == pytest.approx(lesson09.incremental_roas(data))


@pytest.mark.parametrize("which", ["data", "other"])
def test_the_holdout_finds_the_truth_and_the_platforms_over_claim(which, data, other):
    course = data if which == "data" else other
    truth = course_truth(course)["holdout"].params
    estimate = lesson09.incremental_per_week(course)
    assert estimate == pytest.approx(truth["incremental_per_week"], rel=0.5)
    assert lesson09.attributed_per_week(course) > estimate
    assert lesson09.q9.expected(course) in lesson09.VERDICTS


@pytest.mark.parametrize("which", ["data", "other"])
def test_the_three_models_share_the_same_orders_differently(which, data, other):
    paths = (data if which == "data" else other).paths
    total = paths["order_value"].sum()
    last = lesson09.last_click_credit(paths)
    linear = lesson09.linear_credit(paths)
    decay = lesson09.time_decay_all(paths)
    for credit in (last, linear, decay):
        assert credit.sum() == pytest.approx(total)
    social = [c for c in linear.index if c not in ("Search", "Email", "Direct")]
    assert last.reindex(social).fillna(0).sum() < decay[social].sum() < linear[social].sum()


def test_time_decay_matches_the_per_path_function(data, solved):
    paths = data.paths
    decay = pd.concat([lesson09.time_decay_credit(p, 7.0)
                       for _, p in paths.groupby("customer_id")]).groupby(level=0).sum()
    assert decay.to_dict() == pytest.approx(lesson09.time_decay_all(paths).to_dict())
    mine = pd.concat([solved["time_decay"](p, 7.0) for _, p in paths.groupby("customer_id")])
    assert mine.groupby(level=0).sum().to_dict() == pytest.approx(decay.to_dict())
    assert solved["models"]["linear"].to_dict() == pytest.approx(solved["linear"].to_dict())


def test_double_counting_is_named_and_the_function_is_checked(data, solved):
    doubled = lesson09.linear_credit(data.paths, double_count=True)
    result = lesson09.q6.check_answers({"linear": doubled}, data)
    assert result.mistake == "double_counting" and "counted" in result.message
    assert lesson09.q7.check_answers({"time_decay": solved["time_decay"]}, data).correct
    assert len(lesson09.q7.expected(data)) == 7  # 3 journeys x 2 half-lives, and a made-up one
    crash = lesson09.q7.check_answers({"time_decay": lambda p, h: 1 / 0}, data)
    assert crash.outcome is Outcome.NOT_YET and crash.score == 0


def test_roi_on_revenue_and_a_roas_reported_as_roi_are_named(data):
    revenue, cost = lesson09.attributed_revenue(data), lesson09.ad_cost(data)
    result = lesson09.q2.check_answers({"ads_roi": (revenue - cost) / cost}, data)
    assert result.mistake == "on_revenue" and "MARGIN" in result.message
    assert f"{lesson09.margin(data):.0%}" in result.message
    result = lesson09.q2.check_answers(
        {"ads_roi": revenue * lesson09.margin(data) / cost}, data)
    assert result.mistake == "roas_as_roi" and "subtracts" in result.message


def test_the_roi_of_the_ads_is_on_gross_profit_and_the_ads_own_costs(data):
    expected = lesson09.q2.expected(data)
    m = lesson09.margin(data)
    assert expected == pytest.approx(
        (lesson09.attributed_revenue(data) * m - lesson09.ad_cost(data)) / lesson09.ad_cost(data))
    # the ROI is positive exactly when the platforms' ROAS beats the fee-included line
    assert (expected > 0) == (lesson09.attributed_revenue(data) / lesson09.ad_spend(data)
                              > lesson09.break_even(data))
    scope = lesson09.q2.check_answers(
        {"ads_roi": (lesson09.attributed_revenue(data) * m - lesson09.total_cost(data))
         / lesson09.total_cost(data)}, data)
    assert scope.mistake == "every_cost" and "same thing" in scope.message


def _with_gaps(data, gaps, spend=1000.0):
    """The learner's data with a holdout whose weekly differences are ``gaps``."""
    weeks = len(gaps)
    off = pd.Series(10_000.0, index=range(weeks))
    holdout = pd.DataFrame({
        "group": pd.Categorical(["ads on"] * weeks + ["ads off"] * weeks,
                                categories=["ads on", "ads off"], ordered=True),
        "week": list(range(1, weeks + 1)) * 2,
        "sales": list(off + pd.Series(gaps)) + list(off),
        "spend": [spend] * weeks + [0.0] * weeks,
        "attributed_revenue": [2 * spend] * weeks + [0.0] * weeks,
    })
    return CourseData({**data, "holdout": holdout}, brand=data.brand)


def test_the_interval_is_the_t_interval_of_the_weekly_differences(data):
    gaps = [1000.0, 1400.0, 1200.0, 800.0, 1600.0, 1100.0, 1300.0, 1000.0]
    course = _with_gaps(data, gaps)
    mean, sd = pd.Series(gaps).mean(), pd.Series(gaps).std()
    half = 2.3646 * sd / 8 ** 0.5
    assert lesson09.holdout_interval(course) == pytest.approx(
        ((mean - half) / 1000, (mean + half) / 1000), rel=1e-3)


@pytest.mark.parametrize(("scale", "verdict"), [(4.0, lesson09.PAYS), (0.2, lesson09.LOSES),
                                                (None, lesson09.CANNOT_TELL)])
def test_the_verdict_reads_the_whole_interval_against_the_line(data, scale, verdict):
    line = lesson09.break_even(data)
    noise = [-300.0, 300.0, -200.0, 200.0, -100.0, 100.0, 0.0, 0.0]
    if scale is None:  # centred on the line, wide enough to straddle it
        gaps = [1000 * line + 10 * n for n in noise]
    else:
        gaps = [1000 * line * scale + n for n in noise]
    course = _with_gaps(data, gaps)
    low, high = lesson09.holdout_interval(course)
    assert (low > line, high < line) == (verdict == lesson09.PAYS, verdict == lesson09.LOSES)
    assert lesson09.q9.expected(course) == verdict
    for other in lesson09.VERDICTS:
        result = lesson09.q9.check_answers({"verdict": other}, course)
        assert result.correct == (other == verdict)
        if other != verdict:
            assert f"{low:.2f} to {high:.2f}" in result.message


def test_the_verdict_quotes_the_interval(data):
    wrong = next(v for v in lesson09.VERDICTS if v != lesson09.q9.expected(data))
    result = lesson09.q9.check_answers({"verdict": wrong}, data)
    assert result.outcome is Outcome.NOT_YET
    low, high = lesson09.holdout_interval(data)
    assert f"{low:.2f} to {high:.2f}" in result.message


def test_the_overall_roi_counts_every_cost_against_every_measured_return(data, solved):
    m = lesson09.margin(data)
    gain = lesson09.incremental_roas(data) * lesson09.ad_spend(data) * m + \
        lesson09.support_savings(data)
    total = lesson09.total_cost(data)
    assert solved["overall_roi"] == pytest.approx((gain - total) / total)
    taken_as_profit = lesson09.q8.check_answers(
        {"overall_roi": lesson09.overall_roi(data, on_revenue=True)}, data)
    assert taken_as_profit.mistake == "on_revenue"


def test_the_agency_claim_quotes_the_brands_roas(data, other):
    for course in (data, other):
        roas = lesson09.attributed_revenue(course) / lesson09.ad_spend(course)
        assert f"{roas:.2f}x" in lesson09.agency_claim(course)
        assert f"{roas * 100:.0f} % ROI" in lesson09.agency_claim(course)


def _decay_in(unit_seconds):
    def time_decay(path, half_life_days):
        age = (path["timestamp"].max() - path["timestamp"]).dt.total_seconds() // unit_seconds
        weight = 0.5 ** (age / half_life_days)
        credit = path["order_value"].sum() * weight / weight.sum()
        return credit.groupby(path["channel"]).sum()

    return time_decay


@pytest.mark.parametrize("which", ["data", "other"])
def test_ages_in_whole_days_pass_and_in_hours_fail(which, data, other):
    """Issue 11: an age in whole days (.dt.days) is a fair reading of "the days from it to
    the order"; the journeys it is tried on are whole days apart, so it passes."""
    course = data if which == "data" else other
    whole_days = lesson09.q7.check_answers({"time_decay": _decay_in(86400)}, course)
    assert whole_days.correct, str(whole_days)

    def in_hours(path, half_life_days):
        age = (path["timestamp"].max() - path["timestamp"]).dt.total_seconds() / 3600
        weight = 0.5 ** (age / half_life_days)
        return (path["order_value"].sum() * weight / weight.sum()).groupby(path["channel"]).sum()

    hours = lesson09.q7.check_answers({"time_decay": in_hours}, course)
    assert hours.outcome is Outcome.NOT_YET and "your value" in hours.message


def test_bars_swapped_between_their_labels_fail(data):
    """Issue 11: with labels on the bars, each value is checked on its own label."""
    import matplotlib.pyplot as plt

    from smmlab.viz import set_alt_text

    def chart(labels, values):
        fig, ax = plt.subplots()
        ax.bar(labels, values)
        ax.set(title="Ads revenue per week", xlabel="Source", ylabel="EUR per week")
        set_alt_text(fig, "Two bars: what the platforms claim and what the ads caused.")
        plt.close(fig)
        return fig

    claimed, caused = lesson09.attributed_per_week(data), lesson09.incremental_per_week(data)
    for labels in (["Platforms say", "Holdout says"], ["Attributed", "Incremental (holdout)"]):
        right = lesson09.q4.check_answers({"fig": chart(labels, [claimed, caused])}, data)
        assert right.correct, (labels, str(right))
        swapped = lesson09.q4.check_answers({"fig": chart(labels, [caused, claimed])}, data)
        assert swapped.outcome is Outcome.NOT_YET and "tallest bar" in swapped.message, labels


def test_a_function_that_changes_its_journey_changes_nothing_for_the_next_check(data):
    """Checks run in the grader's threads on shared data: the journeys a learner's function
    receives are its own copies, so ``path["order_value"] = 0`` cannot change the
    cases another learner's function is checked on."""
    def greedy(path, half_life_days):
        path["order_value"] = 0.0  # changes the caller's table, not a copy
        path["timestamp"] = path["timestamp"].min()
        return lesson09.time_decay_credit(path, half_life_days)

    assert not lesson09.q7.check_answers({"time_decay": greedy}, data).correct
    right = lesson09.q7.check_answers({"time_decay": lesson09.time_decay_credit}, data)
    assert right.correct, str(right)
