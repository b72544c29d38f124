"""Argument checks shared by the whole package: one place, one message style.

Every error names the argument, says what was expected and echoes what was received,
for example ``ValueError: alpha must be a finite number >= 0, got nan``.
A value of the wrong *type* raises ``TypeError``; a value of the right type but outside
what is allowed raises ``ValueError``. The text has the same shape in both.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = ["fail", "show", "check_real", "check_alpha", "check_int", "check_positive_int",
           "as_float_array", "check_out", "as_generator"]


def show(value, limit: int = 60) -> str:
    """A short, readable echo of a value for messages: arrays by shape and dtype, long
    reprs cut to ``limit`` characters."""
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def fail(name: str, expected: str, got, *, error=ValueError):
    """Raise ``error`` with the package's one message style."""
    raise error(f"{name} must be {expected}, got {show(got)}")


def _describe(low, high, low_open, high_open) -> str:
    parts = []
    if low is not None:
        parts.append(f"{'>' if low_open else '>='} {low:g}")
    if high is not None:
        parts.append(f"{'<' if high_open else '<='} {high:g}")
    return "a finite number" + (" " + " and ".join(parts) if parts else "")


def check_real(value, name: str, low=None, high=None, *, low_open=False,
               high_open=False) -> float:
    """Return ``value`` as a Python float, or raise naming ``name``.

    Accepts any ``numbers.Real`` (int, float, numpy scalars such as ``np.float32(0.1)``)
    and 0-d numeric arrays; bool is not a number here. Wrong type: ``TypeError``. NaN,
    infinity or a value outside ``[low, high]`` (open ends with ``low_open``/``high_open``):
    ``ValueError``.
    """
    expected = _describe(low, high, low_open, high_open)
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        fail(name, expected, value, error=TypeError)
    number = float(value)
    too_low = low is not None and (number <= low if low_open else number < low)
    too_high = high is not None and (number >= high if high_open else number > high)
    if not math.isfinite(number) or too_low or too_high:
        fail(name, expected, value)
    return number


def check_alpha(alpha, name: str = "alpha") -> float:
    """Return ``alpha`` as a Python float, or raise if it is not a finite number >= 0."""
    return check_real(alpha, name, low=0)


def check_int(value, name: str, low=None, high=None) -> int:
    """Return ``value`` as an int in ``[low, high]``, or raise naming ``name``.

    Wrong type (float, bool, str ...): ``TypeError``; out of range: ``ValueError``.
    """
    bounds = [f">= {low}"] if low is not None else []
    bounds += [f"<= {high}"] if high is not None else []
    expected = "a whole number" + (" " + " and ".join(bounds) if bounds else "")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        fail(name, expected, value, error=TypeError)
    if (low is not None and value < low) or (high is not None and value > high):
        fail(name, expected, value)
    return int(value)


def check_positive_int(value, name: str) -> int:
    """Return ``value`` as an int >= 1, or raise naming ``name``."""
    return check_int(value, name, low=1)


def as_float_array(x, name: str = "x") -> np.ndarray:
    """Convert real-valued input to a float ndarray without copying floats.

    float16/32/64 arrays are returned as they are (no copy); bool, integer, list and
    scalar input become float64. None, strings, complex numbers and object arrays
    raise ``TypeError`` naming ``name``.
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


def as_generator(rng, name: str = "rng") -> np.random.Generator:
    """Return a ``numpy.random.Generator`` for ``rng``: None (fresh entropy), an int seed >= 0,
    or a Generator (used as it is, so the caller's stream advances)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng()
    expected = "None, an int seed >= 0 or a numpy.random.Generator"
    if isinstance(rng, (bool, np.bool_)) or not isinstance(rng, numbers.Integral):
        fail(name, expected, rng, error=TypeError)
    if rng < 0:
        fail(name, expected, rng)
    return np.random.default_rng(int(rng))
