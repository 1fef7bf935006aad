"""Where a data folder came from: ``provenance.json``, written with the data, read in one place.

Every writer of a course data folder (``smmlab generate``, ``smmlab workshop``,
``smmlab generate --canonical`` for the frozen ``datasets/``) records the exact
generator call that made it, so the answer key can be rebuilt without reading
the README's prose. The file looks like this::

    {
      "arguments": {"learner": "Ada Lovelace"},
      "canonical": false,
      "command": "smmlab generate --learner 'ada lovelace'",
      "format": "smmlab-provenance",
      "format_version": 1,
      "generator": "smmlab.synth.make_course_data",
      "smmlab_version": "0.1.0"
    }

``arguments`` holds exactly one of ``random_state`` (a whole number, 0 or more)
or ``learner`` (a non-empty learner id, as given).

Examples
--------
>>> record = Provenance.for_call(learner="Ada Lovelace")
>>> read_provenance_text(record.to_json()) == record
True
"""

from __future__ import annotations

import dataclasses
import json
import numbers
import os
import shlex
from pathlib import Path
from typing import Any

from smmlab import __version__
from smmlab._messages import Catalog

#: File name of the provenance record inside a data folder.
PROVENANCE_FILE = "provenance.json"
#: Value of the record's ``format`` key.
FORMAT = "smmlab-provenance"
#: The one version of the record this smmlab reads and writes.
FORMAT_VERSION = 1
#: The generator call recorded (the only one that writes course data folders).
GENERATOR = "smmlab.synth.make_course_data"

MESSAGES = Catalog(
    {
        "en": {
            "malformed": (
                "{path} is not a valid provenance record: {problem}. It should be written "
                "by smmlab with the data; write the folder again with `smmlab generate "
                "--seed N --out FOLDER --force` (or `--learner ID`)."
            ),
            "not_json": "it is not valid JSON ({error})",
            "not_object": "it must hold a JSON object, not {kind}",
            "bad_format": "its \"format\" is {value!r}; it must be {expected!r}",
            "bad_version": (
                "its \"format_version\" is {value!r}; this smmlab ({version}) reads "
                "format_version {expected} (a newer smmlab may have written it: upgrade)"
            ),
            "missing": "it has no {key!r} key",
            "bad_type": "its {key!r} must be {expected}, not {value!r}",
            "bad_generator": (
                "its \"generator\" is {value!r}; the only allowed value is {expected!r}"
            ),
            "bad_arguments": (
                "its \"arguments\" must hold exactly one of \"random_state\" or \"learner\", "
                "not {value!r}"
            ),
            "bad_seed": "its \"random_state\" must be a whole number, 0 or more, not {value!r}",
            "bad_learner": "its \"learner\" must be a non-empty learner id, not {value!r}",
        }
    }
)


@dataclasses.dataclass(frozen=True)
class Provenance:
    """The generator call behind a data folder.

    Attributes
    ----------
    seed : int or None
        The ``random_state`` passed to the generator, or ``None`` for a learner's brand.
    learner : str or None
        The learner id, as given (the generator strips and lower-cases it), or ``None``.
    canonical : bool
        Whether this is the frozen canonical data (``smmlab generate --canonical``).
    smmlab_version : str
        The smmlab version that wrote the folder.
    command : str
        The ``smmlab`` command that writes the same files, quoted for a shell.
    generator : str
        The dotted name of the generator function called.

    Examples
    --------
    >>> p = Provenance.for_call(7)
    >>> p.call, p.command
    ({'random_state': 7}, 'smmlab generate --seed 7')
    """

    seed: int | None
    learner: str | None
    canonical: bool = False
    smmlab_version: str = __version__
    command: str = ""
    generator: str = GENERATOR

    @classmethod
    def for_call(cls, seed: int | None = None, *, learner: str | None = None,
                 canonical: bool = False) -> Provenance:
        """The record of ``make_course_data(seed)`` or ``make_course_data(learner=...)``.

        Examples
        --------
        >>> Provenance.for_call(learner="Ada Lovelace").command
        "smmlab generate --learner 'ada lovelace'"
        """
        if canonical:
            command = "smmlab generate --canonical"
        elif learner is not None:
            command = f"smmlab generate --learner {shlex.quote(learner.strip().lower())}"
        else:
            command = f"smmlab generate --seed {seed}"
        return cls(seed=None if learner is not None else seed, learner=learner,
                   canonical=canonical, command=command)

    @property
    def call(self) -> dict[str, Any]:
        """The keyword arguments of the generator call.

        Examples
        --------
        >>> Provenance.for_call(learner="ada@example.org").call
        {'learner': 'ada@example.org'}
        """
        return {"learner": self.learner} if self.learner is not None else {
            "random_state": self.seed}

    def course_data(self, *, return_truth: bool = False) -> Any:
        """Run the recorded generator call again: the folder's tables (and truth).

        Examples
        --------
        >>> data, truth = Provenance.for_call(3).course_data(return_truth=True)
        >>> "events" in truth
        True
        """
        from smmlab.synth import make_course_data

        return make_course_data(**self.call, return_truth=return_truth)

    def to_json(self) -> str:
        """The record as the text of ``provenance.json`` (sorted keys, one trailing newline).

        Examples
        --------
        >>> '"format_version": 1' in Provenance.for_call(1).to_json()
        True
        """
        record = {
            "arguments": self.call,
            "canonical": self.canonical,
            "command": self.command,
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "generator": self.generator,
            "smmlab_version": self.smmlab_version,
        }
        return json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _problem(key: str, **fields: object) -> ValueError:
    return ValueError(MESSAGES.text(key, **fields))


