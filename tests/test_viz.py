"""smmlab.viz: the course style, alt text and the chart helpers, on the canonical data."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from PIL import Image  # noqa: E402

from smmlab import datasets, viz  # noqa: E402
from smmlab.synth.brand import PLATFORMS  # noqa: E402
from smmlab.viz.charts import EVENT_GID, LOW_COUNT_GID  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure and undo rcParams changes after each test."""
    saved = mpl.rcParams.copy()
    yield
    plt.close("all")
    mpl.rcParams.update(saved)


@pytest.fixture(scope="module")
def mentions() -> pd.Series:
    return datasets.load("mentions").set_index("timestamp")["mentions"]


@pytest.fixture(scope="module")
def mention_events() -> pd.DataFrame:
    truth = datasets.load("truth_events")
    return truth[truth["table"] == "mentions"].reset_index(drop=True)


@pytest.fixture(scope="module")
def daily() -> pd.DataFrame:
    return datasets.load("account_daily")


@pytest.fixture(scope="module")
def posts() -> pd.DataFrame:
    return datasets.load("posts")


@pytest.fixture(scope="module")
def campaigns() -> pd.DataFrame:
    return datasets.load("campaigns")


def _fmt(value: float) -> str:
    return f"{value:,.0f}"


def _labels(fig: Figure) -> tuple[str, str, str]:
    """Title, x label and y label of a chart, from its first Axes or the figure."""
    ax = fig.axes[0]
    return (
        ax.get_title() or fig.get_suptitle(),
        ax.get_xlabel() or fig.get_supxlabel(),
        ax.get_ylabel() or fig.get_supylabel(),
    )


def _texts(ax, gid: str | None = None) -> list[Text]:
    return [t for t in ax.texts if gid is None or t.get_gid() == gid]


# --- builders: every helper on the canonical data ---------------------------------------------


def _timeseries(m, ev, d, p, c):
    return viz.timeseries_with_events(m, ev)


def _small_multiples(m, ev, d, p, c):
    return viz.small_multiples(d, x="date", y="reach")


def _heatmap(m, ev, d, p, c):
    return viz.weekday_hour_heatmap(p)


def _funnel(m, ev, d, p, c):
    return viz.funnel(c[["impressions", "clicks", "conversions"]].sum())


def _spend(m, ev, d, p, c):
    days = c.groupby("date")[["spend", "revenue"]].sum()
    return viz.spend_return_curve(days["spend"], days["revenue"], currency="EUR")


def _kpi(m, ev, d, p, c):
    reach = p.groupby("platform", observed=True)["reach"].sum()
    return viz.kpi_vs_target(reach, reach.mul(1.1).where(reach.index != "TikTok", 100.0))


BUILDERS = {
    "timeseries_with_events": _timeseries,
    "small_multiples": _small_multiples,
    "weekday_hour_heatmap": _heatmap,
    "funnel": _funnel,
    "spend_return_curve": _spend,
    "kpi_vs_target": _kpi,
}


@pytest.fixture(params=list(BUILDERS))
def chart(request, mentions, mention_events, daily, posts, campaigns) -> Figure:
    return BUILDERS[request.param](mentions, mention_events, daily, posts, campaigns)


def test_every_chart_is_a_labelled_figure_with_alt_text(chart):
    assert isinstance(chart, Figure)
    title, xlabel, ylabel = _labels(chart)
    assert title.strip() and xlabel.strip() and ylabel.strip()
    text = viz.alt_text(chart)
    assert len(text) > 80 and any(ch.isdigit() for ch in text)


def test_every_chart_uses_readable_text(chart):
    """All writing on the chart is at least 11 pt."""
    texts = chart.findobj(lambda a: isinstance(a, Text) and a.get_visible() and a.get_text())
    sizes = {t.get_text(): t.get_fontsize() for t in texts}
    small = {k: v for k, v in sizes.items() if v < 11}
    assert not small, small


