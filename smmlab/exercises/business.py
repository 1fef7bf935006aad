"""Business figures several lessons share: the brand's gross margin and the holdout's ROAS.

One definition each, so that lessons 07, 09 and 11 quote the same numbers.

Examples
--------
>>> from smmlab.exercises.core import load_course_data
>>> data = load_course_data()
>>> 0 < margin(data) < 1 and incremental_roas(data) > 0
True
"""

from __future__ import annotations

from smmlab.exercises.core import CourseData


def margin(data: CourseData) -> float:
    """The brand's gross margin, a fraction: ``data["brand"]["gross_margin"]``.

    The share of each sale left once the goods are paid for; ROI on gross profit and
    break-even ROAS (:func:`smmlab.metrics.break_even_roas`) need it.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> 0 < margin(load_course_data()) < 1
    True
    """
    return float(data["brand"]["gross_margin"].iloc[0])


def incremental_roas(data: CourseData) -> float:
    """The holdout's incremental ROAS: (mean weekly sales, ads on - ads off) / mean weekly spend.

    What the ads caused per euro, measured by switching them off in half the regions
    (lesson 09), not what the platforms credit them with.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> platform_roas = data.campaigns["revenue"].sum() / data.campaigns["spend"].sum()
    >>> bool(incremental_roas(data) < platform_roas)
    True
    """
    test = data.holdout
    on, off = test[test["group"] == "ads on"], test[test["group"] == "ads off"]
    return float((on["sales"].mean() - off["sales"].mean()) / on["spend"].mean())


__all__ = ["incremental_roas", "margin"]
