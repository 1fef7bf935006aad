"""Tests of the monthly client report (smmlab.report) and its HTML, xlsx and slides exports."""

from __future__ import annotations

import html
import importlib
import math
import os
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from openpyxl import load_workbook

from smmlab import datasets, metrics, viz
from smmlab.cli import main
from smmlab.report import (
    CHARTS,
    KPIS,
    MonthlyReport,
    export,
    monthly_report,
    to_html,
    to_slides,
    to_xlsx,
)
from smmlab.report.export import SLIDES

# The package's `export` is the function; the module of the same name is reached this way.
export_module = importlib.import_module("smmlab.report.export")

MONTH, PREVIOUS = "2025-10", "2025-09"


@pytest.fixture(scope="module")
def october() -> MonthlyReport:
    report = monthly_report(MONTH)
    yield report
    report.close()


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    names = ("posts", "account_daily", "mentions", "campaigns", "brand")
    return {name: datasets.load(name) for name in names}


def _in_month(column: pd.Series, month: str) -> pd.Series:
    year, number = (int(x) for x in month.split("-"))
    return (column.dt.year == year) & (column.dt.month == number)


def _plain_kpis(tables: dict[str, pd.DataFrame], month: str) -> dict[str, float]:
    """The KPIs recomputed with plain pandas, without smmlab.metrics."""
    posts = tables["posts"][_in_month(tables["posts"]["published_at"], month)]
    ads = tables["campaigns"][_in_month(tables["campaigns"]["date"], month)]
    talk = tables["mentions"][_in_month(tables["mentions"]["timestamp"], month)]
    daily = tables["account_daily"].groupby("date")["followers"].sum()
    first_day = pd.Timestamp(f"{month}-01")
    start = daily[daily.index < first_day].iloc[-1]
    end = daily[_in_month(daily.index.to_series(), month).to_numpy()].iloc[-1]
    per_post = posts["likes"] + posts["comments"] + posts["shares"] + posts["saves"]
    engagements = per_post.sum()
    margin = float(tables["brand"]["gross_margin"].iloc[0])
    return {
        "posts": len(posts),
        "impressions": posts["impressions"].sum(),
        "reach": posts["reach"].sum(),
        "engagements": engagements,
        # the month's rate: the average of the posts' own rates (MONTH_RATE), not the rate
        # of the totals
        "engagement_rate": (per_post / posts["reach"]).mean(),
        "follower_growth": (end - start) / start,
        "ad_spend": ads["spend"].sum(),
        "paid_ctr": ads["clicks"].sum() / ads["impressions"].sum(),
        "cpc": ads["spend"].sum() / ads["clicks"].sum(),
        "cpa": ads["spend"].sum() / ads["conversions"].sum(),
        "roas": ads["revenue"].sum() / ads["spend"].sum(),
        "break_even_roas": 1 / margin,
        "roi": (ads["revenue"].sum() * margin - ads["spend"].sum()) / ads["spend"].sum(),
        "mentions": talk["mentions"].sum(),
        "net_sentiment": (talk["positive"].sum() - talk["negative"].sum())
        / (talk["positive"].sum() + talk["neutral"].sum() + talk["negative"].sum()),
    }


# --- the report's numbers ---------------------------------------------------------------------


def test_kpis_equal_plain_pandas(october: MonthlyReport, tables) -> None:
    this, before = _plain_kpis(tables, MONTH), _plain_kpis(tables, PREVIOUS)
    kpis = october.kpis
    assert list(kpis.index) == [k.key for k in KPIS]
    for key in kpis.index:
        assert kpis.loc[key, "this_month"] == pytest.approx(this[key], rel=1e-12), key
        assert kpis.loc[key, "previous_month"] == pytest.approx(before[key], rel=1e-12), key
        # rates, shares and ROI change in percentage points (as a difference of fractions)
        in_points = kpis.loc[key, "unit"] in ("pct", "signed_pct")
        change = (this[key] - before[key] if in_points
                  else (this[key] - before[key]) / abs(before[key]))
        assert kpis.loc[key, "change"] == pytest.approx(change, rel=1e-9, abs=1e-12), key
    assert kpis.loc["engagement_rate", "unit"] == "pct"  # said in points, not "+13 %"