def test_every_chart_saves_a_png_with_its_alt_text(chart, tmp_path):
    path = viz.save_figure(chart, tmp_path / "chart.png")
    assert path.stat().st_size > 5_000
    with Image.open(path) as image:
        assert image.text["Description"] == viz.alt_text(chart)
        assert image.size[0] >= 800


# --- timeseries_with_events -------------------------------------------------------------------


def test_timeseries_plots_the_series_and_breaks_at_gaps(mentions, mention_events):
    fig = viz.timeseries_with_events(mentions, mention_events)
    xy = fig.axes[0].lines[0].get_xydata()
    drawn = xy[~np.isnan(xy[:, 1])]
    expected_x = mdates.date2num(mentions.index.tz_localize(None).to_numpy())
    np.testing.assert_allclose(drawn[:, 0], expected_x)
    np.testing.assert_array_equal(drawn[:, 1], mentions.to_numpy(dtype=float))
    # One break per hole of more than an hour (the tracking outages), in absolute time.
    holes = int((mentions.index.to_series().diff() > pd.Timedelta(hours=1)).sum())
    outages = int((mention_events["type"] == "tracking_outage").sum())
    assert holes == outages >= 1
    assert np.isnan(xy[:, 1]).sum() == holes
    assert f"{holes} gap" in viz.alt_text(fig)


def test_timeseries_shades_and_names_every_event(mentions, mention_events):
    fig = viz.timeseries_with_events(mentions, mention_events)
    ax = fig.axes[0]
    spans = [p for p in ax.patches if p.get_gid() == EVENT_GID]
    labels = [t.get_text() for t in _texts(ax, EVENT_GID)]
    assert len(spans) == len(mention_events) == len(labels)
    expected = mention_events["type"].astype(str).str.replace("_", " ")
    assert sorted(labels) == sorted(expected)
    # Each shaded window covers its event, from start to the end of its last hour.
    local = mention_events.assign(
        start=mention_events["start"].dt.tz_localize(None),
        end=mention_events["end"].dt.tz_localize(None) + pd.Timedelta(hours=1),
    )
    for span, (_, row) in zip(sorted(spans, key=lambda s: s.get_x()),
                              local.sort_values("start").iterrows(), strict=True):
        left, right = span.get_x(), span.get_x() + span.get_width()
        assert left == pytest.approx(mdates.date2num(row["start"]))
        assert right >= mdates.date2num(row["end"]) - 1e-9
    # Labels sit above the data: the y-axis leaves room over the highest point.
    assert ax.get_ylim()[1] > mentions.max()


def test_timeseries_alt_text_states_the_peak(mentions, mention_events):
    fig = viz.timeseries_with_events(mentions, mention_events)
    text = viz.alt_text(fig)
    peak_at = mentions.idxmax()
    assert f"{_fmt(mentions.max())} mentions" in text
    assert f"{peak_at.day} {peak_at:%b %Y} at {peak_at:%H:%M}" in text
    assert f"{len(mention_events)} events" in text
    assert text.startswith("Line chart of hourly mentions from 1 Jan 2025 to 31 Dec 2025")
    assert fig.axes[0].get_ylabel() == "Mentions per hour"
    assert "Europe/Rome" in fig.axes[0].get_xlabel()


def test_timeseries_peak_inside_an_event_is_named(mentions, mention_events):
    crisis = mention_events[mention_events["type"] == "crisis"].iloc[[-1]]
    window = mentions.loc[crisis["start"].iloc[0] - pd.Timedelta(days=5):
                          crisis["end"].iloc[0] + pd.Timedelta(days=5)]
    fig = viz.timeseries_with_events(window, crisis, title="November crisis")
    assert fig.axes[0].get_title() == "November crisis"
    assert "during a crisis event" in viz.alt_text(fig)
    assert _fmt(window.max()) in viz.alt_text(fig)


