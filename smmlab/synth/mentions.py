"""Mentions of the brand over time, with sentiment, authors and planted ground-truth events."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from smmlab._random import RandomState, child_rng, root_seed
from smmlab._validate import check_choice, check_date, check_int, check_keys, fail
from smmlab.synth._calendar import AUDIENCE_WEEK_HOUR, localize, yearly_season
from smmlab.synth.brand import Brand, resolve_brand
from smmlab.synth.truth import Truth, events_frame

#: Event types make_mentions can plant, in placement order (longest first).
MENTION_EVENTS: tuple[str, ...] = ("crisis", "viral_post", "bot_burst", "tracking_outage", "noise")
#: Default number of each event per 365 days.
DEFAULT_EVENTS: dict[str, int] = {
    "crisis": 2,
    "viral_post": 3,
    "bot_burst": 3,
    "tracking_outage": 2,
    "noise": 18,
}
BURN_IN_DAYS = 28
MIN_GAP_HOURS = 72
#: The first crisis is at least this many times as big as any viral post or bot burst that
#: ends in the ``LOUDEST_OVER_DAYS`` before it: the loudest thing its month has seen (lesson
#: 05's drill; four weeks is the memory of the alarm's big swing, ``detect.watch``).
FIRST_CRISIS_LEAD = 1.25
LOUDEST_OVER_DAYS = 28
NOISE_MAX = 40.0
DISPERSION = 40.0  # negative-binomial size of each hour's own noise: var = mean + mean**2/40
#: The background's moods (issue 13: real mention series are not a clean weekly cycle), each a
#: log-normal multiplier with mean 1: (standard deviation of its log, correlation from one step
#: to the next). A slow level that wanders over weeks (drift), a mood of the day (news days,
#: quiet days), and a mood of the hour that lingers for a few hours.
SLOW_LEVEL = (0.25, 0.97)  # per day: about a month's memory
DAY_MOOD = (0.25, 0.2)  # per day
HOUR_MOOD = (0.45, 0.95)  # per hour
CYCLE_STRENGTH = 0.8
WEEK_PROFILE = 0.10  # sd of the log of each week's own hour-of-day profile
BASE_SENTIMENT = np.array([0.30, 0.55, 0.15])  # positive, neutral, negative
MENTIONS_PER_FOLLOWER_HOUR = 2.5e-4
MIN_LEVEL = 8.0  # mentions per hour, at least (a brand worth listening to)

#: Per event type: sentiment mix, share of mentions by distinct authors, mean author followers.
_EVENT_PROFILE: dict[str, dict[str, object]] = {
    "base": {"sentiment": BASE_SENTIMENT, "unique": 0.9, "author_followers": 800.0},
    "crisis": {"sentiment": np.array([0.05, 0.30, 0.65]), "unique": 0.93,
               "author_followers": 2500.0},
    "viral_post": {"sentiment": np.array([0.55, 0.40, 0.05]), "unique": 0.95,
                   "author_followers": 1500.0},
    "bot_burst": {"sentiment": np.array([0.30, 0.60, 0.10]), "unique": 0.0,
                  "author_followers": 40.0},
    "noise": {"sentiment": BASE_SENTIMENT, "unique": 0.9, "author_followers": 800.0},
}  # fmt: skip

COLUMNS: tuple[str, ...] = (
    "timestamp", "mentions", "positive", "neutral", "negative", "unique_authors", "potential_reach",
)  # fmt: skip


def _event_plan(events: object, days: int) -> dict[str, int]:
    if events is None:
        if days < BURN_IN_DAYS + 14:  # too short for planted events to have a baseline
            return dict.fromkeys(DEFAULT_EVENTS, 0)
        return {k: int(round(v * days / 365)) for k, v in DEFAULT_EVENTS.items()}
    if not isinstance(events, Mapping):
        fail("events", events, "type", expected=f"None or a dict of counts for {MENTION_EVENTS}")
    check_keys("events", events, MENTION_EVENTS)
    return {k: check_int(f"events[{k!r}]", events.get(k, 0), low=0, high=500)
            for k in MENTION_EVENTS}


def _place_events(
    plan: dict[str, int], n_hours: int, rng: np.random.Generator
) -> list[dict[str, object]]:
    """Draw event shapes and non-overlapping start hours after the burn-in."""
    placed: list[dict[str, object]] = []
    taken: list[tuple[int, int]] = []
    first = BURN_IN_DAYS * 24
    for kind in MENTION_EVENTS:
        for _ in range(plan[kind]):
            shape = _draw_shape(kind, rng)
            length = int(shape["length"])
            latest = n_hours - length - 24
            if latest <= first:
                needed = BURN_IN_DAYS + int(np.ceil((length + 24) / 24)) + 1
                fail("days", n_hours // 24, "type",
                     expected=f"at least {needed} days: events start after a {BURN_IN_DAYS}-day "
                     f"burn-in and this {kind.replace('_', ' ')} lasts {length} hours")
            for _attempt in range(200):
                begin = int(rng.integers(first, latest))
                span = (begin - MIN_GAP_HOURS, begin + length + MIN_GAP_HOURS)
                if all(span[1] <= a or b <= span[0] for a, b in taken):
                    taken.append((begin, begin + length))
                    placed.append({"type": kind, "begin": begin, **shape})
                    break
            else:
                fail("events", plan, "type",
                     expected="fewer events, or more days, so that they do not overlap")
    return placed


def _loudest_first_crisis(placed: list[dict[str, object]]) -> list[dict[str, object]]:
    """Raise the first crisis above the multi-hour events of the four weeks before it.

    A brand's big swing (:func:`smmlab.detect.watch`) is set by its loudest hours of the last
    four weeks; after a x12 viral post a x5 crisis would look ordinary. The first crisis is
    the one lesson 05's drill is cut around, so it is made the loudest thing its month has
    seen: at least ``FIRST_CRISIS_LEAD`` times the magnitude of any viral post or bot burst
    that ends in the ``LOUDEST_OVER_DAYS`` before it. No random number is drawn, so nothing else
    in the brand changes.

    Examples
    --------
    >>> day = 24
    >>> placed = [{"type": "crisis", "begin": 40 * day, "magnitude": 5.0, "length": 90},
    ...           {"type": "viral_post", "begin": 30 * day, "magnitude": 10.0, "length": 40}]
    >>> _loudest_first_crisis(placed)[0]["magnitude"]
    12.5
    """
    crises = [e for e in placed if e["type"] == "crisis"]
    if not crises:
        return placed
    first = min(crises, key=lambda e: int(e["begin"]))
    begin = int(first["begin"])
    louder = [float(e["magnitude"]) * FIRST_CRISIS_LEAD for e in placed
              if e["type"] in ("viral_post", "bot_burst")
              and begin - LOUDEST_OVER_DAYS * 24 <= int(e["begin"]) + int(e["length"]) <= begin]
    first["magnitude"] = max([float(first["magnitude"]), *louder])
    return placed


def _draw_shape(kind: str, rng: np.random.Generator) -> dict[str, float]:
    """Magnitude, rise and decay of one event, and its length in hours."""
    if kind == "crisis":
        rise, half_life = rng.integers(3, 13), rng.uniform(24, 72)
        magnitude = rng.uniform(5, 20)
    elif kind == "viral_post":
        rise, half_life = rng.integers(2, 7), rng.uniform(4, 12)
        magnitude = rng.uniform(4, 12)
    elif kind == "bot_burst":
        return {"rise": 0, "half_life": np.inf, "magnitude": rng.uniform(4, 15),
                "length": int(rng.integers(3, 13)), "bots": int(rng.integers(3, 13)),
                "posts_per_bot": float(rng.uniform(4, 12))}
    elif kind == "tracking_outage":
        return {"rise": 0, "half_life": np.inf, "magnitude": 0.0,
                "length": int(rng.integers(6, 49)), "bots": 0}
    else:  # noise: one hour, no persistence, no sentiment shift
        return {"rise": 0, "half_life": 0.0, "magnitude": float(np.exp(rng.uniform(np.log(4),
                np.log(NOISE_MAX)))), "length": 1, "bots": 0}
    # Rise, then decay until the excess is below 5 % of the peak.
    length = int(rise + np.ceil(half_life * np.log2(20)))
    return {"rise": int(rise), "half_life": float(half_life), "magnitude": float(magnitude),
            "length": length, "bots": 0}


def _kernel(event: dict[str, object], n_hours: int) -> np.ndarray:
    """Excess multiplier (peak = magnitude - 1) of one event over all hours."""
    t = np.arange(n_hours) - int(event["begin"])
    length, rise = int(event["length"]), int(event["rise"])
    inside = (t >= 0) & (t < length)
    if event["type"] in ("bot_burst", "noise"):
        shape = inside.astype(float)
    else:
        up = np.clip((t + 1) / max(rise, 1), 0, 1)
        down = 0.5 ** (np.maximum(t - rise, 0) / float(event["half_life"]))
        shape = np.where(inside, np.minimum(up, down), 0.0)
    return shape * (float(event["magnitude"]) - 1.0)


def make_mentions(
    days: int = 365,
    *,
    brand: Brand | None = None,
    start: str | pd.Timestamp = "2025-01-01",
    freq: str = "h",
    events: Mapping[str, int] | None = None,
    random_state: RandomState = None,
    return_truth: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, Truth]:
    """Generate brand mentions per hour (or day) with sentiment and planted events.

    Parameters
    ----------
    days : int, default=365
        Length of the period, 1 to 3660 days.
    brand : Brand or None, default=None
        The brand; ``None`` draws one from ``random_state``.
    start : str or Timestamp, default="2025-01-01"
        First day, local time.
    freq : {"h", "D"}, default="h"
        One row per hour or per day.
    events : dict or None, default=None
        How many of each event to plant: keys from ``MENTION_EVENTS``
        (``crisis``, ``viral_post``, ``bot_burst``, ``tracking_outage``,
        ``noise``). ``None`` plants ``DEFAULT_EVENTS`` scaled to ``days``;
        ``{}`` plants none. Events start after a 28-day burn-in and are at
        least 72 hours apart.
    random_state : int, numpy.random.Generator or None, default=None
        Seed; each component has its own named child stream.
    return_truth : bool, default=False
        Also return a :class:`Truth` whose ``events`` table holds each planted
        event's window, and ``tables["mentions"]`` the expected hourly level and
        the excess from each event type.

    Returns
    -------
    mentions : pandas.DataFrame
        Columns ``timestamp`` (tz-aware, brand time zone) and int64
        ``mentions``, ``positive``, ``neutral``, ``negative``,
        ``unique_authors`` and ``potential_reach`` (sum of the authors'
        followers). Hours lost in a tracking outage are missing rows; with
        ``freq="D"``, days with no tracked hour are missing and
        ``unique_authors`` counts an author once per hour they posted in.
    truth : Truth
        Only when ``return_truth=True``.

    Notes
    -----
    Generative model. The usual hourly level is ``lambda_t = L * hour(t) ** 0.8 *
    weekday(t) * season(t) * slow(t)`` with ``L = 2.5e-4 * total followers`` (at least 8
    mentions an hour) and the posts' audience cycles, softened (mentions follow the
    audience less closely than engagement does). The background then has moods, each a
    log-normal multiplier of mean 1, so that the series look like real mention counts
    (issue 13; ``tests/test_mention_realism.py`` compares nine statistics with five real
    Twitter volume series):

    - ``slow``: a level that wanders over weeks (AR(1) per day, sd of its log 0.25,
      day-to-day correlation 0.97), the drift the truth's ``expected`` follows;
    - a mood of the day (news days, quiet days: sd 0.25, correlation 0.2);
    - a mood of the hour that lingers (sd 0.45, hour-to-hour correlation 0.95);
    - each week's own hour-of-day profile (sd 0.10 per hour of day).

    The moods of the day and hour are not in ``expected``: they are the noise a detector
    must live with. Each event adds an excess ``lambda_t * (M - 1) * k(t)`` on top:

    - crisis: ``M ~ U(5, 20)``, linear rise over 3-12 hours then exponential
      decay with a half-life of 24-72 hours; 65 % negative. The first crisis is made at
      least 1.25 times as big as any viral post or bot burst of the 28 days before it
      (``FIRST_CRISIS_LEAD``): the loudest thing its month has seen, so that a brand's
      first crisis surprises its alarm (lesson 05's drill).
    - viral_post: ``M ~ U(4, 12)``, rise 2-6 hours, half-life 4-12 hours
      (over within a day or two); mostly positive and neutral.
    - bot_burst: ``M ~ U(4, 15)`` for 3-12 hours, all from 3-12 accounts
      posting 4-12 times an hour each.
    - noise: one hour, ``M`` log-uniform in 4-40, no sentiment shift and no
      persistence: the false-alarm case (18 a year: real series have about 0.5 to 14
      one-off bursts a month).
    - tracking_outage: 6-48 hours of missing rows.

    Counts are then negative binomial (``Poisson(lambda * moods * Gamma(40, 1/40))``),
    split into sentiment by sequential
    binomials on each source's mix; distinct authors are ``1 + Binomial(n -
    1, 0.9)`` for people, and for a bot burst ``1 + Binomial(n - 1, 1 /
    posts_per_bot)``, at most the number of bots.
    Not modelled: several languages, competitors' mentions, replies threads.

    Examples
    --------
    >>> mentions, truth = make_mentions(90, events={"crisis": 1, "noise": 2},
    ...                                 random_state=0, return_truth=True)
    >>> bool((mentions["unique_authors"] <= mentions["mentions"]).all())
    True
    >>> truth.events["type"].astype(str).value_counts().sort_index().to_dict()
    {'crisis': 1, 'noise': 2}
    """
    root = root_seed(random_state)
    brand = resolve_brand(brand, root)
    start = check_date("start", start)
    days = check_int("days", days, low=1, high=3660)
    freq = check_choice("freq", freq, ("h", "D"))
    plan = _event_plan(events, days)
    tz = brand.timezone

    first = localize(start, tz)
    n_hours = int((localize(start + pd.Timedelta(days=days), tz) - first) / pd.Timedelta("1h"))
    stamps = pd.date_range(first, periods=n_hours, freq="h")
    local = stamps.tz_localize(None)
    hour_cycle = AUDIENCE_WEEK_HOUR**CYCLE_STRENGTH
    hour_cycle = hour_cycle / hour_cycle.mean()
    followers = float(brand.platforms["followers"].sum())
    level = max(MIN_LEVEL, MENTIONS_PER_FOLLOWER_HOUR * followers)
    slow, mood = _background(local, child_rng(root, "mentions.background"))
    season = yearly_season(local) * slow
    expected = level * hour_cycle[local.day_of_week, local.hour] * season
    flat = level * season * 0.5 * (1 + hour_cycle[local.day_of_week, local.hour])

    placed = _loudest_first_crisis(_place_events(plan, n_hours,
                                                 child_rng(root, "mentions.events")))
    excess = {kind: np.zeros(n_hours) for kind in ("crisis", "viral_post", "bot_burst", "noise")}
    kept = np.ones(n_hours, dtype=bool)
    bots = np.zeros(n_hours, dtype=np.int64)
    posts_per_bot = np.ones(n_hours)
    for event in placed:
        kind = str(event["type"])
        if kind == "tracking_outage":
            b = int(event["begin"])
            kept[b : b + int(event["length"])] = False
            continue
        k = _kernel(event, n_hours)
        base = expected if kind == "noise" else flat
        excess[kind] += base * k
        if kind == "bot_burst":
            bots = np.where(k > 0, int(event["bots"]), bots)
            posts_per_bot = np.where(k > 0, float(event["posts_per_bot"]), posts_per_bot)

    counts = {"positive": 0, "neutral": 0, "negative": 0}
    authors = np.zeros(n_hours, dtype=np.int64)
    reach = np.zeros(n_hours)
    total = np.zeros(n_hours, dtype=np.int64)
    sources = {"base": expected * mood, **excess}
    for source, lam in sources.items():
        rng = child_rng(root, f"mentions.{source}")
        profile = _EVENT_PROFILE[source]
        n = rng.poisson(lam * rng.gamma(DISPERSION, 1 / DISPERSION, size=n_hours))
        pos = rng.binomial(n, profile["sentiment"][0])
        neu = rng.binomial(n - pos, profile["sentiment"][1] / (1 - profile["sentiment"][0]))
        counts["positive"] = counts["positive"] + pos
        counts["neutral"] = counts["neutral"] + neu
        counts["negative"] = counts["negative"] + (n - pos - neu)
        if source == "bot_burst":
            # Each bot posts several times an hour: about n / posts_per_bot distinct accounts.
            who = np.where(n > 0, np.minimum(bots, 1 + rng.binomial(np.maximum(n - 1, 0),
                                                                     1.0 / posts_per_bot)), 0)
        else:
            who = np.where(n > 0, 1 + rng.binomial(np.maximum(n - 1, 0), profile["unique"]), 0)
        authors += who
        mean_followers = float(profile["author_followers"])
        reach += np.where(who > 0, rng.gamma(np.maximum(who, 1) * 0.5, 2 * mean_followers), 0.0)
        total += n

    frame = pd.DataFrame(
        {
            "timestamp": stamps,
            "mentions": total,
            "positive": counts["positive"],
            "neutral": counts["neutral"],
            "negative": counts["negative"],
            "unique_authors": authors,
            "potential_reach": np.rint(reach).astype(np.int64),
        }
    )
    frame = frame.loc[kept].reset_index(drop=True)
    if freq == "D":
        frame = _daily(frame)
    if not return_truth:
        return frame
    return frame, _mentions_truth(placed, stamps, expected, excess, kept, level, tz)


def _ar1(n: int, sd: float, rho: float, rng: np.random.Generator) -> np.ndarray:
    """A stationary AR(1) series of length ``n``: standard deviation ``sd``, lag-1 corr ``rho``."""
    shocks = rng.normal(0.0, sd * np.sqrt(1.0 - rho**2), size=n)
    shocks[0] = rng.normal(0.0, sd)
    out = np.empty(n)
    out[0] = shocks[0]
    for i in range(1, n):  # short loop: days, or one pass over hours
        out[i] = rho * out[i - 1] + shocks[i]
    return out


def _background(local: pd.DatetimeIndex, rng: np.random.Generator
                ) -> tuple[np.ndarray, np.ndarray]:
    """The slow level (drift) and the day's and hour's moods, as multipliers of mean 1."""
    day = np.asarray((local.normalize() - local[0].normalize()).days)
    n_days = int(day[-1]) + 2
    slow_days = _ar1(n_days, *SLOW_LEVEL, rng)
    # the slow level glides from one day's value to the next over the day's hours
    slow = np.interp(day + np.asarray(local.hour) / 24.0, np.arange(n_days), slow_days)
    mood = _ar1(n_days, *DAY_MOOD, rng)[day] + _ar1(len(local), *HOUR_MOOD, rng)
    week_profile = rng.normal(0.0, WEEK_PROFILE, size=(n_days // 7 + 1, 24))
    mood += week_profile[day // 7, np.asarray(local.hour)]
    sd_mood2 = DAY_MOOD[0] ** 2 + HOUR_MOOD[0] ** 2 + WEEK_PROFILE ** 2
    return np.exp(slow - SLOW_LEVEL[0] ** 2 / 2), np.exp(mood - sd_mood2 / 2)


def _daily(hourly: pd.DataFrame) -> pd.DataFrame:
    day = hourly["timestamp"].dt.tz_localize(None).dt.normalize()
    tz = hourly["timestamp"].dt.tz
    out = hourly.drop(columns="timestamp").groupby(day.rename("timestamp")).sum()
    out.index = localize(out.index, tz)
    return out.reset_index()


def _mentions_truth(
    placed: list[dict[str, object]],
    stamps: pd.DatetimeIndex,
    expected: np.ndarray,
    excess: dict[str, np.ndarray],
    kept: np.ndarray,
    level: float,
    tz: str,
) -> Truth:
    labels = {
        "crisis": "Crisis: mentions up to x{m:.1f}, mostly negative, slow decay.",
        "viral_post": "Viral post: mentions up to x{m:.1f}, positive, over within a day or two.",
        "bot_burst": "Bot burst: x{m:.1f} for {h} hours from only {b} accounts.",
        "noise": "One-off spike: x{m:.1f} for one hour, no sentiment shift (a false alarm).",
        "tracking_outage": "Tracking outage: {h} hours of data missing.",
    }
    rows = []
    for e in placed:
        begin, length = int(e["begin"]), int(e["length"])
        peak = begin + int(e["rise"]) if e["type"] in ("crisis", "viral_post") else begin
        rows.append(
            {
                "type": e["type"],
                "table": "mentions",
                "platform": None,
                "start": stamps[begin],
                "end": stamps[min(begin + length - 1, len(stamps) - 1)],
                "peak": stamps[min(peak, len(stamps) - 1)],
                "magnitude": float(e["magnitude"]) if e["type"] != "tracking_outage"
                else float(length),
                "description": labels[str(e["type"])].format(
                    m=float(e["magnitude"]), h=length, b=int(e["bots"])
                ),
            }
        )
    per_hour = pd.DataFrame({"timestamp": stamps, "expected": expected, "tracked": kept})
    for kind, values in excess.items():
        per_hour[f"excess_{kind}"] = values
    return Truth(
        params={
            "level_per_hour": level,
            "dispersion": DISPERSION,
            "moods": {"slow_level": SLOW_LEVEL, "day": DAY_MOOD, "hour": HOUR_MOOD,
                      "week_profile": WEEK_PROFILE, "cycle_strength": CYCLE_STRENGTH},
            "base_sentiment": dict(zip(("positive", "neutral", "negative"), BASE_SENTIMENT,
                                       strict=True)),
        },
        events=events_frame(rows, tz),
        tables={"mentions": per_hour},
    )
