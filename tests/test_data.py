"""leaky.data: the offline MNIST (lesson 09) and IMDB (lesson 11) data and their safeguards;
data/make_data.py's full profile (``--full``)."""

import hashlib
import importlib.util
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

import numpy as np
import pytest

import leaky.data as data
from leaky.data import DataError

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(data.SHA256)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    """Each test sees the repository's data/, no profile setting of the caller and an empty
    full-profile cache (not the machine's ~/.cache/leaky-relu-course)."""
    monkeypatch.delenv("LEAKY_DATA_DIR", raising=False)
    monkeypatch.delenv("LEAKY_PROFILE", raising=False)
    monkeypatch.setenv("LEAKY_CACHE_DIR", str(tmp_path / "empty_cache"))


def _load_make_data():
    spec = importlib.util.spec_from_file_location("make_data", ROOT / "data" / "make_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_data = _load_make_data()


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of data/'s files in tmp_path, with LEAKY_DATA_DIR pointing at it."""
    for name in FILES:
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    monkeypatch.setenv("LEAKY_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def offline(tmp_path, monkeypatch):
    """No network (every connection attempt fails at once) and an empty keras cache."""
    calls = []

    def refuse(address, timeout=None, *args, **kwargs):
        calls.append((address, timeout))
        raise OSError("Network is unreachable (simulated)")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    return calls


# --- MNIST ------------------------------------------------------------------------------------
def test_mnist_quick_matches_keras_structure():
    (x_train, y_train), (x_test, y_test) = data.load_mnist()
    assert x_train.shape == (6000, 28, 28) and x_test.shape == (2000, 28, 28)
    assert y_train.shape == (6000,) and y_test.shape == (2000,)
    for array in (x_train, y_train, x_test, y_test):
        assert array.dtype == np.uint8
    assert np.bincount(y_train, minlength=10).tolist() == [600] * 10
    assert np.bincount(y_test, minlength=10).tolist() == [200] * 10
    assert x_train.min() == 0 and x_train.max() == 255
    # MNIST's pixel mean is 0.1307 * 255 = 33.3: real digits, not noise or blank images.
    assert 30 < x_train.mean() < 37 and 30 < x_test.mean() < 37
    # Mixed order, not sorted by class.
    assert len(set(y_train[:20].tolist())) > 3


# --- IMDB -------------------------------------------------------------------------------------
def test_imdb_quick_matches_keras_structure():
    (x_train, y_train), (x_test, y_test) = data.load_imdb()
    assert x_train.shape == (6000,) and x_test.shape == (2000,)
    assert x_train.dtype == object and x_test.dtype == object
    assert y_train.dtype == np.int64 and y_test.dtype == np.int64
    assert np.bincount(y_train).tolist() == [3000, 3000]
    assert np.bincount(y_test).tolist() == [1000, 1000]
    assert type(x_train[0]) is list and type(x_train[0][0]) is int
    assert len({len(s) for s in x_train}) > 100  # ragged, real reviews of many lengths


@pytest.mark.parametrize("num_words", [10000, 500, 5])
def test_imdb_index_conventions(num_words):
    (x_train, _), (x_test, _) = data.load_imdb(num_words=num_words)
    for sequences in (x_train, x_test):
        assert all(s[0] == 1 for s in sequences)
        assert max(max(s) for s in sequences) == num_words - 1
        assert min(min(s) for s in sequences) >= 1
        assert all(3 not in s for s in sequences[:500])  # index 3 is never used
    oov = sum(s.count(2) for s in x_train)
    assert oov > 0
    if num_words == 5:  # only "the" (index 4) survives besides start and oov
        assert set().union(*map(set, x_train)) == {1, 2, 4}


def test_imdb_num_words_only_replaces_rare_words():
    (full, _), (full_test, _) = data.load_imdb(num_words=None)
    (cut, _), _ = data.load_imdb(num_words=1000)
    assert [len(s) for s in full] == [len(s) for s in cut]
    for a, b in zip(full[:200], cut[:200], strict=True):
        assert b == [w if w < 1000 else 2 for w in a]
    # Without a cut, 2 never appears: unseen test words are left out, as keras documents.
    assert not any(2 in s for s in full) and not any(2 in s for s in full_test)


def test_imdb_word_index_and_ranks():
    word_index = data.imdb_word_index()
    assert len(word_index) > 40000
    assert sorted(word_index.values()) == list(range(1, len(word_index) + 1))
    assert word_index["the"] == 1
    (x_train, _), _ = data.load_imdb(num_words=None)
    counts = np.bincount(np.concatenate([np.array(s) for s in x_train]))
    # Ranked by frequency over the training reviews: index 4 is the most frequent word,
    # and frequencies never increase with the index.
    assert counts[4:].argmax() == 0
    assert np.all(np.diff(counts[4:]) <= 0)
    assert len(counts) - 1 == len(word_index) + 3


def test_decode_review_round_trip():
    word_index = data.imdb_word_index()
    (x_train, _), _ = data.load_imdb(num_words=None)
    text = data.decode_review(x_train[0], word_index)
    words = text.split(" ")
    assert words[0] == "[START]" and len(words) == len(x_train[0])
    assert [word_index[w] + 3 for w in words[1:]] == x_train[0][1:]
    assert data.decode_review([0, 1, 2, 3, 4]) == "[PAD] [START] [OOV] [UNUSED] the"
    assert data.decode_review(np.array([1, 4], dtype=np.int32)) == "[START] the"


def test_imdb_train_and_test_are_disjoint():
    with np.load(ROOT / "data" / "imdb_quick.npz") as f:
        train, test = set(f["train_source_row"].tolist()), set(f["test_source_row"].tolist())
    assert len(train) == 6000 and len(test) == 2000 and not train & test


# --- checksums, damaged and missing files -----------------------------------------------------
@pytest.mark.parametrize("name", FILES)
def test_shipped_files_match_their_checksums(name):
    digest = hashlib.sha256((ROOT / "data" / name).read_bytes()).hexdigest()
    assert digest == data.SHA256[name]
    assert data.verify(name) == ROOT / "data" / name


def test_readme_lists_the_same_checksums():
    readme = (ROOT / "data" / "README.md").read_text()
    listed = dict(re.findall(r"`(\w+_quick\.npz)` \| [\d,]+ \| `([0-9a-f]{64})`", readme))
    assert listed == data.SHA256


def test_total_size_is_small():
    total = sum((ROOT / "data" / name).stat().st_size for name in FILES)
    assert total < 10_000_000


LOADERS = {
    "mnist_quick.npz": [data.load_mnist],
    "imdb_quick.npz": [data.load_imdb, data.imdb_word_index, lambda: data.decode_review([1])],
}


@pytest.mark.parametrize("name", FILES)
def test_damaged_file_raises_clear_error(name, data_copy):
    path = data_copy / name
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01  # one flipped bit somewhere inside the compressed data
    path.write_bytes(bytes(raw))
    for loader in LOADERS[name]:
        with pytest.raises(DataError) as info:
            loader()
        message = str(info.value)
        assert name in message and "damaged" in message
        assert f"git checkout -- data/{name}" in message and "make_data.py" in message
        assert data.SHA256[name] in message


@pytest.mark.parametrize("name", FILES)
def test_missing_file_raises_clear_error(name, data_copy):
    (data_copy / name).unlink()
    for loader in LOADERS[name]:
        with pytest.raises(DataError, match="missing") as info:
            loader()
        message = str(info.value)
        assert name in message and str(data_copy) in message
        assert f"git checkout -- data/{name}" in message and "make_data.py" in message


def test_data_dir_override(data_copy):
    assert data.data_dir() == data_copy
    (x_train, _), _ = data.load_mnist()
    assert x_train.shape == (6000, 28, 28)


def test_truncated_file_raises(data_copy):
    path = data_copy / "mnist_quick.npz"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(DataError, match="damaged"):
        data.load_mnist()


# --- the full profile -------------------------------------------------------------------------
FULL_CALLS = [
    lambda: data.load_mnist(profile="full"),
    lambda: data.load_imdb(profile="full"),
    lambda: data.imdb_word_index(profile="full"),
]


@pytest.mark.parametrize("call", FULL_CALLS, ids=["mnist", "imdb", "word_index"])
def test_full_profile_offline_fails_fast_with_advice(call, offline):
    start = time.monotonic()
    with pytest.raises(DataError) as info:
        call()
    assert time.monotonic() - start < 10
    message = str(info.value)
    assert 'profile="quick"' in message and "internet" in message
    assert "python data/make_data.py --full" in message  # the offline way
    # One connectivity check, with a short timeout.
    assert len(offline) == 1 and offline[0][1] is not None and offline[0][1] <= 5


def test_full_profile_never_hangs_on_a_silent_network(monkeypatch, tmp_path):
    release = threading.Event()

    def hang(address, timeout=None, *args, **kwargs):  # like a name lookup that never answers
        release.wait(30)
        raise OSError("gave up")

    monkeypatch.setattr(socket, "create_connection", hang)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setattr(data, "CONNECT_TIMEOUT", 0.5)
    start = time.monotonic()
    try:
        with pytest.raises(DataError, match="no answer within 0.5 s"):
            data.load_mnist(profile="full")
    finally:
        release.set()
    assert time.monotonic() - start < 5


def test_full_profile_uses_keras_cache_without_network(offline, monkeypatch, tmp_path):
    cache = tmp_path / "keras_home" / "datasets"
    cache.mkdir(parents=True)
    (cache / "mnist.npz").write_bytes(b"cached")
    sentinel = (("x", "y"), ("xt", "yt"))
    fake_keras = types.ModuleType("keras")
    fake_keras.datasets = types.SimpleNamespace(
        mnist=types.SimpleNamespace(load_data=lambda: sentinel)
    )
    monkeypatch.setitem(sys.modules, "keras", fake_keras)
    assert data.load_mnist(profile="full") is sentinel
    assert offline == []  # no connection attempted


def test_full_profile_restores_socket_timeout(monkeypatch, tmp_path):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    (tmp_path / "datasets").mkdir()
    (tmp_path / "datasets" / "mnist.npz").write_bytes(b"cached")
    seen = []
    fake_keras = types.ModuleType("keras")
    fake_keras.datasets = types.SimpleNamespace(
        mnist=types.SimpleNamespace(load_data=lambda: seen.append(socket.getdefaulttimeout()))
    )
    monkeypatch.setitem(sys.modules, "keras", fake_keras)
    original = socket.getdefaulttimeout()
    socket.setdefaulttimeout(7.5)  # a value of the caller's, to be put back
    try:
        data.load_mnist(profile="full")
        after = socket.getdefaulttimeout()
    finally:
        socket.setdefaulttimeout(original)
    assert seen == [data.DOWNLOAD_TIMEOUT] and after == 7.5


# --- profiles and bad arguments ---------------------------------------------------------------
def test_get_profile(monkeypatch):
    assert data.get_profile() == "quick"
    assert data.get_profile(default="full") == "full"
    monkeypatch.setenv("LEAKY_PROFILE", " Full ")
    assert data.get_profile() == "full"
    monkeypatch.setenv("LEAKY_PROFILE", "")
    assert data.get_profile() == "quick"
    monkeypatch.setenv("LEAKY_PROFILE", "medium")
    with pytest.raises(ValueError, match=r"LEAKY_PROFILE must be 'quick' or 'full', got 'medium'"):
        data.get_profile()


def test_get_profile_bad_default():
    with pytest.raises(ValueError, match=r"^default must be 'quick' or 'full', got 'slow'$"):
        data.get_profile(default="slow")


@pytest.mark.parametrize(
    "call, error, pattern",
    [
        (lambda: data.load_mnist(profile="fast"), ValueError,
         r"^profile must be 'quick' or 'full', got 'fast'$"),
        (lambda: data.load_mnist(profile=None), TypeError, r"^profile must be .*got None$"),
        (lambda: data.load_imdb(profile="QUICK"), ValueError, r"^profile must be "),
        (lambda: data.imdb_word_index(profile=1), TypeError, r"^profile must be "),
        (lambda: data.load_imdb(num_words=0), ValueError,
         r"^num_words must be a whole number >= 1 or None, got 0$"),
        (lambda: data.load_imdb(num_words=-5), ValueError, r"^num_words must be .*got -5$"),
        (lambda: data.load_imdb(num_words=2.5), TypeError, r"^num_words must be .*got 2.5$"),
        (lambda: data.load_imdb(num_words=True), TypeError, r"^num_words must be .*got True$"),
        (lambda: data.load_imdb(num_words="10000"), TypeError, r"^num_words must be "),
        (lambda: data.decode_review([1, 99_999_999]), ValueError,
         r"^seq\[1\] must be a word index between 0 and \d+, got 99999999$"),
        (lambda: data.decode_review([1, -1]), ValueError, r"^seq\[1\] must be "),
        (lambda: data.decode_review([1, 4.0]), TypeError, r"^seq\[1\] must be a whole-number"),
        (lambda: data.decode_review("the movie"), TypeError, r"^seq must be "),
        (lambda: data.decode_review([1], word_index=["the"]), TypeError, r"^word_index must be "),
        (lambda: data.verify("other.npz"), ValueError, r"^name must be one of "),
    ],
)
def test_bad_arguments_name_the_argument(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


def test_bad_profile_checked_before_any_network(offline):
    with pytest.raises(ValueError):
        data.load_imdb(num_words=0, profile="full")
    assert offline == []


# --- import cost and speed --------------------------------------------------------------------
def test_import_does_not_load_keras_or_tensorflow():
    code = (
        "import sys, leaky.data; "
        "print(sorted(m for m in ('keras', 'tensorflow', 'torch') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("loader", [data.load_mnist, data.load_imdb, data.imdb_word_index])
def test_loading_is_fast(loader):
    loader()  # warm the file cache
    start = time.perf_counter()
    loader()
    # < 0.2 s each on the development machine; the bound leaves room for a busy CI runner.
    assert time.perf_counter() - start < 3


# --- the full profile's own files (data/make_data.py --full) ---------------------------------
def _fake_full_cache(folder, monkeypatch, n_train=50, n_test=20):
    """Small stand-ins for mnist_full.npz and imdb_full.npz, written by make_data's own
    writer, with their sha256 put into FULL_SHA256."""
    rng = np.random.default_rng(0)
    folder.mkdir(parents=True, exist_ok=True)
    mnist = {"x_train": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
             "y_train": (np.arange(n_train) % 10).astype(np.uint8),
             "x_test": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
             "y_test": (np.arange(n_test) % 10).astype(np.uint8)}
    words = ["the", "film", "good", "bad"]
    train = [[1, 4, 5, 6], [1, 4, 7], [1, 5]]
    test = [[1, 4, 6, 7]]
    train_tokens, train_offsets = make_data.flatten(train, np.uint32)
    test_tokens, test_offsets = make_data.flatten(test, np.uint32)
    imdb = {"train_tokens": train_tokens, "train_offsets": train_offsets,
            "y_train": np.array([1, 0, 1], np.uint8), "test_tokens": test_tokens,
            "test_offsets": test_offsets, "y_test": np.array([1], np.uint8),
            "words": np.frombuffer("\n".join(words).encode(), np.uint8)}
    digests = {}
    for name, arrays in (("mnist_full.npz", mnist), ("imdb_full.npz", imdb)):
        make_data.write_npz(folder / name, arrays, compress=False)
        digests[name] = hashlib.sha256((folder / name).read_bytes()).hexdigest()
    monkeypatch.setattr(data, "FULL_SHA256", digests)
    monkeypatch.setenv("LEAKY_CACHE_DIR", str(folder))
    return mnist, imdb


def test_full_profile_prefers_the_cache_without_network(offline, monkeypatch, tmp_path):
    mnist, _ = _fake_full_cache(tmp_path / "cache", monkeypatch)
    (x_train, y_train), (x_test, y_test) = data.load_mnist(profile="full")
    assert np.array_equal(x_train, mnist["x_train"]) and np.array_equal(y_test, mnist["y_test"])
    assert x_train.dtype == np.uint8 and y_train.dtype == np.uint8
    (x_train, y_train), (x_test, y_test) = data.load_imdb(num_words=6, profile="full")
    assert x_train.tolist() == [[1, 4, 5, 2], [1, 4, 2], [1, 5]]  # 6, 7 -> oov at num_words=6
    assert type(x_train[0][0]) is int and y_train.dtype == np.int64
    assert data.imdb_word_index("full") == {"the": 1, "film": 2, "good": 3, "bad": 4}
    assert data.decode_review(x_test[0], profile="full") == "[START] the [OOV] [OOV]"
    assert "cache" in data.describe_source("mnist", "full")
    assert "4,904" in data.describe_source("imdb", "full")
    assert offline == []  # no connection attempted: keras is not involved


def test_full_profile_without_cache_describes_keras(offline):
    assert "keras' download" in data.describe_source("mnist", "full")
    assert "25,000 test reviews" in data.describe_source("imdb", "full")
    assert "data/mnist_quick.npz" in data.describe_source("mnist")
    with pytest.raises(ValueError, match="^dataset must be 'mnist' or 'imdb'"):
        data.describe_source("cifar")
    assert offline == []


@pytest.mark.parametrize("name", ["mnist_full.npz", "imdb_full.npz"])
def test_damaged_full_file_names_the_rebuild(name, monkeypatch, tmp_path):
    _fake_full_cache(tmp_path / "cache", monkeypatch)
    path = tmp_path / "cache" / name
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))
    loader = data.load_mnist if name.startswith("mnist") else data.load_imdb
    with pytest.raises(DataError, match="damaged") as info:
        loader(profile="full")
    assert "python data/make_data.py --full" in str(info.value) and name in str(info.value)


def test_cache_folder_rule_is_the_same_in_make_data_and_leaky(monkeypatch, tmp_path):
    monkeypatch.delenv("LEAKY_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert data.full_data_dir() == make_data.cache_dir() == tmp_path / "xdg" / "leaky-relu-course"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert data.full_data_dir() == make_data.cache_dir() == (
        Path.home() / ".cache" / "leaky-relu-course")
    monkeypatch.setenv("LEAKY_CACHE_DIR", str(tmp_path / "mine"))
    assert data.full_data_dir() == make_data.cache_dir() == tmp_path / "mine"


def test_uncompressed_npz_is_reproducible_and_loads(tmp_path):
    arrays = {"a": np.arange(1000, dtype=np.uint32), "b": np.ones((3, 4), np.uint8)}
    make_data.write_npz(tmp_path / "one.npz", arrays, compress=False)
    make_data.write_npz(tmp_path / "two.npz", arrays, compress=False)
    assert (tmp_path / "one.npz").read_bytes() == (tmp_path / "two.npz").read_bytes()
    with np.load(tmp_path / "one.npz") as f:
        assert np.array_equal(f["a"], arrays["a"]) and f["b"].shape == (3, 4)
    assert not list(tmp_path.glob("*.partial"))


def test_make_data_full_imdb_split(monkeypatch):
    """build_imdb(full=True): duplicates dropped, N per label for training, every other
    distinct review for testing, ranks over the training reviews only."""
    texts = [f"review {i} good" for i in range(30)] + [f"review {i} bad" for i in range(30)]
    texts += [texts[0], texts[35]]  # two exact duplicates
    labels = np.array([1] * 30 + [0] * 30 + [1, 0])
    monkeypatch.setattr(make_data, "read_imdb_reviews", lambda wheel: (texts, labels))
    monkeypatch.setattr(make_data, "IMDB_FULL_TRAIN_PER_CLASS", 20)
    out = make_data.build_imdb(None, full=True)
    train, test = out["train_source_row"].tolist(), out["test_source_row"].tolist()
    assert len(train) == 40 and len(test) == 20 and not set(train) & set(test)
    assert set(train) | set(test) == set(range(60))  # the duplicates (rows 60, 61) are out
    assert np.bincount(out["y_train"]).tolist() == [20, 20]
    words = out["words"].tobytes().decode().split("\n")
    assert words[0] == "review"  # the most frequent training word has rank 1


def test_readme_lists_the_full_checksums():
    readme = (ROOT / "data" / "README.md").read_text()
    listed = dict(re.findall(r"`(\w+_full\.npz)` \| [\d,]+ \| `([0-9a-f]{64})`", readme))
    assert listed == data.FULL_SHA256


def test_full_cache_of_this_machine(monkeypatch):
    """The real files of `make_data.py --full`, if this machine has built them."""
    monkeypatch.delenv("LEAKY_CACHE_DIR")
    folder = data.full_data_dir()
    if not all((folder / name).is_file() for name in data.FULL_SHA256):
        pytest.skip(f"no full-profile cache in {folder} (python data/make_data.py --full)")
    (x_train, y_train), (x_test, y_test) = data.load_mnist(profile="full")
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert np.bincount(y_train).tolist() == make_data.MNIST_TRAIN_COUNTS
    assert np.bincount(y_test).tolist() == make_data.MNIST_TEST_COUNTS
    (x_train, y_train), (x_test, y_test) = data.load_imdb(num_words=None, profile="full")
    assert len(x_train) == 20000 and len(x_test) == 4904
    assert np.bincount(y_train).tolist() == [10000, 10000]
    assert np.bincount(y_test).tolist() == [2432, 2472]
    assert len(data.imdb_word_index("full")) == 79843
    assert max(max(s) for s in x_train) == 79843 + 3
