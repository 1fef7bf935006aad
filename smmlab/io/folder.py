"""``smmlab import``: your exports as a data folder the lessons and ``smmlab report`` read.

The folder holds ``posts.csv``, ``account_daily.csv``, ``campaigns.csv``,
``mentions.csv`` (empty, with their columns, when no export fills them) and
``brand.csv``, in the course's CSV layout, plus ``sources.json`` naming each
file read, its SHA-256 and the format recognised, and a README. Everything is
read before anything is written, and the folder is written as
:func:`smmlab.datasets.write_course_data` writes one (a staging folder, then
renames; file modes follow the umask): an unrecognised file writes nothing.
The same files give byte-identical output.

Examples
--------
>>> import tempfile
>>> from smmlab.io.samples import write_sample_exports, EXPORT_DAY
>>> with tempfile.TemporaryDirectory() as tmp:
...     files = write_sample_exports(Path(tmp) / "exports")
...     done = write_data_folder(files, Path(tmp) / "my-data", timezone="Europe/Rome",
...                              as_of=EXPORT_DAY)
...     sorted(p.name for p in done.written)[:3]
['README.md', 'account_daily.csv', 'brand.csv']
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from smmlab import __version__, datasets
from smmlab.datasets.dictionary import DATASETS
from smmlab.io import Imported, read_exports
from smmlab.io._dates import check_timezone
from smmlab.io._messages import MESSAGES
from smmlab.io._schema import TABLES, course_frame

#: The import record of a folder (``provenance.json`` is the generator's, so not that name).
SOURCES_FILE = datasets.IMPORT_RECORD
#: Value of the record's ``format`` key.
SOURCES_FORMAT = "smmlab-import"


@dataclasses.dataclass(frozen=True)
class ImportedFolder:
    """What ``write_data_folder`` wrote, and what it read."""

    folder: Path
    written: tuple[Path, ...]
    imported: Imported


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _currency(imported: Imported, currency: str | None) -> str:
    found = imported.facts("currency")
    if len(found) > 1:
        raise ValueError(MESSAGES.text("currencies", found=", ".join(found)))
    if currency is not None and found and currency.upper() != found[0]:
        raise ValueError(MESSAGES.text("currency_clash", found=found[0], given=currency))
    return (currency or (found[0] if found else "")).upper()


def _brand(imported: Imported, name: str | None, currency: str, timezone: str) -> pd.DataFrame:
    accounts = imported.facts("account")
    shown = name or (accounts[0] if len(accounts) == 1 else MESSAGES.text("brand_default"))
    row = {"name": shown, "industry": "", "country": "", "currency": currency,
           "timezone": timezone, "order_value": float("nan"), "gross_margin": float("nan")}
    return pd.DataFrame([row], columns=[c.name for c in DATASETS["brand"].columns])


def _sources(paths: list[Path], imported: Imported) -> str:
    files = []
    for path in paths:
        reports = [r.as_dict() for r in imported.reports if r.path == path]
        files.append({"file": path.name, "sha256": _sha256(path), "bytes": path.stat().st_size,
                      "read_as": reports})
    record = {"format": SOURCES_FORMAT, "format_version": 1, "smmlab_version": __version__,
              "sources": files}
    return json.dumps(record, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def folder_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    brand_name: str | None = None,
    currency: str | None = None,
    timezone: str | None = None,
    platform: str | None = None,
    dayfirst: bool | None = None,
    as_of: dt.date | str | None = None,
) -> tuple[dict[str, str], Imported]:
    """Read the exports and return the data folder's ``{file name: text}`` (nothing written).

    The parameters are those of :func:`write_data_folder`.

    Examples
    --------
    >>> folder_files([])[0]["posts.csv"].startswith("post_id,platform,published_at")
    True
    """
    paths = [Path(p) for p in paths]
    if timezone is not None:
        check_timezone(timezone)
    imported = read_exports(paths, platform=platform, timezone=timezone, dayfirst=dayfirst,
                            as_of=as_of)
    zone = timezone or "UTC"
    money = _currency(imported, currency)
    tables = {t: imported.tables.get(t, course_frame(t, {}, 0, timezone=zone)) for t in TABLES}
    tables["brand"] = _brand(imported, brand_name, money, zone)
    files = {f"{name}.csv": datasets.to_csv_text(frame) for name, frame in tables.items()}
    files["README.md"] = MESSAGES.text("readme", command="smmlab import")
    files[SOURCES_FILE] = _sources(paths, imported)
    return files, imported


def write_data_folder(
    paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    brand_name: str | None = None,
    currency: str | None = None,
    timezone: str | None = None,
    platform: str | None = None,
    dayfirst: bool | None = None,
    as_of: dt.date | str | None = None,
    overwrite: bool = False,
) -> ImportedFolder:
    """Import exports into a data folder (``smmlab import FILES --out DIR``).

    Parameters
    ----------
    paths : iterable of path
        The export files (any mix of platforms and tables).
    out_dir : path
        The folder to write; new or empty unless ``overwrite=True``.
    brand_name : str or None, default=None
        The brand's name in ``brand.csv``; ``None``: the account name the
        exports give, if one, else "My brand".
    currency : str or None, default=None
        ISO code of the money columns; ``None``: the one ad exports name
        (``Amount spent (EUR)``). A different one is an error.
    timezone : str or None, default=None
        The account's IANA time zone: the exports' times without a zone are
        read in it, and ``brand.csv`` records it (``None``: UTC, which works
        only for exports whose times carry an offset).
    platform, dayfirst, as_of
        As in :func:`smmlab.io.read_export`.
    overwrite : bool, default=False
        Replace the files of a non-empty folder (other files stay).

    Returns
    -------
    ImportedFolder

    Raises
    ------
    ValueError
        A file that is not a known export, a bad argument, or a non-empty
        folder without ``overwrite``. Nothing is written then.
    """
    files, imported = folder_files(paths, brand_name=brand_name, currency=currency,
                                   timezone=timezone, platform=platform, dayfirst=dayfirst,
                                   as_of=as_of)
    written = datasets._write_files(files, Path(out_dir), overwrite)
    return ImportedFolder(Path(out_dir), tuple(written), imported)


__all__ = ["SOURCES_FILE", "ImportedFolder", "folder_files", "write_data_folder"]
