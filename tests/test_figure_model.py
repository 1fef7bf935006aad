"""The figure model: a chart read into plain data, paired label -> value, through JSON and back.

Every test here can fail: ``test_each_test_fails_when_the_reader_is_broken`` breaks the
reader in the way each test is meant to catch (values sorted, labels dropped, dates left
as numbers...) and checks that the test then fails.
"""

from __future__ import annotations

import dataclasses
import json
import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.ticker import FuncFormatter, PercentFormatter  # noqa: E402

from smmlab import viz  # noqa: E402
from smmlab.grading import answers as codec  # noqa: E402
from smmlab.viz import figure_model as fm  # noqa: E402
from smmlab.viz.figure_model import FigureModel, PanelModel, SeriesModel, read_figure  # noqa: E402

NAN = float("nan")


def _read(fig) -> FigureModel:
    try:
        return read_figure(fig)
    finally:
        plt.close(fig)


def _pairs(model: FigureModel, panel: int = 0, series: int = 0) -> dict:
    return model.values(panel, series).to_dict()


def _same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        (isinstance(a[k], float) and math.isnan(a[k]) and math.isnan(b[k])) or a[k] == b[k]
        for k in a)


# --- bars ---------------------------------------------------------------------------------


def test_bars_pair_each_value_with_its_label():
    fig, ax = plt.subplots()
    ax.bar(["TikTok", "Instagram", "X"], [5, 30, 12])
    ax.set(title="Posts", xlabel="Platform", ylabel="Posts")
    model = _read(fig)
    assert _pairs(model) == {"TikTok": 5.0, "Instagram": 30.0, "X": 12.0}
    assert list(model.values().index) == ["TikTok", "Instagram", "X"]  # drawing order kept
    panel = model.panels[0]
    assert (panel.series[0].kind, panel.x_type, panel.horizontal) == ("bar", "category", False)
    # a chart with the values swapped between labels is a different chart
    fig, ax = plt.subplots()
    ax.bar(["TikTok", "Instagram", "X"], [30, 5, 12])
    assert _pairs(_read(fig)) != _pairs(model)


def test_rotated_labels_and_a_nan_bar_keep_their_places():
    fig, ax = plt.subplots()
    ax.bar(["Mon", "Tue", "Wed"], [3, NAN, 7])
    ax.tick_params(axis="x", rotation=45)
    assert _same(_pairs(_read(fig)), {"Mon": 3.0, "Tue": NAN, "Wed": 7.0})


def test_bars_at_positions_take_the_tick_labels_set_on_them():
    fig, ax = plt.subplots()
    ax.bar(range(3), [1, 2, 3])
    ax.set_xticks(range(3), ["Facebook", "LinkedIn", "YouTube"], rotation=90)
    assert _pairs(_read(fig)) == {"Facebook": 1.0, "LinkedIn": 2.0, "YouTube": 3.0}


def test_horizontal_bars_pair_lengths_with_their_labels():
    fig, ax = plt.subplots()
    ax.barh(["Reach", "Clicks"], [100, 5])
    ax.set_xlabel("Value")
    model = _read(fig)
    assert _pairs(model) == {"Reach": 100.0, "Clicks": 5.0}
    assert model.panels[0].horizontal and model.panels[0].y_type == "category"


def test_pandas_bars_take_their_labels_from_the_index():
    fig, ax = plt.subplots()
    pd.Series([7, 3, 9], index=["b", "a", "c"]).plot.bar(ax=ax)
    assert _pairs(_read(fig)) == {"b": 7.0, "a": 3.0, "c": 9.0}
    fig, ax = plt.subplots()
    pd.Series([7, 3], index=["b", "a"]).plot.barh(ax=ax)
    assert _pairs(_read(fig)) == {"b": 7.0, "a": 3.0}


def test_grouped_bars_are_one_series_per_column_named_in_the_legend():
    fig, ax = plt.subplots()
    pd.DataFrame({"Q3": [1, 2, 3], "Q4": [4, 5, 6]}, index=["A", "B", "C"]).plot.bar(ax=ax)
    model = _read(fig)
    assert [s.label for s in model.panels[0].series] == ["Q3", "Q4"]
    assert _pairs(model, series=1) == {"A": 4.0, "B": 5.0, "C": 6.0}
    assert model.values(series=1).name == "Q4"


