"""Frozen course data: load it with ready dtypes, read its data dictionary, write new copies.

The canonical brand's tables live as CSV files in the repository's
``datasets/`` folder (they open in Excel); notebooks that quote numbers load
them from there, so the numbers never move. ``write_course_data`` writes any
other brand (a seed or a learner id) the same way. Every data folder also holds
``provenance.json``, the generator call that wrote it; :func:`provenance` reads
it, so the answer key of any folder can be rebuilt.

Examples
--------
>>> from smmlab import datasets
>>> posts = datasets.load("posts")
>>> posts["platform"].dtype.ordered
True
>>> datasets.describe("posts").columns.tolist()
['column', 'dtype', 'unit', 'meaning']
"""

from __future__ import annotations

import collections
import os
import shutil
from pathlib import Path

import pandas as pd

from smmlab._files import make_temp_dir
from smmlab._messages import Catalog
from smmlab._random import RandomState, learner_seed, root_seed
from smmlab.datasets._provenance import PROVENANCE_FILE, Provenance, provenance
from smmlab.datasets.dictionary import DATASETS, KINDS, Column

MESSAGES = Catalog(
    {
        "en": {
            "unknown": "There is no dataset called {name!r}. The datasets are: {valid}.",
            "no_data": (
                "No course data found in {path}. Run `smmlab generate --canonical` to rebuild "
                "the frozen datasets, or pass data_dir= pointing to a folder written by "
                "`smmlab generate`."
            ),
            "missing_file": (
                "{path} is missing. That folder does not hold the {name!r} dataset; write it "
                "with `smmlab generate --out {folder}`."
            ),
            "no_truth": (
                "{folder} holds your own exports (imported with `smmlab import`): real data "
                "has no planted events, so there is no truth_events answer key to score an "
                "alarm against. Read the mentions of each alert to judge it instead."
            ),
            "not_empty": (
                "{path} already exists and is not empty. Choose another folder, or pass "
                "overwrite=True (`--force` on the command line) to replace the course files "
                "in it."
            ),
            "not_folder": "{path} exists and is not a folder; out_dir must be a folder.",
            "readme_title": "# Course data: {name}",
            "readme_intro": (
                "These CSV files are the course data of **{name}**, a fictional {industry} "
                "brand in {country} (money in {currency}, times in {timezone}). They were "
                "written by `{command}` from the data dictionary in "
                "`smmlab/datasets/dictionary.py`; do not edit them by hand. "
                "`provenance.json` records the generator call that made them (read it with "
                "`datasets.provenance(folder)`), so their answer key can be rebuilt."
            ),
            "readme_load": (
                "Load a table with ready types (categories, time zones) in Python:\n\n"
                "```python\nfrom smmlab import datasets\nposts = datasets.load(\"posts\"{extra})"
                "\ndatasets.describe(\"posts\")   # the columns below\n```\n\n"
                "The files are UTF-8 CSV with a comma separator. In Excel with Italian or "
                "French settings, open them with Data > From Text/CSV so the commas split "
                "the columns."
            ),
            "readme_tables": "## Tables",
            "readme_real": (
                "## Real data: `real_mentions/`\n\n"
                "Beside the generated tables, the course ships five **real** series of "
                "Twitter mentions of large companies (Apple, Salesforce, Facebook, Coca-Cola, "
                "UPS; February-April 2015, one count every 5 minutes) with labelled anomaly "
                "windows, from the Numenta Anomaly Benchmark (NAB, `data/realTweets/`). They "
                "are not generated: they are copied as published, under the MIT licence, "
                "copyright Numenta Inc. (`real_mentions/LICENSE.txt`). Lesson 05 runs its "
                "alarm on them; `smmlab.detect.load_real_mentions()` reads them as hourly "
                "counts. See `real_mentions/README.md` for the files and the scoring rule."
            ),
            "readme_columns": "Columns",
        }
    }
)

FLOAT_FORMAT = "%.10g"
ENCODING = "utf-8-sig"  # the byte-order mark makes Excel read accents correctly


def _repo_data_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "datasets"


def data_dir() -> Path:
    """Return the folder holding the frozen canonical CSV files.

    An installed wheel carries them inside the package (``smmlab/_data``); a
    source checkout reads the repository's ``datasets/`` folder.

    Examples
    --------
    >>> (data_dir() / "posts.csv").exists()
    True
    """
    return _frozen_dir()


