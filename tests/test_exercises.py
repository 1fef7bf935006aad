"""The exercise engine: placeholder, outcomes, comparisons, hints, progress, notebook checks."""

from __future__ import annotations

import json
import sys

import numpy as np
import pandas as pd
import pytest

from smmlab.exercises import (
    CourseData,
    DecisionExercise,
    FunctionExercise,
    Lesson,
    Mistake,
    Outcome,
    ReflectionExercise,
    ValueExercise,
    ____,
    is_placeholder,
    progress,
)
from smmlab.exercises.compare import difference, same

DATA = CourseData({"posts": pd.DataFrame({"reach": [100, 300], "likes": [5, 9]})}, brand="Test")


def make_lesson(*exercises):
    lesson = Lesson("99", "Test lesson")
    lesson.add(*exercises)
    lesson.data = DATA
    return lesson


def rate_exercise():
    return ValueExercise(
        "q1", variable="rate", rate=True,
        expected=lambda d: d.posts["likes"].sum() / d.posts["reach"].sum(),
        hints=("Divide likes by reach.", "sum(likes) / sum(reach)"),
        solution="rate = posts['likes'].sum() / posts['reach'].sum()",
        mistakes=(Mistake("mean_of_rates",
                          lambda d: (d.posts["likes"] / d.posts["reach"]).mean(),
                          "You averaged the per-post rates."),),
    )


def test_placeholder_survives_whatever_a_learner_does_with_it():
    assert is_placeholder(____)
    assert repr(____) == "____"
    assert ____.head().sum() is ____
    assert ____ * 100 is ____ and len(____) == 0 and list(____) == []
    assert not bool(____)
    assert is_placeholder([1, ____]) and is_placeholder({"a": ____})


@pytest.mark.parametrize(("got", "outcome"), [(14 / 400, Outcome.CORRECT),
                                              (14 / 400 * 1.0001, Outcome.CORRECT),
                                              (0.5, Outcome.NOT_YET),
                                              (____, Outcome.NOT_ATTEMPTED)])
def test_value_outcomes(got, outcome):
    assert rate_exercise().check_answers({"rate": got}, DATA).outcome is outcome


def test_outcomes_show_a_symbol_and_words_not_only_colour():
    result = rate_exercise().check_answers({"rate": 0.5}, DATA)
    assert str(result).startswith("✗ Not yet:")
    html = result._repr_html_()
    assert "✗" in html and "Not yet" in html and 'role="status"' in html


def test_a_misconception_is_named():
    result = rate_exercise().check_answers({"rate": (5 / 100 + 9 / 300) / 2}, DATA)
    assert result.mistake == "mean_of_rates"
    assert result.message == "You averaged the per-post rates."


def test_a_near_miss_is_called_close():
    result = rate_exercise().check_answers({"rate": 14 / 400 * 1.01}, DATA)
    assert "close" in result.message


def test_text_instead_of_number_is_explained():
    result = rate_exercise().check_answers({"rate": "3.5%"}, DATA)
    assert result.outcome is Outcome.NOT_YET and "should be a number" in result.message


def test_series_and_tables_compare_without_caring_about_row_order():
    expected = pd.Series([3, 1, 2], index=["b", "a", "c"])
    assert same(pd.Series([1, 2, 3], index=["a", "c", "b"]), expected)
    assert not same(pd.Series([2, 1, 3], index=["a", "c", "b"]), expected)
    table = pd.DataFrame({"p": ["x", "y"], "v": [1.0, 2.0]})
    assert same(table.iloc[::-1].reset_index(drop=True), table)
    assert same(table.set_index("p"), table.set_index("p").iloc[::-1])
    assert "columns" in difference(table.rename(columns={"v": "w"}), table, variable="t")
    assert "rows" in difference(table.iloc[:1], table, variable="t")
    assert "column 'v'" in difference(table.assign(v=[1.0, 5.0]), table, variable="t")


def test_order_matters_only_when_asked():
    assert same([1, 2, 3], [3, 2, 1])
    assert "not in the order asked" in difference([1, 2, 3], [3, 2, 1], variable="x", ordered=True)


