"""Share of voice and the inbox (smmlab.synth.make_voice, smmlab.synth.make_inbox)."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smmlab.synth import CANONICAL_SEED, make_brand, make_course_data, make_mentions
from smmlab.synth._calendar import localize
from smmlab.synth.brand import PLATFORM_DTYPE
from smmlab.synth.listening import KINDS, VOICE_LANGUAGES, make_inbox, make_voice

VOICE_COLUMNS = ["date", "company", "language", "mentions", "positive", "neutral", "negative"]
SENTIMENTS = ["positive", "neutral", "negative"]
INBOX_COLUMNS = ["message_id", "platform", "received_at", "kind", "sentiment", "replied_at",
                 "deleted"]
SENTIMENT_DTYPE = pd.CategoricalDtype(["negative", "neutral", "positive"], ordered=True)
SEEDS = range(5)


@functools.cache
def voice_year(seed: int):
    brand = make_brand(seed)
    mentions, mentions_truth = make_mentions(brand=brand, random_state=seed, return_truth=True)
    voice, truth = make_voice(brand=brand, mentions=mentions, random_state=seed,
                              return_truth=True)
    return brand, mentions, mentions_truth, voice, truth


@functools.cache
def inbox_year(seed: int):
    return make_inbox(random_state=seed, return_truth=True)


def local_days(stamps: pd.Series) -> pd.Series:
    return stamps.dt.tz_localize(None).dt.normalize()


# --- voice: schema ------------------------------------------------------------------------------


def test_voice_columns_and_dtypes():
    brand, _, _, voice, _ = voice_year(0)
    assert voice.columns.tolist() == VOICE_COLUMNS
    assert voice["date"].dtype == "datetime64[us]"
    assert voice["company"].dtype.ordered
    assert voice["company"].cat.categories[0] == brand.name
    assert list(voice["language"].cat.categories) == list(VOICE_LANGUAGES)
    assert not voice["language"].dtype.ordered
    for col in ["mentions", *SENTIMENTS]:
        assert voice[col].dtype == np.int64, col
    assert voice.index.equals(pd.RangeIndex(len(voice)))


def test_one_row_per_tracked_day_company_and_language_sorted():
    _, _, _, voice, _ = voice_year(1)
    keys = voice[["date", "company", "language"]]
    assert not keys.duplicated().any()
    per_day = voice.groupby("date").size()
    assert (per_day == 3 * len(VOICE_LANGUAGES)).all()
    codes = pd.DataFrame({"d": voice["date"], "c": voice["company"].cat.codes,
                          "l": voice["language"].cat.codes})
    assert codes.equals(codes.sort_values(["d", "c", "l"]))


@pytest.mark.parametrize("seed", SEEDS)
def test_competitors_are_named_like_brands_and_differ_from_the_brand(seed):
    brand, _, _, voice, truth = voice_year(seed)
    companies = list(voice["company"].cat.categories)
    assert companies == truth.params["companies"]
    assert len(companies) == 3 and len(set(companies)) == 3
    words = [set(name.split()) for name in companies]
    for i in range(3):
        for j in range(i + 1, 3):
            assert not words[i] & words[j], companies
    assert all(len(name.split()) == 2 for name in companies[1:])


def test_competitor_names_are_stable_per_seed_and_vary_between_seeds():
    names = {seed: list(make_voice(60, random_state=seed)["company"].cat.categories)
             for seed in range(8)}
    assert names[3] == list(make_voice(60, random_state=3)["company"].cat.categories)
    assert len({tuple(n[1:]) for n in names.values()}) > 4


@pytest.mark.parametrize("n", [1, 3, 6])
def test_number_of_competitors(n):
    voice = make_voice(40, competitors=n, random_state=2)
    assert len(voice["company"].cat.categories) == n + 1


# --- voice: invariants ----------------------------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32), days=st.integers(1, 400), competitors=st.integers(1, 6),
       tz=st.sampled_from(["Europe/Rome", "America/Santiago", "Africa/Cairo"]))
def test_voice_count_invariants(seed, days, competitors, tz):
    brand = make_brand(seed, timezone=tz)
    voice = make_voice(days, brand=brand, competitors=competitors, random_state=seed)
    assert (voice[["mentions", *SENTIMENTS]] >= 0).all().all()
    assert (voice[SENTIMENTS].sum(axis=1) == voice["mentions"]).all()
    first = pd.Timestamp("2025-01-01")
    assert voice["date"].between(first, first + pd.Timedelta(days=days - 1)).all()
    assert voice["date"].is_monotonic_increasing


@pytest.mark.parametrize("seed", SEEDS)
def test_brand_rows_add_up_to_the_hourly_mentions(seed):
    brand, mentions, _, voice, _ = voice_year(seed)
    ours = voice[voice["company"] == brand.name].groupby("date")[SENTIMENTS].sum()
    hourly = mentions.groupby(local_days(mentions["timestamp"]))[SENTIMENTS].sum()
    hourly.index = hourly.index.as_unit("us")
    pd.testing.assert_frame_equal(ours, hourly, check_names=False)


@pytest.mark.parametrize(("tz", "start"), [("America/New_York", "2025-03-01"),
                                           ("Australia/Sydney", "2025-03-20"),
                                           ("America/Santiago", "2025-09-01")])
def test_brand_totals_hold_across_daylight_saving_switches(tz, start):
    brand = make_brand(4, timezone=tz)
    mentions = make_mentions(30, brand=brand, start=start, events={}, random_state=4)
    voice = make_voice(30, brand=brand, start=start, mentions=mentions, random_state=4)
    ours = voice[voice["company"] == brand.name]
    assert ours["mentions"].sum() == mentions["mentions"].sum()
    assert voice["date"].nunique() == 30


@pytest.mark.parametrize("seed", SEEDS)
def test_outage_days_have_no_rows_for_anyone(seed):
    _, mentions, mentions_truth, voice, _ = voice_year(seed)
    tracked_days = set(local_days(mentions["timestamp"]))
    assert set(voice["date"]) == tracked_days
    everything = pd.date_range("2025-01-01", periods=365)
    lost = set(everything) - tracked_days
    outages = mentions_truth.events[mentions_truth.events["type"] == "tracking_outage"]
    for day in lost:
        assert any(local_days(pd.Series([e.start]))[0] <= day <= local_days(pd.Series([e.end]))[0]
                   for e in outages.itertuples())


def test_generated_brand_mentions_come_from_a_named_child_stream():
    """Without mentions=, the brand's hourly table is generated, the same for the same seed."""
    a, b = make_voice(90, random_state=5), make_voice(90, random_state=5)
    assert a.equals(b)
    assert not a.equals(make_voice(90, random_state=6))


