"""Lesson 03: Visual thinking.

In the notebook: ``from smmlab.exercises.lesson03 import *`` gives ``setup``,
``q1`` ... ``q9``, ``check_all`` and the ``____`` placeholder.

What the learner finds in their own data: a pie of six platforms hides the order
a sorted bar shows at a glance; the platform whose followers grew fastest (the agency's
vanity headline) is judged instead by the goal's number, its share of the year's link
clicks (visits to the website), written on the chart; small multiples on one scale
show where new followers come from; and the agency's year-end slides mislead three
ways (a truncated axis that turns a few per cent into "soared", dual axes that make
ad spend and new followers look linked, a pie with twelve slices).

How the charts are checked
--------------------------
The chart itself is the answer. Every check reads it through the one figure
model (:func:`smmlab.viz.figure_model.read_figure`), which is also what the
grader receives, so a notebook check and a graded check always agree; titles
and alt text are read with :mod:`smmlab.report.claims`. Where a chart needs
more than the engine's five checks (data, title, both axis labels, alt text),
the exercise is a :class:`~smmlab.exercises.kinds.JudgedExercise` whose judge
runs those five checks (a module-private :class:`ChartExercise`) and adds the
lesson's own: the number written on the chart, one panel per platform on one
scale, a value axis from zero and an honest title, one y axis, no pie.

Examples
--------
>>> from smmlab.exercises import lesson03
>>> data = lesson03.setup(quiet=True)
>>> share = lesson03.story_share(data)
>>> lesson03.q2.check_answers({"story_share": share}, data).correct
True
>>> lesson03.q2.check_answers({"story_share": share * 100}, data).mistake
'percent'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises._messages import text as engine_text
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.compare import describe, difference, is_number
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    JudgedExercise,
    ValueExercise,
    Verdict,
    superlative_problem,
)
from smmlab.report import claims

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from smmlab.viz.figure_model import FigureModel, PanelModel

#: The actions counted as engagements (as in lessons 00 to 02).
ACTIONS = ("likes", "comments", "shares", "saves")
#: Month labels, January first (fixed English abbreviations, whatever the computer's locale).
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: A pie is only for a whole cut into this many parts at most; beyond that, sorted bars.
MAX_PIE_SLICES = 3
#: Exercise 1: the three charts on the table.
PIE, BAR, LINE = "pie", "bar", "line"
#: The agency's truncated chart: its y axis starts at 95 % of the smaller bar, rounded down to
#: a tenth of a percentage point (the notebook computes it the same way), so a change of a few
#: per cent looks huge.
AGENCY_ZOOM = 950
#: The quarters the agency compares.
QUARTERS = ("Q3", "Q4")
#: Alt text shorter than this, or without a single number, says nothing about the chart.
MIN_ALT_WORDS = 6
#: Words that name a bar chart, as Excel and people say it: "column chart" is Excel's upright
#: bar chart; "istogramma" and "histogramme" are its Italian and French names.
BAR_WORDS = ("bar", "bars", "column", "columns", "barre", "barres", "istogramma",
             "istogrammi", "histogramme", "histogrammes", "colonne", "colonnes")
#: Exercise 7: words that exaggerate a change (the agency's "SOARED"), in English, Italian
#: and French. An honest title says rose or fell, with the number.
HYPE = re.compile(
    r"\b(soar\w*|skyrocket\w*|rocket\w*|explod\w*|explosi\w*|boom\w*|surg\w*|collaps\w*|"
    r"plummet\w*|plung\w*|crash\w*|tank\w*|nosedive\w*|huge|massive|dramatic\w*|"
    r"vol[ae]\w*|alle stelle|esplos\w*|croll\w*|crash|impenn\w*|"
    r"envol\w*|explos\w*|bond\w*|effondr\w*|dégringol\w*|chute libre)\b", re.IGNORECASE)
#: The KPIs exercise 7's chart may be said to show ("engagement" alone counts).
ENGAGEMENT_KPIS = ("engagement rate", "engagements")

MESSAGES = Catalog(
    {
        "en": {
            "title": "Visual thinking",
            # shared by the chart checks
            "alt_vague": "Your alt text does not say what the chart shows. A screen reader "
                         "reads it aloud instead of the chart: name the chart type and what it "
                         "shows, then the takeaway with its number.",
            "alt_vague_detail": "It says only {alt!r}.",
            # q1: pie or bar
            "q1_hint1": "How many slices would the pie have? Count the platforms your brand "
                        "posts on. A pie works for two or three parts of a whole, not more.",
            "q1_hint2": "Six platforms is six slices of similar size: compare them with a "
                        "sorted bar chart. share_chart = \"bar\".",
            "q1_pie": "A pie of {n} slices: {first} has {first_share:.0%} of the posts and "
                      "{second} {second_share:.0%}, angles too close for any eye to rank. "
                      "Sorted bars show the order at a glance, with the numbers at their ends.",
            "q1_line": "A line joins points in order: it is for time (months, weeks). "
                       "Platforms have no order between them, so the slope between Instagram "
                       "and Facebook means nothing. Use bars.",
            # q2: the one number
            "q2_hint1": "First the link clicks of each platform: group the posts by platform "
                        "and add up link_clicks, as the first worked example counted posts. "
                        "Then the share: story_platform's clicks ÷ all the clicks.",
            "q2_hint2": "clicks_per_platform = posts.groupby(posts[\"platform\"].astype(str))"
                        "[\"link_clicks\"].sum().sort_values(); story_share = "
                        "clicks_per_platform[story_platform] / clicks_per_platform.sum()",
            "q2_percent": "That looks like a percentage. In this course shares are fractions "
                          "(25 % is written 0.25); the chart shows it as a percentage with "
                          ":.0%. Drop the * 100.",
            "q2_posts_share": "That is {platform}'s share of the posts: the effort, not the "
                              "result. The result is its share of the link clicks (the visits "
                              "to the website): its clicks ÷ all the clicks.",
            "q2_growth": "That is the growth of {platform}'s followers, the agency's headline: "
                         "a vanity metric (followers can be bought, most never see a post, "
                         "following is not buying). The one number comes from the goal: "
                         "{platform}'s share of the year's link clicks.",
            "q2_count": "That is the number of {platform}'s link clicks. On its own it says "
                        "nothing about the other platforms: divide it by all the link clicks "
                        "to get its share.",
            "q2_others": "You divided by the other platforms' clicks only. A share of the whole "
                         "divides by all the clicks, {platform}'s included: "
                         "clicks_per_platform.sum().",
            "q2_reach_share": "That is {platform}'s share of the reach: people who saw a post. "
                              "The goal is visits to the website: use link_clicks.",
            # q3: annotate the number
            "q3_hint1": "Draw clicks_per_platform as horizontal bars (ax.barh), then write the "
                        "share next to story_platform's bar: ax.annotate(text, "
                        "xy=(clicks_per_platform[story_platform], story_platform), xytext=(5, "
                        "0), textcoords=\"offset points\", va=\"center\").",
            "q3_hint2": "The text is f\"{{story_share:.0%}} of our link clicks\". Put the "
                        "number in the title and the alt text too, e.g. "
                        "f\"{{story_platform}}: {{story_share:.0%}} of our link clicks from "
                        "{{posts_share:.0%}} of our posts\".",
            "q3_no_text": "Write the one number that matters on the chart itself, next to the "
                          "bar it is about: ax.annotate(f\"{{story_share:.0%}} of our link "
                          "clicks\", xy=(clicks_per_platform[story_platform], story_platform), "
                          "...).",
            "q3_wrong_text": "Your chart says {texts!r}, but not {platform}'s share of the link "
                             "clicks, {share:.0%}. Annotate that number.",
            "q3_vanity": "Your chart says {texts!r}: the follower growth, the vanity number. "
                         "Write {platform}'s share of the link clicks, {share:.0%}, instead.",
            "q3_alt_number": "Put the number in the alt text too ({share:.0%}): people who "
                             "cannot see the annotation should get the takeaway as well.",
            # q4: small multiples
            "q4_hint1": "plt.subplots(2, 3, sharex=True, sharey=True) gives six panels; loop "
                        "over zip(axes.flat, platforms) and draw each platform's column of "
                        "new_per_month in its own panel, with the platform's name as the "
                        "panel's title.",
            "q4_hint2": "new_per_month = daily.pivot_table(index=daily[\"date\"].dt.month, "
                        "columns=\"platform\", values=\"new_followers\", aggfunc=\"sum\", "
                        "observed=True); in the loop: ax.plot(new_per_month.index, "
                        "new_per_month[platform], **viz.platform_style(platform)) and "
                        "ax.set_title(platform); then labels on the outer panels, "
                        "panels_chart.suptitle(...) and viz.set_alt_text(panels_chart, ...).",
            "q4_colour_alone": "Every platform is on one chart, told apart by colour alone: about "
                               "1 man in 12 cannot tell some of these colours apart, and six "
                               "tangled lines are hard for anyone. Give each platform its own "
                               "panel, titled with its name.",
            "q4_panels": "Make one panel per platform ({n}), each titled with the platform's "
                         "name; I found {found}.",
            "q4_panel_titles": "{count} panels titled {titles}",
            "q4_panel_word": "The {platform} panel",
            "q4_own_scale": "The panels have different y scales, so a small platform looks as "
                            "big as a large one. Use plt.subplots(..., sharey=True) to compare "
                            "them honestly.",
            "q4_no_suptitle": "Give the whole figure a title that says what the panels show: "
                              "panels_chart.suptitle(\"...\").",
            "q4_no_labels": "Label the axes once for the whole grid: the month under the bottom "
                            "panels (ax.set_xlabel) and the new followers on the left ones "
                            "(ax.set_ylabel).",
            # q5: an alt text function
            "q5_hint1": "Inside the function: values.idxmax() and values.max() give the label "
                        "and value of the highest bar; idxmin() and min() the lowest. Build one "
                        "sentence with an f-string and return it.",
            "q5_hint2": "return f\"Bar chart of {{what}} by {{values.index.name or "
                        "'category'}}: {{values.idxmax()}} is highest with "
                        "{{values.max():,}} {{what}}, {{values.idxmin()}} lowest with "
                        "{{values.min():,}}.\"",
            "q5_not_text": "For the {what} chart your function returned {got}; alt text is a "
                           "text (a str in quotes or an f-string).",
            "q5_vague": "For the {what} chart your function returned {got!r}. Alt text that "
                        "only says \"chart\" tells a screen-reader user nothing: say what the "
                        "bars show, the highest and the lowest, with their numbers.",
            "q5_vague_all": "Your function returns alt text that tells a screen-reader user "
                            "nothing: say what the bars show, the highest and the lowest, with "
                            "their numbers.",
            "q5_no_bar": "For the {what} chart, say what kind of chart it is: start with "
                         "\"Bar chart of ...\".",
            "q5_no_what": "For the {what} chart, say what the bars count: the text should "
                          "mention {what!r} (the function's second input).",
            "q5_no_top": "For the {what} chart, name the highest bar with its value: {label} "
                         "({value:,}).",
            "q5_no_bottom": "For the {what} chart, name the lowest bar with its value: {label} "
                            "({value:,}).",
            "q5_superlative": "For the {what} chart: {problem}",
            # q6: the real change
            "q6_hint1": "The real change compares the two heights themselves: Q4 ÷ Q3 - 1. "
                        "Ignore where the agency's axis starts.",
            "q6_hint2": "real_change = quarters[\"Q4\"] / quarters[\"Q3\"] - 1",
            "q6_apparent": "That is how much taller the Q4 bar *looks* on the agency's chart. "
                           "The real change compares the rates themselves: Q4 ÷ Q3 - 1.",
            "q6_apparent_detail": "The agency's y axis starts at {bottom:.1%}, not at zero, so "
                                  "the bars show only their tops.",
            "q6_points": "That is the difference in percentage points (Q4 - Q3). The question is "
                         "the relative change: Q4 ÷ Q3 - 1.",
            "q6_ratio": "That is Q4 ÷ Q3, the ratio. The change is the ratio minus 1.",
            "q6_reversed": "You divided by Q4. A change is measured from where you started, "
                           "Q3: Q4 ÷ Q3 - 1.",
            "q6_percent": "That looks like a percentage. Keep the change as a fraction (+5 % is "
                          "0.05). Drop the * 100.",
            # q7: the honest bars
            "q7_hint1": "Draw the same two bars (quarters) and leave the y axis alone: bars "
                        "start at zero unless you cut them. If you copied the agency's "
                        "set_ylim, remove it or write ax.set_ylim(bottom=0).",
            "q7_hint2": "honest_chart, ax = plt.subplots(); ax.bar(quarters.index, quarters); "
                        "ax.set_ylim(bottom=0); then a title with the real change "
                        "(f\"... {{real_change:+.1%}} ...\"), axis labels and "
                        "viz.set_alt_text(honest_chart, ...).",
            "q7_truncated": "Your y axis does not start at zero. People read a bar's height as "
                            "its size, so a cut axis turns a change of a few per cent into one "
                            "that looks several times bigger. Start bars at zero: "
                            "ax.set_ylim(bottom=0).",
            "q7_truncated_detail": "It starts at {start:.4g}.",
            "q7_hype": "{word!r} in your title exaggerates a change of {change:+.1%}: that is "
                       "the agency's trick in words. Say plainly how the rate changed, with "
                       "its number.",
            "q7_no_number": "Your title says the rate {said} but not by how much. An honest "
                            "title gives the real change with its number: {change:+.1%}.",
            "q7_title_number": "State the real change in the title, with its number: "
                               "{change:+.1%} (f\"... {{real_change:+.1%}} ...\").",
            "q7_title_way": "Your title gives the change as {said}, a {way}; the real change is "
                            "{change:+.1%}.",
            "word_rise": "rise",
            "word_fall": "fall",
            "word_rose": "rose",
            "word_fell": "fell",
            # q8: one scale instead of two
            "q8_hint1": "Index each series to January: divide it by its January value and "
                        "multiply by 100. Both start at 100, so one y axis fits both and "
                        "140 means +40 % since January.",
            "q8_hint2": "spend_index = spend / spend.iloc[0] * 100; followers_index = "
                        "new_followers / new_followers.iloc[0] * 100; then one_scale_chart, ax "
                        "= plt.subplots(), ax.plot(...) twice with "
                        "marker=\"o\" and marker=\"s\", ax.legend(), title, labels, alt text.",
            "q8_dual": "The chart still has two y axes. With two scales the chart-maker decides "
                       "where each line sits, so any two series can be made to look as if they "
                       "move together. Index both to January = 100 and draw them on one axis.",
            "q8_raw": "Your {which} line is the {which} itself, not indexed. Divide each series "
                      "by its January value and multiply by 100, so both start at 100 and share "
                      "one scale.",
            "q8_two_lines": "Draw both indexed series on the one axis: the spend and the new "
                            "followers, each divided by its January value × 100.",
            "q8_colour_alone": "Your two lines differ only by colour. Give them different "
                               "markers or line styles (marker=\"o\", marker=\"s\") or write "
                               "their names next to them, so the chart works in black and "
                               "white and for colour-blind readers.",
            "q8_no_legend": "Say which line is which: give each line a label (label=\"Ad "
                            "spend\") and call ax.legend(), or write the names next to the "
                            "lines.",
            "word_spend": "spend",
            "word_followers": "new followers",
            # q9: the pie of twelve slices
            "q9_hint1": "Months are a time order: draw bars (or a line) of clicks per month, "
                        "January to December, instead of slices.",
            "q9_hint2": "clicks_chart, ax = plt.subplots(); ax.bar(MONTHS, clicks); "
                        "ax.set_title(...); ax.set_xlabel(\"Month (2025)\"); "
                        "ax.set_ylabel(\"Link clicks\"); viz.set_alt_text(clicks_chart, ...).",
            "q9_pie": "Still a pie. Twelve slices of similar size cannot be compared by angle, "
                      "and a circle hides the order of the months. Draw bars, January to "
                      "December.",
            "q9_sorted": "The months are out of order. Sorting bars by size is right for "
                         "categories, but months are time: keep them January to December so "
                         "the reader sees the year unfold.",
        }
    }
)
_ = MESSAGES.text

LESSON = Lesson("03", _("title"), source=lessons_dir() / "03_visual_thinking.ipynb")


# --------------------------------------------------------------------------------------------
# The learner's tables, as the notebook builds them
# --------------------------------------------------------------------------------------------


def posts_table(data: CourseData) -> pd.DataFrame:
    """The brand's posts with ``engagements``, ``engagement_rate``, ``month`` and ``quarter``.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> list(posts_table(load_course_data()).columns[-4:])
    ['engagements', 'engagement_rate', 'month', 'quarter']
    """
    def build(d: CourseData) -> pd.DataFrame:
        posts = d.posts.copy()
        posts["engagements"] = posts[list(ACTIONS)].sum(axis=1)
        posts["engagement_rate"] = posts["engagements"] / posts["reach"]
        posts["month"] = posts["published_at"].dt.month
        posts["quarter"] = posts["published_at"].dt.quarter
        return posts

    return data.cached(("lesson03", "posts"), build)


def platforms_of(data: CourseData) -> list[str]:
    """The brand's platforms, in the course's order.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> platforms_of(load_course_data())[:3]
    ['Instagram', 'Facebook', 'TikTok']
    """
    return [str(p) for p in data.platforms["platform"]]


def posts_per_platform(data: CourseData) -> pd.Series:
    """Posts of 2025 on each platform, most first (exercise 1's pie).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> posts_per_platform(load_course_data()).index[0]
    'Facebook'
    """
    counts = posts_table(data)["platform"].astype(str).value_counts()
    return counts.sort_values(ascending=False, kind="stable")


def follower_growth(data: CourseData) -> pd.Series:
    """Each platform's follower growth in 2025 (last day ÷ first day - 1), fastest first.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> growth = follower_growth(load_course_data())
    >>> len(growth), bool(growth.is_monotonic_decreasing)
    (6, True)
    """
    def build(d: CourseData) -> pd.Series:
        daily = d.account_daily.sort_values("date", kind="stable")
        grouped = daily.groupby(daily["platform"].astype(str), sort=False)["followers"]
        growth = grouped.last() / grouped.first() - 1
        return growth.astype(float).sort_values(ascending=False, kind="stable")

    return data.cached(("lesson03", "follower_growth"), build)


def story_platform(data: CourseData) -> str:
    """The platform of exercises 2 and 3: the one whose followers grew fastest in 2025.

    It is the agency's headline ("followers +194 %"); the lesson judges it by the
    goal's number instead (:func:`story_share`). The generator guarantees that
    its followers grew and that its posts brought link clicks, for every learner
    (``tests/test_contracts_listening.py``).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> story_platform(load_course_data()) in platforms_of(load_course_data())
    True
    """
    return str(follower_growth(data).index[0])


def story_growth(data: CourseData) -> float:
    """The follower growth of :func:`story_platform` (a fraction): the vanity number."""
    return float(follower_growth(data).iloc[0])


def clicks_per_platform(data: CourseData) -> pd.Series:
    """Link clicks of 2025 on each platform, fewest first (``barh`` draws them bottom-up).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> clicks = clicks_per_platform(load_course_data())
    >>> bool(clicks.is_monotonic_increasing), int(clicks.sum()) > 0
    (True, True)
    """
    posts = posts_table(data)
    clicks = posts.groupby(posts["platform"].astype(str))["link_clicks"].sum()
    return clicks.astype(float).sort_values(kind="stable")


def story_share(data: CourseData) -> float:
    """The story platform's share of the year's link clicks (a fraction): the one number.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> 0 < story_share(load_course_data()) < 1
    True
    """
    clicks = clicks_per_platform(data)
    return float(clicks[story_platform(data)] / clicks.sum())


def story_posts_share(data: CourseData) -> float:
    """The story platform's share of the year's posts (the effort)."""
    counts = posts_per_platform(data)
    return float(counts[story_platform(data)] / counts.sum())


def new_followers_by_month(data: CourseData) -> pd.DataFrame:
    """New followers per month (rows 1-12) and platform (columns), the sum of the daily counts.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> new_followers_by_month(load_course_data()).shape
    (12, 6)
    """
    daily = data.account_daily
    table = daily.pivot_table(index=daily["date"].dt.month, columns="platform",
                              values="new_followers", aggfunc="sum", observed=True)
    table.columns = [str(c) for c in table.columns]
    return table.astype(float)


def quarter_rates(data: CourseData) -> pd.Series:
    """The median engagement rate by reach of a post in Q3 and in Q4 (the agency's bars).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> list(quarter_rates(load_course_data()).index)
    ['Q3', 'Q4']
    """
    posts = posts_table(data)
    return pd.Series({q: float(posts.loc[posts["quarter"] == int(q[1]), "engagement_rate"]
                               .median()) for q in QUARTERS})


def agency_bottom(data: CourseData) -> float:
    """Where the agency's y axis starts: just below the smaller bar.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> bool(0 < agency_bottom(data) < quarter_rates(data).min())
    True
    """
    return int(quarter_rates(data).min() * AGENCY_ZOOM) / 1000


def real_change(data: CourseData) -> float:
    """Q4's median rate ÷ Q3's - 1: the change the agency's chart exaggerates.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> f"{real_change(load_course_data()):+.1%}"
    '+6.8%'
    """
    rates = quarter_rates(data)
    return float(rates["Q4"] / rates["Q3"] - 1)


def spend_by_month(data: CourseData) -> pd.Series:
    """Paid social spend per month, all channels (months 1-12)."""
    campaigns = data.campaigns
    return campaigns.groupby(campaigns["date"].dt.month)["spend"].sum()


def total_new_followers_by_month(data: CourseData) -> pd.Series:
    """New followers per month, all platforms together (months 1-12)."""
    daily = data.account_daily
    return daily.groupby(daily["date"].dt.month)["new_followers"].sum().astype(float)


def indexed_series(data: CourseData) -> pd.DataFrame:
    """Spend and new followers per month, each indexed to January = 100.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> indexed_series(load_course_data()).iloc[0].tolist()
    [100.0, 100.0]
    """
    spend = spend_by_month(data)
    followers = total_new_followers_by_month(data)
    return pd.DataFrame({"spend": spend / spend.iloc[0] * 100,
                         "new_followers": followers / followers.iloc[0] * 100})


def clicks_by_month(data: CourseData) -> pd.Series:
    """Link clicks per month, labelled ``Jan`` to ``Dec`` (the agency's twelve-slice pie).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> clicks_by_month(load_course_data()).index[:3].tolist()
    ['Jan', 'Feb', 'Mar']
    """
    clicks = posts_table(data).groupby("month")["link_clicks"].sum()
    clicks = clicks.reindex(range(1, 13), fill_value=0)
    return pd.Series(clicks.to_numpy(dtype=float), index=list(MONTHS))


def by_month_name(values: pd.Series) -> pd.Series:
    """A Series indexed by month number (1-12) relabelled ``Jan`` to ``Dec``.

    Examples
    --------
    >>> by_month_name(pd.Series([5.0, 7.0], index=[1, 2])).to_dict()
    {'Jan': 5.0, 'Feb': 7.0}
    """
    return pd.Series(values.to_numpy(dtype=float), index=[MONTHS[int(m) - 1] for m in values.index],
                     name=values.name)


# --------------------------------------------------------------------------------------------
# Reading what a chart shows (through the figure model) and what a text says (claims)
# --------------------------------------------------------------------------------------------


def shown_by_month(values: pd.Series) -> pd.Series:
    """A plotted series with its x read as months: ``1``-``12`` (or ``0``-``11``) and dates.

    Month numbers are sorted into their place on the axis (where the reader sees
    them) and named ``Jan`` to ``Dec``; dates are named after their month; text
    labels are kept (the comparison reads Italian and French month names).

    Examples
    --------
    >>> shown_by_month(pd.Series([2.0, 1.0], index=[2.0, 1.0])).to_dict()
    {'Jan': 1.0, 'Feb': 2.0}
    >>> shown_by_month(pd.Series([1.0], index=pd.to_datetime(["2025-03-31"]))).index[0]
    'Mar'
    >>> shown_by_month(pd.Series([1.0], index=["Gen"])).index[0]
    'Gen'
    """
    index = values.index
    if isinstance(index, pd.DatetimeIndex):
        return pd.Series(values.to_numpy(), index=[MONTHS[d.month - 1] for d in index])
    labels = list(index)
    if labels and all(is_number(x) and float(x).is_integer() for x in labels):
        numbers = [int(x) for x in labels]
        for first in (1, 0):
            if sorted(numbers) == list(range(first, first + len(numbers))) and len(numbers) <= 12:
                ordered = values.sort_index()
                return pd.Series(ordered.to_numpy(),
                                 index=[MONTHS[int(x) - first] for x in ordered.index])
    return values


def months_shown(model: FigureModel, data: CourseData | None = None) -> FigureModel:
    """The chart with every series over months labelled ``Jan`` to ``Dec`` (a ``prepare=``).

    A line over month numbers or month-end dates (``resample("ME")``) shows the
    same months as one over month names; :func:`shown_by_month` names them.

    Examples
    --------
    >>> from smmlab.viz.figure_model import FigureModel, PanelModel, SeriesModel
    >>> model = FigureModel(panels=(PanelModel(x_type="date", series=(SeriesModel(
    ...     "", "line", ["2025-01-31", "2025-02-28"], [3, 4]),)),))
    >>> months_shown(model).values().to_dict()
    {'Jan': 3.0, 'Feb': 4.0}
    """
    import dataclasses

    panels = []
    for p, panel in enumerate(model.panels):
        series, changed, i = [], False, 0
        for one in panel.series:
            if one.is_data:
                values = model.values(p, i)
                i += 1
                named = shown_by_month(values) if one.kind in ("line", "bar", "scatter",
                                                               "area") else values
                if named is not values:
                    one = dataclasses.replace(one, x=tuple(named.index),
                                              y=tuple(float(v) for v in named))
                    changed = True
            series.append(one)
        panels.append(dataclasses.replace(panel, series=tuple(series), x_type="category")
                      if changed else panel)
    return dataclasses.replace(model, panels=tuple(panels))


def informative_alt(alt: str) -> bool:
    """True if alt text is more than a label: a few words and a number (not just a year).

    Examples
    --------
    >>> informative_alt("Chart"), informative_alt("Bar chart of posts: Instagram leads with 40.")
    (False, True)
    >>> informative_alt("Line chart of new followers per month in 2025")
    False
    """
    return len(str(alt).split()) >= MIN_ALT_WORDS and claims.has_number(str(alt))


def writes_count(sentence: str, value: float) -> bool:
    """True if ``sentence`` writes the whole number ``value`` (``1,234``, ``1.234``, ``2013``).

    :func:`smmlab.report.claims.mentions` reads the numbers; a bare number that looks like a
    year (a month with 2,013 clicks written ``2013``) is found as written.

    Examples
    --------
    >>> writes_count("Jul is highest with 2,266", 2266), writes_count("with 2013 clicks", 2013)
    (True, True)
    >>> writes_count("21,234 posts", 1234)
    False
    """
    if claims.mentions(sentence, value):
        return True
    whole = int(round(float(value)))
    return re.search(rf"(?<![\d.,]){whole}(?![\d]|[.,]\d)", str(sentence)) is not None


def writes_change(sentence: str, change: float) -> bool:
    """True if ``sentence`` writes a change as a percentage (``+194%``) or a multiple (``×2.9``).

    Examples
    --------
    >>> writes_change("TikTok followers +194% in 2025", 1.94)
    True
    >>> writes_change("TikTok followers 2.9 times in 2025", 1.94)
    True
    >>> writes_change("up 6,8 %", 0.068), writes_change("up 7%", 0.068)  # rounded as written
    (True, True)
    >>> writes_change("up 8%", 0.068), writes_change("up 6.5%", 0.068)
    (False, False)
    """
    if claims.mentions(sentence, change, percent=True):
        return True
    return any(q.unit == "x" and q.matches(1 + change) for q in claims.quantities(sentence))


def _names(sentence: str, label: str) -> bool:
    """True if ``label`` appears in ``sentence`` as a word (so "X" is not found in "next")."""
    return re.search(rf"(?<!\w){re.escape(str(label))}(?!\w)", str(sentence),
                     re.IGNORECASE) is not None


def _kpis_named(sentence: str) -> set[str]:
    return {c.kpi for c in claims.read_claims(sentence) if c.kpi}


class _Point(NamedTuple):
    """One of a lesson's own checks of a chart: passed, what to say, the mistake it names."""

    ok: bool
    message: str | None = None
    mistake: str | None = None


def _chart_form(variable: str) -> Callable[[Any], str | None]:
    """Assessment mode: the answer must be a chart (never looks at the data)."""
    def form(answer: Any) -> str | None:
        if ChartExercise.model(answer) is None:
            return engine_text("chart_not_figure", variable=variable, got=describe(answer))
        return None

    return form


def _chart_judge(base: ChartExercise | None,
                 *checks: Callable[[FigureModel, CourseData], _Point]
                 ) -> Callable[[Any, CourseData], Verdict]:
    """A judge of a chart: the engine's five checks of ``base``, then the lesson's own.

    Every check is an equal share of the score (partial credit). The message says
    the named mistakes first, then the engine's findings, then the other checks.
    """
    def judge(answer: Any, data: CourseData) -> Verdict:
        model = ChartExercise.model(answer)
        if model is None or not model.panels:
            key = "chart_not_figure" if model is None else "chart_no_axes"
            variable = base.variable if base is not None else ""
            return Verdict(0.0, engine_text(key, variable=variable, got=describe(answer)))
        total, passed, parts = 0, 0.0, []
        if base is not None:
            result = base.check_answers({base.variable: model}, data)
            total, passed = 5, 5 * result.score
            if not result.correct:
                parts.append(result.message)
        points = [check(model, data) for check in checks]
        total += len(points)
        passed += sum(p.ok for p in points)
        if passed >= total:
            return Verdict(1.0)
        named = [p for p in points if not p.ok and p.mistake]
        other = [p.message for p in points if not p.ok and not p.mistake and p.message]
        message = " ".join([*(p.message for p in named if p.message), *parts, *other])
        return Verdict(passed / total, message, named[0].mistake if named else None)

    return judge


def _alt_point(model: FigureModel, data: CourseData) -> _Point:
    """Alt text, when there is some (the engine asks for it), says more than "chart"."""
    alt = model.alt.strip()
    if not alt or informative_alt(alt):
        return _Point(True)
    return _Point(False, f"{_('alt_vague')} {_('alt_vague_detail', alt=alt)}", "vague_alt")


def _chart(draw: Callable[[Any], Any], *, title: str = "", xlabel: str = "", ylabel: str = "",
           alt: str = "", figsize: tuple[float, float] | None = None) -> Figure:
    """A small Figure for the exercises' own variants: ``draw(ax)``, words, then closed."""
    import matplotlib.pyplot as plt

    from smmlab import viz

    fig, ax = plt.subplots(figsize=figsize)
    draw(ax)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if alt:
        viz.set_alt_text(fig, alt)
    plt.close(fig)
    return fig


# --------------------------------------------------------------------------------------------
# Exercise 1 (warm-up): pie or bar?
# --------------------------------------------------------------------------------------------


def share_call(data: CourseData) -> str | tuple[str, str]:
    """Bars; for a whole of three parts or fewer, a pie or bars (both are right).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> share_call(load_course_data())
    'bar'
    """
    return (PIE, BAR) if len(posts_per_platform(data)) <= MAX_PIE_SLICES else BAR


def _share_why(data: CourseData) -> dict[str, str]:
    counts = posts_per_platform(data)
    shares = counts / counts.sum()
    second = shares.index[1] if len(shares) > 1 else shares.index[0]
    return {PIE: _("q1_pie", n=len(counts), first=shares.index[0], first_share=shares.iloc[0],
                   second=second, second_share=shares[second]),
            LINE: _("q1_line")}


q1 = DecisionExercise(
    variable="share_chart",
    choices=(PIE, BAR, LINE),
    expected=share_call,
    why=_share_why,
    aliases={PIE: ("pie chart", "a pie", "torta", "grafico a torta", "aerogramma",
                   "camembert", "secteurs", "graphique en secteurs", "diagramme circulaire"),
             BAR: ("bars", "bar chart", "bar graph", "sorted bars", "sorted bar chart",
                   "horizontal bars", "horizontal bar chart", "barh", "column", "columns",
                   "column chart", "barre", "a barre", "grafico a barre", "istogramma",
                   "barres", "graphique en barres", "diagramme en barres", "histogramme",
                   "colonnes"),
             LINE: ("lines", "line chart", "line graph", "linea", "linee", "grafico a linee",
                    "courbe", "courbes", "ligne", "lignes", "graphique en courbes")},
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    right=(Variant(lambda d: " Bar chart ", "bar chart, with spaces"),
           Variant(lambda d: "column chart", "Excel's word for upright bars"),
           Variant(lambda d: "grafico a barre", "in Italian"),
           Variant(lambda d: "Histogramme", "Excel's French word")),
    wrong=(Variant(lambda d: PIE, "the manager's pie",
                   says=lambda d: f"{len(posts_per_platform(d))} slices"),
           Variant(lambda d: "grafico a torta", "the pie, in Italian", says="slices"),
           Variant(lambda d: "linee", "lines, in Italian", says="time"),
           Variant(lambda d: "donut", "not a choice", says="must be one of")),
)


# --------------------------------------------------------------------------------------------
# Exercises 2 and 3 (core): the one number that matters, and the chart that carries it
# --------------------------------------------------------------------------------------------


def _story_message(key: str) -> Callable[[CourseData], str]:
    return lambda d: _(key, platform=story_platform(d))


def _reach_share(data: CourseData) -> float:
    posts = posts_table(data)
    reach = posts.groupby(posts["platform"].astype(str))["reach"].sum()
    return float(reach[story_platform(data)] / reach.sum())


def _clicks_of_story(data: CourseData) -> float:
    return float(clicks_per_platform(data)[story_platform(data)])


q2 = ValueExercise(
    variable="story_share",
    expected=story_share,
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("percent", lambda d: story_share(d) * 100, _("q2_percent")),
        Mistake("posts_share", story_posts_share, _story_message("q2_posts_share")),
        Mistake("follower_growth", story_growth, _story_message("q2_growth")),
        Mistake("count", _clicks_of_story, _story_message("q2_count")),
        Mistake("others", lambda d: _clicks_of_story(d) / (
            clicks_per_platform(d).sum() - _clicks_of_story(d)), _story_message("q2_others")),
        Mistake("reach_share", _reach_share, _story_message("q2_reach_share")),
    ),
    right=(Variant(lambda d: round(story_share(d), 4), "rounded to 4 decimals"),
           Variant(lambda d: np.float64(story_share(d)), "a numpy number")),
    wrong=(Variant(lambda d: story_share(d) * 100, "a percentage", says="percentage"),
           Variant(story_posts_share, "the share of posts", says="effort"),
           Variant(story_growth, "the follower growth", says="vanity"),
           Variant(_clicks_of_story, "the clicks themselves", says="divide it")),
)


def writes_share(sentence: str, share: float) -> bool:
    """True if ``sentence`` writes ``share`` as a percentage, rounded as written.

    Examples
    --------
    >>> writes_share("16% of our link clicks", 0.1612), writes_share("16,1 %", 0.1612)
    (True, True)
    >>> writes_share("20% of our link clicks", 0.1612)
    False
    """
    return claims.mentions(sentence, share, percent=True)


def _story_number(model: FigureModel, data: CourseData) -> _Point:
    """The story platform's share of the link clicks is written on the chart (an annotation)."""
    share, platform = story_share(data), story_platform(data)
    texts = [t for panel in model.panels for t in panel.texts]
    if not texts:
        return _Point(False, _("q3_no_text"), "no_number")
    shown = " | ".join(texts)
    if any(writes_share(t, share) for t in texts):
        return _Point(True)
    if any(writes_change(t, story_growth(data)) for t in texts):
        return _Point(False, _("q3_vanity", texts=shown, platform=platform, share=share),
                      "vanity_number")
    return _Point(False, _("q3_wrong_text", texts=shown, platform=platform, share=share),
                  "no_number")


def _story_alt(model: FigureModel, data: CourseData) -> _Point:
    """The alt text gives the number too (when there is alt text that says something)."""
    alt = model.alt.strip()
    if not alt or not informative_alt(alt):
        return _alt_point(model, data)
    share = story_share(data)
    return _Point(writes_share(alt, share), _("q3_alt_number", share=share))


_story_base = ChartExercise(
    "l03_story",
    variable="story_chart",
    expected=clicks_per_platform,
    title_words=lambda d: (story_platform(d),),
    kpi="clicks",
    hints=("", ""),
)


def _story_chart(data: CourseData, *, note: str | None = None, title: str | None = None,
                 alt: str | None = None, vertical: bool = False) -> Figure:
    """A chart a learner might draw for q3 (the exercise's own variants)."""
    clicks = clicks_per_platform(data)
    platform, share = story_platform(data), story_share(data)
    posts_share = story_posts_share(data)

    def draw(ax: Any) -> None:
        if vertical:
            ax.bar(list(clicks.index), clicks.to_numpy())
            xy: tuple[Any, Any] = (platform, clicks[platform])
        else:
            ax.barh(list(clicks.index), clicks.to_numpy())
            xy = (clicks[platform], platform)
        if note != "":
            ax.annotate(note or f"{share:.0%} of our link clicks", xy=xy, xytext=(5, 0),
                        textcoords="offset points", va="center")

    words = ("Link clicks (visits to our website), 2025", "Platform")
    xlabel, ylabel = words[::-1] if vertical else words
    return _chart(draw, title=f"{platform}: {share:.0%} of our link clicks from "
                  f"{posts_share:.0%} of our posts" if title is None else title,
                  xlabel=xlabel, ylabel=ylabel,
                  alt=alt if alt is not None else (
                      f"Bar chart of the link clicks of 2025 on each platform: {platform} "
                      f"brought {clicks[platform]:,.0f} of {clicks.sum():,.0f}, {share:.0%}, "
                      f"with {posts_share:.0%} of the posts."))


def _italian_story(data: CourseData) -> Figure:
    share, platform = story_share(data), story_platform(data)
    clicks = clicks_per_platform(data)
    return _story_chart(
        data, note=f"{share * 100:.1f} % dei clic".replace(".", ","), vertical=True,
        title=f"{platform}: il {share * 100:.0f} % dei clic sui link",
        alt=f"Grafico a barre dei clic sui link del 2025 per piattaforma: {platform} ne ha "
            f"portati {clicks[platform]:,.0f}, il {share * 100:.0f} % del totale."
            .replace(",", "."))


q3 = JudgedExercise(
    variable="story_chart",
    judge=_chart_judge(_story_base, _story_number, _story_alt),
    form=_chart_form("story_chart"),
    kind="chart",
    hints=(_("q3_hint1"), _("q3_hint2")),
    right=(Variant(_story_chart, "horizontal bars, annotated"),
           Variant(_italian_story, "upright bars, in Italian, 16,1 %")),
    wrong=(Variant(lambda d: _story_chart(d, note=""), "no annotation", says="ax.annotate"),
           Variant(lambda d: _story_chart(d, note="Great year!"), "an annotation without the "
                   "number", says="Great year!"),
           Variant(lambda d: _story_chart(d, note=f"{story_growth(d):+.0%} followers"),
                   "the vanity number on the chart", says="vanity"),
           Variant(lambda d: _story_chart(d, note=f"{story_share(d) + 0.1:.0%} of our clicks"),
                   "a wrong number", says=lambda d: f"{story_share(d):.0%}"),
           Variant(lambda d: _story_chart(d, alt="Chart"), "alt text 'Chart'",
                   says="does not say what the chart shows"),
           Variant(lambda d: _story_chart(d, alt=f"Bar chart of the link clicks of 2025 on each "
                                                 f"platform, sorted: "
                                                 f"{clicks_per_platform(d).sum():,.0f} in all."),
                   "alt text without the share", says="alt text too"),
           Variant(lambda d: _story_chart(d, title="Link clicks in 2025"),
                   "title without the platform", says=story_platform)),
)


# --------------------------------------------------------------------------------------------
# Exercise 4 (core): small multiples
# --------------------------------------------------------------------------------------------


def _panel_platform(title: str, platforms: Sequence[str]) -> str | None:
    found = [p for p in platforms if _names(title, p)]
    return found[0] if len(found) == 1 else None


def _value_limits(panel: PanelModel) -> tuple[Any, Any]:
    return panel.xlim if panel.horizontal else panel.ylim


def _judge_panels(answer: Any, data: CourseData) -> Verdict:
    """Small multiples: one panel per platform (any order), each with its platform's data.

    Six checks, a sixth of the score each: a panel titled with each platform; each
    panel's values, month by month; one y scale; a figure title about new followers;
    both axis labels; alt text.
    """
    model = ChartExercise.model(answer)
    panels = model.data_panels if model is not None else ()
    if not panels:
        key = "chart_not_figure" if model is None else "chart_no_axes"
        return Verdict(0.0, engine_text(key, variable="panels_chart", got=describe(answer)))
    platforms = platforms_of(data)
    table = new_followers_by_month(data)
    named: dict[str, int] = {}
    for i, panel in enumerate(panels):
        platform = _panel_platform(panel.title, platforms)
        if platform is not None:
            named.setdefault(platform, i)
    points: list[_Point] = []
    if len(panels) == 1 and len(panels[0].data) >= 2:
        points.append(_Point(False, _("q4_colour_alone"), "colour_alone"))
    else:
        missing = [p for p in platforms if p not in named]
        titles = ", ".join(repr(p.title) for p in panels if p.title.strip()) or "none"
        points.append(_Point(len(panels) == len(platforms) and not missing, _(
            "q4_panels", n=len(platforms), found=_("q4_panel_titles", count=len(panels),
                                                   titles=titles))))
    problem = None
    for platform in platforms:
        if platform not in named:
            continue
        got = shown_by_month(_panel_values(panels[named[platform]]))
        problem = difference(got, by_month_name(table[platform]),
                             variable=_("q4_panel_word", platform=platform))
        if problem is not None:
            break
    points.append(_Point(bool(named) and problem is None, problem))
    limits = [_value_limits(p) for p in panels]
    same = all(np.allclose(np.asarray(lim, dtype=float), np.asarray(limits[0], dtype=float))
               for lim in limits if all(is_number(v) for v in lim))
    points.append(_Point(same or len(panels) == 1, _("q4_own_scale"),
                         None if same else "own_scale"))
    title = model.title.strip() or (panels[0].title.strip() if len(panels) == 1 else "")
    if not title:
        points.append(_Point(False, _("q4_no_suptitle")))
    else:
        said = _kpis_named(title)
        other = bool(said) and "followers" not in said
        points.append(_Point(not other, engine_text(
            "chart_other_kpi", where=engine_text("word_title"), said=", ".join(sorted(said)),
            kpi="new followers")))
    points.append(_Point(bool(model.main_xlabel.strip() and model.main_ylabel.strip()),
                         _("q4_no_labels")))
    alt = model.alt.strip()
    points.append(_Point(True) if alt and informative_alt(alt) else
                  _Point(False, engine_text("chart_no_alt")) if not alt else
                  _alt_point(model, data))
    passed = sum(p.ok for p in points)
    if passed == len(points):
        return Verdict(1.0)
    named_points = [p for p in points if not p.ok and p.mistake]
    message = " ".join(p.message for p in [*named_points, *(
        p for p in points if not p.ok and not p.mistake)] if p.message)
    return Verdict(passed / len(points), message,
                   named_points[0].mistake if named_points else None)


def _panel_values(panel: PanelModel) -> pd.Series:
    """The first data series of a panel, label -> value (in data units)."""
    from smmlab.viz.figure_model import FigureModel

    return FigureModel(panels=(panel,)).values(data_units=True)


def _panels_chart(data: CourseData, order: Sequence[str] | None = None, *,
                  sharey: bool = True, suptitle: str | None = None, alt: str | None = None,
                  shift: bool = False) -> Figure:
    """Small multiples a learner might draw for q4 (the exercise's own variants)."""
    import matplotlib.pyplot as plt

    from smmlab import viz

    table = new_followers_by_month(data)
    platforms = list(order or platforms_of(data))
    totals = table.sum()
    fig, axes = plt.subplots(2, 3, sharex=True, sharey=sharey, figsize=(10, 5.5))
    for i, (ax, platform) in enumerate(zip(axes.flat, platforms, strict=False)):
        values = table[platforms[(i + 1) % len(platforms)] if shift else platform]
        ax.plot(table.index, values, **viz.platform_style(platform))
        ax.set_title(platform)
    for ax in axes[-1]:
        ax.set_xticks([1, 4, 7, 10], ["Jan", "Apr", "Jul", "Oct"])
        ax.set_xlabel("Month (2025)")
    for ax in axes[:, 0]:
        ax.set_ylabel("New followers")
    fig.suptitle(f"New followers per month: {totals.idxmax()} brought the most"
                 if suptitle is None else suptitle)
    viz.set_alt_text(fig, alt if alt is not None else (
        f"{len(platforms)} small line charts of new followers per month in 2025, one per "
        f"platform, same scale. {totals.idxmax()} brought the most ({totals.max():,.0f})."))
    plt.close(fig)
    return fig


def _tangled_chart(data: CourseData) -> Figure:
    """Every platform on one chart, the lines told apart by colour alone."""
    table = new_followers_by_month(data)

    def draw(ax: Any) -> None:
        for platform in table.columns:
            ax.plot(table.index, table[platform], linestyle="-", label=platform)
        ax.legend()

    return _chart(draw, title="New followers per month", xlabel="Month",
                  ylabel="New followers", alt=f"Line chart of new followers per month on "
                  f"{len(table.columns)} platforms, one line each; the highest month has "
                  f"{table.to_numpy().max():,.0f}.")


q4 = JudgedExercise(
    variable="panels_chart",
    judge=_judge_panels,
    form=_chart_form("panels_chart"),
    kind="chart",
    hints=(_("q4_hint1"), _("q4_hint2")),
    right=(Variant(_panels_chart, "the platforms' order"),
           Variant(lambda d: _panels_chart(d, sorted(platforms_of(d))), "alphabetical order"),
           Variant(lambda d: _panels_chart(d, platforms_of(d)[::-1],
                                           suptitle="Nuovi follower al mese, per piattaforma"),
                   "reversed, an Italian title")),
    wrong=(Variant(_tangled_chart, "one chart, colour alone", says="colour alone"),
           Variant(lambda d: _panels_chart(d, sharey=False), "each panel on its own scale",
                   says="sharey=True"),
           Variant(lambda d: _panels_chart(d, shift=True), "each panel shows another's data",
                   says=lambda d: f"The {platforms_of(d)[0]} panel"),
           Variant(lambda d: _panels_chart(d, platforms_of(d)[:5]), "a platform missing",
                   says="one panel per platform"),
           Variant(lambda d: _panels_chart(d, suptitle=""), "no figure title",
                   says="suptitle"),
           Variant(lambda d: _panels_chart(d, suptitle="Posts per month, one panel per "
                                                      "platform"),
                   "the worked example's title", says="names posts")),
)


# --------------------------------------------------------------------------------------------
# Exercise 5 (stretch): a function that writes alt text
# --------------------------------------------------------------------------------------------


def _labelled(values: pd.Series, name: str) -> pd.Series:
    out = pd.Series(np.asarray(values, dtype="int64"), index=[str(i) for i in values.index])
    out.index.name = name
    return out


def _alt_judge(values: pd.Series, what: str) -> Callable[[Any], str | None]:
    """What alt text for these bars must say: a bar chart of ``what``, highest and lowest."""
    top, bottom = values.max(), values.min()
    tops = [str(k) for k, v in values.items() if v == top]
    bottoms = [str(k) for k, v in values.items() if v == bottom]

    def judge(got: Any) -> str | None:
        if not isinstance(got, str):
            return _("q5_not_text", what=what, got=describe(got))
        if not informative_alt(got):
            return _("q5_vague", what=what, got=got)
        if not any(_names(got, w) for w in BAR_WORDS):
            return _("q5_no_bar", what=what)
        if what.casefold() not in got.casefold():
            return _("q5_no_what", what=what)
        if len(tops) == 1 and len(bottoms) == 1:
            problem = superlative_problem(got, values)
            if problem:
                return _("q5_superlative", what=what, problem=problem)
        if not (any(_names(got, label) for label in tops) and writes_count(got, top)):
            return _("q5_no_top", what=what, label=tops[0], value=int(top))
        if not (any(_names(got, label) for label in bottoms) and writes_count(got, bottom)):
            return _("q5_no_bottom", what=what, label=bottoms[0], value=int(bottom))
        return None

    return judge


def _alt_cases(data: CourseData) -> list[tuple[tuple, Callable[[Any], str | None]]]:
    """Bar data from the learner's brand: posts per platform, clicks per month and more."""
    posts = posts_table(data)
    raw = [
        (posts_per_platform(data), "platform", "posts"),
        (clicks_by_month(data), "month", "link clicks"),
        (data.account_daily.groupby("platform", observed=True)["new_followers"].sum(),
         "platform", "new followers"),
        (posts[posts["quarter"] >= 3].groupby("quarter")["engagements"].sum()
         .rename(index=lambda q: f"Q{q}"), "quarter", "engagements"),
    ]
    cases = []
    for values, name, what in raw:
        series = _labelled(values, name)
        cases.append(((series, what), _alt_judge(series, what)))
    return cases


def model_alt_text(values: pd.Series, what: str) -> str:
    """An alt text that passes exercise 5: chart type, what it shows, highest and lowest.

    Examples
    --------
    >>> model_alt_text(pd.Series({"Instagram": 217, "X": 33}), "posts")
    'Bar chart of posts by category: Instagram is highest with 217 posts, X lowest with 33.'
    """
    by = values.index.name or "category"
    return (f"Bar chart of {what} by {by}: {values.idxmax()} is highest with "
            f"{values.max():,} {what}, {values.idxmin()} lowest with {values.min():,}.")


def _alt_function(words: str) -> Callable[[CourseData], Callable[[pd.Series, str], str]]:
    """Alt text functions a learner might write for q5 (the exercise's own variants)."""
    def make(data: CourseData) -> Callable[[pd.Series, str], str]:
        def alt_for_bars(values: pd.Series, what: str) -> str:
            hi, lo = values.idxmax(), values.idxmin()
            top, bottom = int(values.max()), int(values.min())
            return words.format(what=what, hi=hi, lo=lo, top=top, bottom=bottom,
                                top_it=f"{top:,}".replace(",", "."),
                                by=values.index.name or "category")

        return alt_for_bars

    return make


def _all_vague(outputs: list, data: CourseData) -> bool:
    return bool(outputs) and all(kind == "ok" and isinstance(out, str) and
                                 not informative_alt(out) for kind, out in outputs)


q5 = FunctionExercise(
    variable="alt_for_bars",
    cases=_alt_cases,
    tier="stretch",
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(Mistake("vague_alt", None, _("q5_vague_all"), when=_all_vague),),
    right=(Variant(lambda d: model_alt_text, "the model sentence"),
           Variant(_alt_function("Grafico a barre di {what} per {by}: {hi} è il più alto con "
                                 "{top_it}, {lo} il più basso con {bottom}."), "in Italian"),
           Variant(_alt_function("Column chart of {what}: {lo} is lowest ({bottom}) and {hi} "
                                 "is highest ({top})."), "Excel's column chart, lowest first")),
    wrong=(Variant(_alt_function("Bar chart of {what}: {lo} is highest with {top}, {hi} lowest "
                                 "with {bottom}."), "the lowest bar called the highest",
                   says="in the data the highest is"),
           Variant(_alt_function("Bar chart of {what}: {hi} is highest with {top}."),
                   "the highest bar only", says="lowest bar"),
           Variant(_alt_function("Bar chart"), "just 'Bar chart'", says="nothing"),
           Variant(_alt_function("Bar chart of {what}: {hi} is highest and {lo} is lowest "
                                 "of all the bars shown."), "no numbers",
                   says="with their numbers"),
           Variant(_alt_function("Chart of {what}: {hi} is highest with {top}, {lo} lowest "
                                 "with {bottom}."), "no chart type", says="Bar chart of")),
)


# --------------------------------------------------------------------------------------------
# Exercises 6 and 7: the truncated axis
# --------------------------------------------------------------------------------------------


def _apparent_change(data: CourseData) -> float:
    rates, bottom = quarter_rates(data), agency_bottom(data)
    return float((rates["Q4"] - bottom) / (rates["Q3"] - bottom) - 1)


def _bottom_message(data: CourseData) -> str:
    return f"{_('q6_apparent')} {_('q6_apparent_detail', bottom=agency_bottom(data))}"


q6 = ValueExercise(
    variable="real_change",
    expected=real_change,
    tier="warm-up",
    hints=(_("q6_hint1"), _("q6_hint2")),
    mistakes=(
        Mistake("apparent", _apparent_change, _bottom_message),
        Mistake("points", lambda d: float(quarter_rates(d)["Q4"] - quarter_rates(d)["Q3"]),
                _("q6_points")),
        Mistake("ratio", lambda d: float(quarter_rates(d)["Q4"] / quarter_rates(d)["Q3"]),
                _("q6_ratio")),
        Mistake("reversed", lambda d: float(1 - quarter_rates(d)["Q3"] / quarter_rates(d)["Q4"]),
                _("q6_reversed")),
        Mistake("percent", lambda d: real_change(d) * 100, _("q6_percent")),
    ),
    right=(Variant(lambda d: round(real_change(d), 3), "rounded as printed (+6.8% is 0.068)"),
           Variant(lambda d: round(real_change(d), 4), "4 decimals")),
    wrong=(Variant(_apparent_change, "the change the agency's bars show",
                   says=lambda d: f"{agency_bottom(d):.1%}"),
           Variant(lambda d: float(quarter_rates(d)["Q4"] - quarter_rates(d)["Q3"]),
                   "percentage points", says="percentage points"),
           Variant(lambda d: float(quarter_rates(d)["Q4"] / quarter_rates(d)["Q3"]),
                   "the ratio", says="minus 1"),
           Variant(lambda d: real_change(d) * 100, "a percentage", says="percentage")),
)


def _from_zero(model: FigureModel, data: CourseData) -> _Point:
    """The value axis of the bars starts at zero (the y axis, or x for horizontal bars)."""
    panel = model.data_panels[0] if model.data_panels else model.panels[0]
    start = _value_limits(panel)[0]
    if not is_number(start) or float(start) <= 1e-12:
        return _Point(True)
    return _Point(False, f"{_('q7_truncated')} {_('q7_truncated_detail', start=float(start))}",
                  "truncated_axis")


def _honest_title(model: FigureModel, data: CourseData) -> _Point:
    """The title states the real change with its number, its direction, and no hype."""
    panel = model.data_panels[0] if model.data_panels else model.panels[0]
    title = (panel.title or model.title).strip()
    if not title:
        return _Point(True)  # the engine's check asks for a title
    change = real_change(data)
    hype = HYPE.search(title)
    if hype:
        return _Point(False, _("q7_hype", word=hype.group(0), change=change), "exaggerated")
    said = _kpis_named(title)
    if said and not said & set(ENGAGEMENT_KPIS):
        return _Point(False, engine_text("chart_other_kpi", where=engine_text("word_title"),
                                         said=", ".join(sorted(said)), kpi="engagement rate"))
    problem = claims.check_claim(title, dict.fromkeys(ENGAGEMENT_KPIS, change))
    if problem:
        return _Point(False, problem, "wrong_claim")
    way = claims.direction(title)
    if not writes_change(title, change):
        if way in ("up", "down"):
            said = _("word_rose" if way == "up" else "word_fell")
            return _Point(False, _("q7_no_number", said=said, change=change), "no_number")
        return _Point(False, _("q7_title_number", change=change), "no_number")
    if way in ("up", "down") and way != ("up" if change > 0 else "down"):
        found = next(q.written for q in claims.quantities(title)
                     if q.matches(abs(change) * 100))
        return _Point(False, _("q7_title_way", said=found, change=change,
                               way=_("word_rise" if way == "up" else "word_fall")), "wrong_way")
    return _Point(True)


_honest_base = ChartExercise(
    "l03_honest",
    variable="honest_chart",
    expected=quarter_rates,
    hints=("", ""),
)


def _honest_chart(data: CourseData, *, title: str | None = None, bottom: float | None = None,
                  horizontal: bool = False, percent: bool = False) -> Figure:
    """Bars a learner might draw for q7 (the exercise's own variants)."""
    rates = quarter_rates(data)
    change = real_change(data)
    scale = 100 if percent else 1

    def draw(ax: Any) -> None:
        (ax.barh if horizontal else ax.bar)(list(rates.index), rates.to_numpy() * scale)
        if bottom is not None:
            (ax.set_xlim if horizontal else ax.set_ylim)(bottom * scale, rates.max() * scale
                                                         * 1.02)

    value_label = "Median engagement rate by reach" + (" (%)" if percent else "")
    return _chart(draw, title=f"Engagement rate of a typical post: Q4 {change:+.1%} compared "
                  f"with Q3" if title is None else title,
                  xlabel=value_label if horizontal else "Quarter (2025)",
                  ylabel="Quarter (2025)" if horizontal else value_label,
                  alt=f"Bar chart of the median engagement rate by reach per post, from zero: "
                      f"Q3 {rates['Q3']:.2%}, Q4 {rates['Q4']:.2%}, a change of {change:+.1%}.")


def _way_word(data: CourseData, up: str, down: str) -> str:
    return up if real_change(data) > 0 else down


q7 = JudgedExercise(
    variable="honest_chart",
    judge=_chart_judge(_honest_base, _from_zero, _honest_title),
    form=_chart_form("honest_chart"),
    kind="chart",
    hints=(_("q7_hint1"), _("q7_hint2")),
    right=(Variant(_honest_chart, "bars from zero, the change in the title"),
           Variant(lambda d: _honest_chart(d, horizontal=True, percent=True),
                   "horizontal, in percent"),
           Variant(lambda d: _honest_chart(d, title=_way_word(
               d, f"Il tasso di engagement è salito del {real_change(d) * 100:.1f} % in Q4",
               f"Il tasso di engagement è calato del {-real_change(d) * 100:.1f} % in Q4")
               .replace(".", ",")), "an Italian title")),
    wrong=(Variant(lambda d: _honest_chart(d, bottom=agency_bottom(d)), "the agency's axis",
                   says="does not start at zero"),
           Variant(lambda d: _honest_chart(d, title=_way_word(d, "Engagement SOARED in Q4!",
                                                              "Engagement COLLAPSED in Q4!")),
                   "the agency's title", says="exaggerates"),
           Variant(lambda d: _honest_chart(d, title=_way_word(d, "Engagement rate rose in Q4",
                                                              "Engagement rate fell in Q4")),
                   "a direction without the number", says="not by how much"),
           Variant(lambda d: _honest_chart(d, title=f"Engagement rate in Q4: "
                                           f"{real_change(d) + 0.05:+.1%} on Q3"),
                   "a wrong number", says=lambda d: f"{abs(real_change(d)):.1%}"),
           Variant(lambda d: _honest_chart(d, title=f"Engagement rate "
                                           f"{_way_word(d, 'fell', 'rose')} "
                                           f"{abs(real_change(d)):.1%} in Q4"),
                   "the wrong direction", says="in the data")),
)


# --------------------------------------------------------------------------------------------
# Exercise 8 (core): one scale instead of two
# --------------------------------------------------------------------------------------------


def _same_line(values: pd.Series, want: pd.Series) -> bool:
    return difference(shown_by_month(values), by_month_name(want), variable="x") is None


def _line_kinds(model: FigureModel, data: CourseData) -> list[tuple[int, int, str | None]]:
    """Each data series of every panel (panel, series) and what it shows: indexed or raw."""
    index = indexed_series(data)
    wanted = {"spend": index["spend"], "new_followers": index["new_followers"],
              "raw_spend": spend_by_month(data).astype(float),
              "raw_followers": total_new_followers_by_month(data)}
    return [(p, s, next((k for k, w in wanted.items()
                         if _same_line(model.values(p, s, data_units=True), w)), None))
            for p, panel in enumerate(model.panels) for s in range(len(panel.data))]


def _spend_first(model: FigureModel, data: CourseData) -> FigureModel:
    """The chart with the indexed spend as the first series of its panel (any order is fine)."""
    import dataclasses

    for p, s, kind in _line_kinds(model, data):
        if kind == "spend":
            panel = model.panels[p]
            spend = panel.data[s]
            first = dataclasses.replace(panel, series=(
                spend, *(x for x in panel.series if x is not spend)))
            panels = (*model.panels[:p], first, *model.panels[p + 1:])
            return dataclasses.replace(model, panels=(first, *(
                x for i, x in enumerate(panels) if i != p)))
    return model


def _one_axis(model: FigureModel, data: CourseData) -> _Point:
    dual = len(model.data_panels) > 1 or any(p.twin for p in model.panels)
    return _Point(not dual, _("q8_dual"), "dual_axes" if dual else None)


def _both_indexed(model: FigureModel, data: CourseData) -> _Point:
    kinds = [kind for _p, _s, kind in _line_kinds(model, data)]
    if {"spend", "new_followers"} <= set(kinds):
        return _Point(True)
    for raw, word in (("raw_spend", "word_spend"), ("raw_followers", "word_followers")):
        if raw in kinds:
            return _Point(False, _("q8_raw", which=_(word)), "raw_values")
    return _Point(False, _("q8_two_lines"))


def _told_apart(model: FigureModel, data: CourseData) -> _Point:
    """The two indexed lines differ by more than colour, and the chart says which is which."""
    panel = model.data_panels[0] if model.data_panels else model.panels[0]
    lines = [s for s in panel.data if s.kind == "line"]
    if len(lines) < 2:
        return _Point(True)  # the check of both lines says what is missing
    if len({s.style for s in lines}) < len(lines) and len(panel.texts) < 2:
        return _Point(False, _("q8_colour_alone"), "colour_alone")
    if len(panel.legend) < 2 and len(panel.texts) < 2:
        return _Point(False, _("q8_no_legend"))
    return _Point(True)


_one_scale_base = ChartExercise(
    "l03_one_scale",
    variable="one_scale_chart",
    expected=lambda d: by_month_name(indexed_series(d)["spend"]),
    prepare=lambda model, data: _spend_first(months_shown(model), data),
    hints=("", ""),
)


def _one_scale_chart(data: CourseData, *, raw: bool = False, twin: bool = False,
                     colour_only: bool = False, followers_first: bool = False,
                     legend: bool = True) -> Figure:
    """A chart a learner might draw for q8 (the exercise's own variants)."""
    index = indexed_series(data)
    spend = spend_by_month(data) if raw else index["spend"]
    followers = index["new_followers"]
    lines = [(spend, "Ad spend", "o"), (followers, "New followers", "s")]
    if followers_first:
        lines = lines[::-1]

    def draw(ax: Any) -> None:
        for i, (values, label, marker) in enumerate(lines):
            target = ax.twinx() if twin and i == 1 else ax
            target.plot(values.index, values, label=label, linestyle="-",
                        marker="" if colour_only else marker)
        if legend:
            ax.legend()
        ax.set_xticks(range(1, 13), MONTHS)

    return _chart(draw, title="Spend and new followers, January = 100", xlabel="Month (2025)",
                  ylabel="Index (January = 100)",
                  alt=f"Line chart of ad spend and new followers per month in 2025, both "
                      f"indexed to January = 100; in December spend is at "
                      f"{index['spend'].iloc[-1]:.0f}, new followers at "
                      f"{index['new_followers'].iloc[-1]:.0f}.")


q8 = JudgedExercise(
    variable="one_scale_chart",
    judge=_chart_judge(_one_scale_base, _one_axis, _both_indexed, _told_apart),
    form=_chart_form("one_scale_chart"),
    kind="chart",
    hints=(_("q8_hint1"), _("q8_hint2")),
    right=(Variant(_one_scale_chart, "two indexed lines, two markers"),
           Variant(lambda d: _one_scale_chart(d, followers_first=True),
                   "the followers drawn first")),
    wrong=(Variant(lambda d: _one_scale_chart(d, twin=True), "still two y axes",
                   says="two y axes"),
           Variant(lambda d: _one_scale_chart(d, raw=True), "the spend not indexed",
                   says="not indexed"),
           Variant(lambda d: _one_scale_chart(d, colour_only=True), "colour alone",
                   says="only by colour"),
           Variant(lambda d: _one_scale_chart(d, legend=False), "no legend",
                   says="which line is which")),
)


# --------------------------------------------------------------------------------------------
# Exercise 9 (warm-up): twelve slices
# --------------------------------------------------------------------------------------------


def _no_pie(model: FigureModel, data: CourseData) -> _Point:
    pie = any(s.kind == "pie" for p in model.panels for s in p.series)
    return _Point(not pie, _("q9_pie"), "pie" if pie else None)


def _calendar_order(model: FigureModel, data: CourseData) -> _Point:
    """The months run January to December (bars sorted by size do not)."""
    panels = model.data_panels
    if not panels or any(s.kind == "pie" for s in panels[0].data):
        return _Point(True)  # the pie check says it
    got = shown_by_month(model.values(model.panels.index(panels[0]), 0))
    want = clicks_by_month(data)
    in_order = difference(got, want, variable="x", ordered=True) is None
    shuffled = not in_order and difference(got, want, variable="x") is None
    return _Point(not shuffled, _("q9_sorted"), "sorted" if shuffled else None)


_clicks_base = ChartExercise(
    "l03_clicks",
    variable="clicks_chart",
    expected=clicks_by_month,
    kpi="clicks",
    prepare=months_shown,
    hints=("", ""),
)


def _clicks_judge(answer: Any, data: CourseData) -> Verdict:
    """A pie says only that it is a pie; anything else gets every check."""
    model = ChartExercise.model(answer)
    if model is not None and not _no_pie(model, data).ok:
        return Verdict(0.0, _("q9_pie"), "pie")
    return _chart_judge(_clicks_base, _calendar_order)(answer, data)


def _clicks_chart(data: CourseData, *, labels: Sequence[str] = MONTHS, sort: bool = False,
                  pie: bool = False, line: bool = False) -> Figure:
    """A chart a learner might draw for q9 (the exercise's own variants)."""
    clicks = pd.Series(clicks_by_month(data).to_numpy(), index=list(labels))
    if sort:
        clicks = clicks.sort_values(ascending=False)

    def draw(ax: Any) -> None:
        if pie:
            ax.pie(clicks.to_numpy(), labels=list(clicks.index))
        elif line:
            ax.plot(range(1, 13), clicks.to_numpy(), marker="o")
        else:
            ax.bar(list(clicks.index), clicks.to_numpy())

    best = clicks.idxmax()
    return _chart(draw, title=f"Link clicks per month: {best} was the best",
                  xlabel="Month (2025)", ylabel="Link clicks",
                  alt=f"Bar chart of link clicks per month in 2025: {best} is highest with "
                      f"{clicks.max():,.0f}.")


q9 = JudgedExercise(
    variable="clicks_chart",
    judge=_clicks_judge,
    form=_chart_form("clicks_chart"),
    kind="chart",
    tier="warm-up",
    hints=(_("q9_hint1"), _("q9_hint2")),
    right=(Variant(_clicks_chart, "bars, January to December"),
           Variant(lambda d: _clicks_chart(d, line=True), "a line over month numbers"),
           Variant(lambda d: _clicks_chart(d, labels=("Gen", "Feb", "Mar", "Apr", "Mag", "Giu",
                                                      "Lug", "Ago", "Set", "Ott", "Nov",
                                                      "Dic")), "Italian month names")),
    wrong=(Variant(lambda d: _clicks_chart(d, pie=True), "still a pie", says="Still a pie"),
           Variant(lambda d: _clicks_chart(d, sort=True), "sorted by size",
                   says="out of order"),
           Variant(lambda d: _clicks_chart(d, labels=MONTHS[::-1]),
                   "values under the wrong months", says="tallest bar")),
)


__all__ = LESSON.bind(globals())
