"""Answer keys learners cannot rebuild: ``smmlab workshop --secret FILE`` (issue 14, item 4).

With an instructor's secret each brand comes from an HMAC-SHA256 of the learner id, so
nothing in the learner's folder (data, provenance.json, lesson_truth.json, notebooks) nor
any learner-side call (learner_seed, make_course_data(learner=...), load_course_data,
provenance(...).course_data(), course_truth) rebuilds the brand or its answer key. Grading
with the same secret gives the solution full marks; without it, or with another secret,
grading stops with an error naming --secret.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from lessonkit import solve  # noqa: E402

from smmlab import datasets  # noqa: E402
from smmlab._random import (  # noqa: E402
    learner_seed,
    new_secret,
    read_secret,
    secret_fingerprint,
)
from smmlab.exercises.core import course_truth, load_course_data  # noqa: E402
from smmlab.exercises.live_feed import planted_events  # noqa: E402
from smmlab.grading import grade  # noqa: E402
from smmlab.grading.workshop import create_workshop  # noqa: E402
from smmlab.synth import make_course_data  # noqa: E402
from smmlab.synth.campaigns import response_curve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FULL = 5.0  # lesson 00: five scored exercises of one point
ADA = "ada@example.org"
SECRET = b"a1" * 32
OTHER = b"b2" * 32


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    """An assessment workshop of lessons 00, 05 and 07 keyed with SECRET."""
    tmp = tmp_path_factory.mktemp("keyed")
    roster = tmp / "roster.csv"
    roster.write_text(f"learner_id,name,email\n{ADA},Ada,{ADA}\n", encoding="utf-8")
    ws = create_workshop(roster, tmp / "ws", lessons=["00", "05", "07"], assessment=True,
                         secret=SECRET)
    home = tmp / "ws" / "learners" / ws.learners[0].slug
    return tmp, roster, home


def _posts(folder: Path) -> pd.DataFrame:
    return datasets.load("posts", data_dir=folder)


def _same_posts(frame: pd.DataFrame, folder: Path) -> bool:
    return frame.reset_index(drop=True).equals(_posts(folder).reset_index(drop=True))


def test_the_secret_keys_the_seed():
    keyed = learner_seed(ADA, secret=SECRET)
    assert keyed == learner_seed(" ADA@example.org", secret=SECRET)  # same id, same brand
    assert keyed != learner_seed(ADA)
    assert keyed != learner_seed(ADA, secret=OTHER)
    with pytest.raises(ValueError, match="secret"):
        learner_seed(ADA, secret=b"short")
    with pytest.raises(ValueError, match="secret"):
        make_course_data(3, secret=SECRET)  # a secret keys a learner's brand only


def test_the_learner_folder_cannot_rebuild_the_brand(workshop):
    _, _, home = workshop
    data = home / "data"
    keyed_seed = learner_seed(ADA, secret=SECRET)
    # every public route from the learner id gives another brand
    assert not _same_posts(make_course_data(learner=ADA)["posts"], data)
    assert not _same_posts(load_course_data(learner=ADA)["posts"], data)
    assert not _same_posts(make_course_data(learner_seed(ADA))["posts"], data)
    assert not _same_posts(make_course_data(learner=ADA, secret=OTHER)["posts"], data)
    # ...and the secret gives this one (the test is not vacuous)
    assert _same_posts(make_course_data(learner=ADA, secret=SECRET)["posts"], data)
    # what the folder records: the id and the secret's fingerprint, no seed
    record = datasets.provenance(data)
    assert record.keyed and record.seed is None and record.learner == ADA
    assert record.secret_fingerprint == secret_fingerprint(SECRET)
    raw = json.loads((data / "provenance.json").read_text(encoding="utf-8"))
    assert set(raw["arguments"]) == {"learner", "secret_fingerprint"}
    assert "truth_events.csv" not in os.listdir(data)
    # no file the learner gets holds the seed (any spelling of it) or the secret
    for path in home.rglob("*"):
        if path.is_file() and path.suffix in {".json", ".ipynb", ".md", ".csv"}:
            text = path.read_text(encoding="utf-8-sig")
            assert str(keyed_seed) not in text, path
            assert SECRET.decode() not in text and "seed" not in path.name, path
    for notebook in home.glob("*.ipynb"):
        meta = nbformat.read(notebook, as_version=4).metadata["smmlab"]
        assert meta["secret_fingerprint"] == secret_fingerprint(SECRET)
        assert keyed_seed not in {v for v in meta.values() if isinstance(v, int)}
    # the fingerprint is not the key: HMAC of a fixed text, 16 hex digits
    assert re.fullmatch(r"hmac-sha256:[0-9a-f]{16}", record.secret_fingerprint)


def test_learner_side_truth_is_partial_and_cannot_be_forced(workshop):
    _, _, home = workshop
    data = home / "data"
    record = datasets.provenance(data)
    tables, truth = record.course_data(return_truth=True)  # read back, not regenerated
    assert truth["partial"] and set(truth) == {"events", "campaigns", "partial"}
    assert tables["posts"].equals(_posts(data))
    full = make_course_data(learner=ADA, secret=SECRET, return_truth=True)[1]
    # an assessment hands out no event of the brand's own accounts (lesson 10's key)
    kinds = set(truth["events"]["type"].astype(str))
    assert "algorithm_change" in set(full["events"]["type"].astype(str))
    assert "algorithm_change" not in kinds and "bought_followers" not in kinds
    with pytest.raises(ValueError, match="--secret"):
        record.course_data(secret=OTHER)
    with pytest.raises(ValueError, match="--secret"):  # a record without its folder
        datasets.Provenance.for_call(learner=ADA, secret=SECRET).course_data()
    assert _same_posts(record.course_data(secret=SECRET)["posts"], data)  # the instructor


def test_lessons_still_get_the_truth_they_read(workshop):
    """Lesson 07 plots the response curves; lesson 05's live feed replays the mentions."""
    _, _, home = workshop
    mine = load_course_data(data_dir=home / "data")
    full = make_course_data(learner=ADA, secret=SECRET, return_truth=True)[1]
    curves = course_truth(mine)["campaigns"]
    spend = np.array([0.0, 50.0, 400.0])
    for channel in ("Instagram", "Facebook"):
        np.testing.assert_allclose(response_curve(curves, channel, spend),
                                   response_curve(full["campaigns"], channel, spend),
                                   rtol=1e-12)
    learner_events = planted_events(mine)
    key = planted_events(load_course_data(learner=ADA, secret=SECRET))
    assert learner_events["start"].tolist() == key["start"].tolist()
    assert learner_events["type"].tolist() == key["type"].tolist()


