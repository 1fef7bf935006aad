"""Lesson 01: what is specific to it (the rules every lesson shares are in test_lessons.py)."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from lessonkit import run_notebook  # noqa: E402

from smmlab.exercises import Outcome, lesson01  # noqa: E402
from smmlab.exercises.core import PLACEHOLDER, load_course_data  # noqa: E402
from smmlab.metrics import ReachNotAdditiveWarning, frequency  # noqa: E402
from smmlab.viz import set_alt_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOLUTION_NOTEBOOK = ROOT / "notebooks" / "solutions" / "01_metrics_that_matter.ipynb"
EXERCISES = list(lesson01.LESSON.exercises.values())


@pytest.fixture(scope="module")
def solved():
    return run_notebook(SOLUTION_NOTEBOOK)


@pytest.fixture(scope="module")
def data():
    return load_course_data()


@pytest.fixture(scope="module")
def other():
    return load_course_data(learner="neighbour@example.org")


def answers_of(exercise, namespace):
    return {v: namespace[v] for v in exercise.variables}


# --- the rules every lesson follows ------------------------------------------------------------


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_hints_and_solution_show_without_errors(exercise):
    for n in range(1, len(exercise.hints) + 1):
        assert exercise.hints[n - 1] in exercise.hint(n)
    assert exercise.solution_code in exercise.solution()


MISTAKES = [(e, m) for e in EXERCISES for m in e.mistakes]


@pytest.mark.parametrize(("exercise", "mistake"), MISTAKES,
                         ids=lambda v: getattr(v, "name", None))
def test_no_mistake_is_also_the_right_answer(exercise, mistake, data, other):
    """A mistake that happened to equal the answer would hide the message (or pass wrongly)."""
    for course in (data, other):
        result = exercise.check_answers({exercise.variables[0]: mistake.compute(course)},
                                        course)
        assert not result.correct, f"{mistake.name} is right on {course.brand}"


def test_every_hint_and_mistake_message_comes_from_the_catalogue():
    texts = set()
    for key in lesson01.MESSAGES.keys():
        try:
            texts.add(lesson01.MESSAGES.text(key))
        except (KeyError, IndexError, ValueError):
            texts.add(lesson01.MESSAGES.text(key, costs=lesson01.OTHER_COSTS)
                      if "ads_only" in key else key)
    for exercise in EXERCISES:
        assert set(exercise.hints) <= texts, exercise.name
        assert {m.message for m in exercise.mistakes} <= texts, exercise.name


def test_a_neighbours_numbers_fail(data, other, solved):
    """Expected answers come from the learner's own data, so copying a neighbour fails."""
    values = ["q1", "q2", "q3", "q5", "q6", "q8", "q10"]
    for name in values:
        exercise = lesson01.LESSON.exercises[name]
        theirs = exercise.expected(other)
        mine = exercise.check_answers(answers_of(exercise, solved), data)
        assert mine.correct, name
        result = exercise.check_answers({exercise.variable: theirs}, data)
        assert not result.correct, name


def test_the_benchmarks_in_the_notebook_are_the_modules(solved):
    assert solved["benchmarks"]["followers"] == lesson01.RIVAL_IQ_INSTAGRAM
    assert solved["benchmarks"]["impressions"] == lesson01.BUFFER_INSTAGRAM


# --- kind-specific checks ------------------------------------------------------------------------


def test_a_percentage_instead_of_a_fraction_is_explained(data):
    for exercise in (lesson01.q6, lesson01.q8, lesson01.q10):
        right = exercise.expected(data)
        result = exercise.check_answers({exercise.variable: right * 100}, data)
        assert result.outcome is Outcome.NOT_YET and "percentage" in result.message


def test_summed_reach_warns_and_is_named(data):
    ig = lesson01.month_posts(data, platform="Instagram")
    with pytest.warns(ReachNotAdditiveWarning):
        frequency(ig, aggregate="total")
    result = lesson01.q2.check_answers({"at_least_people": int(ig["reach"].sum())}, data)
    assert result.mistake == "summed_reach" and "counted 3 times" in result.message


def test_the_three_rates_are_ordered_as_the_lesson_says(data, other):
    for course in (data, other):
        rates = lesson01.three_rates(lesson01.instagram_year(course))
        assert rates["followers"] < rates["impressions"] < rates["reach"]
        # the agency's comparison flatters far more than the fair one
        assert rates["reach"] / lesson01.RIVAL_IQ_INSTAGRAM > 3 * (
            rates["followers"] / lesson01.RIVAL_IQ_INSTAGRAM)


