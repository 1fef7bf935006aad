"""Chart helpers for client-ready charts: titled, labelled, colour-blind safe, with alt text.

Each helper draws in the course style (:mod:`smmlab.viz.style`), returns the
:class:`~matplotlib.figure.Figure`, and stores an alt text that says what is
shown and the main takeaway in numbers (read it with
:func:`smmlab.viz.alt_text`). Meaning is never carried by colour alone: event
windows carry their name, low-count heatmap cells are hatched and marked, and
targets are met (✓) or missed (✗) in words.

Times are drawn in local wall-clock time: a time-zone-aware column is shown in
its own time zone (the brand's), not in UTC.

In a notebook, write ``fig = timeseries_with_events(...)`` so the chart is
shown once; a Figure left as the last value of a cell is shown a second time.

Examples
--------
>>> from smmlab import datasets
>>> mentions = datasets.load("mentions").set_index("timestamp")["mentions"]
>>> fig = timeseries_with_events(mentions.loc["2025-04"])
>>> fig.axes[0].get_title()
'Mentions over time'
>>> plt.close(fig)
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from smmlab._messages import readable_number
from smmlab._validate import check_choice, check_int
from smmlab.datasets.dictionary import DATASETS
from smmlab.synth.brand import PLATFORMS
from smmlab.viz._messages import MESSAGES
from smmlab.viz.alt import set_alt_text
from smmlab.viz.style import PALETTE, RC_PARAMS, SEMANTIC_COLORS, platform_style, style

#: Shading colour of each kind of planted event (the name is always written too).
EVENT_COLORS: dict[str, str] = {
    "crisis": SEMANTIC_COLORS["bad"],
    "viral_post": SEMANTIC_COLORS["good"],
    "bot_burst": SEMANTIC_COLORS["highlight"],
    "noise": SEMANTIC_COLORS["highlight"],
    "tracking_outage": SEMANTIC_COLORS["neutral"],
    "bought_followers": SEMANTIC_COLORS["highlight"],
    "algorithm_change": PALETTE["sky_blue"],
}

#: Tag (``gid``) of the shaded event windows and their labels, to find them in a chart.
EVENT_GID = "smmlab-event"
#: Tag (``gid``) of the hatched low-count cells of a heatmap.
LOW_COUNT_GID = "smmlab-low-count"

_AGGS = ("median", "mean", "sum", "max")
_TEXT_DARK = "#222222"
_FONT_PT = float(RC_PARAMS["font.size"])  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Small helpers: words, numbers, dates, axes
# --------------------------------------------------------------------------------------------


def _t(key: str, /, **fields: object) -> str:
    return MESSAGES.text(key, **fields)


def _words(name: object) -> str:
    """``'new_followers'`` -> ``'new followers'`` (lower case kept as given otherwise)."""
    return str(name).replace("_", " ").strip()


def _title_case(name: object) -> str:
    words = _words(name)
    return words[:1].upper() + words[1:]


def _num(value: float) -> str:
    """Format a number for a sentence, in the current language (``readable_number``)."""
    return readable_number(value)


def _pct(fraction: float) -> str:
    """Format a fraction as a percentage with enough digits to be non-zero."""
    value = float(fraction) * 100
    if not math.isfinite(value):
        return _t("na")
    size = abs(value)
    if size == 0 or size >= 100:
        digits = 0
    elif size >= 1:
        digits = 1
    else:
        digits = max(2, 1 - math.floor(math.log10(size)))
    return _t("pct", value=value, digits=digits)


def _date(ts: pd.Timestamp) -> str:
    return _t("date", d=pd.Timestamp(ts))


def _datetime(ts: pd.Timestamp) -> str:
    return _t("datetime", d=pd.Timestamp(ts))


def _join(items: Sequence[str]) -> str:
    return _t("list_sep").join(items)


def _root_figure(ax: Axes) -> Figure:
    fig = ax.figure
    while not isinstance(fig, Figure):
        fig = fig.figure  # a SubFigure: climb to the Figure
    return fig


def _new_axes(ax: Axes | None, figsize: tuple[float, float] | None = None) -> tuple[Figure, Axes]:
    if ax is not None:
        if not isinstance(ax, Axes):
            raise ValueError(_t("err.ax", value=type(ax).__name__))
        return _root_figure(ax), ax
    fig, new_ax = plt.subplots(figsize=figsize)
    return fig, new_ax


def _step(index: pd.DatetimeIndex) -> tuple[str, pd.Timedelta]:
    """Usual spacing of a time index: (``'hour'``/``'day'``/``'week'``/``'month'``/``'other'``)."""
    values = index.dropna().unique().sort_values()
    diffs = pd.Series(values[1:] - values[:-1])
    diffs = diffs[diffs > pd.Timedelta(0)]
    if diffs.empty:
        return "other", pd.Timedelta(0)
    step = pd.Timedelta(diffs.median())
    for kind, size in (("hour", pd.Timedelta(hours=1)), ("day", pd.Timedelta(days=1)),
                       ("week", pd.Timedelta(days=7))):
        if abs(step - size) <= size * 0.1:
            return kind, step
    if pd.Timedelta(days=27) <= step <= pd.Timedelta(days=32):
        return "month", step
    return "other", step


def _naive(values: object, tz: object = None) -> pd.DatetimeIndex:
    """Local wall-clock times without a time zone (converted to ``tz`` first if given)."""
    idx = pd.DatetimeIndex(values)
    if idx.tz is not None:
        if tz is not None:
            idx = idx.tz_convert(tz)
        idx = idx.tz_localize(None)
    return idx


def _when(ts: pd.Timestamp, kind: str) -> str:
    return _datetime(ts) if kind == "hour" else _date(ts)


def _dictionary_unit(column: object) -> str:
    for dataset in DATASETS.values():
        for col in dataset.columns:
            if col.name == column:
                return col.unit
    return ""


def _value_label(column: object, kind: str) -> str:
    """Axis label with a unit, from the data dictionary: 'Reach per day', 'Spend (currency)'."""
    label = _title_case(column)
    unit = _dictionary_unit(column)
    if unit == "count" and kind in ("hour", "day", "week", "month"):
        return _t("unit.per", label=label, step=_t(f"step.{kind}"))
    if unit in ("accounts", "currency", "fraction"):
        return _t("unit.paren", label=label, unit=_t(f"unit.{unit}"))
    return label


def _date_axis(ax: Axes) -> None:
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _thousands(axis: object) -> None:
    axis.set_major_formatter(mticker.FuncFormatter(lambda v, _pos: _num(v)))  # type: ignore[attr-defined]


def _describe_value(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else type(value).__name__


def _check_frame(frame: object, param: str = "frame") -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(_t("err.frame", param=param, value=type(frame).__name__))
    return frame


def _check_column(frame: pd.DataFrame, param: str, column: object, *, numeric: bool = False) -> str:
    if not isinstance(column, str) or column not in frame.columns:
        raise ValueError(_t("err.column", param=param, allowed=list(frame.columns), value=column))
    if numeric and not _is_number(frame[column]):
        raise ValueError(_t("err.numeric", column=column, dtype=frame[column].dtype))
    return column


def _is_number(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


def _numbers(param: str, values: object) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise ValueError(_t("err.values", param=param, value=_describe_value(values))) from None
    if not np.isfinite(array).all():
        raise ValueError(_t("err.values", param=param, value=_describe_value(values)))
    return array


def _luminance(rgba: tuple[float, ...]) -> float:
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgba[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _outside_legend(fig: Figure, ax: Axes, own_figure: bool, **kwargs: object) -> None:
    """A legend under the chart when the helper owns the figure, else inside the axes."""
    if own_figure:
        fig.legend(loc="outside lower center", **kwargs)  # type: ignore[arg-type]
    else:
        ax.legend(loc="best", **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Time series with events
# --------------------------------------------------------------------------------------------


def _check_series(series: object) -> pd.Series:
    ok = (
        isinstance(series, pd.Series)
        and isinstance(series.index, pd.DatetimeIndex)
        and _is_number(series)
    )
    if not ok:
        shown = type(series).__name__
        if isinstance(series, pd.Series):
            shown = _t("series_kind", dtype=series.dtype, index=type(series.index).__name__)
        raise ValueError(_t("err.series", value=shown))
    if series.notna().sum() < 2:
        raise ValueError(_t("err.short", param="series", n=2, got=int(series.notna().sum())))
    return series.sort_index()


def _check_events(events: object) -> pd.DataFrame:
    frame = _check_frame(events, "events")
    missing = [c for c in ("start", "end", "type") if c not in frame.columns]
    if missing:
        raise ValueError(_t("err.events", missing=missing))
    return frame.dropna(subset=["start"])


def _event_label(kind: object) -> str:
    key = f"event.{kind}"
    return _t(key) if key in MESSAGES.keys() else _words(kind)


def _place_labels(centres: np.ndarray, gap: float, low: float, high: float) -> np.ndarray:
    """Spread label positions so neighbours are at least ``gap`` apart, inside [low, high]."""
    order = np.argsort(centres, kind="stable")
    pos = centres[order].astype(float).copy()
    for i in range(len(pos)):
        pos[i] = max(pos[i], low + gap, pos[i - 1] + gap if i else -np.inf)
    for i in range(len(pos) - 1, -1, -1):
        pos[i] = min(pos[i], high - gap, pos[i + 1] - gap if i < len(pos) - 1 else np.inf)
    out = np.empty_like(pos)
    out[order] = pos
    return out


def timeseries_with_events(
    series: pd.Series,
    events: pd.DataFrame | None = None,
    *,
    title: str | None = None,
    ylabel: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Line chart of a time series with event windows shaded and named.

    Each event window ``[start, end]`` is shaded, ``end`` being the last hour
    or day of the event (the shading covers it), and its type is written
    above the data, so the shading never relies on colour. Labels of close
    events are moved apart a little. Holes in the data (missing hours, as in
    a tracking outage) are left blank rather than drawn as a straight line.

    Parameters
    ----------
    series : pandas.Series
        Numbers indexed by date and time, for example
        ``mentions.set_index("timestamp")["mentions"]``.
    events : pandas.DataFrame or None, default=None
        Rows with ``start``, ``end`` and ``type``, as in
        ``datasets.load("truth_events")`` (filter it to the table you plot) or
        events you detected. Events outside the series' dates are left out.
    title, ylabel : str or None, default=None
        Chart title and y-axis label; by default built from the series name
        and its time step, such as "Mentions per hour".
    ax : matplotlib.axes.Axes or None, default=None
        Draw into this Axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        With alt text naming the period, the events and the peak.

    Raises
    ------
    ValueError
        If ``series`` is not numbers indexed by time, or ``events`` lacks
        ``start``, ``end`` or ``type``.

    Examples
    --------
    >>> from smmlab import datasets
    >>> mentions = datasets.load("mentions").set_index("timestamp")["mentions"]
    >>> truth = datasets.load("truth_events")
    >>> fig = timeseries_with_events(mentions, truth[truth["table"] == "mentions"])
    >>> fig.axes[0].get_ylabel()
    'Mentions per hour'
    >>> from smmlab.viz import alt_text
    >>> alt_text(fig).startswith("Line chart of hourly mentions from 1 Jan 2025")
    True
    >>> plt.close(fig)
    """
    series = _check_series(series)
    index = pd.DatetimeIndex(series.index)
    tz = index.tz
    kind, step = _step(index)
    name = _words(series.name) if series.name is not None else _t("ts.value").lower()

    # Local wall-clock x, with a NaN after each hole so the line breaks there.
    x = _naive(index).to_numpy()
    y = series.to_numpy(dtype=float, na_value=np.nan)
    step_ns = step.to_timedelta64().astype("timedelta64[ns]")
    gaps = (np.flatnonzero(np.diff(index.as_unit("ns").asi8) > 1.5 * step.value)
            if step.value else np.array([], dtype=int))
    x_plot = np.insert(x, gaps + 1, (x[gaps] + step_ns).astype(x.dtype))
    y_plot = np.insert(y, gaps + 1, np.nan)
    windows = (_event_windows(_check_events(events), tz, step, x) if events is not None
               else None)

    with style():
        fig, ax = _new_axes(ax)
        ax.plot(x_plot, y_plot, color=SEMANTIC_COLORS["primary"],
                linewidth=1.0 if len(x) > 400 else 1.8, label=_title_case(name))
        _date_axis(ax)
        if title is None:
            title = (_t("ts.title", Name=_title_case(name)) if windows is None else
                     MESSAGES.plural("ts.title_events", len(windows), Name=_title_case(name)))
        if ylabel is None:
            ylabel = _value_label(series.name, kind) if series.name is not None else _t("ts.value")
        ax.set_title(title)
        ax.set_xlabel(_t("ts.xlabel_tz", tz=tz) if tz is not None else _t("ts.xlabel"))
        ax.set_ylabel(ylabel)
        _thousands(ax.yaxis)
        x_low, x_high = mdates.date2num(x[0]), mdates.date2num(x[-1] + step_ns)
        if x_high <= x_low:
            x_high = x_low + 1.0
        ax.set_xlim(x_low, x_high)
        y_low, y_max = min(0.0, float(np.nanmin(y))), float(np.nanmax(y))
        y_top = y_max + 0.05 * (y_max - y_low) if y_max > y_low else y_low + 1.0
        if windows is not None and len(windows):
            y_top = _draw_events(ax, fig, windows, x, y, x_low, x_high, y_low, y_top)
        ax.set_ylim(y_low, y_top)

    # Alt text: period, events, peak (and whether it fell in an event).
    peak_at = int(np.nanargmax(y))
    peak_ts = pd.Timestamp(x[peak_at])
    during = ""
    if windows is not None and len(windows):
        inside = windows[(windows["start"] <= peak_ts) & (windows["end"] > peak_ts)]
        during = (_t("ts.during", event=_event_label(inside["type"].iloc[0])) if len(inside)
                  else _t("ts.outside"))
    text = _t(
        "ts.alt",
        every=_t(f"every.{kind}"),
        name=name,
        start=_date(x[0]),
        end=_date(x[-1]),
        step=_t(f"step.{kind}") if kind != "other" else _t("ts.value").lower(),
        peak=_num(y[peak_at]),
        when=_when(peak_ts, kind),
        during=during,
    )
    if windows is not None and len(windows):
        counts = pd.Series([_event_label(k) for k in windows["type"]]).value_counts(sort=False)
        types = _join([f"{label} ({n})" for label, n in counts.items()])
        n = len(windows)
        text += MESSAGES.plural("ts.alt_events", n, types=types)
    if len(gaps):
        text += MESSAGES.plural("ts.alt_gaps", len(gaps))
    set_alt_text(fig, text)
    return fig


