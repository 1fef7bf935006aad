"""Lesson 10: what is specific to it (the rules every lesson shares are in test_lessons.py)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from concurrent.futures import ThreadPoolExecutor  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from lessonkit import run_notebook, solution_notebook  # noqa: E402

from smmlab.exercises import Outcome, lesson10  # noqa: E402
from smmlab.exercises.core import load_course_data  # noqa: E402
from smmlab.viz import set_alt_text  # noqa: E402

EXERCISES = list(lesson10.LESSON.exercises.values())
#: Mistakes recognised by recomputing the wrong answer (the memo's "no number" is a test).
MISTAKES = [(e, m) for e in EXERCISES for m in e.mistakes if m.compute is not None]


@pytest.fixture(scope="module")
def solved():
    return run_notebook(solution_notebook("10"))


@pytest.fixture(scope="module")
def data():
    return load_course_data()


@pytest.fixture(scope="module")
def other():
    return load_course_data(learner="neighbour@example.org")


@pytest.mark.parametrize(("exercise", "mistake"), MISTAKES,
                         ids=lambda v: getattr(v, "name", None))
def test_no_mistake_is_also_the_right_answer(exercise, mistake, data, other):
    brands = [d.with_variant("10", i) for d in (data, other)
              for i in range(lesson10.VARIANTS.count)]
    for course in brands:
        if mistake.name == f"target_{(lesson10.uplift(course) - 1) * 100:.0f}":
            continue  # measuring against the learner's own target is right, not a mistake
        result = exercise.check_answers({exercise.variables[0]: mistake.compute(course)},
                                        course)
        assert not result.correct, f"{mistake.name} is right on {course.brand}"
        assert result.mistake == mistake.name, f"{mistake.name} on {course.brand}: {result}"


def test_a_neighbours_numbers_fail(data, other, solved):
    for name in ("q1", "q3", "q4", "q7"):
        exercise = lesson10.LESSON.exercises[name]
        assert exercise.check_answers({exercise.variable: solved[exercise.variable]},
                                      data).correct, name
        theirs = exercise.expected(other)
        assert not exercise.check_answers({exercise.variable: theirs}, data).correct, name


def test_the_months_follow_the_planted_change(data, other, solved):
    assert lesson10.months(data) != lesson10.months(other)
    assert (solved["previous_month"], solved["review_month"], solved["new_month"]) == \
        lesson10.months(data)
    for course in (data, other):
        platform, date = lesson10.algorithm_change(course)
        assert lesson10.suspect(course) == platform
        step = lesson10.platform_step(course, platform)
        assert abs((step.date - date).days) <= 5
        assert lesson10.q6.expected(course) == f"{platform}'s algorithm changed"


def test_the_function_is_checked_on_months_the_notebook_never_shows(data, solved):
    shown = set(lesson10.months(data))
    cases = lesson10.q2.expected(data)
    assert {args[1] for args, _ in cases}.isdisjoint(shown)
    assert lesson10.q2.check_answers({"monthly_kpis": solved["monthly_kpis"]}, data).correct

    def only_october(posts, month):
        return lesson10.monthly_kpis(posts, 10)

    partial = lesson10.q2.check_answers({"monthly_kpis": only_october}, data)
    assert partial.outcome is Outcome.NOT_YET and partial.score == 0


def test_reach_is_compared_platform_by_platform(data, solved):
    _, review, new = lesson10.months(data)
    target = lesson10.daily_reach(data, review) * 1.05
    gap = solved["reach_gap"]
    assert gap.index.astype(str).tolist() == target.index.tolist()
    assert (gap.to_numpy() == pytest.approx((lesson10.daily_reach(data, new) - target).to_numpy()))
    assert (solved["gap_share"].to_numpy() == pytest.approx((gap / target.to_numpy()).to_numpy()))
    total = lesson10.q3.check_answers({"reach_gap": lesson10.total_gap(data)}, data)
    assert total.mistake == "summed_platforms" and "twice" in total.message


def test_the_platform_that_changed_misses_its_target(data, other):
    for course in (data, other):
        platform, _ = lesson10.algorithm_change(course)
        assert lesson10.reach_gap(course)[platform] < 0
        assert lesson10.gap_share(course).idxmin() == platform


def test_the_memo_says_missed_or_beat_as_the_gap_says(data, solved):
    platform = lesson10.suspect(data)
    gap = lesson10.reach_gap(data)[platform]
    assert gap < 0 and "missed its target" in solved["memo"]
    assert f"{abs(gap):,.0f} people a day" in solved["memo"]
    assert lesson10._verdict(-3.0) == "missed" and lesson10._verdict(12.0) == "beat"
    assert "beat" not in lesson10._memo(data)


def test_the_managers_pick_is_sometimes_the_wrong_platform():
    """The answer depends on the data: where the biggest miss in people is a big platform's
    wobble, naming it is wrong and the message says why in the learner's numbers."""
    course = load_course_data(learner="dario")
    pick, changed = lesson10.blamed(course), lesson10.suspect(course)
    assert pick != changed and lesson10.q6.expected(course) == f"{changed}'s algorithm changed"
    result = lesson10.q6.check_answers({"cause": f"{pick}'s algorithm changed"}, course)
    assert result.outcome is Outcome.NOT_YET and "big platform" in result.message
    share = lesson10.gap_share(course)[pick]
    assert f"{share:.0%}" in result.message and changed in result.message
    unnamed = lesson10.q6.check_answers({"cause": "The platform changed"}, course)
    assert unnamed.mistake == "the platform changed" and changed in unnamed.message
    italian = lesson10.q6.check_answers({"cause": f"l'algoritmo di {changed} è cambiato"},
                                        course)
    assert italian.correct


