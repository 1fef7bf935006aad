"""Lesson 10: Monitor and correct, the monthly loop (KPIs, targets, variance, surprises).

In the notebook: ``from smmlab.exercises.lesson10 import *`` gives ``setup``,
``q1`` ... ``q8``, ``check_all`` and the ``____`` placeholder.

Every expected answer is recomputed from the learner's own data. The months the
lesson reviews follow the brand's planted algorithm change (from the answer key,
``truth_events``, or rebuilt with ``course_truth`` when a workshop folder left it
out): the review month is the last one before the change bites, the "refreshed"
month the first one after (the change starts in the first week of a month). Reach is
compared platform by platform (a person who follows the brand on two platforms is reached
on both: reach does not add up across platforms). The function exercise is checked on
January to April, months the notebook never shows, on one platform's posts and on a small
table whose posts sit on the edges of two months. The only fixed numbers are the target (+5 % on
the month before, or an assessment variant's: :data:`TARGETS`) and those test months; the
notebook states both.

Examples
--------
>>> from smmlab.exercises import lesson10
>>> data = lesson10.setup(quiet=True)
>>> previous, review, new = lesson10.months(data)
>>> new == review + 1 == previous + 2
True
>>> lesson10.q6.expected(data)
"LinkedIn's algorithm changed"
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
from smmlab.exercises.variants import LessonVariants
from smmlab.exercises.variants import params as variant_params
from smmlab.report.claims import has_number
from smmlab.synth.brand import PLATFORMS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Targets: the month before + 5 %.
TARGET_UPLIFT = 1.05
#: Assessment variants (keyed workshops, :mod:`smmlab.exercises.variants`): the new month's
#: target, as a factor on the review month, and why a manager would set it. The first is the
#: published lesson's. A variant's notebook asks its factor everywhere (the worked examples
#: too), so the published solution's answers measure the gap to another target.
TARGETS: tuple[tuple[float, str], ...] = (
    (TARGET_UPLIFT, "last month + 5 %"),
    (1.10, "your manager raised it for the new season's campaign"),
    (1.02, "the budget is frozen this quarter, so your manager set a cautious target"),
)
#: The months the function exercise is checked on (never shown in the notebook).
TEST_MONTHS = (1, 2, 3, 4)
#: The explanations of the decision exercise; a platform change names its platform.
CONTENT, TRACKING, NOTHING = "our content got worse", "tracking broke", "nothing happened"
CAUSES = (CONTENT, TRACKING, NOTHING)
CHANGED = "{platform}'s algorithm changed"
#: A platform change said without saying which platform: never the best call (it asks which).
UNNAMED = "the platform changed"
UNNAMED_CHANGE = ("platform changed", "the algorithm changed",
                  "algorithm changed", "algorithm change", "an algorithm change", "platform",
                  "la piattaforma è cambiata", "l'algoritmo è cambiato",
                  "la plateforme a changé", "l'algorithme a changé")


def _changed_aliases(platform: str) -> tuple[str, ...]:
    return (f"{platform} algorithm changed", f"{platform}'s algorithm change",
            f"{platform} algorithm change", f"{platform} changed its algorithm",
            f"{platform}: the platform changed", f"{platform} changed",
            f"the platform changed: {platform}", f"l'algoritmo di {platform} è cambiato",
            f"{platform} ha cambiato algoritmo", f"l'algorithme de {platform} a changé",
            f"{platform} a changé son algorithme")


#: Other words for them: short forms, Italian and French.
CAUSE_ALIASES = {
    CONTENT: ("content got worse", "the content got worse", "content",
              "i contenuti sono peggiorati", "il contenuto è peggiorato",
              "contenuti peggiorati", "notre contenu s'est dégradé",
              "le contenu s'est dégradé"),
    TRACKING: ("tracking", "tracking is broken", "il tracciamento si è rotto",
               "tracciamento rotto", "le suivi est cassé", "le tracking est cassé"),
    NOTHING: ("nothing", "non è successo niente", "non è successo nulla",
              "niente", "il ne s'est rien passé", "rien"),
    UNNAMED: UNNAMED_CHANGE,
    **{CHANGED.format(platform=p): _changed_aliases(p) for p in PLATFORMS},
}
KPIS = ("posts", "reach", "engagements", "engagement_rate")
ACTIONS = ["likes", "comments", "shares", "saves"]

MESSAGES = Catalog(
    {
        "en": {
            "title": "Monitor and correct: the monthly loop",
            # q1 engagement rate of the review month
            "q1_hint1": "For each post, divide its engagements (likes + comments + shares + "
                        "saves) by its reach; the month's rate is the average of those rates, "
                        "as in the worked example.",
            "q1_hint2": "per_post = review_posts[[\"likes\", \"comments\", \"shares\", "
                        "\"saves\"]].sum(axis=1); review_er = (per_post / "
                        "review_posts[\"reach\"]).mean()",
            "q1_totals": "That divides the month's total engagements by its summed reach. "
                         "Summed reach counts a person who saw three posts three times, and the "
                         "biggest posts weigh the most. The month's rate (lesson 01, the "
                         "glossary) is the average of the posts' own rates: engagements ÷ reach "
                         "post by post, then .mean().",
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
                        "\"comments\", \"shares\", \"saves\"]].sum(axis=1); return pd.Series("
                        "{{\"posts\": len(p), \"reach\": p[\"reach\"].sum(), \"engagements\": "
                        "eng.sum(), \"engagement_rate\": (eng / p[\"reach\"]).mean()}})",
            "q2_totals": "Your engagement_rate divides total engagements by summed reach. The "
                         "month's rate is the average of the posts' own rates (engagements ÷ "
                         "reach, post by post): summed reach counts the same people again.",
            "q2_likes_only": "Your engagements count likes only. Engagements are likes + "
                             "comments + shares + saves.",
            "q2_global_posts": "Your function works on the notebook's posts table, not on the "
                               "table it is given: the check also calls it with one platform's "
                               "posts. Inside the function, use its first argument (posts) "
                               "only.",
            # q3 the reach gap, per platform
            "q3_hint1": "daily_reach(month) gives each platform's average daily reach in a "
                        "month. Each platform's target is its review-month figure times the "
                        "factor the exercise names; the gap is actual - target, platform by "
                        "platform.",
            "q3_hint2": "reach_gap = daily_reach(new_month) - daily_reach(review_month) * "
                        "factor, with the exercise's factor (1.05 for + 5 %).",
            "q3_summed_days": "You added up the daily reach over the month. The same people "
                              "are counted again every day they are reached, and a 31-day "
                              "month gets more days than a 30-day one: compare the average "
                              "daily reach.",
            "q3_no_target": "That is the change on the review month, not the gap to the target "
                            "(the review month + {growth}).",
            "q3_other_target": "That is the gap to the review month + {used}. Your target is "
                               "the review month + {growth}: multiply by {factor}.",
            "q3_summed_platforms": "That is one number for all platforms together. Reach does "
                                   "not add up across platforms: a person who follows you on "
                                   "Instagram and on Facebook is reached on both and counted "
                                   "twice. Give one gap per platform (a Series).",
            # q4 the gap as a share of the target
            "q4_hint1": "Divide each platform's gap (reach_gap) by its target, the review "
                        "month's average daily reach times the exercise's factor.",
            "q4_hint2": "gap_share = reach_gap / (daily_reach(review_month) * factor), with the "
                        "exercise's factor (1.05 for + 5 %).",
            "q4_of_review": "You divided by the review month's reach. The gap is measured "
                            "against the target (review month x {factor}): divide by the "
                            "target.",
            "q4_other_target": "Those are shares of the gap to the review month + {used}. Your "
                               "target is the review month + {growth}: multiply by {factor}, "
                               "in the gap and in the target you divide by.",
            "q4_people": "That is the gap in people a day (Exercise 3). Divide it by each "
                         "platform's target to compare platforms of different sizes.",
            "q4_percent": "Your shares look like percentages (x100). Keep them as fractions, "
                          "as the rest of the course does: -30 % is -0.30.",
            # q5 chart
            "q5_hint1": "ax.bar(ratio_change.index, ratio_change) draws one bar per platform. "
                        "Then a title, both axis labels and alt text.",
            "q5_hint2": "fig, ax = plt.subplots(); ax.bar(ratio_change.index, ratio_change); "
                        "ax.set_title(...); ax.set_xlabel(\"Platform\"); ax.set_ylabel(\"Change "
                        "of the reach ratio\"); viz.set_alt_text(fig, \"...\").",
            # q6 decision
            "q6_hint1": "Look at the evidence table: which platform missed its target by the "
                        "biggest share and whose reach ratio stepped down on one date? Is a day "
                        "missing anywhere? Did the engagement rate of the posts collapse?",
            "q6_hint2": "A sudden, lasting step on one platform only, on one date, while the "
                        "other platforms hold steady, is that platform's algorithm, not our "
                        "content: name it, e.g. \"Facebook's algorithm changed\". Missing by "
                        "many people a day on a big platform is not a step.",
            "q6_content": "Blaming the content is the classic mistake here. The reach ratio of "
                          "{platform} fell {change:+.0%} from the review month, in one step "
                          "around {date}, on one platform only: our posts did not all get worse "
                          "on the same day, and the people who saw them engaged about as "
                          "before.",
            "q6_tracking": "Nothing is missing: account_daily has a row for every platform on "
                           "every day of the month. Tracking gaps show as missing rows, not as "
                           "lower numbers.",
            "q6_nothing": "Something did happen: {platform}'s reach ratio fell {change:+.0%} "
                          "from the review month, in one step around {date}, and it missed its "
                          "target by {share:.0%}.",
            "q6_unnamed": "Which platform? Name the one whose algorithm changed, for example "
                          "\"{platform}'s algorithm changed\": the others did not change.",
            "q6_big_platform": "{other} missed its target by the most people a day ({people:,.0f}"
                               "), but it is a big platform: that is {share:.0%} of its target, "
                               "and its reach ratio moved {ratio:+.0%}. {platform}'s fell "
                               "{change:+.0%}, in one step around {date}.",
            "q6_other_platform": "{other}'s reach ratio moved {ratio:+.0%} ({share:+.0%} against "
                                 "its target). {platform}'s fell {change:+.0%}, in one step "
                                 "around {date}.",
            "q6_no_change": "No platform's reach ratio stepped down in that month.",
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
            "q8_hint2": "For example: 'P's daily reach missed its target by X people a day (Y "
                        "%), because P changed its algorithm around D. Next month we reset P's "
                        "target to the new level, move one post a week to ..., and annotate "
                        "the report.' Say 'missed' for a gap below 0 and 'beat' above.",
            "q8_no_number": "Your memo has no number. Your manager asked how we did against "
                            "target: say by how much (the gap, or the fall of the reach ratio), "
                            "with numbers from the notebook.",
        }
    }
)
_ = MESSAGES.text



def _growth(factor: float) -> str:
    """``1.05`` as people read it: ``'5 %'``."""
    return f"{(factor - 1) * 100:.0f} %"


def _factor(factor: float) -> str:
    """``1.1`` as the notebook's code writes it: ``'1.10'``."""
    return f"{factor:.2f}"


