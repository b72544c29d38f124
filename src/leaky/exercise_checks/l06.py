"""Lesson 06 exercises: the gradient of a PReLU layer with respect to its shared slope;
find the bug in a Leaky ReLU layer's backward pass."""

from __future__ import annotations

import numbers

import numpy as np

from ..exercises import Mistake, call_student, exercise, short

# (batch, units): never square, so a sum over the wrong axis shows in the shape.
SHAPES = [(4, 3), (7, 2), (1, 5), (9, 6), (3, 1), (50, 8)]


def _alpha_cases():
    """(z, grad_output) pairs with both signs, exact zeros in z, and a row all <= 0."""
    rng = np.random.default_rng(6)
    for k, (batch, units) in enumerate(SHAPES):
        z = rng.normal(size=(batch, units))
        z[k % batch, : max(1, units // 2)] = 0.0          # z == 0 exactly
        z[(k + 1) % batch] = -np.abs(z[(k + 1) % batch])  # one example all inactive
        yield z, rng.normal(size=(batch, units))


def expected_grad_alpha(z, grad_output) -> float:
    """dL/dalpha for a shared slope: d(output)/d(alpha) is 0 where z > 0 and z elsewhere."""
    return float(np.sum(grad_output * np.where(z > 0, 0.0, z)))


_WRONG_ALPHA = [
    ("you multiplied by z everywhere, but for z > 0 the output is z itself, which does not "
     "depend on alpha: d(output)/d(alpha) is 0 there.",
     lambda z, g: np.sum(g * z)),
    ("that is the positive side; alpha only acts where z <= 0 (output = alpha * z there).",
     lambda z, g: np.sum(g * np.maximum(z, 0))),
    ("you used 1 as d(output)/d(alpha) where z <= 0; output = alpha * z there, so the "
     "derivative with respect to alpha is z (1 would be for a bias).",
     lambda z, g: np.sum(g * (z <= 0))),
    ("you used 1 as d(output)/d(alpha) where z < 0; output = alpha * z there, so the "
     "derivative with respect to alpha is z.",
     lambda z, g: np.sum(g * (z < 0))),
    ("that is the mean; one alpha is used by every entry, so its gradient is the sum of "
     "their contributions (as for the bias).",
     lambda z, g: np.mean(g * np.minimum(z, 0))),
    ("the sign is flipped: d(alpha * z)/d(alpha) = z, and z <= 0 there; do not negate it.",
     lambda z, g: -np.sum(g * np.minimum(z, 0))),
    ("where z > 0 the output is z, which does not depend on alpha: d(output)/d(alpha) is 0 "
     "there, not 1.",
     lambda z, g: np.sum(g * np.where(z > 0, 1.0, z))),
    ("you left out grad_output: the chain rule multiplies d(output)/d(alpha) by "
     "dL/d(output), entry by entry.",
     lambda z, g: np.sum(np.minimum(z, 0))),
    ("that is sum(grad_output * f'(z)), the gradient through z (as for a bias); "
     "differentiate the output with respect to alpha instead of z.",
     lambda z, g: np.sum(g * (z > 0))),
    ("that is sum(grad_output * f'(z)) with f'(z) = alpha for z <= 0, the gradient through "
     "z; differentiate the output with respect to alpha instead.",
     lambda z, g: np.sum(g * np.where(z > 0, 1.0, 0.01))),
    ("you multiplied grad_output by the layer's output; multiply it by d(output)/d(alpha) "
     "instead.",
     lambda z, g: np.sum(g * np.where(z > 0, z, 0.01 * z))),
    ("you divided by the batch size; one alpha's gradient is the plain sum of all "
     "contributions (as for the bias).",
     lambda z, g: np.sum(g * np.minimum(z, 0)) / z.shape[0]),
]


@exercise("06.1", "dL/dalpha of a PReLU layer with one shared alpha", hints=[
    "For one entry: if z > 0 the output is z (no alpha in it); if z <= 0 it is alpha * z. "
    "Differentiate each case with respect to alpha.",
    "d(output)/d(alpha) is 0 where z > 0 and z where z <= 0. The chain rule multiplies it "
    "by grad_output, entry by entry.",
    "alpha is shared by every entry of every example, so add all the contributions up "
    "(np.sum), as for a bias.",
])
def check_grad_alpha(function):
    count = 0
    for z, grad_output in _alpha_cases():
        count += 1
        result = call_student(function, z.copy(), grad_output.copy())
        shape = np.shape(result)
        if shape == z.shape:
            raise Mistake("you returned one value per entry of z; alpha is one number, so "
                          "add up the contributions of all entries.")
        if shape in ((z.shape[1],), (1, z.shape[1])) and z.shape[1] > 1:
            raise Mistake(f"you returned one value per unit, shape {shape}: that is the "
                          "gradient of a separate alpha for each unit. Here alpha is shared: "
                          "sum over the units too.")
        if shape in ((z.shape[0],), (z.shape[0], 1)) and z.shape[0] > 1:
            raise Mistake(f"you returned one value per example, shape {shape}; alpha is "
                          "one number shared by all examples and units: sum over both.")
        if np.size(result) != 1:
            raise Mistake(f"return one number, got {short(result)}.")
        if np.asarray(result).dtype.kind not in "iuf":
            raise Mistake(f"return a number, got {short(result)}.")
        value = float(np.ravel(result)[0])
        expected = expected_grad_alpha(z, grad_output)
        if np.isclose(value, expected, rtol=1e-9, atol=1e-12):
            continue
        if np.asarray(result).dtype == np.float32 and np.isclose(value, expected, rtol=1e-5):
            raise Mistake("right to about 7 digits, but float32: compute in float64 (the "
                          "inputs' dtype) and return that.")
        for message, wrong in _WRONG_ALPHA:
            if np.isclose(value, wrong(z, grad_output), rtol=1e-9, atol=1e-12):
                raise Mistake(message)
        raise Mistake(f"for z of shape {z.shape} expected dL/dalpha = {expected:.6g}, got "
                      f"{value:.6g}. Check it with finite differences on alpha.")
    return (f"Matches the chain rule on {count} cases (z == 0 included): "
            "sum(grad_output * where(z > 0, 0, z)). A unit with z <= 0 everywhere still "
            "moves alpha: PReLU learns its slope from exactly the inputs ReLU ignores.")


LINE_NOTES = {
    1: "line 1 is only the signature.",
    2: "line 2 is right: it is the chain rule through the activation, grad_output * f'(z).",
    3: "line 3 is right: X.T @ grad_z has the weights' shape and sums over the batch.",
    4: "line 4 is right: the bias is added to every row, so its gradient is the sum of "
       "grad_z over the batch.",
    6: "line 6 only returns the three results, in the right order.",
}


@exercise("06.2", "find the wrong line in BrokenLayer.backward", hints=[
    "Run leaky.gradient_check for each of the three gradients, as in the lesson: which "
    "one disagrees with finite differences?",
    "Every gradient must go through grad_z, the gradient after the activation.",
])
def check_bug_line(answer):
    if isinstance(answer, bool) or not isinstance(answer, numbers.Integral):
        raise Mistake(f"answer with a line number from 1 to 6, got {short(answer)}")
    if answer == 5:
        return ("Line 5 uses grad_output instead of grad_z, so the layer below gets a "
                "gradient as if the activation were the identity. Fix: grad_z @ "
                "self.weights.T.")
    if answer in LINE_NOTES:
        raise Mistake(LINE_NOTES[answer])
    raise Mistake(f"the lines are numbered 1 to 6, got {answer}.")
