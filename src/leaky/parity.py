"""Framework parity: numpy vs PyTorch vs TensorFlow, forward and gradient (lesson 14).

    x = parity_inputs()                                   # float64, with 0 and -0.0 in it
    max_abs_differences(x, alpha=0.2)                     # {("numpy", "torch"): {...}, ...}
    grid = parity_grid(np.linspace(0, 1, 101), x)         # the same, for many alphas at once

Each framework computes Leaky ReLU and its gradient with its own machinery: the numpy
reference (:func:`leaky.leaky_relu`, :func:`leaky.leaky_relu_grad`), PyTorch autograd
(``torch.nn.functional.leaky_relu`` and ``backward``) and TensorFlow's ``GradientTape``
around ``tf.nn.leaky_relu``. The gradient is that of ``sum(f(x))``, i.e. ``f'(x)``
elementwise.

What the differences show (measured in lesson 14): in float32 the three agree exactly; in
float64 numpy and PyTorch agree exactly, while TensorFlow stores ``alpha`` as a 32-bit float
attribute of its op, so for negative ``x`` it computes ``float32(alpha) * x``: off by
``|float32(alpha) - alpha| * |x|`` (:func:`float32_rounding`), zero for alphas that float32
holds exactly (0, 0.25, 0.5, 1, ...).

torch and tensorflow are imported inside the functions that use them, never when this
module is imported.
"""

from __future__ import annotations

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

__all__ = ["FRAMEWORKS", "PAIRS", "parity_inputs", "forward_and_gradient",
           "max_abs_differences", "parity_grid", "float32_rounding"]

FRAMEWORKS = ("numpy", "torch", "tensorflow")
#: The three comparisons, in the order lessons show them.
PAIRS = (("numpy", "torch"), ("numpy", "tensorflow"), ("torch", "tensorflow"))
DTYPES = (np.float32, np.float64)


def parity_inputs(size=201, scale=3.0, rng=0, dtype=np.float64) -> np.ndarray:
    """Test inputs for parity checks (lesson 14): ``size`` values, seeded.

    The first five are the hard cases: 0, -0.0 (the kink, both zeros) and 1e-30, -1e-30,
    -1 (tiny values on both sides; -1 shows the slope directly); the rest are normal with
    standard deviation ``scale``. ``dtype`` is float32 or float64.
    """
    size = check_positive_int(size, "size")
    if size < 5:
        fail("size", "a whole number >= 5 (the five edge values come first)", size)
    scale = check_real(scale, "scale", low=0, low_open=True)
    dtype = _check_dtype(dtype)
    x = as_generator(rng).normal(scale=scale, size=size)
    x[:5] = [0.0, -0.0, 1e-30, -1e-30, -1.0]
    return x.astype(dtype)


def _check_dtype(dtype):
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        fail("dtype", "float32 or float64", dtype, error=TypeError)
    if dtype not in [np.dtype(d) for d in DTYPES]:
        fail("dtype", "float32 or float64", dtype)
    return dtype.type


def _numpy(x, alpha):
    return leaky_relu(x, alpha), leaky_relu_grad(x, alpha)


def _torch(x, alpha):
    import torch

    xt = torch.tensor(x, requires_grad=True)
    yt = torch.nn.functional.leaky_relu(xt, negative_slope=alpha)
    yt.sum().backward()
    return yt.detach().numpy(), xt.grad.numpy()


def _tensorflow(x, alpha):
    import tensorflow as tf

    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        yt = tf.nn.leaky_relu(xt, alpha=alpha)
    return yt.numpy(), tape.gradient(yt, xt).numpy()


_COMPUTE = {"numpy": _numpy, "torch": _torch, "tensorflow": _tensorflow}


def forward_and_gradient(framework, x, alpha):
    """``(f(x), f'(x))`` as numpy arrays of x's dtype, computed by ``framework`` (lesson 14).

    ``framework`` is "numpy", "torch" or "tensorflow"; ``x`` a float32 or float64 array.
    """
    if framework not in _COMPUTE:
        fail("framework", f"one of {FRAMEWORKS}", framework)
    alpha = check_alpha(alpha)
    x = as_float_array(x)
    _check_dtype(x.dtype)
    return _COMPUTE[framework](np.ascontiguousarray(x), alpha)


def max_abs_differences(x, alpha, pairs=PAIRS) -> dict:
    """``{(a, b): {"forward": max|f_a - f_b|, "gradient": max|f'_a - f'_b|}}`` (lesson 14).

    Each framework is run once; the differences are Python floats (0.0 when equal).
    """
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2 and set(pair) <= set(FRAMEWORKS)):
            fail("pairs", f"a sequence of (framework, framework) tuples from {FRAMEWORKS}",
                 pair)
    needed = sorted({name for pair in pairs for name in pair}, key=FRAMEWORKS.index)
    results = {name: forward_and_gradient(name, x, alpha) for name in needed}
    return {(a, b): {"forward": _max_abs(results[a][0], results[b][0]),
                     "gradient": _max_abs(results[a][1], results[b][1])}
            for a, b in pairs}


def _max_abs(u, v) -> float:
    return float(np.max(np.abs(np.asarray(u, dtype=np.float64) - np.asarray(v, np.float64))))


def parity_grid(alphas, x) -> dict:
    """Max absolute differences for every alpha in ``alphas`` (lesson 14's explorer).

    Returns ``{"alphas": array, "forward": {pair: array}, "gradient": {pair: array}}``,
    one entry per alpha, pairs as in :data:`PAIRS`. One framework call per alpha and
    framework: about 0.3 s for 101 alphas on a laptop.
    """
    alphas = np.array([check_alpha(a) for a in np.atleast_1d(alphas)])
    if alphas.size == 0:
        fail("alphas", "at least one alpha", alphas)
    rows = [max_abs_differences(x, alpha) for alpha in alphas]
    return {"alphas": alphas,
            "forward": {pair: np.array([row[pair]["forward"] for row in rows]) for pair in PAIRS},
            "gradient": {pair: np.array([row[pair]["gradient"] for row in rows])
                         for pair in PAIRS}}


def float32_rounding(alpha) -> float:
    """``|float32(alpha) - alpha|``: how far TensorFlow's stored alpha is off (lesson 14).

    Times ``max|x|`` over the negative inputs it bounds TensorFlow's float64 difference.
    """
    alpha = check_alpha(alpha)
    return abs(float(np.float32(alpha)) - alpha)
