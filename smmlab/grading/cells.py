"""Find the course's cells in a submitted notebook, with or without cell ids.

The grader restores the course's code cells and keeps the learner's answer
cells (:func:`smmlab.grading.grader.restore`), which needs to know which
submitted cell is which course cell. Jupyter 6.2 and later save a cell id
that says so. Older Jupyter and Colab save nbformat 4.0-4.4 without ids;
nbformat 3 has none, and reading it gives every cell a new random id. For
those, :func:`align` finds each course cell by content and position: an
unchanged cell by its text, an answer cell by the check it calls and the
variables it assigns, always keeping the lesson's order.

Examples
--------
>>> import nbformat
>>> ref = nbformat.v4.new_notebook(cells=[
...     nbformat.v4.new_code_cell("x = 1", id="c1"),
...     nbformat.v4.new_code_cell("n = ____\\nq1.check()", id="a1",
...                               metadata={"tags": ["answer"]})])
>>> mine = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
...                                        nbformat.v4.new_code_cell("n = 41 + 1\\nq1.check()")])
>>> for cell in mine.cells:
...     del cell["id"]
>>> aligned, by_content = align(mine, ref)
>>> [c.get("id") for c in aligned.cells], by_content
(['c1', 'a1'], 2)
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Sequence

import nbformat

#: Submitted code cells compared by content at most (more are learner extras).
MAX_CELLS = 1000
#: Characters of each cell compared (a huge cell is judged by its start).
MAX_CHARS = 4000
#: Lines of each cell compared for similarity.
MAX_LINES = 60

_CHECK = re.compile(r"\b(q\w*)\.check\(\)")
_ASSIGNED = re.compile(r"^([A-Za-z_]\w*)\s*(?::[^=\n]*)?=(?!=)", re.MULTILINE)
_SETUP = re.compile(r"\bsetup\([^)]*\)")


def _norm(source: str) -> str:
    return _SETUP.sub("setup()", source).strip()


def is_answer(cell: nbformat.NotebookNode) -> bool:
    """True for a course cell the learner answers in (tagged ``answer``).

    Examples
    --------
    >>> is_answer(nbformat.v4.new_code_cell("x = ____", metadata={"tags": ["answer"]}))
    True
    """
    return "answer" in cell.get("metadata", {}).get("tags", [])


def assigned(source: str) -> set[str]:
    """The names a cell assigns at the start of a line (``n_posts = ...``).

    Examples
    --------
    >>> sorted(assigned("rates = ____\\nbest_platform: str = ____\\nif a == b: pass"))
    ['best_platform', 'rates']
    """
    return set(_ASSIGNED.findall(source))


def _score(ref: nbformat.NotebookNode, mine: nbformat.NotebookNode) -> float:
    """How surely ``mine`` is the course cell ``ref`` (0: not it)."""
    a, b = ref.source[:MAX_CHARS], str(mine.get("source", ""))[:MAX_CHARS]
    if _norm(a) == _norm(b):
        return 100.0
    signals = 0.0
    if is_answer(ref):
        checks = set(_CHECK.findall(a))
        if checks and checks & set(_CHECK.findall(b)):
            signals += 40.0
        names = assigned(a)
        if names and names & assigned(b):
            signals += 40.0
    lines_a = [line.strip() for line in a.splitlines()[:MAX_LINES]]
    lines_b = [line.strip() for line in b.splitlines()[:MAX_LINES]]
    matcher = difflib.SequenceMatcher(None, lines_a, lines_b, autojunk=False)
    if signals == 0 and matcher.real_quick_ratio() < 0.6:
        return 0.0
    ratio = matcher.ratio()
    if signals == 0 and ratio < 0.6:
        return 0.0
    return signals + 20.0 * ratio


def _monotone(refs: Sequence[nbformat.NotebookNode], mine: Sequence[nbformat.NotebookNode]
              ) -> list[tuple[int, int]]:
    """The order-keeping pairing of ``refs`` and ``mine`` with the highest total score."""
    n, m = len(refs), len(mine)
    scores = [[_score(r, c) for c in mine] for r in refs]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            take = scores[i][j] + below[j + 1] if scores[i][j] > 0 else 0.0
            row[j] = max(below[j], row[j + 1], take)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if scores[i][j] > 0 and best[i][j] == scores[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def align(submission: nbformat.NotebookNode, reference: nbformat.NotebookNode
          ) -> tuple[nbformat.NotebookNode, int]:
    """Give the submitted cells the ids of the course cells they are.

    Cells whose id is a course cell's keep it. The course's code cells not
    found by id are looked for, in the lesson's order, among the submitted
    code cells that have no course id; the ones found take that id (on a
    copy: ``submission`` is not changed). Every other cell loses any id that
    is not its own course id, so it stays the learner's.

    Returns
    -------
    tuple of (NotebookNode, int)
        The notebook with ids, and how many cells were found by content
        (0 for a notebook saved with ids).
    """
    ref_code = [c for c in reference.cells if c.cell_type == "code"]
    course_ids = {c.get("id") for c in reference.cells}
    present = {c.get("id") for c in submission.cells} & course_ids
    missing = [c for c in ref_code if c.get("id") not in present]
    if not missing:
        return submission, 0
    out = copy.deepcopy(submission)
    free = [c for c in out.cells if c.cell_type == "code" and c.get("id") not in course_ids]
    free = free[:MAX_CELLS]
    found = 0
    for i, j in _monotone(missing, free):
        free[j]["id"] = missing[i].id
        found += 1
    return out, found


__all__ = ["align", "assigned", "is_answer"]
