"""Lesson 07: Paid social budget (structure, funnel KPIs, pacing, diminishing returns).

In the notebook: ``from smmlab.exercises.lesson07 import *`` gives ``setup``,
``q1`` ... ``q12``, ``check_all`` and the ``____`` placeholder.

Every expected answer is recomputed from the learner's own data; the response
curves come from the generator's truth for that data (``course_truth``), which
stands in for what a marketing-mix model or lift tests would tell a real SMM.
The only fixed numbers are the pacing day (15 October), the share of the
weakest channel's budget that is moved (half) and the step of the equal-marginal
search (half a percent of the daily budget); the notebook states them.

The stories the notebook tells hold for every learner's brand (scenario contracts in
``tests/test_contracts_campaigns.py``): the awareness flight starts on 16 October, so
pacing against budget x 15/31 says under-spent while the plan to date says over, as the
month ends; the channel with the best average ROAS is never the one whose next euro
earns most.

Examples
--------
>>> from smmlab.exercises import lesson07
>>> data = lesson07.setup(quiet=True)
>>> plan = lesson07.new_plan(data)
>>> round(float(plan.sum()), 2) == round(float(lesson07.daily_spend(data).sum()), 2)
True
>>> lesson07.q8.check_answers({"new_plan": plan}, data).correct
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.business import margin
from smmlab.exercises.compare import Tolerance, is_number, normal_text, same
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant, course_truth
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    ReflectionExercise,
    ValueExercise,
)
from smmlab.metrics import cpa
from smmlab.synth.campaigns import response_curve

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from smmlab.synth.truth import Truth

#: The month the lesson plans (October 2025, 31 days).
MONTH = 10
DAYS = 31
#: The pacing check happens on the evening of this day of the month.
PACING_DAY = 15
#: The channel whose ad sets the funnel part of the lesson looks at.
CHANNEL = "Instagram"
#: Share of the weakest channel's daily spend that the reallocation moves.
MOVE_SHARE = 0.5
#: The extra daily spend the function exercise's test cases add.
EXTRA = 10.0
#: The three plans of the decision exercise.
PLANS = ("keep the plan", "move half", "all on the best channel")
#: The equal-marginal search moves this share of the daily budget at a time.
STEP_SHARE = 0.005
#: At most this many moves (the search stops long before on every brand).
MAX_MOVES = 1000

MESSAGES = Catalog(
    {
        "en": {
            "title": "Paid social budget",
            # q1 number of ad sets
            "q1_hint1": "An ad set is one row of october_ads.groupby([\"channel\", \"campaign\", "
                        "\"ad_set\"]): count those groups, not the days.",
            "q1_hint2": "len(october_ads.groupby([\"channel\", \"campaign\", \"ad_set\"], "
                        "observed=True)), or the number of rows of the structure table.",
            "q1_campaigns": "That is the number of campaigns. Each campaign holds one or more ad "
                            "sets (audiences): count the ad sets.",
            "q1_rows": "That is the number of rows of october_ads: one per ad set and per day. "
                       "Count each ad set once.",
            "q1_names": "That counts the different ad set names (\"Retargeting\" on every "
                        "channel counts once). Group by channel, campaign and ad set.",
            # q2 funnel KPIs per ad set
            "q2_hint1": "Add up spend, impressions, clicks and conversions per ad set (a pivot "
                        "table of sums), then divide the totals: CTR = clicks / impressions, "
                        "CVR = conversions / clicks, CPA = spend / conversions.",
            "q2_hint2": "totals = ig_ads.groupby(\"ad_set\")[[\"spend\", \"impressions\", "
                        "\"clicks\", \"conversions\"]].sum(); then ig_kpis = pd.DataFrame("
                        "{{\"CTR\": totals[\"clicks\"] / totals[\"impressions\"], \"CVR\": ..., "
                        "\"CPA\": ...}})",
            "q2_per_row": "Those are averages of the daily ratios: a quiet day weighs as much "
                          "as a busy one. Add up the month first, then divide the totals.",
            "q2_percent": "Your CTR and CVR look like percentages (x100). Keep rates as "
                          "fractions, as the worked example computes them: 1.23 % is 0.0123.",
            "q2_cvr_impressions": "Your CVR divides conversions by impressions. CVR is the share "
                                  "of clicks that became a purchase: conversions / clicks.",
            # q3 CPA of the sales campaign
            "q3_hint1": "The campaign's CPA is what the whole campaign cost divided by all the "
                        "purchases it brought: add up both ad sets first.",
            "q3_hint2": "ig_sales[\"spend\"].sum() / ig_sales[\"conversions\"].sum(), or "
                        "cpa(ig_sales, aggregate=\"total\").",
            "q3_averaged": "That is the average of the two ad sets' CPAs. They did not spend "
                           "the same or convert the same, so the plain average is wrong: divide "
                           "the campaign's total spend by its total conversions.",
            "q3_upside_down": "That is purchases per euro (conversions / spend). The CPA is what "
                              "one purchase cost: spend / conversions.",
            "q3_all": "That includes the awareness campaign. The question is about the sales "
                      "campaign only (ig_sales).",
            # q4 CPA chart
            "q4_hint1": "ax.bar(ig_kpis.index, ig_kpis[\"CPA\"]) draws one bar per ad set. Then "
                        "a title, both axis labels and alt text.",
            "q4_hint2": "fig, ax = plt.subplots(); ax.bar(ig_kpis.index, ig_kpis[\"CPA\"]); "
                        "ax.set_title(...); ax.set_xlabel(\"Ad set\"); ax.set_ylabel(\"Cost per "
                        "purchase (EUR)\"); viz.set_alt_text(fig, \"...\").",
            # q5 pacing
            "q5_hint1": "The pace compares what was spent so far with what the plan "
                        "scheduled for the same days (the flight plan up to 15 October), not "
                        "with a straight-line share of the month.",
            "q5_hint2": "spent_so_far = first_half[\"spend\"].sum(); planned_so_far = "
                        "flight_plan[flight_plan.index.day <= 15].sum(); pace = "
                        "spent_so_far / planned_so_far",
            "q5_straight_line": "That paces against a straight line: october_budget x 15 / 31 "
                                "= {straight:,.2f}. But the plan is not spread evenly: the "
                                "awareness flight starts on 16 October, so the plan for 1-15 "
                                "October is {planned:,.2f}. Divide by what the plan scheduled "
                                "for the days gone by.",
            "q5_whole_budget": "That is the share of the whole month's budget already spent. "
                               "Compare with what the plan scheduled for the days gone by "
                               "(1-15 October).",
            "q5_upside_down": "You divided the planned amount by the spend. Put the spend on "
                              "top: above 1 means we spend faster than planned.",
            "q5_percent": "Your pace looks like a percentage: 1 is on plan, 1.05 is 5 % too "
                          "fast. Drop the * 100.",
            # q6 the channel for the next euro
            "q6_hint1": "Budget decisions are about the next euro: which channel brings back "
                        "the most for one more euro? Look at the marginal_roas column.",
            "q6_hint2": "next_channel = by_channel[\"marginal_roas\"].idxmax()",
            "q6_average": "{channel} has the best average ROAS ({average:.2f}){also}, but the "
                          "money already went there: its next euro brings back only "
                          "{marginal:.2f}. The next euro earns most where the marginal ROAS is "
                          "highest.",
            "q6_also_platform": " and the best ROAS in the platform's report",
            "q6_platform": "That is the channel with the best ROAS in the platform's report. "
                           "Platform revenue is attributed, not caused by the ads, and it is an "
                           "average: the next euro there brings back {marginal:.2f}. Use the "
                           "marginal_roas column.",
            "q6_other": "The next euro earns less on that channel than on another one: compare "
                        "the marginal_roas column of by_channel and take its highest.",
            # q7 extra revenue function
            "q7_hint1": "The known curve gives the revenue per day at any daily spend: "
                        "revenue_per_day(channel, spend). The extra revenue is the curve at "
                        "the new spend minus the curve at today's spend.",
            "q7_hint2": "return revenue_per_day(channel, daily_spend + extra) - "
                        "revenue_per_day(channel, daily_spend)",
            "q7_average": "Your function multiplies the extra spend by the channel's average "
                          "ROAS. Returns diminish: the next euro brings back less than the "
                          "average one. Read the curve at both spends and subtract.",
            "q7_attributed": "Your function multiplies the extra spend by the ROAS the platform "
                             "reports. That revenue is attributed, not caused by the ads: use the "
                             "known (incremental) response curve.",
            "q7_total": "Your function returns the revenue at the new spend, not the extra "
                        "revenue: subtract the revenue at today's spend.",
            # q8 reallocation
            "q8_hint1": "Start from a copy of today's plan. Take half of the weakest channel's "
                        "daily spend away from it, and add exactly that amount to the strongest "
                        "channel (by marginal ROAS).",
            "q8_hint2": "moved = today[worst] * 0.5; new_plan = today.copy(); new_plan[worst] "
                        "-= moved; new_plan[best] += moved  (worst and best from "
                        "marginal.idxmin() and marginal.idxmax()).",
            "q8_not_adding_up": "Your plan does not add up to the budget, {budget:,.2f} a "
                                "day: a reallocation moves money, it does not create or lose "
                                "any. Take from one channel exactly what you give to the "
                                "other, and check new_plan.sum().",
            "q8_all_in": "You moved the whole budget to the channel with the best average "
                         "ROAS. Its curve flattens: the last euros there bring back far less "
                         "than the average. Move half of the weakest channel's spend, by "
                         "marginal ROAS.",
            "q8_only_added": "You added the money to the best channel but did not take it from "
                             "the weakest one: the plan now costs more than the budget.",
            # q9 decision between plans
            "q9_hint1": "Add up the known revenue per day of every channel for each plan "
                        "(plan_revenue(plan)) and compare.",
            "q9_hint2": "The three plans are ready: today, new_plan and all_in. The best call "
                        "is the plan with the highest plan_revenue(...).",
            "q9_revenues": "With the known curves, keeping the plan brings {keep:,.0f} a day, "
                           "moving half brings {move:,.0f} and putting everything on {best} "
                           "brings {all_in:,.0f}.",
            "q9_all_in": "{best} has the best average ROAS, but its curve flattens: with the "
                         "whole budget there ({budget:,.0f} a day) its next euro brings back "
                         "{marginal:.2f}, and the other channels' first euros are lost.",
            "q9_keep_loses": "Today the next euro brings back {high:.2f} on {to} and the last "
                             "one {low:.2f} on {source}: moving money from {source} to {to} "
                             "earns more for the same budget.",
            "q9_move_overshoots": "Moving half overshoots: after the move, {to}'s next euro "
                                  "brings back {high:.2f} while the euros taken from {source} "
                                  "brought back {low:.2f} each. Moving less would help; moving "
                                  "half does not.",
            # q10 gain per month
            "q10_hint1": "The gain is the revenue of the new plan minus the revenue of today's "
                        "plan, per day, from the known curves. Then for the whole month.",
            "q10_hint2": "monthly_gain = (plan_revenue(new_plan) - plan_revenue(today)) * 31",
            "q10_per_day": "That is the gain per day. The CFO thinks in months: multiply by the "
                          "31 days of October.",
            "q10_attributed": "That gain uses the ROAS the platforms report: moved money x "
                             "(best channel's ROAS - weakest channel's ROAS). Platform revenue "
                             "is attributed, not incremental, and the next euro earns less than "
                             "the average one. Use the known curves.",
            "q10_average": "That gain multiplies the moved money by the difference of the "
                          "average ROAS. Returns diminish: use the curves at the new and the old "
                          "spend.",
            # q11 ROI of the next euro
            "q11_hint1": "ROI on gross profit = (revenue x gross margin - cost) / cost. For one "
                         "euro whose revenue is the marginal ROAS: marginal ROAS x margin - 1.",
            "q11_hint2": "next_euro_roi = by_channel[\"marginal_roas\"].max() * margin - 1",
            "q11_on_revenue": "That is the return on revenue (marginal ROAS - 1). The company "
                              "keeps only the gross margin ({margin:.0%}) of each sale: "
                              "multiply the revenue by the margin before taking the euro off.",
            "q11_average": "That uses the average ROAS. The question is about the next euro: "
                           "use the highest marginal ROAS.",
            "q11_percent": "Your ROI looks like a percentage. Keep it as a fraction: -0.6 is a "
                           "loss of 60 cents on the euro.",
            # q12 sentence for the CFO
            "q12_hint1": "One sentence, no jargon: what moves, from where to where, what it "
                         "costs (nothing extra) and what it brings back in a month, in euros.",
            "q12_hint2": "For example: 'Moving X euros a day from LinkedIn to Instagram, at the "
                         "same total budget, should bring about Y euros more revenue in "
                         "October.'",
            "q12_claim": "Check what your sentence says about revenue: by the known curves, "
                         "moving the money brings about {gain:,.0f} euros more in October, at "
                         "the same budget.",
            "q12_missing": "Put the monthly gain ({gain:,.0f}) in the sentence, in euros: a "
                           "CFO decides on the number.",
        }
    }
)
_ = MESSAGES.text

LESSON = Lesson("07", _("title"), source=lessons_dir() / "07_paid_budget.ipynb")


# --------------------------------------------------------------------------------------------
# The learner's tables
# --------------------------------------------------------------------------------------------


def october_ads(data: CourseData) -> pd.DataFrame:
    """The campaigns table for October.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> october_ads(load_course_data())["date"].dt.month.unique().tolist()
    [10]
    """
    ads = data.campaigns
    return ads[ads["date"].dt.month == MONTH]


def channel_ads(data: CourseData, sales_only: bool = False) -> pd.DataFrame:
    """October's ad sets on the lesson's channel (its sales campaign only if ``sales_only``).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> channel_ads(load_course_data(), True)["objective"].unique().tolist()
    ['conversions']
    """
    ads = october_ads(data)
    ads = ads[ads["channel"] == CHANNEL]
    return ads[ads["objective"] == "conversions"] if sales_only else ads


def structure(data: CourseData) -> pd.DataFrame:
    """October's ad sets: one row per channel, campaign and ad set, with days and spend.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> structure(load_course_data()).columns.tolist()
    ['channel', 'campaign', 'ad_set', 'days', 'spend']
    """
    return (october_ads(data).groupby(["channel", "campaign", "ad_set"], observed=True)
            .agg(days=("date", "size"), spend=("spend", "sum")).reset_index())


def funnel_kpis(ads: pd.DataFrame, per_row: bool = False) -> pd.DataFrame:
    """CTR, CVR and CPA per ad set: ratios of the month's totals (or averages of daily ratios).

    Examples
    --------
    >>> ads = pd.DataFrame({"ad_set": ["a", "a"], "spend": [10.0, 30.0],
    ...                     "impressions": [1000, 1000], "clicks": [10, 30],
    ...                     "conversions": [1, 1]})
    >>> funnel_kpis(ads).round(3).to_dict("records")
    [{'CTR': 0.02, 'CVR': 0.05, 'CPA': 20.0}]
    """
    if per_row:
        rows = ads.assign(CTR=ads["clicks"] / ads["impressions"],
                          CVR=ads["conversions"] / ads["clicks"].where(ads["clicks"] > 0),
                          CPA=ads["spend"] / ads["conversions"].where(ads["conversions"] > 0))
        return rows.groupby("ad_set")[["CTR", "CVR", "CPA"]].mean()
    totals = ads.groupby("ad_set")[["spend", "impressions", "clicks", "conversions"]].sum()
    return pd.DataFrame({"CTR": totals["clicks"] / totals["impressions"],
                         "CVR": totals["conversions"] / totals["clicks"],
                         "CPA": totals["spend"] / totals["conversions"]})


def flight_plan(data: CourseData) -> pd.Series:
    """October's plan: the daily budgets of the ad sets that run each day, per date.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> len(flight_plan(load_course_data()))
    31
    """
    return october_ads(data).groupby("date")["daily_budget"].sum().rename("planned")


def lifetime_budget(data: CourseData) -> float:
    """October's lifetime budget for paid social: the flight plan's total.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> lifetime_budget(data) == float(flight_plan(data).sum())
    True
    """
    return float(flight_plan(data).sum())


def first_half(data: CourseData) -> pd.DataFrame:
    """October's rows up to the pacing day, included."""
    ads = october_ads(data)
    return ads[ads["date"].dt.day <= PACING_DAY]


