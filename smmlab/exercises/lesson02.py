"""Lesson 02: Content and timing.

In the notebook: ``from smmlab.exercises.lesson02 import *`` gives ``setup``,
``q1`` ... ``q8``, ``check_all`` and the ``____`` placeholder.

What the learner finds in their own data: a typical post is the median, not the
mean (a few viral posts pull the mean up); behind-the-scenes posts beat polished
promo posts on engagement rate by reach; hours pooled over platforms are checked
against each post's own platform; a weekday x hour cell with one or two posts is
luck, not a "best time", and even the best well-sampled slot is flattered by luck
(the winner's curse). The stories are guaranteed for every learner by
``tests/test_contracts_posts.py``.

Examples
--------
>>> from smmlab.exercises import lesson02
>>> data = lesson02.setup(quiet=True)
>>> reach = lesson02.posts_table(data).query("platform == 'Instagram'")["reach"].median()
>>> lesson02.q1.check_answers({"typical_reach": reach}, data).correct
True
>>> lesson02.best_slot(lesson02.posts_table(data), min_posts=10_000)
'need more data'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises._messages import text as engine_text
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.compare import day_name, describe
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant, swapped
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    JudgedExercise,
    ValueExercise,
    Verdict,
)
from smmlab.exercises.variants import LessonVariants
from smmlab.exercises.variants import params as variant_params
from smmlab.synth.posts import PILLARS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The lesson's rule of thumb: a weekday x hour slot needs at least this many posts to be judged.
MIN_POSTS = 5
#: Days of the week, in calendar order (``Series.dt.day_name()`` gives these English names).
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: The actions counted as engagements (as in lessons 00 and 01).
ACTIONS = ("likes", "comments", "shares", "saves")
#: Exercise 1 looks at a typical post on this platform.
TYPICAL_PLATFORM = "Instagram"
#: Exercise 3 compares the formats of this platform (it has the most formats).
FORMAT_PLATFORM = "Facebook"
#: The two pillars of the "authentic vs polished" question (exercise 4).
AUTHENTIC, POLISHED = "behind-the-scenes", "promo"
DEPENDS = "it depends on the platform"
#: Exercise 6: the two calls on the colleague's "best time".
AGREE, MORE_DATA = "agree", "need more data"
#: Exercise 8: the size of the weekly calendar and the columns it needs.
CALENDAR_SLOTS = (3, 7)
CALENDAR_COLUMNS = ("day", "hour", "pillar")
#: Columns of the tables ``best_slot`` is tested on (a trimmed ``posts``).
SLOT_COLUMNS = ["published_at", "platform", "day", "hour", "engagement_rate"]

MESSAGES = Catalog(
    {
        "en": {
            "title": "Content and timing",
            # q1: a typical post
            "q1_hint1": "Keep only the {platform} posts, as the worked example kept all of them, "
                        "then take the median of their reach column.",
            "q1_hint2": "{name} = posts[posts[\"platform\"] == \"{platform}\"], then "
                        "typical_reach = {name}[\"reach\"].median().",
            "q1_mean": "That is the mean (average) reach. A few viral posts pull the mean far "
                       "above what a typical post gets: use .median().",
            "q1_all": "That is the median reach of every platform together. Keep only the "
                      "{platform} posts first.",
            "q1_sum": "That is the total reach of all {platform} posts. The question asks for a "
                      "typical post: the median.",
            "q1_other_platform": "That is the typical reach of your {used} posts. The exercise "
                                 "asks for {platform}: keep the {platform} posts.",
            # q2: pillars
            "q2_hint1": "Group the posts by content_pillar and take the median of the "
                        "engagement_rate column, as the platform example did.",
            "q2_hint2": "by_pillar = posts.groupby(\"content_pillar\", observed=True)"
                        "[\"engagement_rate\"].median()",
            "q2_mean": "That is the average of each pillar's rates (the month's-rate kind of "
                       "number). The question asks for a typical post: the median, which a few "
                       "posts with unusually high rates cannot pull up: .median().",
            "q2_total": "You added up engagements. A pillar with more posts, or with one viral "
                        "post, collects more engagements without being better. Compare a rate "
                        "per post: the engagement_rate column.",
            "q2_count": "That is the median number of engagements, a count. Pillars reach "
                        "different numbers of people: compare the rate, engagements ÷ reach "
                        "(the engagement_rate column).",
            "q2_followers": "You divided by followers. Compare every pillar with the same "
                            "denominator, the one this course uses for content: reach, the "
                            "people who saw the post.",
            "q2_totals_ratio": "That is each pillar's total engagements ÷ total reach, where "
                               "the biggest (often viral) posts weigh most. The question asks "
                               "for a typical post: the median of engagement_rate.",
            # q3: formats on Facebook
            "q3_hint1": "Keep the {platform} posts, group them by format and take the median "
                        "engagement_rate; then draw the bars as in the platform example.",
            "q3_hint2": "{name} = posts[posts[\"platform\"] == \"{platform}\"]; by_format = "
                        "{name}.groupby(\"format\", observed=True)[\"engagement_rate\"]"
                        ".median(); then format_chart, ax = plt.subplots(), "
                        "ax.bar(by_format.index.astype(str), by_format), ax.set_title(...), "
                        "ax.set_xlabel(...), ax.set_ylabel(...) and "
                        "viz.set_alt_text(format_chart, \"...\").",
            "q3_other_platform": "Your chart shows the formats of {used}'s posts. The "
                                 "exercise asks for {platform}'s: keep the {platform} posts.",
            # q4: behind-the-scenes vs promo
            "q4_hint1": "Make a pivot table with one row per platform and one column per "
                        "pillar, holding the median engagement_rate. Then compare the "
                        "behind-the-scenes and promo columns row by row.",
            "q4_hint2": "duel = posts.pivot_table(index=\"platform\", "
                        "columns=\"content_pillar\", values=\"engagement_rate\", "
                        "aggfunc=\"median\", observed=True)[[\"behind-the-scenes\", "
                        "\"promo\"]]; then (duel[\"behind-the-scenes\"] > duel[\"promo\"]) "
                        "says on which platforms behind-the-scenes wins.",
            "q4_why": "On the {n} platforms with at least {min_posts} posts of each, "
                      "behind-the-scenes has the higher median engagement rate by reach on "
                      "{wins} and promo on {losses}; on {platform}, for example, "
                      "{authentic:.1%} against {polished:.1%} per post.",
            # q5: by hour
            "q5_hint1": "Group by the hour column and take the median of engagement_rate, as "
                        "the example counted the posts of each hour.",
            "q5_hint2": "by_hour = posts.groupby(\"hour\")[\"engagement_rate\"].median()",
            "q5_utc": "Your hours are in UTC. published_at is already in the brand's local "
                      "time, the clock your audience sees: use .dt.hour (the hour column) "
                      "without tz_convert.",
            "q5_mean": "That is the average of each hour's rates. The question asks for a "
                       "typical post of each hour: the median, which a few posts with unusually "
                       "high rates cannot pull up: .median().",
            "q5_count": "You counted the posts of each hour. The question is how people "
                        "reacted: the median engagement_rate.",
            "q5_engagements": "That is the median number of engagements, a count: posts at "
                              "busy hours reach more people. Compare the rate, the "
                              "engagement_rate column.",
            # q6: trust a bright cell?
            "q6_hint1": "Look at the posts column of the colleague's slot: how many posts is "
                        "that \"best time\" based on?",
            "q6_hint2": "Our rule: judge a slot only with at least MIN_POSTS posts. "
                        "verdict = \"agree\" if colleague[\"posts\"] >= MIN_POSTS else "
                        "\"need more data\".",
            "q6_small": "That slot, {day} at {hour}:00, holds only {n} post(s) of 2025. With so "
                        "few posts, one lucky post makes a \"best time\": our rule asks for at "
                        "least {min_posts}.",
            "q6_enough": "That slot, {day} at {hour}:00, holds {n} posts, at least the "
                         "{min_posts} our rule asks for, and it has the highest median: it is "
                         "worth trying (and watching).",
            # q7: best_slot function
            "q7_hint1": "Start from the slots recipe of the worked example: group posts by day "
                        "and hour, count the posts and take the median engagement_rate. Keep "
                        "the slots with at least min_posts posts. If none is left, return "
                        "\"need more data\"; otherwise return the day and hour of the highest "
                        "median.",
            "q7_hint2": "Inside the function: enough = slots[slots[\"posts\"] >= min_posts]; "
                        "if len(enough) == 0: return \"need more data\"; best = "
                        "enough.loc[enough[\"median_rate\"].idxmax()]; return "
                        "(str(best[\"day\"]), int(best[\"hour\"])).",
            "q7_no_minimum": "Your function ignores min_posts: it picks the brightest slot even "
                             "when it holds one or two posts. Keep the slots with at least "
                             "min_posts posts, and return \"need more data\" when none is "
                             "left.",
            "q7_more_than": "Your function keeps the slots with more than min_posts posts; "
                            "\"at least\" means >=, so a slot with exactly min_posts posts "
                            "counts.",
            "q7_mean": "Your function ranks slots by their mean rate. One unusual post pulls a "
                       "mean up: rank by the median.",
            "q7_utc": "Your function uses UTC hours. published_at is already in the brand's "
                      "local time: use the hour column (or .dt.hour without tz_convert).",
            # q8: the calendar
            "q8_hint1": "Start from the well-sampled slots: slots[slots[\"posts\"] >= "
                        "MIN_POSTS], sorted by median_rate. Pick good slots on different days "
                        "and put your best pillar in at least one of them.",
            "q8_hint2": "calendar = pd.DataFrame({{\"day\": [\"Tuesday\", ...], \"hour\": "
                        "[10, ...], \"pillar\": [\"behind-the-scenes\", ...]}}), with 3 to 7 "
                        "rows, each on its own day, each with at least MIN_POSTS posts and a "
                        "median rate above your typical post.",
            "q8_columns": "calendar needs the columns {needed}; it has {got}.",
            "q8_rows": "calendar should have between {low} and {high} slots (rows); it has "
                       "{got}.",
            "q8_day": "{value!r} is not a day of the week: write it in full, for "
                      "example \"Tuesday\".",
            "q8_day_twice": "{day} appears more than once: give each slot its own day.",
            "q8_hour": "{value!r} is not an hour: use whole numbers from 0 to 23 (10 means "
                       "10:00 to 10:59).",
            "q8_pillar": "{value!r} is not a content pillar; use one of {pillars}.",
            "q8_small": "Some slots have too few posts in 2025 to judge: a bright cell with one "
                        "or two posts is luck, not a best time. Pick slots with at least "
                        "{min_posts} posts.",
            "q8_utc": "Your slots look right in UTC but not in local time. published_at is "
                      "already in the brand's local time, the clock your audience sees: take "
                      "hours with .dt.hour, without tz_convert.",
            "q8_small_detail": "Too few posts: {slots}.",
            "q8_weak": "Below your typical post ({typical:.1%} median engagement rate by "
                       "reach): {slots}. Choose slots that do better than that.",
            "q8_no_best_pillar": "None of your slots uses your best pillar, {pillar}. Give it "
                                 "at least one of the week's slots.",
            "q8_slot": "{day} {hour}:00 (n={n}, median {rate})",
            "q8_no_posts": "no posts",
        }
    }
)
_ = MESSAGES.text

#: Assessment variants (keyed workshops, :mod:`smmlab.exercises.variants`): the platform of
#: exercise 1 (a typical post's reach) and of exercise 3 (the formats chart). The first pair is
#: the published lesson's. Every brand posts on each of them, and X and LinkedIn posts come in
#: at least four formats on every brand (tests/test_assessment_variants.py).
PLATFORM_PAIRS: tuple[tuple[str, str], ...] = (
    (TYPICAL_PLATFORM, FORMAT_PLATFORM), ("TikTok", "X"), ("Facebook", "LinkedIn"))


def _article(platform: str) -> str:
    return "an" if platform[0] in "AEIOU" else "a"


def _name(platform: str) -> str:
    """The variable a platform's posts are kept in: ``facebook``, ``x_posts``."""
    return "x_posts" if platform == "X" else platform.lower()