def test_ig_rates_accepts_any_order_but_needs_the_labels(data):
    rates = lesson01.three_rates(lesson01.instagram_year(data))
    assert lesson01.q3.check_answers({"ig_rates": rates.iloc[::-1]}, data).correct
    unlabelled = rates.reset_index(drop=True)
    assert not lesson01.q3.check_answers({"ig_rates": unlabelled}, data).correct
    # a dict of label -> rate pairs each label with its value: accepted as a Series is
    assert lesson01.q3.check_answers({"ig_rates": rates.to_dict()}, data).correct
    assert "no labels" in lesson01.q3.check_answers({"ig_rates": unlabelled}, data).message


def test_roi_and_roas_swapped_are_named(data):
    sales = lesson01.sales_ads(data)
    roas = sales["revenue"].sum() / sales["spend"].sum()
    result = lesson01.q8.check_answers({"sales_roi": roas}, data)
    assert result.mistake == "roas" and "ROAS" in result.message
    margin = float(data["brand"]["gross_margin"].iloc[0])
    assert lesson01.q8.check_answers({"sales_roi": roas * margin - 1}, data).correct


@pytest.mark.parametrize("course", ["data", "other"])
def test_roi_on_revenue_is_a_named_mistake_with_a_kind_message(course, request):
    """ROI on revenue ((revenue - spend) / spend) is the agency's number: named, not accepted."""
    data = request.getfixturevalue(course)
    sales = lesson01.sales_ads(data)
    on_revenue = (sales["revenue"].sum() - sales["spend"].sum()) / sales["spend"].sum()
    result = lesson01.q8.check_answers({"sales_roi": on_revenue}, data)
    assert result.mistake == "on_revenue" and "margin" in result.message
    with_costs = (sales["revenue"].sum() - sales["spend"].sum() - lesson01.OTHER_COSTS) / (
        sales["spend"].sum() + lesson01.OTHER_COSTS)
    result = lesson01.q10.check_answers({"full_roi": with_costs}, data)
    assert result.mistake == "on_revenue" and "margin" in result.message


def test_roi_uses_the_brands_own_margin(data):
    """The expected ROI follows the brand table's gross margin, not a fixed one."""
    sales = lesson01.sales_ads(data)
    margin = float(data["brand"]["gross_margin"].iloc[0])
    by_hand = (sales["revenue"].sum() * margin - sales["spend"].sum()) / sales["spend"].sum()
    assert lesson01.q8.expected(data) == pytest.approx(by_hand)
    assert margin < 1 and lesson01.q8.expected(data) < on_revenue_roi(sales)


def on_revenue_roi(sales):
    return (sales["revenue"].sum() - sales["spend"].sum()) / sales["spend"].sum()


def test_the_76_percent_example_loses_money_at_55_percent(solved):
    """The worked example's claim, computed: 'ROI 76 %' on revenue is a loss at a 55 % margin."""
    from smmlab.metrics import roi

    assert roi(revenue=1760, spend=1000, margin=1) == pytest.approx(0.76)
    assert roi(revenue=1760, spend=1000, margin=0.55) < 0
    assert solved["margin"] == pytest.approx(float(load_course_data()["brand"]["gross_margin"]
                                                   .iloc[0]))


# --- one definition of "typical" -----------------------------------------------------------------


def test_a_typical_post_is_the_median_and_the_months_rate_is_not_called_a_mistake(data):
    """q6 asks for a typical post: the median passes; the average is named as the month's rate."""
    october = lesson01.month_posts(data)
    per_post = october["engagements"] / october["reach"]
    assert lesson01.q6.check_answers({"typical_rate": per_post.median()}, data).correct
    result = lesson01.q6.check_answers({"typical_rate": per_post.mean()}, data)
    assert result.mistake == "mean" and "month's rate" in result.message
    assert "You took the mean" not in result.message


def test_fair_comparison_counts_likes_and_comments_like_rival_iq(data):
    ig = lesson01.instagram_year(data)
    fair = ((ig["likes"] + ig["comments"]) / ig["followers_at_post"]).median()
    assert lesson01.q5.check_answers({"times_benchmark": fair / 0.0047}, data).correct
    every_action = (ig["engagements"] / ig["followers_at_post"]).median() / 0.0047
    result = lesson01.q5.check_answers({"times_benchmark": every_action}, data)
    assert result.mistake == "all_actions" and "saves and shares" in result.message


# --- the function exercise ---------------------------------------------------------------------


def _good_cpm(spend, impressions):
    if impressions == 0:
        return float("nan")
    return spend / impressions * 1000


def test_cpm_cases_come_from_the_data_and_include_a_day_without_impressions(data, other):
    cases = lesson01.q7.expected(data)
    assert any(args[1] == 0 and math.isnan(want) for args, want in cases)
    assert any(args[0] == 0 and want == 0 for args, want in cases)
    ads = lesson01.october_ads(data)
    first = ads[(ads["impressions"] > 0) & (ads["impressions"] < 10_000)].iloc[0]
    assert cases[0][0] == (float(first["spend"]), int(first["impressions"]))
    assert [args for args, _ in lesson01.q7.expected(other)] != [args for args, _ in cases]


