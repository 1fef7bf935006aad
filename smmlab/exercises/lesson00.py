"""Lesson 00: Your first social report.

In the notebook: ``from smmlab.exercises.lesson00 import *`` gives ``setup``,
``q1`` ... ``q6``, ``check_all`` and the ``____`` placeholder.

Examples
--------
>>> from smmlab.exercises import lesson00
>>> data = lesson00.setup(quiet=True)
>>> lesson00.q1.check_answers({"n_posts": len(lesson00.october(data))}, data).correct
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant, swapped
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    ReflectionExercise,
    ValueExercise,
)
from smmlab.exercises.variants import LessonVariants
from smmlab.exercises.variants import params as variant_params
from smmlab.metrics import MONTH_RATE, TYPICAL_POST, engagement_rate

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The month the lesson reports on.
MONTH = 10
#: What counts as an engagement in this lesson.
ENGAGEMENT_COLUMNS = ("likes", "comments", "shares", "saves")
#: Assessment variants (keyed workshops, :mod:`smmlab.exercises.variants`): what the month's
#: rate divides by, in exercises 2 and 4, and why a manager would ask for it. The first is the
#: published lesson's. The worked examples stay by reach: the learner computes the variant's
#: rate in their own answers, so the published solution answers another question.
DENOMINATORS: tuple[tuple[str, str], ...] = (
    ("reach", "the people who saw the posts"),
    ("impressions", "your manager's dashboard divides by impressions, as LinkedIn's and X's "
                    "analytics do"),
    ("followers", "your agency compares the brand with Rival IQ's benchmarks, which divide by "
                  "followers"),
)

#: The SMM process, in order (lesson 00 introduces it; every later lesson is one of its steps).
PROCESS = ("analysis", "strategy", "planning and paid campaigns", "monitoring", "correcting")

MESSAGES = Catalog(
    {
        "en": {
            "title": "Your first social report",
            "q1_hint1": "The october table is ready: count its rows, as the worked example "
                        "counted September's.",
            "q1_hint2": "len(table) counts the rows of a table, like COUNTA in Excel: "
                        "len(october).",
            "q1_year": "You counted the posts of the whole year. Count only October's: "
                       "use the october table.",
            "q1_september": "That is September's count (month 9). October is month 10.",
            "q2_hint1": "smmlab.metrics.engagement_rate(table, by=..., aggregate=...) does the "
                        "division for you. Which denominator and which aggregate does the "
                        "question ask for?",
            "q2_hint2": "engagement_rate(october, by=\"reach\", aggregate=\"per_post\"), with "
                        "the denominator the question names.",
            "q2_other_denominator": "You divided by {used}. Your assessment asks for the rate "
                                    "by {by}: engagement_rate(october, by=\"{by}\", "
                                    "aggregate=\"per_post\").",
            "q2_by_reach": "That is the rate by reach, as in the lesson's worked example. Your "
                           "assessment asks for the rate by {by}: "
                           "engagement_rate(october, by=\"{by}\", aggregate=\"per_post\").",
            "q2_followers": "You divided by followers. This report uses engagement rate by "
                            "reach: the people who actually saw the posts.",
            "q2_impressions": "You divided by impressions. Impressions count repeat views; "
                              "this report divides by reach.",
            "q2_total": "That is the month's engagements ÷ the month's reach added up "
                        "(aggregate=\"total\"). Added-up reach counts a follower once per post "
                        "they saw, so big posts weigh most. The month's rate is the average of "
                        "the posts' rates: aggregate=\"per_post\".",
            "q2_median": "That is the median of the posts' rates: a typical post (lesson 01 "
                         "uses it). This report asks for the month's rate, their average: "
                         "aggregate=\"per_post\".",
            "q3_hint1": "Group October's posts by platform and add up the engagements column: "
                        "october.groupby(\"platform\")[\"engagements\"].sum().",
            "q3_hint2": "fig, ax = plt.subplots(), then ax.bar(by_platform.index.astype(str), "
                        "by_platform), ax.set_title(...), ax.set_xlabel(...), "
                        "ax.set_ylabel(...) and smmlab.viz.set_alt_text(fig, \"...\").",
            "q4_hint1": "Average the engagement_rate column for each platform (groupby, as in "
                        "Step 3, with .mean() instead of .sum()), then take the label of the "
                        "largest with .idxmax().",
            "q4_hint2": "rates = october.groupby(\"platform\", observed=True)"
                        "[\"engagement_rate\"].mean(), then best_platform = rates.idxmax(). "
                        "If the question names another denominator than reach, recompute the "
                        "engagement_rate column with it first.",
            "q4_why": "{platform} had {rate:.1%} in October; {best} had the highest rate.",
            "q5_hint1": "An SMM first finds out where things stand, then decides what to aim "
                        "for, then plans, then watches, then fixes.",
            "q5_hint2": "Analysis comes first and correcting comes last.",
            "q6_hint1": "Write three short sentences a busy manager can read in ten seconds, "
                        "each with one number from this notebook.",
            "q6_hint2": "For example: the month's engagement rate, the best platform and one "
                        "thing to try next month.",
        }
    }
)
_ = MESSAGES.text

def _describe(params: Mapping[str, Any]) -> str:
    return (f"**Your assessment variant.** In exercises 2 and 4 the engagement rate divides by "
            f"**{params['by']}** ({params['why']}), not by reach as the worked examples do: "
            f"compute it with `by=\"{params['by']}\"` in your answers, and say it in your "
            "findings.")


def _rewrite(source: str, params: Mapping[str, Any]) -> str:
    """A lesson-00 cell as the variant asks it: exercises 2 and 4 name its denominator."""
    by = params["by"]
    if by == "reach":
        return source
    source = source.replace("October's engagement rate by reach",
                            f"October's engagement rate by {by}")
    source = source.replace(  # exercise 2's answer, in the solution
        'october_rate = engagement_rate(october, by="reach", aggregate="per_post")',
        f'october_rate = engagement_rate(october, by="{by}", aggregate="per_post")')
    source = source.replace(  # exercise 4's answer, in the solution
        'rates = october.groupby("platform", observed=True)["engagement_rate"].mean()',
        f'october["engagement_rate"] = engagement_rate(october, by="{by}")\n'
        'rates = october.groupby("platform", observed=True)["engagement_rate"].mean()')
    if "### Exercise 4" in source:
        source = source.replace("engagement rate by reach in October?",
                                f"engagement rate by {by} in October?")
        source = source.replace(
            "A recipe in two lines, both like a pivot table:\n\n1.",
            "A recipe in three lines:\n\n0. `october[\"engagement_rate\"] = "
            f"engagement_rate(october, by=\"{by}\")`: the column above divides by reach, "
            f"your question by {by}.\n1.")
    return source


VARIANTS = LessonVariants(
    tuple({"by": by, "why": why} for by, why in DENOMINATORS),
    describe=_describe, rewrite=_rewrite)

LESSON = Lesson("00", _("title"), source=lessons_dir() / "00_first_report.ipynb",
                variants=VARIANTS)


def denominator(data: CourseData) -> str:
    """What exercises 2 and 4 divide by for this learner: reach, or their variant's.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> denominator(load_course_data())
    'reach'
    """
    return str(variant_params(data, LESSON)["by"])


def october(data: CourseData, month: int = MONTH) -> pd.DataFrame:
    """The brand's posts of the given month of 2025, with an ``engagements`` column.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> october(load_course_data())["published_at"].dt.month.unique().tolist()
    [10]
    """
    posts = data.posts
    chosen = posts[posts["published_at"].dt.month == month].copy()
    chosen["engagements"] = chosen[list(ENGAGEMENT_COLUMNS)].sum(axis=1)
    return chosen


def _rate(posts: pd.DataFrame, by: str = "reach", aggregate: str = MONTH_RATE) -> float:
    """The posts' engagement rate; the rate of totals is computed from the two sums.

    ``engagement_rate(..., aggregate="total")`` by reach warns the learner that reach
    does not add up; the check computes the same number from the sums, so it never
    raises that warning (and never has to silence it in the grader's threads).
    """
    if aggregate == "total":
        engagements = float(posts["engagements"].sum())
        return float(engagement_rate(engagements=engagements, by=by,
                                     **{by: _denominator(posts, by)}))
    return float(engagement_rate(posts, by=by, aggregate=aggregate))


def _denominator(posts: pd.DataFrame, by: str) -> float:
    column = "followers_at_post" if by == "followers" else by
    return float(posts[column].sum())


def _rates_by_platform(data: CourseData) -> pd.Series:
    posts, by = october(data), denominator(data)
    return pd.Series({str(p): _rate(g, by=by)
                      for p, g in posts.groupby("platform", observed=True)})


def _engagements_by_platform(data: CourseData) -> pd.Series:
    return october(data).groupby("platform", observed=True)["engagements"].sum().rename(index=str)


def _bar_chart(values: pd.Series, *, title: str = "Engagements per platform, October 2025",
               alt: str | None = None, horizontal: bool = False, percent: bool = False) -> Figure:
    """A chart a learner might draw for q3 (the exercise's own variants)."""
    import matplotlib.pyplot as plt

    from smmlab import viz

    fig, ax = plt.subplots()
    labels = [str(k) for k in values.index]
    (ax.barh if horizontal else ax.bar)(labels, values.to_numpy())
    ax.set_title(title)
    ax.set_xlabel("Platform")
    ax.set_ylabel("Engagements" + (" (thousands)" if percent else ""))
    top = str(values.idxmax())
    if alt != "":
        viz.set_alt_text(fig, alt if alt is not None else
                         f"Bar chart of October engagements per platform; {top} had the most.")
    plt.close(fig)
    return fig



q1 = ValueExercise(
    variable="n_posts",
    expected=lambda d: len(october(d)),
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("whole_year", lambda d: len(d.posts), _("q1_year")),
        Mistake("september", lambda d: len(october(d, 9)), _("q1_september")),
    ),
    right=(Variant(lambda d: float(len(october(d))), "a float"),),
    wrong=(Variant(lambda d: len(d.posts), "the whole year", says="whole year"),
           Variant(lambda d: len(october(d)) + 1, "one too many", says="n_posts is")),
)

def _other_denominator(used: str) -> Callable[[CourseData], str]:
    """The message for dividing by ``used``: the lesson's own, or the variant's."""
    def message(data: CourseData) -> str:
        by = denominator(data)
        return _(f"q2_{used}") if by == "reach" else _("q2_other_denominator", used=used, by=by)
    return message


def _month_rate(data: CourseData, **how: str) -> float:
    """October's rate as exercise 2 asks it (the variant's denominator), or as ``how`` says."""
    return _rate(october(data), **{"by": denominator(data), **how})


q2 = ValueExercise(
    variable="october_rate",
    expected=_month_rate,
    rate=True,
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("by_reach", lambda d: _month_rate(d, by="reach"),
                lambda d: _("q2_by_reach", by=denominator(d))),
        Mistake("by_followers", lambda d: _month_rate(d, by="followers"),
                _other_denominator("followers")),
        Mistake("by_impressions", lambda d: _month_rate(d, by="impressions"),
                _other_denominator("impressions")),
        Mistake("total", lambda d: _month_rate(d, aggregate="total"), _("q2_total")),
        Mistake("median", lambda d: _month_rate(d, aggregate=TYPICAL_POST), _("q2_median")),
    ),
    right=(Variant(lambda d: round(_month_rate(d), 3), "rounded as printed (4.9 %)"),
           Variant(lambda d: round(_month_rate(d), 4), "four decimals")),
    wrong=(Variant(lambda d: _month_rate(d) * 100, "a percentage", says="percentage"),
           Variant(lambda d: round(_month_rate(d), 1), "rounded to nothing",
                   says="october_rate is"),
           Variant(lambda d: _month_rate(d, by="followers"), "by followers",
                   says="followers"),
           Variant(lambda d: _month_rate(d, aggregate="total"), "the rate of the totals",
                   says="added up"),
           Variant(lambda d: _month_rate(d, aggregate=TYPICAL_POST), "the median",
                   says="typical post")),
)

