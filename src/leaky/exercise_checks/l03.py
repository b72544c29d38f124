"""Lesson 03 exercises: predict the slide's derivative on integers; a dtype-safe derivative."""

from __future__ import annotations

import numpy as np

from ..activations import leaky_relu, leaky_relu_grad
from ..exercises import Mistake, call_student, exercise, short
from ..gradcheck import gradient_check
from ._common import as_number, as_values, compare_elementwise

_X_INT = np.array([-2, -1, 0, 1, 2])
_ALPHAS = (0.9, 1.5)
#: Points away from the kink, where finite differences are exact enough.
_AWAY = np.array([-4.0, -2.5, -1.0, -0.3, -0.01, 0.01, 0.3, 1.0, 2.5, 4.0])
#: The fix every dtype message points to: the result's dtype, chosen on purpose.
_DTYPE_FIX = ("np.result_type(x, 1.0) is that dtype (x's own float type, float64 for "
              "integers): create the result with it, or convert with "
              ".astype(np.result_type(x, 1.0)).")


def _slide(x, alpha):
    dx = np.ones_like(x)
    dx[x < 0] = alpha
    return dx


def _five_numbers(row, which):
    if isinstance(row, (str, bytes, dict)) or not hasattr(row, "__len__"):
        raise Mistake(f"the {which} entry should be a list of five numbers, got {short(row)}.")
    if len(row) != len(_X_INT):
        raise Mistake(f"the {which} list should have five numbers (x = -2, -1, 0, 1, 2), "
                      f"got {len(row)}.")
    return np.array([as_number(v, "each value") for v in row])


@exercise("03.1", "predict the slide's derivative on integers for alpha = 0.9 and 1.5", hints=[
    "np.ones_like(x) on an integer array is an integer array: [1, 1, 1, 1, 1].",
    "Storing a float into an integer array keeps only its integer part (truncation toward "
    "zero): 0.01 becomes 0. Only the positions where x < 0 are overwritten.",
])
def check_slide_on_ints(answer):
    if isinstance(answer, (str, bytes, dict)) or not hasattr(answer, "__len__"):
        raise Mistake(f"expected two lists of five numbers, got {short(answer)}.")
    if len(answer) != 2:
        raise Mistake(f"expected two lists (alpha = 0.9, then 1.5), got {len(answer)} items.")
    rows = [_five_numbers(row, which) for row, which in zip(answer, ("first", "second"),
                                                             strict=True)]
    for row, alpha in zip(rows, _ALPHAS, strict=True):
        expected = _slide(_X_INT, alpha)
        if np.array_equal(row, expected):
            continue
        negative = row[:2]
        if np.allclose(negative, alpha):
            raise Mistake(f"with alpha = {alpha} you kept {alpha} for x < 0, but the array is "
                          "an integer array: the float cannot be stored as it is.")
        if np.allclose(negative, np.round(alpha + 0.01)):
            raise Mistake(f"numpy does not round {alpha} when it stores it in an integer array; "
                          "it truncates toward zero.")
        if row[2] != expected[2]:
            raise Mistake("look at x = 0 again: the slide overwrites only the positions where "
                          "x < 0; x = 0 keeps what np.ones_like put there.")
        raise Mistake(f"not what the slide's code returns for alpha = {alpha}: start from "
                      "np.ones_like(x) and overwrite the x < 0 positions.")
    return ("Truncation makes 0.9 into 0 and 1.5 into 1: on integers the slide's derivative "
            "has no alpha in it at all.")


@exercise("03.2", "a derivative without the dtype trap", hints=[
    "The derivative is 1 where x > 0 and alpha elsewhere, including at x = 0.",
    "Choose the result's dtype on purpose: np.result_type(x, 1.0) is x's dtype for float "
    "input and float64 for integer input.",
    "return np.where(x > 0, 1.0, alpha).astype(np.result_type(x, 1.0))",
])
def check_leaky_relu_grad(function):
    for alpha in (0.01, 0.2):
        result = call_student(function, _AWAY.copy(), alpha)
        analytic = as_values(result)
        if analytic.shape != _AWAY.shape:
            raise Mistake(f"wrong shape: for x of shape {_AWAY.shape} it returned shape "
                          f"{analytic.shape}; return one derivative per element.")
        got = getattr(result, "dtype", None)
        if got is not None and np.issubdtype(got, np.floating) and got != _AWAY.dtype:
            raise Mistake(f"float64 in, {got} out: the derivative should keep x's float "
                          f"dtype. {_DTYPE_FIX}")
        error = gradient_check(lambda v, a=alpha: leaky_relu(v, a), _AWAY, analytic)
        if error > 1e-6:
            if np.allclose(analytic, leaky_relu(_AWAY, alpha)):
                raise Mistake("that is leaky_relu itself, not its derivative (the slope).")
            raise Mistake(f"does not match finite differences away from 0 (alpha = {alpha}, "
                          f"relative error {error:.2g}): 1 for x > 0, alpha for x < 0.")
    at_zero = np.asarray(call_student(function, np.array([0.0]), 0.01), dtype=float)
    value = float(at_zero.reshape(-1)[0]) if at_zero.size else float("nan")
    if value == 1.0:
        raise Mistake("at x = 0 you return 1 (the slide's convention). That is a valid "
                      "subgradient, but PyTorch and TensorFlow return alpha there, so a test "
                      "against them fails: use alpha for x <= 0.")
    if not np.isclose(value, 0.01, rtol=1e-6):
        raise Mistake(f"at x = 0 you return {value:g}; this course (like PyTorch and "
                      "TensorFlow) uses alpha there.")
    ints = call_student(function, _X_INT.copy(), 0.01)
    values = np.asarray(ints, dtype=float)
    if values.shape == _X_INT.shape and not np.isclose(values[0], 0.01, rtol=1e-6):
        raise Mistake(f"for integer x the derivative at -2 is {values[0]:g}, not alpha = 0.01: "
                      "an array created from x (np.ones_like(x), x.dtype) is an integer array, "
                      f"and alpha stored into it is truncated. {_DTYPE_FIX}")
    int_dtype = getattr(ints, "dtype", None)
    if int_dtype is None:
        raise Mistake(f"return a numpy array (with a dtype), got {short(ints)}. {_DTYPE_FIX}")
    if not np.issubdtype(int_dtype, np.floating):
        raise Mistake(f"for integer x return a float array, got {short(ints)}. {_DTYPE_FIX}")
    for dtype in (np.float32, np.float16):
        out = call_student(function, _AWAY.astype(dtype), 0.01)
        got = getattr(out, "dtype", None)
        if got != dtype:
            name = np.dtype(dtype).name
            raise Mistake(f"{name} in, {got or type(out).__name__} out: the derivative "
                          f"should keep x's float dtype. {_DTYPE_FIX}")
    return compare_elementwise(function, leaky_relu_grad, alphas=(0.01, 0.2, 1.5),
                               what="leaky_relu_grad(x)")
