"""The course commands: build, progress, and an instructor's roster -> workshop -> gradebook."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd

from smmlab.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_build_check_passes_on_the_committed_course(capsys):
    assert main(["build", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_build_check_fails_on_a_stale_folder_and_build_fixes_it(tmp_path, capsys):
    assert main(["build", "--check", "--root", str(tmp_path)]) == 1
    assert "stale" in capsys.readouterr().err
    assert main(["build", "--root", str(tmp_path)]) == 0
    assert (tmp_path / "notebooks" / "00_first_report.ipynb").exists()
    assert main(["build", "--check", "--root", str(tmp_path)]) == 0


def test_progress_without_any_check(capsys):
    assert main(["progress"]) == 0
    assert "No progress recorded yet" in capsys.readouterr().out


def test_three_commands_from_roster_to_gradebook(tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("learner_id,name,email\nada@example.org,Ada,ada@example.org\n"
                      "bob@example.org,Bob,bob@example.org\n", encoding="utf-8")
    assert main(["workshop", str(roster), "--out", str(tmp_path / "ws"), "--lessons", "00"]) == 0
    assert "2 learners" in capsys.readouterr().out
    ada = next((tmp_path / "ws" / "learners").glob("ada-*")) / "00_first_report.ipynb"
    nb = nbformat.read(ada, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "q1.check()" in c.source)
    cell.source = "n_posts = len(october)\nq1.check()"
    nbformat.write(nb, ada)
    assert main(["grade", str(tmp_path / "ws" / "learners"), "--lesson", "00", "--roster",
                 str(roster), "--out", str(tmp_path / "results"), "--workers", "2"]) == 0
    book = pd.read_csv(tmp_path / "results" / "gradebook.csv").set_index("learner_id")
    assert book.loc["ada@example.org", "q1"] == 1 and book.loc["ada@example.org", "total"] == 1
    assert book.loc["bob@example.org", "total"] == 0
    assert (book["status"] == "ok").all()
    assert len(list((tmp_path / "results" / "feedback").glob("*.html"))) == 2


def test_grade_reports_a_bad_lesson_without_a_traceback(tmp_path, capsys):
    assert main(["grade", str(ROOT / "notebooks"), "--lesson", "77", "--out",
                 str(tmp_path)]) == 2
    assert "no lesson" in capsys.readouterr().err
