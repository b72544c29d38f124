"""Lesson 08 exercises: the alpha at which Leaky ReLU's gradient matches sigmoid's; a stable
sigmoid."""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid, sigmoid_grad, tanh_grad
from ..exercises import Mistake, call_student, exercise, short

X_NEG = -np.concatenate([[3.0, 10.0, 1e-3, 0.5, 1.0, 50.0],
                         np.geomspace(0.01, 30, 34)])


RTOL = 1e-6   # float32 answers pass; far out, relative accuracy is what is checked


def _matches(result, expected):
    return result.shape == expected.shape and np.allclose(result, expected, rtol=RTOL,
                                                          atol=1e-300)


def _far_out_only(x, result, expected):
    """True if ``result`` is right where |x| <= 20 and wrong only further out: a formula
    that loses the tiny values far out (1 - something near 1, clipping)."""
    near = np.abs(x) <= 20
    return (np.allclose(result[near], expected[near], rtol=RTOL, atol=1e-300)
            and np.allclose(result, expected, rtol=0, atol=1e-12))


@exercise("08.1", "an alpha that beats sigmoid", hints=[
    "For x < 0 Leaky ReLU's gradient is alpha. Which alpha makes it equal to sigmoid's "
    "gradient at x?",
    "sigmoid's gradient is leaky.sigmoid_grad(x) = sigmoid(x) * (1 - sigmoid(x)).",
])
def check_alpha_to_match_sigmoid(function):
    x = X_NEG.copy()
    result = call_student(function, x)
    try:
        result = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise Mistake(f"return numbers (an array like x), got {short(result)}.") from None
    if result.ndim == 0:
        result = np.full(x.shape, float(result))
    if result.shape != x.shape:
        raise Mistake(f"wrong shape: {result.shape} for x of shape {x.shape}; one alpha per x.")
    expected = sigmoid_grad(x)
    if _matches(result, expected):
        at3 = float(sigmoid_grad(-3.0))
        return (f"Right for {x.size} negative x, from -50 to -0.001. At x = -3 an alpha above "
                f"{at3:.3f} beats sigmoid, {at3 / 0.01:.1f} times the default 0.01; far out "
                "(x = -10) even 0.01 beats it.")
    if _matches(result, sigmoid(x)):
        raise Mistake("that is sigmoid itself, not its slope: compare gradients.")
    if _matches(result, tanh_grad(x)):
        raise Mistake("that is tanh's slope; the question is about sigmoid.")
    if _matches(result, -expected):
        raise Mistake("the sign is off: a slope alpha >= 0 is what Leaky ReLU takes.")
    if np.allclose(result, 0.25):
        raise Mistake("0.25 is sigmoid's slope at x = 0 only; for negative x it is smaller.")
    if np.allclose(result, 0.01):
        raise Mistake("0.01 is the default alpha, not the alpha that matches sigmoid at x.")
    i = int(np.argmax(~np.isclose(result, expected, rtol=RTOL, atol=1e-300)))
    if _far_out_only(x, result, expected):
        raise Mistake(f"right for moderate x, but at x = {x[i]:.4g} the alpha should be "
                      f"{expected[i]:.4g}, got {result[i]:.4g}: your formula loses tiny values "
                      "far out. sigmoid(x) * (1 - sigmoid(x)) keeps them.")
    raise Mistake(f"at x = {x[i]:.4g} the alpha should be {expected[i]:.4g}, got {result[i]:.4g}.")


X_BIG = np.array([-1000.0, -710.0, -50.0, -3.0, 0.0, 3.0, 50.0, 710.0, 1000.0])


@exercise("08.2", "a stable sigmoid", hints=[
    "exp(-x) overflows for x < -709; exp(-|x|) never does.",
    "For x >= 0 use 1 / (1 + exp(-x)); for x < 0 use exp(x) / (1 + exp(x)).",
    "z = np.exp(-np.abs(x)); np.where(x >= 0, 1 / (1 + z), z / (1 + z))",
])
def check_stable_sigmoid(function):
    rng = np.random.default_rng(0)
    x = np.concatenate([X_BIG, rng.normal(scale=5, size=40)])
    try:
        with np.errstate(over="raise"):
            result = call_student(function, x.copy())
    except Mistake as mistake:
        if "raised FloatingPointError" in str(mistake):
            raise Mistake("overflow in np.exp for large |x|: exp(-x) overflows for x < -709. "
                          "Use exp(-|x|), which is at most 1.") from None
        raise
    try:
        result = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise Mistake(f"return an array of numbers, got {short(result)}.") from None
    if result.shape != x.shape:
        raise Mistake(f"wrong shape: {result.shape} for input of shape {x.shape}.")
    if np.isnan(result).any():
        raise Mistake("NaN in the output (inf / inf?): pick the form for each sign of x.")
    expected = sigmoid(x)
    if not np.allclose(result, expected, rtol=RTOL, atol=1e-300):
        i = int(np.argmax(~np.isclose(result, expected, rtol=RTOL, atol=1e-300)))
        if _far_out_only(x, result, expected):
            raise Mistake(f"right for moderate x, but sigmoid({x[i]:.4g}) should be "
                          f"{expected[i]:.4g}, got {result[i]:.4g}: the tiny values far out "
                          "are wrong (clipping x, or 1 - something near 1?). exp(-|x|) gets "
                          "them right.")
        raise Mistake(f"sigmoid({x[i]:.4g}) should be {expected[i]:.4g}, got {result[i]:.4g}.")
    return f"Matches leaky.sigmoid on {x.size} inputs, |x| up to 1000, no overflow."
