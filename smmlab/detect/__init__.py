"""Tell a crisis from noise: explainable detectors for hourly or daily counts.

The alarm that holds on real mentions is :func:`alarm` (hour by hour: :func:`watch`): the
usual value is the median of the same hour over the last 7 days (:func:`usual`), the
surprise is the ratio to usual measured in this brand's own "big swings", and an alert
needs a confirmed peak or five hours in a row at three times usual; each alert says when it
could first have been raised (``fired``). :func:`score_windows` scores alerts against labelled
windows of real series (``smmlab.detect.realdata`` loads the course's copy,
``datasets/real_mentions``) and :func:`seasonal_zscore_flag` is the simple seasonal z-score to
compare with.

The default detector compares each hour with the same hour on the same weekday
in previous weeks (:func:`baseline`), measures how unusual it is
(:func:`surprise`), flags the unusual points (:func:`flag`) and keeps the runs
that last (:func:`alerts`). :func:`triage` names each alert (crisis, viral
opportunity, bot burst, noise, tracking outage; "volume only" when the data has counts
only) with its reason, and :func:`score` checks alerts against the planted truth, event by
event (an event found once however many fragments hit it; gaps are not hits; delays from
when an alert could fire). :func:`naive_flag` is the
mean + 3 standard deviations rule, kept as the floor to beat.
:func:`changepoint` finds a level shift (an algorithm change) and
:func:`follower_audit` finds followers that nobody reached (bought followers).

Examples
--------
>>> from smmlab import datasets, detect
>>> mentions = datasets.load("mentions")
>>> found = detect.alerts(detect.flag(mentions.set_index("timestamp")["mentions"]))
>>> labelled = detect.triage(found, mentions)
>>> "crisis" in set(labelled["label"])
True
"""

from smmlab.detect.alerts import Score, alerts, score
from smmlab.detect.baseline import baseline, flag, naive_flag, regularize, surprise
from smmlab.detect.changes import (
    ChangePoint,
    IncompleteDataWarning,
    changepoint,
    follower_audit,
)
from smmlab.detect.reference import seasonal_zscore_flag
from smmlab.detect.triage import LABELS, triage
from smmlab.detect.watching import alarm, usual, watch
from smmlab.detect.windows import WindowScore, flagged_hours, score_windows

__all__ = [
    "LABELS",
    "ChangePoint",
    "IncompleteDataWarning",
    "Score",
    "WindowScore",
    "alarm",
    "alerts",
    "baseline",
    "changepoint",
    "flag",
    "flagged_hours",
    "follower_audit",
    "naive_flag",
    "regularize",
    "score",
    "score_windows",
    "seasonal_zscore_flag",
    "surprise",
    "triage",
    "usual",
    "watch",
]