def _describe(params: Mapping[str, Any]) -> str:
    factor = params["uplift"]
    return (f"**Your assessment variant.** The new month's target is the review month "
            f"**+ {_growth(factor)}** ({params['why']}), not + 5 % as in the published lesson: "
            f"multiply by **{_factor(factor)}** in exercises 3 and 4, and measure your memo's "
            "gaps against it.")


def _rewrite(source: str, params: Mapping[str, Any]) -> str:
    """A lesson-10 cell as the variant asks it: every target is the variant's factor."""
    factor = params["uplift"]
    if factor == TARGET_UPLIFT:
        return source
    for old, new in (("* 1.05", f"* {_factor(factor)}"), ("× 1.05", f"× {_factor(factor)}"),
                     ("**last month + 5 %**", f"**last month + {_growth(factor)}**")):
        source = source.replace(old, new)
    return source


VARIANTS = LessonVariants(
    tuple({"uplift": factor, "why": why} for factor, why in TARGETS),
    describe=_describe, rewrite=_rewrite)

LESSON = Lesson("10", _("title"), source=lessons_dir() / "10_monitor_and_correct.ipynb",
                variants=VARIANTS)


def uplift(data: CourseData) -> float:
    """The factor on the review month that makes this learner's target (1.05: + 5 %).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> uplift(load_course_data())
    1.05
    >>> uplift(load_course_data().with_variant("10", 1))
    1.1
    """
    return float(variant_params(data, LESSON)["uplift"])


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

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> months(load_course_data())
    (9, 10, 11)
    """
    change = algorithm_change(data)
    return months_around(None if change is None else change[1])


def months_around(change: pd.Timestamp | None) -> tuple[int, int, int]:
    """The lesson's months around a change: the new month is the first one in which it holds
    for at least half the days, the review month the one before.

    Examples
    --------
    >>> months_around(pd.Timestamp("2025-08-03")), months_around(None)
    ((6, 7, 8), (9, 10, 11))
    """
    review = 10 if change is None else change.month - (change.day <= 16)
    review = min(max(review, 2), 11)
    return review - 1, review, review + 1


def month_posts(data: CourseData, month: int) -> pd.DataFrame:
    """The posts published in ``month`` (1-12)."""
    posts = data.posts
    return posts[posts["published_at"].dt.month == month]


def monthly_kpis(posts: pd.DataFrame, month: int, *, totals: bool = False,
                 likes_only: bool = False) -> pd.Series:
    """Posts, summed reach, engagements and the engagement rate of ``month``.

    The month's engagement rate is the average of the posts' own rates by reach
    (:data:`smmlab.metrics.MONTH_RATE`); ``totals=True`` divides the totals instead
    (a named mistake).

    Examples
    --------
    >>> posts = pd.DataFrame({"published_at": pd.to_datetime(["2025-05-02", "2025-05-09"]),
    ...                       "reach": [100, 300], "likes": [8, 6], "comments": [1, 0],
    ...                       "shares": [1, 0], "saves": [0, 0]})
    >>> monthly_kpis(posts, 5).round(4).to_dict()  # (10/100 + 6/300) / 2
    {'posts': 2.0, 'reach': 400.0, 'engagements': 16.0, 'engagement_rate': 0.06}
    >>> float(monthly_kpis(posts, 5, totals=True)["engagement_rate"])  # 16 / 400
    0.04
    """
    p = posts[posts["published_at"].dt.month == month]
    actions = ["likes"] if likes_only else ACTIONS
    per_post = p[actions].sum(axis=1)
    engagements = float(per_post.sum())
    reach = float(p["reach"].sum())
    rate = ((engagements / reach if reach else float("nan")) if totals
            else float((per_post / p["reach"].where(p["reach"] > 0)).mean()))
    return pd.Series({"posts": float(len(p)), "reach": reach, "engagements": engagements,
                      "engagement_rate": rate})


def month_daily(data: CourseData, month: int) -> pd.DataFrame:
    """The rows of ``account_daily`` in ``month``."""
    daily = data.account_daily
    return daily[daily["date"].dt.month == month]


def daily_reach(data: CourseData, month: int, how: str = "mean") -> pd.Series:
    """Each platform's average (or summed) daily reach in ``month``.

    Reach is compared platform by platform: a person who follows the brand on two
    platforms is reached on both, so reach does not add up across platforms.
    """
    out = month_daily(data, month).groupby("platform", observed=True)["reach"].agg(how)
    out.index = out.index.astype(str)
    return out.astype(float).rename("reach")


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


def blamed(data: CourseData) -> str:
    """The platform that missed its target by the most people a day (the manager's pick)."""
    return str(reach_gap(data).idxmin())


def evidence_window(data: CourseData, platform: str) -> pd.Series:
    """``platform``'s daily reach ratio (reach ÷ followers) over the lesson's three months."""
    first, _, last = months(data)
    daily = data.account_daily
    rows = daily[(daily["platform"] == platform) & daily["date"].dt.month.between(first, last)]
    rows = rows.set_index("date")
    return rows["reach"] / rows["followers"]


def platform_step(data: CourseData, platform: str):  # noqa: ANN201 - a ChangePoint
    """``changepoint`` on ``platform``'s daily reach ratio over the lesson's three months."""
    return changepoint(evidence_window(data, platform))


# --------------------------------------------------------------------------------------------
# Step 1: the monthly KPIs
# --------------------------------------------------------------------------------------------


def _review_er(data: CourseData, totals: bool = False, likes_only: bool = False,
               month: int | None = None) -> float:
    chosen = months(data)[1] if month is None else month
    return float(monthly_kpis(data.posts, chosen, totals=totals, likes_only=likes_only)
                 ["engagement_rate"])


def _previous_er(data: CourseData) -> float:
    return _review_er(data, month=months(data)[0])


q1 = ValueExercise(
    variable="review_er",
    expected=_review_er,
    # the two rates of a month can be 0.1 % apart (0.05384 and 0.05388 for one brand): the
    # formula asked for is computed exactly; rounding as printed is still accepted
    rel_tol=2e-4,
    rate=True,
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("totals", lambda d: _review_er(d, totals=True), _("q1_totals")),
        Mistake("likes_only", lambda d: _review_er(d, likes_only=True), _("q1_likes_only")),
        Mistake("previous_month", _previous_er,
                lambda d: _("q1_previous_month", month=months(d)[0], review=months(d)[1])),
    ),
    right=(Variant(lambda d: round(_review_er(d), 4), "four decimals, as the worked example"),
           Variant(lambda d: round(_review_er(d), 3), "three decimals (4.9 %)")),
    wrong=(Variant(lambda d: _review_er(d, totals=True), "the ratio of the month's totals",
                   says="summed reach"),
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
    eng = p[ACTIONS].sum(axis=1)
    return pd.Series({"posts": len(p), "reach": p["reach"].sum(), "engagements": eng.sum(),
                      "engagement_rate": (eng / p["reach"]).mean()})


def _all_months(posts: pd.DataFrame, month: int | None = None) -> pd.Series:
    """A function that forgets to keep the month's rows."""
    eng = posts[ACTIONS].sum(axis=1)
    return pd.Series({"posts": len(posts), "reach": posts["reach"].sum(),
                      "engagements": eng.sum(), "engagement_rate": (eng / posts["reach"]).mean()})


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
        Mistake("totals", lambda d: _wrong_kpis(totals=True), _("q2_totals")),
        Mistake("likes_only", lambda d: _wrong_kpis(likes_only=True), _("q2_likes_only")),
        Mistake("global_posts", _global_posts, _("q2_global_posts")),
    ),
    right=(Variant(lambda d: _notebook_kpis, "the notebook's solution"),
           Variant(lambda d: lambda posts, month: _notebook_kpis(posts, month).round(4),
                   "rates to 4 decimals, as the worked example prints"),
           Variant(lambda d: lambda posts, month: _notebook_kpis(posts, month).to_dict(),
                   "a dict of the four KPIs")),
    wrong=(Variant(lambda d: _wrong_kpis(totals=True), "the ratio of the month's totals",
                   says="summed reach"),
           Variant(lambda d: _wrong_kpis(likes_only=True), "likes only", says="likes only"),
           Variant(_global_posts, "reads the notebook's posts", says="first argument"),
           Variant(lambda d: _all_months, "every month, not the one asked", says="for posts")),
)

