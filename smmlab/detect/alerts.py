"""Merge flagged points into alerts, and score alerts against the planted truth."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from smmlab._validate import check_int, check_number
from smmlab.detect._messages import CODES, MESSAGES

ALERT_COLUMNS = (
    "alert_id", "kind", "start", "end", "peak", "periods", "size", "peak_value", "peak_surprise",
    "fired",
)  # fmt: skip
#: Truth event types a mention detector should find, and the ones it should stay quiet on.
#: A tracking outage is not among them: a gap in the data is seen, not detected, and the
#: "missing data" alerts that mark gaps are left out of the score (a gap is not a hit).
TARGET_TYPES: tuple[str, ...] = ("crisis", "viral_post", "bot_burst")
NEGATIVE_TYPES: tuple[str, ...] = ("noise",)


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and stop (exclusive) positions of the True runs of ``mask``."""
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def _check_flags(flags: pd.DataFrame) -> None:
    needed = ["value", "baseline", "surprise", "flagged", "missing"]
    if not isinstance(flags, pd.DataFrame) or not set(needed) <= set(flags.columns):
        have = list(flags.columns) if isinstance(flags, pd.DataFrame) else type(flags).__name__
        raise ValueError(MESSAGES.text("missing_columns", param="flags", needed=needed, have=have))


def alerts(flags: pd.DataFrame, *, min_duration: int = 3, max_gap: int = 2) -> pd.DataFrame:
    """Merge flagged points into alert events; every gap in the data is an alert too.

    Flagged points separated by at most ``max_gap`` unflagged points are one
    alert; alerts with fewer than ``min_duration`` flagged points are dropped
    (a one-hour spike is usually noise). Runs of missing data become alerts of
    kind ``"missing data"`` whatever their length.

    Parameters
    ----------
    flags : pandas.DataFrame
        Output of :func:`flag` or :func:`naive_flag`.
    min_duration : int, default=3
        Fewest flagged points an alert needs (1 keeps every spike).
    max_gap : int, default=2
        Unflagged points allowed inside one alert.

    Returns
    -------
    pandas.DataFrame
        One row per alert, in time order: ``alert_id``, ``kind`` ("spike" or
        "missing data"), ``start``, ``end`` (last flagged point), ``peak``
        (time of the highest surprise), ``periods`` (length in hours or days),
        ``size`` (the count above baseline, summed), ``peak_value``,
        ``peak_surprise`` and ``fired``: the first moment the alert could have been raised
        (live, the ``min_duration``-th flagged point; with :func:`watch`'s flags, the hour
        its condition was first complete, e.g. a peak's confirming hour), never earlier than
        ``start``, which is back-dated to the first flagged point.

    Examples
    --------
    >>> idx = pd.date_range("2025-01-01", periods=6, freq="h")
    >>> f = pd.DataFrame({"value": [1.0, 9, 9, 9, 1, 1], "baseline": 1.0,
    ...                   "surprise": [0.0, 5, 6, 5, 0, 0], "missing": False}, index=idx)
    >>> f["flagged"] = f["surprise"] > 2.5
    >>> found = alerts(f)
    >>> int(found.loc[0, "periods"]), float(found.loc[0, "size"])
    (3, 24.0)
    >>> found.loc[0, "start"].hour, found.loc[0, "fired"].hour  # raised at the third hour
    (1, 3)
    """
    _check_flags(flags)
    min_duration = check_int("min_duration", min_duration, low=1, high=10_000)
    max_gap = check_int("max_gap", max_gap, low=0, high=10_000)
    index = flags.index
    flagged = flags["flagged"].to_numpy(dtype=bool)
    starts, stops = _runs(flagged)
    if len(starts):
        new_group = np.concatenate([[True], starts[1:] - stops[:-1] > max_gap])
        last_run = np.concatenate([new_group[1:], [True]])
        flagged_points = np.bincount(np.cumsum(new_group) - 1, weights=stops - starts)
        keep = flagged_points >= min_duration
        starts, stops = starts[new_group][keep], stops[last_run][keep]
    surprise = flags["surprise"].to_numpy(dtype=float)
    excess = (flags["value"] - flags["baseline"]).to_numpy(dtype=float)
    value = flags["value"].to_numpy(dtype=float)
    fires = flags["fires"].to_numpy(dtype=bool) if "fires" in flags.columns else None
    # Positions first (one step per alert, not per point), then every column at once: a
    # Timestamp boxed per field was most of the time on a year of hours.
    peaks, fired, sizes = [], [], []
    for a, b in zip(starts, stops, strict=True):
        window = slice(a, b)
        peaks.append(a + _peak(surprise[window], excess[window]))
        sizes.append(float(np.nansum(np.where(flagged[window], excess[window], 0.0))))
        fired.append(a + _fired(flagged[window], None if fires is None else fires[window],
                                min_duration))
    m_starts, m_stops = _runs(flags["missing"].to_numpy(dtype=bool))
    n_spikes = len(starts)
    first = np.concatenate([starts, m_starts]).astype(np.int64)
    last = np.concatenate([stops, m_stops]).astype(np.int64) - 1
    peak = np.concatenate([np.asarray(peaks, dtype=np.int64), m_starts]).astype(np.int64)
    fire = np.concatenate([np.asarray(fired, dtype=np.int64), m_starts]).astype(np.int64)
    gaps = np.full(len(m_starts), np.nan)
    order = np.argsort(first, kind="stable")  # time order: spikes before gaps at a tie
    spike_peaks = np.asarray(peaks, dtype=np.int64)
    out = pd.DataFrame({
        "kind": pd.array([CODES["kind_spike"]] * n_spikes
                         + [CODES["kind_missing"]] * len(m_starts), dtype="str"),
        "start": index.take(first), "end": index.take(last), "peak": index.take(peak),
        "periods": last - first + 1,
        "size": np.concatenate([np.asarray(sizes, dtype=float), gaps]),
        "peak_value": np.concatenate([value[spike_peaks], gaps]),
        "peak_surprise": np.concatenate([surprise[spike_peaks], gaps]),
        "fired": index.take(fire),
    }, columns=list(ALERT_COLUMNS[1:])).iloc[order].reset_index(drop=True)
    out.insert(0, "alert_id", np.arange(1, len(out) + 1))
    out["periods"] = out["periods"].astype("int64")
    return out