def test_series_without_labels_take_the_legend_entries_in_order():
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    ax.bar(["a", "b"], [3, 4], bottom=[1, 2])
    ax.legend(["organic", "paid"])
    model = _read(fig)
    assert [s.label for s in model.panels[0].series] == ["organic", "paid"]
    assert model.panels[0].legend == ("organic", "paid")


# --- lines, dates, scatter, pie, areas -----------------------------------------------------


def test_several_lines_keep_their_legend_labels_and_x():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [10, 20, 15], label="Instagram")
    ax.plot([1, 2, 3], [5, 4, 6], "--o", label="TikTok")
    ax.legend()
    model = _read(fig)
    lines = model.panels[0].series
    assert [(s.label, s.kind) for s in lines] == [("Instagram", "line"), ("TikTok", "line")]
    assert _pairs(model, series=1) == {1.0: 5.0, 2.0: 4.0, 3.0: 6.0}
    assert lines[1].style == "--o" and lines[0].style == "-"


def test_pandas_lines_over_text_labels():
    fig, ax = plt.subplots()
    pd.Series([3, 1, 2], index=["Jan", "Feb", "Mar"]).plot(ax=ax)
    assert _pairs(_read(fig)) == {"Jan": 3.0, "Feb": 1.0, "Mar": 2.0}


@pytest.mark.parametrize(("freq", "first"), [("D", "2025-01-01"), ("ME", "2025-01-31"),
                                             ("W", "2025-01-05"), ("h", "2025-01-01T00:00:00")])
def test_pandas_date_lines_give_the_real_dates(freq, first):
    """pandas draws a regular index on a period axis: the model turns it back into dates."""
    index = pd.date_range(first, periods=3, freq=freq)
    fig, ax = plt.subplots()
    pd.Series([1.0, 2.0, 3.0], index=index).plot(ax=ax)
    model = _read(fig)
    assert model.panels[0].x_type == "date"
    assert model.panels[0].series[0].x[0] == first
    pd.testing.assert_index_equal(model.values().index, pd.DatetimeIndex(index), check_names=False,
                                  exact=False, check_freq=False)


def test_pandas_date_bars_and_irregular_dates():
    index = pd.date_range("2025-01-31", periods=3, freq="ME")
    fig, ax = plt.subplots()
    pd.Series([4.0, 5.0, 6.0], index=index).plot.bar(ax=ax)
    assert _read(fig).panels[0].series[0].x == ("2025-01-31", "2025-02-28", "2025-03-31")
    irregular = pd.DatetimeIndex(["2025-01-01", "2025-01-04", "2025-02-01"])
    for draw in ("line", "bar"):
        fig, ax = plt.subplots()
        pd.Series([1.0, 2.0, 3.0], index=irregular).plot(kind=draw, ax=ax)
        model = _read(fig)
        assert model.panels[0].series[0].x == ("2025-01-01", "2025-01-04", "2025-02-01"), draw
        assert isinstance(model.values().index, pd.DatetimeIndex), draw


def test_matplotlib_dates_become_iso_dates():
    fig, ax = plt.subplots()
    ax.plot(pd.date_range("2025-03-01", periods=3), [1, 2, 3])
    ax.plot(pd.date_range("2025-03-01 14:00", periods=2, freq="h"), [5, 6])
    model = _read(fig)
    assert model.panels[0].series[0].x == ("2025-03-01", "2025-03-02", "2025-03-03")
    assert model.panels[0].series[1].x == ("2025-03-01T14:00:00", "2025-03-01T15:00:00")
    assert model.panels[0].xlim[0] < "2025-03-01T14"


def test_scatter_points():
    fig, ax = plt.subplots()
    ax.scatter([10, 20, 30], [0.1, 0.3, 0.2], label="posts")
    series = _read(fig).panels[0].series[0]
    assert (series.kind, series.label, series.x, series.y) == (
        "scatter", "posts", (10.0, 20.0, 30.0), (0.1, 0.3, 0.2))


def test_pie_slices_are_shares_paired_with_their_labels():
    fig, ax = plt.subplots()
    ax.pie([1, 3], labels=["Organic", "Paid"])
    model = _read(fig)
    assert model.panels[0].series[0].kind == "pie"
    assert _pairs(model) == {"Organic": 0.25, "Paid": 0.75}
    assert model.panels[0].texts == ()  # the wedge labels are the data's labels, not texts


