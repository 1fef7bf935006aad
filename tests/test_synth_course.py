"""All course tables of one brand (smmlab.synth.make_course_data)."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

import smmlab.synth.course as course
from smmlab._random import child_seed, root_seed
from smmlab.synth import (
    CANONICAL_SEED,
    EVENT_TYPES,
    TABLES,
    Truth,
    learner_seed,
    make_ab_test,
    make_account_daily,
    make_brand,
    make_campaigns,
    make_course_data,
    make_inbox,
    make_mentions,
    make_posts,
    make_voice,
)

EVENT_COLUMNS = ["event_id", "type", "table", "platform", "start", "end", "peak", "magnitude",
                 "description"]
SEEDS = [0, 1, 2, 3, CANONICAL_SEED]
#: A seed whose first draw of mentions keeps the negative share (0.2 points): redrawn.
REDRAWN_SEED = 28


@functools.cache
def course_with_truth(seed: int):
    return make_course_data(seed, return_truth=True)


def test_tables_in_documented_order():
    data = make_course_data(0)
    assert list(data) == list(TABLES)
    assert TABLES == ("brand", "platforms", "posts", "account_daily", "mentions",
                      "mention_texts", "voice", "inbox", "campaigns", "ab_test", "paths",
                      "holdout")
    assert all(isinstance(frame, pd.DataFrame) and len(frame) > 0 for frame in data.values())
    assert len(data["brand"]) == 1


def test_same_seed_same_data_different_seed_differs():
    a, b, c = make_course_data(7), make_course_data(7), make_course_data(8)
    for name in TABLES:
        assert a[name].equals(b[name]), name
    for name in ("posts", "account_daily", "mentions", "voice", "inbox", "campaigns", "ab_test"):
        assert not a[name].equals(c[name]), name


def test_learner_id_is_a_seed():
    learner = "Ada.Lovelace@Example.org "
    by_id = make_course_data(learner=learner)
    by_seed = make_course_data(learner_seed(learner))
    by_other_spelling = make_course_data(learner="ada.lovelace@example.org")
    someone_else = make_course_data(learner="grace@example.org")
    for name in TABLES:
        assert by_id[name].equals(by_seed[name]), name
        assert by_id[name].equals(by_other_spelling[name]), name
    assert not by_id["posts"].equals(someone_else["posts"])
    _, truth = make_course_data(learner=learner, return_truth=True)
    assert truth["seed"] == learner_seed(learner)


@pytest.mark.parametrize("seed", [0, 5, np.random.SeedSequence(3)])
def test_learner_and_random_state_together_are_refused(seed):
    with pytest.raises(ValueError, match="learner"):
        make_course_data(seed, learner="ada@example.org")


@pytest.mark.parametrize("learner", ["", "   "])
def test_empty_learner_is_refused(learner):
    with pytest.raises(ValueError, match="learner"):
        make_course_data(learner=learner)


@pytest.mark.parametrize("seed", [0, 4, CANONICAL_SEED])
def test_tables_are_the_generators_on_named_child_streams(seed):
    """Each table is its generator called on the child stream of its name."""
    data, truth = course_with_truth(seed)
    root = root_seed(seed)
    brand = make_brand(child_seed(root, "brand"))
    assert data["brand"].equals(brand.to_frame())
    assert data["platforms"].equals(brand.platform_frame())
    common = {"brand": brand, "start": "2025-01-01"}
    account_params = truth["account_daily"].params
    bought, change = account_params["bought_followers"], account_params["algorithm_change"]
    account = make_account_daily(365, **common, bought_followers=bought, algorithm_change=change,
                                 random_state=child_seed(root, "account_daily"))
    assert data["account_daily"].equals(account)
    posts = make_posts(**common, days=365, account_daily=account, algorithm_change=change,
                       random_state=child_seed(root, "posts"))
    assert data["posts"].equals(posts)
    # the mentions: the first draw, on "mentions", "mentions.redraw1"..., whose negative share
    # moves at least MIN_NEGATIVE_MOVE points between the halves (the capstone's story)
    for stream in ["mentions"] + [f"mentions.redraw{k}" for k in range(1, 10)]:
        mentions = make_mentions(365, **common, random_state=child_seed(root, stream))
        if abs(course.negative_move(mentions)) >= course.MIN_NEGATIVE_MOVE:
            break
    assert data["mentions"].equals(mentions)
    voice = make_voice(365, **common, mentions=mentions, random_state=child_seed(root, "voice"))
    assert data["voice"].equals(voice)
    inbox = make_inbox(**common, days=365, random_state=child_seed(root, "inbox"))
    assert data["inbox"].equals(inbox)
    campaigns = make_campaigns(365, **common, flights="seasonal", plan_month="2025-10",
                               random_state=child_seed(root, "campaigns"))
    assert data["campaigns"].equals(campaigns)
    ab = make_ab_test(brand=brand, conversion_lift=-0.4, story=True,
                      random_state=child_seed(root, "ab_test"))
    assert data["ab_test"].equals(ab)


def test_changing_one_generator_leaves_the_other_tables_alone(monkeypatch):
    before = make_course_data(11)
    original = course.make_mentions

    def quieter_mentions(*args, **kwargs):  # one crisis, nothing else (the share still moves)
        return original(*args, **{**kwargs, "events": {"crisis": 1}})

    monkeypatch.setattr(course, "make_mentions", quieter_mentions)
    after = make_course_data(11)
    assert not after["mentions"].equals(before["mentions"])
    for name in TABLES:
        if name not in ("mentions", "voice"):  # voice is built on mentions, on purpose
            assert after[name].equals(before[name]), name
    # The brand's voice follows the new mentions; the competitors' names stay.
    brand = after["brand"].loc[0, "name"]
    ours = after["voice"][after["voice"]["company"] == brand]
    assert ours["mentions"].sum() == after["mentions"]["mentions"].sum()
    assert list(after["voice"]["company"].cat.categories) == list(
        before["voice"]["company"].cat.categories)


def test_adding_the_listening_tables_left_the_others_alone(monkeypatch):
    """voice and inbox draw from their own child streams: without them, nothing else moves."""
    before = make_course_data(12)
    monkeypatch.setattr(course, "make_inbox", lambda *a, **k: (pd.DataFrame(), Truth()))
    monkeypatch.setattr(course, "make_voice", lambda *a, **k: (pd.DataFrame(), Truth()))
    after = make_course_data(12)
    for name in TABLES:
        if name not in ("voice", "inbox"):
            assert after[name].equals(before[name]), name


def test_truth_structure():
    data, truth = course_with_truth(0)
    assert set(truth) == {"events", "posts", "account_daily", "mentions", "mention_texts",
                          "voice", "inbox", "campaigns", "ab_test", "paths", "holdout",
                          "seed"}
    for name in ("posts", "account_daily", "mentions", "voice", "inbox", "campaigns", "ab_test"):
        assert isinstance(truth[name], Truth), name
    assert truth["seed"] == 0
    assert make_course_data(0)["posts"].equals(data["posts"])


@pytest.mark.parametrize("seed", SEEDS)
def test_truth_events_table(seed):
    data, truth = course_with_truth(seed)
    events = truth["events"]
    assert events.columns.tolist() == EVENT_COLUMNS
    assert events["event_id"].tolist() == list(range(1, len(events) + 1))
    assert events["event_id"].dtype == np.int64
    assert events["start"].is_monotonic_increasing
    assert list(events["type"].dtype.categories) == list(EVENT_TYPES)
    tz = data["brand"].loc[0, "timezone"]
    for col in ("start", "end", "peak"):
        assert str(events[col].dt.tz) == tz, col
    assert (events["start"] <= events["end"]).all()
    assert ((events["start"] <= events["peak"]) & (events["peak"] <= events["end"])).all()
    assert set(events["table"]) <= {"posts", "account_daily", "mentions"}
    assert events["magnitude"].notna().all()
    assert (events["description"].str.len() > 10).all()
    first = pd.Timestamp("2025-01-01").tz_localize(tz)
    assert (events["start"] >= first).all()


@pytest.mark.parametrize("seed", SEEDS)
def test_scenario_always_plants_bought_followers_and_an_algorithm_change(seed):
    data, truth = course_with_truth(seed)
    events = truth["events"]
    kinds = events["type"].astype(str)
    bought = events[kinds == "bought_followers"]
    change = events[kinds == "algorithm_change"]
    assert len(bought) == 1 and len(change) == 1  # once, not once per table
    assert bought.iloc[0]["platform"] == "Instagram"
    assert change.iloc[0]["platform"] in {"Facebook", "LinkedIn"}
    # Documented windows: bought between March and July, change from August to November.
    assert 3 <= bought.iloc[0]["start"].month <= 7
    assert 8 <= change.iloc[0]["start"].month <= 11
    assert 0.5 <= change.iloc[0]["magnitude"] <= 0.7
    followers = data["platforms"].set_index("platform").loc["Instagram", "followers"]
    assert 0.2 * followers <= bought.iloc[0]["magnitude"] <= 0.45 * followers + 1000
    for kind in ("crisis", "viral_post", "bot_burst", "noise", "tracking_outage"):
        assert (kinds == kind).any(), kind


def test_canonical_seed_matches_the_truth_seed():
    _, truth = course_with_truth(CANONICAL_SEED)
    assert truth["seed"] == CANONICAL_SEED


def test_the_negative_share_moves_between_the_halves_or_the_mentions_are_redrawn():
    root = root_seed(REDRAWN_SEED)
    brand = make_brand(child_seed(root, "brand"))
    first = make_mentions(365, brand=brand, start="2025-01-01",
                          random_state=child_seed(root, "mentions"))
    assert abs(course.negative_move(first)) < course.MIN_NEGATIVE_MOVE  # the case this covers
    data = make_course_data(REDRAWN_SEED)
    assert abs(course.negative_move(data["mentions"])) >= course.MIN_NEGATIVE_MOVE
    assert data["mentions"].equals(course.course_mentions(brand, root)[0])


def test_a_generator_whose_share_never_moves_gets_a_clear_error(monkeypatch):
    original = course.make_mentions
    monkeypatch.setattr(course, "make_mentions",
                        lambda *a, **k: original(*a, **{**k, "events": {}}))
    with pytest.raises(RuntimeError, match="negative share in both halves"):
        make_course_data(11)
