"""Lesson 06: Bought followers and bots.

In the notebook: ``from smmlab.exercises.lesson06 import *`` gives ``setup``,
``q1`` ... ``q9``, ``check_all``, the ``____`` placeholder, and three helpers:
``previous_note`` (the previous SMM's note, and the platform it boasts about),
``candidates`` (three influencers' daily figures) and the constants of the
rules of thumb.

What the learner does: finds the month of the boasted growth, sees that
followers jumped while the follows per account reached did not stay put,
compares engagement rate by followers (falls) with engagement rate by reach
(holds), tests two rules of thumb vendors publish, writes their own rule
(followers that reach does not explain), and audits three influencer
candidates: one bought a burst, one lost reach to an algorithm change (it
looks suspicious and is not), one is clean.

Examples
--------
>>> from smmlab.exercises import lesson06
>>> data = lesson06.setup(quiet=True)
>>> lesson06.q1.check_answers({"best_month_growth": float(lesson06.monthly_growth(data).max())},
...                           data).correct
True
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from smmlab import detect
from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.core import PLACEHOLDER, CourseData, Lesson, Mistake, Result
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    ReflectionExercise,
    ValueExercise,
)
from smmlab.synth import make_account_daily
from smmlab.synth.brand import make_brand

#: Days before the step and after it that we compare.
WINDOW_DAYS = 28
#: The vendors' rules of thumb: "a healthy account gains 1-2 % a month" and
#: "an engagement rate below 1 % means fake followers".
VENDOR_MONTHLY_GROWTH = 0.02
VENDOR_ER = 0.01
#: Our rule: a day is suspicious when followers gained exceed FACTOR times what reach explains.
FACTOR = 3
#: A change in engagement rate by reach smaller than this is "it held".
HELD = 0.10
#: The four readings of the step (the diagnosis exercise).
CONTENT, ALGORITHM, BOUGHT, HEALTHY = ("the content got worse", "an algorithm change cut reach",
                                       "bought followers", "healthy growth")
DIAGNOSES = (CONTENT, ALGORITHM, BOUGHT, HEALTHY)
#: The three influencer candidates (their roles are shuffled per learner).
CANDIDATE_NAMES = ("Giulia Ferri", "Marco Bellini", "Sara Conti")
CANDIDATE_DAYS = 182
CANDIDATE_START = "2025-07-01"
SCORECARD_COLUMNS = ("candidate", "followers", "unexplained_followers", "engagements_per_day")

MESSAGES = Catalog(
    {
        "en": {
            "title": "Bought followers and bots",
            "note": "Note from the previous SMM: \"+{gained:,} followers on {platform} in {weeks} "
                    "weeks ({start} to {end})! Best growth ever. You're welcome :)\"",
            # q1
            "q1_hint1": "The worked example has month_end, the followers at the end of each "
                        "month. The growth of a month is its end over the previous month's end, "
                        "minus 1: Excel's =B3/B2-1, pandas' .pct_change().",
            "q1_hint2": "growth = month_end.pct_change(), then best_month_growth = "
                        "growth.max().",
            "q1_raw": "That is a number of followers, not a growth rate. A raw count cannot be "
                      "compared with another month or another account of a different size: "
                      "divide by the followers at the start of the month (.pct_change()).",
            # q2
            "q2_hint1": "Divide the new followers of each day by its reach and multiply by "
                        "1,000, then draw the line: fig, ax = plt.subplots(); ax.plot(...).",
            "q2_hint2": "per_1000 = daily[\"new_followers\"] / daily[\"reach\"] * 1000; "
                        "ax.plot(per_1000.index, per_1000); ax.set_title(...), "
                        "ax.set_xlabel(...), ax.set_ylabel(...), viz.set_alt_text(fig, ...).",
            # q3
            "q3_hint1": "before and after are ready. For each, take the mean of the daily "
                        "er_by_followers and of the daily er_by_reach; the change is after / "
                        "before - 1.",
            "q3_hint2": "er_change = pd.Series({{\"by followers\": after[\"er_by_followers\"]"
                        ".mean() / before[\"er_by_followers\"].mean() - 1, \"by reach\": ...}}).",
            "q3_difference": "You subtracted the rates (after - before): a change of a few "
                             "hundredths of a point looks like nothing. Compare them as a "
                             "relative change: after / before - 1.",
            "q3_swapped": "Your two numbers are swapped: it is the rate by followers that "
                          "fell, and the one by reach that held.",
            # q4
            "q4_hint1": "Three questions: did reach itself fall? Did the engagement rate by "
                        "reach (the people who saw the posts) fall? Did the follows per 1,000 "
                        "reached jump?",
            "q4_hint2": "Content that got worse lowers ER by reach; an algorithm change lowers "
                        "reach; bought followers add followers that reach does not explain, "
                        "while ER by reach holds.",
            "q4_facts": "During the step, {platform} gained {gained:,} followers where reach "
                        "explains about {expected:,.0f}; reach moved {reach:+.0%}; ER by "
                        "followers moved {by_followers:+.0%} and ER by reach {by_reach:+.0%}.",
            "q4_why_content": "ER by followers fell, but ER by reach held: the people who saw "
                              "the posts liked them as much as before. ER by followers fell "
                              "because the denominator grew with followers who never see a "
                              "post. It is not a verdict on the content.",
            "q4_why_algorithm": "An algorithm change shows as a lasting fall in reach, with "
                                "followers arriving as usual. Here followers arrived far "
                                "beyond what reach explains: the followers changed, not how "
                                "many people saw the posts.",
            "q4_why_healthy": "Healthy growth follows reach: the more people see the posts, "
                              "the more follow. Here the followers arrived with no extra "
                              "reach to explain them.",
            "q4_why_bought": "Bought followers arrive without reach to explain them, and ER "
                             "by reach would have held.",
            # q5
            "q5_hint1": "yearly is ready, with the engagement rate by followers of each "
                        "platform. Keep the platforms where it is below VENDOR_ER (0.01, that "
                        "is 1 %).",
            "q5_hint2": "vendor_fake = yearly.index[yearly[\"er_by_followers\"] < VENDOR_ER]"
                        ".tolist()",
            "q5_by_reach": "You used the engagement rate by reach. The vendor's rule is about "
                           "engagement per follower: use er_by_followers.",
            "q5_percent": "You compared with 1, but rates here are fractions: 1 % is 0.01 "
                          "(VENDOR_ER).",
            # q6
            "q6_hint1": "What reach explains is follows_per_reach x reach. The day is "
                        "suspicious when the new followers are more than FACTOR (3) times "
                        "that.",
            "q6_hint2": "return new_followers > FACTOR * follows_per_reach * reach",
            "q6_no_factor": "Your rule fires whenever followers beat what reach explains, "
                            "even by one: that is half the ordinary days. Ask for more than "
                            "FACTOR (3) times what reach explains.",
            "q6_no_rate": "You compared new followers with 3 x reach: only a few in a "
                          "thousand people reached follow, so the rule never fires. Multiply "
                          "reach by follows_per_reach first.",
            # q7
            "q7_hint1": "For each candidate: followers on the last day, the excess of "
                        "detect.follower_audit (added up, 0 if it finds nothing), and the "
                        "median of the daily engagements over the last WINDOW_DAYS days.",
            "q7_hint2": "rows = [] ; for name, daily in influencers.items(): audit = "
                        "detect.follower_audit(daily); rows.append({{\"candidate\": name, "
                        "\"followers\": daily[\"followers\"].iloc[-1], "
                        "\"unexplained_followers\": audit[\"excess\"].sum(), "
                        "\"engagements_per_day\": daily[\"engagements\"].tail(WINDOW_DAYS)"
                        ".median()}}); scorecard = pd.DataFrame(rows).",
            "q7_whole_period": "Your engagements per day cover the whole half year. An "
                               "influencer is paid for what they do now: take the median of "
                               "the last WINDOW_DAYS days (.tail(WINDOW_DAYS)).",
            # q8
            "q8_hint1": "Drop any candidate the audit finds unexplained followers for. Of "
                        "the others, who engages the most real people per day now?",
            "q8_hint2": "A drop in reach that follows and ER by reach go along with is an "
                        "algorithm change, not bots; the vendor's 1 % rule is not evidence "
                        "either way.",
            "q8_bought": "{name} has the most followers ({followers:,}), but the audit finds "
                         "{excess:,.0f} followers that reach does not explain: bought. Raw "
                         "follower counts cannot be compared across accounts: compare the "
                         "people who engage, now.",
            "q8_algorithm": "{name} is clean, but engages {mine:,.0f} people a day against "
                            "{best:,.0f} for {pick}. {pick}'s reach fell by {drop:.0%} on "
                            "{date} and stayed down: an algorithm change, which cuts reach "
                            "for everyone. Bots do not cut reach, and the audit finds no "
                            "followers that reach does not explain. A vendor's 1 % threshold "
                            "is no evidence either.",
            "q8_fewer": "{name} engages {mine:,.0f} people a day now, against {best:,.0f} for "
                        "{pick}, whom the audit clears.",
            # q9
            "q9_hint1": "Two or three sentences for your manager: whom you recommend, the "
                        "number that decided it, and what you ruled out and why.",
            "q9_hint2": "For example: \"I recommend X: about N people engage with her posts "
                        "a day, the most of the three. Y has more followers, but N of them "
                        "arrived without reach to explain them. Z's reach drop is the "
                        "platform's algorithm, not bots.\"",
        }
    }
)
_ = MESSAGES.text

LESSON = Lesson("06", _("title"), source=lessons_dir() / "06_bought_followers.ipynb")


# --------------------------------------------------------------------------------------------
# The learner's account, the step and the windows around it
# --------------------------------------------------------------------------------------------


def audit_of(data: CourseData) -> pd.DataFrame:
    """``detect.follower_audit(data.account_daily)``: stretches reach does not explain."""
    return data.cached(("lesson06", "audit"),
                       lambda d: detect.follower_audit(d.account_daily))


def step(data: CourseData) -> pd.Series:
    """The audit's biggest stretch (the most unexplained followers).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> str(step(load_course_data())["platform"])
    'Instagram'
    """
    audit = audit_of(data)
    return audit.loc[audit["excess"].idxmax()]


def platform_daily(data: CourseData, platform: str | None = None) -> pd.DataFrame:
    """One platform's daily rows indexed by date, with ``er_by_followers`` and ``er_by_reach``."""
    platform = str(step(data)["platform"]) if platform is None else platform

    def build(d: CourseData) -> pd.DataFrame:
        daily = d.account_daily
        daily = daily[daily["platform"] == platform].set_index("date")
        daily = daily.assign(er_by_followers=daily["engagements"] / daily["followers"],
                             er_by_reach=daily["engagements"] / daily["reach"])
        return daily

    return data.cached(("lesson06", f"daily:{platform}"), build)


