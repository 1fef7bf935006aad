"""Lesson 05: Noise or crisis?

In the notebook: ``from smmlab.exercises.lesson05 import *`` gives ``setup``,
``q1`` ... ``q11``, ``check_all``, the ``____`` placeholder, and four helpers:
``live_feed`` (the timed drill), ``planted_events`` (the answer key, opened only
after the drill), ``decision_window`` (the window of the decision exercise) and
``real_brand`` (a real brand's mentions with its labelled windows).

What the learner builds, step by step, and then uses from :mod:`smmlab.detect`: the
usual value of an hour (the median of the same hour over the previous 7 days), the
surprise in the brand's own "big swings", alerts that last (:func:`smmlab.detect.alarm`),
a crisis alarm rule tried on a live feed before the answer key is opened, a score against
the planted events counted event by event (precision, recall, false alarms per day) next to
the naive mean + 3 sd rule, a triage of what each jump is, and finally the same alarm on a
real brand's mentions, read against its labelled windows.

Examples
--------
>>> from smmlab.exercises import lesson05
>>> data = lesson05.setup(quiet=True)
>>> lesson05.q2.check_answers({"n_alerts": len(lesson05.merged_alerts(data))}, data).correct
True
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from smmlab import detect
from smmlab._messages import Catalog
from smmlab.detect.alerts import TARGET_TYPES
from smmlab.detect.realdata import RealSeries, load_real_mentions
from smmlab.detect.triage import (
    BOT_AUTHOR_FACTOR,
    CRISIS_NEGATIVE_JUMP,
    CRISIS_NEGATIVE_MIN,
    NOISE_MAX_PERIODS,
    NOISE_MAX_RATIO,
    NOISE_SHORT_MAX_RATIO,
)
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    JudgedExercise,
    ReflectionExercise,
    ValueExercise,
    Verdict,
)
from smmlab.exercises.live_feed import (
    LiveFeed,
    alarm_record,
    planted_events,
    read_alarm_record,
    shift_window,
    shifts,
    usual_share,
)
from smmlab.exercises.live_feed import live_feed as _live_feed
from smmlab.synth.course import COURSE_DAYS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Days of memory behind a usual value: the same hour on each of the previous 7 days.
DAYS_BACK = 7
ONE_DAY = pd.Timedelta(days=1)
#: Days monitored (the course year), for false alarms per day.
DAYS = COURSE_DAYS
#: Days before a window that define its "usual" shares.
HISTORY_DAYS = 28
#: An hour "beyond a big swing": surprise above this.
BIG_SWING = 1.0
#: The crisis alarm rule: surprise above this, and a negative share this much above usual.
#: Chosen on 120 learner brands' drills (ids drill-0 to drill-119): 118 crises in time, none
#: missed, 3 false alarms in 360 other shifts; the earlier "above 1 and 15 points" rule
#: missed or was late on 7 of 80 crises, mostly on quiet brands. Since make_mentions has
#: realistic moods (issue 13) and makes a brand's first crisis the loudest event of its month,
#: tests/test_contracts_alarm.py checks the rule on 200 brands' drills: never missed, never
#: early, in time or within the stretched window of :func:`drill_window`.
SURPRISE_ALARM = 0.75
NEGATIVE_JUMP = 0.30
#: An alarm within this many hours of a crisis start is in time (the live-feed drill).
ALARM_WITHIN = 8
#: The four calls of the decision exercise.
IGNORE, MONITOR, ESCALATE, SEIZE = "ignore", "monitor", "escalate", "seize the moment"
CALLS = (IGNORE, MONITOR, ESCALATE, SEIZE)
#: The call for each triage label (detect.triage's labels).
ACTION = {"crisis": ESCALATE, "viral opportunity": SEIZE, "bot burst": MONITOR,
          "noise": IGNORE, "tracking outage": MONITOR}
#: The alarm systems compared on the scoreboard.
EVERY_SPIKE, SMMLAB, NAIVE = "every spike", "smmlab alarm", "mean + 3 sd"
SCOREBOARD_COLUMNS = ("system", "precision", "recall", "false_alarms_per_day")
#: The kind of an alert that is a ring of the alarm (the others are gaps: "missing data").
SPIKE = "spike"
#: The event types an alarm should find (not the noise; a gap is seen, not found).
TARGETS = TARGET_TYPES

MESSAGES = Catalog(
    {
        "en": {
            "title": "Noise or crisis?",
            # q1: the usual value of the busiest hour
            "q1_hint1": "Do what the worked example did for Monday 10:00, for peak_hour: the "
                        "same hour on each of the 7 days before, then the median of their "
                        "values.",
            "q1_hint2": "times = [peak_hour - pd.Timedelta(days=k) for k in range(1, 8)], "
                        "then usual_at_peak = series.reindex(times).median().",
            "q1_mean": "You took the mean of the 7 values. One odd day (a past spike) pulls "
                       "a mean up; the usual value is the median: .median().",
            "q1_hours": "You went back hour by hour (pd.Timedelta(hours=k)): the 7 hours just "
                        "before. 3 a.m. is not 10 a.m.: compare with the same hour on the "
                        "previous days, pd.Timedelta(days=k).",
            "q1_weeks": "That is the older recipe: the same weekday in the 4 previous weeks "
                        "(detect.baseline). It takes a month to follow a new normal. The alarm "
                        "uses the same hour on each of the 7 previous days (detect.usual).",
            # q2: alerts
            "q2_hint1": "detect.alarm(series) gives one row per alert, the gaps included. "
                        "Count the rows.",
            "q2_hint2": "found = detect.alarm(series), then n_alerts = len(found).",
            "q2_spikes": "That is the number of spikes: every run of hours beyond a big swing, "
                         "even a single hour. The alarm keeps only what lasts (a confirmed "
                         "peak or five hours at x3): found = detect.alarm(series).",
            "q2_hours": "That is the number of hours beyond a big swing. An alert is a run of "
                        "hours: detect.alarm merges them.",
            # q3: the alarm rule
            "q3_hint1": "Two conditions, both needed: the hour is surprising (surprise above "
                        "SURPRISE_ALARM, most of a big swing), and the negative share has "
                        "jumped (at least NEGATIVE_JUMP above the usual share).",
            "q3_hint2": "return surprise > SURPRISE_ALARM and negative_share >= "
                        "usual_negative_share + NEGATIVE_JUMP",
            "q3_surprise_only": "Your rule fires on every surprising hour, whatever the mood: "
                                "viral posts and bot bursts would wake the crisis team. Also "
                                "ask for a jump in the negative share.",
            "q3_negative_only": "Your rule fires on the negative share alone: at night, 1 "
                                "angry mention out of 2 is 50 % negative. Also ask for a "
                                "surprising volume (surprise above SURPRISE_ALARM).",
            "q3_any_increase": "Your rule fires when the negative share is above usual by any "
                               "amount. A couple of points is noise: ask for a jump of at "
                               "least NEGATIVE_JUMP (30 points).",
            # q4: the drill
            "q4_hint1": "Run feed.next(6) again and again, looking at times_usual, the "
                        "surprise and the negative share of each new hour. When both have "
                        "jumped, raise the alarm: alarm_time = feed.alarm().",
            "q4_hint2": "A surprise above 0.75 together with a negative share at least 30 "
                        "points above the usual one (printed when the feed starts) is your "
                        "raise_alarm rule: alarm_time = feed.run(raise_alarm) watches for you.",
            "q4_not_record": "alarm_time must be what feed.alarm() returns, such as "
                             "'2025-04-08 02:00 (shift 1, seal 1a2b3c4d)': the feed records "
                             "the hour you raised the alarm. A time typed by hand does not "
                             "count. Your alarm_time is {got}.",
            "q4_none": "No alarm was raised, and this shift had a crisis in it (it started "
                       "{start}). Start again with feed = live_feed(data).",
            "q4_cried_wolf": "Cried wolf: your alarm came {hours} hour(s) before the crisis "
                             "started ({start}). Something looked odd, but it was ordinary "
                             "noise. Try again (feed = live_feed(data)) and ask for a "
                             "surprise AND a jump in the negative share.",
            "q4_late": "Late: your alarm came {hours} hours after the crisis started "
                       "({start}). Aim for {within} hours: watch each new hour's surprise "
                       "and negative share. Try again with feed = live_feed(data).",
            # q5: the escalation note
            "q5_hint1": "Four short lines: what you saw (with numbers), what you think it is, "
                        "what you recommend now, and when you will update.",
            "q5_hint2": "For example: \"08:00: mentions x8 the usual since 02:00, 60 % "
                        "negative (usually 15 %), many different accounts. Looks like a "
                        "crisis about deliveries. I recommend a holding statement within the "
                        "hour. Next update at 10:00.\"",
            # q6: precision, event by event
            "q6_hint1": "Do it for spikes: the events they found (each once: "
                        "hits_an_event(t.start, t.end, spikes) for each target), and their "
                        "false alarms (the spikes that touch no target). Precision = found / "
                        "(found + false alarms).",
            "q6_hint2": "spike_found = [hits_an_event(t.start, t.end, spikes) for t in "
                        "targets.itertuples()]; spike_false = [not hits_an_event(a.start, "
                        "a.end, targets) for a in spikes.itertuples()]; precision = "
                        "sum(spike_found) / (sum(spike_found) + sum(spike_false)).",
            "q6_fragments": "You counted alerts, not events: the share of alerts that hit "
                            "something. If the alarm rings three times for one crisis, that "
                            "crisis counts three times. Count each event found once: "
                            "sum(caught) / (sum(caught) + false alarms).",
            "q6_gaps": "You counted the gaps (\"missing data\" alerts) as false alarms. A gap "
                       "is not a ring of the alarm: count the spikes only.",
            "q6_recall": "That is the recall: the share of events found. Precision asks the "
                         "other question: when the alarm rings, how often is it real?",
            # q7: false alarms per day
            "q7_hint1": "Mark each spike with hits_an_event(a.start, a.end, targets), count "
                        "the spikes that hit nothing and divide by the days monitored, DAYS.",
            "q7_hint2": "spike_hits = [hits_an_event(a.start, a.end, targets) for a in "
                        "spikes.itertuples()]; false_alarms_per_day = "
                        "(len(spikes) - sum(spike_hits)) / DAYS.",
            "q7_all": "That is all spikes per day. A false alarm is a spike that hits no "
                      "planted event: leave out the ones that did.",
            "q7_count": "That is the number of false alarms in the year. Divide by DAYS to "
                        "get false alarms per day.",
            "q7_hours": "You divided by hours. The question is per day: divide by DAYS.",
            "q7_merged": "That is for the alarm's alerts (alarms). The question is about every "
                         "spike (spikes).",
            # q8: scoreboard
            "q8_hint1": "detect.score(alerts, planted, days=DAYS) gives precision, recall "
                        "and false_alerts_per_day. Score three sets of alerts: spikes, found, "
                        "and the naive rule's flags merged with detect.alerts.",
            "q8_hint2": "naive = detect.alerts(detect.naive_flag(series)); then one list per "
                        "column: pd.DataFrame({{\"system\": [\"every spike\", \"smmlab alarm\", "
                        "\"mean + 3 sd\"], \"precision\": [...], \"recall\": [...], "
                        "\"false_alarms_per_day\": [...]}}).",
            "q8_unmerged": "Your mean + 3 sd row scores every flagged hour of the naive rule. "
                           "Merge its flags with detect.alerts, so a run of hours is one alert "
                           "and the comparison is fair.",
            # q9: the call on a window
            "q9_hint1": "Run window_figures(window_start, window_end) and go through the "
                        "rules in order: accounts per mention, then negative share, then "
                        "length and volume.",
            "q9_hint2": "Fewer than 0.6 x the usual accounts per mention: monitor (bots). "
                        "Else negative share at least 15 points above usual and at least "
                        "30 %: escalate. Else under 1.5 x the usual, or 2 hours or less and "
                        "under 3 x: ignore. Else: seize the moment.",
            "q9_facts": "In that window: {hours} hours, mentions x{times_usual:.1f} the "
                        "usual, {negative_share:.0%} negative (usually "
                        "{usual_negative_share:.0%}), {accounts:.2f} accounts per mention "
                        "(usually {usual_accounts:.2f}).",
            "q9_why_bot burst": "So few accounts for so many mentions means a handful of "
                                "accounts posting again and again: bots. Monitor: report the "
                                "accounts, do not reply, tell the team it is not people.",
            "q9_why_crisis": "The negative share has jumped: people are angry. Escalate now.",
            "q9_why_noise": "Too short or too small to act on: ignore it.",
            "q9_why_viral opportunity": "More people than usual, in a normal mood: join the "
                                        "conversation and seize the moment.",
            "q9_bot_escalated": "Escalating a bot burst as a crisis sends the team to answer "
                                "robots. The negative share is not what jumped; the accounts "
                                "per mention collapsed: that is bots. Monitor it.",
            # q10: the chart of the biggest alert
            "q10_hint1": "biggest is ready. Slice the series from 2 days before its start to "
                         "2 days after its end, and draw it with viz.timeseries_with_events, "
                         "with a title that says what it was.",
            "q10_hint2": "week = series[biggest[\"start\"] - pd.Timedelta(days=2) : "
                         "biggest[\"end\"] + pd.Timedelta(days=2)]; week_chart = "
                         "viz.timeseries_with_events(week, "
                         "title=f\"{{biggest['label'].capitalize()}}: ...\").",
            "q10_no_line": "I cannot find the line of mentions. Draw the week hour by hour as "
                           "a line: viz.timeseries_with_events(week, title=...).",
            # q11: the real brand
            "q11_hint1": "The same recipe as the recall of your own alarm: for each labelled "
                         "window, ask whether some alarm touches it, with "
                         "hits_an_event(w.start, w.end, real_alarms); recall is the share of "
                         "True.",
            "q11_hint2": "caught_real = [hits_an_event(w.start, w.end, real_alarms) for w in "
                         "real_windows.itertuples()]; real_recall = sum(caught_real) / "
                         "len(real_windows).",
            "q11_count": "That is the number of windows found. Recall is a share: divide by "
                         "the number of labelled windows, len(real_windows).",
            "q11_precision": "That is the precision: windows found / (windows found + false "
                             "alarms). Recall is the share of the labelled windows that some "
                             "alarm touched.",
        }
    }
)
_ = MESSAGES.text

LESSON = Lesson("05", _("title"), source=lessons_dir() / "05_noise_or_crisis.ipynb")


# --------------------------------------------------------------------------------------------
# The learner's series and the alarm's steps, as the notebook builds them
# --------------------------------------------------------------------------------------------


def mention_series(data: CourseData) -> pd.Series:
    """Mentions per hour, indexed by local time (``mentions.set_index("timestamp")``).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> mention_series(load_course_data()).index.name
    'timestamp'
    """
    return data.cached(("lesson05", "series"),
                       lambda d: d.mentions.set_index("timestamp")["mentions"])


def peak_hour(data: CourseData) -> pd.Timestamp:
    """The busiest hour of the year (``series.idxmax()``).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> str(peak_hour(load_course_data()))
    '2025-12-29 21:00:00+01:00'
    """
    return mention_series(data).idxmax()


def usual_value(series: pd.Series, when: pd.Timestamp, *, days: int = DAYS_BACK,
                step: pd.Timedelta = ONE_DAY, how: str = "median") -> float:
    """The usual value of one hour, computed the way the notebook teaches.

    The values of ``when - k * step`` for ``k`` in 1..``days``, then their median
    (missing hours are skipped). With the defaults it equals
    :func:`smmlab.detect.usual` at ``when``; the keyword arguments recompute the usual
    mistakes (a step of an hour, the mean).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> series, peak = mention_series(data), peak_hour(data)
    >>> usual_value(series, peak) == float(detect.usual(series)[peak])
    True
    """
    times = [when - step * k for k in range(1, days + 1)]
    values = series.reindex(times)
    return float(values.median() if how == "median" else values.mean())


def watched(data: CourseData) -> pd.DataFrame:
    """``detect.watch(series)``: the alarm's hour-by-hour view."""
    return data.cached(("lesson05", "watch"), lambda d: detect.watch(mention_series(d)))


