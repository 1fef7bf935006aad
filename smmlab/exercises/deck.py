"""A small slide deck for lesson 11: slides as plain data, checked, exported through smmlab.report.

A slide is a dict: ``{"title": ..., "chart": Figure, "alt": ..., "notes": ...}``.
:class:`Deck` holds the slides, describes them as a plain table (:meth:`Deck.outline`,
what the grader sees), lists what a reviewer would object to (:func:`deck_problems`)
and writes reveal.js slides or one HTML page (:meth:`Deck.export`), with the charts
embedded by :func:`smmlab.report.export.figure_html` and the files written atomically
by :func:`smmlab._files.write_atomic`.

The rules (the lesson explains them):

- 5 or 6 slides (:data:`MIN_SLIDES`, :data:`MAX_SLIDES`);
- a conclusion-style title on each: a verb from :data:`VERBS` and a number;
- exactly one chart on each, with alt text;
- every number in a title or in the notes is one the analysis computed (the
  ``numbers`` table), as it is or as a percentage, rounded as written; in a
  recommendation ("We should move 500 euros a month to Instagram") the amount it
  proposes is a decision, not a finding, and is not looked up (:func:`proposed`).

Examples
--------
>>> numbers = pd.DataFrame({"name": ["reach change"], "value": [0.775]})
>>> traced("Reach rose 78% in the second half", numbers)
True
>>> untraced_numbers("Reach rose 80% in 2025", numbers)
['80%']
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from smmlab._files import write_atomic
from smmlab.report import claims

#: Fewest and most slides for ten minutes in front of the executives.
MIN_SLIDES = 5
MAX_SLIDES = 6
#: Verbs that make a title a conclusion (with a number).
VERBS = ("rose", "grew", "climbed", "gained", "increased", "doubled", "fell", "dropped",
         "slipped", "lost", "decreased", "halved", "stayed", "held", "cost", "brought",
         "reached", "moved", "should", "recommend")
#: Columns of an outline (the plain-data form of a deck).
OUTLINE_COLUMNS = ("slide", "title", "charts", "alt", "notes")

def is_conclusion(title: str) -> bool:
    """True if ``title`` states a finding: a verb (:data:`VERBS`, or a direction or recommendation
    word in English, Italian or French) and a number (``H2``, ``Q4`` and years are not numbers).

    Examples
    --------
    >>> is_conclusion("Reach"), is_conclusion("Reach rose 78% in the second half")
    (False, True)
    >>> is_conclusion("Reach in 2025"), is_conclusion("Reach rose a lot")
    (False, False)
    >>> is_conclusion("Reach rose in H2"), is_conclusion("La copertura è salita del 78%")
    (False, True)
    """
    title = str(title)
    words = title.lower().replace(",", " ").replace(".", " ").replace(":", " ").split()
    verb = (any(w in VERBS for w in words) or claims.direction(title) is not None
            or claims.is_recommendation(title))
    return verb and claims.has_number(title)


def numbers_in(text: str) -> list[tuple[str, float, float]]:
    """The numbers written in ``text``: (as written, value, rounding half-step).

    Read by :func:`smmlab.report.claims.quantities`: years, ``H2``, ``Q4``, dates and ranks
    are skipped; ``4,9 %``, ``1.234`` and ``3,8 milioni`` are understood.

    Examples
    --------
    >>> [n[:2] for n in numbers_in("Reach rose 78% to 3.8 million in 2025, H2")]
    [('78%', 78.0), ('3.8 million', 3800000.0)]
    """
    return [(q.written, q.value, q.step) for q in claims.quantities(text)]


def untraced_numbers(text: str, numbers: Any) -> list[str]:
    """The numbers in ``text`` that no value of ``numbers`` (or 100 x a value) rounds to.

    ``numbers`` is a list of values or the analysis table (its ``value`` column); see
    :func:`smmlab.report.claims.untraced`.

    Examples
    --------
    >>> untraced_numbers("CPA rose 4.9% to 13.62 euros", [0.0486, 13.6217])
    []
    >>> untraced_numbers("Il CPA è salito del 4,9 % nel T3", [0.0486])
    []
    """
    return claims.untraced(text, numbers)


def traced(text: str, numbers: Any) -> bool:
    """True if every number in ``text`` comes from ``numbers``.

    Examples
    --------
    >>> traced("Reach rose 78% in H2 2025", [0.775]), traced("Reach rose 80%", [0.775])
    (True, False)
    """
    return claims.traced(text, numbers)


def proposed(text: str) -> list[str]:
    """The amounts a recommendation proposes: numbers of a sentence that asks for an action
    (:func:`smmlab.report.claims.is_recommendation`) and that no KPI claims.

    Examples
    --------
    >>> proposed("We should move 500 euros a month to Instagram")
    ['500 euros']
    >>> proposed("We should act on reach first: it moved 78%"), proposed("Reach rose 78%")
    ([], [])
    """
    text = str(text)
    if not claims.is_recommendation(text):
        return []
    return [c.quantity.written for c in claims.read_claims(text)
            if c.kpi is None and c.quantity is not None]


def _untraced(text: str, numbers: Any) -> list[str]:
    """The numbers of ``text`` not in ``numbers``, except the amounts a recommendation proposes."""
    exempt = proposed(text)
    return [w for w in untraced_numbers(text, numbers) if w not in exempt]


def _charts(chart: Any) -> int:
    """How many charts a slide shows: 0, 1, or more (two figures, or one with two plots)."""
    if chart is None:
        return 0
    if isinstance(chart, list | tuple):
        return sum(_charts(c) for c in chart)
    axes = [ax for ax in getattr(chart, "axes", []) if ax.patches or ax.lines or ax.collections]
    return len(axes)


def _alt(slide: Mapping[str, Any]) -> str:
    """The slide's written alt text: its ``alt``, or the one set on its chart."""
    text = str(slide.get("alt") or "").strip()
    chart = slide.get("chart")
    if not text and chart is not None and not isinstance(chart, list | tuple):
        text = str(getattr(chart, "smmlab_alt_text", "") or "").strip()
    return text