def _frozen_dir() -> Path:
    packaged = Path(__file__).resolve().parents[1] / "_data"
    return packaged if (packaged / "posts.csv").exists() else _repo_data_dir()


def list_datasets() -> list[str]:
    """Return the dataset names, in the order the course introduces them.

    Examples
    --------
    >>> list_datasets()[:3]
    ['brand', 'platforms', 'posts']
    """
    return list(DATASETS)


def _check_name(name: object) -> str:
    if not isinstance(name, str) or name not in DATASETS:
        raise ValueError(MESSAGES.text("unknown", name=name, valid=", ".join(DATASETS)))
    return name


def _dtype_label(column: Column) -> str:
    return KINDS[column.kind]


def describe(name: str) -> pd.DataFrame:
    """Return the data dictionary of dataset ``name``: column, dtype, unit, meaning.

    Parameters
    ----------
    name : str
        One of :func:`list_datasets`.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    ValueError
        If ``name`` is not a dataset; the message lists the valid names.

    Examples
    --------
    >>> describe("mentions").loc[0, "column"]
    'timestamp'
    """
    dataset = DATASETS[_check_name(name)]
    rows = []
    for col in dataset.columns:
        meaning = col.meaning
        if col.categories:
            meaning = f"{meaning} Values: {', '.join(col.categories)}."
        rows.append(
            {"column": col.name, "dtype": _dtype_label(col), "unit": col.unit, "meaning": meaning}
        )
    return pd.DataFrame(rows, columns=["column", "dtype", "unit", "meaning"]).astype("str")


def _read_dtypes(columns: tuple[Column, ...]) -> dict[str, object]:
    dtypes: dict[str, object] = {}
    for col in columns:
        if col.kind in ("category", "ordered category") and not col.categories:
            dtypes[col.name] = "str"  # categories from the data, in order (see ``load``)
        elif col.kind in ("category", "ordered category"):
            dtypes[col.name] = pd.CategoricalDtype(
                list(col.categories), ordered=col.kind == "ordered category"
            )
        elif col.kind in ("timestamp", "date"):
            dtypes[col.name] = "str"
        elif col.kind in _NULLABLE:
            dtypes[col.name] = _NULLABLE[col.kind]  # the plain dtype again if nothing is missing
        else:
            dtypes[col.name] = KINDS[col.kind]
    return collections.defaultdict(lambda: "str", dtypes)  # extra columns (an import's IDs)


#: Kinds read as nullable dtypes, so that a folder written by ``smmlab import`` can leave a
#: value its exports lack missing; a column with no missing value gets the plain dtype back.
_NULLABLE = {"int": "Int64", "bool": "boolean"}


def _timezone(folder: Path) -> str:
    brand = pd.read_csv(folder / "brand.csv", encoding=ENCODING, usecols=["timezone"])
    return str(brand.loc[0, "timezone"])


#: The record ``smmlab import`` writes in a folder of your own exports (smmlab.io.folder).
IMPORT_RECORD = "sources.json"


