"""Lesson 08: Is the difference real? A/B tests.

In the notebook: ``from smmlab.exercises.lesson08 import *`` gives ``setup``,
``q1`` ... ``q11``, ``check_all``, ``SEED`` and the ``____`` placeholder.

What the learner finds in their own A/B test (``data.ab_test``), for every brand
(the generator's story, ``make_ab_test(story=True)``, checked over 240 learner ids in
``tests/test_contracts_abtest.py``): creative B wins the clicks, the agency's metric,
and sells fewer orders, the primary metric the learner chose first (q1). The click
interval may or may not include 0 (q6 follows each brand's data); the orders are a
handful per creative, so the formula's p-value (a normal approximation) and the
shuffle's differ and the shuffle is the one to report; a bootstrap of B - A (each
creative re-drawn from its own orders) gives a very wide interval for the median
order value; detecting a 15 % lift needs tens of thousands of people per creative;
a dashboard read every morning showed B "significant" on a day before the end; and
peeking every day turns a 5 % false alarm rate into 20 % or more.

Randomness: the notebook passes ``random_state=SEED`` everywhere. The
permutation p-value is checked against 100,000 shuffles with a tolerance (10 %
relative, at least 0.007) that any seed passes, since 10,000 shuffles move it
by 6 % (0.0055 for a small p) at most; half of it (one-sided) or 1 - p still fail, and so does
the formula's p-value (``result.p_value``), which is close to it but is not a
shuffle: it is recognised before the tolerance is applied. The bootstrap
interval of B - A moves with the seed (a handful of orders), so q8 asks for
``SEED`` and names another seed's interval. The peeking chart simulates
thousands of tests and must use ``SEED``, as the notebook says.

Examples
--------
>>> from smmlab.exercises import lesson08
>>> data = lesson08.setup(quiet=True)
>>> rates = lesson08.ab_table(data).groupby("variant", observed=True)["clicked"].mean()
>>> lesson08.q2.check_answers({"click_rates": rates}, data).correct
True
>>> lesson08.q9.check_answers({"people_needed": lesson08.people_needed}, data).correct
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.compare import Tolerance, is_number
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    ValueExercise,
)
from smmlab.stats import (
    BootstrapDifferenceResult,
    BootstrapResult,
    PermutationResult,
    ProportionsResult,
    bootstrap_ci,
    bootstrap_difference,
    compare_proportions,
    peeking_simulation,
    permutation_test,
    sample_size,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The seed of every random calculation in the lesson.
SEED = 8
#: Exercise 1: the metric that decides, chosen before the results.
CLICKS, ORDERS, REACH = "clicks", "orders", "reach"
#: Exercise 6: the three calls on the agency's claim.
B_WON, NOT_PROVEN, A_BETTER = "B won", "not proven yet", "A is better"
#: Exercise 9: the lifts people_needed is tested on, and other (baseline, lift) pairs.
TEST_LIFTS = (0.10, 0.15, 0.25)
OTHER_CASES = ((0.05, 0.20), (0.10, 0.05))
#: Shuffles behind the expected permutation p-value (the learner's 10,000 are checked against it).
PRECISE_RESAMPLES = 100_000

MESSAGES = Catalog(
    {
        "en": {
            "title": "Is the difference real? A/B tests",
            # q1: the primary metric
            "q1_hint1": "What is the ad for? Your manager judges it by what it brings in, not "
                        "by how busy the dashboard looks.",
            "q1_hint2": "primary_metric = \"orders\": the share of the people shown the ad who "
                        "bought. Clicks are the way to an order, not the goal.",
            "q1_clicks": "Clicks are what the agency reports, but a click earns nothing until it "
                         "becomes an order: a creative can win clicks out of curiosity and sell "
                         "less. Choose the metric that pays, orders; clicks stay a secondary "
                         "metric that helps explain the result.",
            "q1_reach": "Both creatives were shown to the same number of people: the split "
                        "fixes reach, so it cannot tell A from B. Choose the metric that pays, "
                        "orders.",
            # q2: click rates
            "q2_hint1": "Group the ab table by variant and take the mean of the clicked "
                        "column: the mean of True/False is the share of True.",
            "q2_hint2": "click_rates = ab.groupby(\"variant\", observed=True)"
                        "[\"clicked\"].mean()",
            "q2_counts": "Those are numbers of clicks (a sum). A and B may not reach exactly "
                         "the same number of people: compare rates, clicks ÷ people, with "
                         ".mean().",
            "q2_percent": "Those are percentages (x100). The course writes rates as shares: "
                          "0.02 for 2 %. Drop the * 100.",
            "q2_conversion": "That is the conversion rate (the converted column). The agency's "
                             "claim is about clicks: use the clicked column.",
            # q3: difference in points
            "q3_hint1": "The difference is B's rate minus A's rate, both as shares: use "
                        "click_rates[\"B\"] and click_rates[\"A\"].",
            "q3_hint2": "difference = click_rates[\"B\"] - click_rates[\"A\"] "
                        "(0.004 is 0.4 percentage points).",
            "q3_relative": "That is the relative lift (the difference ÷ A's rate). The "
                           "question asks for the difference in percentage points: B's rate "
                           "minus A's rate.",
            "q3_counts": "That is a difference in clicks, a count. Subtract the rates, not the "
                         "numbers of clicks.",
            "q3_points": "That is the difference in percentage points written as points (0.4 "
                         "for 0.4 points). Write it as a share, as the question asks: 0.004 for "
                         "0.4 points.",
            "q3_reversed": "You subtracted B from A. The question asks for B minus A, so that a "
                           "positive number means B did better.",
            # q4: relative lift
            "q4_hint1": "A relative lift says \"B is x % higher than A\": the difference "
                        "divided by A's rate.",
            "q4_hint2": "relative_lift = difference / click_rates[\"A\"]",
            "q4_points": "That is the difference in percentage points (B's rate minus A's). "
                         "The relative lift divides it by A's rate: difference / "
                         "click_rates[\"A\"].",
            "q4_percent": "Write the lift as a share, as the course writes rates: 0.15 for "
                          "15 %, not 15.",
            "q4_ratio": "That is B's rate divided by A's (B is {ratio:.2f} times A). The "
                        "relative lift is how much higher B is: subtract 1 from that ratio.",
            "q4_over_b": "You divided by B's rate. The lift is relative to where you start, "
                         "creative A: divide by click_rates[\"A\"].",
            # q5: confidence interval
            "q5_hint1": "compare_proportions(clicks_a, people_a, clicks_b, people_b) takes the "
                        "counts and returns a result; its ci_low and ci_high are the interval.",
            "q5_hint2": "result = compare_proportions(clicks[\"A\"], people[\"A\"], "
                        "clicks[\"B\"], people[\"B\"]); ci = (result.ci_low, result.ci_high)",
            "q5_counts": "Your interval is in clicks, not in rates: it is the rate interval "
                         "multiplied by the people in each group. An interval for an A/B test "
                         "is about the difference of click rates (shares), like "
                         "(-0.001, 0.010).",
            "q5_percent": "Your interval is in percentage points (×100). Keep it as shares, as "
                          "result.ci_low and result.ci_high give it: 0.004 is 0.4 points.",
            "q5_rounded": "Your interval is rounded too far: its ends are small shares "
                          "(0.0014 is 0.14 points). Keep at least 4 decimals, or leave "
                          "result.ci_low and result.ci_high as they are.",
            "q5_result": "ci holds the whole result of compare_proportions. Put only its "
                         "interval in ci, as a pair: (result.ci_low, result.ci_high).",
            "q5_conversion": "That is the interval for the conversion rate. The agency's claim "
                             "is about clicks: use the clicked counts.",
            # q6: the agency's claim
            "q6_hint1": "Look at your interval: if it includes 0, a real difference of zero "
                        "(or even a small loss) is still possible.",
            "q6_hint2": "agency_call = \"B won\" if result.p_value < 0.05 and result.difference "
                        "> 0, \"A is better\" if the p-value is below 0.05 and the difference "
                        "negative, otherwise \"not proven yet\".",
            "q6_not_proven": "Your interval for B minus A goes from {low} to {high} points: it "
                             "includes 0, so no real difference is still possible. p = {p:.2f} "
                             "is not \"the probability that B is better\" (nor a {better:.0%} "
                             "chance that it is): it means that if A and B were truly the same, "
                             "a gap this large would still show up in {p:.0%} of tests.",
            "q6_b_won": "Your interval for B minus A goes from {low} to {high} points: all "
                        "above 0. With p = {p:.3f}, a gap this large would be rare if A and B "
                        "were the same: B is better (the size of the gain is what the interval "
                        "says).",
            "q6_a_better": "Your interval for B minus A goes from {low} to {high} points: all "
                           "below 0, so A is better here.",
            # q7: permutation test
            "q7_hint1": "permutation_test(a, b, statistic=\"proportion\", "
                        "random_state=SEED) takes the clicked column of A and of B.",
            "q7_hint2": "clicked_a = ab.loc[ab[\"variant\"] == \"A\", \"clicked\"]; clicked_b "
                        "likewise; shuffled = permutation_test(clicked_a, clicked_b, "
                        "statistic=\"proportion\", random_state=SEED); perm_p = "
                        "shuffled.p_value",
            "q7_formula": "That is the formula's p-value ({p:.3f}, result.p_value from "
                          "compare_proportions), not a shuffle's. This exercise checks it another "
                          "way: run permutation_test on the clicked columns and put its p_value "
                          "in perm_p (about {perm:.3f} with random_state=SEED).",
            "q7_conversions": "That is the p-value of the conversions, the worked example's "
                              "column. Exercise 7 shuffles the clicks: use the clicked column "
                              "of A and of B.",
            "q7_result": "perm_p holds the whole result of permutation_test. Put only its "
                         "p-value in perm_p: shuffled.p_value.",
            "q7_one_sided": "That is the one-sided p-value (alternative=\"greater\"): it only "
                            "counts shuffles where B wins. Decide the question before you look "
                            "at the data: \"do A and B differ?\" is two-sided, the default.",
            "q7_complement": "That is 1 minus the p-value. The p-value is not \"the probability "
                             "that A and B differ\" and 1 - p is not \"the probability that B "
                             "is better\": report shuffled.p_value itself.",
            # q8: bootstrap of B - A
            "q8_hint1": "Keep each creative's orders (order_value is empty without one) with "
                        ".dropna(), then bootstrap_difference(orders_a, orders_b, "
                        "random_state=SEED): it re-draws A from A's orders and B from B's.",
            "q8_hint2": "orders_b = ab.loc[ab[\"variant\"] == \"B\", \"order_value\"].dropna(); "
                        "gap = bootstrap_difference(orders_a, orders_b, random_state=SEED); "
                        "order_gap_ci = (gap.ci_low, gap.ci_high)",
            "q8_pooled": "That is the interval of the median of all the orders, A and B pooled "
                         "together: it says what a typical order is worth, not whether B's "
                         "buyers spend more than A's. Bootstrap the difference: "
                         "bootstrap_difference(orders_a, orders_b, random_state=SEED).",
            "q8_reversed": "That is A minus B. The question asks for B minus A, so that a "
                           "positive number means B's buyers spend more: pass A's orders first, "
                           "then B's.",
            "q8_result": "order_gap_ci holds the whole result of bootstrap_difference. Put only "
                         "its interval in order_gap_ci, as a pair: (gap.ci_low, gap.ci_high).",
            "q8_mean": "That is the interval of the difference of the mean order values. A few "
                       "big baskets pull a mean up: compare the medians (the default "
                       "statistic).",
            "q8_a_only": "That is the interval of A's median alone, the worked example. The "
                         "question is about B minus A: bootstrap_difference(orders_a, "
                         "orders_b, random_state=SEED).",
            "q8_no_orders_as_zero": "Your interval is 0 to 0: the people who did not buy were "
                                    "counted as orders of 0 euros. Keep only the orders: "
                                    ".dropna() on each creative's order_value.",
            "q8_seed": "Your interval is a bootstrap of B minus A, but with another seed or "
                       "another number of re-draws: with a handful of orders its ends move a "
                       "lot from one run to the next. Use random_state=SEED (and the default "
                       "10,000 re-draws) so that your numbers can be checked.",
            # q9: sample size
            "q9_hint1": "sample_size(baseline_rate, min_lift) gives the people needed in "
                        "EACH creative. The test shows two creatives.",
            "q9_hint2": "def people_needed(baseline_rate, min_lift):\n"
                        "    return 2 * sample_size(baseline_rate, min_lift)",
            "q9_per_variant": "Your function returns the people for one creative. A test of A "
                              "against B needs that many for EACH: multiply by 2 for the "
                              "total.",
            "q9_points": "Your function reads min_lift as percentage points (relative=False): "
                         "a 0.15 lift would then mean 2 % -> 17 %. The lift is relative "
                         "(0.15 = \"15 % higher\"): keep the default relative=True.",
            # q10: peeking rate
            "q10_hint1": "The result of peeking_simulation has two rates: single_look_rate "
                        "(check once, at the end) and daily_peeking_rate (check every day, "
                        "stop at the first \"win\").",
            "q10_hint2": "peeking_rate = peeking.daily_peeking_rate",
            "q10_single": "That is the false-winner rate when you check once, at the end. The "
                         "question is about checking every day and stopping at the first "
                         "\"significant\" day: daily_peeking_rate.",
            "q10_curve_mean": "That is the average of the curve over the days. The share of "
                             "tests a daily peeker stops with a false winner is where the curve "
                             "ends, on the last day: peeking.daily_peeking_rate.",
            "q10_percent": "Write the rate as a share, as the course writes rates: 0.2 for "
                          "20 %.",
            # q11: the chart
            "q11_hint1": "peeking.by_day has one row per day; plot its "
                         "false_winner_if_peeking column against day as a line, first on the "
                         "chart.",
            "q11_hint2": "peeking_chart, ax = plt.subplots(); ax.plot(peeking.by_day[\"day\"], "
                         "peeking.by_day[\"false_winner_if_peeking\"]); then ax.set_title(...), "
                         "ax.set_xlabel(...), ax.set_ylabel(...) and "
                         "viz.set_alt_text(peeking_chart, \"...\").",
        }
    }
)
_ = MESSAGES.text


LESSON = Lesson("08", _("title"), source=lessons_dir() / "08_ab_tests.ipynb")

#: Numbers equal at the precision they are written with (the engine's default comparison).
_AS_WRITTEN = Tolerance()


# --------------------------------------------------------------------------------------------
# The learner's test, as the notebook reads it
# --------------------------------------------------------------------------------------------


def ab_table(data: CourseData) -> pd.DataFrame:
    """The brand's A/B test: one row per person shown creative A or B.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> list(ab_table(load_course_data()).columns[:3])
    ['user_id', 'variant', 'date']
    """
    return data.ab_test


def _counts(data: CourseData, column: str = "clicked") -> tuple[pd.Series, pd.Series]:
    """Successes and people per variant (index A, B)."""
    grouped = ab_table(data).groupby("variant", observed=True)[column]
    return grouped.sum().astype(int).rename(index=str), grouped.size().rename(index=str)


def _rates(data: CourseData, column: str = "clicked") -> pd.Series:
    successes, people = _counts(data, column)
    return (successes / people).rename("clicked")


def ab_result(data: CourseData, column: str = "clicked") -> ProportionsResult:
    """``compare_proportions`` on the learner's counts (B minus A).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> res = ab_result(load_course_data())
    >>> res.ci_low < res.difference < res.ci_high
    True
    """
    def build(d: CourseData) -> ProportionsResult:
        successes, people = _counts(d, column)
        return compare_proportions(int(successes["A"]), int(people["A"]),
                                   int(successes["B"]), int(people["B"]))

    return data.cached(("lesson08", f"result:{column}"), build)


def _is(kind: type | tuple[type, ...]) -> Callable[[Any, CourseData], bool]:
    """A ``Mistake.when``: the answer is a whole result object instead of one of its numbers."""
    return lambda answer, data: isinstance(answer, kind)


# --------------------------------------------------------------------------------------------
# Exercises 1-4 (warm-up, core): the primary metric, rates, difference, relative lift
# --------------------------------------------------------------------------------------------


q1 = DecisionExercise(
    variable="primary_metric",
    choices=(CLICKS, ORDERS, REACH),
    expected=lambda d: ORDERS,  # a business choice made before the test: the same for everyone
    why={CLICKS: _("q1_clicks"), REACH: _("q1_reach")},
    aliases={
        ORDERS: ("order", "conversions", "conversion rate", "converted", "sales", "purchases",
                 "ordini", "vendite", "acquisti", "commandes", "ventes", "achats"),
        CLICKS: ("click", "clicked", "click rate", "click-through rate", "CTR", "clic",
                 "clics"),
        REACH: ("people reached", "copertura", "portée"),
    },
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    right=(
        Variant(lambda d: " Orders", "capitalised, with a space"),
        Variant(lambda d: "conversions", "another word for it"),
        Variant(lambda d: "vendite", "in Italian"),
    ),
    wrong=(
        Variant(lambda d: CLICKS, "the agency's metric", says="secondary"),
        Variant(lambda d: REACH, "reach", says="split"),
        Variant(lambda d: "likes", "not one of the choices", says="must be one of"),
    ),
)


def _swapped(values: pd.Series) -> pd.Series:
    """A's value under B's label and B's under A's."""
    return pd.Series(values.to_numpy()[::-1], index=values.index, name=values.name)


q2 = ValueExercise(
    variable="click_rates",
    expected=_rates,
    tier="warm-up",
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("counts", lambda d: _counts(d)[0], _("q2_counts")),
        Mistake("conversion", lambda d: _rates(d, "converted"), _("q2_conversion")),
        Mistake("percent", lambda d: 100 * _rates(d), _("q2_percent")),
    ),
    right=(
        Variant(lambda d: ab_table(d).groupby("variant", observed=True)["clicked"].mean(),
                "as the solution computes it"),
        Variant(lambda d: ab_table(d).groupby("variant", observed=True)[["clicked"]].mean(),
                "a one-column table"),
        Variant(lambda d: {k: round(float(v), 4) for k, v in _rates(d).items()},
                "a dict rounded as printed"),
        Variant(lambda d: _rates(d).rename(index=str.lower), "labels in lower case"),
    ),
    wrong=(
        Variant(lambda d: _swapped(_rates(d)), "A's and B's rates swapped", says="your value"),
        Variant(lambda d: _counts(d)[0], "numbers of clicks", says="rates"),
        Variant(lambda d: _rates(d, "converted"), "conversion rates", says="conversion"),
        Variant(lambda d: 100 * _rates(d), "percentages", says="shares"),
        Variant(lambda d: _rates(d).to_numpy(), "values without labels", says="Series"),
    ),
)


def _difference(data: CourseData) -> float:
    rates = _rates(data)
    return float(rates["B"] - rates["A"])


def _lift(data: CourseData) -> float:
    return _difference(data) / float(_rates(data)["A"])


q3 = ValueExercise(
    variable="difference",
    expected=_difference,
    tier="warm-up",
    hints=(_("q3_hint1"), _("q3_hint2")),
    mistakes=(
        Mistake("relative_lift", _lift, _("q3_relative")),
        Mistake("counts", lambda d: float(_counts(d)[0]["B"] - _counts(d)[0]["A"]),
                _("q3_counts")),
        Mistake("reversed", lambda d: -_difference(d), _("q3_reversed")),
        Mistake("points", lambda d: 100 * _difference(d), _("q3_points")),
    ),
    right=(
        Variant(_difference, "B minus A"),
        Variant(lambda d: round(_difference(d), 4), "as printed (+0.44 points is 0.0044)"),
    ),
    wrong=(
        Variant(_lift, "the relative lift", says="relative lift"),
        Variant(lambda d: -_difference(d), "A minus B", says="B minus A"),
        Variant(lambda d: 100 * _difference(d), "in points", says="as a share"),
        Variant(lambda d: float(_counts(d)[0]["B"] - _counts(d)[0]["A"]), "clicks",
                says="count"),
    ),
)

q4 = ValueExercise(
    variable="relative_lift",
    expected=_lift,
    hints=(_("q4_hint1"), _("q4_hint2")),
    mistakes=(
        Mistake("points", _difference, _("q4_points")),
        Mistake("percent", lambda d: 100 * _lift(d), _("q4_percent")),
        Mistake("over_b", lambda d: _difference(d) / float(_rates(d)["B"]), _("q4_over_b")),
        Mistake("ratio", lambda d: 1 + _lift(d),
                lambda d: _("q4_ratio", ratio=1 + _lift(d))),
    ),
    right=(
        Variant(_lift, "difference over A"),
        Variant(lambda d: round(_lift(d), 2), "as printed (22 %)"),
        Variant(lambda d: float(_rates(d)["B"] / _rates(d)["A"] - 1), "B over A, minus 1"),
    ),
    wrong=(
        Variant(_difference, "the difference in points", says="percentage points"),
        Variant(lambda d: 100 * _lift(d), "a percentage", says="share"),
        Variant(lambda d: _difference(d) / float(_rates(d)["B"]), "divided by B",
                says="B's rate"),
        Variant(lambda d: float(_rates(d)["B"] / _rates(d)["A"]), "B over A, without the 1",
                says="subtract 1"),
    ),
)


# --------------------------------------------------------------------------------------------
# Exercises 5-6 (core): the confidence interval and the agency's claim
# --------------------------------------------------------------------------------------------


def _ci(data: CourseData, column: str = "clicked", scale: float = 1.0) -> tuple[float, float]:
    res = ab_result(data, column)
    return (res.ci_low * scale, res.ci_high * scale)


def _ci_in_clicks(data: CourseData) -> tuple[float, float]:
    return _ci(data, scale=float(_counts(data)[1]["A"]))


def _rounded_ci(answer: Any, data: CourseData) -> bool:
    """True for the interval's ends rounded to 3 decimals or fewer (off by up to 0.005)."""
    ends = list(answer)
    return len(ends) == 2 and all(
        is_number(g) and 0 < abs(float(g) - e) <= 0.005 + 1e-12 and round(float(g), 3) == g
        for g, e in zip(ends, _ci(data), strict=True))


