"""One figure model: what a matplotlib chart shows, as plain data.

:func:`read_figure` turns a chart into a :class:`FigureModel`: its titles and
axis labels, and for each panel (a set of axes with something drawn) every
series as a legend label paired with its values, the texts written on it, its
axis limits, and the unit its value axis is shown in (per cent, thousands,
millions). The exercise checks, the grader's answer codec and the lessons all
read charts through this one model: the kernel sends ``model.to_dict()`` (plain
JSON) to the grader, and the grader reads it back with
:meth:`FigureModel.from_dict`, never rebuilding a chart.

What is read
------------
- ``ax.bar`` / ``ax.barh`` and pandas ``.plot.bar()`` / ``.plot.barh()``: one
  series per call (per column for a DataFrame), each bar paired with the tick
  label at its centre (text categories, ``set_xticks(..., labels)``, rotated
  labels, pandas labels); a bar with a NaN height keeps its NaN.
- lines (``ax.plot``, pandas ``.plot()``), scatters, pies (shares of the whole,
  paired with the wedge labels), ``fill_between`` areas (the upper edge).
- dates: matplotlib date numbers and pandas' period axes become ISO dates
  (``"2025-01-31"``, or ``"2025-01-31T14:00:00"`` when a time is shown).
- ``axhline`` / ``axvline`` are ``"reference"`` series, shaded spans
  (``axvspan``, the event windows of :mod:`smmlab.viz.charts`) are ``"band"``
  series: neither is data.
- small multiples (one panel each) and twin axes (``twin=True``).

Documented limits: images (``imshow`` heatmaps) make a panel but no series;
``hlines`` / ``vlines``, error bars' caps, stray patches added by hand and
seaborn's private artists are not read; a pie holds shares, not the values it
was drawn from; a pandas line over text labels has its labels only where a tick
is labelled (otherwise its ``x`` are positions 0, 1, 2...); a pie's percentage
labels (``autopct``) count as texts.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.bar(["Instagram", "TikTok", "X"], [1234, 987, 12])
>>> _ = ax.set(title="Posts per platform", xlabel="Platform", ylabel="Posts")
>>> model = read_figure(fig)
>>> model.values().to_dict()
{'Instagram': 1234.0, 'TikTok': 987.0, 'X': 12.0}
>>> FigureModel.from_dict(model.to_dict()) == model
True
>>> plt.close(fig)
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from smmlab._messages import Catalog, readable_number
from smmlab.viz.alt import ATTRIBUTE as ALT_ATTRIBUTE
from smmlab.viz.charts import EVENT_GID

#: Kinds of series: data (``bar``, ``barh``, ``line``, ``scatter``, ``pie``, ``area``) and not
#: data (``reference``: an axhline/axvline; ``band``: a shaded span such as an event window).
KINDS = ("bar", "barh", "line", "scatter", "pie", "area", "reference", "band")
#: Kinds that are drawn for orientation, not data.
NOT_DATA = ("reference", "band")
#: Factor from a plotted value to data units, by the unit the axis shows.
UNIT_SCALES: dict[str, float] = {"": 1.0, "percent": 0.01, "thousands": 1e3, "millions": 1e6}
#: What an axis holds: numbers, text categories, or dates (written as ISO strings).
AXIS_TYPES = ("number", "category", "date")
#: Figure attribute that carries a model drawn back into a Figure (see :func:`read_figure`).
MODEL_ATTRIBUTE = "smmlab_figure_model"
#: Version of the :meth:`FigureModel.to_dict` format.
FORMAT_VERSION = 1

_NAN = float("nan")  # one NaN object, so that equal models with NaN compare equal

MESSAGES = Catalog(
    {
        "en": {
            "empty": "an empty chart (nothing is drawn)",
            "kind.bar": "a bar chart",
            "kind.barh": "a horizontal bar chart",
            "kind.line": "a line chart",
            "kind.scatter": "a scatter chart",
            "kind.pie": "a pie chart",
            "kind.area": "an area chart",
            "kind.none": "a chart",
            "titled": " titled '{title}'",
            "untitled": " with no title",
            "axes": " (x axis '{xlabel}', y axis '{ylabel}')",
            "unlabelled": "no label",
            "panels": "{n} panels",
            "panel": "panel {i}: {text}",
            "twin": "a second y axis on the same panel",
            "unit": "values in {unit}",
            "unit.percent": "per cent",
            "unit.thousands": "thousands",
            "unit.millions": "millions",
            "item": "{x} {y}",
            "more": "and {n} more",
            "count.bar": "{n} bars",
            "count.barh": "{n} bars",
            "count.line": "a line of {n} points",
            "count.scatter": "{n} points",
            "count.pie": "{n} slices",
            "count.area": "an area of {n} points",
            "named": "{label}: {text}",
            "texts": "texts on the chart: {texts}",
            "reference": "{n} reference lines",
            "band": "{n} shaded spans",
            "list_sep": ", ",
            "part_sep": "; ",
        },
    }
)


def _(key: str, /, **fields: object) -> str:
    return MESSAGES.text(key, **fields)


# --------------------------------------------------------------------------------------------
# Plain values
# --------------------------------------------------------------------------------------------


def _float(value: Any) -> float:
    """A plain float (one shared NaN object), from a number; anything else raises."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    out = float(value)
    return _NAN if math.isnan(out) else out


def _item(value: Any) -> str | float:
    return value if isinstance(value, str) else _float(value)


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text, got {type(value).__name__}")
    return value


