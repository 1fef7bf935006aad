"""The ``smmlab`` command: make the course data, look at the datasets, write reports.

Every sentence the command shows lives in :data:`MESSAGES`, so the command can be
translated without touching the code. The library is imported only inside the
command functions, which keeps ``smmlab --help`` fast.

Examples
--------
From a terminal::

    smmlab generate --learner you@example.org --out my-data
    smmlab datasets describe posts
    smmlab report --month 2025-10 --out october.html
    smmlab workshop roster.csv --out workshop
    smmlab grade workshop/learners --lesson 00 --roster roster.csv --out results

From Python, :func:`main` takes the same words and returns the exit code:

>>> main(["--version"])
smmlab 0.1.0
0
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from smmlab import __version__
from smmlab._messages import Catalog

if TYPE_CHECKING:
    import pandas as pd

MESSAGES = Catalog(
    {
        "en": {
            # top level
            "description": (
                "Make and explore the data of the smmlab course on social media analytics."
            ),
            "epilog": (
                "examples:\n"
                "  smmlab generate --learner you@example.org --out my-data\n"
                "  smmlab datasets list\n"
                "  smmlab datasets describe posts\n"
                "  smmlab report --month 2025-10 --out october.html\n"
                "  smmlab import exports/*.csv --out my-data --timezone Europe/Rome\n"
                "\n"
                "Run 'smmlab COMMAND --help' to see the options of one command."
            ),
            "version_help": "show smmlab's version and exit",
            "commands_title": "commands",
            "version": "smmlab {version}",
            # generate
            "generate_help": "write a set of course CSV files",
            "generate_description": (
                "Write the course's CSV files into a folder. Choose where the data comes from:\n"
                "a seed (a whole number), a learner id (your own personal data set), or\n"
                "--canonical to rebuild the frozen files in datasets/ that the lessons quote.\n"
                "The same seed or learner id always gives byte-identical files."
            ),
            "generate_epilog": (
                "examples:\n"
                "  smmlab generate --seed 7 --out my-data\n"
                "  smmlab generate --learner you@example.org --out my-data\n"
                "  smmlab generate --seed 7 --out my-data --force    (replace existing files)\n"
                "  smmlab generate --canonical                       (maintainers)"
            ),
            "source_title": "where the data comes from (choose one)",
            "seed_help": "make the data from this whole number (0 or more)",
            "learner_help": "make data personal to this learner id, e.g. an e-mail address",
            "canonical_help": "rebuild the frozen course files in the repository's datasets/",
            "out_help": "folder to write the CSV files into (required with --seed or --learner)",
            "force_help": "overwrite the files of a folder that is not empty",
            "out_required": "--out DIR is required with --seed or --learner",
            "canonical_no_out": (
                "--out and --force cannot be used with --canonical: "
                "the canonical files always go to datasets/"
            ),
            "wrote": "files written ({count}):",
            "wrote_file": "  {path}",
            # datasets
            "datasets_help": "list the course datasets and describe their columns",
            "datasets_description": "List the course datasets or describe the columns of one.",
            "datasets_epilog": (
                "examples:\n  smmlab datasets list\n  smmlab datasets describe posts"
            ),
            "datasets_commands_title": "datasets commands",
            "list_help": "list every dataset with its number of rows and what it holds",
            "list_description": "List every course dataset with its number of rows and contents.",
            "list_epilog": "example:\n  smmlab datasets list",
            "list_row": "{name:<{width}}  {rows:>9,} rows  {description}",
            "describe_help": "show the columns of one dataset: type, unit and meaning",
            "describe_description": (
                "Show the columns of one dataset: their type, unit and meaning."
            ),
            "describe_epilog": (
                "examples:\n  smmlab datasets describe posts\n\n"
                "Run 'smmlab datasets list' to see the dataset names."
            ),
            "name_help": "dataset name, as shown by 'smmlab datasets list'",
            # report
            "report_help": "write a month's client report: web page, Excel workbook or slides",
            "report_description": (
                "Write the client report of one month: KPIs against the previous month and\n"
                "targets, best and weakest posts, results by platform, charts and three\n"
                "findings. The end of the file name picks the format:\n"
                "  .html         one self-contained web page (e-mail it, or print it to PDF)\n"
                "  .xlsx         an Excel workbook whose rates are live formulas\n"
                "  .slides.html  reveal.js slides, made by running the report notebook\n"
                "Targets are the previous month + 5 % (- 5 % for costs); to set your own, use\n"
                "smmlab.report.monthly_report(..., targets=...) in Python."
            ),
            "report_epilog": (
                "examples:\n"
                "  smmlab report --month 2025-10 --out october.html\n"
                "  smmlab report --month 2025-10 --out october.xlsx\n"
                "  smmlab report --month 2025-10 --out october.slides.html\n"
                "  smmlab report --month 2025-10 --data my-data --out october.html --force"
            ),
            "month_help": "the month to report on, written YYYY-MM (e.g. 2025-10)",
            "data_help": (
                "folder written by 'smmlab generate' (default: the course's canonical data)"
            ),
            "report_out_help": "file to write: name.html, name.xlsx or name.slides.html",
            "report_force_help": "replace FILE if it already exists",
            "wrote_report": "report written: {path}",
            # import
            "import_help": "bring your own platforms' exports into a data folder",
            "import_description": (
                "Read the CSV (or xlsx) files you downloaded from Meta Business Suite, Ads\n"
                "Manager, TikTok Studio, LinkedIn, X, YouTube Studio or a listening tool, and\n"
                "write them as a data folder the lessons and 'smmlab report' read. Each file\n"
                "is recognised by its header; columns an export lacks stay empty (never 0)\n"
                "and are listed. Nothing is written if a file is not recognised. The data\n"
                "stays on this computer."
            ),
            "import_epilog": (
                "examples:\n"
                "  smmlab import exports/*.csv --out my-data --timezone Europe/Rome\n"
                "  smmlab report --data my-data --month 2025-10 --out report.html\n"
                "  smmlab import Views.csv --platform Instagram --out my-data --force"
            ),
            "import_files_help": "the export files to read",
            "import_out_help": "data folder to write (new or empty, unless --force)",
            "brand_name_help": "the brand's name in brand.csv (default: the account's name)",
            "currency_help": "ISO code of the money columns, e.g. EUR (default: from ad exports)",
            "timezone_help": (
                "your account's time zone, e.g. Europe/Rome: times written without a zone are "
                "read in it"
            ),
            "platform_help": "the platform of files that do not say (Meta's daily Views.csv)",
            "dates_help": (
                "order of numeric dates when the data cannot tell (default: read from the data)"
            ),
            "as_of_help": (
                "the day you downloaded the exports, YYYY-MM-DD, for dates without a year "
                "(TikTok; default: each file's date)"
            ),
            "import_force_help": "replace the course files of a folder that is not empty",
            "imported_file": "  {path}: {label} [{confidence}] -> {table}, {rows} rows",
            "imported_missing": "      not in this export: {columns}",
            "imported_note": "      {note}",
            # build and progress
            "build_help": "rebuild the lesson notebooks and instructor notes from their sources",
            "build_description": (
                "Build every lesson from its source in smmlab/lessons/: the learner notebook\n"
                "(notebooks/), the solution notebook (notebooks/solutions/) and the instructor\n"
                "notes (instructors/). With --check, write nothing and fail if any is stale."
            ),
            "build_epilog": "examples:\n  smmlab build\n  smmlab build --check",
            "check_help": "only check that the built files are up to date (exit 1 if not)",
            "root_help": "folder that holds notebooks/ and instructors/ (default: the course)",
            "built": "{count} files rebuilt:",
            "built_none": "every lesson is up to date",
            "stale": "{count} built files are stale; run 'smmlab build' (or 'make lessons'):",
            "stale_translations": "{count} translation files have stale entries: their English "
                                  "changed since they were translated. Check each entry marked "
                                  "'#, fuzzy', update its translation, remove the mark, and run "
                                  "'smmlab build':",
            "stale_translation": "  {path}: {count} stale, the first is {first}",
            "progress_help": "show your progress, kept only on this computer",
            "progress_description": (
                "Show which exercises you have checked, lesson by lesson, with the hints and\n"
                "solutions you looked at. Progress is stored only on this computer."
            ),
            "progress_epilog": "examples:\n  smmlab progress",
            # workshops and grading
            "workshop_help": "set up a workshop: a folder and a brand of their own per learner",
            "workshop_description": (
                "Read a roster (CSV with a learner_id column, optional name and email) and\n"
                "write one folder per learner with the learner notebooks and that learner's\n"
                "own data, plus an instructor folder with every learner's answer key.\n"
                "Re-running adds what is missing and never overwrites a learner's work."
            ),
            "workshop_epilog": (
                "examples:\n"
                "  smmlab workshop roster.csv --out autumn-workshop\n"
                "  smmlab workshop roster.csv --out exam --lessons 00 --assessment"
            ),
            "roster_help": "CSV with a learner_id column (and optional name, email)",
            "workshop_out_help": "workshop folder to write (created if needed)",
            "lessons_help": "lesson numbers to include, e.g. 00 01 (default: every lesson)",
            "assessment_help": (
                "graded work: no solutions, no hints (unless --allow-hints), and checks only "
                "look at the form of an answer"
            ),
            "allow_hints_help": "keep hints in --assessment mode",
            "workshop_secret_help": (
                "instructor's secret file (smmlab secret new FILE): each brand is an HMAC of "
                "the learner id under it, so learners cannot rebuild their answer key; "
                "grading needs the same file"
            ),
            "grade_secret_help": (
                "the secret file the workshop was made with (smmlab workshop --secret): it "
                "rebuilds every learner's brand"
            ),
            "secret_help": "make an instructor's secret file for keyed workshops",
            "hub_help": "the course on a JupyterHub: prepare a user's folder",
            "hub_description": (
                "On a JupyterHub each user gets, on first start, a smm-course/ folder in\n"
                "their home with their own brand's data and the learner notebooks. Later\n"
                "starts add what is missing and never overwrite their work. The Littlest\n"
                "JupyterHub runs it from the hub (instructors/hub/jupyterhub_config.py);\n"
                "Zero to JupyterHub from an init container (instructors/hub/z2jh-values.yaml)."
            ),
            "hub_epilog": (
                "examples:\n"
                "  smmlab hub prepare --user ada --home /home/ada --lessons 00 01\n"
                "  smmlab hub prepare --user ada --home /home/jovyan --owner 1000:100 \\\n"
                "      --assessment --secret /etc/smmlab/exam.secret"
            ),
            "hub_prepare_help": "make or complete one user's course folder",
            "hub_user_help": "the hub user name (default: $JUPYTERHUB_USER)",
            "hub_home_help": "the user's home folder (default: your home)",
            "hub_roster_help": (
                "roster mapping hub users to learner ids: a hub_user column, else the "
                "learner_id or email equal to the user name"
            ),
            "hub_owner_help": "give the written files to this numeric user and group",
            "hub_done": "{folder} ready for learner {learner}: {written} written, {kept} kept",
            "secret_description": (
                "A workshop made with --secret FILE gives each learner a brand derived from\n"
                "an HMAC-SHA256 of their id under the secret: nothing on the learner's side\n"
                "rebuilds their answer key. Grade with the same --secret FILE. Keep the file\n"
                "away from learners, and keep it: without it no key can be rebuilt."
            ),
            "secret_epilog": (
                "examples:\n"
                "  smmlab secret new ~/exam.secret\n"
                "  smmlab workshop roster.csv --out exam --assessment --secret ~/exam.secret\n"
                "  smmlab grade subs --lesson 00 --roster exam/instructor/roster.csv \\\n"
                "      --out results --secret ~/exam.secret"
            ),
            "secret_new_help": "write a new secret: 64 random hex digits, readable only by you",
            "secret_file_help": "the file to write (never overwritten)",
            "secret_done": "secret written to {path} (mode 0600); fingerprint {fingerprint}",
            "workshop_done": (
                "workshop ready in {folder}: {learners} learners, {written} files written, "
                "{kept} kept"
            ),
            "grade_help": "grade a folder (or LMS zip) of completed notebooks",
            "grade_description": (
                "Run every submitted notebook in its own kernel, read the answers as plain\n"
                "data and check them here with the course's own checks, against each\n"
                "learner's data. Writes gradebook.csv, lms_import.csv, feedback/*.html and\n"
                "results.json to --out. Submissions are never modified; a broken notebook\n"
                "never stops the batch.\n\n"
                "Security: learners' code runs with your privileges. Use --sandbox (needs\n"
                "bubblewrap) or a throwaway machine for work you do not trust."
            ),
            "grade_epilog": (
                "examples:\n"
                "  smmlab grade autumn-workshop/learners --lesson 00 \\\n"
                "      --roster roster.csv --out results-00\n"
                "  smmlab grade export.zip --lesson 00 --roster roster.csv --out results \\\n"
                "      --workers 2 --sandbox"
            ),
            "submissions_help": "notebooks, folders of notebooks or LMS zip exports",
            "lesson_help": "lesson number, e.g. 00",
            "grade_out_help": "results folder (gradebook.csv, feedback/, results.json)",
            "workers_help": "notebooks graded at the same time, one kernel each (default 1)",
            "timeout_help": "seconds a cell may run before it is interrupted (default 30)",
            "sandbox_help": "run each notebook under bubblewrap: no network, read-only system",
            "show_expected_help": (
                "feedback pages also show each exercise's expected value (self-study and open "
                "workshops; never for an assessment: it hands out the answer key)"
            ),
            "dask_help": (
                "grade on a Dask LocalCluster of --workers processes started here: one task per "
                "notebook, a crashed worker's notebook retried once, a re-run grades only what "
                "changed (needs pip install 'smmlab[dask]')"
            ),
            "scheduler_help": (
                "grade on a running Dask cluster, e.g. tcp://10.0.0.5:8786 (as --dask; its "
                "workers need smmlab installed)"
            ),
            "grade_progress": "\rgraded {done}/{total}",
            "grade_done": (
                "\n{count} submissions graded ({ok} ok); results in {folder}\n"
                "  gradebook: {folder}/gradebook.csv"
            ),
            "collect_help": "copy learners' notebooks into a submissions folder to grade",
            "collect_description": (
                "Copy each learner's notebooks of the chosen lessons, read-only, into a\n"
                "submissions folder that 'smmlab grade' reads, one folder per learner.\n"
                "OUT/manifest.csv records each copy's source, its modification time, and\n"
                "whether it was saved after --deadline. Learners' files are only read.\n"
                "Re-running copies only what changed.\n\n"
                "--from PATTERN: where learners work; {{learner}} stands for one folder name\n"
                "(the hub user name, learner id, e-mail or workshop folder name), then a\n"
                "glob of notebooks (default: every notebook below that folder)."
            ),
            "collect_epilog": (
                "examples:\n"
                "  smmlab collect --workshop autumn-workshop --lessons 00 --out subs\n"
                "  smmlab collect --from '/home/jupyter-{{learner}}/*.ipynb' --lessons 00 01 \\\n"
                "      --roster roster.csv --deadline 2026-05-01T18:00+02:00 --out subs\n"
                "  smmlab grade subs --lesson 00 --roster roster.csv --out results-00"
            ),
            "collect_workshop_help": "a workshop folder (smmlab workshop); reads its roster",
            "collect_from_help": "where learners work, e.g. '/home/{{learner}}/*.ipynb'",
            "collect_lessons_help": "lesson numbers to collect, e.g. 00 01",
            "collect_out_help": "submissions folder to write (created if needed)",
            "deadline_help": (
                "ISO 8601 date-time (UTC unless it names a zone): later files are flagged late"
            ),
            "collect_done": (
                "{new} new, {updated} updated, {unchanged} unchanged ({late} late); "
                "manifest: {folder}/manifest.csv"
            ),
            "collect_skipped": "  skipped {path}: {reason}",
            "collect_missing": "  no notebook of lesson {lesson} for {learner}",
            "handout_help": "a lesson or report notebook as a handout: HTML or PDF",
            "handout_description": (
                "Run a copy of a notebook and write it as one self-contained web page (.html)\n"
                "or a PDF printed by headless Chromium (.pdf). The notebook is never changed."
            ),
            "handout_epilog": (
                "examples:\n"
                "  smmlab handout notebooks/solutions/00_first_report.ipynb --out lesson00.pdf\n"
                "  smmlab handout notebooks/01_metrics_that_matter.ipynb --out lesson01.html"
            ),
            "notebook_help": "the notebook to turn into a handout",
            "handout_out_help": "file to write: name.html or name.pdf",
            "no_execute_help": "do not run the notebook first (use its saved outputs)",
            # errors
            "error": "smmlab: error: {message}",
            "interrupted": "smmlab: interrupted",
        }
    }
)

#: Exit codes: success, a usage or data error the user can fix, Ctrl-C.
EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

_FORMATTER = argparse.RawDescriptionHelpFormatter


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the ``smmlab`` command.

    Returns
    -------
    argparse.ArgumentParser
        The top-level parser; each (sub)command parser stores itself in the
        ``parser`` default and its handler in ``handler`` (``None`` for a command
        group such as ``datasets``, which then prints its help).

    Examples
    --------
    >>> parser = build_parser()
    >>> parser.parse_args(["generate", "--seed", "3", "--out", "data"]).seed
    3
    """
    parser = argparse.ArgumentParser(
        prog="smmlab",
        description=MESSAGES.text("description"),
        epilog=MESSAGES.text("epilog"),
        formatter_class=_FORMATTER,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=MESSAGES.text("version", version=__version__),
        help=MESSAGES.text("version_help"),
    )
    parser.set_defaults(handler=None, parser=parser)
    commands = parser.add_subparsers(title=MESSAGES.text("commands_title"), metavar="COMMAND")

    generate = commands.add_parser(
        "generate",
        help=MESSAGES.text("generate_help"),
        description=MESSAGES.text("generate_description"),
        epilog=MESSAGES.text("generate_epilog"),
        formatter_class=_FORMATTER,
    )
    source = generate.add_argument_group(MESSAGES.text("source_title"))
    exclusive = source.add_mutually_exclusive_group(required=True)
    exclusive.add_argument("--seed", type=int, metavar="N", help=MESSAGES.text("seed_help"))
    exclusive.add_argument("--learner", metavar="ID", help=MESSAGES.text("learner_help"))
    exclusive.add_argument("--canonical", action="store_true", help=MESSAGES.text("canonical_help"))
    generate.add_argument("--out", type=Path, metavar="DIR", help=MESSAGES.text("out_help"))
    generate.add_argument("--force", action="store_true", help=MESSAGES.text("force_help"))
    generate.set_defaults(handler=_generate, parser=generate)

    datasets = commands.add_parser(
        "datasets",
        help=MESSAGES.text("datasets_help"),
        description=MESSAGES.text("datasets_description"),
        epilog=MESSAGES.text("datasets_epilog"),
        formatter_class=_FORMATTER,
    )
    datasets.set_defaults(handler=None, parser=datasets)
    datasets_commands = datasets.add_subparsers(
        title=MESSAGES.text("datasets_commands_title"), metavar="COMMAND"
    )
    listing = datasets_commands.add_parser(
        "list",
        help=MESSAGES.text("list_help"),
        description=MESSAGES.text("list_description"),
        epilog=MESSAGES.text("list_epilog"),
        formatter_class=_FORMATTER,
    )
    listing.set_defaults(handler=_datasets_list, parser=listing)
    describe = datasets_commands.add_parser(
        "describe",
        help=MESSAGES.text("describe_help"),
        description=MESSAGES.text("describe_description"),
        epilog=MESSAGES.text("describe_epilog"),
        formatter_class=_FORMATTER,
    )
    describe.add_argument("name", metavar="NAME", help=MESSAGES.text("name_help"))
    describe.set_defaults(handler=_datasets_describe, parser=describe)

    report = commands.add_parser(
        "report",
        help=MESSAGES.text("report_help"),
        description=MESSAGES.text("report_description"),
        epilog=MESSAGES.text("report_epilog"),
        formatter_class=_FORMATTER,
    )
    report.add_argument("--month", required=True, metavar="YYYY-MM",
                        help=MESSAGES.text("month_help"))
    report.add_argument("--data", type=Path, metavar="DIR", help=MESSAGES.text("data_help"))
    report.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help=MESSAGES.text("report_out_help"))
    report.add_argument("--force", action="store_true", help=MESSAGES.text("report_force_help"))
    report.set_defaults(handler=_report, parser=report)

    importing = commands.add_parser(
        "import", help=MESSAGES.text("import_help"),
        description=MESSAGES.text("import_description"),
        epilog=MESSAGES.text("import_epilog"), formatter_class=_FORMATTER)
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE",
                           help=MESSAGES.text("import_files_help"))
    importing.add_argument("--out", type=Path, required=True, metavar="DIR",
                           help=MESSAGES.text("import_out_help"))
    importing.add_argument("--brand-name", metavar="NAME", help=MESSAGES.text("brand_name_help"))
    importing.add_argument("--currency", metavar="CODE", help=MESSAGES.text("currency_help"))
    importing.add_argument("--timezone", metavar="ZONE", help=MESSAGES.text("timezone_help"))
    importing.add_argument("--platform", metavar="NAME", help=MESSAGES.text("platform_help"))
    importing.add_argument("--dates", choices=("day-first", "month-first"),
                           help=MESSAGES.text("dates_help"))
    importing.add_argument("--as-of", metavar="YYYY-MM-DD", help=MESSAGES.text("as_of_help"))
    importing.add_argument("--force", action="store_true",
                           help=MESSAGES.text("import_force_help"))
    importing.set_defaults(handler=_import, parser=importing)

    build = commands.add_parser(
        "build", help=MESSAGES.text("build_help"),
        description=MESSAGES.text("build_description"), epilog=MESSAGES.text("build_epilog"),
        formatter_class=_FORMATTER)
    build.add_argument("--check", action="store_true", help=MESSAGES.text("check_help"))
    build.add_argument("--root", type=Path, metavar="DIR", help=MESSAGES.text("root_help"))
    build.set_defaults(handler=_build, parser=build)

    progress = commands.add_parser(
        "progress", help=MESSAGES.text("progress_help"),
        description=MESSAGES.text("progress_description"),
        epilog=MESSAGES.text("progress_epilog"), formatter_class=_FORMATTER)
    progress.set_defaults(handler=_progress, parser=progress)

    workshop = commands.add_parser(
        "workshop", help=MESSAGES.text("workshop_help"),
        description=MESSAGES.text("workshop_description"),
        epilog=MESSAGES.text("workshop_epilog"), formatter_class=_FORMATTER)
    workshop.add_argument("roster", type=Path, metavar="ROSTER.csv",
                          help=MESSAGES.text("roster_help"))
    workshop.add_argument("--out", type=Path, required=True, metavar="DIR",
                          help=MESSAGES.text("workshop_out_help"))
    _workshop_options(workshop)
    workshop.set_defaults(handler=_workshop, parser=workshop)

    grade = commands.add_parser(
        "grade", help=MESSAGES.text("grade_help"), description=MESSAGES.text("grade_description"),
        epilog=MESSAGES.text("grade_epilog"), formatter_class=_FORMATTER)
    grade.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSIONS",
                       help=MESSAGES.text("submissions_help"))
    grade.add_argument("--lesson", required=True, metavar="NN", help=MESSAGES.text("lesson_help"))
    grade.add_argument("--roster", type=Path, metavar="ROSTER.csv",
                       help=MESSAGES.text("roster_help"))
    grade.add_argument("--out", type=Path, required=True, metavar="DIR",
                       help=MESSAGES.text("grade_out_help"))
    grade.add_argument("--workers", type=int, default=1, metavar="N",
                       help=MESSAGES.text("workers_help"))
    grade.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                       help=MESSAGES.text("timeout_help"))
    grade.add_argument("--sandbox", action="store_true", help=MESSAGES.text("sandbox_help"))
    grade.add_argument("--show-expected", action="store_true",
                       help=MESSAGES.text("show_expected_help"))
    engine = grade.add_mutually_exclusive_group()
    engine.add_argument("--dask", action="store_true", help=MESSAGES.text("dask_help"))
    engine.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                        help=MESSAGES.text("scheduler_help"))
    grade.add_argument("--secret", type=Path, metavar="FILE",
                       help=MESSAGES.text("grade_secret_help"))
    grade.set_defaults(handler=_grade, parser=grade)

    secret = commands.add_parser(
        "secret", help=MESSAGES.text("secret_help"),
        description=MESSAGES.text("secret_description"),
        epilog=MESSAGES.text("secret_epilog"), formatter_class=_FORMATTER)
    secret.set_defaults(handler=None, parser=secret)
    secret_new = secret.add_subparsers(metavar="COMMAND").add_parser(
        "new", help=MESSAGES.text("secret_new_help"),
        description=MESSAGES.text("secret_description"),
        epilog=MESSAGES.text("secret_epilog"), formatter_class=_FORMATTER)
    secret_new.add_argument("file", type=Path, metavar="FILE",
                            help=MESSAGES.text("secret_file_help"))
    secret_new.set_defaults(handler=_secret_new, parser=secret_new)

    collect = commands.add_parser(
        "collect", help=MESSAGES.text("collect_help"),
        description=MESSAGES.text("collect_description"),
        epilog=MESSAGES.text("collect_epilog"), formatter_class=_FORMATTER)
    where = collect.add_mutually_exclusive_group(required=True)
    where.add_argument("--workshop", type=Path, metavar="DIR",
                       help=MESSAGES.text("collect_workshop_help"))
    where.add_argument("--from", dest="pattern", metavar="PATTERN",
                       help=MESSAGES.text("collect_from_help"))
    collect.add_argument("--lessons", nargs="+", required=True, metavar="NN",
                         help=MESSAGES.text("collect_lessons_help"))
    collect.add_argument("--out", type=Path, required=True, metavar="DIR",
                         help=MESSAGES.text("collect_out_help"))
    collect.add_argument("--roster", type=Path, metavar="ROSTER.csv",
                         help=MESSAGES.text("roster_help"))
    collect.add_argument("--deadline", metavar="WHEN", help=MESSAGES.text("deadline_help"))
    collect.set_defaults(handler=_collect, parser=collect)

    hub = commands.add_parser(
        "hub", help=MESSAGES.text("hub_help"), description=MESSAGES.text("hub_description"),
        epilog=MESSAGES.text("hub_epilog"), formatter_class=_FORMATTER)
    hub.set_defaults(handler=None, parser=hub)
    prepare = hub.add_subparsers(metavar="COMMAND").add_parser(
        "prepare", help=MESSAGES.text("hub_prepare_help"),
        description=MESSAGES.text("hub_description"), epilog=MESSAGES.text("hub_epilog"),
        formatter_class=_FORMATTER)
    prepare.add_argument("--user", default=os.environ.get("JUPYTERHUB_USER"), metavar="NAME",
                         required=not os.environ.get("JUPYTERHUB_USER"),
                         help=MESSAGES.text("hub_user_help"))
    prepare.add_argument("--home", type=Path, default=Path.home(), metavar="DIR",
                         help=MESSAGES.text("hub_home_help"))
    prepare.add_argument("--roster", type=Path, metavar="ROSTER.csv",
                         help=MESSAGES.text("hub_roster_help"))
    _workshop_options(prepare)
    prepare.add_argument("--owner", metavar="UID:GID", help=MESSAGES.text("hub_owner_help"))
    prepare.set_defaults(handler=_hub_prepare, parser=prepare)

    handout = commands.add_parser(
        "handout", help=MESSAGES.text("handout_help"),
        description=MESSAGES.text("handout_description"),
        epilog=MESSAGES.text("handout_epilog"), formatter_class=_FORMATTER)
    handout.add_argument("notebook", type=Path, metavar="NOTEBOOK",
                         help=MESSAGES.text("notebook_help"))
    handout.add_argument("--out", type=Path, required=True, metavar="FILE",
                         help=MESSAGES.text("handout_out_help"))
    handout.add_argument("--no-execute", action="store_true",
                         help=MESSAGES.text("no_execute_help"))
    handout.set_defaults(handler=_handout, parser=handout)
    return parser