def _peak(surprise: np.ndarray, excess: np.ndarray) -> int:
    """Position, inside one alert, of its most surprising point.

    Flags made without a surprise (hours before any history, hand-made flags) fall back to
    the largest count above baseline, then to the first point.

    Examples
    --------
    >>> nan = float("nan")
    >>> _peak(np.array([1.0, 3.0, nan]), np.array([5.0, 1.0, 9.0]))
    1
    >>> _peak(np.array([nan, nan]), np.array([5.0, 9.0])), _peak(np.array([nan]), np.array([nan]))
    (1, 0)
    """
    for values in (surprise, excess):
        if np.isfinite(values).any():
            return int(np.nanargmax(np.where(np.isfinite(values), values, -np.inf)))
    return 0


def _fired(flagged: np.ndarray, fires: np.ndarray | None, min_duration: int) -> int:
    """Position, inside one alert, of the point at which it could first be raised."""
    if fires is not None and fires.any():
        return int(np.argmax(fires))
    where = np.flatnonzero(flagged)
    return int(where[min(min_duration, len(where)) - 1]) if len(where) else 0


@dataclasses.dataclass(frozen=True)
class Score:
    """How well alerts match the planted events.

    Attributes
    ----------
    by_type : pandas.DataFrame
        Per truth type: ``events``, ``detected``, ``recall`` and median
        ``delay``: for each detected event, the first moment an alert touching it could
        have been raised (its ``fired`` time, else its start) minus the event's start.
    precision, recall, f1 : float
        Events found / (events found + false alerts), each event counted once however
        many alert fragments touch it; events found / target events; their harmonic mean.
    false_alerts : int
        Alerts that overlap no target window (alerts on planted noise count). Gaps
        ("missing data" alerts) are neither hits nor false alerts.
    false_alerts_per_day : float
    noise_alerted : float
        Share of planted noise events that opened an alert: an alert starts inside the
        event's window (NaN if none). A spike that falls inside an alert already open
        did not raise it; that alert is judged as a hit or a false alarm on its own.
    matches : pandas.DataFrame
        ``alert_id`` and the ``event_id`` (or <NA>) of the target it hit.
    """

    by_type: pd.DataFrame
    precision: float
    recall: float
    f1: float
    false_alerts: int
    false_alerts_per_day: float
    noise_alerted: float
    matches: pd.DataFrame
    gaps: int = 0

    def summary(self) -> str:
        """One line with the headline figures.

        Examples
        --------
        >>> Score(pd.DataFrame(), 1.0, 0.5, 2 / 3, 0, 0.0, 0.0, pd.DataFrame()).summary()
        'precision 1.00, recall 0.50, F1 0.67, 0.000 false alerts per day, 0% of noise alerted'
        """
        noise = "n/a" if np.isnan(self.noise_alerted) else f"{self.noise_alerted:.0%}"
        return (f"precision {self.precision:.2f}, recall {self.recall:.2f}, F1 {self.f1:.2f}, "
                f"{self.false_alerts_per_day:.3f} false alerts per day, {noise} of noise alerted")