def planned_so_far(data: CourseData) -> float:
    """What the flight plan scheduled up to the pacing day (its cumulative spend to date).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> planned_so_far(data) < lifetime_budget(data) * PACING_DAY / DAYS  # flight on the 16th
    True
    """
    plan = flight_plan(data)
    return float(plan[plan.index.day <= PACING_DAY].sum())


def pace(data: CourseData) -> float:
    """Spend to the pacing day over the plan to date: above 1 is faster than planned.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> pace(load_course_data()) > 1
    True
    """
    return float(first_half(data)["spend"].sum() / planned_so_far(data))


def straight_line_pace(data: CourseData) -> float:
    """The mistaken pace: spend to date over budget x days gone by / days in the month.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> straight_line_pace(load_course_data()) < 1  # says under-spent: it is not
    True
    """
    return float(first_half(data)["spend"].sum() / (lifetime_budget(data) * PACING_DAY / DAYS))


def month_end(data: CourseData) -> float:
    """October's spend over its lifetime budget, once the month is over.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> month_end(load_course_data()) > 1
    True
    """
    return float(october_ads(data)["spend"].sum() / lifetime_budget(data))


# --------------------------------------------------------------------------------------------
# The known response curves and the budget plans
# --------------------------------------------------------------------------------------------


def _truth(data: CourseData):  # noqa: ANN202 - a smmlab.synth.truth.Truth
    return course_truth(data)["campaigns"]


