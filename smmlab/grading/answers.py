"""Answers as plain data: encoded in the learner's kernel, decoded in the grader's process.

Only plain data crosses from the learner's kernel to the grader: numbers,
text, lists, tables (pandas' JSON "split" form), a description of a chart, and
the *results* of calling a learner's function on the grader's test cases. No
pickle, no objects: whatever the learner's code did inside its kernel, the
grader only ever sees values, and runs its own checks on them. An object whose
``==`` always says yes, a float subclass, a patched ``numpy`` or ``builtins``
in the kernel: none of them survive the trip.

Non-finite numbers (NaN, inf) and missing values are valid answers: they travel
as ``{"__float__": "nan"}`` (or ``"inf"``, ``"-inf"``) everywhere, chart
descriptions included, so the JSON written is always strict JSON. Decoding is
defensive: whatever bytes come back from a kernel, :func:`decode_answers`
either rebuilds an answer or marks it :class:`Unsupported`; it never raises.
"""

from __future__ import annotations

import importlib.util
import io
import json
import math
import numbers
import os
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

MAX_ITEMS = 100_000  # longer lists or tables are refused (an answer is never that big)
MAX_DECODE_DEPTH = 32  # deeper structures are refused when decoding (a forged dump)
NON_FINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def encode(value: Any, depth: int = 0) -> Any:
    """Turn a learner's answer into JSON-safe plain data (in the learner's kernel).

    Examples
    --------
    >>> encode(3), encode(np.float64(0.5)), encode("x"), encode([1, "a"])
    (3, 0.5, 'x', [1, 'a'])
    >>> encode(float("nan"))
    {'__float__': 'nan'}
    >>> from pathlib import PurePosixPath
    >>> encode(PurePosixPath("/tmp/report.html"))
    '/tmp/report.html'
    >>> encode(object())["__unsupported__"]
    'object'
    """
    if depth > 5:
        return {"__unsupported__": "nested too deeply"}
    if value is None or type(value) in (bool, str):
        return value
    if type(value) is int or isinstance(value, np.integer):
        return int(value)
    if type(value) is float or isinstance(value, np.floating):
        f = float(value)
        return f if math.isfinite(f) else {"__float__": repr(f)}
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, os.PathLike):  # a file the notebook wrote (a report): its path, as text
        return os.fspath(value)
    if type(value).__name__ == "Placeholder":
        return {"__placeholder__": True}
    if type(value) in (list, tuple):
        if len(value) > MAX_ITEMS:
            return {"__unsupported__": "a list that is too long"}
        return [encode(v, depth + 1) for v in value]
    if type(value) is pd.Series:
        if len(value) > MAX_ITEMS:
            return {"__unsupported__": "a Series that is too long"}
        return {"__series__": value.to_json(orient="split", date_format="iso",
                                            default_handler=str),
                "index_names": [None if n is None else str(n) for n in value.index.names],
                "special": _specials(value.to_frame()), "types": _types(value.to_frame())}
    if type(value) is pd.DataFrame:
        if len(value) > MAX_ITEMS:
            return {"__unsupported__": "a table that is too long"}
        return {"__frame__": value.to_json(orient="split", date_format="iso",
                                           default_handler=str),
                "index_names": [None if n is None else str(n) for n in value.index.names],
                "special": _specials(value), "types": _types(value)}
    if type(value).__name__ == "Figure" and type(value).__module__.startswith("matplotlib"):
        return encode_figure(value)
    return {"__unsupported__": type(value).__name__}


def finite(value: Any) -> Any:
    """``value`` with every non-finite float replaced by its ``{"__float__": ...}`` marker.

    Plain data only (dicts, lists, numbers, text): the result is always valid
    strict JSON (``json.dumps(..., allow_nan=False)`` accepts it).

    Examples
    --------
    >>> finite({"bars": [["a", float("nan")], ["b", 1.0]], "line": [float("-inf")]})
    {'bars': [['a', {'__float__': 'nan'}], ['b', 1.0]], 'line': [{'__float__': '-inf'}]}
    """
    if isinstance(value, float) and not math.isfinite(value):
        return {"__float__": repr(float(value))}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    return value


