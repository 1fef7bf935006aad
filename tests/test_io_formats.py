"""smmlab.io on small fixtures built from the documented headers and value formats."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from smmlab import datasets
from smmlab.io import read_export, read_exports

FIXTURES = Path(__file__).parent / "fixtures" / "exports"
ROME = "Europe/Rome"


def read(name: str, **kwargs) -> pd.DataFrame:
    kwargs.setdefault("timezone", ROME)
    return read_export(FIXTURES / name, **kwargs)


def test_instagram_posts_bom_quoted_thousands_missing_marker_and_lifetime():
    posts = read("meta_instagram_posts.csv")
    info = posts.attrs["import"]
    assert info["format"] == "meta.posts.en" and info["table"] == "posts"
    assert posts["platform"].astype(str).tolist() == ["Instagram"] * 3
    assert posts["source_id"].tolist()[0] == "17960320052859139"  # a string, every digit kept
    assert posts.loc[1, "impressions"] == 15000 and posts.loc[1, "reach"] == 9870
    assert pd.isna(posts.loc[1, "likes"])  # "--" is missing, not 0
    assert posts["format"].astype(object).tolist()[:2] == ["carousel", "short video"]
    assert pd.isna(posts.loc[2, "format"])  # IG story: not a course format
    assert str(posts.loc[0, "published_at"]) == "2025-03-25 22:00:00+01:00"
    assert any("lifetime" in n for n in info["notes"])
    assert {"content_pillar", "is_paid", "link_clicks"} <= set(info["missing"])


def test_dtypes_are_the_course_ones_where_nothing_is_missing():
    posts = read("meta_instagram_posts.csv")
    course = datasets.load("posts")
    for column in ("post_id", "comments", "shares", "saves", "impressions", "reach"):
        assert posts[column].dtype == course[column].dtype, column
    assert posts["platform"].dtype == course["platform"].dtype
    assert posts["published_at"].dtype == course["published_at"].dtype
    assert str(posts["likes"].dtype) == "Int64"  # a missing value: nullable, never 0


def test_italian_facebook_posts_day_first_and_dot_thousands():
    posts = read("meta_facebook_posts_it.csv")
    assert posts.attrs["import"]["format"] == "meta.posts.it"
    assert posts["platform"].astype(str).tolist() == ["Facebook", "Facebook"]
    assert posts["reach"].tolist() == [1234, 12500]
    assert posts.loc[0, "published_at"].month == 3  # 25/03: day first, read from the data
    assert any("day first" in n for n in posts.attrs["import"]["notes"])


def test_meta_daily_utf16_preamble_and_metric_name():
    daily = read("meta_daily_instagram_follows.csv")
    assert daily["platform"].astype(str).unique().tolist() == ["Instagram"]
    assert daily["new_followers"].tolist() == [20, 0, 7]
    assert daily["followers"].isna().all()  # follows are gains: no running total is made up
    assert "followers" in daily.attrs["import"]["missing"]


def test_meta_daily_views_needs_a_platform(tmp_path):
    with pytest.raises(ValueError, match="platform="):
        read("meta_daily_views.csv")
    assert read("meta_daily_views.csv", platform="Facebook")["impressions"].tolist() == [1200,
                                                                                        980]
    folder = tmp_path / "Instagram"
    folder.mkdir()
    shutil.copy(FIXTURES / "meta_daily_views.csv", folder / "Views.csv")
    daily = read_export(folder / "Views.csv", timezone=ROME)
    assert daily["platform"].astype(str).tolist() == ["Instagram"] * 2


def test_italian_ads_decimal_commas_summary_row_and_currency():
    ads = read("meta_ads_it.csv")
    info = ads.attrs["import"]
    assert info["facts"]["currency"] == "EUR"
    assert len(ads) == 2  # the blank-named total row is left out
    assert sorted(ads["spend"].tolist()) == [200.0, 1050.5]
    assert sorted(ads["impressions"].tolist()) == [10000, 100000]
    assert ads["channel"].isna().all() and "channel" in info["missing"]


def test_mojibake_french_ads_header():
    ads = read("meta_ads_fr_mojibake.csv")
    assert ads["spend"].tolist() == [12.5] and ads["reach"].tolist() == [900]


def test_tiktok_year_from_export_day_and_undefined():
    posts = read("tiktok_content.csv", as_of="2025-02-28")
    assert [t.date().isoformat() for t in posts["published_at"]] == ["2024-12-30", "2025-02-20"]
    assert posts["source_id"].tolist() == ["7351234567890123456", "7351234567890123457"]
    assert posts["likes"].isna().tolist() == [False, True]
    assert posts["video_views"].tolist() == [25100, 900]
    assert {"reach", "impressions", "saves"} <= set(posts.attrs["import"]["missing"])
    daily = read("tiktok_overview.csv", as_of="2025-02-28")
    assert daily["profile_visits"].isna().tolist() == [False, True]


def test_linkedin_workbook_note_row_and_two_tables():
    pytest.importorskip("openpyxl")
    daily = read("linkedin_content.xlsx")
    assert daily["impressions"].tolist() == [500, 720]
    posts = read("linkedin_content.xlsx", table="posts")
    assert posts["is_paid"].tolist() == [False, True]
    assert posts["source_id"].tolist()[0] == "7123456789012345678"
    with pytest.raises(ValueError, match="table must be one of"):
        read("linkedin_content.xlsx", table="mentions")


def test_x_float_counts_offsets_no_reach_and_damaged_ids():
    posts = read("x_tweet_activity.csv")
    assert posts["impressions"].tolist() == [800, 1777]
    assert str(posts["published_at"].iloc[1]) == "2021-11-30 17:00:00+01:00"
    info = posts.attrs["import"]
    assert "reach" in info["missing"] and posts["reach"].isna().all()
    assert any("1.35551E+18" in n for n in info["notes"])


def test_youtube_total_row_leading_space_and_empty_cells():
    posts = read("youtube_table_data.csv")
    assert posts["source_id"].tolist() == ["-pdXWmj9xxU", "abcDEF12345"]
    assert posts["video_views"].tolist() == [9000, 3043]
    assert pd.isna(posts.loc[1, "impressions"])


def test_listening_exports_counted_per_hour_once_each():
    melt = read("meltwater_mentions.csv")
    assert melt["mentions"].tolist() == [2, 0, 1]  # the repeated URL counts once
    assert melt["positive"].sum() + melt["negative"].sum() + melt["neutral"].sum() == 2
    brand = read("brandwatch_mentions.csv")  # report block above the header
    assert brand["mentions"].tolist() == [2, 0, 1]
    assert brand["unique_authors"].tolist() == [2, 0, 1]


def test_course_table_keeps_missing_counts_missing():
    mentions = read("course_mentions.csv")
    assert mentions["mentions"].isna().tolist() == [False, True]


def test_unrecognised_file_names_what_was_expected_and_found():
    with pytest.raises(ValueError) as err:
        read("not_an_export.csv")
    text = str(err.value)
    assert "'Name', 'Amount'" in text and "Meta Ads Manager report" in text


def test_bad_arguments_name_the_parameter():
    with pytest.raises(ValueError, match="timezone must be an IANA"):
        read("x_tweet_activity.csv", timezone="Rome")
    with pytest.raises(ValueError, match="platform must be one of"):
        read("x_tweet_activity.csv", platform="Twitter")
    with pytest.raises(ValueError, match="dayfirst must be True, False or None"):
        read("x_tweet_activity.csv", dayfirst="yes")


def test_naive_times_need_a_timezone():
    with pytest.raises(ValueError, match="timezone="):
        read_export(FIXTURES / "meta_instagram_posts.csv")


def test_overlapping_exports_merge_and_later_file_wins(tmp_path):
    first = FIXTURES / "meta_instagram_posts.csv"
    second = tmp_path / "later.csv"
    text = first.read_bytes().replace(b'"Lifetime",145,75', b'"Lifetime",200,90')
    second.write_bytes(text)
    both = read_exports([first, second], timezone=ROME)
    posts = both.tables["posts"]
    assert len(posts) == 3 and posts.loc[0, "impressions"] == 200


def test_concatenated_files_repeat_the_header(tmp_path):
    text = (FIXTURES / "x_tweet_activity.csv").read_text()
    (tmp_path / "both.csv").write_text(text + text.split("\n", 1)[0] + "\n")
    assert len(read_export(tmp_path / "both.csv", timezone=ROME)) == 2


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-8", "cp1252"])
def test_encodings_keep_accents(encoding):
    from smmlab.io._sniff import decode

    text, _ = decode("Città,Montant dépensé".encode(encoding))
    assert text == "Città,Montant dépensé"
