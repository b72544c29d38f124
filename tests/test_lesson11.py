"""Lesson 11: its model builds and trains a step; the checks 11.1 and 11.2."""

import ast
from pathlib import Path

import numpy as np
import pytest

LESSON = Path(__file__).resolve().parents[1] / "lessons_src" / "11_sentiment_imdb.py"



def lesson_function(name, namespace):
    tree = ast.parse(LESSON.read_text())
    (node,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    exec(compile(ast.Module([node], type_ignores=[]), LESSON.name, "exec"), namespace)
    return namespace[name]


def test_11_rnn_builds_and_trains_one_step():
    keras = pytest.importorskip("keras")
    build_rnn = lesson_function("build_rnn", {"keras": keras, "layers": keras.layers,
                                              "ALPHA": 0.01, "MAX_LENGTH": 20,
                                              "VOCAB_SIZE": 10000})
    keras.utils.set_random_seed(0)
    model = build_rnn(max_length=20)
    assert model.get_layer("leaky").negative_slope == pytest.approx(0.01)
    model.compile(optimizer="adam", loss="binary_crossentropy")
    x = np.random.default_rng(0).integers(0, 10000, size=(8, 20))
    loss = model.train_on_batch(x, np.array([0, 1] * 4))
    assert np.isfinite(float(np.ravel(loss)[0]))
    assert model.predict(x, verbose=0).shape == (8, 1)


# --- 11.1 decode ---------------------------------------------------------------------

def good_decode(indices, word_index):
    reverse = {rank + 3: word for word, rank in word_index.items()}
    return " ".join(reverse.get(int(i), "?") for i in indices)


def test_11_1_correct(verdict):
    assert verdict("11.1", good_decode).startswith("[correct]")


def test_11_1_stub(verdict):
    assert verdict("11.1", ...).startswith("[not attempted yet]")


def test_11_1_wrong_offset(verdict):
    def offset_zero(indices, word_index):
        reverse = {rank: word for word, rank in word_index.items()}
        return " ".join(reverse.get(int(i), "?") for i in indices)

    out = verdict("11.1", offset_zero)
    assert out.startswith("[not yet]") and "rank + 0" in out


def test_11_1_list_not_string(verdict):
    out = verdict("11.1", lambda indices, wi: good_decode(indices, wi).split())
    assert "one string" in out


def test_11_1_raises(verdict):
    def broken(indices, word_index):
        raise KeyError(indices[0])

    out = verdict("11.1", broken)
    assert out.startswith("[not yet]") and "KeyError" in out


# --- 11.2 pad ------------------------------------------------------------------------

def good_pad(sequence, maxlen):
    kept = list(sequence)[-maxlen:]
    return np.array([0] * (maxlen - len(kept)) + kept, dtype=np.int32)


def test_11_2_correct_and_matches_keras(verdict):
    keras = pytest.importorskip("keras")
    assert verdict("11.2", good_pad).startswith("[correct]")
    for seq, n in (([1, 2, 3], 5), ([1, 2, 3, 4, 5, 6], 4)):
        assert good_pad(seq, n).tolist() == keras.utils.pad_sequences([seq], maxlen=n)[0].tolist()


def test_11_2_stub(verdict):
    assert verdict("11.2", ...).startswith("[not attempted yet]")


def test_11_2_post_padding(verdict):
    def post(sequence, maxlen):
        kept = list(sequence)[-maxlen:]
        return np.array(kept + [0] * (maxlen - len(kept)))

    assert "zeros at the end" in verdict("11.2", post)


def test_11_2_keeps_front(verdict):
    def front(sequence, maxlen):
        kept = list(sequence)[:maxlen]
        return np.array([0] * (maxlen - len(kept)) + kept)

    assert "kept the first" in verdict("11.2", front)


def test_11_2_floats(verdict):
    assert "integers" in verdict("11.2", lambda s, m: good_pad(s, m).astype(float))


def test_11_2_raises(verdict):
    def broken(sequence, maxlen):
        raise ValueError("nope")

    out = verdict("11.2", broken)
    assert out.startswith("[not yet]") and "ValueError" in out
