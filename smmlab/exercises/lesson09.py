"""Lesson 09: From social to business: ROI (costs, holdout, savings, attribution).

In the notebook: ``from smmlab.exercises.lesson09 import *`` gives ``setup``,
``q1`` ... ``q9``, ``check_all`` and the ``____`` placeholder.

Every expected answer is recomputed from the learner's own data. The only fixed numbers are
the lesson's stated assumptions (content, tools and agency costs, the net saving of a question
answered on social, the time-decay half-life); the notebook states each of them. The brand's
gross margin is data (``data["brand"]["gross_margin"]``).

Money follows the course's rule: an ROI is on **gross profit** (revenue x gross margin), never
on revenue, computed with :func:`smmlab.metrics.roi`; the line an incremental ROAS must beat is
the break-even ROAS, ``1 / margin``, times ``1 + AGENCY_FEE`` when the agency's fee is a cost of
the ads (:func:`break_even`). Costs and returns always cover the same scope: the ads' costs
(spend and the agency's fee) against the ads' revenue (q2), or every cost of social against
everything social returns that can be measured (q8), with the return nobody measured (sales
from organic posts) named in the notebook.

The holdout's estimate comes with a 95 % t-interval over its weekly differences
(:func:`holdout_interval`): with 8 weeks the t-value is 2.36, not 1.96. The verdict (q9) reads
that interval against the break-even line: above it, below it, or across it ("the test cannot
tell").

The chart of exercise 4 is read label with value: its two bars may be labelled in the
learner's words ("Attributed", "Holdout (incremental)", "Piattaforme"...), and a bar that
shows the other bar's figure fails. The time-decay function of exercise 7 is tried on
journeys whose touches are whole days apart, so an age in whole days (``.dt.days``) and in
fractional days (``total_seconds() / 86400``) are both right: the notebook does not say which.

Examples
--------
>>> from smmlab.exercises import lesson09
>>> data = lesson09.setup(quiet=True)
>>> credit = lesson09.linear_credit(data.paths)
>>> round(float(credit.sum()), 2) == round(float(data.paths["order_value"].sum()), 2)
True
>>> lesson09.q6.check_answers({"linear": credit}, data).correct
True
>>> low, high = lesson09.holdout_interval(data)
>>> bool(low < lesson09.incremental_roas(data) < high)
True
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.business import incremental_roas, margin
from smmlab.exercises.compare import is_number, normal_text
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant, swapped
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    ValueExercise,
)
from smmlab.metrics import break_even_roas, roi
from smmlab.stats.means import t_value

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from smmlab.viz.figure_model import FigureModel

#: The lesson's stated assumptions, per year unless said otherwise.
CONTENT_PER_MONTH = 1200.0  # photo and video production, euros a month
TOOLS_PER_MONTH = 250.0  # scheduling, listening and analytics tools, euros a month
AGENCY_FEE = 0.15  # the agency's fee, as a share of ad spend
COST_PER_TICKET = 6.0  # net saving of a question answered on social: a support ticket
#                        (about 8 euros) minus the social team's time to answer (about 2)
HALF_LIFE_DAYS = 7.0  # the time-decay model's half-life
CONFIDENCE = 0.95  # the holdout interval's confidence level
#: The verdict on the ads: the holdout's interval above, below or across the break-even line.
PAYS, LOSES, CANNOT_TELL = ("the ads pay for themselves", "the ads do not pay for themselves",
                            "the test cannot tell")
VERDICTS = (PAYS, LOSES, CANNOT_TELL)

MESSAGES = Catalog(
    {
        "en": {
            "title": "From social to business: ROI",
            # q1 ROAS of the year
            "q1_hint1": "ROAS is revenue ÷ ad spend: add up the year's revenue and spend in "
                        "data.campaigns, then divide.",
            "q1_hint2": "ads_roas = ads[\"revenue\"].sum() / ads[\"spend\"].sum()",
            "q1_roi": "That is (revenue - spend) ÷ spend, an \"ROI\" on revenue (the agency's "
                      "kind). ROAS is revenue ÷ spend, with nothing subtracted.",
            "q1_percent": "That is the ROAS x 100. ROAS is a multiple, euros back per euro "
                          "spent: write 1.6 for \"1.6x\", not 160 (the agency's \"160 %\" "
                          "mixes the two).",
            "q1_upside_down": "You divided spend by revenue. ROAS puts revenue on top: euros "
                              "back per euro spent.",
            # q2 ROI of the ads, on gross profit
            "q2_hint1": "Same scope on both sides: the ads' revenue against what the ads cost "
                        "(spend + the agency's 15 % fee, ad_cost). ROI is on gross profit: "
                        "revenue x MARGIN, minus the cost, ÷ the cost.",
            "q2_hint2": "ads_roi = roi(revenue=revenue, cost=ad_cost, margin=MARGIN), or by "
                        "hand: (revenue * MARGIN - ad_cost) / ad_cost",
            "q2_on_revenue": "That is the ROI on revenue, (revenue - cost) ÷ cost: it is right "
                             "only if the goods cost nothing. Your brand keeps {margin:.0%} of "
                             "each sale (MARGIN): take revenue x MARGIN as the profit, then "
                             "subtract the cost.",
            "q2_every_cost": "That counts content and tools as costs of the ads, but they also "
                             "make the posts, whose return is not in the ads' revenue: the two "
                             "sides no longer cover the same thing. Use ad_cost here; every cost "
                             "comes back in Step 5 with everything social returns.",
            "q2_no_fee": "That divides by the ad spend alone. The agency's fee is a cost of the "
                         "ads too: use ad_cost (spend + fee).",
            "q2_roas_as_roi": "That is gross profit ÷ cost, a return multiple, not an ROI. ROI "
                              "subtracts the cost first: (gross profit - cost) ÷ cost.",
            "q2_percent": "That is the ROI x 100, a percentage. Keep it as a share, as the "
                          "course writes rates: 0.25 for 25 %.",
            "q2_roas": "That is the ROAS again. ROI is (revenue x MARGIN - ad_cost) ÷ ad_cost.",
            # q3 incremental revenue per week
            "q3_hint1": "The two halves of the country are matched: without ads they would sell "
                        "the same. So the ads caused the difference between the average weekly "
                        "sales with the ads on and with them off.",
            "q3_hint2": "incremental_per_week = on[\"sales\"].mean() - off[\"sales\"].mean()",
            "q3_attributed": "That is what the platforms claimed each week (attributed revenue). "
                             "The holdout measures what the ads caused: sales with the ads on "
                             "minus sales with them off.",
            "q3_on_only": "That is the average weekly sales of the regions with ads: most of "
                          "those sales would have happened anyway. Subtract the regions "
                          "without ads.",
            "q3_total": "That is the difference over the whole test. The question asks per "
                        "week: use the means, not the sums.",
            # q4 chart
            "q4_hint1": "Two bars: the platforms' attributed revenue per week and the holdout's "
                        "incremental revenue per week. ax.bar(names, values).",
            "q4_hint2": "fig, ax = plt.subplots(); ax.bar([\"Platforms say\", \"Holdout "
                        "says\"], [attributed_per_week, incremental_per_week]); then a title, "
                        "both axis labels and viz.set_alt_text(fig, \"...\").",
            # q5 support savings
            "q5_hint1": "Count the questions the brand answered on social (kind == "
                        "\"question\" and a reply), then multiply by the cost of a ticket.",
            "q5_hint2": "answered = inbox[(inbox[\"kind\"] == \"question\") & "
                        "inbox[\"replied_at\"].notna()]; support_savings = len(answered) * 6",
            "q5_all_replied": "That counts every reply: praise and complaints too. Only the "
                              "questions would have become support tickets.",
            "q5_count_only": "That is the number of questions answered. The savings are in "
                             "euros: multiply by COST_PER_TICKET.",
            "q5_all_questions": "That counts every question, answered or not. An unanswered "
                                "question saved nothing: keep those with a reply.",
            # q6 linear attribution
            "q6_hint1": "Linear attribution shares each order equally between its touches: a "
                        "customer with 4 touches gives each a quarter of the order value.",
            "q6_hint2": "share = paths.groupby(\"customer_id\")[\"order_value\"].transform("
                        "\"sum\") / paths.groupby(\"customer_id\")[\"touch\"].transform("
                        "\"size\"); linear = share.groupby(paths[\"channel\"], "
                        "observed=True).sum()",
            "q6_double_counting": "Each touch got the whole order value, so a customer with 4 "
                                  "touches is counted 4 times: the credit adds up to more than "
                                  "the sales. Divide each order by its number of touches.",
            "q6_last_click": "That is last-click credit: each order goes to its last touch. "
                             "Linear attribution shares it equally between all the customer's "
                             "touches.",
            "q6_touches": "That counts touches per channel. Attribution shares the order "
                          "value (euros), not the touches.",
            # q7 time decay
            "q7_hint1": "A touch's age is the days from it to the order (the last touch). Its "
                        "weight is 0.5 ** (age / half_life_days); the credit is the order value "
                        "x weight ÷ the sum of the weights, summed by channel.",
            "q7_hint2": "age = (path[\"timestamp\"].max() - path[\"timestamp\"]).dt."
                        "total_seconds() / 86400; weight = 0.5 ** (age / half_life_days); "
                        "return (path[\"order_value\"].sum() * weight / weight.sum())"
                        ".groupby(path[\"channel\"]).sum()",
            "q7_not_normalised": "Your credits do not add up to the order value: divide the "
                                 "weights by their sum before multiplying by the order.",
            "q7_reversed": "Your function gives the oldest touches the most credit. Time decay "
                           "favours the touches closest to the order: the age is the time "
                           "from the touch to the order.",
            "q7_linear": "Your function shares the order equally: that is linear attribution. "
                         "Weight each touch by 0.5 ** (age / half_life_days).",
            # q8 overall ROI
            "q8_hint1": "Scope: all of social. Returns: the gross profit the ads caused "
                        "(incremental_roas x spend x MARGIN) + support_savings (already a "
                        "saving, no margin). Costs: total_cost. ROI = (returns - total_cost) ÷ "
                        "total_cost.",
            "q8_hint2": "gain = incremental_roas * spend * MARGIN + support_savings; "
                        "overall_roi = (gain - total_cost) / total_cost",
            "q8_on_revenue": "That counts the ads' incremental revenue as if it were profit. "
                             "Only {margin:.0%} of it is left once the goods are paid for: "
                             "multiply it by MARGIN.",
            "q8_attributed": "That uses the platforms' attributed revenue. Part of it would have "
                             "happened without the ads: use the holdout's incremental ROAS.",
            "q8_costs_left_out": "That divides by what the ads cost only, but the returns "
                                 "include the savings of the community work that content and "
                                 "tools pay for. Same scope on both sides: all of social, so "
                                 "total_cost.",
            "q8_roas_as_roi": "That is returns ÷ cost, a return multiple. ROI subtracts the cost "
                              "first.",
            "q8_percent": "That is the ROI x 100, a percentage. Keep it as a share, as the "
                          "course writes rates: 0.25 for 25 %, -0.35 for -35 %.",
            "q8_no_savings": "You left out the money social saves the support team: add "
                             "support_savings to the returns.",
            # q9 verdict on the ads
            "q9_hint1": "Compare the whole interval (low to high) with the break-even line, "
                        "not only the estimate: all of it above, all of it below, or the line "
                        "inside it.",
            "q9_hint2": "verdict = \"the ads pay for themselves\" if low > break_even else "
                        "\"the ads do not pay for themselves\" if high < break_even else "
                        "\"the test cannot tell\"",
            "q9_not_pays": "To pay for themselves the ads must bring back {line:.2f} euros of "
                           "sales per euro of ads (the break-even line, the agency's fee "
                           "included). The test says {low:.2f} to {high:.2f}: not all of it is "
                           "above the line.",
            "q9_platform": " The platforms' ROAS ({platform:.2f}) beats the line, but it counts "
                           "buyers who would have bought anyway.",
            "q9_not_loses": "The interval, {low:.2f} to {high:.2f}, is not all below the "
                            "break-even line ({line:.2f}): the estimate alone is not enough, "
                            "and the test cannot say the ads lose money.",
            "q9_not_cannot_tell": "The interval, {low:.2f} to {high:.2f}, lies entirely {side} "
                                  "the break-even line ({line:.2f}): the test can tell.",
            "q9_below": "below",
            "q9_above": "above",
        }
    }
)
_ = MESSAGES.text


LESSON = Lesson("09", _("title"), source=lessons_dir() / "09_roi.ipynb")


# --------------------------------------------------------------------------------------------
# The learner's figures
# --------------------------------------------------------------------------------------------


def ad_spend(data: CourseData) -> float:
    """The year's ad spend.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> ad_spend(load_course_data()) > 0
    True
    """
    return float(data.campaigns["spend"].sum())


def attributed_revenue(data: CourseData) -> float:
    """The year's revenue as the ad platforms attribute it.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> attributed_revenue(load_course_data()) > ad_spend(load_course_data())
    True
    """
    return float(data.campaigns["revenue"].sum())


def ad_cost(data: CourseData) -> float:
    """What the ads cost: the year's ad spend and the agency's fee on it.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> round(ad_cost(data) / ad_spend(data), 2)
    1.15
    """
    return ad_spend(data) * (1 + AGENCY_FEE)


def total_cost(data: CourseData) -> float:
    """Ad spend, the agency's fee on it, content and tools for 12 months.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> total_cost(load_course_data()) > ad_spend(load_course_data())
    True
    """
    return ad_spend(data) * (1 + AGENCY_FEE) + 12 * (CONTENT_PER_MONTH + TOOLS_PER_MONTH)


def _groups(data: CourseData) -> tuple[pd.DataFrame, pd.DataFrame]:
    test = data.holdout
    return test[test["group"] == "ads on"], test[test["group"] == "ads off"]


def incremental_per_week(data: CourseData) -> float:
    """Holdout estimate: mean weekly sales with the ads on minus with them off.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> 0 < incremental_per_week(load_course_data()) < attributed_per_week(load_course_data())
    True
    """
    on, off = _groups(data)
    return float(on["sales"].mean() - off["sales"].mean())


def attributed_per_week(data: CourseData) -> float:
    """What the platforms claimed per week of the test.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> attributed_per_week(load_course_data()) > 0
    True
    """
    return float(_groups(data)[0]["attributed_revenue"].mean())


def break_even(data: CourseData) -> float:
    """The ROAS the ads must beat to pay for themselves, the agency's fee included.

    Each euro of ads costs ``1 + AGENCY_FEE`` euros and each euro of sales leaves ``margin``
    of gross profit, so the line is ``break_even_roas(margin) x (1 + AGENCY_FEE)``.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> round(break_even(data) * margin(data), 2)
    1.15
    """
    return break_even_roas(margin(data)) * (1 + AGENCY_FEE)


def weekly_gaps(data: CourseData) -> pd.Series:
    """Each week of the holdout: sales with the ads on minus sales with them off.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> round(float(weekly_gaps(data).mean()), 6) == round(incremental_per_week(data), 6)
    True
    """
    weekly = data.holdout.pivot(index="week", columns="group", values="sales")
    return (weekly["ads on"] - weekly["ads off"]).rename("gap")


def holdout_interval(data: CourseData, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The incremental ROAS's confidence interval, from the test's weekly differences.

    The mean weekly difference plus or minus ``t_value(weeks) x`` its standard error
    (standard deviation ÷ √weeks), divided by the mean weekly spend of the regions with the
    ads. It treats the weeks as independent and the spend as known: with 8 weeks, a rough
    guide, not a guarantee.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> low, high = holdout_interval(data)
    >>> bool(low < incremental_roas(data) < high)
    True
    """
    gaps = weekly_gaps(data)
    spend = float(_groups(data)[0]["spend"].mean())
    half = t_value(len(gaps), confidence) * float(gaps.std()) / math.sqrt(len(gaps))
    return (float(gaps.mean()) - half) / spend, (float(gaps.mean()) + half) / spend


