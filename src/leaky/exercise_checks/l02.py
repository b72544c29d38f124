"""Lesson 02 exercises: predict the max form for a negative alpha; PReLU's df/dalpha."""

from __future__ import annotations

import numpy as np

from ..activations import leaky_relu, leaky_relu_grad
from ..exercises import Mistake, call_student, exercise, short
from ._common import as_number, as_values, battery, compare_elementwise, raise_known_mistake

_X5 = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
_NEG_ALPHA = -0.5


@exercise("02.1", "predict max(alpha*x, x) for alpha = -0.5", hints=[
    "Work each x separately: compute alpha * x = -0.5 * x, then keep the larger of it and x.",
    "For x = -2: -0.5 * -2 = 1, and max(1, -2) = 1. Now x = -1, 0, 1 and 2.",
])
def check_negative_alpha(answer):
    if isinstance(answer, (str, bytes, dict)) or not hasattr(answer, "__len__"):
        raise Mistake(f"expected a list of five numbers, got {short(answer)}.")
    if len(answer) != len(_X5):
        raise Mistake(f"expected five numbers (one per x = -2, -1, 0, 1, 2), got {len(answer)}.")
    values = np.array([as_number(v, "each output") for v in answer])
    expected = np.maximum(_NEG_ALPHA * _X5, _X5)
    if np.allclose(values, expected):
        return ("the same five numbers as the piecewise rule (alpha * x for x <= 0, x for "
                "x > 0): the max form is right here.")
    known = {
        "x itself": (_X5, "for x < 0, alpha * x = -0.5 * x is positive, so it beats x."),
        "alpha * x": (_NEG_ALPHA * _X5, "for x > 0, alpha * x is negative, so x wins."),
        "the min": (np.minimum(_NEG_ALPHA * _X5, _X5), "that is the smaller of the two; "
                    "the max keeps the larger one."),
        "sign": (np.where(_X5 > 0, _X5, -_NEG_ALPHA * _X5), "check the sign of alpha * x for "
                 "negative x: -0.5 times a negative number is positive."),
        "|x|": (np.abs(_X5), "|x| would be alpha = -1; with alpha = -0.5 the negative side "
                "is half as steep."),
    }
    for reference, message in known.values():
        if np.allclose(values, reference):
            raise Mistake(message)
    i = int(np.argmax(~np.isclose(values, expected)))
    raise Mistake(f"wrong at x = {_X5[i]:g}: compare alpha * x = {_NEG_ALPHA * _X5[i]:g} "
                  f"with x = {_X5[i]:g} and keep the larger; you wrote {values[i]:g}.")


def _grad_alpha(x, alpha=0.25):
    """The reference: d leaky_relu(x, alpha) / d alpha (x for x <= 0, 0 for x > 0)."""
    x = np.asarray(x)
    return np.where(x > 0, x.dtype.type(0), x)


@exercise("02.2", "PReLU's derivative with respect to alpha", hints=[
    "Treat x as a constant. For x > 0, f = x: does that change when alpha changes?",
    "For x <= 0, f = alpha * x: a straight line in alpha. What is its slope in alpha?",
    "return np.where(x > 0, 0.0, x)",
])
def check_prelu_grad_alpha(function):
    x = battery(np.random.default_rng(1))
    alpha = 0.25
    values = as_values(call_student(function, x.copy(), alpha))
    raise_known_mistake(values, _grad_alpha(x), [
        (leaky_relu_grad(x, alpha), "that is df/dx (1 or alpha), the slope in x. Here x "
         "stays fixed and alpha changes."),
        (leaky_relu(x, alpha), "that is f itself, not its derivative with respect to "
         "alpha."),
        (np.where(x > 0, 0.0, alpha * x), "alpha * x is the output; its derivative in "
         "alpha has no alpha in it."),
        (x, "for x > 0, f = x does not depend on alpha: its derivative there is 0."),
        (np.where(x > 0, 1.0, x), "for x > 0, f = x does not depend on alpha: its "
         "derivative there is 0, not 1."),
        (np.where(x > 0, 0.0, -x), "the sign is off: for x < 0, f = alpha * x gets "
         "more negative as alpha grows."),
        (np.where(x > 0, 0.0, 1.0), "the derivative of alpha * x with respect to alpha is "
         "not 1: it depends on x."),
    ])
    return compare_elementwise(function, _grad_alpha, alphas=(0.01, 0.25, 1.5),
                               what="df/dalpha at x")