def test_timeseries_without_events_and_on_daily_data(daily):
    reach = daily[daily["platform"] == "TikTok"].set_index("date")["reach"]
    fig = viz.timeseries_with_events(reach)
    assert not [p for p in fig.axes[0].patches if p.get_gid() == EVENT_GID]
    assert fig.axes[0].get_ylabel() == "Reach per day"
    assert viz.alt_text(fig).startswith("Line chart of daily reach")
    assert _fmt(reach.max()) in viz.alt_text(fig)


def test_timeseries_draws_into_a_given_axes(mentions):
    fig, (left, right) = plt.subplots(1, 2)
    out = viz.timeseries_with_events(mentions.iloc[:48], ax=right)
    assert out is fig and len(right.lines) == 1 and not left.lines


@pytest.mark.parametrize(
    "bad",
    [
        pd.Series([1, 2, 3]),
        [1, 2, 3],
        pd.Series(["a", "b"], index=pd.date_range("2025", periods=2)),
    ],
)
def test_timeseries_rejects_data_without_a_time_index(bad):
    with pytest.raises(ValueError, match="indexed by date and time"):
        viz.timeseries_with_events(bad)


def test_timeseries_rejects_events_without_windows(mentions):
    with pytest.raises(ValueError, match="start, end and type.*lacks \\['end'\\]"):
        viz.timeseries_with_events(mentions, pd.DataFrame({"start": [], "type": []}))


# --- small_multiples --------------------------------------------------------------------------


def test_small_multiples_one_panel_per_platform_with_the_data(daily):
    fig = viz.small_multiples(daily, x="date", y="reach")
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in panels] == list(PLATFORMS)
    for ax, platform in zip(panels, PLATFORMS, strict=True):
        part = daily[daily["platform"] == platform].sort_values("date")
        xy = ax.lines[0].get_xydata()
        np.testing.assert_array_equal(xy[:, 1], part["reach"].to_numpy(dtype=float))
        np.testing.assert_allclose(xy[:, 0], mdates.date2num(part["date"].to_numpy()))
        assert ax.lines[0].get_color().upper() == viz.PLATFORM_COLORS[platform]
        assert ax.lines[1].get_marker() == viz.PLATFORM_MARKERS[platform]
    assert len({ax.get_ylim() for ax in panels}) == 1  # same y-scale
    assert len({ax.get_xlim() for ax in panels}) == 1  # shared x


def test_small_multiples_alt_text_names_the_leader_and_the_peak(daily):
    fig = viz.small_multiples(daily, x="date", y="reach")
    text = viz.alt_text(fig)
    means = daily.groupby("platform", observed=True)["reach"].mean()
    peak = daily.loc[daily["reach"].idxmax()]
    assert f"highest on {means.idxmax()} ({_fmt(means.max())})" in text
    assert f"lowest on {means.idxmin()}" in text
    assert f"{_fmt(peak['reach'])} on {peak['platform']}" in text
    assert "same y-scale" in text


def test_small_multiples_free_scales_and_aggregation(campaigns):
    with pytest.raises(ValueError, match="agg='sum'"):
        viz.small_multiples(campaigns, x="date", y="spend", by="channel")
    fig = viz.small_multiples(campaigns, x="date", y="spend", by="channel", agg="sum",
                              sharey=False)
    expected = campaigns.groupby(["channel", "date"], observed=True)["spend"].sum()
    channels = list(expected.index.get_level_values(0).unique())
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in panels] == [str(c) for c in channels]
    for ax, channel in zip(panels, channels, strict=True):
        np.testing.assert_allclose(ax.lines[0].get_ydata(), expected.loc[channel].to_numpy())
    assert "its own y-scale" in viz.alt_text(fig)


