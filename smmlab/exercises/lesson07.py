"""Lesson 07: Paid social budget (structure, funnel KPIs, pacing, diminishing returns).

In the notebook: ``from smmlab.exercises.lesson07 import *`` gives ``setup``,
``q1`` ... ``q10``, ``check_all`` and the ``____`` placeholder.

Every expected answer is recomputed from the learner's own data; the response
curves come from the generator's truth for that data (``course_truth``), which
stands in for what a marketing-mix model or lift tests would tell a real SMM.
The only fixed numbers are the pacing day (15 October) and the share of the
weakest channel's budget that is moved (half); the notebook states both.

Examples
--------
>>> from smmlab.exercises import lesson07
>>> data = lesson07.setup(quiet=True)
>>> plan = lesson07.new_plan(data)
>>> round(float(plan.sum()), 2) == round(float(lesson07.daily_spend(data).sum()), 2)
True
>>> lesson07.q7.check_answers({"new_plan": plan}, data).correct
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.core import (
    PLACEHOLDER,
    CourseData,
    Lesson,
    Mistake,
    Outcome,
    Result,
    course_truth,
)
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    ReflectionExercise,
    ValueExercise,
)
from smmlab.synth.campaigns import response_curve

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
            "q3_all": "That includes the awareness campaign. The question is about the sales "
                      "campaign only (ig_sales).",
            # q4 CPA chart
            "q4_hint1": "ax.bar(ig_kpis.index, ig_kpis[\"CPA\"]) draws one bar per ad set. Then "
                        "a title, both axis labels and alt text.",
            "q4_hint2": "fig, ax = plt.subplots(); ax.bar(ig_kpis.index, ig_kpis[\"CPA\"]); "
                        "ax.set_title(...); ax.set_xlabel(\"Ad set\"); ax.set_ylabel(\"Cost per "
                        "purchase (EUR)\"); viz.set_alt_text(fig, \"...\").",
            # q5 pacing
            "q5_hint1": "On 15 October, 15 of the 31 days are over. The pace compares what was "
                        "spent so far with the share of the budget those days should have "
                        "used: spent / (budget x 15 / 31).",
            "q5_hint2": "spent_so_far = first_half[\"spend\"].sum(); pace = spent_so_far / "
                        "(october_budget * 15 / 31)",
            "q5_whole_budget": "That is the share of the whole month's budget already spent. "
                               "Half of the month is over, so compare with the budget for the "
                               "days gone by: budget x 15 / 31.",
            "q5_upside_down": "You divided the planned amount by the spend. Put the spend on "
                              "top: above 1 means we spend faster than planned.",
            "q5_daily": "That compares the spend with the daily budgets of the same days, not "
                        "with the lifetime budget. Use october_budget x 15 / 31.",
            # q6 extra revenue function
            "q6_hint1": "The known curve gives the revenue per day at any daily spend: "
                        "revenue_per_day(channel, spend). The extra revenue is the curve at "
                        "the new spend minus the curve at today's spend.",
            "q6_hint2": "return revenue_per_day(channel, daily_spend + extra) - "
                        "revenue_per_day(channel, daily_spend)",
            "q6_average": "Your function multiplies the extra spend by the channel's average "
                          "ROAS. Returns diminish: the next euro brings back less than the "
                          "average one. Read the curve at both spends and subtract.",
            "q6_attributed": "Your function multiplies the extra spend by the ROAS the platform "
                             "reports. That revenue is attributed, not caused by the ads: use the "
                             "known (incremental) response curve.",
            "q6_total": "Your function returns the revenue at the new spend, not the extra "
                        "revenue: subtract the revenue at today's spend.",
            # q7 reallocation
            "q7_hint1": "Start from a copy of today's plan. Take half of the weakest channel's "
                        "daily spend away from it, and add exactly that amount to the strongest "
                        "channel (by marginal ROAS).",
            "q7_hint2": "moved = today[worst] * 0.5; new_plan = today.copy(); new_plan[worst] "
                        "-= moved; new_plan[best] += moved  (worst and best from "
                        "marginal.idxmin() and marginal.idxmax()).",
            "q7_not_adding_up": "Your plan adds up to {got:,.2f} a day, but the budget is "
                                "{budget:,.2f}: a reallocation moves money, it does not create "
                                "or lose any. Take from one channel exactly what you give to "
                                "the other, and check new_plan.sum().",
            "q7_all_in": "You moved the whole budget to the channel with the best average "
                         "ROAS. Its curve flattens: the last euros there bring back far less "
                         "than the average. Move half of the weakest channel's spend, by "
                         "marginal ROAS.",
            "q7_only_added": "You added the money to the best channel but did not take it from "
                             "the weakest one: the plan now costs more than the budget.",
            # q8 decision between plans
            "q8_hint1": "Add up the known revenue per day of every channel for each plan "
                        "(plan_revenue(plan)) and compare.",
            "q8_hint2": "The three plans are ready: today, new_plan and all_in. The best call "
                        "is the plan with the highest plan_revenue(...).",
            "q8_why": "With the known curves, keeping the plan brings {keep:,.0f} a day, moving "
                      "half brings {move:,.0f} and putting everything on {best} brings "
                      "{all_in:,.0f}: its returns diminish.",
            # q9 gain per month
            "q9_hint1": "The gain is the revenue of the new plan minus the revenue of today's "
                        "plan, per day, from the known curves. Then for the whole month.",
            "q9_hint2": "monthly_gain = (plan_revenue(new_plan) - plan_revenue(today)) * 31",
            "q9_per_day": "That is the gain per day. The CFO thinks in months: multiply by the "
                          "31 days of October.",
            "q9_attributed": "That gain uses the ROAS the platforms report: moved money x "
                             "(best channel's ROAS - weakest channel's ROAS). Platform revenue "
                             "is attributed, not incremental, and the next euro earns less than "
                             "the average one. Use the known curves.",
            "q9_average": "That gain multiplies the moved money by the difference of the "
                          "average ROAS. Returns diminish: use the curves at the new and the old "
                          "spend.",
            # q10 sentence for the CFO
            "q10_hint1": "One sentence, no jargon: what moves, from where to where, what it "
                         "costs (nothing extra) and what it brings back in a month, in euros.",
            "q10_hint2": "For example: 'Moving X euros a day from LinkedIn to Instagram, at the "
                         "same total budget, should bring about Y euros more revenue in "
                         "October.'",
            "q10_missing": "Put the monthly gain ({gain:,.0f}) in the sentence, in euros: a "
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


def lifetime_budget(data: CourseData) -> float:
    """October's lifetime budget for paid social: the daily budgets' plan, to the nearest 100.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> lifetime_budget(load_course_data()) % 100
    0.0
    """
    return float(round(october_ads(data)["daily_budget"].sum(), -2))


def first_half(data: CourseData) -> pd.DataFrame:
    """October's rows up to the pacing day, included."""
    ads = october_ads(data)
    return ads[ads["date"].dt.day <= PACING_DAY]


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


