"""A live feed of mentions, revealed hour by hour: the timed drill of lesson 05.

The learner takes a "shift": the brand's mentions are replayed one block of
hours at a time, with each hour's usual value, how many times the usual it is, its
surprise (in the brand's big swings, :func:`smmlab.detect.watch`) and its negative share,
as a listening tool would show them. The learner raises the alarm when they judge
it right; :meth:`LiveFeed.result` then reveals what was planted in those hours
and how many hours after its start the alarm came (or that it was a false
alarm: "crying wolf").

Nothing here needs widgets: it is a plain Python object, so the drill runs the
same in JupyterLab, in a browser build and non-interactively under the tests::

    feed = live_feed(data)   # shift 1: a window of a few days, cut just before something happens
    feed.next(6)             # the next 6 hours: a table and a small chart
    alarm_time = feed.alarm()  # raise the alarm now (at the latest hour seen): the feed's record
    feed.result()            # how did you do? (saved in your progress file)

The alarm is recorded by the feed: :meth:`LiveFeed.alarm` returns a sealed record, the
hour plus a seal computed from the brand, the shift's hidden event and that hour
(:func:`alarm_record`). A time typed by hand has no seal, so only an alarm really raised on
the feed counts (:func:`read_alarm_record` checks it).

Every value shown for an hour is known at that hour: the usual value comes
from the previous weeks and the surprise's scale from the weeks before, so the
replay never peeks at the future. Only the window (where the shift starts and
what was planted in it) comes from the answer key, ``truth_events``, and it is
shown only by :meth:`LiveFeed.result`.

Examples
--------
>>> from smmlab.exercises.core import load_course_data
>>> feed = live_feed(load_course_data(), quiet=True)
>>> block = feed.next(6, show=False)
>>> list(block.columns), feed.hours_seen
(['mentions', 'usual', 'times_usual', 'surprise', 'negative_share'], 6)
>>> feed.result(show=False)["verdict"]
'watching'
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from smmlab._messages import Catalog
from smmlab._validate import check_int

#: Hours the feed keeps running after the planted event starts.
HOURS_AFTER_START = 24
#: Days before the feed that define the usual negative share.
HISTORY_DAYS = 28
#: An alarm counts as "in time" up to this many hours after a crisis starts.
WITHIN_HOURS = 8
#: The event types of the shifts, in turn: shift 1 is the first crisis, shift 2 the first
#: bot burst, and so on, then the second of each.
SHIFT_ORDER: tuple[str, ...] = ("crisis", "bot_burst", "noise", "viral_post")
#: Columns of the hour-by-hour table.
COLUMNS: tuple[str, ...] = ("mentions", "usual", "times_usual", "surprise", "negative_share")
#: How an alarm record reads: the hour, the shift and the seal.
RECORD = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d) \(shift (\d+), seal ([0-9a-f]{8})\)$")

MESSAGES = Catalog(
    {
        "en": {
            "intro": (
                "Live feed of {brand}'s mentions, shift {shift}: {hours} hours, from {first} "
                "to {last} (the dates stay hidden until feed.result()).\n"
                "Usually {usual:.0%} of the mentions are negative (the 28 days before).\n"
                "Each feed.next(6) shows 6 more hours: mentions, the usual value, how many "
                "times the usual (times_usual), the surprise in big swings and the negative "
                "share. When you would raise the alarm, run alarm_time = feed.alarm(): it "
                "raises it at the latest hour you have seen, and the feed records it.\n"
                "Goal: the alarm within {within} hours of a crisis starting, and no alarm for "
                "anything else. Maybe something happens in these hours; maybe nothing does."
            ),
            "now": "Now: {now}. {seen} of {hours} hours seen{alarm}.",
            "clock": "day {day}, {time}",
            "now_alarm": ", alarm raised at {at}",
            "chart_title": "Live feed: mentions per hour, {first} to {now}",
            "chart_ylabel": "Mentions per hour",
            "chart_xlabel": "Day and hour of the shift (local time)",
            "chart_usual": "usual for this hour",
            "chart_alt": (
                "Line chart of hourly mentions from {first} to {now}, with a dashed line for "
                "the usual value of each hour; the latest hour has {value} mentions against "
                "{usual} usually (surprise {surprise} big swings)."
            ),
            "over": "The feed is over: all {hours} hours are shown. Run feed.result().",
            "nothing_seen": "Watch at least one block first: feed.next(6).",
            "alarm_raised": "ALARM raised at {at}. Run feed.result() to see how you did.",
            "alarm_again": "The alarm is already raised, at {at}.",
            "result_title": "Your shift: {kind} from {start}; alarm at {at}",
            "result_title_none": "Your shift: {kind} from {start}; no alarm",
            "result_alt": (
                "Line chart of hourly mentions for the whole shift, {first} to {now}, with a "
                "dashed line for the usual value; the {kind} planted in this shift is shaded "
                "from {start}{alarm_words}."
            ),
            "result_alt_alarm": ", and a vertical line marks your alarm at {at}",
            "result_ylabel": "Mentions per hour",
            "result_alarm": "your alarm",
            "watching": "No alarm yet: {left} of {hours} hours left. Keep watching with "
                        "feed.next(6).",
            "in_time_one": (
                "In time: this was a {kind} (it started {start}) and you raised the alarm "
                "{n} hour after its start, within the {within} hours we aim for."
            ),
            "in_time_other": (
                "In time: this was a {kind} (it started {start}) and you raised the alarm "
                "{n} hours after its start, within the {within} hours we aim for."
            ),
            "late": (
                "Late: this was a {kind} (it started {start}) and you raised the alarm {hours} "
                "hours after its start. Aim for {within} hours: in a crisis, the first hours "
                "decide the story."
            ),
            "cried_wolf_early_one": (
                "Cried wolf: you raised the alarm at {at}, {n} hour BEFORE the {kind} "
                "started ({start}). What you saw then was ordinary noise. A false alarm costs "
                "trust: next time, the team runs a little slower."
            ),
            "cried_wolf_early_other": (
                "Cried wolf: you raised the alarm at {at}, {n} hours BEFORE the {kind} "
                "started ({start}). What you saw then was ordinary noise. A false alarm costs "
                "trust: next time, the team runs a little slower."
            ),
            "cried_wolf_other": (
                "Cried wolf: this was a {kind}, not a crisis: {description}. Raising the "
                "alarm sends the team to fight something that is not a fire. {action}"
            ),
            "missed": (
                "Missed: this was a {kind} (it started {start}) and no alarm was raised in "
                "the {hours} hours of the shift."
            ),
            "right_call": (
                "Right call: you did not raise the alarm, and this was a {kind}: "
                "{description}. {action}"
            ),
            "action_bot_burst": "A bot burst is monitored: report the accounts, do not reply "
                                "and do not escalate.",
            "action_noise": "A one-hour blip is ignored: it is over before anyone could act.",
            "action_viral_post": "A viral post is an opportunity: join the conversation, it "
                                 "is not a crisis.",
            "action_other": "Keep an eye on it.",
            "progress": "live feed shift {shift}: {verdict}{hours}",
            "kind_crisis": "crisis",
            "kind_bot_burst": "bot burst",
            "kind_noise": "one-hour spike (noise)",
            "kind_viral_post": "viral post",
            "no_truth": (
                "This data has no answer key (truth_events), so the live feed cannot choose "
                "a shift. Load the course data with setup(), or a folder written by "
                "smmlab generate (which includes truth_events.csv)."
            ),
            "no_shift": "There is no shift {shift} in this data: choose a shift from 1 to {n}.",
            "repr": "<live feed, shift {shift}: {seen} of {hours} hours seen, {alarm}>",
            "repr_alarm": "alarm at {at}",
            "repr_no_alarm": "no alarm",
        }
    }
)
_ = MESSAGES.text


# --------------------------------------------------------------------------------------------
# The answer key, from the data (or rebuilt when a workshop folder left it out)
# --------------------------------------------------------------------------------------------


def planted_events(data: Any) -> pd.DataFrame:
    """The events planted in the brand's mentions: the answer key of ``truth_events``.

    Workshops hand out data folders without ``truth_events.csv`` (so that the key
    is not lying next to the data). This lesson needs it for scoring, so the key
    is then rebuilt from the generator call recorded in the folder's ``provenance.json``.

    Parameters
    ----------
    data : CourseData
        The course data from ``setup()``.

    Returns
    -------
    pandas.DataFrame
        ``event_id``, ``type``, ``start``, ``end``, ``peak``, ``magnitude`` and
        ``description`` of the events of the ``mentions`` table, in time order.

    Raises
    ------
    ValueError
        If the data has no answer key and none can be rebuilt.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> events = planted_events(load_course_data())
    >>> sorted(set(events["type"].astype(str)))
    ['bot_burst', 'crisis', 'noise', 'tracking_outage', 'viral_post']
    """
    def build(d: Any) -> pd.DataFrame:
        truth = d["truth_events"] if "truth_events" in d else _rebuilt_truth(d)
        if truth is None:
            raise ValueError(_("no_truth"))
        events = truth[truth["table"].astype(str) == "mentions"]
        columns = [c for c in ("event_id", "type", "start", "end", "peak", "magnitude",
                               "description") if c in events.columns]
        events = events[columns].sort_values("start", kind="stable").reset_index(drop=True)
        events["type"] = events["type"].astype(str)
        return events

    return data.cached(("live_feed", "planted"), build)


def _rebuilt_truth(data: Any) -> pd.DataFrame | None:
    """The answer key of a data folder written by ``smmlab generate`` or ``smmlab workshop``.

    Rebuilt from the generator call in the folder's ``provenance.json``; ``None``
    when the folder has none.
    """
    from smmlab import datasets

    source = getattr(data, "source", None)
    if source is None:
        return None
    record = datasets.provenance(Path(str(source)))
    return None if record is None else record.course_data(return_truth=True)[1]["events"]


def usual_share(mentions: pd.DataFrame, before: pd.Timestamp, column: str = "negative",
                *, days: int = HISTORY_DAYS) -> float:
    """Share of mentions with ``column`` (e.g. negative) in the ``days`` days before ``before``.

    Examples
    --------
    >>> from smmlab import datasets
    >>> m = datasets.load("mentions")
    >>> 0.05 < usual_share(m, m["timestamp"].iloc[2000]) < 0.3
    True
    """
    times = mentions["timestamp"]
    past = mentions[(times >= before - pd.Timedelta(days=days)) & (times < before)]
    total = past["mentions"].sum()
    return float(past[column].sum() / total) if total else float("nan")


def shifts(data: Any) -> list[pd.Series]:
    """The planted events the shifts are cut around: a crisis first, then the other kinds.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> [s["type"] for s in shifts(load_course_data())][:4]
    ['crisis', 'bot_burst', 'noise', 'viral_post']
    """
    events = planted_events(data)
    by_type = {t: [row for _i, row in events[events["type"] == t].iterrows()]
               for t in SHIFT_ORDER}
    out: list[pd.Series] = []
    for turn in range(max((len(v) for v in by_type.values()), default=0)):
        out += [by_type[t][turn] for t in SHIFT_ORDER if turn < len(by_type[t])]
    return out


def shift_window(event: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last hour of the shift around ``event``.

    The shift starts at local midnight the day before the event starts (so the
    quiet lead-in lasts 24 to 47 hours) and ends ``HOURS_AFTER_START`` hours
    after the start.

    Examples
    --------
    >>> ev = pd.Series({"start": pd.Timestamp("2025-04-08 05:00", tz="Europe/Rome")})
    >>> [str(t) for t in shift_window(ev)]
    ['2025-04-07 00:00:00+02:00', '2025-04-09 05:00:00+02:00']
    """
    start = pd.Timestamp(event["start"])
    midnight = (start.tz_localize(None).normalize() - pd.Timedelta(days=1))
    if start.tz is not None:
        midnight = midnight.tz_localize(start.tz, ambiguous=False, nonexistent="shift_forward")
    return midnight, start + pd.Timedelta(hours=HOURS_AFTER_START)


