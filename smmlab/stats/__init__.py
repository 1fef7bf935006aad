"""Statistical comparisons for A/B tests, in plain words: is the difference real?

Every function validates its inputs (errors name the parameter and what it
allows), takes an explicit ``random_state`` when it draws random numbers, and
returns a result whose ``.summary()`` says what it means in one paragraph.

Comparing two rates (:mod:`smmlab.stats.proportions`)
    :func:`compare_proportions` -- from counts: difference, Newcombe-Wilson
    confidence interval, pooled z-test p-value.
    :func:`compare_proportions_frame` -- the same from a table with one row per person.
    :func:`pooled_z` -- the z statistic, element-wise on arrays of counts.

Reshuffling the data (:mod:`smmlab.stats.resampling`)
    :func:`permutation_test` -- shuffle the A/B labels to test a difference of
    means, medians, rates or any statistic.
    :func:`bootstrap_ci` -- percentile bootstrap interval for a median (or any statistic).
    :func:`bootstrap_difference` -- percentile bootstrap interval for B minus A, each
    group re-drawn from its own values.

Few values (:mod:`smmlab.stats.means`)
    :func:`t_value` -- Student's t multiplier of a confidence interval for a mean of n values.
Planning a test (:mod:`smmlab.stats.power`)
    :func:`sample_size` -- people per variant needed to detect a given lift.

Reading a test (:mod:`smmlab.stats.peeking`)
    :func:`peeking_simulation` -- why checking daily and stopping at the first win misleads.

Result types: :class:`ProportionsResult`, :class:`PermutationResult`,
:class:`BootstrapResult`, :class:`BootstrapDifferenceResult`, :class:`PeekingResult`.

Examples
--------
>>> from smmlab.stats import compare_proportions, sample_size
>>> res = compare_proportions(200, 10_000, 230, 10_000)
>>> round(res.p_value, 2)
0.14
>>> sample_size(0.02, 0.10)
80682
"""

from smmlab.stats.means import t_value
from smmlab.stats.peeking import PeekingResult, peeking_simulation
from smmlab.stats.power import sample_size
from smmlab.stats.proportions import (
    ProportionsResult,
    compare_proportions,
    compare_proportions_frame,
    pooled_z,
)
from smmlab.stats.resampling import (
    BootstrapDifferenceResult,
    BootstrapResult,
    PermutationResult,
    bootstrap_ci,
    bootstrap_difference,
    permutation_test,
)

__all__ = [
    "BootstrapDifferenceResult",
    "BootstrapResult",
    "PeekingResult",
    "PermutationResult",
    "ProportionsResult",
    "bootstrap_ci",
    "bootstrap_difference",
    "compare_proportions",
    "compare_proportions_frame",
    "peeking_simulation",
    "permutation_test",
    "pooled_z",
    "sample_size",
    "t_value",
]