def channel_returns(data: CourseData) -> pd.DataFrame:
    """Per channel: today's daily spend, average and marginal ROAS (known curve), platform ROAS.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> channel_returns(load_course_data()).columns.tolist()
    ['daily_spend', 'average_roas', 'marginal_roas', 'platform_roas']
    """
    def build(d: CourseData) -> pd.DataFrame:
        today = daily_spend(d)
        ads = october_ads(d).groupby("channel", observed=True)[["spend", "revenue"]].sum()
        ads.index = ads.index.astype(str)
        now = pd.Series({ch: revenue_per_day(d, ch, s) for ch, s in today.items()})
        nxt = pd.Series({ch: revenue_per_day(d, ch, s + 1) for ch, s in today.items()})
        return pd.DataFrame({"daily_spend": today, "average_roas": now / today,
                             "marginal_roas": nxt - now,
                             "platform_roas": ads["revenue"] / ads["spend"]})

    return data.cached(("07", "channel_returns"), build)


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
    "q1",
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
)

class _AdSetTable(ValueExercise):
    """A table indexed by ad set: the index's name is not part of the answer.

    The grader receives tables as plain data, which drops the index's name; naming it here
    makes the notebook's check and the grader agree.
    """

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        got = answers[self.variable]
        if isinstance(got, pd.DataFrame) and not isinstance(got.index, pd.RangeIndex):
            answers = {**answers, self.variable: got.rename_axis("ad_set")}
        return super().evaluate(answers, data)


