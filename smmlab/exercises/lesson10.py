"""Lesson 10: Monitor and correct, the monthly loop (KPIs, targets, variance, surprises).

In the notebook: ``from smmlab.exercises.lesson10 import *`` gives ``setup``,
``q1`` ... ``q8``, ``check_all`` and the ``____`` placeholder.

Every expected answer is recomputed from the learner's own data. The months the
lesson reviews follow the brand's planted algorithm change (from the answer key,
``truth_events``, or rebuilt with ``course_truth`` when a workshop folder left it
out): the review month is the last one before the change bites, the "refreshed"
month the first one after. The function exercise is checked on January to April,
months the notebook never shows, on one platform's posts and on a small table whose
posts sit on the edges of two months. The only fixed numbers are the target (+5 % on
the month before) and those test months; the notebook states both.

Examples
--------
>>> from smmlab.exercises import lesson10
>>> data = lesson10.setup(quiet=True)
>>> previous, review, new = lesson10.months(data)
>>> new == review + 1 == previous + 2
True
>>> lesson10.q6.expected(data)
'the platform changed'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from smmlab._messages import Catalog
from smmlab.detect import changepoint
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant, course_truth, swapped
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    ReflectionExercise,
    ValueExercise,
)
from smmlab.report.claims import has_number

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Targets: the month before + 5 %.
TARGET_UPLIFT = 1.05
#: The months the function exercise is checked on (never shown in the notebook).
TEST_MONTHS = (1, 2, 3, 4)
#: The four explanations of the decision exercise.
CAUSES = ("our content got worse", "the platform changed", "tracking broke", "nothing happened")
#: Other words for them: short forms, Italian and French.
CAUSE_ALIASES = {
    "our content got worse": ("content got worse", "the content got worse", "content",
                              "i contenuti sono peggiorati", "il contenuto è peggiorato",
                              "contenuti peggiorati", "notre contenu s'est dégradé",
                              "le contenu s'est dégradé"),
    "the platform changed": ("platform changed", "platform", "the algorithm changed",
                             "algorithm change", "la piattaforma è cambiata",
                             "piattaforma cambiata", "l'algoritmo è cambiato",
                             "la plateforme a changé", "l'algorithme a changé"),
    "tracking broke": ("tracking", "tracking is broken", "il tracciamento si è rotto",
                       "tracciamento rotto", "le suivi est cassé", "le tracking est cassé"),
    "nothing happened": ("nothing", "non è successo niente", "non è successo nulla",
                         "niente", "il ne s'est rien passé", "rien"),
}
KPIS = ("posts", "reach", "engagements", "engagement_rate")
ACTIONS = ["likes", "comments", "shares", "saves"]

MESSAGES = Catalog(
    {
        "en": {
            "title": "Monitor and correct: the monthly loop",
            # q1 engagement rate of the review month
            "q1_hint1": "Add up the month's engagements (likes + comments + shares + saves) and "
                        "the month's reach, then divide the totals, as in the worked example.",
            "q1_hint2": "engagements = review_posts[[\"likes\", \"comments\", \"shares\", "
                        "\"saves\"]].sum().sum(); review_er = engagements / "
                        "review_posts[\"reach\"].sum()",
            "q1_mean_of_rates": "That is the average of the posts' own rates: a post seen by 50 "
                                "people weighs as much as one seen by 50,000. Divide the "
                                "month's total engagements by its total reach.",
            "q1_likes_only": "That rate counts likes only. Engagements are likes + comments + "
                             "shares + saves.",
            "q1_previous_month": "That is the rate of month {month}, the worked example's "
                                 "month. The question asks for the review month, {review}: "
                                 "use review_posts.",
            # q2 the reusable function
            "q2_hint1": "Inside the function, keep the rows of posts whose published_at is in "
                        "month, then build the four numbers of the worked example from those "
                        "rows only, and return them as a pd.Series.",
            "q2_hint2": "p = posts[posts[\"published_at\"].dt.month == month]; eng = p[[\"likes\", "
                        "\"comments\", \"shares\", \"saves\"]].sum().sum(); return pd.Series("
                        "{{\"posts\": len(p), \"reach\": p[\"reach\"].sum(), \"engagements\": "
                        "eng, \"engagement_rate\": eng / p[\"reach\"].sum()}})",
            "q2_mean_of_rates": "Your engagement_rate is the average of the posts' rates. "
                                "The month's rate is its total engagements ÷ its total reach.",
            "q2_likes_only": "Your engagements count likes only. Engagements are likes + "
                             "comments + shares + saves.",
            "q2_global_posts": "Your function works on the notebook's posts table, not on the "
                               "table it is given: the check also calls it with one platform's "
                               "posts. Inside the function, use its first argument (posts) "
                               "only.",
            # q3 the reach gap
            "q3_hint1": "Average daily reach: add up the platforms' reach for each day, then "
                        "take the mean over the days of the month. The target is the review "
                        "month's average x 1.05.",
            "q3_hint2": "reach_gap = daily_reach(new_month) - daily_reach(review_month) * 1.05",
            "q3_summed_days": "You added up the daily reach over the month. The same people "
                              "are counted again every day they are reached, and a 31-day "
                              "month gets more days than a 30-day one: compare the average "
                              "daily reach.",
            "q3_no_target": "That is the change on the review month, not the gap to the target "
                            "(the review month + 5 %).",
            # q4 gap by platform
            "q4_hint1": "Same as the worked example, but with the average daily reach of each "
                        "platform: group by platform, take the mean of reach, for each month, "
                        "and subtract.",
            "q4_hint2": "gap_by_platform = new_daily.groupby(\"platform\", observed=True)"
                        "[\"reach\"].mean() - review_daily.groupby(\"platform\", observed=True)"
                        "[\"reach\"].mean()",
            "q4_summed_days": "You added up each platform's daily reach over the month: that "
                              "counts the same people again every day. Use the mean per day.",
            "q4_upside_down": "You subtracted the new month from the review month: a drop must "
                              "come out negative (new - review).",
            # q5 chart
            "q5_hint1": "ax.bar(ratio_change.index, ratio_change) draws one bar per platform. "
                        "Then a title, both axis labels and alt text.",
            "q5_hint2": "fig, ax = plt.subplots(); ax.bar(ratio_change.index, ratio_change); "
                        "ax.set_title(...); ax.set_xlabel(\"Platform\"); ax.set_ylabel(\"Change "
                        "of the reach ratio\"); viz.set_alt_text(fig, \"...\").",
            # q6 decision
            "q6_hint1": "Look at three things: is a day missing for {platform}? did the "
                        "engagement rate of its posts collapse? did changepoint find one date "
                        "where the reach ratio stepped down?",
            "q6_hint2": "A sudden, lasting step on one platform only, on one date, while the "
                        "other platforms hold steady, is the platform, not us.",
            "q6_content": "Blaming the content is the classic mistake here. The reach ratio of "
                          "{platform} stepped down on {date} (changepoint: {change:+.0%}) and "
                          "stayed there, on one platform only: our posts did not all get worse "
                          "on the same day.",
            "q6_tracking": "Nothing is missing: account_daily has a row for {platform} on every "
                           "day of the month. Tracking gaps show as missing rows, not as lower "
                           "numbers.",
            "q6_nothing": "Something did happen: changepoint finds a significant step of "
                          "{change:+.0%} in {platform}'s reach ratio on {date}.",
            "q6_platform": "The reach ratio of {platform} shows no lasting step in that month.",
            # q7 tracking outage
            "q7_hint1": "Count the hours with data in that month (its rows of mentions), and "
                        "the hours the month has (days x 24). Scale the month's mentions up by "
                        "hours in the month ÷ hours with data.",
            "q7_hint2": "full_month_mentions = gappy[\"mentions\"].sum() * (days * 24) / "
                        "len(gappy)",
            "q7_raw_total": "That is the month's raw total. Hours are missing from it, so it "
                            "looks quieter than a full month: compare like with like by "
                            "scaling it to the whole month.",
            "q7_per_day": "That is mentions per day of data. The question asks for the whole "
                          "month: multiply by its number of days.",
            "q7_per_hour": "That is mentions per tracked hour. The question asks for the whole "
                           "month: multiply by the hours the month has (days x 24).",
            # q8 memo
            "q8_hint1": "Three short parts: what happened (numbers), why (the cause you found), "
                        "what we change next month (targets, content, where we post, tracking).",
            "q8_hint2": "For example: 'Reach missed target by X a day, mostly on P, because P "
                        "changed its algorithm on D. Next month we reset P's target to the new "
                        "level, move one post a week to ..., and annotate the report.'",
            "q8_no_number": "Your memo has no number. Your manager asked how we did against "
                            "target: say by how much (the gap, or the fall of the reach ratio), "
                            "with numbers from the notebook.",
        }
    }
)
_ = MESSAGES.text

LESSON = Lesson("10", _("title"), source=lessons_dir() / "10_monitor_and_correct.ipynb")


# --------------------------------------------------------------------------------------------
# The answer key and the months
# --------------------------------------------------------------------------------------------


def truth_events(data: CourseData) -> pd.DataFrame:
    """The planted events: ``truth_events`` if the data has it, else rebuilt from its origin.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> "algorithm_change" in set(truth_events(load_course_data())["type"].astype(str))
    True
    """
    if "truth_events" in data:
        return data["truth_events"]
    truth = course_truth(data)
    return truth["events"] if truth else pd.DataFrame(columns=["type", "platform", "start"])


def _naive(value: Any) -> pd.Timestamp:
    stamp = pd.Timestamp(value)
    return stamp.tz_localize(None) if stamp.tzinfo else stamp


def algorithm_change(data: CourseData) -> tuple[str, pd.Timestamp] | None:
    """The platform and the date of the brand's planted algorithm change (None if none)."""
    events = truth_events(data)
    change = events[events["type"].astype(str) == "algorithm_change"]
    if change.empty:
        return None
    row = change.iloc[0]
    return str(row["platform"]), _naive(row["start"])


