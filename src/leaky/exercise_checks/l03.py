"""Lesson 03 exercises: implement leaky_relu and its derivative."""

from __future__ import annotations

import numpy as np

from ..activations import leaky_relu, leaky_relu_grad
from ..exercises import Mistake, call_student, exercise
from ..gradcheck import gradient_check
from ._common import compare_elementwise

#: Points away from the kink, where finite differences are exact enough.
_AWAY = np.array([-4.0, -2.5, -1.0, -0.3, -0.01, 0.01, 0.3, 1.0, 2.5, 4.0])


@exercise("03.1", "implement leaky_relu(x, alpha)", hints=[
    "Keep x where x > 0, use alpha * x everywhere else.",
    "np.maximum(alpha * x, x) is only right for alpha <= 1; np.where works for every alpha.",
    "return np.where(x > 0, x, alpha * x)",
])
def check_leaky_relu(function):
    return compare_elementwise(function, leaky_relu, what="leaky_relu(x)")


@exercise("03.2", "implement leaky_relu_grad(x, alpha)", hints=[
    "The derivative is 1 where x > 0 and alpha elsewhere, including at x = 0.",
    "Make the result a float array even for integer x: np.full(x.shape, alpha, "
    "dtype=np.result_type(x, 1.0)).",
    "grad = np.full(x.shape, alpha, dtype=np.result_type(x, 1.0)); grad[x > 0] = 1",
])
def check_leaky_relu_grad(function):
    for alpha in (0.01, 0.2):
        result = call_student(function, _AWAY.copy(), alpha)
        try:
            analytic = np.asarray(result, dtype=float)
        except (TypeError, ValueError):
            raise Mistake(f"your function returned {result!r}, not numbers") from None
        if analytic.shape != _AWAY.shape:
            raise Mistake(f"wrong shape: for x of shape {_AWAY.shape} it returned shape "
                          f"{analytic.shape}; return one derivative per element.")
        error = gradient_check(lambda v, a=alpha: leaky_relu(v, a), _AWAY, analytic)
        if error > 1e-6:
            if np.allclose(analytic, leaky_relu(_AWAY, alpha)):
                raise Mistake("that is leaky_relu itself, not its derivative (the slope).")
            raise Mistake(f"does not match finite differences away from 0 (alpha = {alpha}, "
                          f"relative error {error:.2g}): 1 for x > 0, alpha for x < 0.")
    at_zero = call_student(function, np.array([0.0]), 0.01)
    try:
        value = float(np.asarray(at_zero, dtype=float).reshape(-1)[0])
    except (TypeError, ValueError, IndexError):
        raise Mistake(f"for x = [0.0] your function returned {at_zero!r}") from None
    if value == 1.0:
        raise Mistake("at x = 0 you return 1 (the slide's convention). That is a valid "
                      "subgradient, but PyTorch and TensorFlow return alpha there, so a test "
                      "against them fails: use alpha for x <= 0.")
    if value != 0.01:
        raise Mistake(f"at x = 0 you return {value:g}; this course (like PyTorch and "
                      "TensorFlow) uses alpha there.")
    ints = call_student(function, np.array([-2, -1, 0, 1, 2]), 0.01)
    values = np.asarray(ints, dtype=float)
    if values.shape == (5,) and values[0] == 0.0:
        raise Mistake("for integer x the derivative at -2 is 0, not alpha: np.ones_like(x) "
                      "on an int array is an int array, so alpha = 0.01 is truncated to 0. "
                      "Build the result as a float array.")
    return compare_elementwise(function, leaky_relu_grad, alphas=(0.01, 0.2, 1.5),
                               what="leaky_relu_grad(x)")