q2 = _AdSetTable(
    "q2",
    variable="ig_kpis",
    expected=lambda d: funnel_kpis(channel_ads(d)),
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("per_row", lambda d: funnel_kpis(channel_ads(d), per_row=True), _("q2_per_row")),
        Mistake("cvr_by_impressions", lambda d: funnel_kpis(channel_ads(d)).assign(
            CVR=lambda k: k["CVR"] * k["CTR"]), _("q2_cvr_impressions")),
    ),
)


def _sales_cpa(data: CourseData) -> float:
    ads = channel_ads(data, sales_only=True)
    return float(ads["spend"].sum() / ads["conversions"].sum())


q3 = ValueExercise(
    "q3",
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
    ),
)

q4 = ChartExercise(
    "q4",
    variable="fig",
    expected=lambda d: funnel_kpis(channel_ads(d))["CPA"],
    hints=(_("q4_hint1"), _("q4_hint2")),
)

# --------------------------------------------------------------------------------------------
# Step 3: pacing
# --------------------------------------------------------------------------------------------


def _planned_so_far(data: CourseData) -> float:
    return lifetime_budget(data) * PACING_DAY / DAYS


q5 = ValueExercise(
    "q5",
    variable="pace",
    expected=lambda d: float(first_half(d)["spend"].sum() / _planned_so_far(d)),
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(
        Mistake("whole_budget", lambda d: float(first_half(d)["spend"].sum()
                                                / lifetime_budget(d)), _("q5_whole_budget")),
        Mistake("upside_down", lambda d: float(_planned_so_far(d)
                                               / first_half(d)["spend"].sum()),
                _("q5_upside_down")),
        Mistake("daily_budgets", lambda d: float(first_half(d)["spend"].sum()
                                                 / first_half(d)["daily_budget"].sum()),
                _("q5_daily")),
    ),
)

# --------------------------------------------------------------------------------------------
# Step 4: diminishing returns
# --------------------------------------------------------------------------------------------


def _extra_cases(data: CourseData) -> list[tuple[tuple, Any]]:
    """Each channel at today's daily spend plus EXTRA, and one case with nothing extra."""
    today = daily_spend(data)
    args = [(ch, round(float(s), 2), EXTRA) for ch, s in today.items()]
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


q6 = FunctionExercise(
    "q6",
    variable="extra_revenue",
    cases=_extra_cases,
    rel_tol=1e-4,
    hints=(_("q6_hint1"), _("q6_hint2")),
    mistakes=(
        Mistake("average_roas", lambda d: _wrong_extra(d, "average"), _("q6_average")),
        Mistake("platform_roas", lambda d: _wrong_extra(d, "attributed"), _("q6_attributed")),
        Mistake("total_not_extra", lambda d: _wrong_extra(d, "total"), _("q6_total")),
    ),
)

# --------------------------------------------------------------------------------------------
# Step 5: reallocate a fixed budget
# --------------------------------------------------------------------------------------------


class _PlanExercise(ValueExercise):
    """A plan must add up to the budget before anything else is said about it."""

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        got = answers[self.variable]
        budget = float(daily_spend(data).sum())
        if isinstance(got, pd.Series) and pd.api.types.is_numeric_dtype(got):
            total = float(got.sum())
            if not math.isclose(total, budget, rel_tol=1e-3, abs_tol=0.01):
                result = super().evaluate(answers, data)
                if result.mistake:
                    return result
                return Result(self.name, Outcome.NOT_YET,
                              _("q7_not_adding_up", got=total, budget=budget), 0.0,
                              "not_adding_up")
        return super().evaluate(answers, data)


