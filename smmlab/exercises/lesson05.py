"""Lesson 05: Noise or crisis?

In the notebook: ``from smmlab.exercises.lesson05 import *`` gives ``setup``,
``q1`` ... ``q10``, ``check_all``, the ``____`` placeholder, and three helpers:
``planted_events`` (the answer key, for the scoring step only),
``decision_window`` (the window of the decision exercise) and ``live_feed``
(the timed drill).

What the learner builds, step by step, and then uses from :mod:`smmlab.detect`:
the usual value of an hour (the median of the same hour on the same weekday in
the previous four weeks, with the hours either side), the surprise, flags merged
into alerts, a score against the planted events (precision, recall, false
alarms per day) next to the naive mean + 3 sd rule, a triage of what each jump
is, and a crisis alarm rule tried on a live feed.

Examples
--------
>>> from smmlab.exercises import lesson05
>>> data = lesson05.setup(quiet=True)
>>> lesson05.q2.check_answers({"n_alerts": len(lesson05.merged_alerts(data))}, data).correct
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from smmlab import detect
from smmlab._messages import Catalog
from smmlab.detect.triage import (
    BOT_AUTHOR_FACTOR,
    CRISIS_NEGATIVE_JUMP,
    CRISIS_NEGATIVE_MIN,
    NOISE_MAX_PERIODS,
    NOISE_MAX_RATIO,
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
from smmlab.exercises.live_feed import LiveFeed, planted_events, shift_window, shifts, usual_share
from smmlab.exercises.live_feed import live_feed as _live_feed
from smmlab.synth.course import COURSE_DAYS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Weeks of history behind a usual value, and the hours around the same hour that count too.
WEEKS = 4
NEIGHBOURS = (-1, 0, 1)
ONE_WEEK = pd.Timedelta(weeks=1)
#: Days monitored (the course year), for false alarms per day.
DAYS = COURSE_DAYS
#: Days before a window that define its "usual" shares.
HISTORY_DAYS = 28
#: The crisis alarm rule: surprise above this, and a negative share this much above usual.
SURPRISE_ALARM = 3.0
NEGATIVE_JUMP = CRISIS_NEGATIVE_JUMP
#: An alarm within this many hours of a crisis start is in time (the live-feed drill).
ALARM_WITHIN = 8
#: The four calls of the decision exercise.
IGNORE, MONITOR, ESCALATE, SEIZE = "ignore", "monitor", "escalate", "seize the moment"
CALLS = (IGNORE, MONITOR, ESCALATE, SEIZE)
#: The call for each triage label (detect.triage's labels).
ACTION = {"crisis": ESCALATE, "viral opportunity": SEIZE, "bot burst": MONITOR,
          "noise": IGNORE, "tracking outage": MONITOR}
#: The alarm systems compared on the scoreboard.
EVERY_SPIKE, SMMLAB, NAIVE = "every spike", "smmlab alerts", "mean + 3 sd"
SCOREBOARD_COLUMNS = ("system", "precision", "recall", "false_alarms_per_day")

MESSAGES = Catalog(
    {
        "en": {
            "title": "Noise or crisis?",
            # q1: the usual value of the busiest hour
            "q1_hint1": "Do what the worked example did for Monday 10:00, for peak_hour: the "
                        "same hour on the same weekday 1, 2, 3 and 4 weeks earlier, each with "
                        "the hour before and the hour after (12 times), then the median of "
                        "their values.",
            "q1_hint2": "times = [peak_hour - pd.Timedelta(weeks=k) + pd.Timedelta(hours=h) "
                        "for k in [1, 2, 3, 4] for h in [-1, 0, 1]], then usual_at_peak = "
                        "series.reindex(times).median().",
            "q1_mean": "You took the mean of the 12 values. One odd week (a past spike) pulls "
                       "a mean up; the usual value is the median: .median().",
            "q1_yesterday": "You compared with the previous days (pd.Timedelta(days=...)). A "
                            "Sunday night is not a Tuesday morning: compare with the same "
                            "weekday in previous weeks, pd.Timedelta(weeks=k).",
            "q1_no_neighbours": "That is the median of the 4 same-hour values only. "
                                "detect.baseline also takes the hour before and the hour after "
                                "in each week (12 values), so a quiet brand has enough to go "
                                "on.",
            # q2: alerts
            "q2_hint1": "Merge the flags with detect.alerts, keeping its default "
                        "min_duration=3, and count the rows.",
            "q2_hint2": "found = detect.alerts(flags), then n_alerts = len(found).",
            "q2_spikes": "That is the number of spikes, with min_duration=1: every flagged "
                         "hour wakes you up. A one-hour spike is not a crisis: keep the "
                         "default, three flagged hours.",
            "q2_hours": "That is the number of flagged hours. An alert is a run of flagged "
                        "hours: detect.alerts merges them.",
            # q3: recall
            "q3_hint1": "Turn the worked example around: for each target event (not the "
                        "noise), ask whether any alert overlaps it, with "
                        "hits_an_event(t.start, t.end, found). Recall is the share of True.",
            "q3_hint2": "caught = [hits_an_event(t.start, t.end, found) for t in "
                        "targets.itertuples()], then recall = sum(caught) / len(targets).",
            "q3_twice": "You counted alerts, not events: an event touched by three alerts "
                        "counted three times (your recall can even pass 100 %). Count each "
                        "event once: was it found, yes or no?",
            "q3_noise": "You counted the one-hour noise spikes as events to find. They are "
                        "the false alarms we want to stay quiet on: leave them out of the "
                        "targets.",
            "q3_precision": "That is the precision: the share of alerts that hit an event. "
                            "Recall turns the question around: the share of events that some "
                            "alert found.",
            # q4: false alarms per day
            "q4_hint1": "Mark each spike with hits_an_event(a.start, a.end, targets), as the "
                        "worked example did for found; count the spikes that hit nothing and "
                        "divide by the days monitored, DAYS.",
            "q4_hint2": "spike_hits = [hits_an_event(a.start, a.end, targets) for a in "
                        "spikes.itertuples()]; false_alarms_per_day = "
                        "(len(spikes) - sum(spike_hits)) / DAYS.",
            "q4_all": "That is all spikes per day. A false alarm is a spike that hits no "
                      "planted event: leave out the ones that did.",
            "q4_count": "That is the number of false alarms in the year. Divide by DAYS to "
                        "get false alarms per day.",
            "q4_hours": "You divided by hours. The question is per day: divide by DAYS.",
            "q4_merged": "That is for the merged alerts (found). The question is about every "
                         "spike (spikes, min_duration=1).",
            # q5: scoreboard
            "q5_hint1": "detect.score(alerts, planted, days=DAYS) gives precision, recall "
                        "and false_alerts_per_day. Score three sets of alerts: spikes, found, "
                        "and the naive rule's flags merged with detect.alerts.",
            "q5_hint2": "naive = detect.alerts(detect.naive_flag(series)); then one list per "
                        "column: pd.DataFrame({{\"system\": [\"every spike\", \"smmlab alerts\", "
                        "\"mean + 3 sd\"], \"precision\": [...], \"recall\": [...], "
                        "\"false_alarms_per_day\": [...]}}).",
            "q5_unmerged": "Your mean + 3 sd row scores every flagged hour of the naive rule. "
                           "Merge its flags with detect.alerts, like ours, so the comparison "
                           "is fair.",
            # q6: the call on a window
            "q6_hint1": "Run window_figures(window_start, window_end) and go through the "
                        "rules in order: accounts per mention, then negative share, then "
                        "length and volume.",
            "q6_hint2": "Fewer than 0.6 x the usual accounts per mention: monitor (bots). "
                        "Else negative share at least 15 points above usual and at least "
                        "30 %: escalate. Else 2 hours or less, or under 1.5 x the usual: "
                        "ignore. Else: seize the moment.",
            "q6_facts": "In that window: {hours} hours, mentions x{times_usual:.1f} the "
                        "usual, {negative_share:.0%} negative (usually "
                        "{usual_negative_share:.0%}), {accounts:.2f} accounts per mention "
                        "(usually {usual_accounts:.2f}).",
            "q6_why_bot burst": "So few accounts for so many mentions means a handful of "
                                "accounts posting again and again: bots. Monitor: report the "
                                "accounts, do not reply, tell the team it is not people.",
            "q6_why_crisis": "The negative share has jumped: people are angry. Escalate now.",
            "q6_why_noise": "Too short or too small to act on: ignore it.",
            "q6_why_viral opportunity": "More people than usual, in a normal mood: join the "
                                        "conversation and seize the moment.",
            "q6_bot_escalated": "Escalating a bot burst as a crisis sends the team to answer "
                                "robots. The negative share is not what jumped; the accounts "
                                "per mention collapsed: that is bots. Monitor it.",
            # q7: the chart of the biggest alert
            "q7_hint1": "biggest is ready. Slice the series from 2 days before its start to 2 "
                        "days after its end, and draw it with viz.timeseries_with_events, "
                        "with a title that says what it was.",
            "q7_hint2": "week = series[biggest[\"start\"] - pd.Timedelta(days=2) : "
                        "biggest[\"end\"] + pd.Timedelta(days=2)]; week_chart = "
                        "viz.timeseries_with_events(week, "
                        "title=f\"{{biggest['label'].capitalize()}}: ...\").",
            "q7_no_line": "I cannot find the line of mentions. Draw the week hour by hour as a "
                          "line: viz.timeseries_with_events(week, title=...).",
            "q7_hours": "The chart shows {got} hours; from 2 days before the biggest alert's "
                        "start to 2 days after its end there are {want}.",
            "q7_values": "The chart shows {got} hours, as it should, but not the mentions of "
                         "that window: slice series from biggest[\"start\"] - 2 days to "
                         "biggest[\"end\"] + 2 days.",
            # q8: the alarm rule
            "q8_hint1": "Two conditions, both needed: the hour is surprising (surprise above "
                        "SURPRISE_ALARM), and the negative share has jumped (at least "
                        "NEGATIVE_JUMP above the usual share).",
            "q8_hint2": "return surprise > SURPRISE_ALARM and negative_share >= "
                        "usual_negative_share + NEGATIVE_JUMP",
            "q8_surprise_only": "Your rule fires on every surprising hour, whatever the mood: "
                                "viral posts and bot bursts would wake the crisis team. Also "
                                "ask for a jump in the negative share.",
            "q8_negative_only": "Your rule fires on the negative share alone: at night, 1 "
                                "angry mention out of 2 is 50 % negative. Also ask for a "
                                "surprising volume (surprise above SURPRISE_ALARM).",
            "q8_any_increase": "Your rule fires when the negative share is above usual by any "
                               "amount. A couple of points is noise: ask for a jump of at "
                               "least NEGATIVE_JUMP (15 points).",
            # q9: the drill
            "q9_hint1": "Run feed.next(6) again and again, looking at the surprise and the "
                        "negative share of each new hour. When both have jumped, raise the "
                        "alarm: alarm_time = feed.alarm().",
            "q9_hint2": "A surprise above 3 together with a negative share at least 15 "
                        "points above the usual one (printed when the feed starts) is your "
                        "raise_alarm rule: feed.run(raise_alarm) watches for you.",
            "q9_not_time": "alarm_time should be the text feed.alarm() returns, such as "
                           "'2025-04-08 02:00'; it is {got}.",
            "q9_none": "No alarm was raised, and this shift had a crisis in it (it started "
                       "{start}). Start again with feed = live_feed(data).",
            "q9_outside": "{got} is not an hour of shift 1 ({first} to {last}). Use the time "
                          "feed.alarm() returns.",
            "q9_cried_wolf": "Cried wolf: your alarm came {hours} hour(s) before the crisis "
                             "started ({start}). Something looked odd, but it was ordinary "
                             "noise. Try again (feed = live_feed(data)) and ask for a "
                             "surprise AND a jump in the negative share.",
            "q9_late": "Late: your alarm came {hours} hours after the crisis started "
                       "({start}). Aim for {within} hours: watch each new hour's surprise "
                       "and negative share. Try again with feed = live_feed(data).",
            # q10: the escalation note
            "q10_hint1": "Four short lines: what you saw (with numbers), what you think it is, "
                         "what you recommend now, and when you will update.",
            "q10_hint2": "For example: \"08:00: mentions x8 the usual since 02:00, 60 % "
                         "negative (usually 15 %), many different accounts. Looks like a "
                         "crisis about deliveries. I recommend a holding statement within the "
                         "hour. Next update at 10:00.\"",
        }
    }
)
_ = MESSAGES.text

LESSON = Lesson("05", _("title"), source=lessons_dir() / "05_noise_or_crisis.ipynb")


# --------------------------------------------------------------------------------------------
# The learner's series and the detector's steps, as the notebook builds them
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
    '2025-08-19 09:00:00+02:00'
    """
    return mention_series(data).idxmax()


