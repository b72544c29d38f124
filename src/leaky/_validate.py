"""Argument checks shared by the whole package: one place, one message style.

Every error names the argument, says what was expected and echoes what was received,
for example ``ValueError: alpha must be a finite number >= 0, got nan``.
Type problems raise ``TypeError``, value problems ``ValueError``; the text has the same
shape in both.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = ["check_alpha", "as_float_array", "check_out", "check_positive_int", "fail"]


def _show(value) -> str:
    """A short, readable echo of a received value for error messages."""
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def fail(name: str, expected: str, got, *, error=ValueError):
    """Raise ``error`` with the package's one message style."""
    raise error(f"{name} must be {expected}, got {_show(got)}")


def check_alpha(alpha, name: str = "alpha") -> float:
    """Return ``alpha`` as a Python float, or raise if it is not a finite number >= 0."""
    expected = "a finite number >= 0"
    if isinstance(alpha, (bool, np.bool_)) or not isinstance(alpha, numbers.Real):
        if isinstance(alpha, np.ndarray) and alpha.ndim == 0 and alpha.dtype.kind in "iuf":
            alpha = alpha.item()
        else:
            fail(name, expected, alpha, error=TypeError)
    value = float(alpha)
    if not math.isfinite(value) or value < 0:
        fail(name, expected, alpha)
    return value


def check_positive_int(value, name: str) -> int:
    """Return ``value`` as an int >= 1, or raise naming ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        fail(name, "a whole number >= 1", value, error=TypeError)
    if value < 1:
        fail(name, "a whole number >= 1", value)
    return int(value)


def as_float_array(x, name: str = "x") -> np.ndarray:
    """Convert real-valued input to a float ndarray without copying floats.

    float16/32/64 arrays are returned as they are (no copy); bool, integer, list and
    scalar input become float64. None, strings, complex numbers and object arrays
    raise an error that names ``name``.
    """
    expected = "real numbers (a number, list or array of int, bool or float)"
    if x is None or isinstance(x, (str, bytes)):
        fail(name, expected, x, error=TypeError)
    if isinstance(x, np.ndarray):
        array = x
    else:
        try:
            array = np.asarray(x)
        except (ValueError, TypeError):  # ragged nested lists and the like
            fail(name, expected, x, error=TypeError)
    kind = array.dtype.kind
    if kind == "f":
        return array
    if kind in "biu":
        return array.astype(np.float64)
    if kind == "c":
        fail(name, "real numbers, not complex", x, error=TypeError)
    fail(name, expected, x, error=TypeError)


def check_out(out, shape, dtype, name: str = "out") -> np.ndarray:
    """Check an ``out=`` array: an ndarray with exactly the result's shape and dtype."""
    if not isinstance(out, np.ndarray):
        fail(name, "a numpy array (or None)", out, error=TypeError)
    if out.shape != shape or out.dtype != dtype:
        fail(name, f"an array of shape {shape} and dtype {np.dtype(dtype)}", out)
    if not out.flags.writeable:
        fail(name, "a writeable array", out)
    return out