# --------------------------------------------------------------------------------------------
# Step 2 and 3: actuals vs targets, and which platform explains the gap
# --------------------------------------------------------------------------------------------


def reach_gap(data: CourseData, how: str = "mean", factor: float | None = None) -> pd.Series:
    """Each platform's new-month daily reach minus its target (its review month's x 1.05).

    ``factor`` is the target's factor on the review month: the learner's own
    (:func:`uplift`, 1.05 unless an assessment variant names another) by default.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> gap = reach_gap(load_course_data())
    >>> bool(gap["LinkedIn"] < 0)
    True
    """
    _, review, new = months(data)
    factor = uplift(data) if factor is None else factor
    return (daily_reach(data, new, how) - daily_reach(data, review, how) * factor).rename("gap")


def total_gap(data: CourseData) -> float:
    """The gap of all platforms' reach added up (reach does not add up: a named mistake)."""
    _, review, new = months(data)
    return float(daily_reach(data, new).sum() - daily_reach(data, review).sum() * uplift(data))


def _verdict(gap: float) -> str:
    return "missed" if gap < 0 else "beat"


def _other_target(exercise: str, used: float) -> Callable[[CourseData], str]:
    """The message for measuring against the target ``used`` when the learner's is another."""
    def message(data: CourseData) -> str:
        factor = uplift(data)
        return _(f"{exercise}_other_target", used=_growth(used), growth=_growth(factor),
                 factor=_factor(factor))
    return message


