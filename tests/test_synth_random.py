"""Seeds and random streams (smmlab._random) and the generators' use of them."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smmlab._random import child_rng, child_seed, learner_seed, root_seed
from smmlab.synth import (
    make_ab_test,
    make_account_daily,
    make_brand,
    make_campaigns,
    make_course_data,
    make_mentions,
    make_posts,
)

# Small, fast calls of every generator (the mention texts have their own tests).
GENERATORS = {
    "make_brand": lambda rs: make_brand(rs).platform_frame(),
    "make_posts": lambda rs: make_posts(200, days=60, random_state=rs),
    "make_account_daily": lambda rs: make_account_daily(60, random_state=rs),
    "make_mentions": lambda rs: make_mentions(60, random_state=rs),
    "make_campaigns": lambda rs: make_campaigns(30, random_state=rs),
    "make_ab_test": lambda rs: make_ab_test(200, random_state=rs),
}


# --- root_seed ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [0, 7, 2**63 - 1, 2**100, np.int64(3), np.uint8(9)],
    ids=["zero", "small", "int64-max", "huge", "np.int64", "np.uint8"],
)
def test_root_seed_accepts_non_negative_ints(value):
    root = root_seed(value)
    assert isinstance(root, np.random.SeedSequence)
    assert root.entropy == int(value)
    assert root_seed(value).generate_state(4).tolist() == root.generate_state(4).tolist()


def test_root_seed_passes_a_seed_sequence_through():
    seq = np.random.SeedSequence(123, spawn_key=(4,))
    assert root_seed(seq) is seq


def test_root_seed_none_takes_fresh_entropy():
    a, b = root_seed(None), root_seed(None)
    assert isinstance(a, np.random.SeedSequence)
    assert a.entropy != b.entropy


def test_root_seed_generator_draws_from_the_stream():
    gen = np.random.default_rng(5)
    first, second = root_seed(gen), root_seed(gen)
    assert first.entropy != second.entropy
    # ...but a fresh generator with the same seed replays the same roots.
    assert root_seed(np.random.default_rng(5)).entropy == first.entropy


@pytest.mark.parametrize(
    "value",
    [True, False, -1, -(2**40), 1.0, 1.5, float("nan"), "1", b"1", [1], {"seed": 1},
     np.random.RandomState(0)],  # noqa: NPY002 - the legacy class must be refused
    ids=["True", "False", "-1", "big-negative", "1.0", "1.5", "nan", "str", "bytes", "list",
         "dict", "RandomState"],
)
def test_root_seed_rejects_other_values(value):
    with pytest.raises(ValueError, match="random_state"):
        root_seed(value)


@pytest.mark.parametrize("value", [True, -1, 2.5, "42"])
@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_generator_rejects_bad_random_state(name, value):
    with pytest.raises(ValueError, match="random_state"):
        GENERATORS[name](value)


def test_course_data_rejects_bad_random_state():
    with pytest.raises(ValueError, match="random_state"):
        make_course_data(-3)


# --- what each kind of random_state means for the data ---------------------------------------


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_same_int_gives_same_data_and_other_int_differs(name):
    make = GENERATORS[name]
    a, b, c = make(11), make(11), make(12)
    assert a.equals(b)
    assert not a.equals(c)


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_same_generator_object_twice_gives_different_data(name):
    make = GENERATORS[name]
    gen = np.random.default_rng(2024)
    first, second = make(gen), make(gen)
    assert not first.equals(second)
    # A generator is a stream: replaying it from the same seed replays the data.
    replay = np.random.default_rng(2024)
    assert make(replay).equals(first)
    assert make(replay).equals(second)


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_seed_sequence_gives_reproducible_data(name):
    make = GENERATORS[name]
    a = make(np.random.SeedSequence(77))
    assert a.equals(make(np.random.SeedSequence(77)))
    assert not a.equals(make(np.random.SeedSequence(78)))


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_none_gives_fresh_data(name):
    make = GENERATORS[name]
    assert not make(None).equals(make(None))


# --- named child streams -----------------------------------------------------------------------


def test_child_streams_are_reproducible_and_named():
    root = root_seed(1)
    a = child_rng(root, "posts.reach").random(1000)
    assert np.array_equal(a, child_rng(root_seed(1), "posts.reach").random(1000))
    assert not np.array_equal(a, child_rng(root, "posts.paid").random(1000))
    assert not np.array_equal(a, child_rng(root_seed(2), "posts.reach").random(1000))


def test_child_stream_does_not_depend_on_other_children():
    root = root_seed(3)
    alone = child_rng(root, "mentions").integers(0, 2**62, 50)
    for i in range(20):  # make and use other children first
        child_rng(root, f"other-{i}").random(100)
        child_seed(root, f"seed-{i}")
    after = child_rng(root, "mentions").integers(0, 2**62, 50)
    assert np.array_equal(alone, after)


def test_child_streams_look_independent():
    root = root_seed(4)
    names = ["posts.schedule", "posts.content", "posts.reach", "posts.paid", "mentions.base"]
    draws = np.array([child_rng(root, name).standard_normal(20_000) for name in names])
    corr = np.corrcoef(draws)
    off_diagonal = corr[~np.eye(len(names), dtype=bool)]
    # Independent streams: correlations of order 1/sqrt(n) = 0.007.
    assert np.abs(off_diagonal).max() < 0.04


def test_child_seeds_nest_under_their_parent():
    root = root_seed(5)
    posts = child_seed(root, "posts")
    assert posts.entropy == root.entropy
    assert child_seed(posts, "reach").spawn_key[: len(posts.spawn_key)] == posts.spawn_key
    assert child_seed(posts, "reach").spawn_key != child_seed(root, "reach").spawn_key


# --- learner_seed ------------------------------------------------------------------------------


def test_learner_seed_ignores_case_and_surrounding_space():
    base = learner_seed("ada@example.org")
    variants = ["Ada@Example.org", "  ada@example.org", "ADA@EXAMPLE.ORG\n", "\tada@example.org "]
    for variant in variants:
        assert learner_seed(variant) == base


def test_learner_seed_differs_between_ids():
    ids = [f"student{i}@school.edu" for i in range(500)] + ["ada", "ada.", "a da", "bob"]
    seeds = [learner_seed(i) for i in ids]
    assert len(set(seeds)) == len(ids)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=60).filter(lambda s: s.strip()))
def test_learner_seed_range_and_normalisation(learner):
    seed = learner_seed(learner)
    assert isinstance(seed, int)
    assert 0 <= seed < 2**63
    assert learner_seed(f"  {learner.strip().lower()}  ") == seed
    assert root_seed(seed).entropy == seed  # usable as a random_state


def test_learner_seed_uses_the_top_bit_range():
    seeds = np.array([learner_seed(f"user{i}") for i in range(2000)], dtype=np.float64)
    # Spread over [0, 2**63): about half of them in the upper half.
    assert 0.4 < np.mean(seeds >= 2.0**62) < 0.6


@pytest.mark.parametrize("value", ["", "   ", "\n\t", None, 42, b"ada"])
def test_learner_seed_rejects_empty_and_non_text(value):
    with pytest.raises(ValueError, match="learner"):
        learner_seed(value)


# --- global random state -----------------------------------------------------------------------

ALL_CALLS = {
    **GENERATORS,
    "make_course_data": lambda rs: make_course_data(rs)["posts"],
    "make_posts(truth)": lambda rs: make_posts(days=90, random_state=rs, return_truth=True)[0],
    "make_mentions(daily)": lambda rs: make_mentions(60, freq="D", random_state=rs),
}


@pytest.mark.parametrize("random_state", [0, None, "generator"])
@pytest.mark.parametrize("name", sorted(ALL_CALLS))
def test_generators_leave_global_random_state_alone(name, random_state):
    if random_state == "generator":
        random_state = np.random.default_rng(1)
    np.random.seed(12345)  # noqa: NPY002 - the legacy global state is what is checked
    random.seed(12345)
    np_before = np.random.get_state()  # noqa: NPY002
    py_before = random.getstate()
    out = ALL_CALLS[name](random_state)
    assert isinstance(out, pd.DataFrame) and len(out) > 0
    np_after = np.random.get_state()  # noqa: NPY002
    assert np_after[0] == np_before[0]
    assert np.array_equal(np_after[1], np_before[1])
    assert np_after[2:] == np_before[2:]
    assert random.getstate() == py_before
