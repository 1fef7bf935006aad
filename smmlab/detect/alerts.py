"""Merge flagged points into alerts, and score alerts against the planted truth."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from smmlab._validate import check_int, check_number
from smmlab.detect._messages import MESSAGES

ALERT_COLUMNS = (
    "alert_id", "kind", "start", "end", "peak", "periods", "size", "peak_value", "peak_surprise",
)  # fmt: skip
#: Truth event types a mention detector should find, and the ones it should stay quiet on.
TARGET_TYPES: tuple[str, ...] = ("crisis", "viral_post", "bot_burst", "tracking_outage")
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
        ``size`` (the count above baseline, summed), ``peak_value`` and
        ``peak_surprise``.

    Examples
    --------
    >>> idx = pd.date_range("2025-01-01", periods=6, freq="h")
    >>> f = pd.DataFrame({"value": [1.0, 9, 9, 9, 1, 1], "baseline": 1.0,
    ...                   "surprise": [0.0, 5, 6, 5, 0, 0], "missing": False}, index=idx)
    >>> f["flagged"] = f["surprise"] > 2.5
    >>> found = alerts(f)
    >>> int(found.loc[0, "periods"]), float(found.loc[0, "size"])
    (3, 24.0)
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
    rows = []
    surprise = flags["surprise"].to_numpy(dtype=float)
    excess = (flags["value"] - flags["baseline"]).to_numpy(dtype=float)
    value = flags["value"].to_numpy(dtype=float)
    for a, b in zip(starts, stops, strict=True):  # one step per alert, not per point
        window = slice(a, b)
        peak = a + int(np.nanargmax(surprise[window]))
        rows.append({"kind": MESSAGES.text("kind_spike"), "start": index[a], "end": index[b - 1],
                     "peak": index[peak], "periods": int(b - a),
                     "size": float(np.nansum(np.where(flagged[window], excess[window], 0.0))),
                     "peak_value": value[peak], "peak_surprise": surprise[peak]})
    m_starts, m_stops = _runs(flags["missing"].to_numpy(dtype=bool))
    for a, b in zip(m_starts, m_stops, strict=True):
        rows.append({"kind": MESSAGES.text("kind_missing"), "start": index[a],
                     "end": index[b - 1], "peak": index[a], "periods": int(b - a),
                     "size": np.nan, "peak_value": np.nan, "peak_surprise": np.nan})
    out = pd.DataFrame(rows, columns=list(ALERT_COLUMNS[1:]))
    if len(out):
        out = out.sort_values("start", kind="stable").reset_index(drop=True)
    else:
        for col in ("start", "end", "peak"):
            out[col] = pd.Series(index[:0], dtype=index.dtype)
    out.insert(0, "alert_id", np.arange(1, len(out) + 1))
    out["periods"] = out["periods"].astype("int64")
    return out


@dataclasses.dataclass(frozen=True)
class Score:
    """How well alerts match the planted events.

    Attributes
    ----------
    by_type : pandas.DataFrame
        Per truth type: ``events``, ``detected``, ``recall`` and median
        ``delay`` (alert start minus event start, for detected events).
    precision, recall, f1 : float
        Alerts that overlap a target window / all alerts; target windows hit /
        all target windows; their harmonic mean.
    false_alerts : int
        Alerts that overlap no target window (alerts on planted noise count).
    false_alerts_per_day : float
    noise_alerted : float
        Share of planted noise events that some alert overlaps (NaN if none).
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

    An alert that overlaps a target event's window ``[start, end]`` is a hit
    and each window counts once however many alerts touch it; every other
    alert is a false alarm. Noise events are not targets: alerting on them is
    a false alarm, and the share of noise events alerted is reported apart.

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
    """
    truth = truth_events
    if table is not None and "table" in truth.columns:
        truth = truth[truth["table"] == table]
    types = truth["type"].astype(str)
    target = truth[types.isin(targets)]
    noise = truth[types.isin(negatives)]
    a_start = found["start"].to_numpy()[:, None]
    a_end = found["end"].to_numpy()[:, None]

    def overlap(events: pd.DataFrame) -> np.ndarray:
        return (a_start <= events["end"].to_numpy()[None, :]) & (
            a_end >= events["start"].to_numpy()[None, :])

    hits = overlap(target)  # alerts x target events
    detected = hits.any(axis=0)
    true_alert = hits.any(axis=1)
    n_alerts = len(found)
    precision = float(true_alert.mean()) if n_alerts else np.nan
    recall = float(detected.mean()) if len(target) else np.nan
    f1 = (2 * precision * recall / (precision + recall)
          if precision + recall > 0 else 0.0) if n_alerts and len(target) else np.nan
    if days is None:
        times = pd.concat([truth["start"], truth["end"], found["start"], found["end"]])
        days = max((times.max() - times.min()) / pd.Timedelta(days=1), 1.0) if len(times) else 1.0
    days = check_number("days", days, low=1e-9, high=1e9)
    first_hit = np.where(hits.any(axis=0), np.argmax(hits, axis=0), -1)
    delays = pd.Series(
        [found["start"].iloc[i] - s if i >= 0 else pd.NaT
         for i, s in zip(first_hit, target["start"], strict=True)], dtype="timedelta64[us]")
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
        "alert_id": found["alert_id"].to_numpy() if n_alerts else np.array([], dtype=int),
        "event_id": pd.array([event_ids[i] if i >= 0 else pd.NA for i in matched],
                             dtype="Int64"),
    })
    noise_hit = overlap(noise).any(axis=0) if len(noise) else np.array([])
    return Score(
        by_type=by_type.reset_index(),
        precision=precision,
        recall=recall,
        f1=f1,
        false_alerts=int((~true_alert).sum()),
        false_alerts_per_day=float((~true_alert).sum() / days),
        noise_alerted=float(noise_hit.mean()) if len(noise) else np.nan,
        matches=matches,
    )
