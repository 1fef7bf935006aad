"""Numbers as exports write them: thousands separators, decimal commas, missing markers.

One column is read with one decimal mark, chosen from the column's own values
when they show it (``"1.234,5"``, ``"200,00"``, ``"0.1658"``) and from the
export's language otherwise (Italian ``"10.000"`` is ten thousand, English
``"1,500"`` is one thousand five hundred). Markers of a missing value
(``--``, ``-``, ``undefined``, ``N/A``, an empty cell) become missing, never 0.

Examples
--------
>>> parse_numbers(["1,234", "--", "15"]).tolist()
[1234.0, nan, 15.0]
>>> parse_numbers(["200,00", "10.000"], decimal=",").tolist()
[200.0, 10000.0]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from smmlab.io._messages import MESSAGES

#: Cell texts that mean "no value" in the exports (compared case-insensitively).
MISSING_MARKERS: frozenset[str] = frozenset(
    {"", "--", "-", "–", "—", "undefined", "n/a", "na", "nan", "null", "none", "(not set)"}
)

_SPACES = re.compile(r"[\s\u00a0\u202f'’]")  # 1 234, 1'234 (Swiss), non-breaking spaces
_SYMBOLS = re.compile(r"^[+-]?(?:[$€£¥]|[A-Z]{3}(?=[\d.,]))|(?:[$€£¥%]|x)$")
_COMMA_GROUPS = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3})+$")
_DOT_GROUPS = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")
_PLAIN = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_EXCEL_ID = re.compile(r"^\d(\.\d+)?[eE]\+\d+$")


def is_missing(text: object) -> bool:
    """Return True if ``text`` is a missing-value marker of an export (or not text at all).

    Examples
    --------
    >>> is_missing("--"), is_missing("undefined"), is_missing("0")
    (True, True, False)
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return True
    return str(text).strip().casefold() in MISSING_MARKERS


def _bare(text: str) -> str:
    """The number's characters only: no spaces, currency symbols, ``%`` or ``x`` suffix."""
    core = _SPACES.sub("", text.strip())
    sign = ""
    if core[:1] in "+-":
        sign, core = core[:1], core[1:]
    previous = None
    while previous != core:
        previous = core
        core = _SYMBOLS.sub("", core)
    return sign + core


def decimal_mark(values: Iterable[object], default: str = ".") -> str:
    """Return the decimal mark (``"."`` or ``","``) a column of number texts is written with.

    A value with both marks says which is the decimal one (the last); a comma or a
    dot not followed by groups of three digits is a decimal mark; when every
    value fits both readings (``"1,500"``, ``"10.000"``), ``default`` decides: the
    mark of the export's language.

    Examples
    --------
    >>> decimal_mark(["1.234,5"]), decimal_mark(["0,5"]), decimal_mark(["1,500", "12"])
    (',', ',', '.')
    >>> decimal_mark(["10.000"], default=",")
    ','
    """
    commas, dots = [], []
    for value in values:
        if is_missing(value):
            continue
        text = _bare(str(value))
        if "," in text and "." in text:
            return "," if text.rfind(",") > text.rfind(".") else "."
        if text.count(",") == 1 and not _COMMA_GROUPS.match(text):
            return ","
        if text.count(".") == 1 and not _DOT_GROUPS.match(text):
            return "."
        (commas if "," in text else dots if "." in text else []).append(text)
    if commas and not dots:
        return "."  # 1,500 and 12,000: groups of thousands
    if dots and not commas:
        return default  # 10.000 is ten thousand only where the language writes it so
    return default


def parse_number(text: object, decimal: str = ".") -> float:
    """Return one cell as a float (NaN for a missing marker).

    Raises
    ------
    ValueError
        If the text is not a number written with decimal mark ``decimal``.

    Examples
    --------
    >>> parse_number("$1,234.50"), parse_number("4,02 %", ","), parse_number("1777.0")
    (1234.5, 4.02, 1777.0)
    """
    if is_missing(text):
        return float("nan")
    core = _bare(str(text))
    thousands = "," if decimal == "." else "."
    core = core.replace(thousands, "")
    if decimal == ",":
        core = core.replace(",", ".")
    if not _PLAIN.match(core):
        raise ValueError(MESSAGES.text("not_number", value=str(text)))
    return float(core)


def parse_numbers(values: Iterable[object], *, decimal: str | None = None,
                  default: str = ".") -> pd.Series:
    """Return a column of number texts as float64 (missing markers become NaN).

    Parameters
    ----------
    values : iterable of str
        The cells, as written in the file.
    decimal : {".", ","} or None, default=None
        The decimal mark; ``None`` reads it from the values (:func:`decimal_mark`).
    default : {".", ","}, default="."
        The mark of the export's language, for values that fit both readings.

    Examples
    --------
    >>> parse_numbers(["1.234", "2.500"], default=",").tolist()
    [1234.0, 2500.0]
    """
    cells = list(values)
    mark = decimal if decimal is not None else decimal_mark(cells, default)
    return pd.Series([parse_number(v, mark) for v in cells], dtype="float64")


def to_counts(numbers: pd.Series, column: str) -> pd.Series:
    """Return float counts as nullable ``Int64``; a fractional count is an error.

    Raises
    ------
    ValueError
        Naming the column and the first value that is not a whole number.

    Examples
    --------
    >>> to_counts(pd.Series([1.0, float("nan")]), "likes").tolist()
    [1, <NA>]
    """
    values = numbers.to_numpy(dtype="float64")
    known = ~np.isnan(values)
    bad = known & (np.abs(values - np.round(values)) > 1e-9)
    if bad.any():
        raise ValueError(MESSAGES.text("not_count", column=column,
                                       value=values[bad.argmax()]))
    return pd.Series(pd.array(np.round(values), dtype="Float64")).astype("Int64")


def is_damaged_id(text: object) -> bool:
    """Return True for an ID Excel has rewritten in scientific notation (``1.22158E+17``).

    Its last digits are lost: it cannot be turned back into the ID.

    Examples
    --------
    >>> is_damaged_id("1.22158E+17"), is_damaged_id("17960320052859139")
    (True, False)
    """
    return bool(_EXCEL_ID.match(str(text).strip()))


__all__ = [
    "MISSING_MARKERS",
    "decimal_mark",
    "is_damaged_id",
    "is_missing",
    "parse_number",
    "parse_numbers",
    "to_counts",
]
