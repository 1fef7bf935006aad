"""What works on imported data: the report (HTML, xlsx, slides), the alarm, the audit, metrics.

The sample exports are the canonical brand written in the platforms' formats, so every
figure of a platform whose export has the columns must equal the canonical brand's, and
every figure whose export lacks one must be missing and said, never 0.
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import pytest

from smmlab import datasets, detect, metrics
from smmlab.cli import main
from smmlab.detect.triage import LABELS, VOLUME_ONLY, label_text
from smmlab.io.samples import EXPORT_DAY, write_sample_exports
from smmlab.report import monthly_report

MONTH = "2025-10"


def _import(files, out) -> Path:
    assert main(["import", *map(str, files), "--out", str(out), "--timezone", "Europe/Rome",
                 "--as-of", EXPORT_DAY]) == 0
    return out


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    return write_sample_exports(tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="module")
def folder(exports, tmp_path_factory):
    return _import(exports, tmp_path_factory.mktemp("import") / "my-data")


@pytest.fixture(scope="module")
def reports(folder):
    imported, canonical = monthly_report(MONTH, data_dir=folder), monthly_report(MONTH)
    yield imported, canonical
    imported.close()
    canonical.close()


def _text(html: str) -> str:
    html = re.sub(r"<style>.*?</style>|base64,[^\"]*", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_html_report_on_an_import_says_what_each_figure_left_out(folder, tmp_path, capsys):
    page = tmp_path / "report.html"
    assert main(["report", "--data", str(folder), "--month", MONTH, "--out", str(page)]) == 0
    text = _text(page.read_text(encoding="utf-8"))
    assert "What the data lacks" in text
    assert re.search(r"Post reach, summed: [^.]*X \(18 posts; its export has no reach\)", text)
    assert re.search(r"Engagement rate by reach: [^.]*Facebook \(27 posts; its export has no "
                     r"saves\)", text)
    assert "Instagram (" not in re.search(r"Engagement rate by reach: [^.]*\.", text).group(0)
    assert "the data has no gross margin" in text and "Real data has no planted events" in text
    assert " nan " not in text  # unknown labels are empty, not the word nan


def test_numbers_of_complete_platforms_equal_the_canonical_brand(reports):
    imported, canonical = reports
    mine, truth = imported.by_platform, canonical.by_platform
    for column in ("posts", "impressions", "reach", "engagements", "engagement_rate"):
        assert mine.loc["Instagram", column] == pytest.approx(truth.loc["Instagram", column])
    assert mine.loc["Facebook", "reach"] == truth.loc["Facebook", "reach"]
    assert mine.loc["TikTok", "follower_growth"] == pytest.approx(
        truth.loc["TikTok", "follower_growth"])
    # the month's rate is Instagram's (the only platform with saves and reach), said in gaps
    assert imported.kpis.loc["engagement_rate", "this_month"] == pytest.approx(
        truth.loc["Instagram", "engagement_rate"])
    # what an export lacks stays missing: no 0 invented for X's reach or the ads' platforms
    assert math.isnan(mine.loc["X", "reach"]) and math.isnan(mine.loc["X", "engagement_rate"])
    assert math.isnan(mine.loc["Instagram", "ad_spend"])
    meta = truth.loc[["Instagram", "Facebook"]]  # the sample ads export is Meta's alone
    assert imported.kpis.loc["ad_spend", "this_month"] == pytest.approx(meta["ad_spend"].sum())
    assert set(imported.top_posts["platform"]) == {"Instagram"}
    assert math.isnan(imported.kpis.loc["roi", "this_month"])


def test_the_canonical_report_lacks_nothing(reports):
    assert reports[1].gaps == {}


def test_xlsx_report_on_an_import(folder, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "report.xlsx"
    assert main(["report", "--data", str(folder), "--month", MONTH, "--out", str(path)]) == 0
    book = load_workbook(path)
    readme = [row[0].value for row in book["Read me"].iter_rows() if row[0].value]
    assert "What the data lacks" in readme
    assert any(line.startswith("- Post reach, summed:") and "X (18 posts" in line
               for line in readme)
    posts = book["Posts"]
    header = [c.value for c in posts[1]]
    formula = posts.cell(2, header.index("engagements") + 1).value
    assert formula.startswith("=IF(COUNT(")  # an empty saves cell gives no total, not +0


def test_slides_report_on_an_import(folder, tmp_path):
    path = tmp_path / "report.slides.html"
    assert main(["report", "--data", str(folder), "--month", MONTH, "--out", str(path)]) == 0
    text = _text(path.read_text(encoding="utf-8"))
    assert "What the data lacks" in text and "its export has no reach" in text


def test_a_missing_export_is_said_not_taken_for_zero(exports, tmp_path):
    kept = [p for p in exports if p.name not in ("meta_ads_daily.csv", "talkwalker_mentions.csv")]
    report = monthly_report(MONTH, data_dir=_import(kept, tmp_path / "no-ads"))
    try:
        assert "no ads export was imported" in report.findings[2]
        assert any("no listening-tool export" in s for s in report.gaps["alerts"])
        assert report.headlines["paid_funnel"].startswith("No ads export")
        assert "paid_funnel" not in report.charts and report.alerts.empty
    finally:
        report.close()


def test_the_alarm_runs_on_imported_mentions_and_there_is_no_answer_key(folder):
    mentions = datasets.load("mentions", data_dir=folder)
    found = detect.alarm(mentions.set_index("timestamp")["mentions"])
    assert len(found) > 0
    labels = {label_text(k) for k in (*LABELS, VOLUME_ONLY)}
    assert set(detect.triage(found, mentions)["label"]) <= labels
    with pytest.raises(ValueError, match="real data has no planted events"):
        datasets.load("truth_events", data_dir=folder)


def test_the_audit_checks_what_it_can_and_names_what_it_cannot(folder):
    daily = datasets.load("account_daily", data_dir=folder)
    with pytest.warns(detect.IncompleteDataWarning, match=r"TikTok: 365 of 365 days without "
                      r"new_followers, reach; X: 365 of 365 days without reach"):
        found = detect.follower_audit(daily)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        truth = detect.follower_audit(datasets.load("account_daily"))
    mine = found[["platform", "start", "end", "gained"]].astype({"platform": str})
    assert mine.to_dict("records") == truth[["platform", "start", "end", "gained"]].astype(
        {"platform": str}).to_dict("records")
    with pytest.raises(ValueError, match="cannot check any platform"):
        detect.follower_audit(daily[daily["platform"].isin(["TikTok", "X"])])


def test_metrics_on_imported_posts_name_the_column_and_platforms(folder):
    posts = datasets.load("posts", data_dir=folder)
    with pytest.raises(ValueError, match=r"column 'saves' has \d+ missing .*Facebook on 270 "
                       r"of 270 rows.*complete_rows"):
        metrics.engagement_rate(posts)
    kept, left_out = metrics.complete_rows(posts, [*metrics.ACTIONS, "reach"])
    assert set(kept["platform"]) == {"Instagram"}
    assert left_out.loc["X", "missing"] == ("saves", "reach")
    canonical = datasets.load("posts")
    assert metrics.engagement_rate(kept, aggregate="median") == pytest.approx(
        metrics.engagement_rate(canonical[canonical["platform"] == "Instagram"],
                                aggregate="median"))