def _workshop_options(parser: argparse.ArgumentParser) -> None:
    """What is handed out, and how: ``smmlab workshop`` and ``smmlab hub prepare`` share these."""
    parser.add_argument("--lessons", nargs="+", metavar="NN", help=MESSAGES.text("lessons_help"))
    parser.add_argument("--assessment", action="store_true",
                        help=MESSAGES.text("assessment_help"))
    parser.add_argument("--allow-hints", action="store_true",
                        help=MESSAGES.text("allow_hints_help"))
    parser.add_argument("--secret", type=Path, metavar="FILE",
                        help=MESSAGES.text("workshop_secret_help"))


def main(argv: list[str] | None = None) -> int:
    """Run the ``smmlab`` command and return its exit code.

    Usage errors and errors the library reports (``ValueError``, ``OSError``) are
    printed as one ``smmlab: error: ...`` line on stderr, never as a traceback.
    ``--help`` and ``--version`` return 0 instead of raising ``SystemExit``, so
    ``main`` can also be called from a notebook cell.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after ``smmlab``; ``None`` reads ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 2 for a usage or data error, 130 when interrupted.

    Examples
    --------
    >>> main(["--version"])
    smmlab 0.1.0
    0
    >>> main(["generate", "--seed", "7", "--out", "my-data"])  # doctest: +SKIP
    files written (...):
      my-data/posts.csv
    ...
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        handler: Callable[[argparse.Namespace], int] | None = args.handler
        if handler is None:  # `smmlab` or `smmlab datasets` alone: show what is possible
            args.parser.print_help(sys.stderr)
            return EXIT_USAGE
        return handler(args)
    except SystemExit as exc:  # argparse: --help, --version and usage errors
        return _exit_code(exc.code)
    except (ValueError, OSError) as exc:
        print(MESSAGES.text("error", message=str(exc) or type(exc).__name__), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(MESSAGES.text("interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED


def _generate(args: argparse.Namespace) -> int:
    """Write course CSV files (``smmlab generate``)."""
    if args.canonical and (args.out is not None or args.force):
        args.parser.error(MESSAGES.text("canonical_no_out"))
    if not args.canonical and args.out is None:
        args.parser.error(MESSAGES.text("out_required"))

    from smmlab import datasets

    if args.canonical:
        written = datasets.rebuild_canonical()
    else:
        written = datasets.write_course_data(
            args.out, random_state=args.seed, learner=args.learner, overwrite=args.force
        )
    print(MESSAGES.text("wrote", count=len(written)))
    for path in written:
        print(MESSAGES.text("wrote_file", path=path))
    return EXIT_OK


def _datasets_list(args: argparse.Namespace) -> int:
    """Print every dataset with its size and description (``smmlab datasets list``)."""
    from smmlab import datasets

    summary = datasets.dataset_summary()
    names = [str(name) for name in summary["name"]]
    width = max(map(len, names), default=0)
    for name, rows, description in zip(names, summary["rows"], summary["description"], strict=True):
        line = MESSAGES.text(
            "list_row", name=name, width=width, rows=int(rows), description=description
        )
        print(line)
    return EXIT_OK


def _datasets_describe(args: argparse.Namespace) -> int:
    """Print the columns of one dataset (``smmlab datasets describe NAME``)."""
    from smmlab import datasets

    try:
        table = datasets.describe(args.name)
    except KeyError as exc:  # an unknown name, if the library reports it as a lookup error
        raise ValueError(exc.args[0] if len(exc.args) == 1 else str(exc)) from exc
    print(table.to_string(index=False, justify="left", formatters=_left_aligned(table)))
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    """Write one month's client report (``smmlab report``)."""
    from smmlab import report

    written = report.export(args.month, args.out, data_dir=args.data, overwrite=args.force)
    print(MESSAGES.text("wrote_report", path=written))
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    """Import exports into a data folder (``smmlab import``)."""
    from smmlab.io.folder import write_data_folder

    dayfirst = None if args.dates is None else args.dates == "day-first"
    done = write_data_folder(args.files, args.out, brand_name=args.brand_name,
                             currency=args.currency, timezone=args.timezone,
                             platform=args.platform, dayfirst=dayfirst, as_of=args.as_of,
                             overwrite=args.force)
    for report in done.imported.reports:
        print(MESSAGES.text("imported_file", path=report.path, label=report.label,
                            confidence=report.confidence, table=report.table, rows=report.rows))
        if report.missing:
            print(MESSAGES.text("imported_missing", columns=", ".join(report.missing)))
        for note in report.notes:
            print(MESSAGES.text("imported_note", note=note))
    print(MESSAGES.text("wrote", count=len(done.written)))
    for path in done.written:
        print(MESSAGES.text("wrote_file", path=path))
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    """Rebuild (or check) the lesson notebooks (``smmlab build``)."""
    from smmlab.exercises import build

    if args.check:
        stale = build.stale(args.root)
        if stale:
            print(MESSAGES.text("stale", count=len(stale)), file=sys.stderr)
            for path in stale:
                print(MESSAGES.text("wrote_file", path=path), file=sys.stderr)
            return 1
        outdated = build.stale_translations(args.root)
        if outdated:
            print(MESSAGES.text("stale_translations", count=len(outdated)), file=sys.stderr)
            for path, contexts in outdated.items():
                print(MESSAGES.text("stale_translation", path=path, count=len(contexts),
                                    first=contexts[0]), file=sys.stderr)
            return 1
        print(MESSAGES.text("built_none"))
        return EXIT_OK
    written = build.build(args.root)
    print(MESSAGES.text("built", count=len(written)) if written else MESSAGES.text("built_none"))
    for path in written:
        print(MESSAGES.text("wrote_file", path=path))
    return EXIT_OK


