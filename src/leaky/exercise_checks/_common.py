"""What several lessons' checkers share: comparing a student's elementwise function with the
reference and naming the mistake (lessons 01, 02, 03 and later).

Checker machinery, not for students: the student-facing ``check`` and ``hint`` live in
``leaky.exercises``.
"""

from __future__ import annotations

import numpy as np

from ..exercises import Mistake, call_student, short

__all__ = ["EDGE_X", "battery", "compare_elementwise", "as_number", "as_values",
           "raise_known_mistake"]

EDGE_X = np.array([-3.0, -1.0, -1e-8, 0.0, 1e-8, 0.5, 1.0, 3.0])


def battery(rng) -> np.ndarray:
    """The edge values followed by 40 normal draws with standard deviation 4."""
    return np.concatenate([EDGE_X, rng.normal(scale=4.0, size=40)])


def as_number(value, what: str = "the answer") -> float:
    """``value`` as a float, or a :class:`Mistake` saying a number was expected."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise Mistake(f"{what} must be a number, got {short(value)}.")
    number = float(value)
    if not np.isfinite(number):
        raise Mistake(f"{what} must be a finite number, got {number}.")
    return number


def as_values(result) -> np.ndarray:
    """The student's result as a float array, or a :class:`Mistake` saying it is not numbers."""
    try:
        return np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise Mistake(f"your function returned {short(result)}, not numbers.") from None


def raise_known_mistake(values, expected, known) -> None:
    """If ``values`` differ from ``expected`` and equal one of the ``known`` wrong answers
    (pairs of an array and the message that names that mistake), raise that message."""
    if values.shape != np.shape(expected) or np.allclose(values, expected):
        return
    for wrong, message in known:
        if np.allclose(values, wrong):
            raise Mistake(message)


def compare_elementwise(function, reference, *, alphas=(0.01, 0.2, 1.5), takes_alpha=True,
                        what="f(x)"):
    """Compare a student's elementwise function with ``reference`` and name the mistake.

    Checks, on edge values and 40 random points for each alpha: returns something, shape,
    values (classifying a disagreement as at x = 0, for negative x, for positive x, or only
    for alpha > 1), float32 dtype kept, input not modified (by :func:`call_student`).
    Returns a success note.
    """
    rng = np.random.default_rng(0)
    x = battery(rng)
    for alpha in alphas if takes_alpha else (None,):
        args = (alpha,) if takes_alpha else ()
        result = as_values(call_student(function, x.copy(), *args))
        if result.shape != x.shape:
            raise Mistake(f"wrong shape: for x of shape {x.shape} it returned shape "
                          f"{result.shape}; apply the rule to each element.")
        expected = np.asarray(reference(x, *args))
        wrong = ~np.isclose(result, expected, rtol=1e-7, atol=1e-12)
        if wrong.any():
            i = int(np.argmax(wrong))
            at = what.replace("x", repr(float(x[i])), 1) if "x" in what else what
            where = ("at x = 0" if x[i] == 0 and wrong.sum() == 1 else
                     "for negative x" if (x[wrong] < 0).all() else
                     "for positive x" if (x[wrong] > 0).all() else "for several x")
            alpha_note = f" with alpha = {alpha}" if takes_alpha else ""
            if takes_alpha and alpha > 1 and _passes_small_alphas(function, reference, x):
                raise Mistake(f"wrong for alpha > 1: {at} should be {expected[i]:.4g}, "
                              f"got {result[i]:.4g} (alpha = {alpha}). max(alpha*x, x) "
                              "only works for alpha <= 1; use the piecewise rule.")
            raise Mistake(f"wrong {where}{alpha_note}: {at} should be {expected[i]:.4g}, "
                          f"got {result[i]:.4g}.")
    x32 = x.astype(np.float32)
    out32 = call_student(function, x32, *((alphas[0],) if takes_alpha else ()))
    dtype = getattr(out32, "dtype", None)
    if dtype != np.float32:
        raise Mistake(f"dtype changed: float32 in, {dtype or type(out32).__name__} out. "
                      "Build the result from x itself (x, alpha * x, or constants of "
                      "x.dtype) so it keeps x's dtype.")
    tested = f"alpha in {list(alphas)}, " if takes_alpha else ""
    return f"Matches the reference on {x.size} inputs ({tested}x = 0 included), keeps float32."


def _passes_small_alphas(function, reference, x) -> bool:
    for alpha in (0.01, 0.2):
        try:
            result = np.asarray(function(x.copy(), alpha), dtype=float)
        except Exception:  # the student's code: any failure means "does not pass"
            return False
        if result.shape != x.shape or not np.allclose(result, reference(x, alpha)):
            return False
    return True
