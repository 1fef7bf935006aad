"""Issue 13: scoring against labelled windows (the real-mentions rule), and the alarm on real data.

The rule (shared/data/real-mentions/README.md): hourly sums; alerts in the probationary period
ignored; flagged hours at most 60 minutes apart merged into one alert; a window is found if a
flagged hour overlaps it, once; an alert overlapping no window is a false alarm;
precision = found / (found + false alarms); recall = found / windows; alerts per day =
alerts / days scored.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmlab import detect
from smmlab.detect.realdata import RealSeries, load_real_mentions, real_mentions_dir
from smmlab.detect.triage import label_text
from smmlab.detect.windows import pooled, probation_end, score_windows

IDX = pd.date_range("2025-03-01", periods=24 * 10, freq="h")


def _flags(*hours: int) -> pd.Series:
    out = pd.Series(False, index=IDX)
    out.iloc[list(hours)] = True
    return out


# --- the scoring rule on hand-made cases -------------------------------------------------------

def test_consecutive_hours_are_one_alert_and_a_gap_of_one_hour_splits():
    s = score_windows(_flags(10, 11, 12, 14), [])
    assert s.alerts == 2 and s.false_alarms == 2 and s.found == 0
    assert score_windows(_flags(10, 11, 12, 14), [], merge_minutes=120).alerts == 1


def test_a_window_is_found_once_however_many_alerts_hit_it():
    window = [(IDX[20], IDX[40])]
    s = score_windows(_flags(21, 25, 30, 39, 100), window)
    assert (s.windows, s.found, s.alerts, s.false_alarms) == (1, 1, 5, 1)
    assert s.precision == pytest.approx(0.5)  # found / (found + false alarms), not per alert
    assert s.recall == 1.0
    assert s.f1 == pytest.approx(2 / 3)


def test_an_hour_overlaps_a_window_that_starts_inside_it():
    start = IDX[30] + pd.Timedelta(minutes=40)  # window opens at 06:40, the 06:00 hour holds it
    s = score_windows(_flags(30), [(start, start + pd.Timedelta(hours=5))])
    assert s.found == 1 and s.false_alarms == 0
    s = score_windows(_flags(29), [(start, start + pd.Timedelta(hours=5))])
    assert s.found == 0 and s.false_alarms == 1  # 05:00-06:00 ends before the window


def test_an_alert_touching_two_windows_finds_both():
    s = score_windows(_flags(10, 11, 12, 13), [(IDX[10], IDX[11]), (IDX[13], IDX[15])])
    assert s.found == 2 and s.alerts == 1 and s.false_alarms == 0


def test_probation_hours_are_ignored_and_days_start_after_it():
    s = score_windows(_flags(2, 3, 200), [(IDX[0], IDX[5])], probation_end=IDX[48])
    assert s.alerts == 1 and s.false_alarms == 1 and s.found == 0
    assert s.days == pytest.approx(8.0)  # 240 hours minus the 48 of probation
    assert s.alerts_per_day == pytest.approx(1 / 8)


def test_nothing_flagged_scores_zero_not_nan():
    s = score_windows(_flags(), [(IDX[0], IDX[5])])
    assert (s.alerts, s.found, s.recall, s.f1) == (0, 0, 0.0, 0.0)


def test_pooling_adds_counts_before_the_ratios():
    a = score_windows(_flags(10), [(IDX[10], IDX[12])])
    b = score_windows(_flags(50, 80, 120), [(IDX[10], IDX[12])])
    p = pooled([a, b])
    assert (p.windows, p.found, p.false_alarms, p.alerts) == (2, 1, 3, 4)
    assert p.precision == pytest.approx(0.25) and p.recall == pytest.approx(0.5)
    assert p.alerts_per_day == pytest.approx(4 / 20)


def test_probation_is_15_percent_of_raw_records_at_most_750():
    short = pd.date_range("2015-01-01", periods=1000, freq="5min")
    assert probation_end(short) == short[150]
    long = pd.date_range("2015-01-01", periods=16000, freq="5min")
    assert probation_end(long) == long[750]


def test_alert_tables_become_flagged_hours_without_the_gaps():
    found = pd.DataFrame({"kind": ["spike", "missing data"], "start": [IDX[5], IDX[50]],
                          "end": [IDX[7], IDX[60]]})
    hours = detect.flagged_hours(found, IDX)
    assert hours.sum() == 3 and hours.iloc[5:8].all()


def test_real_series_score_uses_its_own_windows_and_probation():
    series = RealSeries("x", pd.Series(1.0, index=IDX), [(IDX[100], IDX[110])], [IDX[105]],
                        IDX[24])
    s = series.score(_flags(3, 105))
    assert (s.found, s.false_alarms, s.alerts) == (1, 0, 1)


# --- the seasonal z-score reference --------------------------------------------------------------

def test_seasonal_zscore_compares_with_the_same_hour_of_previous_days():
    idx = pd.date_range("2025-01-06", periods=24 * 14, freq="h")
    day = 10 + 40 * np.exp(-(((np.asarray(idx.hour) - 13) / 3.0) ** 2))
    values = pd.Series(day + np.random.default_rng(1).normal(0, 1, len(idx)), index=idx)
    values.iloc[24 * 10 + 3] = 50.0  # a daytime level at 03:00: odd only for its hour
    flags = detect.seasonal_zscore_flag(values)
    assert flags["flagged"].iloc[24 * 10 + 3]
    assert flags["flagged"].sum() == 1
    assert flags["baseline"].iloc[24 * 10 + 13] == pytest.approx(
        np.median(values.iloc[[24 * k + 13 for k in range(3, 10)]]))


# --- the alarm ---------------------------------------------------------------------------------

def _hourly(seed: int, days: int = 42, level: float = 50.0) -> pd.Series:
    rng = np.random.default_rng(seed)
    idx = pd.date_range("2025-01-06", periods=24 * days, freq="h")
    shape = 0.3 + np.exp(-(((np.asarray(idx.hour) - 14) / 4.0) ** 2))
    lam = level * shape * rng.gamma(10, 1 / 10, len(idx))
    return pd.Series(rng.poisson(lam).astype(float), index=idx)


def test_alarm_fires_on_a_confirmed_peak_and_not_on_a_one_hour_burst():
    s = _hourly(3)
    s.iloc[24 * 30 + 14] *= 15  # one hour x15, back to normal at once: a burst
    s.iloc[24 * 35 + 10] *= 12  # x12, and the next hour still x3: news
    s.iloc[24 * 35 + 11] *= 3
    found = detect.alarm(s)
    spikes = found[(found["kind"] == "spike") & (found["start"] >= s.index[24 * 7])]
    assert len(spikes) == 1  # after a week of warm-up: the news, not the burst
    assert s.index[24 * 35 + 8] <= spikes["start"].iloc[0] <= s.index[24 * 35 + 10]
    assert spikes["end"].iloc[0] >= s.index[24 * 35 + 11]
    w = detect.watch(s)
    assert w["flagged"].iloc[24 * 35 + 10] and w["trigger"].iloc[24 * 35 + 10] != ""
    assert not w["flagged"].iloc[24 * 30 + 14]
    assert w["ratio"].iloc[24 * 35 + 10] > 5


def test_alarm_fires_on_hours_that_stay_high():
    s = _hourly(4)
    s.iloc[24 * 30 + 9 : 24 * 30 + 15] *= 5  # six hours at x5 (x3.4 at the least)
    w = detect.watch(s, peak=1e6)  # no peak can open an alert: the lasting rule alone
    assert (w["trigger"].iloc[24 * 30 + 9 : 24 * 30 + 15] == "lasting").all()
    assert w["flagged"].iloc[24 * 30 + 9 : 24 * 30 + 15].all()
    assert not detect.watch(s, peak=1e6, lasting_hours=7)["flagged"].iloc[24 * 30 + 12]
    found = detect.alarm(s).query("kind == 'spike'")
    assert len(found[found["start"] >= s.index[24 * 7]]) == 1  # after a week of warm-up


def test_alarm_follows_a_new_normal_within_a_week():
    s = _hourly(5, days=56)
    s.iloc[24 * 28 :] *= 3  # a lasting change of level
    found = detect.alarm(s).query("kind == 'spike'")
    assert (found["start"] >= s.index[24 * 28]).any()  # noticed...
    assert not (found["start"] >= s.index[24 * 36]).any()  # ...and taken as the new normal


def test_alarm_skips_gaps_and_reports_them():
    s = _hourly(6).drop(_hourly(6).index[24 * 20 : 24 * 20 + 12])
    found = detect.alarm(s)
    assert found.query("kind == 'missing data'")["periods"].tolist() == [12]
    assert found.query("kind == 'spike'").empty  # no zero-filled "drop", no rebound alarm


def test_alarm_on_a_daily_series_works():
    daily = _hourly(7, days=120).resample("D").sum()
    daily.iloc[100:103] *= 4
    found = detect.alarm(daily).query("kind == 'spike'")
    assert (found["start"] <= daily.index[102]).any() and (found["end"] >= daily.index[100]).any()


@pytest.mark.parametrize(("option", "value"), [("peak", -1), ("lasting_hours", 0), ("lasting", 0.5),
                                               ("days", 0), ("swing_share", 0.9)])
def test_alarm_options_are_checked(option, value):
    with pytest.raises(ValueError, match=option):
        detect.watch(_hourly(1), **{option: value})


# --- on the real development series (skipped when the files are absent) ------------------------

needs_real = pytest.mark.skipif(
    real_mentions_dir() is None,
    reason="real mention series not found (shared/data/real-mentions or $SMMLAB_REAL_MENTIONS)")


@pytest.fixture(scope="module")
def real():
    return load_real_mentions()


def _pooled(real, fn):
    return pooled([r.score(fn(r.hourly)) for r in real.values()])


@needs_real
def test_the_issue_figures_are_reproduced(real):
    """Issue 13's table, rows 1-3 (the scoring rule is the one the issue used)."""
    old = _pooled(real, lambda s: detect.flagged_hours(detect.alerts(detect.flag(s)), s.index))
    assert (round(old.precision, 2), round(old.recall, 2), round(old.f1, 2),
            round(old.alerts_per_day, 2)) == (0.21, 0.41, 0.27, 0.15)
    points = _pooled(real, detect.flag)
    assert (round(points.f1, 2), round(points.alerts_per_day, 2)) == (0.10, 0.88)
    naive = _pooled(real, detect.naive_flag)
    assert (round(naive.recall, 2), round(naive.f1, 2), round(naive.alerts_per_day, 2)) == (
        0.94, 0.38, 0.30)


