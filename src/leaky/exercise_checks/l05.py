"""Lesson 05 exercises: count the dead units of a layer; dead units before training with
centred inputs; whether a dead unit of a deeper layer can come back."""

from __future__ import annotations

import numpy as np

from ..dying import count_dead_units
from ..exercises import Mistake, call_student, exercise, short


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
        result = call_student(function, z.copy())
        if np.ndim(result) != 0:
            raise Mistake(f"return one number (how many units are dead), not an array of "
                          f"shape {np.shape(result)}: sum the per-unit answers.")
        result = result.item() if isinstance(result, np.ndarray | np.generic) else result
        if isinstance(result, bool):
            raise Mistake(f"return how many units are dead (an int), not True/False; got "
                          f"{short(result)}.")
        if not isinstance(result, int | float):
            raise Mistake(f"return a number (an int), got {short(result)}.")
        values.append(result)
    expected = [count_dead_units(z) for z in cases]
    if values == expected:
        floats = [v for v in values if isinstance(v, float)]
        if floats:
            raise Mistake(f"the right counts, but as floats ({short(floats[0])}); return an "
                          "int, e.g. int(...).")
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
    ("you counted the units that are alive; return the dead ones.",
     lambda z: z.shape[1] - count_dead_units(z)),
    ("you counted units that are active (z > 0) for every example; dead units are those "
     "with z <= 0 for every example.",
     lambda z: np.count_nonzero(np.all(z > 0, axis=0))),
    ("you counted units with z >= 0 for every example: the sign is flipped; dead units "
     "have z <= 0 for every example.",
     lambda z: np.count_nonzero(np.all(z >= 0, axis=0))),
    ("a unit whose mean (or sum) over the examples is <= 0 can still be active for some "
     "example; a dead unit has z <= 0 for every example (np.all).",
     lambda z: np.count_nonzero(np.mean(z, axis=0) <= 0)),
]


def _letter(answer, choices=("a", "b", "c")) -> str:
    """The student's choice as a lower-case letter, or a Mistake saying how to answer."""
    if not isinstance(answer, str):
        raise Mistake(f"answer with one letter in quotes, e.g. \"a\"; got {short(answer)}.")
    letter = answer.strip().strip("()").strip().lower()
    if letter not in choices:
        raise Mistake(f"answer with one of the letters {', '.join(repr(c) for c in choices)}; "
                      f"got {short(answer)}.")
    return letter


@exercise("05.2", "dead units before training, inputs in [-0.5, 0.5]", hints=[
    "With zero bias, z = x @ w. A unit is dead when z <= 0 for every example x.",
    "If every input is positive, which weights make x @ w negative for every x? If inputs "
    "take both signs, can x @ w be negative for x and for an x with the opposite signs?",
])
def check_dead_at_start(answer):
    letter = _letter(answer)
    if letter == "a":
        raise Mistake("the inputs' range matters: with inputs in [0, 1] a unit whose weights "
                      "are mostly negative gives z <= 0 for every example. Does that still "
                      "happen when the inputs take both signs?")
    if letter == "b":
        raise Mistake("centred inputs make dead units rarer, not more common: for x and an x' "
                      "with roughly opposite signs, x @ w and x' @ w have opposite signs.")
    return ("c: with inputs of both signs, x @ w is positive for some examples whatever w "
            "is, so almost no unit starts dead. With inputs in [0, 1] (pixels), a unit whose "
            "weights are mostly negative never fires. Run the next cell to see both.")


@exercise("05.3", "can a dead unit of the second hidden layer come back", hints=[
    "The unit's own weights and bias get a gradient of 0 while it is dead. What else "
    "decides its pre-activation z = h1 @ w + b?",
    "h1 is the output of the first hidden layer. Does training change the first layer?",
])
def check_deeper_revival(answer):
    letter = _letter(answer)
    if letter == "a":
        raise Mistake("its weights and bias are frozen, right, but z = h1 @ w + b also depends "
                      "on h1, the first layer's outputs. Does training change them?")
    if letter == "c":
        raise Mistake("the learning rate does not unfreeze a zero gradient: 0 times any "
                      "learning rate is 0. Look at what else z = h1 @ w + b depends on.")
    return ("b: its weights and bias stay frozen, but its inputs h1 are the first layer's "
            "outputs, which keep changing while the other units train the first layer; "
            "once h1 @ w + b > 0 for some example, the unit is alive again. Run the next "
            "cell to see it.")