def usual_value(series: pd.Series, when: pd.Timestamp, *, weeks: int = WEEKS,
                step: pd.Timedelta = ONE_WEEK,
                neighbours: tuple[int, ...] = NEIGHBOURS, how: str = "median") -> float:
    """The usual value of one hour, computed the way the notebook teaches.

    The values of ``when - k * step + h hours`` for ``k`` in 1..``weeks`` and
    ``h`` in ``neighbours``, then their median (missing hours are skipped). With
    the defaults it equals :func:`smmlab.detect.baseline` at ``when``; the
    keyword arguments recompute the usual mistakes (``step`` of a day, the mean,
    no neighbours).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> series, peak = mention_series(data), peak_hour(data)
    >>> usual_value(series, peak) == float(detect.baseline(series)[peak])
    True
    """
    times = [when - step * k + pd.Timedelta(hours=h) for k in range(1, weeks + 1)
             for h in neighbours]
    values = series.reindex(times)
    return float(values.median() if how == "median" else values.mean())


def flags(data: CourseData) -> pd.DataFrame:
    """``detect.flag(series)``: the default detector's hour-by-hour verdict."""
    return data.cached(("lesson05", "flags"), lambda d: detect.flag(mention_series(d)))


def merged_alerts(data: CourseData) -> pd.DataFrame:
    """``detect.alerts(flags)``: flagged hours merged, runs of 3 hours or more kept."""
    return data.cached(("lesson05", "found"), lambda d: detect.alerts(flags(d)))


