"""Benchmark the grader against plain notebook execution on the same submissions.

Run it with ``make bench`` or ``python benchmarks/bench_grade.py [--submissions N]``.
It makes N copies of lesson 00's solution notebook and measures, in seconds per
submission:

1. plain execution: each notebook run once with nbclient in this process, one
   after the other (the same-run baseline);
2. ``smmlab grade`` with 1 worker: copy, restore, the learner's data, a worker
   process, answer extraction, the checks and the result files;
3. ``smmlab grade`` with 2 workers.

Targets: grading overhead at most 20 % over plain execution (1 worker), and
2 workers at least 1.7x faster than 1. Missing a target is reported, not
failed: the exit code is 0 unless something crashes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

from smmlab.grading import grade  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SOLVED = ROOT / "notebooks" / "solutions" / "00_first_report.ipynb"


def plain(paths: list[Path]) -> float:
    """Run each notebook with nbclient, one after the other; seconds in total."""
    start = time.perf_counter()
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       extra_arguments=["--IPKernelApp.log_level=ERROR"],
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def graded(folder: Path, workers: int) -> float:
    """Grade the folder; seconds in total."""
    out = Path(tempfile.mkdtemp(prefix="smmlab-bench-results-"))
    start = time.perf_counter()
    grade([folder], lesson="00", out=out, workers=workers)
    seconds = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=6)
    args = parser.parse_args(argv)
    os.environ["SMMLAB_HOME"] = tempfile.mkdtemp(prefix="smmlab-bench-home-")
    os.environ.setdefault("MPLBACKEND", "Agg")
    folder = Path(tempfile.mkdtemp(prefix="smmlab-bench-subs-"))
    paths = []
    for i in range(args.submissions):
        path = folder / f"learner{i:02d}.ipynb"
        shutil.copyfile(SOLVED, path)
        paths.append(path)
    n = len(paths)
    base = plain(paths) / n
    one = graded(folder, 1) / n
    two = graded(folder, 2) / n
    overhead = one / base - 1
    speedup = one / two
    print("smmlab grader benchmark (lesson 00 solution notebooks)")
    print(f"{n} submissions; CPUs {os.cpu_count()}\n")
    rows = [
        ("plain nbclient execution (s/submission)", f"{base:.2f}", "", ""),
        ("smmlab grade, 1 worker (s/submission)", f"{one:.2f}", "", ""),
        ("smmlab grade, 2 workers (s/submission)", f"{two:.2f}", "", ""),
        ("grading overhead vs plain", f"{overhead:+.0%}", "<= +20%",
         "PASS" if overhead <= 0.20 else "MISS"),
        ("2 workers vs 1 (speed-up)", f"{speedup:.2f}x", ">= 1.7x",
         "PASS" if speedup >= 1.7 else "MISS"),
    ]
    print(f"{'Measure':<42}{'Value':>9}{'Target':>10}  Result")
    print("-" * 70)
    for name, value, target, result in rows:
        print(f"{name:<42}{value:>9}{target:>10}  {result}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
