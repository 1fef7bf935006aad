"""The course on a JupyterHub (issue 14 item 1): a user's folder, the shipped hub files.

The real hub, with two users, a browser and the grader, is ``tests/hub/test_hub_e2e.py``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import runpy
import types
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml

from smmlab._random import new_secret, read_secret
from smmlab.cli import main
from smmlab.grading.hub import (
    COURSE_FOLDER,
    hub_learner,
    make_pre_spawn_hook,
    prepare_user,
    read_settings,
)
from smmlab.synth import make_course_data

ROOT = Path(__file__).resolve().parents[1]
HUB = ROOT / "instructors" / "hub"


def _brand(course: Path) -> str:
    return (course / "data" / "brand.csv").read_text(encoding="utf-8").splitlines()[1]


def test_first_start_writes_the_course_and_later_starts_never_overwrite(tmp_path):
    first = prepare_user(tmp_path, "ada", lessons=["00"])
    course = tmp_path / COURSE_FOLDER
    assert first.folder == course and oct(course.stat().st_mode & 0o777) == "0o700"
    assert sorted(p.name for p in first.written) == ["00_first_report.ipynb", "data"]
    notebook = course / "00_first_report.ipynb"
    assert nbformat.read(notebook, as_version=4).metadata.smmlab.learner == "ada"
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("Exercise", "Esercizio"),
                        encoding="utf-8")
    mine = notebook.read_bytes()
    again = prepare_user(tmp_path, "ada", lessons=["00", "01"])
    assert [p.name for p in again.written] == ["01_metrics_that_matter.ipynb"]
    assert notebook.read_bytes() == mine  # the learner's work is kept as it is


def test_each_user_gets_their_own_brand(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = prepare_user(tmp_path / "a", "ada", lessons=["00"]).folder
    b = prepare_user(tmp_path / "b", "bruno", lessons=["00"]).folder
    assert _brand(a) != _brand(b)
    expected = make_course_data(learner="ada")["brand"]["name"].iloc[0]
    assert expected in _brand(a)


def test_a_roster_maps_hub_users_to_learner_ids(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("learner_id,name,email,hub_user\nada@example.org,Ada,,alovelace\n"
                      "bruno@example.org,Bruno,,brossi\n", encoding="utf-8")
    assert hub_learner("ALovelace", roster).learner_id == "ada@example.org"
    by_email = tmp_path / "by_email.csv"
    by_email.write_text("learner_id,name,email\nL-17,Ada,ada@example.org\n", encoding="utf-8")
    assert hub_learner("ada@example.org", by_email).learner_id == "L-17"
    with pytest.raises(ValueError, match="'carla' is not in the roster"):
        hub_learner("carla", roster)
    (tmp_path / "home").mkdir()
    prepare_user(tmp_path / "home", "brossi", roster=roster, lessons=["00"])
    nb = nbformat.read(tmp_path / "home" / COURSE_FOLDER / "00_first_report.ipynb",
                       as_version=4)
    assert nb.metadata.smmlab.learner == "bruno@example.org"


def test_with_a_secret_nothing_in_the_users_folder_rebuilds_the_key(tmp_path):
    secret = read_secret(new_secret(tmp_path / "exam.secret"))
    (tmp_path / "home").mkdir()
    course = prepare_user(tmp_path / "home", "ada", lessons=["00"], assessment=True,
                          secret=secret).folder
    followers = int(pd.read_csv(course / "data" / "platforms.csv")["followers"].sum())
    # the learner-side call gives another brand (compared by followers: names can coincide)
    assert followers != int(make_course_data(learner="ada")["platforms"]["followers"].sum())
    assert followers == int(make_course_data(learner="ada", secret=secret)["platforms"][
        "followers"].sum())
    everything = b"".join(p.read_bytes() for p in course.rglob("*") if p.is_file())
    assert secret not in everything and secret.hex().encode() not in everything
    provenance = json.loads((course / "data" / "provenance.json").read_text(encoding="utf-8"))
    assert "random_state" not in json.dumps(provenance)


def test_bad_input_names_the_parameter(tmp_path):
    with pytest.raises(ValueError, match="home: "):
        prepare_user(tmp_path / "nowhere", "ada")
    with pytest.raises(ValueError, match="user: "):
        prepare_user(tmp_path, "  ")
    with pytest.raises(ValueError, match="folder: "):
        prepare_user(tmp_path, "ada", folder="../elsewhere")
    with pytest.raises(ValueError, match="Lesson '99'|99"):
        prepare_user(tmp_path, "ada", lessons=["99"])


@pytest.mark.skipif(os.geteuid() != 0, reason="giving files to another user needs root")
def test_a_root_hook_gives_the_folder_to_the_user(tmp_path):
    done = prepare_user(tmp_path, "ada", lessons=["00"], owner=(4321, 4322))
    for path in [done.folder, *done.folder.rglob("*")]:
        assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4322), path
    # a start that stopped after making the folder, before giving it away: the next one does
    os.chown(done.folder, 0, 0)
    prepare_user(tmp_path, "ada", lessons=["00"], owner=(4321, 4322))
    assert (done.folder.stat().st_uid, done.folder.stat().st_gid) == (4321, 4322)


def test_the_cli_prepares_a_folder(tmp_path, capsys):
    assert main(["hub", "prepare", "--user", "ada", "--home", str(tmp_path),
                 "--lessons", "00"]) == 0
    assert "ready for learner ada: 2 written, 0 kept" in capsys.readouterr().out
    assert main(["hub", "prepare", "--user", "ada", "--home", str(tmp_path),
                 "--owner", "me"]) == 2
    assert "--owner: give numeric UID:GID" in capsys.readouterr().err


def test_settings_are_checked_key_by_key(tmp_path, monkeypatch):
    good = tmp_path / "hub.toml"
    good.write_text('lessons = [0, "5"]\nassessment = true\n', encoding="utf-8")
    assert read_settings(good) == {"lessons": ["00", "05"], "assessment": True}
    bad = tmp_path / "bad.toml"
    bad.write_text('lesons = ["00"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"unknown key\(s\) \['lesons'\]"):
        read_settings(bad)
    bad.write_text('assessment = "yes"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="assessment .* must be a bool"):
        read_settings(bad)
    monkeypatch.setenv("SMMLAB_HUB_SETTINGS", str(tmp_path / "missing.toml"))
    with pytest.raises(ValueError, match="does not exist"):
        read_settings()
    # the shipped example is valid
    example = read_settings(HUB / "hub.toml")
    assert example["folder"] == COURSE_FOLDER and example["assessment"] is False


def test_the_shipped_hub_config_sets_the_hook(tmp_path, monkeypatch):
    settings = tmp_path / "hub.toml"
    settings.write_text('lessons = ["00"]\n', encoding="utf-8")
    monkeypatch.setenv("SMMLAB_HUB_SETTINGS", str(settings))
    config = types.SimpleNamespace(Spawner=types.SimpleNamespace())
    runpy.run_path(str(HUB / "jupyterhub_config.py"), init_globals={"get_config": lambda: config})
    assert callable(config.Spawner.pre_spawn_hook)
    assert config.Spawner.default_url == "/lab/tree/smm-course"


def _await(coroutine):
    """Run a coroutine to its end on a loop of its own (this thread may have one running)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_the_hook_prepares_the_spawners_system_user(tmp_path, monkeypatch):
    import pwd

    home = tmp_path / "home"
    home.mkdir()
    me = pwd.getpwuid(os.getuid())
    account = types.SimpleNamespace(pw_dir=str(home), pw_uid=me.pw_uid, pw_gid=me.pw_gid)

    def getpwnam(name):
        if name != "jupyter-ada":
            raise KeyError(name)
        return account

    monkeypatch.setattr(pwd, "getpwnam", getpwnam)
    hook = make_pre_spawn_hook({"lessons": ["00"]})
    spawner = types.SimpleNamespace(user=types.SimpleNamespace(name="ada"),
                                    unix_username_template="jupyter-{USERNAME}")
    _await(hook(spawner))
    assert (home / COURSE_FOLDER / "00_first_report.ipynb").exists()
    assert spawner.default_url == "/lab/tree/smm-course"
    with pytest.raises(ValueError, match="no system account 'jupyter-bo'"):
        _await(hook(types.SimpleNamespace(user=types.SimpleNamespace(name="bo"),
                                          unix_username_template="jupyter-{USERNAME}")))


