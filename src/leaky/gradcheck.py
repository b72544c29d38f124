"""Finite-difference gradient checks (lesson 03, used again in lessons 06 and 07)."""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_real, fail

__all__ = ["numerical_grad", "gradient_check"]


def numerical_grad(f, x, eps=1e-6):
    """Central finite differences of a scalar function ``f`` at ``x``.

    Returns an array shaped like ``x`` whose entry i is
    ``(f(x + eps * e_i) - f(x - eps * e_i)) / (2 * eps)``. ``x`` is not modified.
    If ``f`` returns an array it is summed, so for an elementwise function the result is
    its derivative at each point.
    """
    if not callable(f):
        fail("f", "a callable that takes an array and returns a number", f, error=TypeError)
    eps = check_real(eps, "eps", low=0, high=1, low_open=True, high_open=True)
    x0 = np.array(as_float_array(x), dtype=np.float64)  # always a float64 copy
    grad = np.zeros_like(x0)
    flat_x, flat_grad = x0.reshape(-1), grad.reshape(-1)
    for i in range(flat_x.size):
        saved = flat_x[i]
        flat_x[i] = saved + eps
        f_plus = float(np.sum(f(x0)))
        flat_x[i] = saved - eps
        f_minus = float(np.sum(f(x0)))
        flat_x[i] = saved
        flat_grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def gradient_check(f, x, analytic_grad=None, eps=1e-6, atol=1e-7):
    """Compare an analytic gradient with central finite differences.

    Without ``analytic_grad`` returns the numerical gradient (same as
    :func:`numerical_grad`). With it, returns the largest relative error
    ``|a - n| / max(|a| + |n|, atol)`` and raises nothing: lessons print it, tests compare it.
    Stay away from kinks (x = 0 for Leaky ReLU): there the two sides disagree by design.
    """
    numeric = numerical_grad(f, x, eps)
    if analytic_grad is None:
        return numeric
    analytic = np.asarray(analytic_grad, dtype=np.float64)
    if analytic.shape != numeric.shape:
        fail("analytic_grad", f"an array of shape {numeric.shape}", analytic)
    denom = np.maximum(np.abs(analytic) + np.abs(numeric), atol)
    return float(np.max(np.abs(analytic - numeric) / denom)) if numeric.size else 0.0