q5 = ValueExercise(
    variable="ci",
    expected=_ci,
    ordered=True,
    abs_tol=5e-5,  # the notebook prints the ends in points with 2 decimals: +0.08 is 0.0008
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(
        Mistake("result_object", None, _("q5_result"), when=_is(ProportionsResult),
                before=True),
        Mistake("counts", _ci_in_clicks, _("q5_counts")),
        Mistake("percent", lambda d: _ci(d, scale=100.0), _("q5_percent")),
        Mistake("rounded", None, _("q5_rounded"), when=_rounded_ci),
        Mistake("conversion", lambda d: _ci(d, "converted"), _("q5_conversion")),
    ),
    right=(
        Variant(_ci, "a tuple (low, high)"),
        Variant(lambda d: list(_ci(d)), "a list"),
        Variant(lambda d: tuple(round(v, 4) for v in _ci(d)), "rounded to 4 decimals"),
    ),
    wrong=(
        Variant(lambda d: _ci(d)[::-1], "high then low", says="order"),
        Variant(lambda d: _ci(d, scale=100.0), "in points", says="percentage points"),
        Variant(lambda d: _ci(d, "converted"), "the conversions' interval", says="conversion"),
        Variant(ab_result, "the whole result", says="result.ci_low"),
        Variant(_ci_in_clicks, "in clicks", says="clicks"),
    ),
)