def _event_windows(
    events: pd.DataFrame, tz: object, step: pd.Timedelta, x: np.ndarray
) -> pd.DataFrame:
    starts = _naive(events["start"], tz)
    ends = _naive(events["end"].fillna(events["start"]), tz) + step
    keep = (ends > x[0]) & (starts <= x[-1])
    return pd.DataFrame(
        {"start": starts[keep], "end": ends[keep], "type": events["type"].to_numpy()[keep]}
    )


def _draw_events(
    ax: Axes,
    fig: Figure,
    windows: pd.DataFrame,
    x: np.ndarray,
    y: np.ndarray,
    x_low: float,
    x_high: float,
    y_low: float,
    y_top: float,
) -> float:
    """Shade and name each event window; return the y-axis top that keeps labels clear."""
    # Size estimates, in data units, from the axes' size on the figure.
    box = ax.get_position()
    width_in = max(box.width * fig.get_figwidth(), 1.0)
    height_in = max(box.height * fig.get_figheight(), 1.0)
    span = x_high - x_low
    min_width = span * 0.004  # a one-hour event on a year-long chart stays visible
    gap = (_FONT_PT * 1.35 / 72) / width_in * span

    starts = mdates.date2num(windows["start"].to_numpy())
    ends = np.maximum(mdates.date2num(windows["end"].to_numpy()), starts + min_width)
    labels = [_event_label(k) for k in windows["type"]]
    positions = _place_labels((starts + ends) / 2, gap, x_low, x_high)
    xnum = mdates.date2num(x)

    for start, end, kind in zip(starts, ends, windows["type"], strict=True):
        shade = EVENT_COLORS.get(str(kind), SEMANTIC_COLORS["neutral"])
        patch = ax.axvspan(start, end, color=shade, alpha=0.22, linewidth=0, zorder=0)
        patch.set_gid(EVENT_GID)

    # Headroom so that no label covers the data beneath it.
    top = y_top
    for pos, label in zip(positions, labels, strict=True):
        fraction = (len(label) * 0.58 * _FONT_PT + 10) / (height_in * 72)
        near = (xnum >= pos - gap) & (xnum <= pos + gap)
        local = float(np.nanmax(y[near])) if near.any() and np.isfinite(y[near]).any() else y_low
        if local > y_low:
            top = max(top, y_low + (local - y_low) / max(1 - fraction - 0.03, 0.3))
    for pos, label in zip(positions, labels, strict=True):
        text = ax.text(pos, 0.985, label, transform=ax.get_xaxis_transform(), rotation=90,
                       ha="center", va="top", color=_TEXT_DARK, fontsize=_FONT_PT)
        text.set_gid(EVENT_GID)

    return top


