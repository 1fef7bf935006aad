"""Seeds and random streams: one root per call, one named child stream per component.

smmlab never touches numpy's or Python's global random state. A generator call
turns its ``random_state`` into a root :class:`numpy.random.SeedSequence`, and
every table or component draws from a *named* child of that root. A child's
seed depends only on the root and on its name, so adding a column, a component
or a table never changes the numbers drawn for the others.
"""

from __future__ import annotations

import hashlib
import hmac
import numbers
import os
import secrets
from pathlib import Path

import numpy as np

from smmlab._validate import fail

RandomState = int | np.random.Generator | np.random.SeedSequence | None

#: Version tag mixed into learner seeds; bump only with a documented data break.
LEARNER_SEED_SALT = "smmlab-learner-v1"
#: Message of the HMAC that fingerprints an instructor's secret (never the key itself).
FINGERPRINT_TAG = b"smmlab-secret-fingerprint-v1"
#: Fewest bytes an instructor's secret may have (``secrets.token_hex(32)`` gives 64).
MIN_SECRET_BYTES = 16


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


def learner_seed(learner: str, *, secret: bytes | None = None) -> int:
    """Map a learner id (e-mail, student number...) to a stable seed.

    The id is stripped and lower-cased and prefixed with ``"smmlab-learner-v1:"``.
    Without ``secret`` that text is hashed with SHA-256: anyone who knows the id
    gets the same seed, on every machine and every Python version (Python's own
    ``hash()`` is salted per process and would not). That suits self-study and
    open workshops, but a learner can rebuild their own brand and answer key.
    With ``secret`` (an instructor's secret, see :func:`read_secret`) the text is
    authenticated with HMAC-SHA256 under the secret instead: only whoever holds
    the secret can compute the seed. Either way the first 8 bytes of the digest,
    read big-endian and reduced to 63 bits, are the seed.

    Parameters
    ----------
    learner : str
        A non-empty learner id.
    secret : bytes or None, default=None
        The instructor's secret, at least 16 bytes.

    Returns
    -------
    int
        A seed in ``[0, 2**63)``.

    Examples
    --------
    >>> learner_seed("Ada@Example.org") == learner_seed("  ada@example.org ")
    True
    >>> learner_seed("ada", secret=b"0" * 32) == learner_seed("ada")
    False
    """
    if not isinstance(learner, str) or not learner.strip():
        fail("learner", learner, "learner")
    message = f"{LEARNER_SEED_SALT}:{learner.strip().lower()}".encode()
    if secret is None:
        digest = hashlib.sha256(message).digest()
    else:
        digest = hmac.new(_checked_secret(secret), message, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") & (2**63 - 1)


def variant_index(secret: bytes, learner: str, lesson: str, count: int) -> int:
    """The assessment variant a learner gets of a lesson: 1 to ``count - 1``, never 0.

    Variant 0 is the published lesson (whose solution anyone can read). The index is an
    HMAC-SHA256 of ``"smmlab-variant-v1:<lesson>:<learner id>"`` under the instructor's
    secret: without the secret nobody can tell which variant another learner has.

    Examples
    --------
    >>> secret = b"s" * 32
    >>> variant_index(secret, "Ada", "00", 4) == variant_index(secret, " ada ", "00", 4)
    True
    >>> sorted({variant_index(secret, f"learner-{i}", "00", 4) for i in range(40)})
    [1, 2, 3]
    """
    if not isinstance(learner, str) or not learner.strip():
        fail("learner", learner, "learner")
    if not isinstance(count, int) or count < 2:
        raise ValueError(f"count must be a whole number of variants, at least 2; got {count!r}")
    message = f"smmlab-variant-v1:{lesson}:{learner.strip().lower()}".encode()
    digest = hmac.new(_checked_secret(secret), message, hashlib.sha256).digest()
    return 1 + int.from_bytes(digest[:8], "big") % (count - 1)


def _checked_secret(secret: object) -> bytes:
    if not isinstance(secret, bytes) or len(secret) < MIN_SECRET_BYTES:
        shown = f"{len(secret)} bytes" if isinstance(secret, bytes) else type(secret).__name__
        raise ValueError(
            f"secret must be bytes, at least {MIN_SECRET_BYTES} of them (read it from the "
            f"instructor's secret file with smmlab._random.read_secret, or pass --secret FILE); "
            f"got {shown}.")
    return secret


def secret_fingerprint(secret: bytes) -> str:
    """A short public name of an instructor's secret, to tell secrets apart.

    It is an HMAC-SHA256 of a fixed text under the secret, cut to 16 hex digits:
    it says which secret made a workshop, and gives nothing that rebuilds a seed.

    Examples
    --------
    >>> secret_fingerprint(b"0" * 32)
    'hmac-sha256:...'
    """
    digest = hmac.new(_checked_secret(secret), FINGERPRINT_TAG, hashlib.sha256).hexdigest()
    return f"hmac-sha256:{digest[:16]}"


def read_secret(path: str | os.PathLike[str]) -> bytes:
    """Read an instructor's secret file (``smmlab secret new FILE`` writes one).

    The file's text, stripped of surrounding white space, is the secret (UTF-8
    bytes); it must be at least 16 bytes long.

    Raises
    ------
    ValueError
        If the file is missing, unreadable, not text or too short; the message
        names ``--secret``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = new_secret(Path(tmp) / "workshop.secret")
    ...     len(read_secret(path))
    64
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise ValueError(f"--secret {path}: no such file. Create one with "
                         f"`smmlab secret new {path}`.") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ValueError(f"--secret {path}: cannot read it as text ({err}).") from None
    if len(text.encode()) < MIN_SECRET_BYTES:
        raise ValueError(f"--secret {path}: a secret must hold at least {MIN_SECRET_BYTES} "
                         f"characters; this one has {len(text)}. Create one with "
                         f"`smmlab secret new FILE`.")
    return text.encode()


def new_secret(path: str | os.PathLike[str]) -> Path:
    """Write a new instructor's secret: 32 random bytes as 64 hex digits, mode 0600.

    Keep the file away from learners (not in the workshop folder they get, not in
    a repository). Losing it means no key of that workshop can be rebuilt.

    Raises
    ------
    ValueError
        If ``path`` already exists (a secret is never overwritten).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     oct(new_secret(Path(tmp) / "s").stat().st_mode & 0o777)
    '0o600'
    """
    from smmlab._files import write_atomic

    try:
        return write_atomic(path, secrets.token_hex(32) + "\n", overwrite=False, mode=0o600)
    except FileExistsError:
        raise ValueError(f"{path} already exists: a secret is never overwritten (grading "
                         f"needs the one the workshop was made with). Choose another "
                         f"FILE.") from None
