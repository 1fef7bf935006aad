"""Lesson 04: what is specific to it (the rules every lesson shares are in test_lessons.py)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from lessonkit import run_notebook  # noqa: E402

from smmlab.exercises import Outcome, lesson04  # noqa: E402
from smmlab.exercises.core import PLACEHOLDER, load_course_data  # noqa: E402
from smmlab.metrics import median_response_time, response_rate, share_of_voice  # noqa: E402
from smmlab.viz import set_alt_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOLUTION_NOTEBOOK = ROOT / "notebooks" / "solutions" / "04_listening.ipynb"
LEARNER_NOTEBOOK = ROOT / "notebooks" / "04_listening.ipynb"
EXERCISES = list(lesson04.LESSON.exercises.values())


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


# --- the generic guarantees, for every exercise ---------------------------------------------


MISTAKES = [(e, m) for e in EXERCISES for m in e.mistakes if m.compute is not None]


@pytest.mark.parametrize(("exercise", "mistake"), MISTAKES,
                         ids=lambda v: getattr(v, "name", None))
def test_mistakes_are_recognised_on_another_brand_and_never_right(exercise, mistake, other):
    result = exercise.check_answers({exercise.variables[0]: mistake.compute(other)}, other)
    assert not result.correct, f"{mistake.name} is right on {other.brand}"
    assert result.mistake == mistake.name, str(result)


def test_every_hint_and_mistake_message_comes_from_the_catalogue():
    texts = set()
    for key in lesson04.MESSAGES.keys():
        try:
            texts.add(lesson04.MESSAGES.text(key))
        except (KeyError, IndexError, ValueError):
            continue  # messages with fields are filled in by the checks
    for exercise in EXERCISES:
        assert set(exercise.hints) <= texts, exercise.name
        assert {m.message for m in exercise.mistakes} <= texts, exercise.name


def test_the_learner_notebook_is_all_placeholders(data):
    namespace = run_notebook(LEARNER_NOTEBOOK)
    for exercise in EXERCISES:
        answers = {v: namespace[v] for v in exercise.variables if v in namespace}
        assert exercise.check_answers(answers, data).outcome is Outcome.NOT_ATTEMPTED


def test_the_misconceptions_of_the_brief_are_all_named():
    named = {(e.name, m.name) for e, m in MISTAKES}
    assert {("q2", "brand_only"), ("q4", "no_neutral"), ("q7", "tool_label"),
            ("q8", "deleted_answered"), ("q10", "mean")} <= named


# --- a neighbour's numbers fail ---------------------------------------------------------------


def test_a_neighbours_numbers_fail(data, other, solved):
    """Expected answers come from the learner's own data, so copying a neighbour fails."""
    for name in ("q1", "q2", "q6", "q7", "q8", "q10", "q11"):
        exercise = lesson04.LESSON.exercises[name]
        theirs = exercise.expected(other)
        assert exercise.check_answers(answers_of(exercise, solved), data).correct, name
        assert not exercise.check_answers({exercise.variable: theirs}, data).correct, name
    theirs = lesson04.monthly_share(other)
    fig, ax = plt.subplots()
    ax.plot(theirs.index, theirs)
    ax.set_title("t")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    set_alt_text(fig, "alt")
    assert not lesson04.q3.check_answers({"sov_chart": fig}, data).correct
    plt.close("all")


# --- the data shows what the lesson says ------------------------------------------------------


@pytest.mark.parametrize("course", ["data", "other"])
def test_the_data_shows_what_the_lesson_claims(course, request):
    d = request.getfixturevalue(course)
    by_language = lesson04._by_language(d)
    assert by_language.idxmax() == "it" and by_language["en"] > by_language["fr"]
    # a crisis month raises the brand's share of voice
    monthly = lesson04.monthly_share(d)
    volume = lesson04.brand_voice(d).groupby(lesson04.brand_voice(d)["date"].dt.month)[
        "mentions"].sum()
    assert monthly.idxmax() == volume.idxmax()
    # the tool is right on most texts but not all
    assert 0.7 < lesson04.q6.expected(d) < 0.95
    # weekends pull the mean wait above the median
    waits = lesson04.waits_hours(d.inbox)
    assert waits.mean() > 1.3 * waits.median()
    assert lesson04._wait_by_kind(d).idxmin() == "complaint"
    assert int(d.inbox["deleted"].sum()) > 0