def test_small_multiples_hides_unused_panels(daily):
    four = daily[daily["platform"].isin(PLATFORMS[:4])]
    fig = viz.small_multiples(four, x="date", y="followers")
    assert sum(ax.get_visible() for ax in fig.axes) == 4
    assert fig.get_supylabel() == "Followers (accounts)"


def test_small_multiples_rejects_unknown_columns(daily):
    with pytest.raises(ValueError, match="y must name a column.*'likes'"):
        viz.small_multiples(daily, x="date", y="likes")
    with pytest.raises(ValueError, match="must hold numbers"):
        viz.small_multiples(daily, x="date", y="platform", by="platform")


# --- weekday_hour_heatmap ---------------------------------------------------------------------


def _slots(posts: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    time = posts["published_at"]
    keys = [time.dt.day_of_week.rename("weekday"), time.dt.hour.rename("hour")]
    return posts.groupby(keys)["reach"].size(), posts.groupby(keys)["reach"].median()


def test_heatmap_colours_and_counts_match_a_groupby(posts):
    fig = viz.weekday_hour_heatmap(posts, min_count=3)
    ax = fig.axes[0]
    counts, medians = _slots(posts)
    hour = posts["published_at"].dt.hour
    hours = list(range(hour.min(), hour.max() + 1))
    image = [im for im in ax.get_images() if isinstance(im, AxesImage)][0]
    array = image.get_array()
    assert array.shape == (7, len(hours))
    assert image.get_cmap().name.startswith("cividis")
    written = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text()
               for t in ax.texts}
    assert len(written) == 7 * len(hours)
    for day, (col, hour) in itertools.product(range(7), enumerate(hours)):
        n = int(counts.get((day, hour), 0))
        if n >= 3:
            assert written[(day, col)] == str(n)
            assert not array.mask[day, col]
            assert array[day, col] == pytest.approx(medians[(day, hour)])
        else:
            assert written[(day, col)] == "n<3"
            assert array.mask[day, col]


def test_heatmap_marks_low_count_cells(posts):
    fig = viz.weekday_hour_heatmap(posts, min_count=5)
    ax = fig.axes[0]
    counts, _ = _slots(posts)
    hours = range(posts["published_at"].dt.hour.min(), posts["published_at"].dt.hour.max() + 1)
    grid = counts.reindex(pd.MultiIndex.from_product([range(7), hours]), fill_value=0)
    n_low = int((grid < 5).sum())
    hatched = [p for p in ax.patches if p.get_gid() == LOW_COUNT_GID]
    assert len(hatched) == n_low and all(p.get_hatch() for p in hatched)
    assert sum(t.get_text() == "n<5" for t in ax.texts) == n_low
    assert f"{n_low} of {grid.size} cells" in viz.alt_text(fig)
    colorbar = fig.axes[1]
    assert colorbar.get_ylabel() == "Median reach per post"


def test_heatmap_alt_text_names_the_best_slot(posts):
    fig = viz.weekday_hour_heatmap(posts, value="impressions", agg="mean", hours=range(24))
    time = posts["published_at"]
    groups = posts.groupby([time.dt.day_of_week, time.dt.hour])["impressions"]
    means = groups.mean()[groups.size() >= 3]
    day, hour = means.idxmax()
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    text = viz.alt_text(fig)
    assert f"best slot is {days[day]} at {hour}:00 with average impressions " \
           f"{_fmt(means.max())}" in text
    assert fig.axes[0].get_images()[0].get_array().shape == (7, 24)


def test_heatmap_rejects_bad_arguments(posts):
    with pytest.raises(ValueError, match="agg must be one of"):
        viz.weekday_hour_heatmap(posts, agg="mode")
    with pytest.raises(ValueError, match="min_count must be a whole number"):
        viz.weekday_hour_heatmap(posts, min_count=0)
    with pytest.raises(ValueError, match="time must name a column"):
        viz.weekday_hour_heatmap(posts, time="reach")


# --- funnel -----------------------------------------------------------------------------------