def months(data: CourseData) -> tuple[int, int, int]:
    """The months of the lesson: (month before the review, review month, new month).

    The new month is the first one in which the change holds for at least half the days.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> months(load_course_data())
    (9, 10, 11)
    """
    change = algorithm_change(data)
    review = 10 if change is None else change[1].month - (change[1].day <= 16)
    review = min(max(review, 2), 11)
    return review - 1, review, review + 1


def month_posts(data: CourseData, month: int) -> pd.DataFrame:
    """The posts published in ``month`` (1-12)."""
    posts = data.posts
    return posts[posts["published_at"].dt.month == month]


def monthly_kpis(posts: pd.DataFrame, month: int, *, mean_of_rates: bool = False,
                 likes_only: bool = False) -> pd.Series:
    """Posts, reach, engagements and engagement rate by reach of ``month``.

    Examples
    --------
    >>> posts = pd.DataFrame({"published_at": pd.to_datetime(["2025-05-02", "2025-05-09"]),
    ...                       "reach": [100, 300], "likes": [8, 6], "comments": [1, 0],
    ...                       "shares": [1, 0], "saves": [0, 0]})
    >>> monthly_kpis(posts, 5).to_dict()
    {'posts': 2.0, 'reach': 400.0, 'engagements': 16.0, 'engagement_rate': 0.04}
    """
    p = posts[posts["published_at"].dt.month == month]
    actions = ["likes"] if likes_only else ACTIONS
    per_post = p[actions].sum(axis=1)
    engagements = float(per_post.sum())
    reach = float(p["reach"].sum())
    rate = (float((per_post / p["reach"].where(p["reach"] > 0)).mean()) if mean_of_rates
            else engagements / reach if reach else float("nan"))
    return pd.Series({"posts": float(len(p)), "reach": reach, "engagements": engagements,
                      "engagement_rate": rate})


