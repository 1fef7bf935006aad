"""Lesson 02: what is specific to it (the rules every lesson shares are in test_lessons.py)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from lessonkit import run_notebook  # noqa: E402

from smmlab.exercises import Outcome, lesson02  # noqa: E402
from smmlab.exercises.core import PLACEHOLDER, load_course_data  # noqa: E402
from smmlab.viz import set_alt_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOLUTION_NOTEBOOK = ROOT / "notebooks" / "solutions" / "02_content_and_timing.ipynb"
LEARNER_NOTEBOOK = ROOT / "notebooks" / "02_content_and_timing.ipynb"
EXERCISES = list(lesson02.LESSON.exercises.values())


@pytest.fixture(scope="module")
def solved():
    return run_notebook(SOLUTION_NOTEBOOK)


@pytest.fixture(scope="module")
def data():
    return load_course_data()


@pytest.fixture(scope="module")
def posts(data):
    return lesson02.posts_table(data)


def answers_of(exercise, namespace):
    return {v: namespace[v] for v in exercise.variables}


# --- the generic guarantees, for every exercise ---------------------------------------------


MISTAKES = [(e, m) for e in EXERCISES for m in e.mistakes]


@pytest.mark.parametrize("learner", ["neighbour@example.org", "ada@example.org"])
def test_named_mistakes_are_recognised_on_other_brands_too(learner):
    other = load_course_data(learner=learner)
    for exercise in (lesson02.q1, lesson02.q2, lesson02.q5, lesson02.q7):
        for mistake in exercise.mistakes:
            if mistake.name == f"{lesson02.typical_platform(other).lower()}_reach":
                continue  # the platform the exercise asks for (an assessment variant's mistake)
            result = exercise.check_answers({exercise.variables[0]: mistake.compute(other)},
                                            other)
            assert result.mistake == mistake.name, (exercise.name, mistake.name, str(result))


def test_every_message_is_in_the_catalogue(data):
    for variant in range(lesson02.VARIANTS.count):
        mine = data.with_variant("02", variant)
        platforms = {"platform": lesson02.typical_platform(mine)}
        for exercise in EXERCISES:
            for n, hint in enumerate(exercise.hints, start=1):
                said = exercise.hint_text(n, mine)
                if callable(hint):  # a hint that names the learner's platform names theirs
                    platforms = ({"q1": lesson02.typical_platform(mine),
                                  "q3": lesson02.format_platform(mine)})
                    assert f'"{platforms[exercise.name]}"' in said or (
                        f" {platforms[exercise.name]} " in said), (exercise.name, said)
                else:
                    assert said in {lesson02.MESSAGES.text(k) for k in lesson02.MESSAGES.keys()
                                    if k.endswith(("hint1", "hint2"))
                                    and not k.startswith(("q1_", "q3_"))}


def test_the_learner_notebook_is_all_placeholders(data):
    namespace = run_notebook(LEARNER_NOTEBOOK)
    for exercise in EXERCISES:
        answers = {v: namespace[v] for v in exercise.variables if v in namespace}
        assert exercise.check_answers(answers, data).outcome is Outcome.NOT_ATTEMPTED


# --- a neighbour's numbers fail ---------------------------------------------------------------


def test_a_neighbours_numbers_fail(data):
    """Expected answers come from the learner's own data, so copying fails."""
    other = load_course_data(learner="neighbour@example.org")
    theirs = lesson02.posts_table(other)
    copied = {
        "typical_reach": float(theirs[theirs["platform"] == "Instagram"]["reach"].median()),
        "by_pillar": theirs.groupby("content_pillar", observed=True)["engagement_rate"].median(),
        "by_hour": theirs.groupby("hour")["engagement_rate"].median(),
        "calendar": lesson02.model_calendar(other),
    }
    for exercise in (lesson02.q1, lesson02.q2, lesson02.q5):
        assert not exercise.check_answers(copied, data).correct, exercise.name
        assert exercise.check_answers(copied, other).correct, exercise.name
    assert lesson02.q8.check_answers(copied, other).correct
    # the neighbour's best slot is not ours: their function answer would not be ours either
    assert lesson02.best_slot(theirs) != lesson02.best_slot(lesson02.posts_table(data))


# --- value and table answers ------------------------------------------------------------------


def test_the_typical_post_is_the_median_and_far_below_the_mean(posts):
    instagram = posts[posts["platform"] == "Instagram"]["reach"]
    assert instagram.mean() > 1.3 * instagram.median()
    assert posts["reach"].mean() > 3 * posts["reach"].median()  # the viral posts


def test_a_pillar_table_in_another_form_passes(posts, data):
    table = posts.pivot_table(index="content_pillar", values="engagement_rate",
                              aggfunc="median", observed=True)
    assert lesson02.q2.check_answers({"by_pillar": table}, data).correct
    shuffled = lesson02.q2.expected(data).sort_values()
    assert lesson02.q2.check_answers({"by_pillar": shuffled}, data).correct


