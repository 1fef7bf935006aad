"""Message catalogues: every learner-facing sentence lives in a catalogue, translated by gettext.

Each module that talks to people (errors, checks, hints) keeps its English sentences in one
:class:`Catalog`, keyed by a stable identifier. Translations are standard gettext catalogues,
made with Babel: ``smmlab build`` extracts every catalogue's English into
``smmlab/locale/smmlab.pot``, merges it into each language's
``smmlab/locale/<lang>/LC_MESSAGES/smmlab.po`` (a changed English sentence makes its
translation *fuzzy*: stale until a translator checks it) and compiles the ``.mo`` file read
here. A message is looked up with its key as gettext context, so two keys with the same
English can be translated differently.

The language is ``SMMLAB_LANG`` (``en``, ``it`` or ``fr``), or what :func:`set_language`
chose; a message with no (or a stale) translation falls back to English. In Italian and
French, the numbers and dates a message quotes are written as people there write them
(``4,9 %``, ``1.234``, ``lunedì 3 marzo``), whatever the template's format spec; gettext
translates sentences, not numbers.

Examples
--------
>>> cat = Catalog({"en": {"hello": "Hello {name}!"}})
>>> cat.text("hello", name="Ada")
'Hello Ada!'
"""

from __future__ import annotations

import datetime
import functools
import gettext
import math
import numbers
import os
from collections.abc import Mapping
from pathlib import Path

#: Languages the course is being prepared for, in order of arrival.
LANGUAGES: tuple[str, ...] = ("en", "it", "fr")
DEFAULT_LANGUAGE = "en"
#: The gettext domain and folder of the library's compiled catalogues.
DOMAIN = "smmlab"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def current_language() -> str:
    """Return the language learner-facing messages are shown in.

    Returns
    -------
    str
        ``SMMLAB_LANG`` if it names a supported language, else ``"en"``.

    Examples
    --------
    >>> current_language() in LANGUAGES
    True
    """
    lang = os.environ.get("SMMLAB_LANG", DEFAULT_LANGUAGE).strip().lower()[:2]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Speak ``language`` from now on (``"en"``, ``"it"`` or ``"fr"``).

    Sets ``SMMLAB_LANG`` for this process and the ones it starts. Call it before importing a
    lesson's checks (the first cell of a translated notebook does): hints and messages a
    module prepares when it is imported are in the language of that moment.

    Examples
    --------
    >>> before = current_language()
    >>> set_language("IT")
    >>> current_language()
    'it'
    >>> set_language(before)
    >>> set_language("de")
    Traceback (most recent call last):
    ...
    ValueError: language must be one of 'en', 'it', 'fr'; got 'de'
    """
    code = str(language).strip().lower()
    if code not in LANGUAGES:
        allowed = ", ".join(repr(lang) for lang in LANGUAGES)
        raise ValueError(f"language must be one of {allowed}; got {language!r}")
    os.environ["SMMLAB_LANG"] = code


#: Decimal mark, thousands separator and the space before "%" of each language but English.
NUMBER_MARKS: dict[str, tuple[str, str, str]] = {"it": (",", ".", "\u00a0"),
                                                 "fr": (",", "\u202f", "\u00a0")}
#: Weekdays (Monday first) and months, as written in running text.
DAY_NAMES: dict[str, tuple[str, ...]] = {
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}
MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
}


#: Short month names where the first three letters do not do (juin and juillet).
MONTH_SHORT: dict[str, tuple[str, ...]] = {
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
}


class _Local:
    """A number or date that formats itself as ``language`` writes it (see :func:`localized`)."""

    def __init__(self, value: object, language: str) -> None:
        self.value, self.language = value, language

    def __format__(self, spec: str) -> str:
        if isinstance(self.value, datetime.date):
            return _format_date(self.value, spec, self.language)
        decimal, thousands, percent = NUMBER_MARKS[self.language]
        text = format(self.value, spec)
        text = text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
        return text[:-1].rstrip() + percent + "%" if text.endswith("%") else text

    def __str__(self) -> str:
        return self.__format__("")

    def __repr__(self) -> str:
        return repr(self.value)

    def __getattr__(self, name: str) -> object:
        # a template may read a field's attribute ("{d.day}"): the value's own
        return getattr(self.value, name)


def _format_date(value: datetime.date, spec: str, language: str) -> str:
    if not spec:
        return str(value)
    day, month = DAY_NAMES[language][value.weekday()], MONTH_NAMES[language][value.month - 1]
    short = MONTH_SHORT.get(language, tuple(m[:3] for m in MONTH_NAMES[language]))
    for directive, name in (("%A", day), ("%a", day[:3]), ("%B", month),
                            ("%b", short[value.month - 1])):
        spec = spec.replace(directive, name.replace("%", "%%"))
    return value.strftime(spec)


def localized(value: object, language: str | None = None) -> object:
    """``value`` ready to be formatted in ``language``'s way (the current one by default).

    Numbers and dates are wrapped so that any format spec writes them the local way; other
    values, and everything in English, are returned as they are.

    Examples
    --------
    >>> "{:.1%} of {:,} posts".format(localized(0.049, "it"), localized(1234, "it"))
    '4,9\xa0% of 1.234 posts'
    >>> import datetime
    >>> "{:%A %d %B}".format(localized(datetime.date(2025, 3, 3), "it"))
    'lunedì 03 marzo'
    >>> localized(0.049, "en")
    0.049
    >>> "{d.day} {d:%B}".format(d=localized(datetime.date(2025, 3, 16), "it"))
    '16 marzo'
    >>> "{:%d %b}".format(localized(datetime.date(2025, 7, 4), "fr"))
    '04 juil.'
    """
    language = current_language() if language is None else language
    if language not in NUMBER_MARKS or isinstance(value, bool):
        return value
    if isinstance(value, numbers.Real | datetime.date):
        return _Local(value, language)
    return value


def readable_number(value: float, *, trim: bool = False) -> str:
    """A number for a sentence, in the current language: thousands marks, sensible decimals.

    Whole numbers and values from 100 up get no decimals, values from 1 up two (``trim``
    drops trailing zeros), smaller ones three significant digits.

    Examples
    --------
    >>> readable_number(2035), readable_number(12.5), readable_number(12.5, trim=True)
    ('2,035', '12.50', '12.5')
    >>> readable_number(0.01234)
    '0.0123'
    """
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    if value == round(value) or abs(value) >= 100:
        spec = ",.0f"
    elif abs(value) >= 1:
        spec = ",.2f"
    else:
        spec = ".3g"
    text = format(localized(value), spec)
    if trim and spec == ",.2f":
        mark = NUMBER_MARKS.get(current_language(), (".",))[0]
        text = text.rstrip("0").rstrip(mark)
    return text


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled gettext catalogue of ``language`` (English: none, the sources are English).

    Examples
    --------
    >>> translations("en").pgettext("k", "Hello")
    'Hello'
    """
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language],
                               fallback=True)


