"""Lessons 14 and 15: framework parity machinery, quiet imports, and the exercise checks."""

import math
import os
import warnings

import numpy as np
import pytest

from leaky import leaky_relu, leaky_relu_grad
from leaky.course import native_stderr_silenced
from leaky.parity import (
    PAIRS,
    float32_rounding,
    forward_and_gradient,
    max_abs_differences,
    parity_grid,
    parity_inputs,
)

torch = pytest.importorskip("torch")


@pytest.fixture(scope="module")
def tf():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with native_stderr_silenced():
        return pytest.importorskip("tensorflow")


@pytest.fixture(scope="module")
def keras(tf):
    return pytest.importorskip("keras")



def assert_not_yet(out, exercise_id, expected):
    assert out.startswith(f"[not yet] {exercise_id}"), out
    assert expected in out, out


# --- leaky.parity ------------------------------------------------------------------------

def test_parity_inputs_have_the_edge_cases_and_are_seeded():
    x = parity_inputs()
    assert x.dtype == np.float64 and x.size == 201
    assert x[0] == 0 and x[1] == 0 and np.signbit(x[1]) and x[4] == -1.0
    np.testing.assert_array_equal(x, parity_inputs())
    assert parity_inputs(dtype=np.float32).dtype == np.float32
    assert not np.array_equal(x, parity_inputs(rng=1))


@pytest.mark.parametrize("kwargs,message", [
    ({"size": 3}, "^size must be a whole number >= 5"),
    ({"scale": 0.0}, "^scale must be a finite number > 0"),
    ({"dtype": np.float16}, "^dtype must be float32 or float64"),
])
def test_parity_inputs_reject_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        parity_inputs(**kwargs)


def test_forward_and_gradient_rejects_unknown_frameworks_and_pairs():
    with pytest.raises(ValueError, match="^framework must be one of"):
        forward_and_gradient("jax", parity_inputs(), 0.1)
    with pytest.raises(ValueError, match="^pairs must be"):
        max_abs_differences(parity_inputs(), 0.1, pairs=[("numpy", "jax")])
    with pytest.raises(ValueError, match="^alpha must be a finite number >= 0"):
        forward_and_gradient("numpy", parity_inputs(), -0.1)


