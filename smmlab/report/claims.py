"""Read the claims in a sentence: its numbers, the KPIs it names and the direction it states.

One reader for chart titles, alt text, findings and slide titles, in English, Italian and
French:

- :func:`quantities` finds the numbers as written (``"78%"``, ``"4,9 %"``, ``"1.234"``,
  ``"3.8 million"``, ``"+10 punti"``, ``"500 euros"``), each with the rounding its writing
  implies, and skips what is not a measurement: ``H2``, ``Q4``, ``T3``, ``GA4``, years,
  dates (``3 March``, ``03/10``), times (``18:00``), ordinals (``1st``, ``2º``, ``1er``),
  ranks (``Top 3``, ``#1``) and labels (``slide 2``, ``week 3``).
- :func:`direction` reads ``"up"``, ``"down"`` or ``"flat"`` from words such as
  *rose / salito / en hausse*, *fell / calato / en baisse*, *stable / invariato / inchangé*,
  or from a signed number (``+12%``, ``−3 pp``).
- :func:`read_claims` splits a sentence into clauses and gives each number and direction to
  the KPI its clause names (:data:`KPI_NAMES`).
- :func:`check_claim` compares those claims with the data and says the first problem in the
  learner's words: a wrong direction, a wrong number, or a number given to the wrong KPI.
- :func:`traced`, :func:`untraced` and :func:`mentions` ask whether the numbers written
  come from given values, at the precision written.

Limits (on purpose, and tested):

- Negation is read only when a negation word (*not, never, no, non, pas, ne, n'…*) stands up to
  three words before the direction word, or *pas* right after it: such a direction is
  unknown (``None``), not reversed. "did not rise" is not "fell".
- ``1,234`` and ``1.234`` (one separator, then exactly three digits) are read as thousands
  first; the decimal reading (1.234) is kept as an alternative, which :meth:`Quantity.matches`
  also accepts.
- A range ``10-12%`` gives ``10`` (no unit) and ``12%``. Round numbers are not widened:
  ``500`` means 499.5 to 500.5, unless a caller gives a tolerance.
- ``"engagement"`` alone is the KPI ``engagements``; write ``engagement rate`` for the rate,
  or extend the vocabulary (a plain dict) in a lesson.
- "Reach and impressions rose 78%" gives the number to impressions only (reach is named in
  its own clause, without a number or a direction).
- A word with a capital letter at the start of a sentence is read like any other word;
  pronouns ("it rose") are attached to the KPI of the previous clause.

Examples
--------
>>> [q.written for q in quantities("Reach rose 78% to 3.8 million in H2 2025")]
['78%', '3.8 million']
>>> direction("La copertura è salita del 78%"), direction("Portée en baisse")
('up', 'down')
>>> [(c.kpi, c.direction, c.quantity.written) for c in read_claims(
...     "Reach rose 12% and engagement rate fell 78%")]
[('reach', 'up', '12%'), ('engagement rate', 'down', '78%')]
>>> check_claim("Reach fell 78% in H2", {"reach": 0.775})
'Your title says reach fell; in the data it rose 78%.'
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from smmlab._messages import Catalog

__all__ = [
    "KPI_NAMES",
    "MESSAGES",
    "Claim",
    "Quantity",
    "canonical_kpi",
    "check_claim",
    "direction",
    "has_number",
    "is_recommendation",
    "mentions",
    "quantities",
    "read_claims",
    "traced",
    "untraced",
]

MESSAGES = Catalog(
    {
        "en": {
            "what.title": "title",
            "what.alt": "alt text",
            "what.finding": "finding",
            "what.slide": "slide",
            "what.sentence": "sentence",
            "verb.up": "rose",
            "verb.down": "fell",
            "verb.flat": "stayed flat",
            "wrong_direction": "Your {what} says {said}; in the data it {verb} {truth}.",
            "wrong_direction_flat": "Your {what} says {said}; in the data it {verb} "
                                    "(a change of {truth}).",
            "wrong_number": "Your {what} says {said}; the data says {truth}.",
            "wrong_kpi": "{written} is the change in {other}, but your {what} gives it to "
                         "{kpi} (which {verb} {truth}).",
            "points_for_relative": "Your {what} gives the change in {kpi} in percentage "
                                   "points ({written}); it is a relative change: {truth}.",
        },
    }
)

#: KPI names a sentence may use, by canonical name (English, Italian, French). A plain dict:
#: a lesson extends it with ``{**KPI_NAMES, "saves": ("saves", "salvataggi")}``.
KPI_NAMES: dict[str, tuple[str, ...]] = {
    "reach": ("reach", "copertura", "portata", "portée", "utenti raggiunti"),
    "impressions": ("impressions", "impression", "impressioni", "impressione"),
    "views": ("views", "video views", "visualizzazioni", "vues", "visualisations"),
    "engagement rate": ("engagement rate", "engagement rates", "ER", "tasso di engagement",
                        "tasso d'engagement", "tasso di coinvolgimento", "taux d'engagement",
                        "taux d'interaction"),
    "engagements": ("engagements", "engagement", "interactions", "interazioni",
                    "interazione"),
    "followers": ("followers", "follower", "new followers", "nuovi follower", "abbonati",
                  "abonnés", "abbonnés", "nouveaux abonnés"),
    "posts": ("posts", "post", "publications", "pubblicazioni"),
    "clicks": ("clicks", "click", "link clicks", "clic", "clics"),
    "CTR": ("CTR", "click-through rate", "click through rate", "tasso di clic",
            "taux de clic"),
    "CPM": ("CPM", "cost per mille", "cost per thousand", "costo per mille"),
    "CPC": ("CPC", "cost per click", "costo per clic", "costo per click", "coût par clic"),
    "CPA": ("CPA", "cost per acquisition", "cost per conversion", "costo per acquisizione",
            "costo per conversione", "coût par acquisition", "coût par conversion"),
    "ROAS": ("ROAS", "return on ad spend"),
    "ROI": ("ROI", "return on investment", "ritorno sull'investimento",
            "retour sur investissement"),
    "revenue": ("revenue", "revenues", "sales", "ricavi", "fatturato", "vendite",
                "chiffre d'affaires", "ventes", "revenus"),
    "spend": ("spend", "ad spend", "spending", "cost", "costs", "spesa", "spesa pubblicitaria",
              "costo", "costi", "dépenses", "dépense", "coût", "coûts"),
    "conversions": ("conversions", "conversion", "conversioni", "conversione", "purchases"),
    "mentions": ("mentions", "mention", "menzioni", "menzione"),
    "negative share": ("negative share", "share of negative mentions", "quota negativa",
                       "part négative"),
    "sentiment": ("sentiment", "net sentiment", "sentiment netto", "sentiment net"),
    "share of voice": ("share of voice", "SOV", "quota di voce", "part de voix"),
}

# --------------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------------

_WORD = re.compile(r"(?<!\d)[^\W\d_]+(?:-[^\W\d_]+)*")


def _fold(word: str) -> str:
    """Lower case without accents: ``"Portée"`` -> ``"portee"``."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list[tuple[str, str, int, int]]:
    """(folded, lower, start, end) of each word; apostrophes and digits separate words."""
    return [(_fold(m.group()), m.group().casefold(), m.start(), m.end())
            for m in _WORD.finditer(text)]


