"""Opening an export: its encoding, its separator, its sheets, and where its header is.

Exports are read as text, never by position: the header row is found by its
names (:func:`find_header`), after a preamble if there is one (Meta's daily
files start with ``sep=,`` and the metric's name, LinkedIn with a note row,
Brandwatch with a report block, GA4 with ``#`` comments).

Examples
--------
>>> decode("\\ufeffa,b".encode("utf-8"))
('a,b', 'utf-8-sig')
>>> normalize_header('  "Montant dÃ©pensÃ© (EUR)" ')
'montant dépensé (eur)'
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from smmlab.io._messages import MESSAGES

#: How far down a file the header is looked for.
HEADER_SEARCH_ROWS = 40
#: Separators tried, in order, when the file does not name one with ``sep=``.
SEPARATORS = (",", ";", "\t")
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")

_SPACE = re.compile(r"\s+")


def normalize_header(name: object) -> str:
    """Return a column name as compared: no BOM, quotes or extra spaces, lower case.

    UTF-8 names that were opened as Latin-1 somewhere on their way
    (``dÃ©pensÃ©``) are repaired.

    Examples
    --------
    >>> normalize_header("Reactions, Comments and Shares")
    'reactions, comments and shares'
    """
    text = str(name).replace("\ufeff", "").replace("\x00", "").strip().strip('"').strip()
    if "Ã" in text or "Â" in text:
        try:
            text = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return _SPACE.sub(" ", text).casefold()


def decode(data: bytes) -> tuple[str, str]:
    """Return the text of a file and the encoding it was read with.

    UTF-16 (with a byte-order mark, as Meta's daily files, or without one but
    full of NUL bytes), UTF-8 with or without a BOM, else Windows-1252.

    Examples
    --------
    >>> decode("\\ufeffDate".encode("utf-16-le"))
    ('Date', 'utf-16')
    >>> decode("Città".encode("cp1252"))
    ('Città', 'cp1252')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16").lstrip("\ufeff"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig"), "utf-8-sig"
    head = data[:2000]
    if head and head.count(b"\x00") > len(head) // 4:
        little = head[1::2].count(b"\x00") >= head[0::2].count(b"\x00")
        return data.decode("utf-16-le" if little else "utf-16-be"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


@dataclasses.dataclass(frozen=True)
class Sheet:
    """One table of a file: a CSV file, or one sheet of a workbook.

    ``variants`` yields ``(separator, rows)`` for each way of splitting it (one
    for a workbook sheet), each row a list of cell texts.
    """

    name: str | None
    encoding: str
    variants: Callable[[], Iterator[tuple[str | None, list[list[str]]]]]


def _csv_rows(text: str, separator: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text.replace("\x00", ""), newline=""),
                        delimiter=separator)
    return [[cell.replace("\ufeff", "") for cell in row] for row in reader]


def _csv_sheet(text: str, encoding: str) -> Sheet:
    first = text.lstrip().split("\n", 1)[0].strip().strip('"')
    named = first[4:5] if first.lower().startswith("sep=") and len(first) >= 5 else None
    separators = (named,) if named else SEPARATORS

    def variants() -> Iterator[tuple[str | None, list[list[str]]]]:
        for sep in separators:
            yield sep, _csv_rows(text, sep)

    return Sheet(None, encoding, variants)


def _excel_sheets(path: Path) -> list[Sheet]:
    try:
        books = pd.read_excel(path, sheet_name=None, header=None, dtype=str)
    except ImportError as exc:
        raise ValueError(MESSAGES.text("excel_reader", path=path.name, error=exc)) from None
    except Exception as exc:  # noqa: BLE001 - any reader failure is "cannot open this workbook"
        raise ValueError(MESSAGES.text("excel_broken", path=path.name, error=exc)) from None
    sheets = []
    for name, frame in books.items():
        rows = [["" if pd.isna(v) else str(v) for v in row]
                for row in frame.itertuples(index=False)]
        sheets.append(Sheet(str(name), "xlsx", lambda rows=rows: iter([(None, rows)])))
    return sheets


def open_sheets(path: str | os.PathLike[str]) -> list[Sheet]:
    """Return the tables of an export file (one for CSV, one per sheet for a workbook).

    Raises
    ------
    ValueError
        If the file does not exist or a workbook cannot be opened (the message
        says which reader to install, or to save the sheet as CSV).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "a.csv"
    ...     _ = path.write_text("a;b\\n1;2\\n")
    ...     sep, rows = next(open_sheets(path)[0].variants())
    >>> sep, rows
    (',', [['a;b'], ['1;2']])
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(MESSAGES.text("no_file", path=path))
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return _excel_sheets(path)
    text, encoding = decode(path.read_bytes())
    return [_csv_sheet(text, encoding)]


def data_rows(rows: list[list[str]], start: int, width: int) -> list[list[str]]:
    """The rows below a header at ``start``: padded to ``width``, without blank rows
    and without repeats of the header (files of one export pasted one after the other).

    Examples
    --------
    >>> data_rows([["a", "b"], ["1"], [""], ["a", "b"], ["2", "3"]], 0, 2)
    [['1', ''], ['2', '3']]
    """
    header = [normalize_header(c) for c in rows[start][:width]]
    out = []
    for row in rows[start + 1:]:
        cells = (list(row) + [""] * width)[:width]
        if not any(c.strip() for c in cells):
            continue
        if [normalize_header(c) for c in cells] == header:
            continue
        out.append(cells)
    return out


__all__ = [
    "EXCEL_SUFFIXES",
    "HEADER_SEARCH_ROWS",
    "SEPARATORS",
    "Sheet",
    "data_rows",
    "decode",
    "normalize_header",
    "open_sheets",
]