def test_the_months_rate_is_not_the_rate_of_totals(october: MonthlyReport, tables) -> None:
    """Issue 12: one definition of the month's rate (the average of the posts' rates)."""
    posts = tables["posts"][_in_month(tables["posts"]["published_at"], MONTH)]
    engagements = (posts["likes"] + posts["comments"] + posts["shares"] + posts["saves"]).sum()
    totals = engagements / posts["reach"].sum()
    got = october.kpis.loc["engagement_rate", "this_month"]
    assert abs(got - totals) > 1e-3  # the two definitions differ by more than rounding here
    assert got == pytest.approx(metrics.engagement_rate(posts, aggregate=metrics.MONTH_RATE))


def test_roi_is_on_gross_profit_next_to_break_even_roas(october: MonthlyReport, tables) -> None:
    margin = float(tables["brand"]["gross_margin"].iloc[0])
    kpis = october.kpis
    assert margin < 1
    roas, roi = kpis.loc["roas", "this_month"], kpis.loc["roi", "this_month"]
    assert roi == pytest.approx(roas * margin - 1)  # ROI on revenue would be roas - 1
    assert kpis.loc["break_even_roas", "this_month"] == pytest.approx(1 / margin)
    order = list(kpis.index)
    assert order.index("break_even_roas") == order.index("roas") + 1
    assert (roi > 0) == (roas > 1 / margin)
    assert "break-even ROAS" in october.findings[2] and "ROI on gross profit" in october.findings[2]


def test_default_targets_and_verdicts(october: MonthlyReport) -> None:
    for kpi in KPIS:
        row = october.kpis.loc[kpi.key]
        if not kpi.default_target:
            assert math.isnan(row["target"]) and row["vs_target"] == "no target"
            continue
        sign = 1 if kpi.higher_is_better else -1  # 5 % of the size: a negative ROI too
        before = row["previous_month"]
        assert row["target"] == pytest.approx(before + sign * 0.05 * abs(before), rel=1e-9)
        met = (row["this_month"] >= row["target"] if kpi.higher_is_better
               else row["this_month"] <= row["target"])
        assert row["vs_target"] == ("met" if met else "missed"), kpi.key


def test_previous_month_is_the_month_before(october: MonthlyReport) -> None:
    september = monthly_report(PREVIOUS)
    september.close()
    assert october.previous_month == PREVIOUS
    pd.testing.assert_series_equal(october.kpis["previous_month"],
                                   september.kpis["this_month"], check_names=False)


def test_first_month_has_nothing_to_compare_with() -> None:
    january = monthly_report("2025-01")
    january.close()
    assert january.previous_month is None
    assert january.kpis["previous_month"].isna().all()
    assert (january.kpis["vs_target"] == "no target").all()
    assert len(january.findings) == 3


def test_own_targets_replace_the_defaults() -> None:
    report = monthly_report(MONTH, targets={"engagement_rate": 0.01, "Ad spend": 20_000,
                                            "cpa": None})
    report.close()
    assert report.kpis.loc["engagement_rate", "vs_target"] == "met"
    assert report.kpis.loc["ad_spend", "target"] == 20_000
    assert report.kpis.loc["ad_spend", "vs_target"] == "met"  # spend stayed within budget
    assert report.kpis.loc["cpa", "vs_target"] == "no target"


@pytest.mark.parametrize("targets", [{"likes": 3}, {"cpa": "cheap"}, [("cpa", 3)]])
def test_bad_targets_are_refused(targets: object) -> None:
    with pytest.raises(ValueError, match="target"):
        monthly_report(MONTH, targets=targets)


