"""Lesson 00: Your first social report in 15 minutes.

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

import warnings

import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.core import PLACEHOLDER, CourseData, Lesson, Mistake
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    ReflectionExercise,
    ValueExercise,
)
from smmlab.metrics import ReachNotAdditiveWarning, engagement_rate

#: The month the lesson reports on.
MONTH = 10
#: The SMM process, in order (lesson 00 introduces it; every later lesson is one of its steps).
PROCESS = ("analysis", "strategy", "planning and paid campaigns", "monitoring", "correcting")

MESSAGES = Catalog(
    {
        "en": {
            "title": "Your first social report in 15 minutes",
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
            "q2_hint2": "engagement_rate(october, by=\"reach\", aggregate=\"total\")",
            "q2_followers": "You divided by followers. This report uses engagement rate by "
                            "reach: the people who actually saw the posts.",
            "q2_impressions": "You divided by impressions. Impressions count repeat views; "
                              "this report divides by reach.",
            "q2_per_post": "That is the average of each post's rate (aggregate=\"per_post\"). "
                           "The question asks for the month's total: aggregate=\"total\".",
            "q3_hint1": "Group October's posts by platform and add up the engagements column: "
                        "october.groupby(\"platform\")[\"engagements\"].sum().",
            "q3_hint2": "fig, ax = plt.subplots(), then ax.bar(by_platform.index.astype(str), "
                        "by_platform), ax.set_title(...), ax.set_xlabel(...), "
                        "ax.set_ylabel(...) and smmlab.viz.set_alt_text(fig, \"...\").",
            "q4_hint1": "Compute the engagement rate by reach of each platform, then pick the "
                        "highest.",
            "q4_hint2": "rates = october.groupby(\"platform\").apply(lambda d: "
                        "engagement_rate(d, by=\"reach\", aggregate=\"total\")) then "
                        "rates.idxmax().",
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

LESSON = Lesson("00", _("title"), source=lessons_dir() / "00_first_report.ipynb")


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
    chosen["engagements"] = chosen[["likes", "comments", "shares", "saves"]].sum(axis=1)
    return chosen


def _rate(posts: pd.DataFrame, by: str = "reach", aggregate: str = "total") -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReachNotAdditiveWarning)
        return float(engagement_rate(posts, by=by, aggregate=aggregate))


def _rates_by_platform(data: CourseData) -> pd.Series:
    posts = october(data)
    return pd.Series({str(p): _rate(g) for p, g in posts.groupby("platform", observed=True)})


q1 = ValueExercise(
    "q1",
    variable="n_posts",
    expected=lambda d: len(october(d)),
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("whole_year", lambda d: len(d.posts), _("q1_year")),
        Mistake("september", lambda d: len(october(d, 9)), _("q1_september")),
    ),
)

q2 = ValueExercise(
    "q2",
    variable="october_rate",
    expected=lambda d: _rate(october(d)),
    rate=True,
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("by_followers", lambda d: _rate(october(d), by="followers"), _("q2_followers")),
        Mistake("by_impressions", lambda d: _rate(october(d), by="impressions"),
                _("q2_impressions")),
        Mistake("per_post", lambda d: _rate(october(d), aggregate="per_post"), _("q2_per_post")),
    ),
)

q3 = ChartExercise(
    "q3",
    variable="fig",
    expected=lambda d: october(d).groupby("platform", observed=True)["engagements"].sum()
    .rename(index=str),
    hints=(_("q3_hint1"), _("q3_hint2")),
)


def _best_platform(data: CourseData) -> str:
    return str(_rates_by_platform(data).idxmax())


def _why(data: CourseData) -> dict[str, str]:
    rates = _rates_by_platform(data)
    best = str(rates.idxmax())
    return {p: _("q4_why", platform=p, rate=r, best=best) for p, r in rates.items()}


class _PlatformDecision(DecisionExercise):
    """The choices are the brand's platforms, and the reasons quote the learner's numbers."""

    def evaluate(self, answers, data):  # noqa: ANN001, ANN201 - same signature as the base
        self.choices = tuple(str(p) for p in data.platforms["platform"])
        self.why = _why(data)
        return super().evaluate(answers, data)


q4 = _PlatformDecision(
    "q4",
    variable="best_platform",
    choices=(),
    expected=_best_platform,
    hints=(_("q4_hint1"), _("q4_hint2")),
)

q5 = ValueExercise(
    "q5",
    variable="process",
    expected=lambda d: list(PROCESS),
    ordered=True,
    tier="warm-up",
    hints=(_("q5_hint1"), _("q5_hint2")),
)

q6 = ReflectionExercise(
    "q6",
    variable="findings",
    min_words=20,
    tier="stretch",
    hints=(_("q6_hint1"), _("q6_hint2")),
)

LESSON.add(q1, q2, q3, q4, q5, q6)


setup = LESSON.setup


check_all = LESSON.check_all


____ = PLACEHOLDER
__all__ = ["____", "check_all", "q1", "q2", "q3", "q4", "q5", "q6", "setup"]
