"""Your own exports in the course's tables: Meta, TikTok, LinkedIn, X, YouTube, listening tools.

:func:`read_export` recognises an export by its header (not by its file name or
column positions) and returns the course table it holds, with the columns and
dtypes of :func:`smmlab.datasets.describe`. A course column the export does not
have is left missing, never made up, and named in the import's report:

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = Path(tmp) / "tweets.csv"
...     _ = path.write_text('"Tweet id","Tweet permalink","time","impressions","likes"\\n'
...                         '"1","https://x.com/a/status/1","2025-10-02 16:00 +0000",'
...                         '"1777.0","12.0"\\n')
...     posts = read_export(path, timezone="Europe/Rome")
>>> posts.attrs["import"]["format"], int(posts.loc[0, "impressions"])
('x.tweets.en', 1777)
>>> "reach" in posts.attrs["import"]["missing"]
True

:func:`read_exports` reads several files, merging the rows that overlapping
exports repeat; :func:`smmlab.io.folder.write_data_folder` (``smmlab import``)
writes them as a data folder the lessons and ``smmlab report`` read.
``smmlab.io.samples`` writes the course's own brand in each export format.

The formats known, with how sure we are of each (``A`` real files seen, ``B``
one source describing a real file, ``C`` fixtures only) are in :data:`FORMATS`
and in ``datasets/README.md``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from smmlab.io import course, linkedin, listening, meta, tiktok, x, youtube
from smmlab.io._dates import check_timezone
from smmlab.io._formats import Format, Options, Raw, check_platform, convert
from smmlab.io._messages import MESSAGES
from smmlab.io._schema import TABLES, finish, missing_columns
from smmlab.io._sniff import HEADER_SEARCH_ROWS, data_rows, normalize_header, open_sheets

#: Every format smmlab reads, in the order ties are broken.
FORMATS: tuple[Format, ...] = (*meta.FORMATS, *tiktok.FORMATS, *linkedin.FORMATS,
                               *x.FORMATS, *youtube.FORMATS, *listening.FORMATS,
                               *course.FORMATS)


@dataclasses.dataclass(frozen=True)
class ImportReport:
    """What one export was and what was done with it.

    Attributes
    ----------
    path : pathlib.Path
    sheet : str or None
        The workbook sheet, for a workbook.
    format, label, confidence : str
        The format's key (:data:`FORMATS`), its name, and its evidence level.
    table : str
        The course table it fills.
    rows : int
        Rows read (mentions: single mentions).
    missing : tuple of str
        Course columns the export does not fill: left missing.
    notes : tuple of str
        What was done: summary rows left out, dates read day first...
    facts : dict
        What the file says about the account: ``currency``, ``account`` name.
    """

    path: Path
    sheet: str | None
    format: str
    label: str
    confidence: str
    table: str
    rows: int
    missing: tuple[str, ...]
    notes: tuple[str, ...]
    facts: dict[str, str]

    def as_dict(self) -> dict[str, object]:
        """The report as plain data (``frame.attrs["import"]``, ``sources.json``)."""
        out = dataclasses.asdict(self)
        out["path"] = self.path.name
        out["missing"], out["notes"] = list(self.missing), list(self.notes)
        return out


def _options(platform: object, timezone: object, dayfirst: object, as_of: object,
             path: Path) -> Options:
    check_platform(platform)
    if timezone is not None:
        check_timezone(timezone)
    if dayfirst is not None and not isinstance(dayfirst, bool):
        raise ValueError(MESSAGES.text("dayfirst_type", value=dayfirst))
    if as_of is None:
        as_of = dt.date.fromtimestamp(path.stat().st_mtime) if path.is_file() else None
    elif isinstance(as_of, str):
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError:
            raise ValueError(MESSAGES.text("as_of", value=as_of)) from None
    elif isinstance(as_of, dt.datetime) or not isinstance(as_of, dt.date):
        raise ValueError(MESSAGES.text("as_of", value=as_of))
    return Options(platform, timezone, dayfirst, as_of)  # type: ignore[arg-type]


def _expected() -> str:
    rows = []
    for fmt in FORMATS:
        rows.append(MESSAGES.text("expected_row", label=f"{fmt.label} ({fmt.language})",
                                  confidence=fmt.confidence,
                                  columns=", ".join(fmt.signature)))
    return "\n".join(rows)


def _find_header(rows: list[list[str]]) -> tuple[int, Format] | None:
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {normalize_header(c) for c in row if str(c).strip()}
        fits = [f for f in FORMATS if f.matches(names)]
        if fits:
            return i, max(fits, key=lambda f: f.score(names))  # first of equals: FORMATS order
    return None


def recognise(path: str | os.PathLike[str]) -> list[tuple[Format, Raw]]:
    """Return the format and rows of each table in an export (a workbook may hold several).

    Raises
    ------
    ValueError
        If nothing in the file is a known export: the message quotes the header
        found and lists the formats known.

    Examples
    --------
    >>> recognise("no-such-file.csv")
    Traceback (most recent call last):
    ...
    ValueError: no-such-file.csv does not exist or is not a file.
    """
    path = Path(path)
    found, seen = [], []
    for sheet in open_sheets(path):
        for _, rows in sheet.variants():
            hit = _find_header(rows)
            if hit is None:
                first = next((r for r in rows if any(str(c).strip() for c in r)), None)
                seen.append(first)
                continue
            start, fmt = hit
            header = [str(c) for c in rows[start]]
            width = len(header)
            names = [normalize_header(c) for c in header]
            body = data_rows(rows, start, width)
            frame = pd.DataFrame(body, columns=range(width), dtype="object")
            firsts = [i for i, n in enumerate(names) if n and n not in names[:i]]
            frame = frame[firsts]
            frame.columns = [names[i] for i in firsts]
            preamble = tuple(tuple(r) for r in rows[:start])
            found.append((fmt, Raw(frame, tuple(header), preamble, path, sheet.name)))
            break
    if not found:
        header = next((h for h in seen if h), None)
        shown = (", ".join(repr(c) for c in header[:12]) if header
                 else MESSAGES.text("nothing_read", rows=HEADER_SEARCH_ROWS))
        raise ValueError(MESSAGES.text("unrecognised", path=path.name, found=shown,
                                       expected=_expected()))
    return found


@dataclasses.dataclass
class _Part:
    fmt: Format
    frame: pd.DataFrame
    report: ImportReport


def _read_parts(path: Path, options: Options) -> list[_Part]:
    parts = []
    for fmt, raw in recognise(path):
        try:
            frame, prepared = convert(raw, fmt, options)
        except ValueError as exc:
            raise ValueError(MESSAGES.text("in_file", path=path.name, message=exc)) from None
        rows = len(frame)
        if fmt.table == "mentions" and "mentions" not in frame:
            hourly, notes = listening.hourly(frame, timezone=options.timezone or "UTC")
            missing = missing_columns(hourly, "mentions")
            prepared.notes.extend(notes)
        else:
            missing = missing_columns(frame, fmt.table)
        report = ImportReport(path, raw.sheet, fmt.key, fmt.label, fmt.confidence, fmt.table,
                              rows, tuple(missing), tuple(prepared.notes),
                              dict(prepared.facts))
        parts.append(_Part(fmt, frame, report))
    return parts


def _tables(parts: list[_Part], timezone: str) -> dict[str, pd.DataFrame]:
    """The course tables of several parts: rows of one table together, overlaps merged."""
    out = {}
    for table in TABLES:
        mine = [p for p in parts if p.fmt.table == table]
        if not mine:
            continue
        singles = [p.frame for p in mine if table == "mentions" and "mentions" not in p.frame]
        frames = [p.frame for p in mine if not (table == "mentions"
                                                and "mentions" not in p.frame)]
        if singles:
            frames.append(listening.hourly(pd.concat(singles, ignore_index=True),
                                           timezone=timezone)[0])
        frames = [f for f in frames if len(f)] or frames[:1]
        combined = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        merged, n = finish(table, combined, timezone=timezone)
        merged.attrs["merged"] = n
        out[table] = merged
    return out


def read_export(
    path: str | os.PathLike[str],
    *,
    platform: str | None = None,
    timezone: str | None = None,
    dayfirst: bool | None = None,
    as_of: dt.date | str | None = None,
    table: str | None = None,
) -> pd.DataFrame:
    """Read one export as a course table.

    Parameters
    ----------
    path : path
        A CSV file, or a workbook (``.xlsx``; ``.xls`` with xlrd installed).
    platform : str or None, default=None
        For exports that do not say which platform they come from (Meta's
        daily ``Views.csv`` exists for Facebook and Instagram): one of the
        course's platforms. ``None``: read it from the file, else from a
        platform's name in the file's name or folder.
    timezone : str or None, default=None
        IANA zone of the times the export writes without one (Meta's
        ``Publish time``); times with an offset are converted to it.
        Required when the file has times without a zone.
    dayfirst : bool or None, default=None
        For numeric dates: ``None`` reads the order from the data (a day
        above 12 tells), and asks for it when every date fits both.
    as_of : date, str or None, default=None
        The day the export was downloaded, for dates without a year (TikTok
        Studio); ``None``: the file's modification date.
    table : str or None, default=None
        For a workbook holding several tables (LinkedIn's content export:
        ``"posts"`` and ``"account_daily"``): which one; ``None`` the first.

    Returns
    -------
    pandas.DataFrame
        The course table (``posts``, ``account_daily``, ``campaigns`` or
        ``mentions``) with the dtypes of ``datasets.describe``; count columns
        with missing values are nullable ``Int64``. ``frame.attrs["import"]``
        is the :class:`ImportReport` as a dict: the format, the table, the
        ``missing`` columns and the ``notes``.

    Raises
    ------
    ValueError
        An unrecognised file (the message names what was expected and what
        was found), a bad argument (named, with the allowed values), a cell
        that cannot be read, or a date order, platform or time zone the file
        does not say.

    Examples
    --------
    >>> read_export("notes.txt")
    Traceback (most recent call last):
    ...
    ValueError: notes.txt does not exist or is not a file.
    """
    path = Path(path)
    options = _options(platform, timezone, dayfirst, as_of, path)
    parts = _read_parts(path, options)
    if table is not None:
        chosen = [p for p in parts if p.fmt.table == table]
        if not chosen:
            found = [p.fmt.table for p in parts]
            raise ValueError(MESSAGES.text("not_a_table", param="table", allowed=list(TABLES),
                                           value=table, path=path.name, found=found))
        parts = chosen[:1]
    part = parts[0]
    frame = _tables([part], timezone or "UTC")[part.fmt.table]
    merged = frame.attrs.pop("merged", 0)
    report = part.report
    if merged:
        report = dataclasses.replace(report, notes=report.notes + (
            MESSAGES.text("note.merged", n=merged),))
    frame.attrs["import"] = report.as_dict()
    return frame


@dataclasses.dataclass(frozen=True)
class Imported:
    """Several exports read together: the course tables and a report per table read.

    Attributes
    ----------
    tables : dict of str to pandas.DataFrame
        Course table name -> table, for the tables the files fill.
    reports : tuple of ImportReport
        One per file (or workbook sheet), in the order read.
    """

    tables: dict[str, pd.DataFrame]
    reports: tuple[ImportReport, ...]

    def facts(self, key: str) -> list[str]:
        """The distinct values of a fact (``"currency"``, ``"account"``) the files state."""
        return sorted({r.facts[key] for r in self.reports if key in r.facts})


def read_exports(
    paths: Iterable[str | os.PathLike[str]],
    *,
    platform: str | None = None,
    timezone: str | None = None,
    dayfirst: bool | None = None,
    as_of: dt.date | str | None = None,
) -> Imported:
    """Read several exports into course tables, merging what overlapping exports repeat.

    Files of one platform and table are put together (several months of posts,
    one daily metric a file); a row of the same post, day or hour found again
    in a later file takes that file's values (re-exports change lifetime
    totals). Every file is read before anything is returned: one bad file
    raises, naming it.

    Parameters
    ----------
    paths : iterable of path
    platform, timezone, dayfirst, as_of
        As in :func:`read_export`, for every file.

    Returns
    -------
    Imported

    Examples
    --------
    >>> read_exports([]).tables
    {}
    """
    if isinstance(paths, str | os.PathLike) or not isinstance(paths, Iterable):
        raise ValueError(MESSAGES.text("paths", value=paths))
    parts = []
    for path in map(Path, paths):
        parts.extend(_read_parts(path, _options(platform, timezone, dayfirst, as_of, path)))
    tables = _tables(parts, timezone or "UTC")
    for frame in tables.values():
        frame.attrs.pop("merged", None)
    return Imported(tables, tuple(p.report for p in parts))


__all__ = [
    "FORMATS",
    "ImportReport",
    "Imported",
    "read_export",
    "read_exports",
    "recognise",
]