def test_competitors_do_not_depend_on_the_brands_counts():
    """Doubling the brand's mentions leaves the competitors' rows untouched (own streams)."""
    brand = make_brand(7)
    mentions = make_mentions(120, brand=brand, random_state=7)
    louder = mentions.assign(**{c: mentions[c] * 2 for c in ["mentions", *SENTIMENTS]})
    a = make_voice(120, brand=brand, mentions=mentions, random_state=7)
    b = make_voice(120, brand=brand, mentions=louder, random_state=7)
    rivals = a["company"] != brand.name
    assert a[rivals].equals(b[rivals])
    assert b.loc[~rivals, "mentions"].sum() == 2 * a.loc[~rivals, "mentions"].sum()


def test_partial_outages_thin_every_company_alike():
    brand = make_brand(8)
    mentions = make_mentions(200, brand=brand, events={}, random_state=8)
    half = mentions[mentions["timestamp"].dt.hour < 12]  # the tool tracked mornings only
    full = make_voice(200, brand=brand, mentions=mentions, random_state=8, return_truth=True)
    morning = make_voice(200, brand=brand, mentions=half, random_state=8)
    rivals = full[0]["company"] != brand.name
    ratio = morning.loc[rivals, "mentions"].sum() / full[0].loc[rivals, "mentions"].sum()
    assert 0.45 < ratio < 0.55