def _solve(notebook: Path) -> None:
    nbformat.write(solve(nbformat.read(notebook, as_version=4)), notebook)


def test_grading_needs_the_workshops_secret(workshop):
    tmp, roster, home = workshop
    _solve(home / "00_first_report.ipynb")
    subs = tmp / "subs"
    subs.mkdir()
    (subs / f"{home.name}.ipynb").write_bytes((home / "00_first_report.ipynb").read_bytes())
    graded = grade([subs], lesson="00", roster=roster, out=tmp / "res", secret=SECRET)
    assert graded[0].total == FULL, [(r.exercise, r.message) for r in graded[0].results]
    with pytest.raises(ValueError, match="--secret FILE"):
        grade([subs], lesson="00", roster=roster, out=tmp / "res-none")
    with pytest.raises(ValueError, match="--secret gives"):
        grade([subs], lesson="00", roster=roster, out=tmp / "res-other", secret=OTHER)
    # a learner who strips the notebook's metadata: the roster's workshop.json still tells
    nb = nbformat.read(subs / f"{home.name}.ipynb", as_version=4)
    nb.metadata["smmlab"].pop("secret_fingerprint")
    nbformat.write(nb, subs / f"{home.name}.ipynb")
    copy = tmp / "ws" / "instructor" / "roster.csv"  # the roster the workshop README names
    with pytest.raises(ValueError, match="workshop.json .*--secret FILE"):
        grade([subs], lesson="00", roster=copy, out=tmp / "res-stripped")
    assert not (tmp / "res-none").exists() and not (tmp / "res-other").exists()


