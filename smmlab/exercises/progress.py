"""Local progress: a small JSON file in the learner's data folder. Nothing is ever sent.

The file lives in the per-user data directory (``platformdirs``: e.g.
``~/.local/share/smmlab`` on Linux, ``%LOCALAPPDATA%\\smmlab`` on Windows), or in
``$SMMLAB_HOME`` when set. It records, per lesson and exercise, the latest
outcome, the number of checks, when it was first correct, the hints and solution
shown, and the text of written reflections (for the learner to hand in).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from smmlab._files import write_atomic
from smmlab.exercises._messages import text

FILE_NAME = "progress.json"
VERSION = 1


def progress_path() -> Path:
    """Where progress is kept on this computer.

    Examples
    --------
    >>> progress_path().name
    'progress.json'
    """
    home = os.environ.get("SMMLAB_HOME")
    if home:
        return Path(home) / FILE_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir("smmlab", appauthor=False)) / FILE_NAME


def load() -> dict[str, Any]:
    """Read the progress file (an empty record if there is none or it is unreadable).

    Examples
    --------
    >>> isinstance(load(), dict)
    True
    """
    path = progress_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"version": VERSION, "lessons": {}}
    if not isinstance(data, dict) or not isinstance(data.get("lessons"), dict):
        return {"version": VERSION, "lessons": {}}
    return data


#: Mode of the progress file: private (``0o600``) on purpose, whatever the umask. It holds
#: the learner's written reflections, and on a shared server the home folder may be readable
#: by others. Its folder follows the umask like any other.
FILE_MODE = 0o600


def _save(data: Mapping[str, Any]) -> None:
    """Write atomically (:func:`smmlab._files.write_atomic`), readable by the learner only."""
    body = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True)
    try:
        write_atomic(progress_path(), body, mode=FILE_MODE)
    except OSError:
        return  # progress is a convenience: a read-only home must never break a check


def _entry(data: dict[str, Any], lesson: str, exercise: str) -> dict[str, Any]:
    return data["lessons"].setdefault(lesson, {}).setdefault(exercise, {
        "outcome": None, "checks": 0, "first_correct": None, "shown": []})


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def record(lesson: str, exercise: str, result: Any, answers: Mapping[str, Any]) -> None:
    """Save a check's outcome (and a reflection's text)."""
    data = load()
    entry = _entry(data, lesson, exercise)
    entry["outcome"] = result.outcome.value
    entry["checks"] += 1
    entry["last_checked"] = _now()
    if result.correct and not entry["first_correct"]:
        entry["first_correct"] = entry["last_checked"]
    if result.outcome.value == "recorded":
        entry["answer"] = {k: str(v) for k, v in answers.items()}
    _save(data)


def note(lesson: str, exercise: str, event: str) -> None:
    """Save that a hint or the solution was shown."""
    data = load()
    entry = _entry(data, lesson, exercise)
    if event not in entry["shown"]:
        entry["shown"].append(event)
    _save(data)


def summary() -> str:
    """A readable table of progress, lesson by lesson.

    Examples
    --------
    >>> isinstance(summary(), str)
    True
    """
    data = load()
    if not data["lessons"]:
        return text("progress_empty")
    lines = [text("progress_header", path=progress_path()), ""]
    symbols = {"correct": "✓", "not_yet": "✗", "not_attempted": "○", "recorded": "✎"}
    for lesson in sorted(data["lessons"]):
        exercises = data["lessons"][lesson]
        done = sum(e["outcome"] in ("correct", "recorded") for e in exercises.values())
        lines.append(f"Lesson {lesson}: {done} of {len(exercises)} done")
        for name, e in sorted(exercises.items()):
            outcome = e["outcome"] or "not_attempted"
            shown = f"  (seen: {', '.join(e['shown'])})" if e["shown"] else ""
            lines.append(f"  {symbols.get(outcome, '?')} {name}: {outcome.replace('_', ' ')}, "
                         f"{e['checks']} checks{shown}")
    return "\n".join(lines)
