"""The course on a JupyterHub: each user's own folder, brand and notebooks, made on first start.

One piece of logic, :func:`prepare_user`, serves every way a hub can start a user:

- **The Littlest JupyterHub, or any hub that spawns local users** (JupyterHub's default
  ``LocalProcessSpawner``, TLJH's ``SystemdSpawner``): the hub runs as root, so its
  ``pre_spawn_hook`` prepares the user's home before their server starts
  (:func:`make_pre_spawn_hook`; the shipped ``instructors/hub/jupyterhub_config.py`` sets it
  from a small settings file). The instructor's secret stays with the hub: the user's
  server never sees it.
- **Zero to JupyterHub on Kubernetes**: the hub cannot reach users' volumes, so an init
  container of the user's pod runs ``smmlab hub prepare`` with the home volume mounted, and
  the secret mounted in that container only (``instructors/hub/z2jh-values.yaml``).

Either way the user's home gets a ``smm-course/`` folder (mode 0700: only its owner can
enter) with ``data/`` (their own brand, see :mod:`smmlab.grading.workshop`) and the learner
notebooks. A second start adds what is missing (a lesson added later) and never overwrites a
file the learner has. The learner id is the hub user name, or the roster's mapping: a
``hub_user`` column, else a ``learner_id`` or ``email`` equal to the hub user name.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from smmlab.grading.roster import Learner, read_roster
from smmlab.grading.workshop import lesson_sources, write_learner_folder

#: The folder each user's course lives in, inside their home.
COURSE_FOLDER = "smm-course"
#: The settings file the shipped jupyterhub_config.py reads (SMMLAB_HUB_SETTINGS overrides).
SETTINGS_FILE = "/etc/smmlab/hub.toml"
SETTINGS_KEYS = ("lessons", "roster", "secret_file", "assessment", "allow_hints", "folder")


@dataclasses.dataclass
class Prepared:
    """What :func:`prepare_user` did."""

    folder: Path
    learner: Learner
    written: list[Path]
    kept: list[Path]


def hub_learner(user: str, roster: str | os.PathLike[str] | None = None) -> Learner:
    """The learner a hub user is: the user name itself, or the roster's row for them.

    With a roster, the row whose ``hub_user`` (if the roster has that column), else
    ``learner_id`` or ``email``, equals the user name (case ignored).

    Raises
    ------
    ValueError
        If the roster has no row for ``user`` (their server does not start, and the hub's
        log says why).

    Examples
    --------
    >>> hub_learner("ada").learner_id
    'ada'
    """
    if not isinstance(user, str) or not user.strip():
        raise ValueError(f"user: a hub user name is needed, got {user!r}")
    user = user.strip()
    if roster is None:
        return Learner(user, user, "")
    people = read_roster(roster)
    table = pd.read_csv(roster, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table.columns = [c.strip().lower() for c in table.columns]
    wanted = user.lower()
    if "hub_user" in table.columns:
        by_hub = dict(zip(table["hub_user"].str.strip().str.lower(),
                          table["learner_id"].str.strip(), strict=True))
        learner_id = by_hub.get(wanted)
        found = [p for p in people if p.learner_id == learner_id]
    else:
        found = [p for p in people if wanted in (p.learner_id.lower(), p.email.lower())]
    if not found:
        column = "hub_user" if "hub_user" in table.columns else "learner_id or email"
        raise ValueError(f"user: the hub user {user!r} is not in the roster {roster} "
                         f"(no row with that {column}); add them, or start the hub "
                         "without a roster so that each user name is the learner id")
    return found[0]


def prepare_user(
    home: str | os.PathLike[str],
    user: str,
    *,
    roster: str | os.PathLike[str] | None = None,
    lessons: list[str] | None = None,
    assessment: bool = False,
    allow_hints: bool = False,
    secret: bytes | None = None,
    owner: tuple[int, int] | None = None,
    folder: str = COURSE_FOLDER,
) -> Prepared:
    """Make (or complete) a hub user's course folder; never overwrite their files.

    Parameters
    ----------
    home : path
        The user's home folder (it must exist).
    user : str
        The hub user name.
    roster : path or None, default=None
        A roster CSV mapping hub users to learner ids (see :func:`hub_learner`).
    lessons : list of str or None, default=None
        Lesson numbers to hand out (default: every lesson).
    assessment, allow_hints : bool, default=False
        As for ``smmlab workshop``: graded work, solutions off, hints off unless allowed.
    secret : bytes or None, default=None
        The instructor's secret: the brand is keyed with it and nothing in the user's folder
        rebuilds it (see :mod:`smmlab.grading.workshop`).
    owner : (uid, gid) or None, default=None
        Give what is written to this user and group (when a root hook prepares the folder).
    folder : str, default="smm-course"
        The course folder's name inside ``home``.

    Returns
    -------
    Prepared

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as home:
    ...     first = prepare_user(home, "ada", lessons=["00"])
    ...     again = prepare_user(home, "ada", lessons=["00"])
    >>> [p.name for p in first.written], len(again.written)
    (['data', '00_first_report.ipynb'], 0)
    """
    base = Path(home)
    if not base.is_dir():
        raise ValueError(f"home: {base} is not a folder; give the user's home folder")
    if not folder or Path(folder).name != folder or folder in (".", ".."):
        raise ValueError(f"folder: a plain folder name is needed, got {folder!r}")
    learner = hub_learner(user, roster)
    course = base / folder
    created = not course.exists()
    course.mkdir(mode=0o700, exist_ok=True)
    if created:
        os.chmod(course, 0o700)  # only its owner may enter, whatever the umask
    written, kept = write_learner_folder(course, learner, lesson_sources(lessons),
                                         assessment=assessment, allow_hints=allow_hints,
                                         secret=secret)
    if owner is not None:
        # (the folder itself too when an earlier start stopped before giving it away)
        mine = created or (course.stat().st_uid, course.stat().st_gid) != tuple(owner)
        if mine:
            os.chown(course, *owner)
        for path in written:
            _chown_tree(path, *owner)
    return Prepared(course, learner, written, kept)


def _chown_tree(path: Path, uid: int, gid: int) -> None:
    os.chown(path, uid, gid, follow_symlinks=False)
    if path.is_dir() and not path.is_symlink():
        for root, dirs, files in os.walk(path):
            for name in dirs + files:
                os.chown(Path(root) / name, uid, gid, follow_symlinks=False)


def read_settings(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The hub settings (TOML): ``lessons``, ``roster``, ``secret_file``, ``assessment``...

    ``path`` defaults to ``$SMMLAB_HUB_SETTINGS``, else ``/etc/smmlab/hub.toml``; a missing
    default file means "every lesson, open workshop, user name = learner id".

    Raises
    ------
    ValueError
        For an unknown key or a value of the wrong kind, naming the key.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as fh:
    ...     _ = fh.write('lessons = ["00", "05"]\\nassessment = true\\n')
    >>> read_settings(fh.name)["lessons"]
    ['00', '05']
    """
    chosen = path or os.environ.get("SMMLAB_HUB_SETTINGS")
    file = Path(chosen or SETTINGS_FILE)
    if not file.exists():
        if chosen:
            raise ValueError(f"settings: {file} does not exist")
        return {}
    settings = tomllib.loads(file.read_text(encoding="utf-8"))
    unknown = sorted(set(settings) - set(SETTINGS_KEYS))
    if unknown:
        raise ValueError(f"settings: unknown key(s) {unknown} in {file}; allowed: "
                         f"{list(SETTINGS_KEYS)}")
    kinds = {"lessons": list, "roster": str, "secret_file": str, "assessment": bool,
             "allow_hints": bool, "folder": str}
    for key, value in settings.items():
        if not isinstance(value, kinds[key]):
            raise ValueError(f"settings: {key} in {file} must be a {kinds[key].__name__}, "
                             f"got {value!r}")
    if "lessons" in settings:
        settings["lessons"] = [str(n).zfill(2) for n in settings["lessons"]]
    return settings


