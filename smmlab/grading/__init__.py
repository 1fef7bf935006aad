"""The instructor's side: workshops with a brand per learner, and a grader that cannot be fooled.

- :func:`smmlab.grading.workshop.create_workshop` (``smmlab workshop``): a folder
  per learner with the learner notebooks and that learner's own data, and an
  instructor folder with every learner's answer key.
- :func:`smmlab.grading.grader.grade` (``smmlab grade``): runs each submission
  in its own kernel, extracts the answers as plain data and checks them in the
  grader's process with the same checks learners use.

Examples
--------
>>> from smmlab.grading import load_lesson
>>> sorted(load_lesson("00").exercises)[:2]
['q1', 'q2']
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

# nbformat validates notebooks with jsonschema, which imports the optional rfc3987_syntax to
# check "iri" formats; that package builds a grammar at import: 0.8 s in every grading worker,
# once per submission. Notebook schemas use no IRI format, so the grader keeps it out (None in
# sys.modules makes its import fail, and jsonschema then skips that one format checker).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

if TYPE_CHECKING:
    from smmlab.grading.grader import Graded, grade, load_lesson
    from smmlab.grading.roster import Learner, read_roster, slug

__all__ = ["Graded", "Learner", "grade", "load_lesson", "read_roster", "slug"]

#: Where each public name lives. They are imported on first access (PEP 562): the grader's
#: kernel runs ``from smmlab.grading.answers import dump_answers`` in every submission, and
#: importing the grader itself there (nbformat, nbclient: about a second) would be wasted.
_HOMES = {
    "Graded": "smmlab.grading.grader",
    "grade": "smmlab.grading.grader",
    "load_lesson": "smmlab.grading.grader",
    "Learner": "smmlab.grading.roster",
    "read_roster": "smmlab.grading.roster",
    "slug": "smmlab.grading.roster",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first access.

    Parameters
    ----------
    name : str
        Attribute looked up on :mod:`smmlab.grading`.

    Returns
    -------
    Any
        The object ``name`` from the module that defines it.

    Raises
    ------
    AttributeError
        If ``name`` is not one of :data:`__all__` (sub-modules are found by the import
        system before this is called).
    """
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, including those imported on first access."""
    return sorted({*globals(), *__all__})
