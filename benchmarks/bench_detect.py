"""Benchmark smmlab's default mention detector on a one-year hourly series.

Run it with ``make bench`` or ``python benchmarks/bench_detect.py [--repeat K]``.
It prints, best of K runs (``time.perf_counter``):

1. ``detect.flag`` + ``detect.alerts`` on one year of hourly mentions
   (8,760 points), in milliseconds, against the target of 10 ms;
2. the same with ``memory="forget"`` (a week-by-week loop), for comparison;
3. the naive mean + 3 SD rule on the same series, as a same-run baseline, and
   the ratio default / naive (how much the explainable detector costs over
   the crudest one on this machine).

Missing a target is reported, not failed: the exit code is 0 unless something
crashes. Timings are only indicative across machines; the ratio is comparable.
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import best_ms  # noqa: E402

from smmlab import detect  # noqa: E402
from smmlab.synth import make_mentions  # noqa: E402

TARGET_MS = 10.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="runs per measure (best kept)")
    args = parser.parse_args(argv)
    series = make_mentions(365, random_state=2025).set_index("timestamp")["mentions"]
    print("smmlab detector benchmark")
    print(f"Python {platform.python_version()} | numpy {np.__version__} | pandas {pd.__version__}")
    print(f"series: {len(series):,} hourly points (one year); best of {args.repeat}\n")

    default = best_ms(lambda: detect.alerts(detect.flag(series)), args.repeat)
    forget = best_ms(lambda: detect.alerts(detect.flag(series, memory="forget")), args.repeat)
    naive = best_ms(lambda: detect.alerts(detect.naive_flag(series), min_duration=1),
                    args.repeat)
    verdict = "PASS" if default <= TARGET_MS else "MISS"
    rows = [
        ("flag + alerts, default (ms)", f"{default:.2f}", f"<= {TARGET_MS:g}", verdict),
        ('flag + alerts, memory="forget" (ms)', f"{forget:.2f}", "", ""),
        ("naive mean + 3 SD rule (ms)", f"{naive:.2f}", "", ""),
        ("default / naive", f"{default / naive:.1f}x", "", ""),
    ]
    print(f"{'Measure':<38}{'Value':>10}{'Target':>10}  Result")
    print("-" * 66)
    for name, value, target, result in rows:
        print(f"{name:<38}{value:>10}{target:>10}  {result}")
    print(f"\n{'1 of 1' if verdict == 'PASS' else '0 of 1'} targets met.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