q3 = ChartExercise(
    variable="fig",
    expected=_engagements_by_platform,
    kpi="engagements",
    hints=(_("q3_hint1"), _("q3_hint2")),
    right=(Variant(lambda d: _bar_chart(_engagements_by_platform(d)), "a bar chart"),
           Variant(lambda d: _bar_chart(_engagements_by_platform(d).sort_values()),
                   "bars sorted by value"),
           Variant(lambda d: _bar_chart(_engagements_by_platform(d), horizontal=True),
                   "horizontal bars"),
           Variant(lambda d: _bar_chart(_engagements_by_platform(d) / 1000, percent=True),
                   "in thousands, said on the axis")),
    wrong=(Variant(lambda d: _bar_chart(swapped(_engagements_by_platform(d))),
                   "values swapped between platforms", says="your"),
           Variant(lambda d: _bar_chart(_engagements_by_platform(d),
                                        title="Reach per platform, October 2025"),
                   "an engagements chart titled reach", says="reach"),
           Variant(lambda d: _bar_chart(_engagements_by_platform(d), alt=""),
                   "no alt text", says="alt text"),
           Variant(lambda d: _bar_chart(
               _engagements_by_platform(d),
               alt=f"Bar chart of engagements; {_engagements_by_platform(d).idxmin()} had the "
                   "most."), "alt text naming the lowest bar as the highest", says="highest")),
)


