"""A two-layer network that learns XOR: slide 7, with its errors fixed (lesson 07).

Why the slide's loop fails on XOR (lesson 07 measures each point, one fix at a time):

* XOR has no linear correlation with its inputs: the best a network that is linear on the
  four inputs can do is predict 0.5 everywhere, a mean squared error of 0.25.
* ``0.01 * randn`` weights make every gradient tiny: each layer's weight gradient is
  proportional to the other layer's weights. All-zero weights are a saddle point, and the
  slide's loop (learning rate 0.01 for 1000 epochs) sits near it, at a loss near 0.25.
* The output unit goes through Leaky ReLU too. Whenever its input is negative, its gradient
  is multiplied by ``alpha = 0.01``, so it can hardly recover. A regression output should
  be linear: here it is a ``LeakyReLULayer`` with ``alpha = 1``, which is the identity.
* With zero biases every hidden unit outputs 0 for the input (0, 0), whatever its weights.
  Hidden biases start at 0.25. With He-sized weights that helps; with ``0.01 * randn``
  weights it makes every unit active on all four inputs, the network linear on the data,
  and training stuck at 0.25.

The fix: He initialisation, a linear output, hidden biases of 0.25, the mean squared
error's gradient ``2 * (output - y) / n``, learning rate 0.1 for 1000 epochs.
:func:`train_many` trains many such networks at once (one per seed and setting).
"""

from __future__ import annotations

import numpy as np

from ._validate import (
    as_float_array,
    as_generator,
    check_int,
    check_positive_int,
    check_real,
    fail,
)
from .layer import INITS, LeakyReLULayer, he_gain

__all__ = ["SimpleNeuralNetwork", "mse_loss", "mse_loss_grad", "train_many", "forward_many"]

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