# --------------------------------------------------------------------------------------------
# The alarm record: what the feed writes when the alarm is raised
# --------------------------------------------------------------------------------------------

_SEAL_SALT = "smmlab live feed, lesson 05"


def _seal(brand: str, event_start: pd.Timestamp, shift: int, hour: str) -> str:
    text = f"{_SEAL_SALT}|{brand}|{pd.Timestamp(event_start).isoformat()}|{shift}|{hour}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def alarm_record(brand: str, event: pd.Series, shift: int, when: pd.Timestamp) -> str:
    """The text :meth:`LiveFeed.alarm` returns: the hour, the shift and a seal.

    The seal depends on the brand, the shift's hidden event and the hour, so it cannot
    be typed, nor copied from a neighbour whose brand or shift differs.

    Examples
    --------
    >>> ev = pd.Series({"start": pd.Timestamp("2025-04-08 00:00")})
    >>> alarm_record("Demo", ev, 1, pd.Timestamp("2025-04-08 02:00"))[:27]
    '2025-04-08 02:00 (shift 1, '
    """
    hour = pd.Timestamp(when).strftime("%Y-%m-%d %H:%M")
    return f"{hour} (shift {shift}, seal {_seal(brand, event['start'], shift, hour)})"


def read_alarm_record(record: Any, brand: str, event: pd.Series, shift: int
                      ) -> pd.Timestamp | None:
    """The hour of a record the feed wrote for this brand and shift, or None if it is not one.

    Examples
    --------
    >>> ev = pd.Series({"start": pd.Timestamp("2025-04-08 00:00")})
    >>> rec = alarm_record("Demo", ev, 1, pd.Timestamp("2025-04-08 02:00"))
    >>> str(read_alarm_record(rec, "Demo", ev, 1))
    '2025-04-08 02:00:00'
    >>> read_alarm_record("2025-04-08 02:00", "Demo", ev, 1) is None  # typed by hand
    True
    """
    match = RECORD.match(record) if isinstance(record, str) else None
    if match is None or int(match.group(2)) != shift:
        return None
    hour = match.group(1)
    return pd.Timestamp(hour) if match.group(3) == _seal(brand, event["start"], shift,
                                                         hour) else None