def test_the_library_gives_the_same_answers(data):
    totals = lesson04.company_totals(data)
    sov = share_of_voice(brand=totals[data.brand], competitors=totals.drop(data.brand).to_dict())
    assert lesson04.q2.check_answers({"sov": sov}, data).correct
    rate = response_rate(data.inbox, aggregate="total")
    assert lesson04.q8.check_answers({"reply_rate": rate}, data).correct
    wait = median_response_time(data.inbox)
    hours = wait.total_seconds() / 3600
    assert lesson04.q10.check_answers({"typical_wait_hours": hours}, data).correct


# --- value answers ----------------------------------------------------------------------------


def test_a_percentage_instead_of_a_fraction_is_explained(data):
    share = lesson04.q2.expected(data)
    result = lesson04.q2.check_answers({"sov": share * 100}, data)
    assert result.outcome is Outcome.NOT_YET and "percentage" in result.message


def test_complaints_with_or_without_zero_topics_pass(data):
    texts = data.mention_texts
    negative = texts[texts["sentiment"] == "negative"]
    counted = negative["topic"].value_counts()  # lists every topic, some with 0
    grouped = negative.groupby("topic", observed=True).size()  # leaves them out
    assert (counted == 0).any()
    for answer in (counted, grouped, grouped.sort_values()):
        assert lesson04.q7.check_answers({"complaints": answer}, data).correct


def test_durations_are_told_to_become_hours(data):
    waits = data.inbox["replied_at"] - data.inbox["received_at"]
    result = lesson04.q10.check_answers({"typical_wait_hours": waits.median()}, data)
    assert result.outcome is Outcome.NOT_YET and "3600" in result.message
    by_kind = waits.groupby(data.inbox["kind"], observed=True).median()
    result = lesson04.q11.check_answers({"wait_by_kind": by_kind}, data)
    assert result.outcome is Outcome.NOT_YET and "hours" in result.message


def test_deleted_messages_are_received_and_not_answered(data):
    inbox = data.inbox
    assert inbox.loc[inbox["deleted"], "replied_at"].isna().all()
    right = lesson04.q8.expected(data)
    assert lesson04.q8.mistakes[0].compute(data) > right  # counting them as answered flatters


# --- the function ------------------------------------------------------------------------------


def test_net_sentiment_cases_come_from_the_data(data, other):
    for course in (data, other):
        cases = lesson04.q4.expected(course)
        assert len(cases) == 6
        for (rows,), want in cases:
            assert list(rows.columns) == ["mentions", "positive", "neutral", "negative"]
            assert -1 <= want <= 1
    assert len({round(w, 9) for _, w in lesson04.q4.expected(data)}) == 6


def test_the_library_function_passes_and_the_starter_is_not_attempted(data):
    from smmlab.metrics import net_sentiment

    result = lesson04.q4.check_answers(
        {"net_sentiment_of": lambda rows: net_sentiment(rows, aggregate="total")}, data)
    assert result.correct, str(result)
    starter = lesson04.q4.check_answers({"net_sentiment_of": lambda rows: PLACEHOLDER}, data)
    assert starter.outcome is Outcome.NOT_ATTEMPTED


def test_a_function_that_fails_gets_the_error(data):
    result = lesson04.q4.check_answers({"net_sentiment_of": lambda rows: rows["pos"].sum()},
                                       data)
    assert result.outcome is Outcome.NOT_YET and "KeyError" in result.message


# --- decisions ---------------------------------------------------------------------------------


def test_the_slide_call_follows_the_ranges(data, other):
    for course in (data, other):
        before, after = (lesson04.slide_intervals(course)[m] for m in lesson04.SLIDE_MONTHS)
        call = lesson04.slide_call(course)
        overlap = not (after.low > before.high or after.high < before.low)
        assert (call == lesson04.CANNOT_TELL) == overlap
    assert lesson04.slide_call(data) == lesson04.CANNOT_TELL  # what the lesson text reads


def test_the_slide_decision_quotes_the_learners_numbers(data):
    before = lesson04.slide_intervals(data)[9]
    result = lesson04.q5.check_answers({"slide_call": "it improved"}, data)
    assert result.outcome is Outcome.NOT_YET
    assert f"{before.estimate:+.1%}" in result.message and "overlap" in result.message
    invalid = lesson04.q5.check_answers({"slide_call": "maybe"}, data)
    assert "must be one of" in invalid.message