def usual_values(data: CourseData) -> pd.Series:
    """``detect.usual(series)``: the usual value of every hour."""
    return data.cached(("lesson05", "usual"), lambda d: detect.usual(mention_series(d)))


def merged_alerts(data: CourseData) -> pd.DataFrame:
    """``detect.alarm(series)``: the alarm's alerts, the gaps included."""
    return data.cached(("lesson05", "found"), lambda d: detect.alarm(mention_series(d)))


def _spikes_only(found: pd.DataFrame) -> pd.DataFrame:
    return found[found["kind"] == SPIKE]


def alarm_spikes(data: CourseData) -> pd.DataFrame:
    """``found[found["kind"] == "spike"]``: the alarm's rings, without the gaps."""
    return data.cached(("lesson05", "alarms"), lambda d: _spikes_only(merged_alerts(d)))


def spike_alerts(data: CourseData) -> pd.DataFrame:
    """Every run of hours beyond a big swing, as an alert (the gaps left out)."""
    def build(d: CourseData) -> pd.DataFrame:
        w = watched(d)
        every = detect.alerts(w.assign(flagged=w["surprise"] > BIG_SWING), min_duration=1,
                              max_gap=0)
        return _spikes_only(every)

    return data.cached(("lesson05", "spikes"), build)


def naive_alerts(data: CourseData, *, merged: bool = True) -> pd.DataFrame:
    """The mean + 3 sd rule's flags, merged by ``detect.alerts`` (or every flagged hour)."""
    return detect.alerts(detect.naive_flag(mention_series(data)),
                         min_duration=3 if merged else 1)


