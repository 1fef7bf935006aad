"""`smmlab collect`: learners' notebooks copied read-only into a folder `smmlab grade` reads."""

from __future__ import annotations

import csv
import hashlib
import os
import stat
from pathlib import Path

import pytest

from smmlab.cli import main
from smmlab.exercises.build import lessons_dir
from smmlab.grading import roster as placing
from smmlab.grading.collect import collect_work, parse_deadline, workshop_pattern
from smmlab.grading.roster import Learner, read_roster, slug
from smmlab.grading.workshop import personal_notebook

L00 = "00_first_report.ipynb"
L01 = next(p.name for p in lessons_dir().glob("01_*.ipynb"))
DEADLINE = "2026-05-01T18:00+00:00"
BEFORE = parse_deadline("2026-05-01T17:00Z").timestamp()
AFTER = parse_deadline("2026-05-01T19:00Z").timestamp()


def _notebook(learner_id: str) -> str:
    return personal_notebook(lessons_dir() / L00, Learner(learner_id, learner_id.title(), ""),
                             assessment=False, allow_hints=True)


def _state(path: Path) -> tuple[bytes, float, int]:
    info = path.stat()
    return path.read_bytes(), info.st_mtime, stat.S_IMODE(info.st_mode)


@pytest.fixture()
def hub(tmp_path: Path) -> Path:
    """A hub's /home: two learners, an intruder not on the roster, and a link to another's work."""
    home = tmp_path / "home"
    for user in ("ada", "bruno", "mallory"):
        (home / f"jupyter-{user}").mkdir(parents=True)
        (home / f"jupyter-{user}" / L00).write_text(_notebook(user), encoding="utf-8")
        os.utime(home / f"jupyter-{user}" / L00, (BEFORE, BEFORE))
    (home / "jupyter-ada" / L01).write_text("{}", encoding="utf-8")  # another lesson
    (home / "jupyter-ada" / ".ipynb_checkpoints").mkdir()
    (home / "jupyter-ada" / ".ipynb_checkpoints" / L00).write_text("{}", encoding="utf-8")
    # bruno links "his" lesson 00 copy to ada's notebook: never collected as his
    (home / "jupyter-bruno" / "work").mkdir()
    (home / "jupyter-bruno" / "work" / "00_first_report-copy.ipynb").symlink_to(
        home / "jupyter-ada" / L00)
    (tmp_path / "roster.csv").write_text(
        "learner_id,name,email\nada,Ada,ada@example.org\nbruno,Bruno,\ncarla,Carla,\n",
        encoding="utf-8")
    return home