def score(
    found: pd.DataFrame,
    truth_events: pd.DataFrame,
    *,
    days: float | None = None,
    targets: tuple[str, ...] = TARGET_TYPES,
    negatives: tuple[str, ...] = NEGATIVE_TYPES,
    table: str | None = "mentions",
) -> Score:
    """Score alerts against planted events.

    Event by event: a target event is found when some alert overlaps its window
    ``[start, end]``, and it counts once however many alert fragments touch it; an
    alert that overlaps no target is a false alarm. Precision is events found /
    (events found + false alarms), so splitting one alert into fragments never raises
    it. Gaps in the data ("missing data" alerts) are left out: a gap is not a hit, nor
    a false alarm (``gaps`` counts them). Noise events are not targets: alerting on them
    is a false alarm, and the share of noise events that opened an alert is reported apart. The
    delay of a found event runs from its start to the first moment an alert touching it
    could have been raised (the ``fired`` column of :func:`alerts`), not to the
    alert's back-dated start.

    Parameters
    ----------
    found : pandas.DataFrame
        Output of :func:`alerts` (needs ``alert_id``, ``start``, ``end``).
    truth_events : pandas.DataFrame
        Planted events (``datasets.load("truth_events")`` or ``truth.events``).
    days : float or None, default=None
        Length of the monitored period, for false alerts per day; ``None``
        takes the span from the first to the last event or alert.
    targets, negatives : tuple of str
        Event types to find, and to stay quiet on.
    table : str or None, default="mentions"
        Keep only truth events of this table (None keeps all).

    Returns
    -------
    Score

    Examples
    --------
    >>> from smmlab.detect import flag
    >>> from smmlab.synth import make_mentions
    >>> m, truth = make_mentions(120, events={"crisis": 1, "noise": 2}, random_state=3,
    ...                          return_truth=True)
    >>> s = score(alerts(flag(m.set_index("timestamp")["mentions"])), truth.events, days=120)
    >>> s.recall, s.noise_alerted
    (1.0, 0.0)
    >>> s.by_type.loc[0, "delay"] >= pd.Timedelta(hours=2)  # raised at its third hour at best
    True
    """
    truth = truth_events
    if table is not None and "table" in truth.columns:
        truth = truth[truth["table"] == table]
    types = truth["type"].astype(str)
    target = truth[types.isin(targets)]
    noise = truth[types.isin(negatives)]
    gap = (found["kind"].astype(str) == CODES["kind_missing"]).to_numpy(dtype=bool) \
        if "kind" in found.columns else np.zeros(len(found), dtype=bool)
    a_start = found["start"].to_numpy()[:, None]
    a_end = found["end"].to_numpy()[:, None]
    fired = (found["fired"] if "fired" in found.columns else found["start"]).to_numpy()

    def overlap(events: pd.DataFrame) -> np.ndarray:
        return (a_start <= events["end"].to_numpy()[None, :]) & (
            a_end >= events["start"].to_numpy()[None, :]) & ~gap[:, None]

    hits = overlap(target)  # alerts x target events
    detected = hits.any(axis=0)
    true_alert = hits.any(axis=1)
    false_alert = ~true_alert & ~gap
    n_found, n_false = int(detected.sum()), int(false_alert.sum())
    precision = n_found / (n_found + n_false) if n_found + n_false else np.nan
    recall = float(detected.mean()) if len(target) else np.nan
    f1 = (2 * precision * recall / (precision + recall)
          if precision + recall > 0 else 0.0) if n_found + n_false and len(target) else np.nan
    if days is None:
        times = pd.concat([truth["start"], truth["end"], found["start"], found["end"]])
        days = max((times.max() - times.min()) / pd.Timedelta(days=1), 1.0) if len(times) else 1.0
    days = check_number("days", days, low=1e-9, high=1e9)
    delays = pd.Series(
        [pd.Timestamp(fired[hits[:, j]].min()) - s if detected[j] else pd.NaT
         for j, s in enumerate(target["start"])], dtype="timedelta64[us]")
    per_type = pd.DataFrame({"type": types[types.isin(targets)].to_numpy(),
                             "detected": detected, "delay": delays.to_numpy()})
    by_type = (per_type.groupby("type", sort=False)
               .agg(events=("detected", "size"), detected=("detected", "sum"),
                    delay=("delay", "median"))
               .reindex([t for t in targets if t in set(per_type["type"])]))
    by_type.insert(2, "recall", by_type["detected"] / by_type["events"])
    matched = np.where(true_alert, np.argmax(hits, axis=1), -1)
    event_ids = target["event_id"].to_numpy() if "event_id" in target else np.arange(len(target))
    matches = pd.DataFrame({
        "alert_id": found["alert_id"].to_numpy() if len(found) else np.array([], dtype=int),
        "event_id": pd.array([event_ids[i] if i >= 0 else pd.NA for i in matched],
                             dtype="Int64"),
    })
    opened = (a_start >= noise["start"].to_numpy()[None, :]) & (
        a_start <= noise["end"].to_numpy()[None, :]) & ~gap[:, None]
    noise_hit = opened.any(axis=0) if len(noise) else np.array([])
    return Score(
        by_type=by_type.reset_index(),
        precision=precision,
        recall=recall,
        f1=f1,
        false_alerts=n_false,
        false_alerts_per_day=float(n_false / days),
        noise_alerted=float(noise_hit.mean()) if len(noise) else np.nan,
        matches=matches,
        gaps=int(gap.sum()),
    )
