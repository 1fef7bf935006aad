"""Assessment variants: the same lesson asking each learner a slightly different question.

The course, its solutions and its solution notebooks are public, so in an assessment a learner
could hand in the published solution notebook: it computes every answer from their own data.
In a workshop keyed with an instructor's secret (``smmlab workshop --secret FILE``) a lesson
that declares variants gives each learner one of them, drawn from the secret
(:func:`smmlab._random.variant_index`). A variant changes a parameter the questions name (what
counts as an engagement, a month, a platform...): the learner's notebook states it in plain
words and its worked cells use it, the checks and the grader judge the learner against it, and
the published solution answers another question.

A lesson declares its variants once (:class:`LessonVariants`) and reads its parameters with
:func:`params`; nothing else in a lesson knows about variants.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smmlab.exercises.core import CourseData, Lesson


@dataclasses.dataclass(frozen=True)
class LessonVariants:
    """A lesson's variants: their parameters, how to say them, how to rewrite a cell.

    Parameters
    ----------
    params : tuple of dict
        One parameter set per variant; the first is the published lesson's.
    describe : callable
        ``describe(params) -> str``: the variant in plain words, for the learner's notebook.
    rewrite : callable
        ``rewrite(source, params) -> str``: a cell's source (code or markdown) as the variant
        asks it. Applied to the published notebook it gives the variant's notebook, and
        applied to the published solution, the variant's own solution.

    Examples
    --------
    >>> v = LessonVariants(({"n": 3}, {"n": 5}), describe=lambda p: f"n is {p['n']}",
    ...                    rewrite=lambda s, p: s.replace("3", str(p["n"])))
    >>> v.count, v.describe(v.params[1]), v.rewrite("x = 3", v.params[1])
    (2, 'n is 5', 'x = 5')
    """

    params: tuple[Mapping[str, Any], ...]
    describe: Callable[[Mapping[str, Any]], str]
    rewrite: Callable[[str, Mapping[str, Any]], str]

    def __post_init__(self) -> None:
        if len(self.params) < 2:
            raise ValueError("params: a lesson with variants needs the published one and at "
                             f"least one more; got {len(self.params)}")

    @property
    def count(self) -> int:
        """How many variants, the published one included."""
        return len(self.params)

    def check_index(self, index: object) -> int:
        """``index`` if it names one of the variants, else a ``ValueError``."""
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < self.count:
            raise ValueError(f"variant must be a whole number from 0 to {self.count - 1} "
                             f"(0 is the published lesson); got {index!r}")
        return index


def variant_of(data: CourseData, lesson: Lesson) -> int:
    """Which variant of ``lesson`` this data's learner answers (0: the published lesson).

    The notebook's ``setup(variant=...)`` says it on the learner's side; the grader's data,
    built with the instructor's secret, draws it from the secret. Anything else: 0.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> from smmlab.exercises import lesson00
    >>> variant_of(load_course_data(), lesson00.LESSON)
    0
    """
    variants = lesson.variants
    if variants is None:
        return 0
    chosen = data.variants.get(lesson.number)
    if chosen is not None:
        return variants.check_index(chosen)
    if data.variant_secret is not None and data.learner is not None:
        from smmlab._random import variant_index

        return variant_index(data.variant_secret, data.learner, lesson.number, variants.count)
    return 0


def params(data: CourseData, lesson: Lesson) -> Mapping[str, Any]:
    """The parameters of the variant of ``lesson`` that ``data``'s learner answers.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> from smmlab.exercises import lesson00
    >>> params(load_course_data(), lesson00.LESSON)["by"]
    'reach'
    """
    if lesson.variants is None:
        return {}
    return lesson.variants.params[variant_of(data, lesson)]


def rewritten(notebook: Any, variants: LessonVariants, index: int) -> Any:
    """A copy of ``notebook`` (an nbformat node) with every cell as variant ``index`` asks it.

    The one place a lesson's notebook becomes a variant: the learner's notebook in a keyed
    workshop, and the reference the grader restores the course's cells from.

    Examples
    --------
    >>> import nbformat
    >>> v = LessonVariants(({"n": 3}, {"n": 5}), describe=str,
    ...                    rewrite=lambda s, p: s.replace("3", str(p["n"])))
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 3")])
    >>> rewritten(nb, v, 1).cells[0].source, nb.cells[0].source
    ('x = 5', 'x = 3')
    """
    import copy

    chosen = variants.params[variants.check_index(index)]
    out = copy.deepcopy(notebook)
    for cell in out.cells:
        cell.source = variants.rewrite(cell.source, chosen)
    return out


__all__ = ["LessonVariants", "params", "rewritten", "variant_of"]
