"""The checks judge the same in every language (issue 15): every declared answer variant.

``tests/test_variants.py`` runs each exercise's right and wrong answers in English. Here the
same answers are checked in a fresh process per language, ``SMMLAB_LANG=en`` and each
translated one (the language is chosen before the lessons are imported, as the first cell of
a translated notebook does): every verdict must be the same, and every message a wrong answer
gets must be in that language, not the English one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from smmlab.exercises.translations import TRANSLATED

ROOT = Path(__file__).resolve().parents[1]

#: Runs in a fresh process: every declared variant of every lesson, on the canonical brand.
SCRIPT = r"""
import importlib, json, pkgutil, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import smmlab.exercises as pkg
from smmlab.exercises.core import load_course_data

data = load_course_data()
out = []
for module in sorted(m.name for m in pkgutil.iter_modules(pkg.__path__)
                     if m.name.startswith("lesson")):
    lesson = importlib.import_module(f"smmlab.exercises.{module}").LESSON
    for name, exercise in lesson.exercises.items():
        for kind in ("right", "wrong"):
            for i, variant in enumerate(getattr(exercise, kind)):
                try:
                    result = exercise.check_answers(variant.answers(exercise.variables, data),
                                                    data)
                    out.append([lesson.number, name, kind, i, result.outcome.value,
                                result.mistake, result.message])
                except Exception as err:  # reported, compared like any verdict
                    out.append([lesson.number, name, kind, i, "error", None, repr(err)])
                plt.close("all")
json.dump(out, sys.stdout)
"""


def _verdicts(language: str) -> dict[tuple, tuple]:
    env = dict(os.environ, SMMLAB_LANG=language, MPLBACKEND="Agg")
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, text=True,
                          capture_output=True, check=False, timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    return {tuple(row[:4]): tuple(row[4:]) for row in json.loads(done.stdout)}


@pytest.fixture(scope="module")
def english() -> dict[tuple, tuple]:
    return _verdicts("en")


@pytest.fixture(scope="module", params=TRANSLATED)
def translated(request) -> dict[tuple, tuple]:
    return _verdicts(request.param)


def test_every_answer_gets_the_same_verdict_in_every_language(english, translated):
    assert english.keys() == translated.keys() and len(english) > 500
    differ = {case: (english[case][:2], translated[case][:2]) for case in english
              if english[case][:2] != translated[case][:2]}
    assert not differ, differ
    assert not [case for case, v in translated.items() if v[0] == "error"]


def test_a_wrong_answer_is_told_in_the_learners_language(english, translated):
    wrong = [case for case in english if case[2] == "wrong" and english[case][2].strip()]
    untranslated = [(case, translated[case][2]) for case in wrong
                    if translated[case][2] == english[case][2]]
    assert len(wrong) > 300
    assert not untranslated, untranslated[:5]