def _describe(params: Mapping[str, Any]) -> str:
    reach, formats = params["reach"], params["formats"]
    return (f"**Your assessment variant.** Exercise 1 asks for the typical reach of "
            f"{_article(reach)} **{reach}** post (not Instagram), and exercise 3 charts the "
            f"formats of **{formats}** posts (not Facebook). The worked examples are the "
            "lesson's; use your platforms in your answers.")


def _rewrite(source: str, params: Mapping[str, Any]) -> str:
    """A lesson-02 cell as the variant asks it: exercises 1 and 3 name its platforms."""
    reach, formats = params["reach"], params["formats"]
    if (reach, formats) == PLATFORM_PAIRS[0]:
        return source
    if "### Exercise 1 (warm-up)" in source or "typical_reach =" in source:
        source = source.replace("an Instagram post", f"{_article(reach)} {reach} post")
        source = source.replace("instagram", _name(reach)).replace("Instagram", reach)
    if "### Exercise 3 (core)" in source:
        source = source.replace("Facebook is the platform with the most formats.",
                                f"{formats} posts come in several formats too.")
        source = source.replace("Facebook", formats)
    if "by_format = " in source:  # exercise 3's answer (the solution and its placeholders)
        source = source.replace("facebook", _name(formats)).replace("Facebook", formats)
    return source


