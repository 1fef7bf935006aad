"""Hourly brand mentions (smmlab.synth.make_mentions) and their planted events."""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smmlab.synth import make_brand, make_mentions
from smmlab.synth.mentions import DEFAULT_EVENTS

COLUMNS = ["timestamp", "mentions", "positive", "neutral", "negative", "unique_authors",
           "potential_reach"]
COUNTS = COLUMNS[1:]
EVENT_TYPES = {"crisis", "viral_post", "bot_burst", "tracking_outage", "noise"}
HOUR = pd.Timedelta(hours=1)
SEEDS = range(6)


@functools.cache
def year(seed: int) -> tuple[pd.DataFrame, object]:
    return make_mentions(random_state=seed, return_truth=True)


def hours_between(start: str, days: int, tz: str) -> int:
    first = pd.Timestamp(start).tz_localize(tz)
    last = (pd.Timestamp(start) + pd.Timedelta(days=days)).tz_localize(tz)
    return int((last - first) / HOUR)


def quiet_hours(frame: pd.DataFrame, events: pd.DataFrame, margin: pd.Timedelta) -> pd.Series:
    """True for rows at least ``margin`` away from every planted event."""
    keep = pd.Series(True, index=frame.index)
    for event in events.itertuples():
        near = frame["timestamp"].between(event.start - margin, event.end + margin)
        keep &= ~near
    return keep


# --- schema ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "tz"),
    [("2025-01-01", 20, "Europe/Rome"), ("2025-03-15", 30, "Europe/Rome"),
     ("2025-10-15", 30, "America/New_York"), ("2025-09-20", 20, "Australia/Sydney")],
)
def test_hourly_rows_with_tz_aware_timestamps(start, days, tz):
    brand = make_brand(1, timezone=tz)
    frame = make_mentions(days, brand=brand, start=start, events={}, random_state=1)
    assert frame.columns.tolist() == COLUMNS
    assert frame["timestamp"].dtype == pd.DatetimeTZDtype("us", tz)
    for col in COUNTS:
        assert frame[col].dtype == np.int64, col
    # One row per real hour, daylight-saving switches included.
    assert len(frame) == hours_between(start, days, tz)
    assert (frame["timestamp"].diff().iloc[1:] == HOUR).all()
    first = pd.Timestamp(start).tz_localize(tz)
    assert frame["timestamp"].iloc[0] == first
    assert frame.index.equals(pd.RangeIndex(len(frame)))


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32), days=st.integers(1, 400))
def test_count_invariants(seed, days):
    events = {} if days < 40 else None
    frame = make_mentions(days, events=events, random_state=seed)
    assert (frame[COUNTS] >= 0).all().all()
    assert (frame["positive"] + frame["neutral"] + frame["negative"] == frame["mentions"]).all()
    assert (frame["unique_authors"] <= frame["mentions"]).all()
    has_any = frame["mentions"] > 0
    assert (frame.loc[has_any, "unique_authors"] >= 1).all()
    assert (frame.loc[~has_any, ["unique_authors", "potential_reach"]] == 0).all().all()
    assert frame["timestamp"].is_monotonic_increasing and frame["timestamp"].is_unique


def test_deterministic():
    a = make_mentions(90, random_state=3)
    assert a.equals(make_mentions(90, random_state=3))
    assert not a.equals(make_mentions(90, random_state=4))


# --- planted events ----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_event_table_placement(seed):
    frame, truth = year(seed)
    events = truth.events.sort_values("start")
    assert set(events["type"].astype(str)) == EVENT_TYPES
    assert (events["table"] == "mentions").all()
    assert events["platform"].isna().all()
    first = pd.Timestamp("2025-01-01").tz_localize("Europe/Rome")
    last = (pd.Timestamp("2025-01-01") + pd.Timedelta(days=365)).tz_localize("Europe/Rome")
    assert (events["start"] - first >= pd.Timedelta(days=28)).all()  # after the burn-in
    assert (events["end"] < last).all()
    assert (events["start"] <= events["peak"]).all() and (events["peak"] <= events["end"]).all()
    gaps = events["start"].iloc[1:].to_numpy() - events["end"].iloc[:-1].to_numpy()
    assert (gaps >= pd.Timedelta(hours=72)).all()  # never overlapping


@pytest.mark.parametrize("seed", SEEDS)
def test_outage_windows_have_no_rows(seed):
    frame, truth = year(seed)
    outages = truth.events[truth.events["type"] == "tracking_outage"]
    assert len(outages) == 2
    missing = 0
    for event in outages.itertuples():
        inside = frame["timestamp"].between(event.start, event.end)
        assert not inside.any()
        hours = int((event.end - event.start) / HOUR) + 1
        assert 6 <= hours <= 48
        assert event.magnitude == hours
        missing += hours
        # The hours just around the outage are there.
        assert (frame["timestamp"] == event.start - HOUR).any()
        assert (frame["timestamp"] == event.end + HOUR).any()
    assert len(frame) == hours_between("2025-01-01", 365, "Europe/Rome") - missing
    tracked = truth.tables["mentions"]["tracked"]
    assert (~tracked).sum() == missing


