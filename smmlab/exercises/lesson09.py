"""Lesson 09: From social to business: ROI (costs, holdout, savings, attribution).

In the notebook: ``from smmlab.exercises.lesson09 import *`` gives ``setup``,
``q1`` ... ``q9``, ``check_all`` and the ``____`` placeholder.

Every expected answer is recomputed from the learner's own data. The only fixed numbers are
the lesson's stated assumptions (content, tools and agency costs, the cost of a support
ticket, the time-decay half-life); the notebook states each of them.

Examples
--------
>>> from smmlab.exercises import lesson09
>>> data = lesson09.setup(quiet=True)
>>> credit = lesson09.linear_credit(data.paths)
>>> round(float(credit.sum()), 2) == round(float(data.paths["order_value"].sum()), 2)
True
>>> lesson09.q6.check_answers({"linear": credit}, data).correct
True
"""

from __future__ import annotations

import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.core import PLACEHOLDER, CourseData, Lesson, Mistake
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    ValueExercise,
)

#: The lesson's stated assumptions, per year unless said otherwise.
CONTENT_PER_MONTH = 1200.0  # photo and video production, euros a month
TOOLS_PER_MONTH = 250.0  # scheduling, listening and analytics tools, euros a month
AGENCY_FEE = 0.15  # the agency's fee, as a share of ad spend
COST_PER_TICKET = 6.0  # what one support question costs by e-mail or phone
HALF_LIFE_DAYS = 7.0  # the time-decay model's half-life
VERDICTS = ("social pays for itself", "social does not pay for itself yet")

MESSAGES = Catalog(
    {
        "en": {
            "title": "From social to business: ROI",
            # q1 ROAS of the year
            "q1_hint1": "ROAS is revenue ÷ ad spend: add up the year's revenue and spend in "
                        "data.campaigns, then divide.",
            "q1_hint2": "ads_roas = ads[\"revenue\"].sum() / ads[\"spend\"].sum()",
            "q1_roi": "That is (revenue - spend) ÷ spend: an ROI on ad spend. ROAS is revenue ÷ "
                      "spend, with nothing subtracted.",
            "q1_upside_down": "You divided spend by revenue. ROAS puts revenue on top: euros "
                              "back per euro spent.",
            # q2 ROI with every cost
            "q2_hint1": "First the total cost: ad spend + the agency's 15 % of it + content and "
                        "tools for 12 months. Then ROI = (revenue - total cost) ÷ total cost.",
            "q2_hint2": "total_cost = spend * 1.15 + 12 * (1200 + 250); ads_roi = "
                        "(revenue - total_cost) / total_cost",
            "q2_roas_as_roi": "That is revenue ÷ total cost: a ROAS with every cost, not an "
                              "ROI. ROI subtracts the cost first: (revenue - cost) ÷ cost.",
            "q2_costs_left_out": "That ROI counts the ad spend only. Content, tools and the "
                                 "agency cost money too: add them to the cost.",
            "q2_roas": "That is the ROAS again. ROI is (revenue - total cost) ÷ total cost.",
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
            "q8_hint1": "Incremental revenue of the year = the holdout's incremental ROAS "
                        "(incremental per week ÷ spend per week) x the year's ad spend. Add the "
                        "support savings, subtract the total cost, divide by the total cost.",
            "q8_hint2": "incremental_roas = incremental_per_week / on[\"spend\"].mean(); "
                        "overall_roi = (incremental_roas * spend + support_savings - "
                        "total_cost) / total_cost",
            "q8_attributed": "That uses the platforms' attributed revenue. Part of it would have "
                             "happened without the ads: use the holdout's incremental ROAS.",
            "q8_costs_left_out": "That divides by the ad spend only. Content, tools and the "
                                 "agency are costs of social too.",
            "q8_roas_as_roi": "That is (revenue + savings) ÷ cost, a return multiple. ROI "
                              "subtracts the cost first.",
            "q8_no_savings": "You left out the money social saves the support team: add "
                             "support_savings to the revenue.",
            # q9 verdict
            "q9_hint1": "Look at the sign of overall_roi: above 0, social brings back more "
                        "than everything it costs.",
            "q9_hint2": "verdict = \"social pays for itself\" if overall_roi > 0 else "
                        "\"social does not pay for itself yet\"",
            "q9_why": "With every cost and the incremental revenue, your ROI is "
                      "{roi:.0%}: the sign decides.",
        }
    }
)
_ = MESSAGES.text

