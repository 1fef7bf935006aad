"""What an export format is, and the one conversion every format goes through.

A :class:`Format` says which header names identify an export (``signature``),
which of its columns fill which course column (``columns``, names as
:func:`~smmlab.io._sniff.normalize_header` writes them, the preferred one
first), and how sure we are of it (``confidence``, the reference's A/B/C).
:func:`convert` turns the rows under the header into course columns: numbers
and dates parsed, summary rows left out, notes on what was done. A format
with more to do (a platform read from a ``Post type``, a metric name in the
preamble) has a ``prepare`` hook.

Examples
--------
>>> fmt = Format("demo", "demo.posts", "posts", "A", "en", ("likes",), {"likes": ("likes",)},
...              platform="X")
>>> fmt.matches({"likes", "other"})
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from smmlab.datasets import DATASETS
from smmlab.io._dates import localize, parse_dates
from smmlab.io._messages import MESSAGES
from smmlab.io._numbers import is_damaged_id, is_missing, parse_numbers, to_counts
from smmlab.io._schema import course_frame
from smmlab.synth.brand import PLATFORMS

#: Cell texts of summary rows (compared case-insensitively): they are left out.
SUMMARY_WORDS = frozenset({"total", "totals", "totale", "totali", "totaux", "lifetime",
                           "grand total", "totale complessivo", "summary"})
#: Columns an export can fill besides the course's own: the platform's ID of a post, and
#: the per-mention fields listening exports have.
EXTRA_KINDS = {"source_id": "text", "sentiment": "text", "author": "text", "key": "text"}


@dataclasses.dataclass(frozen=True)
class Raw:
    """The rows of one export under its header, as text.

    ``frame`` has one column per header name (normalised; the first of
    duplicated names), ``header`` the names as written, ``preamble`` the rows
    above the header.
    """

    frame: pd.DataFrame
    header: tuple[str, ...]
    preamble: tuple[tuple[str, ...], ...]
    path: Path
    sheet: str | None


@dataclasses.dataclass(frozen=True)
class Options:
    """What the caller said about the files (``read_export``'s keywords)."""

    platform: str | None = None
    timezone: str | None = None
    dayfirst: bool | None = None
    as_of: dt.date | None = None


@dataclasses.dataclass
class Prepared:
    """Course column -> cell texts (or ready values), plus what a hook noted."""

    cells: dict[str, pd.Series]
    notes: list[str]
    platform: str | None = None
    facts: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Format:
    """One export format: how to recognise it and how its columns map to the course's.

    Attributes
    ----------
    family : str
        The format's name in :mod:`smmlab.io._messages` (``label.<family>``).
    key : str
        Unique id, ``family.language`` (``meta.posts.it``).
    table : str
        The course table it fills.
    confidence : str
        ``A`` (real files seen, or several sources agree), ``B`` (one source
        describing a real file) or ``C`` (fixtures and parser aliases only).
    language : str
        The export's language (its default decimal mark follows).
    signature : tuple of str
        Header names that must all be present.
    columns : mapping
        Course column -> header names that fill it, preferred first.
    platform : str or None
        The platform, when the format says it.
    prepare : callable or None
        ``prepare(raw, prepared, options) -> None``: format-specific work on the
        cells before they are parsed.
    summary : tuple of str
        Header names; the first present is blank or a summary word (``Total``)
        on summary rows, which are left out.
    renamed : mapping
        Header name -> why it fills its course column (a note for the learner).
    """

    family: str
    key: str
    table: str
    confidence: str
    language: str
    signature: tuple[str, ...]
    columns: Mapping[str, tuple[str, ...]]
    platform: str | None = None
    prepare: Callable[[Raw, Prepared, Options], None] | None = None
    summary: tuple[str, ...] = ()
    renamed: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def label(self) -> str:
        """The format's name, as the learner reads it."""
        return MESSAGES.text(f"label.{self.family}")

    @property
    def decimal(self) -> str:
        """The decimal mark of the export's language."""
        return "." if self.language == "en" else ","

    def matches(self, names: set[str]) -> bool:
        """True if every signature name is among the header ``names``."""
        return set(self.signature) <= names

    def score(self, names: set[str]) -> tuple[int, int]:
        """How well the header fits: signature size, then mapped columns present."""
        present = sum(any(a in names for a in aliases) for aliases in self.columns.values())
        return len(self.signature), present


def pick(raw: Raw, aliases: tuple[str, ...]) -> tuple[str | None, pd.Series | None]:
    """The first of ``aliases`` in the export, and its cells (or ``(None, None)``)."""
    for alias in aliases:
        if alias in raw.frame.columns:
            return alias, raw.frame[alias]
    return None, None


_PATH_PLATFORM = {p.casefold(): p for p in PLATFORMS} | {"twitter": "X", "ig": "Instagram",
                                                          "fb": "Facebook"}


def platform_from_path(path: Path) -> str | None:
    """A platform named in the file's name or one of its two parent folders, if exactly one.

    Examples
    --------
    >>> platform_from_path(Path("exports/Instagram/Views.csv"))
    'Instagram'
    >>> platform_from_path(Path("Views.csv")) is None
    True
    """
    words = set()
    for part in (path.stem, path.parent.name, path.parent.parent.name):
        words |= set(re.findall(r"[a-z]+", part.casefold()))
    found = {_PATH_PLATFORM[w] for w in words if w in _PATH_PLATFORM}
    return found.pop() if len(found) == 1 else None


def check_platform(value: object, param: str = "platform") -> str | None:
    """Return ``value`` if it is None or a platform of the course.

    Examples
    --------
    >>> check_platform("TikTok")
    'TikTok'
    """
    if value is None or (isinstance(value, str) and value in PLATFORMS):
        return value
    raise ValueError(MESSAGES.text("platform", param=param, allowed=list(PLATFORMS),
                                   value=value))


_BOOLS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


def _is_summary(cell: object) -> bool:
    return is_missing(cell) or str(cell).strip().casefold() in SUMMARY_WORDS


def _kind(table: str, column: str) -> str:
    for col in DATASETS[table].columns:
        if col.name == column:
            return col.kind
    return EXTRA_KINDS[column]


def convert(raw: Raw, fmt: Format, options: Options) -> tuple[pd.DataFrame, Prepared]:
    """Turn an export's rows into course columns (not yet merged or numbered).

    Returns
    -------
    (pandas.DataFrame, Prepared)
        The rows, with the course columns the export fills (the others
        missing), and what was noted on the way (``notes``; ``facts`` such as
        the currency). A listening export gives one row per mention (columns
        ``timestamp``, ``sentiment``, ``author``, ``key``).

    Raises
    ------
    ValueError
        A cell that cannot be read (the message names it), an ambiguous date
        order, or a platform or time zone the file does not say and the caller
        did not give.
    """
    prepared = Prepared({}, [])
    for column, aliases in fmt.columns.items():
        header, cells = pick(raw, aliases)
        if cells is None:
            continue
        prepared.cells[column] = cells.reset_index(drop=True)
        if header in fmt.renamed:
            why = MESSAGES.text(fmt.renamed[header])
            prepared.notes.append(MESSAGES.text("note.renamed", course=column,
                                                header=header, why=why))
    if fmt.prepare is not None:
        fmt.prepare(raw, prepared, options)
    n = len(raw.frame)
    keep = pd.Series(True, index=range(n))
    marker = pick(raw, fmt.summary)[1]
    if marker is not None:
        keep = ~marker.reset_index(drop=True).map(_is_summary).astype(bool)
        if (~keep).any():
            prepared.notes.append(MESSAGES.text("note.summary_rows", n=int((~keep).sum())))
    cells = {c: (v[keep.to_numpy()].reset_index(drop=True) if len(v) == n else v)
             for c, v in prepared.cells.items()}
    n = int(keep.sum())
    data: dict[str, object] = {}
    for column, values in cells.items():
        data[column] = _typed(fmt, raw, column, values, options, prepared.notes)
    key = {"campaigns": "channel", "mentions": None}.get(fmt.table, "platform")
    if key is not None and key not in data:
        platform = fmt.platform or prepared.platform or options.platform
        platform = platform or platform_from_path(raw.path)
        if platform is None and key == "platform":
            raise ValueError(MESSAGES.text("platform_needed", path=raw.path.name,
                                           label=fmt.label, allowed=list(PLATFORMS),
                                           name=raw.path.name))
        data[key] = [platform] * n  # an ad report need not say (Meta ads run on both)
    if fmt.table == "mentions" and "mentions" not in data:  # one row per mention
        frame = pd.DataFrame({c: data.get(c, [None] * n)
                              for c in ("timestamp", "sentiment", "author", "key")})
        return frame, prepared
    return course_frame(fmt.table, data, n, timezone=options.timezone or "UTC"), prepared


def _typed(fmt: Format, raw: Raw, column: str, values: pd.Series, options: Options,
           notes: list[str]) -> object:
    if values.dtype != object and not pd.api.types.is_string_dtype(values.dtype):
        return values  # a hook gave ready values
    kind = _kind(fmt.table, column)
    header = pick(raw, fmt.columns.get(column, ()))[0] or column
    if kind in ("int", "nullable int", "float"):
        numbers = parse_numbers(values, default=fmt.decimal)
        return to_counts(numbers, header) if kind != "float" else numbers
    if kind in ("timestamp", "date"):
        parsed = parse_dates(values, dayfirst=options.dayfirst, as_of=options.as_of,
                             column=header)
        if parsed.order is not None:
            how = (parsed.order if options.dayfirst is None
                   else "dayfirst" if options.dayfirst else "monthfirst")
            note = MESSAGES.text("note.dates", order=MESSAGES.text(f"note.order.{how}"))
            if note not in notes:
                notes.append(note)
        if kind == "date":
            stamps = parsed.values
            if stamps.dt.tz is not None:
                stamps = stamps.dt.tz_convert(options.timezone or "UTC").dt.tz_localize(None)
            return stamps.dt.normalize()
        if not parsed.has_time:
            notes.append(MESSAGES.text("note.no_time", column=header))
        if parsed.values.dt.tz is None and options.timezone is None:
            raise ValueError(MESSAGES.text("timezone_needed", path=raw.path.name,
                                           column=header))
        return localize(parsed.values, options.timezone or "UTC")
    texts = values.where(~values.map(is_missing).astype(bool))
    if kind == "bool":
        return texts.str.strip().str.casefold().map(_BOOLS).astype("object")
    if column == "source_id":
        texts = texts.str.strip()
        damaged = texts[texts.map(is_damaged_id, na_action="ignore").fillna(False).astype(bool)]
        if len(damaged):
            notes.append(MESSAGES.text("note.damaged_ids", n=len(damaged),
                                       example=damaged.iloc[0]))
    return texts


__all__ = [
    "EXTRA_KINDS",
    "SUMMARY_WORDS",
    "Format",
    "Options",
    "Prepared",
    "Raw",
    "check_platform",
    "convert",
    "pick",
    "platform_from_path",
]