def previous_note(data: CourseData, *, quiet: bool = False) -> str:
    """Print the previous SMM's note and return the platform it boasts about.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> previous_note(load_course_data(), quiet=True)
    'Instagram'
    """
    s = step(data)
    if not quiet:
        weeks = max(1, round(int(s["days"]) / 7))
        print(_("note", gained=int(s["gained"]), platform=s["platform"], weeks=weeks,
                start=f"{s['start']:%d %B}", end=f"{s['end']:%d %B}"))
    return str(s["platform"])


def month_end(data: CourseData) -> pd.Series:
    """Followers at the end of each month on the boasted platform."""
    return platform_daily(data)["followers"].resample("ME").last()


def monthly_growth(data: CourseData) -> pd.Series:
    """Each month's follower growth rate (``month_end.pct_change()``)."""
    return month_end(data).pct_change()


def windows(data: CourseData) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The WINDOW_DAYS days before the step starts and after it ends."""
    s, daily = step(data), platform_daily(data)
    one = pd.Timedelta(days=1)
    before = daily.loc[s["start"] - WINDOW_DAYS * one: s["start"] - one]
    after = daily.loc[s["end"] + one: s["end"] + WINDOW_DAYS * one]
    return before, after


def er_change(data: CourseData, *, how: str = "relative") -> pd.Series:
    """Change of the mean daily ER by followers and by reach, from before to after the step.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> change = er_change(load_course_data())
    >>> bool(change["by followers"] < -0.1 < change["by reach"])
    True
    """
    before, after = windows(data)
    out = {}
    for label, column in (("by followers", "er_by_followers"), ("by reach", "er_by_reach")):
        b, a = before[column].mean(), after[column].mean()
        out[label] = a - b if how == "difference" else a / b - 1
    return pd.Series(out, name="change")


def follows_per_1000(data: CourseData) -> pd.Series:
    """New followers per 1,000 accounts reached, each day, on the boasted platform."""
    daily = platform_daily(data)
    return daily["new_followers"] / daily["reach"] * 1000


# --------------------------------------------------------------------------------------------
# Exercise 1 (warm-up): the best month's growth rate
# --------------------------------------------------------------------------------------------

q1 = ValueExercise(
    "q1",
    variable="best_month_growth",
    expected=lambda d: float(monthly_growth(d).max()),
    rate=True,
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(Mistake("raw_count", lambda d: float(month_end(d).diff().max()), _("q1_raw")),),
)

# --------------------------------------------------------------------------------------------
# Exercise 2 (core): follows per 1,000 reached, day by day
# --------------------------------------------------------------------------------------------

q2 = ChartExercise(
    "q2",
    variable="follow_chart",
    expected=follows_per_1000,
    hints=(_("q2_hint1"), _("q2_hint2")),
)

# --------------------------------------------------------------------------------------------
# Exercise 3 (core): ER by followers falls, ER by reach holds
# --------------------------------------------------------------------------------------------

q3 = ValueExercise(
    "q3",
    variable="er_change",
    expected=er_change,
    abs_tol=0.005,
    hints=(_("q3_hint1"), _("q3_hint2")),
    mistakes=(
        Mistake("difference", lambda d: er_change(d, how="difference"), _("q3_difference")),
        Mistake("swapped", lambda d: er_change(d).set_axis(["by reach", "by followers"]),
                _("q3_swapped")),
    ),
)

# --------------------------------------------------------------------------------------------
# Exercise 4 (core): what happened?
# --------------------------------------------------------------------------------------------


def step_facts(data: CourseData) -> dict[str, Any]:
    """The figures the diagnosis rests on."""
    s = step(data)
    before, after = windows(data)
    change = er_change(data)
    return {"platform": str(s["platform"]), "gained": int(s["gained"]),
            "expected": float(s["expected"]), "reach": float(s["reach_change"]),
            "by_followers": float(change["by followers"]), "by_reach": float(change["by reach"])}


def diagnosis(data: CourseData) -> str:
    """The reading of the step the figures support (the rules of the lesson, in order).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> diagnosis(load_course_data())
    'bought followers'
    """
    f = step_facts(data)
    if f["by_reach"] <= -HELD:
        return CONTENT
    if f["gained"] > FACTOR * f["expected"]:
        return BOUGHT
    if f["reach"] <= -2 * HELD:
        return ALGORITHM
    return HEALTHY


class _StepDecision(DecisionExercise):
    """The reasons quote the learner's own figures."""

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        facts = _("q4_facts", **step_facts(data))
        keys = {CONTENT: "content", ALGORITHM: "algorithm", HEALTHY: "healthy", BOUGHT: "bought"}
        self.why = {c: f"{facts} {_('q4_why_' + keys[c])}" for c in DIAGNOSES}
        return super().evaluate(answers, data)


