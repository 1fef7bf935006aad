"""Seeds and random streams: one root per call, one named child stream per component.

smmlab never touches numpy's or Python's global random state. A generator call
turns its ``random_state`` into a root :class:`numpy.random.SeedSequence`, and
every table or component draws from a *named* child of that root. A child's
seed depends only on the root and on its name, so adding a column, a component
or a table never changes the numbers drawn for the others.
"""

from __future__ import annotations

import hashlib
import numbers

import numpy as np

from smmlab._validate import fail

RandomState = int | np.random.Generator | np.random.SeedSequence | None

#: Version tag mixed into learner seeds; bump only with a documented data break.
LEARNER_SEED_SALT = "smmlab-learner-v1"


def root_seed(random_state: RandomState) -> np.random.SeedSequence:
    """Turn ``random_state`` into the root seed sequence of one generator call.

    Parameters
    ----------
    random_state : int, numpy.random.Generator, numpy.random.SeedSequence or None
        An int (>= 0) gives the same data every time. A ``Generator`` is used
        as a stream: one draw is taken from it, so two calls with the same
        generator object give different data, as in scikit-learn. ``None``
        takes fresh entropy from the operating system.

    Returns
    -------
    numpy.random.SeedSequence

    Raises
    ------
    ValueError
        If ``random_state`` is of another type, a bool or a negative int.

    Examples
    --------
    >>> root_seed(42).entropy
    42
    """
    if isinstance(random_state, np.random.SeedSequence):
        return random_state
    if random_state is None:
        return np.random.SeedSequence()
    if isinstance(random_state, np.random.Generator):
        entropy = random_state.integers(0, 2**63, size=2, dtype=np.int64)
        return np.random.SeedSequence([int(x) for x in entropy])
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        if int(random_state) >= 0:
            return np.random.SeedSequence(int(random_state))
    fail("random_state", random_state, "random_state")


def _name_key(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=4).digest(), "little")


def child_seed(root: np.random.SeedSequence, name: str) -> np.random.SeedSequence:
    """Return the child seed sequence called ``name`` under ``root``.

    The child depends only on the root's entropy and path and on ``name``
    (hashed with BLAKE2b), never on how many other children were made.

    Examples
    --------
    >>> root = root_seed(1)
    >>> child_seed(root, "posts").spawn_key == child_seed(root, "posts").spawn_key
    True
    """
    return np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, _name_key(name)))


def child_rng(root: np.random.SeedSequence, name: str) -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` on the child stream ``name``.

    Examples
    --------
    >>> a = child_rng(root_seed(7), "reach").integers(1000)
    >>> b = child_rng(root_seed(7), "reach").integers(1000)
    >>> bool(a == b)
    True
    """
    return np.random.default_rng(child_seed(root, name))


def learner_seed(learner: str) -> int:
    """Map a learner id (e-mail, student number...) to a stable seed.

    The id is stripped and lower-cased, prefixed with ``"smmlab-learner-v1:"``
    and hashed with SHA-256; the first 8 bytes, read big-endian and reduced to
    63 bits, are the seed. The same id gives the same seed on every machine and
    every Python version (Python's own ``hash()`` is salted per process and
    would not), so an instructor can rebuild any learner's brand and answer key.

    Parameters
    ----------
    learner : str
        A non-empty learner id.

    Returns
    -------
    int
        A seed in ``[0, 2**63)``.

    Examples
    --------
    >>> learner_seed("Ada@Example.org") == learner_seed("  ada@example.org ")
    True
    """
    if not isinstance(learner, str) or not learner.strip():
        fail("learner", learner, "learner")
    digest = hashlib.sha256(f"{LEARNER_SEED_SALT}:{learner.strip().lower()}".encode()).digest()
    return int.from_bytes(digest[:8], "big") & (2**63 - 1)