@needs_real
def test_the_alarm_beats_the_seasonal_zscore_on_real_series(real):
    alarm = _pooled(real, detect.watch)
    zscore = _pooled(real, detect.seasonal_zscore_flag)
    assert alarm.alerts_per_day <= 0.10
    assert alarm.f1 > zscore.f1
    assert alarm.f1 >= 0.70  # issue 13 asks 0.80: not reached yet (see bench_detect)


@needs_real
def test_the_alarm_reaches_the_issue_target_on_real_series(real):
    alarm = _pooled(real, detect.watch)
    assert alarm.f1 >= 0.80 and alarm.alerts_per_day <= 0.10


# --- triage on real series: counts only -------------------------------------------------------

@pytest.fixture(scope="module")
def real_triage(real):
    from smmlab.detect.realdata import shipped_dir

    out = {}
    for name, series in real.items():
        raw = pd.read_csv(shipped_dir() / f"{name}.csv")  # the real columns: timestamp, value
        found = detect.alarm(series.hourly)
        out[name] = (series, found, detect.triage(found, raw))
    return out


def test_triage_reads_real_columns_and_says_volume_only(real_triage):
    counts_only = {label_text(k) for k in ("label_volume", "label_noise", "label_outage")}
    labels = set()
    for series, found, labelled in real_triage.values():
        assert len(labelled) == len(found)
        labels |= set(labelled["label"])
        jumps = labelled[labelled["label"] == "volume only"]
        assert jumps["reason"].str.contains("Volume only").all()
        assert jumps["reason"].str.contains("negative").all()  # says which column is missing
        # the same labels from the hourly series itself
        again = detect.triage(found, series.hourly)
        assert again["label"].tolist() == labelled["label"].tolist()
    assert labels <= counts_only, labels  # never "crisis" or "bots" from counts alone
    assert "volume only" in labels


def test_real_jumps_in_labelled_windows_are_not_called_noise(real_triage):
    """A confirmed jump of several times the usual that hits a labelled window is news."""
    checked = 0
    for series, _found, labelled in real_triage.values():
        for row in labelled.itertuples():
            hits = any(row.start <= b and row.end >= a for a, b in series.windows)
            if hits and row.volume_ratio >= 3:
                checked += 1
                assert row.label == "volume only", (series.name, row.start, row.label)
    assert checked >= 8


def test_with_a_negative_share_a_real_spike_becomes_a_crisis_candidate(real_triage):
    series, found, _ = real_triage["Twitter_volume_AAPL"]
    table = series.hourly.dropna().rename("mentions").rename_axis("timestamp").reset_index()
    spikes = found[found["kind"] == "spike"]
    first = spikes.iloc[0]
    inside = table["timestamp"].between(first["start"], first["end"])
    table["negative"] = (table["mentions"] * np.where(inside, 0.6, 0.1)).round()
    table["unique_authors"] = (table["mentions"] * 0.9).round()
    labelled = detect.triage(spikes, table)
    assert labelled.iloc[0]["label"] == "crisis"
    assert "volume only" not in set(labelled["label"])  # every column known: a real call