q4 = _StepDecision(
    "q4",
    variable="what_happened",
    choices=DIAGNOSES,
    expected=diagnosis,
    hints=(_("q4_hint1"), _("q4_hint2")),
)

# --------------------------------------------------------------------------------------------
# Exercise 5 (warm-up): the vendor's "below 1 % means fake" rule
# --------------------------------------------------------------------------------------------


def yearly_er(data: CourseData) -> pd.DataFrame:
    """Each platform's mean daily engagement rate by followers and by reach over the year."""
    daily = data.account_daily.assign(
        er_by_followers=lambda t: t["engagements"] / t["followers"],
        er_by_reach=lambda t: t["engagements"] / t["reach"].where(t["reach"] > 0))
    table = daily.groupby("platform", observed=True)[["er_by_followers", "er_by_reach"]].mean()
    return table.rename(index=str)


def vendor_fake(data: CourseData, *, column: str = "er_by_followers",
                threshold: float = VENDOR_ER) -> list[str]:
    """The platforms the vendor's rule calls fake (ER by followers below 1 %).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> "Facebook" in vendor_fake(load_course_data())
    True
    """
    table = yearly_er(data)
    return [str(p) for p in table.index[table[column] < threshold]]


q5 = ValueExercise(
    "q5",
    variable="vendor_fake",
    expected=vendor_fake,
    tier="warm-up",
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(
        Mistake("by_reach", lambda d: vendor_fake(d, column="er_by_reach"), _("q5_by_reach")),
        Mistake("percent", lambda d: vendor_fake(d, threshold=1.0), _("q5_percent")),
    ),
)

