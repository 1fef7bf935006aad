"""Lesson 06: Bought followers and bots.

In the notebook: ``from smmlab.exercises.lesson06 import *`` gives ``setup``,
``q1`` ... ``q9``, ``check_all``, the ``____`` placeholder, and three helpers:
``previous_note`` (the previous SMM's note, and the platform it boasts about),
``candidates`` (three influencers' daily figures) and the constants of the
rules of thumb.

What the learner does: finds the month of the boasted growth, sees that
followers jumped while the follows per account reached did not stay put,
compares engagement rate by followers (falls) with engagement rate by reach (moves
far less), tests two rules of thumb vendors publish, writes their own rule
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
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from smmlab import detect
from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.compare import normal_text
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    ReflectionExercise,
    ValueExercise,
    series_shown,
)
from smmlab.synth import make_account_daily
from smmlab.synth.brand import make_brand

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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
#: What a post's engagements add up (lesson 01).
_ACTIONS = ("likes", "comments", "shares", "saves")

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
            "q1_daily": "That is the best single day's growth. The question is about months: "
                        "take the followers at each month's end (month_end) first, then "
                        ".pct_change().",
            "q1_raw": "That is a number of followers, not a growth rate. A raw count cannot be "
                      "compared with another month or another account of a different size: "
                      "divide by the followers at the start of the month (.pct_change()).",
            # q2
            "q2_hint1": "Divide the new followers of each day by its reach and multiply by "
                        "1,000, then draw the line: fig, ax = plt.subplots(); ax.plot(...).",
            "q2_hint2": "per_1000 = daily[\"new_followers\"] / daily[\"reach\"] * 1000; "
                        "ax.plot(per_1000.index, per_1000); ax.set_title(...), "
                        "ax.set_xlabel(...), ax.set_ylabel(...), viz.set_alt_text(fig, ...).",
            "q2_per_account": "Your line shows the follows per account reached (new "
                              "followers / reach). Multiply by 1,000 to show the follows per "
                              "1,000 accounts reached, as the question asks.",
            # q3
            "q3_hint1": "before and after are ready. For each, take the mean of the daily "
                        "er_by_followers and of the daily er_by_reach; the change is after / "
                        "before - 1.",
            "q3_hint2": "er_change = pd.Series({{\"by followers\": after[\"er_by_followers\"]"
                        ".mean() / before[\"er_by_followers\"].mean() - 1, \"by reach\": ...}}).",
            "q3_difference": "You subtracted the rates (after - before): a change of a few "
                             "hundredths of a point looks like nothing. Compare them as a "
                             "relative change: after / before - 1.",
            "q3_percent": "Your changes look like percentages (x100). Keep them as fractions, "
                          "as the rest of the course does: -25 % is -0.25.",
            "q3_swapped": "Your two numbers are swapped: it is the rate by followers that "
                          "fell most, and the one by reach that moved little.",
            # q4
            "q4_hint1": "Three questions: did reach itself fall? Did the engagement rate by "
                        "reach (the people who saw the posts) fall? Did the follows per 1,000 "
                        "reached jump?",
            "q4_hint2": "Content that got worse lowers ER by reach; an algorithm change lowers "
                        "reach; bought followers add followers that reach does not explain, "
                        "while ER by reach moves far less than ER by followers.",
            "q4_facts": "During the step, {platform} gained {gained:,} followers where reach "
                        "explains about {expected:,.0f}; reach moved {reach:+.0%}; ER by "
                        "followers moved {by_followers:+.0%} and ER by reach {by_reach:+.0%}.",
            "q4_why_content": "ER by followers fell far more than ER by reach: the people who "
                              "saw the posts liked them about as much as before. ER by "
                              "followers fell because the denominator grew with followers who "
                              "never see a post. It is not a verdict on the content.",
            "q4_why_algorithm": "An algorithm change shows as a lasting fall in reach, with "
                                "followers arriving as usual. Here followers arrived far "
                                "beyond what reach explains: the followers changed, not how "
                                "many people saw the posts.",
            "q4_why_healthy": "Healthy growth follows reach: the more people see the posts, "
                              "the more follow. Here the followers arrived with no extra "
                              "reach to explain them.",
            "q4_why_bought": "Bought followers arrive without reach to explain them, and ER "
                             "by followers falls far more than ER by reach.",
            # q5
            "q5_hint1": "yearly is ready, with each platform's typical post: its engagement "
                        "rate by followers and by reach. Keep the platforms where the rate by "
                        "followers is below VENDOR_ER (0.01, that is 1 %).",
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
            "q6_at_least": "Your rule also fires on a day with exactly FACTOR (3) times what "
                           "reach explains. The rule is \"more than\" 3 times: use >, not >=.",
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
            "q7_mean": "Your engagements per day are a mean. One viral day pulls a mean up: "
                       "take the median of the last WINDOW_DAYS days (.median()).",
            "q7_gained": "Your unexplained followers add up everything the audit's stretches "
                         "gained (gained). The unexplained ones are those beyond what reach "
                         "explains: add up excess.",
            # q8
            "q8_hint1": "Drop any candidate the audit finds unexplained followers for. Of "
                        "the others, who engages the most real people per day now?",
            "q8_hint2": "A drop in reach that follows and ER by reach go along with is an "
                        "algorithm change, not bots; the vendor's 1 % rule is not evidence "
                        "either way.",
            "q8_bought": "{name} has the most followers ({followers:,}), but the audit finds "
                         "{excess:,.0f} followers that reach does not explain: bought. And "
                         "{name} engages {mine:,.0f} people a day now, against {best:,.0f} for "
                         "{pick}. Raw follower counts cannot be compared across accounts: "
                         "compare the people who engage, now.",
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
            "q9_no_candidate": "Say whom you recommend: name the candidate ({names}).",
            "q9_no_number": "Give your manager the number that decided it: the people who "
                            "engage each day, or the followers reach does not explain.",
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


def _best_growth(data: CourseData) -> float:
    return float(monthly_growth(data).max())


q1 = ValueExercise(
    variable="best_month_growth",
    expected=_best_growth,
    rate=True,
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("raw_count", lambda d: float(month_end(d).diff().max()), _("q1_raw")),
        Mistake("daily", lambda d: float(platform_daily(d)["followers"].pct_change().max()),
                _("q1_daily")),
    ),
    right=(Variant(lambda d: round(_best_growth(d), 3), "rounded as printed (+20.3%)"),
           Variant(lambda d: np.float64(_best_growth(d)), "a numpy number")),
    wrong=(Variant(lambda d: _best_growth(d) * 100, "a percentage", says="percentage"),
           Variant(lambda d: float(month_end(d).diff().max()), "followers gained, not a rate",
                   says="not a growth rate"),
           Variant(lambda d: float(platform_daily(d)["followers"].pct_change().max()),
                   "the best day's growth", says="single day"),
           Variant(lambda d: monthly_growth(d).idxmax(), "the best month's date",
                   says="should be a number")),
)

# --------------------------------------------------------------------------------------------
# Exercise 2 (core): follows per 1,000 reached, day by day
# --------------------------------------------------------------------------------------------


def _follow_chart(values: pd.Series, *, title: str | None = None,
                  ylabel: str = "New followers per 1,000 reached", alt: str | None = None,
                  pandas: bool = False) -> Figure:
    """A line chart a learner might draw for q2 (the exercise's own variants)."""
    import matplotlib.pyplot as plt

    from smmlab import viz

    fig, ax = plt.subplots()
    if pandas:
        values.plot(ax=ax)
    else:
        ax.plot(values.index, values.to_numpy())
    ax.set_title(title if title is not None else
                 "New followers per 1,000 accounts reached, each day of 2025")
    ax.set_xlabel("Day")
    ax.set_ylabel(ylabel)
    if alt != "":
        viz.set_alt_text(fig, alt if alt is not None else
                         "Line chart of new followers per 1,000 accounts reached each day: "
                         "flat, then a mountain for a few weeks, then flat again.")
    plt.close(fig)
    return fig


def _per_account(fig: Any, data: CourseData) -> bool:
    """True if the line is new followers / reach without the x1000, whatever its axis says
    (an axis label "per thousand reached" is not a chart in thousands)."""
    shown = pd.to_numeric(series_shown(fig), errors="coerce")
    want = follows_per_1000(data)
    ratio = float(shown.median()) / float(want.median())
    return abs(ratio * 1000 - 1) < 0.05


q2 = ChartExercise(
    variable="follow_chart",
    expected=follows_per_1000,
    # a ratio of two KPIs: the title must say it is about follows (a title that also names
    # reach, "Follows per 1,000 reach", is right)
    title_words=(("follow", "abonn", "iscritt"),),
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(Mistake("per_account", None, _("q2_per_account"), when=_per_account,
                      before=True),),
    right=(Variant(lambda d: _follow_chart(follows_per_1000(d)), "ax.plot of the Series"),
           Variant(lambda d: _follow_chart(follows_per_1000(d), pandas=True),
                   "drawn by pandas (.plot)"),
           Variant(lambda d: _follow_chart(follows_per_1000(d),
                                           title="Nuovi follower ogni 1.000 utenti raggiunti",
                                           ylabel="Follower per 1.000 raggiunti"),
                   "in Italian"),
           Variant(lambda d: _follow_chart(follows_per_1000(d),
                                           title="Follows per 1,000 reach, each day"),
                   "a title naming reach too"),
           Variant(lambda d: _follow_chart(follows_per_1000(d),
                                           ylabel="New followers per thousand reached"),
                   "an axis saying 'per thousand' (a rate, not a scale)")),
    wrong=(Variant(lambda d: _follow_chart(follows_per_1000(d) / 1000,
                                           ylabel="New followers per account reached"),
                   "per account, not per 1,000", says="multiply by 1,000"),
           Variant(lambda d: _follow_chart(follows_per_1000(d) / 1000,
                                           ylabel="New followers per thousand reached"),
                   "per account, the axis saying 'per thousand'", says="multiply by 1,000"),
           Variant(lambda d: _follow_chart(platform_daily(d)["new_followers"]),
                   "new followers, not divided by reach", says="in your chart"),
           Variant(lambda d: _follow_chart(follows_per_1000(d), title="Reach, each day of 2025"),
                   "a title naming reach only", says="title should mention follow"),
           Variant(lambda d: _follow_chart(follows_per_1000(d), alt=""), "no alt text",
                   says="alt text")),
)

# --------------------------------------------------------------------------------------------
# Exercise 3 (core): ER by followers falls, ER by reach holds
# --------------------------------------------------------------------------------------------

#: Other names learners give the two changes (the columns' names, Italian words).
_ER_LABELS = {
    "by followers": ("by followers", "followers", "by follower", "per follower", "per followers",
                     "er by followers", "er followers"),
    "by reach": ("by reach", "reach", "per reach", "er by reach", "er reach", "per copertura",
                 "copertura"),
}
_ER_LABEL_OF = {alias: label for label, aliases in _ER_LABELS.items() for alias in aliases}


def _er_labels(answer: Any, data: CourseData) -> Any:
    """The answer with its labels named as asked (``er_by_followers`` is ``by followers``)."""
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if not isinstance(answer, pd.Series):
        return answer

    def label(key: Any) -> Any:
        return _ER_LABEL_OF.get(normal_text(str(key).replace("_", " ")), key)

    return answer.rename(index=label)


def _looks_like_percent(answer: Any, data: CourseData) -> bool:
    got = pd.to_numeric(pd.Series(answer), errors="coerce")
    want = er_change(data)
    return bool(got.reindex(want.index).sub(want * 100).abs().lt(1).all())


q3 = ValueExercise(
    variable="er_change",
    expected=er_change,
    abs_tol=0.005,
    prepare=_er_labels,
    hints=(_("q3_hint1"), _("q3_hint2")),
    mistakes=(
        Mistake("difference", lambda d: er_change(d, how="difference"), _("q3_difference")),
        Mistake("swapped", lambda d: er_change(d).set_axis(["by reach", "by followers"]),
                _("q3_swapped")),
        Mistake("percent", None, _("q3_percent"), when=_looks_like_percent),
    ),
    right=(Variant(lambda d: er_change(d).round(2), "rounded as printed (-29%, -1%)"),
           Variant(lambda d: er_change(d).rename({"by followers": "er_by_followers",
                                                  "by reach": "er_by_reach"}),
                   "labelled with the column names"),
           Variant(lambda d: er_change(d).to_frame("change"), "a one-column table"),
           Variant(lambda d: er_change(d).to_dict(), "a dict")),
    wrong=(Variant(lambda d: er_change(d, how="difference"), "after - before",
                   says="relative change"),
           Variant(lambda d: er_change(d).set_axis(["by reach", "by followers"]),
                   "the two changes swapped", says="swapped"),
           Variant(lambda d: (er_change(d) * 100).round(), "in percent", says="percentages"),
           Variant(lambda d: -er_change(d), "the falls written as rises",
                   says="for by followers")),
)

# --------------------------------------------------------------------------------------------
# Exercise 4 (core): what happened?
# --------------------------------------------------------------------------------------------


def step_facts(data: CourseData) -> dict[str, Any]:
    """The figures the diagnosis rests on.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> sorted(step_facts(load_course_data()))
    ['by_followers', 'by_reach', 'expected', 'gained', 'platform', 'reach']
    """
    s = step(data)
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
    if f["gained"] > FACTOR * f["expected"]:
        return BOUGHT
    if f["by_reach"] <= -HELD:
        return CONTENT
    if f["reach"] <= -2 * HELD:
        return ALGORITHM
    return HEALTHY


def _step_why(data: CourseData) -> dict[str, str]:
    """Why each reading is not the one the figures support, quoting the learner's figures."""
    facts = _("q4_facts", **step_facts(data))
    keys = {CONTENT: "content", ALGORITHM: "algorithm", HEALTHY: "healthy", BOUGHT: "bought"}
    return {c: f"{facts} {_('q4_why_' + keys[c])}" for c in DIAGNOSES}


#: Shorter, Italian and French words for the four readings.
_DIAGNOSIS_ALIASES = {
    CONTENT: ("content", "the content", "content got worse", "contenuto peggiorato",
              "il contenuto è peggiorato", "contenuti peggiori", "le contenu s'est dégradé"),
    ALGORITHM: ("algorithm", "algorithm change", "an algorithm change", "cambio di algoritmo",
                "algoritmo", "changement d'algorithme", "algorithme"),
    BOUGHT: ("bought", "fake followers", "bots", "follower comprati", "follower acquistati",
             "follower falsi", "abonnés achetés", "faux abonnés"),
    HEALTHY: ("healthy", "crescita sana", "crescita reale", "croissance saine"),
}

q4 = DecisionExercise(
    variable="what_happened",
    choices=DIAGNOSES,
    expected=diagnosis,
    why=_step_why,
    aliases=_DIAGNOSIS_ALIASES,
    hints=(_("q4_hint1"), _("q4_hint2")),
    right=(Variant(lambda d: diagnosis(d).capitalize(), "capitalised"),
           Variant(lambda d: "follower comprati" if diagnosis(d) == BOUGHT else diagnosis(d),
                   "in Italian")),
    wrong=(Variant(lambda d: CONTENT, "the content got worse", says="not a verdict on the content"),
           Variant(lambda d: "cambio di algoritmo", "an algorithm change, in Italian",
                   says="lasting fall in reach"),
           Variant(lambda d: HEALTHY, "healthy growth", says="no extra reach"),
           Variant(lambda d: "viral post", "not one of the four", says="must be one of")),
)

# --------------------------------------------------------------------------------------------
# Exercise 5 (warm-up): the vendor's "below 1 %" rule
# --------------------------------------------------------------------------------------------


def yearly_er(data: CourseData) -> pd.DataFrame:
    """Each platform's typical post: the median post's engagement rate by followers and by reach.

    Vendors apply their "below 1 %" rule per post (a post's engagements ÷ the account's
    followers), so the rule is tested on the posts, the typical post being the median one
    (:data:`smmlab.metrics.TYPICAL_POST`).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> yearly_er(load_course_data()).columns.tolist()
    ['er_by_followers', 'er_by_reach']
    """
    posts = data.posts
    engagements = posts[list(_ACTIONS)].sum(axis=1)
    rates = posts.assign(
        er_by_followers=engagements / posts["followers_at_post"].where(
            posts["followers_at_post"] > 0),
        er_by_reach=engagements / posts["reach"].where(posts["reach"] > 0))
    table = rates.groupby("platform", observed=True)[["er_by_followers", "er_by_reach"]].median()
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


def _as_names(answer: Any, data: CourseData) -> Any:
    """Platform names as a list: an Index, a set or an array of them, or a table's rows."""
    if isinstance(answer, pd.DataFrame):
        answer = answer.index
    if isinstance(answer, pd.Index | np.ndarray | set | frozenset):
        return [str(v) for v in answer]
    return answer


q5 = ValueExercise(
    variable="vendor_fake",
    expected=vendor_fake,
    prepare=_as_names,
    tier="warm-up",
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(
        Mistake("by_reach", lambda d: vendor_fake(d, column="er_by_reach"), _("q5_by_reach")),
        Mistake("percent", lambda d: vendor_fake(d, threshold=1.0), _("q5_percent")),
    ),
    right=(Variant(lambda d: list(reversed(vendor_fake(d))), "in another order"),
           Variant(lambda d: pd.Index(vendor_fake(d), name="platform"), "an Index (no .tolist())"),
           Variant(lambda d: yearly_er(d)[yearly_er(d)["er_by_followers"] < VENDOR_ER],
                   "the rows of yearly")),
    wrong=(Variant(lambda d: vendor_fake(d, column="er_by_reach"), "by reach",
                   says="engagement per follower"),
           Variant(lambda d: vendor_fake(d, threshold=1.0), "compared with 1", says="0.01"),
           Variant(lambda d: vendor_fake(d)[1:], "a platform missing", says="items"),
           Variant(lambda d: [*vendor_fake(d), "Snapchat"], "a platform too many",
                   says="items")),
)

# --------------------------------------------------------------------------------------------
# Exercise 6 (core): our own rule, as a function
# --------------------------------------------------------------------------------------------


def too_many_followers(new_followers: float, reach: float, follows_per_reach: float, *,
                       factor: float = FACTOR) -> bool:
    """True when a day's new followers exceed ``factor`` times what its reach explains.

    Exactly ``factor`` times is not "more than": the rule stays quiet.

    Examples
    --------
    >>> too_many_followers(900, 3000, 0.01), too_many_followers(40, 3000, 0.01)
    (True, False)
    >>> too_many_followers(300, 25_600, 1 / 256)  # exactly 3 times the 100 reach explains
    False
    """
    return bool(new_followers > factor * follows_per_reach * reach)


def usual_follows_per_reach(data: CourseData) -> float:
    """The median of the daily new followers / reach on the boasted platform (rounded)."""
    return _usual_rate(platform_daily(data))


def _usual_rate(daily: pd.DataFrame) -> float:
    return round(float((daily["new_followers"] / daily["reach"]).median()), 5)


#: A day whose reach explains exactly 100 followers (1/256 and 25,600 are exact in binary, so
#: "exactly FACTOR times" is exact however the learner orders the multiplication).
_EXACT_RATE, _EXACT_REACH = 1 / 256, 25_600


def _rule_cases(data: CourseData) -> list[tuple[tuple, Any]]:
    """Days of the learner's account and of a second one (the bought candidate), then the
    boundary: exactly FACTOR times what reach explains (not suspicious) and one more follower
    (suspicious), so a rule with another factor fails."""
    bought = next(n for n, role in _roles(data).items() if role == "bought")
    args = []
    for daily in (platform_daily(data), candidates(data)[bought]):
        rate = _usual_rate(daily)
        middle = (daily["new_followers"] - daily["new_followers"].median()).abs().idxmin()
        for day in (daily["new_followers"].idxmax(), daily["reach"].idxmax(), middle):
            n, r = int(daily.at[day, "new_followers"]), int(daily.at[day, "reach"])
            if r > 0 and abs(n / (rate * r) - FACTOR) > 0.05:  # never a near-tie by accident
                args.append((n, r, rate))
    explained = _EXACT_RATE * _EXACT_REACH
    args += [(round(k * explained), _EXACT_REACH, _EXACT_RATE)
             for k in (1.5, 2, 2.9, FACTOR, FACTOR + 0.01, 5)]
    return [(a, too_many_followers(*a)) for a in args]


def _wrong_rule(kind: str) -> Any:
    def compute(data: CourseData) -> Any:
        if kind == "no_factor":
            return lambda n, r, f: bool(n > f * r)
        if kind == "at_least":
            return lambda n, r, f: bool(n >= FACTOR * f * r)
        return lambda n, r, f: bool(n > FACTOR * r)

    return compute


def _rule_with(factor: float, *, at_least: bool = False) -> Any:
    """A learner's rule with another factor (the exercise's own variants)."""
    if at_least:
        return lambda n, r, f: n >= factor * f * r
    return lambda n, r, f: n > factor * f * r


q6 = FunctionExercise(
    variable="too_many_followers",
    cases=_rule_cases,
    hints=(_("q6_hint1"), _("q6_hint2")),
    mistakes=(
        Mistake("no_factor", _wrong_rule("no_factor"), _("q6_no_factor")),
        Mistake("no_rate", _wrong_rule("no_rate"), _("q6_no_rate")),
        Mistake("at_least", _wrong_rule("at_least"), _("q6_at_least")),
    ),
    right=(Variant(lambda d: _rule_with(FACTOR), "the solution"),
           Variant(lambda d: lambda n, r, f: n / r > FACTOR * f, "divided by reach"),
           Variant(lambda d: lambda n, r, f: np.bool_(n / (f * r) > FACTOR),
                   "a ratio to what reach explains, as a numpy bool")),
    wrong=(Variant(lambda d: _rule_with(2.5), "a factor of 2.5", says="expected"),
           Variant(lambda d: _rule_with(4.5), "a factor of 4.5", says="expected"),
           Variant(lambda d: _rule_with(FACTOR, at_least=True), ">= instead of >",
                   says="exactly"),
           Variant(lambda d: lambda n, r, f: n > f * r, "no factor", says="FACTOR (3)"),
           Variant(lambda d: lambda n, r, f: n > FACTOR * r, "no follows per reach",
                   says="follows_per_reach")),
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
    # The bought account ends the biggest (14,000 real + 40,000 bought) yet reaches fewer real
    # people than the algorithm's 40,000 at half reach: it never has the most engagement.
    followers = {"bought": 14_000, "algorithm": 40_000, "clean": 12_000}[role]
    brand = make_brand(seed, platforms=["Instagram"], platform_params={"Instagram": {
        "followers": followers, "organic_reach_ratio": 0.12, "er_by_reach": 0.046,
        "follower_growth": 0.0012, "follower_churn": 0.0004}})
    start = pd.Timestamp(CANDIDATE_START)
    extra: dict[str, Any] = {}
    if role == "bought":
        extra["bought_followers"] = {"platform": "Instagram", "followers": 40_000, "days": 21,
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


def scorecard(data: CourseData, *, days: int | None = WINDOW_DAYS, average: str = "median",
              unexplained: str = "excess") -> pd.DataFrame:
    """Followers, unexplained followers and engagements per day (median, last 28 days).

    ``days=None``, ``average="mean"`` and ``unexplained="gained"`` build the
    scorecards of the exercise's named mistakes.

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
                     "unexplained_followers": float(audit[unexplained].sum()),
                     "engagements_per_day": float(getattr(recent, average)())})
    return pd.DataFrame(rows, columns=list(SCORECARD_COLUMNS))


def _card(data: CourseData, **how: Any) -> pd.DataFrame:
    """The scorecard labelled by candidate: a learner's table may keep them as a column or
    as the index, and both compare with it."""
    return scorecard(data, **how).set_index("candidate")


q7 = ValueExercise(
    variable="scorecard",
    expected=_card,
    tier="stretch",
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(
        Mistake("whole_period", lambda d: _card(d, days=None), _("q7_whole_period")),
        Mistake("mean", lambda d: _card(d, average="mean"), _("q7_mean")),
        Mistake("gained", lambda d: _card(d, unexplained="gained"), _("q7_gained")),
    ),
    right=(Variant(scorecard, "candidates as a column"),
           Variant(_card, "candidates as the index"),
           Variant(lambda d: scorecard(d).round(0), "rounded as printed (.round(0))"),
           Variant(lambda d: scorecard(d).iloc[::-1], "rows in another order")),
    wrong=(Variant(lambda d: scorecard(d, days=None), "the whole half year",
                   says="whole half year"),
           Variant(lambda d: scorecard(d, average="mean"), "a mean", says="median"),
           Variant(lambda d: scorecard(d, unexplained="gained"), "gained, not excess",
                   says="excess"),
           Variant(lambda d: scorecard(d).assign(
               followers=[int(t["followers"].iloc[0]) for t in candidates(d).values()]),
               "followers on the first day", says="'followers'"),
           Variant(lambda d: scorecard(d).drop(columns="engagements_per_day"),
                   "a column missing", says="engagements_per_day")),
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
                          excess=row["unexplained_followers"], mine=row["engagements_per_day"],
                          best=best, pick=pick)
        elif roles[pick] == "algorithm":
            drop = _reach_drop(data, pick)
            why[name] = _("q8_algorithm", name=name, mine=row["engagements_per_day"], best=best,
                          pick=pick, drop=-drop.change, date=f"{drop.date:%d %B}")
        else:
            why[name] = _("q8_fewer", name=name, mine=row["engagements_per_day"], best=best,
                          pick=pick)
    return why


def _with_role(role: str) -> Any:
    return lambda d: next(n for n, r in _roles(d).items() if r == role)


q8 = DecisionExercise(
    variable="recommended",
    choices=CANDIDATE_NAMES,
    expected=recommendation,
    why=_recommend_why,
    aliases={name: tuple(name.split()) for name in CANDIDATE_NAMES},
    hints=(_("q8_hint1"), _("q8_hint2")),
    right=(Variant(lambda d: recommendation(d).upper(), "in capitals"),
           Variant(lambda d: recommendation(d).split()[0], "the first name only")),
    wrong=(Variant(_with_role("bought"), "the biggest account (bought)",
                   says="Raw follower counts"),
           Variant(_with_role("clean"), "the clean, smaller account",
                   says="Bots do not cut reach"),
           Variant(lambda d: "the agency's first", "not a candidate", says="must be one of")),
)


def _names_no_candidate(note: Any, data: CourseData) -> bool:
    words = normal_text(note)
    return not any(normal_text(part) in words for name in CANDIDATE_NAMES
                   for part in name.split())


def _gives_no_number(note: Any, data: CourseData) -> bool:
    from smmlab.report.claims import has_number

    return not has_number(str(note))


def _note(data: CourseData, *, numbers: bool = True) -> str:
    """A note a learner might write (the exercise's own variants)."""
    card = scorecard(data).set_index("candidate")
    pick, bought = recommendation(data), _with_role("bought")(data)
    people = f"about {card.at[pick, 'engagements_per_day']:.0f}" if numbers else "many"
    excess = f"about {card.at[bought, 'unexplained_followers']:,.0f}" if numbers else "many"
    return (f"I recommend {pick}: {people} people engage with the posts every day, the most of "
            f"the candidates with a clean audit. {bought} has more followers, but {excess} of "
            "them arrived without any reach to explain them.")


def _nota(data: CourseData) -> str:
    """The note in Italian."""
    pick = recommendation(data)
    people = scorecard(data).set_index("candidate").at[pick, "engagements_per_day"]
    return (f"Consiglio {pick}: ogni giorno circa {people:.0f} persone interagiscono con i suoi "
            "post, più degli altri candidati. Il calo di copertura è un cambio di algoritmo, "
            "non bot; un altro candidato ha follower comprati.")


q9 = ReflectionExercise(
    variable="recommendation_note",
    min_words=30,
    tier="stretch",
    hints=(_("q9_hint1"), _("q9_hint2")),
    mistakes=(
        Mistake("no_candidate", None, _("q9_no_candidate", names=", ".join(CANDIDATE_NAMES)),
                when=_names_no_candidate),
        Mistake("no_number", None, _("q9_no_number"), when=_gives_no_number),
    ),
    right=(Variant(_note, "a note with the name and the numbers"),
           Variant(_nota, "in Italian")),
    wrong=(Variant(lambda d: f"I recommend {recommendation(d)}.", "too short",
                   says="at least 30 words"),
           Variant(lambda d: ("I recommend the creator with the most people engaging every day "
                              "and a clean audit, about 160 a day; the biggest account bought "
                              "followers and the reach drop of another one is the algorithm."),
                   "no name", says="name the candidate"),
           Variant(lambda d: _note(d, numbers=False), "no number",
                   says="number that decided it")),
)

__all__ = LESSON.bind(globals(), extra=("FACTOR", "VENDOR_ER", "VENDOR_MONTHLY_GROWTH",
                                        "WINDOW_DAYS", "candidates", "previous_note"))