def test_funnel_bars_and_rates(campaigns):
    stages = campaigns[["impressions", "clicks", "conversions"]].sum()
    fig = viz.funnel(stages)
    ax = fig.axes[0]
    widths = [p.get_width() for p in ax.patches]
    np.testing.assert_array_equal(widths, stages.to_numpy(dtype=float))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Impressions", "Clicks",
                                                           "Conversions"]
    ctr = stages["clicks"] / stages["impressions"]
    cvr = stages["conversions"] / stages["clicks"]
    texts = [t.get_text() for t in ax.texts]
    assert f"↓ {ctr * 100:.2f} % of impressions" in texts
    assert f"↓ {cvr * 100:.1f} % of clicks" in texts
    alt = viz.alt_text(fig)
    for value in stages:
        assert _fmt(value) in alt
    assert "biggest drop is from impressions to clicks" in alt


@pytest.mark.parametrize("bad", [{"Impressions": 10}, {"a": 10, "b": -1}, [1, 2], {"a": "x"}])
def test_funnel_rejects_bad_stages(bad):
    with pytest.raises(ValueError, match="stages must map at least 2"):
        viz.funnel(bad)


# --- spend_return_curve -----------------------------------------------------------------------


def test_spend_return_plots_points_and_curve(campaigns):
    days = campaigns.groupby("date")[["spend", "revenue"]].sum()
    grid = np.linspace(0, days["spend"].max(), 30)
    curve = 2000 * grid / (grid + 300)
    fig = viz.spend_return_curve(days["spend"], days["revenue"], curve=(grid, curve),
                                 curve_label="True effect", currency="EUR")
    ax = fig.axes[0]
    np.testing.assert_array_equal(ax.collections[0].get_offsets(),
                                  days[["spend", "revenue"]].to_numpy())
    line = next(line for line in ax.lines if line.get_label() == "True effect")
    np.testing.assert_allclose(line.get_xydata(), np.column_stack([grid, curve]))
    assert ax.get_xlabel() == "Daily spend (EUR)"
    assert ax.get_xlim()[0] == 0 and ax.get_ylim()[0] == 0
    roas = days["revenue"].sum() / days["spend"].sum()
    alt = viz.alt_text(fig)
    assert f"brought back {roas:.2f} EUR" in alt and f"for {len(days)} days" in alt
    assert "'True effect'" in alt


def test_spend_return_note_reads_the_shape():
    spend = np.linspace(10, 200, 40)
    concave = viz.spend_return_curve(spend, 100 * np.sqrt(spend))
    straight = viz.spend_return_curve(spend, 3 * spend)
    note = [t.get_text() for t in concave.axes[0].texts][0]
    assert note.startswith("Diminishing returns")
    assert "No diminishing returns" in [t.get_text() for t in straight.axes[0].texts][0]
    assert "3.00" in viz.alt_text(straight)


def test_spend_return_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="revenue must have as many values as spend"):
        viz.spend_return_curve([1, 2, 3, 4], [1, 2, 3])
    with pytest.raises(ValueError, match="curve must be a pair"):
        viz.spend_return_curve([1, 2, 3, 4], [1, 2, 3, 4], curve=([1, 2], [1]))


# --- kpi_vs_target ----------------------------------------------------------------------------