# --------------------------------------------------------------------------------------------
# Exercise 6 (core): our own rule, as a function
# --------------------------------------------------------------------------------------------


def too_many_followers(new_followers: float, reach: float, follows_per_reach: float, *,
                       factor: float = FACTOR) -> bool:
    """True when a day's new followers exceed ``factor`` times what its reach explains.

    Examples
    --------
    >>> too_many_followers(900, 3000, 0.01), too_many_followers(40, 3000, 0.01)
    (True, False)
    """
    return bool(new_followers > factor * follows_per_reach * reach)


def usual_follows_per_reach(data: CourseData) -> float:
    """The median of the daily new followers / reach on the boasted platform (rounded)."""
    daily = platform_daily(data)
    return round(float((daily["new_followers"] / daily["reach"]).median()), 5)


def _rule_cases(data: CourseData) -> list[tuple[tuple, Any]]:
    daily = platform_daily(data)
    rate = usual_follows_per_reach(data)
    days = [daily["new_followers"].idxmax(), daily["reach"].idxmax(),
            (daily["new_followers"] - daily["new_followers"].median()).abs().idxmin()]
    args = [(int(daily.at[t, "new_followers"]), int(daily.at[t, "reach"]), rate) for t in days]
    reach = int(daily["reach"].median())
    args += [(round(2 * rate * reach), reach, rate),       # twice what reach explains: fine
             (round(1.5 * rate * reach), reach, rate),     # a little above: fine
             (round(5 * rate * reach), reach, rate),       # five times: suspicious
             (0, 0, rate)]                                  # nobody reached, nobody followed
    return [(a, too_many_followers(*a)) for a in args]