def _field(record: dict[str, Any], key: str, kind: type, expected: str) -> Any:
    if key not in record:
        raise _problem("missing", key=key)
    value = record[key]
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise _problem("bad_type", key=key, expected=expected, value=value)
    return value


def _parse(text: str) -> Provenance:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _problem("not_json", error=exc) from None
    if not isinstance(record, dict):
        raise _problem("not_object", kind=type(record).__name__)
    if record.get("format") != FORMAT:
        raise _problem("bad_format", value=record.get("format"), expected=FORMAT)
    version = record.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise _problem("bad_version", value=version, version=__version__,
                       expected=FORMAT_VERSION)
    generator = _field(record, "generator", str, "a text")
    if generator != GENERATOR:
        raise _problem("bad_generator", value=generator, expected=GENERATOR)
    arguments = _field(record, "arguments", dict, "an object")
    if set(arguments) not in ({"random_state"}, {"learner"}):
        raise _problem("bad_arguments", value=arguments)
    seed = arguments.get("random_state")
    learner = arguments.get("learner")
    if "random_state" in arguments and not (
            isinstance(seed, numbers.Integral) and not isinstance(seed, bool) and seed >= 0):
        raise _problem("bad_seed", value=seed)
    if "learner" in arguments and not (isinstance(learner, str) and learner.strip()):
        raise _problem("bad_learner", value=learner)
    return Provenance(
        seed=None if seed is None else int(seed),
        learner=learner,
        canonical=_field(record, "canonical", bool, "true or false"),
        smmlab_version=_field(record, "smmlab_version", str, "a text"),
        command=_field(record, "command", str, "a text"),
        generator=generator,
    )


def read_provenance_text(text: str, *, path: str | os.PathLike[str] = PROVENANCE_FILE
                         ) -> Provenance:
    """Parse the text of a ``provenance.json``.

    Raises
    ------
    ValueError
        If the text is not a provenance record; the message names ``path`` and
        what is wrong.

    Examples
    --------
    >>> read_provenance_text('{"format": "smmlab-provenance"}')
    Traceback (most recent call last):
    ...
    ValueError: provenance.json is not a valid provenance record: its "format_version" is None...
    """
    try:
        return _parse(text)
    except ValueError as exc:
        raise ValueError(MESSAGES.text("malformed", path=path, problem=exc)) from None


def provenance(data_dir: str | os.PathLike[str]) -> Provenance | None:
    """Read the provenance of a data folder: which generator call wrote it.

    The one place that knows how a data folder records its origin; the
    exercises rebuild the answer key of a folder from it.

    Parameters
    ----------
    data_dir : path
        A folder written by ``smmlab generate`` or ``smmlab workshop``, or the
        frozen ``datasets/`` folder.

    Returns
    -------
    Provenance or None
        ``None`` when the folder has no ``provenance.json`` (written by an
        smmlab older than the record, or not by smmlab at all): its origin is
        unknown, and nothing is guessed from the README.

    Raises
    ------
    ValueError
        If ``provenance.json`` exists but is malformed; the message says what is wrong.

    Examples
    --------
    >>> from smmlab.datasets import data_dir
    >>> record = provenance(data_dir())
    >>> record.canonical, record.command
    (True, 'smmlab generate --canonical')
    """
    path = Path(data_dir) / PROVENANCE_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return read_provenance_text(text, path=path)
