"""Tests for the mention texts generator (smmlab.synth.texts)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smmlab.synth import _text_templates as tt
from smmlab.synth.brand import INDUSTRIES, PLATFORM_DTYPE, make_brand
from smmlab.synth.texts import make_mention_texts

COLUMNS = [
    "text_id",
    "published_at",
    "language",
    "platform",
    "topic",
    "text",
    "tool_sentiment",
    "sentiment",
]
TOPICS = [
    "delivery",
    "product quality",
    "customer service",
    "price",
    "website",
    "praise",
    "question",
    "other",
]
SENTIMENT_DTYPE = pd.CategoricalDtype(["negative", "neutral", "positive"], ordered=True)
SEEDS = range(5)


@pytest.fixture(scope="module")
def brand():
    return make_brand(random_state=11, name="Caffè Aurora", industry="specialty coffee")


@pytest.fixture(scope="module")
def sample(brand):
    return make_mention_texts(300, brand=brand, random_state=0, return_truth=True)


def test_columns_and_dtypes(sample, brand):
    frame, _ = sample
    assert frame.columns.tolist() == COLUMNS
    assert frame["text_id"].dtype == np.int64
    published = frame["published_at"].dtype
    assert isinstance(published, pd.DatetimeTZDtype)
    assert str(published.tz) == brand.timezone
    assert frame["language"].dtype == pd.CategoricalDtype(["it", "en"], ordered=True)
    assert frame["platform"].dtype == PLATFORM_DTYPE
    assert frame["topic"].dtype == pd.CategoricalDtype(TOPICS, ordered=False)
    assert frame["topic"].cat.categories.tolist() == TOPICS
    assert frame["text"].dtype == "str"
    assert frame["tool_sentiment"].dtype == SENTIMENT_DTYPE
    assert frame["sentiment"].dtype == SENTIMENT_DTYPE
    assert frame.notna().all().all()


def test_ids_are_time_ordered(sample):
    frame, _ = sample
    assert frame["text_id"].tolist() == list(range(1, 301))
    assert frame["published_at"].is_monotonic_increasing


@pytest.mark.parametrize("n_texts", [1, 2, 7, 300, 2000])
def test_row_count_is_exact(n_texts):
    assert len(make_mention_texts(n_texts, random_state=1)) == n_texts


def test_same_seed_same_frame_different_seed_different_frame():
    a = make_mention_texts(200, random_state=5)
    b = make_mention_texts(200, random_state=5)
    c = make_mention_texts(200, random_state=6)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)
    assert not a["text"].equals(c["text"])


def test_brand_name_appears_and_slots_are_filled(sample, brand):
    frame, _ = sample
    assert frame["text"].str.contains(brand.name, regex=False).mean() > 0.5
    assert frame["text"].str.contains("@caffeaurora", regex=False).any()
    assert not frame["text"].str.contains(r"[{}]", regex=True).any()
    coffee_words = [it for it, _ in tt.PRODUCTS["specialty coffee"]]
    coffee_words += [en for _, en in tt.PRODUCTS["specialty coffee"]]
    assert frame["text"].str.contains("|".join(map(re.escape, coffee_words))).any()
    assert frame["text"].nunique() > 100


def test_default_brand_name_appears():
    frame = make_mention_texts(100, random_state=3)
    name = make_brand(random_state=3).name
    assert frame["text"].str.contains(name, regex=False).any()


def test_both_languages_about_60_40():
    frame = make_mention_texts(5000, random_state=2)
    shares = frame["language"].value_counts(normalize=True)
    assert set(frame["language"].unique()) == {"it", "en"}
    assert 0.57 < shares["it"] < 0.63


def test_platforms_are_the_brands():
    brand = make_brand(random_state=4, platforms=["Instagram", "TikTok"])
    frame = make_mention_texts(500, brand=brand, random_state=4)
    assert set(frame["platform"].unique()) == {"Instagram", "TikTok"}


@pytest.mark.parametrize("seed", SEEDS)
def test_tool_accuracy_in_range_and_truth_consistent(seed):
    frame, truth = make_mention_texts(random_state=seed, return_truth=True)
    assert set(truth) == {"crisis_topic", "tool_accuracy", "confusion"}
    assert 0.75 <= truth["tool_accuracy"] <= 0.9
    agree = (frame["tool_sentiment"] == frame["sentiment"]).mean()
    assert truth["tool_accuracy"] == pytest.approx(agree)
    confusion = truth["confusion"]
    expected = pd.crosstab(frame["sentiment"], frame["tool_sentiment"], dropna=False)
    assert confusion.index.tolist() == ["negative", "neutral", "positive"]
    assert confusion.columns.tolist() == ["negative", "neutral", "positive"]
    assert confusion.to_numpy().tolist() == expected.to_numpy().tolist()
    assert int(confusion.to_numpy().sum()) == len(frame)
    assert np.trace(confusion.to_numpy()) / len(frame) == pytest.approx(agree)


def test_tool_accuracy_does_not_depend_on_crisis_share():
    for share in (0.0, 0.8):
        _, truth = make_mention_texts(5000, crisis_share=share, random_state=9, return_truth=True)
        assert 0.79 < truth["tool_accuracy"] < 0.85


@pytest.mark.parametrize("seed", SEEDS)
def test_instructive_mistakes_exist(seed):
    frame = make_mention_texts(random_state=seed)
    human, tool = frame["sentiment"], frame["tool_sentiment"]
    sarcasm = frame[(human == "negative") & (tool == "positive")]
    assert len(sarcasm) > 0
    assert set(sarcasm["topic"]) <= set(tt.COMPLAINT_TOPICS)
    assert ((human == "positive") & (tool == "negative")).any()  # negation, slang
    questions = frame[(frame["topic"] == "question") & (human == "neutral") & (tool == "negative")]
    assert len(questions) > 0


def test_sarcasm_example_from_the_brief():
    frame = make_mention_texts(3000, random_state=0)
    hits = frame[frame["text"].str.startswith("Fantastico, terzo ordine in ritardo")]
    assert len(hits) > 0
    assert (hits["sentiment"] == "negative").all()
    assert (hits["tool_sentiment"] == "positive").all()


def test_topics_follow_sentiment(sample):
    frame, _ = sample
    by_sentiment = frame.groupby("sentiment", observed=True)["topic"].agg(set)
    assert by_sentiment["negative"] <= set(tt.COMPLAINT_TOPICS)
    assert by_sentiment["positive"] <= {"praise", "product quality"}
    assert by_sentiment["neutral"] <= {"question", "other"}


@pytest.mark.parametrize("seed", SEEDS)
def test_crisis_topic_is_top_complaint(seed):
    frame, truth = make_mention_texts(random_state=seed, return_truth=True)
    assert truth["crisis_topic"] in tt.COMPLAINT_TOPICS
    negative = frame.loc[frame["sentiment"] == "negative", "topic"].value_counts()
    assert negative.index[0] == truth["crisis_topic"]
    assert negative.iloc[0] > 2 * negative.iloc[1]
    assert negative.iloc[0] >= round(0.2 * len(frame))


def test_crisis_share_only_changes_the_crisis():
    a, ta = make_mention_texts(400, crisis_share=0.0, random_state=8, return_truth=True)
    b, tb = make_mention_texts(400, crisis_share=0.5, random_state=8, return_truth=True)
    assert ta["crisis_topic"] == tb["crisis_topic"]
    for column in ("published_at", "language", "platform"):
        pd.testing.assert_series_equal(a[column], b[column])
    crisis = (b["topic"] == tb["crisis_topic"]) & (b["sentiment"] == "negative")
    assert crisis.sum() >= 200


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_texts": 0}, "n_texts must be a whole number from 1 to 100000"),
        ({"n_texts": 100_001}, "n_texts must be a whole number from 1 to 100000"),
        ({"n_texts": 2.5}, "n_texts must be a whole number from 1 to 100000"),
        ({"days": 0}, "days must be a whole number from 1 to 3660"),
        ({"days": 3661}, "days must be a whole number from 1 to 3660"),
        ({"crisis_share": -0.1}, "crisis_share must be a number from 0.0 to 0.8"),
        ({"crisis_share": 0.81}, "crisis_share must be a number from 0.0 to 0.8"),
        ({"crisis_share": float("nan")}, "crisis_share must be a number from 0.0 to 0.8"),
        ({"start": "not a date"}, "start must be a date"),
        ({"start": 20250101}, "start must be a date"),
        ({"return_truth": "yes"}, "return_truth must be True or False"),
        ({"brand": "Caffè Aurora"}, "brand must be a Brand"),
        ({"random_state": -1}, "random_state must be an int >= 0"),
    ],
)
def test_validation_errors_name_the_parameter(kwargs, message):
    kwargs = {"random_state": 0, **kwargs}
    with pytest.raises(ValueError, match=re.escape(message)):
        make_mention_texts(**kwargs)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_texts=st.integers(1, 400),
    days=st.integers(1, 3660),
    start=st.dates(pd.Timestamp("2000-01-01").date(), pd.Timestamp("2035-12-31").date()),
    timezone=st.sampled_from(["Europe/Rome", "America/New_York", "America/Santiago", "UTC"]),
)
def test_published_at_sorted_and_inside_the_period(seed, n_texts, days, start, timezone):
    brand = make_brand(random_state=seed, timezone=timezone)
    frame = make_mention_texts(n_texts, brand=brand, start=start, days=days, random_state=seed)
    published = frame["published_at"]
    assert published.is_monotonic_increasing
    assert str(published.dt.tz) == timezone
    wall = published.dt.tz_localize(None)
    first = pd.Timestamp(start)
    assert (wall >= first).all()
    assert (wall < first + pd.Timedelta(days=days)).all()


# The template data: one place, ready for more languages.


def test_template_data_covers_languages_and_industries():
    assert set(tt.PRODUCTS) == set(INDUSTRIES)
    assert set(tt.HASHTAGS) == set(INDUSTRIES)
    assert set(tt.TEMPLATES) == set(tt.LANGUAGES) == set(tt.LANGUAGE_SHARES)
    for products in tt.PRODUCTS.values():
        assert len(products) >= 4
        assert all(len(product) == len(tt.LANGUAGES) for product in products)
    for lang in tt.LANGUAGES:
        templates = tt.TEMPLATES[lang]
        assert len(templates) >= 25
        for template in templates:
            assert template.topic in tt.TOPICS
            assert template.sentiment in tt.SENTIMENTS
            assert template.tool in tt.SENTIMENTS
            assert (template.kind == "plain") == (template.tool == template.sentiment)
            assert set(re.findall(r"\{(\w*)\}", template.text)) <= {"brand", "handle", "product"}


def test_italian_templates_never_merge_a_preposition_with_the_product_article():
    merged = re.compile(r"\b(di|a|da|in|su)\s+\{product\}")
    bad = [t.text for t in tt.TEMPLATES["it"] if merged.search(t.text)]
    assert bad == []