def agency_claim(data: CourseData) -> str:
    """The agency's sentence, with the brand's platform ROAS read as an "ROI".

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> roas = attributed_revenue(data) / ad_spend(data)
    >>> agency_claim(data) == f'"Our ads return {roas:.2f}x: that is a {100 * roas:.0f} % ROI."'
    True
    """
    roas = attributed_revenue(data) / ad_spend(data)
    return f'"Our ads return {roas:.2f}x: that is a {roas:.0%} ROI."'.replace("%", " %")


def _answered(data: CourseData, kind: bool = True, replied: bool = True) -> int:
    inbox = data.inbox
    keep = pd.Series(True, index=inbox.index)
    if kind:
        keep &= inbox["kind"] == "question"
    if replied:
        keep &= inbox["replied_at"].notna()
    return int(keep.sum())


def support_savings(data: CourseData) -> float:
    """Questions answered on social x the assumed cost of a support ticket.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> support_savings(load_course_data()) % COST_PER_TICKET
    0.0
    """
    return _answered(data) * COST_PER_TICKET


def overall_roi(data: CourseData, revenue: float | None = None, savings: bool = True,
                cost: float | None = None, subtract: bool = True,
                on_revenue: bool = False) -> float:
    """ROI of all of social: (gross profit the ads caused + support savings - total cost) / cost.

    Same scope on both sides: every cost of social, against everything social returns
    that was measured. The keywords recompute the lesson's named mistakes (the
    platforms' revenue, no savings, the ads' cost only, nothing subtracted, revenue taken
    as profit).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> overall_roi(data) < overall_roi(data, revenue=attributed_revenue(data))
    True
    >>> overall_roi(data) < overall_roi(data, on_revenue=True)
    True
    """
    revenue = incremental_roas(data) * ad_spend(data) if revenue is None else revenue
    cost = total_cost(data) if cost is None else cost
    gain = revenue * (1.0 if on_revenue else margin(data))
    gain += support_savings(data) if savings else 0.0
    return (gain - cost) / cost if subtract else gain / cost


