"""Lesson 11: what is specific to it (the rules every lesson shares are in test_lessons.py)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from concurrent.futures import ThreadPoolExecutor  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from lessonkit import run_notebook, solution_notebook  # noqa: E402

from smmlab.exercises import Outcome, lesson11  # noqa: E402
from smmlab.exercises.core import load_course_data  # noqa: E402
from smmlab.exercises.deck import Deck, deck_problems, is_conclusion, untraced_numbers  # noqa: E402
from smmlab.grading.answers import decode, encode  # noqa: E402
from smmlab.viz import set_alt_text  # noqa: E402

EXERCISES = list(lesson11.LESSON.exercises.values())
#: Mistakes recognised by recomputing the wrong answer (q7's "no number" is a test).
MISTAKES = [(e, m) for e in EXERCISES for m in e.mistakes if m.compute is not None]


@pytest.fixture(scope="module")
def solved():
    return run_notebook(solution_notebook("11"))


@pytest.fixture(scope="module")
def data():
    return load_course_data()


@pytest.fixture(scope="module")
def other():
    return load_course_data(learner="neighbour@example.org")


@pytest.mark.parametrize(("exercise", "mistake"), MISTAKES,
                         ids=lambda v: getattr(v, "name", None))
def test_no_mistake_is_also_the_right_answer(exercise, mistake, data, other):
    for course in (data, other, load_course_data(learner="Bruno Rossi")):
        wrong = mistake.compute(course)
        if mistake.name == "signed" and wrong == lesson11.top_three(course):
            continue  # no big fall in this brand: ranking by the signed change is not wrong
        result = exercise.check_answers({exercise.variables[0]: wrong}, course)
        assert not result.correct, f"{mistake.name} is right on {course.brand}"
        assert result.mistake == mistake.name, f"{mistake.name} on {course.brand}: {result}"


def test_a_neighbours_numbers_fail(data, other):
    assert lesson11.top_three(data) != lesson11.top_three(other)
    for exercise in (lesson11.q1, lesson11.q2):
        assert not exercise.check_answers({exercise.variable: exercise.expected(other)},
                                          data).correct
    # a deck built on the neighbour's numbers gives the KPIs changes they did not have (the
    # titles are now checked against the data, before the numbers are looked up)
    theirs = lesson11.q6.check_answers({"outline": lesson11.reference_outline(other)}, data)
    assert theirs.mistake == "wrong_claim" and "the data says" in theirs.message


def test_the_notebooks_numbers_are_the_modules(data, solved):
    pd.testing.assert_frame_equal(solved["menu"], lesson11.menu(data))
    assert solved["ranked"].index.tolist() == lesson11.ranked_changes(data).index.tolist()
    assert sorted(solved["numbers"]["value"]) == pytest.approx(
        sorted(lesson11.analysis_numbers(data)["value"]))
    assert solved["top_three"] == lesson11.top_three(data)


def test_the_solution_deck_passes_and_travels_to_the_grader(data, solved):
    deck = solved["deck"]
    assert lesson11.MIN_SLIDES <= len(deck) <= lesson11.MAX_SLIDES
    assert deck.problems(solved["numbers"]) == []
    outline = decode(encode(solved["outline"]))
    assert lesson11.q6.check_answers({"outline": outline}, data).correct


def test_the_deck_check_names_each_rule(data):
    good = lesson11.reference_outline(data)
    numbers = lesson11.analysis_numbers(data)
    no_alt = good.assign(alt=[""] + list(good["alt"][1:]))
    assert deck_problems(no_alt, numbers) == [("no_alt", "1")]
    short = lesson11.q6.check_answers({"outline": good.iloc[:3]}, data)
    assert short.outcome is Outcome.NOT_YET and "fewer than five" in short.message
    wrong_form = lesson11.q6.check_answers({"outline": [1, 2, 3]}, data)
    assert wrong_form.outcome is Outcome.NOT_YET and "deck.outline()" in wrong_form.message


def test_titles_are_conclusions_with_a_verb_and_a_number():
    assert not is_conclusion("Reach") and not is_conclusion("Reach in 2025")
    assert not is_conclusion("Reach rose") and is_conclusion("ROAS fell 3% in the second half")
    assert untraced_numbers("Reach rose 78% to 3.8 million in 2025", [0.775, 3_804_876]) == []
    assert untraced_numbers("Reach rose 80%", [0.775]) == ["80%"]


def _slide(data, charts=1, alt=True):
    fig, ax = plt.subplots(1, charts) if charts > 1 else plt.subplots()
    for a in fig.axes:
        a.plot([1, 2, 3])
    if alt:
        set_alt_text(fig, "A line.")
    change = lesson11.changes(data)["reach"]
    return {"title": f"Reach {lesson11.verb(change)} {abs(change):.0%} in the second half",
            "chart": fig, "notes": ""}


def test_the_deck_counts_charts_and_alt_text_and_exports(data, tmp_path):
    deck = Deck([_slide(data), _slide(data, charts=2), _slide(data, alt=False)])
    outline = deck.outline()
    assert outline["charts"].tolist() == [1, 2, 1]
    assert outline["alt"].tolist() == ["A line.", "A line.", ""]
    with pytest.raises(ValueError, match="no alt text"):  # nothing leaves without alt text
        deck.export(tmp_path / "deck.slides.html")
    assert list(tmp_path.iterdir()) == []
    deck = Deck(deck.slides[:2])
    slides = deck.export(tmp_path / "deck.slides.html").read_text(encoding="utf-8")
    assert slides.count('alt="A line."') == 2 and "reveal" in slides
    page = deck.export(tmp_path / "deck.html").read_text(encoding="utf-8")
    assert "<h2>Reach " in page and "data:image/png;base64," in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.html", "deck.slides.html"]
    with pytest.raises(ValueError, match="slides.html"):
        deck.export(tmp_path / "deck.pptx")
    plt.close("all")


def test_the_decision_quotes_the_changes(data):
    ranked = lesson11.ranked_changes(data)
    wrong = ranked.index[-1]
    result = lesson11.q3.check_answers({"opening_kpi": wrong}, data)
    assert result.outcome is Outcome.NOT_YET
    assert f"{ranked.iloc[0]:+.0%}" in result.message and ranked.index[0] in result.message


def test_the_opening_line_needs_the_number(data):
    change = abs(lesson11.ranked_changes(data).iloc[0])
    words = "In the second half our biggest KPI moved a lot and I will ask for a decision"
    missing = lesson11.q7.check_answers({"opening_line": words}, data)
    assert missing.outcome is Outcome.NOT_YET and missing.mistake == "no_number"
    ok = lesson11.q7.check_answers({"opening_line": f"{words}: {change:.0%}."}, data)
    assert ok.outcome is Outcome.RECORDED


def test_setup_names_the_brand(capsys):
    data = lesson11.setup()
    assert data.brand in capsys.readouterr().out
    assert isinstance(lesson11.monthly(data), pd.DataFrame)


def test_the_signed_top_three_fails_where_a_fall_is_left_out():
    """Issue 11: ranking by the signed change keeps only good news. Where no big fall exists
    (the canonical brand) both rankings give the same three; where one does, it fails."""
    bruno = load_course_data(learner="Bruno Rossi")
    signed = list(lesson11.changes(bruno).sort_values(ascending=False).index[:3])
    assert signed != lesson11.top_three(bruno)
    result = lesson11.q2.check_answers({"top_three": signed}, bruno)
    assert result.mistake == "signed" and "negative share" in result.message


def test_the_verdicts_issue_11_lists(data):
    kpi = lesson11.opening(data)
    values = lesson11.monthly(data)[kpi]
    fig, ax = plt.subplots()
    ax.plot(values.index, values / 1e6, marker="o")
    ax.set_title(f"{kpi} month by month in 2025")
    ax.set_xlabel("Month")
    ax.set_ylabel(f"{kpi} (millions)")
    set_alt_text(fig, f"Line chart of {kpi}: it moved {lesson11.changes(data)[kpi]:+.0%}.")
    plt.close(fig)
    assert kpi == "reach" and lesson11.q4.check_answers({"fig": fig}, data).correct
    deck = lesson11.reference_outline(data)

    def verdict(titles):
        outline = deck.assign(title=titles)
        return lesson11.q6.check_answers({"outline": outline}, data)

    titles = list(deck["title"])
    assert verdict([*titles[:4], "We should move 500 euros a month to Instagram"]).correct
    flipped = [t.replace(" rose ", " FELL ").replace(" fell ", " rose ").replace(" FELL ",
                                                                                 " fell ")
               for t in titles]
    assert verdict(flipped).mistake == "wrong_claim"
    swapped = [titles[1].split(" rose ")[0] + " rose " + titles[0].split(" rose ")[1],
               titles[0].split(" rose ")[0] + " rose " + titles[1].split(" rose ")[1],
               *titles[2:]]
    assert "gives it to" in verdict(swapped).message
    assert verdict([*titles[:4], "Reach rose 78% in the second half"]).mistake == \
        "no_recommendation"
    assert verdict(["Reach rose in H2", *titles[1:]]).mistake == "topic_titles"


def test_checks_in_threads_quote_their_own_brand(data, other):
    """Reasons are a function of the data: two brands checked at once never mix."""
    jobs = [data, other] * 8

    def check(course):
        ranked = lesson11.ranked_changes(course)
        result = lesson11.q3.check_answers({"opening_kpi": ranked.index[-1]}, course)
        return f"{ranked.iloc[0]:+.0%}" in result.message and ranked.index[0] in result.message

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(check, jobs))