def month_daily(data: CourseData, month: int) -> pd.DataFrame:
    """The rows of ``account_daily`` in ``month``."""
    daily = data.account_daily
    return daily[daily["date"].dt.month == month]


def daily_reach(data: CourseData, month: int, how: str = "mean") -> float:
    """Average (or summed) daily reach of all platforms together in ``month``."""
    per_day = month_daily(data, month).groupby("date")["reach"].sum()
    return float(per_day.agg(how))


def _by_platform(data: CourseData, month: int, how: str = "mean") -> pd.Series:
    out = month_daily(data, month).groupby("platform", observed=True)["reach"].agg(how)
    out.index = out.index.astype(str)
    return out.astype(float)


def gap_by_platform(data: CourseData, how: str = "mean") -> pd.Series:
    """Change of each platform's average daily reach, new month - review month.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> _, review, new = months(data)
    >>> total = daily_reach(data, new) - daily_reach(data, review)
    >>> round(float(gap_by_platform(data).sum()), 6) == round(total, 6)
    True
    """
    _, review, new = months(data)
    return (_by_platform(data, new, how) - _by_platform(data, review, how)).rename("reach")


def reach_ratio(data: CourseData, month: int) -> pd.Series:
    """Each platform's reach ratio in ``month``: average daily reach ÷ average followers."""
    grouped = month_daily(data, month).groupby("platform", observed=True)
    ratio = grouped["reach"].mean() / grouped["followers"].mean()
    ratio.index = ratio.index.astype(str)
    return ratio


