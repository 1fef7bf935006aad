"""Name each alert (crisis, viral opportunity, bot burst, noise, tracking outage) and say why.

Real exports often carry counts only (a ``timestamp`` and a ``value`` or ``mentions``
column). Then only what counts can tell is said: a tracking outage, noise (short or small),
or "volume only": a real jump whose nature the data cannot tell.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab._validate import check_int
from smmlab.detect._messages import CODES, MESSAGES

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
#: A short alert (at most NOISE_MAX_PERIODS) is noise only below this many times the usual: a
#: two-hour jump to x5 that the next hour confirmed is news, not a blip.
NOISE_SHORT_MAX_RATIO = 3.0
#: The label of a jump that counts alone cannot name (no sentiment or author column).
VOLUME_ONLY = "label_volume"
#: Columns a counts-only table may use for the count, in order of preference.
COUNT_COLUMNS = ("mentions", "value")


def label_text(key: str) -> str:
    """Return the learner-facing text of a triage label key.

    Examples
    --------
    >>> label_text("label_viral")
    'viral opportunity'
    """
    return CODES[key]


def truth_type(label: str) -> str:
    """Map a triage label (as shown) to the truth event type it claims.

    Examples
    --------
    >>> truth_type("bot burst")
    'bot_burst'
    """
    for key, kind in LABELS.items():
        if CODES[key] == label:
            return kind
    if label == CODES[VOLUME_ONLY]:
        return "unknown"
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
    4. **noise**: volume less than 1.5 x the usual, or at most 2 hours long and less
       than 3 x the usual.
    5. **viral opportunity**: otherwise: more people talking, sentiment normal.

    Without a ``negative`` column the crisis rule cannot be checked, and without
    ``unique_authors`` the bot rule cannot: a jump that is not an outage or noise is then
    labelled **volume only**, and the reason says which column is missing. Real exports
    with counts only (``timestamp`` and ``value``, even every 5 minutes) are summed per hour.

    Parameters
    ----------
    found : pandas.DataFrame
        Output of :func:`alerts` or :func:`alarm`.
    mentions : pandas.DataFrame or pandas.Series
        The mentions table: ``timestamp``, ``mentions`` (or ``value``), and if known
        ``negative`` and ``unique_authors``; or a Series of counts indexed by time.
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
    >>> from smmlab.detect import alarm
    >>> from smmlab.synth import make_mentions
    >>> m, truth = make_mentions(120, events={"bot_burst": 1}, random_state=5,
    ...                          return_truth=True)
    >>> found = alarm(m.set_index("timestamp")["mentions"])
    >>> burst = truth.events.iloc[0]
    >>> on_burst = (found["start"] <= burst["end"]) & (found["end"] >= burst["start"])
    >>> triage(found, m).loc[on_burst, "label"].tolist()
    ['bot burst']
    >>> counts_only = m[["timestamp", "mentions"]].rename(columns={"mentions": "value"})
    >>> triage(found, counts_only).loc[on_burst, "label"].tolist()
    ['volume only']
    """
    m = _counts_table(mentions)
    history_days = check_int("history_days", history_days, low=1, high=3660)
    m = m.sort_values("timestamp")
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


def _counts_table(mentions: object) -> pd.DataFrame:
    """``timestamp``, ``mentions``, ``negative``, ``unique_authors`` (NaN when unknown)."""
    if isinstance(mentions, pd.Series) and isinstance(mentions.index, pd.DatetimeIndex):
        mentions = pd.DataFrame({"timestamp": mentions.index,
                                 "mentions": mentions.to_numpy(dtype=float)})
    count = next((c for c in COUNT_COLUMNS if isinstance(mentions, pd.DataFrame)
                  and c in mentions.columns), None)
    if count is None or "timestamp" not in mentions.columns:
        have = list(mentions.columns) if isinstance(mentions, pd.DataFrame) else "not a table"
        raise ValueError(MESSAGES.text("missing_columns", param="mentions",
                                       needed=["timestamp", "mentions or value"], have=have))
    m = pd.DataFrame({"timestamp": pd.to_datetime(mentions["timestamp"]),
                      "mentions": pd.to_numeric(mentions[count], errors="coerce")})
    for col in ("negative", "unique_authors"):
        m[col] = (pd.to_numeric(mentions[col], errors="coerce") if col in mentions.columns
                  else np.nan)
    steps = m["timestamp"].sort_values().diff().dropna()
    if len(steps) and steps.median() < pd.Timedelta(hours=1):  # e.g. 5-minute counts
        m = (m.set_index("timestamp").resample("h").sum(min_count=1)
             .dropna(subset=["mentions"]).reset_index())
    return m


def _share(part: float, whole: float) -> float:
    return part / whole if whole > 0 else np.nan


def _label(alert: object, now: np.ndarray, usual: np.ndarray) -> tuple:
    hours = int(alert.periods)
    negative, usual_negative = _share(now[1], now[0]), _share(usual[1], usual[0])
    authors, usual_authors = _share(now[2], now[0]), _share(usual[2], usual[0])
    excess = alert.size if np.isfinite(alert.size) else np.nan
    ratio = _share(now[0], now[0] - excess) if np.isfinite(excess) else np.nan
    figures = (ratio, negative, usual_negative, authors, usual_authors)
    if alert.kind == CODES["kind_missing"]:
        return (label_text("label_outage"), MESSAGES.text("reason_outage", hours=hours),
                *figures)
    missing = [name for name, known in (("negative", np.isfinite(negative)),
                                         ("unique_authors", np.isfinite(authors))) if not known]
    if np.isfinite(authors) and authors < BOT_AUTHOR_FACTOR * usual_authors:
        reason = MESSAGES.text("reason_bots", authors_per_mention=authors,
                               usual_authors=usual_authors)
        return (label_text("label_bots"), reason, *figures)
    if np.isfinite(negative) and negative >= max(usual_negative + CRISIS_NEGATIVE_JUMP,
                                                 CRISIS_NEGATIVE_MIN):
        reason = MESSAGES.text("reason_crisis", negative=negative, usual_negative=usual_negative,
                               hours=hours)
        return (label_text("label_crisis"), reason, *figures)
    short = hours <= NOISE_MAX_PERIODS and not ratio >= NOISE_SHORT_MAX_RATIO
    if short or not ratio >= NOISE_MAX_RATIO:
        reason = (MESSAGES.text("reason_noise_counts", hours=hours, ratio=ratio) if missing
                  else MESSAGES.text("reason_noise", hours=hours))
        return (label_text("label_noise"), reason, *figures)
    if missing:
        reason = MESSAGES.text("reason_volume", ratio=ratio, hours=hours,
                               missing=" or ".join(missing))
        return (label_text(VOLUME_ONLY), reason, *figures)
    reason = MESSAGES.text("reason_viral", ratio=ratio, hours=hours, negative=negative)
    return (label_text("label_viral"), reason, *figures)