def _wrong_rule(kind: str) -> Any:
    def compute(data: CourseData) -> Any:
        if kind == "no_factor":
            return lambda n, r, f: bool(n > f * r)
        return lambda n, r, f: bool(n > FACTOR * r)

    return compute


q6 = FunctionExercise(
    "q6",
    variable="too_many_followers",
    cases=_rule_cases,
    hints=(_("q6_hint1"), _("q6_hint2")),
    mistakes=(
        Mistake("no_factor", _wrong_rule("no_factor"), _("q6_no_factor")),
        Mistake("no_rate", _wrong_rule("no_rate"), _("q6_no_rate")),
    ),
)

# --------------------------------------------------------------------------------------------
# Step 4: three influencer candidates
# --------------------------------------------------------------------------------------------


def _seed(data: CourseData) -> int:
    """A seed derived from the learner's data, so each learner audits their own candidates."""
    daily = data.account_daily
    key = f"{data.brand}|{int(daily['followers'].iloc[0])}|{int(daily['engagements'].sum())}"
    return zlib.crc32(key.encode("utf-8"))


def _roles(data: CourseData) -> dict[str, str]:
    order = np.random.default_rng(_seed(data)).permutation(3)  # a local generator only
    roles = ("bought", "algorithm", "clean")
    return {CANDIDATE_NAMES[i]: roles[k] for k, i in enumerate(order)}


def _make_candidate(role: str, seed: int) -> pd.DataFrame:
    followers = {"bought": 30_000, "algorithm": 40_000, "clean": 12_000}[role]
    brand = make_brand(seed, platforms=["Instagram"], platform_params={"Instagram": {
        "followers": followers, "organic_reach_ratio": 0.12, "er_by_reach": 0.046,
        "follower_growth": 0.0012, "follower_churn": 0.0004}})
    start = pd.Timestamp(CANDIDATE_START)
    extra: dict[str, Any] = {}
    if role == "bought":
        extra["bought_followers"] = {"platform": "Instagram", "followers": 24_000, "days": 21,
                                     "date": start + pd.Timedelta(days=95 + seed % 20)}
    if role == "algorithm":
        extra["algorithm_change"] = {"platform": "Instagram", "factor": 0.5,
                                     "date": start + pd.Timedelta(days=110 + seed % 20)}
    daily = make_account_daily(CANDIDATE_DAYS, brand=brand, start=start, random_state=seed,
                               **extra)
    return daily.drop(columns="platform").reset_index(drop=True)