def deck_problems(outline: pd.DataFrame, numbers: Any, *,
                  truth: Mapping[str, float] | None = None,
                  recommendation: bool = False) -> list[tuple[str, str]]:
    """What a reviewer would object to, as (rule, detail) pairs; empty when the deck is ready.

    Two rules are asked for by keyword (their messages belong to the lesson that asks):

    - ``truth`` (KPI -> relative change): ``("wrong_claim", "slide: message")`` for a title
      that states a wrong direction, a wrong number or a number given to the wrong KPI
      (:func:`smmlab.report.claims.check_claim`);
    - ``recommendation=True``: ``("no_recommendation", "")`` if no title asks for an action.

    In a title or notes that ask for an action, the amounts proposed (:func:`proposed`) are
    not looked up in ``numbers``.

    Examples
    --------
    >>> rows = [{"slide": i, "title": "Reach rose 78%", "charts": 1, "alt": "A line.",
    ...          "notes": ""} for i in range(1, 6)]
    >>> deck_problems(pd.DataFrame(rows), [0.775])
    []
    >>> deck_problems(pd.DataFrame(rows[:1] * 7), [0.775])[0][0]
    'too_many_slides'
    >>> rows[0]["title"] = "Reach fell 78%"
    >>> found = deck_problems(pd.DataFrame(rows), [0.775], truth={"reach": 0.775},
    ...                       recommendation=True)
    >>> found[0]
    ('wrong_claim', '1: Your title says reach fell; in the data it rose 78%.')
    >>> found[1]
    ('no_recommendation', '')
    >>> rows[0]["title"] = "We should move 500 euros a month to Instagram"
    >>> deck_problems(pd.DataFrame(rows), [0.775], truth={"reach": 0.775}, recommendation=True)
    []
    """
    found: list[tuple[str, str]] = []
    n = len(outline)
    if n > MAX_SLIDES:
        found.append(("too_many_slides", str(n)))
    elif n < MIN_SLIDES:
        found.append(("too_few_slides", str(n)))
    for _, row in outline.iterrows():
        slide = int(row["slide"])
        charts = int(row["charts"])
        if charts > 1:
            found.append(("two_charts", str(slide)))
        elif charts < 1:
            found.append(("no_chart", str(slide)))
        if not str(row["alt"] or "").strip():
            found.append(("no_alt", str(slide)))
        if not is_conclusion(str(row["title"])):
            found.append(("topic_titles", f"{slide}: {row['title']}"))
        wrong = claims.check_claim(str(row["title"]), truth) if truth is not None else None
        if wrong:
            found.append(("wrong_claim", f"{slide}: {wrong}"))
        missing = _untraced(str(row["title"]), numbers) + _untraced(str(row["notes"] or ""),
                                                                    numbers)
        if missing:
            found.append(("untraced_number", f"{slide}: {', '.join(missing)}"))
    if recommendation and not any(claims.is_recommendation(str(t)) for t in outline["title"]):
        found.append(("no_recommendation", ""))
    return found