# --------------------------------------------------------------------------------------------
# The feed
# --------------------------------------------------------------------------------------------


def _label(ts: pd.Timestamp) -> str:
    return ts.strftime("%a %d %b %H:%M")


def _hours(delta: pd.Timedelta) -> int:
    return int(round(delta / pd.Timedelta(hours=1)))


def _show(fig: Any) -> None:
    """Show a figure once in a notebook (nothing outside one), then close it."""
    import matplotlib.pyplot as plt

    try:
        from IPython import get_ipython

        if get_ipython() is not None:
            from IPython.display import display

            display(fig)
    finally:
        plt.close(fig)


class DrillResult(dict):
    """The outcome of a shift, as plain data; shown as one sentence.

    Examples
    --------
    >>> DrillResult(verdict="in time", message="In time.")
    In time.
    """

    def __repr__(self) -> str:
        return str(self.get("message", ""))

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


class LiveFeed:
    """A window of hourly mentions revealed block by block, with an alarm button.

    Build it with :func:`live_feed`. Attributes: ``hours`` (length of the
    shift), ``first_hour``, ``hours_seen``, ``usual_negative_share``,
    ``alarm_at`` (the alarm time as text, or None) and ``finished``.
    """

    def __init__(self, table: pd.DataFrame, event: pd.Series, *, usual_negative_share: float,
                 brand: str, shift: int, within: int = WITHIN_HOURS, lesson: str = "05",
                 exercise: str = "drill") -> None:
        self._table = table
        self._event = event
        self.first_hour: pd.Timestamp = table.index[0]
        self.usual_negative_share = float(usual_negative_share)
        self.brand = brand
        self.shift = shift
        self.within = within
        self._lesson, self._exercise = lesson, exercise
        self.hours_seen = 0
        self._alarm: pd.Timestamp | None = None
        self._noted: str | None = None

    # --- state ------------------------------------------------------------------------------
    @property
    def hours(self) -> int:
        """Length of the shift, in hours."""
        return len(self._table)

    @property
    def finished(self) -> bool:
        """True once every hour of the shift has been shown."""
        return self.hours_seen >= self.hours

    @property
    def alarm_at(self) -> str | None:
        """The alarm's time as text (``"2025-04-08 02:00"``, local time), or None."""
        return None if self._alarm is None else self._alarm.strftime("%Y-%m-%d %H:%M")

    @property
    def record(self) -> str | None:
        """The alarm as the feed recorded it (:func:`alarm_record`), or None."""
        if self._alarm is None:
            return None
        return alarm_record(self.brand, self._event, self.shift, self._alarm)

    @property
    def seen(self) -> pd.DataFrame:
        """Every hour shown so far, as a table."""
        return self._shown(0, self.hours_seen)

    def _shown(self, a: int, b: int) -> pd.DataFrame:
        part = self._table.iloc[a:b]
        out = pd.DataFrame({
            "mentions": pd.array(part["value"].round(), dtype="Int64"),
            "usual": part["baseline"].round(1).to_numpy(),
            "times_usual": part["ratio"].round(1).to_numpy(),
            "surprise": part["surprise"].round(1).to_numpy(),
            "negative_share": part["negative_share"].round(2).to_numpy(),
        }, index=pd.Index([self._clock(t) for t in part.index], name="hour"))
        return out

    def _clock(self, ts: pd.Timestamp) -> str:
        """``day 2, Tue 02:00``: the time within the shift, without giving the date away."""
        day = (ts.tz_localize(None).normalize()
               - self.first_hour.tz_localize(None).normalize()).days + 1
        return _("clock", day=day, time=ts.strftime("%a %H:%M"))

    def _now(self) -> pd.Timestamp:
        return self._table.index[max(self.hours_seen - 1, 0)]

    def __repr__(self) -> str:
        alarm = (_("repr_alarm", at=self.alarm_at) if self._alarm is not None
                 else _("repr_no_alarm"))
        return _("repr", shift=self.shift, seen=self.hours_seen, hours=self.hours, alarm=alarm)

    # --- the learner's three buttons --------------------------------------------------------
    def next(self, hours: int = 6, *, show: bool = True) -> pd.DataFrame:
        """Reveal the next ``hours`` hours; return them as a table (and draw the chart so far).

        Examples
        --------
        >>> from smmlab.exercises.core import load_course_data
        >>> feed = live_feed(load_course_data(), quiet=True)
        >>> len(feed.next(3, show=False)), len(feed.next(2, show=False)), feed.hours_seen
        (3, 2, 5)
        """
        hours = check_int("hours", hours, low=1, high=10_000)
        if self.finished:
            print(_("over", hours=self.hours))
            return self._shown(self.hours, self.hours)
        a = self.hours_seen
        self.hours_seen = min(a + hours, self.hours)
        block = self._shown(a, self.hours_seen)
        if show:
            self._chart()
            alarm = (_("now_alarm", at=self._clock(self._alarm)) if self._alarm is not None
                     else "")
            print(_("now", now=self._clock(self._now()), seen=self.hours_seen, hours=self.hours,
                    alarm=alarm))
            if self.finished:
                print(_("over", hours=self.hours))
        return block

    def alarm(self, *, quiet: bool = False) -> str | None:
        """Raise the alarm at the latest hour shown; return the feed's record of it.

        The record is the hour as text, the shift and a seal (:func:`alarm_record`):
        ``alarm_time = feed.alarm()`` is what the drill's check reads.

        Examples
        --------
        >>> from smmlab.exercises.core import load_course_data
        >>> feed = live_feed(load_course_data(), quiet=True)
        >>> feed.alarm(quiet=True) is None  # nothing seen yet
        True
        >>> _ = feed.next(2, show=False)
        >>> feed.alarm(quiet=True)[:27], feed.alarm_at
        ('2025-04-07 01:00 (shift 1, ', '2025-04-07 01:00')
        """
        if self.hours_seen == 0:
            if not quiet:
                print(_("nothing_seen"))
            return None
        if self._alarm is not None:
            if not quiet:
                print(_("alarm_again", at=self.alarm_at))
            return self.record
        self._alarm = self._now()
        if not quiet:
            print(_("alarm_raised", at=self._clock(self._alarm)))
        return self.record

    def result(self, *, show: bool = True) -> DrillResult:
        """How the shift went: what was planted, when the alarm came, whether it cried wolf.

        The verdict is one of ``"in time"``, ``"late"``, ``"cried wolf"``,
        ``"missed"``, ``"right call"`` or (shift not over, no alarm yet)
        ``"watching"``. Final verdicts are saved in the progress file.
        """
        event = self._event
        kind = str(event["type"])
        start = pd.Timestamp(event["start"])
        words = _(f"kind_{kind}") if f"kind_{kind}" in MESSAGES.keys() else kind
        out = DrillResult(shift=self.shift, event=kind, event_start=start.strftime(
            "%Y-%m-%d %H:%M"), alarm_time=self.alarm_at, hours_after_start=None,
            cried_wolf=False, verdict="watching")
        fields = {"kind": words, "start": _label(start), "within": self.within,
                  "description": str(event.get("description", "")).rstrip("."),
                  "action": _(f"action_{kind}") if f"action_{kind}" in MESSAGES.keys()
                  else _("action_other")}
        if self._alarm is not None:
            lag = _hours(self._alarm - start)
            out["hours_after_start"] = lag
            fields.update(at=_label(self._alarm), hours=abs(lag))
            if kind != "crisis":
                out.update(verdict="cried wolf", cried_wolf=True)
                message = _("cried_wolf_other", **fields)
            elif lag < 0:
                out.update(verdict="cried wolf", cried_wolf=True)
                message = MESSAGES.plural("cried_wolf_early", abs(lag), **fields)
            elif lag <= self.within:
                out["verdict"] = "in time"
                message = MESSAGES.plural("in_time", abs(lag), **fields)
            else:
                out["verdict"] = "late"
                message = _("late", **fields)
        elif not self.finished:
            message = _("watching", left=self.hours - self.hours_seen, hours=self.hours)
        elif kind == "crisis":
            out["verdict"] = "missed"
            message = _("missed", **{**fields, "hours": self.hours})
        else:
            out["verdict"] = "right call"
            message = _("right_call", **fields)
        out["message"] = message
        if out["verdict"] != "watching":
            self._note(out)
            if show:
                self._result_chart(start, words)
        return out

    def run(self, rule: Any) -> str | None:
        """Watch the rest of the shift with ``rule(surprise, negative_share, usual_share)``.

        The alarm is raised at the first newly shown hour where the rule says
        True; returns the feed's record of it (None if the rule never fired).

        Examples
        --------
        >>> from smmlab.exercises.core import load_course_data
        >>> feed = live_feed(load_course_data(), quiet=True)
        >>> feed.run(lambda s, n, u: s > 1 and n >= u + 0.15)[:16]
        '2025-04-08 05:00'
        """
        if self._alarm is not None or self.finished:
            return self.record
        # The hours as the feed shows them (rounded), revealed one by one.
        rest = self._shown(self.hours_seen, self.hours)
        for surprise, negative in zip(rest["surprise"].to_numpy(),
                                      rest["negative_share"].to_numpy(), strict=True):
            self.hours_seen += 1
            if rule(surprise, negative, self.usual_negative_share):
                self._alarm = self._now()
                break
        return self.record

    # --- charts and progress ----------------------------------------------------------------
    def _series(self) -> tuple[pd.Series, pd.Series]:
        part = self._table.iloc[: max(self.hours_seen, 1)]
        return part["value"].rename("mentions"), part["baseline"]

    def _chart(self) -> None:
        import matplotlib.dates as mdates
        import matplotlib.pyplot as plt

        from smmlab.viz import SEMANTIC_COLORS, set_alt_text, timeseries_with_events

        values, usual = self._series()
        fig, ax = plt.subplots(figsize=(8, 2.8))
        first, now = self._clock(values.index[0]), self._clock(values.index[-1])
        timeseries_with_events(values, title=_("chart_title", first=first, now=now),
                               ylabel=_("chart_ylabel"), ax=ax)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%a %H:%M"))  # no dates: no peeking
        ax.set_xlabel(_("chart_xlabel"))
        ax.plot(usual.index.tz_localize(None), usual.to_numpy(), linestyle="--",
                color=SEMANTIC_COLORS["neutral"], label=_("chart_usual"))
        ax.legend(loc="upper left")
        last = self._table.iloc[len(values) - 1]
        set_alt_text(fig, _("chart_alt", first=first, now=now, value=int(last["value"]),
                            usual=f"{last['baseline']:.0f}", surprise=f"{last['surprise']:.1f}"))
        _show(fig)

    def _result_chart(self, start: pd.Timestamp, words: str) -> None:
        """The whole shift, the planted event shaded and the alarm marked."""
        import matplotlib.pyplot as plt

        from smmlab.viz import SEMANTIC_COLORS, set_alt_text, timeseries_with_events

        values = self._table["value"].rename("mentions")
        usual = self._table["baseline"]
        event = pd.DataFrame({"start": [start], "end": [pd.Timestamp(self._event["end"])],
                              "type": [str(self._event["type"])]})
        fig, ax = plt.subplots(figsize=(8, 2.8))
        first, last = _label(values.index[0]), _label(values.index[-1])
        at = _label(self._alarm) if self._alarm is not None else ""
        title = (_("result_title", kind=words, start=_label(start), at=at) if at
                 else _("result_title_none", kind=words, start=_label(start)))
        timeseries_with_events(values, event, title=title, ylabel=_("result_ylabel"), ax=ax)
        ax.plot(usual.index.tz_localize(None), usual.to_numpy(), linestyle="--",
                color=SEMANTIC_COLORS["neutral"], label=_("chart_usual"))
        if self._alarm is not None:
            ax.axvline(self._alarm.tz_localize(None), color=SEMANTIC_COLORS["target"],
                       linestyle=":", linewidth=2, label=_("result_alarm"))
        ax.legend(loc="upper left")
        alarm_words = _("result_alt_alarm", at=at) if at else ""
        set_alt_text(fig, _("result_alt", first=first, now=last, kind=words,
                            start=_label(start), alarm_words=alarm_words))
        _show(fig)

    def _note(self, out: DrillResult) -> None:
        from smmlab.exercises import progress

        lag = out["hours_after_start"]
        hours = "" if lag is None else f" ({lag:+d} h)"
        note = _("progress", shift=self.shift, verdict=out["verdict"], hours=hours)
        if note != self._noted:
            progress.note(self._lesson, self._exercise, note)
            self._noted = note