def linear_credit(paths: pd.DataFrame, double_count: bool = False) -> pd.Series:
    """Order value shared equally between each customer's touches, summed by channel.

    Examples
    --------
    >>> paths = pd.DataFrame({"customer_id": [1, 1], "channel": ["Instagram", "Search"],
    ...                       "order_value": [float("nan"), 30.0]})
    >>> linear_credit(paths).to_dict()
    {'Instagram': 15.0, 'Search': 15.0}
    """
    by = paths.groupby("customer_id")
    value = by["order_value"].transform("sum")
    share = value if double_count else value / by["order_value"].transform("size")
    credit = share.groupby(paths["channel"].astype(str)).sum()
    return credit.rename_axis("channel")


def last_click_credit(paths: pd.DataFrame) -> pd.Series:
    """Each order credited to its last touch, summed by channel.

    Examples
    --------
    >>> paths = pd.DataFrame({"customer_id": [1, 1], "channel": ["Instagram", "Search"],
    ...                       "order_value": [float("nan"), 30.0]})
    >>> last_click_credit(paths).to_dict()
    {'Search': 30.0}
    """
    orders = paths[paths["order_value"].notna()]
    return orders.groupby(orders["channel"].astype(str))["order_value"].sum().rename_axis(
        "channel")


def time_decay_credit(path: pd.DataFrame, half_life_days: float, how: str = "right") -> pd.Series:
    """Time-decay credit of one customer's path, by channel (``how`` recomputes mistakes).

    Examples
    --------
    >>> path = pd.DataFrame({"timestamp": pd.to_datetime(["2025-01-01", "2025-01-08"]),
    ...                      "channel": ["Instagram", "Search"],
    ...                      "order_value": [float("nan"), 30.0]})
    >>> time_decay_credit(path, 7).round(2).to_dict()
    {'Instagram': 10.0, 'Search': 20.0}
    """
    value = float(path["order_value"].sum())
    age = (path["timestamp"].max() - path["timestamp"]).dt.total_seconds() / 86400
    if how == "reversed":
        age = (path["timestamp"] - path["timestamp"].min()).dt.total_seconds() / 86400
    elif how == "hours":
        age = age * 24
    weight = 0.5 ** (age / half_life_days)
    if how == "linear":
        weight = weight * 0 + 1
    credit = value * weight if how == "not_normalised" else value * weight / weight.sum()
    return credit.groupby(path["channel"].astype(str)).sum().rename_axis("channel")