def hits_an_event(start: pd.Timestamp, end: pd.Timestamp, events: pd.DataFrame) -> bool:
    """True if the window ``[start, end]`` overlaps at least one of ``events`` (start, end).

    Examples
    --------
    >>> t = pd.Timestamp("2025-01-01 10:00")
    >>> ev = pd.DataFrame({"start": [t], "end": [t + pd.Timedelta(hours=3)]})
    >>> hits_an_event(t + pd.Timedelta(hours=2), t + pd.Timedelta(hours=9), ev)
    True
    >>> hits_an_event(t + pd.Timedelta(hours=4), t + pd.Timedelta(hours=9), ev)
    False
    """
    return bool(((events["start"] <= end) & (events["end"] >= start)).any())


def targets(data: CourseData) -> pd.DataFrame:
    """The planted events an alarm should find: crises, viral posts and bot bursts."""
    planted = planted_events(data)
    return planted[planted["type"].isin(TARGETS)]


def _score(found: pd.DataFrame, data: CourseData) -> detect.Score:
    return detect.score(found, planted_events(data), days=DAYS)


# --------------------------------------------------------------------------------------------
# Exercise 1 (warm-up): the usual value of the busiest hour
# --------------------------------------------------------------------------------------------

def _usual_at_peak(data: CourseData) -> float:
    return float(usual_values(data)[peak_hour(data)])


