"""Lesson 02 exercises: where max(alpha*x, x) breaks; the piecewise form."""

from __future__ import annotations

import numpy as np

from ..activations import leaky_relu
from ..exercises import Mistake, call_student, exercise
from ._common import compare_elementwise

_X = np.array([-5.0, -2.0, -0.5, -1e-6, 0.0, 1e-6, 0.5, 2.0, 5.0])
_ALPHAS = (0.0, 0.01, 0.5, 1.0, 1.01, 1.5, 2.0)


def _breaks(x, alpha):
    return (alpha > 1) & (x != 0)


@exercise("02.1", "where max(alpha*x, x) differs from the piecewise rule", hints=[
    "For alpha <= 1 the two forms always agree. What happens for alpha > 1?",
    "For alpha > 1 the max picks the wrong branch for every x except one value.",
    "return (alpha > 1) & (x != 0)",
])
def check_max_form_breaks(function):
    for alpha in _ALPHAS:
        result = call_student(function, _X.copy(), alpha)
        try:
            mask = np.broadcast_to(np.asarray(result, dtype=bool), _X.shape)
        except (TypeError, ValueError):
            raise Mistake(f"expected a boolean array shaped like x, got {result!r}") from None
        expected = _breaks(_X, alpha)
        if np.array_equal(mask, expected):
            continue
        if alpha <= 1 and mask.any():
            raise Mistake(f"for alpha = {alpha} (<= 1) the two forms agree everywhere, "
                          "but your mask has True values.")
        if mask[_X == 0].any():
            raise Mistake("at x = 0 both forms give 0: the max form is right there.")
        if np.array_equal(mask, expected & (_X < 0)):
            raise Mistake(f"with alpha = {alpha} the max form is also wrong for x > 0: "
                          "max(alpha*x, x) = alpha*x there, not x.")
        if np.array_equal(mask, expected & (_X > 0)):
            raise Mistake(f"with alpha = {alpha} the max form is also wrong for x < 0: "
                          "max(alpha*x, x) = x there, not alpha*x.")
        if alpha == 1.0:
            raise Mistake("with alpha = 1 both forms are the identity: nothing breaks.")
        raise Mistake(f"wrong for alpha = {alpha}: expected True at x = "
                      f"{_X[expected].tolist()}, got True at x = {_X[mask].tolist()}.")
    return f"Right for alpha in {list(_ALPHAS)}: the max form breaks only for alpha > 1, x != 0."


@exercise("02.2", "the piecewise form, right for every alpha >= 0", hints=[
    "Python's max compares two values; for arrays you need an elementwise choice.",
    "np.where(condition, value_if_true, value_if_false) chooses per element.",
    "return np.where(x > 0, x, alpha * x)",
])
def check_piecewise(function):
    return compare_elementwise(function, leaky_relu, alphas=(0.01, 0.5, 1.5, 2.0),
                               what="leaky_piecewise(x)")
