"""Lesson 08 exercises: the largest gradient at x = -3; a stable sigmoid."""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid
from ..exercises import Mistake, call_student, exercise

CHOICES = ("relu", "leaky_relu", "sigmoid", "tanh")
FEEDBACK = {
    "relu": "ReLU's gradient is exactly 0 for every x < 0: the smallest possible.",
    "leaky_relu": "Leaky ReLU's gradient at -3 is alpha = 0.01; one of the others is larger.",
    "tanh": "tanh'(-3) = 1 - tanh(-3)**2 is about 0.0099: saturated.",
}


@exercise("08.1", "largest gradient at x = -3", hints=[
    "Compute leaky.relu_grad, leaky_relu_grad, sigmoid_grad and tanh_grad at -3.",
])
def check_largest_gradient(answer):
    if not isinstance(answer, str) or answer.strip().lower() not in CHOICES:
        raise Mistake(f"answer with one of {list(CHOICES)}, got {answer!r}")
    choice = answer.strip().lower()
    if choice in FEEDBACK:
        raise Mistake(FEEDBACK[choice])
    return "sigmoid'(-3) is about 0.045: larger than alpha = 0.01 and tanh'(-3)."


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
        raise Mistake("your function should return an array of numbers") from None
    if result.shape != x.shape:
        raise Mistake(f"wrong shape: {result.shape} for input of shape {x.shape}")
    if np.isnan(result).any():
        raise Mistake("NaN in the output (inf / inf?): pick the form for each sign of x.")
    expected = sigmoid(x)
    if not np.allclose(result, expected, rtol=1e-9, atol=1e-300):
        i = int(np.argmax(~np.isclose(result, expected, rtol=1e-9, atol=1e-300)))
        raise Mistake(f"sigmoid({x[i]:.4g}) should be {expected[i]:.4g}, got {result[i]:.4g}")
    return f"Matches leaky.sigmoid on {x.size} inputs, |x| up to 1000, no overflow."