def ratio_change(data: CourseData) -> pd.Series:
    """Relative change of each platform's reach ratio, new month vs review month."""
    _, review, new = months(data)
    return (reach_ratio(data, new) / reach_ratio(data, review) - 1).rename("ratio_change")


def suspect(data: CourseData) -> str:
    """The platform whose reach ratio fell most.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> suspect(load_course_data())
    'LinkedIn'
    """
    return str(ratio_change(data).idxmin())


def platform_step(data: CourseData, platform: str):  # noqa: ANN201 - a ChangePoint
    """``changepoint`` on the daily reach ratio of ``platform`` over the year."""
    rows = data.account_daily[data.account_daily["platform"] == platform].set_index("date")
    return changepoint(rows["reach"] / rows["followers"])


# --------------------------------------------------------------------------------------------
# Step 1: the monthly KPIs
# --------------------------------------------------------------------------------------------


def _review_er(data: CourseData, mean: bool = False, likes_only: bool = False,
               month: int | None = None) -> float:
    chosen = months(data)[1] if month is None else month
    return float(monthly_kpis(data.posts, chosen, mean_of_rates=mean, likes_only=likes_only)
                 ["engagement_rate"])


def _previous_er(data: CourseData) -> float:
    return _review_er(data, month=months(data)[0])


q1 = ValueExercise(
    variable="review_er",
    expected=_review_er,
    rate=True,
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("mean_of_rates", lambda d: _review_er(d, mean=True), _("q1_mean_of_rates")),
        Mistake("likes_only", lambda d: _review_er(d, likes_only=True), _("q1_likes_only")),
        Mistake("previous_month", _previous_er,
                lambda d: _("q1_previous_month", month=months(d)[0], review=months(d)[1])),
    ),
    right=(Variant(lambda d: round(_review_er(d), 4), "four decimals, as the worked example"),
           Variant(lambda d: round(_review_er(d), 3), "three decimals (4.9 %)")),
    wrong=(Variant(lambda d: _review_er(d, mean=True), "the mean of the posts' rates",
                   says="average of the posts"),
           Variant(lambda d: _review_er(d) * 100, "a percentage", says="percentage"),
           Variant(_previous_er, "the worked example's month",
                   says=lambda d: f"month {months(d)[0]}"),
           Variant(lambda d: _review_er(d, likes_only=True), "likes only", says="likes only")),
)