VARIANTS = LessonVariants(
    tuple({"reach": reach, "formats": formats} for reach, formats in PLATFORM_PAIRS),
    describe=_describe, rewrite=_rewrite)

LESSON = Lesson("02", _("title"), source=lessons_dir() / "02_content_and_timing.ipynb",
                variants=VARIANTS)


def typical_platform(data: CourseData) -> str:
    """The platform of exercise 1 for this learner: Instagram, or their variant's.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> typical_platform(load_course_data()), format_platform(load_course_data())
    ('Instagram', 'Facebook')
    """
    return str(variant_params(data, LESSON)["reach"])


def format_platform(data: CourseData) -> str:
    """The platform of exercise 3 (the formats chart) for this learner."""
    return str(variant_params(data, LESSON)["formats"])


def _says(key: str, which: Callable[[CourseData], str]) -> Callable[[CourseData], str]:
    """A message or hint naming this learner's platform (and a variable named after it)."""
    return lambda d: _(key, platform=which(d), name=_name(which(d)))


# --------------------------------------------------------------------------------------------
# The learner's table, as the notebook builds it
# --------------------------------------------------------------------------------------------


def posts_table(data: CourseData) -> pd.DataFrame:
    """The brand's posts with the columns the lesson adds: engagements, rate, day and hour.

    ``engagement_rate`` is engagements ÷ reach per post; ``day`` is the local day
    name (ordered Monday to Sunday) and ``hour`` the local hour of
    ``published_at``, which is already in the brand's time zone.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> table = posts_table(load_course_data())
    >>> list(table.columns[-4:])
    ['engagements', 'engagement_rate', 'day', 'hour']
    >>> str(table["day"].cat.categories[0])
    'Monday'
    """
    def build(d: CourseData) -> pd.DataFrame:
        posts = d.posts.copy()
        posts["engagements"] = posts[list(ACTIONS)].sum(axis=1)
        posts["engagement_rate"] = posts["engagements"] / posts["reach"]
        posts["day"] = pd.Categorical(posts["published_at"].dt.day_name(), categories=DAYS,
                                      ordered=True)
        posts["hour"] = posts["published_at"].dt.hour
        return posts

    return data.cached(("lesson02", "posts"), build)


def _other_platform(exercise: str, used: str, which: Callable[[CourseData], str]
                    ) -> Callable[[CourseData], str]:
    """The message for answering with ``used``'s posts when the learner's platform is another."""
    return lambda d: _(f"{exercise}_other_platform", used=used, platform=which(d))


def _utc_hours(posts: pd.DataFrame) -> pd.Series:
    """The hour in UTC: the time-zone mistake (``published_at`` is already local)."""
    return posts["published_at"].dt.tz_convert("UTC").dt.hour.rename("hour")


def _platform(data: CourseData, platform: str) -> pd.DataFrame:
    posts = posts_table(data)
    return posts[posts["platform"] == platform]