def test_a_workshop_keeps_its_secret(workshop):
    tmp, roster, _ = workshop
    with pytest.raises(ValueError, match="--secret"):
        create_workshop(roster, tmp / "ws", lessons=["00"], assessment=True, secret=OTHER)
    with pytest.raises(ValueError, match="--secret"):
        create_workshop(roster, tmp / "ws", lessons=["00"], assessment=True)


def test_open_workshops_are_as_before(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(f"learner_id\n{ADA}\n", encoding="utf-8")
    ws = create_workshop(roster, tmp_path / "ws", lessons=["00"])
    data = tmp_path / "ws" / "learners" / ws.learners[0].slug / "data"
    record = datasets.provenance(data)
    assert not record.keyed and record.call == {"learner": ADA}
    assert not (data / "lesson_truth.json").exists()
    assert _same_posts(make_course_data(learner=ADA)["posts"], data)


def test_secret_files(tmp_path):
    path = new_secret(tmp_path / "exam.secret")
    assert path.stat().st_mode & 0o777 == 0o600
    secret = read_secret(path)
    assert len(secret) == 64 and read_secret(path) == secret
    assert read_secret(new_secret(tmp_path / "other.secret")) != secret
    with pytest.raises(ValueError, match="never overwritten"):
        new_secret(path)
    assert read_secret(path) == secret
    with pytest.raises(ValueError, match="--secret .*no such file"):
        read_secret(tmp_path / "missing")
    (tmp_path / "short").write_text("abc\n", encoding="utf-8")
    with pytest.raises(ValueError, match="--secret .*at least 16"):
        read_secret(tmp_path / "short")


def test_the_command_line(workshop, tmp_path, capsys):
    from smmlab.cli import main

    assert main(["secret", "new", str(tmp_path / "exam.secret")]) == 0
    assert (tmp_path / "exam.secret").stat().st_mode & 0o777 == 0o600
    assert secret_fingerprint(read_secret(tmp_path / "exam.secret")) in capsys.readouterr().out
    assert main(["secret", "new", str(tmp_path / "exam.secret")]) == 2  # never overwritten
    tmp, roster, home = workshop
    assert main(["grade", str(home / "00_first_report.ipynb"), "--lesson", "00", "--roster",
                 str(roster), "--out", str(tmp_path / "res")]) == 2
    assert "--secret FILE" in capsys.readouterr().err
    assert main(["grade", str(home / "00_first_report.ipynb"), "--lesson", "00", "--roster",
                 str(roster), "--out", str(tmp_path / "res"), "--secret",
                 str(tmp_path / "exam.secret")]) == 2  # another secret
    assert "--secret gives" in capsys.readouterr().err
    assert not (tmp_path / "res").exists()


def test_lesson_10_gets_when_the_algorithm_changed_not_where(tmp_path):
    from smmlab.exercises.lesson10 import algorithm_change, months
    from smmlab.grading.workshop import write_learner_data

    write_learner_data(tmp_path / "data", ADA, secret=SECRET, lessons=["10"])
    mine = load_course_data(data_dir=tmp_path / "data")
    full = load_course_data(learner=ADA, secret=SECRET)
    assert months(mine) == months(full)  # the notebook's review month
    platform, start = algorithm_change(full)
    assert algorithm_change(mine)[1] == start
    events = course_truth(mine)["events"]
    assert platform not in set(events["platform"].astype(str))  # q6's answer is not handed out
    assert set(events["table"].astype(str)) == {"account_daily"}  # lesson 05 is not in it


def test_lesson_07_runs_on_the_handed_out_curves_and_grades_full(workshop):
    """The solution of lesson 07 plots and reallocates along lesson_truth.json's curves."""
    tmp, roster, home = workshop
    subs = tmp / "subs07"
    subs.mkdir()
    solution = ROOT / "notebooks" / "solutions" / "07_paid_budget.ipynb"
    (subs / f"{home.name}.ipynb").write_bytes(solution.read_bytes())
    graded = grade([subs], lesson="07", roster=roster, out=tmp / "res07", secret=SECRET)[0]
    assert graded.status == "ok" and graded.total == graded.maximum, graded.reason
