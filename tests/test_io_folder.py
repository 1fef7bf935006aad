"""smmlab import: a data folder from exports, read by datasets.load and the alarm."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from smmlab import datasets, detect
from smmlab.cli import main
from smmlab.io.samples import EXPORT_DAY, write_sample_exports

FIXTURES = Path(__file__).parent / "fixtures" / "exports"


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    return [str(p) for p in write_sample_exports(tmp_path_factory.mktemp("exports"))]


def _import(files, out, *extra):
    return main(["import", *files, "--out", str(out), "--timezone", "Europe/Rome",
                 "--as-of", EXPORT_DAY, *extra])


def test_import_writes_a_folder_the_course_reads(exports, tmp_path, capsys):
    assert _import(exports, tmp_path / "my-data") == 0
    out = capsys.readouterr().out
    assert "not in this export: " in out and "reach" in out
    folder = tmp_path / "my-data"
    for name in ("posts", "account_daily", "campaigns", "mentions", "brand"):
        datasets.load(name, data_dir=folder)
    brand = datasets.load("brand", data_dir=folder).iloc[0]
    assert (brand["name"], brand["currency"], brand["timezone"]) == (
        "Atelier Ginestra", "EUR", "Europe/Rome")
    record = json.loads((folder / "sources.json").read_text())
    first = record["sources"][0]
    assert first["sha256"] == hashlib.sha256(Path(exports[0]).read_bytes()).hexdigest()
    assert first["read_as"][0]["format"] == "meta.posts.en"
    assert datasets.provenance(folder) is None  # not a generated folder: no answer key
    mentions = datasets.load("mentions", data_dir=folder).set_index("timestamp")["mentions"]
    assert len(detect.alarm(mentions).columns) > 0


def test_reimport_is_byte_identical(exports, tmp_path):
    assert _import(exports, tmp_path / "a") == 0
    assert _import(exports, tmp_path / "b") == 0
    assert _import(exports, tmp_path / "a", "--force") == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_tables_without_exports_are_empty_with_their_columns(tmp_path):
    files = [str(FIXTURES / "x_tweet_activity.csv")]
    assert _import(files, tmp_path / "x") == 0
    campaigns = datasets.load("campaigns", data_dir=tmp_path / "x")
    assert campaigns.empty
    assert list(campaigns.columns) == datasets.describe("campaigns")["column"].tolist()


def test_an_unrecognised_file_writes_nothing(exports, tmp_path, capsys):
    files = [*exports[:2], str(FIXTURES / "not_an_export.csv")]
    assert _import(files, tmp_path / "none") == 2
    assert "not an export smmlab knows" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()


def test_files_follow_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        assert _import([str(FIXTURES / "x_tweet_activity.csv")], tmp_path / "u") == 0
    finally:
        os.umask(old)
    assert (tmp_path / "u" / "posts.csv").stat().st_mode & 0o777 == 0o640


def test_currency_given_must_match_the_exports(tmp_path, capsys):
    files = [str(FIXTURES / "meta_ads_it.csv")]
    assert _import(files, tmp_path / "c", "--currency", "USD") == 2
    assert "EUR" in capsys.readouterr().err