def agency_call(data: CourseData) -> str:
    """The best call on "B won": significant at 5 % and in which direction.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> agency_call(load_course_data())
    'not proven yet'
    """
    res = ab_result(data)
    if res.p_value >= 0.05 or res.difference == 0:
        return NOT_PROVEN
    return B_WON if res.difference > 0 else A_BETTER


def _call_why(data: CourseData) -> dict[str, str]:
    """Every wrong call gets the reason for the right one, with the learner's interval."""
    res = ab_result(data)
    fields = {"low": f"{100 * res.ci_low:+.2f}", "high": f"{100 * res.ci_high:+.2f}",
              "p": res.p_value, "better": 1 - res.p_value}
    why = {NOT_PROVEN: _("q6_not_proven", **fields), B_WON: _("q6_b_won", **fields),
           A_BETTER: _("q6_a_better", **fields)}
    return dict.fromkeys((B_WON, NOT_PROVEN, A_BETTER), why[agency_call(data)])


def _other_call(data: CourseData) -> str:
    """A plausible wrong call: the agency's, unless the agency is right."""
    return NOT_PROVEN if agency_call(data) == B_WON else B_WON


#: The calls in Italian and French, and the ways learners write them.
_CALL_WORDS = {
    B_WON: ("B wins", "B is better", "B better", "B ha vinto", "B vince", "B è migliore",
            "B a gagné", "B gagne", "B est meilleur", "B est meilleure"),
    NOT_PROVEN: ("not proven", "not yet proven", "non ancora provato",
                 "non ancora dimostrato", "non dimostrato", "non provato",
                 "pas encore prouvé", "pas encore démontré", "non prouvé"),
    A_BETTER: ("A better", "A wins", "A won", "A è migliore", "A ha vinto",
               "A est meilleur", "A est meilleure", "A a gagné"),
}