@pytest.mark.parametrize("framework", ["numpy", "torch"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_forward_and_gradient_match_the_reference(framework, dtype):
    x = parity_inputs(dtype=dtype)
    y, dy = forward_and_gradient(framework, x, 0.3)
    assert y.dtype == dtype and dy.dtype == dtype
    np.testing.assert_array_equal(y, leaky_relu(x, 0.3))
    np.testing.assert_array_equal(dy, leaky_relu_grad(x, 0.3))


@pytest.mark.parametrize("alpha", [0.0, 0.01, 0.2, 0.25, 0.3, 1.0, 1.5])
def test_float32_all_frameworks_agree_exactly(tf, alpha):
    diffs = max_abs_differences(parity_inputs(dtype=np.float32), alpha)
    assert set(diffs) == set(PAIRS)
    assert all(d["forward"] == 0 and d["gradient"] == 0 for d in diffs.values()), diffs


@pytest.mark.parametrize("alpha", [0.01, 0.2, 0.3, 0.7, 1.3])
def test_float64_tensorflow_rounds_alpha_to_float32(tf, alpha):
    x = parity_inputs()
    diffs = max_abs_differences(x, alpha)
    assert diffs["numpy", "torch"] == {"forward": 0.0, "gradient": 0.0}
    rounding = float32_rounding(alpha)
    assert rounding > 0
    assert diffs["numpy", "tensorflow"]["gradient"] == rounding
    predicted = rounding * np.abs(x[x < 0]).max()
    assert diffs["numpy", "tensorflow"]["forward"] == pytest.approx(predicted, rel=1e-6)
    assert diffs["torch", "tensorflow"] == diffs["numpy", "tensorflow"]


def test_parity_grid_zero_exactly_where_float32_holds_alpha(tf):
    alphas = [0.0, 0.1, 0.25, 0.5, 0.6]
    grid = parity_grid(alphas, parity_inputs(size=21))
    np.testing.assert_array_equal(grid["alphas"], alphas)
    tf_forward = grid["forward"]["numpy", "tensorflow"]
    np.testing.assert_array_equal(tf_forward == 0, [True, False, True, True, False])
    np.testing.assert_array_equal(grid["gradient"]["numpy", "tensorflow"],
                                  [float32_rounding(a) for a in alphas])
    assert not grid["forward"]["numpy", "torch"].any()
    with pytest.raises(ValueError, match="^alphas must be"):
        parity_grid([], parity_inputs())


def test_float32_rounding():
    assert float32_rounding(0.25) == 0.0 and float32_rounding(0.0) == 0.0
    assert float32_rounding(0.2) == pytest.approx(2.98e-9, rel=1e-2)
    assert float32_rounding(0.1) / 0.1 < 2.0**-24


def test_parity_module_does_not_import_frameworks_on_import():
    import subprocess
    import sys

    code = ("import sys, leaky.parity, leaky.course, leaky.exercise_checks.l14, "
            "leaky.exercise_checks.l15; "
            "print(any(m in sys.modules for m in ('torch', 'tensorflow', 'keras')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


# --- leaky.quiet ---------------------------------------------------------------------------

def test_native_stderr_is_silenced_and_restored(capfd):
    os.write(2, b"before\n")
    with native_stderr_silenced():
        os.write(2, b"hidden\n")
    os.write(2, b"after\n")
    err = capfd.readouterr().err
    assert "before" in err and "after" in err and "hidden" not in err


def test_native_stderr_is_restored_after_an_exception(capfd):
    with pytest.raises(RuntimeError), native_stderr_silenced():
        raise RuntimeError("boom")
    os.write(2, b"visible\n")
    assert "visible" in capfd.readouterr().err


# --- 14.1: a Keras layer with PyTorch's default ----------------------------------------------

def test_14_1_correct(verdict, keras):
    out = verdict("14.1", lambda: keras.layers.LeakyReLU(negative_slope=0.01))
    assert out.startswith("[correct] 14.1"), out


def test_14_1_stub_is_not_attempted(verdict, keras):
    def keras_like_torch():
        ...

    assert verdict("14.1", keras_like_torch).startswith("[not attempted yet] 14.1")


@pytest.mark.parametrize("make,expected", [
    (lambda k: k.layers.LeakyReLU(), "0.3 is Keras' own default"),
    (lambda k: k.layers.LeakyReLU(negative_slope=0.2), "0.2 is the default of tf.nn"),
    (lambda k: k.layers.LeakyReLU(negative_slope=0.25), "torch.nn.PReLU starts"),
    (lambda k: k.layers.LeakyReLU(negative_slope=0.05), "PyTorch's default is 0.01"),
    (lambda k: k.layers.LeakyReLU(alpha=0.01), "deprecated argument name"),
    (lambda k: k.layers.PReLU(), "PReLU learns its slope"),
    (lambda k: torch.nn.LeakyReLU(), "that is a PyTorch module"),
    (lambda k: 0.01, "did you return the slope"),
    (lambda k: None, "did you forget `return`"),
    (lambda k: k.layers.LeakyReLU(negative_slope=-0.01), "your function raised ValueError"),
    (lambda k: k.layers.Dense(3), "returns a Dense layer"),
])
def test_14_1_wrong_answers_get_specific_feedback(verdict, keras, make, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = verdict("14.1", lambda: make(keras))
    assert_not_yet(out, "14.1", expected)
    assert "hint('14.1')" in out


def test_14_1_layer_instead_of_function(verdict, keras):
    out = verdict("14.1", keras.layers.LeakyReLU(negative_slope=0.01))
    assert_not_yet(out, "14.1", "pass the function itself")
    assert_not_yet(verdict("14.1", 0.01), "14.1", "expected a function")


# --- 14.2: the He gain -----------------------------------------------------------------------

def test_14_2_correct(verdict):
    out = verdict("14.2", lambda a: math.sqrt(2 / (1 + a * a)))
    assert out.startswith("[correct] 14.2"), out
    out = verdict("14.2", lambda a: np.sqrt(np.array([2 / (1 + a**2)])))  # a 1-element array
    assert out.startswith("[correct] 14.2"), out


def test_14_2_stub_is_not_attempted(verdict):
    def gain(alpha):
        ...

    assert verdict("14.2", gain).startswith("[not attempted yet] 14.2")


def no_return(alpha):
    math.sqrt(2 / (1 + alpha**2))


@pytest.mark.parametrize("answer,expected", [
    (lambda a: 2 / (1 + a**2), "forgot the square root"),
    (lambda a: math.sqrt(2 / (1 + a)), "1 + alpha instead of 1 + alpha**2"),
    (lambda a: math.sqrt(2), "ReLU's gain sqrt(2) for every alpha"),
    (lambda a: math.sqrt(1 / (1 + a**2)), "the 2 is missing"),
    (lambda a: math.sqrt(2) / (1 + a**2), "the root covers the whole fraction"),
    (lambda a: math.sqrt(2 / (1 - a**2)), "1 + alpha**2, not 1 - alpha**2"),
    (lambda a: math.sqrt((1 + a**2) / 2), "the inverse of the gain"),
    (no_return, "did you forget `return`"),
    (lambda a: "1.4", "expected one number"),
    (lambda a: 1 / 0, "raised ZeroDivisionError"),
    (lambda a: math.sqrt(2 / (1 + a**2)) if a < 1 else 1.01, "gain(1.0) = 1.01"),
])
def test_14_2_wrong_answers_get_specific_feedback(verdict, answer, expected):
    out = verdict("14.2", answer)
    assert_not_yet(out, "14.2", expected)


# --- 15: the recap ---------------------------------------------------------------------------

RECAP = {
    "15.1": (0.01, {1.0: "slides' convention", 0.0: "ReLU's gradient", 0.505: "average"}),
    "15.2": (0.3, {0.01: "PyTorch's default", 0.2: "tf.nn.leaky_relu"}),
    "15.3": (2.0, {3.0: "max(alpha * x, x)", 1.5: "negative inputs only"}),
    "15.4": (1.414, {2.0: "gain**2", 1.0: "alpha = 1", 0.7071: "1 / gain"}),
    "15.5": (0.2292, {1 / 5.5: "Xu et al.", 0.25: "PReLU", 0.125: "lower end",
                      1 / 3: "upper end", 0.19617: "mean of 1/a"}),
    "15.6": (0.0, {0.25: "PyTorch's (and He et al.'s) start", 0.3: "keras.layers.LeakyReLU",
                   0.01: "LeakyReLU default"}),
}


@pytest.mark.parametrize("exercise_id", sorted(RECAP))
def test_15_recap_right_wrong_stub_and_junk(verdict, exercise_id):
    right, wrong = RECAP[exercise_id]
    assert verdict(exercise_id, right).startswith(f"[correct] {exercise_id}")
    assert verdict(exercise_id, np.float32(right)).startswith(f"[correct] {exercise_id}")
    for value, expected in wrong.items():
        assert_not_yet(verdict(exercise_id, value), exercise_id, expected)
    assert verdict(exercise_id, ...).startswith(f"[not attempted yet] {exercise_id}")
    assert_not_yet(verdict(exercise_id, "0.3"), exercise_id, "expected one number")
    assert_not_yet(verdict(exercise_id, float("nan")), exercise_id, "finite number")
    assert_not_yet(verdict(exercise_id, 7.5), exercise_id, "is not it")


def test_15_recap_accepts_a_tensor_and_names_rounding(verdict):
    assert verdict("15.5", torch.tensor(0.22917)).startswith("[correct] 15.5")
    assert_not_yet(verdict("15.5", 0.23), "15.5", "give at least three decimals")


def test_15_keras_constants_match_keras(keras):
    from leaky.exercise_checks import l15

    assert keras.layers.LeakyReLU().negative_slope == l15.KERAS_LEAKY_RELU_DEFAULT
    layer = keras.layers.PReLU()
    layer.build((None, 3))
    np.testing.assert_array_equal(layer.alpha.numpy(), l15.KERAS_PRELU_START)