def spike_alerts(data: CourseData) -> pd.DataFrame:
    """``detect.alerts(flags, min_duration=1)``: every spike is an alert."""
    return data.cached(("lesson05", "spikes"),
                       lambda d: detect.alerts(flags(d), min_duration=1))


def naive_alerts(data: CourseData, *, merged: bool = True) -> pd.DataFrame:
    """The mean + 3 sd rule's flags, merged like ours (or every flagged hour)."""
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
    """The planted events an alarm should find: all but the one-hour noise spikes."""
    planted = planted_events(data)
    return planted[planted["type"] != "noise"]


def _score(found: pd.DataFrame, data: CourseData) -> detect.Score:
    return detect.score(found, planted_events(data), days=DAYS)


# --------------------------------------------------------------------------------------------
# Exercise 1 (warm-up): the usual value of the busiest hour
# --------------------------------------------------------------------------------------------

def _usual_at_peak(data: CourseData) -> float:
    return float(detect.baseline(mention_series(data))[peak_hour(data)])


q1 = ValueExercise(
    variable="usual_at_peak",
    expected=_usual_at_peak,
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("mean", lambda d: usual_value(mention_series(d), peak_hour(d), how="mean"),
                _("q1_mean")),
        Mistake("yesterday", lambda d: usual_value(mention_series(d), peak_hour(d),
                                                   step=pd.Timedelta(days=1)),
                _("q1_yesterday")),
        Mistake("no_neighbours", lambda d: usual_value(mention_series(d), peak_hour(d),
                                                       neighbours=(0,)),
                _("q1_no_neighbours")),
    ),
    right=(Variant(lambda d: usual_value(mention_series(d), peak_hour(d)), "the recipe"),
           Variant(lambda d: round(_usual_at_peak(d), 1), "rounded to a tenth")),
    wrong=(Variant(lambda d: usual_value(mention_series(d), peak_hour(d), how="mean"),
                   "the mean", says="mean"),
           Variant(lambda d: usual_value(mention_series(d), peak_hour(d),
                                         step=pd.Timedelta(days=1)), "the days before",
                   says="day"),
           Variant(lambda d: float(mention_series(d)[peak_hour(d)]), "the peak itself",
                   says="usual_at_peak is")),
)


