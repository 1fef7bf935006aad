"""Lesson 00: what is specific to it (the rules every lesson shares are in test_lessons.py)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from lessonkit import run_notebook  # noqa: E402

from smmlab.exercises import Outcome, lesson00  # noqa: E402
from smmlab.exercises.core import load_course_data  # noqa: E402
from smmlab.viz import set_alt_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOLUTION_NOTEBOOK = ROOT / "notebooks" / "solutions" / "00_first_report.ipynb"
EXERCISES = list(lesson00.LESSON.exercises.values())


@pytest.fixture(scope="module")
def solved():
    return run_notebook(SOLUTION_NOTEBOOK)


@pytest.fixture(scope="module")
def data():
    return load_course_data()


def answers_of(exercise, namespace):
    return {v: namespace[v] for v in exercise.variables}


MISTAKES = [(e, m) for e in EXERCISES for m in e.mistakes]


def test_a_neighbours_numbers_fail(data):
    """Expected answers come from the learner's own data, so copying fails."""
    other = load_course_data(learner="neighbour@example.org")
    mine = lesson00.october(data)
    theirs_answers = {"n_posts": len(lesson00.october(other)),
                      "october_rate": lesson00._rate(lesson00.october(other))}
    assert not lesson00.q2.check_answers({"october_rate": theirs_answers["october_rate"]},
                                         data).correct
    assert lesson00.q2.check_answers({"october_rate": lesson00._rate(mine)}, data).correct


def test_a_percentage_instead_of_a_fraction_is_explained(data):
    rate = lesson00._rate(lesson00.october(data))
    result = lesson00.q2.check_answers({"october_rate": rate * 100}, data)
    assert result.outcome is Outcome.NOT_YET and "percentage" in result.message


def test_steps_in_the_wrong_order_are_told_so(data):
    shuffled = list(reversed(lesson00.PROCESS))
    result = lesson00.q5.check_answers({"process": shuffled}, data)
    assert result.outcome is Outcome.NOT_YET and "not in the order asked" in result.message
    typed = [" Analysis", "STRATEGY", "planning and  paid campaigns", "monitoring", "correcting"]
    assert lesson00.q5.check_answers({"process": typed}, data).correct


def test_decision_quotes_the_learners_numbers(data):
    best = lesson00._best_platform(data)
    other = next(str(p) for p in data.platforms["platform"] if str(p) != best)
    result = lesson00.q4.check_answers({"best_platform": other}, data)
    assert result.outcome is Outcome.NOT_YET
    assert other in result.message and best in result.message and "%" in result.message
    invalid = lesson00.q4.check_answers({"best_platform": "Myspace"}, data)
    assert "must be one of" in invalid.message


def _chart(data, *, alt=True, title="Engagements per platform", wrong=False):
    by_platform = lesson00.october(data).groupby("platform", observed=True)["engagements"].sum()
    if wrong:
        by_platform = by_platform * 2
    fig, ax = plt.subplots()
    ax.bar(by_platform.index.astype(str), by_platform)
    ax.set_title(title)
    ax.set_xlabel("Platform")
    ax.set_ylabel("Engagements")
    if alt:
        set_alt_text(fig, "Bars of engagements per platform.")
    return fig


def test_chart_checks_the_plotted_data_and_gives_partial_credit(data):
    assert lesson00.q3.check_answers({"fig": _chart(data)}, data).correct
    no_alt = lesson00.q3.check_answers({"fig": _chart(data, alt=False)}, data)
    assert no_alt.outcome is Outcome.NOT_YET and "alt text" in no_alt.message
    assert no_alt.score == pytest.approx(0.8)
    wrong = lesson00.q3.check_answers({"fig": _chart(data, wrong=True)}, data)
    assert wrong.outcome is Outcome.NOT_YET and "in the data it is" in wrong.message
    untitled = lesson00.q3.check_answers({"fig": _chart(data, title="")}, data)
    assert "title" in untitled.message
    plt.close("all")