# --------------------------------------------------------------------------------------------
# Small multiples
# --------------------------------------------------------------------------------------------


def _groups(values: pd.Series) -> list[object]:
    if isinstance(values.dtype, pd.CategoricalDtype):
        present = set(values.dropna().unique())
        return [c for c in values.cat.categories if c in present]
    return sorted(values.dropna().unique(), key=str)


def small_multiples(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    by: str = "platform",
    sharey: bool = True,
    agg: str | None = None,
    ncols: int = 3,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
) -> Figure:
    """One small line chart per platform (or other group), on a shared x-axis.

    Small multiples compare shapes without a tangle of lines. Each panel is
    titled with its group and drawn in the group's colour; its highest point
    carries the platform's marker.

    Parameters
    ----------
    frame : pandas.DataFrame
        Long table with one row per group and x value, such as
        ``datasets.load("account_daily")``.
    x, y : str
        Columns for the x-axis (often a date) and the values.
    by : str, default="platform"
        Column naming the group of each row; one panel per group, in the
        order of the platform categories.
    sharey : bool, default=True
        Same y-scale in every panel, so panels compare honestly; ``False``
        gives each panel its own scale to compare shapes only.
    agg : {"sum", "mean", "median"} or None, default=None
        How to combine several rows with the same group and x (for example the
        ad sets of one channel on one day). ``None`` requires one row each.
    ncols : int, default=3
        Panels per row.
    title, xlabel, ylabel : str or None, default=None
        Figure title and axis labels; built from the column names by default.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        Unknown columns, a y column that is not numbers, or several rows per
        group and x without ``agg``.

    Examples
    --------
    >>> from smmlab import datasets
    >>> daily = datasets.load("account_daily")
    >>> fig = small_multiples(daily, x="date", y="reach")
    >>> [ax.get_title() for ax in fig.axes][:3]
    ['Instagram', 'Facebook', 'TikTok']
    >>> fig.get_supylabel()
    'Reach per day'
    >>> plt.close(fig)
    """
    frame = _check_frame(frame)
    _check_column(frame, "x", x)
    _check_column(frame, "y", y, numeric=True)
    _check_column(frame, "by", by)
    ncols = check_int("ncols", ncols, low=1, high=12)
    data = frame[[by, x, y]].dropna(subset=[by, x])
    if agg is not None:
        check_choice("agg", agg, ("sum", "mean", "median"))
        data = data.groupby([by, x], observed=True, sort=False)[y].agg(agg).reset_index()
    else:
        repeated = data.duplicated(subset=[by, x])
        if repeated.any():
            row = data[repeated].iloc[0]
            raise ValueError(_t("err.duplicates", by=by, x=x,
                                example=f"{by}={row[by]!r}, {x}={row[x]}"))
    groups = _groups(data[by])
    if not groups:
        raise ValueError(_t("err.short", param="frame", n=1, got=0))
    is_time = pd.api.types.is_datetime64_any_dtype(data[x])
    kind = _step(pd.DatetimeIndex(data[x]))[0] if is_time else "other"

    ncols = min(ncols, len(groups))
    nrows = math.ceil(len(groups) / ncols)
    figsize = (max(8.0, 4.0 * ncols), 1.3 + 2.5 * nrows)
    means: dict[object, float] = {}
    peaks: list[tuple[float, object, object]] = []
    with style():
        fig, axes = plt.subplots(nrows, ncols, figsize=figsize, sharex=True, sharey=sharey,
                                 squeeze=False)
        flat = axes.ravel()
        for i, (group, ax) in enumerate(zip(groups, flat, strict=False)):
            part = data[data[by] == group].sort_values(x)
            xs = _naive(part[x]).to_numpy() if is_time else part[x].to_numpy()
            ys = part[y].to_numpy(dtype=float)
            look = platform_style(str(group), i)
            ax.plot(xs, ys, color=look["color"], linewidth=1.3, label=str(group))
            if len(ys) and np.isfinite(ys).any():
                top = int(np.nanargmax(ys))
                ax.plot(xs[top], ys[top], linestyle="none", marker=look["marker"],
                        color=look["color"], markersize=8, markeredgecolor="white")
                means[group] = float(np.nanmean(ys))
                peaks.append((float(ys[top]), group, xs[top]))
            ax.set_title(str(group), fontsize=12, fontweight="bold")
            _thousands(ax.yaxis)
        for j, ax in enumerate(flat[len(groups):], start=len(groups)):
            ax.set_visible(False)
            above = j - ncols
            if above >= 0:
                flat[above].xaxis.set_tick_params(labelbottom=True)
        if is_time:
            _date_axis(flat[0])
        fig.suptitle(title or _t("sm.title", Name=_title_case(y), by=_words(by)), fontsize=15)
        fig.supxlabel(xlabel or _title_case(x))
        fig.supylabel(ylabel or _value_label(y, kind))

    top_group = max(means, key=means.__getitem__)
    low_group = min(means, key=means.__getitem__)
    peak_value, peak_group, peak_x = max(peaks, key=lambda p: p[0])
    peak_where = _when(pd.Timestamp(peak_x), kind) if is_time else _num(peak_x) if isinstance(
        peak_x, int | float | np.number) else str(peak_x)
    set_alt_text(fig, _t(
        "sm.alt",
        n=len(groups),
        name=_words(y),
        x=_words(x),
        by=_words(by),
        groups=_join([str(g) for g in groups]),
        scale=_t("sm.shared") if sharey else _t("sm.free"),
        top=top_group,
        top_mean=_num(means[top_group]),
        low=low_group,
        low_mean=_num(means[low_group]),
        peak=_num(peak_value),
        peak_group=peak_group,
        peak_x=peak_where,
    ))
    return fig