# --------------------------------------------------------------------------------------------
# Exercise 2 (core): from flagged hours to alerts
# --------------------------------------------------------------------------------------------

q2 = ValueExercise(
    variable="n_alerts",
    expected=lambda d: len(merged_alerts(d)),
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("one_hour_spikes", lambda d: len(spike_alerts(d)), _("q2_spikes")),
        Mistake("flagged_hours", lambda d: int(flags(d)["flagged"].sum()), _("q2_hours")),
    ),
    right=(Variant(lambda d: float(len(merged_alerts(d))), "as a float"),),
    wrong=(Variant(lambda d: len(spike_alerts(d)), "one-hour spikes", says="hour"),
           Variant(lambda d: int(flags(d)["flagged"].sum()), "flagged hours", says="hours"),
           Variant(lambda d: len(merged_alerts(d)) + 1, "one too many", says="n_alerts is")),
)


# --------------------------------------------------------------------------------------------
# Exercise 3 (core): recall
# --------------------------------------------------------------------------------------------


def _pairs_per_target(data: CourseData) -> float:
    """The mistake: every (alert, event) overlap counted, so an event found twice counts twice."""
    found, goals = merged_alerts(data), targets(data)
    pairs = sum(hits_an_event(s, e, found.iloc[[i]]) for i in range(len(found))
                for s, e in zip(goals["start"], goals["end"], strict=True))
    return pairs / len(goals)


