"""Lesson 11 exercises: decode a review with index_from=3; pad a sequence like pad_sequences."""

from __future__ import annotations

import numpy as np

from ..exercises import Mistake, call_student, exercise

_WORDS = ["the", "and", "a", "of", "to", "is", "movie", "great", "bad", "film", "plot"]


def _word_index():
    return {word: rank for rank, word in enumerate(_WORDS, start=1)}


def _reference_decode(indices, word_index):
    reverse = {rank + 3: word for word, rank in word_index.items()}
    return " ".join(reverse.get(int(i), "?") for i in indices)


def _decode_cases():
    rng = np.random.default_rng(11)
    cases = [[1, 4, 10, 11], [1, 2, 14, 5, 12], [0, 0, 1, 13, 9, 3]]
    cases += [[1, *rng.integers(0, len(_WORDS) + 4, size=n).tolist()] for n in (5, 9, 20)]
    return cases


@exercise("11.1", "decode(indices, word_index) with index_from=3", hints=[
    "Build the reverse dict first: {rank + 3: word for word, rank in word_index.items()}.",
    "Indices 0..3 are not in it: use reverse.get(i, '?').",
    "return ' '.join(reverse.get(int(i), '?') for i in indices)",
])
def check_decode(function):
    word_index = _word_index()
    for indices in _decode_cases():
        result = call_student(function, list(indices), dict(word_index))
        if not isinstance(result, str):
            raise Mistake(f"return one string of words joined by spaces, got {result!r}")
        expected = _reference_decode(indices, word_index)
        if result == expected:
            continue
        shifted = {k: " ".join({rank + k: w for w, rank in word_index.items()}.get(int(i), "?")
                               for i in indices) for k in (0, 1, 2, 4)}
        for k, text in shifted.items():
            if result == text:
                raise Mistake(f"you used index = rank + {k}; with index_from=3 it is rank + 3 "
                              f"(so 'the', rank 1, is index 4).")
        if result.split() == expected.split() or result.strip() == expected:
            raise Mistake("the words are right but not joined by single spaces.")
        raise Mistake(f"for {indices} expected {expected!r}, got {result!r}")
    return "Right on 6 reviews, markers 0-3 shown as '?'."


def _reference_pad(sequence, maxlen):
    kept = list(sequence)[-maxlen:] if maxlen > 0 else []
    return np.array([0] * (maxlen - len(kept)) + kept)


def _pad_cases():
    rng = np.random.default_rng(12)
    cases = [([1, 2, 3], 5), ([1, 2, 3, 4, 5, 6, 7], 4), ([5, 6], 2), ([9], 1), ([], 3)]
    cases += [(rng.integers(1, 100, size=n).tolist(), m) for n, m in ((10, 20), (30, 8))]
    return cases


@exercise("11.2", "pad(sequence, maxlen) like keras.utils.pad_sequences", hints=[
    "Keep the last maxlen entries: sequence[-maxlen:].",
    "Put the zeros in front: [0] * (maxlen - len(kept)) + kept.",
    "kept = list(sequence)[-maxlen:]; return np.array([0] * (maxlen - len(kept)) + kept)",
])
def check_pad(function):
    for sequence, maxlen in _pad_cases():
        result = call_student(function, list(sequence), maxlen)
        try:
            got = np.asarray(result)
        except (TypeError, ValueError):
            raise Mistake(f"return an array of numbers, got {result!r}") from None
        expected = _reference_pad(sequence, maxlen)
        if got.shape != expected.shape:
            raise Mistake(f"pad({sequence}, {maxlen}) should have length {maxlen}, got shape "
                          f"{got.shape}")
        if not np.issubdtype(got.dtype, np.integer):
            raise Mistake(f"return integers (word indices), got dtype {got.dtype}")
        if np.array_equal(got, expected):
            continue
        kept_front = list(sequence)[:maxlen]
        post_pad = np.array(list(sequence)[-maxlen:] + [0] * max(0, maxlen - len(sequence)))
        pre_pad_front = np.array([0] * max(0, maxlen - len(sequence)) + kept_front)
        if len(sequence) < maxlen and np.array_equal(got, post_pad):
            raise Mistake("you put the zeros at the end; pad_sequences pads in front "
                          "(padding='pre').")
        if len(sequence) > maxlen and np.array_equal(got, pre_pad_front):
            raise Mistake("you kept the first maxlen entries; pad_sequences cuts the front "
                          "and keeps the last ones (truncating='pre').")
        raise Mistake(f"pad({sequence}, {maxlen}) should be {expected.tolist()}, got "
                      f"{got.tolist()}")
    return "Right on 7 sequences: zeros in front, long ones keep their end."