def _specials(frame: pd.DataFrame) -> list[list[Any]]:
    """Cells JSON "split" cannot tell apart: ``[row, column, "inf" | "-inf" | "none"]``.

    ``to_json`` writes inf, -inf, NaN and None all as ``null``; NaN is what
    ``read_json`` gives back, so only the others are recorded.
    """
    out: list[list[Any]] = []
    for j in range(frame.shape[1]):
        column = frame.iloc[:, j]
        if pd.api.types.is_float_dtype(column.dtype):
            values = column.to_numpy(dtype=float)
            out += [[int(i), j, repr(float(values[i]))] for i in np.flatnonzero(np.isinf(values))]
        elif column.dtype == object:
            for i, v in enumerate(column.to_numpy()):
                if v is None:
                    out.append([i, j, "none"])
                elif isinstance(v, float) and math.isinf(v):
                    out.append([i, j, repr(v)])
    return out


def _types(frame: pd.DataFrame) -> list[list[Any]]:
    """Column types JSON "split" loses: ``[column or -1 for the index, kind, time zone]``.

    Dates travel as ISO text in UTC and categories as text; ``kind`` is
    ``"datetime"`` (with its time zone, or ``""``) or ``"category"``, so a learner's
    function gets the tables it would get in the notebook (``.dt.month`` in local time).

    Examples
    --------
    >>> t = pd.DataFrame({"when": pd.to_datetime(["2025-06-01 00:30"]).tz_localize("Europe/Rome"),
    ...                   "platform": pd.Categorical(["Instagram"])})
    >>> _types(t)
    [[0, 'datetime', 'Europe/Rome'], [1, 'category', '']]
    """
    out: list[list[Any]] = []
    columns = [(-1, frame.index.to_series())] if frame.index.nlevels == 1 else []
    columns += [(j, frame.iloc[:, j]) for j in range(frame.shape[1])]
    for j, column in columns:
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            out.append([j, "datetime", str(column.dtype.tz)])
        elif pd.api.types.is_datetime64_dtype(column.dtype):
            out.append([j, "datetime", ""])
        elif isinstance(column.dtype, pd.CategoricalDtype):
            out.append([j, "category", ""])
    return out


def _typed(values: Any, kind: str, zone: str) -> Any:
    """Values read back as text or numbers, as the type :func:`_types` recorded."""
    if kind == "category":
        return values.astype("category")
    stamps = pd.to_datetime(values, utc=True)
    if isinstance(stamps, pd.Series):
        return stamps.dt.tz_convert(zone or None)
    return stamps.tz_convert(zone or None)


def _apply_types(frame: pd.DataFrame, types: Any) -> pd.DataFrame:
    """Give a decoded table back the column types :func:`_types` recorded (grader side)."""
    if not isinstance(types, list):
        return frame
    for item in types[:1000]:
        if not (isinstance(item, list) and len(item) == 3 and type(item[0]) is int
                and item[1] in ("datetime", "category") and isinstance(item[2], str)):
            continue
        j, kind, zone = item
        try:
            if j == -1:
                frame.index = pd.Index(_typed(pd.Series(frame.index), kind, zone),
                                       name=frame.index.name)
            elif 0 <= j < frame.shape[1]:
                frame[frame.columns[j]] = _typed(frame.iloc[:, j], kind, zone)
        except (ValueError, TypeError, KeyError):  # a forged type: leave the column as it is
            continue
    return frame


def _apply_specials(frame: pd.DataFrame, specials: Any) -> pd.DataFrame:
    """Put back the cells :func:`_specials` recorded (in the grader's process)."""
    if not isinstance(specials, list):
        return frame
    for item in specials[:MAX_ITEMS]:
        if not (isinstance(item, list) and len(item) == 3 and type(item[0]) is int
                and type(item[1]) is int and item[2] in ("inf", "-inf", "none")):
            continue
        i, j, kind = item
        if not (0 <= i < frame.shape[0] and 0 <= j < frame.shape[1]):
            continue
        value = None if kind == "none" else NON_FINITE[kind]
        column = frame.columns[j]
        if value is None or not pd.api.types.is_float_dtype(frame[column].dtype):
            frame[column] = frame[column].astype(object)
        frame.iloc[i, j] = value
    return frame