def _edge_posts(data: CourseData) -> pd.DataFrame:
    """Six of the brand's posts moved to the first and last minutes of May and June.

    A function that filters on the month must put each on the right side of the edge; one
    that ignores its argument and reads the notebook's table gets other numbers.
    """
    posts = data.posts.head(6).copy()
    stamps = pd.DatetimeIndex(pd.to_datetime(
        ["2025-05-01 00:05", "2025-05-15 12:00", "2025-05-31 23:55",
         "2025-06-01 00:05", "2025-06-15 12:00", "2025-06-30 23:55"]))
    tz = getattr(posts["published_at"].dt, "tz", None)
    posts["published_at"] = stamps.tz_localize(tz) if tz is not None else stamps
    return posts


def _busiest_platform(data: CourseData, month: int) -> pd.DataFrame:
    """The posts of the platform that posted most in ``month`` (never an empty month)."""
    posts = data.posts
    in_month = posts[posts["published_at"].dt.month == month]
    platform = in_month["platform"].astype(str).value_counts().idxmax()
    return posts[posts["platform"].astype(str) == platform]


def _kpi_cases(data: CourseData) -> list[tuple[tuple, Any]]:
    """January to April on every post, one platform's January, and both sides of a month edge."""
    tables = [(data.posts, m) for m in TEST_MONTHS]
    tables.append((_busiest_platform(data, TEST_MONTHS[0]), TEST_MONTHS[0]))
    edge = _edge_posts(data)
    tables += [(edge, 5), (edge, 6)]
    return [((table, month), monthly_kpis(table, month)) for table, month in tables]


def _wrong_kpis(**how: bool) -> Callable[[pd.DataFrame, int], pd.Series]:
    def wrong(posts: pd.DataFrame, month: int) -> pd.Series:
        return monthly_kpis(posts, month, **how)

    return wrong


def _notebook_kpis(posts: pd.DataFrame, month: int) -> pd.Series:
    """The notebook's solution, as a learner writes it."""
    p = posts[posts["published_at"].dt.month == month]
    eng = p[ACTIONS].sum().sum()
    return pd.Series({"posts": len(p), "reach": p["reach"].sum(), "engagements": eng,
                      "engagement_rate": eng / p["reach"].sum()})


def _all_months(posts: pd.DataFrame, month: int | None = None) -> pd.Series:
    """A function that forgets to keep the month's rows."""
    eng = posts[ACTIONS].sum().sum()
    return pd.Series({"posts": len(posts), "reach": posts["reach"].sum(), "engagements": eng,
                      "engagement_rate": eng / posts["reach"].sum()})


def _global_posts(data: CourseData) -> Callable[[pd.DataFrame, int], pd.Series]:
    """A function that reads the notebook's posts table instead of its argument."""
    def wrong(posts: pd.DataFrame, month: int) -> pd.Series:
        return _notebook_kpis(data.posts, month)

    return wrong


q2 = FunctionExercise(
    variable="monthly_kpis",
    cases=_kpi_cases,
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("mean_of_rates", lambda d: _wrong_kpis(mean_of_rates=True),
                _("q2_mean_of_rates")),
        Mistake("likes_only", lambda d: _wrong_kpis(likes_only=True), _("q2_likes_only")),
        Mistake("global_posts", _global_posts, _("q2_global_posts")),
    ),
    right=(Variant(lambda d: _notebook_kpis, "the notebook's solution"),
           Variant(lambda d: lambda posts, month: _notebook_kpis(posts, month).round(4),
                   "rates to 4 decimals, as the worked example prints"),
           Variant(lambda d: lambda posts, month: _notebook_kpis(posts, month).to_dict(),
                   "a dict of the four KPIs")),
    wrong=(Variant(lambda d: _wrong_kpis(mean_of_rates=True), "the mean of the posts' rates",
                   says="average of the posts' rates"),
           Variant(lambda d: _wrong_kpis(likes_only=True), "likes only", says="likes only"),
           Variant(_global_posts, "reads the notebook's posts", says="first argument"),
           Variant(lambda d: _all_months, "every month, not the one asked", says="for posts")),
)

