"""Alt text for charts: store it on the Figure, read it back, and carry it into saved files.

A chart sent to a client, posted on social media or put in a report needs a text
alternative for people who use a screen reader: what is shown *and* the main
takeaway, with its numbers. Every smmlab chart helper writes one; for your own
charts, call :func:`set_alt_text`.

Matplotlib has no alt-text field, so the text is kept in an attribute of the
Figure (``smmlab_alt_text``). The figure's ``gid`` is not used: it becomes an
XML ``id`` in SVG files, which cannot hold a sentence. :func:`save_figure`
writes the text into the file's metadata instead (``Description`` in PNG and
SVG, ``Subject`` in PDF), and you can paste :func:`alt_text` into the "alt
text" box of a slide or a social network.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.plot([1, 2, 3], [4, 9, 2])
>>> set_alt_text(fig, "Line chart of reach by week; it peaks at 9 in week 2.")
>>> alt_text(fig)
'Line chart of reach by week; it peaks at 9 in week 2.'
>>> plt.close(fig)
"""

from __future__ import annotations

import os
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from smmlab.viz._messages import MESSAGES

#: Name of the Figure attribute holding the alt text.
ATTRIBUTE = "smmlab_alt_text"

#: The metadata key that carries a description, by file format (see ``Figure.savefig``).
_METADATA_KEYS = {"png": "Description", "svg": "Description", "pdf": "Subject"}


def _check_figure(fig: object, param: str = "fig") -> Figure:
    if not isinstance(fig, Figure):
        raise ValueError(MESSAGES.text("alt.not_figure", param=param, value=fig))
    return fig


def set_alt_text(fig: Figure, text: str) -> None:
    """Store ``text`` as the alt text of ``fig``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The chart.
    text : str
        What the chart shows and its main takeaway, with numbers, in one or
        two sentences.

    Raises
    ------
    ValueError
        If ``fig`` is not a Figure or ``text`` is empty.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> set_alt_text(fig, "  Bar chart of posts by platform; Instagram leads with 40.  ")
    >>> alt_text(fig)
    'Bar chart of posts by platform; Instagram leads with 40.'
    >>> plt.close(fig)
    """
    _check_figure(fig)
    if not isinstance(text, str) or not text.strip():
        raise ValueError(MESSAGES.text("alt.empty_text", value=text))
    setattr(fig, ATTRIBUTE, " ".join(text.split()))


def alt_text(fig: Figure) -> str:
    """Return the alt text stored on ``fig``.

    Raises
    ------
    ValueError
        If the figure has none; the message shows how to add one and drafts a
        start from the chart's title and axis labels (:func:`describe_axes`).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("Reach")
    >>> try:
    ...     alt_text(fig)
    ... except ValueError as err:
    ...     print(str(err)[:35])
    This figure has no alt text yet. De
    >>> plt.close(fig)
    """
    _check_figure(fig)
    text = getattr(fig, ATTRIBUTE, None)
    if not text:
        hint = " ".join(describe_axes(ax) for ax in fig.axes if ax.get_label() != "<colorbar>")
        raise ValueError(MESSAGES.text("alt.no_text", hint=hint or describe_axes(None)))
    return text


def _series_names(ax: Axes) -> list[str]:
    artists = [*ax.lines, *ax.collections, *ax.containers]
    names = [a.get_label() for a in artists]
    named = [str(n) for n in names if n and not str(n).startswith("_")]
    if named:
        return named
    return [str(i + 1) for i in range(len(ax.lines) + len(ax.containers) + len(ax.images))]


def describe_axes(ax: Axes | None) -> str:
    """Describe a chart from its labels: title, axis labels and number of series.

    A fallback, not a real alt text: it cannot know the takeaway. Series are the
    lines, scatters and bar groups; named ones (``label=``) are listed by name.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 1], [2, 3], label="Instagram")
    >>> _ = ax.plot([0, 1], [1, 2], label="TikTok")
    >>> _ = ax.set(title="Reach", xlabel="Week", ylabel="Accounts")
    >>> describe_axes(ax)
    "Chart titled 'Reach', x axis 'Week', y axis 'Accounts'; 2 series: Instagram, TikTok."
    >>> plt.close(fig)
    """
    if ax is None:
        untitled, blank = MESSAGES.text("alt.untitled"), MESSAGES.text("alt.unlabelled")
        return MESSAGES.text("alt.describe", title=untitled, xlabel=blank, ylabel=blank) + "."
    blank = MESSAGES.text("alt.unlabelled")
    title = ax.get_title() or ax.get_title("left") or ax.get_title("right")
    fig = ax.get_figure()
    if not title and isinstance(fig, Figure):
        title = fig.get_suptitle()
    text = MESSAGES.text(
        "alt.describe",
        title=title or MESSAGES.text("alt.untitled"),
        xlabel=ax.get_xlabel() or blank,
        ylabel=ax.get_ylabel() or blank,
    )
    names = _series_names(ax)
    if names:
        sep = MESSAGES.text("list_sep")
        text += "; " + MESSAGES.text("alt.describe_series", n=len(names), names=sep.join(names))
    return text + "."


def save_figure(fig: Figure, path: str | os.PathLike[str], **kwargs: object) -> Path:
    """Save ``fig`` like ``fig.savefig``, writing its alt text into the file's metadata.

    The text goes into ``Description`` for PNG and SVG files and ``Subject`` for
    PDF; the title of the first chart becomes the file's ``Title``. Other
    formats are saved without them.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A chart with alt text (see :func:`set_alt_text`).
    path : path
        Where to save; the extension picks the format.
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.savefig`.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ValueError
        If the figure has no alt text.

    Examples
    --------
    >>> import tempfile
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> set_alt_text(fig, "An empty chart.")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     save_figure(fig, Path(tmp) / "chart.png").stat().st_size > 0
    True
    >>> plt.close(fig)
    """
    text = alt_text(fig)
    path = Path(path)
    key = _METADATA_KEYS.get(str(kwargs.get("format") or path.suffix.lstrip(".")).lower())
    if key is not None:
        title = next((ax.get_title() for ax in fig.axes if ax.get_title()), fig.get_suptitle())
        metadata = {key: text, **({"Title": title} if title else {})}
        metadata.update(kwargs.pop("metadata", None) or {})  # type: ignore[arg-type]
        kwargs["metadata"] = metadata
    fig.savefig(path, **kwargs)  # type: ignore[arg-type]
    return path


__all__ = ["alt_text", "describe_axes", "save_figure", "set_alt_text"]
