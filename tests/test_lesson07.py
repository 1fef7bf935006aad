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
    for name in ("q2", "q3", "q5", "q8", "q10"):
        exercise = lesson07.LESSON.exercises[name]
        assert exercise.check_answers({exercise.variable: solved[exercise.variable]},
                                      data).correct, name
        theirs = exercise.expected(other)
        assert not exercise.check_answers({exercise.variable: theirs}, data).correct, name


def test_the_notebooks_numbers_are_the_modules(data, solved):
    assert solved["october_budget"] == pytest.approx(lesson07.lifetime_budget(data))
    assert solved["pace"] == pytest.approx(lesson07.pace(data))
    assert solved["straight_line"] == pytest.approx(lesson07.straight_line_pace(data))
    assert solved["spent"] / solved["planned"] == pytest.approx(lesson07.pace(data))
    assert solved["month_end"] == pytest.approx(lesson07.month_end(data))
    assert solved["next_channel"] == lesson07.best_by(data, "marginal_roas")
    assert solved["best_split"].to_dict() == pytest.approx(lesson07.best_split(data).to_dict())
    assert solved["next_euro_roi"] == pytest.approx(lesson07.next_euro_roi(data))
    assert solved["break_even"] == pytest.approx(1 / lesson07.margin(data))
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
    assert lesson07.q9.expected(course) == "move half"


def test_the_campaign_cpa_is_not_the_average_of_the_ad_sets(data):
    result = lesson07.q3.check_answers(
        {"ig_sales_cpa": lesson07.q3.mistakes[0].compute(data)}, data)
    assert result.mistake == "averaged_ad_sets" and "average" in result.message


def test_a_plan_that_does_not_add_up_says_so(data):
    plan = lesson07.new_plan(data)
    more = plan.copy()
    more.iloc[0] += 50
    result = lesson07.q8.check_answers({"new_plan": more}, data)
    assert result.mistake == "not_adding_up" and "does not create" in result.message
    assert f"{plan.sum():,.2f}" in result.message
    assert lesson07.q8.check_answers({"new_plan": plan.to_dict()}, data).correct
    reordered = lesson07.q8.check_answers({"new_plan": plan.iloc[::-1]}, data)
    assert reordered.correct
    today = lesson07.q8.check_answers({"new_plan": lesson07.daily_spend(data)}, data)
    assert today.outcome is Outcome.NOT_YET and today.mistake is None


def test_the_function_is_checked_on_the_known_curves(data, solved):
    assert lesson07.q7.check_answers({"extra_revenue": solved["extra_revenue"]}, data).correct
    cases = lesson07.q7.expected(data)
    # today's spend + 10 and half of it + 25 on each channel, and nothing extra
    assert len(cases) == 2 * len(lesson07.daily_spend(data)) + 1
    assert any(args[2] == 0 and want == 0 for args, want in cases)
    crash = lesson07.q7.check_answers({"extra_revenue": lambda c, s, e: 1 / 0}, data)
    assert crash.outcome is Outcome.NOT_YET and crash.score == 0


def test_the_decision_quotes_the_plan_revenues(data):
    result = lesson07.q9.check_answers({"best_plan": "All on the best channel"}, data)
    assert result.outcome is Outcome.NOT_YET
    moved = lesson07.plan_revenue(data, lesson07.new_plan(data))
    assert f"{moved:,.0f}" in result.message and "curve flattens" in result.message


def test_the_decision_gives_reasons_from_the_data(data, other):
    """Issue 12: every wrong plan was told "its returns diminish", even keeping the plan."""
    for course in (data, other):
        best = lesson07.q9.expected(course)
        wrong = [p for p in lesson07.PLANS if p != best]
        messages = {p: lesson07.q9.check_answers({"best_plan": p}, course).message
                    for p in wrong}
        assert len(set(messages.values())) == len(wrong)
        if "keep the plan" in messages:
            top, low = lesson07._best_worst(course)
            returns = lesson07.channel_returns(course)
            keep = messages["keep the plan"]
            assert top in keep and low in keep and "flattens" not in keep
            assert f"{returns.loc[top, 'marginal_roas']:.2f}" in keep


