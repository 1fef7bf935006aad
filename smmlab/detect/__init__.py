"""Tell a crisis from noise: explainable detectors for hourly or daily counts.

The default detector compares each hour with the same hour on the same weekday
in previous weeks (:func:`baseline`), measures how unusual it is
(:func:`surprise`), flags the unusual points (:func:`flag`) and keeps the runs
that last (:func:`alerts`). :func:`triage` names each alert (crisis, viral
opportunity, bot burst, noise, tracking outage) with its reason, and
:func:`score` checks alerts against the planted truth. :func:`naive_flag` is the
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
from smmlab.detect.changes import ChangePoint, changepoint, follower_audit
from smmlab.detect.triage import LABELS, triage

__all__ = [
    "LABELS",
    "ChangePoint",
    "Score",
    "alerts",
    "baseline",
    "changepoint",
    "flag",
    "follower_audit",
    "naive_flag",
    "regularize",
    "score",
    "surprise",
    "triage",
]
