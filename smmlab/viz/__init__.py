"""Charts for clients: one colour-blind-safe style, chart helpers with alt text.

Every helper returns a matplotlib :class:`~matplotlib.figure.Figure` with a
title, axis labels with units, a legend where there are several series, and an
alt text stating what is shown and the main takeaway in numbers.

- :mod:`smmlab.viz.style`: the course style (Okabe–Ito colours, a fixed colour,
  marker and line style per platform, readable sizes). :func:`use` applies it
  to every chart, :func:`style` inside a ``with`` block only.
- :mod:`smmlab.viz.alt`: :func:`set_alt_text`, :func:`alt_text`,
  :func:`describe_axes` and :func:`save_figure` (saves with the alt text in
  the file's metadata).
- :mod:`smmlab.viz.charts`: :func:`timeseries_with_events`,
  :func:`small_multiples`, :func:`weekday_hour_heatmap`, :func:`funnel`,
  :func:`spend_return_curve` and :func:`kpi_vs_target`.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from smmlab import viz
>>> fig = viz.funnel({"Impressions": 50_000, "Clicks": 400, "Conversions": 12})
>>> print(viz.alt_text(fig)[:60])
Funnel bar chart of 3 stages: 50,000 impressions → 400 click
>>> plt.close(fig)
"""

from __future__ import annotations

from smmlab.viz.alt import alt_text, describe_axes, save_figure, set_alt_text
from smmlab.viz.charts import (
    funnel,
    kpi_vs_target,
    small_multiples,
    spend_return_curve,
    timeseries_with_events,
    weekday_hour_heatmap,
)
from smmlab.viz.style import (
    PALETTE,
    PLATFORM_COLORS,
    PLATFORM_LINESTYLES,
    PLATFORM_MARKERS,
    SEMANTIC_COLORS,
    platform_style,
    style,
    use,
)

__all__ = [
    "PALETTE",
    "PLATFORM_COLORS",
    "PLATFORM_LINESTYLES",
    "PLATFORM_MARKERS",
    "SEMANTIC_COLORS",
    "alt_text",
    "describe_axes",
    "funnel",
    "kpi_vs_target",
    "platform_style",
    "save_figure",
    "set_alt_text",
    "small_multiples",
    "spend_return_curve",
    "style",
    "timeseries_with_events",
    "use",
    "weekday_hour_heatmap",
]