def _phrases(*items: str) -> list[tuple[str, ...]]:
    return [tuple(w for w, _l, _s, _e in _words(item)) for item in items]


def _it(*stems: str) -> list[str]:
    """Italian participles in four genders: ``"salit"`` -> salito, salita, saliti, salite."""
    return [stem + end for stem in stems for end in "oaie"]


def _fr(*stems: str) -> list[str]:
    """French participles (accents folded): ``"augment"`` -> augmente, augmentee, ..."""
    return [stem + end for stem in stems for end in ("e", "ee", "es", "ees")]


_UP = [
    "rose", "rise", "rises", "rising", "risen", "up", "increase", "increases", "increased",
    "increasing", "grew", "grow", "grows", "growing", "grown", "growth", "gain", "gains",
    "gained", "jump", "jumps", "jumped", "climb", "climbs", "climbed", "soar", "soars",
    "soared", "surge", "surged", "doubled", "tripled", "higher", "improve", "improves",
    "improved", "boosted", "rebounded", "spiked", "picked up",
    *_it("salit", "aumentat", "cresciut", "raddoppiat", "triplicat", "migliorat", "balzat",
         "guadagnat", "schizzat", "impennat"),
    "sale del", "sale di", "sale a", "sale al", "salgono", "aumenta", "aumentano", "aumento",
    "in aumento", "cresce", "crescono", "crescita", "in crescita", "rialzo", "in rialzo",
    "balzo", "impennata", "migliora",
    "en hausse", "hausse", "augmentation", "progression", "en progression", "croissance",
    "augmente", "augmentent", "progresse", "progressent", "croit", "bond", "bondi",
    *_fr("augment", "progress", "doubl", "tripl", "grimp", "amelior"),
]
_DOWN = [
    "fell", "fall", "falls", "falling", "fallen", "drop", "drops", "dropped", "decline",
    "declines", "declined", "decrease", "decreases", "decreased", "down", "lower", "shrank",
    "shrunk", "shrink", "shrinks", "lost", "lose", "loses", "halved", "slipped", "slid",
    "plunged", "plummeted", "sank", "dipped", "reduced", "cut", "worsened",
    *_it("calat", "sces", "diminuit", "dimezzat", "pers", "ridott", "crollat", "peggiorat",
         "scivolat"),
    "cala", "calano", "calo", "in calo", "scende", "scendono", "diminuisce", "diminuiscono",
    "diminuzione", "in diminuzione", "riduzione", "crollo", "flessione", "in flessione",
    "ribasso", "in ribasso",
    "en baisse", "baisse", "baissent", "diminution", "chute", "chutent", "recul", "recule",
    "reculent", "perdu", "perdue", "perdus", "effondre", "divise par deux",
    *_fr("baiss", "diminu", "chut", "recul", "degringol"),
    "reduit", "reduits", "reduite", "reduites",
]
_FLAT = [
    "stable", "stables", "flat", "unchanged", "held", "steady", "stayed flat", "held steady",
    "stabile", "stabili", *_it("invariat", "stazionari"), "fermo", "ferma", "fermi", "ferme",
    *_fr("inchang", "stabilis"), "sans changement",
]
#: Phrases that contain a direction word but state no direction ("set up", "up to").
_NEUTRAL = ["set up", "sign up", "signed up", "follow up", "followed up", "sum up", "wrap up",
            "show up", "showed up", "make up", "made up", "back up", "up to", "ups and downs",
            "break down", "broken down", "top down", "bottom up"]
#: Words that name a multiple as well as a direction.
_IMPLIED = {"doubled": 2.0, "tripled": 3.0, "halved": 0.5, "divise par deux": 0.5,
            **dict.fromkeys(_it("raddoppiat"), 2.0), **dict.fromkeys(_it("triplicat"), 3.0),
            **dict.fromkeys(_it("dimezzat"), 0.5), **dict.fromkeys(_fr("doubl"), 2.0),
            **dict.fromkeys(_fr("tripl"), 3.0)}
_DIRECTIONS: dict[tuple[str, ...], str | None] = {
    **{p: "up" for p in _phrases(*_UP)}, **{p: "down" for p in _phrases(*_DOWN)},
    **{p: "flat" for p in _phrases(*_FLAT)}, **{p: None for p in _phrases(*_NEUTRAL)},
}
_IMPLIED_PHRASES = {_phrases(k)[0]: v for k, v in _IMPLIED.items()}
_NEGATIONS = {"not", "never", "no", "non", "nor", "neither", "ne", "n", "pas", "didn", "doesn",
              "don", "isn", "wasn", "weren", "aren", "hasn", "haven", "hadn", "nessun",
              "nessuna", "jamais", "hardly", "barely"}