def _by(posts: pd.DataFrame, key: str, column: str, how: str) -> pd.Series:
    """``posts.groupby(key)[column].agg(how)``, labelled by text (pillar or format names)."""
    return posts.groupby(key, observed=True)[column].agg(how).rename(index=str)


def slot_table(posts: pd.DataFrame, *, utc: bool = False) -> pd.DataFrame:
    """One row per weekday x hour slot with posts: ``day``, ``hour``, ``posts``, ``median_rate``.

    The Excel equivalent is a pivot table with day and hour in Rows and the count
    of posts and the (array-formula) median of the rate in Values.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> slots = slot_table(posts_table(load_course_data()))
    >>> list(slots.columns), int(slots["posts"].sum())
    (['day', 'hour', 'posts', 'median_rate'], 940)
    """
    hour = _utc_hours(posts) if utc else posts["hour"]
    grouped = posts.groupby([posts["day"], hour], observed=True)["engagement_rate"]
    return grouped.agg(posts="size", median_rate="median").reset_index()


# --------------------------------------------------------------------------------------------
# Exercise 1 (warm-up): a typical post
# --------------------------------------------------------------------------------------------

def _typical_reach(data: CourseData) -> float:
    return float(_platform(data, typical_platform(data))["reach"].median())


q1 = ValueExercise(
    variable="typical_reach",
    expected=lambda d: float(_platform(d, typical_platform(d))["reach"].median()),
    tier="warm-up",
    hints=(_says("q1_hint1", typical_platform), _says("q1_hint2", typical_platform)),
    mistakes=(
        Mistake("mean", lambda d: float(_platform(d, typical_platform(d))["reach"].mean()),
                _("q1_mean")),
        Mistake("all_platforms", lambda d: float(posts_table(d)["reach"].median()),
                _says("q1_all", typical_platform)),
        Mistake("sum", lambda d: float(_platform(d, typical_platform(d))["reach"].sum()),
                _says("q1_sum", typical_platform)),
        *(Mistake(f"{reach.lower()}_reach", lambda d, p=reach: float(
            _platform(d, p)["reach"].median()), _other_platform("q1", reach, typical_platform))
          for reach in dict.fromkeys(r for r, _f in PLATFORM_PAIRS)),
    ),
    right=(Variant(lambda d: int(round(_typical_reach(d))), "a whole number of people"),
           Variant(lambda d: float(np.median(_platform(d, typical_platform(d))["reach"])),
                   "numpy's median")),
    wrong=(Variant(lambda d: float(_platform(d, typical_platform(d))["reach"].mean()), "the mean",
                   says="mean"),
           Variant(lambda d: float(posts_table(d)["reach"].median()), "every platform",
                   says=typical_platform),
           Variant(lambda d: _typical_reach(d) * 1.5, "another number",
                   says="typical_reach is")),
)


# --------------------------------------------------------------------------------------------
# Exercise 2 (core): median engagement rate by content pillar
# --------------------------------------------------------------------------------------------


def _pillar(data: CourseData, column: str = "engagement_rate", how: str = "median") -> pd.Series:
    return _by(posts_table(data), "content_pillar", column, how)


def _pillar_by_followers(data: CourseData) -> pd.Series:
    posts = posts_table(data)
    rate = posts["engagements"] / posts["followers_at_post"]
    return rate.groupby(posts["content_pillar"], observed=True).median().rename(index=str)


def _pillar_totals_ratio(data: CourseData) -> pd.Series:
    posts = posts_table(data)
    totals = posts.groupby("content_pillar", observed=True)[["engagements", "reach"]].sum()
    return (totals["engagements"] / totals["reach"]).rename(index=str)



q2 = ValueExercise(
    variable="by_pillar",
    expected=_pillar,
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("mean", lambda d: _pillar(d, how="mean"), _("q2_mean")),
        Mistake("total_engagements", lambda d: _pillar(d, "engagements", "sum"), _("q2_total")),
        Mistake("median_engagements", lambda d: _pillar(d, "engagements"), _("q2_count")),
        Mistake("by_followers", _pillar_by_followers, _("q2_followers")),
        Mistake("ratio_of_totals", _pillar_totals_ratio, _("q2_totals_ratio")),
    ),
    right=(Variant(lambda d: _pillar(d).round(4), "rates to 4 decimals"),
           Variant(lambda d: _pillar(d).sort_values(ascending=False), "sorted, best first"),
           Variant(lambda d: _pillar(d).rename_axis("content_pillar").reset_index(),
                   "reset_index(): pillars as a column")),
    wrong=(Variant(lambda d: swapped(_pillar(d)), "values swapped between pillars",
                   says="for "),
           Variant(lambda d: _pillar(d, how="mean"), "the mean", says="median"),
           Variant(lambda d: _pillar(d).reset_index(drop=True), "labels dropped",
                   says="no labels")),
)


# --------------------------------------------------------------------------------------------
# Exercise 3 (core): a chart of the formats of one platform
# --------------------------------------------------------------------------------------------

def _formats(data: CourseData, platform: str | None = None) -> pd.Series:
    platform = format_platform(data) if platform is None else platform
    return _by(_platform(data, platform), "format", "engagement_rate", "median")


def _shows_formats_of(platform: str) -> Callable[[Any, CourseData], bool]:
    """True when a chart shows ``platform``'s formats and that is not the learner's platform."""
    def shows(fig: Any, data: CourseData) -> bool:
        if platform == format_platform(data):
            return False
        model = ChartExercise.model(fig)
        if model is None or not model.panels:
            return False
        return q3._data_problem(model.panels[0], _formats(data, platform)) is None
    return shows


