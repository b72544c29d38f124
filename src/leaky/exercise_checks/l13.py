"""Lesson 13 exercises: an in-place Leaky ReLU; an input that breaks the max form."""

from __future__ import annotations

import tracemalloc

import numpy as np

from .._validate import check_alpha
from ..activations import leaky_relu
from ..exercises import Mistake, call_student, exercise

#: Exercise 13.1's memory limit: peak extra memory below this fraction of x.nbytes.
MEMORY_LIMIT = 0.5
MEMORY_SIZE = 1 << 20  # elements of the float64 array used for the memory test

_SPECIAL = np.array([-np.inf, -1e300, -3.0, -1.0, -1e-8, -0.0, 0.0, 1e-8, 0.5, 1.0, 3.0,
                     1e300, np.inf, np.nan])


def _same(a, b) -> np.ndarray:
    """Elementwise equality (within float rounding) that counts NaN == NaN and inf == inf."""
    with np.errstate(invalid="ignore"):
        close = np.isclose(a, b, rtol=1e-7, atol=0.0)
    return close | (a == b) | (np.isnan(a) & np.isnan(b))


def peak_extra_bytes(function, *args):
    """Peak bytes allocated while ``function(*args)`` runs, above the allocations before it,
    and its result. Uses ``tracemalloc`` (numpy reports its arrays to it); leaves tracing as
    it found it. Introduced in lesson 13."""
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    try:
        result = function(*args)
    finally:
        peak = tracemalloc.get_traced_memory()[1] - before
        if not was_tracing:
            tracemalloc.stop()
    return peak, result


def _check_inplace_values(function, x, alpha):
    given = x.copy()
    with np.errstate(all="ignore"):  # 0 * -inf and the like: reported below, not warned
        result = call_student(function, given, alpha, may_modify=(0,), returns_none=True)
    expected = leaky_relu(x, alpha)
    changed = not np.array_equal(given, x, equal_nan=True)
    if result is None:
        raise Mistake("your function returns None: end it with `return x` (the same array "
                      "it changed).")
    if result is not given:
        if not changed:
            raise Mistake("x is unchanged: your function returns a new array instead of "
                          "overwriting x. Write into x itself (e.g. out=x) and return x.")
        raise Mistake("x was changed, but the function returned a different object: "
                      "return x itself, not a copy or a new array.")
    if given.dtype != x.dtype:
        raise Mistake(f"the dtype changed from {x.dtype} to {given.dtype}.")
    wrong = ~_same(given, expected)
    if not wrong.any():
        return
    bad_x = x[wrong]
    i = int(np.argmax(wrong))
    shown = f"x = {x[i]!r} should give {expected[i]!r}, got {given[i]!r} (alpha = {alpha})"
    if alpha == 0 and np.all(np.isneginf(bad_x)):
        raise Mistake(f"{shown}: 0 * -inf is nan. For alpha = 0 use ReLU's "
                      "np.maximum(x, 0, out=x) instead of multiplying by 0.")
    if alpha > 1:
        raise Mistake(f"wrong for alpha > 1: {shown}. max(x, alpha * x) picks the wrong "
                      "branch when alpha > 1; change only the negative elements.")
    if np.all(bad_x > 0):
        raise Mistake(f"positive values changed: {shown}. Did you overwrite x with alpha * x "
                      "and then read it again (aliasing)? Positive elements must stay as "
                      "they are.")
    raise Mistake(f"wrong values: {shown}.")