def test_deleting_is_never_the_answer_and_the_reason_quotes_the_data(data):
    deleted = int(data.inbox["deleted"].sum())
    for choice in (lesson04.DELETE, lesson04.HIDE):
        result = lesson04.q9.check_answers({"policy": choice}, data)
        assert result.outcome is Outcome.NOT_YET and str(deleted) in result.message
    assert lesson04.q9.check_answers({"policy": " Answer them KINDLY "}, data).correct


# --- the chart -----------------------------------------------------------------------------------


def _chart(data, *, alt=True, values=None):
    share = lesson04.monthly_share(data) if values is None else values
    fig, ax = plt.subplots()
    ax.plot(share.index, share, marker="o")
    ax.set_title("Share of voice by month")
    ax.set_xlabel("Month")
    ax.set_ylabel("Share of voice")
    if alt:
        set_alt_text(fig, "Line chart of the monthly share of voice.")
    return fig


def test_chart_checks_the_plotted_data_and_gives_partial_credit(data):
    assert lesson04.q3.check_answers({"sov_chart": _chart(data)}, data).correct
    no_alt = lesson04.q3.check_answers({"sov_chart": _chart(data, alt=False)}, data)
    assert no_alt.outcome is Outcome.NOT_YET and no_alt.score == pytest.approx(0.8)
    voice = data.voice
    by_month = voice.groupby([voice["date"].dt.month, "company"], observed=True)[
        "mentions"].sum().unstack()
    own_share = by_month[data.brand] / by_month[data.brand].sum()  # over the brand only
    wrong = lesson04.q3.check_answers({"sov_chart": _chart(data, values=own_share)}, data)
    assert wrong.outcome is Outcome.NOT_YET and "in the data it is" in wrong.message
    plt.close("all")


def test_all_three_companies_on_the_chart_pass_when_the_brand_comes_first(data):
    voice = data.voice
    by_month = voice.groupby([voice["date"].dt.month, "company"], observed=True)[
        "mentions"].sum().unstack()
    shares = by_month.div(by_month.sum(axis=1), axis=0)
    fig, ax = plt.subplots()
    for company in shares.columns:
        ax.plot(shares.index, shares[company], label=company)
    ax.set_title("t")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    set_alt_text(fig, "alt")
    assert lesson04.q3.check_answers({"sov_chart": fig}, data).correct
    plt.close("all")


def test_reflection_is_recorded_never_scored(data):
    short = lesson04.q12.check_answers({"listening_note": "We are fine."}, data)
    assert short.outcome is Outcome.NOT_YET
    assert lesson04.q12.points == 0


def test_setup_names_the_brand(capsys):
    data = lesson04.setup()
    assert capsys.readouterr().out.strip() == (
        f"Setup complete: you are the new social media manager of {data.brand}.")


def test_monthly_share_is_a_fraction_for_every_month(data):
    share = lesson04.monthly_share(data)
    assert list(share.index) == list(range(1, 13))
    assert isinstance(share, pd.Series) and ((share > 0) & (share < 1)).all()


# --- issue 12: the tools' net sentiment, the range vs the tool's labels, never answered ------


def test_the_tools_net_sentiment_is_named_as_a_variant_not_a_blunder(data):
    among_opinions = lesson04._wrong_net("no_neutral")(data)
    result = lesson04.q4.check_answers({"net_sentiment_of": among_opinions}, data)
    assert result.mistake == "no_neutral"
    assert "many listening tools" in result.message and "all mentions" in result.message
    assert "(positive - negative) ÷ (positive + negative)" in result.message


def test_the_tools_variant_is_never_nearer_zero_than_the_courses(data, other):
    for d in (data, other):
        for company in d.voice["company"].cat.categories:
            rows = d.voice[d.voice["company"] == company]
            ours = lesson04.net_of(rows)
            theirs = lesson04._wrong_net("no_neutral")(d)(rows)
            assert abs(theirs) >= abs(ours) - 1e-12, company


def test_the_solution_compares_the_tools_labels_with_the_range(solved, data):
    texts = data.mention_texts
    by_person = ((texts["sentiment"] == "positive").mean()
                 - (texts["sentiment"] == "negative").mean())
    assert solved["by_person"] == pytest.approx(by_person)
    assert solved["mislabelled"] == pytest.approx(
        (texts["tool_sentiment"] != texts["sentiment"]).mean())


def test_the_note_gives_the_share_never_answered_next_to_the_median(solved, data):
    never = data.inbox["replied_at"].isna().mean()
    note = " ".join(solved["listening_note"])
    assert f"{never:.0%} never got an answer" in note
    assert f"{lesson04._wait(data):.0f} hours" in note