def _old_recipe(data: CourseData) -> float:
    return float(detect.baseline(mention_series(data))[peak_hour(data)])


q1 = ValueExercise(
    variable="usual_at_peak",
    expected=_usual_at_peak,
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("mean", lambda d: usual_value(mention_series(d), peak_hour(d), how="mean"),
                _("q1_mean")),
        Mistake("hours", lambda d: usual_value(mention_series(d), peak_hour(d),
                                               step=pd.Timedelta(hours=1)),
                _("q1_hours")),
        Mistake("weeks", _old_recipe, _("q1_weeks")),
    ),
    right=(Variant(lambda d: usual_value(mention_series(d), peak_hour(d)), "the recipe"),
           Variant(lambda d: round(_usual_at_peak(d), 1), "rounded to a tenth")),
    wrong=(Variant(lambda d: usual_value(mention_series(d), peak_hour(d), how="mean") + 0.5,
                   "the mean, and a bit more", says="usual_at_peak is"),
           Variant(lambda d: usual_value(mention_series(d), peak_hour(d),
                                         step=pd.Timedelta(hours=1)), "the hours before",
                   says="hour"),
           Variant(lambda d: float(mention_series(d)[peak_hour(d)]), "the peak itself",
                   says="usual_at_peak is")),
)


# --------------------------------------------------------------------------------------------
# Exercise 2 (core): the alarm's alerts
# --------------------------------------------------------------------------------------------

q2 = ValueExercise(
    variable="n_alerts",
    expected=lambda d: len(merged_alerts(d)),
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("one_hour_spikes", lambda d: len(spike_alerts(d)), _("q2_spikes")),
        Mistake("hours_beyond", lambda d: int((watched(d)["surprise"] > BIG_SWING).sum()),
                _("q2_hours")),
    ),
    right=(Variant(lambda d: float(len(merged_alerts(d))), "as a float"),),
    wrong=(Variant(lambda d: int((watched(d)["surprise"] > BIG_SWING).sum()),
                   "hours beyond a big swing", says="hours"),
           Variant(lambda d: len(merged_alerts(d)) + 1, "one too many", says="n_alerts is")),
)


# --------------------------------------------------------------------------------------------
# Exercise 3 (core): the crisis alarm rule, as a function
# --------------------------------------------------------------------------------------------


def alarm_rule(surprise: float, negative_share: float, usual_negative_share: float, *,
               use_surprise: bool = True, use_negative: bool = True,
               jump: float = NEGATIVE_JUMP) -> bool:
    """The lesson's crisis alarm: a surprising hour AND a jump in the negative share.

    The keyword arguments recompute the learners' usual mistakes (surprise only,
    negative share only, any increase).

    Examples
    --------
    >>> alarm_rule(1.8, 0.58, 0.15), alarm_rule(3.0, 0.12, 0.15), alarm_rule(0.4, 0.5, 0.15)
    (True, False, False)
    """
    loud = surprise > SURPRISE_ALARM
    angry = negative_share >= usual_negative_share + jump
    if not use_surprise:
        return bool(angry)
    if not use_negative:
        return bool(loud)
    return bool(loud and angry)


def _hour_table(data: CourseData) -> pd.DataFrame:
    def build(d: CourseData) -> pd.DataFrame:
        table = watched(d).copy()
        counts = d.mentions.set_index("timestamp")[["mentions", "negative"]].reindex(table.index)
        with np.errstate(invalid="ignore", divide="ignore"):
            table["negative_share"] = (counts["negative"] / counts["mentions"]).to_numpy()
        return table

    return data.cached(("lesson05", "hours"), build)


def _peak_of(data: CourseData, kind: str) -> tuple[float, float]:
    """(surprise, negative share) of the most surprising hour of the first event of ``kind``."""
    planted = planted_events(data)
    event = planted[planted["type"] == kind].iloc[0]
    window = _hour_table(data).loc[event["start"]:event["end"]].dropna(subset=["surprise"])
    hour = window.loc[window["surprise"].idxmax()]
    return round(float(hour["surprise"]), 1), round(float(hour["negative_share"]), 2)


def _alarm_cases(data: CourseData) -> list[tuple[tuple, Any]]:
    """The learner's crisis, viral post, bot burst and noise peaks, and three probes."""
    first, _last = shift_window(shifts(data)[0])
    usual = round(usual_share(data.mentions, first), 2)
    crisis = _peak_of(data, "crisis")
    args = [
        (*crisis, usual),
        (*_peak_of(data, "viral_post"), usual),
        (*_peak_of(data, "bot_burst"), usual),
        (*_peak_of(data, "noise"), usual),
        (0.4, round(usual + 0.35, 2), usual),   # a quiet night: 1 angry mention out of 2
        (max(crisis[0], 1.5), round(usual + 0.05, 2), usual),  # loud, a little more negative
        (0.2, usual, usual),                     # an ordinary hour
    ]
    return [(a, alarm_rule(*a)) for a in args]