def _best_platform(data: CourseData) -> str:
    return str(_rates_by_platform(data).idxmax())


def _why(data: CourseData) -> dict[str, str]:
    rates = _rates_by_platform(data)
    best = str(rates.idxmax())
    return {p: _("q4_why", platform=p, rate=r, best=best) for p, r in rates.items()}


def _worst_platform(data: CourseData) -> str:
    return str(_rates_by_platform(data).idxmin())


q4 = DecisionExercise(
    variable="best_platform",
    choices=lambda d: [str(p) for p in d.platforms["platform"]],
    expected=_best_platform,
    why=_why,
    hints=(_("q4_hint1"), _("q4_hint2")),
    right=(Variant(lambda d: _best_platform(d).lower(), "in lower case"),),
    wrong=(Variant(_worst_platform, "the lowest rate", says=_best_platform),
           Variant(lambda d: "Snapchat", "a platform the brand is not on", says="must be one of")),
)

q5 = ValueExercise(
    variable="process",
    expected=lambda d: list(PROCESS),
    ordered=True,
    tier="warm-up",
    hints=(_("q5_hint1"), _("q5_hint2")),
    right=(Variant(lambda d: tuple(p.title() for p in PROCESS), "capitalised, as a tuple"),),
    wrong=(Variant(lambda d: list(reversed(PROCESS)), "reversed", says="order"),
           Variant(lambda d: list(PROCESS[:-1]), "a step missing", says="5 items")),
)

q6 = ReflectionExercise(
    variable="findings",
    min_words=20,
    tier="stretch",
    hints=(_("q6_hint1"), _("q6_hint2")),
    right=(Variant(lambda d: ["In October we published many posts and people reacted often.",
                              "Instagram did best: we will put next month's ideas there first.",
                              "Next we compare with September."], "three findings"),),
    wrong=(Variant(lambda d: "Good month.", "too short", says="at least 20 words"),),
)

__all__ = LESSON.bind(globals())