def test_blaming_the_content_names_the_platform_and_the_date(data):
    result = lesson10.q6.check_answers({"cause": "Our content got worse"}, data)
    assert result.outcome is Outcome.NOT_YET
    step = lesson10.platform_step(data, lesson10.suspect(data))
    assert lesson10.suspect(data) in result.message and f"{step.date:%d %B}" in result.message


def test_the_gappy_month_is_a_planted_outage(data, other):
    for course in (data, other):
        events = lesson10.truth_events(course)
        outages = events[events["type"].astype(str) == "tracking_outage"]
        months = {lesson10._naive(t).month for t in outages["start"]}
        months |= {lesson10._naive(t).month for t in outages["end"]}
        assert lesson10.gappy_month(course) in months
        assert lesson10.full_month_mentions(course) > lesson10.data_month_total(course)


def test_the_memo_needs_forty_words(data):
    short = lesson10.q8.check_answers({"memo": "Reach fell on LinkedIn."}, data)
    assert short.outcome is Outcome.NOT_YET


def test_the_verdicts_issue_11_lists(data):
    """4-decimal rates in the function and a chart in percent (said on its axis) pass."""
    def rounded(posts, month):
        return lesson10.monthly_kpis(posts, month).round(4)

    assert lesson10.q2.check_answers({"monthly_kpis": rounded}, data).correct
    change = lesson10.ratio_change(data)
    fig, ax = plt.subplots()
    ax.bar(change.index, change * 100)
    ax.set_title("Reach ratio by platform")
    ax.set_xlabel("Platform")
    ax.set_ylabel("Change of the reach ratio (%)")
    set_alt_text(fig, f"{change.idxmin()} fell most, by {-change.min():.0%}.")
    plt.close(fig)
    assert lesson10.q5.check_answers({"fig": fig}, data).correct


def test_a_function_that_reads_the_notebooks_table_fails(data):
    posts = data.posts

    def global_table(table, month):
        return lesson10.monthly_kpis(posts, month)

    result = lesson10.q2.check_answers({"monthly_kpis": global_table}, data)
    assert result.outcome is Outcome.NOT_YET and result.mistake == "global_posts"
    assert 0 < result.score < 1  # right on the months of the notebook's own table


def test_checks_in_threads_quote_their_own_brand(data, other):
    """The reasons are a function of the data: two brands checked at once never mix."""
    jobs = [(course, lesson10.suspect(course)) for course in (data, other)] * 8

    def check(job):
        course, platform = job
        result = lesson10.q6.check_answers({"cause": "nothing happened"}, course)
        step = lesson10.platform_step(course, platform)
        return f"{step.date:%d %B}" in result.message and platform in result.message

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(check, jobs))


def test_the_months_rate_is_the_courses_month_rate(data):
    """One definition of the month's rate across the course (issue 12): the average of the
    posts' own rates by reach, as smmlab.metrics computes it (MONTH_RATE)."""
    import warnings

    from smmlab import metrics

    _, review, _ = lesson10.months(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # dividing by summed reach would warn
        want = metrics.engagement_rate(lesson10.month_posts(data, review),
                                       aggregate=metrics.MONTH_RATE)
    assert lesson10.q1.expected(data) == pytest.approx(want)
    totals = lesson10.q1.check_answers(
        {"review_er": lesson10._review_er(data, totals=True)}, data)
    assert totals.mistake == "totals" and "summed reach" in totals.message
