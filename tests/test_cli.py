"""Tests of the ``smmlab`` command, calling :func:`smmlab.cli.main` in-process."""

from __future__ import annotations

import argparse
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

import smmlab
from smmlab.cli import build_parser, main


def _command_paths(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Yield every (sub)command of ``parser``, e.g. ``("datasets", "list")``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                yield (*prefix, name)
                yield from _command_paths(subparser, (*prefix, name))


COMMANDS = sorted(_command_paths(build_parser()))


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Return every file below ``folder`` with its bytes and modification time."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# --- help and version ----------------------------------------------------------------------


def test_the_parser_has_the_documented_commands() -> None:
    assert {
        ("generate",), ("datasets",), ("datasets", "list"), ("datasets", "describe"), ("report",)
    } <= set(COMMANDS)


def test_top_level_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: smmlab")
    for (command,) in (path for path in COMMANDS if len(path) == 1):
        assert command in out
    assert "examples:" in out


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_examples(
    command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: smmlab {' '.join(command)}")
    assert "example" in out
    assert f"smmlab {' '.join(command)}" in out.split("example", 1)[1]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"smmlab {smmlab.__version__}\n"


@pytest.mark.parametrize("command", [[], ["datasets"]], ids=["smmlab", "smmlab datasets"])
def test_a_command_group_alone_prints_its_help(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(command) == 2
    assert capsys.readouterr().err.startswith(f"usage: smmlab {' '.join(command)}".rstrip())


def test_help_does_not_import_the_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from smmlab.cli import main\n"
        "assert main(['--help']) == 0\n"
        "heavy = sorted({'numpy', 'pandas', 'matplotlib'} & set(sys.modules))\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# --- usage errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["generate"], "one of the arguments --seed --learner --canonical is required"),
        (["generate", "--out", "x"], "one of the arguments --seed --learner --canonical"),
        (["generate", "--seed", "3"], "--out DIR is required"),
        (["generate", "--learner", "a@b.org"], "--out DIR is required"),
        (["generate", "--seed", "3", "--learner", "a@b.org", "--out", "x"], "not allowed with"),
        (["generate", "--seed", "three", "--out", "x"], "invalid int value: 'three'"),
        (["generate", "--canonical", "--out", "x"], "cannot be used with --canonical"),
        (["generate", "--canonical", "--force"], "cannot be used with --canonical"),
        (["datasets", "describe"], "NAME"),
        (["report"], "the following arguments are required: --month, --out"),
        (["report", "--month", "2025-10"], "the following arguments are required: --out"),
        (["report", "--out", "r.html"], "the following arguments are required: --month"),
        (["datasets", "nope"], "invalid choice: 'nope'"),
        (["nope"], "invalid choice: 'nope'"),
    ],
)
def test_usage_errors_exit_2_and_name_the_problem(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert expected in captured.err
    assert "Traceback" not in captured.err


# --- the command layer, with a stand-in for smmlab.datasets ----------------------------------


class FakeDatasets(types.ModuleType):
    """A stand-in for ``smmlab.datasets`` that records calls and can raise."""

    def __init__(self, error: BaseException | None = None) -> None:
        super().__init__("smmlab.datasets")
        self.error = error
        self.calls: list[tuple[str, tuple[object, ...], dict[str, object]]] = []

    def _call(self, name: str, *args: object, **kwargs: object) -> None:
        self.calls.append((name, args, kwargs))
        if self.error is not None:
            raise self.error

    def write_course_data(self, out_dir: Path, **kwargs: object) -> list[Path]:
        self._call("write_course_data", out_dir, **kwargs)
        return [Path(out_dir) / "posts.csv", Path(out_dir) / "followers.csv"]

    def rebuild_canonical(self) -> list[Path]:
        self._call("rebuild_canonical")
        return [Path("datasets") / "posts.csv"]

    def dataset_summary(self) -> object:
        import pandas as pd

        self._call("dataset_summary")
        return pd.DataFrame(
            {
                "name": ["posts", "followers"],
                "rows": [1234, 56],
                "description": ["One row per post.", "Followers per day."],
            }
        )

    def describe(self, name: str) -> object:
        import pandas as pd

        self._call("describe", name)
        return pd.DataFrame(
            {
                "column": ["post_id", "impressions"],
                "dtype": ["str", "int64"],
                "unit": ["", "views"],
                "meaning": ["Unique id of the post.", "Times the post was shown."],
            }
        )


@pytest.fixture
def fake_datasets(monkeypatch: pytest.MonkeyPatch) -> FakeDatasets:
    fake = FakeDatasets()
    monkeypatch.setitem(sys.modules, "smmlab.datasets", fake)
    monkeypatch.setattr(smmlab, "datasets", fake, raising=False)
    return fake


def test_generate_seed_passes_the_options_and_prints_the_files(
    fake_datasets: FakeDatasets, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", "--seed", "3", "--out", str(tmp_path)]) == 0
    assert fake_datasets.calls == [
        (
            "write_course_data",
            (tmp_path,),
            {"random_state": 3, "learner": None, "overwrite": False},
        )
    ]
    out = capsys.readouterr().out
    assert "files written (2):" in out
    assert str(tmp_path / "posts.csv") in out
    assert str(tmp_path / "followers.csv") in out


def test_generate_learner_with_force(fake_datasets: FakeDatasets, tmp_path: Path) -> None:
    assert main(["generate", "--learner", "a@b.org", "--out", str(tmp_path), "--force"]) == 0
    assert fake_datasets.calls == [
        (
            "write_course_data",
            (tmp_path,),
            {"random_state": None, "learner": "a@b.org", "overwrite": True},
        )
    ]


def test_generate_canonical(
    fake_datasets: FakeDatasets, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", "--canonical"]) == 0
    assert fake_datasets.calls == [("rebuild_canonical", (), {})]
    assert str(Path("datasets") / "posts.csv") in capsys.readouterr().out


@pytest.mark.parametrize(
    "error",
    [
        ValueError("random_state must be an int >= 0; got -1."),
        OSError("No space left on device"),
        PermissionError(13, "Permission denied", "/read-only"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_library_errors_become_one_line_and_exit_2(
    error: Exception,
    fake_datasets: FakeDatasets,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake_datasets.error = error
    assert main(["generate", "--seed", "1", "--out", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("smmlab: error: ")
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
    assert captured.err == f"smmlab: error: {error}\n"


def test_describe_reports_a_lookup_error_as_a_user_error(
    fake_datasets: FakeDatasets, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_datasets.error = KeyError("Unknown dataset 'nope'; see smmlab datasets list")
    assert main(["datasets", "describe", "nope"]) == 2
    assert capsys.readouterr().err == (
        "smmlab: error: Unknown dataset 'nope'; see smmlab datasets list\n"
    )


def test_a_bug_is_not_hidden_as_a_user_error(fake_datasets: FakeDatasets) -> None:
    fake_datasets.error = KeyError("rows")
    with pytest.raises(KeyError):
        main(["datasets", "list"])


def test_datasets_list_prints_one_aligned_line_per_dataset(
    fake_datasets: FakeDatasets, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["datasets", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "posts          1,234 rows  One row per post.",
        "followers         56 rows  Followers per day.",
    ]


def test_datasets_describe_prints_the_columns_left_aligned(
    fake_datasets: FakeDatasets, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["datasets", "describe", "posts"]) == 0
    assert fake_datasets.calls == [("describe", ("posts",), {})]
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["column", "dtype", "unit", "meaning"]
    assert lines[1].split()[:2] == ["post_id", "str"]
    assert lines[2].lstrip().startswith("impressions")
    assert "Times the post was shown." in lines[2]


class FakeReport(types.ModuleType):
    """A stand-in for ``smmlab.report`` that records the export it is asked for."""

    def __init__(self, error: BaseException | None = None) -> None:
        super().__init__("smmlab.report")
        self.error = error
        self.calls: list[tuple[tuple[object, ...], dict[str, object]]] = []

    def export(self, *args: object, **kwargs: object) -> Path:
        self.calls.append((args, kwargs))
        if self.error is not None:
            raise self.error
        return Path(str(args[1]))


@pytest.fixture
def fake_report(monkeypatch: pytest.MonkeyPatch) -> FakeReport:
    fake = FakeReport()
    monkeypatch.setitem(sys.modules, "smmlab.report", fake)
    monkeypatch.setattr(smmlab, "report", fake, raising=False)
    return fake


def test_report_passes_the_options_and_prints_the_file(
    fake_report: FakeReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "october.xlsx"
    argv = ["report", "--month", "2025-10", "--data", str(tmp_path), "--out", str(out)]
    assert main(argv) == 0
    assert fake_report.calls == [
        (("2025-10", out), {"data_dir": tmp_path, "overwrite": False})
    ]
    assert capsys.readouterr().out == f"report written: {out}\n"
    assert main([*argv, "--force"]) == 0
    assert fake_report.calls[-1][1] == {"data_dir": tmp_path, "overwrite": True}


def test_report_errors_become_one_line_and_exit_2(
    fake_report: FakeReport, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_report.error = ValueError("month must be a month of the data, from 2025-01 to 2025-12")
    assert main(["report", "--month", "2030-01", "--out", "r.html"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "smmlab: error: month must be a month of the data, from 2025-01 to 2025-12\n"
    )


# --- with the real smmlab.datasets -----------------------------------------------------------


def test_generate_seed_writes_csv_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "course"
    assert main(["generate", "--seed", "3", "--out", str(out_dir)]) == 0
    written = sorted(path.name for path in out_dir.iterdir())
    assert "posts.csv" in written
    assert "README.md" in written  # the data dictionary travels with the data
    assert "provenance.json" in written  # and the generator call that made it
    assert all(name.endswith(".csv") for name in written
               if name not in ("README.md", "provenance.json"))
    out = capsys.readouterr().out
    for name in written:
        assert name in out


def test_generate_refuses_a_non_empty_folder_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "course"
    assert main(["generate", "--seed", "3", "--out", str(out_dir)]) == 0
    before = _snapshot(out_dir)
    capsys.readouterr()

    assert main(["generate", "--seed", "4", "--out", str(out_dir)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("smmlab: error: ")
    assert "Traceback" not in captured.err
    assert _snapshot(out_dir) == before

    assert main(["generate", "--seed", "4", "--out", str(out_dir), "--force"]) == 0


def test_generate_learner_is_reproducible(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["generate", "--learner", "a@b.org", "--out", str(first)]) == 0
    assert main(["generate", "--learner", "a@b.org", "--out", str(second)]) == 0
    first_files = {name: content for name, (content, _) in _snapshot(first).items()}
    second_files = {name: content for name, (content, _) in _snapshot(second).items()}
    assert first_files
    assert first_files == second_files


def test_datasets_list_names_posts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["datasets", "list"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert "posts" in names


def test_datasets_describe_posts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["datasets", "describe", "posts"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split()
    assert header == ["column", "dtype", "unit", "meaning"]


def test_datasets_describe_unknown_name_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["datasets", "describe", "nope"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("smmlab: error: ")
    assert "nope" in captured.err
    assert "Traceback" not in captured.err
