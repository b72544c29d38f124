"""Lessons 09 and 10: their models build and train a step; the checks 09.1, 09.2, 10.1, 10.2."""

import ast
from pathlib import Path

import numpy as np
import pytest

from leaky.exercises import results

LESSONS = Path(__file__).resolve().parents[1] / "lessons_src"



def lesson_function(filename, name, namespace):
    """Execute the function `name` defined in a lesson source, in `namespace`; return it."""
    tree = ast.parse((LESSONS / filename).read_text())
    (node,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    exec(compile(ast.Module([node], type_ignores=[]), filename, "exec"), namespace)
    return namespace[name]


# --- the lessons' models ------------------------------------------------------------------

def test_09_cnn_builds_matches_torch_and_trains_one_step():
    keras = pytest.importorskip("keras")
    torch = pytest.importorskip("torch")
    build_cnn = lesson_function("09_cnn_mnist.py", "build_cnn",
                                {"keras": keras, "layers": keras.layers, "ALPHA": 0.01})
    keras.utils.set_random_seed(0)
    model = build_cnn()
    assert model.count_params() == 93322
    assert model.get_layer("conv1").count_params() == 320
    slopes = [layer.negative_slope for layer in model.layers
              if isinstance(layer, keras.layers.LeakyReLU)]
    assert slopes == pytest.approx([0.01] * 4)
    assert torch.nn.LeakyReLU().negative_slope == 0.01
    assert keras.layers.LeakyReLU().negative_slope == pytest.approx(0.3)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    x = np.random.default_rng(0).random((8, 28, 28, 1)).astype("float32")
    y = np.arange(8) % 10
    before = [w.copy() for w in model.get_weights()]
    loss = model.train_on_batch(x, y)
    assert np.isfinite(float(np.ravel(loss)[0]))
    assert any(not np.allclose(a, b) for a, b in zip(before, model.get_weights(), strict=True))
    assert model.predict(x, verbose=0).shape == (8, 10)


def test_10_dense_builds_and_trains_one_step():
    keras = pytest.importorskip("keras")
    build_dense = lesson_function("10_training_curves.py", "build_dense",
                                  {"keras": keras, "layers": keras.layers})
    keras.utils.set_random_seed(0)
    model = build_dense(alpha=0.1)
    assert model.count_params() == 784 * 512 + 512 + 512 * 10 + 10
    (leaky_layer,) = [layer for layer in model.layers
                      if isinstance(layer, keras.layers.LeakyReLU)]
    assert leaky_layer.negative_slope == pytest.approx(0.1)
    x = np.random.default_rng(0).random((16, 784)).astype("float32")
    history = model.fit(x, np.arange(16) % 10, epochs=2, batch_size=8,
                        validation_split=0.25, verbose=0)
    assert sorted(history.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert len(history.history["val_loss"]) == 2


# --- 09.1 a feature map's side after conv and pooling ----------------------------------------

def test_09_1_correct_stub_and_mistakes(verdict):
    out = verdict("09.1", lambda side, kernel, pool: (side - kernel + 1) // pool)
    assert out.startswith("[correct] 09.1") and "576" in out
    assert results()["09.1"] == "passed"

    def conv_pool_side(side, kernel, pool):
        ...

    assert verdict("09.1", conv_pool_side).startswith("[not attempted yet] 09.1")
    def forgot_return(side, kernel, pool):
        new_side = (side - kernel + 1) // pool  # noqa: F841 - the mistake under test

    mistakes = {
        "use //": lambda s, k, p: (s - k + 1) / p,
        "rounded up": lambda s, k, p: -(-(s - k + 1) // p),
        "off by one": lambda s, k, p: (s - k) // p,
        "padding='same'": lambda s, k, p: s // p,
        "forgot the pooling": lambda s, k, p: s - k + 1,
        "returns None": forgot_return,
        "whole number": lambda s, k, p: "13",
        "expected 9, got 10": lambda s, k, p: (s - k + 1) // p + (s == 11),
    }
    for needle, answer in mistakes.items():
        out = verdict("09.1", answer)
        assert out.startswith("[not yet] 09.1") and needle in out, (needle, out)
    assert "pass your function itself" in verdict("09.1", 13)


def test_09_1_raising_student_code_gives_feedback(verdict):
    def broken(side, kernel, pool):
        raise RuntimeError("oops")

    out = verdict("09.1", broken)
    assert out.startswith("[not yet]") and "RuntimeError: oops" in out


# --- 09.2 parameters of the first convolution -----------------------------------------------

def test_09_2_correct_and_stub(verdict):
    assert verdict("09.2", 320).startswith("[correct] 09.2")
    assert verdict("09.2", 320.0).startswith("[correct] 09.2")
    assert verdict("09.2", ...).startswith("[not attempted yet] 09.2")


@pytest.mark.parametrize("answer,expected", [
    (288, "you forgot the biases"),
    (289, "its own bias"),
    (10, "that is one filter; the layer has 32"),
    (9, "one filter's weights"),
    (26 * 26 * 32, "size of the layer's output"),
    (18496, "second convolution"),
    (321, "plus one bias per filter"),
    ("320", "answer with a number"),
    (True, "answer with a number"),
])
def test_09_2_mistakes_are_named(verdict, answer, expected):
    out = verdict("09.2", answer)
    assert out.startswith("[not yet] 09.2") and expected in out, out


def test_09_2_matches_keras_count():
    keras = pytest.importorskip("keras")
    from leaky.exercise_checks.l09 import CONV1_PARAMS

    layer = keras.layers.Conv2D(32, (3, 3))
    layer.build((None, 28, 28, 1))
    assert layer.count_params() == CONV1_PARAMS == 320


# --- 10.1 best epoch ------------------------------------------------------------------------

def test_10_1_correct_and_stub(verdict):
    def best_epoch(history):
        return int(np.argmin(history["val_loss"])) + 1

    assert verdict("10.1", best_epoch).startswith("[correct] 10.1")

    def stub(history):
        ...

    assert verdict("10.1", stub).startswith("[not attempted yet] 10.1")


@pytest.mark.parametrize("answer,expected", [
    (lambda h: int(np.argmin(h["val_loss"])), "off by one"),
    (lambda h: int(np.argmin(h["loss"])) + 1, "lowest *training* loss"),
    (lambda h: int(np.argmax(h["val_accuracy"])) + 1, "highest validation accuracy"),
    (lambda h: int(np.argmax(h["val_loss"])) + 1, "use argmin, not argmax"),
    (lambda h: min(h["val_loss"]), "the lowest validation loss itself"),
    (lambda h: len(h["val_loss"]), "the number of epochs"),
    (lambda h: h.get("no such key"), "returns None"),
    (lambda h: h["val_loss"], "return one epoch number"),
    (lambda h: h["val_loss"].sort(), "changed its argument h in place"),
    (lambda h: 1, "the best epoch is"),
    (lambda h: h["validation_loss"], "KeyError"),
])
def test_10_1_mistakes_are_named(verdict, answer, expected):
    out = verdict("10.1", answer)
    assert out.startswith("[not yet] 10.1") and expected in out, out


def test_10_1_histories_separate_the_mistakes():
    from leaky.exercise_checks.l10 import _WRONG_EPOCHS, _argmin1, _histories

    cases = _histories()
    right = [_argmin1(h["val_loss"]) for h in cases]
    for _, variant in _WRONG_EPOCHS:
        assert [variant(h) for h in cases] != right


# --- 10.2 diagnosis -------------------------------------------------------------------------

def test_10_2_correct_spellings_and_stub(verdict):
    good = {"A": "overfitting", "B": "underfitting", "C": "good fit"}
    assert verdict("10.2", good).startswith("[correct] 10.2")
    spelled = {"A": "Over-fitting", "B": "underfit", "C": "Good_fit"}
    assert verdict("10.2", spelled).startswith("[correct] 10.2")
    assert verdict("10.2", ...).startswith("[not attempted yet] 10.2")


@pytest.mark.parametrize("answer,expected", [
    ({"A": "underfitting", "B": "overfitting", "C": "good fit"}, "swapped"),
    ({"A": "good fit", "B": "underfitting", "C": "good fit"}, "run A's training loss"),
    ({"A": "overfitting", "B": "good fit", "C": "good fit"}, "run B's two losses"),
    ({"A": "overfitting", "B": "underfitting", "C": "overfitting"}, "run C's losses"),
    ({"A": "overfitting", "B": "underfitting"}, 'one diagnosis for each'),
    ({"A": "overfitting", "B": "underfitting", "C": "fine"}, "run C: answer"),
    ({"A": 1, "B": "underfitting", "C": "good fit"}, "run A: answer"),
    ("overfitting", "answer with a dict"),
])
def test_10_2_mistakes_are_named(verdict, answer, expected):
    out = verdict("10.2", answer)
    assert out.startswith("[not yet] 10.2") and expected in out, out
