"""smmlab.detect: baselines, surprises, alerts, triage and scoring against planted truth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmlab import detect
from smmlab.detect.triage import truth_type
from smmlab.synth import make_account_daily, make_course_data, make_mentions

SEEDS = range(20)


@pytest.fixture(scope="module")
def runs():
    """Default detector on a year of hourly mentions for each seed."""
    out = []
    for seed in SEEDS:
        mentions, truth = make_mentions(random_state=seed, return_truth=True)
        found = detect.alerts(detect.flag(mentions.set_index("timestamp")["mentions"]))
        out.append((mentions, truth, found, detect.score(found, truth.events, days=365)))
    return out


def _pooled_recall(runs, kind):
    detected = sum(int(s.by_type.set_index("type").loc[kind, "detected"]) for *_, s in runs
                   if kind in set(s.by_type["type"]))
    events = sum(int(s.by_type.set_index("type").loc[kind, "events"]) for *_, s in runs
                 if kind in set(s.by_type["type"]))
    return detected / events


# --- the earlier alarm (flag + alerts), on realistic mentions -----------------------------------
# On make_mentions before issue 13 (a clean weekly cycle) it held crisis recall >= 0.95, noise
# alerted <= 1 % and false alerts <= 0.05 a day. With the background's moods (a wandering
# level, news days, hours that linger) it falls to what it does on real series: fewer events
# for more false alerts, and no better than the naive rule. It stays in the library as the
# benchmark's "earlier" row; the lesson teaches detect.alarm.

def test_earlier_alarm_still_finds_crises_but_raises_false_alerts(runs):
    assert _pooled_recall(runs, "crisis") >= 0.9
    false = sum(s.false_alerts for *_, s in runs)
    assert false / (365 * len(runs)) > 0.02  # the clean-data target no longer holds


def test_alarm_beats_the_earlier_alarm_and_the_naive_rule(runs, alarm_runs):
    naive_f1, naive_noise = [], []
    for mentions, truth, _, _ in runs[:8]:
        naive = detect.alerts(detect.naive_flag(mentions.set_index("timestamp")["mentions"]),
                              min_duration=1)
        ns = detect.score(naive, truth.events, days=365)
        naive_f1.append(ns.f1)
        naive_noise.append(ns.noise_alerted)
    alarm_f1 = np.mean([s.f1 for *_, s in alarm_runs[:8]])
    earlier_f1 = np.mean([s.f1 for *_, s in runs[:8]])
    assert alarm_f1 > earlier_f1
    assert alarm_f1 > np.mean(naive_f1)
    assert np.mean(naive_noise) > 0.2  # the naive rule falls for one-off spikes


# --- the alarm for real mentions (detect.alarm), on the same synthetic seeds -------------------

@pytest.fixture(scope="module")
def alarm_runs(runs):
    """detect.alarm on the same one-year series, scored against the planted truth."""
    out = []
    for mentions, truth, _, _ in runs:
        found = detect.alarm(mentions.set_index("timestamp")["mentions"])
        out.append((mentions, truth, found, detect.score(found, truth.events, days=365)))
    return out


def test_alarm_crisis_recall_at_least_95_percent(alarm_runs):
    assert _pooled_recall(alarm_runs, "crisis") >= 0.95


@pytest.mark.parametrize("kind", ["viral_post", "bot_burst"])
def test_alarm_viral_and_bot_recall_at_least_90_percent(alarm_runs, kind):
    assert _pooled_recall(alarm_runs, kind) >= 0.9


def test_alarm_rarely_alerts_one_off_noise(alarm_runs):
    """A one-hour spike with nothing after it is not an alert (issue 13: at most 10 %)."""
    noise_events = sum(int((t.events["type"] == "noise").sum()) for _, t, _, _ in alarm_runs)
    alerted = sum(s.noise_alerted * int((t.events["type"] == "noise").sum())
                  for _, t, _, s in alarm_runs)
    assert noise_events >= 100
    assert alerted / noise_events <= 0.10


def test_alarm_false_alerts_at_most_005_per_day(alarm_runs):
    """Measured 0.042 a day on these seeds (the background's moods make multi-hour swings
    that no truth event explains, as on real series, where the alarm raises 0.065 alerts a
    day all told); on the clean weekly cycle before issue 13 it was below 0.02."""
    false = sum(s.false_alerts for *_, s in alarm_runs)
    assert false / (365 * len(alarm_runs)) <= 0.05


def test_alarm_hours_in_alerts_are_the_flagged_hours(alarm_runs):
    mentions = alarm_runs[0][0]
    series = mentions.set_index("timestamp")["mentions"]
    w = detect.watch(series)
    found = detect.alarm(series)
    hours = detect.flagged_hours(found, w.index)
    assert (hours == w["flagged"]).all()
    spikes = found[found["kind"] == "spike"]
    assert len(spikes) and (spikes["peak_surprise"] > 0.3).all()


def test_alarm_gives_the_usual_value_ratio_and_big_swing(alarm_runs):
    series = alarm_runs[1][0].set_index("timestamp")["mentions"]
    w = detect.watch(series)
    usual = detect.usual(series)
    assert np.allclose(w["baseline"], usual, equal_nan=True)
    ratio = (w["value"] + 5) / (w["baseline"] + 5)
    assert np.allclose(w["ratio"], ratio, equal_nan=True)
    expected = np.log(w["ratio"]) / np.log(w["big_swing"])
    assert np.allclose(w["surprise"], expected, equal_nan=True)
    assert (w["big_swing"].dropna() >= 1.5).all()


def test_triage_names_most_detected_events_right(runs):
    right = total = 0
    for mentions, truth, found, s in runs:
        labelled = detect.triage(found, mentions)
        types = truth.events.set_index("event_id")["type"].astype(str)
        for label, event_id in zip(labelled["label"], s.matches["event_id"], strict=True):
            if pd.notna(event_id):
                total += 1
                right += truth_type(label) == types.loc[event_id]
    assert total > 100
    assert right / total >= 0.85


def test_triage_reasons_quote_the_figures(runs):
    mentions, _, found, _ = runs[0]
    labelled = detect.triage(found, mentions)
    assert labelled["reason"].str.len().min() > 20
    crisis = labelled[labelled["label"] == "crisis"]
    assert len(crisis)
    assert crisis["reason"].str.contains("%").all()
    assert (crisis["negative_share"] > crisis["usual_negative_share"] + 0.15).all()


# --- robustness on series shaped like real listening data --------------------------------------

def _real_like(seed: int, days: int = 140) -> tuple[pd.Series, pd.Timestamp, list]:
    """Hourly counts with cycles, over-dispersion, gaps, a level shift and 100x one-off spikes."""
    rng = np.random.default_rng(seed)
    idx = pd.date_range("2024-03-04", periods=days * 24, freq="h", tz="Europe/Paris")
    hour = np.asarray(idx.hour)
    day = np.asarray(idx.day_of_week)
    level = 20 * (0.2 + np.exp(-(((hour - 13) / 4.0) ** 2))) * np.where(day >= 5, 0.6, 1.0)
    shift_at = idx[24 * 80]
    level = level * np.where(idx >= shift_at, 2.0, 1.0)
    counts = rng.poisson(level * rng.gamma(4, 1 / 4, len(idx))).astype(float)
    spikes = rng.choice(np.arange(24 * 30, 24 * 75), 6, replace=False)
    counts[spikes] = level[spikes] * 100
    keep = np.ones(len(idx), bool)
    keep[24 * 50 : 24 * 50 + 30] = False
    keep[rng.choice(len(idx), 40, replace=False)] = False  # scattered missing hours
    return pd.Series(counts[keep], index=idx[keep]), shift_at, list(idx[spikes])


@pytest.mark.parametrize("seed", range(5))
def test_giant_one_off_spikes_do_not_raise_alerts(seed):
    series, _, spikes = _real_like(seed)
    found = detect.alerts(detect.flag(series))
    spiky = found[found["kind"] == "spike"]
    for t in spikes:
        assert not ((spiky["start"] <= t) & (spiky["end"] >= t)).any()


@pytest.mark.parametrize("seed", range(5))
def test_few_false_alerts_on_real_like_series_and_level_shift_fades(seed):
    series, shift_at, _ = _real_like(seed)
    found = detect.alerts(detect.flag(series))
    spiky = found[found["kind"] == "spike"]
    settled = shift_at + pd.Timedelta(days=21)
    before = spiky[spiky["end"] < shift_at]
    assert len(before) / 80 <= 0.05  # false alerts per day before the shift
    assert (spiky["start"] >= shift_at).any()  # the shift itself is noticed...
    assert len(spiky[spiky["start"] >= settled]) / 39 <= 0.05  # ...and absorbed with "keep"


def test_forget_memory_keeps_alerting_after_a_level_shift():
    rng = np.random.default_rng(2)
    idx = pd.date_range("2025-01-06", periods=24 * 100, freq="h")
    level = 10 * (0.3 + np.exp(-(((np.asarray(idx.hour) - 12) / 4.0) ** 2)))
    shifted = idx >= idx[24 * 50]
    series = pd.Series(rng.poisson(level * np.where(shifted, 5.0, 1.0)).astype(float), index=idx)
    late = idx[24 * 50] + pd.Timedelta(days=28)
    keep = detect.flag(series, memory="keep")
    forget = detect.flag(series, memory="forget")
    assert keep.loc[idx[24 * 50] : idx[24 * 57], "flagged"].mean() > 0.5  # both notice it
    assert keep.loc[late:, "flagged"].mean() < 0.05  # "keep" absorbs the new level
    assert forget.loc[late:, "flagged"].mean() > 0.5  # "forget" keeps raising it


def test_gaps_become_missing_data_alerts():
    series, _, _ = _real_like(1)
    found = detect.alerts(detect.flag(series))
    missing = found[found["kind"] == "missing data"]
    assert missing["periods"].max() == 30
    assert missing["periods"].sum() == 24 * 140 - len(series)


# --- building blocks -----------------------------------------------------------------------------

def test_baseline_is_the_median_of_the_same_weekday():
    idx = pd.date_range("2025-01-06", periods=35, freq="D")
    values = np.arange(35, dtype=float) % 7 * 10 + np.repeat([1.0, 5, 2, 100, 3], 7)
    base = detect.baseline(pd.Series(values, index=idx), weeks=4, min_weeks=2)
    assert base.iloc[:14].isna().all()
    for i in range(14, 35):
        history = [values[i - 7 * k] for k in range(1, 5) if i - 7 * k >= 0]
        assert base.iloc[i] == pytest.approx(np.median(history))


def test_hourly_baseline_uses_neighbouring_hours():
    idx = pd.date_range("2025-01-06", periods=24 * 7 * 3, freq="h")
    values = np.zeros(len(idx))
    values[24 * 7 * 2 - 1 : 24 * 7 * 2 + 2] = 0  # keep zeros around
    values[10] = values[24 * 7 + 10] = 9.0  # the same Monday 10:00 twice
    base = detect.baseline(pd.Series(values, index=idx))
    assert base.iloc[24 * 7 * 2 + 10] == 0.0  # median of six values, only two are 9


def test_surprise_is_scale_free_on_the_square_root_scale():
    rng = np.random.default_rng(4)
    idx = pd.date_range("2025-01-06", periods=24 * 7 * 5, freq="h")
    quiet = pd.Series(rng.poisson(4, len(idx)).astype(float), index=idx)
    busy = pd.Series(rng.poisson(400, len(idx)).astype(float), index=idx)
    spread_quiet = detect.surprise(quiet)["surprise"].dropna().std()
    spread_busy = detect.surprise(busy)["surprise"].dropna().std()
    assert 0.5 < spread_quiet / spread_busy < 2


def test_regularize_fills_gaps_and_sorts():
    idx = pd.to_datetime(["2025-01-01 02:00", "2025-01-01 00:00", "2025-01-01 01:00",
                          "2025-01-01 05:00"])
    out = detect.regularize(pd.Series([2, 0, 1, 5], index=idx))
    assert out.tolist()[:3] == [0.0, 1.0, 2.0]
    assert out.isna().sum() == 2
    assert out.attrs["period"] == 168


@pytest.mark.parametrize(
    ("bad", "match"),
    [
        (pd.DataFrame({"a": [1]}), "Series of counts indexed by time"),
        (pd.Series([1.0, 2.0]), "indexed by RangeIndex"),
        (pd.Series([1.0, -2.0], index=pd.date_range("2025-01-01", periods=2, freq="h")),
         "negative"),
        (pd.Series([1.0, 2.0, 3.0], index=pd.date_range("2025-01-01", periods=3, freq="15min")),
         "hourly or daily"),
    ],
)
def test_bad_series_get_clear_errors(bad, match):
    with pytest.raises(ValueError, match=match):
        detect.flag(bad)


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [({"threshold": -1}, "threshold"), ({"memory": "sometimes"}, "memory"),
     ({"weeks": 0}, "weeks"), ({"min_weeks": 9}, "min_weeks")],
)
def test_bad_options_name_the_parameter(kwargs, param):
    series = make_mentions(60, events={}, random_state=0).set_index("timestamp")["mentions"]
    with pytest.raises(ValueError, match=param):
        detect.flag(series, **kwargs)


def test_alerts_merge_small_gaps_and_drop_short_runs():
    idx = pd.date_range("2025-01-01", periods=14, freq="h")
    flagged = np.array([0, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0], bool)
    f = pd.DataFrame({"value": 10.0, "baseline": 2.0, "surprise": np.where(flagged, 5.0, 0.0),
                      "flagged": flagged, "missing": False}, index=idx)
    found = detect.alerts(f, min_duration=3, max_gap=1)
    assert len(found) == 1
    assert found.loc[0, "start"] == idx[1] and found.loc[0, "end"] == idx[4]
    assert found.loc[0, "size"] == pytest.approx(3 * 8.0)
    assert len(detect.alerts(f, min_duration=1, max_gap=0)) == 3


def test_alerts_without_a_surprise_peak_at_the_largest_excess():
    # Hand-made flags, or hours before any history, have no surprise: the alert still gets a
    # peak (the largest count above usual), where nanargmax raised "All-NaN slice".
    idx = pd.date_range("2025-01-01", periods=6, freq="h")
    f = pd.DataFrame({"value": [1.0, 9, 30, 12, 1, 1], "baseline": 2.0, "surprise": np.nan,
                      "flagged": [False, True, True, True, False, False], "missing": False},
                     index=idx)
    found = detect.alerts(f, min_duration=1)
    assert len(found) == 1 and found.loc[0, "peak"] == idx[2]
    assert np.isnan(found.loc[0, "peak_surprise"]) and found.loc[0, "peak_value"] == 30


def test_no_lasting_alert_before_the_brand_has_a_history():
    # CI found a learner whose 2 January was x3-x4 "usual" for five hours, usual being 1
    # January alone: the lasting rule rang, with no big swing known yet, and detect.alarm
    # crashed. Before a day of history there is no usual worth the name: no alert.
    idx = pd.date_range("2025-01-01", periods=24 * 10, freq="h", tz="Europe/Rome")
    counts = pd.Series(20.0, index=idx)
    counts.iloc[24 + 7: 24 + 12] = 80.0  # day 2, 07:00-11:00: x4 the day before
    counts.iloc[24 * 8 + 7: 24 * 8 + 12] = 80.0  # day 9, the same: now there is a history
    w = detect.watch(counts)
    assert not w["flagged"].iloc[: 24 * 2].any()
    assert w["flagged"].iloc[24 * 8 + 7: 24 * 8 + 12].all()
    found = detect.alarm(counts)
    assert list(found["start"]) == [idx[24 * 8 + 7]]


def test_alerts_on_nothing_flagged_is_an_empty_table():
    idx = pd.date_range("2025-01-01", periods=5, freq="h")
    f = pd.DataFrame({"value": 1.0, "baseline": 1.0, "surprise": 0.0, "flagged": False,
                      "missing": False}, index=idx)
    found = detect.alerts(f)
    assert len(found) == 0 and list(found.columns)[:3] == ["alert_id", "kind", "start"]


def test_score_counts_each_window_once_and_false_alarms():
    t = pd.Timestamp("2025-03-01", tz="UTC")
    h = pd.Timedelta(hours=1)
    truth = pd.DataFrame({"event_id": [1, 2], "type": ["crisis", "noise"],
                          "table": "mentions", "start": [t, t + 50 * h],
                          "end": [t + 20 * h, t + 50 * h]})
    found = pd.DataFrame({"alert_id": [1, 2, 3, 4],
                          "start": [t + 2 * h, t + 10 * h, t + 50 * h, t + 90 * h],
                          "end": [t + 4 * h, t + 12 * h, t + 52 * h, t + 95 * h]})
    s = detect.score(found, truth, days=10)
    assert s.recall == 1.0
    # two fragments on one crisis find ONE event: 1 found / (1 found + 2 false alarms)
    assert s.precision == pytest.approx(1 / 3)
    assert s.false_alerts == 2
    assert s.false_alerts_per_day == pytest.approx(0.2)
    assert s.noise_alerted == 1.0
    assert s.matches["event_id"].tolist()[:2] == [1, 1]
    assert "precision 0.33" in s.summary()
    # cutting the same alert in more fragments never raises precision
    more = pd.concat([found.iloc[:2], found.iloc[:2].assign(alert_id=[5, 6]), found.iloc[2:]])
    assert detect.score(more, truth, days=10).precision == pytest.approx(s.precision)


def test_score_leaves_gaps_out_and_times_delay_from_when_the_alert_could_fire():
    t = pd.Timestamp("2025-03-01", tz="UTC")
    h = pd.Timedelta(hours=1)
    truth = pd.DataFrame({"event_id": [1, 2], "type": ["crisis", "tracking_outage"],
                          "table": "mentions", "start": [t + 10 * h, t + 40 * h],
                          "end": [t + 30 * h, t + 45 * h]})
    found = pd.DataFrame({"alert_id": [1, 2], "kind": ["spike", "missing data"],
                          "start": [t + 10 * h, t + 40 * h], "end": [t + 15 * h, t + 45 * h],
                          "fired": [t + 12 * h, t + 40 * h]})
    s = detect.score(found, truth, days=10)
    assert s.gaps == 1 and s.false_alerts == 0 and s.precision == 1.0
    assert list(s.by_type["type"]) == ["crisis"]  # the outage is no event to "find"
    assert s.by_type.loc[0, "delay"] == pd.Timedelta(hours=2)  # fired, not back-dated start
    only_gap = detect.score(found.iloc[[1]], truth, days=10)
    assert only_gap.recall == 0.0 and only_gap.false_alerts == 0


def test_alerts_fire_at_the_min_duration_th_point_and_the_alarm_at_its_confirming_hour():
    idx = pd.date_range("2025-01-01", periods=8, freq="h")
    f = pd.DataFrame({"value": 9.0, "baseline": 1.0, "surprise": 5.0, "missing": False,
                      "flagged": [False, True, True, False, True, True, False, False]},
                     index=idx)
    found = detect.alerts(f, min_duration=3, max_gap=1)
    assert found.loc[0, "start"] == idx[1] and found.loc[0, "fired"] == idx[4]
    series = pd.Series(40.0, index=pd.date_range("2025-01-06", periods=24 * 21, freq="h"))
    series.iloc[400] = 400.0  # a peak ...
    series.iloc[401] = 200.0  # ... confirmed by the next hour
    one = detect.alarm(series)
    assert one.loc[0, "start"] == series.index[400]
    assert one.loc[0, "fired"] == series.index[401]


def test_changepoint_finds_the_algorithm_change():
    data, truth = make_course_data(7, return_truth=True)
    events = truth["events"]
    change = events[events["type"] == "algorithm_change"].iloc[0]
    daily = data["account_daily"]
    own = daily[daily["platform"] == change["platform"]].set_index("date")
    cp = detect.changepoint(own["reach"] / own["followers"])
    assert cp.significant
    assert abs((cp.date - change["start"].tz_localize(None)).days) <= 7
    assert cp.change == pytest.approx(change["magnitude"] - 1, abs=0.15)
    assert "changed" in cp.explanation()


def test_changepoint_stays_quiet_without_a_change():
    rng = np.random.default_rng(3)
    idx = pd.date_range("2025-01-01", periods=200, freq="D")
    cp = detect.changepoint(pd.Series(np.exp(rng.normal(-2, 0.1, 200)), index=idx))
    assert not cp.significant
    assert "No clear change" in cp.explanation()


def test_changepoint_needs_enough_days():
    idx = pd.date_range("2025-01-01", periods=20, freq="D")
    with pytest.raises(ValueError, match="needs at least 28"):
        detect.changepoint(pd.Series(1.0, index=idx))


def test_follower_audit_finds_bought_followers_and_only_them():
    daily, truth = make_account_daily(
        200, random_state=11, return_truth=True,
        bought_followers={"platform": "TikTok", "date": "2025-04-01", "followers": 5000},
    )
    audit = detect.follower_audit(daily)
    assert audit["platform"].astype(str).tolist() == ["TikTok"]
    event = truth.events.iloc[0]
    row = audit.iloc[0]
    assert row["start"] <= event["end"].tz_localize(None)
    assert row["end"] >= event["start"].tz_localize(None)
    assert row["excess"] > 0.6 * event["magnitude"]
    assert abs(row["reach_change"]) < 0.3
    assert "bought" in row["reason"]
    clean = make_account_daily(200, random_state=11)
    assert len(detect.follower_audit(clean)) == 0


def test_follower_audit_needs_the_columns():
    with pytest.raises(ValueError, match="new_followers"):
        detect.follower_audit(pd.DataFrame({"date": [], "platform": []}))


# --- no warning, and no warning filter touched (issue 11: catch_warnings is not thread-safe) --


def test_detection_emits_no_warning_where_there_is_no_history():
    """The first weeks have no history (all-NaN slices): NaN baselines, and no RuntimeWarning.

    The "All-NaN slice" warning used to be silenced with ``warnings.catch_warnings``, which
    swaps the process-wide filters and let it escape under the grader's threads.
    """
    import warnings

    mentions = make_mentions(60, random_state=3)
    series = mentions.set_index("timestamp")["mentions"]
    series.iloc[500:700] = np.nan  # a tracking outage: whole slots without history
    daily = series.resample("D").sum(min_count=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        base = detect.baseline(series)
        flags = detect.flag(series)
        found = detect.alerts(flags)
        detect.flag(daily)
        detect.naive_flag(series)
        detect.triage(found, mentions)
    assert base.iloc[:168].isna().all() and base.iloc[-24:].notna().all()


@pytest.mark.parametrize(
    "package", ["detect", "metrics", "stats", "synth", "viz", "report"])
def test_numeric_packages_never_swap_the_warning_filters(package):
    """warnings.catch_warnings / simplefilter / filterwarnings change process-wide state."""
    import ast
    from pathlib import Path

    import smmlab

    calls = []
    for path in sorted((Path(smmlab.__file__).parent / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "warnings"
                    and node.func.attr in ("catch_warnings", "simplefilter", "filterwarnings",
                                           "resetwarnings")):
                calls.append(f"{path.name}:{node.lineno} warnings.{node.func.attr}")
    assert not calls, f"compute without the warning instead of silencing it: {calls}"


def test_a_baseline_in_one_thread_leaves_another_threads_warning_filters_alone(monkeypatch):
    """The grader checks in threads: one thread's baseline must not undo another's filters.

    ``warnings.catch_warnings`` saves the process-wide filters on entry and puts them back on
    exit, so a baseline running in a worker thread used to drop the filters the main thread
    set meanwhile. The worker is paused inside its median to make that interleaving certain.
    """
    import threading
    import warnings

    series = make_mentions(28, random_state=4).set_index("timestamp")["mentions"]
    inside, release = threading.Event(), threading.Event()
    real = np.nanmedian

    def paused(*args, **kwargs):
        inside.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(np, "nanmedian", paused)
    worker = threading.Thread(target=detect.baseline, args=(series,))
    with warnings.catch_warnings():
        worker.start()
        assert inside.wait(10)
        warnings.simplefilter("error", UserWarning)  # this thread's own filter, set meanwhile
        release.set()
        worker.join(10)
        with pytest.raises(UserWarning, match="still an error"):
            warnings.warn("still an error", UserWarning, stacklevel=1)