@exercise("13.1", "an in-place leaky_relu_inplace(x, alpha)", hints=[
    "Only the negative elements change: they become alpha * x. The others stay as they are.",
    "np.multiply(x, alpha, out=x, where=x < 0) multiplies just those elements, in x itself, "
    "with only a boolean mask as temporary.",
    "alpha = 0 is ReLU: 0 * -inf is nan, so use np.maximum(x, 0, out=x) for that case. "
    "Return x at the end.",
])
def check_inplace(function):
    rng = np.random.default_rng(13)
    x = np.concatenate([_SPECIAL, rng.normal(scale=4.0, size=50)])
    for alpha in (0.01, 0.2, 1.0, 1.5, 4.0, 0.0):
        _check_inplace_values(function, x, alpha)
    with np.errstate(over="ignore"):
        x32 = x.astype(np.float32)  # +-1e300 become +-inf
    _check_inplace_values(function, x32, 0.1)

    big = rng.standard_normal(MEMORY_SIZE)
    expected = leaky_relu(big, 0.1)
    peak, result = peak_extra_bytes(lambda: call_student(function, big, 0.1,
                                                                may_modify=(0,)))
    if result is not big or not np.array_equal(big, expected):
        raise Mistake("on a large array (1M values) the result is not leaky_relu(x) "
                      "written into x.")
    ratio = peak / big.nbytes
    if ratio >= 1:
        raise Mistake(f"peak extra memory was {ratio:.2f} x the size of x: a full-size "
                      "temporary (alpha * x, np.where(...), a copy). Change x only where "
                      "x < 0, with out=x and where=.")
    if ratio >= MEMORY_LIMIT:
        raise Mistake(f"peak extra memory was {ratio:.2f} x the size of x (limit "
                      f"{MEMORY_LIMIT}). x[x < 0] *= alpha copies all negative elements out "
                      "and back; np.multiply(x, alpha, out=x, where=x < 0) does not.")
    return (f"Correct for alpha in [0, 0.01, 0.2, 1, 1.5, 4] incl. inf and nan, returns x "
            f"itself, and the peak extra memory on 1M values was {ratio:.2f} x the size of x.")


def one_liner(x, a):
    """Exercise 13.2's implementation under test: the slides' max form."""
    return np.maximum(a * x, x)


@exercise("13.2", "an input (x, alpha) that breaks np.maximum(a * x, x)", hints=[
    "For 0 <= alpha <= 1 and finite x the max form is right, however large x is.",
    "What does max(alpha * x, x) pick for x = 2 when alpha = 1.5?",
    "Another kind: alpha = 0 and x = -inf. What is 0 * -inf?",
])
def check_breaking(answer):
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Mistake(f"give a pair (x, alpha), e.g. (1.0, 0.5); got {answer!r}")
    x_given, alpha_given = answer
    try:
        alpha = check_alpha(alpha_given)
    except (TypeError, ValueError):
        raise Mistake(f"alpha must be a finite number >= 0 (leaky.leaky_relu accepts no "
                      f"other), got {alpha_given!r}") from None
    try:
        x = np.asarray(x_given, dtype=np.float64)
    except (TypeError, ValueError):
        raise Mistake(f"x must be a number or an array of numbers, got {x_given!r}") from None
    with np.errstate(all="ignore"):
        naive = np.asarray(one_liner(x, alpha))
    expected = np.asarray(leaky_relu(x, alpha))
    broken = ~((naive == expected) | (np.isnan(naive) & np.isnan(expected)))
    if broken.any():
        i = np.unravel_index(int(np.argmax(broken)), broken.shape)
        shown = (f"at x = {float(x[i])!r}, alpha = {alpha}: one_liner gives "
                 f"{float(naive[i])!r}, leaky_relu {float(expected[i])!r}.")
        if alpha > 1:
            return (f"Broken {shown} For alpha > 1 max picks the wrong branch. The other kind: "
                    "alpha = 0 with x = -inf.")
        return (f"Broken {shown} 0 * -inf is nan. The other kind: any alpha > 1 with a "
                "non-zero x.")
    if alpha <= 1 and np.all(np.isfinite(x)):
        raise Mistake("they agree: for 0 <= alpha <= 1 and finite x the max form is right, "
                      "even for x = 1e300 (alpha * x cannot overflow). Try alpha > 1, or an "
                      "infinite x.")
    if alpha > 1:
        raise Mistake("they agree: with alpha > 1 any non-zero finite x breaks it, but you "
                      "chose x = 0, inf or nan, where both give the same.")
    raise Mistake("they agree on that infinite or nan input with this alpha. Which alpha "
                  "makes alpha * inf a problem?")