def load(name: str, *, data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load dataset ``name`` with ready dtypes.

    Platforms and other fixed labels come as (ordered) categoricals, timestamps
    as tz-aware datetimes in the brand's time zone, dates as datetimes, counts
    as int64 and possibly-empty counts as nullable ``Int64``, as seaborn's
    ``load_dataset`` prepares its tables. A folder written by ``smmlab import``
    may leave values its exports lack empty: such a count column comes as
    ``Int64`` and such a true/false column as ``boolean``, with the values
    missing (never 0 or False); columns beyond the course's come as text.

    Parameters
    ----------
    name : str
        One of :func:`list_datasets`.
    data_dir : path or None, default=None
        A folder written by :func:`write_course_data` (``smmlab generate``);
        ``None`` loads the frozen canonical data.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    ValueError
        For an unknown name (the message lists the valid ones) or a folder
        without that dataset.

    Examples
    --------
    >>> load("mentions")["timestamp"].dt.tz is not None
    True
    """
    dataset = DATASETS[_check_name(name)]
    folder = Path(data_dir) if data_dir is not None else _frozen_dir()
    path = folder / f"{name}.csv"
    if not path.exists():
        if name == "truth_events" and (folder / IMPORT_RECORD).is_file():
            raise ValueError(MESSAGES.text("no_truth", folder=folder))
        key = "no_data" if data_dir is None else "missing_file"
        raise ValueError(MESSAGES.text(key, path=path if data_dir else folder, name=name,
                                       folder=folder))
    frame = pd.read_csv(path, dtype=_read_dtypes(dataset.columns), encoding=ENCODING,
                        keep_default_na=False, na_values=[""])
    tz = None
    for col in dataset.columns:
        if col.kind == "timestamp":
            tz = tz or _timezone(folder)
            parsed = pd.to_datetime(frame[col.name], utc=True, format="ISO8601")
            frame[col.name] = parsed.dt.tz_convert(tz).dt.as_unit("us")
        elif col.kind == "date":
            frame[col.name] = pd.to_datetime(frame[col.name], format="%Y-%m-%d").dt.as_unit("us")
        elif col.kind in _NULLABLE and not frame[col.name].hasnans:
            frame[col.name] = frame[col.name].astype(KINDS[col.kind])
        elif col.kind in ("category", "ordered category") and not col.categories:
            frame[col.name] = pd.Categorical(
                frame[col.name], categories=pd.unique(frame[col.name].dropna()),
                ordered=col.kind == "ordered category")
    return frame


def dataset_summary(*, data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Return one row per dataset: name, number of rows, description.

    Examples
    --------
    >>> dataset_summary().columns.tolist()
    ['name', 'rows', 'description']
    """
    rows = [
        {"name": n, "rows": len(load(n, data_dir=data_dir)), "description": d.description}
        for n, d in DATASETS.items()
    ]
    return pd.DataFrame(rows)


def to_csv_text(frame: pd.DataFrame) -> str:
    """Return ``frame`` as the CSV text smmlab writes (ISO times, ``\\n`` line ends).

    Examples
    --------
    >>> to_csv_text(pd.DataFrame({"a": [1.5]}))
    'a\\n1.5\\n'
    """
    return frame.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n")


def readme_text(tables: dict[str, pd.DataFrame], command: str, extra: str = "") -> str:
    """Return the README.md of a data folder, built from the data dictionary.

    Examples
    --------
    >>> from smmlab.synth import make_course_data
    >>> readme_text(make_course_data(1), "smmlab generate --seed 1").startswith("# Course data")
    True
    """
    brand = tables["brand"].iloc[0]
    out = [
        MESSAGES.text("readme_title", name=brand["name"]),
        "",
        MESSAGES.text("readme_intro", command=command, **brand.to_dict()),
        "",
        MESSAGES.text("readme_load", extra=extra),
        "",
        MESSAGES.text("readme_tables"),
        "",
        "| dataset | rows | description |",
        "| --- | ---: | --- |",
    ]
    out += [
        f"| [{n}](#{n}) | {len(tables[n]):,} | {d.description} |"
        for n, d in DATASETS.items() if n in tables
    ]
    for name, dataset in DATASETS.items():
        if name not in tables:
            continue
        out += ["", f"### {name}", "", f"{dataset.description} {dataset.note}", "",
                "| column | dtype | unit | meaning |", "| --- | --- | --- | --- |"]
        out += [f"| `{r.column}` | {r.dtype} | {r.unit} | {r.meaning} |"
                for r in describe(name).itertuples()]
    return "\n".join(out) + "\n"


def _int_seed(random_state: RandomState) -> int:
    """A whole-number seed for ``random_state``, so that the folder can record it.

    An int is kept; ``None`` (fresh entropy), a ``Generator`` (one draw) or a
    ``SeedSequence`` become a 63-bit int drawn from :func:`root_seed`, which also
    rejects bad values with a clear message.
    """
    import numbers

    import numpy as np

    root = root_seed(random_state)
    if isinstance(random_state, numbers.Integral):
        return int(random_state)
    return int(root.generate_state(1, np.uint64)[0] >> np.uint64(1))


def course_files(
    random_state: RandomState = None,
    *,
    learner: str | None = None,
    include_truth: bool = True,
    canonical: bool = False,
    extra: str = "",
) -> dict[str, str]:
    """Generate one brand's course data and return ``{file name: text}`` (nothing written).

    Besides the CSV files and ``README.md`` there is ``provenance.json``, the
    generator call that made them (see :func:`provenance`). A ``random_state``
    that is not a whole number is first turned into one, so that it can be
    recorded and the folder rebuilt.

    Examples
    --------
    >>> sorted(course_files(1))[:2]
    ['README.md', 'ab_test.csv']
    >>> '"random_state": 1' in course_files(1)["provenance.json"]
    True
    """
    from smmlab.synth import make_course_data

    if learner is not None:
        if random_state is not None:
            make_course_data(random_state, learner=learner)  # raises: give one, not both
        learner_seed(learner)  # a clear error for an id that is not one
        record = Provenance.for_call(learner=learner)
    else:
        record = Provenance.for_call(_int_seed(random_state), canonical=canonical)
    data, truth = record.course_data(return_truth=True)
    tables = dict(data)
    if include_truth:
        tables["truth_events"] = truth["events"]
    files = {f"{name}.csv": to_csv_text(frame) for name, frame in tables.items()}
    files["README.md"] = readme_text(tables, record.command, extra)
    if canonical:  # the repository's datasets/ also holds the real series (not generated)
        files["README.md"] += "\n" + MESSAGES.text("readme_real") + "\n"
    files[PROVENANCE_FILE] = record.to_json()
    return files


def _write_files(files: dict[str, str], out_dir: Path, overwrite: bool) -> list[Path]:
    """Write ``files`` into ``out_dir`` so that no reader ever sees a half-written file.

    Everything is first written to a staging folder beside ``out_dir``. A new
    folder is then renamed into place in one step; in an existing folder each
    file replaces the old one with an atomic rename. Other files there are
    left alone.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise ValueError(MESSAGES.text("not_folder", path=out_dir))
    if out_dir.is_dir() and any(out_dir.iterdir()) and not overwrite:
        raise ValueError(MESSAGES.text("not_empty", path=out_dir))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = make_temp_dir(out_dir.parent, out_dir.name)  # 0o777 & ~umask, not mkdtemp's 0o700
    try:
        for name, text in files.items():
            encoding = ENCODING if name.endswith(".csv") else "utf-8"
            with open(staging / name, "w", encoding=encoding, newline="") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
        if not out_dir.exists():
            os.replace(staging, out_dir)
        else:
            for name in files:
                os.replace(staging / name, out_dir / name)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / name for name in files]


def write_course_data(
    out_dir: str | os.PathLike[str],
    *,
    random_state: RandomState = None,
    learner: str | None = None,
    overwrite: bool = False,
    include_truth: bool = True,
) -> list[Path]:
    """Write one brand's course data as CSV files plus a README data dictionary.

    Parameters
    ----------
    out_dir : path
        Folder to write; created if needed. It must be empty or new unless
        ``overwrite=True``.
    random_state : int, numpy.random.Generator or None, default=None
        Seed of the brand.
    learner : str or None, default=None
        A learner id instead of a seed (see ``make_course_data``).
    overwrite : bool, default=False
        Replace the course files in a non-empty folder (other files stay).
    include_truth : bool, default=True
        Also write ``truth_events.csv``, the answer key of planted events.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ValueError
        Bad arguments, or a non-empty folder without ``overwrite``. Nothing is
        written then; every file is complete or absent.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_course_data(Path(tmp) / "brand", random_state=3)
    ...     sorted(p.name for p in paths)[:2]
    ['README.md', 'ab_test.csv']
    """
    out_dir = Path(out_dir)
    extra = ', data_dir="path/to/this/folder"'  # the same bytes wherever the folder lives
    files = course_files(random_state, learner=learner, include_truth=include_truth,
                         extra=extra)
    return _write_files(files, out_dir, overwrite)


def rebuild_canonical(out_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Rebuild the frozen canonical datasets (``datasets/`` in the repository).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     len(rebuild_canonical(Path(tmp) / "d")) > 5
    True
    """
    from smmlab.synth import CANONICAL_SEED

    files = course_files(CANONICAL_SEED, canonical=True)
    target = Path(out_dir) if out_dir is not None else _repo_data_dir()
    return _write_files(files, target, overwrite=True)


def canonical_files() -> dict[str, str]:
    """Return the canonical files as they would be written now (for the freshness test).

    Examples
    --------
    >>> "posts.csv" in canonical_files()
    True
    """
    from smmlab.synth import CANONICAL_SEED

    return course_files(CANONICAL_SEED, canonical=True)


__all__ = [
    "DATASETS",
    "PROVENANCE_FILE",
    "Provenance",
    "canonical_files",
    "data_dir",
    "dataset_summary",
    "describe",
    "list_datasets",
    "load",
    "provenance",
    "readme_text",
    "rebuild_canonical",
    "to_csv_text",
    "write_course_data",
]
