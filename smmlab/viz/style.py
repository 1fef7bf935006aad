"""The one plot style of the course: colour-blind-safe colours, readable sizes, quiet axes.

Colours come from the Okabe–Ito palette: Masataka Okabe and Kei Ito, *Color
Universal Design (CUD): how to make figures and presentations that are friendly
to colorblind people* (2002/2008, https://jfly.uni-koeln.de/color/), popularised
by Bezalel Wong, "Points of view: Color blindness", *Nature Methods* 8, 441
(2011). Its eight colours stay distinct for people with the common forms of
colour blindness; the grey is the ninth colour R ships with it
(``palette.colors(palette = "Okabe-Ito")``). Yellow is kept out of the platform
colours because it is too light on white.

Each platform has a fixed colour, marker and line style, so a chart never relies
on colour alone, and so Instagram looks the same in every lesson. Semantic
colours say good/bad/neutral/highlight/target, always beside a word or a symbol.

Sizes are chosen to be read on a projected slide: 11 pt text, 8 x 4.5 in
figures (16:9) at 110 dpi, a light grid and no top or right frame.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> with style():
...     plt.rcParams["axes.spines.top"]
False
>>> PLATFORM_COLORS["Instagram"]
'#CC79A7'
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
from matplotlib import cycler

from smmlab.synth.brand import PLATFORMS

#: The Okabe–Ito palette (plus R's grey), by colour name.
PALETTE: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}

#: Colours with a meaning. Always pair them with a word or symbol (✓, ✗, a label).
SEMANTIC_COLORS: dict[str, str] = {
    "primary": PALETTE["blue"],  # one series, no special meaning
    "good": PALETTE["bluish_green"],
    "bad": PALETTE["vermillion"],
    "neutral": PALETTE["grey"],
    "highlight": PALETTE["orange"],
    "target": PALETTE["black"],
}

#: One colour per platform, close to the brand's own where the palette allows.
PLATFORM_COLORS: dict[str, str] = dict(
    zip(
        PLATFORMS,
        (
            PALETTE["reddish_purple"],  # Instagram
            PALETTE["blue"],  # Facebook
            PALETTE["bluish_green"],  # TikTok
            PALETTE["sky_blue"],  # LinkedIn
            PALETTE["black"],  # X
            PALETTE["vermillion"],  # YouTube
        ),
        strict=True,
    )
)

#: One marker per platform (matplotlib marker codes).
PLATFORM_MARKERS: dict[str, str] = dict(zip(PLATFORMS, ("o", "s", "^", "D", "X", "v"), strict=True))

#: One line style per platform (matplotlib dash patterns).
PLATFORM_LINESTYLES: dict[str, str | tuple[float, tuple[float, ...]]] = dict(
    zip(
        PLATFORMS,
        ("-", "--", "-.", ":", (0, (6, 1.5)), (0, (3, 1, 1, 1, 1, 1))),
        strict=True,
    )
)

#: Colours, markers and line styles for groups that are not platforms, used in turn.
_EXTRA_COLORS = (PALETTE["orange"], PALETTE["grey"])
_FALLBACK_MARKERS = ("o", "s", "^", "D", "X", "v", "P", "*")
_FALLBACK_LINESTYLES = ("-", "--", "-.", ":")

#: The rcParams :func:`use` and :func:`style` apply.
RC_PARAMS: dict[str, object] = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 110,
    "savefig.dpi": 110,
    "savefig.bbox": "tight",
    "figure.constrained_layout.use": True,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlepad": 10,
    "axes.labelsize": 11,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "legend.title_fontsize": 11,
    "legend.frameon": False,
    "figure.titlesize": 14,
    "figure.titleweight": "bold",
    "figure.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.labelcolor": "#222222",
    "xtick.color": "#555555",
    "ytick.color": "#555555",
    "text.color": "#222222",
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#E3E3E3",
    "grid.linewidth": 0.8,
    "lines.linewidth": 1.8,
    "lines.markersize": 6,
    "image.cmap": "cividis",
    "hatch.color": "#666666",
    "pdf.fonttype": 42,  # real text in PDFs, editable and searchable
    "axes.prop_cycle": cycler(
        color=list(PLATFORM_COLORS.values()) + [PALETTE["orange"]],
        linestyle=list(PLATFORM_LINESTYLES.values()) + ["-"],
    ),
}


def use() -> None:
    """Apply the course style to every chart drawn from now on (changes ``rcParams``).

    Examples
    --------
    >>> import matplotlib as mpl
    >>> saved = mpl.rcParams.copy()
    >>> use()
    >>> mpl.rcParams["font.size"]
    11.0
    >>> mpl.rcParams.update(saved)
    """
    mpl.rcParams.update(RC_PARAMS)


@contextmanager
def style() -> Iterator[None]:
    """Apply the course style inside a ``with`` block only; the old settings come back after.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> before = mpl.rcParams["figure.figsize"]
    >>> with style():
    ...     mpl.rcParams["figure.figsize"]
    [8.0, 4.5]
    >>> mpl.rcParams["figure.figsize"] == before
    True
    """
    # Jupyter's inline backend switches interactive mode on when the first chart is drawn.
    # If that happens inside this block, rc_context would switch it back off on exit and
    # later charts would never be shown: keep whatever interactive mode the block ended in.
    with mpl.rc_context(RC_PARAMS):
        yield
        interactive = mpl.is_interactive()
    mpl.interactive(interactive)


def platform_style(name: str, index: int = 0) -> dict[str, object]:
    """Return ``color``, ``marker`` and ``linestyle`` for a platform (or any other group).

    Parameters
    ----------
    name : str
        A platform name; other names get the colours and markers left over, by ``index``.
    index : int, default=0
        Position of the group among the groups of the chart.

    Returns
    -------
    dict
        Keyword arguments for ``ax.plot``.

    Examples
    --------
    >>> platform_style("TikTok")
    {'color': '#009E73', 'marker': '^', 'linestyle': '-.'}
    """
    if name in PLATFORM_COLORS:
        return {
            "color": PLATFORM_COLORS[name],
            "marker": PLATFORM_MARKERS[name],
            "linestyle": PLATFORM_LINESTYLES[name],
        }
    colors = list(PLATFORM_COLORS.values()) + list(_EXTRA_COLORS)
    return {
        "color": colors[index % len(colors)],
        "marker": _FALLBACK_MARKERS[index % len(_FALLBACK_MARKERS)],
        "linestyle": _FALLBACK_LINESTYLES[index % len(_FALLBACK_LINESTYLES)],
    }


__all__ = [
    "PALETTE",
    "PLATFORM_COLORS",
    "PLATFORM_LINESTYLES",
    "PLATFORM_MARKERS",
    "RC_PARAMS",
    "SEMANTIC_COLORS",
    "platform_style",
    "style",
    "use",
]