def test_the_zero_to_jupyterhub_snippet_runs_the_same_preparation():
    values = yaml.safe_load((HUB / "z2jh-values.yaml").read_text(encoding="utf-8"))
    single = values["singleuser"]
    assert set(values) == {"singleuser"}
    assert set(single) <= {"image", "defaultUrl", "storage", "initContainers"}
    (init,) = single["initContainers"]
    command = init["command"]
    assert command[:3] == ["smmlab", "hub", "prepare"]
    # every option is one smmlab hub prepare accepts
    from smmlab.cli import build_parser

    args = build_parser().parse_args(command[1:])
    assert args.user == "{unescaped_username}" and str(args.home) == "/home/jovyan"
    assert args.owner == "1000:100" and args.assessment
    # the init container mounts the very home volume the notebook container gets
    volume = single["storage"]["dynamic"]["volumeNameTemplate"]
    mounts = {m["name"]: m for m in init["volumeMounts"]}
    assert mounts[volume]["mountPath"] == single["storage"]["homeMountPath"] == str(args.home)
    # the secret is a pod volume mounted in the init container only
    secret_volume = single["storage"]["extraVolumes"][0]
    assert "secret" in secret_volume and mounts[secret_volume["name"]]["readOnly"] is True
    assert "extraVolumeMounts" not in single["storage"]
    assert str(args.secret).startswith(mounts[secret_volume["name"]]["mountPath"])
    assert single["defaultUrl"] == f"/lab/tree/{COURSE_FOLDER}"
