"""Measuring dead units (introduced in lesson 05, reused by lesson 12).

A unit of a layer is *dead* on a data set when its pre-activation ``z`` is ``<= 0`` for
every example: ReLU then outputs 0 and passes back a gradient of exactly 0 for all of them
(the derivative at 0 is taken from the left, as in :func:`leaky.relu_grad`), so gradient
descent can never change the unit's incoming weights again. For Leaky ReLU the same units
still get a gradient, ``alpha`` times smaller: the lessons call them dead too (inactive on
the whole data set) and measure whether they come back.

``z`` is always the matrix of pre-activations of one layer, shape (examples, units).
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, fail

__all__ = ["dead_unit_mask", "count_dead_units", "dead_fraction"]


def _pre_activations(z) -> np.ndarray:
    z = as_float_array(z, "z")
    if z.ndim != 2 or z.shape[0] == 0 or z.shape[1] == 0:
        fail("z", "a 2-D array of pre-activations of shape (examples, units), both >= 1", z)
    return z


def dead_unit_mask(z) -> np.ndarray:
    """One bool per unit (column of ``z``): True where ``z <= 0`` for every example (lesson 05).

    NaN counts as not dead (a diverged run has to be detected separately).
    """
    return np.all(_pre_activations(z) <= 0, axis=0)


def count_dead_units(z) -> int:
    """How many units (columns of ``z``) are dead: ``z <= 0`` for every example (lesson 05)."""
    return int(np.count_nonzero(dead_unit_mask(z)))


def dead_fraction(z) -> float:
    """The fraction of units (columns of ``z``) that are dead, between 0 and 1 (lesson 05)."""
    mask = dead_unit_mask(z)
    return float(np.count_nonzero(mask) / mask.size)