def test_fill_between_is_an_area():
    fig, ax = plt.subplots()
    ax.fill_between([1, 2, 3], [4, 6, 5], label="reach")
    series = _read(fig).panels[0].series[0]
    assert (series.kind, series.label, series.x, series.y) == (
        "area", "reach", (1.0, 2.0, 3.0), (4.0, 6.0, 5.0))


# --- not data: reference lines and shaded event windows -------------------------------------


def test_reference_lines_are_not_data():
    fig, ax = plt.subplots()
    ax.axhline(50, linestyle=":")
    ax.plot([1, 2, 3], [40, 60, 55], label="reach")
    ax.axvline(2)
    panel = _read(fig).panels[0]
    assert [s.kind for s in panel.series] == ["reference", "line", "reference"]
    assert [s.label for s in panel.data] == ["reach"]
    assert panel.series[0].y == (50.0, 50.0) and math.isnan(panel.series[0].x[0])
    assert panel.series[2].x == (2.0, 2.0)


def test_event_windows_are_bands_and_the_line_is_the_data():
    index = pd.date_range("2025-04-01", periods=72, freq="h", tz="Europe/Rome")
    counts = pd.Series(np.arange(72.0) % 7, index=index, name="mentions")
    events = pd.DataFrame({"start": [index[10]], "end": [index[20]], "type": ["crisis"]})
    fig = viz.timeseries_with_events(counts, events=events)
    model = _read(fig)
    panel = model.panels[0]
    assert [s.kind for s in panel.series].count("band") == 1
    assert panel.data[0].kind == "line" and len(panel.data[0].y) == 72
    assert model.values().iloc[:3].tolist() == [0.0, 1.0, 2.0]
    assert model.alt


# --- panels --------------------------------------------------------------------------------


def test_small_multiples_are_panels_in_figure_order():
    fig, axes = plt.subplots(1, 3, sharey=True)
    for ax, name, top in zip(axes, ["Instagram", "TikTok", "X"], [5, 9, 2], strict=True):
        ax.plot([1, 2], [1, top])
        ax.set_title(name)
    fig.suptitle("New followers")
    fig.supxlabel("Month")
    model = _read(fig)
    assert [p.title for p in model.panels] == ["Instagram", "TikTok", "X"]
    assert [model.values(i).iloc[-1] for i in range(3)] == [5.0, 9.0, 2.0]
    assert model.main_title == "New followers" and model.main_xlabel == "Month"
    assert not any(p.twin for p in model.panels)


def test_twin_axes_share_their_box():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [1, 2, 3])
    ax.set_title("Spend and followers")
    ax.twinx().plot([1, 2, 3], [30, 20, 10])
    model = _read(fig)
    assert [p.twin for p in model.panels] == [True, True]
    assert model.main_title == "Spend and followers"
    assert model.values(1).tolist() == [30.0, 20.0, 10.0]


def test_texts_and_annotations_are_kept():
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    ax.annotate("+195 %", xy=(2, 4))
    ax.text(1, 3, "launch")
    ax.text(1, 3, "   ")
    ax.text(1, 3, "hidden", visible=False)
    assert _read(fig).panels[0].texts == ("+195 %", "launch")


def test_an_axes_gives_its_figure_and_a_model_is_returned_as_is():
    fig, ax = plt.subplots()
    ax.bar(["a"], [1])
    viz.set_alt_text(fig, "A bar chart with one bar of 1.")
    model = read_figure(ax)
    plt.close(fig)
    assert model.alt == "A bar chart with one bar of 1." and _pairs(model) == {"a": 1.0}
    assert read_figure(model) is model


def test_odd_figures_never_raise():
    class Broken(Line2D):
        def get_xdata(self, orig=True):
            raise RuntimeError("broken artist")

    assert read_figure(plt.figure()).panels == ()
    plt.close("all")
    assert read_figure("not a chart") == FigureModel()
    fig, (left, right) = plt.subplots(1, 2)
    left.imshow(np.arange(6).reshape(2, 3))
    right.bar(["a", "b"], [1, 2])
    right.add_line(Broken([0, 1], [0, 1]))
    model = _read(fig)
    assert len(model.panels) == 2 and model.panels[0].series == ()
    assert _pairs(model, panel=1) == {"a": 1.0, "b": 2.0}


