"""smmlab: a Jupyter course kit teaching social media managers analytics with Python.

The package is built in layers; each layer imports only from the layers before it:

1. ``smmlab.synth`` generates the course data for a fictional brand from an
   explicit ``random_state``; ``smmlab.datasets`` writes and loads the frozen
   CSV copies that lessons quote numbers from.
2. ``smmlab.metrics``, ``smmlab.detect`` and ``smmlab.stats`` compute on that
   data: KPIs and rates, unusual days and events, statistical comparisons.
3. ``smmlab.viz`` and ``smmlab.report`` turn results into charts and reports.
4. ``smmlab.exercises``, ``smmlab.grading`` and ``smmlab.cli`` face the learner:
   notebook exercises, the checks of their answers, and the ``smmlab`` command.

Importing :mod:`smmlab` is cheap: it imports none of numpy, pandas or matplotlib.
Sub-packages are loaded on first use, so ``import smmlab`` followed by
``smmlab.datasets.load("posts")`` works.

Examples
--------
>>> import smmlab
>>> smmlab.__version__
'0.1.0'
"""

from __future__ import annotations

import importlib
from types import ModuleType

from smmlab._messages import set_language  # the first call of a translated notebook

__version__ = "0.1.0"

#: Sub-packages that ``smmlab.<name>`` imports on first access.
_LAZY_SUBMODULES = frozenset(
    {
        "cli",
        "datasets",
        "detect",
        "exercises",
        "grading",
        "metrics",
        "report",
        "stats",
        "synth",
        "viz",
    }
)

__all__ = ["__version__", "set_language"]


def __getattr__(name: str) -> ModuleType:
    """Import a sub-package on first access (PEP 562).

    Parameters
    ----------
    name : str
        Attribute looked up on :mod:`smmlab`.

    Returns
    -------
    types.ModuleType
        The imported sub-package ``smmlab.<name>``.

    Raises
    ------
    AttributeError
        If ``name`` is not a sub-package of smmlab (or is not written yet).

    Examples
    --------
    >>> import smmlab
    >>> smmlab.cli.__name__
    'smmlab.cli'
    """
    if name in _LAZY_SUBMODULES:
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise  # a dependency is missing: show the real error
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from exc
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """List the public names, including the lazily imported sub-packages.

    Examples
    --------
    >>> "datasets" in dir(__import__("smmlab"))
    True
    """
    return sorted({*globals(), *_LAZY_SUBMODULES})