def revenue_per_day(data: CourseData, channel: str, spend: float) -> float:
    """Known incremental revenue per day of ``channel`` at a daily ``spend`` (the true curve).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> revenue_per_day(load_course_data(), "Instagram", 0.0)
    0.0
    """
    return float(response_curve(_truth(data), channel, float(spend)))


def daily_spend(data: CourseData) -> pd.Series:
    """Today's plan: October's average daily spend per channel.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> "Instagram" in daily_spend(load_course_data()).index
    True
    """
    spend = october_ads(data).groupby("channel", observed=True)["spend"].sum() / DAYS
    spend.index = spend.index.astype(str)
    return spend.rename("daily_spend")


def roas_table(october: pd.DataFrame, truth: Truth) -> pd.DataFrame:
    """Per channel: October's daily spend, average and marginal ROAS on the known curve at
    that spend (the next euro: the curve at spend + 1 minus the curve at spend), and the ROAS
    the platform reports.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> table = roas_table(october_ads(data), course_truth(data)["campaigns"])
    >>> table.columns.tolist()
    ['daily_spend', 'average_roas', 'marginal_roas', 'platform_roas']
    """
    today = october.groupby("channel", observed=True)["spend"].sum() / DAYS
    today.index = today.index.astype(str)
    ads = october.groupby("channel", observed=True)[["spend", "revenue"]].sum()
    ads.index = ads.index.astype(str)
    now = pd.Series({ch: float(response_curve(truth, ch, s)) for ch, s in today.items()})
    nxt = pd.Series({ch: float(response_curve(truth, ch, s + 1)) for ch, s in today.items()})
    return pd.DataFrame({"daily_spend": today, "average_roas": now / today,
                         "marginal_roas": nxt - now,
                         "platform_roas": ads["revenue"] / ads["spend"]})