def _only_added(data: CourseData) -> pd.Series:
    best, worst = _best_worst(data)
    plan = daily_spend(data).copy()
    plan[best] += plan[worst] * MOVE_SHARE
    return plan


q7 = _PlanExercise(
    "q7",
    variable="new_plan",
    expected=new_plan,
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(
        Mistake("all_in", all_in, _("q7_all_in")),
        Mistake("only_added", _only_added, _("q7_only_added")),
    ),
)


def _plan_revenues(data: CourseData) -> dict[str, float]:
    return {"keep the plan": plan_revenue(data, daily_spend(data)),
            "move half": plan_revenue(data, new_plan(data)),
            "all on the best channel": plan_revenue(data, all_in(data))}


class _PlanDecision(DecisionExercise):
    """The reasons quote the learner's own plan revenues."""

    def evaluate(self, answers, data):  # noqa: ANN001, ANN201 - same signature as the base
        rev = _plan_revenues(data)
        why = _("q8_why", keep=rev["keep the plan"], move=rev["move half"],
                all_in=rev["all on the best channel"],
                best=str(channel_returns(data)["average_roas"].idxmax()))
        self.why = dict.fromkeys(PLANS, why)
        return super().evaluate(answers, data)


q8 = _PlanDecision(
    "q8",
    variable="best_plan",
    choices=PLANS,
    expected=lambda d: max((r, p) for p, r in _plan_revenues(d).items())[1],
    hints=(_("q8_hint1"), _("q8_hint2")),
)

q9 = ValueExercise(
    "q9",
    variable="monthly_gain",
    expected=monthly_gain,
    tier="stretch",
    hints=(_("q9_hint1"), _("q9_hint2")),
    mistakes=(
        Mistake("per_day", lambda d: monthly_gain(d) / DAYS, _("q9_per_day")),
        Mistake("platform_roas", lambda d: _naive_gain(d, "platform_roas"), _("q9_attributed")),
        Mistake("average_roas", lambda d: _naive_gain(d, "average_roas"), _("q9_average")),
    ),
)

_NUMBER = re.compile(r"\d[\d.,']*\d|\d")


def mentions_number(text: str, value: float, rel_tol: float = 0.05) -> bool:
    """True if ``text`` contains ``value`` (within 5 %), written 1,234 or 1.234 or 1234 or 1.2k.

    Examples
    --------
    >>> mentions_number("about €1.234 more in October", 1234.4)
    True
    >>> mentions_number("about 1,2k euros more", 1234.4), mentions_number("12 more", 1234.4)
    (True, False)
    """
    for match in _NUMBER.finditer(str(text)):
        token = match.group().replace("'", "")
        tail = str(text)[match.end():match.end() + 1].casefold()
        scale = 1000.0 if tail == "k" else 1.0
        readings = {token.replace(",", ""), token.replace(".", "").replace(",", "."),
                    token.replace(",", ".")}
        for reading in readings:
            try:
                number = float(reading) * scale
            except ValueError:
                continue
            if math.isclose(number, abs(value), rel_tol=rel_tol):
                return True
    return False


class _CfoSentence(ReflectionExercise):
    """Recorded for the instructor, but only once it contains the learner's monthly gain."""

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        result = super().evaluate(answers, data)
        gain = monthly_gain(data)
        if result.outcome is Outcome.RECORDED and not mentions_number(
                answers[self.variable], gain):
            return Result(self.name, Outcome.NOT_YET, _("q10_missing", gain=gain), 0.0,
                          "no_number")
        return result


q10 = _CfoSentence(
    "q10",
    variable="cfo_sentence",
    min_words=15,
    tier="stretch",
    hints=(_("q10_hint1"), _("q10_hint2")),
)

LESSON.add(q1, q2, q3, q4, q5, q6, q7, q8, q9, q10)


setup = LESSON.setup


check_all = LESSON.check_all


____ = PLACEHOLDER
__all__ = ["____", "check_all", "q1", "q10", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9",
           "setup"]