q3 = ValueExercise(
    variable="reach_gap",
    expected=reach_gap,
    tier="warm-up",
    hints=(_("q3_hint1"), _("q3_hint2")),
    mistakes=(
        Mistake("summed_days", lambda d: reach_gap(d, "sum"), _("q3_summed_days")),
        Mistake("no_target", lambda d: reach_gap(d, factor=1.0),
                lambda d: _("q3_no_target", growth=_growth(uplift(d)))),
        Mistake("summed_platforms", total_gap, _("q3_summed_platforms")),
        *(Mistake(f"target_{_growth(f).replace(' %', '')}",
                  lambda d, f=f: reach_gap(d, factor=f), _other_target("q3", f))
          for f, _why in TARGETS),
    ),
    right=(Variant(lambda d: reach_gap(d).round(1), "to a tenth of a person"),
           Variant(lambda d: reach_gap(d).to_dict(), "a dict"),
           Variant(lambda d: reach_gap(d).sort_values(), "sorted")),
    wrong=(Variant(lambda d: reach_gap(d, "sum"), "summed daily reach", says="added up"),
           Variant(lambda d: reach_gap(d, factor=1.0), "no target", says="target"),
           Variant(total_gap, "all platforms added up", says="across platforms"),
           Variant(lambda d: -reach_gap(d), "target minus actual",
                   says=lambda d: f"for {reach_gap(d).index[0]} your value"),
           Variant(lambda d: swapped(reach_gap(d)), "values swapped between platforms",
                   says=lambda d: f"for {reach_gap(d).index[0]} your value")),
)