def _format_chart(values: pd.Series, *, percent: bool = False, alt: str | None = None,
                  title: str = "Facebook: engagement rate of a typical post, by format") -> Figure:
    """A chart a learner might draw for q3 (the exercise's own variants)."""
    import matplotlib.pyplot as plt

    from smmlab import viz

    fig, ax = plt.subplots()
    ax.bar([str(k) for k in values.index], values.to_numpy() * (100 if percent else 1))
    ax.set_title(title)
    ax.set_xlabel("Format")
    ax.set_ylabel("Median engagement rate (%)" if percent else "Median engagement rate")
    if alt != "":
        viz.set_alt_text(fig, alt or f"Bar chart of the median engagement rate of Facebook "
                                     f"posts per format; {values.idxmax()} is highest.")
    plt.close(fig)
    return fig


q3 = ChartExercise(
    variable="format_chart",
    expected=_formats,
    kpi="engagement rate",
    hints=(_says("q3_hint1", format_platform), _says("q3_hint2", format_platform)),
    mistakes=tuple(Mistake(f"{formats.lower()}_formats", None,
                           _other_platform("q3", formats, format_platform),
                           when=_shows_formats_of(formats), before=True)
                   for formats in dict.fromkeys(f for _r, f in PLATFORM_PAIRS)),
    right=(Variant(lambda d: _format_chart(_formats(d).sort_values()), "sorted bars"),
           Variant(lambda d: _format_chart(_formats(d), percent=True), "in percent, said so")),
    wrong=(Variant(lambda d: _format_chart(swapped(_formats(d))), "values swapped between formats",
                   says="your chart"),
           Variant(lambda d: _format_chart(_by(_platform(d, format_platform(d)), "format",
                                               "engagement_rate", "mean")),
                   "the mean instead of the median", says="your chart"),
           Variant(lambda d: _format_chart(
               _formats(d), alt=f"Bar chart by format: {_formats(d).idxmin()} is highest."),
               "alt text naming the lowest as the highest", says="highest")),
)


# --------------------------------------------------------------------------------------------
# Exercise 4 (core): behind-the-scenes or promo?
# --------------------------------------------------------------------------------------------


def pillar_duel(data: CourseData) -> pd.DataFrame:
    """Median rate of behind-the-scenes and promo posts on each platform with enough of both.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> list(pillar_duel(load_course_data()).columns)
    ['behind-the-scenes', 'promo']
    """
    posts = posts_table(data)
    pair = posts[posts["content_pillar"].isin([AUTHENTIC, POLISHED])]
    table = pair.pivot_table(index="platform", columns="content_pillar", values="engagement_rate",
                             aggfunc=["median", "count"], observed=True)
    counts = table["count"].reindex(columns=[AUTHENTIC, POLISHED]).fillna(0)
    enough = (counts >= MIN_POSTS).all(axis=1)
    medians = table["median"].reindex(columns=[AUTHENTIC, POLISHED])[enough]
    medians.columns = [AUTHENTIC, POLISHED]
    return medians.rename(index=str)


def _duel_call(data: CourseData) -> str:
    duel = pillar_duel(data)
    wins = duel[AUTHENTIC] > duel[POLISHED]
    if len(duel) and wins.all():
        return AUTHENTIC
    if len(duel) and (~wins).all():
        return POLISHED
    return DEPENDS


def _duel_why(data: CourseData) -> dict[str, str]:
    duel = pillar_duel(data)
    if duel.empty:
        return {}
    gap = (duel[AUTHENTIC] - duel[POLISHED]).abs()
    example = str(gap.idxmax())
    wins = int((duel[AUTHENTIC] > duel[POLISHED]).sum())
    why = _("q4_why", n=len(duel), min_posts=MIN_POSTS, wins=wins, losses=len(duel) - wins,
            platform=example, authentic=duel.loc[example, AUTHENTIC],
            polished=duel.loc[example, POLISHED])
    return dict.fromkeys((AUTHENTIC, POLISHED, DEPENDS), why)


def _other_call(data: CourseData, order: tuple[str, ...]) -> str:
    return next(c for c in order if c != _duel_call(data))


q4 = DecisionExercise(
    variable="more_of",
    choices=(AUTHENTIC, POLISHED, DEPENDS),
    expected=_duel_call,
    why=_duel_why,
    aliases={DEPENDS: ("it depends", "depends on the platform", "dipende dalla piattaforma",
                       "dipende", "ça dépend de la plateforme", "ça dépend"),
             AUTHENTIC: ("dietro le quinte", "coulisses"), POLISHED: ("promozione",)},
    hints=(_("q4_hint1"), _("q4_hint2")),
    right=(Variant(lambda d: _duel_call(d).upper(), "in capitals"),),
    wrong=(Variant(lambda d: _other_call(d, (AUTHENTIC, POLISHED, DEPENDS)), "another call",
                   says="platforms"),
           Variant(lambda d: _other_call(d, (DEPENDS, POLISHED, AUTHENTIC)), "a third call",
                   says="platforms"),
           Variant(lambda d: "reels", "not one of the choices", says="must be one of")),
)


# --------------------------------------------------------------------------------------------
# Exercise 5 (warm-up): median rate by hour of the day
# --------------------------------------------------------------------------------------------


def _hourly(data: CourseData, column: str = "engagement_rate", how: str = "median",
            utc: bool = False) -> pd.Series:
    posts = posts_table(data)
    hour = _utc_hours(posts) if utc else posts["hour"]
    return posts.groupby(hour)[column].agg(how)