@pytest.mark.parametrize("seed", SEEDS)
def test_each_competitor_has_one_event_that_shows(seed):
    _, _, _, voice, truth = voice_year(seed)
    events = truth.events
    assert len(events) == 2
    assert set(events["type"].astype(str)) <= {"crisis", "viral_post"}
    assert (events["table"] == "voice").all()
    daily = voice.groupby(["company", "date"], observed=True)[["mentions", "negative"]].sum()
    for event in events.itertuples():
        name = event.description.split(":")[0]
        series = daily.loc[name]
        peak = series.loc[event.peak.tz_localize(None).normalize(), "mentions"]
        assert peak > 1.5 * series["mentions"].median(), event.description
        if event.type == "crisis":
            window = series.loc[event.start.tz_localize(None):event.end.tz_localize(None)]
            assert (window["negative"].sum() / window["mentions"].sum()
                    > series["negative"].sum() / series["mentions"].sum())


def test_the_leader_is_bigger_than_the_other_competitor():
    for seed in SEEDS:
        params = voice_year(seed)[4].params
        leader, other = params["companies"][1:]
        assert 1.2 <= params["size"][leader] <= 2.5
        assert 0.35 <= params["size"][other] <= 0.9


def test_short_periods_have_no_competitor_events():
    _, truth = make_voice(20, random_state=0, return_truth=True)
    assert truth.events.empty


# --- voice: validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"competitors": 0}, "competitors"),
        ({"competitors": 7}, "competitors"),
        ({"competitors": "2"}, "competitors"),
        ({"days": 0}, "days"),
        ({"start": "soon"}, "start"),
        ({"return_truth": "yes"}, "return_truth"),
        ({"brand": "Casa Luna"}, "brand"),
        ({"random_state": -1}, "random_state"),
        ({"mentions": pd.DataFrame({"x": [1]})}, "mentions"),
        ({"mentions": "mentions.csv"}, "mentions"),
    ],
)
def test_voice_invalid_arguments_name_the_parameter(kwargs, param):
    kwargs = {"days": 30, "random_state": 0, **kwargs}
    with pytest.raises(ValueError) as err:
        make_voice(**kwargs)
    assert param in str(err.value)


def test_voice_refuses_mentions_of_another_period_or_daily_mentions():
    brand = make_brand(1)
    later = make_mentions(30, brand=brand, start="2025-06-01", events={}, random_state=1)
    with pytest.raises(ValueError, match="mentions"):
        make_voice(30, brand=brand, start="2025-01-01", mentions=later, random_state=1)
    daily = make_mentions(30, brand=brand, freq="D", events={}, random_state=1)
    with pytest.raises(ValueError, match="hourly"):
        make_voice(30, brand=brand, mentions=daily, random_state=1)


# --- inbox -------------------------------------------------------------------------------------


def test_inbox_columns_and_dtypes():
    inbox, _ = inbox_year(0)
    assert inbox.columns.tolist() == INBOX_COLUMNS
    assert inbox["message_id"].tolist() == list(range(1, len(inbox) + 1))
    assert inbox["platform"].dtype == PLATFORM_DTYPE
    tz = make_brand(0).timezone
    for col in ("received_at", "replied_at"):
        assert inbox[col].dtype == pd.DatetimeTZDtype("us", tz), col
    assert list(inbox["kind"].cat.categories) == list(KINDS)
    assert inbox["sentiment"].dtype == SENTIMENT_DTYPE
    assert inbox["deleted"].dtype == bool
    assert inbox["received_at"].is_monotonic_increasing


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32), n=st.integers(1, 3000), days=st.integers(1, 400),
       tz=st.sampled_from(["Europe/Rome", "America/New_York", "Australia/Sydney",
                           "America/Santiago", "America/Havana", "Africa/Cairo"]))