def _progress(args: argparse.Namespace) -> int:
    """Show the learner's local progress (``smmlab progress``)."""
    from smmlab.exercises import progress

    print(progress.summary())
    return EXIT_OK


def _workshop(args: argparse.Namespace) -> int:
    """Set up a workshop folder (``smmlab workshop``)."""
    from smmlab.grading.workshop import create_workshop

    ws = create_workshop(args.roster, args.out, lessons=args.lessons,
                         assessment=args.assessment, allow_hints=args.allow_hints,
                         secret=_read_secret(args.secret))
    print(MESSAGES.text("workshop_done", folder=ws.folder, learners=len(ws.learners),
                        written=len(ws.written), kept=len(ws.kept)))
    return EXIT_OK


def _read_secret(path: Path | None) -> bytes | None:
    """The instructor's secret of ``--secret FILE`` (``None`` without the option)."""
    from smmlab._random import read_secret

    return None if path is None else read_secret(path)


def _secret_new(args: argparse.Namespace) -> int:
    """Write a new instructor's secret (``smmlab secret new FILE``)."""
    from smmlab._random import new_secret, read_secret, secret_fingerprint

    path = new_secret(args.file)
    print(MESSAGES.text("secret_done", path=path,
                        fingerprint=secret_fingerprint(read_secret(path))))
    return EXIT_OK


