"""The numpy reference: Leaky ReLU, ReLU, sigmoid, tanh and their derivatives.

Introduced in lesson 01 (leaky_relu), lesson 03 (derivatives) and lesson 08 (the others).

Conventions, the same as PyTorch and TensorFlow autograd:

* ``leaky_relu(x) = x`` for ``x > 0`` and ``alpha * x`` otherwise. This piecewise form is
  right for every ``alpha >= 0``. The slides' ``max(alpha * x, x)`` agrees with it only for
  ``alpha <= 1`` (with ``alpha = 1.5`` it maps 2 to 3).
* The derivative at exactly ``x = 0`` is taken from the left: ``alpha`` for Leaky ReLU,
  ``0`` for ReLU. Any value between ``alpha`` and 1 is a valid subgradient; the slides use 1.
* float16/32/64 keep their dtype; bool, integer, list and scalar input give float64.
  NaN propagates. The input is never modified unless you pass it as ``out``.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_alpha, check_out

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

#: Elements per block in :func:`leaky_relu`: small enough that the temporary stays in
#: the CPU cache, large enough that the Python loop costs nothing. See bench/.
BLOCK = 1 << 16


def _scalar_or_array(x_in, result: np.ndarray):
    """Return a numpy scalar for scalar input, the array otherwise."""
    return result[()] if np.ndim(x_in) == 0 and not isinstance(x_in, np.ndarray) else result


def _leaky_block(x: np.ndarray, alpha: float, out: np.ndarray, tmp: np.ndarray) -> None:
    """out = leaky_relu(x) for one block; tmp is scratch of the same size (may be out)."""
    if alpha == 0.0:
        np.maximum(x, 0, out=out)  # 0 * inf would be nan
        return
    np.multiply(x, alpha, out=tmp)
    # For alpha <= 1 the larger of (x, alpha*x) is the right branch; for alpha > 1 the smaller.
    (np.maximum if alpha <= 1.0 else np.minimum)(x, tmp, out=out)


def leaky_relu(x, alpha=0.01, *, out=None):
    """Leaky ReLU: ``x`` where ``x > 0``, ``alpha * x`` elsewhere (lesson 01).

    Parameters
    ----------
    x : array_like of real numbers
    alpha : float >= 0
        Slope for negative inputs. ``alpha = 0`` is ReLU; ``alpha > 1`` is allowed.
    out : ndarray, optional
        Where to write the result: same shape as ``x`` and the result's dtype.
        ``out=x`` works in place.

    Works in cache-sized blocks, so the only full-size array it writes is the result:
    about as fast as copying the array (see ``bench/bench_activations.py``).
    """
    alpha = check_alpha(alpha)
    xa = as_float_array(x)
    if out is None:
        result = np.empty_like(xa, subok=False)
    else:
        result = check_out(out, xa.shape, xa.dtype)
        if result is not xa and np.shares_memory(result, xa):
            # Partial overlap: compute safely, then copy over.
            result[...] = leaky_relu(xa.copy(), alpha)
            return result
    if xa.flags.c_contiguous and result.flags.c_contiguous:
        flat_x, flat_out = xa.reshape(-1), result.reshape(-1)
        tmp = np.empty(min(BLOCK, flat_x.size), dtype=xa.dtype)
        for start in range(0, flat_x.size, BLOCK):
            stop = min(start + BLOCK, flat_x.size)
            _leaky_block(flat_x[start:stop], alpha, flat_out[start:stop], tmp[: stop - start])
    else:
        _leaky_block(xa, alpha, result, np.empty_like(xa))
    return result if out is not None else _scalar_or_array(x, result)


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
    return _scalar_or_array(x, grad)


def relu(x):
    """ReLU, ``max(x, 0)``: Leaky ReLU with ``alpha = 0`` (lesson 05)."""
    xa = as_float_array(x)
    return _scalar_or_array(x, np.maximum(xa, xa.dtype.type(0)))


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
    return _scalar_or_array(x, result.astype(xa.dtype, copy=False))


def sigmoid_grad(x):
    """Derivative of :func:`sigmoid`: ``s * (1 - s)`` (lesson 08)."""
    s = np.asarray(sigmoid(x))
    return _scalar_or_array(x, s * (1 - s))


def tanh(x):
    """Hyperbolic tangent (lesson 08)."""
    xa = as_float_array(x)
    return _scalar_or_array(x, np.tanh(xa))


def tanh_grad(x):
    """Derivative of :func:`tanh`: ``1 - tanh(x)**2`` (lesson 08)."""
    t = np.asarray(tanh(x))
    return _scalar_or_array(x, 1 - t * t)
