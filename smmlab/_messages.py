"""Message catalogues: every learner-facing sentence lives in a catalogue.

Each module that talks to people (errors, checks, hints) keeps its sentences in
one :class:`Catalog`, keyed by a stable identifier and by language. The course
is in English today; Italian and French catalogues are added by filling the
``"it"`` and ``"fr"`` entries, without touching the code that raises or prints.

The language is read from the ``SMMLAB_LANG`` environment variable (``en``,
``it`` or ``fr``); a key missing in that language falls back to English.

Examples
--------
>>> cat = Catalog({"en": {"hello": "Hello {name}!"}})
>>> cat.text("hello", name="Ada")
'Hello Ada!'
"""

from __future__ import annotations

import os
from collections.abc import Mapping

#: Languages the course is being prepared for, in order of arrival.
LANGUAGES: tuple[str, ...] = ("en", "it", "fr")
DEFAULT_LANGUAGE = "en"


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


class Catalog:
    """A set of messages for one module, by language then key.

    Parameters
    ----------
    messages : mapping
        ``{language: {key: template}}``; templates use ``str.format`` fields.
        The English entry is required and defines the keys.

    Examples
    --------
    >>> cat = Catalog({"en": {"bad": "{param} must be positive, got {value!r}."}})
    >>> cat.text("bad", param="days", value=-1)
    'days must be positive, got -1.'
    """

    def __init__(self, messages: Mapping[str, Mapping[str, str]]) -> None:
        if DEFAULT_LANGUAGE not in messages:
            raise ValueError("A message catalogue needs an English ('en') entry.")
        self._messages = {lang: dict(table) for lang, table in messages.items()}

    def keys(self) -> list[str]:
        """Return the message keys, sorted.

        Examples
        --------
        >>> Catalog({"en": {"b": "", "a": ""}}).keys()
        ['a', 'b']
        """
        return sorted(self._messages[DEFAULT_LANGUAGE])

    def text(self, key: str, /, **fields: object) -> str:
        """Return message ``key`` in the current language, filled with ``fields``.

        Examples
        --------
        >>> Catalog({"en": {"k": "{n} posts"}}).text("k", n=3)
        '3 posts'
        """
        table = self._messages.get(current_language(), {})
        template = table.get(key) or self._messages[DEFAULT_LANGUAGE][key]
        return template.format(**fields)
