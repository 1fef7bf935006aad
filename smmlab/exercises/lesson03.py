"""Lesson 03: Visual thinking.

In the notebook: ``from smmlab.exercises.lesson03 import *`` gives ``setup``,
``q1`` ... ``q9``, ``check_all``, ``chart_facts`` and the ``____`` placeholder.

What the learner finds in their own data: a pie of six platforms hides the order
a sorted bar shows at a glance; TikTok's followers grew by a number worth writing
on the chart; small multiples on one scale show where new followers come from;
and the agency's year-end slides mislead three ways (a truncated axis that turns
a few per cent into "soared", dual axes that make ad spend and new followers
look linked, a pie with twelve slices).

How chart checks survive the grader
-----------------------------------
The grader rebuilds a chart from plain data (:func:`smmlab.grading.answers.describe_figure`):
title, axis labels, alt text, the bars or the first line. Annotations, axis
limits, panels and twin axes are lost. So each chart exercise here has a
companion variable made by :func:`chart_facts` in the same cell (one row per
panel: titles, labels, axis limits, texts, lines, bars, slices): a plain table
that travels to the grader. The checks read the chart the way the grader does
(the figure is described and rebuilt first, in the notebook too) and read
everything else from the facts, so a notebook check and a graded check always
agree. The key numbers are also asked as plain values (``tiktok_growth``,
``real_change``) and the chart choice as a decision.

Examples
--------
>>> from smmlab.exercises import lesson03
>>> data = lesson03.setup(quiet=True)
>>> growth = lesson03.tiktok_growth(data)
>>> lesson03.q2.check_answers({"tiktok_growth": growth}, data).correct
True
>>> lesson03.q2.check_answers({"tiktok_growth": growth * 100}, data).mistake
'percent'
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises._messages import text as engine_text
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.compare import describe
from smmlab.exercises.core import (
    PLACEHOLDER,
    CourseData,
    Lesson,
    Mistake,
    Outcome,
    Result,
    is_placeholder,
)
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    ValueExercise,
)

#: The actions counted as engagements (as in lessons 00 to 02).
ACTIONS = ("likes", "comments", "shares", "saves")
#: Month labels, January first (fixed English abbreviations, whatever the computer's locale).
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Exercises 2 and 3 tell the year of this platform in one number.
STORY_PLATFORM = "TikTok"
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
#: The columns of :func:`chart_facts`, one row per panel.
FACT_COLUMNS = ("panel", "title", "xlabel", "ylabel", "x_from", "x_to", "y_from", "y_to",
                "lines", "bars", "horizontal", "slices", "points", "y_max", "looks", "texts",
                "twin", "figure_title", "figure_xlabel", "figure_ylabel")
_TEXT_FACTS = ("title", "xlabel", "ylabel", "texts", "figure_title", "figure_xlabel",
               "figure_ylabel")
_NUMBER_FACTS = ("panel", "x_from", "x_to", "y_from", "y_to", "lines", "bars", "slices",
                 "points", "y_max", "looks")
_FLAG_FACTS = ("horizontal", "twin")
#: Checks the engine's ChartExercise makes: data, title, x label, y label, alt text.
_BASE_CHECKS = 5

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
            "q1_bar": "With only {n} parts a pie is fine too, but bars work for any number.",
            # q2: the one number
            "q2_hint1": "Growth = (last day's followers - first day's followers) ÷ first day's "
                        "followers. tiktok is in date order: .iloc[0] is the first row and "
                        ".iloc[-1] the last.",
            "q2_hint2": "tiktok_growth = tiktok[\"followers\"].iloc[-1] / "
                        "tiktok[\"followers\"].iloc[0] - 1",
            "q2_gained": "That is the number of followers gained. A slide needs the growth as a "
                         "share of where you started: divide the gain by the first day's "
                         "followers.",
            "q2_ratio": "That is last ÷ first: how many times the followers were multiplied. "
                        "The growth is that minus 1 (2.5 times means +150 %).",
            "q2_by_end": "You divided the gain by the last day's followers. Growth is measured "
                         "from where you started: divide by the first day's.",
            "q2_percent": "That looks like a percentage. In this course rates are fractions "
                          "(+150 % is written 1.5); the chart shows it as a percentage with "
                          ":.0%. Drop the * 100.",
            "q2_month_ends": "You started from the end of January. The year starts on its first "
                             "day: use the first row of the daily table, not the monthly "
                             "numbers.",
            # q3: annotate the number
            "q3_hint1": "Plot month_end as a line (one point per month), then write the growth "
                        "next to December's point with ax.annotate(text, xy=(12, "
                        "month_end.iloc[-1]), xytext=(-10, 10), textcoords=\"offset points\", "
                        "ha=\"right\").",
            "q3_hint2": "The text is f\"{{tiktok_growth:+.0%}} in 2025\". Put the number in "
                        "the title and the alt text too, e.g. f\"TikTok followers "
                        "{{tiktok_growth:+.0%}} in 2025\".",
            "q3_no_text": "Write the one number that matters on the chart itself, next to the "
                          "point it is about: ax.annotate(f\"{{tiktok_growth:+.0%}} in 2025\", "
                          "xy=(12, month_end.iloc[-1]), ...).",
            "q3_wrong_text": "Your chart says {texts!r}, but not the year's growth, {growth:+.0%}. "
                             "Annotate that number.",
            "q3_alt_number": "Put the number in the alt text too ({growth:+.0%}): people who "
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
                         "name; I found panels titled {found}.",
            "q4_panel_data": "These panels do not show their platform's new followers per month "
                             "(12 months): {platforms}.",
            "q4_own_scale": "The panels have different y scales, so a small platform looks as "
                            "big as a large one. Use plt.subplots(..., sharey=True) to compare "
                            "them honestly.",
            "q4_no_suptitle": "Give the whole figure a title that says what the panels show: "
                              "panels_chart.suptitle(\"...\").",
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
            "q5_vague": "For the {what} chart your function returned {got!r}. Alt text that only "
                        "says \"chart\" tells a screen-reader user nothing: say what the bars "
                        "show, the highest and the lowest, with their numbers.",
            "q5_no_bar": "For the {what} chart, say what kind of chart it is: start with "
                         "\"Bar chart of ...\".",
            "q5_no_what": "For the {what} chart, say what the bars count: the text should "
                          "mention {what!r} (the function's second input).",
            "q5_no_top": "For the {what} chart, name the highest bar with its value: {label} "
                         "({value:,}).",
            "q5_no_bottom": "For the {what} chart, name the lowest bar with its value: {label} "
                            "({value:,}).",
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
                        "ax.set_ylim(bottom=0); then a title with the real change, axis labels "
                        "and viz.set_alt_text(honest_chart, ...).",
            "q7_truncated": "Your y axis does not start at zero. People read a bar's height as "
                            "its size, so a cut axis turns a change of a few per cent into one "
                            "that looks several times bigger. Start bars at zero: "
                            "ax.set_ylim(bottom=0).",
            "q7_truncated_detail": "It starts at {start:.4g}.",
            # q8: one scale instead of two
            "q8_hint1": "Index each series to January: divide it by its January value and "
                        "multiply by 100. Both start at 100, so one y axis fits both and "
                        "140 means +40 % since January.",
            "q8_hint2": "spend_index = spend / spend.iloc[0] * 100; followers_index = "
                        "new_followers / new_followers.iloc[0] * 100; then one_scale_chart, ax "
                        "= plt.subplots(), ax.plot(...) twice (spend first) with "
                        "marker=\"o\" and marker=\"s\", ax.legend(), title, labels, alt text.",
            "q8_dual": "The chart still has two y axes. With two scales the chart-maker decides "
                       "where each line sits, so any two series can be made to look as if they "
                       "move together. Index both to January = 100 and draw them on one axis.",
            "q8_raw": "Your first line is the spend itself, in money. Divide each series by its "
                      "January value and multiply by 100, so both start at 100 and share one "
                      "scale.",
            "q8_two_lines": "Draw both indexed series on the one axis: the spend first, then the "
                            "new followers.",
            "q8_colour_alone": "Your two lines differ only by colour. Give them different "
                               "markers or line styles (marker=\"o\", marker=\"s\") or write "
                               "their names next to them, so the chart works in black and "
                               "white and for colour-blind readers.",
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
    """Posts of 2025 on each platform, most first (exercise 1's pie)."""
    counts = posts_table(data)["platform"].astype(str).value_counts()
    return counts.sort_values(ascending=False, kind="stable")


def story_daily(data: CourseData) -> pd.DataFrame:
    """The daily account rows of :data:`STORY_PLATFORM`, in date order."""
    daily = data.account_daily
    return daily[daily["platform"] == STORY_PLATFORM].sort_values("date")


def tiktok_growth(data: CourseData) -> float:
    """Followers on the last day ÷ followers on the first day - 1 (a fraction).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> round(tiktok_growth(load_course_data()), 3)
    1.94
    """
    followers = story_daily(data)["followers"]
    return float(followers.iloc[-1] / followers.iloc[0] - 1)


def month_end_followers(data: CourseData) -> pd.Series:
    """Followers of :data:`STORY_PLATFORM` on the last day of each month (12 values)."""
    daily = story_daily(data)
    return daily.groupby(daily["date"].dt.month)["followers"].last().astype(float)


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
    """Q4's median rate ÷ Q3's - 1: the change the agency's chart exaggerates."""
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
    """Link clicks per month, labelled ``Jan`` to ``Dec`` (the agency's twelve-slice pie)."""
    clicks = posts_table(data).groupby("month")["link_clicks"].sum()
    clicks = clicks.reindex(range(1, 13), fill_value=0)
    return pd.Series(clicks.to_numpy(dtype=float), index=list(MONTHS))


# --------------------------------------------------------------------------------------------
# Reading a chart back as plain data
# --------------------------------------------------------------------------------------------


def chart_facts(fig: Any) -> pd.DataFrame:
    """Read a chart back as a table: one row per panel (a set of axes with something drawn).

    Columns: the panel's ``title``, ``xlabel`` and ``ylabel``; where its axes
    start and end (``x_from``, ``x_to``, ``y_from``, ``y_to``); how many
    ``lines`` (of 3 points or more), ``bars`` and pie ``slices`` it has,
    whether the bars are ``horizontal``, the number of ``points`` of its first
    line (or of bars), the highest value drawn (``y_max``), how many line
    ``looks`` (line style and marker pairs) tell its lines apart, the ``texts``
    written on it, whether it is a ``twin`` (a second y axis on the same spot),
    and the figure's own title and axis labels.

    This is what the lesson's checks read, and what the grader receives: a
    table of plain values, never the chart itself.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar(["Q3", "Q4"], [0.038, 0.041])
    >>> _ = ax.set_ylim(0.036, 0.042)
    >>> _ = ax.annotate("+7 %", xy=(1, 0.041))
    >>> facts = chart_facts(fig)
    >>> row = facts.iloc[0]
    >>> int(row["bars"]), float(row["y_from"]), row["texts"], bool(row["twin"])
    (2, 0.036, '+7 %', False)
    >>> plt.close(fig)
    >>> chart_facts(PLACEHOLDER) is PLACEHOLDER
    True
    """
    if is_placeholder(fig):
        return PLACEHOLDER
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle, Wedge

    if not isinstance(fig, Figure):
        return pd.DataFrame(columns=list(FACT_COLUMNS))
    panels = [ax for ax in fig.axes if ax.has_data()]
    boxes = [np.asarray(ax.get_position().bounds, dtype=float) for ax in panels]
    rows = []
    for i, ax in enumerate(panels):
        lines = [ln for ln in ax.lines if np.size(ln.get_ydata()) >= 3]
        bars = [p for p in ax.patches if isinstance(p, Rectangle)]
        slices = [p for p in ax.patches if isinstance(p, Wedge)]
        horizontal = len(bars) > 1 and len({round(b.get_x(), 9) for b in bars}) == 1
        drawn = [np.asarray(ln.get_ydata(), dtype=float) for ln in lines]
        drawn += [np.asarray([b.get_x() + b.get_width() if horizontal else b.get_y()
                              + b.get_height() for b in bars], dtype=float)]
        values = np.concatenate(drawn) if drawn else np.asarray([], dtype=float)
        values = values[np.isfinite(values)]
        x_from, x_to = ax.get_xlim()
        y_from, y_to = ax.get_ylim()
        rows.append({
            "panel": i + 1,
            "title": ax.get_title() or ax.get_title("left"),
            "xlabel": ax.get_xlabel(),
            "ylabel": ax.get_ylabel(),
            "x_from": float(x_from),
            "x_to": float(x_to),
            "y_from": float(y_from),
            "y_to": float(y_to),
            "lines": len(lines),
            "bars": len(bars),
            "horizontal": bool(horizontal),
            "slices": len(slices),
            "points": int(np.size(lines[0].get_ydata())) if lines else len(bars),
            "y_max": float(values.max()) if values.size else float("nan"),
            "looks": len({(str(ln.get_linestyle()), str(ln.get_marker())) for ln in lines}),
            "texts": " | ".join(t.get_text().strip() for t in ax.texts
                                if t.get_visible() and t.get_text().strip()),
            "twin": any(j != i and np.allclose(boxes[i], boxes[j]) for j in range(len(panels))),
            "figure_title": fig.get_suptitle(),
            "figure_xlabel": fig.get_supxlabel(),
            "figure_ylabel": fig.get_supylabel(),
        })
    return pd.DataFrame(rows, columns=list(FACT_COLUMNS))


def _read_facts(value: Any, fig: Any) -> pd.DataFrame:
    """The facts as typed columns: from the companion table, else read from the figure."""
    if isinstance(value, pd.DataFrame) and set(FACT_COLUMNS) <= set(value.columns):
        facts = value.reset_index(drop=True).copy()
    else:
        facts = chart_facts(fig)
        if not isinstance(facts, pd.DataFrame):
            facts = pd.DataFrame(columns=list(FACT_COLUMNS))
    for column in _TEXT_FACTS:
        facts[column] = [("" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))
                         for v in facts[column]]
    for column in _NUMBER_FACTS:
        facts[column] = pd.to_numeric(facts[column], errors="coerce").astype(float)
    for column in _FLAG_FACTS:
        facts[column] = [v is True or str(v).strip().casefold() == "true" or v == 1
                         for v in facts[column]]
    return facts


