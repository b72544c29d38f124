"""Lesson 14 exercises: give Keras' LeakyReLU PyTorch's default; the He initialisation gain.

keras and torch are imported inside the checkers, when a check runs.
"""

from __future__ import annotations

import math
import numbers
import warnings

import numpy as np

from ..exercises import Mistake, call_student, exercise

#: Slopes a student may pick by mistake, and what each one is.
KNOWN_SLOPES = {
    0.3: "0.3 is Keras' own default for layers.LeakyReLU: the slope has to be passed",
    0.2: "0.2 is the default of tf.nn.leaky_relu and keras.activations.leaky_relu, not "
         "PyTorch's",
    0.25: "0.25 is where torch.nn.PReLU starts its learned slope, not nn.LeakyReLU's default",
    0.99: "the slope is the multiplier for negative inputs itself, not 1 minus it",
}


def _battery() -> np.ndarray:
    x = np.random.default_rng(0).normal(scale=3.0, size=64)
    x[:4] = [-1.0, 0.0, 1.0, -1e-6]
    return x.astype(np.float32)


@exercise("14.1", "a Keras LeakyReLU layer with PyTorch's default slope", hints=[
    "Read PyTorch's default off torch.nn.LeakyReLU().negative_slope.",
    "Keras 3 calls the slope `negative_slope` (the old name `alpha` is deprecated).",
    "return keras.layers.LeakyReLU(negative_slope=0.01)",
])
def check_keras_like_torch(make_layer):
    import keras
    import torch

    if isinstance(make_layer, keras.layers.Layer):
        raise Mistake("that is a layer; pass the function itself, check('14.1', "
                      "keras_like_torch), and let it return the layer.")
    if not callable(make_layer):
        raise Mistake(f"expected a function that returns a Keras layer, got {make_layer!r}; "
                      "keep the `def keras_like_torch():` line and return the layer.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        layer = call_student(make_layer)
    if isinstance(layer, torch.nn.Module):
        raise Mistake("that is a PyTorch module; the exercise asks for the Keras layer "
                      "(keras.layers.LeakyReLU) that behaves like it.")
    if isinstance(layer, keras.layers.PReLU):
        raise Mistake("PReLU learns its slope (and Keras starts it at 0); use "
                      "keras.layers.LeakyReLU, whose slope is fixed.")
    if not isinstance(layer, keras.layers.Layer):
        raise Mistake(f"expected a Keras layer, got {type(layer).__name__}; did you return "
                      "the slope instead of keras.layers.LeakyReLU(...)?")
    if not isinstance(layer, keras.layers.LeakyReLU):
        raise Mistake(f"your function returns a {type(layer).__name__} layer; the exercise "
                      "asks for keras.layers.LeakyReLU.")
    x = _battery()
    expected = torch.nn.LeakyReLU()(torch.from_numpy(x)).numpy()
    try:
        got = np.asarray(layer(x), dtype=np.float64)
    except Exception as error:  # the student's layer: reported, not raised
        raise Mistake(f"calling your layer on a float32 array raised "
                      f"{type(error).__name__}: {error}") from None
    if got.shape != x.shape:
        raise Mistake(f"your layer maps shape {x.shape} to {got.shape}; use LeakyReLU alone.")
    if not np.allclose(got, expected, rtol=1e-6, atol=1e-7):
        slope = -float(got[0])  # the output at x = -1
        for known, why in KNOWN_SLOPES.items():
            if math.isclose(slope, known, rel_tol=1e-5):
                raise Mistake(f"your layer's slope is {known}: {why}.")
        if np.allclose(got[x > 0], x[x > 0]) and slope > 0:
            raise Mistake(f"your layer's slope is {slope:.4g}; PyTorch's default is "
                          f"{torch.nn.LeakyReLU().negative_slope}.")
        raise Mistake("your layer's outputs differ from torch.nn.LeakyReLU()'s, e.g. at "
                      f"x = -1 it gives {got[0]:.4g} instead of {expected[0]:.4g}.")
    if any("deprecated" in str(w.message) for w in caught):
        raise Mistake("right outputs, but with the deprecated argument name: Keras 3 calls "
                      "it `negative_slope`, and `alpha=` prints a warning.")
    return (f"Same outputs as torch.nn.LeakyReLU() on {x.size} float32 inputs, "
            "with the Keras 3 argument name.")


def _variants(alpha: float) -> dict:
    """The typical wrong formulas for the gain, by what went wrong."""
    a2 = alpha * alpha
    return {
        "you forgot the square root: that is gain**2 = 2 / (1 + alpha**2)": 2 / (1 + a2),
        "you used 1 + alpha instead of 1 + alpha**2 under the root": math.sqrt(2 / (1 + alpha)),
        "that is ReLU's gain sqrt(2) for every alpha; the slope lowers it": math.sqrt(2),
        "the 2 is missing: the gain is sqrt(2 / (1 + alpha**2))": math.sqrt(1 / (1 + a2)),
        "the root covers the whole fraction: sqrt(2 / (1 + alpha**2)), "
        "not sqrt(2) / (1 + alpha**2)": math.sqrt(2) / (1 + a2),
        "the sign is off: it is 1 + alpha**2, not 1 - alpha**2":
            math.sqrt(2 / (1 - a2)) if a2 < 1 else math.nan,
        "that is the inverse of the gain: sqrt((1 + alpha**2) / 2)": math.sqrt((1 + a2) / 2),
    }


#: Small alphas first, so that a wrong formula is named before it might fail at alpha = 1.
GAIN_ALPHAS = (0.2, 0.01, 0.5, 0.0, 0.1, 0.3, 0.05, 0.75, 1.0, 1.5, 2.0, 3.0,
               *np.round(np.linspace(0.02, 0.98, 25), 2).tolist())


@exercise("14.2", "gain(alpha), the He initialisation gain for Leaky ReLU", hints=[
    "Look at the He initialisation section: gain = sqrt(2 / (1 + alpha**2)).",
    "With alpha = 0 (ReLU) the gain is sqrt(2), about 1.414; with alpha = 1 it is 1.",
    "return float(np.sqrt(2.0 / (1.0 + alpha**2)))",
])
def check_gain(function):
    import torch

    for alpha in GAIN_ALPHAS:
        expected = torch.nn.init.calculate_gain("leaky_relu", alpha)
        got = call_student(function, alpha)
        if isinstance(got, np.ndarray) and got.size == 1:
            got = got.item()
        if isinstance(got, bool) or not isinstance(got, numbers.Real):
            raise Mistake(f"gain({alpha}) returned {got!r}; expected one number.")
        got = float(got)
        if math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12):
            continue
        for why, value in _variants(alpha).items():
            if math.isclose(got, value, rel_tol=1e-9):
                raise Mistake(f"gain({alpha}) = {got:.5g}, expected {expected:.5g}: {why}.")
        raise Mistake(f"gain({alpha}) = {got:.5g}, but calculate_gain gives {expected:.5g}.")
    return (f"Equals torch.nn.init.calculate_gain('leaky_relu', alpha) for {len(GAIN_ALPHAS)} "
            "alphas from 0 to 3.")
