"""A two-layer network that learns XOR: slide 7, with its errors fixed (lesson 07).

Why the slide's loop fails on XOR (lesson 07 measures each point):

* ``0.01 * randn`` weights make every signal and every gradient tiny: after 1000 steps
  at learning rate 0.01 the network has barely moved from predicting about 0.
* The output unit goes through Leaky ReLU too. Whenever its input is negative, its gradient
  is multiplied by ``alpha = 0.01``, so it can hardly recover. A regression output should
  be linear: here it is a ``LeakyReLULayer`` with ``alpha = 1``, which is the identity.
* With zero biases every hidden unit sits exactly on its kink for the input (0, 0), and
  for a random init some input often starts with all four units on the flat side.
  Hidden biases start at 0.25 so that every unit starts active near the origin.

The fix: He initialisation, a linear output, hidden biases of 0.25, the mean squared
error's gradient ``2 * (output - y) / n``, learning rate 0.1 for 1000 epochs.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, as_generator, check_positive_int, check_real, fail
from .layer import LeakyReLULayer

__all__ = ["SimpleNeuralNetwork", "mse_loss", "mse_loss_grad"]

HIDDEN_BIAS = 0.25


def mse_loss(output, target):
    """Mean squared error, ``mean((output - target)**2)``."""
    return float(np.mean((np.asarray(output) - np.asarray(target)) ** 2))


def mse_loss_grad(output, target):
    """Gradient of :func:`mse_loss` with respect to ``output``: ``2 * (output - target) / n``."""
    output, target = np.asarray(output), np.asarray(target)
    return 2.0 * (output - target) / output.size


class SimpleNeuralNetwork:
    """input -> LeakyReLULayer(hidden, alpha) -> linear output layer.

    ``forward(X)`` returns the raw outputs, ``predict(X)`` thresholds them at 0.5, and
    ``train(X, y, learning_rate=0.1, epochs=1000)`` runs full-batch gradient descent on
    the mean squared error and returns the loss before each step.
    """

    def __init__(self, input_size, hidden_size, output_size, alpha=0.01, rng=None):
        gen = as_generator(rng)
        self.alpha = alpha
        self.hidden_layer = LeakyReLULayer(input_size, hidden_size, alpha, gen, bias=HIDDEN_BIAS)
        # Leaky ReLU with alpha = 1 is the identity: a linear output layer.
        self.output_layer = LeakyReLULayer(hidden_size, output_size, 1.0, gen)

    def __repr__(self):
        h = self.hidden_layer
        return (f"SimpleNeuralNetwork({h.input_size}, {h.output_size}, "
                f"{self.output_layer.output_size}, alpha={h.alpha})")

    @property
    def layers(self):
        return (self.hidden_layer, self.output_layer)

    def forward(self, X):
        """The network's output for a batch ``X`` of shape (n, input_size)."""
        return self.output_layer.forward(self.hidden_layer.forward(X))

    def predict(self, X):
        """Class labels 0/1: 1 where the output is above 0.5."""
        return (self.forward(X) > 0.5).astype(np.int64)

    def backward(self, grad_output):
        """Backpropagate dL/d(output); return the weight and bias gradients of both layers."""
        grad_hidden, grad_w2, grad_b2 = self.output_layer.backward(grad_output)
        _, grad_w1, grad_b1 = self.hidden_layer.backward(grad_hidden)
        return grad_w1, grad_b1, grad_w2, grad_b2

    def step(self, X, y, learning_rate):
        """One gradient-descent step on the mean squared error; return the loss before it."""
        output = self.forward(X)
        grads = self.backward(mse_loss_grad(output, y))
        params = (self.hidden_layer.weights, self.hidden_layer.bias,
                  self.output_layer.weights, self.output_layer.bias)
        for param, grad in zip(params, grads, strict=False):
            param -= learning_rate * grad
        return mse_loss(output, y)

    def train(self, X, y, learning_rate=0.1, epochs=1000):
        """Full-batch gradient descent; returns the list of losses, one per epoch."""
        X = as_float_array(X, "X")
        y = as_float_array(y, "y")
        if y.ndim == 1:
            y = y[:, None]
        if y.shape != (X.shape[0], self.output_layer.output_size):
            fail("y", f"an array of shape ({X.shape[0]}, {self.output_layer.output_size})", y)
        learning_rate = check_real(learning_rate, "learning_rate", low=0, low_open=True)
        epochs = check_positive_int(epochs, "epochs")
        return [self.step(X, y, learning_rate) for _ in range(epochs)]
