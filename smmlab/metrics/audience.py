"""Audience and community metrics: follower growth, share of voice, sentiment, responsiveness.

Counts are taken by name (a number, a list, an array or a Series) or from the
columns of ``data`` (``account_daily``, ``mentions``, or an inbox export with
``received_at`` and ``replied_at``). Results are fractions (0.25 is 25 %),
except the response time. Zero denominators give NaN quietly; missing or
negative counts raise a ValueError naming the argument or column.

Examples
--------
>>> share_of_voice(brand=300, competitors=700)
0.3
"""

from __future__ import annotations

from collections.abc import Mapping
from statistics import NormalDist
from typing import NamedTuple

import numpy as np
import pandas as pd

from smmlab._validate import check_choice, check_number
from smmlab.metrics._inputs import (
    Need,
    Values,
    align,
    as_values,
    check_aggregate,
    check_table,
    column_label,
    plain,
    read,
    require_columns,
)
from smmlab.metrics._messages import MESSAGES
from smmlab.metrics._ratios import divide, index_of, rate, total

#: The two ways of summarising sentiment: (pos - neg) / all, or pos / (pos + neg).
SENTIMENT_METHODS: tuple[str, ...] = ("net", "positive_share")


def follower_growth_rate(
    data: pd.DataFrame | None = None,
    *,
    followers_start: object = None,
    followers_end: object = None,
    net_new: object = None,
) -> Values:
    """Follower (audience) growth rate: net new followers in the period / followers at start.

    In words: how much the audience grew, relative to its size at the start.
    Net new followers = new followers - unfollows = followers at the end -
    followers at the start, so the rate is negative when you lost followers.
    A sudden jump with no change in reach or engagement smells of bought
    followers.

    Parameters
    ----------
    data : DataFrame, optional
        A daily table with ``date`` and ``followers`` (at the end of each
        day), such as ``account_daily``. The start is the first day in the
        table and the end the last one (so for March, include 28 February to
        count the growth of 1 March). With a ``platform`` column the rate is
        computed per platform.
    followers_start : number, list, array or Series, optional
        Followers at the start (without ``data``).
    followers_end, net_new : number, list, array or Series, optional
        Exactly one of: followers at the end, or net new followers (may be
        negative).

    Returns
    -------
    float or Series
        A fraction (0.02 = 2 % growth); a Series per platform for a table
        with a ``platform`` column, or per row for Series inputs. NaN where
        followers at start is 0.

    Examples
    --------
    >>> follower_growth_rate(followers_start=20_000, followers_end=20_500)
    0.025
    >>> follower_growth_rate(followers_start=20_000, net_new=-200)
    -0.01
    >>> daily = pd.DataFrame({"date": pd.date_range("2025-03-01", periods=3),
    ...                       "followers": [1000, 1010, 1050]})
    >>> follower_growth_rate(daily)
    0.05
    """
    func = "follower_growth_rate"
    given = {"followers_start": followers_start, "followers_end": followers_end,
             "net_new": net_new}
    named = ", ".join(given)
    if data is not None:
        data = check_table(data)
        if any(v is not None for v in given.values()):
            raise ValueError(MESSAGES.text("data_or_values", func=func, names=named))
        return _growth_of_table(func, data)
    ends = [k for k in ("followers_end", "net_new") if given[k] is not None]
    if len(ends) != 1:
        raise ValueError(MESSAGES.text("one_of", func=func, names="followers_end, net_new",
                                       given=", ".join(ends) or "-"))
    end = ends[0]
    values = read(func, None, (Need("followers_start"), Need(end, signed=end == "net_new")),
                  given)
    start = values["followers_start"]
    net = values["net_new"] if end == "net_new" else values["followers_end"] - start
    return rate(net, start, None, func)


def _growth_of_table(func: str, data: pd.DataFrame) -> Values:
    require_columns(func, data, ("date", "followers"))
    table = pd.DataFrame({"date": data["date"],
                          "followers": as_values(column_label("followers"), data["followers"])})
    ordered = table.sort_values("date", kind="stable")
    if "platform" not in data.columns:
        if ordered.empty:
            return float("nan")
        first, last = ordered["followers"].iloc[0], ordered["followers"].iloc[-1]
        return divide(last - first, first)
    groups = ordered.groupby(data["platform"].loc[ordered.index], observed=True, sort=True)
    first, last = groups["followers"].first(), groups["followers"].last()
    return divide(last - first, first).rename(func)


