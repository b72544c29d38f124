"""Lesson 04 exercises: read a slope off a y-zoomed plot; predict what zooming both axes does."""

from __future__ import annotations

import numpy as np

from ..exercises import Mistake, exercise, short
from ..plots_slopes import _MYSTERY_ALPHA, MYSTERY_X_LIMIT, square_window_drop
from ._common import as_number

#: Reading a plot: a slope within this of the truth was read right (0.03 of y at x = -10).
_READ_TOLERANCE = 0.003
_ALPHA_42 = 0.05
_HALF_WIDTHS = (10.0, 1.0, 0.1)


def _near(value, target, tolerance=_READ_TOLERANCE):
    return abs(value - target) <= tolerance


@exercise("04.1", "read the slope left of 0 off the zoomed plot", hints=[
    "On the zoomed panel, follow the left branch to the left edge, x = -10, and read y there.",
    "Slope = rise / run: from x = -10 to x = 0 the curve rises from y(-10) to 0, over a run "
    "of 10.",
])
def check_mystery_slope(answer):
    slope = as_number(answer, "the slope")
    drop = _MYSTERY_ALPHA * MYSTERY_X_LIMIT
    if _near(slope, _MYSTERY_ALPHA):
        return ("Rise over run on the zoomed panel gives alpha; at the slide's scale the same "
                "branch looks flat.")
    if _near(slope, -_MYSTERY_ALPHA):
        raise Mistake("the sign is off: going right, the left branch rises towards 0, so its "
                      "slope is positive.")
    if _near(abs(slope), drop, 10 * _READ_TOLERANCE):
        raise Mistake(f"{slope:g} is how far the curve drops over the whole run, not the slope: "
                      "divide the rise by the run.")
    if _near(abs(slope), 1 / _MYSTERY_ALPHA, 5.0):
        raise Mistake("that is run over rise; the slope is rise over run.")
    if _near(slope, 0.0, 1e-9):
        raise Mistake("the branch looks flat only at the slide's scale: read it on the zoomed "
                      "panel on the right.")
    if _near(slope, 1.0, 0.05):
        raise Mistake("1 is the slope right of 0; the question is about the left branch.")
    if _near(slope, 0.01, 1e-9):
        raise Mistake("0.01 is PyTorch's default alpha; this curve has another one. Read it "
                      "off the zoomed panel.")
    raise Mistake(f"{slope:g} is not what the zoomed panel shows: pick a point on the left "
                  "branch, read its x and y, and divide.")


@exercise("04.2", "zoom both axes: predict the drop at the left edge", hints=[
    "At x = -L the curve is at alpha * (-L), so it is alpha * L below the centre line.",
    "Divide that distance by the half-height L. What is left of L?",
])
def check_square_windows(answer):
    if isinstance(answer, (str, bytes, dict)) or not hasattr(answer, "__len__"):
        raise Mistake(f"expected a list of three numbers, got {short(answer)}.")
    if len(answer) != len(_HALF_WIDTHS):
        raise Mistake(f"expected three numbers (L = 10, 1, 0.1), got {len(answer)}.")
    values = np.array([as_number(v, "each fraction") for v in answer])
    expected = np.array([square_window_drop(_ALPHA_42, half) for half in _HALF_WIDTHS])
    halves = np.array(_HALF_WIDTHS)
    if np.allclose(values, expected, atol=1e-3):
        return ("The same fraction for every L: zooming both axes by the same factor draws "
                "the same picture. Run the next cell to see it.")
    if np.allclose(values, 100 * expected, atol=1e-3):
        raise Mistake("give fractions of L (0.5 for half of it), not percentages.")
    if np.allclose(values, -expected, atol=1e-3):
        raise Mistake("give the distance below y = 0 as a positive fraction.")
    if np.allclose(values, _ALPHA_42 * halves, atol=1e-3):
        raise Mistake("those are the distances alpha * L themselves; divide each by its "
                      "half-height L.")
    if np.allclose(values, _ALPHA_42 / halves, atol=1e-3):
        raise Mistake("the distance alpha * L and the half-height L shrink together when you "
                      "zoom in: divide one by the other.")
    if np.allclose(values, 0.0):
        raise Mistake("the curve is below 0 at x = -L by alpha * L, not by 0.")
    raise Mistake("work out the distance below 0 at x = -L for alpha = 0.05, then divide it "
                  "by L, for each L.")