q6 = DecisionExercise(
    variable="agency_call",
    choices=(B_WON, NOT_PROVEN, A_BETTER),
    expected=agency_call,
    why=_call_why,
    aliases=_CALL_WORDS,
    hints=(_("q6_hint1"), _("q6_hint2")),
    right=(
        Variant(lambda d: f"  {agency_call(d).upper()} ", "upper case, with spaces"),
        Variant(lambda d: {B_WON: "B ha vinto", NOT_PROVEN: "non ancora dimostrato",
                           A_BETTER: "A è migliore"}[agency_call(d)], "in Italian"),
        Variant(lambda d: {B_WON: "B a gagné", NOT_PROVEN: "pas encore prouvé",
                           A_BETTER: "A est meilleur"}[agency_call(d)], "in French"),
    ),
    wrong=(
        Variant(_other_call, "the other call", says="your interval"),
        Variant(lambda d: A_BETTER, "A is better", says="points"),
        Variant(lambda d: "maybe", "not one of the calls", says="must be one of"),
    ),
)


# --------------------------------------------------------------------------------------------
# Exercise 7 (core): a permutation test
# --------------------------------------------------------------------------------------------


def _clicked(data: CourseData, variant: str, column: str = "clicked") -> pd.Series:
    ab = ab_table(data)
    return ab.loc[ab["variant"] == variant, column]