def test_chart_in_another_order_still_passes(data):
    by_platform = lesson00.october(data).groupby("platform", observed=True)["engagements"].sum()
    by_platform = by_platform.sort_values()
    fig, ax = plt.subplots()
    ax.barh(by_platform.index.astype(str), by_platform)
    ax.set_title("t")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    set_alt_text(fig, "alt")
    assert lesson00.q3.check_answers({"fig": fig}, data).correct
    plt.close("all")


def test_reflection_is_recorded_never_scored(data):
    short = lesson00.q6.check_answers({"findings": ["Good month."]}, data)
    assert short.outcome is Outcome.NOT_YET and "at least 20 words" in short.message
    long = ["In October we posted a lot and people reacted well to our reels and carousels.",
            "Instagram had the best engagement rate by reach, so it deserves our best ideas."]
    result = lesson00.q6.check_answers({"findings": long}, data)
    assert result.outcome is Outcome.RECORDED and result.score == 0


def test_setup_names_the_brand(capsys):
    data = lesson00.setup()
    assert capsys.readouterr().out.strip() == (
        f"Setup complete: you are the new social media manager of {data.brand}.")


def test_learner_setup_gives_their_own_brand(capsys):
    mine = lesson00.setup(learner="ada@example.org")
    assert "ada@example.org" in capsys.readouterr().out
    assert len(lesson00.october(mine)) != len(lesson00.october(load_course_data())) or (
        mine.brand != load_course_data().brand)
    lesson00.setup(quiet=True)  # back to the canonical data for the other tests


# --- one definition of the month's rate, and no warning the text contradicts ------------------


def _reach_total_calls(notebook: Path) -> list[str]:
    """Calls that add up reach (engagement_rate by reach with aggregate="total") in code cells."""
    import ast
    import json

    found = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        code = "\n".join(line for line in source.splitlines() if not line.startswith("#"))
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "engagement_rate":
                kwargs = {k.arg: getattr(k.value, "value", None) for k in node.keywords}
                if kwargs.get("aggregate") == "total" and kwargs.get("by", "reach") == "reach":
                    found.append(ast.unparse(node))
    return found


def test_no_cell_of_the_lesson_adds_up_reach():
    """The first rate is the month's rate (average of per-post rates): no reach warning to explain
    away, in the solution or the learner notebook."""
    assert _reach_total_calls(SOLUTION_NOTEBOOK) == []
    assert _reach_total_calls(ROOT / "notebooks" / "00_first_report.ipynb") == []
    # the detector itself finds such a call
    probe = ROOT / "smmlab" / "lessons" / "01_metrics_that_matter.ipynb"
    assert _reach_total_calls(probe), "the detector should see lesson 01's on-purpose warning"


def test_the_months_rate_is_the_average_of_the_posts_rates(data):
    october = lesson00.october(data)
    per_post = october["engagements"] / october["reach"]
    assert lesson00.q2.check_answers({"october_rate": per_post.mean()}, data).correct
    totals = october["engagements"].sum() / october["reach"].sum()
    result = lesson00.q2.check_answers({"october_rate": totals}, data)
    assert result.mistake == "total" and "per_post" in result.message
    median = lesson00.q2.check_answers({"october_rate": per_post.median()}, data)
    assert median.mistake == "median" and "typical post" in median.message


def test_the_recipe_of_exercise_4_gives_the_expected_platform(data):
    """The two lines the notebook spells out are the answer the check expects, on two brands."""
    for course in (data, load_course_data(learner="neighbour@example.org")):
        october = lesson00.october(course)
        october["engagement_rate"] = october["engagements"] / october["reach"]
        rates = october.groupby("platform", observed=True)["engagement_rate"].mean()
        assert lesson00.q4.check_answers({"best_platform": rates.idxmax()}, course).correct