# --------------------------------------------------------------------------------------------
# Weekday x hour heatmap
# --------------------------------------------------------------------------------------------


def weekday_hour_heatmap(
    frame: pd.DataFrame,
    *,
    time: str = "published_at",
    value: str = "reach",
    agg: str = "median",
    min_count: int = 3,
    hours: Sequence[int] | None = None,
    title: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Heatmap of a post metric by day of the week and hour of publication.

    Each cell is coloured by the ``agg`` of ``value`` over the posts published
    in that slot and shows how many posts that is. Cells with fewer than
    ``min_count`` posts are not coloured: they are hatched and marked
    ``n<3``, because a "best time to post" read from one or two posts is luck.
    The colour map is cividis, perceptually uniform and readable with colour
    blindness; its colour bar is labelled.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per post, such as ``datasets.load("posts")``.
    time : str, default="published_at"
        Column with the publication time; hours are local wall-clock hours.
    value : str, default="reach"
        Numeric column to colour by. To use engagements, add the column first:
        ``posts.assign(engagements=posts.likes + posts.comments + ...)``.
    agg : {"median", "mean", "sum", "max"}, default="median"
        How to summarise the posts of a cell; the median resists one viral post.
    min_count : int, default=3
        Cells with fewer posts are hatched and not coloured.
    hours : sequence of int or None, default=None
        Hours (0-23) to show; by default from the earliest to the latest hour
        with a post.
    title : str or None, default=None
        Chart title.
    ax : matplotlib.axes.Axes or None, default=None
        Draw into this Axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        Unknown or unsuitable columns, or an unknown ``agg``.

    Examples
    --------
    >>> from smmlab import datasets
    >>> fig = weekday_hour_heatmap(datasets.load("posts"))
    >>> fig.axes[0].images[0].get_array().shape[0]
    7
    >>> plt.close(fig)
    """
    frame = _check_frame(frame)
    _check_column(frame, "time", time)
    if not pd.api.types.is_datetime64_any_dtype(frame[time]):
        raise ValueError(_t("err.column", param="time", value=time, allowed=[
            c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])]))
    _check_column(frame, "value", value, numeric=True)
    check_choice("agg", agg, _AGGS)
    min_count = check_int("min_count", min_count, low=1)
    data = frame[[time, value]].dropna()
    if data.empty:
        raise ValueError(_t("err.short", param="frame", n=1, got=0))
    weekday = data[time].dt.day_of_week
    hour = data[time].dt.hour
    if hours is None:
        shown = list(range(int(hour.min()), int(hour.max()) + 1))
    else:
        shown = sorted({check_int("hours", h, low=0, high=23) for h in hours})
        if not shown:
            raise ValueError(_t("err.short", param="hours", n=1, got=0))
    grid = pd.MultiIndex.from_product([range(7), shown], names=["weekday", "hour"])
    grouped = data[value].groupby([weekday.rename("weekday"), hour.rename("hour")])
    counts = grouped.size().reindex(grid, fill_value=0).unstack().to_numpy()
    values = grouped.agg(agg).reindex(grid).unstack().to_numpy(dtype=float)
    low = counts < min_count
    shaded = np.ma.masked_array(values, mask=low | ~np.isfinite(values))

    agg_word = _t(f"agg.{agg}")
    value_word = _words(value)
    n_rows, n_cols = counts.shape
    own = ax is None
    with style():
        fig, ax = _new_axes(ax, figsize=(max(8.0, 0.52 * n_cols + 2.6), 5.2))
        cmap = colormaps["cividis"].with_extremes(bad="#F4F4F4")
        image = ax.imshow(shaded, cmap=cmap, aspect="auto", interpolation="nearest")
        ax.grid(False)
        ax.set_xticks(range(n_cols), [str(h) for h in shown])
        ax.set_yticks(range(n_rows), [_t(f"weekday_short.{d}") for d in range(7)])
        ax.set_xticks(np.arange(-0.5, n_cols), minor=True)
        ax.set_yticks(np.arange(-0.5, n_rows), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="both", length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        norm = image.norm
        low_text = _t("hm.low", min_count=min_count)
        for row in range(n_rows):
            for col in range(n_cols):
                if low[row, col]:
                    cell = Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, hatch="///",
                                     edgecolor="#B0B0B0", linewidth=0)
                    cell.set_gid(LOW_COUNT_GID)
                    ax.add_patch(cell)
                    ax.text(col, row, low_text, ha="center", va="center", fontsize=_FONT_PT,
                            color=_TEXT_DARK, gid=LOW_COUNT_GID,
                            bbox={"boxstyle": "round,pad=0.15", "facecolor": "#F4F4F4",
                                  "edgecolor": "none"})
                else:
                    shade = cmap(norm(values[row, col]))
                    ink = "white" if _luminance(shade) < 0.35 else _TEXT_DARK
                    ax.text(col, row, f"{counts[row, col]}", ha="center", va="center",
                            fontsize=_FONT_PT, color=ink)
        bar = fig.colorbar(image, ax=ax, pad=0.02, fraction=0.05)
        bar.set_label(_t("hm.cbar", Agg=_title_case(agg_word), value=value_word))
        _thousands(bar.ax.yaxis)
        bar.outline.set_visible(False)
        ax.set_title(title or _t("hm.title", agg=agg_word, value=value_word))
        ax.set_xlabel(_t("hm.xlabel"))
        ax.set_ylabel(_t("hm.ylabel"))
        handles = [
            Line2D([], [], linestyle="none", marker="$12$", markersize=14, color=_TEXT_DARK,
                   label=_t("hm.legend_n")),
            Patch(facecolor="#F4F4F4", edgecolor="#B0B0B0", hatch="///",
                  label=_t("hm.legend_low", min_count=min_count)),
        ]
        _outside_legend(fig, ax, own, handles=handles, ncols=2)

    n_cells = int(counts.size)
    if shaded.count() == 0:
        text = _t("hm.alt_none", agg=agg_word, value=value_word, n_posts=len(data),
                  min_count=min_count)
    else:
        best = np.unravel_index(int(np.ma.argmax(shaded)), shaded.shape)
        worst = np.unravel_index(int(np.ma.argmin(shaded)), shaded.shape)
        text = _t(
            "hm.alt",
            agg=agg_word,
            value=value_word,
            first_hour=shown[0],
            last_hour=shown[-1],
            n_posts=_num(len(data)),
            n_low=int(low.sum()),
            n_cells=n_cells,
            min_count=min_count,
            best_day=_t(f"weekday.{best[0]}"),
            best_hour=shown[best[1]],
            best_value=_num(values[best]),
            best_n=int(counts[best]),
            worst_day=_t(f"weekday.{worst[0]}"),
            worst_hour=shown[worst[1]],
            worst_value=_num(values[worst]),
            worst_n=int(counts[worst]),
        )
    set_alt_text(fig, text)
    return fig


# --------------------------------------------------------------------------------------------
# Funnel
# --------------------------------------------------------------------------------------------


def _named_numbers(values: object, key: str) -> tuple[list[str], np.ndarray]:
    if isinstance(values, pd.Series):
        names, numbers = [str(i) for i in values.index], values.to_numpy()
    elif isinstance(values, Mapping):
        names, numbers = [str(k) for k in values], list(values.values())
    else:
        raise ValueError(_t(key, value=_describe_value(values)))
    try:
        array = np.asarray(numbers, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(_t(key, value=_describe_value(values))) from None
    if not np.isfinite(array).all() or len(set(names)) != len(names):
        raise ValueError(_t(key, value=_describe_value(values)))
    return names, array


def funnel(
    stages: Mapping[str, float] | pd.Series,
    *,
    title: str | None = None,
    xlabel: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Horizontal funnel: one bar per stage, with the rate from each stage to the next.

    Parameters
    ----------
    stages : mapping or pandas.Series
        Stage name -> count, in funnel order, such as
        ``campaigns[["impressions", "clicks", "conversions"]].sum()``.
    title, xlabel : str or None, default=None
        Chart title and x-axis label.
    ax : matplotlib.axes.Axes or None, default=None
        Draw into this Axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        Fewer than 2 stages, or counts that are negative or not numbers.

    Examples
    --------
    >>> fig = funnel({"Impressions": 10_000, "Clicks": 120, "Conversions": 6})
    >>> [round(p.get_width()) for p in fig.axes[0].patches]
    [10000, 120, 6]
    >>> plt.close(fig)
    """
    names, counts = _named_numbers(stages, "err.stages")
    if len(names) < 2 or (counts < 0).any():
        raise ValueError(_t("err.stages", value=_describe_value(stages)))
    labels = [_title_case(n) if n == n.lower() else n for n in names]
    words = [_words(n).lower() for n in names]
    with np.errstate(divide="ignore", invalid="ignore"):
        rates = np.where(counts[:-1] > 0, counts[1:] / np.where(counts[:-1] > 0, counts[:-1], 1),
                         np.nan)
    n = len(names)
    top = float(counts.max()) or 1.0
    with style():
        fig, ax = _new_axes(ax, figsize=(8.0, max(3.2, 1.6 + 0.95 * n)))
        bars = ax.barh(range(n), counts, height=0.55, color=SEMANTIC_COLORS["primary"])
        ax.set_yticks(range(n), labels)
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, top * 1.02)
        for bar, count in zip(bars, counts, strict=True):
            inside = count >= top * 0.3
            ax.text(count - top * 0.01 if inside else count + top * 0.01,
                    bar.get_y() + bar.get_height() / 2, _num(count),
                    ha="right" if inside else "left", va="center", fontsize=_FONT_PT,
                    color="white" if inside else _TEXT_DARK,
                    fontweight="bold")
        for i, rate in enumerate(rates, start=1):
            ax.text(top * 0.01, i - 0.5, _t("fn.step", rate=_pct(rate), previous=words[i - 1]),
                    ha="left", va="center", fontsize=_FONT_PT, color="#444444",
                    fontstyle="italic")
        _thousands(ax.xaxis)
        ax.set_title(title or _t("fn.title", first=words[0], last=words[-1]))
        ax.set_xlabel(xlabel or _t("fn.xlabel"))
        ax.set_ylabel(_t("fn.ylabel"))
        ax.spines["left"].set_visible(False)

    chain = [_t("fn.chain_first", value=_num(counts[0]), stage=words[0])]
    chain += [
        _t("fn.chain_next", value=_num(counts[i]), stage=words[i], rate=_pct(rates[i - 1]),
           previous=words[i - 1])
        for i in range(1, n)
    ]
    finite = np.where(np.isfinite(rates), rates, np.inf)
    drop = int(np.argmin(finite))
    overall = counts[-1] / counts[0] if counts[0] > 0 else np.nan
    set_alt_text(fig, _t(
        "fn.alt",
        n=n,
        chain=" → ".join(chain),
        overall=_pct(overall),
        first=words[0],
        last=words[-1],
        drop_from=words[drop],
        drop_to=words[drop + 1],
        lost=_pct(1 - rates[drop]) if np.isfinite(rates[drop]) else _t("na"),
    ))
    return fig