def _perm_p(data: CourseData, alternative: str = "two-sided", column: str = "clicked") -> float:
    """The permutation p-value, from 100,000 shuffles so that it is close to the exact one."""
    def build(d: CourseData) -> float:
        return permutation_test(_clicked(d, "A", column), _clicked(d, "B", column),
                                statistic="proportion", alternative=alternative,
                                n_resamples=PRECISE_RESAMPLES, random_state=SEED).p_value

    return data.cached(("lesson08", f"perm_p:{alternative}:{column}"), build)


def _shuffled(data: CourseData, seed: int = SEED) -> PermutationResult:
    """The notebook's permutation test: 10,000 shuffles with ``seed``."""
    return data.cached(("lesson08", f"shuffled:{seed}"), lambda d: permutation_test(
        _clicked(d, "A"), _clicked(d, "B"), statistic="proportion", random_state=seed))


def _is_formula_p(answer: Any, data: CourseData) -> bool:
    """True for the formula's p-value (as written), unless it is also the notebook's shuffle's."""
    return (is_number(answer) and _AS_WRITTEN.close(answer, ab_result(data).p_value)
            and not _AS_WRITTEN.close(answer, _shuffled(data).p_value))


def _near(value: Callable[[CourseData], float],
          within: float = 0.01) -> Callable[[Any, CourseData], bool]:
    """A ``Mistake.when``: a p-value within ``within`` of ``value`` (any seed's noise is less).

    The exercise's own tolerance (10 % relative) suits a p-value near 0.1, not a wrong
    answer near 1 such as 1 - p, where 15 % would also take in other mistakes.
    """
    return lambda answer, data: is_number(answer) and abs(float(answer) - value(data)) <= within