def encode_figure(fig: Any) -> dict[str, Any]:
    """A chart as plain data (in the kernel): ``{"__figure__": FigureModel.to_dict()}``.

    See :mod:`smmlab.viz.figure_model`; the dict is strict JSON (NaN and inf as
    ``{"__float__": ...}`` markers). A chart with more than ``MAX_ITEMS`` points in
    all is refused.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar(["a", "b"], [1, float("nan")])
    >>> encode_figure(fig)["__figure__"]["panels"][0]["series"][0]["y"]
    [1.0, {'__float__': 'nan'}]
    >>> plt.close(fig)
    """
    from smmlab.viz.figure_model import read_figure

    model = read_figure(fig)
    if _points(model) > MAX_ITEMS:
        return {"__unsupported__": "a chart with too many points"}
    return {"__figure__": model.to_dict()}


def decode_figure(spec: Any) -> Any:
    """The :class:`~smmlab.viz.figure_model.FigureModel` a kernel sent (in the grader).

    Returns :class:`Unsupported` for anything that is not a valid model of
    ``MAX_ITEMS`` points at most; never raises.

    Examples
    --------
    >>> decode_figure({"version": 1, "title": "T", "xlabel": "", "ylabel": "", "panels": [],
    ...                "alt": "A chart."}).alt
    'A chart.'
    >>> decode_figure({"bars": [["a", 1]]})
    Unsupported('a chart that could not be read')
    """
    from smmlab.viz.figure_model import FigureModel

    try:
        model = FigureModel.from_dict(spec)
    except (ValueError, TypeError, RecursionError):
        return Unsupported("a chart that could not be read")
    if _points(model) > MAX_ITEMS:
        return Unsupported("a chart with too many points")
    return model


def _points(model: Any) -> int:
    return sum(len(s.y) for p in model.panels for s in p.series)


def decode(value: Any, depth: int = 0) -> Any:
    """Rebuild an answer from plain data (in the grader's process).

    Anything that is not what :func:`encode` writes becomes :class:`Unsupported`
    (or raises ``ValueError`` for a malformed marker, which
    :func:`decode_answers` turns into :class:`Unsupported`).

    Examples
    --------
    >>> decode(encode(pd.Series([1, 2], index=["a", "b"]))).to_dict()
    {'a': 1, 'b': 2}
    >>> decode({"__unsupported__": "A"})
    Unsupported('A')
    >>> decode({"__float__": "-inf"}), decode({"__float__": "not a number"})
    (-inf, Unsupported('a number that is not a number'))
    """
    if depth > MAX_DECODE_DEPTH:
        return Unsupported("nested too deeply")
    if isinstance(value, list):
        return [decode(v, depth + 1) for v in value]
    if not isinstance(value, Mapping):
        return value
    if "__float__" in value:
        marker = value["__float__"]
        if isinstance(marker, str) and marker in NON_FINITE:
            return NON_FINITE[marker]
        return Unsupported("a number that is not a number")
    if "__placeholder__" in value:
        from smmlab.exercises.core import PLACEHOLDER

        return PLACEHOLDER
    if "__series__" in value:
        out = pd.read_json(io.StringIO(_text(value["__series__"])), orient="split",
                           typ="series")
        out = _apply_specials(out.to_frame(), value.get("special"))
        return _named(_apply_types(out, value.get("types")).iloc[:, 0], value)
    if "__frame__" in value:
        out = pd.read_json(io.StringIO(_text(value["__frame__"])), orient="split")
        out = _apply_specials(out, value.get("special"))
        return _named(_apply_types(out, value.get("types")), value)
    if "__figure__" in value:
        return decode_figure(value["__figure__"])  # every check reads the FigureModel
    if "__calls__" in value:
        calls = value["__calls__"]
        if not isinstance(calls, list):
            return Unsupported("a function whose results could not be read")
        return Replay(calls)
    return Unsupported(str(value.get("__unsupported__", "unknown"))[:80])


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a table's JSON must be text")
    return value