def test_function_exercise_runs_cases_and_gives_partial_credit():
    q = FunctionExercise("q2", variable="er", cases=lambda d: [((5, 100), 0.05), ((0, 10), 0.0),
                                                               ((3, 0), None)],
                         hints=("a", "b"), solution="def er(e, r): ...")

    def careful(e, r):
        return e / r if r else None

    assert q.check_answers({"er": careful}, DATA).correct
    naive = q.check_answers({"er": lambda e, r: e / r}, DATA)
    assert naive.outcome is Outcome.NOT_YET
    assert "ZeroDivisionError" in naive.message
    assert naive.score == pytest.approx(2 / 3)
    assert "should be a function" in q.check_answers({"er": 3}, DATA).message


def test_decision_accepts_any_case_and_explains_wrong_calls():
    q = DecisionExercise("q3", variable="decision", choices=("escalate", "monitor", "ignore"),
                         expected=lambda d: "monitor", why={"escalate": "Sentiment is normal."},
                         hints=("a", "b"), solution='decision = "monitor"')
    assert q.check_answers({"decision": " Monitor "}, DATA).correct
    wrong = q.check_answers({"decision": "escalate"}, DATA)
    assert wrong.mistake == "escalate" and "Sentiment is normal." in wrong.message
    assert "must be one of" in q.check_answers({"decision": "panic"}, DATA).message


def test_hints_are_tiered_and_say_how_to_get_more():
    q = rate_exercise()
    make_lesson(q)
    assert "Hint 1 of 2" in q.hint() and "q1.hint(2)" in q.hint()
    assert "last hint" in q.hint(2) and "q1.solution()" in q.hint(2)
    assert "q1.hint(1) to q1.hint(2)" in q.hint(3)
    assert q.solution().startswith("Solution:\nrate =")


def test_assessment_mode_declines_hints_and_solutions_politely():
    q = rate_exercise()
    lesson = make_lesson(q)
    lesson.hints_allowed = lesson.solutions_allowed = False
    assert "turned off" in q.hint()
    assert "turned off" in q.solution()
    assert "rate =" not in q.solution()


def test_check_reads_the_notebook_namespace_and_records_progress(monkeypatch):
    q = rate_exercise()
    make_lesson(q)
    main = vars(sys.modules["__main__"])
    monkeypatch.setitem(main, "rate", 14 / 400)
    assert q.check().correct
    monkeypatch.setitem(main, "rate", 0.9)
    assert q.check().outcome is Outcome.NOT_YET
    q.hint()
    saved = json.loads(progress.progress_path().read_text(encoding="utf-8"))
    entry = saved["lessons"]["99"]["q1"]
    assert entry["checks"] == 2 and entry["outcome"] == "not_yet"
    assert entry["first_correct"] is not None and entry["shown"] == ["hint_1"]
    assert "Lesson 99: 0 of 1 done" in progress.summary()


def test_check_before_setup_says_to_run_setup():
    q = rate_exercise()
    Lesson("98", "No data").add(q)
    result = q.check()
    assert result.outcome is Outcome.NOT_ATTEMPTED and "setup cell" in result.message


def test_expect_mode_turns_a_wrong_outcome_into_a_failure(monkeypatch):
    q = rate_exercise()
    make_lesson(q)
    monkeypatch.setitem(vars(sys.modules["__main__"]), "rate", ____)
    monkeypatch.setenv("SMMLAB_EXPECT", "correct")
    with pytest.raises(AssertionError, match="SMMLAB_EXPECT=correct"):
        q.check()
    monkeypatch.setenv("SMMLAB_EXPECT", "not_attempted")
    assert q.check().outcome is Outcome.NOT_ATTEMPTED


def test_reflection_is_recorded_with_its_text(monkeypatch):
    q = ReflectionExercise("q9", variable="memo", min_words=3, hints=("a", "b"),
                           solution="memo = '...'")
    make_lesson(q)
    monkeypatch.setitem(vars(sys.modules["__main__"]), "memo", "Post more carousels on Tuesdays")
    assert q.check().outcome is Outcome.RECORDED
    saved = json.loads(progress.progress_path().read_text(encoding="utf-8"))
    assert saved["lessons"]["99"]["q9"]["answer"]["memo"].startswith("Post more")