def channel_returns(data: CourseData) -> pd.DataFrame:
    """Per channel: today's daily spend, average and marginal ROAS (known curve), platform ROAS.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> channel_returns(load_course_data()).columns.tolist()
    ['daily_spend', 'average_roas', 'marginal_roas', 'platform_roas']
    """
    return data.cached(("07", "channel_returns"),
                       lambda d: roas_table(october_ads(d), _truth(d)))


def best_by(data: CourseData, column: str) -> str:
    """The channel at the top of one column of :func:`channel_returns`.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> best_by(data, "average_roas") != best_by(data, "marginal_roas")
    True
    """
    return str(channel_returns(data)[column].idxmax())


def equal_marginal_split(curve: Callable[[str, float], float], plan: Mapping[str, float],
                         step: float) -> pd.Series:
    """Move ``step`` a day at a time from the channel whose last step earns least to the one
    whose next step earns most, while that raises revenue: the equal-marginal split.

    Parameters
    ----------
    curve : callable
        ``curve(channel, daily_spend)``: revenue per day.
    plan : mapping
        Channel -> daily spend to start from; the total never changes.
    step : float
        Money moved at a time (a day's spend).

    Returns
    -------
    pandas.Series
        Daily spend per channel; at the end, no move of ``step`` raises revenue.

    Examples
    --------
    >>> curves = {"a": lambda x: 10 * x ** 0.5, "b": lambda x: 5 * x ** 0.5}
    >>> split = equal_marginal_split(lambda ch, x: curves[ch](x), {"a": 50.0, "b": 50.0}, 1.0)
    >>> split.to_dict()
    {'a': 80.0, 'b': 20.0}
    """
    split = pd.Series(dict(plan), dtype=float)
    for _ in range(MAX_MOVES):
        more = pd.Series({ch: curve(ch, x + step) - curve(ch, x) for ch, x in split.items()})
        less = pd.Series({ch: curve(ch, x) - curve(ch, x - step) for ch, x in split.items()
                          if x >= step})
        if less.empty:
            break
        to, source = more.idxmax(), less.idxmin()
        if to == source or more[to] <= less[source]:
            break
        split[source] -= step
        split[to] += step
    return split


def best_split(data: CourseData) -> pd.Series:
    """The equal-marginal split of today's budget (steps of half a percent of it).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> plan_revenue(data, best_split(data)) >= plan_revenue(data, new_plan(data))
    True
    """
    def build(d: CourseData) -> pd.Series:
        today = daily_spend(d)
        return equal_marginal_split(lambda ch, x: revenue_per_day(d, ch, x), today,
                                    float(today.sum()) * STEP_SHARE)

    return data.cached(("07", "best_split"), build)


def next_euro_roi(data: CourseData) -> float:
    """ROI on gross profit of one more euro a day on the best channel today (by marginal
    ROAS): marginal ROAS x gross margin - 1. Below 0, the next euro loses money.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> roi = next_euro_roi(data)
    >>> bool((roi < 0) == (channel_returns(data)["marginal_roas"].max() < 1 / margin(data)))
    True
    """
    return float(channel_returns(data)["marginal_roas"].max() * margin(data) - 1)


def plan_revenue(data: CourseData, plan: Mapping[str, float]) -> float:
    """Known revenue per day of a plan (channel -> daily spend).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> plan_revenue(data, new_plan(data)) > plan_revenue(data, daily_spend(data))
    True
    """
    return float(sum(revenue_per_day(data, ch, s) for ch, s in dict(plan).items()))


def _best_worst(data: CourseData) -> tuple[str, str]:
    marginal = channel_returns(data)["marginal_roas"]
    return str(marginal.idxmax()), str(marginal.idxmin())


def new_plan(data: CourseData) -> pd.Series:
    """Move half of the weakest channel's daily spend to the strongest (marginal ROAS)."""
    best, worst = _best_worst(data)
    plan = daily_spend(data).copy()
    moved = plan[worst] * MOVE_SHARE
    plan[worst] -= moved
    plan[best] += moved
    return plan


def all_in(data: CourseData, by: str = "average_roas") -> pd.Series:
    """The whole daily budget on the channel with the best ``by`` ROAS."""
    returns = channel_returns(data)
    plan = returns["daily_spend"] * 0.0
    plan[str(returns[by].idxmax())] = returns["daily_spend"].sum()
    return plan.rename("daily_spend")


def monthly_gain(data: CourseData) -> float:
    """Known extra revenue in October from :func:`new_plan`, at the same total budget."""
    return (plan_revenue(data, new_plan(data)) - plan_revenue(data, daily_spend(data))) * DAYS


def _naive_gain(data: CourseData, column: str) -> float:
    best, worst = _best_worst(data)
    returns = channel_returns(data)
    moved = returns.loc[worst, "daily_spend"] * MOVE_SHARE
    return float(moved * (returns.loc[best, column] - returns.loc[worst, column]) * DAYS)


# --------------------------------------------------------------------------------------------
# Step 1 and 2: structure and funnel KPIs
# --------------------------------------------------------------------------------------------

q1 = ValueExercise(
    variable="n_ad_sets",
    expected=lambda d: len(structure(d)),
    rel_tol=0.0,
    abs_tol=0.5,
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("campaigns", lambda d: int(structure(d)[["channel", "campaign"]]
                                           .drop_duplicates().shape[0]), _("q1_campaigns")),
        Mistake("rows", lambda d: len(october_ads(d)), _("q1_rows")),
        Mistake("names", lambda d: int(october_ads(d)["ad_set"].nunique()), _("q1_names")),
    ),
    right=(Variant(lambda d: float(len(structure(d))), "a float"),
           Variant(lambda d: np.int64(len(structure(d))), "a numpy integer")),
    wrong=(Variant(lambda d: int(structure(d)[["channel", "campaign"]].drop_duplicates()
                                 .shape[0]), "the campaigns", says="number of campaigns"),
           Variant(lambda d: len(october_ads(d)), "the rows", says="one per ad set and per day"),
           Variant(lambda d: int(october_ads(d)["ad_set"].nunique()), "the ad set names",
                   says="counts once")),
)