def _alt(fig: Any) -> str:
    from smmlab.viz import alt

    return str(getattr(fig, alt.ATTRIBUTE, "") or "").strip()


_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")


def mentions_percent(text: str, fraction: float, tolerance: float = 0.5) -> bool:
    """True if ``text`` writes ``fraction`` as a percentage (rounded to a whole number is fine).

    Examples
    --------
    >>> mentions_percent("TikTok followers: +195 % in 2025", 1.948)
    True
    >>> mentions_percent("up 6,8 %", 0.068), mentions_percent("up 2x", 1.0)
    (True, False)
    """
    target = abs(float(fraction)) * 100
    for found in _NUMBER.findall(str(text)):
        if abs(float(found.replace(",", ".")) - target) <= tolerance + 1e-9:
            return True
    return False


def mentions_count(text: str, value: float) -> bool:
    """True if ``text`` writes the whole number ``value``, with or without thousands separators.

    Examples
    --------
    >>> mentions_count("Facebook is highest with 1,234 posts", 1234)
    True
    >>> mentions_count("1.234 post", 1234), mentions_count("21,234 posts", 1234)
    (True, False)
    """
    number = int(round(float(value)))
    plain = str(abs(number))
    grouped = f"{abs(number):,}"
    forms = {plain, grouped, grouped.replace(",", "."), grouped.replace(",", " "),
             grouped.replace(",", "\u202f"), grouped.replace(",", "\u00a0"),
             grouped.replace(",", "'")}
    for form in forms:
        pattern = rf"(?<![\d.,'\u202f\u00a0]){re.escape(form)}(?!\d|[.,'\u202f\u00a0 ]\d{{3}})"
        if re.search(pattern, str(text)):
            return True
    return False


