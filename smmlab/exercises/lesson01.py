"""Lesson 01: Metrics that matter (optimisation, not colonisation).

In the notebook: ``from smmlab.exercises.lesson01 import *`` gives ``setup``,
``q1`` ... ``q12``, ``check_all`` and the ``____`` placeholder.

Every expected answer is recomputed from the learner's own data; the
benchmarks (Rival IQ, Buffer) and the other costs of exercise 10 are the only
fixed numbers, and the notebook states them. A typical post is the median of
the per-post rates (``metrics.TYPICAL_POST``), the month's rate their average
(``metrics.MONTH_RATE``); ROI is on gross profit, with the brand's own margin.

Examples
--------
>>> from smmlab.exercises import lesson01
>>> data = lesson01.setup(quiet=True)
>>> top = int(lesson01.month_posts(data, platform="Instagram")["reach"].max())
>>> lesson01.q2.check_answers({"at_least_people": top}, data).correct
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.business import margin
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant, swapped
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    ReflectionExercise,
    ValueExercise,
)
from smmlab.metrics import (
    MONTH_RATE,
    TYPICAL_POST,
    break_even_roas,
    cpm,
    engagement_rate,
    frequency,
    roas,
    roi,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The month the lesson reports on (October, as in lesson 00).
MONTH = 10
#: The platform the benchmark part of the lesson is about.
PLATFORM = "Instagram"
#: Rival IQ 2023 report (2022 data): all-industry median Instagram engagement rate by followers,
#: counting likes and comments only (no saves, no shares).
RIVAL_IQ_INSTAGRAM = 0.0047
#: The actions Rival IQ counts as engagements on Instagram.
RIVAL_IQ_ACTIONS = ("likes", "comments")
#: Buffer (2025): median Instagram engagement rate by impressions.
BUFFER_INSTAGRAM = 0.0116
#: October's content production and agency costs in exercise 10, in the brand's currency.
OTHER_COSTS = 1500.0
#: The three denominators of the engagement rate, in the order the lesson shows them.
DENOMINATORS = ("reach", "impressions", "followers")
#: The metrics learners sort into business and vanity metrics (exercise 11).
CANDIDATES = ("followers", "impressions", "likes", "reach", "conversions", "CPA", "ROAS",
              "revenue")
#: Those that measure the goal of exercise 11 (online sales).
BUSINESS = ("conversions", "CPA", "ROAS", "revenue")

MESSAGES = Catalog(
    {
        "en": {
            "title": "Metrics that matter",
            # q1 frequency
            "q1_hint1": "The frequency column of ig_october holds one frequency per post. Which "
                        "Excel function gives the average of a column?",
            "q1_hint2": "ig_october[\"frequency\"].mean(), or with smmlab: "
                        "frequency(ig_october, aggregate=\"per_post\").",
            "q1_summed": "You divided the month's impressions by the month's summed reach. Reach "
                         "does not add up (a person who saw 3 posts is counted 3 times), so this "
                         "is not a frequency per person. Average the per-post frequencies.",
            "q1_upside_down": "Frequency is impressions ÷ reach (it is 1 or more: each person "
                              "saw the post at least once). You divided reach by impressions.",
            # q2 at least how many people
            "q2_hint1": "Every person who saw the post with the biggest reach saw at least one "
                        "October post. Could fewer people than that have seen the posts?",
            "q2_hint2": "The largest reach of a single post: ig_october[\"reach\"].max() "
                        "(Excel: =MAX(...)).",
            "q2_summed": "That is the reach added up over the posts: a person who saw 3 posts is "
                         "counted 3 times. It is the most people the posts could have reached "
                         "(at most), not the fewest. The fewest is the biggest single post's "
                         "reach.",
            "q2_mean": "That is the average reach of a post. The biggest post alone reached more "
                       "people than that, so at least its reach saw the posts: use .max().",
            # q3 three rates
            "q3_hint1": "Use engagement_rate(instagram, by=..., aggregate=\"median\") three "
                        "times, once for each denominator, and put the three numbers in a "
                        "Series labelled \"reach\", \"impressions\" and \"followers\".",
            "q3_hint2": "ig_rates = pd.Series({{\"reach\": engagement_rate(instagram, "
                        "by=\"reach\", aggregate=\"median\"), \"impressions\": ..., "
                        "\"followers\": ...}})",
            "q3_totals": "Those are ratios of totals (aggregate=\"total\"), where the "
                         "biggest posts weigh most. A typical post is the median of the posts' "
                         "rates: aggregate=\"median\".",
            "q3_mean": "Those are averages of the posts' rates (aggregate=\"per_post\"): one "
                       "viral post, seen by many people who do not follow us, can pull the "
                       "average by followers far up. A typical post is the median: "
                       "aggregate=\"median\".",
            "q3_october": "Those are October's rates. The benchmarks cover a whole year: use the "
                          "instagram table (every Instagram post of 2025), not ig_october.",
            "q3_percent": "Those look like percentages. Keep the rates as fractions (0.045, not "
                          "4.5): drop the * 100. Charts and f-strings can show them as %.",
            # q4 chart
            "q4_hint1": "ax.bar(ig_rates.index, ig_rates) draws one bar per denominator. Then a "
                        "title, both axis labels and alt text, as in lesson 00.",
            "q4_hint2": "fig, ax = plt.subplots(); ax.bar(ig_rates.index, ig_rates); "
                        "ax.set_title(...); ax.set_xlabel(\"Divided by\"); "
                        "ax.set_ylabel(\"Engagement rate\"); viz.set_alt_text(fig, \"...\"). "
                        "ax.yaxis.set_major_formatter(PercentFormatter(1)) shows 0.045 as 4.5 %.",
            # q5 fair comparison
            "q5_hint1": "Count like Rival IQ: likes + comments on top, followers at the "
                        "bottom, for each Instagram post of 2025; take the median (a typical "
                        "post) and divide it by the benchmark.",
            "q5_hint2": "like_rival_iq = engagement_rate(instagram, by=\"followers\", "
                        "aggregate=\"median\", engagements=instagram[\"likes\"] + "
                        "instagram[\"comments\"]), then times_benchmark = like_rival_iq / "
                        "benchmarks[\"followers\"]",
            "q5_all_actions": "Close: you divided by followers, as Rival IQ does. But your "
                              "engagements also count saves and shares, which Rival IQ leaves "
                              "out, so your side of the comparison is a little flattered. Put "
                              "only likes + comments on top.",
            "q5_by_reach": "You compared your rate by reach with Rival IQ's rate by followers: "
                           "that is the flattering, unfair comparison. Compare like with like: "
                           "likes + comments by followers.",
            "q5_by_impressions": "You compared your rate by impressions with a rate by followers. "
                                 "Rival IQ divides by followers: do the same.",
            "q5_mean": "You took the average of the posts' rates. One viral post, seen by many "
                       "people who do not follow us, pulls the average by followers up: compare "
                       "a typical post, the median, with Rival IQ's median.",
            "q5_buffer": "That compares your rate by impressions with Buffer's median: a fair "
                         "comparison, but not the one asked. The question is about Rival IQ's "
                         "median, by followers.",
            "q5_upside_down": "You divided the benchmark by your rate. Put your rate on top: "
                              "ours / benchmark (above 1 means we do better).",
            "q5_in_percent": "Your rate is a fraction and Rival IQ's median is 0.0047 (0.47 %): "
                             "divide by 0.0047, not by 0.47.",
            # q6 typical post
            "q6_hint1": "A typical post is the post in the middle: half of the posts did "
                        "better, half worse, and one viral post does not move it. Which "
                        "aggregate takes the median of the per-post rates?",
            "q6_hint2": "engagement_rate(october, by=\"reach\", aggregate=\"median\")",
            "q6_total": "That is the ratio of the totals (aggregate=\"total\"): posts with a "
                        "big reach weigh more, and smmlab warned you that reach does not add "
                        "up. A typical post is the median of the per-post rates: "
                        "aggregate=\"median\".",
            "q6_mean": "That is the average of the per-post rates (aggregate=\"per_post\"): "
                       "the month's rate, the number lesson 00 reported. A post far from the "
                       "others pulls an average; a typical post is the median: "
                       "aggregate=\"median\".",
            "q6_followers": "You divided by followers. The question asks for the rate by reach: "
                            "the people who saw each post.",
            "q6_impressions": "You divided by impressions. The question asks for the rate by "
                              "reach.",
            # q7 cpm function
            "q7_hint1": "CPM is the cost of 1,000 impressions: spend ÷ impressions × 1000. "
                        "Before dividing, check whether impressions is 0.",
            "q7_hint2": "First line inside the function: if impressions == 0: and, on the next "
                        "line indented four more spaces, return float(\"nan\"). Then, back at "
                        "the first indentation, return spend / impressions * ____ (how many "
                        "impressions in a mille?).",
            "q7_no_thousand": "Your function gives the cost of one impression. CPM is the cost "
                              "of a thousand (mille): multiply by 1000.",
            "q7_upside_down": "Your function divides impressions by spend. CPM is money per "
                              "1,000 impressions: spend / impressions * 1000.",
            "q7_zero_crash": "A day with no impressions makes your function crash "
                             "(ZeroDivisionError). Check it first: if impressions == 0: "
                             "return float(\"nan\").",
            "q7_zero_as_zero": "With no impressions your function returns 0, which reads as "
                               "'free ads' and pulls averages down. There is no price when "
                               "nothing was shown: return float(\"nan\").",
            # q8 ROI of the sales campaigns
            "q8_hint1": "ROI = (gross profit - cost) / cost, with gross profit = revenue x "
                        "margin and cost = ad spend here. Use the totals of the sales table "
                        "(the ratio of totals, as an ads manager does).",
            "q8_hint2": "roi(sales, margin=margin, aggregate=\"total\"), or by hand: "
                        "(sales[\"revenue\"].sum() * margin - sales[\"spend\"].sum()) / "
                        "sales[\"spend\"].sum()",
            "q8_roas": "That is the ROAS (revenue / spend), not the ROI. ROI is the profit on "
                       "the cost: (revenue x margin - spend) / spend.",
            "q8_on_revenue": "You computed the ROI on revenue: (revenue - spend) / spend. That "
                             "counts every euro of sales as profit, as if the goods cost "
                             "nothing; it is the agency's number, and a common one. Only the "
                             "gross margin of a sale is left to pay for the ads: multiply the "
                             "revenue by margin first.",
            "q8_profit_per_spend": "That is gross profit / spend: what came back for each 1 "
                                   "spent. ROI takes the cost away first: (gross profit - "
                                   "spend) / spend, 1 less.",
            "q8_per_row": "That is the average of the daily ROIs of each ad set "
                          "(aggregate=\"per_row\"): a small day weighs as much as a big one. "
                          "Divide the totals: aggregate=\"total\".",
            "q8_all": "That includes the awareness campaigns. The question is about the sales "
                      "campaigns only: use the sales table.",
            "q8_year": "That is the whole year. The question is about October: use the sales "
                       "table.",
            # q9 which channel to review
            "q9_hint1": "For a sales goal, look at what came back, not at what attention cost: "
                        "add a ROAS column to by_channel (revenue / spend) and find the lowest.",
            "q9_hint2": "by_channel[\"ROAS\"] = by_channel[\"revenue\"] / by_channel[\"spend\"], "
                        "then review_first = by_channel[\"ROAS\"].idxmin().",
            "q9_why": "{channel}'s sales campaign brought back {roas:.2f}x its ad spend in "
                      "October (CPM {cpm:.2f}, CTR {ctr:.2%}). {worst} brought back the least: "
                      "{worst_roas:.2f}x, against a break-even ROAS of {break_even:.2f}x at "
                      "our margin. A cheap CPM or a high CTR is attention, not sales.",
            # q10 ROI with other costs
            "q10_hint1": "Add the other costs to the cost: ROI = (gross profit - (spend + "
                         "other costs)) / (spend + other costs), gross profit = revenue x "
                         "margin.",
            "q10_hint2": "roi(sales, margin=margin, aggregate=\"total\", other_costs=1500), or "
                         "by hand with cost = sales[\"spend\"].sum() + 1500.",
            "q10_ads_only": "That is the ROI on ad spend only (exercise 8). Add the {costs:,.0f} "
                            "of content and agency costs to the cost.",
            "q10_roas_costs": "That is revenue / (spend + other costs): a ROAS with the costs "
                              "added. ROI takes the cost away first: (gross profit - cost) / "
                              "cost.",
            "q10_roas": "That is the ROAS on ad spend (revenue / spend). ROI is "
                        "(gross profit - cost) / cost, with cost = spend + the other costs.",
            "q10_on_revenue": "You computed the ROI on revenue, as if the goods sold cost "
                              "nothing. Only the gross margin of each sale is left to pay for "
                              "ads, content and agency: multiply the revenue by margin first.",
            # q11 business metrics
            "q11_hint1": "The goal is online sales. Which of these numbers can go up while sales "
                         "do not move at all?",
            "q11_hint2": "Four of them are about sales and what they cost: conversions, revenue, "
                         "and two ratios built on them.",
            "q11_vanity": "Those are the vanity metrics for this goal: followers, impressions, "
                          "likes and reach can all grow while sales stay flat. Keep the other "
                          "four.",
            # q12 note to the manager
            "q12_hint1": "Three short sentences: our rate and which denominator it uses; the "
                         "fair comparison with a benchmark; what the agency's 'ROI' really is, "
                         "and the ROI on gross profit.",
            "q12_hint2": "For example: 'Our Instagram engagement rate by followers is x %, "
                         "about y times the Rival IQ median, not the 4 % by reach the slide "
                         "compares...'",
        }
    }
)
_ = MESSAGES.text

LESSON = Lesson("01", _("title"), source=lessons_dir() / "01_metrics_that_matter.ipynb")


# --------------------------------------------------------------------------------------------
# The learner's tables
# --------------------------------------------------------------------------------------------


def month_posts(data: CourseData, month: int | None = MONTH,
                platform: str | None = None) -> pd.DataFrame:
    """The brand's posts of one month of 2025 (all year if ``month`` is None), with engagements.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> ig = month_posts(load_course_data(), platform="Instagram")
    >>> ig["published_at"].dt.month.unique().tolist(), ig["platform"].unique().tolist()
    ([10], ['Instagram'])
    """
    posts = data.posts
    keep = pd.Series(True, index=posts.index)
    if month is not None:
        keep &= posts["published_at"].dt.month == month
    if platform is not None:
        keep &= posts["platform"] == platform
    chosen = posts[keep].copy()
    chosen["engagements"] = chosen[["likes", "comments", "shares", "saves"]].sum(axis=1)
    return chosen


def instagram_year(data: CourseData) -> pd.DataFrame:
    """Every Instagram post of 2025, with engagements (what the benchmarks are compared with).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> instagram_year(load_course_data())["published_at"].dt.month.nunique()
    12
    """
    return month_posts(data, month=None, platform=PLATFORM)


def october_ads(data: CourseData, month: int | None = MONTH) -> pd.DataFrame:
    """The campaigns table for one month (all year if ``month`` is None).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> october_ads(load_course_data())["date"].dt.month.unique().tolist()
    [10]
    """
    ads = data.campaigns
    return ads if month is None else ads[ads["date"].dt.month == month]


def sales_ads(data: CourseData, month: int | None = MONTH) -> pd.DataFrame:
    """The sales campaigns (objective ``conversions``) of one month.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> sales_ads(load_course_data())["objective"].unique().tolist()
    ['conversions']
    """
    ads = october_ads(data, month)
    return ads[ads["objective"] == "conversions"]


def _rate(posts: pd.DataFrame, by: str = "reach", aggregate: str = TYPICAL_POST) -> float:
    """The posts' engagement rate; the rate of totals is computed from the two sums.

    By reach, ``engagement_rate(..., aggregate="total")`` warns the learner that
    reach does not add up. The check computes the same number from the sums, so
    it never raises that warning (and never silences it in the grader's threads).
    """
    if aggregate == "total":
        column = "followers_at_post" if by == "followers" else by
        engagements = float(posts[["likes", "comments", "shares", "saves"]].to_numpy().sum())
        return float(engagement_rate(engagements=engagements, by=by,
                                     **{by: float(posts[column].sum())}))
    return float(engagement_rate(posts, by=by, aggregate=aggregate))


def three_rates(posts: pd.DataFrame, aggregate: str = TYPICAL_POST) -> pd.Series:
    """A typical post's engagement rate by reach, impressions and followers, by denominator.

    The median of the per-post rates by default (``aggregate=TYPICAL_POST``).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> rates = three_rates(instagram_year(load_course_data()))
    >>> rates.index.tolist(), bool(rates["impressions"] < rates["reach"])
    (['reach', 'impressions', 'followers'], True)
    """
    return pd.Series({by: _rate(posts, by, aggregate) for by in DENOMINATORS})


def like_rival_iq(posts: pd.DataFrame, aggregate: str = TYPICAL_POST,
                  actions: tuple[str, ...] = RIVAL_IQ_ACTIONS) -> float:
    """A typical post's engagement rate by followers, counted as Rival IQ counts: likes + comments.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> ig = instagram_year(load_course_data())
    >>> bool(like_rival_iq(ig) < three_rates(ig)["followers"])  # saves and shares left out
    True
    """
    top = posts[list(actions)].sum(axis=1)
    return float(engagement_rate(posts, by="followers", aggregate=aggregate, engagements=top))


def channel_totals(data: CourseData) -> pd.DataFrame:
    """October's sales campaigns added up by channel, with CPM, CTR and ROAS.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> channel_totals(load_course_data()).columns.tolist()[-3:]
    ['CPM', 'CTR', 'ROAS']
    """
    totals = sales_ads(data).groupby("channel", observed=True)[
        ["spend", "impressions", "clicks", "revenue"]].sum()
    totals.index = totals.index.astype(str)
    totals["CPM"] = totals["spend"] / totals["impressions"] * 1000
    totals["CTR"] = totals["clicks"] / totals["impressions"]
    totals["ROAS"] = totals["revenue"] / totals["spend"]
    return totals


# --------------------------------------------------------------------------------------------
# Step 1: reach, impressions and frequency
# --------------------------------------------------------------------------------------------


def _ig_october(data: CourseData) -> pd.DataFrame:
    return month_posts(data, platform=PLATFORM)


def _summed_frequency(data: CourseData) -> float:
    """Impressions over summed reach: frequency computed from the totals (the mistake)."""
    posts = _ig_october(data)
    return float(posts["impressions"].sum() / posts["reach"].sum())


def _frequency(data: CourseData) -> float:
    return float(frequency(_ig_october(data), aggregate="per_post"))


q1 = ValueExercise(
    variable="ig_frequency",
    expected=_frequency,
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("summed_reach", _summed_frequency, _("q1_summed")),
        Mistake("upside_down", lambda d: float((_ig_october(d)["reach"]
                                                / _ig_october(d)["impressions"]).mean()),
                _("q1_upside_down")),
    ),
    right=(Variant(lambda d: round(_frequency(d), 2), "rounded as printed (2 decimals)"),
           Variant(lambda d: float((_ig_october(d)["impressions"]
                                    / _ig_october(d)["reach"]).mean()), "computed by hand")),
    wrong=(Variant(_summed_frequency, "from the totals", says="reach"),
           Variant(lambda d: float((_ig_october(d)["reach"]
                                    / _ig_october(d)["impressions"]).mean()), "upside down",
                   says="impressions"),
           Variant(lambda d: round(_frequency(d)), "rounded to a whole number",
                   says="ig_frequency is")),
)

q2 = ValueExercise(
    variable="at_least_people",
    expected=lambda d: int(_ig_october(d)["reach"].max()),
    rel_tol=0.0,
    abs_tol=0.5,  # a count of people: exact
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("summed_reach", lambda d: int(_ig_october(d)["reach"].sum()), _("q2_summed")),
        Mistake("mean_reach", lambda d: float(_ig_october(d)["reach"].mean()), _("q2_mean")),
    ),
    right=(Variant(lambda d: float(_ig_october(d)["reach"].max()), "as a float"),),
    wrong=(Variant(lambda d: int(_ig_october(d)["reach"].sum()), "summed reach", says="reach"),
           Variant(lambda d: float(_ig_october(d)["reach"].mean()), "the mean",
                   says="average"),
           Variant(lambda d: int(_ig_october(d)["reach"].max()) - 1, "one short",
                   says="at_least_people is")),
)

# --------------------------------------------------------------------------------------------
# Step 2 and 3: three engagement rates, and the benchmarks
# --------------------------------------------------------------------------------------------


def _ig_rates(data: CourseData) -> pd.Series:
    return data.cached(("01", "ig_rates"), lambda d: three_rates(instagram_year(d)))


q3 = ValueExercise(
    variable="ig_rates",
    expected=_ig_rates,
    hints=(_("q3_hint1"), _("q3_hint2")),
    mistakes=(
        Mistake("totals", lambda d: three_rates(instagram_year(d), "total"), _("q3_totals")),
        Mistake("mean", lambda d: three_rates(instagram_year(d), MONTH_RATE), _("q3_mean")),
        Mistake("october_only", lambda d: three_rates(_ig_october(d)), _("q3_october")),
        Mistake("percent", lambda d: _ig_rates(d) * 100, _("q3_percent")),
    ),
    right=(Variant(lambda d: _ig_rates(d).round(4), "rates to 4 decimals"),
           Variant(lambda d: _ig_rates(d).iloc[::-1], "in another order"),
           Variant(lambda d: _ig_rates(d).rename(index=str.capitalize).to_frame("rate"),
                   "a one-column table with capitalised labels")),
    wrong=(Variant(lambda d: swapped(_ig_rates(d)),
                   "values swapped between denominators", says="for reach"),
           Variant(lambda d: _ig_rates(d) * 100, "percentages", says="percentages"),
           Variant(lambda d: three_rates(instagram_year(d), "total"), "rate of the totals",
                   says="total"),
           Variant(lambda d: three_rates(instagram_year(d), MONTH_RATE),
                   "the average of the posts' rates", says="median")),
)


def _rates_chart(rates: pd.Series, *, title: str = "Instagram engagement rate by denominator",
                 percent: bool = False, alt: str | None = None) -> Figure:
    """A chart a learner might draw for q4 (the exercise's own variants)."""
    import matplotlib.pyplot as plt

    from smmlab import viz

    fig, ax = plt.subplots()
    ax.bar([str(k) for k in rates.index], rates.to_numpy() * (100 if percent else 1))
    ax.set_title(title)
    ax.set_xlabel("Engagements divided by")
    ax.set_ylabel("Engagement rate (%)" if percent else "Engagement rate")
    if alt != "":
        viz.set_alt_text(fig, alt if alt is not None else
                         f"Bar chart of our Instagram engagement rate: highest by "
                         f"{rates.idxmax()}, lowest by {rates.idxmin()}.")
    plt.close(fig)
    return fig


q4 = ChartExercise(
    variable="fig",
    expected=_ig_rates,
    kpi="engagement rate",
    hints=(_("q4_hint1"), _("q4_hint2")),
    right=(Variant(lambda d: _rates_chart(_ig_rates(d)), "a bar per denominator"),
           Variant(lambda d: _rates_chart(_ig_rates(d), percent=True), "in percent, said so"),
           Variant(lambda d: _rates_chart(_ig_rates(d).sort_values()), "sorted bars")),
    wrong=(Variant(lambda d: _rates_chart(swapped(_ig_rates(d))),
                   "values swapped between labels", says="your"),
           Variant(lambda d: _rates_chart(_ig_rates(d), alt=""), "no alt text",
                   says="alt text"),
           Variant(lambda d: _rates_chart(
               _ig_rates(d), alt=f"Bar chart: the highest rate is by {_ig_rates(d).idxmin()}."),
               "alt text naming the lowest as the highest", says="highest")),
)


def _times_benchmark(data: CourseData) -> float:
    return data.cached(("01", "times_benchmark"),
                       lambda d: like_rival_iq(instagram_year(d)) / RIVAL_IQ_INSTAGRAM)


def _versus(rate: str) -> Callable[[CourseData], float]:
    """Our typical rate by ``rate`` (one of ig_rates) over Rival IQ's median: a mistake."""
    return lambda d: float(_ig_rates(d)[rate] / RIVAL_IQ_INSTAGRAM)


q5 = ValueExercise(
    variable="times_benchmark",
    expected=_times_benchmark,
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(
        Mistake("all_actions", _versus("followers"), _("q5_all_actions")),
        Mistake("by_reach", _versus("reach"), _("q5_by_reach")),
        Mistake("by_impressions", _versus("impressions"), _("q5_by_impressions")),
        Mistake("buffer", lambda d: float(_ig_rates(d)["impressions"] / BUFFER_INSTAGRAM),
                _("q5_buffer")),
        Mistake("mean", lambda d: like_rival_iq(instagram_year(d), MONTH_RATE)
                / RIVAL_IQ_INSTAGRAM, _("q5_mean")),
        Mistake("upside_down", lambda d: 1 / _times_benchmark(d), _("q5_upside_down")),
        Mistake("in_percent", lambda d: _times_benchmark(d) / 100, _("q5_in_percent")),
    ),
    right=(Variant(lambda d: round(_times_benchmark(d), 2), "two decimals"),
           Variant(lambda d: float(_times_benchmark(d)), "unrounded")),
    wrong=(Variant(_versus("reach"), "by reach against a followers benchmark", says="reach"),
           Variant(_versus("followers"), "saves and shares counted too", says="likes + comments"),
           Variant(lambda d: 1 / _times_benchmark(d), "upside down", says="divide"),
           Variant(lambda d: float(_ig_rates(d)["impressions"] / BUFFER_INSTAGRAM),
                   "Buffer's benchmark, by impressions", says="Buffer")),
)

# --------------------------------------------------------------------------------------------
# Step 4: the average of the rates or the rate of the totals
# --------------------------------------------------------------------------------------------


def _typical(data: CourseData) -> float:
    return _rate(month_posts(data), "reach", TYPICAL_POST)


q6 = ValueExercise(
    variable="typical_rate",
    expected=_typical,
    rate=True,
    hints=(_("q6_hint1"), _("q6_hint2")),
    mistakes=(
        Mistake("total", lambda d: _rate(month_posts(d), "reach", "total"), _("q6_total")),
        Mistake("mean", lambda d: _rate(month_posts(d), "reach", MONTH_RATE), _("q6_mean")),
        Mistake("by_followers", lambda d: _rate(month_posts(d), "followers"),
                _("q6_followers")),
        Mistake("by_impressions", lambda d: _rate(month_posts(d), "impressions"),
                _("q6_impressions")),
    ),
    right=(Variant(lambda d: round(_typical(d), 4), "four decimals"),
           Variant(lambda d: float(month_posts(d).eval("engagements / reach").median()),
                   "a rate column, then .median()")),
    wrong=(Variant(lambda d: _rate(month_posts(d), "reach", "total"), "rate of the totals",
                   says="total"),
           Variant(lambda d: _rate(month_posts(d), "reach", MONTH_RATE),
                   "the average of the rates (the month's rate)", says="median"),
           Variant(lambda d: _typical(d) * 100, "a percentage", says="percentage"),
           Variant(lambda d: _rate(month_posts(d), "followers"), "by followers",
                   says="followers")),
)

# --------------------------------------------------------------------------------------------
# Step 5: paid social
# --------------------------------------------------------------------------------------------


def _cpm_cases(data: CourseData) -> list[tuple[tuple, Any]]:
    """Three October days of real ad sets, a day without impressions and one without spend.

    The question says what to return with no impressions (NaN), so that boundary is tested;
    a day with spend but no impressions and a day with impressions but no spend are both real.
    """
    ads = october_ads(data)
    small = ads[(ads["impressions"] > 0) & (ads["impressions"] < 10_000)]
    rows = small if len(small) >= 3 else ads[ads["impressions"] > 0]
    picked = [rows.iloc[0], rows.loc[rows["spend"].idxmax()],
              rows.loc[rows["impressions"].idxmin()]]
    cases = [(float(row["spend"]), int(row["impressions"])) for row in picked]
    cases += [(cases[0][0], 0), (0.0, cases[0][1]), (12.5, 1000)]
    return [(args, float(cpm(spend=args[0], impressions=args[1]))) for args in cases]


def _cpm_in_cents(spend: float, impressions: int) -> float:
    return float("nan") if impressions == 0 else round(spend / impressions * 1000, 2)


q7 = FunctionExercise(
    variable="cpm",
    cases=_cpm_cases,
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(
        Mistake("no_thousand", lambda d: lambda s, i: float("nan") if i == 0 else s / i,
                _("q7_no_thousand")),
        Mistake("upside_down", lambda d: lambda s, i: i / s * 1000 if s and i else float("nan"),
                _("q7_upside_down")),
        Mistake("zero_crash", lambda d: lambda s, i: s / i * 1000, _("q7_zero_crash")),
        Mistake("zero_as_zero", lambda d: lambda s, i: 0.0 if i == 0 else s / i * 1000,
                _("q7_zero_as_zero")),
    ),
    right=(Variant(lambda d: _cpm_in_cents, "rounded to cents"),
           Variant(lambda d: lambda s, i: s * 1000 / i if i else float("nan"),
                   "multiplied first")),
    wrong=(Variant(lambda d: lambda s, i: float("nan") if i == 0 else s / i,
                   "without the x1000", says="one impression"),
           Variant(lambda d: lambda s, i: s / i * 1000, "crashes with no impressions",
                   says="crash"),
           Variant(lambda d: lambda s, i: 0.0 if i == 0 else s / i * 1000, "0 for no impressions",
                   says="returns 0"),
           Variant(lambda d: lambda s, i: s / i * 100 if i else float("nan"),
                   "per hundred impressions", says="cpm(")),
)


def _roi(data: CourseData, ads: pd.DataFrame, aggregate: str = "total",
         other_costs: float | None = None, at: float | None = None) -> float:
    """ROI on gross profit at the brand's margin (``at=1``: the mistake, on revenue)."""
    rate = margin(data) if at is None else at
    return float(roi(ads, margin=rate, aggregate=aggregate, other_costs=other_costs))


def _sales_roi(data: CourseData) -> float:
    return _roi(data, sales_ads(data))


def _profit_per_spend(data: CourseData) -> float:
    sales = sales_ads(data)
    return float(sales["revenue"].sum() * margin(data) / sales["spend"].sum())


q8 = ValueExercise(
    variable="sales_roi",
    expected=_sales_roi,
    rate=True,
    hints=(_("q8_hint1"), _("q8_hint2")),
    mistakes=(
        Mistake("roas", lambda d: float(roas(sales_ads(d), aggregate="total")), _("q8_roas")),
        Mistake("on_revenue", lambda d: _roi(d, sales_ads(d), at=1.0), _("q8_on_revenue")),
        Mistake("profit_per_spend", _profit_per_spend, _("q8_profit_per_spend")),
        Mistake("per_row", lambda d: _roi(d, sales_ads(d), "per_row"), _("q8_per_row")),
        Mistake("all_campaigns", lambda d: _roi(d, october_ads(d)), _("q8_all")),
        Mistake("whole_year", lambda d: _roi(d, sales_ads(d, None)), _("q8_year")),
    ),
    right=(Variant(lambda d: round(_sales_roi(d), 3), "rounded as printed (-7.6 %)"),
           Variant(lambda d: float(roas(sales_ads(d), aggregate="total")) * margin(d) - 1,
                   "ROAS x margin - 1")),
    wrong=(Variant(lambda d: float(roas(sales_ads(d), aggregate="total")), "the ROAS",
                   says="ROAS"),
           Variant(lambda d: _roi(d, sales_ads(d), at=1.0), "on revenue, not gross profit",
                   says="on revenue"),
           Variant(lambda d: _roi(d, october_ads(d)), "every campaign", says="sales"),
           Variant(lambda d: _sales_roi(d) * 100, "a percentage", says="percentage")),
)


def _review_first(data: CourseData) -> str:
    return str(channel_totals(data)["ROAS"].idxmin())


def _channel_why(data: CourseData) -> dict[str, str]:
    totals = channel_totals(data)
    worst = str(totals["ROAS"].idxmin())
    even = break_even_roas(margin(data))
    return {str(ch): _("q9_why", channel=ch, roas=row["ROAS"], cpm=row["CPM"], ctr=row["CTR"],
                       worst=worst, worst_roas=totals.loc[worst, "ROAS"], break_even=even)
            for ch, row in totals.iterrows()}


def _best_channel(data: CourseData) -> str:
    return str(channel_totals(data)["ROAS"].idxmax())


q9 = DecisionExercise(
    variable="review_first",
    choices=lambda d: list(channel_totals(d).index),
    expected=_review_first,
    why=_channel_why,
    hints=(_("q9_hint1"), _("q9_hint2")),
    right=(Variant(lambda d: _review_first(d).upper(), "in capitals"),),
    wrong=(Variant(_best_channel, "the best channel", says=_review_first),
           Variant(lambda d: "Twitter", "a channel without sales campaigns",
                   says="must be one of")),
)


def _full_roi(data: CourseData) -> float:
    return _roi(data, sales_ads(data), other_costs=OTHER_COSTS)


q10 = ValueExercise(
    variable="full_roi",
    expected=_full_roi,
    rate=True,
    tier="stretch",
    hints=(_("q10_hint1"), _("q10_hint2")),
    mistakes=(
        Mistake("ads_only", _sales_roi, _("q10_ads_only", costs=OTHER_COSTS)),
        Mistake("on_revenue", lambda d: _roi(d, sales_ads(d), other_costs=OTHER_COSTS,
                                             at=1.0), _("q10_on_revenue")),
        Mistake("roas_with_costs", lambda d: float(
            sales_ads(d)["revenue"].sum() / (sales_ads(d)["spend"].sum() + OTHER_COSTS)),
            _("q10_roas_costs")),
        Mistake("roas", lambda d: float(roas(sales_ads(d), aggregate="total")), _("q10_roas")),
    ),
    right=(Variant(lambda d: round(_full_roi(d), 3), "three decimals"),),
    wrong=(Variant(_sales_roi, "ads only", says="agency costs"),
           Variant(lambda d: _roi(d, sales_ads(d), other_costs=OTHER_COSTS, at=1.0),
                   "on revenue", says="on revenue"),
           Variant(lambda d: float(roas(sales_ads(d), aggregate="total")), "the ROAS",
                   says="ROAS"),
           Variant(lambda d: _full_roi(d) * 100, "a percentage", says="percentage")),
)

# --------------------------------------------------------------------------------------------
# Step 6: vanity or business
# --------------------------------------------------------------------------------------------

q11 = ValueExercise(
    variable="business_metrics",
    expected=lambda d: list(BUSINESS),
    tier="warm-up",
    hints=(_("q11_hint1"), _("q11_hint2")),
    mistakes=(
        Mistake("vanity", lambda d: [c for c in CANDIDATES if c not in BUSINESS],
                _("q11_vanity")),
    ),
    right=(Variant(lambda d: [b.lower() for b in reversed(BUSINESS)],
                   "lower case, another order"),),
    wrong=(Variant(lambda d: [c for c in CANDIDATES if c not in BUSINESS], "the vanity ones",
                   says="vanity"),
           Variant(lambda d: [*BUSINESS[:-1], "likes"], "likes instead of one",
                   says="'likes'"),
           Variant(lambda d: list(BUSINESS[:-1]), "one missing", says="items")),
)

q12 = ReflectionExercise(
    variable="note_to_manager",
    min_words=30,
    tier="stretch",
    hints=(_("q12_hint1"), _("q12_hint2")),
    right=(Variant(lambda d: ["Our Instagram engagement rate by followers is close to the "
                              "benchmark, which also divides by followers.",
                              "The ROI on the slide is a ROAS: revenue divided by spend.",
                              "Let us review the weakest channel before changing the budget."],
                   "three sentences"),),
    wrong=(Variant(lambda d: "ROI is fine.", "too short", says="at least 30 words"),),
)

__all__ = LESSON.bind(globals())
