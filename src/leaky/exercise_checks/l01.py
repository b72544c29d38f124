"""Lesson 01 exercises: write Leaky ReLU; predict what alpha does to negative inputs."""

from __future__ import annotations

import numpy as np

from ..activations import leaky_relu
from ..exercises import Mistake, exercise
from ._common import compare_elementwise


@exercise("01.1", "write leaky_relu(x, alpha)", hints=[
    "For each element: keep x where x > 0, use alpha * x everywhere else.",
    "np.where(condition, value_if_true, value_if_false) does it for a whole array at once.",
    "return np.where(x > 0, x, alpha * x)",
])
def check_leaky_relu(function):
    return compare_elementwise(function, leaky_relu, what="leaky_relu(x)")


@exercise("01.2", "outputs for x = -10 with alpha = 0.01, 0.1 and 0.3", hints=[
    "For x < 0 the output is alpha * x.",
    "alpha = 0.01 gives 0.01 * -10 = -0.1; do the same for 0.1 and 0.3.",
])
def check_negative_outputs(answer):
    expected = [leaky_relu(-10.0, a) for a in (0.01, 0.1, 0.3)]
    try:
        values = [float(v) for v in answer]
    except (TypeError, ValueError):
        raise Mistake(f"expected a list of three numbers, got {answer!r}") from None
    if len(values) != 3:
        raise Mistake(f"expected three numbers (one per alpha), got {len(values)}")
    if np.allclose(values, [0, 0, 0]):
        raise Mistake("that is ReLU's answer: Leaky ReLU lets alpha * x through for x < 0.")
    if np.allclose(values, [10 * a for a in (0.01, 0.1, 0.3)]):
        raise Mistake("the sign is off: for x = -10 the output is alpha * x, which is negative.")
    if not np.allclose(values, expected):
        raise Mistake(f"expected alpha * (-10) for each alpha, got {values}")
    return "The output for negative x grows in proportion to alpha."