def _items(values: Iterable[Any], convert: Callable[[Any], Any]) -> tuple[Any, ...]:
    if isinstance(values, str | bytes | Mapping):
        raise TypeError(f"expected a sequence, got {type(values).__name__}")
    return tuple(convert(v) for v in values)


def _encode_float(value: float) -> float | dict[str, str]:
    return value if math.isfinite(value) else {"__float__": repr(value)}


def _decode_float(value: Any) -> Any:
    if isinstance(value, Mapping):
        if set(value) != {"__float__"} or value["__float__"] not in ("nan", "inf", "-inf"):
            raise ValueError(f"not a number: {value!r}")
        return float(value["__float__"])
    return value


# --------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SeriesModel:
    """One series of a panel: its legend label, its kind, and its values paired with ``x``.

    Parameters
    ----------
    label : str
        The legend label, or ``""`` when it has none (matplotlib's ``_child0``-style
        labels count as none).
    kind : str
        One of :data:`KINDS`.
    x : tuple of str or float
        Where each value sits: category labels (text), numbers, or ISO dates (text) on a
        date axis. For horizontal bars, the bar labels (drawn on the vertical axis).
    y : tuple of float
        The values (bar heights, or lengths for horizontal bars; pie shares), NaN kept.
        A ``"reference"`` line or ``"band"`` holds two points; the coordinate that spans
        the whole axis is NaN (``axhline(5)`` is ``x=(nan, nan), y=(5, 5)``).
    style : str
        Line style and marker of a line, as in a matplotlib format string
        (``"-"``, ``"--o"``, ``"o"``); ``""`` for other kinds.

    Examples
    --------
    >>> s = SeriesModel("Instagram", "bar", ["Jan", "Feb"], [3, float("nan")])
    >>> s.x, s.y
    (('Jan', 'Feb'), (3.0, nan))
    >>> s.is_data
    True
    """

    label: str
    kind: str
    x: tuple[str | float, ...]
    y: tuple[float, ...]
    style: str = ""

    def __post_init__(self) -> None:
        _text(self.label, "label")
        _text(self.style, "style")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        object.__setattr__(self, "x", _items(self.x, _item))
        object.__setattr__(self, "y", _items(self.y, _float))
        if len(self.x) != len(self.y):
            raise ValueError(f"x has {len(self.x)} values but y has {len(self.y)}")

    @property
    def is_data(self) -> bool:
        """False for reference lines and shaded bands, which are not data."""
        return self.kind not in NOT_DATA


@dataclasses.dataclass(frozen=True)
class PanelModel:
    """One panel (a set of axes with something drawn).

    Parameters
    ----------
    title : str
        The centre title, else the left one.
    xlabel, ylabel : str
        The axis labels.
    xlim, ylim : tuple of two (float or str)
        Where the axes start and end (ISO dates on a date axis).
    series : tuple of SeriesModel
        In drawing order; the bars of one ``ax.bar`` call form one series.
    texts : tuple of str
        Annotations and ``ax.text``, visible and not empty.
    legend : tuple of str
        The legend's entries.
    twin : bool
        True when the panel shares its box with another panel (a second y axis).
    x_unit, y_unit : str
        The scale the plotted values are in, read from the axis label and tick labels:
        ``"percent"``, ``"thousands"``, ``"millions"`` or ``""`` (see :data:`UNIT_SCALES`).
    x_type, y_type : str
        What the axis holds: ``"number"``, ``"category"`` or ``"date"``.

    Examples
    --------
    >>> p = PanelModel(ylabel="Engagement rate (%)", y_unit="percent",
    ...                series=(SeriesModel("", "bar", ["A"], [4.9]),))
    >>> p.horizontal, float(p.in_data_units(4.9))
    (False, 0.049)
    """

    title: str = ""
    xlabel: str = ""
    ylabel: str = ""
    xlim: tuple[float | str, float | str] = (_NAN, _NAN)
    ylim: tuple[float | str, float | str] = (_NAN, _NAN)
    series: tuple[SeriesModel, ...] = ()
    texts: tuple[str, ...] = ()
    legend: tuple[str, ...] = ()
    twin: bool = False
    x_unit: str = ""
    y_unit: str = ""
    x_type: str = "number"
    y_type: str = "number"

    def __post_init__(self) -> None:
        for name in ("title", "xlabel", "ylabel"):
            _text(getattr(self, name), name)
        for name in ("xlim", "ylim"):
            pair = _items(getattr(self, name), _item)
            if len(pair) != 2:
                raise ValueError(f"{name} needs two values, got {len(pair)}")
            object.__setattr__(self, name, pair)
        series = _items(self.series, lambda s: s)
        if not all(isinstance(s, SeriesModel) for s in series):
            raise TypeError("series must be SeriesModel objects")
        object.__setattr__(self, "series", series)
        object.__setattr__(self, "texts", _items(self.texts, lambda t: _text(t, "text")))
        object.__setattr__(self, "legend", _items(self.legend, lambda t: _text(t, "legend")))
        if not isinstance(self.twin, bool):
            raise TypeError("twin must be True or False")
        for name in ("x_unit", "y_unit"):
            if getattr(self, name) not in UNIT_SCALES:
                raise ValueError(f"{name} must be one of {tuple(UNIT_SCALES)}")
        for name in ("x_type", "y_type"):
            if getattr(self, name) not in AXIS_TYPES:
                raise ValueError(f"{name} must be one of {AXIS_TYPES}")

    @property
    def data(self) -> tuple[SeriesModel, ...]:
        """The data series: without reference lines and shaded bands."""
        return tuple(s for s in self.series if s.is_data)

    @property
    def horizontal(self) -> bool:
        """True when the panel's bars are horizontal (its values run along x)."""
        return any(s.kind == "barh" for s in self.series)

    @property
    def value_unit(self) -> str:
        """The unit of the value axis: x for horizontal bars, else y."""
        return self.x_unit if self.horizontal else self.y_unit

    def in_data_units(self, values: Any, axis: str | None = None) -> Any:
        """Plotted values converted to data units (4.9 on a per cent axis is 0.049).

        Parameters
        ----------
        values : number, sequence, numpy array or pandas object
            Values read from this panel.
        axis : {None, "x", "y"}
            The axis they were plotted on; ``None`` for the value axis.

        Returns
        -------
        The values times the axis' scale (:data:`UNIT_SCALES`): a pandas object stays one,
        anything else becomes a float or a numpy array.

        Examples
        --------
        >>> PanelModel(y_unit="millions").in_data_units([1.5, 2])
        array([1500000., 2000000.])
        """
        unit = {"x": self.x_unit, "y": self.y_unit, None: self.value_unit}[axis]
        scale = UNIT_SCALES[unit]
        if isinstance(values, pd.Series | pd.DataFrame):
            return values * scale
        out = np.asarray(values, dtype=float) * scale
        return float(out) if out.ndim == 0 else out


