"""Per-submission results kept inside the results folder, so an interrupted batch resumes.

Each graded submission is written, as soon as it is graded, to
``<out>/.smmlab-cache/<key>.json`` (atomically: a temporary file, then a rename;
a batch killed mid-write leaves no half file). The key is a SHA-256 of
everything that decides the grade:

- the notebook's bytes (their SHA-256), the lesson number,
- the learner (id, name, e-mail: the id picks the brand),
- the grading limits (cell timeout, budget, sandbox),
- the smmlab version and this cache's format.

A re-run with the same submissions therefore grades only what is new or
changed and reads the rest back; the result files it writes are the same,
byte for byte, as a batch that ran without stopping (the ``seconds`` column
keeps the time of the run that graded each submission). A file that could
not be read, or a row that says the grading machinery failed (a crashed
worker), is never cached: the next run tries again.

The cache holds plain JSON, never pickles: opening the results folder of
another run never runs code. Delete ``.smmlab-cache`` to regrade everything.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

from smmlab._files import write_atomic
from smmlab.exercises.core import Outcome, Result
from smmlab.grading.roster import Learner

CACHE_FOLDER = ".smmlab-cache"
FORMAT = 1  # bump when Graded or Result change shape: older entries are then ignored


def key(raw: bytes, lesson: str, learner: Learner | None, **options: Any) -> str:
    """The cache key of one submission: a hex SHA-256 of what decides its grade.

    Examples
    --------
    >>> a = key(b"{}", "00", None, cell_timeout=30.0)
    >>> a == key(b"{}", "00", None, cell_timeout=30.0), a == key(b"{}", "01", None,
    ...                                                          cell_timeout=30.0)
    (True, False)
    >>> a == key(b"{ }", "00", None, cell_timeout=30.0)
    False
    """
    from smmlab import __version__

    who = None if learner is None else [learner.learner_id, learner.name, learner.email]
    what = {"format": [FORMAT, *_fields()], "version": __version__, "lesson": lesson,
            "learner": who, "sha256": hashlib.sha256(raw).hexdigest(), "options": options}
    return hashlib.sha256(json.dumps(what, sort_keys=True, default=str).encode()).hexdigest()


def _fields() -> list[str]:
    """The fields of a grade (a new field makes every older cache entry a miss)."""
    from smmlab.grading.grader import Graded

    return [f.name for f in dataclasses.fields(Graded)]


def to_json(graded: Any) -> dict[str, Any]:
    """A graded submission as plain JSON data, its file left out (see :func:`from_json`).

    Examples
    --------
    >>> from smmlab.grading.grader import Graded
    >>> g = Graded("ada", "Ada", "", "a.ipynb", "ok", "", 1.5,
    ...            [Result("q1", Outcome.CORRECT, "Well done.", 1.0)], {"q1": 1.0}, {"q1": 1.0})
    >>> from_json(to_json(g), "a.ipynb") == g
    True
    """
    data = {name: getattr(graded, name) for name in _fields() if name not in ("file", "results")}
    data["results"] = [{"exercise": r.exercise, "outcome": r.outcome.value, "message": r.message,
                        "score": r.score, "mistake": r.mistake} for r in graded.results]
    return data


def from_json(data: dict[str, Any], file: str) -> Any:
    """The :class:`~smmlab.grading.grader.Graded` that :func:`to_json` wrote, for ``file``.

    Raises ``KeyError`` when ``data`` does not hold exactly a grade's fields.

    Examples
    --------
    >>> from_json({"learner_id": "ada"}, "a.ipynb")
    Traceback (most recent call last):
    ...
    KeyError: 'not a grade of this smmlab version'
    """
    from smmlab.grading.grader import Graded

    if set(data) != set(_fields()) - {"file"}:
        raise KeyError("not a grade of this smmlab version")
    results = [Result(r["exercise"], Outcome(r["outcome"]), r["message"], r["score"],
                      r["mistake"]) for r in data["results"]]
    return Graded(**dict(data, file=file, results=results))


class Cache:
    """The per-submission results of one results folder.

    Examples
    --------
    >>> import tempfile
    >>> from smmlab.grading.grader import Graded
    >>> cache = Cache(Path(tempfile.mkdtemp()))
    >>> g = Graded("ada", "Ada", "", "a.ipynb", "ok", "", 1.0, [], {}, {})
    >>> k = key(b"{}", "00", None)
    >>> cache.get(k, "a.ipynb") is None
    True
    >>> cache.put(k, g)
    True
    >>> cache.get(k, "b.ipynb").file
    'b.ipynb'
    """

    def __init__(self, out: Path) -> None:
        self.folder = Path(out) / CACHE_FOLDER

    def _path(self, key: str) -> Path:
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
            raise ValueError(f"key must be a hex SHA-256 (64 characters); got {key!r}")
        return self.folder / f"{key}.json"

    def get(self, key: str, file: str) -> Any:
        """The cached grade of ``key`` (its file set to ``file``), or None."""
        path = self._path(key)
        try:
            return from_json(json.loads(path.read_text(encoding="utf-8")), file)
        except (OSError, ValueError, KeyError, TypeError):  # absent, damaged or older format
            return None

    def put(self, key: str, graded: Any) -> bool:
        """Keep ``graded`` under ``key`` (atomically); False if JSON cannot hold it exactly.

        A grade that would not read back equal (a value JSON changes, such as a
        tuple) is not kept: the next run grades that submission again.
        """
        try:
            text = json.dumps(to_json(graded), ensure_ascii=False, allow_nan=True)
            if from_json(json.loads(text), graded.file) != graded:
                return False
        except (TypeError, ValueError, KeyError):
            return False
        write_atomic(self._path(key), text + "\n")
        return True