# --- units ---------------------------------------------------------------------------------


def _bar_panel(values, ylabel="", formatter=None) -> PanelModel:
    fig, ax = plt.subplots()
    ax.bar(["Q3", "Q4"], values)
    ax.set_ylabel(ylabel)
    if formatter is not None:
        ax.yaxis.set_major_formatter(formatter)
    return _read(fig).panels[0]


def test_an_axis_in_percent_is_read_back_in_fractions():
    panel = _bar_panel([4.9, 5.2], "Engagement rate (%)")
    assert panel.y_unit == "percent"
    np.testing.assert_allclose(panel.in_data_units([4.9, 5.2]), [0.049, 0.052])
    model = FigureModel(panels=(panel,))
    assert model.values(data_units=True).round(6).to_dict() == {"Q3": 0.049, "Q4": 0.052}
    assert _bar_panel([4.9, 5.2], "Tasso di coinvolgimento (percentuale)").y_unit == "percent"
    assert _bar_panel([4.9, 5.2], formatter=PercentFormatter()).y_unit == "percent"


def test_fractions_shown_as_percent_are_not_rescaled():
    for formatter in (PercentFormatter(xmax=1), "{x:.0%}"):
        panel = _bar_panel([0.049, 0.052], "Engagement rate (%)", formatter)
        assert panel.y_unit == "", formatter
        assert panel.in_data_units(0.049) == 0.049


def test_thousands_and_millions():
    assert _bar_panel([1.2, 3.4], "Reach (millions)").y_unit == "millions"
    assert _bar_panel([1.2, 3.4], "Copertura (milioni)").y_unit == "millions"
    assert _bar_panel([12, 34], "Reach ('000)").y_unit == "thousands"
    assert _bar_panel([12, 34], "Portée (milliers)").y_unit == "thousands"
    assert _bar_panel([12, 34], "Reach").y_unit == ""
    # tick labels that divide already: the values are in units
    divided = FuncFormatter(lambda v, _pos: f"{v / 1e6:.1f}")
    assert _bar_panel([1.2e6, 3.4e6], "Reach (millions)", divided).y_unit == ""
    assert PanelModel(y_unit="millions").in_data_units(1.5) == 1_500_000


def test_horizontal_bars_read_their_unit_on_x():
    fig, ax = plt.subplots()
    ax.barh(["a", "b"], [1.5, 2.5])
    ax.set_xlabel("Spend (thousands)")
    panel = _read(fig).panels[0]
    assert (panel.x_unit, panel.value_unit) == ("thousands", "thousands")
    assert panel.in_data_units(1.5) == 1500


# --- plain data ------------------------------------------------------------------------------


def _non_finite_model() -> FigureModel:
    fig, ax = plt.subplots()
    ax.bar(["a", "b", "c"], [1.0, NAN, 3.0])
    ax.plot([0, 1, 2], [math.inf, -math.inf, 2.0], label="line")
    ax.annotate("peak", xy=(2, 3))
    ax.set(title="T", xlabel="x", ylabel="Rate (%)")
    fig.suptitle("S")
    viz.set_alt_text(fig, "A chart of three bars and a line.")
    return _read(fig)


def test_nan_and_inf_round_trip_exactly_through_strict_json():
    model = _non_finite_model()
    text = json.dumps(model.to_dict(), allow_nan=False)
    back = FigureModel.from_dict(json.loads(text))
    assert back == model
    assert back.to_dict() == model.to_dict()
    y = back.panels[0].series[1].y
    assert y[0] == math.inf and y[1] == -math.inf and math.isnan(back.panels[0].series[0].y[1])


def test_the_grader_receives_the_same_model(tmp_path):
    fig, ax = plt.subplots()
    ax.bar(["Instagram", "TikTok"], [0.049, NAN])
    ax.set(title="Rate", xlabel="Platform", ylabel="Rate")
    ax.axhline(0.03)
    viz.set_alt_text(fig, "Bar chart of the rate: Instagram 4.9 %.")
    model = read_figure(fig)
    path = tmp_path / "answers.json"
    codec.dump_answers({"fig": fig}, {"variables": ["fig"]}, str(path))
    plt.close(fig)
    back = codec.loads_answers(path.read_bytes())["fig"]
    assert back == model  # the grader's checks get the FigureModel itself


