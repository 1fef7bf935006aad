"""The frozen datasets, their loaders and data dictionary, and atomic writing."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from smmlab import datasets
from smmlab.datasets.dictionary import DATASETS
from smmlab.synth import CANONICAL_SEED, make_course_data


@pytest.fixture(scope="module")
def canonical():
    data, truth = make_course_data(CANONICAL_SEED, return_truth=True)
    return {**data, "truth_events": truth["events"]}


def test_frozen_files_match_the_generator():
    """`smmlab generate --canonical` would write exactly the committed files."""
    folder = datasets.data_dir()
    expected = datasets.canonical_files()
    stale = []
    for name, text in expected.items():
        encoding = datasets.ENCODING if name.endswith(".csv") else "utf-8"
        on_disk = (folder / name).read_text(encoding=encoding) if (folder / name).exists() else None
        if on_disk != text:
            stale.append(name)
    assert not stale, f"stale frozen files {stale}: run `make datasets` and commit them"


@pytest.mark.parametrize("name", list(DATASETS))
def test_load_returns_the_generated_frame_with_ready_dtypes(name, canonical):
    loaded = datasets.load(name)
    pd.testing.assert_frame_equal(loaded, canonical[name], check_exact=False, rtol=1e-9)


@pytest.mark.parametrize("name", list(DATASETS))
def test_dictionary_lists_exactly_the_columns(name, canonical):
    assert datasets.describe(name)["column"].tolist() == list(canonical[name].columns)


def test_describe_shows_categories_and_units():
    posts = datasets.describe("posts").set_index("column")
    assert "Instagram" in posts.loc["platform", "meaning"]
    assert posts.loc["spend", "unit"] == "currency"
    assert posts.loc["published_at", "dtype"].startswith("datetime64")


def test_loaders_give_ordered_categoricals_and_tz_aware_times():
    posts = datasets.load("posts")
    assert posts["platform"].dtype.ordered
    assert str(posts["published_at"].dt.tz) == datasets.load("brand").loc[0, "timezone"]
    assert posts["video_views"].dtype == "Int64"
    assert posts["video_views"].isna().any()


@pytest.mark.parametrize("bad", ["post", "", None, 3, "POSTS"])
def test_unknown_name_lists_valid_names(bad):
    with pytest.raises(ValueError, match="mention_texts") as err:
        datasets.load(bad)
    assert repr(bad) in str(err.value)
    with pytest.raises(ValueError, match="The datasets are"):
        datasets.describe(bad)


def test_readme_is_generated_from_the_dictionary():
    readme = (datasets.data_dir() / "README.md").read_text(encoding="utf-8")
    for name in DATASETS:
        assert f"### {name}" in readme
        for column in datasets.describe(name)["column"]:
            assert f"`{column}`" in readme


def test_write_course_data_round_trips_a_learner(tmp_path):
    out = tmp_path / "ada"
    paths = datasets.write_course_data(out, learner="ada@example.org")
    assert {p.name for p in paths} == {f"{n}.csv" for n in DATASETS} | {"README.md",
                                                                          "provenance.json"}
    expected = make_course_data(learner="ada@example.org")["posts"]
    pd.testing.assert_frame_equal(datasets.load("posts", data_dir=out), expected,
                                  check_exact=False, rtol=1e-9)
    # a different learner gets a different brand
    other = make_course_data(learner="bob@example.org")["posts"]
    assert not other.equals(expected)


def test_write_without_truth(tmp_path):
    paths = datasets.write_course_data(tmp_path / "x", random_state=4, include_truth=False)
    assert "truth_events.csv" not in {p.name for p in paths}


def test_refuses_a_non_empty_folder_and_leaves_it_untouched(tmp_path):
    out = tmp_path / "brand"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="overwrite=True"):
        datasets.write_course_data(out, random_state=1)
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_overwrite_replaces_course_files_but_keeps_others(tmp_path):
    out = tmp_path / "brand"
    datasets.write_course_data(out, random_state=1)
    (out / "notes.txt").write_text("mine")
    before = (out / "posts.csv").read_bytes()
    datasets.write_course_data(out, random_state=2, overwrite=True)
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "posts.csv").read_bytes() != before


def test_out_dir_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "file.csv"
    target.write_text("x")
    with pytest.raises(ValueError, match="not a folder"):
        datasets.write_course_data(target, random_state=1)


def test_failure_while_writing_leaves_no_partial_folder(tmp_path, monkeypatch):
    out = tmp_path / "brand"
    calls = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="disk full"):
        datasets.write_course_data(out, random_state=1)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # the staging folder is gone too


def test_bad_arguments_write_nothing(tmp_path):
    with pytest.raises(ValueError, match="random_state"):
        datasets.write_course_data(tmp_path / "x", random_state=-1)
    with pytest.raises(ValueError, match="learner"):
        datasets.write_course_data(tmp_path / "y", learner="  ")
    assert list(tmp_path.iterdir()) == []


def test_missing_dataset_in_a_folder_says_how_to_write_it(tmp_path):
    with pytest.raises(ValueError, match="smmlab generate"):
        datasets.load("posts", data_dir=tmp_path)


def test_summary_counts_rows():
    summary = datasets.dataset_summary().set_index("name")
    assert summary.loc["posts", "rows"] == len(datasets.load("posts"))
    assert list(summary.index) == datasets.list_datasets()


def test_csv_files_open_in_excel_with_accents(tmp_path):
    raw = (datasets.data_dir() / "mention_texts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel reads accents right
    assert b"\r\n" not in raw


def test_paths_are_pathlib(tmp_path):
    paths = datasets.write_course_data(tmp_path / "p", random_state=5)
    assert all(isinstance(p, Path) and p.exists() for p in paths)