def _manifest(folder: Path) -> list[dict[str, str]]:
    with open(folder / "manifest.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_hub_is_collected_read_only_with_source_times_and_learners_files_untouched(
        hub: Path, tmp_path: Path):
    sources = sorted(p for p in hub.rglob("*.ipynb") if not p.is_symlink())
    before = {p: _state(p) for p in sources}
    out = tmp_path / "subs"
    done = collect_work(str(hub / "jupyter-{learner}/"), out, lessons=["00"],
                        roster=tmp_path / "roster.csv", deadline=DEADLINE)
    assert {p: _state(p) for p in sources} == before  # learners' files never modified
    rows = {r["learner_id"]: r for r in _manifest(out)}
    assert set(rows) == {"ada", "bruno"}  # mallory is not on the roster, carla has no file
    assert any("not on the roster" in reason for path, reason in done.skipped
               if "mallory" in path)
    assert any("symbolic link" in reason for path, reason in done.skipped)
    assert done.missing == [("carla", "00")]
    for learner_id, row in rows.items():
        copy = out / row["file"]
        assert copy.parent.name == slug(learner_id) and copy.name == L00
        source = hub / f"jupyter-{learner_id}" / L00
        assert copy.read_bytes() == source.read_bytes()
        assert row["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
        assert copy.stat().st_mtime == pytest.approx(BEFORE)
        assert not stat.S_IMODE(copy.stat().st_mode) & 0o222  # read-only
        assert row["source"] == str(source) and row["late"] == "" and row["action"] == "new"
        assert row["source_mtime"].startswith("2026-05-01T17:00:00")
    assert not list(out.rglob(L01)) and len(list(out.rglob("*.ipynb"))) == 2


def test_rerun_copies_only_what_changed_and_flags_late_work(hub: Path, tmp_path: Path):
    out = tmp_path / "subs"
    args = dict(lessons=["00"], roster=tmp_path / "roster.csv", deadline=DEADLINE)
    collect_work(str(hub / "jupyter-{learner}"), out, **args)
    again = collect_work(str(hub / "jupyter-{learner}"), out, **args)
    assert [r["action"] for r in again.rows] == ["unchanged", "unchanged"]
    source = hub / "jupyter-bruno" / L00
    source.write_text(source.read_text(encoding="utf-8").replace("Bruno", "Bruno B."),
                      encoding="utf-8")
    os.utime(source, (AFTER, AFTER))
    third = collect_work(str(hub / "jupyter-{learner}"), out, **args)
    rows = {r["learner_id"]: r for r in third.rows}
    assert rows["ada"]["action"] == "unchanged" and rows["bruno"]["action"] == "updated"
    assert rows["bruno"]["late"] == "late" and rows["ada"]["late"] == ""
    assert (out / rows["bruno"]["file"]).read_bytes() == source.read_bytes()
    assert {r["learner_id"]: r["late"] for r in _manifest(out)} == {"ada": "", "bruno": "late"}
    # a re-run without --deadline keeps the recorded one: late work stays late
    fourth = collect_work(str(hub / "jupyter-{learner}"), out, lessons=["00"],
                          roster=tmp_path / "roster.csv")
    assert {r["learner_id"]: r["late"] for r in fourth.rows} == {"ada": "", "bruno": "late"}
    assert {r["deadline"] for r in _manifest(out)} == {"2026-05-01T18:00:00+00:00"}


def test_a_workshop_is_collected_and_the_grader_credits_each_copy_to_its_learner(
        tmp_path: Path):
    ws = tmp_path / "ws"
    roster = tmp_path / "roster.csv"
    roster.write_text("learner_id,name\nada@example.org,Ada\nbruno.b@example.org,Bruno\n",
                      encoding="utf-8")
    for learner in read_roster(roster):  # the layout smmlab workshop writes (without data)
        (ws / "learners" / learner.slug).mkdir(parents=True)
        (ws / "learners" / learner.slug / L00).write_text(_notebook(learner.learner_id),
                                                           encoding="utf-8")
    (ws / "instructor").mkdir()
    (ws / "instructor" / "roster.csv").write_text(roster.read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    assert main(["collect", "--workshop", str(ws), "--lessons", "00",
                 "--out", str(tmp_path / "subs")]) == 0
    learners = read_roster(roster)
    found = sorted((tmp_path / "subs").rglob("*.ipynb"))
    placements = placing.assign(
        [placing.locate(f, [tmp_path / "subs"], tmp_path / "scratch") for f in found],
        learners, lesson="00", lessons={"00": L00, "01": L01})
    graded = {p.learner.learner_id: p.file.path for p in placements if p.action == placing.GRADE}
    assert set(graded) == {lr.learner_id for lr in learners}
    for learner in learners:
        assert graded[learner.learner_id].read_text(encoding="utf-8") == (
            ws / "learners" / learner.slug / L00).read_text(encoding="utf-8")
    assert workshop_pattern(ws) == (f"{ws.as_posix()}/learners/{{learner}}",
                                    ws / "instructor" / "roster.csv")


@pytest.mark.parametrize(("argv", "says"), [
    (["--from", "/tmp/no-placeholder", "--lessons", "00"], "{learner} exactly once"),
    (["--from", "/tmp/*/{learner}", "--lessons", "00"], "cannot hold wildcards"),
    (["--from", "{home}/jupyter-{learner}", "--lessons", "99"], "lessons must be among"),
    (["--from", "{home}/jupyter-{learner}", "--lessons", "00", "--deadline", "Friday"],
     "deadline must be an ISO 8601"),
])
def test_bad_input_is_one_clear_error_naming_the_parameter(hub: Path, tmp_path: Path, capsys,
                                                           argv, says):
    argv = [a.replace("{home}", str(hub)) for a in argv]
    assert main(["collect", *argv, "--out", str(tmp_path / "subs")]) == 2
    assert says in capsys.readouterr().err
    assert not (tmp_path / "subs").exists()  # nothing written on bad input