LESSON = Lesson("09", _("title"), source=lessons_dir() / "09_roi.ipynb")


# --------------------------------------------------------------------------------------------
# The learner's figures
# --------------------------------------------------------------------------------------------


def ad_spend(data: CourseData) -> float:
    """The year's ad spend."""
    return float(data.campaigns["spend"].sum())


def attributed_revenue(data: CourseData) -> float:
    """The year's revenue as the ad platforms attribute it."""
    return float(data.campaigns["revenue"].sum())


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
    """Holdout estimate: mean weekly sales with the ads on minus with them off."""
    on, off = _groups(data)
    return float(on["sales"].mean() - off["sales"].mean())


def attributed_per_week(data: CourseData) -> float:
    """What the platforms claimed per week of the test."""
    return float(_groups(data)[0]["attributed_revenue"].mean())


def incremental_roas(data: CourseData) -> float:
    """Incremental revenue per euro of ads, from the holdout."""
    return incremental_per_week(data) / float(_groups(data)[0]["spend"].mean())


def _answered(data: CourseData, kind: bool = True, replied: bool = True) -> int:
    inbox = data.inbox
    keep = pd.Series(True, index=inbox.index)
    if kind:
        keep &= inbox["kind"] == "question"
    if replied:
        keep &= inbox["replied_at"].notna()
    return int(keep.sum())


def support_savings(data: CourseData) -> float:
    """Questions answered on social x the assumed cost of a support ticket."""
    return _answered(data) * COST_PER_TICKET


def overall_roi(data: CourseData, revenue: float | None = None, savings: bool = True,
                cost: float | None = None, subtract: bool = True) -> float:
    """(incremental revenue of the year + support savings - total cost) / total cost."""
    revenue = incremental_roas(data) * ad_spend(data) if revenue is None else revenue
    cost = total_cost(data) if cost is None else cost
    gain = revenue + (support_savings(data) if savings else 0.0)
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
    """Each order credited to its last touch, summed by channel."""
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
    weight = 0.5 ** (age / half_life_days)
    if how == "linear":
        weight = weight * 0 + 1
    credit = value * weight if how == "not_normalised" else value * weight / weight.sum()
    return credit.groupby(path["channel"].astype(str)).sum().rename_axis("channel")


def time_decay_all(paths: pd.DataFrame, half_life_days: float = HALF_LIFE_DAYS) -> pd.Series:
    """Time-decay credit of every path, by channel (vectorized)."""
    last = paths.groupby("customer_id")["timestamp"].transform("max")
    age = (last - paths["timestamp"]).dt.total_seconds() / 86400
    weight = 0.5 ** (age / half_life_days)
    by = paths.groupby("customer_id")
    credit = by["order_value"].transform("sum") * weight / weight.groupby(
        paths["customer_id"]).transform("sum")
    return credit.groupby(paths["channel"].astype(str)).sum().rename_axis("channel")


# --------------------------------------------------------------------------------------------
# Exercises
# --------------------------------------------------------------------------------------------

q1 = ValueExercise(
    "q1",
    variable="ads_roas",
    expected=lambda d: attributed_revenue(d) / ad_spend(d),
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("roi_not_roas", lambda d: attributed_revenue(d) / ad_spend(d) - 1, _("q1_roi")),
        Mistake("upside_down", lambda d: ad_spend(d) / attributed_revenue(d),
                _("q1_upside_down")),
    ),
)

q2 = ValueExercise(
    "q2",
    variable="ads_roi",
    expected=lambda d: (attributed_revenue(d) - total_cost(d)) / total_cost(d),
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("roas_as_roi", lambda d: attributed_revenue(d) / total_cost(d),
                _("q2_roas_as_roi")),
        Mistake("costs_left_out", lambda d: attributed_revenue(d) / ad_spend(d) - 1,
                _("q2_costs_left_out")),
        Mistake("roas", lambda d: attributed_revenue(d) / ad_spend(d), _("q2_roas")),
    ),
)