def _wrong_rule(**how: Any) -> Any:
    def compute(data: CourseData) -> Any:
        def rule(surprise: float, negative_share: float, usual_negative_share: float) -> bool:
            return alarm_rule(surprise, negative_share, usual_negative_share, **how)

        return rule

    return compute


q3 = FunctionExercise(
    variable="raise_alarm",
    cases=_alarm_cases,
    hints=(_("q3_hint1"), _("q3_hint2")),
    mistakes=(
        Mistake("surprise_only", _wrong_rule(use_negative=False), _("q3_surprise_only")),
        Mistake("negative_only", _wrong_rule(use_surprise=False), _("q3_negative_only")),
        Mistake("any_increase", _wrong_rule(jump=1e-9), _("q3_any_increase")),
    ),
    right=(Variant(lambda d: lambda s, n, u: s > SURPRISE_ALARM and n - u >= NEGATIVE_JUMP,
                   "the rule written out"),
           Variant(lambda d: lambda s, n, u: bool(alarm_rule(s, n, u)), "a true bool")),
    wrong=(Variant(_wrong_rule(use_negative=False), "surprise only", says="negative"),
           Variant(_wrong_rule(use_surprise=False), "negative share only", says="surprise"),
           Variant(_wrong_rule(jump=1e-9), "any increase", says="30")),
)


# --------------------------------------------------------------------------------------------
# Exercise 4 (core): the live-feed drill, before the answer key is opened
# --------------------------------------------------------------------------------------------


def live_feed(data: CourseData, *, shift: int = 1) -> LiveFeed:
    """Start a live shift (see :mod:`smmlab.exercises.live_feed`); shift 1 is the checked one.

    Shift 1 aims for the check's own window (:func:`drill_window`), so that the feed's
    verdict and ``q4.check()`` always agree.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> feed = live_feed(load_course_data())  # doctest: +ELLIPSIS
    Live feed of Atelier Ginestra's mentions, shift 1: 49 hours, from day 1, Mon 00:00 ...
    """
    within = drill_window(data) if shift == 1 else ALARM_WITHIN
    return _live_feed(data, shift=shift, within=within, lesson=LESSON.number, exercise="q4")


def _local(ts: pd.Timestamp) -> pd.Timestamp:
    return ts.tz_localize(None) if ts.tz is not None else ts


def _drill_facts(data: CourseData) -> dict[str, Any]:
    event = shifts(data)[0]
    return {"event": event, "start": _local(pd.Timestamp(event["start"]))}


def _alarm_hour(got: Any, data: CourseData) -> pd.Timestamp | None:
    """The hour of the feed's record of shift 1 for this brand, or None if it is not one."""
    facts = data.cached(("lesson05", "drill"), _drill_facts)
    return read_alarm_record(got, data.brand, facts["event"], 1)


def _drill_form(got: Any) -> str | None:
    """Assessment mode: the answer is a record the feed wrote, or None (no alarm raised)."""
    if got is None or (isinstance(got, str) and "(shift " in got and "seal " in got):
        return None
    return _("q4_not_record", got=repr(got))


def drill_window(data: CourseData, within: int = ALARM_WITHIN) -> int:
    """Hours after the crisis start that still count as in time, on this brand.

    ``within`` hours, or, on a quiet brand whose crisis starts with a handful of mentions,
    as long as the lesson's own rule (:func:`alarm_rule`) took to see it: a check must not
    ask more of the learner than the taught rule can do on their data (small counts).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> drill_window(load_course_data()) >= ALARM_WITHIN
    True
    """
    def build(d: CourseData) -> int:
        feed = _live_feed(d, shift=1, quiet=True)
        record = feed.run(alarm_rule)
        when = None if record is None else read_alarm_record(
            record, d.brand, _drill_facts(d)["event"], 1)
        if when is None:
            return within
        taken = int(round((when - _drill_facts(d)["start"]) / pd.Timedelta(hours=1)))
        return max(within, taken)

    return data.cached(("lesson05", "drill_window", within), build)


def _judge_drill(got: Any, data: CourseData, within: int = ALARM_WITHIN) -> Verdict:
    """When the feed recorded the learner's alarm in shift 1, against the planted crisis.

    Right: from the crisis start to :func:`drill_window` hours after it (``within``, or
    longer on a quiet brand where the lesson's rule itself needs longer). Before the start
    is crying wolf; later is late. The answer is the record ``feed.alarm()`` returns (the
    hour and a seal), so a time typed by hand is not an alarm.
    """
    within = drill_window(data, within)
    start = data.cached(("lesson05", "drill"), _drill_facts)["start"]
    shown = start.strftime("%a %d %b %H:%M")
    if got is None:
        return Verdict(0.0, _("q4_none", start=shown), "missed")
    when = _alarm_hour(got, data)
    if when is None:
        return Verdict(0.0, _("q4_not_record", got=repr(got)), "typed")
    hours = int(round((when - start) / pd.Timedelta(hours=1)))
    if hours < 0:
        return Verdict(0.0, _("q4_cried_wolf", hours=-hours, start=shown), "cried_wolf")
    if hours > within:
        return Verdict(0.0, _("q4_late", hours=hours, start=shown, within=within), "late")
    return Verdict(1.0)


def _alarm_at(data: CourseData, hours: int, *, sealed: bool = True) -> str:
    """An alarm ``hours`` after the crisis start: as the feed records it, or typed by hand."""
    facts = data.cached(("lesson05", "drill"), _drill_facts)
    when = facts["start"] + pd.Timedelta(hours=hours)
    if not sealed:
        return when.strftime("%Y-%m-%d %H:%M")
    return alarm_record(data.brand, facts["event"], 1, when)


