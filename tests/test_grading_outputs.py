"""What graders see: answers on feedback pages, reflections.csv, the class overview."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from smmlab.cli import build_parser
from smmlab.exercises import Outcome, lesson00
from smmlab.exercises.core import load_course_data
from smmlab.grading import grade
from smmlab.grading.outputs import answer_view, chart_svg, write_results
from smmlab.grading.overview import score_bins
from smmlab.grading.roster import read_roster, slug

ROOT = Path(__file__).resolve().parents[1]
SOLVED = ROOT / "notebooks" / "solutions" / "00_first_report.ipynb"
HOSTILE_VALUE = "<img src=x onerror=alert(1)>"
HOSTILE_TITLE = "<script>alert(2)</script> Engagements"
HOSTILE_TEXT = '=HYPERLINK("http://evil.example","click") <b>bold</b>'


def _solved(edit=None) -> nbformat.NotebookNode:
    nb = nbformat.read(SOLVED, as_version=4)
    if edit:
        edit(nb)
    return nb


def _cell(nb, exercise):
    return next(c for c in nb.cells if c.cell_type == "code" and f"{exercise}.check()" in c.source)


def _bruno(nb):  # q1 counts every post, not October's: a wrong number
    _cell(nb, "q1").source = "n_posts = len(posts)\nq1.check()"


def _carla(nb):  # hostile answers: markup in a value and a chart title, a formula in text
    _cell(nb, "q1").source = f"n_posts = {HOSTILE_VALUE!r}\nq1.check()"
    cell = _cell(nb, "q3")
    cell.source = cell.source.replace('ax.set_title("Engagements per platform, October 2025")',
                                      f"ax.set_title({HOSTILE_TITLE!r})")
    _cell(nb, "q6").source = f"findings = [{HOSTILE_TEXT!r}, 'line two']\nq6.check()"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("subs")
    for learner, edit in (("ada", None), ("bruno", _bruno), ("carla", _carla)):
        nbformat.write(_solved(edit), folder / f"{learner}_00_first_report.ipynb")
    roster = folder.parent / "roster-outputs.csv"
    roster.write_text("learner_id,name\nada,Ada\nbruno,Bruno\ncarla,Carla\ndora,Dora\n",
                      encoding="utf-8")
    out = tmp_path_factory.mktemp("results")
    rows = grade([folder], lesson="00", roster=roster, out=out, workers=2)
    return {g.learner_id: g for g in rows}, out, read_roster(roster)


def _page(out: Path, learner: str) -> str:
    return (out / "feedback" / f"{slug(learner)}.html").read_text(encoding="utf-8")


def _item(page: str, exercise: str) -> str:
    """The list item of one exercise on a feedback page."""
    return re.search(rf"<li><strong>{exercise}</strong>.*?</li>", page, re.S).group(0)


def test_each_exercise_shows_the_learners_answer_and_no_expected_value_by_default(graded):
    rows, out, _ = graded
    ada = load_course_data(learner="ada")
    bruno = load_course_data(learner="bruno")
    page = _page(out, "bruno")
    q1 = _item(page, "q1")
    wrong = len(bruno["posts"])  # what bruno's notebook computed
    assert f"<code>{wrong}</code>" in q1 and rows["bruno"].points["q1"] == 0
    assert rows["bruno"].results[0].message in q1 or "Not yet" in q1  # the check's message
    right = lesson00.LESSON.exercises["q1"].expected(bruno)
    assert right != wrong and "Expected" not in page
    ada_page = _page(out, "ada")
    assert f"<code>{lesson00.LESSON.exercises['q1'].expected(ada)}</code>" in _item(ada_page, "q1")
    # q3's chart: a thumbnail with the chart's title and alt text, and its series as a table
    q3 = _item(ada_page, "q3")
    assert q3.count("<svg") == 1 and 'role="img"' in q3 and "<title>Engagements per platform" in q3
    platforms = len(lesson00.LESSON.exercises["q3"].expected(ada))
    assert q3.count("<rect") == 1 + platforms  # a frame, then one bar per platform
    assert "<details>" in q3 and "<table>" in q3
    # q5: the order the learner gave; q6: their written answer
    assert "[analysis, strategy, planning and paid campaigns, monitoring, correcting]" in \
        _item(ada_page, "q5")
    assert "Next step: compare with September" in _item(ada_page, "q6")


def test_show_expected_adds_the_expected_value_from_the_learners_own_data(graded, tmp_path):
    rows, _, learners = graded
    write_results(list(rows.values()), lesson00.LESSON, tmp_path, show_expected=True,
                  roster=learners)
    q1 = _item(_page(tmp_path, "bruno"), "q1")
    right = lesson00.LESSON.exercises["q1"].expected(load_course_data(learner="bruno"))
    assert f"Expected: <code>{right}</code>" in q1
    assert "Expected:" in _item(_page(tmp_path, "bruno"), "q3")  # the expected series, a table
    assert "Expected:" not in _item(_page(tmp_path, "bruno"), "q6")  # a reflection has none


def test_hostile_answers_are_escaped_on_pages_and_neutralised_in_csv(graded):
    rows, out, _ = graded
    page = _page(out, "carla")
    assert "<img" not in page and "<script" not in page and "<b>bold" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt; Engagements" in _item(page, "q3")
    with open(out / "reflections.csv", encoding="utf-8", newline="") as fh:
        table = {r["learner_id"]: r for r in csv.DictReader(fh)}
    assert list(table["carla"]) == ["learner_id", "name", "email", "q6"]
    assert table["carla"]["q6"].startswith("'=HYPERLINK(") and "\nline two" in table["carla"]["q6"]
    assert "Next step: compare with September" in table["ada"]["q6"]
    assert set(table) == {"ada", "bruno", "carla"}
    assert "<script" not in (out / "overview.html").read_text(encoding="utf-8")


def test_the_overview_gives_success_rates_mistakes_histogram_and_who_is_missing(graded):
    rows, out, _ = graded
    table = pd.read_csv(out / "overview.csv", dtype={"exercise": str}).set_index("exercise")
    assert list(table.index) == list(lesson00.LESSON.exercises)
    for name in lesson00.LESSON.exercises:
        right = sum(r.outcome in (Outcome.CORRECT, Outcome.RECORDED)
                    for g in rows.values() for r in g.results if r.exercise == name)
        assert table.loc[name, "submissions"] == 3
        assert table.loc[name, "success_rate"] == pytest.approx(round(right / 3, 3))
    assert table.loc["q1", "success_rate"] == pytest.approx(round(1 / 3, 3))  # only ada
    assert table.loc["q4", "success_rate"] == 1.0
    named = [g.results[0].mistake for g in rows.values() if g.results and g.results[0].mistake]
    for mistake in named:
        assert mistake in str(table.loc["q1", "top_mistakes"])
    page = (out / "overview.html").read_text(encoding="utf-8")
    assert "Not submitted (1)" in page and "Dora (dora)" in page
    assert "Ada (ada)" not in page
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    counts = dict(re.findall(r"(\d+(?: to under \d+)? points(?: \(full marks\))?): (\d+)", desc))
    assert list(counts) == [f"{k} to under {k + 1} points" for k in range(5)] + [
        "5 points (full marks)"]
    totals = [g.total for g in rows.values()]
    assert int(counts["5 points (full marks)"]) == sum(t == 5 for t in totals) >= 1  # ada
    assert sum(map(int, counts.values())) == 3
    for label, count in counts.items():  # each bar says its count in text, not by colour
        assert f">{count}</text>" in svg and label in page


def test_score_bins_hold_every_score_once_with_full_marks_apart():
    bins = score_bins([0, 0.5, 4.99, 5, 5, 2], 5)
    assert [c for *_, c in bins] == [2, 0, 1, 0, 1, 2]
    assert bins[-1] == (5.0, 5.0, 2)
    wide = score_bins([0, 50, 99, 100], 100)
    assert len(wide) == 11 and wide[-1][2] == 1 and wide[-2][2] == 1 and sum(
        c for *_, c in wide) == 4


def test_answer_views_stay_small_and_thumbnails_skip_missing_values():
    view = answer_view(pd.DataFrame({"a": range(100)}))
    assert len(view["rows"]) == 12 and view["more"] == 88
    assert len(answer_view("x" * 10_000)["text"]) < 2_100
    svg = chart_svg({"title": "t", "series": [{"label": "", "kind": "line", "x": [1, 2, 3],
                                               "y": [1.0, "nan", 2.0]}]})
    assert svg.count(",") == 2  # two points drawn, the missing one left out


def test_grade_has_a_show_expected_option():
    args = build_parser().parse_args(["grade", "x", "--lesson", "00", "--out", "o",
                                      "--show-expected"])
    assert args.show_expected is True
    assert build_parser().parse_args(["grade", "x", "--lesson", "00", "--out", "o"]
                                     ).show_expected is False