# --------------------------------------------------------------------------------------------
# Step 2 and 3: actuals vs targets, and which platform explains the gap
# --------------------------------------------------------------------------------------------


def reach_gap(data: CourseData, how: str = "mean", uplift: float = TARGET_UPLIFT) -> float:
    """New month's daily reach minus its target (the review month's x 1.05)."""
    _, review, new = months(data)
    return daily_reach(data, new, how) - daily_reach(data, review, how) * uplift


q3 = ValueExercise(
    variable="reach_gap",
    expected=reach_gap,
    tier="warm-up",
    hints=(_("q3_hint1"), _("q3_hint2")),
    mistakes=(
        Mistake("summed_days", lambda d: reach_gap(d, "sum"), _("q3_summed_days")),
        Mistake("no_target", lambda d: reach_gap(d, uplift=1.0), _("q3_no_target")),
    ),
    right=(Variant(lambda d: round(reach_gap(d), 1), "to a tenth of a person"),
           Variant(lambda d: int(round(reach_gap(d))), "whole people, as the memo prints"),
           Variant(lambda d: daily_reach(d, months(d)[2]) - TARGET_UPLIFT
                   * daily_reach(d, months(d)[1]), "target computed first")),
    wrong=(Variant(lambda d: reach_gap(d, "sum"), "summed daily reach", says="added up"),
           Variant(lambda d: reach_gap(d, uplift=1.0), "no target", says="target"),
           Variant(lambda d: -reach_gap(d), "target minus actual", says="sign")),
)



q4 = ValueExercise(
    variable="gap_by_platform",
    expected=gap_by_platform,
    hints=(_("q4_hint1"), _("q4_hint2")),
    mistakes=(
        Mistake("summed_days", lambda d: gap_by_platform(d, "sum"), _("q4_summed_days")),
        Mistake("upside_down", lambda d: -gap_by_platform(d), _("q4_upside_down")),
    ),
    right=(Variant(lambda d: gap_by_platform(d).sort_values(), "sorted, as the worked example"),
           Variant(lambda d: gap_by_platform(d).round(2).to_frame("reach_gap"),
                   "a one-column table, to cents of a person"),
           Variant(lambda d: gap_by_platform(d).rename(index=str.lower), "lower-case names")),
    wrong=(Variant(lambda d: gap_by_platform(d, "sum"), "summed daily reach", says="added up"),
           Variant(lambda d: -gap_by_platform(d), "review minus new", says="new - review"),
           Variant(lambda d: swapped(gap_by_platform(d)), "values swapped between platforms",
                   says=lambda d: f"for {gap_by_platform(d).index[0]} your value"),
           Variant(lambda d: gap_by_platform(d).reset_index(drop=True), "the platforms lost",
                   says="labels")),
)


def _ratio_chart(values: pd.Series, *, percent: bool = False, horizontal: bool = False,
                 unit_on_axis: bool = True, alt: str | None = None) -> Figure:
    """A chart a learner might draw for q5 (the exercise's own variants)."""
    import matplotlib.pyplot as plt

    from smmlab import viz

    fig, ax = plt.subplots()
    labels = [str(k) for k in values.index]
    (ax.barh if horizontal else ax.bar)(labels, values.to_numpy() * (100 if percent else 1))
    ax.set_title("Reach ratio, new month vs review month, by platform")
    (ax.set_ylabel if horizontal else ax.set_xlabel)("Platform")
    unit = " (%)" if percent and unit_on_axis else ""
    (ax.set_xlabel if horizontal else ax.set_ylabel)(f"Change of the reach ratio{unit}")
    worst = str(values.idxmin())
    if alt != "":
        viz.set_alt_text(fig, alt if alt is not None else
                         f"Bar chart of the change of each platform's reach ratio. {worst} "
                         f"fell most, by {-values.min():.0%}.")
    plt.close(fig)
    return fig


def _best(values: pd.Series) -> str:
    return str(values.idxmax())


