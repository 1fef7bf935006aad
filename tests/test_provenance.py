"""Provenance of a data folder: which generator call made it, read back in one place.

Regression (issue 11, section 4): a learner id with a space ("Ada Lovelace") used to be
parsed out of the README prose with ``--learner (\\S+)``, so ``course_truth`` and the live
feed's answer key were rebuilt for learner "ada", another brand.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from smmlab import __version__, datasets
from smmlab.cli import main
from smmlab.exercises.core import course_truth, load_course_data
from smmlab.exercises.live_feed import _rebuilt_truth, planted_events
from smmlab.synth import CANONICAL_SEED, make_course_data

ADA = "Ada Lovelace"


@pytest.fixture(scope="module")
def ada_truth():
    return make_course_data(learner=ADA, return_truth=True)[1]


def _same_truth(got, want):
    assert got is not None, "no truth rebuilt"
    assert sorted(got) == sorted(want)
    pd.testing.assert_frame_equal(got["events"], want["events"])
    assert repr(got["campaigns"].params) == repr(want["campaigns"].params)


def _assert_is_adas_folder(folder, ada_truth):
    data = load_course_data(data_dir=folder)
    _same_truth(course_truth(data), ada_truth)
    pd.testing.assert_frame_equal(_rebuilt_truth(data), ada_truth["events"])
    mentions = ada_truth["events"][ada_truth["events"]["table"].astype(str) == "mentions"]
    assert planted_events(data)["event_id"].tolist() == sorted(
        mentions["event_id"], key=dict(zip(mentions["event_id"], mentions["start"],
                                           strict=True)).get)


def test_generated_folder_of_a_learner_id_with_a_space_gives_their_truth(tmp_path, ada_truth):
    folder = tmp_path / "ada"
    datasets.write_course_data(folder, learner=ADA, include_truth=False)
    _assert_is_adas_folder(folder, ada_truth)


def test_cli_generate_for_a_learner_id_with_a_space(tmp_path, ada_truth, capsys):
    folder = tmp_path / "ada"
    assert main(["generate", "--learner", ADA, "--out", str(folder)]) == 0
    _assert_is_adas_folder(folder, ada_truth)
    # the README's command can be pasted into a shell as it is
    assert "smmlab generate --learner 'ada lovelace'" in (folder / "README.md").read_text()


def test_workshop_folder_of_a_learner_id_with_a_space_gives_their_truth(tmp_path, ada_truth):
    from smmlab.grading.roster import slug
    from smmlab.grading.workshop import create_workshop

    roster = tmp_path / "roster.csv"
    roster.write_text(f"learner_id,name\n{ADA},Ada\nbob@example.org,Bob\n", encoding="utf-8")
    create_workshop(roster, tmp_path / "ws", lessons=["00"])
    folder = tmp_path / "ws" / "learners" / slug(ADA) / "data"
    assert not (folder / "truth_events.csv").exists()
    _assert_is_adas_folder(folder, ada_truth)


def test_provenance_records_the_generator_call(tmp_path):
    datasets.write_course_data(tmp_path / "ada", learner=ADA)
    datasets.write_course_data(tmp_path / "seven", random_state=7)
    ada = datasets.provenance(tmp_path / "ada")
    seven = datasets.provenance(tmp_path / "seven")
    assert (ada.learner, ada.seed, ada.canonical) == (ADA, None, False)
    assert (seven.learner, seven.seed, seven.canonical) == (None, 7, False)
    assert ada.smmlab_version == seven.smmlab_version == __version__
    assert ada.generator == "smmlab.synth.make_course_data"
    assert ada.call == {"learner": ADA}
    assert seven.call == {"random_state": 7}
    raw = json.loads((tmp_path / "ada" / "provenance.json").read_text(encoding="utf-8"))
    assert raw["arguments"] == {"learner": ADA}


def test_frozen_folder_records_that_it_is_canonical():
    frozen = datasets.provenance(datasets.data_dir())
    assert frozen is not None
    assert (frozen.seed, frozen.learner, frozen.canonical) == (CANONICAL_SEED, None, True)
    assert frozen.command == "smmlab generate --canonical"


@pytest.mark.parametrize("random_state", [None, "generator"])
def test_a_random_brand_is_recorded_with_the_seed_it_was_made_from(tmp_path, random_state):
    import numpy as np

    state = np.random.default_rng(5) if random_state == "generator" else None
    datasets.write_course_data(tmp_path / "x", random_state=state)
    record = datasets.provenance(tmp_path / "x")
    assert isinstance(record.seed, int) and record.seed >= 0
    written = datasets.load("posts", data_dir=tmp_path / "x")
    pd.testing.assert_frame_equal(written, make_course_data(record.seed)["posts"],
                                  check_exact=False, rtol=1e-9)
    assert course_truth(load_course_data(data_dir=tmp_path / "x")) is not None


def test_a_folder_without_provenance_has_no_known_origin(tmp_path):
    datasets.write_course_data(tmp_path / "old", random_state=3)
    (tmp_path / "old" / "provenance.json").unlink()
    assert datasets.provenance(tmp_path / "old") is None
    data = load_course_data(data_dir=tmp_path / "old")
    assert course_truth(data) is None
    assert _rebuilt_truth(data) is None


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"format": "smmlab-provenance", "format_version": 99}', "format_version"),
        ('{"format": "other"}', "format"),
        ('{"format": "smmlab-provenance", "format_version": 1, '
         '"generator": "smmlab.synth.make_course_data", "arguments": {"seed": "x"}}',
         "arguments"),
        ('{"format": "smmlab-provenance", "format_version": 1, '
         '"generator": "smmlab.synth.make_course_data", "arguments": {"random_state": -1}}',
         "random_state"),
        ('{"format": "smmlab-provenance", "format_version": 1, '
         '"generator": "smmlab.synth.make_course_data", "arguments": {"learner": " "}}',
         "learner"),
    ],
)
def test_a_malformed_provenance_file_is_a_clear_error(tmp_path, text, match):
    (tmp_path / "provenance.json").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=match) as err:
        datasets.provenance(tmp_path)
    assert "provenance.json" in str(err.value)
