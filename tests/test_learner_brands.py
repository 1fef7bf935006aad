"""Every solution notebook, run on learners' own brands, gets every check right.

The lessons' prose tells stories about the data (a target missed, a rival
campaign, B winning clicks and losing orders). A workshop learner runs the
lesson on their own brand, so each solution must pass there too: the frozen
canonical brand proves nothing about the others.

The brands are **random**: each run draws new learner ids (from the operating
system's entropy, never from global random state) and names them in the test
ids, so a failure says which learner to rebuild (``smmlab generate --learner
ID``); ``-k lesson07`` picks one lesson. ``SMMLAB_BRANDS`` sets how many
(``make test``: 2; ``make test-brands``: 8), and ``SMMLAB_BRAND_SEED`` replays a
run's ids.

The stories themselves are guaranteed over hundreds of ids by the scenario
contracts (``tests/test_contracts_*.py``); this test proves that the lessons'
code, checks and charts follow.
"""

from __future__ import annotations

import os
import random
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lessonkit import execute, solution_notebook
from tests.test_lessons import ALLOWED, NUMBERS, shown_results

COUNT = int(os.environ.get("SMMLAB_BRANDS", "2"))
SEED = int(os.environ.get("SMMLAB_BRAND_SEED") or secrets.randbits(32))
#: Learner ids for this run: reproducible from SEED, new in every run without it.
LEARNERS = [f"learner-{SEED}-{random.Random(SEED + i).randrange(10**6):06d}"
            for i in range(COUNT)]


@pytest.fixture(scope="session")
def brand_folder(tmp_path_factory):
    folders: dict[str, Path] = {}

    def folder(learner: str) -> Path:
        if learner not in folders:
            out = tmp_path_factory.mktemp("brand") / "data"
            subprocess.run([sys.executable, "-m", "smmlab.cli", "generate", "--learner", learner,
                            "--out", str(out)], check=True, capture_output=True)
            folders[learner] = out
        return folders[learner]

    return folder


@pytest.mark.parametrize("learner", LEARNERS)
@pytest.mark.parametrize("number", NUMBERS, ids=lambda n: f"lesson{n}")
def test_the_solution_passes_on_a_learners_brand(number, learner, brand_folder):
    run = execute(solution_notebook(number), brand_folder(learner))
    assert not run.errors, (
        f"{run.path.name} on learner {learner!r} (replay: SMMLAB_BRAND_SEED={SEED}):\n"
        + "\n".join(run.errors))
    seen = [outcome for cell in run.cells for outcome in shown_results(cell.html())]
    assert seen, f"no check ran on learner {learner!r}"
    assert set(seen) <= ALLOWED["solution"], (learner, seen)


@pytest.mark.skipif(COUNT < 3, reason="runs in make test-brands (SMMLAB_BRANDS >= 3)")
@pytest.mark.parametrize("number", NUMBERS, ids=lambda n: f"lesson{n}")
def test_the_grader_gives_a_learners_solution_full_marks(number, tmp_path):
    """The grader knows the learner's id (from the roster) where the notebook only had a data
    folder: both sides must judge the same brand (lesson 05 once picked another real series)."""
    import shutil

    from smmlab.grading import grade

    learner = LEARNERS[0]
    roster = tmp_path / "roster.csv"
    roster.write_text(f"learner_id\n{learner}\n", encoding="utf-8")
    folder = tmp_path / "collected" / learner
    folder.mkdir(parents=True)
    source = solution_notebook(number)
    shutil.copy(source, folder / source.name)
    (got,) = grade([tmp_path / "collected"], lesson=number, out=tmp_path / "out", roster=roster,
                   cell_timeout=120)
    assert got.status == "ok" and got.total == got.maximum > 0, (
        f"{learner} (SMMLAB_BRAND_SEED={SEED}): {got.total}/{got.maximum} {got.reason}")
