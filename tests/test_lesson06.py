"""Lesson 06: what is specific to it (the rules every lesson shares are in test_lessons.py)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from smmlab import detect, viz  # noqa: E402
from smmlab.exercises import Outcome, lesson06  # noqa: E402
from smmlab.exercises.core import course_truth, load_course_data  # noqa: E402
from smmlab.exercises.kinds import FunctionExercise  # noqa: E402

EXERCISES = list(lesson06.LESSON.exercises.values())


@pytest.fixture(scope="module")
def data():
    return load_course_data()


@pytest.fixture(scope="module")
def neighbour():
    return load_course_data(learner="neighbour@example.org")


def test_at_least_six_checked_exercises_of_three_kinds_and_three_tiers():
    checked = [e for e in EXERCISES if e.kind != "reflection"]
    assert len(checked) >= 6
    assert len({"function" if isinstance(e, FunctionExercise) else e.kind
                for e in checked}) >= 3
    assert {e.tier for e in EXERCISES} == {"warm-up", "core", "stretch"}


def test_the_misconceptions_of_the_lesson_are_all_named():
    names = {(e.name, m.name) for e in EXERCISES for m in e.mistakes}
    assert {("q1", "raw_count"), ("q3", "difference"), ("q5", "percent")} <= names


def test_the_step_found_is_the_planted_purchase(data):
    bought = course_truth(data)["account_daily"].params["bought_followers"]
    step = lesson06.step(data)
    assert str(step["platform"]) == bought.platform
    assert abs((step["start"] - bought.date).days) <= 3


def test_er_by_followers_falls_while_er_by_reach_holds(data, neighbour):
    for d in (data, neighbour):
        change = lesson06.er_change(d)
        assert change["by followers"] < -lesson06.HELD
        assert abs(change["by reach"]) < lesson06.HELD
        assert lesson06.diagnosis(d) == lesson06.BOUGHT


def test_blaming_the_content_or_the_algorithm_is_explained(data):
    content = lesson06.q4.check_answers({"what_happened": "The content got worse"}, data)
    assert content.outcome is Outcome.NOT_YET and "not a verdict on the content" in content.message
    assert "%" in content.message
    algorithm = lesson06.q4.check_answers(
        {"what_happened": "an algorithm change cut reach"}, data)
    assert "lasting fall in reach" in algorithm.message


def test_the_vendor_rule_flags_platforms_that_bought_nothing(data):
    bought = course_truth(data)["account_daily"].params["bought_followers"].platform
    flagged = lesson06.vendor_fake(data)
    assert set(flagged) - {bought}


def test_the_rule_cases_tell_the_mistakes_apart(data):
    cases = lesson06.q6.expected(data)
    assert any(want for _args, want in cases) and not all(want for _args, want in cases)
    no_factor = lesson06.q6.check_answers(
        {"too_many_followers": lambda n, r, f: n > f * r}, data)
    assert no_factor.mistake == "no_factor" and 0 < no_factor.score < 1


@pytest.mark.parametrize("factor", [2.01, 2.5, 2.9, 2.99, 3.05, 3.5, 4.5, 4.9])
def test_a_rule_with_another_factor_fails(data, factor):
    # issue 11: the cases sat only at 1.5x, 2x and 5x, so any factor from 2.01 to 4.9 passed
    rule = lesson06.q6.check_answers(
        {"too_many_followers": lambda n, r, f: n > factor * f * r}, data)
    assert rule.outcome is Outcome.NOT_YET, factor


def test_exactly_factor_times_is_not_more_than_factor_times(data):
    at_least = lesson06.q6.check_answers(
        {"too_many_followers": lambda n, r, f: n >= lesson06.FACTOR * f * r}, data)
    assert at_least.mistake == "at_least" and ">=" in at_least.message
    divided = lesson06.q6.check_answers(
        {"too_many_followers": lambda n, r, f: n / r > lesson06.FACTOR * f}, data)
    assert divided.correct


def test_the_candidates_are_deterministic_and_leave_global_random_state_alone(data):
    np.random.seed(123)  # noqa: NPY002 - the global state the lesson must leave alone
    state = np.random.get_state()[1].copy()  # noqa: NPY002
    first = lesson06.candidates(load_course_data())
    assert (np.random.get_state()[1] == state).all()  # noqa: NPY002
    second = lesson06.candidates(data)
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name])


@pytest.mark.parametrize("learner", [None, "neighbour@example.org", "ada@example.org"])
def test_each_candidate_plays_its_role(learner):
    d = load_course_data(learner=learner) if learner else load_course_data()
    roles = lesson06._roles(d)
    card = lesson06.scorecard(d).set_index("candidate")
    for name, role in roles.items():
        assert (card.at[name, "unexplained_followers"] > 0) == (role == "bought"), name
    algorithm = next(n for n, r in roles.items() if r == "algorithm")
    drop = detect.changepoint(lesson06.candidates(d)[algorithm].set_index("date")["reach"])
    assert drop.significant and drop.change < -0.3
    assert roles[lesson06.recommendation(d)] == "algorithm"
    bought = next(n for n, r in roles.items() if r == "bought")
    assert card["followers"].idxmax() == bought  # the biggest account is the bought one
    # ... and not the one that engages the most people now (issue 12).
    assert card.at[bought, "engagements_per_day"] < card.at[algorithm, "engagements_per_day"]
    # The algorithm cut reach and follows alike: no bought-followers signature.
    daily = lesson06.candidates(d)[algorithm].set_index("date")
    before, after = daily.loc[:drop.date].iloc[:-1], daily.loc[drop.date:]
    per_reach = [t["new_followers"].sum() / t["reach"].sum() for t in (before, after)]
    assert 0.75 < per_reach[1] / per_reach[0] < 1.33


def test_wrong_recommendations_name_the_misconception(data):
    roles = lesson06._roles(data)
    bought = next(n for n, r in roles.items() if r == "bought")
    clean = next(n for n, r in roles.items() if r == "clean")
    big = lesson06.q8.check_answers({"recommended": bought}, data)
    assert big.outcome is Outcome.NOT_YET and "Raw follower counts" in big.message
    # The rejection agrees with the scorecard: it quotes both candidates' people a day.
    card = lesson06.scorecard(data).set_index("candidate")
    pick = lesson06.recommendation(data)
    for name in (bought, pick):
        assert f"{card.at[name, 'engagements_per_day']:,.0f} " in big.message, name
    assert pick in big.message
    small = lesson06.q8.check_answers({"recommended": clean.upper()}, data)
    assert "Bots do not cut reach" in small.message and "1 % threshold" in small.message


def test_a_neighbours_numbers_fail(data, neighbour):
    theirs, mine = lesson06.q1.expected(neighbour), lesson06.q1.expected(data)
    assert theirs != pytest.approx(mine)
    assert not lesson06.q1.check_answers({"best_month_growth": theirs}, data).correct
    assert not lesson06.q7.check_answers({"scorecard": lesson06.scorecard(neighbour)},
                                         data).correct


def test_the_chart_checks_the_line_and_its_labels(data):
    per_1000 = lesson06.follows_per_1000(data)
    fig, ax = plt.subplots()
    ax.plot(per_1000.index, per_1000)
    ax.set_title("Follows per 1,000 reached")
    ax.set_xlabel("Day")
    ax.set_ylabel("Follows per 1,000 reached")
    viz.set_alt_text(fig, "A flat line with one mountain.")
    assert lesson06.q2.check_answers({"follow_chart": fig}, data).correct
    ax.set_ylabel("")
    partial = lesson06.q2.check_answers({"follow_chart": fig}, data)
    assert partial.score == pytest.approx(0.8)
    plt.close("all")


def test_the_note_quotes_the_audit(data, capsys):
    assert lesson06.previous_note(data) == str(lesson06.step(data)["platform"])
    assert f"{int(lesson06.step(data)['gained']):,}" in capsys.readouterr().out


def test_threaded_checks_quote_their_own_brands_numbers(data, neighbour):
    # issue 11: the old subclasses set self.why inside evaluate, so under the grader's threads
    # one learner's message could quote another brand's figures
    from concurrent.futures import ThreadPoolExecutor

    def check(course):
        bought = next(n for n, r in lesson06._roles(course).items() if r == "bought")
        return course, lesson06.q8.check_answers({"recommended": bought}, course)

    tops = {int(lesson06.scorecard(c)["followers"].max()) for c in (data, neighbour)}
    assert len(tops) == 2  # the two brands' messages can be told apart
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(check, [data, neighbour] * 20))
    for course, result in results:
        card = lesson06.scorecard(course).set_index("candidate")
        followers = int(card["followers"].max())
        assert f"{followers:,}" in result.message, (course.brand, result.message)


def test_the_vendor_rule_is_tested_per_post_as_vendors_apply_it(data):
    """A post's engagements over the account's followers, for the platform's median post."""
    posts = data.posts[data.posts["platform"] == "Facebook"]
    engagements = posts[["likes", "comments", "shares", "saves"]].sum(axis=1)
    median_post = (engagements / posts["followers_at_post"]).median()
    assert lesson06.yearly_er(data).at["Facebook", "er_by_followers"] == pytest.approx(
        median_post)
    daily = data.account_daily[data.account_daily["platform"] == "Facebook"]
    assert median_post != pytest.approx((daily["engagements"] / daily["followers"]).mean())