def share_of_voice(
    data: pd.DataFrame | None = None,
    *,
    brand: object = None,
    competitors: object = None,
    aggregate: str | None = None,
) -> Values:
    """Share of voice: brand / (brand + competitors).

    In words: out of all the conversation about you and your competitors,
    the fraction that is about you. Usually counted on mentions, but any
    measure works the same way: engagements, reach, ad spend. Pick the
    competitors once and keep them, or the share moves for the wrong reason.
    A crisis raises your share of voice too: read it next to sentiment.

    Parameters
    ----------
    data : DataFrame, optional
        One column per brand (e.g. mentions per day); ``brand`` then names
        your column and ``competitors`` the others (default: every other
        numeric column).
    brand : number, list, array, Series, or a column name with ``data``
        Your brand's mentions (or other measure).
    competitors : number, list, array, Series, dict, DataFrame, or column names with ``data``
        The competitors' total; for several competitors, a dict
        ``{"Rival A": 120, "Rival B": 80}`` or a DataFrame with one column
        per competitor (they are added up).
    aggregate : {None, "per_post", "per_row", "total"}, default None
        One share per row, the average of the row shares, or your total /
        everyone's total (the usual share over a period).

    Returns
    -------
    float or Series
        A fraction between 0 and 1; NaN where nobody was mentioned.

    Examples
    --------
    >>> share_of_voice(brand=300, competitors={"Rival A": 500, "Rival B": 200})
    0.3
    >>> days = pd.DataFrame({"us": [30, 10], "rival_a": [50, 20], "rival_b": [20, 20]})
    >>> share_of_voice(days, brand="us").tolist()
    [0.3, 0.2]
    >>> round(share_of_voice(days, brand="us", aggregate="total"), 3)
    0.267
    """
    func = "share_of_voice"
    aggregate = check_aggregate(aggregate)
    if data is not None:
        data = check_table(data)
        has = ", ".join(repr(str(c)) for c in data.columns)
        if not isinstance(brand, str) or brand not in data.columns:
            raise ValueError(MESSAGES.text("brand_column", value=brand, has=has))
        if competitors is None:
            competitors = [c for c in data.columns if c != brand
                           and pd.api.types.is_numeric_dtype(data[c].dtype)
                           and not pd.api.types.is_bool_dtype(data[c].dtype)]
            if not competitors:
                raise ValueError(MESSAGES.text("no_competitors", has=has))
        names = [competitors] if isinstance(competitors, str) else list(competitors)
        require_columns(func, data, [brand, *names])
        ours = as_values(column_label(brand), data[brand])
        parts = [as_values(column_label(c), data[c]) for c in names]
        values = align({"brand": ours, **{str(i): p for i, p in enumerate(parts)}}, data.index)
    else:
        for name, value in (("brand", brand), ("competitors", competitors)):
            if value is None:
                raise ValueError(MESSAGES.text("needs_argument", func=func, name=name,
                                               columns=repr(name)))
        if isinstance(competitors, pd.DataFrame):
            competitors = {c: competitors[c] for c in competitors.columns}
        if isinstance(competitors, Mapping):
            raw = {f"competitors[{k!r}]": as_values(f"competitors[{k!r}]", v)
                   for k, v in competitors.items()}
        else:
            raw = {"competitors": as_values("competitors", competitors)}
        values = align({"brand": as_values("brand", brand), **raw})
    ours = values.pop("brand")
    theirs: Values = sum(values.values(), start=0.0)
    return rate(ours, ours + theirs, aggregate, func)