def _ig_kpis(data: CourseData) -> pd.DataFrame:
    return funnel_kpis(channel_ads(data))


def _rates_in_percent(answer: Any, data: CourseData) -> bool:
    """True if the table's CTR and CVR are the right ones written x100."""
    if not isinstance(answer, pd.DataFrame):
        return False
    columns = {normal_text(c): c for c in answer.columns}
    if not {"ctr", "cvr"} <= set(columns):
        return False
    fixed = answer.assign(**{columns[k]: answer[columns[k]] / 100 for k in ("ctr", "cvr")})
    return same(fixed, _ig_kpis(data))


q2 = ValueExercise(
    variable="ig_kpis",
    expected=_ig_kpis,
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("per_row", lambda d: funnel_kpis(channel_ads(d), per_row=True), _("q2_per_row")),
        Mistake("cvr_by_impressions", lambda d: _ig_kpis(d).assign(
            CVR=lambda k: k["CVR"] * k["CTR"]), _("q2_cvr_impressions")),
        Mistake("percent", None, _("q2_percent"), when=_rates_in_percent),
    ),
    right=(Variant(_ig_kpis, "the solution"),
           Variant(lambda d: _ig_kpis(d).round(4), "rates to 4 decimals (.round(4))"),
           Variant(lambda d: _ig_kpis(d).rename_axis(None), "an index without a name "
                   "(as the grader receives it)"),
           Variant(lambda d: _ig_kpis(d).reset_index(), "ad sets as a column"),
           Variant(lambda d: _ig_kpis(d).rename(columns=str.lower).iloc[::-1],
                   "lower-case columns, rows in another order")),
    wrong=(Variant(lambda d: funnel_kpis(channel_ads(d), per_row=True), "averages of daily ratios",
                   says="averages of the daily ratios"),
           Variant(lambda d: _ig_kpis(d).assign(CVR=lambda k: k["CVR"] * k["CTR"]),
                   "CVR over impressions", says="conversions / clicks"),
           Variant(lambda d: _ig_kpis(d).assign(CTR=lambda k: k["CTR"] * 100,
                                                CVR=lambda k: k["CVR"] * 100),
                   "rates in percent", says="percentages"),
           Variant(lambda d: _ig_kpis(d).assign(CPA=lambda k: np.roll(k["CPA"].to_numpy(), 1)),
                   "CPA on the wrong ad sets", says="column 'CPA'"),
           Variant(lambda d: _ig_kpis(d).drop(columns="CPA"), "no CPA column", says="CPA")),
)


def _sales_cpa(data: CourseData) -> float:
    ads = channel_ads(data, sales_only=True)
    return float(ads["spend"].sum() / ads["conversions"].sum())


q3 = ValueExercise(
    variable="ig_sales_cpa",
    expected=_sales_cpa,
    tier="warm-up",
    hints=(_("q3_hint1"), _("q3_hint2")),
    mistakes=(
        Mistake("averaged_ad_sets", lambda d: float(
            funnel_kpis(channel_ads(d, sales_only=True))["CPA"].mean()), _("q3_averaged")),
        Mistake("all_campaigns", lambda d: float(channel_ads(d)["spend"].sum()
                                                 / channel_ads(d)["conversions"].sum()),
                _("q3_all")),
        Mistake("upside_down", lambda d: 1 / _sales_cpa(d), _("q3_upside_down")),
    ),
    right=(Variant(lambda d: round(_sales_cpa(d), 2), "in euros and cents"),
           Variant(lambda d: cpa(channel_ads(d, sales_only=True), aggregate="total"),
                   "cpa(ig_sales, aggregate=\"total\")")),
    wrong=(Variant(lambda d: float(funnel_kpis(channel_ads(d, sales_only=True))["CPA"].mean()),
                   "the average of the two CPAs", says="average of the two ad sets"),
           Variant(lambda d: float(channel_ads(d)["spend"].sum()
                                   / channel_ads(d)["conversions"].sum()),
                   "both campaigns", says="awareness campaign"),
           Variant(lambda d: round(1 / _sales_cpa(d), 4), "conversions / spend",
                   says="spend / conversions")),
)


def _cpa_chart(values: pd.Series, *, title: str = "Instagram in October: what one sale cost, "
               "by ad set", alt: str | None = None, horizontal: bool = False) -> Figure:
    """A bar chart a learner might draw for q4 (the exercise's own variants)."""
    import matplotlib.pyplot as plt

    from smmlab import viz

    fig, ax = plt.subplots()
    (ax.barh if horizontal else ax.bar)([str(k) for k in values.index], values.to_numpy())
    ax.set_title(title)
    ax.set_xlabel("Ad set")
    ax.set_ylabel("Cost per purchase (EUR)")
    if alt != "":
        viz.set_alt_text(fig, alt if alt is not None else
                         f"Bar chart of the cost per purchase of Instagram's ad sets. "
                         f"{values.idxmin()} is the cheapest at {values.min():.2f} euros.")
    plt.close(fig)
    return fig


def _cpa(data: CourseData) -> pd.Series:
    return _ig_kpis(data)["CPA"]


q4 = ChartExercise(
    variable="fig",
    expected=_cpa,
    title_words=(("CPA", "cost", "coût", "price", "prezzo", "prix", "per purchase", "per sale",
                  "per acquisition", "per conversion"),),
    hints=(_("q4_hint1"), _("q4_hint2")),
    right=(Variant(lambda d: _cpa_chart(_cpa(d)), "one bar per ad set"),
           Variant(lambda d: _cpa_chart(_cpa(d).sort_values()), "bars sorted by CPA"),
           Variant(lambda d: _cpa_chart(_cpa(d), horizontal=True), "horizontal bars"),
           Variant(lambda d: _cpa_chart(_cpa(d), title="Costo per acquisto per ad set, ottobre"),
                   "an Italian title")),
    wrong=(Variant(lambda d: _cpa_chart(_ig_kpis(d)["CTR"]), "the CTR plotted",
                   says="in your chart"),
           Variant(lambda d: _cpa_chart(pd.Series(np.roll(_cpa(d).to_numpy(), 1),
                                                  index=_cpa(d).index)),
                   "values on the wrong ad sets", says="in your chart"),
           Variant(lambda d: _cpa_chart(_cpa(d), title="ROAS by ad set, October"),
                   "a title about ROAS", says="title should mention"),
           Variant(lambda d: _cpa_chart(_cpa(d), alt=""), "no alt text", says="alt text"),
           Variant(lambda d: _cpa_chart(_cpa(d), alt=(
               f"Bar chart of the cost per purchase by ad set. {_cpa(d).idxmax()} is the "
               "cheapest.")), "alt text naming the dearest bar as the cheapest",
               says="lowest")),
)

