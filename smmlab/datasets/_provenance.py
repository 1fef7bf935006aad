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

A learner's folder of a workshop made with an instructor's secret (``smmlab
workshop --secret FILE``) records the learner id and the secret's fingerprint,
``"arguments": {"learner": "ada", "secret_fingerprint": "hmac-sha256:..."}``,
and nothing that rebuilds the brand without the secret: no seed, and the
command names the secret file only as ``SECRET_FILE``. Beside it,
``lesson_truth.json`` holds the part of the generator's truth that the lessons'
own code reads on the learner's side (lesson 07's response curves, lesson 05's
live feed), so those lessons still run; :meth:`Provenance.course_data` then
returns it in place of the full truth, which only the secret rebuilds.

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

import pandas as pd

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
#: File of a keyed learner folder with the truth the lessons' own code reads.
LESSON_TRUTH_FILE = "lesson_truth.json"
#: Columns of the ad sets that ``smmlab.synth.campaigns.response_curve`` reads.
CURVE_COLUMNS = ("channel", "ad_set", "share", "theta", "alpha", "gamma", "beta")

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
                "its \"arguments\" must hold exactly one of \"random_state\" or \"learner\" "
                "(with \"secret_fingerprint\" for a workshop made with a secret), "
                "not {value!r}"
            ),
            "bad_fingerprint": (
                "its \"secret_fingerprint\" must look like 'hmac-sha256:' and 16 hex digits, "
                "not {value!r}"
            ),
            "keyed_no_secret": (
                "{who}'s brand was made with an instructor's secret (fingerprint "
                "{fingerprint}): its answer key cannot be rebuilt from the learner id. "
                "The instructor rebuilds it with the same secret: `smmlab grade ... "
                "--secret FILE`."
            ),
            "keyed_wrong_secret": (
                "{who}'s brand was made with the secret of fingerprint {fingerprint}, but "
                "--secret gives {given}: use the secret file the workshop was made with."
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
    secret_fingerprint : str or None
        For a learner's brand keyed with an instructor's secret, the secret's
        fingerprint (:func:`smmlab._random.secret_fingerprint`), never the secret.
    folder : pathlib.Path or None
        The data folder the record was read from (not part of the record).

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
    secret_fingerprint: str | None = None
    folder: Path | None = dataclasses.field(default=None, compare=False, repr=False)

    @classmethod
    def for_call(cls, seed: int | None = None, *, learner: str | None = None,
                 canonical: bool = False, secret: bytes | None = None) -> Provenance:
        """The record of ``make_course_data(seed)`` or ``make_course_data(learner=...)``.

        With ``secret`` (a learner's brand keyed with an instructor's secret) only
        the secret's fingerprint is kept.

        Examples
        --------
        >>> Provenance.for_call(learner="Ada Lovelace").command
        "smmlab generate --learner 'ada lovelace'"
        >>> keyed = Provenance.for_call(learner="ada", secret=b"s" * 32)
        >>> keyed.call, keyed.keyed
        ({'learner': 'ada'}, True)
        """
        if secret is not None:
            from smmlab._random import secret_fingerprint

            if learner is None:
                raise ValueError("secret keys a learner's brand: give learner too.")
            return cls(seed=None, learner=learner, canonical=False,
                       command="smmlab workshop ROSTER.csv --out DIR --secret SECRET_FILE",
                       secret_fingerprint=secret_fingerprint(secret))
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

    @property
    def keyed(self) -> bool:
        """Whether the brand was made with an instructor's secret (see the module docstring).

        Examples
        --------
        >>> Provenance.for_call(learner="ada").keyed
        False
        """
        return self.secret_fingerprint is not None

    def course_data(self, *, return_truth: bool = False, secret: bytes | None = None) -> Any:
        """Run the recorded generator call again: the folder's tables (and truth).

        A keyed record (made with an instructor's secret) needs that ``secret``.
        Without it, the tables are read back from the folder the record came from
        and the truth is the folder's ``lesson_truth.json`` (only what the lessons'
        own code reads: see :func:`read_lesson_truth`).

        Raises
        ------
        ValueError
            For a keyed record: with a ``secret`` of another fingerprint, or
            without one when the folder has no ``lesson_truth.json``. The message
            names ``--secret``.

        Examples
        --------
        >>> data, truth = Provenance.for_call(3).course_data(return_truth=True)
        >>> "events" in truth
        True
        """
        from smmlab.synth import make_course_data

        if not self.keyed:
            return make_course_data(**self.call, return_truth=return_truth)
        who = self.learner
        if secret is not None:
            from smmlab._random import secret_fingerprint

            given = secret_fingerprint(secret)
            if given != self.secret_fingerprint:
                raise ValueError(MESSAGES.text("keyed_wrong_secret", who=who, given=given,
                                               fingerprint=self.secret_fingerprint))
            return make_course_data(**self.call, secret=secret, return_truth=return_truth)
        truth = None if self.folder is None else read_lesson_truth(self.folder)
        if truth is None:
            raise ValueError(MESSAGES.text("keyed_no_secret", who=who,
                                           fingerprint=self.secret_fingerprint))
        from smmlab import datasets

        tables = {name: datasets.load(name, data_dir=self.folder)
                  for name in datasets.list_datasets()
                  if (self.folder / f"{name}.csv").exists() and name != "truth_events"}
        return (tables, truth) if return_truth else tables

    def to_json(self) -> str:
        """The record as the text of ``provenance.json`` (sorted keys, one trailing newline).

        Examples
        --------
        >>> '"format_version": 1' in Provenance.for_call(1).to_json()
        True
        """
        arguments = self.call
        if self.keyed:
            arguments = dict(arguments, secret_fingerprint=self.secret_fingerprint)
        record = {
            "arguments": arguments,
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
    if set(arguments) not in ({"random_state"}, {"learner"},
                              {"learner", "secret_fingerprint"}):
        raise _problem("bad_arguments", value=arguments)
    fingerprint = arguments.get("secret_fingerprint")
    if "secret_fingerprint" in arguments and not _is_fingerprint(fingerprint):
        raise _problem("bad_fingerprint", value=fingerprint)
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
        secret_fingerprint=fingerprint,
    )


def _is_fingerprint(value: object) -> bool:
    prefix = "hmac-sha256:"
    if not isinstance(value, str) or not value.startswith(prefix):
        return False
    digits = value[len(prefix):]
    return len(digits) == 16 and all(c in "0123456789abcdef" for c in digits)


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
    return dataclasses.replace(read_provenance_text(text, path=path), folder=Path(data_dir))


# --------------------------------------------------------------------------------------------
# lesson_truth.json: what the lessons' own code reads, in a keyed learner folder
# --------------------------------------------------------------------------------------------


def lesson_truth_text(truth: dict[str, Any], *, events: str = "mentions",
                      change_timing: bool = True) -> str:
    """The text of ``lesson_truth.json``: the part of ``truth`` the lessons' own code reads.

    It holds the response-curve parameters of the ad sets (lesson 07 plots and
    reallocates along them; they are teaching material, like the data) and the
    planted events chosen by ``events``: ``"all"`` (open workshops, where checks
    show the expected answers anyway), ``"mentions"`` (the mention events lesson
    05's live feed replays) or ``"none"``. With ``change_timing`` (and ``events``
    not ``"all"``) it also keeps *when* the algorithm change started, with its
    platform, size and description blanked: lesson 10 reviews the months around
    it, and which platform changed is that lesson's question. Nothing else: no
    seed, no other table's truth.

    Examples
    --------
    >>> from smmlab.synth import make_course_data
    >>> _, truth = make_course_data(1, return_truth=True)
    >>> sorted(json.loads(lesson_truth_text(truth, events="none")))
    ['ad_sets', 'events', 'format', 'tz']
    """
    choices = ("all", "mentions", "none")
    if events not in choices:
        raise ValueError(f"events must be one of {choices}; got {events!r}.")
    sets = truth["campaigns"].params["ad_sets"]
    frame = truth["events"]
    kinds = frame["type"].astype(str)
    if events != "all":
        keep = (frame["table"].astype(str) == "mentions") & (events == "mentions")
        timing = (kinds == "algorithm_change") & change_timing
        frame = frame[keep | timing].copy()
        blank = frame["type"].astype(str) == "algorithm_change"
        frame["platform"] = frame["platform"].astype(object).where(~blank, None)
        frame["magnitude"] = frame["magnitude"].where(~blank)
        frame["description"] = frame["description"].astype(object).where(~blank, "")
    tz = str(truth["events"]["start"].dt.tz) if len(truth["events"]) else "UTC"
    rows = json.loads(frame.to_json(orient="records", date_format="iso", date_unit="us",
                                    double_precision=15))
    record = {
        "format": "smmlab-lesson-truth",
        "tz": tz,
        "ad_sets": json.loads(sets[list(CURVE_COLUMNS)].astype({"channel": str}).to_json(
            orient="records", double_precision=15)),
        "events": {"columns": [str(c) for c in frame.columns], "rows": rows},
    }
    return json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def read_lesson_truth(data_dir: str | os.PathLike[str]) -> dict[str, Any] | None:
    """Read a keyed folder's ``lesson_truth.json`` as a truth dict (``None`` if absent).

    The dict has ``"events"`` (a planted-events table, perhaps only the mentions'
    or empty), ``"campaigns"`` (a ``Truth`` whose ``params["ad_sets"]`` gives the
    response curves) and ``"partial": True``: it is not the full truth.

    Examples
    --------
    >>> import tempfile
    >>> from smmlab.synth import make_course_data
    >>> _, truth = make_course_data(1, return_truth=True)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / LESSON_TRUTH_FILE).write_text(lesson_truth_text(truth))
    ...     back = read_lesson_truth(tmp)
    >>> back["partial"], sorted(set(back["events"]["table"]))
    (True, ['account_daily', 'mentions'])
    >>> change = back["events"][back["events"]["type"] == "algorithm_change"].iloc[0]
    >>> change["platform"] is None, str(change["start"].date())  # when, not where
    (True, '2025-08-02')
    """
    from smmlab.synth.truth import Truth

    path = Path(data_dir) / LESSON_TRUTH_FILE
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise ValueError(f"{path} is not a valid lesson truth file ({err}); write the "
                         f"workshop folder again with `smmlab workshop ... --secret FILE`."
                         ) from None
    if not isinstance(record, dict) or record.get("format") != "smmlab-lesson-truth":
        raise ValueError(f"{path} is not a valid lesson truth file (its \"format\" must be "
                         f"'smmlab-lesson-truth').")
    columns = record["events"]["columns"]
    events = pd.DataFrame(record["events"]["rows"], columns=columns)
    for column in ("start", "end", "peak"):
        if column in events:
            events[column] = pd.to_datetime(events[column], utc=True).dt.tz_convert(
                record["tz"])
    sets = pd.DataFrame(record["ad_sets"], columns=list(CURVE_COLUMNS))
    return {"events": events, "campaigns": Truth(params={"ad_sets": sets}), "partial": True}