def test_the_data_shows_what_the_lesson_claims(data, posts):
    """The canonical brand; every learner's brand is covered by tests/test_contracts_posts.py."""
    by_pillar = lesson02.q2.expected(data)
    assert by_pillar["behind-the-scenes"] > 1.5 * by_pillar["promo"]
    duel = lesson02.pillar_duel(data)
    assert (duel["behind-the-scenes"] > duel["promo"]).all()
    assert set(posts.loc[posts["format"] == "document", "platform"]) == {"LinkedIn"}


def test_the_mean_is_named_without_calling_it_a_typical_post(data, posts):
    """The average of the rates is the month's kind of number: the message asks for the median."""
    mean = posts.groupby("content_pillar", observed=True)["engagement_rate"].mean()
    result = lesson02.q2.check_answers({"by_pillar": mean}, data)
    assert result.mistake == "mean" and "median" in result.message
    assert "You took the mean" not in result.message


def test_utc_hours_are_explained(data, posts):
    utc = posts.groupby(posts["published_at"].dt.tz_convert("UTC").dt.hour)[
        "engagement_rate"].median()
    result = lesson02.q5.check_answers({"by_hour": utc}, data)
    assert result.mistake == "utc" and "local time" in result.message


# --- decisions --------------------------------------------------------------------------------


def test_pillar_decision_quotes_the_learners_numbers(data):
    assert lesson02.q4.expected(data) == "behind-the-scenes"
    for wrong in ("promo", "It depends on the platform"):
        result = lesson02.q4.check_answers({"more_of": wrong}, data)
        assert result.outcome is Outcome.NOT_YET
        assert "6 platforms" in result.message and "%" in result.message
    invalid = lesson02.q4.check_answers({"more_of": "memes"}, data)
    assert "must be one of" in invalid.message


def test_the_pillar_decision_is_computed_from_the_data(data):
    """Each call is the expected one for some data: nothing is hard-coded."""
    duel = lesson02.pillar_duel(data)
    mixed = duel.copy()
    mixed.iloc[0] = mixed.iloc[0][::-1].to_numpy()
    flipped = duel[duel.columns[::-1]].set_axis(duel.columns, axis=1)
    calls = {}
    for name, table in {"as is": duel, "mixed": mixed, "flipped": flipped}.items():
        original = lesson02.pillar_duel
        lesson02.pillar_duel = lambda d, table=table: table
        try:
            calls[name] = lesson02._duel_call(data)
        finally:
            lesson02.pillar_duel = original
    assert calls == {"as is": "behind-the-scenes", "mixed": "it depends on the platform",
                     "flipped": "promo"}


def test_verdict_follows_the_sample_size_of_the_brightest_cell(data):
    slot = lesson02.brightest_slot(data)
    assert slot["posts"] < lesson02.MIN_POSTS  # canonical data: a 4-post cell is brightest
    assert lesson02.q6.expected(data) == "need more data"
    trusted = lesson02.q6.check_answers({"verdict": "agree"}, data)
    assert trusted.outcome is Outcome.NOT_YET
    assert f"only {int(slot['posts'])} post" in trusted.message
    assert slot["day"] in trusted.message
    other = load_course_data(learner="neighbour@example.org")
    assert lesson02.brightest_slot(other)["posts"] >= lesson02.MIN_POSTS
    assert lesson02.q6.check_answers({"verdict": "Agree"}, other).correct
    assert not lesson02.q6.check_answers({"verdict": "need more data"}, other).correct


# --- the function -----------------------------------------------------------------------------


def test_function_cases_cover_the_edge_cases(data):
    cases = lesson02.q7.expected(data)
    assert any(want == "need more data" for _args, want in cases)
    assert any(len(args) == 1 for args, _want in cases)  # the default min_posts is used
    for args, want in cases:
        assert list(args[0].columns) == lesson02.SLOT_COLUMNS
        assert want == "need more data" or want[0] in lesson02.DAYS


def test_a_function_still_returning_the_placeholder_is_not_attempted(data):
    def best_slot(posts, min_posts=5):
        return PLACEHOLDER

    result = lesson02.q7.check_answers({"best_slot": best_slot}, data)
    assert result.outcome is Outcome.NOT_ATTEMPTED


def test_a_function_that_fails_gets_partial_credit_and_the_error(data):
    def best_slot(posts, min_posts=5):
        if min_posts > 1000:
            raise KeyError("min_posts")
        return lesson02.best_slot(posts, min_posts)

    result = lesson02.q7.check_answers({"best_slot": best_slot}, data)
    assert result.outcome is Outcome.NOT_YET and "KeyError" in result.message
    assert 0 < result.score < 1


def test_a_slot_returned_as_a_list_or_with_numpy_types_passes(data):
    def best_slot(posts, min_posts=5):
        found = lesson02.best_slot(posts, min_posts)
        return found if isinstance(found, str) else [found[0], pd.Series([found[1]]).iloc[0]]

    assert lesson02.q7.check_answers({"best_slot": best_slot}, data).correct