q5 = ChartExercise(
    variable="fig",
    expected=ratio_change,
    hints=(_("q5_hint1"), _("q5_hint2")),
    right=(Variant(lambda d: _ratio_chart(ratio_change(d)), "a bar per platform"),
           Variant(lambda d: _ratio_chart(ratio_change(d), percent=True),
                   "in percent, said on the axis"),
           Variant(lambda d: _ratio_chart(ratio_change(d).sort_values(), horizontal=True),
                   "sorted horizontal bars"),
           Variant(lambda d: _ratio_chart(ratio_change(d), alt=(
               f"Bar chart: {suspect(d)} had the biggest drop of its reach ratio.")),
               "alt text: the biggest drop")),
    wrong=(Variant(lambda d: _ratio_chart(swapped(ratio_change(d))),
                   "values swapped between platforms", says="your chart"),
           Variant(lambda d: _ratio_chart(ratio_change(d), percent=True, unit_on_axis=False),
                   "in percent, not said on the axis", says="does not say so"),
           Variant(lambda d: _ratio_chart(ratio_change(d), alt=(
               f"Bar chart of the change of the reach ratio: {_best(ratio_change(d))} fell "
               "most.")), "alt text: the platform that rose most fell most", says="lowest"),
           Variant(lambda d: _ratio_chart(ratio_change(d), alt=""), "no alt text",
                   says="alt text")),
)

# --------------------------------------------------------------------------------------------
# Step 4: the surprise, and its cause
# --------------------------------------------------------------------------------------------


def cause(data: CourseData) -> str:
    """Why the suspect platform's reach fell, from the answer key of this learner's data.

    The platform changed if the planted algorithm change hit that platform by the end of
    the new month; tracking broke if its rows are missing; the content got worse if its
    posts' engagement rate by reach fell by more than half; else nothing happened.
    """
    platform = suspect(data)
    _, review, new = months(data)
    change = algorithm_change(data)
    end = pd.Timestamp(2025, new, 1) + pd.offsets.MonthEnd(0)
    if change is not None and change[0] == platform and change[1] <= end:
        return "the platform changed"
    if len(month_daily(data, new).query("platform == @platform")) < end.day:
        return "tracking broke"
    posts = data.posts[data.posts["platform"] == platform]
    before = monthly_kpis(posts, review)["engagement_rate"]
    if monthly_kpis(posts, new)["engagement_rate"] < before / 2:
        return "our content got worse"
    return "nothing happened"


def _cause_why(data: CourseData) -> dict[str, str]:
    """Why each call is not the best one, quoting the learner's own platform, date and step."""
    platform = suspect(data)
    step = platform_step(data, platform)
    fields = {"platform": platform, "date": f"{step.date:%d %B}",
              "change": float(ratio_change(data)[platform])}
    return {"our content got worse": _("q6_content", **fields),
            "tracking broke": _("q6_tracking", **fields),
            "nothing happened": _("q6_nothing", **fields),
            "the platform changed": _("q6_platform", **fields)}


q6 = DecisionExercise(
    variable="cause",
    choices=CAUSES,
    expected=cause,
    why=_cause_why,
    aliases=CAUSE_ALIASES,
    hints=(_("q6_hint1", platform="the platform"), _("q6_hint2")),
    right=(Variant(lambda d: cause(d).capitalize(), "capitalised"),
           Variant(lambda d: "La piattaforma è cambiata", "in Italian"),
           Variant(lambda d: "platform changed", "without the article")),
    wrong=(Variant(lambda d: "our content got worse", "the manager's guess", says=suspect),
           Variant(lambda d: "tracking broke", "tracking", says="missing"),
           Variant(lambda d: "nothing happened", "nothing", says="changepoint"),
           Variant(lambda d: "bad luck", "not one of the four", says="must be one of")),
)

# --------------------------------------------------------------------------------------------
# Step 5: a month with missing hours
# --------------------------------------------------------------------------------------------


