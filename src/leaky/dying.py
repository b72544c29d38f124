"""Measuring dead units (introduced in lesson 05, reused by lesson 12).

A unit of a layer is *dead* on a data set when its pre-activation ``z`` is ``<= 0`` for
every example: ReLU then outputs 0 and passes back a gradient of exactly 0 for all of them
(the derivative at 0 is taken from the left, as in :func:`leaky.relu_grad`), so gradient
descent can never change the unit's incoming weights again. For Leaky ReLU the same units
still get a gradient, ``alpha`` times smaller: the lessons call them dead too (inactive on
the whole data set) and measure whether they come back.

``z`` is the matrix of pre-activations of one layer, shape (examples, units), or a stack of
such matrices, shape (..., examples, units), one per network (lesson 05 trains many networks
at once): the examples are always the second-to-last axis, the units the last.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, fail

__all__ = ["dead_unit_mask", "count_dead_units", "dead_fraction"]


def _pre_activations(z) -> np.ndarray:
    z = as_float_array(z, "z")
    if z.ndim < 2 or z.shape[-2] == 0 or z.shape[-1] == 0:
        fail("z", "an array of pre-activations of shape (examples, units), or a stack of "
             "them (..., examples, units), with at least one example and one unit", z)
    return z


def dead_unit_mask(z) -> np.ndarray:
    """One bool per unit (last axis of ``z``): True where ``z <= 0`` for every example.

    For ``z`` of shape (examples, units) the result has shape (units,); for a stack of
    networks, shape (..., units). NaN counts as not dead (a diverged run has to be detected
    separately). Lesson 05.
    """
    return np.all(_pre_activations(z) <= 0, axis=-2)


def count_dead_units(z):
    """How many units are dead: ``z <= 0`` for every example (lesson 05).

    An int for one layer (``z`` of shape (examples, units)), an int array for a stack.
    """
    counts = np.count_nonzero(dead_unit_mask(z), axis=-1)
    return int(counts) if np.ndim(counts) == 0 else counts


def dead_fraction(z):
    """The fraction of units that are dead, between 0 and 1 (lesson 05).

    A float for one layer (``z`` of shape (examples, units)), a float array for a stack.
    """
    mask = dead_unit_mask(z)
    fraction = np.count_nonzero(mask, axis=-1) / mask.shape[-1]
    return float(fraction) if np.ndim(fraction) == 0 else fraction