def time_decay_all(paths: pd.DataFrame, half_life_days: float = HALF_LIFE_DAYS) -> pd.Series:
    """Time-decay credit of every path, by channel (vectorized).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> paths = load_course_data().paths
    >>> bool(round(time_decay_all(paths).sum(), 2) == round(paths["order_value"].sum(), 2))
    True
    """
    last = paths.groupby("customer_id")["timestamp"].transform("max")
    age = (last - paths["timestamp"]).dt.total_seconds() / 86400
    weight = 0.5 ** (age / half_life_days)
    by = paths.groupby("customer_id")
    credit = by["order_value"].transform("sum") * weight / weight.groupby(
        paths["customer_id"]).transform("sum")
    return credit.groupby(paths["channel"].astype(str)).sum().rename_axis("channel")


def _times_100(value: Callable[[CourseData], float]) -> Callable[[CourseData], float]:
    return lambda d: 100 * value(d)


# --------------------------------------------------------------------------------------------
# Exercises 1-3: ROAS, ROI with every cost, incremental revenue
# --------------------------------------------------------------------------------------------


def _roas(data: CourseData) -> float:
    return attributed_revenue(data) / ad_spend(data)


q1 = ValueExercise(
    variable="ads_roas",
    expected=_roas,
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("roi_not_roas", lambda d: _roas(d) - 1, _("q1_roi")),
        Mistake("upside_down", lambda d: ad_spend(d) / attributed_revenue(d),
                _("q1_upside_down")),
        Mistake("percent", _times_100(_roas), _("q1_percent")),
    ),
    right=(
        Variant(_roas, "revenue over spend"),
        Variant(lambda d: round(_roas(d), 2), "as printed, 2 decimals"),
        Variant(lambda d: d.campaigns["revenue"].sum() / d.campaigns["spend"].sum(),
                "a numpy number"),
    ),
    wrong=(
        Variant(lambda d: _roas(d) - 1, "an ROI", says="nothing subtracted"),
        Variant(lambda d: ad_spend(d) / attributed_revenue(d), "upside down", says="on top"),
        Variant(_times_100(_roas), "x100, like the agency's 160 %", says="multiple"),
    ),
)


