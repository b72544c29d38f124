"""Turning an ``rng`` argument (None, an int seed or a Generator) into a Generator."""

from __future__ import annotations

import numbers

import numpy as np

from ._validate import fail

__all__ = ["as_generator"]


def as_generator(rng, name: str = "rng") -> np.random.Generator:
    """Return a ``numpy.random.Generator`` for ``rng``: None (fresh entropy), an int seed >= 0,
    or a Generator (used as it is, so the caller's stream advances)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool) and rng >= 0:
        return np.random.default_rng(int(rng))
    fail(name, "None, an int seed >= 0 or a numpy.random.Generator", rng, error=TypeError)