def decode_answers(raw: Any) -> dict[str, Any]:
    """Every answer in a parsed dump, decoded; a malformed answer becomes :class:`Unsupported`.

    Never raises: a forged or damaged dump costs its author the answers it
    damaged, never the batch.

    Examples
    --------
    >>> decode_answers({"a": 1.5, "b": {"__float__": "nan"}, "c": {"__series__": 3}})
    {'a': 1.5, 'b': nan, 'c': Unsupported('an answer that could not be read')}
    >>> decode_answers([1, 2])
    {}
    """
    if not isinstance(raw, Mapping):
        return {}
    out: dict[str, Any] = {}
    for name, value in list(raw.items())[:1000]:
        if not isinstance(name, str):
            continue
        try:
            out[name] = decode(value)
        except Exception:  # noqa: BLE001 - forged data: any failure means "unreadable"
            out[name] = Unsupported("an answer that could not be read")
    return out


def loads_answers(data: bytes) -> dict[str, Any]:
    """Parse and decode the bytes of an answer dump.

    Raises
    ------
    ValueError
        The bytes are not a JSON object (the message says why, briefly).

    Examples
    --------
    >>> loads_answers(b'{"n": {"__float__": "inf"}}')
    {'n': inf}
    >>> try:
    ...     loads_answers(b"[" * 100_000 + b"]" * 100_000)
    ... except ValueError as err:
    ...     print(err)
    nested too deeply
    """
    try:
        raw = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(str(err).split("\n")[0][:200]) from None
    if not isinstance(raw, Mapping):
        raise ValueError("not a JSON object")
    return decode_answers(raw)


def _named(table: Any, value: Mapping[str, Any]) -> Any:
    """Give a decoded table back the index names JSON "split" leaves out."""
    names = value.get("index_names")
    if names and len(names) == table.index.nlevels:
        table.index.names = names
    return table


class Unsupported:
    """An answer that could not travel as plain data; every check treats it as wrong."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __repr__(self) -> str:
        return f"Unsupported({self.what!r})"


class Replay:
    """Stands for a learner's function: replays what it returned on the grader's cases."""

    def __init__(self, calls: list[Any]) -> None:
        self.calls = calls
        self._next = 0

    def __call__(self, *args: Any) -> Any:
        if self._next >= len(self.calls):
            raise RuntimeError("more calls than recorded")
        outcome = self.calls[self._next]
        self._next += 1
        if isinstance(outcome, Mapping) and "__error__" in outcome:
            name, _, detail = str(outcome["__error__"]).partition(": ")
            kind = name if name.isidentifier() else "Error"
            raise type(kind, (RecordedError,), {})(detail)
        return decode(outcome)


class RecordedError(Exception):
    """An error the learner's function raised inside its kernel."""


def call_cases(fn: Any, cases: list[list[Any]]) -> dict[str, Any]:
    """Call a learner's function on each case's arguments (in the kernel); record results.

    Examples
    --------
    >>> call_cases(lambda a, b: a / b, [[1, 2], [1, 0]])["__calls__"][1]["__error__"][:17]
    'ZeroDivisionError'
    """
    results = []
    for args in cases:
        try:
            results.append(encode(fn(*[decode(a) for a in args])))
        except Exception as err:  # the learner's code: any error is recorded, not raised
            results.append({"__error__": f"{type(err).__name__}: {err}"[:500]})
    return {"__calls__": results}