def _ads_roi(data: CourseData, cost: float | None = None, on_revenue: bool = False) -> float:
    """ROI of the ads on the platforms' revenue: gross profit against the ads' cost."""
    return roi(revenue=attributed_revenue(data), cost=ad_cost(data) if cost is None else cost,
               margin=1.0 if on_revenue else margin(data))


def _margin_message(key: str) -> Callable[[CourseData], str]:
    return lambda d: _(key, margin=margin(d))


q2 = ValueExercise(
    variable="ads_roi",
    expected=_ads_roi,
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("on_revenue", lambda d: _ads_roi(d, on_revenue=True),
                _margin_message("q2_on_revenue")),
        Mistake("every_cost", lambda d: _ads_roi(d, cost=total_cost(d)), _("q2_every_cost")),
        Mistake("no_fee", lambda d: _ads_roi(d, cost=ad_spend(d)), _("q2_no_fee")),
        Mistake("roas_as_roi", lambda d: _ads_roi(d) + 1, _("q2_roas_as_roi")),
        Mistake("roas", _roas, _("q2_roas")),
        Mistake("percent", _times_100(_ads_roi), _("q2_percent")),
    ),
    right=(
        Variant(_ads_roi, "roi() on gross profit"),
        Variant(lambda d: round(_ads_roi(d), 3), "3 decimals"),
        Variant(lambda d: (attributed_revenue(d) * margin(d) - ad_cost(d)) / ad_cost(d),
                "by hand: (revenue x margin - cost) / cost"),
    ),
    wrong=(
        Variant(lambda d: _ads_roi(d, on_revenue=True), "ROI on revenue", says="margin"),
        Variant(lambda d: _ads_roi(d, cost=total_cost(d)), "content and tools counted",
                says="same thing"),
        Variant(lambda d: _ads_roi(d, cost=ad_spend(d)), "the fee left out", says="fee"),
        Variant(lambda d: _ads_roi(d) + 1, "a return multiple", says="subtracts the cost"),
        Variant(_roas, "the ROAS again", says="ROAS again"),
        Variant(_times_100(_ads_roi), "a percentage", says="share"),
    ),
)


def _on_minus_off(data: CourseData, how: str = "mean") -> float:
    on, off = _groups(data)
    return float(getattr(on["sales"], how)() - getattr(off["sales"], how)())


q3 = ValueExercise(
    variable="incremental_per_week",
    expected=incremental_per_week,
    hints=(_("q3_hint1"), _("q3_hint2")),
    mistakes=(
        Mistake("attributed_as_incremental", attributed_per_week, _("q3_attributed")),
        Mistake("on_only", lambda d: float(_groups(d)[0]["sales"].mean()), _("q3_on_only")),
        Mistake("total", lambda d: _on_minus_off(d, "sum"), _("q3_total")),
    ),
    right=(
        Variant(incremental_per_week, "on minus off"),
        Variant(lambda d: round(incremental_per_week(d)), "in whole euros, as the table shows"),
        Variant(lambda d: float((d.holdout.pivot(index="week", columns="group", values="sales")
                                 .pipe(lambda t: t["ads on"] - t["ads off"])).mean()),
                "the mean of the weekly gaps"),
    ),
    wrong=(
        Variant(attributed_per_week, "the platforms' figure", says="attributed"),
        Variant(lambda d: float(_groups(d)[0]["sales"].mean()), "ads on only",
                says="subtract"),
        Variant(lambda d: _on_minus_off(d, "sum"), "over the whole test", says="per week"),
        Variant(lambda d: -incremental_per_week(d), "off minus on", says="sign"),
    ),
)


# --------------------------------------------------------------------------------------------
# Exercise 4: what the platforms say vs what the test says, as a chart
# --------------------------------------------------------------------------------------------

#: The expected bars' labels, and the words (English, Italian, French) that name each bar.
PLATFORMS, HOLDOUT = "Platforms say", "Holdout says"
_BAR_WORDS = {
    PLATFORMS: ("platform", "piattaform", "plateform", "attribut", "claim", "dichiar",
                "meta", "ads manager", "agency", "agenzia", "agence"),
    HOLDOUT: ("holdout", "hold-out", "hold out", "test", "increment", "caus", "real",
              "measured", "misurat", "mesur"),
}


def _bar_name(label: Any) -> Any:
    """The expected label a bar's label names (one bar's words and not the other's), or itself."""
    if not isinstance(label, str):
        return label
    said = normal_text(label)
    named = [bar for bar, words in _BAR_WORDS.items() if any(w in said for w in words)]
    return named[0] if len(named) == 1 else label


