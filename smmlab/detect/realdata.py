"""Real mention series with labelled anomaly windows (Numenta Anomaly Benchmark, realTweets).

The course ships them as a dataset, ``datasets/real_mentions`` (five Twitter volume series of
large brands, 5-minute counts, with NAB's labelled windows in ``labels.json``, MIT licence,
Numenta's notice in its ``LICENSE.txt``); an installed wheel carries the folder as
``smmlab/_data/real_mentions``. This module finds the folder, reads each series, sums it per
hour, and gives the windows and the end of NAB's probationary period, ready for
:func:`smmlab.detect.score_windows`.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pandas as pd

from smmlab._validate import check_int
from smmlab.detect.windows import WindowScore, probation_end, score_windows

#: Environment variable that may point at another folder of real series.
ENV_VAR = "SMMLAB_REAL_MENTIONS"
_ROOT = Path(__file__).resolve().parents[2]
#: Name of the shipped folder inside the course's frozen data (``smmlab.datasets.data_dir()``).
SHIPPED = "real_mentions"


def shipped_dir() -> Path:
    """The course's own copy: ``datasets/real_mentions`` (in a wheel, ``smmlab/_data/...``).

    Examples
    --------
    >>> (shipped_dir() / "labels.json").is_file()
    True
    """
    from smmlab.datasets import data_dir

    return data_dir() / SHIPPED


#: Where the folder is looked for after the shipped copy and ``$SMMLAB_REAL_MENTIONS``.
CANDIDATES: tuple[Path, ...] = (
    _ROOT / "datasets" / "real_mentions",
    _ROOT.parent / "shared" / "data" / "real-mentions",
)


@dataclasses.dataclass(frozen=True)
class RealSeries:
    """One real series, summed per hour, with its labelled windows.

    Attributes
    ----------
    name : str
        File stem, e.g. ``"Twitter_volume_AAPL"``.
    hourly : pandas.Series
        Hourly sums of the raw counts (a regular grid; hours with no record are NaN).
    windows : list of (Timestamp, Timestamp)
        Labelled anomaly windows.
    labels : list of Timestamp
        Labelled anomaly times.
    probation_end : Timestamp
        First moment scored (NAB's probationary period: 15 % of raw records, at most 750).
    """

    name: str
    hourly: pd.Series
    windows: list[tuple[pd.Timestamp, pd.Timestamp]]
    labels: list[pd.Timestamp]
    probation_end: pd.Timestamp

    @property
    def brand(self) -> str:
        """The brand's ticker, e.g. ``"AAPL"`` for ``Twitter_volume_AAPL``."""
        return self.name.rsplit("_", 1)[-1]

    def windows_table(self) -> pd.DataFrame:
        """The labelled windows as a table: ``window``, ``start``, ``end`` (one row each).

        Examples
        --------
        >>> idx = pd.date_range("2015-03-01", periods=48, freq="h")
        >>> s = RealSeries("x_KO", pd.Series(1.0, index=idx), [(idx[5], idx[6])], [idx[5]],
        ...                idx[2])
        >>> s.windows_table()["window"].tolist()
        [1]
        """
        return pd.DataFrame({"window": range(1, len(self.windows) + 1),
                             "start": [a for a, _b in self.windows],
                             "end": [b for _a, b in self.windows]})

    def score(self, flagged: pd.Series | pd.DataFrame) -> WindowScore:
        """Score flagged hours on this series (see :func:`smmlab.detect.score_windows`).

        Examples
        --------
        >>> idx = pd.date_range("2015-03-01", periods=48, freq="h")
        >>> s = RealSeries("x", pd.Series(1.0, index=idx), [(idx[5], idx[6])], [idx[5]],
        ...                idx[2])
        >>> s.score(pd.Series(idx == idx[5], index=idx)).f1
        1.0
        """
        return score_windows(flagged, self.windows, probation_end=self.probation_end)


def real_mentions_dir(folder: str | os.PathLike | None = None) -> Path | None:
    """The folder holding the real series and ``labels.json``, or None if there is none.

    Examples
    --------
    >>> real_mentions_dir("/nonexistent") is None
    True
    """
    options = [Path(folder)] if folder is not None else [shipped_dir()] + (
        [Path(os.environ[ENV_VAR])] if os.environ.get(ENV_VAR) else []) + list(CANDIDATES)
    for path in options:
        if (path / "labels.json").is_file() and any(path.glob("*.csv")):
            return path
    return None


def load_real_mentions(folder: str | os.PathLike | None = None, *, offset_minutes: int = 0
                       ) -> dict[str, RealSeries]:
    """Read every labelled real series of a folder, summed per hour.

    Parameters
    ----------
    folder : path or None, default=None
        Folder with ``*.csv`` (columns ``timestamp``, ``value``) and ``labels.json``
        (``windows`` and ``labels`` keyed by file name); None reads the course's shipped
        copy (:func:`shipped_dir`), else ``$SMMLAB_REAL_MENTIONS``, then :data:`CANDIDATES`.
    offset_minutes : int, default=0
        Where the hours start: 0 sums clock hours (the shared README's rule); 5, 10, ... 55
        sum hours starting that many minutes past, a check that a score does not hang on
        where the hour boundaries happen to fall (``benchmarks/bench_detect.py``).

    Returns
    -------
    dict of str to RealSeries
        By file stem, in name order.

    Raises
    ------
    FileNotFoundError
        If no folder is found.

    Examples
    --------
    >>> series = load_real_mentions()
    >>> sorted(series)[:2]
    ['Twitter_volume_AAPL', 'Twitter_volume_CRM']
    >>> series["Twitter_volume_KO"].brand
    'KO'

    """
    offset_minutes = check_int("offset_minutes", offset_minutes, low=0, high=59)
    path = real_mentions_dir(folder)
    if path is None:
        looked = [str(folder)] if folder is not None else [str(shipped_dir()), f"${ENV_VAR}"] + [
            str(p) for p in CANDIDATES]
        raise FileNotFoundError(f"No real mention series (labels.json and *.csv) in {looked}.")
    labels = json.loads((path / "labels.json").read_text(encoding="utf-8"))
    out = {}
    for csv in sorted(path.glob("*.csv")):
        if csv.name not in labels.get("windows", {}):
            continue
        raw = pd.read_csv(csv, parse_dates=["timestamp"]).set_index("timestamp")["value"]
        raw = raw.sort_index()
        hourly = raw.resample("h", offset=f"{offset_minutes}min").sum(min_count=1).astype(float)
        hourly.name = csv.stem
        windows = [(pd.Timestamp(a), pd.Timestamp(b)) for a, b in labels["windows"][csv.name]]
        times = [pd.Timestamp(t) for t in labels.get("labels", {}).get(csv.name, [])]
        out[csv.stem] = RealSeries(csv.stem, hourly, windows, times, probation_end(raw.index))
    return out