def test_kpi_vs_target_bars_targets_and_verdicts(posts):
    reach = posts.groupby("platform", observed=True)["reach"].sum()
    target = reach * np.where(reach.index == "TikTok", 0.8, 1.25)  # only TikTok meets it
    fig = viz.kpi_vs_target(reach, target, xlabel="Reach in 2025 (accounts)")
    ax = fig.axes[0]
    bars = [p for p in ax.patches]
    np.testing.assert_array_equal([b.get_width() for b in bars], reach.to_numpy(dtype=float))
    markers = next(line for line in ax.lines if line.get_label() == "Target")
    np.testing.assert_allclose(markers.get_xdata(), target.to_numpy())
    texts = [t.get_text() for t in ax.texts]
    assert texts[list(reach.index).index("TikTok")] == "✓ 125 % of target"
    assert sum(t.startswith("✗ 80.0 % of target") for t in texts) == len(reach) - 1
    assert ax.get_title() == "Results against target: 1 of 6 met"
    assert ax.get_ylabel() == "Platform"
    colors = {b.get_facecolor()[:3] for b in bars}
    assert colors == {to_rgb(viz.SEMANTIC_COLORS["good"]), to_rgb(viz.SEMANTIC_COLORS["bad"])}
    alt = viz.alt_text(fig)
    assert "1 met and 5 missed" in alt
    assert f"TikTok {_fmt(reach['TikTok'])} vs target {_fmt(target['TikTok'])}" in alt


def test_kpi_vs_target_lower_is_better_and_scalar_target():
    fig = viz.kpi_vs_target({"January": 8.0, "February": 12.0}, 10.0, higher_is_better=False,
                            xlabel="CPM (EUR)")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["✓ 80.0 % of target", "✗ 120 % of target"]
    assert "(lower is better)" in viz.alt_text(fig)


def test_kpi_vs_target_needs_a_target_for_each_name():
    with pytest.raises(ValueError, match="missing \\['TikTok'\\], unknown \\['X'\\]"):
        viz.kpi_vs_target({"Instagram": 1, "TikTok": 2}, {"Instagram": 1, "X": 2})
    with pytest.raises(ValueError, match="target must hold finite numbers"):
        viz.kpi_vs_target({"Instagram": 1}, 0)


# --- style ------------------------------------------------------------------------------------


def test_platform_colours_are_distinct_and_colour_blind_safe():
    colors = [viz.PLATFORM_COLORS[p] for p in PLATFORMS]
    assert len(set(colors)) == len(PLATFORMS)
    assert set(colors) <= set(viz.PALETTE.values())
    for a, b in itertools.combinations(colors, 2):
        assert np.linalg.norm(np.subtract(to_rgb(a), to_rgb(b))) > 0.25, (a, b)
    assert viz.PALETTE["yellow"] not in colors  # too light on white


def test_platform_markers_and_line_styles_are_distinct():
    assert set(viz.PLATFORM_MARKERS) == set(PLATFORMS)
    assert len(set(viz.PLATFORM_MARKERS.values())) == len(PLATFORMS)
    assert len({str(s) for s in viz.PLATFORM_LINESTYLES.values()}) == len(PLATFORMS)
    assert viz.platform_style("Instagram")["marker"] == viz.PLATFORM_MARKERS["Instagram"]
    others = [viz.platform_style("Newsletter", i) for i in range(3)]
    assert len({o["color"] for o in others}) == 3


def test_semantic_colours_differ():
    semantic = viz.SEMANTIC_COLORS
    assert semantic["good"] != semantic["bad"]
    assert len({semantic[k] for k in ("good", "bad", "neutral", "highlight", "target")}) == 5


def test_use_changes_rcparams():
    mpl.rcdefaults()
    viz.use()
    assert mpl.rcParams["font.size"] >= 11
    assert list(mpl.rcParams["figure.figsize"]) == [8.0, 4.5]
    assert mpl.rcParams["figure.dpi"] == 110
    assert mpl.rcParams["axes.spines.top"] is False
    assert mpl.rcParams["axes.spines.right"] is False
    assert mpl.rcParams["axes.grid"] is True
    assert mpl.rcParams["image.cmap"] == "cividis"


def test_style_restores_rcparams_after_the_block():
    mpl.rcdefaults()
    before = mpl.rcParams.copy()
    with viz.style():
        assert mpl.rcParams["font.size"] == 11
        assert mpl.rcParams["axes.spines.right"] is False
        fig, ax = plt.subplots()
    assert dict(mpl.rcParams) == dict(before)
    assert tuple(fig.get_size_inches()) == (8.0, 4.5)
    assert not ax.spines["top"].get_visible()