#: Words that split a sentence into clauses (folded, without accents, except "e": see below).
_CONJUNCTIONS = {"and", "while", "whilst", "whereas", "but", "though", "although", "however",
                 "mentre", "ma", "invece", "pero", "ed", "et", "mais", "tandis", "alors",
                 "cependant"}
#: Words before a number that make it a level ("to 3.8 million"), not a change.
_LEVEL_WORDS = {"to", "at", "from", "reached", "reaching", "hitting", "hit", "totalling",
                "totaling", "a", "al", "ai", "alla", "alle", "allo", "da", "dal", "fino",
                "raggiunto", "raggiungendo", "toccato", "jusqu", "atteint", "atteignant"}
#: First words of a clause that refer back to the previous clause's KPI ("it rose 78%").
_REFERRING = {"it", "its", "which", "that", "this", "they", "also", "now", "then", "reaching",
              "up", "down", "che", "cioe", "ovvero", "arrivando", "raggiungendo", "qui",
              "elle", "soit", "atteignant", "ce", "cela"}
#: Words before a number that make it a rank or a label, not a measurement.
_RANK_WORDS = {"top", "primi", "prime", "premiers", "premieres", "slide", "slides", "lesson",
               "lezione", "lecon", "step", "steps", "week", "settimana", "semaine", "page",
               "pagina", "chapter", "capitolo", "chapitre", "figure", "fig", "table", "tabella",
               "tableau", "day", "giorno", "jour", "q", "question", "domanda", "exercise",
               "esercizio", "exercice", "version", "versione", "v"}
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
    "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre", "gen", "giu", "lug",
    "ago", "set", "ott", "dic", "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "decembre", "janv", "fevr", "avr", "juil",
}
_RECOMMEND = _phrases(
    "should", "recommend", "recommends", "propose", "suggest", "advise", "let's", "let us",
    "must", "need to", "needs to", "dovremmo", "dobbiamo", "consiglio", "consigliamo",
    "raccomandiamo", "proponiamo", "suggeriamo", "bisogna", "occorre", "devrions", "devons",
    "recommandons", "recommande", "proposons", "conseillons", "suggerons", "il faut",
)


def _match_phrases(words: list[tuple[str, str, int, int]],
                   table: Mapping[tuple[str, ...], Any]) -> list[tuple[int, int, Any]]:
    """Longest phrases of ``table`` in ``words``, left to right: (first word, end word, value)."""
    longest = max((len(p) for p in table), default=0)
    found, i = [], 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            key = tuple(w for w, _l, _s, _e in words[i:i + n])
            if key in table:
                found.append((i, i + n, table[key]))
                i += n
                break
        else:
            i += 1
    return found


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

_SPACES = "\u00a0\u202f\u2009"
_GROUP_ONLY = "'\u2019" + _SPACES + " "
_SIGNS = {"+": 1, "-": -1, "\u2212": -1, "\u2013": -1}
_CURRENCY = {"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "$": "USD",
             "usd": "USD", "dollar": "USD", "dollars": "USD", "£": "GBP", "gbp": "GBP",
             "chf": "CHF", "francs": "CHF", "franchi": "CHF"}
_SCALES = {"k": 1e3, "thousand": 1e3, "thousands": 1e3, "mila": 1e3, "mille": 1e3,
           "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "millions": 1e6, "milione": 1e6,
           "milioni": 1e6, "bn": 1e9, "billion": 1e9, "billions": 1e9, "miliardo": 1e9,
           "miliardi": 1e9, "milliard": 1e9, "milliards": 1e9}
_PERCENT_WORDS = r"%|per\s?cent(?:o)?|percent|pour\s?cent|pct"
_POINT_WORDS = (r"percentage\s+points?|punti\s+percentuali|punto\s+percentuale"
                r"|points?\s+de\s+pourcentage|p\.\s?p\.|pp|ppt|pts?|points?|punti|punto")
