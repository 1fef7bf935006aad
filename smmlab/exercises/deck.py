"""A small slide deck for lesson 11: slides as plain data, checked, exported through smmlab.report.

A slide is a dict: ``{"title": ..., "chart": Figure, "alt": ..., "notes": ...}``, and for a
talk also its ``"part"`` of the storyline (situation, complication, recommendation) and its
``"minutes"`` (the time budget of the slide); ``notes`` may be a list of talking points.
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
  proposes is a decision, not a finding, and is not looked up (:func:`proposed`);
- asked for by keyword: titles that agree with the data (``truth``), a change of a share or
  rate said in points, not in % (``points``), a recommendation that asks for a decision and
  names its cost and an owner (``recommendation``), and a talk (``talk``): a storyline in
  order (situation, complication, recommendation), a time budget on every slide that adds up
  to at most :data:`TALK_MINUTES`, and at least :data:`MIN_POINTS` talking points a slide.

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
OUTLINE_COLUMNS = ("slide", "part", "title", "minutes", "charts", "alt", "notes")
#: The storyline of a talk, in order: where we are, what went wrong (or changed), what we ask.
PARTS = ("situation", "complication", "recommendation")
#: Other names of the parts (Italian, French).
PART_NAMES = {"situation": ("situation", "situazione", "contesto", "context"),
              "complication": ("complication", "complicazione", "problema", "problème",
                               "problem"),
              "recommendation": ("recommendation", "raccomandazione", "proposta",
                                 "recommandation", "proposition")}
#: Minutes of talking in a ten-minute slot (the other three are for questions).
TALK_MINUTES = 7.0
#: Fewest talking points in a slide's notes.
MIN_POINTS = 2
#: Words that name who owns a recommendation (English, Italian, French).
OWNER_WORDS = ("owner", "owned by", "led by", "in charge", "responsible", "responsabile",
               "responsable", "pilote", "referente")

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


def _untraced(text: str, numbers: Any, *, costs: bool = False) -> list[str]:
    """The numbers of ``text`` not in ``numbers``, except the amounts a recommendation proposes
    (and, with ``costs=True``, any amount of money: the notes of a recommendation slide)."""
    exempt = set(proposed(text))
    if costs:
        exempt |= {q.written for q in claims.quantities(text) if q.currency}
    return [w for w in untraced_numbers(text, numbers) if w not in exempt]


def talking_points(notes: Any) -> list[str]:
    r"""The talking points of a slide's notes: the items of a list, or the lines that start with
    ``-``, ``*`` or ``•`` (a paragraph is one point).

    Examples
    --------
    >>> talking_points(["Reach rose 78%", "Because of the summer reels"])
    ['Reach rose 78%', 'Because of the summer reels']
    >>> talking_points("- Reach rose 78%\n- Because of the summer reels")
    ['Reach rose 78%', 'Because of the summer reels']
    >>> len(talking_points("Reach rose 78% because of the summer reels."))
    1
    """
    if isinstance(notes, list | tuple):
        return [str(n).strip() for n in notes if str(n).strip()]
    text = str(notes or "").strip()
    if not text:
        return []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    bullets = [line.lstrip("-*• ").strip() for line in lines if line[:1] in "-*•"]
    return bullets if bullets else [text]


def notes_text(notes: Any) -> str:
    r"""Notes as one text: a list of talking points becomes lines starting with ``- ``.

    Examples
    --------
    >>> notes_text(["one", "two"])
    '- one\n- two'
    """
    if isinstance(notes, list | tuple):
        return "\n".join(f"- {str(n).strip()}" for n in notes if str(n).strip())
    return str(notes or "")


def part_name(word: Any) -> str | None:
    """The storyline part a word names (:data:`PARTS`), in English, Italian or French.

    Examples
    --------
    >>> part_name("Complication"), part_name("situazione"), part_name("summary")
    ('complication', 'situation', None)
    """
    folded = str(word or "").strip().casefold()
    return next((p for p, names in PART_NAMES.items() if folded in names), None)


def names_owner(text: str) -> bool:
    """True if ``text`` says who owns the decision ("Owner: Giulia, social media manager").

    Examples
    --------
    >>> names_owner("- Owner: me, with the ads agency"), names_owner("We should post more")
    (True, False)
    """
    folded = " ".join(str(text).casefold().replace(":", " ").split())
    return any(w in folded for w in OWNER_WORDS)


def names_cost(text: str) -> bool:
    """True if ``text`` gives an amount of money (the cost of what it asks for).

    Examples
    --------
    >>> names_cost("Cost: 1,500 euros over three months"), names_cost("It moved 78%")
    (True, False)
    """
    return any(q.currency for q in claims.quantities(str(text)))


def _minutes(value: Any) -> float | None:
    try:
        minutes = float(value)
    except (TypeError, ValueError):
        return None
    return minutes if minutes == minutes and minutes > 0 else None


def _percent_for_points(text: str, points: Mapping[str, float]) -> str | None:
    """The first change of a share or rate of ``points`` that ``text`` says in %, or None."""
    said = {claims.canonical_kpi(k) or k: (k, v) for k, v in points.items()}
    for claim in claims.read_claims(text):
        q = claim.quantity
        if claim.kpi in said and q is not None and not claim.level and q.unit == "%":
            name, value = said[claim.kpi]
            return f"{name}: {q.written} ({abs(value) * 100:.1f} points)"
    return None


def _talk_problems(outline: pd.DataFrame) -> list[tuple[str, str]]:
    """The storyline, the time budget and the talking points of a talk."""
    found: list[tuple[str, str]] = []
    parts = [part_name(p) for p in outline.get("part", pd.Series([None] * len(outline)))]
    order = [PARTS.index(p) for p in parts if p is not None]
    missing = [p for p in PARTS if p not in parts]
    if missing or any(parts_ is None for parts_ in parts) or order != sorted(order):
        found.append(("storyline", ", ".join(missing) if missing else ""))
    minutes = [_minutes(m) for m in outline.get("minutes", pd.Series([None] * len(outline)))]
    unbudgeted = [str(i) for i, m in enumerate(minutes, start=1) if m is None]
    if unbudgeted:
        found.append(("no_timing", ", ".join(unbudgeted)))
    elif sum(m for m in minutes if m) > TALK_MINUTES + 1e-9:
        found.append(("over_time", f"{sum(m for m in minutes if m):g}"))
    thin = [str(int(row["slide"])) for _, row in outline.iterrows()
            if len(talking_points(row.get("notes", ""))) < MIN_POINTS]
    if thin:
        found.append(("thin_notes", ", ".join(thin)))
    return found


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
                  points: Mapping[str, float] | None = None,
                  recommendation: bool = False, talk: bool = False) -> list[tuple[str, str]]:
    r"""What a reviewer would object to, as (rule, detail) pairs; empty when the deck is ready.

    Rules asked for by keyword (their messages belong to the lesson that asks):

    - ``truth`` (KPI -> relative change): ``("wrong_claim", "slide: message")`` for a title
      that states a wrong direction, a wrong number or a number given to the wrong KPI
      (:func:`smmlab.report.claims.check_claim`);
    - ``points`` (share or rate -> change in points, as a fraction: 0.099 = 9.9 points): these
      KPIs are checked against their change in points, and ``("percent_for_points", ...)``
      when a title says their change in % ("negative share rose 59%" is the relative change
      of a share: say "rose 9.9 points");
    - ``recommendation=True``: ``("no_recommendation", "")`` if no title asks for an action;
      ``("no_cost", slide)`` and ``("no_owner", slide)`` if the recommendation slide (its
      title and notes) names no amount of money or nobody who owns it;
    - ``talk=True``: ``("storyline", missing)`` unless the slides' ``part`` runs situation ->
      complication -> recommendation, ``("no_timing", slides)`` for slides without
      ``minutes``, ``("over_time", total)`` above :data:`TALK_MINUTES`, and
      ``("thin_notes", slides)`` for notes with fewer than :data:`MIN_POINTS` talking points.

    In a title or notes that ask for an action, the amounts proposed (:func:`proposed`) are
    not looked up in ``numbers``, nor the amounts of money in a recommendation slide's notes
    (its cost is a decision, not a finding).

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
    [('no_owner', '1')]
    >>> rows[0]["notes"] = "- Owner: our social media manager\n- Cost: 1,500 euros"
    >>> deck_problems(pd.DataFrame(rows), [0.775], truth={"reach": 0.775}, recommendation=True)
    []
    >>> rows[1]["title"] = "Negative share rose 59% in the second half"
    >>> deck_problems(pd.DataFrame(rows), [0.775, 0.59], points={"negative share": 0.099})
    [('percent_for_points', '2: negative share: 59% (9.9 points)')]
    """
    found: list[tuple[str, str]] = []
    points = dict(points) if points is not None else {}  # a dict or a Series
    said_as: dict[str, bool] = dict.fromkeys(points, False)
    every_truth = ({**(dict(truth) if truth is not None else {}), **points}
                   if (truth is not None or points) else None)
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
        title, notes = str(row["title"]), notes_text(row.get("notes", ""))
        if not is_conclusion(title):
            found.append(("topic_titles", f"{slide}: {title}"))
        in_percent = _percent_for_points(title, points) if points else None
        if in_percent:
            found.append(("percent_for_points", f"{slide}: {in_percent}"))
        wrong = (claims.check_claim(title, every_truth, relative=said_as)
                 if every_truth is not None and not in_percent else None)
        if wrong:
            found.append(("wrong_claim", f"{slide}: {wrong}"))
        asks = claims.is_recommendation(title)
        missing = _untraced(title, numbers) + _untraced(notes, numbers, costs=asks)
        if missing:
            found.append(("untraced_number", f"{slide}: {', '.join(missing)}"))
    asking = [(int(row["slide"]), f"{row['title']}\n{notes_text(row.get('notes', ''))}")
              for _, row in outline.iterrows() if claims.is_recommendation(str(row["title"]))]
    if recommendation and not asking:
        found.append(("no_recommendation", ""))
    elif recommendation:
        slide, said = asking[-1]
        if not names_cost(said):
            found.append(("no_cost", str(slide)))
        if not names_owner(said):
            found.append(("no_owner", str(slide)))
    if talk:
        found += _talk_problems(outline)
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
        rows = [{"slide": i, "part": str(s.get("part", "") or ""),
                 "title": str(s.get("title", "")), "minutes": _minutes(s.get("minutes")),
                 "charts": _charts(s.get("chart")), "alt": _alt(s),
                 "notes": notes_text(s.get("notes", ""))}
                for i, s in enumerate(self.slides, start=1)]
        return pd.DataFrame(rows, columns=list(OUTLINE_COLUMNS))

    def problems(self, numbers: Any, *, truth: Mapping[str, float] | None = None,
                 points: Mapping[str, float] | None = None, recommendation: bool = False,
                 talk: bool = False) -> list[tuple[str, str]]:
        """What a reviewer would object to; see :func:`deck_problems`."""
        return deck_problems(self.outline(), numbers, truth=truth, points=points,
                             recommendation=recommendation, talk=talk)

    def minutes(self) -> float:
        """The talk's time budget: the slides' ``minutes`` added up (0 where none is given).

        Examples
        --------
        >>> Deck([{"title": "a", "minutes": 1.5}, {"title": "b", "minutes": 2}]).minutes()
        3.5
        """
        return float(sum(_minutes(s.get("minutes")) or 0.0 for s in self.slides))

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
            notes = self._notes_html(slide)
            if notes:
                cells.append(nbformat.v4.new_markdown_cell(
                    notes, metadata={"slideshow": {"slide_type": "notes"}}))
        nb = nbformat.v4.new_notebook(cells=cells)
        body = reveal_slides(nb, self.title)  # reveal.js inlined: opens offline
        return write_atomic(path, body, overwrite=overwrite)

    @staticmethod
    def _notes_html(slide: Mapping[str, Any]) -> str:
        """The speaker notes: the slide's time budget, then its talking points as a list."""
        points = talking_points(slide.get("notes", ""))
        minutes = _minutes(slide.get("minutes"))
        head = f"<p><strong>{minutes:g} min</strong></p>" if minutes else ""
        if not points:
            return head
        items = "".join(f"<li>{html.escape(p)}</li>" for p in points)
        return f"{head}<ul>{items}</ul>"

    def to_html(self, path: str | Path, *, overwrite: bool = True) -> Path:
        """Write one self-contained HTML page: each slide, then its notes."""
        from smmlab.report.export import _CSS

        sections = "".join(
            f"<section>{self._slide_html(s)}{self._notes_html(s)}</section>"
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