def net_sentiment(
    data: pd.DataFrame | None = None,
    *,
    method: str = "net",
    aggregate: str | None = None,
    positive: object = None,
    neutral: object = None,
    negative: object = None,
) -> Values:
    """Net sentiment: (positive - negative) / all mentions, or positive / (positive + negative).

    In words, ``method="net"``: the share of positive mentions minus the
    share of negative ones, with neutral mentions kept in the total (so
    ``% positive - % negative``); it runs from -1 (all negative) to +1 (all
    positive), and 0 means as many positive as negative. ``method=
    "positive_share"`` leaves the neutral ones out: positive / (positive +
    negative), from 0 to 1 -- it looks more extreme when most mentions are
    neutral. Sentiment labels come from a tool and are often wrong: read a
    sample of mentions before trusting either number.

    Parameters
    ----------
    data : DataFrame, optional
        A table with ``positive``, ``negative`` and (for ``"net"``)
        ``neutral`` columns, such as ``mentions``.
    method : {"net", "positive_share"}, default "net"
        The formula.
    aggregate : {None, "per_post", "per_row", "total"}, default None
        One value per row (e.g. per hour), the average of the row values, or
        computed on the totals (the usual figure for a period: every mention
        weighs the same).
    positive, neutral, negative : number, list, array or Series, optional
        Counts by name; ``neutral`` is not used by ``"positive_share"``.

    Returns
    -------
    float or Series
        Between -1 and 1 (``"net"``) or 0 and 1 (``"positive_share"``);
        NaN where there are no mentions.

    Examples
    --------
    >>> net_sentiment(positive=30, neutral=55, negative=15)
    0.15
    >>> net_sentiment(positive=30, negative=15, method="positive_share")
    0.6666666666666666
    """
    method = check_choice("method", method, SENTIMENT_METHODS)
    aggregate = check_aggregate(aggregate)
    numerator, denominator = _sentiment_parts("net_sentiment", data, method,
                                              positive, neutral, negative)
    return rate(numerator, denominator, aggregate, "net_sentiment")


def _sentiment_parts(
    func: str, data: object, method: str, positive: object, neutral: object, negative: object
) -> tuple[Values, Values]:
    needs = [Need("positive"), Need("negative")] + ([Need("neutral")] if method == "net" else [])
    values = read(func, data, needs,
                  {"positive": positive, "neutral": neutral, "negative": negative})
    pos, neg = values["positive"], values["negative"]
    if method == "net":
        return pos - neg, pos + values["neutral"] + neg
    return pos, pos + neg


class Interval(NamedTuple):
    """An estimate with the low and high ends of its interval, and the mentions it rests on."""

    estimate: float
    low: float
    high: float
    n: float


def net_sentiment_interval(
    data: pd.DataFrame | None = None,
    *,
    method: str = "net",
    confidence: float = 0.95,
    positive: object = None,
    neutral: object = None,
    negative: object = None,
) -> Interval:
    """Net sentiment over a period with a simple (normal-approximation) uncertainty interval.

    In words: net sentiment moves by chance from week to week even when
    nothing changed, and more so with few mentions. This gives a range of
    plausible values: estimate plus or minus ``z`` standard errors (``z`` =
    1.96 for 95 %). The counts of all rows are added up first (mentions,
    unlike reach, add up).

    - ``"net"``: with ``p+`` and ``p-`` the shares of positive and negative
      mentions out of ``n``, the standard error is
      ``sqrt((p+ + p- - (p+ - p-)**2) / n)``.
    - ``"positive_share"``: ``p = pos / (pos + neg)``, standard error
      ``sqrt(p * (1 - p) / (pos + neg))``.

    The ends are clipped to the possible range. It assumes every mention is
    an independent opinion; bursts, threads and bots break that, so read it
    as the *least* uncertainty there is. With fewer than about 10 positive
    and 10 negative mentions the approximation is poor: collect more data.

    Parameters
    ----------
    data : DataFrame, optional
        A table with ``positive``, ``negative`` and (for ``"net"``)
        ``neutral`` columns, such as ``mentions``.
    method : {"net", "positive_share"}, default "net"
        As in :func:`net_sentiment`.
    confidence : float, default 0.95
        Between 0.5 and 0.999.
    positive, neutral, negative : number, list, array or Series, optional
        Counts by name.

    Returns
    -------
    Interval
        ``(estimate, low, high, n)``, ``n`` being the mentions used (all of
        them for ``"net"``, positive + negative for ``"positive_share"``);
        NaN ends when there are none.

    Examples
    --------
    >>> est, low, high, n = net_sentiment_interval(positive=300, neutral=550, negative=150)
    >>> round(est, 3), round(low, 3), round(high, 3), n
    (0.15, 0.109, 0.191, 1000.0)
    """
    method = check_choice("method", method, SENTIMENT_METHODS)
    confidence = check_number("confidence", confidence, low=0.5, high=0.999)
    needs = [Need("positive"), Need("negative")] + ([Need("neutral")] if method == "net" else [])
    values = read("net_sentiment_interval", data, needs,
                  {"positive": positive, "neutral": neutral, "negative": negative})
    index = index_of(*values.values())
    pos, neg = total(values["positive"], index), total(values["negative"], index)
    if method == "net":
        n = pos + neg + total(values["neutral"], index)
        estimate = float(divide(pos - neg, n))
        spread = float(divide(pos + neg, n)) - estimate**2  # p+ + p- - (p+ - p-)**2
        lowest = -1.0
    else:
        n = pos + neg
        estimate = float(divide(pos, n))
        spread = estimate * (1.0 - estimate)
        lowest = 0.0
    if n == 0:
        return Interval(float("nan"), float("nan"), float("nan"), 0.0)
    half = NormalDist().inv_cdf(0.5 + confidence / 2) * float(np.sqrt(max(spread, 0.0) / n))
    return Interval(estimate, max(lowest, estimate - half), min(1.0, estimate + half), n)