# --------------------------------------------------------------------------------------------
# Step 3: pacing
# --------------------------------------------------------------------------------------------


def _spent(data: CourseData) -> float:
    return float(first_half(data)["spend"].sum())


def _pace_in_percent(answer: Any, data: CourseData) -> bool:
    return is_number(answer) and Tolerance().close(float(answer) / 100, pace(data))


q5 = ValueExercise(
    variable="pace",
    expected=pace,
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(
        Mistake("straight_line", straight_line_pace, lambda d: _(
            "q5_straight_line", straight=lifetime_budget(d) * PACING_DAY / DAYS,
            planned=planned_so_far(d))),
        Mistake("whole_budget", lambda d: _spent(d) / lifetime_budget(d), _("q5_whole_budget")),
        Mistake("upside_down", lambda d: 1 / pace(d), _("q5_upside_down")),
        Mistake("percent", None, _("q5_percent"), when=_pace_in_percent),
    ),
    right=(Variant(lambda d: round(pace(d), 2), "two decimals"),
           Variant(lambda d: round(pace(d), 3), "three decimals"),
           Variant(lambda d: _spent(d) / float(first_half(d)["daily_budget"].sum()),
                   "the daily budgets of the rows so far (the same plan)")),
    wrong=(Variant(straight_line_pace, "budget x 15 / 31 (a straight line)",
                   says="awareness flight starts on 16 October"),
           Variant(lambda d: round(straight_line_pace(d), 2), "the straight line, rounded",
                   says="straight line"),
           Variant(lambda d: _spent(d) / lifetime_budget(d), "against the whole month's budget",
                   says="days gone by"),
           Variant(lambda d: 1 / pace(d), "upside down", says="spend on top"),
           Variant(lambda d: round(pace(d) * 100, 1), "in percent", says="percentage")),
)

# --------------------------------------------------------------------------------------------
# Step 4: diminishing returns
# --------------------------------------------------------------------------------------------


def _average_message(data: CourseData) -> str:
    channel = best_by(data, "average_roas")
    returns = channel_returns(data)
    also = (_("q6_also_platform") if best_by(data, "platform_roas") == channel else "")
    return _("q6_average", channel=channel, average=float(returns.loc[channel, "average_roas"]),
             marginal=float(returns.loc[channel, "marginal_roas"]), also=also)


def _names(answer: Any, data: CourseData, channel: str) -> bool:
    return isinstance(answer, str) and same(answer, channel)


def _platform_pick(answer: Any, data: CourseData) -> bool:
    platform = best_by(data, "platform_roas")
    return platform != best_by(data, "average_roas") and _names(answer, data, platform)


def _other_channel(answer: Any, data: CourseData) -> bool:
    return any(_names(answer, data, ch) for ch in channel_returns(data).index
               if ch != best_by(data, "marginal_roas"))


def _platform_or_average(data: CourseData) -> str:
    """The platform's favourite, or the average's when the platform's is one of the others."""
    platform = best_by(data, "platform_roas")
    if platform in (best_by(data, "average_roas"), best_by(data, "marginal_roas")):
        return best_by(data, "average_roas")
    return platform


q6 = ValueExercise(
    variable="next_channel",
    expected=lambda d: best_by(d, "marginal_roas"),
    hints=(_("q6_hint1"), _("q6_hint2")),
    mistakes=(
        Mistake("average_roas", lambda d: best_by(d, "average_roas"), _average_message),
        Mistake("platform_roas", None, lambda d: _(
            "q6_platform", marginal=float(channel_returns(d).loc[best_by(d, "platform_roas"),
                                                                 "marginal_roas"])),
                when=_platform_pick),
        Mistake("other_channel", None, _("q6_other"), when=_other_channel),
    ),
    right=(Variant(lambda d: best_by(d, "marginal_roas").lower(), "in lower case"),
           Variant(lambda d: f" {best_by(d, 'marginal_roas')} ", "with spaces")),
    wrong=(Variant(lambda d: best_by(d, "average_roas"), "the best average ROAS",
                   says="best average ROAS"),
           Variant(_platform_or_average, "the platform's favourite", says="next euro"),
           Variant(lambda d: str(channel_returns(d)["marginal_roas"].idxmin()),
                   "the weakest next euro", says="marginal_roas column")),
)


def _extra_cases(data: CourseData) -> list[tuple[tuple, Any]]:
    """Each channel at today's daily spend plus EXTRA, at half of it plus 2.5 x EXTRA, and
    one case with nothing extra (no extra revenue)."""
    today = daily_spend(data)
    args = [(ch, round(float(s), 2), EXTRA) for ch, s in today.items()]
    args += [(ch, round(float(s) / 2, 2), 2.5 * EXTRA) for ch, s in today.items()]
    args.append((str(today.idxmax()), round(float(today.max()), 2), 0.0))
    return [(a, revenue_per_day(data, a[0], a[1] + a[2]) - revenue_per_day(data, a[0], a[1]))
            for a in args]


def _wrong_extra(data: CourseData, how: str):  # noqa: ANN202 - returns a function
    returns = channel_returns(data)

    def average(channel: str, spend: float, extra: float) -> float:
        return revenue_per_day(data, channel, spend) / spend * extra

    def attributed(channel: str, spend: float, extra: float) -> float:
        return float(returns.loc[channel, "platform_roas"]) * extra

    def total(channel: str, spend: float, extra: float) -> float:
        return float("nan") if extra == 0 else revenue_per_day(data, channel, spend + extra)

    return {"average": average, "attributed": attributed, "total": total}[how]


def _extra_revenue(data: CourseData, cents: bool = False):  # noqa: ANN202 - a function
    """The learner's function, as the solution writes it (the exercise's own variants)."""
    def extra_revenue(channel: str, spend: float, extra: float) -> float:
        gain = revenue_per_day(data, channel, spend + extra) - revenue_per_day(data, channel,
                                                                               spend)
        return round(gain, 2) if cents else gain

    return extra_revenue