# --------------------------------------------------------------------------------------------
# Spend and return
# --------------------------------------------------------------------------------------------


def spend_return_curve(
    spend: Sequence[float] | pd.Series | np.ndarray,
    revenue: Sequence[float] | pd.Series | np.ndarray,
    *,
    curve: tuple[Sequence[float], Sequence[float]] | None = None,
    curve_label: str | None = None,
    currency: str | None = None,
    break_even: bool = True,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Scatter of daily spend against daily return, with an optional known response curve.

    A note on the chart compares the return per unit spent on the quarter of
    days with the highest spend and the quarter with the lowest: a lower
    return at high spend is the sign of diminishing returns. Both axes start
    at 0 so the break-even line (revenue = spend) is in view.

    Parameters
    ----------
    spend, revenue : array-like
        One value per day, same length (at least 4 days).
    curve : (x, y) pair of arrays or None, default=None
        A known curve to draw, such as ``(grid, response_curve(truth, channel, grid))``
        from :func:`smmlab.synth.response_curve`.
    curve_label : str or None, default=None
        Legend entry of the curve; "Known response curve" by default.
    currency : str or None, default=None
        Currency code for the axis labels, such as ``"EUR"``.
    break_even : bool, default=True
        Draw the line where revenue equals spend.
    title, xlabel, ylabel : str or None, default=None
        Chart title and axis labels.
    ax : matplotlib.axes.Axes or None, default=None
        Draw into this Axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        Lengths that differ, fewer than 4 days, values that are not finite
        numbers, or a malformed ``curve``.

    Examples
    --------
    >>> import numpy as np
    >>> spend = np.array([100.0, 200.0, 300.0, 400.0])
    >>> fig = spend_return_curve(spend, 50 * np.sqrt(spend), currency="EUR")
    >>> fig.axes[0].get_xlabel()
    'Daily spend (EUR)'
    >>> plt.close(fig)
    """
    x = _numbers("spend", spend)
    y = _numbers("revenue", revenue)
    if len(y) != len(x):
        raise ValueError(_t("err.lengths", param="revenue", n=len(x), got=len(y)))
    if len(x) < 4:
        raise ValueError(_t("err.short", param="spend", n=4, got=len(x)))
    curve_xy = None
    if curve is not None:
        try:
            cx, cy = (np.asarray(c, dtype=float).ravel() for c in curve)
        except (TypeError, ValueError):
            raise ValueError(_t("err.curve", value=_describe_value(curve))) from None
        if len(cx) != len(cy) or len(cx) < 2 or not (np.isfinite(cx).all() and
                                                     np.isfinite(cy).all()):
            raise ValueError(_t("err.curve", value=_describe_value(curve)))
        order = np.argsort(cx, kind="stable")
        curve_xy = (cx[order], cy[order])
    money = currency or _t("unit.currency")

    low_cut, high_cut = np.quantile(x, [0.25, 0.75])
    low, high = x <= low_cut, x >= high_cut
    roas_low = y[low].sum() / x[low].sum() if x[low].sum() > 0 else np.nan
    roas_high = y[high].sum() / x[high].sum() if x[high].sum() > 0 else np.nan
    diminishing = bool(roas_high < roas_low * 0.97)
    note = _t("sr.note_down" if diminishing else "sr.note_flat",
              high=f"{roas_high:.2f}", low=f"{roas_low:.2f}", currency=money)
    curve_name = curve_label or _t("sr.curve")
    own = ax is None

    with style():
        fig, ax = _new_axes(ax)
        ax.scatter(x, y, s=28, color=SEMANTIC_COLORS["primary"], alpha=0.65, marker="o",
                   edgecolors="white", linewidths=0.4, label=_t("sr.points"), zorder=2)
        x_top = float(max(x.max(), curve_xy[0].max() if curve_xy else 0)) * 1.05 or 1.0
        # Room above the points for the note.
        y_top = float(max(y.max(), curve_xy[1].max() if curve_xy else 0)) / 0.78 or 1.0
        if curve_xy is not None:
            ax.plot(*curve_xy, color=SEMANTIC_COLORS["bad"], linewidth=2.4, linestyle="-",
                    label=curve_name, zorder=3)
        if break_even:
            edge = min(x_top, y_top)
            ax.plot([0, edge], [0, edge], color=SEMANTIC_COLORS["neutral"], linewidth=1.4,
                    linestyle=":", label=_t("sr.break_even"), zorder=1)
        ax.set_xlim(min(0.0, float(x.min())), x_top)
        ax.set_ylim(min(0.0, float(y.min())), y_top)
        _thousands(ax.xaxis)
        _thousands(ax.yaxis)
        ax.text(0.02, 0.97, textwrap.fill(note, 75), transform=ax.transAxes, ha="left",
                va="top", fontsize=_FONT_PT, color=_TEXT_DARK,
                bbox={"boxstyle": "round,pad=0.4", "facecolor": "white", "alpha": 0.9,
                      "edgecolor": "#CCCCCC"})
        _outside_legend(fig, ax, own, ncols=3)
        ax.set_title(title or _t("sr.title"))
        ax.set_xlabel(xlabel or _t("sr.xlabel", currency=money))
        ax.set_ylabel(ylabel or _t("sr.ylabel", currency=money))

    decimals = 0 if x.max() >= 100 else 2
    curve_text = ""
    if curve_xy is not None:
        cx, cy = curve_xy
        first = (cy[1] - cy[0]) / (cx[1] - cx[0]) if cx[1] > cx[0] else np.nan
        last = (cy[-1] - cy[-2]) / (cx[-1] - cx[-2]) if cx[-1] > cx[-2] else np.nan
        curve_text = _t("sr.alt_curve", first_slope=f"{first:.2f}", last_slope=f"{last:.2f}",
                        currency=money, curve_label=curve_name)
    set_alt_text(fig, _t(
        "sr.alt",
        n=len(x),
        min_spend=f"{x.min():,.{decimals}f}",
        max_spend=f"{x.max():,.{decimals}f}",
        currency=money,
        roas=f"{y.sum() / x.sum():.2f}" if x.sum() > 0 else _t("na"),
        note=note,
        curve=curve_text,
    ))
    return fig


# --------------------------------------------------------------------------------------------
# KPI against target
# --------------------------------------------------------------------------------------------


def _kpi_ylabel(actual: object, names: list[str]) -> str:
    if isinstance(actual, pd.Series) and actual.index.name is not None:
        return _title_case(actual.index.name)
    if all(n in PLATFORMS for n in names):
        return _t("kpi.ylabel_platform")
    return _t("kpi.ylabel")


def kpi_vs_target(
    actual: Mapping[str, float] | pd.Series,
    target: Mapping[str, float] | pd.Series | float,
    *,
    higher_is_better: bool = True,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Horizontal bars of results with their targets marked, met (✓) or missed (✗).

    Beside each bar the percentage of target is written with ✓ or ✗, so the
    verdict is in symbols and words as well as in the bar colour. Use one KPI
    in one unit per chart (for example reach per platform); for KPIs in
    different units, chart the percentages of target instead.

    Parameters
    ----------
    actual : mapping or pandas.Series
        Name -> result, in the order to show (top to bottom).
    target : mapping, pandas.Series or number
        Name -> target (positive), for every name in ``actual``; one number
        applies to all.
    higher_is_better : bool, default=True
        ``False`` for costs such as CPM or cost per click: meeting the
        target means staying at or below it.
    title, xlabel, ylabel : str or None, default=None
        Chart title and axis labels. Give the KPI and its unit in ``xlabel``,
        such as "Reach in March (accounts)"; ``ylabel`` defaults to "Platform"
        when every name is a platform.
    ax : matplotlib.axes.Axes or None, default=None
        Draw into this Axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        Values that are not numbers, targets that are not positive, or names
        in one mapping and not the other.

    Examples
    --------
    >>> fig = kpi_vs_target({"Instagram": 1200, "TikTok": 800}, {"Instagram": 1000,
    ...                                                          "TikTok": 1000})
    >>> fig.axes[0].get_title()
    'Results against target: 1 of 2 met'
    >>> plt.close(fig)
    """
    names, values = _named_numbers(actual, "err.kpis")
    if not names:
        raise ValueError(_t("err.kpis", value=_describe_value(actual)))
    if isinstance(target, Mapping | pd.Series):
        t_names, t_values = _named_numbers(target, "err.kpis")
        missing = [n for n in names if n not in t_names]
        unknown = [n for n in t_names if n not in names]
        if missing or unknown:
            raise ValueError(_t("err.target_keys", missing=missing, unknown=unknown))
        lookup = dict(zip(t_names, t_values, strict=True))
        targets = np.array([lookup[n] for n in names], dtype=float)
    else:
        targets = np.full(len(names), _numbers("target", target)[0] if np.ndim(target) == 0
                          else np.nan)
    if not (np.isfinite(targets).all() and (targets > 0).all()):
        raise ValueError(_t("err.values", param="target", value=_describe_value(target)))
    shares = values / targets
    met = values >= targets if higher_is_better else values <= targets
    n = len(names)
    n_met = int(met.sum())

    with style():
        own = ax is None
        fig, ax = _new_axes(ax, figsize=(8.0, max(3.4, 1.9 + 0.55 * n)))
        colors = [SEMANTIC_COLORS["good"] if m else SEMANTIC_COLORS["bad"] for m in met]
        ax.barh(range(n), values, height=0.6, color=colors)
        box = ax.get_position()
        unit_pt = box.height * fig.get_figheight() * 72 / max(n, 1)
        ax.plot(targets, range(n), linestyle="none", marker="|", color=SEMANTIC_COLORS["target"],
                markersize=min(40.0, 0.85 * unit_pt), markeredgewidth=3,
                label=_t("kpi.target"), zorder=3)
        right = float(max(values.max(), targets.max()))
        left = min(0.0, float(values.min()))
        for i, (value, goal, share, ok) in enumerate(zip(values, targets, shares, met,
                                                         strict=True)):
            ax.text(max(value, goal) + (right - left) * 0.015, i,
                    _t("kpi.met" if ok else "kpi.missed", pct=_pct(share)),
                    ha="left", va="center", fontsize=_FONT_PT, color=_TEXT_DARK)
        ax.set_xlim(left, right + (right - left) * 0.34)
        ax.set_yticks(range(n), names)
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="y", length=0)
        _thousands(ax.xaxis)
        default_label = (_title_case(actual.name) if isinstance(actual, pd.Series)
                         and actual.name is not None else _t("kpi.xlabel"))
        ax.set_title(title or _t("kpi.title", met=n_met, n=n))
        ax.set_xlabel(xlabel or default_label)
        ax.set_ylabel(ylabel or _kpi_ylabel(actual, names))
        handles = [
            Patch(color=SEMANTIC_COLORS["good"], label=_t("kpi.legend_met")),
            Patch(color=SEMANTIC_COLORS["bad"], label=_t("kpi.legend_missed")),
            Line2D([], [], linestyle="none", marker="|", markersize=14, markeredgewidth=3,
                   color=SEMANTIC_COLORS["target"], label=_t("kpi.target")),
        ]
        _outside_legend(fig, ax, own, handles=handles, ncols=3)

    order = np.argsort(shares if higher_is_better else -shares, kind="stable")
    best, worst = int(order[-1]), int(order[0])
    items = [
        _t("kpi.alt_item", name=name, actual=_num(v), target=_num(g), pct=_pct(s),
           verdict=_t("kpi.verdict_met" if ok else "kpi.verdict_missed"))
        for name, v, g, s, ok in zip(names, values, targets, shares, met, strict=True)
    ]
    set_alt_text(fig, _t(
        "kpi.alt",
        n=n,
        lower="" if higher_is_better else _t("kpi.lower_better"),
        met=n_met,
        missed=n - n_met,
        items=_join(items),
        best=names[best],
        best_pct=_pct(shares[best]),
        worst=names[worst],
        worst_pct=_pct(shares[worst]),
    ))
    return fig


__all__ = [
    "EVENT_COLORS",
    "EVENT_GID",
    "LOW_COUNT_GID",
    "funnel",
    "kpi_vs_target",
    "small_multiples",
    "spend_return_curve",
    "timeseries_with_events",
    "weekday_hour_heatmap",
]