def _recall_with_noise(data: CourseData) -> float:
    found, planted = merged_alerts(data), planted_events(data)
    caught = [hits_an_event(s, e, found)
              for s, e in zip(planted["start"], planted["end"], strict=True)]
    return sum(caught) / len(planted)


q3 = ValueExercise(
    variable="recall",
    expected=lambda d: _score(merged_alerts(d), d).recall,
    rate=True,
    hints=(_("q3_hint1"), _("q3_hint2")),
    mistakes=(
        Mistake("alert_counted_twice", _pairs_per_target, _("q3_twice")),
        Mistake("noise_as_target", _recall_with_noise, _("q3_noise")),
        Mistake("precision", lambda d: _score(merged_alerts(d), d).precision,
                _("q3_precision")),
    ),
    right=(Variant(lambda d: round(_score(merged_alerts(d), d).recall, 2), "two decimals"),),
    wrong=(Variant(_recall_with_noise, "noise counted as a target", says="noise"),
           Variant(lambda d: _score(merged_alerts(d), d).recall * 100, "a percentage",
                   says="percentage"),
           Variant(lambda d: _score(merged_alerts(d), d).precision, "the precision",
                   says="precision")),
)


# --------------------------------------------------------------------------------------------
# Exercise 4 (warm-up): false alarms per day if every spike woke you up
# --------------------------------------------------------------------------------------------