def _two_bars(model: FigureModel, data: CourseData) -> FigureModel:
    """The learner's two bars under the expected labels, drawn in one call or one each.

    Bars drawn one ``ax.bar`` call each become one series; a bar placed at a number
    takes its legend label. Each label is then renamed to the bar it names
    ("Attributed (platforms)" is ``PLATFORMS``); labels that name neither or both stay.
    """
    from smmlab.viz.figure_model import SeriesModel

    panels = []
    for panel in model.panels:
        bars = [s for s in panel.data if s.kind in ("bar", "barh")]
        series = list(panel.series)
        if len(bars) > 1 and len(bars) == len(panel.data) and all(len(s.x) == 1 for s in bars):
            x = tuple(s.label if s.label and is_number(s.x[0]) else s.x[0] for s in bars)
            merged = SeriesModel("", bars[0].kind, x, tuple(s.y[0] for s in bars))
            series = [merged, *(s for s in panel.series if not s.is_data)]
        series = [dataclasses.replace(s, x=tuple(_bar_name(x) for x in s.x)) if s.is_data
                  else s for s in series]
        panels.append(dataclasses.replace(panel, series=tuple(series)))
    return dataclasses.replace(model, panels=tuple(panels))


def _claimed_vs_caused(data: CourseData) -> pd.Series:
    return pd.Series({PLATFORMS: attributed_per_week(data), HOLDOUT: incremental_per_week(data)})


def _bars(data: CourseData, labels: tuple[str, str] = (PLATFORMS, HOLDOUT), *,
          values: tuple[float, float] | None = None, one_call: bool = True,
          title: str = "Revenue from the ads per week: attributed vs incremental",
          ylabel: str = "Revenue per week (EUR)", scale: float = 1.0,
          alt: str | None = None) -> Figure:
    """A chart a learner might draw for q4 (the exercise's own variants)."""
    import matplotlib.pyplot as plt

    from smmlab import viz

    attributed, incremental = values or (attributed_per_week(data), incremental_per_week(data))
    fig, ax = plt.subplots()
    if one_call:
        ax.bar(list(labels), [attributed * scale, incremental * scale])
    else:
        ax.bar(0, attributed * scale, label=labels[0])
        ax.bar(1, incremental * scale, label=labels[1])
        ax.set_xticks([0, 1], list(labels))
        ax.legend()
    ax.set_title(title)
    ax.set_xlabel("Source of the figure")
    ax.set_ylabel(ylabel)
    if alt is None:
        alt = (f"Two bars. The ad platforms credit the ads with {attributed:,.0f} euros a week; "
               f"the holdout test shows they caused {incremental:,.0f}.")
    if alt:
        viz.set_alt_text(fig, alt)
    plt.close(fig)
    return fig


def _swapped_bars(data: CourseData) -> Figure:
    """Each bar shows the other bar's figure."""
    return _bars(data, values=(incremental_per_week(data), attributed_per_week(data)))


q4 = ChartExercise(
    expected=_claimed_vs_caused,
    kpi="revenue",
    prepare=_two_bars,
    hints=(_("q4_hint1"), _("q4_hint2")),
    right=(
        Variant(_bars, "the solution's labels"),
        Variant(lambda d: _bars(d, ("Attributed (platforms)", "Incremental (holdout)")),
                "labels in other words"),
        Variant(lambda d: _bars(d, ("Secondo le piattaforme", "Secondo il test holdout")),
                "labels in Italian"),
        Variant(lambda d: _bars(d, ("Platforms say", "Holdout says"), one_call=False),
                "one ax.bar call per bar"),
        Variant(lambda d: _bars(d, scale=1e-3, ylabel="Revenue per week (thousand EUR)"),
                "in thousands, said on the axis"),
    ),
    wrong=(
        Variant(_swapped_bars, "values swapped between the bars", says="tallest bar"),
        Variant(lambda d: _bars(d, ("Attributed", "Incremental"),
                                values=(incremental_per_week(d), attributed_per_week(d))),
                "swapped, labels in other words", says="tallest bar"),
        Variant(lambda d: _bars(d, title="ROAS: platforms vs holdout"),
                "a revenue chart titled ROAS", says="ROAS"),
        Variant(lambda d: _bars(d, alt=""), "no alt text", says="alt text"),
        Variant(lambda d: _bars(d, values=(attributed_revenue(d), incremental_per_week(d))),
                "the year's revenue against a week's", says="in the data"),
    ),
)


# --------------------------------------------------------------------------------------------
# Exercises 5-7: support savings, linear attribution, time decay
# --------------------------------------------------------------------------------------------

q5 = ValueExercise(
    variable="support_savings",
    expected=support_savings,
    tier="warm-up",
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(
        Mistake("all_replied", lambda d: _answered(d, kind=False) * COST_PER_TICKET,
                _("q5_all_replied")),
        Mistake("all_questions", lambda d: _answered(d, replied=False) * COST_PER_TICKET,
                _("q5_all_questions")),
        Mistake("count_only", lambda d: float(_answered(d)), _("q5_count_only")),
    ),
    right=(
        Variant(support_savings, "answered questions x 6"),
        Variant(lambda d: int(support_savings(d)), "a whole number"),
    ),
    wrong=(
        Variant(lambda d: _answered(d, kind=False) * COST_PER_TICKET, "every reply",
                says="praise"),
        Variant(lambda d: _answered(d, replied=False) * COST_PER_TICKET, "every question",
                says="unanswered"),
        Variant(lambda d: _answered(d), "the count, not euros", says="COST_PER_TICKET"),
    ),
)


