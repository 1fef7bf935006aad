"""Ground truth returned beside the data: generating parameters and planted events."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import pandas as pd

from smmlab.synth._calendar import localize
from smmlab.synth.brand import PLATFORM_DTYPE

#: Kinds of planted event, in the order they are documented.
EVENT_TYPES: tuple[str, ...] = (
    "crisis",
    "viral_post",
    "bot_burst",
    "noise",
    "tracking_outage",
    "bought_followers",
    "algorithm_change",
)
EVENT_TYPE_DTYPE = pd.CategoricalDtype(list(EVENT_TYPES))
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "type",
    "table",
    "platform",
    "start",
    "end",
    "peak",
    "magnitude",
    "description",
)


@dataclasses.dataclass(eq=False)
class Truth:
    """What the generator knows and the learner has to find out.

    Attributes
    ----------
    params : dict
        The generating parameters (rates, multipliers, true ROAS...).
    events : pandas.DataFrame
        Planted events, one row each, with the columns of :data:`EVENT_COLUMNS`:
        ``event_id`` (int), ``type`` (one of :data:`EVENT_TYPES`), ``table``
        (which dataset shows it), ``platform`` (missing when brand-wide),
        ``start``/``end``/``peak`` (tz-aware; the event's window is
        ``[start, end]``), ``magnitude`` (see ``description``) and a plain
        ``description``. Kept apart from the data, as anomaly benchmarks do.
    tables : dict of pandas.DataFrame
        Per-row truth, such as which posts went viral.

    Examples
    --------
    >>> t = Truth(params={"a": 1})
    >>> t.events.columns.tolist()[:3]
    ['event_id', 'type', 'table']
    """

    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    events: pd.DataFrame = dataclasses.field(default_factory=lambda: events_frame([], "UTC"))
    tables: dict[str, pd.DataFrame] = dataclasses.field(default_factory=dict)


def events_frame(rows: Iterable[dict[str, Any]], tz: str) -> pd.DataFrame:
    """Build an events table with the standard columns and dtypes, numbered from 1.

    Examples
    --------
    >>> ev = events_frame([{"type": "noise", "table": "mentions", "platform": None,
    ...     "start": "2025-02-01 10:00", "end": "2025-02-01 10:00", "peak": "2025-02-01 10:00",
    ...     "magnitude": 6.0, "description": "one-off spike"}], "Europe/Rome")
    >>> ev.loc[0, "event_id"], str(ev["start"].dt.tz)
    (np.int64(1), 'Europe/Rome')
    """
    frame = pd.DataFrame(list(rows), columns=[c for c in EVENT_COLUMNS if c != "event_id"])
    frame.insert(0, "event_id", pd.Series(range(1, len(frame) + 1), dtype="int64"))
    frame["type"] = frame["type"].astype(EVENT_TYPE_DTYPE)
    frame["table"] = frame["table"].astype("str")
    frame["platform"] = frame["platform"].astype(PLATFORM_DTYPE)
    for col in ("start", "end", "peak"):
        ts = pd.to_datetime(frame[col])
        ts = localize(ts, tz) if ts.dt.tz is None else ts.dt.tz_convert(tz)
        frame[col] = ts.dt.as_unit("us")
    frame["magnitude"] = frame["magnitude"].astype("float64")
    frame["description"] = frame["description"].astype("str")
    return frame


def combine_events(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Stack events tables, sort them by start and renumber ``event_id`` from 1.

    Examples
    --------
    >>> combine_events([Truth().events, Truth().events]).shape[0]
    0
    """
    frames = [f for f in frames if len(f)]
    if not frames:
        return Truth().events
    out = pd.concat(frames, ignore_index=True).sort_values(["start", "type"], kind="stable")
    out["event_id"] = range(1, len(out) + 1)
    return out.reset_index(drop=True)