def test_charts_do_not_change_global_settings(posts):
    mpl.rcdefaults()
    before = mpl.rcParams.copy()
    viz.weekday_hour_heatmap(posts)
    assert dict(mpl.rcParams) == dict(before)


# --- alt text ---------------------------------------------------------------------------------


def test_alt_text_missing_raises_a_helpful_error():
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4], label="Instagram")
    ax.set(title="Reach", xlabel="Week", ylabel="Accounts")
    with pytest.raises(ValueError, match="no alt text yet.*set_alt_text.*'Reach'"):
        viz.alt_text(fig)


def test_set_alt_text_round_trip_and_checks():
    fig, _ = plt.subplots()
    viz.set_alt_text(fig, "Bar chart of reach;\n  TikTok leads with 2,925,071.")
    assert viz.alt_text(fig) == "Bar chart of reach; TikTok leads with 2,925,071."
    with pytest.raises(ValueError, match="non-empty sentence"):
        viz.set_alt_text(fig, "  ")
    with pytest.raises(ValueError, match="must be a matplotlib Figure"):
        viz.set_alt_text("chart.png", "text")


def test_describe_axes_lists_title_labels_and_series():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 2], label="Instagram")
    ax.plot([0, 1], [2, 3], label="TikTok")
    ax.set(title="Reach", xlabel="Week", ylabel="Accounts")
    assert viz.describe_axes(ax) == (
        "Chart titled 'Reach', x axis 'Week', y axis 'Accounts'; 2 series: Instagram, TikTok."
    )


def test_save_figure_writes_svg_and_pdf_metadata(tmp_path, campaigns):
    fig = _funnel(None, None, None, None, campaigns)
    svg = viz.save_figure(fig, tmp_path / "funnel.svg").read_text(encoding="utf-8")
    assert f"{_fmt(campaigns['impressions'].sum())} impressions" in svg
    assert viz.save_figure(fig, tmp_path / "funnel.pdf").stat().st_size > 0


def test_style_keeps_interactive_mode_switched_on_inside_it():
    """The inline backend turns interactive mode on at the first chart; style() must not undo it
    (lesson 07's charts after a viz.funnel never appeared in JupyterLab)."""
    import matplotlib as mpl

    from smmlab.viz import style

    was = mpl.is_interactive()
    try:
        mpl.interactive(False)
        with style():
            mpl.interactive(True)  # what the inline backend does when the first chart is made
        assert mpl.is_interactive()
        with style():
            pass
        assert mpl.is_interactive()
    finally:
        mpl.interactive(was)


def test_charts_after_a_viz_chart_are_shown_by_a_real_kernel():
    """Issue 12: in a notebook run by a kernel (nbconvert, JupyterLab), a chart drawn without
    plt.show() after viz.funnel never appeared: the inline backend switches interactive mode on
    at the first chart, which was made inside style()'s rc_context and undone on its exit.
    Runs lesson 07's order (viz.use, a viz chart first, then a plain chart) in a real kernel."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in (
        "import matplotlib.pyplot as plt\nfrom smmlab import viz\nviz.use()",
        "fig_funnel = viz.funnel({'Impressions': 1000, 'Clicks': 50, 'Conversions': 5})",
        "fig, ax = plt.subplots()\nax.bar(['a', 'b'], [1, 2]);",
        "import numpy as np\nx = np.arange(1.0, 20.0)\n"
        "fig2 = viz.spend_return_curve(x, 2 * x, currency='EUR', title='Spend and return')",
        "fig3, ax3 = plt.subplots()\nax3.plot([1, 2]);",
    )]
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    images = [any("image/png" in out.get("data", {}) for out in cell.outputs)
              for cell in nb.cells]
    assert images == [False, True, True, True, True]