def test_forged_models_are_refused():
    good = _non_finite_model().to_dict()
    assert FigureModel.from_dict(json.loads(json.dumps(good)))

    def forged(change):
        data = json.loads(json.dumps(good))
        change(data)
        return data

    cases = [
        lambda d: d.update(extra=1),
        lambda d: d.update(version=2),
        lambda d: d.pop("alt"),
        lambda d: d["panels"][0].update(twin="yes"),
        lambda d: d["panels"][0]["series"][0].update(kind="sparkline"),
        lambda d: d["panels"][0]["series"][0]["y"].append(1.0),
        lambda d: d["panels"][0]["series"][0]["y"].__setitem__(0, True),
        lambda d: d["panels"][0]["series"][0]["y"].__setitem__(0, {"__float__": "1e308"}),
        lambda d: d["panels"][0]["series"][0]["x"].__setitem__(0, ["nested"]),
        lambda d: d["panels"][0].update(texts="a string, not a list"),
    ]
    for i, change in enumerate(cases):
        with pytest.raises(ValueError):
            FigureModel.from_dict(forged(change))
        assert type(codec.decode({"__figure__": forged(change)})).__name__ == "Unsupported", i


def test_models_are_checked_when_built():
    s = SeriesModel("", "bar", ["a", np.int64(2)], [1, NAN])
    assert s.x == ("a", 2.0) and [type(v) for v in (*s.x[1:], *s.y)] == [float, float, float]
    with pytest.raises(TypeError):
        SeriesModel("", "bar", ["a"], [True])  # a yes/no is not a number
    with pytest.raises(ValueError):
        SeriesModel("", "bar", ["a"], [1, 2])
    with pytest.raises(ValueError):
        PanelModel(y_unit="euros")
    with pytest.raises(TypeError):
        FigureModel(panels=("not a panel",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.label = "changed"  # type: ignore[misc]


def test_describe_quotes_labels_with_their_values():
    fig, ax = plt.subplots()
    ax.bar(["Instagram", "TikTok", "X"], [1234, 987, 12])
    ax.set(title="Posts per platform", xlabel="Platform", ylabel="Posts")
    text = _read(fig).describe()
    assert "a bar chart titled 'Posts per platform'" in text
    assert "3 bars: Instagram 1,234, TikTok 987, X 12" in text
    assert FigureModel().describe() == "an empty chart (nothing is drawn)."
    fig, axes = plt.subplots(1, 2)
    for ax in axes:
        ax.plot([1, 2], [3, 4])
    assert _read(fig).describe().startswith("2 panels")


# --- each test can fail --------------------------------------------------------------------


def _wrap(name, after):
    original = getattr(fm, name)

    def broken(*args, **kwargs):
        return after(original(*args, **kwargs))

    return broken


def _sorted(series):
    return series and dataclasses.replace(series, y=tuple(sorted(series.y, key=str)),
                                          x=series.x)


MUTATIONS = {
    # the bars' values sorted, whatever label they belong to
    "test_bars_pair_each_value_with_its_label": ("_bars", lambda: _wrap("_bars", _sorted)),
    "test_rotated_labels_and_a_nan_bar_keep_their_places": (
        "_bars", lambda: _wrap("_bars", lambda s: dataclasses.replace(
            s, y=tuple(0.0 if math.isnan(v) else v for v in s.y)))),
    # tick labels ignored: bars at positions 0, 1, 2
    "test_bars_at_positions_take_the_tick_labels_set_on_them": (
        "_tick_labels", lambda: lambda *a: {}),
    "test_horizontal_bars_pair_lengths_with_their_labels": (
        "_bars", lambda: _wrap("_bars", lambda s: dataclasses.replace(s, kind="bar"))),
    "test_pandas_bars_take_their_labels_from_the_index": ("_tick_labels", lambda: lambda *a: {}),
    # bars beside their tick (a group) no longer take its label
    "test_grouped_bars_are_one_series_per_column_named_in_the_legend": (
        "_AxisReader._label_all", lambda: lambda self, numbers, snap, _f=fm._AxisReader._label_all:
        _f(self, numbers, False)),
    "test_series_without_labels_take_the_legend_entries_in_order": (
        "_legend_labels", lambda: lambda series, legend: series),
    "test_several_lines_keep_their_legend_labels_and_x": ("_style", lambda: lambda line: ""),
    "test_pandas_lines_over_text_labels": ("_tick_labels", lambda: lambda *a: {}),
    "test_pandas_date_lines_give_the_real_dates": (
        "_AxisReader.date", lambda: lambda self, value: value),
    "test_pandas_date_bars_and_irregular_dates": ("_ISO", lambda: fm.re.compile("no match")),
    "test_matplotlib_dates_become_iso_dates": (
        "_AxisReader.date", lambda: lambda self, value: value),
    "test_scatter_points": ("_scatter", lambda: lambda *a: None),
    "test_pie_slices_are_shares_paired_with_their_labels": (
        "_pie", lambda: lambda wedges: SeriesModel("", "pie", (), ())),
    "test_fill_between_is_an_area": ("_areas", lambda: lambda *a: []),
    "test_reference_lines_are_not_data": (
        "NOT_DATA", lambda: ()),
    "test_event_windows_are_bands_and_the_line_is_the_data": ("_band", lambda: lambda *a: None),
    "test_small_multiples_are_panels_in_figure_order": (
        "_all_axes", lambda: _wrap("_all_axes", lambda axes: axes[::-1])),
    "test_twin_axes_share_their_box": (
        "_read_panel", lambda: lambda ax, twin, _f=fm._read_panel: _f(ax, False)),
    "test_texts_and_annotations_are_kept": (
        "_read_panel", lambda: _wrap("_read_panel", lambda p: dataclasses.replace(p, texts=()))),
    "test_an_axes_gives_its_figure_and_a_model_is_returned_as_is": (
        "ALT_ATTRIBUTE", lambda: "no_such_attribute"),
    "test_odd_figures_never_raise": ("_safe", lambda: lambda fn, default: fn()),
    "test_an_axis_in_percent_is_read_back_in_fractions": ("_unit", lambda: lambda *a: ""),
    "test_fractions_shown_as_percent_are_not_rescaled": (
        "_shown_factor", lambda: lambda *a: None),
    "test_thousands_and_millions": ("_UNIT_WORDS", lambda: fm._UNIT_WORDS[:1]),
    "test_horizontal_bars_read_their_unit_on_x": (
        "PanelModel.value_unit", lambda: property(lambda self: self.y_unit)),
    "test_nan_and_inf_round_trip_exactly_through_strict_json": (
        "_encode_float", lambda: lambda v: v if math.isfinite(v) else {"__float__": "nan"}),
    # the codec loses the chart on the way
    "test_the_grader_receives_the_same_model": (
        "codec:decode_figure", lambda: lambda spec: FigureModel()),
    "test_forged_models_are_refused": (
        "_fields", lambda: lambda cls, data, skip=(): {
            f.name: data.get(f.name, "") for f in dataclasses.fields(cls)}),
    "test_models_are_checked_when_built": ("_float", lambda: lambda value: value),
    "test_describe_quotes_labels_with_their_values": (
        "_number", lambda: lambda value: f"{value}"),
}


def test_every_test_has_a_way_to_fail():
    tests = {name for name in globals() if name.startswith("test_")}
    tests -= {"test_every_test_has_a_way_to_fail", "test_each_test_fails_when_the_reader_is_broken"}
    assert tests == set(MUTATIONS)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_test_fails_when_the_reader_is_broken(name, monkeypatch, tmp_path):
    target, make = MUTATIONS[name]
    module, _, path = target.rpartition(":")
    module = codec if module == "codec" else fm
    owner, _, attribute = path.rpartition(".")
    monkeypatch.setattr(getattr(module, owner) if owner else module, attribute, make())
    test = globals()[name]
    args = {"tmp_path": tmp_path} if "tmp_path" in test.__code__.co_varnames[
        :test.__code__.co_argcount] else {}
    marks = getattr(test, "pytestmark", [])
    params = [m.args[1] for m in marks if m.name == "parametrize"]
    calls = [dict(zip(["freq", "first"], p, strict=True)) for p in params[0]] if params else [{}]
    failed = 0
    for call in calls:
        try:
            test(**args, **call)
        except (Exception, pytest.fail.Exception):  # noqa: BLE001 - any failure counts
            failed += 1
        finally:
            plt.close("all")
    assert failed, f"{name} passed with {target} broken"