_TIMES_WORDS = r"x|×|times|volte|fois"
_SP = rf"[ {_SPACES}]?"
_NUMBER = re.compile(
    rf"""(?<![\w.,#/:°'’])(?<!\d{{4}}-)(?<!\d{{4}}-\d{{2}}-)
    (?P<sign>[+\-\u2212\u2013])?{_SP}
    (?P<before>€|\$|£|(?:EUR|USD|GBP|CHF)\b)?{_SP}
    (?P<xbefore>(?<![\w])[x×])?
    (?P<digits>\d+(?:(?:[.,'’{_SPACES}]|\x20(?=\d{{3}}(?!\d)))\d+)*)
    (?:{_SP}(?P<scale>k|thousands?|mila|mille|mln|mn|m|millions?|milion[ei]|bn|billions?
        |miliard[oi]|milliards?)(?![^\W\d_]))?
    (?:{_SP}(?P<unit>(?P<percent>{_PERCENT_WORDS})|(?P<points>{_POINT_WORDS})
        |(?P<times>{_TIMES_WORDS})
        |(?:d[ie]\s)?(?P<after>€|\$|£|euros?|eur|usd|dollars?|gbp|chf|francs|franchi))
        (?![^\W\d_]))?
    (?P<stuck>[^\W_]|°|/\d|:\d|(?<=\d{{4}})-\d)?
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Quantity:
    """A number as written in a sentence.

    Attributes
    ----------
    value : float
        The magnitude in the unit as written, scale words applied: ``78.0`` for ``"78%"``,
        ``3800000.0`` for ``"3.8 million"``.
    unit : str
        ``"%"``, ``"pp"`` (percentage points, *punti*, *points*), ``"x"`` (a multiple:
        ``2x``, ``×2``, ``2 volte``) or ``""``.
    currency : str
        ``"EUR"``, ``"USD"``, ``"GBP"``, ``"CHF"`` or ``""``.
    sign : int
        ``+1`` or ``-1`` when written with ``+`` / ``-`` / ``−``, else ``0``.
    written : str
        The text as written, e.g. ``"+4,9 %"``.
    start, end : int
        Where it is in the text.
    step : float
        Half the last written digit, in the unit of ``value``: the rounding the writing
        implies (``0.05`` for ``"4.9%"``, ``50000.0`` for ``"3.8 million"``).
    alternatives : tuple of (float, float)
        Other readings (value, step) of an ambiguous writing: ``"1.234"`` is 1234, or 1.234.

    Examples
    --------
    >>> q = quantities("CPA −4,9 %")[0]
    >>> q.value, q.unit, q.sign, q.step, q.signed
    (4.9, '%', -1, 0.05, -4.9)
    >>> q.matches(4.86), q.matches(4.96)
    (True, False)
    """

    value: float
    unit: str
    currency: str
    sign: int
    written: str
    start: int
    end: int
    step: float
    alternatives: tuple[tuple[float, float], ...] = ()

    @property
    def signed(self) -> float:
        """The value with its written sign (unsigned numbers count as positive).

        Examples
        --------
        >>> quantities("-12%")[0].signed, quantities("12%")[0].signed
        (-12.0, 12.0)
        """
        return -self.value if self.sign < 0 else self.value

    def readings(self) -> tuple[tuple[float, float], ...]:
        """Every (value, half-step) this writing may mean, the likeliest first.

        Examples
        --------
        >>> quantities("1,234 posts")[0].readings()
        ((1234.0, 0.5), (1.234, 0.0005))
        """
        return ((self.value, self.step), *self.alternatives)

    def matches(self, value: float, tolerance: float = 0.0) -> bool:
        """True if ``abs(value)`` rounds to this number as written (or is within ``tolerance``).

        Examples
        --------
        >>> q = quantities("3.8 million")[0]
        >>> q.matches(3_812_000), q.matches(3_900_000), q.matches(3_900_000, tolerance=1e5)
        (True, False, True)
        """
        target = abs(float(value))
        if not math.isfinite(target):
            return False
        return any(abs(target - v) <= max(step, tolerance) * (1 + 1e-9) + 1e-12
                   for v, step in self.readings())


def _digit_readings(digits: str) -> list[tuple[float, int, int]] | None:
    """(number, decimals, 0) readings of a digit string with separators; None if not a number."""
    groups = re.split(r"[.,'’\s\u00a0\u202f\u2009]", digits)
    seps = re.findall(r"[.,'’\s\u00a0\u202f\u2009]", digits)
    if not seps:
        return [(float(digits), 0, 0)]
    marks = [s for s in seps if s in ".,"]
    grouping_only = [s for s in seps if s not in ".,"]

    def grouped(parts: list[str]) -> bool:
        return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])

    decimal_at = None  # index of the separator that starts the decimals, if any
    if len(set(marks)) == 2:  # 1,234.5 or 1.234,5: the last mark is the decimal one
        if seps[-1] not in ".," or marks.count(seps[-1]) != 1:
            return None
        decimal_at = len(seps) - 1
    elif len(marks) == 1 and not grouping_only:  # 4,9 / 12.5, or 1,234 / 1.234 (ambiguous)
        head, tail = groups
        if len(tail) == 3 and head != "0" and len(head) <= 3:
            return [(float(head + tail), 0, 0), (float(f"{head}.{tail}"), 3, 0)]
        decimal_at = 0
    elif len(marks) == 1:  # 1 234,5 or 1'234.5
        if seps[-1] not in ".,":
            return None
        decimal_at = len(seps) - 1
    elif marks and len(set(seps)) != 1:  # 1.234 567 and other mixtures
        return None
    if decimal_at is None:
        return [(float("".join(groups)), 0, 0)] if grouped(groups) else None
    whole, fraction = groups[:decimal_at + 1], groups[decimal_at + 1]
    if len(whole) > 1 and not grouped(whole):
        return None
    return [(float("".join(whole) + "." + fraction), len(fraction), 0)]


def _word_before(text: str, start: int) -> str:
    match = re.search(r"([^\W\d_]+)[\s\u00a0\u202f]*[\-#]?[\s]*$", text[:start])
    return _fold(match.group(1)) if match else ""


def _word_after(text: str, end: int) -> str:
    match = re.match(r"[\s\u00a0\u202f]*([^\W\d_]+)", text[end:])
    return _fold(match.group(1)) if match else ""


def _is_level(text: str, q: Quantity) -> bool:
    """True if ``q`` is a level ("rose to 3.8 million", "salita al 4,2%"), not a change.

    The English article *a* ("a 78% rise") is not a level; Italian/French *a* / *à* is.
    """
    before = _word_before(text, q.start)
    if q.sign or before not in _LEVEL_WORDS:
        return False
    return not (before == "a" and (_word_after(text, q.end),) in _DIRECTIONS)


def quantities(text: str) -> list[Quantity]:
    """The numbers written in ``text``, in order, with their units and rounding.

    Understands thousands separators and decimal commas in English, Italian and French
    (``1,234.5``, ``1.234,5``, ``1 234,5``, ``1\u202f234``), scale words (k, thousand, mila,
    mille, m, mln, million, milioni, millions), percent signs and words (``%``, percent,
    per cent, per cento, pour cent), percentage points (pp, p.p., points, punti),
    multiples (``2x``, ``×2``, ``3 volte``) and currencies (€, $, £, EUR, euros, dollars).
    Skips digits inside words or periods (``H2``, ``Q4``, ``T3``, ``GA4``), years (1900-2100
    written plainly), dates (``3 March``, ``marzo 3``, ``03/10``, ``2025-10``), times
    (``18:00``), ordinals (``1st``, ``2º``, ``1er``, ``3°``), ranks (``Top 3``, ``#1``) and
    labels (``slide 2``, ``week 3``).

    Parameters
    ----------
    text : str
        Any sentence.

    Returns
    -------
    list of Quantity

    Examples
    --------
    >>> [(q.written, q.value, q.unit) for q in quantities("La copertura è salita del 78,5 %")]
    [('78,5 %', 78.5, '%')]
    >>> [(q.value, q.step) for q in quantities("1.234,5 and 1 234,5 and 1,234.5")]
    [(1234.5, 0.05), (1234.5, 0.05), (1234.5, 0.05)]
    >>> quantities("Reach rose in H2 and Q4 of 2025, top 3 posts, 1st place, GA4")
    []
    >>> [(q.value, q.unit, q.sign) for q in quantities("ER +10 punti, CPA -3 pp")]
    [(10.0, 'pp', 1), (3.0, 'pp', -1)]
    >>> [(q.value, q.currency) for q in quantities("move 500 euros, or €1.2k")]
    [(500.0, 'EUR'), (1200.0, 'EUR')]
    """
    text = str(text)
    found = []
    for match in _NUMBER.finditer(text):
        if match.group("stuck"):
            continue  # 1st, 4G, 2º, 3°, 03/10, 18:00, 2025-10
        readings = _digit_readings(match.group("digits"))
        if readings is None:
            continue  # 03.10.2025, 1,2,3
        start, end = match.start(), match.end()
        before, after = _word_before(text, start), _word_after(text, end)
        if before in _RANK_WORDS or text[:start].rstrip().endswith("#"):
            continue
        plain = not (match.group("unit") or match.group("scale") or match.group("before")
                     or match.group("sign") or match.group("xbefore"))
        number, decimals, _ = readings[0]
        if plain and len(readings) == 1 and decimals == 0 and (
                re.fullmatch(r"\d{4}", match.group("digits")) and 1900 <= number <= 2100):
            continue  # a year
        if plain and (after in _MONTHS or (before in _MONTHS and number <= 31)):
            continue  # 3 March, marzo 3
        scale = _SCALES.get((match.group("scale") or "").casefold(), 1.0)
        if match.group("percent"):
            unit = "%"
        elif match.group("points"):
            unit = "pp"
        elif match.group("times") or match.group("xbefore"):
            unit = "x"
        else:
            unit = ""
        money = (match.group("before") or match.group("after") or "").casefold()
        sign = _SIGNS.get(match.group("sign") or "", 0)
        values = [(n * scale, 0.5 * 10.0 ** -d * scale) for n, d, _z in readings]
        written = match.group(0).strip()
        found.append(Quantity(
            value=values[0][0], unit=unit, currency=_CURRENCY.get(money, ""), sign=sign,
            written=written, start=start + (len(match.group(0)) - len(match.group(0).lstrip())),
            end=start + len(match.group(0).rstrip()), step=values[0][1],
            alternatives=tuple(values[1:])))
    return found


def has_number(text: str) -> bool:
    """True if ``text`` writes a number (``H2``, ``Q4``, years, dates and ranks do not count).

    Examples
    --------
    >>> has_number("Reach rose in H2"), has_number("Reach rose 78% in H2")
    (False, True)
    >>> has_number("Top 3 posts of 2025"), has_number("Q3 results")
    (False, False)
    """
    return bool(quantities(text))


# --------------------------------------------------------------------------------------------
# Directions and claims
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Direction:
    direction: str | None
    written: str
    start: int
    end: int
    implied: float | None


def _directions(text: str, words: list[tuple[str, str, int, int]]) -> list[_Direction]:
    found = []
    for first, last, value in _match_phrases(words, _DIRECTIONS):
        if value is None:
            continue
        before = {w for w, _l, _s, _e in words[max(0, first - 3):first]}
        after = {w for w, _l, _s, _e in words[last:last + 1]}
        negated = bool(before & _NEGATIONS) or "pas" in after
        key = tuple(w for w, _l, _s, _e in words[first:last])
        start, end = words[first][2], words[last - 1][3]
        found.append(_Direction(None if negated else value, text[start:end], start, end,
                                _IMPLIED_PHRASES.get(key)))
    return found


def direction(text: str) -> str | None:
    """The direction ``text`` states: ``"up"``, ``"down"``, ``"flat"`` or ``None``.

    The first direction word that is not negated wins; a signed number (``+12%``, ``−3 pp``)
    counts when no word says it. Negated words give ``None``: "did not rise" is not "fell".
    For a sentence about several KPIs, use :func:`read_claims`.

    Examples
    --------
    >>> direction("Reach rose 78% in H2"), direction("ROAS calato del 12%")
    ('up', 'down')
    >>> direction("Portée en hausse de 78 %"), direction("Engagement SOARED in Q4!")
    ('up', 'up')
    >>> direction("Il tasso di engagement è invariato"), direction("Reach: -12%")
    ('flat', 'down')
    >>> direction("Reach did not rise"), direction("La portée n'a pas augmenté")
    (None, None)
    >>> direction("We set up a new page") is None
    True
    """
    text = str(text)
    words = _words(text)
    for found in _directions(text, words):
        return found.direction
    for q in quantities(text):
        if q.sign:
            return "up" if q.sign > 0 else "down"
    return None


def is_recommendation(text: str) -> bool:
    """True if ``text`` asks for an action (*should, recommend, dovremmo, devrions*...).

    Examples
    --------
    >>> is_recommendation("We should move 500 euros a month to Instagram")
    True
    >>> is_recommendation("Dovremmo spostare 500 euro"), is_recommendation("Reach rose")
    (True, False)
    """
    words = _words(str(text))
    return bool(_match_phrases(words, dict.fromkeys(_RECOMMEND, True)))


def _kpi_table(kpis: Mapping[str, Iterable[str]]) -> dict[tuple[str, ...], str]:
    table: dict[tuple[str, ...], str] = {}
    for name, aliases in kpis.items():
        for alias in (name, *aliases):
            for phrase in _phrases(alias):
                if phrase:
                    table.setdefault(phrase, name)
    return table


def canonical_kpi(name: str, kpis: Mapping[str, Iterable[str]] = KPI_NAMES) -> str | None:
    """The canonical KPI that ``name`` (in any of its languages) stands for, or ``None``.

    Examples
    --------
    >>> canonical_kpi("Tasso di engagement"), canonical_kpi("new followers")
    ('engagement rate', 'followers')
    >>> canonical_kpi("Portée"), canonical_kpi("weather") is None
    ('reach', True)
    """
    key = tuple(w for w, _l, _s, _e in _words(str(name)))
    return _kpi_table(kpis).get(key)


@dataclass(frozen=True)
class Claim:
    """What one clause of a sentence says about one KPI.

    Attributes
    ----------
    kpi : str or None
        The canonical KPI name (a key of the vocabulary), or ``None`` if none is named.
    direction : str or None
        ``"up"``, ``"down"``, ``"flat"`` or ``None``.
    quantity : Quantity or None
        The number the clause gives this KPI (``doubled`` counts as ``2x``).
    level : bool
        True when the number is a level ("rose *to* 3.8 million"), not a change.
    said_kpi, said_direction : str
        The KPI and direction words as the sentence writes them.
    text : str
        The clause, as written; ``start`` and ``end`` locate it in the sentence.

    Examples
    --------
    >>> claim = read_claims("Reach rose 78% to 3.8 million")[1]
    >>> claim.kpi, claim.quantity.value, claim.level
    ('reach', 3800000.0, True)
    """

    kpi: str | None
    direction: str | None
    quantity: Quantity | None
    text: str
    start: int
    end: int
    said_kpi: str = ""
    said_direction: str = ""
    level: bool = False


_CLAUSE_MARKS = re.compile(r"[;,!?()\[\]]|(?<!\d)\.(?!\d)|\s[\-\u2013\u2014]\s|\u2014|\n")


def _clauses(text: str, words: list[tuple[str, str, int, int]],
             numbers: list[Quantity]) -> list[tuple[int, int]]:
    inside = [(q.start, q.end) for q in numbers]
    cuts = {0, len(text)}
    for m in _CLAUSE_MARKS.finditer(text):
        if not any(s <= m.start() < e for s, e in inside):
            cuts.update((m.start(), m.end()))
    for folded, lower, start, end in words:
        if folded in _CONJUNCTIONS or lower in ("e", "ed"):  # Italian "e", not "è"
            cuts.update((start, end))
    points = sorted(cuts)
    return [(a, b) for a, b in zip(points, points[1:], strict=False) if text[a:b].strip()]


def read_claims(text: str, kpis: Mapping[str, Iterable[str]] = KPI_NAMES) -> list[Claim]:
    """The claims of ``text``: each clause's numbers and direction, given to the KPI it names.

    The sentence is split into clauses at ``; , ( ) . ! ?`` and dashes (never inside a number),
    and at *and, while, whereas, but, e, ed, mentre, ma, et, mais, tandis*... In a clause,
    each number goes to the nearest KPI named before it, else to the first one after it; a
    clause that names no KPI ("it rose 78%") takes the KPI of the previous clause. A clause
    gives one claim per number, or one claim without a number; clauses with neither a KPI,
    a direction nor a number give nothing.

    Parameters
    ----------
    text : str
        A title, alt text, finding or slide.
    kpis : mapping of str to iterable of str
        Canonical KPI name -> the words that name it (:data:`KPI_NAMES`).

    Returns
    -------
    list of Claim

    Examples
    --------
    >>> [(c.kpi, c.direction, c.quantity and c.quantity.value)
    ...  for c in read_claims("Copertura in calo del 12%, mentre le interazioni sono salite")]
    [('reach', 'down', 12.0), ('engagements', 'up', None)]
    >>> [(c.kpi, c.direction, c.quantity.written)
    ...  for c in read_claims("We should act on reach first: it moved 78%")]
    [('reach', None, '78%')]
    >>> [(c.kpi, c.quantity.currency) for c in read_claims(
    ...     "We should move 500 euros a month to Instagram")]
    [(None, 'EUR')]
    """
    text = str(text)
    words = _words(text)
    numbers = quantities(text)
    named = [(words[a][2], words[b - 1][3], name)
             for a, b, name in _match_phrases(words, _kpi_table(kpis))]
    dirs = _directions(text, words)
    claims: list[Claim] = []
    previous: tuple[str | None, str] = (None, "")
    for start, end in _clauses(text, words, numbers):
        here = [k for k in named if start <= k[0] < end]
        nums = [q for q in numbers if start <= q.start < end]
        ways = [d for d in dirs if start <= d.start < end]
        if not (here or nums or ways):
            continue
        inherited = previous if not here and _refers(text, words, start, end) else (None, "")
        if here:
            previous = (here[-1][2], text[here[-1][0]:here[-1][1]])

        def owner(position: int, here: list = here, inherited: tuple = inherited) -> tuple:
            before = [k for k in here if k[1] <= position]
            chosen = before[-1] if before else (here[0] if here else None)
            return (chosen[2], text[chosen[0]:chosen[1]]) if chosen else inherited

        way = next((d.direction for d in ways if d.direction), None)
        if way is None and not ways:  # "CPA +4.9% to €13.62": the sign says it
            way = next((("up" if q.sign > 0 else "down") for q in nums if q.sign), None)
        said_way = ways[0].written if ways else ""
        clause = text[start:end].strip()
        offset = start + len(text[start:end]) - len(text[start:end].lstrip())
        implied = next((d for d in ways if d.implied is not None and d.direction), None)
        if not nums and implied is not None:  # "doubled" is 2x, "dimezzato" 0.5x
            nums = [Quantity(implied.implied, "x", "", 0, implied.written, implied.start,
                             implied.end, 0.5 if implied.implied >= 1 else 0.25)]
        for q in nums or [None]:
            position = q.start if q is not None else (ways[0].start if ways else end)
            kpi, said = owner(position)
            q_way = way
            if q_way is None and q is not None and q.sign:
                q_way = "up" if q.sign > 0 else "down"
            claims.append(Claim(kpi, q_way, q, clause, offset, end, said, said_way,
                                q is not None and _is_level(text, q)))
        for k in here:  # a second KPI in the clause ("reach rose more than engagement")
            if not any(c.kpi == k[2] and c.start == offset for c in claims):
                claims.append(Claim(k[2], None, None, clause, offset, end, text[k[0]:k[1]]))
    return claims


def _refers(text: str, words: list[tuple[str, str, int, int]], start: int, end: int) -> bool:
    """True if a clause without a KPI refers to the previous one's ("it rose", ", up 78%")."""
    inside = [w for w in words if start <= w[2] < end]
    if not inside:
        return True
    if inside[0][0] in _REFERRING or re.search(r"\d", text[start:inside[0][2]]):
        return True  # "it rose 78%", ", +78%"
    found = _match_phrases(inside[:3], _DIRECTIONS)
    return bool(found) and found[0][0] == 0 and found[0][2] is not None  # ", rose 78%"


# --------------------------------------------------------------------------------------------
# Checking claims against the data
# --------------------------------------------------------------------------------------------


def _decimals(q: Quantity | None) -> int:
    if q is None or q.step <= 0:
        return 0
    return max(0, round(-math.log10(q.step * 2)))


def _format(truth: float, unit: str, decimals: int) -> str:
    """``0.775`` as ``"78%"``, ``0.012`` in points as ``"1.2 points"``, counts with commas.

    At least the learner's decimals, and at least two significant digits.
    """
    size = abs(truth)
    shown = size * 100 if unit in ("%", "pp") else (1 + truth if unit == "x" else size)
    if shown:
        decimals = max(decimals, 1 - math.floor(math.log10(abs(shown))))
    if unit == "%":
        while decimals < 3 and size and round(size * 100, decimals) == 0:
            decimals += 1
        return f"{size * 100:,.{decimals}f}%"
    if unit == "pp":
        while decimals < 3 and size and round(size * 100, decimals) == 0:
            decimals += 1
        return f"{size * 100:,.{decimals}f} points"
    if unit == "x":
        return f"×{1 + truth:,.{max(decimals, 1)}f}"
    return f"{size:,.{decimals}f}"


def _compare(q: Quantity, truth: float, relative: bool, tolerance: float | None
             ) -> bool | None:
    """True/False if ``q`` states ``truth`` (a change), None if ``q`` cannot state it."""
    tol = 0.0 if tolerance is None else float(tolerance)
    if relative:
        if q.unit == "%":
            return q.matches(truth * 100, tol * 100)
        if q.unit == "x":
            return q.matches(1 + truth, tol)
        if q.unit == "pp":
            return False
        return None
    if q.unit in ("%", "pp"):
        return q.matches(truth * 100, tol * 100)
    if q.unit == "x":
        return None
    return q.matches(truth, tol)


def _what(what: str) -> str:
    key = f"what.{what}"
    return MESSAGES.text(key) if key in MESSAGES.keys() else what


def _said_kpi(claim: Claim) -> str:
    """The KPI as the learner wrote it, lower case unless an acronym (ROAS, CTR)."""
    said = claim.said_kpi or claim.kpi or ""
    return said if said.isupper() else said.lower()


def _said(claim: Claim, with_number: bool) -> str:
    parts = [_said_kpi(claim), claim.said_direction.lower()]
    q = claim.quantity
    if (with_number or not claim.said_direction) and q is not None \
            and q.written.lower() != claim.said_direction.lower():
        parts.append(q.written)
    return " ".join(p for p in parts if p)


def check_claim(
    text: str,
    truth: Mapping[str, float],
    *,
    kpis: Mapping[str, Iterable[str]] = KPI_NAMES,
    relative: bool | Mapping[str, bool] = True,
    tolerance: float | None = None,
    flat: float = 0.01,
    what: str = "title",
) -> str | None:
    """The first claim of ``text`` that the data contradicts, said in the learner's words.

    Every claim (:func:`read_claims`) about a KPI in ``truth`` must state the right
    direction and, if it gives a number that is a change (not a level "to 3.8 million"),
    the right number at the precision written. Claims about other KPIs, claims with a
    direction but no number and numbers without a KPI are not judged here: see
    :func:`has_number` and :attr:`Claim.kpi`.

    Parameters
    ----------
    text : str
        The learner's title, alt text, finding or slide.
    truth : mapping of str to float
        KPI (any name the vocabulary knows: ``"new followers"``, ``"copertura"``) -> its
        true change.
    kpis : mapping
        The KPI vocabulary (:data:`KPI_NAMES`).
    relative : bool or mapping of str to bool
        True (the default): the change is relative, a fraction (``0.775`` = +77.5 %), which
        the text writes in % (``78%``) or as a multiple (``×1.8``, ``doubled``).
        False: the change is a difference in the KPI's own unit; for a rate that is a
        difference of fractions (``0.012``), written in points (``+1.2 pp``, ``1.2 punti``,
        or loosely ``1.2%``), and for a count or money a plain number (``+1,234``).
        A mapping gives this per KPI (missing KPIs are relative).
    tolerance : float, optional
        Accept a number this far from the truth, in the unit of ``truth`` (``0.01`` = one
        point of %), besides the rounding its writing implies.
    flat : float
        The largest change, in the unit of ``truth``, that "stable" / "invariato" describes.
    what : str
        What the text is: ``"title"``, ``"alt"``, ``"finding"``, ``"slide"`` or your word.

    Returns
    -------
    str or None
        None when every claim agrees with the data, else one message.

    Examples
    --------
    >>> check_claim("Reach rose 78% in H2", {"reach": 0.775}) is None
    True
    >>> check_claim("Reach rose 60% in H2", {"reach": 0.775})
    'Your title says reach rose 60%; the data says 78%.'
    >>> check_claim("Reach rose 12% and engagement rate fell 78%",
    ...             {"reach": 0.775, "engagement rate": -0.12})
    '12% is the change in engagement rate, but your title gives it to reach (which rose 78%).'
    >>> check_claim("Il tasso di engagement è salito di 1,2 punti",
    ...             {"engagement rate": 0.012}, relative=False) is None
    True
    """
    truths: dict[str, tuple[str, float]] = {}
    for name, value in truth.items():
        truths.setdefault(canonical_kpi(name, kpis) or name, (name, float(value)))

    def is_relative(name: str) -> bool:
        if isinstance(relative, Mapping):
            return bool(relative.get(name, relative.get(canonical_kpi(name, kpis) or "", True)))
        return bool(relative)

    where = _what(what)
    for claim in read_claims(text, kpis):
        if claim.kpi not in truths:
            continue
        name, true = truths[claim.kpi]
        rel = is_relative(name)
        q = claim.quantity if claim.quantity is not None and not claim.level else None
        verdict = _compare(q, true, rel, tolerance) if q is not None else None
        unit = "%" if rel else ("pp" if q is not None and q.unit in ("%", "pp") else "")
        decimals = _decimals(q) if q is not None and q.unit != "x" else 0
        if verdict is False:
            for other, (other_name, other_true) in truths.items():
                if other != claim.kpi and _compare(q, other_true, is_relative(other_name),
                                                   tolerance):
                    return MESSAGES.text(
                        "wrong_kpi", written=q.written, other=other_name, what=where,
                        kpi=_said_kpi(claim),
                        verb=MESSAGES.text(f"verb.{_true_way(true, flat)}"),
                        truth=_format(true, unit, decimals))
        way = claim.direction
        ok = (way is None or (way == "up" and true > 0) or (way == "down" and true < 0)
              or (way == "flat" and abs(true) <= flat))
        if not ok:
            true_way = _true_way(true, flat)
            key = "wrong_direction_flat" if true_way == "flat" else "wrong_direction"
            return MESSAGES.text(key, what=where, said=_said(claim, False),
                                 verb=MESSAGES.text(f"verb.{true_way}"),
                                 truth=_format(true, unit, decimals))
        if verdict is False:
            if rel and q is not None and q.unit == "pp":
                return MESSAGES.text("points_for_relative", what=where,
                                     kpi=_said_kpi(claim),
                                     written=q.written, truth=_format(true, "%", decimals))
            shown = "x" if q is not None and q.unit == "x" else unit
            return MESSAGES.text("wrong_number", what=where, said=_said(claim, True),
                                 truth=_format(true, shown, decimals))
    return None


def _true_way(true: float, flat: float) -> str:
    if abs(true) <= flat:
        return "flat"
    return "up" if true > 0 else "down"


# --------------------------------------------------------------------------------------------
# Numbers that come from the analysis
# --------------------------------------------------------------------------------------------


def _numbers(values: Any) -> list[float]:
    """Finite magnitudes of ``values``: a list, a Series, or a table's ``value`` column."""
    columns = getattr(values, "columns", None)
    if columns is not None:
        values = values["value" if "value" in list(columns) else list(columns)[-1]]
    elif isinstance(values, int | float):
        values = [values]
    out = []
    for v in list(values):
        try:
            f = abs(float(v))
        except (TypeError, ValueError):
            continue
        if math.isfinite(f):
            out.append(f)
    return out


def untraced(text: str, values: Any) -> list[str]:
    """The numbers written in ``text`` (as written) that no value in ``values`` rounds to.

    A value counts as it is, x100 (a fraction written as a percentage or in points), and,
    for a multiple (``2x``), as 1 + value (a change written as a multiple).

    Parameters
    ----------
    text : str
        A sentence.
    values : iterable of float, or a table with a ``value`` column
        The numbers the analysis computed.

    Examples
    --------
    >>> untraced("CPA rose 4.9% to 13.62 euros in H2 2025", [0.0486, 13.6217])
    []
    >>> untraced("Reach rose 80% to 3.8 million", [0.775, 3_804_876])
    ['80%']
    """
    numbers = _numbers(values)
    candidates = [c for v in numbers for c in (v, v * 100)]
    multiples = [1 + v for v in numbers] + numbers
    missing = []
    for q in quantities(text):
        pool = multiples if q.unit == "x" else candidates
        if not any(q.matches(v) for v in pool):
            missing.append(q.written)
    return missing


def traced(text: str, values: Any) -> bool:
    """True if every number in ``text`` comes from ``values`` (see :func:`untraced`).

    Examples
    --------
    >>> traced("Reach rose 78% in H2", [0.775]), traced("Reach rose 78% in H2", [0.70])
    (True, False)
    """
    return not untraced(text, values)


def mentions(text: str, value: float, *, percent: bool = False, rel_tol: float = 0.0) -> bool:
    """True if ``text`` writes ``value``, at the precision written.

    Parameters
    ----------
    text : str
        A sentence.
    value : float
        The number to find (its sign is ignored: "fell 12%" writes -0.12).
    percent : bool
        Look for ``value`` written as a percentage (``0.068`` as ``6.8%`` or ``6,8 %``).
    rel_tol : float
        Also accept a number within this fraction of ``value`` ("about 1,200" for 1,234 with
        ``rel_tol=0.05``).

    Examples
    --------
    >>> mentions("TikTok followers: +195 % in 2025", 1.948, percent=True)
    True
    >>> mentions("up 6,8 %", 0.068, percent=True), mentions("up 2x", 1.0, percent=True)
    (True, False)
    >>> mentions("Facebook leads with 1.234 post", 1234), mentions("21,234 posts", 1234)
    (True, False)
    >>> mentions("about €1,2k more", 1234.4), mentions("in Q4 2025", 4)
    (True, False)
    """
    target = abs(float(value)) * (100 if percent else 1)
    for q in quantities(text):
        if percent and q.unit != "%":
            continue
        if q.matches(target, rel_tol * target):
            return True
    return False
