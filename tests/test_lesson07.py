"""Lesson 07: what is specific to it (the rules every lesson shares are in test_lessons.py)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from lessonkit import run_notebook, solution_notebook  # noqa: E402

from smmlab.exercises import Outcome, lesson07  # noqa: E402
from smmlab.exercises.core import load_course_data  # noqa: E402
from smmlab.viz import set_alt_text  # noqa: E402

EXERCISES = list(lesson07.LESSON.exercises.values())
#: Mistakes recomputed from the data (the others are recognised by ``when``: no answer to compute).
MISTAKES = [(e, m) for e in EXERCISES for m in e.mistakes if m.compute is not None]


@pytest.fixture(scope="module")
def solved():
    return run_notebook(solution_notebook("07"))


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
    for name in ("q2", "q3", "q5", "q7", "q9"):
        exercise = lesson07.LESSON.exercises[name]
        assert exercise.check_answers({exercise.variable: solved[exercise.variable]},
                                      data).correct, name
        theirs = exercise.expected(other)
        assert not exercise.check_answers({exercise.variable: theirs}, data).correct, name


def test_the_notebooks_numbers_are_the_modules(data, solved):
    assert solved["october_budget"] == lesson07.lifetime_budget(data)
    assert solved["budget"] == pytest.approx(lesson07.daily_spend(data).sum())
    returns = lesson07.channel_returns(data)
    assert solved["by_channel"]["marginal_roas"].to_dict() == pytest.approx(
        returns["marginal_roas"].to_dict())


@pytest.mark.parametrize("which", ["data", "other"])
def test_returns_diminish_and_the_platform_over_credits(which, data, other):
    course = data if which == "data" else other
    returns = lesson07.channel_returns(course)
    assert (returns["marginal_roas"] < returns["average_roas"]).all()
    assert (returns["platform_roas"] > returns["average_roas"]).all()
    assert lesson07.monthly_gain(course) > 0
    assert lesson07.q8.expected(course) == "move half"


def test_the_campaign_cpa_is_not_the_average_of_the_ad_sets(data):
    result = lesson07.q3.check_answers(
        {"ig_sales_cpa": lesson07.q3.mistakes[0].compute(data)}, data)
    assert result.mistake == "averaged_ad_sets" and "average" in result.message


def test_a_plan_that_does_not_add_up_says_so(data):
    plan = lesson07.new_plan(data)
    more = plan.copy()
    more.iloc[0] += 50
    result = lesson07.q7.check_answers({"new_plan": more}, data)
    assert result.mistake == "not_adding_up" and "does not create" in result.message
    assert f"{plan.sum():,.2f}" in result.message
    assert lesson07.q7.check_answers({"new_plan": plan.to_dict()}, data).correct
    reordered = lesson07.q7.check_answers({"new_plan": plan.iloc[::-1]}, data)
    assert reordered.correct
    today = lesson07.q7.check_answers({"new_plan": lesson07.daily_spend(data)}, data)
    assert today.outcome is Outcome.NOT_YET and today.mistake is None


def test_the_function_is_checked_on_the_known_curves(data, solved):
    assert lesson07.q6.check_answers({"extra_revenue": solved["extra_revenue"]}, data).correct
    cases = lesson07.q6.expected(data)
    # today's spend + 10 and half of it + 25 on each channel, and nothing extra
    assert len(cases) == 2 * len(lesson07.daily_spend(data)) + 1
    assert any(args[2] == 0 and want == 0 for args, want in cases)
    crash = lesson07.q6.check_answers({"extra_revenue": lambda c, s, e: 1 / 0}, data)
    assert crash.outcome is Outcome.NOT_YET and crash.score == 0


def test_the_decision_quotes_the_plan_revenues(data):
    result = lesson07.q8.check_answers({"best_plan": "All on the best channel"}, data)
    assert result.outcome is Outcome.NOT_YET
    moved = lesson07.plan_revenue(data, lesson07.new_plan(data))
    assert f"{moved:,.0f}" in result.message and "diminish" in result.message


def test_the_cfo_sentence_needs_the_number(data):
    gain = lesson07.monthly_gain(data)
    words = "Moving money from one channel to another at the same budget should bring more"
    missing = lesson07.q10.check_answers({"cfo_sentence": words + " sales."}, data)
    assert missing.outcome is Outcome.NOT_YET and missing.mistake == "no_number"
    for written in (f"{gain:,.0f}", f"{gain:.0f}", f"{gain:,.0f}".replace(",", ".")):
        ok = lesson07.q10.check_answers({"cfo_sentence": f"{words}: {written} euros."}, data)
        assert ok.outcome is Outcome.RECORDED, written
    short = lesson07.q10.check_answers({"cfo_sentence": f"{gain:.0f} euros"}, data)
    assert "at least 15 words" in short.message


def test_extra_revenue_rounded_to_cents_is_right(data, solved):
    # issue 11: a function that returns euros and cents was rejected
    exact = solved["extra_revenue"]
    result = lesson07.q6.check_answers(
        {"extra_revenue": lambda c, s, e: round(exact(c, s, e), 2)}, data)
    assert result.correct, result


def test_rates_to_four_decimals_are_right(data, solved):
    # issue 11: CTR and CVR rounded to 4 decimals (0.009 for 0.009035) were rejected
    rounded = solved["ig_kpis"].round(4)
    assert lesson07.q2.check_answers({"ig_kpis": rounded}, data).correct
    coarse = solved["ig_kpis"].round(1)  # every CTR becomes 0.0
    assert not lesson07.q2.check_answers({"ig_kpis": coarse}, data).correct


def test_the_cfo_sentence_must_say_the_gain_the_right_way(data):
    gain = lesson07.monthly_gain(data)
    base = "Moving money between channels at the same budget should make revenue"
    fall = lesson07.q10.check_answers({"cfo_sentence": f"{base} fall by {gain:,.0f} euros "
                                                       "in October."}, data)
    assert fall.mistake == "wrong_claim" and f"{gain:,.0f}" in fall.message
    double = lesson07.q10.check_answers({"cfo_sentence": f"{base} rise by {2 * gain:,.0f} "
                                                         "euros in October."}, data)
    assert double.mistake == "wrong_claim"


def _chart(data, *, alt=True):
    kpis = lesson07.funnel_kpis(lesson07.channel_ads(data))
    fig, ax = plt.subplots()
    ax.bar(kpis.index, kpis["CPA"])
    ax.set_title("CPA by ad set")
    ax.set_xlabel("Ad set")
    ax.set_ylabel("EUR")
    if alt:
        set_alt_text(fig, "Bars of the CPA of each ad set.")
    return fig


def test_the_chart_checks_the_cpa_and_gives_partial_credit(data, solved):
    assert lesson07.q4.check_answers({"fig": solved["fig"]}, data).correct
    assert lesson07.q4.check_answers({"fig": _chart(data)}, data).correct
    no_alt = lesson07.q4.check_answers({"fig": _chart(data, alt=False)}, data)
    assert no_alt.outcome is Outcome.NOT_YET and no_alt.score == pytest.approx(0.8)
    plt.close("all")


def test_setup_names_the_brand(capsys):
    data = lesson07.setup()
    assert data.brand in capsys.readouterr().out