@dataclasses.dataclass(frozen=True)
class FigureModel:
    """A whole chart as plain data (see :func:`read_figure`).

    Parameters
    ----------
    title, xlabel, ylabel : str
        The figure's own title and axis labels (``suptitle``, ``supxlabel``, ``supylabel``).
    panels : tuple of PanelModel
        The axes with something drawn, in figure order.
    alt : str
        The alt text set by :func:`smmlab.viz.set_alt_text` (``""`` when none).

    Examples
    --------
    >>> m = FigureModel(title="Reach", panels=(PanelModel(series=(
    ...     SeriesModel("", "line", [1, 2], [5, float("inf")]),)),))
    >>> m.main_title, m.values().tolist()
    ('Reach', [5.0, inf])
    >>> FigureModel.from_dict(m.to_dict()) == m
    True
    """

    title: str = ""
    xlabel: str = ""
    ylabel: str = ""
    panels: tuple[PanelModel, ...] = ()
    alt: str = ""

    def __post_init__(self) -> None:
        for name in ("title", "xlabel", "ylabel", "alt"):
            _text(getattr(self, name), name)
        panels = _items(self.panels, lambda p: p)
        if not all(isinstance(p, PanelModel) for p in panels):
            raise TypeError("panels must be PanelModel objects")
        object.__setattr__(self, "panels", panels)

    # -- reading --------------------------------------------------------------------------

    def _main(self, name: str, figure_level: str) -> str:
        own = [getattr(p, name) for p in self.panels if getattr(p, name).strip()]
        several = len([p for p in self.panels if not p.twin]) > 1
        first = getattr(self.panels[0], name) if self.panels else ""
        for candidate in ((figure_level, first) if several else (first, figure_level)):
            if candidate.strip():
                return candidate
        return own[0] if own else ""

    @property
    def main_title(self) -> str:
        """The chart's title: the first panel's, else the figure's, else any panel's.

        With several panels (small multiples) the figure's title comes first.
        """
        return self._main("title", self.title)

    @property
    def main_xlabel(self) -> str:
        """The x label, found like :attr:`main_title` (``supxlabel`` for small multiples)."""
        return self._main("xlabel", self.xlabel)

    @property
    def main_ylabel(self) -> str:
        """The y label, found like :attr:`main_title` (``supylabel`` for small multiples)."""
        return self._main("ylabel", self.ylabel)

    @property
    def data_panels(self) -> tuple[PanelModel, ...]:
        """The panels that hold at least one data series."""
        return tuple(p for p in self.panels if p.data)

    def values(self, panel: int = 0, series: int = 0, *, data_units: bool = False) -> pd.Series:
        """The values of one data series, indexed by where they sit.

        Parameters
        ----------
        panel : int
            Index into :attr:`panels`.
        series : int
            Index into that panel's data series (reference lines and bands skipped).
        data_units : bool
            Convert with :meth:`PanelModel.in_data_units` (4.9 on a % axis gives 0.049).

        Returns
        -------
        pandas.Series
            Named after the series' label; indexed by the bar or slice labels, the x
            values of a line (a DatetimeIndex on a date axis), or positions when the
            bars have no labels.

        Raises
        ------
        IndexError
            If there is no such panel or series.

        Examples
        --------
        >>> m = FigureModel(panels=(PanelModel(x_type="date", series=(
        ...     SeriesModel("Reach", "line", ["2025-01-01", "2025-01-02"], [3, 4]),)),))
        >>> m.values()
        2025-01-01    3.0
        2025-01-02    4.0
        Name: Reach, dtype: float64
        """
        p = self.panels[panel]
        s = p.data[series]
        axis_type = p.y_type if s.kind == "barh" else p.x_type
        index: pd.Index
        if axis_type == "date" and s.x and all(isinstance(v, str) for v in s.x):
            index = pd.DatetimeIndex(pd.to_datetime(list(s.x), errors="coerce"))
        else:
            index = pd.Index(list(s.x)) if s.x else pd.Index([], dtype=float)
        out = pd.Series(list(s.y), index=index, dtype=float, name=s.label or None)
        return p.in_data_units(out) if data_units else out

    # -- plain data -----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``json.dumps(..., allow_nan=False)``: NaN and inf as ``{"__float__"}``.

        Examples
        --------
        >>> m = FigureModel(panels=(PanelModel(series=(SeriesModel("", "bar", ["a"], [
        ...     float("nan")]),)),))
        >>> m.to_dict()["panels"][0]["series"][0]["y"]
        [{'__float__': 'nan'}]
        """

        def plain(value: Any) -> Any:
            if isinstance(value, float):
                return _encode_float(value)
            if isinstance(value, tuple):
                return [plain(v) for v in value]
            if dataclasses.is_dataclass(value):
                return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
            return value

        return {"version": FORMAT_VERSION, **plain(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FigureModel:
        """Read back :meth:`to_dict`'s output (after ``json.loads``), checking every field.

        Raises
        ------
        ValueError
            If ``data`` is not a figure model of this version (unknown or missing
            fields, wrong types, x and y of different lengths...).

        Examples
        --------
        >>> FigureModel.from_dict({"version": 1, "title": "T", "xlabel": "", "ylabel": "",
        ...                        "panels": [], "alt": ""}).title
        'T'
        """
        try:
            if not isinstance(data, Mapping) or data.get("version") != FORMAT_VERSION:
                raise ValueError("not a figure model of version 1")
            fields = _fields(cls, data, skip=("version",))
            fields["panels"] = tuple(_panel(p) for p in _list(fields["panels"]))
            return cls(**fields)
        except (TypeError, KeyError) as err:
            raise ValueError(f"not a figure model: {err}") from None

    # -- words ----------------------------------------------------------------------------

    def describe(self, max_items: int = 8) -> str:
        """One paragraph in plain English: what is drawn, with labels and values.

        Parameters
        ----------
        max_items : int
            How many values of each series to quote before "and N more".

        Examples
        --------
        >>> m = FigureModel(panels=(PanelModel(title="Posts", series=(SeriesModel(
        ...     "", "bar", ["Instagram", "TikTok", "X"], [1234, 98.5, 12]),)),))
        >>> m.describe()
        "a bar chart titled 'Posts' (x axis 'no label', y axis 'no label'): 3 bars: \
Instagram 1,234, TikTok 98.5, X 12."
        """
        if not self.panels:
            return _("empty") + "."
        parts = [_describe_panel(p, max_items) for p in self.panels]
        if len(parts) == 1:
            text = parts[0]
        else:
            text = _("panels", n=len(parts))
            if self.title:
                text += _("titled", title=self.title)
            text += _("part_sep") + _("part_sep").join(
                _("panel", i=i, text=part) for i, part in enumerate(parts, start=1))
        return text + "."


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _fields(cls: type, data: Any, skip: Sequence[str] = ()) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        raise TypeError(f"expected a mapping, got {type(data).__name__}")
    names = [f.name for f in dataclasses.fields(cls)]
    unknown = set(data) - set(names) - set(skip)
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    return {name: data[name] for name in names}


def _floats(value: Any) -> list[Any]:
    return [_decode_float(v) for v in _list(value)]


def _panel(data: Any) -> PanelModel:
    fields = _fields(PanelModel, data)
    for name in ("xlim", "ylim"):
        fields[name] = _floats(fields[name])
    fields["texts"], fields["legend"] = _list(fields["texts"]), _list(fields["legend"])
    fields["series"] = tuple(_series(s) for s in _list(fields["series"]))
    return PanelModel(**fields)


def _series(data: Any) -> SeriesModel:
    fields = _fields(SeriesModel, data)
    fields["x"], fields["y"] = _floats(fields["x"]), _floats(fields["y"])
    return SeriesModel(**fields)


# --------------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------------


def _number(value: float) -> str:
    return readable_number(value, trim=True)


def _describe_series(s: SeriesModel, max_items: int) -> str:
    items = [_("item", x=x if isinstance(x, str) else _number(x), y=_number(y))
             for x, y in zip(s.x[:max_items], s.y[:max_items], strict=True)]
    if len(s.x) > max_items:
        items.append(_("more", n=len(s.x) - max_items))
    text = _(f"count.{s.kind}", n=len(s.y)) + ": " + _("list_sep").join(items)
    return _("named", label=s.label, text=text) if s.label else text


def _describe_panel(p: PanelModel, max_items: int) -> str:
    kinds = [s.kind for s in p.data]
    kind = kinds[0] if kinds and len(set(kinds)) == 1 else "none"
    blank = _("unlabelled")
    text = _(f"kind.{kind}") + (_("titled", title=p.title) if p.title else _("untitled"))
    text += _("axes", xlabel=p.xlabel or blank, ylabel=p.ylabel or blank)
    parts = [_describe_series(s, max_items) for s in p.data]
    if p.value_unit:
        parts.append(_("unit", unit=_(f"unit.{p.value_unit}")))
    for kind in NOT_DATA:
        n = sum(s.kind == kind for s in p.series)
        if n:
            parts.append(_(kind, n=n))
    if p.texts:
        parts.append(_("texts", texts=_("list_sep").join(repr(t) for t in p.texts)))
    if p.twin:
        parts.append(_("twin"))
    return text + (": " + _("part_sep").join(parts) if parts else "")


# --------------------------------------------------------------------------------------------
# Reading a matplotlib figure
# --------------------------------------------------------------------------------------------


def read_figure(obj: Any) -> FigureModel:
    """Read a chart into a :class:`FigureModel`. Never raises: an odd chart gives a thin model.

    Parameters
    ----------
    obj : matplotlib Figure, Axes or FigureModel
        An Axes gives its whole figure's model; a FigureModel is returned as is. A
        Figure drawn from a model (it carries it in :data:`MODEL_ATTRIBUTE`) gives that
        model back. Anything else gives an empty model.

    Returns
    -------
    FigureModel

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot(["Jan", "Feb", "Mar"], [10, 12, 9], label="Reach")
    >>> _ = ax.axhline(11, linestyle=":")
    >>> _ = ax.annotate("peak", xy=(1, 12))
    >>> model = read_figure(ax)
    >>> [(s.kind, s.label) for s in model.panels[0].series]
    [('line', 'Reach'), ('reference', '')]
    >>> model.values().to_dict(), model.panels[0].texts
    ({'Jan': 10.0, 'Feb': 12.0, 'Mar': 9.0}, ('peak',))
    >>> read_figure("not a chart").panels
    ()
    >>> plt.close(fig)
    """
    if isinstance(obj, FigureModel):
        return obj
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

    if isinstance(obj, Axes):
        obj = obj.figure
    while isinstance(obj, SubFigure):
        obj = obj.figure
    if not isinstance(obj, Figure):
        return FigureModel()
    carried = getattr(obj, MODEL_ATTRIBUTE, None)
    if type(carried) is FigureModel:
        return carried
    alt = getattr(obj, ALT_ATTRIBUTE, "")
    alt = " ".join(alt.split()) if isinstance(alt, str) else ""
    try:
        axes = [ax for ax in _all_axes(obj) if ax.get_label() != "<colorbar>" and _safe(
            ax.has_data, False)]
        boxes = [np.asarray(ax.get_position().bounds, dtype=float) for ax in axes]
        panels = []
        for i, ax in enumerate(axes):
            twin = any(j != i and np.allclose(boxes[i], boxes[j]) for j in range(len(axes)))
            panel = _safe(lambda ax=ax, twin=twin: _read_panel(ax, twin), None)
            if panel is not None:
                panels.append(panel)
        return FigureModel(title=_figure_text(obj, "suptitle"),
                           xlabel=_figure_text(obj, "supxlabel"),
                           ylabel=_figure_text(obj, "supylabel"), panels=tuple(panels), alt=alt)
    except Exception:  # an odd figure: never raise, keep what is certain
        return FigureModel(alt=alt)


def _safe(fn: Callable[[], Any], default: Any) -> Any:
    try:
        return fn()
    except Exception:  # reading must never fail on an odd artist
        return default


def _all_axes(fig: Any) -> list[Any]:
    """The figure's axes, then those of its subfigures, each once."""
    seen: list[Any] = []
    stack = [fig]
    while stack:
        current = stack.pop(0)
        seen.extend(ax for ax in current.axes if ax not in seen)
        stack.extend(getattr(current, "subfigs", []))
    return seen