def response_rate(
    data: pd.DataFrame | None = None,
    *,
    aggregate: str | None = None,
    replied: object = None,
    received: object = None,
) -> Values:
    """Response rate: messages replied to / messages received.

    In words: out of the comments, mentions and direct messages that
    deserved an answer, the fraction you answered. Answering everyone, and
    kindly -- the complaint as much as the compliment -- is part of the job:
    people read how a brand replies. Messages not answered yet count here as
    unanswered (and are left out of :func:`median_response_time`).

    Parameters
    ----------
    data : DataFrame, optional
        Either counts (columns ``replied`` and ``received``, e.g. per day),
        or one row per message with a ``replied_at`` column (empty when not
        answered): each row is then one message received.
    aggregate : {None, "per_post", "per_row", "total"}, default None
        One rate per row, the average of the row rates, or total replied /
        total received (the usual figure for a period).
    replied, received : number, list, array or Series, optional
        Counts by name.

    Returns
    -------
    float or Series
        A fraction between 0 and 1; NaN where nothing was received.

    Raises
    ------
    ValueError
        Also when replied is more than received.

    Examples
    --------
    >>> response_rate(replied=45, received=50)
    0.9
    >>> inbox = pd.DataFrame({"received_at": pd.to_datetime(["2025-03-01 09:00"] * 4),
    ...                       "replied_at": pd.to_datetime(["2025-03-01 09:30", None,
    ...                                                     "2025-03-01 11:00", None])})
    >>> response_rate(inbox, aggregate="total")
    0.5
    """
    func = "response_rate"
    aggregate = check_aggregate(aggregate)
    data = check_table(data)
    if (data is not None and replied is None and received is None
            and "replied" not in data.columns and "replied_at" in data.columns):
        values = {"replied": data["replied_at"].notna().astype("float64"), "received": 1.0}
    else:
        needs = (Need("replied", (("replied",), ("replied_at",))), Need("received"))
        values = read(func, data, needs, {"replied": replied, "received": received})
    done, got = values["replied"], values["received"]
    excess = done > got
    if isinstance(excess, pd.Series):
        if excess.any():
            raise ValueError(MESSAGES.text("replied_more_rows", n=int(excess.sum()),
                                           where=plain(excess.idxmax())))
    elif excess:
        raise ValueError(MESSAGES.text("replied_more", replied=done, received=got))
    return rate(done, got, aggregate, func)