def _without_zero_channels(answer: Any, data: CourseData) -> Any:
    """Drop channels credited 0 that the paths do not have (``groupby`` on a categorical)."""
    if not isinstance(answer, pd.Series):
        return answer
    used = set(data.paths["channel"].astype(str))
    keep = [str(k) in used or not (is_number(v) and float(v) == 0)
            for k, v in answer.items()]
    return answer[keep]


def _linear(data: CourseData) -> pd.Series:
    return linear_credit(data.paths)


def _touches(data: CourseData) -> pd.Series:
    paths = data.paths
    return paths.groupby(paths["channel"].astype(str)).size().rename_axis("channel").astype(float)



q6 = ValueExercise(
    variable="linear",
    expected=_linear,
    prepare=_without_zero_channels,
    hints=(_("q6_hint1"), _("q6_hint2")),
    mistakes=(
        Mistake("double_counting", lambda d: linear_credit(d.paths, double_count=True),
                _("q6_double_counting")),
        Mistake("touches", _touches, _("q6_touches")),
        Mistake("last_click", lambda d: last_click_credit(d.paths), _("q6_last_click")),
    ),
    right=(
        Variant(_linear, "by channel"),
        Variant(lambda d: _linear(d).round(2), "in cents"),
        Variant(lambda d: _linear(d).sort_values(ascending=False).to_frame("credit"),
                "a one-column table, sorted"),
        Variant(lambda d: _linear(d).reset_index(), "channel as a column"),
    ),
    wrong=(
        Variant(lambda d: linear_credit(d.paths, double_count=True), "double counting",
                says="counted 4 times"),
        Variant(_touches, "touches, not euros", says="touches"),
        Variant(lambda d: last_click_credit(d.paths), "last click", says="last-click"),
        Variant(lambda d: swapped(_linear(d)), "credits moved between channels",
                says="your value"),
    ),
)


#: A journey of four touches, the second and third a whole half-life (7 days) before the
#: order on the last: with a 7-day half-life the weights are 1/4, 1/2, 1/2 and 1.
_WEEK_PATH = pd.DataFrame({
    "customer_id": [0, 0, 0, 0],
    "touch": [1, 2, 3, 4],
    "timestamp": pd.to_datetime(["2025-03-03", "2025-03-10", "2025-03-10", "2025-03-17"]),
    "channel": ["Instagram", "Email", "Instagram", "Search"],
    "order_value": [np.nan, np.nan, np.nan, 90.0],
})


def _case_paths(data: CourseData) -> list[pd.DataFrame]:
    """Three journeys of the learner's data with at least three touches, whole days apart.

    Each touch is moved to the start of its day (in UTC, so that no change of summer
    time makes a day 23 or 25 hours long): ages in whole days and in fractional days
    agree, and both readings of "the days from it to the order" pass.
    """
    paths = data.paths
    sizes = paths.groupby("customer_id").size()
    chosen = sizes[sizes >= 3].index[:3]
    out = []
    for customer in chosen:
        path = paths[paths["customer_id"] == customer].reset_index(drop=True)
        stamps = path["timestamp"]
        if stamps.dt.tz is not None:
            days = stamps.dt.tz_convert("UTC").dt.floor("D").dt.tz_convert(stamps.dt.tz)
        else:
            days = stamps.dt.floor("D")
        out.append(path.assign(channel=path["channel"].astype(str), timestamp=days))
    return out


def _decay_cases(data: CourseData) -> list[tuple[tuple, pd.Series]]:
    cases = [((path, half), time_decay_credit(path, half))
             for path in _case_paths(data) for half in (HALF_LIFE_DAYS, 1.0)]
    return [*cases, ((_WEEK_PATH, HALF_LIFE_DAYS), time_decay_credit(_WEEK_PATH, HALF_LIFE_DAYS))]


def _wrong_decay(how: str) -> Callable[[CourseData], Callable[[pd.DataFrame, float], pd.Series]]:
    return lambda d: lambda path, half: time_decay_credit(path, half, how)


def _whole_days(path: pd.DataFrame, half_life_days: float) -> pd.Series:
    """A learner's time decay with ages in whole days (``.dt.days``)."""
    age = (path["timestamp"].max() - path["timestamp"]).dt.days
    weight = 0.5 ** (age / half_life_days)
    return (path["order_value"].sum() * weight / weight.sum()).groupby(path["channel"]).sum()


q7 = FunctionExercise(
    variable="time_decay",
    cases=_decay_cases,
    rel_tol=1e-4,
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(
        Mistake("not_normalised", _wrong_decay("not_normalised"), _("q7_not_normalised")),
        Mistake("reversed", _wrong_decay("reversed"), _("q7_reversed")),
        Mistake("linear", _wrong_decay("linear"), _("q7_linear")),
    ),
    right=(
        Variant(lambda d: lambda path, half: time_decay_credit(path, half),
                "ages in fractional days"),
        Variant(lambda d: _whole_days, "ages in whole days (.dt.days)"),
        Variant(lambda d: lambda path, half: time_decay_credit(path, half).round(2),
                "credits in cents"),
    ),
    wrong=(
        Variant(_wrong_decay("not_normalised"), "weights not divided by their sum",
                says="add up"),
        Variant(_wrong_decay("reversed"), "ages from the first touch", says="oldest"),
        Variant(_wrong_decay("linear"), "equal shares", says="linear"),
        Variant(_wrong_decay("hours"), "ages in hours", says="your value"),
        Variant(lambda d: lambda path, half: float(path["order_value"].sum()),
                "one number, not per channel", says="time_decay("),
    ),
)