q5 = ValueExercise(
    variable="by_hour",
    expected=_hourly,
    tier="warm-up",
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(
        Mistake("utc", lambda d: _hourly(d, utc=True), _("q5_utc")),
        Mistake("mean", lambda d: _hourly(d, how="mean"), _("q5_mean")),
        Mistake("post_count", lambda d: _hourly(d, how="size"), _("q5_count")),
        Mistake("engagements", lambda d: _hourly(d, "engagements"), _("q5_engagements")),
    ),
    right=(Variant(lambda d: _hourly(d).round(4), "rates to 4 decimals"),
           Variant(lambda d: _hourly(d).to_frame("engagement_rate"), "a one-column table")),
    wrong=(Variant(lambda d: _hourly(d, utc=True), "hours in UTC", says="UTC"),
           Variant(lambda d: _hourly(d, how="mean"), "the mean", says="median"),
           Variant(lambda d: _hourly(d) * 100, "percentages", says="your value")),
)


# --------------------------------------------------------------------------------------------
# Exercise 6 (core): the colleague's "best time"
# --------------------------------------------------------------------------------------------


def brightest_slot(data: CourseData) -> pd.Series:
    """The slot with the highest median rate, whatever its number of posts (the colleague's).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> sorted(brightest_slot(load_course_data()).index)
    ['day', 'hour', 'median_rate', 'posts']
    """
    slots = slot_table(posts_table(data))
    return slots.sort_values("median_rate", ascending=False, kind="stable").iloc[0]


def _verdict(data: CourseData) -> str:
    return AGREE if brightest_slot(data)["posts"] >= MIN_POSTS else MORE_DATA


def _verdict_why(data: CourseData) -> dict[str, str]:
    slot = brightest_slot(data)
    fields = {"day": slot["day"], "hour": int(slot["hour"]), "n": int(slot["posts"]),
              "min_posts": MIN_POSTS}
    return {AGREE: _("q6_small", **fields), MORE_DATA: _("q6_enough", **fields)}


q6 = DecisionExercise(
    variable="verdict",
    choices=(AGREE, MORE_DATA),
    expected=_verdict,
    why=_verdict_why,
    aliases={AGREE: ("d'accordo", "sono d'accordo", "d'accord"),
             MORE_DATA: ("more data", "servono più dati", "più dati", "plus de données")},
    hints=(_("q6_hint1"), _("q6_hint2")),
    right=(Variant(lambda d: f"  {_verdict(d).title()} ", "capitalised, with spaces"),),
    wrong=(Variant(lambda d: AGREE if _verdict(d) == MORE_DATA else MORE_DATA, "the other call",
                   says="posts"),
           Variant(lambda d: "maybe", "not one of the choices", says="must be one of")),
)


# --------------------------------------------------------------------------------------------
# Exercise 7 (stretch): a function that finds the best well-sampled slot
# --------------------------------------------------------------------------------------------


def best_slot(posts: pd.DataFrame, min_posts: int = MIN_POSTS, *, how: str = "median",
              utc: bool = False, strictly_more: bool = False,
              ignore_minimum: bool = False) -> tuple[str, int] | str:
    """The (day, hour) with the highest median rate among slots with at least ``min_posts``.

    ``"need more data"`` when no slot has enough posts. The keyword arguments
    recompute the learners' usual mistakes (mean, UTC hours, ``>`` for ``>=``,
    no minimum at all).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> day, hour = best_slot(posts_table(load_course_data()))
    >>> day in DAYS and 0 <= hour <= 23
    True
    """
    hour = _utc_hours(posts) if utc else posts["hour"]
    grouped = posts.groupby([posts["day"], hour], observed=True)["engagement_rate"]
    slots = grouped.agg(posts="size", rate=how).reset_index()
    keep = slots["posts"] > min_posts if strictly_more else slots["posts"] >= min_posts
    if ignore_minimum:
        keep = slots["posts"] >= 1
    enough = slots[keep]
    if enough.empty:
        return MORE_DATA
    best = enough.loc[enough["rate"].idxmax()]
    return (str(best["day"]), int(best["hour"]))


def _slot_cases(data: CourseData) -> list[tuple[tuple, Any]]:
    """Test cases for ``best_slot``: the learner's posts, their Instagram posts, edge cases.

    Cases are added until each named mistake of ``q7`` gives a wrong answer on at
    least one of them, so a mistake is never "correct" by luck on some brand.
    """
    posts = posts_table(data)[SLOT_COLUMNS]
    main = posts[posts["platform"] == TYPICAL_PLATFORM]
    best = best_slot(posts)
    slots = slot_table(posts)
    at_best = slots[(slots["day"] == best[0]) & (slots["hour"] == best[1])]["posts"]
    args: list[tuple] = [(posts,), (posts, int(at_best.iloc[0])), (main, 3), (main, 10_000)]
    spare = [(part, n) for part in [main, *(posts[posts["platform"] == p]
                                            for p in posts["platform"].cat.categories)]
             for n in (2, 3, 4, 5, 8)] + [(posts, n) for n in (2, 3, 8, 12, 15)]
    for how in _MISTAKEN_SLOTS.values():
        if all(best_slot(*a) == best_slot(*a, **how) for a in args):
            args += [a for a in spare if len(a[0]) and best_slot(*a) != best_slot(*a, **how)][:1]
    return [(a, best_slot(*a)) for a in args]