@pytest.mark.parametrize("month", ["2026-01", "2024-12", "2025-13", "October", "2025-1", 202510])
def test_a_month_outside_the_data_names_the_range(month: object) -> None:
    with pytest.raises(ValueError, match="from 2025-01 to 2025-12"):
        monthly_report(month)


def test_best_and_worst_posts_skip_posts_seen_by_few(october: MonthlyReport, tables) -> None:
    posts = tables["posts"][_in_month(tables["posts"]["published_at"], MONTH)]
    rate = (posts["likes"] + posts["comments"] + posts["shares"] + posts["saves"]) / posts["reach"]
    eligible = rate[posts["reach"] >= october.min_reach]
    assert october.min_reach >= 100
    assert (october.top_posts["reach"] >= october.min_reach).all()
    assert (october.bottom_posts["reach"] >= october.min_reach).all()
    assert october.top_posts["engagement_rate"].is_monotonic_decreasing
    assert october.bottom_posts["engagement_rate"].is_monotonic_increasing
    assert october.top_posts["engagement_rate"].iloc[0] == pytest.approx(eligible.max())
    assert october.bottom_posts["engagement_rate"].iloc[0] == pytest.approx(eligible.min())
    assert len(october.top_posts) == len(october.bottom_posts) == 5


def test_platform_table_adds_up_to_the_kpis(october: MonthlyReport) -> None:
    platforms, kpis = october.by_platform, october.kpis["this_month"]
    for column, kpi in (("posts", "posts"), ("reach", "reach"), ("engagements", "engagements"),
                        ("ad_spend", "ad_spend")):
        assert platforms[column].sum() == pytest.approx(kpis[kpi])
    assert platforms["followers_end"].sum() == october.counts.loc["followers_end", "this_month"]


def test_findings_are_three_sentences_with_numbers(october: MonthlyReport) -> None:
    assert len(october.findings) == 3
    for sentence in october.findings:
        assert sentence.strip() and sentence.endswith(".")
        assert re.search(r"\d", sentence)
        assert "nan" not in sentence.lower()
    assert "4.9 %" in october.findings[0]  # engagement rate by reach, 22,324 / 459,130


def test_charts_have_alt_text_and_are_not_left_open(october: MonthlyReport) -> None:
    assert list(october.charts) == list(CHARTS)
    for fig in october.charts.values():
        assert len(viz.alt_text(fig)) > 40
        assert fig.number not in plt.get_fignums()
    assert october.brand == "Atelier Ginestra" and october.currency == "EUR"


def test_another_brand_from_a_data_folder(tmp_path: Path) -> None:
    datasets.write_course_data(tmp_path / "data", random_state=3)
    report = monthly_report("2025-06", data_dir=tmp_path / "data")
    report.close()
    assert report.brand == str(datasets.load("brand", data_dir=tmp_path / "data").loc[0, "name"])
    assert report.kpis.loc["posts", "this_month"] > 0


# --- HTML -------------------------------------------------------------------------------------


def test_html_is_one_self_contained_page(october: MonthlyReport, tmp_path: Path) -> None:
    text = to_html(october, tmp_path / "october.html").read_text(encoding="utf-8")
    rate_change = october.kpis.loc["engagement_rate", "change"] * 100
    assert f"{rate_change:+.1f} points" in text  # a rate's change in percentage points
    assert text.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in text
    assert "<title>Atelier Ginestra: social media report, October 2025</title>" in text
    for external in ('src="http', "<link", "<script", "url("):
        assert external not in text
    images = re.findall(r"<img [^>]*>", text)
    assert len(images) == len(october.charts)
    for img in images:
        assert 'src="data:image/png;base64,' in img
        alt = re.search(r'alt="([^"]*)"', img)
        assert alt and alt.group(1).strip()
    assert text.count("<caption>") == 4 + (not october.alerts.empty)  # KPIs, posts x2, platforms
    assert "KPIs of October 2025 against September 2025" in text
    for name in october.kpis["name"]:
        assert f'<th scope="row">{name}</th>' in text
    for sentence in october.findings:
        assert sentence.replace("'", "&#x27;") in text