def test_not_a_function_is_told_so(data):
    result = lesson02.q7.check_answers({"best_slot": ("Thursday", 10)}, data)
    assert result.outcome is Outcome.NOT_YET and "function" in result.message


# --- the calendar -----------------------------------------------------------------------------


def _calendar(rows):
    return pd.DataFrame(rows, columns=["day", "hour", "pillar"])


def test_the_model_calendar_passes_and_typed_calendars_are_read_kindly(data):
    model = lesson02.model_calendar(data)
    assert lesson02.q8.check_answers({"calendar": model}, data).correct
    typed = model.assign(day=model["day"].str.lower() + " ",
                         pillar=model["pillar"].str.upper(), hour=model["hour"].astype(float))
    assert lesson02.q8.check_answers({"calendar": typed}, data).correct


@pytest.mark.parametrize(("change", "words"), [
    (lambda c: c.drop(columns="pillar"), "columns"),
    (lambda c: c.head(2), "between 3 and 7"),
    (lambda c: c.assign(day=["Monday"] * len(c)), "more than once"),
    (lambda c: c.assign(day=["Funday"] + list(c["day"][1:])), "not a day"),
    (lambda c: c.assign(hour=[25] + list(c["hour"][1:])), "not an hour"),
    (lambda c: c.assign(pillar=["memes"] + list(c["pillar"][1:])), "not a content pillar"),
    (lambda c: c.to_dict(), "DataFrame"),
])
def test_calendar_structure_problems_are_named(data, change, words):
    result = lesson02.q8.check_answers({"calendar": change(lesson02.model_calendar(data))}, data)
    assert result.outcome is Outcome.NOT_YET and words in result.message
    assert result.score == 0


def test_calendar_rules_give_partial_credit_and_name_the_slots(data):
    model = lesson02.model_calendar(data)
    facts = lesson02._calendar_facts(data)
    small = next(s for s, (n, _rate) in facts["local"].items() if n < lesson02.MIN_POSTS)
    weak = next(s for s, (n, rate) in facts["local"].items()
                if n >= lesson02.MIN_POSTS and rate < facts["typical"] and s[0] != small[0])
    rows = [r for r in model.itertuples(index=False) if r.day not in (small[0], weak[0])]
    calendar = _calendar([*rows[:3], (*small, "promo"), (*weak, "promo")])
    calendar["pillar"] = "promo"
    result = lesson02.q8.check_answers({"calendar": calendar}, data)
    assert result.outcome is Outcome.NOT_YET and result.mistake == "small_sample"
    assert f"{small[0]} {small[1]}:00" in result.message
    assert f"{weak[0]} {weak[1]}:00" in result.message
    assert "behind-the-scenes" in result.message  # the best pillar is missing
    assert result.score == 0
    fixed = calendar.copy()
    fixed["pillar"] = "behind-the-scenes"
    assert lesson02.q8.check_answers({"calendar": fixed}, data).score == pytest.approx(1 / 3)


def test_calendar_form_check_for_assessments():
    calendar = _calendar([("Monday", 10, "promo"), ("Tuesday", 11, "product"),
                          ("Friday", 9, "educational")])
    assert lesson02.q8.form_problem({"calendar": calendar}) is None
    assert "between 3 and 7" in lesson02.q8.form_problem({"calendar": calendar.head(1)})


# --- the chart --------------------------------------------------------------------------------


def _format_chart(posts, *, alt=True, platform="Facebook"):
    by_format = posts[posts["platform"] == platform].groupby(
        "format", observed=True)["engagement_rate"].median()
    fig, ax = plt.subplots()
    ax.bar(by_format.index.astype(str), by_format)
    ax.set_title("Facebook formats")
    ax.set_xlabel("Format")
    ax.set_ylabel("Median engagement rate by reach")
    if alt:
        set_alt_text(fig, "Bars of the median engagement rate per Facebook format.")
    return fig


def test_format_chart_checks_the_plotted_data(posts, data):
    assert lesson02.q3.check_answers({"format_chart": _format_chart(posts)}, data).correct
    no_alt = lesson02.q3.check_answers({"format_chart": _format_chart(posts, alt=False)}, data)
    assert no_alt.outcome is Outcome.NOT_YET and "alt text" in no_alt.message
    assert no_alt.score == pytest.approx(0.8)
    all_platforms = lesson02.q3.check_answers(
        {"format_chart": _format_chart(posts, platform="Instagram")}, data)
    assert "no value for" in all_platforms.message
    plt.close("all")


# --- setup ------------------------------------------------------------------------------------


def test_setup_names_the_brand(capsys):
    data = lesson02.setup()
    assert capsys.readouterr().out.strip() == (
        f"Setup complete: you are the new social media manager of {data.brand}.")