def candidates(data: CourseData) -> dict[str, pd.DataFrame]:
    """Three influencers' daily Instagram figures, the same every time for the same data.

    One bought a burst of followers, one lost reach to an algorithm change, one is
    clean; which is which depends on the learner's data.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> sorted(candidates(load_course_data()))
    ['Giulia Ferri', 'Marco Bellini', 'Sara Conti']
    """
    def build(d: CourseData) -> dict[str, pd.DataFrame]:
        base = _seed(d)
        return {name: _make_candidate(role, base + i)
                for i, (name, role) in enumerate(sorted(_roles(d).items()))}

    made = data.cached(("lesson06", "candidates"), build)
    return {name: daily.copy() for name, daily in made.items()}


def scorecard(data: CourseData, *, days: int | None = WINDOW_DAYS) -> pd.DataFrame:
    """Followers, unexplained followers and engagements per day (median, last 28 days).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> scorecard(load_course_data()).columns.tolist()
    ['candidate', 'followers', 'unexplained_followers', 'engagements_per_day']
    """
    rows = []
    for name, daily in candidates(data).items():
        audit = detect.follower_audit(daily.assign(platform="Instagram"))
        recent = daily["engagements"] if days is None else daily["engagements"].tail(days)
        rows.append({"candidate": name, "followers": int(daily["followers"].iloc[-1]),
                     "unexplained_followers": float(audit["excess"].sum()),
                     "engagements_per_day": float(recent.median())})
    return pd.DataFrame(rows, columns=list(SCORECARD_COLUMNS))


q7 = ValueExercise(
    "q7",
    variable="scorecard",
    expected=scorecard,
    tier="stretch",
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(Mistake("whole_period", lambda d: scorecard(d, days=None),
                      _("q7_whole_period")),),
)


def recommendation(data: CourseData) -> str:
    """The candidate the audit clears who engages the most people per day now.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> _roles(data)[recommendation(data)]
    'algorithm'
    """
    card = scorecard(data)
    cleared = card[card["unexplained_followers"] == 0]
    return str(cleared.loc[cleared["engagements_per_day"].idxmax(), "candidate"])


def _reach_drop(data: CourseData, name: str) -> detect.ChangePoint:
    daily = candidates(data)[name].set_index("date")
    return detect.changepoint(daily["reach"])


def _recommend_why(data: CourseData) -> dict[str, str]:
    card = scorecard(data).set_index("candidate")
    pick = recommendation(data)
    best = card.at[pick, "engagements_per_day"]
    roles = _roles(data)
    why = {}
    for name, row in card.iterrows():
        if row["unexplained_followers"] > 0:
            why[name] = _("q8_bought", name=name, followers=int(row["followers"]),
                          excess=row["unexplained_followers"])
        elif roles[pick] == "algorithm":
            drop = _reach_drop(data, pick)
            why[name] = _("q8_algorithm", name=name, mine=row["engagements_per_day"], best=best,
                          pick=pick, drop=-drop.change, date=f"{drop.date:%d %B}")
        else:
            why[name] = _("q8_fewer", name=name, mine=row["engagements_per_day"], best=best,
                          pick=pick)
    return why


class _CandidateDecision(DecisionExercise):
    """The reasons quote the candidates' figures."""

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        self.why = data.cached(("lesson06", "why_q8"), _recommend_why)
        return super().evaluate(answers, data)


q8 = _CandidateDecision(
    "q8",
    variable="recommended",
    choices=CANDIDATE_NAMES,
    expected=recommendation,
    hints=(_("q8_hint1"), _("q8_hint2")),
)

q9 = ReflectionExercise(
    "q9",
    variable="recommendation_note",
    min_words=30,
    tier="stretch",
    hints=(_("q9_hint1"), _("q9_hint2")),
)

LESSON.add(q1, q2, q3, q4, q5, q6, q7, q8, q9)


setup = LESSON.setup


check_all = LESSON.check_all


____ = PLACEHOLDER
__all__ = ["FACTOR", "VENDOR_ER", "VENDOR_MONTHLY_GROWTH", "WINDOW_DAYS", "____", "candidates",
           "check_all", "previous_note", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9",
           "setup"]