q4 = ValueExercise(
    variable="false_alarms_per_day",
    expected=lambda d: _score(spike_alerts(d), d).false_alerts_per_day,
    tier="warm-up",
    hints=(_("q4_hint1"), _("q4_hint2")),
    mistakes=(
        Mistake("all_spikes", lambda d: len(spike_alerts(d)) / DAYS, _("q4_all")),
        Mistake("count", lambda d: _score(spike_alerts(d), d).false_alerts, _("q4_count")),
        Mistake("per_hour", lambda d: _score(spike_alerts(d), d).false_alerts / (DAYS * 24),
                _("q4_hours")),
        Mistake("merged", lambda d: _score(merged_alerts(d), d).false_alerts_per_day,
                _("q4_merged")),
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
# Exercise 5 (stretch): the scoreboard of three alarm systems
# --------------------------------------------------------------------------------------------


def scoreboard(data: CourseData, *, naive_merged: bool = True) -> pd.DataFrame:
    """Precision, recall and false alarms per day of the three alarm systems.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> board = scoreboard(load_course_data())
    >>> board["system"].tolist()
    ['every spike', 'smmlab alerts', 'mean + 3 sd']
    """
    rows = []
    for name, found in ((EVERY_SPIKE, spike_alerts(data)), (SMMLAB, merged_alerts(data)),
                        (NAIVE, naive_alerts(data, merged=naive_merged))):
        s = _score(found, data)
        rows.append({"system": name, "precision": s.precision, "recall": s.recall,
                     "false_alarms_per_day": s.false_alerts_per_day})
    return pd.DataFrame(rows, columns=list(SCOREBOARD_COLUMNS))


q5 = ValueExercise(
    variable="board",
    expected=scoreboard,
    tier="stretch",
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(Mistake("naive_unmerged", lambda d: scoreboard(d, naive_merged=False),
                      _("q5_unmerged")),),
    right=(Variant(lambda d: scoreboard(d).round(3), "board.round(3), as the solution prints"),
           Variant(lambda d: scoreboard(d).set_index("system"), "systems as the index"),
           Variant(lambda d: scoreboard(d).iloc[::-1], "rows in another order")),
    wrong=(Variant(lambda d: scoreboard(d, naive_merged=False), "naive flags not merged",
                   says="merge"),
           Variant(lambda d: scoreboard(d).assign(recall=scoreboard(d)["precision"],
                                                  precision=scoreboard(d)["recall"]),
                   "precision and recall swapped", says="column"),
           Variant(lambda d: scoreboard(d).drop(columns="false_alarms_per_day"),
                   "a column missing", says="false_alarms_per_day")),
)


# --------------------------------------------------------------------------------------------
# Exercise 6 (core): ignore, monitor, escalate or seize the moment?
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
    usual = detect.baseline(mention_series(data))
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
    if figures["hours"] <= NOISE_MAX_PERIODS or not figures["times_usual"] >= NOISE_MAX_RATIO:
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
    facts = _("q6_facts", hours=int(figures["hours"]), times_usual=figures["times_usual"],
              negative_share=figures["negative_share"],
              usual_negative_share=figures["usual_negative_share"],
              accounts=figures["accounts_per_mention"],
              usual_accounts=figures["usual_accounts_per_mention"])
    why = {c: f"{facts} {_(f'q6_why_{label}')}" for c in CALLS}
    if label == "bot burst":
        why[ESCALATE] = f"{facts} {_('q6_bot_escalated')}"
    return why


def _other_call(data: CourseData) -> str:
    return next(c for c in (MONITOR, IGNORE, ESCALATE, SEIZE) if c != _call(data))


q6 = DecisionExercise(
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
    hints=(_("q6_hint1"), _("q6_hint2")),
    right=(Variant(lambda d: _call(d).upper(), "in capitals"),),
    wrong=(Variant(_other_call, "another call", says="usual"),
           Variant(lambda d: "panic", "not one of the calls", says="must be one of")),
)


# --------------------------------------------------------------------------------------------
# Exercise 7 (core): a chart of the biggest alert, titled with what it was
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
    """A chart a learner might draw for q7 (the exercise's own variants)."""
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


q7 = ChartExercise(
    variable="week_chart",
    expected=alert_week,
    title_words=_label_words,
    kpi="mentions",
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(Mistake("no_line", None, _("q7_no_line"), when=_no_line, before=True),),
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
# Exercise 8 (core): the crisis alarm rule, as a function
# --------------------------------------------------------------------------------------------


def alarm_rule(surprise: float, negative_share: float, usual_negative_share: float, *,
               use_surprise: bool = True, use_negative: bool = True,
               jump: float = NEGATIVE_JUMP) -> bool:
    """The lesson's crisis alarm: a surprising hour AND a jump in the negative share.

    The keyword arguments recompute the learners' usual mistakes (surprise only,
    negative share only, any increase).

    Examples
    --------
    >>> alarm_rule(4.8, 0.58, 0.15), alarm_rule(9.0, 0.12, 0.15), alarm_rule(1.0, 0.5, 0.15)
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
        table = detect.surprise(mention_series(d))
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
        (1.2, round(usual + 0.35, 2), usual),   # a quiet night: 1 angry mention out of 2
        (crisis[0], round(usual + 0.05, 2), usual),   # loud, and only a little more negative
        (0.4, usual, usual),                     # an ordinary hour
    ]
    return [(a, alarm_rule(*a)) for a in args]


def _wrong_rule(**how: Any) -> Any:
    def compute(data: CourseData) -> Any:
        def rule(surprise: float, negative_share: float, usual_negative_share: float) -> bool:
            return alarm_rule(surprise, negative_share, usual_negative_share, **how)

        return rule

    return compute


q8 = FunctionExercise(
    variable="raise_alarm",
    cases=_alarm_cases,
    hints=(_("q8_hint1"), _("q8_hint2")),
    mistakes=(
        Mistake("surprise_only", _wrong_rule(use_negative=False), _("q8_surprise_only")),
        Mistake("negative_only", _wrong_rule(use_surprise=False), _("q8_negative_only")),
        Mistake("any_increase", _wrong_rule(jump=1e-9), _("q8_any_increase")),
    ),
    right=(Variant(lambda d: lambda s, n, u: s > SURPRISE_ALARM and n - u >= NEGATIVE_JUMP,
                   "the rule written out"),
           Variant(lambda d: lambda s, n, u: bool(alarm_rule(s, n, u)), "a true bool")),
    wrong=(Variant(_wrong_rule(use_negative=False), "surprise only", says="negative"),
           Variant(_wrong_rule(use_surprise=False), "negative share only", says="surprise"),
           Variant(_wrong_rule(jump=1e-9), "any increase", says="15")),
)


# --------------------------------------------------------------------------------------------
# Exercise 9 (core): the live-feed drill
# --------------------------------------------------------------------------------------------


def live_feed(data: CourseData, *, shift: int = 1) -> LiveFeed:
    """Start a live shift (see :mod:`smmlab.exercises.live_feed`); shift 1 is the checked one.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> feed = live_feed(load_course_data())  # doctest: +ELLIPSIS
    Live feed of Atelier Ginestra's mentions, shift 1: 49 hours, from day 1, Mon 00:00 ...
    """
    return _live_feed(data, shift=shift, within=ALARM_WITHIN, lesson=LESSON.number,
                      exercise="q9")


def _local(ts: pd.Timestamp) -> pd.Timestamp:
    return ts.tz_localize(None) if ts.tz is not None else ts


def _drill_facts(data: CourseData) -> dict[str, Any]:
    event = shifts(data)[0]
    first, last = shift_window(event)
    return {"start": _local(pd.Timestamp(event["start"])), "first": _local(first),
            "last": _local(last)}


def _alarm_time(got: Any) -> pd.Timestamp | None:
    """The time a learner's ``alarm_time`` names (text or Timestamp), local, or None."""
    if not isinstance(got, str | pd.Timestamp) or isinstance(got, bool):
        return None
    try:
        ts = pd.Timestamp(got)
    except (ValueError, TypeError):
        return None
    return None if ts is pd.NaT else _local(ts)


def _drill_form(got: Any) -> str | None:
    """Assessment mode: the answer is a time, or None (no alarm raised)."""
    if got is None or _alarm_time(got) is not None:
        return None
    return _("q9_not_time", got=repr(got))


def _judge_drill(got: Any, data: CourseData, within: int = ALARM_WITHIN) -> Verdict:
    """The time the learner raised the alarm in shift 1, judged against the planted crisis.

    Right: from the crisis start to ``within`` hours after it. Before the start is
    crying wolf; later is late. The answer is the text ``feed.alarm()`` returns, so
    it travels to the grader as plain data.
    """
    facts = data.cached(("lesson05", "drill"), _drill_facts)
    start = facts["start"]
    shown = start.strftime("%a %d %b %H:%M")
    if got is None:
        return Verdict(0.0, _("q9_none", start=shown), "missed")
    when = _alarm_time(got)
    if when is None:
        return Verdict(0.0, _("q9_not_time", got=repr(got)))
    if not facts["first"] <= when <= facts["last"]:
        return Verdict(0.0, _("q9_outside", got=repr(got),
                              first=facts["first"].strftime("%a %d %b %H:%M"),
                              last=facts["last"].strftime("%a %d %b %H:%M")))
    hours = int(round((when - start) / pd.Timedelta(hours=1)))
    if hours < 0:
        return Verdict(0.0, _("q9_cried_wolf", hours=-hours, start=shown), "cried_wolf")
    if hours > within:
        return Verdict(0.0, _("q9_late", hours=hours, start=shown, within=within), "late")
    return Verdict(1.0)


def _alarm_at(data: CourseData, hours: int) -> str:
    """An alarm raised ``hours`` after the crisis start, written as feed.alarm() writes it."""
    start = data.cached(("lesson05", "drill"), _drill_facts)["start"]
    return (start + pd.Timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")


q9 = JudgedExercise(
    variable="alarm_time",
    judge=_judge_drill,
    form=_drill_form,
    kind="drill",
    hints=(_("q9_hint1"), _("q9_hint2")),
    right=(Variant(lambda d: _alarm_at(d, 0), "at the start"),
           Variant(lambda d: _alarm_at(d, ALARM_WITHIN), "at the last hour in time"),
           Variant(lambda d: pd.Timestamp(_alarm_at(d, 2)), "a Timestamp")),
    wrong=(Variant(lambda d: _alarm_at(d, -3), "before the crisis", says="cried wolf"),
           Variant(lambda d: _alarm_at(d, ALARM_WITHIN + 1), "one hour late", says="late"),
           Variant(lambda d: None, "never raised", says="no alarm"),
           Variant(lambda d: "tomorrow", "not a time", says="alarm_time should be")),
)


# --------------------------------------------------------------------------------------------
# Exercise 10 (stretch): the escalation note
# --------------------------------------------------------------------------------------------

q10 = ReflectionExercise(
    variable="escalation_note",
    min_words=40,
    tier="stretch",
    hints=(_("q10_hint1"), _("q10_hint2")),
    right=(Variant(lambda d: ["Since this morning mentions are several times the usual level "
                              "and most of them are negative, from many different accounts.",
                              "This looks like a real crisis, not a bot burst: people are angry "
                              "about a product problem.", "I propose we answer publicly within "
                              "the hour and prepare a statement with the product team."],
                   "a note with the facts and a proposal"),),
    wrong=(Variant(lambda d: "Crisis! Call me.", "too short", says="at least 40 words"),),
)


__all__ = LESSON.bind(globals(), extra=("decision_window", "live_feed", "planted_events"))