# --- xlsx -------------------------------------------------------------------------------------

_REF = r"(?:(?:'[^']+'|[A-Za-z_]\w*)!)?\$?[A-Z]{1,3}\$?\d+"


def _evaluate(book, sheet: str, formula: str) -> float:
    """Evaluate the simple formulas the report writes: + - * /, SUM, COUNT, AVERAGE,
    AVERAGEIFS, ABS, IFERROR and the workbook's defined names (GrossMargin)."""
    expr = formula[1:]
    expr = re.sub(r'^IFERROR\((.*),""\)$', r"(\1)", expr)
    for name, defined in book.defined_names.items():
        expr = re.sub(rf"\b{name}\b", defined.attr_text, expr)

    def where(ref: str) -> tuple[str, str]:
        name, _, cell = ref.rpartition("!")
        return (name.strip("'") or sheet), cell.replace("$", "")

    def value(ref: str) -> float:
        name, cell = where(ref)
        raw = book[name][cell].value
        if isinstance(raw, str) and raw.startswith("="):
            return _evaluate(book, name, raw)
        return 0.0 if raw is None else float(raw)

    def cells(first: str, last: str) -> list[str]:
        name, start = where(first)
        return [f"'{name}'!{c.coordinate}" for row in book[name][f"{start}:{last}"]
                for c in row]

    def numbers(refs: list[str]) -> list[float]:
        out = []
        for ref in refs:
            try:
                out.append(value(ref))
            except ZeroDivisionError:  # IFERROR(...,"") leaves the cell blank: skipped
                continue
        return out

    def aggregate(match: re.Match[str]) -> str:
        func = match.group(1)
        values = numbers(cells(match.group(2), match.group(3)))
        if func == "AVERAGE":
            return repr(sum(values) / len(values))
        return repr(float(len(values) if func == "COUNT" else sum(values)))

    def average_ifs(match: re.Match[str]) -> str:
        refs, keys = cells(match.group(1), match.group(2)), cells(match.group(3), match.group(4))
        name, cell = where(match.group(5))
        wanted = book[name][cell].value
        chosen = [r for r, k in zip(refs, keys, strict=True)
                  if book[where(k)[0]][where(k)[1]].value == wanted]
        values = numbers(chosen)
        return repr(sum(values) / len(values))

    span = rf"({_REF}):(\$?[A-Z]{{1,3}}\$?\d+)"
    expr = re.sub(rf"AVERAGEIFS\({span},{span},({_REF})\)", average_ifs, expr)
    expr = re.sub(rf"(SUM|COUNT|AVERAGE)\({span}\)", aggregate, expr)
    expr = re.sub(_REF, lambda m: repr(value(m.group(0))), expr)
    expr = expr.replace("ABS(", "abs(")
    assert re.fullmatch(r"[\d.eE+\-*/() abs]+", expr), expr
    return eval(expr)  # noqa: S307 - only numbers and arithmetic are left


@pytest.fixture(scope="module")
def workbook(october: MonthlyReport, tmp_path_factory: pytest.TempPathFactory):
    path = to_xlsx(october, tmp_path_factory.mktemp("xlsx") / "october.xlsx")
    return load_workbook(path)


def test_xlsx_has_every_sheet(workbook) -> None:
    assert workbook.sheetnames == ["Read me", "KPIs", "Top posts", "Bottom posts",
                                   "By platform", "Posts", "Campaigns"]
    for name in workbook.sheetnames[1:]:
        assert workbook[name].freeze_panes is not None
        assert workbook[name].auto_filter.ref
    readme = " ".join(str(c.value) for c in workbook["Read me"]["A"] if c.value)
    assert "formula" in readme and "=IFERROR(AVERAGE(Posts!" in readme
    assert "GrossMargin" in readme


def _kpi_rows(sheet) -> dict[str, int]:
    return {cell.value: cell.row for cell in sheet["A"] if cell.value}