#: The wrong functions learners write, as keyword arguments of :func:`best_slot`.
_MISTAKEN_SLOTS: dict[str, dict[str, Any]] = {
    "no_minimum": {"ignore_minimum": True},
    "utc": {"utc": True},
    "mean": {"how": "mean"},
    "more_than": {"strictly_more": True},
}


def _mistaken(name: str) -> Callable[[CourseData], Callable]:
    """A mistake's ``compute``: the wrong function a learner may write."""
    how = _MISTAKEN_SLOTS[name]

    def wrong_function(data: CourseData) -> Callable:
        def slot(posts: pd.DataFrame, min_posts: int = MIN_POSTS) -> tuple[str, int] | str:
            return best_slot(posts, min_posts, **how)

        return slot

    return wrong_function


def _slot_function(**how: Any) -> Callable[[CourseData], Callable]:
    """A variant: the learner's function, right (no keywords) or with a mistake."""
    def function(data: CourseData) -> Callable:
        def slot(posts: pd.DataFrame, min_posts: int = MIN_POSTS) -> tuple[str, int] | str:
            return best_slot(posts, min_posts, **how)

        return slot

    return function


q7 = FunctionExercise(
    variable="best_slot",
    cases=_slot_cases,
    tier="stretch",
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(
        Mistake("no_minimum", _mistaken("no_minimum"), _("q7_no_minimum")),
        Mistake("utc", _mistaken("utc"), _("q7_utc")),
        Mistake("mean", _mistaken("mean"), _("q7_mean")),
        Mistake("more_than", _mistaken("more_than"), _("q7_more_than")),
    ),
    right=(Variant(_slot_function(), "the recipe"),
           Variant(lambda d: lambda posts, min_posts=MIN_POSTS: list(
               best_slot(posts, min_posts)) if best_slot(posts, min_posts) != MORE_DATA
               else MORE_DATA, "a list instead of a tuple")),
    wrong=(Variant(_slot_function(ignore_minimum=True), "no minimum", says="posts"),
           Variant(_slot_function(strictly_more=True), "more than instead of at least",
                   says=">="),
           Variant(_slot_function(utc=True), "UTC hours", says="UTC")),
)


# --------------------------------------------------------------------------------------------
# Exercise 8 (stretch): the recommended weekly posting calendar
# --------------------------------------------------------------------------------------------


def _slot_stats(data: CourseData, utc: bool = False) -> dict[tuple[str, int], tuple[int, float]]:
    slots = slot_table(posts_table(data), utc=utc)
    return {(str(r.day), int(r.hour)): (int(r.posts), float(r.median_rate))
            for r in slots.itertuples()}


def _calendar_facts(data: CourseData) -> dict[str, Any]:
    return {
        "local": _slot_stats(data),
        "utc": _slot_stats(data, utc=True),
        "typical": float(posts_table(data)["engagement_rate"].median()),
        "best_pillar": str(_pillar(data).idxmax()),
    }


def _good(stats: Mapping[tuple[str, int], tuple[int, float]], slot: tuple[str, int],
          typical: float) -> bool:
    n, rate = stats.get(slot, (0, float("nan")))
    return n >= MIN_POSTS and rate >= typical


def _calendar(slots: list[tuple[str, int]], pillar: str) -> pd.DataFrame:
    return pd.DataFrame({"day": [s[0] for s in slots], "hour": [s[1] for s in slots],
                         "pillar": [pillar] * len(slots)})


def _one_per_day(candidates: list[tuple[str, int]], n: int = 5) -> list[tuple[str, int]]:
    chosen: dict[str, tuple[str, int]] = {}
    for slot in candidates:
        chosen.setdefault(slot[0], slot)
    return [chosen[d] for d in DAYS if d in chosen][:n]


def model_calendar(data: CourseData) -> pd.DataFrame:
    """A calendar that passes: each day's best well-sampled slot, on the five best days.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> q8.check_answers({"calendar": model_calendar(data)}, data).correct
    True
    """
    facts = _calendar_facts(data)
    good = sorted((s for s in facts["local"] if _good(facts["local"], s, facts["typical"])),
                  key=lambda s: -facts["local"][s][1])
    return _calendar(_one_per_day(good), facts["best_pillar"])


def _brightest_calendar(data: CourseData) -> pd.DataFrame:
    """The mistake: bright cells picked whatever their number of posts (some hold few)."""
    facts = _calendar_facts(data)
    stats = facts["local"]
    small = [s for s in stats if stats[s][0] < MIN_POSTS]
    good = [s for s in stats if _good(stats, s, facts["typical"])]
    ranked = sorted(small, key=lambda s: -stats[s][1]) + sorted(good, key=lambda s: -stats[s][1])
    return _calendar(_one_per_day(ranked), facts["best_pillar"])


def _utc_calendar(data: CourseData) -> pd.DataFrame:
    """The mistake: slots that are good in UTC hours but not in local hours."""
    facts = _calendar_facts(data)
    typical = facts["typical"]
    wrong = sorted((s for s in facts["utc"] if _good(facts["utc"], s, typical)
                    and not _good(facts["local"], s, typical)),
                   key=lambda s: -facts["utc"][s][1])
    return _calendar(_one_per_day(wrong), facts["best_pillar"])


def _day_name(value: Any) -> str | None:
    """The English day a calendar cell names ("Lunedì", "mon" and "Monday" are Monday)."""
    return day_name(value)


def _hour(value: Any) -> int | None:
    if isinstance(value, bool | np.bool_):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() and 0 <= number <= 23 else None


