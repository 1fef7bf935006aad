"""Benchmark a lesson's first cell against importing pandas and pyplot alone.

Run it with ``make bench`` or ``python benchmarks/bench_first_cell.py [--repeat K]``.
A learner's first action in every lesson is its first code cell (the imports,
``viz.use()`` and ``data = setup()``). This script runs, in fresh ``python -c``
subprocesses, exactly the source of that cell for each lesson in ``notebooks/``
(learner form), and ``import pandas, matplotlib.pyplot`` alone as the same-run
baseline: what any pandas-and-charts notebook pays before doing anything.
Each measure is the best of K wall times; the runs are interleaved round by
round (baseline, lesson 00, lesson 01, ...) so a busy moment on a shared machine
disturbs all of them alike.

Target: every lesson's first cell at most 1.5x the baseline. Missing it is
reported, not failed: the exit code is 0 unless a cell crashes.

For each lesson the table also names the top-level packages the cell imports
beyond the baseline (``-X importtime``, one extra untimed run), so a heavy
import that creeps back onto the learner's path (nbformat, scipy, nbconvert...)
is named, not just felt.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import best_ms  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BASELINE = "import pandas, matplotlib.pyplot"
TARGET = 1.5
#: One line of ``-X importtime``: self µs | cumulative µs | name (indented by nesting depth).
_IMPORTTIME = re.compile(r"^import time:\s+(\d+) \|\s+\d+ \| *(\S+)$")


def first_cell(path: Path) -> str:
    """The source of the first code cell of notebook ``path``.

    Examples
    --------
    >>> "setup()" in first_cell(NOTEBOOKS / "00_first_report.ipynb")
    True
    """
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    source = next(c["source"] for c in cells if c["cell_type"] == "code")
    return "".join(source) if isinstance(source, list) else source


def _env(home: str) -> dict[str, str]:
    """The subprocesses' environment: a checkout on the path, no display, a throwaway home."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("SMMLAB_EXPECT", "SMMLAB_DATA_DIR", "PYTHONSTARTUP")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["MPLBACKEND"] = "Agg"  # the same backend for the baseline and the lessons
    env["SMMLAB_HOME"] = home
    return env


def _run(code: str, env: dict[str, str], *flags: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, *flags, "-c", code], env=env, cwd=NOTEBOOKS,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"this cell failed:\n{code}\n{done.stderr[-2000:]}")
    return done


def imported(code: str, env: dict[str, str]) -> dict[str, float]:
    """Packages whose modules ``code`` imports, with the import time of those modules in ms.

    Each module's own ("self") time is added to its top-level package, so
    ``{"nbformat": 12.0, "rfc3987_syntax": 750.0}`` says where the time went even when
    a package is pulled in by another one.
    """
    found: dict[str, float] = {}
    for line in _run(code, env, "-X", "importtime").stderr.splitlines():
        match = _IMPORTTIME.match(line)
        if match:
            top = match.group(2).split(".")[0]
            found[top] = found.get(top, 0.0) + int(match.group(1)) / 1e3
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measure")
    args = parser.parse_args(argv)
    env = _env(tempfile.mkdtemp(prefix="smmlab-bench-home-"))
    lessons = {p.name[:2]: first_cell(p) for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))}
    codes = {"baseline": BASELINE, **lessons}
    best = dict.fromkeys(codes, float("inf"))
    for _ in range(args.repeat):
        for name, code in codes.items():
            best[name] = min(best[name], best_ms(lambda c=code: _run(c, env), 1))
    base_packages = set(imported(BASELINE, env))

    print("smmlab first-cell benchmark: each lesson's first code cell in a fresh interpreter")
    print(f"Python {platform.python_version()}; CPUs {os.cpu_count()}; best of {args.repeat}, "
          f"interleaved; target <= {TARGET:g}x the baseline\n")
    print(f"baseline `{BASELINE}`: {best['baseline']:.0f} ms\n")
    print(f"{'lesson':<8}{'first cell (ms)':>16}{'ratio':>8}{'target':>8}  Result  "
          "imported beyond the baseline (ms)")
    print("-" * 100)
    met = 0
    for number, code in lessons.items():
        ratio = best[number] / best["baseline"]
        ok = ratio <= TARGET
        met += ok
        extra = {k: v for k, v in imported(code, env).items() if k not in base_packages}
        named = ", ".join(f"{k} {v:.0f}" for k, v in
                          sorted(extra.items(), key=lambda kv: -kv[1])[:5])
        print(f"{number:<8}{best[number]:>16.0f}{ratio:>7.2f}x{f'<= {TARGET:g}x':>8}  "
              f"{'PASS' if ok else 'MISS':<6}  {named}")
    print(f"\n{met} of {len(lessons)} lessons within {TARGET:g}x.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