def live_feed(data: Any, *, shift: int = 1, within: int = WITHIN_HOURS, lesson: str = "05",
              exercise: str = "drill", quiet: bool = False) -> LiveFeed:
    """Start a live shift on the brand's mentions (see the module docstring).

    Parameters
    ----------
    data : CourseData
        The course data from ``setup()``.
    shift : int, default=1
        Which shift: 1 is cut around the first planted crisis; 2, 3, 4...
        around other events (a bot burst, a one-hour spike, a viral post...).
    within : int, default=8
        Hours after a crisis starts within which an alarm counts as in time.
    lesson, exercise : str
        Where :meth:`LiveFeed.result` notes the outcome in the progress file.
    quiet : bool, default=False
        Do not print the introduction.

    Returns
    -------
    LiveFeed

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> feed = live_feed(load_course_data(), quiet=True)
    >>> feed.hours, feed.hours_seen, feed.alarm_at
    (49, 0, None)
    """
    from smmlab.detect import watch

    events = shifts(data)
    shift = check_int("shift", shift, low=1, high=10_000)
    if shift > len(events):
        raise ValueError(_("no_shift", shift=shift, n=len(events)))
    within = check_int("within", within, low=0, high=HOURS_AFTER_START)
    event = events[shift - 1]
    first, last = shift_window(event)
    mentions = data.mentions

    def build(d: Any) -> pd.DataFrame:
        table = watch(d.mentions.set_index("timestamp")["mentions"])
        counts = d.mentions.set_index("timestamp")[["mentions", "negative"]].reindex(table.index)
        with np.errstate(invalid="ignore", divide="ignore"):
            table["negative_share"] = (counts["negative"] / counts["mentions"]).to_numpy()
        return table

    # the year's alarm table, computed once per brand however many shifts are started
    whole = data.cached(("live_feed", "table"), build) if hasattr(data, "cached") else build(data)
    table = whole.loc[first:last].copy()
    usual = usual_share(mentions, first)
    feed = LiveFeed(table, event, usual_negative_share=usual, brand=data.brand, shift=shift,
                    within=within, lesson=lesson, exercise=exercise)
    if not quiet:
        print(_("intro", brand=data.brand, shift=shift, hours=feed.hours,
                first=feed._clock(table.index[0]), last=feed._clock(table.index[-1]),
                usual=usual, within=within))
    return feed


__all__ = ["DrillResult", "LiveFeed", "alarm_record", "live_feed", "planted_events",
           "read_alarm_record", "shift_window", "shifts", "usual_share"]