def _calendar_form(got: Any) -> str | None:
    """What is wrong with a calendar's structure (columns, rows, days, hours, pillars), or None.

    Examples
    --------
    >>> _calendar_form(pd.DataFrame({"day": ["Lunedì", "Friday", "Sun"], "hour": [9, 18, 12],
    ...                              "pillar": ["promo"] * 3})) is None
    True
    """
    if not isinstance(got, pd.DataFrame):
        return engine_text("wrong_type", variable="calendar",
                           expected=engine_text("expected_table"), got=describe(got))
    columns = {str(c).strip().casefold(): c for c in got.columns}
    missing = [c for c in CALENDAR_COLUMNS if c not in columns]
    if missing:
        return _("q8_columns", needed=list(CALENDAR_COLUMNS), got=list(got.columns))
    low, high = CALENDAR_SLOTS
    if not low <= len(got) <= high:
        return _("q8_rows", low=low, high=high, got=len(got))
    seen: set[str] = set()
    for value in got[columns["day"]]:
        day = _day_name(value)
        if day is None:
            return _("q8_day", value=value)
        if day in seen:
            return _("q8_day_twice", day=day)
        seen.add(day)
    for value in got[columns["hour"]]:
        if _hour(value) is None:
            return _("q8_hour", value=value)
    pillars = list(PILLARS)
    for value in got[columns["pillar"]]:
        if not isinstance(value, str) or value.strip().casefold() not in pillars:
            return _("q8_pillar", value=value, pillars=pillars)
    return None


def _listed(slots: list[tuple[str, int]], stats: Mapping) -> str:
    parts = []
    for day, hour in slots:
        n, rate = stats.get((day, hour), (0, float("nan")))
        shown = f"{rate:.1%}" if n else _("q8_no_posts")
        parts.append(_("q8_slot", day=day, hour=hour, n=n, rate=shown))
    return "; ".join(parts)


def _judge_calendar(got: Any, data: CourseData) -> Verdict:
    """A weekly posting calendar, checked on its structure and its slots.

    Structure (all needed before anything is scored): columns ``day``, ``hour``
    and ``pillar``; 3 to 7 rows on different days; real days (English, Italian or
    French), hours and pillars. Then three checks, a third of the score each:
    every slot has at least ``MIN_POSTS`` posts; every slot's median rate is at
    least the brand's typical post; the best pillar gets a slot.
    """
    problem = _calendar_form(got)
    if problem:
        return Verdict(0.0, problem)
    facts = data.cached(("lesson02", "calendar"), _calendar_facts)
    columns = {str(c).strip().casefold(): c for c in got.columns}
    slots = [(_day_name(d), _hour(h))
             for d, h in zip(got[columns["day"]], got[columns["hour"]], strict=True)]
    pillars = {str(p).strip().casefold() for p in got[columns["pillar"]]}
    local, typical = facts["local"], facts["typical"]
    small = [s for s in slots if local.get(s, (0, 0.0))[0] < MIN_POSTS]
    weak = [s for s in slots if s not in small and local[s][1] < typical]
    no_best = facts["best_pillar"].casefold() not in pillars
    found: list[str] = []
    mistake = None
    if (small or weak) and all(_good(facts["utc"], s, typical) for s in slots):
        mistake = "utc"
        found.append(_("q8_utc"))
    elif small:
        mistake = "small_sample"
        found.append(_("q8_small", min_posts=MIN_POSTS))
    if small:
        found.append(_("q8_small_detail", slots=_listed(small, local)))
    if weak:
        found.append(_("q8_weak", typical=typical, slots=_listed(weak, local)))
    if no_best:
        found.append(_("q8_no_best_pillar", pillar=facts["best_pillar"]))
    failed = bool(small) + bool(weak) + no_best
    if not failed:
        return Verdict(1.0)
    return Verdict(1 - failed / 3, " ".join(found), mistake)


_ITALIAN_DAYS = {"Monday": "Lunedì", "Tuesday": "Martedì", "Wednesday": "Mercoledì",
                 "Thursday": "Giovedì", "Friday": "Venerdì", "Saturday": "Sabato",
                 "Sunday": "Domenica"}


def _in_italian(calendar: pd.DataFrame) -> pd.DataFrame:
    """The model calendar with Italian day names and capitalised columns (a right variant)."""
    out = calendar.assign(day=calendar["day"].map(_ITALIAN_DAYS))
    return out.rename(columns=str.capitalize)


q8 = JudgedExercise(
    variable="calendar",
    judge=_judge_calendar,
    form=_calendar_form,
    tier="stretch",
    hints=(_("q8_hint1"), _("q8_hint2")),
    mistakes=(
        Mistake("small_sample", _brightest_calendar, _("q8_small", min_posts=MIN_POSTS)),
        Mistake("utc", _utc_calendar, _("q8_utc")),
    ),
    right=(Variant(model_calendar, "each day's best well-sampled slot"),
           Variant(lambda d: _in_italian(model_calendar(d)), "Italian day names"),
           Variant(lambda d: model_calendar(d).iloc[::-1], "rows in another order")),
    wrong=(Variant(_brightest_calendar, "bright cells with few posts", says="too few posts"),
           Variant(lambda d: model_calendar(d).assign(day="Monday"), "the same day twice",
                   says="more than once"),
           Variant(lambda d: model_calendar(d).head(2), "two slots only", says="between 3"),
           Variant(lambda d: model_calendar(d).assign(
               pillar=next(p for p in PILLARS if p != str(_pillar(d).idxmax()))),
               "without the best pillar", says="best pillar")),
)

__all__ = LESSON.bind(globals())