def test_xlsx_rates_are_formulas_that_give_the_python_kpis(workbook, october) -> None:
    sheet = workbook["KPIs"]
    rows = _kpi_rows(sheet)
    for key, row in october.kpis.iterrows():
        for column, letter in (("this_month", "B"), ("previous_month", "C")):
            cell = sheet[f"{letter}{rows[row['name']]}"]
            # the Posts sheet holds this month's posts only: last month's average is a value
            formula_expected = (row["unit"] not in ("count", "money") or key in ("cpc", "cpa"))
            if formula_expected and (key, column) != ("engagement_rate", "previous_month"):
                assert str(cell.value).startswith("="), (key, cell.value)
            got = _evaluate(workbook, "KPIs", cell.value) if str(cell.value).startswith(
                "=") else float(cell.value)
            assert got == pytest.approx(row[column], rel=1e-9), (key, column)
        change = sheet[f"D{rows[row['name']]}"].value
        assert change.startswith("=")
        points = row["unit"] in ("pct", "signed_pct")  # the cell shows points: x 100
        assert _evaluate(workbook, "KPIs", change) == pytest.approx(
            row["change"] * (100 if points else 1), rel=1e-9, abs=1e-12)
        if points:
            assert sheet[f"D{rows[row['name']]}"].number_format.endswith('" pts"')
    rate_cell = sheet[f"B{rows['Engagement rate by reach']}"]
    # the month's rate is the AVERAGE of the posts' own rate cells (MONTH_RATE)
    assert re.fullmatch(r'=IFERROR\(AVERAGE\(Posts!S2:S\d+\),""\)', rate_cell.value)
    assert rate_cell.number_format.endswith("%")
    roi_cell = sheet[f"B{rows['ROI on gross profit']}"].value
    assert "GrossMargin" in roi_cell
    assert "GrossMargin" in sheet[f"B{rows['Break-even ROAS']}"].value
    margin_row = rows["Gross margin (brand table; the cell named GrossMargin)"]
    assert workbook.defined_names["GrossMargin"].attr_text == f"KPIs!$B${margin_row}"
    assert "EUR" in sheet[f"B{rows['CPA (cost per conversion)']}"].number_format


def test_xlsx_per_post_rates_are_row_formulas(workbook, october: MonthlyReport) -> None:
    sheet = workbook["Top posts"]
    headers = [c.value for c in sheet[1]]
    rate_col = headers.index("Engagement rate by reach")
    for i, expected in enumerate(october.top_posts["engagement_rate"], start=2):
        cell = sheet.cell(row=i, column=rate_col + 1)
        assert cell.value.startswith("=")
        assert _evaluate(workbook, "Top posts", cell.value) == pytest.approx(expected)
    posts = workbook["Posts"]
    assert posts.max_row == 1 + len(october.posts)
    headers = [c.value for c in posts[1]]
    formula = posts.cell(row=2, column=headers.index("engagements") + 1).value
    assert re.fullmatch(r"=[A-Z]+2\+[A-Z]+2\+[A-Z]+2\+[A-Z]+2", formula)


def test_xlsx_platform_rates_average_their_posts(workbook, october: MonthlyReport) -> None:
    sheet = workbook["By platform"]
    headers = [c.value for c in sheet[1]]
    col = headers.index("Engagement rate by reach") + 1
    for i, platform in enumerate(october.by_platform.index, start=2):
        cell = sheet.cell(row=i, column=col).value
        assert cell.startswith("=IFERROR(AVERAGEIFS("), cell
        posts = october.posts[october.posts["platform"] == platform]
        expected = metrics.engagement_rate(posts, aggregate=metrics.MONTH_RATE)
        assert _evaluate(workbook, "By platform", cell) == pytest.approx(expected)
        assert october.by_platform.loc[platform, "engagement_rate"] == pytest.approx(expected)


