"""Compare a learner's answer with the expected one, the way a good teacher would.

- **Numbers** are equal within a tolerance, *or* when the learner's number is the
  expected one rounded to the precision it is written with (``0.049`` for
  ``0.04912``; ``1234.57`` for ``1234.5678``), as long as it keeps at least two
  significant digits. A percentage typed for a fraction is recognised and named.
- **Labelled answers** (a Series by platform, a table by weekday) are compared
  label with value, never as sorted values. Labels match ignoring case, accents
  and spaces, and weekday and month names match across English, Italian and
  French ("Lunedì" is "Monday"). Order matters only when the question asks for it.
- **Shapes** a learner reasonably produces are accepted: a one-column table for a
  Series, the labels as a column instead of the index, extra columns next to the
  ones the question asks for, capitalised column names.
- **Feedback** names the first difference in the learner's terms: ``"Instagram:
  your value 1,234, expected 1,432"``, and at most a few column names.

:func:`difference` returns ``None`` when the answer is right, ``""`` for a plain
wrong number (the caller decides what to say), or a sentence.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import unicodedata
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from smmlab.exercises._messages import text

#: How many names a message lists at most.
SHOWN_NAMES = 3
#: Fewest significant digits a rounded number must keep to count as "the same number".
MIN_SIGNIFICANT = 2
#: Decimals a whole table or Series may be rounded to (``.round(3)``) and still be right:
#: three at least, since two would let a rate of 0.0055 pass as 0.01.
TABLE_DECIMALS = (4, 3)


@dataclasses.dataclass(frozen=True)
class Tolerance:
    """Relative and absolute tolerance for numbers, plus rounding as written.

    Attributes
    ----------
    rel, abs : float
        ``math.isclose`` tolerances.
    rounding : bool, default=True
        Also accept the expected number rounded to the decimals the learner's
        number is written with (at least :data:`MIN_SIGNIFICANT` significant digits).

    Examples
    --------
    >>> Tolerance().close(0.0361, 0.036112)
    True
    >>> Tolerance().close(0.049, 0.04912), Tolerance().close(0.05, 0.04912)
    (True, False)
    >>> Tolerance(rounding=False).close(0.049, 0.04912)
    False
    """

    rel: float = 1e-3
    abs: float = 1e-9
    rounding: bool = True

    def close(self, got: float, expected: float) -> bool:
        """True if ``got`` is within tolerance of ``expected``, or it rounded as written."""
        got, expected = float(got), float(expected)
        if math.isnan(got) or math.isnan(expected):
            return math.isnan(got) and math.isnan(expected)
        if math.isinf(got) or math.isinf(expected):
            return got == expected
        if math.isclose(got, expected, rel_tol=self.rel, abs_tol=self.abs):
            return True
        return self.rounding and rounded_as_written(got, expected)


#: Equal up to floating-point noise, nothing more (a table compared with its rounded copy).
EXACT = Tolerance(rel=1e-12, abs=1e-12, rounding=False)


def _numeric(table: pd.DataFrame | pd.Series) -> bool:
    """True if the table or Series has a column of floats (so rounding it changes something)."""
    frame = table.to_frame() if isinstance(table, pd.Series) else table
    return any(pd.api.types.is_float_dtype(t) for t in frame.dtypes)


def rounded_as_written(got: float, expected: float) -> bool:
    """True if ``got`` is ``expected`` rounded to some number of decimals, keeping 2+ digits.

    A learner who copies ``0.049`` from a table that prints ``4.9 %``, or rounds to
    cents, is right; ``0.05`` (one significant digit) is too coarse to tell right
    from wrong. A float hides its trailing zeros (``round(0.0987, 2)`` is ``0.1``),
    so every number of decimals is tried.

    Examples
    --------
    >>> rounded_as_written(0.049, 0.04912), rounded_as_written(1234.57, 1234.5678)
    (True, True)
    >>> rounded_as_written(0.05, 0.04912), rounded_as_written(0.048, 0.04912)
    (False, False)
    >>> rounded_as_written(1234, 1234.4), rounded_as_written(1230.0, 1234.4)
    (True, False)
    >>> rounded_as_written(0.1, 0.0987), rounded_as_written(11.0, 11.3)
    (True, True)
    >>> rounded_as_written(40.0, 41)
    False
    """
    got, expected = float(got), float(expected)
    if not (math.isfinite(got) and math.isfinite(expected)) or got == 0:
        return False
    return any(math.isclose(got, round(expected, decimals), rel_tol=1e-12, abs_tol=1e-15)
               and _significant(round(expected, decimals), decimals) >= MIN_SIGNIFICANT
               for decimals in range(10))


def _significant(value: float, decimals: int) -> int:
    """Significant digits of ``value`` written with ``decimals`` decimals ("0.10" has 2).

    Examples
    --------
    >>> _significant(0.1, 2), _significant(0.05, 2), _significant(1234.0, 0)
    (2, 1, 4)
    """
    digits = f"{abs(value):.{decimals}f}".replace(".", "").lstrip("0")
    return len(digits)


def _decimals_written(value: float) -> int:
    """Decimals a number is written with: ``0.009`` has 3, ``1234.0`` has 0."""
    written = repr(float(value))
    if "e" in written or "E" in written:
        mantissa, exponent = written.lower().split("e")
        decimals = len(mantissa.split(".")[1].rstrip("0")) if "." in mantissa else 0
        return max(decimals - int(exponent), 0)
    return len(written.split(".")[1].rstrip("0")) if "." in written else 0


def column_decimals(values: Sequence[Any]) -> int | None:
    """The most decimals the numbers of one column are written with, or None without numbers.

    ``.round(4)`` writes 0.009035 as ``0.009`` beside ``0.0163``: the column shows that the
    learner rounded to 4 decimals (see :func:`rounded_in_column`).

    Examples
    --------
    >>> column_decimals([0.0055, 0.009, 0.0163]), column_decimals(["a", 12])
    (4, 0)
    """
    found = [_decimals_written(v) for v in values if is_number(v) and math.isfinite(float(v))]
    return max(found) if found else None


def rounded_in_column(got: Any, expected: Any, decimals: int | None) -> bool:
    """True if ``got`` is ``expected`` rounded to its column's ``decimals``.

    The rounded value must keep at least :data:`MIN_SIGNIFICANT` significant digits
    (0.0090 to 4 decimals has 2; 0.0001 has 1).

    Examples
    --------
    >>> rounded_in_column(0.009, 0.009035, 4), rounded_in_column(0.009, 0.009035, 3)
    (True, False)
    >>> rounded_in_column(0.0001, 0.00012, 4)
    False
    """
    if decimals is None or not (is_number(got) and is_number(expected)):
        return False
    g, e = float(got), float(expected)
    if not (math.isfinite(g) and math.isfinite(e)) or e == 0:
        return False
    if math.floor(math.log10(abs(e))) + 1 + decimals < MIN_SIGNIFICANT:
        return False
    return abs(g - e) <= 0.5 * 10.0 ** -decimals * (1 + 1e-9)


def describe(value: Any) -> str:
    """A short, readable description of a value for feedback messages.

    Examples
    --------
    >>> describe(0.0361234), describe("x"), describe([1, 2]), describe(1234567.0)
    ('0.03612', "'x'", '[1, 2]', '1,234,567')
    >>> describe(pd.Series([1, 2], index=["a", "b"]))
    'a Series labelled a, b'
    """
    if value is None:
        return "None"
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, numbers.Real):
        v = float(value)
        if math.isfinite(v) and abs(v) >= 1e4:
            return f"{v:,.0f}" if v == round(v) else f"{v:,.1f}"
        if math.isfinite(v) and abs(v) >= 1e3 and v == round(v):
            return f"{v:,.0f}"
        return f"{v:.4g}"
    if isinstance(value, pd.DataFrame):
        return text("describe_table", rows=len(value),
                    columns=_names([str(c) for c in value.columns]))
    if isinstance(value, pd.Series):
        if _labelled(value.index):
            return text("describe_series_labelled", labels=_names([str(k) for k in value.index]))
        return text("describe_series", n=len(value))
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, list | tuple):
        return repr(list(value)) if len(value) <= 8 else text("describe_list", n=len(value))
    return type(value).__name__


def _names(names: Sequence[str], most: int = SHOWN_NAMES) -> str:
    """At most ``most`` names, then how many more.

    Examples
    --------
    >>> _names(["a", "b"]), _names(["a", "b", "c", "d", "e"])
    ('a, b', 'a, b, c and 2 more')
    """
    names = list(names)
    if len(names) <= most:
        return ", ".join(names)
    return text("names_more", names=", ".join(names[:most]), more=len(names) - most)


def is_number(value: Any) -> bool:
    """True for real numbers (numpy included), False for bools.

    Examples
    --------
    >>> is_number(np.float64(1.0)), is_number(True), is_number("1")
    (True, False, False)
    """
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


# ---------------------------------------------------------------------------------------------
# Labels: case, accents and the names of days and months in three languages
# ---------------------------------------------------------------------------------------------

_DAYS = (
    ("monday", "mon", "lunedi", "lun", "lundi"),
    ("tuesday", "tue", "tues", "martedi", "mar", "mardi"),
    ("wednesday", "wed", "mercoledi", "mer", "mercredi"),
    ("thursday", "thu", "thur", "thurs", "giovedi", "gio", "jeudi", "jeu"),
    ("friday", "fri", "venerdi", "ven", "vendredi"),
    ("saturday", "sat", "sabato", "sab", "samedi", "sam"),
    ("sunday", "sun", "domenica", "dom", "dimanche", "dim"),
)
_MONTHS = (
    ("january", "jan", "gennaio", "gen", "janvier", "janv"),
    ("february", "feb", "febbraio", "fevrier", "fevr"),
    ("march", "mar", "marzo", "mars"),
    ("april", "apr", "aprile", "avril", "avr"),
    ("may", "maggio", "mag", "mai"),
    ("june", "jun", "giugno", "giu", "juin"),
    ("july", "jul", "luglio", "lug", "juillet", "juil"),
    ("august", "aug", "agosto", "ago", "aout"),
    ("september", "sep", "sept", "settembre", "set", "septembre"),
    ("october", "oct", "ottobre", "ott", "octobre"),
    ("november", "nov", "novembre"),
    ("december", "dec", "dicembre", "dic", "decembre"),
)
# "mar" is both Tuesday (martedì) and March: a label is read as a month only in a list of
# months, so the day and month tables are kept apart and chosen by the expected labels.
_DAY_OF = {alias: names[0] for names in _DAYS for alias in names}
_MONTH_OF = {alias: names[0] for names in _MONTHS for alias in names}


#: Punctuation around a label that does not change it ("Escalate!", '"monitor"').
_END_PUNCTUATION = " !?,;:'\"`()[]"


def normal_text(value: Any) -> str:
    """A label as compared: case, accents, dots and repeated spaces ignored.

    Examples
    --------
    >>> normal_text("  Lunedì "), normal_text("TikTok"), normal_text("Crisi")
    ('lunedi', 'tiktok', 'crisi')
    >>> normal_text("Social pays for itself!"), normal_text('"monitor"')
    ('social pays for itself', 'monitor')
    """
    folded = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    words = " ".join(folded.casefold().replace(".", " ").split())
    return words.strip(_END_PUNCTUATION) or words


def label_key(value: Any, vocabulary: dict[str, str] | None = None) -> str:
    """The key a label is matched by: :func:`normal_text`, then a day or month name if known.

    Examples
    --------
    >>> label_key("Lunedì", _DAY_OF), label_key("Mon", _DAY_OF), label_key("Instagram")
    ('monday', 'monday', 'instagram')
    """
    key = normal_text(value)
    if vocabulary:
        return vocabulary.get(key, key)
    return key


def day_name(value: Any) -> str | None:
    """The English name of a weekday written in English, Italian or French, in full or short.

    Examples
    --------
    >>> day_name("Lunedì"), day_name("tue"), day_name("Samedi"), day_name("Funday")
    ('Monday', 'Tuesday', 'Saturday', None)
    """
    if not isinstance(value, str):
        return None
    found = _DAY_OF.get(normal_text(value))
    return found.capitalize() if found else None


def _vocabulary(labels: Sequence[Any]) -> dict[str, str] | None:
    """Day or month names when every expected label is one, else None."""
    keys = [normal_text(v) for v in labels]
    for table in (_DAY_OF, _MONTH_OF):
        if keys and all(k in table for k in keys):
            return table
    return None


def _labelled(index: pd.Index) -> bool:
    """True for an index of real labels; False for a default 0..n-1 position index."""
    if isinstance(index, pd.RangeIndex):
        return False
    if pd.api.types.is_integer_dtype(index.dtype) and list(index) == list(range(len(index))):
        return False
    return True


def same(got: Any, expected: Any, *, tolerance: Tolerance = Tolerance(),
         ordered: bool = False) -> bool:
    """True if ``got`` matches ``expected`` (see :func:`difference`).

    Examples
    --------
    >>> same(pd.Series([1, 2]), pd.Series([2, 1]))
    True
    >>> same([1, 2], [2, 1], ordered=True)
    False
    >>> same(pd.Series([1, 2], index=["a", "b"]), pd.Series([2, 1], index=["a", "b"]))
    False
    """
    return difference(got, expected, tolerance=tolerance, ordered=ordered, variable="x") is None


def difference(got: Any, expected: Any, *, variable: str, tolerance: Tolerance = Tolerance(),
               ordered: bool = False) -> str | None:
    """Return why ``got`` differs from ``expected`` (a learner-facing sentence), or None.

    ``""`` means "a different number": the caller words it (a named mistake, a
    percentage, or plain advice).

    Examples
    --------
    >>> difference(3, 3.0, variable="n") is None
    True
    >>> difference("Yes ", "yes", variable="d") is None
    True
    >>> difference([1, 2, 3], [1, 2], variable="steps")
    'steps should have 2 items; it has 3.'
    >>> difference(pd.Series({"Instagram": 1234}), pd.Series({"Instagram": 1432}), variable="s")
    's: for Instagram your value is 1,234, expected 1,432.'
    """
    if is_number(expected):
        if not is_number(got):
            if isinstance(got, pd.Series | pd.DataFrame | np.ndarray) and np.size(got) == 1:
                got = np.asarray(got).ravel()[0]
                if is_number(got):
                    return difference(got, expected, variable=variable, tolerance=tolerance)
            return text("not_a_number", variable=variable, got=describe(got))
        return None if tolerance.close(got, expected) else ""
    if isinstance(expected, str):
        if not isinstance(got, str):
            return text("wrong_type", variable=variable, expected=text("expected_text"),
                        got=describe(got))
        vocabulary = _vocabulary([expected])
        return None if label_key(got, vocabulary) == label_key(expected, vocabulary) else ""
    if isinstance(expected, pd.DataFrame | pd.Series):
        compare = _table_difference if isinstance(expected, pd.DataFrame) else _series_difference
        problem = compare(got, expected, variable, tolerance, ordered)
        if problem and tolerance.rounding and _numeric(expected):
            # the whole table rounded as the notebook prints it (board.round(3)): small
            # values may round to 0, which no single number's rule could accept
            for decimals in TABLE_DECIMALS:
                if compare(got, expected.round(decimals), variable, EXACT, ordered) is None:
                    return None
        return problem
    if isinstance(expected, list | tuple):
        return _list_difference(got, expected, variable, tolerance, ordered)
    try:
        return None if bool(got == expected) else ""
    except (TypeError, ValueError):
        return ""


def _cell_same(got: Any, want: Any, tolerance: Tolerance, vocabulary: dict | None = None) -> bool:
    """One value against another: numbers within tolerance, texts as labels, NaN equals NaN."""
    if is_number(want):
        return is_number(got) and tolerance.close(got, want)
    if _missing(want):
        return _missing(got)
    if isinstance(want, str):
        return isinstance(got, str) and label_key(got, vocabulary) == label_key(want, vocabulary)
    if isinstance(want, pd.Timestamp | np.datetime64):
        try:
            return pd.Timestamp(got) == pd.Timestamp(want)
        except (TypeError, ValueError):
            return False
    try:
        return bool(got == want)
    except (TypeError, ValueError):
        return False


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _sort_key(value: Any) -> tuple[int, Any]:
    if is_number(value):
        return (0, float(value))
    if isinstance(value, str):
        return (1, normal_text(value))
    return (2, repr(value))


def _list_difference(got: Any, expected: Sequence[Any], variable: str, tolerance: Tolerance,
                     ordered: bool) -> str | None:
    if isinstance(got, pd.Series | np.ndarray):
        got = list(got)
    if not isinstance(got, list | tuple):
        return text("wrong_type", variable=variable, expected=text("expected_list"),
                    got=describe(got))
    got, expected = list(got), list(expected)
    if len(got) != len(expected):
        return text("wrong_length", variable=variable, expected=len(expected), got=len(got))
    vocabulary = _vocabulary([e for e in expected if isinstance(e, str)])
    if ordered:
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            if not _cell_same(g, e, tolerance, vocabulary):
                if _list_difference(got, expected, variable, tolerance, False) is None:
                    return text("wrong_order_at", variable=variable, position=i + 1,
                                got=describe(g), expected=describe(e))
                break
        else:
            return None
    remaining = list(expected)
    for g in sorted(got, key=_sort_key):
        match = next((i for i, e in enumerate(remaining) if _cell_same(g, e, tolerance,
                                                                       vocabulary)), None)
        if match is None:
            return text("list_unexpected_item", variable=variable, got=describe(g))
        remaining.pop(match)
    return None


# ---------------------------------------------------------------------------------------------
# Series: label with value
# ---------------------------------------------------------------------------------------------


def as_series(got: Any, expected: pd.Series) -> pd.Series | None:
    """The learner's answer as a Series shaped like ``expected``, if it reasonably is one.

    Accepted: a Series; a one-column table; a two-column table whose first
    column holds the labels (``reset_index()``); a dict of label -> value.

    Examples
    --------
    >>> want = pd.Series([1.0, 2.0], index=pd.Index(["a", "b"], name="platform"))
    >>> as_series(pd.DataFrame({"platform": ["a", "b"], "n": [1, 2]}), want).to_dict()
    {'a': 1, 'b': 2}
    >>> as_series({"a": 1, "b": 2}, want).to_dict()
    {'a': 1, 'b': 2}
    """
    if isinstance(got, pd.Series):
        return got
    if isinstance(got, dict):
        return pd.Series(got)
    if not isinstance(got, pd.DataFrame):
        return None
    if got.shape[1] == 1:
        return got.iloc[:, 0]
    if got.shape[1] == 2 and not _labelled(got.index):
        first, second = got.columns
        value_first = pd.api.types.is_numeric_dtype(got[first].dtype) and not \
            pd.api.types.is_numeric_dtype(got[second].dtype)
        labels, values = (second, first) if value_first else (first, second)
        return pd.Series(got[values].to_numpy(), index=pd.Index(got[labels], name=labels))
    if expected.name is not None and expected.name in got.columns:
        return got[expected.name]
    return None


def _series_difference(got: Any, expected: pd.Series, variable: str, tolerance: Tolerance,
                       ordered: bool) -> str | None:
    series = as_series(got, expected)
    if series is None:
        return text("wrong_type", variable=variable, expected=text("expected_series"),
                    got=describe(got))
    labelled = _labelled(expected.index)
    if not labelled:
        values = series.to_numpy()
        return _list_difference(list(values), list(expected.to_numpy()), variable, tolerance,
                                ordered)
    if not _labelled(series.index) and len(series) == len(expected):
        return text("series_no_labels", variable=variable,
                    labels=_names([str(k) for k in expected.index]))
    vocabulary = _vocabulary([k for k in expected.index if isinstance(k, str)])
    return _pairs_difference(list(series.index), list(series.to_numpy()),
                             list(expected.index), list(expected.to_numpy()),
                             variable, tolerance, ordered, vocabulary, column=None)


def _pairs_difference(got_labels: list[Hashable], got_values: list[Any],
                      want_labels: list[Hashable], want_values: list[Any], variable: str,
                      tolerance: Tolerance, ordered: bool, vocabulary: dict | None,
                      column: str | None, value_message: str = "series_value_at") -> str | None:
    """Compare label -> value pairs: missing labels, extra labels, then each value.

    ``value_message`` is the catalogue key that words a value that differs (a chart
    says "In your chart, Instagram is ...").
    """
    def key(label: Hashable) -> str:
        if isinstance(label, tuple):
            return " / ".join(label_key(part, vocabulary) for part in label)
        return label_key(label, vocabulary)

    got_map: dict[str, Any] = {}
    for label, value in zip(got_labels, got_values, strict=True):
        k = key(label)
        if k in got_map:
            return text("duplicate_label", variable=variable, label=str(label))
        got_map[k] = value
    want_keys = [key(label) for label in want_labels]
    missing = [str(label) for label, k in zip(want_labels, want_keys, strict=True)
               if k not in got_map]
    extra = [str(label) for label in got_labels if key(label) not in set(want_keys)]
    if missing or extra:
        if missing and extra:
            return text("labels_differ", variable=variable, missing=_names(missing),
                        extra=_names(extra))
        if missing:
            return text("labels_missing", variable=variable, missing=_names(missing))
        return text("labels_extra", variable=variable, extra=_names(extra))
    decimals = column_decimals(got_values) if tolerance.rounding else None
    for label, k, want in zip(want_labels, want_keys, want_values, strict=True):
        got = got_map[k]
        if not _cell_same(got, want, tolerance) and not rounded_in_column(got, want, decimals):
            shown = str(label) if not isinstance(label, tuple) else " / ".join(map(str, label))
            if column is not None:
                return text("table_value_at", variable=variable, label=shown, column=column,
                            got=describe(got), expected=describe(want))
            return text(value_message, variable=variable, label=shown, got=describe(got),
                        expected=describe(want))
    if ordered and [key(label) for label in got_labels] != want_keys:
        return text("wrong_order_labels", variable=variable,
                    expected=_names([str(label) for label in want_labels], 5))
    return None


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------


def _column_map(got: pd.DataFrame, wanted: Sequence[Hashable]) -> dict[Hashable, Hashable]:
    """Expected column -> the learner's column of the same name (case and spaces ignored)."""
    by_key = {normal_text(c).replace(" ", "_"): c for c in got.columns}
    out = {}
    for column in wanted:
        found = by_key.get(normal_text(column).replace(" ", "_"))
        if found is not None:
            out[column] = found
    return out