# --- many networks at once (lesson 07's ablation and exercise 07.2) -----------------------
def train_many(X, y, seeds, *, init="he", alpha=0.01, output_alpha=1.0, hidden_bias=HIDDEN_BIAS,
               learning_rate=0.1, epochs=1000, hidden_size=4):
    """Train one two-layer network per seed, all at once (vectorised over networks).

    Each network is what ``SimpleNeuralNetwork`` builds from ``rng=seed`` (the same random
    draws, in the same order), with these settings, any of which may be a scalar or a
    sequence with one value per seed:

    * ``init``: "he" or "slides" (``0.01 * randn``) for both layers;
    * ``alpha``: the hidden layer's slope; ``output_alpha``: the output layer's slope
      (1.0 is a linear output, as in ``SimpleNeuralNetwork``; 0.01 is the slide's);
    * ``hidden_bias``: the hidden biases' starting value (0 on the slide);
    * ``learning_rate``: full-batch gradient descent on the mean squared error, whose
      gradient is ``2 * (output - y) / n``. The slide's loop (gradient ``output - y`` of
      half the summed squared error, learning rate 0.01) is learning rate ``0.01 * n / 2``
      here: 0.02 for XOR's four examples.

    ``epochs=0`` returns the networks as they start.

    Returns a dict of arrays with one row per network: ``"losses"`` (networks, epochs + 1),
    the loss before each step and after the last; ``"output"`` (networks, n, outputs) after
    training; ``"learned"`` (networks,), True where every output is on the target's side
    of 0.5; the final ``"W1", "b1", "W2", "b2"``; and ``"alpha", "output_alpha"``, so that
    :func:`forward_many` can evaluate the trained networks. Used by lesson 07.
    """
    X = as_float_array(X, "X")
    y = as_float_array(y, "y")
    if y.ndim == 1:
        y = y[:, None]
    if X.ndim != 2 or y.shape[0] != X.shape[0]:
        fail("X, y", "arrays with one row per example", (X.shape, y.shape))
    seeds = [int(s) for s in np.atleast_1d(seeds)]
    count = len(seeds)
    epochs = check_int(epochs, "epochs", low=0)
    hidden_size = check_positive_int(hidden_size, "hidden_size")

    def per_network(value, name, check):
        values = np.broadcast_to(np.asarray(value, dtype=object), (count,))
        return [check(v, name) for v in values]

    def check_init(value, name):
        if value not in INITS:
            fail(name, f"one of {INITS}", value)
        return value

    inits = per_network(init, "init", check_init)
    alphas = np.array(per_network(alpha, "alpha", lambda v, n: check_real(v, n, low=0)))
    out_alphas = np.array(per_network(output_alpha, "output_alpha",
                                      lambda v, n: check_real(v, n, low=0)))
    biases = np.array(per_network(hidden_bias, "hidden_bias", check_real))
    rates = np.array(per_network(learning_rate, "learning_rate",
                                 lambda v, n: check_real(v, n, low=0, low_open=True)))
    n_in, n_out = X.shape[1], y.shape[1]
    W1 = np.empty((count, n_in, hidden_size))
    W2 = np.empty((count, hidden_size, n_out))
    for k, (seed, kind) in enumerate(zip(seeds, inits, strict=True)):
        gen = np.random.default_rng(seed)   # the draws of SimpleNeuralNetwork(rng=seed)
        W1[k] = gen.standard_normal((n_in, hidden_size))
        W2[k] = gen.standard_normal((hidden_size, n_out))
        if kind == "slides":
            W1[k] *= 0.01
            W2[k] *= 0.01
        else:
            W1[k] *= he_gain(alphas[k]) / np.sqrt(n_in)
            W2[k] *= he_gain(out_alphas[k]) / np.sqrt(hidden_size)
    b1 = np.broadcast_to(biases[:, None, None], (count, 1, hidden_size)).copy()
    b2 = np.zeros((count, 1, n_out))
    a1, a2, lr = alphas[:, None, None], out_alphas[:, None, None], rates[:, None, None]
    losses = np.empty((count, epochs + 1))

    def forward():
        z1 = X @ W1 + b1
        h = np.where(z1 > 0, z1, a1 * z1)
        z2 = h @ W2 + b2
        return z1, h, z2, np.where(z2 > 0, z2, a2 * z2)

    with np.errstate(over="ignore", invalid="ignore"):   # a diverging rate gives inf/nan
        for epoch in range(epochs):
            z1, h, z2, out = forward()
            diff = out - y
            losses[:, epoch] = np.mean(diff.reshape(count, -1) ** 2, axis=1)
            grad_z2 = (2.0 / diff[0].size) * diff * np.where(z2 > 0, 1.0, a2)
            grad_z1 = (grad_z2 @ W2.transpose(0, 2, 1)) * np.where(z1 > 0, 1.0, a1)
            W2 -= lr * (h.transpose(0, 2, 1) @ grad_z2)
            b2 -= lr * grad_z2.sum(axis=1, keepdims=True)
            W1 -= lr * (X.T @ grad_z1)
            b1 -= lr * grad_z1.sum(axis=1, keepdims=True)
        out = forward()[3]
        losses[:, epochs] = np.mean((out - y).reshape(count, -1) ** 2, axis=1)
        learned = np.all((out > 0.5) == (y > 0.5), axis=(1, 2))
    return {"losses": losses, "output": out, "learned": learned,
            "W1": W1, "b1": b1, "W2": W2, "b2": b2, "alpha": alphas, "output_alpha": out_alphas}


def forward_many(trained, X):
    """The outputs of the networks returned by :func:`train_many` for inputs ``X`` (n, inputs):
    an array of shape (networks, n, outputs)."""
    X = as_float_array(X, "X")
    a1 = trained["alpha"][:, None, None]
    a2 = trained["output_alpha"][:, None, None]
    z1 = X @ trained["W1"] + trained["b1"]
    z2 = np.where(z1 > 0, z1, a1 * z1) @ trained["W2"] + trained["b2"]
    return np.where(z2 > 0, z2, a2 * z2)