def test_xlsx_roi_follows_the_margin_cell(workbook, october: MonthlyReport) -> None:
    """Change the cell named GrossMargin and ROI and break-even ROAS follow (live formulas)."""
    sheet = workbook["KPIs"]
    rows = _kpi_rows(sheet)
    margin_cell = sheet[f"B{rows['Gross margin (brand table; the cell named GrossMargin)']}"]
    roi, even = (sheet[f"B{rows[n]}"].value for n in ("ROI on gross profit", "Break-even ROAS"))
    assert _evaluate(workbook, "KPIs", roi) == pytest.approx(october.kpis.loc["roi", "this_month"])
    saved = margin_cell.value
    try:
        margin_cell.value = 0.8
        roas = october.kpis.loc["roas", "this_month"]
        assert _evaluate(workbook, "KPIs", roi) == pytest.approx(roas * 0.8 - 1)
        assert _evaluate(workbook, "KPIs", even) == pytest.approx(1 / 0.8)
    finally:
        margin_cell.value = saved


def test_xlsx_stores_values_for_programs_that_do_not_recalculate(
    october: MonthlyReport, tmp_path: Path
) -> None:
    values = load_workbook(to_xlsx(october, tmp_path / "v.xlsx"), data_only=True)["KPIs"]
    rows = _kpi_rows(values)
    got = values[f"B{rows['Engagement rate by reach']}"].value
    assert got == pytest.approx(october.kpis.loc["engagement_rate", "this_month"])
    assert values[f"F{rows['Posts published']}"].value == october.kpis.loc["posts", "vs_target"]


def test_xlsx_can_read_the_raw_month_from_a_data_folder(
    october: MonthlyReport, tmp_path: Path
) -> None:
    path = to_xlsx(october, tmp_path / "r.xlsx", data_dir=datasets.data_dir())
    book = load_workbook(path)
    assert book["Posts"].max_row == 1 + len(october.posts)
    assert book["Campaigns"].max_row == 1 + len(october.campaigns)


# --- slides (and the CLI that writes every format) -------------------------------------------


@pytest.fixture(scope="module")
def cli_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cli")
    files = {}
    for ending in (".html", ".xlsx", ".slides.html"):
        path = folder / f"october{ending}"
        assert main(["report", "--month", MONTH, "--out", str(path)]) == 0
        files[ending] = path
    return files