def _formula_message(data: CourseData) -> str:
    return _("q7_formula", p=ab_result(data).p_value, perm=_shuffled(data).p_value)


q7 = ValueExercise(
    variable="perm_p",
    expected=_perm_p,
    rel_tol=0.10,  # any seed passes: 10,000 shuffles move p by 6 % at most (200 seeds,
    abs_tol=0.007,  # seven brands); a small p by 0.0055 at most
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(
        Mistake("formula", None, _formula_message, when=_is_formula_p, before=True),
        Mistake("result_object", None, _("q7_result"), when=_is(PermutationResult),
                before=True),
        Mistake("one_sided", lambda d: _perm_p(d, "greater"), _("q7_one_sided")),
        Mistake("complement", None, _("q7_complement"), when=_near(lambda d: 1 - _perm_p(d))),
        Mistake("conversions", None, _("q7_conversions"),
                when=_near(lambda d: _perm_p(d, column="converted"))),
    ),
    right=(
        Variant(lambda d: _shuffled(d).p_value, "with SEED"),
        Variant(lambda d: _shuffled(d, seed=1).p_value, "with another seed"),
        Variant(lambda d: round(_shuffled(d).p_value, 3), "as printed, 3 decimals"),
    ),
    wrong=(
        Variant(lambda d: ab_result(d).p_value, "the formula's p-value", says="formula"),
        Variant(lambda d: round(ab_result(d).p_value, 3), "the formula's p-value, as printed",
                says="formula"),
        Variant(lambda d: permutation_test(_clicked(d, "A"), _clicked(d, "B"),
                                           statistic="proportion", alternative="greater",
                                           random_state=SEED).p_value,
                "one-sided", says="one-sided"),
        Variant(lambda d: 1 - _shuffled(d).p_value, "1 - p", says="1 minus"),
        Variant(_shuffled, "the whole result", says="shuffled.p_value"),
        Variant(lambda d: permutation_test(_clicked(d, "A", "converted"),
                                           _clicked(d, "B", "converted"),
                                           statistic="proportion", random_state=SEED).p_value,
                "the conversions, as the worked example", says="clicked column"),
    ),
)


# --------------------------------------------------------------------------------------------
# Exercise 8 (stretch): a bootstrap interval for B minus A, median order value
# --------------------------------------------------------------------------------------------


def _orders(data: CourseData, variant: str | None = None) -> pd.Series:
    """The order values of one creative (or of the whole test): people who bought."""
    ab = ab_table(data)
    if variant is not None:
        ab = ab[ab["variant"] == variant]
    return ab["order_value"].dropna()


def _order_gap(data: CourseData, statistic: str = "median", seed: int = SEED,
               n_resamples: int = 10_000) -> BootstrapDifferenceResult:
    """The notebook's bootstrap of B's median order value minus A's."""
    return data.cached(
        ("lesson08", f"order_gap:{statistic}:{seed}:{n_resamples}"),
        lambda d: bootstrap_difference(_orders(d, "A"), _orders(d, "B"), statistic=statistic,
                                       n_resamples=n_resamples, random_state=seed))