# --------------------------------------------------------------------------------------------
# Exercises 8-9: the ROI of social, everything counted, and the verdict
# --------------------------------------------------------------------------------------------

q8 = ValueExercise(
    variable="overall_roi",
    expected=overall_roi,
    tier="stretch",
    hints=(_("q8_hint1"), _("q8_hint2")),
    mistakes=(
        Mistake("on_revenue", lambda d: overall_roi(d, on_revenue=True),
                _margin_message("q8_on_revenue")),
        Mistake("attributed_as_incremental",
                lambda d: overall_roi(d, revenue=attributed_revenue(d)), _("q8_attributed")),
        Mistake("costs_left_out", lambda d: overall_roi(d, cost=ad_cost(d)),
                _("q8_costs_left_out")),
        Mistake("roas_as_roi", lambda d: overall_roi(d, subtract=False), _("q8_roas_as_roi")),
        Mistake("no_savings", lambda d: overall_roi(d, savings=False), _("q8_no_savings")),
        Mistake("percent", _times_100(overall_roi), _("q8_percent")),
    ),
    right=(
        Variant(overall_roi, "everything counted"),
        Variant(lambda d: round(overall_roi(d), 2), "as printed, 2 decimals"),
        Variant(lambda d: float(roi(revenue=incremental_roas(d) * ad_spend(d) * margin(d)
                                    + support_savings(d), cost=total_cost(d), margin=1.0)),
                "roi() on returns that already are profit (margin=1)"),
    ),
    wrong=(
        Variant(lambda d: overall_roi(d, on_revenue=True), "revenue taken as profit",
                says="MARGIN"),
        Variant(lambda d: overall_roi(d, revenue=attributed_revenue(d)), "attributed revenue",
                says="holdout"),
        Variant(lambda d: overall_roi(d, cost=ad_cost(d)), "the ads' cost only",
                says="same scope"),
        Variant(lambda d: overall_roi(d, subtract=False), "a return multiple",
                says="subtracts"),
        Variant(lambda d: overall_roi(d, savings=False), "no support savings",
                says="support_savings"),
        Variant(_times_100(overall_roi), "a percentage", says="share"),
    ),
)


def _verdict(data: CourseData) -> str:
    """The interval above, below or across the break-even line."""
    low, high = holdout_interval(data)
    line = break_even(data)
    return PAYS if low > line else LOSES if high < line else CANNOT_TELL


def _why(data: CourseData) -> dict[str, str]:
    low, high = holdout_interval(data)
    numbers = {"low": low, "high": high, "line": break_even(data)}
    platform = _roas(data)
    pays = _("q9_not_pays", **numbers)
    if platform > numbers["line"]:
        pays += _("q9_platform", platform=platform)
    side = _("q9_below") if high < numbers["line"] else _("q9_above")
    return {PAYS: pays, LOSES: _("q9_not_loses", **numbers),
            CANNOT_TELL: _("q9_not_cannot_tell", side=side, **numbers)}


#: Other words for the verdicts: Italian, French, and plain words.
_VERDICT_WORDS = {
    PAYS: ("pays for itself", "they pay for themselves", "yes", "sì", "oui",
           "le inserzioni si ripagano", "gli annunci si ripagano", "si ripagano",
           "les publicités sont rentables", "rentables"),
    LOSES: ("they do not pay for themselves", "do not pay for themselves",
            "don't pay for themselves", "the ads lose money", "no", "non",
            "le inserzioni non si ripagano", "gli annunci non si ripagano", "non si ripagano",
            "les publicités ne sont pas rentables", "pas rentables"),
    CANNOT_TELL: ("cannot tell", "can't tell", "the test can't tell", "not sure",
                  "we cannot tell", "too early to tell", "il test non può dirlo",
                  "non si può dire", "le test ne peut pas le dire", "on ne peut pas savoir"),
}


def _other_verdict(data: CourseData, prefer: tuple[str, ...] = (LOSES, CANNOT_TELL, PAYS)) -> str:
    return next(v for v in prefer if v != _verdict(data))


q9 = DecisionExercise(
    variable="verdict",
    choices=VERDICTS,
    expected=_verdict,
    why=_why,
    aliases=_VERDICT_WORDS,
    hints=(_("q9_hint1"), _("q9_hint2")),
    right=(
        Variant(_verdict, "the verdict"),
        Variant(lambda d: {PAYS: "Le inserzioni si ripagano", LOSES: "Non si ripagano",
                           CANNOT_TELL: "Il test non può dirlo"}[_verdict(d)], "in Italian"),
        Variant(lambda d: {PAYS: "Yes", LOSES: "No", CANNOT_TELL: "Can't tell"}[_verdict(d)],
                "in plain words"),
    ),
    wrong=(
        Variant(_other_verdict, "another verdict",
                says=lambda d: f"{holdout_interval(d)[0]:.2f} to {holdout_interval(d)[1]:.2f}"),
        Variant(lambda d: PAYS if _roas(d) > break_even(d) and _verdict(d) != PAYS
                else _other_verdict(d), "the platforms' ROAS read against the line",
                says="break-even line"),
        Variant(lambda d: "it depends", "not one of the verdicts", says="must be one of"),
    ),
)

__all__ = LESSON.bind(globals(), extra=("agency_claim", "t_value"))
