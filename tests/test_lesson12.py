"""Lesson 12: what is specific to it (the rules every lesson shares are in test_lessons.py).

The lesson runs on the learner's own exports, so its checks look at the process, not the
values: these tests prove that the solution's answers pass on the sample exports, that the
same checks pass on another account's import (values the course never saw), and that each
step of a process check says what went wrong.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from lessonkit import run_notebook, solution_notebook  # noqa: E402

from smmlab import datasets  # noqa: E402
from smmlab.exercises import Outcome, lesson12  # noqa: E402
from smmlab.exercises.core import CourseData, load_course_data  # noqa: E402
from smmlab.exercises.kinds import ProcessExercise, Step  # noqa: E402
from smmlab.io.folder import write_data_folder  # noqa: E402
from smmlab.io.samples import EXPORT_DAY, write_sample_exports  # noqa: E402

EMPTY = CourseData({}, brand="nobody")


@pytest.fixture(scope="module")
def solved():
    return run_notebook(solution_notebook("12"))


@pytest.fixture(scope="module")
def data():
    return load_course_data()


@pytest.fixture(scope="module")
def other_import(tmp_path_factory):
    """Another account's import: a learner's brand written as exports and imported back."""
    root = tmp_path_factory.mktemp("other")
    brand = root / "brand"
    datasets.write_course_data(brand, learner="ada@example.org")
    files = write_sample_exports(root / "exports", data_dir=brand)
    write_data_folder(files, root / "my-data", timezone="Europe/Rome", as_of=EXPORT_DAY)
    return load_course_data(data_dir=root / "my-data")


def test_the_notebook_works_on_the_sample_and_says_so(solved):
    assert solved["WORK"].name.startswith("smmlab-sample-")
    assert solved["MY_DATA"].parent == solved["WORK"]
    assert (solved["MY_DATA"] / "sources.json").exists()
    assert {"posts", "account_daily", "mentions"} <= set(solved["mine"])
    assert len(solved["files"]) >= 10


def test_the_data_stays_outside_the_course_folder(solved):
    course = lesson12.lessons_dir().parents[1]
    for folder in (solved["MY_DATA"], solved["WORK"]):
        assert course not in folder.resolve().parents


def test_the_checks_pass_on_an_account_the_course_never_saw(other_import, data):
    """Process, not values: another account's import passes every check of the notebook's
    answers, computed as the solution computes them."""
    posts = datasets.load("posts", data_dir=other_import.source)
    empty = posts.isna().all()
    answers = {
        "my_posts": posts,
        "platforms_found": sorted(posts["platform"].dropna().unique()),
        "missing_columns": list(empty[empty].index),
    }
    hourly = other_import.mentions.set_index("timestamp")["mentions"].astype(float)
    from smmlab.detect import alarm

    answers["my_alerts"] = alarm(hourly)
    for name in ("q2", "q3", "q4", "q6"):
        exercise = lesson12.LESSON.exercises[name]
        result = exercise.check_answers({v: answers[v] for v in exercise.variables}, data)
        assert result.correct, (name, str(result))


def test_the_rates_function_is_proven_on_the_course_brand(solved, data):
    cases = lesson12.q5.expected(data)
    assert len(cases) == 3
    exported = cases[1][0][0]
    assert exported.loc[exported["platform"] == "X", "reach"].isna().all()
    assert exported.loc[exported["platform"] == "Facebook", "saves"].isna().all()
    rates = solved["platform_rates"](exported)
    assert not {"X", "TikTok", "Facebook"} & set(rates.dropna().index.astype(str))
    assert lesson12.q5.check_answers({"platform_rates": solved["platform_rates"]}, data).correct


def test_missing_saves_as_zero_is_named(data):
    result = lesson12.q5.check_answers({"platform_rates": lesson12._rates_saves_zero}, data)
    assert result.outcome is Outcome.NOT_YET and result.mistake == "saves_zero"
    assert 0 < result.score < 1  # right on the months where every post has its counts


def test_the_report_files_exist_and_the_checks_read_them(solved, data):
    for name, suffix in (("report_file", ".html"), ("report_xlsx", ".xlsx")):
        path = solved[name]
        assert path.name.endswith(suffix) and path.stat().st_size > 1000
        exercise = lesson12.q7 if name == "report_file" else lesson12.q8
        assert exercise.check_answers({name: str(path)}, data).correct
        assert exercise.check_answers({name: path}, data).correct


def test_a_report_file_that_is_gone_is_not_a_report(tmp_path, data):
    path = tmp_path / "my-report.html"
    result = lesson12.q7.check_answers({"report_file": str(path)}, data)
    assert result.mistake == "exists" and "no file" in result.message
    path.write_text("<html><body>report</body></html>", encoding="utf-8")
    assert lesson12.q7.check_answers({"report_file": str(path)}, data).correct


def test_the_report_says_what_the_exports_lack(solved):
    gaps = solved["my_report"].gaps
    assert any("no saves" in note for notes in gaps.values() for note in notes)


def test_last_full_month_is_the_month_before_the_download():
    stamps = pd.to_datetime(["2025-11-30 23:00", "2025-12-01 00:30"]).tz_localize("Europe/Rome")
    assert str(lesson12.last_full_month(pd.DataFrame({"published_at": stamps}))) == "2025-11"


def test_a_process_check_gives_credit_for_the_steps_passed():
    q = ProcessExercise("q", variable="t", hints=("a", "b"), steps=(
        Step("table", lambda t: isinstance(t, pd.DataFrame), "Give a table."),
        Step("rows", lambda t: len(t) > 0, "Empty."),
        Step("dates", lambda t: "date" in t.columns, lambda t: f"No date in {list(t.columns)}."),
    ))
    result = q.check_answers({"t": pd.DataFrame({"a": [1]})}, EMPTY)
    assert result.outcome is Outcome.NOT_YET and result.mistake == "dates"
    assert result.score == pytest.approx(2 / 3) and result.message == "No date in ['a']."
    assert q.check_answers({"t": 3}, EMPTY).score == 0
    assert q.public_check({"t": 3}).message == "Give a table."
    assert q.public_check({"t": pd.DataFrame()}).outcome is Outcome.RECORDED


def test_a_step_that_raises_is_a_fail_not_a_crash():
    q = ProcessExercise("q", variable="t", hints=("a", "b"),
                        steps=(Step("len", lambda t: len(t) > 0, "No rows."),))
    assert q.check_answers({"t": 3}, EMPTY).message == "No rows."


def test_a_report_path_that_is_a_link_a_pipe_or_a_device_is_refused_at_once(tmp_path, data):
    """The grader checks the path a notebook gives: no link, pipe or device is ever read."""
    import os

    real = tmp_path / "real.html"
    real.write_text("<html><body>report</body></html>", encoding="utf-8")
    assert lesson12.q7.check_answers({"report_file": str(real)}, data).correct
    (tmp_path / "link.html").symlink_to(real)
    os.mkfifo(tmp_path / "pipe.html")  # reading it would wait for a writer forever
    (tmp_path / "device.html").symlink_to("/dev/zero")
    for name in ("link.html", "pipe.html", "device.html"):
        result = lesson12.q7.check_answers({"report_file": str(tmp_path / name)}, data)
        assert not result.correct and result.mistake == "exists", (name, result)