def _names(text: str, label: str) -> bool:
    """True if ``label`` appears in ``text`` as a word (so "X" is not found in "next")."""
    return re.search(rf"(?<!\w){re.escape(str(label))}(?!\w)", str(text), re.IGNORECASE) \
        is not None


def informative_alt(alt: str) -> bool:
    """True if alt text is more than a label: at least a few words and a number.

    Examples
    --------
    >>> informative_alt("Chart"), informative_alt("Bar chart of posts: Instagram leads with 40.")
    (False, True)
    """
    return len(str(alt).split()) >= MIN_ALT_WORDS and re.search(r"\d", str(alt)) is not None


# --------------------------------------------------------------------------------------------
# Chart exercises that check more than the engine's five points
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Check:
    """One extra check of a chart: passed or not, what to say, and the mistake it names.

    ``counts=False`` is a note: it names a mistake without adding to the score's checks.
    """

    ok: bool
    message: str | None = None
    mistake: str | None = None
    counts: bool = True


class _FactsChart(ChartExercise):
    """A chart exercise that also reads the chart's facts (:func:`chart_facts`).

    The engine's :class:`ChartExercise` checks the data, title, axis labels and
    alt text (five points). This subclass first reduces the learner's figure to
    what the grader keeps (:func:`~smmlab.grading.answers.describe_figure`),
    filling a missing title or axis label from the figure-level or other panels'
    labels in the facts, then calls the engine's check on it, and adds its own
    checks read from the facts. Every check is one point: partial credit stays.
    """

    def __init__(self, name: str, *, facts: str, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.facts_variable = facts
        self.variables = (self.variable, facts)

    def check_answers(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        answers = self._with_facts(answers)
        return self._only_the_chart(super().check_answers(answers, data), answers)

    def public_check(self, answers: Mapping[str, Any]) -> Result:
        answers = self._with_facts(answers)
        return self._only_the_chart(super().public_check(answers), answers)

    def _with_facts(self, answers: Mapping[str, Any]) -> Mapping[str, Any]:
        """No facts line (deleted, or a caller that passes the chart only): read the chart."""
        if self.facts_variable not in answers and self.variable in answers:
            return {**answers, self.facts_variable: chart_facts(answers[self.variable])}
        return answers

    def _only_the_chart(self, result: Result, answers: Mapping[str, Any]) -> Result:
        """"Not attempted" names the chart only: the learner never types the facts line."""
        if result.outcome is Outcome.NOT_ATTEMPTED and is_placeholder(
                answers.get(self.variable)):
            return Result(self.name, Outcome.NOT_ATTEMPTED,
                          engine_text("not_attempted", variables=self.variable))
        return result

    def extra_checks(self, fig: Any, facts: pd.DataFrame, spec: Mapping[str, Any],
                     data: CourseData) -> list[Check]:
        """The lesson's own checks (subclasses add theirs to the alt text check)."""
        alt = _alt(fig)
        ok = not alt or informative_alt(alt)
        message = None if ok else " ".join((_("alt_vague"), _("alt_vague_detail", alt=alt)))
        return [Check(ok, message, None if ok else "vague_alt")]

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        from matplotlib.figure import Figure

        from smmlab.grading.answers import describe_figure, rebuild_figure

        fig = answers[self.variable]
        if not isinstance(fig, Figure):
            return super().evaluate(answers, data)
        facts = _read_facts(answers.get(self.facts_variable), fig)
        spec = describe_figure(fig)
        for key, column in (("title", "title"), ("xlabel", "xlabel"), ("ylabel", "ylabel")):
            if not str(spec.get(key, "")).strip():
                found = [str(v) for v in [*facts[f"figure_{column}"], *facts[column]]
                         if str(v).strip()]
                spec[key] = found[0] if found else ""
        base = super().evaluate({**answers, self.variable: rebuild_figure(spec)}, data)
        return self._combine(base, self.extra_checks(fig, facts, spec, data))

    def _combine(self, base: Result, checks: Sequence[Check]) -> Result:
        counted = [c for c in checks if c.counts]
        base_points = _BASE_CHECKS if base.correct else base.score * _BASE_CHECKS
        score = (base_points + sum(c.ok for c in counted)) / (_BASE_CHECKS + len(counted))
        if base.correct and all(c.ok for c in checks):
            return Result(self.name, Outcome.CORRECT, engine_text("correct"), 1.0)
        failed = [c for c in checks if not c.ok and c.message]
        named = [c for c in failed if c.mistake]
        other = [c for c in failed if not c.mistake]
        mistake = named[0].mistake if named else None
        parts = [c.message for c in named]
        no_chart = engine_text("chart_no_axes", variable=self.variable)
        if not base.correct and not (mistake and base.message == no_chart):
            parts.append(base.message)
        parts += [c.message for c in other]
        return Result(self.name, Outcome.NOT_YET, " ".join(p for p in parts if p),
                      round(min(score, 0.99), 4), mistake)


def _plotted_sequence(spec: Mapping[str, Any]) -> np.ndarray:
    """The values the grader sees, in drawing order: the bars, else the first line."""
    if spec.get("bars"):
        return np.asarray([float(v) for _, v in spec["bars"]], dtype=float)
    if spec.get("line"):
        return np.asarray(spec["line"], dtype=float)
    return np.asarray([], dtype=float)


def _same_values(got: np.ndarray, want: np.ndarray, *, ordered: bool = True,
                 rel: float = 1e-3) -> bool:
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    if got.shape != want.shape:
        return False
    if not ordered:
        got, want = np.sort(got), np.sort(want)
    return bool(np.allclose(got, want, rtol=rel, atol=1e-9))


class _StoryChart(_FactsChart):
    """Exercise 3: the chart carries its one number, on the chart and in the alt text."""

    def extra_checks(self, fig, facts, spec, data):  # noqa: ANN001, ANN201 - base signature
        growth = tiktok_growth(data)
        texts = " | ".join(t for t in facts["texts"] if t)
        if not texts:
            on_chart = Check(False, _("q3_no_text"), "no_number")
        elif not mentions_percent(texts, growth):
            on_chart = Check(False, _("q3_wrong_text", texts=texts, growth=growth), "no_number")
        else:
            on_chart = Check(True)
        alt = _alt(fig)
        in_alt = Check(not alt or mentions_percent(alt, growth), _("q3_alt_number",
                                                                    growth=growth))
        return [on_chart, in_alt, *super().extra_checks(fig, facts, spec, data)]


def _panel_platform(title: str, platforms: Sequence[str]) -> str | None:
    words = {w.casefold() for w in re.findall(r"\w+", str(title))}
    found = [p for p in platforms if p.casefold() in words]
    return found[0] if len(found) == 1 else None


class _PanelChart(_FactsChart):
    """Exercise 4: one panel per platform, each with its own data, all on one y scale."""

    def extra_checks(self, fig, facts, spec, data):  # noqa: ANN001, ANN201 - base signature
        platforms = platforms_of(data)
        table = new_followers_by_month(data)
        named = {}
        for row in facts.itertuples():
            platform = _panel_platform(row.title, platforms)
            if platform is not None:
                named.setdefault(platform, row)
        checks = []
        if len(facts) == 1 and facts.loc[0, "lines"] >= 2:
            checks.append(Check(False, _("q4_colour_alone"), "colour_alone"))
        else:
            ok = len(facts) == len(platforms) and set(named) == set(platforms)
            found = [t for t in facts["title"]] or "none"
            checks.append(Check(ok, _("q4_panels", n=len(platforms), found=found)))
        wrong = [p for p in platforms if p in named and not (
            named[p].points == len(table) and np.isclose(named[p].y_max, table[p].max(),
                                                         rtol=1e-3))]
        checks.append(Check(len(named) == len(platforms) and not wrong,
                            _("q4_panel_data", platforms=", ".join(wrong)) if wrong else None))
        same = len(facts) > 0 and bool(np.allclose(facts["y_from"], facts["y_from"].iloc[0])
                                       and np.allclose(facts["y_to"], facts["y_to"].iloc[0]))
        checks.append(Check(same, _("q4_own_scale"), None if same else "own_scale"))
        titled = len(facts) > 0 and bool(facts.loc[0, "figure_title"].strip())
        checks.append(Check(titled, _("q4_no_suptitle")))
        return [*checks, *super().extra_checks(fig, facts, spec, data)]


class _HonestChart(_FactsChart):
    """Exercise 7: the same bars as the agency's, with the value axis starting at zero."""

    def extra_checks(self, fig, facts, spec, data):  # noqa: ANN001, ANN201 - base signature
        checks = []
        if len(facts):
            first = facts.iloc[0]
            start = first["x_from"] if first["horizontal"] else first["y_from"]
            ok = bool(start <= 1e-12)
            message = " ".join((_("q7_truncated"), _("q7_truncated_detail", start=start)))
            checks.append(Check(ok, message, None if ok else "truncated_axis"))
        else:
            checks.append(Check(False))
        return [*checks, *super().extra_checks(fig, facts, spec, data)]


class _OneScaleChart(_FactsChart):
    """Exercise 8: spend and new followers indexed to January = 100, on one y axis."""

    def extra_checks(self, fig, facts, spec, data):  # noqa: ANN001, ANN201 - base signature
        index = indexed_series(data)
        dual = len(facts) > 1 or bool(facts["twin"].any())
        checks = [Check(not dual, _("q8_dual"), "dual_axes" if dual else None)]
        line = _plotted_sequence(spec)
        if not dual and _same_values(line, spend_by_month(data).to_numpy(dtype=float)):
            checks.append(Check(False, _("q8_raw"), "raw_values", counts=False))
        first = facts.iloc[0] if len(facts) else None
        both = first is not None and first["lines"] >= 2 and bool(np.isclose(
            first["y_max"], float(index.to_numpy().max()), rtol=1e-3))
        checks.append(Check(both, _("q8_two_lines")))
        apart = first is not None and (first["looks"] >= 2 or len(
            [t for t in first["texts"].split(" | ") if t]) >= 2)
        checks.append(Check(apart, _("q8_colour_alone"), None if apart else "colour_alone"))
        return [*checks, *super().extra_checks(fig, facts, spec, data)]


class _CalendarChart(_FactsChart):
    """Exercise 9: the twelve months as bars (or a line) in calendar order, not a pie."""

    def extra_checks(self, fig, facts, spec, data):  # noqa: ANN001, ANN201 - base signature
        pie = bool((facts["slices"] > 0).any())
        checks = [Check(not pie, _("q9_pie"), "pie" if pie else None)]
        want = clicks_by_month(data).to_numpy(dtype=float)
        got = _plotted_sequence(spec)
        in_order = _same_values(got, want)
        shuffled = not in_order and _same_values(got, want, ordered=False)
        checks.append(Check(in_order, _("q9_sorted") if shuffled else None,
                            "sorted" if shuffled else None))
        return [*checks, *super().extra_checks(fig, facts, spec, data)]


# --------------------------------------------------------------------------------------------
# Exercise 1 (warm-up): pie or bar?
# --------------------------------------------------------------------------------------------


def _share_call(data: CourseData) -> str:
    return PIE if len(posts_per_platform(data)) <= MAX_PIE_SLICES else BAR


def _share_why(data: CourseData) -> dict[str, str]:
    counts = posts_per_platform(data)
    shares = counts / counts.sum()
    second = shares.index[1] if len(shares) > 1 else shares.index[0]
    return {
        PIE: _("q1_pie", n=len(counts), first=shares.index[0], first_share=shares.iloc[0],
               second=second, second_share=shares[second]),
        LINE: _("q1_line"),
        BAR: _("q1_bar", n=len(counts)),
    }


class _ChartChoice(DecisionExercise):
    """Pie or bar, from the number of parts in the learner's data; reasons quote their shares.

    With three parts or fewer a pie is the expected call and bars are fine too.
    """

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        result = super().evaluate(answers, data)
        if result.outcome is not Outcome.NOT_YET or result.mistake is None:
            return result
        choice = result.mistake
        if choice == BAR:  # only reachable with few parts, when the pie is the expected call
            return Result(self.name, Outcome.CORRECT, _("q1_bar", n=len(
                posts_per_platform(data))), 1.0)
        why = data.cached(("lesson03", "q1_why"), _share_why)[choice]
        return Result(self.name, Outcome.NOT_YET, engine_text(
            "choice_wrong", variable=self.variable, got=answers[self.variable], why=why),
            0.0, choice)


q1 = _ChartChoice(
    "q1",
    variable="share_chart",
    choices=(PIE, BAR, LINE),
    expected=_share_call,
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
)


# --------------------------------------------------------------------------------------------
# Exercises 2 and 3 (core): the one number that matters, and the chart that carries it
# --------------------------------------------------------------------------------------------


def _followers_first_last(data: CourseData) -> tuple[float, float]:
    followers = story_daily(data)["followers"]
    return float(followers.iloc[0]), float(followers.iloc[-1])


q2 = ValueExercise(
    "q2",
    variable="tiktok_growth",
    expected=tiktok_growth,
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("percent", lambda d: tiktok_growth(d) * 100, _("q2_percent")),
        Mistake("gained", lambda d: _followers_first_last(d)[1] - _followers_first_last(d)[0],
                _("q2_gained")),
        Mistake("ratio", lambda d: _followers_first_last(d)[1] / _followers_first_last(d)[0],
                _("q2_ratio")),
        Mistake("by_end", lambda d: 1 - _followers_first_last(d)[0] / _followers_first_last(d)[1],
                _("q2_by_end")),
        Mistake("month_ends", lambda d: float(month_end_followers(d).iloc[-1]
                                              / month_end_followers(d).iloc[0] - 1),
                _("q2_month_ends")),
    ),
)


def _new_figure() -> tuple[Any, Any]:
    """A figure outside pyplot, for the wrong charts the tests feed to the checks."""
    from matplotlib.figure import Figure

    fig = Figure()
    return fig, fig.add_subplot()


def _set_alt(fig: Any, words: str) -> Any:
    from smmlab.viz import set_alt_text

    set_alt_text(fig, words)
    return fig


def _story_without_number(data: CourseData) -> Any:
    """The mistake: a clean line chart, but the number that matters is nowhere on it."""
    month_end = month_end_followers(data)
    fig, ax = _new_figure()
    ax.plot(month_end.index, month_end)
    ax.set(title=f"{STORY_PLATFORM} followers in 2025", xlabel="Month",
           ylabel="Followers at month end")
    return _set_alt(fig, f"Line chart of {STORY_PLATFORM} followers at the end of each month "
                         f"of 2025, rising every month to {int(month_end.iloc[-1]):,}.")


q3 = _StoryChart(
    "q3",
    variable="story_chart",
    facts="story_facts",
    expected=month_end_followers,
    title_words=(STORY_PLATFORM,),
    hints=(_("q3_hint1"), _("q3_hint2")),
    mistakes=(Mistake("no_number", _story_without_number, _("q3_no_text")),),
)


# --------------------------------------------------------------------------------------------
# Exercise 4 (core): small multiples
# --------------------------------------------------------------------------------------------


def _one_tangled_chart(data: CourseData) -> Any:
    """The mistake: every platform on one chart, the lines told apart by colour alone."""
    table = new_followers_by_month(data)
    fig, ax = _new_figure()
    for platform in table.columns:
        ax.plot(table.index, table[platform], linestyle="-", label=platform)
    ax.legend()
    ax.set(title="New followers per month", xlabel="Month", ylabel="New followers")
    return _set_alt(fig, f"Line chart of new followers per month on {len(table.columns)} "
                         f"platforms, one line each, in 2025.")


def _own_scale_panels(data: CourseData) -> Any:
    """The mistake: one panel per platform, but each with its own y scale."""
    from matplotlib.figure import Figure

    table = new_followers_by_month(data)
    fig = Figure(figsize=(10, 5.5))
    axes = fig.subplots(2, 3, sharex=True, sharey=False)
    for ax, platform in zip(axes.flat, table.columns, strict=False):
        ax.plot(table.index, table[platform])
        ax.set(title=platform, xlabel="Month", ylabel="New followers")
    fig.suptitle("New followers per month, by platform")
    return _set_alt(fig, f"Six line charts of new followers per month in 2025, one per "
                         f"platform, each on its own scale; the highest month has "
                         f"{int(table.to_numpy().max()):,}.")


q4 = _PanelChart(
    "q4",
    variable="panels_chart",
    facts="panel_facts",
    expected=lambda d: new_followers_by_month(d)[platforms_of(d)[0]],
    hints=(_("q4_hint1"), _("q4_hint2")),
    mistakes=(Mistake("colour_alone", _one_tangled_chart, _("q4_colour_alone")),
              Mistake("own_scale", _own_scale_panels, _("q4_own_scale"))),
)


# --------------------------------------------------------------------------------------------
# Exercise 5 (stretch): a function that writes alt text
# --------------------------------------------------------------------------------------------


def _labelled(values: pd.Series, name: str) -> pd.Series:
    out = pd.Series(np.asarray(values, dtype="int64"), index=[str(i) for i in values.index])
    out.index.name = name
    return out


def _alt_cases(data: CourseData) -> list[tuple[tuple, dict[str, Any]]]:
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
        top, bottom = series.max(), series.min()
        want = {"what": what,
                "top": [str(k) for k, v in series.items() if v == top], "top_value": int(top),
                "bottom": [str(k) for k, v in series.items() if v == bottom],
                "bottom_value": int(bottom)}
        cases.append(((series, what), want))
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


class _AltFunction(FunctionExercise):
    """A function that returns alt text, checked on what the text says for each case.

    Each case is called exactly once and in order (the grader replays the
    learner's recorded results in that order). Partial credit per case.
    """

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        fn = answers[self.variable]
        if not callable(fn):
            return super().evaluate(answers, data)
        cases = self.expected(data)
        passed, problems, outputs = 0, [], []
        for index, (args, want) in enumerate(cases):
            try:
                got = fn(*args)
            except Exception as err:  # the learner's code: any error becomes feedback
                problems.append(engine_text("function_raised", variable=self.variable,
                                            args=f"values, {want['what']!r}",
                                            error=type(err).__name__, detail=err))
                continue
            if index == 0 and is_placeholder(got):
                return Result(self.name, Outcome.NOT_ATTEMPTED,
                              engine_text("not_attempted", variables=self.variable))
            outputs.append(got)
            problem = _alt_problem(got, want)
            if problem is None:
                passed += 1
            else:
                problems.append(problem)
        if passed == len(cases):
            return Result(self.name, Outcome.CORRECT, engine_text("correct"), 1.0)
        vague = bool(outputs) and all(isinstance(o, str) and not informative_alt(o)
                                      for o in outputs)
        return Result(self.name, Outcome.NOT_YET, problems[0] if problems else "",
                      passed / len(cases) if cases else 0.0, "vague_alt" if vague else None)


def _alt_problem(got: Any, want: Mapping[str, Any]) -> str | None:
    what = want["what"]
    if not isinstance(got, str):
        return _("q5_not_text", what=what, got=describe(got))
    if not informative_alt(got):
        return _("q5_vague", what=what, got=got)
    if not re.search(r"\bbar", got, re.IGNORECASE):
        return _("q5_no_bar", what=what)
    if what.casefold() not in got.casefold():
        return _("q5_no_what", what=what)
    if not (any(_names(got, label) for label in want["top"])
            and mentions_count(got, want["top_value"])):
        return _("q5_no_top", what=what, label=want["top"][0], value=want["top_value"])
    if not (any(_names(got, label) for label in want["bottom"])
            and mentions_count(got, want["bottom_value"])):
        return _("q5_no_bottom", what=what, label=want["bottom"][0],
                 value=want["bottom_value"])
    return None


def _says_chart(data: CourseData) -> Callable[[pd.Series, str], str]:
    """The mistake: alt text that only says "chart"."""
    def alt_for_bars(values: pd.Series, what: str) -> str:
        return "Bar chart"

    return alt_for_bars


q5 = _AltFunction(
    "q5",
    variable="alt_for_bars",
    cases=_alt_cases,
    tier="stretch",
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(Mistake("vague_alt", _says_chart, _("q5_vague", what="posts", got="Bar chart")),),
)


# --------------------------------------------------------------------------------------------
# Exercises 6 and 7: the truncated axis
# --------------------------------------------------------------------------------------------


def _apparent_change(data: CourseData) -> float:
    rates, bottom = quarter_rates(data), agency_bottom(data)
    return float((rates["Q4"] - bottom) / (rates["Q3"] - bottom) - 1)


def _bottom_message(data: CourseData) -> str:
    return f"{_('q6_apparent')} {_('q6_apparent_detail', bottom=agency_bottom(data))}"


class _ChangeValue(ValueExercise):
    """The real change; the "apparent change" message quotes where the agency's axis starts."""

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        result = super().evaluate(answers, data)
        if result.mistake == "apparent":
            return dataclasses.replace(result, message=_bottom_message(data))
        return result


q6 = _ChangeValue(
    "q6",
    variable="real_change",
    expected=real_change,
    tier="warm-up",
    hints=(_("q6_hint1"), _("q6_hint2")),
    mistakes=(
        Mistake("apparent", _apparent_change, _("q6_apparent")),
        Mistake("points", lambda d: float(quarter_rates(d)["Q4"] - quarter_rates(d)["Q3"]),
                _("q6_points")),
        Mistake("ratio", lambda d: float(quarter_rates(d)["Q4"] / quarter_rates(d)["Q3"]),
                _("q6_ratio")),
        Mistake("reversed", lambda d: float(1 - quarter_rates(d)["Q3"] / quarter_rates(d)["Q4"]),
                _("q6_reversed")),
        Mistake("percent", lambda d: real_change(d) * 100, _("q6_percent")),
    ),
)


def _agency_bars(data: CourseData) -> Any:
    """The mistake: the agency's chart, axis still cut just below the smaller bar."""
    rates = quarter_rates(data)
    fig, ax = _new_figure()
    ax.bar(list(rates.index), rates.to_numpy())
    ax.set_ylim(agency_bottom(data), rates.max() * 1.02)
    ax.set(title="Engagement rate, Q3 and Q4", xlabel="Quarter (2025)",
           ylabel="Median engagement rate by reach")
    return _set_alt(fig, f"Bar chart of the median engagement rate per post: Q3 "
                         f"{rates['Q3']:.1%}, Q4 {rates['Q4']:.1%}.")


q7 = _HonestChart(
    "q7",
    variable="honest_chart",
    facts="honest_facts",
    expected=quarter_rates,
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(Mistake("truncated_axis", _agency_bars, _("q7_truncated")),),
)


# --------------------------------------------------------------------------------------------
# Exercise 8 (core): one scale instead of two
# --------------------------------------------------------------------------------------------


def _dual_axes(data: CourseData) -> Any:
    """The mistake: the agency's two y axes, kept."""
    spend, followers = spend_by_month(data), total_new_followers_by_month(data)
    fig, ax = _new_figure()
    ax.plot(spend.index, spend, marker="o")
    right = ax.twinx()
    right.plot(followers.index, followers, marker="s", linestyle="--")
    ax.set(title="Ad spend and new followers", xlabel="Month", ylabel="Ad spend")
    right.set_ylabel("New followers")
    return _set_alt(fig, f"Line chart of ad spend and new followers per month in 2025 on two "
                         f"y axes; spend peaks at {int(spend.max()):,}.")


def _colour_only_index(data: CourseData) -> Any:
    """The mistake: both indexed lines on one axis, told apart by colour alone."""
    index = indexed_series(data)
    fig, ax = _new_figure()
    for column in index.columns:
        ax.plot(index.index, index[column], linestyle="-", marker="", label=column)
    ax.legend()
    ax.set(title="Spend and new followers, January = 100", xlabel="Month",
           ylabel="Index (January = 100)")
    return _set_alt(fig, f"Line chart of ad spend and new followers, both indexed to January "
                         f"= 100; the highest value is {index.to_numpy().max():.0f}.")


q8 = _OneScaleChart(
    "q8",
    variable="one_scale_chart",
    facts="one_scale_facts",
    expected=lambda d: indexed_series(d)["spend"],
    hints=(_("q8_hint1"), _("q8_hint2")),
    mistakes=(Mistake("dual_axes", _dual_axes, _("q8_dual")),
              Mistake("colour_alone", _colour_only_index, _("q8_colour_alone"))),
)


# --------------------------------------------------------------------------------------------
# Exercise 9 (warm-up): twelve slices
# --------------------------------------------------------------------------------------------


def _twelve_slices(data: CourseData) -> Any:
    """The mistake: the pie again."""
    clicks = clicks_by_month(data)
    fig, ax = _new_figure()
    ax.pie(clicks.to_numpy(), labels=list(clicks.index))
    ax.set(title="Link clicks by month", xlabel="Month", ylabel="Share of link clicks")
    return _set_alt(fig, f"Pie chart of link clicks by month in 2025, twelve slices; the "
                         f"largest is {int(clicks.max()):,}.")


def _sorted_bars(data: CourseData) -> Any:
    """The mistake: bars sorted by size, so the months lose their order."""
    clicks = clicks_by_month(data).sort_values(ascending=False)
    fig, ax = _new_figure()
    ax.bar(list(clicks.index), clicks.to_numpy())
    ax.set(title="Link clicks by month", xlabel="Month", ylabel="Link clicks")
    return _set_alt(fig, f"Bar chart of link clicks per month in 2025, largest first: "
                         f"{clicks.index[0]} with {int(clicks.iloc[0]):,}.")


q9 = _CalendarChart(
    "q9",
    variable="clicks_chart",
    facts="clicks_facts",
    expected=clicks_by_month,
    tier="warm-up",
    hints=(_("q9_hint1"), _("q9_hint2")),
    mistakes=(Mistake("pie", _twelve_slices, _("q9_pie")),
              Mistake("sorted", _sorted_bars, _("q9_sorted"))),
)

LESSON.add(q1, q2, q3, q4, q5, q6, q7, q8, q9)


setup = LESSON.setup


check_all = LESSON.check_all


____ = PLACEHOLDER
__all__ = ["____", "chart_facts", "check_all", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8",
           "q9", "setup"]