def test_cli_writes_each_format(cli_files: dict[str, Path]) -> None:
    assert cli_files[".html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert load_workbook(cli_files[".xlsx"]).sheetnames[1] == "KPIs"
    assert "reveal" in cli_files[".slides.html"].read_text(encoding="utf-8")
    assert sorted(p.name for p in cli_files[".html"].parent.iterdir()) == sorted(
        p.name for p in cli_files.values())  # no temporary files left


def test_slides_have_one_section_per_slide_and_no_code(
    cli_files: dict[str, Path], october: MonthlyReport
) -> None:
    text = cli_files[".slides.html"].read_text(encoding="utf-8")
    assert "reveal" in text and "Reveal.initialize" in text
    assert len(re.findall(r"<section[^>]*>\s*<section", text)) == len(SLIDES)
    assert text.count("<section") == 2 * len(SLIDES)
    for code in ("monthly_report(", "slide_html(", 'class="jp-InputArea', "In&nbsp;[",
                 "Traceback", "Warning"):
        assert code not in text
    images = re.findall(r"<img [^>]*>", text)
    assert len(images) == len(october.charts)
    assert all('src="data:image/png;base64,' in img and re.search(r'alt="[^"]+"', img)
               for img in images)
    for name in CHARTS:
        assert f"<h2>{october.headlines[name]}</h2>" in html.unescape(text)
    assert "Atelier Ginestra" in re.search(r"<title>(.*?)</title>", text).group(1)
    assert "start_time" not in text and "papermill" not in text


def test_cli_refuses_to_overwrite_without_force(
    cli_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = cli_files[".html"]
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    capsys.readouterr()
    assert main(["report", "--month", MONTH, "--out", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("smmlab: error: ") and "--force" in err
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert main(["report", "--month", MONTH, "--out", str(path), "--force"]) == 0


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--month", "2030-01", "--out", "r.html"], "from 2025-01 to 2025-12"),
        (["--month", MONTH, "--out", "r.pdf"], ".slides.html, .html, .xlsx"),
    ],
)
def test_cli_report_errors(
    argv: list[str], expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["report", *argv]) == 2
    assert expected in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_to_slides_passes_the_report_settings_to_the_notebook(
    october: MonthlyReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import papermill

    seen = {}

    def fake_execute(notebook, output_path, **kwargs):
        seen.update(kwargs)
        raise RuntimeError("stop before running the kernel")

    monkeypatch.setattr(papermill, "execute_notebook", fake_execute)
    with pytest.raises(RuntimeError, match="stop"):
        to_slides(october, tmp_path / "deck.slides.html")
    assert seen["parameters"]["month"] == MONTH
    assert seen["parameters"]["targets"]["engagement_rate"] == pytest.approx(
        october.targets["engagement_rate"])
    assert seen["kernel_name"] == "python3"
    assert "--IPKernelApp.log_level=ERROR" in seen["extra_arguments"]
    assert list(tmp_path.iterdir()) == []  # a failed run writes nothing


# --- export: format by file name, atomic writing ----------------------------------------------


@pytest.mark.parametrize("name", ["r.pdf", "r.csv", "r.html.bak", "r", ".html"])
def test_export_refuses_unknown_endings(october: MonthlyReport, tmp_path: Path,
                                         name: str) -> None:
    with pytest.raises(ValueError, match=r"\.slides\.html, \.html, \.xlsx"):
        export(october, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_export_picks_the_format_and_can_refuse_to_overwrite(
    october: MonthlyReport, tmp_path: Path
) -> None:
    page = export(october, tmp_path / "r.HTML")
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    book = export(MONTH, tmp_path / "r.xlsx")
    assert book.read_bytes()[:2] == b"PK"
    with pytest.raises(ValueError, match="already exists"):
        export(october, tmp_path / "r.xlsx", overwrite=False)


def test_a_failed_xlsx_leaves_nothing_behind(
    october: MonthlyReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("disk full, say")

    monkeypatch.setattr(export_module, "_kpi_sheet", broken)  # fails half-way through
    with pytest.raises(RuntimeError, match="disk full"):
        to_xlsx(october, tmp_path / "r.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_old_file(
    october: MonthlyReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.html"
    target.write_text("the old report", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("rename failed")

    monkeypatch.setattr(export_module.os, "replace", broken_replace)
    with pytest.raises(OSError, match="rename failed"):
        to_html(october, target)
    assert target.read_text(encoding="utf-8") == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_written_files_get_the_usual_permissions(october: MonthlyReport, tmp_path: Path) -> None:
    mask = os.umask(0)
    os.umask(mask)
    mode = to_html(october, tmp_path / "r.html").stat().st_mode & 0o777
    assert mode == 0o666 & ~mask  # not the 0o600 of a temporary file


# --- no warning filters (issue 11: warnings.catch_warnings is not thread-safe) -----------------


def test_the_report_is_computed_without_any_warning() -> None:
    """The summed-reach rate is asked for with reach_warning=False, not silenced."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = monthly_report(MONTH)
    report.close()
    assert 0 < report.kpis.loc["engagement_rate", "this_month"] < 1


def test_engagement_rate_can_be_asked_not_to_warn_about_summed_reach() -> None:
    import warnings

    from smmlab import metrics

    posts = datasets.load("posts").head(50)
    with pytest.warns(metrics.ReachNotAdditiveWarning):
        warned = metrics.engagement_rate(posts, aggregate="total")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quiet = metrics.engagement_rate(posts, aggregate="total", reach_warning=False)
    assert quiet == warned
    with pytest.raises(ValueError, match="reach_warning must be True or False; got 'no'"):
        metrics.engagement_rate(posts, aggregate="total", reach_warning="no")
