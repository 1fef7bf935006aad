"""Timing helper shared by the benchmarks: best of several runs, wall clock."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_ms(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` calls of ``fn``, in milliseconds.

    The best run is the least disturbed by whatever else the machine is doing,
    which is what a same-run comparison needs.
    """
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1e3