def test_inbox_invariants(seed, n, days, tz):
    brand = make_brand(seed, timezone=tz)
    inbox = make_inbox(n, brand=brand, days=days, random_state=seed)
    assert len(inbox) == n
    replied = inbox["replied_at"].notna()
    assert (inbox.loc[replied, "replied_at"] > inbox.loc[replied, "received_at"]).all()
    assert not (inbox["deleted"] & replied).any()
    assert (inbox.loc[inbox["deleted"], "sentiment"] == "negative").all()
    first = localize(pd.Timestamp("2025-01-01"), tz)
    last = localize(pd.Timestamp("2025-01-01") + pd.Timedelta(days=days), tz)
    assert ((inbox["received_at"] >= first) & (inbox["received_at"] < last)).all()
    assert (inbox["received_at"].dt.microsecond == 0).all()
    assert set(inbox["platform"].astype(str)) <= set(brand.platforms.index)
    # Replies are written in office hours: Monday to Friday, 9:00 to 18:00 local time.
    reply = inbox.loc[replied, "replied_at"]
    seconds = reply.dt.hour * 3600 + reply.dt.minute * 60 + reply.dt.second
    assert (reply.dt.day_of_week < 5).all()
    assert seconds.between(9 * 3600, 18 * 3600).all()


@pytest.mark.parametrize("seed", SEEDS)
def test_response_rate_below_one_and_weekends_skew_the_mean(seed):
    inbox, truth = inbox_year(seed)
    rate = inbox["replied_at"].notna().mean()
    assert 0.7 < rate < 0.9
    wait = (inbox["replied_at"] - inbox["received_at"]).dropna()
    assert wait.mean() > 1.3 * wait.median()
    weekend = inbox["received_at"].dt.day_of_week >= 5
    assert wait[weekend].median() > 3 * wait[~weekend].median()


def test_complaints_are_handled_first_and_deleted_most():
    inbox, truth = inbox_year(CANONICAL_SEED)
    work = truth.tables["inbox"].set_index("message_id")["working_minutes"]
    by_kind = work.groupby(inbox.set_index("message_id")["kind"], observed=True).median()
    assert by_kind.idxmin() == "complaint"
    deleted = inbox[inbox["deleted"]]
    assert len(deleted) > 0
    assert deleted["kind"].value_counts().idxmax() == "complaint"


def test_inbox_volume_scales_with_followers():
    small = make_inbox(brand=make_brand(1, size=0.5), random_state=1)
    big = make_inbox(brand=make_brand(1, size=5.0), random_state=1)
    assert len(big) > 5 * len(small)


def test_inbox_deterministic():
    a = make_inbox(300, random_state=3)
    assert a.equals(make_inbox(300, random_state=3))
    assert not a.equals(make_inbox(300, random_state=4))


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"n_messages": 0}, "n_messages"),
        ({"n_messages": 2.5}, "n_messages"),
        ({"n_messages": True}, "n_messages"),
        ({"days": 3661}, "days"),
        ({"start": 20250101}, "start"),
        ({"return_truth": 1}, "return_truth"),
        ({"brand": {"name": "x"}}, "brand"),
        ({"random_state": "seed"}, "random_state"),
    ],
)
def test_inbox_invalid_arguments_name_the_parameter(kwargs, param):
    kwargs = {"random_state": 0, **kwargs}
    with pytest.raises(ValueError) as err:
        make_inbox(**kwargs)
    assert param in str(err.value)


# --- in the course data -------------------------------------------------------------------------


def test_course_voice_adds_up_to_the_course_mentions():
    data = make_course_data(CANONICAL_SEED)
    brand = data["brand"].loc[0, "name"]
    ours = data["voice"][data["voice"]["company"] == brand]
    assert ours["mentions"].sum() == data["mentions"]["mentions"].sum()
    daily = data["mentions"].groupby(local_days(data["mentions"]["timestamp"]))["mentions"].sum()
    mine = ours.groupby("date")["mentions"].sum()
    assert mine.tolist() == daily.tolist()
    assert len(data["inbox"]) > 1000
