"""A dense layer followed by Leaky ReLU, as on slide 6, with its errors fixed (lesson 06).

Fixed against the slide:

* ``grad_output.()`` (a syntax error) is ``grad_output * leaky_relu_grad(z)``; it also
  no longer modifies the caller's ``grad_output``.
* ``np.maximum(alpha * z, z)`` is only right for ``alpha <= 1``; :func:`leaky_relu` is
  right for every ``alpha``.
* The weights start with He initialisation for Leaky ReLU,
  ``randn * sqrt(2 / (1 + alpha**2)) / sqrt(input_size)``, instead of the slide's
  ``0.01 * randn`` (still available as ``init="slides"``; lesson 07 shows why it trains badly).
"""

from __future__ import annotations

import math

import numpy as np

from ._validate import (
    as_float_array,
    as_generator,
    check_alpha,
    check_positive_int,
    check_real,
    fail,
)
from .activations import leaky_relu, leaky_relu_grad

__all__ = ["LeakyReLULayer", "he_gain"]

INITS = ("he", "slides")


def he_gain(alpha: float) -> float:
    """He et al. (2015) gain for Leaky ReLU with slope ``alpha``: ``sqrt(2 / (1 + alpha**2))``.

    The same as ``torch.nn.init.calculate_gain("leaky_relu", alpha)`` (lesson 14).
    """
    alpha = check_alpha(alpha)
    return math.sqrt(2.0 / (1.0 + alpha * alpha))


class LeakyReLULayer:
    """``output = leaky_relu(inputs @ weights + bias, alpha)``.

    Parameters
    ----------
    input_size, output_size : int >= 1
    alpha : float >= 0
    rng : None, int seed or numpy.random.Generator
    init : "he" (default) or "slides" (``0.01 * randn``, as on slide 6)
    bias : float, the starting value of every bias (0 on the slide). A small positive
        value starts every unit on the active side for inputs near 0 (lesson 07).

    Attributes ``weights`` (input_size x output_size) and ``bias`` (1 x output_size).
    """

    def __init__(self, input_size, output_size, alpha=0.01, rng=None, *, init="he", bias=0.0):
        self.input_size = check_positive_int(input_size, "input_size")
        self.output_size = check_positive_int(output_size, "output_size")
        self.alpha = check_alpha(alpha)
        if init not in INITS:
            fail("init", f"one of {INITS}", init)
        self.init = init
        gen = as_generator(rng)
        scale = 0.01 if init == "slides" else he_gain(self.alpha) / math.sqrt(self.input_size)
        self.weights = gen.standard_normal((self.input_size, self.output_size)) * scale
        self.bias = np.full((1, self.output_size), check_real(bias, "bias"))

    def __repr__(self):
        return (f"LeakyReLULayer({self.input_size}, {self.output_size}, "
                f"alpha={self.alpha}, init={self.init!r})")

    def forward(self, inputs):
        """Compute and remember ``z = inputs @ weights + bias``; return ``leaky_relu(z)``."""
        inputs = as_float_array(inputs, "inputs")
        if inputs.ndim != 2 or inputs.shape[1] != self.input_size:
            fail("inputs", f"a 2-D array of shape (batch, {self.input_size})", inputs)
        self.inputs = inputs
        self.z = inputs @ self.weights + self.bias
        self.output = leaky_relu(self.z, self.alpha)
        return self.output

    def backward(self, grad_output):
        """Given dL/d(output), return ``(grad_inputs, grad_weights, grad_bias)``.

        Chain rule: ``dL/dz = dL/d(output) * leaky_relu'(z)``; then
        ``dL/dW = inputs.T @ dL/dz``, ``dL/db = sum of dL/dz over the batch`` and
        ``dL/d(inputs) = dL/dz @ W.T``.
        """
        if not hasattr(self, "z"):
            raise RuntimeError("backward() needs forward() first: call layer.forward(inputs)")
        grad_output = as_float_array(grad_output, "grad_output")
        if grad_output.shape != self.z.shape:
            fail("grad_output", f"an array of shape {self.z.shape} (the forward output's)",
                 grad_output)
        grad_z = grad_output * leaky_relu_grad(self.z, self.alpha)
        grad_weights = self.inputs.T @ grad_z
        grad_bias = np.sum(grad_z, axis=0, keepdims=True)
        grad_inputs = grad_z @ self.weights.T
        return grad_inputs, grad_weights, grad_bias