def _grade(args: argparse.Namespace) -> int:
    """Grade submissions (``smmlab grade``)."""
    from smmlab.grading import grade
    from smmlab.grading.roster import TEXT as ROSTER_TEXT
    from smmlab.grading.sandbox import warning

    if not args.sandbox:  # the first line, before anything runs
        print(warning(), flush=True)

    def show(done: int, total: int) -> None:
        print(MESSAGES.text("grade_progress", done=done, total=total), end="", file=sys.stderr,
              flush=True)

    graded = grade(args.submissions, lesson=args.lesson, roster=args.roster, out=args.out,
                   workers=args.workers, cell_timeout=args.timeout, sandbox=args.sandbox,
                   on_progress=show, scheduler="local" if args.dask else args.scheduler,
                   show_expected=args.show_expected, secret=_read_secret(args.secret))
    ok = sum(g.status == "ok" for g in graded)
    print(MESSAGES.text("grade_done", count=len(graded), ok=ok, folder=args.out))
    print(ROSTER_TEXT.text("files_note", folder=args.out))
    return EXIT_OK


def _collect(args: argparse.Namespace) -> int:
    """Collect learners' notebooks (``smmlab collect``)."""
    from smmlab.grading.collect import collect_work, workshop_pattern

    pattern, roster = (workshop_pattern(args.workshop) if args.workshop is not None
                       else (args.pattern, None))
    done = collect_work(pattern, args.out, lessons=args.lessons,
                        roster=args.roster if args.roster is not None else roster,
                        deadline=args.deadline)
    for path, reason in done.skipped:
        print(MESSAGES.text("collect_skipped", path=path, reason=reason))
    for learner, lesson in done.missing:
        print(MESSAGES.text("collect_missing", learner=learner, lesson=lesson))
    print(MESSAGES.text("collect_done", new=done.count("new"), updated=done.count("updated"),
                        unchanged=done.count("unchanged"),
                        late=sum(r["late"] == "late" for r in done.rows), folder=args.out))
    return EXIT_OK


