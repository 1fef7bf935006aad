"""The ``smmlab`` command: make the course data and look at the datasets.

Every sentence the command shows lives in :data:`MESSAGES`, so the command can be
translated without touching the code. The library is imported only inside the
command functions, which keeps ``smmlab --help`` fast.

Examples
--------
From a terminal::

    smmlab generate --learner you@example.org --out my-data
    smmlab datasets describe posts

From Python, :func:`main` takes the same words and returns the exit code:

>>> main(["--version"])
smmlab 0.1.0
0
"""

from __future__ import annotations

import argparse
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
    return parser


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