class Catalog:
    """One module's messages: English templates by key, translated through gettext.

    Parameters
    ----------
    messages : mapping
        ``{"en": {key: template}}``; templates use ``str.format`` fields. Translations are
        not written here but in the ``.po`` files (see the module help).

    Examples
    --------
    >>> cat = Catalog({"en": {"bad": "{param} must be positive, got {value!r}."}})
    >>> cat.text("bad", param="days", value=-1)
    'days must be positive, got -1.'
    """

    def __init__(self, messages: Mapping[str, Mapping[str, str]]) -> None:
        if set(messages) != {DEFAULT_LANGUAGE}:
            raise ValueError("A message catalogue holds English only ({'en': {...}}); "
                             "translations go in smmlab/locale/<lang>/LC_MESSAGES/smmlab.po.")
        self.english = dict(messages[DEFAULT_LANGUAGE])

    def keys(self) -> list[str]:
        """Return the message keys, sorted.

        Examples
        --------
        >>> Catalog({"en": {"b": "", "a": ""}}).keys()
        ['a', 'b']
        """
        return sorted(self.english)

    def plural(self, key: str, n: int, /, **fields: object) -> str:
        """Message ``key`` for a count ``n``: ``key_one`` or ``key_other``, filled with ``n``.

        The catalogue holds both forms in English and each language translates both; which
        one a count takes follows the language (French says *0 alerte*, English *0 alerts*).

        Examples
        --------
        >>> cat = Catalog({"en": {"alerts_one": "{n} alert", "alerts_other": "{n} alerts"}})
        >>> cat.plural("alerts", 1), cat.plural("alerts", 3)
        ('1 alert', '3 alerts')
        """
        language = current_language()
        one = n == 1 or (language == "fr" and n == 0)
        return self.text(f"{key}_{'one' if one else 'other'}", n=n, **fields)

    def text(self, key: str, /, **fields: object) -> str:
        """Return message ``key`` in the current language, filled with ``fields``.

        Examples
        --------
        >>> Catalog({"en": {"k": "{n} posts"}}).text("k", n=3)
        '3 posts'
        """
        english = self.english[key]
        language = current_language()
        template = translations(language).pgettext(key, english) if english else ""
        if language in NUMBER_MARKS:
            fields = {name: localized(value, language) for name, value in fields.items()}
        return template.format(**fields)