q3 = ValueExercise(
    "q3",
    variable="incremental_per_week",
    expected=incremental_per_week,
    hints=(_("q3_hint1"), _("q3_hint2")),
    mistakes=(
        Mistake("attributed_as_incremental", attributed_per_week, _("q3_attributed")),
        Mistake("on_only", lambda d: float(_groups(d)[0]["sales"].mean()), _("q3_on_only")),
        Mistake("total", lambda d: incremental_per_week(d) * len(_groups(d)[0]), _("q3_total")),
    ),
)

q4 = ChartExercise(
    "q4",
    expected=lambda d: pd.Series({"Platforms say": attributed_per_week(d),
                                  "Holdout says": incremental_per_week(d)}),
    hints=(_("q4_hint1"), _("q4_hint2")),
)

q5 = ValueExercise(
    "q5",
    variable="support_savings",
    expected=support_savings,
    tier="warm-up",
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(
        Mistake("all_replied", lambda d: _answered(d, kind=False) * COST_PER_TICKET,
                _("q5_all_replied")),
        Mistake("all_questions", lambda d: _answered(d, replied=False) * COST_PER_TICKET,
                _("q5_all_questions")),
    ),
)

q6 = ValueExercise(
    "q6",
    variable="linear",
    expected=lambda d: linear_credit(d.paths),
    hints=(_("q6_hint1"), _("q6_hint2")),
    mistakes=(
        Mistake("double_counting", lambda d: linear_credit(d.paths, double_count=True),
                _("q6_double_counting")),
        Mistake("touches", lambda d: d.paths.groupby(d.paths["channel"].astype(str)).size()
                .rename_axis("channel").astype(float), _("q6_touches")),
    ),
)


def _case_paths(data: CourseData) -> list[pd.DataFrame]:
    """Three journeys of the learner's data with at least three touches, channels as text."""
    paths = data.paths
    sizes = paths.groupby("customer_id").size()
    chosen = sizes[sizes >= 3].index[:3]
    out = []
    for customer in chosen:
        path = paths[paths["customer_id"] == customer].reset_index(drop=True)
        out.append(path.assign(channel=path["channel"].astype(str)))
    return out


def _decay_cases(data: CourseData) -> list[tuple[tuple, pd.Series]]:
    return [((path, half), time_decay_credit(path, half))
            for path in _case_paths(data) for half in (HALF_LIFE_DAYS, 1.0)]


def _wrong_decay(how: str):  # noqa: ANN202 - returns a function
    return lambda d: lambda path, half: time_decay_credit(path, half, how)


q7 = FunctionExercise(
    "q7",
    variable="time_decay",
    cases=_decay_cases,
    rel_tol=1e-4,
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(
        Mistake("not_normalised", _wrong_decay("not_normalised"), _("q7_not_normalised")),
        Mistake("reversed", _wrong_decay("reversed"), _("q7_reversed")),
        Mistake("linear", _wrong_decay("linear"), _("q7_linear")),
    ),
)

q8 = ValueExercise(
    "q8",
    variable="overall_roi",
    expected=overall_roi,
    tier="stretch",
    hints=(_("q8_hint1"), _("q8_hint2")),
    mistakes=(
        Mistake("attributed_as_incremental",
                lambda d: overall_roi(d, revenue=attributed_revenue(d)), _("q8_attributed")),
        Mistake("costs_left_out", lambda d: overall_roi(d, cost=ad_spend(d)),
                _("q8_costs_left_out")),
        Mistake("roas_as_roi", lambda d: overall_roi(d, subtract=False), _("q8_roas_as_roi")),
        Mistake("no_savings", lambda d: overall_roi(d, savings=False), _("q8_no_savings")),
    ),
)


class _Verdict(DecisionExercise):
    """The reason quotes the learner's own ROI."""

    def evaluate(self, answers, data):  # noqa: ANN001, ANN201 - same signature as the base
        self.why = dict.fromkeys(VERDICTS, _("q9_why", roi=overall_roi(data)))
        return super().evaluate(answers, data)


q9 = _Verdict(
    "q9",
    variable="verdict",
    choices=VERDICTS,
    expected=lambda d: VERDICTS[0] if overall_roi(d) > 0 else VERDICTS[1],
    hints=(_("q9_hint1"), _("q9_hint2")),
)

LESSON.add(q1, q2, q3, q4, q5, q6, q7, q8, q9)


setup = LESSON.setup


check_all = LESSON.check_all


____ = PLACEHOLDER
__all__ = ["____", "check_all", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "setup"]