def _hub_prepare(args: argparse.Namespace) -> int:
    """Prepare a hub user's course folder (``smmlab hub prepare``)."""
    from smmlab.grading.hub import prepare_user

    owner = None
    if args.owner is not None:
        uid, sep, gid = args.owner.partition(":")
        if not (sep and uid.isdigit() and gid.isdigit()):
            raise ValueError(f"--owner: give numeric UID:GID such as 1000:100, got "
                             f"{args.owner!r}")
        owner = (int(uid), int(gid))
    done = prepare_user(args.home, args.user, roster=args.roster, lessons=args.lessons,
                        assessment=args.assessment, allow_hints=args.allow_hints,
                        secret=_read_secret(args.secret), owner=owner)
    print(MESSAGES.text("hub_done", folder=done.folder, learner=done.learner.learner_id,
                        written=len(done.written), kept=len(done.kept)))
    return EXIT_OK


def _handout(args: argparse.Namespace) -> int:
    """Write a notebook as an HTML or PDF handout (``smmlab handout``)."""
    from smmlab.report.handout import handout

    written = handout(args.notebook, args.out, execute=not args.no_execute)
    print(MESSAGES.text("wrote_report", path=written))
    return EXIT_OK


def _left_aligned(table: pd.DataFrame) -> dict[str, Callable[[object], str]]:
    """Return ``to_string`` formatters that left-align every column (text reads better)."""
    formatters: dict[str, Callable[[object], str]] = {}
    for column in table.columns:
        width = max((len(str(value)) for value in table[column]), default=0)
        width = max(width, len(str(column)))
        formatters[column] = lambda value, width=width: f"{value!s:<{width}}"
    return formatters


def _exit_code(code: object) -> int:
    """Turn a ``SystemExit`` code into an int, as the interpreter does."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
