"""Timing a piece of code the way lessons 05 and 13 and ``bench/`` do: best of several runs.

The best (smallest) time of several repeats is the least disturbed by whatever else the
machine is doing; lessons compare such times only as ratios measured in the same cell
(``best_time(f) / best_time(copy)``), never as absolute seconds.
"""

from __future__ import annotations

import timeit

from ._validate import check_positive_int, fail

__all__ = ["best_time"]


def best_time(function, repeat=7, number=1) -> float:
    """Seconds per call of ``function()``: the best of ``repeat`` runs of ``number`` calls."""
    if not callable(function):
        fail("function", "a callable taking no arguments", function, error=TypeError)
    repeat = check_positive_int(repeat, "repeat")
    number = check_positive_int(number, "number")
    return min(timeit.repeat(function, repeat=repeat, number=number)) / number