def answers_payload(namespace: Mapping[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    """The answers named in ``spec`` from ``namespace``, as strict-JSON-ready plain data.

    ``spec`` is ``{"variables": [...], "functions": {name: cases}}``.

    Examples
    --------
    >>> answers_payload({"x": float("nan"), "y": [1, float("inf")]}, {"variables": ["x", "y"]})
    {'x': {'__float__': 'nan'}, 'y': [1, {'__float__': 'inf'}]}
    """
    out: dict[str, Any] = {}
    functions = spec.get("functions", {})
    for name in spec["variables"]:
        if name not in namespace:
            continue
        value = namespace[name]
        if name in functions and callable(value):
            out[name] = call_cases(value, functions[name])
        else:
            out[name] = encode(value)
    return finite(out)


def dump_answers(namespace: Mapping[str, Any], spec: Mapping[str, Any], path: str) -> None:
    """Write the answers named in ``spec`` from ``namespace`` to a new file ``path`` as JSON.

    The whole text is built first (strict JSON: non-finite numbers are
    markers), then written to a file created here (``O_EXCL``, no link
    followed): a failure never leaves half a file, and an existing path, a
    directory or a pipe in its place is an error, not a write into it.

    Examples
    --------
    >>> import tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "a.json")
    >>> dump_answers({"x": float("nan")}, {"variables": ["x"]}, path)
    >>> open(path).read()
    '{"x":{"__float__":"nan"}}'
    """
    make_dumper(clear_hooks=False)(namespace, json.dumps(dict(spec)), path)


def _private_copy() -> Any:
    """A fresh copy of this module, not in ``sys.modules``: patching ours does not reach it."""
    spec = importlib.util.spec_from_file_location(f"{__name__}._private", __file__)
    if spec is None or spec.loader is None:  # pragma: no cover - always a file
        raise ImportError(__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_dumper(*, clear_hooks: bool = True) -> Callable[[Mapping[str, Any], str, str], None]:
    """The grader's answer writer, with everything it uses captured now (in the kernel).

    The grader runs this in a cell of its own *before* the learner's cells:
    the JSON encoder, the file functions and a private copy of this codec are
    taken then, so a learner who later patches ``json.dump``, ``open`` or
    :func:`dump_answers` changes nothing. When called (in the grader's last
    cell), the writer first drops the kernel's ``post_run_cell`` /
    ``post_execute`` hooks and ``atexit`` handlers, so nothing can run after
    it in that cell, then writes the dump to a new file (see
    :func:`dump_answers`).

    Parameters
    ----------
    clear_hooks : bool, default=True
        Drop IPython's post-run hooks and ``atexit`` handlers before writing.

    Examples
    --------
    >>> import tempfile
    >>> dump = make_dumper(clear_hooks=False)
    >>> path = os.path.join(tempfile.mkdtemp(), "a.json")
    >>> saved, json.dumps = json.dumps, lambda *a, **k: ""  # a learner's patch...
    >>> dump({"x": 1}, '{"variables": ["x"]}', path)
    >>> json.dumps = saved
    >>> open(path).read()
    '{"x":1}'
    """
    import atexit

    codec = _private_copy()
    payload = codec.answers_payload
    encoder = json.JSONEncoder(allow_nan=False, separators=(",", ":"), default=str)
    decoder = json.JSONDecoder()
    os_open, os_write, os_close = os.open, os.write, os.close
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    clear_atexit = atexit._clear
    shell = events = None
    if clear_hooks:
        try:
            from IPython import get_ipython

            shell = get_ipython()
            events = getattr(shell, "events", None)
        except ImportError:  # pragma: no cover - the kernel always has IPython
            pass

    def dump(namespace: Mapping[str, Any], spec_text: str, path: str) -> None:
        if clear_hooks:
            if shell is not None and events is not None:
                shell.events = events
                for name in ("post_run_cell", "post_execute"):
                    events.callbacks[name] = []
            clear_atexit()
        data = encoder.encode(payload(namespace, decoder.decode(spec_text))).encode("utf-8")
        fd = os_open(path, flags, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os_write(fd, view):]
        finally:
            os_close(fd)

    return dump


def is_number(value: Any) -> bool:
    """True for plain numbers (used by the public checks).

    Examples
    --------
    >>> is_number(1.5), is_number(True)
    (True, False)
    """
    return isinstance(value, numbers.Real) and not isinstance(value, bool)
