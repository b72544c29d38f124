"""Lesson 06 exercises: write a Leaky ReLU layer's backward pass; find the bug in one."""

from __future__ import annotations

import numbers

import numpy as np

from ..activations import leaky_relu_grad, relu_grad
from ..exercises import Mistake, call_student, exercise
from ..layer import LeakyReLULayer

# (batch, n_in, n_out): never square, so a missing or extra transpose shows in the shapes.
SHAPES = [(4, 3, 5), (7, 6, 2), (1, 4, 3), (9, 2, 7), (3, 5, 1)]
ALPHAS = [0.01, 0.2, 1.5, 0.0]


def _cases():
    """(layer_inputs, z, weights, grad_output, alpha, expected) computed by the package layer.

    Every case has a row of zero inputs and zero bias, so z == 0 exactly in that row.
    """
    rng = np.random.default_rng(6)
    for k, (batch, n_in, n_out) in enumerate(SHAPES):
        for alpha in ALPHAS:
            layer = LeakyReLULayer(n_in, n_out, alpha=alpha, rng=rng)
            inputs = rng.normal(size=(batch, n_in))
            inputs[k % batch] = 0.0
            layer.forward(inputs)
            grad_output = rng.normal(size=(batch, n_out))
            expected = layer.backward(grad_output)
            yield inputs, layer.z, layer.weights, grad_output, alpha, expected


def _with_slope(inputs, z, weights, grad_output, slope):
    """The three gradients for a given elementwise derivative ``slope`` (same shape as z)."""
    grad_z = grad_output * slope
    return grad_z @ weights.T, inputs.T @ grad_z, np.sum(grad_z, axis=0, keepdims=True)


NAMES = ("grad_inputs", "grad_weights", "grad_bias")


@exercise("06.1", "write backward(layer_inputs, z, weights, grad_output, alpha)", hints=[
    "First grad_z = grad_output * (the derivative of Leaky ReLU at z); everything else "
    "is built from grad_z.",
    "leaky.leaky_relu_grad(z, alpha) is that derivative. Then grad_weights = "
    "layer_inputs.T @ grad_z, grad_bias = grad_z summed over axis 0 with keepdims=True, "
    "grad_inputs = grad_z @ weights.T.",
    "Check the shapes: grad_weights like weights (n_in, n_out), grad_bias (1, n_out), "
    "grad_inputs like layer_inputs (batch, n_in).",
])
def check_backward(function):
    count = 0
    for inputs, z, weights, grad_output, alpha, expected in _cases():
        count += 1
        args = [a.copy() for a in (inputs, z, weights, grad_output)]
        result = call_student(function, *args, alpha)
        for name, before, after in zip(("layer_inputs", "z", "weights", "grad_output"),
                                       (inputs, z, weights, grad_output), args, strict=True):
            if not np.array_equal(before, after):
                raise Mistake(f"your function modified {name}; compute into new arrays "
                              "(grad_output * ... makes a new one; *= does not).")
        if not isinstance(result, (tuple, list)) or len(result) != 3:
            raise Mistake("return a tuple of three arrays: (grad_inputs, grad_weights, "
                          "grad_bias), in that order.")
        try:
            given = [np.asarray(r, dtype=float) for r in result]
        except (TypeError, ValueError):
            raise Mistake("return three numpy arrays of numbers: (grad_inputs, "
                          "grad_weights, grad_bias).") from None
        _compare(given, expected, (inputs, z, weights, grad_output, alpha))
    return (f"Matches leaky.LeakyReLULayer.backward on {count} cases: {len(SHAPES)} shapes, "
            f"alpha in {ALPHAS}, z == 0 included.")


def _compare(given, expected, case):
    inputs, z, weights, grad_output, alpha = case
    shape_of = dict(zip(NAMES, (inputs.shape, weights.shape, (1, weights.shape[1])),
                        strict=True))
    for name, g, e in zip(NAMES, given, expected, strict=True):
        if g.shape == e.shape:
            continue
        if name == "grad_bias" and g.shape == (e.shape[1],):
            raise Mistake("grad_bias has shape (n_out,); keep it (1, n_out) like the bias: "
                          "np.sum(grad_z, axis=0, keepdims=True).")
        if g.shape == e.shape[::-1]:
            raise Mistake(f"{name} is transposed: shape {g.shape}, should be {e.shape}, "
                          f"the shape of what it is the gradient of.")
        raise Mistake(f"{name} has shape {g.shape}; it should be {shape_of[name]}.")
    wrong = [name for name, g, e in zip(NAMES, given, expected, strict=True)
             if not np.allclose(g, e, rtol=1e-7, atol=1e-10)]
    if not wrong:
        return
    if wrong == ["grad_inputs"] and np.allclose(given[0], grad_output @ weights.T):
        raise Mistake("grad_inputs uses grad_output; it must use grad_z (after the "
                      "activation's derivative): grad_z @ weights.T.")
    if wrong == ["grad_bias"] and np.allclose(given[2], expected[2] / inputs.shape[0]):
        raise Mistake("grad_bias is the mean over the batch; the bias is added to every row, "
                      "so its gradient is the sum.")
    variants = {
        "no derivative": np.ones_like(z),
        "relu": relu_grad(z),
        "one at zero": np.where(z >= 0, 1.0, alpha),
    }
    messages = {
        "no derivative": "you skipped the activation: grad_z = grad_output * f'(z), where "
                         "f'(z) is 1 for z > 0 and alpha otherwise.",
        "relu": "the slope for z <= 0 should be alpha, not 0: that is ReLU's derivative.",
        "one at zero": "wrong only where z == 0 exactly: this course (like PyTorch) uses the "
                       "slope alpha there, so use z > 0 for the 'slope 1' side.",
    }
    for key, slope in variants.items():
        candidate = _with_slope(inputs, z, weights, grad_output, slope)
        if all(np.allclose(given[NAMES.index(n)], candidate[NAMES.index(n)]) for n in wrong) \
                and not np.allclose(slope, leaky_relu_grad(z, alpha)):
            raise Mistake(messages[key])
    others = "the others are right" if len(wrong) == 1 else "so are " + ", ".join(wrong[1:])
    raise Mistake(f"{wrong[0]} is wrong (for alpha = {alpha}, batch {inputs.shape[0]}, "
                  f"{inputs.shape[1]} inputs, {weights.shape[1]} units); {others}.")


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
        raise Mistake(f"answer with a line number from 1 to 6, got {answer!r}")
    if answer == 5:
        return ("Line 5 uses grad_output instead of grad_z, so the layer below gets a "
                "gradient as if the activation were the identity. Fix: grad_z @ "
                "self.weights.T.")
    if answer in LINE_NOTES:
        raise Mistake(LINE_NOTES[answer])
    raise Mistake(f"the lines are numbered 1 to 6, got {answer}.")
