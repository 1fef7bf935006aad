"""Answers as plain data: encoded in the learner's kernel, decoded in the grader's process.

Only plain data crosses from the learner's kernel to the grader: numbers,
text, lists, tables (pandas' JSON "split" form), a description of a chart, and
the *results* of calling a learner's function on the grader's test cases. No
pickle, no objects: whatever the learner's code did inside its kernel, the
grader only ever sees values, and runs its own checks on them. An object whose
``==`` always says yes, a float subclass, a patched ``numpy`` or ``builtins``
in the kernel: none of them survive the trip.
"""

from __future__ import annotations

import io
import json
import math
import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

MAX_ITEMS = 100_000  # longer lists or tables are refused (an answer is never that big)


def encode(value: Any, depth: int = 0) -> Any:
    """Turn a learner's answer into JSON-safe plain data (in the learner's kernel).

    Examples
    --------
    >>> encode(3), encode(np.float64(0.5)), encode("x"), encode([1, "a"])
    (3, 0.5, 'x', [1, 'a'])
    >>> encode(float("nan"))
    {'__float__': 'nan'}
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
                "index_names": [None if n is None else str(n) for n in value.index.names]}
    if type(value) is pd.DataFrame:
        if len(value) > MAX_ITEMS:
            return {"__unsupported__": "a table that is too long"}
        return {"__frame__": value.to_json(orient="split", date_format="iso",
                                           default_handler=str),
                "index_names": [None if n is None else str(n) for n in value.index.names]}
    if type(value).__name__ == "Figure" and type(value).__module__.startswith("matplotlib"):
        return {"__figure__": describe_figure(value)}
    return {"__unsupported__": type(value).__name__}


def describe_figure(fig: Any) -> dict[str, Any]:
    """What a chart shows, as plain data: title, labels, alt text, bars and lines.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar(["a", "b"], [1, 2]); _ = ax.set_title("T")
    >>> describe_figure(fig)["bars"]
    [['a', 1.0], ['b', 2.0]]
    """
    from smmlab.exercises.kinds import _plotted

    axes = [ax for ax in fig.axes if ax.patches or ax.lines or ax.collections]
    out: dict[str, Any] = {"title": "", "xlabel": "", "ylabel": "", "bars": None, "line": None,
                           "alt": str(getattr(fig, "smmlab_alt_text", "") or "")}
    if not axes:
        return out
    ax = axes[0]
    suptitle = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else ""
    out.update(title=str(ax.get_title() or suptitle), xlabel=str(ax.get_xlabel()),
               ylabel=str(ax.get_ylabel()))
    shown = _plotted(ax)
    if isinstance(shown, pd.Series):
        out["bars"] = [[str(k), float(v)] for k, v in shown.items()]
    elif shown is not None and ax.patches:
        out["bars"] = [[None, float(v)] for v in shown]
    elif shown is not None:
        out["line"] = [float(v) for v in shown]
    return out


def decode(value: Any) -> Any:
    """Rebuild an answer from plain data (in the grader's process).

    Examples
    --------
    >>> decode(encode(pd.Series([1, 2], index=["a", "b"]))).to_dict()
    {'a': 1, 'b': 2}
    >>> decode({"__unsupported__": "A"})
    Unsupported('A')
    """
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, Mapping):
        return value
    if "__float__" in value:
        return float(value["__float__"])
    if "__placeholder__" in value:
        from smmlab.exercises.core import PLACEHOLDER

        return PLACEHOLDER
    if "__series__" in value:
        out = pd.read_json(io.StringIO(value["__series__"]), orient="split", typ="series")
        return _named(out, value)
    if "__frame__" in value:
        return _named(pd.read_json(io.StringIO(value["__frame__"]), orient="split"), value)
    if "__figure__" in value:
        return rebuild_figure(value["__figure__"])
    if "__calls__" in value:
        return Replay(value["__calls__"])
    return Unsupported(str(value.get("__unsupported__", "unknown")))


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


def rebuild_figure(spec: Mapping[str, Any]) -> Any:
    """A real (off-screen) matplotlib Figure showing what the learner's chart showed."""
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    if spec.get("bars"):
        labels = [label if label is not None else str(i) for i, (label, _) in
                  enumerate(spec["bars"])]
        ax.bar(labels, [float(v) for _, v in spec["bars"]])
        if any(label is None for label, _ in spec["bars"]):
            ax.set_xticks([])
    elif spec.get("line"):
        ax.plot([float(v) for v in spec["line"]])
    ax.set_title(str(spec.get("title", "")))
    ax.set_xlabel(str(spec.get("xlabel", "")))
    ax.set_ylabel(str(spec.get("ylabel", "")))
    fig.smmlab_alt_text = str(spec.get("alt", ""))
    return fig


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


def dump_answers(namespace: Mapping[str, Any], spec: Mapping[str, Any], path: str) -> None:
    """Write the answers named in ``spec`` from ``namespace`` to ``path`` as JSON (in the kernel).

    ``spec`` is ``{"variables": [...], "functions": {name: cases}}``.
    """
    out: dict[str, Any] = {}
    for name in spec["variables"]:
        if name not in namespace:
            continue
        value = namespace[name]
        if name in spec.get("functions", {}):
            out[name] = call_cases(value, spec["functions"][name]) if callable(value) else encode(
                value)
        else:
            out[name] = encode(value)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(out, fh, allow_nan=False, default=str)


def is_number(value: Any) -> bool:
    """True for plain numbers (used by the public checks).

    Examples
    --------
    >>> is_number(1.5), is_number(True)
    (True, False)
    """
    return isinstance(value, numbers.Real) and not isinstance(value, bool)