class Deck:
    """Slides for the executives: a title, one chart, alt text and notes each.

    Parameters
    ----------
    slides : sequence of dict
        ``{"title": str, "chart": Figure, "alt": str, "notes": str}``; ``alt``
        defaults to the chart's alt text (``viz.set_alt_text``).
    title : str
        The deck's name (the HTML page's title).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.plot([1, 2])
    >>> deck = Deck([{"title": "Reach rose 78%", "chart": fig, "alt": "A line.", "notes": ""}])
    >>> deck.outline().to_dict("records")[0]["charts"]
    1
    >>> plt.close(fig)
    """

    def __init__(self, slides: Sequence[Mapping[str, Any]], title: str = "Capstone") -> None:
        self.slides = [dict(s) for s in slides]
        self.title = title

    def __len__(self) -> int:
        return len(self.slides)

    def outline(self) -> pd.DataFrame:
        """The deck as plain data, one row per slide (what the check and the grader read)."""
        rows = [{"slide": i, "title": str(s.get("title", "")), "charts": _charts(s.get("chart")),
                 "alt": _alt(s), "notes": str(s.get("notes", "") or "")}
                for i, s in enumerate(self.slides, start=1)]
        return pd.DataFrame(rows, columns=list(OUTLINE_COLUMNS))

    def problems(self, numbers: Any, *, truth: Mapping[str, float] | None = None,
                 recommendation: bool = False) -> list[tuple[str, str]]:
        """What a reviewer would object to; see :func:`deck_problems`."""
        return deck_problems(self.outline(), numbers, truth=truth,
                             recommendation=recommendation)

    def _figures(self, slide: Mapping[str, Any]) -> Iterable[Any]:
        chart = slide.get("chart")
        return [c for c in (chart if isinstance(chart, list | tuple) else [chart])
                if c is not None]

    def _slide_html(self, slide: Mapping[str, Any]) -> str:
        from smmlab.report.export import figure_html

        parts = [f"<h2>{html.escape(str(slide.get('title', '')))}</h2>"]
        for fig in self._figures(slide):
            if slide.get("alt"):
                from smmlab import viz

                viz.set_alt_text(fig, str(slide["alt"]))
            parts.append(figure_html(fig).replace(
                "max-width:100%;height:auto", "max-width:100%;max-height:62vh;height:auto"))
        return "".join(parts)

    def to_slides(self, path: str | Path, *, overwrite: bool = True) -> Path:
        """Write reveal.js slides (nbconvert), speaker notes included, that open offline."""
        import nbformat

        from smmlab.report._reveal import reveal_slides

        cells = []
        for slide in self.slides:
            cells.append(nbformat.v4.new_markdown_cell(
                self._slide_html(slide), metadata={"slideshow": {"slide_type": "slide"}}))
            if slide.get("notes"):
                cells.append(nbformat.v4.new_markdown_cell(
                    html.escape(str(slide["notes"])),
                    metadata={"slideshow": {"slide_type": "notes"}}))
        nb = nbformat.v4.new_notebook(cells=cells)
        body = reveal_slides(nb, self.title)  # reveal.js inlined: opens offline
        return write_atomic(path, body, overwrite=overwrite)

    def to_html(self, path: str | Path, *, overwrite: bool = True) -> Path:
        """Write one self-contained HTML page: each slide, then its notes."""
        from smmlab.report.export import _CSS

        sections = "".join(
            f"<section>{self._slide_html(s)}"
            f"<p>{html.escape(str(s.get('notes', '') or ''))}</p></section>"
            for s in self.slides)
        page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                f"<title>{html.escape(self.title)}</title><style>{_CSS}</style></head>"
                f"<body><h1>{html.escape(self.title)}</h1>{sections}</body></html>")
        return write_atomic(path, page, overwrite=overwrite)

    def export(self, path: str | Path, *, overwrite: bool = True) -> Path:
        """``.slides.html`` writes reveal.js slides, any other ``.html`` one page."""
        path = Path(path)
        if path.name.endswith(".slides.html"):
            return self.to_slides(path, overwrite=overwrite)
        if path.suffix == ".html":
            return self.to_html(path, overwrite=overwrite)
        raise ValueError(f"Deck.export writes .slides.html or .html files, not {path.name!r}.")