def gap_share(data: CourseData, base: str = "target", factor: float | None = None
              ) -> pd.Series:
    """Each platform's gap as a share of its target (or, a mistake, of the review month).

    ``factor`` is the target's factor, the learner's own (:func:`uplift`) by default.
    """
    _, review, _new = months(data)
    factor = uplift(data) if factor is None else factor
    divisor = factor if base == "target" else 1.0
    return (reach_gap(data, factor=factor) / (daily_reach(data, review) * divisor)
            ).rename("share")


def _looks_like_percent(answer: Any, data: CourseData) -> bool:
    got = pd.to_numeric(pd.Series(answer), errors="coerce")
    want = gap_share(data)
    got.index = got.index.astype(str)
    return bool(got.reindex(want.index).sub(want * 100).abs().lt(1).all())


q4 = ValueExercise(
    variable="gap_share",
    expected=gap_share,
    hints=(_("q4_hint1"), _("q4_hint2")),
    mistakes=(
        Mistake("of_review", lambda d: gap_share(d, "review"),
                lambda d: _("q4_of_review", factor=_factor(uplift(d)))),
        *(Mistake(f"target_{_growth(f).replace(' %', '')}",
                  lambda d, f=f: gap_share(d, factor=f), _other_target("q4", f))
          for f, _why in TARGETS),
        Mistake("people", reach_gap, _("q4_people")),
        Mistake("percent", None, _("q4_percent"), when=_looks_like_percent),
    ),
    right=(Variant(lambda d: gap_share(d).round(3), "rounded to 0.1 %"),
           Variant(lambda d: gap_share(d).sort_values(), "sorted"),
           Variant(lambda d: gap_share(d).rename(index=str.lower), "lower-case names")),
    wrong=(Variant(lambda d: gap_share(d, "review"), "divided by the review month",
                   says="divide by the target"),
           Variant(reach_gap, "the gap in people", says="people a day"),
           Variant(lambda d: (gap_share(d) * 100).round(1), "in percent", says="percentages"),
           Variant(lambda d: swapped(gap_share(d)), "values swapped between platforms",
                   says=lambda d: f"for {gap_share(d).index[0]} your value"),
           Variant(lambda d: gap_share(d).reset_index(drop=True), "the platforms lost",
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
    """What explains the month's miss, from the answer key of this learner's data.

    A platform's algorithm changed if the planted change hit the platform whose reach ratio
    fell most by the end of the new month; tracking broke if rows are missing; the content
    got worse if the posts' engagement rate by reach fell by more than half; else nothing
    happened.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> cause(load_course_data())
    "LinkedIn's algorithm changed"
    """
    platform = suspect(data)
    _, review, new = months(data)
    change = algorithm_change(data)
    end = pd.Timestamp(2025, new, 1) + pd.offsets.MonthEnd(0)
    if change is not None and change[0] == platform and change[1] <= end:
        return CHANGED.format(platform=platform)
    daily = month_daily(data, new)
    if (daily.groupby("platform", observed=True).size() < end.day).any():
        return TRACKING
    before = monthly_kpis(data.posts, review)["engagement_rate"]
    if monthly_kpis(data.posts, new)["engagement_rate"] < before / 2:
        return CONTENT
    return NOTHING


def cause_choices(data: CourseData) -> tuple[str, ...]:
    """The calls on the table: each of the brand's platforms' algorithm, or one of three."""
    platforms = [str(p) for p in data.account_daily["platform"].unique()]
    return (*(CHANGED.format(platform=p) for p in platforms), *CAUSES, UNNAMED)


def _cause_why(data: CourseData) -> dict[str, str]:
    """Why each call is not the best one, quoting the learner's own platforms and numbers."""
    platform = suspect(data)
    step = platform_step(data, platform)
    gaps, shares, ratios = reach_gap(data), gap_share(data), ratio_change(data)
    fields = {"platform": platform, "date": f"{step.date:%d %B}",
              "change": float(ratios[platform]), "share": -float(shares[platform])}
    why = {CONTENT: _("q6_content", **fields), TRACKING: _("q6_tracking", **fields),
           NOTHING: _("q6_nothing", **fields), UNNAMED: _("q6_unnamed", platform=platform)}
    for other in ratios.index:
        if other == platform:
            continue
        key = "q6_big_platform" if other == blamed(data) else "q6_other_platform"
        why[CHANGED.format(platform=other)] = _(
            key, other=other, people=-float(gaps[other]), share=float(shares[other]),
            ratio=float(ratios[other]), **{k: v for k, v in fields.items() if k != "share"})
    if cause(data) != CHANGED.format(platform=platform):
        why[CHANGED.format(platform=platform)] = _("q6_no_change")
    return why


q6 = DecisionExercise(
    variable="cause",
    choices=cause_choices,
    expected=cause,
    why=_cause_why,
    aliases=CAUSE_ALIASES,
    hints=(_("q6_hint1"), _("q6_hint2")),
    right=(Variant(lambda d: cause(d).upper(), "in capitals"),
           Variant(lambda d: f"l'algoritmo di {suspect(d)} è cambiato", "in Italian"),
           Variant(lambda d: f"{suspect(d)} changed its algorithm", "in other words")),
    wrong=(Variant(lambda d: CONTENT, "the manager's guess", says=suspect),
           Variant(lambda d: "the platform changed", "no platform named", says="Which platform"),
           Variant(lambda d: TRACKING, "tracking", says="missing"),
           Variant(lambda d: NOTHING, "nothing", says="one step"),
           Variant(lambda d: CHANGED.format(platform=ratio_change(d).drop(suspect(d)).idxmin()),
                   "another platform", says=lambda d: f"{suspect(d)}'s fell"),
           Variant(lambda d: "bad luck", "not one of the calls", says="must be one of")),
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
    gap = float(reach_gap(data)[platform])
    fall = f"{-ratio_change(data)[platform]:.0%}" if numbers else "a lot"
    people = f"{abs(gap):,.0f} people a day" if numbers else "many people a day"
    return (f"{platform}'s average daily reach {_verdict(gap)} its target by {people}. Its "
            f"reach ratio dropped {fall} after the platform changed its algorithm; our content "
            f"did not get worse. Next month we reset the {platform} target to the new level, "
            f"test two formats there, keep the other platforms' plan and mark tracking gaps in "
            f"every report.")


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