@pytest.mark.parametrize("seed", SEEDS)
def test_crises_are_loud_and_negative(seed):
    frame, truth = year(seed)
    quiet = frame[quiet_hours(frame, truth.events, pd.Timedelta(days=2))]
    base_negative = quiet["negative"].sum() / quiet["mentions"].sum()
    crises = truth.events[truth.events["type"] == "crisis"]
    assert len(crises) == 2
    for event in crises.itertuples():
        window = frame[frame["timestamp"].between(event.start, event.end)]
        first_day = frame[frame["timestamp"].between(event.peak, event.peak + 24 * HOUR)]
        before = frame[frame["timestamp"].between(event.start - pd.Timedelta(days=7),
                                                  event.start - HOUR)]
        assert window["negative"].sum() / window["mentions"].sum() > 2 * base_negative
        assert first_day["mentions"].mean() > 2.5 * before["mentions"].mean()
        assert 5 <= event.magnitude <= 20


@pytest.mark.parametrize("seed", SEEDS)
def test_bot_bursts_come_from_few_authors(seed):
    """A bot burst shows as many mentions per author (the docstring: 'all from 3-25 accounts')."""
    frame, truth = year(seed)
    quiet = frame[quiet_hours(frame, truth.events, pd.Timedelta(days=2))]
    base_ratio = quiet["mentions"].sum() / quiet["unique_authors"].sum()
    bursts = truth.events[truth.events["type"] == "bot_burst"]
    assert len(bursts) == 3
    ratios = {}
    for event in bursts.itertuples():
        window = frame[frame["timestamp"].between(event.start, event.end)]
        before = frame[frame["timestamp"].between(event.start - pd.Timedelta(days=7),
                                                  event.start - HOUR)]
        assert window["mentions"].mean() > 1.5 * before["mentions"].mean()
        ratios[event.description] = window["mentions"].sum() / window["unique_authors"].sum()
    weak = {d: round(r / base_ratio, 2) for d, r in ratios.items() if r < 1.5 * base_ratio}
    assert not weak, f"baseline mentions/author {base_ratio:.2f}; bursts near it: {weak}"


@pytest.mark.parametrize("seed", SEEDS)
def test_noise_events_last_one_hour(seed):
    frame, truth = year(seed)
    noise = truth.events[truth.events["type"] == "noise"]
    assert len(noise) == DEFAULT_EVENTS["noise"] == 18
    assert (noise["start"] == noise["end"]).all()
    assert (noise["start"] == noise["peak"]).all()
    assert ((noise["magnitude"] >= 4) & (noise["magnitude"] <= 40)).all()
    per_hour = truth.tables["mentions"]
    excess = per_hour.loc[per_hour["excess_noise"] > 0, "timestamp"]
    assert sorted(excess) == sorted(noise["start"])


def test_no_events_when_asked_for_none():
    frame, truth = make_mentions(365, events={}, random_state=5, return_truth=True)
    assert truth.events.empty
    assert len(frame) == hours_between("2025-01-01", 365, "Europe/Rome")
    per_hour = truth.tables["mentions"]
    excess = [c for c in per_hour.columns if c.startswith("excess_")]
    assert len(excess) == 4
    assert (per_hour[excess] == 0).all().all()
    assert per_hour["tracked"].all()


def test_event_counts_follow_the_plan():
    plan = {"crisis": 1, "bot_burst": 4, "noise": 2}
    _, truth = make_mentions(200, events=plan, random_state=8, return_truth=True)
    counts = truth.events["type"].astype(str).value_counts().to_dict()
    assert counts == plan


def test_default_events_scale_with_days():
    _, truth = make_mentions(730, random_state=2, return_truth=True)
    counts = truth.events["type"].astype(str).value_counts().to_dict()
    assert counts == {"crisis": 4, "viral_post": 6, "bot_burst": 6, "tracking_outage": 4,
                      "noise": 36}


@pytest.mark.parametrize("days", [1, 10, 22, 23, 25, 27, 29, 30, 40])
def test_default_events_never_make_a_valid_period_fail(days):
    """days is documented as 1 to 3660; the default plan must fit any of them."""
    frame = make_mentions(days, random_state=0)
    assert 0 < len(frame) <= days * 24 + 1


# --- aggregation and noise ---------------------------------------------------------------------