q4 = JudgedExercise(
    variable="alarm_time",
    judge=_judge_drill,
    form=_drill_form,
    kind="drill",
    hints=(_("q4_hint1"), _("q4_hint2")),
    right=(Variant(lambda d: _alarm_at(d, 0), "at the start"),
           Variant(lambda d: _alarm_at(d, drill_window(d)), "at the last hour in time")),
    wrong=(Variant(lambda d: _alarm_at(d, -3), "before the crisis", says="cried wolf"),
           Variant(lambda d: _alarm_at(d, drill_window(d) + 1), "one hour late", says="late"),
           Variant(lambda d: None, "never raised", says="no alarm"),
           Variant(lambda d: _alarm_at(d, 2, sealed=False), "a time typed by hand",
                   says="typed by hand"),
           Variant(lambda d: pd.Timestamp(_alarm_at(d, 2, sealed=False)), "a Timestamp",
                   says="feed.alarm()"),
           Variant(lambda d: _alarm_at(d, 2)[:-3] + "000)", "a record with a forged seal",
                   says="typed by hand"),
           Variant(lambda d: "tomorrow", "not a time", says="feed.alarm()")),
)


# --------------------------------------------------------------------------------------------
# Exercise 5 (stretch): the escalation note
# --------------------------------------------------------------------------------------------

q5 = ReflectionExercise(
    variable="escalation_note",
    min_words=40,
    tier="stretch",
    hints=(_("q5_hint1"), _("q5_hint2")),
    right=(Variant(lambda d: ["Since this morning mentions are several times the usual level "
                              "and most of them are negative, from many different accounts.",
                              "This looks like a real crisis, not a bot burst: people are angry "
                              "about a product problem.", "I propose we answer publicly within "
                              "the hour and prepare a statement with the product team."],
                   "a note with the facts and a proposal"),),
    wrong=(Variant(lambda d: "Crisis! Call me.", "too short", says="at least 40 words"),),
)

# --------------------------------------------------------------------------------------------
# Exercise 6 (core): precision, event by event
# --------------------------------------------------------------------------------------------


def _found_and_false(alarms: pd.DataFrame, goals: pd.DataFrame) -> tuple[int, int]:
    found = sum(hits_an_event(s, e, alarms) for s, e in zip(goals["start"], goals["end"],
                                                            strict=True))
    false = sum(not hits_an_event(s, e, goals) for s, e in zip(alarms["start"], alarms["end"],
                                                              strict=True))
    return found, false


def _precision(data: CourseData) -> float:
    return _score(spike_alerts(data), data).precision


def _precision_by_alert(data: CourseData) -> float:
    """The mistake: the share of spikes that hit something (fragments counted each)."""
    alarms, goals = spike_alerts(data), targets(data)
    hits = [hits_an_event(s, e, goals) for s, e in zip(alarms["start"], alarms["end"],
                                                       strict=True)]
    return sum(hits) / len(hits) if hits else float("nan")


def _precision_with_gaps(data: CourseData) -> float:
    """The mistake: the gaps of the data counted as false alarms too."""
    found, false = _found_and_false(spike_alerts(data), targets(data))
    gaps = int((merged_alerts(data)["kind"] != SPIKE).sum())
    return found / (found + false + gaps) if found + false + gaps else float("nan")


q6 = ValueExercise(
    variable="precision",
    expected=_precision,
    rate=True,
    hints=(_("q6_hint1"), _("q6_hint2")),
    mistakes=(
        Mistake("fragments", _precision_by_alert, _("q6_fragments")),
        Mistake("gaps_as_false_alarms", _precision_with_gaps, _("q6_gaps")),
        Mistake("recall", lambda d: _score(spike_alerts(d), d).recall, _("q6_recall")),
    ),
    right=(Variant(lambda d: round(_precision(d), 2), "two decimals"),),
    wrong=(Variant(_precision_by_alert, "fragments counted", says="three times"),
           Variant(lambda d: _precision(d) * 100, "a percentage", says="percentage"),
           Variant(lambda d: _precision(d) / 2, "half of it", says="precision is")),
)


# --------------------------------------------------------------------------------------------
# Exercise 7 (warm-up): false alarms per day if every spike woke you up
# --------------------------------------------------------------------------------------------

q7 = ValueExercise(
    variable="false_alarms_per_day",
    expected=lambda d: _score(spike_alerts(d), d).false_alerts_per_day,
    tier="warm-up",
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(
        Mistake("all_spikes", lambda d: len(spike_alerts(d)) / DAYS, _("q7_all")),
        Mistake("count", lambda d: _score(spike_alerts(d), d).false_alerts, _("q7_count")),
        Mistake("per_hour", lambda d: _score(spike_alerts(d), d).false_alerts / (DAYS * 24),
                _("q7_hours")),
        Mistake("merged", lambda d: _score(merged_alerts(d), d).false_alerts_per_day,
                _("q7_merged")),
    ),
    right=(Variant(lambda d: round(_score(spike_alerts(d), d).false_alerts_per_day, 3),
                   "three decimals, as printed"),),
    wrong=(Variant(lambda d: _score(spike_alerts(d), d).false_alerts, "a count",
                   says="day"),
           Variant(lambda d: len(spike_alerts(d)) / DAYS, "every spike", says="spike"),
           Variant(lambda d: _score(spike_alerts(d), d).false_alerts / (DAYS * 24), "per hour",
                   says="hour")),
)


# --------------------------------------------------------------------------------------------
# Exercise 8 (stretch): the scoreboard of three alarm systems
# --------------------------------------------------------------------------------------------


def scoreboard(data: CourseData, *, naive_merged: bool = True) -> pd.DataFrame:
    """Precision, recall and false alarms per day of the three alarm systems.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> board = scoreboard(load_course_data())
    >>> board["system"].tolist()
    ['every spike', 'smmlab alarm', 'mean + 3 sd']
    """
    rows = []
    for name, found in ((EVERY_SPIKE, spike_alerts(data)), (SMMLAB, merged_alerts(data)),
                        (NAIVE, naive_alerts(data, merged=naive_merged))):
        s = _score(found, data)
        rows.append({"system": name, "precision": s.precision, "recall": s.recall,
                     "false_alarms_per_day": s.false_alerts_per_day})
    return pd.DataFrame(rows, columns=list(SCOREBOARD_COLUMNS))


