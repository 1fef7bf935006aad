"""Short social-media mentions of the brand, with a keyword tool's sentiment and the human one.

The texts are templated (see :mod:`smmlab.synth._text_templates`), so they are a teaching sample
for "read before you trust the sentiment score" exercises, not a language corpus.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from smmlab._random import RandomState, child_rng, root_seed
from smmlab._validate import check_date, check_int, check_number, fail
from smmlab.synth import _text_templates as tt
from smmlab.synth.brand import PLATFORM_DTYPE, PLATFORMS, Brand, resolve_brand

LANGUAGE_DTYPE = pd.CategoricalDtype(list(tt.LANGUAGES), ordered=True)
TOPIC_DTYPE = pd.CategoricalDtype(list(tt.TOPICS), ordered=False)
SENTIMENT_DTYPE = pd.CategoricalDtype(list(tt.SENTIMENTS), ordered=True)

#: Human sentiment of the texts that are not part of the crisis.
BACKGROUND_SENTIMENT: dict[str, float] = {"negative": 0.30, "neutral": 0.35, "positive": 0.35}

#: Topic given the human sentiment, for texts that are not part of the crisis.
TOPIC_GIVEN_SENTIMENT: dict[str, dict[str, float]] = {
    "negative": {topic: 1 / len(tt.COMPLAINT_TOPICS) for topic in tt.COMPLAINT_TOPICS},
    "neutral": {"question": 0.6, "other": 0.4},
    "positive": {"praise": 0.6, "product quality": 0.4},
}

#: Share of texts, in every (language, topic, sentiment) group, that the keyword tool mislabels.
TRICKY_SHARE = 0.18

#: Chance that a text opens with the brand's @handle (when the template has none).
MENTION_SHARE = 0.15
#: Chances that a text ends with nothing, an emoji or a hashtag.
ENDING_SHARES = (0.4, 0.35, 0.25)

# (topic, sentiment) groups, in a fixed order.
_STRATA: tuple[tuple[str, str], ...] = tuple(
    (topic, sentiment) for sentiment, topics in TOPIC_GIVEN_SENTIMENT.items() for topic in topics
)
_BACKGROUND_P = np.array(
    [BACKGROUND_SENTIMENT[s] * TOPIC_GIVEN_SENTIMENT[s][t] for t, s in _STRATA]
)


def _code(values: tuple[str, ...], value: str) -> int:
    return values.index(value)


def _template_table() -> dict[str, np.ndarray]:
    """Flatten :data:`TEMPLATES` into arrays sorted by (language, stratum, tricky)."""
    rows = []
    for lang_code, lang in enumerate(tt.LANGUAGES):
        for tpl in tt.TEMPLATES[lang]:
            if (tpl.topic, tpl.sentiment) not in _STRATA or tpl.tool not in tt.SENTIMENTS:
                raise RuntimeError(f"Template with unknown topic or labels: {tpl!r}")
            stratum = _STRATA.index((tpl.topic, tpl.sentiment))
            tricky = int(tpl.tool != tpl.sentiment)
            key = (lang_code * len(_STRATA) + stratum) * 2 + tricky
            rows.append((key, tpl))
    rows.sort(key=lambda row: row[0])
    keys = np.array([key for key, _ in rows])
    counts = np.bincount(keys, minlength=len(tt.LANGUAGES) * len(_STRATA) * 2)
    if (counts == 0).any():
        raise RuntimeError("Every (language, topic, sentiment) needs plain and tricky templates.")
    templates = [tpl for _, tpl in rows]
    return {
        "start": np.concatenate([[0], np.cumsum(counts)[:-1]]),
        "count": counts,
        "text": np.array([tpl.text for tpl in templates], dtype=object),
        "topic": np.array([_code(tt.TOPICS, tpl.topic) for tpl in templates]),
        "sentiment": np.array([_code(tt.SENTIMENTS, tpl.sentiment) for tpl in templates]),
        "tool": np.array([_code(tt.SENTIMENTS, tpl.tool) for tpl in templates]),
        "has_handle": np.array(["{handle}" in tpl.text for tpl in templates]),
    }


_TABLE = _template_table()


def make_mention_texts(
    n_texts: int = 300,
    *,
    brand: Brand | None = None,
    start: str | pd.Timestamp = "2025-01-01",
    days: int = 365,
    crisis_share: float = 0.2,
    random_state: RandomState = None,
    return_truth: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, dict[str, object]]:
    """Generate a small sample of social-media mentions of the brand, in Italian and English.

    Each text carries two sentiment labels: the one a keyword-based listening tool gave it and
    the one a person gave it after reading it. They disagree on about 18 % of the texts, in the
    ways keyword tools really fail (sarcasm, negation, slang, mixed texts, worried questions,
    negative words that are not about the brand), so the learner can practise reading a sample
    before trusting a sentiment dashboard.

    Parameters
    ----------
    n_texts : int, default=300
        Number of texts, 1 to 100,000.
    brand : Brand or None, default=None
        The brand mentioned; None draws one from ``random_state`` (the same brand as
        ``make_brand(random_state)`` for an int seed).
    start : str or pandas.Timestamp, default="2025-01-01"
        First day of the period, a date in the brand's time zone.
    days : int, default=365
        Length of the period in days, 1 to 3660.
    crisis_share : float, default=0.2
        Share of the texts (0 to 0.8) that are complaints about one crisis topic.
    random_state : int, numpy.random.Generator or None, default=None
        Seed. The same int gives the same texts.
    return_truth : bool, default=False
        Also return the answer key.

    Returns
    -------
    pandas.DataFrame or (pandas.DataFrame, dict)
        One row per text, sorted by time, with the columns below. With ``return_truth=True``
        also a dict with ``"crisis_topic"`` (str), ``"tool_accuracy"`` (float, share of rows
        where ``tool_sentiment == sentiment``) and ``"confusion"`` (DataFrame of counts, human
        ``sentiment`` in rows, ``tool_sentiment`` in columns).

        ================  ==========================  ==========================================
        column            dtype                       meaning
        ================  ==========================  ==========================================
        text_id           int64                       1 to ``n_texts``, in time order
        published_at      datetime64[us, tz]          when it was posted, brand's time zone
        language          ordered category            ``"it"`` or ``"en"``
        platform          ordered category            where it was posted (all platforms as
                                                      categories)
        topic             category                    what it is about (delivery, product
                                                      quality, customer service, price,
                                                      website, praise, question, other)
        text              str                         the mention
        tool_sentiment    ordered category            negative < neutral < positive, as
                                                      labelled by the keyword tool
        sentiment         ordered category            the human label (the truth)
        ================  ==========================  ==========================================

    Notes
    -----
    Generative model, one named random stream per step:

    1. ``published_at`` is uniform in absolute time over ``[start, start + days)`` in the
       brand's time zone, whole seconds, sorted.
    2. ``language`` is ``"it"`` with probability 0.6, else ``"en"``.
    3. ``platform`` is drawn from the brand's platforms with probability proportional to their
       followers.
    4. A crisis topic is drawn uniformly from delivery, product quality, customer service,
       price and website; ``round(crisis_share * n_texts)`` random texts are negative
       complaints about it. The topic is drawn even when ``crisis_share`` is 0, and a larger
       ``crisis_share`` only adds texts to the crisis, so the other draws never change.
    5. Every other text draws its human sentiment (negative 30 %, neutral 35 %, positive 35 %)
       and a topic given it: complaints are uniform over the five complaint topics, positive
       texts are praise (60 %) or product quality (40 %), neutral ones question (60 %) or
       other (40 %).
    6. Within its (language, topic, sentiment) group, a text is *tricky* with probability
       0.18 and then uses a template the tool mislabels; otherwise one it labels right. The
       template is uniform within that choice and fixes both labels.
    7. Slots are filled with the brand name, its @handle and one of six products of its
       industry; 15 % of texts open with the @handle, 35 % end with an emoji of their human
       sentiment and 25 % with a hashtag.

    The tool accuracy is therefore about 0.82 whatever ``crisis_share`` is, and the crisis
    topic is the most frequent negative topic as soon as ``crisis_share`` is clearly above the
    background (about 0.06 of texts per complaint topic).

    Not modelled: real language variety (about 50 templates per language, so texts repeat),
    irony, dialect, typos and code-switching beyond those templates, replies and threads,
    reach or engagement of the mentions, and any link with the other generated tables.

    Examples
    --------
    >>> frame, truth = make_mention_texts(200, random_state=3, return_truth=True)
    >>> frame.shape
    (200, 8)
    >>> truth["crisis_topic"] in ("delivery", "product quality", "customer service", "price",
    ...                           "website")
    True
    >>> sarcasm = (frame["sentiment"] == "negative") & (frame["tool_sentiment"] == "positive")
    >>> bool(sarcasm.any())
    True
    """
    root = root_seed(random_state)
    n = check_int("n_texts", n_texts, low=1, high=100_000)
    first_day = check_date("start", start)
    days = check_int("days", days, low=1, high=3660)
    crisis_share = check_number("crisis_share", crisis_share, low=0.0, high=0.8)
    if not isinstance(return_truth, bool | np.bool_):
        fail("return_truth", return_truth, "type", expected="True or False")
    brand = resolve_brand(brand, root)

    published = _timestamps(child_rng(root, "mention_texts.timestamps"), n, first_day, days, brand)

    lang_p = np.array([tt.LANGUAGE_SHARES[lang] for lang in tt.LANGUAGES])
    lang = child_rng(root, "mention_texts.language").choice(
        len(lang_p), size=n, p=lang_p / lang_p.sum()
    )

    followers = brand.platforms["followers"].to_numpy(dtype=float)
    platform_codes = np.array([PLATFORMS.index(p) for p in brand.platforms.index])
    platform = platform_codes[
        child_rng(root, "mention_texts.platforms").choice(
            len(followers), size=n, p=followers / followers.sum()
        )
    ]

    rng = child_rng(root, "mention_texts.crisis")
    crisis_topic = tt.COMPLAINT_TOPICS[int(rng.integers(len(tt.COMPLAINT_TOPICS)))]
    crisis_rows = rng.permutation(n)[: int(np.rint(crisis_share * n))]

    rng = child_rng(root, "mention_texts.templates")
    stratum = rng.choice(len(_STRATA), size=n, p=_BACKGROUND_P / _BACKGROUND_P.sum())
    tricky = rng.random(n) < TRICKY_SHARE
    within = rng.random(n)
    stratum[crisis_rows] = _STRATA.index((crisis_topic, "negative"))
    key = (lang * len(_STRATA) + stratum) * 2 + tricky
    template = _TABLE["start"][key] + (within * _TABLE["count"][key]).astype(np.int64)

    human = _TABLE["sentiment"][template]
    text = _fill(child_rng(root, "mention_texts.fills"), template, lang, human, brand)

    frame = pd.DataFrame(
        {
            "text_id": np.arange(1, n + 1, dtype=np.int64),
            "published_at": published,
            "language": pd.Categorical.from_codes(lang, dtype=LANGUAGE_DTYPE),
            "platform": pd.Categorical.from_codes(platform, dtype=PLATFORM_DTYPE),
            "topic": pd.Categorical.from_codes(_TABLE["topic"][template], dtype=TOPIC_DTYPE),
            "text": text,
            "tool_sentiment": pd.Categorical.from_codes(
                _TABLE["tool"][template], dtype=SENTIMENT_DTYPE
            ),
            "sentiment": pd.Categorical.from_codes(human, dtype=SENTIMENT_DTYPE),
        }
    )
    if not return_truth:
        return frame
    tool = _TABLE["tool"][template]
    k = len(tt.SENTIMENTS)
    confusion = pd.DataFrame(
        np.bincount(human * k + tool, minlength=k * k).reshape(k, k).astype(np.int64),
        index=pd.Index(list(tt.SENTIMENTS), name="sentiment"),
        columns=pd.Index(list(tt.SENTIMENTS), name="tool_sentiment"),
    )
    truth = {
        "crisis_topic": crisis_topic,
        "tool_accuracy": float(np.mean(tool == human)),
        "confusion": confusion,
    }
    return frame, truth


def _timestamps(
    rng: np.random.Generator, n: int, first_day: pd.Timestamp, days: int, brand: Brand
) -> pd.DatetimeIndex:
    """Return ``n`` sorted whole-second times, uniform over the period in the brand's zone."""
    bounds = [first_day, first_day + pd.Timedelta(days=days)]
    t0, t1 = (
        ts.tz_localize(brand.timezone, ambiguous=True, nonexistent="shift_forward") for ts in bounds
    )
    span = int((t1 - t0).total_seconds())
    offsets = np.sort(rng.integers(0, span, size=n))
    return (t0 + pd.to_timedelta(offsets, unit="s")).as_unit("us")


