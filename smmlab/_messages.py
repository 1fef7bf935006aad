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
chose; a message with no (or a stale) translation falls back to English.

Examples
--------
>>> cat = Catalog({"en": {"hello": "Hello {name}!"}})
>>> cat.text("hello", name="Ada")
'Hello Ada!'
"""

from __future__ import annotations

import functools
import gettext
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


def set_language(language: str) -> str:
    """Speak ``language`` from now on (``"en"``, ``"it"`` or ``"fr"``); return it.

    Sets ``SMMLAB_LANG`` for this process and the ones it starts. Call it before importing a
    lesson's checks (the first cell of a translated notebook does): hints and messages a
    module prepares when it is imported are in the language of that moment.

    Examples
    --------
    >>> before = current_language()
    >>> set_language("IT")
    'it'
    >>> set_language(before)
    'en'
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
    return code


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

    def text(self, key: str, /, **fields: object) -> str:
        """Return message ``key`` in the current language, filled with ``fields``.

        Examples
        --------
        >>> Catalog({"en": {"k": "{n} posts"}}).text("k", n=3)
        '3 posts'
        """
        english = self.english[key]
        template = translations(current_language()).pgettext(key, english) if english else ""
        return template.format(**fields)