def order_gap_ci(data: CourseData, statistic: str = "median",
                 seed: int = SEED) -> tuple[float, float]:
    """Bootstrap 95 % interval of B's median order value minus A's, with ``SEED``.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> low, high = order_gap_ci(load_course_data())
    >>> bool(low < 0 < high)  # a handful of orders: nobody can tell which buyers spend more
    True
    """
    res = _order_gap(data, statistic, seed)
    return (res.ci_low, res.ci_high)


def _reversed_gap(data: CourseData) -> tuple[float, float]:
    res = bootstrap_difference(_orders(data, "B"), _orders(data, "A"), random_state=SEED)
    return (res.ci_low, res.ci_high)


def _one_ci(data: CourseData, variant: str | None) -> tuple[float, float]:
    res = bootstrap_ci(_orders(data, variant), random_state=SEED)
    return (res.ci_low, res.ci_high)


def _zeros(answer: Any, data: CourseData) -> bool:
    """True for an interval of 0 to 0: people without an order counted as 0 euros."""
    return len(answer) == 2 and all(is_number(v) and float(v) == 0 for v in answer)


def _other_seed(answer: Any, data: CourseData) -> bool:
    """True for a bootstrap of B - A with another seed: each end within a fifth of the width."""
    precise = _order_gap(data, n_resamples=PRECISE_RESAMPLES)
    width = precise.ci_high - precise.ci_low
    ends = list(answer)
    return len(ends) == 2 and all(
        is_number(g) and abs(float(g) - e) <= 0.2 * width
        for g, e in zip(ends, (precise.ci_low, precise.ci_high), strict=True))


q8 = ValueExercise(
    variable="order_gap_ci",
    expected=order_gap_ci,
    ordered=True,
    tier="stretch",
    hints=(_("q8_hint1"), _("q8_hint2")),
    mistakes=(
        Mistake("result_object", None, _("q8_result"),
                when=_is((BootstrapDifferenceResult, BootstrapResult)), before=True),
        Mistake("no_orders_as_zero", None, _("q8_no_orders_as_zero"), when=_zeros,
                before=True),
        Mistake("pooled", lambda d: _one_ci(d, None), _("q8_pooled")),
        Mistake("a_only", lambda d: _one_ci(d, "A"), _("q8_a_only")),
        Mistake("reversed", _reversed_gap, _("q8_reversed")),
        Mistake("mean", lambda d: order_gap_ci(d, "mean"), _("q8_mean")),
        Mistake("other_seed", None, _("q8_seed"), when=_other_seed),
    ),
    right=(
        Variant(order_gap_ci, "with SEED"),
        Variant(lambda d: list(order_gap_ci(d)), "as a list"),
        Variant(lambda d: tuple(round(v, 2) for v in order_gap_ci(d)), "as printed, in cents"),
    ),
    wrong=(
        Variant(lambda d: _one_ci(d, None), "the pooled median (the old exercise)",
                says="pooled"),
        Variant(lambda d: _one_ci(d, "A"), "A's median only, as the worked example",
                says="worked example"),
        Variant(_reversed_gap, "A minus B", says="B minus A"),
        Variant(lambda d: order_gap_ci(d, "mean"), "the means' difference", says="medians"),
        Variant(lambda d: (0.0, 0.0), "non-buyers as 0 euros", says="dropna"),
        Variant(lambda d: order_gap_ci(d)[::-1], "high then low", says="order"),
        Variant(_order_gap, "the whole result", says="gap.ci_low"),
    ),
)


# --------------------------------------------------------------------------------------------
# Exercise 9 (core): people needed for a test
# --------------------------------------------------------------------------------------------


def people_needed(baseline_rate: float, min_lift: float) -> int:
    """People needed for the whole test (both creatives) to detect a relative lift.

    Examples
    --------
    >>> people_needed(0.02, 0.10)
    161364
    """
    return 2 * sample_size(baseline_rate, min_lift)


def _size_cases(data: CourseData) -> list[tuple[tuple, Any]]:
    """The learner's click rate with three lifts, then other baselines (another brand's)."""
    baseline = round(float(_rates(data)["A"]), 4)
    args = [(baseline, lift) for lift in TEST_LIFTS] + list(OTHER_CASES)
    return [(a, people_needed(*a)) for a in args]


def _per_variant(data: CourseData) -> Callable[[float, float], int]:
    return lambda rate, lift: sample_size(rate, lift)


def _as_points(data: CourseData) -> Callable[[float, float], int]:
    return lambda rate, lift: 2 * sample_size(rate, lift, relative=False)


def _fixed_baseline(data: CourseData) -> Callable[[float, float], int]:
    """A function that ignores its baseline and uses this brand's click rate."""
    rate = round(float(_rates(data)["A"]), 4)
    return lambda baseline_rate, min_lift: 2 * sample_size(rate, min_lift)


q9 = FunctionExercise(
    variable="people_needed",
    cases=_size_cases,
    hints=(_("q9_hint1"), _("q9_hint2")),
    mistakes=(
        Mistake("per_variant", _per_variant, _("q9_per_variant")),
        Mistake("points", _as_points, _("q9_points")),
    ),
    right=(
        Variant(lambda d: people_needed, "twice sample_size"),
        Variant(lambda d: lambda baseline_rate, min_lift: float(
            sample_size(baseline_rate, min_lift) + sample_size(baseline_rate, min_lift)),
            "A's plus B's, as a float"),
    ),
    wrong=(
        Variant(_per_variant, "per creative", says="EACH"),
        Variant(_as_points, "lift read as points", says="relative"),
        Variant(_fixed_baseline, "ignores its baseline", says="people_needed(0.05, 0.2)"),
        Variant(lambda d: lambda baseline_rate, min_lift: 2 * sample_size(min_lift,
                                                                          baseline_rate),
                "arguments swapped", says="returned"),
    ),
)