@pytest.mark.parametrize("tz", ["Europe/Rome", "America/New_York"])
def test_daily_frequency_sums_the_hours(tz):
    brand = make_brand(6, timezone=tz)
    hourly = make_mentions(120, brand=brand, start="2025-02-01", random_state=6)
    daily = make_mentions(120, brand=brand, start="2025-02-01", freq="D", random_state=6)
    assert daily.columns.tolist() == COLUMNS
    assert daily["timestamp"].dtype == pd.DatetimeTZDtype("us", tz)
    local_day = hourly["timestamp"].dt.tz_localize(None).dt.normalize()
    expected = hourly.drop(columns="timestamp").groupby(local_day.to_numpy()).sum()
    assert daily["timestamp"].dt.tz_localize(None).tolist() == expected.index.tolist()
    assert (daily["timestamp"].dt.hour == 0).all()
    for col in COUNTS:
        assert daily[col].tolist() == expected[col].tolist(), col
    assert len(daily) <= 120


# Zones whose daylight-saving switch happens at local midnight (so some midnights do not exist
# or happen twice).
MIDNIGHT_SWITCH_ZONES = ["Africa/Cairo", "America/Havana", "America/Santiago", "Asia/Beirut",
                         "Atlantic/Azores"]


@pytest.mark.parametrize("tz", MIDNIGHT_SWITCH_ZONES)
def test_daily_frequency_in_zones_that_switch_at_midnight(tz):
    brand = make_brand(2, timezone=tz)
    hourly = make_mentions(365, brand=brand, events={}, random_state=2)
    daily = make_mentions(365, brand=brand, events={}, freq="D", random_state=2)
    assert daily["mentions"].sum() == hourly["mentions"].sum()
    assert len(daily) == 365
    assert daily["timestamp"].is_monotonic_increasing


@pytest.mark.parametrize(("tz", "start"), [("America/Havana", "2025-03-09"),
                                           ("Africa/Cairo", "2025-04-25"),
                                           ("America/Santiago", "2025-09-07")])
def test_period_may_start_on_a_day_without_midnight(tz, start):
    brand = make_brand(2, timezone=tz)
    frame = make_mentions(10, brand=brand, start=start, events={}, random_state=2)
    local = frame["timestamp"].dt.tz_localize(None)
    assert local.dt.normalize().min() == pd.Timestamp(start)
    assert len(frame) == 10 * 24 - 1  # the clocks skip an hour on the first day


def test_over_dispersed_counts_in_quiet_hours():
    """Negative binomial counts: variance above the mean, even at night."""
    brand = make_brand(0, size=20.0)
    frame, truth = make_mentions(365, brand=brand, events={}, random_state=0, return_truth=True)
    mu = truth.tables["mentions"]["expected"].to_numpy()
    n = frame["mentions"].to_numpy()
    night = frame["timestamp"].dt.hour.between(1, 5).to_numpy()
    index = ((n[night] - mu[night]) ** 2).sum() / mu[night].sum()
    assert index > 1.5  # Poisson would give 1
    assert abs(n[night].mean() / mu[night].mean() - 1) < 0.05
    # Same at the default size, where counts are small: many hours make the excess visible.
    frame, truth = make_mentions(365, events={}, random_state=1, return_truth=True)
    mu = truth.tables["mentions"]["expected"].to_numpy()
    n = frame["mentions"].to_numpy()
    night = frame["timestamp"].dt.hour.between(1, 5).to_numpy()
    assert n[night].var() > n[night].mean()


def test_volume_follows_the_daily_cycle():
    frame, _ = make_mentions(365, events={}, random_state=4, return_truth=True)
    hour = frame["timestamp"].dt.hour
    assert frame.loc[hour.between(9, 12), "mentions"].mean() > 2 * frame.loc[
        hour.between(2, 5), "mentions"].mean()


# --- validation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"freq": "minute"}, "freq"),
        ({"freq": "H"}, "freq"),
        ({"events": {"alien": 1}}, "events"),
        ({"events": {"crisis": -1}}, "events['crisis']"),
        ({"events": {"crisis": 1.5}}, "events['crisis']"),
        ({"events": {"noise": 501}}, "events['noise']"),
        ({"events": "lots"}, "events"),
        ({"events": {"noise": 400}}, "events"),  # cannot fit 72 hours apart in 60 days
        ({"days": 20, "events": {"crisis": 1}}, "days"),
        ({"days": 25, "events": {"noise": 1}}, "days"),
    ],
)
def test_invalid_arguments_name_the_parameter(kwargs, param):
    kwargs = {"days": 60, **kwargs}
    with pytest.raises(ValueError) as err:
        make_mentions(random_state=0, **kwargs)
    assert param in str(err.value)


@pytest.mark.parametrize("seed", range(5))
def test_too_short_message_states_a_minimum_above_the_request(seed):
    days = 35
    try:
        frame = make_mentions(days, events={"crisis": 1}, random_state=seed)
    except ValueError as err:
        found = re.search(r"at least (\d+) days", str(err))
        assert found, str(err)
        assert int(found.group(1)) > days, str(err)
    else:
        assert len(frame) > 0