def _table_difference(got: Any, expected: pd.DataFrame, variable: str, tolerance: Tolerance,
                      ordered: bool) -> str | None:
    if isinstance(got, pd.Series) and expected.shape[1] == 1:
        got = got.to_frame(expected.columns[0])
    if not isinstance(got, pd.DataFrame):
        return text("wrong_type", variable=variable, expected=text("expected_table"),
                    got=describe(got))
    labelled = _labelled(expected.index)
    keys: list[Hashable] = []
    if labelled:
        names = [n if n is not None else f"level_{i}" if expected.index.nlevels > 1 else "index"
                 for i, n in enumerate(expected.index.names)]
        expected = expected.rename_axis(names).reset_index()
        keys = names
        if _labelled(got.index):
            got_names = [n if n is not None else names[i] if i < len(names) else f"level_{i}"
                         for i, n in enumerate(got.index.names)]
            got = got.rename_axis(got_names).reset_index()
    columns = _column_map(got, list(expected.columns))
    missing = [str(c) for c in expected.columns if c not in columns]
    if missing and _labelled(got.index):
        # the labels kept as the index (set_index("system")) where the question has a column
        names = [n if n is not None else "index" for n in got.index.names]
        widened = got.rename_axis(names).reset_index()
        if not [c for c in expected.columns if c not in _column_map(widened,
                                                                     list(expected.columns))]:
            got = widened
            columns = _column_map(got, list(expected.columns))
            missing = []
    if missing:
        if keys and all(str(k) in missing for k in keys) and len(missing) == len(keys) \
                and len(got) == len(expected):
            return text("table_no_labels", variable=variable, labels=_names(list(map(str, keys))))
        return text("columns_missing", variable=variable, missing=_names(missing),
                    got=_names([str(c) for c in got.columns]))
    got = got[[columns[c] for c in expected.columns]].set_axis(list(expected.columns), axis=1)
    if len(got) != len(expected):
        return text("wrong_rows", variable=variable, expected=len(expected), got=len(got))
    if not keys:
        keys = [c for c in expected.columns
                if not pd.api.types.is_numeric_dtype(expected[c].dtype)
                and expected[c].map(normal_text).is_unique]
        keys = keys[:1]
    if keys:
        vocabulary = _vocabulary([v for k in keys for v in expected[k] if isinstance(v, str)])
        labels_got = _row_labels(got, keys)
        labels_want = _row_labels(expected, keys)
        for column in expected.columns:
            if column in keys:
                continue
            problem = _pairs_difference(labels_got, list(got[column]), labels_want,
                                        list(expected[column]), variable, tolerance, ordered,
                                        vocabulary, column=str(column))
            if problem:
                return problem
        if not [c for c in expected.columns if c not in keys]:
            return _pairs_difference(labels_got, [0] * len(got), labels_want,
                                     [0] * len(expected), variable, tolerance, ordered,
                                     vocabulary, column=None)
        return None
    if not ordered:
        order = list(expected.columns)
        got = got.sort_values(order, key=lambda s: s.map(_sort_key), ignore_index=True)
        expected = expected.sort_values(order, key=lambda s: s.map(_sort_key), ignore_index=True)
    for column in expected.columns:
        for i, (g, e) in enumerate(zip(got[column], expected[column], strict=True)):
            if not _cell_same(g, e, tolerance):
                return text("table_value_row", variable=variable, row=i + 1, column=str(column),
                            got=describe(g), expected=describe(e))
    return None


def _row_labels(table: pd.DataFrame, keys: Sequence[Hashable]) -> list[Hashable]:
    if len(keys) == 1:
        return list(table[keys[0]])
    return list(zip(*(table[k] for k in keys), strict=True))