def test_the_cfo_sentence_needs_the_number(data):
    gain = lesson07.monthly_gain(data)
    words = "Moving money from one channel to another at the same budget should bring more"
    missing = lesson07.q12.check_answers({"cfo_sentence": words + " sales."}, data)
    assert missing.outcome is Outcome.NOT_YET and missing.mistake == "no_number"
    for written in (f"{gain:,.0f}", f"{gain:.0f}", f"{gain:,.0f}".replace(",", ".")):
        ok = lesson07.q12.check_answers({"cfo_sentence": f"{words}: {written} euros."}, data)
        assert ok.outcome is Outcome.RECORDED, written
    short = lesson07.q12.check_answers({"cfo_sentence": f"{gain:.0f} euros"}, data)
    assert "at least 15 words" in short.message


def test_extra_revenue_rounded_to_cents_is_right(data, solved):
    # issue 11: a function that returns euros and cents was rejected
    exact = solved["extra_revenue"]
    result = lesson07.q7.check_answers(
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
    fall = lesson07.q12.check_answers({"cfo_sentence": f"{base} fall by {gain:,.0f} euros "
                                                       "in October."}, data)
    assert fall.mistake == "wrong_claim" and f"{gain:,.0f}" in fall.message
    double = lesson07.q12.check_answers({"cfo_sentence": f"{base} rise by {2 * gain:,.0f} "
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


def test_pacing_against_a_straight_line_is_named_with_both_amounts(data, other):
    """Issue 12: the check required budget x 15/31 and rejected the plan to date."""
    for course in (data, other):
        straight = lesson07.straight_line_pace(course)
        result = lesson07.q5.check_answers({"pace": straight}, course)
        assert result.mistake == "straight_line", result
        assert f"{lesson07.planned_so_far(course):,.2f}" in result.message
        plan_pace = lesson07.q5.check_answers({"pace": lesson07.pace(course)}, course)
        assert plan_pace.correct
        by_rows = lesson07.first_half(course)
        same_plan = by_rows["spend"].sum() / by_rows["daily_budget"].sum()
        assert lesson07.q5.check_answers({"pace": same_plan}, course).correct


def test_choosing_the_channel_by_its_average_roas_is_a_named_mistake(data, other):
    for course in (data, other):
        favourite = lesson07.best_by(course, "average_roas")
        result = lesson07.q6.check_answers({"next_channel": favourite}, course)
        assert result.mistake == "average_roas", result
        marginal = lesson07.channel_returns(course).loc[favourite, "marginal_roas"]
        assert f"{marginal:.2f}" in result.message
        right = lesson07.q6.check_answers(
            {"next_channel": lesson07.best_by(course, "marginal_roas").upper()}, course)
        assert right.correct


def test_another_channel_is_told_to_compare_the_next_euro(data):
    returns = lesson07.channel_returns(data).copy()
    platform = lesson07.best_by(data, "platform_roas")
    others = [c for c in returns.index if c not in (platform, lesson07.best_by(
        data, "marginal_roas"))]
    result = lesson07.q6.check_answers({"next_channel": others[-1]}, data)
    assert result.mistake in ("other_channel", "average_roas"), result
    result = lesson07.q6.check_answers({"next_channel": "Pinterest"}, data)
    assert result.outcome is Outcome.NOT_YET and result.mistake is None


def test_roi_of_the_next_euro_is_on_gross_profit(data):
    returns = lesson07.channel_returns(data)
    on_revenue = float(returns["marginal_roas"].max() - 1)
    result = lesson07.q11.check_answers({"next_euro_roi": on_revenue}, data)
    assert result.mistake == "on_revenue" and "gross margin" in result.message
    assert lesson07.q11.check_answers(
        {"next_euro_roi": float(returns["marginal_roas"].max() * lesson07.margin(data) - 1)},
        data).correct


def test_the_equal_marginal_split_keeps_the_budget_and_beats_every_plan(data, other):
    for course in (data, other):
        split = lesson07.best_split(course)
        today = lesson07.daily_spend(course)
        assert split.sum() == pytest.approx(today.sum())
        assert (split >= 0).all()
        revenue = lesson07.plan_revenue(course, split)
        for plan in (today, lesson07.new_plan(course), lesson07.all_in(course)):
            assert revenue >= lesson07.plan_revenue(course, plan) - 1e-9
        # Equal marginal: channels that keep a real budget have next euros within 10 %.
        kept = split[split > 0.05 * today.sum()]
        nxt = [lesson07.revenue_per_day(course, c, s + 1) - lesson07.revenue_per_day(course, c, s)
               for c, s in kept.items()]
        assert max(nxt) <= 1.1 * min(nxt)
