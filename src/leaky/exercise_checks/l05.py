"""Lesson 05 exercises: count the dead units of a layer; which slope keeps more units alive."""

from __future__ import annotations

import numpy as np

from ..dying import count_dead_units
from ..exercises import Mistake, call_student, exercise


def _dead_unit_cases():
    """Pre-activation matrices (examples x units), never square, with tricky columns."""
    rng = np.random.default_rng(5)
    cases = []
    # Hand-made: an all-zero column (dead: ReLU's gradient at 0 is 0), a column negative
    # except one exact 0 (dead), a column negative except one positive value (alive), a
    # column with some negatives (alive), an all-negative column (dead).
    cases.append(np.array([[0.0, -1.0, -2.0, 1.0, -0.5],
                           [0.0, 0.0, -1.0, -1.0, -0.1],
                           [0.0, -3.0, 0.5, 2.0, -2.0]]))
    for rows, cols in [(50, 7), (5, 30), (1, 4), (20, 1), (64, 16), (3, 200)]:
        z = rng.normal(size=(rows, cols))
        shift = rng.uniform(0, 3, size=cols)  # push some columns below zero
        z = z - shift
        dead_cols = rng.random(cols) < 0.3
        z[:, dead_cols] = -np.abs(z[:, dead_cols])
        cases.append(z)
    return cases


@exercise("05.1", "count the dead units of a layer", hints=[
    "Rows are examples, columns are units. A unit is one column of z.",
    "z <= 0 gives a bool matrix; np.all(..., axis=0) asks 'true in every row?' for each "
    "column.",
    "return int(np.sum(np.all(z <= 0, axis=0)))",
])
def check_count_dead(function):
    cases = _dead_unit_cases()
    values = []
    for z in cases:
        given = z.copy()
        result = call_student(function, given)
        if not np.array_equal(given, z):
            raise Mistake("your function modified z; only read it.")
        if np.ndim(result) != 0:
            raise Mistake(f"return one number (how many units are dead), not an array of "
                          f"shape {np.shape(result)}: sum the per-unit answers.")
        try:
            values.append(float(result))
        except (TypeError, ValueError):
            raise Mistake(f"return a number, got {result!r}") from None
    expected = [count_dead_units(z) for z in cases]
    if values == expected:
        return f"Right on {len(cases)} matrices, including all-zero and nearly dead columns."
    # A wrong answer: name the mistake whose results match the student's on every matrix.
    for mistake, variant in _WRONG_COUNTS:
        if all(np.isclose(v, variant(z)) for v, z in zip(values, cases, strict=True)):
            raise Mistake(mistake)
    i = next(k for k, (v, e) in enumerate(zip(values, expected, strict=True)) if v != e)
    rows, cols = cases[i].shape
    raise Mistake(f"expected {expected[i]} dead units for z of shape {cases[i].shape} "
                  f"({rows} examples, {cols} units), got {values[i]:g}.")


_WRONG_COUNTS = [
    ("a pre-activation of exactly 0 counts as inactive too: ReLU outputs 0 there and its "
     "gradient is 0. Use z <= 0, not z < 0.",
     lambda z: np.count_nonzero(np.all(z < 0, axis=0))),
    ("you counted examples (rows), not units (columns): use axis=0, which runs over the "
     "examples.",
     lambda z: np.count_nonzero(np.all(z <= 0, axis=1))),
    ("you counted units that are inactive for *some* example; a dead unit is inactive for "
     "*every* example (np.all, not np.any).",
     lambda z: np.count_nonzero(np.any(z <= 0, axis=0))),
    ("you counted inactive entries of z; count units (columns) whose entries are all <= 0.",
     lambda z: np.count_nonzero(z <= 0)),
    ("that is the fraction of dead units; return how many there are.",
     lambda z: count_dead_units(z) / z.shape[1]),
]


@exercise("05.2", "which slope keeps more units alive", hints=[
    "For a dead unit every pre-activation is negative, so the gradient reaching its "
    "weights is the upstream gradient times the slope on the negative side.",
    "Everything else being equal, the weight gradient is proportional to alpha.",
    "The larger slope wins; the ratio of the two steps is 0.3 / 0.01.",
])
def check_slope_choice(answer):
    try:
        alpha, ratio = (float(v) for v in answer)
    except (TypeError, ValueError):
        raise Mistake(f"answer with a pair (alpha, ratio), e.g. (0.5, 2); got {answer!r}") \
            from None
    if np.isclose(alpha, 0.01):
        raise Mistake("with a smaller slope the dead unit's gradient is smaller: the weight "
                      "gradient of a unit with z < 0 is proportional to alpha.")
    if not np.isclose(alpha, 0.3):
        raise Mistake(f"choose one of the two slopes, 0.01 or 0.3; got alpha = {alpha:g}.")
    if np.isclose(ratio, 0.01 / 0.3):
        raise Mistake("the ratio is upside down: how many times larger is the step with "
                      "0.3 than with 0.01?")
    if np.isclose(ratio, 0.29):
        raise Mistake("that is the difference of the slopes; the step scales with alpha, "
                      "so compare them by dividing.")
    if not np.isclose(ratio, 30):
        raise Mistake(f"the step is proportional to alpha, so the ratio is 0.3 / 0.01; "
                      f"got {ratio:g}.")
    return ("alpha = 0.3: a dead unit's gradient is alpha times what an active unit gets, "
            "30 times more than with 0.01 (but large slopes are also less non-linear).")