def _figure_text(fig: Any, which: str) -> str:
    artist = getattr(fig, f"_{which}", None)
    return str(artist.get_text()) if artist is not None and artist.get_visible() else ""


def _own_label(artist: Any) -> str:
    label = artist.get_label()
    label = "" if label is None else str(label)
    return "" if label.startswith("_") else label


class _AxisReader:
    """Turns positions on one axis into what a reader sees there: labels, dates or numbers."""

    def __init__(self, axis: Any) -> None:
        import matplotlib.dates as mdates
        from matplotlib import category, ticker

        self.axis = axis
        self.type = "number"
        self._labels: dict[float, str] = {}
        self._period_freq: Any = None
        converter = _safe(axis.get_converter, None) if hasattr(axis, "get_converter") \
            else getattr(axis, "converter", None)
        formatter = axis.get_major_formatter()
        if type(formatter).__name__ == "TimeSeries_DateFormatter" or \
                type(converter).__name__ == "PeriodConverter":
            freq = getattr(formatter, "freq", None) or getattr(axis.axes, "freq", None)
            if freq is not None:
                self.type, self._period_freq = "date", pd.tseries.frequencies.to_offset(freq)
        elif isinstance(converter, mdates.DateConverter | mdates.ConciseDateConverter) or \
                type(converter).__name__ == "_SwitchableDateConverter" or isinstance(
                    formatter, mdates.DateFormatter | mdates.AutoDateFormatter
                    | mdates.ConciseDateFormatter):
            self.type = "date"
        elif isinstance(converter, category.StrCategoryConverter):
            units = axis.get_units()
            mapping = getattr(units, "_mapping", {}) or {}
            self._labels = {float(v): str(k) for k, v in mapping.items()}
        else:
            self._labels = _tick_labels(axis, formatter, ticker)
        if self._labels:
            self.type = "category"
            if all(_ISO.fullmatch(t) for t in self._labels.values()):
                self.type = "date"  # pandas writes the dates of an irregular index as labels

    def date(self, value: float) -> pd.Timestamp | float:
        """The time at a position on this date axis (to the second), or NaN."""
        if not math.isfinite(value):
            return _NAN
        if self._period_freq is not None:
            offset = self._period_freq
            period = pd.Period(ordinal=int(round(value)), freq=offset)
            stamp = period.start_time
            end = period.end_time.normalize()
            if not offset.is_on_offset(stamp) and offset.is_on_offset(end):
                stamp = end
        else:
            import matplotlib.dates as mdates

            stamp = pd.Timestamp(mdates.num2date(value)).tz_localize(None)
        return stamp.round("s")

    def dates(self, values: Sequence[float]) -> tuple[str | float, ...]:
        """ISO dates, with the time of day when any of them has one (hourly data)."""
        stamps = [_safe(lambda v=v: self.date(v), _NAN) for v in values]
        found = [t for t in stamps if isinstance(t, pd.Timestamp)]
        timed = any(t != t.normalize() for t in found)
        return tuple(t.isoformat(timespec="seconds") if timed else t.strftime("%Y-%m-%d")
                     if isinstance(t, pd.Timestamp) else _NAN for t in stamps)

    def positions(self, values: Sequence[float], *, snap: bool = False) -> tuple[Any, ...]:
        """Labels for the positions (all or none), dates, else the numbers themselves.

        ``snap`` lets a position take the label of the nearest labelled tick within half
        the spacing of the ticks (bars of a group sit beside their tick).
        """
        numbers = [float(v) for v in values]
        if self._labels:
            labels = self._label_all(numbers, snap)
            if labels is not None:
                return tuple(labels)
        elif self.type == "date":
            return self.dates(numbers)
        return tuple(numbers)

    def _label_all(self, numbers: list[float], snap: bool) -> list[str] | None:
        locs = np.asarray(sorted(self._labels), dtype=float)
        spacing = float(np.min(np.diff(locs))) if len(locs) > 1 else 1.0
        out = []
        for v in numbers:
            if not math.isfinite(v):
                return None
            i = int(np.argmin(np.abs(locs - v)))
            distance = abs(locs[i] - v)
            if distance > (spacing / 2 - 1e-9 if snap else 1e-6 * max(1.0, spacing)):
                return None
            out.append(self._labels[float(locs[i])])
        return out

    def limits(self, pair: Sequence[float]) -> tuple[Any, Any]:
        if self.type == "date" and not self._labels:
            first, last = self.dates([float(v) for v in pair])
            return first, last
        return float(pair[0]), float(pair[1])


