"""Name each alert (crisis, viral opportunity, bot burst, noise, tracking outage) and say why."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab._validate import check_int
from smmlab.detect._messages import MESSAGES

#: Triage labels (as shown to learners) and the truth event type each one corresponds to.
LABELS: dict[str, str] = {
    "label_crisis": "crisis",
    "label_viral": "viral_post",
    "label_bots": "bot_burst",
    "label_noise": "noise",
    "label_outage": "tracking_outage",
}
BOT_AUTHOR_FACTOR = 0.6
CRISIS_NEGATIVE_JUMP = 0.15
CRISIS_NEGATIVE_MIN = 0.30
NOISE_MAX_RATIO = 1.5
NOISE_MAX_PERIODS = 2


def label_text(key: str) -> str:
    """Return the learner-facing text of a triage label key.

    Examples
    --------
    >>> label_text("label_viral")
    'viral opportunity'
    """
    return MESSAGES.text(key)


def truth_type(label: str) -> str:
    """Map a triage label (as shown) to the truth event type it claims.

    Examples
    --------
    >>> truth_type("bot burst")
    'bot_burst'
    """
    for key, kind in LABELS.items():
        if MESSAGES.text(key) == label:
            return kind
    raise ValueError(MESSAGES.text("missing_columns", param="label", needed=list(LABELS),
                                   have=label))


def triage(found: pd.DataFrame, mentions: pd.DataFrame, *, history_days: int = 28
           ) -> pd.DataFrame:
    """Label each alert and give the reason, from what the mentions looked like.

    For each alert, the mentions inside it are compared with the
    ``history_days`` before it (hours inside other alerts left out). The rules,
    checked in this order:

    1. **tracking outage**: the alert is a gap in the data.
    2. **bot burst**: fewer than 0.6 x the usual distinct accounts per mention
       (a few accounts posting a lot).
    3. **crisis**: the negative share is up at least 15 points on usual and at
       least 30 %.
    4. **noise**: at most 2 hours long, or volume less than 1.5 x the usual.
    5. **viral opportunity**: otherwise: more people talking, sentiment normal.

    Parameters
    ----------
    found : pandas.DataFrame
        Output of :func:`alerts`.
    mentions : pandas.DataFrame
        The mentions table: ``timestamp``, ``mentions``, ``negative``,
        ``unique_authors``.
    history_days : int, default=28
        Days before each alert that define "usual".

    Returns
    -------
    pandas.DataFrame
        ``found`` plus ``label``, ``reason``, ``volume_ratio``,
        ``negative_share``, ``usual_negative_share``, ``authors_per_mention``
        and ``usual_authors_per_mention``.

    Examples
    --------
    >>> from smmlab.detect import alerts, flag
    >>> from smmlab.synth import make_mentions
    >>> m = make_mentions(120, events={"bot_burst": 1}, random_state=5)
    >>> out = triage(alerts(flag(m.set_index("timestamp")["mentions"])), m)
    >>> out.loc[out["kind"] == "spike", "label"].tolist()
    ['bot burst']
    """
    needed = ["timestamp", "mentions", "negative", "unique_authors"]
    if not isinstance(mentions, pd.DataFrame) or not set(needed) <= set(mentions.columns):
        have = list(mentions.columns) if isinstance(mentions, pd.DataFrame) else "not a table"
        raise ValueError(MESSAGES.text("missing_columns", param="mentions", needed=needed,
                                       have=have))
    history_days = check_int("history_days", history_days, low=1, high=3660)
    m = mentions.sort_values("timestamp")
    times = m["timestamp"].to_numpy()
    counts = m[["mentions", "negative", "unique_authors"]].to_numpy(dtype=float)
    in_alert = np.zeros(len(m), dtype=bool)
    spans = list(zip(found["start"].to_numpy(), found["end"].to_numpy(), strict=True))
    for start, end in spans:  # one step per alert
        in_alert |= (times >= start) & (times <= end)
    history = pd.Timedelta(days=history_days).to_timedelta64()
    rows = []
    for alert, (start, end) in zip(found.itertuples(index=False), spans, strict=True):
        inside = (times >= start) & (times <= end)
        before = (times >= start - history) & (times < start) & ~in_alert
        now, usual = counts[inside].sum(axis=0), counts[before].sum(axis=0)
        rows.append(_label(alert, now, usual))
    out = found.copy()
    extra = pd.DataFrame(rows, index=found.index,
                         columns=["label", "reason", "volume_ratio", "negative_share",
                                  "usual_negative_share", "authors_per_mention",
                                  "usual_authors_per_mention"])
    return pd.concat([out, extra], axis=1)


def _share(part: float, whole: float) -> float:
    return part / whole if whole > 0 else np.nan


def _label(alert: object, now: np.ndarray, usual: np.ndarray) -> tuple:
    hours = int(alert.periods)
    negative, usual_negative = _share(now[1], now[0]), _share(usual[1], usual[0])
    authors, usual_authors = _share(now[2], now[0]), _share(usual[2], usual[0])
    excess = alert.size if np.isfinite(alert.size) else np.nan
    ratio = _share(now[0], now[0] - excess) if np.isfinite(excess) else np.nan
    figures = (ratio, negative, usual_negative, authors, usual_authors)
    if alert.kind == MESSAGES.text("kind_missing"):
        return (label_text("label_outage"), MESSAGES.text("reason_outage", hours=hours),
                *figures)
    if np.isfinite(authors) and authors < BOT_AUTHOR_FACTOR * usual_authors:
        reason = MESSAGES.text("reason_bots", authors_per_mention=authors,
                               usual_authors=usual_authors)
        return (label_text("label_bots"), reason, *figures)
    if negative >= max(usual_negative + CRISIS_NEGATIVE_JUMP, CRISIS_NEGATIVE_MIN):
        reason = MESSAGES.text("reason_crisis", negative=negative, usual_negative=usual_negative,
                               hours=hours)
        return (label_text("label_crisis"), reason, *figures)
    if hours <= NOISE_MAX_PERIODS or not ratio >= NOISE_MAX_RATIO:
        return (label_text("label_noise"), MESSAGES.text("reason_noise", hours=hours), *figures)
    reason = MESSAGES.text("reason_viral", ratio=ratio, hours=hours, negative=negative)
    return (label_text("label_viral"), reason, *figures)
