"""The numpy reference: Leaky ReLU, ReLU, sigmoid, tanh and their derivatives.

Introduced in lesson 01 (leaky_relu), lesson 03 (derivatives) and lesson 08 (the others).

Conventions, the same as PyTorch and TensorFlow autograd:

* ``leaky_relu(x) = x`` for ``x > 0`` and ``alpha * x`` otherwise. This piecewise form is
  right for every ``alpha >= 0``. The slides' ``max(alpha * x, x)`` agrees with it only for
  ``alpha <= 1`` (with ``alpha = 1.5`` it maps 2 to 3).
* The derivative at exactly ``x = 0`` is taken from the left: ``alpha`` for Leaky ReLU,
  ``0`` for ReLU. Any value between ``alpha`` and 1 is a valid subgradient; the slides use 1.
* float16/32/64 keep their dtype; bool, integer, list and scalar input give float64.
  NaN propagates. The input is never modified.
* Infinities follow IEEE arithmetic, as in PyTorch and TensorFlow: with ``alpha = 0``,
  ``leaky_relu(-inf)`` is ``0 * -inf = nan``, while :func:`relu` gives 0.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_alpha

__all__ = [
    "leaky_relu",
    "leaky_relu_grad",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
]


def _like_input(x_in, result: np.ndarray):
    """A numpy scalar for scalar input, the array otherwise."""
    return result[()] if np.ndim(x_in) == 0 and not isinstance(x_in, np.ndarray) else result


def leaky_relu(x, alpha=0.01):
    """Leaky ReLU: ``x`` where ``x > 0``, ``alpha * x`` elsewhere (lesson 01).

    Parameters
    ----------
    x : array_like of real numbers
    alpha : float >= 0
        Slope for negative inputs. ``alpha = 0`` is ReLU; ``alpha > 1`` is allowed.

    This is the definition, written for a whole array; it is not built for speed
    (``leaky.fast`` has one-pass kernels, lesson 13 times both).
    """
    alpha = check_alpha(alpha)
    x_arr = as_float_array(x)
    result = np.where(x_arr > 0, x_arr, alpha * x_arr)
    return _like_input(x, result)


def leaky_relu_grad(x, alpha=0.01):
    """Derivative of :func:`leaky_relu` with respect to ``x`` (lesson 03).

    1 where ``x > 0``, ``alpha`` where ``x <= 0``: at exactly ``x = 0`` it is ``alpha``,
    which is what PyTorch and TensorFlow autograd return (the slides return 1 there).
    NaN input gives NaN.
    """
    alpha = check_alpha(alpha)
    xa = as_float_array(x)
    grad = np.where(xa > 0, xa.dtype.type(1), xa.dtype.type(alpha))
    grad[np.isnan(xa)] = np.nan
    return _like_input(x, grad)


def relu(x):
    """ReLU, ``max(x, 0)``: Leaky ReLU with ``alpha = 0`` (lesson 05)."""
    xa = as_float_array(x)
    return _like_input(x, np.maximum(xa, xa.dtype.type(0)))


def relu_grad(x):
    """Derivative of :func:`relu`: 1 where ``x > 0``, 0 elsewhere, 0 at exactly 0 (lesson 05)."""
    return leaky_relu_grad(x, 0.0)


def sigmoid(x):
    """Logistic sigmoid ``1 / (1 + exp(-x))`` without overflow warnings (lesson 08).

    Uses ``exp(-|x|)``, which never overflows, and picks the algebraically equal form
    for each sign.
    """
    xa = as_float_array(x)
    z = np.exp(-np.abs(xa))
    result = np.where(xa >= 0, 1 / (1 + z), z / (1 + z))
    return _like_input(x, result.astype(xa.dtype, copy=False))


def sigmoid_grad(x):
    """Derivative of :func:`sigmoid`: ``s * (1 - s)`` (lesson 08)."""
    s = np.asarray(sigmoid(x))
    return _like_input(x, s * (1 - s))


def tanh(x):
    """Hyperbolic tangent (lesson 08)."""
    xa = as_float_array(x)
    return _like_input(x, np.tanh(xa))


def tanh_grad(x):
    """Derivative of :func:`tanh`: ``1 - tanh(x)**2`` (lesson 08)."""
    t = np.asarray(tanh(x))
    return _like_input(x, 1 - t * t)
