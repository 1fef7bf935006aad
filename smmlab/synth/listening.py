"""Social listening: the brand's share of voice against competitors, and the brand's inbox.

Two generators:

- :func:`make_voice`: daily mentions of the brand and of fictional competitors, by language
  and sentiment, as a listening tool exports them (share of voice, sentiment mix);
- :func:`make_inbox`: the comments and direct messages the brand received and how (and
  whether) it answered them (response rate, response time).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab._random import RandomState, child_rng, child_seed, root_seed
from smmlab._validate import check_date, check_int, fail
from smmlab.synth._calendar import AUDIENCE_WEEK_HOUR, localize, period, yearly_season
from smmlab.synth.brand import (
    _NAME_FIRST,
    _NAME_SECOND,
    PLATFORM_DTYPE,
    PLATFORMS,
    Brand,
    resolve_brand,
)
from smmlab.synth.mentions import MENTIONS_PER_FOLLOWER_HOUR, make_mentions
from smmlab.synth.texts import SENTIMENT_DTYPE
from smmlab.synth.truth import Truth, events_frame

# --------------------------------------------------------------------------------------------
# Share of voice
# --------------------------------------------------------------------------------------------

#: Languages of the voice table, in the order of its ``language`` categorical.
VOICE_LANGUAGES: tuple[str, ...] = ("it", "en", "fr", "de")
VOICE_LANGUAGE_DTYPE = pd.CategoricalDtype(list(VOICE_LANGUAGES), ordered=False)
#: Mean language mix of every company (Italian brands, some tourists and export customers).
LANGUAGE_MIX = np.array([0.60, 0.30, 0.06, 0.04])
#: Dirichlet concentration of each company's language mix around :data:`LANGUAGE_MIX`.
LANGUAGE_CONCENTRATION = 100.0
#: Competitor size, as a multiple of the brand's usual level: the first is the market leader.
LEADER_SIZE = (1.2, 2.5)
RIVAL_SIZE = (0.35, 0.9)
#: Log change of a competitor's level over the whole period, drawn from U(-0.35, 0.35).
TREND_RANGE = 0.35
#: Gamma shape of a competitor's day-to-day noise (coefficient of variation 1 / sqrt(30)).
DAILY_DISPERSION = 30.0
#: Sentiment mix (positive, neutral, negative) of the mentions a competitor event adds.
_EVENT_SENTIMENT = {
    "crisis": np.array([0.05, 0.30, 0.65]),
    "viral_post": np.array([0.55, 0.40, 0.05]),
}
VOICE_BURN_IN_DAYS = 28
MAX_COMPETITORS = 6

VOICE_COLUMNS: tuple[str, ...] = (
    "date", "company", "language", "mentions", "positive", "neutral", "negative",
)  # fmt: skip
_SENTIMENT_COLUMNS = ("positive", "neutral", "negative")


def _competitor_names(brand_name: str, n: int, rng: np.random.Generator) -> list[str]:
    """``n`` distinct names built like brand names, sharing no word with the brand or each other.

    Examples
    --------
    >>> names = _competitor_names("Casa Luna", 2, np.random.default_rng(0))
    >>> len(set(names)), any("Casa" in n or "Luna" in n for n in names)
    (2, False)
    """
    used = set(brand_name.split())
    combos = [(a, b) for a in _NAME_FIRST for b in _NAME_SECOND]
    names: list[str] = []
    for i in rng.permutation(len(combos)):
        first, second = combos[i]
        if first in used or second in used:
            continue
        names.append(f"{first} {second}")
        used |= {first, second}
        if len(names) == n:
            break
    return names


def _brand_days(
    mentions: pd.DataFrame, brand: Brand, start: pd.Timestamp, days: int
) -> tuple[np.ndarray, np.ndarray]:
    """The brand's daily sentiment counts (days x 3) and each day's share of tracked hours."""
    needed = {"timestamp", *_SENTIMENT_COLUMNS}
    if not isinstance(mentions, pd.DataFrame) or not needed <= set(mentions.columns):
        fail("mentions", type(mentions).__name__, "type",
             expected="the hourly table from make_mentions() (timestamp, positive, neutral, "
             "negative)")
    stamps = mentions["timestamp"]
    if not isinstance(stamps.dtype, pd.DatetimeTZDtype):
        fail("mentions", "timestamps without a time zone", "type",
             expected="the hourly table from make_mentions(), with tz-aware timestamps")
    steps = stamps.sort_values().diff().dropna()
    if len(steps) and (steps == pd.Timedelta("1h")).mean() < 0.5:
        fail("mentions", "a table with one row per day", "type",
             expected="the hourly table from make_mentions() (freq='h'), not the daily one")
    tz = brand.timezone
    first = localize(start, tz)
    n_hours = int((localize(start + pd.Timedelta(days=days), tz) - first) / pd.Timedelta("1h"))
    grid = pd.date_range(first, periods=n_hours, freq="h").tz_localize(None).normalize()
    hours_in_day = np.bincount((grid - start).days, minlength=days)[:days]

    local_day = stamps.dt.tz_convert(tz).dt.tz_localize(None).dt.normalize()
    index = (local_day - start).dt.days.to_numpy()
    if len(index) and (index.min() < 0 or index.max() >= days):
        fail("mentions", "a table outside the period", "type",
             expected=f"hourly mentions from {start.date()} for {days} days (the same period)")
    if len(index) and (np.bincount(index, minlength=days) > hours_in_day).any():
        fail("mentions", "more than one row per hour", "type",
             expected="the hourly table from make_mentions() (freq='h'), not the daily one")
    counts = np.stack([np.bincount(index, weights=mentions[c].to_numpy(dtype=float),
                                   minlength=days) for c in _SENTIMENT_COLUMNS], axis=1)
    tracked = np.bincount(index, minlength=days) / np.maximum(hours_in_day, 1)
    return np.rint(counts).astype(np.int64), tracked


def _competitor_event(rng: np.random.Generator, days: int) -> dict[str, object] | None:
    """One event for one competitor (a crisis or a viral moment), in days; None if too short."""
    kind = ("crisis", "viral_post")[int(rng.integers(2))]
    magnitude = float(rng.uniform(3.0, 8.0) if kind == "crisis" else rng.uniform(2.5, 6.0))
    rise = int(rng.integers(0, 3))
    half_life = float(rng.uniform(1.0, 4.0))
    length = int(rise + np.ceil(half_life * np.log2(20)))
    latest = days - length - 1
    begin = int(rng.integers(VOICE_BURN_IN_DAYS, latest)) if latest > VOICE_BURN_IN_DAYS else None
    if begin is None:
        return None
    return {"type": kind, "begin": begin, "rise": rise, "half_life": half_life,
            "magnitude": magnitude, "length": length}


def _event_kernel(event: dict[str, object], days: int) -> np.ndarray:
    """Excess multiplier of one event over the days: linear rise, then exponential decay."""
    t = np.arange(days) - int(event["begin"])
    rise = int(event["rise"])
    up = np.clip((t + 1) / (rise + 1), 0, 1)
    down = 0.5 ** (np.maximum(t - rise, 0) / float(event["half_life"]))
    inside = (t >= 0) & (t < int(event["length"]))
    return np.where(inside, np.minimum(up, down), 0.0) * (float(event["magnitude"]) - 1.0)


def make_voice(
    days: int = 365,
    *,
    brand: Brand | None = None,
    start: str | pd.Timestamp = "2025-01-01",
    competitors: int = 2,
    mentions: pd.DataFrame | None = None,
    random_state: RandomState = None,
    return_truth: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, Truth]:
    """Generate daily mentions of the brand and its competitors, by language and sentiment.

    This is what a social-listening tool exports when it tracks the brand and its
    competitors: one row per day, company and language. Share of voice, sentiment mix and
    volume by language all come from it.

    Parameters
    ----------
    days : int, default=365
        Length of the period, 1 to 3660 days.
    brand : Brand or None, default=None
        The brand; ``None`` draws one from ``random_state``.
    start : str or Timestamp, default="2025-01-01"
        First day, local time.
    competitors : int, default=2
        Number of competitors, 1 to 6. Their names are built like brand names and share no
        word with the brand's name or each other's; the same seed gives the same names.
    mentions : DataFrame or None, default=None
        The brand's hourly mentions from :func:`smmlab.synth.make_mentions` for the same
        brand and period. When given, the brand's rows add up to it exactly: for every day,
        the brand's ``positive``, ``neutral`` and ``negative`` summed over languages equal the
        day's sums of the hourly table. ``None`` generates that hourly table first, on the
        child stream ``"voice.brand_mentions"``.
    random_state : int, numpy.random.Generator or None, default=None
        Seed; each component has its own named child stream.
    return_truth : bool, default=False
        Also return a :class:`Truth`: the competitors' names, sizes, trends, language and
        sentiment mixes in ``params``, each competitor's event in ``events`` (``table`` is
        ``"voice"``; the brand's own events are in the mentions' truth) and the expected
        daily level of every company in ``tables["voice"]``.

    Returns
    -------
    voice : pandas.DataFrame
        One row per tracked day, company and language, sorted in that order:

        ==========  ==================  ==================================================
        date        datetime64[us]      calendar day (local), no time zone
        company     ordered category    the brand first, then the competitors
        language    category            it, en, fr, de
        mentions    int64               posts or comments naming the company that day
        positive    int64               mentions with positive sentiment
        neutral     int64               mentions with neutral sentiment
        negative    int64               mentions with negative sentiment
        ==========  ==================  ==================================================

        ``positive + neutral + negative == mentions`` on every row. Days on which the
        listening tool tracked no hour at all (a tracking outage of the hourly mentions) have
        no rows, for any company: the tool was down for every keyword.
    truth : Truth
        Only when ``return_truth=True``.

    Notes
    -----
    Generative model, one named random stream per step:

    1. The brand's daily counts are the local-day sums of the hourly mentions (see
       :func:`smmlab.synth.make_mentions`: crises, viral posts, bots, outages included).
    2. Competitor ``c`` has a usual daily level ``L * s_c * exp(g_c * t / days) *
       weekday(t) * season(t)``, with ``L = 24 * 6e-5 * the brand's followers`` (the
       brand's own usual level), ``s_1 ~ LogUniform(1.2, 2.5)`` (the market leader), ``s_c ~
       LogUniform(0.35, 0.9)`` for the others, a trend ``g_c ~ U(-0.35, 0.35)`` and the
       audience's weekday cycle and yearly season.
    3. Each competitor has one event after a 28-day burn-in (none when the period is too
       short): a crisis (peak ``x U(3, 8)``, 65 % negative) or a viral moment (peak ``x
       U(2.5, 6)``, mostly positive), rising over 0-2 days and decaying with a half-life of
       1-4 days.
    4. Usual sentiment of a competitor: positive ``U(0.22, 0.38)``, negative ``U(0.08,
       0.22)``, the rest neutral. Every company's language mix is ``Dirichlet(100 * (0.60,
       0.30, 0.06, 0.04))`` for it, en, fr, de.
    5. Competitor counts are ``Poisson(level * G * sentiment * language)`` per cell, with a
       daily ``G ~ Gamma(30, 1/30)`` per company (over-dispersion), and the level scaled by
       the share of the day's hours the tool tracked. The brand's daily counts of each
       sentiment are split into languages by a multinomial on the brand's mix.

    So share of voice is unbiased on days with a partial outage (every company loses the
    same share). Not modelled: competitors' bots and one-off spikes, languages that change
    over the year, sentiment that differs by language.

    Examples
    --------
    >>> voice = make_voice(60, random_state=0)
    >>> voice.columns.tolist()
    ['date', 'company', 'language', 'mentions', 'positive', 'neutral', 'negative']
    >>> len(voice["company"].cat.categories)
    3
    >>> bool((voice[["positive", "neutral", "negative"]].sum(axis=1) == voice["mentions"]).all())
    True
    """
    root = root_seed(random_state)
    brand = resolve_brand(brand, root)
    start = check_date("start", start)
    days = check_int("days", days, low=1, high=3660)
    n_comp = check_int("competitors", competitors, low=1, high=MAX_COMPETITORS)
    if not isinstance(return_truth, bool | np.bool_):
        fail("return_truth", return_truth, "type", expected="True or False")
    if mentions is None:
        mentions = make_mentions(days, brand=brand, start=start,
                                 random_state=child_seed(root, "voice.brand_mentions"))
    brand_counts, tracked = _brand_days(mentions, brand, start, days)

    names = _competitor_names(brand.name, n_comp, child_rng(root, "voice.names"))
    companies = [brand.name, *names]
    n_co = len(companies)

    rng = child_rng(root, "voice.competitors")
    size = np.exp(np.concatenate([
        rng.uniform(*np.log(LEADER_SIZE), size=1),
        rng.uniform(*np.log(RIVAL_SIZE), size=n_comp - 1),
    ]))
    trend = rng.uniform(-TREND_RANGE, TREND_RANGE, size=n_comp)
    positive = rng.uniform(0.22, 0.38, size=n_comp)
    negative = rng.uniform(0.08, 0.22, size=n_comp)
    base_sentiment = np.stack([positive, 1 - positive - negative, negative], axis=1)

    language_mix = child_rng(root, "voice.languages").dirichlet(
        LANGUAGE_CONCENTRATION * LANGUAGE_MIX, size=n_co)

    dates = period(start, days)
    weekday = AUDIENCE_WEEK_HOUR.sum(axis=1)
    weekday = weekday / weekday.mean()
    followers = float(brand.platforms["followers"].sum())
    level = 24 * max(2.0, MENTIONS_PER_FOLLOWER_HOUR * followers)
    usual = (level * size[None, :] * np.exp(np.outer(np.arange(days) / days, trend))
             * (weekday[dates.day_of_week] * yearly_season(dates))[:, None])

    event_rng = child_rng(root, "voice.events")
    events = [_competitor_event(event_rng, days) for _ in range(n_comp)]
    excess = np.zeros((days, n_comp))
    sentiment = np.repeat(base_sentiment[None, :, :], days, axis=0) * usual[:, :, None]
    for c, event in enumerate(events):
        if event is None:
            continue
        excess[:, c] = usual[:, c] * _event_kernel(event, days)
        sentiment[:, c, :] += excess[:, c, None] * _EVENT_SENTIMENT[str(event["type"])]
    total = usual + excess
    sentiment = sentiment / total[:, :, None]

    rng = child_rng(root, "voice.counts")
    noise = rng.gamma(DAILY_DISPERSION, 1 / DAILY_DISPERSION, size=(days, n_comp))
    lam = ((total * noise * tracked[:, None])[:, :, None, None] * sentiment[:, :, :, None]
           * language_mix[None, 1:, None, :])
    rival_counts = rng.poisson(lam)  # day x competitor x sentiment x language
    own_counts = child_rng(root, "voice.brand_languages").multinomial(
        brand_counts, language_mix[0])  # day x sentiment x language
    counts = np.concatenate([own_counts[:, None], rival_counts], axis=1)

    keep = tracked > 0
    counts = counts[keep]
    kept_days = int(keep.sum())
    n_lang = len(VOICE_LANGUAGES)
    by_cell = counts.transpose(0, 1, 3, 2).reshape(-1, 3)  # (day, company, language) x sentiment
    company_dtype = pd.CategoricalDtype(companies, ordered=True)
    frame = pd.DataFrame({
        "date": np.repeat(dates[keep].to_numpy().astype("datetime64[us]"), n_co * n_lang),
        "company": pd.Categorical.from_codes(
            np.tile(np.repeat(np.arange(n_co), n_lang), kept_days), dtype=company_dtype),
        "language": pd.Categorical.from_codes(
            np.tile(np.arange(n_lang), kept_days * n_co), dtype=VOICE_LANGUAGE_DTYPE),
        "mentions": by_cell.sum(axis=1).astype(np.int64),
        "positive": by_cell[:, 0].astype(np.int64),
        "neutral": by_cell[:, 1].astype(np.int64),
        "negative": by_cell[:, 2].astype(np.int64),
    })
    if not return_truth:
        return frame
    return frame, _voice_truth(brand, companies, dates, events, usual, excess, level, size,
                               trend, base_sentiment, language_mix)


def _voice_truth(brand: Brand, companies: list[str], dates: pd.DatetimeIndex,
                 events: list[dict[str, object] | None], usual: np.ndarray, excess: np.ndarray,
                 level: float, size: np.ndarray, trend: np.ndarray,
                 base_sentiment: np.ndarray, language_mix: np.ndarray) -> Truth:
    labels = {
        "crisis": "{name}: crisis, its mentions up to x{m:.1f}, mostly negative, over {d} days.",
        "viral_post": "{name}: viral moment (a launch or campaign), its mentions up to x{m:.1f}, "
                      "mostly positive, over {d} days.",
    }
    rows = []
    for name, event in zip(companies[1:], events, strict=True):
        if event is None:
            continue
        begin, length = int(event["begin"]), int(event["length"])
        end = min(begin + length - 1, len(dates) - 1)
        rows.append({
            "type": event["type"], "table": "voice", "platform": None,
            "start": dates[begin], "end": dates[end],
            "peak": dates[min(begin + int(event["rise"]), end)],
            "magnitude": float(event["magnitude"]),
            "description": labels[str(event["type"])].format(
                name=name, m=float(event["magnitude"]), d=end - begin + 1),
        })
    rivals = companies[1:]
    expected = pd.DataFrame({
        "date": np.repeat(dates.to_numpy(), len(rivals)),
        "company": np.tile(rivals, len(dates)),
        "usual": usual.ravel(),
        "excess": excess.ravel(),
    })
    return Truth(
        params={
            "companies": companies,
            "level_per_day": level,
            "size": dict(zip(rivals, size.tolist(), strict=True)),
            "trend": dict(zip(rivals, trend.tolist(), strict=True)),
            "sentiment": {n: dict(zip(_SENTIMENT_COLUMNS, s.tolist(), strict=True))
                          for n, s in zip(rivals, base_sentiment, strict=True)},
            "language_mix": {n: dict(zip(VOICE_LANGUAGES, m.tolist(), strict=True))
                             for n, m in zip(companies, language_mix, strict=True)},
        },
        events=events_frame(rows, brand.timezone),
        tables={"voice": expected},
    )


# --------------------------------------------------------------------------------------------
# The inbox
# --------------------------------------------------------------------------------------------

#: Kinds of message, in the order of the ``kind`` categorical, and their shares.
KINDS: tuple[str, ...] = ("question", "complaint", "praise", "other")
KIND_DTYPE = pd.CategoricalDtype(list(KINDS), ordered=False)
KIND_SHARES = np.array([0.40, 0.25, 0.25, 0.10])
#: Sentiment (negative, neutral, positive) given the kind.
SENTIMENT_GIVEN_KIND = np.array([
    [0.10, 0.85, 0.05],  # question
    [0.90, 0.10, 0.00],  # complaint
    [0.00, 0.05, 0.95],  # praise
    [0.25, 0.50, 0.25],  # other
])
#: Messages received per follower (all platforms) per day.
INBOX_PER_FOLLOWER_DAY = 6e-5
#: Chance that the brand deletes a negative message (a bad practice; never other ones).
DELETE_NEGATIVE = 0.10
#: Chance of a reply, by kind, for messages not deleted.
REPLY_PROBABILITY = np.array([0.95, 0.85, 0.70, 0.50])
#: Median working minutes before a reply, by kind: complaints are escalated and go first.
MEDIAN_WORK_MINUTES = np.array([60.0, 25.0, 180.0, 120.0])
WORK_SIGMA = 1.0
#: Office hours of the social team, local time: Monday to Friday, 9:00 to 18:00.
OFFICE_HOURS = (9, 18)
OFFICE_DAYS = 5

INBOX_COLUMNS: tuple[str, ...] = (
    "message_id", "platform", "received_at", "kind", "sentiment", "replied_at", "deleted",
)  # fmt: skip


#: Resolution of the office clock, in seconds: every time zone's offset is a multiple of it.
_SLOT = 900


def _office_clock(first: pd.Timestamp, n_slots: int, tz: str) -> tuple[np.ndarray, np.ndarray]:
    """For each quarter hour from ``first``: is it office time, and working seconds before it."""
    local = pd.date_range(first, periods=n_slots, freq=f"{_SLOT}s").tz_convert(tz)
    local = local.tz_localize(None)
    working = np.asarray((local.day_of_week < OFFICE_DAYS) & (local.hour >= OFFICE_HOURS[0])
                         & (local.hour < OFFICE_HOURS[1]))
    before = float(_SLOT) * np.concatenate([[0], np.cumsum(working)[:-1]])
    return working, before


def make_inbox(
    n_messages: int | None = None,
    *,
    brand: Brand | None = None,
    start: str | pd.Timestamp = "2025-01-01",
    days: int = 365,
    random_state: RandomState = None,
    return_truth: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, Truth]:
    """Generate the comments and direct messages the brand received, and its replies.

    Every message here deserved an answer: questions, complaints, praise and the rest. The
    social team answers during office hours (Monday to Friday, 9:00 to 18:00 local time),
    answers complaints first, does not answer everything, and sometimes deletes a negative
    message instead of answering it -- a bad practice the course discusses.

    Parameters
    ----------
    n_messages : int or None, default=None
        Exact number of messages, 1 to 1,000,000. ``None`` draws ``Poisson(6e-5 *
        followers * days)`` (at least 1): about 6 a day for 100,000 followers.
    brand : Brand or None, default=None
        The brand; ``None`` draws one from ``random_state``.
    start : str or Timestamp, default="2025-01-01"
        First day, local time.
    days : int, default=365
        Length of the period in which messages arrive, 1 to 3660 days. Replies may come
        after it.
    random_state : int, numpy.random.Generator or None, default=None
        Seed; each component has its own named child stream.
    return_truth : bool, default=False
        Also return a :class:`Truth` with the parameters and, in ``tables["inbox"]``, each
        message's planned working minutes before a reply.

    Returns
    -------
    inbox : pandas.DataFrame
        One row per message, sorted by ``received_at``:

        ===========  ======================  ==============================================
        message_id   int64                   1 to n, in the order received
        platform     ordered category        where it arrived (the brand's platforms)
        received_at  datetime64[us, tz]      when it arrived, brand's time zone
        kind         category                question, complaint, praise, other
        sentiment    ordered category        negative < neutral < positive
        replied_at   datetime64[us, tz]      when the brand replied; missing (NaT) if it
                                             never did
        deleted      bool                    True if the brand deleted the message
        ===========  ======================  ==============================================

        ``replied_at >= received_at`` whenever there is a reply; a deleted message is never
        replied to.
    truth : Truth
        Only when ``return_truth=True``.

    Notes
    -----
    Generative model, one named random stream per step:

    1. Arrival: each message falls in an hour of the period with probability proportional
       to the audience's weekday x hour cycle and the yearly season (people write in the
       evening and at weekends too), uniformly within the hour, whole seconds.
    2. Platform: proportional to the brand's followers on each platform.
    3. Kind: question 40 %, complaint 25 %, praise 25 %, other 10 %. Sentiment given the
       kind: complaints 90 % negative, praise 95 % positive, questions 85 % neutral, other
       25/50/25.
    4. Deleted: 10 % of negative messages, never the others.
    5. Replied (if not deleted): question 95 %, complaint 85 %, praise 70 %, other 50 %.
    6. Response time: the reply needs ``w ~ LogNormal(log m, 1)`` *working* minutes, with
       median ``m`` = 25 for complaints (escalated, answered first), 60 for questions, 120
       for other messages and 180 for praise. The clock runs only in office hours, so a
       message received on Friday evening waits until Monday morning: the mean wait is far
       above the median.

    Not modelled: public holidays, replies outside office hours, threads and follow-ups,
    a backlog during crises (the inbox is not linked to the mentions' events), spam.

    Examples
    --------
    >>> inbox = make_inbox(500, random_state=0)
    >>> inbox.columns.tolist()
    ['message_id', 'platform', 'received_at', 'kind', 'sentiment', 'replied_at', 'deleted']
    >>> replied = inbox["replied_at"].notna()
    >>> bool((inbox.loc[replied, "replied_at"] >= inbox.loc[replied, "received_at"]).all())
    True
    >>> bool(inbox.loc[inbox["deleted"], "replied_at"].isna().all())
    True
    """
    root = root_seed(random_state)
    brand = resolve_brand(brand, root)
    start = check_date("start", start)
    days = check_int("days", days, low=1, high=3660)
    if n_messages is not None:
        n_messages = check_int("n_messages", n_messages, low=1, high=1_000_000)
    if not isinstance(return_truth, bool | np.bool_):
        fail("return_truth", return_truth, "type", expected="True or False")
    tz = brand.timezone
    followers = brand.platforms["followers"].to_numpy(dtype=float)
    if n_messages is None:
        drawn = child_rng(root, "inbox.count").poisson(INBOX_PER_FOLLOWER_DAY * followers.sum()
                                                        * days)
        n_messages = int(min(max(drawn, 1), 1_000_000))
    n = n_messages

    first = localize(start, tz)
    n_hours = int((localize(start + pd.Timedelta(days=days), tz) - first) / pd.Timedelta("1h"))
    local = pd.date_range(first, periods=n_hours, freq="h").tz_localize(None)
    weight = (AUDIENCE_WEEK_HOUR[local.day_of_week, local.hour] * yearly_season(local))
    rng = child_rng(root, "inbox.arrivals")
    hour = np.sort(rng.choice(n_hours, size=n, p=weight / weight.sum()))
    second = np.sort(hour * 3600 + rng.integers(0, 3600, size=n))  # seconds since ``first``

    platform_codes = np.array([PLATFORMS.index(p) for p in brand.platforms.index])
    platform = platform_codes[child_rng(root, "inbox.platforms").choice(
        len(followers), size=n, p=followers / followers.sum())]

    rng = child_rng(root, "inbox.kinds")
    kind = rng.choice(len(KINDS), size=n, p=KIND_SHARES)
    cumulative = np.cumsum(SENTIMENT_GIVEN_KIND[kind], axis=1)
    sentiment = (rng.random(n)[:, None] > cumulative[:, :-1]).sum(axis=1)

    rng = child_rng(root, "inbox.handling")
    deleted = (sentiment == 0) & (rng.random(n) < DELETE_NEGATIVE)
    replied = ~deleted & (rng.random(n) < REPLY_PROBABILITY[kind])
    work = MEDIAN_WORK_MINUTES[kind] * np.exp(WORK_SIGMA * rng.standard_normal(n))

    # Map working minutes onto the office clock; extend it until every reply fits.
    work_seconds = np.maximum(np.rint(work * 60.0), 60.0)  # a reply takes at least a minute
    extra_weeks = int(np.ceil(work_seconds.max(initial=0) / (3600 * 45))) + 2
    slots = (n_hours + 24 * 7 * extra_weeks) * 3600 // _SLOT
    working, before = _office_clock(first, slots, tz)
    at = second // _SLOT
    done = before[at] + working[at] * (second - _SLOT * at)  # working seconds done at arrival
    target = done + work_seconds
    after = before + float(_SLOT) * working  # working seconds done at the end of each slot
    reply_slot = np.searchsorted(after, target, side="left")
    reply_second = _SLOT * reply_slot + (target - before[reply_slot])
    reply_second = np.maximum(reply_second, second + 1)

    origin = first.tz_convert("UTC").tz_localize(None).to_datetime64().astype("datetime64[s]")
    received = pd.DatetimeIndex(origin + second.astype("timedelta64[s]")).as_unit("us")
    answered = pd.DatetimeIndex(origin + reply_second.astype(np.int64).astype("timedelta64[s]"))
    answered = answered.as_unit("us").where(replied)
    frame = pd.DataFrame({
        "message_id": np.arange(1, n + 1, dtype=np.int64),
        "platform": pd.Categorical.from_codes(platform, dtype=PLATFORM_DTYPE),
        "received_at": received.tz_localize("UTC").tz_convert(tz),
        "kind": pd.Categorical.from_codes(kind, dtype=KIND_DTYPE),
        "sentiment": pd.Categorical.from_codes(sentiment, dtype=SENTIMENT_DTYPE),
        "replied_at": answered.tz_localize("UTC").tz_convert(tz),
        "deleted": deleted,
    })
    if not return_truth:
        return frame
    truth = Truth(
        params={
            "office_hours": OFFICE_HOURS,
            "office_days": "Monday to Friday",
            "kind_shares": dict(zip(KINDS, KIND_SHARES.tolist(), strict=True)),
            "delete_negative": DELETE_NEGATIVE,
            "reply_probability": dict(zip(KINDS, REPLY_PROBABILITY.tolist(), strict=True)),
            "median_work_minutes": dict(zip(KINDS, MEDIAN_WORK_MINUTES.tolist(), strict=True)),
        },
        tables={"inbox": pd.DataFrame({"message_id": frame["message_id"],
                                       "working_minutes": work_seconds / 60.0,
                                       "replied": replied})},
    )
    return frame, truth


__all__ = ["KINDS", "VOICE_LANGUAGES", "make_inbox", "make_voice"]
