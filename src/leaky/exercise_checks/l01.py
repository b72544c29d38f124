"""Lesson 01 exercises: Leaky ReLU built from ReLU; predict the mean gradient it passes back."""

from __future__ import annotations

import numpy as np

from ..activations import leaky_relu, relu
from ..exercises import Mistake, call_student, exercise, short
from ._common import as_number, as_values, battery, compare_elementwise, raise_known_mistake


@exercise("01.1", "Leaky ReLU built from ReLU", hints=[
    "relu(x) is Leaky ReLU's positive side, and 0 where x <= 0. What is missing is "
    "alpha * x on the negative side.",
    "relu(-x) is -x where x < 0 and 0 elsewhere: the negative side, flipped to positive.",
    "return leaky.relu(x) - alpha * leaky.relu(-x)",
])
def check_leaky_from_relu(function):
    x = battery(np.random.default_rng(1))
    alpha = 0.2
    values = as_values(call_student(function, x.copy(), alpha))
    expected = leaky_relu(x, alpha)
    if values.shape == x.shape and not np.allclose(values, expected):
        known = [
            (relu(x), "wrong for negative x: that is ReLU alone. Add the negative side, "
             "scaled by alpha (relu(-x) holds it, flipped)."),
            (relu(x) + alpha * relu(-x), "wrong for negative x: relu(-x) is positive there, "
             "so adding it makes the output positive; Leaky ReLU is negative for x < 0."),
            (relu(x) - relu(-x), "wrong for negative x: relu(x) - relu(-x) is x itself "
             "(alpha = 1); scale the negative side by alpha."),
            (alpha * relu(x) - relu(-x), "alpha scales the negative side, not the positive "
             "one: the positive side passes unchanged."),
            (relu(x) + alpha * x, "for x > 0 that gives (1 + alpha) * x: alpha * x must "
             "count only on the negative side, which relu(-x) picks out."),
        ]
        raise_known_mistake(values, expected, known)
        if np.allclose(values[x < 0], 0.0):
            raise Mistake("your function gives 0 for every x < 0, as relu(x) does: no "
                          "multiple of relu(x) reaches the negative side. Use relu(-x).")
    return compare_elementwise(function, leaky_relu, what="leaky_relu(x)")


@exercise("01.2", "predict the mean gradient: 20% positive inputs, alpha = 0.1", hints=[
    "f'(z) is 1 for z > 0 and alpha for z < 0 (0 for ReLU). The mean is a weighted average: "
    "(share of positive examples) * 1 + (share of negative examples) * f'(negative z).",
    "ReLU: 0.2 * 1 + 0.8 * 0. Leaky ReLU: 0.2 * 1 + 0.8 * 0.1.",
])
def check_mean_gradients(answer):
    relu_mean, leaky_mean = _two_numbers(answer)
    if relu_mean > 1 or leaky_mean > 1:
        raise Mistake("a mean of f'(z) is at most 1 (f' is 1 or alpha): give fractions "
                      "such as 0.5, not percentages.")
    if _near(relu_mean, _SHARE + (1 - _SHARE) * _ALPHA) and _near(leaky_mean, _SHARE):
        raise Mistake("right numbers, wrong order: ReLU's mean first, then Leaky ReLU's.")
    if _near(relu_mean, 0.8) or _near(leaky_mean, 0.8 + 0.2 * _ALPHA):
        raise Mistake("you swapped the shares: 20% of the inputs are positive, 80% negative.")
    if not _near(relu_mean, _SHARE):
        if _near(relu_mean, 0.0):
            raise Mistake("ReLU's gradient is 0 only for negative inputs; the positive 20% "
                          "pass a gradient of 1.")
        raise Mistake(f"the ReLU mean is off ({relu_mean:g}): f'(z) is 1 on the positive "
                      "inputs and 0 on the others.")
    if _near(leaky_mean, _SHARE):
        raise Mistake("that is ReLU's value again: Leaky ReLU also passes alpha on the 80% "
                      "negative inputs.")
    if _near(leaky_mean, _SHARE + _ALPHA):
        raise Mistake("alpha counts only for the negative examples: weight it by their "
                      "share of 80%.")
    if _near(leaky_mean, (1 - _SHARE) * _ALPHA):
        raise Mistake("the positive 20% still pass a gradient of 1 with Leaky ReLU.")
    if _near(leaky_mean, _SHARE + (1 - _SHARE) * 0.01):
        raise Mistake("that is the value for alpha = 0.01; the question uses alpha = 0.1.")
    if not _near(leaky_mean, _SHARE + (1 - _SHARE) * _ALPHA):
        raise Mistake(f"the Leaky ReLU mean is off ({leaky_mean:g}): average 1 over the "
                      "positive examples and alpha over the negative ones.")
    return ("Leaky ReLU's mean gradient can never drop below alpha, whatever share of the "
            "inputs is negative; ReLU's can drop to 0.")


_SHARE, _ALPHA = 0.2, 0.1


def _near(value, target):
    return abs(value - target) <= 0.005


def _two_numbers(answer):
    if isinstance(answer, (str, bytes, dict)) or not hasattr(answer, "__len__"):
        raise Mistake(f"expected a list of two numbers, got {short(answer)}.")
    if len(answer) != 2:
        raise Mistake(f"expected two numbers (ReLU, then Leaky ReLU), got {len(answer)} items.")
    return [as_number(value, "each mean") for value in answer]
