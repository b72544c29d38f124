"""Lesson 11 exercises: decode a review with index_from=3; pad a sequence like pad_sequences;
count the parameters that dead units of the head freeze, for ReLU and Leaky ReLU."""

from __future__ import annotations

import numpy as np

from ..exercises import Mistake, call_student, exercise, short

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
            raise Mistake(f"return one string of words joined by spaces, got {short(result)}")
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
        raise Mistake(f"for {indices} expected {short(expected, 80)}, got {short(result, 80)}")
    return "Right on 6 reviews, markers 0-3 shown as '?'."


def _reference_pad(sequence, maxlen):
    kept = list(sequence)[-maxlen:] if maxlen > 0 else []
    return np.array([0] * (maxlen - len(kept)) + kept)


def _pad_cases():
    rng = np.random.default_rng(12)
    cases = [([1, 2, 3], 5), ([1, 2, 3, 4, 5, 6, 7], 4), ([5, 6], 2), ([9], 1), ([], 3),
             ([4, 5, 6], 0), ([], 0)]
    cases += [(rng.integers(1, 100, size=n).tolist(), m) for n, m in ((10, 20), (30, 8))]
    return cases


@exercise("11.2", "pad(sequence, maxlen) like keras.utils.pad_sequences", hints=[
    "Keep the last maxlen entries: sequence[-maxlen:].",
    "Put the zeros in front: [0] * (maxlen - len(kept)) + kept.",
    "kept = list(sequence)[-maxlen:] if maxlen > 0 else [] (since -0 == 0); then "
    "return np.array([0] * (maxlen - len(kept)) + kept)",
])
def check_pad(function):
    for sequence, maxlen in _pad_cases():
        result = call_student(function, list(sequence), maxlen)
        if not isinstance(result, np.ndarray):
            raise Mistake(f"return a numpy array, as pad_sequences does (np.array(...)), got "
                          f"{short(result)}")
        got = result
        expected = _reference_pad(sequence, maxlen)
        if maxlen == 0 and got.shape != expected.shape:
            raise Mistake(f"pad({sequence}, 0) should be empty (length 0), got shape "
                          f"{got.shape}. Careful: sequence[-0:] is the whole sequence, since "
                          "-0 == 0; treat maxlen = 0 separately (keras.utils.pad_sequences "
                          "itself fails there, for this reason).")
        if got.shape != expected.shape:
            raise Mistake(f"pad({sequence}, {maxlen}) should have length {maxlen}, got shape "
                          f"{got.shape}")
        if not np.issubdtype(got.dtype, np.integer) and got.size:
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
    return (f"Right on {len(_pad_cases())} sequences: zeros in front, long ones keep their "
            "end, maxlen = 0 gives an empty array.")


# --- 11.3 -------------------------------------------------------------------------------------

def _reference_frozen(n_dead, alpha, n_inputs=64):
    return (n_inputs + 2) * n_dead if alpha == 0 else 0


_FROZEN_CASES = [(3, 0.0, 64), (3, 0.01, 64), (10, 0.0, 64), (1, 0.3, 64), (5, 0.0, 32),
                 (7, 0.0, 100), (0, 0.0, 64), (12, 1e-6, 64)]

_FROZEN_MISTAKES = [
    (lambda n, a, k: k * n,
     "you counted only the incoming weights. A dead ReLU unit's bias gets no gradient "
     "either, and neither does its weight in the output layer: that weight's gradient is "
     "the unit's output, which is always 0."),
    (lambda n, a, k: (k + 1) * n,
     "you counted the incoming weights and the bias; the unit's weight in the output "
     "layer is frozen too: its gradient is the unit's output times the output's error, "
     "and the output of a dead ReLU unit is always 0."),
    (lambda n, a, k: n,
     "you counted units, not parameters: each dead unit has n_inputs weights, a bias and "
     "one weight in the output layer."),
    (lambda n, a, k: (k + 2) * n,
     "with alpha > 0 nothing is frozen: a unit with negative input still has slope alpha, "
     "so its weights get alpha times the gradient, and its output alpha * z is not 0."),
]


@exercise("11.3", "zero_gradient_parameters(n_dead, alpha, n_inputs): what dead units freeze",
          hints=[
              "Follow the gradient through one dead unit: into its incoming weights and "
              "bias (through the slope at z <= 0), and into its weight in the output layer "
              "(through its output).",
              "With alpha = 0 the slope and the output are both 0; with alpha > 0 neither is.",
              "return (n_inputs + 2) * n_dead if alpha == 0 else 0",
          ])
def check_frozen(function):
    for n_dead, alpha, n_inputs in _FROZEN_CASES:
        given = call_student(function, n_dead, alpha, n_inputs)
        if isinstance(given, (bool, np.bool_, str, bytes)) or np.ndim(given) != 0:
            raise Mistake(f"return one whole number of parameters, got {short(given)}")
        try:
            value = float(given)
        except (TypeError, ValueError):
            raise Mistake(f"return one whole number of parameters, got {short(given)}") from None
        expected = _reference_frozen(n_dead, alpha, n_inputs)
        if value == expected:
            continue
        call = f"zero_gradient_parameters({n_dead}, {alpha}, {n_inputs})"
        if alpha > 0 and value != 0:
            if value == _FROZEN_MISTAKES[3][0](n_dead, alpha, n_inputs):
                raise Mistake(f"{call} should be 0: {_FROZEN_MISTAKES[3][1]}")
            raise Mistake(f"{call} should be 0: with alpha > 0 (even {alpha}) a dead unit "
                          "still passes alpha times the gradient, so nothing is frozen.")
        if alpha == 0 and value == 0 and n_dead > 0:
            raise Mistake(f"{call} should not be 0: with ReLU (alpha = 0) a unit with z <= 0 "
                          "on every review has slope 0 and output 0, so its parameters get "
                          "no gradient at all.")
        for mistake, message in _FROZEN_MISTAKES[:3]:
            if value == mistake(n_dead, alpha, n_inputs):
                raise Mistake(f"{call} is {expected}, you returned {short(given)}: {message}")
        if n_inputs != 64 and value == _reference_frozen(n_dead, alpha, 64):
            raise Mistake(f"{call} is {expected}: use n_inputs, not a fixed 64 (you "
                          f"returned {short(given)}).")
        raise Mistake(f"{call} should be {expected}, got {short(given)}")
    return (f"Right on {len(_FROZEN_CASES)} cases: with ReLU each dead unit freezes its "
            "n_inputs weights, its bias and its output weight (66 parameters here); with any "
            "alpha > 0, none. That is the whole difference Leaky ReLU makes to a dead unit.")