def _fill(
    rng: np.random.Generator,
    template: np.ndarray,
    lang: np.ndarray,
    human: np.ndarray,
    brand: Brand,
) -> pd.Series:
    """Fill the templates' slots and add an @handle, an emoji or a hashtag, vectorized."""
    n = len(template)
    products = np.array(tt.PRODUCTS[brand.industry], dtype=object).T  # language x product
    product = products[lang, rng.integers(0, products.shape[1], size=n)]
    opens = rng.random(n) < MENTION_SHARE
    ending = rng.choice(len(ENDING_SHARES), size=n, p=ENDING_SHARES)
    pick = rng.random(n)

    handle = _handle(brand.name)
    text = pd.Series(_TABLE["text"][template], dtype="str")
    while text.str.contains("{product}", regex=False).any():
        parts = text.str.partition("{product}")
        text = parts[0] + np.where(parts[1] == "", "", product) + parts[2]
    text = text.str.replace("{handle}", handle, regex=False)
    text = text.str.replace("{brand}", brand.name, regex=False)

    emoji_sets = [tt.EMOJI[s] for s in tt.SENTIMENTS]
    emoji_flat = np.array([e for emojis in emoji_sets for e in emojis], dtype=object)
    emoji_count = np.array([len(emojis) for emojis in emoji_sets])
    emoji_start = np.concatenate([[0], np.cumsum(emoji_count)[:-1]])
    emoji = emoji_flat[emoji_start[human] + (pick * emoji_count[human]).astype(np.int64)]
    hashtags = np.array(["#" + re.sub(r"\W+", "", brand.name), *tt.HASHTAGS[brand.industry]])
    hashtag = hashtags[(pick * len(hashtags)).astype(np.int64)]

    prefix = np.where(opens & ~_TABLE["has_handle"][template], handle + " ", "")
    suffix = np.select([ending == 1, ending == 2], [" " + emoji, " " + hashtag], "")
    return (prefix + text + suffix).astype("str")


def _handle(name: str) -> str:
    """Return the brand's @handle: its name in lower-case ASCII letters and digits."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "@" + (re.sub(r"[^0-9a-z]+", "", ascii_name.lower()) or "brand")