def test_cpm_accepts_numpy_nan_and_the_library_function(data):
    import numpy as np

    from smmlab import metrics

    assert lesson01.q7.check_answers({"cpm": _good_cpm}, data).correct
    numpy_nan = lambda s, i: np.nan if i == 0 else s / i * 1000  # noqa: E731
    assert lesson01.q7.check_answers({"cpm": numpy_nan}, data).correct
    library = lambda s, i: metrics.cpm(spend=s, impressions=i)  # noqa: E731
    assert lesson01.q7.check_answers({"cpm": library}, data).correct


def test_cpm_feedback_is_specific(data):
    none_for_zero = lambda s, i: None if i == 0 else s / i * 1000  # noqa: E731
    result = lesson01.q7.check_answers({"cpm": none_for_zero}, data)
    assert result.outcome is Outcome.NOT_YET and "cpm(42.5, 0) should be a number" in result.message
    assert 0 < result.score < 1  # partial credit: the other days are right
    naive_upside_down = lambda s, i: i / s * 1000  # noqa: E731 - crashes without spend
    assert lesson01.q7.check_answers({"cpm": naive_upside_down}, data).mistake == "upside_down"
    crash_and_no_thousand = lambda s, i: s / i  # noqa: E731
    assert lesson01.q7.check_answers({"cpm": crash_and_no_thousand},
                                     data).mistake == "no_thousand"
    not_a_function = lesson01.q7.check_answers({"cpm": 12.5}, data)
    assert "should be a function" in not_a_function.message


def test_the_starter_function_is_not_attempted(data):
    def cpm(spend, impressions):
        return PLACEHOLDER

    result = lesson01.q7.check_answers({"cpm": cpm}, data)
    assert result.outcome is Outcome.NOT_ATTEMPTED and "cpm" in result.message


# --- the decision --------------------------------------------------------------------------------


def test_decision_quotes_the_learners_numbers(data):
    totals = lesson01.channel_totals(data)
    worst = lesson01._review_first(data)
    cheapest = str(totals["CPM"].idxmin())
    assert cheapest != worst
    result = lesson01.q9.check_answers({"review_first": cheapest}, data)
    assert result.outcome is Outcome.NOT_YET
    assert cheapest in result.message and worst in result.message and "x" in result.message
    assert lesson01.q9.check_answers({"review_first": worst.upper()}, data).correct
    invalid = lesson01.q9.check_answers({"review_first": "X"}, data)
    assert "must be one of" in invalid.message  # X has no ad campaigns


def test_decision_choices_follow_the_learners_channels(other):
    totals = lesson01.channel_totals(other)
    worst = str(totals["ROAS"].idxmin())
    assert lesson01.q9.check_answers({"review_first": worst}, other).correct


# --- the chart -----------------------------------------------------------------------------------


def _chart(data, *, alt=True, wrong=False, labels=True):
    rates = lesson01.three_rates(lesson01.instagram_year(data))
    if wrong:
        rates = lesson01.three_rates(lesson01.instagram_year(data), "total")
    fig, ax = plt.subplots()
    ax.bar(rates.index if labels else range(3), rates)
    ax.set_title("Engagement rate")
    ax.set_xlabel("Divided by")
    ax.set_ylabel("Rate")
    if alt:
        set_alt_text(fig, "Bars of three engagement rates.")
    return fig


def test_chart_checks_the_plotted_data_and_gives_partial_credit(data):
    assert lesson01.q4.check_answers({"fig": _chart(data)}, data).correct
    assert lesson01.q4.check_answers({"fig": _chart(data, labels=False)}, data).correct
    no_alt = lesson01.q4.check_answers({"fig": _chart(data, alt=False)}, data)
    assert no_alt.outcome is Outcome.NOT_YET and no_alt.score == pytest.approx(0.8)
    wrong = lesson01.q4.check_answers({"fig": _chart(data, wrong=True)}, data)
    assert wrong.outcome is Outcome.NOT_YET and "in the data it is" in wrong.message
    plt.close("all")


def test_the_solution_chart_has_benchmark_markers_and_alt_text_with_numbers(solved):
    fig = solved["fig"]
    assert lesson01.q4.check_answers({"fig": fig}, load_course_data()).correct
    from smmlab.viz import alt_text

    assert "%" in alt_text(fig) and "Rival IQ" in alt_text(fig)


# --- the reflection and setup --------------------------------------------------------------------


def test_reflection_is_recorded_never_scored(data):
    short = lesson01.q12.check_answers({"note_to_manager": ["We are good."]}, data)
    assert short.outcome is Outcome.NOT_YET and "at least 30 words" in short.message


def test_setup_names_the_brand(capsys):
    data = lesson01.setup()
    assert capsys.readouterr().out.strip() == (
        f"Setup complete: you are the new social media manager of {data.brand}.")
