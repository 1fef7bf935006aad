"""Social listening exports (one row per mention), counted per hour as the course's mentions.

Evidence (``platform-exports.md`` §7): Talkwalker **A** (three importers agree;
``published`` is day first), Meltwater **A** (a real 2022 dataset's header),
Brandwatch **B** (report block above the header, found and skipped). Each
mention is counted in the hour it was published; mentions repeated in
overlapping exports (same URL or ID) count once; the hours between the first
and the last mention that have none are 0. Sentiment labels other than
positive, neutral and negative (Meltwater's ``Unknown``) count in ``mentions``
only. ``potential_reach`` is left missing: no export documents the authors'
follower counts the course sums.

Not found, so not read: Sprout Social, Hootsuite, Mention, Awario, Brand24
exports, and any volume-over-time export. Put such counts in the course's own
``mentions`` columns (``timestamp, mentions, positive, neutral, negative``) and
import that file.

Examples
--------
>>> import pandas as pd
>>> rows = pd.DataFrame({"timestamp": pd.to_datetime(["2025-01-01 10:05", "2025-01-01 12:40"]
...                      ).tz_localize("UTC"), "sentiment": ["positive", None],
...                      "author": ["a", "b"], "key": ["u1", "u2"]})
>>> hourly(rows, timezone="UTC")[0]["mentions"].tolist()
[1, 0, 1]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab.io._formats import Format, Options, Prepared, Raw, pick
from smmlab.io._messages import MESSAGES
from smmlab.io._schema import course_frame

SENTIMENTS = ("positive", "neutral", "negative")
_SENTIMENT_WORDS = {"positive": "positive", "positivo": "positive", "positif": "positive",
                    "neutral": "neutral", "neutrale": "neutral", "neutre": "neutral",
                    "neutro": "neutral", "negative": "negative", "negativo": "negative",
                    "négatif": "negative", "negatif": "negative"}


def hourly(mentions: pd.DataFrame, *, timezone: str) -> tuple[pd.DataFrame, list[str]]:
    """Count single mentions per hour: the course's ``mentions`` table, and notes.

    Parameters
    ----------
    mentions : pandas.DataFrame
        One row per mention: ``timestamp`` (tz-aware), ``sentiment``, ``author``
        and ``key`` (URL or ID, for repeats; may be missing).
    timezone : str
        Time zone of the hours.

    Returns
    -------
    (pandas.DataFrame, list of str)
    """
    rows = mentions.dropna(subset=["timestamp"])
    keyed = rows["key"].notna()
    rows = pd.concat([rows[keyed].drop_duplicates("key", keep="last"),
                      rows[~keyed].drop_duplicates(keep="last")])
    notes = []
    if rows.empty:
        return course_frame("mentions", {}, 0, timezone=timezone), notes
    local = rows["timestamp"].dt.tz_convert(timezone)
    summer = np.array([bool(t.dst()) for t in local])  # which of a repeated hour it was
    hours = local.dt.tz_localize(None).dt.floor("h").dt.tz_localize(
        timezone, ambiguous=summer, nonexistent="shift_forward")
    labels = rows["sentiment"].astype("str").str.strip().str.casefold().map(_SENTIMENT_WORDS)
    unknown = int(labels.isna().sum())
    if unknown:
        notes.append(MESSAGES.text("note.unknown_sentiment", n=unknown))
    table = pd.DataFrame({"hour": hours.to_numpy(), "label": labels.to_numpy(),
                          "author": rows["author"].to_numpy()})
    span = pd.date_range(hours.min(), hours.max(), freq="h")
    grouped = table.groupby("hour")
    data: dict[str, object] = {"timestamp": pd.Series(span)}
    data["mentions"] = grouped.size().reindex(span, fill_value=0).to_numpy()
    for label in SENTIMENTS:
        counts = table[table["label"] == label].groupby("hour").size()
        data[label] = counts.reindex(span, fill_value=0).to_numpy()
    if table["author"].notna().any():
        data["unique_authors"] = grouped["author"].nunique().reindex(span, fill_value=0)
    notes.append(MESSAGES.text("note.hours_filled", n=len(table)))
    return course_frame("mentions", data, len(span), timezone=timezone), notes


BRANDWATCH = Format(
    "listening.brandwatch", "listening.brandwatch.en", "mentions", "B", "en",
    ("query id", "query name", "date", "sentiment"),
    {"timestamp": ("date",), "sentiment": ("sentiment",), "author": ("author",),
     "key": ("url",)},
    summary=("date",),
)

TALKWALKER = Format(
    "listening.talkwalker", "listening.talkwalker.en", "mentions", "A", "en",
    ("published", "url", "sentiment", "source_type"),
    {"timestamp": ("published",), "sentiment": ("sentiment",),
     "author": ("extra_author_attributes.id", "extra_author_attributes.name"),
     "key": ("url",)},
    summary=("published",),
)

def _meltwater(raw: Raw, prepared: Prepared, options: Options) -> None:
    """The time of day is in ``Time`` (``10:12 AM``) beside ``Alternate Date Format``."""
    _, day = pick(raw, ("alternate date format",))
    _, clock = pick(raw, ("time",))
    if day is not None and clock is not None:
        prepared.cells["timestamp"] = (day + " " + clock).reset_index(drop=True)


MELTWATER = Format(
    "listening.meltwater", "listening.meltwater.en", "mentions", "A", "en",
    ("date", "headline", "url", "hit sentence", "sentiment"),
    {"timestamp": ("date",), "sentiment": ("sentiment",),
     "author": ("twitter screen name", "influencer"), "key": ("url",)},
    prepare=_meltwater, summary=("date",),
)

FORMATS: tuple[Format, ...] = (BRANDWATCH, TALKWALKER, MELTWATER)

__all__ = ["BRANDWATCH", "FORMATS", "MELTWATER", "SENTIMENTS", "TALKWALKER", "hourly"]