q7 = FunctionExercise(
    variable="extra_revenue",
    cases=_extra_cases,
    rel_tol=1e-4,
    abs_tol=0.005,  # money to the cent: a result rounded to cents is right
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(
        Mistake("average_roas", lambda d: _wrong_extra(d, "average"), _("q7_average")),
        Mistake("platform_roas", lambda d: _wrong_extra(d, "attributed"), _("q7_attributed")),
        Mistake("total_not_extra", lambda d: _wrong_extra(d, "total"), _("q7_total")),
    ),
    right=(Variant(_extra_revenue, "the curve at both spends"),
           Variant(lambda d: _extra_revenue(d, cents=True), "rounded to cents")),
    wrong=(Variant(lambda d: _wrong_extra(d, "average"), "extra x average ROAS",
                   says="average ROAS"),
           Variant(lambda d: _wrong_extra(d, "attributed"), "extra x platform ROAS",
                   says="attributed"),
           Variant(lambda d: lambda ch, s, e: revenue_per_day(d, ch, s + e),
                   "the revenue at the new spend", says="subtract"),
           Variant(lambda d: lambda ch, s, e: e * (revenue_per_day(d, ch, s + 1)
                                                   - revenue_per_day(d, ch, s)),
                   "extra x the next euro's return", says="expected")),
)

# --------------------------------------------------------------------------------------------
# Step 5: reallocate a fixed budget
# --------------------------------------------------------------------------------------------


def _only_added(data: CourseData) -> pd.Series:
    best, worst = _best_worst(data)
    plan = daily_spend(data).copy()
    plan[best] += plan[worst] * MOVE_SHARE
    return plan


def _not_adding_up(answer: Any, data: CourseData) -> bool:
    """True for a plan of daily spends whose total is not the budget."""
    plan = pd.Series(answer) if isinstance(answer, dict) else answer
    if isinstance(plan, pd.DataFrame) and plan.shape[1] == 1:
        plan = plan.iloc[:, 0]
    if not (isinstance(plan, pd.Series) and pd.api.types.is_numeric_dtype(plan)):
        return False
    return not math.isclose(float(plan.sum()), float(daily_spend(data).sum()), rel_tol=1e-3,
                            abs_tol=0.01)


def _moved(data: CourseData, share: float) -> pd.Series:
    best, worst = _best_worst(data)
    plan = daily_spend(data).copy()
    moved = plan[worst] * share
    plan[worst] -= moved
    plan[best] += moved
    return plan


q8 = ValueExercise(
    variable="new_plan",
    expected=new_plan,
    hints=(_("q8_hint1"), _("q8_hint2")),
    mistakes=(
        Mistake("all_in", all_in, _("q8_all_in")),
        Mistake("only_added", _only_added, _("q8_only_added")),
        Mistake("not_adding_up", None,
                lambda d: _("q8_not_adding_up", budget=float(daily_spend(d).sum())),
                when=_not_adding_up),
    ),
    right=(Variant(new_plan, "the solution"),
           Variant(lambda d: new_plan(d).round(2), "in euros and cents"),
           Variant(lambda d: new_plan(d).iloc[::-1], "channels in another order"),
           Variant(lambda d: new_plan(d).to_dict(), "a dict")),
    wrong=(Variant(all_in, "everything on the best average ROAS", says="whole budget"),
           Variant(_only_added, "added without taking", says="did not take it"),
           Variant(lambda d: new_plan(d).add(pd.Series({new_plan(d).index[0]: 50.0}),
                                             fill_value=0), "50 euros too many",
                   says="does not create"),
           Variant(lambda d: _moved(d, 1.0), "the whole weakest budget moved",
                   says="new_plan: for"),
           Variant(daily_spend, "today's plan unchanged", says="new_plan: for")),
)


def _plan_revenues(data: CourseData) -> dict[str, float]:
    return {"keep the plan": plan_revenue(data, daily_spend(data)),
            "move half": plan_revenue(data, new_plan(data)),
            "all on the best channel": plan_revenue(data, all_in(data))}


def _best_plan(data: CourseData) -> str:
    return max((r, p) for p, r in _plan_revenues(data).items())[1]


def _plan_why(data: CourseData) -> dict[str, str]:
    """Why each plan that is not the best is not, from this brand's curves and numbers."""
    rev = _plan_revenues(data)
    returns = channel_returns(data)
    best, worst = _best_worst(data)
    revenues = _("q9_revenues", keep=rev["keep the plan"], move=rev["move half"],
                 all_in=rev["all on the best channel"], best=best_by(data, "average_roas"))
    favourite = best_by(data, "average_roas")
    budget = float(daily_spend(data).sum())
    flat = revenue_per_day(data, favourite, budget + 1) - revenue_per_day(data, favourite, budget)
    moved = new_plan(data)
    why = {
        "all on the best channel": _("q9_all_in", best=favourite, budget=budget, marginal=flat),
        "keep the plan": _("q9_keep_loses", to=best, source=worst,
                           high=float(returns.loc[best, "marginal_roas"]),
                           low=float(returns.loc[worst, "marginal_roas"])),
        "move half": _("q9_move_overshoots", to=best, source=worst,
                       high=revenue_per_day(data, best, moved[best] + 1)
                       - revenue_per_day(data, best, moved[best]),
                       low=(revenue_per_day(data, worst, daily_spend(data)[worst])
                            - revenue_per_day(data, worst, moved[worst]))
                       / max(daily_spend(data)[worst] - moved[worst], 1e-9)),
    }
    return {plan: f"{reason} {revenues}" for plan, reason in why.items()}


q9 = DecisionExercise(
    variable="best_plan",
    choices=PLANS,
    expected=_best_plan,
    why=_plan_why,
    aliases={"keep the plan": ("keep", "today", "mantieni il piano", "garder le plan"),
             "move half": ("move", "new_plan", "new plan", "sposta metà", "sposta la metà",
                           "déplacer la moitié"),
             "all on the best channel": ("all in", "all_in", "tutto sul canale migliore",
                                         "tout sur le meilleur canal")},
    hints=(_("q9_hint1"), _("q9_hint2")),
    right=(Variant(lambda d: _best_plan(d).capitalize(), "capitalised"),
           Variant(lambda d: "new_plan" if _best_plan(d) == "move half" else _best_plan(d),
                   "the plan's variable name"),
           Variant(lambda d: "sposta metà" if _best_plan(d) == "move half" else _best_plan(d),
                   "in Italian")),
    wrong=(Variant(lambda d: "All on the best channel", "the agency's plan",
                   says="curve flattens"),
           Variant(lambda d: "keep" if _best_plan(d) != "keep the plan" else "move half",
                   "the other plan", says=lambda d: ("for the same budget"
                                                     if _best_plan(d) != "keep the plan"
                                                     else "overshoots")),
           Variant(lambda d: "best ROAS", "not one of the three", says="must be one of")),
)