def _tick_labels(axis: Any, formatter: Any, ticker: Any) -> dict[float, str]:
    """Labels fixed by the author (``set_xticks(pos, labels)``, pandas): position -> text."""
    func = getattr(formatter, "func", None)
    if isinstance(formatter, ticker.FuncFormatter) and getattr(func, "args", None) and \
            getattr(getattr(func, "func", None), "__name__", "") == "_format_with_dict":
        labels = {float(k): str(v) for k, v in func.args[0].items()}
    elif isinstance(formatter, ticker.FixedFormatter):
        locs = axis.get_majorticklocs()
        labels = {float(p): str(t) for p, t in zip(locs, formatter.seq, strict=False)}
    else:
        return {}
    return {p: _tidy_label(t) for p, t in labels.items() if str(t).strip()}


_ISO = re.compile(r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d:\d\d)?")


def _tidy_label(text: str) -> str:
    """Tick labels as shown, without pandas' ``" 00:00:00"`` on whole days."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text):
        return text[:10] if text.endswith(" 00:00:00") else text.replace(" ", "T")
    return text


def _style(line: Any) -> str:
    linestyle = str(line.get_linestyle())
    marker = line.get_marker()
    marker = "" if marker in (None, "None", "none", "", " ") else str(marker)
    return ("" if linestyle in ("None", "none", "", " ") else linestyle) + marker


def _kind_of_transform(artist_transform: Any, ax: Any) -> tuple[bool, bool]:
    """Which coordinates of an artist are data: (x, y).

    Transforms are compared by structure, never with ``==``: that compares
    matrices, and an axhline's transform equals transData while the limits are 0-1.
    """
    try:
        x, y = artist_transform.contains_branch_seperately(ax.transData)
    except (AttributeError, ValueError):  # not separable in x and y
        both = bool(artist_transform.contains_branch(ax.transData))
        return both, both
    return bool(x), bool(y)


def _read_panel(ax: Any, twin: bool) -> PanelModel:
    from matplotlib.collections import PathCollection, PolyCollection
    from matplotlib.container import BarContainer, ErrorbarContainer, StemContainer
    from matplotlib.lines import Line2D
    from matplotlib.patches import Polygon, Rectangle, Wedge

    xr, yr = _AxisReader(ax.xaxis), _AxisReader(ax.yaxis)
    bar_of: dict[int, Any] = {}
    skip: set[int] = set()
    for container in ax.containers:
        if isinstance(container, BarContainer):
            for patch in container.patches:
                bar_of[id(patch)] = container
        elif isinstance(container, ErrorbarContainer):
            _, caps, cols = container.lines
            skip.update(id(a) for a in (*caps, *cols))
        elif isinstance(container, StemContainer):
            skip.add(id(container.baseline))
    series: list[SeriesModel] = []
    done: set[Any] = set()
    wedges = [p for p in ax.patches if isinstance(p, Wedge) and p.get_visible()]
    for artist in ax.get_children():
        if id(artist) in skip or not _safe(artist.get_visible, False):
            continue
        if id(artist) in bar_of:
            container = bar_of[id(artist)]
            if id(container) not in done:
                done.add(id(container))
                found = _safe(lambda c=container: _bars(c, xr, yr), None)
                series.extend([found] if found else [])
        elif isinstance(artist, Wedge):
            if "pie" not in done:
                done.add("pie")
                series.append(_pie(wedges))
        elif isinstance(artist, Line2D):
            found = _safe(lambda a=artist: _line(a, ax, xr, yr), None)
            series.extend([found] if found else [])
        elif isinstance(artist, Rectangle | Polygon):
            found = _safe(lambda a=artist: _band(a, ax, xr, yr), None)
            series.extend([found] if found else [])
        elif isinstance(artist, PathCollection):
            found = _safe(lambda a=artist: _scatter(a, xr, yr), None)
            series.extend([found] if found else [])
        elif isinstance(artist, PolyCollection):
            series.extend(_safe(lambda a=artist: _areas(a, xr), []))
    legend = _legend_texts(ax)
    series = _legend_labels(series, legend)
    pie_labels = {str(x) for s in series if s.kind == "pie" for x in s.x}
    texts = tuple(t.get_text().strip() for t in ax.texts if t.get_visible()
                  and t.get_text().strip() and t.get_text().strip() not in pie_labels)
    horizontal = any(s.kind == "barh" for s in series)
    value_axis, value_reader = (ax.xaxis, xr) if horizontal else (ax.yaxis, yr)
    other_axis = ax.yaxis if horizontal else ax.xaxis
    values = [v for s in series if s.is_data and s.kind != "pie" for v in s.y]
    value_unit = _unit(value_axis, values) if value_reader.type == "number" else ""
    other_unit = _unit(other_axis, []) if (yr if horizontal else xr).type == "number" else ""
    x_unit, y_unit = (value_unit, other_unit) if horizontal else (other_unit, value_unit)
    return PanelModel(
        title=str(ax.get_title() or ax.get_title("left")),
        xlabel=str(ax.get_xlabel()), ylabel=str(ax.get_ylabel()),
        xlim=xr.limits(ax.get_xlim()), ylim=yr.limits(ax.get_ylim()),
        series=tuple(series), texts=texts, legend=legend, twin=twin,
        x_unit=x_unit, y_unit=y_unit, x_type=xr.type, y_type=yr.type,
    )


def _bars(container: Any, xr: _AxisReader, yr: _AxisReader) -> SeriesModel | None:
    patches = list(container.patches)
    if not patches:
        return None
    horizontal = getattr(container, "orientation", None) == "horizontal"
    if horizontal:
        centres = [p.get_y() + p.get_height() / 2 for p in patches]
        values = [p.get_width() for p in patches]
        where = yr.positions(centres, snap=True)
    else:
        centres = [p.get_x() + p.get_width() / 2 for p in patches]
        values = [p.get_height() for p in patches]
        where = xr.positions(centres, snap=True)
    datavalues = getattr(container, "datavalues", None)
    if datavalues is not None and len(datavalues) == len(values):
        # what was asked for, with its NaN (a NaN bar has a NaN height too)
        values = [_safe(lambda v=v: float(v), _NAN) for v in np.asarray(datavalues, float)]
    label = _own_label(container)
    return SeriesModel(label, "barh" if horizontal else "bar", where, values)


def _pie(wedges: Sequence[Any]) -> SeriesModel:
    shares = [(w.theta2 - w.theta1) / 360.0 for w in wedges]
    labels = [_own_label(w) for w in wedges]
    if all(labels) and len(set(labels)) == len(labels):
        where: tuple[Any, ...] = tuple(labels)
    else:
        where = tuple(float(i) for i in range(len(wedges)))
    return SeriesModel("", "pie", where, shares)


def _line(line: Any, ax: Any, xr: _AxisReader, yr: _AxisReader) -> SeriesModel | None:
    x_data, y_data = _kind_of_transform(line.get_transform(), ax)
    xs = np.asarray(line.get_xdata(orig=False), dtype=float).ravel()
    ys = np.asarray(line.get_ydata(orig=False), dtype=float).ravel()
    if len(xs) != len(ys):
        return None
    if x_data and y_data:
        return SeriesModel(_own_label(line), "line", xr.positions(xs), ys, _style(line))
    if y_data:  # axhline: x in axes fractions
        return SeriesModel(_own_label(line), "reference", (_NAN,) * len(ys), ys)
    if x_data:  # axvline
        return SeriesModel(_own_label(line), "reference", xr.positions(xs), (_NAN,) * len(xs))
    return None


def _band(patch: Any, ax: Any, xr: _AxisReader, yr: _AxisReader) -> SeriesModel | None:
    from matplotlib.patches import Rectangle

    x_data, y_data = _kind_of_transform(patch.get_data_transform(), ax)
    if patch.get_gid() != EVENT_GID and x_data == y_data:
        return None  # a patch drawn by hand, or a decoration: not read
    if isinstance(patch, Rectangle):
        x0, y0 = patch.get_xy()
        xs, ys = (x0, x0 + patch.get_width()), (y0, y0 + patch.get_height())
    else:
        corners = np.asarray(patch.get_xy(), dtype=float)
        xs = (corners[:, 0].min(), corners[:, 0].max())
        ys = (corners[:, 1].min(), corners[:, 1].max())
    if not y_data:
        return SeriesModel(_own_label(patch), "band", xr.positions(xs), (_NAN, _NAN))
    if not x_data:
        return SeriesModel(_own_label(patch), "band", (_NAN, _NAN), ys)
    return SeriesModel(_own_label(patch), "band", xr.positions(xs), ys)


def _scatter(collection: Any, xr: _AxisReader, yr: _AxisReader) -> SeriesModel | None:
    offsets = np.asarray(collection.get_offsets(), dtype=float)
    if offsets.ndim != 2 or offsets.shape[1] != 2:
        return None
    return SeriesModel(_own_label(collection), "scatter", xr.positions(offsets[:, 0]),
                       offsets[:, 1])


def _areas(collection: Any, xr: _AxisReader) -> list[SeriesModel]:
    """``fill_between``: the data edge of each filled polygon.

    That is the edge that is not flat (``fill_between(x, y)`` fills down to 0), else
    the upper one (a stacked area, a band between two lines).
    """
    out = []
    for path in collection.get_paths():
        vertices = np.asarray(path.vertices, dtype=float)
        if path.codes is not None:
            vertices = vertices[np.asarray(path.codes) != path.CLOSEPOLY]
        n = (len(vertices) - 2) // 2
        if n < 1:
            continue
        first, second = vertices[1:n + 1], vertices[n + 2:2 * n + 2][::-1]
        # fill_between(x, y) has a flat second edge; pandas' areas put the data second
        flat = len(second) != n or np.ptp(second[:, 1]) == 0
        edge = first if flat or (np.ptp(first[:, 1]) and np.nansum(first[:, 1])
                                 >= np.nansum(second[:, 1])) else second
        out.append(SeriesModel(_own_label(collection), "area", xr.positions(edge[:, 0]),
                               edge[:, 1]))
    return out


def _legend_texts(ax: Any) -> tuple[str, ...]:
    legend = ax.get_legend()
    if legend is None:
        fig = ax.figure
        legends = getattr(fig, "legends", [])
        legend = legends[0] if len(legends) == 1 and len(fig.axes) == 1 else None
    if legend is None or not legend.get_visible():
        return ()
    return tuple(str(t.get_text()) for t in legend.get_texts())


def _legend_labels(series: list[SeriesModel], legend: tuple[str, ...]) -> list[SeriesModel]:
    """Series without a label take the legend's, in order, when the counts match.

    ``ax.legend(["Instagram", "TikTok"])`` names what it finds in an order that is not
    always the drawing order (its bar-chart pitfall); the author meant the series.
    """
    data = [i for i, s in enumerate(series) if s.is_data and s.kind != "pie"]
    if not legend or not data or any(series[i].label for i in data) or len(legend) != len(data):
        return series
    out = list(series)
    for i, label in zip(data, legend, strict=True):
        out[i] = dataclasses.replace(out[i], label=label)
    return out


# --------------------------------------------------------------------------------------------
# Units shown on an axis
# --------------------------------------------------------------------------------------------

_UNIT_WORDS = (
    ("percent", re.compile(r"%|\bper\s?cent|\bpercent|\bpourcentage|\bpct\b", re.IGNORECASE)),
    ("millions", re.compile(r"\((?:m|mn|mln|mio)\)|\bmillions?\b|\bmln\b|\bmilion[ei]\b",
                            re.IGNORECASE)),
    ("thousands", re.compile(r"\((?:k|000s?|'000|’000)\)|\bthousands?\b|['’]000|"
                             r"\bmigliaia\b|\bmilliers\b|\bin k\b", re.IGNORECASE)),
)
_SHOWN = re.compile(r"-?\d+(?:\.\d+)?")


#: A rate per thousand ("follows per thousand reached", "per 1,000", "per mille") is a unit
#: of the measure, not a scale of the axis: its values are not in thousands.
_PER_THOUSAND = re.compile(r"\bper\s+(?:thousand|1[,.\s]?000|mille)\b|\bogni\s+1[.,]?000\b|"
                           r"\bpour\s+mille\b|‰", re.IGNORECASE)


def _unit(axis: Any, values: Sequence[float]) -> str:
    """The unit the plotted values are in: from the axis label, checked on a tick label.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([1, 2], [3.1, 4.2]); _ = ax.set_ylabel("Follows per thousand reached")
    >>> _unit(ax.yaxis, [3.1, 4.2])
    ''
    >>> plt.close(fig)
    """
    label = _PER_THOUSAND.sub(" ", str(axis.get_label_text()))
    unit = next((name for name, pattern in _UNIT_WORDS if pattern.search(label)), "")
    shown = _shown_factor(axis, values)
    if shown is None:
        return unit
    factor, percent_sign = shown
    if unit == "percent" or (not unit and percent_sign):
        # 0.049 written "4.9 %" (PercentFormatter(xmax=1), "{x:.0%}"): fractions, no rescale
        return "" if factor == 100 else "percent"
    if unit and factor != 1:
        return ""  # the tick labels divide already ("1.2M" for 1,200,000): values in units
    return unit


def _shown_factor(axis: Any, values: Sequence[float]) -> tuple[float, bool] | None:
    """How the tick labels write a value: ×1, ×100 (per cent), ÷1,000 or ÷1,000,000.

    Returns the factor (shown ÷ value) and whether a % sign is added, or None when
    it cannot be told (no ticks, a formatter that fails outside a draw).
    """
    from matplotlib import ticker

    formatter = axis.get_major_formatter()
    if isinstance(formatter, ticker.ScalarFormatter | ticker.LogFormatter):
        return 1.0, False  # numbers as they are (a "1e6" offset is written beside them)
    locs = [float(v) for v in axis.get_majorticklocs() if math.isfinite(v) and v != 0]
    finite = [abs(float(v)) for v in values if math.isfinite(v) and v != 0]
    probe = max(locs, key=abs) if locs else (max(finite) if finite else None)
    if probe is None:
        return None
    try:
        text = str(formatter(probe, 0))
    except Exception:  # a formatter that cannot format outside a draw
        return None
    text = text.replace("\u2212", "-")
    found = _SHOWN.search(text.replace(",", "").replace("\u202f", "").replace("\u00a0", ""))
    if not found or float(found.group()) == 0:
        return None
    ratio = abs(float(found.group()) / probe)
    nearest = min((1.0, 100.0, 1e-3, 1e-6), key=lambda c: abs(math.log10(ratio / c)))
    if abs(math.log10(ratio / nearest)) > math.log10(2):
        return None
    return nearest, "%" in text


__all__ = [
    "AXIS_TYPES",
    "KINDS",
    "MODEL_ATTRIBUTE",
    "NOT_DATA",
    "UNIT_SCALES",
    "FigureModel",
    "PanelModel",
    "SeriesModel",
    "read_figure",
]