def median_response_time(
    data: pd.DataFrame | None = None,
    *,
    received_at: object = None,
    replied_at: object = None,
) -> pd.Timedelta:
    """Median response time: the middle of (replied_at - received_at) over answered messages.

    In words: line up the waiting times of the messages you answered and
    take the middle one -- half were answered faster. The median, not the
    average, because one message answered after a weekend would drag the
    average far from what most people experienced. Messages not answered
    (empty ``replied_at``) have no waiting time yet: they are left out here
    and counted as unanswered by :func:`response_rate`; report both. Replying
    fast matters, and so does replying kindly.

    Parameters
    ----------
    data : DataFrame, optional
        One row per message with ``received_at`` and ``replied_at`` columns
        (dates and times; ``replied_at`` empty when not answered).
    received_at, replied_at : timestamp, str, list, array or Series, optional
        Values by name (they replace the columns of ``data``); use ``None``
        or ``pd.NaT`` inside ``replied_at`` for a message not answered.

    Returns
    -------
    pandas.Timedelta
        The median wait (``NaT`` when nothing was answered). Convert it with
        ``.total_seconds() / 3600`` for hours.

    Raises
    ------
    ValueError
        When a ``received_at`` is missing or a reply comes before its message.

    Examples
    --------
    >>> inbox = pd.DataFrame({"received_at": pd.to_datetime(["2025-03-01 09:00"] * 4),
    ...                       "replied_at": pd.to_datetime(["2025-03-01 09:30", None,
    ...                                                     "2025-03-01 11:00",
    ...                                                     "2025-03-03 09:00"])})
    >>> median_response_time(inbox)
    Timedelta('0 days 02:00:00')
    """
    func = "median_response_time"
    data = check_table(data)
    columns = {"received_at": received_at, "replied_at": replied_at}
    if data is not None:
        require_columns(func, data, [k for k, v in columns.items() if v is None])
        columns = {k: data[k] if v is None else v for k, v in columns.items()}
    else:
        for name, value in columns.items():
            if value is None:
                raise ValueError(MESSAGES.text("needs_argument", func=func, name=name,
                                               columns=repr(name)))
    labels = {k: column_label(k) if data is not None and given is None else k
              for k, given in (("received_at", received_at), ("replied_at", replied_at))}
    times = {k: _as_times(labels[k], v) for k, v in columns.items()}
    times = align(times, None if data is None else data.index)
    start, end = times["received_at"], times["replied_at"]
    if start.isna().any():
        missing = start.isna()
        raise ValueError(MESSAGES.text("missing_times", label=labels["received_at"],
                                       n=int(missing.sum()), where=plain(missing.idxmax())))
    try:
        waits = end - start
    except TypeError as err:
        raise ValueError(MESSAGES.text("time_zones")) from err
    early = waits < pd.Timedelta(0)
    if early.any():
        raise ValueError(MESSAGES.text("reply_before_receipt", n=int(early.sum()),
                                       where=plain(early.idxmax())))
    return waits.dropna().median()


def _as_times(label: str, value: object) -> pd.Series | pd.api.extensions.ExtensionArray:
    """Dates and times as a datetime Series (keeping a Series' index) or array (for align)."""
    if isinstance(value, pd.Series):
        series = value
    elif isinstance(value, list | tuple | np.ndarray | pd.Index):
        series = pd.Series(list(value), dtype=object)
    else:
        series = pd.Series([value], dtype=object)
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        converted = series
    else:
        try:
            converted = pd.to_datetime(series, errors="coerce")
        except (TypeError, ValueError) as err:
            raise ValueError(MESSAGES.text("not_times", label=label,
                                           value=plain(series.iloc[0]))) from err
        bad = series.notna().to_numpy() & converted.isna().to_numpy()
        if bad.any():
            raise ValueError(MESSAGES.text("not_times", label=label,
                                           value=plain(series[bad].iloc[0])))
    return converted if isinstance(value, pd.Series) else converted.array


__all__ = [
    "SENTIMENT_METHODS",
    "Interval",
    "follower_growth_rate",
    "median_response_time",
    "net_sentiment",
    "net_sentiment_interval",
    "response_rate",
    "share_of_voice",
]