q10 = ValueExercise(
    variable="monthly_gain",
    expected=monthly_gain,
    tier="stretch",
    hints=(_("q10_hint1"), _("q10_hint2")),
    mistakes=(
        Mistake("per_day", lambda d: monthly_gain(d) / DAYS, _("q10_per_day")),
        Mistake("platform_roas", lambda d: _naive_gain(d, "platform_roas"), _("q10_attributed")),
        Mistake("average_roas", lambda d: _naive_gain(d, "average_roas"), _("q10_average")),
    ),
    right=(Variant(lambda d: round(monthly_gain(d)), "whole euros"),
           Variant(lambda d: round(monthly_gain(d), 2), "euros and cents")),
    wrong=(Variant(lambda d: monthly_gain(d) / DAYS, "per day", says="multiply by the 31 days"),
           Variant(lambda d: _naive_gain(d, "platform_roas"), "with the platforms' ROAS",
                   says="attributed"),
           Variant(lambda d: _naive_gain(d, "average_roas"), "with the average ROAS",
                   says="average ROAS")),
)


def _roi_in_percent(answer: Any, data: CourseData) -> bool:
    return is_number(answer) and Tolerance().close(float(answer) / 100, next_euro_roi(data))


q11 = ValueExercise(
    variable="next_euro_roi",
    expected=next_euro_roi,
    hints=(_("q11_hint1"), _("q11_hint2")),
    mistakes=(
        Mistake("on_revenue", lambda d: float(channel_returns(d)["marginal_roas"].max() - 1),
                lambda d: _("q11_on_revenue", margin=margin(d))),
        Mistake("average_roas", lambda d: float(channel_returns(d)["average_roas"].max()
                                                * margin(d) - 1), _("q11_average")),
        Mistake("percent", None, _("q11_percent"), when=_roi_in_percent),
    ),
    right=(Variant(lambda d: round(next_euro_roi(d), 2), "two decimals"),
           Variant(lambda d: (channel_returns(d)["marginal_roas"].max() * margin(d) - 1)
                   / 1.0, "(revenue x margin - cost) / cost for one euro")),
    wrong=(Variant(lambda d: float(channel_returns(d)["marginal_roas"].max() - 1),
                   "ROI on revenue", says="gross margin"),
           Variant(lambda d: float(channel_returns(d)["average_roas"].max() * margin(d) - 1),
                   "the average ROAS", says="next euro"),
           Variant(lambda d: round(next_euro_roi(d) * 100, 1), "in percent",
                   says="percentage")),
)


def mentions_number(text: str, value: float, rel_tol: float = 0.05) -> bool:
    """True if ``text`` writes ``value``, within ``rel_tol``.

    The claims reader's :func:`smmlab.report.claims.mentions`, kept under this name for
    lesson 11, which imports it; new code calls the claims reader itself.

    Examples
    --------
    >>> mentions_number("about €1.234 more in October", 1234.4)
    True
    >>> mentions_number("about 1,2k euros more", 1234.4), mentions_number("12 more", 1234.4)
    (True, False)
    """
    from smmlab.report.claims import mentions

    return mentions(text, value, rel_tol=rel_tol)


def _misstates_the_gain(sentence: Any, data: CourseData) -> bool:
    """True if the sentence says revenue goes the wrong way, or gives revenue a wrong number
    and writes the gain nowhere ("1,179 euros of sales budget ... 482 euros more" is right)."""
    from smmlab.report.claims import check_claim, read_claims

    text, gain = str(sentence), monthly_gain(data)
    wrong_way = "down" if gain > 0 else "up"
    if any(c.kpi == "revenue" and c.direction == wrong_way for c in read_claims(text)):
        return True
    return not mentions_number(text, gain) and check_claim(
        text, {"revenue": gain}, relative=False, tolerance=0.05 * abs(gain),
        what="sentence") is not None


def _no_gain(sentence: Any, data: CourseData) -> bool:
    return not mentions_number(str(sentence), monthly_gain(data))


def _cfo(data: CourseData, gain: float | None = None, *, verb: str = "bring about",
         more: str = "more") -> str:
    """A sentence a learner might write (the exercise's own variants)."""
    best, worst = _best_worst(data)
    moved = daily_spend(data)[worst] * MOVE_SHARE * DAYS
    gain = monthly_gain(data) if gain is None else gain
    return (f"If we move {moved:,.0f} euros of October's ad money from {worst} to {best}, "
            f"keeping the same total budget, it should {verb} {gain:,.0f} euros {more} sales "
            "in the month.")


q12 = ReflectionExercise(
    variable="cfo_sentence",
    min_words=15,
    tier="stretch",
    hints=(_("q12_hint1"), _("q12_hint2")),
    mistakes=(
        Mistake("wrong_claim", None,
                lambda d: _("q12_claim", gain=monthly_gain(d)), when=_misstates_the_gain),
        Mistake("no_number", None, lambda d: _("q12_missing", gain=monthly_gain(d)),
                when=_no_gain),
    ),
    right=(Variant(_cfo, "the solution's sentence"),
           Variant(lambda d: (f"Spostando i soldi tra i canali, a parità di budget, i ricavi "
                              f"salgono di circa {monthly_gain(d):,.0f} euro a ottobre."
                              .replace(",", ".")), "in Italian, 1.234 written the Italian way"),
           Variant(lambda d: (f"Same total budget, money moved from the weakest channel to the "
                              f"best one: about {monthly_gain(d) / 1000:.1f}k euros more revenue "
                              "in October."), "in thousands (2.4k)"),
           Variant(lambda d: _cfo(d).replace("of October's ad money", "of sales budget"),
                   "another number in a clause about sales, the gain written too")),
    wrong=(Variant(lambda d: _cfo(d).replace(f"{monthly_gain(d):,.0f} euros", "a lot"),
                   "no number", says="monthly gain"),
           Variant(lambda d: _cfo(d, 2 * monthly_gain(d)), "a number twice the gain",
                   says="more in October"),
           Variant(lambda d: _cfo(d, verb="make revenue fall by", more="of"),
                   "revenue falling", says="more in October"),
           Variant(lambda d: f"{monthly_gain(d):,.0f} euros more.", "too short",
                   says="at least 15 words")),
)

__all__ = LESSON.bind(globals())