# --------------------------------------------------------------------------------------------
# Exercises 10-11 (core, stretch): peeking every day
# --------------------------------------------------------------------------------------------


def daily_visitors(data: CourseData) -> int:
    """People shown each creative per day in the learner's test (rounded).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> daily_visitors(load_course_data())
    357
    """
    ab = ab_table(data)
    return round(len(ab) / 2 / ab["date"].nunique())


def peeking(data: CourseData):  # noqa: ANN201 - a PeekingResult
    """The lesson's peeking simulation: A/A tests with the learner's traffic and click rate.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> result = peeking(load_course_data())
    >>> result.daily_peeking_rate > 2 * result.single_look_rate
    True
    """
    def build(d: CourseData):  # noqa: ANN202
        ab = ab_table(d)
        return peeking_simulation(days=int(ab["date"].nunique()),
                                  daily_visitors=daily_visitors(d),
                                  rate=round(float(_rates(d)["A"]), 4), random_state=SEED)

    return data.cached(("lesson08", "peeking"), build)


q10 = ValueExercise(
    variable="peeking_rate",
    expected=lambda d: peeking(d).daily_peeking_rate,
    hints=(_("q10_hint1"), _("q10_hint2")),
    mistakes=(
        Mistake("single_look", lambda d: peeking(d).single_look_rate, _("q10_single")),
        Mistake("percent", lambda d: 100 * peeking(d).daily_peeking_rate, _("q10_percent")),
        Mistake("curve_mean", lambda d: float(peeking(d).by_day["false_winner_if_peeking"]
                                              .mean()), _("q10_curve_mean")),
    ),
    right=(
        Variant(lambda d: peeking(d).daily_peeking_rate, "daily_peeking_rate"),
        Variant(lambda d: float(peeking(d).by_day["false_winner_if_peeking"].iloc[-1]),
                "the last day of the curve"),
        Variant(lambda d: round(peeking(d).daily_peeking_rate, 3), "as printed (20.6 %)"),
    ),
    wrong=(
        Variant(lambda d: peeking(d).single_look_rate, "checked once", says="once"),
        Variant(lambda d: 100 * peeking(d).daily_peeking_rate, "a percentage", says="share"),
        Variant(lambda d: peeking(d).by_day["false_winner_if_peeking"].mean(),
                "the average of the curve", says="last day"),
    ),
)


def _peeking_chart(data: CourseData, *, column: str = "false_winner_if_peeking",
                   scale: float = 1.0, ylabel: str = "A/A tests stopped with a false winner",
                   alt: str | None = None, title: str = "Checking every day finds false winners",
                   reference: bool = True, pandas: bool = False) -> Figure:
    """A chart a learner might draw for q11 (the exercise's own variants)."""
    import matplotlib.pyplot as plt

    from smmlab import viz

    by_day = peeking(data).by_day
    fig, ax = plt.subplots()
    if pandas:
        (by_day.assign(**{column: by_day[column] * scale})
         .plot(x="day", y=column, ax=ax, legend=False))
    else:
        ax.plot(by_day["day"], by_day[column] * scale, marker="o", label="checked every day")
    if reference:
        ax.axhline(0.05 * scale, linestyle="--", color="grey")
    ax.set_title(title)
    ax.set_xlabel("Day of the test")
    ax.set_ylabel(ylabel)
    if alt is None:
        alt = (f"Line chart: tests stopped with a false winner climb to "
               f"{peeking(data).daily_peeking_rate:.0%} when checked every day.")
    if alt:
        viz.set_alt_text(fig, alt)
    plt.close(fig)
    return fig


def _percent_axis(data: CourseData) -> Figure:
    """The solution's chart: shares on an axis formatted in per cent."""
    import matplotlib.ticker as mticker

    fig = _peeking_chart(data)
    fig.axes[0].yaxis.set_major_formatter(mticker.PercentFormatter(1))
    return fig


q11 = ChartExercise(
    variable="peeking_chart",
    expected=lambda d: peeking(d).by_day.set_index("day")["false_winner_if_peeking"],
    tier="stretch",
    hints=(_("q11_hint1"), _("q11_hint2")),
    right=(
        Variant(_percent_axis, "shares on a per cent axis"),
        Variant(lambda d: _peeking_chart(d, scale=100.0, ylabel="False winners (%)"),
                "in per cent, said on the axis"),
        Variant(lambda d: _peeking_chart(d, reference=False, pandas=True),
                "pandas .plot, no 5 % line"),
    ),
    wrong=(
        Variant(lambda d: _peeking_chart(d, column="significant_if_checked_once"),
                "the single-look column", says="which column you plotted"),
        Variant(lambda d: _peeking_chart(d, alt=""), "no alt text", says="alt text"),
        Variant(lambda d: _peeking_chart(d, title=""), "no title", says="title"),
        Variant(lambda d: _peeking_chart(d, scale=100.0, ylabel="False winners"),
                "x100 with nothing on the axis", says="values"),
    ),
)

__all__ = LESSON.bind(globals(), extra=("SEED",))