q8 = ValueExercise(
    variable="board",
    expected=scoreboard,
    tier="stretch",
    hints=(_("q8_hint1"), _("q8_hint2")),
    mistakes=(Mistake("naive_unmerged", lambda d: scoreboard(d, naive_merged=False),
                      _("q8_unmerged")),),
    right=(Variant(lambda d: scoreboard(d).round(3), "board.round(3), as the solution prints"),
           Variant(lambda d: scoreboard(d).set_index("system"), "systems as the index"),
           Variant(lambda d: scoreboard(d).iloc[::-1], "rows in another order")),
    wrong=(Variant(lambda d: scoreboard(d).assign(recall=scoreboard(d)["precision"],
                                                  precision=scoreboard(d)["recall"]),
                   "precision and recall swapped", says="column"),
           Variant(lambda d: scoreboard(d).drop(columns="false_alarms_per_day"),
                   "a column missing", says="false_alarms_per_day")),
)


# --------------------------------------------------------------------------------------------
# Exercise 9 (core): ignore, monitor, escalate or seize the moment?
# --------------------------------------------------------------------------------------------


def window_figures(data: CourseData, start: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
    """The figures of a window of hours next to the 28 days before it (as in the notebook).

    ``hours``, ``times_usual`` (mentions ÷ the usual values of those hours),
    ``negative_share`` and ``usual_negative_share``, ``accounts_per_mention``
    and ``usual_accounts_per_mention``.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> figures = window_figures(data, *decision_window(data))
    >>> bool(figures["accounts_per_mention"] < 0.6 * figures["usual_accounts_per_mention"])
    True
    """
    mentions = data.mentions
    usual = usual_values(data)
    times = mentions["timestamp"]
    inside = mentions[(times >= start) & (times <= end)]
    before = mentions[(times >= start - pd.Timedelta(days=HISTORY_DAYS)) & (times < start)]
    return pd.Series({
        "hours": len(inside),
        "times_usual": inside["mentions"].sum() / usual[start:end].sum(),
        "negative_share": inside["negative"].sum() / inside["mentions"].sum(),
        "usual_negative_share": before["negative"].sum() / before["mentions"].sum(),
        "accounts_per_mention": inside["unique_authors"].sum() / inside["mentions"].sum(),
        "usual_accounts_per_mention": before["unique_authors"].sum() / before["mentions"].sum(),
    })


def triage_label(figures: Mapping[str, float]) -> str:
    """The lesson's triage rules, in order (those of ``detect.triage``).

    Examples
    --------
    >>> triage_label({"hours": 5, "times_usual": 6.0, "negative_share": 0.6,
    ...               "usual_negative_share": 0.15, "accounts_per_mention": 0.9,
    ...               "usual_accounts_per_mention": 0.9})
    'crisis'
    """
    if figures["accounts_per_mention"] < BOT_AUTHOR_FACTOR * figures["usual_accounts_per_mention"]:
        return "bot burst"
    if figures["negative_share"] >= max(figures["usual_negative_share"] + CRISIS_NEGATIVE_JUMP,
                                        CRISIS_NEGATIVE_MIN):
        return "crisis"
    ratio = figures["times_usual"]
    short = figures["hours"] <= NOISE_MAX_PERIODS and not ratio >= NOISE_SHORT_MAX_RATIO
    if short or not ratio >= NOISE_MAX_RATIO:
        return "noise"
    return "viral opportunity"


def decision_window(data: CourseData) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last hour of the window of the decision exercise (one of the planted events).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> [str(t) for t in decision_window(load_course_data())]
    ['2025-02-19 16:00:00+01:00', '2025-02-20 02:00:00+01:00']
    """
    planted = planted_events(data)
    event = planted[planted["type"] == "bot_burst"].iloc[0]
    return pd.Timestamp(event["start"]), pd.Timestamp(event["end"])


def _window(data: CourseData) -> pd.Series:
    return data.cached(("lesson05", "window"), lambda d: window_figures(d, *decision_window(d)))


def _call(data: CourseData) -> str:
    return ACTION[triage_label(_window(data))]


def _call_why(data: CourseData) -> dict[str, str]:
    figures = _window(data)
    label = triage_label(figures)
    facts = _("q9_facts", hours=int(figures["hours"]), times_usual=figures["times_usual"],
              negative_share=figures["negative_share"],
              usual_negative_share=figures["usual_negative_share"],
              accounts=figures["accounts_per_mention"],
              usual_accounts=figures["usual_accounts_per_mention"])
    why = {c: f"{facts} {_(f'q9_why_{label}')}" for c in CALLS}
    if label == "bot burst":
        why[ESCALATE] = f"{facts} {_('q9_bot_escalated')}"
    return why


def _other_call(data: CourseData) -> str:
    return next(c for c in (MONITOR, IGNORE, ESCALATE, SEIZE) if c != _call(data))


q9 = DecisionExercise(
    variable="call",
    choices=CALLS,
    expected=_call,
    why=_call_why,
    aliases={IGNORE: ("ignora", "ignorare", "ignorer"),
             MONITOR: ("monitora", "monitorare", "tenere d'occhio", "surveiller"),
             ESCALATE: ("escalation", "escalate it", "allertare", "avvisare il manager",
                        "escalader", "alerter"),
             SEIZE: ("seize", "seize it", "cogli il momento", "cogliere il momento",
                     "saisir l'occasion", "saisir le moment")},
    hints=(_("q9_hint1"), _("q9_hint2")),
    right=(Variant(lambda d: _call(d).upper(), "in capitals"),),
    wrong=(Variant(_other_call, "another call", says="usual"),
           Variant(lambda d: "panic", "not one of the calls", says="must be one of")),
)

# --------------------------------------------------------------------------------------------
# Exercise 10 (core): a chart of the biggest alert, titled with what it was
# --------------------------------------------------------------------------------------------


def labelled_alerts(data: CourseData) -> pd.DataFrame:
    """``detect.triage(found, mentions)``: each alert with its label and reason."""
    return data.cached(("lesson05", "labelled"),
                       lambda d: detect.triage(merged_alerts(d), d.mentions))


def biggest_alert(data: CourseData) -> pd.Series:
    """The alert with the most mentions above usual (``size``).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> biggest_alert(load_course_data())["label"]
    'crisis'
    """
    labelled = labelled_alerts(data)
    return labelled.loc[labelled["size"].idxmax()]


def alert_week(data: CourseData) -> pd.Series:
    """Mentions from 2 days before the biggest alert's start to 2 days after its end."""
    biggest = biggest_alert(data)
    series = mention_series(data)
    return series[biggest["start"] - pd.Timedelta(days=2): biggest["end"] + pd.Timedelta(days=2)]


#: The triage labels in Italian and French: a title may name the event in either.
LABEL_WORDS = {"crisis": ("crisis", "crisi", "crise"),
               "viral opportunity": ("viral", "virale"),
               "bot burst": ("bot", "bots"),
               "noise": ("noise", "rumore", "bruit")}


def _label_words(data: CourseData) -> list[tuple[str, ...]]:
    label = str(biggest_alert(data)["label"])
    return [LABEL_WORDS.get(label, (label,))]


def _no_line(fig: Any, data: CourseData) -> bool:
    """True if the chart has no line: the week must be drawn hour by hour as a line."""
    model = ChartExercise.model(fig)
    return model is not None and bool(model.panels) and not any(
        s.kind == "line" for s in model.panels[0].data)


def _week_chart(data: CourseData, *, title: str | None = None, bars: bool = False,
                shift: int = 0) -> Figure:
    """A chart a learner might draw for q10 (the exercise's own variants)."""
    import matplotlib.pyplot as plt

    from smmlab import viz

    week = alert_week(data)
    if shift:
        week = mention_series(data).shift(shift).reindex(week.index)
    label = str(biggest_alert(data)["label"])
    title = title if title is not None else f"{label.capitalize()}: mentions per hour"
    if bars:
        fig, ax = plt.subplots()
        ax.bar(week.index, week.to_numpy(), width=0.03)
        ax.set_title(title)
        ax.set_xlabel("Hour")
        ax.set_ylabel("Mentions")
        viz.set_alt_text(fig, "Bars of mentions per hour around the biggest alert.")
    else:
        fig = viz.timeseries_with_events(week, title=title)
    plt.close(fig)
    return fig


q10 = ChartExercise(
    variable="week_chart",
    expected=alert_week,
    title_words=_label_words,
    kpi="mentions",
    hints=(_("q10_hint1"), _("q10_hint2")),
    mistakes=(Mistake("no_line", None, _("q10_no_line"), when=_no_line, before=True),),
    right=(Variant(_week_chart, "viz.timeseries_with_events"),
           Variant(lambda d: _week_chart(d, title=f"{_label_words(d)[0][-1].capitalize()}: "
                                                 "menzioni all'ora"),
                   "titled in another language")),
    wrong=(Variant(lambda d: _week_chart(d, bars=True), "bars", says="line"),
           Variant(lambda d: _week_chart(d, title="Mentions per hour"), "no label in the title",
                   says="title should mention"),
           Variant(lambda d: _week_chart(d, shift=24), "the day before's counts",
                   says="your chart")),
)


# --------------------------------------------------------------------------------------------
# Exercise 11 (core): the alarm on a real brand's mentions
# --------------------------------------------------------------------------------------------


def real_brand(data: CourseData) -> RealSeries:
    """A real brand's hourly mentions with its labelled windows, chosen for this learner.

    One of the five real series shipped in ``datasets/real_mentions`` (Twitter mentions
    of Apple, Salesforce, Facebook, Coca-Cola and UPS, 2015, from the Numenta Anomaly
    Benchmark), chosen by the brand's name: the same for the learner and the grader.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> real = real_brand(load_course_data())
    >>> real.brand in {"AAPL", "CRM", "FB", "KO", "UPS"}, len(real.windows) >= 2
    (True, True)
    """
    def build(d: CourseData) -> RealSeries:
        series = load_real_mentions()
        names = sorted(series)
        # The brand's name only: the learner's notebook (a data folder) and the grader (which
        # also knows the learner id) must pick the same series.
        return series[names[zlib.crc32(d.brand.encode("utf-8")) % len(names)]]

    return data.cached(("lesson05", "real"), build)


def real_alarms(data: CourseData) -> pd.DataFrame:
    """``detect.alarm`` on the real brand's hourly mentions, the rings only."""
    return data.cached(("lesson05", "real_alarms"),
                       lambda d: _spikes_only(detect.alarm(real_brand(d).hourly)))


def _found_on_real(data: CourseData) -> tuple[int, int, int]:
    """Windows found, false alarms and windows of the real brand (the notebook's recipe)."""
    windows, alarms = real_brand(data).windows_table(), real_alarms(data)
    found, false = _found_and_false(alarms, windows)
    return found, false, len(windows)


def _real_recall(data: CourseData) -> float:
    found, _false, windows = _found_on_real(data)
    return found / windows


def _real_precision(data: CourseData) -> float:
    found, false, _windows = _found_on_real(data)
    return found / (found + false) if found + false else float("nan")


q11 = ValueExercise(
    variable="real_recall",
    expected=_real_recall,
    rate=True,
    hints=(_("q11_hint1"), _("q11_hint2")),
    mistakes=(
        Mistake("count", lambda d: _found_on_real(d)[0], _("q11_count")),
        Mistake("precision", _real_precision, _("q11_precision")),
    ),
    right=(Variant(lambda d: round(_real_recall(d), 2), "two decimals"),),
    wrong=(Variant(lambda d: _found_on_real(d)[0], "the number of windows found",
                   says="share"),
           Variant(lambda d: _real_recall(d) * 100, "a percentage", says="percentage")),
)


__all__ = LESSON.bind(globals(), extra=("decision_window", "live_feed", "planted_events",
                                        "real_brand"))
