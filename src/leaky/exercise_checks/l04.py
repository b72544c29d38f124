"""Lesson 04 exercises: read slopes and the derivative's jump off the plot."""

from __future__ import annotations

import numpy as np

from ..exercises import Mistake, exercise

_ALPHAS = (0.05, 0.3)


def _two_numbers(answer, what):
    try:
        values = [float(v) for v in answer]
    except (TypeError, ValueError):
        raise Mistake(f"expected a list of two numbers ({what}), got {answer!r}") from None
    if len(values) != 2:
        raise Mistake(f"expected two numbers, one per alpha, got {len(values)}")
    return values


@exercise("04.1", "slopes left of 0 for alpha = 0.05 and 0.3", hints=[
    "Left of 0, f(x) = alpha * x: a straight line through the origin.",
    "Rise over run: going from x = 0 to x = -1 the function goes from 0 to -alpha.",
])
def check_left_slopes(answer):
    values = _two_numbers(answer, "the slopes")
    if np.allclose(values, _ALPHAS, atol=0.005):
        return "Left of 0 the slope is alpha itself."
    if np.allclose(values, [-a for a in _ALPHAS], atol=0.005):
        raise Mistake("the sign is off: the line goes down to the left, so rise/run > 0.")
    if np.allclose(values, [1, 1]):
        raise Mistake("1 is the slope right of 0; the question is about x < 0.")
    if np.allclose(values, [0, 0]):
        raise Mistake("the left side looks flat only for tiny alpha: zoom in (x_max).")
    if np.allclose(values, _ALPHAS[::-1], atol=0.005):
        raise Mistake("the two are swapped: first alpha = 0.05, then alpha = 0.3.")
    raise Mistake(f"expected the slope left of 0 for each alpha, got {values}")


@exercise("04.2", "jump of the derivative at 0 for alpha = 0.05 and 0.3", hints=[
    "The derivative is alpha left of 0 and 1 right of 0.",
    "The jump is the difference: 1 - alpha.",
])
def check_jumps(answer):
    values = _two_numbers(answer, "the jumps")
    expected = [1 - a for a in _ALPHAS]
    if np.allclose(values, expected, atol=0.005):
        return "The jump 1 - alpha shrinks as alpha grows; alpha = 1 has no kink at all."
    if np.allclose(values, [-v for v in expected], atol=0.005):
        raise Mistake("the derivative steps *up* from alpha to 1: give positive numbers.")
    if np.allclose(values, _ALPHAS, atol=0.005):
        raise Mistake("that is alpha, the derivative left of 0; the jump is 1 - alpha.")
    if np.allclose(values, [1 + a for a in _ALPHAS], atol=0.005):
        raise Mistake("the jump is a difference, 1 - alpha, not a sum.")
    if np.allclose(values, [1, 1]):
        raise Mistake("1 is the jump for ReLU (alpha = 0); with alpha it is 1 - alpha.")
    raise Mistake(f"expected 1 - alpha for each alpha, got {values}")