def make_pre_spawn_hook(settings: dict[str, Any] | None = None
                        ) -> Callable[[Any], None]:
    """A JupyterHub ``pre_spawn_hook`` that prepares the user's course folder.

    For hubs that spawn local system users and run as root (JupyterHub's default spawner,
    The Littlest JupyterHub). The user's home and ids come from the system user the spawner
    will run as (TLJH's ``jupyter-<name>``, created first if TLJH is there); the folder is
    given to that user. The server then opens in the course folder.

    Parameters
    ----------
    settings : dict or None
        As :func:`read_settings` returns them (``None`` reads them). The secret file and the
        roster are read now, so that a wrong path stops the hub at start, not a user.

    Returns
    -------
    callable
        ``hook(spawner)``, a coroutine function (JupyterHub awaits it): the folder is made
        in a worker thread, off the hub's event loop.

    Examples
    --------
    >>> import inspect
    >>> hook = make_pre_spawn_hook({"lessons": ["00"]})
    >>> inspect.iscoroutinefunction(hook)
    True
    """
    from smmlab._random import read_secret

    settings = read_settings() if settings is None else dict(settings)
    secret = read_secret(settings["secret_file"]) if settings.get("secret_file") else None
    roster = settings.get("roster")
    if roster is not None:
        read_roster(roster)  # a broken roster stops the hub at start, with its reason
    folder = settings.get("folder", COURSE_FOLDER)

    def prepare(spawner: Any) -> None:
        name = spawner.user.name
        account = _system_user(spawner, name)
        prepare_user(account.pw_dir, name, roster=roster, lessons=settings.get("lessons"),
                     assessment=settings.get("assessment", False),
                     allow_hints=settings.get("allow_hints", False), secret=secret,
                     owner=(account.pw_uid, account.pw_gid), folder=folder)
        spawner.default_url = f"/lab/tree/{folder}"

    async def hook(spawner: Any) -> None:
        # A brand takes a second or two to make: off the hub's event loop, so that thirty
        # people logging in at once do not freeze the hub for everyone.
        await asyncio.get_running_loop().run_in_executor(None, prepare, spawner)

    return hook


def _system_user(spawner: Any, name: str) -> Any:
    """The system account the spawner runs ``name`` as (TLJH: ``jupyter-<name>``, made now).

    A ``pwd`` entry: hubs that spawn system users run on Unix (``pwd`` is imported here, so
    that the module imports on Windows too).
    """
    import pwd
    template = getattr(spawner, "unix_username_template", None)
    unix = template.replace("{USERNAME}", name) if isinstance(template, str) else name
    try:
        from tljh.user import ensure_user  # The Littlest JupyterHub makes users at spawn
    except ImportError:
        pass
    else:
        ensure_user(unix)
    try:
        return pwd.getpwnam(unix)
    except KeyError:
        raise ValueError(f"user: no system account {unix!r} for the hub user {name!r}; "
                         "create it (or use an authenticator that creates system users)"
                         ) from None


__all__ = ["COURSE_FOLDER", "Prepared", "hub_learner", "make_pre_spawn_hook", "prepare_user",
           "read_settings"]