def test_check_all_lists_every_exercise(monkeypatch):
    lesson = make_lesson(rate_exercise())
    monkeypatch.setitem(vars(sys.modules["__main__"]), "rate", 14 / 400)
    summary = lesson.check_all()
    assert "1 of 1 checked exercises correct" in repr(summary)
    assert [r.exercise for r in summary] == ["q1"]


def test_an_unreadable_progress_file_never_breaks_a_check(monkeypatch):
    progress.progress_path().parent.mkdir(parents=True, exist_ok=True)
    progress.progress_path().write_text("{not json", encoding="utf-8")
    q = rate_exercise()
    make_lesson(q)
    monkeypatch.setitem(vars(sys.modules["__main__"]), "rate", 14 / 400)
    assert q.check().correct
    assert json.loads(progress.progress_path().read_text(encoding="utf-8"))["version"] == 1


def test_duplicate_exercise_names_are_refused():
    lesson = make_lesson(rate_exercise())
    with pytest.raises(ValueError, match="already has an exercise"):
        lesson.add(rate_exercise())


def test_expected_values_are_computed_once_per_data():
    calls = []
    q = ValueExercise("q1", variable="x", expected=lambda d: calls.append(1) or 1,
                      hints=("a", "b"), solution="x = 1")
    make_lesson(q)
    data = CourseData({}, brand="b")
    for _ in range(3):
        q.check_answers({"x": 1}, data)
    assert len(calls) == 1


def test_nan_answers_are_not_yet():
    assert rate_exercise().check_answers({"rate": np.nan}, DATA).outcome is Outcome.NOT_YET


def test_function_mistakes_are_recognised_by_behaviour_and_placeholders_are_not_attempted():
    q = FunctionExercise(
        "q4", variable="cpm", cases=lambda d: [((10.0, 2000), 5.0), ((1.0, 0), float("nan"))],
        hints=("a", "b"), solution="def cpm(s, i): ...",
        mistakes=(Mistake("no_thousand", lambda d: lambda s, i: s / i, "Multiply by 1,000."),))
    right = q.check_answers({"cpm": lambda s, i: s / i * 1000 if i else float("nan")}, DATA)
    assert right.correct  # NaN expected and NaN returned count as equal
    wrong = q.check_answers({"cpm": lambda s, i: s / i}, DATA)
    assert wrong.mistake == "no_thousand" and wrong.message == "Multiply by 1,000."
    starter = q.check_answers({"cpm": lambda s, i: ____}, DATA)
    assert starter.outcome is Outcome.NOT_ATTEMPTED


def test_big_numbers_are_shown_readably():
    from smmlab.exercises.compare import describe

    assert describe(12650.0) == "12,650" and describe(0.0361234) == "0.03612"


def test_a_line_with_shaded_event_windows_is_read_as_a_line():
    import matplotlib

    matplotlib.use("Agg")
    from smmlab.exercises.kinds import series_shown
    from smmlab.viz import timeseries_with_events

    index = pd.date_range("2025-01-01", periods=48, freq="h", tz="Europe/Rome")
    series = pd.Series(np.arange(48.0), index=index)
    events = pd.DataFrame({"start": [index[10]], "end": [index[20]], "type": ["crisis"]})
    fig = timeseries_with_events(series, events)
    shown = series_shown(fig)
    assert list(shown) == list(series)


def test_a_mistakes_own_value_names_it_even_when_an_earlier_one_is_as_close():
    # Two wrong methods 0.05 % apart on this brand: both are within the tolerance of either
    # value, and each must still be named when the learner gives its exact value.
    q = ValueExercise("q", variable="rate", expected=lambda d: 2.0, hints=("a", "b"),
                      solution="rate = 2.0",
                      mistakes=(Mistake("total", lambda d: 1.0, "the ratio of totals"),
                                Mistake("mean", lambda d: 1.0005, "the average")))
    data = CourseData({}, brand="x")
    assert q.check_answers({"rate": 1.0005}, data).mistake == "mean"
    assert q.check_answers({"rate": 1.0}, data).mistake == "total"
    assert q.check_answers({"rate": 1.0003}, data).mistake == "total"  # near both: the first