def missing_hours(data: CourseData) -> pd.Series:
    """Hours without a row of ``mentions``, per month (days x 24 - rows; DST moves it by 1)."""
    stamps = data.mentions["timestamp"]
    rows = stamps.groupby(stamps.dt.month).size()
    days = pd.Series({m: pd.Period(f"2025-{m:02d}").days_in_month for m in rows.index})
    return (days * 24 - rows).rename("missing_hours")


def gappy_month(data: CourseData) -> int:
    """The month with the most hours of mentions missing.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> gappy_month(load_course_data())
    3
    """
    return int(missing_hours(data).idxmax())


def full_month_mentions(data: CourseData, per: str = "month") -> float:
    """The gappy month's mentions scaled to all its hours (or per day, or per hour, of data)."""
    month = gappy_month(data)
    rows = data.mentions[data.mentions["timestamp"].dt.month == month]
    hours = pd.Period(f"2025-{month:02d}").days_in_month * 24
    per_hour = rows["mentions"].sum() / len(rows)
    return float({"month": per_hour * hours, "day": per_hour * 24, "hour": per_hour}[per])


def data_month_total(data: CourseData) -> int:
    """The gappy month's raw total of mentions, hours missing and all."""
    month = gappy_month(data)
    return int(data.mentions.loc[data.mentions["timestamp"].dt.month == month,
                                 "mentions"].sum())


q7 = ValueExercise(
    variable="full_month_mentions",
    expected=full_month_mentions,
    rel_tol=0.005,
    tier="stretch",
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(
        Mistake("raw_total", lambda d: float(data_month_total(d)), _("q7_raw_total")),
        Mistake("per_day", lambda d: full_month_mentions(d, "day"), _("q7_per_day")),
        Mistake("per_hour", lambda d: full_month_mentions(d, "hour"), _("q7_per_hour")),
    ),
    right=(Variant(lambda d: round(full_month_mentions(d)), "whole mentions"),
           Variant(lambda d: data_month_total(d) * (
               pd.Period(f"2025-{gappy_month(d):02d}").days_in_month * 24)
               / (pd.Period(f"2025-{gappy_month(d):02d}").days_in_month * 24
                  - missing_hours(d)[gappy_month(d)]), "scaled by hours ÷ hours with data")),
    wrong=(Variant(lambda d: data_month_total(d), "the raw total", says="raw total"),
           Variant(lambda d: full_month_mentions(d, "day"), "per day", says="per day"),
           Variant(lambda d: full_month_mentions(d, "hour"), "per hour", says="per tracked hour")),
)

# --------------------------------------------------------------------------------------------
# Step 6: the memo
# --------------------------------------------------------------------------------------------


def _memo(data: CourseData, numbers: bool = True) -> str:
    """A memo like the solution's (the exercise's own variants)."""
    platform = suspect(data)
    fall = f"{-ratio_change(data)[platform]:.0%}" if numbers else "a lot"
    gap = f"{abs(reach_gap(data)):,.0f} people a day" if numbers else "some people a day"
    return (f"Our average daily reach missed or beat its target by {gap}. Most of the change "
            f"is on {platform}, whose reach ratio dropped {fall} after the platform changed "
            f"its algorithm; our content did not get worse. Next month we reset the {platform} "
            f"target to the new level, test two formats there, keep the other platforms' plan "
            f"and mark tracking gaps in every report.")


q8 = ReflectionExercise(
    variable="memo",
    min_words=40,
    tier="stretch",
    hints=(_("q8_hint1"), _("q8_hint2")),
    mistakes=(Mistake("no_number", None, _("q8_no_number"),
                      when=lambda memo, d: not has_number(" ".join(memo) if isinstance(
                          memo, list) else str(memo))),),
    right=(Variant(_memo, "the solution's memo"),
           Variant(lambda d: [_memo(d)[:_memo(d).index(". ") + 1],
                              _memo(d)[_memo(d).index(". ") + 2:]], "as a list of sentences")),
    wrong=(Variant(lambda d: f"Reach fell on {suspect(d)}.", "too short",
                   says="at least 40 words"),
           Variant(lambda d: _memo(d, numbers=False), "no number", says="no number")),
)

__all__ = LESSON.bind(globals())
