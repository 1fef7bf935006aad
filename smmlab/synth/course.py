"""Every table of one brand's course data, from one seed or one learner id."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab._random import RandomState, child_rng, child_seed, learner_seed, root_seed
from smmlab._validate import fail
from smmlab.synth.abtest import make_ab_test
from smmlab.synth.account import make_account_daily
from smmlab.synth.attribution import make_holdout, make_paths
from smmlab.synth.brand import Brand, make_brand
from smmlab.synth.campaigns import make_campaigns
from smmlab.synth.listening import make_inbox, make_voice
from smmlab.synth.mentions import make_mentions
from smmlab.synth.posts import make_posts
from smmlab.synth.texts import make_mention_texts
from smmlab.synth.truth import Truth, combine_events

#: Seed of the canonical brand whose tables are frozen in ``datasets/``.
CANONICAL_SEED = 2025
COURSE_START = pd.Timestamp("2025-01-01")
COURSE_DAYS = 365

#: Tables in the order they are written and documented.
TABLES: tuple[str, ...] = (
    "brand", "platforms", "posts", "account_daily", "mentions", "mention_texts", "voice", "inbox",
    "campaigns", "ab_test", "paths", "holdout",
)  # fmt: skip


def _scenario(brand, rng: np.random.Generator) -> tuple[dict, dict | None]:
    """Pick the bought-follower burst and the algorithm change planted for this brand."""
    platforms = list(brand.platforms.index)
    bought_on = "Instagram" if "Instagram" in platforms else platforms[0]
    followers = int(brand.platforms.loc[bought_on, "followers"])
    offset = int(rng.integers(60, 200))
    # March to May (a June-July draw moves 90 days earlier): reach slides or holds with the
    # season in the weeks after, so lesson 06's ER by followers falls well below ER by reach.
    offset = offset - 90 if offset >= 150 else offset
    bought = {
        "platform": bought_on,
        "date": COURSE_START + pd.Timedelta(days=offset),
        "followers": max(1000, int(round(followers * rng.uniform(0.25, 0.4), -2))),
        "days": int(rng.integers(14, 29)),
    }
    others = [p for p in ("Facebook", "Instagram", "LinkedIn") if p in platforms and p != bought_on]
    change = None
    if others:
        platform = others[int(rng.integers(len(others)))]
        drawn = COURSE_START + pd.Timedelta(days=int(rng.integers(210, 320)))
        # Moved into the first week of its month (August at the earliest): that month is
        # nearly all after the change, so lesson 10's monthly review sees the cliff.
        month = max(drawn, pd.Timestamp("2025-08-01")).to_period("M").start_time
        change = {
            "platform": platform,
            "date": month + pd.Timedelta(days=(drawn.day - 1) % 7),
            "factor": round(float(rng.uniform(0.5, 0.7)), 2),
        }
    return bought, change


#: The negative share of the brand's mentions moves at least this many percentage points from
#: the first half of the year to the second: the capstone (lesson 11) asks for that change in
#: points and tells it apart from the same change as a fraction or a relative change.
MIN_NEGATIVE_MOVE = 1.0
#: Draws of the mentions tried before giving up (each draw misses with a chance of about 1 in 10).
MENTION_DRAWS = 40


def negative_move(mentions: pd.DataFrame) -> float:
    """Change of the negative share of mentions from January-June to July-December, in points.

    Examples
    --------
    >>> m = pd.DataFrame({"timestamp": pd.to_datetime(["2025-03-01", "2025-09-01"]),
    ...                   "mentions": [100, 100], "negative": [15, 25]})
    >>> round(negative_move(m), 6)
    10.0
    """
    first = mentions["timestamp"].dt.month <= 6
    share = [mentions.loc[half, "negative"].sum() / mentions.loc[half, "mentions"].sum()
             for half in (first, ~first)]
    return float(100 * (share[1] - share[0]))


def course_mentions(brand: Brand, root: int) -> tuple[pd.DataFrame, Truth]:
    """The course's mentions of ``brand``: :func:`make_mentions`, with the capstone's story.

    The mentions are drawn on the child stream ``"mentions"``; when their negative share
    moves less than :data:`MIN_NEGATIVE_MOVE` points between the halves of the year (about
    one brand in ten: a crisis in each half), they are drawn again on ``"mentions.redraw1"``,
    ``"mentions.redraw2"``... The first draw that moves is kept, so the result depends on
    the seed only.

    Examples
    --------
    >>> from smmlab._random import child_seed, root_seed
    >>> from smmlab.synth.brand import make_brand
    >>> root = root_seed(7)
    >>> mentions, truth = course_mentions(make_brand(child_seed(root, "brand")), root)
    >>> abs(negative_move(mentions)) >= MIN_NEGATIVE_MOVE
    True
    """
    for draw in range(MENTION_DRAWS):
        stream = "mentions" if draw == 0 else f"mentions.redraw{draw}"
        mentions, truth = make_mentions(COURSE_DAYS, brand=brand, start=COURSE_START,
                                        random_state=child_seed(root, stream),
                                        return_truth=True)
        if abs(negative_move(mentions)) >= MIN_NEGATIVE_MOVE:
            return mentions, truth
    raise RuntimeError(f"{MENTION_DRAWS} draws of {brand.name}'s mentions all kept the same "
                       "negative share in both halves of the year; please report this seed")


def make_course_data(
    random_state: RandomState = None,
    *,
    learner: str | None = None,
    return_truth: bool = False,
    secret: bytes | None = None,
) -> dict[str, pd.DataFrame] | tuple[dict[str, pd.DataFrame], dict[str, object]]:
    """Generate every table of one brand's course data for 2025.

    Parameters
    ----------
    random_state : int, numpy.random.Generator or None, default=None
        Seed of the brand. :data:`CANONICAL_SEED` gives the frozen course data.
    learner : str or None, default=None
        A learner id such as an e-mail address. It is turned into a seed with
        :func:`smmlab._random.learner_seed` (SHA-256 of
        ``"smmlab-learner-v1:" + id.strip().lower()``, first 8 bytes), so a
        workshop gives each learner their own brand and anyone's data and
        answer key can be rebuilt. Give either ``random_state`` or ``learner``.
        With ``secret`` the seed is an HMAC-SHA256 of the id under that secret
        instead, so only its holder can rebuild the brand.
    return_truth : bool, default=False
        Also return the ground truth: ``{"events": <all planted events>,
        "<table>": Truth or dict, ...}``.
    secret : bytes or None, default=None
        An instructor's secret (``smmlab._random.read_secret``), with ``learner``
        only: the brand of an assessment workshop made with ``smmlab workshop
        --secret FILE``, which the learner cannot rebuild from their id.

    Returns
    -------
    data : dict of pandas.DataFrame
        Keys :data:`TABLES`: ``brand`` (one row), ``platforms`` (parameters),
        ``posts``, ``account_daily``, ``mentions`` (hourly), ``mention_texts``,
        ``voice`` (daily mentions of the brand and two competitors, by language),
        ``inbox`` (messages received and the brand's replies), ``campaigns``,
        ``ab_test``, ``paths`` (touchpoints of converting customers' journeys) and
        ``holdout`` (weekly sales of a geo holdout test of the ads, September-October).
    truth : dict
        Only when ``return_truth=True``. ``truth["events"]`` lists the events
        planted in the brand's own data; the competitors' events are in
        ``truth["voice"].events``.

    Notes
    -----
    Each table draws from its own child stream of the seed, so changing one
    generator never changes another table, except where a table is built on
    another on purpose: ``posts`` reads its followers from ``account_daily``,
    and the brand's rows of ``voice`` add up, day by day, to ``mentions``
    (the competitors' rows only share its tracking outages). ``holdout`` takes its true
    and attributed ROAS from the campaigns' truth (spend-weighted over channels), so the
    test measures the same ads. The scenario plants, for every
    brand, a bought-follower burst (25-40 % of the Instagram audience over 2-4
    weeks, starting between March and May), an algorithm change on another platform
    (organic reach x0.5-0.7 from the first week of a month, August to November),
    and the default mention events (2 crises, 3 viral posts, 3 bot bursts,
    2 tracking outages, 18 one-off spikes); the negative share of the mentions moves at least
    one point between the halves of the year (:func:`course_mentions`).

    Examples
    --------
    >>> data = make_course_data(random_state=1)
    >>> sorted(data)[:3]
    ['ab_test', 'account_daily', 'brand']
    >>> a = make_course_data(learner="ada@example.org")["posts"]
    >>> a.equals(make_course_data(learner="ADA@example.org ")["posts"])
    True
    """
    if learner is not None:
        if random_state is not None:
            fail("learner", learner, "type",
                 expected="given alone: pass either random_state or learner, not both")
        random_state = learner_seed(learner, secret=secret)
    elif secret is not None:
        fail("secret", "<secret>", "type", expected="given with learner only (it keys a "
             "learner's brand)")
    root = root_seed(random_state)
    brand = make_brand(child_seed(root, "brand"))
    bought, change = _scenario(brand, child_rng(root, "scenario"))
    common = {"brand": brand, "start": COURSE_START}

    account, account_truth = make_account_daily(
        COURSE_DAYS, **common, bought_followers=bought, algorithm_change=change,
        random_state=child_seed(root, "account_daily"), return_truth=True,
    )
    posts, posts_truth = make_posts(
        **common, days=COURSE_DAYS, account_daily=account, algorithm_change=change,
        random_state=child_seed(root, "posts"), return_truth=True,
    )
    mentions, mentions_truth = course_mentions(brand, root)
    texts, texts_truth = make_mention_texts(
        **common, days=COURSE_DAYS, random_state=child_seed(root, "mention_texts"),
        return_truth=True,
    )
    voice, voice_truth = make_voice(
        COURSE_DAYS, **common, mentions=mentions, random_state=child_seed(root, "voice"),
        return_truth=True,
    )
    inbox, inbox_truth = make_inbox(
        **common, days=COURSE_DAYS, random_state=child_seed(root, "inbox"), return_truth=True
    )
    campaigns, campaigns_truth = make_campaigns(
        COURSE_DAYS, **common, flights="seasonal", plan_month="2025-10",
        random_state=child_seed(root, "campaigns"), return_truth=True
    )
    ab_test, ab_truth = make_ab_test(  # B wins the clicks, loses the orders (lesson 08)
        brand=brand, conversion_lift=-0.4, story=True,
        random_state=child_seed(root, "ab_test"), return_truth=True,
    )
    paths, paths_truth = make_paths(
        **common, days=COURSE_DAYS, random_state=child_seed(root, "paths"), return_truth=True
    )
    channels = campaigns_truth.params["channels"]
    spent = max(float(channels["spend"].sum()), 1e-9)
    true_roas = float((channels["true_roas"].fillna(0) * channels["spend"]).sum() / spent)
    platform_roas = float((channels["attributed_roas"].fillna(0) * channels["spend"]).sum()
                          / spent)
    holdout, holdout_truth = make_holdout(
        brand=brand, incremental_roas=min(true_roas, 20.0),
        attributed_roas=min(max(platform_roas, true_roas), 50.0),
        random_state=child_seed(root, "holdout"), return_truth=True,
    )
    data = {
        "brand": brand.to_frame(),
        "platforms": brand.platform_frame(),
        "posts": posts,
        "account_daily": account,
        "mentions": mentions,
        "mention_texts": texts,
        "voice": voice,
        "inbox": inbox,
        "campaigns": campaigns,
        "ab_test": ab_test,
        "paths": paths,
        "holdout": holdout,
    }
    if not return_truth:
        return data
    post_events = posts_truth.events[posts_truth.events["type"] != "algorithm_change"]
    truth = {
        "events": combine_events([account_truth.events, post_events, mentions_truth.events]),
        "posts": posts_truth,
        "account_daily": account_truth,
        "mentions": mentions_truth,
        "mention_texts": texts_truth,
        "voice": voice_truth,
        "inbox": inbox_truth,
        "campaigns": campaigns_truth,
        "ab_test": ab_truth,
        "paths": paths_truth,
        "holdout": holdout_truth,
        "seed": random_state,
    }
    return data, truth
